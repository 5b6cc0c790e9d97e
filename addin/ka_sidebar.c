/* ka_sidebar.c - the dossier panel of the "Key accounts" deck as a UNO
 * object, and its factory (see ka_sidebar.h): the members LibreOffice
 * calls, the form's events, the cursor and property listeners, the life
 * cycle.  What the panel does is in ka_panel_actions.c, the form mapping
 * in ka_form.c. */
#include "ka_sidebar.h"

#include "ka_controls.h"
#include "ka_panel.h"
#include "ka_store.h"

#include <stdlib.h>
#include <string.h>

#define FORM_URL "vnd.sun.star.extension://org.keyaccount.calc/DossierPanel.xdl"

#define X_CONTAINER "com.sun.star.awt.XControlContainer"
#define X_WINDOW "com.sun.star.awt.XWindow"
#define X_SELECTION "com.sun.star.view.XSelectionSupplier"

const char *const ka_panel_factory_services[] = {"com.sun.star.ui.UIElementFactory", NULL};

typedef ka_panel panel;

static uno_Interface *call_iface(uno_Interface *obj, const char *iface, const char *method,
                                 void *args[])
{
    uno_Interface *out = NULL;
    if (!obj || !ka_uno_call(obj, iface, method, &out, args, NULL))
        return NULL;
    return out;
}

/* ---- UNO members of the panel ---- */

static void on_handler_method(ka_uno_object *self, const typelib_TypeDescription *m, void *ret,
                              void *args[], uno_Any **exc)
{
    panel *p = (panel *)self;
    char *method = ka_uno_string_utf8(*(rtl_uString **)args[2], NULL);
    sal_Bool handled = 1;
    if (!method || p->form.filling || !p->form.container) {
        /* events caused by the panel's own updates */
    } else if (strcmp(method, KA_FORM_ON_FILTER) == 0) {
        ka_panel_refresh_list(p);
    } else if (strcmp(method, KA_FORM_ON_SELECT_CLIENT) == 0) {
        /* VCL reports the panel's own selections too, possibly later: a
         * client already in the form is not loaded again (that would drop
         * what the user typed since). */
        long pos = ka_control_list_selected(p->form.container, KA_FORM_CLIENTS);
        if (pos >= 0 && (size_t)pos < p->nshown &&
            !(p->current && strcmp(p->current, p->ids[p->shown[pos]]) == 0))
            ka_panel_show_profile(p, p->ids[p->shown[pos]], false);
    } else if (strcmp(method, KA_FORM_ON_NEW) == 0) {
        ka_panel_new(p);
    } else if (strcmp(method, KA_FORM_ON_SAVE) == 0) {
        ka_panel_save(p);
    } else if (strcmp(method, KA_FORM_ON_DELETE) == 0) {
        ka_panel_delete(p);
    } else if (!ka_panel_record_action(p, method)) {
        handled = 0;
    }
    if (method && strcmp(method, KA_FORM_ON_DELETE) != 0 &&
        strcmp(method, KA_FORM_ON_SELECT_CLIENT) != 0)
        p->delete_armed = false;
    ka_uno_trace("panel: %s", method ? method : "?");
    free(method);
    *(sal_Bool *)ret = handled;
}

static void supported_methods(ka_uno_object *self, const typelib_TypeDescription *m, void *ret,
                              void *args[], uno_Any **exc)
{
    enum { MAX = 3 * KA_FORM_MAX_SECTIONS + 5 };
    char names[MAX][KA_FORM_NAME_MAX];
    const char *list[MAX];
    size_t n = ka_form_handler_names(names, MAX);
    for (size_t i = 0; i < n; i++)
        list[i] = names[i];
    ka_uno_return_strings(ret, list, n);
}

static void on_selection_changed(ka_uno_object *self, const typelib_TypeDescription *m, void *ret,
                                 void *args[], uno_Any **exc)
{
    panel *p = (panel *)self;
    if (!p->form.container || !p->controller)
        return;
    if (ka_panel_list_is_stale(p))
        ka_panel_refresh_list(p);
    uno_Interface *sel = ka_uno_query(p->controller, X_SELECTION);
    uno_Any any;
    if (sel && ka_uno_call(sel, X_SELECTION, "getSelection", &any, NULL, NULL)) {
        if (any.pType->eTypeClass == typelib_TypeClass_INTERFACE) {
            char *id = NULL;
            if (ka_panel_cursor_client(p, *(uno_Interface **)any.pData, &id) != KA_OK)
                ka_form_set_status(&p->form, "Out of memory: the cursor's client is not shown.");
            else if (id && (!p->current || strcmp(id, p->current) != 0))
                ka_panel_show_profile(p, id, true);
            free(id);
        }
        uno_any_destruct(&any, NULL);
    }
    ka_uno_release(sel);
}

