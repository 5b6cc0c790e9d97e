/* ka_dossier_calls.c - DOSSIER() and the profile cache (see ka_dossier_calls.h). */
#include "ka_dossier_calls.h"

#include "ka_args.h"
#include "ka_live.h"

#include <math.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>
#include <time.h>

typedef struct entry {
    char *id;
    rtl_uString *text; /* the property text the entry was parsed from (a reference) */
    ka_dossier *d;     /* NULL: damaged */
    char *reason;
} entry;

struct ka_dossier_cache {
    entry *entries;
    size_t n, cap;
};

ka_dossier_cache *ka_dossier_cache_new(void)
{
    return calloc(1, sizeof(ka_dossier_cache));
}

static void entry_clear(entry *e)
{
    free(e->id);
    if (e->text)
        rtl_uString_release(e->text);
    ka_dossier_free(e->d);
    free(e->reason);
    memset(e, 0, sizeof *e);
}

void ka_dossier_cache_free(ka_dossier_cache *c)
{
    if (!c)
        return;
    for (size_t i = 0; i < c->n; i++)
        entry_clear(&c->entries[i]);
    free(c->entries);
    free(c);
}

bool ka_dossier_cache_lookup(ka_dossier_cache *c, ka_store *s, const char *client_id,
                             const ka_dossier **d, const char **reason)
{
    rtl_uString *text = ka_store_get_text(s, client_id);
    if (!text)
        return false;
    entry *e = NULL;
    for (size_t i = 0; i < c->n && !e; i++)
        if (strcmp(c->entries[i].id, client_id) == 0)
            e = &c->entries[i];
    /* LibreOffice hands out the same string object while the property is
     * unchanged: usually a pointer comparison, never a conversion */
    if (e && (e->text == text || (e->text->length == text->length &&
                                  memcmp(e->text->buffer, text->buffer,
                                         (size_t)text->length * sizeof *text->buffer) == 0))) {
        rtl_uString_release(text);
    } else {
        if (!e) {
            if (c->n == c->cap) {
                size_t cap = c->cap ? 2 * c->cap : 16;
                entry *grown = realloc(c->entries, cap * sizeof *grown);
                if (!grown) {
                    rtl_uString_release(text);
                    *d = NULL;
                    *reason = "out of memory";
                    return true;
                }
                c->entries = grown;
                c->cap = cap;
            }
            e = &c->entries[c->n++];
            memset(e, 0, sizeof *e);
        } else {
            entry_clear(e);
        }
        e->id = strdup(client_id);
        e->text = text;
        size_t len = 0;
        char *xml = ka_store_text_utf8(text, &len);
        if (!xml)
            e->reason = strdup("out of memory");
        else if (ka_dossier_parse(xml, len, &e->d, &e->reason) != KA_OK && !e->reason)
            e->reason = strdup("out of memory");
        free(xml);
        if (!e->id) { /* cannot keep it: forget the entry */
            entry_clear(e);
            c->n--;
            *d = NULL;
            *reason = "out of memory";
            return true;
        }
    }
    *d = e->d;
    *reason = e->reason;
    return true;
}

void ka_dossier_today(char buf[11])
{
    time_t now = time(NULL);
    struct tm tm;
    localtime_r(&now, &tm);
    strftime(buf, 11, "%Y-%m-%d", &tm);
}

/* The client id a cell names: a text as it is, a number as Calc shows it in
 * the General format (12, 1.5).  malloc'ed; NULL for an empty cell. */
static char *cell_id(const ka_cell *cell)
{
    if (cell->kind == KA_CELL_TEXT)
        return ka_uno_string_utf8(cell->text, NULL);
    if (cell->kind == KA_CELL_NUMBER) {
        char buf[40];
        snprintf(buf, sizeof buf, "%.15g", cell->num);
        return strdup(buf);
    }
    return NULL;
}

