/* ka_review_dialog.c - the review commands' dialogs and their prefill from the
 * selection (see ka_review.h).
 *
 * The selection is read once: its block (a single cell: the cell's
 * current region, XSheetCellCursor.collapseToCurrentRegion; whole
 * columns: cut at the end of the used area), the header row as the texts
 * Calc shows, and the first SAMPLE_ROWS rows below it through one
 * getDataArray; a column whose first number has a date format counts
 * dates.  The guess (src/ka_review_guess.c) names columns; each becomes
 * the range of its cells under the header as Calc writes it
 * (AbsoluteName: $Sales.$A$2:$A$201), without a last row of totals. */
#include "ka_review_dialog.h"

#include "ka_controls.h"
#include "ka_i18n.h"
#include "ka_review_guess.h"

#include <stdio.h>
#include <stdlib.h>
#include <string.h>

#define X_PROPS "com.sun.star.beans.XPropertySet"
#define X_CELL_RANGE "com.sun.star.table.XCellRange"
#define X_ADDRESSABLE "com.sun.star.sheet.XCellRangeAddressable"
#define X_DIALOG "com.sun.star.awt.XDialog"
#define X_WINDOW "com.sun.star.awt.XWindow"

/* Rows below the header whose cells the guess counts. */
#define SAMPLE_ROWS 50
#define MAX_FIELDS 8

/* ---- the forms ---- */

/* Unit: days per time unit of the model (a month: 365.25 / 12 days). */
static const double unit_values[] = {1, 7, 30.4375};
static const ka_msg_id unit_labels[] = {KA_MSG_DIALOG_UNIT_DAYS, KA_MSG_DIALOG_UNIT_WEEKS,
                                        KA_MSG_DIALOG_UNIT_MONTHS};

static const ka_review_dialog_field sales_fields[] = {
    {"Clients", KA_MSG_DIALOG_CLIENTS, KA_DIALOG_CLIENT, NULL, NULL, 0, 0},
    {"Sales", KA_MSG_DIALOG_SALES, KA_DIALOG_SALES, NULL, NULL, 0, 0},
    {"Periods", KA_MSG_DIALOG_PERIODS, KA_DIALOG_PERIODS, NULL, NULL, 0, 0},
    {"Groups", KA_MSG_DIALOG_GROUPS, KA_DIALOG_GROUP, NULL, NULL, 0, 0},
};

static const ka_review_dialog_field churn_fields[] = {
    {"Orders", KA_MSG_DIALOG_ORDERS, KA_DIALOG_CLIENT, NULL, NULL, 0, 0},
    {"Dates", KA_MSG_DIALOG_DATES, KA_DIALOG_DATE, NULL, NULL, 0, 0},
    {"Amounts", KA_MSG_DIALOG_AMOUNTS, KA_DIALOG_AMOUNT, NULL, NULL, 0, 0},
    {"Unit", KA_MSG_DIALOG_UNIT, KA_DIALOG_CHOICE, unit_values, unit_labels, 3, 1},
    {"Horizon", KA_MSG_DIALOG_HORIZON, KA_DIALOG_NUMBER, NULL, NULL, 0, 52},
    {"LapseDays", KA_MSG_DIALOG_LAPSE_DAYS, KA_DIALOG_NUMBER, NULL, NULL, 0, 180},
};

static const ka_review_dialog forms[] = {
    {"SalesReview", "SalesReviewDialog", false, sales_fields,
     sizeof sales_fields / sizeof *sales_fields},
    {"ChurnReview", "ChurnReviewDialog", true, churn_fields,
     sizeof churn_fields / sizeof *churn_fields},
};

const ka_review_dialog *ka_review_dialog_of(const char *name)
{
    for (size_t i = 0; name && i < sizeof forms / sizeof *forms; i++)
        if (strcmp(forms[i].command, name) == 0)
            return &forms[i];
    return NULL;
}

/* ---- small calls ---- */

/* iface.member(args) on obj, queried for iface first; false on an exception. */
static bool call(uno_Interface *obj, const char *iface, const char *member, void *ret, void *args[])
{
    uno_Interface *q = obj ? ka_uno_query(obj, iface) : NULL;
    bool ok = q && ka_uno_call(q, iface, member, ret, args, NULL);
    ka_uno_release(q);
    return ok;
}

/* The same for a member returning an interface: a new reference or NULL. */
static uno_Interface *call_iface(uno_Interface *obj, const char *iface, const char *member,
                                 void *args[])
{
    uno_Interface *out = NULL;
    return call(obj, iface, member, &out, args) ? out : NULL;
}

