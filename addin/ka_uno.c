/* ka_uno.c - the binary-UNO kit (see ka_uno.h). */
#include "ka_uno.h"

#include <stdarg.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>

/* ---- tracing ---- */

/* True when tracing is on (KA_TRACE set and not "0"). */
static bool ka_uno_tracing(void)
{
    static int state = -1; /* read once; benign race: every thread computes the same value */
    if (state < 0) {
        const char *v = getenv("KA_TRACE");
        state = (v && *v && strcmp(v, "0") != 0) ? 1 : 0;
    }
    return state == 1;
}

void ka_uno_trace(const char *fmt, ...)
{
    if (!ka_uno_tracing())
        return;
    va_list ap;
    va_start(ap, fmt);
    fputs("keyaccount: ", stderr);
    vfprintf(stderr, fmt, ap);
    fputc('\n', stderr);
    va_end(ap);
}

/* ---- strings ---- */

ka_status ka_uno_string_from_utf8(const char *utf8, size_t len, rtl_uString **out)
{
    *out = NULL;
    if (len == (size_t)-1)
        len = utf8 ? strlen(utf8) : 0;
    if (len > 0x7fffffff)
        return KA_ERR_ARG;
    rtl_string2UString(out, utf8 ? utf8 : "", (sal_Int32)len, RTL_TEXTENCODING_UTF8,
                       OSTRING_TO_OUSTRING_CVTFLAGS);
    return *out ? KA_OK : KA_ERR_NOMEM;
}

rtl_uString *ka_uno_string_new(const char *utf8, size_t len)
{
    rtl_uString *s = NULL;
    if (ka_uno_string_from_utf8(utf8, len, &s) != KA_OK)
        rtl_uString_new(&s);
    return s;
}

/* Our own conversion: sal's replaces an unpaired surrogate together with
 * the character after it ("a\uD800b" -> "a?"), so distinct ids would
 * collide. */
size_t ka_uno_utf16_to_utf8(const sal_Unicode *s, size_t n, char *out)
{
    unsigned char *o = (unsigned char *)out;
    for (size_t i = 0; i < n; i++) {
        unsigned long c = s[i];
        if (c >= 0xD800 && c <= 0xDBFF && i + 1 < n && s[i + 1] >= 0xDC00 && s[i + 1] <= 0xDFFF) {
            c = 0x10000 + ((c - 0xD800) << 10) + (s[i + 1] - 0xDC00);
            i++;
        } else if (c >= 0xD800 && c <= 0xDFFF) {
            c = 0xFFFD;
        }
        if (c < 0x80) {
            *o++ = (unsigned char)c;
        } else if (c < 0x800) {
            *o++ = (unsigned char)(0xC0 | (c >> 6));
            *o++ = (unsigned char)(0x80 | (c & 0x3F));
        } else if (c < 0x10000) {
            *o++ = (unsigned char)(0xE0 | (c >> 12));
            *o++ = (unsigned char)(0x80 | ((c >> 6) & 0x3F));
            *o++ = (unsigned char)(0x80 | (c & 0x3F));
        } else {
            *o++ = (unsigned char)(0xF0 | (c >> 18));
            *o++ = (unsigned char)(0x80 | ((c >> 12) & 0x3F));
            *o++ = (unsigned char)(0x80 | ((c >> 6) & 0x3F));
            *o++ = (unsigned char)(0x80 | (c & 0x3F));
        }
    }
    return (size_t)(o - (unsigned char *)out);
}

char *ka_uno_string_utf8(rtl_uString *s, size_t *len)
{
    char *r = malloc(3 * (size_t)s->length + 1);
    if (!r)
        return NULL;
    size_t n = ka_uno_utf16_to_utf8(s->buffer, (size_t)s->length, r);
    r[n] = '\0';
    if (len)
        *len = n;
    return r;
}

/* Compares a UNO string with an ASCII string. */
static bool ustr_eq(rtl_uString *s, const char *ascii)
{
    return rtl_ustr_ascii_compare_WithLength(s->buffer, s->length, ascii) == 0;
}

void ka_uno_member_name(const typelib_TypeDescription *member, char *buf, size_t size)
{
    rtl_uString *full = member->pTypeName;
    sal_Int32 start = 0, end = full->length;
    for (sal_Int32 i = 0; i + 1 < full->length; i++)
        if (full->buffer[i] == ':' && full->buffer[i + 1] == ':') {
            start = i + 2;
            break;
        }
    for (sal_Int32 i = start; i < full->length; i++)
        if (full->buffer[i] == ':') { /* decoration ":@0,3:..." of inherited members */
            end = i;
            break;
        }
    size_t n = 0;
    for (sal_Int32 i = start; i < end && n + 1 < size; i++)
        buf[n++] = (char)(full->buffer[i] < 128 ? full->buffer[i] : '?');
    if (size)
        buf[n] = '\0';
}

