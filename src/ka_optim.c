/* ka_optim.c - deterministic BFGS minimiser and second-order check (see ka_optim.h). */
#include "ka_optim.h"

#include <math.h>
#include <string.h>

#define KA_OPTIM_ARMIJO 1e-4      /* sufficient-decrease constant */
#define KA_OPTIM_MAX_BACKTRACK 60 /* halvings before the line search gives up */
#define KA_OPTIM_STALL 3          /* accepted steps without decrease before stopping */

ka_optim_opts ka_optim_default_opts(void)
{
    ka_optim_opts o = {500, 1e-9, 4.0, 30.0};
    return o;
}

static double ka_optim_dot(const double *a, const double *b, size_t n)
{
    double s = 0.0;
    for (size_t i = 0; i < n; i++)
        s += a[i] * b[i];
    return s;
}

static double ka_optim_max_abs(const double *a, size_t n)
{
    double m = 0.0;
    for (size_t i = 0; i < n; i++)
        if (!(fabs(a[i]) <= m))
            m = fabs(a[i]); /* also propagates NaN */
    return m;
}

static int ka_optim_all_finite(const double *a, size_t n)
{
    for (size_t i = 0; i < n; i++)
        if (!isfinite(a[i]))
            return 0;
    return 1;
}

static void ka_optim_identity(double *h, size_t n)
{
    for (size_t i = 0; i < n; i++)
        for (size_t j = 0; j < n; j++)
            h[i * n + j] = i == j ? 1.0 : 0.0;
}