/* A new instance of service (new reference) or NULL. */
static uno_Interface *service_new(uno_Interface *ctx, const char *service)
{
    uno_Interface *smgr =
        call_iface(ctx, "com.sun.star.uno.XComponentContext", "getServiceManager", NULL);
    rtl_uString *name = ka_uno_string_new(service, (size_t)-1);
    void *args[2] = {&name, &ctx};
    uno_Interface *obj = call_iface(smgr, "com.sun.star.lang.XMultiComponentFactory",
                                    "createInstanceWithContext", args);
    rtl_uString_release(name);
    ka_uno_release(smgr);
    return obj;
}

/* Property name of obj: *out constructed (the caller destructs it); false
 * when it cannot be read. */
static bool get_property(uno_Interface *obj, const char *name, uno_Any *out)
{
    rtl_uString *n = ka_uno_string_new(name, (size_t)-1);
    void *args[1] = {&n};
    bool ok = call(obj, X_PROPS, "getPropertyValue", out, args);
    rtl_uString_release(n);
    return ok;
}

/* A string property as malloc'ed UTF-8, or NULL. */
static char *string_property(uno_Interface *obj, const char *name)
{
    uno_Any v;
    if (!get_property(obj, name, &v))
        return NULL;
    rtl_uString *s = ka_uno_any_get_string(&v);
    char *out = s ? ka_uno_string_utf8(s, NULL) : NULL;
    uno_any_destruct(&v, NULL);
    return out;
}

/* ---- the selection ---- */

/* com.sun.star.table.CellRangeAddress in binary-UNO layout. */
typedef struct range_address {
    sal_Int16 sheet;
    sal_Int32 col0, row0, col1, row1;
} range_address;

/* The block to review: its sheet (owned) and address. */
typedef struct block {
    uno_Interface *sheet;
    range_address a;
} block;

/* The first range of the controller's selection into *a; false when the
 * selection holds no cells (a shape, a chart). */
static bool selection_address(uno_Interface *model, range_address *a)
{
    uno_Interface *controller =
        call_iface(model, "com.sun.star.frame.XModel", "getCurrentController", NULL);
    uno_Any sel;
    bool ok = false;
    if (controller &&
        call(controller, "com.sun.star.view.XSelectionSupplier", "getSelection", &sel, NULL)) {
        uno_Interface *obj = sel.pType->eTypeClass == typelib_TypeClass_INTERFACE
                                 ? *(uno_Interface **)sel.pData
                                 : NULL;
        ok = obj && call(obj, X_ADDRESSABLE, "getRangeAddress", a, NULL);
        uno_Sequence *many = NULL;
        if (!ok && obj &&
            call(obj, "com.sun.star.sheet.XSheetCellRanges", "getRangeAddresses", &many, NULL)) {
            ok = many->nElements > 0;
            if (ok)
                *a = KA_UNO_SEQ_AT(many, range_address, 0);
            typelib_TypeDescriptionReference *t =
                ka_uno_type(typelib_TypeClass_SEQUENCE, "[]com.sun.star.table.CellRangeAddress");
            ka_uno_sequence_release(many, t);
            typelib_typedescriptionreference_release(t);
        }
        uno_any_destruct(&sel, NULL);
    }
    ka_uno_release(controller);
    return ok;
}

/* The cells of a on sheet (new reference) or NULL. */
static uno_Interface *cells_at(uno_Interface *sheet, sal_Int32 c0, sal_Int32 r0, sal_Int32 c1,
                               sal_Int32 r1)
{
    void *args[4] = {&c0, &r0, &c1, &r1};
    return call_iface(sheet, X_CELL_RANGE, "getCellRangeByPosition", args);
}

/* The block of the selection: a single cell grows to its current region,
 * whole rows and columns stop at the end of the used area.  KA_ERR_ARG
 * when there is no block of at least two rows (a header and a row). */
