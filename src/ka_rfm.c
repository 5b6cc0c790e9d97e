/* ka_rfm.c - RFM scores and segments (see ka_rfm.h).
 *
 * The population's three columns are sorted once; a digit is then two
 * binary searches (the clients strictly worse), so scoring every client of
 * the population is O(n log n) and ties cannot split. */
#include "ka_rfm.h"

#include <math.h>
#include <stdlib.h>

struct ka_rfm {
    size_t n;
    double *sorted[3]; /* SinceLast, Frequency, Monetary, each ascending */
};

/* Rules on the 1..5 levels of R, F, M; the first that matches wins.  Over
 * (R, F) the rules are a partition once champions is tried before loyal
 * and cannot_lose before at_risk (docs/rfm.md draws it). */
const ka_rfm_rule ka_rfm_rules[KA_RFM_RULE_COUNT] = {
    {"champions", {4, 4, 4}, {5, 5, 5}},
    {"loyal", {3, 4, 1}, {5, 5, 5}},
    {"potential_loyalist", {4, 2, 1}, {5, 3, 5}},
    {"new", {5, 1, 1}, {5, 1, 5}},
    {"promising", {3, 1, 1}, {4, 1, 5}},
    {"need_attention", {3, 2, 1}, {3, 3, 5}},
    {"cannot_lose", {1, 4, 4}, {2, 5, 5}},
    {"at_risk", {1, 3, 1}, {2, 5, 5}},
    {"about_to_sleep", {2, 1, 1}, {2, 2, 5}},
    {"hibernating", {1, 2, 1}, {1, 2, 5}},
    {"lost", {1, 1, 1}, {1, 1, 5}},
};

ka_status ka_rfm_check_client(double since_last, double frequency, double monetary)
{
    return isfinite(since_last) && since_last >= 0 && isfinite(frequency) && frequency >= 0 &&
                   isfinite(monetary)
               ? KA_OK
               : KA_ERR_ARG;
}

static int ka_rfm_cmp(const void *a, const void *b)
{
    const double x = *(const double *)a, y = *(const double *)b;
    return (x > y) - (x < y);
}

void ka_rfm_free(ka_rfm *rfm)
{
    if (!rfm)
        return;
    for (int k = 0; k < 3; k++)
        free(rfm->sorted[k]);
    free(rfm);
}

ka_status ka_rfm_new(const double *since_last, const double *frequency, const double *monetary,
                     size_t n, ka_rfm **out)
{
    *out = NULL;
    if (n == 0 || !since_last || !frequency || !monetary)
        return KA_ERR_ARG;
    for (size_t i = 0; i < n; i++)
        if (ka_rfm_check_client(since_last[i], frequency[i], monetary[i]) != KA_OK)
            return KA_ERR_ARG;
    ka_rfm *rfm = calloc(1, sizeof *rfm);
    if (!rfm)
        return KA_ERR_NOMEM;
    rfm->n = n;
    const double *col[3] = {since_last, frequency, monetary};
    for (int k = 0; k < 3; k++) {
        if (!(rfm->sorted[k] = malloc(n * sizeof *rfm->sorted[k]))) {
            ka_rfm_free(rfm);
            return KA_ERR_NOMEM;
        }
        for (size_t i = 0; i < n; i++)
            rfm->sorted[k][i] = col[k][i] + 0.0; /* -0 sorts as 0 */
        qsort(rfm->sorted[k], n, sizeof *rfm->sorted[k], ka_rfm_cmp);
    }
    *out = rfm;
    return KA_OK;
}

/* Number of values of the ascending v[0..n) below x (or, with or_equal, at
 * most x). */
static size_t ka_rfm_count_below(const double *v, size_t n, double x, int or_equal)
{
    size_t lo = 0, hi = n;
    while (lo < hi) {
        const size_t mid = lo + (hi - lo) / 2;
        if (v[mid] < x || (or_equal && v[mid] == x))
            lo = mid + 1;
        else
            hi = mid;
    }
    return lo;
}

static int ka_rfm_digit(size_t worse, size_t n, int bins)
{
    /* worse < n for a member, so the digit stays <= bins; an outsider may
     * reach n */
    const size_t d = 1 + (size_t)bins * worse / n;
    return d > (size_t)bins ? bins : (int)d;
}

ka_status ka_rfm_score(const ka_rfm *rfm, double since_last, double frequency, double monetary,
                       int bins, int *score)
{
    if (!rfm || bins < KA_RFM_MIN_BINS || bins > KA_RFM_MAX_BINS ||
        ka_rfm_check_client(since_last, frequency, monetary) != KA_OK)
        return KA_ERR_ARG;
    const size_t n = rfm->n;
    const size_t worse_r = n - ka_rfm_count_below(rfm->sorted[0], n, since_last, 1);
    const size_t worse_f = ka_rfm_count_below(rfm->sorted[1], n, frequency, 0);
    const size_t worse_m = ka_rfm_count_below(rfm->sorted[2], n, monetary, 0);
    *score = 100 * ka_rfm_digit(worse_r, n, bins) + 10 * ka_rfm_digit(worse_f, n, bins) +
             ka_rfm_digit(worse_m, n, bins);
    return KA_OK;
}

int ka_rfm_level(int digit, int bins)
{
    return 1 + (8 * (digit - 1) + (bins - 1)) / (2 * (bins - 1));
}

ka_status ka_rfm_segment(double score, int bins, size_t *rule)
{
    if (bins < KA_RFM_MIN_BINS || bins > KA_RFM_MAX_BINS || !(score >= 111 && score <= 999) ||
        score != floor(score))
        return KA_ERR_ARG;
    const int s = (int)score, digit[3] = {s / 100, s / 10 % 10, s % 10};
    int level[3];
    for (int k = 0; k < 3; k++) {
        if (digit[k] < 1 || digit[k] > bins)
            return KA_ERR_ARG;
        level[k] = ka_rfm_level(digit[k], bins);
    }
    for (size_t i = 0; i < KA_RFM_RULE_COUNT; i++) {
        const ka_rfm_rule *r = &ka_rfm_rules[i];
        int match = 1;
        for (int k = 0; k < 3; k++)
            match &= level[k] >= r->lo[k] && level[k] <= r->hi[k];
        if (match) {
            *rule = i;
            return KA_OK;
        }
    }
    return KA_ERR_ARG; /* unreachable: the table covers every score (test_rfm.c) */
}
