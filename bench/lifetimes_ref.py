#!/usr/bin/python3
"""Reference timings: the `lifetimes` library's BetaGeoFitter.fit,
GammaGammaFitter.fit and ParetoNBDFitter.fit, re-implemented.

lifetimes (0.11.x) is not installable here, so this file reproduces what its
fits do.  BetaGeoFitter.fit (lifetimes/fitters/beta_geo_fitter.py and
lifetimes/fitters/__init__.py BaseFitter._fit):
  - time scaled so that the largest age T is 1 (utils._scale_time:
    1.0 / T.max(); older releases used 10 / T.max()),
  - the vectorised negative log-likelihood of BetaGeoFitter over every client
    (weights all 1: lifetimes does not compress equal rows), divided by the
    number of clients, penalizer_coef 0,
  - scipy.optimize.minimize(value_and_grad(nll), jac=True, method=None,
    tol=1e-7, x0=0.1 * ones(4)) on the log-parameters.  method=None with no
    bounds or constraints is BFGS; jac=True means the objective returns the
    exact gradient (autograd in lifetimes, the analytic gradient below here),
  - alpha scaled back afterwards.
GammaGammaFitter.fit (lifetimes/fitters/gamma_gamma_fitter.py, through the
same BaseFitter._fit): the negative log-likelihood of the Monetary values
(Hardie's note 025, eq. 1a) divided by the number of clients, BFGS on the
log-parameters from 0.1 * ones(3), tol 1e-7, jac=True; fitted, as lifetimes'
documentation does, to the repeat buyers only (frequency > 0).  lifetimes
then computes the Hessian with autograd for its standard errors; that is
left out here, so the reference is, if anything, faster than lifetimes.
ParetoNBDFitter.fit (lifetimes/fitters/pareto_nbd_fitter.py, its own _fit):
time scaled as above, the likelihood of Fader & Hardie's note 009 eq. 18 with
log(A_0) as lifetimes computes it (eqs. 19-20: scipy's hyp2f1 for the two
2F1 terms and a signed logsumexp of their difference), the negative sum over
the clients (divided by the mean weight, 1), minimize(method="Nelder-Mead",
tol=1e-4, options maxiter=2000) on the parameters themselves (not their
logs; a non-positive parameter gives inf), alpha and beta scaled back.
lifetimes draws its start from normal(1, 0.05) on every fit; here the draw
comes from a fixed seed, so every run takes the same path.
The gradients are derived by hand from the same expressions and checked
against finite differences by `--check`.

Usage: bench/lifetimes_ref.py [--check] [--pnbd] [summary.csv [monetary.csv]]
Prints the best fit time of several runs on the CDNOW summary replicated 40
times (94,280 clients), the parameters and the log-likelihood; --pnbd adds the
Pareto/NBD fit (about half a minute).
bench/run_bench.py imports fit(), gg_fit(), pnbd_fit(), load() and
load_monetary() from here.
"""
import sys
import time

import numpy as np
from scipy.optimize import minimize
from scipy.special import digamma, gammaln, hyp2f1, logsumexp

REPLICAS = 40
RUNS = 3


def negative_log_likelihood(log_params, freq, rec, T, weights, penalizer_coef):
    """lifetimes' BetaGeoFitter._negative_log_likelihood, with its gradient
    with respect to the log-parameters (what value_and_grad returns)."""
    params = np.exp(log_params)
    r, alpha, a, b = params
    x = freq
    pos = x > 0

    A_1 = gammaln(r + x) - gammaln(r) + r * np.log(alpha)
    A_2 = gammaln(a + b) + gammaln(b + x) - gammaln(b) - gammaln(a + b + x)
    log_aT = np.log(alpha + T)
    log_ar = np.log(rec + alpha)
    b1 = b + np.maximum(x, 1) - 1
    A_3 = -(r + x) * log_aT
    A_4 = np.log(a) - np.log(b1) - (r + x) * log_ar
    # log(exp(A_3) + exp(A_4) * (x > 0)), computed without overflow; same value
    A_4m = np.where(pos, A_4, -np.inf)
    m = np.maximum(A_3, A_4m)
    e3 = np.exp(A_3 - m)
    e4 = np.exp(A_4m - m)
    s = e3 + e4
    ll_i = A_1 + A_2 + m + np.log(s)
    W = weights.sum()
    ll = (weights * ll_i).sum()
    f = -ll / W + penalizer_coef * np.sum(params ** 2)

    w3 = e3 / s  # share of the A_3 branch
    w4 = e4 / s
    # d ll_i / d param
    dr = digamma(r + x) - digamma(r) + np.log(alpha) - w3 * log_aT - w4 * log_ar
    dalpha = r / alpha - w3 * (r + x) / (alpha + T) - w4 * (r + x) / (rec + alpha)
    psi_ab = digamma(a + b)
    psi_abx = digamma(a + b + x)
    da = psi_ab - psi_abx + w4 / a
    db = psi_ab + digamma(b + x) - digamma(b) - psi_abx - w4 / b1
    grad_p = -np.array([(weights * d).sum() for d in (dr, dalpha, da, db)]) / W
    grad_p += 2 * penalizer_coef * params
    return f, grad_p * params  # chain rule: d/d log p = p * d/dp


