/* fuzz_summary.c - libFuzzer harness of the purchase summary and the
 * purchase counts (src/ka_summary.h).
 *
 * The bytes decode into client keys (numbers, among them NaN and -0, or short
 * texts), an order log of (key, date) lines with dates biased towards real
 * day numbers but also NaN, Inf, 1e308, denormals and the limits of the date
 * range, an AsOf (often missing) and a Unit; with flag 8, a count window
 * (From, To) and an amount per line (mostly small, negative and zero too,
 * sometimes NaN, Inf or huge), else a window and amounts made from the
 * other bytes.  The contract checked: an AsOf, a Unit, an amount or a window
 * outside its range is KA_ERR_ARG; with KA_OK every found client's row is
 * finite (frequency a whole number below the number of log lines, 0 <=
 * recency <= age, Monetary 0 without a repeat purchase), every other row
 * NaN; the Monetary call gives the first three columns of the plain one bit
 * for bit; a client is found by the count if it has any line, and its count
 * is that of a plain scan; equal keys get equal rows; and the log read in
 * another order gives the same bits.  The clients of the log
 * (ka_purchase_clients) are distinct and ascending, their lapses per month
 * (ka_lapses_by_month) count at most every client, both in any order. */
#include <stdint.h>
#include <string.h>

#include "ka_fuzz.h"
#include "ka_summary.h"

#define MAX_CLIENTS 16
#define MAX_TX 96

static const char *const TEXTS[] = {"", "a", "b", "A", "ab", "1", "0", "\xc3\xa9"};

static ka_key decode_key(ka_fuzz_input *in)
{
    uint8_t sel = ka_fuzz_byte(in);
    ka_key k = {0.0, NULL, 0};
    if (sel < 96) {
        k.text = TEXTS[sel % (sizeof TEXTS / sizeof TEXTS[0])];
        k.len = strlen(k.text);
    } else if (sel < 224) {
        k.num = (double)(sel % 8); /* few distinct numbers, so that lines match clients */
    } else {
        k.num = ka_fuzz_double(in);
    }
    return k;
}

/* A date: mostly a day near 35000 with a time of day, sometimes anything. */
static double decode_date(ka_fuzz_input *in)
{
    uint8_t sel = ka_fuzz_byte(in);
    if (sel < 200)
        return 35000.0 + (double)(sel % 40) + (double)ka_fuzz_byte(in) / 256.0;
    switch (sel % 6) {
    case 0:
        return KA_SUMMARY_MAX_DATE;
    case 1:
        return -KA_SUMMARY_MAX_DATE;
    case 2:
        return nextafter(KA_SUMMARY_MAX_DATE, INFINITY);
    default:
        return ka_fuzz_double(in);
    }
}

/* An amount: mostly a small number (negative and zero too), sometimes anything. */
static double decode_amount(ka_fuzz_input *in)
{
    uint8_t sel = ka_fuzz_byte(in);
    return sel < 224 ? ((double)sel - 64.0) / 4.0 : ka_fuzz_double(in);
}

static int same_key(const ka_key *a, const ka_key *b)
{
    if (!a->text != !b->text)
        return 0;
    if (!a->text)
        return a->num == b->num;
    return a->len == b->len && memcmp(a->text, b->text, a->len) == 0;
}

/* Distinct calendar days of key k's lines in (from, to], by a plain scan;
 * -1 when k has no line. */
static double plain_count(const ka_key *tx, const double *dates, size_t n_tx, const ka_key *k,
                          double from, double to)
{
    double days[MAX_TX];
    size_t n = 0;
    int any = 0;
    for (size_t i = 0; i < n_tx; i++) {
        if (!same_key(&tx[i], k))
            continue;
        any = 1;
        double d = floor(dates[i]);
        if (!(d > floor(from) && d <= floor(to)))
            continue;
        size_t j = 0;
        while (j < n && days[j] != d)
            j++;
        if (j == n)
            days[n++] = d;
    }
    return any ? (double)n : -1.0;
}

/* The Monetary call and the counts on the same log; shuffled: the log in
 * the order the first call saw (checks that the order does not matter). */
