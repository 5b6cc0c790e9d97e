/* ka_spend.c - the Gamma-Gamma spend model: likelihood, fit, expected spend
 * (see ka_spend.h; the maths is in docs/churn.md). */
#include "ka_spend.h"

#include <math.h>
#include <stdint.h>
#include <stdlib.h>
#include <string.h>

#include "ka_optim.h"
#include "ka_special.h"

/* Smallest Hessian eigenvalue of the per-client negative log-likelihood (in
 * log-parameters, spend scaled to mean 1) that counts as a finite maximum;
 * CDNOW gives about 1e-2, a supremum at infinity leaves a plateau. */
#define KA_SPEND_MIN_CURVATURE 1e-6

ka_status ka_spend_check_client(double x, double m)
{
    if (!isfinite(x) || x < 0.0 || x != floor(x))
        return KA_ERR_ARG;
    if (x > 0.0 && !(isfinite(m) && m > 0.0))
        return KA_ERR_ARG;
    return KA_OK;
}

ka_status ka_spend_check_params(const ka_spend_params *p)
{
    if (!p)
        return KA_ERR_ARG;
    const double v[3] = {p->p, p->q, p->v};
    for (int i = 0; i < 3; i++)
        if (!isfinite(v[i]) || !(v[i] > 0.0))
            return KA_ERR_ARG;
    return KA_OK;
}

/* One distinct (x, m) with x > 0 and the number of clients sharing it. */
typedef struct ka_spend_term {
    double x, m, weight;
} ka_spend_term;

typedef struct ka_spend_data {
    ka_spend_term *terms;
    size_t n_terms;
    double weight_sum;
    double scale; /* spend is multiplied by this in the objective */
} ka_spend_data;

static int ka_spend_term_cmp(const void *pa, const void *pb)
{
    const ka_spend_term *a = pa, *b = pb;
    if (a->x != b->x)
        return a->x < b->x ? -1 : 1;
    if (a->m != b->m)
        return a->m < b->m ? -1 : 1;
    return 0;
}

/* Log-likelihood of the mean spends at params (spend multiplied by
 * d->scale, v taken as given), and optionally its gradient in
 * (log p, log q, log v).  Per client, with u = x m:
 *   lgamma(px+q) - lgamma(px) - lgamma(q) - q log1p(u/v) - px log1p(v/u) - log m,
 * the lifetimes form regrouped so that no large logarithms cancel. */
static double ka_spend_data_loglik(const ka_spend_data *d, const ka_spend_params *pp, double *grad)
{
    const double p = pp->p, q = pp->q, v = pp->v, s = d->scale;
    const double lg_q = ka_special_lgamma(q), ps_q = ka_special_digamma(q);
    double ll = 0.0, g_p = 0.0, g_q = 0.0, g_v = 0.0;
    for (size_t i = 0; i < d->n_terms; i++) {
        const ka_spend_term *t = &d->terms[i];
        double m = t->m * s, u = t->x * m, px = p * t->x;
        double l_uv = log1p(u / v), l_vu = log1p(v / u);
        double li = ka_special_lgamma(px + q) - ka_special_lgamma(px) - lg_q - q * l_uv -
                    px * l_vu - log(m);
        double ps_pxq = ka_special_digamma(px + q);
        double dp = t->x * (ps_pxq - ka_special_digamma(px) - l_vu);
        double dq = ps_pxq - ps_q - l_uv;
        double dv = (q * (u / v) - px) / (u + v);
        ll += t->weight * li;
        g_p += t->weight * dp;
        g_q += t->weight * dq;
        g_v += t->weight * dv;
    }
    if (grad) {
        grad[0] = g_p * p;
        grad[1] = g_q * q;
        grad[2] = g_v * v;
    }
    return ll;
}

/* Objective for ka_optim: negative log-likelihood per client, in log-parameters. */
static ka_status ka_spend_objective(const double *u, double *f, double *grad, void *ctx)
{
    const ka_spend_data *d = ctx;
    ka_spend_params p = {exp(u[0]), exp(u[1]), exp(u[2])};
    double g[3] = {0.0, 0.0, 0.0};
    double ll = ka_spend_check_params(&p) == KA_OK ? ka_spend_data_loglik(d, &p, g) : -INFINITY;
    *f = isfinite(ll) ? -ll / d->weight_sum : INFINITY;
    for (int i = 0; i < 3; i++)
        grad[i] = isfinite(ll) ? -g[i] / d->weight_sum : 0.0;
    return KA_OK;
}

/* The 64-bit pattern of a double, for hashing (x and m are positive and finite here, so equal
 * values have equal bits). */
static uint64_t ka_spend_bits(double v)
{
    uint64_t b;
    memcpy(&b, &v, sizeof b);
    return b;
}

/* The clients with x > 0, validated, merged by (x, m), the distinct terms in sorted order (so the
 * sums of the likelihood do not depend on the clients' order).  Equal (x, m) are merged through an
 * open-addressing hash table first and only the distinct terms are sorted: sorting every client
 * was most of the fit's time. */
