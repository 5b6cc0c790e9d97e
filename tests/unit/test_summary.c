/* test_summary.c - purchase summary and purchase counts from an order log:
 * the CDNOW references (frequency, recency, age; average spend; holdout
 * counts), same-day purchases, AsOf and windows, keys, order, huge logs,
 * invalid input; the clients of a log (PURCHASECLIENTS) and the lapses per
 * month (LAPSESBYMONTH). */
#include "ka_test.h"

#include <string.h>
#include <time.h>

#include "ka_summary.h"

/* Spreadsheet serial day number (1899-12-30 = 0) of a civil date. */
static double serial(int y, int m, int d)
{
    /* days from 1970-01-01 (H. Hinnant's days_from_civil) */
    y -= m <= 2;
    int era = (y >= 0 ? y : y - 399) / 400;
    int yoe = y - era * 400;
    int doy = (153 * (m + (m > 2 ? -3 : 9)) + 2) / 5 + d - 1;
    int doe = yoe * 365 + yoe / 4 - yoe / 100 + doy;
    return (double)(era * 146097 + doe - 719468) + 25569.0;
}

static ka_key num(double v)
{
    ka_key k = {v, NULL, 0};
    return k;
}

static ka_key text(const char *s)
{
    ka_key k = {0.0, s, strlen(s)};
    return k;
}

static void test_serial_dates(void **state)
{
    (void)state;
    assert_true(serial(1899, 12, 30) == 0.0);
    assert_true(serial(1900, 3, 1) == 61.0);
    assert_true(serial(1997, 9, 30) == 35703.0);
}

/* The CDNOW order log (tests/data/CDNOW_sample.txt): client number, date,
 * amount of each of its 6,919 lines. */
enum { CDNOW_TX = 6919, CDNOW_CLIENTS = 2357 };
static ka_key cdnow_keys[CDNOW_TX], cdnow_clients[CDNOW_CLIENTS];
static double cdnow_dates[CDNOW_TX], cdnow_amounts[CDNOW_TX];

static void cdnow_read(void)
{
    FILE *f = fopen(ka_test_data_path("CDNOW_sample.txt"), "r");
    assert_non_null(f);
    char line[256];
    size_t n_tx = 0;
    while (n_tx < CDNOW_TX && fgets(line, sizeof line, f)) {
        int id, client, ymd, qty;
        double amount;
        if (sscanf(line, "%d %d %d %d %lf", &id, &client, &ymd, &qty, &amount) != 5)
            continue;
        cdnow_keys[n_tx] = num(client);
        cdnow_dates[n_tx] = serial(ymd / 10000, ymd / 100 % 100, ymd % 100);
        cdnow_amounts[n_tx] = amount;
        n_tx++;
    }
    assert_false(fgets(line, sizeof line, f));
    fclose(f);
    assert_int_equal(n_tx, CDNOW_TX);
    for (int i = 0; i < CDNOW_CLIENTS; i++)
        cdnow_clients[i] = num(i + 1);
}

/* CDNOW_sample.txt as of 1997-09-30 in weeks reproduces
 * cdnow_customers_summary.csv client by client (csv rounded to 2 decimals). */
static void test_cdnow_reference(void **state)
{
    (void)state;
    enum { N = CDNOW_CLIENTS };
    static double out[3 * N];
    static unsigned char found[N];
    char line[256];
    cdnow_read();
    assert_int_equal(ka_purchase_summary(cdnow_keys, cdnow_dates, CDNOW_TX, cdnow_clients, N,
                                         serial(1997, 9, 30), 7.0, out, found),
                     KA_OK);

    FILE *f = fopen(ka_test_data_path("cdnow_customers_summary.csv"), "r");
    assert_non_null(f);
    assert_non_null(fgets(line, sizeof line, f)); /* header */
    int rows = 0;
    while (fgets(line, sizeof line, f)) {
        int id;
        double x, recency, age;
        assert_int_equal(sscanf(line, "%d,%lf,%lf,%lf", &id, &x, &recency, &age), 4);
        assert_true(id == rows + 1);
        assert_true(found[rows]);
        if (out[3 * rows] != x || lround(out[3 * rows + 1] * 100) != lround(recency * 100) ||
            lround(out[3 * rows + 2] * 100) != lround(age * 100))
            fail_msg("client %d: got %g, %.4f, %.4f; csv %g, %.2f, %.2f", id, out[3 * rows],
                     out[3 * rows + 1], out[3 * rows + 2], x, recency, age);
        rows++;
    }
    fclose(f);
    assert_int_equal(rows, N);
}

/* Same calendar day counts once (times of day ignored); lines after AsOf are
 * ignored; a client with nothing up to AsOf is not found. */
static void test_days_and_as_of(void **state)
{
    (void)state;
    const ka_key tx[7] = {num(1), num(1), num(1), num(1), num(2), num(1), num(3)};
    const double dates[7] = {100.2, 100.9, 103.5, 110.0, 130.0, 125.0, 90.0};
    const ka_key clients[3] = {num(1), num(2), num(3)};
    double out[9];
    unsigned char found[3];
    assert_int_equal(ka_purchase_summary(tx, dates, 7, clients, 3, 120.7, 1.0, out, found), KA_OK);
    assert_true(found[0] && !found[1] && found[2]);
    assert_true(out[0] == 2.0 && out[1] == 10.0 && out[2] == 20.0);
    assert_true(isnan(out[3]) && isnan(out[4]) && isnan(out[5]));
    assert_true(out[6] == 0.0 && out[7] == 0.0 && out[8] == 30.0);

    /* AsOf left out: the latest date (130); unit 7 gives weeks */
    assert_int_equal(ka_purchase_summary(tx, dates, 7, clients, 3, NAN, 7.0, out, found), KA_OK);
    assert_true(found[0] && found[1] && found[2]);
    assert_true(out[0] == 3.0);
    KA_ASSERT_NEAR(out[1], 25.0 / 7.0, 1e-15);
    KA_ASSERT_NEAR(out[2], 30.0 / 7.0, 1e-15);
    assert_true(out[3] == 0.0 && out[4] == 0.0 && out[5] == 0.0);
}