static ka_status selection_block(uno_Interface *model, block *b)
{
    b->sheet = NULL;
    if (!selection_address(model, &b->a))
        return KA_ERR_ARG;
    uno_Interface *sheets =
        call_iface(model, "com.sun.star.sheet.XSpreadsheetDocument", "getSheets", NULL);
    sal_Int32 index = b->a.sheet;
    void *iargs[1] = {&index};
    uno_Any any;
    if (sheets && call(sheets, "com.sun.star.container.XIndexAccess", "getByIndex", &any, iargs)) {
        if (any.pType->eTypeClass == typelib_TypeClass_INTERFACE)
            b->sheet =
                ka_uno_query(*(uno_Interface **)any.pData, "com.sun.star.sheet.XSpreadsheet");
        uno_any_destruct(&any, NULL);
    }
    ka_uno_release(sheets);
    if (!b->sheet)
        return KA_ERR_ARG;
    if (b->a.col0 == b->a.col1 && b->a.row0 == b->a.row1) {
        /* createCursorByRange takes an XSheetCellRange: an XCellRange passed as
         * one is not the object LibreOffice 25.2 looks for */
        uno_Interface *range = cells_at(b->sheet, b->a.col0, b->a.row0, b->a.col0, b->a.row0);
        uno_Interface *cell =
            range ? ka_uno_query(range, "com.sun.star.sheet.XSheetCellRange") : NULL;
        ka_uno_release(range);
        void *cargs[1] = {&cell};
        uno_Interface *cursor = cell ? call_iface(b->sheet, "com.sun.star.sheet.XSpreadsheet",
                                                  "createCursorByRange", cargs)
                                     : NULL;
        if (cursor && call(cursor, "com.sun.star.sheet.XSheetCellCursor", "collapseToCurrentRegion",
                           NULL, NULL))
            call(cursor, X_ADDRESSABLE, "getRangeAddress", &b->a, NULL);
        ka_uno_release(cursor);
        ka_uno_release(cell);
    }
    uno_Interface *used =
        call_iface(b->sheet, "com.sun.star.sheet.XSpreadsheet", "createCursor", NULL);
    sal_Bool expand = 0;
    void *uargs[1] = {&expand};
    range_address end;
    if (used &&
        call(used, "com.sun.star.sheet.XUsedAreaCursor", "gotoEndOfUsedArea", NULL, uargs) &&
        call(used, X_ADDRESSABLE, "getRangeAddress", &end, NULL)) {
        if (b->a.row1 > end.row1)
            b->a.row1 = end.row1;
        if (b->a.col1 > end.col1)
            b->a.col1 = end.col1;
    }
    ka_uno_release(used);
    if (b->a.col1 - b->a.col0 >= KA_REVIEW_MAX_COLUMNS)
        b->a.col1 = b->a.col0 + KA_REVIEW_MAX_COLUMNS - 1;
    return b->a.row1 > b->a.row0 && b->a.col1 >= b->a.col0 ? KA_OK : KA_ERR_ARG;
}

/* The text cell (col, row) of sheet shows, malloc'ed UTF-8, or NULL. */
static char *cell_text(uno_Interface *sheet, sal_Int32 col, sal_Int32 row)
{
    void *args[2] = {&col, &row};
    uno_Interface *cell = call_iface(sheet, X_CELL_RANGE, "getCellByPosition", args);
    rtl_uString *s = NULL;
    char *out = NULL;
    if (cell && call(cell, "com.sun.star.text.XTextRange", "getString", &s, NULL)) {
        out = ka_uno_string_utf8(s, NULL);
        rtl_uString_release(s);
    }
    ka_uno_release(cell);
    return out;
}

/* True when the number format of cell (col, row) is a date or a time of day. */
static bool is_date_cell(uno_Interface *model, uno_Interface *sheet, sal_Int32 col, sal_Int32 row)
{
    uno_Interface *cell = cells_at(sheet, col, row, col, row);
    uno_Any key;
    double k = -1, type = 0;
    if (cell && get_property(cell, "NumberFormat", &key)) {
        ka_uno_any_number(&key, &k);
        uno_any_destruct(&key, NULL);
    }
    ka_uno_release(cell);
    uno_Interface *formats = k >= 0 ? call_iface(model, "com.sun.star.util.XNumberFormatsSupplier",
                                                 "getNumberFormats", NULL)
                                    : NULL;
    sal_Int32 ikey = (sal_Int32)k;
    void *args[1] = {&ikey};
    uno_Interface *format =
        formats ? call_iface(formats, "com.sun.star.util.XNumberFormats", "getByKey", args) : NULL;
    uno_Any t;
    if (format && get_property(format, "Type", &t)) {
        ka_uno_any_number(&t, &type);
        uno_any_destruct(&t, NULL);
    }
    ka_uno_release(format);
    ka_uno_release(formats);
    return ((int)type & 2) != 0; /* com.sun.star.util.NumberFormat.DATE (DATETIME holds it) */
}

/* The block's columns: headers (malloc'ed, the caller frees them) and the
 * counts of the sampled rows.  KA_ERR_NOMEM, KA_ERR_ARG when the cells
 * cannot be read. */
