/* ka_rank.c - the top clients by a score (see ka_rank.h). */
#include "ka_rank.h"

#include <math.h>
#include <stdint.h>
#include <stdlib.h>

typedef struct ka_rank_entry {
    double score;
    const ka_key *key;
    size_t index;
} ka_rank_entry;

/* Higher score first, then the key, then the position (equal keys with
 * equal scores are interchangeable in the output). */
static int ka_rank_entry_order(const void *pa, const void *pb)
{
    const ka_rank_entry *a = pa, *b = pb;
    if (a->score != b->score)
        return a->score > b->score ? -1 : 1;
    const int c = ka_key_compare(a->key, b->key);
    return c ? c : (a->index > b->index) - (a->index < b->index);
}

ka_status ka_rank_top(const ka_key *keys, const double *scores, size_t n, size_t count,
                      size_t *order, size_t *n_out)
{
    if (!n_out || (n > 0 && (!keys || !scores || (count > 0 && !order))))
        return KA_ERR_ARG;
    for (size_t i = 0; i < n; i++)
        if (!isfinite(scores[i]))
            return KA_ERR_ARG;
    *n_out = 0;
    if (n == 0 || count == 0)
        return KA_OK;
    if (n > SIZE_MAX / sizeof(ka_rank_entry))
        return KA_ERR_NOMEM;
    ka_rank_entry *e = malloc(n * sizeof *e);
    if (!e)
        return KA_ERR_NOMEM;
    for (size_t i = 0; i < n; i++)
        e[i] = (ka_rank_entry){scores[i] + 0.0, &keys[i], i}; /* -0 ranks as 0 */
    qsort(e, n, sizeof *e, ka_rank_entry_order);
    const size_t m = count < n ? count : n;
    for (size_t j = 0; j < m; j++)
        order[j] = e[j].index;
    *n_out = m;
    free(e);
    return KA_OK;
}
