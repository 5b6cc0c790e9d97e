/* ka_failures.c - recent failures and their reasons (see ka_failures.h). */
#include "ka_failures.h"

#include <stdint.h>
#include <stdio.h>
#include <string.h>

/* FNV-1a, 64 bits: fast, no table, and the same bits on every platform. */
#define FNV_OFFSET 14695981039346656037u
#define FNV_PRIME 1099511628211u

static void mix(ka_arg_hash *h, const void *data, size_t n)
{
    const unsigned char *p = data;
    for (size_t i = 0; i < n; i++)
        h->h = (h->h ^ p[i]) * FNV_PRIME;
}

static void tag(ka_arg_hash *h, unsigned char t)
{
    mix(h, &t, 1);
}

void ka_arg_hash_init(ka_arg_hash *h)
{
    h->h = FNV_OFFSET;
    h->cells = 0;
    h->limit = KA_ARG_HASH_CELLS;
}

void ka_arg_hash_init_all(ka_arg_hash *h)
{
    ka_arg_hash_init(h);
    h->limit = SIZE_MAX;
}

void ka_arg_hash_next(ka_arg_hash *h)
{
    tag(h, 'A');
    h->cells = 0;
}

void ka_arg_hash_shape(ka_arg_hash *h, size_t rows, size_t cols)
{
    uint64_t dims[2] = {rows, cols};
    tag(h, 'M');
    mix(h, dims, sizeof dims);
}

/* True while the current argument's cells still go into the hash. */
static bool counted(ka_arg_hash *h)
{
    return h->cells++ < h->limit;
}

void ka_arg_hash_number(ka_arg_hash *h, double x)
{
    if (!counted(h))
        return;
    if (x == 0)
        x = 0; /* -0 */
    tag(h, 'N');
    mix(h, &x, sizeof x);
}

void ka_arg_hash_text(ka_arg_hash *h, const uint16_t *s, size_t n)
{
    if (!counted(h))
        return;
    uint64_t len = n;
    tag(h, 'S');
    mix(h, &len, sizeof len);
    mix(h, s, n * sizeof *s);
}

void ka_arg_hash_empty(ka_arg_hash *h)
{
    if (counted(h))
        tag(h, 'E');
}

void ka_failures_init(ka_failures *m)
{
    memset(m, 0, sizeof *m);
}

void ka_failures_note(ka_failures *m, const char *function, uint64_t args, const char *reason)
{
    ka_failure *slot = &m->slot[0];
    for (size_t i = 0; i < KA_FAILURES_MAX; i++) {
        ka_failure *f = &m->slot[i];
        if (f->seq && f->args == args && strcmp(f->function, function) == 0) {
            slot = f;
            break;
        }
        if (f->seq < slot->seq)
            slot = f;
    }
    snprintf(slot->function, sizeof slot->function, "%s", function);
    snprintf(slot->reason, sizeof slot->reason, "%s", reason ? reason : "");
    slot->args = args;
    slot->seq = ++m->seq;
}

bool ka_failures_find(const ka_failures *m, const char *function, const uint64_t *args,
                      ka_failure *out)
{
    const ka_failure *latest = NULL;
    bool same = true;
    for (size_t i = 0; i < KA_FAILURES_MAX; i++) {
        const ka_failure *f = &m->slot[i];
        if (!f->seq || strcmp(f->function, function) != 0)
            continue;
        if (args && f->args == *args) {
            *out = *f;
            return true;
        }
        if (latest && strcmp(latest->reason, f->reason) != 0)
            same = false;
        if (!latest || f->seq > latest->seq)
            latest = f;
    }
    if (!latest || !same)
        return false;
    *out = *latest;
    return true;
}
