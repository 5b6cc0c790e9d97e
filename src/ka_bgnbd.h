/* ka_bgnbd.h - the BG/NBD (Fader, Hardie & Lee 2005), MBG/NBD (Batislam et
 * al. 2007) and Pareto/NBD (Schmittlein, Morrison & Colombo 1987) models of
 * repeat purchasing: log-likelihood, maximum-likelihood fit, P(alive),
 * expected purchases.  Core of BGNBDFIT, CHURNRISK and
 * EXPECTEDPURCHASES; the maths and the choices are in docs/churn.md.
 *
 * Per client, in one time unit of the caller's choice:
 *   x    frequency, the number of repeat purchases (integer >= 0);
 *   t_x  recency, time from the first to the last purchase (0 when x = 0);
 *   T    age, time from the first purchase to the end of observation.
 * Everything is computed in log space, so x in the tens of thousands is fine.
 * No global state, no allocation except inside ka_bgnbd_fit and
 * ka_bgnbd_loglik (freed there).
 */
#ifndef KA_BGNBD_H
#define KA_BGNBD_H

#include <stddef.h>

#include "ka_status.h"

typedef enum ka_model {
    KA_MODEL_BGNBD = 0,  /* BG/NBD: a client may drop out after each repeat purchase */
    KA_MODEL_MBGNBD = 1, /* MBG/NBD: also right after the first purchase (lifetimes'
                            ModifiedBetaGeoFitter) */
    KA_MODEL_PNBD = 2    /* Pareto/NBD (Schmittlein, Morrison & Colombo 1987): a client
                            drops out at any time, at a rate of its own */
} ka_model;

/* Purchase rate ~ Gamma(shape r, rate alpha); dropout probability ~ Beta(a, b).
 * Pareto/NBD: a and b hold s and beta, dropout rate ~ Gamma(shape s, rate beta)
 * (the four cells of BGNBDFIT: r; alpha; s; beta). */
typedef struct ka_bgnbd_params {
    double r, alpha, a, b;
} ka_bgnbd_params;

/* Checks one client's (x, t_x, T).
 * Returns KA_OK, or KA_ERR_ARG (Err:502) if a value is not finite or negative,
 * x is not an integer, t_x > T, or x == 0 with t_x > 0. */
ka_status ka_bgnbd_check_client(double x, double t_x, double T);

/* Checks model parameters: p non-NULL, r, alpha, a, b finite and > 0.
 * Returns KA_OK or KA_ERR_ARG (Err:502). */
ka_status ka_bgnbd_check_params(const ka_bgnbd_params *p);

/* Checks a model number as BGNBDFIT's Model argument gives it (0, 1 or 2).
 * Returns KA_OK and sets *model, or KA_ERR_ARG (Err:502) for anything else
 * (including non-integers and NaN). */
ka_status ka_bgnbd_model_from_number(double number, ka_model *model);

/* Log-likelihood of n clients under the model, in the caller's time unit
 * (the constant the papers report: CDNOW in weeks gives -9582.43 for BG/NBD,
 * -9594.98 for Pareto/NBD).
 * x, t_x, T: n values each, checked with ka_bgnbd_check_client.
 * Returns KA_OK and writes a finite *loglik; KA_ERR_ARG (Err:502) for n == 0,
 * NULL pointers, an unknown model, invalid params or an invalid client, and
 * for params so extreme (r or b near DBL_MAX) that the log-likelihood is not
 * a finite number (*loglik untouched); KA_ERR_NOCONV (Err:523) when a
 * Pareto/NBD series does not converge within 10^6 terms (alpha and beta more
 * than about 10^4 times apart; for x ~ 1000 and t_x near 0, 10^3 times);
 * KA_ERR_NOMEM.
 * Public on purpose: BGNBDFIT reports the value through ka_bgnbd_fit, and the
 * tests evaluate it at the published parameters (FHL 2005) to check the
 * likelihood the fit maximises. */
ka_status ka_bgnbd_loglik(const ka_bgnbd_params *p, ka_model model, const double *x,
                          const double *t_x, const double *T, size_t n, double *loglik);

/* Maximum-likelihood fit over n clients (BGNBDFIT).
 * Clients with equal (x, t_x, T) are merged into one weighted term taken in a
 * canonical order, so the result does not depend on the order of the input
 * and is the same bits on every run.  No starting values are needed.
 * out: the fitted parameters; loglik: optional (may be NULL), the maximised
 * log-likelihood as ka_bgnbd_loglik reports it.  Both untouched on failure.
 * Returns KA_OK; KA_ERR_ARG (Err:502) for n == 0, NULL pointers, an unknown
 * model or an invalid client; KA_ERR_NOCONV (Err:523) when the likelihood has
 * no finite maximum (for example nobody ever repurchased, one client only, or
 * all clients alike), cannot be evaluated at the start (valid but extreme
 * clients: a denormal oldest age, x near 1e270) or the optimiser did not
 * converge; KA_ERR_NOMEM. */
ka_status ka_bgnbd_fit(const double *x, const double *t_x, const double *T, size_t n,
                       ka_model model, ka_bgnbd_params *out, double *loglik);

/* Standard errors of parameters p fitted to n clients (BGNBDFIT's second
 * row): the square roots of the diagonal of the inverse observed
 * information -d2 LL / d theta2 in the original parameters (r, alpha, a, b;
 * Pareto/NBD r, alpha, s, beta), from the Hessian of the log-likelihood in
 * log-parameters by central differences of its analytic gradient, mapped
 * by the delta method (ka_optim_std_errors; docs/churn.md).  Meant for the
 * maximum ka_bgnbd_fit returns; elsewhere the same formula applies.
 * se: the four standard errors, written on success only.
 * Returns KA_OK with every value finite and > 0; KA_ERR_ARG (Err:502) as
 * ka_bgnbd_loglik; KA_ERR_NOCONV (Err:523) when the information is not
 * clearly positive definite at p (a flat direction, not a maximum) or the
 * likelihood is not finite around p; KA_ERR_NOMEM. */
