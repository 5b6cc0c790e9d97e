/* ka_churn_calls.c - PURCHASESUMMARY, PURCHASECOUNT, BGNBDFIT, CHURNRISK,
 * EXPECTEDPURCHASES, NOPURCHASEPROB, CLV, REPEATCHECK and PALIVEGRID on the UNO side: cells to
 * arrays, core calls, the result or the error. */
#include "ka_args.h"
#include "ka_calls.h"
#include "ka_bgnbd.h"
#include "ka_clv.h"
#include "ka_messages.h"
#include "ka_model_check.h"
#include "ka_order_log.h"
#include "ka_summary.h"

#include <math.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>

static void raise_arg(uno_Any **exc, const ka_func_info *fn, const char *what)
{
    ka_raise_status(exc, KA_ERR_ARG, fn->name, what);
}

/* ---- PURCHASESUMMARY, PURCHASECOUNT ---- */

void ka_handle_purchasesummary(ka_call *call)
{
    void **args = call->args;
    const uno_Any *as_of_arg = args[KA_PURCHASESUMMARY_ASOF],
                  *unit_arg = args[KA_PURCHASESUMMARY_UNIT];
    ka_order_log log;
    double *out = NULL, as_of = NAN, unit;
    unsigned char *found = NULL;
    const char *what = NULL;
    ka_status st = ka_order_log_read(&log, *(uno_Sequence **)args[KA_PURCHASESUMMARY_CLIENTIDS],
                                     *(uno_Sequence **)args[KA_PURCHASESUMMARY_TXCLIENTS],
                                     *(uno_Sequence **)args[KA_PURCHASESUMMARY_TXDATES],
                                     args[KA_PURCHASESUMMARY_AMOUNTS], &what);
    if (st != KA_OK)
        goto done;
    /* the core refuses the same; checked here to name the argument */
    if (!ka_uno_any_is_void(as_of_arg) && (ka_optional_number(as_of_arg, NAN, &as_of) != KA_OK ||
                                           !(fabs(as_of) <= KA_SUMMARY_MAX_DATE))) {
        st = KA_ERR_ARG;
        what = "AsOf must be a date";
        goto done;
    }
    if (ka_optional_number(unit_arg, 1.0, &unit) != KA_OK || !(unit >= KA_SUMMARY_MIN_UNIT)) {
        st = KA_ERR_ARG;
        what = "Unit must be a number of days > 0";
        goto done;
    }
    const size_t cols = log.amounts ? 4 : 3, n = log.n_ids ? log.n_ids : 1;
    out = malloc(n * cols * sizeof *out);
    found = malloc(n);
    if (!out || !found) {
        st = KA_ERR_NOMEM;
        goto done;
    }
    st = log.amounts ? ka_purchase_summary_monetary(log.tx_keys, log.dates, log.amounts, log.m,
                                                    log.id_keys, log.k, as_of, unit, out, found)
                     : ka_purchase_summary(log.tx_keys, log.dates, log.m, log.id_keys, log.k, as_of,
                                           unit, out, found);
    if (st != KA_OK) {
        what = "a date is out of range, or the log is empty and AsOf is missing";
        goto done;
    }
    st = ka_order_log_emit(&log, out, found, cols, call->ret);
done:
    if (st != KA_OK)
        ka_raise_status(call->exc, st, call->fn->name, what);
    ka_order_log_clear(&log);
    free(out);
    free(found);
}

/* A required date argument: a number within the core's date range. */
static bool date_arg(const uno_Any *a, double *v)
{
    return ka_uno_any_number(a, v) && fabs(*v) <= KA_SUMMARY_MAX_DATE;
}