/* ---- types ---- */

typelib_TypeDescriptionReference *ka_uno_type(typelib_TypeClass tc, const char *name)
{
    typelib_TypeDescriptionReference *ref = NULL;
    typelib_typedescriptionreference_newByAsciiName(&ref, tc, name);
    return ref;
}

/* Static type references of the simple types (borrowed, never released). */
static typelib_TypeDescriptionReference *ka_uno_simple_type(typelib_TypeClass tc)
{
    return *typelib_static_type_getByTypeClass(tc);
}

/* Type references used on hot paths, created once.  Benign race: two
 * threads may both create one; the loser's reference is released. */
static typelib_TypeDescriptionReference *
cached_type(typelib_TypeDescriptionReference *_Atomic *slot, typelib_TypeClass tc, const char *name)
{
    typelib_TypeDescriptionReference *ref = atomic_load(slot);
    if (ref)
        return ref;
    typelib_TypeDescriptionReference *fresh = ka_uno_type(tc, name);
    typelib_TypeDescriptionReference *expected = NULL;
    if (!atomic_compare_exchange_strong(slot, &expected, fresh)) {
        typelib_typedescriptionreference_release(fresh);
        return expected;
    }
    return fresh;
}

static typelib_TypeDescriptionReference *_Atomic matrix_any_type, *_Atomic row_any_type;

typelib_TypeDescriptionReference *ka_uno_matrix_any_type(void)
{
    return cached_type(&matrix_any_type, typelib_TypeClass_SEQUENCE, "[][]any");
}

static typelib_TypeDescriptionReference *row_type(void)
{
    return cached_type(&row_any_type, typelib_TypeClass_SEQUENCE, "[]any");
}

/* ---- anys ---- */

void ka_uno_any_void(uno_Any *any)
{
    uno_type_any_construct(any, NULL, NULL, NULL);
}

void ka_uno_any_double(uno_Any *any, double v)
{
    uno_type_any_construct(any, &v, ka_uno_simple_type(typelib_TypeClass_DOUBLE), NULL);
}

void ka_uno_any_string(uno_Any *any, rtl_uString *s)
{
    uno_type_any_construct(any, &s, ka_uno_simple_type(typelib_TypeClass_STRING), NULL);
}

bool ka_uno_any_utf8(uno_Any *any, const char *utf8)
{
    rtl_uString *s = NULL;
    if (ka_uno_string_from_utf8(utf8, (size_t)-1, &s) != KA_OK) {
        ka_uno_any_void(any);
        return false;
    }
    ka_uno_any_string(any, s);
    rtl_uString_release(s);
    return true;
}

void ka_uno_any_interface(uno_Any *any, uno_Interface *obj, const char *iface_name)
{
    typelib_TypeDescriptionReference *t = ka_uno_type(typelib_TypeClass_INTERFACE, iface_name);
    uno_type_any_construct(any, &obj, t, NULL);
    typelib_typedescriptionreference_release(t);
}

bool ka_uno_any_number(const uno_Any *any, double *v)
{
    switch (any->pType->eTypeClass) {
    case typelib_TypeClass_DOUBLE:
        *v = *(const double *)any->pData;
        return true;
    case typelib_TypeClass_FLOAT:
        *v = *(const float *)any->pData;
        return true;
    case typelib_TypeClass_LONG:
        *v = *(const sal_Int32 *)any->pData;
        return true;
    case typelib_TypeClass_SHORT:
        *v = *(const sal_Int16 *)any->pData;
        return true;
    case typelib_TypeClass_BYTE: /* a macro's small integer (pyuno, Basic's Byte) */
        *v = *(const sal_Int8 *)any->pData;
        return true;
    case typelib_TypeClass_HYPER:
        *v = (double)*(const sal_Int64 *)any->pData;
        return true;
    case typelib_TypeClass_BOOLEAN:
        *v = *(const sal_Bool *)any->pData ? 1.0 : 0.0;
        return true;
    default:
        return false;
    }
}

