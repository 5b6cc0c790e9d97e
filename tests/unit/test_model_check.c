/* test_model_check.c - the model check (REPEATCHECK) and the P(alive) grid
 * (PALIVEGRID): P(X(t) = k) against lifetimes' formula, the note of Fader,
 * Hardie & Lee (2006) and quadrature (mpmath, 30 digits), against a
 * simulation, the CDNOW histogram, order independence, invalid input. */
#include "ka_test.h"

#include <string.h>

#include "ka_model_check.h"

static const ka_bgnbd_params CDNOW_BG = {0.2426, 4.4135, 0.7929, 2.4258};
static const ka_bgnbd_params CDNOW_MBG = {0.525, 6.183, 0.891, 1.614};
static const ka_bgnbd_params CDNOW_PNBD = {0.553, 10.578, 0.606, 11.669};

/* P(X(38.86) = k), k = 0..6, and P(X >= 7): lifetimes' BetaGeoFitter and
 * ModifiedBetaGeoFitter probability_of_n_purchases_up_to_time evaluated in
 * mpmath; Pareto/NBD by FHL's 2006 note (2F1 form) and by quadrature of the
 * lifetime, which agree to 1e-16. */
static const double REF[3][8] = {
    {0.574747280266451, 0.199125090612697, 0.0852555919158223, 0.0457437941060668,
     0.0275890246764549, 0.0179047017954275, 0.0122227091205896, 0.0374118075064915},
    {0.582842977915207, 0.182776219200412, 0.08684909343579, 0.0485228146813892, 0.0297316894143538,
     0.019351064523834, 0.0131435250189174, 0.0367826158100968},
    {0.593898829946548, 0.165623506415917, 0.0824884410914797, 0.0490168920116559,
     0.0316629038099423, 0.0214493857765807, 0.0149766903453832, 0.0408833506024942}};

static void test_count_probs_reference(void **state)
{
    (void)state;
    const ka_bgnbd_params *p[3] = {&CDNOW_BG, &CDNOW_MBG, &CDNOW_PNBD};
    for (int m = 0; m < 3; m++) {
        double probs[8], sum = 0;
        assert_int_equal(ka_model_check_count_probs(p[m], (ka_model)m, 38.86, 7, probs), KA_OK);
        for (int k = 0; k < 8; k++) {
            KA_ASSERT_NEAR(probs[k], REF[m][k], 1e-13);
            sum += probs[k];
        }
        KA_ASSERT_NEAR(sum, 1.0, 1e-15);
    }
}

/* t = 0: no purchase yet, except MBG/NBD's does not matter either: 1, 0 ... */
static void test_count_probs_edges(void **state)
{
    (void)state;
    double probs[KA_MODEL_CHECK_MAX_COUNT + 1];
    for (int m = 0; m < 3; m++) {
        assert_int_equal(ka_model_check_count_probs(&CDNOW_BG, (ka_model)m, 0, 3, probs), KA_OK);
        KA_ASSERT_NEAR(probs[0], 1.0, 1e-15);
        KA_ASSERT_NEAR(probs[1] + probs[2] + probs[3], 0.0, 1e-15);
        /* a very long time and many counts: still probabilities summing to 1 */
        assert_int_equal(ka_model_check_count_probs(&CDNOW_PNBD, (ka_model)m, 1e7,
                                                    KA_MODEL_CHECK_MAX_COUNT, probs),
                         KA_OK);
        double sum = 0;
        for (int k = 0; k <= KA_MODEL_CHECK_MAX_COUNT; k++) {
            assert_true(probs[k] >= 0 && probs[k] <= 1);
            sum += probs[k];
        }
        KA_ASSERT_NEAR(sum, 1.0, 1e-9);
    }
    /* r in the thousands (nearly Poisson): finite, the mode near r t / alpha = 10 */
    const ka_bgnbd_params poisson = {5000, 500, 0.5, 1e6};
    assert_int_equal(ka_model_check_count_probs(&poisson, KA_MODEL_BGNBD, 1, 20, probs), KA_OK);
    assert_true(probs[10] > probs[5] && probs[10] > probs[15]);
    KA_ASSERT_NEAR(probs[10], 0.12511, 1e-3); /* Poisson(10) at 10 */
}

static void test_count_probs_invalid(void **state)
{
    (void)state;
    double probs[8];
    const ka_bgnbd_params bad = {0.2, -1, 1, 1};
    assert_int_equal(ka_model_check_count_probs(&bad, KA_MODEL_BGNBD, 1, 7, probs), KA_ERR_ARG);
    assert_int_equal(ka_model_check_count_probs(&CDNOW_BG, (ka_model)3, 1, 7, probs), KA_ERR_ARG);
    assert_int_equal(ka_model_check_count_probs(&CDNOW_BG, KA_MODEL_BGNBD, -1, 7, probs),
                     KA_ERR_ARG);
    assert_int_equal(ka_model_check_count_probs(&CDNOW_BG, KA_MODEL_BGNBD, NAN, 7, probs),
                     KA_ERR_ARG);
    assert_int_equal(ka_model_check_count_probs(&CDNOW_BG, KA_MODEL_BGNBD, 1, 0, probs),
                     KA_ERR_ARG);
    assert_int_equal(ka_model_check_count_probs(&CDNOW_BG, KA_MODEL_BGNBD, 1, 101, probs),
                     KA_ERR_ARG);
    assert_int_equal(ka_model_check_count_probs(&CDNOW_BG, KA_MODEL_BGNBD, 1, 7, NULL), KA_ERR_ARG);
}

