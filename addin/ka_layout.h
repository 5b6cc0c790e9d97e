/* ka_layout.h - the dossier form laid out for the width the sidebar gives
 * it, at run time, from the field table (registration/DossierPanel.xdl
 * only names the controls; its positions are for the dialog editor).
 *
 * Every control spans the width it is given and grows with it: labels sit
 * beside their fields while both fit and above them (wrapped) when not,
 * check boxes and messages wrap, buttons flow onto the next row, and the
 * form grows downwards only, so the sidebar scrolls it vertically and
 * never sideways.  Sizes are in pixels of the form's window, measured
 * from the controls themselves (their font, the office's theme).
 *
 * Main thread only (the panel's events and the sidebar's layout calls);
 * every function calls into LibreOffice.  The only state is the caller's
 * ka_layout_memo. */
#ifndef KA_LAYOUT_H
#define KA_LAYOUT_H

#include "ka_form.h"

/* What the controls were last placed for (the caller's, zeroed at first):
 * only the status line and the refusal message change between layouts at
 * one width, so a layout whose width, status height and message are those
 * is not made again (a cursor move costs two measurements, not a pass
 * over some 150 controls), and when only the status line's height changed
 * the controls below it are moved by the difference.  The sidebar asks
 * each height twice, without and with its scroll bar (two widths 16 px
 * apart), so the height at the other width, measured under the same
 * texts, is kept too. */
typedef struct ka_layout_memo {
    bool placed;
    sal_Int32 width, status, message, height;          /* status, message: their heights */
    sal_Int32 text;                                    /* the height of one line of a label */
    sal_Int32 buttons_y;                               /* the top of the New, Delete, Save rows */
    sal_Int32 status_y, status_box;                    /* where the status line is: top, height */
    char problem[128];                                 /* the field the message is under */
    sal_Int32 other_width, other_status, other_height; /* other_width 0: none */
} ka_layout_memo;

/* The height the form needs at width (pixels).  When apply, moves and
 * sizes every control to it (unless memo says they are already there, or
 * only the status line below its buttons changed height: then the
 * controls below it move by the difference) and shows the refusal message
 * under its field (hidden when there is none).  Without apply, the height
 * is taken from memo when it knows it and nothing is placed. */
sal_Int32 ka_layout_form(ka_form *f, ka_layout_memo *memo, sal_Int32 width, bool apply);

/* The width the controls were last placed for; 0 before the first layout. */
sal_Int32 ka_layout_placed_width(const ka_layout_memo *memo);

/* The narrowest width at which every control is still whole: the widest
 * button, which cannot wrap, and its margins. */
sal_Int32 ka_layout_min_width(const ka_form *f);

/* When f->focus_problem (then cleared): gives the refused field the focus
 * and scrolls the sidebar to it (ka_control_focus).  After the sidebar
 * placed the form at its new height. */
void ka_layout_focus_problem(ka_form *f);

/* The width to open with: every label beside its field, each field wide
 * enough to read (at most 400 px). */
sal_Int32 ka_layout_comfortable_width(const ka_form *f);

#endif
