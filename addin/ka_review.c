/* ka_review.c - the review-sheet engine (see ka_review.h). */
#include "ka_review.h"

#include "ka_i18n.h"

#include <osl/file.h>

#include <stdio.h>
#include <stdlib.h>
#include <string.h>
#include <time.h>

#define X_PROPS "com.sun.star.beans.XPropertySet"
#define X_CELL "com.sun.star.table.XCell"
#define X_CELL_RANGE "com.sun.star.table.XCellRange"
#define X_INDEX "com.sun.star.container.XIndexAccess"
#define X_NAME "com.sun.star.container.XNameAccess"
#define X_SHEETS "com.sun.star.sheet.XSpreadsheets"
#define X_FACTORY "com.sun.star.lang.XMultiServiceFactory"
#define T_RANGE_ADDRESS "com.sun.star.table.CellRangeAddress"
#define X_CALC "com.sun.star.sheet.XCalculatable"
#define X_LOCKABLE "com.sun.star.document.XActionLockable"

/* The marker of a command's review: a document-level named range. */
#define MARKER_PREFIX "KeyAccounts_"

/* com.sun.star.table.CellRangeAddress, CellAddress and awt.Rectangle in
 * binary-UNO layout. */
typedef struct range_address {
    sal_Int16 sheet;
    sal_Int32 col0, row0, col1, row1;
} range_address;
typedef struct cell_address {
    sal_Int16 sheet;
    sal_Int32 col, row;
} cell_address;
typedef struct rectangle {
    sal_Int32 x, y, width, height;
} rectangle;
typedef struct point {
    sal_Int32 x, y;
} point;

/* ---- small calls ---- */

/* iface.member(args) on obj returning an interface: a new reference or NULL. */
static uno_Interface *call_iface(uno_Interface *obj, const char *iface, const char *member,
                                 void *args[])
{
    uno_Interface *q = obj ? ka_uno_query(obj, iface) : NULL, *out = NULL;
    if (q && !ka_uno_call(q, iface, member, &out, args, NULL))
        out = NULL;
    ka_uno_release(q);
    return out;
}

/* iface.member(args) on obj without a result (or one the caller passes). */
static bool call_void(uno_Interface *obj, const char *iface, const char *member, void *ret,
                      void *args[])
{
    uno_Interface *q = obj ? ka_uno_query(obj, iface) : NULL;
    bool ok = q && ka_uno_call(q, iface, member, ret, args, NULL);
    ka_uno_release(q);
    return ok;
}

/* The interface held by an any (new reference, queried for iface) or NULL;
 * destructs the any. */
static uno_Interface *any_take_iface(uno_Any *any, const char *iface)
{
    uno_Interface *out = any->pType->eTypeClass == typelib_TypeClass_INTERFACE && any->pReserved
                             ? ka_uno_query(*(uno_Interface **)any->pData, iface)
                             : NULL;
    uno_any_destruct(any, NULL);
    return out;
}

/* Sets property name of obj to value (borrowed). */
static bool set_prop(uno_Interface *obj, const char *name, uno_Any *value)
{
    rtl_uString *n = ka_uno_string_new(name, (size_t)-1);
    void *args[2] = {&n, value};
    bool ok = call_void(obj, X_PROPS, "setPropertyValue", NULL, args);
    rtl_uString_release(n);
    return ok;
}

/* Sets a property of a simple type: tc with its value at data. */
static bool set_prop_of(uno_Interface *obj, const char *name, typelib_TypeClass tc, void *data)
{
    uno_Any a;
    uno_type_any_construct(&a, data, *typelib_static_type_getByTypeClass(tc), NULL);
    bool ok = set_prop(obj, name, &a);
    uno_any_destruct(&a, NULL);
    return ok;
}

static bool set_long(uno_Interface *obj, const char *name, sal_Int32 v)
{
    return set_prop_of(obj, name, typelib_TypeClass_LONG, &v);
}

static bool set_bool(uno_Interface *obj, const char *name, bool v)
{
    sal_Bool b = v;
    return set_prop_of(obj, name, typelib_TypeClass_BOOLEAN, &b);
}

static bool set_float(uno_Interface *obj, const char *name, float v)
{
    return set_prop_of(obj, name, typelib_TypeClass_FLOAT, &v);
}

static bool set_double(uno_Interface *obj, const char *name, double v)
{
    return set_prop_of(obj, name, typelib_TypeClass_DOUBLE, &v);
}

/* Sets an enum property (type_name) to v. */
static bool set_enum(uno_Interface *obj, const char *name, const char *type_name, sal_Int32 v)
{
    typelib_TypeDescriptionReference *t = ka_uno_type(typelib_TypeClass_ENUM, type_name);
    uno_Any a;
    uno_type_any_construct(&a, &v, t, NULL);
    bool ok = set_prop(obj, name, &a);
    uno_any_destruct(&a, NULL);
    typelib_typedescriptionreference_release(t);
    return ok;
}

static bool set_string(uno_Interface *obj, const char *name, const char *utf8)
{
    uno_Any a;
    if (!ka_uno_any_utf8(&a, utf8))
        return false;
    bool ok = set_prop(obj, name, &a);
    uno_any_destruct(&a, NULL);
    return ok;
}

/* Reads property name of obj into *out (constructed; the caller destructs it). */
static bool get_prop(uno_Interface *obj, const char *name, uno_Any *out)
{
    rtl_uString *n = ka_uno_string_new(name, (size_t)-1);
    void *args[1] = {&n};
    bool ok = call_void(obj, X_PROPS, "getPropertyValue", out, args);
    rtl_uString_release(n);
    return ok;
}

/* An interface-valued property (new reference, queried for iface) or NULL. */
static uno_Interface *get_iface(uno_Interface *obj, const char *name, const char *iface)
{
    uno_Any a;
    return get_prop(obj, name, &a) ? any_take_iface(&a, iface) : NULL;
}

/* A new instance of service from the document's factory, or NULL. */
static uno_Interface *doc_create(uno_Interface *doc, const char *service)
{
    rtl_uString *n = ka_uno_string_new(service, (size_t)-1);
    void *args[1] = {&n};
    uno_Interface *out = call_iface(doc, X_FACTORY, "createInstance", args);
    rtl_uString_release(n);
    return out;
}

/* The document's sheets (XSpreadsheets, new reference) or NULL. */
static uno_Interface *doc_sheets(uno_Interface *doc)
{
    return call_iface(doc, "com.sun.star.sheet.XSpreadsheetDocument", "getSheets", NULL);
}

/* Sheet number index (XSpreadsheet, new reference) or NULL. */
static uno_Interface *sheet_at(uno_Interface *sheets, sal_Int32 index)
{
    uno_Any a;
    void *args[1] = {&index};
    return call_void(sheets, X_INDEX, "getByIndex", &a, args)
               ? any_take_iface(&a, "com.sun.star.sheet.XSpreadsheet")
               : NULL;
}

static sal_Int32 sheet_count(uno_Interface *sheets)
{
    sal_Int32 n = 0;
    return call_void(sheets, X_INDEX, "getCount", &n, NULL) ? n : 0;
}

/* The name of a sheet (malloc'ed UTF-8) or NULL. */
static char *sheet_name_of(uno_Interface *sheet)
{
    rtl_uString *s = NULL;
    if (!call_void(sheet, "com.sun.star.container.XNamed", "getName", &s, NULL) || !s)
        return NULL;
    char *out = ka_uno_string_utf8(s, NULL);
    rtl_uString_release(s);
    return out;
}

static bool sheets_has(uno_Interface *sheets, const char *name)
{
    rtl_uString *n = ka_uno_string_new(name, (size_t)-1);
    void *args[1] = {&n};
    sal_Bool has = 0;
    bool ok = call_void(sheets, X_NAME, "hasByName", &has, args);
    rtl_uString_release(n);
    return ok && has;
}

