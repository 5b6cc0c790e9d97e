/* test_clv.c - customer lifetime value: the contract's CDNOW client, the
 * sum against its definition (BG/NBD, MBG/NBD, Pareto/NBD), Months 1, no
 * discount, extreme clients, invalid input. */
#include "ka_test.h"

#include <float.h>

#include "ka_clv.h"

static const ka_bgnbd_params cdnow_bg = {0.2426, 4.4135, 0.7929, 2.4258};
static const ka_bgnbd_params cdnow_mbg = {0.525, 6.183, 0.891, 1.614};
/* Pareto/NBD r; alpha; s; beta as Fader, Hardie & Lee (2005) publish them */
static const ka_bgnbd_params cdnow_pnbd = {0.553, 10.578, 0.606, 11.669};
static const ka_clv_terms weeks = {12, 0.01, 4.345};

/* CDNOW client 1 in weeks (x 2, t_x 30.43, T 38.86), Spend 24.66: 36.28 as
 * lifetimes' customer_lifetime_value gives it; scipy's hyp2f1 with the same
 * sum gives 36.271591778668714 for Spend 24.653918714030947. */
static void test_clv_cdnow(void **state)
{
    (void)state;
    double clv = -1;
    assert_int_equal(ka_clv_bgnbd(&cdnow_bg, KA_MODEL_BGNBD, 2, 30.43, 38.86, 24.66, &weeks, &clv),
                     KA_OK);
    KA_ASSERT_NEAR(clv, 36.28, 5e-3);
    KA_ASSERT_NEAR(clv, 24.66 * (36.271591778668714 / 24.653918714030947), 1e-9);
    /* Spend 0: nothing; the value is linear in Spend */
    double zero = -1, twice = -1;
    assert_int_equal(ka_clv_bgnbd(&cdnow_bg, KA_MODEL_BGNBD, 2, 30.43, 38.86, 0, &weeks, &zero),
                     KA_OK);
    assert_true(zero == 0.0);
    assert_int_equal(
        ka_clv_bgnbd(&cdnow_bg, KA_MODEL_BGNBD, 2, 30.43, 38.86, 49.32, &weeks, &twice), KA_OK);
    KA_ASSERT_NEAR(twice, 2 * clv, 1e-12);
}

/* Pareto/NBD, CDNOW client 1 in weeks with the published parameters: the
 * sum of 24.66 (E[X(4.345 i)] - E[X(4.345 (i-1))]) / 1.01^i over 12 months,
 * the expectations from tests/unit/pnbd_reference.py (mpmath, FHL's eq. 20):
 * 43.083429295113961. */
static void test_clv_pnbd_cdnow(void **state)
{
    (void)state;
    double clv = -1, e, prev = 0, want = 0;
    assert_int_equal(ka_clv_bgnbd(&cdnow_pnbd, KA_MODEL_PNBD, 2, 30.43, 38.86, 24.66, &weeks, &clv),
                     KA_OK);
    KA_ASSERT_NEAR(clv, 43.083429295113961, 1e-10);
    /* and by hand from EXPECTEDPURCHASES' core, to the last bits */
    for (int i = 1; i <= 12; i++) {
        assert_int_equal(
            ka_bgnbd_expected(&cdnow_pnbd, KA_MODEL_PNBD, 4.345 * i, 2, 30.43, 38.86, &e), KA_OK);
        want += 24.66 * (e - prev) / pow(1.01, i);
        prev = e;
    }
    KA_ASSERT_NEAR(clv, want, 1e-13 * want);
    /* a client who bought at the very end, one without repeat purchase,
     * huge x and T: finite, >= 0 */
    const double cl[][3] = {{3, 38.86, 38.86},
                            {0, 0, 38.86},
                            {10000, 10000, 10000},
                            {10000, 9999.5, 10000},
                            {10000, 0, 10000}};
    for (size_t i = 0; i < sizeof cl / sizeof cl[0]; i++) {
        assert_int_equal(ka_clv_bgnbd(&cdnow_pnbd, KA_MODEL_PNBD, cl[i][0], cl[i][1], cl[i][2],
                                      24.66, &weeks, &clv),
                         KA_OK);
        assert_true(isfinite(clv) && clv >= 0.0);
    }
    /* alpha and beta so far apart that P(alive)'s series does not
     * converge: Err:523 as for EXPECTEDPURCHASES */
    const ka_bgnbd_params apart = {0.5, 1.0, 0.6, 1e-5};
    assert_int_equal(ka_clv_bgnbd(&apart, KA_MODEL_PNBD, 1, 0, 10, 24.66, &weeks, &clv),
                     KA_ERR_NOCONV);
}