void ka_handle_purchasecount(ka_call *call)
{
    void **args = call->args;
    ka_order_log log;
    double *out = NULL, from, to;
    unsigned char *found = NULL;
    const char *what = NULL;
    ka_status st = ka_order_log_read(&log, *(uno_Sequence **)args[KA_PURCHASECOUNT_CLIENTIDS],
                                     *(uno_Sequence **)args[KA_PURCHASECOUNT_TXCLIENTS],
                                     *(uno_Sequence **)args[KA_PURCHASECOUNT_TXDATES], NULL, &what);
    if (st != KA_OK)
        goto done;
    if (!date_arg(args[KA_PURCHASECOUNT_FROM], &from)) {
        st = KA_ERR_ARG;
        what = "From must be a date";
        goto done;
    }
    if (!date_arg(args[KA_PURCHASECOUNT_TO], &to)) {
        st = KA_ERR_ARG;
        what = "To must be a date";
        goto done;
    }
    if (from > to) {
        st = KA_ERR_ARG;
        what = "From must not be after To";
        goto done;
    }
    const size_t n = log.n_ids ? log.n_ids : 1;
    out = malloc(n * sizeof *out);
    found = malloc(n);
    if (!out || !found) {
        st = KA_ERR_NOMEM;
        goto done;
    }
    st = ka_purchase_count(log.tx_keys, log.dates, log.m, log.id_keys, log.k, from, to, out, found);
    if (st != KA_OK) {
        what = "a date in TxDates is out of range";
        goto done;
    }
    st = ka_order_log_emit(&log, out, found, 1, call->ret);
done:
    if (st != KA_OK)
        ka_raise_status(call->exc, st, call->fn->name, what);
    ka_order_log_clear(&log);
    free(out);
    free(found);
}

/* ---- client columns (Frequency, Recency, Age) ---- */

typedef struct clients {
    size_t n; /* clients with values */
    double *x, *t_x, *T;
    size_t *row;   /* cell index of each client in the ranges */
    size_t cells;  /* cells per range */
    char msg[160]; /* what is wrong with an invalid client */
} clients;

static void clients_clear(clients *c)
{
    free(c->x);
    free(c->t_x);
    free(c->T);
    free(c->row);
    c->x = c->t_x = c->T = NULL;
    c->row = NULL;
    c->n = c->cells = 0;
}

/* The message of an invalid client at cell index i, written to buf. */
static const char *invalid_client_msg(char *buf, size_t size, size_t i)
{
    snprintf(buf, size,
             "client in cell %zu of the ranges is invalid: x must be an integer >= 0, "
             "0 <= t_x <= T, and t_x = 0 when x = 0",
             i + 1);
    return buf;
}

/* Collects the clients of three equally sized ranges.  A position empty in
 * all three is skipped; a partly empty one or a text is invalid.  Returns
 * KA_ERR_ARG with *what set, or KA_ERR_NOMEM. */
static ka_status clients_collect(const ka_range *r[3], clients *c, const char **what)
{
    memset(c, 0, sizeof *c);
    size_t n = r[0]->rows * r[0]->cols;
    if (r[1]->rows * r[1]->cols != n || r[2]->rows * r[2]->cols != n) {
        *what = ka_messages[KA_MSG_WHY_SAME_CELLS].text;
        return KA_ERR_ARG;
    }
    c->cells = n;
    size_t sz = (n ? n : 1) * sizeof(double);
    c->x = malloc(sz);
    c->t_x = malloc(sz);
    c->T = malloc(sz);
    c->row = malloc((n ? n : 1) * sizeof *c->row);
    if (!c->x || !c->t_x || !c->T || !c->row) {
        clients_clear(c);
        return KA_ERR_NOMEM;
    }
    for (size_t i = 0; i < n; i++) {
        int empties = 0, numbers = 0;
        for (int k = 0; k < 3; k++) {
            empties += r[k]->cells[i].kind == KA_CELL_EMPTY;
            numbers += r[k]->cells[i].kind == KA_CELL_NUMBER;
        }
        if (empties == 3)
            continue;
        if (numbers != 3) {
            *what =
                "a client row is partly empty or holds text: fill in Frequency, Recency and Age";
            clients_clear(c);
            return KA_ERR_ARG;
        }
        c->x[c->n] = r[0]->cells[i].num;
        c->t_x[c->n] = r[1]->cells[i].num;
        c->T[c->n] = r[2]->cells[i].num;
        if (ka_bgnbd_check_client(c->x[c->n], c->t_x[c->n], c->T[c->n]) != KA_OK) {
            *what = invalid_client_msg(c->msg, sizeof c->msg, i); /* clients_clear keeps msg */
            clients_clear(c);
            return KA_ERR_ARG;
        }
        c->row[c->n++] = i;
    }
    return KA_OK;
}