static ka_status read_columns(uno_Interface *model, const block *b, ka_review_column *cols)
{
    size_t n = (size_t)(b->a.col1 - b->a.col0 + 1);
    for (size_t i = 0; i < n; i++) {
        cols[i] = (ka_review_column){NULL, 0, 0, 0, 0};
        char *h = cell_text(b->sheet, b->a.col0 + (sal_Int32)i, b->a.row0);
        if (!h)
            return KA_ERR_NOMEM;
        cols[i].header = h;
    }
    sal_Int32 last = b->a.row0 + SAMPLE_ROWS < b->a.row1 ? b->a.row0 + SAMPLE_ROWS : b->a.row1;
    uno_Interface *range = cells_at(b->sheet, b->a.col0, b->a.row0 + 1, b->a.col1, last);
    uno_Sequence *rows = NULL;
    if (!range || !call(range, "com.sun.star.sheet.XCellRangeData", "getDataArray", &rows, NULL)) {
        ka_uno_release(range);
        return KA_ERR_ARG;
    }
    ka_uno_release(range);
    signed char *date = calloc(n, 1); /* per column: 0 not looked at, 1 numbers, 2 dates */
    for (sal_Int32 r = 0; date && r < rows->nElements; r++) {
        uno_Sequence *row = KA_UNO_SEQ_AT(rows, uno_Sequence *, r);
        for (sal_Int32 c = 0; c < row->nElements && (size_t)c < n; c++) {
            const uno_Any *v = &KA_UNO_SEQ_AT(row, uno_Any, c);
            rtl_uString *s = ka_uno_any_get_string(v);
            double d;
            if (s) {
                cols[c].texts += s->length > 0;
                cols[c].empties += s->length == 0;
                continue;
            }
            if (!ka_uno_any_number(v, &d)) {
                cols[c].empties++;
                continue;
            }
            /* a column's format is that of its first number */
            if (date[c] == 0)
                date[c] = is_date_cell(model, b->sheet, b->a.col0 + c, b->a.row0 + 1 + r) ? 2 : 1;
            cols[c].dates += date[c] == 2;
            cols[c].numbers += date[c] == 1;
        }
    }
    bool counted = date != NULL;
    free(date);
    ka_uno_sequence_release(rows, ka_uno_matrix_any_type());
    return counted ? KA_OK : KA_ERR_NOMEM;
}

/* The range of columns c0..c1 of the block (block columns) under its
 * header: *out malloc'ed (AbsoluteName), NULL when out of memory. */
static char *column_range(const block *b, long c0, long c1)
{
    uno_Interface *r = cells_at(b->sheet, b->a.col0 + (sal_Int32)c0, b->a.row0 + 1,
                                b->a.col0 + (sal_Int32)c1, b->a.row1);
    char *name = r ? string_property(r, "AbsoluteName") : NULL;
    ka_uno_release(r);
    return name;
}

/* ---- the values of a form ---- */

typedef struct values {
    char *v[MAX_FIELDS]; /* per field: a range, a choice's value, a number's digits; NULL: none */
    char *block;         /* the reviewed block (AbsoluteName), for the message */
} values;

static void values_free(values *vals)
{
    for (size_t i = 0; i < MAX_FIELDS; i++)
        free(vals->v[i]);
    free(vals->block);
    memset(vals, 0, sizeof *vals);
}

/* The initial values of form's fields that come from no column. */
static ka_status initial_values(const ka_review_dialog *form, values *vals)
{
    for (size_t i = 0; i < form->nfields; i++) {
        const ka_review_dialog_field *f = &form->fields[i];
        if (f->role == KA_DIALOG_CHOICE)
            ka_command_message(&vals->v[i], "%.17g", f->choices[(size_t)f->initial]);
        else if (f->role == KA_DIALOG_NUMBER)
            ka_command_message(&vals->v[i], "%.0f", f->initial);
        else
            continue;
        if (!vals->v[i])
            return KA_ERR_NOMEM;
    }
    return KA_OK;
}

/* Guesses the ranges of form's fields from the selection of model into
 * vals.  KA_ERR_ARG with *msg (the reason, static) when the selection
 * cannot be reviewed; KA_ERR_NOMEM. */
