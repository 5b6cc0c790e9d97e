/* ka_status.h - the status every core function returns.
 *
 * Core functions never print, never abort and keep no global state; they
 * report failures through this enum.  The UNO glue (addin/) maps each value
 * to the Calc error a user sees:
 *   KA_ERR_ARG    -> IllegalArgumentException  -> Err:502
 *   KA_ERR_NOCONV -> NoConvergenceException    -> Err:523
 *   KA_ERR_NOMEM  -> RuntimeException          -> #VALUE!
 */
#ifndef KA_STATUS_H
#define KA_STATUS_H

typedef enum ka_status {
    KA_OK = 0,     /* success */
    KA_ERR_ARG,    /* an argument is outside its domain */
    KA_ERR_NOCONV, /* an iterative fit found no finite optimum */
    KA_ERR_NOMEM   /* allocation failed */
} ka_status;

#endif
