/* fuzz_bgnbd.c - libFuzzer harness of the BG/NBD, MBG/NBD and Pareto/NBD core
 * (src/ka_bgnbd.h) and of the CLV built on it (src/ka_clv.h).
 *
 * The bytes decode into a model, parameters, a horizon and a few clients
 * (x, t_x, T), mostly valid ones, with values from small fractions to 1e308,
 * denormals, NaN and Inf.  At most MAX_CLIENTS clients, so each input, fit
 * included, finishes in milliseconds.  The contract checked: KA_OK never
 * comes with a NaN or Inf; probabilities lie in [0, 1], expectations and
 * CLVs are >= 0; valid arguments never give KA_ERR_ARG (Err:502 means "fix this
 * argument"), only a result or KA_ERR_NOCONV (for Pareto/NBD also from
 * P(alive), whose series may not converge); the fit does not depend on the
 * order of the clients, to the bit, and neither do its standard errors. */
#include <stdint.h>
#include <string.h>

#include "ka_bgnbd.h"
#include "ka_clv.h"
#include "ka_fuzz.h"

#define MAX_CLIENTS 6

static double decode_param(ka_fuzz_input *in)
{
    uint8_t sel = ka_fuzz_byte(in);
    if (sel < 160)
        return ((double)sel + 1.0) / 32.0;
    return ka_fuzz_double(in);
}

/* A frequency: mostly a small count, sometimes huge or invalid. */
static double decode_x(ka_fuzz_input *in)
{
    uint8_t sel = ka_fuzz_byte(in);
    if (sel < 200)
        return (double)(sel % 24);
    return ka_fuzz_double(in);
}

/* A client, valid when the bytes allow it: t_x a fraction of T, 0 for x = 0. */
static void decode_client(ka_fuzz_input *in, double *x, double *t_x, double *T)
{
    *x = decode_x(in);
    uint8_t sel = ka_fuzz_byte(in);
    *T = sel < 128 ? (double)(sel % 64) + (double)ka_fuzz_byte(in) / 64.0 : ka_fuzz_double(in);
    uint8_t frac = ka_fuzz_byte(in);
    if (sel % 16 == 15)
        *t_x = ka_fuzz_double(in);
    else
        *t_x = *x == 0.0 ? 0.0 : *T * ((double)frac / 255.0);
}

static void check_prediction(const ka_bgnbd_params *p, ka_model model, int valid, double h,
                             double x, double t_x, double T, const ka_clv_terms *terms)
{
    const int ok_client = ka_bgnbd_check_client(x, t_x, T) == KA_OK;
    const int ok = valid && ok_client;
    const int pnbd = model == KA_MODEL_PNBD;
    double prob = NAN, risk = NAN, e = NAN;
    ka_status st = ka_bgnbd_palive(p, model, x, t_x, T, &prob);
    KA_FUZZ_REQUIRE(ok ? st == KA_OK || (pnbd && st == KA_ERR_NOCONV) : st == KA_ERR_ARG,
                    "palive status %d for (%g, %g, %g), r %g alpha %g a %g b %g", st, x, t_x, T,
                    p->r, p->alpha, p->a, p->b);
    if (st == KA_OK)
        KA_FUZZ_REQUIRE(prob >= 0.0 && prob <= 1.0, "P(alive) = %g for (%g, %g, %g)", prob, x, t_x,
                        T);
    ka_status st_prob = st;
    st = ka_bgnbd_churn_risk(p, model, x, t_x, T, &risk);
    KA_FUZZ_REQUIRE(st == st_prob, "churn risk status %d, P(alive) status %d", st, st_prob);
    if (st == KA_OK)
        KA_FUZZ_REQUIRE(risk >= 0.0 && risk <= 1.0 && fabs(prob + risk - 1.0) <= 1e-12,
                        "churn risk %g, P(alive) %g for (%g, %g, %g)", risk, prob, x, t_x, T);
    st = ka_bgnbd_expected(p, model, h, x, t_x, T, &e);
    const int ok_h = isfinite(h) && h >= 0.0;
    KA_FUZZ_REQUIRE(ok && ok_h ? st == KA_OK || st == KA_ERR_NOCONV : st == KA_ERR_ARG,
                    "expected status %d for horizon %g, (%g, %g, %g), r %g alpha %g a %g b %g", st,
                    h, x, t_x, T, p->r, p->alpha, p->a, p->b);
    if (st == KA_OK)
        KA_FUZZ_REQUIRE(isfinite(e) && e >= 0.0, "expected purchases %g", e);
    double none = NAN, clv = NAN;
    /* Pareto/NBD sums series: Err:523 where they do not converge */
    st = ka_bgnbd_no_purchase(p, model, h, x, t_x, T, &none);
    KA_FUZZ_REQUIRE(ok && ok_h ? st == KA_OK || (pnbd && st == KA_ERR_NOCONV) : st == KA_ERR_ARG,
                    "no-purchase status %d for horizon %g, (%g, %g, %g)", st, h, x, t_x, T);
    if (st == KA_OK)
        KA_FUZZ_REQUIRE(none >= 0.0 && none <= 1.0 && (h > 0.0 || none == 1.0),
                        "no-purchase probability %g for horizon %g, (%g, %g, %g)", none, h, x, t_x,
                        T);
    /* the horizon doubles as the spend */
    const int ok_terms = ka_clv_check_terms(terms) == KA_OK;
    st = ka_clv_bgnbd(p, model, x, t_x, T, h, terms, &clv);
    KA_FUZZ_REQUIRE(ok && ok_h && ok_terms ? st == KA_OK || st == KA_ERR_NOCONV : st == KA_ERR_ARG,
                    "CLV status %d for spend %g, months %g, discount %g, units %g, (%g, %g, %g)",
                    st, h, terms->months, terms->discount, terms->units, x, t_x, T);
    if (st == KA_OK)
        KA_FUZZ_REQUIRE(isfinite(clv) && clv >= 0.0, "CLV %g", clv);
}

