/* ka_controls.c - typed wrappers of awt calls on the form's controls
 * (see ka_controls.h). */
#include "ka_controls.h"

#include <stdlib.h>

#define X_CONTAINER "com.sun.star.awt.XControlContainer"
#define X_TEXT "com.sun.star.awt.XTextComponent"
#define X_FIXED "com.sun.star.awt.XFixedText"
#define X_LIST "com.sun.star.awt.XListBox"
#define X_CHECK "com.sun.star.awt.XCheckBox"
#define X_WINDOW "com.sun.star.awt.XWindow"
#define X_WINDOW2 "com.sun.star.awt.XWindow2"
#define X_LAYOUT "com.sun.star.awt.XLayoutConstrains"
#define X_BUTTON "com.sun.star.awt.XButton"

uno_Interface *ka_control(uno_Interface *container, const char *name, const char *iface)
{
    rtl_uString *n = NULL;
    if (!container || ka_uno_string_from_utf8(name, (size_t)-1, &n) != KA_OK)
        return NULL;
    void *args[1] = {&n};
    uno_Interface *ctl = NULL;
    if (!ka_uno_call(container, X_CONTAINER, "getControl", &ctl, args, NULL))
        ctl = NULL;
    rtl_uString_release(n);
    uno_Interface *q = ctl ? ka_uno_query(ctl, iface) : NULL;
    ka_uno_release(ctl);
    return q;
}

bool ka_control_exists(uno_Interface *container, const char *name)
{
    uno_Interface *c = ka_control(container, name, "com.sun.star.uno.XInterface");
    ka_uno_release(c);
    return c != NULL;
}

ka_status ka_control_set_text(uno_Interface *container, const char *name, const char *utf8)
{
    rtl_uString *s = NULL;
    ka_status st = ka_uno_string_from_utf8(utf8 ? utf8 : "", (size_t)-1, &s);
    if (st != KA_OK)
        return st;
    void *args[1] = {&s};
    uno_Interface *t = ka_control(container, name, X_TEXT);
    bool ok = false;
    if (t)
        ok = ka_uno_call(t, X_TEXT, "setText", NULL, args, NULL);
    else if ((t = ka_control(container, name, X_FIXED)) != NULL)
        ok = ka_uno_call(t, X_FIXED, "setText", NULL, args, NULL);
    else if ((t = ka_control(container, name, X_BUTTON)) != NULL)
        ok = ka_uno_call(t, X_BUTTON, "setLabel", NULL, args, NULL);
    ka_uno_release(t);
    rtl_uString_release(s);
    return ok ? KA_OK : KA_ERR_ARG;
}

ka_status ka_control_get_text(uno_Interface *container, const char *name, char **out)
{
    *out = NULL;
    uno_Interface *t = ka_control(container, name, X_TEXT);
    rtl_uString *s = NULL;
    ka_status st = KA_ERR_ARG;
    if (t && ka_uno_call(t, X_TEXT, "getText", &s, NULL, NULL)) {
        *out = ka_uno_string_utf8(s, NULL);
        st = *out ? KA_OK : KA_ERR_NOMEM;
        rtl_uString_release(s);
    }
    ka_uno_release(t);
    return st;
}

