/* ka_hyp2f1.h - the Gaussian hypergeometric function 2F1(a, b; c; z) in log space.
 *
 * Scope: what the BG/NBD expectations need, a, b, c > 0 and 0 <= z < 1, where
 * the series has only positive terms and 2F1 >= 1.  Parameters may be large
 * (a client with 10,000 repeat purchases gives a, b, c ~ 10,000): the value is
 * returned as its logarithm, so it never overflows.  See docs/churn.md for the
 * method (power series with running rescaling, Euler's transformation when it
 * shortens the series).
 */
#ifndef KA_HYP2F1_H
#define KA_HYP2F1_H

#include <stddef.h>

#include "ka_status.h"

/* Upper bound on the number of series terms one evaluation may sum.  The
 * series needs about log(1e-17) / log(z) terms as z -> 1, so this limits z to
 * about 1 - 4e-5; beyond it the evaluation reports KA_ERR_NOCONV rather than
 * spinning for seconds in a spreadsheet cell. */
#define KA_HYP2F1_MAX_TERMS 1000000L

/* log 2F1(a, b; c; z).
 * a, b, c: finite and > 0; z: finite, 0 <= z < 1.
 * log_value: receives log 2F1 (>= 0), untouched on failure.
 * Returns KA_OK; KA_ERR_ARG (Err:502) outside that domain or if log_value is
 * NULL; KA_ERR_NOCONV (Err:523) if the series did not converge within
 * KA_HYP2F1_MAX_TERMS terms (z extremely close to 1). */
ka_status ka_hyp2f1_log(double a, double b, double c, double z, double *log_value);

/* log 2F1(a, b; c; z[i]) for n arguments z[0 .. n-1] with the same a, b, c
 * (CLV's months): the series' coefficient ratios, the same for every z, are
 * computed once for all of them, and log_value[i] is the same bits as
 * ka_hyp2f1_log(a, b, c, z[i]) gives.
 * log_value: n values, log_value[i] written where status[i] is KA_OK.
 * status: n values, status[i] what ka_hyp2f1_log returns for z[i].
 * Returns KA_OK when every status[i] is; else the first failing status[i];
 * KA_ERR_ARG (Err:502) also for n == 0 or a NULL pointer (nothing written). */
ka_status ka_hyp2f1_log_many(double a, double b, double c, const double *z, size_t n,
                             double *log_value, ka_status *status);

#endif