/* XModifyListener on the document's properties: the list is read again
 * at the next cursor move or action.  Only a flag: it may be called from
 * inside the panel's own saving. */
static void on_properties_modified(ka_uno_object *self, const typelib_TypeDescription *m, void *ret,
                                   void *args[], uno_Any **exc)
{
    atomic_store(&((panel *)self)->props_changed, true);
}

/* Sizes the form to the parent's width. */
static void fit_to_parent(panel *p)
{
    struct {
        sal_Int32 x, y, width, height;
    } parent = {0, 0, 0, 0}, form = {0, 0, 0, 0};
    if (!p->window || !p->parent ||
        !ka_uno_call(p->parent, X_WINDOW, "getPosSize", &parent, NULL, NULL) ||
        !ka_uno_call(p->window, X_WINDOW, "getPosSize", &form, NULL, NULL))
        return;
    sal_Int32 zero = 0, w = parent.width > form.width ? parent.width : form.width;
    sal_Int16 flags = 15; /* PosSize.POSSIZE */
    void *args[5] = {&zero, &zero, &w, &form.height, &flags};
    ka_uno_call(p->window, X_WINDOW, "setPosSize", NULL, args, NULL);
}

static void on_window_resized(ka_uno_object *self, const typelib_TypeDescription *m, void *ret,
                              void *args[], uno_Any **exc)
{
    fit_to_parent((panel *)self);
}

static void ignore_event(ka_uno_object *self, const typelib_TypeDescription *m, void *ret,
                         void *args[], uno_Any **exc)
{
}

static void get_frame(ka_uno_object *self, const typelib_TypeDescription *m, void *ret,
                      void *args[], uno_Any **exc)
{
    ka_uno_return_interface(ret, ((panel *)self)->frame);
}

static void get_resource_url(ka_uno_object *self, const typelib_TypeDescription *m, void *ret,
                             void *args[], uno_Any **exc)
{
    panel *p = (panel *)self;
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
    ka_uno_return_interface(ret, ((panel *)self)->window);
}

static void create_accessible(ka_uno_object *self, const typelib_TypeDescription *m, void *ret,
                              void *args[], uno_Any **exc)
{
    panel *p = (panel *)self;
    *(uno_Interface **)ret =
        p->window ? ka_uno_query(p->window, "com.sun.star.accessibility.XAccessible") : NULL;
}

static void height_for_width(ka_uno_object *self, const typelib_TypeDescription *m, void *ret,
                             void *args[], uno_Any **exc)
{
    panel *p = (panel *)self;
    struct {
        sal_Int32 x, y, width, height;
    } form = {0, 0, 0, 400};
    if (p->window)
        ka_uno_call(p->window, X_WINDOW, "getPosSize", &form, NULL, NULL);
    sal_Int32 *size = ret; /* LayoutSize: Minimum, Maximum, Preferred */
    size[0] = form.height;
    size[1] = form.height;
    size[2] = form.height;
}

static void minimal_width(ka_uno_object *self, const typelib_TypeDescription *m, void *ret,
                          void *args[], uno_Any **exc)
{
    panel *p = (panel *)self;
    struct {
        sal_Int32 x, y, width, height;
    } form = {0, 0, 300, 0};
    if (p->window)
        ka_uno_call(p->window, X_WINDOW, "getPosSize", &form, NULL, NULL);
    *(sal_Int32 *)ret = form.width;
}

/* Drops every reference the panel holds (breaks the cycle with its form,
 * which holds the panel as its event handler). */
