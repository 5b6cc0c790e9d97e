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

/* True when the form has a control of that name. */
bool ka_control_exists(uno_Interface *container, const char *name);

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

/* Inserts an item (UTF-8) into a list box at position pos.  KA_ERR_NOMEM,
 * KA_ERR_ARG when there is no such list. */
ka_status ka_control_list_insert(uno_Interface *container, const char *name, const char *utf8,
                                 long pos);

/* Selects item pos of a list box (no event is caused for the panel to
 * act on: the caller ignores events while it fills the form). */
void ka_control_list_select(uno_Interface *container, const char *name, long pos);

/* The selected item of a list box, -1 when none or no such list. */
long ka_control_list_selected(uno_Interface *container, const char *name);

/* The state of a check box: true when it is ticked (false also when there is
 * no such check box). */
bool ka_control_checked(uno_Interface *container, const char *name);
/* Ticks or clears a check box; KA_ERR_ARG when there is no such check box. */
ka_status ka_control_set_checked(uno_Interface *container, const char *name, bool on);

/* ---- geometry, in pixels of the form's window ---- */

/* A control's position and size. */
typedef struct ka_control_box {
    sal_Int32 x, y, width, height;
} ka_control_box;

/* The size the control needs: for a label or a check box that wraps
 * (multi-line), the size of its text wrapped to width (> 0), else its
 * preferred size (width <= 0).  {0, 0} when there is no such control. */
ka_control_box ka_control_needs(uno_Interface *container, const char *name, sal_Int32 width);
/* Moves and sizes a control and shows it (a zero height hides it); no
 * effect when there is no such control. */
void ka_control_place(uno_Interface *container, const char *name, ka_control_box box);
/* Moves every shown control of container whose top is at or below y down by dy
 * pixels (up when negative), keeping its size: when one control above
 * them grew, without measuring any of them again. */
void ka_control_shift_below(uno_Interface *container, sal_Int32 y, sal_Int32 dy);
/* Gives a control the keyboard focus and, when it lies outside what the
 * sidebar shows, scrolls the sidebar's deck to it.  The deck's scroll bar
 * has no API of its own: it is found as the nearest tall, narrow scroll
 * bar among the control's accessible ancestors' children and moved
 * through its XAccessibleValue (LibreOffice 7.4 and 25.2); nothing is
 * scrolled when there is none. */
void ka_control_focus(uno_Interface *container, const char *name);

#endif
