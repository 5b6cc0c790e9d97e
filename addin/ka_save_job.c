/* ka_save_job.c - the result style given before a save (see ka_save_job.h).
 *
 * Per sheet: the formula cells with a numeric result (one
 * queryFormulaCells), read in blocks of rows (their cell style once per
 * block, their formulas with one getFormulaArray), the toolkit's
 * single-cell formulas among them collected as runs of rows per column,
 * and the style set on all of them with one setPropertyValue on a
 * SheetCellRanges container.  LibreOffice is only called from here, with
 * no lock of ours held. */
#include "ka_save_job.h"

#include "ka_addin.h"
#include "ka_formula_scan.h"
#include "ka_i18n.h"
#include "ka_language.h"

#include <stdlib.h>
#include <string.h>

const char *const ka_save_job_services[] = {"com.sun.star.task.Job", NULL};

#define X_PROPS "com.sun.star.beans.XPropertySet"
#define X_RANGE "com.sun.star.table.XCellRange"
#define T_NAMED_VALUES "[]com.sun.star.beans.NamedValue"
#define T_ADDRESSES "[]com.sun.star.table.CellRangeAddress"
#define DEFAULT_STYLE "Default" /* the programmatic name of Calc's default cell style */
#define FORMULA_RESULT_VALUE 1  /* com.sun.star.sheet.FormulaResult.VALUE */
#define BLOCK_ROWS 65536        /* rows of formulas read at once: bounds the memory */
#define FORMULA_STACK 512       /* UTF-16 units of a formula converted on the stack */

/* com.sun.star.table.CellRangeAddress in binary-UNO layout. */
typedef struct range_address {
    sal_Int16 sheet;
    sal_Int32 col0, row0, col1, row1;
} range_address;

/* com.sun.star.beans.NamedValue in binary-UNO layout. */
typedef struct named_value {
    rtl_uString *name;
    uno_Any value;
} named_value;

/* The cells to style, growing. */
typedef struct targets {
    range_address *a;
    size_t n, cap;
    size_t cells;
} targets;

static ka_status targets_add(targets *t, sal_Int16 sheet, sal_Int32 col, sal_Int32 row0,
                             sal_Int32 row1)
{
    if (t->n == t->cap) {
        size_t cap = t->cap ? 2 * t->cap : 64;
        range_address *a = realloc(t->a, cap * sizeof *a);
        if (!a)
            return KA_ERR_NOMEM;
        t->a = a;
        t->cap = cap;
    }
    t->a[t->n++] = (range_address){sheet, col, row0, col, row1};
    t->cells += (size_t)(row1 - row0 + 1);
    return KA_OK;
}

/* ---- small calls ---- */

/* Calls iface.member(args) on obj (queried for iface) returning an
 * interface: new reference or NULL. */
static uno_Interface *call_iface(uno_Interface *obj, const char *iface, const char *member,
                                 void *args[])
{
    uno_Interface *q = obj ? ka_uno_query(obj, iface) : NULL, *out = NULL;
    if (q && !ka_uno_call(q, iface, member, &out, args, NULL))
        out = NULL;
    ka_uno_release(q);
    return out;
}

/* Calls a method without arguments or result of iface on obj; false when
 * obj lacks iface or the call raised. */
static bool call_void(uno_Interface *obj, const char *iface, const char *member)
{
    uno_Interface *q = obj ? ka_uno_query(obj, iface) : NULL;
    bool ok = q && ka_uno_call(q, iface, member, NULL, NULL, NULL);
    ka_uno_release(q);
    return ok;
}

/* The string property name of obj (new reference) or NULL. */
static rtl_uString *string_property(uno_Interface *obj, const char *name)
{
    uno_Interface *props = ka_uno_query(obj, X_PROPS);
    rtl_uString *pname = ka_uno_string_new(name, (size_t)-1), *out = NULL;
    void *args[1] = {&pname};
    uno_Any v;
    if (props && ka_uno_call(props, X_PROPS, "getPropertyValue", &v, args, NULL)) {
        rtl_uString *s = ka_uno_any_get_string(&v);
        if (s) {
            rtl_uString_acquire(s);
            out = s;
        }
        uno_any_destruct(&v, NULL);
    }
    rtl_uString_release(pname);
    ka_uno_release(props);
    return out;
}

