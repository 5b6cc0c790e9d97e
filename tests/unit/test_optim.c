/* test_optim.c - the BFGS minimiser and its second-order check. */
#include "ka_test.h"

#include <string.h>

#include "ka_optim.h"

/* Rosenbrock: minimum 0 at (1, 1), a curved narrow valley */
static ka_status rosenbrock(const double *u, double *f, double *g, void *ctx)
{
    (void)ctx;
    double a = 1.0 - u[0], b = u[1] - u[0] * u[0];
    *f = a * a + 100.0 * b * b;
    g[0] = -2.0 * a - 400.0 * u[0] * b;
    g[1] = 200.0 * b;
    return KA_OK;
}

/* Convex quadratic with minimum at (1, -2, 3) and Hessian diag(2, 20, 200) */
static ka_status quadratic(const double *u, double *f, double *g, void *ctx)
{
    (void)ctx;
    const double c[3] = {1.0, -2.0, 3.0}, k[3] = {1.0, 10.0, 100.0};
    *f = 0.0;
    for (int i = 0; i < 3; i++) {
        *f += k[i] * (u[i] - c[i]) * (u[i] - c[i]);
        g[i] = 2.0 * k[i] * (u[i] - c[i]);
    }
    return KA_OK;
}

/* -u: decreases forever at a constant rate */
static ka_status runaway(const double *u, double *f, double *g, void *ctx)
{
    (void)ctx;
    *f = -u[0];
    g[0] = -1.0;
    return KA_OK;
}

/* exp(-u): the infimum is at +infinity, but the slope fades away */
static ka_status fading(const double *u, double *f, double *g, void *ctx)
{
    (void)ctx;
    *f = exp(-u[0]);
    g[0] = -exp(-u[0]);
    return KA_OK;
}

/* log barrier: not finite for u <= 0; minimum at u = 1 of u - log u */
static ka_status barrier(const double *u, double *f, double *g, void *ctx)
{
    (void)ctx;
    *f = u[0] > 0.0 ? u[0] - log(u[0]) : NAN;
    g[0] = u[0] > 0.0 ? 1.0 - 1.0 / u[0] : NAN;
    return KA_OK;
}

static ka_status failing(const double *u, double *f, double *g, void *ctx)
{
    (void)u, (void)f, (void)g, (void)ctx;
    return KA_ERR_NOMEM;
}

static void test_rosenbrock(void **state)
{
    (void)state;
    double u[2] = {-1.2, 1.0}, fmin = -1.0;
    int it = -1;
    assert_int_equal(ka_optim_bfgs(rosenbrock, NULL, 2, u, NULL, &fmin, &it), KA_OK);
    KA_ASSERT_NEAR(u[0], 1.0, 1e-6);
    KA_ASSERT_NEAR(u[1], 1.0, 1e-6);
    KA_ASSERT_NEAR(fmin, 0.0, 1e-12);
    assert_true(it > 0 && it < 200);
}

static void test_quadratic(void **state)
{
    (void)state;
    double u[3] = {0.0, 0.0, 0.0}, fmin;
    assert_int_equal(ka_optim_bfgs(quadratic, NULL, 3, u, NULL, &fmin, NULL), KA_OK);
    KA_ASSERT_NEAR(u[0], 1.0, 1e-9);
    KA_ASSERT_NEAR(u[1], -2.0, 1e-9);
    KA_ASSERT_NEAR(u[2], 3.0, 1e-9);
}

/* Same call, same bits. */
static void test_deterministic(void **state)
{
    (void)state;
    double u1[2] = {-1.2, 1.0}, u2[2] = {-1.2, 1.0}, f1, f2;
    assert_int_equal(ka_optim_bfgs(rosenbrock, NULL, 2, u1, NULL, &f1, NULL), KA_OK);
    assert_int_equal(ka_optim_bfgs(rosenbrock, NULL, 2, u2, NULL, &f2, NULL), KA_OK);
    assert_memory_equal(u1, u2, sizeof u1);
    assert_memory_equal(&f1, &f2, sizeof f1);
}