/* Keys: numbers and texts never match each other, texts match bytewise,
 * -0 equals 0, a repeated client gets the same row, unknown clients in the
 * log are ignored. */
static void test_keys(void **state)
{
    (void)state;
    const ka_key tx[6] = {text("ACME"), text("acme"), num(1), text("1"), num(-0.0), text("ACME")};
    const double dates[6] = {10, 12, 14, 16, 18, 20};
    const ka_key clients[6] = {text("ACME"), text("acme"), num(1), text("1"), num(0), text("ACME")};
    double out[18];
    unsigned char found[6];
    assert_int_equal(ka_purchase_summary(tx, dates, 6, clients, 6, 30, 1.0, out, found), KA_OK);
    for (int i = 0; i < 6; i++)
        assert_true(found[i]);
    assert_true(out[0] == 1.0 && out[1] == 10.0 && out[2] == 20.0); /* ACME: days 10, 20 */
    assert_true(out[3] == 0.0 && out[5] == 18.0);                   /* acme */
    assert_true(out[6] == 0.0 && out[8] == 16.0);                   /* number 1 */
    assert_true(out[9] == 0.0 && out[11] == 14.0);                  /* text "1" */
    assert_true(out[12] == 0.0 && out[14] == 12.0);                 /* 0 == -0 */
    assert_memory_equal(&out[15], &out[0], 3 * sizeof *out);        /* ACME again */

    /* text with an embedded NUL is compared by length, not as a C string */
    const ka_key nul_tx[1] = {{0.0, "ab\0c", 4}};
    const ka_key nul_clients[2] = {{0.0, "ab\0c", 4}, {0.0, "ab", 2}};
    const double d1[1] = {5};
    assert_int_equal(ka_purchase_summary(nul_tx, d1, 1, nul_clients, 2, NAN, 1, out, found), KA_OK);
    assert_true(found[0] && !found[1]);
}

/* The order of the log does not matter. */
static void test_order_free(void **state)
{
    (void)state;
    enum { N_TX = 500, N_CL = 40 };
    ka_key tx[N_TX], rev_tx[N_TX], clients[N_CL];
    double dates[N_TX], rev_dates[N_TX], out1[3 * N_CL], out2[3 * N_CL];
    unsigned char f1[N_CL], f2[N_CL];
    unsigned s = 12345;
    for (int i = 0; i < N_TX; i++) {
        s = s * 1103515245u + 12345u;
        tx[i] = num((double)((s >> 16) % 50));
        dates[i] = 35000.0 + (s >> 8) % 400 + 0.25 * (s % 4);
        rev_tx[N_TX - 1 - i] = tx[i];
        rev_dates[N_TX - 1 - i] = dates[i];
    }
    for (int i = 0; i < N_CL; i++)
        clients[i] = num(i);
    assert_int_equal(ka_purchase_summary(tx, dates, N_TX, clients, N_CL, 35300, 7, out1, f1),
                     KA_OK);
    assert_int_equal(
        ka_purchase_summary(rev_tx, rev_dates, N_TX, clients, N_CL, 35300, 7, out2, f2), KA_OK);
    assert_memory_equal(f1, f2, sizeof f1);
    int n_found = 0;
    for (int i = 0; i < N_CL; i++)
        if (f1[i]) {
            n_found++;
            assert_memory_equal(&out1[3 * i], &out2[3 * i], 3 * sizeof *out1);
            assert_true(out1[3 * i] >= 0.0 && out1[3 * i + 1] <= out1[3 * i + 2]);
        }
    assert_true(n_found > 30);
}

static void test_invalid_input(void **state)
{
    (void)state;
    const ka_key tx[2] = {num(1), num(2)}, clients[1] = {num(1)}, nan_client[1] = {num(NAN)};
    const double dates[2] = {10, 11}, bad_dates[2] = {10, NAN}, huge_dates[2] = {10, 2e9};
    double out[3];
    unsigned char found[1];
    assert_int_equal(ka_purchase_summary(tx, dates, 2, clients, 1, NAN, 0.0, out, found),
                     KA_ERR_ARG);
    assert_int_equal(ka_purchase_summary(tx, dates, 2, clients, 1, NAN, -7.0, out, found),
                     KA_ERR_ARG);
    assert_int_equal(ka_purchase_summary(tx, dates, 2, clients, 1, NAN, NAN, out, found),
                     KA_ERR_ARG);
    assert_int_equal(ka_purchase_summary(tx, dates, 2, clients, 1, NAN, INFINITY, out, found),
                     KA_ERR_ARG);
    assert_int_equal(ka_purchase_summary(tx, bad_dates, 2, clients, 1, NAN, 1, out, found),
                     KA_ERR_ARG);
    assert_int_equal(ka_purchase_summary(tx, huge_dates, 2, clients, 1, NAN, 1, out, found),
                     KA_ERR_ARG);
    assert_int_equal(ka_purchase_summary(tx, dates, 2, clients, 1, INFINITY, 1, out, found),
                     KA_ERR_ARG);
    assert_int_equal(ka_purchase_summary(tx, dates, 2, nan_client, 1, NAN, 1, out, found),
                     KA_ERR_ARG);
    assert_int_equal(ka_purchase_summary(NULL, dates, 2, clients, 1, NAN, 1, out, found),
                     KA_ERR_ARG);
    assert_int_equal(ka_purchase_summary(tx, dates, 2, clients, 1, NAN, 1, NULL, found),
                     KA_ERR_ARG);
    /* an empty log: nothing found with an explicit AsOf, Err:502 without one */
    assert_int_equal(ka_purchase_summary(NULL, NULL, 0, clients, 1, 100, 1, out, found), KA_OK);
    assert_true(!found[0] && isnan(out[0]));
    assert_int_equal(ka_purchase_summary(NULL, NULL, 0, clients, 1, NAN, 1, out, found),
                     KA_ERR_ARG);
}

