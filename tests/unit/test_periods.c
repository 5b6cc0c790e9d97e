/* test_periods.c - per-period totals from an order log (PERIODTOTALS): the
 * period bounds with month ends clamped, weeks, quarters, years and days;
 * sums and distinct days per period; lines outside the periods; a single
 * client; order independence; a million lines; invalid input. */
#include "ka_test.h"

#include <string.h>
#include <time.h>

#include "ka_summary.h"

/* Spreadsheet serial day number (1899-12-30 = 0) of a civil date. */
static double serial(int y, int m, int d)
{
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

/* Months from 31 Jan clamp to each month's end, not to the previous one:
 * 31 Jan, 29 Feb (leap year), 31 Mar, 30 Apr, 31 May ... 31 Jan. */
static void test_month_ends(void **state)
{
    (void)state;
    double b[13];
    assert_int_equal(ka_period_bounds(serial(2024, 1, 31) + 0.75, 12, KA_PERIOD_MONTH, 0, b),
                     KA_OK);
    const int day[13] = {31, 29, 31, 30, 31, 30, 31, 31, 30, 31, 30, 31, 31};
    for (int p = 0; p < 13; p++)
        assert_true(b[p] == serial(2024 + (p == 12), p % 12 + 1, day[p]));
    assert_int_equal(ka_period_bounds(serial(2023, 1, 31), 2, KA_PERIOD_MONTH, 0, b), KA_OK);
    assert_true(b[1] == serial(2023, 2, 28) && b[2] == serial(2023, 3, 31));
    /* 30 Nov: 30 Dec, 30 Jan, 28 Feb, 30 Mar */
    assert_int_equal(ka_period_bounds(serial(2022, 11, 30), 4, KA_PERIOD_MONTH, 0, b), KA_OK);
    assert_true(b[1] == serial(2022, 12, 30) && b[2] == serial(2023, 1, 30) &&
                b[3] == serial(2023, 2, 28) && b[4] == serial(2023, 3, 30));
    /* years from 29 Feb: 28 Feb in the years between, 29 Feb in 2028 */
    assert_int_equal(ka_period_bounds(serial(2024, 2, 29), 4, KA_PERIOD_YEAR, 0, b), KA_OK);
    assert_true(b[1] == serial(2025, 2, 28) && b[3] == serial(2027, 2, 28) &&
                b[4] == serial(2028, 2, 29));
    /* quarters from 31 Aug: 30 Nov, 28 Feb, 31 May */
    assert_int_equal(ka_period_bounds(serial(2022, 8, 31), 3, KA_PERIOD_QUARTER, 0, b), KA_OK);
    assert_true(b[1] == serial(2022, 11, 30) && b[2] == serial(2023, 2, 28) &&
                b[3] == serial(2023, 5, 31));
    /* before 1900 and across 1900 (not a leap year) */
    assert_int_equal(ka_period_bounds(serial(1900, 1, 31), 2, KA_PERIOD_MONTH, 0, b), KA_OK);
    assert_true(b[1] == serial(1900, 2, 28) && b[2] == serial(1900, 3, 31));
    assert_int_equal(ka_period_bounds(serial(1600, 2, 29), 1, KA_PERIOD_YEAR, 0, b), KA_OK);
    assert_true(b[1] == serial(1601, 2, 28));
}

static void test_weeks_and_days(void **state)
{
    (void)state;
    double b[4];
    assert_int_equal(ka_period_bounds(100.9, 3, KA_PERIOD_WEEK, 0, b), KA_OK);
    assert_true(b[0] == 100 && b[1] == 107 && b[2] == 114 && b[3] == 121);
    assert_int_equal(ka_period_bounds(-5, 3, KA_PERIOD_DAYS, 10, b), KA_OK);
    assert_true(b[0] == -5 && b[1] == 5 && b[3] == 25);
}

/* The worked example of the help: amounts per month, and distinct days per
 * quarter without amounts. */
static void test_help_examples(void **state)
{
    (void)state;
    const ka_key tx[3] = {num(1), num(1), num(1)}, client = num(1);
    const double dates[3] = {35431, 35448, 35644}, amounts[3] = {10, 20, 5};
    double out[12];
    assert_int_equal(ka_period_totals(tx, dates, amounts, 3, &client, 1, serial(1997, 1, 1), 12,
                                      KA_PERIOD_MONTH, 0, out),
                     KA_OK);
    const double want[12] = {30, 0, 0, 0, 0, 0, 0, 5, 0, 0, 0, 0};
    for (int p = 0; p < 12; p++)
        assert_true(out[p] == want[p]);
    assert_int_equal(ka_period_totals(tx, dates, NULL, 3, &client, 1, serial(1997, 1, 1), 4,
                                      KA_PERIOD_QUARTER, 0, out),
                     KA_OK);
    assert_true(out[0] == 2 && out[1] == 0 && out[2] == 1 && out[3] == 0);
}

/* Same-day lines are one purchase day but all their amounts count; lines
 * before the first and after the last period are ignored; a client without
 * lines gets zeros; a repeated client gets the same row; lines of clients
 * not listed are ignored; negative amounts (returns) are kept. */
static void test_days_edges_and_clients(void **state)
{
    (void)state;
    const ka_key tx[8] = {num(1), num(1), num(1), num(1), num(1), num(2), num(9), num(2)};
    const double dates[8] = {99.9, 100.0, 100.7, 103.2, 110.0, 105, 101, 109.99};
    const double amounts[8] = {1000, 5, -2, 4, 1000, 8, 77, 1};
    const ka_key clients[4] = {num(1), num(3), num(2), num(1)};
    double out[8], counts[8];
    /* two periods of 5 days: 100..104, 105..109 */
    assert_int_equal(
        ka_period_totals(tx, dates, amounts, 8, clients, 4, 100.5, 2, KA_PERIOD_DAYS, 5, out),
        KA_OK);
    const double want[8] = {7, 0, 0, 0, 0, 9, 7, 0};
    for (int i = 0; i < 8; i++)
        assert_true(out[i] == want[i]);
    assert_int_equal(
        ka_period_totals(tx, dates, NULL, 8, clients, 4, 100, 2, KA_PERIOD_DAYS, 5, counts), KA_OK);
    const double want_counts[8] = {2, 0, 0, 0, 0, 2, 2, 0};
    for (int i = 0; i < 8; i++)
        assert_true(counts[i] == want_counts[i]);
    /* no client: nothing written, still OK */
    assert_int_equal(ka_period_totals(tx, dates, NULL, 8, NULL, 0, 100, 2, KA_PERIOD_WEEK, 0, NULL),
                     KA_OK);
}

/* The log in any order gives the same bits (amounts that round
 * differently in another order). */
static void test_order_free(void **state)
{
    (void)state;
    enum { N = 400 };
    static ka_key tx[N], tx2[N];
    static double dates[N], amounts[N], dates2[N], amounts2[N];
    const ka_key clients[3] = {num(0), num(1), num(2)};
    double out[3 * 6], out2[3 * 6];
    for (int i = 0; i < N; i++) {
        tx[i] = num(i % 3);
        dates[i] = 1000 + (i * 37) % 180 + 0.25;
        amounts[i] = (i % 7 == 0 ? 1e16 : 0.1) * (i % 2 ? -1 : 1) + i * 1e-3;
    }
    assert_int_equal(
        ka_period_totals(tx, dates, amounts, N, clients, 3, 1000, 6, KA_PERIOD_MONTH, 0, out),
        KA_OK);
    unsigned s = 7;
    for (int k = 0; k < 5; k++) {
        for (int i = 0; i < N; i++) {
            tx2[i] = tx[i];
            dates2[i] = dates[i];
            amounts2[i] = amounts[i];
        }
        for (int i = N - 1; i > 0; i--) {
            s = s * 1103515245u + 12345u;
            int j = (int)((s >> 8) % (unsigned)(i + 1));
            ka_key kt = tx2[i];
            tx2[i] = tx2[j];
            tx2[j] = kt;
            double t = dates2[i];
            dates2[i] = dates2[j];
            dates2[j] = t;
            t = amounts2[i];
            amounts2[i] = amounts2[j];
            amounts2[j] = t;
        }
        assert_int_equal(ka_period_totals(tx2, dates2, amounts2, N, clients, 3, 1000, 6,
                                          KA_PERIOD_MONTH, 0, out2),
                         KA_OK);
        assert_memory_equal(out, out2, sizeof out);
    }
}

static void test_invalid(void **state)
{
    (void)state;
    const ka_key tx[2] = {num(1), num(2)}, client = num(1), nan_client = num(NAN);
    const double dates[2] = {100, 200}, amounts[2] = {1, 2};
    const double bad_amount[2] = {1, INFINITY}, bad_date[2] = {100, NAN};
    double out[16385], b[3];
    assert_int_equal(
        ka_period_totals(tx, dates, amounts, 2, &client, 1, 100, 0, KA_PERIOD_MONTH, 0, out),
        KA_ERR_ARG);
    assert_int_equal(ka_period_totals(tx, dates, amounts, 2, &client, 1, 100,
                                      KA_PERIOD_MAX_COUNT + 1, KA_PERIOD_WEEK, 0, out),
                     KA_ERR_ARG);
    assert_int_equal(ka_period_totals(tx, dates, amounts, 2, &client, 1, 100, KA_PERIOD_MAX_COUNT,
                                      KA_PERIOD_WEEK, 0, out),
                     KA_OK);
    assert_int_equal(
        ka_period_totals(tx, dates, amounts, 2, &client, 1, NAN, 2, KA_PERIOD_MONTH, 0, out),
        KA_ERR_ARG);
    assert_int_equal(
        ka_period_totals(tx, dates, amounts, 2, &client, 1, 2e9, 2, KA_PERIOD_MONTH, 0, out),
        KA_ERR_ARG);
    assert_int_equal(
        ka_period_totals(tx, dates, bad_amount, 2, &client, 1, 100, 2, KA_PERIOD_MONTH, 0, out),
        KA_ERR_ARG);
    assert_int_equal(
        ka_period_totals(tx, bad_date, NULL, 2, &client, 1, 100, 2, KA_PERIOD_MONTH, 0, out),
        KA_ERR_ARG);
    assert_int_equal(
        ka_period_totals(tx, dates, NULL, 2, &nan_client, 1, 100, 2, KA_PERIOD_MONTH, 0, out),
        KA_ERR_ARG);
    assert_int_equal(
        ka_period_totals(tx, dates, NULL, 2, &client, 1, 100, 2, KA_PERIOD_MONTH, 0, NULL),
        KA_ERR_ARG);
    assert_int_equal(
        ka_period_totals(NULL, dates, NULL, 2, &client, 1, 100, 2, KA_PERIOD_MONTH, 0, out),
        KA_ERR_ARG);
    /* days: a whole number >= 1 */
    assert_int_equal(ka_period_bounds(100, 2, KA_PERIOD_DAYS, 0, b), KA_ERR_ARG);
    assert_int_equal(ka_period_bounds(100, 2, KA_PERIOD_DAYS, 1.5, b), KA_ERR_ARG);
    assert_int_equal(ka_period_bounds(100, 2, KA_PERIOD_DAYS, NAN, b), KA_ERR_ARG);
    assert_int_equal(ka_period_bounds(100, 2, KA_PERIOD_DAYS, INFINITY, b), KA_ERR_ARG);
    assert_int_equal(ka_period_bounds(100, 2, KA_PERIOD_WEEK, 0, NULL), KA_ERR_ARG);
    /* the last bound beyond the date range */
    assert_int_equal(ka_period_bounds(KA_SUMMARY_MAX_DATE - 10, 2, KA_PERIOD_WEEK, 0, b),
                     KA_ERR_ARG);
    assert_int_equal(ka_period_bounds(KA_SUMMARY_MAX_DATE - 400, 2, KA_PERIOD_YEAR, 0, b),
                     KA_ERR_ARG);
    assert_int_equal(ka_period_bounds(-KA_SUMMARY_MAX_DATE, 2, KA_PERIOD_YEAR, 0, b), KA_OK);
}

/* 1,000,000 lines of 100,000 clients over 12 months in one call, checked
 * against a plain per-line sum. */
static void test_million_lines(void **state)
{
    (void)state;
    enum { LINES = 1000000, CLIENTS = 100000, MONTHS = 12 };
    ka_key *tx = malloc(LINES * sizeof *tx), *clients = malloc(CLIENTS * sizeof *clients);
    double *dates = malloc(LINES * sizeof *dates), *amounts = malloc(LINES * sizeof *amounts);
    double *out = malloc((size_t)CLIENTS * MONTHS * sizeof *out);
    double *want = calloc((size_t)CLIENTS * MONTHS, sizeof *want), b[MONTHS + 1];
    assert_true(tx && clients && dates && amounts && out && want);
    const double start = serial(2023, 1, 1);
    assert_int_equal(ka_period_bounds(start, MONTHS, KA_PERIOD_MONTH, 0, b), KA_OK);
    unsigned s = 1;
    for (int i = 0; i < LINES; i++) {
        s = s * 1664525u + 1013904223u;
        const int c = (int)(s >> 8) % CLIENTS;
        tx[i] = num(c + 1);
        dates[i] = start - 10 + (double)((s >> 3) % 400);
        amounts[i] = (double)(s % 1000) / 4; /* quarters: every sum exact */
        for (int p = 0; p < MONTHS; p++)
            if (dates[i] >= b[p] && dates[i] < b[p + 1])
                want[(size_t)c * MONTHS + p] += amounts[i];
    }
    for (int i = 0; i < CLIENTS; i++)
        clients[i] = num(i + 1);
    clock_t t0 = clock();
    assert_int_equal(ka_period_totals(tx, dates, amounts, LINES, clients, CLIENTS, start, MONTHS,
                                      KA_PERIOD_MONTH, 0, out),
                     KA_OK);
    double secs = (double)(clock() - t0) / CLOCKS_PER_SEC;
    print_message("1,000,000 lines, 100,000 clients x 12 months: %.3f s\n", secs);
    assert_memory_equal(out, want, (size_t)CLIENTS * MONTHS * sizeof *out);
    free(tx);
    free(clients);
    free(dates);
    free(amounts);
    free(out);
    free(want);
}

int main(void)
{
    const struct CMUnitTest tests[] = {
        cmocka_unit_test(test_month_ends),    cmocka_unit_test(test_weeks_and_days),
        cmocka_unit_test(test_help_examples), cmocka_unit_test(test_days_edges_and_clients),
        cmocka_unit_test(test_order_free),    cmocka_unit_test(test_invalid),
        cmocka_unit_test(test_million_lines),
    };
    return cmocka_run_group_tests(tests, NULL, NULL);
}
