/* ka_dossier.c - the dossier model: a client's values by section, field and record (new, free,
 * copy, compare, get, set, record lists), the derived DOSSIER() fields and the overdue flags.
 * Values are checked by ka_dossier_value.c; XML is read by ka_dossier_read.c and written by
 * ka_dossier_write.c.  See ka_dossier.h. */
#include "ka_dossier.h"

#include <stdio.h>
#include <stdlib.h>
#include <string.h>

#include "ka_dossier_private.h"
#include "ka_i18n.h"

/* ===== Life cycle ===== */

ka_dossier *ka_dossier_new(void)
{
    ka_dossier *d = calloc(1, sizeof *d);
    if (!d)
        return NULL;
    for (size_t s = 0; s < KA_DOSSIER_NSECTIONS; s++) {
        if (ka_dossier_sections[s].record)
            continue;
        d->data[s].values = calloc(ka_dossier_sections[s].nfields, sizeof(char *));
        if (!d->data[s].values) {
            ka_dossier_free(d);
            return NULL;
        }
    }
    return d;
}

static void record_free(char **rec, size_t nfields)
{
    if (!rec)
        return;
    for (size_t i = 0; i < nfields; i++)
        free(rec[i]);
    free(rec);
}

void ka_dossier_free(ka_dossier *d)
{
    if (!d)
        return;
    for (size_t s = 0; s < KA_DOSSIER_NSECTIONS; s++) {
        ka_dossier_section_data *sd = &d->data[s];
        if (sd->values)
            for (size_t i = 0; i < ka_dossier_sections[s].nfields; i++)
                free(sd->values[i]);
        free(sd->values);
        for (size_t r = 0; r < sd->count; r++)
            record_free(sd->records[r], ka_dossier_sections[s].nfields);
        free(sd->records);
    }
    free(d);
}

/* ===== Simple fields ===== */

ka_status ka_dossier_get(const ka_dossier *d, const char *key, const char **value)
{
    size_t s, i;
    if (value)
        *value = "";
    if (!d || !value || !ka_dossier_simple_find(key, &s, &i))
        return KA_ERR_ARG;
    const char *v = d->data[s].values[i];
    *value = v ? v : "";
    return KA_OK;
}

/* Checks and stores value into *slot, the slot of field f of section sec; a refusal's reason
 * names the field by its label in language lang. */
static ka_status field_slot_set(char **slot, const ka_dossier_section_def *sec,
                                const ka_dossier_field_def *f, const char *value, const char *lang,
                                char **reason)
{
    char *problem;
    ka_status st = ka_dossier_slot_set(slot, f, value, lang, &problem);
    if (st == KA_ERR_ARG) {
        char *r =
            ka_dossier_reason(lang, KA_MSG_REASON_FIELD, ka_tr_field(lang, sec, f, false), problem);
        if (!r)
            st = KA_ERR_NOMEM;
        ka_dossier_give_reason(reason, r);
    }
    free(problem);
    return st;
}

ka_status ka_dossier_set(ka_dossier *d, const char *key, const char *value, const char *lang,
                         char **reason)
{
    size_t s, i;
    if (reason)
        *reason = NULL;
    const ka_dossier_field_def *f = ka_dossier_simple_find(key, &s, &i);
    if (!d)
        return KA_ERR_ARG;
    if (!f) {
        ka_dossier_give_reason(
            reason, ka_dossier_reason(lang, KA_MSG_REASON_UNKNOWN_FIELD, key ? key : "(null)"));
        return KA_ERR_ARG;
    }
    return field_slot_set(&d->data[s].values[i], &ka_dossier_sections[s], f, value, lang, reason);
}

/* ===== Record lists ===== */

ka_status ka_dossier_record_count(const ka_dossier *d, const char *list, size_t *count)
{
    const ka_dossier_section_def *s = ka_dossier_list_find(list);
    if (count)
        *count = 0;
    if (!d || !count || !s)
        return KA_ERR_ARG;
    *count = d->data[ka_dossier_section_index(s)].count;
    return KA_OK;
}

