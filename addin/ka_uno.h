/* ka_uno.h - the project's one binary-UNO kit.
 *
 * Everything the add-in, the sidebar factory and the panels need from
 * LibreOffice's binary UNO C API is here, written once: the SDK header
 * workarounds, objects with a reference count, queryInterface / getTypes
 * from a per-class table, dispatch to handlers by member name, strings,
 * sequences, anys, exceptions, and calls into foreign UNO objects.
 *
 * Ownership conventions: a function named _new returns a reference the
 * caller releases (ka_uno_release / rtl_uString_release / free as stated);
 * "borrowed" means the callee does not keep or release the value.
 *
 * Tracing: with KA_TRACE=1 in the environment every dispatched call and
 * every exception raised is logged to stderr, because Calc swallows an
 * add-in's failures silently.
 */
#ifndef KA_UNO_H
#define KA_UNO_H

/* The LibreOffice 7.4 SDK headers are C++-first: they need a platform macro,
 * stdbool, and one enum tag spelled the C++ way. */
#include <stdbool.h>
#include <stddef.h>
#ifndef LINUX
#define LINUX 1
#endif
#define _typelib_TypeClass typelib_TypeClass
#include <typelib/typeclass.h>
#include <typelib/typedescription.h>
#undef _typelib_TypeClass
#include <rtl/string.h>
#include <rtl/textenc.h>
#include <rtl/ustring.h>
#include <uno/any2.h>
#include <uno/data.h>
#include <uno/dispatcher.h>
#include <uno/sequence2.h>

#include <stdatomic.h>

#include "ka_status.h"

typedef struct ka_uno_object ka_uno_object;

/* A member handler.  member is the method or attribute description, ret
 * the return slot (NULL for an attribute set), args the argument pointers
 * (binary-UNO layout).  Raise an exception with ka_uno_throw; leave *exc
 * untouched on success (the kit sets it to NULL after a handler that did
 * not raise). */
typedef void (*ka_uno_handler)(ka_uno_object *self, const typelib_TypeDescription *member,
                               void *ret, void *args[], uno_Any **exc);

typedef struct ka_uno_method {
    const char *name; /* member name without interface, e.g. "getServiceName" */
    ka_uno_handler fn;
} ka_uno_method;

typedef struct ka_uno_class {
    const char *impl_name;                /* implementation name, for XServiceInfo and traces */
    const char *const *interfaces;        /* NULL-terminated interface type names it implements */
    const ka_uno_method *methods;         /* {NULL, NULL}-terminated */
    ka_uno_handler fallback;              /* for members not in methods (may be NULL) */
    void (*destroy)(ka_uno_object *self); /* frees the subclass's state (may be NULL) */
    /* NULL-terminated service names: when set, the kit answers
     * com.sun.star.lang.XServiceInfo (getImplementationName: impl_name,
     * supportsService, getSupportedServiceNames) from it; list the
     * interface in interfaces too.  NULL: no XServiceInfo from the kit. */
    const char *const *services;
} ka_uno_class;

/* An object: a uno_Interface first, so one pointer serves every interface.
 * Subclasses embed it as their first member. */
struct ka_uno_object {
    uno_Interface iface;
    const ka_uno_class *cls;
    atomic_int refcount;
};

/* Initialises obj (already allocated by the caller with calloc, refcount 1).
 * cls has static storage.  The object is freed with free() after
 * cls->destroy when the last reference goes. */
void ka_uno_object_init(ka_uno_object *obj, const ka_uno_class *cls);

/* Reference counting on any UNO interface (ours or foreign); NULL is ignored. */
void ka_uno_acquire(uno_Interface *obj);
void ka_uno_release(uno_Interface *obj);

/* Logs a printf-style line to stderr when tracing. */
void ka_uno_trace(const char *fmt, ...) __attribute__((format(printf, 1, 2)));

/* ---- member names ---- */

