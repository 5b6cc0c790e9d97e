/* ka_panel_base.c - the members the deck's panels share (see ka_panel_base.h). */
#include "ka_panel_base.h"

#include <stdlib.h>
#include <string.h>

#define X_WINDOW "com.sun.star.awt.XWindow"

bool ka_panel_base_init(ka_panel_base *b, const ka_uno_class *cls, const ka_panel_ops *ops,
                        uno_Interface *context, rtl_uString *url, uno_Sequence *args)
{
    ka_uno_object_init(&b->object, cls);
    b->ops = ops;
    b->url = url;
    rtl_uString_acquire(url);
    b->ctx = context;
    ka_uno_acquire(context);
    b->frame = ka_panel_base_argument(args, "Frame", "com.sun.star.frame.XFrame");
    b->parent = ka_panel_base_argument(args, "ParentWindow", X_WINDOW);
    return b->frame && b->parent;
}

uno_Interface *ka_panel_base_argument(uno_Sequence *args, const char *name, const char *iface)
{
    const uno_Any *v = ka_uno_property_find(args, name);
    return v && v->pType->eTypeClass == typelib_TypeClass_INTERFACE
               ? ka_uno_query(*(uno_Interface **)v->pData, iface)
               : NULL;
}

bool ka_panel_base_create_form(ka_panel_base *b, const char *form_url)
{
    uno_Interface *smgr = NULL, *provider = NULL;
    if (ka_uno_call(b->ctx, "com.sun.star.uno.XComponentContext", "getServiceManager", &smgr, NULL,
                    NULL)) {
        rtl_uString *service =
            ka_uno_string_new("com.sun.star.awt.ContainerWindowProvider", (size_t)-1);
        void *cargs[2] = {&service, &b->ctx};
        if (!ka_uno_call(smgr, "com.sun.star.lang.XMultiComponentFactory",
                         "createInstanceWithContext", &provider, cargs, NULL))
            provider = NULL;
        rtl_uString_release(service);
    }
    uno_Interface *xprov =
        provider ? ka_uno_query(provider, "com.sun.star.awt.XContainerWindowProvider") : NULL;
    uno_Interface *peer = ka_uno_query(b->parent, "com.sun.star.awt.XWindowPeer");
    rtl_uString *url = ka_uno_string_new(form_url, (size_t)-1), *type = ka_uno_string_new("", 0);
    uno_Interface *handler = &b->object.iface;
    void *wargs[4] = {&url, &type, &peer, &handler};
    char *error = NULL;
    if (xprov && peer &&
        !ka_uno_call(xprov, "com.sun.star.awt.XContainerWindowProvider", "createContainerWindow",
                     &b->window, wargs, &error))
        b->window = NULL;
    if (error)
        ka_uno_trace("%s: cannot create the form: %s", b->object.cls->impl_name, error);
    free(error);
    rtl_uString_release(url);
    rtl_uString_release(type);
    ka_uno_release(peer);
    ka_uno_release(xprov);
    ka_uno_release(provider);
    ka_uno_release(smgr);
    if (!b->window)
        return false;
    sal_Bool yes = 1;
    void *vargs[1] = {&yes};
    ka_uno_call(b->window, X_WINDOW, "setVisible", NULL, vargs, NULL);
    void *largs[1] = {&handler};
    ka_uno_call(b->parent, X_WINDOW, "addWindowListener", NULL, largs, NULL);
    return true;
}

void ka_panel_base_release(ka_panel_base *b)
{
    uno_Interface *window = b->window;
    b->window = NULL; /* no layout from the events that releasing causes */
    if (b->ops->release)
        b->ops->release(b);
    uno_Interface *me = &b->object.iface;
    void *args[1] = {&me};
    if (b->parent)
        ka_uno_call(b->parent, X_WINDOW, "removeWindowListener", NULL, args, NULL);
    if (window) {
        uno_Interface *comp = ka_uno_query(window, "com.sun.star.lang.XComponent");
        if (comp)
            ka_uno_call(comp, "com.sun.star.lang.XComponent", "dispose", NULL, NULL, NULL);
        ka_uno_release(comp);
    }
    ka_uno_release(window);
    ka_uno_release(b->parent);
    ka_uno_release(b->frame);
    ka_uno_release(b->ctx);
    b->parent = b->frame = b->ctx = NULL;
}