ka_status ka_bgnbd_std_errors(const ka_bgnbd_params *p, ka_model model, const double *x,
                              const double *t_x, const double *T, size_t n, ka_bgnbd_params *se);

/* P(alive | x, t_x, T): probability that the client has not dropped out.
 * BG/NBD: 1 / (1 + a/(b+x-1) ((alpha+T)/(alpha+t_x))^(r+x)), 1 for x = 0;
 * MBG/NBD: 1 / (1 + a/(b+x) ((alpha+T)/(alpha+t_x))^(r+x));
 * Pareto/NBD: 1 / (1 + s I / ((alpha+T)^-(r+x) (beta+T)^-s)), I the integral
 * of the likelihood (docs/churn.md), 1 for t_x = T.
 * Returns KA_OK and writes *prob in [0, 1] (never NaN, also when r + x, b + x
 * or alpha + t_x overflow); KA_ERR_ARG (Err:502) for invalid params, client
 * or model, or prob NULL; KA_ERR_NOCONV (Err:523) when the Pareto/NBD series
 * does not converge (as for ka_bgnbd_loglik) or its sums overflow. */
ka_status ka_bgnbd_palive(const ka_bgnbd_params *p, ka_model model, double x, double t_x, double T,
                          double *prob);

/* Churn risk 1 - P(alive | x, t_x, T) (CHURNRISK), computed directly so that
 * small risks keep their digits.  Same arguments and statuses as
 * ka_bgnbd_palive. */
ka_status ka_bgnbd_churn_risk(const ka_bgnbd_params *p, ka_model model, double x, double t_x,
                              double T, double *risk);

/* Conditional expected number of purchases in the next `horizon` time units
 * of a client with history (x, t_x, T) (EXPECTEDPURCHASES; FHL 2005 eq. 10,
 * its MBG/NBD counterpart, and for Pareto/NBD P(alive) (r+x)(beta+T) /
 * ((alpha+T)(s-1)) (1 - ((beta+T)/(beta+T+horizon))^(s-1)), continuous at
 * s = 1).
 * horizon: finite, >= 0.  Returns KA_OK and writes a finite *e (>= 0);
 * KA_ERR_ARG (Err:502) for invalid arguments; KA_ERR_NOCONV (Err:523) if the
 * hypergeometric series does not converge (horizon more than about 10^4
 * times alpha + T) or cannot be evaluated in double precision (valid but
 * extreme arguments: z = horizon / (alpha + T + horizon) rounds to 1, a
 * posterior parameter such as b + x overflows; Pareto/NBD: as for
 * ka_bgnbd_palive, or a horizon so long that the expectation overflows). */
ka_status ka_bgnbd_expected(const ka_bgnbd_params *p, ka_model model, double horizon, double x,
                            double t_x, double T, double *e);

/* The conditional expectations of ka_bgnbd_expected at the horizons step,
 * 2 step, ..., n step, with P(alive) computed once (CLV's months).
 * e: n values, e[i] for horizon (i + 1) step (same bits as
 * ka_bgnbd_expected there); on failure its contents are unspecified.
 * step: finite, >= 0; n >= 1.  Returns KA_OK; KA_ERR_ARG (Err:502) for
 * invalid arguments; KA_ERR_NOCONV (Err:523) as ka_bgnbd_expected, or when
 * n step overflows. */
ka_status ka_bgnbd_expected_steps(const ka_bgnbd_params *p, ka_model model, double step, size_t n,
                                  double x, double t_x, double T, double *e);

/* Unconditional expected number of repeat purchases E[X(t)] of a new client
 * in (0, t] (FHL 2005 eq. 9; Pareto/NBD: r beta / (alpha (s-1))
 * (1 - (beta/(beta+t))^(s-1))).  Same statuses as ka_bgnbd_expected.
 * Public on purpose, though no spreadsheet function uses it yet: it is the
 * model's published forecast the unit tests check against FHL 2005, and
 * the expected-versus-actual check of a calibration/holdout split (issue 12)
 * is built on it. */
ka_status ka_bgnbd_expected_uncond(const ka_bgnbd_params *p, ka_model model, double t, double *e);

/* Probability that a client with history (x, t_x, T) makes no purchase in
 * the next `horizon` time units (NOPURCHASEPROB):
 *   1 - P(alive) + P(alive) ((alpha + T) / (alpha + T + horizon))^(r + x),
 * for BG/NBD and MBG/NBD alike (a client alive at T drops out only right
 * after a purchase); Pareto/NBD: L(x, t_x, T + horizon) / L(x, t_x, T),
 * the likelihood of the history extended by horizon without a purchase
 * over that of the history.  Derivations in docs/churn.md.  Computed in
 * log space.
 * horizon: finite, >= 0 (0 gives 1).  Returns KA_OK and writes *prob in
 * [0, 1], never NaN, also for huge x and T; KA_ERR_ARG (Err:502) for invalid
 * params, client, model or horizon, or prob NULL; KA_ERR_NOCONV (Err:523)
 * when a Pareto/NBD series does not converge (as for ka_bgnbd_palive) or
 * T + horizon overflows. */
ka_status ka_bgnbd_no_purchase(const ka_bgnbd_params *p, ka_model model, double horizon, double x,
                               double t_x, double T, double *prob);

#endif
