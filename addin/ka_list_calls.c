/* ka_list_calls.c - TOPCLIENTS, PURCHASECLIENTS and LAPSESBYMONTH on the
 * UNO side: the lists a live review sheet shows, cells to arrays, core
 * calls, the result or the error. */
#include "ka_args.h"
#include "ka_calls.h"
#include "ka_order_log.h"
#include "ka_rank.h"
#include "ka_summary.h"

#include <math.h>
#include <stdlib.h>
#include <string.h>

/* Largest list: the rows of a sheet. */
#define MAX_ROWS 1048576

/* An optional whole number from 1 to MAX_ROWS (def when omitted). */
static bool row_count_arg(const uno_Any *a, double def, size_t *out)
{
    double v;
    if (ka_optional_number(a, def, &v) != KA_OK || !(v >= 1 && v <= MAX_ROWS) || v != floor(v))
        return false;
    *out = (size_t)v;
    return true;
}

/* Sets cell (i, j) of res (holding "") to key (borrowed).  KA_ERR_NOMEM. */
static ka_status set_key(ka_result *res, size_t i, size_t j, const ka_key *key)
{
    uno_Any *a = ka_result_at(res, i, j);
    if (!key->text) {
        uno_any_destruct(a, NULL);
        ka_uno_any_double(a, key->num);
        return KA_OK;
    }
    rtl_uString *s = NULL;
    ka_status st = ka_uno_string_from_utf8(key->text, key->len, &s);
    if (st != KA_OK)
        return KA_ERR_NOMEM; /* a cell's text always fits in a UNO string */
    uno_any_destruct(a, NULL);
    ka_uno_any_string(a, s);
    rtl_uString_release(s);
    return KA_OK;
}

/* ---- TOPCLIENTS ---- */

void ka_handle_topclients(ka_call *call)
{
    void **args = call->args;
    uno_Sequence *clients = *(uno_Sequence **)args[KA_TOPCLIENTS_CLIENTS],
                 *scores = *(uno_Sequence **)args[KA_TOPCLIENTS_SCORE];
    const uno_Any *filter_arg = args[KA_TOPCLIENTS_FILTER];
    size_t rows, cols, n, count;
    const char *what = NULL;
    ka_key *keys = NULL;
    bool *present = NULL, *is_number = NULL, *keep = NULL;
    double *score = NULL, *filter = NULL;
    size_t *order = NULL, *at = NULL;
    char *arena = NULL;
    ka_status st = KA_OK;
    ka_matrix_shape(clients, &rows, &cols);
    n = rows * cols;
    ka_matrix_shape(scores, &rows, &cols);
    const size_t n_score = rows * cols;
    uno_Sequence *fm = ka_uno_any_get_matrix(filter_arg);
    size_t n_filter = ka_uno_any_is_void(filter_arg) ? n : 1; /* one value: a one-client list */
    if (fm) {
        ka_matrix_shape(fm, &rows, &cols);
        n_filter = rows * cols;
    }
    if (n_score != n || n_filter != n) {
        st = KA_ERR_ARG;
        what = "Clients, Score and Filter need the same number of cells";
        goto done;
    }
    if (!row_count_arg(args[KA_TOPCLIENTS_COUNT], 10, &count)) {
        st = KA_ERR_ARG;
        what = "Count must be a whole number from 1 to 1048576";
        goto done;
    }
    const size_t room = n ? n : 1;
    keys = malloc(room * sizeof *keys);
    present = malloc(room * sizeof *present);
    is_number = malloc(room * sizeof *is_number);
    keep = malloc(room * sizeof *keep);
    score = malloc(room * sizeof *score);
    filter = malloc(room * sizeof *filter);
    at = malloc(room * sizeof *at);
    order = malloc((count < room ? count : room) * sizeof *order);
    if (!keys || !present || !is_number || !keep || !score || !filter || !at || !order) {
        st = KA_ERR_NOMEM;
        goto done;
    }
    if ((st = ka_keys_from_matrix(clients, keys, present, &arena)) != KA_OK)
        goto done;
    ka_numbers_of_matrix(scores, score, is_number);
    if (fm) {
        ka_numbers_of_matrix(fm, filter, keep);
        for (size_t i = 0; i < n; i++)
            keep[i] = keep[i] && filter[i] != 0;
    } else if (!ka_uno_any_is_void(filter_arg)) {
        keep[0] = ka_uno_any_number(filter_arg, &filter[0]) && filter[0] != 0;
    } else {
        for (size_t i = 0; i < n; i++)
            keep[i] = true;
    }
    /* the candidates, compacted; at[] maps them back to their cells */
    size_t m = 0;
    for (size_t i = 0; i < n; i++)
        if (present[i] && is_number[i] && isfinite(score[i]) && keep[i]) {
            keys[m] = keys[i];
            score[m] = score[i];
            at[m++] = i;
        }
    size_t listed;
    if ((st = ka_rank_top(keys, score, m, count, order, &listed)) != KA_OK)
        goto done;
    ka_result res;
    if ((st = ka_result_new_blank(&res, count, 2, true)) != KA_OK)
        goto done;
    for (size_t j = 0; j < listed && st == KA_OK; j++) {
        st = set_key(&res, j, 0, &keys[order[j]]);
        ka_result_set_number(&res, 2 * j + 1, score[order[j]]);
    }
    ka_result_finish(&res, st, call->ret);
done:
    if (st != KA_OK)
        ka_raise_status(call->exc, st, call->fn->name, what);
    free(keys);
    free(present);
    free(is_number);
    free(keep);
    free(score);
    free(filter);
    free(at);
    free(order);
    free(arena);
}

