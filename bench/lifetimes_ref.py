#!/usr/bin/python3
"""Reference timing: the `lifetimes` library's BetaGeoFitter.fit, re-implemented.

lifetimes (0.11.x) is not installable here, so this file reproduces what its
fit does (lifetimes/fitters/beta_geo_fitter.py BetaGeoFitter.fit and
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
The gradient is derived by hand from the same expression and checked against
finite differences by `--check`.

Usage: bench/lifetimes_ref.py [--check] [path/to/cdnow_customers_summary.csv]
Prints the best fit time of several runs on the CDNOW summary replicated 40
times (94,280 clients), the parameters and the log-likelihood.
bench/run_bench.py imports fit() and load() from here.
"""
import sys
import time

import numpy as np
from scipy.optimize import minimize
from scipy.special import digamma, gammaln

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


def load(path, replicas=REPLICAS):
    data = np.loadtxt(path, delimiter=",", skiprows=1)
    return tuple(np.tile(data[:, i], replicas) for i in (1, 2, 3))


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


def main():
    argv = [a for a in sys.argv[1:] if a != "--check"]
    path = argv[0] if argv else "tests/data/cdnow_customers_summary.csv"
    x, tx, T = load(path)
    if "--check" in sys.argv:
        print("gradient check: worst relative error %.2e" % check_gradient(x, tx, T))
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


if __name__ == "__main__":
    main()
