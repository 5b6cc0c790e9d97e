/* ka_profiles.h - the process-wide cache of parsed profiles, shared by
 * DOSSIER() and the sidebar panel.
 *
 * Entries are keyed by document and client id and validated by the
 * property text they were parsed from: LibreOffice hands out the same
 * string object while a property is unchanged, so a lookup is one
 * getPropertyValue and usually a pointer comparison.  A parse is shared
 * read-only (reference counted), so a reader never sees it change or go
 * away; an editor takes a deep copy (ka_dossier_copy).
 *
 * Threads: any thread may call.  The cache has a mutex of its own, held
 * only to compare, insert and take references - never while calling into
 * LibreOffice (the property text is read before the lock is taken) and
 * never while parsing. */
#ifndef KA_PROFILES_H
#define KA_PROFILES_H

#include "ka_dossier.h"
#include "ka_status.h"
#include "ka_store.h"

/* One parsed profile: a dossier, or the reason it is damaged. */
typedef struct ka_profile ka_profile;

/* The profile of client_id in the document of store s (borrowed).  *out
 * is a new reference (release with ka_profile_release), or NULL with
 * KA_OK when the client has no profile.  KA_ERR_NOMEM when memory runs
 * out reading or parsing it (never cached, never taken for "damaged"). */
ka_status ka_profiles_get(ka_store *s, const char *client_id, ka_profile **out);

/* The parsed dossier (borrowed, read-only, valid while the reference is
 * held), or NULL when the profile is damaged. */
const ka_dossier *ka_profile_dossier(const ka_profile *p);
/* Why the profile is damaged (borrowed, like the dossier), or NULL.  In
 * English: the cache is shared by DOSSIER() and every panel. */
const char *ka_profile_reason(const ka_profile *p);
/* Why the profile of client_id in the document of store s is damaged, in
 * language lang (a code of ka_languages): the property is read and parsed
 * again, uncached, for a panel that shows the reason.  KA_ERR_ARG with
 * *reason malloc'ed (caller free()s); KA_OK with *reason NULL when the
 * profile is absent or not damaged (any more); KA_ERR_NOMEM. */
ka_status ka_profiles_reason(ka_store *s, const char *client_id, const char *lang, char **reason);
/* Drops a reference; accepts NULL. */
void ka_profile_release(ka_profile *p);

#endif
