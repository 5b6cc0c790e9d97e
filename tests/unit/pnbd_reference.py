"""Pareto/NBD reference values for tests/unit/test_bgnbd.c, at 50 digits with
mpmath (Debian's python3-mpmath), independent of the C core's method:

- the likelihood by Fader, Hardie & Lee, "A Note on Deriving the Pareto/NBD
  Model and Related Expressions" (2005), eq. (22)/(23): the A0 term as the
  difference of two mpmath.hyp2f1 values, checked against direct quadrature
  of the integral over the dropout time (mpmath.quad);
- P(alive) (their eq. 18), the conditional expectation (eq. 20), its s -> 1
  limit, and the unconditional E[X(t)] (eq. 15);
- NOPURCHASEPROB by its definition (docs/churn.md): 1 - P(alive) + P(alive) E[f],
  f(lambda, mu) = mu/(lambda+mu) (1 - e^-(lambda+mu)h) + e^-(lambda+mu)h the
  probability that a client alive at T with rates lambda, mu buys nothing in
  (T, T+h], E over the posterior lambda ~ Gamma(r+x, alpha+T), mu ~ Gamma(s,
  beta+T) of a client alive at T, by two-dimensional quadrature (mpmath.quad;
  the core uses the likelihood ratio L(x, t_x, T+h) / L(x, t_x, T) instead).

Run: /usr/bin/python3 tests/unit/pnbd_reference.py tests/data/cdnow_customers_summary.csv
"""
import csv
import sys

from mpmath import mp, mpf, hyp2f1, quad, loggamma, log, exp

mp.dps = 50

# the published CDNOW fit (weeks)
PUBLISHED = (0.553, 10.578, 0.606, 11.669)


def parts(r, al, s, be, x, tx, T):
    """log C, log E1 and s * A0 / (r + s + x) of one client (FHL eq. 22/23)."""
    r, al, s, be, x, tx, T = map(mpf, (r, al, s, be, x, tx, T))
    c = loggamma(r + x) - loggamma(r) + r * log(al) + s * log(be)
    e1 = -(r + x) * log(al + T) - s * log(be + T)
    a = r + s + x
    if al >= be:
        def f(t):
            return hyp2f1(a, s + 1, a + 1, (al - be) / (al + t)) / (al + t) ** a
    else:
        def f(t):
            return hyp2f1(a, r + x, a + 1, (be - al) / (be + t)) / (be + t) ** a
    return c, e1, s / a * (f(tx) - f(T))


def loglik(*args):
    c, e1, si = parts(*args)
    return c + log(exp(e1) + si)


def loglik_quad(r, al, s, be, x, tx, T):
    r, al, s, be, x, tx, T = map(mpf, (r, al, s, be, x, tx, T))
    c = loggamma(r + x) - loggamma(r) + r * log(al) + s * log(be)
    e1 = exp(-(r + x) * log(al + T) - s * log(be + T))
    i = quad(lambda t: exp(-(r + x) * log(al + t) - (s + 1) * log(be + t)),
             [tx, (tx + T) / 2, T])
    return c + log(e1 + s * i)


def palive(*args):
    _, e1, si = parts(*args)
    return exp(e1) / (exp(e1) + si)


def expected(t, r, al, s, be, x, tx, T):
    pa = palive(r, al, s, be, x, tx, T)
    r, al, s, be, x, tx, T, t = map(mpf, (r, al, s, be, x, tx, T, t))
    if s == 1:
        return pa * (r + x) * (be + T) / (al + T) * log(1 + t / (be + T))
    return pa * (r + x) * (be + T) / ((al + T) * (s - 1)) * (1 - ((be + T) / (be + T + t)) ** (s - 1))


def uncond(t, r, al, s, be):
    r, al, s, be, t = map(mpf, (r, al, s, be, t))
    return r * be / (al * (s - 1)) * (1 - (be / (be + t)) ** (s - 1))


def no_purchase_quad(h, r, al, s, be, x, tx, T):
    pa = palive(r, al, s, be, x, tx, T)
    r, al, s, be, x, T, h = map(mpf, (r, al, s, be, x, T, h))
    k, a2, b2 = r + x, al + T, be + T

    def density(v, shape, rate):  # Gamma(shape, rate) at v
        return exp(shape * log(rate) + (shape - 1) * log(v) - rate * v - loggamma(shape))

    def f(lam, mu):
        e = exp(-(lam + mu) * h)
        return (mu / (lam + mu) * (1 - e) + e) * density(lam, k, a2) * density(mu, s, b2)

    ef = quad(f, [0, k / a2, mp.inf], [0, s / b2, mp.inf])
    return 1 - pa + pa * ef


def show(label, v):
    print(label, mp.nstr(v, 17))


def main(path):
    with open(path) as f:
        rows = list(csv.DictReader(f))
    show("CDNOW loglik at the published parameters",
         sum(loglik(*PUBLISHED, float(r["frequency"]), float(r["recency"]), float(r["T"]))
             for r in rows))
    for cl in [(2, 30.43, 38.86), (0, 0, 38.86), (6, 34.57, 38.71)]:
        show("%s loglik" % (cl,), loglik(*PUBLISHED, *cl))
        show("%s loglik by quadrature" % (cl,), loglik_quad(*PUBLISHED, *cl))
        show("%s P(alive)" % (cl,), palive(*PUBLISHED, *cl))
        show("%s E[39]" % (cl,), expected(39, *PUBLISHED, *cl))
    # x = 10,000 and T = 10,000 with alpha < beta, alpha > beta, alpha = beta
    big = [(10000, 5000, 10000), (10000, 10000, 10000), (10000, 0, 10000), (10000, 9999.5, 10000)]
    for p in [PUBLISHED, (0.553, 11.669, 0.606, 10.578), (0.553, 10.578, 0.606, 10.578)]:
        for cl in big:
            show("%s %s loglik" % (p, cl), loglik(*p, *cl))
            show("%s %s P(alive)" % (p, cl), palive(*p, *cl))
            show("%s %s E[39]" % (p, cl), expected(39, *p, *cl))
    mp.dps = 20  # for the two-dimensional quadrature; 15 digits are plenty
    for h, cl in [(10, (2, 30.43, 38.86)), (39, (2, 30.43, 38.86)), (10, (0, 0, 38.86)),
                  (26, (6, 34.57, 38.71)), (39, (3, 38.86, 38.86))]:
        show("%s no purchase in %g by quadrature" % (cl, h), no_purchase_quad(h, *PUBLISHED, *cl))
    mp.dps = 50
    show("E[X(39)]", uncond(39, *PUBLISHED))
    show("E[X(78)]", uncond(78, *PUBLISHED))
    s1 = (0.553, 10.578, 1, 11.669, 2, 30.43, 38.86)
    show("s = 1: P(alive)", palive(*s1))
    show("s = 1: E[39]", expected(39, *s1))


if __name__ == "__main__":
    main(sys.argv[1])