/* AsOf is range-checked like the dates, and a unit too small for the ages
 * is refused: PURCHASESUMMARY once gave +Inf here (fuzzing finds). */
static void test_extreme_as_of_and_unit(void **state)
{
    (void)state;
    const ka_key tx[2] = {num(1), num(1)}, clients[1] = {num(1)};
    const double dates[2] = {10, 11}, far[2] = {-KA_SUMMARY_MAX_DATE, 0};
    double out[3];
    unsigned char found[1];
    assert_int_equal(ka_purchase_summary(tx, dates, 2, clients, 1, 1e308, 1, out, found),
                     KA_ERR_ARG);
    assert_int_equal(ka_purchase_summary(tx, dates, 2, clients, 1, -1e308, 1, out, found),
                     KA_ERR_ARG);
    assert_int_equal(ka_purchase_summary(tx, dates, 2, clients, 1,
                                         nextafter(KA_SUMMARY_MAX_DATE, INFINITY), 1, out, found),
                     KA_ERR_ARG);
    assert_int_equal(ka_purchase_summary(tx, dates, 2, clients, 1, 0x1p-1074, 1e-300, out, found),
                     KA_ERR_ARG); /* a denormal unit */
    assert_int_equal(ka_purchase_summary(tx, dates, 2, clients, 1, NAN, 0x1p-1074, out, found),
                     KA_ERR_ARG);
    assert_int_equal(
        ka_purchase_summary(tx, dates, 2, clients, 1, NAN, 2.2250738585072014e-308, out, found),
        KA_ERR_ARG);
    /* the widest span in the smallest unit stays finite */
    assert_int_equal(ka_purchase_summary(tx, far, 2, clients, 1, KA_SUMMARY_MAX_DATE,
                                         KA_SUMMARY_MIN_UNIT, out, found),
                     KA_OK);
    assert_true(found[0]);
    assert_true(out[0] == 1.0 && isfinite(out[1]) && isfinite(out[2]));
    KA_ASSERT_NEAR(out[2] / 2e9 * KA_SUMMARY_MIN_UNIT, 1.0, 1e-12);
    assert_int_equal(
        ka_purchase_summary(tx, far, 2, clients, 1, -KA_SUMMARY_MAX_DATE, 1.0, out, found), KA_OK);
    assert_true(found[0] && out[0] == 0.0 && out[1] == 0.0 && out[2] == 0.0);
}

/* The lifetimes algorithm (summary_data_from_transaction_data with a
 * monetary column), written independently of the core: for client c, the
 * lines up to as_of, summed per calendar day, sorted by day; the mean of
 * the day totals after the first.  Returns -1 when c has no line. */
static double reference_monetary(const ka_key *tx, const double *dates, const double *amounts,
                                 size_t n_tx, double client, double as_of)
{
    enum { MAX_DAYS = 512 };
    double day[MAX_DAYS], total[MAX_DAYS];
    size_t n = 0;
    for (size_t i = 0; i < n_tx; i++) {
        if (tx[i].text || tx[i].num != client || floor(dates[i]) > floor(as_of))
            continue;
        size_t j = 0;
        while (j < n && day[j] != floor(dates[i]))
            j++;
        if (j == n) {
            assert_true(n < MAX_DAYS);
            day[n] = floor(dates[i]);
            total[n++] = 0.0;
        }
        total[j] += amounts[i];
    }
    if (n == 0)
        return -1.0;
    size_t first = 0;
    for (size_t j = 1; j < n; j++)
        if (day[j] < day[first])
            first = j;
    double sum = 0.0;
    for (size_t j = 0; j < n; j++)
        if (j != first)
            sum += total[j];
    return n > 1 ? sum / (double)(n - 1) : 0.0;
}

/* CDNOW with amounts, as of 1997-09-30 in weeks: the first three columns
 * as without amounts, bit for bit; Monetary as the lifetimes algorithm
 * gives it for every client, and the published average spend (Fader,
 * Hardie & Lee 2005 via lifetimes' cdnow_customers_summary_with_transactions,
 * 2 decimals) for a sample across the file, client 1 = 22.35 among them. */
static void test_cdnow_monetary(void **state)
{
    (void)state;
    enum { N = CDNOW_CLIENTS };
    static double out[4 * N], out3[3 * N];
    static unsigned char found[N], found3[N];
    static const struct {
        int id;
        double monetary;
    } published[] = {{1, 22.35},    {2, 11.77},  {3, 0.00},    {6, 73.74},    {9, 25.55},
                     {11, 29.44},   {17, 24.24}, {18, 9.99},   {19, 25.08},   {21, 32.30},
                     {26, 227.14},  {46, 29.54}, {157, 26.26}, {244, 194.86}, {509, 78.63},
                     {611, 163.61}, {676, 79.33}};
    const double as_of = serial(1997, 9, 30);
    cdnow_read();
    assert_int_equal(ka_purchase_summary_monetary(cdnow_keys, cdnow_dates, cdnow_amounts, CDNOW_TX,
                                                  cdnow_clients, N, as_of, 7.0, out, found),
                     KA_OK);
    assert_int_equal(ka_purchase_summary(cdnow_keys, cdnow_dates, CDNOW_TX, cdnow_clients, N, as_of,
                                         7.0, out3, found3),
                     KA_OK);
    int repeat_buyers = 0;
    for (int i = 0; i < N; i++) {
        assert_true(found[i] && found3[i]);
        assert_memory_equal(&out[4 * i], &out3[3 * i], 3 * sizeof *out);
        double want =
            reference_monetary(cdnow_keys, cdnow_dates, cdnow_amounts, CDNOW_TX, i + 1, as_of);
        if (!(fabs(out[4 * i + 3] - want) <= 1e-12 * fabs(want)))
            fail_msg("client %d: Monetary %.15g, reference %.15g", i + 1, out[4 * i + 3], want);
        assert_true(out[4 * i] > 0.0 || out[4 * i + 3] == 0.0);
        repeat_buyers += out[4 * i] > 0.0;
    }
    assert_int_equal(repeat_buyers, 946);
    /* the published values are rounded: 22.345 shows as 22.35 */
    for (size_t k = 0; k < sizeof published / sizeof published[0]; k++)
        KA_ASSERT_NEAR(out[4 * (published[k].id - 1) + 3], published[k].monetary, 0.005 + 1e-9);
}