void ka_panel_base_destroy(ka_panel_base *b)
{
    ka_panel_base_release(b);
    if (b->url)
        rtl_uString_release(b->url);
    b->url = NULL;
}

/* ---- the shared members ---- */

typedef void member_fn(ka_panel_base *b, void *ret, void *args[]);

static void get_frame(ka_panel_base *b, void *ret, void *args[])
{
    ka_uno_return_interface(ret, b->frame);
}

static void get_resource_url(ka_panel_base *b, void *ret, void *args[])
{
    rtl_uString_acquire(b->url);
    *(rtl_uString **)ret = b->url;
}

static void get_type(ka_panel_base *b, void *ret, void *args[])
{
    *(sal_Int16 *)ret = 7; /* com.sun.star.ui.UIElementType.TOOLPANEL */
}

static void get_real_interface(ka_panel_base *b, void *ret, void *args[])
{
    ka_uno_return_interface(ret, &b->object.iface);
}

static void get_window(ka_panel_base *b, void *ret, void *args[])
{
    ka_uno_return_interface(ret, b->window);
}

static void create_accessible(ka_panel_base *b, void *ret, void *args[])
{
    *(uno_Interface **)ret =
        b->window ? ka_uno_query(b->window, "com.sun.star.accessibility.XAccessible") : NULL;
}

/* getHeightForWidth(width): the deck places the panel at this width next,
 * so the form is laid out at it now. */
static void height_for_width(ka_panel_base *b, void *ret, void *args[])
{
    sal_Int32 width = *(sal_Int32 *)args[0];
    if (b->window && width > 0) {
        b->width = width;
        b->height = b->ops->layout(b, width);
    }
    sal_Int32 *size = ret; /* LayoutSize: Minimum, Maximum, Preferred */
    size[0] = size[1] = size[2] = b->height;
}

static void minimal_width(ka_panel_base *b, void *ret, void *args[])
{
    *(sal_Int32 *)ret = b->ops->minimal_width(b);
}

static void window_resized(ka_panel_base *b, void *ret, void *args[])
{
    if (b->window)
        b->ops->resized(b);
}

static void dispose(ka_panel_base *b, void *ret, void *args[])
{
    ka_panel_base_release(b);
}

/* windowMoved, windowShown, windowHidden, disposing (of what the panel
 * listens to), add/removeEventListener (nobody is told of the dispose). */
static void ignore(ka_panel_base *b, void *ret, void *args[])
{
}

static const struct {
    const char *name;
    member_fn *fn;
} members[] = {
    {"Frame", get_frame},
    {"ResourceURL", get_resource_url},
    {"Type", get_type},
    {"getRealInterface", get_real_interface},
    {"Window", get_window},
    {"createAccessible", create_accessible},
    {"getHeightForWidth", height_for_width},
    {"getMinimalWidth", minimal_width},
    {"windowResized", window_resized},
    {"windowMoved", ignore},
    {"windowShown", ignore},
    {"windowHidden", ignore},
    {"disposing", ignore},
    {"dispose", dispose},
    {"addEventListener", ignore},
    {"removeEventListener", ignore},
};

void ka_panel_base_member(ka_uno_object *self, const typelib_TypeDescription *member, void *ret,
                          void *args[], uno_Any **exc)
{
    char name[128];
    ka_uno_member_name(member, name, sizeof name);
    for (size_t i = 0; i < sizeof members / sizeof *members; i++)
        if (strcmp(name, members[i].name) == 0) {
            members[i].fn((ka_panel_base *)self, ret, args);
            return;
        }
    ka_uno_throw(exc, KA_UNO_RUNTIME, "member not implemented");
}
