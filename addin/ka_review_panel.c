/* ka_review_panel.c - the "Review" panel of the "Key accounts" deck (see
 * ka_sidebar.h): a button per command (Sales review..., Churn review...,
 * Share a copy with values...) with a line that explains it.
 *
 * A button dispatches its command through the frame's XDispatchProvider,
 * as the menu does, so that both take one path (ka_commands.c).  The
 * form is registration/ReviewPanel.xdl; this file sets its texts in the
 * user's language and lays it out at the sidebar's width, each
 * explanation wrapped to as many lines as that width needs (the text's
 * own XLayoutConstrains.calcAdjustedSize).  Main thread only. */
#include "ka_sidebar.h"

#include "ka_commands.h"
#include "ka_controls.h"
#include "ka_i18n.h"
#include "ka_language.h"
#include "ka_panel_base.h"

#include <stdio.h>
#include <stdlib.h>
#include <string.h>

#define FORM_URL "vnd.sun.star.extension://org.keyaccount.calc/ReviewPanel.xdl"
#define X_WINDOW "com.sun.star.awt.XWindow"
#define X_LAYOUT "com.sun.star.awt.XLayoutConstrains"

/* Margins and gaps in pixels. */
#define MARGIN 6
#define GAP 4

/* The panel's rows: a button, its handler, its command, its texts. */
static const struct row {
    const char *button, *help, *method, *command;
    ka_msg_id label, explanation;
} rows[] = {
    {"sales_review", "sales_review_help", "onSalesReview", "SalesReview", KA_MSG_REVIEW_PANEL_SALES,
     KA_MSG_REVIEW_PANEL_SALES_HELP},
    {"churn_review", "churn_review_help", "onChurnReview", "ChurnReview", KA_MSG_REVIEW_PANEL_CHURN,
     KA_MSG_REVIEW_PANEL_CHURN_HELP},
    {"share_copy", "share_copy_help", "onShareCopy", "ShareCopy", KA_MSG_SHARE_LABEL,
     KA_MSG_REVIEW_PANEL_SHARE_HELP},
};
#define NROWS (sizeof rows / sizeof *rows)

typedef struct review_panel {
    ka_panel_base base;       /* the form, frame, parent; the shared members */
    uno_Interface *container; /* the form's XControlContainer (owned) */
} review_panel;

/* com.sun.star.awt.Rectangle and Size in binary-UNO layout. */
typedef struct rect {
    sal_Int32 x, y, width, height;
} rect;
typedef struct awt_size {
    sal_Int32 width, height;
} awt_size;

/* ---- layout ---- */

static void place(uno_Interface *container, const char *name, sal_Int32 x, sal_Int32 y, sal_Int32 w,
                  sal_Int32 h)
{
    uno_Interface *win = ka_control(container, name, X_WINDOW);
    sal_Int16 flags = 15; /* PosSize.POSSIZE */
    void *args[5] = {&x, &y, &w, &h, &flags};
    if (win)
        ka_uno_call(win, X_WINDOW, "setPosSize", NULL, args, NULL);
    ka_uno_release(win);
}

/* The size control name wants at width (0: its preferred size). */
static awt_size wanted(uno_Interface *container, const char *name, sal_Int32 width)
{
    awt_size s = {width, 0};
    uno_Interface *lc = ka_control(container, name, X_LAYOUT);
    bool ok = false;
    if (lc && width > 0) {
        void *args[1] = {&s};
        ok = ka_uno_call(lc, X_LAYOUT, "calcAdjustedSize", &s, args, NULL);
    } else if (lc) {
        ok = ka_uno_call(lc, X_LAYOUT, "getPreferredSize", &s, NULL, NULL);
    }
    ka_uno_release(lc);
    if (!ok || s.height <= 0)
        s.height = 14;
    return s;
}

/* Lays the form out at width (pixels); returns its height. */
static sal_Int32 layout(ka_panel_base *b, sal_Int32 width)
{
    review_panel *p = (review_panel *)b;
    sal_Int32 inner = width - 2 * MARGIN > 40 ? width - 2 * MARGIN : 40, y = MARGIN;
    for (size_t i = 0; i < NROWS && p->container; i++) {
        awt_size button = wanted(p->container, rows[i].button, 0);
        place(p->container, rows[i].button, MARGIN, y, button.width < inner ? button.width : inner,
              button.height);
        y += button.height + GAP / 2;
        awt_size h = wanted(p->container, rows[i].help, inner);
        place(p->container, rows[i].help, MARGIN, y, inner, h.height);
        y += h.height + 2 * GAP;
    }
    if (b->window) {
        sal_Int32 zero = 0;
        sal_Int16 flags = 15;
        void *args[5] = {&zero, &zero, &width, &y, &flags};
        ka_uno_call(b->window, X_WINDOW, "setPosSize", NULL, args, NULL);
    }
    return y;
}

/* The parent resized: the form follows its width. */
static void fit_to_parent(ka_panel_base *b)
{
    rect parent = {0, 0, 0, 0};
    if (b->parent && ka_uno_call(b->parent, X_WINDOW, "getPosSize", &parent, NULL, NULL) &&
        parent.width > 0)
        b->height = layout(b, parent.width);
}

/* ---- the buttons ---- */

/* Dispatches org.keyaccount.calc:<command> without arguments through the
 * frame, as the menu does. */
