/* ka_dossier_calls.c - DOSSIER() (see ka_dossier_calls.h). */
#include "ka_dossier_calls.h"

#include "ka_args.h"
#include "ka_calls.h"
#include "ka_live.h"
#include "ka_messages.h"
#include "ka_profiles.h"
#include "ka_request.h"

#include <math.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>
#include <time.h>

void ka_dossier_today(char buf[11])
{
    time_t now = time(NULL);
    struct tm tm;
    localtime_r(&now, &tm);
    strftime(buf, 11, "%Y-%m-%d", &tm);
}

/* Finds a client by id, or else by exact name: *out a reference (NULL
 * when the client is unknown).  KA_ERR_NOMEM. */
static ka_status find_client(ka_store *s, const char *client, ka_profile **out)
{
    ka_status st = ka_profiles_get(s, client, out);
    if (st != KA_OK || *out)
        return st;
    char **ids = NULL;
    size_t n = 0;
    st = ka_store_list(s, &ids, &n);
    if (st == KA_ERR_ARG)
        return KA_OK; /* nothing listed: no such client */
    for (size_t i = 0; i < n && st == KA_OK && !*out; i++) {
        ka_profile *cand = NULL;
        const char *name;
        st = ka_profiles_get(s, ids[i], &cand);
        const ka_dossier *d = cand ? ka_profile_dossier(cand) : NULL;
        if (d && ka_dossier_get(d, "name", &name) == KA_OK && strcmp(name, client) == 0)
            *out = cand;
        else
            ka_profile_release(cand);
    }
    ka_store_free_list(ids, n);
    return st;
}

/* Constructs *cell holding a UTF-8 text; KA_ERR_NOMEM leaves it void
 * rather than showing "" for a value. */
static ka_status any_text(uno_Any *cell, const char *utf8)
{
    rtl_uString *s;
    ka_status st = ka_uno_string_from_utf8(utf8, (size_t)-1, &s);
    if (st != KA_OK)
        return st;
    ka_uno_any_string(cell, s);
    rtl_uString_release(s);
    return KA_OK;
}

/* The value of field def of one profile into *cell: a number for the
 * numeric kinds, else the text. */
static ka_status field_value(const ka_dossier *d, const ka_dossier_field_def *def,
                             const char *field, const char *today, uno_Any *cell)
{
    char *value = NULL;
    ka_status st = ka_dossier_field(d, field, today, &value);
    if (st != KA_OK)
        return st;
    const bool number = def->kind == KA_DOSSIER_INTEGER || def->kind == KA_DOSSIER_DECIMAL;
    char *end = NULL;
    double v = *value ? strtod(value, &end) : 0;
    if (number && *value && *end == '\0' && isfinite(v)) {
        ka_uno_any_double(cell, v);
    } else {
        uno_any_destruct(cell, NULL);
        st = any_text(cell, value);
        if (st != KA_OK)
            ka_uno_any_void(cell);
    }
    free(value);
    return st;
}

/* Constructs *cell holding the IfMissing value of q (not KA_MISSING_ERROR). */
static ka_status missing_value(const ka_request *q, uno_Any *cell)
{
    if (q->missing == KA_MISSING_NUMBER) {
        ka_uno_any_double(cell, q->missing_number);
        return KA_OK;
    }
    ka_status st = any_text(cell, q->missing_text);
    if (st != KA_OK)
        ka_uno_any_void(cell);
    return st;
}

/* The value of a request in the document of store: one any, or an array of
 * them; KA_ERR_ARG with a message (msg) for an unknown client without
 * IfMissing, a damaged profile (IfMissing or not: damaged is not missing)
 * or an unknown field; KA_ERR_NOMEM. */
static ka_status request_value(ka_store *store, const ka_request *q, uno_Any *out, char *msg,
                               size_t size)
{
    const ka_dossier_field_def *def = ka_dossier_key_find(q->field);
    if (!def) {
        snprintf(msg, size, ka_messages[KA_MSG_WHY_UNKNOWN_FIELD].text, q->field);
        return KA_ERR_ARG;
    }
    char today[11];
    ka_dossier_today(today);
    ka_result res;
    ka_status st = ka_result_new(&res, q->rows, q->cols, q->is_array && q->rows * q->cols > 1);
    for (size_t i = 0; i < q->rows * q->cols && st == KA_OK; i++) {
        uno_Any *cell = ka_result_at(&res, i / q->cols, i % q->cols);
        ka_profile *p = NULL;
        if (!q->ids[i]) {
            uno_any_destruct(cell, NULL);
            st = any_text(cell, "");
            if (st != KA_OK)
                ka_uno_any_void(cell);
        } else if ((st = find_client(store, q->ids[i], &p)) != KA_OK) {
            /* out of memory: reported as such */
        } else if (!p && q->missing != KA_MISSING_ERROR) {
            uno_any_destruct(cell, NULL);
            st = missing_value(q, cell);
        } else if (!p) {
            st = KA_ERR_ARG;
            snprintf(msg, size, ka_messages[KA_MSG_WHY_NO_PROFILE].text, q->ids[i]);
        } else if (!ka_profile_dossier(p)) {
            st = KA_ERR_ARG;
            snprintf(msg, size, "the profile of '%s' is damaged: %s", q->ids[i],
                     ka_profile_reason(p));
        } else {
            st = field_value(ka_profile_dossier(p), def, q->field, today, cell);
        }
        ka_profile_release(p);
    }
    ka_result_finish(&res, st, out);
    return st;
}

