/* ka_order_log.c - an order log and a client list from Calc's ranges, and
 * the per-client result array (see ka_order_log.h). */
#include "ka_order_log.h"

#include <math.h>
#include <stdlib.h>
#include <string.h>

void ka_order_log_clear(ka_order_log *log)
{
    free(log->id_keys);
    free(log->tx_keys);
    free(log->id_present);
    free(log->tx_present);
    free(log->is_number);
    free(log->id_arena);
    free(log->tx_arena);
    free(log->dates);
    free(log->amounts);
    memset(log, 0, sizeof *log);
}

ka_status ka_order_log_read(ka_order_log *log, uno_Sequence *ids, uno_Sequence *txc,
                            uno_Sequence *txd, const uno_Any *amounts_arg, const char **what)
{
    memset(log, 0, sizeof *log);
    size_t rows, cols;
    ka_matrix_shape(ids, &rows, &cols);
    log->n_ids = rows * cols;
    ka_matrix_shape(txc, &rows, &cols);
    const size_t n_tx = log->n_tx = rows * cols;
    ka_matrix_shape(txd, &rows, &cols);
    if (n_tx != rows * cols) {
        *what = "TxClients and TxDates need the same number of cells";
        return KA_ERR_ARG;
    }
    uno_Sequence *am = NULL;
    const bool with_amounts = amounts_arg && !ka_uno_any_is_void(amounts_arg);
    if (with_amounts) {
        am = ka_uno_any_get_matrix(amounts_arg);
        if (am)
            ka_matrix_shape(am, &rows, &cols);
        else
            rows = cols = 1;
        if (n_tx != rows * cols) {
            *what = "Amounts needs one cell per order line, as TxDates";
            return KA_ERR_ARG;
        }
    }
    const size_t n_ids = log->n_ids ? log->n_ids : 1, n_lines = n_tx ? n_tx : 1;
    log->id_keys = malloc(n_ids * sizeof *log->id_keys);
    log->id_present = malloc(n_ids * sizeof *log->id_present);
    log->tx_keys = malloc(n_lines * sizeof *log->tx_keys);
    log->tx_present = malloc(n_lines * sizeof *log->tx_present);
    log->is_number = malloc(n_lines * sizeof *log->is_number);
    log->dates = malloc(n_lines * sizeof *log->dates);
    if (with_amounts)
        log->amounts = malloc(n_lines * sizeof *log->amounts);
    if (!log->id_keys || !log->id_present || !log->tx_keys || !log->tx_present || !log->is_number ||
        !log->dates || (with_amounts && !log->amounts))
        return KA_ERR_NOMEM;
    ka_status st;
    if ((st = ka_keys_from_matrix(ids, log->id_keys, log->id_present, &log->id_arena)) != KA_OK ||
        (st = ka_keys_from_matrix(txc, log->tx_keys, log->tx_present, &log->tx_arena)) != KA_OK)
        return st;
    ka_numbers_of_matrix(txd, log->dates, log->is_number);
    size_t m = 0;
    for (size_t i = 0; i < n_tx; i++) {
        if (!log->tx_present[i])
            continue;
        if (!log->is_number[i]) {
            *what = "every order line with a client needs a date in TxDates";
            return KA_ERR_ARG;
        }
        log->tx_keys[m] = log->tx_keys[i];
        log->dates[m++] = log->dates[i];
    }
    log->m = m;
    if (with_amounts) {
        if (am)
            ka_numbers_of_matrix(am, log->amounts, log->is_number);
        else
            log->is_number[0] = ka_uno_any_number(amounts_arg, &log->amounts[0]);
        m = 0;
        for (size_t i = 0; i < n_tx; i++) {
            if (!log->tx_present[i])
                continue;
            if (!log->is_number[i] || !(fabs(log->amounts[i]) <= KA_SUMMARY_MAX_AMOUNT)) {
                *what = "every order line with a client needs a number in Amounts";
                return KA_ERR_ARG;
            }
            log->amounts[m++] = log->amounts[i];
        }
    }
    size_t k = 0;
    for (size_t i = 0; i < log->n_ids; i++)
        if (log->id_present[i])
            log->id_keys[k++] = log->id_keys[i];
    log->k = k;
    return KA_OK;
}

ka_status ka_order_log_emit(const ka_order_log *log, const double *out, const unsigned char *found,
                            size_t cols, void *ret)
{
    ka_result res;
    ka_status st = ka_result_new(&res, log->n_ids, cols, true);
    if (st != KA_OK)
        return st;
    rtl_uString *empty = ka_uno_string_new("", 0);
    for (size_t i = 0, j = 0; i < log->n_ids; i++) {
        bool have = log->id_present[i] && (!found || found[j]);
        for (size_t c = 0; c < cols; c++) {
            if (have)
                ka_uno_any_double(ka_result_at(&res, i, c), out[j * cols + c]);
            else
                ka_uno_any_string(ka_result_at(&res, i, c), empty);
        }
        if (log->id_present[i])
            j++;
    }
    rtl_uString_release(empty);
    ka_result_emit(&res, ret);
    return KA_OK;
}