/* Sets the string property name of obj; false when refused. */
static bool set_string_property(uno_Interface *obj, const char *name, const char *value)
{
    uno_Interface *props = ka_uno_query(obj, X_PROPS);
    rtl_uString *pname = ka_uno_string_new(name, (size_t)-1);
    uno_Any v;
    bool ok = ka_uno_any_utf8(&v, value);
    void *args[2] = {&pname, &v};
    ok = ok && props && ka_uno_call(props, X_PROPS, "setPropertyValue", NULL, args, NULL);
    uno_any_destruct(&v, NULL);
    rtl_uString_release(pname);
    ka_uno_release(props);
    return ok;
}

/* True when s (may be NULL) is the ASCII text ascii. */
static bool string_is(rtl_uString *s, const char *ascii)
{
    return s && rtl_ustr_ascii_compare_WithLength(s->buffer, s->length, ascii) == 0;
}

/* What the cell style of a block of cells says about its cells. */
typedef enum block_style {
    BLOCK_DEFAULT, /* every cell has the default style */
    BLOCK_OWN,     /* every cell has one other style: none to touch */
    BLOCK_MIXED    /* cells differ: ask each */
} block_style;

static block_style style_of_block(uno_Interface *range)
{
    rtl_uString *s = string_property(range, "CellStyle");
    block_style b = !s || s->length == 0          ? BLOCK_MIXED
                    : string_is(s, DEFAULT_STYLE) ? BLOCK_DEFAULT
                                                  : BLOCK_OWN;
    if (s)
        rtl_uString_release(s);
    return b;
}

/* True when cell (col, row) of range has the default cell style. */
static bool cell_has_default_style(uno_Interface *range, sal_Int32 col, sal_Int32 row)
{
    void *args[2] = {&col, &row};
    uno_Interface *cell = call_iface(range, X_RANGE, "getCellByPosition", args);
    rtl_uString *s = cell ? string_property(cell, "CellStyle") : NULL;
    bool yes = string_is(s, DEFAULT_STYLE);
    if (s)
        rtl_uString_release(s);
    ka_uno_release(cell);
    return yes;
}

/* True when formula (borrowed) is a single-cell formula calling the toolkit. */
static bool is_toolkit_single(rtl_uString *formula, bool *nomem)
{
    if (!formula || formula->length < 2 || formula->buffer[0] != '=')
        return false; /* "{=...}" is an array formula: LibreOffice recalculates it anyway */
    size_t n = (size_t)formula->length;
    char stack[3 * FORMULA_STACK];
    char *buf = n <= FORMULA_STACK ? stack : malloc(3 * n);
    if (!buf) {
        *nomem = true;
        return false;
    }
    size_t len = ka_uno_utf16_to_utf8(formula->buffer, n, buf);
    bool yes = ka_formula_calls_toolkit(buf, len, KA_ADDIN_SERVICE);
    if (buf != stack)
        free(buf);
    return yes;
}

/* Collects the toolkit's unstyled single-cell formulas of rows
 * [row0, row1] of block a (sheet: XCellRange, borrowed) into t. */