ka_status ka_optim_bfgs(ka_optim_fn fn, void *ctx, size_t dim, double *u, const ka_optim_opts *opts,
                        double *fmin, int *iterations)
{
    if (!fn || !u || dim == 0 || dim > KA_OPTIM_MAX_DIM || !ka_optim_all_finite(u, dim))
        return KA_ERR_ARG;
    ka_optim_opts o = opts ? *opts : ka_optim_default_opts();
    if (o.max_iter < 1 || !(o.gtol > 0.0) || !(o.max_step > 0.0) || !(o.bound > 0.0))
        return KA_ERR_ARG;

    const size_t n = dim;
    double x[KA_OPTIM_MAX_DIM], g[KA_OPTIM_MAX_DIM], p[KA_OPTIM_MAX_DIM];
    double xn[KA_OPTIM_MAX_DIM], gn[KA_OPTIM_MAX_DIM], s[KA_OPTIM_MAX_DIM];
    double y[KA_OPTIM_MAX_DIM], hy[KA_OPTIM_MAX_DIM];
    double h[KA_OPTIM_MAX_DIM * KA_OPTIM_MAX_DIM];
    double f, fnew = 0.0;

    memcpy(x, u, n * sizeof *x);
    ka_status st = fn(x, &f, g, ctx);
    if (st != KA_OK)
        return st;
    if (!isfinite(f) || !ka_optim_all_finite(g, n))
        return KA_ERR_ARG;
    ka_optim_identity(h, n);
    int h_is_identity = 1, stalls = 0, it;
    ka_status result = KA_ERR_NOCONV;

    for (it = 0; it < o.max_iter; it++) {
        double gmax = ka_optim_max_abs(g, n);
        if (gmax <= o.gtol) {
            result = KA_OK;
            break;
        }
        for (size_t i = 0; i < n; i++)
            p[i] = -ka_optim_dot(h + i * n, g, n);
        double slope = ka_optim_dot(g, p, n);
        if (!(slope < 0.0)) { /* not a descent direction: restart from steepest descent */
            ka_optim_identity(h, n);
            h_is_identity = 1;
            for (size_t i = 0; i < n; i++)
                p[i] = -g[i];
            slope = -ka_optim_dot(g, g, n);
        }
        double pmax = ka_optim_max_abs(p, n);
        if (pmax > o.max_step) {
            double k = o.max_step / pmax;
            for (size_t i = 0; i < n; i++)
                p[i] *= k;
            slope *= k;
        }

        double step = 1.0;
        int accepted = 0;
        for (int ls = 0; ls < KA_OPTIM_MAX_BACKTRACK; ls++) {
            for (size_t i = 0; i < n; i++)
                xn[i] = x[i] + step * p[i];
            st = fn(xn, &fnew, gn, ctx);
            if (st != KA_OK)
                return st;
            int finite = isfinite(fnew) && ka_optim_all_finite(gn, n);
            if (finite && fnew <= f + KA_OPTIM_ARMIJO * step * slope) {
                accepted = 1;
                break;
            }
            double next = 0.5 * step;
            if (finite) { /* minimiser of the interpolating quadratic, kept in [0.1, 0.5] step */
                double q = -slope * step * step / (2.0 * (fnew - f - slope * step));
                if (q > next)
                    q = next;
                next = q > 0.1 * step ? q : 0.1 * step;
            }
            step = next;
        }
        if (!accepted) {
            if (!h_is_identity) { /* the curvature model is stale: retry along -g */
                ka_optim_identity(h, n);
                h_is_identity = 1;
                continue;
            }
            result = gmax <= 1000.0 * o.gtol ? KA_OK : KA_ERR_NOCONV;
            break;
        }

        for (size_t i = 0; i < n; i++) {
            s[i] = xn[i] - x[i];
            y[i] = gn[i] - g[i];
        }
        stalls = fnew < f ? 0 : stalls + 1;
        memcpy(x, xn, n * sizeof *x);
        memcpy(g, gn, n * sizeof *g);
        f = fnew;
        if (ka_optim_max_abs(x, n) > o.bound) {
            result = KA_ERR_NOCONV;
            break;
        }
        if (stalls >= KA_OPTIM_STALL) {
            result = ka_optim_max_abs(g, n) <= 1000.0 * o.gtol ? KA_OK : KA_ERR_NOCONV;
            break;
        }

        double sy = ka_optim_dot(s, y, n), yy = ka_optim_dot(y, y, n);
        double ss = ka_optim_dot(s, s, n);
        if (sy > 1e-12 * sqrt(ss * yy)) {
            if (h_is_identity) { /* Shanno-Phua scaling of the first estimate */
                ka_optim_identity(h, n);
                for (size_t i = 0; i < n; i++)
                    h[i * n + i] = sy / yy;
                h_is_identity = 0;
            }
            double rho = 1.0 / sy;
            for (size_t i = 0; i < n; i++)
                hy[i] = ka_optim_dot(h + i * n, y, n);
            double yhy = ka_optim_dot(y, hy, n);
            for (size_t i = 0; i < n; i++)
                for (size_t j = 0; j < n; j++)
                    h[i * n + j] += -rho * (hy[i] * s[j] + s[i] * hy[j]) +
                                    (rho * rho * yhy + rho) * s[i] * s[j];
        }
    }

    memcpy(u, x, n * sizeof *x);
    if (fmin)
        *fmin = f;
    if (iterations)
        *iterations = it;
    return result;
}

ka_status ka_optim_hessian(ka_optim_fn fn, void *ctx, size_t dim, const double *u, double h,
                           double *hess)
{
    if (!fn || !u || !hess || dim == 0 || dim > KA_OPTIM_MAX_DIM || !(h > 0.0) || !isfinite(h))
        return KA_ERR_ARG;
    const size_t n = dim;
    double v[KA_OPTIM_MAX_DIM], gp[KA_OPTIM_MAX_DIM], gm[KA_OPTIM_MAX_DIM], fp, fm;
    memcpy(v, u, n * sizeof *v);
    for (size_t i = 0; i < n; i++) {
        v[i] = u[i] + h;
        ka_status st = fn(v, &fp, gp, ctx);
        if (st != KA_OK)
            return st;
        v[i] = u[i] - h;
        st = fn(v, &fm, gm, ctx);
        if (st != KA_OK)
            return st;
        v[i] = u[i];
        if (!isfinite(fp) || !isfinite(fm) || !ka_optim_all_finite(gp, n) ||
            !ka_optim_all_finite(gm, n))
            return KA_ERR_NOCONV;
        for (size_t j = 0; j < n; j++)
            hess[i * n + j] = (gp[j] - gm[j]) / (2.0 * h);
    }
    for (size_t i = 0; i < n; i++)
        for (size_t j = i + 1; j < n; j++) {
            double m = 0.5 * (hess[i * n + j] + hess[j * n + i]);
            hess[i * n + j] = hess[j * n + i] = m;
        }
    return KA_OK;
}

