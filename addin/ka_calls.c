/* ka_calls.c - the spreadsheet functions on the UNO side (see ka_calls.h). */
#include "ka_calls.h"

#include "ka_args.h"
#include "ka_churn_calls.h"
#include "ka_dossier_calls.h"
#include "ka_segment.h"

#include <math.h>
#include <pthread.h>
#include <stdlib.h>
#include <string.h>

/* ---- a cache of prepared Values ranges ----
 * A fill-down passes the same Values range to every cell; preparing it
 * (sorting) once per distinct content turns the fill-down from n^2 log n
 * into n^2 memcmp-speed comparisons plus n log n. */
#define PARETO_SLOTS 4

typedef struct pareto_slot {
    double *values; /* copy of the flattened range */
    size_t n;
    ka_pareto *pareto;
    unsigned long last_use;
} pareto_slot;

struct ka_calls {
    pthread_mutex_t lock; /* Calc does not call add-ins in parallel; this makes sure */
    pareto_slot slots[PARETO_SLOTS];
    unsigned long clock;
};

ka_calls *ka_calls_new(void)
{
    ka_calls *c = calloc(1, sizeof *c);
    if (!c)
        return NULL;
    pthread_mutex_init(&c->lock, NULL);
    return c;
}

void ka_calls_free(ka_calls *c)
{
    if (!c)
        return;
    for (size_t i = 0; i < PARETO_SLOTS; i++) {
        free(c->slots[i].values);
        ka_pareto_free(c->slots[i].pareto);
    }
    pthread_mutex_destroy(&c->lock);
    free(c);
}

/* The prepared form of a Values argument (a sequence<sequence<double>>),
 * from the cache or new; valid while c->lock is held, which the caller
 * holds. */
static ka_status pareto_of(ka_calls *c, uno_Sequence *values_arg, const ka_pareto **out)
{
    double *values;
    size_t n;
    ka_status st = ka_numbers_from_matrix(values_arg, &values, &n);
    if (st != KA_OK)
        return st;
    pareto_slot *victim = &c->slots[0];
    c->clock++;
    for (size_t i = 0; i < PARETO_SLOTS; i++) {
        pareto_slot *s = &c->slots[i];
        if (s->pareto && s->n == n &&
            (n == 0 || memcmp(s->values, values, n * sizeof *values) == 0)) {
            s->last_use = c->clock;
            free(values);
            *out = s->pareto;
            return KA_OK;
        }
        if (s->last_use < victim->last_use)
            victim = s;
    }
    ka_pareto *p = NULL;
    st = ka_pareto_new(values, n, &p);
    if (st != KA_OK) {
        free(values);
        return st;
    }
    free(victim->values);
    ka_pareto_free(victim->pareto);
    victim->values = values;
    victim->n = n;
    victim->pareto = p;
    victim->last_use = c->clock;
    *out = p;
    return KA_OK;
}

/* ---- shared shapes ---- */

typedef struct call_ctx {
    const ka_func_info *fn;
    uno_Any **exc;
} call_ctx;

static bool fail(call_ctx *cx, ka_status st, const char *what)
{
    ka_raise_status(cx->exc, st, cx->fn->name, what);
    return false;
}

static void set_text(uno_Any *a, rtl_uString *s)
{
    ka_uno_any_string(a, s);
}

/* Interned result strings of one call: "A", "B", ... built once per call,
 * not once per cell. */
typedef struct strings {
    rtl_uString *empty;
    rtl_uString *letter[26];
} strings;

static void strings_init(strings *s)
{
    memset(s, 0, sizeof *s);
    s->empty = ka_uno_string_new("", 0);
}

static rtl_uString *strings_letter(strings *s, char ch)
{
    int k = ch - 'A';
    if (k < 0 || k >= 26)
        return s->empty;
    if (!s->letter[k]) {
        char b[2] = {ch, 0};
        s->letter[k] = ka_uno_string_new(b, 1);
    }
    return s->letter[k];
}

