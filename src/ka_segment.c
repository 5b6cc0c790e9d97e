/* ka_segment.c - customer segmentation (see ka_segment.h). */
#include "ka_segment.h"

#include <math.h>
#include <stdint.h>
#include <stdlib.h>

/* A share or coefficient this close to a limit counts as equal to it. */
static const double TOL = 1e-12;

static const double DEFAULT_DEPENDENCY_LIMITS[4] = {0.1, 0.2, 0.4, 0.5};

/* Series up to this many periods are sorted on the stack. */
#define XYZ_LOCAL_PERIODS 64

struct ka_pareto {
    size_t n;           /* number of positive values */
    double scale;       /* the largest positive value */
    double *values;     /* the positive values, descending */
    double *cumulative; /* n + 1 sums: cumulative[k] = (sum of the k largest values) / scale */
};

/* Neumaier's compensated sum: accurate to about one rounding even when
 * large and small values are mixed, so shares near a limit are trustworthy.
 * (Row-order independence comes from summing in sorted order.) */
typedef struct neumaier {
    double sum, compensation;
} neumaier;

static void neumaier_add(neumaier *acc, double x)
{
    double t = acc->sum + x;
    if (fabs(acc->sum) >= fabs(x))
        acc->compensation += (acc->sum - t) + x;
    else
        acc->compensation += (x - t) + acc->sum;
    acc->sum = t;
}

static double neumaier_value(const neumaier *acc)
{
    return acc->sum + acc->compensation;
}

static int compare_descending(const void *a, const void *b)
{
    double x = *(const double *)a, y = *(const double *)b;
    return (x < y) - (x > y);
}

ka_status ka_pareto_new(const double *values, size_t n, ka_pareto **out)
{
    if (!out)
        return KA_ERR_ARG;
    *out = NULL;
    if (!values && n > 0)
        return KA_ERR_ARG;

    size_t count = 0;
    for (size_t i = 0; i < n; i++) {
        if (!isfinite(values[i]))
            return KA_ERR_ARG;
        if (values[i] > 0)
            count++;
    }

    ka_pareto *p = malloc(sizeof *p);
    if (!p)
        return KA_ERR_NOMEM;
    /* values and cumulative share one block of 2 * count + 1 doubles */
    if (count > (SIZE_MAX / sizeof(double) - 1) / 2 ||
        !(p->values = malloc((2 * count + 1) * sizeof(double)))) {
        free(p);
        return KA_ERR_NOMEM;
    }
    p->n = count;
    p->cumulative = p->values + count;

    size_t k = 0;
    for (size_t i = 0; i < n; i++)
        if (values[i] > 0)
            p->values[k++] = values[i];
    qsort(p->values, count, sizeof(double), compare_descending);

    p->scale = count > 0 ? p->values[0] : 1.0;
    neumaier acc = {0.0, 0.0};
    p->cumulative[0] = 0.0;
    for (k = 0; k < count; k++) {
        neumaier_add(&acc, p->values[k] / p->scale);
        p->cumulative[k + 1] = neumaier_value(&acc);
    }
    *out = p;
    return KA_OK;
}

void ka_pareto_free(ka_pareto *p)
{
    if (!p)
        return;
    free(p->values);
    free(p);
}

size_t ka_pareto_count(const ka_pareto *p)
{
    return p ? p->n : 0;
}

/* Number of values > v (inclusive == 0) or >= v (inclusive == 1): the
 * values are descending, so this is the first index that fails the test. */
static size_t count_above(const ka_pareto *p, double v, int inclusive)
{
    size_t lo = 0, hi = p->n;
    while (lo < hi) {
        size_t mid = lo + (hi - lo) / 2;
        double x = p->values[mid];
        if (inclusive ? x >= v : x > v)
            lo = mid + 1;
        else
            hi = mid;
    }
    return lo;
}

static ka_status cumulative_share(const ka_pareto *p, double v, int inclusive, double *share)
{
    if (!p || !share || p->n == 0 || !isfinite(v))
        return KA_ERR_ARG;
    double s = p->cumulative[count_above(p, v, inclusive)] / p->cumulative[p->n];
    *share = s > 1.0 ? 1.0 : s; /* guard the last bit of rounding */
    return KA_OK;
}

ka_status ka_pareto_before(const ka_pareto *p, double v, double *share)
{
    return cumulative_share(p, v, 0, share);
}

ka_status ka_pareto_upto(const ka_pareto *p, double v, double *share)
{
    return cumulative_share(p, v, 1, share);
}

