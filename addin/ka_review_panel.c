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
    ka_uno_object base;
    uno_Interface *ctx, *frame, *parent; /* owned */
    uno_Interface *window;               /* the form (owned) */
    uno_Interface *container;            /* its XControlContainer (owned) */
    rtl_uString *url;
    sal_Int32 height; /* of the last layout */
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
static sal_Int32 layout(review_panel *p, sal_Int32 width)
{
    sal_Int32 inner = width - 2 * MARGIN > 40 ? width - 2 * MARGIN : 40, y = MARGIN;
    for (size_t i = 0; i < NROWS && p->container; i++) {
        awt_size b = wanted(p->container, rows[i].button, 0);
        place(p->container, rows[i].button, MARGIN, y, b.width < inner ? b.width : inner, b.height);
        y += b.height + GAP / 2;
        awt_size h = wanted(p->container, rows[i].help, inner);
        place(p->container, rows[i].help, MARGIN, y, inner, h.height);
        y += h.height + 2 * GAP;
    }
    if (p->window) {
        sal_Int32 zero = 0;
        sal_Int16 flags = 15;
        void *args[5] = {&zero, &zero, &width, &y, &flags};
        ka_uno_call(p->window, X_WINDOW, "setPosSize", NULL, args, NULL);
    }
    p->height = y;
    return y;
}