/* ---- PURCHASECLIENTS ---- */

void ka_handle_purchaseclients(ka_call *call)
{
    void **args = call->args;
    const uno_Any *as_of_arg = args[KA_PURCHASECLIENTS_ASOF];
    ka_order_log log;
    size_t *line = NULL, k = 0, count;
    double *first = NULL, *last = NULL, *total = NULL, as_of = NAN;
    const char *what = NULL;
    ka_status st =
        ka_order_log_read(&log, NULL, *(uno_Sequence **)args[KA_PURCHASECLIENTS_TXCLIENTS],
                          *(uno_Sequence **)args[KA_PURCHASECLIENTS_TXDATES],
                          args[KA_PURCHASECLIENTS_AMOUNTS], &what);
    if (st != KA_OK)
        goto done;
    if (!ka_uno_any_is_void(as_of_arg) && (ka_optional_number(as_of_arg, NAN, &as_of) != KA_OK ||
                                           !(fabs(as_of) <= KA_SUMMARY_MAX_DATE))) {
        st = KA_ERR_ARG;
        what = "AsOf must be a date";
        goto done;
    }
    const size_t room = log.m ? log.m : 1;
    line = malloc(room * sizeof *line);
    first = malloc(room * sizeof *first);
    last = malloc(room * sizeof *last);
    total = malloc(room * sizeof *total);
    if (!line || !first || !last || !total) {
        st = KA_ERR_NOMEM;
        goto done;
    }
    if (log.m == 0 && isnan(as_of)) {
        k = 0; /* an empty log lists nobody */
    } else if ((st = log.amounts
                         ? ka_purchase_clients_totals(log.tx_keys, log.dates, log.amounts, log.m,
                                                      as_of, line, first, last, total, &k)
                         : ka_purchase_clients(log.tx_keys, log.dates, log.m, as_of, line, first,
                                               last, &k)) != KA_OK) {
        what = "a date in TxDates is out of range";
        goto done;
    }
    if (!row_count_arg(args[KA_PURCHASECLIENTS_COUNT], k ? (double)k : 1, &count)) {
        st = KA_ERR_ARG;
        what = "Count must be a whole number from 1 to 1048576";
        goto done;
    }
    ka_result res;
    const size_t cols = log.amounts ? 4 : 3;
    if ((st = ka_result_new_blank(&res, count, cols, true)) != KA_OK)
        goto done;
    for (size_t j = 0; j < k && j < count && st == KA_OK; j++) {
        st = set_key(&res, j, 0, &log.tx_keys[line[j]]);
        ka_result_set_number(&res, cols * j + 1, first[j]);
        ka_result_set_number(&res, cols * j + 2, last[j]);
        if (log.amounts)
            ka_result_set_number(&res, cols * j + 3, total[j]);
    }
    ka_result_finish(&res, st, call->ret);
done:
    if (st != KA_OK)
        ka_raise_status(call->exc, st, call->fn->name, what);
    ka_order_log_clear(&log);
    free(line);
    free(first);
    free(last);
    free(total);
}

