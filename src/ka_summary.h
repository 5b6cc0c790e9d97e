/* ka_summary.h - frequency, recency, age and average spend per client from
 * an order log (core of PURCHASESUMMARY; the inputs of ka_bgnbd.h), and the
 * purchase days in a window (core of PURCHASECOUNT) and the totals per
 * period (core of PERIODTOTALS).
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
/* Largest |amount| accepted: a sum of 2^64 of them stays finite. */
#define KA_SUMMARY_MAX_AMOUNT 1e288

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

/* ka_purchase_summary with a fourth column, Monetary, from the amount of
 * every log line (tx_amounts[i], i < n_tx), as lifetimes'
 * summary_data_from_transaction_data computes it: the amounts of a client's
 * lines on one calendar day are summed into a day total, and Monetary is the
 * mean of the day totals after the first purchase day (0 when Frequency is
 * 0).  Amounts may be negative or 0 (returns, gifts): they are kept as they
 * are.  Lines after as_of do not count, as for the other columns.
 * out: n_clients * 4 values, row i = frequency, recency, age, monetary (all
 *   NAN for a client not found).
 * Deterministic to the bit and independent of the order of the log: a day's
 * amounts are added in ascending order, the day totals in date order.
 * Returns as ka_purchase_summary, and KA_ERR_ARG (Err:502) when tx_amounts
 * is NULL with n_tx > 0 or an amount is not finite or beyond
 * KA_SUMMARY_MAX_AMOUNT. */
ka_status ka_purchase_summary_monetary(const ka_key *tx_clients, const double *tx_dates,
                                       const double *tx_amounts, size_t n_tx, const ka_key *clients,
                                       size_t n_clients, double as_of, double unit, double *out,
                                       unsigned char *found);

/* Number of distinct calendar days on which each client in `clients`
 * bought, counting the days after from's calendar day up to and including
 * to's calendar day (from < date <= to, by calendar day): the holdout count
 * of a calibration/holdout check.
 * out: n_clients counts; found: n_clients flags, 1 when the client has a
 *   line anywhere in the log (its count may then be 0), 0 when it has none
 *   (its count is then NAN and the cell should stay empty).
 * Keys, dates and repeated clients as for ka_purchase_summary; the same one
 * hash and one radix sort, O(n_tx + n_clients) expected time.
 * Returns KA_OK; KA_ERR_ARG (Err:502) for NULL pointers (with a non-zero
 * count), a date, from or to that is not finite or beyond
 * KA_SUMMARY_MAX_DATE, from > to, or a NaN number key in `clients`;
 * KA_ERR_NOMEM. */
ka_status ka_purchase_count(const ka_key *tx_clients, const double *tx_dates, size_t n_tx,
                            const ka_key *clients, size_t n_clients, double from, double to,
                            double *out, unsigned char *found);

/* The length of one period of PERIODTOTALS. */
typedef enum ka_period_unit {
    KA_PERIOD_MONTH,   /* to the day before the same day of the next month, clamped to its end */
    KA_PERIOD_WEEK,    /* 7 days */
    KA_PERIOD_QUARTER, /* 3 months, clamped as KA_PERIOD_MONTH */
    KA_PERIOD_YEAR,    /* 12 months, clamped as KA_PERIOD_MONTH (29 Feb -> 28 Feb) */
    KA_PERIOD_DAYS     /* a number of days */
} ka_period_unit;

/* Most periods of one call: the columns of a sheet. */
#define KA_PERIOD_MAX_COUNT 16384

/* The first day of each of `periods` consecutive periods, the first one
 * starting on start's calendar day, and the day after the last one:
 * bounds[0..periods], ascending serial day numbers (1899-12-30 = 0).
 * Month-based units step the month of start and clamp its day to the
 * month's end: from 31 Jan the periods start on 31 Jan, 28 (29) Feb, 31 Mar,
 * 30 Apr ...  days: the length for KA_PERIOD_DAYS (a whole number >= 1),
 * ignored otherwise.
 * Returns KA_OK; KA_ERR_ARG (Err:502) for bounds NULL, start not finite,
 * periods outside 1..KA_PERIOD_MAX_COUNT, an invalid days, or a bound
 * beyond KA_SUMMARY_MAX_DATE. */
ka_status ka_period_bounds(double start, size_t periods, ka_period_unit unit, double days,
                           double *bounds);

