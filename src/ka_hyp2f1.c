/* ka_hyp2f1.c - log 2F1(a, b; c; z) for a, b, c > 0, 0 <= z < 1 (see ka_hyp2f1.h). */
#include "ka_hyp2f1.h"

#include <math.h>

/* Terms are summed in a scaled frame: the true partial sum is acc * 2^shift.
 * Rescaling by a power of two is exact, so a huge peak (2F1 ~ 2^10000 for a
 * client with 10,000 purchases) costs no precision. */
#define KA_HYP2F1_RESCALE_AT 0x1p800
#define KA_HYP2F1_RESCALE_BY 0x1p-800
#define KA_HYP2F1_RESCALE_EXP 800.0
#define KA_HYP2F1_EPS 1e-17
#define KA_HYP2F1_LN2 0.693147180559945309417232121458176568
/* Arguments z evaluated together (the stack holds their sums), and
 * coefficient ratios computed per pass over them: CLV's 12 months need one
 * group, and a series that stops after a few terms wastes few ratios. */
#define KA_HYP2F1_GROUP 32
#define KA_HYP2F1_PASS 16

/* One running series t_1 + t_2 + ... at one z, in the scaled frame. */
typedef struct ka_hyp2f1_sum {
    double z;
    double acc, term; /* the partial sum and the next term, true values x * 2^shift */
    double shift;
    double unit; /* the leading 1 of 2F1 in the scaled frame, 2^-shift */
    long n;      /* index of the next term */
    ka_status status;
    int running;
} ka_hyp2f1_sum;

/* Advances one series over the terms n = base .. base + count - 1, whose
 * coefficient ratios (p+n)(q+n) / ((c+n)(n+1)) are rho[n - base]: the ratio
 * of consecutive terms is rho * z.  Stops it (running = 0) when the next
 * term no longer matters or after KA_HYP2F1_MAX_TERMS terms (KA_ERR_NOCONV). */
static void ka_hyp2f1_sum_advance(ka_hyp2f1_sum *s, const double *rho, long base, int count)
{
    double acc = s->acc, term = s->term, shift = s->shift, unit = s->unit;
    const double z = s->z;
    const long end = base + count;
    long n = s->n;
    int running = 1;
    while (n < end) {
        if (!(term > 0.0)) {
            running = 0;
            break;
        }
        acc += term;
        double ratio = rho[n - base] * z;
        term *= ratio;
        n++;
        if (term > KA_HYP2F1_RESCALE_AT) {
            term *= KA_HYP2F1_RESCALE_BY;
            acc *= KA_HYP2F1_RESCALE_BY;
            shift += KA_HYP2F1_RESCALE_EXP;
            unit = ldexp(1.0, (int)-shift);
        }
        if (ratio < 1.0) {
            double bound = ratio > z ? ratio : z; /* later ratios stay below this */
            if (term <= KA_HYP2F1_EPS * (1.0 - bound) * (acc + unit)) {
                running = 0;
                break;
            }
        }
        if (n > KA_HYP2F1_MAX_TERMS) {
            s->status = KA_ERR_NOCONV;
            running = 0;
            break;
        }
    }
    s->acc = acc;
    s->term = term;
    s->shift = shift;
    s->unit = unit;
    s->n = n;
    s->running = running;
}

/* log(1 + sum_{n>=1} t_n) at m <= KA_HYP2F1_GROUP arguments z[i], with
 * t_1 = first[i] and t_{n+1} / t_n = (p+n)(q+n)z / ((c+n)(n+1)).  The
 * coefficient ratio of each n is computed once for all the arguments.
 * Requires first[i] >= 0 and p + n, q + n > 0 for every n >= 1, so every
 * term is >= 0.  Sets status[i]; log_value[i] only where it is KA_OK. */
static void ka_hyp2f1_tails_log(double p, double q, double c, const double *z, const double *first,
                                size_t m, double *log_value, ka_status *status)
{
    ka_hyp2f1_sum sums[KA_HYP2F1_GROUP];
    size_t running = m;
    for (size_t i = 0; i < m; i++)
        sums[i] = (ka_hyp2f1_sum){z[i], 0.0, first[i], 0.0, 1.0, 1, KA_OK, 1};
    for (long base = 1; running > 0; base += KA_HYP2F1_PASS) {
        double rho[KA_HYP2F1_PASS];
        for (int k = 0; k < KA_HYP2F1_PASS; k++) {
            const long n = base + k;
            rho[k] = (p + n) * (q + n) / ((c + n) * (n + 1.0));
        }
        running = 0;
        for (size_t i = 0; i < m; i++) {
            if (!sums[i].running)
                continue;
            ka_hyp2f1_sum_advance(&sums[i], rho, base, KA_HYP2F1_PASS);
            running += (size_t)sums[i].running;
        }
    }
    for (size_t i = 0; i < m; i++) {
        const ka_hyp2f1_sum *s = &sums[i];
        status[i] = s->status;
        if (s->status != KA_OK)
            continue;
        if (s->shift == 0.0)
            log_value[i] = log1p(s->acc);
        else
            log_value[i] = s->shift * KA_HYP2F1_LN2 + log(s->acc + s->unit);
    }
}