rtl_uString *ka_uno_any_get_string(const uno_Any *any)
{
    if (any->pType->eTypeClass != typelib_TypeClass_STRING)
        return NULL;
    return *(rtl_uString **)any->pData;
}

bool ka_uno_any_is_void(const uno_Any *any)
{
    return any->pType->eTypeClass == typelib_TypeClass_VOID;
}

uno_Sequence *ka_uno_any_get_matrix(const uno_Any *any)
{
    if (any->pType->eTypeClass != typelib_TypeClass_SEQUENCE)
        return NULL;
    return *(uno_Sequence **)any->pData;
}

/* ---- sequences ---- */

uno_Sequence *ka_uno_matrix_any_new(size_t rows, size_t cols)
{
    if (rows > 0x7fffffff || cols > 0x7fffffff)
        return NULL;
    uno_Sequence *seq = NULL;
    if (!uno_type_sequence_construct(&seq, ka_uno_matrix_any_type(), NULL, (sal_Int32)rows, NULL))
        return NULL;
    typelib_TypeDescriptionReference *rt = row_type();
    for (size_t i = 0; i < rows; i++) {
        uno_Sequence **row = &KA_UNO_SEQ_AT(seq, uno_Sequence *, i);
        if (!uno_type_sequence_realloc(row, rt, (sal_Int32)cols, NULL, NULL)) {
            ka_uno_sequence_release(seq, ka_uno_matrix_any_type());
            return NULL;
        }
    }
    return seq;
}

void ka_uno_sequence_release(uno_Sequence *seq, typelib_TypeDescriptionReference *type)
{
    if (seq)
        uno_type_destructData(&seq, type, NULL);
}

/* ---- return values of handlers ---- */

void ka_uno_return_interface(void *ret, uno_Interface *obj)
{
    ka_uno_acquire(obj);
    *(uno_Interface **)ret = obj;
}

void ka_uno_return_string(void *ret, const char *utf8)
{
    *(rtl_uString **)ret = ka_uno_string_new(utf8, (size_t)-1);
}

void ka_uno_return_strings(void *ret, const char *const *utf8, size_t n)
{
    typelib_TypeDescriptionReference *t = ka_uno_type(typelib_TypeClass_SEQUENCE, "[]string");
    uno_Sequence *seq = NULL;
    if (!uno_type_sequence_construct(&seq, t, NULL, (sal_Int32)n, NULL) || !seq)
        uno_type_sequence_construct(&seq, t, NULL, 0, NULL);
    for (size_t i = 0; seq && i < (size_t)seq->nElements; i++)
        KA_UNO_SEQ_AT(seq, rtl_uString *, i) = ka_uno_string_new(utf8[i], (size_t)-1);
    *(uno_Sequence **)ret = seq;
    typelib_typedescriptionreference_release(t);
}

/* ---- exceptions ---- */

void ka_uno_throw(uno_Any **exc, const char *exc_type, const char *message)
{
    ka_uno_trace("raise %s: %s", exc_type, message);
    uno_any_destruct(*exc, NULL); /* the void placeholder set by ka_uno_dispatch */
    typelib_TypeDescription *td = NULL;
    rtl_uString *name = ka_uno_string_new(exc_type, (size_t)-1);
    typelib_typedescription_getByName(&td, name);
    rtl_uString_release(name);
    if (!td) { /* cannot happen with LibreOffice's types; still never leave the slot unset */
        ka_uno_any_void(*exc);
        return;
    }
    void *mem = calloc(1, (size_t)td->nSize);
    if (!mem) {
        typelib_typedescription_release(td);
        ka_uno_any_void(*exc);
        return;
    }
    uno_constructData(mem, td);
    /* Every UNO exception starts with com.sun.star.uno.Exception's Message. */
    rtl_uString **msg = (rtl_uString **)mem;
    rtl_uString *m = ka_uno_string_new(message, (size_t)-1);
    rtl_uString_assign(msg, m);
    rtl_uString_release(m);
    uno_any_construct(*exc, mem, td, NULL);
    uno_destructData(mem, td, NULL);
    free(mem);
    typelib_typedescription_release(td);
}

/* ---- objects ---- */

static void obj_acquire(uno_Interface *iface)
{
    atomic_fetch_add(&((ka_uno_object *)iface)->refcount, 1);
}

static void obj_release(uno_Interface *iface)
{
    ka_uno_object *obj = (ka_uno_object *)iface;
    if (atomic_fetch_sub(&obj->refcount, 1) == 1) {
        ka_uno_trace("%s: destroyed", obj->cls->impl_name);
        if (obj->cls->destroy)
            obj->cls->destroy(obj);
        free(obj);
    }
}

