/* test_spend.c - the Gamma-Gamma spend model: the CDNOW fit, determinism,
 * merged and scaled data, degenerate data, the expected spend and invalid
 * input.  The CDNOW Monetary values are tests/data/cdnow_customers_monetary.csv
 * (tools/make_cdnow_monetary.py from the raw log). */
#include "ka_test.h"

#include <float.h>

#include "ka_spend.h"

#define CDNOW_N 2357
#define CDNOW_REPEAT 946 /* clients with Frequency > 0 */

typedef struct cdnow {
    double x[CDNOW_N], m[CDNOW_N];
} cdnow;

/* ID,frequency,monetary_value */
static int cdnow_load(void **state)
{
    cdnow *d = calloc(1, sizeof *d);
    FILE *f = fopen(ka_test_data_path("cdnow_customers_monetary.csv"), "r");
    if (!d || !f) {
        free(d);
        if (f)
            fclose(f);
        return -1;
    }
    char line[256];
    size_t n = 0;
    if (!fgets(line, sizeof line, f)) /* header */
        n = CDNOW_N + 1;
    while (n < CDNOW_N && fgets(line, sizeof line, f)) {
        int id;
        if (sscanf(line, "%d,%lf,%lf", &id, &d->x[n], &d->m[n]) == 3)
            n++;
    }
    fclose(f);
    if (n != CDNOW_N) {
        free(d);
        return -1;
    }
    *state = d;
    return 0;
}

static int cdnow_free(void **state)
{
    free(*state);
    return 0;
}

/* the fit as lifetimes' GammaGammaFitter reports it on CDNOW */
static const ka_spend_params cdnow_gg = {6.2488, 3.7446, 15.4477};

/* The contract's figures (lifetimes: 6.2488, 3.7446, 15.4477), and the
 * maximum itself: scipy's Nelder-Mead at tight tolerances on the same
 * likelihood gives 6.2495725, 3.7442248, 15.443521, -4055.917695. */
static void test_fit_cdnow(void **state)
{
    cdnow *d = *state;
    ka_spend_params p;
    double ll = 0.0;
    assert_int_equal(ka_spend_fit(d->x, d->m, CDNOW_N, &p, &ll), KA_OK);
    KA_ASSERT_NEAR(p.p, 6.25, 5e-3);
    KA_ASSERT_NEAR(p.q, 3.74, 5e-3);
    KA_ASSERT_NEAR(p.v, 15.44, 5e-3);
    KA_ASSERT_NEAR(p.p, 6.2495725, 1e-5);
    KA_ASSERT_NEAR(p.q, 3.7442248, 1e-5);
    KA_ASSERT_NEAR(p.v, 15.443521, 1e-4);
    KA_ASSERT_NEAR(ll, -4055.917695, 1e-5);
}

/* Same bits on repeated runs and for any order of the clients; the clients
 * with Frequency 0 are not read, whatever their Monetary. */
static void test_fit_deterministic_and_order_free(void **state)
{
    cdnow *d = *state;
    static cdnow shuffled;
    for (size_t i = 0; i < CDNOW_N; i++) { /* a fixed permutation: i -> 1009 i mod N */
        size_t j = (i * 1009) % CDNOW_N;
        shuffled.x[j] = d->x[i];
        shuffled.m[j] = d->x[i] == 0.0 ? NAN : d->m[i];
    }
    ka_spend_params p1, p2, p3;
    double ll1, ll2, ll3;
    assert_int_equal(ka_spend_fit(d->x, d->m, CDNOW_N, &p1, &ll1), KA_OK);
    assert_int_equal(ka_spend_fit(d->x, d->m, CDNOW_N, &p2, &ll2), KA_OK);
    assert_int_equal(ka_spend_fit(shuffled.x, shuffled.m, CDNOW_N, &p3, &ll3), KA_OK);
    assert_memory_equal(&p1, &p2, sizeof p1);
    assert_memory_equal(&p1, &p3, sizeof p1);
    assert_memory_equal(&ll1, &ll2, sizeof ll1);
    assert_memory_equal(&ll1, &ll3, sizeof ll1);
}

/* Every client twice: the same maximum, twice the log-likelihood.  Spend in
 * cents: v scales by 100, p and q stay, and the log-likelihood of the m
 * values moves by -log(100) per client. */