static bool sheets_remove(uno_Interface *sheets, const char *name)
{
    rtl_uString *n = ka_uno_string_new(name, (size_t)-1);
    void *args[1] = {&n};
    bool ok =
        call_void(sheets, "com.sun.star.container.XNameContainer", "removeByName", NULL, args);
    rtl_uString_release(n);
    return ok;
}

/* The range (XCellRange, new reference) of rect on sheet, or NULL. */
static uno_Interface *range_of(uno_Interface *sheet, int c0, int r0, int c1, int r1)
{
    sal_Int32 p[4] = {c0, r0, c1, r1};
    void *args[4] = {&p[0], &p[1], &p[2], &p[3]};
    return call_iface(sheet, X_CELL_RANGE, "getCellRangeByPosition", args);
}

static uno_Interface *cell_of(uno_Interface *sheet, int col, int row)
{
    sal_Int32 c = col, r = row;
    void *args[2] = {&c, &r};
    return call_iface(sheet, X_CELL_RANGE, "getCellByPosition", args);
}

/* ---- input ranges ---- */

/* Whether a sheet name can stand unquoted in a formula: a letter or '_'
 * first, then letters, digits and '_', not ending in a digit (which could
 * read as a cell: "AB12"). */
static bool plain_name(const char *name)
{
    size_t n = strlen(name);
    if (n == 0 ||
        !((name[0] >= 'A' && name[0] <= 'Z') || (name[0] >= 'a' && name[0] <= 'z') ||
          name[0] == '_') ||
        (name[n - 1] >= '0' && name[n - 1] <= '9'))
        return false;
    for (size_t i = 0; i < n; i++)
        if (!((name[i] >= 'A' && name[i] <= 'Z') || (name[i] >= 'a' && name[i] <= 'z') ||
              (name[i] >= '0' && name[i] <= '9') || name[i] == '_'))
            return false;
    return true;
}

/* Sets r->address to the absolute form of r: "$Data.$A$2:$A$101",
 * "$'My data'.$B$2:$M$500". */
static ka_status address_text(const ka_command_env *env, ka_review_range *r)
{
    uno_Interface *sheets = doc_sheets(env->model);
    uno_Interface *sheet = sheets ? sheet_at(sheets, r->sheet) : NULL;
    char *name = sheet ? sheet_name_of(sheet) : NULL;
    ka_uno_release(sheet);
    ka_uno_release(sheets);
    if (!name)
        return KA_ERR_ARG;
    size_t len = strlen(name);
    char *out = malloc(2 * len + 48);
    if (!out) {
        free(name);
        return KA_ERR_NOMEM;
    }
    size_t at = 0;
    out[at++] = '$';
    if (plain_name(name)) {
        memcpy(out + at, name, len);
        at += len;
    } else {
        out[at++] = '\'';
        for (const char *p = name; *p; p++) {
            if (*p == '\'')
                out[at++] = '\'';
            out[at++] = *p;
        }
        out[at++] = '\'';
    }
    char a[16], b[16];
    ka_plan_cell_name(r->col0, r->row0, a);
    ka_plan_cell_name(r->col1, r->row1, b);
    snprintf(out + at, 40, ".%s:%s", a, b);
    free(name);
    free(r->address);
    r->address = out;
    return KA_OK;
}

void ka_review_range_clear(ka_review_range *r)
{
    free(r->address);
    r->address = NULL;
}

ka_status ka_review_range_parse(const ka_command_env *env, const char *text, ka_review_range *out)
{
    memset(out, 0, sizeof *out);
    uno_Interface *conv = doc_create(env->model, "com.sun.star.table.CellRangeAddressConversion");
    ka_status st = conv ? KA_OK : KA_ERR_ARG;
    if (st == KA_OK && !set_string(conv, "UserInterfaceRepresentation", text))
        st = KA_ERR_ARG;
    uno_Any a;
    if (st == KA_OK && get_prop(conv, "Address", &a)) {
        range_address *ra = a.pType->eTypeClass == typelib_TypeClass_STRUCT ? a.pData : NULL;
        if (ra)
            *out = (ka_review_range){ra->sheet, ra->col0, ra->row0, ra->col1, ra->row1, NULL};
        else
            st = KA_ERR_ARG;
        uno_any_destruct(&a, NULL);
    } else if (st == KA_OK) {
        st = KA_ERR_ARG;
    }
    ka_uno_release(conv);
    if (st == KA_OK)
        st = address_text(env, out);
    return st;
}

ka_status ka_review_range_rows(const ka_command_env *env, ka_review_range *r, int rows)
{
    r->row1 = r->row0 + rows - 1;
    return address_text(env, r);
}

ka_status ka_review_range_read(const ka_command_env *env, const ka_review_range *r,
                               uno_Sequence **out)
{
    *out = NULL;
    uno_Interface *sheets = doc_sheets(env->model);
    uno_Interface *sheet = sheets ? sheet_at(sheets, r->sheet) : NULL;
    uno_Interface *range = sheet ? range_of(sheet, r->col0, r->row0, r->col1, r->row1) : NULL;
    bool ok =
        range && call_void(range, "com.sun.star.sheet.XCellRangeData", "getDataArray", out, NULL);
    ka_uno_release(range);
    ka_uno_release(sheet);
    ka_uno_release(sheets);
    if (!ok)
        *out = NULL;
    return ok ? KA_OK : KA_ERR_ARG;
}

/* ---- the marker ---- */

/* The document's named ranges (XNamedRanges, new reference) or NULL. */
static uno_Interface *named_ranges(uno_Interface *doc)
{
    return get_iface(doc, "NamedRanges", "com.sun.star.sheet.XNamedRanges");
}

/* The index of the sheet the marker points at, or -1 (no marker, or its
 * sheet was deleted). */
static sal_Int32 marker_sheet(uno_Interface *names, const char *marker)
{
    rtl_uString *n = ka_uno_string_new(marker, (size_t)-1);
    void *args[1] = {&n};
    sal_Bool has = 0;
    sal_Int32 sheet = -1;
    uno_Any a;
    if (call_void(names, X_NAME, "hasByName", &has, args) && has &&
        call_void(names, X_NAME, "getByName", &a, args)) {
        uno_Interface *named = any_take_iface(&a, "com.sun.star.sheet.XCellRangeReferrer");
        uno_Interface *cells = named ? call_iface(named, "com.sun.star.sheet.XCellRangeReferrer",
                                                  "getReferredCells", NULL)
                                     : NULL;
        range_address ra;
        if (cells && call_void(cells, "com.sun.star.sheet.XCellRangeAddressable", "getRangeAddress",
                               &ra, NULL))
            sheet = ra.sheet;
        ka_uno_release(cells);
        ka_uno_release(named);
    }
    rtl_uString_release(n);
    return sheet;
}

/* Points the marker at A1 of the sheet named sheet_name (replacing it). */
static bool marker_set(uno_Interface *names, const char *marker, const char *sheet_name,
                       sal_Int16 sheet)
{
    rtl_uString *n = ka_uno_string_new(marker, (size_t)-1);
    void *args[1] = {&n};
    sal_Bool has = 0;
    if (call_void(names, X_NAME, "hasByName", &has, args) && has)
        call_void(names, "com.sun.star.sheet.XNamedRanges", "removeByName", NULL, args);
    /* the sheet name quoted as in a formula: 'it''s' */
    size_t len = strlen(sheet_name);
    char *content = malloc(2 * len + 16);
    bool ok = content != NULL;
    if (ok) {
        size_t at = 0;
        content[at++] = '$';
        content[at++] = '\'';
        for (const char *p = sheet_name; *p; p++) {
            if (*p == '\'')
                content[at++] = '\'';
            content[at++] = *p;
        }
        memcpy(content + at, "'.$A$1", 7);
        rtl_uString *c = ka_uno_string_new(content, (size_t)-1);
        cell_address origin = {sheet, 0, 0};
        sal_Int32 type = 0;
        void *a4[4] = {&n, &c, &origin, &type};
        ok = call_void(names, "com.sun.star.sheet.XNamedRanges", "addNewByName", NULL, a4);
        rtl_uString_release(c);
    }
    free(content);
    rtl_uString_release(n);
    return ok;
}