/* Per-period totals of each client in `clients` from the log (tx_clients[i],
 * tx_dates[i], tx_amounts[i]), i < n_tx: the core of PERIODTOTALS.
 * Periods as ka_period_bounds(start, periods, unit, days).
 * out: n_clients * periods values, row i = client i, column p = the sum of
 *   the amounts of its lines whose calendar day is in period p, or, with
 *   tx_amounts NULL, the number of distinct calendar days it bought on in
 *   period p.  A client without lines in a period (or in the log) gets 0.
 * Lines outside the periods and lines of clients not listed are ignored;
 * a client listed twice gets the same row twice.  Keys as for
 * ka_purchase_summary.  Deterministic to the bit and independent of the
 * order of the log: a day's amounts are added in ascending order, the day
 * totals in date order.  One hash of the clients and one radix sort of the
 * log, O(n_tx + n_clients * periods).
 * Returns KA_OK; KA_ERR_ARG (Err:502) as ka_period_bounds, for NULL pointers
 * with a non-zero count, a date that is not finite or beyond
 * KA_SUMMARY_MAX_DATE, an amount that is not finite or beyond
 * KA_SUMMARY_MAX_AMOUNT, or a NaN number key in `clients`; KA_ERR_NOMEM
 * (also when n_clients * periods does not fit in memory). */
ka_status ka_period_totals(const ka_key *tx_clients, const double *tx_dates,
                           const double *tx_amounts, size_t n_tx, const ka_key *clients,
                           size_t n_clients, double start, size_t periods, ka_period_unit unit,
                           double days, double *out);

/* Orders two keys for a listing: numbers first, by value (0 = -0), then
 * texts by their bytes (a prefix first).  Returns < 0, 0 or > 0; 0 exactly
 * when the keys are equal as above. */
int ka_key_compare(const ka_key *a, const ka_key *b);

/* The distinct clients of an order log with their first and last purchase
 * day up to as_of (core of PURCHASECLIENTS), in ka_key_compare order, so
 * that the list does not depend on the order of the log.
 * as_of: NAN means the latest date in tx_dates; lines whose calendar day is
 *   after as_of's are ignored (a client with no other line is not listed).
 * line: room for n_tx indices; line[j] is a log line of the j-th client
 *   (its key is tx_clients[line[j]]).  first, last: room for n_tx days each,
 *   the calendar days (floor) of the client's first and last line.
 * *n_out: the number of clients listed.  Lines with a NaN number key are
 * skipped.  O(n_tx) expected time for hashing, O(k log k) for sorting k
 * clients.
 * Returns KA_OK; KA_ERR_ARG (Err:502) for NULL pointers with n_tx > 0, a
 * date or as_of not finite or beyond KA_SUMMARY_MAX_DATE, or n_tx == 0 with
 * a NAN as_of; KA_ERR_NOMEM. */
ka_status ka_purchase_clients(const ka_key *tx_clients, const double *tx_dates, size_t n_tx,
                              double as_of, size_t *line, double *first, double *last,
                              size_t *n_out);

/* ka_purchase_clients with what each client bought up to as_of: total[j]
 * (room for n_tx) the sum of the amounts of his lines up to as_of's day
 * (PURCHASECLIENTS with Amounts), summed as ka_period_totals sums one
 * period: a day's amounts in ascending order, the days in date order, so
 * the same bits for any order of the log.
 * Returns as ka_purchase_clients, and KA_ERR_ARG (Err:502) when tx_amounts
 * or total is NULL with n_tx > 0 or an amount is not finite or beyond
 * KA_SUMMARY_MAX_AMOUNT. */
ka_status ka_purchase_clients_totals(const ka_key *tx_clients, const double *tx_dates,
                                     const double *tx_amounts, size_t n_tx, double as_of,
                                     size_t *line, double *first, double *last, double *total,
                                     size_t *n_out);

/* Most days of a lapse criterion: about 2,700 years. */
#define KA_LAPSE_MAX_DAYS 1e6

/* The number of clients lapsing in each of `months` calendar months (core
 * of LAPSESBYMONTH): a client whose last purchase was on day d lapses on
 * day d + lapse_days (floor(d), whole days), the day he has gone lapse_days
 * days without a purchase; only lapses on or before as_of's day count.
 * The months are the `months` calendar months ending with as_of's month.
 * last_dates: n last purchase dates (finite, |date| <= KA_SUMMARY_MAX_DATE).
 * as_of: NAN means the latest of last_dates.
 * starts: months + 1 serial days, the first day of each month and of the
 *   month after the last; counts: months numbers.
 * Returns KA_OK; KA_ERR_ARG (Err:502) for NULL pointers, a date or as_of out
 * of range, n == 0 with a NAN as_of, lapse_days not a whole number from 1
 * to KA_LAPSE_MAX_DAYS, or months outside 1..KA_PERIOD_MAX_COUNT; O(n log
 * months). */
ka_status ka_lapses_by_month(const double *last_dates, size_t n, double lapse_days, double as_of,
                             size_t months, double *starts, double *counts);

#endif
