/* ka_store.c - dossier properties of a document (see ka_store.h). */
#include "ka_store.h"

#include "ka_dossier.h"

#include <stdio.h>
#include <stdlib.h>
#include <string.h>

struct ka_store {
    uno_Interface *model;     /* the document (XModifiable) */
    uno_Interface *props;     /* user-defined properties: XPropertySet */
    uno_Interface *container; /* the same object: XPropertyContainer */
};

#define IFACE_PROPSET "com.sun.star.beans.XPropertySet"
#define IFACE_CONTAINER "com.sun.star.beans.XPropertyContainer"

/* Calls a method without arguments that returns an interface; NULL on failure. */
static uno_Interface *get_interface(uno_Interface *obj, const char *iface, const char *method)
{
    uno_Interface *out = NULL;
    if (!obj || !ka_uno_call(obj, iface, method, &out, NULL, NULL))
        return NULL;
    return out;
}

ka_store *ka_store_open(uno_Interface *model)
{
    ka_store *s = calloc(1, sizeof *s);
    if (!s)
        return NULL;
    uno_Interface *supplier =
        ka_uno_query(model, "com.sun.star.document.XDocumentPropertiesSupplier");
    uno_Interface *docprops = get_interface(
        supplier, "com.sun.star.document.XDocumentPropertiesSupplier", "getDocumentProperties");
    uno_Interface *user = get_interface(docprops, "com.sun.star.document.XDocumentProperties",
                                        "getUserDefinedProperties");
    s->model = ka_uno_query(model, "com.sun.star.util.XModifiable");
    s->props = user ? ka_uno_query(user, IFACE_PROPSET) : NULL;
    s->container = user ? ka_uno_query(user, IFACE_CONTAINER) : NULL;
    ka_uno_release(user);
    ka_uno_release(docprops);
    ka_uno_release(supplier);
    if (!s->props || !s->container) {
        ka_store_close(s);
        return NULL;
    }
    return s;
}

void ka_store_close(ka_store *s)
{
    if (!s)
        return;
    ka_uno_release(s->model);
    ka_uno_release(s->props);
    ka_uno_release(s->container);
    free(s);
}

/* "KeyAccountDossier:" + id as a UNO string (caller releases). */
static rtl_uString *property_name(const char *client_id)
{
    size_t n = strlen(KA_DOSSIER_PROPERTY_PREFIX) + strlen(client_id) + 1;
    char *buf = malloc(n);
    if (!buf)
        return ka_uno_string_new("", 0);
    snprintf(buf, n, "%s%s", KA_DOSSIER_PROPERTY_PREFIX, client_id);
    rtl_uString *s = ka_uno_string_new(buf, (size_t)-1);
    free(buf);
    return s;
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

char **ka_store_list(ka_store *s, size_t *n)
{
    *n = 0;
    uno_Interface *info = get_interface(s->props, IFACE_PROPSET, "getPropertySetInfo");
    uno_Sequence *seq = NULL;
    if (!info || !ka_uno_call(info, "com.sun.star.beans.XPropertySetInfo", "getProperties", &seq,
                              NULL, NULL)) {
        ka_uno_release(info);
        return NULL;
    }
    ka_uno_release(info);
    char **ids = calloc((size_t)seq->nElements + 1, sizeof *ids);
    size_t prefix = strlen(KA_DOSSIER_PROPERTY_PREFIX);
    for (sal_Int32 i = 0; ids && i < seq->nElements; i++) {
        char *name = ka_uno_string_utf8(KA_UNO_SEQ_AT(seq, property, i).name, NULL);
        if (name && strncmp(name, KA_DOSSIER_PROPERTY_PREFIX, prefix) == 0 && name[prefix]) {
            ids[*n] = strdup(name + prefix);
            if (ids[*n])
                (*n)++;
        }
        free(name);
    }
    typelib_TypeDescriptionReference *t =
        ka_uno_type(typelib_TypeClass_SEQUENCE, "[]com.sun.star.beans.Property");
    ka_uno_sequence_release(seq, t);
    typelib_typedescriptionreference_release(t);
    if (ids && *n == 0) {
        free(ids);
        ids = NULL;
    }
    if (ids)
        qsort(ids, *n, sizeof *ids, compare_ids);
    return ids;
}

void ka_store_free_list(char **ids, size_t n)
{
    for (size_t i = 0; ids && i < n; i++)
        free(ids[i]);
    free(ids);
}

rtl_uString *ka_store_get_text(ka_store *s, const char *client_id)
{
    rtl_uString *name = property_name(client_id);
    uno_Any value;
    void *args[1] = {&name};
    rtl_uString *text = NULL;
    if (ka_uno_call(s->props, IFACE_PROPSET, "getPropertyValue", &value, args, NULL)) {
        text = ka_uno_any_get_string(&value);
        if (text)
            rtl_uString_acquire(text);
        uno_any_destruct(&value, NULL);
    }
    rtl_uString_release(name);
    return text;
}

char *ka_store_text_utf8(rtl_uString *text, size_t *len)
{
    if ((size_t)text->length <= KA_DOSSIER_MAX_BYTES)
        return ka_uno_string_utf8(text, len);
    /* over the cap whatever its encoding: convert only enough for the parser
     * to refuse it, not the whole (maybe 50 MB) text */
    rtl_uString *head = NULL;
    char *xml = NULL;
    rtl_uString_newFromStr_WithLength(&head, text->buffer, (sal_Int32)KA_DOSSIER_MAX_BYTES + 1);
    if (head) {
        xml = ka_uno_string_utf8(head, len);
        rtl_uString_release(head);
    }
    return xml;
}

char *ka_store_get(ka_store *s, const char *client_id, size_t *len)
{
    rtl_uString *text = ka_store_get_text(s, client_id);
    char *xml = text ? ka_store_text_utf8(text, len) : NULL;
    if (text)
        rtl_uString_release(text);
    return xml;
}

bool ka_store_put(ka_store *s, const char *client_id, const char *xml, size_t len, char **error)
{
    rtl_uString *name = property_name(client_id);
    rtl_uString *text = ka_uno_string_new(xml, len);
    uno_Any value;
    ka_uno_any_string(&value, text);
    void *set_args[2] = {&name, &value};
    bool ok = ka_uno_call(s->props, IFACE_PROPSET, "setPropertyValue", NULL, set_args, NULL);
    if (!ok) { /* no such property yet: add it (REMOVABLE = 128) */
        sal_Int16 attributes = 128;
        void *add_args[3] = {&name, &attributes, &value};
        ok = ka_uno_call(s->container, IFACE_CONTAINER, "addProperty", NULL, add_args, error);
    }
    if (ok && s->model) {
        sal_Bool modified = 1;
        void *mod_args[1] = {&modified};
        ka_uno_call(s->model, "com.sun.star.util.XModifiable", "setModified", NULL, mod_args, NULL);
    }
    uno_any_destruct(&value, NULL);
    rtl_uString_release(text);
    rtl_uString_release(name);
    return ok;
}

bool ka_store_remove(ka_store *s, const char *client_id, char **error)
{
    rtl_uString *name = property_name(client_id);
    void *args[1] = {&name};
    bool ok = ka_uno_call(s->container, IFACE_CONTAINER, "removeProperty", NULL, args, error);
    if (ok && s->model) {
        sal_Bool modified = 1;
        void *mod_args[1] = {&modified};
        ka_uno_call(s->model, "com.sun.star.util.XModifiable", "setModified", NULL, mod_args, NULL);
    }
    rtl_uString_release(name);
    return ok;
}
