/* test_summary.c - purchase summary from an order log: the CDNOW reference,
 * same-day purchases, AsOf, keys, invalid input. */
#include "ka_test.h"

#include <string.h>

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

/* CDNOW_sample.txt as of 1997-09-30 in weeks reproduces
 * cdnow_customers_summary.csv client by client (csv rounded to 2 decimals). */
static void test_cdnow_reference(void **state)
{
    (void)state;
    enum { MAX_TX = 7000, N = 2357 };
    static ka_key tx_keys[MAX_TX], keys[N];
    static double dates[MAX_TX], out[3 * N];
    static unsigned char found[N];
    FILE *f = fopen(ka_test_data_path("CDNOW_sample.txt"), "r");
    assert_non_null(f);
    char line[256];
    size_t n_tx = 0;
    while (n_tx < MAX_TX && fgets(line, sizeof line, f)) {
        int id, client, ymd, qty;
        double amount;
        if (sscanf(line, "%d %d %d %d %lf", &id, &client, &ymd, &qty, &amount) != 5)
            continue;
        tx_keys[n_tx] = num(client);
        dates[n_tx] = serial(ymd / 10000, ymd / 100 % 100, ymd % 100);
        n_tx++;
    }
    fclose(f);
    assert_int_equal(n_tx, 6919);
    for (int i = 0; i < N; i++)
        keys[i] = num(i + 1);
    assert_int_equal(
        ka_purchase_summary(tx_keys, dates, n_tx, keys, N, serial(1997, 9, 30), 7.0, out, found),
        KA_OK);

    f = fopen(ka_test_data_path("cdnow_customers_summary.csv"), "r");
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
    };
    return cmocka_run_group_tests(tests, NULL, NULL);
}