static ka_status scan_rows(uno_Interface *sheet, const range_address *a, sal_Int32 row0,
                           sal_Int32 row1, targets *t)
{
    sal_Int32 pos[4] = {a->col0, row0, a->col1, row1};
    void *args[4] = {&pos[0], &pos[1], &pos[2], &pos[3]};
    uno_Interface *range = call_iface(sheet, X_RANGE, "getCellRangeByPosition", args);
    if (!range)
        return KA_ERR_ARG;
    block_style style = style_of_block(range);
    uno_Sequence *rows = NULL;
    ka_status st = KA_OK;
    if (style != BLOCK_OWN) {
        uno_Interface *f = ka_uno_query(range, "com.sun.star.sheet.XCellRangeFormula");
        if (!f || !ka_uno_call(f, "com.sun.star.sheet.XCellRangeFormula", "getFormulaArray", &rows,
                               NULL, NULL))
            st = KA_ERR_ARG, rows = NULL;
        ka_uno_release(f);
    }
    sal_Int32 nrows = rows ? rows->nElements : 0, ncols = a->col1 - a->col0 + 1;
    bool nomem = false;
    for (sal_Int32 c = 0; st == KA_OK && c < ncols; c++) {
        sal_Int32 run = -1; /* first row of the current run, or -1 */
        for (sal_Int32 r = 0; st == KA_OK && r <= nrows; r++) {
            bool match = false;
            if (r < nrows) {
                uno_Sequence *row = KA_UNO_SEQ_AT(rows, uno_Sequence *, r);
                rtl_uString *formula =
                    c < row->nElements ? KA_UNO_SEQ_AT(row, rtl_uString *, c) : NULL;
                match = is_toolkit_single(formula, &nomem) &&
                        (style == BLOCK_DEFAULT || cell_has_default_style(range, c, r));
                if (nomem)
                    st = KA_ERR_NOMEM;
            }
            if (match && run < 0)
                run = r;
            else if (!match && run >= 0) {
                st = targets_add(t, a->sheet, a->col0 + c, row0 + run, row0 + r - 1);
                run = -1;
            }
        }
    }
    if (rows) {
        typelib_TypeDescriptionReference *type =
            ka_uno_type(typelib_TypeClass_SEQUENCE, "[][]string");
        ka_uno_sequence_release(rows, type);
        typelib_typedescriptionreference_release(type);
    }
    ka_uno_release(range);
    return st;
}

/* Collects the cells of sheet (borrowed) to style into t. */
static ka_status scan_sheet(uno_Interface *sheet, targets *t)
{
    sal_Bool locked = 0;
    uno_Interface *protect = ka_uno_query(sheet, "com.sun.star.util.XProtectable");
    if (protect)
        ka_uno_call(protect, "com.sun.star.util.XProtectable", "isProtected", &locked, NULL, NULL);
    ka_uno_release(protect);
    if (locked)
        return KA_OK; /* its owner locked the cells' formats: they stay as they are */
    sal_Int16 kind = FORMULA_RESULT_VALUE;
    void *qargs[1] = {&kind};
    uno_Interface *found =
        call_iface(sheet, "com.sun.star.sheet.XCellRangesQuery", "queryFormulaCells", qargs);
    uno_Interface *ranges =
        found ? ka_uno_query(found, "com.sun.star.sheet.XSheetCellRanges") : NULL;
    uno_Sequence *addrs = NULL;
    ka_status st = ranges && ka_uno_call(ranges, "com.sun.star.sheet.XSheetCellRanges",
                                         "getRangeAddresses", &addrs, NULL, NULL)
                       ? KA_OK
                       : KA_ERR_ARG;
    for (sal_Int32 k = 0; st == KA_OK && addrs && k < addrs->nElements; k++) {
        const range_address *a = &KA_UNO_SEQ_AT(addrs, range_address, k);
        for (sal_Int32 r = a->row0; st == KA_OK && r <= a->row1; r += BLOCK_ROWS) {
            sal_Int32 last = a->row1 - r < BLOCK_ROWS ? a->row1 : r + BLOCK_ROWS - 1;
            st = scan_rows(sheet, a, r, last, t);
        }
    }
    if (addrs) {
        typelib_TypeDescriptionReference *type =
            ka_uno_type(typelib_TypeClass_SEQUENCE, T_ADDRESSES);
        ka_uno_sequence_release(addrs, type);
        typelib_typedescriptionreference_release(type);
    }
    ka_uno_release(ranges);
    ka_uno_release(found);
    return st;
}

/* ---- the style ---- */