ka_status ka_optim_eigen_sym(size_t dim, const double *m, double *eig)
{
    if (!m || !eig || dim == 0 || dim > KA_OPTIM_MAX_DIM || !ka_optim_all_finite(m, dim * dim))
        return KA_ERR_ARG;
    const size_t n = dim;
    double a[KA_OPTIM_MAX_DIM * KA_OPTIM_MAX_DIM];
    memcpy(a, m, n * n * sizeof *a);

    for (int sweep = 0; sweep < 100; sweep++) {
        double off = 0.0, total = 0.0;
        for (size_t i = 0; i < n; i++)
            for (size_t j = 0; j < n; j++) {
                total += a[i * n + j] * a[i * n + j];
                if (i != j)
                    off += a[i * n + j] * a[i * n + j];
            }
        if (off <= 1e-30 * total || off == 0.0)
            break;
        for (size_t p = 0; p < n; p++)
            for (size_t q = p + 1; q < n; q++) {
                double apq = a[p * n + q];
                if (apq == 0.0)
                    continue;
                /* rotation that zeroes a[p][q] (Golub & Van Loan, sym.schur2) */
                double theta = (a[q * n + q] - a[p * n + p]) / (2.0 * apq);
                double t = (theta >= 0.0 ? 1.0 : -1.0) / (fabs(theta) + sqrt(1.0 + theta * theta));
                double c = 1.0 / sqrt(1.0 + t * t), sn = t * c;
                for (size_t k = 0; k < n; k++) { /* columns p, q */
                    double akp = a[k * n + p], akq = a[k * n + q];
                    a[k * n + p] = c * akp - sn * akq;
                    a[k * n + q] = sn * akp + c * akq;
                }
                for (size_t k = 0; k < n; k++) { /* rows p, q */
                    double apk = a[p * n + k], aqk = a[q * n + k];
                    a[p * n + k] = c * apk - sn * aqk;
                    a[q * n + k] = sn * apk + c * aqk;
                }
            }
    }
    for (size_t i = 0; i < n; i++)
        eig[i] = a[i * n + i];
    for (size_t i = 1; i < n; i++) { /* insertion sort, ascending */
        double v = eig[i];
        size_t j = i;
        while (j > 0 && eig[j - 1] > v) {
            eig[j] = eig[j - 1];
            j--;
        }
        eig[j] = v;
    }
    return KA_OK;
}

ka_status ka_optim_minimum(ka_optim_fn fn, void *ctx, size_t dim, double *u, double min_curvature)
{
    if (dim == 0 || dim > KA_OPTIM_MAX_DIM)
        return KA_ERR_NOCONV;
    ka_status st = ka_optim_bfgs(fn, ctx, dim, u, NULL, NULL, NULL);
    if (st == KA_ERR_ARG)
        return KA_ERR_NOCONV;
    double hess[KA_OPTIM_MAX_DIM * KA_OPTIM_MAX_DIM], eig[KA_OPTIM_MAX_DIM];
    if (st == KA_OK)
        st = ka_optim_hessian(fn, ctx, dim, u, 1e-4, hess);
    if (st == KA_OK)
        st = ka_optim_eigen_sym(dim, hess, eig) == KA_OK && eig[0] > min_curvature ? KA_OK
                                                                                   : KA_ERR_NOCONV;
    return st;
}