static void ka_uno_dispatch(uno_Interface *iface, const typelib_TypeDescription *member, void *ret,
                            void *args[], uno_Any **exc);

void ka_uno_object_init(ka_uno_object *obj, const ka_uno_class *cls)
{
    obj->iface.acquire = obj_acquire;
    obj->iface.release = obj_release;
    obj->iface.pDispatcher = ka_uno_dispatch;
    obj->cls = cls;
    atomic_init(&obj->refcount, 1);
}

void ka_uno_acquire(uno_Interface *obj)
{
    if (obj)
        obj->acquire(obj);
}

void ka_uno_release(uno_Interface *obj)
{
    if (obj)
        obj->release(obj);
}

static const char *const implied_interfaces[] = {"com.sun.star.uno.XInterface",
                                                 "com.sun.star.lang.XTypeProvider", NULL};

static bool class_implements(const ka_uno_class *cls, rtl_uString *type_name)
{
    for (const char *const *p = implied_interfaces; *p; p++)
        if (ustr_eq(type_name, *p))
            return true;
    for (const char *const *p = cls->interfaces; *p; p++)
        if (ustr_eq(type_name, *p))
            return true;
    return false;
}

static void query_interface(ka_uno_object *self, void *ret, void *args[])
{
    typelib_TypeDescriptionReference *type = *(typelib_TypeDescriptionReference **)args[0];
    if (class_implements(self->cls, type->pTypeName)) {
        uno_Interface *p = &self->iface;
        uno_type_any_construct(ret, &p, type, NULL);
    } else {
        ka_uno_any_void(ret);
    }
}

static void get_types(ka_uno_object *self, void *ret)
{
    size_t n = 1;
    for (const char *const *p = self->cls->interfaces; *p; p++)
        n++;
    typelib_TypeDescriptionReference **refs = calloc(n, sizeof *refs);
    typelib_TypeDescriptionReference *seq_type = ka_uno_type(typelib_TypeClass_SEQUENCE, "[]type");
    uno_Sequence *seq = NULL;
    if (refs) {
        refs[0] = ka_uno_type(typelib_TypeClass_INTERFACE, "com.sun.star.lang.XTypeProvider");
        size_t i = 1;
        for (const char *const *p = self->cls->interfaces; *p; p++)
            refs[i++] = ka_uno_type(typelib_TypeClass_INTERFACE, *p);
        uno_type_sequence_construct(&seq, seq_type, refs, (sal_Int32)n, NULL);
        for (i = 0; i < n; i++)
            typelib_typedescriptionreference_release(refs[i]);
        free(refs);
    }
    if (!seq) /* out of memory: an empty list is still a valid answer */
        uno_type_sequence_construct(&seq, seq_type, NULL, 0, NULL);
    *(uno_Sequence **)ret = seq;
    typelib_typedescriptionreference_release(seq_type);
}

/* XServiceInfo from the class table; false when name is none of its
 * members or the class lists no services. */
static bool service_info(ka_uno_object *self, const char *name, void *ret, void *args[])
{
    const char *const *services = self->cls->services;
    if (!services)
        return false;
    if (strcmp(name, "getImplementationName") == 0) {
        ka_uno_return_string(ret, self->cls->impl_name);
    } else if (strcmp(name, "supportsService") == 0) {
        rtl_uString *asked = *(rtl_uString **)args[0];
        sal_Bool yes = 0;
        for (const char *const *p = services; *p && !yes; p++)
            yes = ustr_eq(asked, *p);
        *(sal_Bool *)ret = yes;
    } else if (strcmp(name, "getSupportedServiceNames") == 0) {
        size_t n = 0;
        while (services[n])
            n++;
        ka_uno_return_strings(ret, services, n);
    } else {
        return false;
    }
    return true;
}

