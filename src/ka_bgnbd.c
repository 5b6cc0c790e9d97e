/* ka_bgnbd.c - BG/NBD and MBG/NBD likelihood, fit, P(alive) and expectations
 * (see ka_bgnbd.h; the maths is in docs/churn.md). */
#include "ka_bgnbd.h"

#include <math.h>
#include <stdint.h>
#include <stdlib.h>
#include <string.h>

#include "ka_hyp2f1.h"
#include "ka_optim.h"
#include "ka_special.h"

/* Smallest Hessian eigenvalue of the per-client negative log-likelihood (in
 * log-parameters, time scaled so that the oldest client has age 10) that
 * counts as a finite maximum.  Real data sets give 1e-3 and more; a
 * likelihood whose supremum lies at infinity leaves the optimiser on a
 * plateau with curvature near 1e-9 or exactly 0. */
#define KA_BGNBD_MIN_CURVATURE 1e-6
/* Within this distance of a = 1 the expectation's removable singularity is
 * bridged by linear interpolation (error ~1e-10 relative). */
#define KA_BGNBD_A1_GAP 1e-5
/* The oldest client's age after internal time scaling (as lifetimes does). */
#define KA_BGNBD_AGE_SCALE 10.0
/* The Pareto/NBD series is summed in a frame rescaled by 2^-800 whenever a
 * term exceeds 2^800 (exact), to relative precision 1e-17. */
#define KA_PNBD_RESCALE_AT 0x1p800
#define KA_PNBD_RESCALE_BY 0x1p-800
#define KA_PNBD_RESCALE_EXP 800.0
#define KA_PNBD_EPS 1e-17
#define KA_PNBD_LN2 0.693147180559945309417232121458176568
/* While fitting, a point where some client's Pareto/NBD series needs more
 * terms than this counts as outside the domain (the line search steps
 * back).  The iterates of data without a finite maximum run towards
 * alpha >> beta (r, alpha -> infinity: no heterogeneity), where the series
 * needs about alpha / (beta + t_x) terms; summing up to 10^6 there made such
 * a fit take seconds.  Real data sit far inside: CDNOW needs about 20. */
#define KA_PNBD_FIT_MAX_TERMS 100000L
/* and the whole fit may sum at most this many terms per distinct client
 * history (CDNOW uses about 1,500): a fit of a few odd clients that wanders
 * for hundreds of iterations through long series ends in Err:523 within
 * milliseconds instead of seconds. */
#define KA_PNBD_FIT_WORK_PER_TERM 200000.0

/* log(1 + e^v) without overflow. */
static double ka_bgnbd_softplus(double v)
{
    return v > 0.0 ? v + log1p(exp(-v)) : log1p(exp(v));
}

/* log(u + v) for u, v >= 0, not both 0, finite even when u + v overflows. */
static double ka_bgnbd_log_sum(double u, double v)
{
    double hi = fmax(u, v), lo = fmin(u, v);
    return log(hi) + log1p(lo / hi);
}

/* 1 / (1 + e^-v) without overflow. */
static double ka_bgnbd_logistic(double v)
{
    if (v >= 0.0)
        return 1.0 / (1.0 + exp(-v));
    double e = exp(v);
    return e / (1.0 + e);
}

/* ---- validation ---------------------------------------------------------- */

ka_status ka_bgnbd_check_client(double x, double t_x, double T)
{
    if (!isfinite(x) || !isfinite(t_x) || !isfinite(T))
        return KA_ERR_ARG;
    if (x < 0.0 || t_x < 0.0 || T < 0.0 || x != floor(x) || t_x > T)
        return KA_ERR_ARG;
    if (x == 0.0 && t_x > 0.0)
        return KA_ERR_ARG;
    return KA_OK;
}

ka_status ka_bgnbd_check_params(const ka_bgnbd_params *p)
{
    if (!p)
        return KA_ERR_ARG;
    const double v[4] = {p->r, p->alpha, p->a, p->b};
    for (int i = 0; i < 4; i++)
        if (!isfinite(v[i]) || !(v[i] > 0.0))
            return KA_ERR_ARG;
    return KA_OK;
}

ka_status ka_bgnbd_model_from_number(double number, ka_model *model)
{
    if (!model)
        return KA_ERR_ARG;
    if (number == 0.0)
        *model = KA_MODEL_BGNBD;
    else if (number == 1.0)
        *model = KA_MODEL_MBGNBD;
    else if (number == 2.0)
        *model = KA_MODEL_PNBD;
    else
        return KA_ERR_ARG;
    return KA_OK;
}

static int ka_bgnbd_model_ok(ka_model model)
{
    return model == KA_MODEL_BGNBD || model == KA_MODEL_MBGNBD || model == KA_MODEL_PNBD;
}

/* ---- the likelihood over clients merged by (x, t_x, T) -------------------- */

/* One distinct client history and the number of clients sharing it. */
typedef struct ka_bgnbd_term {
    double x, t_x, T, weight;
    size_t xi; /* index of x in the distinct-x table */
} ka_bgnbd_term;

/* Per distinct x, the parts of the log-likelihood and its gradient that do
 * not depend on t_x and T (recomputed at each parameter point). */
typedef struct ka_bgnbd_xpart {
    double c;                /* lgamma ratios: A_1 - r log alpha, plus A_2 */
    double dc_r, dc_a, dc_b; /* their derivatives in r, a, b */
    double lab, dlab_b;      /* log(a / (b + x - 1)) (BG) or log(a / (b + x)) (MBG), d/db */
    int has_alive_term;      /* BG: x > 0; MBG: always */
} ka_bgnbd_xpart;

typedef struct ka_bgnbd_data {
    ka_model model;
    ka_bgnbd_term *terms;
    size_t n_terms;
    double *xs; /* distinct x, ascending */
    size_t n_x;
    ka_bgnbd_xpart *xparts; /* n_x, workspace */
    double weight_sum, x_sum, t_max;
    double time_scale; /* times are multiplied by this in the objective */
    long max_terms;    /* Pareto/NBD: longest series per client (see KA_PNBD_FIT_MAX_TERMS) */
    double work_left;  /* Pareto/NBD: series terms the fit may still sum (Inf: no limit) */
} ka_bgnbd_data;

static int ka_bgnbd_term_cmp(const void *pa, const void *pb)
{
    const ka_bgnbd_term *a = pa, *b = pb;
    if (a->x != b->x)
        return a->x < b->x ? -1 : 1;
    if (a->t_x != b->t_x)
        return a->t_x < b->t_x ? -1 : 1;
    if (a->T != b->T)
        return a->T < b->T ? -1 : 1;
    return 0;
}