static void check_amounts_and_counts(const ka_key *tx, const double *dates, const double *amounts,
                                     size_t n_tx, const ka_key *clients, size_t n_clients,
                                     double as_of, double unit, double from, double to,
                                     ka_status plain_st, const double *plain_out,
                                     const unsigned char *plain_found, int shuffled)
{
    static double out[4 * MAX_CLIENTS], first_out[4 * MAX_CLIENTS], counts[MAX_CLIENTS],
        first_counts[MAX_CLIENTS];
    static unsigned char found[MAX_CLIENTS], first_found[MAX_CLIENTS], cfound[MAX_CLIENTS],
        first_cfound[MAX_CLIENTS];
    static ka_status first_st, first_cst;

    int bad_amount = 0;
    for (size_t i = 0; i < n_tx; i++)
        bad_amount |= !(fabs(amounts[i]) <= KA_SUMMARY_MAX_AMOUNT);
    ka_status st = ka_purchase_summary_monetary(tx, dates, amounts, n_tx, clients, n_clients, as_of,
                                                unit, out, found);
    KA_FUZZ_REQUIRE(st == KA_OK || st == KA_ERR_ARG, "Monetary: status %d", st);
    if (plain_st != KA_OK || bad_amount)
        KA_FUZZ_REQUIRE(st == KA_ERR_ARG, "Monetary: status %d (plain %d, bad amount %d)", st,
                        plain_st, bad_amount);
    else
        KA_FUZZ_REQUIRE(st == KA_OK, "Monetary: status %d where the plain call is OK", st);
    if (st == KA_OK)
        for (size_t i = 0; i < n_clients; i++) {
            KA_FUZZ_REQUIRE(found[i] == plain_found[i] &&
                                memcmp(&out[4 * i], &plain_out[3 * i], 3 * sizeof *out) == 0,
                            "client %zu: Monetary call, other first columns", i);
            const double m = out[4 * i + 3];
            if (found[i])
                KA_FUZZ_REQUIRE(isfinite(m) && (out[4 * i] > 0.0 || m == 0.0),
                                "client %zu: Monetary %g, frequency %g", i, m, out[4 * i]);
            else
                KA_FUZZ_REQUIRE(isnan(m), "client %zu not found but Monetary %g", i, m);
        }

    int bad_window =
        !(fabs(from) <= KA_SUMMARY_MAX_DATE) || !(fabs(to) <= KA_SUMMARY_MAX_DATE) || from > to;
    int bad_date = 0;
    for (size_t i = 0; i < n_tx; i++)
        bad_date |= !(fabs(dates[i]) <= KA_SUMMARY_MAX_DATE);
    int nan_client = 0;
    for (size_t i = 0; i < n_clients; i++)
        nan_client |= !clients[i].text && isnan(clients[i].num);
    ka_status cst =
        ka_purchase_count(tx, dates, n_tx, clients, n_clients, from, to, counts, cfound);
    KA_FUZZ_REQUIRE(cst == (bad_window || bad_date || nan_client ? KA_ERR_ARG : KA_OK),
                    "count: status %d (window %g, %g)", cst, from, to);
    if (cst == KA_OK)
        for (size_t i = 0; i < n_clients; i++) {
            double want = plain_count(tx, dates, n_tx, &clients[i], from, to);
            KA_FUZZ_REQUIRE(want < 0 ? !cfound[i] && isnan(counts[i])
                                     : cfound[i] && counts[i] == want,
                            "client %zu: count %g, plain scan %g", i, counts[i], want);
        }

    if (!shuffled) {
        first_st = st;
        first_cst = cst;
        memcpy(first_out, out, sizeof out);
        memcpy(first_found, found, sizeof found);
        memcpy(first_counts, counts, sizeof counts);
        memcpy(first_cfound, cfound, sizeof cfound);
        return;
    }
    KA_FUZZ_REQUIRE(st == first_st && cst == first_cst, "the shuffled log, other statuses");
    if (st == KA_OK)
        KA_FUZZ_REQUIRE(memcmp(found, first_found, n_clients) == 0 &&
                            memcmp(out, first_out, 4 * n_clients * sizeof *out) == 0,
                        "the shuffled log gives another Monetary");
    if (cst == KA_OK)
        KA_FUZZ_REQUIRE(memcmp(cfound, first_cfound, n_clients) == 0 &&
                            memcmp(counts, first_counts, n_clients * sizeof *counts) == 0,
                        "the shuffled log gives other counts");
}

