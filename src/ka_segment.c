/* ka_segment.c - customer segmentation (see ka_segment.h). */
#include "ka_segment.h"

#include <math.h>
#include <stdint.h>
#include <stdlib.h>
#include <string.h>

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

/* Sorts p->values[0..p->n-1] (already filled) descending and fills scale
 * and the cumulative sums: the one preparation of ungrouped and grouped
 * values, so that a group's bits are those of its values alone. */
static void pareto_prepare(ka_pareto *p)
{
    size_t count = p->n;
    qsort(p->values, count, sizeof(double), compare_descending);
    p->scale = count > 0 ? p->values[0] : 1.0;
    neumaier acc = {0.0, 0.0};
    p->cumulative[0] = 0.0;
    for (size_t k = 0; k < count; k++) {
        neumaier_add(&acc, p->values[k] / p->scale);
        p->cumulative[k + 1] = neumaier_value(&acc);
    }
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
    pareto_prepare(p);
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

ka_status ka_pareto_concentration(const ka_pareto *p, ka_concentration_measure m, double *out)
{
    if (!p || !out || (unsigned)m > (unsigned)KA_CONC_TOP20 || p->n == 0)
        return KA_ERR_ARG;
    *out = concentration_of(p, m);
    return KA_OK;
}

ka_status ka_concentration(const double *values, size_t n, ka_concentration_measure m, double *out)
{
    if (!out || (unsigned)m > (unsigned)KA_CONC_TOP20)
        return KA_ERR_ARG;
    ka_pareto *p;
    ka_status st = ka_pareto_new(values, n, &p);
    if (st != KA_OK)
        return st;
    st = ka_pareto_concentration(p, m, out);
    ka_pareto_free(p);
    return st;
}

/* ---- groups ---- */

struct ka_groups {
    size_t n;          /* rows */
    size_t count;      /* distinct labels */
    size_t *row_group; /* n entries: the group of each row */
    ka_pareto *parts;  /* count + 1: each group's values, then an empty one */
    double *block;     /* every group's values, then every group's cumulative sums */
    ka_label *labels;  /* count distinct labels, ascending by their bytes */
    char *bytes;       /* the labels' text */
};

static int label_compare(const ka_label *a, const ka_label *b)
{
    size_t m = a->len < b->len ? a->len : b->len;
    int c = m > 0 ? memcmp(a->text, b->text, m) : 0;
    return c != 0 ? c : (a->len > b->len) - (a->len < b->len);
}

/* A distinct label and its id in order of first appearance. */
typedef struct label_entry {
    ka_label label;
    size_t first_id;
} label_entry;

static int compare_entries(const void *a, const void *b)
{
    return label_compare(&((const label_entry *)a)->label, &((const label_entry *)b)->label);
}

/* FNV-1a: the labels' hash for finding the distinct ones in one pass. */
static uint64_t label_hash(const ka_label *l)
{
    uint64_t h = 1469598103934665603u;
    for (size_t i = 0; i < l->len; i++)
        h = (h ^ (unsigned char)l->text[i]) * 1099511628211u;
    return h;
}

/* Gives each row the id of its label in order of first appearance
 * (ids[i]) and returns the distinct labels in entries[0..*count-1].  One
 * pass with an open-addressing table of row numbers. */
static ka_status label_ids(const ka_label *labels, size_t n, size_t *ids, label_entry *entries,
                           size_t *count)
{
    size_t size = 16;
    while (size < 2 * n)
        size *= 2;
    size_t *slots = calloc(size, sizeof *slots); /* 0: free, else id + 1 */
    if (!slots)
        return KA_ERR_NOMEM;
    size_t distinct = 0;
    for (size_t i = 0; i < n; i++) {
        size_t h = (size_t)label_hash(&labels[i]) & (size - 1);
        while (slots[h] && label_compare(&entries[slots[h] - 1].label, &labels[i]) != 0)
            h = (h + 1) & (size - 1);
        if (!slots[h]) {
            entries[distinct] = (label_entry){labels[i], distinct};
            slots[h] = ++distinct;
        }
        ids[i] = slots[h] - 1;
    }
    free(slots);
    *count = distinct;
    return KA_OK;
}

ka_status ka_groups_new(const double *values, const ka_label *labels, size_t n, ka_groups **out)
{
    if (!out)
        return KA_ERR_ARG;
    *out = NULL;
    if (n > 0 && (!values || !labels))
        return KA_ERR_ARG;
    size_t positive = 0, bytes = 0;
    for (size_t i = 0; i < n; i++) {
        if (!isfinite(values[i]) || (!labels[i].text && labels[i].len > 0))
            return KA_ERR_ARG;
        positive += values[i] > 0;
    }
    if (n > SIZE_MAX / (4 * sizeof(double)))
        return KA_ERR_NOMEM;

    ka_groups *g = calloc(1, sizeof *g);
    label_entry *entries = malloc((n ? n : 1) * sizeof *entries);
    size_t *rank = NULL, *fill = NULL;
    ka_status st = g && entries ? KA_OK : KA_ERR_NOMEM;
    if (st == KA_OK && !(g->row_group = malloc((n ? n : 1) * sizeof *g->row_group)))
        st = KA_ERR_NOMEM;
    if (st == KA_OK)
        st = label_ids(labels, n, g->row_group, entries, &g->count);
    if (st != KA_OK)
        goto done;

    /* ids in ascending order of the labels: independent of row order */
    size_t count = g->count;
    qsort(entries, count, sizeof *entries, compare_entries);
    for (size_t k = 0; k < count; k++)
        bytes += entries[k].label.len;
    rank = malloc((count ? count : 1) * sizeof *rank);
    fill = calloc(count + 1, sizeof *fill);
    g->parts = calloc(count + 1, sizeof *g->parts);
    g->block = malloc((2 * positive + count + 1) * sizeof *g->block);
    g->labels = malloc((count ? count : 1) * sizeof *g->labels);
    g->bytes = malloc(bytes ? bytes : 1);
    if (!rank || !fill || !g->parts || !g->block || !g->labels || !g->bytes) {
        st = KA_ERR_NOMEM;
        goto done;
    }
    size_t used = 0;
    for (size_t k = 0; k < count; k++) {
        rank[entries[k].first_id] = k;
        if (entries[k].label.len > 0)
            memcpy(g->bytes + used, entries[k].label.text, entries[k].label.len);
        g->labels[k] = (ka_label){g->bytes + used, entries[k].label.len};
        used += entries[k].label.len;
    }
    g->n = n;
    for (size_t i = 0; i < n; i++) {
        g->row_group[i] = rank[g->row_group[i]];
        fill[g->row_group[i]] += values[i] > 0;
    }

    /* group k: its values from offset start, its count + 1 sums after all
     * the values, at positive + start + k; the empty part gets one sum */
    double *sums = g->block + positive;
    size_t start = 0;
    for (size_t k = 0; k <= count; k++) {
        g->parts[k] = (ka_pareto){fill[k], 1.0, g->block + start, sums + start + k};
        start += fill[k];
        fill[k] = 0;
    }
    for (size_t i = 0; i < n; i++)
        if (values[i] > 0) {
            ka_pareto *p = &g->parts[g->row_group[i]];
            p->values[fill[g->row_group[i]]++] = values[i];
        }
    for (size_t k = 0; k <= count; k++)
        pareto_prepare(&g->parts[k]);
    *out = g;
    g = NULL;

done:
    free(entries);
    free(rank);
    free(fill);
    ka_groups_free(g);
    return st;
}

void ka_groups_free(ka_groups *g)
{
    if (!g)
        return;
    free(g->row_group);
    free(g->parts);
    free(g->block);
    free(g->labels);
    free(g->bytes);
    free(g);
}

size_t ka_groups_count(const ka_groups *g)
{
    return g ? g->count : 0;
}

size_t ka_groups_rows(const ka_groups *g)
{
    return g ? g->n : 0;
}

size_t ka_groups_of_row(const ka_groups *g, size_t i)
{
    return g->row_group[i];
}

size_t ka_groups_find(const ka_groups *g, const char *text, size_t len)
{
    if (!g)
        return 0;
    const ka_label want = {text, len};
    size_t lo = 0, hi = g->count;
    while (lo < hi) {
        size_t mid = lo + (hi - lo) / 2;
        int c = label_compare(&g->labels[mid], &want);
        if (c == 0)
            return mid;
        if (c < 0)
            lo = mid + 1;
        else
            hi = mid;
    }
    return g->count;
}

const ka_pareto *ka_groups_pareto(const ka_groups *g, size_t k)
{
    return g && k <= g->count ? &g->parts[k] : NULL;
}

/* ---- PARETOCURVE ---- */

/* Sorting context: the values, to order indices by. */
typedef struct ranked {
    double value;
    size_t index;
} ranked;

static int compare_ranked(const void *a, const void *b)
{
    const ranked *x = a, *y = b;
    if (x->value != y->value)
        return (x->value < y->value) - (x->value > y->value);
    return (x->index > y->index) - (x->index < y->index);
}

size_t ka_pareto_curve_rows(size_t n, size_t max_points)
{
    return n <= max_points ? n : max_points;
}

ka_status ka_pareto_curve(const double *values, size_t n, size_t max_points, size_t *order,
                          ka_curve_point *points)
{
    if (!values || !order || !points || n == 0 || max_points == 0)
        return KA_ERR_ARG;
    double scale = 0.0;
    for (size_t i = 0; i < n; i++) {
        if (!isfinite(values[i]))
            return KA_ERR_ARG;
        scale = fmax(scale, values[i]);
    }
    if (!(scale > 0))
        return KA_ERR_ARG;
    if (n > SIZE_MAX / sizeof(ranked))
        return KA_ERR_NOMEM;
    ranked *r = malloc(n * sizeof *r);
    if (!r)
        return KA_ERR_NOMEM;
    for (size_t i = 0; i < n; i++)
        r[i] = (ranked){values[i], i};
    qsort(r, n, sizeof *r, compare_ranked);
    neumaier total = {0.0, 0.0};
    for (size_t i = 0; i < n; i++) {
        order[i] = r[i].index;
        if (r[i].value > 0)
            neumaier_add(&total, r[i].value / scale);
    }
    double sum = neumaier_value(&total);
    size_t rows = ka_pareto_curve_rows(n, max_points);
    size_t single = n <= max_points ? n : max_points / 2, blocks = rows - single;
    neumaier acc = {0.0, 0.0};
    size_t next = 0;
    for (size_t k = 0; k < rows; k++) {
        size_t first = next, last;
        if (k < single)
            last = first;
        else /* block j of blocks ends at single + ceil((n - single) j / blocks) */
            last = single + ((n - single) * (k - single + 1) + blocks - 1) / blocks - 1;
        neumaier block = {0.0, 0.0};
        for (size_t i = first; i <= last; i++) {
            neumaier_add(&block, r[i].value / scale);
            if (r[i].value > 0)
                neumaier_add(&acc, r[i].value / scale);
        }
        double share = neumaier_value(&acc) / sum;
        points[k] = (ka_curve_point){first, last,
                                     first == last ? r[first].value
                                                   : neumaier_value(&block) /
                                                         (double)(last - first + 1) * scale,
                                     share > 1.0 ? 1.0 : share, (double)(last + 1) / (double)n};
        next = last + 1;
    }
    free(r);
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
