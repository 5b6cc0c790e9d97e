/* ka_summary.c - purchase summary and purchase counts from an order log
 * (see ka_summary.h).
 *
 * Clients are hashed once; each log line becomes one 64-bit pair
 * (client number << 32 | day + offset), with the amount's bits beside it
 * when there are amounts; one LSD radix sort of the pairs puts every
 * client's purchase days together and in order (a day's amounts in
 * ascending order), and one scan counts the distinct days and sums the day
 * totals.  No comparison sort, so a million lines take milliseconds. */
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

/* The log lines of one call that belong to a listed client, hashed and
 * sorted: key[i] = client position << 32 | day + offset and, with amounts,
 * aux[i] = the amount's order bits, in ascending (key, aux) order. */
typedef struct ka_summary_log {
    size_t *slots;    /* hash of `clients`: client position + 1; 0 = empty */
    size_t *first_of; /* n_clients: position of the key's first occurrence */
    uint64_t *key, *aux;
    size_t n;
    uint64_t *buf[4]; /* key, key scratch, aux, aux scratch: what key and aux point into */
    size_t *count;    /* radix counters */
} ka_summary_log;

/* The bits of a finite double as an unsigned number in the same order
 * (-0 just below +0), so that the radix sort orders amounts by value. */
static uint64_t ka_summary_amount_bits(double v)
{
    uint64_t b;
    memcpy(&b, &v, sizeof b);
    return b >> 63 ? ~b : b | (uint64_t)1 << 63;
}

static double ka_summary_amount_of(uint64_t b)
{
    b = b >> 63 ? b & ~((uint64_t)1 << 63) : ~b;
    double v;
    memcpy(&v, &b, sizeof v);
    return v;
}

/* One stable counting-sort pass of (key, aux) by the 16-bit digit at shift
 * of key (by_aux 0) or aux (by_aux 1), into the scratch buffers tmp[0] (key)
 * and tmp[1] (aux), which then trade places with them.  A pass whose digit
 * is the same for every line is skipped. */
static void ka_summary_radix_pass(ka_summary_log *log, int by_aux, unsigned shift, uint64_t **tmp)
{
    const uint64_t *by = by_aux ? log->aux : log->key;
    size_t *count = log->count, n = log->n;
    memset(count, 0, KA_SUMMARY_RADIX * sizeof *count);
    for (size_t i = 0; i < n; i++)
        count[(by[i] >> shift) & (KA_SUMMARY_RADIX - 1)]++;
    if (n == 0 || count[(by[0] >> shift) & (KA_SUMMARY_RADIX - 1)] == n)
        return;
    size_t sum = 0;
    for (size_t d = 0; d < KA_SUMMARY_RADIX; d++) {
        size_t c = count[d];
        count[d] = sum;
        sum += c;
    }
    for (size_t i = 0; i < n; i++) {
        size_t to = count[(by[i] >> shift) & (KA_SUMMARY_RADIX - 1)]++;
        tmp[0][to] = log->key[i];
        if (log->aux)
            tmp[1][to] = log->aux[i];
    }
    uint64_t *swap = log->key;
    log->key = tmp[0];
    tmp[0] = swap;
    if (log->aux) {
        swap = log->aux;
        log->aux = tmp[1];
        tmp[1] = swap;
    }
}

static void ka_summary_log_clear(ka_summary_log *log)
{
    free(log->slots);
    free(log->first_of);
    for (size_t i = 0; i < 4; i++)
        free(log->buf[i]);
    free(log->count);
}

/* Checks the keys and dates shared by every function here; with_found: the
 * function has found flags (found must then not be NULL). */
static ka_status ka_summary_check(const ka_key *tx_clients, const double *tx_dates, size_t n_tx,
                                  const ka_key *clients, size_t n_clients, const void *out,
                                  int with_found, const unsigned char *found)
{
    if ((n_tx > 0 && (!tx_clients || !tx_dates)) ||
        (n_clients > 0 && (!clients || !out || (with_found && !found))))
        return KA_ERR_ARG;
    for (size_t i = 0; i < n_tx; i++)
        if (!isfinite(tx_dates[i]) || fabs(tx_dates[i]) > KA_SUMMARY_MAX_DATE)
            return KA_ERR_ARG;
    for (size_t i = 0; i < n_clients; i++)
        if (!clients[i].text && isnan(clients[i].num))
            return KA_ERR_ARG;
    return KA_OK;
}

