/* test_segment.c - unit tests of ka_segment: ABCCLASS, PARETOSHARE,
 * SALESSHARE, DEPENDENCY, CONCENTRATION, XYZCLASS and XYZCOEF, and their
 * Groups forms (ka_groups), as the contract (docs/functions.md, generated from src/ka_functions.c)
 * states them. */
#include "ka_test.h"

#include <string.h>

#include "ka_segment.h"

#define COUNT(a) (sizeof(a) / sizeof((a)[0]))

/* The contract's default ABC limits. */
#define LIMIT_A 0.8
#define LIMIT_B 0.95

static ka_pareto *pareto_of(const double *values, size_t n)
{
    ka_pareto *p = NULL;
    assert_int_equal(ka_pareto_new(values, n, &p), KA_OK);
    assert_non_null(p);
    return p;
}

static char abc(const ka_pareto *p, double v, double limit_a, double limit_b, int rule)
{
    char cls = '?';
    assert_int_equal(ka_abc_classify(p, v, limit_a, limit_b, rule, &cls), KA_OK);
    return cls;
}

/* The classes of values[0..n-1], in order, as a string such as "ABC". */
static void assert_classes(const ka_pareto *p, const double *values, size_t n, double limit_a,
                           double limit_b, int rule, const char *want)
{
    char got[64] = {0};
    assert_true(n < sizeof got);
    for (size_t i = 0; i < n; i++)
        got[i] = abc(p, values[i], limit_a, limit_b, rule);
    assert_string_equal(got, want);
}

static double before(const ka_pareto *p, double v)
{
    double s = NAN;
    assert_int_equal(ka_pareto_before(p, v, &s), KA_OK);
    return s;
}

static double upto(const ka_pareto *p, double v)
{
    double s = NAN;
    assert_int_equal(ka_pareto_upto(p, v, &s), KA_OK);
    return s;
}

static double sales_share(const ka_pareto *p, double v)
{
    double s = NAN;
    assert_int_equal(ka_sales_share(p, v, &s), KA_OK);
    return s;
}

static const char *dependency(double share, const double *limits)
{
    const char *level = NULL;
    assert_int_equal(ka_dependency_level(share, limits, &level), KA_OK);
    assert_non_null(level);
    return level;
}

static double concentration(const double *values, size_t n, ka_concentration_measure m)
{
    double out = NAN;
    assert_int_equal(ka_concentration(values, n, m, &out), KA_OK);
    return out;
}

static double xyz_coef(const double *series, size_t n, int deviation)
{
    double cv = NAN;
    assert_int_equal(ka_xyz_coef(series, n, deviation, &cv), KA_OK);
    return cv;
}

static char xyz(const double *series, size_t n, double limit_x, double limit_y, int deviation)
{
    char cls = '?';
    assert_int_equal(ka_xyz_classify(series, n, limit_x, limit_y, deviation, &cls), KA_OK);
    return cls;
}

/* ---- ABCCLASS / PARETOSHARE ---- */

static void test_abc_worked_example_85_10_5(void **state)
{
    const double v[] = {85, 10, 5};
    ka_pareto *p = pareto_of(v, COUNT(v));
    assert_int_equal(ka_pareto_count(p), 3);
    assert_classes(p, v, COUNT(v), LIMIT_A, LIMIT_B, KA_ABC_CROSSING, "ABC");
    assert_classes(p, v, COUNT(v), LIMIT_A, LIMIT_B, KA_ABC_INCLUSIVE, "BBC");
    KA_ASSERT_NEAR(before(p, 85), 0.0, 0);
    KA_ASSERT_NEAR(before(p, 10), 0.85, 1e-15);
    KA_ASSERT_NEAR(before(p, 5), 0.95, 1e-15);
    KA_ASSERT_NEAR(upto(p, 85), 0.85, 1e-15);
    KA_ASSERT_NEAR(upto(p, 10), 0.95, 1e-15);
    KA_ASSERT_NEAR(upto(p, 5), 1.0, 0);
    ka_pareto_free(p);
}

static void test_abc_worked_example_40_20_20_10_10(void **state)
{
    const double v[] = {40, 20, 20, 10, 10};
    const double want_before[] = {0, 0.4, 0.4, 0.8, 0.8};
    const double want_upto[] = {0.4, 0.8, 0.8, 1, 1};
    ka_pareto *p = pareto_of(v, COUNT(v));
    assert_classes(p, v, COUNT(v), 0.7, 0.95, KA_ABC_CROSSING, "AAABB");
    assert_classes(p, v, COUNT(v), 0.7, 0.95, KA_ABC_INCLUSIVE, "ABBCC");
    for (size_t i = 0; i < COUNT(v); i++) {
        KA_ASSERT_NEAR(before(p, v[i]), want_before[i], 1e-15);
        KA_ASSERT_NEAR(upto(p, v[i]), want_upto[i], 1e-15);
    }
    ka_pareto_free(p);
}

static void test_abc_ties_get_the_same_class(void **state)
{
    /* the tie at 30 straddles LimitA: both 30s move together */
    const double v[] = {30, 40, 30};
    ka_pareto *p = pareto_of(v, COUNT(v));
    assert_classes(p, v, COUNT(v), LIMIT_A, LIMIT_B, KA_ABC_CROSSING, "AAA");
    assert_classes(p, v, COUNT(v), LIMIT_A, LIMIT_B, KA_ABC_INCLUSIVE, "CAC");
    KA_ASSERT_NEAR(before(p, 30), 0.4, 1e-15);
    KA_ASSERT_NEAR(upto(p, 30), 1.0, 0);
    ka_pareto_free(p);

    const double equal[] = {10, 10, 10, 10, 10};
    p = pareto_of(equal, COUNT(equal));
    assert_classes(p, equal, COUNT(equal), LIMIT_A, LIMIT_B, KA_ABC_CROSSING, "AAAAA");
    assert_classes(p, equal, COUNT(equal), LIMIT_A, LIMIT_B, KA_ABC_INCLUSIVE, "CCCCC");
    assert_classes(p, equal, COUNT(equal), LIMIT_A, 1.0, KA_ABC_INCLUSIVE, "BBBBB");
    ka_pareto_free(p);
}

static void test_abc_negative_and_zero_values(void **state)
{
    const double v[] = {-5, 0, 60, 40};
    ka_pareto *p = pareto_of(v, COUNT(v));
    assert_int_equal(ka_pareto_count(p), 2);
    assert_classes(p, v, COUNT(v), LIMIT_A, LIMIT_B, KA_ABC_CROSSING, "CCAA");
    assert_classes(p, v, COUNT(v), LIMIT_A, LIMIT_B, KA_ABC_INCLUSIVE, "CCAC");
    KA_ASSERT_NEAR(upto(p, 0), 1.0, 0); /* PARETOSHARE of a value <= 0 is 1 */
    KA_ASSERT_NEAR(upto(p, -5), 1.0, 0);
    KA_ASSERT_NEAR(before(p, -5), 1.0, 0);
    KA_ASSERT_NEAR(upto(p, 40), 1.0, 0);
    KA_ASSERT_NEAR(upto(p, 60), 0.6, 1e-15);
    ka_pareto_free(p);
}

static void test_abc_value_not_in_values(void **state)
{
    const double v[] = {85, 10, 5};
    ka_pareto *p = pareto_of(v, COUNT(v));
    /* larger than all: nothing before it, nothing >= it */
    KA_ASSERT_NEAR(before(p, 100), 0.0, 0);
    KA_ASSERT_NEAR(upto(p, 100), 0.0, 0);
    assert_int_equal(abc(p, 100, LIMIT_A, LIMIT_B, KA_ABC_CROSSING), 'A');
    assert_int_equal(abc(p, 100, LIMIT_A, LIMIT_B, KA_ABC_INCLUSIVE), 'A');
    /* between 85 and 10 */
    KA_ASSERT_NEAR(before(p, 50), 0.85, 1e-15);
    KA_ASSERT_NEAR(upto(p, 50), 0.85, 1e-15);
    assert_int_equal(abc(p, 50, LIMIT_A, LIMIT_B, KA_ABC_CROSSING), 'B');
    assert_int_equal(abc(p, 50, LIMIT_A, LIMIT_B, KA_ABC_INCLUSIVE), 'B');
    /* between 10 and 5 */
    assert_int_equal(abc(p, 7, LIMIT_A, LIMIT_B, KA_ABC_CROSSING), 'C');
    assert_int_equal(abc(p, 7, LIMIT_A, LIMIT_B, KA_ABC_INCLUSIVE), 'B');
    /* smaller than all */
    KA_ASSERT_NEAR(before(p, 3), 1.0, 0);
    assert_int_equal(abc(p, 3, LIMIT_A, LIMIT_B, KA_ABC_CROSSING), 'C');
    ka_pareto_free(p);
}

