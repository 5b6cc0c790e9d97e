/* ka_form.h - the mapping between the dossier field table and the panel's
 * form (registration/DossierPanel.xdl, generated from the same table):
 * which control shows which field, a profile into the controls and back.
 * Control and handler names come from src/ka_form_names.h.
 *
 * Main thread only (the panel's event handlers); every function but
 * ka_form_init and ka_form_field_name calls into LibreOffice. */
#ifndef KA_FORM_H
#define KA_FORM_H

#include "ka_dates.h"
#include "ka_dossier.h"
#include "ka_form_names.h"
#include "ka_status.h"
#include "ka_uno.h"

#define KA_FORM_MAX_SECTIONS 16

typedef struct ka_form {
    const char *lang;         /* its language: a code of ka_languages (ka_i18n.h) */
    ka_date_format date;      /* how its date fields show and read dates (ka_form_init: ISO) */
    uno_Interface *container; /* the form's XControlContainer (owned by the panel) */
    ka_dossier *work;         /* the profile being edited (owned), or NULL */
    long record[KA_FORM_MAX_SECTIONS]; /* selected record of each record section, -1: none */
    bool filling;           /* the form itself is changing controls: their events are ignored */
    char problem[128];      /* the control of the first field Save refused, "" for none */
    char problem_text[600]; /* why: shown under it (KA_FORM_MESSAGE) */
    bool focus_problem;     /* that field is to get the focus at the next layout */
} ka_form;

/* Clears the record selections and sets the form's language, a code of
 * ka_languages, and ISO 8601 dates (the caller sets f->date to the office's
 * locale; the rest is the caller's zeroed memory). */
void ka_form_init(ka_form *f, const char *lang);

/* Readies the controls made from the .xdl: an empty first item (none) in
 * every drop-down list of choices or of a scale.  Once, after the form's
 * container is set. */
void ka_form_prepare(ka_form *f);

/* The number of sections the form shows (the table's, at most
 * KA_FORM_MAX_SECTIONS). */
size_t ka_form_section_count(void);

/* The control name of field fd of section sec into buf (NUL-terminated,
 * truncated to size): f_<field>, or f_<section>_<field> in a record
 * section. */
void ka_form_field_name(char *buf, size_t size, const ka_dossier_section_def *sec,
                        const ka_dossier_field_def *fd);

/* The names of its label (l_...) and of the check box of choice v of a
 * field of several choices (f_type.image-maker), as ka_form_field_name. */
void ka_form_label_name(char *buf, size_t size, const ka_dossier_section_def *sec,
                        const ka_dossier_field_def *fd);
void ka_form_choice_name(char *buf, size_t size, const ka_dossier_section_def *sec,
                         const ka_dossier_field_def *fd, const ka_dossier_enum_value *v);
/* True when field fd is a scale (a whole number whose ends have meanings):
 * the form offers its values in a drop-down list. */
bool ka_form_is_scale(const ka_dossier_field_def *fd);

/* Shows f->work in every control (record sections: their first record).
 * KA_ERR_NOMEM when a text could not be shown (the caller says so). */
ka_status ka_form_show(ka_form *f);

/* Shows the list of records of section i, selecting f->record[i] (moved
 * onto the last record when past it).  KA_ERR_NOMEM. */
ka_status ka_form_show_records(ka_form *f, size_t i);
/* Shows the selected record of section i in its fields (none: empty). */
ka_status ka_form_show_record(ka_form *f, size_t i);

/* Copies every control into f->work.  KA_ERR_ARG when values are refused:
 * msg lists them ("label: reason; ..."), and they are left as they were in
 * f->work; the first refused field is f->problem, to be focused, with its
 * reason in the message control under it (laid out by ka_layout.c).  A field that cannot be read
 * fails the whole copy (KA_ERR_NOMEM or KA_ERR_ARG, msg names it) rather than unsetting it. */
ka_status ka_form_read(ka_form *f, char *msg, size_t size);
/* The same for the selected record of section i. */
ka_status ka_form_read_record(ka_form *f, size_t i, char *msg, size_t size);

/* After the user typed into or picked in a field of the selected record
 * of section i: copies the record's fields into f->work (refusals are
 * left for Save to report) and shows its list again, so that its line
 * shows what is being typed (a new person under the name typed).
 * KA_ERR_NOMEM. */
ka_status ka_form_record_edited(ka_form *f, size_t i);

/* The status line (UTF-8). */
void ka_form_set_status(ka_form *f, const char *text);

/* The handler names the form's events call (for the panel's
 * getSupportedMethodNames): writes up to max names into names (each
 * KA_FORM_NAME_MAX bytes) and returns their number. */
#define KA_FORM_NAME_MAX 96
size_t ka_form_handler_names(char (*names)[KA_FORM_NAME_MAX], size_t max);

/* The record section a record handler names ("onAddRecord_people" with
 * prefix KA_FORM_ON_ADD_RECORD), or -1 when method is not that handler. */
long ka_form_record_section(const char *method, const char *prefix);

#endif