/* Hashes the clients (n_clients > 0) and sorts the lines of listed clients
 * whose day is at most last_day (amounts NULL: no aux).  On failure
 * (KA_ERR_NOMEM) the caller still calls ka_summary_log_clear. */
static ka_status ka_summary_log_build(ka_summary_log *log, const ka_key *tx_clients,
                                      const double *tx_dates, const double *tx_amounts, size_t n_tx,
                                      const ka_key *clients, size_t n_clients, double last_day)
{
    memset(log, 0, sizeof *log);
    if (n_clients > UINT32_MAX || n_clients > SIZE_MAX / 4 / sizeof(size_t) ||
        n_tx > SIZE_MAX / 2 / sizeof(uint64_t))
        return KA_ERR_NOMEM;
    size_t cap = 16;
    while (cap < 2 * n_clients)
        cap *= 2;
    const size_t mask = cap - 1, room = n_tx ? n_tx : 1;
    log->slots = calloc(cap, sizeof *log->slots);
    log->first_of = malloc(n_clients * sizeof *log->first_of);
    log->count = malloc(KA_SUMMARY_RADIX * sizeof *log->count);
    for (size_t i = 0; i < (tx_amounts ? 4u : 2u); i++)
        if (!(log->buf[i] = malloc(room * sizeof *log->buf[i])))
            return KA_ERR_NOMEM;
    if (!log->slots || !log->first_of || !log->count)
        return KA_ERR_NOMEM;
    ka_summary_index ix = {log->slots, mask, clients};
    log->key = log->buf[0];
    log->aux = tx_amounts ? log->buf[2] : NULL;

    for (size_t i = 0; i < n_clients; i++) {
        size_t h = ka_summary_index_probe(&ix, &clients[i]);
        if (ix.slots[h] == 0)
            ix.slots[h] = i + 1;
        log->first_of[i] = ix.slots[h] - 1;
    }
    size_t n = 0;
    for (size_t i = 0; i < n_tx; i++) {
        const ka_key *k = &tx_clients[i];
        double day = floor(tx_dates[i]);
        if (day > last_day || (!k->text && isnan(k->num)))
            continue;
        size_t h = ka_summary_index_probe(&ix, k);
        if (ix.slots[h] == 0)
            continue;
        uint64_t client = ix.slots[h] - 1;
        log->key[n] = client << 32 | (uint64_t)(day + KA_SUMMARY_DAY_OFFSET);
        if (log->aux)
            log->aux[n] = ka_summary_amount_bits(tx_amounts[i]);
        n++;
    }
    log->n = n;
    /* LSD: the less significant half of the (key, aux) order first */
    uint64_t *tmp[2] = {log->buf[1], log->aux ? log->buf[3] : NULL};
    if (log->aux)
        for (unsigned shift = 0; shift < 64; shift += KA_SUMMARY_RADIX_BITS)
            ka_summary_radix_pass(log, 1, shift, tmp);
    for (unsigned shift = 0; shift < 64; shift += KA_SUMMARY_RADIX_BITS)
        ka_summary_radix_pass(log, 0, shift, tmp);
    return KA_OK;
}

/* ka_purchase_summary (cols 3, tx_amounts NULL) and
 * ka_purchase_summary_monetary (cols 4). */
