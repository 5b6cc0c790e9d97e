/* ka_store.c - dossier properties of a document (see ka_store.h). */
#include "ka_store.h"

#include "ka_dossier.h"

#include <stdio.h>
#include <stdlib.h>
#include <string.h>

struct ka_store {
    uno_Interface *doc;       /* the document's XInterface: its identity */
    uno_Interface *model;     /* the document (XModifiable) */
    uno_Interface *docprops;  /* its XDocumentProperties (an XModifyBroadcaster) */
    uno_Interface *props;     /* user-defined properties: XPropertySet */
    uno_Interface *container; /* the same object: XPropertyContainer */
};

#define IFACE_PROPSET "com.sun.star.beans.XPropertySet"
#define IFACE_CONTAINER "com.sun.star.beans.XPropertyContainer"
#define IFACE_MODIFIABLE "com.sun.star.util.XModifiable"

/* Calls a method without arguments that returns an interface; NULL on failure. */
static uno_Interface *get_interface(uno_Interface *obj, const char *iface, const char *method)
{
    uno_Interface *out = NULL;
    if (!obj || !ka_uno_call(obj, iface, method, &out, NULL, NULL))
        return NULL;
    return out;
}

ka_status ka_store_open(uno_Interface *model, ka_store **out)
{
    *out = NULL;
    ka_store *s = calloc(1, sizeof *s);
    if (!s)
        return KA_ERR_NOMEM;
    uno_Interface *supplier =
        ka_uno_query(model, "com.sun.star.document.XDocumentPropertiesSupplier");
    s->docprops = get_interface(supplier, "com.sun.star.document.XDocumentPropertiesSupplier",
                                "getDocumentProperties");
    uno_Interface *user = get_interface(s->docprops, "com.sun.star.document.XDocumentProperties",
                                        "getUserDefinedProperties");
    s->doc = ka_uno_query(model, "com.sun.star.uno.XInterface");
    s->model = ka_uno_query(model, IFACE_MODIFIABLE);
    s->props = user ? ka_uno_query(user, IFACE_PROPSET) : NULL;
    s->container = user ? ka_uno_query(user, IFACE_CONTAINER) : NULL;
    ka_uno_release(user);
    ka_uno_release(supplier);
    if (!s->doc || !s->props || !s->container) {
        ka_store_close(s);
        return KA_ERR_ARG;
    }
    *out = s;
    return KA_OK;
}

void ka_store_close(ka_store *s)
{
    if (!s)
        return;
    ka_uno_release(s->doc);
    ka_uno_release(s->model);
    ka_uno_release(s->docprops);
    ka_uno_release(s->props);
    ka_uno_release(s->container);
    free(s);
}

uno_Interface *ka_store_document(const ka_store *s)
{
    return s->doc;
}

/* "KeyAccountDossier:" + id as a UNO string (caller releases). */
static ka_status property_name(const char *client_id, rtl_uString **out)
{
    *out = NULL;
    size_t n = strlen(KA_DOSSIER_PROPERTY_PREFIX) + strlen(client_id) + 1;
    char *buf = malloc(n);
    if (!buf)
        return KA_ERR_NOMEM;
    snprintf(buf, n, "%s%s", KA_DOSSIER_PROPERTY_PREFIX, client_id);
    ka_status st = ka_uno_string_from_utf8(buf, (size_t)-1, out);
    free(buf);
    return st;
}

/* com.sun.star.beans.Property in binary-UNO layout. */
typedef struct property {
    rtl_uString *name;
    sal_Int32 handle;
    typelib_TypeDescriptionReference *type;
    sal_Int16 attributes;
} property;

static int compare_ids(const void *a, const void *b)
{
    return strcmp(*(char *const *)a, *(char *const *)b);
}

/* The sal prefix test on UTF-16: no conversion of the names of other
 * properties. */
static bool has_prefix(rtl_uString *name, const char *ascii, size_t n)
{
    return (size_t)name->length > n && rtl_ustr_ascii_shortenedCompare_WithLength(
                                           name->buffer, name->length, ascii, (sal_Int32)n) == 0;
}

ka_status ka_store_list(ka_store *s, char ***out, size_t *n)
{
    *out = NULL;
    *n = 0;
    uno_Interface *info = get_interface(s->props, IFACE_PROPSET, "getPropertySetInfo");
    uno_Sequence *seq = NULL;
    if (!info || !ka_uno_call(info, "com.sun.star.beans.XPropertySetInfo", "getProperties", &seq,
                              NULL, NULL)) {
        ka_uno_release(info);
        return KA_ERR_ARG;
    }
    ka_uno_release(info);
    char **ids = calloc((size_t)seq->nElements + 1, sizeof *ids);
    size_t prefix = strlen(KA_DOSSIER_PROPERTY_PREFIX), count = 0;
    ka_status st = ids ? KA_OK : KA_ERR_NOMEM;
    for (sal_Int32 i = 0; st == KA_OK && i < seq->nElements; i++) {
        rtl_uString *name = KA_UNO_SEQ_AT(seq, property, i).name;
        if (!has_prefix(name, KA_DOSSIER_PROPERTY_PREFIX, prefix))
            continue;
        char *utf8 = ka_uno_string_utf8(name, NULL);
        if (!utf8 || !(ids[count] = strdup(utf8 + prefix)))
            st = KA_ERR_NOMEM;
        else
            count++;
        free(utf8);
    }
    typelib_TypeDescriptionReference *t =
        ka_uno_type(typelib_TypeClass_SEQUENCE, "[]com.sun.star.beans.Property");
    ka_uno_sequence_release(seq, t);
    typelib_typedescriptionreference_release(t);
    if (st != KA_OK || count == 0) {
        ka_store_free_list(ids, count);
        return st;
    }
    qsort(ids, count, sizeof *ids, compare_ids);
    *out = ids;
    *n = count;
    return KA_OK;
}

