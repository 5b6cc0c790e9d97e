/* ka_spend_calls.c - GAMMAGAMMAFIT and EXPECTEDSPEND on the UNO side: the
 * Frequency and Monetary cells to arrays, the core call (src/ka_spend.h),
 * the result or the error. */
#include "ka_args.h"
#include "ka_calls.h"
#include "ka_spend.h"

#include <stdio.h>
#include <stdlib.h>
#include <string.h>

/* The clients of a Frequency and a Monetary range of equal size. */
typedef struct spenders {
    size_t n; /* clients with values */
    double *x, *m;
    size_t *row;   /* cell index of each client in the ranges */
    size_t cells;  /* cells per range */
    char msg[160]; /* what is wrong with an invalid client */
} spenders;

static void spenders_clear(spenders *s)
{
    free(s->x);
    free(s->m);
    free(s->row);
    s->x = s->m = NULL;
    s->row = NULL;
    s->n = s->cells = 0;
}

/* Collects the clients: a position empty in both ranges is skipped; a
 * Frequency must be a number; Monetary is read when Frequency > 0 (for
 * Frequency 0 it may be empty, as the core does not read it).  Returns
 * KA_ERR_ARG with *what set, or KA_ERR_NOMEM. */
static ka_status spenders_collect(const ka_range *freq, const ka_range *money, spenders *s,
                                  const char **what)
{
    memset(s, 0, sizeof *s);
    size_t n = freq->rows * freq->cols;
    if (money->rows * money->cols != n) {
        *what = "Frequency and Monetary need the same number of cells";
        return KA_ERR_ARG;
    }
    s->cells = n;
    s->x = malloc((n ? n : 1) * sizeof *s->x);
    s->m = malloc((n ? n : 1) * sizeof *s->m);
    s->row = malloc((n ? n : 1) * sizeof *s->row);
    if (!s->x || !s->m || !s->row) {
        spenders_clear(s);
        return KA_ERR_NOMEM;
    }
    for (size_t i = 0; i < n; i++) {
        const ka_cell *f = &freq->cells[i], *m = &money->cells[i];
        if (f->kind == KA_CELL_EMPTY && m->kind == KA_CELL_EMPTY)
            continue;
        bool valid = f->kind == KA_CELL_NUMBER;
        double x = valid ? f->num : 0, mv = m->kind == KA_CELL_NUMBER ? m->num : 0;
        if (valid && x != 0 && m->kind != KA_CELL_NUMBER)
            valid = false;
        if (!valid || ka_spend_check_client(x, mv) != KA_OK) {
            snprintf(s->msg, sizeof s->msg,
                     "client in cell %zu of the ranges is invalid: Frequency must be an integer "
                     ">= 0, and Monetary a number > 0 when Frequency > 0",
                     i + 1);
            *what = s->msg; /* spenders_clear keeps msg */
            spenders_clear(s);
            return KA_ERR_ARG;
        }
        s->x[s->n] = x;
        s->m[s->n] = mv;
        s->row[s->n++] = i;
    }
    return KA_OK;
}

/* ---- GAMMAGAMMAFIT ---- */

