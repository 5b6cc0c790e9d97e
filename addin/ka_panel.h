/* ka_panel.h - the dossier panel's state and its actions, shared by the
 * panel object (ka_sidebar.c: UNO members, events, life cycle) and the
 * actions (ka_panel_actions.c: the client list, showing, new, save,
 * delete, records).  Private to those two files.
 *
 * Threads: LibreOffice calls the panel on the main thread only; the
 * panel holds no lock.  Profiles come from the shared cache
 * (ka_profiles.h), which locks only around its own bookkeeping. */
#ifndef KA_PANEL_H
#define KA_PANEL_H

#include "ka_form.h"
#include "ka_layout.h"
#include "ka_uno.h"

#include <stdatomic.h>

typedef struct ka_panel {
    ka_uno_object base;
    uno_Interface *ctx, *frame, *parent, *controller, *model; /* owned references */
    uno_Interface *window;  /* the form: a container window made from the .xdl (owned) */
    uno_Interface *sidebar; /* the sidebar's XSidebar, asked to lay out again (owned), or NULL */
    sal_Int32 width;        /* the deck's width for panels, as it last asked; 0 before */
    sal_Int32 height;       /* of the form as last laid out */
    ka_layout_memo layout;  /* what its controls were last placed for */
    rtl_uString *url;
    char **ids; /* clients with a profile, as listed (owned) */
    size_t nids;
    size_t *shown; /* indices into ids passing the filter, in list order */
    size_t nshown;
    char *current; /* client in the form, or NULL */
    ka_form form;  /* its container and the profile being edited */
    bool delete_armed;
    bool watching;             /* the panel listens to the document's properties */
    atomic_bool props_changed; /* they changed since the list was read */
} ka_panel;

/* Forgets the client list. */
void ka_panel_free_list(ka_panel *p);
/* Rebuilds the client list from the document, filtered by the filter
 * field, selecting the client in the form. */
void ka_panel_refresh_list(ka_panel *p);
/* True when the document's profiles may no longer be those listed
 * (another window, a macro or File > Properties changed them).  Cheap
 * while the panel listens to the document's properties: no UNO call. */
bool ka_panel_list_is_stale(ka_panel *p);

/* Loads client id (UTF-8) into the form from the cached parse, and selects
 * it in the list when select is true.  A damaged profile gives an empty
 * form and the reason, and nothing is overwritten until the user saves;
 * out of memory leaves the form as it was, with a message. */
void ka_panel_show_profile(ka_panel *p, const char *id, bool select);

/* The client with a profile whose id appears in the row of the cell
 * cursor (selection: the controller's selection, borrowed), looking first
 * at the cursor's own column: *id malloc'ed or NULL.  KA_ERR_NOMEM. */
ka_status ka_panel_cursor_client(ka_panel *p, uno_Interface *selection, char **id);

/* The buttons: New (prefilled from the current cell), Save, Delete (asks
 * once, then removes). */
void ka_panel_new(ka_panel *p);
void ka_panel_save(ka_panel *p);
void ka_panel_delete(ka_panel *p);
/* A record handler (KA_FORM_ON_*_RECORD + section key); false when method
 * is none. */
bool ka_panel_record_action(ka_panel *p, const char *method);

#endif
