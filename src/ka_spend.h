/* ka_spend.h - the Gamma-Gamma model of spend per transaction (Fader, Hardie
 * & Lee 2005, "RFM and CLV: using iso-value curves"): maximum-likelihood fit
 * and the expected spend of a client.  Core of GAMMAGAMMAFIT and
 * EXPECTEDSPEND; the maths is in docs/churn.md.
 *
 * Per client: x, the number of repeat transactions (an integer >= 0, the
 * Frequency of ka_bgnbd.h), and m, the mean spend of those x transactions.
 * Transaction values of a client ~ Gamma(shape p, rate nu), nu ~ Gamma(shape
 * q, rate v) across clients, independent of the purchase process.
 * No global state, no allocation except inside ka_spend_fit (freed there).
 */
#ifndef KA_SPEND_H
#define KA_SPEND_H

#include <stddef.h>

#include "ka_status.h"

typedef struct ka_spend_params {
    double p, q, v;
} ka_spend_params;

/* Checks one client's (x, m) for the spend model.
 * Returns KA_OK, or KA_ERR_ARG (Err:502) if x is not a finite integer >= 0,
 * or x > 0 and m is not finite and > 0.  m is not read when x == 0. */
ka_status ka_spend_check_client(double x, double m);

/* Checks parameters: p non-NULL, p, q, v finite and > 0.
 * Returns KA_OK or KA_ERR_ARG (Err:502). */
ka_status ka_spend_check_params(const ka_spend_params *p);

/* Maximum-likelihood fit over the n clients (GAMMAGAMMAFIT); clients with
 * x == 0 carry no spend and are skipped.  Clients with equal (x, m) are
 * merged into one weighted term taken in a canonical order, so the result
 * does not depend on the order of the input and is the same bits on every
 * run.  No starting values are needed.
 * out: the fitted parameters; loglik: optional (may be NULL), the maximised
 * log-likelihood of the m values (the lifetimes convention).  Both untouched
 * on failure.
 * Returns KA_OK; KA_ERR_ARG (Err:502) for NULL pointers or an invalid client;
 * KA_ERR_NOCONV (Err:523) when the likelihood has no finite maximum (no
 * client with x > 0, one such client only, all of them alike), cannot be
 * evaluated (valid but extreme values) or the optimiser did not converge;
 * KA_ERR_NOMEM. */
ka_status ka_spend_fit(const double *x, const double *m, size_t n, ka_spend_params *out,
                       double *loglik);

/* Standard errors of parameters p fitted to the n clients (GAMMAGAMMAFIT's
 * second row; clients with x == 0 skipped as in ka_spend_fit): the square
 * roots of the diagonal of the inverse observed information in p, q, v,
 * from the Hessian in log-parameters by central differences of the
 * analytic gradient and the delta method (ka_optim_std_errors).
 * se: written on success only.
 * Returns KA_OK with every value finite and > 0; KA_ERR_ARG (Err:502) for
 * NULL pointers, invalid params or an invalid client; KA_ERR_NOCONV
 * (Err:523) when no client has x > 0, or the information is not clearly
 * positive definite at p (a flat direction, not a maximum); KA_ERR_NOMEM. */
ka_status ka_spend_std_errors(const ka_spend_params *p, const double *x, const double *m, size_t n,
                              ka_spend_params *se);

/* Expected spend per transaction of a client with history (x, m)
 * (EXPECTEDSPEND): the posterior mean p (v + x m) / (p x + q - 1), which is
 * the population mean v p / (q - 1) for x == 0 (m not read).
 * Returns KA_OK and writes a finite *spend > 0; KA_ERR_ARG (Err:502) for
 * invalid params, q <= 1 (no finite mean), an invalid client or spend NULL;
 * KA_ERR_NOCONV (Err:523) when the value is not representable (q - 1 so
 * small that the population mean overflows). */
ka_status ka_spend_expected(const ka_spend_params *p, double x, double m, double *spend);

#endif