/* ---- a simulation of the three models ---- */

static uint64_t rng_state = 0x9e3779b97f4a7c15u;

static double uniform(void) /* in (0, 1) */
{
    rng_state ^= rng_state << 13;
    rng_state ^= rng_state >> 7;
    rng_state ^= rng_state << 17;
    return ((double)(rng_state >> 11) + 0.5) / 9007199254740992.0;
}

static double normal(void)
{
    return sqrt(-2 * log(uniform())) * cos(6.283185307179586 * uniform());
}

/* Gamma(shape, 1) by Marsaglia and Tsang (shape < 1 boosted). */
static double gamma_draw(double shape)
{
    if (shape < 1)
        return gamma_draw(shape + 1) * pow(uniform(), 1 / shape);
    const double d = shape - 1.0 / 3, c = 1 / sqrt(9 * d);
    for (;;) {
        double z = normal(), v = 1 + c * z;
        if (v <= 0)
            continue;
        v = v * v * v;
        if (log(uniform()) < 0.5 * z * z + d - d * v + d * log(v))
            return d * v;
    }
}

/* Repeat purchases of one simulated client in (0, T]. */
static int simulate(const ka_bgnbd_params *p, ka_model model, double T)
{
    const double lambda = gamma_draw(p->r) / p->alpha;
    double t = 0, lifetime = INFINITY, dropout = 0;
    if (model == KA_MODEL_PNBD) {
        lifetime = -log(uniform()) / (gamma_draw(p->a) / p->b);
    } else {
        const double g = gamma_draw(p->a);
        dropout = g / (g + gamma_draw(p->b));
        if (model == KA_MODEL_MBGNBD && uniform() < dropout)
            return 0;
    }
    for (int x = 0;; x++) {
        t += -log(uniform()) / lambda;
        if (t > T || t > lifetime)
            return x;
        if (model != KA_MODEL_PNBD && uniform() < dropout)
            return x + 1;
    }
}

/* 200,000 simulated clients of ages 10 .. 50: every count's share within
 * four standard errors of the expected one. */
static void test_repeats_simulation(void **state)
{
    (void)state;
    enum { N = 200000, K = 7 };
    static double x[N], T[N];
    const ka_bgnbd_params *p[3] = {&CDNOW_BG, &CDNOW_MBG, &CDNOW_PNBD};
    for (int m = 0; m < 3; m++) {
        for (int i = 0; i < N; i++) {
            T[i] = 10 + i % 41;
            x[i] = simulate(p[m], (ka_model)m, T[i]);
        }
        double actual[K + 1], expected[K + 1];
        assert_int_equal(ka_model_check_repeats(p[m], (ka_model)m, x, T, N, K, actual, expected),
                         KA_OK);
        double total = 0;
        for (int k = 0; k <= K; k++) {
            const double q = expected[k] / N, se = sqrt(N * q * (1 - q));
            if (!(fabs(actual[k] - expected[k]) <= 4 * se))
                fail_msg("model %d, count %d: %g simulated, %g expected", m, k, actual[k],
                         expected[k]);
            total += expected[k];
        }
        KA_ASSERT_NEAR(total, N, 1e-6);
    }
}

/* CDNOW (2,357 clients, weeks) with its BG/NBD fit: the actual histogram
 * of the calibration period and the expected one, which adds up to the
 * clients; the same bits for the input reversed. */
static void test_repeats_cdnow(void **state)
{
    (void)state;
    enum { N = 2357 };
    static double x[N], t_x[N], T[N], xr[N], Tr[N];
    FILE *f = fopen(ka_test_data_path("cdnow_customers_summary.csv"), "r");
    assert_non_null(f);
    char line[128];
    int n = 0;
    while (fgets(line, sizeof line, f))
        if (n < N && sscanf(line, "%*d,%lf,%lf,%lf", &x[n], &t_x[n], &T[n]) == 3)
            n++;
    fclose(f);
    assert_int_equal(n, N);
    ka_bgnbd_params p;
    assert_int_equal(ka_bgnbd_fit(x, t_x, T, N, KA_MODEL_BGNBD, &p, NULL), KA_OK);
    double actual[8], expected[8], actual_r[8], expected_r[8];
    assert_int_equal(ka_model_check_repeats(&p, KA_MODEL_BGNBD, x, T, N, 7, actual, expected),
                     KA_OK);
    const double want[8] = {1411, 439, 214, 100, 62, 38, 29, 64};
    double total = 0;
    for (int k = 0; k < 8; k++) {
        KA_ASSERT_NEAR(actual[k], want[k], 0);
        total += expected[k];
    }
    KA_ASSERT_NEAR(total, N, 1e-9);
    /* the model's histogram as docs/churn.md gives it */
    const double model[8] = {1407.68, 460.32, 192.46, 101.16, 59.85, 38.12, 25.55, 71.85};
    for (int k = 0; k < 8; k++)
        KA_ASSERT_NEAR(expected[k], model[k], 0.005);
    for (int i = 0; i < N; i++) {
        xr[i] = x[N - 1 - i];
        Tr[i] = T[N - 1 - i];
    }
    assert_int_equal(ka_model_check_repeats(&p, KA_MODEL_BGNBD, xr, Tr, N, 7, actual_r, expected_r),
                     KA_OK);
    assert_memory_equal(expected, expected_r, sizeof expected);
    assert_memory_equal(actual, actual_r, sizeof actual);
}

