/* ka_panel_why.c - why the cell under the cursor shows an error: its
 * formula's first toolkit call, the values of its arguments hashed as the
 * add-in hashed them when the call failed, and the reason the add-in
 * remembered (ka_calls_why), in the panel's language (see ka_panel.h). */
#include "ka_panel.h"

#include "ka_addin.h"
#include "ka_args.h"
#include "ka_calls.h"
#include "ka_formula_scan.h"
#include "ka_i18n.h"

#include <ctype.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>

#define X_CELL "com.sun.star.table.XCell"
#define X_RANGE "com.sun.star.table.XCellRange"

/* The cell range named ref ("B2", "$A$1:$C$9", "Sheet2.A1:A4",
 * "$'My sheet'.B2") on sheet or the sheet it names (new reference), or
 * NULL when ref is not a reference. */
static uno_Interface *named_range(ka_panel *p, uno_Interface *sheet, const char *ref, size_t n)
{
    char buf[256];
    if (n == 0 || n >= sizeof buf)
        return NULL;
    memcpy(buf, ref, n);
    buf[n] = '\0';
    const char *cells = buf;
    uno_Interface *target = sheet, *other = NULL;
    char *dot = strrchr(buf, '.');
    if (dot) { /* a sheet's name first: '$' and quotes around it are not part of it */
        *dot = '\0';
        cells = dot + 1;
        char *name = buf + (buf[0] == '$');
        size_t len = strlen(name);
        if (len >= 2 && name[0] == '\'' && name[len - 1] == '\'') {
            name[len - 1] = '\0';
            name++;
        }
        uno_Interface *supplier = ka_uno_query(p->model, "com.sun.star.sheet.XSpreadsheetDocument"),
                      *sheets = NULL;
        if (supplier)
            ka_uno_call(supplier, "com.sun.star.sheet.XSpreadsheetDocument", "getSheets", &sheets,
                        NULL, NULL);
        uno_Interface *names =
            sheets ? ka_uno_query(sheets, "com.sun.star.container.XNameAccess") : NULL;
        rtl_uString *s = NULL;
        uno_Any any;
        if (names && ka_uno_string_from_utf8(name, (size_t)-1, &s) == KA_OK) {
            void *args[1] = {&s};
            if (ka_uno_call(names, "com.sun.star.container.XNameAccess", "getByName", &any, args,
                            NULL)) {
                if (any.pType->eTypeClass == typelib_TypeClass_INTERFACE)
                    other = ka_uno_query(*(uno_Interface **)any.pData, X_RANGE);
                uno_any_destruct(&any, NULL);
            }
            rtl_uString_release(s);
        }
        ka_uno_release(names);
        ka_uno_release(sheets);
        ka_uno_release(supplier);
        target = other;
    }
    /* only cell references: letters, digits, '$' and one ':' */
    if (!*cells ||
        strspn(cells, "$:ABCDEFGHIJKLMNOPQRSTUVWXYZabcdefghijklmnopqrstuvwxyz0123456789") !=
            strlen(cells) ||
        !isalpha((unsigned char)cells[cells[0] == '$'])) {
        ka_uno_release(other);
        return NULL;
    }
    uno_Interface *range = NULL, *cr = target ? ka_uno_query(target, X_RANGE) : NULL;
    rtl_uString *s = NULL;
    if (cr && ka_uno_string_from_utf8(cells, (size_t)-1, &s) == KA_OK) {
        void *args[1] = {&s};
        if (!ka_uno_call(cr, X_RANGE, "getCellRangeByName", &range, args, NULL))
            range = NULL;
        rtl_uString_release(s);
    }
    ka_uno_release(cr);
    ka_uno_release(other);
    return range;
}

/* A string literal's value ("a""b" is a"b) as a UNO string, or NULL. */
static rtl_uString *literal_text(const char *t, size_t n)
{
    char *buf = malloc(n + 1);
    if (!buf)
        return NULL;
    size_t k = 0;
    for (size_t i = 1; i + 1 < n; i++) {
        buf[k++] = t[i];
        if (t[i] == '"')
            i++; /* the doubled quote */
    }
    buf[k] = '\0';
    rtl_uString *s = NULL;
    if (ka_uno_string_from_utf8(buf, k, &s) != KA_OK)
        s = NULL;
    free(buf);
    return s;
}