static void ka_bgnbd_data_free(ka_bgnbd_data *d)
{
    free(d->terms);
    free(d->xs);
    free(d->xparts);
}

/* Hash of a history's bit patterns (splitmix64 finaliser over a combination). */
static size_t ka_bgnbd_term_hash(const ka_bgnbd_term *t)
{
    uint64_t k[3], h = 0x9e3779b97f4a7c15u;
    memcpy(&k[0], &t->x, sizeof k[0]);
    memcpy(&k[1], &t->t_x, sizeof k[1]);
    memcpy(&k[2], &t->T, sizeof k[2]);
    for (int i = 0; i < 3; i++) {
        h ^= k[i] + 0x9e3779b97f4a7c15u + (h << 6) + (h >> 2);
        h ^= h >> 30;
        h *= 0xbf58476d1ce4e5b9u;
        h ^= h >> 27;
        h *= 0x94d049bb133111ebu;
        h ^= h >> 31;
    }
    return (size_t)h;
}

/* Validates the clients and merges equal histories (a hash table, O(n)),
 * then sorts the distinct ones by (x, t_x, T): the canonical order in which
 * every sum is taken. */
static ka_status ka_bgnbd_data_init(ka_bgnbd_data *d, ka_model model, const double *x,
                                    const double *t_x, const double *T, size_t n)
{
    *d = (ka_bgnbd_data){0};
    if (!x || !t_x || !T || n == 0 || !ka_bgnbd_model_ok(model))
        return KA_ERR_ARG;
    for (size_t i = 0; i < n; i++)
        if (ka_bgnbd_check_client(x[i], t_x[i], T[i]) != KA_OK)
            return KA_ERR_ARG;
    d->model = model;
    d->time_scale = 1.0;
    d->max_terms = KA_HYP2F1_MAX_TERMS;
    d->work_left = INFINITY;
    if (n > SIZE_MAX / 4 / sizeof(size_t))
        return KA_ERR_NOMEM;
    size_t cap = 16;
    while (cap < 2 * n)
        cap *= 2;
    size_t *slots = calloc(cap, sizeof *slots); /* term index + 1; 0 = empty */
    d->terms = malloc(n * sizeof *d->terms);
    if (!slots || !d->terms) {
        free(slots);
        ka_bgnbd_data_free(d);
        return KA_ERR_NOMEM;
    }
    size_t m = 0;
    for (size_t i = 0; i < n; i++) {
        /* + 0.0 turns -0 into +0, so equal values have equal bits */
        ka_bgnbd_term t = {x[i] + 0.0, t_x[i] + 0.0, T[i] + 0.0, 1.0, 0};
        size_t h = ka_bgnbd_term_hash(&t) & (cap - 1);
        while (slots[h] != 0 && ka_bgnbd_term_cmp(&d->terms[slots[h] - 1], &t) != 0)
            h = (h + 1) & (cap - 1);
        if (slots[h] != 0) {
            d->terms[slots[h] - 1].weight += 1.0;
        } else {
            d->terms[m++] = t;
            slots[h] = m;
        }
    }
    free(slots);
    qsort(d->terms, m, sizeof *d->terms, ka_bgnbd_term_cmp);
    d->n_terms = m;

    size_t nx = 0;
    for (size_t i = 0; i < m; i++)
        if (i == 0 || d->terms[i - 1].x != d->terms[i].x)
            nx++;
    d->xs = malloc(nx * sizeof *d->xs);
    d->xparts = malloc(nx * sizeof *d->xparts);
    if (!d->xs || !d->xparts) {
        ka_bgnbd_data_free(d);
        return KA_ERR_NOMEM;
    }
    nx = 0;
    for (size_t i = 0; i < m; i++) {
        ka_bgnbd_term *t = &d->terms[i];
        if (nx == 0 || d->xs[nx - 1] != t->x)
            d->xs[nx++] = t->x;
        t->xi = nx - 1;
        d->weight_sum += t->weight;
        d->x_sum += t->weight * t->x;
        if (t->T > d->t_max)
            d->t_max = t->T;
    }
    d->n_x = nx;
    return KA_OK;
}

/* Sum over clients of the log-likelihood at p (times multiplied by
 * d->time_scale, alpha taken as given), and optionally its gradient in
 * (log r, log alpha, log a, log b). */
static double ka_bgnbd_data_loglik(ka_bgnbd_data *d, const ka_bgnbd_params *p, double *grad)
{
    const double r = p->r, alpha = p->alpha, a = p->a, b = p->b;
    const int mbg = d->model == KA_MODEL_MBGNBD;
    const double lg_r = ka_special_lgamma(r), lg_b = ka_special_lgamma(b);
    const double lg_ab = ka_special_lgamma(a + b);
    const double ps_r = ka_special_digamma(r), ps_b = ka_special_digamma(b);
    const double ps_ab = ka_special_digamma(a + b), log_a = log(a);

    for (size_t k = 0; k < d->n_x; k++) {
        double x = d->xs[k], xb = mbg ? x + 1.0 : x; /* MBG/NBD's Beta term has b + x + 1 */
        ka_bgnbd_xpart *q = &d->xparts[k];
        q->c = ka_special_lgamma(r + x) - lg_r + lg_ab + ka_special_lgamma(b + xb) - lg_b -
               ka_special_lgamma(a + b + xb);
        double ps_abx = ka_special_digamma(a + b + xb);
        q->dc_r = ka_special_digamma(r + x) - ps_r;
        q->dc_a = ps_ab - ps_abx;
        q->dc_b = ps_ab + ka_special_digamma(b + xb) - ps_b - ps_abx;
        q->has_alive_term = mbg || x > 0.0;
        double bx = mbg ? b + x : b + x - 1.0;
        q->lab = q->has_alive_term ? log_a - log(bx) : 0.0;
        q->dlab_b = q->has_alive_term ? -1.0 / bx : 0.0;
    }

    const double s = d->time_scale, log_alpha = log(alpha);
    double ll = 0.0, g_r = 0.0, g_alpha = 0.0, g_a = 0.0, g_b = 0.0;
    for (size_t i = 0; i < d->n_terms; i++) {
        const ka_bgnbd_term *t = &d->terms[i];
        const ka_bgnbd_xpart *q = &d->xparts[t->xi];
        double T = t->T * s, tx = t->t_x * s, rx = r + t->x;
        double log_aT = log(alpha + T);
        double li = q->c + r * log_alpha - rx * log_aT;
        double dr = q->dc_r + log_alpha - log_aT, dalpha = r / alpha - rx / (alpha + T);
        double da = q->dc_a, db = q->dc_b;
        if (q->has_alive_term) {
            /* log((alpha+T)/(alpha+t_x)) and its alpha-derivative, without cancellation */
            double lratio = log1p((T - tx) / (alpha + tx));
            double dlratio = -(T - tx) / ((alpha + T) * (alpha + tx));
            double dd = q->lab + rx * lratio;
            double sigma = ka_bgnbd_logistic(dd);
            li += ka_bgnbd_softplus(dd);
            dr += sigma * lratio;
            dalpha += sigma * rx * dlratio;
            da += sigma / a;
            db += sigma * q->dlab_b;
        }
        ll += t->weight * li;
        g_r += t->weight * dr;
        g_alpha += t->weight * dalpha;
        g_a += t->weight * da;
        g_b += t->weight * db;
    }
    if (grad) {
        grad[0] = g_r * r;
        grad[1] = g_alpha * alpha;
        grad[2] = g_a * a;
        grad[3] = g_b * b;
    }
    return ll;
}

