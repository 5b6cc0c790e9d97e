/* fuzz_segment.c - libFuzzer harness of the segmentation core (src/ka_segment.h).
 *
 * The bytes decode into a list of arbitrary doubles (NaN, Inf, denormals, -0
 * and 1e308 included), limits, a rule, a deviation and a measure.  Every
 * function runs on the list and on a shuffled copy of it.  The contract
 * checked: KA_OK never comes with a NaN or Inf; shares lie in [0, 1]; classes
 * and levels are among the documented ones; and every result (status and
 * bits) is the same for the shuffled list, as the header promises.
 *
 * The grouped entry points (ka_groups) get the same list with a label per
 * value (up to four groups, from the flags and the values' low bits): every
 * group must give the status and bits of the ungrouped functions on its
 * values alone, and the same for the shuffled list. */
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

/* Every query of pa against prepared values p (NULL: none). */
static void query(const ka_pareto *p, const params *pa, results *r)
{
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
}

static void run(const double *values, size_t n, const params *pa, results *r)
{
    memset(r, 0, sizeof *r);
    ka_pareto *p = NULL;
    r->pareto = ka_pareto_new(values, n, &p);
    KA_FUZZ_REQUIRE((r->pareto == KA_OK) == (p != NULL), "ka_pareto_new status %d, object %p",
                    r->pareto, (void *)p);
    query(p, pa, r);
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

/* Same statuses and bits of the queries (and CONCENTRATION). */
static void require_same_queries(const results *a, const results *b, size_t n_queries)
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
}

/* Same statuses and the same bits. */
static void require_same(const results *a, const results *b, size_t n_queries)
{
    require_same_queries(a, b, n_queries);
    KA_FUZZ_REQUIRE(a->coef == b->coef && ka_fuzz_same_bits(a->coef_v, b->coef_v),
                    "xyz coef differs by order: status %d %d, %.17g vs %.17g", a->coef, b->coef,
                    a->coef_v, b->coef_v);
    KA_FUZZ_REQUIRE(a->xyz == b->xyz && a->xyz_v == b->xyz_v, "xyz class differs by order");
}

/* ---- groups ---- */

#define N_LABELS 4
static const ka_label LABELS[N_LABELS] = {{"", 0}, {"a", 1}, {"b", 1}, {"1", 1}};

/* One client: its value and the index of its label in LABELS. */
typedef struct client {
    double value;
    size_t label;
} client;

/* The queries against each label's group of clients[0..n-1], through
 * ka_groups; status: ka_groups_new's. */
static ka_status run_groups(const client *clients, size_t n, const params *pa, results r[N_LABELS])
{
    static double values[MAX_VALUES];
    static ka_label labels[MAX_VALUES];
    for (size_t i = 0; i < n; i++) {
        values[i] = clients[i].value;
        labels[i] = LABELS[clients[i].label];
    }
    ka_groups *g = NULL;
    ka_status st = ka_groups_new(values, labels, n, &g);
    KA_FUZZ_REQUIRE((st == KA_OK) == (g != NULL), "ka_groups_new status %d, object %p", st,
                    (void *)g);
    for (size_t i = 0; g && i < n; i++)
        KA_FUZZ_REQUIRE(ka_groups_of_row(g, i) == ka_groups_find(g, labels[i].text, labels[i].len),
                        "row %zu is not in the group of its label", i);
    for (size_t k = 0; k < N_LABELS; k++) {
        memset(&r[k], 0, sizeof r[k]);
        r[k].pareto = st;
        if (!g)
            continue;
        const ka_pareto *p = ka_groups_pareto(g, ka_groups_find(g, LABELS[k].text, LABELS[k].len));
        KA_FUZZ_REQUIRE(p != NULL, "no prepared values for label %zu", k);
        query(p, pa, &r[k]);
        for (int m = 0; m < 5; m++)
            r[k].conc[m] = ka_pareto_concentration(p, (ka_concentration_measure)m, &r[k].conc_v[m]);
    }
    ka_groups_free(g);
    return st;
}

/* The ungrouped functions on the values of label k alone. */
static void run_alone(const client *clients, size_t n, size_t k, const params *pa, results *r)
{
    static double subset[MAX_VALUES];
    size_t m = 0;
    for (size_t i = 0; i < n; i++)
        if (clients[i].label == k)
            subset[m++] = clients[i].value;
    run(subset, m, pa, r);
}

/* want: ka_pareto_new's status on the whole list, which ka_groups_new must
 * give too. */
static void check_groups(const double *values, size_t n, const params *pa, uint8_t label_bits,
                         uint32_t seed, ka_status want)
{
    static client clients[MAX_VALUES], shuffled[MAX_VALUES];
    static results grouped[N_LABELS], again[N_LABELS], alone;
    size_t n_labels = 1 + (label_bits & 3);
    for (size_t i = 0; i < n; i++) {
        uint64_t bits;
        memcpy(&bits, &values[i], sizeof bits);
        clients[i] = (client){values[i], (size_t)((bits ^ (i * (label_bits >> 2))) % n_labels)};
    }
    ka_status st = run_groups(clients, n, pa, grouped);
    KA_FUZZ_REQUIRE(st == want, "ka_groups_new status %d, ka_pareto_new %d", st, want);
    memcpy(shuffled, clients, n * sizeof *clients);
    ka_fuzz_shuffle(shuffled, n, sizeof *shuffled, seed);
    KA_FUZZ_REQUIRE(run_groups(shuffled, n, pa, again) == st, "ka_groups_new differs by order");
    for (size_t k = 0; st == KA_OK && k < N_LABELS; k++) {
        run_alone(clients, n, k, pa, &alone);
        KA_FUZZ_REQUIRE(alone.pareto == KA_OK, "a group of finite values refused alone");
        require_same_queries(&grouped[k], &alone, pa->n_queries);
        require_same_queries(&grouped[k], &again[k], pa->n_queries);
    }
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
    uint8_t label_bits = ka_fuzz_byte(&in);

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
    check_groups(values, n, &pa, label_bits, seed, a.pareto);
    return 0;
}