/* ka_hyp2f1_log_many for m <= KA_HYP2F1_GROUP arguments, a, b, c checked. */
static void ka_hyp2f1_group_log(double a, double b, double c, const double *z, size_t m,
                                double *log_value, ka_status *status)
{
    /* the arguments still to evaluate, by their index in z */
    size_t todo[KA_HYP2F1_GROUP], left = 0;
    for (size_t i = 0; i < m; i++) {
        if (!isfinite(z[i]) || z[i] < 0.0 || z[i] >= 1.0) {
            status[i] = KA_ERR_ARG;
        } else if (z[i] == 0.0) {
            log_value[i] = 0.0;
            status[i] = KA_OK;
        } else {
            todo[left++] = i;
        }
    }

    /* Euler: 2F1(a,b;c;z) = (1-z)^(c-a-b) 2F1(c-a, c-b; c; z).  Its series is
     * shorter when c - a and c - b are smaller than a and b (the large-x case:
     * a, b, c ~ x but c - a, c - b ~ 1).  It is used only when its terms do not
     * cancel: all >= 0, or all of one sign after the leading 1 and summing to
     * at most 1/2 (costs at most one bit). */
    double zs[KA_HYP2F1_GROUP], first[KA_HYP2F1_GROUP], tail[KA_HYP2F1_GROUP];
    ka_status st[KA_HYP2F1_GROUP];
    const double ea = c - a, eb = c - b;
    if (left > 0 && ea + eb < a + b && ea > -1.0 && eb > -1.0) {
        int negative[KA_HYP2F1_GROUP];
        for (size_t j = 0; j < left; j++) {
            zs[j] = z[todo[j]];
            double f = ea * eb / c * zs[j];
            /* a negative tail is summed by its magnitudes (a positive series) */
            negative[j] = !(f >= 0.0);
            first[j] = negative[j] ? -f : f;
        }
        ka_hyp2f1_tails_log(ea, eb, c, zs, first, left, tail, st);
        size_t still = 0;
        for (size_t j = 0; j < left; j++) {
            const size_t i = todo[j];
            const double power = (c - a - b) * log1p(-zs[j]);
            if (st[j] == KA_OK && !negative[j]) {
                log_value[i] = power + tail[j];
                status[i] = KA_OK;
                continue;
            }
            if (st[j] == KA_OK) {
                double magnitude = expm1(tail[j]);
                if (magnitude <= 0.5) {
                    log_value[i] = power + log1p(-magnitude);
                    status[i] = KA_OK;
                    continue;
                }
            }
            todo[still++] = i;
        }
        left = still;
    }
    if (left == 0)
        return;
    for (size_t j = 0; j < left; j++) {
        zs[j] = z[todo[j]];
        first[j] = a * b / c * zs[j];
    }
    ka_hyp2f1_tails_log(a, b, c, zs, first, left, tail, st);
    for (size_t j = 0; j < left; j++) {
        status[todo[j]] = st[j];
        if (st[j] == KA_OK)
            log_value[todo[j]] = tail[j];
    }
}

ka_status ka_hyp2f1_log_many(double a, double b, double c, const double *z, size_t n,
                             double *log_value, ka_status *status)
{
    if (!z || !log_value || !status || n == 0)
        return KA_ERR_ARG;
    const int params_ok =
        isfinite(a) && isfinite(b) && isfinite(c) && a > 0.0 && b > 0.0 && c > 0.0;
    for (size_t i0 = 0; i0 < n; i0 += KA_HYP2F1_GROUP) {
        const size_t m = n - i0 < KA_HYP2F1_GROUP ? n - i0 : KA_HYP2F1_GROUP;
        if (params_ok) {
            ka_hyp2f1_group_log(a, b, c, z + i0, m, log_value + i0, status + i0);
        } else {
            for (size_t i = i0; i < i0 + m; i++)
                status[i] = KA_ERR_ARG;
        }
    }
    for (size_t i = 0; i < n; i++)
        if (status[i] != KA_OK)
            return status[i];
    return KA_OK;
}

ka_status ka_hyp2f1_log(double a, double b, double c, double z, double *log_value)
{
    ka_status status;
    if (!log_value)
        return KA_ERR_ARG;
    return ka_hyp2f1_log_many(a, b, c, &z, 1, log_value, &status);
}
