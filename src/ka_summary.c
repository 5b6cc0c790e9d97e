/* ka_summary.c - purchase summary from an order log (see ka_summary.h).
 *
 * Clients are hashed once; each log line becomes one 64-bit pair
 * (client number << 32 | day + offset); one LSD radix sort of the pairs puts
 * every client's purchase days together and in order, and one scan counts the
 * distinct days.  No comparison sort, so a million lines take milliseconds. */
#include "ka_summary.h"

#include <math.h>
#include <stdint.h>
#include <stdlib.h>
#include <string.h>

#define KA_SUMMARY_DAY_OFFSET 1000000000.0 /* makes days in +-KA_SUMMARY_MAX_DATE unsigned */
#define KA_SUMMARY_RADIX_BITS 16
#define KA_SUMMARY_RADIX (1u << KA_SUMMARY_RADIX_BITS)

static uint64_t ka_summary_mix(uint64_t h)
{
    h ^= h >> 30;
    h *= 0xbf58476d1ce4e5b9u;
    h ^= h >> 27;
    h *= 0x94d049bb133111ebu;
    h ^= h >> 31;
    return h;
}

static uint64_t ka_summary_key_hash(const ka_key *k)
{
    if (k->text) { /* FNV-1a over the bytes */
        uint64_t h = 0xcbf29ce484222325u;
        for (size_t i = 0; i < k->len; i++) {
            h ^= (unsigned char)k->text[i];
            h *= 0x100000001b3u;
        }
        return ka_summary_mix(h ^ 0x7465787400000000u);
    }
    double v = k->num + 0.0; /* -0 and +0 hash alike */
    uint64_t bits;
    memcpy(&bits, &v, sizeof bits);
    return ka_summary_mix(bits);
}

static int ka_summary_key_equal(const ka_key *a, const ka_key *b)
{
    if (!a->text != !b->text)
        return 0;
    if (!a->text)
        return a->num == b->num;
    return a->len == b->len && (a->len == 0 || memcmp(a->text, b->text, a->len) == 0);
}

/* Open-addressing table from key to the number of its first occurrence in
 * `clients`. */
typedef struct ka_summary_index {
    size_t *slots; /* client position + 1; 0 = empty */
    size_t mask;
    const ka_key *keys;
} ka_summary_index;

/* Returns the slot holding k, or the empty slot where it would go. */
static size_t ka_summary_index_probe(const ka_summary_index *ix, const ka_key *k)
{
    size_t h = (size_t)ka_summary_key_hash(k) & ix->mask;
    while (ix->slots[h] != 0 && !ka_summary_key_equal(&ix->keys[ix->slots[h] - 1], k))
        h = (h + 1) & ix->mask;
    return h;
}

/* LSD radix sort of n 64-bit values, 16 bits per pass; passes whose digit is
 * the same for every value are skipped.  tmp: n values of scratch.  Returns
 * the buffer holding the sorted values (a or tmp). */
static uint64_t *ka_summary_radix_sort(uint64_t *a, uint64_t *tmp, size_t n, size_t *count)
{
    for (unsigned shift = 0; shift < 64; shift += KA_SUMMARY_RADIX_BITS) {
        memset(count, 0, KA_SUMMARY_RADIX * sizeof *count);
        for (size_t i = 0; i < n; i++)
            count[(a[i] >> shift) & (KA_SUMMARY_RADIX - 1)]++;
        if (n == 0 || count[(a[0] >> shift) & (KA_SUMMARY_RADIX - 1)] == n)
            continue;
        size_t sum = 0;
        for (size_t d = 0; d < KA_SUMMARY_RADIX; d++) {
            size_t c = count[d];
            count[d] = sum;
            sum += c;
        }
        for (size_t i = 0; i < n; i++)
            tmp[count[(a[i] >> shift) & (KA_SUMMARY_RADIX - 1)]++] = a[i];
        uint64_t *swap = a;
        a = tmp;
        tmp = swap;
    }
    return a;
}