/* ---- Pareto/NBD (model 2; see docs/churn.md) -------------------------------
 * Parameters: r, alpha as for BG/NBD; s = p->a, beta = p->b, dropout rate
 * mu ~ Gamma(shape s, rate beta).  Per client, with C = Gamma(r+x)/Gamma(r)
 * alpha^r beta^s,
 *   L = C [E1 + s I],  E1 = (alpha+T)^-(r+x) (beta+T)^-s,
 *   I = integral over tau in [t_x, T] of (alpha+tau)^-(r+x) (beta+tau)^-(s+1),
 * and P(alive) = E1 / (E1 + s I).  I is the A0 term of Fader, Hardie & Lee's
 * note (2005, eq. 22/23) without its difference of two 2F1 values. */

/* y e^-y + expm1(-y) for y >= 0 given e = e^-y and em1 = expm1(-y),
 * without cancellation for small y. */
static double ka_pnbd_h(double y, double e, double em1)
{
    if (y > 800.0) /* y e^-y underflows (and Inf e^-Inf would be NaN) */
        return -1.0;
    if (y > 0.5)
        return y * e + em1;
    /* sum over j >= 2 of (-1)^(j-1) (j-1) y^j / j! */
    double term = y, sum = 0.0; /* term = y^j / j!; |sum| >= y^2 / 4 */
    for (int j = 2; j <= 24; j++) {
        term *= y / j;
        sum += ((j & 1) ? 1.0 : -1.0) * (j - 1) * term;
        if (j * term <= 1e-17 * -sum)
            break;
    }
    return sum;
}

/* log I and optionally its gradient in (r, alpha, s, beta).
 * With m = max(alpha, beta), d = |alpha - beta|, the integrand is
 * (m+tau)^-(a+1) (1 - d/(m+tau))^-b, a = r+s+x, b = s+1 (alpha >= beta) or
 * r+x (beta > alpha).  Expanding the second factor gives, with P = m + t_x,
 * z = d/P and lambda = log((m+T)/P),
 *   I = P^-a sum_k (b)_k / k! z^k g_k,  g_k = -expm1(-(a+k) lambda) / (a+k):
 * positive terms, no difference of nearly equal values even when t_x is
 * close to T, continuous across alpha = beta (z = 0).  Terms are summed in
 * a frame rescaled by powers of two, so (b)_k z^k / k! ~ 2^10000 for large x
 * costs no precision.  *log_i = -Inf when I = 0 (t_x = T).
 * *used: the number of terms summed.
 * Returns KA_OK, or KA_ERR_NOCONV when it needs more than max_terms terms (z very
 * close to 1: one of alpha, beta many thousand times the other) or when
 * r + s + x overflows. */
static ka_status ka_pnbd_log_integral(const ka_bgnbd_params *p, double x, double t_x, double T,
                                      long max_terms, long *used, double *log_i, double *dlog_i)
{
    const double r = p->r, alpha = p->alpha, s = p->a, beta = p->b;
    *used = 0;
    if (dlog_i)
        for (int i = 0; i < 4; i++)
            dlog_i[i] = 0.0;
    const double lambda = log1p((T - t_x) / ((alpha >= beta ? alpha : beta) + t_x));
    if (!(lambda > 0.0)) {
        *log_i = -INFINITY;
        return KA_OK;
    }
    const int alpha_base = alpha >= beta;
    const double m = alpha_base ? alpha : beta, dist = alpha_base ? alpha - beta : beta - alpha;
    const double a = r + s + x, b = alpha_base ? s + 1.0 : r + x;
    const double P = m + t_x, z = dist / P;
    /* The terms peak near k = b z / (1 - z) and then fall like z^k: a series
     * that would need more than the cap is refused at once, not summed for
     * a million terms first. */
    if (!isfinite(a) || !((b * z + 40.0) / (1.0 - z) <= (double)max_terms))
        return KA_ERR_NOCONV;

    /* v = (b)_k z^k / k!, w = k v / z (kept separately so that z = 0 works),
     * H = psi(b + k) - psi(b); the sums carry the gradient's parts. */
    double v = 1.0, w = 0.0, H = 0.0, shift = 0.0;
    double S = 0.0, S_b = 0.0, S_w = 0.0, S_k = 0.0, S_n = 0.0, S_l = 0.0;
    for (long k = 0;; k++) {
        *used = k;
        if (k > max_terms)
            return KA_ERR_NOCONV;
        /* e^-y and expm1(-y) from one call: the other follows without
         * cancellation on either side of y = 0.5 */
        double n = a + k, y = n * lambda, e, em1;
        if (y > 0.5) {
            e = exp(-y);
            em1 = e - 1.0;
        } else {
            em1 = expm1(-y);
            e = 1.0 + em1;
        }
        double g = -em1 / n;
        double u = v * g;
        S += u;
        S_b += u * H;
        S_k += (double)k * u;
        S_w += w * g;
        S_n += v * ka_pnbd_h(y, e, em1) / (n * n);
        S_l += v * e;
        double ratio = (b + k) * z / (k + 1.0);
        w = k == 0 ? b : w * (b + k) * z / k;
        H += 1.0 / (b + k);
        v *= ratio;
        if (v > KA_PNBD_RESCALE_AT) {
            v *= KA_PNBD_RESCALE_BY;
            w *= KA_PNBD_RESCALE_BY;
            S *= KA_PNBD_RESCALE_BY;
            S_b *= KA_PNBD_RESCALE_BY;
            S_w *= KA_PNBD_RESCALE_BY;
            S_k *= KA_PNBD_RESCALE_BY;
            S_n *= KA_PNBD_RESCALE_BY;
            S_l *= KA_PNBD_RESCALE_BY;
            shift += KA_PNBD_RESCALE_EXP;
        }
        if (v == 0.0 && (w == 0.0 || k > 0))
            break;
        /* Later ratios stay below max(ratio, z) and g_k decreases, so the tail
         * is below a geometric series; the k- and H-weighted sums grow by
         * at most k + 1/(1-q) more. */
        if (ratio < 1.0 && k > 0) {
            double q = fmax(ratio * (k + 2.0) / (k + 1.0), z);
            if (q < 1.0 && v * g * (k + 2.0 + H + 1.0 / (1.0 - q)) <= KA_PNBD_EPS * (1.0 - q) * S)
                break;
        }
    }
    if (!(S > 0.0)) {
        *log_i = -INFINITY;
        return KA_OK;
    }
    *log_i = -a * log(P) + shift * KA_PNBD_LN2 + log(S);
    if (dlog_i) {
        const double logP = log(P);
        const double dlambda_dm = -(T - t_x) / ((m + T) * P);
        for (int i = 0; i < 4; i++) {
            /* derivatives of a, b, m, d in parameter i (r, alpha, s, beta) */
            double da = (i == 0 || i == 2) ? 1.0 : 0.0;
            double db = (alpha_base ? i == 2 : i == 0) ? 1.0 : 0.0;
            double dm = (alpha_base ? i == 1 : i == 3) ? 1.0 : 0.0;
            double dd = i == 1   ? (alpha_base ? 1.0 : -1.0)
                        : i == 3 ? (alpha_base ? -1.0 : 1.0)
                                 : 0.0;
            dlog_i[i] =
                -da * logP - a * dm / P +
                (db * S_b + dd / P * S_w - dm / P * S_k + da * S_n + dm * dlambda_dm * S_l) / S;
        }
    }
    return KA_OK;
}

