/* ka_period_calls.c - PERIODTOTALS, MIGRATION, RFMSCORE and RFMSEGMENT on
 * the UNO side: period over period and RFM.  Cells to arrays, core calls
 * (src/ka_summary.h, ka_migration.h, ka_rfm.h), the result or the error. */
#include "ka_args.h"
#include "ka_calls.h"
#include "ka_migration.h"
#include "ka_order_log.h"
#include "ka_rfm.h"

#include <math.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>
#include <strings.h>

/* ---- PERIODTOTALS ---- */

#define LENGTH_MSG "Length must be month, week, quarter, year or a whole number of days >= 1"

/* The Length argument: omitted -> month; a text -> its unit; a number ->
 * that many days. */
static ka_status period_length(const uno_Any *a, ka_period_unit *unit, double *days)
{
    static const struct {
        const char *name;
        ka_period_unit unit;
    } names[] = {{"month", KA_PERIOD_MONTH},
                 {"week", KA_PERIOD_WEEK},
                 {"quarter", KA_PERIOD_QUARTER},
                 {"year", KA_PERIOD_YEAR}};
    *unit = KA_PERIOD_MONTH;
    *days = 0;
    if (ka_uno_any_is_void(a))
        return KA_OK;
    if (ka_uno_any_number(a, days)) {
        *unit = KA_PERIOD_DAYS;
        return *days >= 1 && *days <= 2 * KA_SUMMARY_MAX_DATE && *days == floor(*days) ? KA_OK
                                                                                       : KA_ERR_ARG;
    }
    rtl_uString *s = ka_uno_any_get_string(a);
    char *name = s ? ka_uno_string_utf8(s, NULL) : NULL;
    ka_status st = !s ? KA_ERR_ARG : name ? KA_ERR_ARG : KA_ERR_NOMEM;
    for (size_t i = 0; name && i < sizeof names / sizeof names[0]; i++)
        if (strcasecmp(name, names[i].name) == 0) {
            *unit = names[i].unit;
            st = KA_OK;
        }
    free(name);
    return st;
}

void ka_handle_periodtotals(ka_call *call)
{
    void **args = call->args;
    ka_order_log log;
    double *out = NULL, start, periods, days;
    ka_period_unit unit;
    const char *what = NULL;
    ka_status st = ka_order_log_read(&log, *(uno_Sequence **)args[KA_PERIODTOTALS_CLIENTIDS],
                                     *(uno_Sequence **)args[KA_PERIODTOTALS_TXCLIENTS],
                                     *(uno_Sequence **)args[KA_PERIODTOTALS_TXDATES],
                                     args[KA_PERIODTOTALS_AMOUNTS], &what);
    if (st != KA_OK)
        goto done;
    st = KA_ERR_ARG;
    if (!ka_uno_any_number(args[KA_PERIODTOTALS_START], &start) ||
        !(fabs(start) <= KA_SUMMARY_MAX_DATE)) {
        what = "Start must be a date";
        goto done;
    }
    if (!ka_uno_any_number(args[KA_PERIODTOTALS_PERIODS], &periods) || !(periods >= 1) ||
        periods > KA_PERIOD_MAX_COUNT || periods != floor(periods)) {
        what = "Periods must be a whole number from 1 to 16384";
        goto done;
    }
    if ((st = period_length(args[KA_PERIODTOTALS_LENGTH], &unit, &days)) != KA_OK) {
        what = LENGTH_MSG;
        goto done;
    }
    const size_t cols = (size_t)periods, k = log.k ? log.k : 1;
    if (!(out = malloc(k * cols * sizeof *out))) {
        st = KA_ERR_NOMEM;
        goto done;
    }
    st = ka_period_totals(log.tx_keys, log.dates, log.amounts, log.m, log.id_keys, log.k, start,
                          cols, unit, days, out);
    if (st != KA_OK) {
        what = "a date in TxDates or the last period is out of range";
        goto done;
    }
    st = ka_order_log_emit(&log, out, NULL, cols, call->ret);
done:
    if (st != KA_OK)
        ka_raise_status(call->exc, st, call->fn->name, what);
    ka_order_log_clear(&log);
    free(out);
}

