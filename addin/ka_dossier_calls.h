/* ka_dossier_calls.h - DOSSIER() on the UNO side, and the cache of parsed
 * profiles it shares with the sidebar. */
#ifndef KA_DOSSIER_CALLS_H
#define KA_DOSSIER_CALLS_H

#include "ka_dossier.h"
#include "ka_functions.h"
#include "ka_store.h"
#include "ka_uno.h"

/* Parsed profiles keyed by client id and validated by their XML text: a
 * profile is parsed again only when its property changed. */
typedef struct ka_dossier_cache ka_dossier_cache;

/* New empty cache (NULL when out of memory); free with ka_dossier_cache_free. */
ka_dossier_cache *ka_dossier_cache_new(void);
void ka_dossier_cache_free(ka_dossier_cache *c); /* accepts NULL */

/* The profile of client_id in store s: *d is the parsed dossier (owned by
 * the cache, valid until the next call on the cache) or NULL when the
 * profile is damaged, then *reason (owned by the cache) says why.  Returns
 * false when the client has no profile. */
bool ka_dossier_cache_lookup(ka_dossier_cache *c, ka_store *s, const char *client_id,
                             const ka_dossier **d, const char **reason);

/* Today's date as "YYYY-MM-DD" (local time) into buf[11]. */
void ka_dossier_today(char buf[11]);

/* DOSSIER(Document; Client; Field).  A valid request returns a live result
 * (ka_live.h) that ka_dossier_refresh updates after the sidebar saves. */
void ka_call_dossier(ka_dossier_cache *c, const ka_func_info *fn, void *ret, void *args[],
                     uno_Any **exc);

/* Brings the DOSSIER() cells of document up to date after its profiles
 * changed (borrowed document, any interface of it).  Returns false when
 * only a recalculation can do it (an error appears or disappears). */
bool ka_dossier_refresh(ka_dossier_cache *c, uno_Interface *document);

#endif
