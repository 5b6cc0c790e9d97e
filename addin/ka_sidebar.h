/* ka_sidebar.h - the "Key accounts" sidebar deck: the factory of its panels
 * (a com.sun.star.ui.UIElementFactory), the dossier panel itself and the
 * "Review" panel (ka_review_panel.c).
 *
 * The panel's form is registration/DossierPanel.xdl, generated from the
 * dossier field table; this module holds only behaviour: the client list,
 * loading a profile into the form, reading it back, saving it as the
 * document property, following the cell cursor. */
#ifndef KA_SIDEBAR_H
#define KA_SIDEBAR_H

#include "ka_uno.h"

#define KA_PANEL_FACTORY_IMPL "org.keyaccount.calc.PanelFactory"

extern const char *const ka_panel_factory_services[];

/* A new panel factory (one reference), or NULL when out of memory.
 * context: the component context (borrowed, acquired by the factory). */
uno_Interface *ka_panel_factory_new(uno_Interface *context);

/* The "Review" panel (private:resource/toolpanel/KeyAccountPanelFactory/
 * ReviewPanel): buttons that dispatch the commands through the frame.
 * context: borrowed; url: the resource URL (borrowed, acquired); args: the
 * factory's creation arguments (borrowed; Frame and ParentWindow are
 * needed).  A new reference, or NULL when there is no frame or window or
 * no memory. */
uno_Interface *ka_review_panel_new(uno_Interface *context, rtl_uString *url, uno_Sequence *args);

#endif