static void test_abc_single_client(void **state)
{
    const double v[] = {42};
    ka_pareto *p = pareto_of(v, 1);
    assert_int_equal(abc(p, 42, LIMIT_A, LIMIT_B, KA_ABC_CROSSING), 'A');
    assert_int_equal(abc(p, 42, LIMIT_A, LIMIT_B, KA_ABC_INCLUSIVE), 'C');
    assert_int_equal(abc(p, 42, LIMIT_A, 1.0, KA_ABC_INCLUSIVE), 'B');
    KA_ASSERT_NEAR(before(p, 42), 0.0, 0);
    KA_ASSERT_NEAR(upto(p, 42), 1.0, 0);
    KA_ASSERT_NEAR(sales_share(p, 42), 1.0, 0);
    ka_pareto_free(p);
}

/* Empty Values and Values without a positive number: every client is C,
 * the shares are Err:502. */
static void assert_no_positive_value(const ka_pareto *p)
{
    double s;
    assert_int_equal(ka_pareto_count(p), 0);
    assert_int_equal(abc(p, 10, LIMIT_A, LIMIT_B, KA_ABC_CROSSING), 'C');
    assert_int_equal(abc(p, 10, LIMIT_A, LIMIT_B, KA_ABC_INCLUSIVE), 'C');
    assert_int_equal(abc(p, -1, LIMIT_A, LIMIT_B, KA_ABC_CROSSING), 'C');
    assert_int_equal(ka_pareto_before(p, 10, &s), KA_ERR_ARG);
    assert_int_equal(ka_pareto_upto(p, 10, &s), KA_ERR_ARG);
    assert_int_equal(ka_pareto_upto(p, 0, &s), KA_ERR_ARG);
    assert_int_equal(ka_sales_share(p, 10, &s), KA_ERR_ARG);
}

static void test_abc_empty_input(void **state)
{
    ka_pareto *p = pareto_of(NULL, 0);
    assert_no_positive_value(p);
    ka_pareto_free(p);
}

static void test_abc_no_positive_value(void **state)
{
    const double v[] = {-1, 0, -3};
    ka_pareto *p = pareto_of(v, COUNT(v));
    assert_no_positive_value(p);
    ka_pareto_free(p);
}

static void test_abc_share_within_tolerance_of_limit(void **state)
{
    const double v[] = {80, 15, 5}; /* before(15) = upto(80) = 0.8 */
    ka_pareto *p = pareto_of(v, COUNT(v));
    assert_int_equal(abc(p, 15, 0.8, LIMIT_B, KA_ABC_CROSSING), 'B');
    assert_int_equal(abc(p, 15, 0.8 + 5e-13, LIMIT_B, KA_ABC_CROSSING), 'B');
    assert_int_equal(abc(p, 15, 0.8 + 2e-12, LIMIT_B, KA_ABC_CROSSING), 'A');
    assert_int_equal(abc(p, 80, 0.8, LIMIT_B, KA_ABC_INCLUSIVE), 'A');
    assert_int_equal(abc(p, 80, 0.8 - 5e-13, LIMIT_B, KA_ABC_INCLUSIVE), 'A');
    assert_int_equal(abc(p, 80, 0.8 - 2e-12, LIMIT_B, KA_ABC_INCLUSIVE), 'B');
    ka_pareto_free(p);
}

static void assert_same_as_unscaled(double factor)
{
    const double v[] = {40, 20, 20, 10, 10};
    double scaled[COUNT(v)];
    for (size_t i = 0; i < COUNT(v); i++)
        scaled[i] = v[i] * factor;
    ka_pareto *ref = pareto_of(v, COUNT(v));
    ka_pareto *p = pareto_of(scaled, COUNT(v));
    assert_classes(p, scaled, COUNT(v), 0.7, 0.95, KA_ABC_CROSSING, "AAABB");
    assert_classes(p, scaled, COUNT(v), 0.7, 0.95, KA_ABC_INCLUSIVE, "ABBCC");
    for (size_t i = 0; i < COUNT(v); i++) {
        KA_ASSERT_NEAR(before(p, scaled[i]), before(ref, v[i]), 1e-15);
        KA_ASSERT_NEAR(upto(p, scaled[i]), upto(ref, v[i]), 1e-15);
        KA_ASSERT_NEAR(sales_share(p, scaled[i]), sales_share(ref, v[i]), 1e-15);
    }
    ka_pareto_free(p);
    ka_pareto_free(ref);
}

static void test_abc_huge_and_tiny_magnitudes(void **state)
{
    assert_same_as_unscaled(1e300);
    assert_same_as_unscaled(1e-300);
    assert_same_as_unscaled(1e-310); /* subnormal values */

    /* 1e308 + 1e308 overflows unscaled */
    const double mix[] = {1e308, 1e-300, 1e308};
    ka_pareto *p = pareto_of(mix, COUNT(mix));
    KA_ASSERT_NEAR(upto(p, 1e308), 1.0, 0);
    KA_ASSERT_NEAR(before(p, 1e-300), 1.0, 0);
    KA_ASSERT_NEAR(sales_share(p, 1e308), 0.5, 0);
    assert_classes(p, mix, COUNT(mix), LIMIT_A, LIMIT_B, KA_ABC_CROSSING, "ACA");
    ka_pareto_free(p);
}

static uint64_t lcg_next(uint64_t *seed)
{
    *seed = *seed * 6364136223846793005ULL + 1442695040888963407ULL;
    return *seed >> 33;
}

static void shuffle(double *v, size_t n, uint64_t seed)
{
    for (size_t i = n - 1; i > 0; i--) {
        size_t j = (size_t)(lcg_next(&seed) % (i + 1));
        double t = v[i];
        v[i] = v[j];
        v[j] = t;
    }
}

#define SHUFFLE_N 1000

static void assert_bits_equal(double a, double b)
{
    assert_memory_equal(&a, &b, sizeof a);
}

static void test_abc_row_order_independence(void **state)
{
    /* 53 distinct values, ~19 rows each, including zeros and negatives;
     * 0.37 * k is inexact, so summation order would show in the last bits */
    static double v[SHUFFLE_N], shuffled[SHUFFLE_N];
    for (size_t i = 0; i < SHUFFLE_N; i++)
        v[i] = ((double)((i * 7919) % 53) - 5.0) * 0.37;
    ka_pareto *ref = pareto_of(v, SHUFFLE_N);

    /* against a brute-force evaluation of the contract's formulas */
    double total = 0;
    for (size_t j = 0; j < SHUFFLE_N; j++)
        total += v[j] > 0 ? v[j] : 0;
    for (size_t i = 0; i < SHUFFLE_N; i++) {
        double above = 0, at_or_above = 0;
        for (size_t j = 0; j < SHUFFLE_N; j++) {
            if (v[j] > 0 && v[j] > v[i])
                above += v[j];
            if (v[j] > 0 && v[j] >= v[i])
                at_or_above += v[j];
        }
        KA_ASSERT_NEAR(before(ref, v[i]), above / total, 1e-12);
        KA_ASSERT_NEAR(upto(ref, v[i]), at_or_above / total, 1e-12);
    }

    const uint64_t seeds[] = {1, 42, 2024, 987654321, 0xDEADBEEF};
    for (size_t s = 0; s < COUNT(seeds); s++) {
        memcpy(shuffled, v, sizeof v);
        shuffle(shuffled, SHUFFLE_N, seeds[s]);
        assert_memory_not_equal(shuffled, v, sizeof v);
        ka_pareto *p = pareto_of(shuffled, SHUFFLE_N);
        for (size_t i = 0; i < SHUFFLE_N; i++) {
            assert_bits_equal(before(p, v[i]), before(ref, v[i]));
            assert_bits_equal(upto(p, v[i]), upto(ref, v[i]));
            assert_bits_equal(sales_share(p, v[i]), sales_share(ref, v[i]));
            for (int rule = 0; rule <= 1; rule++)
                assert_int_equal(abc(p, v[i], LIMIT_A, LIMIT_B, rule),
                                 abc(ref, v[i], LIMIT_A, LIMIT_B, rule));
        }
        for (int m = KA_CONC_HHI; m <= KA_CONC_TOP20; m++)
            assert_bits_equal(concentration(shuffled, SHUFFLE_N, m),
                              concentration(v, SHUFFLE_N, m));
        ka_pareto_free(p);
    }
    ka_pareto_free(ref);
}

