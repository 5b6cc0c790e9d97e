/* ka_request.c - DOSSIER() requests and their keys (see ka_request.h).
 *
 * A key is "<A|S><rows>x<cols>:" followed by the field, then IfMissing when
 * given ("n" or "t" and an item: a number as the 16 hex digits of its
 * IEEE bits, exact and whatever the C locale, or a text), then each id; every item is written as
 * "<byte length>:<bytes>", an empty cell as "-".  Lengths make it unambiguous for ids holding any
 * byte, separators included; an item never starts with a letter, so IfMissing cannot be taken for
 * an id. */
#include "ka_request.h"

#include <inttypes.h>
#include <math.h>
#include <stdint.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>

void ka_request_clear(ka_request *q)
{
    for (size_t i = 0; q->ids && i < q->rows * q->cols; i++)
        free(q->ids[i]);
    free(q->ids);
    free(q->field);
    free(q->missing_text);
    memset(q, 0, sizeof *q);
}

/* Appends one length-prefixed item (NULL: "-") at key + *k (room checked
 * by the caller's size computation). */
static void put_item(char *key, size_t size, size_t *k, const char *s)
{
    if (!s) {
        key[(*k)++] = '-';
        key[*k] = '\0';
        return;
    }
    size_t len = strlen(s);
    *k += (size_t)snprintf(key + *k, size - *k, "%zu:", len);
    memcpy(key + *k, s, len + 1);
    *k += len;
}

ka_status ka_request_key(const ka_request *q, char **key)
{
    *key = NULL;
    if (!q->field)
        return KA_ERR_ARG;
    if ((q->missing == KA_MISSING_TEXT && !q->missing_text) ||
        (q->missing == KA_MISSING_NUMBER && !isfinite(q->missing_number)))
        return KA_ERR_ARG;
    const size_t digits = 24; /* a size_t in decimal and its ':' */
    char number[17];
    uint64_t bits;
    memcpy(&bits, &q->missing_number, sizeof bits);
    snprintf(number, sizeof number, "%016" PRIx64, bits);
    const char *missing = q->missing == KA_MISSING_NUMBER ? number
                          : q->missing == KA_MISSING_TEXT ? q->missing_text
                                                          : NULL;
    size_t n = 2 * digits + 4 + strlen(q->field) + digits;
    if (missing)
        n += 1 + strlen(missing) + digits;
    for (size_t i = 0; i < q->rows * q->cols; i++)
        n += (q->ids[i] ? strlen(q->ids[i]) : 0) + digits;
    char *k = malloc(n);
    if (!k)
        return KA_ERR_NOMEM;
    size_t used = (size_t)snprintf(k, n, "%c%zux%zu:", q->is_array ? 'A' : 'S', q->rows, q->cols);
    put_item(k, n, &used, q->field);
    if (missing) {
        k[used++] = q->missing == KA_MISSING_NUMBER ? 'n' : 't';
        put_item(k, n, &used, missing);
    }
    for (size_t i = 0; i < q->rows * q->cols; i++)
        put_item(k, n, &used, q->ids[i]);
    *key = k;
    return KA_OK;
}

/* Reads one item at *p: *out a malloc'ed copy (NULL for "-").  Returns
 * KA_ERR_ARG when the text is not an item. */
static ka_status get_item(const char **p, char **out)
{
    *out = NULL;
    if (**p == '-') {
        (*p)++;
        return KA_OK;
    }
    char *end;
    if (**p < '0' || **p > '9')
        return KA_ERR_ARG;
    unsigned long long len = strtoull(*p, &end, 10);
    if (*end != ':' || len > strlen(end + 1))
        return KA_ERR_ARG;
    *out = strndup(end + 1, (size_t)len);
    if (!*out)
        return KA_ERR_NOMEM;
    *p = end + 1 + len;
    return KA_OK;
}

ka_status ka_request_parse(const char *key, ka_request *q)
{
    memset(q, 0, sizeof *q);
    char shape = 0;
    int used = 0;
    if (sscanf(key, "%c%zux%zu:%n", &shape, &q->rows, &q->cols, &used) != 3 || used == 0 ||
        (shape != 'A' && shape != 'S') ||
        (q->cols && q->rows > SIZE_MAX / sizeof(char *) / q->cols)) {
        memset(q, 0, sizeof *q);
        return KA_ERR_ARG;
    }
    q->is_array = shape == 'A';
    const char *p = key + used;
    size_t cells = q->rows * q->cols;
    if (cells > strlen(p)) { /* every cell takes at least one byte */
        memset(q, 0, sizeof *q);
        return KA_ERR_ARG;
    }
    q->ids = calloc(cells ? cells : 1, sizeof *q->ids);
    ka_status st = q->ids ? get_item(&p, &q->field) : KA_ERR_NOMEM;
    if (st == KA_OK && !q->field)
        st = KA_ERR_ARG;
    if (st == KA_OK && (*p == 'n' || *p == 't')) {
        q->missing = *p++ == 'n' ? KA_MISSING_NUMBER : KA_MISSING_TEXT;
        st = get_item(&p, &q->missing_text);
        if (st == KA_OK && !q->missing_text)
            st = KA_ERR_ARG; /* IfMissing is never an empty cell */
    }
    if (st == KA_OK && q->missing == KA_MISSING_NUMBER) {
        const char *hex = q->missing_text;
        bool ok = strlen(hex) == 16 && strspn(hex, "0123456789abcdef") == 16;
        uint64_t bits = ok ? (uint64_t)strtoull(hex, NULL, 16) : 0;
        memcpy(&q->missing_number, &bits, sizeof bits);
        if (!ok || !isfinite(q->missing_number))
            st = KA_ERR_ARG;
        free(q->missing_text);
        q->missing_text = NULL;
    }
    for (size_t i = 0; st == KA_OK && i < cells; i++)
        st = get_item(&p, &q->ids[i]);
    if (st == KA_OK && *p)
        st = KA_ERR_ARG; /* trailing bytes: not a key of ours */
    if (st != KA_OK)
        ka_request_clear(q);
    return st;
}