/* ---- MIGRATION ---- */

/* The labels of one argument's cells (texts, numbers as Calc shows them,
 * empty cells no class); the texts are malloc'ed, freed by labels_free. */
static ka_status labels_read(const ka_range *r, ka_label *labels)
{
    const size_t n = r->rows * r->cols;
    for (size_t i = 0; i < n; i++)
        labels[i] = (ka_label){NULL, 0};
    for (size_t i = 0; i < n; i++) {
        char *text;
        if (ka_cell_client_id(&r->cells[i], &text) != KA_OK)
            return KA_ERR_NOMEM;
        labels[i] = (ka_label){text, text ? strlen(text) : 0};
    }
    return KA_OK;
}

static void labels_free(ka_label *labels, size_t n)
{
    for (size_t i = 0; labels && i < n; i++)
        free((char *)labels[i].text);
    free(labels);
}

/* Sets result cell (i, j) to the UTF-8 text s; KA_ERR_NOMEM on failure. */
static ka_status set_utf8(ka_result *res, size_t i, size_t j, const char *s, size_t len)
{
    rtl_uString *u;
    ka_status st = ka_uno_string_from_utf8(s, len, &u);
    if (st != KA_OK)
        return st;
    ka_uno_any_string(ka_result_at(res, i, j), u);
    rtl_uString_release(u);
    return KA_OK;
}

/* The labelled table: "" at the top left, the labels, "-", "Total". */
static ka_status migration_emit(const ka_migration *m, void *ret)
{
    const size_t k = m->n_labels + (size_t)m->has_empty, w = k + 2;
    ka_result res;
    ka_status st = ka_result_new(&res, w, w, true);
    if (st != KA_OK)
        return st;
    for (size_t i = 0; st == KA_OK && i < w; i++)
        for (size_t j = 0; st == KA_OK && j < w; j++) {
            const size_t h = i ? i : j; /* the header's class + 1, 0 for the corner */
            if (i && j) {
                ka_uno_any_double(ka_result_at(&res, i, j), m->cells[(i - 1) * (k + 1) + j - 1]);
                continue;
            }
            if (h == 0)
                st = set_utf8(&res, i, j, "", 0);
            else if (h <= m->n_labels)
                st = set_utf8(&res, i, j, m->labels[h - 1], m->label_lens[h - 1]);
            else
                st = set_utf8(&res, i, j, h == w - 1 ? "Total" : "-", h == w - 1 ? 5 : 1);
        }
    ka_result_finish(&res, st, ret);
    return st;
}

void ka_handle_migration(ka_call *call)
{
    void **args = call->args;
    ka_range from = {0}, to = {0}, weights = {0};
    ka_label *labels = NULL;
    double *w = NULL;
    ka_migration *m = NULL;
    const char *what = NULL;
    size_t n = 0;
    ka_status st = ka_range_from_matrix(*(uno_Sequence **)args[KA_MIGRATION_FROM], &from);
    if (st == KA_OK)
        st = ka_range_from_matrix(*(uno_Sequence **)args[KA_MIGRATION_TO], &to);
    if (st != KA_OK)
        goto done;
    n = from.rows * from.cols;
    if (to.rows * to.cols != n) {
        st = KA_ERR_ARG;
        what = "From and To need the same number of cells";
        goto done;
    }
    if (!(labels = malloc((n ? 2 * n : 1) * sizeof *labels))) {
        st = KA_ERR_NOMEM;
        goto done;
    }
    for (size_t i = 0; i < 2 * n; i++)
        labels[i] = (ka_label){NULL, 0};
    if ((st = labels_read(&from, labels)) != KA_OK || (st = labels_read(&to, labels + n)) != KA_OK)
        goto done;
    const uno_Any *weights_arg = args[KA_MIGRATION_WEIGHTS];
    if (!ka_uno_any_is_void(weights_arg)) {
        if ((st = ka_range_from_any(weights_arg, &weights)) != KA_OK)
            goto done;
        st = KA_ERR_ARG;
        if (weights.rows * weights.cols != n) {
            what = "Weights needs one cell per client, as From";
            goto done;
        }
        if (!(w = malloc((n ? n : 1) * sizeof *w))) {
            st = KA_ERR_NOMEM;
            goto done;
        }
        for (size_t i = 0; i < n; i++) {
            const ka_cell *c = &weights.cells[i];
            const bool client = labels[i].text || labels[n + i].text;
            if (client &&
                (c->kind != KA_CELL_NUMBER || !(fabs(c->num) <= KA_MIGRATION_MAX_WEIGHT))) {
                what = "every client row needs a number in Weights";
                goto done;
            }
            w[i] = client ? c->num : 0.0;
        }
    }
    st = ka_migration_new(labels, labels + n, w, n, &m);
    if (st == KA_OK)
        st = migration_emit(m, call->ret);
    else if (st == KA_ERR_ARG)
        what = "more than 1000 distinct labels: are From and To classes?";
done:
    if (st != KA_OK)
        ka_raise_status(call->exc, st, call->fn->name, what);
    ka_migration_free(m);
    labels_free(labels, 2 * n);
    free(w);
    ka_range_clear(&from);
    ka_range_clear(&to);
    ka_range_clear(&weights);
}

