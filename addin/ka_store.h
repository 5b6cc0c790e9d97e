/* ka_store.h - the dossier's home in a document: one user-defined document
 * property per client, named "KeyAccountDossier:<client id>", holding that
 * client's XML (docs/dossier-format.md).  Used by the sidebar and by
 * DOSSIER().  Strings in and out are UTF-8.
 *
 * Every function returns a ka_status: KA_ERR_NOMEM is out of memory and
 * never means "none"; a missing property is KA_OK with an empty answer.
 * Every function but ka_store_text_utf8 calls into LibreOffice: call them
 * without holding a lock. */
#ifndef KA_STORE_H
#define KA_STORE_H

#include "ka_status.h"
#include "ka_uno.h"

typedef struct ka_store ka_store;

/* Opens the user-defined properties of a document model (any interface of
 * it; borrowed).  *out is the store (free with ka_store_close), or NULL
 * with KA_ERR_ARG when the model has no document properties (DOSSIER():
 * Err:502) or KA_ERR_NOMEM. */
ka_status ka_store_open(uno_Interface *model, ka_store **out);
/* Releases the store; accepts NULL. */
void ka_store_close(ka_store *s);

/* The document's identity: its com.sun.star.uno.XInterface (borrowed,
 * valid while the store is open).  Equal for every store of one document,
 * so caches key on it. */
uno_Interface *ka_store_document(const ka_store *s);

/* The client ids that have a property, sorted (byte order): *ids is a
 * malloc'ed array of *n malloc'ed strings (free with ka_store_free_list),
 * NULL with *n = 0 when there is none.  KA_ERR_NOMEM (nothing returned),
 * KA_ERR_ARG when the document refused to list its properties. */
ka_status ka_store_list(ka_store *s, char ***ids, size_t *n);
/* Frees a list of ka_store_list; accepts NULL. */
void ka_store_free_list(char **ids, size_t n);

/* The property text of a client as LibreOffice holds it: *text is a new
 * reference the caller releases with rtl_uString_release (no copy is
 * made), or NULL with KA_OK when the client has no property or it is not
 * text.  Cheap: callers that cache parsed profiles compare this string
 * before converting anything.  KA_ERR_NOMEM. */
ka_status ka_store_get_text(ka_store *s, const char *client_id, rtl_uString **text);

/* UTF-8 of a property text (borrowed), at most KA_DOSSIER_MAX_BYTES + 1
 * units of it (enough for the parser to refuse an oversized one without
 * converting a 50 MB text).  *xml is malloc'ed (caller free()s), *len its
 * byte length; KA_ERR_NOMEM with *xml NULL.  Pure: no call into
 * LibreOffice objects, only the sal string functions. */
ka_status ka_store_text_utf8(rtl_uString *text, char **xml, size_t *len);

/* Stores len bytes of xml as the client's property (creating it if needed)
 * and marks the document modified.  Nothing is written when the text
 * cannot be converted: KA_ERR_NOMEM, or KA_ERR_ARG with a malloc'ed *error
 * (caller free()s; may stay NULL) when the document refuses it. */
ka_status ka_store_put(ka_store *s, const char *client_id, const char *xml, size_t len,
                       char **error);

/* Removes the client's property.  KA_ERR_ARG with *error (as for
 * ka_store_put) when the document refuses, KA_ERR_NOMEM. */
ka_status ka_store_remove(ka_store *s, const char *client_id, char **error);

/* Adds (add true) or removes a com.sun.star.util.XModifyListener
 * (borrowed) on the document's properties: it hears of every change of a
 * user-defined property, whoever makes it (the panel, File > Properties, a
 * macro).  KA_ERR_ARG when the document's properties cannot broadcast. */
ka_status ka_store_listen(ka_store *s, uno_Interface *listener, bool add);

#endif
