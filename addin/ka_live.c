/* ka_live.c - live results (see ka_live.h). */
#include "ka_live.h"

#include <pthread.h>
#include <stdlib.h>
#include <string.h>

typedef struct live {
    ka_uno_object base;
    uno_Interface *doc; /* the document's XInterface: identity and keeps the key stable */
    char *key;
    uno_Any value;
    uno_Interface **listeners; /* com.sun.star.sheet.XResultListener, acquired */
    size_t nlisteners;
    struct live *next; /* registry link; the registry holds one reference */
} live;

/* Guards the registry, the pending errors and every result's value and
 * listeners.  Never held across a call into LibreOffice: listeners are
 * notified and references released after it is dropped.  Only acquiring
 * a reference happens under it (an atomic increment that runs no code). */
static pthread_mutex_t registry_lock = PTHREAD_MUTEX_INITIALIZER;
static live *registry;
/* A result could not record a listener (out of memory): its cell would
 * never hear of a change, so the next refresh asks for a recalculation. */
static bool listener_lost;

static bool unlink_locked(live *r);

/* Requests that gave an error (no live result can show one): when one of
 * them would succeed now, the workbook must be recalculated. */
typedef struct pending {
    uno_Interface *doc; /* the document's XInterface, acquired */
    char *key;
    struct pending *next;
} pending;

#define PENDING_MAX 1000 /* older entries are dropped beyond this */
static pending *pendings;
static size_t npendings;

static void pending_free(pending *e)
{
    ka_uno_release(e->doc);
    free(e->key);
    free(e);
}

void ka_live_note_error(uno_Interface *doc, const char *key)
{
    uno_Interface *id = ka_uno_query(doc, "com.sun.star.uno.XInterface");
    if (!id)
        return;
    pending *drop = NULL;
    pthread_mutex_lock(&registry_lock);
    bool known = false;
    for (pending *e = pendings; e && !known; e = e->next)
        known = e->doc == id && strcmp(e->key, key) == 0;
    pending *e = known ? NULL : calloc(1, sizeof *e);
    if (e && (e->key = strdup(key)) != NULL) {
        e->doc = id;
        id = NULL;
        e->next = pendings;
        pendings = e;
        if (++npendings > PENDING_MAX) { /* drop the oldest */
            pending **pp = &pendings;
            while ((*pp)->next)
                pp = &(*pp)->next;
            drop = *pp;
            *pp = NULL;
            npendings--;
        }
    } else {
        free(e);
    }
    pthread_mutex_unlock(&registry_lock);
    if (drop)
        pending_free(drop);
    ka_uno_release(id);
}

/* Takes the pending errors of document id out of the list (caller frees). */
static pending *take_pendings(uno_Interface *id)
{
    pending *taken = NULL;
    pthread_mutex_lock(&registry_lock);
    for (pending **pp = &pendings; *pp;) {
        if ((*pp)->doc == id) {
            pending *e = *pp;
            *pp = e->next;
            e->next = taken;
            taken = e;
            npendings--;
        } else {
            pp = &(*pp)->next;
        }
    }
    pthread_mutex_unlock(&registry_lock);
    return taken;
}

/* com.sun.star.sheet.ResultEvent: Source (from EventObject), Value. */
typedef struct result_event {
    uno_Interface *source;
    uno_Any value;
} result_event;

/* Tells listeners the value (a copy taken under the lock).  Called without
 * the registry lock: Calc reacts by recalculating, which may call DOSSIER()
 * again. */
static void notify(live *r, const uno_Any *value, uno_Interface **listeners, size_t n)
{
    result_event ev = {&r->base.iface, *value};
    void *args[1] = {&ev};
    for (size_t i = 0; i < n; i++)
        ka_uno_call(listeners[i], "com.sun.star.sheet.XResultListener", "modified", NULL, args,
                    NULL);
}

/* A copy of r's listeners (each acquired) and of its value, for notifying
 * outside the lock; the caller releases both (listeners_release). */