/* The name of the document's result style, created when it has none
 * (parent Default, nothing of its own): a name of the style in any of the
 * toolkit's languages is the style, so a workbook saved in turns by a
 * Latvian and an English user keeps one.  Static storage, or NULL when
 * it could not be made. */
static const char *result_style(uno_Interface *ctx, uno_Interface *doc)
{
    uno_Interface *families =
        call_iface(doc, "com.sun.star.style.XStyleFamiliesSupplier", "getStyleFamilies", NULL);
    uno_Interface *byname =
        families ? ka_uno_query(families, "com.sun.star.container.XNameAccess") : NULL;
    rtl_uString *family = ka_uno_string_new("CellStyles", (size_t)-1);
    void *fargs[1] = {&family};
    uno_Any any;
    uno_Interface *styles = NULL;
    if (byname &&
        ka_uno_call(byname, "com.sun.star.container.XNameAccess", "getByName", &any, fargs, NULL)) {
        if (any.pType->eTypeClass == typelib_TypeClass_INTERFACE)
            styles =
                ka_uno_query(*(uno_Interface **)any.pData, "com.sun.star.container.XNameContainer");
        uno_any_destruct(&any, NULL);
    }
    rtl_uString_release(family);
    ka_uno_release(byname);
    ka_uno_release(families);
    const char *name = NULL;
    for (size_t i = 0; styles && !name && i < ka_language_count; i++) {
        const char *candidate = ka_msg(ka_languages[i].code, KA_MSG_RESULT_STYLE);
        rtl_uString *s = ka_uno_string_new(candidate, (size_t)-1);
        void *args[1] = {&s};
        sal_Bool has = 0;
        if (ka_uno_call(styles, "com.sun.star.container.XNameContainer", "hasByName", &has, args,
                        NULL) &&
            has)
            name = candidate;
        rtl_uString_release(s);
    }
    if (styles && !name) {
        const char *wanted = ka_msg(ka_language_current(ctx, NULL), KA_MSG_RESULT_STYLE);
        rtl_uString *service = ka_uno_string_new("com.sun.star.style.CellStyle", (size_t)-1);
        void *cargs[1] = {&service};
        uno_Interface *style =
            call_iface(doc, "com.sun.star.lang.XMultiServiceFactory", "createInstance", cargs);
        rtl_uString_release(service);
        rtl_uString *s = ka_uno_string_new(wanted, (size_t)-1);
        uno_Any v;
        if (style) {
            ka_uno_any_interface(&v, style, "com.sun.star.style.XStyle");
            void *args[2] = {&s, &v};
            rtl_uString *parent = ka_uno_string_new(DEFAULT_STYLE, (size_t)-1);
            void *pargs[1] = {&parent};
            uno_Interface *xstyle = ka_uno_query(style, "com.sun.star.style.XStyle");
            /* inserted first: a style outside the document has no parent to take */
            if (ka_uno_call(styles, "com.sun.star.container.XNameContainer", "insertByName", NULL,
                            args, NULL) &&
                xstyle &&
                ka_uno_call(xstyle, "com.sun.star.style.XStyle", "setParentStyle", NULL, pargs,
                            NULL))
                name = wanted;
            ka_uno_release(xstyle);
            rtl_uString_release(parent);
            uno_any_destruct(&v, NULL);
        }
        rtl_uString_release(s);
        ka_uno_release(style);
    }
    ka_uno_release(styles);
    return name;
}