/* A day's amounts make one day total; the first day's total is left out;
 * a single purchase day gives 0; negative and zero amounts are kept; lines
 * after AsOf do not count; a repeated client gets the same row. */
static void test_monetary_days(void **state)
{
    (void)state;
    const ka_key tx[11] = {num(1), num(1), num(1), num(1), num(1), num(1),
                           num(2), num(2), num(3), num(3), num(4)};
    const double dates[11] = {100.2, 100.9, 103.5, 103.1, 110.0, 130.0,
                              50.0,  50.5,  60.0,  61.0,  125.0};
    const double amounts[11] = {10, 5, 7, 3, -4, 1000, 20, 30, 0, 0, 8};
    const ka_key clients[5] = {num(1), num(2), num(3), num(4), num(1)};
    double out[20];
    unsigned char found[5];
    assert_int_equal(
        ka_purchase_summary_monetary(tx, dates, amounts, 11, clients, 5, 120, 1.0, out, found),
        KA_OK);
    assert_true(found[0] && found[1] && found[2] && !found[3] && found[4]);
    /* client 1: day 100 (15, the first), 103 (10), 110 (-4); day 130 is after AsOf */
    assert_true(out[0] == 2.0 && out[1] == 10.0 && out[2] == 20.0 && out[3] == 3.0);
    assert_true(out[4] == 0.0 && out[7] == 0.0);  /* client 2: one day, two lines */
    assert_true(out[8] == 1.0 && out[11] == 0.0); /* client 3: zero amounts */
    for (int c = 12; c < 16; c++)
        assert_true(isnan(out[c])); /* client 4: only after AsOf */
    assert_memory_equal(&out[16], &out[0], 4 * sizeof *out);

    /* AsOf left out: the latest date; day 130 now counts */
    assert_int_equal(
        ka_purchase_summary_monetary(tx, dates, amounts, 11, clients, 5, NAN, 7.0, out, found),
        KA_OK);
    assert_true(found[3] && out[12] == 0.0 && out[15] == 0.0);
    assert_true(out[0] == 3.0 && out[3] == (10.0 + -4.0 + 1000.0) / 3.0);
}

/* Monetary is the same to the bit whatever the order of the log, even with
 * many lines of very different sizes on the same day. */
static void test_monetary_order_free(void **state)
{
    (void)state;
    enum { N_TX = 600, N_CL = 12 };
    static ka_key tx[N_TX], tx2[N_TX], clients[N_CL];
    static double dates[N_TX], dates2[N_TX], amounts[N_TX], amounts2[N_TX];
    double out1[4 * N_CL], out2[4 * N_CL];
    unsigned char f1[N_CL], f2[N_CL];
    unsigned s = 777;
    for (int i = 0; i < N_TX; i++) {
        s = s * 1103515245u + 12345u;
        tx[i] = num((double)((s >> 16) % 10));
        dates[i] = 35000.0 + (s >> 8) % 5 + 0.125 * (s % 8); /* 5 days: big same-day groups */
        amounts[i] = ((s >> 4) % 3 == 0 ? 1e12 : 0.1) * (double)((int)(s % 2001) - 1000) / 7.0;
    }
    for (int i = 0; i < N_CL; i++)
        clients[i] = num(i);
    assert_int_equal(
        ka_purchase_summary_monetary(tx, dates, amounts, N_TX, clients, N_CL, NAN, 1.0, out1, f1),
        KA_OK);
    for (int round = 0; round < 3; round++) {
        for (int i = 0; i < N_TX; i++) { /* reversed, then two rotations */
            int j = round == 0 ? N_TX - 1 - i : (i + 97 * round) % N_TX;
            tx2[i] = tx[j];
            dates2[i] = dates[j];
            amounts2[i] = amounts[j];
        }
        assert_int_equal(ka_purchase_summary_monetary(tx2, dates2, amounts2, N_TX, clients, N_CL,
                                                      NAN, 1.0, out2, f2),
                         KA_OK);
        assert_memory_equal(f1, f2, sizeof f1);
        for (int i = 0; i < N_CL; i++)
            if (f1[i])
                assert_memory_equal(&out1[4 * i], &out2[4 * i], 4 * sizeof *out1);
    }
    assert_true(f1[0] && f1[9] && !f1[10] && out1[3] != 0.0);
}