/* The clients of the log (PURCHASECLIENTS) and their lapses per month
 * (LAPSESBYMONTH): a bad date or AsOf is KA_ERR_ARG; the listed clients
 * are distinct, ascending, each with first <= last <= AsOf; the lapses
 * count at most every client; the shuffled log gives the same bits. */
static void check_clients_and_lapses(const ka_key *tx, const double *dates, size_t n_tx,
                                     double as_of, double lapse, int shuffled)
{
    static size_t line[MAX_TX], first_k;
    static double first[MAX_TX], last[MAX_TX], first_first[MAX_TX], first_last[MAX_TX], starts[4],
        counts[3], first_counts[3];
    static ka_status first_st, first_lst;
    size_t k = 0;
    int bad = isnan(as_of) ? n_tx == 0 : !(fabs(as_of) <= KA_SUMMARY_MAX_DATE);
    for (size_t i = 0; i < n_tx; i++)
        bad |= !(fabs(dates[i]) <= KA_SUMMARY_MAX_DATE);
    ka_status st = ka_purchase_clients(tx, dates, n_tx, as_of, line, first, last, &k);
    KA_FUZZ_REQUIRE(st == (bad ? KA_ERR_ARG : KA_OK), "clients: status %d", st);
    ka_status lst = KA_ERR_ARG;
    if (st == KA_OK) {
        for (size_t j = 0; j < k; j++) {
            KA_FUZZ_REQUIRE(first[j] <= last[j] && (isnan(as_of) || last[j] <= floor(as_of)),
                            "client %zu: first %g, last %g", j, first[j], last[j]);
            if (j > 0)
                KA_FUZZ_REQUIRE(ka_key_compare(&tx[line[j - 1]], &tx[line[j]]) < 0,
                                "clients %zu and %zu not ascending", j - 1, j);
        }
        lst = ka_lapses_by_month(last, k, lapse, as_of, 3, starts, counts);
        KA_FUZZ_REQUIRE(lst == KA_OK || lst == KA_ERR_ARG, "lapses: status %d", lst);
        if (lst == KA_OK)
            KA_FUZZ_REQUIRE(counts[0] + counts[1] + counts[2] <= (double)k &&
                                starts[0] < starts[1] && starts[1] < starts[2],
                            "lapses: %g + %g + %g of %zu clients", counts[0], counts[1], counts[2],
                            k);
    }
    if (!shuffled) {
        first_st = st;
        first_lst = lst;
        first_k = k;
        memcpy(first_first, first, sizeof first);
        memcpy(first_last, last, sizeof last);
        memcpy(first_counts, counts, sizeof counts);
        return;
    }
    KA_FUZZ_REQUIRE(st == first_st && lst == first_lst, "the shuffled log, other statuses");
    if (st == KA_OK)
        KA_FUZZ_REQUIRE(k == first_k && memcmp(first, first_first, k * sizeof *first) == 0 &&
                            memcmp(last, first_last, k * sizeof *last) == 0,
                        "the shuffled log lists other clients");
    if (lst == KA_OK)
        KA_FUZZ_REQUIRE(memcmp(counts, first_counts, sizeof counts) == 0,
                        "the shuffled log gives other lapses");
}