ka_status ka_purchase_summary(const ka_key *tx_clients, const double *tx_dates, size_t n_tx,
                              const ka_key *clients, size_t n_clients, double as_of, double unit,
                              double *out, unsigned char *found)
{
    if ((n_tx > 0 && (!tx_clients || !tx_dates)) || (n_clients > 0 && (!clients || !out || !found)))
        return KA_ERR_ARG;
    if (!isfinite(unit) || !(unit >= KA_SUMMARY_MIN_UNIT))
        return KA_ERR_ARG;
    for (size_t i = 0; i < n_tx; i++)
        if (!isfinite(tx_dates[i]) || fabs(tx_dates[i]) > KA_SUMMARY_MAX_DATE)
            return KA_ERR_ARG;
    for (size_t i = 0; i < n_clients; i++)
        if (!clients[i].text && isnan(clients[i].num))
            return KA_ERR_ARG;
    if (isnan(as_of)) {
        if (n_tx == 0)
            return KA_ERR_ARG;
        as_of = tx_dates[0];
        for (size_t i = 1; i < n_tx; i++)
            if (tx_dates[i] > as_of)
                as_of = tx_dates[i];
    }
    if (!isfinite(as_of) || fabs(as_of) > KA_SUMMARY_MAX_DATE)
        return KA_ERR_ARG;
    if (n_clients == 0)
        return KA_OK;
    if (n_clients > UINT32_MAX || n_clients > SIZE_MAX / 4 / sizeof(size_t) ||
        n_tx > SIZE_MAX / 2 / sizeof(uint64_t))
        return KA_ERR_NOMEM;
    const double as_of_day = floor(as_of);

    size_t cap = 16;
    while (cap < 2 * n_clients)
        cap *= 2;
    ka_summary_index ix = {calloc(cap, sizeof(size_t)), cap - 1, clients};
    size_t *first_of =
        malloc(n_clients * sizeof *first_of); /* position of the key's first occurrence */
    uint64_t *pairs = malloc((n_tx ? n_tx : 1) * sizeof *pairs);
    uint64_t *tmp = malloc((n_tx ? n_tx : 1) * sizeof *tmp);
    size_t *count = malloc(KA_SUMMARY_RADIX * sizeof *count);
    ka_status st = KA_OK;
    if (!ix.slots || !first_of || !pairs || !tmp || !count) {
        st = KA_ERR_NOMEM;
        goto done;
    }

    for (size_t i = 0; i < n_clients; i++) {
        size_t h = ka_summary_index_probe(&ix, &clients[i]);
        if (ix.slots[h] == 0)
            ix.slots[h] = i + 1;
        first_of[i] = ix.slots[h] - 1;
        found[i] = 0;
        out[3 * i] = out[3 * i + 1] = out[3 * i + 2] = NAN;
    }

    size_t n_pairs = 0;
    for (size_t i = 0; i < n_tx; i++) {
        const ka_key *k = &tx_clients[i];
        double day = floor(tx_dates[i]);
        if (day > as_of_day || (!k->text && isnan(k->num)))
            continue;
        size_t h = ka_summary_index_probe(&ix, k);
        if (ix.slots[h] == 0)
            continue;
        uint64_t client = ix.slots[h] - 1;
        pairs[n_pairs++] = client << 32 | (uint64_t)(day + KA_SUMMARY_DAY_OFFSET);
    }
    const uint64_t *sorted = ka_summary_radix_sort(pairs, tmp, n_pairs, count);

    for (size_t i = 0; i < n_pairs;) {
        size_t client = (size_t)(sorted[i] >> 32), days = 0;
        uint64_t first = sorted[i] & UINT32_MAX, last = first;
        for (; i < n_pairs && (size_t)(sorted[i] >> 32) == client; i++) {
            uint64_t day = sorted[i] & UINT32_MAX;
            if (days == 0 || day != last)
                days++;
            last = day;
        }
        double first_day = (double)first - KA_SUMMARY_DAY_OFFSET;
        found[client] = 1;
        out[3 * client] = (double)(days - 1);
        out[3 * client + 1] = (double)(last - first) / unit;
        out[3 * client + 2] = (as_of_day - first_day) / unit;
    }
    for (size_t i = 0; i < n_clients; i++) /* repeated keys copy their first row */
        if (first_of[i] != i) {
            size_t j = first_of[i];
            found[i] = found[j];
            memcpy(&out[3 * i], &out[3 * j], 3 * sizeof *out);
        }

done:
    free(ix.slots);
    free(first_of);
    free(pairs);
    free(tmp);
    free(count);
    return st;
}