static void dispatch_command(review_panel *p, const char *command)
{
    static const char *const T_URL = "com.sun.star.util.URL";
    char text[96];
    snprintf(text, sizeof text, "%s%s", KA_COMMANDS_PROTOCOL, command);
    void *url = NULL;
    if (ka_uno_struct_new(T_URL, &url) != KA_OK)
        return;
    rtl_uString **complete = ka_uno_field(T_URL, url, "Complete");
    rtl_uString *s = ka_uno_string_new(text, (size_t)-1);
    if (complete)
        rtl_uString_assign(complete, s);
    rtl_uString_release(s);
    uno_Interface *smgr = NULL, *transformer = NULL, *provider = NULL, *dispatch = NULL;
    if (ka_uno_call(p->base.ctx, "com.sun.star.uno.XComponentContext", "getServiceManager", &smgr,
                    NULL, NULL)) {
        rtl_uString *name = ka_uno_string_new("com.sun.star.util.URLTransformer", (size_t)-1);
        void *args[2] = {&name, &p->base.ctx};
        if (!ka_uno_call(smgr, "com.sun.star.lang.XMultiComponentFactory",
                         "createInstanceWithContext", &transformer, args, NULL))
            transformer = NULL;
        rtl_uString_release(name);
    }
    uno_Interface *xt =
        transformer ? ka_uno_query(transformer, "com.sun.star.util.XURLTransformer") : NULL;
    sal_Bool parsed = 0;
    void *pargs[1] = {url};
    if (xt)
        ka_uno_call(xt, "com.sun.star.util.XURLTransformer", "parseStrict", &parsed, pargs, NULL);
    provider =
        p->base.frame ? ka_uno_query(p->base.frame, "com.sun.star.frame.XDispatchProvider") : NULL;
    rtl_uString *target = ka_uno_string_new("", 0);
    sal_Int32 flags = 0;
    void *qargs[3] = {url, &target, &flags};
    if (provider && !ka_uno_call(provider, "com.sun.star.frame.XDispatchProvider", "queryDispatch",
                                 &dispatch, qargs, NULL))
        dispatch = NULL;
    uno_Sequence *none = ka_uno_property_values_new(NULL, NULL, 0);
    void *dargs[2] = {url, &none};
    if (dispatch && none)
        ka_uno_call(dispatch, "com.sun.star.frame.XDispatch", "dispatch", NULL, dargs, NULL);
    ka_uno_trace("review panel: %s %s", text, dispatch ? "dispatched" : "has no dispatch");
    ka_uno_sequence_release(none, ka_uno_property_values_type());
    rtl_uString_release(target);
    ka_uno_release(dispatch);
    ka_uno_release(provider);
    ka_uno_release(xt);
    ka_uno_release(transformer);
    ka_uno_release(smgr);
    ka_uno_struct_free(T_URL, url);
}

/* ---- UNO members ---- */

static void on_handler_method(ka_uno_object *self, const typelib_TypeDescription *m, void *ret,
                              void *args[], uno_Any **exc)
{
    review_panel *p = (review_panel *)self;
    char *method = ka_uno_string_utf8(*(rtl_uString **)args[2], NULL);
    const char *command = NULL;
    for (size_t i = 0; method && i < NROWS && !command; i++)
        if (strcmp(method, rows[i].method) == 0)
            command = rows[i].command;
    free(method);
    if (command && p->base.frame)
        dispatch_command(p, command);
    *(sal_Bool *)ret = command != NULL;
}

static void supported_methods(ka_uno_object *self, const typelib_TypeDescription *m, void *ret,
                              void *args[], uno_Any **exc)
{
    const char *names[NROWS];
    for (size_t i = 0; i < NROWS; i++)
        names[i] = rows[i].method;
    ka_uno_return_strings(ret, names, NROWS);
}

/* Narrow enough for any sidebar: the texts wrap, the buttons shrink. */
static sal_Int32 minimal_width(ka_panel_base *b)
{
    return 100;
}

static void release(ka_panel_base *b)
{
    review_panel *p = (review_panel *)b;
    ka_uno_release(p->container);
    p->container = NULL;
}

static void panel_destroy(ka_uno_object *self)
{
    ka_panel_base_destroy((ka_panel_base *)self);
}

static const ka_panel_ops panel_ops = {layout, fit_to_parent, release, minimal_width};

static const char *const panel_interfaces[] = {KA_PANEL_BASE_INTERFACES, NULL};

static const ka_uno_method panel_methods[] = {{"callHandlerMethod", on_handler_method},
                                              {"getSupportedMethodNames", supported_methods},
                                              {NULL, NULL}};

static const ka_uno_class panel_class = {"org.keyaccount.calc.ReviewPanel",
                                         panel_interfaces,
                                         panel_methods,
                                         ka_panel_base_member,
                                         panel_destroy,
                                         NULL};

/* Creates the form inside the parent window and sets its texts. */
static bool panel_build(review_panel *p, const char *lang)
{
    if (!ka_panel_base_create_form(&p->base, FORM_URL))
        return false;
    p->container = ka_uno_query(p->base.window, "com.sun.star.awt.XControlContainer");
    for (size_t i = 0; i < NROWS; i++) {
        ka_control_set_text(p->container, rows[i].button, ka_msg(lang, rows[i].label));
        ka_control_set_text(p->container, rows[i].help, ka_msg(lang, rows[i].explanation));
    }
    fit_to_parent(&p->base);
    return p->container != NULL;
}

uno_Interface *ka_review_panel_new(uno_Interface *context, rtl_uString *url, uno_Sequence *args)
{
    review_panel *p = calloc(1, sizeof *p);
    if (!p)
        return NULL;
    if (!ka_panel_base_init(&p->base, &panel_class, &panel_ops, context, url, args) ||
        !panel_build(p, ka_language_current(context, NULL))) {
        ka_uno_release(&p->base.object.iface);
        return NULL;
    }
    return &p->base.object.iface;
}