ka_status ka_dossier_record_append(ka_dossier_section_data *sd, size_t nfields)
{
    if (sd->count == sd->cap) {
        size_t cap = sd->cap ? sd->cap * 2 : 8;
        char ***grown = realloc(sd->records, cap * sizeof *grown);
        if (!grown)
            return KA_ERR_NOMEM;
        sd->records = grown;
        sd->cap = cap;
    }
    char **rec = calloc(nfields, sizeof(char *));
    if (!rec)
        return KA_ERR_NOMEM;
    sd->records[sd->count++] = rec;
    return KA_OK;
}

ka_status ka_dossier_record_add(ka_dossier *d, const char *list, size_t *index)
{
    const ka_dossier_section_def *s = ka_dossier_list_find(list);
    if (!d || !s)
        return KA_ERR_ARG;
    ka_dossier_section_data *sd = &d->data[ka_dossier_section_index(s)];
    ka_status st = ka_dossier_record_append(sd, s->nfields);
    if (st == KA_OK && index)
        *index = sd->count - 1;
    return st;
}

ka_status ka_dossier_record_remove(ka_dossier *d, const char *list, size_t index)
{
    const ka_dossier_section_def *s = ka_dossier_list_find(list);
    if (!d || !s || index >= d->data[ka_dossier_section_index(s)].count)
        return KA_ERR_ARG;
    ka_dossier_section_data *sd = &d->data[ka_dossier_section_index(s)];
    record_free(sd->records[index], s->nfields);
    memmove(&sd->records[index], &sd->records[index + 1],
            (sd->count - index - 1) * sizeof *sd->records);
    sd->count--;
    return KA_OK;
}

/* The slot of field key in record index, with its definition; NULL if any part is unknown. */
static char **record_slot(const ka_dossier *d, const char *list, size_t index, const char *key,
                          const ka_dossier_field_def **f)
{
    const ka_dossier_section_def *s = ka_dossier_list_find(list);
    if (!d || !s || index >= d->data[ka_dossier_section_index(s)].count)
        return NULL;
    ptrdiff_t i = ka_dossier_field_index(s, key);
    if (i < 0)
        return NULL;
    *f = &s->fields[i];
    return &d->data[ka_dossier_section_index(s)].records[index][i];
}

ka_status ka_dossier_record_get(const ka_dossier *d, const char *list, size_t index,
                                const char *key, const char **value)
{
    const ka_dossier_field_def *f;
    char **slot = record_slot(d, list, index, key, &f);
    if (value)
        *value = slot && *slot ? *slot : "";
    return slot && value ? KA_OK : KA_ERR_ARG;
}

ka_status ka_dossier_record_set(ka_dossier *d, const char *list, size_t index, const char *key,
                                const char *value, const char *lang, char **reason)
{
    const ka_dossier_field_def *f;
    if (reason)
        *reason = NULL;
    char **slot = record_slot(d, list, index, key, &f);
    if (!slot) {
        ka_dossier_give_reason(reason, ka_dossier_reason(lang, KA_MSG_REASON_NO_RECORD_FIELD,
                                                         key ? key : "(null)", index,
                                                         list ? list : "(null)"));
        return KA_ERR_ARG;
    }
    return field_slot_set(slot, ka_dossier_list_find(list), f, value, lang, reason);
}

/* ===== Derived fields, overdue ===== */

static const char *record_value(const ka_dossier *d, const char *list, size_t index,
                                const char *key)
{
    const char *v = "";
    ka_dossier_record_get(d, list, index, key, &v);
    return v;
}

/* Index of the history entry with the latest date whose kind is one of kinds (NULL-terminated);
 * among equal dates the last one listed.  Returns 0 when there is none. */
static int latest_entry(const ka_dossier *d, const char *const *kinds, size_t *index)
{
    size_t n = 0;
    int found = 0;
    const char *best = NULL;
    ka_dossier_record_count(d, "history", &n);
    for (size_t i = 0; i < n; i++) {
        const char *kind = record_value(d, "history", i, "kind");
        const char *date = record_value(d, "history", i, "date");
        int match = 0;
        for (const char *const *k = kinds; *k; k++)
            match |= strcmp(*k, kind) == 0;
        if (!match || !*date)
            continue;
        if (!best || strcmp(date, best) >= 0) {
            best = date;
            *index = i;
            found = 1;
        }
    }
    return found;
}

static const char *const satisfaction_kinds[] = {"satisfaction", NULL};
static const char *const contact_kinds[] = {"meeting", "call", NULL};

