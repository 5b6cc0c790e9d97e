/* ka_addin.c - the Calc add-in: XAddIn texts from the function table in
 * the language Calc asks for with setLocale (or the one the user chose in
 * the options), and the function calls routed to ka_calls. */
#include "ka_addin.h"

#include "ka_calls.h"
#include "ka_functions.h"
#include "ka_i18n.h"
#include "ka_language.h"

#include <stdio.h>
#include <stdlib.h>
#include <string.h>

const char *const ka_addin_services[] = {"com.sun.star.sheet.AddIn", KA_ADDIN_SERVICE, NULL};

static const char *const addin_interfaces[] = {KA_ADDIN_INTERFACE,
                                               "com.sun.star.sheet.XAddIn",
                                               "com.sun.star.sheet.XCompatibilityNames",
                                               "com.sun.star.lang.XServiceName",
                                               "com.sun.star.lang.XServiceInfo",
                                               "com.sun.star.lang.XLocalizable",
                                               NULL};

/* com.sun.star.lang.Locale in binary-UNO layout. */
typedef struct locale {
    rtl_uString *language, *country, *variant;
} locale;

typedef struct ka_addin {
    ka_uno_object base;
    uno_Interface *ctx; /* the component context (owned), for the language option */
    locale loc;
    const char *lang; /* the texts' language: a code of ka_languages */
    ka_calls *calls;
} ka_addin;

/* The table entry named by a string argument (a programmatic name). */
static const ka_func_info *function_arg(void *arg)
{
    char *name = ka_uno_string_utf8(*(rtl_uString **)arg, NULL);
    const ka_func_info *fn = name ? ka_function_find(name) : NULL;
    free(name);
    return fn;
}

/* The argument of fn at the index passed as the second argument, or NULL. */
static const ka_arg_info *argument_arg(const ka_func_info *fn, void *arg)
{
    sal_Int32 i = *(sal_Int32 *)arg;
    return fn && i >= 0 && (size_t)i < fn->n_args ? &fn->args[i] : NULL;
}

/* ---- XAddIn ---- */

/* The display name is the programmatic one in every language: a workbook
 * made in one language works unchanged in another (files store the
 * programmatic name anyway), and a name is typed the same everywhere. */
static void get_programmatic_name(ka_uno_object *self, const typelib_TypeDescription *m, void *ret,
                                  void *args[], uno_Any **exc)
{
    const ka_func_info *fn = function_arg(args[0]);
    ka_uno_return_string(ret, fn ? fn->name : "");
}

/* The summary only: the wizard shows three lines of it on the argument page
 * (KA_WIZARD_SUMMARY_MAX); the errors and the details are in the reference. */
static void get_function_description(ka_uno_object *self, const typelib_TypeDescription *m,
                                     void *ret, void *args[], uno_Any **exc)
{
    const ka_func_info *fn = function_arg(args[0]);
    ka_uno_return_string(ret, fn ? ka_tr_func(((ka_addin *)self)->lang, fn, KA_FUNC_SUMMARY) : "");
}

static void get_argument_name(ka_uno_object *self, const typelib_TypeDescription *m, void *ret,
                              void *args[], uno_Any **exc)
{
    const ka_func_info *fn = function_arg(args[0]);
    const ka_arg_info *a = argument_arg(fn, args[1]);
    ka_uno_return_string(ret, a ? ka_tr_arg(((ka_addin *)self)->lang, fn, a, false) : "");
}

static void get_argument_description(ka_uno_object *self, const typelib_TypeDescription *m,
                                     void *ret, void *args[], uno_Any **exc)
{
    const ka_func_info *fn = function_arg(args[0]);
    const ka_arg_info *a = argument_arg(fn, args[1]);
    ka_uno_return_string(ret, a ? ka_tr_arg(((ka_addin *)self)->lang, fn, a, true) : "");
}

static void get_category(ka_uno_object *self, const typelib_TypeDescription *m, void *ret,
                         void *args[], uno_Any **exc)
{
    ka_uno_return_string(ret, KA_FUNCTION_CATEGORY);
}

/* ---- XCompatibilityNames: the English name Excel files use ---- */

typedef struct localized_name {
    locale loc;
    rtl_uString *name;
} localized_name;