static void test_fit_merged_and_scale_free(void **state)
{
    cdnow *d = *state;
    static double x2[2 * CDNOW_N], m2[2 * CDNOW_N], cents[CDNOW_N];
    for (size_t i = 0; i < CDNOW_N; i++) {
        x2[i] = x2[CDNOW_N + i] = d->x[i];
        m2[i] = m2[CDNOW_N + i] = d->m[i];
        cents[i] = d->m[i] * 100.0;
    }
    ka_spend_params p, p2, pc;
    double ll, ll2, llc;
    assert_int_equal(ka_spend_fit(d->x, d->m, CDNOW_N, &p, &ll), KA_OK);
    assert_int_equal(ka_spend_fit(x2, m2, 2 * CDNOW_N, &p2, &ll2), KA_OK);
    KA_ASSERT_NEAR(p2.p, p.p, 1e-6);
    KA_ASSERT_NEAR(p2.q, p.q, 1e-6);
    KA_ASSERT_NEAR(p2.v, p.v, 1e-5);
    KA_ASSERT_NEAR(ll2, 2.0 * ll, 1e-6);
    assert_int_equal(ka_spend_fit(d->x, cents, CDNOW_N, &pc, &llc), KA_OK);
    KA_ASSERT_NEAR(pc.p, p.p, 1e-6);
    KA_ASSERT_NEAR(pc.q, p.q, 1e-6);
    KA_ASSERT_NEAR(pc.v, 100.0 * p.v, 1e-3);
    KA_ASSERT_NEAR(llc, ll - CDNOW_REPEAT * log(100.0), 1e-6);
}

/* No repeat buyer, one only, or all alike: the likelihood has no maximum. */
static void test_fit_no_finite_maximum(void **state)
{
    (void)state;
    ka_spend_params p = {-1, -1, -1};
    double ll = 42.0;
    const double x0[3] = {0, 0, 0}, m0[3] = {0, 0, 0};
    assert_int_equal(ka_spend_fit(x0, m0, 3, &p, &ll), KA_ERR_NOCONV);
    assert_int_equal(ka_spend_fit(x0, m0, 0, &p, &ll), KA_ERR_NOCONV);
    const double x1[2] = {0, 3}, m1[2] = {0, 25.5};
    assert_int_equal(ka_spend_fit(x1, m1, 2, &p, &ll), KA_ERR_NOCONV);
    const double xs[4] = {2, 2, 2, 2}, ms[4] = {10, 10, 10, 10};
    assert_int_equal(ka_spend_fit(xs, ms, 4, &p, &ll), KA_ERR_NOCONV);
    assert_true(p.p == -1 && ll == 42.0); /* untouched */
}

/* Valid but extreme clients give a result or Err:523, never Err:502. */
static void test_fit_extreme_clients(void **state)
{
    (void)state;
    ka_spend_params p;
    double ll;
    const double x[4] = {1e15, 3, 1, 1e300}, m[4] = {1e-300, 1e300, 5, 7};
    for (size_t n = 2; n <= 4; n++) {
        ka_status st = ka_spend_fit(x, m, n, &p, &ll);
        assert_true(st == KA_OK || st == KA_ERR_NOCONV);
        if (st == KA_OK)
            assert_true(isfinite(p.p) && isfinite(p.q) && isfinite(p.v) && isfinite(ll));
    }
}

static void test_fit_invalid_input(void **state)
{
    (void)state;
    ka_spend_params p;
    const double m[2] = {10, 12};
    const double bad_x[][2] = {{1, -1}, {1, 1.5}, {1, NAN}, {1, INFINITY}};
    for (size_t i = 0; i < sizeof bad_x / sizeof bad_x[0]; i++)
        assert_int_equal(ka_spend_fit(bad_x[i], m, 2, &p, NULL), KA_ERR_ARG);
    const double x[2] = {1, 2};
    const double bad_m[][2] = {{10, 0}, {10, -5}, {10, NAN}, {10, INFINITY}};
    for (size_t i = 0; i < sizeof bad_m / sizeof bad_m[0]; i++)
        assert_int_equal(ka_spend_fit(x, bad_m[i], 2, &p, NULL), KA_ERR_ARG);
    assert_int_equal(ka_spend_fit(NULL, m, 2, &p, NULL), KA_ERR_ARG);
    assert_int_equal(ka_spend_fit(x, NULL, 2, &p, NULL), KA_ERR_ARG);
    assert_int_equal(ka_spend_fit(x, m, 2, NULL, NULL), KA_ERR_ARG);
}