bool ka_review_is_spreadsheet(const ka_command_env *env, char **message)
{
    uno_Interface *sheets =
        env->model ? ka_uno_query(env->model, "com.sun.star.sheet.XSpreadsheetDocument") : NULL;
    ka_uno_release(sheets);
    if (!sheets)
        ka_command_message(message, "%s", ka_msg(env->lang, KA_MSG_CMD_NOT_SPREADSHEET));
    return sheets != NULL;
}

char *ka_review_sources(const char *const *names, const bool *given, const ka_review_range *ranges,
                        size_t n)
{
    size_t len = 1;
    for (size_t i = 0; i < n; i++)
        if (given[i])
            len += strlen(names[i]) + strlen(ranges[i].address) + 3;
    char *out = malloc(len);
    if (!out)
        return NULL;
    out[0] = '\0';
    for (size_t i = 0; i < n; i++)
        if (given[i]) {
            if (out[0])
                strcat(out, ", ");
            strcat(out, names[i]);
            strcat(out, " ");
            strcat(out, ranges[i].address);
        }
    return out;
}

/* ---- writing the blocks ---- */

/* What the build needs while writing. */
typedef struct writer {
    const ka_command_env *env;
    const ka_review_plan *plan;
    const ka_plan_run *run;
    ka_plan_rect *layout;
    uno_Interface *sheet;   /* the new sheet (XSpreadsheet) */
    uno_Interface *formats; /* the document's XNumberFormatTypes */
    uno_Any locale;         /* the document's CharLocale */
    const char *sources;
    char *error; /* malloc'ed reason of the first failure, or NULL */
} writer;

/* The key of a number format in the document's locale, or -1. */
static sal_Int32 format_key(writer *w, ka_plan_format f)
{
    /* com.sun.star.i18n.NumberFormatIndex */
    static const sal_Int16 index[] = {[KA_FORMAT_INTEGER] = 3,    /* NUMBER_1000INT */
                                      [KA_FORMAT_AMOUNT] = 4,     /* NUMBER_1000DEC2 */
                                      [KA_FORMAT_PERCENT] = 9,    /* PERCENT_DEC2 */
                                      [KA_FORMAT_DECIMAL] = 2,    /* NUMBER_DEC2 */
                                      [KA_FORMAT_DATE_TIME] = 46, /* DATETIME_SYSTEM_SHORT_HHMM */
                                      [KA_FORMAT_DATE] = 18 /* DATE_SYSTEM_SHORT */};
    if (f == KA_FORMAT_NONE || !w->formats ||
        w->locale.pType->eTypeClass != typelib_TypeClass_STRUCT)
        return -1;
    sal_Int16 i = index[f];
    sal_Int32 key = -1;
    void *args[2] = {&i, w->locale.pData};
    if (!call_void(w->formats, "com.sun.star.util.XNumberFormatTypes", "getFormatIndex", &key,
                   args))
        return -1;
    return key;
}

/* Applies a number format and a style to range (a cell range or a
 * SheetCellRanges). */
static bool decorate(writer *w, uno_Interface *range, ka_plan_format format, ka_plan_style style)
{
    sal_Int32 key = format_key(w, format);
    bool ok = key < 0 || set_long(range, "NumberFormat", key);
    switch (style) {
    case KA_STYLE_PLAIN:
        break;
    case KA_STYLE_TITLE:
        ok = ok && set_float(range, "CharWeight", 150.0f) && set_float(range, "CharHeight", 14.0f);
        break;
    case KA_STYLE_NOTE:
        ok = ok && set_enum(range, "CharPosture", "com.sun.star.awt.FontSlant", 2) /* ITALIC */ &&
             set_long(range, "CharColor", 0x666666);
        break;
    case KA_STYLE_HEADING:
        ok = ok && set_float(range, "CharWeight", 150.0f) &&
             set_long(range, "CellBackColor", 0xDDE4EE) && set_bool(range, "IsTextWrapped", true);
        break;
    case KA_STYLE_LABEL:
        ok = ok && set_float(range, "CharWeight", 150.0f);
        break;
    case KA_STYLE_CLASS_A:
        ok = ok && set_long(range, "CellBackColor", 0xC6EFCE);
        break;
    case KA_STYLE_CLASS_B:
        ok = ok && set_long(range, "CellBackColor", 0xFFEB9C);
        break;
    case KA_STYLE_CLASS_C:
        ok = ok && set_long(range, "CellBackColor", 0xF4CCCC);
        break;
    }
    return ok;
}

/* Notes the first failure's reason (a copy of what). */
static ka_status failed(writer *w, ka_status st, const char *what)
{
    if (!w->error)
        w->error = strdup(what);
    return st;
}

/* Sets formula (UTF-8) as the array formula of range. */
static ka_status array_formula(writer *w, uno_Interface *range, const char *formula)
{
    rtl_uString *s = NULL;
    if (ka_uno_string_from_utf8(formula, (size_t)-1, &s) != KA_OK)
        return KA_ERR_NOMEM;
    void *args[1] = {&s};
    bool ok =
        call_void(range, "com.sun.star.sheet.XArrayFormulaRange", "setArrayFormula", NULL, args);
    rtl_uString_release(s);
    return ok ? KA_OK : failed(w, KA_ERR_ARG, formula);
}

/* A split ARRAY block: one array formula per KA_PLAN_SPLIT_ROWS rows. */
static ka_status write_split(writer *w, const ka_plan_block *b, const ka_plan_rect *r)
{
    ka_status st = KA_OK;
    for (int row0 = r->row0; st == KA_OK && row0 <= r->row1; row0 += KA_PLAN_SPLIT_ROWS) {
        int row1 =
            row0 + KA_PLAN_SPLIT_ROWS - 1 < r->row1 ? row0 + KA_PLAN_SPLIT_ROWS - 1 : r->row1;
        char *formula = NULL;
        st = ka_plan_expand_rows(w->plan, w->layout, w->run, b->formula, row0, row1, &formula);
        uno_Interface *part = st == KA_OK ? range_of(w->sheet, r->col0, row0, r->col1, row1) : NULL;
        if (st != KA_OK)
            st = failed(w, st, b->formula);
        else if (!part)
            st = failed(w, KA_ERR_ARG, "a range of the review could not be reached");
        else
            st = array_formula(w, part, formula);
        ka_uno_release(part);
        free(formula);
    }
    return st;
}

/* Writes rows x cols texts (cells[k * cols + j], UTF-8; NULL: nothing)
 * over range in one call (XCellRangeFormula.setFormulaArray, a
 * sequence<sequence<string>>): "=..." is a formula, "'..." a text, "" leaves
 * the cell empty.  what: the reason when LibreOffice refuses. */
static ka_status write_strings(writer *w, uno_Interface *range, int rows, int cols,
                               char *const *cells, const char *what)
{
    typelib_TypeDescriptionReference *row_t = ka_uno_type(typelib_TypeClass_SEQUENCE, "[]string");
    typelib_TypeDescriptionReference *all_t = ka_uno_type(typelib_TypeClass_SEQUENCE, "[][]string");
    uno_Sequence **lines = calloc((size_t)rows, sizeof *lines);
    rtl_uString **line = calloc((size_t)cols, sizeof *line);
    ka_status st = lines && line ? KA_OK : KA_ERR_NOMEM;
    for (int k = 0; st == KA_OK && k < rows; k++) {
        for (int j = 0; st == KA_OK && j < cols; j++)
            st = ka_uno_string_from_utf8(cells[(size_t)k * cols + j], (size_t)-1, &line[j]);
        if (st == KA_OK && !uno_type_sequence_construct(&lines[k], row_t, line, cols, NULL))
            st = KA_ERR_NOMEM;
        for (int j = 0; j < cols; j++)
            if (line[j]) {
                rtl_uString_release(line[j]);
                line[j] = NULL;
            }
    }
    uno_Sequence *all = NULL;
    if (st == KA_OK && !uno_type_sequence_construct(&all, all_t, lines, rows, NULL))
        st = KA_ERR_NOMEM;
    if (st == KA_OK) {
        void *args[1] = {&all};
        if (!call_void(range, "com.sun.star.sheet.XCellRangeFormula", "setFormulaArray", NULL,
                       args))
            st = failed(w, KA_ERR_ARG, what);
    }
    if (all)
        ka_uno_sequence_release(all, all_t);
    for (int k = 0; lines && k < rows; k++)
        if (lines[k])
            ka_uno_sequence_release(lines[k], row_t);
    free(lines);
    free(line);
    typelib_typedescriptionreference_release(row_t);
    typelib_typedescriptionreference_release(all_t);
    return st;
}

