/* ka_review_dialog.h - the dialogs of the review commands (SalesReview,
 * ChurnReview: docs/commands.md) and their prefill from the selection.
 *
 * A review command is one function that runs with its arguments
 * (ka_command_fn).  The protocol handler (ka_commands.c) hands every
 * dispatch of a command that has a form here to ka_review_dialog_run, which
 *   - with the argument Prefill = true returns the arguments it guesses
 *     from the selection (src/ka_review_guess.h) without doing anything;
 *   - with none of the form's arguments (the menu, the "Review" panel)
 *     opens the form's dialog, prefilled, and on OK calls the command's
 *     function with the arguments collected there: dialog and dispatch take
 *     one path; a failure is shown in the dialog, which stays open;
 *   - else calls the command's function with the dispatch's arguments.
 *
 * Main thread (a dialog) or the dispatching thread; no lock of ours. */
#ifndef KA_REVIEW_DIALOG_H
#define KA_REVIEW_DIALOG_H

#include "ka_commands.h"

/* What an argument of a review is filled from. */
typedef enum ka_review_dialog_role {
    KA_DIALOG_CLIENT,  /* the client id column */
    KA_DIALOG_SALES,   /* the annual sales column */
    KA_DIALOG_PERIODS, /* the block of period columns */
    KA_DIALOG_GROUP,   /* the group column */
    KA_DIALOG_DATE,    /* the order date column */
    KA_DIALOG_AMOUNT,  /* the order amount column */
    KA_DIALOG_CHOICE,  /* one of the field's numbers, by name (a list in the dialog) */
    KA_DIALOG_NUMBER   /* a whole number from 1 (a text field in the dialog) */
} ka_review_dialog_role;

/* One argument of a review and its row of the dialog, whose controls are
 * named after the argument: <arg> and <arg>_label. */
typedef struct ka_review_dialog_field {
    const char *arg; /* the dispatch argument, e.g. "Clients" */
    ka_msg_id label;
    ka_review_dialog_role role;
    const double *choices;          /* KA_DIALOG_CHOICE: the values (numbers), nchoices of them */
    const ka_msg_id *choice_labels; /* their names in the list, in the same order */
    size_t nchoices;
    double initial; /* KA_DIALOG_CHOICE: the index proposed; KA_DIALOG_NUMBER: the number */
} ka_review_dialog_field;

typedef struct ka_review_dialog {
    const char *command; /* "SalesReview": the URL's name */
    const char *dialog;  /* the dialog's file in the extension, without .xdl */
    bool orders;         /* the selection is an order log (else a client table) */
    const ka_review_dialog_field *fields;
    size_t nfields;
} ka_review_dialog;

/* The form of the command named name ("SalesReview"), or NULL when the
 * command has no dialog of this module.  Static storage. */
const ka_review_dialog *ka_review_dialog_of(const char *name);

/* Runs a review command as described above: run is the command's function
 * (called with env's arguments, or with those of the dialog).  *message
 * as for ka_command_fn; *prefill (with Prefill = true and KA_OK) a new
 * sequence<PropertyValue> of the guessed arguments the caller releases
 * with ka_uno_sequence_release(seq, ka_uno_property_values_type()), else
 * NULL.  Failures: KA_ERR_ARG for no spreadsheet, no usable selection, no
 * window for the dialog (headless), the dialog cancelled; KA_ERR_NOMEM;
 * else what run returns. */
ka_status ka_review_dialog_run(const ka_command_env *env, const ka_review_dialog *form,
                               ka_command_fn run, char **message, uno_Sequence **prefill);

#endif
