/* ka_model_check.c - the repeat-purchase histogram a model expects and the
 * P(alive) grid (see ka_model_check.h). */
#include "ka_model_check.h"

#include <math.h>
#include <stdint.h>
#include <stdlib.h>
#include <string.h>

/* ---- P(X(t) = k) ---- */

/* ln NB(k; t), k = 0 .. kmax - 1: the Gamma(r, alpha)-Poisson count of
 * purchases in (0, t], by the recurrence NB(k + 1) = NB(k) (r + k) / (k + 1)
 * t / (alpha + t) in log space (r in the thousands stays finite).
 * lratio[k] = ln((r + k) / (k + 1)). */
static void ka_model_check_nb_log(double r, double alpha, double t, size_t kmax,
                                  const double *lratio, double *lnb)
{
    const double lq = t > 0 ? log(t / (alpha + t)) : -INFINITY;
    lnb[0] = -r * log1p(t / alpha);
    for (size_t k = 1; k < kmax; k++)
        lnb[k] = lnb[k - 1] + lratio[k - 1] + lq;
}

/* 10-point Gauss-Legendre nodes and weights on [-1, 1], the positive half. */
static const double ka_gl_x[5] = {0.1488743389816312, 0.4333953941292472, 0.6794095682990244,
                                  0.8650633666889845, 0.9739065285171717};
static const double ka_gl_w[5] = {0.2955242247147529, 0.2692667193099963, 0.2190863625159820,
                                  0.1494513491505806, 0.0666713443086881};

/* Panels of the Pareto/NBD quadrature in v = ln(1 + tau / m): width 1/4
 * (the integrand is smooth in v on that scale), at most this many, which
 * bounds the work of a call with absurd parameters (t beyond 10^6 m). */
#define KA_MODEL_CHECK_PANELS 64

/* Pareto/NBD: probs[k] += integral over the lifetime tau in (0, t] of
 * s beta^s (beta + tau)^-(s+1) NB(k; tau), k < kmax. */
static void ka_model_check_pnbd_dead(const ka_bgnbd_params *p, double t, size_t kmax,
                                     const double *lratio, double *lnb, double *probs)
{
    const double r = p->r, alpha = p->alpha, s = p->a, beta = p->b;
    const double m = alpha < beta ? alpha : beta, V = log1p(t / m);
    if (!(V > 0))
        return;
    size_t panels = (size_t)ceil(V / 0.25);
    panels = panels < 1 ? 1 : panels > KA_MODEL_CHECK_PANELS ? KA_MODEL_CHECK_PANELS : panels;
    const double h = V / (double)panels;
    for (size_t q = 0; q < panels; q++) {
        const double mid = h * ((double)q + 0.5);
        for (int i = 0; i < 10; i++) {
            const double v = mid + (i < 5 ? -1 : 1) * ka_gl_x[i % 5] * h / 2;
            const double tau = m * expm1(v);
            /* density in v: s (beta / (beta + tau))^s / (beta + tau) * dtau/dv, dtau/dv = m + tau
             */
            const double w = ka_gl_w[i % 5] * h / 2 * s * exp(-s * log1p(tau / beta)) *
                             ((m + tau) / (beta + tau));
            ka_model_check_nb_log(r, alpha, tau, kmax, lratio, lnb);
            for (size_t k = 0; k < kmax; k++)
                probs[k] += w * exp(lnb[k]);
        }
    }
}

