/* ka_model_check.h - how a fitted BG/NBD, MBG/NBD or Pareto/NBD model
 * meets the data it was fitted to: the distribution of repeat purchases it
 * expects against the actual one (core of REPEATCHECK, the histogram of
 * Fader, Hardie & Lee 2005, "Counting your customers" the easy way, fig. 2),
 * and P(alive) on a frequency x recency grid (core of PALIVEGRID, the
 * matrix customer-base tools draw).  Parameters, models and clients as in
 * ka_bgnbd.h; docs/churn.md has the formulas. */
#ifndef KA_MODEL_CHECK_H
#define KA_MODEL_CHECK_H

#include <stddef.h>

#include "ka_bgnbd.h"
#include "ka_status.h"

/* Largest last count of a check ("100+"), and largest grid. */
#define KA_MODEL_CHECK_MAX_COUNT 100
#define KA_MODEL_CHECK_MAX_FREQUENCY 1000
#define KA_MODEL_CHECK_MAX_STEPS 100

/* P(X(t) = k), the probability of k repeat purchases in (0, t] of a client
 * who made his first purchase at 0, for k = 0 .. kmax - 1, and in
 * probs[kmax] P(X(t) >= kmax): kmax + 1 values in [0, 1] summing to 1.
 * BG/NBD: FHL 2005 eq. 8; MBG/NBD: its counterpart (a dropout also right
 * after the first purchase, as lifetimes' ModifiedBetaGeoFitter); Pareto/
 * NBD: (beta / (beta + t))^s NB(k; t) + the integral over the lifetime tau
 * in (0, t] of its density times NB(k; tau), NB the negative binomial count
 * of the Gamma-Poisson purchases, by composite Gauss-Legendre quadrature in
 * ln(1 + tau / min(alpha, beta)) (about 1e-12 absolute).
 * t: finite, >= 0; kmax: 1 .. KA_MODEL_CHECK_MAX_COUNT.
 * Returns KA_OK; KA_ERR_ARG (Err:502) for invalid params or model, a bad t
 * or kmax, or probs NULL. */
ka_status ka_model_check_count_probs(const ka_bgnbd_params *p, ka_model model, double t,
                                     size_t kmax, double *probs);

/* The repeat-purchase histogram of n clients, actual and expected:
 * actual[k] the number of clients with x = k (k < kmax) and actual[kmax]
 * those with x >= kmax; expected[k] the sum over the clients of
 * P(X(T_i) = k) (ka_model_check_count_probs at the client's age).  Clients
 * of equal age are evaluated once, in ascending order of age, so the
 * result does not depend on the order of the input.
 * x, T: n values each (x an integer >= 0, T finite and >= 0).
 * Returns KA_OK; KA_ERR_ARG (Err:502) for n == 0, an invalid client, params,
 * model or kmax, or NULL pointers; KA_ERR_NOMEM. */
ka_status ka_model_check_repeats(const ka_bgnbd_params *p, ka_model model, const double *x,
                                 const double *T, size_t n, size_t kmax, double *actual,
                                 double *expected);

/* P(alive | x, t_x, age) for x = 0 .. max_x and t_x = the steps + 1
 * recencies 0, age / steps, ..., age (recency[j] = age j / steps).
 * grid: (max_x + 1) * (steps + 1) values, row x, column j; defined[] the
 * same size, 0 where no client can be (x = 0 with t_x > 0: grid holds 0
 * there), else 1.
 * age: finite, > 0; max_x: 0 .. KA_MODEL_CHECK_MAX_FREQUENCY; steps: 1 ..
 * KA_MODEL_CHECK_MAX_STEPS.
 * Returns KA_OK; KA_ERR_ARG (Err:502) for invalid arguments; KA_ERR_NOCONV
 * (Err:523) as ka_bgnbd_palive (a Pareto/NBD series). */
ka_status ka_model_check_palive_grid(const ka_bgnbd_params *p, ka_model model, double age,
                                     size_t max_x, size_t steps, double *recency, double *grid,
                                     unsigned char *defined);

#endif