static ka_status guess_values(const ka_command_env *env, const ka_review_dialog *form, values *vals,
                              ka_msg_id *msg)
{
    block b;
    ka_status st = selection_block(env->model, &b);
    *msg = KA_MSG_DIALOG_NO_SELECTION;
    size_t n = st == KA_OK ? (size_t)(b.a.col1 - b.a.col0 + 1) : 0;
    ka_review_column *cols = n ? calloc(n, sizeof *cols) : NULL;
    if (st == KA_OK && !cols)
        st = KA_ERR_NOMEM;
    if (st == KA_OK)
        st = read_columns(env->model, &b, cols);
    ka_review_guess g = {-1, -1, -1, 0, -1, -1, -1};
    if (st == KA_OK) {
        st =
            form->orders ? ka_review_guess_orders(cols, n, &g) : ka_review_guess_sales(cols, n, &g);
        *msg = form->orders ? KA_MSG_DIALOG_NO_DATES : KA_MSG_DIALOG_NO_NUMBERS;
    }
    /* a last row of totals is not a client */
    long first_col = g.client >= 0 ? g.client : 0;
    if (st == KA_OK && b.a.row1 > b.a.row0 + 1) {
        char *last = cell_text(b.sheet, b.a.col0 + (sal_Int32)first_col, b.a.row1);
        if (last && ka_review_is_total(last))
            b.a.row1--;
        free(last);
    }
    for (size_t i = 0; st == KA_OK && i < form->nfields; i++) {
        long c = -1, c1 = -1;
        switch (form->fields[i].role) {
        case KA_DIALOG_CLIENT:
            c = g.client;
            break;
        case KA_DIALOG_SALES:
            c = g.sales;
            break;
        case KA_DIALOG_PERIODS:
            c = g.periods_count > 0 ? g.periods_first : -1;
            c1 = g.periods_first + g.periods_count - 1;
            break;
        case KA_DIALOG_GROUP:
            c = g.group;
            break;
        case KA_DIALOG_DATE:
            c = g.date;
            break;
        case KA_DIALOG_AMOUNT:
            c = g.amount;
            break;
        default:
            break;
        }
        if (c >= 0 && !(vals->v[i] = column_range(&b, c, c1 >= 0 ? c1 : c)))
            st = KA_ERR_NOMEM;
    }
    if (st == KA_OK && !(vals->block = column_range(&b, 0, b.a.col1 - b.a.col0)))
        st = KA_ERR_NOMEM;
    for (size_t i = 0; cols && i < n; i++)
        free((char *)cols[i].header);
    free(cols);
    ka_uno_release(b.sheet);
    return st;
}

/* The dispatch arguments of vals: ranges as strings, choices and numbers
 * as numbers; fields without a value are left out.  *seq new (the caller
 * releases it), NULL when out of memory. */
static ka_status values_to_args(const ka_review_dialog *form, const values *vals,
                                uno_Sequence **seq)
{
    const char *names[MAX_FIELDS] = {NULL};
    uno_Any anys[MAX_FIELDS];
    memset(anys, 0, sizeof anys);
    size_t n = 0;
    bool ok = true;
    for (size_t i = 0; i < form->nfields; i++) {
        if (!vals->v[i] || !*vals->v[i])
            continue;
        names[n] = form->fields[i].arg;
        if (form->fields[i].role == KA_DIALOG_NUMBER || form->fields[i].role == KA_DIALOG_CHOICE)
            ka_uno_any_double(&anys[n], strtod(vals->v[i], NULL));
        else if (!ka_uno_any_utf8(&anys[n], vals->v[i]))
            ok = false;
        n++;
    }
    *seq = ok ? ka_uno_property_values_new(names, anys, n) : NULL;
    for (size_t i = 0; i < n; i++)
        uno_any_destruct(&anys[i], NULL);
    return *seq ? KA_OK : KA_ERR_NOMEM;
}

/* ---- the dialog ---- */

/* What the dialog's handler works with, on ka_review_dialog_run's stack. */
typedef struct dialog_state {
    const ka_command_env *env;
    const ka_review_dialog *form;
    ka_command_fn run;
    uno_Interface *dialog; /* borrowed during execute */
    ka_status status;      /* of the last run; KA_ERR_ARG until one succeeds */
    char *message;         /* its message (owned) */
} dialog_state;

typedef struct dialog_handler {
    ka_uno_object base;
    dialog_state *state; /* NULL once the dialog has ended */
} dialog_handler;

/* A whole number from 1 in text, else 0. */
static long whole_number(const char *text)
{
    char *end = NULL;
    long v = text ? strtol(text, &end, 10) : 0;
    while (end && (*end == ' ' || *end == '\t'))
        end++;
    return end && end != text && !*end && v >= 1 && v <= 1000000 ? v : 0;
}

/* Reads the dialog's controls into vals; KA_ERR_ARG with *bad the field
 * whose text is not a number. */
