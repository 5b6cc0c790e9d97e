/* test_hyp2f1.c - log 2F1(a, b; c; z) against closed forms and mpmath (50 digits). */
#include "ka_test.h"

#include "ka_hyp2f1.h"

static double log2f1(double a, double b, double c, double z)
{
    double v = NAN;
    assert_int_equal(ka_hyp2f1_log(a, b, c, z, &v), KA_OK);
    return v;
}

/* 2F1(1, 1; 2; z) = -log(1 - z) / z */
static void test_closed_form_log(void **state)
{
    (void)state;
    for (double z = 0.05; z < 0.99; z += 0.1)
        KA_ASSERT_NEAR(log2f1(1, 1, 2, z), log(-log1p(-z) / z), 1e-14);
}

/* 2F1(a, b; b; z) = (1 - z)^-a, exactly what Euler's transformation gives */
static void test_closed_form_power(void **state)
{
    (void)state;
    KA_ASSERT_NEAR(log2f1(0.3, 2.5, 2.5, 0.7), -0.3 * log1p(-0.7), 1e-15);
    KA_ASSERT_NEAR(log2f1(10000.0, 7.0, 7.0, 0.5), -10000.0 * log1p(-0.5), 1e-9);
}

/* 2F1(1/2, 1/2; 3/2; z^2) = asin(z) / z */
static void test_closed_form_asin(void **state)
{
    (void)state;
    KA_ASSERT_NEAR(log2f1(0.5, 0.5, 1.5, 0.81), log(asin(0.9) / 0.9), 1e-14);
}

static void test_zero_argument(void **state)
{
    (void)state;
    assert_true(log2f1(3, 4, 5, 0.0) == 0.0);
}

/* reference values: mpmath.hyp2f1 at 50 digits */
static void test_mpmath_small_parameters(void **state)
{
    (void)state;
    KA_ASSERT_NEAR(log2f1(0.2426, 2.4258, 2.2187, 0.9), 0.66560611435966196466, 1e-13);
    KA_ASSERT_NEAR(log2f1(0.5, 0.5, 100, 0.99), 0.0024997342186775481526, 1e-16);
    KA_ASSERT_NEAR(log2f1(3.5, 2.5, 1.5, 0.999), 31.931625023907862679, 1e-11);
    KA_ASSERT_NEAR(log2f1(0.1, 0.2, 0.05, 0.3), 0.13924325831753518274, 1e-14);
    KA_ASSERT_NEAR(log2f1(50, 60, 2, 0.6), 153.68174876307060382, 1e-10);
}

/* a client with 10,000 repeat purchases: 2F1 ~ e^7000 and e^46000, far beyond double */
static void test_mpmath_large_parameters(void **state)
{
    (void)state;
    KA_ASSERT_NEAR(log2f1(10000.2426, 10002.4258, 10002.2187, 0.5), 6931.7834934271591873, 1e-8);
    KA_ASSERT_NEAR(log2f1(10000.5, 10001.5, 10001, 0.99), 46056.307005318151595, 1e-8);
}

static void test_domain(void **state)
{
    (void)state;
    double v = 42.0;
    assert_int_equal(ka_hyp2f1_log(1, 1, 2, 1.0, &v), KA_ERR_ARG);
    assert_int_equal(ka_hyp2f1_log(1, 1, 2, -0.1, &v), KA_ERR_ARG);
    assert_int_equal(ka_hyp2f1_log(0, 1, 2, 0.5, &v), KA_ERR_ARG);
    assert_int_equal(ka_hyp2f1_log(1, -1, 2, 0.5, &v), KA_ERR_ARG);
    assert_int_equal(ka_hyp2f1_log(1, 1, 0, 0.5, &v), KA_ERR_ARG);
    assert_int_equal(ka_hyp2f1_log(NAN, 1, 2, 0.5, &v), KA_ERR_ARG);
    assert_int_equal(ka_hyp2f1_log(1, INFINITY, 2, 0.5, &v), KA_ERR_ARG);
    assert_int_equal(ka_hyp2f1_log(1, 1, 2, NAN, &v), KA_ERR_ARG);
    assert_int_equal(ka_hyp2f1_log(1, 1, 2, 0.5, NULL), KA_ERR_ARG);
    assert_true(v == 42.0);
}

/* z so close to 1 that the series would need ~10^9 terms: an error, not a hang */
static void test_no_convergence_near_one(void **state)
{
    (void)state;
    double v = 42.0;
    assert_int_equal(ka_hyp2f1_log(0.5, 0.7, 3.0, 1.0 - 1e-9, &v), KA_ERR_NOCONV);
    assert_true(v == 42.0);
}

int main(void)
{
    const struct CMUnitTest tests[] = {
        cmocka_unit_test(test_closed_form_log),
        cmocka_unit_test(test_closed_form_power),
        cmocka_unit_test(test_closed_form_asin),
        cmocka_unit_test(test_zero_argument),
        cmocka_unit_test(test_mpmath_small_parameters),
        cmocka_unit_test(test_mpmath_large_parameters),
        cmocka_unit_test(test_domain),
        cmocka_unit_test(test_no_convergence_near_one),
    };
    return cmocka_run_group_tests(tests, NULL, NULL);
}