/* A text of the sheet as write_strings takes it: "'" and the text, so that
 * nothing in it reads as a formula or a number; NULL (nothing written) for
 * an empty text.  *out malloc'ed. */
static ka_status text_cell(const char *text, char **out)
{
    *out = NULL;
    if (!*text)
        return KA_OK;
    size_t n = strlen(text);
    if (!(*out = malloc(n + 2)))
        return KA_ERR_NOMEM;
    (*out)[0] = '\'';
    memcpy(*out + 1, text, n + 1);
    return KA_OK;
}

/* A label of the message table: its texts are printf formats
 * (ka_messages.h), so a percent sign is written "%%" there. */
static ka_status label_cell(const char *format, char **out)
{
    char *label = strdup(format);
    if (!label)
        return KA_ERR_NOMEM;
    char *to = label;
    for (const char *p = format; *p; p++) {
        *to++ = *p;
        if (p[0] == '%' && p[1] == '%')
            p++;
    }
    *to = '\0';
    ka_status st = text_cell(label, out);
    free(label);
    return st;
}

/* The made-by line: the command, its inputs, the date and time. */
static ka_status stamp_cell(writer *w, const ka_plan_block *b, char **out)
{
    char when[32];
    time_t now = time(NULL);
    struct tm tm;
    if (!localtime_r(&now, &tm) || !strftime(when, sizeof when, "%Y-%m-%d %H:%M", &tm))
        strcpy(when, "?");
    char *line = NULL;
    ka_command_message(&line, ka_msg(w->env->lang, b->text), ka_msg(w->env->lang, w->env->title),
                       w->sources ? w->sources : "", when);
    if (!line)
        return KA_ERR_NOMEM;
    ka_status st = text_cell(line, out);
    free(line);
    return st;
}

/* Fills the cells of block b (at r) into a grid of texts for write_strings
 * whose top-left cell is (col0, row0) and which has cols columns. */
static ka_status block_cells(writer *w, const ka_plan_block *b, const ka_plan_rect *r, char **grid,
                             int col0, int row0, int cols)
{
    ka_status st = KA_OK;
    char **first = &grid[(size_t)(r->row0 - row0) * cols + (r->col0 - col0)];
    switch (b->kind) {
    case KA_BLOCK_TEXT:
        return label_cell(ka_msg(w->env->lang, b->text), first);
    case KA_BLOCK_STAMP:
        return stamp_cell(w, b, first);
    case KA_BLOCK_CELL:
        if ((st = ka_plan_expand(w->plan, w->layout, w->run, b->formula, 1, 1, first)) != KA_OK)
            st = failed(w, st, b->formula);
        return st;
    case KA_BLOCK_FILL:
        for (int k = 0; st == KA_OK && k <= r->row1 - r->row0; k++)
            for (int j = 0; st == KA_OK && j <= r->col1 - r->col0; j++)
                if ((st = ka_plan_expand(w->plan, w->layout, w->run, b->formula, k + 1, j + 1,
                                         &first[(size_t)k * cols + j])) != KA_OK)
                    st = failed(w, st, b->formula);
        return st;
    case KA_BLOCK_LIST: {
        const ka_plan_list *l = ka_plan_list_find(w->run, b->formula);
        for (size_t k = 0; l && st == KA_OK && k < l->n && (int)k <= r->row1 - r->row0; k++)
            st = text_cell(l->items[k], &first[k * (size_t)cols]);
        return st;
    }
    case KA_BLOCK_ARRAY:
    case KA_BLOCK_FORMAT:
        break;
    }
    return KA_OK;
}

/* Whether block i is written as part of the grid of small blocks: its
 * texts or single-cell formulas, up to GRID_BLOCK_CELLS cells. */
#define GRID_BLOCK_CELLS 10000
/* Above this many cells the grid's box is not written in one call. */
#define GRID_MAX_CELLS 200000

static bool in_grid(const writer *w, size_t i)
{
    const ka_plan_rect *r = &w->layout[i];
    ka_block_kind k = w->plan->blocks[i].kind;
    return r->present && k != KA_BLOCK_ARRAY && k != KA_BLOCK_FORMAT &&
           (long)(r->row1 - r->row0 + 1) * (r->col1 - r->col0 + 1) <= GRID_BLOCK_CELLS;
}

/* The texts and single formulas of the small blocks, written in one call
 * over the box that holds them all (before the array formulas: the call
 * empties its box first).  *done false when the box is too large: then
 * every block is written on its own. */
static ka_status write_grid(writer *w, bool *done)
{
    *done = false;
    int c0 = KA_PLAN_MAX_COLS, r0 = KA_PLAN_MAX_ROWS, c1 = -1, r1 = -1;
    for (size_t i = 0; i < w->plan->n_blocks; i++)
        if (in_grid(w, i)) {
            const ka_plan_rect *r = &w->layout[i];
            c0 = r->col0 < c0 ? r->col0 : c0;
            r0 = r->row0 < r0 ? r->row0 : r0;
            c1 = r->col1 > c1 ? r->col1 : c1;
            r1 = r->row1 > r1 ? r->row1 : r1;
        }
    if (c1 < 0) {
        *done = true;
        return KA_OK;
    }
    int rows = r1 - r0 + 1, cols = c1 - c0 + 1;
    if ((long)rows * cols > GRID_MAX_CELLS)
        return KA_OK;
    size_t n = (size_t)rows * cols;
    char **grid = calloc(n, sizeof *grid);
    ka_status st = grid ? KA_OK : KA_ERR_NOMEM;
    for (size_t i = 0; st == KA_OK && i < w->plan->n_blocks; i++)
        if (in_grid(w, i))
            st = block_cells(w, &w->plan->blocks[i], &w->layout[i], grid, c0, r0, cols);
    uno_Interface *range = st == KA_OK ? range_of(w->sheet, c0, r0, c1, r1) : NULL;
    if (st == KA_OK && !range)
        st = failed(w, KA_ERR_ARG, "a range of the review could not be reached");
    if (st == KA_OK)
        st = write_strings(w, range, rows, cols, grid, "the texts could not be written");
    ka_uno_release(range);
    for (size_t i = 0; grid && i < n; i++)
        free(grid[i]);
    free(grid);
    *done = st == KA_OK;
    return st;
}

/* Writes the content of block i on its own: an array formula (in parts
 * when it is split), or a block the grid of small blocks does not hold. */
static ka_status write_block(writer *w, size_t i)
{
    const ka_plan_block *b = &w->plan->blocks[i];
    const ka_plan_rect *r = &w->layout[i];
    if (!r->present || b->kind == KA_BLOCK_FORMAT)
        return KA_OK;
    uno_Interface *range = range_of(w->sheet, r->col0, r->row0, r->col1, r->row1);
    if (!range)
        return failed(w, KA_ERR_ARG, "a range of the review could not be reached");
    ka_status st = KA_OK;
    if (b->kind == KA_BLOCK_ARRAY) {
        char *formula = NULL;
        st = ka_plan_expand(w->plan, w->layout, w->run, b->formula, 1, 1, &formula);
        if (st != KA_OK)
            st = failed(w, st, b->formula);
        else if (!ka_plan_is_split(b->formula) || r->row1 - r->row0 + 1 <= KA_PLAN_SPLIT_ROWS)
            st = array_formula(w, range, formula);
        else
            st = write_split(w, b, r);
        free(formula);
    } else {
        int rows = r->row1 - r->row0 + 1, cols = r->col1 - r->col0 + 1;
        size_t n = (size_t)rows * cols;
        char **cells = calloc(n, sizeof *cells);
        st = cells ? block_cells(w, b, r, cells, r->col0, r->row0, cols) : KA_ERR_NOMEM;
        if (st == KA_OK)
            st = write_strings(w, range, rows, cols, cells, "a block could not be written");
        for (size_t k = 0; cells && k < n; k++)
            free(cells[k]);
        free(cells);
    }
    ka_uno_release(range);
    return st;
}