ka_status ka_abc_classify(const ka_pareto *p, double v, double limit_a, double limit_b, int rule,
                          char *cls)
{
    if (!p || !cls || !isfinite(v))
        return KA_ERR_ARG;
    if (!(limit_a > 0 && limit_a < limit_b && limit_b <= 1))
        return KA_ERR_ARG;
    if (rule != KA_ABC_CROSSING && rule != KA_ABC_INCLUSIVE)
        return KA_ERR_ARG;
    if (v <= 0 || p->n == 0) {
        *cls = 'C';
        return KA_OK;
    }

    double share;
    if (rule == KA_ABC_CROSSING) {
        (void)ka_pareto_before(p, v, &share);
        *cls = share < limit_a - TOL ? 'A' : share < limit_b - TOL ? 'B' : 'C';
    } else {
        (void)ka_pareto_upto(p, v, &share);
        *cls = share <= limit_a + TOL ? 'A' : share <= limit_b + TOL ? 'B' : 'C';
    }
    return KA_OK;
}

ka_status ka_sales_share(const ka_pareto *p, double v, double *share)
{
    if (!p || !share || p->n == 0 || !isfinite(v))
        return KA_ERR_ARG;
    double s = (v / p->scale) / p->cumulative[p->n];
    if (!isfinite(s))
        return KA_ERR_ARG;
    *share = s;
    return KA_OK;
}

ka_status ka_dependency_level(double share, const double *limits, const char **level)
{
    if (!level || !isfinite(share))
        return KA_ERR_ARG;
    const double *l = limits ? limits : DEFAULT_DEPENDENCY_LIMITS;
    for (int i = 0; i < 4; i++)
        if (!isfinite(l[i]) || (i > 0 && !(l[i - 1] < l[i])))
            return KA_ERR_ARG;

    if (share > l[3] + TOL)
        *level = "critical";
    else if (share > l[2] + TOL)
        *level = "high";
    else if (share > l[1] + TOL)
        *level = "elevated";
    else if (share >= l[0] - TOL)
        *level = "key";
    else
        *level = "";
    return KA_OK;
}

static int ascii_lower(int c)
{
    return c >= 'A' && c <= 'Z' ? c - 'A' + 'a' : c;
}

/* 1 if name[0..len-1] equals the lower-case word, ignoring ASCII case. */
static int equals_word(const char *name, size_t len, const char *word)
{
    size_t i = 0;
    for (; i < len && word[i]; i++)
        if (ascii_lower((unsigned char)name[i]) != word[i])
            return 0;
    return i == len && !word[i];
}

ka_status ka_concentration_measure_parse(const char *name, ka_concentration_measure *m)
{
    static const struct {
        const char *word;
        ka_concentration_measure measure;
    } names[] = {{"hhi", KA_CONC_HHI},
                 {"hhinorm", KA_CONC_HHINORM},
                 {"n", KA_CONC_N},
                 {"gini", KA_CONC_GINI},
                 {"top20", KA_CONC_TOP20}};

    if (!m)
        return KA_ERR_ARG;
    if (!name)
        name = "";
    while (*name == ' ')
        name++;
    size_t len = 0;
    while (name[len])
        len++;
    while (len > 0 && name[len - 1] == ' ')
        len--;
    if (len == 0) {
        *m = KA_CONC_HHI;
        return KA_OK;
    }
    for (size_t i = 0; i < sizeof names / sizeof names[0]; i++) {
        if (equals_word(name, len, names[i].word)) {
            *m = names[i].measure;
            return KA_OK;
        }
    }
    return KA_ERR_ARG;
}

/* The measure over p, whose values are scaled by p->scale (shares and
 * ratios are scale-invariant). */