static void test_pareto_invalid_arguments(void **state)
{
    const double v[] = {85, 10, 5};
    const double nan_in[] = {1, NAN, 2}, inf_in[] = {1, INFINITY}, ninf_in[] = {-INFINITY, 1};
    static char sentinel;
    ka_pareto *p = (ka_pareto *)&sentinel; /* must be reset to NULL on failure */
    double s;
    char cls;

    assert_int_equal(ka_pareto_new(nan_in, COUNT(nan_in), &p), KA_ERR_ARG);
    assert_null(p);
    assert_int_equal(ka_pareto_new(inf_in, COUNT(inf_in), &p), KA_ERR_ARG);
    assert_int_equal(ka_pareto_new(ninf_in, COUNT(ninf_in), &p), KA_ERR_ARG);
    assert_int_equal(ka_pareto_new(NULL, 3, &p), KA_ERR_ARG);
    assert_int_equal(ka_pareto_new(v, COUNT(v), NULL), KA_ERR_ARG);

    p = pareto_of(v, COUNT(v));
    assert_int_equal(ka_pareto_before(NULL, 10, &s), KA_ERR_ARG);
    assert_int_equal(ka_pareto_before(p, 10, NULL), KA_ERR_ARG);
    assert_int_equal(ka_pareto_before(p, NAN, &s), KA_ERR_ARG);
    assert_int_equal(ka_pareto_upto(NULL, 10, &s), KA_ERR_ARG);
    assert_int_equal(ka_pareto_upto(p, 10, NULL), KA_ERR_ARG);
    assert_int_equal(ka_pareto_upto(p, INFINITY, &s), KA_ERR_ARG);

    /* limits: need 0 < LimitA < LimitB <= 1 */
    assert_int_equal(ka_abc_classify(p, 10, 0, 0.95, 0, &cls), KA_ERR_ARG);
    assert_int_equal(ka_abc_classify(p, 10, -0.1, 0.95, 0, &cls), KA_ERR_ARG);
    assert_int_equal(ka_abc_classify(p, 10, 0.9, 0.9, 0, &cls), KA_ERR_ARG);
    assert_int_equal(ka_abc_classify(p, 10, 0.95, 0.8, 0, &cls), KA_ERR_ARG);
    assert_int_equal(ka_abc_classify(p, 10, 0.8, 1.01, 0, &cls), KA_ERR_ARG);
    assert_int_equal(ka_abc_classify(p, 10, NAN, 0.95, 0, &cls), KA_ERR_ARG);
    assert_int_equal(ka_abc_classify(p, 10, 0.8, NAN, 0, &cls), KA_ERR_ARG);
    assert_int_equal(ka_abc_classify(p, 10, 0.8, INFINITY, 0, &cls), KA_ERR_ARG);
    /* rule: 0 or 1 */
    assert_int_equal(ka_abc_classify(p, 10, 0.8, 0.95, 2, &cls), KA_ERR_ARG);
    assert_int_equal(ka_abc_classify(p, 10, 0.8, 0.95, -1, &cls), KA_ERR_ARG);
    /* value, object, result */
    assert_int_equal(ka_abc_classify(p, NAN, 0.8, 0.95, 0, &cls), KA_ERR_ARG);
    assert_int_equal(ka_abc_classify(NULL, 10, 0.8, 0.95, 0, &cls), KA_ERR_ARG);
    assert_int_equal(ka_abc_classify(p, 10, 0.8, 0.95, 0, NULL), KA_ERR_ARG);
    /* invalid limits are an error even for a class that does not need them */
    assert_int_equal(ka_abc_classify(p, -1, 0.9, 0.8, 0, &cls), KA_ERR_ARG);
    ka_pareto_free(p);

    ka_pareto_free(NULL);
    assert_int_equal(ka_pareto_count(NULL), 0);
}

/* ---- SALESSHARE ---- */

static void test_sales_share(void **state)
{
    const double v[] = {85, 10, 5, -20, 0};
    ka_pareto *p = pareto_of(v, COUNT(v));
    KA_ASSERT_NEAR(sales_share(p, 85), 0.85, 1e-15);
    KA_ASSERT_NEAR(sales_share(p, 5), 0.05, 1e-15);
    KA_ASSERT_NEAR(sales_share(p, 0), 0.0, 0);
    KA_ASSERT_NEAR(sales_share(p, -20), -0.2, 1e-15); /* negative v: negative share */
    KA_ASSERT_NEAR(sales_share(p, 50), 0.5, 1e-15);   /* not in Values */
    KA_ASSERT_NEAR(sales_share(p, 300), 3.0, 1e-15);
    ka_pareto_free(p);
}

static void test_sales_share_invalid_arguments(void **state)
{
    const double none[] = {0, -1}, tiny[] = {1e-300};
    double s = 0;
    ka_pareto *p = pareto_of(none, COUNT(none));
    assert_int_equal(ka_sales_share(p, 1, &s), KA_ERR_ARG); /* total 0 */
    ka_pareto_free(p);

    p = pareto_of(tiny, 1);
    assert_int_equal(ka_sales_share(p, 1e308, &s), KA_ERR_ARG); /* 1e608 not representable */
    assert_int_equal(ka_sales_share(p, -1e308, &s), KA_ERR_ARG);
    assert_int_equal(ka_sales_share(p, NAN, &s), KA_ERR_ARG);
    assert_int_equal(ka_sales_share(p, INFINITY, &s), KA_ERR_ARG);
    assert_int_equal(ka_sales_share(p, 1e-300, NULL), KA_ERR_ARG);
    assert_int_equal(ka_sales_share(NULL, 1, &s), KA_ERR_ARG);
    KA_ASSERT_NEAR(s, 0, 0); /* untouched by the failures */
    ka_pareto_free(p);
}

/* ---- DEPENDENCY ---- */

static void test_dependency_default_limits(void **state)
{
    assert_string_equal(dependency(0.6, NULL), "critical");
    assert_string_equal(dependency(0.5, NULL), "high"); /* critical needs s > 0.5 */
    assert_string_equal(dependency(0.45, NULL), "high");
    assert_string_equal(dependency(0.4, NULL), "elevated");
    assert_string_equal(dependency(0.3, NULL), "elevated");
    assert_string_equal(dependency(0.2, NULL), "key");
    assert_string_equal(dependency(0.1, NULL), "key"); /* key needs s >= 0.1 */
    assert_string_equal(dependency(0.0999, NULL), "");
    assert_string_equal(dependency(0, NULL), "");
    assert_string_equal(dependency(-0.3, NULL), "");
    assert_string_equal(dependency(1.5, NULL), "critical");
}

static void test_dependency_tolerance(void **state)
{
    assert_string_equal(dependency(0.5 + 5e-13, NULL), "high");
    assert_string_equal(dependency(0.5 + 2e-12, NULL), "critical");
    assert_string_equal(dependency(0.1 - 5e-13, NULL), "key");
    assert_string_equal(dependency(0.1 - 2e-12, NULL), "");
}

static void test_dependency_custom_limits(void **state)
{
    const double limits[] = {0.05, 0.1, 0.15, 0.3};
    assert_string_equal(dependency(0.31, limits), "critical");
    assert_string_equal(dependency(0.3, limits), "high");
    assert_string_equal(dependency(0.15, limits), "elevated");
    assert_string_equal(dependency(0.1, limits), "key");
    assert_string_equal(dependency(0.05, limits), "key");
    assert_string_equal(dependency(0.04, limits), "");
}

static void test_dependency_of_sales_shares(void **state)
{
    /* DEPENDENCY(Value; Values) = level of SALESSHARE(Value; Values) */
    const double v[] = {50.5, 29.5, 15, 5};
    const char *want[] = {"critical", "elevated", "key", ""};
    ka_pareto *p = pareto_of(v, COUNT(v));
    for (size_t i = 0; i < COUNT(v); i++)
        assert_string_equal(dependency(sales_share(p, v[i]), NULL), want[i]);
    ka_pareto_free(p);
}

static void test_dependency_invalid_arguments(void **state)
{
    const double descending[] = {0.5, 0.4, 0.2, 0.1}, equal[] = {0.1, 0.2, 0.2, 0.5},
                 with_nan[] = {0.1, NAN, 0.4, 0.5}, with_inf[] = {0.1, 0.2, 0.4, INFINITY};
    const char *level = "untouched";
    assert_int_equal(ka_dependency_level(0.3, descending, &level), KA_ERR_ARG);
    assert_int_equal(ka_dependency_level(0.3, equal, &level), KA_ERR_ARG);
    assert_int_equal(ka_dependency_level(0.3, with_nan, &level), KA_ERR_ARG);
    assert_int_equal(ka_dependency_level(0.3, with_inf, &level), KA_ERR_ARG);
    assert_int_equal(ka_dependency_level(NAN, NULL, &level), KA_ERR_ARG);
    assert_int_equal(ka_dependency_level(INFINITY, NULL, &level), KA_ERR_ARG);
    assert_int_equal(ka_dependency_level(0.3, NULL, NULL), KA_ERR_ARG);
    assert_string_equal(level, "untouched");
}