/* log of one client's Pareto/NBD likelihood without the constant
 * log C = lgamma(r+x) - lgamma(r) + r log alpha + s log beta, and optionally
 * its gradient in (r, alpha, s, beta); *log_odds (optional): log(s I / E1),
 * the log-odds of having dropped out. */
static ka_status ka_pnbd_client(const ka_bgnbd_params *p, double x, double t_x, double T,
                                long max_terms, long *used, double *ll, double *grad,
                                double *log_odds)
{
    const double r = p->r, alpha = p->alpha, s = p->a, beta = p->b, rx = r + x;
    double log_i, dlog_i[4];
    ka_status st =
        ka_pnbd_log_integral(p, x, t_x, T, max_terms, used, &log_i, grad ? dlog_i : NULL);
    if (st != KA_OK)
        return st;
    const double log_aT = log(alpha + T), log_bT = log(beta + T);
    const double log_e1 = -rx * log_aT - s * log_bT, log_si = log(s) + log_i;
    const double dd = log_si - log_e1; /* -Inf when I = 0 */
    if (log_odds)
        *log_odds = dd;
    /* log(E1 + s I) by its larger part, so that an infinite d is no NaN */
    *ll = fmax(log_e1, log_si) + log1p(exp(-fabs(dd)));
    if (grad) {
        const double w2 = ka_bgnbd_logistic(dd), w1 = ka_bgnbd_logistic(-dd);
        grad[0] = -w1 * log_aT + w2 * dlog_i[0];
        grad[1] = -w1 * rx / (alpha + T) + w2 * dlog_i[1];
        grad[2] = -w1 * log_bT + w2 * (1.0 / s + dlog_i[2]);
        grad[3] = -w1 * s / (beta + T) + w2 * dlog_i[3];
    }
    return KA_OK;
}

/* Sum over the merged clients of the Pareto/NBD log-likelihood (times
 * multiplied by d->time_scale) and optionally its gradient in
 * (log r, log alpha, log s, log beta).  Counts the series terms against
 * d->work_left. */
static ka_status ka_pnbd_data_loglik(ka_bgnbd_data *d, const ka_bgnbd_params *p, double *ll_out,
                                     double *grad)
{
    const double r = p->r, alpha = p->alpha, s = p->a, beta = p->b;
    const double lg_r = ka_special_lgamma(r), ps_r = ka_special_digamma(r);
    for (size_t k = 0; k < d->n_x; k++) {
        ka_bgnbd_xpart *q = &d->xparts[k];
        q->c = ka_special_lgamma(r + d->xs[k]) - lg_r;
        q->dc_r = ka_special_digamma(r + d->xs[k]) - ps_r;
    }
    const double sc = d->time_scale, c0 = r * log(alpha) + s * log(beta);
    double ll = 0.0, g[4] = {0.0, 0.0, 0.0, 0.0};
    for (size_t i = 0; i < d->n_terms; i++) {
        const ka_bgnbd_term *t = &d->terms[i];
        const ka_bgnbd_xpart *q = &d->xparts[t->xi];
        double li, gi[4];
        long used;
        ka_status st = ka_pnbd_client(p, t->x, t->t_x * sc, t->T * sc, d->max_terms, &used, &li,
                                      grad ? gi : NULL, NULL);
        d->work_left -= (double)used;
        if (st != KA_OK)
            return st;
        ll += t->weight * (q->c + c0 + li);
        if (!isfinite(ll)) /* parameters near DBL_MAX, as for BG/NBD */
            return KA_ERR_ARG;
        if (grad) {
            g[0] += t->weight * (q->dc_r + log(alpha) + gi[0]);
            g[1] += t->weight * (r / alpha + gi[1]);
            g[2] += t->weight * (log(beta) + gi[2]);
            g[3] += t->weight * (s / beta + gi[3]);
        }
    }
    if (grad) {
        grad[0] = g[0] * r;
        grad[1] = g[1] * alpha;
        grad[2] = g[2] * s;
        grad[3] = g[3] * beta;
    }
    *ll_out = ll;
    return KA_OK;
}

/* log of -expm1(-y) / y (1 at y = 0), for any finite y, without overflow. */
static double ka_pnbd_log_phi(double y)
{
    if (y == 0.0)
        return 0.0;
    if (y > 0.0)
        return log(-expm1(-y)) - log(y);
    return -y + log(-expm1(y)) - log(-y);
}