static ka_status derive_people(const ka_dossier *d, const char *today, char **value)
{
    size_t n = 0;
    ka_dossier_record_count(d, "people", &n);
    *value = ka_dossier_format("%zu", n);
    return *value ? KA_OK : KA_ERR_NOMEM;
}

static ka_status derive_decision_maker(const ka_dossier *d, const char *today, char **value)
{
    size_t n = 0;
    const char *name = "";
    ka_dossier_record_count(d, "people", &n);
    for (size_t i = 0; i < n && !*name; i++)
        if (strcmp(record_value(d, "people", i, "role"), "decision-maker") == 0)
            name = record_value(d, "people", i, "name");
    *value = strdup(name);
    return *value ? KA_OK : KA_ERR_NOMEM;
}

static ka_status derive_competitors(const ka_dossier *d, const char *today, char **value)
{
    size_t n = 0, total = 1;
    ka_dossier_record_count(d, "competitors", &n);
    for (size_t i = 0; i < n; i++)
        total += strlen(record_value(d, "competitors", i, "name")) + 2;
    char *s = malloc(total), *end = s;
    if (!s)
        return KA_ERR_NOMEM;
    for (size_t i = 0; i < n; i++) {
        const char *name = record_value(d, "competitors", i, "name");
        size_t len = strlen(name);
        if (!len)
            continue;
        if (end != s) {
            memcpy(end, ", ", 2);
            end += 2;
        }
        memcpy(end, name, len);
        end += len;
    }
    *end = '\0';
    *value = s;
    return KA_OK;
}

static ka_status derive_latest(const ka_dossier *d, const char *const *kinds, const char *key,
                               char **value)
{
    size_t i;
    *value = strdup(latest_entry(d, kinds, &i) ? record_value(d, "history", i, key) : "");
    return *value ? KA_OK : KA_ERR_NOMEM;
}

static ka_status derive_last_contact(const ka_dossier *d, const char *today, char **value)
{
    return derive_latest(d, contact_kinds, "date", value);
}

static ka_status derive_last_satisfaction(const ka_dossier *d, const char *today, char **value)
{
    return derive_latest(d, satisfaction_kinds, "date", value);
}

static ka_status derive_satisfaction(const ka_dossier *d, const char *today, char **value)
{
    return derive_latest(d, satisfaction_kinds, "score", value);
}

static ka_status derive_overdue(const ka_dossier *d, const char *today, char **value)
{
    unsigned flags;
    ka_status st = ka_dossier_overdue(d, today, &flags);
    if (st != KA_OK)
        return st;
    const bool review = flags & KA_DOSSIER_OVERDUE_REVIEW;
    const char *check = flags & KA_DOSSIER_OVERDUE_SATISFACTION ? "satisfaction"
                        : flags & KA_DOSSIER_NO_CHECK_YET       ? "no-check-yet"
                                                                : "";
    *value =
        ka_dossier_format("%s%s%s", review ? "review" : "", review && *check ? ", " : "", check);
    return *value ? KA_OK : KA_ERR_NOMEM;
}

/* The functions computing the derived fields, indexed like their definitions. */
typedef ka_status (*ka_dossier_deriver)(const ka_dossier *d, const char *today, char **value);
static const ka_dossier_deriver derivers[KA_DOSSIER_DERIVED_COUNT] = {
    [KA_DOSSIER_DERIVED_PEOPLE] = derive_people,
    [KA_DOSSIER_DERIVED_DECISION_MAKER] = derive_decision_maker,
    [KA_DOSSIER_DERIVED_COMPETITORS] = derive_competitors,
    [KA_DOSSIER_DERIVED_LAST_CONTACT] = derive_last_contact,
    [KA_DOSSIER_DERIVED_LAST_SATISFACTION] = derive_last_satisfaction,
    [KA_DOSSIER_DERIVED_SATISFACTION] = derive_satisfaction,
    [KA_DOSSIER_DERIVED_OVERDUE] = derive_overdue,
};

