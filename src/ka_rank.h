/* ka_rank.h - the top clients by a score (core of TOPCLIENTS): a ranked
 * list that stays live in Calc 7.4, which has no SORT function. */
#ifndef KA_RANK_H
#define KA_RANK_H

#include <stddef.h>

#include "ka_status.h"
#include "ka_summary.h"

/* The `count` best of n candidates by score, highest first; equal scores
 * in ka_key_compare order of their keys, so that the list does not depend
 * on the order of the input.
 * keys, scores: n each (scores finite).  order: room for min(count, n)
 * indices into them; *n_out gets min(count, n).  O(n log n).
 * Returns KA_OK; KA_ERR_ARG (Err:502) for NULL pointers with n > 0 or a
 * score that is not finite; KA_ERR_NOMEM. */
ka_status ka_rank_top(const ka_key *keys, const double *scores, size_t n, size_t count,
                      size_t *order, size_t *n_out);

#endif