static ka_status ka_summary_rows(const ka_key *tx_clients, const double *tx_dates,
                                 const double *tx_amounts, size_t n_tx, const ka_key *clients,
                                 size_t n_clients, double as_of, double unit, size_t cols,
                                 double *out, unsigned char *found)
{
    ka_status st = ka_summary_check(tx_clients, tx_dates, n_tx, clients, n_clients, out, 1, found);
    if (st != KA_OK)
        return st;
    if (!isfinite(unit) || !(unit >= KA_SUMMARY_MIN_UNIT))
        return KA_ERR_ARG;
    if (cols == 4) {
        if (n_tx > 0 && !tx_amounts)
            return KA_ERR_ARG;
        for (size_t i = 0; i < n_tx; i++)
            if (!isfinite(tx_amounts[i]) || fabs(tx_amounts[i]) > KA_SUMMARY_MAX_AMOUNT)
                return KA_ERR_ARG;
    }
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
    const double as_of_day = floor(as_of);

    ka_summary_log log;
    st = ka_summary_log_build(&log, tx_clients, tx_dates, tx_amounts, n_tx, clients, n_clients,
                              as_of_day);
    if (st != KA_OK)
        goto done;
    for (size_t i = 0; i < n_clients; i++) {
        found[i] = 0;
        for (size_t c = 0; c < cols; c++)
            out[cols * i + c] = NAN;
    }
    const uint64_t *key = log.key, *aux = log.aux;
    for (size_t i = 0; i < log.n;) {
        size_t client = (size_t)(key[i] >> 32), days = 0;
        uint64_t first = key[i] & UINT32_MAX, last = first;
        double later_days = 0.0; /* sum of the day totals after the first day */
        while (i < log.n && (size_t)(key[i] >> 32) == client) {
            uint64_t day = key[i] & UINT32_MAX;
            double day_total = 0.0;
            for (; i < log.n && key[i] == (client << 32 | day); i++)
                if (aux)
                    day_total += ka_summary_amount_of(aux[i]);
            if (days++ > 0)
                later_days += day_total;
            last = day;
        }
        double *row = &out[cols * client];
        found[client] = 1;
        row[0] = (double)(days - 1);
        row[1] = (double)(last - first) / unit;
        row[2] = (as_of_day - ((double)first - KA_SUMMARY_DAY_OFFSET)) / unit;
        if (cols == 4)
            row[3] = days > 1 ? later_days / (double)(days - 1) : 0.0;
    }
    for (size_t i = 0; i < n_clients; i++) /* repeated keys copy their first row */
        if (log.first_of[i] != i) {
            size_t j = log.first_of[i];
            found[i] = found[j];
            memcpy(&out[cols * i], &out[cols * j], cols * sizeof *out);
        }
done:
    ka_summary_log_clear(&log);
    return st;
}

ka_status ka_purchase_summary(const ka_key *tx_clients, const double *tx_dates, size_t n_tx,
                              const ka_key *clients, size_t n_clients, double as_of, double unit,
                              double *out, unsigned char *found)
{
    return ka_summary_rows(tx_clients, tx_dates, NULL, n_tx, clients, n_clients, as_of, unit, 3,
                           out, found);
}

ka_status ka_purchase_summary_monetary(const ka_key *tx_clients, const double *tx_dates,
                                       const double *tx_amounts, size_t n_tx, const ka_key *clients,
                                       size_t n_clients, double as_of, double unit, double *out,
                                       unsigned char *found)
{
    return ka_summary_rows(tx_clients, tx_dates, tx_amounts, n_tx, clients, n_clients, as_of, unit,
                           4, out, found);
}

ka_status ka_purchase_count(const ka_key *tx_clients, const double *tx_dates, size_t n_tx,
                            const ka_key *clients, size_t n_clients, double from, double to,
                            double *out, unsigned char *found)
{
    ka_status st = ka_summary_check(tx_clients, tx_dates, n_tx, clients, n_clients, out, 1, found);
    if (st != KA_OK)
        return st;
    if (!isfinite(from) || !isfinite(to) || fabs(from) > KA_SUMMARY_MAX_DATE ||
        fabs(to) > KA_SUMMARY_MAX_DATE || from > to)
        return KA_ERR_ARG;
    if (n_clients == 0)
        return KA_OK;
    /* every line counts for `found`, so none is left out by date */
    ka_summary_log log;
    st = ka_summary_log_build(&log, tx_clients, tx_dates, NULL, n_tx, clients, n_clients, INFINITY);
    if (st != KA_OK)
        goto done;
    const double from_day = floor(from) + KA_SUMMARY_DAY_OFFSET,
                 to_day = floor(to) + KA_SUMMARY_DAY_OFFSET;
    for (size_t i = 0; i < n_clients; i++) {
        found[i] = 0;
        out[i] = NAN;
    }
    const uint64_t *key = log.key;
    for (size_t i = 0; i < log.n;) {
        size_t client = (size_t)(key[i] >> 32), days = 0;
        for (; i < log.n && (size_t)(key[i] >> 32) == client; i++) {
            double day = (double)(key[i] & UINT32_MAX);
            if (day > from_day && day <= to_day && (days == 0 || key[i] != key[i - 1]))
                days++;
        }
        found[client] = 1;
        out[client] = (double)days;
    }
    for (size_t i = 0; i < n_clients; i++)
        if (log.first_of[i] != i) {
            found[i] = found[log.first_of[i]];
            out[i] = out[log.first_of[i]];
        }
done:
    ka_summary_log_clear(&log);
    return st;
}

/* ---- PERIODTOTALS ---- */

#define KA_SUMMARY_UNIX_EPOCH 25569 /* serial day number of 1970-01-01 */