static void test_monetary_invalid(void **state)
{
    (void)state;
    const ka_key tx[2] = {num(1), num(1)}, clients[1] = {num(1)};
    const double dates[2] = {10, 11};
    const double nan_amount[2] = {1, NAN}, inf_amount[2] = {-INFINITY, 1},
                 huge_amount[2] = {1, nextafter(KA_SUMMARY_MAX_AMOUNT, INFINITY)};
    double out[4];
    unsigned char found[1];
    assert_int_equal(
        ka_purchase_summary_monetary(tx, dates, nan_amount, 2, clients, 1, NAN, 1, out, found),
        KA_ERR_ARG);
    assert_int_equal(
        ka_purchase_summary_monetary(tx, dates, inf_amount, 2, clients, 1, NAN, 1, out, found),
        KA_ERR_ARG);
    assert_int_equal(
        ka_purchase_summary_monetary(tx, dates, huge_amount, 2, clients, 1, NAN, 1, out, found),
        KA_ERR_ARG);
    assert_int_equal(
        ka_purchase_summary_monetary(tx, dates, NULL, 2, clients, 1, NAN, 1, out, found),
        KA_ERR_ARG);
    /* the checks of the other columns still apply */
    const double amounts[2] = {1, 2};
    assert_int_equal(
        ka_purchase_summary_monetary(tx, dates, amounts, 2, clients, 1, NAN, 0.0, out, found),
        KA_ERR_ARG);
    /* an empty log: nothing found with an explicit AsOf, Err:502 without one */
    assert_int_equal(
        ka_purchase_summary_monetary(NULL, NULL, NULL, 0, clients, 1, 100, 1, out, found), KA_OK);
    assert_true(!found[0] && isnan(out[0]) && isnan(out[3]));
    assert_int_equal(
        ka_purchase_summary_monetary(NULL, NULL, NULL, 0, clients, 1, NAN, 1, out, found),
        KA_ERR_ARG);
    /* the largest amounts stay finite, also summed on one day */
    const double big[2] = {KA_SUMMARY_MAX_AMOUNT, -KA_SUMMARY_MAX_AMOUNT};
    const double day_then_next[2] = {10, 12}, same_day[2] = {12, 12.5};
    const ka_key two[2] = {num(1), num(1)};
    assert_int_equal(
        ka_purchase_summary_monetary(two, day_then_next, big, 2, clients, 1, NAN, 1, out, found),
        KA_OK);
    assert_true(out[3] == -KA_SUMMARY_MAX_AMOUNT);
    assert_int_equal(
        ka_purchase_summary_monetary(two, same_day, big, 2, clients, 1, NAN, 1, out, found), KA_OK);
    assert_true(out[0] == 0.0 && out[3] == 0.0);
}

/* An independent holdout count: distinct calendar days of client c with
 * floor(from) < day <= floor(to); -1 when c has no line at all. */
static double reference_count(const ka_key *tx, const double *dates, size_t n_tx, double client,
                              double from, double to)
{
    enum { MAX_DAYS = 512 };
    double day[MAX_DAYS];
    size_t n = 0;
    int any = 0;
    for (size_t i = 0; i < n_tx; i++) {
        if (tx[i].text || tx[i].num != client)
            continue;
        any = 1;
        double d = floor(dates[i]);
        if (!(d > floor(from) && d <= floor(to)))
            continue;
        size_t j = 0;
        while (j < n && day[j] != d)
            j++;
        if (j == n) {
            assert_true(n < MAX_DAYS);
            day[n++] = d;
        }
    }
    return any ? (double)n : -1.0;
}

/* CDNOW's holdout, 1997-09-30 to 1998-06-30: every client's count as the
 * independent count gives it; every client has a line in the log. */
static void test_cdnow_holdout_count(void **state)
{
    (void)state;
    enum { N = CDNOW_CLIENTS };
    static double out[N];
    static unsigned char found[N];
    const double from = serial(1997, 9, 30), to = serial(1998, 6, 30);
    cdnow_read();
    assert_int_equal(ka_purchase_count(cdnow_keys, cdnow_dates, CDNOW_TX, cdnow_clients, N, from,
                                       to, out, found),
                     KA_OK);
    double total = 0.0;
    for (int i = 0; i < N; i++) {
        assert_true(found[i]);
        double want = reference_count(cdnow_keys, cdnow_dates, CDNOW_TX, i + 1, from, to);
        if (out[i] != want)
            fail_msg("client %d: count %g, reference %g", i + 1, out[i], want);
        total += out[i];
    }
    assert_true(total > 0.0);
    /* client 1 bought on 1997-12-12 in the holdout, and on 3 days before it */
    assert_true(out[0] == 1.0);
    assert_int_equal(ka_purchase_count(cdnow_keys, cdnow_dates, CDNOW_TX, cdnow_clients, 1,
                                       serial(1996, 12, 31), from, out, found),
                     KA_OK);
    assert_true(out[0] == 3.0);
}

/* The window is by calendar day: From's day excluded, To's day included,
 * times of day ignored, a day once; a client with lines outside the window
 * only gives 0, one without lines is not found. */
static void test_count_window(void **state)
{
    (void)state;
    const ka_key tx[8] = {num(1), num(1), num(1), num(1), num(1), num(2), text("x"), num(1)};
    const double dates[8] = {100.5, 101.2, 101.9, 105.0, 110.99, 90.0, 200.0, 111.0};
    const ka_key clients[4] = {num(1), num(2), num(3), num(1)};
    double out[4];
    unsigned char found[4];
    assert_int_equal(ka_purchase_count(tx, dates, 8, clients, 4, 100.9, 110.0, out, found), KA_OK);
    assert_true(found[0] && found[1] && !found[2] && found[3]);
    assert_true(out[0] == 3.0); /* days 101, 105, 110 */
    assert_true(out[1] == 0.0 && isnan(out[2]) && out[3] == 3.0);
    assert_int_equal(ka_purchase_count(tx, dates, 8, clients, 4, 101.0, 101.0, out, found), KA_OK);
    assert_true(out[0] == 0.0); /* From = To: an empty window */
    assert_int_equal(ka_purchase_count(tx, dates, 8, clients, 4, 99.0, 101.5, out, found), KA_OK);
    assert_true(out[0] == 2.0); /* days 100 and 101 */
    assert_int_equal(ka_purchase_count(tx, dates, 8, clients, 4, -KA_SUMMARY_MAX_DATE,
                                       KA_SUMMARY_MAX_DATE, out, found),
                     KA_OK);
    assert_true(out[0] == 5.0 && out[1] == 1.0);
    /* an empty log: nobody found */
    assert_int_equal(ka_purchase_count(NULL, NULL, 0, clients, 4, 0, 1, out, found), KA_OK);
    assert_true(!found[0] && !found[1] && !found[2] && !found[3] && isnan(out[0]));
}

