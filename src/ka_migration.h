/* ka_migration.h - how clients moved between two periods' classes (core of
 * MIGRATION): the table of clients, or of their weights, from each class of
 * the first period to each class of the second, with totals.
 */
#ifndef KA_MIGRATION_H
#define KA_MIGRATION_H

#include <stddef.h>

#include "ka_status.h"

/* A class label as a cell gives it: UTF-8 text of len bytes (not
 * necessarily NUL-terminated), or no class (an empty cell) when text is
 * NULL. */
typedef struct ka_label {
    const char *text;
    size_t len;
} ka_label;

/* Most distinct labels of one table (the table has this many + 3 rows). */
#define KA_MIGRATION_MAX_LABELS 1000
/* Largest |weight| accepted: a sum of 2^64 of them stays finite. */
#define KA_MIGRATION_MAX_WEIGHT 1e288

/* The migration table.  Classes 0 .. n_labels - 1 are the distinct labels
 * of From and To together in ascending byte order of their UTF-8 text
 * (code point order); when has_empty, class n_labels is "no class" (shown
 * as "-").  With k = n_labels + has_empty classes, cells has (k + 1) x
 * (k + 1) values, row-major: cells[i * (k + 1) + j] is the number of
 * clients (or the sum of their weights) from class i to class j; row k
 * and column k hold the totals. */
typedef struct ka_migration {
    size_t n_labels;
    int has_empty;
    char **labels;      /* n_labels NUL-terminated copies, owned */
    size_t *label_lens; /* their lengths in bytes (a label may hold a NUL) */
    double *cells;
} ka_migration;

/* Builds the table of the rows i < n: client i went from from[i] to to[i]
 * (either may be no class: a new or a lost client; a row without a class
 * in both is not a client and is skipped).  weights: NULL to count clients,
 * else n weights of which the rows that count must be finite with
 * |weight| <= KA_MIGRATION_MAX_WEIGHT (sales may be negative).
 * Deterministic to the bit and independent of the order of the rows: the
 * weights of a cell are added in ascending order, totals in class order.
 * The labels are copied; nothing of the caller's is kept.
 * *out: free with ka_migration_free.
 * Returns KA_OK; KA_ERR_ARG (Err:502) for NULL pointers with n > 0, an
 * invalid weight, or more than KA_MIGRATION_MAX_LABELS distinct labels;
 * KA_ERR_NOMEM (*out NULL on every failure). */
ka_status ka_migration_new(const ka_label *from, const ka_label *to, const double *weights,
                           size_t n, ka_migration **out);

/* Frees a table of ka_migration_new; accepts NULL. */
void ka_migration_free(ka_migration *m);

#endif
