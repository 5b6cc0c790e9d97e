/* fuzz_segment.c - libFuzzer harness of the segmentation core (src/ka_segment.h).
 *
 * The bytes decode into a list of arbitrary doubles (NaN, Inf, denormals, -0
 * and 1e308 included), limits, a rule, a deviation and a measure.  Every
 * function runs on the list and on a shuffled copy of it.  The contract
 * checked: KA_OK never comes with a NaN or Inf; shares lie in [0, 1]; classes
 * and levels are among the documented ones; and every result (status and
 * bits) is the same for the shuffled list, as the header promises. */
#include <stdint.h>
#include <string.h>

#include "ka_fuzz.h"
#include "ka_segment.h"

#define MAX_VALUES 64

/* The results of every function on one list, for comparing two orders. */
typedef struct results {
    ka_status pareto;
    size_t count;
    ka_status before[MAX_VALUES], upto[MAX_VALUES], abc[MAX_VALUES], share[MAX_VALUES],
        level[MAX_VALUES];
    double before_v[MAX_VALUES], upto_v[MAX_VALUES], share_v[MAX_VALUES];
    char abc_v[MAX_VALUES];
    const char *level_v[MAX_VALUES];
    ka_status conc[5], coef, xyz;
    double conc_v[5], coef_v;
    char xyz_v;
} results;

typedef struct params {
    double queries[MAX_VALUES];
    size_t n_queries;
    double limit_a, limit_b, limit_x, limit_y, dep[4];
    int rule, deviation, default_dep;
} params;

static void check_share(ka_status st, double s, const char *what)
{
    if (st == KA_OK)
        KA_FUZZ_REQUIRE(isfinite(s) && s >= 0.0 && s <= 1.0, "%s = %g with KA_OK", what, s);
}

static void run(const double *values, size_t n, const params *pa, results *r)
{
    memset(r, 0, sizeof *r);
    ka_pareto *p = NULL;
    r->pareto = ka_pareto_new(values, n, &p);
    KA_FUZZ_REQUIRE((r->pareto == KA_OK) == (p != NULL), "ka_pareto_new status %d, object %p",
                    r->pareto, (void *)p);
    r->count = ka_pareto_count(p);
    for (size_t i = 0; p && i < pa->n_queries; i++) {
        double v = pa->queries[i];
        r->before[i] = ka_pareto_before(p, v, &r->before_v[i]);
        check_share(r->before[i], r->before_v[i], "before");
        r->upto[i] = ka_pareto_upto(p, v, &r->upto_v[i]);
        check_share(r->upto[i], r->upto_v[i], "upto");
        r->abc[i] = ka_abc_classify(p, v, pa->limit_a, pa->limit_b, pa->rule, &r->abc_v[i]);
        if (r->abc[i] == KA_OK)
            KA_FUZZ_REQUIRE(strchr("ABC", r->abc_v[i]) && r->abc_v[i], "class %d", r->abc_v[i]);
        r->share[i] = ka_sales_share(p, v, &r->share_v[i]);
        if (r->share[i] == KA_OK) {
            KA_FUZZ_REQUIRE(isfinite(r->share_v[i]), "sales share %g with KA_OK", r->share_v[i]);
            r->level[i] = ka_dependency_level(r->share_v[i], pa->default_dep ? NULL : pa->dep,
                                              &r->level_v[i]);
            if (r->level[i] == KA_OK)
                KA_FUZZ_REQUIRE(r->level_v[i], "level NULL with KA_OK");
        }
    }
    ka_pareto_free(p);

    for (int m = 0; m < 5; m++) {
        r->conc[m] = ka_concentration(values, n, (ka_concentration_measure)m, &r->conc_v[m]);
        if (r->conc[m] == KA_OK)
            KA_FUZZ_REQUIRE(isfinite(r->conc_v[m]) && r->conc_v[m] >= 0.0,
                            "concentration %d = %g with KA_OK", m, r->conc_v[m]);
    }
    r->coef = ka_xyz_coef(values, n, pa->deviation, &r->coef_v);
    if (r->coef == KA_OK)
        KA_FUZZ_REQUIRE(isfinite(r->coef_v) && r->coef_v >= 0.0, "xyz coef %g with KA_OK",
                        r->coef_v);
    r->xyz = ka_xyz_classify(values, n, pa->limit_x, pa->limit_y, pa->deviation, &r->xyz_v);
    if (r->xyz == KA_OK)
        KA_FUZZ_REQUIRE(r->xyz_v && strchr("XYZ", r->xyz_v), "xyz class %d", r->xyz_v);
}