ka_status ka_control_list_fill(uno_Interface *container, const char *name, char *const *items,
                               size_t n, long select)
{
    uno_Interface *lb = ka_control(container, name, X_LIST);
    if (!lb)
        return KA_ERR_ARG;
    sal_Int16 count = 0, zero = 0;
    ka_uno_call(lb, X_LIST, "getItemCount", &count, NULL, NULL);
    void *rm_args[2] = {&zero, &count};
    ka_uno_call(lb, X_LIST, "removeItems", NULL, rm_args, NULL);
    typelib_TypeDescriptionReference *t = ka_uno_type(typelib_TypeClass_SEQUENCE, "[]string");
    uno_Sequence *seq = NULL;
    ka_status st = KA_ERR_NOMEM;
    if (n <= 0x7fff && uno_type_sequence_construct(&seq, t, NULL, (sal_Int32)n, NULL)) {
        st = KA_OK;
        for (size_t i = 0; i < n && st == KA_OK; i++)
            st = ka_uno_string_from_utf8(items[i], (size_t)-1,
                                         &KA_UNO_SEQ_AT(seq, rtl_uString *, i));
        if (st == KA_OK) {
            void *add_args[2] = {&seq, &zero};
            ka_uno_call(lb, X_LIST, "addItems", NULL, add_args, NULL);
        } else { /* the sequence's destructor needs every element set */
            for (size_t i = 0; i < n; i++)
                if (!KA_UNO_SEQ_AT(seq, rtl_uString *, i))
                    rtl_uString_new(&KA_UNO_SEQ_AT(seq, rtl_uString *, i));
        }
        ka_uno_sequence_release(seq, t);
    }
    typelib_typedescriptionreference_release(t);
    if (st == KA_OK && select >= 0)
        ka_control_list_select(container, name, select);
    ka_uno_release(lb);
    return st;
}

ka_status ka_control_list_insert(uno_Interface *container, const char *name, const char *utf8,
                                 long pos)
{
    rtl_uString *s = NULL;
    uno_Interface *lb = ka_control(container, name, X_LIST);
    ka_status st = lb ? ka_uno_string_from_utf8(utf8, (size_t)-1, &s) : KA_ERR_ARG;
    sal_Int16 at = pos < 0 ? 0 : pos > 0x7fff ? 0x7fff : (sal_Int16)pos;
    void *args[2] = {&s, &at};
    if (st == KA_OK && !ka_uno_call(lb, X_LIST, "addItem", NULL, args, NULL))
        st = KA_ERR_ARG;
    if (s)
        rtl_uString_release(s);
    ka_uno_release(lb);
    return st;
}

void ka_control_list_select(uno_Interface *container, const char *name, long pos)
{
    uno_Interface *lb = ka_control(container, name, X_LIST);
    if (!lb || pos < 0 || pos > 0x7fff) {
        ka_uno_release(lb);
        return;
    }
    sal_Int16 p = (sal_Int16)pos;
    sal_Bool yes = 1;
    void *args[2] = {&p, &yes};
    ka_uno_call(lb, X_LIST, "selectItemPos", NULL, args, NULL);
    ka_uno_release(lb);
}

long ka_control_list_selected(uno_Interface *container, const char *name)
{
    uno_Interface *lb = ka_control(container, name, X_LIST);
    sal_Int16 pos = -1;
    if (lb)
        ka_uno_call(lb, X_LIST, "getSelectedItemPos", &pos, NULL, NULL);
    ka_uno_release(lb);
    return pos;
}

bool ka_control_checked(uno_Interface *container, const char *name)
{
    uno_Interface *cb = ka_control(container, name, X_CHECK);
    sal_Int16 state = 0;
    if (cb)
        ka_uno_call(cb, X_CHECK, "getState", &state, NULL, NULL);
    ka_uno_release(cb);
    return state == 1;
}

ka_status ka_control_set_checked(uno_Interface *container, const char *name, bool on)
{
    uno_Interface *cb = ka_control(container, name, X_CHECK);
    sal_Int16 state = on ? 1 : 0;
    void *args[1] = {&state};
    bool ok = cb && ka_uno_call(cb, X_CHECK, "setState", NULL, args, NULL);
    ka_uno_release(cb);
    return ok ? KA_OK : KA_ERR_ARG;
}

ka_control_box ka_control_needs(uno_Interface *container, const char *name, sal_Int32 width)
{
    struct {
        sal_Int32 width, height;
    } size = {0, 0}, max = {width, 0};
    uno_Interface *lc = ka_control(container, name, X_LAYOUT);
    void *args[1] = {&max};
    if (lc && !(width > 0 ? ka_uno_call(lc, X_LAYOUT, "calcAdjustedSize", &size, args, NULL)
                          : ka_uno_call(lc, X_LAYOUT, "getPreferredSize", &size, NULL, NULL)))
        size.width = size.height = 0;
    ka_uno_release(lc);
    return (ka_control_box){0, 0, size.width, size.height};
}

