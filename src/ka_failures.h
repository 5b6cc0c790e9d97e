/* ka_failures.h - a memory of the add-in's recent failures with their
 * reasons, so that the sidebar can say why a cell shows Err:502 (Calc
 * shows the error and drops the exception's text).
 *
 * A failure is keyed by the function's name and a hash of the argument
 * values as the function received them (ka_arg_hash: the same bits whether
 * the add-in hashes Calc's arguments or the panel the cells a formula
 * names).  The memory is a fixed table of the KA_FAILURES_MAX most recent
 * failures, no allocation; a failure noted again moves to the front.
 * Pure C, no state of its own: the caller owns the table and locks it. */
#ifndef KA_FAILURES_H
#define KA_FAILURES_H

#include <stdbool.h>
#include <stddef.h>
#include <stdint.h>

#define KA_FAILURES_MAX 64
/* Cells of one argument that go into the hash (its shape always does): a
 * failing fill-down over large ranges stays cheap; two calls whose ranges
 * differ only past this many cells have the same key. */
#define KA_ARG_HASH_CELLS 256
#define KA_FAILURE_FUNCTION_MAX 32
#define KA_FAILURE_REASON_MAX 400

/* The hash of a call's arguments, fed argument by argument. */
typedef struct ka_arg_hash {
    uint64_t h;
    size_t cells; /* cells of the current argument so far */
    size_t limit; /* cells of one argument that go into the hash */
} ka_arg_hash;

/* A hash of the first KA_ARG_HASH_CELLS cells of each argument (the
 * memory of failures). */
void ka_arg_hash_init(ka_arg_hash *h);
/* A hash of every cell (the memo of results, ka_memo.h). */
void ka_arg_hash_init_all(ka_arg_hash *h);
/* Starts the next argument. */
void ka_arg_hash_next(ka_arg_hash *h);
/* An array argument of rows x cols cells; its cells follow row by row. */
void ka_arg_hash_shape(ka_arg_hash *h, size_t rows, size_t cols);
/* A number (-0 as 0). */
void ka_arg_hash_number(ka_arg_hash *h, double x);
/* A text of n UTF-16 code units. */
void ka_arg_hash_text(ka_arg_hash *h, const uint16_t *s, size_t n);
/* An omitted argument. */
void ka_arg_hash_empty(ka_arg_hash *h);

/* One remembered failure. */
typedef struct ka_failure {
    char function[KA_FAILURE_FUNCTION_MAX]; /* the table's name, e.g. "CHURNRISK" */
    uint64_t args;                          /* ka_arg_hash of its arguments */
    char reason[KA_FAILURE_REASON_MAX];     /* what the add-in said (English, UTF-8, truncated) */
    unsigned long seq;                      /* when, in notes: higher is later; 0 is a free slot */
} ka_failure;

typedef struct ka_failures {
    ka_failure slot[KA_FAILURES_MAX];
    unsigned long seq;
} ka_failures;

/* An empty memory. */
void ka_failures_init(ka_failures *m);

/* Remembers that function failed with the arguments of hash args for
 * reason (NULL: none given), replacing the same key's entry or else the
 * oldest one. */
void ka_failures_note(ka_failures *m, const char *function, uint64_t args, const char *reason);

/* The reason of a failure of function: the entry of key (function, *args)
 * when args is not NULL and it is remembered; else, when every remembered
 * failure of function gave the same reason, the latest of them.  Copies it
 * into *out and returns true; false when there is no such failure or the
 * reasons differ (the arguments would tell them apart). */
bool ka_failures_find(const ka_failures *m, const char *function, const uint64_t *args,
                      ka_failure *out);

#endif