/* ---- BGNBDFIT ---- */

#define MODEL_MSG "Model must be 0 (BG/NBD), 1 (MBG/NBD) or 2 (Pareto/NBD)"

void ka_handle_bgnbdfit(ka_call *call)
{
    const ka_func_info *fn = call->fn;
    uno_Any **exc = call->exc;
    static const int range_args[3] = {KA_BGNBDFIT_FREQUENCY, KA_BGNBDFIT_RECENCY, KA_BGNBDFIT_AGE};
    ka_range r0 = {0}, r1 = {0}, r2 = {0};
    const ka_range *r[3] = {&r0, &r1, &r2};
    clients c = {0};
    const char *what = NULL;
    ka_model model = KA_MODEL_BGNBD;
    double number;
    ka_status st = KA_OK;
    if (ka_optional_number(call->args[KA_BGNBDFIT_MODEL], 0, &number) != KA_OK ||
        ka_bgnbd_model_from_number(number, &model) != KA_OK) {
        raise_arg(exc, fn, MODEL_MSG);
        return;
    }
    for (int k = 0; k < 3 && st == KA_OK; k++)
        st = ka_range_from_matrix(*(uno_Sequence **)call->args[range_args[k]], (ka_range *)r[k]);
    if (st == KA_OK)
        st = clients_collect(r, &c, &what);
    ka_bgnbd_params p;
    double ll;
    if (st == KA_OK && c.n == 0) {
        st = KA_ERR_ARG;
        what = "no client";
    }
    if (st == KA_OK) {
        st = ka_bgnbd_fit(c.x, c.t_x, c.T, c.n, model, &p, &ll);
        what = st == KA_ERR_NOCONV ? "the likelihood has no finite maximum on these clients"
                                   : "invalid clients";
    }
    /* Row 2: the standard errors, "" where there are none (the
     * information is not positive definite) and under the likelihood. */
    ka_bgnbd_params se = {0};
    ka_status se_st = KA_ERR_NOCONV;
    if (st == KA_OK) {
        se_st = ka_bgnbd_std_errors(&p, model, c.x, c.t_x, c.T, c.n, &se);
        if (se_st == KA_ERR_NOMEM)
            st = se_st;
    }
    ka_result res;
    if (st == KA_OK && (st = ka_result_new_blank(&res, 2, 5, true)) == KA_OK) {
        const double v[5] = {p.r, p.alpha, p.a, p.b, ll}, e[4] = {se.r, se.alpha, se.a, se.b};
        for (size_t k = 0; k < 5; k++)
            ka_result_set_number(&res, k, v[k]);
        for (size_t k = 0; k < 4 && se_st == KA_OK; k++)
            ka_result_set_number(&res, 5 + k, e[k]);
        ka_result_emit(&res, call->ret);
    }
    if (st != KA_OK)
        ka_raise_status(exc, st, fn->name, what);
    clients_clear(&c);
    ka_range_clear(&r0);
    ka_range_clear(&r1);
    ka_range_clear(&r2);
}

/* ---- CHURNRISK, EXPECTEDPURCHASES, NOPURCHASEPROB ---- */

/* Model parameters from 4 or 5 numbers (BGNBDFIT's r; alpha; a; b; LL). */
static ka_status params_from(const double *v, size_t n, ka_bgnbd_params *p)
{
    if (n != 4 && n != 5)
        return KA_ERR_ARG;
    *p = (ka_bgnbd_params){v[0], v[1], v[2], v[3]};
    return ka_bgnbd_check_params(p);
}

/* Whether a rows x cols block is BGNBDFIT's whole result (the parameters
 * and their standard errors below them), of which row 1 is read. */
static bool params_two_rows(size_t rows, size_t cols)
{
    return rows == 2 && (cols == 4 || cols == 5);
}