static ka_status read_dialog(dialog_state *s, uno_Interface *container, values *vals,
                             const ka_review_dialog_field **bad)
{
    *bad = NULL;
    for (size_t i = 0; i < s->form->nfields; i++) {
        const ka_review_dialog_field *f = &s->form->fields[i];
        if (f->role == KA_DIALOG_CHOICE) {
            long pos = ka_control_list_selected(container, f->arg);
            size_t k = pos >= 0 && (size_t)pos < f->nchoices ? (size_t)pos : (size_t)f->initial;
            ka_command_message(&vals->v[i], "%.17g", f->choices[k]);
            if (!vals->v[i])
                return KA_ERR_NOMEM;
            continue;
        }
        ka_status st = ka_control_get_text(container, f->arg, &vals->v[i]);
        if (st != KA_OK)
            return st;
        if (f->role == KA_DIALOG_NUMBER && !whole_number(vals->v[i])) {
            *bad = f;
            return KA_ERR_ARG;
        }
    }
    return KA_OK;
}

/* OK: runs the command with the dialog's arguments; closes the dialog
 * when it succeeded, else shows why in the status line. */
static void on_ok(dialog_state *s)
{
    uno_Interface *container = ka_uno_query(s->dialog, "com.sun.star.awt.XControlContainer");
    values vals = {{NULL}, NULL};
    const ka_review_dialog_field *bad = NULL;
    uno_Sequence *args = NULL;
    char *message = NULL;
    ka_status st = read_dialog(s, container, &vals, &bad);
    if (st == KA_OK)
        st = values_to_args(s->form, &vals, &args);
    if (st == KA_OK) {
        ka_command_env env = *s->env;
        env.args = args;
        st = s->run(&env, &message);
    } else if (bad) {
        ka_command_message(&message, ka_msg(s->env->lang, KA_MSG_DIALOG_BAD_NUMBER),
                           ka_msg(s->env->lang, bad->label));
    }
    if (!message && st == KA_ERR_NOMEM)
        ka_command_message(&message, "%s", ka_msg(s->env->lang, KA_MSG_CMD_NOMEM));
    s->status = st;
    free(s->message);
    s->message = message;
    if (st == KA_OK) {
        sal_Int32 ok = 1;
        void *eargs[1] = {&ok};
        call(s->dialog, "com.sun.star.awt.XDialog2", "endDialog", NULL, eargs);
    } else {
        ka_control_set_text(container, "status", message ? message : "");
    }
    ka_uno_sequence_release(args, ka_uno_property_values_type());
    values_free(&vals);
    ka_uno_release(container);
}

static void handler_call(ka_uno_object *self, const typelib_TypeDescription *m, void *ret,
                         void *args[], uno_Any **exc)
{
    dialog_handler *h = (dialog_handler *)self;
    char *method = ka_uno_string_utf8(*(rtl_uString **)args[2], NULL);
    bool known = method && strcmp(method, "onOk") == 0;
    if (known && h->state)
        on_ok(h->state);
    free(method);
    *(sal_Bool *)ret = known;
}

static void handler_methods_names(ka_uno_object *self, const typelib_TypeDescription *m, void *ret,
                                  void *args[], uno_Any **exc)
{
    static const char *const names[] = {"onOk"};
    ka_uno_return_strings(ret, names, 1);
}

static const char *const handler_interfaces[] = {"com.sun.star.awt.XDialogEventHandler", NULL};
static const ka_uno_method handler_table[] = {{"callHandlerMethod", handler_call},
                                              {"getSupportedMethodNames", handler_methods_names},
                                              {NULL, NULL}};
static const ka_uno_class handler_class = {
    "org.keyaccount.calc.ReviewDialogHandler", handler_interfaces, handler_table, NULL, NULL, NULL};

/* True when the frame shows its document in a visible window: a dialog
 * has something to belong to (not a hidden document, not headless). */
static bool frame_visible(const ka_command_env *env)
{
    uno_Interface *window =
        env->frame ? call_iface(env->frame, "com.sun.star.frame.XFrame", "getContainerWindow", NULL)
                   : NULL;
    sal_Bool visible = 0;
    if (window)
        call(window, "com.sun.star.awt.XWindow2", "isVisible", &visible, NULL);
    ka_uno_release(window);
    return visible;
}

/* The name of the sheet the command made before (malloc'ed), or NULL:
 * the review marks its sheet with the document's named range
 * KeyAccounts_<command>, which follows a renamed sheet. */