static void test_expected_cdnow(void **state)
{
    (void)state;
    double s = -1;
    /* client 1: x 2, Monetary 22.35 */
    assert_int_equal(ka_spend_expected(&cdnow_gg, 2, 22.35, &s), KA_OK);
    KA_ASSERT_NEAR(s, 24.66, 5e-3);
    /* the contract's form: (q-1)/(px+q-1) * vp/(q-1) + px/(px+q-1) * m */
    const double p = cdnow_gg.p, q = cdnow_gg.q, v = cdnow_gg.v, den = 2 * p + q - 1;
    KA_ASSERT_NEAR(s, (q - 1) / den * (v * p / (q - 1)) + 2 * p / den * 22.35, 1e-12);
    /* no repeat purchase: the population mean, Monetary not read */
    assert_int_equal(ka_spend_expected(&cdnow_gg, 0, NAN, &s), KA_OK);
    KA_ASSERT_NEAR(s, v * p / (q - 1), 1e-12);
    /* huge x: the client's own mean */
    assert_int_equal(ka_spend_expected(&cdnow_gg, 1e300, 22.35, &s), KA_OK);
    KA_ASSERT_NEAR(s, 22.35, 1e-12);
    assert_int_equal(ka_spend_expected(&cdnow_gg, DBL_MAX, DBL_MAX, &s), KA_OK);
    assert_true(s == DBL_MAX);
}

/* q near 1: the population mean is huge (Err:523 when it overflows), a
 * client with purchases stays finite. */
static void test_expected_q_near_one(void **state)
{
    (void)state;
    double s = -1;
    const ka_spend_params near = {2, 1 + DBL_EPSILON, 3};
    assert_int_equal(ka_spend_expected(&near, 0, 0, &s), KA_OK);
    KA_ASSERT_NEAR(s / (3.0 * 2.0 / DBL_EPSILON), 1.0, 1e-12);
    assert_int_equal(ka_spend_expected(&near, 1, 10, &s), KA_OK);
    KA_ASSERT_NEAR(s, 2.0 * (3.0 + 10.0) / (2.0 + DBL_EPSILON), 1e-12);
    const ka_spend_params overflow = {1e10, 1 + DBL_EPSILON, 1e300};
    s = -1;
    assert_int_equal(ka_spend_expected(&overflow, 0, 0, &s), KA_ERR_NOCONV);
    assert_true(s == -1);
}

static void test_expected_invalid_input(void **state)
{
    (void)state;
    double s;
    const ka_spend_params q_one = {2, 1, 3}, q_small = {2, 0.5, 3}, neg = {-1, 3, 3},
                          inf = {2, INFINITY, 3}, nan = {2, 3, NAN};
    const ka_spend_params *bad[] = {&q_one, &q_small, &neg, &inf, &nan, NULL};
    for (size_t i = 0; i < sizeof bad / sizeof bad[0]; i++)
        assert_int_equal(ka_spend_expected(bad[i], 2, 10, &s), KA_ERR_ARG);
    assert_int_equal(ka_spend_expected(&cdnow_gg, -1, 10, &s), KA_ERR_ARG);
    assert_int_equal(ka_spend_expected(&cdnow_gg, 1.5, 10, &s), KA_ERR_ARG);
    assert_int_equal(ka_spend_expected(&cdnow_gg, 2, 0, &s), KA_ERR_ARG);
    assert_int_equal(ka_spend_expected(&cdnow_gg, 2, NAN, &s), KA_ERR_ARG);
    assert_int_equal(ka_spend_expected(&cdnow_gg, 2, 10, NULL), KA_ERR_ARG);
}

static void test_check_client_and_params(void **state)
{
    (void)state;
    assert_int_equal(ka_spend_check_client(0, NAN), KA_OK);
    assert_int_equal(ka_spend_check_client(3, 1e-300), KA_OK);
    assert_int_equal(ka_spend_check_client(3, -0.0), KA_ERR_ARG);
    assert_int_equal(ka_spend_check_client(-0.5, 1), KA_ERR_ARG);
    assert_int_equal(ka_spend_check_params(&cdnow_gg), KA_OK);
    const ka_spend_params zero = {0, 1, 1};
    assert_int_equal(ka_spend_check_params(&zero), KA_ERR_ARG);
    assert_int_equal(ka_spend_check_params(NULL), KA_ERR_ARG);
}