/* ---- number formats and styles ---- */

/* The index of the new sheet. */
static sal_Int16 sheet_index(writer *w)
{
    range_address a = {0, 0, 0, 0, 0};
    uno_Interface *cell = cell_of(w->sheet, 0, 0);
    call_void(cell, "com.sun.star.sheet.XCellRangeAddressable", "getRangeAddress", &a, NULL);
    ka_uno_release(cell);
    return a.sheet;
}

/* Decorates the cells of the blocks first..last-1 that have format and
 * style, all in one call over a SheetCellRanges. */
static ka_status decorate_group(writer *w, size_t first, size_t last, ka_plan_format format,
                                ka_plan_style style)
{
    range_address *a = calloc(last - first, sizeof *a);
    if (!a)
        return KA_ERR_NOMEM;
    sal_Int16 sheet = sheet_index(w);
    sal_Int32 n = 0;
    for (size_t i = first; i < last; i++) {
        const ka_plan_block *b = &w->plan->blocks[i];
        const ka_plan_rect *r = &w->layout[i];
        if (r->present && b->format == format && b->style == style)
            a[n++] = (range_address){sheet, r->col0, r->row0, r->col1, r->row1};
    }
    typelib_TypeDescriptionReference *t =
        ka_uno_type(typelib_TypeClass_SEQUENCE, "[]" T_RANGE_ADDRESS);
    uno_Sequence *seq = NULL;
    ka_status st = uno_type_sequence_construct(&seq, t, a, n, NULL) ? KA_OK : KA_ERR_NOMEM;
    uno_Interface *ranges =
        st == KA_OK ? doc_create(w->env->model, "com.sun.star.sheet.SheetCellRanges") : NULL;
    sal_Bool merge = 0;
    void *args[2] = {&seq, &merge};
    if (st == KA_OK && (!ranges ||
                        !call_void(ranges, "com.sun.star.sheet.XSheetCellRangeContainer",
                                   "addRangeAddresses", NULL, args) ||
                        !decorate(w, ranges, format, style)))
        st = failed(w, KA_ERR_ARG, "a format could not be set");
    ka_uno_release(ranges);
    if (seq)
        ka_uno_sequence_release(seq, t);
    typelib_typedescriptionreference_release(t);
    free(a);
    return st;
}

static bool decorated(const ka_plan_block *b)
{
    return b->format != KA_FORMAT_NONE || b->style != KA_STYLE_PLAIN;
}

static bool rects_meet(const ka_plan_rect *a, const ka_plan_rect *b)
{
    return a->col0 <= b->col1 && b->col0 <= a->col1 && a->row0 <= b->row1 && b->row0 <= a->row1;
}

/* Decorates the blocks of first..last-1, one call per format and style in
 * the order they first appear. */
static ka_status decorate_run(writer *w, size_t first, size_t last)
{
    ka_status st = KA_OK;
    for (size_t i = first; st == KA_OK && i < last; i++) {
        const ka_plan_block *b = &w->plan->blocks[i];
        bool seen = false;
        for (size_t k = first; k < i && !seen; k++)
            seen = w->layout[k].present && w->plan->blocks[k].format == b->format &&
                   w->plan->blocks[k].style == b->style;
        if (w->layout[i].present && decorated(b) && !seen)
            st = decorate_group(w, i, last, b->format, b->style);
    }
    return st;
}

/* Every block's number format and style, before any content: a format set
 * on formula cells has Calc interpret them at once.  Blocks that look alike
 * are decorated together (a dozen calls instead of some two hundred); where
 * two blocks that look different share cells, the earlier run is done
 * first, so that the later block's looks win as when each block was
 * decorated in turn. */
static ka_status write_decorations(writer *w)
{
    ka_status st = KA_OK;
    size_t first = 0;
    for (size_t i = 0; st == KA_OK && i < w->plan->n_blocks; i++) {
        const ka_plan_block *b = &w->plan->blocks[i];
        if (!w->layout[i].present || !decorated(b))
            continue;
        bool clash = false;
        for (size_t k = first; k < i && !clash; k++) {
            const ka_plan_block *o = &w->plan->blocks[k];
            clash = w->layout[k].present && decorated(o) &&
                    (o->format != b->format || o->style != b->style) &&
                    rects_meet(&w->layout[k], &w->layout[i]);
        }
        if (clash) {
            st = decorate_run(w, first, i);
            first = i;
        }
    }
    return st == KA_OK ? decorate_run(w, first, w->plan->n_blocks) : st;
}

/* ---- widths, freezing ---- */

static ka_status write_widths(writer *w)
{
    uno_Interface *cols =
        call_iface(w->sheet, "com.sun.star.table.XColumnRowRange", "getColumns", NULL);
    ka_status st = cols ? KA_OK : failed(w, KA_ERR_ARG, "the columns could not be reached");
    for (size_t i = 0; st == KA_OK && i < w->plan->n_widths; i++) {
        sal_Int32 index = (sal_Int32)i;
        uno_Any a;
        void *args[1] = {&index};
        uno_Interface *col =
            call_void(cols, X_INDEX, "getByIndex", &a, args) ? any_take_iface(&a, X_PROPS) : NULL;
        if (!col || !set_long(col, "Width", w->plan->widths[i]))
            st = failed(w, KA_ERR_ARG, "a column width could not be set");
        ka_uno_release(col);
    }
    ka_uno_release(cols);
    return st;
}

/* The rows of the plan's small blocks (everything but array and format
 * blocks: titles, headings, labels, single formulas) get their optimal
 * heights in one call, after the calculation: while the blocks were written
 * Calc adjusted no row (see ka_review_build), and measured before the
 * calculation, a row would have Calc interpret the array formulas in it. */
static void fit_heights(writer *w)
{
    int last = -1;
    for (size_t i = 0; i < w->plan->n_blocks; i++) {
        ka_block_kind k = w->plan->blocks[i].kind;
        if (w->layout[i].present && k != KA_BLOCK_ARRAY && k != KA_BLOCK_FORMAT &&
            w->layout[i].row1 > last)
            last = w->layout[i].row1;
    }
    uno_Interface *range = last >= 0 ? range_of(w->sheet, 0, 0, 0, last) : NULL;
    uno_Interface *rows =
        range ? call_iface(range, "com.sun.star.table.XColumnRowRange", "getRows", NULL) : NULL;
    if (rows && !set_bool(rows, "OptimalHeight", true))
        ka_uno_trace("review: the row heights could not be fitted");
    ka_uno_release(rows);
    ka_uno_release(range);
}

/* Shows the new sheet and freezes its headings; only with a controller
 * that can (a document without a view has none): not a failure. */
static void show_and_freeze(writer *w)
{
    uno_Interface *controller = NULL;
    if (!ka_uno_call(w->env->model, "com.sun.star.frame.XModel", "getCurrentController",
                     &controller, NULL, NULL) ||
        !controller)
        return;
    void *args[1] = {&w->sheet};
    if (call_void(controller, "com.sun.star.sheet.XSpreadsheetView", "setActiveSheet", NULL,
                  args) &&
        (w->plan->freeze_cols > 0 || w->plan->freeze_rows > 0)) {
        sal_Int32 c = w->plan->freeze_cols, r = w->plan->freeze_rows;
        void *fargs[2] = {&c, &r};
        bool ok = call_void(controller, "com.sun.star.sheet.XViewFreezable", "freezeAtPosition",
                            NULL, fargs);
        ka_uno_trace("review: headings frozen at %d, %d: %s", (int)c, (int)r, ok ? "ok" : "failed");
    }
    ka_uno_release(controller);
}

