/* ka_store.h - the dossier's home in a document: one user-defined document
 * property per client, named "KeyAccountDossier:<client id>", holding that
 * client's XML (docs/dossier-format.md).  Used by the sidebar and by
 * DOSSIER().  Strings in and out are UTF-8. */
#ifndef KA_STORE_H
#define KA_STORE_H

#include "ka_uno.h"

typedef struct ka_store ka_store;

/* Opens the user-defined properties of a document model (any interface of
 * it; borrowed).  Returns NULL if the model has no document properties or
 * memory runs out; free with ka_store_close. */
ka_store *ka_store_open(uno_Interface *model);
/* Releases the store; accepts NULL. */
void ka_store_close(ka_store *s);

/* The client ids that have a property, sorted (byte order).  Returns a
 * malloc'ed array of malloc'ed strings (free each, then the array; see
 * ka_store_free_list) and sets *n; NULL with *n = 0 when there is none or
 * memory runs out. */
char **ka_store_list(ka_store *s, size_t *n);
void ka_store_free_list(char **ids, size_t n);

/* The property text of a client as LibreOffice holds it (a new reference
 * the caller releases with rtl_uString_release; no copy is made), or NULL
 * when the client has no property or it is not text.  Cheap: callers that
 * cache parsed profiles compare this string before converting anything. */
rtl_uString *ka_store_get_text(ka_store *s, const char *client_id);

/* UTF-8 of a property text, at most KA_DOSSIER_MAX_BYTES + 1 units of it
 * (enough for the parser to refuse an oversized one without converting a
 * 50 MB text).  malloc'ed, caller free()s; *len its byte length. */
char *ka_store_text_utf8(rtl_uString *text, size_t *len);

/* The XML of a client (malloc'ed, NUL-terminated, caller free()s; *len its
 * byte length), or NULL when the client has no property or it is not text. */
char *ka_store_get(ka_store *s, const char *client_id, size_t *len);

/* Stores xml as the client's property (creating it if needed) and marks
 * the document modified.  Returns false with a malloc'ed *error on failure. */
bool ka_store_put(ka_store *s, const char *client_id, const char *xml, size_t len, char **error);

/* Removes the client's property.  Returns false with *error on failure. */
bool ka_store_remove(ka_store *s, const char *client_id, char **error);

#endif