void ka_control_place(uno_Interface *container, const char *name, ka_control_box box)
{
    uno_Interface *w = ka_control(container, name, X_WINDOW);
    if (!w)
        return;
    sal_Int16 flags = 15; /* com.sun.star.awt.PosSize.POSSIZE */
    sal_Bool visible = box.height > 0;
    void *args[5] = {&box.x, &box.y, &box.width, &box.height, &flags};
    void *vargs[1] = {&visible};
    if (visible)
        ka_uno_call(w, X_WINDOW, "setPosSize", NULL, args, NULL);
    ka_uno_call(w, X_WINDOW, "setVisible", NULL, vargs, NULL);
    ka_uno_release(w);
}

void ka_control_shift_below(uno_Interface *container, sal_Int32 y, sal_Int32 dy)
{
    uno_Interface *cc = container ? ka_uno_query(container, X_CONTAINER) : NULL;
    uno_Sequence *controls = NULL;
    if (!cc || !ka_uno_call(cc, X_CONTAINER, "getControls", &controls, NULL, NULL)) {
        ka_uno_release(cc);
        return;
    }
    ka_uno_release(cc);
    for (sal_Int32 i = 0; i < controls->nElements; i++) {
        uno_Interface *ctl = KA_UNO_SEQ_AT(controls, uno_Interface *, i);
        uno_Interface *w = ctl ? ka_uno_query(ctl, X_WINDOW2) : NULL;
        ka_control_box box = {0, 0, 0, 0};
        sal_Bool shown = 0;
        if (w && ka_uno_call(w, X_WINDOW2, "isVisible", &shown, NULL, NULL) && shown &&
            ka_uno_call(w, X_WINDOW, "getPosSize", &box, NULL, NULL) && box.y >= y) {
            sal_Int32 to = box.y + dy;
            sal_Int16 flags = 2; /* com.sun.star.awt.PosSize.Y */
            void *args[5] = {&box.x, &to, &box.width, &box.height, &flags};
            ka_uno_call(w, X_WINDOW, "setPosSize", NULL, args, NULL);
        }
        ka_uno_release(w);
    }
    typelib_TypeDescriptionReference *t =
        ka_uno_type(typelib_TypeClass_SEQUENCE, "[]com.sun.star.awt.XControl");
    ka_uno_sequence_release(controls, t);
    typelib_typedescriptionreference_release(t);
}

#define X_ACC "com.sun.star.accessibility.XAccessible"
#define X_ACC_CONTEXT "com.sun.star.accessibility.XAccessibleContext"
#define X_ACC_COMPONENT "com.sun.star.accessibility.XAccessibleComponent"
#define X_ACC_VALUE "com.sun.star.accessibility.XAccessibleValue"
#define ROLE_SCROLL_BAR 50 /* com.sun.star.accessibility.AccessibleRole.SCROLL_BAR */

/* The screen rectangle of an accessible context; false when it has none. */
static bool screen_box(uno_Interface *context, ka_control_box *box)
{
    uno_Interface *comp = context ? ka_uno_query(context, X_ACC_COMPONENT) : NULL;
    struct {
        sal_Int32 x, y;
    } at = {0, 0};
    struct {
        sal_Int32 width, height;
    } size = {0, 0};
    bool ok = comp && ka_uno_call(comp, X_ACC_COMPONENT, "getLocationOnScreen", &at, NULL, NULL) &&
              ka_uno_call(comp, X_ACC_COMPONENT, "getSize", &size, NULL, NULL);
    ka_uno_release(comp);
    *box = (ka_control_box){at.x, at.y, size.width, size.height};
    return ok;
}

/* The accessible context of an XAccessible (new reference) or NULL. */
static uno_Interface *context_of(uno_Interface *acc)
{
    uno_Interface *ctx = NULL;
    if (!acc || !ka_uno_call(acc, X_ACC, "getAccessibleContext", &ctx, NULL, NULL))
        return NULL;
    return ctx;
}