/* log E[purchases in t of a client alive now] for a purchase rate ~ Gamma(r,
 * alpha) and a dropout rate ~ Gamma(s, beta): r beta / (alpha (s - 1))
 * (1 - (beta / (beta + t))^(s-1)), continuous at s = 1.  t > 0.  In two
 * parts, so that a client's horizons share the first:
 * ka_pnbd_log_g_at(ka_pnbd_log_g_scale(r, alpha, beta), s, beta, t). */
static double ka_pnbd_log_g_scale(double r, double alpha, double beta)
{
    return log(r) + log(beta) - log(alpha);
}

static double ka_pnbd_log_g_at(double scale, double s, double beta, double t)
{
    double l = log1p(t / beta);
    return scale + log(l) + ka_pnbd_log_phi((s - 1.0) * l);
}

/* The log-likelihood of the merged clients under d->model, optionally with
 * its gradient in log-parameters.  Pareto/NBD: KA_ERR_NOCONV when a series
 * does not converge, KA_ERR_ARG when the sum is not finite. */
static ka_status ka_bgnbd_data_eval(ka_bgnbd_data *d, const ka_bgnbd_params *p, double *ll,
                                    double *grad)
{
    if (d->model == KA_MODEL_PNBD)
        return ka_pnbd_data_loglik(d, p, ll, grad);
    *ll = ka_bgnbd_data_loglik(d, p, grad);
    return KA_OK;
}

/* Objective for ka_optim: negative log-likelihood per client, in log-parameters. */
static ka_status ka_bgnbd_objective(const double *u, double *f, double *grad, void *ctx)
{
    ka_bgnbd_data *d = ctx;
    ka_bgnbd_params p = {exp(u[0]), exp(u[1]), exp(u[2]), exp(u[3])};
    double g[4], ll;
    /* Outside the domain, or a series that does not converge there: a
     * point the line search steps back from.  Out of work: give up. */
    ka_status st =
        ka_bgnbd_check_params(&p) == KA_OK ? ka_bgnbd_data_eval(d, &p, &ll, g) : KA_ERR_ARG;
    if (d->work_left < 0.0)
        return KA_ERR_NOCONV;
    if (st != KA_OK) {
        *f = INFINITY;
        for (int i = 0; i < 4; i++)
            grad[i] = 0.0;
        return KA_OK;
    }
    *f = -ll / d->weight_sum;
    for (int i = 0; i < 4; i++)
        grad[i] = -g[i] / d->weight_sum;
    return KA_OK;
}

ka_status ka_bgnbd_loglik(const ka_bgnbd_params *p, ka_model model, const double *x,
                          const double *t_x, const double *T, size_t n, double *loglik)
{
    if (!loglik || ka_bgnbd_check_params(p) != KA_OK)
        return KA_ERR_ARG;
    ka_bgnbd_data d;
    ka_status st = ka_bgnbd_data_init(&d, model, x, t_x, T, n);
    if (st != KA_OK)
        return st;
    double ll;
    st = ka_bgnbd_data_eval(&d, p, &ll, NULL);
    ka_bgnbd_data_free(&d);
    if (st != KA_OK)
        return st;
    /* Parameters near DBL_MAX make lgamma differences Inf - Inf, or the
     * likelihood underflow: no finite value to report. */
    if (!isfinite(ll))
        return KA_ERR_ARG;
    *loglik = ll;
    return KA_OK;
}

ka_status ka_bgnbd_fit(const double *x, const double *t_x, const double *T, size_t n,
                       ka_model model, ka_bgnbd_params *out, double *loglik)
{
    if (!out)
        return KA_ERR_ARG;
    ka_bgnbd_data d;
    ka_status st = ka_bgnbd_data_init(&d, model, x, t_x, T, n);
    if (st != KA_OK)
        return st;

    /* Nobody repurchased: the likelihood grows towards r -> 0 without a
     * maximum.  So does a log whose clients all have age 0. */
    if (d.x_sum == 0.0 || d.t_max == 0.0) {
        ka_bgnbd_data_free(&d);
        return KA_ERR_NOCONV;
    }

    /* Time scaled so that the oldest client has age 10 (as lifetimes does),
     * which makes the starting point and the tolerances unit-free.  Start:
     * r = 1, a = 1, b = 1 and alpha matching the mean purchase rate;
     * Pareto/NBD: s = 1 and beta = 10, a mean lifetime as long as the
     * oldest client's age. */
    const int pnbd = model == KA_MODEL_PNBD;
    d.time_scale = KA_BGNBD_AGE_SCALE / d.t_max;
    if (pnbd) {
        d.max_terms = KA_PNBD_FIT_MAX_TERMS;
        d.work_left = KA_PNBD_FIT_WORK_PER_TERM * (double)d.n_terms;
    }
    double t_sum = 0.0;
    for (size_t i = 0; i < d.n_terms; i++)
        t_sum += d.terms[i].weight * d.terms[i].T * d.time_scale;
    double u[4] = {0.0, log(t_sum / d.x_sum), 0.0, pnbd ? log(KA_BGNBD_AGE_SCALE) : 0.0};

    /* The clients are valid, so a refused start means the likelihood is not
     * finite there (an age so small that the time scale overflows, x near
     * 1e270): no maximum to be found, not a bad argument. */
    st = ka_optim_minimum(ka_bgnbd_objective, &d, 4, u, KA_BGNBD_MIN_CURVATURE);
    if (st == KA_OK) {
        /* beta of Pareto/NBD is a rate in time units, as alpha */
        ka_bgnbd_params p = {exp(u[0]), exp(u[1]) / d.time_scale, exp(u[2]),
                             pnbd ? exp(u[3]) / d.time_scale : exp(u[3])};
        if (ka_bgnbd_check_params(&p) != KA_OK) {
            st = KA_ERR_NOCONV;
        } else {
            d.time_scale = 1.0;
            d.work_left = INFINITY;
            double ll;
            if (ka_bgnbd_data_eval(&d, &p, &ll, NULL) != KA_OK || !isfinite(ll)) {
                st = KA_ERR_NOCONV;
            } else {
                *out = p;
                if (loglik)
                    *loglik = ll;
            }
        }
    }
    ka_bgnbd_data_free(&d);
    return st;
}

