/* ka_memo.h - a memo of the results of recent calls, keyed by a hash of
 * everything the call received (ka_arg_hash over every cell).
 *
 * Calc evaluates a formula that reads a million-line order log more than
 * once with the same arguments: as the churn review enters it and in the
 * calculation after, and on every hard recalculation.  The memo gives such
 * a call the result it had, without reading and sorting the log again.
 * It is correct across recalculations and documents because the key is
 * the content (shapes, every value, the function), not the cells' address:
 * a changed cell is a new key.  Two calls with different arguments share a
 * key only if their 64-bit hashes and cell counts collide.
 *
 * Pure C: the values are opaque pointers (the add-in stores UNO sequences)
 * and the memo never frees one: a value it lets go of comes back to the
 * caller, who releases it (outside its lock).  No locking of its own. */
#ifndef KA_MEMO_H
#define KA_MEMO_H

#include <stddef.h>
#include <stdint.h>

/* Entries held at most, and result cells held at most over all of them
 * (a 100,000-client table of 4 columns is 400,000). */
#define KA_MEMO_SLOTS 4
#define KA_MEMO_MAX_CELLS 2000000

typedef struct ka_memo_slot {
    uint64_t hash; /* ka_arg_hash of the function and its arguments */
    size_t cells;  /* the arguments' cells: the rest of the key */
    size_t size;   /* the result's cells, counted against KA_MEMO_MAX_CELLS */
    void *value;   /* NULL: a free slot */
    unsigned long last_use;
} ka_memo_slot;

typedef struct ka_memo {
    ka_memo_slot slot[KA_MEMO_SLOTS];
    size_t held; /* result cells held */
    unsigned long clock;
} ka_memo;

/* An empty memo. */
void ka_memo_init(ka_memo *m);

/* The value stored for the key (hash, cells), or NULL; marks it recently
 * used.  The memo keeps its reference: a caller that uses the value after
 * giving up its lock takes a reference of its own first. */
void *ka_memo_find(ka_memo *m, uint64_t hash, size_t cells);

/* Stores value (a result of size cells; the memo takes over the caller's
 * reference) for the key (hash, cells), replacing the key's old value, and
 * lets go of the least recently used entries until the slots and
 * KA_MEMO_MAX_CELLS allow it.  A value larger than KA_MEMO_MAX_CELLS is not
 * stored.  Writes the values let go of (the replaced, the evicted, or
 * value itself when not stored) to evicted (room for KA_MEMO_SLOTS + 1);
 * the caller releases them.  Returns their count. */
size_t ka_memo_put(ka_memo *m, uint64_t hash, size_t cells, void *value, size_t size,
                   void **evicted);

/* Empties the memo: writes its values to evicted (room for KA_MEMO_SLOTS)
 * for the caller to release and returns their count. */
size_t ka_memo_clear(ka_memo *m, void **evicted);

#endif