static void test_runaway_is_noconv(void **state)
{
    (void)state;
    double u[1] = {0.0};
    assert_int_equal(ka_optim_bfgs(runaway, NULL, 1, u, NULL, NULL, NULL), KA_ERR_NOCONV);
    assert_true(u[0] > 30.0);
}

/* A fading slope passes the gradient test far out; the curvature there is
 * what tells it from a real minimum (how ka_bgnbd_fit detects "no maximum"). */
static void test_fading_slope_has_no_curvature(void **state)
{
    (void)state;
    double u[1] = {0.0}, h[1], eig[1];
    assert_int_equal(ka_optim_bfgs(fading, NULL, 1, u, NULL, NULL, NULL), KA_OK);
    assert_true(u[0] > 15.0);
    assert_int_equal(ka_optim_hessian(fading, NULL, 1, u, 1e-4, h), KA_OK);
    assert_int_equal(ka_optim_eigen_sym(1, h, eig), KA_OK);
    assert_true(eig[0] < 1e-8);
}

/* The fit's minimum: a real one passes, a fading slope, a runaway and a
 * refused start are no convergence. */
static void test_minimum(void **state)
{
    (void)state;
    double u[3] = {0.0, 0.0, 0.0};
    assert_int_equal(ka_optim_minimum(quadratic, NULL, 3, u, 1e-6), KA_OK);
    double one[1] = {0.0};
    assert_int_equal(ka_optim_minimum(fading, NULL, 1, one, 1e-6), KA_ERR_NOCONV);
    one[0] = 0.0;
    assert_int_equal(ka_optim_minimum(runaway, NULL, 1, one, 1e-6), KA_ERR_NOCONV);
    double start_nan[1] = {NAN};
    assert_int_equal(ka_optim_minimum(barrier, NULL, 1, start_nan, 1e-6), KA_ERR_NOCONV);
    assert_int_equal(ka_optim_minimum(failing, NULL, 2, u, 1e-6), KA_ERR_NOMEM);
}

static void test_non_finite_region_is_avoided(void **state)
{
    (void)state;
    double u[1] = {5.0};
    assert_int_equal(ka_optim_bfgs(barrier, NULL, 1, u, NULL, NULL, NULL), KA_OK);
    KA_ASSERT_NEAR(u[0], 1.0, 1e-8);
}

static void test_iteration_limit(void **state)
{
    (void)state;
    ka_optim_opts o = ka_optim_default_opts();
    o.max_iter = 3;
    double u[2] = {-1.2, 1.0};
    assert_int_equal(ka_optim_bfgs(rosenbrock, NULL, 2, u, &o, NULL, NULL), KA_ERR_NOCONV);
}

static void test_bad_arguments(void **state)
{
    (void)state;
    double u[2] = {0.0, 0.0}, bad[2] = {NAN, 0.0}, start_nan[1] = {-1.0};
    assert_int_equal(ka_optim_bfgs(rosenbrock, NULL, 0, u, NULL, NULL, NULL), KA_ERR_ARG);
    assert_int_equal(ka_optim_bfgs(rosenbrock, NULL, KA_OPTIM_MAX_DIM + 1, u, NULL, NULL, NULL),
                     KA_ERR_ARG);
    assert_int_equal(ka_optim_bfgs(NULL, NULL, 2, u, NULL, NULL, NULL), KA_ERR_ARG);
    assert_int_equal(ka_optim_bfgs(rosenbrock, NULL, 2, NULL, NULL, NULL, NULL), KA_ERR_ARG);
    assert_int_equal(ka_optim_bfgs(rosenbrock, NULL, 2, bad, NULL, NULL, NULL), KA_ERR_ARG);
    assert_int_equal(ka_optim_bfgs(barrier, NULL, 1, start_nan, NULL, NULL, NULL), KA_ERR_ARG);
    assert_int_equal(ka_optim_bfgs(failing, NULL, 2, u, NULL, NULL, NULL), KA_ERR_NOMEM);
}