static ka_status params_from_any(const uno_Any *any, ka_bgnbd_params *p)
{
    double v[5];
    size_t n, rows, cols;
    uno_Sequence *m = ka_uno_any_get_matrix(any);
    if (m)
        ka_matrix_shape(m, &rows, &cols);
    if (m && params_two_rows(rows, cols)) {
        /* row 1 only: the cell under the likelihood is "" */
        uno_Sequence *row = KA_UNO_SEQ_AT(m, uno_Sequence *, 0);
        const uno_Any *a = (const uno_Any *)(void *)row->elements;
        if ((size_t)row->nElements != cols)
            return KA_ERR_ARG;
        for (size_t j = 0; j < cols; j++)
            if (!ka_uno_any_number(&a[j], &v[j]))
                return KA_ERR_ARG;
        return params_from(v, cols, p);
    }
    ka_status st = ka_numbers_from_any_small(any, v, 5, &n);
    return st == KA_OK ? params_from(v, n, p) : st;
}

/* Params of EXPECTEDPURCHASES, NOPURCHASEPROB and CLV (a
 * sequence<sequence<double>>): 4 or 5 cells, or BGNBDFIT's 2-row block. */
static ka_status params_from_matrix(uno_Sequence *m, ka_bgnbd_params *p)
{
    double v[10];
    size_t n, rows, cols;
    ka_numbers_copy_from_matrix(m, v, 10, &n);
    ka_matrix_shape(m, &rows, &cols);
    if (params_two_rows(rows, cols) && n == rows * cols)
        n = cols; /* row 1: the copy is row-major */
    return params_from(v, n, p);
}

#define PARAMS_MSG                                                                                 \
    "Params must be r; alpha; a; b (Pareto/NBD: r; alpha; s; beta), all > 0, optionally "          \
    "followed by the likelihood, or the 2 rows of BGNBDFIT"

/* The message of a failed ka_bgnbd_churn_risk / ka_bgnbd_expected /
 * ka_bgnbd_no_purchase. */
static const char *evaluate_msg(ka_status st)
{
    return st == KA_ERR_NOCONV
               ? "the series does not converge (Horizon too long, or Pareto/NBD's alpha and beta "
                 "too far apart)"
               : "Horizon must be >= 0";
}

/* A per-client core function of a horizon: ka_bgnbd_expected or
 * ka_bgnbd_no_purchase. */
typedef ka_status (*horizon_fn)(const ka_bgnbd_params *p, ka_model model, double horizon, double x,
                                double t_x, double T, double *out);

/* The arguments of CHURNRISK, EXPECTEDPURCHASES and NOPURCHASEPROB by name
 * (their positions differ: the last two start with Horizon). */
typedef struct churn_args {
    const uno_Any *horizon;      /* NULL for CHURNRISK */
    horizon_fn evaluate;         /* what the horizon is for; NULL for CHURNRISK */
    const uno_Any *client[3];    /* Frequency, Recency, Age */
    const uno_Any *params_any;   /* CHURNRISK's optional Params */
    uno_Sequence *params_matrix; /* Params of the horizon functions */
    const uno_Any *model;
} churn_args;

/* The parameters of a churn call; KA_ERR_ARG when invalid, *have false
 * when CHURNRISK's Params are omitted. */
static ka_status churn_params(const churn_args *a, ka_bgnbd_params *p, bool *have)
{
    *have = true;
    if (a->horizon)
        return params_from_matrix(a->params_matrix, p);
    if (ka_uno_any_is_void(a->params_any)) {
        *have = false;
        return KA_OK;
    }
    return params_from_any(a->params_any, p);
}

/* One client given as three single values, with Params (and for
 * EXPECTEDPURCHASES a single-value Horizon): the common fill-down case,
 * read straight from the anys with no allocation.  Returns false, having
 * done nothing, when the arguments have another shape (ranges, texts,
 * empty cells, Params omitted); the general path handles those.  Otherwise
 * returns true with the result in ret or the same error the general path
 * raises for the same arguments (its checks come in the same order). */
