/* fuzz_periods.c - libFuzzer harness of the period totals, the migration
 * table and the RFM scores (src/ka_summary.h ka_period_totals,
 * src/ka_migration.h, src/ka_rfm.h).
 *
 * The first byte picks the function.  Period totals: a start (mostly a day
 * near 35000, sometimes anything), a count of periods (sometimes 0 or
 * beyond the limit), a length (month, week, quarter, year or a number of
 * days, sometimes 0, fractional or huge), with or without amounts, client
 * keys and (key, date[, amount]) lines.  Checked: invalid arguments give
 * KA_ERR_ARG; with KA_OK the bounds ascend, every cell is finite and equals
 * a plain scan of the lines (a day counted once per period without amounts;
 * amounts compared to a sum within a tolerance) and the shuffled log gives
 * the same bits.  Migration: labels from a few texts or none, weights
 * (sometimes NaN, Inf, huge).  Checked: the status against the weights, the
 * labels ascending and distinct, the cells against a plain count, the
 * totals, the same bits for the shuffled rows.  RFM: a population of values
 * (sometimes negative, NaN, Inf) and a Bins.  Checked: the status against
 * the domain, every digit against a brute-force count of the clients worse,
 * every score's segment exists, and the shuffled population gives the same
 * scores. */
#include <stdint.h>
#include <string.h>

#include "ka_fuzz.h"
#include "ka_migration.h"
#include "ka_rfm.h"
#include "ka_summary.h"

#define MAX_CLIENTS 12
#define MAX_TX 96
#define MAX_PERIODS 40

/* ---- period totals ---- */

static ka_key decode_key(ka_fuzz_input *in)
{
    uint8_t sel = ka_fuzz_byte(in);
    ka_key k = {0.0, NULL, 0};
    if (sel < 240)
        k.num = (double)(sel % 6);
    else
        k.num = ka_fuzz_double(in);
    return k;
}

static double decode_date(ka_fuzz_input *in)
{
    uint8_t sel = ka_fuzz_byte(in);
    if (sel < 224)
        return 35000.0 + (double)sel * 3.0 + (double)ka_fuzz_byte(in) / 256.0;
    return ka_fuzz_double(in);
}

static void fuzz_period_totals(ka_fuzz_input *in)
{
    static ka_key clients[MAX_CLIENTS], tx[MAX_TX], tx2[MAX_TX];
    static double dates[MAX_TX], amounts[MAX_TX], dates2[MAX_TX], amounts2[MAX_TX];
    static double out[MAX_CLIENTS * MAX_PERIODS], out2[MAX_CLIENTS * MAX_PERIODS];
    static double bounds[MAX_PERIODS + 1];
    static size_t order[MAX_TX];
    const uint8_t flags = ka_fuzz_byte(in);
    const int with_amounts = flags & 1;
    const ka_period_unit unit = (ka_period_unit)((flags >> 1) % 5);
    double days = (flags & 16) ? ka_fuzz_double(in) : (double)(1 + ka_fuzz_byte(in) % 40);
    double start = (flags & 32) ? ka_fuzz_double(in) : decode_date(in);
    size_t periods = ka_fuzz_count(in, MAX_PERIODS);
    uint32_t seed = ka_fuzz_byte(in);
    size_t n_clients = ka_fuzz_count(in, MAX_CLIENTS);
    for (size_t i = 0; i < n_clients; i++)
        clients[i] = decode_key(in);
    size_t n_tx = 0;
    while (n_tx < MAX_TX && in->pos < in->size) {
        tx[n_tx] = decode_key(in);
        dates[n_tx] = decode_date(in);
        uint8_t a = ka_fuzz_byte(in);
        amounts[n_tx] = a < 240 ? ((double)a - 60.0) / 4.0 : ka_fuzz_double(in);
        n_tx++;
    }
    const double *am = with_amounts ? amounts : NULL;
    ka_status bst = ka_period_bounds(start, periods, unit, days, bounds);
    ka_status st =
        ka_period_totals(tx, dates, am, n_tx, clients, n_clients, start, periods, unit, days, out);
    KA_FUZZ_REQUIRE(st == KA_OK || st == KA_ERR_ARG, "status %d", st);
    int bad = bst != KA_OK;
    for (size_t i = 0; i < n_tx; i++)
        bad |= !(fabs(dates[i]) <= KA_SUMMARY_MAX_DATE) ||
               (with_amounts && !(fabs(amounts[i]) <= KA_SUMMARY_MAX_AMOUNT));
    for (size_t i = 0; i < n_clients; i++)
        bad |= isnan(clients[i].num);
    KA_FUZZ_REQUIRE((st == KA_ERR_ARG) == bad, "status %d, bad input %d", st, bad);
    if (st != KA_OK)
        return;
    for (size_t p = 0; p < periods; p++)
        KA_FUZZ_REQUIRE(bounds[p] < bounds[p + 1] && bounds[p] == floor(bounds[p]),
                        "bounds %zu: %g, %g", p, bounds[p], bounds[p + 1]);
    for (size_t c = 0; c < n_clients; c++)
        for (size_t p = 0; p < periods; p++) {
            double want = 0.0, scale = 0.0, seen[MAX_TX];
            size_t n_seen = 0;
            for (size_t i = 0; i < n_tx; i++) {
                const double d = floor(dates[i]);
                if (tx[i].num != clients[c].num || d < bounds[p] || d >= bounds[p + 1])
                    continue;
                if (with_amounts) {
                    want += amounts[i];
                    scale += fabs(amounts[i]);
                    continue;
                }
                size_t j = 0;
                while (j < n_seen && seen[j] != d)
                    j++;
                if (j == n_seen) {
                    seen[n_seen++] = d;
                    want += 1.0;
                }
            }
            const double got = out[c * periods + p];
            KA_FUZZ_REQUIRE(isfinite(got) && fabs(got - want) <= 1e-12 * scale,
                            "client %zu, period %zu: %g, plain scan %g", c, p, got, want);
        }
    for (size_t i = 0; i < n_tx; i++)
        order[i] = i;
    ka_fuzz_shuffle(order, n_tx, sizeof *order, seed);
    for (size_t i = 0; i < n_tx; i++) {
        tx2[i] = tx[order[i]];
        dates2[i] = dates[order[i]];
        amounts2[i] = amounts[order[i]];
    }
    st = ka_period_totals(tx2, dates2, with_amounts ? amounts2 : NULL, n_tx, clients, n_clients,
                          start, periods, unit, days, out2);
    KA_FUZZ_REQUIRE(st == KA_OK && memcmp(out, out2, n_clients * periods * sizeof *out) == 0,
                    "the shuffled log gives other totals");
}