/* Finds a client by id, or else by exact name.  Returns false if unknown. */
static bool find_client(ka_dossier_cache *c, ka_store *s, const char *client, const ka_dossier **d,
                        const char **reason)
{
    if (ka_dossier_cache_lookup(c, s, client, d, reason))
        return true;
    size_t n, match = (size_t)-1;
    char **ids = ka_store_list(s, &n);
    for (size_t i = 0; i < n && match == (size_t)-1; i++) {
        const ka_dossier *cand;
        const char *why, *name;
        if (ka_dossier_cache_lookup(c, s, ids[i], &cand, &why) && cand &&
            ka_dossier_get(cand, "name", &name) == KA_OK && strcmp(name, client) == 0)
            match = i;
    }
    /* look the match up once more: later lookups may have moved the cache */
    bool result = match != (size_t)-1 && ka_dossier_cache_lookup(c, s, ids[match], d, reason);
    ka_store_free_list(ids, n);
    return result;
}

/* A DOSSIER() request: a field of one client or of a block of clients.  Its
 * key (request_key) is how a live result finds it again. */
typedef struct request {
    char *field;
    char **ids; /* rows * cols, NULL for an empty cell */
    size_t rows, cols;
    bool is_array;
} request;

static void request_clear(request *q)
{
    for (size_t i = 0; q->ids && i < q->rows * q->cols; i++)
        free(q->ids[i]);
    free(q->ids);
    free(q->field);
    memset(q, 0, sizeof *q);
}

#define KEY_SEP '\x1f' /* between field, shape and ids */
#define ID_SEP '\x1e'  /* between ids */

/* "field US rows x cols US id RS id ..." - malloc'ed, NULL when out of memory. */
static char *request_key(const request *q)
{
    size_t n = strlen(q->field) + 64;
    for (size_t i = 0; i < q->rows * q->cols; i++)
        n += (q->ids[i] ? strlen(q->ids[i]) : 0) + 1;
    char *key = malloc(n);
    if (!key)
        return NULL;
    size_t k = (size_t)snprintf(key, n, "%s%c%c%zux%zu%c", q->field, KEY_SEP,
                                q->is_array ? 'A' : 'S', q->rows, q->cols, KEY_SEP);
    for (size_t i = 0; i < q->rows * q->cols; i++)
        k += (size_t)snprintf(key + k, n - k, "%s%s", i ? "\x1e" : "", q->ids[i] ? q->ids[i] : "");
    return key;
}

/* The request a key describes (the inverse of request_key). */
static bool request_parse(const char *key, request *q)
{
    memset(q, 0, sizeof *q);
    const char *a = strchr(key, KEY_SEP), *b = a ? strchr(a + 1, KEY_SEP) : NULL;
    char shape;
    if (!a || !b || sscanf(a + 1, "%c%zux%zu", &shape, &q->rows, &q->cols) != 3)
        return false;
    q->is_array = shape == 'A';
    q->field = strndup(key, (size_t)(a - key));
    q->ids = calloc(q->rows * q->cols > 0 ? q->rows * q->cols : 1, sizeof *q->ids);
    if (!q->field || !q->ids) {
        request_clear(q);
        return false;
    }
    const char *p = b + 1;
    for (size_t i = 0; i < q->rows * q->cols; i++) {
        const char *end = strchr(p, ID_SEP);
        size_t len = end ? (size_t)(end - p) : strlen(p);
        if (len)
            q->ids[i] = strndup(p, len);
        p = end ? end + 1 : p + len;
    }
    return true;
}

/* The value of a request in the document of store: one any, or an array of
 * them; KA_ERR_ARG with a message (msg) for an unknown client, a damaged
 * profile or an unknown field. */