static void panel_release_all(panel *p)
{
    uno_Interface *window = p->window, *container = p->form.container;
    p->window = p->form.container = NULL;
    if (p->controller) {
        uno_Interface *sel = ka_uno_query(p->controller, X_SELECTION);
        uno_Interface *me = &p->base.iface;
        void *args[1] = {&me};
        if (sel)
            ka_uno_call(sel, X_SELECTION, "removeSelectionChangeListener", NULL, args, NULL);
        ka_uno_release(sel);
    }
    if (p->watching) {
        ka_store *s = NULL;
        if (ka_store_open(p->model, &s) == KA_OK)
            ka_store_listen(s, &p->base.iface, false);
        ka_store_close(s);
        p->watching = false;
    }
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
    ka_uno_release(p->controller);
    ka_uno_release(p->model);
    ka_uno_release(p->parent);
    ka_uno_release(p->frame);
    ka_uno_release(p->ctx);
    p->controller = p->model = p->parent = p->frame = p->ctx = NULL;
}

static void on_dispose(ka_uno_object *self, const typelib_TypeDescription *m, void *ret,
                       void *args[], uno_Any **exc)
{
    panel_release_all((panel *)self);
}

static void panel_destroy(ka_uno_object *self)
{
    panel *p = (panel *)self;
    panel_release_all(p);
    ka_panel_free_list(p);
    free(p->current);
    ka_dossier_free(p->form.work);
    if (p->url)
        rtl_uString_release(p->url);
}

static const char *const panel_interfaces[] = {"com.sun.star.ui.XUIElement",
                                               "com.sun.star.ui.XToolPanel",
                                               "com.sun.star.ui.XSidebarPanel",
                                               "com.sun.star.lang.XComponent",
                                               "com.sun.star.awt.XContainerWindowEventHandler",
                                               "com.sun.star.view.XSelectionChangeListener",
                                               "com.sun.star.awt.XWindowListener",
                                               "com.sun.star.util.XModifyListener",
                                               "com.sun.star.lang.XEventListener",
                                               NULL};

static const ka_uno_method panel_methods[] = {{"callHandlerMethod", on_handler_method},
                                              {"getSupportedMethodNames", supported_methods},
                                              {"selectionChanged", on_selection_changed},
                                              {"modified", on_properties_modified},
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
    "org.keyaccount.calc.DossierPanel", panel_interfaces, panel_methods, NULL, panel_destroy, NULL};

/* com.sun.star.beans.PropertyValue in binary-UNO layout. */
typedef struct property_value {
    rtl_uString *name;
    sal_Int32 handle;
    uno_Any value;
    sal_Int32 state;
} property_value;

/* The interface named name in the creation arguments (new reference) or NULL. */
static uno_Interface *argument(uno_Sequence *args, const char *name)
{
    for (sal_Int32 i = 0; args && i < args->nElements; i++) {
        property_value *pv = &KA_UNO_SEQ_AT(args, property_value, i);
        char *n = ka_uno_string_utf8(pv->name, NULL);
        bool match = n && strcmp(n, name) == 0;
        free(n);
        if (match && pv->value.pType->eTypeClass == typelib_TypeClass_INTERFACE) {
            uno_Interface *obj = *(uno_Interface **)pv->value.pData;
            ka_uno_acquire(obj);
            return obj;
        }
    }
    return NULL;
}