static bool churn_single(ka_call *call, const churn_args *a, ka_model model)
{
    const bool expected = a->horizon != NULL;
    double horizon = 0, x, t_x, T;
    if (!ka_uno_any_number(a->client[0], &x) || !ka_uno_any_number(a->client[1], &t_x) ||
        !ka_uno_any_number(a->client[2], &T))
        return false;
    if (expected ? !ka_uno_any_number(a->horizon, &horizon) : ka_uno_any_is_void(a->params_any))
        return false;
    ka_bgnbd_params p;
    bool have;
    if (churn_params(a, &p, &have) != KA_OK) {
        raise_arg(call->exc, call->fn, PARAMS_MSG);
        return true;
    }
    if (ka_bgnbd_check_client(x, t_x, T) != KA_OK) {
        char msg[160];
        raise_arg(call->exc, call->fn, invalid_client_msg(msg, sizeof msg, 0));
        return true;
    }
    double v;
    ka_status st = expected ? a->evaluate(&p, model, horizon, x, t_x, T, &v)
                            : ka_bgnbd_churn_risk(&p, model, x, t_x, T, &v);
    if (st != KA_OK)
        ka_raise_status(call->exc, st, call->fn->name, evaluate_msg(st));
    else
        ka_uno_any_double(call->ret, v); /* the return slot is an uninitialised any */
    return true;
}

static void churn(ka_call *call, const churn_args *a)
{
    const ka_func_info *fn = call->fn;
    const bool expected = a->horizon != NULL;
    ka_range horizon = {0}, r0 = {0}, r1 = {0}, r2 = {0};
    const ka_range *r[3] = {&r0, &r1, &r2};
    clients c = {0};
    const char *what = NULL;
    ka_model model;
    double number;
    ka_bgnbd_params p;
    bool have_params = true;
    ka_status st = KA_OK;
    if (ka_optional_number(a->model, 0, &number) != KA_OK ||
        ka_bgnbd_model_from_number(number, &model) != KA_OK) {
        raise_arg(call->exc, fn, MODEL_MSG);
        return;
    }
    if (churn_single(call, a, model))
        return;
    if (churn_params(a, &p, &have_params) != KA_OK) {
        st = KA_ERR_ARG;
        what = PARAMS_MSG;
    }
    if (expected && st == KA_OK)
        st = ka_range_from_any(a->horizon, &horizon);
    if (expected && st == KA_OK &&
        (horizon.rows * horizon.cols != 1 || horizon.cells[0].kind != KA_CELL_NUMBER)) {
        st = KA_ERR_ARG;
        what = "Horizon must be one number";
    }
    for (int k = 0; k < 3 && st == KA_OK; k++)
        st = ka_range_from_any(a->client[k], (ka_range *)r[k]);
    if (st == KA_OK)
        st = clients_collect(r, &c, &what);
    const bool array = r0.is_array && c.cells > 1;
    if (st == KA_OK && !have_params) {
        if (!array) {
            st = KA_ERR_ARG;
            what = ka_messages[KA_MSG_WHY_PARAMS_ONE_CLIENT].text;
        } else if (c.n == 0) {
            st = KA_ERR_ARG;
            what = "no client";
        } else {
            st = ka_bgnbd_fit(c.x, c.t_x, c.T, c.n, model, &p, NULL);
            what = "the likelihood has no finite maximum on these clients";
        }
    }
    ka_result res;
    if (st == KA_OK && (st = ka_result_new_blank(&res, r0.rows, r0.cols, array)) == KA_OK) {
        for (size_t k = 0; k < c.n && st == KA_OK; k++) {
            double v;
            if (expected)
                st = a->evaluate(&p, model, horizon.cells[0].num, c.x[k], c.t_x[k], c.T[k], &v);
            else
                st = ka_bgnbd_churn_risk(&p, model, c.x[k], c.t_x[k], c.T[k], &v);
            if (st == KA_OK)
                ka_result_set_number(&res, c.row[k], v);
        }
        what = st == KA_ERR_NOMEM ? NULL : evaluate_msg(st);
        ka_result_finish(&res, st, call->ret);
    }
    if (st != KA_OK)
        ka_raise_status(call->exc, st, fn->name, what);
    clients_clear(&c);
    ka_range_clear(&horizon);
    ka_range_clear(&r0);
    ka_range_clear(&r1);
    ka_range_clear(&r2);
}

void ka_handle_churnrisk(ka_call *call)
{
    void **v = call->args;
    const churn_args a = {NULL,
                          NULL,
                          {v[KA_CHURNRISK_FREQUENCY], v[KA_CHURNRISK_RECENCY], v[KA_CHURNRISK_AGE]},
                          v[KA_CHURNRISK_PARAMS],
                          NULL,
                          v[KA_CHURNRISK_MODEL]};
    churn(call, &a);
}