static ka_status ka_spend_data_init(ka_spend_data *d, const double *x, const double *m, size_t n)
{
    *d = (ka_spend_data){0};
    d->scale = 1.0;
    size_t k = 0;
    for (size_t i = 0; i < n; i++) {
        if (ka_spend_check_client(x[i], m[i]) != KA_OK)
            return KA_ERR_ARG;
        k += x[i] > 0.0;
    }
    if (k == 0)
        return KA_OK;
    size_t cap = 16;
    while (cap < 2 * k)
        cap *= 2;
    size_t *slot = malloc(cap * sizeof *slot); /* index + 1 into terms, 0 = empty */
    d->terms = malloc(k * sizeof *d->terms);
    if (!slot || !d->terms) {
        free(slot);
        free(d->terms);
        d->terms = NULL;
        return KA_ERR_NOMEM;
    }
    memset(slot, 0, cap * sizeof *slot);
    size_t j = 0;
    for (size_t i = 0; i < n; i++) {
        if (!(x[i] > 0.0))
            continue;
        uint64_t h = ka_spend_bits(x[i]) * 0x9E3779B97F4A7C15u ^ ka_spend_bits(m[i]);
        h ^= h >> 29;
        h *= 0xBF58476D1CE4E5B9u;
        h ^= h >> 32;
        size_t at = (size_t)h & (cap - 1);
        while (slot[at] && !(d->terms[slot[at] - 1].x == x[i] && d->terms[slot[at] - 1].m == m[i]))
            at = (at + 1) & (cap - 1);
        if (slot[at]) {
            d->terms[slot[at] - 1].weight += 1.0;
        } else {
            d->terms[j] = (ka_spend_term){x[i], m[i], 1.0};
            slot[at] = ++j;
        }
    }
    free(slot);
    qsort(d->terms, j, sizeof *d->terms, ka_spend_term_cmp);
    d->n_terms = j;
    d->weight_sum = (double)k;
    return KA_OK;
}

/* 1 / the mean spend of the clients with x > 0, the scale the fit works in (not finite when
 * the mean is 0 or overflows: the caller checks). */
static double ka_spend_mean_scale(const ka_spend_data *d)
{
    double sum = 0.0;
    for (size_t i = 0; i < d->n_terms; i++)
        sum += d->terms[i].weight * (d->terms[i].m / d->weight_sum);
    return 1.0 / sum;
}

ka_status ka_spend_fit(const double *x, const double *m, size_t n, ka_spend_params *out,
                       double *loglik)
{
    if (!x || !m || !out)
        return KA_ERR_ARG;
    ka_spend_data d;
    ka_status st = ka_spend_data_init(&d, x, m, n);
    if (st != KA_OK)
        return st;
    if (d.n_terms == 0) { /* nobody with a repeat purchase: no spend to fit */
        free(d.terms);
        return KA_ERR_NOCONV;
    }
    /* Spend scaled to mean 1, which makes the start and the tolerances
     * independent of the currency; start p = q = v = 1 there. */
    d.scale = ka_spend_mean_scale(&d);
    double u[3] = {0.0, 0.0, 0.0};
    if (!isfinite(d.scale) || !(d.scale > 0.0)) {
        st = KA_ERR_NOCONV;
    } else {
        st = ka_optim_minimum(ka_spend_objective, &d, 3, u, KA_SPEND_MIN_CURVATURE);
    }
    if (st == KA_OK) {
        ka_spend_params p = {exp(u[0]), exp(u[1]), exp(u[2]) / d.scale};
        d.scale = 1.0;
        double ll = ka_spend_check_params(&p) == KA_OK ? ka_spend_data_loglik(&d, &p, NULL) : NAN;
        if (!isfinite(ll)) {
            st = KA_ERR_NOCONV;
        } else {
            *out = p;
            if (loglik)
                *loglik = ll;
        }
    }
    free(d.terms);
    return st;
}

ka_status ka_spend_std_errors(const ka_spend_params *p, const double *x, const double *m, size_t n,
                              ka_spend_params *se)
{
    if (!x || !m || !se || ka_spend_check_params(p) != KA_OK)
        return KA_ERR_ARG;
    ka_spend_data d;
    ka_status st = ka_spend_data_init(&d, x, m, n);
    if (st != KA_OK)
        return st;
    if (d.n_terms == 0) {
        free(d.terms);
        return KA_ERR_NOCONV;
    }
    /* In the fit's scale (mean spend 1): log v only shifts with it, so the
     * Hessian is the same; v's error is scaled back below. */
    d.scale = ka_spend_mean_scale(&d);
    double out[3];
    if (!isfinite(d.scale) || !(d.scale > 0.0)) {
        st = KA_ERR_NOCONV;
    } else {
        const double u[3] = {log(p->p), log(p->q), log(p->v * d.scale)};
        st = ka_optim_std_errors(ka_spend_objective, &d, 3, u, d.weight_sum, 1e-4, out);
        if (st == KA_ERR_ARG) /* v times the scale overflowed */
            st = KA_ERR_NOCONV;
    }
    if (st == KA_OK) {
        ka_spend_params v = {out[0], out[1], out[2] / d.scale};
        if (ka_spend_check_params(&v) == KA_OK)
            *se = v;
        else
            st = KA_ERR_NOCONV;
    }
    free(d.terms);
    return st;
}

ka_status ka_spend_expected(const ka_spend_params *p, double x, double m, double *spend)
{
    if (!spend || ka_spend_check_params(p) != KA_OK || !(p->q > 1.0) ||
        ka_spend_check_client(x, m) != KA_OK)
        return KA_ERR_ARG;
    double value;
    if (x == 0.0) {
        value = p->v * (p->p / (p->q - 1.0));
    } else {
        /* the weights of the population mean and of m, (q - 1) / den and
         * p x / den, written so that p x overflowing gives weight 1 to m */
        double px = p->p * x, rest = (p->q - 1.0) / px;
        value = p->v * (p->p / (px + (p->q - 1.0))) + m / (1.0 + rest);
    }
    if (!isfinite(value))
        return KA_ERR_NOCONV;
    *spend = value;
    return KA_OK;
}