static void test_hessian_and_eigen(void **state)
{
    (void)state;
    double u[3] = {0.5, 0.5, 0.5}, h[9], eig[3];
    assert_int_equal(ka_optim_hessian(quadratic, NULL, 3, u, 1e-4, h), KA_OK);
    KA_ASSERT_NEAR(h[0], 2.0, 1e-8);
    KA_ASSERT_NEAR(h[4], 20.0, 1e-8);
    KA_ASSERT_NEAR(h[8], 200.0, 1e-8);
    KA_ASSERT_NEAR(h[1], 0.0, 1e-8);
    assert_int_equal(ka_optim_eigen_sym(3, h, eig), KA_OK);
    KA_ASSERT_NEAR(eig[0], 2.0, 1e-8);
    KA_ASSERT_NEAR(eig[1], 20.0, 1e-8);
    KA_ASSERT_NEAR(eig[2], 200.0, 1e-8);
}

/* [[2,1],[1,2]] has eigenvalues 1 and 3; Rosenbrock's Hessian at (1,1) is
 * [[802,-400],[-400,200]] with eigenvalues 501 -+ sqrt(250601). */
static void test_eigen_known(void **state)
{
    (void)state;
    const double m[4] = {2, 1, 1, 2};
    double eig[2], h[4], u[2] = {1.0, 1.0};
    assert_int_equal(ka_optim_eigen_sym(2, m, eig), KA_OK);
    KA_ASSERT_NEAR(eig[0], 1.0, 1e-14);
    KA_ASSERT_NEAR(eig[1], 3.0, 1e-14);
    assert_int_equal(ka_optim_hessian(rosenbrock, NULL, 2, u, 1e-5, h), KA_OK);
    assert_int_equal(ka_optim_eigen_sym(2, h, eig), KA_OK);
    KA_ASSERT_NEAR(eig[0], 501.0 - sqrt(250601.0), 1e-5);
    KA_ASSERT_NEAR(eig[1], 501.0 + sqrt(250601.0), 1e-5);
    const double nan_m[4] = {1, NAN, NAN, 1};
    assert_int_equal(ka_optim_eigen_sym(2, nan_m, eig), KA_ERR_ARG);
    assert_int_equal(ka_optim_hessian(rosenbrock, NULL, 2, u, 0.0, h), KA_ERR_ARG);
}

/* f(u) = sum k_i u_i^2 / 2 + c_i u_i (minimum off 0 when c != 0), with the
 * diagonal Hessian k from ctx; k = {1, -1} is a saddle, {1, 0} flat. */
typedef struct diag_quad {
    double k[2], c[2];
} diag_quad;

static ka_status diag_quadratic(const double *u, double *f, double *g, void *ctx)
{
    const diag_quad *q = ctx;
    *f = 0.0;
    for (int i = 0; i < 2; i++) {
        *f += 0.5 * q->k[i] * u[i] * u[i] + q->c[i] * u[i];
        g[i] = q->k[i] * u[i] + q->c[i];
    }
    return KA_OK;
}

/* At a minimum u = 0 in log-parameters theta = e^u = 1, the information in
 * theta is weight diag(k): se_i = 1 / sqrt(weight k_i).  Elsewhere the
 * gradient term counts: at u = log 2 with k = 4, c = -4 log 2, the Hessian
 * of f(log theta) in theta is (k - g) / theta^2 = 1, so se = 1 / sqrt(w). */
static void test_std_errors_known(void **state)
{
    (void)state;
    diag_quad q = {{4.0, 100.0}, {0.0, 0.0}};
    double u[2] = {0.0, 0.0}, se[2];
    assert_int_equal(ka_optim_std_errors(diag_quadratic, &q, 2, u, 25.0, 1e-4, se), KA_OK);
    KA_ASSERT_NEAR(se[0], 1.0 / sqrt(100.0), 1e-12);
    KA_ASSERT_NEAR(se[1], 1.0 / sqrt(2500.0), 1e-12);
    diag_quad off = {{4.0, 4.0}, {-4.0 * log(2.0), 0.0}};
    double v[2] = {log(2.0), 0.0};
    assert_int_equal(ka_optim_std_errors(diag_quadratic, &off, 2, v, 9.0, 1e-4, se), KA_OK);
    /* theta_0 = 2: d2/dtheta2 of f(log theta) = (k - g) / theta^2 with
     * g = 4 log 2 - 4 log 2 = 0 at this u: 4 / 4 = 1 */
    KA_ASSERT_NEAR(se[0], 1.0 / 3.0, 1e-10);
    KA_ASSERT_NEAR(se[1], 1.0 / 6.0, 1e-10);
    double w[2] = {1.0, 0.0}; /* g_0 = 4 - 4 log 2 > 0: (k - g) = 4 log 2, theta = e */
    assert_int_equal(ka_optim_std_errors(diag_quadratic, &off, 2, w, 1.0, 1e-4, se), KA_OK);
    KA_ASSERT_NEAR(se[0], exp(1.0) / sqrt(4.0 * log(2.0)), 1e-9);
    /* the values are the same bits on every call */
    double again[2];
    assert_int_equal(ka_optim_std_errors(diag_quadratic, &off, 2, w, 1.0, 1e-4, again), KA_OK);
    assert_memory_equal(se, again, sizeof se);
}

