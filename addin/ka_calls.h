/* ka_calls.h - the spreadsheet functions on the UNO side: argument
 * conversion, a call of the core, the result or the Calc error.
 *
 * Every function of the table (src/ka_functions.c) has one handler,
 * ka_handle_<name>, declared in the generated ka_dispatch.h together with
 * the function ids (KA_FN_<NAME>) and the argument positions by name
 * (KA_<NAME>_<ARGUMENT>).  The handler table in ka_calls.c is initialised
 * from that header, so a function without a handler does not link.
 * Handlers read their arguments by name, call->args[KA_ABCCLASS_LIMITA],
 * never by a bare position.
 *
 * Locking: the state (caches of prepared Values ranges, and of Values split
 * by Groups keyed on both, so that a fill-down of 10,000 cells over the same
 * ranges sorts them once) has its own mutex,
 * held only around work on that state; no lock of this module is held
 * while a handler calls into LibreOffice.  The memo of the order-log
 * functions' results (ka_memo.h: PURCHASECLIENTS and PURCHASESUMMARY with
 * large arguments, keyed by a hash of every argument cell) has a second
 * mutex, held only to look up or store an entry.
 */
#ifndef KA_CALLS_H
#define KA_CALLS_H

#include "ka_dispatch.h"
#include "ka_failures.h"
#include "ka_functions.h"
#include "ka_uno.h"

typedef struct ka_calls ka_calls;

/* One call of a spreadsheet function, as a handler sees it. */
typedef struct ka_call {
    const ka_func_info *fn; /* its row of the function table */
    void **args;            /* the arguments, binary-UNO layout, in table order (borrowed) */
    void *ret;              /* the return slot: an uninitialised any */
    uno_Any **exc;          /* the exception slot (ka_raise_status) */
    ka_calls *state;        /* per-add-in state (ka_calls_pareto) */
} ka_call;

/* A handler: constructs the result any in call->ret, or raises the
 * documented Calc error in *call->exc (never both, never neither). */
typedef void (*ka_handler)(ka_call *call);

/* New per-add-in state, or NULL when out of memory; free with ka_calls_free. */
ka_calls *ka_calls_new(void);
/* Frees the state; accepts NULL. */
void ka_calls_free(ka_calls *calls);

/* Runs function fn with the arguments of a UNO call (binary-UNO layout, in
 * the order of fn->args) through its handler. */
void ka_calls_invoke(ka_calls *calls, const ka_func_info *fn, void *ret, void *args[],
                     uno_Any **exc);

/* Why function (a name of the table) failed lately: the remembered failure
 * of its arguments' hash *args (ka_args_hash_*), or, with args NULL or not
 * remembered, the one reason all its remembered failures gave (see
 * ka_failures_find).  Every failed call of ka_calls_invoke is remembered,
 * the KA_FAILURES_MAX latest of the whole process (any document).  Copies
 * into *out; false when there is nothing to say.  Any thread: a mutex of
 * its own, no call into LibreOffice under it. */
bool ka_calls_why(const char *function, const uint64_t *args, ka_failure *out);

#endif