int LLVMFuzzerTestOneInput(const uint8_t *data, size_t size)
{
    ka_fuzz_input in = {data, size, 0};
    double x[MAX_CLIENTS], t_x[MAX_CLIENTS], T[MAX_CLIENTS];
    double x2[MAX_CLIENTS], t_x2[MAX_CLIENTS], T2[MAX_CLIENTS];
    size_t order[MAX_CLIENTS];

    uint8_t sel = ka_fuzz_byte(&in);
    ka_model model = (ka_model)(sel % 8 == 7 ? 7 : sel % 8 % 3); /* sometimes unknown */
    const int model_ok = model != (ka_model)7;
    ka_bgnbd_params p;
    p.r = decode_param(&in);
    p.alpha = decode_param(&in);
    p.a = decode_param(&in);
    p.b = decode_param(&in);
    const int valid = model_ok && ka_bgnbd_check_params(&p) == KA_OK;
    double h = decode_param(&in);
    uint32_t seed = ka_fuzz_byte(&in);
    size_t n = 0;
    int all_valid = 1;
    while (n < MAX_CLIENTS && in.pos < in.size) {
        decode_client(&in, &x[n], &t_x[n], &T[n]);
        all_valid &= ka_bgnbd_check_client(x[n], t_x[n], T[n]) == KA_OK;
        n++;
    }

    /* CLV terms from the bytes already read, so the corpus keeps its layout:
     * 1 or 2 months (each costs a 2F1), the alpha as units per month */
    const ka_clv_terms terms = {1.0 + (double)(seed % 2), (double)(seed % 5) * 0.01 - 0.01,
                                p.alpha};
    for (size_t i = 0; i < n; i++)
        check_prediction(&p, model, valid, h, x[i], t_x[i], T[i], &terms);
    double e = NAN, ll = NAN;
    ka_status st = ka_bgnbd_expected_uncond(&p, model, h, &e);
    KA_FUZZ_REQUIRE(valid && isfinite(h) && h >= 0.0 ? st == KA_OK || st == KA_ERR_NOCONV
                                                     : st == KA_ERR_ARG,
                    "unconditional expectation status %d for horizon %g, r %g alpha %g a %g b %g",
                    st, h, p.r, p.alpha, p.a, p.b);
    if (st == KA_OK)
        KA_FUZZ_REQUIRE(isfinite(e) && e >= 0.0, "unconditional expectation %g", e);
    st = ka_bgnbd_loglik(&p, model, x, t_x, T, n, &ll);
    if (st == KA_OK)
        KA_FUZZ_REQUIRE(isfinite(ll), "log-likelihood %g with KA_OK", ll);
    if (!valid || !all_valid || n == 0)
        KA_FUZZ_REQUIRE(st == KA_ERR_ARG, "log-likelihood status %d for invalid arguments", st);

    ka_bgnbd_params fit, fit2;
    double fit_ll = NAN, fit_ll2 = NAN;
    st = ka_bgnbd_fit(x, t_x, T, n, model, &fit, &fit_ll);
    if (model_ok && all_valid && n > 0)
        KA_FUZZ_REQUIRE(st == KA_OK || st == KA_ERR_NOCONV,
                        "fit status %d for %zu valid clients (first %g, %g, %g)", st, n, x[0],
                        t_x[0], T[0]);
    else
        KA_FUZZ_REQUIRE(st == KA_ERR_ARG, "fit status %d for invalid clients", st);
    if (st == KA_OK)
        KA_FUZZ_REQUIRE(ka_bgnbd_check_params(&fit) == KA_OK && isfinite(fit_ll),
                        "fit r %g alpha %g a %g b %g ll %g with KA_OK", fit.r, fit.alpha, fit.a,
                        fit.b, fit_ll);

    for (size_t i = 0; i < n; i++)
        order[i] = i;
    ka_fuzz_shuffle(order, n, sizeof *order, seed);
    for (size_t i = 0; i < n; i++) {
        x2[i] = x[order[i]];
        t_x2[i] = t_x[order[i]];
        T2[i] = T[order[i]];
    }
    ka_status st2 = ka_bgnbd_fit(x2, t_x2, T2, n, model, &fit2, &fit_ll2);
    KA_FUZZ_REQUIRE(st2 == st, "fit status %d, %d for the shuffled clients", st, st2);
    if (st == KA_OK)
        KA_FUZZ_REQUIRE(memcmp(&fit, &fit2, sizeof fit) == 0 && ka_fuzz_same_bits(fit_ll, fit_ll2),
                        "the shuffled clients give another fit");
    if (st == KA_OK) { /* BGNBDFIT's second row: finite and > 0, or none */
        ka_bgnbd_params se, se2;
        ka_status se_st = ka_bgnbd_std_errors(&fit, model, x, t_x, T, n, &se);
        KA_FUZZ_REQUIRE(se_st == KA_OK || se_st == KA_ERR_NOCONV, "std errors status %d", se_st);
        if (se_st == KA_OK)
            KA_FUZZ_REQUIRE(ka_bgnbd_check_params(&se) == KA_OK, "std errors %g %g %g %g", se.r,
                            se.alpha, se.a, se.b);
        ka_status se_st2 = ka_bgnbd_std_errors(&fit, model, x2, t_x2, T2, n, &se2);
        KA_FUZZ_REQUIRE(se_st2 == se_st && (se_st != KA_OK || memcmp(&se, &se2, sizeof se) == 0),
                        "the shuffled clients give other standard errors");
    }
    return 0;
}