/* Standard errors at the CDNOW fit against tests/unit/se_reference.py
 * (scipy: the likelihood written out again, Nelder-Mead, finite differences
 * of LL in p, q, v): 1.1899778, 0.29012224, 4.1591492, within 2e-3
 * relative (its two step sizes differ by 2e-4 on this flat ridge in q and
 * v).  The same bits for any order of the clients; in cents instead of
 * dollars v's error scales by 100. */
static void test_std_errors_cdnow(void **state)
{
    cdnow *d = *state;
    static cdnow cents, shuffled;
    for (size_t i = 0; i < CDNOW_N; i++) {
        size_t j = (i * 1009) % CDNOW_N;
        cents.x[j] = shuffled.x[j] = d->x[i];
        shuffled.m[j] = d->m[i];
        cents.m[j] = d->m[i] * 100.0;
    }
    ka_spend_params p, se = {-1, -1, -1}, se_cents;
    assert_int_equal(ka_spend_fit(d->x, d->m, CDNOW_N, &p, NULL), KA_OK);
    assert_int_equal(ka_spend_std_errors(&p, d->x, d->m, CDNOW_N, &se), KA_OK);
    KA_ASSERT_NEAR(se.p, 1.1899778, 2e-3 * 1.1899778);
    KA_ASSERT_NEAR(se.q, 0.29012224, 2e-3 * 0.29012224);
    KA_ASSERT_NEAR(se.v, 4.1591492, 2e-3 * 4.1591492);
    const ka_spend_params p_cents = {p.p, p.q, p.v * 100.0};
    assert_int_equal(ka_spend_std_errors(&p_cents, cents.x, cents.m, CDNOW_N, &se_cents), KA_OK);
    KA_ASSERT_NEAR(se_cents.p, se.p, 1e-6 * se.p);
    KA_ASSERT_NEAR(se_cents.q, se.q, 1e-6 * se.q);
    KA_ASSERT_NEAR(se_cents.v, se.v * 100.0, 1e-4 * se.v);
    ka_spend_params again;
    assert_int_equal(ka_spend_std_errors(&p, shuffled.x, shuffled.m, CDNOW_N, &again), KA_OK);
    assert_memory_equal(&se, &again, sizeof se);
}

/* Nobody with a repeat purchase: no information, Err:523 (GAMMAGAMMAFIT's
 * fit fails first); invalid arguments are Err:502, se untouched. */
static void test_std_errors_none_and_invalid(void **state)
{
    (void)state;
    const double x0[2] = {0, 0}, m0[2] = {NAN, 5}, x[2] = {2, 3}, m[2] = {10, 20};
    const double bad_m[2] = {10, -1};
    ka_spend_params se = {-1, -1, -1};
    assert_int_equal(ka_spend_std_errors(&cdnow_gg, x0, m0, 2, &se), KA_ERR_NOCONV);
    assert_int_equal(ka_spend_std_errors(&cdnow_gg, x, bad_m, 2, &se), KA_ERR_ARG);
    assert_int_equal(ka_spend_std_errors(NULL, x, m, 2, &se), KA_ERR_ARG);
    assert_int_equal(ka_spend_std_errors(&cdnow_gg, NULL, m, 2, &se), KA_ERR_ARG);
    assert_int_equal(ka_spend_std_errors(&cdnow_gg, x, m, 2, NULL), KA_ERR_ARG);
    const ka_spend_params zero_q = {6.2488, 0, 15.4477};
    assert_int_equal(ka_spend_std_errors(&zero_q, x, m, 2, &se), KA_ERR_ARG);
    assert_true(se.p == -1);
}

int main(void)
{
    const struct CMUnitTest tests[] = {
        cmocka_unit_test(test_fit_cdnow),
        cmocka_unit_test(test_fit_deterministic_and_order_free),
        cmocka_unit_test(test_fit_merged_and_scale_free),
        cmocka_unit_test(test_fit_no_finite_maximum),
        cmocka_unit_test(test_fit_extreme_clients),
        cmocka_unit_test(test_fit_invalid_input),
        cmocka_unit_test(test_expected_cdnow),
        cmocka_unit_test(test_expected_q_near_one),
        cmocka_unit_test(test_expected_invalid_input),
        cmocka_unit_test(test_check_client_and_params),
        cmocka_unit_test(test_std_errors_cdnow),
        cmocka_unit_test(test_std_errors_none_and_invalid),
    };
    return cmocka_run_group_tests(tests, cdnow_load, cdnow_free);
}