static void fit_to_parent(review_panel *p)
{
    rect parent = {0, 0, 0, 0};
    if (p->parent && ka_uno_call(p->parent, X_WINDOW, "getPosSize", &parent, NULL, NULL) &&
        parent.width > 0)
        layout(p, parent.width);
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
    if (ka_uno_call(p->ctx, "com.sun.star.uno.XComponentContext", "getServiceManager", &smgr, NULL,
                    NULL)) {
        rtl_uString *name = ka_uno_string_new("com.sun.star.util.URLTransformer", (size_t)-1);
        void *args[2] = {&name, &p->ctx};
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
    provider = p->frame ? ka_uno_query(p->frame, "com.sun.star.frame.XDispatchProvider") : NULL;
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
    if (command && p->frame)
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

static void on_window_resized(ka_uno_object *self, const typelib_TypeDescription *m, void *ret,
                              void *args[], uno_Any **exc)
{
    fit_to_parent((review_panel *)self);
}

static void ignore_event(ka_uno_object *self, const typelib_TypeDescription *m, void *ret,
                         void *args[], uno_Any **exc)
{
}

static void get_frame(ka_uno_object *self, const typelib_TypeDescription *m, void *ret,
                      void *args[], uno_Any **exc)
{
    ka_uno_return_interface(ret, ((review_panel *)self)->frame);
}

static void get_resource_url(ka_uno_object *self, const typelib_TypeDescription *m, void *ret,
                             void *args[], uno_Any **exc)
{
    review_panel *p = (review_panel *)self;
    rtl_uString_acquire(p->url);
    *(rtl_uString **)ret = p->url;
}

static void get_type(ka_uno_object *self, const typelib_TypeDescription *m, void *ret, void *args[],
                     uno_Any **exc)
{
    *(sal_Int16 *)ret = 7; /* com.sun.star.ui.UIElementType.TOOLPANEL */
}

static void get_real_interface(ka_uno_object *self, const typelib_TypeDescription *m, void *ret,
                               void *args[], uno_Any **exc)
{
    ka_uno_return_interface(ret, &self->iface);
}

static void get_window(ka_uno_object *self, const typelib_TypeDescription *m, void *ret,
                       void *args[], uno_Any **exc)
{
    ka_uno_return_interface(ret, ((review_panel *)self)->window);
}

static void create_accessible(ka_uno_object *self, const typelib_TypeDescription *m, void *ret,
                              void *args[], uno_Any **exc)
{
    review_panel *p = (review_panel *)self;
    *(uno_Interface **)ret =
        p->window ? ka_uno_query(p->window, "com.sun.star.accessibility.XAccessible") : NULL;
}

/* getHeightForWidth(width): the form laid out at that width. */
static void height_for_width(ka_uno_object *self, const typelib_TypeDescription *m, void *ret,
                             void *args[], uno_Any **exc)
{
    review_panel *p = (review_panel *)self;
    sal_Int32 width = *(sal_Int32 *)args[0];
    sal_Int32 h = width > 0 ? layout(p, width) : p->height;
    sal_Int32 *size = ret; /* LayoutSize: Minimum, Maximum, Preferred */
    size[0] = size[1] = size[2] = h;
}

/* Narrow enough for any sidebar: the texts wrap, the buttons shrink. */
static void minimal_width(ka_uno_object *self, const typelib_TypeDescription *m, void *ret,
                          void *args[], uno_Any **exc)
{
    *(sal_Int32 *)ret = 100;
}

static void release_all(review_panel *p)
{
    uno_Interface *window = p->window, *container = p->container;
    p->window = p->container = NULL;
    if (p->parent) {
        uno_Interface *me = &p->base.iface;
        void *args[1] = {&me};
        ka_uno_call(p->parent, X_WINDOW, "removeWindowListener", NULL, args, NULL);
    }
    if (window) {
        uno_Interface *comp = ka_uno_query(window, "com.sun.star.lang.XComponent");
        if (comp)
            ka_uno_call(comp, "com.sun.star.lang.XComponent", "dispose", NULL, NULL, NULL);
        ka_uno_release(comp);
    }
    ka_uno_release(container);
    ka_uno_release(window);
    ka_uno_release(p->parent);
    ka_uno_release(p->frame);
    ka_uno_release(p->ctx);
    p->parent = p->frame = p->ctx = NULL;
}

static void on_dispose(ka_uno_object *self, const typelib_TypeDescription *m, void *ret,
                       void *args[], uno_Any **exc)
{
    release_all((review_panel *)self);
}

static void panel_destroy(ka_uno_object *self)
{
    review_panel *p = (review_panel *)self;
    release_all(p);
    if (p->url)
        rtl_uString_release(p->url);
}

static const char *const panel_interfaces[] = {"com.sun.star.ui.XUIElement",
                                               "com.sun.star.ui.XToolPanel",
                                               "com.sun.star.ui.XSidebarPanel",
                                               "com.sun.star.lang.XComponent",
                                               "com.sun.star.awt.XContainerWindowEventHandler",
                                               "com.sun.star.awt.XWindowListener",
                                               "com.sun.star.lang.XEventListener",
                                               NULL};

static const ka_uno_method panel_methods[] = {{"callHandlerMethod", on_handler_method},
                                              {"getSupportedMethodNames", supported_methods},
                                              {"windowResized", on_window_resized},
                                              {"windowMoved", ignore_event},
                                              {"windowShown", ignore_event},
                                              {"windowHidden", ignore_event},
                                              {"disposing", ignore_event},
                                              {"Frame", get_frame},
                                              {"ResourceURL", get_resource_url},
                                              {"Type", get_type},
                                              {"getRealInterface", get_real_interface},
                                              {"Window", get_window},
                                              {"createAccessible", create_accessible},
                                              {"getHeightForWidth", height_for_width},
                                              {"getMinimalWidth", minimal_width},
                                              {"dispose", on_dispose},
                                              {"addEventListener", ignore_event},
                                              {"removeEventListener", ignore_event},
                                              {NULL, NULL}};

static const ka_uno_class panel_class = {
    "org.keyaccount.calc.ReviewPanel", panel_interfaces, panel_methods, NULL, panel_destroy, NULL};

/* The interface named name in the creation arguments (new reference) or NULL. */
static uno_Interface *argument(uno_Sequence *args, const char *name, const char *iface)
{
    const uno_Any *v = ka_uno_property_find(args, name);
    return v && v->pType->eTypeClass == typelib_TypeClass_INTERFACE
               ? ka_uno_query(*(uno_Interface **)v->pData, iface)
               : NULL;
}

/* Creates the form inside the parent window and sets its texts. */
static bool panel_build(review_panel *p, const char *lang)
{
    uno_Interface *smgr = NULL, *provider = NULL;
    if (ka_uno_call(p->ctx, "com.sun.star.uno.XComponentContext", "getServiceManager", &smgr, NULL,
                    NULL)) {
        rtl_uString *service =
            ka_uno_string_new("com.sun.star.awt.ContainerWindowProvider", (size_t)-1);
        void *cargs[2] = {&service, &p->ctx};
        if (!ka_uno_call(smgr, "com.sun.star.lang.XMultiComponentFactory",
                         "createInstanceWithContext", &provider, cargs, NULL))
            provider = NULL;
        rtl_uString_release(service);
    }
    uno_Interface *xprov =
        provider ? ka_uno_query(provider, "com.sun.star.awt.XContainerWindowProvider") : NULL;
    uno_Interface *peer = ka_uno_query(p->parent, "com.sun.star.awt.XWindowPeer");
    rtl_uString *url = ka_uno_string_new(FORM_URL, (size_t)-1), *type = ka_uno_string_new("", 0);
    uno_Interface *handler = &p->base.iface;
    void *wargs[4] = {&url, &type, &peer, &handler};
    char *error = NULL;
    if (xprov && peer &&
        !ka_uno_call(xprov, "com.sun.star.awt.XContainerWindowProvider", "createContainerWindow",
                     &p->window, wargs, &error))
        p->window = NULL;
    if (error)
        ka_uno_trace("review panel: cannot create the form: %s", error);
    free(error);
    rtl_uString_release(url);
    rtl_uString_release(type);
    ka_uno_release(peer);
    ka_uno_release(xprov);
    ka_uno_release(provider);
    ka_uno_release(smgr);
    if (!p->window)
        return false;
    p->container = ka_uno_query(p->window, "com.sun.star.awt.XControlContainer");
    for (size_t i = 0; i < NROWS; i++) {
        ka_control_set_text(p->container, rows[i].button, ka_msg(lang, rows[i].label));
        ka_control_set_text(p->container, rows[i].help, ka_msg(lang, rows[i].explanation));
    }
    sal_Bool yes = 1;
    void *vargs[1] = {&yes};
    ka_uno_call(p->window, X_WINDOW, "setVisible", NULL, vargs, NULL);
    uno_Interface *me = &p->base.iface;
    void *largs[1] = {&me};
    ka_uno_call(p->parent, X_WINDOW, "addWindowListener", NULL, largs, NULL);
    fit_to_parent(p);
    return p->container != NULL;
}

uno_Interface *ka_review_panel_new(uno_Interface *context, rtl_uString *url, uno_Sequence *args)
{
    review_panel *p = calloc(1, sizeof *p);
    if (!p)
        return NULL;
    ka_uno_object_init(&p->base, &panel_class);
    p->url = url;
    rtl_uString_acquire(url);
    p->ctx = context;
    ka_uno_acquire(context);
    p->frame = argument(args, "Frame", "com.sun.star.frame.XFrame");
    p->parent = argument(args, "ParentWindow", X_WINDOW);
    if (!p->frame || !p->parent || !panel_build(p, ka_language_current(context, NULL))) {
        ka_uno_release(&p->base.iface);
        return NULL;
    }
    return &p->base.iface;
}