ka_status ka_bgnbd_std_errors(const ka_bgnbd_params *p, ka_model model, const double *x,
                              const double *t_x, const double *T, size_t n, ka_bgnbd_params *se)
{
    if (!se || ka_bgnbd_check_params(p) != KA_OK)
        return KA_ERR_ARG;
    ka_bgnbd_data d;
    ka_status st = ka_bgnbd_data_init(&d, model, x, t_x, T, n);
    if (st != KA_OK)
        return st;
    /* The objective of the fit, in its time scale (log-parameters only
     * shift with the scale, so the Hessian is the same; the rates alpha
     * and beta are scaled back below). */
    const int pnbd = model == KA_MODEL_PNBD;
    const double ts = d.t_max > 0.0 ? KA_BGNBD_AGE_SCALE / d.t_max : 1.0;
    d.time_scale = isfinite(ts) ? ts : 1.0;
    const double u[4] = {log(p->r), log(p->alpha * d.time_scale), log(p->a),
                         pnbd ? log(p->b * d.time_scale) : log(p->b)};
    double out[4];
    st = ka_optim_std_errors(ka_bgnbd_objective, &d, 4, u, d.weight_sum, 1e-4, out);
    if (st == KA_ERR_ARG) /* a scaled parameter that overflowed: no finite information */
        st = KA_ERR_NOCONV;
    if (st == KA_OK) {
        ka_bgnbd_params v = {out[0], out[1] / d.time_scale, out[2],
                             pnbd ? out[3] / d.time_scale : out[3]};
        if (ka_bgnbd_check_params(&v) == KA_OK)
            *se = v;
        else
            st = KA_ERR_NOCONV;
    }
    ka_bgnbd_data_free(&d);
    return st;
}

/* ---- per-client predictions ----------------------------------------------- */

/* log-odds of having dropped out: d with P(alive) = 1 / (1 + e^d).
 * Sets *never_dead for BG/NBD clients without repeat purchase (P = 1). */
static ka_status ka_bgnbd_dropout_logodds(const ka_bgnbd_params *p, ka_model model, double x,
                                          double t_x, double T, double *d, int *never_dead)
{
    if (ka_bgnbd_check_params(p) != KA_OK || !ka_bgnbd_model_ok(model) ||
        ka_bgnbd_check_client(x, t_x, T) != KA_OK)
        return KA_ERR_ARG;
    *never_dead = model == KA_MODEL_BGNBD && x == 0.0;
    if (*never_dead) {
        *d = -INFINITY;
        return KA_OK;
    }
    if (model == KA_MODEL_PNBD) {
        double ll;
        long used;
        ka_status st = ka_pnbd_client(p, x, t_x, T, KA_HYP2F1_MAX_TERMS, &used, &ll, NULL, d);
        /* -Inf (t_x = T) is a sure survivor, +Inf an overflowing odds; NaN
         * only from overflowing sums (every value near 1e308). */
        if (st == KA_OK && isnan(*d))
            st = KA_ERR_NOCONV;
        return st;
    }
    /* Each part is finite, or the growth term +Inf, so d is never NaN, also
     * when b + x, alpha + t_x or r + x overflow (every value near 1e308). */
    double x_b = model == KA_MODEL_BGNBD ? x - 1.0 : x, bx = p->b + x_b;
    double log_bx = isfinite(bx) ? log(bx) : ka_bgnbd_log_sum(p->b, x_b);
    double q = (T - t_x) / (p->alpha + t_x); /* (alpha + T) / (alpha + t_x) - 1 */
    double lratio = isfinite(q) && isfinite(p->alpha + t_x)
                        ? log1p(q)
                        : ka_bgnbd_log_sum(p->alpha, T) - ka_bgnbd_log_sum(p->alpha, t_x);
    double rx = p->r + x;
    double growth = isfinite(rx) ? rx * lratio : p->r * lratio + x * lratio;
    *d = log(p->a) - log_bx + growth;
    return KA_OK;
}

ka_status ka_bgnbd_palive(const ka_bgnbd_params *p, ka_model model, double x, double t_x, double T,
                          double *prob)
{
    double d;
    int never_dead;
    if (!prob)
        return KA_ERR_ARG;
    ka_status st = ka_bgnbd_dropout_logodds(p, model, x, t_x, T, &d, &never_dead);
    if (st != KA_OK)
        return st;
    *prob = never_dead ? 1.0 : ka_bgnbd_logistic(-d);
    return KA_OK;
}

ka_status ka_bgnbd_churn_risk(const ka_bgnbd_params *p, ka_model model, double x, double t_x,
                              double T, double *risk)
{
    double d;
    int never_dead;
    if (!risk)
        return KA_ERR_ARG;
    ka_status st = ka_bgnbd_dropout_logodds(p, model, x, t_x, T, &d, &never_dead);
    if (st != KA_OK)
        return st;
    *risk = never_dead ? 0.0 : ka_bgnbd_logistic(d);
    return KA_OK;
}

/* Horizons evaluated together by the expectations (CLV's 12 months in one
 * group); after a group with a failure the rest are not evaluated, so a
 * horizon far beyond the age costs at most one group's series. */
#define KA_BGNBD_HORIZONS 12

/* log 2F1 for G at m <= KA_BGNBD_HORIZONS arguments z[i].  The caller's
 * arguments are valid, so a parameter that overflowed (b + x near 1e308), a
 * c that rounded to 0 (a + b below 1e-16) or a z that rounded to 1 (a horizon
 * beyond about 1e16 times alpha) means the series cannot be summed:
 * KA_ERR_NOCONV, as for a series that does not converge.  Sets st[i]. */
static void ka_bgnbd_hyp2f1_log(double a, double b, double c, const double *z, size_t m, double *lh,
                                ka_status *st)
{
    double zs[KA_BGNBD_HORIZONS], ls[KA_BGNBD_HORIZONS];
    size_t at[KA_BGNBD_HORIZONS], left = 0;
    ka_status sts[KA_BGNBD_HORIZONS];
    const int params_ok = isfinite(a) && isfinite(b) && isfinite(c) && c > 0.0;
    for (size_t i = 0; i < m; i++) {
        if (!params_ok || !(z[i] < 1.0)) {
            st[i] = KA_ERR_NOCONV;
        } else {
            at[left] = i;
            zs[left++] = z[i];
        }
    }
    if (left == 0)
        return;
    (void)ka_hyp2f1_log_many(a, b, c, zs, left, ls, sts);
    for (size_t j = 0; j < left; j++) {
        st[at[j]] = sts[j];
        if (sts[j] == KA_OK)
            lh[at[j]] = ls[j];
    }
}

/* z = t / (alpha + t) of G, also when alpha + t overflows. */
static double ka_bgnbd_z(double alpha, double t)
{
    double s = alpha + t;
    return isfinite(s) ? t / s : 1.0 / (1.0 + alpha / t);
}

