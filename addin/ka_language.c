/* ka_language.c - the option and the interface language, read and written
 * through the configuration API (see ka_language.h). */
#include "ka_language.h"

#include "ka_i18n.h"

#include <stdlib.h>
#include <string.h>

#define X_FACTORY "com.sun.star.lang.XMultiComponentFactory"
#define X_HIER "com.sun.star.container.XHierarchicalNameAccess"
#define X_REPLACE "com.sun.star.container.XHierarchicalNameReplace"
#define X_BATCH "com.sun.star.util.XChangesBatch"
#define X_CONTAINER "com.sun.star.container.XNameContainer"
#define X_SSF "com.sun.star.lang.XSingleServiceFactory"

/* Calc's list of add-ins described by configuration; a change of it makes
 * Calc forget every add-in's texts and read them again when next needed
 * (ScAddInCfg::Notify, sc/source/core/tool/addincfg.cxx). */
#define CALC_ADDINS "/org.openoffice.Office.CalcAddIns/AddInInfo"
#define CALC_ADDINS_PING "org.keyaccount.calc.LanguageChanged"

/* The whole configuration tree, read-only or writable (new reference), or
 * NULL.  The services take one argument, the locale of localized values:
 * "*" for all of them. */
static uno_Interface *config_root(uno_Interface *ctx, bool write)
{
    uno_Interface *smgr = NULL;
    if (!ctx || !ka_uno_call(ctx, "com.sun.star.uno.XComponentContext", "getServiceManager", &smgr,
                             NULL, NULL))
        return NULL;
    typelib_TypeDescriptionReference *t = ka_uno_type(typelib_TypeClass_SEQUENCE, "[]any");
    uno_Sequence *cargs = NULL;
    uno_Interface *root = NULL;
    if (uno_type_sequence_construct(&cargs, t, NULL, 1, NULL)) {
        uno_Any *a = &KA_UNO_SEQ_AT(cargs, uno_Any, 0);
        uno_any_destruct(a, NULL);
        if (ka_uno_any_utf8(a, "*")) {
            rtl_uString *service =
                ka_uno_string_new(write ? "com.sun.star.configuration.ReadWriteAccess"
                                        : "com.sun.star.configuration.ReadOnlyAccess",
                                  (size_t)-1);
            void *args[3] = {&service, &cargs, &ctx};
            if (!ka_uno_call(smgr, X_FACTORY, "createInstanceWithArgumentsAndContext", &root, args,
                             NULL))
                root = NULL;
            rtl_uString_release(service);
        }
        ka_uno_sequence_release(cargs, t);
    }
    typelib_typedescriptionreference_release(t);
    ka_uno_release(smgr);
    return root;
}

/* The string at path (malloc'ed UTF-8), "" when there is none or it is not
 * a string, NULL when out of memory. */
static char *config_string(uno_Interface *ctx, const char *path)
{
    uno_Interface *root = config_root(ctx, false);
    uno_Interface *hier = root ? ka_uno_query(root, X_HIER) : NULL;
    rtl_uString *p = ka_uno_string_new(path, (size_t)-1);
    void *args[1] = {&p};
    uno_Any value;
    char *out = NULL;
    if (hier && ka_uno_call(hier, X_HIER, "getByHierarchicalName", &value, args, NULL)) {
        rtl_uString *s = ka_uno_any_get_string(&value);
        out = s ? ka_uno_string_utf8(s, NULL) : strdup("");
        uno_any_destruct(&value, NULL);
    } else {
        out = strdup("");
    }
    rtl_uString_release(p);
    ka_uno_release(hier);
    ka_uno_release(root);
    return out;
}

char *ka_language_date_locale(uno_Interface *ctx)
{
    char *locale = config_string(ctx, KA_LANGUAGE_LOCALE);
    if (locale && !*locale) {
        free(locale);
        locale = config_string(ctx, KA_LANGUAGE_UI);
    }
    return locale;
}

char *ka_language_option(uno_Interface *ctx)
{
    return config_string(ctx, KA_LANGUAGE_OPTION);
}

/* The code of ka_languages equal to option, or NULL ("" and unknown codes). */
static const char *option_language(const char *option)
{
    for (size_t i = 0; option && *option && i < ka_language_count; i++)
        if (strcmp(ka_languages[i].code, option) == 0)
            return ka_languages[i].code;
    return NULL;
}