ka_status ka_dossier_field(const ka_dossier *d, const char *key, const char *today, char **value)
{
    if (!value)
        return KA_ERR_ARG;
    *value = NULL;
    if (!d)
        return KA_ERR_ARG;
    int dv = ka_dossier_derived_find(key);
    if (dv >= 0)
        return derivers[dv](d, today, value);
    const char *v = "";
    const ka_dossier_section_def *sec;
    size_t index, n = 0;
    const ka_dossier_field_def *rf = ka_dossier_record_key(key, &sec, &index);
    ka_status st = KA_OK;
    if (rf) { /* a record past the last is not set: "" */
        ka_dossier_record_count(d, sec->key, &n);
        if (index < n)
            st = ka_dossier_record_get(d, sec->key, index, rf->key, &v);
    } else {
        st = ka_dossier_get(d, key, &v);
    }
    if (st != KA_OK)
        return st;
    *value = strdup(v);
    return *value ? KA_OK : KA_ERR_NOMEM;
}

ka_status ka_dossier_overdue(const ka_dossier *d, const char *today, unsigned *flags)
{
    long now, review, checked;
    const char *next;
    size_t i;
    if (flags)
        *flags = 0;
    if (!d || !flags || !ka_dossier_date_parse(today, &now))
        return KA_ERR_ARG;
    ka_dossier_get(d, "next_review", &next);
    if (ka_dossier_date_parse(next, &review) && review < now)
        *flags |= KA_DOSSIER_OVERDUE_REVIEW;
    if (!latest_entry(d, satisfaction_kinds, &i))
        *flags |= KA_DOSSIER_NO_CHECK_YET;
    else if (!ka_dossier_date_parse(record_value(d, "history", i, "date"), &checked) ||
             now - checked > 365)
        *flags |= KA_DOSSIER_OVERDUE_SATISFACTION;
    return KA_OK;
}

/* ===== Completeness ===== */

/* The field holding the text of element el, or NULL. */
static const ka_dossier_field_def *text_field(const ka_dossier_section_def *s, const char *el,
                                              size_t *index)
{
    for (size_t i = 0; i < s->nfields; i++)
        if (!s->fields[i].attribute && strcmp(s->fields[i].element, el) == 0) {
            *index = i;
            return &s->fields[i];
        }
    return NULL;
}

/* Required fields present, and an element's attribute set exactly when its text is. */
static ka_status check_complete(const ka_dossier_section_def *s, char *const *values, size_t rec,
                                const char *lang, char **reason)
{
    for (size_t i = 0; i < s->nfields; i++) {
        const ka_dossier_field_def *f = &s->fields[i];
        const char *label = ka_tr_field(lang, s, f, false);
        char *r = NULL;
        size_t t;
        if ((f->flags & KA_DOSSIER_REQUIRED) && !values[i])
            r = ka_dossier_reason(lang, KA_MSG_REASON_REQUIRED, label);
        else if (f->attribute && text_field(s, f->element, &t) && !values[t] != !values[i]) {
            const char *other = ka_tr_field(lang, s, &s->fields[t], false);
            r = values[i] ? ka_dossier_reason(lang, KA_MSG_REASON_NEEDS, label, other)
                          : ka_dossier_reason(lang, KA_MSG_REASON_NEEDS, other, label);
        } else
            continue;
        if (r && s->record) {
            char *in_record = ka_dossier_reason(lang, KA_MSG_REASON_RECORD,
                                                ka_tr_section(lang, s, false), rec + 1, r);
            free(r);
            r = in_record;
        }
        if (!r)
            return KA_ERR_NOMEM;
        ka_dossier_give_reason(reason, r);
        return KA_ERR_ARG;
    }
    return KA_OK;
}

ka_status ka_dossier_check_complete(const ka_dossier *d, const char *lang, char **reason)
{
    for (size_t s = 0; s < KA_DOSSIER_NSECTIONS; s++) {
        const ka_dossier_section_data *sd = &d->data[s];
        ka_status st = KA_OK;
        if (!ka_dossier_sections[s].record)
            st = check_complete(&ka_dossier_sections[s], sd->values, 0, lang, reason);
        for (size_t r = 0; r < sd->count && st == KA_OK; r++)
            st = check_complete(&ka_dossier_sections[s], sd->records[r], r, lang, reason);
        if (st != KA_OK)
            return st;
    }
    return KA_OK;
}

/* ===== Copy and comparison ===== */