/* Same statuses and the same bits. */
static void require_same(const results *a, const results *b, size_t n_queries)
{
    KA_FUZZ_REQUIRE(a->pareto == b->pareto && a->count == b->count, "pareto differs by order");
    for (size_t i = 0; a->pareto == KA_OK && i < n_queries; i++) {
        KA_FUZZ_REQUIRE(a->before[i] == b->before[i] &&
                            ka_fuzz_same_bits(a->before_v[i], b->before_v[i]),
                        "before(%zu) differs by order", i);
        KA_FUZZ_REQUIRE(a->upto[i] == b->upto[i] && ka_fuzz_same_bits(a->upto_v[i], b->upto_v[i]),
                        "upto(%zu) differs by order", i);
        KA_FUZZ_REQUIRE(a->abc[i] == b->abc[i] && a->abc_v[i] == b->abc_v[i],
                        "abc(%zu) differs by order", i);
        KA_FUZZ_REQUIRE(a->share[i] == b->share[i] &&
                            ka_fuzz_same_bits(a->share_v[i], b->share_v[i]),
                        "sales share(%zu) differs by order", i);
        KA_FUZZ_REQUIRE(a->level[i] == b->level[i] && a->level_v[i] == b->level_v[i],
                        "dependency(%zu) differs by order", i);
    }
    for (int m = 0; m < 5; m++)
        KA_FUZZ_REQUIRE(a->conc[m] == b->conc[m] && ka_fuzz_same_bits(a->conc_v[m], b->conc_v[m]),
                        "concentration %d differs by order: %.17g vs %.17g", m, a->conc_v[m],
                        b->conc_v[m]);
    KA_FUZZ_REQUIRE(a->coef == b->coef && ka_fuzz_same_bits(a->coef_v, b->coef_v),
                    "xyz coef differs by order: status %d %d, %.17g vs %.17g", a->coef, b->coef,
                    a->coef_v, b->coef_v);
    KA_FUZZ_REQUIRE(a->xyz == b->xyz && a->xyz_v == b->xyz_v, "xyz class differs by order");
}

int LLVMFuzzerTestOneInput(const uint8_t *data, size_t size)
{
    ka_fuzz_input in = {data, size, 0};
    params pa;
    memset(&pa, 0, sizeof pa);
    pa.limit_a = ka_fuzz_double(&in);
    pa.limit_b = ka_fuzz_double(&in);
    pa.limit_x = ka_fuzz_double(&in);
    pa.limit_y = ka_fuzz_double(&in);
    uint8_t flags = ka_fuzz_byte(&in);
    pa.rule = (flags & 3) == 3 ? -1 : flags & 1; /* sometimes an invalid rule */
    pa.deviation = (flags >> 2 & 3) == 3 ? 2 : flags >> 2 & 1;
    pa.default_dep = !(flags & 16);
    if (!pa.default_dep)
        for (int i = 0; i < 4; i++)
            pa.dep[i] = ka_fuzz_double(&in);
    uint32_t seed = ka_fuzz_byte(&in);

    static double values[MAX_VALUES], shuffled[MAX_VALUES];
    size_t n = 0;
    while (n < MAX_VALUES && in.pos < in.size)
        values[n++] = ka_fuzz_double(&in);
    /* query every value of the list, and the values just around them */
    pa.n_queries = n;
    memcpy(pa.queries, values, n * sizeof *values);
    for (size_t i = 0; i < n && i < 8; i++)
        pa.queries[i] = nextafter(values[i], (flags & 32) ? INFINITY : -INFINITY);

    static results a, b;
    run(values, n, &pa, &a);
    memcpy(shuffled, values, n * sizeof *values);
    ka_fuzz_shuffle(shuffled, n, sizeof *shuffled, seed);
    run(shuffled, n, &pa, &b);
    require_same(&a, &b, pa.n_queries);
    return 0;
}