ka_status ka_model_check_count_probs(const ka_bgnbd_params *p, ka_model model, double t,
                                     size_t kmax, double *probs)
{
    if (!probs || ka_bgnbd_check_params(p) != KA_OK || !isfinite(t) || !(t >= 0) || kmax < 1 ||
        kmax > KA_MODEL_CHECK_MAX_COUNT ||
        (model != KA_MODEL_BGNBD && model != KA_MODEL_MBGNBD && model != KA_MODEL_PNBD))
        return KA_ERR_ARG;
    double lratio[KA_MODEL_CHECK_MAX_COUNT], lnb[KA_MODEL_CHECK_MAX_COUNT];
    for (size_t k = 0; k < kmax; k++)
        lratio[k] = log((p->r + (double)k) / ((double)k + 1));
    ka_model_check_nb_log(p->r, p->alpha, t, kmax, lratio, lnb);
    double below = 0; /* P(NB(t) < k) */
    if (model == KA_MODEL_PNBD) {
        const double alive = exp(-p->a * log1p(t / p->b)); /* (beta / (beta + t))^s */
        for (size_t k = 0; k < kmax; k++)
            probs[k] = alive * exp(lnb[k]);
        ka_model_check_pnbd_dead(p, t, kmax, lratio, lnb, probs);
    } else {
        /* lbeta = ln B(a, b + k) / B(a, b) = sum_{i < k} ln((b + i) / (a + b + i)) */
        const double a = p->a, b = p->b, shift = model == KA_MODEL_MBGNBD ? 1 : 0;
        double lbeta = 0;
        for (size_t k = 0; k < kmax; k++) {
            const double kk = (double)k, nb = exp(lnb[k]);
            /* alive after k repeat purchases (MBG/NBD: k + 1 chances to drop out) */
            const double lbeta_alive = shift ? lbeta + log((b + kk) / (a + b + kk)) : lbeta;
            double pk = exp(lbeta_alive) * nb;
            /* dropped out after the last of them: B(a + 1, b + k - 1 + shift) / B(a, b) */
            if (k > 0 || shift) {
                const double lprev = shift ? lbeta : lbeta - log((b + kk - 1) / (a + b + kk - 1));
                const double tail = 1 - below > 0 ? 1 - below : 0;
                pk += a / (a + b + kk - 1 + shift) * exp(lprev) * tail;
            }
            probs[k] = pk;
            below += nb;
            lbeta += log((b + kk) / (a + b + kk));
        }
    }
    double sum = 0;
    for (size_t k = 0; k < kmax; k++) {
        probs[k] = probs[k] < 0 ? 0 : probs[k] > 1 ? 1 : probs[k];
        sum += probs[k];
    }
    probs[kmax] = sum < 1 ? 1 - sum : 0;
    return KA_OK;
}

/* ---- REPEATCHECK ---- */

static int ka_model_check_double_order(const void *a, const void *b)
{
    const double x = *(const double *)a, y = *(const double *)b;
    return (x > y) - (x < y);
}

ka_status ka_model_check_repeats(const ka_bgnbd_params *p, ka_model model, const double *x,
                                 const double *T, size_t n, size_t kmax, double *actual,
                                 double *expected)
{
    double probs[KA_MODEL_CHECK_MAX_COUNT + 1];
    if (n == 0 || !x || !T || !actual || !expected ||
        ka_model_check_count_probs(p, model, 0, kmax, probs) != KA_OK)
        return KA_ERR_ARG;
    for (size_t i = 0; i < n; i++)
        if (ka_bgnbd_check_client(x[i], 0, T[i]) != KA_OK)
            return KA_ERR_ARG;
    if (n > SIZE_MAX / sizeof(double))
        return KA_ERR_NOMEM;
    double *ages = malloc(n * sizeof *ages);
    if (!ages)
        return KA_ERR_NOMEM;
    memcpy(ages, T, n * sizeof *ages);
    qsort(ages, n, sizeof *ages, ka_model_check_double_order);
    for (size_t k = 0; k <= kmax; k++)
        actual[k] = expected[k] = 0;
    for (size_t i = 0; i < n; i++)
        actual[x[i] < (double)kmax ? (size_t)x[i] : kmax] += 1;
    for (size_t i = 0; i < n;) {
        size_t j = i;
        while (j < n && ages[j] == ages[i])
            j++;
        ka_model_check_count_probs(p, model, ages[i], kmax, probs); /* checked above */
        for (size_t k = 0; k <= kmax; k++)
            expected[k] += (double)(j - i) * probs[k];
        i = j;
    }
    free(ages);
    return KA_OK;
}

/* ---- PALIVEGRID ---- */

ka_status ka_model_check_palive_grid(const ka_bgnbd_params *p, ka_model model, double age,
                                     size_t max_x, size_t steps, double *recency, double *grid,
                                     unsigned char *defined)
{
    if (!recency || !grid || !defined || !isfinite(age) || !(age > 0) ||
        max_x > KA_MODEL_CHECK_MAX_FREQUENCY || steps < 1 || steps > KA_MODEL_CHECK_MAX_STEPS ||
        ka_bgnbd_check_params(p) != KA_OK)
        return KA_ERR_ARG;
    for (size_t j = 0; j <= steps; j++)
        recency[j] = j == steps ? age : age * (double)j / (double)steps;
    for (size_t x = 0; x <= max_x; x++)
        for (size_t j = 0; j <= steps; j++) {
            const size_t c = x * (steps + 1) + j;
            defined[c] = x > 0 || j == 0;
            grid[c] = 0;
            if (!defined[c])
                continue;
            ka_status st = ka_bgnbd_palive(p, model, (double)x, recency[j], age, &grid[c]);
            if (st != KA_OK)
                return st;
        }
    return KA_OK;
}