/* Reads DOSSIER()'s IfMissing: omitted, or one number or text ("" too). */
static ka_status missing_from_arg(const uno_Any *arg, ka_request *q, char *msg, size_t size)
{
    if (ka_uno_any_is_void(arg))
        return KA_OK;
    ka_range r;
    ka_status st = ka_range_from_any(arg, &r);
    const ka_cell *c = st == KA_OK && r.rows * r.cols == 1 ? &r.cells[0] : NULL;
    if (st == KA_OK && (!c || (c->kind == KA_CELL_NUMBER && !isfinite(c->num)))) {
        st = KA_ERR_ARG;
    } else if (c && c->kind == KA_CELL_NUMBER) {
        q->missing = KA_MISSING_NUMBER;
        q->missing_number = c->num;
    } else if (c) {
        q->missing = KA_MISSING_TEXT;
        q->missing_text = c->kind == KA_CELL_TEXT ? ka_uno_string_utf8(c->text, NULL) : strdup("");
        st = q->missing_text ? KA_OK : KA_ERR_NOMEM;
    }
    if (st == KA_ERR_ARG)
        snprintf(msg, size, "IfMissing must be one number or text");
    ka_range_clear(&r);
    return st;
}

/* Reads DOSSIER()'s Client, Field and IfMissing arguments into a request. */
static ka_status request_from_args(void *args[], ka_request *q, char *msg, size_t size)
{
    ka_range clients = {0};
    ka_status st = missing_from_arg(args[KA_DOSSIER_IFMISSING], q, msg, size);
    if (st != KA_OK)
        return st;
    st = ka_range_from_any(args[KA_DOSSIER_CLIENT], &clients);
    if (st != KA_OK) {
        snprintf(msg, size, "Client must be an id or a range of ids");
        return st;
    }
    q->field = ka_uno_string_utf8(*(rtl_uString **)args[KA_DOSSIER_FIELD], NULL);
    q->rows = clients.rows;
    q->cols = clients.cols;
    q->is_array = clients.is_array;
    q->ids = calloc(q->rows * q->cols > 0 ? q->rows * q->cols : 1, sizeof *q->ids);
    st = q->field && q->ids ? KA_OK : KA_ERR_NOMEM;
    for (size_t i = 0; st == KA_OK && i < q->rows * q->cols; i++)
        st = ka_cell_client_id(&clients.cells[i], &q->ids[i]);
    ka_range_clear(&clients);
    return st;
}

void ka_handle_dossier(ka_call *call)
{
    void **args = call->args, *ret = call->ret;
    uno_Interface *document = *(uno_Interface **)args[KA_DOSSIER_DOCUMENT];
    ka_request q = {0};
    ka_store *store = NULL;
    char msg[300] = "";
    char *key = NULL;
    ka_status st = request_from_args(args, &q, msg, sizeof msg);
    if (st == KA_OK)
        st = ka_request_key(&q, &key);
    if (st == KA_OK && (st = ka_store_open(document, &store)) == KA_ERR_ARG)
        snprintf(msg, sizeof msg, "this document has no document properties");
    uno_Any value;
    if (st == KA_OK && (st = request_value(store, &q, &value, msg, sizeof msg)) == KA_OK) {
        /* a live result: the sidebar updates it when a profile is saved */
        uno_Interface *live = ka_live_result(document, key, &value);
        if (live)
            ka_uno_any_interface(ret, live, "com.sun.star.sheet.XVolatileResult");
        else
            uno_type_any_construct(ret, value.pData, value.pType, NULL);
        ka_uno_release(live);
        uno_any_destruct(&value, NULL);
    } else if (st == KA_ERR_ARG && key) {
        ka_live_note_error(document, key); /* a profile saved later may mend it */
    }
    if (st != KA_OK)
        ka_raise_status(call->exc, st, call->fn->name, msg);
    free(key);
    ka_store_close(store);
    ka_request_clear(&q);
}

/* ka_live_compute for DOSSIER() requests. */
static bool compute_request(void *ctx, uno_Interface *doc, const char *key, uno_Any *out)
{
    ka_request q;
    if (ka_request_parse(key, &q) != KA_OK)
        return false;
    ka_store *store = NULL;
    char msg[300];
    bool ok = ka_store_open(doc, &store) == KA_OK &&
              request_value(store, &q, out, msg, sizeof msg) == KA_OK;
    ka_store_close(store);
    ka_request_clear(&q);
    return ok;
}

bool ka_dossier_refresh(uno_Interface *document)
{
    return ka_live_refresh(document, compute_request, NULL);
}