void ka_handle_gammagammafit(ka_call *call)
{
    ka_range freq = {0}, money = {0};
    spenders s = {0};
    const char *what = NULL;
    ka_status st =
        ka_range_from_matrix(*(uno_Sequence **)call->args[KA_GAMMAGAMMAFIT_FREQUENCY], &freq);
    if (st == KA_OK)
        st = ka_range_from_matrix(*(uno_Sequence **)call->args[KA_GAMMAGAMMAFIT_MONETARY], &money);
    if (st == KA_OK)
        st = spenders_collect(&freq, &money, &s, &what);
    ka_spend_params p;
    double ll;
    if (st == KA_OK) {
        st = ka_spend_fit(s.x, s.m, s.n, &p, &ll);
        what = st == KA_ERR_NOCONV ? "the likelihood has no finite maximum on these clients "
                                     "(it needs several clients with Frequency > 0)"
                                   : "invalid clients";
    }
    /* Row 2: the standard errors, "" where there are none (the
     * information is not positive definite) and under the likelihood. */
    ka_spend_params se = {0};
    ka_status se_st = KA_ERR_NOCONV;
    if (st == KA_OK) {
        se_st = ka_spend_std_errors(&p, s.x, s.m, s.n, &se);
        if (se_st == KA_ERR_NOMEM)
            st = se_st;
    }
    ka_result res;
    if (st == KA_OK && (st = ka_result_new_blank(&res, 2, 4, true)) == KA_OK) {
        const double v[4] = {p.p, p.q, p.v, ll}, e[3] = {se.p, se.q, se.v};
        for (size_t k = 0; k < 4; k++)
            ka_result_set_number(&res, k, v[k]);
        for (size_t k = 0; k < 3 && se_st == KA_OK; k++)
            ka_result_set_number(&res, 4 + k, e[k]);
        ka_result_emit(&res, call->ret);
    }
    if (st != KA_OK)
        ka_raise_status(call->exc, st, call->fn->name, what);
    spenders_clear(&s);
    ka_range_clear(&freq);
    ka_range_clear(&money);
}

/* ---- EXPECTEDSPEND ---- */

#define GGPARAMS_MSG                                                                               \
    "GGParams must be p; q; v (> 0, q > 1), optionally followed by the likelihood, or the 2 rows " \
    "of GAMMAGAMMAFIT"

/* Parameters from GAMMAGAMMAFIT's 4 cells, 3 cells p; q; v, or its 2-row
 * block with the standard errors (2 x 4 or 2 x 3: row 1 is read). */
static ka_status spend_params_from_matrix(uno_Sequence *m, ka_spend_params *p)
{
    double v[8];
    size_t n, rows, cols;
    ka_numbers_copy_from_matrix(m, v, 8, &n);
    ka_matrix_shape(m, &rows, &cols);
    if (rows == 2 && (cols == 3 || cols == 4) && n == rows * cols)
        n = cols; /* row 1: the copy is row-major */
    if (n != 3 && n != 4)
        return KA_ERR_ARG;
    *p = (ka_spend_params){v[0], v[1], v[2]};
    return ka_spend_check_params(p) == KA_OK && p->q > 1 ? KA_OK : KA_ERR_ARG;
}

void ka_handle_expectedspend(ka_call *call)
{
    ka_range freq = {0}, money = {0};
    spenders s = {0};
    const char *what = GGPARAMS_MSG;
    ka_spend_params p;
    ka_status st =
        spend_params_from_matrix(*(uno_Sequence **)call->args[KA_EXPECTEDSPEND_GGPARAMS], &p);
    if (st == KA_OK)
        st = ka_range_from_any(call->args[KA_EXPECTEDSPEND_FREQUENCY], &freq);
    if (st == KA_OK)
        st = ka_range_from_any(call->args[KA_EXPECTEDSPEND_MONETARY], &money);
    if (st == KA_OK)
        st = spenders_collect(&freq, &money, &s, &what);
    const bool array = freq.is_array && s.cells > 1;
    ka_result res;
    if (st == KA_OK && (st = ka_result_new_blank(&res, freq.rows, freq.cols, array)) == KA_OK) {
        for (size_t k = 0; k < s.n && st == KA_OK; k++) {
            double v;
            st = ka_spend_expected(&p, s.x[k], s.m[k], &v);
            if (st == KA_OK)
                ka_result_set_number(&res, s.row[k], v);
        }
        what = st == KA_ERR_NOMEM ? NULL : "the expected spend overflows (q too close to 1)";
        ka_result_finish(&res, st, call->ret);
    }
    if (st != KA_OK)
        ka_raise_status(call->exc, st, call->fn->name, what);
    spenders_clear(&s);
    ka_range_clear(&freq);
    ka_range_clear(&money);
}