def fit(frequency, recency, T, tol=1e-7, penalizer_coef=0.0, initial_params=None):
    """BetaGeoFitter().fit(frequency, recency, T): returns (params r, alpha,
    a, b), the log-likelihood on the unscaled data, scipy's result."""
    frequency = np.asarray(frequency).astype(int)
    recency = np.asarray(recency, dtype=float)
    T = np.asarray(T, dtype=float)
    weights = np.ones_like(recency, dtype=int)
    scale = 1.0 / T.max()
    args = (frequency, recency * scale, T * scale, weights, penalizer_coef)
    x0 = 0.1 * np.ones(4) if initial_params is None else initial_params
    out = minimize(negative_log_likelihood, jac=True, method=None, tol=tol, x0=x0, args=args)
    params = np.exp(out.x)
    params[1] /= scale
    f, _ = negative_log_likelihood(np.log(params), frequency, recency, T, weights, 0.0)
    return params, -f * len(T), out


def gg_negative_log_likelihood(log_params, x, m, weights, penalizer_coef):
    """lifetimes' GammaGammaFitter._negative_log_likelihood, with its gradient
    with respect to the log-parameters."""
    params = np.exp(log_params)
    p, q, v = params
    px = p * x
    log_xmv = np.log(x * m + v)
    ll_i = (gammaln(px + q) - gammaln(px) - gammaln(q) + q * np.log(v) + (px - 1) * np.log(m)
            + px * np.log(x) - (px + q) * log_xmv)
    W = weights.sum()
    f = -(weights * ll_i).sum() / W + penalizer_coef * np.sum(params ** 2)
    psi = digamma(px + q)
    dp = x * (psi - digamma(px) + np.log(m) + np.log(x) - log_xmv)
    dq = psi - digamma(q) + np.log(v) - log_xmv
    dv = q / v - (px + q) / (x * m + v)
    grad_p = -np.array([(weights * d).sum() for d in (dp, dq, dv)]) / W
    grad_p += 2 * penalizer_coef * params
    return f, grad_p * params


def gg_fit(frequency, monetary, tol=1e-7):
    """GammaGammaFitter().fit(frequency, monetary) over the repeat buyers:
    returns (params p, q, v), the log-likelihood (the sum over those
    clients), scipy's result."""
    keep = np.asarray(frequency) > 0
    x = np.asarray(frequency, dtype=float)[keep]
    m = np.asarray(monetary, dtype=float)[keep]
    weights = np.ones_like(x, dtype=int)
    out = minimize(gg_negative_log_likelihood, jac=True, method=None, tol=tol, x0=0.1 * np.ones(3),
                   args=(x, m, weights, 0.0))
    return np.exp(out.x), -out.fun * len(x), out


def pnbd_log_A_0(params, x, rec, T):
    """lifetimes' ParetoNBDFitter._log_A_0 (note 009, eqs. 19 and 20)."""
    r, alpha, s, beta = params
    if alpha < beta:
        lo, hi, t = alpha, beta, r + x
    else:
        lo, hi, t = beta, alpha, s + 1
    d = hi - lo
    rsf = r + s + x
    p_1 = hyp2f1(rsf, t, rsf + 1.0, d / (hi + rec))
    q_1 = hi + rec
    p_2 = hyp2f1(rsf, t, rsf + 1.0, d / (hi + T))
    q_2 = hi + T
    sign = np.ones(len(x))
    return logsumexp([np.log(p_1) + rsf * np.log(q_2), np.log(p_2) + rsf * np.log(q_1)], axis=0,
                     b=[sign, -sign]) - rsf * np.log(q_1 * q_2)


def pnbd_log_likelihood(params, x, rec, T):
    """lifetimes' ParetoNBDFitter._conditional_log_likelihood (note 009, eq. 18)."""
    r, alpha, s, beta = params
    A_1 = gammaln(r + x) - gammaln(r) + r * np.log(alpha) + s * np.log(beta)
    log_A_0 = pnbd_log_A_0(params, x, rec, T)
    A_2 = np.logaddexp(-(r + x) * np.log(alpha + T) - s * np.log(beta + T),
                       np.log(s) + log_A_0 - np.log(r + s + x))
    return A_1 + A_2


def pnbd_negative_log_likelihood(params, x, rec, T, weights, penalizer_coef):
    """lifetimes' ParetoNBDFitter._negative_log_likelihood."""
    if np.any(np.asarray(params) <= 0.0):
        return np.inf
    ll = pnbd_log_likelihood(params, x, rec, T)
    return -(weights * ll).sum() / weights.mean() + penalizer_coef * np.sum(np.asarray(params) ** 2)


