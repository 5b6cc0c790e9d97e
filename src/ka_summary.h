/* ka_summary.h - frequency, recency and age per client from an order log
 * (core of PURCHASESUMMARY; the inputs of ka_bgnbd.h).
 *
 * Dates are spreadsheet serial day numbers, possibly with a time of day; the
 * calendar day of a date is floor(date).  Purchases on the same calendar day
 * count once.
 */
#ifndef KA_SUMMARY_H
#define KA_SUMMARY_H

#include <stddef.h>

#include "ka_status.h"

/* A client key as a cell gives it: a number, or UTF-8 text when text != NULL
 * (len bytes, not necessarily NUL-terminated; num is then ignored).  Two keys
 * are equal when both are numbers of equal value (0 and -0 are equal) or both
 * are texts with the same bytes; a number never equals a text. */
typedef struct ka_key {
    double num;
    const char *text;
    size_t len;
} ka_key;

/* Largest |date| and |as_of| accepted, in days (Calc's own date range is far smaller). */
#define KA_SUMMARY_MAX_DATE 1e9
/* Smallest unit accepted, in days: an age of up to 2 * KA_SUMMARY_MAX_DATE
 * days stays finite in it (a denormal unit would give +Inf). */
#define KA_SUMMARY_MIN_UNIT 1e-298

/* Purchase summary for each client in `clients` from the log (tx_clients[i],
 * tx_dates[i]), i < n_tx.
 * as_of: the end of observation; NAN means the latest date in tx_dates.  Log
 *   lines whose calendar day is after as_of's calendar day are ignored.
 *   Otherwise |as_of| <= KA_SUMMARY_MAX_DATE, like the dates.
 * unit: days per time unit (1 = days, 7 = weeks), finite and
 *   >= KA_SUMMARY_MIN_UNIT, so that every result is finite.
 * out: n_clients * 3 values, row i = frequency (distinct purchase days - 1),
 *   recency ((last - first purchase day) / unit), age ((as_of day - first
 *   purchase day) / unit).
 * found: n_clients flags; 0 when client i has no purchase up to as_of (its
 *   row in out is then NAN, NAN, NAN and the cells should stay empty).
 * Log lines whose client is not in `clients` (or is a NaN number) are
 * ignored; a client listed
 * twice gets the same row twice.  The keys and dates are read during the
 * call only.  Runs in O(n_tx + n_clients) expected time (hashing, then one
 * radix sort of (client, day) pairs).  With KA_OK every row of a found
 * client is finite.
 * Returns KA_OK; KA_ERR_ARG (Err:502) for NULL pointers (with a non-zero
 * count), a date or an as_of that is not finite or beyond
 * KA_SUMMARY_MAX_DATE, a unit that is not finite or below
 * KA_SUMMARY_MIN_UNIT, a NaN number key in `clients`, or n_tx == 0 with a
 * NAN as_of;
 * KA_ERR_NOMEM. */
ka_status ka_purchase_summary(const ka_key *tx_clients, const double *tx_dates, size_t n_tx,
                              const ka_key *clients, size_t n_clients, double as_of, double unit,
                              double *out, unsigned char *found);

#endif
