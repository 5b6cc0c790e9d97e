/* ka_share_copy.c - "Share a copy with values" (org.keyaccount.calc:ShareCopy,
 * docs/commands.md): a copy of the workbook in which every cell whose
 * formula calls a toolkit function holds that formula's current value, for
 * colleagues whose LibreOffice or Excel lacks the toolkit.
 *
 * The live workbook's cells are never changed: it is stored to a temporary
 * .ods (a save like any other, on which ka_save_job.c gives the toolkit's
 * unstyled numeric results their no-op style), which is loaded hidden,
 * changed, stored as the copy and closed.  Charts
 * and document properties (the dossier) travel with the file.  A result
 * becomes: a number the same number (the cell keeps its number format), a
 * text the same text, an error the text the cell showed ("Err:502"). */
#include "ka_commands.h"

#include "ka_addin.h"
#include "ka_formula_scan.h"
#include "ka_i18n.h"

#include <osl/file.h>

#include <stdio.h>
#include <stdlib.h>
#include <string.h>
#include <strings.h>

#define X_FACTORY "com.sun.star.lang.XMultiComponentFactory"
#define X_STORABLE "com.sun.star.frame.XStorable"
#define X_CELL "com.sun.star.table.XCell"
#define X_CELL_RANGE "com.sun.star.table.XCellRange"
#define X_TEXT_RANGE "com.sun.star.text.XTextRange"
#define X_PROPS "com.sun.star.beans.XPropertySet"

#define FILTER_ODS "calc8"
#define FILTER_XLSX "Calc Office Open XML"

/* com.sun.star.table.CellRangeAddress in binary-UNO layout. */
typedef struct range_address {
    sal_Int16 sheet;
    sal_Int32 col0, row0, col1, row1;
} range_address;

/* ---- small calls ---- */

/* A new instance of service (new reference) or NULL. */
static uno_Interface *service_new(uno_Interface *ctx, const char *service, uno_Sequence *args)
{
    uno_Interface *smgr = NULL, *obj = NULL;
    if (!ka_uno_call(ctx, "com.sun.star.uno.XComponentContext", "getServiceManager", &smgr, NULL,
                     NULL))
        return NULL;
    rtl_uString *name = ka_uno_string_new(service, (size_t)-1);
    bool ok;
    if (args) {
        void *a[3] = {&name, &args, &ctx};
        ok = ka_uno_call(smgr, X_FACTORY, "createInstanceWithArgumentsAndContext", &obj, a, NULL);
    } else {
        void *a[2] = {&name, &ctx};
        ok = ka_uno_call(smgr, X_FACTORY, "createInstanceWithContext", &obj, a, NULL);
    }
    rtl_uString_release(name);
    ka_uno_release(smgr);
    return ok ? obj : NULL;
}

/* Calls iface.member(args) on obj returning an interface: new reference or NULL. */
static uno_Interface *call_iface(uno_Interface *obj, const char *iface, const char *member,
                                 void *args[])
{
    uno_Interface *q = obj ? ka_uno_query(obj, iface) : NULL, *out = NULL;
    if (q && !ka_uno_call(q, iface, member, &out, args, NULL))
        out = NULL;
    ka_uno_release(q);
    return out;
}

/* A sequence<PropertyValue> of FilterName and Overwrite (store) or of
 * FilterName, Hidden, MacroExecutionMode NEVER and UpdateDocMode NO_UPDATE
 * (load); NULL when out of memory. */
static uno_Sequence *media_descriptor(const char *filter, bool load)
{
    uno_Any v[4];
    sal_Bool yes = 1;
    sal_Int16 never = 0;
    bool ok = ka_uno_any_utf8(&v[0], filter);
    uno_type_any_construct(&v[1], &yes,
                           *typelib_static_type_getByTypeClass(typelib_TypeClass_BOOLEAN), NULL);
    uno_type_any_construct(&v[2], &never,
                           *typelib_static_type_getByTypeClass(typelib_TypeClass_SHORT), NULL);
    uno_type_any_construct(&v[3], &never,
                           *typelib_static_type_getByTypeClass(typelib_TypeClass_SHORT), NULL);
    static const char *const store_names[] = {"FilterName", "Overwrite"};
    static const char *const load_names[] = {"FilterName", "Hidden", "MacroExecutionMode",
                                             "UpdateDocMode"};
    uno_Sequence *seq =
        ok ? ka_uno_property_values_new(load ? load_names : store_names, v, load ? 4 : 2) : NULL;
    for (int i = 0; i < 4; i++)
        uno_any_destruct(&v[i], NULL);
    return seq;
}