static void test_repeats_invalid(void **state)
{
    (void)state;
    double a[8], e[8];
    const double x[2] = {1, 2}, T[2] = {5, 5}, bad_x[2] = {1.5, 2}, bad_T[2] = {5, -1};
    assert_int_equal(ka_model_check_repeats(&CDNOW_BG, KA_MODEL_BGNBD, x, T, 0, 7, a, e),
                     KA_ERR_ARG);
    assert_int_equal(ka_model_check_repeats(&CDNOW_BG, KA_MODEL_BGNBD, bad_x, T, 2, 7, a, e),
                     KA_ERR_ARG);
    assert_int_equal(ka_model_check_repeats(&CDNOW_BG, KA_MODEL_BGNBD, x, bad_T, 2, 7, a, e),
                     KA_ERR_ARG);
    assert_int_equal(ka_model_check_repeats(&CDNOW_BG, KA_MODEL_BGNBD, x, T, 2, 0, a, e),
                     KA_ERR_ARG);
    /* x >= MaxCount go to the last count */
    assert_int_equal(ka_model_check_repeats(&CDNOW_BG, KA_MODEL_BGNBD, x, T, 2, 1, a, e), KA_OK);
    KA_ASSERT_NEAR(a[0], 0, 0);
    KA_ASSERT_NEAR(a[1], 2, 0);
}

/* ---- PALIVEGRID ---- */

static void test_palive_grid(void **state)
{
    (void)state;
    double rec[5], grid[15];
    unsigned char def[15];
    for (int m = 0; m < 3; m++) {
        assert_int_equal(
            ka_model_check_palive_grid(&CDNOW_PNBD, (ka_model)m, 40, 2, 4, rec, grid, def), KA_OK);
        for (int j = 0; j < 5; j++)
            KA_ASSERT_NEAR(rec[j], 10.0 * j, 0);
        for (int x = 0; x <= 2; x++)
            for (int j = 0; j <= 4; j++) {
                assert_int_equal(def[x * 5 + j], x > 0 || j == 0);
                if (!def[x * 5 + j])
                    continue;
                double want;
                assert_int_equal(ka_bgnbd_palive(&CDNOW_PNBD, (ka_model)m, x, rec[j], 40, &want),
                                 KA_OK);
                KA_ASSERT_NEAR(grid[x * 5 + j], want, 0);
            }
    }
    /* the help's example: BG/NBD, Frequency 2, Recency 30 of 40 */
    assert_int_equal(
        ka_model_check_palive_grid(&CDNOW_BG, KA_MODEL_BGNBD, 40, 2, 4, rec, grid, def), KA_OK);
    KA_ASSERT_NEAR(grid[2 * 5 + 3], 0.7092, 5e-5);
    assert_int_equal(ka_model_check_palive_grid(&CDNOW_BG, KA_MODEL_BGNBD, 0, 2, 4, rec, grid, def),
                     KA_ERR_ARG);
    assert_int_equal(
        ka_model_check_palive_grid(&CDNOW_BG, KA_MODEL_BGNBD, 40, 2, 0, rec, grid, def),
        KA_ERR_ARG);
    assert_int_equal(
        ka_model_check_palive_grid(&CDNOW_BG, KA_MODEL_BGNBD, 40, 1001, 4, rec, grid, def),
        KA_ERR_ARG);
    assert_int_equal(
        ka_model_check_palive_grid(&CDNOW_BG, KA_MODEL_BGNBD, INFINITY, 2, 4, rec, grid, def),
        KA_ERR_ARG);
}

int main(void)
{
    const struct CMUnitTest tests[] = {
        cmocka_unit_test(test_count_probs_reference), cmocka_unit_test(test_count_probs_edges),
        cmocka_unit_test(test_count_probs_invalid),   cmocka_unit_test(test_repeats_simulation),
        cmocka_unit_test(test_repeats_cdnow),         cmocka_unit_test(test_repeats_invalid),
        cmocka_unit_test(test_palive_grid),
    };
    return cmocka_run_group_tests(tests, NULL, NULL);
}