/* ---- migration ---- */

static const char *const LABELS[] = {"A", "B", "C", "AX", "a", "", "\xc3\xa9"};

static ka_label decode_label(ka_fuzz_input *in)
{
    uint8_t sel = ka_fuzz_byte(in);
    ka_label l = {NULL, 0};
    if (sel % 8 < 7) {
        l.text = LABELS[sel % 8];
        l.len = strlen(l.text);
    }
    return l;
}

/* The class of a label in m, k - 1 ("-") for no class. */
static size_t class_of(const ka_migration *m, ka_label l)
{
    const size_t k = m->n_labels + (size_t)m->has_empty;
    for (size_t i = 0; l.text && i < m->n_labels; i++)
        if (m->label_lens[i] == l.len && memcmp(m->labels[i], l.text, l.len) == 0)
            return i;
    KA_FUZZ_REQUIRE(!l.text && m->has_empty, "label %.*s not in the table", (int)l.len,
                    l.text ? l.text : "");
    return k - 1;
}

static void fuzz_migration(ka_fuzz_input *in)
{
    static ka_label from[MAX_TX], to[MAX_TX], from2[MAX_TX], to2[MAX_TX];
    static double w[MAX_TX], w2[MAX_TX], want[81]; /* (7 labels + "-" + Total)^2 */
    static size_t order[MAX_TX];
    const uint8_t flags = ka_fuzz_byte(in);
    const int weighted = flags & 1;
    uint32_t seed = ka_fuzz_byte(in);
    size_t n = 0;
    int bad = 0;
    while (n < MAX_TX && in->pos < in->size) {
        from[n] = decode_label(in);
        to[n] = decode_label(in);
        uint8_t a = ka_fuzz_byte(in);
        w[n] = a < 240 ? ((double)a - 60.0) / 8.0 : ka_fuzz_double(in);
        if (weighted && (from[n].text || to[n].text))
            bad |= !(fabs(w[n]) <= KA_MIGRATION_MAX_WEIGHT);
        n++;
    }
    ka_migration *m, *m2;
    ka_status st = ka_migration_new(from, to, weighted ? w : NULL, n, &m);
    KA_FUZZ_REQUIRE(st == (bad ? KA_ERR_ARG : KA_OK), "status %d, bad weight %d", st, bad);
    if (st != KA_OK)
        return;
    for (size_t i = 1; i < m->n_labels; i++) {
        const size_t a = m->label_lens[i - 1], b = m->label_lens[i], c = a < b ? a : b;
        const int cmp = c ? memcmp(m->labels[i - 1], m->labels[i], c) : 0;
        KA_FUZZ_REQUIRE(cmp < 0 || (cmp == 0 && a < b), "labels %zu, %zu not ascending", i - 1, i);
    }
    const size_t k = m->n_labels + (size_t)m->has_empty, wd = k + 1;
    KA_FUZZ_REQUIRE(wd * wd <= sizeof want / sizeof want[0], "%zu classes", k);
    memset(want, 0, sizeof want);
    double scale = 0.0;
    for (size_t i = 0; i < n; i++) {
        if (!from[i].text && !to[i].text)
            continue;
        const double v = weighted ? w[i] : 1.0;
        want[class_of(m, from[i]) * wd + class_of(m, to[i])] += v;
        scale += fabs(v);
    }
    double total = 0.0;
    for (size_t i = 0; i < k; i++)
        for (size_t j = 0; j < k; j++) {
            KA_FUZZ_REQUIRE(fabs(m->cells[i * wd + j] - want[i * wd + j]) <= 1e-12 * scale,
                            "cell %zu, %zu: %g, plain count %g", i, j, m->cells[i * wd + j],
                            want[i * wd + j]);
            total += want[i * wd + j];
        }
    KA_FUZZ_REQUIRE(isfinite(m->cells[k * wd + k]) &&
                        fabs(m->cells[k * wd + k] - total) <= 1e-12 * scale,
                    "total %g, plain %g", m->cells[k * wd + k], total);
    for (size_t i = 0; i < n; i++)
        order[i] = i;
    ka_fuzz_shuffle(order, n, sizeof *order, seed);
    for (size_t i = 0; i < n; i++) {
        from2[i] = from[order[i]];
        to2[i] = to[order[i]];
        w2[i] = w[order[i]];
    }
    st = ka_migration_new(from2, to2, weighted ? w2 : NULL, n, &m2);
    KA_FUZZ_REQUIRE(st == KA_OK && m2->n_labels == m->n_labels && m2->has_empty == m->has_empty &&
                        memcmp(m->cells, m2->cells, wd * wd * sizeof *m->cells) == 0,
                    "the shuffled rows give another table");
    ka_migration_free(m2);
    ka_migration_free(m);
}