/* Inverse of the symmetric positive definite dim x dim matrix a by Cholesky
 * (a = L L^T, then the columns of L^-T L^-1).  Returns KA_ERR_NOCONV when a
 * pivot is not positive. */
static ka_status ka_optim_inverse_spd(size_t n, const double *a, double *inv)
{
    double l[KA_OPTIM_MAX_DIM * KA_OPTIM_MAX_DIM] = {0};
    for (size_t j = 0; j < n; j++) {
        double d = a[j * n + j];
        for (size_t k = 0; k < j; k++)
            d -= l[j * n + k] * l[j * n + k];
        if (!(d > 0.0))
            return KA_ERR_NOCONV;
        l[j * n + j] = sqrt(d);
        for (size_t i = j + 1; i < n; i++) {
            double v = a[i * n + j];
            for (size_t k = 0; k < j; k++)
                v -= l[i * n + k] * l[j * n + k];
            l[i * n + j] = v / l[j * n + j];
        }
    }
    for (size_t c = 0; c < n; c++) {
        double y[KA_OPTIM_MAX_DIM];
        for (size_t i = 0; i < n; i++) { /* L y = e_c */
            double v = i == c ? 1.0 : 0.0;
            for (size_t k = 0; k < i; k++)
                v -= l[i * n + k] * y[k];
            y[i] = v / l[i * n + i];
        }
        for (size_t i = n; i-- > 0;) { /* L^T x = y, x written into column c */
            double v = y[i];
            for (size_t k = i + 1; k < n; k++)
                v -= l[k * n + i] * inv[k * n + c];
            inv[i * n + c] = v / l[i * n + i];
        }
    }
    return KA_OK;
}

ka_status ka_optim_std_errors(ka_optim_fn fn, void *ctx, size_t dim, const double *u, double weight,
                              double h, double *se)
{
    if (!fn || !u || !se || dim == 0 || dim > KA_OPTIM_MAX_DIM || !isfinite(weight) ||
        !(weight > 0.0) || !(h > 0.0) || !isfinite(h))
        return KA_ERR_ARG;
    const size_t n = dim;
    double info[KA_OPTIM_MAX_DIM * KA_OPTIM_MAX_DIM], inv[KA_OPTIM_MAX_DIM * KA_OPTIM_MAX_DIM];
    double g[KA_OPTIM_MAX_DIM], eig[KA_OPTIM_MAX_DIM], f;
    ka_status st = ka_optim_hessian(fn, ctx, n, u, h, info);
    if (st == KA_OK)
        st = fn(u, &f, g, ctx);
    if (st != KA_OK)
        return st;
    if (!isfinite(f) || !ka_optim_all_finite(g, n))
        return KA_ERR_NOCONV;
    /* the Hessian in theta, up to the congruence D^-1 . D^-1 */
    for (size_t i = 0; i < n; i++) {
        info[i * n + i] -= g[i];
        for (size_t j = 0; j < n; j++)
            info[i * n + j] *= weight;
    }
    if (ka_optim_eigen_sym(n, info, eig) != KA_OK || !(eig[0] > KA_OPTIM_MIN_RCOND * eig[n - 1]))
        return KA_ERR_NOCONV;
    st = ka_optim_inverse_spd(n, info, inv);
    if (st != KA_OK)
        return st;
    double out[KA_OPTIM_MAX_DIM];
    for (size_t i = 0; i < n; i++) {
        out[i] = exp(u[i]) * sqrt(inv[i * n + i]);
        if (!isfinite(out[i]) || !(out[i] > 0.0))
            return KA_ERR_NOCONV;
    }
    memcpy(se, out, n * sizeof *se);
    return KA_OK;
}