static void strings_clear(strings *s)
{
    rtl_uString_release(s->empty);
    for (int i = 0; i < 26; i++)
        if (s->letter[i])
            rtl_uString_release(s->letter[i]);
}

/* ---- per-value functions: ABCCLASS, PARETOSHARE, SALESSHARE, DEPENDENCY ---- */

typedef struct value_params {
    double limit_a, limit_b;
    int rule;
    const double *dep_limits; /* NULL: defaults */
    double dep_storage[4];
    const char *dep_levels[5]; /* distinct level strings seen, for interning */
    rtl_uString *dep_strings[5];
} value_params;

/* Computes one cell of a per-value function into out. */
static ka_status value_cell(const ka_func_info *fn, const ka_pareto *p, double v, value_params *vp,
                            strings *str, uno_Any *out)
{
    ka_status st;
    double share;
    switch (fn->id) {
    case KA_FN_ABCCLASS: {
        char cls;
        st = ka_abc_classify(p, v, vp->limit_a, vp->limit_b, vp->rule, &cls);
        if (st == KA_OK)
            set_text(out, strings_letter(str, cls));
        return st;
    }
    case KA_FN_PARETOSHARE:
        st = ka_pareto_upto(p, v, &share);
        break;
    case KA_FN_SALESSHARE:
        st = ka_sales_share(p, v, &share);
        break;
    case KA_FN_DEPENDENCY: {
        const char *level;
        st = ka_sales_share(p, v, &share);
        if (st == KA_OK)
            st = ka_dependency_level(share, vp->dep_limits, &level);
        if (st != KA_OK)
            return st;
        for (int k = 0; k < 5; k++) {
            if (!vp->dep_levels[k]) {
                vp->dep_levels[k] = level;
                vp->dep_strings[k] = ka_uno_string_new(level, (size_t)-1);
            }
            if (vp->dep_levels[k] == level) {
                set_text(out, vp->dep_strings[k]);
                break;
            }
        }
        return KA_OK;
    }
    default:
        return KA_ERR_ARG;
    }
    if (st == KA_OK)
        ka_uno_any_double(out, share);
    return st;
}

static bool read_value_params(call_ctx *cx, void *args[], value_params *vp)
{
    memset(vp, 0, sizeof *vp);
    vp->limit_a = 0.8;
    vp->limit_b = 0.95;
    if (cx->fn->id == KA_FN_ABCCLASS) {
        if (ka_optional_number(args[2], 0.8, &vp->limit_a) != KA_OK)
            return fail(cx, KA_ERR_ARG, "LimitA must be a number");
        if (ka_optional_number(args[3], 0.95, &vp->limit_b) != KA_OK)
            return fail(cx, KA_ERR_ARG, "LimitB must be a number");
        if (!(vp->limit_a > 0 && vp->limit_a < vp->limit_b && vp->limit_b <= 1))
            return fail(cx, KA_ERR_ARG, "limits need 0 < LimitA < LimitB <= 1");
        if (ka_optional_choice(args[4], 0, 1, &vp->rule) != KA_OK)
            return fail(cx, KA_ERR_ARG, "Rule must be 0 or 1");
    } else if (cx->fn->id == KA_FN_DEPENDENCY && !ka_uno_any_is_void(args[2])) {
        ka_range lim;
        if (ka_range_from_any(args[2], &lim) != KA_OK)
            return fail(cx, KA_ERR_ARG, "Limits must be four numbers");
        bool ok = lim.rows * lim.cols == 4;
        for (size_t k = 0; ok && k < 4; k++) {
            ok = lim.cells[k].kind == KA_CELL_NUMBER;
            vp->dep_storage[k] = lim.cells[k].num;
        }
        ka_range_clear(&lim);
        const char *unused;
        if (!ok || ka_dependency_level(0, vp->dep_storage, &unused) != KA_OK)
            return fail(cx, KA_ERR_ARG, "Limits must be four ascending numbers");
        vp->dep_limits = vp->dep_storage;
    }
    return true;
}