/* Stores doc to url with filter; false with *error (malloc'ed, may be NULL). */
static bool store_to(uno_Interface *doc, rtl_uString *url, const char *filter, char **error)
{
    uno_Interface *st = ka_uno_query(doc, X_STORABLE);
    uno_Sequence *md = media_descriptor(filter, false);
    bool ok = false;
    if (st && md) {
        void *args[2] = {&url, &md};
        ok = ka_uno_call(st, X_STORABLE, "storeToURL", NULL, args, error);
    }
    ka_uno_sequence_release(md, ka_uno_property_values_type());
    ka_uno_release(st);
    return ok;
}

/* Loads url hidden (new reference) or NULL with *error. */
static uno_Interface *load_hidden(uno_Interface *ctx, rtl_uString *url, char **error)
{
    uno_Interface *desktop = service_new(ctx, "com.sun.star.frame.Desktop", NULL);
    uno_Interface *loader =
        desktop ? ka_uno_query(desktop, "com.sun.star.frame.XComponentLoader") : NULL;
    uno_Sequence *md = media_descriptor(FILTER_ODS, true);
    rtl_uString *target = ka_uno_string_new("_blank", (size_t)-1);
    sal_Int32 flags = 0;
    uno_Interface *doc = NULL;
    if (loader && md) {
        void *args[4] = {&url, &target, &flags, &md};
        if (!ka_uno_call(loader, "com.sun.star.frame.XComponentLoader", "loadComponentFromURL",
                         &doc, args, error))
            doc = NULL;
    }
    rtl_uString_release(target);
    ka_uno_sequence_release(md, ka_uno_property_values_type());
    ka_uno_release(loader);
    ka_uno_release(desktop);
    return doc;
}

/* Closes a document this command loaded. */
static void close_doc(uno_Interface *doc)
{
    uno_Interface *c = ka_uno_query(doc, "com.sun.star.util.XCloseable");
    sal_Bool give_up_ownership = 1;
    void *args[1] = {&give_up_ownership};
    if (!c || !ka_uno_call(c, "com.sun.star.util.XCloseable", "close", NULL, args, NULL)) {
        uno_Interface *comp = ka_uno_query(doc, "com.sun.star.lang.XComponent");
        if (comp)
            ka_uno_call(comp, "com.sun.star.lang.XComponent", "dispose", NULL, NULL, NULL);
        ka_uno_release(comp);
    }
    ka_uno_release(c);
}

/* ---- replacing the formulas ---- */

/* What a formula cell shows. */
typedef struct cell_result {
    bool is_number;
    double number;
    rtl_uString *text; /* owned; the error's text for an error */
} cell_result;

/* Reads the result of formula cell (XCell, borrowed); false when it cannot be read. */
static bool read_result(uno_Interface *cell, cell_result *r)
{
    r->is_number = false;
    r->text = NULL;
    sal_Int32 err = 0;
    uno_Interface *props = ka_uno_query(cell, X_PROPS);
    rtl_uString *name = ka_uno_string_new("FormulaResultType2", (size_t)-1);
    void *pargs[1] = {&name};
    uno_Any type;
    double kind = 0;
    if (props && ka_uno_call(props, X_PROPS, "getPropertyValue", &type, pargs, NULL)) {
        ka_uno_any_number(&type, &kind);
        uno_any_destruct(&type, NULL);
    }
    rtl_uString_release(name);
    ka_uno_release(props);
    bool ok = ka_uno_call(cell, X_CELL, "getError", &err, NULL, NULL);
    if (ok && err == 0 && kind == 1) { /* FormulaResult.VALUE */
        r->is_number = true;
        return ka_uno_call(cell, X_CELL, "getValue", &r->number, NULL, NULL);
    }
    uno_Interface *text = ka_uno_query(cell, X_TEXT_RANGE);
    ok = text && ka_uno_call(text, X_TEXT_RANGE, "getString", &r->text, NULL, NULL);
    ka_uno_release(text);
    if (!ok)
        r->text = NULL;
    return ok;
}