static uno_Interface **listeners_copy(live *r, size_t *n, uno_Any *value)
{
    *n = 0;
    uno_Interface **copy = r->nlisteners ? malloc(r->nlisteners * sizeof *copy) : NULL;
    if (!copy)
        return NULL;
    uno_type_any_construct(value, r->value.pData, r->value.pType, NULL);
    for (size_t i = 0; i < r->nlisteners; i++) {
        copy[i] = r->listeners[i];
        ka_uno_acquire(copy[i]);
    }
    *n = r->nlisteners;
    return copy;
}

static void listeners_release(uno_Interface **l, size_t n, uno_Any *value)
{
    for (size_t i = 0; i < n; i++)
        ka_uno_release(l[i]);
    free(l);
    if (value)
        uno_any_destruct(value, NULL);
}

static void add_listener(ka_uno_object *self, const typelib_TypeDescription *m, void *ret,
                         void *args[], uno_Any **exc)
{
    live *r = (live *)self;
    uno_Interface *l = *(uno_Interface **)args[0];
    if (!l)
        return;
    uno_Any value;
    bool unlinked = false;
    ka_uno_acquire(l);
    pthread_mutex_lock(&registry_lock);
    uno_Interface **grown = realloc(r->listeners, (r->nlisteners + 1) * sizeof *grown);
    if (grown) {
        r->listeners = grown;
        r->listeners[r->nlisteners++] = l;
    } else {
        /* Calc would keep this listener and never hear from it: forget the
         * result so that the next evaluation hands out a new one, which
         * Calc listens to afresh, and have the next refresh recalculate. */
        unlinked = unlink_locked(r);
        listener_lost = true;
    }
    uno_type_any_construct(&value, r->value.pData, r->value.pType, NULL);
    pthread_mutex_unlock(&registry_lock);
    notify(r, &value, &l, 1); /* the initial value, as Calc expects */
    uno_any_destruct(&value, NULL);
    if (!grown)
        ka_uno_release(l);
    if (unlinked)
        ka_uno_release(&r->base.iface);
}

/* Unlinks r from the registry (lock held) and drops the registry's reference
 * after the lock is released by the caller. */
static bool unlink_locked(live *r)
{
    for (live **pp = &registry; *pp; pp = &(*pp)->next)
        if (*pp == r) {
            *pp = r->next;
            return true;
        }
    return false;
}

static void remove_listener(ka_uno_object *self, const typelib_TypeDescription *m, void *ret,
                            void *args[], uno_Any **exc)
{
    live *r = (live *)self;
    uno_Interface *l = *(uno_Interface **)args[0], *gone = NULL;
    bool unlinked = false;
    pthread_mutex_lock(&registry_lock);
    for (size_t i = 0; i < r->nlisteners; i++)
        if (r->listeners[i] == l) {
            gone = l;
            r->listeners[i] = r->listeners[--r->nlisteners];
            break;
        }
    /* no cell listens any more (deleted, or the document closed): forget it */
    if (r->nlisteners == 0)
        unlinked = unlink_locked(r);
    pthread_mutex_unlock(&registry_lock);
    ka_uno_release(gone);
    if (unlinked)
        ka_uno_release(&r->base.iface);
}

static void live_destroy(ka_uno_object *self)
{
    live *r = (live *)self;
    listeners_release(r->listeners, r->nlisteners, &r->value);
    ka_uno_release(r->doc);
    free(r->key);
}

static const char *const live_interfaces[] = {"com.sun.star.sheet.XVolatileResult", NULL};
static const ka_uno_method live_methods[] = {
    {"addResultListener", add_listener}, {"removeResultListener", remove_listener}, {NULL, NULL}};
static const ka_uno_class live_class = {
    "org.keyaccount.calc.LiveResult", live_interfaces, live_methods, NULL, live_destroy, NULL};

/* Replaces r's value; returns true when it changed.  Lock held. */
static bool set_value_locked(live *r, const uno_Any *value)
{
    if (uno_type_equalData(r->value.pData, r->value.pType, value->pData, value->pType, NULL, NULL))
        return false;
    uno_type_any_assign(&r->value, value->pData, value->pType, NULL, NULL);
    return true;
}