static void call_per_value(ka_calls *c, call_ctx *cx, void *ret, void *args[])
{
    value_params vp;
    if (!read_value_params(cx, args, &vp))
        return;
    ka_range r;
    ka_status st = ka_range_from_any(args[0], &r);
    if (st != KA_OK) {
        fail(cx, st, "Value must be a number or a range");
        return;
    }
    strings str;
    strings_init(&str);
    ka_result res;
    pthread_mutex_lock(&c->lock);
    const ka_pareto *p = NULL;
    st = pareto_of(c, *(uno_Sequence **)args[1], &p);
    if (st != KA_OK) {
        fail(cx, st, "Values must be numbers");
    } else if (cx->fn->id != KA_FN_ABCCLASS && ka_pareto_count(p) == 0) {
        fail(cx, KA_ERR_ARG, "Values holds no positive value");
    } else if ((st = ka_result_new(&res, r.rows, r.cols, r.is_array)) != KA_OK) {
        fail(cx, st, NULL);
    } else {
        for (size_t i = 0; i < r.rows && st == KA_OK; i++)
            for (size_t j = 0; j < r.cols && st == KA_OK; j++) {
                const ka_cell *cell = &KA_RANGE_AT(&r, i, j);
                uno_Any *out = ka_result_at(&res, i, j);
                if (cell->kind == KA_CELL_NUMBER)
                    st = value_cell(cx->fn, p, cell->num, &vp, &str, out);
                else
                    set_text(out, str.empty);
            }
        ka_result_finish(&res, st, ret);
        if (st != KA_OK)
            fail(cx, st, "a value is outside the function's domain");
    }
    pthread_mutex_unlock(&c->lock);
    for (int k = 0; k < 5; k++)
        if (vp.dep_strings[k])
            rtl_uString_release(vp.dep_strings[k]);
    strings_clear(&str);
    ka_range_clear(&r);
}

/* ---- CONCENTRATION ---- */

static void call_concentration(call_ctx *cx, void *ret, void *args[])
{
    ka_concentration_measure m = KA_CONC_HHI;
    const uno_Any *measure = args[1];
    if (!ka_uno_any_is_void(measure)) {
        rtl_uString *s = ka_uno_any_get_string(measure);
        char *name = s ? ka_uno_string_utf8(s, NULL) : NULL;
        ka_status st = name ? ka_concentration_measure_parse(name, &m) : KA_ERR_ARG;
        free(name);
        if (st != KA_OK) {
            fail(cx, KA_ERR_ARG, "Measure must be HHI, HHINORM, N, GINI or TOP20");
            return;
        }
    }
    double *values, out;
    size_t n;
    ka_status st = ka_numbers_from_matrix(*(uno_Sequence **)args[0], &values, &n);
    if (st == KA_OK)
        st = ka_concentration(values, n, m, &out);
    free(values);
    if (st != KA_OK)
        fail(cx, st, "Values holds no positive value");
    else
        ka_uno_any_double(ret, out);
}

/* ---- series functions: XYZCLASS, XYZCOEF (and the XYZ half of ABCXYZ) ---- */

/* The series of a Series range: each row is one client's periods, except a
 * single column, which is one series (months listed downwards). */
typedef struct series_view {
    const ka_range *r;
    bool column; /* one series down a single column */
    size_t count, length;
} series_view;

static series_view series_of(const ka_range *r)
{
    series_view s = {r, r->cols == 1 && r->rows > 1, 0, 0};
    s.count = s.column ? 1 : r->rows;
    s.length = s.column ? r->rows : r->cols;
    return s;
}

/* Copies series k into buf (empty cells as 0).  Returns KA_ERR_ARG for
 * text; *all_empty tells a row without any value. */