/* Writes a result as the cell's content (a value, no formula). */
static bool write_result(uno_Interface *cell, const cell_result *r)
{
    if (r->is_number) {
        void *args[1] = {(void *)&r->number};
        return ka_uno_call(cell, X_CELL, "setValue", NULL, args, NULL);
    }
    uno_Interface *text = ka_uno_query(cell, X_TEXT_RANGE);
    void *args[1] = {(void *)&r->text};
    bool ok = text && ka_uno_call(text, X_TEXT_RANGE, "setString", NULL, args, NULL);
    ka_uno_release(text);
    return ok;
}

/* The cell's formula as UTF-8 (malloc'ed) or NULL. */
static char *cell_formula(uno_Interface *cell, size_t *len)
{
    rtl_uString *f = NULL;
    if (!ka_uno_call(cell, X_CELL, "getFormula", &f, NULL, NULL))
        return NULL;
    char *out = ka_uno_string_utf8(f, len);
    rtl_uString_release(f);
    return out;
}

/* Replaces the array formula cell belongs to (sheet: XSpreadsheet,
 * borrowed) by its values; *count grows by its cells. */
static ka_status replace_array(uno_Interface *sheet, uno_Interface *cell, size_t *count)
{
    uno_Interface *sheet_range = ka_uno_query(cell, "com.sun.star.sheet.XSheetCellRange");
    void *cargs[1] = {&sheet_range};
    uno_Interface *cursor = sheet_range ? call_iface(sheet, "com.sun.star.sheet.XSpreadsheet",
                                                     "createCursorByRange", cargs)
                                        : NULL;
    ka_uno_release(sheet_range);
    range_address a = {0, 0, 0, 0, 0};
    uno_Interface *addr =
        cursor ? ka_uno_query(cursor, "com.sun.star.sheet.XCellRangeAddressable") : NULL;
    bool ok = cursor &&
              ka_uno_call(cursor, "com.sun.star.sheet.XSheetCellCursor", "collapseToCurrentArray",
                          NULL, NULL, NULL) &&
              addr &&
              ka_uno_call(addr, "com.sun.star.sheet.XCellRangeAddressable", "getRangeAddress", &a,
                          NULL, NULL);
    ka_uno_release(addr);
    size_t cols = ok ? (size_t)(a.col1 - a.col0 + 1) : 0,
           rows = ok ? (size_t)(a.row1 - a.row0 + 1) : 0;
    cell_result *res = ok ? calloc(rows * cols, sizeof *res) : NULL;
    ka_status st = !ok ? KA_ERR_ARG : res ? KA_OK : KA_ERR_NOMEM;
    uno_Interface **cells = st == KA_OK ? calloc(rows * cols, sizeof *cells) : NULL;
    if (st == KA_OK && !cells)
        st = KA_ERR_NOMEM;
    for (size_t i = 0; st == KA_OK && i < rows * cols; i++) {
        sal_Int32 c = (sal_Int32)(i % cols), r = (sal_Int32)(i / cols);
        void *args[2] = {&c, &r};
        if (!ka_uno_call(cursor, X_CELL_RANGE, "getCellByPosition", &cells[i], args, NULL) ||
            !read_result(cells[i], &res[i]))
            st = KA_ERR_ARG;
    }
    if (st == KA_OK) {
        rtl_uString *empty = ka_uno_string_new("", 0);
        void *args[1] = {&empty};
        uno_Interface *array = ka_uno_query(cursor, "com.sun.star.sheet.XArrayFormulaRange");
        if (!array || !ka_uno_call(array, "com.sun.star.sheet.XArrayFormulaRange",
                                   "setArrayFormula", NULL, args, NULL))
            st = KA_ERR_ARG;
        ka_uno_release(array);
        rtl_uString_release(empty);
    }
    for (size_t i = 0; st == KA_OK && i < rows * cols; i++)
        if (!write_result(cells[i], &res[i]))
            st = KA_ERR_ARG;
    if (st == KA_OK)
        *count += rows * cols;
    for (size_t i = 0; res && i < rows * cols; i++) {
        if (res[i].text)
            rtl_uString_release(res[i].text);
        if (cells)
            ka_uno_release(cells[i]);
    }
    free(res);
    free(cells);
    ka_uno_release(cursor);
    return st;
}

