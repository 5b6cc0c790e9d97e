/* ka_memo.c - results of recent calls by a hash of their arguments (see
 * ka_memo.h). */
#include "ka_memo.h"

#include <string.h>

void ka_memo_init(ka_memo *m)
{
    memset(m, 0, sizeof *m);
}

void *ka_memo_find(ka_memo *m, uint64_t hash, size_t cells)
{
    for (size_t i = 0; i < KA_MEMO_SLOTS; i++) {
        ka_memo_slot *s = &m->slot[i];
        if (s->value && s->hash == hash && s->cells == cells) {
            s->last_use = ++m->clock;
            return s->value;
        }
    }
    return NULL;
}

/* Empties slot s, handing its value to evicted[*n]. */
static void ka_memo_drop(ka_memo *m, ka_memo_slot *s, void **evicted, size_t *n)
{
    evicted[(*n)++] = s->value;
    m->held -= s->size;
    memset(s, 0, sizeof *s);
}

size_t ka_memo_put(ka_memo *m, uint64_t hash, size_t cells, void *value, size_t size,
                   void **evicted)
{
    size_t n = 0;
    if (size > KA_MEMO_MAX_CELLS) {
        evicted[n++] = value;
        return n;
    }
    for (size_t i = 0; i < KA_MEMO_SLOTS; i++)
        if (m->slot[i].value && m->slot[i].hash == hash && m->slot[i].cells == cells)
            ka_memo_drop(m, &m->slot[i], evicted, &n);
    /* the least recently used go until a slot is free and the cells fit */
    for (;;) {
        ka_memo_slot *free_slot = NULL, *oldest = NULL;
        for (size_t i = 0; i < KA_MEMO_SLOTS; i++) {
            ka_memo_slot *s = &m->slot[i];
            if (!s->value)
                free_slot = free_slot ? free_slot : s;
            else if (!oldest || s->last_use < oldest->last_use)
                oldest = s;
        }
        if (free_slot && m->held + size <= KA_MEMO_MAX_CELLS) {
            *free_slot = (ka_memo_slot){hash, cells, size, value, ++m->clock};
            m->held += size;
            return n;
        }
        ka_memo_drop(m, oldest, evicted, &n); /* a full memo or one over the cap has one */
    }
}

size_t ka_memo_clear(ka_memo *m, void **evicted)
{
    size_t n = 0;
    for (size_t i = 0; i < KA_MEMO_SLOTS; i++)
        if (m->slot[i].value)
            ka_memo_drop(m, &m->slot[i], evicted, &n);
    m->clock = 0;
    return n;
}