uno_Interface *ka_live_result(uno_Interface *doc, const char *key, const uno_Any *value)
{
    uno_Interface *id = ka_uno_query(doc, "com.sun.star.uno.XInterface");
    if (!id)
        return NULL;
    pthread_mutex_lock(&registry_lock);
    live *r = registry;
    while (r && !(r->doc == id && strcmp(r->key, key) == 0))
        r = r->next;
    uno_Interface *drop = NULL;
    if (r) {
        drop = id;
        /* Calc is evaluating a cell and would take the value its listener
         * was told last.  Telling it now, from inside the evaluation, makes
         * Calc broadcast to cells being interpreted, and their dependents
         * show Err:522.  So a value its listeners were not told is answered
         * as a plain value; ka_live_refresh tells them later. */
        if (r->nlisteners && !uno_type_equalData(r->value.pData, r->value.pType, value->pData,
                                                 value->pType, NULL, NULL))
            r = NULL;
        else
            set_value_locked(r, value);
    } else if ((r = calloc(1, sizeof *r)) != NULL && (r->key = strdup(key)) != NULL) {
        ka_uno_object_init(&r->base, &live_class);
        r->doc = id;
        uno_type_any_construct(&r->value, value->pData, value->pType, NULL);
        r->next = registry;
        registry = r; /* the registry keeps the first reference */
    } else {
        free(r);
        r = NULL;
        drop = id;
    }
    if (r)
        ka_uno_acquire(&r->base.iface); /* the caller's */
    pthread_mutex_unlock(&registry_lock);
    ka_uno_release(drop);
    return r ? &r->base.iface : NULL;
}

bool ka_live_refresh(uno_Interface *doc, ka_live_compute compute, void *ctx)
{
    uno_Interface *id = ka_uno_query(doc, "com.sun.star.uno.XInterface");
    if (!id)
        return true;
    /* collect this document's results (acquired), then work without the lock */
    pthread_mutex_lock(&registry_lock);
    size_t n = 0, cap = 0;
    live **mine = NULL;
    bool all_ok = !listener_lost; /* out of memory below: the rest by recalculation */
    for (live *r = registry; r && all_ok; r = r->next) {
        if (r->doc != id)
            continue;
        if (n == cap) {
            cap = cap ? 2 * cap : 16;
            live **grown = realloc(mine, cap * sizeof *grown);
            if (!grown) {
                all_ok = false;
                break;
            }
            mine = grown;
        }
        ka_uno_acquire(&r->base.iface);
        mine[n++] = r;
    }
    listener_lost = false;
    pthread_mutex_unlock(&registry_lock);
    for (size_t i = 0; i < n; i++) {
        uno_Any value;
        if (!compute(ctx, doc, mine[i]->key, &value)) {
            all_ok = false;
        } else {
            pthread_mutex_lock(&registry_lock);
            size_t nl = 0;
            uno_Any told;
            bool changed = set_value_locked(mine[i], &value);
            uno_Interface **to_tell = changed ? listeners_copy(mine[i], &nl, &told) : NULL;
            if (changed && !to_tell && mine[i]->nlisteners)
                all_ok = false; /* no memory to tell them: a recalculation will */
            pthread_mutex_unlock(&registry_lock);
            uno_any_destruct(&value, NULL);
            if (to_tell) {
                notify(mine[i], &told, to_tell, nl);
                listeners_release(to_tell, nl, &told);
            }
        }
        ka_uno_release(&mine[i]->base.iface);
    }
    free(mine);
    /* an error that is gone needs a recalculation to show the value; the
     * recalculation notes the errors that remain again */
    pending *taken = take_pendings(id);
    for (pending *e = taken; e; e = e->next) {
        uno_Any value;
        if (compute(ctx, doc, e->key, &value)) {
            uno_any_destruct(&value, NULL);
            all_ok = false;
        }
    }
    if (all_ok) { /* nothing to recalculate: keep them noted */
        pthread_mutex_lock(&registry_lock);
        while (taken) {
            pending *e = taken;
            taken = e->next;
            e->next = pendings;
            pendings = e;
            npendings++;
        }
        pthread_mutex_unlock(&registry_lock);
    }
    while (taken) {
        pending *e = taken;
        taken = e->next;
        pending_free(e);
    }
    ka_uno_release(id);
    return all_ok;
}
