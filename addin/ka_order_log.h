/* ka_order_log.h - an order log and a client list read from Calc's ranges
 * as the core (src/ka_summary.h) takes them, and the per-client result
 * array: what PURCHASESUMMARY, PURCHASECOUNT and PERIODTOTALS share.
 */
#ifndef KA_ORDER_LOG_H
#define KA_ORDER_LOG_H

#include "ka_args.h"
#include "ka_summary.h"

/* The log lines with a client (m of them, compacted) and the listed
 * clients (k of them, compacted; empty ClientIds cells give empty rows).
 * Owned by the struct: ka_order_log_clear frees it. */
typedef struct ka_order_log {
    size_t n_ids, n_tx; /* cells of ClientIds and of the log */
    size_t m, k;        /* order lines with a client, clients listed */
    ka_key *id_keys, *tx_keys;
    bool *id_present, *tx_present, *is_number;
    char *id_arena, *tx_arena; /* the texts of the keys */
    double *dates, *amounts;   /* m dates; m amounts, or NULL without Amounts */
} ka_order_log;

/* Frees what ka_order_log_read allocated and zeroes the struct. */
void ka_order_log_clear(ka_order_log *log);

/* Reads ClientIds, TxClients, TxDates and, unless amounts_arg is NULL or
 * void, the Amounts (a range, or one number for a one-line log).  Order
 * lines without a client are blank rows of the log: skipped; a line with a
 * client needs a date (and an amount).  Keys and dates are read straight
 * from the sequences: at a million order lines an intermediate ka_range
 * costs a cell struct per line.  Returns KA_ERR_ARG (Err:502) with *what
 * naming the argument, or KA_ERR_NOMEM (#VALUE!); the caller calls
 * ka_order_log_clear in every case. */
ka_status ka_order_log_read(ka_order_log *log, uno_Sequence *ids, uno_Sequence *txc,
                            uno_Sequence *txd, const uno_Any *amounts_arg, const char **what);

/* Emits into ret one row of cols values per ClientIds cell: the core's row
 * (out[j * cols ...] for the j-th listed client) when the client is found
 * (found NULL: every listed client is), else empty cells.  KA_ERR_NOMEM
 * with nothing emitted. */
ka_status ka_order_log_emit(const ka_order_log *log, const double *out, const unsigned char *found,
                            size_t cols, void *ret);

#endif