/* The definition, month by month, from EXPECTEDPURCHASES' core. */
static void test_clv_is_the_discounted_sum(void **state)
{
    (void)state;
    for (int m = 0; m < 3; m++) {
        const ka_bgnbd_params *p = m == 0 ? &cdnow_bg : m == 1 ? &cdnow_mbg : &cdnow_pnbd;
        const ka_clv_terms terms = {24, 0.02, 30};
        double want = 0, prev = 0, e, clv;
        for (int i = 1; i <= 24; i++) {
            assert_int_equal(ka_bgnbd_expected(p, (ka_model)m, 30.0 * i, 5, 200, 300, &e), KA_OK);
            want += 10.0 * (e - prev) / pow(1.02, i);
            prev = e;
        }
        assert_int_equal(ka_clv_bgnbd(p, (ka_model)m, 5, 200, 300, 10, &terms, &clv), KA_OK);
        KA_ASSERT_NEAR(clv, want, 1e-12 * want);
    }
}

/* Months 1: one discounted month.  No discount: the sum telescopes to the
 * expected purchases of the whole horizon. */
static void test_clv_one_month_and_no_discount(void **state)
{
    (void)state;
    double e, clv;
    const ka_clv_terms one = {1, 0.01, 4.345}, flat = {12, 0, 4.345};
    assert_int_equal(ka_bgnbd_expected(&cdnow_bg, KA_MODEL_BGNBD, 4.345, 2, 30.43, 38.86, &e),
                     KA_OK);
    assert_int_equal(ka_clv_bgnbd(&cdnow_bg, KA_MODEL_BGNBD, 2, 30.43, 38.86, 24.66, &one, &clv),
                     KA_OK);
    KA_ASSERT_NEAR(clv, 24.66 * e / 1.01, 1e-12);
    assert_int_equal(ka_bgnbd_expected(&cdnow_bg, KA_MODEL_BGNBD, 12 * 4.345, 2, 30.43, 38.86, &e),
                     KA_OK);
    assert_int_equal(ka_clv_bgnbd(&cdnow_bg, KA_MODEL_BGNBD, 2, 30.43, 38.86, 24.66, &flat, &clv),
                     KA_OK);
    KA_ASSERT_NEAR(clv, 24.66 * e, 1e-11);
    /* a new client (x = 0) has a value too; a lapsed one less than an active one */
    double fresh, lapsed, active;
    assert_int_equal(ka_clv_bgnbd(&cdnow_bg, KA_MODEL_BGNBD, 0, 0, 38.86, 24.66, &weeks, &fresh),
                     KA_OK);
    assert_true(fresh > 0 && isfinite(fresh));
    assert_int_equal(ka_clv_bgnbd(&cdnow_bg, KA_MODEL_BGNBD, 5, 5, 38.86, 24.66, &weeks, &lapsed),
                     KA_OK);
    assert_int_equal(
        ka_clv_bgnbd(&cdnow_bg, KA_MODEL_BGNBD, 5, 38.86, 38.86, 24.66, &weeks, &active), KA_OK);
    assert_true(lapsed < active);
}