void ka_handle_expectedpurchases(ka_call *call)
{
    void **v = call->args;
    const churn_args a = {v[KA_EXPECTEDPURCHASES_HORIZON],
                          ka_bgnbd_expected,
                          {v[KA_EXPECTEDPURCHASES_FREQUENCY], v[KA_EXPECTEDPURCHASES_RECENCY],
                           v[KA_EXPECTEDPURCHASES_AGE]},
                          NULL,
                          *(uno_Sequence **)v[KA_EXPECTEDPURCHASES_PARAMS],
                          v[KA_EXPECTEDPURCHASES_MODEL]};
    churn(call, &a);
}

void ka_handle_nopurchaseprob(ka_call *call)
{
    void **v = call->args;
    const churn_args a = {
        v[KA_NOPURCHASEPROB_HORIZON],
        ka_bgnbd_no_purchase,
        {v[KA_NOPURCHASEPROB_FREQUENCY], v[KA_NOPURCHASEPROB_RECENCY], v[KA_NOPURCHASEPROB_AGE]},
        NULL,
        *(uno_Sequence **)v[KA_NOPURCHASEPROB_PARAMS],
        v[KA_NOPURCHASEPROB_MODEL]};
    churn(call, &a);
}

/* ---- CLV ---- */

/* Months, MonthlyDiscount and UnitsPerMonth of a CLV call, each checked so
 * that the message names it. */
static ka_status clv_terms(void **v, ka_clv_terms *t, const char **what)
{
    if (ka_optional_number(v[KA_CLV_MONTHS], 12, &t->months) != KA_OK ||
        !(t->months >= 1 && t->months <= KA_CLV_MAX_MONTHS) || t->months != floor(t->months)) {
        *what = "Months must be a whole number from 1 to 1200";
        return KA_ERR_ARG;
    }
    if (ka_optional_number(v[KA_CLV_MONTHLYDISCOUNT], 0.01, &t->discount) != KA_OK ||
        !isfinite(t->discount) || !(t->discount > -1)) {
        *what = "MonthlyDiscount must be a number > -1";
        return KA_ERR_ARG;
    }
    if (ka_optional_number(v[KA_CLV_UNITSPERMONTH], 30, &t->units) != KA_OK ||
        !isfinite(t->units) || !(t->units > 0)) {
        *what = "UnitsPerMonth must be a number > 0";
        return KA_ERR_ARG;
    }
    return ka_clv_check_terms(t);
}

#define SPEND_MSG "Spend must be a number >= 0, one or one per client"