static ka_status series_get(const series_view *s, size_t k, double *buf, bool *all_empty)
{
    *all_empty = true;
    for (size_t t = 0; t < s->length; t++) {
        const ka_cell *cell = s->column ? &KA_RANGE_AT(s->r, t, 0) : &KA_RANGE_AT(s->r, k, t);
        if (cell->kind == KA_CELL_TEXT)
            return KA_ERR_ARG;
        buf[t] = cell->kind == KA_CELL_NUMBER ? cell->num : 0.0;
        if (cell->kind == KA_CELL_NUMBER)
            *all_empty = false;
    }
    return KA_OK;
}

typedef struct xyz_params {
    double limit_x, limit_y;
    int deviation;
} xyz_params;

/* Class letter (or 0 for a row without values) of series k. */
static ka_status xyz_letter(const series_view *s, size_t k, const xyz_params *xp, double *buf,
                            char *cls)
{
    bool empty;
    ka_status st = series_get(s, k, buf, &empty);
    if (st != KA_OK)
        return st;
    if (empty) {
        *cls = 0;
        return KA_OK;
    }
    return ka_xyz_classify(buf, s->length, xp->limit_x, xp->limit_y, xp->deviation, cls);
}

static void call_series(call_ctx *cx, void *ret, void *args[])
{
    xyz_params xp = {0.10, 0.25, 0};
    const bool coef = cx->fn->id == KA_FN_XYZCOEF;
    if (coef) {
        if (ka_optional_choice(args[1], 0, 1, &xp.deviation) != KA_OK) {
            fail(cx, KA_ERR_ARG, "Deviation must be 0 or 1");
            return;
        }
    } else {
        if (ka_optional_number(args[1], 0.10, &xp.limit_x) != KA_OK ||
            ka_optional_number(args[2], 0.25, &xp.limit_y) != KA_OK ||
            !(xp.limit_x > 0 && xp.limit_x < xp.limit_y)) {
            fail(cx, KA_ERR_ARG, "limits need 0 < LimitX < LimitY");
            return;
        }
        if (ka_optional_choice(args[3], 0, 1, &xp.deviation) != KA_OK) {
            fail(cx, KA_ERR_ARG, "Deviation must be 0 or 1");
            return;
        }
    }
    ka_range r;
    ka_status st = ka_range_from_matrix(*(uno_Sequence **)args[0], &r);
    if (st != KA_OK) {
        fail(cx, st, NULL);
        return;
    }
    series_view s = series_of(&r);
    double *buf = malloc((s.length ? s.length : 1) * sizeof *buf);
    ka_result res;
    strings str;
    strings_init(&str);
    if (!buf || (st = ka_result_new(&res, s.count, 1, s.count > 1)) != KA_OK) {
        fail(cx, KA_ERR_NOMEM, NULL);
    } else {
        if (s.count == 0)
            st = KA_ERR_ARG;
        for (size_t k = 0; k < s.count && st == KA_OK; k++) {
            uno_Any *out = ka_result_at(&res, k, 0);
            if (coef) {
                bool empty;
                double cv;
                st = series_get(&s, k, buf, &empty);
                if (st == KA_OK && empty) {
                    set_text(out, str.empty);
                } else if (st == KA_OK) {
                    st = ka_xyz_coef(buf, s.length, xp.deviation, &cv);
                    if (st == KA_OK)
                        ka_uno_any_double(out, cv);
                }
            } else {
                char cls;
                st = xyz_letter(&s, k, &xp, buf, &cls);
                if (st == KA_OK)
                    set_text(out, cls ? strings_letter(&str, cls) : str.empty);
            }
        }
        ka_result_finish(&res, st, ret);
        if (st != KA_OK)
            fail(cx, st,
                 coef ? "a row has fewer than 3 periods, holds text, or its mean is <= 0"
                      : "a row has fewer than 3 periods or holds text");
    }
    strings_clear(&str);
    free(buf);
    ka_range_clear(&r);
}

/* ---- ABCXYZ ---- */

