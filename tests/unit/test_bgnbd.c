/* test_bgnbd.c - BG/NBD, MBG/NBD and Pareto/NBD: the contract's CDNOW
 * figures, large x, determinism, degenerate data and invalid input.
 * Reference values marked "mpmath" are the lifetimes formulas evaluated with
 * mpmath at 50 digits; those marked "pnbd_reference.py" are printed by
 * tests/unit/pnbd_reference.py (Fader, Hardie & Lee's Pareto/NBD note with
 * mpmath.hyp2f1 at 50 digits, cross-checked by quadrature). */
#include "ka_test.h"

#include <float.h>
#include <stdbool.h>
#include <string.h>

#include "ka_bgnbd.h"

#define CDNOW_N 2357

typedef struct cdnow {
    double x[CDNOW_N], t_x[CDNOW_N], T[CDNOW_N];
} cdnow;

/* tests/data/cdnow_customers_summary.csv: ID,frequency,recency,T (weeks) */
static int cdnow_load(void **state)
{
    cdnow *d = calloc(1, sizeof *d);
    FILE *f = fopen(ka_test_data_path("cdnow_customers_summary.csv"), "r");
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
        if (sscanf(line, "%d,%lf,%lf,%lf", &id, &d->x[n], &d->t_x[n], &d->T[n]) == 4)
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

/* the CDNOW BG/NBD fit as the contract prints it, and at full precision */
static const ka_bgnbd_params cdnow_bg = {0.2426, 4.4135, 0.7929, 2.4258};
static const ka_bgnbd_params cdnow_bg_full = {0.242593, 4.413532, 0.792886, 2.425753};
static const ka_bgnbd_params cdnow_mbg = {0.525, 6.183, 0.891, 1.614};
/* Pareto/NBD r; alpha; s; beta as Fader, Hardie & Lee (2005) publish them */
static const ka_bgnbd_params cdnow_pnbd = {0.553, 10.578, 0.606, 11.669};

static void test_fit_bgnbd_cdnow(void **state)
{
    cdnow *d = *state;
    ka_bgnbd_params p;
    double ll = 0.0;
    assert_int_equal(ka_bgnbd_fit(d->x, d->t_x, d->T, CDNOW_N, KA_MODEL_BGNBD, &p, &ll), KA_OK);
    KA_ASSERT_NEAR(p.r, 0.2426, 1e-3);
    KA_ASSERT_NEAR(p.alpha, 4.4135, 1e-3);
    KA_ASSERT_NEAR(p.a, 0.7929, 1e-3);
    KA_ASSERT_NEAR(p.b, 2.4258, 1e-3);
    KA_ASSERT_NEAR(ll, -9582.43, 0.01);
    /* and to the printed digits */
    KA_ASSERT_NEAR(p.r, 0.2426, 5e-5);
    KA_ASSERT_NEAR(p.alpha, 4.4135, 5e-5);
    KA_ASSERT_NEAR(p.a, 0.7929, 5e-5);
    KA_ASSERT_NEAR(p.b, 2.4258, 5e-5);
}

static void test_fit_mbgnbd_cdnow(void **state)
{
    cdnow *d = *state;
    ka_bgnbd_params p;
    double ll = 0.0;
    assert_int_equal(ka_bgnbd_fit(d->x, d->t_x, d->T, CDNOW_N, KA_MODEL_MBGNBD, &p, &ll), KA_OK);
    KA_ASSERT_NEAR(p.r, 0.525, 5e-4);
    KA_ASSERT_NEAR(p.alpha, 6.183, 5e-4);
    KA_ASSERT_NEAR(p.a, 0.891, 5e-4);
    KA_ASSERT_NEAR(p.b, 1.614, 5e-4);
    assert_true(ll > -9582.43); /* one more way out: fits CDNOW slightly better */
    KA_ASSERT_NEAR(ll, -9582.13, 0.01);
}

/* The fit's log-likelihood is ka_bgnbd_loglik at the fitted parameters, and
 * the maximum: nudging any parameter lowers it. */
static void test_fit_is_a_maximum(void **state)
{
    cdnow *d = *state;
    for (int m = 0; m < 3; m++) {
        ka_bgnbd_params p;
        double ll, ll2;
        assert_int_equal(ka_bgnbd_fit(d->x, d->t_x, d->T, CDNOW_N, (ka_model)m, &p, &ll), KA_OK);
        assert_int_equal(ka_bgnbd_loglik(&p, (ka_model)m, d->x, d->t_x, d->T, CDNOW_N, &ll2),
                         KA_OK);
        KA_ASSERT_NEAR(ll2, ll, 1e-9);
        const double v[4] = {p.r, p.alpha, p.a, p.b};
        for (int i = 0; i < 4; i++)
            for (int sgn = -1; sgn <= 1; sgn += 2) {
                double w[4] = {v[0], v[1], v[2], v[3]};
                w[i] *= 1.0 + sgn * 1e-3;
                ka_bgnbd_params q = {w[0], w[1], w[2], w[3]};
                assert_int_equal(
                    ka_bgnbd_loglik(&q, (ka_model)m, d->x, d->t_x, d->T, CDNOW_N, &ll2), KA_OK);
                assert_true(ll2 < ll);
            }
    }
}

/* Same bits on repeated runs and for any order of the clients. */
static void test_fit_deterministic_and_order_free(void **state)
{
    cdnow *d = *state;
    static cdnow shuffled;
    for (size_t i = 0; i < CDNOW_N; i++) { /* a fixed permutation: i -> 1009 i mod N */
        size_t j = (i * 1009) % CDNOW_N;
        shuffled.x[j] = d->x[i];
        shuffled.t_x[j] = d->t_x[i];
        shuffled.T[j] = d->T[i];
    }
    for (int m = 0; m < 3; m++) {
        ka_bgnbd_params p1, p2, p3;
        double ll1, ll2, ll3;
        assert_int_equal(ka_bgnbd_fit(d->x, d->t_x, d->T, CDNOW_N, (ka_model)m, &p1, &ll1), KA_OK);
        assert_int_equal(ka_bgnbd_fit(d->x, d->t_x, d->T, CDNOW_N, (ka_model)m, &p2, &ll2), KA_OK);
        assert_int_equal(
            ka_bgnbd_fit(shuffled.x, shuffled.t_x, shuffled.T, CDNOW_N, (ka_model)m, &p3, &ll3),
            KA_OK);
        assert_memory_equal(&p1, &p2, sizeof p1);
        assert_memory_equal(&p1, &p3, sizeof p1);
        assert_memory_equal(&ll1, &ll2, sizeof ll1);
        assert_memory_equal(&ll1, &ll3, sizeof ll1);
    }
}

/* The time unit does not change the fit: days instead of weeks scale alpha by 7. */
static void test_fit_unit_free(void **state)
{
    cdnow *d = *state;
    static cdnow days;
    for (size_t i = 0; i < CDNOW_N; i++) {
        days.x[i] = d->x[i];
        days.t_x[i] = d->t_x[i] * 7.0;
        days.T[i] = d->T[i] * 7.0;
    }
    ka_bgnbd_params p;
    assert_int_equal(ka_bgnbd_fit(days.x, days.t_x, days.T, CDNOW_N, KA_MODEL_BGNBD, &p, NULL),
                     KA_OK);
    KA_ASSERT_NEAR(p.r, 0.2426, 1e-4);
    KA_ASSERT_NEAR(p.alpha, 4.4135 * 7.0, 1e-3);
    KA_ASSERT_NEAR(p.a, 0.7929, 1e-4);
    KA_ASSERT_NEAR(p.b, 2.4258, 1e-4);
    /* Pareto/NBD: alpha and beta are both rates per time unit */
    assert_int_equal(ka_bgnbd_fit(days.x, days.t_x, days.T, CDNOW_N, KA_MODEL_PNBD, &p, NULL),
                     KA_OK);
    KA_ASSERT_NEAR(p.r, 0.5533, 1e-4);
    KA_ASSERT_NEAR(p.alpha, 10.5776 * 7.0, 1e-2);
    KA_ASSERT_NEAR(p.a, 0.6062, 1e-4);
    KA_ASSERT_NEAR(p.b, 11.6679 * 7.0, 1e-2);
}

static void test_palive_cdnow(void **state)
{
    (void)state;
    double p = -1.0, risk = -1.0;
    assert_int_equal(ka_bgnbd_palive(&cdnow_bg, KA_MODEL_BGNBD, 2, 30.43, 38.86, &p), KA_OK);
    KA_ASSERT_NEAR(p, 0.7266, 5e-5);
    assert_int_equal(ka_bgnbd_churn_risk(&cdnow_bg, KA_MODEL_BGNBD, 2, 30.43, 38.86, &risk), KA_OK);
    KA_ASSERT_NEAR(risk, 1.0 - p, 1e-15);
    assert_int_equal(ka_bgnbd_palive(&cdnow_bg, KA_MODEL_BGNBD, 7, 29.43, 38.86, &p), KA_OK);
    KA_ASSERT_NEAR(p, 0.6418, 5e-5);
    /* BG/NBD: no repeat purchase, no chance to drop out yet */
    assert_int_equal(ka_bgnbd_palive(&cdnow_bg, KA_MODEL_BGNBD, 0, 0, 38.86, &p), KA_OK);
    assert_true(p == 1.0);
    assert_int_equal(ka_bgnbd_churn_risk(&cdnow_bg, KA_MODEL_BGNBD, 0, 0, 38.86, &risk), KA_OK);
    assert_true(risk == 0.0);
    /* a purchase just now: alive for sure, in either model */
    assert_int_equal(ka_bgnbd_palive(&cdnow_bg, KA_MODEL_BGNBD, 3, 38.86, 38.86, &p), KA_OK);
    KA_ASSERT_NEAR(p, 1.0 / (1.0 + 0.7929 / (2.4258 + 2.0)), 1e-15);
}

static void test_palive_mbgnbd(void **state)
{
    (void)state;
    double p = -1.0;
    /* mpmath */
    assert_int_equal(ka_bgnbd_palive(&cdnow_mbg, KA_MODEL_MBGNBD, 2, 30.43, 38.86, &p), KA_OK);
    KA_ASSERT_NEAR(p, 0.70620226511848728, 1e-14);
    assert_int_equal(ka_bgnbd_palive(&cdnow_mbg, KA_MODEL_MBGNBD, 0, 0, 38.86, &p), KA_OK);
    KA_ASSERT_NEAR(p, 0.3897350809187629, 1e-14);
}

static void test_expected_cdnow(void **state)
{
    (void)state;
    double e = -1.0;
    assert_int_equal(ka_bgnbd_expected(&cdnow_bg, KA_MODEL_BGNBD, 39, 2, 30.43, 38.86, &e), KA_OK);
    KA_ASSERT_NEAR(e, 1.226, 5e-4);
    assert_int_equal(ka_bgnbd_expected(&cdnow_bg, KA_MODEL_BGNBD, 0, 2, 30.43, 38.86, &e), KA_OK);
    assert_true(e == 0.0);
    /* mpmath */
    assert_int_equal(ka_bgnbd_expected(&cdnow_bg, KA_MODEL_BGNBD, 39, 0, 0, 38.86, &e), KA_OK);
    KA_ASSERT_NEAR(e, 0.19478655038715515, 1e-12);
    assert_int_equal(ka_bgnbd_expected(&cdnow_bg, KA_MODEL_BGNBD, 1000, 1, 1, 38.86, &e), KA_OK);
    KA_ASSERT_NEAR(e, 1.6332985409776483, 1e-11);
    assert_int_equal(ka_bgnbd_expected(&cdnow_bg, KA_MODEL_BGNBD, 39, 50, 30, 38.86, &e), KA_OK);
    KA_ASSERT_NEAR(e, 0.022621106584435949, 1e-14);
    assert_int_equal(ka_bgnbd_expected(&cdnow_mbg, KA_MODEL_MBGNBD, 39, 2, 30.43, 38.86, &e),
                     KA_OK);
    KA_ASSERT_NEAR(e, 1.2629606232673657, 1e-12);
    assert_int_equal(ka_bgnbd_expected(&cdnow_mbg, KA_MODEL_MBGNBD, 39, 0, 0, 38.86, &e), KA_OK);
    KA_ASSERT_NEAR(e, 0.15401274667514668, 1e-12);
}

/* E[X(t)] with the full-precision CDNOW fit.  The contract lists 1.8576 for
 * t = 78; FHL's formula gives 1.85797 (scipy and mpmath agree), so 1.8580. */
static void test_expected_uncond_cdnow(void **state)
{
    (void)state;
    const double t[6] = {0.1429, 1, 3, 31.8571, 32, 78};
    const double want[6] = {0.0078, 0.0532, 0.1506, 1.0405, 1.0437, 1.8580};
    for (int i = 0; i < 6; i++) {
        double e = -1.0;
        assert_int_equal(ka_bgnbd_expected_uncond(&cdnow_bg_full, KA_MODEL_BGNBD, t[i], &e), KA_OK);
        KA_ASSERT_NEAR(e, want[i], 5e-5);
    }
    double e = -1.0;
    assert_int_equal(ka_bgnbd_expected_uncond(&cdnow_bg_full, KA_MODEL_BGNBD, 78, &e), KA_OK);
    KA_ASSERT_NEAR(e, 1.85797238, 1e-8); /* mpmath */
    /* MBG/NBD, mpmath */
    assert_int_equal(ka_bgnbd_expected_uncond(&cdnow_mbg, KA_MODEL_MBGNBD, 1, &e), KA_OK);
    KA_ASSERT_NEAR(e, 0.053084795263701838, 1e-14);
    assert_int_equal(ka_bgnbd_expected_uncond(&cdnow_mbg, KA_MODEL_MBGNBD, 78, &e), KA_OK);
    KA_ASSERT_NEAR(e, 1.8047575775531417, 1e-12);
}

/* 10,000 repeat purchases over 10,000 weeks: finite, accurate, no overflow */
static void test_large_frequency(void **state)
{
    (void)state;
    double p = -1.0, e = -1.0;
    assert_int_equal(ka_bgnbd_palive(&cdnow_bg, KA_MODEL_BGNBD, 10000, 9999.5, 10000, &p), KA_OK);
    KA_ASSERT_NEAR(p, 0.99986933421419414, 1e-14);
    assert_int_equal(ka_bgnbd_expected(&cdnow_bg, KA_MODEL_BGNBD, 39, 10000, 9999.5, 10000, &e),
                     KA_OK);
    KA_ASSERT_NEAR(e, 38.918558191255452, 1e-8);
    assert_int_equal(ka_bgnbd_expected(&cdnow_bg, KA_MODEL_BGNBD, 10000, 10000, 10000, 10000, &e),
                     KA_OK);
    KA_ASSERT_NEAR(e, 7451.0419509205799, 1e-6);
    assert_int_equal(ka_bgnbd_expected(&cdnow_mbg, KA_MODEL_MBGNBD, 39, 10000, 9999.5, 10000, &e),
                     KA_OK);
    KA_ASSERT_NEAR(e, 38.904733505991556, 1e-8);
    /* long gone: P(alive) underflows gracefully to 0, risk to 1 */
    assert_int_equal(ka_bgnbd_palive(&cdnow_bg, KA_MODEL_BGNBD, 10000, 10, 10000, &p), KA_OK);
    assert_true(p >= 0.0 && p < 1e-300);
    assert_int_equal(ka_bgnbd_churn_risk(&cdnow_bg, KA_MODEL_BGNBD, 10000, 10, 10000, &p), KA_OK);
    assert_true(p == 1.0);
    assert_int_equal(ka_bgnbd_expected(&cdnow_bg, KA_MODEL_BGNBD, 39, 10000, 10, 10000, &e), KA_OK);
    assert_true(e >= 0.0 && e < 1e-300);
}

/* a = 1 is a removable singularity of (a+b-1)/(a-1) (1 - ...): mpmath */
static void test_expected_near_a_one(void **state)
{
    (void)state;
    const double a[4] = {1.0, 1.000001, 0.999999, 1.001};
    const double want[4] = {1.0272919157779992, 1.0272915990885015, 1.0272922324674969,
                            1.026975638949073};
    for (int i = 0; i < 4; i++) {
        ka_bgnbd_params p = {0.5, 3.0, a[i], 2.0};
        double e = -1.0;
        assert_int_equal(ka_bgnbd_expected_uncond(&p, KA_MODEL_BGNBD, 10, &e), KA_OK);
        KA_ASSERT_NEAR(e, want[i], 1e-8);
    }
}

/* a + b <= 1 would need 2F1 with c = a + b - 1 <= 0: mpmath */
static void test_expected_small_a_plus_b(void **state)
{
    (void)state;
    const double ab[3][2] = {{0.3, 0.4}, {0.5, 0.5}, {0.05, 0.02}};
    const double want[3] = {1.1152912558141568, 1.0043614955698219, 0.89943155878912977};
    for (int i = 0; i < 3; i++) {
        ka_bgnbd_params p = {0.7, 2.0, ab[i][0], ab[i][1]};
        double e = -1.0;
        assert_int_equal(ka_bgnbd_expected_uncond(&p, KA_MODEL_BGNBD, 5, &e), KA_OK);
        KA_ASSERT_NEAR(e, want[i], 1e-12);
    }
}

/* Data without a finite maximum likelihood: Err:523, and out untouched. */
static void test_fit_no_finite_maximum(void **state)
{
    (void)state;
    const double zx[3] = {0, 0, 0}, zt[3] = {0, 0, 0}, zT[3] = {10, 20, 30};
    const double sx[1] = {2}, st[1] = {30.43}, sT[1] = {38.86};
    const double ix[3] = {2, 2, 2}, it[3] = {30.43, 30.43, 30.43}, iT[3] = {38.86, 38.86, 38.86};
    const double ax[4] = {1, 3, 5, 2}, at[4] = {10, 20, 30, 5}, aT[4] = {10, 20, 30, 5};
    const double ox[4] = {1, 1, 1, 1}, ot[4] = {5, 5, 5, 5}, oT[4] = {10, 20, 30, 40};
    const double nx[2] = {1, 2}, nt[2] = {0, 0}, nT[2] = {0, 0};
    for (int m = 0; m < 3; m++) {
        ka_bgnbd_params p = {-1, -1, -1, -1};
        double ll = 42.0;
        ka_model model = (ka_model)m;
        assert_int_equal(ka_bgnbd_fit(zx, zt, zT, 3, model, &p, &ll), KA_ERR_NOCONV);
        assert_int_equal(ka_bgnbd_fit(sx, st, sT, 1, model, &p, &ll), KA_ERR_NOCONV);
        assert_int_equal(ka_bgnbd_fit(ix, it, iT, 3, model, &p, &ll), KA_ERR_NOCONV);
        assert_int_equal(ka_bgnbd_fit(ax, at, aT, 4, model, &p, &ll), KA_ERR_NOCONV);
        assert_int_equal(ka_bgnbd_fit(ox, ot, oT, 4, model, &p, &ll), KA_ERR_NOCONV);
        assert_int_equal(ka_bgnbd_fit(nx, nt, nT, 2, model, &p, &ll), KA_ERR_NOCONV);
        assert_true(p.r == -1 && p.alpha == -1 && p.a == -1 && p.b == -1 && ll == 42.0);
    }
}

static void test_check_client(void **state)
{
    (void)state;
    assert_int_equal(ka_bgnbd_check_client(0, 0, 0), KA_OK);
    assert_int_equal(ka_bgnbd_check_client(2, 30.43, 38.86), KA_OK);
    assert_int_equal(ka_bgnbd_check_client(2, 38.86, 38.86), KA_OK);
    assert_int_equal(ka_bgnbd_check_client(-1, 0, 5), KA_ERR_ARG);
    assert_int_equal(ka_bgnbd_check_client(1, -1, 5), KA_ERR_ARG);
    assert_int_equal(ka_bgnbd_check_client(0, 0, -5), KA_ERR_ARG);
    assert_int_equal(ka_bgnbd_check_client(1.5, 1, 5), KA_ERR_ARG);
    assert_int_equal(ka_bgnbd_check_client(1, 6, 5), KA_ERR_ARG);
    assert_int_equal(ka_bgnbd_check_client(0, 1, 5), KA_ERR_ARG);
    assert_int_equal(ka_bgnbd_check_client(NAN, 1, 5), KA_ERR_ARG);
    assert_int_equal(ka_bgnbd_check_client(1, NAN, 5), KA_ERR_ARG);
    assert_int_equal(ka_bgnbd_check_client(1, 1, INFINITY), KA_ERR_ARG);
}

static void test_check_params_and_model(void **state)
{
    (void)state;
    ka_bgnbd_params ok = {1, 1, 1, 1}, zero = {0, 1, 1, 1}, neg = {1, -1, 1, 1};
    ka_bgnbd_params nan = {1, 1, NAN, 1}, inf = {1, 1, 1, INFINITY};
    assert_int_equal(ka_bgnbd_check_params(&ok), KA_OK);
    assert_int_equal(ka_bgnbd_check_params(&zero), KA_ERR_ARG);
    assert_int_equal(ka_bgnbd_check_params(&neg), KA_ERR_ARG);
    assert_int_equal(ka_bgnbd_check_params(&nan), KA_ERR_ARG);
    assert_int_equal(ka_bgnbd_check_params(&inf), KA_ERR_ARG);
    assert_int_equal(ka_bgnbd_check_params(NULL), KA_ERR_ARG);
    ka_model m = KA_MODEL_MBGNBD;
    assert_int_equal(ka_bgnbd_model_from_number(0, &m), KA_OK);
    assert_int_equal(m, KA_MODEL_BGNBD);
    assert_int_equal(ka_bgnbd_model_from_number(1, &m), KA_OK);
    assert_int_equal(m, KA_MODEL_MBGNBD);
    assert_int_equal(ka_bgnbd_model_from_number(2, &m), KA_OK);
    assert_int_equal(m, KA_MODEL_PNBD);
    assert_int_equal(ka_bgnbd_model_from_number(3, &m), KA_ERR_ARG);
    assert_int_equal(ka_bgnbd_model_from_number(0.5, &m), KA_ERR_ARG);
    assert_int_equal(ka_bgnbd_model_from_number(NAN, &m), KA_ERR_ARG);
}

/* Invalid rows, empty input, bad parameters and horizons: Err:502. */
static void test_invalid_input(void **state)
{
    cdnow *d = *state;
    ka_bgnbd_params p, bad = {1, 1, 0, 1};
    double ll, e;
    double x[3] = {1, 2, 0}, t[3] = {5, 6, 0}, T[3] = {10, 10, 10};
    assert_int_equal(ka_bgnbd_fit(x, t, T, 0, KA_MODEL_BGNBD, &p, &ll), KA_ERR_ARG);
    assert_int_equal(ka_bgnbd_fit(NULL, t, T, 3, KA_MODEL_BGNBD, &p, &ll), KA_ERR_ARG);
    assert_int_equal(ka_bgnbd_fit(x, t, T, 3, KA_MODEL_BGNBD, NULL, &ll), KA_ERR_ARG);
    assert_int_equal(ka_bgnbd_fit(x, t, T, 3, (ka_model)7, &p, &ll), KA_ERR_ARG);
    t[2] = 1.0; /* x = 0 with recency > 0 */
    assert_int_equal(ka_bgnbd_fit(x, t, T, 3, KA_MODEL_BGNBD, &p, &ll), KA_ERR_ARG);
    t[2] = 0.0;
    T[1] = 5.0; /* t_x > T */
    assert_int_equal(ka_bgnbd_fit(x, t, T, 3, KA_MODEL_BGNBD, &p, &ll), KA_ERR_ARG);
    assert_int_equal(ka_bgnbd_loglik(&cdnow_bg, KA_MODEL_BGNBD, x, t, T, 3, &ll), KA_ERR_ARG);
    assert_int_equal(ka_bgnbd_loglik(&bad, KA_MODEL_BGNBD, d->x, d->t_x, d->T, CDNOW_N, &ll),
                     KA_ERR_ARG);
    assert_int_equal(ka_bgnbd_loglik(&cdnow_bg, KA_MODEL_BGNBD, d->x, d->t_x, d->T, 0, &ll),
                     KA_ERR_ARG);
    assert_int_equal(ka_bgnbd_palive(&bad, KA_MODEL_BGNBD, 1, 1, 2, &e), KA_ERR_ARG);
    assert_int_equal(ka_bgnbd_palive(&cdnow_bg, KA_MODEL_BGNBD, 1, 3, 2, &e), KA_ERR_ARG);
    assert_int_equal(ka_bgnbd_palive(&cdnow_bg, (ka_model)-1, 1, 1, 2, &e), KA_ERR_ARG);
    assert_int_equal(ka_bgnbd_churn_risk(&cdnow_bg, KA_MODEL_BGNBD, 1.5, 1, 2, &e), KA_ERR_ARG);
    assert_int_equal(ka_bgnbd_expected(&cdnow_bg, KA_MODEL_BGNBD, -1, 1, 1, 2, &e), KA_ERR_ARG);
    assert_int_equal(ka_bgnbd_expected(&cdnow_bg, KA_MODEL_BGNBD, NAN, 1, 1, 2, &e), KA_ERR_ARG);
    assert_int_equal(ka_bgnbd_expected(&cdnow_bg, KA_MODEL_BGNBD, 5, 0, 1, 2, &e), KA_ERR_ARG);
    assert_int_equal(ka_bgnbd_expected_uncond(&cdnow_bg, KA_MODEL_BGNBD, INFINITY, &e), KA_ERR_ARG);
    assert_int_equal(ka_bgnbd_expected_uncond(&bad, KA_MODEL_MBGNBD, 1, &e), KA_ERR_ARG);
    assert_int_equal(ka_bgnbd_expected_uncond(&cdnow_bg, KA_MODEL_BGNBD, 1, NULL), KA_ERR_ARG);
}

/* A horizon so long the series cannot converge: Err:523, not a hang. */
static void test_expected_horizon_too_long(void **state)
{
    (void)state;
    double e = -1.0;
    assert_int_equal(ka_bgnbd_expected(&cdnow_bg, KA_MODEL_BGNBD, 1e12, 2, 30.43, 38.86, &e),
                     KA_ERR_NOCONV);
    assert_true(e == -1.0);
}

/* Every value near DBL_MAX: r + x, b + x and alpha + t_x overflow, yet
 * P(alive) and the churn risk are numbers (they were NaN with KA_OK). */
static void test_palive_overflowing_sums(void **state)
{
    (void)state;
    const ka_bgnbd_params huge = {1e308, 1e308, 1e308, 1e308};
    for (int m = 0; m < 2; m++) {
        ka_model model = (ka_model)m;
        double prob = -1, risk = -1;
        /* t_x = T: no growth term; a / (b + x) = 1/2, so P(alive) = 2/3 */
        assert_int_equal(ka_bgnbd_palive(&huge, model, 1e308, 1e308, 1e308, &prob), KA_OK);
        KA_ASSERT_NEAR(prob, 2.0 / 3.0, 1e-12);
        assert_int_equal(ka_bgnbd_churn_risk(&huge, model, 1e308, 1e308, 1e308, &risk), KA_OK);
        KA_ASSERT_NEAR(risk, 1.0 / 3.0, 1e-12);
        /* a long silence since the last purchase: surely gone */
        assert_int_equal(ka_bgnbd_palive(&huge, model, 1e308, 0, DBL_MAX, &prob), KA_OK);
        assert_true(prob >= 0.0 && prob < 1e-300);
        assert_int_equal(ka_bgnbd_churn_risk(&huge, model, 1e308, 0, DBL_MAX, &risk), KA_OK);
        KA_ASSERT_NEAR(risk, 1.0, 0);
        /* a denormal alpha makes (T - t_x) / (alpha + t_x) overflow */
        const ka_bgnbd_params tiny_alpha = {0.5, 0x1p-1074, 1, 1};
        assert_int_equal(ka_bgnbd_palive(&tiny_alpha, model, 0, 0, 1, &prob), KA_OK);
        assert_true(prob >= 0.0 && prob <= 1.0);
        assert_int_equal(ka_bgnbd_palive(&tiny_alpha, model, 3, 0, 1, &prob), KA_OK);
        assert_true(prob >= 0.0 && prob < 1e-100);
    }
}

/* Huge finite r or b make the log-likelihood Inf - Inf: Err:502, no NaN. */
static void test_loglik_not_representable(void **state)
{
    cdnow *d = *state;
    const ka_bgnbd_params huge_r = {DBL_MAX, 1, 1, 1}, huge_b = {1, 1, 1, DBL_MAX};
    const ka_bgnbd_params large = {1e6, 1e6, 1, 1e6};
    for (int m = 0; m < 2; m++) {
        double ll = 42;
        assert_int_equal(ka_bgnbd_loglik(&huge_r, (ka_model)m, d->x, d->t_x, d->T, CDNOW_N, &ll),
                         KA_ERR_ARG);
        assert_int_equal(ka_bgnbd_loglik(&huge_b, (ka_model)m, d->x, d->t_x, d->T, CDNOW_N, &ll),
                         KA_ERR_ARG);
        KA_ASSERT_NEAR(ll, 42, 0);
        assert_int_equal(ka_bgnbd_loglik(&large, (ka_model)m, d->x, d->t_x, d->T, CDNOW_N, &ll),
                         KA_OK);
        assert_true(isfinite(ll) && ll < 0);
    }
}

/* Valid clients whose likelihood cannot even be evaluated at the start (a
 * denormal oldest age, x near 1e270): Err:523, no maximum, not Err:502. */
static void test_fit_extreme_clients(void **state)
{
    (void)state;
    const double dx[2] = {1, 0}, dt[2] = {0x1p-1074, 0}, dT[2] = {0x1p-1074, 0x1p-1074};
    const double hx[4] = {3, 0, 8e268, 0}, ht[4] = {459.9, 0, 0, 0}, hT[4] = {3285, 4, 10, 600};
    for (int m = 0; m < 3; m++) {
        ka_bgnbd_params p = {-1, -1, -1, -1};
        double ll = 42;
        assert_int_equal(ka_bgnbd_fit(dx, dt, dT, 2, (ka_model)m, &p, &ll), KA_ERR_NOCONV);
        assert_int_equal(ka_bgnbd_fit(hx, ht, hT, 4, (ka_model)m, &p, &ll), KA_ERR_NOCONV);
        assert_true(p.r == -1 && ll == 42);
    }
}

/* A horizon so long that z = h / (alpha + h) rounds to 1, or parameters
 * whose posterior overflows: Err:523 as documented, not Err:502. */
static void test_expected_not_computable(void **state)
{
    (void)state;
    const double horizons[] = {1e18, 1e300, DBL_MAX};
    for (size_t i = 0; i < sizeof horizons / sizeof horizons[0]; i++)
        for (int m = 0; m < 2; m++) {
            double e = -1;
            assert_int_equal(
                ka_bgnbd_expected(&cdnow_bg, (ka_model)m, horizons[i], 2, 30.43, 38.86, &e),
                KA_ERR_NOCONV);
            assert_int_equal(ka_bgnbd_expected_uncond(&cdnow_bg, (ka_model)m, horizons[i], &e),
                             KA_ERR_NOCONV);
            assert_true(e == -1);
        }
    const ka_bgnbd_params huge = {1e308, 1e308, 1e308, 1e308};
    double e = -1;
    assert_int_equal(ka_bgnbd_expected(&huge, KA_MODEL_MBGNBD, 1e308, 1e308, 1e308, 1e308, &e),
                     KA_ERR_NOCONV);
    /* alpha so small that z = t / (alpha + t) rounds to 1 */
    const ka_bgnbd_params tiny_alpha = {1.15625, DBL_MIN, 0.03125, 0.03125};
    assert_int_equal(ka_bgnbd_expected_uncond(&tiny_alpha, KA_MODEL_BGNBD, 0.03125, &e),
                     KA_ERR_NOCONV);
    /* a + b so small that a + b + 1 - 1 rounds to 0 */
    const ka_bgnbd_params tiny_ab = {4.84375, 1, 5.7e-307, 3.6e-258};
    assert_int_equal(ka_bgnbd_expected_uncond(&tiny_ab, KA_MODEL_BGNBD, 0.03125, &e),
                     KA_ERR_NOCONV);
    assert_true(e == -1);
}

/* The expectations on a grid of horizons are ka_bgnbd_expected's, to the bit. */
static void test_expected_steps(void **state)
{
    (void)state;
    double e[12], one;
    for (int m = 0; m < 2; m++) {
        const ka_bgnbd_params *p = m == 0 ? &cdnow_bg : &cdnow_mbg;
        assert_int_equal(ka_bgnbd_expected_steps(p, (ka_model)m, 4.345, 12, 2, 30.43, 38.86, e),
                         KA_OK);
        for (int i = 0; i < 12; i++) {
            assert_int_equal(
                ka_bgnbd_expected(p, (ka_model)m, (i + 1) * 4.345, 2, 30.43, 38.86, &one), KA_OK);
            assert_memory_equal(&e[i], &one, sizeof one);
        }
    }
    assert_int_equal(ka_bgnbd_expected_steps(&cdnow_bg, KA_MODEL_BGNBD, 0, 2, 2, 30.43, 38.86, e),
                     KA_OK);
    assert_true(e[0] == 0.0 && e[1] == 0.0);
    /* (i + 1) step overflows: no result, but no invalid argument either */
    assert_int_equal(
        ka_bgnbd_expected_steps(&cdnow_bg, KA_MODEL_BGNBD, DBL_MAX, 2, 2, 30.43, 38.86, e),
        KA_ERR_NOCONV);
    const double bad_step[] = {-1, NAN, INFINITY};
    for (size_t i = 0; i < sizeof bad_step / sizeof bad_step[0]; i++)
        assert_int_equal(
            ka_bgnbd_expected_steps(&cdnow_bg, KA_MODEL_BGNBD, bad_step[i], 2, 2, 30.43, 38.86, e),
            KA_ERR_ARG);
    assert_int_equal(ka_bgnbd_expected_steps(&cdnow_bg, KA_MODEL_BGNBD, 1, 0, 2, 30.43, 38.86, e),
                     KA_ERR_ARG);
    assert_int_equal(
        ka_bgnbd_expected_steps(&cdnow_bg, KA_MODEL_BGNBD, 1, 2, 2, 30.43, 38.86, NULL),
        KA_ERR_ARG);
    assert_int_equal(ka_bgnbd_expected_steps(&cdnow_bg, KA_MODEL_BGNBD, 1, 2, 2, 40, 38.86, e),
                     KA_ERR_ARG);
    assert_int_equal(ka_bgnbd_expected_steps(&cdnow_bg, (ka_model)3, 1, 2, 2, 30.43, 38.86, e),
                     KA_ERR_ARG);
}

/* ---- the no-purchase probability ---- */

static void test_no_purchase_cdnow(void **state)
{
    (void)state;
    double prob = -1.0, alive, e;
    /* client 1, 10 weeks; scipy: 1 - P + P ((alpha+T)/(alpha+T+10))^(r+x) */
    assert_int_equal(ka_bgnbd_no_purchase(&cdnow_bg, KA_MODEL_BGNBD, 10, 2, 30.43, 38.86, &prob),
                     KA_OK);
    KA_ASSERT_NEAR(prob, 0.7292374237480377, 1e-13);
    /* horizon 0: nothing can happen */
    assert_int_equal(ka_bgnbd_no_purchase(&cdnow_bg, KA_MODEL_BGNBD, 0, 2, 30.43, 38.86, &prob),
                     KA_OK);
    assert_true(prob == 1.0);
    /* BG/NBD without repeat purchase: alive, so the Gamma mixture of Poisson zeros */
    assert_int_equal(ka_bgnbd_no_purchase(&cdnow_bg, KA_MODEL_BGNBD, 10, 0, 0, 38.86, &prob),
                     KA_OK);
    KA_ASSERT_NEAR(prob, pow((4.4135 + 38.86) / (4.4135 + 48.86), 0.2426), 1e-15);
    /* MBG/NBD, against the formula with its own P(alive) */
    assert_int_equal(ka_bgnbd_palive(&cdnow_mbg, KA_MODEL_MBGNBD, 2, 30.43, 38.86, &alive), KA_OK);
    assert_int_equal(ka_bgnbd_no_purchase(&cdnow_mbg, KA_MODEL_MBGNBD, 10, 2, 30.43, 38.86, &prob),
                     KA_OK);
    KA_ASSERT_NEAR(prob, 1 - alive + alive * pow((6.183 + 38.86) / (6.183 + 48.86), 2.525), 1e-14);
    /* decreasing in the horizon, towards the churn risk; and a client who
     * expects more purchases is less likely to make none */
    double last = 1.0, risk;
    for (double h = 1; h <= 1e6; h *= 10) {
        assert_int_equal(ka_bgnbd_no_purchase(&cdnow_bg, KA_MODEL_BGNBD, h, 2, 30.43, 38.86, &prob),
                         KA_OK);
        assert_true(prob < last);
        last = prob;
    }
    assert_int_equal(ka_bgnbd_churn_risk(&cdnow_bg, KA_MODEL_BGNBD, 2, 30.43, 38.86, &risk), KA_OK);
    assert_int_equal(ka_bgnbd_no_purchase(&cdnow_bg, KA_MODEL_BGNBD, 1e300, 2, 30.43, 38.86, &prob),
                     KA_OK);
    KA_ASSERT_NEAR(prob, risk, 1e-15);
    assert_int_equal(ka_bgnbd_expected(&cdnow_bg, KA_MODEL_BGNBD, 10, 7, 29.43, 38.86, &e), KA_OK);
    assert_int_equal(ka_bgnbd_no_purchase(&cdnow_bg, KA_MODEL_BGNBD, 10, 7, 29.43, 38.86, &alive),
                     KA_OK);
    assert_true(e > 0.5 && alive < 0.7292374237480377);
}

/* Huge counts and ages stay in [0, 1]; invalid arguments are Err:502. */
static void test_no_purchase_extremes_and_invalid(void **state)
{
    (void)state;
    double prob = -1.0;
    const double big[][4] = {{1e300, 1e300, 1e300, 1e300},
                             {1e5, 1e300, DBL_MAX, DBL_MAX},
                             {3, 2e-300, 1e-300, 1e-300},
                             {DBL_MAX, 0, 1e308, 1e308},
                             {1e6, 1e4, 1e9, 1e-320}};
    for (int m = 0; m < 2; m++)
        for (size_t i = 0; i < sizeof big / sizeof big[0]; i++) {
            const double *v = big[i];
            assert_int_equal(
                ka_bgnbd_no_purchase(&cdnow_bg, (ka_model)m, v[3], v[0], v[1] * 0.5, v[2], &prob),
                KA_OK);
            assert_true(prob >= 0.0 && prob <= 1.0);
        }
    const ka_bgnbd_params huge = {DBL_MAX, DBL_MAX, 1e-300, DBL_MAX};
    assert_int_equal(ka_bgnbd_no_purchase(&huge, KA_MODEL_BGNBD, 5, 1e300, 1, 2, &prob), KA_OK);
    assert_true(prob >= 0.0 && prob <= 1.0);
    const double bad_h[] = {-1, -0.0 - 1e-300, NAN, INFINITY};
    for (size_t i = 0; i < sizeof bad_h / sizeof bad_h[0]; i++)
        assert_int_equal(
            ka_bgnbd_no_purchase(&cdnow_bg, KA_MODEL_BGNBD, bad_h[i], 2, 30.43, 38.86, &prob),
            KA_ERR_ARG);
    assert_int_equal(ka_bgnbd_no_purchase(&cdnow_bg, KA_MODEL_BGNBD, 1, 2, 40, 38.86, &prob),
                     KA_ERR_ARG);
    assert_int_equal(ka_bgnbd_no_purchase(&cdnow_bg, (ka_model)3, 1, 2, 30.43, 38.86, &prob),
                     KA_ERR_ARG);
    assert_int_equal(ka_bgnbd_no_purchase(NULL, KA_MODEL_BGNBD, 1, 2, 30.43, 38.86, &prob),
                     KA_ERR_ARG);
    assert_int_equal(ka_bgnbd_no_purchase(&cdnow_bg, KA_MODEL_BGNBD, 1, 2, 30.43, 38.86, NULL),
                     KA_ERR_ARG);
}

/* A seeded generator of our own (splitmix64), so the simulation is the same
 * on every machine. */
typedef struct sim_rng {
    uint64_t s;
} sim_rng;

static double sim_uniform(sim_rng *g) /* in (0, 1) */
{
    uint64_t z = (g->s += 0x9e3779b97f4a7c15u);
    z = (z ^ (z >> 30)) * 0xbf58476d1ce4e5b9u;
    z = (z ^ (z >> 27)) * 0x94d049bb133111ebu;
    z ^= z >> 31;
    return ((double)(z >> 11) + 0.5) / 9007199254740992.0;
}

/* Gamma(shape k, scale 1): Marsaglia & Tsang, boosted for k < 1. */
static double sim_gamma(sim_rng *g, double k)
{
    if (k < 1.0)
        return sim_gamma(g, k + 1.0) * pow(sim_uniform(g), 1.0 / k);
    const double d = k - 1.0 / 3.0, c = 1.0 / sqrt(9.0 * d);
    for (;;) {
        double u1 = sim_uniform(g), u2 = sim_uniform(g);
        double z = sqrt(-2.0 * log(u1)) * cos(6.283185307179586 * u2), v = 1.0 + c * z;
        if (v <= 0.0)
            continue;
        v = v * v * v;
        double u = sim_uniform(g);
        if (log(u) < 0.5 * z * z + d - d * v + d * log(v))
            return d * v;
    }
}

/* Simulates clients of the model from their first purchase (time 0) to T,
 * and on to T + h; checks that the mean of NOPURCHASEPROB over the clients
 * of each frequency group equals the share of them that made no purchase in
 * (T, T + h] (the tower property: the probability given the history,
 * averaged over the histories of a group, is the group's probability).
 * Pareto/NBD clients have a lifetime ~ Exp(mu), mu ~ Gamma(s, beta), and
 * buy while alive; the others drop out after a purchase. */
static void check_no_purchase_simulation(ka_model model, uint64_t seed)
{
    enum { N = 40000, GROUPS = 4 };
    const bool pnbd = model == KA_MODEL_PNBD;
    const ka_bgnbd_params *p = pnbd ? &cdnow_pnbd : &cdnow_bg;
    const double T = 39.0, h = 26.0;
    sim_rng g = {seed};
    double predicted[GROUPS] = {0}, observed[GROUPS] = {0}, count[GROUPS] = {0};
    for (int i = 0; i < N; i++) {
        double lambda = sim_gamma(&g, p->r) / p->alpha, drop = 0.0, death = INFINITY;
        if (pnbd) {
            death = -log(sim_uniform(&g)) / (sim_gamma(&g, p->a) / p->b);
        } else {
            double ga = sim_gamma(&g, p->a);
            drop = ga / (ga + sim_gamma(&g, p->b));
        }
        bool alive = !(model == KA_MODEL_MBGNBD && sim_uniform(&g) < drop);
        double t = 0.0, t_x = 0.0, x = 0.0, next = INFINITY;
        while (alive) {
            t += -log(sim_uniform(&g)) / lambda;
            if (t > death)
                break; /* dead before this purchase: no later one */
            if (t > T) {
                next = t; /* memoryless: the first purchase after T */
                break;
            }
            x += 1.0;
            t_x = t;
            alive = pnbd || sim_uniform(&g) >= drop;
        }
        double prob;
        assert_int_equal(ka_bgnbd_no_purchase(p, model, h, x, t_x, T, &prob), KA_OK);
        int k = x < GROUPS - 1 ? (int)x : GROUPS - 1;
        predicted[k] += prob;
        observed[k] += !(next <= T + h);
        count[k] += 1.0;
    }
    for (int k = 0; k < GROUPS; k++) {
        assert_true(count[k] >= 1000.0);
        double want = observed[k] / count[k], got = predicted[k] / count[k];
        double se = sqrt(want * (1.0 - want) / count[k]);
        if (!(fabs(got - want) <= 4.0 * se + 1e-3))
            fail_msg("model %d, x group %d: predicted %.4f, simulated %.4f (se %.4f)", (int)model,
                     k, got, want, se);
    }
}

static void test_no_purchase_simulation(void **state)
{
    (void)state;
    check_no_purchase_simulation(KA_MODEL_BGNBD, 12345);
    check_no_purchase_simulation(KA_MODEL_MBGNBD, 67890);
    check_no_purchase_simulation(KA_MODEL_PNBD, 24680);
}

/* ---- Pareto/NBD ---- */

/* Fader, Hardie & Lee (2005): r 0.553, alpha 10.578, s 0.606, beta 11.669,
 * LL -9594.98; lifetimes' ParetoNBDFitter finds the same optimum. */
static void test_fit_pnbd_cdnow(void **state)
{
    cdnow *d = *state;
    ka_bgnbd_params p;
    double ll, at_published;
    assert_int_equal(ka_bgnbd_fit(d->x, d->t_x, d->T, CDNOW_N, KA_MODEL_PNBD, &p, &ll), KA_OK);
    KA_ASSERT_NEAR(p.r, 0.553, 5e-4);
    KA_ASSERT_NEAR(p.alpha, 10.578, 5e-3);
    KA_ASSERT_NEAR(p.a, 0.606, 5e-4);
    KA_ASSERT_NEAR(p.b, 11.669, 5e-3);
    KA_ASSERT_NEAR(ll, -9594.98, 0.01);
    /* the maximum is at least as high as the published (rounded) point */
    assert_int_equal(
        ka_bgnbd_loglik(&cdnow_pnbd, KA_MODEL_PNBD, d->x, d->t_x, d->T, CDNOW_N, &at_published),
        KA_OK);
    assert_true(ll >= at_published);
}

/* The log-likelihood at the published parameters, over CDNOW and for single
 * clients (pnbd_reference.py: the FHL 2F1 form and quadrature agree). */
static void test_loglik_pnbd_reference(void **state)
{
    cdnow *d = *state;
    double ll;
    assert_int_equal(ka_bgnbd_loglik(&cdnow_pnbd, KA_MODEL_PNBD, d->x, d->t_x, d->T, CDNOW_N, &ll),
                     KA_OK);
    KA_ASSERT_NEAR(ll, -9594.9740100409766, 1e-9);
    const double cl[3][3] = {{2, 30.43, 38.86}, {0, 0, 38.86}, {6, 34.57, 38.71}};
    const double want[3] = {-9.5542832451504057, -0.52104629408089037, -19.77071289787162};
    for (int i = 0; i < 3; i++) {
        assert_int_equal(
            ka_bgnbd_loglik(&cdnow_pnbd, KA_MODEL_PNBD, &cl[i][0], &cl[i][1], &cl[i][2], 1, &ll),
            KA_OK);
        KA_ASSERT_NEAR(ll, want[i], 1e-13);
    }
}

/* P(alive), churn risk and expectations (pnbd_reference.py). */
static void test_palive_expected_pnbd(void **state)
{
    (void)state;
    const double cl[3][3] = {{2, 30.43, 38.86}, {0, 0, 38.86}, {6, 34.57, 38.71}};
    const double alive[3] = {0.8691675591530112, 0.29528660461689416, 0.93261141104203735};
    const double e39[3] = {1.4551231932576025, 0.10708146821530886, 4.0180275920592488};
    for (int i = 0; i < 3; i++) {
        double p = -1, risk = -1, e = -1;
        assert_int_equal(
            ka_bgnbd_palive(&cdnow_pnbd, KA_MODEL_PNBD, cl[i][0], cl[i][1], cl[i][2], &p), KA_OK);
        KA_ASSERT_NEAR(p, alive[i], 1e-14);
        assert_int_equal(
            ka_bgnbd_churn_risk(&cdnow_pnbd, KA_MODEL_PNBD, cl[i][0], cl[i][1], cl[i][2], &risk),
            KA_OK);
        KA_ASSERT_NEAR(risk, 1.0 - alive[i], 1e-14);
        assert_int_equal(
            ka_bgnbd_expected(&cdnow_pnbd, KA_MODEL_PNBD, 39, cl[i][0], cl[i][1], cl[i][2], &e),
            KA_OK);
        KA_ASSERT_NEAR(e, e39[i], 1e-13);
        assert_int_equal(
            ka_bgnbd_expected(&cdnow_pnbd, KA_MODEL_PNBD, 0, cl[i][0], cl[i][1], cl[i][2], &e),
            KA_OK);
        assert_true(e == 0.0);
    }
    /* a purchase just now: alive for sure */
    double p = -1, e = -1;
    assert_int_equal(ka_bgnbd_palive(&cdnow_pnbd, KA_MODEL_PNBD, 3, 38.86, 38.86, &p), KA_OK);
    assert_true(p == 1.0);
    assert_int_equal(ka_bgnbd_churn_risk(&cdnow_pnbd, KA_MODEL_PNBD, 3, 38.86, 38.86, &p), KA_OK);
    assert_true(p == 0.0);
    /* unconditional E[X(t)] */
    assert_int_equal(ka_bgnbd_expected_uncond(&cdnow_pnbd, KA_MODEL_PNBD, 39, &e), KA_OK);
    KA_ASSERT_NEAR(e, 1.2130028442810159, 1e-13);
    assert_int_equal(ka_bgnbd_expected_uncond(&cdnow_pnbd, KA_MODEL_PNBD, 78, &e), KA_OK);
    KA_ASSERT_NEAR(e, 1.9093981293136855, 1e-13);
    assert_int_equal(ka_bgnbd_expected_uncond(&cdnow_pnbd, KA_MODEL_PNBD, 0, &e), KA_OK);
    assert_true(e == 0.0);
}

/* s = 1, where (1 - (...)^(s-1)) / (s-1) becomes a logarithm: exact at 1
 * (pnbd_reference.py, the limit) and continuous on either side. */
static void test_pnbd_s_one(void **state)
{
    (void)state;
    for (int k = -1; k <= 1; k++) {
        const ka_bgnbd_params p = {0.553, 10.578, 1.0 + k * 1e-9, 11.669};
        double pa = -1, e = -1;
        assert_int_equal(ka_bgnbd_palive(&p, KA_MODEL_PNBD, 2, 30.43, 38.86, &pa), KA_OK);
        KA_ASSERT_NEAR(pa, 0.79463129490427156, k == 0 ? 1e-14 : 1e-9);
        assert_int_equal(ka_bgnbd_expected(&p, KA_MODEL_PNBD, 39, 2, 30.43, 38.86, &e), KA_OK);
        KA_ASSERT_NEAR(e, 1.1860522822793438, k == 0 ? 1e-13 : 1e-8);
    }
}

/* x = 10,000 and T = 10,000, with alpha < beta, alpha > beta and alpha = beta,
 * recency half-way, 0, T and just before T: finite and accurate
 * (pnbd_reference.py; P(alive) ~ 1e-3002 underflows to 0, its risk to 1). */
static void test_pnbd_large_frequency(void **state)
{
    (void)state;
    const ka_bgnbd_params ps[3] = {{0.553, 10.578, 0.606, 11.669},
                                   {0.553, 11.669, 0.606, 10.578},
                                   {0.553, 10.578, 0.606, 10.578}};
    const double t_x[4] = {5000, 10000, 0, 9999.5};
    const double ll_want[3][4] = {
        {-3105.5218574484106, -10017.522937990375, 58506.762758119886, -10017.522898733213},
        {-3107.703769483827, -10018.617922437297, 57525.365243505847, -10018.617883177013},
        {-3105.5809924164216, -10017.582356533625, 58506.860902487663, -10017.582317272184}};
    const double alive_want[3] = {0.99996074360845565, 0.99996074048718192, 0.99996073933009112};
    const double e_end[3] = {38.915052983941673, 38.91080730965972, 38.915047992942428};
    const double e_before[3] = {38.913525319384766, 38.909279690321385, 38.913520162088688};
    for (int i = 0; i < 3; i++)
        for (int j = 0; j < 4; j++) {
            const double x = 10000, T = 10000;
            double ll, p = -1, risk = -1, e = -1;
            assert_int_equal(ka_bgnbd_loglik(&ps[i], KA_MODEL_PNBD, &x, &t_x[j], &T, 1, &ll),
                             KA_OK);
            KA_ASSERT_NEAR(ll, ll_want[i][j], 1e-13 * fabs(ll_want[i][j]));
            assert_int_equal(ka_bgnbd_palive(&ps[i], KA_MODEL_PNBD, x, t_x[j], T, &p), KA_OK);
            assert_int_equal(ka_bgnbd_churn_risk(&ps[i], KA_MODEL_PNBD, x, t_x[j], T, &risk),
                             KA_OK);
            assert_int_equal(ka_bgnbd_expected(&ps[i], KA_MODEL_PNBD, 39, x, t_x[j], T, &e), KA_OK);
            if (j == 0 || j == 2) { /* long gone */
                assert_true(p == 0.0 && risk == 1.0 && e == 0.0);
            } else if (j == 1) { /* bought at the very end */
                assert_true(p == 1.0 && risk == 0.0);
                KA_ASSERT_NEAR(e, e_end[i], 1e-12);
            } else {
                KA_ASSERT_NEAR(p, alive_want[i], 1e-15);
                KA_ASSERT_NEAR(e, e_before[i], 1e-12);
            }
        }
}

/* The likelihood switches its expansion at alpha = beta: no step there. */
static void test_pnbd_continuous_at_alpha_beta(void **state)
{
    (void)state;
    const double x[3] = {2, 10000, 0}, t_x[3] = {30.43, 5000, 0}, T[3] = {38.86, 10000, 38.86};
    for (int c = 0; c < 3; c++) {
        const ka_bgnbd_params at = {0.553, 10.578, 0.606, 10.578};
        double ll0, p0;
        assert_int_equal(ka_bgnbd_loglik(&at, KA_MODEL_PNBD, &x[c], &t_x[c], &T[c], 1, &ll0),
                         KA_OK);
        assert_int_equal(ka_bgnbd_palive(&at, KA_MODEL_PNBD, x[c], t_x[c], T[c], &p0), KA_OK);
        for (int k = -3; k <= 3; k++) {
            const ka_bgnbd_params p = {0.553, 10.578 * (1.0 + k * 1e-12), 0.606, 10.578};
            double ll, pa;
            assert_int_equal(ka_bgnbd_loglik(&p, KA_MODEL_PNBD, &x[c], &t_x[c], &T[c], 1, &ll),
                             KA_OK);
            KA_ASSERT_NEAR(ll, ll0, 1e-12 * (1.0 + fabs(ll0)) * (1.0 + x[c]));
            assert_int_equal(ka_bgnbd_palive(&p, KA_MODEL_PNBD, x[c], t_x[c], T[c], &pa), KA_OK);
            KA_ASSERT_NEAR(pa, p0, 1e-11);
        }
    }
}

/* alpha and beta so far apart that the series would need more than 10^6
 * terms: Err:523 at once, never a wrong number or a hang. */
static void test_pnbd_not_computable(void **state)
{
    (void)state;
    const ka_bgnbd_params apart = {0.5, 1.0, 0.6, 1e-5}, tiny_alpha = {0.5, 0x1p-1074, 1, 1};
    const double x = 1, t_x = 0, T = 10;
    double v = -1;
    assert_int_equal(ka_bgnbd_loglik(&apart, KA_MODEL_PNBD, &x, &t_x, &T, 1, &v), KA_ERR_NOCONV);
    assert_int_equal(ka_bgnbd_palive(&apart, KA_MODEL_PNBD, x, t_x, T, &v), KA_ERR_NOCONV);
    assert_int_equal(ka_bgnbd_churn_risk(&tiny_alpha, KA_MODEL_PNBD, x, t_x, T, &v), KA_ERR_NOCONV);
    assert_int_equal(ka_bgnbd_expected(&apart, KA_MODEL_PNBD, 39, x, t_x, T, &v), KA_ERR_NOCONV);
    /* sums that overflow (every value near DBL_MAX) */
    const ka_bgnbd_params huge = {1e308, 1e308, 1e308, 1e308};
    assert_int_equal(ka_bgnbd_palive(&huge, KA_MODEL_PNBD, 1e308, 1e308, 1e308, &v), KA_ERR_NOCONV);
    assert_true(v == -1);
    /* a horizon far beyond the age is finite: Pareto/NBD grows like t^(1-s) */
    assert_int_equal(ka_bgnbd_expected(&cdnow_pnbd, KA_MODEL_PNBD, DBL_MAX, 2, 30.43, 38.86, &v),
                     KA_OK);
    assert_true(isfinite(v) && v > 1e100);
}

/* NOPURCHASEPROB under Pareto/NBD against its definition, 1 - P(alive) +
 * P(alive) E[mu/(lambda+mu) (1 - e^-(lambda+mu)h) + e^-(lambda+mu)h] over
 * the posterior of the rates, by two-dimensional quadrature
 * (pnbd_reference.py, mpmath at 20 digits). */
static void test_no_purchase_pnbd(void **state)
{
    (void)state;
    const struct {
        double h, x, t_x, T, want;
    } ref[] = {
        {10, 2, 30.43, 38.86, 0.68977940418914039}, {39, 2, 30.43, 38.86, 0.40806272360646352},
        {10, 0, 0, 38.86, 0.97288363682234769},     {26, 6, 34.57, 38.71, 0.18631457475095747},
        {39, 3, 38.86, 38.86, 0.2201373433080955},
    };
    for (size_t i = 0; i < sizeof ref / sizeof ref[0]; i++) {
        double prob = -1;
        assert_int_equal(ka_bgnbd_no_purchase(&cdnow_pnbd, KA_MODEL_PNBD, ref[i].h, ref[i].x,
                                              ref[i].t_x, ref[i].T, &prob),
                         KA_OK);
        KA_ASSERT_NEAR(prob, ref[i].want, 1e-12);
    }
    /* horizon 0: exactly 1; decreasing in the horizon and never below the
     * churn risk (a dead client buys nothing) */
    double prob, last = 1.0, risk;
    assert_int_equal(ka_bgnbd_no_purchase(&cdnow_pnbd, KA_MODEL_PNBD, 0, 2, 30.43, 38.86, &prob),
                     KA_OK);
    assert_true(prob == 1.0);
    assert_int_equal(ka_bgnbd_churn_risk(&cdnow_pnbd, KA_MODEL_PNBD, 2, 30.43, 38.86, &risk),
                     KA_OK);
    for (double h = 1; h <= 1e6; h *= 10) {
        assert_int_equal(
            ka_bgnbd_no_purchase(&cdnow_pnbd, KA_MODEL_PNBD, h, 2, 30.43, 38.86, &prob), KA_OK);
        assert_true(prob < last && prob >= risk);
        last = prob;
    }
}

/* x = 10,000 and T = 10,000 (where the peers' 2F1 terms overflow) with
 * alpha < beta, alpha > beta and alpha = beta: finite, in [0, 1]; a client
 * silent for half his age is surely gone (1); one who just bought buys
 * again within 39 weeks unless he is gone or dies first. */
static void test_no_purchase_pnbd_large(void **state)
{
    (void)state;
    const ka_bgnbd_params ps[3] = {{0.553, 10.578, 0.606, 11.669},
                                   {0.553, 11.669, 0.606, 10.578},
                                   {0.553, 10.578, 0.606, 10.578}};
    const double t_x[4] = {5000, 10000, 0, 9999.5};
    for (int i = 0; i < 3; i++)
        for (int j = 0; j < 4; j++) {
            double prob = -1;
            assert_int_equal(
                ka_bgnbd_no_purchase(&ps[i], KA_MODEL_PNBD, 39, 10000, t_x[j], 10000, &prob),
                KA_OK);
            assert_true(isfinite(prob) && prob >= 0.0 && prob <= 1.0);
            if (t_x[j] <= 5000) {
                KA_ASSERT_NEAR(prob, 1.0, 1e-15);
            } else {
                /* alive: lambda ~ 1 per week buys within days unless he dies
                 * first, mu / (lambda + mu) ~ E[mu] E[1 / lambda] */
                double risk, dies_first = ps[i].a / (ps[i].b + 10000) *
                                          ((ps[i].alpha + 10000) / (ps[i].r + 10000 - 1));
                assert_int_equal(
                    ka_bgnbd_churn_risk(&ps[i], KA_MODEL_PNBD, 10000, t_x[j], 10000, &risk), KA_OK);
                KA_ASSERT_NEAR(prob, risk + (1 - risk) * dies_first, 1e-3 * prob);
            }
        }
    /* invalid arguments; a T + horizon that overflows or a series that
     * does not converge is Err:523 */
    double prob = -1;
    assert_int_equal(ka_bgnbd_no_purchase(&cdnow_pnbd, KA_MODEL_PNBD, -1, 2, 30.43, 38.86, &prob),
                     KA_ERR_ARG);
    assert_int_equal(ka_bgnbd_no_purchase(&cdnow_pnbd, KA_MODEL_PNBD, 1, 2, 40, 38.86, &prob),
                     KA_ERR_ARG);
    const ka_bgnbd_params zero_s = {0.553, 10.578, 0, 11.669};
    assert_int_equal(ka_bgnbd_no_purchase(&zero_s, KA_MODEL_PNBD, 1, 2, 30.43, 38.86, &prob),
                     KA_ERR_ARG);
    assert_int_equal(
        ka_bgnbd_no_purchase(&cdnow_pnbd, KA_MODEL_PNBD, DBL_MAX, 2, 30.43, DBL_MAX, &prob),
        KA_ERR_NOCONV);
    const ka_bgnbd_params apart = {0.5, 1.0, 0.6, 1e-5};
    assert_int_equal(ka_bgnbd_no_purchase(&apart, KA_MODEL_PNBD, 1, 1, 0, 10, &prob),
                     KA_ERR_NOCONV);
    assert_true(prob == -1);
}

/* Standard errors at the CDNOW fits against tests/unit/se_reference.py
 * (scipy: the likelihood written out again, Nelder-Mead, finite differences
 * of LL in the original parameters; Pareto/NBD's integral by quadrature):
 * within 2e-3 relative, the two optima and the finite differences each
 * differing by about 1e-4.  lifetimes prints for BetaGeoFitter on CDNOW
 * se(coef) 0.0126, 0.3784, 0.1858, 0.7057 (shown as 0.01, 0.38, 0.19, 0.71,
 * its optimum a little off this one). */
static void test_std_errors_cdnow(void **state)
{
    cdnow *d = *state;
    const double want[3][4] = {{0.012557312, 0.37822114, 0.18571867, 0.70534352},
                               {0.08326268, 0.69559065, 0.15478331, 0.53746218},
                               {0.047628578, 0.84272222, 0.18727845, 6.2109846}};
    for (int m = 0; m < 3; m++) {
        ka_bgnbd_params p, se = {-1, -1, -1, -1};
        assert_int_equal(ka_bgnbd_fit(d->x, d->t_x, d->T, CDNOW_N, (ka_model)m, &p, NULL), KA_OK);
        assert_int_equal(ka_bgnbd_std_errors(&p, (ka_model)m, d->x, d->t_x, d->T, CDNOW_N, &se),
                         KA_OK);
        const double got[4] = {se.r, se.alpha, se.a, se.b};
        for (int k = 0; k < 4; k++)
            KA_ASSERT_NEAR(got[k], want[m][k], 2e-3 * want[m][k]);
        if (m == 0) {
            KA_ASSERT_NEAR(se.r, 0.0126, 5e-5);
            KA_ASSERT_NEAR(se.alpha, 0.3784, 5e-4);
            KA_ASSERT_NEAR(se.a, 0.1858, 5e-4);
            KA_ASSERT_NEAR(se.b, 0.7057, 1e-3);
        }
    }
}

/* In days instead of weeks, the errors of alpha and beta (Gamma rate
 * parameters in time units, 7 times larger) scale with them and the
 * shapes' stay; the order of the clients changes no bit. */
static void test_std_errors_unit_and_order_free(void **state)
{
    cdnow *d = *state;
    static cdnow days, rev;
    for (int i = 0; i < CDNOW_N; i++) {
        days.x[i] = d->x[i];
        days.t_x[i] = d->t_x[i] * 7.0;
        days.T[i] = d->T[i] * 7.0;
        rev.x[i] = d->x[CDNOW_N - 1 - i];
        rev.t_x[i] = d->t_x[CDNOW_N - 1 - i];
        rev.T[i] = d->T[CDNOW_N - 1 - i];
    }
    for (int m = 0; m < 3; m++) {
        ka_bgnbd_params p, se, se_days, se_rev;
        ka_bgnbd_params p_days;
        assert_int_equal(ka_bgnbd_fit(d->x, d->t_x, d->T, CDNOW_N, (ka_model)m, &p, NULL), KA_OK);
        p_days = p;
        p_days.alpha *= 7.0;
        if (m == KA_MODEL_PNBD)
            p_days.b *= 7.0;
        assert_int_equal(ka_bgnbd_std_errors(&p, (ka_model)m, d->x, d->t_x, d->T, CDNOW_N, &se),
                         KA_OK);
        assert_int_equal(
            ka_bgnbd_std_errors(&p_days, (ka_model)m, days.x, days.t_x, days.T, CDNOW_N, &se_days),
            KA_OK);
        assert_int_equal(
            ka_bgnbd_std_errors(&p, (ka_model)m, rev.x, rev.t_x, rev.T, CDNOW_N, &se_rev), KA_OK);
        assert_memory_equal(&se, &se_rev, sizeof se);
        KA_ASSERT_NEAR(se_days.r, se.r, 1e-6 * se.r);
        KA_ASSERT_NEAR(se_days.alpha, se.alpha * 7.0, 1e-5 * se.alpha);
        KA_ASSERT_NEAR(se_days.a, se.a, 1e-6 * se.a);
        KA_ASSERT_NEAR(se_days.b, m == KA_MODEL_PNBD ? se.b * 7.0 : se.b, 1e-5 * se.b);
    }
}

/* No standard errors where the information is singular: when nobody
 * repurchased, the BG/NBD likelihood does not depend on a and b (Err:523,
 * BGNBDFIT's second row then stays ""); invalid arguments are Err:502. */
static void test_std_errors_singular_and_invalid(void **state)
{
    (void)state;
    const double x[3] = {0, 0, 0}, t_x[3] = {0, 0, 0}, T[3] = {10, 20, 30};
    ka_bgnbd_params se = {-1, -1, -1, -1};
    assert_int_equal(ka_bgnbd_std_errors(&cdnow_bg, KA_MODEL_BGNBD, x, t_x, T, 3, &se),
                     KA_ERR_NOCONV);
    assert_true(se.r == -1);
    const double x1 = 2, t1 = 30.43, T1 = 38.86, bad_t = 40;
    assert_int_equal(ka_bgnbd_std_errors(NULL, KA_MODEL_BGNBD, &x1, &t1, &T1, 1, &se), KA_ERR_ARG);
    assert_int_equal(ka_bgnbd_std_errors(&cdnow_bg, KA_MODEL_BGNBD, &x1, &t1, &T1, 1, NULL),
                     KA_ERR_ARG);
    assert_int_equal(ka_bgnbd_std_errors(&cdnow_bg, KA_MODEL_BGNBD, &x1, &t1, &T1, 0, &se),
                     KA_ERR_ARG);
    assert_int_equal(ka_bgnbd_std_errors(&cdnow_bg, (ka_model)3, &x1, &t1, &T1, 1, &se),
                     KA_ERR_ARG);
    assert_int_equal(ka_bgnbd_std_errors(&cdnow_bg, KA_MODEL_BGNBD, &x1, &bad_t, &T1, 1, &se),
                     KA_ERR_ARG);
    const ka_bgnbd_params neg = {0.2426, -4.4135, 0.7929, 2.4258};
    assert_int_equal(ka_bgnbd_std_errors(&neg, KA_MODEL_BGNBD, &x1, &t1, &T1, 1, &se), KA_ERR_ARG);
    assert_true(se.r == -1);
}

int main(void)
{
    const struct CMUnitTest tests[] = {
        cmocka_unit_test(test_fit_bgnbd_cdnow),
        cmocka_unit_test(test_fit_mbgnbd_cdnow),
        cmocka_unit_test(test_fit_is_a_maximum),
        cmocka_unit_test(test_fit_deterministic_and_order_free),
        cmocka_unit_test(test_fit_unit_free),
        cmocka_unit_test(test_palive_cdnow),
        cmocka_unit_test(test_palive_mbgnbd),
        cmocka_unit_test(test_expected_cdnow),
        cmocka_unit_test(test_expected_uncond_cdnow),
        cmocka_unit_test(test_large_frequency),
        cmocka_unit_test(test_expected_near_a_one),
        cmocka_unit_test(test_expected_small_a_plus_b),
        cmocka_unit_test(test_fit_no_finite_maximum),
        cmocka_unit_test(test_check_client),
        cmocka_unit_test(test_check_params_and_model),
        cmocka_unit_test(test_invalid_input),
        cmocka_unit_test(test_expected_horizon_too_long),
        cmocka_unit_test(test_palive_overflowing_sums),
        cmocka_unit_test(test_loglik_not_representable),
        cmocka_unit_test(test_fit_extreme_clients),
        cmocka_unit_test(test_expected_not_computable),
        cmocka_unit_test(test_expected_steps),
        cmocka_unit_test(test_no_purchase_cdnow),
        cmocka_unit_test(test_no_purchase_extremes_and_invalid),
        cmocka_unit_test(test_no_purchase_simulation),
        cmocka_unit_test(test_fit_pnbd_cdnow),
        cmocka_unit_test(test_loglik_pnbd_reference),
        cmocka_unit_test(test_palive_expected_pnbd),
        cmocka_unit_test(test_pnbd_s_one),
        cmocka_unit_test(test_pnbd_large_frequency),
        cmocka_unit_test(test_pnbd_continuous_at_alpha_beta),
        cmocka_unit_test(test_pnbd_not_computable),
        cmocka_unit_test(test_no_purchase_pnbd),
        cmocka_unit_test(test_no_purchase_pnbd_large),
        cmocka_unit_test(test_std_errors_cdnow),
        cmocka_unit_test(test_std_errors_unit_and_order_free),
        cmocka_unit_test(test_std_errors_singular_and_invalid),
    };
    return cmocka_run_group_tests(tests, cdnow_load, cdnow_free);
}