void ka_handle_clv(ka_call *call)
{
    void **v = call->args;
    const ka_func_info *fn = call->fn;
    ka_range spend = {0}, r0 = {0}, r1 = {0}, r2 = {0};
    const ka_range *r[3] = {&r0, &r1, &r2};
    clients c = {0};
    const char *what = NULL;
    ka_model model;
    ka_bgnbd_params p;
    ka_clv_terms terms;
    double number;
    ka_status st = KA_OK;
    if (ka_optional_number(v[KA_CLV_MODEL], 0, &number) != KA_OK ||
        ka_bgnbd_model_from_number(number, &model) != KA_OK) {
        raise_arg(call->exc, fn, MODEL_MSG);
        return;
    }
    if (params_from_matrix(*(uno_Sequence **)v[KA_CLV_PARAMS], &p) != KA_OK) {
        st = KA_ERR_ARG;
        what = PARAMS_MSG;
    }
    if (st == KA_OK)
        st = clv_terms(v, &terms, &what);
    if (st == KA_OK)
        st = ka_range_from_any(v[KA_CLV_SPEND], &spend);
    const int client_args[3] = {KA_CLV_FREQUENCY, KA_CLV_RECENCY, KA_CLV_AGE};
    for (int k = 0; k < 3 && st == KA_OK; k++)
        st = ka_range_from_any(v[client_args[k]], (ka_range *)r[k]);
    if (st == KA_OK)
        st = clients_collect(r, &c, &what);
    const size_t n_spend = spend.rows * spend.cols;
    if (st == KA_OK && n_spend != 1 && n_spend != c.cells) {
        st = KA_ERR_ARG;
        what = SPEND_MSG;
    }
    /* Spend per client: its cell of an aligned range, or the one number.
     * The rows skipped as empty clients are not read (EXPECTEDSPEND gives
     * "" there). */
    for (size_t k = 0; k < c.n && st == KA_OK; k++) {
        const ka_cell *cell = &spend.cells[n_spend == 1 ? 0 : c.row[k]];
        if (cell->kind != KA_CELL_NUMBER || !isfinite(cell->num) || !(cell->num >= 0)) {
            st = KA_ERR_ARG;
            what = SPEND_MSG;
        }
    }
    const bool array = r0.is_array && c.cells > 1;
    ka_result res;
    if (st == KA_OK && (st = ka_result_new_blank(&res, r0.rows, r0.cols, array)) == KA_OK) {
        for (size_t k = 0; k < c.n && st == KA_OK; k++) {
            double value, s = spend.cells[n_spend == 1 ? 0 : c.row[k]].num;
            st = ka_clv_bgnbd(&p, model, c.x[k], c.t_x[k], c.T[k], s, &terms, &value);
            if (st == KA_OK)
                ka_result_set_number(&res, c.row[k], value);
        }
        what = st == KA_ERR_NOMEM ? NULL
                                  : "an expectation does not converge (horizon too long, or "
                                    "Pareto/NBD's alpha and beta too far apart)";
        ka_result_finish(&res, st, call->ret);
    }
    if (st != KA_OK)
        ka_raise_status(call->exc, st, fn->name, what);
    clients_clear(&c);
    ka_range_clear(&spend);
    ka_range_clear(&r0);
    ka_range_clear(&r1);
    ka_range_clear(&r2);
}

/* ---- REPEATCHECK, PALIVEGRID ---- */

/* An optional whole number from lo to hi (def when omitted). */
static bool whole_arg(const uno_Any *a, double def, double lo, double hi, size_t *out)
{
    double v;
    if (ka_optional_number(a, def, &v) != KA_OK || !(v >= lo && v <= hi) || v != floor(v))
        return false;
    *out = (size_t)v;
    return true;
}

void ka_handle_repeatcheck(ka_call *call)
{
    void **v = call->args;
    ka_range fr = {0}, ar = {0};
    double *x = NULL, *T = NULL, actual[KA_MODEL_CHECK_MAX_COUNT + 1],
           expected[KA_MODEL_CHECK_MAX_COUNT + 1], number;
    const char *what = NULL;
    ka_model model;
    ka_bgnbd_params p;
    size_t kmax, n = 0;
    ka_status st = KA_ERR_ARG;
    if (ka_optional_number(v[KA_REPEATCHECK_MODEL], 0, &number) != KA_OK ||
        ka_bgnbd_model_from_number(number, &model) != KA_OK)
        what = MODEL_MSG;
    else if (params_from_matrix(*(uno_Sequence **)v[KA_REPEATCHECK_PARAMS], &p) != KA_OK)
        what = PARAMS_MSG;
    else if (!whole_arg(v[KA_REPEATCHECK_MAXCOUNT], 7, 1, KA_MODEL_CHECK_MAX_COUNT, &kmax))
        what = "MaxCount must be a whole number from 1 to 100";
    else if ((st = ka_range_from_matrix(*(uno_Sequence **)v[KA_REPEATCHECK_FREQUENCY], &fr)) ==
                 KA_OK &&
             (st = ka_range_from_matrix(*(uno_Sequence **)v[KA_REPEATCHECK_AGE], &ar)) == KA_OK) {
        const size_t cells = fr.rows * fr.cols;
        st = KA_ERR_ARG;
        if (ar.rows * ar.cols != cells)
            what = "Frequency and Age need the same number of cells";
        else if (!(x = malloc((cells ? cells : 1) * sizeof *x)) ||
                 !(T = malloc((cells ? cells : 1) * sizeof *T)))
            st = KA_ERR_NOMEM;
        else {
            st = KA_OK;
            for (size_t i = 0; i < cells && st == KA_OK; i++) {
                const ka_cell *f = &fr.cells[i], *a = &ar.cells[i];
                if (f->kind == KA_CELL_EMPTY && a->kind == KA_CELL_EMPTY)
                    continue;
                if (f->kind != KA_CELL_NUMBER || a->kind != KA_CELL_NUMBER ||
                    ka_bgnbd_check_client(f->num, 0, a->num) != KA_OK) {
                    st = KA_ERR_ARG;
                    what = "every client needs a Frequency (an integer >= 0) and an Age (>= 0)";
                } else {
                    x[n] = f->num;
                    T[n++] = a->num;
                }
            }
            if (st == KA_OK && n == 0) {
                st = KA_ERR_ARG;
                what = "no client";
            }
        }
    }
    if (st == KA_OK)
        st = ka_model_check_repeats(&p, model, x, T, n, kmax, actual, expected);
    ka_result res;
    if (st == KA_OK && (st = ka_result_new_blank(&res, kmax + 1, 3, true)) == KA_OK) {
        char label[16];
        snprintf(label, sizeof label, "%zu+", kmax);
        uno_Any *last = ka_result_at(&res, kmax, 0);
        uno_any_destruct(last, NULL);
        if (!ka_uno_any_utf8(last, label))
            st = KA_ERR_NOMEM;
        for (size_t k = 0; k <= kmax; k++) {
            if (k < kmax)
                ka_result_set_number(&res, 3 * k, (double)k);
            ka_result_set_number(&res, 3 * k + 1, actual[k]);
            ka_result_set_number(&res, 3 * k + 2, expected[k]);
        }
        ka_result_finish(&res, st, call->ret);
    }
    if (st != KA_OK)
        ka_raise_status(call->exc, st, call->fn->name, what);
    free(x);
    free(T);
    ka_range_clear(&fr);
    ka_range_clear(&ar);
}

