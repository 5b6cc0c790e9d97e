/* ka_rfm.h - recency-frequency-monetary scores and segments (core of
 * RFMSCORE and RFMSEGMENT).
 *
 * Each digit is 1 + floor(Bins * worse / n), n the number of clients of the
 * population and worse the number of them strictly worse: a larger
 * SinceLast (time since the last purchase), a smaller Frequency, a smaller
 * Monetary.  Clients with equal values get equal digits.  The score is
 * 100 R + 10 F + M.
 */
#ifndef KA_RFM_H
#define KA_RFM_H

#include <stddef.h>

#include "ka_status.h"

#define KA_RFM_MIN_BINS 2
#define KA_RFM_MAX_BINS 9 /* one decimal digit per letter */
#define KA_RFM_DEFAULT_BINS 5

/* Whether one client's values are in the domain: SinceLast >= 0 and
 * Frequency >= 0, all three finite (Monetary may be negative: returns).
 * Returns KA_OK or KA_ERR_ARG (Err:502). */
ka_status ka_rfm_check_client(double since_last, double frequency, double monetary);

/* A population prepared for scoring: its three columns sorted. */
typedef struct ka_rfm ka_rfm;

/* Prepares the population of n >= 1 clients (copied: nothing of the
 * caller's is kept).  *out: free with ka_rfm_free.
 * Returns KA_OK; KA_ERR_ARG (Err:502) for n == 0, NULL pointers, or a
 * client outside ka_rfm_check_client; KA_ERR_NOMEM (*out NULL on every
 * failure). */
ka_status ka_rfm_new(const double *since_last, const double *frequency, const double *monetary,
                     size_t n, ka_rfm **out);

/* Frees a population of ka_rfm_new; accepts NULL. */
void ka_rfm_free(ka_rfm *rfm);

/* The score (e.g. 545) of a client with these values among the population,
 * each digit 1..bins; a client better than everyone of a population it is
 * not part of gets bins, not bins + 1.  O(log n).
 * Returns KA_OK; KA_ERR_ARG (Err:502) for bins outside
 * KA_RFM_MIN_BINS..KA_RFM_MAX_BINS or a client outside
 * ka_rfm_check_client. */
ka_status ka_rfm_score(const ka_rfm *rfm, double since_last, double frequency, double monetary,
                       int bins, int *score);

/* One rule of the segment table: the segment's code and, for R, F and M,
 * the lowest and highest level (1..5) it takes.  A digit d of a score with
 * Bins b is first put on the 1..5 scale: level = 1 + round(4 (d - 1) /
 * (b - 1)), halves rounded up (for b = 5 the level is the digit). */
typedef struct ka_rfm_rule {
    const char *code; /* language-neutral, e.g. "champions" */
    unsigned char lo[3], hi[3];
} ka_rfm_rule;

/* The segment table, KA_RFM_RULE_COUNT rules in the order they are tried;
 * static storage.  Every score of every Bins falls in at least one rule
 * (tested exhaustively), and the first that matches is its segment. */
#define KA_RFM_RULE_COUNT 11
extern const ka_rfm_rule ka_rfm_rules[KA_RFM_RULE_COUNT];

/* The level 1..5 of digit d (1..bins) of a score with bins. */
int ka_rfm_level(int digit, int bins);

/* The segment of a score: *rule = its index in ka_rfm_rules.
 * Returns KA_OK; KA_ERR_ARG (Err:502) for bins outside
 * KA_RFM_MIN_BINS..KA_RFM_MAX_BINS or a score that is not three digits of
 * 1..bins. */
ka_status ka_rfm_segment(double score, int bins, size_t *rule);

#endif