/* Child i of an accessible context, as its context (new reference) or NULL.
 * The index and the count are long in LibreOffice 7.4 and hyper from 7.5:
 * an 8-byte slot, zeroed, holds either on this little-endian platform. */
static uno_Interface *child_context(uno_Interface *ctx, sal_Int64 i)
{
    uno_Interface *acc = NULL, *out = NULL;
    void *args[1] = {&i};
    if (ka_uno_call(ctx, X_ACC_CONTEXT, "getAccessibleChild", &acc, args, NULL))
        out = context_of(acc);
    ka_uno_release(acc);
    return out;
}

/* Scrolls the nearest vertical scroll bar above context so that the box
 * (screen pixels) is in view. */
static void scroll_to(uno_Interface *context, ka_control_box box)
{
    uno_Interface *cur = context;
    ka_uno_acquire(cur);
    for (int depth = 0; cur && depth < 12; depth++) {
        uno_Interface *parent = NULL;
        if (!ka_uno_call(cur, X_ACC_CONTEXT, "getAccessibleParent", &parent, NULL, NULL))
            parent = NULL;
        ka_uno_release(cur);
        cur = context_of(parent);
        ka_uno_release(parent);
        sal_Int64 n = 0; /* long or hyper: see child_context */
        if (!cur || !ka_uno_call(cur, X_ACC_CONTEXT, "getAccessibleChildCount", &n, NULL, NULL))
            break;
        for (sal_Int64 i = 0; i < n && i < 8; i++) {
            uno_Interface *kid = child_context(cur, i);
            sal_Int16 role = 0;
            ka_control_box bar, view;
            if (kid && ka_uno_call(kid, X_ACC_CONTEXT, "getAccessibleRole", &role, NULL, NULL) &&
                role == ROLE_SCROLL_BAR && screen_box(kid, &bar) && bar.height > bar.width &&
                screen_box(cur, &view)) {
                uno_Interface *value = ka_uno_query(kid, X_ACC_VALUE);
                uno_Any now;
                double pos = 0;
                if (value && ka_uno_call(value, X_ACC_VALUE, "getCurrentValue", &now, NULL, NULL)) {
                    ka_uno_any_number(&now, &pos);
                    uno_any_destruct(&now, NULL);
                }
                sal_Int32 to = (sal_Int32)pos;
                if (box.y < view.y || box.y + box.height > view.y + view.height)
                    to += box.y - view.y - box.height; /* a line of room above it */
                if (to < 0)
                    to = 0;
                uno_Any any;
                typelib_TypeDescriptionReference *t = ka_uno_type(typelib_TypeClass_LONG, "long");
                uno_type_any_construct(&any, &to, t, NULL);
                typelib_typedescriptionreference_release(t);
                void *args[1] = {&any};
                sal_Bool done = 0;
                if (value && to != (sal_Int32)pos)
                    ka_uno_call(value, X_ACC_VALUE, "setCurrentValue", &done, args, NULL);
                uno_any_destruct(&any, NULL);
                ka_uno_release(value);
                ka_uno_release(kid);
                ka_uno_release(cur);
                return;
            }
            ka_uno_release(kid);
        }
    }
    ka_uno_release(cur);
}

void ka_control_focus(uno_Interface *container, const char *name)
{
    uno_Interface *w = ka_control(container, name, X_WINDOW);
    if (w)
        ka_uno_call(w, X_WINDOW, "setFocus", NULL, NULL, NULL);
    ka_uno_release(w);
    uno_Interface *ctl = ka_control(container, name, "com.sun.star.awt.XControl"), *peer = NULL;
    if (!ctl || !ka_uno_call(ctl, "com.sun.star.awt.XControl", "getPeer", &peer, NULL, NULL))
        peer = NULL;
    uno_Interface *acc = peer ? ka_uno_query(peer, X_ACC) : NULL, *ctx = context_of(acc);
    ka_control_box box;
    if (ctx && screen_box(ctx, &box))
        scroll_to(ctx, box);
    ka_uno_release(ctx);
    ka_uno_release(acc);
    ka_uno_release(peer);
    ka_uno_release(ctl);
}
