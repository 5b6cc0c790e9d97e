#!/usr/bin/python3
"""Reference timing: the `lifetimes` library's BetaGeoFitter.fit, re-implemented.

lifetimes is not installable here, so this file reproduces what its fit does
(lifetimes/fitters/beta_geo_fitter.py and BaseFitter._fit):
  - time scaled so that the largest age T is 10 (utils._scale_time),
  - the vectorised negative log-likelihood of BetaGeoFitter, divided by the
    number of clients, penalizer_coef 0,
  - scipy.optimize.minimize on the log-parameters from 0.1 * ones(4), tol 1e-7,
  - alpha scaled back afterwards.
Method: Nelder-Mead (lifetimes' historical fit_method; recent versions pass
method=None with an autograd gradient, i.e. BFGS).  The per-client terms are
evaluated for every client, as lifetimes does without `weights`.

Usage: bench/lifetimes_ref.py [path/to/cdnow_customers_summary.csv]
Prints the best fit time of several runs on the CDNOW summary replicated 40
times (94,280 clients), the parameters and the log-likelihood.
"""
import sys
import time

import numpy as np
from scipy.optimize import minimize
from scipy.special import gammaln

REPLICAS = 40
RUNS = 2


def negative_log_likelihood(log_params, freq, rec, T, weights, penalizer_coef):
    params = np.exp(log_params)
    r, alpha, a, b = params

    A_1 = gammaln(r + freq) - gammaln(r) + r * np.log(alpha)
    A_2 = gammaln(a + b) + gammaln(b + freq) - gammaln(b) - gammaln(a + b + freq)
    A_3 = -(r + freq) * np.log(alpha + T)
    A_4 = np.log(a) - np.log(b + np.maximum(freq, 1) - 1) - (r + freq) * np.log(rec + alpha)

    penalizer_term = penalizer_coef * sum(params ** 2)
    ll = weights * (A_1 + A_2 + np.log(np.exp(A_3) + np.exp(A_4) * (freq > 0)))
    return -ll.sum() / weights.sum() + penalizer_term


def fit(frequency, recency, T, tol=1e-7, penalizer_coef=0.0):
    frequency = np.asarray(frequency).astype(int)
    weights = np.ones_like(recency, dtype=int)
    scale = 10.0 / T.max()
    args = (frequency, recency * scale, T * scale, weights, penalizer_coef)
    out = minimize(negative_log_likelihood, x0=0.1 * np.ones(4), args=args,
                   method="Nelder-Mead", tol=tol)
    params = np.exp(out.x)
    params[1] /= scale
    ll = -negative_log_likelihood(np.log(params), frequency, recency, T, weights, 0.0) * len(T)
    return params, ll, out


def main():
    path = sys.argv[1] if len(sys.argv) > 1 else "tests/data/cdnow_customers_summary.csv"
    data = np.loadtxt(path, delimiter=",", skiprows=1)
    x, tx, T = (np.tile(data[:, i], REPLICAS) for i in (1, 2, 3))
    best = float("inf")
    for _ in range(RUNS):
        t0 = time.perf_counter()
        params, ll, out = fit(x, tx, T)
        best = min(best, time.perf_counter() - t0)
    r, alpha, a, b = params
    print("%-34s %10s  %s" % ("task", "best (ms)", "result"))
    print("%-34s %10.2f  converged %s (%d evaluations) r %.4f alpha %.4f a %.4f b %.4f LL %.2f"
          % ("lifetimes-style fit (Python)", best * 1e3, out.success, out.nfev,
             r, alpha, a, b, ll))


if __name__ == "__main__":
    main()