/* ---- colour scales ----
 * LibreOffice's API cannot fill a colour scale: createEntry(COLORSCALE)
 * gives one without entries (7.4 and 25.2), and setting its
 * ColorScaleEntries then crashes 7.4.  Its ODF import can: the new sheet
 * is inserted plain, then linked (XSheetLinkable.link) to a small flat ODF
 * document written for the run, holding the plan's colour scales at their
 * ranges, and the link is dropped at once.  Not XSpreadsheets2.importSheet:
 * after three imports into a visible document and a switch to the new
 * sheet, 7.4 aborted when the document was closed (vcl::Window::dispose
 * removed a user event already gone; also without the extension, from
 * Python). */

#define FODS_HEAD                                                                                  \
    "<?xml version=\"1.0\" encoding=\"UTF-8\"?>\n<office:document "                                \
    "xmlns:office=\"urn:oasis:names:tc:opendocument:xmlns:office:1.0\" "                           \
    "xmlns:table=\"urn:oasis:names:tc:opendocument:xmlns:table:1.0\" "                             \
    "xmlns:calcext=\"urn:org:documentfoundation:names:experimental:calc:xmlns:calcext:1.0\" "      \
    "office:version=\"1.3\" office:mimetype=\"application/vnd.oasis.opendocument.spreadsheet\">"   \
    "<office:body><office:spreadsheet><table:table table:name=\"%s\"><table:table-column/>"        \
    "<table:table-row><table:table-cell/></table:table-row><calcext:conditional-formats>"
#define FODS_SCALE                                                                                 \
    "<calcext:conditional-format calcext:target-range-address=\"%s.%s:%s\"><calcext:color-scale>"  \
    "<calcext:color-scale-entry calcext:value=\"0\" calcext:type=\"minimum\" "                     \
    "calcext:color=\"#f7fbff\"/><calcext:color-scale-entry calcext:value=\"0\" "                   \
    "calcext:type=\"maximum\" calcext:color=\"#4a90c8\"/></calcext:color-scale>"                   \
    "</calcext:conditional-format>"
#define FODS_TAIL                                                                                  \
    "</calcext:conditional-formats></table:table></office:spreadsheet></office:body>"              \
    "</office:document>\n"

/* The flat ODF text of a sheet named name (plain ASCII letters) with a
 * colour scale on each of rects[0..n-1]; malloc'ed, NULL when out of memory. */
static char *scales_document(const char *name, const ka_plan_rect *rects, size_t n)
{
    size_t room = sizeof FODS_HEAD + sizeof FODS_TAIL + strlen(name) +
                  n * (sizeof FODS_SCALE + strlen(name) + 32);
    char *doc = malloc(room);
    if (!doc)
        return NULL;
    size_t at = (size_t)snprintf(doc, room, FODS_HEAD, name);
    for (size_t i = 0; i < n; i++) {
        char a[16], b[16];
        ka_plan_cell_name(rects[i].col0, rects[i].row0, a);
        ka_plan_cell_name(rects[i].col1, rects[i].row1, b);
        at += (size_t)snprintf(doc + at, room - at, FODS_SCALE, name, a, b);
    }
    snprintf(doc + at, room - at, FODS_TAIL);
    return doc;
}

/* Inserts the sheet named name at position, with the plan's colour scales
 * on it (rects[0..n-1]); n == 0: a plain new sheet. */
static ka_status insert_sheet(writer *w, uno_Interface *sheets, const char *name,
                              sal_Int16 position, const ka_plan_rect *rects, size_t n)
{
    rtl_uString *s = ka_uno_string_new(name, (size_t)-1);
    void *args[2] = {&s, &position};
    bool ok = call_void(sheets, X_SHEETS, "insertNewByName", NULL, args);
    rtl_uString_release(s);
    if (!ok)
        return failed(w, KA_ERR_ARG, "the sheet could not be inserted");
    if (n == 0)
        return KA_OK;
    char *text = scales_document(name, rects, n);
    uno_Interface *sheet = text ? sheet_at(sheets, position) : NULL;
    oslFileHandle file = NULL;
    rtl_uString *url = NULL;
    ka_status st = text ? KA_ERR_ARG : KA_ERR_NOMEM;
    sal_uInt64 written = 0, len = text ? strlen(text) : 0;
    if (sheet && osl_createTempFile(NULL, &file, &url) == osl_File_E_None && url) {
        ok = osl_writeFile(file, text, len, &written) == osl_File_E_None && written == len;
        osl_closeFile(file);
        rtl_uString *src = ka_uno_string_new(name, (size_t)-1);
        rtl_uString *filter = ka_uno_string_new("OpenDocument Spreadsheet Flat XML", (size_t)-1);
        rtl_uString *options = ka_uno_string_new("", 0);
        /* com.sun.star.sheet.SheetLinkMode: NORMAL copies, NONE unlinks */
        sal_Int32 normal = 1, none = 0;
        void *largs[5] = {&url, &src, &filter, &options, &normal};
        void *nargs[1] = {&none};
        if (ok && call_void(sheet, "com.sun.star.sheet.XSheetLinkable", "link", NULL, largs) &&
            call_void(sheet, "com.sun.star.sheet.XSheetLinkable", "setLinkMode", NULL, nargs))
            st = KA_OK;
        ka_uno_trace("review: colour scales linked in: %s", st == KA_OK ? "ok" : "failed");
        rtl_uString_release(options);
        rtl_uString_release(filter);
        rtl_uString_release(src);
        osl_removeFile(url);
    }
    if (url)
        rtl_uString_release(url);
    ka_uno_release(sheet);
    free(text);
    if (st == KA_OK)
        return KA_OK;
    sheets_remove(sheets, name);
    return st == KA_ERR_NOMEM ? st : failed(w, st, "the colour scales could not be set");
}

/* ---- charts ---- */

/* Sets the String of a title object got by member of iface on obj. */
static bool title_text(uno_Interface *obj, const char *iface, const char *member, const char *text)
{
    uno_Interface *title = call_iface(obj, iface, member, NULL);
    bool ok = title && set_string(title, "String", text);
    ka_uno_release(title);
    return ok;
}

/* Dresses the chart document (com.sun.star.chart.XChartDocument) of c. */
static bool chart_dress(writer *w, uno_Interface *chart, const ka_plan_chart *c, int n_series)
{
    const char *lang = w->env->lang;
    uno_Interface *made =
        doc_create(chart, c->kind == KA_CHART_XY ? "com.sun.star.chart.XYDiagram"
                                                 : "com.sun.star.chart.BarDiagram");
    /* an interface argument must be of the declared type */
    uno_Interface *diagram = made ? ka_uno_query(made, "com.sun.star.chart.XDiagram") : NULL;
    ka_uno_release(made);
    void *dargs[1] = {&diagram};
    bool ok =
        diagram && call_void(chart, "com.sun.star.chart.XChartDocument", "setDiagram", NULL, dargs);
    ok = ok && set_bool(chart, "HasMainTitle", true) &&
         title_text(chart, "com.sun.star.chart.XChartDocument", "getTitle", ka_msg(lang, c->title));
    ok = ok && set_bool(diagram, "HasXAxisTitle", true) &&
         title_text(diagram, "com.sun.star.chart.XAxisXSupplier", "getXAxisTitle",
                    ka_msg(lang, c->x_title)) &&
         set_bool(diagram, "HasYAxisTitle", true) &&
         title_text(diagram, "com.sun.star.chart.XAxisYSupplier", "getYAxisTitle",
                    ka_msg(lang, c->y_title));
    /* a point's marker hides a curve of 200 points: the line alone */
    if (ok && c->kind == KA_CHART_XY)
        ok = set_long(diagram, "SymbolType", -3); /* ChartSymbolType.NONE */
    if (ok && c->kind == KA_CHART_PARETO) {
        /* 200 columns with the default gap (100 %) come out thinner than a
         * pixel: a small gap lets them fill the width */
        uno_Interface *axis =
            call_iface(diagram, "com.sun.star.chart.XAxisYSupplier", "getYAxis", NULL);
        ok = axis && set_long(axis, "GapWidth", 10);
        ka_uno_release(axis);
    }
    if (ok && c->kind == KA_CHART_PARETO && n_series > 1) {
        ok = set_long(diagram, "NumberOfLines", n_series - 1) &&
             set_bool(diagram, "HasSecondaryYAxis", true);
        for (sal_Int32 s = 1; ok && s < n_series; s++) {
            void *sargs[1] = {&s};
            uno_Interface *series =
                call_iface(diagram, "com.sun.star.chart.XDiagram", "getDataRowProperties", sargs);
            ok = series && set_long(series, "Axis", 4); /* ChartAxisAssign.SECONDARY_Y */
            ka_uno_release(series);
        }
        uno_Interface *axis = ok ? call_iface(diagram, "com.sun.star.chart.XTwoAxisYSupplier",
                                              "getSecondaryYAxis", NULL)
                                 : NULL;
        ok = axis && set_bool(axis, "AutoMin", false) && set_double(axis, "Min", 0.0) &&
             set_bool(axis, "AutoMax", false) && set_double(axis, "Max", 1.0);
        ka_uno_release(axis);
        ok = ok && set_bool(diagram, "HasSecondaryYAxisTitle", true) &&
             title_text(diagram, "com.sun.star.chart.XSecondAxisTitleSupplier",
                        "getSecondYAxisTitle", ka_msg(lang, c->y2_title));
    }
    ka_uno_release(diagram);
    return ok;
}