/* ---- RFMSCORE, RFMSEGMENT ---- */

#define BINS_MSG "Bins must be a whole number from 2 to 9"

/* Clients given as three aligned columns: the rows with values (n of them,
 * at cell index row[i]); rows empty in all three are skipped. */
typedef struct rfm_clients {
    size_t n, cells;
    double *v[3]; /* SinceLast, Frequency, Monetary */
    size_t *row;
    char msg[160];
} rfm_clients;

static void rfm_clients_clear(rfm_clients *c)
{
    for (int k = 0; k < 3; k++)
        free(c->v[k]);
    free(c->row);
    memset(c, 0, sizeof *c);
}

/* Collects cell i of column k of three aligned ranges (col == NULL) or of
 * one 3-column range (col != NULL).  Returns KA_ERR_ARG with *what set, or
 * KA_ERR_NOMEM; the caller calls rfm_clients_clear in every case. */
static ka_status rfm_clients_collect(const ka_range *r[3], const ka_range *table, const char *name,
                                     rfm_clients *c, const char **what)
{
    const size_t n = table ? table->rows : r[0]->rows * r[0]->cols;
    c->cells = n;
    for (int k = 0; k < 3; k++)
        c->v[k] = malloc((n ? n : 1) * sizeof *c->v[k]);
    c->row = malloc((n ? n : 1) * sizeof *c->row);
    if (!c->v[0] || !c->v[1] || !c->v[2] || !c->row)
        return KA_ERR_NOMEM;
    for (size_t i = 0; i < n; i++) {
        const ka_cell *cell[3];
        int empties = 0, numbers = 0;
        for (int k = 0; k < 3; k++) {
            cell[k] = table ? &KA_RANGE_AT(table, i, (size_t)k) : &r[k]->cells[i];
            empties += cell[k]->kind == KA_CELL_EMPTY;
            numbers += cell[k]->kind == KA_CELL_NUMBER;
        }
        if (empties == 3)
            continue;
        if (numbers != 3 ||
            ka_rfm_check_client(cell[0]->num, cell[1]->num, cell[2]->num) != KA_OK) {
            snprintf(c->msg, sizeof c->msg,
                     "%s, row %zu: SinceLast and Frequency must be numbers >= 0 and Monetary a "
                     "number, all three filled in",
                     name, i + 1);
            *what = c->msg;
            return KA_ERR_ARG;
        }
        for (int k = 0; k < 3; k++)
            c->v[k][c->n] = cell[k]->num;
        c->row[c->n++] = i;
    }
    return KA_OK;
}

/* The scores of an RFMSCORE or RFMSEGMENT call: one per cell of the first
 * argument (has[i] false for a skipped row). */