static void test_count_invalid(void **state)
{
    (void)state;
    const ka_key tx[2] = {num(1), num(1)}, clients[1] = {num(1)}, nan_client[1] = {num(NAN)};
    const double dates[2] = {10, 11}, bad_dates[2] = {10, INFINITY};
    double out[1];
    unsigned char found[1];
    assert_int_equal(ka_purchase_count(tx, dates, 2, clients, 1, 12, 11, out, found), KA_ERR_ARG);
    assert_int_equal(ka_purchase_count(tx, dates, 2, clients, 1, NAN, 11, out, found), KA_ERR_ARG);
    assert_int_equal(ka_purchase_count(tx, dates, 2, clients, 1, 0, INFINITY, out, found),
                     KA_ERR_ARG);
    assert_int_equal(ka_purchase_count(tx, dates, 2, clients, 1,
                                       -nextafter(KA_SUMMARY_MAX_DATE, INFINITY), 0, out, found),
                     KA_ERR_ARG);
    assert_int_equal(ka_purchase_count(tx, bad_dates, 2, clients, 1, 0, 20, out, found),
                     KA_ERR_ARG);
    assert_int_equal(ka_purchase_count(tx, dates, 2, nan_client, 1, 0, 20, out, found), KA_ERR_ARG);
    assert_int_equal(ka_purchase_count(NULL, dates, 2, clients, 1, 0, 20, out, found), KA_ERR_ARG);
    assert_int_equal(ka_purchase_count(tx, dates, 2, clients, 1, 0, 20, NULL, found), KA_ERR_ARG);
    assert_int_equal(ka_purchase_count(tx, dates, 2, clients, 0, 0, 20, NULL, NULL), KA_OK);
}

/* A million order lines over 100,000 clients, one client with 100,000
 * lines on one day: every column agrees with the smaller calls, Monetary
 * and the counts are finite whole-log facts (sum of counts = distinct
 * client days), and the core stays well under a second. */
static void test_huge_log(void **state)
{
    (void)state;
    enum { N_TX = 1000000, N_CL = 100000 };
    ka_key *tx = malloc(N_TX * sizeof *tx), *clients = malloc(N_CL * sizeof *clients);
    double *dates = malloc(N_TX * sizeof *dates), *amounts = malloc(N_TX * sizeof *amounts);
    double *out = malloc(4 * N_CL * sizeof *out), *out3 = malloc(3 * N_CL * sizeof *out3);
    double *counts = malloc(N_CL * sizeof *counts);
    unsigned char *found = malloc(N_CL), *found3 = malloc(N_CL), *found_c = malloc(N_CL);
    assert_true(tx && clients && dates && amounts && out && out3 && counts && found && found3 &&
                found_c);
    unsigned s = 4242;
    for (int i = 0; i < N_TX; i++) {
        s = s * 1103515245u + 12345u;
        if (i < 100000) { /* client 0: one day, 100,000 lines */
            tx[i] = num(0);
            dates[i] = 36000.5;
        } else {
            tx[i] = num((double)(1 + i % (N_CL - 1))); /* 9 lines each or so */
            dates[i] = 35000.0 + (s >> 4) % 1000;
        }
        amounts[i] = (double)(s % 10000) / 100.0;
    }
    for (int i = 0; i < N_CL; i++)
        clients[i] = num(i);
    clock_t t0 = clock();
    assert_int_equal(
        ka_purchase_summary_monetary(tx, dates, amounts, N_TX, clients, N_CL, NAN, 7.0, out, found),
        KA_OK);
    double seconds = (double)(clock() - t0) / CLOCKS_PER_SEC;
    assert_int_equal(ka_purchase_summary(tx, dates, N_TX, clients, N_CL, NAN, 7.0, out3, found3),
                     KA_OK);
    assert_int_equal(
        ka_purchase_count(tx, dates, N_TX, clients, N_CL, 34999, 36000, counts, found_c), KA_OK);
    double days = 0.0;
    for (int i = 0; i < N_CL; i++) {
        assert_true(found[i] && found3[i] && found_c[i]);
        assert_memory_equal(&out[4 * i], &out3[3 * i], 3 * sizeof *out);
        assert_true(isfinite(out[4 * i + 3]) && out[4 * i + 3] >= 0.0);
        assert_true(counts[i] == out[4 * i] + 1.0); /* the window holds the whole log */
        days += counts[i];
    }
    assert_true(out[0] == 0.0 && out[3] == 0.0); /* client 0: one day */
    assert_true(days > 0.9 * N_TX - 100000 && days <= N_TX);
    print_message("ka_purchase_summary_monetary, %d lines, %d clients: %.3f s\n", N_TX, N_CL,
                  seconds);
    free(tx);
    free(clients);
    free(dates);
    free(amounts);
    free(out);
    free(out3);
    free(counts);
    free(found);
    free(found3);
    free(found_c);
}

/* ---- PURCHASECLIENTS ---- */

/* CDNOW: the 2,357 clients in ascending order, each first and last day as
 * PURCHASESUMMARY gives them (last = AsOf - (Age - Recency) days); the same
 * list from the log reversed. */