/* ---- LAPSESBYMONTH ---- */

void ka_handle_lapsesbymonth(ka_call *call)
{
    void **args = call->args;
    uno_Sequence *dates_arg = *(uno_Sequence **)args[KA_LAPSESBYMONTH_LASTDATES];
    const uno_Any *as_of_arg = args[KA_LAPSESBYMONTH_ASOF];
    size_t rows, cols, months = 0;
    double *dates = NULL, *starts = NULL, *counts = NULL, lapse_days, as_of = NAN, m;
    bool *is_number = NULL;
    const char *what = NULL;
    ka_status st = KA_OK;
    if (!ka_uno_any_number(args[KA_LAPSESBYMONTH_LAPSEDAYS], &lapse_days) ||
        !(lapse_days >= 1 && lapse_days <= KA_LAPSE_MAX_DAYS) || lapse_days != floor(lapse_days)) {
        st = KA_ERR_ARG;
        what = "LapseDays must be a whole number of days from 1 to 1000000";
        goto done;
    }
    if (!ka_uno_any_is_void(as_of_arg) && (ka_optional_number(as_of_arg, NAN, &as_of) != KA_OK ||
                                           !(fabs(as_of) <= KA_SUMMARY_MAX_DATE))) {
        st = KA_ERR_ARG;
        what = "AsOf must be a date";
        goto done;
    }
    if (ka_optional_number(args[KA_LAPSESBYMONTH_MONTHS], 12, &m) != KA_OK ||
        !(m >= 1 && m <= KA_PERIOD_MAX_COUNT) || m != floor(m)) {
        st = KA_ERR_ARG;
        what = "Months must be a whole number from 1 to 16384";
        goto done;
    }
    months = (size_t)m;
    ka_matrix_shape(dates_arg, &rows, &cols);
    const size_t n = rows * cols, room = n ? n : 1;
    dates = malloc(room * sizeof *dates);
    is_number = malloc(room * sizeof *is_number);
    starts = malloc((months + 1) * sizeof *starts);
    counts = malloc(months * sizeof *counts);
    if (!dates || !is_number || !starts || !counts) {
        st = KA_ERR_NOMEM;
        goto done;
    }
    ka_numbers_of_matrix(dates_arg, dates, is_number);
    size_t k = 0;
    for (size_t i = 0; i < n; i++)
        if (is_number[i])
            dates[k++] = dates[i];
    if ((st = ka_lapses_by_month(dates, k, lapse_days, as_of, months, starts, counts)) != KA_OK) {
        what = "a date is out of range, or LastDates holds no date and AsOf is missing";
        goto done;
    }
    ka_result res;
    if ((st = ka_result_new_blank(&res, months, 2, true)) != KA_OK)
        goto done;
    for (size_t p = 0; p < months; p++) {
        ka_result_set_number(&res, 2 * p, starts[p]);
        ka_result_set_number(&res, 2 * p + 1, counts[p]);
    }
    ka_result_emit(&res, call->ret);
done:
    if (st != KA_OK)
        ka_raise_status(call->exc, st, call->fn->name, what);
    free(dates);
    free(is_number);
    free(starts);
    free(counts);
}
