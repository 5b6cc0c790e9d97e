/* ka_controls.c - typed wrappers of awt calls on the form's controls
 * (see ka_controls.h). */
#include "ka_controls.h"

#include <stdlib.h>

#define X_CONTAINER "com.sun.star.awt.XControlContainer"
#define X_TEXT "com.sun.star.awt.XTextComponent"
#define X_FIXED "com.sun.star.awt.XFixedText"
#define X_LIST "com.sun.star.awt.XListBox"
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