/* ---- RFM ---- */

static void fuzz_rfm(ka_fuzz_input *in)
{
    static double v[3][MAX_TX], v2[3][MAX_TX];
    static int scores[MAX_TX];
    static size_t order[MAX_TX];
    const int bins = (int)(ka_fuzz_byte(in) % 12);
    uint32_t seed = ka_fuzz_byte(in);
    size_t n = 0;
    int bad = 0;
    while (n < MAX_TX && in->pos < in->size) {
        for (int k = 0; k < 3; k++) {
            uint8_t a = ka_fuzz_byte(in);
            v[k][n] = a < 240 ? (double)(a % 9) - (k == 2 ? 4.0 : 0.0) : ka_fuzz_double(in);
        }
        bad |= ka_rfm_check_client(v[0][n], v[1][n], v[2][n]) != KA_OK;
        n++;
    }
    ka_rfm *rfm, *rfm2;
    ka_status st = ka_rfm_new(v[0], v[1], v[2], n, &rfm);
    KA_FUZZ_REQUIRE(st == (bad || n == 0 ? KA_ERR_ARG : KA_OK), "status %d", st);
    if (st != KA_OK)
        return;
    const int bad_bins = bins < KA_RFM_MIN_BINS || bins > KA_RFM_MAX_BINS;
    for (size_t i = 0; i < n; i++) {
        st = ka_rfm_score(rfm, v[0][i], v[1][i], v[2][i], bins, &scores[i]);
        KA_FUZZ_REQUIRE(st == (bad_bins ? KA_ERR_ARG : KA_OK), "score status %d, Bins %d", st,
                        bins);
        if (st != KA_OK)
            continue;
        int want = 0;
        for (int k = 0; k < 3; k++) {
            size_t worse = 0;
            for (size_t j = 0; j < n; j++)
                worse += k == 0 ? v[0][j] > v[0][i] : v[k][j] < v[k][i];
            want = 10 * want + 1 + (int)((size_t)bins * worse / n);
        }
        KA_FUZZ_REQUIRE(scores[i] == want, "client %zu: score %d, brute force %d", i, scores[i],
                        want);
        size_t rule;
        KA_FUZZ_REQUIRE(ka_rfm_segment(scores[i], bins, &rule) == KA_OK && rule < KA_RFM_RULE_COUNT,
                        "score %d of Bins %d has no segment", scores[i], bins);
    }
    for (size_t i = 0; i < n; i++)
        order[i] = i;
    ka_fuzz_shuffle(order, n, sizeof *order, seed);
    for (size_t i = 0; i < n; i++)
        for (int k = 0; k < 3; k++)
            v2[k][i] = v[k][order[i]];
    KA_FUZZ_REQUIRE(ka_rfm_new(v2[0], v2[1], v2[2], n, &rfm2) == KA_OK, "shuffled population");
    for (size_t i = 0; !bad_bins && i < n; i++) {
        int s;
        KA_FUZZ_REQUIRE(ka_rfm_score(rfm2, v[0][i], v[1][i], v[2][i], bins, &s) == KA_OK &&
                            s == scores[i],
                        "client %zu: another score in the shuffled population", i);
    }
    ka_rfm_free(rfm2);
    ka_rfm_free(rfm);
}

int LLVMFuzzerTestOneInput(const uint8_t *data, size_t size)
{
    ka_fuzz_input in = {data, size, 0};
    switch (ka_fuzz_byte(&in) % 3) {
    case 0:
        fuzz_period_totals(&in);
        break;
    case 1:
        fuzz_migration(&in);
        break;
    default:
        fuzz_rfm(&in);
        break;
    }
    return 0;
}
