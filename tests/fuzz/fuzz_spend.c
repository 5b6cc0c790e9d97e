/* fuzz_spend.c - libFuzzer harness of the Gamma-Gamma spend model (src/ka_spend.h).
 *
 * The bytes decode into parameters p, q, v and a few clients (x, m), mostly
 * valid ones, with values from small fractions to 1e308, denormals, NaN and
 * Inf.  At most MAX_CLIENTS clients, so each input, fit included, finishes
 * in milliseconds.  The contract checked: KA_OK never comes with a NaN or
 * Inf; an expected spend is >= 0; valid arguments never give KA_ERR_ARG,
 * only a result or KA_ERR_NOCONV; the fit does not depend on the order of
 * the clients, to the bit, and neither do its standard errors. */
#include <stdint.h>
#include <string.h>

#include "ka_fuzz.h"
#include "ka_spend.h"

#define MAX_CLIENTS 6

static double decode_param(ka_fuzz_input *in)
{
    uint8_t sel = ka_fuzz_byte(in);
    if (sel < 160)
        return ((double)sel + 1.0) / 32.0;
    return ka_fuzz_double(in);
}

/* A client: mostly a small count and a plausible mean spend, sometimes
 * anything. */
static void decode_client(ka_fuzz_input *in, double *x, double *m)
{
    uint8_t sel = ka_fuzz_byte(in);
    *x = sel < 200 ? (double)(sel % 12) : ka_fuzz_double(in);
    sel = ka_fuzz_byte(in);
    *m = sel < 160 ? (double)sel / 4.0 + 0.5 : ka_fuzz_double(in);
}

int LLVMFuzzerTestOneInput(const uint8_t *data, size_t size)
{
    ka_fuzz_input in = {data, size, 0};
    double x[MAX_CLIENTS], m[MAX_CLIENTS], x2[MAX_CLIENTS], m2[MAX_CLIENTS];
    size_t order[MAX_CLIENTS];

    ka_spend_params p;
    p.p = decode_param(&in);
    p.q = decode_param(&in);
    p.v = decode_param(&in);
    const int valid = ka_spend_check_params(&p) == KA_OK && p.q > 1.0;
    uint32_t seed = ka_fuzz_byte(&in);
    size_t n = 0;
    int all_valid = 1;
    while (n < MAX_CLIENTS && in.pos < in.size) {
        decode_client(&in, &x[n], &m[n]);
        all_valid &= ka_spend_check_client(x[n], m[n]) == KA_OK;
        n++;
    }

    for (size_t i = 0; i < n; i++) {
        double s = NAN;
        const int ok = valid && ka_spend_check_client(x[i], m[i]) == KA_OK;
        ka_status st = ka_spend_expected(&p, x[i], m[i], &s);
        KA_FUZZ_REQUIRE(ok ? st == KA_OK || st == KA_ERR_NOCONV : st == KA_ERR_ARG,
                        "expected spend status %d for (%g, %g), p %g q %g v %g", st, x[i], m[i],
                        p.p, p.q, p.v);
        if (st == KA_OK)
            KA_FUZZ_REQUIRE(isfinite(s) && s >= 0.0, "expected spend %g for (%g, %g)", s, x[i],
                            m[i]);
    }

    ka_spend_params fit, fit2;
    double ll = NAN, ll2 = NAN;
    ka_status st = ka_spend_fit(x, m, n, &fit, &ll);
    if (all_valid)
        KA_FUZZ_REQUIRE(st == KA_OK || st == KA_ERR_NOCONV, "fit status %d for %zu valid clients",
                        st, n);
    else
        KA_FUZZ_REQUIRE(st == KA_ERR_ARG, "fit status %d for invalid clients", st);
    if (st == KA_OK)
        KA_FUZZ_REQUIRE(ka_spend_check_params(&fit) == KA_OK && isfinite(ll),
                        "fit p %g q %g v %g ll %g with KA_OK", fit.p, fit.q, fit.v, ll);

    for (size_t i = 0; i < n; i++)
        order[i] = i;
    ka_fuzz_shuffle(order, n, sizeof *order, seed);
    for (size_t i = 0; i < n; i++) {
        x2[i] = x[order[i]];
        m2[i] = m[order[i]];
    }
    ka_status st2 = ka_spend_fit(x2, m2, n, &fit2, &ll2);
    KA_FUZZ_REQUIRE(st2 == st, "fit status %d, %d for the shuffled clients", st, st2);
    if (st == KA_OK)
        KA_FUZZ_REQUIRE(memcmp(&fit, &fit2, sizeof fit) == 0 && ka_fuzz_same_bits(ll, ll2),
                        "the shuffled clients give another fit");
    if (st == KA_OK) { /* GAMMAGAMMAFIT's second row: finite and > 0, or none */
        ka_spend_params se, se2;
        ka_status se_st = ka_spend_std_errors(&fit, x, m, n, &se);
        KA_FUZZ_REQUIRE(se_st == KA_OK || se_st == KA_ERR_NOCONV, "std errors status %d", se_st);
        if (se_st == KA_OK)
            KA_FUZZ_REQUIRE(ka_spend_check_params(&se) == KA_OK, "std errors %g %g %g", se.p, se.q,
                            se.v);
        ka_status se_st2 = ka_spend_std_errors(&fit, x2, m2, n, &se2);
        KA_FUZZ_REQUIRE(se_st2 == se_st && (se_st != KA_OK || memcmp(&se, &se2, sizeof se) == 0),
                        "the shuffled clients give other standard errors");
    }
    return 0;
}