/* Feeds argument text t (n bytes) of kind into h as the add-in received
 * it (ka_calls.c, remember_failure); false when its value cannot be known
 * here (an expression, a name, a kind it cannot be). */
static bool hash_argument(ka_panel *p, uno_Interface *sheet, ka_arg_kind kind, const char *t,
                          size_t n, ka_arg_hash *h)
{
    if (n == 0) { /* omitted: Calc passes void to an optional any */
        if (kind != KA_ARG_OPTIONAL)
            return false;
        ka_arg_hash_empty(h);
        return true;
    }
    char num[64], *end = NULL;
    if (n < sizeof num && (isdigit((unsigned char)t[0]) || t[0] == '-' || t[0] == '.')) {
        memcpy(num, t, n);
        num[n] = '\0';
        double x = strtod(num, &end);
        if (*end || kind == KA_ARG_TEXT)
            return false;
        if (kind == KA_ARG_NUMBERS || kind == KA_ARG_CELLS)
            ka_arg_hash_shape(h, 1, 1);
        ka_arg_hash_number(h, x);
        return true;
    }
    if (t[0] == '"' && n >= 2 && t[n - 1] == '"') {
        rtl_uString *s = kind == KA_ARG_NUMBERS ? NULL : literal_text(t, n);
        if (!s)
            return false;
        if (kind == KA_ARG_CELLS)
            ka_arg_hash_shape(h, 1, 1);
        ka_arg_hash_text(h, (const uint16_t *)s->buffer, (size_t)s->length);
        rtl_uString_release(s);
        return true;
    }
    uno_Interface *range = named_range(p, sheet, t, n);
    uno_Interface *data = range ? ka_uno_query(range, "com.sun.star.sheet.XCellRangeData") : NULL;
    uno_Sequence *rows = NULL;
    bool ok = data && ka_uno_call(data, "com.sun.star.sheet.XCellRangeData", "getDataArray", &rows,
                                  NULL, NULL);
    ka_uno_release(data);
    ka_uno_release(range);
    if (!ok)
        return false;
    size_t nr, nc;
    ka_matrix_shape(rows, &nr, &nc);
    const uno_Any *first =
        nr && nc ? &KA_UNO_SEQ_AT(KA_UNO_SEQ_AT(rows, uno_Sequence *, 0), uno_Any, 0) : NULL;
    if (kind == KA_ARG_VALUE && nr * nc == 1) {
        ka_args_hash_any(h, first); /* the single form (ka_value_arg_view) */
    } else if (kind == KA_ARG_TEXT) {
        ok = nr * nc == 1 && first->pType->eTypeClass == typelib_TypeClass_STRING;
        if (ok)
            ka_args_hash_any(h, first);
    } else if (kind == KA_ARG_NUMBERS) { /* text and empty cells arrive as 0 */
        ka_arg_hash_shape(h, nr, nc);
        for (size_t i = 0; i < nr; i++) {
            uno_Sequence *row = KA_UNO_SEQ_AT(rows, uno_Sequence *, i);
            for (sal_Int32 j = 0; j < row->nElements; j++) {
                const uno_Any *a = &KA_UNO_SEQ_AT(row, uno_Any, j);
                ka_arg_hash_number(h, a->pType->eTypeClass == typelib_TypeClass_DOUBLE
                                          ? *(const double *)a->pData
                                          : 0);
            }
        }
    } else { /* a range into an any or a sequence<sequence<any>>: the array */
        ka_args_hash_matrix(h, rows, false);
    }
    ka_uno_sequence_release(rows, ka_uno_matrix_any_type());
    return ok;
}

/* The hash of the arguments of call fn whose '(' is at open in formula,
 * into *out; false when one of them cannot be known. */
static bool hash_call(ka_panel *p, uno_Interface *sheet, const ka_func_info *fn,
                      const char *formula, size_t len, size_t open, uint64_t *out)
{
    size_t spans[KA_MAX_NARGS][2];
    size_t n = ka_formula_call_args(formula, len, open, spans, KA_MAX_NARGS);
    if (n == (size_t)-1)
        return false;
    ka_arg_hash h;
    ka_arg_hash_init(&h);
    size_t k = 0;
    for (size_t a = 0; a < fn->n_args; a++) {
        if (fn->args[a].kind == KA_ARG_CALLER)
            continue;
        ka_arg_hash_next(&h);
        const char *t = k < n ? formula + spans[k][0] : "";
        size_t tn = k < n ? spans[k][1] - spans[k][0] : 0;
        k++;
        if (!hash_argument(p, sheet, fn->args[a].kind, t, tn, &h))
            return false;
    }
    *out = h.h;
    return k >= n;
}

