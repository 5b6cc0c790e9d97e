/* ka_commands.h - the toolkit's commands: a protocol handler for the URLs
 * org.keyaccount.calc:<Command> (registration/ProtocolHandler.xcu), which
 * the "Key accounts" menu (registration/Addons.xcu), macros and tests
 * dispatch (docs/commands.md).
 *
 * One table (ka_commands.c) lists every command: its name, its title in
 * ka_messages and the function that runs it.  A command runs on the thread
 * that dispatched it (the main thread from the menu, a bridge thread from
 * a remote macro: LibreOffice's API locks itself), holds no lock of ours,
 * and always ends with a result: success or failure with a message in the
 * user's language, which dispatchWithNotification hands to its listener. */
#ifndef KA_COMMANDS_H
#define KA_COMMANDS_H

#include "ka_messages.h"
#include "ka_status.h"
#include "ka_uno.h"

#define KA_COMMANDS_IMPL "org.keyaccount.calc.Commands"
#define KA_COMMANDS_PROTOCOL "org.keyaccount.calc:"

extern const char *const ka_commands_services[];

/* What a command runs with (all borrowed, valid during the run). */
typedef struct ka_command_env {
    uno_Interface *ctx;   /* the component context */
    uno_Interface *frame; /* the frame the handler was made for (may be NULL) */
    uno_Interface *model; /* that frame's document (may be NULL) */
    uno_Sequence *args;   /* the dispatch's sequence<PropertyValue>; NULL or empty: none */
    const char *lang;     /* the toolkit's language (ka_language_current) */
    ka_msg_id title;      /* the command's name for the user: its dialog's title */
} ka_command_env;

/* A command.  Returns KA_OK when it did its work, another status when it
 * did nothing (the document as it was); either way *message is a
 * malloc'ed UTF-8 sentence for the user (caller free()s), or NULL when
 * out of memory.  KA_ERR_ARG: bad input or refused by LibreOffice. */
typedef ka_status (*ka_command_fn)(const ka_command_env *env, char **message);

typedef struct ka_command {
    const char *name; /* after the protocol: "ShareCopy" */
    ka_msg_id title;  /* its name for the user (the menu adds "..."): dialog and message titles */
    ka_command_fn run;
} ka_command;

/* "Share a copy with values" (ka_share_copy.c): with the argument URL
 * (and FilterName) it saves the copy without a dialog, with neither it
 * asks for the file with a Save As picker. */
ka_status ka_command_share_copy(const ka_command_env *env, char **message);

/* The sales review (ka_sales_review.c, docs/commands.md): with the
 * arguments Clients and Sales or Periods (and optionally Groups, SheetName,
 * Replace) it builds the review sheet; without them it fails with a message
 * naming the arguments it needs. */
ka_status ka_command_sales_review(const ka_command_env *env, char **message);

/* A new protocol handler (one reference), or NULL when out of memory.
 * context: the component context (borrowed, acquired by the handler). */
uno_Interface *ka_commands_new(uno_Interface *context);

/* ---- helpers for the commands ---- */

/* *out: a malloc'ed UTF-8 message made from format (a ka_msg text with
 * printf placeholders) and its arguments; NULL when out of memory. */
void ka_command_message(char **out, const char *format, ...) __attribute__((format(printf, 2, 3)));

/* The string argument name of the dispatch: *out malloc'ed UTF-8 (caller
 * free()s), NULL when absent or not a string.  KA_ERR_NOMEM. */
ka_status ka_command_arg_string(const ka_command_env *env, const char *name, char **out);

#endif