static void ka_uno_dispatch(uno_Interface *iface, const typelib_TypeDescription *member, void *ret,
                            void *args[], uno_Any **exc)
{
    ka_uno_object *self = (ka_uno_object *)iface;
    char name[128];
    ka_uno_member_name(member, name, sizeof name);
    /* The slot *exc points to the caller's memory for an exception.  It holds
     * a void any while the handler runs; ka_uno_throw replaces it.  Still void
     * afterwards means no exception: then *exc must become NULL. */
    uno_Any *slot = *exc;
    ka_uno_any_void(slot);
    if (ka_uno_tracing()) {
        char *full = ka_uno_string_utf8(member->pTypeName, NULL);
        ka_uno_trace("%s: %s", self->cls->impl_name, full ? full : name);
        free(full);
    }
    if (strcmp(name, "queryInterface") == 0) {
        query_interface(self, ret, args);
    } else if (strcmp(name, "acquire") == 0) {
        obj_acquire(iface);
    } else if (strcmp(name, "release") == 0) {
        obj_release(iface);
    } else if (strcmp(name, "getTypes") == 0) {
        get_types(self, ret);
    } else if (strcmp(name, "getImplementationId") == 0) {
        typelib_TypeDescriptionReference *t = ka_uno_type(typelib_TypeClass_SEQUENCE, "[]byte");
        uno_Sequence *seq = NULL;
        uno_type_sequence_construct(&seq, t, NULL, 0, NULL);
        *(uno_Sequence **)ret = seq;
        typelib_typedescriptionreference_release(t);
    } else {
        ka_uno_handler handler = NULL;
        for (const ka_uno_method *m = self->cls->methods; m && m->name && !handler; m++)
            if (strcmp(m->name, name) == 0)
                handler = m->fn;
        if (handler)
            handler(self, member, ret, args, exc);
        else if (service_info(self, name, ret, args))
            ; /* answered from the class table */
        else if (self->cls->fallback)
            self->cls->fallback(self, member, ret, args, exc);
        else
            ka_uno_throw(exc, KA_UNO_RUNTIME, "member not implemented");
    }
    if (slot->pType->eTypeClass == typelib_TypeClass_VOID)
        *exc = NULL;
}

/* ---- structs and property values ---- */

/* The complete description of a compound type (caller releases), or NULL. */
static typelib_TypeDescription *compound_type(const char *type_name)
{
    typelib_TypeDescription *td = NULL;
    rtl_uString *n = ka_uno_string_new(type_name, (size_t)-1);
    typelib_typedescription_getByName(&td, n);
    rtl_uString_release(n);
    if (td && !td->bComplete && !typelib_typedescription_complete(&td)) {
        typelib_typedescription_release(td);
        return NULL;
    }
    if (td && td->eTypeClass != typelib_TypeClass_STRUCT &&
        td->eTypeClass != typelib_TypeClass_EXCEPTION) {
        typelib_typedescription_release(td);
        return NULL;
    }
    return td;
}

void *ka_uno_field(const char *type_name, void *data, const char *field)
{
    typelib_TypeDescription *td = compound_type(type_name);
    void *found = NULL;
    for (typelib_CompoundTypeDescription *c = (typelib_CompoundTypeDescription *)td; c && !found;
         c = c->pBaseTypeDescription)
        for (sal_Int32 i = 0; i < c->nMembers && !found; i++)
            if (ustr_eq(c->ppMemberNames[i], field))
                found = (char *)data + c->pMemberOffsets[i];
    if (td)
        typelib_typedescription_release(td);
    return found;
}

ka_status ka_uno_struct_new(const char *type_name, void **data)
{
    *data = NULL;
    typelib_TypeDescription *td = compound_type(type_name);
    if (!td)
        return KA_ERR_ARG;
    *data = calloc(1, (size_t)td->nSize);
    if (*data)
        uno_constructData(*data, td);
    typelib_typedescription_release(td);
    return *data ? KA_OK : KA_ERR_NOMEM;
}

void ka_uno_struct_free(const char *type_name, void *data)
{
    if (!data)
        return;
    typelib_TypeDescription *td = compound_type(type_name);
    if (td) {
        uno_destructData(data, td, NULL);
        typelib_typedescription_release(td);
    }
    free(data);
}

const uno_Any *ka_uno_property_find(uno_Sequence *props, const char *name)
{
    for (sal_Int32 i = 0; props && i < props->nElements; i++) {
        ka_uno_property_value *pv = &KA_UNO_SEQ_AT(props, ka_uno_property_value, i);
        if (ustr_eq(pv->name, name))
            return &pv->value;
    }
    return NULL;
}

static typelib_TypeDescriptionReference *_Atomic property_values_type;

typelib_TypeDescriptionReference *ka_uno_property_values_type(void)
{
    return cached_type(&property_values_type, typelib_TypeClass_SEQUENCE,
                       "[]com.sun.star.beans.PropertyValue");
}