/* The member name of a method/attribute description without interface and
 * decoration: "com.sun.star.sheet.XAddIn::getDisplayFunctionName:@0,3:..."
 * -> "getDisplayFunctionName".  Writes at most size bytes (NUL-terminated). */
void ka_uno_member_name(const typelib_TypeDescription *member, char *buf, size_t size);

/* ---- strings ---- */

/* New UNO string from UTF-8 (len bytes, or strlen when len == (size_t)-1).
 * The caller releases it with rtl_uString_release.  Never NULL (an empty
 * string on a conversion failure): for labels and names, where an empty
 * text is harmless.  Where an empty text would be a wrong value or would
 * overwrite data, use ka_uno_string_from_utf8. */
rtl_uString *ka_uno_string_new(const char *utf8, size_t len);
/* The same conversion, reporting failure: *out is a new string the caller
 * releases with rtl_uString_release, or NULL with KA_ERR_NOMEM (out of
 * memory) or KA_ERR_ARG (more than 2^31 - 1 bytes, which a UNO string
 * cannot hold).  Invalid UTF-8 becomes U+FFFD, as everywhere in the kit. */
ka_status ka_uno_string_from_utf8(const char *utf8, size_t len, rtl_uString **out);
/* UTF-8 copy of a UNO string (borrowed); caller free()s; *len gets the byte
 * length when len is not NULL.  NULL when out of memory.  An unpaired
 * surrogate becomes U+FFFD; nothing else is lost. */
char *ka_uno_string_utf8(rtl_uString *s, size_t *len);
/* Writes the UTF-8 form of n UTF-16 units to out, which has room for 3
 * bytes per unit (no NUL is written); returns the byte count.  Unpaired
 * surrogates become U+FFFD. */
size_t ka_uno_utf16_to_utf8(const sal_Unicode *s, size_t n, char *out);

/* ---- types ---- */

/* A type reference by name and class, e.g. (TYPELIB_TYPECLASS_INTERFACE,
 * "com.sun.star.sheet.XAddIn") or (typelib_TypeClass_SEQUENCE, "[][]any").
 * The caller releases it with typelib_typedescriptionreference_release. */
typelib_TypeDescriptionReference *ka_uno_type(typelib_TypeClass tc, const char *name);

/* ---- anys ---- */

void ka_uno_any_void(uno_Any *any);                   /* construct an empty any */
void ka_uno_any_double(uno_Any *any, double v);       /* construct holding a double */
void ka_uno_any_string(uno_Any *any, rtl_uString *s); /* construct holding s (acquired) */
/* construct holding a new string made from UTF-8; false (the any then holds
 * void) when out of memory */
bool ka_uno_any_utf8(uno_Any *any, const char *utf8);
/* construct holding an interface of the named type (acquired). */
void ka_uno_any_interface(uno_Any *any, uno_Interface *obj, const char *iface_name);

/* Reads a number from an any: double, integer types, boolean.  Returns
 * false (and leaves *v alone) for void, strings and anything else. */
bool ka_uno_any_number(const uno_Any *any, double *v);
/* The string in an any (borrowed), or NULL when it holds no string. */
rtl_uString *ka_uno_any_get_string(const uno_Any *any);
/* True when the any is void (an omitted optional argument). */
bool ka_uno_any_is_void(const uno_Any *any);
/* The sequence in an any holding sequence<sequence<...>> (borrowed), or NULL. */
uno_Sequence *ka_uno_any_get_matrix(const uno_Any *any);

/* ---- sequences ---- */

/* Element i of a sequence (no bounds check). */
#define KA_UNO_SEQ_AT(seq, type, i) (((type *)(void *)(seq)->elements)[i])

/* A new sequence<sequence<any>> of rows x cols void anys, or NULL when out
 * of memory.  The caller owns one reference (uno_type_sequence_destroy or
 * hand it out as a return value). */