/* Days from 1970-01-01 of a civil date (H. Hinnant's days_from_civil). */
static int64_t ka_summary_days_from_civil(int64_t y, int64_t m, int64_t d)
{
    y -= m <= 2;
    const int64_t era = (y >= 0 ? y : y - 399) / 400, yoe = y - era * 400;
    const int64_t doy = (153 * (m + (m > 2 ? -3 : 9)) + 2) / 5 + d - 1;
    return era * 146097 + yoe * 365 + yoe / 4 - yoe / 100 + doy - 719468;
}

/* The civil date of a day number from 1970-01-01 (civil_from_days). */
static void ka_summary_civil_from_days(int64_t z, int64_t *y, int64_t *m, int64_t *d)
{
    z += 719468;
    const int64_t era = (z >= 0 ? z : z - 146096) / 146097, doe = z - era * 146097;
    const int64_t yoe = (doe - doe / 1460 + doe / 36524 - doe / 146096) / 365;
    const int64_t doy = doe - (365 * yoe + yoe / 4 - yoe / 100), mp = (5 * doy + 2) / 153;
    *d = doy - (153 * mp + 2) / 5 + 1;
    *m = mp < 10 ? mp + 3 : mp - 9;
    *y = yoe + era * 400 + (*m <= 2);
}

static int64_t ka_summary_month_length(int64_t y, int64_t m)
{
    static const int len[12] = {31, 28, 31, 30, 31, 30, 31, 31, 30, 31, 30, 31};
    const int leap = (y % 4 == 0 && y % 100 != 0) || y % 400 == 0;
    return len[m - 1] + (m == 2 && leap);
}

ka_status ka_period_bounds(double start, size_t periods, ka_period_unit unit, double days,
                           double *bounds)
{
    if (!bounds || !isfinite(start) || fabs(start) > KA_SUMMARY_MAX_DATE || periods < 1 ||
        periods > KA_PERIOD_MAX_COUNT)
        return KA_ERR_ARG;
    const double first = floor(start);
    if (unit == KA_PERIOD_DAYS || unit == KA_PERIOD_WEEK) {
        const double step = unit == KA_PERIOD_WEEK ? 7.0 : days;
        if (!(step >= 1.0 && step <= 2 * KA_SUMMARY_MAX_DATE) || step != floor(step) ||
            first + step * (double)periods > KA_SUMMARY_MAX_DATE)
            return KA_ERR_ARG;
        for (size_t p = 0; p <= periods; p++)
            bounds[p] = first + step * (double)p; /* exact: integers far below 2^53 */
        return KA_OK;
    }
    const int64_t months = unit == KA_PERIOD_MONTH ? 1 : unit == KA_PERIOD_QUARTER ? 3 : 12;
    int64_t y, m, d;
    ka_summary_civil_from_days((int64_t)first - KA_SUMMARY_UNIX_EPOCH, &y, &m, &d);
    for (size_t p = 0; p <= periods; p++) {
        const int64_t k = (m - 1) + months * (int64_t)p;
        const int64_t py = y + k / 12, pm = k % 12 + 1;
        const int64_t pd =
            d < ka_summary_month_length(py, pm) ? d : ka_summary_month_length(py, pm);
        bounds[p] = (double)(ka_summary_days_from_civil(py, pm, pd) + KA_SUMMARY_UNIX_EPOCH);
    }
    return bounds[periods] > KA_SUMMARY_MAX_DATE ? KA_ERR_ARG : KA_OK;
}