const char *ka_language_current(uno_Interface *ctx, const char *ui_locale)
{
    char *option = ka_language_option(ctx);
    const char *lang = option_language(option);
    free(option);
    if (lang)
        return lang;
    if (ui_locale)
        return ka_i18n_match(ui_locale);
    char *ui = config_string(ctx, KA_LANGUAGE_UI);
    lang = ka_i18n_match(ui);
    free(ui);
    return lang;
}

ka_status ka_language_set_option(uno_Interface *ctx, const char *code)
{
    if (*code && !option_language(code))
        return KA_ERR_ARG;
    uno_Interface *root = config_root(ctx, true);
    uno_Interface *replace = root ? ka_uno_query(root, X_REPLACE) : NULL;
    uno_Interface *batch = root ? ka_uno_query(root, X_BATCH) : NULL;
    rtl_uString *path = ka_uno_string_new(KA_LANGUAGE_OPTION, (size_t)-1);
    uno_Any value;
    ka_status st = ka_uno_any_utf8(&value, code) ? KA_OK : KA_ERR_NOMEM;
    void *args[2] = {&path, &value};
    if (st == KA_OK &&
        !(replace && batch &&
          ka_uno_call(replace, X_REPLACE, "replaceByHierarchicalName", NULL, args, NULL) &&
          ka_uno_call(batch, X_BATCH, "commitChanges", NULL, NULL, NULL)))
        st = KA_ERR_ARG;
    uno_any_destruct(&value, NULL); /* void when the string could not be made */
    rtl_uString_release(path);
    ka_uno_release(batch);
    ka_uno_release(replace);
    ka_uno_release(root);
    return st;
}

/* Inserts (or removes) the node CALC_ADDINS_PING of Calc's add-in list and
 * commits; false when the configuration refused. */
static bool ping_calc(uno_Interface *root, uno_Interface *batch, bool insert)
{
    rtl_uString *path = ka_uno_string_new(CALC_ADDINS, (size_t)-1);
    rtl_uString *name = ka_uno_string_new(CALC_ADDINS_PING, (size_t)-1);
    uno_Interface *hier = ka_uno_query(root, X_HIER);
    void *pargs[1] = {&path};
    uno_Any set;
    bool ok = false;
    if (hier && ka_uno_call(hier, X_HIER, "getByHierarchicalName", &set, pargs, NULL)) {
        uno_Interface *obj = set.pType->eTypeClass == typelib_TypeClass_INTERFACE
                                 ? *(uno_Interface **)set.pData
                                 : NULL;
        uno_Interface *names = obj ? ka_uno_query(obj, X_CONTAINER) : NULL;
        uno_Interface *factory = obj ? ka_uno_query(obj, X_SSF) : NULL;
        uno_Interface *node = NULL;
        if (names && insert && factory &&
            ka_uno_call(factory, X_SSF, "createInstance", &node, NULL, NULL)) {
            uno_Any element;
            ka_uno_any_interface(&element, node, "com.sun.star.uno.XInterface");
            void *iargs[2] = {&name, &element};
            ok = ka_uno_call(names, X_CONTAINER, "insertByName", NULL, iargs, NULL);
            uno_any_destruct(&element, NULL);
            ka_uno_release(node);
        } else if (names && !insert) {
            void *rargs[1] = {&name};
            ok = ka_uno_call(names, X_CONTAINER, "removeByName", NULL, rargs, NULL);
        }
        ok = ok && ka_uno_call(batch, X_BATCH, "commitChanges", NULL, NULL, NULL);
        ka_uno_release(factory);
        ka_uno_release(names);
        uno_any_destruct(&set, NULL);
    }
    ka_uno_release(hier);
    rtl_uString_release(name);
    rtl_uString_release(path);
    return ok;
}

bool ka_language_notify_calc(uno_Interface *ctx)
{
    uno_Interface *root = config_root(ctx, true);
    uno_Interface *batch = root ? ka_uno_query(root, X_BATCH) : NULL;
    /* a node left by an interrupted earlier call is removed first */
    if (batch)
        ping_calc(root, batch, false);
    bool ok = batch && ping_calc(root, batch, true) && ping_calc(root, batch, false);
    ka_uno_release(batch);
    ka_uno_release(root);
    return ok;
}