/* Replaces the toolkit's formulas in one block of formula cells. */
static ka_status replace_in_range(uno_Interface *sheet, const range_address *a, size_t *count)
{
    sal_Int32 pos[4] = {a->col0, a->row0, a->col1, a->row1};
    void *args[4] = {&pos[0], &pos[1], &pos[2], &pos[3]};
    uno_Interface *range = call_iface(sheet, X_CELL_RANGE, "getCellRangeByPosition", args);
    ka_status st = range ? KA_OK : KA_ERR_ARG;
    for (sal_Int32 r = 0; st == KA_OK && r <= a->row1 - a->row0; r++)
        for (sal_Int32 c = 0; st == KA_OK && c <= a->col1 - a->col0; c++) {
            void *cargs[2] = {&c, &r};
            uno_Interface *cell = NULL;
            if (!ka_uno_call(range, X_CELL_RANGE, "getCellByPosition", &cell, cargs, NULL)) {
                st = KA_ERR_ARG;
                break;
            }
            size_t len = 0;
            char *f = cell_formula(cell, &len); /* read now: an array replaced before is gone */
            if (!f) {
                st = KA_ERR_NOMEM;
            } else if (len && f[0] == '{' && ka_formula_calls_toolkit(f, len, KA_ADDIN_SERVICE)) {
                st = replace_array(sheet, cell, count);
            } else if (len && f[0] == '=' && ka_formula_calls_toolkit(f, len, KA_ADDIN_SERVICE)) {
                cell_result res;
                st = read_result(cell, &res) && write_result(cell, &res) ? KA_OK : KA_ERR_ARG;
                if (res.text)
                    rtl_uString_release(res.text);
                if (st == KA_OK)
                    (*count)++;
            }
            free(f);
            ka_uno_release(cell);
        }
    ka_uno_release(range);
    return st;
}

/* Replaces every toolkit formula of the document doc; *count: the cells. */
static ka_status replace_formulas(uno_Interface *doc, size_t *count)
{
    *count = 0;
    uno_Interface *sheets =
        call_iface(doc, "com.sun.star.sheet.XSpreadsheetDocument", "getSheets", NULL);
    uno_Interface *index =
        sheets ? ka_uno_query(sheets, "com.sun.star.container.XIndexAccess") : NULL;
    sal_Int32 n = 0;
    ka_status st = index && ka_uno_call(index, "com.sun.star.container.XIndexAccess", "getCount",
                                        &n, NULL, NULL)
                       ? KA_OK
                       : KA_ERR_ARG;
    for (sal_Int32 i = 0; st == KA_OK && i < n; i++) {
        uno_Any any;
        void *args[1] = {&i};
        if (!ka_uno_call(index, "com.sun.star.container.XIndexAccess", "getByIndex", &any, args,
                         NULL)) {
            st = KA_ERR_ARG;
            break;
        }
        uno_Interface *sheet =
            any.pType->eTypeClass == typelib_TypeClass_INTERFACE
                ? ka_uno_query(*(uno_Interface **)any.pData, "com.sun.star.sheet.XSpreadsheet")
                : NULL;
        uno_any_destruct(&any, NULL);
        sal_Int16 formulas = 16; /* CellFlags.FORMULA */
        void *qargs[1] = {&formulas};
        uno_Interface *found = sheet ? call_iface(sheet, "com.sun.star.sheet.XCellRangesQuery",
                                                  "queryContentCells", qargs)
                                     : NULL;
        uno_Sequence *addrs = NULL;
        uno_Interface *q =
            found ? ka_uno_query(found, "com.sun.star.sheet.XSheetCellRanges") : NULL;
        if (!q || !ka_uno_call(q, "com.sun.star.sheet.XSheetCellRanges", "getRangeAddresses",
                               &addrs, NULL, NULL))
            st = KA_ERR_ARG;
        for (sal_Int32 k = 0; st == KA_OK && addrs && k < addrs->nElements; k++)
            st = replace_in_range(sheet, &KA_UNO_SEQ_AT(addrs, range_address, k), count);
        if (addrs) {
            typelib_TypeDescriptionReference *t =
                ka_uno_type(typelib_TypeClass_SEQUENCE, "[]com.sun.star.table.CellRangeAddress");
            ka_uno_sequence_release(addrs, t);
            typelib_typedescriptionreference_release(t);
        }
        ka_uno_release(q);
        ka_uno_release(found);
        ka_uno_release(sheet);
    }
    ka_uno_release(index);
    ka_uno_release(sheets);
    return st;
}