/* A saddle, a flat direction and an almost flat one have no standard
 * errors; se is left untouched. */
static void test_std_errors_not_positive_definite(void **state)
{
    (void)state;
    const diag_quad cases[] = {{{1.0, -1.0}, {0.0, 0.0}},
                               {{1.0, 0.0}, {0.0, 0.0}},
                               {{1.0, 1e-12}, {0.0, 0.0}},
                               {{-1.0, -2.0}, {0.0, 0.0}}};
    double u[2] = {0.0, 0.0}, se[2] = {-1.0, -1.0};
    for (size_t i = 0; i < sizeof cases / sizeof cases[0]; i++)
        assert_int_equal(
            ka_optim_std_errors(diag_quadratic, (void *)&cases[i], 2, u, 10.0, 1e-4, se),
            KA_ERR_NOCONV);
    assert_true(se[0] == -1.0 && se[1] == -1.0);
    /* a point where the objective is not finite nearby */
    double at[1] = {1e-5};
    assert_int_equal(ka_optim_std_errors(barrier, NULL, 1, at, 1.0, 1e-4, se), KA_ERR_NOCONV);
    /* bad arguments, and fn's own status */
    diag_quad q = {{1.0, 1.0}, {0.0, 0.0}};
    assert_int_equal(ka_optim_std_errors(NULL, &q, 2, u, 1.0, 1e-4, se), KA_ERR_ARG);
    assert_int_equal(ka_optim_std_errors(diag_quadratic, &q, 0, u, 1.0, 1e-4, se), KA_ERR_ARG);
    assert_int_equal(ka_optim_std_errors(diag_quadratic, &q, 2, NULL, 1.0, 1e-4, se), KA_ERR_ARG);
    assert_int_equal(ka_optim_std_errors(diag_quadratic, &q, 2, u, 1.0, 1e-4, NULL), KA_ERR_ARG);
    assert_int_equal(ka_optim_std_errors(diag_quadratic, &q, 2, u, 0.0, 1e-4, se), KA_ERR_ARG);
    assert_int_equal(ka_optim_std_errors(diag_quadratic, &q, 2, u, NAN, 1e-4, se), KA_ERR_ARG);
    assert_int_equal(ka_optim_std_errors(diag_quadratic, &q, 2, u, 1.0, 0.0, se), KA_ERR_ARG);
    assert_int_equal(ka_optim_std_errors(failing, NULL, 2, u, 1.0, 1e-4, se), KA_ERR_NOMEM);
}

int main(void)
{
    const struct CMUnitTest tests[] = {
        cmocka_unit_test(test_rosenbrock),
        cmocka_unit_test(test_quadratic),
        cmocka_unit_test(test_deterministic),
        cmocka_unit_test(test_runaway_is_noconv),
        cmocka_unit_test(test_fading_slope_has_no_curvature),
        cmocka_unit_test(test_minimum),
        cmocka_unit_test(test_non_finite_region_is_avoided),
        cmocka_unit_test(test_iteration_limit),
        cmocka_unit_test(test_bad_arguments),
        cmocka_unit_test(test_hessian_and_eigen),
        cmocka_unit_test(test_eigen_known),
        cmocka_unit_test(test_std_errors_known),
        cmocka_unit_test(test_std_errors_not_positive_definite),
    };
    return cmocka_run_group_tests(tests, NULL, NULL);
}