/* ---- CONCENTRATION ---- */

static ka_concentration_measure measure(const char *name)
{
    ka_concentration_measure m = (ka_concentration_measure)-1;
    assert_int_equal(ka_concentration_measure_parse(name, &m), KA_OK);
    return m;
}

static void test_concentration_measure_parse(void **state)
{
    ka_concentration_measure m;
    assert_int_equal(measure("HHI"), KA_CONC_HHI);
    assert_int_equal(measure("hhi"), KA_CONC_HHI);
    assert_int_equal(measure("HhiNorm"), KA_CONC_HHINORM);
    assert_int_equal(measure("N"), KA_CONC_N);
    assert_int_equal(measure("n"), KA_CONC_N);
    assert_int_equal(measure("  Gini "), KA_CONC_GINI);
    assert_int_equal(measure("top20"), KA_CONC_TOP20);
    assert_int_equal(measure(NULL), KA_CONC_HHI);
    assert_int_equal(measure(""), KA_CONC_HHI);
    assert_int_equal(measure("   "), KA_CONC_HHI);

    const char *unknown[] = {"HH", "HHIX", "TOP 20", "top2", "gini2", "x", "HHI NORM", "\tHHI"};
    for (size_t i = 0; i < COUNT(unknown); i++)
        assert_int_equal(ka_concentration_measure_parse(unknown[i], &m), KA_ERR_ARG);
    assert_int_equal(ka_concentration_measure_parse("HHI", NULL), KA_ERR_ARG);
}

static void test_concentration_hand_computed(void **state)
{
    /* positive values 1, 2, 3, 4 (total 10): shares .1 .2 .3 .4;
     * HHI = .01 + .04 + .09 + .16 = .3; HHINORM = (.3 - .25) / .75 = 1/15;
     * GINI = 2 * (1 + 4 + 9 + 16) / (4 * 10) - 5/4 = .25; TOP20 = ceil(.8) = 1 value */
    const double v[] = {4, -5, 0, 1, 3, 2};
    KA_ASSERT_NEAR(concentration(v, COUNT(v), KA_CONC_HHI), 0.3, 1e-15);
    KA_ASSERT_NEAR(concentration(v, COUNT(v), KA_CONC_HHINORM), 1.0 / 15, 1e-15);
    KA_ASSERT_NEAR(concentration(v, COUNT(v), KA_CONC_N), 10.0 / 3, 1e-14);
    KA_ASSERT_NEAR(concentration(v, COUNT(v), KA_CONC_GINI), 0.25, 1e-15);
    KA_ASSERT_NEAR(concentration(v, COUNT(v), KA_CONC_TOP20), 0.4, 1e-15);

    /* 5, 5, 10, 30, 50 (total 100): HHI = .0025 + .0025 + .01 + .09 + .25 = .355;
     * HHINORM = (.355 - .2) / .8 = .19375; N = 1 / .355;
     * GINI = 2 * (5 + 10 + 30 + 120 + 250) / 500 - 6/5 = .46; TOP20 = 1 value = .5 */
    const double w[] = {10, 0, 5, 5, 30, 50};
    KA_ASSERT_NEAR(concentration(w, COUNT(w), KA_CONC_HHI), 0.355, 1e-15);
    KA_ASSERT_NEAR(concentration(w, COUNT(w), KA_CONC_HHINORM), 0.19375, 1e-15);
    KA_ASSERT_NEAR(concentration(w, COUNT(w), KA_CONC_N), 1 / 0.355, 1e-14);
    KA_ASSERT_NEAR(concentration(w, COUNT(w), KA_CONC_GINI), 0.46, 1e-15);
    KA_ASSERT_NEAR(concentration(w, COUNT(w), KA_CONC_TOP20), 0.5, 1e-15);
}

static void test_concentration_equal_clients(void **state)
{
    const double v[] = {3, 3, 3, 3, 3, 3, 3};
    KA_ASSERT_NEAR(concentration(v, COUNT(v), KA_CONC_HHI), 1.0 / 7, 1e-16);
    KA_ASSERT_NEAR(concentration(v, COUNT(v), KA_CONC_HHINORM), 0.0, 0);
    KA_ASSERT_NEAR(concentration(v, COUNT(v), KA_CONC_N), 7.0, 1e-14);
    KA_ASSERT_NEAR(concentration(v, COUNT(v), KA_CONC_GINI), 0.0, 0);
    KA_ASSERT_NEAR(concentration(v, COUNT(v), KA_CONC_TOP20), 2.0 / 7, 1e-16); /* ceil(1.4) */
}

static void test_concentration_single_client(void **state)
{
    const double v[] = {0, 8, -1};
    KA_ASSERT_NEAR(concentration(v, COUNT(v), KA_CONC_HHI), 1.0, 0);
    KA_ASSERT_NEAR(concentration(v, COUNT(v), KA_CONC_HHINORM), 1.0, 0);
    KA_ASSERT_NEAR(concentration(v, COUNT(v), KA_CONC_N), 1.0, 0);
    KA_ASSERT_NEAR(concentration(v, COUNT(v), KA_CONC_GINI), 0.0, 0);
    KA_ASSERT_NEAR(concentration(v, COUNT(v), KA_CONC_TOP20), 1.0, 0);
}

static void test_concentration_top20_rounds_up(void **state)
{
    double v[16];
    for (size_t i = 0; i < COUNT(v); i++)
        v[i] = (double)(i + 1);
    /* n = 15: exactly 3 values, not 4 */
    KA_ASSERT_NEAR(concentration(v, 15, KA_CONC_TOP20), (13 + 14 + 15) / 120.0, 1e-15);
    /* n = 16: ceil(3.2) = 4 values */
    KA_ASSERT_NEAR(concentration(v, 16, KA_CONC_TOP20), (13 + 14 + 15 + 16) / 136.0, 1e-15);
    /* n = 5: one value */
    KA_ASSERT_NEAR(concentration(v, 5, KA_CONC_TOP20), 5 / 15.0, 1e-15);
}

static void test_concentration_huge_and_tiny_magnitudes(void **state)
{
    /* squares of 1e-300 underflow and of 1e300 overflow unscaled */
    const double tiny[] = {3e-300, 1e-300};
    KA_ASSERT_NEAR(concentration(tiny, 2, KA_CONC_HHI), 10.0 / 16, 1e-15);
    const double huge[] = {1e308, 1e308};
    KA_ASSERT_NEAR(concentration(huge, 2, KA_CONC_HHI), 0.5, 0);
    KA_ASSERT_NEAR(concentration(huge, 2, KA_CONC_N), 2.0, 0);
    KA_ASSERT_NEAR(concentration(huge, 2, KA_CONC_TOP20), 0.5, 0);

    const double w[] = {10, 5, 5, 30, 50};
    const double factors[] = {1e300, 1e-300};
    for (size_t f = 0; f < COUNT(factors); f++) {
        double scaled[COUNT(w)];
        for (size_t i = 0; i < COUNT(w); i++)
            scaled[i] = w[i] * factors[f];
        for (int m = KA_CONC_HHI; m <= KA_CONC_TOP20; m++)
            KA_ASSERT_NEAR(concentration(scaled, COUNT(w), m), concentration(w, COUNT(w), m),
                           1e-14);
    }
}

static void test_concentration_invalid_arguments(void **state)
{
    const double v[] = {1, 2, 3}, none[] = {0, -2}, with_nan[] = {1, NAN},
                 with_inf[] = {1, INFINITY};
    double out = 42;
    assert_int_equal(ka_concentration(none, COUNT(none), KA_CONC_HHI, &out), KA_ERR_ARG);
    assert_int_equal(ka_concentration(NULL, 0, KA_CONC_HHI, &out), KA_ERR_ARG);
    assert_int_equal(ka_concentration(with_nan, 2, KA_CONC_GINI, &out), KA_ERR_ARG);
    assert_int_equal(ka_concentration(with_inf, 2, KA_CONC_N, &out), KA_ERR_ARG);
    assert_int_equal(ka_concentration(NULL, 3, KA_CONC_HHI, &out), KA_ERR_ARG);
    assert_int_equal(ka_concentration(v, 3, (ka_concentration_measure)99, &out), KA_ERR_ARG);
    assert_int_equal(ka_concentration(v, 3, (ka_concentration_measure)-1, &out), KA_ERR_ARG);
    assert_int_equal(ka_concentration(v, 3, KA_CONC_HHI, NULL), KA_ERR_ARG);
    KA_ASSERT_NEAR(out, 42, 0);
}