ka_status ka_period_totals(const ka_key *tx_clients, const double *tx_dates,
                           const double *tx_amounts, size_t n_tx, const ka_key *clients,
                           size_t n_clients, double start, size_t periods, ka_period_unit unit,
                           double days, double *out)
{
    ka_status st = ka_summary_check(tx_clients, tx_dates, n_tx, clients, n_clients, out, 0, NULL);
    if (st != KA_OK)
        return st;
    for (size_t i = 0; tx_amounts && i < n_tx; i++)
        if (!isfinite(tx_amounts[i]) || fabs(tx_amounts[i]) > KA_SUMMARY_MAX_AMOUNT)
            return KA_ERR_ARG;
    if (periods < 1 || periods > KA_PERIOD_MAX_COUNT)
        return KA_ERR_ARG;
    double *bounds = malloc((periods + 1) * sizeof *bounds);
    if (!bounds)
        return KA_ERR_NOMEM;
    ka_summary_log log = {0};
    if ((st = ka_period_bounds(start, periods, unit, days, bounds)) != KA_OK || n_clients == 0)
        goto done;
    if (n_clients > SIZE_MAX / sizeof *out / periods) {
        st = KA_ERR_NOMEM;
        goto done;
    }
    for (size_t i = 0; i < n_clients * periods; i++)
        out[i] = 0.0;
    st = ka_summary_log_build(&log, tx_clients, tx_dates, tx_amounts, n_tx, clients, n_clients,
                              bounds[periods] - 1.0);
    if (st != KA_OK)
        goto done;
    const uint64_t *key = log.key, *aux = log.aux;
    for (size_t i = 0; i < log.n;) {
        const size_t client = (size_t)(key[i] >> 32);
        double *row = &out[periods * client];
        size_t p = 0;
        while (i < log.n && (size_t)(key[i] >> 32) == client) {
            const uint64_t day_key = key[i];
            const double day = (double)(day_key & UINT32_MAX) - KA_SUMMARY_DAY_OFFSET;
            double day_total = 0.0;
            for (; i < log.n && key[i] == day_key; i++)
                if (aux)
                    day_total += ka_summary_amount_of(aux[i]);
            if (day < bounds[0])
                continue;
            while (day >= bounds[p + 1]) /* days ascend within a client */
                p++;
            row[p] += aux ? day_total : 1.0;
        }
    }
    for (size_t i = 0; i < n_clients; i++) /* repeated keys copy their first row */
        if (log.first_of[i] != i)
            memcpy(&out[periods * i], &out[periods * log.first_of[i]], periods * sizeof *out);
done:
    ka_summary_log_clear(&log);
    free(bounds);
    return st;
}

/* ---- PURCHASECLIENTS ---- */

int ka_key_compare(const ka_key *a, const ka_key *b)
{
    if (!a->text != !b->text)
        return a->text ? 1 : -1;
    if (!a->text)
        return (a->num > b->num) - (a->num < b->num);
    const size_t n = a->len < b->len ? a->len : b->len;
    const int c = n ? memcmp(a->text, b->text, n) : 0;
    return c ? c : (a->len > b->len) - (a->len < b->len);
}

/* The prologue of ka_purchase_clients and ka_lapses_by_month: every date
 * finite and in range, and *as_of (NAN: the latest date, which needs one)
 * a date in range.  KA_ERR_ARG otherwise. */
static ka_status ka_summary_dates_as_of(const double *dates, size_t n, double *as_of)
{
    for (size_t i = 0; i < n; i++)
        if (!isfinite(dates[i]) || fabs(dates[i]) > KA_SUMMARY_MAX_DATE)
            return KA_ERR_ARG;
    if (isnan(*as_of)) {
        if (n == 0)
            return KA_ERR_ARG;
        *as_of = dates[0];
        for (size_t i = 1; i < n; i++)
            *as_of = dates[i] > *as_of ? dates[i] : *as_of;
    }
    return isfinite(*as_of) && fabs(*as_of) <= KA_SUMMARY_MAX_DATE ? KA_OK : KA_ERR_ARG;
}

/* A client of ka_purchase_clients: its key and where it is in the output. */
typedef struct ka_summary_client {
    const ka_key *key;
    size_t line;
    double first, last;
} ka_summary_client;

static int ka_summary_client_order(const void *a, const void *b)
{
    return ka_key_compare(((const ka_summary_client *)a)->key, ((const ka_summary_client *)b)->key);
}

ka_status ka_purchase_clients(const ka_key *tx_clients, const double *tx_dates, size_t n_tx,
                              double as_of, size_t *line, double *first, double *last,
                              size_t *n_out)
{
    if (!n_out || (n_tx > 0 && (!tx_clients || !tx_dates || !line || !first || !last)))
        return KA_ERR_ARG;
    ka_status st = ka_summary_dates_as_of(tx_dates, n_tx, &as_of);
    if (st != KA_OK)
        return st;
    *n_out = 0;
    if (n_tx == 0)
        return KA_OK;
    if (n_tx > SIZE_MAX / 4 / sizeof(ka_summary_client))
        return KA_ERR_NOMEM;
    size_t cap = 16;
    while (cap < 2 * n_tx)
        cap *= 2;
    size_t *slots = calloc(cap, sizeof *slots); /* client number + 1; 0 = empty */
    ka_summary_client *c = malloc(n_tx * sizeof *c);
    if (!slots || !c) {
        free(slots);
        free(c);
        return KA_ERR_NOMEM;
    }
    const double as_of_day = floor(as_of);
    size_t k = 0;
    for (size_t i = 0; i < n_tx; i++) {
        const ka_key *key = &tx_clients[i];
        const double day = floor(tx_dates[i]);
        if (day > as_of_day || (!key->text && isnan(key->num)))
            continue;
        size_t h = (size_t)ka_summary_key_hash(key) & (cap - 1);
        while (slots[h] != 0 && !ka_summary_key_equal(c[slots[h] - 1].key, key))
            h = (h + 1) & (cap - 1);
        if (slots[h] == 0) {
            c[k] = (ka_summary_client){key, i, day, day};
            slots[h] = ++k;
        } else {
            ka_summary_client *cl = &c[slots[h] - 1];
            cl->first = day < cl->first ? day : cl->first;
            cl->last = day > cl->last ? day : cl->last;
        }
    }
    free(slots);
    qsort(c, k, sizeof *c, ka_summary_client_order);
    for (size_t j = 0; j < k; j++) {
        line[j] = c[j].line;
        first[j] = c[j].first;
        last[j] = c[j].last;
    }
    *n_out = k;
    free(c);
    return KA_OK;
}

