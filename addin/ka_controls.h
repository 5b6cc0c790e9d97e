/* ka_controls.h - typed wrappers of the awt calls the panel makes on the
 * controls of its form, found by name in the form's XControlContainer.
 *
 * container is always the form's com.sun.star.awt.XControlContainer
 * (borrowed).  Every function calls into LibreOffice: the main thread,
 * no lock held. */
#ifndef KA_CONTROLS_H
#define KA_CONTROLS_H

#include "ka_status.h"
#include "ka_uno.h"

/* The control named name queried for iface: a new reference the caller
 * releases with ka_uno_release, or NULL when there is no such control or
 * it lacks the interface. */
uno_Interface *ka_control(uno_Interface *container, const char *name, const char *iface);

/* Sets the text of a text field, a label or a button (UTF-8; NULL is "").
 * KA_ERR_NOMEM (the control keeps its text), KA_ERR_ARG when there is no
 * such control or it refused. */
ka_status ka_control_set_text(uno_Interface *container, const char *name, const char *utf8);

/* The text of a text field: *out is malloc'ed UTF-8 (caller free()s).
 * KA_ERR_NOMEM, or KA_ERR_ARG when there is no such field or it could not
 * be read; *out is NULL then, never a "" that would unset a field. */
ka_status ka_control_get_text(uno_Interface *container, const char *name, char **out);

/* Replaces the items of a list box with n UTF-8 items and selects item
 * select (-1: none).  KA_ERR_NOMEM (the list is left empty),
 * KA_ERR_ARG when there is no such list. */
ka_status ka_control_list_fill(uno_Interface *container, const char *name, char *const *items,
                               size_t n, long select);

/* Selects item pos of a list box (no event is caused for the panel to
 * act on: the caller ignores events while it fills the form). */
void ka_control_list_select(uno_Interface *container, const char *name, long pos);

/* The selected item of a list box, -1 when none or no such list. */
long ka_control_list_selected(uno_Interface *container, const char *name);

#endif