static void test_purchase_clients_cdnow(void **state)
{
    (void)state;
    enum { N = CDNOW_CLIENTS };
    static size_t line[CDNOW_TX], line_r[CDNOW_TX];
    static double first[CDNOW_TX], last[CDNOW_TX], first_r[CDNOW_TX], last_r[CDNOW_TX], out[3 * N];
    static ka_key keys_r[CDNOW_TX];
    static double dates_r[CDNOW_TX];
    static unsigned char found[N];
    size_t k, k_r;
    cdnow_read();
    const double as_of = serial(1997, 9, 30);
    assert_int_equal(
        ka_purchase_clients(cdnow_keys, cdnow_dates, CDNOW_TX, as_of, line, first, last, &k),
        KA_OK);
    assert_int_equal(k, N);
    assert_int_equal(ka_purchase_summary(cdnow_keys, cdnow_dates, CDNOW_TX, cdnow_clients, N, as_of,
                                         1.0, out, found),
                     KA_OK);
    for (size_t j = 0; j < N; j++) {
        assert_true(cdnow_keys[line[j]].num == (double)(j + 1));
        KA_ASSERT_NEAR(first[j], as_of - out[3 * j + 2], 0);
        KA_ASSERT_NEAR(last[j], as_of - out[3 * j + 2] + out[3 * j + 1], 0);
    }
    for (size_t i = 0; i < CDNOW_TX; i++) {
        keys_r[i] = cdnow_keys[CDNOW_TX - 1 - i];
        dates_r[i] = cdnow_dates[CDNOW_TX - 1 - i];
    }
    assert_int_equal(
        ka_purchase_clients(keys_r, dates_r, CDNOW_TX, as_of, line_r, first_r, last_r, &k_r),
        KA_OK);
    assert_int_equal(k_r, N);
    assert_memory_equal(first, first_r, N * sizeof *first);
    assert_memory_equal(last, last_r, N * sizeof *last);
    /* without AsOf: the whole log, to 1998-06-30 */
    assert_int_equal(
        ka_purchase_clients(cdnow_keys, cdnow_dates, CDNOW_TX, NAN, line, first, last, &k), KA_OK);
    double latest = 0;
    for (size_t j = 0; j < k; j++)
        latest = last[j] > latest ? last[j] : latest;
    KA_ASSERT_NEAR(latest, serial(1998, 6, 30), 0);
}

/* Numbers before texts, texts by bytes, a prefix first; times of day are
 * dropped; lines after AsOf and NaN keys are left out. */
static void test_purchase_clients_keys(void **state)
{
    (void)state;
    const ka_key keys[7] = {text("b"), num(10), text("ab"), num(-2), text("a"), num(NAN), num(10)};
    const double dates[7] = {5.5, 3, 4, 2, 9, 1, 1.75};
    size_t line[7], k;
    double first[7], last[7];
    assert_int_equal(ka_purchase_clients(keys, dates, 7, 8.9, line, first, last, &k), KA_OK);
    assert_int_equal(k, 4); /* "a" bought after AsOf only */
    const size_t want[4] = {3, 1, 2, 0};
    for (size_t j = 0; j < k; j++)
        assert_int_equal(line[j] == 6 ? 1 : line[j], want[j]);
    KA_ASSERT_NEAR(first[1], 1, 0);
    KA_ASSERT_NEAR(last[1], 3, 0);
    KA_ASSERT_NEAR(first[3], 5, 0);
    assert_int_equal(ka_purchase_clients(keys, dates, 0, 1, line, first, last, &k), KA_OK);
    assert_int_equal(k, 0);
    assert_true(ka_key_compare(&keys[1], &keys[6]) == 0);
    assert_true(ka_key_compare(&keys[4], &keys[2]) < 0);
    const ka_key zero = num(0), minus_zero = num(-0.0);
    assert_true(ka_key_compare(&zero, &minus_zero) == 0);
}

/* With amounts: what each client bought up to AsOf, the same bits for the
 * log reversed; CDNOW's client 1 bought 29.33 + 29.73 + 14.96 by
 * 1997-09-30 (PERIODTOTALS over one period gives the same). */
static void test_purchase_clients_totals(void **state)
{
    (void)state;
    enum { N = CDNOW_CLIENTS };
    static size_t line[CDNOW_TX];
    static double first[CDNOW_TX], last[CDNOW_TX], total[CDNOW_TX], total_r[CDNOW_TX],
        amounts_r[CDNOW_TX], dates_r[CDNOW_TX], periods[N];
    static ka_key keys_r[CDNOW_TX];
    size_t k;
    cdnow_read();
    const double as_of = serial(1997, 9, 30);
    assert_int_equal(ka_purchase_clients_totals(cdnow_keys, cdnow_dates, cdnow_amounts, CDNOW_TX,
                                                as_of, line, first, last, total, &k),
                     KA_OK);
    assert_int_equal(k, N);
    KA_ASSERT_NEAR(total[0], 29.33 + 29.73 + 14.96, 1e-9);
    assert_int_equal(ka_period_totals(cdnow_keys, cdnow_dates, cdnow_amounts, CDNOW_TX,
                                      cdnow_clients, N, serial(1997, 1, 1), 1, KA_PERIOD_DAYS,
                                      as_of - serial(1997, 1, 1) + 1, periods),
                     KA_OK);
    assert_memory_equal(total, periods, N * sizeof *total);
    for (size_t i = 0; i < CDNOW_TX; i++) {
        keys_r[i] = cdnow_keys[CDNOW_TX - 1 - i];
        dates_r[i] = cdnow_dates[CDNOW_TX - 1 - i];
        amounts_r[i] = cdnow_amounts[CDNOW_TX - 1 - i];
    }
    assert_int_equal(ka_purchase_clients_totals(keys_r, dates_r, amounts_r, CDNOW_TX, as_of, line,
                                                first, last, total_r, &k),
                     KA_OK);
    assert_memory_equal(total, total_r, N * sizeof *total);
    const double bad[2] = {1, NAN};
    assert_int_equal(ka_purchase_clients_totals(cdnow_keys, cdnow_dates, bad, 2, as_of, line, first,
                                                last, total, &k),
                     KA_ERR_ARG);
    assert_int_equal(ka_purchase_clients_totals(cdnow_keys, cdnow_dates, NULL, 2, as_of, line,
                                                first, last, total, &k),
                     KA_ERR_ARG);
}