static char *made_before(const ka_command_env *env, const ka_review_dialog *form)
{
    char marker[96];
    snprintf(marker, sizeof marker, "KeyAccounts_%s", form->command);
    uno_Any v;
    uno_Interface *names = NULL;
    if (get_property(env->model, "NamedRanges", &v)) {
        if (v.pType->eTypeClass == typelib_TypeClass_INTERFACE)
            names = ka_uno_query(*(uno_Interface **)v.pData, "com.sun.star.container.XNameAccess");
        uno_any_destruct(&v, NULL);
    }
    rtl_uString *m = ka_uno_string_new(marker, (size_t)-1);
    void *args[1] = {&m};
    sal_Bool has = 0;
    uno_Any range;
    char *out = NULL;
    if (names && call(names, "com.sun.star.container.XNameAccess", "hasByName", &has, args) &&
        has && call(names, "com.sun.star.container.XNameAccess", "getByName", &range, args)) {
        uno_Interface *obj = range.pType->eTypeClass == typelib_TypeClass_INTERFACE
                                 ? *(uno_Interface **)range.pData
                                 : NULL;
        uno_Interface *cells =
            obj ? call_iface(obj, "com.sun.star.sheet.XCellRangeReferrer", "getReferredCells", NULL)
                : NULL;
        range_address a;
        uno_Interface *sheets =
            cells && call(cells, X_ADDRESSABLE, "getRangeAddress", &a, NULL)
                ? call_iface(env->model, "com.sun.star.sheet.XSpreadsheetDocument", "getSheets",
                             NULL)
                : NULL;
        sal_Int32 index = a.sheet;
        void *iargs[1] = {&index};
        uno_Any sheet;
        if (sheets &&
            call(sheets, "com.sun.star.container.XIndexAccess", "getByIndex", &sheet, iargs)) {
            rtl_uString *name = NULL;
            if (sheet.pType->eTypeClass == typelib_TypeClass_INTERFACE &&
                call(*(uno_Interface **)sheet.pData, "com.sun.star.container.XNamed", "getName",
                     &name, NULL)) {
                out = ka_uno_string_utf8(name, NULL);
                rtl_uString_release(name);
            }
            uno_any_destruct(&sheet, NULL);
        }
        ka_uno_release(sheets);
        ka_uno_release(cells);
        uno_any_destruct(&range, NULL);
    }
    rtl_uString_release(m);
    ka_uno_release(names);
    return out;
}

/* Puts the texts and vals into the dialog's controls. */
static void fill_dialog(const ka_command_env *env, const ka_review_dialog *form, uno_Interface *dlg,
                        const values *vals)
{
    const char *lang = env->lang;
    uno_Interface *container = ka_uno_query(dlg, "com.sun.star.awt.XControlContainer");
    rtl_uString *title = ka_uno_string_new(ka_msg(lang, env->title), (size_t)-1);
    void *targs[1] = {&title};
    call(dlg, X_DIALOG, "setTitle", NULL, targs);
    rtl_uString_release(title);
    char name[64];
    for (size_t i = 0; i < form->nfields; i++) {
        const ka_review_dialog_field *f = &form->fields[i];
        snprintf(name, sizeof name, "%s_label", f->arg);
        ka_control_set_text(container, name, ka_msg(lang, f->label));
        if (f->role == KA_DIALOG_CHOICE) {
            char *items[8];
            size_t n = f->nchoices < 8 ? f->nchoices : 8, pos = (size_t)f->initial;
            double v = vals->v[i] ? strtod(vals->v[i], NULL) : -1;
            for (size_t k = 0; k < n; k++) {
                items[k] = (char *)ka_msg(lang, f->choice_labels[k]);
                if (v == f->choices[k])
                    pos = k;
            }
            ka_control_list_fill(container, f->arg, items, n, (long)pos);
        } else {
            ka_control_set_text(container, f->arg, vals->v[i]);
        }
    }
    ka_control_set_text(container, "hint", ka_msg(lang, KA_MSG_DIALOG_HINT));
    /* what becomes of a sheet made before */
    char *made = made_before(env, form);
    char *line = NULL;
    if (made)
        ka_command_message(&line, ka_msg(lang, KA_MSG_DIALOG_REPLACES), made);
    else
        ka_command_message(&line, "%s", ka_msg(lang, KA_MSG_DIALOG_NEW_SHEET));
    free(made);
    ka_control_set_text(container, "replaces", line);
    free(line);
    ka_control_set_text(container, "ok", ka_msg(lang, KA_MSG_DIALOG_OK));
    ka_control_set_text(container, "cancel", ka_msg(lang, KA_MSG_DIALOG_CANCEL));
    ka_uno_release(container);
}

/* Opens form's dialog prefilled with vals, with status (NULL: none) in its
 * status line, and runs it to its end: KA_OK when the command ran from
 * it, else KA_ERR_ARG (cancelled, or no dialog could be made) or
 * KA_ERR_NOMEM. */
