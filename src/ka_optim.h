/* ka_optim.h - a small deterministic unconstrained minimiser (BFGS) and its
 * second-order check.
 *
 * BFGS with the inverse-Hessian update, an Armijo backtracking line search
 * that also backs off from non-finite values, and a step-length cap.  No
 * randomness and no dependence on anything but the inputs: the same call
 * gives the same bits.  Dimensions up to KA_OPTIM_MAX_DIM, no allocation.
 * The BG/NBD fit uses it on log-parameters; see docs/churn.md.
 */
#ifndef KA_OPTIM_H
#define KA_OPTIM_H

#include <stddef.h>

#include "ka_status.h"

#define KA_OPTIM_MAX_DIM 16

/* Objective: f(u) and its gradient at u (dim values).
 * Writes *f and grad[0..dim-1].  A point outside the objective's domain may
 * report a non-finite *f (the line search then steps back); any status other
 * than KA_OK aborts the minimisation with that status. */
typedef ka_status (*ka_optim_fn)(const double *u, double *f, double *grad, void *ctx);

typedef struct ka_optim_opts {
    int max_iter;    /* iterations before KA_ERR_NOCONV (default 500) */
    double gtol;     /* converged when max |grad_i| <= gtol (default 1e-9) */
    double max_step; /* longest step in any coordinate per iteration (default 4) */
    double bound;    /* KA_ERR_NOCONV as soon as some |u_i| > bound: the minimum
                        is at infinity (default 30) */
} ka_optim_opts;

/* The defaults above, for callers that want to change one field. */
ka_optim_opts ka_optim_default_opts(void);

/* Minimises fn by BFGS, starting from u.
 * fn, ctx: the objective and its context (ctx is passed through untouched).
 * dim: 1 .. KA_OPTIM_MAX_DIM.  u: in: start (f must be finite there); out:
 * the minimiser (on KA_ERR_NOCONV, the last iterate).  opts: NULL for the
 * defaults.  fmin, iterations: optional (may be NULL).
 * Returns KA_OK when the gradient criterion is met (or no further decrease
 * is possible with the gradient within 1000 * gtol); KA_ERR_ARG (Err:502) for
 * a bad dimension, NULL pointers or a non-finite start; KA_ERR_NOCONV
 * (Err:523) after max_iter iterations, when an iterate leaves the box
 * |u_i| <= bound, or when the line search stalls far from a stationary
 * point; any other status fn returns. */
ka_status ka_optim_bfgs(ka_optim_fn fn, void *ctx, size_t dim, double *u, const ka_optim_opts *opts,
                        double *fmin, int *iterations);

/* The minimum a maximum-likelihood fit needs: BFGS from u (default
 * options), then a clearly positive curvature there, the smallest
 * eigenvalue of the Hessian (step 1e-4) above min_curvature, which tells a
 * real minimum from a slope fading out towards infinity.  dim, fn and u
 * must be valid (the caller's constants).  Returns KA_OK with u at the
 * minimum; KA_ERR_NOCONV (Err:523) when there is none: BFGS does not
 * converge, the objective refuses the start (its KA_ERR_ARG: the data are
 * valid, the likelihood is not finite there) or the curvature is too
 * small; KA_ERR_NOMEM or another status fn returns. */
ka_status ka_optim_minimum(ka_optim_fn fn, void *ctx, size_t dim, double *u, double min_curvature);

/* Hessian of fn at u by central differences of its gradient (step h per
 * coordinate), symmetrised.  hess: dim * dim values, row-major, written.
 * Returns KA_OK; KA_ERR_ARG for a bad dimension, NULL pointers or h <= 0;
 * KA_ERR_NOCONV if fn is not finite around u; any status fn returns. */
ka_status ka_optim_hessian(ka_optim_fn fn, void *ctx, size_t dim, const double *u, double h,
                           double *hess);

/* Eigenvalues of the symmetric dim x dim matrix m (row-major, not modified)
 * by cyclic Jacobi rotations, ascending, into eig[0..dim-1].
 * Returns KA_OK; KA_ERR_ARG for a bad dimension, NULL pointers or non-finite
 * entries. */
ka_status ka_optim_eigen_sym(size_t dim, const double *m, double *eig);

/* Smallest eigenvalue, relative to the largest, of an observed information
 * that ka_optim_std_errors inverts: below it the matrix is numerically
 * singular (finite differences carry errors near 1e-8 relative). */
#define KA_OPTIM_MIN_RCOND 1e-9

/* Standard errors of a maximum-likelihood estimate theta = e^u found by
 * minimising fn(u) = -loglik(e^u) / weight over log-parameters u: the
 * square roots of the diagonal of the inverse observed information in the
 * ORIGINAL parameters theta,
 *   -d2 loglik / d theta2 = weight D^-1 (H - diag(g)) D^-1,  D = diag(e^u),
 * H and g fn's Hessian (ka_optim_hessian, step h) and gradient at u (g is
 * about 0 at a minimum; with it the formula is exact anywhere).  So
 * se_i = e^(u_i) sqrt([(weight (H - diag(g)))^-1]_ii): the delta method.
 * se: dim values, written on success only.
 * Returns KA_OK with every se_i finite and > 0; KA_ERR_NOCONV (Err:523)
 * when the information is not clearly positive definite (its smallest
 * eigenvalue <= KA_OPTIM_MIN_RCOND times the largest: a flat direction, a
 * saddle, a maximum on the boundary), fn is not finite around u, or a
 * standard error is not finite; KA_ERR_ARG for a bad dimension, NULL
 * pointers, h <= 0 or weight not finite and > 0; any status fn returns. */
ka_status ka_optim_std_errors(ka_optim_fn fn, void *ctx, size_t dim, const double *u, double weight,
                              double h, double *se);

#endif