/* G = E[(1 - exp(-lambda p t)) / p], lambda ~ Gamma(r, alpha), p ~ Beta(a, b):
 * the expected purchases in t of a client who is alive at time 0 and drops
 * out after each purchase with probability p.  For a + b - 1 > 0:
 *   G = (a+b-1)/(a-1) * (1 - (alpha/(alpha+t))^r 2F1(r, b; a+b-1; t/(alpha+t))),
 * evaluated as -expm1 of a logarithm.  a != 1 here.  At m <= KA_BGNBD_HORIZONS
 * horizons t[i] > 0 together (one set of 2F1 coefficients); sets st[i]. */
static void ka_bgnbd_g_direct(double r, double alpha, double a, double b, const double *t, size_t m,
                              double *g, ka_status *st)
{
    double z[KA_BGNBD_HORIZONS] = {0.0}, lh[KA_BGNBD_HORIZONS];
    for (size_t i = 0; i < m; i++)
        z[i] = ka_bgnbd_z(alpha, t[i]);
    ka_bgnbd_hyp2f1_log(r, b, a + b - 1.0, z, m, lh, st);
    for (size_t i = 0; i < m; i++) {
        if (st[i] != KA_OK)
            continue;
        double log1mz = -log1p(t[i] / alpha);
        g[i] = (a + b - 1.0) / (a - 1.0) * -expm1(r * log1mz + lh[i]);
    }
}

/* G for a + b - 1 > 0, bridging the removable singularity at a = 1. */
static void ka_bgnbd_g_pos(double r, double alpha, double a, double b, const double *t, size_t m,
                           double *g, ka_status *st)
{
    if (fabs(a - 1.0) >= KA_BGNBD_A1_GAP) {
        ka_bgnbd_g_direct(r, alpha, a, b, t, m, g, st);
        return;
    }
    double lo[KA_BGNBD_HORIZONS], hi[KA_BGNBD_HORIZONS];
    ka_status st_hi[KA_BGNBD_HORIZONS];
    const double a_lo = 1.0 - KA_BGNBD_A1_GAP, a_hi = 1.0 + KA_BGNBD_A1_GAP;
    ka_bgnbd_g_direct(r, alpha, a_lo, b, t, m, lo, st);
    ka_bgnbd_g_direct(r, alpha, a_hi, b, t, m, hi, st_hi);
    for (size_t i = 0; i < m; i++) {
        if (st[i] == KA_OK)
            st[i] = st_hi[i];
        if (st[i] == KA_OK)
            g[i] = lo[i] + (a - a_lo) / (a_hi - a_lo) * (hi[i] - lo[i]);
    }
}

/* G for any a, b > 0 at m <= KA_BGNBD_HORIZONS horizons t[i] >= 0; sets
 * st[i].  When a + b - 1 is not safely positive (the 2F1 would need
 * c <= 0), splits p ~ Beta(a, b) as E[f] = E[f (1-p)] + E[f p]:
 *   G(a, b) = b/(a+b) G(a, b+1) + 1 - (alpha/(alpha+t))^r 2F1(r, b; a+b; z). */
static void ka_bgnbd_g_many(double r, double alpha, double a, double b, const double *t, size_t m,
                            double *g, ka_status *st)
{
    double ts[KA_BGNBD_HORIZONS], gs[KA_BGNBD_HORIZONS];
    size_t at[KA_BGNBD_HORIZONS], left = 0;
    ka_status sts[KA_BGNBD_HORIZONS];
    for (size_t i = 0; i < m; i++) {
        if (t[i] == 0.0) {
            g[i] = 0.0;
            st[i] = KA_OK;
        } else {
            at[left] = i;
            ts[left++] = t[i];
        }
    }
    if (left == 0)
        return;
    if (a + b - 1.0 > 0.1) {
        ka_bgnbd_g_pos(r, alpha, a, b, ts, left, gs, sts);
    } else {
        double z[KA_BGNBD_HORIZONS], lh[KA_BGNBD_HORIZONS];
        ka_status st_h[KA_BGNBD_HORIZONS];
        for (size_t j = 0; j < left; j++)
            z[j] = ka_bgnbd_z(alpha, ts[j]);
        ka_bgnbd_g_pos(r, alpha, a, b + 1.0, ts, left, gs, sts);
        ka_bgnbd_hyp2f1_log(r, b, a + b, z, left, lh, st_h);
        for (size_t j = 0; j < left; j++) {
            if (sts[j] == KA_OK)
                sts[j] = st_h[j];
            if (sts[j] == KA_OK) {
                double log1mz = -log1p(ts[j] / alpha);
                gs[j] = b / (a + b) * gs[j] - expm1(r * log1mz + lh[j]);
            }
        }
    }
    for (size_t j = 0; j < left; j++) {
        st[at[j]] = sts[j];
        if (sts[j] == KA_OK)
            g[at[j]] = gs[j];
    }
}

/* G at one horizon t >= 0. */
static ka_status ka_bgnbd_g(double r, double alpha, double a, double b, double t, double *g)
{
    ka_status st;
    ka_bgnbd_g_many(r, alpha, a, b, &t, 1, g, &st);
    return st;
}

static ka_status ka_bgnbd_check_horizon(double t)
{
    return isfinite(t) && t >= 0.0 ? KA_OK : KA_ERR_ARG;
}

/* The conditional expectations at m <= KA_BGNBD_HORIZONS finite horizons
 * h[i] >= 0 of a valid client whose P(alive) is prob.  Returns the status of
 * the first horizon that fails (e[i] unspecified from there on) or KA_OK. */
static ka_status ka_bgnbd_expected_alive(const ka_bgnbd_params *p, ka_model model, const double *h,
                                         size_t m, double x, double T, double prob, double *e)
{
    double g[KA_BGNBD_HORIZONS];
    ka_status st[KA_BGNBD_HORIZONS];
    /* Alive at T, the client is a fresh one with the posterior parameters
     * r + x, alpha + T, a, b + x (MBG/NBD: b + x + 1). */
    if (model == KA_MODEL_PNBD) {
        const double scale = ka_pnbd_log_g_scale(p->r + x, p->alpha + T, p->b + T);
        for (size_t i = 0; i < m; i++) {
            g[i] = h[i] == 0.0 ? 0.0 : exp(ka_pnbd_log_g_at(scale, p->a, p->b + T, h[i]));
            st[i] = KA_OK;
        }
    } else {
        double b_post = model == KA_MODEL_BGNBD ? p->b + x : p->b + x + 1.0;
        ka_bgnbd_g_many(p->r + x, p->alpha + T, p->a, b_post, h, m, g, st);
    }
    for (size_t i = 0; i < m; i++) {
        if (st[i] != KA_OK)
            return st[i];
        if (!isfinite(g[i]))
            return KA_ERR_NOCONV;
        e[i] = g[i] * prob > 0.0 ? g[i] * prob : 0.0;
    }
    return KA_OK;
}