/* ---- XYZCOEF / XYZCLASS ---- */

#define LIMIT_X 0.10
#define LIMIT_Y 0.25

static void test_xyz_coef_population_and_sample(void **state)
{
    /* mean 10; squared deviations 4 + 0 + 4 = 8 */
    const double s[] = {8, 10, 12};
    KA_ASSERT_NEAR(xyz_coef(s, 3, 0), sqrt(8.0 / 3) / 10, 1e-15);
    KA_ASSERT_NEAR(xyz_coef(s, 3, 1), 0.2, 1e-15);

    /* empty months are 0: mean 5, squared deviations 6 * 25 = 150 */
    const double months[] = {0, 10, 0, 10, 0, 10};
    KA_ASSERT_NEAR(xyz_coef(months, 6, 0), 1.0, 1e-15);
    KA_ASSERT_NEAR(xyz_coef(months, 6, 1), sqrt(30.0) / 5, 1e-15);

    const double flat[] = {7, 7, 7, 7};
    KA_ASSERT_NEAR(xyz_coef(flat, 4, 0), 0.0, 0);

    /* a credit note (negative month) with a positive mean: mean 2, deviations 4 + 4 + 16 */
    const double credit[] = {4, 4, -2};
    KA_ASSERT_NEAR(xyz_coef(credit, 3, 0), sqrt(24.0 / 3) / 2, 1e-15);
}

static void test_xyz_classify(void **state)
{
    const double stable[] = {100, 100, 101, 99, 100, 100};
    const double s[] = {8, 10, 12};
    const double months[] = {0, 10, 0, 10, 0, 10};
    assert_int_equal(xyz(stable, COUNT(stable), LIMIT_X, LIMIT_Y, 0), 'X');
    assert_int_equal(xyz(s, 3, LIMIT_X, LIMIT_Y, 0), 'Y'); /* cv .163 */
    assert_int_equal(xyz(s, 3, LIMIT_X, LIMIT_Y, 1), 'Y'); /* cv .2 */
    assert_int_equal(xyz(s, 3, LIMIT_X, 0.18, 0), 'Y');
    assert_int_equal(xyz(s, 3, LIMIT_X, 0.18, 1), 'Z');
    assert_int_equal(xyz(months, 6, LIMIT_X, LIMIT_Y, 0), 'Z');

    /* a mean <= 0 is Z, where XYZCOEF is Err:502 */
    const double zero_mean[] = {-1, 0, 1}, zeros[] = {0, 0, 0}, negative[] = {-5, -3, -4};
    double cv;
    assert_int_equal(xyz(zero_mean, 3, LIMIT_X, LIMIT_Y, 0), 'Z');
    assert_int_equal(xyz(zeros, 3, LIMIT_X, LIMIT_Y, 0), 'Z');
    assert_int_equal(xyz(negative, 3, LIMIT_X, LIMIT_Y, 1), 'Z');
    assert_int_equal(ka_xyz_coef(zero_mean, 3, 0, &cv), KA_ERR_ARG);
    assert_int_equal(ka_xyz_coef(zeros, 3, 0, &cv), KA_ERR_ARG);
    assert_int_equal(ka_xyz_coef(negative, 3, 0, &cv), KA_ERR_ARG);
}

static void test_xyz_cv_exactly_on_a_limit(void **state)
{
    const double on_x[] = {9, 11, 9, 11}; /* population: mean 10, sd 1, cv 0.1 */
    const double on_y[] = {3, 5, 3, 5};   /* population: mean 4, sd 1, cv 0.25 */
    KA_ASSERT_NEAR(xyz_coef(on_x, 4, 0), 0.1, 1e-15);
    assert_int_equal(xyz(on_x, 4, LIMIT_X, LIMIT_Y, 0), 'X');
    assert_int_equal(xyz(on_x, 4, LIMIT_X - 5e-13, LIMIT_Y, 0), 'X');
    assert_int_equal(xyz(on_x, 4, LIMIT_X - 2e-12, LIMIT_Y, 0), 'Y');
    assert_int_equal(xyz(on_y, 4, LIMIT_X, LIMIT_Y, 0), 'Y');
    assert_int_equal(xyz(on_y, 4, LIMIT_X, LIMIT_Y - 2e-12, 0), 'Z');
    /* sample deviation of on_x: sqrt(4/3) / 10 = .115 */
    assert_int_equal(xyz(on_x, 4, LIMIT_X, LIMIT_Y, 1), 'Y');
}

static void test_xyz_huge_and_tiny_magnitudes(void **state)
{
    const double s[] = {8, 10, 12};
    const double factors[] = {1e300, 1e-300, 1e-310};
    for (size_t f = 0; f < COUNT(factors); f++) {
        double scaled[3];
        for (size_t i = 0; i < 3; i++)
            scaled[i] = s[i] * factors[f];
        for (int deviation = 0; deviation <= 1; deviation++) {
            KA_ASSERT_NEAR(xyz_coef(scaled, 3, deviation), xyz_coef(s, 3, deviation), 1e-13);
            assert_int_equal(xyz(scaled, 3, LIMIT_X, LIMIT_Y, deviation), 'Y');
        }
    }
    const double huge[] = {1e308, 1e308, 1e308}; /* the unscaled sum overflows */
    KA_ASSERT_NEAR(xyz_coef(huge, 3, 0), 0.0, 0);
    assert_int_equal(xyz(huge, 3, LIMIT_X, LIMIT_Y, 0), 'X');

    /* a mean that underflows relative to the spread: the cv is not
     * representable, so XYZCOEF is Err:502 and the class is Z */
    const double spread[] = {1, -1, 1e-320};
    double cv;
    assert_int_equal(ka_xyz_coef(spread, 3, 0, &cv), KA_ERR_ARG);
    assert_int_equal(xyz(spread, 3, LIMIT_X, LIMIT_Y, 0), 'Z');
}

/* Rearranges idx[0..n-1] into its next permutation in lexicographic order;
 * returns 0 (idx unchanged) after the last one. */
static int next_permutation(size_t *idx, size_t n)
{
    size_t i = n - 1;
    while (i > 0 && idx[i - 1] >= idx[i])
        i--;
    if (i == 0)
        return 0;
    size_t j = n - 1;
    while (idx[j] <= idx[i - 1])
        j--;
    size_t t = idx[i - 1];
    idx[i - 1] = idx[j];
    idx[j] = t;
    for (size_t a = i, b = n - 1; a < b; a++, b--) {
        t = idx[a];
        idx[a] = idx[b];
        idx[b] = t;
    }
    return 1;
}

/* 1e308 and -1e308 among small values: the compensated sums once depended on
 * the order in their last bits (a fuzzing find); every order of the periods
 * now gives the same bits. */
static void test_xyz_order_independent_to_the_bit(void **state)
{
    const double s[] = {1e308, -1e308, 4.5, 1e300, -7, 2, 0.25};
    enum { N = COUNT(s) };
    size_t idx[N];
    double perm[N], cv0, cv;
    char cls0, cls;
    for (int deviation = 0; deviation <= 1; deviation++) {
        for (size_t i = 0; i < N; i++)
            idx[i] = i;
        assert_int_equal(ka_xyz_coef(s, N, deviation, &cv0), KA_OK);
        assert_true(isfinite(cv0) && cv0 > 1e6);
        assert_int_equal(ka_xyz_classify(s, N, LIMIT_X, LIMIT_Y, deviation, &cls0), KA_OK);
        int perms = 0;
        do {
            for (size_t i = 0; i < N; i++)
                perm[i] = s[idx[i]];
            assert_int_equal(ka_xyz_coef(perm, N, deviation, &cv), KA_OK);
            assert_memory_equal(&cv, &cv0, sizeof cv);
            assert_int_equal(ka_xyz_classify(perm, N, LIMIT_X, LIMIT_Y, deviation, &cls), KA_OK);
            assert_int_equal(cls, cls0);
            perms++;
        } while (next_permutation(idx, N));
        assert_int_equal(perms, 5040);
    }
    /* a long series (sorted off the stack) too */
    double long_series[200], reversed[200];
    for (size_t i = 0; i < 200; i++)
        long_series[i] = i % 3 == 0 ? 1e308 : i % 3 == 1 ? -1e308 : (double)i;
    for (size_t i = 0; i < 200; i++)
        reversed[i] = long_series[199 - i];
    assert_int_equal(ka_xyz_coef(long_series, 200, 0, &cv0), KA_OK);
    assert_int_equal(ka_xyz_coef(reversed, 200, 0, &cv), KA_OK);
    assert_memory_equal(&cv, &cv0, sizeof cv);
}