static void get_compatibility_names(ka_uno_object *self, const typelib_TypeDescription *m,
                                    void *ret, void *args[], uno_Any **exc)
{
    const ka_func_info *fn = function_arg(args[0]);
    typelib_TypeDescriptionReference *t =
        ka_uno_type(typelib_TypeClass_SEQUENCE, "[]com.sun.star.sheet.LocalizedName");
    uno_Sequence *seq = NULL;
    if (fn) {
        localized_name ln = {
            {ka_uno_string_new("en", 2), ka_uno_string_new("US", 2), ka_uno_string_new("", 0)},
            ka_uno_string_new(fn->name, (size_t)-1)};
        uno_type_sequence_construct(&seq, t, &ln, 1, NULL);
        rtl_uString_release(ln.loc.language);
        rtl_uString_release(ln.loc.country);
        rtl_uString_release(ln.loc.variant);
        rtl_uString_release(ln.name);
    }
    if (!seq)
        uno_type_sequence_construct(&seq, t, NULL, 0, NULL);
    *(uno_Sequence **)ret = seq;
    typelib_typedescriptionreference_release(t);
}

/* ---- XServiceName (XServiceInfo comes from the class table) ---- */

static void get_service_name(ka_uno_object *self, const typelib_TypeDescription *m, void *ret,
                             void *args[], uno_Any **exc)
{
    ka_uno_return_string(ret, KA_ADDIN_SERVICE);
}

/* ---- XLocalizable ---- */

/* Calc sets the interface's locale, then reads the texts; a second pass
 * with en-US reads the English names (sc/source/core/tool/addincol.cxx),
 * which are the same.  The user's language option wins over the locale:
 * an English interface asks for en-US too. */
static void set_locale(ka_uno_object *self, const typelib_TypeDescription *m, void *ret,
                       void *args[], uno_Any **exc)
{
    ka_addin *a = (ka_addin *)self;
    const locale *l = args[0];
    rtl_uString_assign(&a->loc.language, l->language);
    rtl_uString_assign(&a->loc.country, l->country);
    rtl_uString_assign(&a->loc.variant, l->variant);
    char *language = ka_uno_string_utf8(l->language, NULL);
    char *country = ka_uno_string_utf8(l->country, NULL);
    char tag[64] = "";
    if (language && country)
        snprintf(tag, sizeof tag, "%s%s%s", language, *country ? "-" : "", country);
    a->lang = ka_language_current(a->ctx, tag);
    ka_uno_trace("add-in: setLocale %s: texts in %s", tag, a->lang);
    free(language);
    free(country);
}

static void get_locale(ka_uno_object *self, const typelib_TypeDescription *m, void *ret,
                       void *args[], uno_Any **exc)
{
    ka_addin *a = (ka_addin *)self;
    locale *out = ret;
    rtl_uString_acquire(a->loc.language);
    rtl_uString_acquire(a->loc.country);
    rtl_uString_acquire(a->loc.variant);
    *out = a->loc;
}

/* ---- the functions of XKeyAccount ---- */

static void call_function(ka_uno_object *self, const typelib_TypeDescription *member, void *ret,
                          void *args[], uno_Any **exc)
{
    char name[64];
    ka_uno_member_name(member, name, sizeof name);
    const ka_func_info *fn = ka_function_find(name);
    if (!fn) {
        ka_uno_throw(exc, KA_UNO_RUNTIME, "unknown member");
        return;
    }
    ka_calls_invoke(((ka_addin *)self)->calls, fn, ret, args, exc);
}

static const ka_uno_method addin_methods[] = {
    {"getProgrammaticFuntionName", get_programmatic_name}, /* sic: the IDL's spelling */
    {"getDisplayFunctionName", get_programmatic_name},
    {"getFunctionDescription", get_function_description},
    {"getDisplayArgumentName", get_argument_name},
    {"getArgumentDescription", get_argument_description},
    {"getProgrammaticCategoryName", get_category},
    {"getDisplayCategoryName", get_category},
    {"getCompatibilityNames", get_compatibility_names},
    {"getServiceName", get_service_name},
    {"setLocale", set_locale},
    {"getLocale", get_locale},
    {NULL, NULL}};

static void addin_destroy(ka_uno_object *self)
{
    ka_addin *a = (ka_addin *)self;
    rtl_uString_release(a->loc.language);
    rtl_uString_release(a->loc.country);
    rtl_uString_release(a->loc.variant);
    ka_uno_release(a->ctx);
    ka_calls_free(a->calls);
}

static const ka_uno_class addin_class = {KA_ADDIN_IMPL, addin_interfaces, addin_methods,
                                         call_function, addin_destroy,    ka_addin_services};

uno_Interface *ka_addin_new(uno_Interface *context)
{
    ka_addin *a = calloc(1, sizeof *a);
    if (!a)
        return NULL;
    a->calls = ka_calls_new();
    if (!a->calls) {
        free(a);
        return NULL;
    }
    ka_uno_object_init(&a->base, &addin_class);
    a->ctx = context;
    ka_uno_acquire(context);
    a->lang = "en";
    a->loc.language = ka_uno_string_new("en", 2);
    a->loc.country = ka_uno_string_new("US", 2);
    a->loc.variant = ka_uno_string_new("", 0);
    return &a->base.iface;
}