/* ---- the command ---- */

/* The filter for the copy: FilterName when given (one of the two), else by
 * the URL's extension; NULL when neither names .ods or .xlsx. */
static const char *choose_filter(const char *url, const char *filter_name)
{
    if (filter_name)
        return strcmp(filter_name, FILTER_ODS) == 0    ? FILTER_ODS
               : strcmp(filter_name, FILTER_XLSX) == 0 ? FILTER_XLSX
                                                       : NULL;
    size_t n = strlen(url);
    if (n > 4 && strcasecmp(url + n - 4, ".ods") == 0)
        return FILTER_ODS;
    if (n > 5 && strcasecmp(url + n - 5, ".xlsx") == 0)
        return FILTER_XLSX;
    return NULL;
}

/* Makes the copy of model at url (UTF-8) with filter; *message as for
 * ka_command_fn. */
static ka_status share(const ka_command_env *env, const char *url_utf8, const char *filter,
                       char **message)
{
    rtl_uString *url = NULL, *temp = NULL, *own = NULL;
    if (url_utf8[0] == '/') { /* a system path: as a file URL */
        rtl_uString *path = ka_uno_string_new(url_utf8, (size_t)-1);
        osl_getFileURLFromSystemPath(path, &url);
        rtl_uString_release(path);
    } else {
        ka_uno_string_from_utf8(url_utf8, (size_t)-1, &url);
    }
    if (!url) {
        ka_command_message(message, "%s", ka_msg(env->lang, KA_MSG_CMD_NOMEM));
        return KA_ERR_NOMEM;
    }
    char *shown = ka_uno_string_utf8(url, NULL);
    if (ka_uno_call(env->model, "com.sun.star.frame.XModel", "getURL", &own, NULL, NULL) && own &&
        own->length > 0 &&
        rtl_ustr_compare_WithLength(own->buffer, own->length, url->buffer, url->length) == 0) {
        ka_command_message(message, "%s", ka_msg(env->lang, KA_MSG_SHARE_SAME_FILE));
        rtl_uString_release(own);
        rtl_uString_release(url);
        free(shown);
        return KA_ERR_ARG;
    }
    if (own)
        rtl_uString_release(own);
    char *error = NULL;
    ka_status st = KA_ERR_ARG;
    uno_Interface *copy = NULL;
    size_t count = 0;
    if (osl_createTempFile(NULL, NULL, &temp) != osl_File_E_None || !temp) {
        error = strdup(ka_msg(env->lang, KA_MSG_SHARE_REASON_TEMP));
    } else if (!store_to(env->model, temp, FILTER_ODS, &error)) {
        /* error says why */
    } else if (!(copy = load_hidden(env->ctx, temp, &error))) {
        /* error says why */
    } else if ((st = replace_formulas(copy, &count)) != KA_OK) {
        free(error);
        error = strdup(st == KA_ERR_NOMEM ? ka_msg(env->lang, KA_MSG_REASON_NOMEM)
                                          : ka_msg(env->lang, KA_MSG_SHARE_REASON_CELL));
    } else if (!store_to(copy, url, filter, &error)) {
        ka_command_message(message, ka_msg(env->lang, KA_MSG_SHARE_NOT_SAVED), shown ? shown : "?",
                           error ? error : "?");
        st = KA_ERR_ARG;
    } else {
        ka_command_message(message, ka_msg(env->lang, KA_MSG_SHARE_DONE), shown ? shown : "?",
                           count);
        st = KA_OK;
    }
    if (!*message)
        ka_command_message(message, ka_msg(env->lang, KA_MSG_SHARE_NOT_MADE), error ? error : "?");
    if (copy) {
        close_doc(copy);
        ka_uno_release(copy);
    }
    if (temp) {
        osl_removeFile(temp);
        rtl_uString_release(temp);
    }
    free(error);
    free(shown);
    rtl_uString_release(url);
    return st;
}

/* ---- the dialog ---- */

/* Asks for the copy's file with a Save As picker offering .ods and .xlsx:
 * *url (malloc'ed UTF-8) and *filter, or *url NULL when cancelled.
 * KA_ERR_NOMEM; KA_ERR_ARG when no picker could be made. */