typedef struct rfm_scores {
    size_t rows, cols;
    bool array;
    rfm_clients c;
    int *score;
    int bins;
} rfm_scores;

static void rfm_scores_clear(rfm_scores *s)
{
    rfm_clients_clear(&s->c);
    free(s->score);
    s->score = NULL;
}

/* Scores the clients of the three value arguments against Population (or
 * themselves).  Returns KA_ERR_ARG with *what set, or KA_ERR_NOMEM. */
static ka_status rfm_scores_compute(const uno_Any *values[3], const uno_Any *population_arg,
                                    int bins, rfm_scores *s, const char **what)
{
    ka_range r0 = {0}, r1 = {0}, r2 = {0}, pop = {0};
    ka_range *r[3] = {&r0, &r1, &r2};
    rfm_clients pc = {0};
    ka_rfm *rfm = NULL;
    ka_status st = KA_OK;
    s->bins = bins;
    for (int k = 0; k < 3 && st == KA_OK; k++)
        st = ka_range_from_any(values[k], r[k]);
    if (st != KA_OK)
        goto done;
    const size_t n = r0.rows * r0.cols;
    if (r1.rows * r1.cols != n || r2.rows * r2.cols != n) {
        st = KA_ERR_ARG;
        *what = "SinceLast, Frequency and Monetary need the same number of cells";
        goto done;
    }
    s->rows = r0.rows;
    s->cols = r0.cols;
    s->array = r0.is_array && n > 1;
    if ((st = rfm_clients_collect((const ka_range **)r, NULL, "the ranges", &s->c, what)) != KA_OK)
        goto done;
    const rfm_clients *population = &s->c;
    if (!ka_uno_any_is_void(population_arg)) {
        if ((st = ka_range_from_any(population_arg, &pop)) != KA_OK)
            goto done;
        if (pop.cols != 3) {
            st = KA_ERR_ARG;
            *what = "Population must have 3 columns: SinceLast, Frequency, Monetary";
            goto done;
        }
        if ((st = rfm_clients_collect(NULL, &pop, "Population", &pc, what)) != KA_OK)
            goto done;
        population = &pc;
    }
    if (population->n == 0) {
        st = KA_ERR_ARG;
        *what = "no client";
        goto done;
    }
    st = ka_rfm_new(population->v[0], population->v[1], population->v[2], population->n, &rfm);
    if (st == KA_OK && !(s->score = malloc((s->c.n ? s->c.n : 1) * sizeof *s->score)))
        st = KA_ERR_NOMEM;
    for (size_t i = 0; st == KA_OK && i < s->c.n; i++)
        st = ka_rfm_score(rfm, s->c.v[0][i], s->c.v[1][i], s->c.v[2][i], bins, &s->score[i]);
done:
    ka_rfm_free(rfm);
    rfm_clients_clear(&pc);
    for (int k = 0; k < 3; k++)
        ka_range_clear(r[k]);
    ka_range_clear(&pop);
    return st;
}

/* The Bins argument: omitted -> 5, else a whole number 2..9. */
static ka_status rfm_bins(const uno_Any *a, int *bins)
{
    double b;
    if (ka_optional_number(a, KA_RFM_DEFAULT_BINS, &b) != KA_OK || !(b >= KA_RFM_MIN_BINS) ||
        b > KA_RFM_MAX_BINS || b != floor(b))
        return KA_ERR_ARG;
    *bins = (int)b;
    return KA_OK;
}

void ka_handle_rfmscore(ka_call *call)
{
    void **v = call->args;
    const uno_Any *values[3] = {v[KA_RFMSCORE_SINCELAST], v[KA_RFMSCORE_FREQUENCY],
                                v[KA_RFMSCORE_MONETARY]};
    rfm_scores s = {0};
    const char *what = BINS_MSG;
    int bins = 0;
    ka_status st = rfm_bins(v[KA_RFMSCORE_BINS], &bins);
    if (st == KA_OK)
        st = rfm_scores_compute(values, v[KA_RFMSCORE_POPULATION], bins, &s, &what);
    ka_result res;
    if (st == KA_OK && (st = ka_result_new_blank(&res, s.rows, s.cols, s.array)) == KA_OK) {
        for (size_t i = 0; i < s.c.n; i++)
            ka_result_set_number(&res, s.c.row[i], (double)s.score[i]);
        ka_result_emit(&res, call->ret);
    }
    if (st != KA_OK)
        ka_raise_status(call->exc, st, call->fn->name, what);
    rfm_scores_clear(&s);
}