/* The add-in's English reason in language lang into buf: the translation
 * of the row of KA_MSG_WHY_FIRST .. KA_MSG_WHY_LAST it is (a row with one
 * "%s" matches around it), else the English as it is. */
static void translate_reason(const char *lang, const char *english, char *buf, size_t size)
{
    size_t elen = strlen(english);
    for (int id = KA_MSG_WHY_FIRST; id <= KA_MSG_WHY_LAST; id++) {
        const char *fmt = ka_messages[id].text, *hole = strstr(fmt, "%s");
        if (!hole) {
            if (strcmp(fmt, english) == 0) {
                snprintf(buf, size, "%s", ka_msg(lang, (ka_msg_id)id));
                return;
            }
            continue;
        }
        size_t pre = (size_t)(hole - fmt), post = strlen(hole + 2);
        if (elen >= pre + post && strncmp(english, fmt, pre) == 0 &&
            strcmp(english + elen - post, hole + 2) == 0) {
            char piece[KA_FAILURE_REASON_MAX];
            snprintf(piece, sizeof piece, "%.*s", (int)(elen - pre - post), english + pre);
            snprintf(buf, size, ka_msg(lang, (ka_msg_id)id), piece);
            return;
        }
    }
    snprintf(buf, size, "%s", english);
}

/* The error as the cell shows it (Calc's words in its interface language,
 * e.g. "Kļūda:502" in Latvian), else Calc's English form of code err. */
static void error_text(uno_Interface *cell, sal_Int32 err, char *buf, size_t size)
{
    uno_Interface *text = ka_uno_query(cell, "com.sun.star.text.XTextRange");
    rtl_uString *s = NULL;
    char *shown = NULL;
    if (text && ka_uno_call(text, "com.sun.star.text.XTextRange", "getString", &s, NULL, NULL)) {
        shown = ka_uno_string_utf8(s, NULL);
        rtl_uString_release(s);
    }
    ka_uno_release(text);
    if (shown && *shown)
        snprintf(buf, size, "%s", shown);
    else if (err == 519)
        snprintf(buf, size, "#VALUE!");
    else
        snprintf(buf, size, "Err:%d", (int)err);
    free(shown);
}

bool ka_panel_explain(ka_panel *p, uno_Interface *selection, uno_Interface *sheet)
{
    uno_Interface *cell = ka_uno_query(selection, X_CELL);
    sal_Int32 err = 0;
    rtl_uString *f = NULL;
    char code[64];
    if (!cell || !ka_uno_call(cell, X_CELL, "getError", &err, NULL, NULL) || err == 0 ||
        !ka_uno_call(cell, X_CELL, "getFormula", &f, NULL, NULL)) {
        ka_uno_release(cell);
        return false;
    }
    error_text(cell, err, code, sizeof code);
    ka_uno_release(cell);
    size_t len = 0, open = 0;
    char *formula = ka_uno_string_utf8(f, &len);
    rtl_uString_release(f);
    const ka_func_info *fn =
        formula ? ka_formula_first_call(formula, len, KA_ADDIN_SERVICE, &open) : NULL;
    if (!fn) {
        free(formula);
        return false;
    }
    uint64_t key;
    bool keyed = hash_call(p, sheet, fn, formula, len, open, &key);
    free(formula);
    ka_failure why;
    char reason[600], msg[900];
    if (ka_calls_why(fn->name, keyed ? &key : NULL, &why) && why.reason[0]) {
        translate_reason(p->form.lang, why.reason, reason, sizeof reason);
        snprintf(msg, sizeof msg, ka_msg(p->form.lang, KA_MSG_WHY_FAILED), fn->name, code, reason);
    } else {
        snprintf(msg, sizeof msg, ka_msg(p->form.lang, KA_MSG_WHY_UNKNOWN), fn->name, code);
    }
    ka_form_set_status(&p->form, msg);
    return true;
}