def pnbd_fit(frequency, recency, T, tol=1e-4, maxiter=2000, seed=0):
    """ParetoNBDFitter().fit(frequency, recency, T): returns (params r,
    alpha, s, beta), the log-likelihood on the unscaled data, scipy's result."""
    x = np.asarray(frequency).astype(int)
    rec = np.asarray(recency, dtype=float)
    T = np.asarray(T, dtype=float)
    weights = np.ones(len(x), dtype=np.int64)
    scale = 1.0 / T.max()
    x0 = np.random.default_rng(seed).normal(1.0, scale=0.05, size=4)
    out = minimize(pnbd_negative_log_likelihood, method="Nelder-Mead", tol=tol, x0=x0,
                   args=(x, rec * scale, T * scale, weights, 0.0),
                   options={"disp": False, "maxiter": maxiter})
    params = out.x.copy()
    params[1] /= scale
    params[3] /= scale
    return params, pnbd_log_likelihood(params, x, rec, T).sum(), out


def load(path, replicas=REPLICAS):
    data = np.loadtxt(path, delimiter=",", skiprows=1)
    return tuple(np.tile(data[:, i], replicas) for i in (1, 2, 3))


def load_monetary(path, replicas=REPLICAS):
    """Frequency and Monetary of tests/data/cdnow_customers_monetary.csv
    (tools/make_cdnow_monetary.py), replicated as load() does."""
    data = np.loadtxt(path, delimiter=",", skiprows=1)
    return tuple(np.tile(data[:, i], replicas) for i in (1, 2))


def check_gradient(x, tx, T):
    """Compares the analytic gradient with central differences."""
    scale = 1.0 / T.max()
    args = (x.astype(int), tx * scale, T * scale, np.ones_like(T, dtype=int), 0.0)
    worst = 0.0
    for p in (np.full(4, 0.1), np.log([0.24, 4.4 * scale, 0.79, 2.4]), np.array([-1.0, 0.5, 1.0, -0.3])):
        _, g = negative_log_likelihood(p, *args)
        for k in range(4):
            h = np.zeros(4)
            h[k] = 1e-6
            num = (negative_log_likelihood(p + h, *args)[0]
                   - negative_log_likelihood(p - h, *args)[0]) / 2e-6
            worst = max(worst, abs(num - g[k]) / max(1.0, abs(num)))
    return worst


def check_gg_gradient(x, m):
    """The same for the Gamma-Gamma likelihood (repeat buyers only)."""
    keep = x > 0
    args = (x[keep], m[keep], np.ones(int(keep.sum()), dtype=int), 0.0)
    worst = 0.0
    for p in (np.full(3, 0.1), np.log([6.25, 3.74, 15.44]), np.array([1.0, 0.2, 2.0])):
        _, g = gg_negative_log_likelihood(p, *args)
        for k in range(3):
            h = np.zeros(3)
            h[k] = 1e-6
            num = (gg_negative_log_likelihood(p + h, *args)[0]
                   - gg_negative_log_likelihood(p - h, *args)[0]) / 2e-6
            worst = max(worst, abs(num - g[k]) / max(1.0, abs(num)))
    return worst


def main():
    argv = [a for a in sys.argv[1:] if not a.startswith("--")]
    path = argv[0] if argv else "tests/data/cdnow_customers_summary.csv"
    mpath = argv[1] if len(argv) > 1 else "tests/data/cdnow_customers_monetary.csv"
    x, tx, T = load(path)
    xm, m = load_monetary(mpath)
    if "--check" in sys.argv:
        print("gradient check: worst relative error %.2e (BG/NBD), %.2e (Gamma-Gamma)"
              % (check_gradient(x, tx, T), check_gg_gradient(xm, m)))
    best = float("inf")
    for _ in range(RUNS):
        t0 = time.perf_counter()
        params, ll, out = fit(x, tx, T)
        best = min(best, time.perf_counter() - t0)
    r, alpha, a, b = params
    print("%-34s %10s  %s" % ("task", "best (ms)", "result"))
    print("%-34s %10.2f  BFGS (method=None) %s, %d iterations, %d evaluations: r %.4f alpha %.4f a %.4f b %.4f LL %.2f"
          % ("lifetimes-style fit (Python)", best * 1e3,
             "converged" if out.success else "NOT converged (%s)" % out.message,
             out.nit, out.nfev, r, alpha, a, b, ll))
    best = float("inf")
    for _ in range(RUNS):
        t0 = time.perf_counter()
        params, ll, out = gg_fit(xm, m)
        best = min(best, time.perf_counter() - t0)
    print("%-34s %10.2f  BFGS %s, %d iterations, %d evaluations: p %.4f q %.4f v %.4f LL %.2f"
          % ("lifetimes-style Gamma-Gamma fit", best * 1e3,
             "converged" if out.success else "NOT converged (%s)" % out.message,
             out.nit, out.nfev, *params, ll))
    if "--pnbd" in sys.argv:
        t0 = time.perf_counter()
        params, ll, out = pnbd_fit(x, tx, T)
        print("%-34s %10.2f  Nelder-Mead %s, %d iterations, %d evaluations: r %.4f alpha %.4f s %.4f beta %.4f LL %.2f"
              % ("lifetimes-style Pareto/NBD fit", (time.perf_counter() - t0) * 1e3,
                 "converged" if out.success else "NOT converged (%s)" % out.message,
                 out.nit, out.nfev, *params, ll))


if __name__ == "__main__":
    main()