/* A malloc'ed copy of each of n values (NULL stays NULL) into dst; false when out of memory, with
 * the values copied so far left in dst for the caller's free. */
static bool values_copy(char **dst, char *const *src, size_t n)
{
    for (size_t i = 0; i < n; i++)
        if (src[i] && !(dst[i] = strdup(src[i])))
            return false;
    return true;
}

ka_status ka_dossier_copy(const ka_dossier *d, ka_dossier **out)
{
    if (out)
        *out = NULL;
    if (!d || !out)
        return KA_ERR_ARG;
    ka_dossier *c = ka_dossier_new();
    if (!c)
        return KA_ERR_NOMEM;
    for (size_t s = 0; s < KA_DOSSIER_NSECTIONS; s++) {
        const ka_dossier_section_def *sec = &ka_dossier_sections[s];
        const ka_dossier_section_data *from = &d->data[s];
        ka_dossier_section_data *to = &c->data[s];
        bool ok = sec->record || values_copy(to->values, from->values, sec->nfields);
        for (size_t r = 0; ok && r < from->count; r++)
            ok = ka_dossier_record_append(to, sec->nfields) == KA_OK &&
                 values_copy(to->records[r], from->records[r], sec->nfields);
        if (!ok) {
            ka_dossier_free(c);
            return KA_ERR_NOMEM;
        }
    }
    *out = c;
    return KA_OK;
}

static bool values_equal(char *const *a, char *const *b, size_t n)
{
    for (size_t i = 0; i < n; i++)
        if (strcmp(a[i] ? a[i] : "", b[i] ? b[i] : "") != 0)
            return false;
    return true;
}

bool ka_dossier_equal(const ka_dossier *a, const ka_dossier *b)
{
    if (!a || !b)
        return a == b;
    for (size_t s = 0; s < KA_DOSSIER_NSECTIONS; s++) {
        const ka_dossier_section_def *sec = &ka_dossier_sections[s];
        const ka_dossier_section_data *da = &a->data[s], *db = &b->data[s];
        if (!sec->record && !values_equal(da->values, db->values, sec->nfields))
            return false;
        if (da->count != db->count)
            return false;
        for (size_t r = 0; r < da->count; r++)
            if (!values_equal(da->records[r], db->records[r], sec->nfields))
                return false;
    }
    return true;
}

/* Whether canonical list v ("a, b, c") holds item. */
static bool choices_have(const char *v, const char *item)
{
    size_t n = strlen(item);
    for (const char *p = v; *p;) {
        const char *end = strstr(p, ", ");
        size_t len = end ? (size_t)(end - p) : strlen(p);
        if (len == n && memcmp(p, item, n) == 0)
            return true;
        if (!end)
            break;
        p = end + 2;
    }
    return false;
}

/* *slot (a canonical list of f's values, or NULL) in the order of f's table. */
static ka_status choices_sort(const ka_dossier_field_def *f, char **slot)
{
    if (!*slot)
        return KA_OK;
    char *sorted = malloc(strlen(*slot) + 1); /* the same items, the same separators */
    if (!sorted)
        return KA_ERR_NOMEM;
    sorted[0] = '\0';
    for (const ka_dossier_enum_value *e = f->values; e && e->value; e++)
        if (choices_have(*slot, e->value)) {
            if (sorted[0])
                strcat(sorted, ", ");
            strcat(sorted, e->value);
        }
    free(*slot);
    *slot = sorted;
    return KA_OK;
}

ka_status ka_dossier_sort_choices(ka_dossier *d)
{
    if (!d)
        return KA_ERR_ARG;
    for (size_t s = 0; s < KA_DOSSIER_NSECTIONS; s++) {
        const ka_dossier_section_def *sec = &ka_dossier_sections[s];
        ka_dossier_section_data *data = &d->data[s];
        for (size_t i = 0; i < sec->nfields; i++) {
            if (sec->fields[i].kind != KA_DOSSIER_ENUM_LIST)
                continue;
            if (!sec->record && choices_sort(&sec->fields[i], &data->values[i]) != KA_OK)
                return KA_ERR_NOMEM;
            for (size_t r = 0; r < data->count; r++)
                if (choices_sort(&sec->fields[i], &data->records[r][i]) != KA_OK)
                    return KA_ERR_NOMEM;
        }
    }
    return KA_OK;
}