/* Gives the cells of t the style name (doc borrowed). */
static ka_status apply_style(uno_Interface *doc, const targets *t, const char *name)
{
    rtl_uString *service = ka_uno_string_new("com.sun.star.sheet.SheetCellRanges", (size_t)-1);
    void *cargs[1] = {&service};
    uno_Interface *container =
        call_iface(doc, "com.sun.star.lang.XMultiServiceFactory", "createInstance", cargs);
    rtl_uString_release(service);
    typelib_TypeDescriptionReference *type = ka_uno_type(typelib_TypeClass_SEQUENCE, T_ADDRESSES);
    uno_Sequence *seq = NULL;
    ka_status st = container ? KA_OK : KA_ERR_ARG;
    if (st == KA_OK && !uno_type_sequence_construct(&seq, type, t->a, (sal_Int32)t->n, NULL))
        st = KA_ERR_NOMEM, seq = NULL;
    uno_Interface *add =
        seq ? ka_uno_query(container, "com.sun.star.sheet.XSheetCellRangeContainer") : NULL;
    sal_Bool merge = 0; /* the runs do not overlap */
    void *args[2] = {&seq, &merge};
    if (st == KA_OK && (!add || !ka_uno_call(add, "com.sun.star.sheet.XSheetCellRangeContainer",
                                             "addRangeAddresses", NULL, args, NULL)))
        st = KA_ERR_ARG;
    if (st == KA_OK && !set_string_property(container, "CellStyle", name))
        st = KA_ERR_ARG;
    ka_uno_release(add);
    if (seq)
        ka_uno_sequence_release(seq, type);
    typelib_typedescriptionreference_release(type);
    ka_uno_release(container);
    return st;
}

/* Styles the targets of one sheet (index i of sheets, an XIndexAccess). */
/* What marking a document runs with (borrowed). */
typedef struct marking {
    uno_Interface *ctx, *doc;
    uno_Interface *undo; /* the document's undo manager, or NULL */
    bool locked;         /* undo is locked by us */
    const char *style;   /* the result style's name, once found or made */
    size_t count;        /* cells given the style */
} marking;

static ka_status mark_sheet(marking *mk, uno_Interface *sheets, sal_Int32 i)
{
    uno_Any any;
    void *args[1] = {&i};
    if (!ka_uno_call(sheets, "com.sun.star.container.XIndexAccess", "getByIndex", &any, args, NULL))
        return KA_ERR_ARG;
    uno_Interface *sheet =
        any.pType->eTypeClass == typelib_TypeClass_INTERFACE
            ? ka_uno_query(*(uno_Interface **)any.pData, "com.sun.star.sheet.XSpreadsheet")
            : NULL;
    uno_any_destruct(&any, NULL);
    targets t = {NULL, 0, 0, 0};
    ka_status st = sheet ? scan_sheet(sheet, &t) : KA_ERR_ARG;
    if (st == KA_OK && t.n && !mk->style && !(mk->style = result_style(mk->ctx, mk->doc)))
        st = KA_ERR_ARG;
    /* Calc keeps an undo flag of its own, which the undo manager's lock
     * leaves set, and restores the manager from it after inserting a style
     * or adjusting row heights (ScDocument::EnableUndo): lock again before
     * each change, or it would be an undo action of the user's */
    if (st == KA_OK && t.n && mk->locked &&
        call_void(mk->undo, "com.sun.star.util.XLockable", "unlock"))
        call_void(mk->undo, "com.sun.star.util.XLockable", "lock");
    if (st == KA_OK && t.n)
        st = apply_style(mk->doc, &t, mk->style);
    if (st == KA_OK)
        mk->count += t.cells;
    free(t.a);
    ka_uno_release(sheet);
    return st;
}

static ka_status mark(marking *mk)
{
    uno_Interface *all =
        call_iface(mk->doc, "com.sun.star.sheet.XSpreadsheetDocument", "getSheets", NULL);
    uno_Interface *sheets = all ? ka_uno_query(all, "com.sun.star.container.XIndexAccess") : NULL;
    sal_Int32 n = 0;
    ka_status st = sheets && ka_uno_call(sheets, "com.sun.star.container.XIndexAccess", "getCount",
                                         &n, NULL, NULL)
                       ? KA_OK
                       : KA_ERR_ARG;
    /* a sheet that fails leaves the others to be marked */
    for (sal_Int32 i = 0; st != KA_ERR_NOMEM && i < n; i++) {
        ka_status s = mark_sheet(mk, sheets, i);
        if (s != KA_OK) {
            ka_uno_trace("save job: sheet %d: status %d", (int)i, (int)s);
            st = s;
        }
    }
    ka_uno_release(sheets);
    ka_uno_release(all);
    return st;
}

