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
#include "ka_panel_base.h"
#include "ka_uno.h"

#include <stdatomic.h>

typedef struct ka_panel {
    ka_panel_base base; /* the form's window (made from the .xdl), frame, parent, width, height */
    uno_Interface *controller, *model; /* owned references */
    uno_Interface *sidebar; /* the sidebar's XSidebar, asked to lay out again (owned), or NULL */
    ka_layout_memo layout;  /* what its controls were last placed for */
    char **ids;             /* clients with a profile, as listed (owned) */
    size_t nids;
    size_t *shown; /* indices into ids passing the filter, in list order */
    size_t nshown;
    char *current; /* client in the form, or NULL */
    ka_form form;  /* its container and the profile being edited */
    bool delete_armed;
    ka_dossier *saved; /* the form's profile as shown or last saved (owned): what unsaved edits
                          differ from */
    char *missing;     /* the cursor's client that has no profile, shown as such (owned), or NULL */
    char *leave_to;    /* where the user went with unsaved edits (owned, "" for New): going there
                          again discards them */
    bool edited;       /* the user changed a field since the form was shown (the status said so) */
    long id_col;       /* the column the client ids were last found in, -1 */
    long last_cell[3]; /* sheet, column, row of the cursor last followed: Calc reports one move
                          more than once */
    bool explained;    /* the status line says why a cell fails */
    bool watching;     /* the panel listens to the document's properties */
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

/* Follows the cell cursor (selection: the controller's selection,
 * borrowed).  The row's client is the first id of a client with a profile
 * in its cells A..Z, looking first at the cursor's own column: its profile
 * is shown.  Else the id in the client id column (headed by one of
 * KA_MSG_ID_HEADINGS in the sheet's first row, or where ids were last
 * found) is a client without a profile: "No profile for <id>", an empty
 * form and the New button labelled Create.  With unsaved edits the form
 * stays and asks first (going there again discards them).  On a cell whose
 * toolkit formula shows an error the status line says why
 * (ka_panel_explain). */
void ka_panel_follow_cursor(ka_panel *p, uno_Interface *selection);

/* A client picked in the list (an index into p->shown): shown, unless the
 * form has unsaved edits and this is the first pick of that client since
 * (then the form stays and asks). */
void ka_panel_pick(ka_panel *p, size_t pos);

/* Takes the form as it is now as unedited: a copy of p->form.work in
 * p->saved (none when out of memory: the form then counts as edited). */
void ka_panel_mark_unedited(ka_panel *p);

/* The user changed a field (a text listener's event): the status line
 * says the form has unsaved changes, once. */
void ka_panel_edited(ka_panel *p);

/* Adds (on) or removes the panel as the text listener of every field of
 * the form. */
void ka_panel_listen_fields(ka_panel *p, bool on);

/* Says in the status line why the cell selection (borrowed) shows an
 * error when it is one cell whose formula calls the toolkit: the first
 * toolkit call's remembered failure (ka_calls_why) matched by the values
 * of its arguments read from sheet (borrowed; references on other sheets
 * through the document), in the panel's language (ka_panel_why.c).  False
 * (nothing said) for any other cell. */
bool ka_panel_explain(ka_panel *p, uno_Interface *selection, uno_Interface *sheet);

/* The buttons: New (Create in the no-profile state; prefilled with the
 * row's client id, or the current cell's, and the name from the row: the
 * column headed by one of KA_MSG_NAME_HEADINGS, else the cell right of the
 * id; with unsaved edits it asks first), Save, Delete (asks once, then
 * removes). */
void ka_panel_new(ka_panel *p);
void ka_panel_save(ka_panel *p);
void ka_panel_delete(ka_panel *p);
/* A record handler (KA_FORM_ON_*_RECORD + section key); false when method
 * is none. */
bool ka_panel_record_action(ka_panel *p, const char *method);

#endif
