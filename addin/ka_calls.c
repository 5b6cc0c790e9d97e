/* ka_calls.c - the spreadsheet functions on the UNO side (see ka_calls.h). */
#include "ka_calls.h"

#include "ka_args.h"
#include "ka_memo.h"
#include "ka_messages.h"
#include "ka_segment.h"

#include <math.h>
#include <pthread.h>
#include <stdio.h>
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

/* The labels of a Groups argument, one per cell, row-major (as
 * ka_numbers_from_matrix flattens Values): the text Calc shows for each. */
typedef struct label_list {
    ka_label *labels; /* n entries, pointing into bytes */
    size_t n;
    char *bytes; /* the texts one after the other, in row order */
    size_t used; /* bytes used */
} label_list;

static void label_list_clear(label_list *l)
{
    free(l->labels);
    free(l->bytes);
    memset(l, 0, sizeof *l);
}

/* A prepared Values range split by its Groups: keyed on both, so that a
 * change of either a value or a label is a new entry, never a stale one. */
typedef struct group_slot {
    double *values; /* copy of the flattened Values */
    size_t n;
    label_list labels; /* the labels the groups were made from */
    ka_groups *groups;
    unsigned long last_use;
} group_slot;

struct ka_calls {
    pthread_mutex_t lock; /* guards slots, group_slots and clock; Calc may call from more than one
                             thread */
    pareto_slot slots[PARETO_SLOTS];
    group_slot group_slots[PARETO_SLOTS];
    unsigned long clock;
    pthread_mutex_t memo_lock; /* guards memo: held for lookups only, never while a handler runs */
    ka_memo memo;              /* results of the log functions (memoized), sequences it owns */
};

ka_calls *ka_calls_new(void)
{
    ka_calls *c = calloc(1, sizeof *c);
    if (!c)
        return NULL;
    pthread_mutex_init(&c->lock, NULL);
    pthread_mutex_init(&c->memo_lock, NULL);
    ka_memo_init(&c->memo);
    return c;
}