uno_Sequence *ka_uno_matrix_any_new(size_t rows, size_t cols);
/* The type reference of sequence<sequence<any>> (borrowed). */
typelib_TypeDescriptionReference *ka_uno_matrix_any_type(void);
/* Releases a sequence of the given type (borrowed type). */
void ka_uno_sequence_release(uno_Sequence *seq, typelib_TypeDescriptionReference *type);

/* ---- return values of handlers ---- */

/* Stores a new reference to obj (may be NULL) in an interface return slot. */
void ka_uno_return_interface(void *ret, uno_Interface *obj);
/* Stores a new UNO string made from UTF-8 in a string return slot. */
void ka_uno_return_string(void *ret, const char *utf8);
/* Stores a new sequence<string> of n UTF-8 strings in a return slot (an
 * empty sequence when out of memory). */
void ka_uno_return_strings(void *ret, const char *const *utf8, size_t n);

/* ---- exceptions ---- */

/* Raises exc_type ("com.sun.star.lang.IllegalArgumentException", ...) with a
 * message into the dispatcher's exception slot. */
void ka_uno_throw(uno_Any **exc, const char *exc_type, const char *message);
#define KA_UNO_ILLEGAL_ARGUMENT "com.sun.star.lang.IllegalArgumentException"
#define KA_UNO_NO_CONVERGENCE "com.sun.star.sheet.NoConvergenceException"
#define KA_UNO_RUNTIME "com.sun.star.uno.RuntimeException"

/* ---- structs and property values ---- */

/* A pointer to member field of the struct (or exception) named type_name
 * held at data (borrowed, binary-UNO layout), its base types searched too:
 * e.g. ("com.sun.star.util.URL", url, "Complete") gives an rtl_uString **.
 * NULL when the type or the member does not exist. */
void *ka_uno_field(const char *type_name, void *data, const char *field);

/* A struct of the named type with every member default-constructed:
 * *data is calloc'ed, freed with ka_uno_struct_free (which destructs the
 * members).  KA_ERR_NOMEM, KA_ERR_ARG for an unknown type. */
ka_status ka_uno_struct_new(const char *type_name, void **data);
void ka_uno_struct_free(const char *type_name, void *data); /* accepts NULL */

/* com.sun.star.beans.PropertyValue in binary-UNO layout. */
typedef struct ka_uno_property_value {
    rtl_uString *name;
    sal_Int32 handle;
    uno_Any value;
    sal_Int32 state; /* com.sun.star.beans.PropertyState */
} ka_uno_property_value;

/* The value named name (ASCII) in a sequence<PropertyValue> (borrowed; NULL
 * is an empty sequence): the any (borrowed), or NULL when absent. */
const uno_Any *ka_uno_property_find(uno_Sequence *props, const char *name);

/* A new sequence<PropertyValue> of n values: names[i] (ASCII) and the anys
 * values[i] (copied).  NULL when out of memory; the caller releases it
 * with ka_uno_sequence_release(seq, ka_uno_property_values_type()). */
uno_Sequence *ka_uno_property_values_new(const char *const *names, const uno_Any *values, size_t n);
/* The type reference of sequence<com.sun.star.beans.PropertyValue> (borrowed). */
typelib_TypeDescriptionReference *ka_uno_property_values_type(void);

/* ---- calling foreign objects ---- */

/* queryInterface on a foreign (or own) object.  Returns a new reference the
 * caller releases with ka_uno_release, or NULL if not supported. */
uno_Interface *ka_uno_query(uno_Interface *obj, const char *iface_name);

/* Calls member (method or attribute getter) of interface iface_name on obj.
 * ret receives the return value (constructed by the callee; the caller
 * destructs it), args point to the arguments in binary-UNO layout.  Returns
 * true on success; on an exception returns false and, when error is not
 * NULL, a malloc'ed UTF-8 message the caller free()s. */
bool ka_uno_call(uno_Interface *obj, const char *iface_name, const char *member, void *ret,
                 void *args[], char **error);

#endif
