/* ka_dossier_calls.c - DOSSIER() and the profile cache (see ka_dossier_calls.h). */
#include "ka_dossier_calls.h"

#include "ka_args.h"

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

void ka_call_dossier(ka_dossier_cache *c, const ka_func_info *fn, void *ret, void *args[],
                     uno_Any **exc)
{
    uno_Interface *document = *(uno_Interface **)args[0];
    char *field = ka_uno_string_utf8(*(rtl_uString **)args[2], NULL);
    const ka_dossier_field_def *def = field ? ka_dossier_key_find(field) : NULL;
    ka_range clients = {0};
    ka_store *store = NULL;
    ka_result res;
    ka_status st = KA_OK;
    const char *what = NULL;
    char today[11];
    char message[300];
    ka_dossier_today(today);
    if (!def) {
        st = KA_ERR_ARG;
        what = "unknown field name (see docs/dossier-format.md for the list)";
    } else if ((st = ka_range_from_any(args[1], &clients)) != KA_OK) {
        what = "Client must be an id or a range of ids";
    } else if (!(store = ka_store_open(document))) {
        st = KA_ERR_ARG;
        what = "this document has no document properties";
    } else if ((st = ka_result_new(&res, clients.rows, clients.cols,
                                   clients.is_array && clients.rows * clients.cols > 1)) == KA_OK) {
        const bool number = def->kind == KA_DOSSIER_INTEGER || def->kind == KA_DOSSIER_DECIMAL;
        for (size_t i = 0; i < clients.rows * clients.cols && st == KA_OK; i++) {
            uno_Any *out = ka_result_at(&res, i / clients.cols, i % clients.cols);
            char *id = cell_id(&clients.cells[i]);
            const ka_dossier *d = NULL;
            const char *reason = NULL;
            if (!id) {
                ka_uno_any_utf8(out, "");
            } else if (!find_client(c, store, id, &d, &reason)) {
                st = KA_ERR_ARG;
                snprintf(message, sizeof message, "no profile for client '%s'", id);
                what = message;
            } else if (!d) {
                st = KA_ERR_ARG;
                snprintf(message, sizeof message, "the profile of '%s' is damaged: %s", id,
                         reason ? reason : "");
                what = message;
            } else {
                char *value = NULL;
                st = ka_dossier_field(d, field, today, &value);
                char *end = NULL;
                double v = value && *value ? strtod(value, &end) : 0;
                if (st == KA_OK && number && value && *value && end && *end == '\0' && isfinite(v))
                    ka_uno_any_double(out, v);
                else if (st == KA_OK)
                    ka_uno_any_utf8(out, value ? value : "");
                free(value);
            }
            free(id);
        }
        ka_result_finish(&res, st, ret);
    }
    if (st != KA_OK)
        ka_raise_status(exc, st, fn->name, what);
    ka_store_close(store);
    ka_range_clear(&clients);
    free(field);
}