static ka_status write_chart(writer *w, const ka_plan_chart *c, sal_Int16 sheet)
{
    if (!ka_plan_applies(w->run, c->needs, NULL))
        return KA_OK;
    ka_uno_trace("review: chart %s", c->name);
    range_address addrs[KA_PLAN_CHART_RANGES];
    int n = 0, n_series = 0;
    for (; n < KA_PLAN_CHART_RANGES && c->ranges[n]; n++) {
        ka_plan_rect r;
        if (ka_plan_ref(w->plan, w->layout, c->ranges[n], strlen(c->ranges[n]), &r) != KA_OK)
            return failed(w, KA_ERR_ARG, c->ranges[n]);
        /* with the heading row above: the series' names */
        addrs[n] = (range_address){sheet, r.col0, r.row0 > 0 ? r.row0 - 1 : 0, r.col1, r.row1};
        n_series += r.col1 - r.col0 + 1;
    }
    n_series -= 1; /* the first column: categories, or x */
    ka_plan_rect at;
    if (ka_plan_ref(w->plan, w->layout, c->at, strlen(c->at), &at) != KA_OK)
        return failed(w, KA_ERR_ARG, c->at);
    uno_Interface *corner = cell_of(w->sheet, at.col0 + c->dx, at.row0 + c->dy);
    uno_Any pa;
    point pos = {0, 0};
    if (corner && get_prop(corner, "Position", &pa)) {
        if (pa.pType->eTypeClass == typelib_TypeClass_STRUCT)
            pos = *(point *)pa.pData;
        uno_any_destruct(&pa, NULL);
    }
    ka_uno_release(corner);

    typelib_TypeDescriptionReference *t =
        ka_uno_type(typelib_TypeClass_SEQUENCE, "[]" T_RANGE_ADDRESS);
    uno_Sequence *seq = NULL;
    if (!uno_type_sequence_construct(&seq, t, addrs, n, NULL)) {
        typelib_typedescriptionreference_release(t);
        return KA_ERR_NOMEM;
    }
    uno_Interface *charts =
        call_iface(w->sheet, "com.sun.star.table.XTableChartsSupplier", "getCharts", NULL);
    rtl_uString *name = ka_uno_string_new(c->name, (size_t)-1);
    rectangle rect = {pos.x, pos.y, c->width, c->height};
    sal_Bool headers = 1, row_headers = c->kind != KA_CHART_XY;
    void *args[5] = {&name, &rect, &seq, &headers, &row_headers};
    bool ok =
        charts && call_void(charts, "com.sun.star.table.XTableCharts", "addNewByName", NULL, args);
    uno_Any a;
    void *nargs[1] = {&name};
    uno_Interface *table_chart =
        ok && call_void(charts, X_NAME, "getByName", &a, nargs)
            ? any_take_iface(&a, "com.sun.star.document.XEmbeddedObjectSupplier")
            : NULL;
    uno_Interface *doc =
        table_chart ? call_iface(table_chart, "com.sun.star.document.XEmbeddedObjectSupplier",
                                 "getEmbeddedObject", NULL)
                    : NULL;
    ok = doc && chart_dress(w, doc, c, n_series);
    ka_uno_release(doc);
    ka_uno_release(table_chart);
    rtl_uString_release(name);
    ka_uno_release(charts);
    ka_uno_sequence_release(seq, t);
    typelib_typedescriptionreference_release(t);
    return ok ? KA_OK : failed(w, KA_ERR_ARG, "a chart could not be made");
}

/* ---- the build ---- */

/* Milliseconds of a monotonic clock, for the trace of the build's phases. */
static double now_ms(void)
{
    struct timespec t;
    clock_gettime(CLOCK_MONOTONIC, &t);
    return (double)t.tv_sec * 1e3 + (double)t.tv_nsec / 1e6;
}

/* A sheet name not taken yet: base, else base, sep and 2, 3, ...; except
 * that `own` (the sheet being replaced) may keep its name.  Malloc'ed. */
static char *free_name(uno_Interface *sheets, const char *base, const char *sep, const char *own)
{
    size_t len = strlen(base);
    char *name = malloc(len + 16);
    if (!name)
        return NULL;
    strcpy(name, base);
    for (int k = 2; sheets_has(sheets, name) && !(own && strcmp(own, name) == 0) && k < 10000; k++)
        snprintf(name + len, 16, "%s%d", sep, k);
    return name;
}