void ka_calls_free(ka_calls *c)
{
    if (!c)
        return;
    for (size_t i = 0; i < PARETO_SLOTS; i++) {
        free(c->slots[i].values);
        ka_pareto_free(c->slots[i].pareto);
        free(c->group_slots[i].values);
        label_list_clear(&c->group_slots[i].labels);
        ka_groups_free(c->group_slots[i].groups);
    }
    void *held[KA_MEMO_SLOTS];
    for (size_t i = 0, n = ka_memo_clear(&c->memo, held); i < n; i++)
        ka_uno_sequence_release(held[i], ka_uno_matrix_any_type());
    pthread_mutex_destroy(&c->memo_lock);
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

/* ---- group labels ---- */

/* Room for the text of a number label, "%.15g" with its NUL. */
#define NUMBER_LABEL_ROOM 32

/* Writes the label of a number, the text Calc shows for it in the General
 * format (the rule of DOSSIER()'s client ids: 12, 1.5), to out (room
 * NUMBER_LABEL_ROOM); -0 is 0.  Returns the byte count. */
static size_t number_label(double v, char *out)
{
    int len = snprintf(out, NUMBER_LABEL_ROOM, "%.15g", v == 0 ? 0.0 : v);
    return len > 0 && len < NUMBER_LABEL_ROOM ? (size_t)len : 0;
}

/* Room the label of one any needs. */
static size_t label_room(const uno_Any *a)
{
    rtl_uString *s = ka_uno_any_get_string(a);
    return s ? 3 * (size_t)s->length : NUMBER_LABEL_ROOM;
}

/* Writes the label of one cell as Calc passes it (a number, a text, or
 * "" for an empty cell) to out; returns the byte count. */
static size_t label_write(const uno_Any *a, char *out)
{
    double v;
    rtl_uString *s;
    if (ka_uno_any_number(a, &v))
        return number_label(v, out);
    if ((s = ka_uno_any_get_string(a)) != NULL)
        return ka_uno_utf16_to_utf8(s->buffer, (size_t)s->length, out);
    return 0;
}

/* Reads the labels of a Groups argument: a range (every cell, row-major)
 * or one value.  The caller clears l, also on failure. */
static ka_status labels_from_any(const uno_Any *groups, label_list *l)
{
    memset(l, 0, sizeof *l);
    uno_Sequence *m = ka_uno_any_get_matrix(groups);
    size_t n = 0, room = 0;
    if (!m) {
        n = 1;
        room = label_room(groups);
    } else {
        for (sal_Int32 i = 0; i < m->nElements; i++) {
            uno_Sequence *row = KA_UNO_SEQ_AT(m, uno_Sequence *, i);
            const uno_Any *a = (const uno_Any *)(void *)row->elements;
            n += (size_t)row->nElements;
            for (sal_Int32 j = 0; j < row->nElements; j++)
                room += label_room(&a[j]);
        }
    }
    l->labels = malloc((n ? n : 1) * sizeof *l->labels);
    l->bytes = malloc(room ? room : 1);
    if (!l->labels || !l->bytes)
        return KA_ERR_NOMEM;
    if (!m) {
        l->labels[0] = (ka_label){l->bytes, label_write(groups, l->bytes)};
        l->n = 1;
        l->used = l->labels[0].len;
        return KA_OK;
    }
    for (sal_Int32 i = 0; i < m->nElements; i++) {
        uno_Sequence *row = KA_UNO_SEQ_AT(m, uno_Sequence *, i);
        const uno_Any *a = (const uno_Any *)(void *)row->elements;
        for (sal_Int32 j = 0; j < row->nElements; j++) {
            size_t len = label_write(&a[j], l->bytes + l->used);
            l->labels[l->n++] = (ka_label){l->bytes + l->used, len};
            l->used += len;
        }
    }
    return KA_OK;
}

/* True when two label lists hold the same labels in the same rows: the
 * texts lie one after the other, so equal lengths and equal bytes. */
static bool labels_equal(const label_list *a, const label_list *b)
{
    if (a->n != b->n || a->used != b->used ||
        (a->used > 0 && memcmp(a->bytes, b->bytes, a->used) != 0))
        return false;
    for (size_t i = 0; i < a->n; i++)
        if (a->labels[i].len != b->labels[i].len)
            return false;
    return true;
}

/* The prepared form of a Values argument split by a Groups argument, from
 * the cache or new; valid while c->lock is held, which the caller holds.
 * KA_ERR_ARG with *why set when the two differ in length. */
static ka_status groups_of(ka_calls *c, uno_Sequence *values_arg, const uno_Any *groups_arg,
                           const ka_groups **out, const char **why)
{
    double *values;
    size_t n;
    label_list labels;
    ka_status st = ka_numbers_from_matrix(values_arg, &values, &n);
    if (st != KA_OK)
        return st;
    if ((st = labels_from_any(groups_arg, &labels)) != KA_OK || labels.n != n) {
        if (st == KA_OK) {
            st = KA_ERR_ARG;
            *why = "Groups must have as many cells as Values";
        }
        free(values);
        label_list_clear(&labels);
        return st;
    }
    group_slot *victim = &c->group_slots[0];
    c->clock++;
    for (size_t i = 0; i < PARETO_SLOTS; i++) {
        group_slot *s = &c->group_slots[i];
        if (s->groups && s->n == n &&
            (n == 0 || memcmp(s->values, values, n * sizeof *values) == 0) &&
            labels_equal(&s->labels, &labels)) {
            s->last_use = c->clock;
            free(values);
            label_list_clear(&labels);
            *out = s->groups;
            return KA_OK;
        }
        if (s->last_use < victim->last_use)
            victim = s;
    }
    ka_groups *g = NULL;
    st = ka_groups_new(values, labels.labels, n, &g);
    if (st != KA_OK) {
        free(values);
        label_list_clear(&labels);
        return st;
    }
    free(victim->values);
    label_list_clear(&victim->labels);
    ka_groups_free(victim->groups);
    victim->values = values;
    victim->n = n;
    victim->labels = labels;
    victim->groups = g;
    victim->last_use = c->clock;
    *out = g;
    return KA_OK;
}

/* The label a Group argument names, read before the cache is locked. */
typedef struct group_label {
    bool given; /* Group was not omitted */
    bool zero;  /* a single number 0: what Calc passes for an empty cell */
    char text[NUMBER_LABEL_ROOM];
    char *heap; /* a text label (malloc'ed), else NULL */
    size_t len;
} group_label;

static const char *group_label_text(const group_label *gl)
{
    return gl->heap ? gl->heap : gl->text;
}

static void group_label_clear(group_label *gl)
{
    free(gl->heap);
    gl->heap = NULL;
}

/* Reads one cell as a group label: a number as Calc shows it, a text, or
 * "" for an empty cell.  scalar: the cell came as a single value, not in a
 * range (only then can a 0 stand for an empty cell). */
static ka_status group_label_of_cell(const ka_cell *c, bool scalar, group_label *gl)
{
    gl->given = true;
    gl->zero = scalar && c->kind == KA_CELL_NUMBER && c->num == 0;
    gl->heap = NULL;
    gl->len = 0;
    if (c->kind == KA_CELL_NUMBER) {
        gl->len = number_label(c->num, gl->text);
    } else if (c->kind == KA_CELL_TEXT) {
        if (!(gl->heap = ka_uno_string_utf8(c->text, &gl->len)))
            return KA_ERR_NOMEM;
    }
    return KA_OK;
}

/* The group index a label names in g.  Calc passes an empty cell given as
 * a single Group as the number 0: when no client's label is 0, that 0 is
 * taken for the group "" of the clients whose group cell is empty, so that
 * =F(B2;...;C$2:C$100;C2) and the array form agree for an empty C2. */
static size_t group_index(const ka_groups *g, const group_label *gl)
{
    size_t k = ka_groups_find(g, group_label_text(gl), gl->len);
    if (k == ka_groups_count(g) && gl->zero)
        k = ka_groups_find(g, "", 0);
    return k;
}

/* Where each Value cell of a call finds its prepared Values: ungrouped, the
 * whole range; with Group, that group; else the group of its own row. */
typedef struct value_source {
    const ka_pareto *whole;  /* ungrouped, or the group Group names */
    const ka_groups *groups; /* by row when whole is NULL */
} value_source;

static const ka_pareto *source_at(const value_source *vs, size_t k)
{
    return vs->whole ? vs->whole : ka_groups_pareto(vs->groups, ka_groups_of_row(vs->groups, k));
}

/* Reads the Group argument of a function with Groups (before the lock):
 * omitted, or one cell.  KA_ERR_ARG with *why for Group without Groups or
 * Group of several cells. */
static ka_status group_arg(const uno_Any *groups_arg, const uno_Any *group_arg_any, group_label *gl,
                           const char **why)
{
    memset(gl, 0, sizeof *gl);
    if (ka_uno_any_is_void(group_arg_any))
        return KA_OK;
    if (ka_uno_any_is_void(groups_arg)) {
        *why = "Group needs Groups, the groups of all clients";
        return KA_ERR_ARG;
    }
    ka_range r;
    ka_status st = ka_range_from_any(group_arg_any, &r);
    if (st == KA_OK && r.rows * r.cols != 1) {
        st = KA_ERR_ARG;
        *why = "Group must be one label (leave it out to take each client's group from Groups)";
    }
    if (st == KA_OK)
        st = group_label_of_cell(&r.cells[0], !r.is_array, gl);
    ka_range_clear(&r);
    return st;
}

/* The prepared Values of a call (c->lock held): the whole range without
 * Groups, else split by Groups; n_cells: the cells of Value, which must be
 * as many as Groups' when Group is not given.  *why names what is wrong
 * for KA_ERR_ARG. */
static ka_status values_source(ka_calls *c, uno_Sequence *values_arg, const uno_Any *groups_arg,
                               const group_label *gl, size_t n_cells, value_source *vs,
                               const char **why)
{
    memset(vs, 0, sizeof *vs);
    if (ka_uno_any_is_void(groups_arg))
        return pareto_of(c, values_arg, &vs->whole);
    ka_status st = groups_of(c, values_arg, groups_arg, &vs->groups, why);
    if (st != KA_OK)
        return st;
    if (gl->given) {
        vs->whole = ka_groups_pareto(vs->groups, group_index(vs->groups, gl));
    } else if (n_cells != ka_groups_rows(vs->groups)) {
        *why = "Value and Groups need the same number of cells (or give Group)";
        return KA_ERR_ARG;
    }
    return KA_OK;
}

/* ---- shared shapes ---- */

static void fail(ka_call *cx, ka_status st, const char *what)
{
    ka_raise_status(cx->exc, st, cx->fn->name, what);
}

/* Interned result strings of one call: "", "A", "B", ... built once per
 * call, not once per cell.  NULL entries are made on first use. */
typedef struct strings {
    rtl_uString *empty;
    rtl_uString *letter[26];
} strings;

static ka_status strings_init(strings *s)
{
    memset(s, 0, sizeof *s);
    return ka_uno_string_from_utf8("", 0, &s->empty);
}

/* The interned one-letter string of an upper-case letter, or NULL when out
 * of memory (the caller reports KA_ERR_NOMEM: never "" in its place). */
static rtl_uString *strings_letter(strings *s, char ch)
{
    int k = ch - 'A';
    if (k < 0 || k >= 26)
        return NULL;
    if (!s->letter[k]) {
        char b[2] = {ch, 0};
        ka_uno_string_from_utf8(b, 1, &s->letter[k]); /* stays NULL when out of memory */
    }
    return s->letter[k];
}

static void strings_clear(strings *s)
{
    if (s->empty)
        rtl_uString_release(s->empty);
    for (int i = 0; i < 26; i++)
        if (s->letter[i])
            rtl_uString_release(s->letter[i]);
}

/* Sets a result cell to an interned string; KA_ERR_NOMEM for NULL. */
static ka_status set_text(uno_Any *a, rtl_uString *s)
{
    if (!s)
        return KA_ERR_NOMEM;
    ka_uno_any_string(a, s);
    return KA_OK;
}

/* ---- per-value functions: ABCCLASS, PARETOSHARE, SALESSHARE, DEPENDENCY ----
 * One cell of the Value argument against the prepared Values. */

typedef struct value_params {
    double limit_a, limit_b;     /* ABCCLASS */
    int rule;                    /* ABCCLASS */
    const double *dep_limits;    /* DEPENDENCY; NULL: defaults */
    double dep_storage[4];       /* DEPENDENCY */
    const char *dep_levels[5];   /* distinct level strings seen, for interning */
    rtl_uString *dep_strings[5]; /* their UNO strings */
    strings str;                 /* interned "" and letters */
} value_params;

typedef ka_status (*value_cell_fn)(const ka_pareto *p, double v, value_params *vp, uno_Any *out);

static ka_status cell_abcclass(const ka_pareto *p, double v, value_params *vp, uno_Any *out)
{
    char cls;
    ka_status st = ka_abc_classify(p, v, vp->limit_a, vp->limit_b, vp->rule, &cls);
    return st == KA_OK ? set_text(out, strings_letter(&vp->str, cls)) : st;
}

/* Sets a result cell to the number a core call computed (st its status),
 * when it succeeded. */
static ka_status set_number(ka_status st, double v, uno_Any *out)
{
    if (st == KA_OK)
        ka_uno_any_double(out, v);
    return st;
}

static ka_status cell_paretoshare(const ka_pareto *p, double v, value_params *vp, uno_Any *out)
{
    double share = 0;
    ka_status st = ka_pareto_upto(p, v, &share);
    return set_number(st, share, out);
}

static ka_status cell_salesshare(const ka_pareto *p, double v, value_params *vp, uno_Any *out)
{
    double share = 0;
    ka_status st = ka_sales_share(p, v, &share);
    return set_number(st, share, out);
}

static ka_status cell_dependency(const ka_pareto *p, double v, value_params *vp, uno_Any *out)
{
    double share;
    const char *level;
    ka_status st = ka_sales_share(p, v, &share);
    if (st == KA_OK)
        st = ka_dependency_level(share, vp->dep_limits, &level);
    if (st != KA_OK)
        return st;
    for (int k = 0; k < 5; k++) {
        if (!vp->dep_levels[k]) {
            if ((st = ka_uno_string_from_utf8(level, (size_t)-1, &vp->dep_strings[k])) != KA_OK)
                return st;
            vp->dep_levels[k] = level;
        }
        if (vp->dep_levels[k] == level)
            return set_text(out, vp->dep_strings[k]);
    }
    return KA_ERR_ARG; /* more than the five levels ka_dependency_level has */
}

static void value_params_clear(value_params *vp)
{
    for (int k = 0; k < 5; k++)
        if (vp->dep_strings[k])
            rtl_uString_release(vp->dep_strings[k]);
    strings_clear(&vp->str);
}

/* The shared body: Value (a number or a range) against Values, or
 * against each client's group of Values with Groups; every number cell
 * through cell, other cells "".  need_total: the Values a client is placed
 * against must hold a positive value (all but ABCCLASS, whose classes are
 * defined without). */
static void per_value(ka_call *cx, const uno_Any *value_arg, void *values_arg,
                      const uno_Any *groups_arg, const uno_Any *group_any, value_params *vp,
                      value_cell_fn cell, bool need_total)
{
    ka_range r;
    group_label gl;
    const char *why = NULL;
    ka_status st = ka_range_from_any(value_arg, &r);
    if (st != KA_OK) {
        fail(cx, st, ka_messages[KA_MSG_WHY_VALUE].text);
        return;
    }
    if ((st = group_arg(groups_arg, group_any, &gl, &why)) != KA_OK ||
        (st = strings_init(&vp->str)) != KA_OK) {
        fail(cx, st, why);
        group_label_clear(&gl);
        ka_range_clear(&r);
        return;
    }
    const bool grouped = !ka_uno_any_is_void(groups_arg);
    ka_result res;
    pthread_mutex_lock(&cx->state->lock);
    value_source vs;
    st = values_source(cx->state, *(uno_Sequence **)values_arg, groups_arg, &gl, r.rows * r.cols,
                       &vs, &why);
    if (st != KA_OK) {
        fail(cx, st, why ? why : "Values must be numbers");
    } else if (need_total && !grouped && ka_pareto_count(vs.whole) == 0) {
        fail(cx, KA_ERR_ARG, ka_messages[KA_MSG_WHY_NO_POSITIVE].text);
    } else if ((st = ka_result_new(&res, r.rows, r.cols, r.is_array)) != KA_OK) {
        fail(cx, st, NULL);
    } else {
        for (size_t i = 0; i < r.rows && st == KA_OK; i++)
            for (size_t j = 0; j < r.cols && st == KA_OK; j++) {
                const ka_cell *c = &KA_RANGE_AT(&r, i, j);
                uno_Any *out = ka_result_at(&res, i, j);
                const ka_pareto *p = source_at(&vs, i * r.cols + j);
                if (c->kind != KA_CELL_NUMBER) {
                    st = set_text(out, vp->str.empty);
                } else if (need_total && ka_pareto_count(p) == 0) {
                    why = "a client's group holds no positive value in Values";
                    st = KA_ERR_ARG;
                } else {
                    st = cell(p, c->num, vp, out);
                }
            }
        ka_result_finish(&res, st, cx->ret);
        if (st != KA_OK)
            fail(cx, st, why ? why : "a value is outside the function's domain");
    }
    pthread_mutex_unlock(&cx->state->lock);
    value_params_clear(vp);
    group_label_clear(&gl);
    ka_range_clear(&r);
}

void ka_handle_abcclass(ka_call *cx)
{
    value_params vp = {.limit_a = 0.8, .limit_b = 0.95};
    if (ka_optional_number(cx->args[KA_ABCCLASS_LIMITA], 0.8, &vp.limit_a) != KA_OK) {
        fail(cx, KA_ERR_ARG, "LimitA must be a number");
        return;
    }
    if (ka_optional_number(cx->args[KA_ABCCLASS_LIMITB], 0.95, &vp.limit_b) != KA_OK) {
        fail(cx, KA_ERR_ARG, "LimitB must be a number");
        return;
    }
    if (!(vp.limit_a > 0 && vp.limit_a < vp.limit_b && vp.limit_b <= 1)) {
        fail(cx, KA_ERR_ARG, ka_messages[KA_MSG_WHY_ABC_LIMITS].text);
        return;
    }
    if (ka_optional_choice(cx->args[KA_ABCCLASS_RULE], 0, 1, &vp.rule) != KA_OK) {
        fail(cx, KA_ERR_ARG, "Rule must be 0 or 1");
        return;
    }
    per_value(cx, cx->args[KA_ABCCLASS_VALUE], cx->args[KA_ABCCLASS_VALUES],
              cx->args[KA_ABCCLASS_GROUPS], cx->args[KA_ABCCLASS_GROUP], &vp, cell_abcclass, false);
}

void ka_handle_paretoshare(ka_call *cx)
{
    value_params vp = {0};
    per_value(cx, cx->args[KA_PARETOSHARE_VALUE], cx->args[KA_PARETOSHARE_VALUES],
              cx->args[KA_PARETOSHARE_GROUPS], cx->args[KA_PARETOSHARE_GROUP], &vp,
              cell_paretoshare, true);
}

void ka_handle_salesshare(ka_call *cx)
{
    value_params vp = {0};
    per_value(cx, cx->args[KA_SALESSHARE_VALUE], cx->args[KA_SALESSHARE_VALUES],
              cx->args[KA_SALESSHARE_GROUPS], cx->args[KA_SALESSHARE_GROUP], &vp, cell_salesshare,
              true);
}

void ka_handle_dependency(ka_call *cx)
{
    value_params vp = {0};
    const uno_Any *limits = cx->args[KA_DEPENDENCY_LIMITS];
    if (!ka_uno_any_is_void(limits)) {
        ka_range lim;
        ka_status st = ka_range_from_any(limits, &lim);
        if (st != KA_OK) {
            fail(cx, st, "Limits must be four numbers");
            return;
        }
        bool ok = lim.rows * lim.cols == 4;
        for (size_t k = 0; ok && k < 4; k++) {
            ok = lim.cells[k].kind == KA_CELL_NUMBER;
            vp.dep_storage[k] = lim.cells[k].num;
        }
        ka_range_clear(&lim);
        const char *unused;
        if (!ok || ka_dependency_level(0, vp.dep_storage, &unused) != KA_OK) {
            fail(cx, KA_ERR_ARG, "Limits must be four ascending numbers");
            return;
        }
        vp.dep_limits = vp.dep_storage;
    }
    per_value(cx, cx->args[KA_DEPENDENCY_VALUE], cx->args[KA_DEPENDENCY_VALUES],
              cx->args[KA_DEPENDENCY_GROUPS], cx->args[KA_DEPENDENCY_GROUP], &vp, cell_dependency,
              true);
}

/* ---- CONCENTRATION ---- */

/* CONCENTRATION with Groups: the measure of the group Group names, or of
 * each label of a Group range (an array of Group's shape). */
static void concentration_grouped(ka_call *cx, ka_concentration_measure m)
{
    const uno_Any *groups_arg = cx->args[KA_CONCENTRATION_GROUPS];
    const uno_Any *group_any = cx->args[KA_CONCENTRATION_GROUP];
    if (ka_uno_any_is_void(groups_arg)) {
        fail(cx, KA_ERR_ARG, "Group needs Groups, the groups of all clients");
        return;
    }
    if (ka_uno_any_is_void(group_any)) {
        fail(cx, KA_ERR_ARG, "Group is needed with Groups: the label, or a range of labels");
        return;
    }
    ka_range r;
    ka_status st = ka_range_from_any(group_any, &r);
    if (st != KA_OK) {
        fail(cx, st, "Group must be a label or a range of labels");
        return;
    }
    const char *why = NULL;
    ka_result res;
    pthread_mutex_lock(&cx->state->lock);
    const ka_groups *g = NULL;
    st = groups_of(cx->state, *(uno_Sequence **)cx->args[KA_CONCENTRATION_VALUES], groups_arg, &g,
                   &why);
    if (st != KA_OK) {
        fail(cx, st, why ? why : "Values must be numbers");
    } else if ((st = ka_result_new(&res, r.rows, r.cols, r.is_array)) != KA_OK) {
        fail(cx, st, NULL);
    } else {
        for (size_t k = 0; k < r.rows * r.cols && st == KA_OK; k++) {
            group_label gl;
            double out = 0;
            if ((st = group_label_of_cell(&r.cells[k], !r.is_array, &gl)) == KA_OK)
                st = ka_pareto_concentration(ka_groups_pareto(g, group_index(g, &gl)), m, &out);
            group_label_clear(&gl);
            if (st == KA_OK)
                ka_uno_any_double(ka_result_at(&res, k / r.cols, k % r.cols), out);
            else if (st == KA_ERR_ARG)
                why = "a group of Group holds no positive value in Values";
        }
        ka_result_finish(&res, st, cx->ret);
        if (st != KA_OK)
            fail(cx, st, why);
    }
    pthread_mutex_unlock(&cx->state->lock);
    ka_range_clear(&r);
}

void ka_handle_concentration(ka_call *cx)
{
    ka_concentration_measure m = KA_CONC_HHI;
    const uno_Any *measure = cx->args[KA_CONCENTRATION_MEASURE];
    if (!ka_uno_any_is_void(measure)) {
        rtl_uString *s = ka_uno_any_get_string(measure);
        char *name = s ? ka_uno_string_utf8(s, NULL) : NULL;
        ka_status st = !s     ? KA_ERR_ARG
                       : name ? ka_concentration_measure_parse(name, &m)
                              : KA_ERR_NOMEM;
        free(name);
        if (st != KA_OK) {
            fail(cx, st, "Measure must be HHI, HHINORM, N, GINI or TOP20");
            return;
        }
    }
    if (!ka_uno_any_is_void(cx->args[KA_CONCENTRATION_GROUPS]) ||
        !ka_uno_any_is_void(cx->args[KA_CONCENTRATION_GROUP])) {
        concentration_grouped(cx, m);
        return;
    }
    double *values, out;
    size_t n;
    ka_status st =
        ka_numbers_from_matrix(*(uno_Sequence **)cx->args[KA_CONCENTRATION_VALUES], &values, &n);
    if (st == KA_OK)
        st = ka_concentration(values, n, m, &out);
    free(values);
    if (st != KA_OK)
        fail(cx, st, ka_messages[KA_MSG_WHY_NO_POSITIVE].text);
    else
        ka_uno_any_double(cx->ret, out);
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

/* One result cell of a series function for series k. */
typedef ka_status (*series_cell_fn)(const series_view *s, size_t k, const xyz_params *xp,
                                    double *buf, strings *str, uno_Any *out);

static ka_status cell_xyzclass(const series_view *s, size_t k, const xyz_params *xp, double *buf,
                               strings *str, uno_Any *out)
{
    char cls;
    ka_status st = xyz_letter(s, k, xp, buf, &cls);
    return st == KA_OK ? set_text(out, cls ? strings_letter(str, cls) : str->empty) : st;
}

static ka_status cell_xyzcoef(const series_view *s, size_t k, const xyz_params *xp, double *buf,
                              strings *str, uno_Any *out)
{
    bool empty;
    double cv;
    ka_status st = series_get(s, k, buf, &empty);
    if (st != KA_OK || empty)
        return st == KA_OK ? set_text(out, str->empty) : st;
    st = ka_xyz_coef(buf, s->length, xp->deviation, &cv);
    if (st == KA_OK)
        ka_uno_any_double(out, cv);
    return st;
}

/* The shared body: one result per series of the Series argument. */
static void per_series(ka_call *cx, void *series_arg, const xyz_params *xp, series_cell_fn cell,
                       const char *domain_msg)
{
    ka_range r;
    ka_status st = ka_range_from_matrix(*(uno_Sequence **)series_arg, &r);
    if (st != KA_OK) {
        fail(cx, st, NULL);
        return;
    }
    series_view s = series_of(&r);
    double *buf = malloc((s.length ? s.length : 1) * sizeof *buf);
    ka_result res;
    strings str;
    if (!buf || strings_init(&str) != KA_OK ||
        (st = ka_result_new(&res, s.count, 1, s.count > 1)) != KA_OK) {
        fail(cx, KA_ERR_NOMEM, NULL);
    } else {
        st = s.count == 0 ? KA_ERR_ARG : KA_OK;
        for (size_t k = 0; k < s.count && st == KA_OK; k++)
            st = cell(&s, k, xp, buf, &str, ka_result_at(&res, k, 0));
        ka_result_finish(&res, st, cx->ret);
        if (st != KA_OK)
            fail(cx, st, domain_msg);
    }
    strings_clear(&str);
    free(buf);
    ka_range_clear(&r);
}

void ka_handle_xyzclass(ka_call *cx)
{
    xyz_params xp = {0.10, 0.25, 0};
    if (ka_optional_number(cx->args[KA_XYZCLASS_LIMITX], 0.10, &xp.limit_x) != KA_OK ||
        ka_optional_number(cx->args[KA_XYZCLASS_LIMITY], 0.25, &xp.limit_y) != KA_OK ||
        !(xp.limit_x > 0 && xp.limit_x < xp.limit_y)) {
        fail(cx, KA_ERR_ARG, "limits need 0 < LimitX < LimitY");
        return;
    }
    if (ka_optional_choice(cx->args[KA_XYZCLASS_DEVIATION], 0, 1, &xp.deviation) != KA_OK) {
        fail(cx, KA_ERR_ARG, "Deviation must be 0 or 1");
        return;
    }
    per_series(cx, cx->args[KA_XYZCLASS_SERIES], &xp, cell_xyzclass,
               "a row has fewer than 3 periods or holds text");
}

void ka_handle_xyzcoef(ka_call *cx)
{
    xyz_params xp = {0.10, 0.25, 0};
    if (ka_optional_choice(cx->args[KA_XYZCOEF_DEVIATION], 0, 1, &xp.deviation) != KA_OK) {
        fail(cx, KA_ERR_ARG, "Deviation must be 0 or 1");
        return;
    }
    per_series(cx, cx->args[KA_XYZCOEF_SERIES], &xp, cell_xyzcoef,
               "a row has fewer than 3 periods, holds text, or its mean is <= 0");
}

/* ---- ABCXYZ ---- */

void ka_handle_abcxyz(ka_call *cx)
{
    ka_range vr, sr;
    group_label gl;
    const char *why = NULL;
    ka_status st = ka_range_from_any(cx->args[KA_ABCXYZ_VALUE], &vr);
    if (st != KA_OK) {
        fail(cx, st, ka_messages[KA_MSG_WHY_VALUE].text);
        return;
    }
    if ((st = ka_range_from_matrix(*(uno_Sequence **)cx->args[KA_ABCXYZ_SERIES], &sr)) != KA_OK) {
        ka_range_clear(&vr);
        fail(cx, st, NULL);
        return;
    }
    if ((st = group_arg(cx->args[KA_ABCXYZ_GROUPS], cx->args[KA_ABCXYZ_GROUP], &gl, &why)) !=
        KA_OK) {
        fail(cx, st, why);
        group_label_clear(&gl);
        ka_range_clear(&vr);
        ka_range_clear(&sr);
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
    ka_status str_st = strings_init(&str);
    ka_result res;
    pthread_mutex_lock(&cx->state->lock);
    value_source vs;
    st = values_source(cx->state, *(uno_Sequence **)cx->args[KA_ABCXYZ_VALUES],
                       cx->args[KA_ABCXYZ_GROUPS], &gl, nv, &vs, &why);
    if (st != KA_OK || !buf || str_st != KA_OK) {
        fail(cx, st != KA_OK ? st : KA_ERR_NOMEM, why ? why : "Values must be numbers");
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
                st =
                    ka_abc_classify(source_at(&vs, k), cell->num, 0.8, 0.95, KA_ABC_CROSSING, &abc);
            if (st == KA_OK)
                st = xyz_letter(&s, k, &xp, buf, &xyz);
            if (st == KA_OK && abc && xyz) {
                const char both[3] = {abc, xyz, 0};
                st = ka_uno_any_utf8(out, both) ? KA_OK : KA_ERR_NOMEM;
            } else if (st == KA_OK) {
                st = set_text(out, str.empty);
            }
        }
        ka_result_finish(&res, st, cx->ret);
        if (st != KA_OK)
            fail(cx, st, "a Series row has fewer than 3 periods or holds text");
    }
    pthread_mutex_unlock(&cx->state->lock);
    strings_clear(&str);
    free(buf);
    group_label_clear(&gl);
    ka_range_clear(&vr);
    ka_range_clear(&sr);
}

/* ---- PARETOCURVE ---- */

/* The label of a curve row (res cell out): the client's label cell, its
 * rank without Labels, or "35%" for a block of clients. */
static ka_status curve_label(const ka_curve_point *p, const ka_range *labels, size_t cell,
                             uno_Any *out)
{
    if (p->first != p->last) {
        char text[32];
        snprintf(text, sizeof text, "%.3g%%", p->clients * 100.0);
        return ka_uno_any_utf8(out, text) ? KA_OK : KA_ERR_NOMEM;
    }
    if (!labels) {
        ka_uno_any_double(out, (double)(p->first + 1));
        return KA_OK;
    }
    const ka_cell *c = &labels->cells[cell];
    if (c->kind == KA_CELL_NUMBER)
        ka_uno_any_double(out, c->num);
    else if (c->kind == KA_CELL_TEXT)
        ka_uno_any_string(out, c->text);
    else
        return ka_uno_any_utf8(out, "") ? KA_OK : KA_ERR_NOMEM;
    return KA_OK;
}

void ka_handle_paretocurve(ka_call *cx)
{
    double max_points = 200;
    if (ka_optional_number(cx->args[KA_PARETOCURVE_MAXPOINTS], 200, &max_points) != KA_OK ||
        !(max_points >= 1 && max_points <= 1048576) || max_points != floor(max_points)) {
        fail(cx, KA_ERR_ARG, "MaxPoints must be a whole number from 1 to 1048576");
        return;
    }
    const uno_Any *labels_any = cx->args[KA_PARETOCURVE_LABELS];
    const bool with_labels = !ka_uno_any_is_void(labels_any);
    ka_range vr, lr = {0, 0, false, NULL};
    ka_status st = ka_range_from_matrix(*(uno_Sequence **)cx->args[KA_PARETOCURVE_VALUES], &vr);
    if (st != KA_OK) {
        fail(cx, st, NULL);
        return;
    }
    const size_t cells = vr.rows * vr.cols;
    if (with_labels && (st = ka_range_from_any(labels_any, &lr)) == KA_OK &&
        lr.rows * lr.cols != cells) {
        st = KA_ERR_ARG;
        fail(cx, st, "Labels must have as many cells as Values");
    } else if (st != KA_OK) {
        fail(cx, st, NULL);
    }
    /* the clients: cells with a number, or with a label */
    double *values = st == KA_OK ? malloc((cells ? cells : 1) * sizeof *values) : NULL;
    size_t *cell_of = st == KA_OK ? malloc((cells ? cells : 1) * sizeof *cell_of) : NULL;
    size_t *order = st == KA_OK ? malloc((cells ? cells : 1) * sizeof *order) : NULL;
    size_t n = 0;
    if (st == KA_OK && (!values || !cell_of || !order)) {
        st = KA_ERR_NOMEM;
        fail(cx, st, NULL);
    }
    for (size_t i = 0; st == KA_OK && i < cells; i++) {
        const ka_cell *c = &vr.cells[i];
        if (c->kind == KA_CELL_NUMBER || (with_labels && lr.cells[i].kind != KA_CELL_EMPTY)) {
            values[n] = c->kind == KA_CELL_NUMBER ? c->num : 0.0;
            cell_of[n++] = i;
        }
    }
    size_t rows = ka_pareto_curve_rows(n, (size_t)max_points);
    ka_curve_point *points = st == KA_OK ? malloc((rows ? rows : 1) * sizeof *points) : NULL;
    if (st == KA_OK && !points) {
        st = KA_ERR_NOMEM;
        fail(cx, st, NULL);
    }
    if (st == KA_OK &&
        (st = ka_pareto_curve(values, n, (size_t)max_points, order, points)) != KA_OK)
        fail(cx, st, "Values holds no positive value");
    ka_result res;
    if (st == KA_OK && (st = ka_result_new(&res, rows, 4, true)) != KA_OK) {
        fail(cx, st, NULL);
    } else if (st == KA_OK) {
        for (size_t k = 0; k < rows && st == KA_OK; k++) {
            const ka_curve_point *p = &points[k];
            st = curve_label(p, with_labels ? &lr : NULL, cell_of[order[p->first]],
                             ka_result_at(&res, k, 0));
            ka_uno_any_double(ka_result_at(&res, k, 1), p->value);
            ka_uno_any_double(ka_result_at(&res, k, 2), p->share);
            ka_uno_any_double(ka_result_at(&res, k, 3), p->clients);
        }
        ka_result_finish(&res, st, cx->ret);
        if (st != KA_OK)
            fail(cx, st, NULL);
    }
    free(points);
    free(order);
    free(cell_of);
    free(values);
    ka_range_clear(&lr);
    ka_range_clear(&vr);
}

/* ---- dispatch ---- */

static const ka_handler handlers[KA_FN_COUNT] = KA_HANDLERS;

/* ---- the memory of recent failures (ka_calls_why) ---- */

/* Process-wide: the panel asks about a cell of any document. */
static ka_failures failures;
static pthread_mutex_t failures_lock = PTHREAD_MUTEX_INITIALIZER;

/* Feeds the arguments args (the handler's view) of fn to h, as the panel
 * hashes the cells a formula names; returns the number of their cells. */
static size_t hash_args(const ka_func_info *fn, void *const args[], ka_arg_hash *h)
{
    size_t cells = 0, rows, cols;
    for (size_t a = 0; a < fn->n_args; a++) {
        if (fn->args[a].kind == KA_ARG_CALLER)
            continue; /* hidden: not in the cell's formula */
        ka_arg_hash_next(h);
        switch (fn->args[a].kind) {
        case KA_ARG_NUMBERS:
        case KA_ARG_CELLS:
            ka_args_hash_matrix(h, *(uno_Sequence **)args[a], fn->args[a].kind == KA_ARG_NUMBERS);
            ka_matrix_shape(*(uno_Sequence **)args[a], &rows, &cols);
            cells += rows * cols;
            break;
        case KA_ARG_TEXT: {
            rtl_uString *t = *(rtl_uString **)args[a];
            ka_arg_hash_text(h, (const uint16_t *)t->buffer, (size_t)t->length);
            cells++;
            break;
        }
        default: { /* KA_ARG_VALUE (its view) and KA_ARG_OPTIONAL: anys */
            const uno_Any *any = args[a];
            uno_Sequence *m = ka_uno_any_get_matrix(any);
            ka_args_hash_any(h, any);
            if (m)
                ka_matrix_shape(m, &rows, &cols);
            cells += m ? rows * cols : 1;
            break;
        }
        }
    }
    return cells;
}

/* Notes the failure of fn with the arguments args (the handler's view)
 * and the message of exception exc ("NAME: reason"); hashing the
 * arguments and reading the message happen outside the lock. */
static void remember_failure(const ka_func_info *fn, void *const args[], const uno_Any *exc)
{
    ka_arg_hash h;
    ka_arg_hash_init(&h);
    hash_args(fn, args, &h);
    /* every exception's first member is its Message */
    char *msg = exc->pData ? ka_uno_string_utf8(*(rtl_uString **)exc->pData, NULL) : NULL;
    const char *reason = msg ? msg : "";
    size_t n = strlen(fn->name);
    if (strncmp(reason, fn->name, n) == 0 && strncmp(reason + n, ": ", 2) == 0)
        reason += n + 2;
    pthread_mutex_lock(&failures_lock);
    ka_failures_note(&failures, fn->name, h.h, reason);
    pthread_mutex_unlock(&failures_lock);
    free(msg);
}

bool ka_calls_why(const char *function, const uint64_t *args, ka_failure *out)
{
    pthread_mutex_lock(&failures_lock);
    bool found = ka_failures_find(&failures, function, args, out);
    pthread_mutex_unlock(&failures_lock);
    return found;
}

/* ---- the memo of the log functions' results (ka_memo.h) ----
 * The functions that read a whole order log: Calc evaluates the churn
 * review's as their formulas are entered and again in the calculation,
 * and every hard recalculation calls them again with the same log. */
static bool memoized(size_t id)
{
    return id == KA_FN_PURCHASECLIENTS || id == KA_FN_PURCHASESUMMARY;
}

/* Arguments smaller than this are read again faster than a memo entry is
 * worth: a fill-down of small calls would only push out the large ones. */
#define MEMO_MIN_CELLS 65536

/* Sets *ret to the memo's result of the key, when it has one. */
static bool memo_lookup(ka_calls *c, uint64_t key, size_t cells, void *ret)
{
    pthread_mutex_lock(&c->memo_lock);
    uno_Sequence *m = ka_memo_find(&c->memo, key, cells);
    if (m)
        osl_atomic_increment(&m->nRefCount); /* ours, for use after the unlock */
    pthread_mutex_unlock(&c->memo_lock);
    if (!m)
        return false;
    uno_type_any_construct(ret, &m, ka_uno_matrix_any_type(), NULL);
    ka_uno_sequence_release(m, ka_uno_matrix_any_type());
    return true;
}

/* Keeps the array result *ret of a successful call under the key; the
 * entries the memo lets go of are released after the unlock. */
static void memo_store(ka_calls *c, uint64_t key, size_t cells, const uno_Any *ret)
{
    uno_Sequence *m = ka_uno_any_get_matrix(ret);
    if (!m)
        return;
    size_t rows, cols;
    ka_matrix_shape(m, &rows, &cols);
    osl_atomic_increment(&m->nRefCount); /* the memo's: sequences are immutable once shared */
    void *evicted[KA_MEMO_SLOTS + 1];
    pthread_mutex_lock(&c->memo_lock);
    size_t n = ka_memo_put(&c->memo, key, cells, m, rows * cols, evicted);
    pthread_mutex_unlock(&c->memo_lock);
    for (size_t i = 0; i < n; i++)
        ka_uno_sequence_release(evicted[i], ka_uno_matrix_any_type());
}

void ka_calls_invoke(ka_calls *c, const ka_func_info *fn, void *ret, void *args[], uno_Any **exc)
{
    size_t id = (size_t)(fn - ka_functions);
    if (id >= KA_FN_COUNT || id >= ka_function_count ||
        fn->n_args > KA_MAX_NARGS) /* a stale build of ka_dispatch.h */
    {
        ka_raise_status(exc, KA_ERR_ARG, fn->name, "not available in this version");
        return;
    }
    /* Handlers read a value-or-range argument as an any (ka_value_arg_view). */
    void *view_args[KA_MAX_NARGS];
    uno_Any views[KA_MAX_NARGS];
    for (size_t a = 0; a < fn->n_args; a++) {
        view_args[a] = args[a];
        if (fn->args[a].kind == KA_ARG_VALUE) {
            ka_value_arg_view(*(uno_Sequence **)args[a], &views[a]);
            view_args[a] = &views[a];
        }
    }
    uint64_t key = 0;
    size_t cells = 0;
    if (memoized(id)) {
        ka_arg_hash h;
        ka_arg_hash_init_all(&h);
        ka_arg_hash_number(&h, (double)id); /* the function */
        cells = hash_args(fn, view_args, &h);
        key = h.h;
    }
    if (cells < MEMO_MIN_CELLS || !memo_lookup(c, key, cells, ret)) {
        ka_call call = {fn, view_args, ret, exc, c};
        handlers[id](&call);
        if (*exc && (*exc)->pType->eTypeClass == typelib_TypeClass_EXCEPTION)
            remember_failure(fn, view_args, *exc);
        else if (cells >= MEMO_MIN_CELLS)
            memo_store(c, key, cells, ret);
    }
    for (size_t a = 0; a < fn->n_args; a++)
        if (fn->args[a].kind == KA_ARG_VALUE)
            uno_any_destruct(&views[a], NULL);
}