static ka_status ask_file(const ka_command_env *env, char **url, const char **filter)
{
    *url = NULL;
    *filter = FILTER_ODS;
    typelib_TypeDescriptionReference *t = ka_uno_type(typelib_TypeClass_SEQUENCE, "[]any");
    uno_Sequence *cargs = NULL;
    sal_Int16 save_auto_extension = 10; /* TemplateDescription.FILESAVE_AUTOEXTENSION */
    if (!uno_type_sequence_construct(&cargs, t, NULL, 1, NULL)) {
        typelib_typedescriptionreference_release(t);
        return KA_ERR_NOMEM;
    }
    uno_Any *a0 = &KA_UNO_SEQ_AT(cargs, uno_Any, 0);
    uno_any_destruct(a0, NULL);
    uno_type_any_construct(a0, &save_auto_extension,
                           *typelib_static_type_getByTypeClass(typelib_TypeClass_SHORT), NULL);
    uno_Interface *picker = service_new(env->ctx, "com.sun.star.ui.dialogs.FilePicker", cargs);
    ka_uno_sequence_release(cargs, t);
    typelib_typedescriptionreference_release(t);
    if (!picker)
        return KA_ERR_ARG;
    const char *ods = ka_msg(env->lang, KA_MSG_SHARE_FILTER_ODS);
    const char *xlsx = ka_msg(env->lang, KA_MSG_SHARE_FILTER_XLSX);
    rtl_uString *title = ka_uno_string_new(ka_msg(env->lang, env->title), (size_t)-1);
    rtl_uString *ods_title = ka_uno_string_new(ods, (size_t)-1);
    rtl_uString *xlsx_title = ka_uno_string_new(xlsx, (size_t)-1);
    rtl_uString *ods_pattern = ka_uno_string_new("*.ods", (size_t)-1);
    rtl_uString *xlsx_pattern = ka_uno_string_new("*.xlsx", (size_t)-1);
    void *targs[1] = {&title};
    void *f1[2] = {&ods_title, &ods_pattern}, *f2[2] = {&xlsx_title, &xlsx_pattern};
    void *cur[1] = {&ods_title};
    uno_Interface *fp = ka_uno_query(picker, "com.sun.star.ui.dialogs.XFilePicker3");
    sal_Int16 result = 0;
    bool ok =
        fp &&
        ka_uno_call(fp, "com.sun.star.ui.dialogs.XFilePicker3", "setTitle", NULL, targs, NULL) &&
        ka_uno_call(fp, "com.sun.star.ui.dialogs.XFilePicker3", "appendFilter", NULL, f1, NULL) &&
        ka_uno_call(fp, "com.sun.star.ui.dialogs.XFilePicker3", "appendFilter", NULL, f2, NULL) &&
        ka_uno_call(fp, "com.sun.star.ui.dialogs.XFilePicker3", "setCurrentFilter", NULL, cur,
                    NULL) &&
        ka_uno_call(fp, "com.sun.star.ui.dialogs.XFilePicker3", "execute", &result, NULL, NULL);
    ka_status st = ok ? KA_OK : KA_ERR_ARG;
    if (ok && result == 1) { /* ExecutableDialogResults.OK */
        uno_Sequence *files = NULL;
        rtl_uString *chosen = NULL;
        if (ka_uno_call(fp, "com.sun.star.ui.dialogs.XFilePicker3", "getSelectedFiles", &files,
                        NULL, NULL) &&
            files && files->nElements > 0) {
            *url = ka_uno_string_utf8(KA_UNO_SEQ_AT(files, rtl_uString *, 0), NULL);
            if (!*url)
                st = KA_ERR_NOMEM;
        }
        if (files) {
            typelib_TypeDescriptionReference *st_t =
                ka_uno_type(typelib_TypeClass_SEQUENCE, "[]string");
            ka_uno_sequence_release(files, st_t);
            typelib_typedescriptionreference_release(st_t);
        }
        if (ka_uno_call(fp, "com.sun.star.ui.dialogs.XFilePicker3", "getCurrentFilter", &chosen,
                        NULL, NULL) &&
            chosen) {
            char *c = ka_uno_string_utf8(chosen, NULL);
            if (c && strcmp(c, xlsx) == 0)
                *filter = FILTER_XLSX;
            free(c);
            rtl_uString_release(chosen);
        }
    }
    rtl_uString_release(title);
    rtl_uString_release(ods_title);
    rtl_uString_release(xlsx_title);
    rtl_uString_release(ods_pattern);
    rtl_uString_release(xlsx_pattern);
    ka_uno_release(fp);
    ka_uno_release(picker);
    return st;
}