static double concentration_of(const ka_pareto *p, ka_concentration_measure m)
{
    size_t n = p->n;
    double total = p->cumulative[n];
    neumaier squares = {0.0, 0.0};
    for (size_t k = 0; k < n; k++) {
        double x = p->values[k] / p->scale;
        neumaier_add(&squares, x * x);
    }
    double hhi = neumaier_value(&squares) / (total * total);

    switch (m) {
    case KA_CONC_HHI:
        return hhi;
    case KA_CONC_HHINORM:
        if (n == 1)
            return 1.0;
        return fmax(0.0, (hhi - 1.0 / (double)n) / (1.0 - 1.0 / (double)n));
    case KA_CONC_N:
        return 1.0 / hhi;
    case KA_CONC_GINI: {
        /* 2*sum(i*x(i))/(n*sum x) - (n+1)/n as one sum of (2i - n - 1) x(i),
         * which is exactly 0 for equal values; values are descending here,
         * so the ascending rank of values[k] is i = n - k. */
        neumaier weighted = {0.0, 0.0};
        for (size_t k = 0; k < n; k++) {
            double rank = (double)(n - k);
            neumaier_add(&weighted, (2.0 * rank - (double)n - 1.0) * (p->values[k] / p->scale));
        }
        return fmax(0.0, neumaier_value(&weighted) / ((double)n * total));
    }
    case KA_CONC_TOP20:
        /* ceil(0.2 n), in integers so that no rounding of 0.2 can matter */
        return p->cumulative[(n + 4) / 5] / total;
    }
    return NAN; /* not reached: m is checked by the caller */
}

ka_status ka_concentration(const double *values, size_t n, ka_concentration_measure m, double *out)
{
    if (!out || (unsigned)m > (unsigned)KA_CONC_TOP20)
        return KA_ERR_ARG;
    ka_pareto *p;
    ka_status st = ka_pareto_new(values, n, &p);
    if (st != KA_OK)
        return st;
    if (p->n == 0) {
        ka_pareto_free(p);
        return KA_ERR_ARG;
    }
    *out = concentration_of(p, m);
    ka_pareto_free(p);
    return KA_OK;
}

/* Mean and standard deviation of the series divided by its largest |value|
 * (the ratio sd / mean is unchanged; the squares cannot overflow).  Both sums
 * run over a sorted copy: a compensated sum of 1e308, -1e308 and small values
 * still depends on the order in its last bits, and the result must not. */
static ka_status xyz_moments(const double *series, size_t n, int deviation, double *mean,
                             double *sd)
{
    if (!series || n < 3 || (deviation != 0 && deviation != 1))
        return KA_ERR_ARG;
    double scale = 0.0;
    for (size_t i = 0; i < n; i++) {
        if (!isfinite(series[i]))
            return KA_ERR_ARG;
        scale = fmax(scale, fabs(series[i]));
    }
    if (scale == 0.0) {
        *mean = *sd = 0.0;
        return KA_OK;
    }
    double local[XYZ_LOCAL_PERIODS]; /* rows of months or weeks need no allocation */
    double *sorted = n <= XYZ_LOCAL_PERIODS           ? local
                     : n <= SIZE_MAX / sizeof(double) ? malloc(n * sizeof(double))
                                                      : NULL;
    if (!sorted)
        return KA_ERR_NOMEM;
    for (size_t i = 0; i < n; i++)
        sorted[i] = series[i] / scale;
    qsort(sorted, n, sizeof(double), compare_descending);

    neumaier sum = {0.0, 0.0};
    for (size_t i = 0; i < n; i++)
        neumaier_add(&sum, sorted[i]);
    double mu = neumaier_value(&sum) / (double)n;

    neumaier squares = {0.0, 0.0};
    for (size_t i = 0; i < n; i++) {
        double d = sorted[i] - mu;
        neumaier_add(&squares, d * d);
    }
    if (sorted != local)
        free(sorted);
    *mean = mu;
    *sd = sqrt(neumaier_value(&squares) / (double)(n - (size_t)deviation));
    return KA_OK;
}

ka_status ka_xyz_coef(const double *series, size_t n, int deviation, double *cv)
{
    double mean, sd;
    if (!cv)
        return KA_ERR_ARG;
    ka_status st = xyz_moments(series, n, deviation, &mean, &sd);
    if (st != KA_OK)
        return st;
    if (!(mean > 0) || !isfinite(sd / mean))
        return KA_ERR_ARG;
    *cv = sd / mean;
    return KA_OK;
}

ka_status ka_xyz_classify(const double *series, size_t n, double limit_x, double limit_y,
                          int deviation, char *cls)
{
    double mean, sd;
    if (!cls || !(limit_x > 0 && limit_x < limit_y && isfinite(limit_y)))
        return KA_ERR_ARG;
    ka_status st = xyz_moments(series, n, deviation, &mean, &sd);
    if (st != KA_OK)
        return st;
    if (!(mean > 0)) {
        *cls = 'Z';
        return KA_OK;
    }
    double cv = sd / mean; /* may be +Inf for a mean that underflows: then 'Z' */
    *cls = cv <= limit_x + TOL ? 'X' : cv <= limit_y + TOL ? 'Y' : 'Z';
    return KA_OK;
}