static void test_purchase_clients_invalid(void **state)
{
    (void)state;
    const ka_key keys[2] = {num(1), num(2)};
    const double dates[2] = {1, INFINITY}, ok_dates[2] = {1, 2};
    size_t line[2], k;
    double first[2], last[2];
    assert_int_equal(ka_purchase_clients(keys, dates, 2, NAN, line, first, last, &k), KA_ERR_ARG);
    assert_int_equal(ka_purchase_clients(keys, ok_dates, 2, 2e9, line, first, last, &k),
                     KA_ERR_ARG);
    assert_int_equal(ka_purchase_clients(keys, ok_dates, 0, NAN, line, first, last, &k),
                     KA_ERR_ARG);
    assert_int_equal(ka_purchase_clients(keys, ok_dates, 2, NAN, NULL, first, last, &k),
                     KA_ERR_ARG);
}

/* ---- LAPSESBYMONTH ---- */

/* The help's example, month ends, AsOf, and a brute-force count over the
 * CDNOW clients' last purchases. */
static void test_lapses_by_month(void **state)
{
    (void)state;
    const double last3[3] = {35431, 35448, 35644};
    double starts[13], counts[12];
    assert_int_equal(ka_lapses_by_month(last3, 3, 90, serial(1998, 1, 31), 12, starts, counts),
                     KA_OK);
    KA_ASSERT_NEAR(starts[0], serial(1997, 2, 1), 0);
    KA_ASSERT_NEAR(starts[2], serial(1997, 4, 1), 0);
    KA_ASSERT_NEAR(starts[12], serial(1998, 2, 1), 0);
    KA_ASSERT_NEAR(counts[2], 2, 0); /* 1 and 18 April */
    KA_ASSERT_NEAR(counts[8], 1, 0); /* 31 October */
    /* a lapse after AsOf does not count yet; the default AsOf is the latest date */
    assert_int_equal(ka_lapses_by_month(last3, 3, 90, serial(1997, 10, 30), 12, starts, counts),
                     KA_OK);
    KA_ASSERT_NEAR(counts[11], 0, 0);
    assert_int_equal(ka_lapses_by_month(last3, 3, 30, NAN, 3, starts, counts), KA_OK);
    KA_ASSERT_NEAR(starts[2], serial(1997, 8, 1), 0);
    KA_ASSERT_NEAR(counts[0] + counts[1] + counts[2], 0, 0);
    /* across a year and a leap February: 2000-01-31 + 30 = 2000-03-01 */
    const double leap[1] = {serial(2000, 1, 31)};
    assert_int_equal(ka_lapses_by_month(leap, 1, 30, serial(2000, 12, 31), 12, starts, counts),
                     KA_OK);
    KA_ASSERT_NEAR(counts[2], 1, 0);

    enum { N = CDNOW_CLIENTS };
    static size_t line[CDNOW_TX];
    static double first[CDNOW_TX], last[CDNOW_TX];
    size_t k;
    cdnow_read();
    assert_int_equal(
        ka_purchase_clients(cdnow_keys, cdnow_dates, CDNOW_TX, NAN, line, first, last, &k), KA_OK);
    double s[19], c[18];
    assert_int_equal(ka_lapses_by_month(last, k, 60, NAN, 18, s, c), KA_OK);
    double total = 0;
    for (int p = 0; p < 18; p++) {
        double want = 0;
        for (size_t j = 0; j < k; j++)
            want += last[j] + 60 >= s[p] && last[j] + 60 < s[p + 1] &&
                    last[j] + 60 <= serial(1998, 6, 30);
        KA_ASSERT_NEAR(c[p], want, 0);
        total += c[p];
    }
    assert_true(total > 1000);
}

static void test_lapses_invalid(void **state)
{
    (void)state;
    const double d[2] = {35000, 35100}, bad[1] = {NAN};
    double s[13], c[12];
    assert_int_equal(ka_lapses_by_month(d, 2, 0, NAN, 12, s, c), KA_ERR_ARG);
    assert_int_equal(ka_lapses_by_month(d, 2, 1.5, NAN, 12, s, c), KA_ERR_ARG);
    assert_int_equal(ka_lapses_by_month(d, 2, 2e6, NAN, 12, s, c), KA_ERR_ARG);
    assert_int_equal(ka_lapses_by_month(d, 2, 30, NAN, 0, s, c), KA_ERR_ARG);
    assert_int_equal(ka_lapses_by_month(d, 0, 30, NAN, 12, s, c), KA_ERR_ARG);
    assert_int_equal(ka_lapses_by_month(bad, 1, 30, 35000, 12, s, c), KA_ERR_ARG);
    assert_int_equal(ka_lapses_by_month(d, 2, 30, -1e9, 12, s, c), KA_ERR_ARG);
    assert_int_equal(ka_lapses_by_month(d, 0, 30, 35000, 12, s, c), KA_OK);
}

int main(void)
{
    const struct CMUnitTest tests[] = {
        cmocka_unit_test(test_serial_dates),
        cmocka_unit_test(test_cdnow_reference),
        cmocka_unit_test(test_days_and_as_of),
        cmocka_unit_test(test_keys),
        cmocka_unit_test(test_order_free),
        cmocka_unit_test(test_invalid_input),
        cmocka_unit_test(test_extreme_as_of_and_unit),
        cmocka_unit_test(test_cdnow_monetary),
        cmocka_unit_test(test_monetary_days),
        cmocka_unit_test(test_monetary_order_free),
        cmocka_unit_test(test_monetary_invalid),
        cmocka_unit_test(test_cdnow_holdout_count),
        cmocka_unit_test(test_count_window),
        cmocka_unit_test(test_count_invalid),
        cmocka_unit_test(test_huge_log),
        cmocka_unit_test(test_purchase_clients_cdnow),
        cmocka_unit_test(test_purchase_clients_keys),
        cmocka_unit_test(test_purchase_clients_totals),
        cmocka_unit_test(test_purchase_clients_invalid),
        cmocka_unit_test(test_lapses_by_month),
        cmocka_unit_test(test_lapses_invalid),
    };
    return cmocka_run_group_tests(tests, NULL, NULL);
}