void ka_handle_palivegrid(ka_call *call)
{
    void **v = call->args;
    double number, age, *recency = NULL, *grid = NULL;
    unsigned char *defined = NULL;
    const char *what = NULL;
    ka_model model;
    ka_bgnbd_params p;
    size_t max_x, steps;
    ka_status st = KA_ERR_ARG;
    if (ka_optional_number(v[KA_PALIVEGRID_MODEL], 0, &number) != KA_OK ||
        ka_bgnbd_model_from_number(number, &model) != KA_OK)
        what = MODEL_MSG;
    else if (params_from_matrix(*(uno_Sequence **)v[KA_PALIVEGRID_PARAMS], &p) != KA_OK)
        what = PARAMS_MSG;
    else if (!ka_uno_any_number(v[KA_PALIVEGRID_AGE], &age) || !isfinite(age) || !(age > 0))
        what = "Age must be a number > 0";
    else if (!whole_arg(v[KA_PALIVEGRID_MAXFREQUENCY], 10, 0, KA_MODEL_CHECK_MAX_FREQUENCY, &max_x))
        what = "MaxFrequency must be a whole number from 0 to 1000";
    else if (!whole_arg(v[KA_PALIVEGRID_STEPS], 10, 1, KA_MODEL_CHECK_MAX_STEPS, &steps))
        what = "Steps must be a whole number from 1 to 100";
    else if (!(recency = malloc((steps + 1) * sizeof *recency)) ||
             !(grid = malloc((max_x + 1) * (steps + 1) * sizeof *grid)) ||
             !(defined = malloc((max_x + 1) * (steps + 1))))
        st = KA_ERR_NOMEM;
    else {
        st = ka_model_check_palive_grid(&p, model, age, max_x, steps, recency, grid, defined);
        what = st == KA_ERR_NOCONV ? "the Pareto/NBD series does not converge" : "invalid Age";
    }
    ka_result res;
    const size_t cols = steps + 1;
    if (st == KA_OK && (st = ka_result_new_blank(&res, max_x + 1, cols, true)) == KA_OK) {
        for (size_t c = 0; c < (max_x + 1) * cols; c++)
            if (defined[c])
                ka_result_set_number(&res, c, grid[c]);
        ka_result_emit(&res, call->ret);
    }
    if (st != KA_OK)
        ka_raise_status(call->exc, st, call->fn->name, what);
    free(recency);
    free(grid);
    free(defined);
}
