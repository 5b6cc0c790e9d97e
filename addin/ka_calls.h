/* ka_calls.h - the spreadsheet functions on the UNO side: argument
 * conversion, a call of the core, the result or the Calc error.
 *
 * One handler per entry of the function table (src/ka_functions.c).  The
 * handlers keep per-add-in state (caches of prepared Values ranges, so that
 * a fill-down of 10,000 cells over the same range sorts it once).
 */
#ifndef KA_CALLS_H
#define KA_CALLS_H

#include "ka_functions.h"
#include "ka_uno.h"

typedef struct ka_calls ka_calls;

/* New per-add-in state, or NULL when out of memory; free with ka_calls_free. */
ka_calls *ka_calls_new(void);
/* Frees the state; accepts NULL. */
void ka_calls_free(ka_calls *calls);

/* Runs function fn with the arguments of a UNO call (binary-UNO layout, in
 * the order of fn->args); constructs the result any in ret, or raises the
 * documented Calc error in *exc. */
void ka_calls_invoke(ka_calls *calls, const ka_func_info *fn, void *ret, void *args[],
                     uno_Any **exc);

/* Hook for functions that need the document (DOSSIER): set by the add-in. */
typedef void (*ka_dossier_call_fn)(uno_Interface *document, void *ret, void *args[], uno_Any **exc);

#endif