int LLVMFuzzerTestOneInput(const uint8_t *data, size_t size)
{
    ka_fuzz_input in = {data, size, 0};
    static ka_key clients[MAX_CLIENTS], tx[MAX_TX], tx2[MAX_TX];
    static double dates[MAX_TX], dates2[MAX_TX], amounts[MAX_TX], amounts2[MAX_TX],
        out[3 * MAX_CLIENTS], out2[3 * MAX_CLIENTS];
    static unsigned char found[MAX_CLIENTS], found2[MAX_CLIENTS];
    static size_t order[MAX_TX];

    uint8_t sel = ka_fuzz_byte(&in);
    const int with_amounts = sel & 8;
    double as_of = sel & 1 ? NAN : sel & 2 ? decode_date(&in) : ka_fuzz_double(&in);
    double unit = sel & 4 ? (double)(1 + (sel >> 4 & 7)) : ka_fuzz_double(&in);
    double from = 35000.0 + (double)(sel >> 4), to = isnan(as_of) ? 35020.0 : as_of;
    if (with_amounts) {
        from = decode_date(&in);
        to = decode_date(&in);
    }
    uint32_t seed = ka_fuzz_byte(&in);
    size_t n_clients = ka_fuzz_count(&in, MAX_CLIENTS);
    for (size_t i = 0; i < n_clients; i++)
        clients[i] = decode_key(&in);
    size_t n_tx = 0;
    while (n_tx < MAX_TX && in.pos < in.size) {
        tx[n_tx] = decode_key(&in);
        dates[n_tx] = decode_date(&in);
        amounts[n_tx] = with_amounts ? decode_amount(&in) : (double)(n_tx % 7) * 1.25 - 2.5;
        n_tx++;
    }

    ka_status st =
        ka_purchase_summary(tx, dates, n_tx, clients, n_clients, as_of, unit, out, found);
    KA_FUZZ_REQUIRE(st == KA_OK || st == KA_ERR_ARG, "status %d", st);
    if (!isfinite(unit) || unit < KA_SUMMARY_MIN_UNIT ||
        (!isnan(as_of) && !(fabs(as_of) <= KA_SUMMARY_MAX_DATE)))
        KA_FUZZ_REQUIRE(st == KA_ERR_ARG, "status %d for AsOf %g, Unit %g", st, as_of, unit);
    check_amounts_and_counts(tx, dates, amounts, n_tx, clients, n_clients, as_of, unit, from, to,
                             st, out, found, 0);
    check_clients_and_lapses(tx, dates, n_tx, as_of, 1 + seed % 60, 0);
    if (st == KA_OK)
        for (size_t i = 0; i < n_clients; i++) {
            const double x = out[3 * i], rec = out[3 * i + 1], age = out[3 * i + 2];
            if (found[i]) {
                KA_FUZZ_REQUIRE(isfinite(x) && isfinite(rec) && isfinite(age),
                                "client %zu: %g, %g, %g with KA_OK (AsOf %g, Unit %g)", i, x, rec,
                                age, as_of, unit);
                KA_FUZZ_REQUIRE(x >= 0.0 && x == floor(x) && x < (double)n_tx,
                                "client %zu: frequency %g", i, x);
                KA_FUZZ_REQUIRE(rec >= 0.0 && rec <= age, "client %zu: recency %g, age %g", i, rec,
                                age);
                KA_FUZZ_REQUIRE(x > 0.0 || rec == 0.0, "client %zu: no repeat but recency %g", i,
                                rec);
            } else {
                KA_FUZZ_REQUIRE(isnan(x) && isnan(rec) && isnan(age), "client %zu not found but %g",
                                i, x);
            }
            for (size_t j = 0; j < i; j++)
                if (same_key(&clients[i], &clients[j]))
                    KA_FUZZ_REQUIRE(found[i] == found[j] &&
                                        memcmp(&out[3 * i], &out[3 * j], 3 * sizeof *out) == 0,
                                    "equal keys %zu and %zu, different rows", j, i);
        }

    /* the same log in another order */
    for (size_t i = 0; i < n_tx; i++)
        order[i] = i;
    ka_fuzz_shuffle(order, n_tx, sizeof *order, seed);
    for (size_t i = 0; i < n_tx; i++) {
        tx2[i] = tx[order[i]];
        dates2[i] = dates[order[i]];
        amounts2[i] = amounts[order[i]];
    }
    ka_status st2 =
        ka_purchase_summary(tx2, dates2, n_tx, clients, n_clients, as_of, unit, out2, found2);
    KA_FUZZ_REQUIRE(st2 == st, "status %d for the shuffled log, %d before", st2, st);
    if (st == KA_OK)
        KA_FUZZ_REQUIRE(memcmp(found, found2, n_clients) == 0 &&
                            memcmp(out, out2, 3 * n_clients * sizeof *out) == 0,
                        "the shuffled log gives other rows");
    check_amounts_and_counts(tx2, dates2, amounts2, n_tx, clients, n_clients, as_of, unit, from, to,
                             st2, out2, found2, 1);
    check_clients_and_lapses(tx2, dates2, n_tx, as_of, 1 + seed % 60, 1);
    return 0;
}