/* Shows message in an error box over the frame's window (the dialog's
 * failures, which no caller receives otherwise). */
static void show_error(const ka_command_env *env, const char *message)
{
    uno_Interface *window = NULL;
    if (!env->frame || !ka_uno_call(env->frame, "com.sun.star.frame.XFrame", "getContainerWindow",
                                    &window, NULL, NULL))
        return;
    uno_Interface *peer = window ? ka_uno_query(window, "com.sun.star.awt.XWindowPeer") : NULL;
    uno_Interface *toolkit = service_new(env->ctx, "com.sun.star.awt.Toolkit", NULL);
    rtl_uString *title = ka_uno_string_new(ka_msg(env->lang, env->title), (size_t)-1);
    rtl_uString *text = ka_uno_string_new(message, (size_t)-1);
    sal_Int32 type = 3, buttons = 1; /* MessageBoxType.ERRORBOX, MessageBoxButtons.BUTTONS_OK */
    void *args[5] = {&peer, &type, &buttons, &title, &text};
    uno_Interface *box =
        peer ? call_iface(toolkit, "com.sun.star.awt.XMessageBoxFactory", "createMessageBox", args)
             : NULL;
    sal_Int16 answer = 0;
    if (box)
        ka_uno_call(box, "com.sun.star.awt.XMessageBox", "execute", &answer, NULL, NULL);
    ka_uno_release(box);
    rtl_uString_release(title);
    rtl_uString_release(text);
    ka_uno_release(toolkit);
    ka_uno_release(peer);
    ka_uno_release(window);
}

ka_status ka_command_share_copy(const ka_command_env *env, char **message)
{
    *message = NULL;
    uno_Interface *sheets =
        env->model ? ka_uno_query(env->model, "com.sun.star.sheet.XSpreadsheetDocument") : NULL;
    ka_uno_release(sheets);
    if (!sheets) {
        ka_command_message(message, "%s", ka_msg(env->lang, KA_MSG_CMD_NOT_SPREADSHEET));
        return KA_ERR_ARG;
    }
    /* The framework adds arguments of its own (SynchronMode, KeyModifier,
     * Referer): the dialog is for a dispatch naming neither of ours. */
    bool dialog =
        !ka_uno_property_find(env->args, "URL") && !ka_uno_property_find(env->args, "FilterName");
    char *url = NULL, *filter_name = NULL;
    const char *filter = NULL;
    ka_status st = KA_OK;
    if (dialog) {
        st = ask_file(env, &url, &filter);
        if (st == KA_OK && !url) {
            ka_command_message(message, "%s", ka_msg(env->lang, KA_MSG_CMD_CANCELLED));
            return KA_ERR_ARG;
        }
    } else {
        st = ka_command_arg_string(env, "URL", &url);
        if (st == KA_OK)
            st = ka_command_arg_string(env, "FilterName", &filter_name);
        if (st == KA_OK && (!url || !*url)) {
            ka_command_message(message, "%s", ka_msg(env->lang, KA_MSG_SHARE_NO_URL));
            st = KA_ERR_ARG;
        } else if (st == KA_OK && !(filter = choose_filter(url, filter_name))) {
            ka_command_message(message, "%s", ka_msg(env->lang, KA_MSG_SHARE_BAD_FORMAT));
            st = KA_ERR_ARG;
        }
    }
    if (st == KA_OK)
        st = share(env, url, filter, message);
    else if (!*message && st == KA_ERR_NOMEM)
        ka_command_message(message, "%s", ka_msg(env->lang, KA_MSG_CMD_NOMEM));
    else if (!*message)
        ka_command_message(message, ka_msg(env->lang, KA_MSG_SHARE_NOT_MADE),
                           ka_msg(env->lang, KA_MSG_SHARE_REASON_PICKER));
    if (dialog && st != KA_OK && *message)
        show_error(env, *message);
    free(url);
    free(filter_name);
    return st;
}
