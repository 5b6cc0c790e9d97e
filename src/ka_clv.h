/* ka_clv.h - customer lifetime value over a horizon of months: the expected
 * purchases of a repeat-purchase model (ka_bgnbd.h) month by month, times
 * the expected spend per purchase (ka_spend.h), discounted monthly (the
 * lifetimes customer_lifetime_value convention).  Core of CLV; the maths is
 * in docs/churn.md.  No global state, no allocation.
 */
#ifndef KA_CLV_H
#define KA_CLV_H

#include "ka_bgnbd.h"
#include "ka_status.h"

/* Longest horizon accepted, in months (100 years), so that one cell's work
 * stays bounded. */
#define KA_CLV_MAX_MONTHS 1200

/* The horizon and the discounting of a CLV. */
typedef struct ka_clv_terms {
    double months;   /* number of months, a whole number 1 .. KA_CLV_MAX_MONTHS */
    double discount; /* monthly discount rate d, finite and > -1 */
    double units;    /* time units (of Recency and Age) per month, finite and > 0 */
} ka_clv_terms;

/* Checks the terms.  Returns KA_OK, or KA_ERR_ARG (Err:502) when terms is
 * NULL or a field is outside the domain above. */
ka_status ka_clv_check_terms(const ka_clv_terms *terms);

/* CLV of a client with history (x, t_x, T) under a BG/NBD, MBG/NBD or
 * Pareto/NBD model:
 *   sum over i = 1 .. months of spend (E[X(i u)] - E[X((i-1) u)]) / (1 + d)^i,
 * E[X(t)] the conditional expected purchases in the next t time units
 * (ka_bgnbd_expected), u = terms->units, d = terms->discount.
 * spend: expected spend per purchase, finite and >= 0.
 * Returns KA_OK and writes a finite *clv >= 0; KA_ERR_ARG (Err:502) for
 * invalid params, model, client, spend or terms, or clv NULL; KA_ERR_NOCONV
 * (Err:523) when an expectation cannot be evaluated (see ka_bgnbd_expected:
 * a horizon far beyond the age) or the sum overflows (d near -1). */
ka_status ka_clv_bgnbd(const ka_bgnbd_params *p, ka_model model, double x, double t_x, double T,
                       double spend, const ka_clv_terms *terms, double *clv);

#endif