/* Huge counts, ages, spends and discounts: a finite value or Err:523. */
static void test_clv_extremes(void **state)
{
    (void)state;
    double clv;
    const double clients[][3] = {{1e4, 500, 1000}, {1e300, 1e300, 1e300}, {3, 1e-300, 1e-300}};
    for (int m = 0; m < 2; m++)
        for (size_t i = 0; i < sizeof clients / sizeof clients[0]; i++) {
            const double *c = clients[i];
            ka_status st =
                ka_clv_bgnbd(&cdnow_bg, (ka_model)m, c[0], c[1], c[2], 1e300, &weeks, &clv);
            assert_true(st == KA_OK || st == KA_ERR_NOCONV);
            if (st == KA_OK)
                assert_true(isfinite(clv) && clv >= 0);
        }
    /* discount near -1: the factor (1 + d)^-i overflows */
    const ka_clv_terms steep = {1200, -0.999999, 1e-3};
    assert_int_equal(ka_clv_bgnbd(&cdnow_bg, KA_MODEL_BGNBD, 2, 30.43, 38.86, 24.66, &steep, &clv),
                     KA_ERR_NOCONV);
    /* a horizon far beyond the age: the series does not converge */
    const ka_clv_terms long_months = {12, 0.01, 1e12};
    assert_int_equal(
        ka_clv_bgnbd(&cdnow_bg, KA_MODEL_BGNBD, 2, 30.43, 38.86, 24.66, &long_months, &clv),
        KA_ERR_NOCONV);
}

static void test_clv_invalid_input(void **state)
{
    (void)state;
    double clv = -1;
    const ka_clv_terms bad[] = {{0, 0.01, 30},   {1.5, 0.01, 30},      {1201, 0.01, 30},
                                {NAN, 0.01, 30}, {12, -1, 30},         {12, NAN, 30},
                                {12, 0.01, 0},   {12, 0.01, INFINITY}, {12, 0.01, -30}};
    for (size_t i = 0; i < sizeof bad / sizeof bad[0]; i++) {
        assert_int_equal(ka_clv_check_terms(&bad[i]), KA_ERR_ARG);
        assert_int_equal(
            ka_clv_bgnbd(&cdnow_bg, KA_MODEL_BGNBD, 2, 30.43, 38.86, 24.66, &bad[i], &clv),
            KA_ERR_ARG);
    }
    const ka_clv_terms most = {KA_CLV_MAX_MONTHS, 0.01, 1};
    assert_int_equal(ka_clv_check_terms(&most), KA_OK);
    assert_int_equal(ka_clv_check_terms(NULL), KA_ERR_ARG);
    const double bad_spend[] = {-1, NAN, INFINITY};
    for (size_t i = 0; i < sizeof bad_spend / sizeof bad_spend[0]; i++)
        assert_int_equal(
            ka_clv_bgnbd(&cdnow_bg, KA_MODEL_BGNBD, 2, 30.43, 38.86, bad_spend[i], &weeks, &clv),
            KA_ERR_ARG);
    assert_int_equal(ka_clv_bgnbd(&cdnow_bg, (ka_model)3, 2, 30.43, 38.86, 24.66, &weeks, &clv),
                     KA_ERR_ARG);
    assert_int_equal(ka_clv_bgnbd(&cdnow_bg, KA_MODEL_BGNBD, 2, 40, 38.86, 24.66, &weeks, &clv),
                     KA_ERR_ARG);
    assert_int_equal(ka_clv_bgnbd(NULL, KA_MODEL_BGNBD, 2, 30.43, 38.86, 24.66, &weeks, &clv),
                     KA_ERR_ARG);
    assert_int_equal(ka_clv_bgnbd(&cdnow_bg, KA_MODEL_BGNBD, 2, 30.43, 38.86, 24.66, NULL, &clv),
                     KA_ERR_ARG);
    assert_int_equal(ka_clv_bgnbd(&cdnow_bg, KA_MODEL_BGNBD, 2, 30.43, 38.86, 24.66, &weeks, NULL),
                     KA_ERR_ARG);
    assert_true(clv == -1);
}

int main(void)
{
    const struct CMUnitTest tests[] = {
        cmocka_unit_test(test_clv_cdnow),
        cmocka_unit_test(test_clv_pnbd_cdnow),
        cmocka_unit_test(test_clv_is_the_discounted_sum),
        cmocka_unit_test(test_clv_one_month_and_no_discount),
        cmocka_unit_test(test_clv_extremes),
        cmocka_unit_test(test_clv_invalid_input),
    };
    return cmocka_run_group_tests(tests, NULL, NULL);
}