static void call_abcxyz(ka_calls *c, call_ctx *cx, void *ret, void *args[])
{
    ka_range vr, sr;
    ka_status st = ka_range_from_any(args[0], &vr);
    if (st != KA_OK) {
        fail(cx, st, "Value must be a number or a range");
        return;
    }
    if ((st = ka_range_from_matrix(*(uno_Sequence **)args[2], &sr)) != KA_OK) {
        ka_range_clear(&vr);
        fail(cx, st, NULL);
        return;
    }
    /* Array form: one Value per row of Series; single form: one series. */
    series_view s = vr.is_array && vr.rows * vr.cols > 1
                        ? (series_view){&sr, false, sr.rows, sr.cols}
                        : series_of(&sr);
    size_t nv = vr.rows * vr.cols;
    const xyz_params xp = {0.10, 0.25, 0};
    double *buf = malloc((s.length ? s.length : 1) * sizeof *buf);
    strings str;
    strings_init(&str);
    ka_result res;
    pthread_mutex_lock(&c->lock);
    const ka_pareto *p = NULL;
    st = pareto_of(c, *(uno_Sequence **)args[1], &p);
    if (st != KA_OK || !buf) {
        fail(cx, buf ? st : KA_ERR_NOMEM, "Values must be numbers");
    } else if (nv != s.count) {
        fail(cx, KA_ERR_ARG, "Value and Series need the same number of rows");
    } else if ((st = ka_result_new(&res, vr.rows, vr.cols, vr.is_array && nv > 1)) != KA_OK) {
        fail(cx, st, NULL);
    } else {
        for (size_t k = 0; k < nv && st == KA_OK; k++) {
            const ka_cell *cell = &vr.cells[k];
            uno_Any *out = ka_result_at(&res, k / vr.cols, k % vr.cols);
            char abc = 0, xyz = 0;
            if (cell->kind == KA_CELL_NUMBER)
                st = ka_abc_classify(p, cell->num, 0.8, 0.95, KA_ABC_CROSSING, &abc);
            if (st == KA_OK)
                st = xyz_letter(&s, k, &xp, buf, &xyz);
            if (st == KA_OK && abc && xyz) {
                char both[3] = {abc, xyz, 0};
                ka_uno_any_utf8(out, both);
            } else if (st == KA_OK) {
                set_text(out, str.empty);
            }
        }
        ka_result_finish(&res, st, ret);
        if (st != KA_OK)
            fail(cx, st, "a Series row has fewer than 3 periods or holds text");
    }
    pthread_mutex_unlock(&c->lock);
    strings_clear(&str);
    free(buf);
    ka_range_clear(&vr);
    ka_range_clear(&sr);
}

/* ---- dispatch ---- */

void ka_calls_invoke(ka_calls *c, const ka_func_info *fn, void *ret, void *args[], uno_Any **exc)
{
    call_ctx cx = {fn, exc};
    switch (fn->id) {
    case KA_FN_ABCCLASS:
    case KA_FN_PARETOSHARE:
    case KA_FN_SALESSHARE:
    case KA_FN_DEPENDENCY:
        call_per_value(c, &cx, ret, args);
        break;
    case KA_FN_CONCENTRATION:
        call_concentration(&cx, ret, args);
        break;
    case KA_FN_XYZCLASS:
    case KA_FN_XYZCOEF:
        call_series(&cx, ret, args);
        break;
    case KA_FN_ABCXYZ:
        call_abcxyz(c, &cx, ret, args);
        break;
    case KA_FN_PURCHASESUMMARY:
        ka_call_purchase_summary(fn, ret, args, exc);
        break;
    case KA_FN_BGNBDFIT:
        ka_call_bgnbd_fit(fn, ret, args, exc);
        break;
    case KA_FN_CHURNRISK:
    case KA_FN_EXPECTEDPURCHASES:
        ka_call_churn(fn, ret, args, exc);
        break;
    case KA_FN_DOSSIER:
        ka_call_dossier(fn, ret, args, exc); /* no lock: it calls LibreOffice */
        break;
    default:
        ka_raise_status(exc, KA_ERR_ARG, fn->name, "not available in this version");
        break;
    }
}