/* Marks doc with its undo manager locked (the style is not the user's
 * action to undo) and its modified flag restored when it was clear (a
 * storeToURL copy leaves the document as unmodified as it found it; a
 * store clears the flag itself after writing). */
static ka_status mark_quietly(uno_Interface *ctx, uno_Interface *doc, size_t *count)
{
    uno_Interface *modifiable = ka_uno_query(doc, "com.sun.star.util.XModifiable");
    sal_Bool modified = 1;
    if (modifiable)
        ka_uno_call(modifiable, "com.sun.star.util.XModifiable", "isModified", &modified, NULL,
                    NULL);
    uno_Interface *undo =
        call_iface(doc, "com.sun.star.document.XUndoManagerSupplier", "getUndoManager", NULL);
    marking mk = {ctx, doc, undo, call_void(undo, "com.sun.star.util.XLockable", "lock"), NULL, 0};
    ka_status st = mark(&mk);
    *count = mk.count;
    if (mk.locked)
        call_void(undo, "com.sun.star.util.XLockable", "unlock");
    if (modifiable && !modified) {
        sal_Bool no = 0;
        void *args[1] = {&no};
        ka_uno_call(modifiable, "com.sun.star.util.XModifiable", "setModified", NULL, args, NULL);
    }
    ka_uno_release(undo);
    ka_uno_release(modifiable);
    return st;
}

/* ---- the job ---- */

typedef struct job {
    ka_uno_object base;
    uno_Interface *ctx; /* owned; set at creation, never changed: no lock */
} job;

/* The value named name in a sequence<NamedValue> (borrowed), or NULL. */
static const uno_Any *named_find(uno_Sequence *values, const char *name)
{
    for (sal_Int32 i = 0; values && i < values->nElements; i++) {
        named_value *v = &KA_UNO_SEQ_AT(values, named_value, i);
        if (string_is(v->name, name))
            return &v->value;
    }
    return NULL;
}

/* execute(sequence<NamedValue> Arguments): the event's document is
 * Environment.Model. */
static void execute(ka_uno_object *self, const typelib_TypeDescription *m, void *ret, void *args[],
                    uno_Any **exc)
{
    const uno_Any *env = named_find(*(uno_Sequence **)args[0], "Environment");
    uno_Sequence *env_values = env && env->pType->eTypeClass == typelib_TypeClass_SEQUENCE
                                   ? *(uno_Sequence **)env->pData
                                   : NULL;
    const uno_Any *model = named_find(env_values, "Model");
    uno_Interface *doc = model && model->pType->eTypeClass == typelib_TypeClass_INTERFACE
                             ? ka_uno_query(*(uno_Interface **)model->pData,
                                            "com.sun.star.sheet.XSpreadsheetDocument")
                             : NULL;
    if (doc) {
        size_t count = 0;
        ka_status st = mark_quietly(((job *)self)->ctx, doc, &count);
        ka_uno_trace("save job: %zu cells given the result style, status %d", count, (int)st);
    }
    ka_uno_release(doc);
    ka_uno_any_void(ret); /* no result: the job executor changes nothing */
}

static void job_destroy(ka_uno_object *self)
{
    ka_uno_release(((job *)self)->ctx);
}

static const char *const job_interfaces[] = {"com.sun.star.task.XJob",
                                             "com.sun.star.lang.XServiceInfo", NULL};
static const ka_uno_method job_methods[] = {{"execute", execute}, {NULL, NULL}};
static const ka_uno_class job_class = {KA_SAVE_JOB_IMPL, job_interfaces,      job_methods, NULL,
                                       job_destroy,      ka_save_job_services};

uno_Interface *ka_save_job_new(uno_Interface *context)
{
    job *j = calloc(1, sizeof *j);
    if (!j)
        return NULL;
    ka_uno_object_init(&j->base, &job_class);
    j->ctx = context;
    ka_uno_acquire(context);
    return &j->base.iface;
}