uno_Sequence *ka_uno_property_values_new(const char *const *names, const uno_Any *values, size_t n)
{
    uno_Sequence *seq = NULL;
    if (n > 0x7fffffff ||
        !uno_type_sequence_construct(&seq, ka_uno_property_values_type(), NULL, (sal_Int32)n, NULL))
        return NULL;
    for (size_t i = 0; i < n; i++) {
        ka_uno_property_value *pv = &KA_UNO_SEQ_AT(seq, ka_uno_property_value, i);
        rtl_uString *s = NULL;
        if (ka_uno_string_from_utf8(names[i], (size_t)-1, &s) != KA_OK) {
            ka_uno_sequence_release(seq, ka_uno_property_values_type());
            return NULL;
        }
        rtl_uString_assign(&pv->name, s);
        rtl_uString_release(s);
        uno_any_destruct(&pv->value, NULL);
        uno_type_any_construct(&pv->value, values[i].pData, values[i].pType, NULL);
    }
    return seq;
}

/* ---- calling foreign objects ---- */

/* The description of member (method or attribute) of interface iface_name;
 * the caller releases it with typelib_typedescription_release. */
static typelib_TypeDescription *find_member(const char *iface_name, const char *member)
{
    typelib_TypeDescription *td = NULL;
    rtl_uString *n = ka_uno_string_new(iface_name, (size_t)-1);
    typelib_typedescription_getByName(&td, n);
    rtl_uString_release(n);
    if (!td)
        return NULL;
    if (!td->bComplete && !typelib_typedescription_complete(&td)) {
        typelib_typedescription_release(td);
        return NULL;
    }
    typelib_InterfaceTypeDescription *itd = (typelib_InterfaceTypeDescription *)td;
    typelib_TypeDescription *found = NULL;
    char name[128];
    for (sal_Int32 i = 0; i < itd->nAllMembers && !found; i++) {
        typelib_TypeDescription *mtd = NULL;
        typelib_typedescriptionreference_getDescription(&mtd, itd->ppAllMembers[i]);
        if (!mtd)
            continue;
        ka_uno_member_name(mtd, name, sizeof name);
        if (strcmp(name, member) == 0)
            found = mtd;
        else
            typelib_typedescription_release(mtd);
    }
    typelib_typedescription_release(td);
    return found;
}

/* The message of a raised exception (malloc'ed), and destructs the any. */
static char *exception_message(uno_Any *exc)
{
    char *msg = NULL;
    if (exc->pType->eTypeClass == typelib_TypeClass_EXCEPTION && exc->pData) {
        char *type = ka_uno_string_utf8(exc->pType->pTypeName, NULL);
        char *text = ka_uno_string_utf8(*(rtl_uString **)exc->pData, NULL);
        size_t n = strlen(type ? type : "") + strlen(text ? text : "") + 4;
        msg = malloc(n);
        if (msg)
            snprintf(msg, n, "%s: %s", type ? type : "", text ? text : "");
        free(type);
        free(text);
    }
    uno_any_destruct(exc, NULL);
    return msg;
}

bool ka_uno_call(uno_Interface *obj, const char *iface_name, const char *member, void *ret,
                 void *args[], char **error)
{
    if (error)
        *error = NULL;
    typelib_TypeDescription *mtd = find_member(iface_name, member);
    if (!mtd) {
        ka_uno_trace("call %s::%s: no such member", iface_name, member);
        if (error)
            *error = strdup("no such member");
        return false;
    }
    uno_Any exc_storage, *exc = &exc_storage;
    obj->pDispatcher(obj, mtd, ret, args, &exc);
    typelib_typedescription_release(mtd);
    if (exc) {
        char *msg = exception_message(exc);
        ka_uno_trace("call %s::%s raised %s", iface_name, member, msg ? msg : "?");
        if (error)
            *error = msg;
        else
            free(msg);
        return false;
    }
    return true;
}

uno_Interface *ka_uno_query(uno_Interface *obj, const char *iface_name)
{
    typelib_TypeDescriptionReference *t = ka_uno_type(typelib_TypeClass_INTERFACE, iface_name);
    uno_Any result;
    void *args[1] = {&t};
    uno_Interface *found = NULL;
    if (ka_uno_call(obj, "com.sun.star.uno.XInterface", "queryInterface", &result, args, NULL)) {
        if (result.pType->eTypeClass == typelib_TypeClass_INTERFACE) {
            found = *(uno_Interface **)result.pData;
            ka_uno_acquire(found);
        }
        uno_any_destruct(&result, NULL);
    }
    typelib_typedescriptionreference_release(t);
    return found;
}