static ka_status run_dialog(const ka_command_env *env, const ka_review_dialog *form,
                            ka_command_fn run, const values *vals, const char *status,
                            char **message)
{
    dialog_handler *h = calloc(1, sizeof *h);
    if (!h)
        return KA_ERR_NOMEM;
    ka_uno_object_init(&h->base, &handler_class);
    dialog_state s = {env, form, run, NULL, KA_ERR_ARG, NULL};
    uno_Interface *provider = service_new(env->ctx, "com.sun.star.awt.DialogProvider2");
    char url[160];
    snprintf(url, sizeof url, "vnd.sun.star.extension://org.keyaccount.calc/%s.xdl", form->dialog);
    rtl_uString *u = ka_uno_string_new(url, (size_t)-1);
    uno_Interface *handler = &h->base.iface;
    void *dargs[2] = {&u, &handler};
    s.dialog = provider ? call_iface(provider, "com.sun.star.awt.XDialogProvider2",
                                     "createDialogWithHandler", dargs)
                        : NULL;
    rtl_uString_release(u);
    ka_uno_release(provider);
    ka_status st = KA_ERR_ARG;
    if (s.dialog) {
        fill_dialog(env, form, s.dialog, vals);
        if (status) {
            uno_Interface *container = ka_uno_query(s.dialog, "com.sun.star.awt.XControlContainer");
            ka_control_set_text(container, "status", status);
            ka_uno_release(container);
        }
        h->state = &s;
        sal_Int16 result = 0;
        call(s.dialog, X_DIALOG, "execute", &result, NULL);
        h->state = NULL;
        st = s.status;
        call(s.dialog, "com.sun.star.lang.XComponent", "dispose", NULL, NULL);
        ka_uno_release(s.dialog);
    } else {
        ka_uno_trace("review: the dialog %s could not be made", url);
    }
    ka_uno_release(handler);
    if (st == KA_OK) {
        *message = s.message;
    } else {
        free(s.message);
        ka_command_message(message, "%s", ka_msg(env->lang, KA_MSG_CMD_CANCELLED));
    }
    return st;
}

/* ---- the command ---- */

/* True when the dispatch names an argument of form (the framework's own,
 * such as SynchronMode or KeyModifier, do not count). */
static bool has_form_args(const ka_command_env *env, const ka_review_dialog *form)
{
    for (size_t i = 0; i < form->nfields; i++)
        if (ka_uno_property_find(env->args, form->fields[i].arg))
            return true;
    return false;
}

ka_status ka_review_dialog_run(const ka_command_env *env, const ka_review_dialog *form,
                               ka_command_fn run, char **message, uno_Sequence **prefill)
{
    *message = NULL;
    *prefill = NULL;
    const uno_Any *p = ka_uno_property_find(env->args, "Prefill");
    double want = 0;
    bool prefill_only = p && ka_uno_any_number(p, &want) && want != 0;
    if (!prefill_only && has_form_args(env, form))
        return run(env, message);
    uno_Interface *doc =
        env->model ? ka_uno_query(env->model, "com.sun.star.sheet.XSpreadsheetDocument") : NULL;
    ka_uno_release(doc);
    if (!doc) {
        ka_command_message(message, "%s", ka_msg(env->lang, KA_MSG_CMD_NOT_SPREADSHEET));
        return KA_ERR_ARG;
    }
    if (!prefill_only && !frame_visible(env)) {
        ka_command_message(message, "%s", ka_msg(env->lang, KA_MSG_DIALOG_NO_WINDOW));
        return KA_ERR_ARG;
    }
    values vals = {{NULL}, NULL};
    ka_msg_id why = KA_MSG_DIALOG_NO_SELECTION;
    ka_status st = initial_values(form, &vals);
    if (st == KA_OK)
        st = guess_values(env, form, &vals, &why);
    if (st == KA_OK && prefill_only) {
        st = values_to_args(form, &vals, prefill);
        if (st == KA_OK)
            ka_command_message(message, ka_msg(env->lang, KA_MSG_DIALOG_PREFILLED), vals.block);
    } else if (st == KA_ERR_ARG && prefill_only) {
        ka_command_message(message, "%s", ka_msg(env->lang, why));
    } else if (st != KA_ERR_NOMEM) {
        /* what could be guessed; when nothing could, the reason is shown
         * in the dialog, where the ranges can be typed */
        st =
            run_dialog(env, form, run, &vals, st == KA_OK ? NULL : ka_msg(env->lang, why), message);
    }
    if (!*message && st == KA_ERR_NOMEM)
        ka_command_message(message, "%s", ka_msg(env->lang, KA_MSG_CMD_NOMEM));
    values_free(&vals);
    return st;
}