void ka_store_free_list(char **ids, size_t n)
{
    for (size_t i = 0; ids && i < n; i++)
        free(ids[i]);
    free(ids);
}

ka_status ka_store_get_text(ka_store *s, const char *client_id, rtl_uString **text)
{
    *text = NULL;
    rtl_uString *name;
    ka_status st = property_name(client_id, &name);
    if (st != KA_OK)
        return st;
    uno_Any value;
    void *args[1] = {&name};
    /* an unknown property raises UnknownPropertyException: "no profile" */
    if (ka_uno_call(s->props, IFACE_PROPSET, "getPropertyValue", &value, args, NULL)) {
        *text = ka_uno_any_get_string(&value);
        if (*text)
            rtl_uString_acquire(*text);
        uno_any_destruct(&value, NULL);
    }
    rtl_uString_release(name);
    return KA_OK;
}

ka_status ka_store_text_utf8(rtl_uString *text, char **xml, size_t *len)
{
    *len = 0;
    if ((size_t)text->length <= KA_DOSSIER_MAX_BYTES) {
        *xml = ka_uno_string_utf8(text, len);
        return *xml ? KA_OK : KA_ERR_NOMEM;
    }
    /* over the cap whatever its encoding: convert only enough for the parser
     * to refuse it, not the whole (maybe 50 MB) text */
    rtl_uString *head = NULL;
    *xml = NULL;
    rtl_uString_newFromStr_WithLength(&head, text->buffer, (sal_Int32)KA_DOSSIER_MAX_BYTES + 1);
    if (head) {
        *xml = ka_uno_string_utf8(head, len);
        rtl_uString_release(head);
    }
    return *xml ? KA_OK : KA_ERR_NOMEM;
}

static void set_modified(ka_store *s)
{
    if (!s->model)
        return;
    sal_Bool modified = 1;
    void *args[1] = {&modified};
    ka_uno_call(s->model, IFACE_MODIFIABLE, "setModified", NULL, args, NULL);
}

ka_status ka_store_put(ka_store *s, const char *client_id, const char *xml, size_t len,
                       char **error)
{
    *error = NULL;
    rtl_uString *name = NULL, *text = NULL;
    ka_status st = property_name(client_id, &name);
    if (st == KA_OK)
        st = ka_uno_string_from_utf8(xml, len, &text);
    if (st != KA_OK) { /* nothing is written rather than an empty profile */
        if (name)
            rtl_uString_release(name);
        return st;
    }
    uno_Any value;
    ka_uno_any_string(&value, text);
    void *set_args[2] = {&name, &value};
    bool ok = ka_uno_call(s->props, IFACE_PROPSET, "setPropertyValue", NULL, set_args, NULL);
    if (!ok) { /* no such property yet: add it (REMOVABLE = 128) */
        sal_Int16 attributes = 128;
        void *add_args[3] = {&name, &attributes, &value};
        ok = ka_uno_call(s->container, IFACE_CONTAINER, "addProperty", NULL, add_args, error);
    }
    if (ok)
        set_modified(s);
    uno_any_destruct(&value, NULL);
    rtl_uString_release(text);
    rtl_uString_release(name);
    return ok ? KA_OK : KA_ERR_ARG;
}

ka_status ka_store_remove(ka_store *s, const char *client_id, char **error)
{
    *error = NULL;
    rtl_uString *name;
    ka_status st = property_name(client_id, &name);
    if (st != KA_OK)
        return st;
    void *args[1] = {&name};
    bool ok = ka_uno_call(s->container, IFACE_CONTAINER, "removeProperty", NULL, args, error);
    if (ok)
        set_modified(s);
    rtl_uString_release(name);
    return ok ? KA_OK : KA_ERR_ARG;
}

ka_status ka_store_listen(ka_store *s, uno_Interface *listener, bool add)
{
    uno_Interface *b = ka_uno_query(s->docprops, "com.sun.star.util.XModifyBroadcaster");
    void *args[1] = {&listener};
    bool ok =
        b && ka_uno_call(b, "com.sun.star.util.XModifyBroadcaster",
                         add ? "addModifyListener" : "removeModifyListener", NULL, args, NULL);
    ka_uno_release(b);
    return ok ? KA_OK : KA_ERR_ARG;
}
