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

/* log(1 + sum_{n>=1} t_n) with t_1 = first and t_{n+1} / t_n = (p+n)(q+n)z / ((c+n)(n+1)).
 * Requires first >= 0 and p + n, q + n > 0 for every n >= 1, so every term is
 * >= 0.  Sets *terms to the number of terms summed. */
static ka_status ka_hyp2f1_tail_log(double p, double q, double c, double z, double first,
                                    double *log_value, long *terms)
{
    double acc = 0.0, term = first, shift = 0.0; /* true values: x * 2^shift */
    long n = 1;

    while (term > 0.0) {
        acc += term;
        double ratio = (p + n) * (q + n) / ((c + n) * (n + 1.0)) * z;
        term *= ratio;
        n++;
        if (term > KA_HYP2F1_RESCALE_AT) {
            term *= KA_HYP2F1_RESCALE_BY;
            acc *= KA_HYP2F1_RESCALE_BY;
            shift += KA_HYP2F1_RESCALE_EXP;
        }
        if (ratio < 1.0) {
            double bound = ratio > z ? ratio : z; /* later ratios stay below this */
            double total = acc + ldexp(1.0, (int)-shift);
            if (term <= KA_HYP2F1_EPS * (1.0 - bound) * total)
                break;
        }
        if (n > KA_HYP2F1_MAX_TERMS)
            return KA_ERR_NOCONV;
    }
    *terms = n;
    if (shift == 0.0)
        *log_value = log1p(acc);
    else
        *log_value = shift * KA_HYP2F1_LN2 + log(acc + ldexp(1.0, (int)-shift));
    return KA_OK;
}

ka_status ka_hyp2f1_log(double a, double b, double c, double z, double *log_value)
{
    if (!log_value || !isfinite(a) || !isfinite(b) || !isfinite(c) || !isfinite(z) || a <= 0.0 ||
        b <= 0.0 || c <= 0.0 || z < 0.0 || z >= 1.0)
        return KA_ERR_ARG;
    if (z == 0.0) {
        *log_value = 0.0;
        return KA_OK;
    }

    /* Euler: 2F1(a,b;c;z) = (1-z)^(c-a-b) 2F1(c-a, c-b; c; z).  Its series is
     * shorter when c - a and c - b are smaller than a and b (the large-x case:
     * a, b, c ~ x but c - a, c - b ~ 1).  It is used only when its terms do not
     * cancel: all >= 0, or all of one sign after the leading 1 and summing to
     * at most 1/2 (costs at most one bit). */
    double ea = c - a, eb = c - b, log1mz = log1p(-z);
    long terms = 0;
    if (ea + eb < a + b && ea > -1.0 && eb > -1.0) {
        double first = ea * eb / c * z, tail = 0.0;
        if (first >= 0.0) {
            ka_status st = ka_hyp2f1_tail_log(ea, eb, c, z, first, &tail, &terms);
            if (st == KA_OK) {
                *log_value = (c - a - b) * log1mz + tail;
                return KA_OK;
            }
        } else {
            /* The tail is negative: sum its magnitudes (a positive series). */
            ka_status st = ka_hyp2f1_tail_log(ea, eb, c, z, -first, &tail, &terms);
            double magnitude = expm1(tail);
            if (st == KA_OK && magnitude <= 0.5) {
                *log_value = (c - a - b) * log1mz + log1p(-magnitude);
                return KA_OK;
            }
        }
    }
    return ka_hyp2f1_tail_log(a, b, c, z, a * b / c * z, log_value, &terms);
}
