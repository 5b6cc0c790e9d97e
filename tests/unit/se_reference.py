"""Standard-error reference values for tests/unit/test_bgnbd.c and
tests/unit/test_spend.c, independent of the C core's method: each model's
log-likelihood written out again with numpy/scipy (Debian's python3-numpy,
python3-scipy; Pareto/NBD's integral by scipy.integrate.quad, not by the
core's series), maximised with scipy's Nelder-Mead at tight tolerances, and
the observed information -d2 LL / d theta2 in the ORIGINAL parameters by
central finite differences of LL (relative steps 1e-3, and 2e-3 as a check:
the two agree to 1e-5 .. 2e-4 relative).
The standard errors are the square roots of the diagonal of its inverse.

Run: /usr/bin/python3 tests/unit/se_reference.py tests/data
"""
import csv
import os
import sys

import numpy as np
from scipy.integrate import quad
from scipy.optimize import minimize
from scipy.special import gammaln


def read(path, cols):
    with open(path) as f:
        rows = list(csv.DictReader(f))
    return [np.array([float(r[c]) for r in rows]) for c in cols]


def ll_bgnbd(th, x, tx, T, w, mbg):
    r, al, a, b = th
    if min(th) <= 0:
        return -np.inf
    xb = x + 1 if mbg else x
    a1 = gammaln(r + x) - gammaln(r) + r * np.log(al)
    a2 = gammaln(a + b) + gammaln(b + xb) - gammaln(b) - gammaln(a + b + xb)
    a3 = -(r + x) * np.log(al + T)
    bx = b + x if mbg else np.maximum(b + x - 1, 1e-300)
    a4 = np.log(a) - np.log(bx) - (r + x) * np.log(al + tx)
    alive = np.ones_like(x) if mbg else (x > 0)
    li = a1 + a2 + np.logaddexp(a3, np.where(alive, a4, -np.inf))
    return float(np.sum(w * li))


def ll_pnbd(th, x, tx, T, w):
    r, al, s, be = th
    if min(th) <= 0:
        return -np.inf
    tot = 0.0
    for xi, txi, Ti, wi in zip(x, tx, T, w):
        c = gammaln(r + xi) - gammaln(r) + r * np.log(al) + s * np.log(be)
        le1 = -(r + xi) * np.log(al + Ti) - s * np.log(be + Ti)
        # the integrand relative to its value at t_x, for quad's accuracy
        l0 = -(r + xi) * np.log(al + txi) - (s + 1) * np.log(be + txi)
        i = 0.0
        if Ti > txi:
            i, _ = quad(lambda t: np.exp(-(r + xi) * np.log(al + t) - (s + 1) * np.log(be + t) - l0),
                        txi, Ti, epsabs=0, epsrel=1e-13, limit=200)
        tot += wi * (c + np.logaddexp(le1, np.log(s) + l0 + np.log(i) if i > 0 else -np.inf))
    return tot


def ll_gg(th, x, m, w):
    p, q, v = th
    if min(th) <= 0:
        return -np.inf
    px = p * x
    li = (gammaln(px + q) - gammaln(px) - gammaln(q) + q * np.log(v) + (px - 1) * np.log(m)
          + px * np.log(x) - (px + q) * np.log(v + x * m))
    return float(np.sum(w * li))


def merge(*cols):
    keys, w = np.unique(np.stack(cols, axis=1), axis=0, return_counts=True)
    return [keys[:, k] for k in range(keys.shape[1])] + [w.astype(float)]


def fit(f, start):
    res = minimize(lambda u: -f(np.exp(u)), np.log(start), method="Nelder-Mead",
                   options={"xatol": 1e-10, "fatol": 1e-10, "maxiter": 20000, "maxfev": 40000})
    return np.exp(res.x)


def hessian(f, th, rel):
    n = len(th)
    h = rel * th
    H = np.zeros((n, n))
    for i in range(n):
        for j in range(i, n):
            def at(di, dj):
                t = th.copy()
                t[i] += di * h[i]
                t[j] += dj * h[j]
                return f(t)
            if i == j:
                H[i, i] = (at(1, 0) - 2 * f(th) + at(-1, 0)) / h[i] ** 2
            else:
                H[i, j] = H[j, i] = (at(1, 1) - at(1, -1) - at(-1, 1) + at(-1, -1)) / (4 * h[i] * h[j])
    return H


def report(name, f, start):
    th = fit(f, np.array(start))
    print(name, "optimum", " ".join("%.10g" % v for v in th), "LL %.10g" % f(th))
    for rel in (1e-3, 2e-3):
        se = np.sqrt(np.diag(np.linalg.inv(-hessian(f, th, rel))))
        print("  se (step %g)" % rel, " ".join("%.8g" % v for v in se))


def main(data):
    x, tx, T = read(os.path.join(data, "cdnow_customers_summary.csv"), ["frequency", "recency", "T"])
    x, tx, T, w = merge(x, tx, T)
    report("BG/NBD", lambda th: ll_bgnbd(th, x, tx, T, w, False), [0.2426, 4.4135, 0.7929, 2.4258])
    report("MBG/NBD", lambda th: ll_bgnbd(th, x, tx, T, w, True), [0.5248, 6.183, 0.8914, 1.614])
    report("Pareto/NBD", lambda th: ll_pnbd(th, x, tx, T, w), [0.5533, 10.5776, 0.6062, 11.6679])
    fx, mv = read(os.path.join(data, "cdnow_customers_monetary.csv"), ["frequency", "monetary_value"])
    keep = fx > 0
    fx, mv, w = merge(fx[keep], mv[keep])
    report("Gamma-Gamma", lambda th: ll_gg(th, fx, mv, w), [6.2496, 3.7442, 15.4435])


if __name__ == "__main__":
    main(sys.argv[1])