static void test_xyz_invalid_arguments(void **state)
{
    const double s[] = {8, 10, 12}, with_nan[] = {1, NAN, 2}, with_inf[] = {1, 2, -INFINITY};
    double cv = 42;
    char cls = '?';

    /* XYZCOEF */
    assert_int_equal(ka_xyz_coef(s, 2, 0, &cv), KA_ERR_ARG); /* fewer than 3 periods */
    assert_int_equal(ka_xyz_coef(s, 0, 0, &cv), KA_ERR_ARG);
    assert_int_equal(ka_xyz_coef(s, 3, 2, &cv), KA_ERR_ARG); /* deviation 0 or 1 */
    assert_int_equal(ka_xyz_coef(s, 3, -1, &cv), KA_ERR_ARG);
    assert_int_equal(ka_xyz_coef(with_nan, 3, 0, &cv), KA_ERR_ARG);
    assert_int_equal(ka_xyz_coef(with_inf, 3, 0, &cv), KA_ERR_ARG);
    assert_int_equal(ka_xyz_coef(NULL, 3, 0, &cv), KA_ERR_ARG);
    assert_int_equal(ka_xyz_coef(s, 3, 0, NULL), KA_ERR_ARG);
    KA_ASSERT_NEAR(cv, 42, 0);

    /* XYZCLASS: 0 < LimitX < LimitY, finite */
    assert_int_equal(ka_xyz_classify(s, 3, 0, 0.25, 0, &cls), KA_ERR_ARG);
    assert_int_equal(ka_xyz_classify(s, 3, -0.1, 0.25, 0, &cls), KA_ERR_ARG);
    assert_int_equal(ka_xyz_classify(s, 3, 0.25, 0.25, 0, &cls), KA_ERR_ARG);
    assert_int_equal(ka_xyz_classify(s, 3, 0.3, 0.25, 0, &cls), KA_ERR_ARG);
    assert_int_equal(ka_xyz_classify(s, 3, NAN, 0.25, 0, &cls), KA_ERR_ARG);
    assert_int_equal(ka_xyz_classify(s, 3, 0.1, NAN, 0, &cls), KA_ERR_ARG);
    assert_int_equal(ka_xyz_classify(s, 3, 0.1, INFINITY, 0, &cls), KA_ERR_ARG);
    assert_int_equal(ka_xyz_classify(s, 2, 0.1, 0.25, 0, &cls), KA_ERR_ARG);
    assert_int_equal(ka_xyz_classify(s, 3, 0.1, 0.25, 2, &cls), KA_ERR_ARG);
    assert_int_equal(ka_xyz_classify(with_nan, 3, 0.1, 0.25, 0, &cls), KA_ERR_ARG);
    assert_int_equal(ka_xyz_classify(with_inf, 3, 0.1, 0.25, 0, &cls), KA_ERR_ARG);
    assert_int_equal(ka_xyz_classify(NULL, 3, 0.1, 0.25, 0, &cls), KA_ERR_ARG);
    assert_int_equal(ka_xyz_classify(s, 3, 0.1, 0.25, 0, NULL), KA_ERR_ARG);
    assert_int_equal(cls, '?');
}

/* ---- groups: the same functions within each client's group ---- */

static ka_label label(const char *text)
{
    return (ka_label){text, strlen(text)};
}

static ka_groups *groups_of(const double *values, const ka_label *labels, size_t n)
{
    ka_groups *g = NULL;
    assert_int_equal(ka_groups_new(values, labels, n, &g), KA_OK);
    assert_non_null(g);
    return g;
}

/* The prepared values of the group labelled text. */
static const ka_pareto *group(const ka_groups *g, const char *text)
{
    size_t k = ka_groups_find(g, text, strlen(text));
    assert_true(k < ka_groups_count(g));
    return ka_groups_pareto(g, k);
}

static void test_groups_worked_example_regions(void **state)
{
    /* the regional example of the help: N {85; 10; 5}, S {6; 3; 1} */
    const double v[] = {85, 10, 5, 6, 3, 1};
    const ka_label l[] = {label("N"), label("N"), label("N"), label("S"), label("S"), label("S")};
    ka_groups *g = groups_of(v, l, COUNT(v));
    assert_int_equal(ka_groups_count(g), 2);
    assert_int_equal(ka_groups_rows(g), 6);
    assert_int_equal(ka_groups_find(g, "N", 1), 0); /* ascending by label */
    assert_int_equal(ka_groups_find(g, "S", 1), 1);
    assert_int_equal(ka_groups_find(g, "W", 1), 2); /* no client: count */
    for (size_t i = 0; i < COUNT(v); i++)
        assert_int_equal(ka_groups_of_row(g, i), i < 3 ? 0 : 1);

    const ka_pareto *n = group(g, "N"), *s = group(g, "S");
    assert_classes(n, v, 3, LIMIT_A, LIMIT_B, KA_ABC_CROSSING, "ABC");
    assert_classes(s, v + 3, 3, LIMIT_A, LIMIT_B, KA_ABC_CROSSING, "AAB");
    /* 6 among all six clients is B (before = 95/110), in its region A */
    ka_pareto *all = pareto_of(v, COUNT(v));
    assert_int_equal(abc(all, 6, LIMIT_A, LIMIT_B, KA_ABC_CROSSING), 'B');
    ka_pareto_free(all);
    KA_ASSERT_NEAR(sales_share(s, 6), 0.6, 1e-15);
    KA_ASSERT_NEAR(upto(s, 3), 0.9, 1e-15);
    assert_string_equal(dependency(sales_share(s, 6), NULL), "critical");
    double hhi = NAN;
    assert_int_equal(ka_pareto_concentration(s, KA_CONC_HHI, &hhi), KA_OK);
    KA_ASSERT_NEAR(hhi, 0.46, 1e-15);
    ka_groups_free(g);
}

/* Every query of group k of g gives the bits the ungrouped functions give
 * on that group's values alone. */
static void assert_group_equals_ungrouped(const ka_groups *g, size_t k, const double *values,
                                          const ka_label *labels, size_t n)
{
    static double subset[SHUFFLE_N];
    size_t m = 0;
    for (size_t i = 0; i < n; i++)
        if (ka_groups_of_row(g, i) == k)
            subset[m++] = values[i];
    assert_true(m > 0);
    const ka_pareto *got = ka_groups_pareto(g, k);
    ka_pareto *want = pareto_of(subset, m);
    assert_int_equal(ka_pareto_count(got), ka_pareto_count(want));
    for (size_t i = 0; i < n; i++) { /* every value, also other groups' */
        double v = values[i];
        for (int rule = 0; rule <= 1; rule++)
            assert_int_equal(abc(got, v, 0.7, 0.9, rule), abc(want, v, 0.7, 0.9, rule));
        if (ka_pareto_count(want) == 0) {
            double s;
            assert_int_equal(ka_sales_share(got, v, &s), KA_ERR_ARG);
            assert_int_equal(ka_pareto_upto(got, v, &s), KA_ERR_ARG);
            continue;
        }
        assert_bits_equal(before(got, v), before(want, v));
        assert_bits_equal(upto(got, v), upto(want, v));
        assert_bits_equal(sales_share(got, v), sales_share(want, v));
    }
    for (int c = KA_CONC_HHI; c <= KA_CONC_TOP20; c++) {
        double a = NAN, b = NAN;
        ka_status sa = ka_pareto_concentration(got, c, &a);
        ka_status sb = ka_concentration(subset, m, c, &b);
        assert_int_equal(sa, sb);
        if (sa == KA_OK)
            assert_bits_equal(a, b);
    }
    ka_pareto_free(want);
}

static const char *const RANDOM_LABELS[] = {"North",  "north", "",  "1", "South-East",
                                            "Zürich", "Kyiv",  "a", "ab"};

/* n random values (ties, zeros, negatives, inexact sums) with labels. */
static void random_clients(uint64_t seed, double *v, ka_label *l, size_t n, size_t n_labels)
{
    for (size_t i = 0; i < n; i++) {
        uint64_t r = lcg_next(&seed);
        v[i] = r % 11 == 0 ? 0.0 : r % 13 == 0 ? -2.5 : (double)(r % 97) * 0.37 + 0.01;
        l[i] = label(RANDOM_LABELS[lcg_next(&seed) % n_labels]);
    }
}