ka_status ka_review_build(const ka_command_env *env, const ka_review_plan *plan,
                          const ka_plan_run *run, const char *sheet_name, bool replace,
                          const char *sources, char **message)
{
    *message = NULL;
    const char *lang = env->lang;
    char marker[64];
    snprintf(marker, sizeof marker, MARKER_PREFIX "%s", plan->command);
    ka_plan_rect *layout = calloc(plan->n_blocks ? plan->n_blocks : 1, sizeof *layout);
    if (!layout) {
        ka_command_message(message, "%s", ka_msg(lang, KA_MSG_CMD_NOMEM));
        return KA_ERR_NOMEM;
    }
    ka_status st = ka_plan_layout(plan, run, layout);
    uno_Interface *sheets = st == KA_OK ? doc_sheets(env->model) : NULL;
    uno_Interface *names = sheets ? named_ranges(env->model) : NULL;
    if (st == KA_OK && (!sheets || !names))
        st = KA_ERR_ARG;
    if (st != KA_OK) {
        ka_command_message(message, ka_msg(lang, KA_MSG_REVIEW_NOT_MADE),
                           ka_msg(lang, KA_MSG_REVIEW_REASON_LAYOUT));
        ka_uno_release(names);
        ka_uno_release(sheets);
        free(layout);
        return st;
    }
    /* the review this command made before */
    sal_Int32 old_index = marker_sheet(names, marker);
    uno_Interface *old = old_index >= 0 ? sheet_at(sheets, old_index) : NULL;
    char *old_name = old ? sheet_name_of(old) : NULL;
    ka_uno_release(old);
    if (old_name && !replace) {
        ka_command_message(message, ka_msg(lang, KA_MSG_REVIEW_EXISTS), old_name);
        free(old_name);
        ka_uno_release(names);
        ka_uno_release(sheets);
        free(layout);
        return KA_ERR_ARG;
    }
    /* a review renamed by the user keeps its name when it is replaced */
    const char *base = sheet_name && *sheet_name ? sheet_name
                       : old_name                ? old_name
                                                 : ka_msg(lang, plan->sheet_name);
    char *final_name = free_name(sheets, base, " ", old_name);
    char *temp_name = free_name(sheets, "KeyAccountsReviewInProgress", "_", NULL);
    writer w = {env, plan, run, layout, NULL, NULL, {0}, sources, NULL};
    ka_uno_any_void(&w.locale);
    if (!final_name || !temp_name)
        st = KA_ERR_NOMEM;

    sal_Int16 position = (sal_Int16)(old_index >= 0 ? old_index + 1 : sheet_count(sheets));
    /* the colour scales of this run: those whose blocks it has */
    ka_plan_rect *scales = calloc(plan->n_scales ? plan->n_scales : 1, sizeof *scales);
    size_t n_scales = 0;
    if (!scales)
        st = KA_ERR_NOMEM;
    for (size_t i = 0; st == KA_OK && i < plan->n_scales; i++)
        if (ka_plan_ref(plan, layout, plan->scales[i].ref, strlen(plan->scales[i].ref),
                        &scales[n_scales]) == KA_OK)
            n_scales++;
    bool inserted = false;
    double t0 = now_ms();
    if (st == KA_OK)
        inserted = (st = insert_sheet(&w, sheets, temp_name, position, scales, n_scales)) == KA_OK;
    free(scales);
    if (st == KA_OK) {
        w.sheet = sheet_at(sheets, position);
        w.formats = call_iface(env->model, "com.sun.star.util.XNumberFormatsSupplier",
                               "getNumberFormats", NULL);
        uno_Interface *types =
            w.formats ? ka_uno_query(w.formats, "com.sun.star.util.XNumberFormatTypes") : NULL;
        ka_uno_release(w.formats);
        w.formats = types;
        uno_any_destruct(&w.locale, NULL);
        if (!get_prop(env->model, "CharLocale", &w.locale))
            ka_uno_any_void(&w.locale);
        if (!w.sheet)
            st = failed(&w, KA_ERR_ARG, "the new sheet could not be reached");
    }
    /* one calculation at the end, no repaint or row-height pass per cell:
     * each cell written with automatic calculation on cost about 20 ms */
    sal_Bool autocalc = 1;
    bool locked = false, frozen = st == KA_OK, heights = false;
    if (frozen) {
        call_void(env->model, X_CALC, "isAutomaticCalculationEnabled", &autocalc, NULL);
        sal_Bool off = 0;
        void *cargs[1] = {&off};
        call_void(env->model, X_CALC, "enableAutomaticCalculation", NULL, cargs);
        call_void(env->model, "com.sun.star.frame.XModel", "lockControllers", NULL, NULL);
        locked = call_void(env->model, X_LOCKABLE, "addActionLock", NULL, NULL);
        /* no row-height pass per write: with 100,000 clients each one cost
         * 20-30 ms (Calc measures the whole sheet), and the first one in a
         * client row had Calc interpret every array formula before the
         * calculation (1.8 s); a lock of Calc's own, a counter: taken only
         * when it was free, given back once (fit_heights does the rows) */
        uno_Any a;
        if (get_prop(env->model, "IsAdjustHeightEnabled", &a)) {
            heights = a.pType->eTypeClass == typelib_TypeClass_BOOLEAN && *(sal_Bool *)a.pData;
            uno_any_destruct(&a, NULL);
        }
        heights = heights && set_bool(env->model, "IsAdjustHeightEnabled", false);
    }
    ka_uno_trace("review %s: sheet inserted, %.0f ms; writing %zu blocks", plan->command,
                 now_ms() - t0, plan->n_blocks);
    if (st == KA_OK)
        st = write_decorations(&w);
    ka_uno_trace("review %s: formats and styles, %.0f ms", plan->command, now_ms() - t0);
    bool grid = false;
    if (st == KA_OK)
        st = write_grid(&w, &grid);
    ka_uno_trace("review %s: texts and single formulas (%s), %.0f ms", plan->command,
                 grid ? "one call" : "per block", now_ms() - t0);
    for (size_t i = 0; st == KA_OK && i < plan->n_blocks; i++) {
        if (grid && in_grid(&w, i))
            continue;
        double started = now_ms();
        st = write_block(&w, i);
        if (layout[i].present && plan->blocks[i].kind != KA_BLOCK_FORMAT)
            ka_uno_trace("review %s: block %zu (%s) %.1f ms", plan->command, i,
                         plan->blocks[i].name ? plan->blocks[i].name : "-", now_ms() - started);
    }
    ka_uno_trace("review %s: array formulas (%d), %.0f ms", plan->command, (int)st, now_ms() - t0);
    if (st == KA_OK)
        st = write_widths(&w);
    /* the locks end before sheets go and charts come: a chart added under
     * them after a sheet was removed crashed 7.4 */
    ka_uno_trace("review %s: column widths, %.0f ms", plan->command, now_ms() - t0);
    if (heights)
        set_bool(env->model, "IsAdjustHeightEnabled", true);
    if (locked)
        call_void(env->model, X_LOCKABLE, "removeActionLock", NULL, NULL);
    if (frozen) {
        call_void(env->model, "com.sun.star.frame.XModel", "unlockControllers", NULL, NULL);
        /* calculateAll, not calculate: calculate takes the new cells in
         * the order they were written and reads precedents written after
         * them as 0 */
        if (st == KA_OK)
            call_void(env->model, X_CALC, "calculateAll", NULL, NULL);
        void *cargs[1] = {&autocalc};
        call_void(env->model, X_CALC, "enableAutomaticCalculation", NULL, cargs);
        ka_uno_trace("review %s: calculated, %.0f ms", plan->command, now_ms() - t0);
    }
    /* the heights before the charts: a chart's place is a cell's position */
    if (st == KA_OK && heights)
        fit_heights(&w);
    ka_uno_trace("review %s: row heights, %.0f ms", plan->command, now_ms() - t0);
    /* the old review goes before the charts come: chart names are the
     * document's, and the new ones take the old ones' */
    if (st == KA_OK && old_name && !sheets_remove(sheets, old_name))
        st = failed(&w, KA_ERR_ARG, "the previous review could not be removed");
    sal_Int16 index = st == KA_OK ? sheet_index(&w) : 0;
    for (size_t i = 0; st == KA_OK && i < plan->n_charts; i++)
        st = write_chart(&w, &plan->charts[i], index);
    ka_uno_trace("review %s: charts (%d), %.0f ms", plan->command, (int)st, now_ms() - t0);
    if (st == KA_OK) {
        rtl_uString *n = ka_uno_string_new(final_name, (size_t)-1);
        void *args[1] = {&n};
        if (!call_void(w.sheet, "com.sun.star.container.XNamed", "setName", NULL, args))
            st = failed(&w, KA_ERR_ARG, "the sheet could not be named");
        rtl_uString_release(n);
    }
    if (st == KA_OK && !marker_set(names, marker, final_name, sheet_index(&w)))
        st = failed(&w, KA_ERR_ARG, "the review's marker could not be set");
    if (st == KA_OK) {
        show_and_freeze(&w);
        ka_command_message(message, ka_msg(lang, KA_MSG_REVIEW_DONE), final_name);
    } else {
        if (inserted)
            sheets_remove(sheets, temp_name);
        if (st == KA_ERR_NOMEM)
            ka_command_message(message, "%s", ka_msg(lang, KA_MSG_CMD_NOMEM));
        else
            ka_command_message(message, ka_msg(lang, KA_MSG_REVIEW_NOT_MADE),
                               w.error ? w.error : "?");
    }
    ka_uno_trace("review %s: %s", plan->command, w.error ? w.error : "ok");
    uno_any_destruct(&w.locale, NULL);
    ka_uno_release(w.formats);
    ka_uno_release(w.sheet);
    free(w.error);
    free(final_name);
    free(temp_name);
    free(old_name);
    ka_uno_release(names);
    ka_uno_release(sheets);
    free(layout);
    return st;
}