static ka_status request_value(ka_dossier_cache *c, ka_store *store, const request *q, uno_Any *out,
                               char *msg, size_t size)
{
    const ka_dossier_field_def *def = ka_dossier_key_find(q->field);
    if (!def) {
        snprintf(msg, size, "unknown field name (see docs/dossier-format.md for the list)");
        return KA_ERR_ARG;
    }
    const bool number = def->kind == KA_DOSSIER_INTEGER || def->kind == KA_DOSSIER_DECIMAL;
    char today[11];
    ka_dossier_today(today);
    ka_result res;
    ka_status st = ka_result_new(&res, q->rows, q->cols, q->is_array && q->rows * q->cols > 1);
    for (size_t i = 0; i < q->rows * q->cols && st == KA_OK; i++) {
        uno_Any *cell = ka_result_at(&res, i / q->cols, i % q->cols);
        const ka_dossier *d = NULL;
        const char *reason = NULL;
        if (!q->ids[i]) {
            ka_uno_any_utf8(cell, "");
        } else if (!find_client(c, store, q->ids[i], &d, &reason)) {
            st = KA_ERR_ARG;
            snprintf(msg, size, "no profile for client '%s'", q->ids[i]);
        } else if (!d) {
            st = KA_ERR_ARG;
            snprintf(msg, size, "the profile of '%s' is damaged: %s", q->ids[i],
                     reason ? reason : "");
        } else {
            char *value = NULL;
            st = ka_dossier_field(d, q->field, today, &value);
            char *end = NULL;
            double v = value && *value ? strtod(value, &end) : 0;
            if (st == KA_OK && number && value && *value && end && *end == '\0' && isfinite(v))
                ka_uno_any_double(cell, v);
            else if (st == KA_OK)
                ka_uno_any_utf8(cell, value ? value : "");
            free(value);
        }
    }
    ka_result_finish(&res, st, out);
    return st;
}

void ka_call_dossier(ka_dossier_cache *c, const ka_func_info *fn, void *ret, void *args[],
                     uno_Any **exc)
{
    uno_Interface *document = *(uno_Interface **)args[0];
    request q = {0};
    ka_range clients = {0};
    ka_store *store = NULL;
    ka_status st = KA_OK;
    char msg[300] = "";
    char *key = NULL;
    q.field = ka_uno_string_utf8(*(rtl_uString **)args[2], NULL);
    if (!q.field || (st = ka_range_from_any(args[1], &clients)) != KA_OK) {
        st = q.field ? st : KA_ERR_NOMEM;
        snprintf(msg, sizeof msg, "Client must be an id or a range of ids");
    } else if (!(store = ka_store_open(document))) {
        st = KA_ERR_ARG;
        snprintf(msg, sizeof msg, "this document has no document properties");
    } else {
        q.rows = clients.rows;
        q.cols = clients.cols;
        q.is_array = clients.is_array;
        q.ids = calloc(q.rows * q.cols > 0 ? q.rows * q.cols : 1, sizeof *q.ids);
        for (size_t i = 0; q.ids && i < q.rows * q.cols; i++)
            q.ids[i] = cell_id(&clients.cells[i]);
        key = q.ids ? request_key(&q) : NULL;
        uno_Any value;
        if (!key)
            st = KA_ERR_NOMEM;
        else if ((st = request_value(c, store, &q, &value, msg, sizeof msg)) == KA_OK) {
            /* a live result: the sidebar updates it when a profile is saved */
            uno_Interface *live = ka_live_result(document, key, &value);
            if (live)
                ka_uno_any_interface(ret, live, "com.sun.star.sheet.XVolatileResult");
            else
                uno_type_any_construct(ret, value.pData, value.pType, NULL);
            ka_uno_release(live);
            uno_any_destruct(&value, NULL);
        } else if (st == KA_ERR_ARG) {
            ka_live_note_error(document, key); /* a profile saved later may mend it */
        }
    }
    if (st != KA_OK)
        ka_raise_status(exc, st, fn->name, msg);
    free(key);
    ka_store_close(store);
    ka_range_clear(&clients);
    request_clear(&q);
}

/* ka_live_compute for DOSSIER() requests; ctx is a ka_dossier_cache. */
static bool compute_request(void *ctx, uno_Interface *doc, const char *key, uno_Any *out)
{
    request q;
    if (!request_parse(key, &q))
        return false;
    ka_store *store = ka_store_open(doc);
    char msg[300];
    bool ok = store && request_value(ctx, store, &q, out, msg, sizeof msg) == KA_OK;
    ka_store_close(store);
    request_clear(&q);
    return ok;
}

bool ka_dossier_refresh(ka_dossier_cache *c, uno_Interface *document)
{
    return ka_live_refresh(document, compute_request, c);
}