static void test_groups_equal_ungrouped_on_random_data(void **state)
{
    static double v[SHUFFLE_N];
    static ka_label l[SHUFFLE_N];
    const uint64_t seeds[] = {3, 77, 1234567};
    for (size_t s = 0; s < COUNT(seeds); s++) {
        random_clients(seeds[s], v, l, SHUFFLE_N, COUNT(RANDOM_LABELS));
        ka_groups *g = groups_of(v, l, SHUFFLE_N);
        assert_int_equal(ka_groups_count(g), COUNT(RANDOM_LABELS));
        for (size_t k = 0; k < ka_groups_count(g); k++)
            assert_group_equals_ungrouped(g, k, v, l, SHUFFLE_N);
        /* each row is in the group of its own label */
        for (size_t i = 0; i < SHUFFLE_N; i++)
            assert_int_equal(ka_groups_of_row(g, i), ka_groups_find(g, l[i].text, l[i].len));
        ka_groups_free(g);
    }
}

static void test_groups_row_order_independence(void **state)
{
    static double v[SHUFFLE_N], sv[SHUFFLE_N];
    static ka_label l[SHUFFLE_N], sl[SHUFFLE_N];
    static size_t order[SHUFFLE_N];
    random_clients(11, v, l, SHUFFLE_N, COUNT(RANDOM_LABELS));
    ka_groups *ref = groups_of(v, l, SHUFFLE_N);
    uint64_t seed = 5;
    for (size_t i = 0; i < SHUFFLE_N; i++)
        order[i] = i;
    for (size_t i = SHUFFLE_N - 1; i > 0; i--) {
        size_t j = (size_t)(lcg_next(&seed) % (i + 1)), t = order[i];
        order[i] = order[j];
        order[j] = t;
    }
    for (size_t i = 0; i < SHUFFLE_N; i++) {
        sv[i] = v[order[i]];
        sl[i] = l[order[i]];
    }
    ka_groups *g = groups_of(sv, sl, SHUFFLE_N);
    assert_int_equal(ka_groups_count(g), ka_groups_count(ref));
    for (size_t i = 0; i < SHUFFLE_N; i++) {
        const ka_pareto *a = ka_groups_pareto(g, ka_groups_of_row(g, i));
        const ka_pareto *b = ka_groups_pareto(ref, ka_groups_of_row(ref, order[i]));
        assert_int_equal(ka_groups_of_row(g, i), ka_groups_of_row(ref, order[i]));
        assert_int_equal(abc(a, sv[i], LIMIT_A, LIMIT_B, 0), abc(b, sv[i], LIMIT_A, LIMIT_B, 0));
        assert_bits_equal(upto(a, sv[i]), upto(b, sv[i]));
        assert_bits_equal(sales_share(a, sv[i]), sales_share(b, sv[i]));
    }
    ka_groups_free(g);
    ka_groups_free(ref);
}

static void test_groups_one_group_is_the_ungrouped_function(void **state)
{
    static double v[SHUFFLE_N];
    static ka_label l[SHUFFLE_N];
    random_clients(9, v, l, SHUFFLE_N, 1);
    ka_groups *g = groups_of(v, l, SHUFFLE_N);
    assert_int_equal(ka_groups_count(g), 1);
    assert_group_equals_ungrouped(g, 0, v, l, SHUFFLE_N);
    ka_groups_free(g);
}

static void test_groups_empty_label_and_unknown_label(void **state)
{
    /* an empty cell is the group "" (text NULL or "" alike); a label no
     * client has is a group without values */
    const double v[] = {10, 30, 60, 5};
    const ka_label l[] = {{NULL, 0}, label(""), label("x"), {NULL, 0}};
    ka_groups *g = groups_of(v, l, COUNT(v));
    assert_int_equal(ka_groups_count(g), 2);
    const ka_pareto *empty = group(g, "");
    assert_int_equal(ka_groups_find(g, NULL, 0), ka_groups_find(g, "", 0));
    assert_int_equal(ka_pareto_count(empty), 3);
    KA_ASSERT_NEAR(sales_share(empty, 30), 30.0 / 45.0, 1e-15);

    size_t none = ka_groups_find(g, "y", 1);
    assert_int_equal(none, ka_groups_count(g));
    const ka_pareto *p = ka_groups_pareto(g, none);
    assert_non_null(p);
    assert_no_positive_value(p);
    assert_int_equal(abc(p, 50, LIMIT_A, LIMIT_B, 0), 'C');
    double out;
    assert_int_equal(ka_pareto_concentration(p, KA_CONC_HHI, &out), KA_ERR_ARG);
    assert_null(ka_groups_pareto(g, none + 1));
    ka_groups_free(g);
}

static void test_groups_labels_compare_by_bytes(void **state)
{
    /* case, prefixes and an embedded NUL byte all make different groups */
    const double v[] = {1, 2, 3, 4, 5, 6};
    const ka_label l[] = {label("North"), label("north"), label("a"),
                          label("ab"),    {"a\0b", 3},    label("North")};
    ka_groups *g = groups_of(v, l, COUNT(v));
    assert_int_equal(ka_groups_count(g), 5);
    assert_int_equal(ka_pareto_count(group(g, "North")), 2);
    assert_int_equal(ka_pareto_count(ka_groups_pareto(g, ka_groups_find(g, "a\0b", 3))), 1);
    assert_int_equal(ka_groups_of_row(g, 0), ka_groups_of_row(g, 5));
    assert_int_not_equal(ka_groups_of_row(g, 2), ka_groups_of_row(g, 4));
    ka_groups_free(g);
}

static void test_groups_single_client_and_nonpositive_groups(void **state)
{
    const double v[] = {7, 0, -3, 2e300, 1e-300};
    const ka_label l[] = {label("a"), label("b"), label("b"), label("c"), label("c")};
    ka_groups *g = groups_of(v, l, COUNT(v));
    const ka_pareto *a = group(g, "a"), *b = group(g, "b"), *c = group(g, "c");
    assert_int_equal(abc(a, 7, LIMIT_A, LIMIT_B, 0), 'A');
    KA_ASSERT_NEAR(sales_share(a, 7), 1.0, 0);
    double hhi;
    assert_int_equal(ka_pareto_concentration(a, KA_CONC_HHI, &hhi), KA_OK);
    KA_ASSERT_NEAR(hhi, 1.0, 0);
    /* a group of zeros and negatives: every client C, no share */
    assert_no_positive_value(b);
    assert_int_equal(abc(b, 0, LIMIT_A, LIMIT_B, 0), 'C');
    /* magnitudes from 1e-300 to 1e300 in one group stay finite */
    KA_ASSERT_NEAR(sales_share(c, 2e300), 1.0, 1e-15);
    assert_true(sales_share(c, 1e-300) >= 0);
    ka_groups_free(g);
}

static void test_groups_invalid_arguments(void **state)
{
    const double v[] = {1, 2};
    const ka_label l[] = {label("a"), label("b")};
    ka_groups *g = (ka_groups *)1;
    assert_int_equal(ka_groups_new(v, l, 2, NULL), KA_ERR_ARG);
    assert_int_equal(ka_groups_new(NULL, l, 2, &g), KA_ERR_ARG);
    assert_null(g);
    assert_int_equal(ka_groups_new(v, NULL, 2, &g), KA_ERR_ARG);
    const ka_label bad[] = {label("a"), {NULL, 2}};
    assert_int_equal(ka_groups_new(v, bad, 2, &g), KA_ERR_ARG);
    const double nan[] = {1, NAN}, inf[] = {INFINITY, 1};
    assert_int_equal(ka_groups_new(nan, l, 2, &g), KA_ERR_ARG);
    assert_int_equal(ka_groups_new(inf, l, 2, &g), KA_ERR_ARG);
    assert_null(g);
    /* no rows: no group, and every label names a group without values */
    g = groups_of(NULL, NULL, 0);
    assert_int_equal(ka_groups_count(g), 0);
    assert_int_equal(ka_groups_find(g, "a", 1), 0);
    assert_no_positive_value(ka_groups_pareto(g, 0));
    ka_groups_free(g);
    ka_groups_free(NULL);
    assert_int_equal(ka_groups_count(NULL), 0);
    assert_int_equal(ka_groups_rows(NULL), 0);
    assert_null(ka_groups_pareto(NULL, 0));

    double out;
    ka_pareto *p = pareto_of(v, 2);
    assert_int_equal(ka_pareto_concentration(NULL, KA_CONC_HHI, &out), KA_ERR_ARG);
    assert_int_equal(ka_pareto_concentration(p, KA_CONC_HHI, NULL), KA_ERR_ARG);
    assert_int_equal(ka_pareto_concentration(p, (ka_concentration_measure)99, &out), KA_ERR_ARG);
    ka_pareto_free(p);
}