ka_status ka_purchase_clients_totals(const ka_key *tx_clients, const double *tx_dates,
                                     const double *tx_amounts, size_t n_tx, double as_of,
                                     size_t *line, double *first, double *last, double *total,
                                     size_t *n_out)
{
    if (n_tx > 0 && (!tx_amounts || !total))
        return KA_ERR_ARG;
    for (size_t i = 0; i < n_tx; i++)
        if (!isfinite(tx_amounts[i]) || fabs(tx_amounts[i]) > KA_SUMMARY_MAX_AMOUNT)
            return KA_ERR_ARG;
    ka_status st = ka_purchase_clients(tx_clients, tx_dates, n_tx, as_of, line, first, last, n_out);
    const size_t k = st == KA_OK ? *n_out : 0;
    if (k == 0)
        return st;
    /* one period from the first purchase day of anyone to as_of's day */
    double start = first[0], end = last[0];
    for (size_t j = 1; j < k; j++) {
        start = first[j] < start ? first[j] : start;
        end = last[j] > end ? last[j] : end;
    }
    if (!isnan(as_of))
        end = floor(as_of);
    ka_key *keys = malloc(k * sizeof *keys);
    if (!keys)
        return KA_ERR_NOMEM;
    for (size_t j = 0; j < k; j++)
        keys[j] = tx_clients[line[j]];
    st = ka_period_totals(tx_clients, tx_dates, tx_amounts, n_tx, keys, k, start, 1, KA_PERIOD_DAYS,
                          end - start + 1, total);
    free(keys);
    return st;
}

/* ---- LAPSESBYMONTH ---- */

ka_status ka_lapses_by_month(const double *last_dates, size_t n, double lapse_days, double as_of,
                             size_t months, double *starts, double *counts)
{
    if ((n > 0 && !last_dates) || !starts || !counts || months < 1 ||
        months > KA_PERIOD_MAX_COUNT || !(lapse_days >= 1 && lapse_days <= KA_LAPSE_MAX_DAYS) ||
        lapse_days != floor(lapse_days))
        return KA_ERR_ARG;
    ka_status st = ka_summary_dates_as_of(last_dates, n, &as_of);
    if (st != KA_OK)
        return st;
    const double as_of_day = floor(as_of);
    int64_t y, m, d;
    ka_summary_civil_from_days((int64_t)as_of_day - KA_SUMMARY_UNIX_EPOCH, &y, &m, &d);
    const int64_t k = y * 12 + (m - 1) - (int64_t)(months - 1); /* the first month */
    const double start =
        (double)(ka_summary_days_from_civil(k / 12 - (k % 12 < 0), (k % 12 + 12) % 12 + 1, 1) +
                 KA_SUMMARY_UNIX_EPOCH);
    st = ka_period_bounds(start, months, KA_PERIOD_MONTH, 0, starts);
    if (st != KA_OK)
        return st;
    for (size_t p = 0; p < months; p++)
        counts[p] = 0;
    for (size_t i = 0; i < n; i++) {
        const double lapse = floor(last_dates[i]) + lapse_days;
        if (lapse > as_of_day || lapse < starts[0])
            continue;
        size_t lo = 0, hi = months; /* the month p with starts[p] <= lapse < starts[p + 1] */
        while (hi - lo > 1) {
            const size_t mid = lo + (hi - lo) / 2;
            if (starts[mid] <= lapse)
                lo = mid;
            else
                hi = mid;
        }
        counts[lo] += 1;
    }
    return KA_OK;
}
