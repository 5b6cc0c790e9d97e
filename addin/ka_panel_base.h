/* ka_panel_base.h - what the two panels of the "Key accounts" deck (the
 * dossier panel, ka_sidebar.c, and the Review panel, ka_review_panel.c)
 * share as UNO objects: their form window made from an .xdl, the members
 * of XUIElement, XToolPanel and XSidebarPanel, the window listener's
 * events, dispose, and the references they hold.
 *
 * A panel embeds ka_panel_base as its first member, lists
 * KA_PANEL_BASE_INTERFACES among its interfaces and sets
 * ka_panel_base_member as its class's fallback: the base answers every
 * shared member the panel's own method table does not name.  Main thread
 * only (LibreOffice calls panels there). */
#ifndef KA_PANEL_BASE_H
#define KA_PANEL_BASE_H

#include "ka_uno.h"

typedef struct ka_panel_base ka_panel_base;

/* What differs between the panels. */
typedef struct ka_panel_ops {
    /* Lays the form out at width (pixels) and sizes its window to it;
     * returns the form's height. */
    sal_Int32 (*layout)(ka_panel_base *b, sal_Int32 width);
    /* The parent window was resized: lays the form out again. */
    void (*resized)(ka_panel_base *b);
    /* Drops the panel's own references (before the base drops its own). */
    void (*release)(ka_panel_base *b);
    /* getMinimalWidth: the narrowest width the panel wants, in pixels. */
    sal_Int32 (*minimal_width)(ka_panel_base *b);
} ka_panel_ops;

struct ka_panel_base {
    ka_uno_object object;
    const ka_panel_ops *ops;
    uno_Interface *ctx, *frame, *parent; /* owned; frame an XFrame, parent an XWindow */
    uno_Interface *window;               /* the form: a container window (owned), or NULL */
    rtl_uString *url;                    /* the resource URL (owned) */
    sal_Int32 width;                     /* the deck's width, as getHeightForWidth last asked; 0 */
    sal_Int32 height;                    /* of the form as last laid out */
};

#define KA_PANEL_BASE_INTERFACES                                                                   \
    "com.sun.star.ui.XUIElement", "com.sun.star.ui.XToolPanel", "com.sun.star.ui.XSidebarPanel",   \
        "com.sun.star.lang.XComponent", "com.sun.star.awt.XContainerWindowEventHandler",           \
        "com.sun.star.awt.XWindowListener", "com.sun.star.lang.XEventListener"

/* Initialises b (calloc'ed by the caller) as an object of cls with ops
 * (both static): acquires context and url (borrowed), takes Frame and
 * ParentWindow from the factory's creation arguments args (borrowed).
 * False when either is missing; b is then still released as usual. */
bool ka_panel_base_init(ka_panel_base *b, const ka_uno_class *cls, const ka_panel_ops *ops,
                        uno_Interface *context, rtl_uString *url, uno_Sequence *args);

/* The interface iface of the creation argument name (a new reference), or
 * NULL when args (borrowed) have no such interface. */
uno_Interface *ka_panel_base_argument(uno_Sequence *args, const char *name, const char *iface);

/* Creates the form from the dialog at url (an .xdl in the extension) in
 * the parent window, with the panel as its event handler, shows it and
 * listens to the parent's resizes (ops->resized).  False (b->window NULL) on failure,
 * traced under KA_TRACE. */
bool ka_panel_base_create_form(ka_panel_base *b, const char *url);

/* The class fallback: the shared members (Frame, ResourceURL, Type,
 * getRealInterface, Window, createAccessible, getHeightForWidth,
 * getMinimalWidth, windowResized and the other window events, disposing,
 * dispose, add/removeEventListener); RuntimeException for any other. */
void ka_panel_base_member(ka_uno_object *self, const typelib_TypeDescription *member, void *ret,
                          void *args[], uno_Any **exc);

/* Drops every reference of the panel (ops->release, then the base's: the
 * parent's listener, the form, disposed, the frame, the context).  Safe
 * to call again. */
void ka_panel_base_release(ka_panel_base *b);

/* For the class's destroy: ka_panel_base_release and the URL. */
void ka_panel_base_destroy(ka_panel_base *b);

#endif