/* Creates the form inside the parent window; false on failure. */
static bool panel_build(panel *p)
{
    uno_Interface *smgr =
        call_iface(p->ctx, "com.sun.star.uno.XComponentContext", "getServiceManager", NULL);
    rtl_uString *service =
        ka_uno_string_new("com.sun.star.awt.ContainerWindowProvider", (size_t)-1);
    void *cargs[2] = {&service, &p->ctx};
    uno_Interface *provider = call_iface(smgr, "com.sun.star.lang.XMultiComponentFactory",
                                         "createInstanceWithContext", cargs);
    rtl_uString_release(service);
    uno_Interface *xprov =
        provider ? ka_uno_query(provider, "com.sun.star.awt.XContainerWindowProvider") : NULL;
    uno_Interface *peer = ka_uno_query(p->parent, "com.sun.star.awt.XWindowPeer");
    rtl_uString *url = ka_uno_string_new(FORM_URL, (size_t)-1), *type = ka_uno_string_new("", 0);
    uno_Interface *handler = &p->base.iface;
    void *wargs[4] = {&url, &type, &peer, &handler};
    char *error = NULL;
    if (xprov && peer)
        ka_uno_call(xprov, "com.sun.star.awt.XContainerWindowProvider", "createContainerWindow",
                    &p->window, wargs, &error);
    if (error)
        ka_uno_trace("panel: cannot create the form: %s", error);
    free(error);
    rtl_uString_release(url);
    rtl_uString_release(type);
    ka_uno_release(peer);
    ka_uno_release(xprov);
    ka_uno_release(provider);
    ka_uno_release(smgr);
    if (!p->window)
        return false;
    p->form.container = ka_uno_query(p->window, X_CONTAINER);
    sal_Bool yes = 1;
    void *vargs[1] = {&yes};
    ka_uno_call(p->window, X_WINDOW, "setVisible", NULL, vargs, NULL);
    uno_Interface *me = &p->base.iface;
    void *largs[1] = {&me};
    ka_uno_call(p->parent, X_WINDOW, "addWindowListener", NULL, largs, NULL);
    uno_Interface *sel = ka_uno_query(p->controller, X_SELECTION);
    if (sel)
        ka_uno_call(sel, X_SELECTION, "addSelectionChangeListener", NULL, largs, NULL);
    ka_uno_release(sel);
    /* hear of property changes instead of listing them at each cursor move */
    ka_store *s = NULL;
    if (ka_store_open(p->model, &s) == KA_OK)
        p->watching = ka_store_listen(s, me, true) == KA_OK;
    ka_store_close(s);
    fit_to_parent(p);
    return p->form.container != NULL;
}

/* ---- the factory ---- */

typedef struct factory {
    ka_uno_object base;
    uno_Interface *ctx;
} factory;

static void create_ui_element(ka_uno_object *self, const typelib_TypeDescription *m, void *ret,
                              void *args[], uno_Any **exc)
{
    factory *f = (factory *)self;
    panel *p = calloc(1, sizeof *p);
    if (!p) {
        ka_uno_throw(exc, KA_UNO_RUNTIME, "out of memory");
        return;
    }
    ka_uno_object_init(&p->base, &panel_class);
    p->url = *(rtl_uString **)args[0];
    rtl_uString_acquire(p->url);
    uno_Sequence *cargs = *(uno_Sequence **)args[1];
    p->ctx = f->ctx;
    ka_uno_acquire(p->ctx);
    p->frame = argument(cargs, "Frame");
    p->parent = argument(cargs, "ParentWindow");
    p->controller = call_iface(p->frame, "com.sun.star.frame.XFrame", "getController", NULL);
    p->model = call_iface(p->controller, "com.sun.star.frame.XController", "getModel", NULL);
    ka_form_init(&p->form);
    atomic_init(&p->props_changed, true);
    p->form.work = ka_dossier_new();
    if (!p->parent || !p->model || !panel_build(p)) {
        ka_uno_release(&p->base.iface);
        ka_uno_throw(exc, "com.sun.star.lang.IllegalArgumentException",
                     "the dossier panel needs a Calc frame and a parent window");
        return;
    }
    ka_panel_refresh_list(p);
    bool shown = p->form.work && ka_form_show(&p->form) == KA_OK;
    ka_form_set_status(&p->form, shown ? "Choose a client, or put the cursor on a client id and "
                                         "press New."
                                       : "Out of memory: the form is not ready.");
    *(uno_Interface **)ret = &p->base.iface;
}

static void factory_destroy(ka_uno_object *self)
{
    ka_uno_release(((factory *)self)->ctx);
}

static const char *const factory_interfaces[] = {"com.sun.star.ui.XUIElementFactory",
                                                 "com.sun.star.lang.XServiceInfo", NULL};
static const ka_uno_method factory_methods[] = {{"createUIElement", create_ui_element},
                                                {NULL, NULL}};
static const ka_uno_class factory_class = {KA_PANEL_FACTORY_IMPL, factory_interfaces,
                                           factory_methods,       NULL,
                                           factory_destroy,       ka_panel_factory_services};

uno_Interface *ka_panel_factory_new(uno_Interface *context)
{
    factory *f = calloc(1, sizeof *f);
    if (!f)
        return NULL;
    ka_uno_object_init(&f->base, &factory_class);
    f->ctx = context;
    ka_uno_acquire(context);
    return &f->base.iface;
}