ka_status ka_bgnbd_expected(const ka_bgnbd_params *p, ka_model model, double horizon, double x,
                            double t_x, double T, double *e)
{
    double prob;
    if (!e || ka_bgnbd_check_horizon(horizon) != KA_OK)
        return KA_ERR_ARG;
    ka_status st = ka_bgnbd_palive(p, model, x, t_x, T, &prob);
    if (st != KA_OK)
        return st;
    return ka_bgnbd_expected_alive(p, model, &horizon, 1, x, T, prob, e);
}

ka_status ka_bgnbd_expected_steps(const ka_bgnbd_params *p, ka_model model, double step, size_t n,
                                  double x, double t_x, double T, double *e)
{
    double prob;
    if (!e || n == 0 || ka_bgnbd_check_horizon(step) != KA_OK)
        return KA_ERR_ARG;
    ka_status st = ka_bgnbd_palive(p, model, x, t_x, T, &prob);
    for (size_t i0 = 0; i0 < n && st == KA_OK; i0 += KA_BGNBD_HORIZONS) {
        const size_t m = n - i0 < KA_BGNBD_HORIZONS ? n - i0 : KA_BGNBD_HORIZONS;
        double h[KA_BGNBD_HORIZONS];
        size_t finite = 0;
        while (finite < m && isfinite(h[finite] = (double)(i0 + finite + 1) * step))
            finite++;
        if (finite > 0)
            st = ka_bgnbd_expected_alive(p, model, h, finite, x, T, prob, e + i0);
        if (st == KA_OK && finite < m)
            st = KA_ERR_NOCONV; /* (i + 1) step overflows */
    }
    return st;
}

ka_status ka_bgnbd_expected_uncond(const ka_bgnbd_params *p, ka_model model, double t, double *e)
{
    double g;
    if (!e || ka_bgnbd_check_params(p) != KA_OK || !ka_bgnbd_model_ok(model) ||
        ka_bgnbd_check_horizon(t) != KA_OK)
        return KA_ERR_ARG;
    ka_status st;
    if (model == KA_MODEL_PNBD) {
        st = KA_OK;
        g = t == 0.0
                ? 0.0
                : exp(ka_pnbd_log_g_at(ka_pnbd_log_g_scale(p->r, p->alpha, p->b), p->a, p->b, t));
    } else if (model == KA_MODEL_BGNBD) {
        st = ka_bgnbd_g(p->r, p->alpha, p->a, p->b, t, &g);
    } else { /* MBG/NBD: dead at time 0 with probability a/(a+b) */
        st = ka_bgnbd_g(p->r, p->alpha, p->a, p->b + 1.0, t, &g);
        g *= p->b / (p->a + p->b);
    }
    if (st != KA_OK)
        return st;
    if (!isfinite(g))
        return KA_ERR_NOCONV;
    *e = g > 0.0 ? g : 0.0;
    return KA_OK;
}

/* NOPURCHASEPROB under Pareto/NBD: no purchase in (T, T + h] has the
 * probability L(x, t_x, T + h) / L(x, t_x, T), the likelihood of the same
 * history observed h longer without a purchase over that of the history
 * (docs/churn.md derives it from P(alive) and the posterior of the rates).
 * Both from ka_pnbd_client, in log space; the constant log C cancels. */
static ka_status ka_pnbd_no_purchase(const ka_bgnbd_params *p, double horizon, double x, double t_x,
                                     double T, double *prob)
{
    if (ka_bgnbd_check_params(p) != KA_OK || ka_bgnbd_check_client(x, t_x, T) != KA_OK)
        return KA_ERR_ARG;
    if (horizon == 0.0) {
        *prob = 1.0;
        return KA_OK;
    }
    const double later = T + horizon; /* the caller's values are finite; the sum may not be */
    if (!isfinite(later))
        return KA_ERR_NOCONV;
    double ll_now, ll_later;
    long used;
    ka_status st = ka_pnbd_client(p, x, t_x, T, KA_HYP2F1_MAX_TERMS, &used, &ll_now, NULL, NULL);
    if (st == KA_OK)
        st = ka_pnbd_client(p, x, t_x, later, KA_HYP2F1_MAX_TERMS, &used, &ll_later, NULL, NULL);
    if (st != KA_OK)
        return st;
    double diff = ll_later - ll_now;
    if (isnan(diff)) /* overflowing sums, as for P(alive) */
        return KA_ERR_NOCONV;
    /* <= 0 in exact arithmetic: rounding above it is 1, not more */
    *prob = diff < 0.0 ? exp(diff) : 1.0;
    return KA_OK;
}

ka_status ka_bgnbd_no_purchase(const ka_bgnbd_params *p, ka_model model, double horizon, double x,
                               double t_x, double T, double *prob)
{
    double d;
    int never_dead;
    if (!prob || ka_bgnbd_check_horizon(horizon) != KA_OK)
        return KA_ERR_ARG;
    if (model == KA_MODEL_PNBD)
        return ka_pnbd_no_purchase(p, horizon, x, t_x, T, prob);
    ka_status st = ka_bgnbd_dropout_logodds(p, model, x, t_x, T, &d, &never_dead);
    if (st != KA_OK)
        return st;
    if (horizon == 0.0) {
        *prob = 1.0;
        return KA_OK;
    }
    /* Alive, the purchase rate has the posterior Gamma(r + x, alpha + T):
     * no purchase in the horizon with probability ((alpha+T)/(alpha+T+h))^(r+x)
     * = exp(-k), k = (r + x) log1p(h / (alpha + T)); k is never NaN, also
     * when alpha + T or r + x overflow. */
    double sum = p->alpha + T, big = fmax(p->alpha, T), small = fmin(p->alpha, T);
    double ratio = isfinite(sum) ? horizon / sum : horizon / big / (1.0 + small / big);
    double l = log1p(ratio), rx = p->r + x;
    double k = isfinite(rx) ? rx * l : p->r * l + x * l;
    double risk = never_dead ? 0.0 : ka_bgnbd_logistic(d);
    double alive = never_dead ? 1.0 : ka_bgnbd_logistic(-d);
    double v = risk + alive * exp(-k);
    *prob = v < 1.0 ? v : 1.0;
    return KA_OK;
}
