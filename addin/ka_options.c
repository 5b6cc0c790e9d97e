/* ka_options.c - the options page's event handler (see ka_options.h). */
#include "ka_options.h"

#include "ka_controls.h"
#include "ka_form_names.h"
#include "ka_i18n.h"
#include "ka_language.h"

#include <stdlib.h>
#include <string.h>

const char *const ka_options_services[] = {KA_OPTIONS_IMPL, NULL};

typedef struct options {
    ka_uno_object base;
    uno_Interface *ctx; /* owned */
} options;

/* The page's texts in the toolkit's current language, and the list of
 * choices with the stored option selected: item 0 follows the interface,
 * item i the language ka_languages[i - 1] (named in itself). */
static void page_show(options *o, uno_Interface *page)
{
    const char *lang = ka_language_current(o->ctx, NULL);
    ka_control_set_text(page, KA_OPTIONS_LABEL, ka_msg(lang, KA_MSG_OPTIONS_LANGUAGE));
    ka_control_set_text(page, KA_OPTIONS_NOTE, ka_msg(lang, KA_MSG_OPTIONS_NOTE));
    char *items[1 + 16];
    size_t n = 0;
    items[n++] = (char *)ka_msg(lang, KA_MSG_OPTIONS_FOLLOW);
    for (size_t i = 0; i < ka_language_count && n < sizeof items / sizeof *items; i++)
        items[n++] = (char *)ka_languages[i].native;
    char *option = ka_language_option(o->ctx);
    long select = 0;
    for (size_t i = 0; option && i + 1 < n; i++)
        if (strcmp(option, ka_languages[i].code) == 0)
            select = (long)i + 1;
    free(option);
    ka_control_list_fill(page, KA_OPTIONS_LIST, items, n, select);
}

/* Stores the choice of the list, and has Calc read the add-in's texts
 * again for the next Function Wizard. */
static void page_store(options *o, uno_Interface *page)
{
    long pos = ka_control_list_selected(page, KA_OPTIONS_LIST);
    if (pos < 0 || (size_t)pos > ka_language_count)
        return;
    ka_status st = ka_language_set_option(o->ctx, pos == 0 ? "" : ka_languages[pos - 1].code);
    if (st != KA_OK)
        ka_uno_trace("options: the language option was not stored (status %d)", (int)st);
    else if (!ka_language_notify_calc(o->ctx)) /* the Function Wizard's texts */
        ka_uno_trace("options: Calc was not told to read the texts again");
}

/* callHandlerMethod(window, event, method): "external_event" with the
 * event "initialize", "ok" or "back" (the dialog's buttons). */
static void call_handler_method(ka_uno_object *self, const typelib_TypeDescription *m, void *ret,
                                void *args[], uno_Any **exc)
{
    options *o = (options *)self;
    uno_Interface *window = *(uno_Interface **)args[0];
    rtl_uString *event = ka_uno_any_get_string(args[1]);
    char *what = event ? ka_uno_string_utf8(event, NULL) : NULL;
    uno_Interface *page =
        window ? ka_uno_query(window, "com.sun.star.awt.XControlContainer") : NULL;
    sal_Bool handled = 0;
    if (page && what && (strcmp(what, "initialize") == 0 || strcmp(what, "back") == 0)) {
        page_show(o, page);
        handled = 1;
    } else if (page && what && strcmp(what, "ok") == 0) {
        page_store(o, page);
        handled = 1;
    }
    ka_uno_release(page);
    free(what);
    *(sal_Bool *)ret = handled;
}

static void get_supported_method_names(ka_uno_object *self, const typelib_TypeDescription *m,
                                       void *ret, void *args[], uno_Any **exc)
{
    static const char *const names[] = {"external_event"};
    ka_uno_return_strings(ret, names, 1);
}

static void options_destroy(ka_uno_object *self)
{
    ka_uno_release(((options *)self)->ctx);
}

static const char *const options_interfaces[] = {"com.sun.star.awt.XContainerWindowEventHandler",
                                                 "com.sun.star.lang.XServiceInfo", NULL};
static const ka_uno_method options_methods[] = {
    {"callHandlerMethod", call_handler_method},
    {"getSupportedMethodNames", get_supported_method_names},
    {NULL, NULL}};
static const ka_uno_class options_class = {KA_OPTIONS_IMPL, options_interfaces,
                                           options_methods, NULL,
                                           options_destroy, ka_options_services};

uno_Interface *ka_options_new(uno_Interface *context)
{
    options *o = calloc(1, sizeof *o);
    if (!o)
        return NULL;
    ka_uno_object_init(&o->base, &options_class);
    o->ctx = context;
    ka_uno_acquire(context);
    return &o->base.iface;
}
