/* ka_profiles.c - the cache of parsed profiles (see ka_profiles.h). */
#include "ka_profiles.h"

#include <pthread.h>
#include <stdatomic.h>
#include <stdlib.h>
#include <string.h>

struct ka_profile {
    atomic_int refs;
    ka_dossier *d; /* NULL: damaged */
    char *reason;
};

typedef struct entry {
    const void *doc;   /* the document's XInterface, compared only (never called) */
    char *id;          /* client id */
    rtl_uString *text; /* the property text the entry was parsed from (a reference) */
    ka_profile *p;     /* the cache's reference */
    unsigned long used;
} entry;

/* Bounds: entries of closed documents are never told apart from live ones,
 * so the least recently used entries go beyond these. */
#define MAX_ENTRIES 4096
#define MAX_UNITS ((size_t)64 << 20) /* UTF-16 units of the texts held */

static pthread_mutex_t lock = PTHREAD_MUTEX_INITIALIZER;
static entry *entries;
static size_t nentries, capacity, units;
static unsigned long clock_now;

const ka_dossier *ka_profile_dossier(const ka_profile *p)
{
    return p->d;
}

const char *ka_profile_reason(const ka_profile *p)
{
    return p->reason;
}

static ka_profile *profile_acquire(ka_profile *p)
{
    atomic_fetch_add(&p->refs, 1);
    return p;
}

void ka_profile_release(ka_profile *p)
{
    if (p && atomic_fetch_sub(&p->refs, 1) == 1) {
        ka_dossier_free(p->d);
        free(p->reason);
        free(p);
    }
}

/* True when two property texts are the same string, usually the same object. */
static bool same_text(rtl_uString *a, rtl_uString *b)
{
    return a == b || (a->length == b->length &&
                      memcmp(a->buffer, b->buffer, (size_t)a->length * sizeof *a->buffer) == 0);
}

/* The entry of (doc, id), or NULL.  Lock held. */
static entry *find_locked(const void *doc, const char *id)
{
    for (size_t i = 0; i < nentries; i++)
        if (entries[i].doc == doc && strcmp(entries[i].id, id) == 0)
            return &entries[i];
    return NULL;
}

/* Empties entry e, moving its references to *text and *p for release
 * after the lock (they may be the last ones).  Lock held. */
static void take_locked(entry *e, rtl_uString **text, ka_profile **p)
{
    units -= (size_t)e->text->length;
    *text = e->text;
    *p = e->p;
    free(e->id);
    e->id = NULL;
}

/* Drops the least recently used entry.  Lock held. */
static void evict_locked(rtl_uString **text, ka_profile **p)
{
    size_t old = 0;
    for (size_t i = 1; i < nentries; i++)
        if (entries[i].used < entries[old].used)
            old = i;
    take_locked(&entries[old], text, p);
    entries[old] = entries[--nentries];
}

/* Parses a property text (no lock held).  KA_ERR_NOMEM when memory runs
 * out anywhere: such a result is not a fact about the profile. */
static ka_status parse_text(rtl_uString *text, ka_profile **out)
{
    *out = calloc(1, sizeof **out);
    if (!*out)
        return KA_ERR_NOMEM;
    atomic_init(&(*out)->refs, 1);
    char *xml = NULL;
    size_t len = 0;
    ka_status st = ka_store_text_utf8(text, &xml, &len);
    if (st == KA_OK)
        st = ka_dossier_parse(xml, len, &(*out)->d, NULL, &(*out)->reason);
    free(xml);
    if (st == KA_ERR_ARG && !(*out)->reason)
        st = KA_ERR_NOMEM; /* a refusal always has a reason; none means no memory for it */
    if (st == KA_ERR_NOMEM) {
        ka_profile_release(*out);
        *out = NULL;
        return st;
    }
    return KA_OK;
}

/* Keeps a parse of (doc, id, text) and returns a reference to the kept
 * one: an equal entry another thread made meanwhile wins.  When the entry
 * cannot be stored the parse is still returned, just not kept. */
static ka_profile *insert(const void *doc, const char *id, rtl_uString *text, ka_profile *p)
{
    rtl_uString *old_text[2] = {NULL, NULL};
    ka_profile *old_p[2] = {NULL, NULL}, *result = p;
    char *copy = strdup(id);
    pthread_mutex_lock(&lock);
    entry *e = find_locked(doc, id);
    if (e && same_text(e->text, text)) {
        result = profile_acquire(e->p);
        e->used = ++clock_now;
        old_p[0] = p; /* ours is a duplicate */
    } else if (copy) {
        if (e) {
            take_locked(e, &old_text[0], &old_p[0]);
        } else {
            if (nentries >= MAX_ENTRIES || units + (size_t)text->length > MAX_UNITS)
                if (nentries)
                    evict_locked(&old_text[1], &old_p[1]);
            if (nentries == capacity) {
                size_t cap = capacity ? 2 * capacity : 64;
                entry *grown = realloc(entries, cap * sizeof *grown);
                if (grown) {
                    entries = grown;
                    capacity = cap;
                }
            }
            e = nentries < capacity ? &entries[nentries++] : NULL;
        }
        if (e) {
            rtl_uString_acquire(text);
            *e = (entry){doc, copy, text, profile_acquire(p), ++clock_now};
            units += (size_t)text->length;
            copy = NULL;
        }
    }
    pthread_mutex_unlock(&lock);
    free(copy);
    for (int i = 0; i < 2; i++) {
        if (old_text[i])
            rtl_uString_release(old_text[i]);
        ka_profile_release(old_p[i]);
    }
    return result;
}

ka_status ka_profiles_get(ka_store *s, const char *client_id, ka_profile **out)
{
    *out = NULL;
    rtl_uString *text = NULL;
    ka_status st = ka_store_get_text(s, client_id, &text); /* the UNO call: before the lock */
    if (st != KA_OK || !text)
        return st;
    const void *doc = ka_store_document(s);
    pthread_mutex_lock(&lock);
    entry *e = find_locked(doc, client_id);
    if (e && same_text(e->text, text)) {
        *out = profile_acquire(e->p);
        e->used = ++clock_now;
    }
    pthread_mutex_unlock(&lock);
    if (!*out) {
        ka_profile *p = NULL;
        st = parse_text(text, &p);
        if (st == KA_OK)
            *out = insert(doc, client_id, text, p);
    }
    rtl_uString_release(text);
    return st;
}

ka_status ka_profiles_reason(ka_store *s, const char *client_id, const char *lang, char **reason)
{
    *reason = NULL;
    rtl_uString *text = NULL;
    ka_status st = ka_store_get_text(s, client_id, &text);
    if (st != KA_OK || !text)
        return st;
    char *xml = NULL;
    size_t len = 0;
    st = ka_store_text_utf8(text, &xml, &len);
    rtl_uString_release(text);
    if (st == KA_OK)
        st = ka_dossier_validate(xml, len, lang, reason);
    free(xml);
    if (st == KA_ERR_ARG && !*reason)
        st = KA_ERR_NOMEM; /* a refusal always has a reason; none means no memory for it */
    return st;
}