/* ---- PARETOCURVE ---- */

/* The contract's example: {10;40;20;30} gives 40, 30, 20, 10 with
 * cumulative shares 0.4, 0.7, 0.9, 1 and client shares 0.25 .. 1. */
static void test_curve_worked_example(void **state)
{
    const double v[] = {10, 40, 20, 30};
    size_t order[4];
    ka_curve_point p[4];
    assert_int_equal(ka_pareto_curve_rows(4, 200), 4);
    assert_int_equal(ka_pareto_curve(v, 4, 200, order, p), KA_OK);
    const size_t want_order[] = {1, 3, 2, 0};
    const double want_share[] = {0.4, 0.7, 0.9, 1.0};
    for (size_t k = 0; k < 4; k++) {
        assert_int_equal(order[k], want_order[k]);
        assert_int_equal(p[k].first, k);
        assert_int_equal(p[k].last, k);
        KA_ASSERT_NEAR(p[k].value, v[want_order[k]], 0);
        KA_ASSERT_NEAR(p[k].share, want_share[k], 1e-15);
        KA_ASSERT_NEAR(p[k].clients, (double)(k + 1) / 4, 0);
    }
}

/* Equal values keep the order of their index; values <= 0 come last and
 * add nothing: the share stays 1 after the last positive client. */
static void test_curve_ties_and_nonpositive(void **state)
{
    const double v[] = {5, -2, 5, 0, 10};
    size_t order[5];
    ka_curve_point p[5];
    assert_int_equal(ka_pareto_curve(v, 5, 200, order, p), KA_OK);
    const size_t want[] = {4, 0, 2, 3, 1};
    for (size_t k = 0; k < 5; k++)
        assert_int_equal(order[k], want[k]);
    KA_ASSERT_NEAR(p[0].share, 0.5, 1e-15);
    KA_ASSERT_NEAR(p[2].share, 1.0, 0);
    KA_ASSERT_NEAR(p[3].share, 1.0, 0);
    KA_ASSERT_NEAR(p[4].value, -2, 0);
    KA_ASSERT_NEAR(p[4].share, 1.0, 0);
}

/* Above MaxPoints: the first MaxPoints / 2 clients one by one, then blocks
 * of nearly equal size ending at ceil-spaced ranks, the last one at n. */
static void test_curve_percentile_blocks(void **state)
{
    enum { N = 1000, MAX = 10 };
    double v[N];
    for (size_t i = 0; i < N; i++)
        v[i] = (double)(i + 1);
    size_t order[N];
    ka_curve_point p[MAX];
    assert_int_equal(ka_pareto_curve_rows(N, MAX), MAX);
    assert_int_equal(ka_pareto_curve(v, N, MAX, order, p), KA_OK);
    for (size_t k = 0; k < 5; k++) {
        assert_int_equal(p[k].first, k);
        KA_ASSERT_NEAR(p[k].value, (double)(N - k), 0);
    }
    const size_t last[] = {203, 402, 601, 800, 999};
    for (size_t b = 0; b < 5; b++) {
        assert_int_equal(p[5 + b].last, last[b]);
        assert_int_equal(p[5 + b].first, b == 0 ? 5 : last[b - 1] + 1);
    }
    KA_ASSERT_NEAR(p[9].value, 100.0, 1e-12); /* ranks 801-999: 199 .. 1 */
    KA_ASSERT_NEAR(p[9].share, 1.0, 0);
    KA_ASSERT_NEAR(p[9].clients, 1.0, 0);
    /* the share at a block's end is the share of its last client */
    double upto = 0;
    for (size_t i = 0; i <= 203; i++)
        upto += (double)(N - i);
    KA_ASSERT_NEAR(p[5].share, upto / (N * (N + 1) / 2.0), 1e-14);
    /* one point: one block of every client */
    ka_curve_point one;
    assert_int_equal(ka_pareto_curve(v, N, 1, order, &one), KA_OK);
    assert_int_equal(one.first, 0);
    assert_int_equal(one.last, N - 1);
    KA_ASSERT_NEAR(one.value, 500.5, 1e-12);
}

/* Magnitudes far apart neither overflow nor lose the small clients' order. */
static void test_curve_huge_and_tiny(void **state)
{
    const double v[] = {1e308, 1e-300, 1e308};
    size_t order[3];
    ka_curve_point p[3];
    assert_int_equal(ka_pareto_curve(v, 3, 200, order, p), KA_OK);
    KA_ASSERT_NEAR(p[0].share, 0.5, 1e-15);
    KA_ASSERT_NEAR(p[1].share, 1.0, 1e-15);
    assert_int_equal(order[2], 1);
    for (size_t k = 0; k < 3; k++)
        assert_true(isfinite(p[k].share) && isfinite(p[k].value));
}

static void test_curve_invalid_arguments(void **state)
{
    const double none[] = {0, -1};
    const double bad[] = {1, NAN};
    size_t order[2];
    ka_curve_point p[2];
    assert_int_equal(ka_pareto_curve(none, 2, 200, order, p), KA_ERR_ARG);
    assert_int_equal(ka_pareto_curve(bad, 2, 200, order, p), KA_ERR_ARG);
    assert_int_equal(ka_pareto_curve(none, 0, 200, order, p), KA_ERR_ARG);
    assert_int_equal(ka_pareto_curve(bad, 1, 0, order, p), KA_ERR_ARG);
    assert_int_equal(ka_pareto_curve(NULL, 1, 200, order, p), KA_ERR_ARG);
    assert_int_equal(ka_pareto_curve(bad, 1, 200, NULL, p), KA_ERR_ARG);
}

int main(void)
{
    const struct CMUnitTest tests[] = {
        cmocka_unit_test(test_abc_worked_example_85_10_5),
        cmocka_unit_test(test_abc_worked_example_40_20_20_10_10),
        cmocka_unit_test(test_abc_ties_get_the_same_class),
        cmocka_unit_test(test_abc_negative_and_zero_values),
        cmocka_unit_test(test_abc_value_not_in_values),
        cmocka_unit_test(test_abc_single_client),
        cmocka_unit_test(test_abc_empty_input),
        cmocka_unit_test(test_abc_no_positive_value),
        cmocka_unit_test(test_abc_share_within_tolerance_of_limit),
        cmocka_unit_test(test_abc_huge_and_tiny_magnitudes),
        cmocka_unit_test(test_abc_row_order_independence),
        cmocka_unit_test(test_pareto_invalid_arguments),
        cmocka_unit_test(test_sales_share),
        cmocka_unit_test(test_sales_share_invalid_arguments),
        cmocka_unit_test(test_dependency_default_limits),
        cmocka_unit_test(test_dependency_tolerance),
        cmocka_unit_test(test_dependency_custom_limits),
        cmocka_unit_test(test_dependency_of_sales_shares),
        cmocka_unit_test(test_dependency_invalid_arguments),
        cmocka_unit_test(test_concentration_measure_parse),
        cmocka_unit_test(test_concentration_hand_computed),
        cmocka_unit_test(test_concentration_equal_clients),
        cmocka_unit_test(test_concentration_single_client),
        cmocka_unit_test(test_concentration_top20_rounds_up),
        cmocka_unit_test(test_concentration_huge_and_tiny_magnitudes),
        cmocka_unit_test(test_concentration_invalid_arguments),
        cmocka_unit_test(test_xyz_coef_population_and_sample),
        cmocka_unit_test(test_xyz_classify),
        cmocka_unit_test(test_xyz_cv_exactly_on_a_limit),
        cmocka_unit_test(test_xyz_huge_and_tiny_magnitudes),
        cmocka_unit_test(test_xyz_order_independent_to_the_bit),
        cmocka_unit_test(test_xyz_invalid_arguments),
        cmocka_unit_test(test_groups_worked_example_regions),
        cmocka_unit_test(test_groups_equal_ungrouped_on_random_data),
        cmocka_unit_test(test_groups_row_order_independence),
        cmocka_unit_test(test_groups_one_group_is_the_ungrouped_function),
        cmocka_unit_test(test_groups_empty_label_and_unknown_label),
        cmocka_unit_test(test_groups_labels_compare_by_bytes),
        cmocka_unit_test(test_groups_single_client_and_nonpositive_groups),
        cmocka_unit_test(test_groups_invalid_arguments),
        cmocka_unit_test(test_curve_worked_example),
        cmocka_unit_test(test_curve_ties_and_nonpositive),
        cmocka_unit_test(test_curve_percentile_blocks),
        cmocka_unit_test(test_curve_huge_and_tiny),
        cmocka_unit_test(test_curve_invalid_arguments),
    };
    return cmocka_run_group_tests(tests, NULL, NULL);
}