/* Sets result cell k to the code of segment rule; codes[] interns them. */
static ka_status set_segment(ka_result *res, size_t k, size_t rule, rtl_uString **codes)
{
    if (!codes[rule]) {
        const char *code = ka_rfm_rules[rule].code;
        ka_status st = ka_uno_string_from_utf8(code, strlen(code), &codes[rule]);
        if (st != KA_OK)
            return st;
    }
    uno_Any *a = ka_result_at(res, k / res->cols, k % res->cols);
    uno_any_destruct(a, NULL);
    ka_uno_any_string(a, codes[rule]);
    return KA_OK;
}

#define SCORE_MSG "a Score must be three digits of 1..Bins, e.g. 545 (RFMSCORE's result)"

void ka_handle_rfmsegment(ka_call *call)
{
    void **v = call->args;
    const uno_Any *freq = v[KA_RFMSEGMENT_FREQUENCY], *mon = v[KA_RFMSEGMENT_MONETARY],
                  *pop = v[KA_RFMSEGMENT_POPULATION];
    const bool from_values = !ka_uno_any_is_void(freq) || !ka_uno_any_is_void(mon);
    rfm_scores s = {0};
    ka_range scores = {0};
    rtl_uString *codes[KA_RFM_RULE_COUNT] = {0};
    const char *what = BINS_MSG;
    int bins = 0;
    ka_status st = rfm_bins(v[KA_RFMSEGMENT_BINS], &bins);
    if (st == KA_OK && from_values && (ka_uno_any_is_void(freq) || ka_uno_any_is_void(mon))) {
        st = KA_ERR_ARG;
        what = "give both Frequency and Monetary (Score is then SinceLast), or neither";
    }
    if (st == KA_OK && !from_values && !ka_uno_any_is_void(pop)) {
        st = KA_ERR_ARG;
        what = "Population needs Frequency and Monetary (Score is then SinceLast)";
    }
    if (st == KA_OK && from_values) {
        const uno_Any *values[3] = {v[KA_RFMSEGMENT_SCORE], freq, mon};
        st = rfm_scores_compute(values, pop, bins, &s, &what);
    } else if (st == KA_OK) {
        st = ka_range_from_any(v[KA_RFMSEGMENT_SCORE], &scores);
        s.rows = scores.rows;
        s.cols = scores.cols;
        s.array = scores.is_array && scores.rows * scores.cols > 1;
    }
    ka_result res;
    if (st == KA_OK && (st = ka_result_new_blank(&res, s.rows, s.cols, s.array)) == KA_OK) {
        const size_t n = from_values ? s.c.n : s.rows * s.cols;
        for (size_t i = 0; i < n && st == KA_OK; i++) {
            size_t rule, cell = from_values ? s.c.row[i] : i;
            if (!from_values && scores.cells[i].kind == KA_CELL_EMPTY)
                continue;
            if (from_values)
                st = ka_rfm_segment(s.score[i], bins, &rule);
            else if (scores.cells[i].kind != KA_CELL_NUMBER)
                st = KA_ERR_ARG;
            else
                st = ka_rfm_segment(scores.cells[i].num, bins, &rule);
            if (st == KA_OK)
                st = set_segment(&res, cell, rule, codes);
        }
        what = SCORE_MSG;
        ka_result_finish(&res, st, call->ret);
    }
    if (st != KA_OK)
        ka_raise_status(call->exc, st, call->fn->name, what);
    for (size_t i = 0; i < KA_RFM_RULE_COUNT; i++)
        if (codes[i])
            rtl_uString_release(codes[i]);
    rfm_scores_clear(&s);
    ka_range_clear(&scores);
}
