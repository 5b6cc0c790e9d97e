/* ka_sidebar.c - the dossier panel of the "Key accounts" deck (see ka_sidebar.h). */
#include "ka_sidebar.h"

#include "ka_dossier.h"
#include "ka_dossier_calls.h"
#include "ka_store.h"

#include <ctype.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>

#define FORM_URL "vnd.sun.star.extension://org.keyaccount.calc/DossierPanel.xdl"
#define MAX_SECTIONS 16

#define X_CONTAINER "com.sun.star.awt.XControlContainer"
#define X_TEXT "com.sun.star.awt.XTextComponent"
#define X_FIXED "com.sun.star.awt.XFixedText"
#define X_LIST "com.sun.star.awt.XListBox"
#define X_WINDOW "com.sun.star.awt.XWindow"

const char *const ka_panel_factory_services[] = {"com.sun.star.ui.UIElementFactory", NULL};

typedef struct panel {
    ka_uno_object base;
    uno_Interface *ctx, *frame, *parent, *controller, *model;
    uno_Interface *window;    /* the form: a container window made from FORM_URL */
    uno_Interface *container; /* its XControlContainer */
    rtl_uString *url;
    ka_dossier_cache *cache;
    char **ids; /* clients with a profile, as listed */
    size_t nids;
    size_t *shown; /* indices into ids passing the filter, in list order */
    size_t nshown;
    char *current;             /* client in the form, or NULL */
    ka_dossier *work;          /* the profile being edited (owned) */
    long record[MAX_SECTIONS]; /* selected record of each record section, -1: none */
    bool delete_armed;
    bool filling; /* the panel itself is changing controls: ignore their events */
} panel;

/* ---- typed wrappers of UNO calls used here ---- */

static uno_Interface *call_iface(uno_Interface *obj, const char *iface, const char *method,
                                 void *args[])
{
    uno_Interface *out = NULL;
    if (!obj || !ka_uno_call(obj, iface, method, &out, args, NULL))
        return NULL;
    return out;
}

/* The control named name, queried for iface (new reference), or NULL. */
static uno_Interface *control_as(panel *p, const char *name, const char *iface)
{
    rtl_uString *n = ka_uno_string_new(name, (size_t)-1);
    void *args[1] = {&n};
    uno_Interface *ctl = call_iface(p->container, X_CONTAINER, "getControl", args);
    rtl_uString_release(n);
    uno_Interface *q = ctl ? ka_uno_query(ctl, iface) : NULL;
    ka_uno_release(ctl);
    return q;
}

static void set_text(panel *p, const char *name, const char *utf8)
{
    rtl_uString *s = ka_uno_string_new(utf8 ? utf8 : "", (size_t)-1);
    void *args[1] = {&s};
    uno_Interface *t = control_as(p, name, X_TEXT);
    if (t)
        ka_uno_call(t, X_TEXT, "setText", NULL, args, NULL);
    else if ((t = control_as(p, name, X_FIXED)) != NULL)
        ka_uno_call(t, X_FIXED, "setText", NULL, args, NULL);
    ka_uno_release(t);
    rtl_uString_release(s);
}

/* The text of a control, malloc'ed UTF-8 ("" when there is no such control). */
static char *get_text(panel *p, const char *name)
{
    uno_Interface *t = control_as(p, name, X_TEXT);
    rtl_uString *s = NULL;
    char *out = NULL;
    if (t && ka_uno_call(t, X_TEXT, "getText", &s, NULL, NULL)) {
        out = ka_uno_string_utf8(s, NULL);
        rtl_uString_release(s);
    }
    ka_uno_release(t);
    return out ? out : strdup("");
}

static void set_status(panel *p, const char *text)
{
    set_text(p, "status", text);
}

/* Replaces the items of a list box and selects item select (-1: none). */
static void list_fill(panel *p, const char *name, char *const *items, size_t n, long select)
{
    uno_Interface *lb = control_as(p, name, X_LIST);
    if (!lb)
        return;
    sal_Int16 count = 0, zero = 0;
    ka_uno_call(lb, X_LIST, "getItemCount", &count, NULL, NULL);
    void *rm_args[2] = {&zero, &count};
    ka_uno_call(lb, X_LIST, "removeItems", NULL, rm_args, NULL);
    typelib_TypeDescriptionReference *t = ka_uno_type(typelib_TypeClass_SEQUENCE, "[]string");
    uno_Sequence *seq = NULL;
    if (uno_type_sequence_construct(&seq, t, NULL, (sal_Int32)n, NULL)) {
        for (size_t i = 0; i < n; i++)
            KA_UNO_SEQ_AT(seq, rtl_uString *, i) = ka_uno_string_new(items[i], (size_t)-1);
        void *add_args[2] = {&seq, &zero};
        ka_uno_call(lb, X_LIST, "addItems", NULL, add_args, NULL);
        ka_uno_sequence_release(seq, t);
    }
    typelib_typedescriptionreference_release(t);
    if (select >= 0) {
        sal_Int16 pos = (sal_Int16)select;
        sal_Bool yes = 1;
        void *sel_args[2] = {&pos, &yes};
        ka_uno_call(lb, X_LIST, "selectItemPos", NULL, sel_args, NULL);
    }
    ka_uno_release(lb);
}

static long list_selected(panel *p, const char *name)
{
    uno_Interface *lb = control_as(p, name, X_LIST);
    sal_Int16 pos = -1;
    if (lb)
        ka_uno_call(lb, X_LIST, "getSelectedItemPos", &pos, NULL, NULL);
    ka_uno_release(lb);
    return pos;
}

/* ---- the client list ---- */

static void free_list(panel *p)
{
    ka_store_free_list(p->ids, p->nids);
    free(p->shown);
    p->ids = NULL;
    p->shown = NULL;
    p->nids = p->nshown = 0;
}

static bool contains_ci(const char *hay, const char *needle)
{
    size_t n = strlen(needle);
    if (n == 0)
        return true;
    for (; *hay; hay++) {
        size_t i = 0;
        while (i < n && hay[i] &&
               tolower((unsigned char)hay[i]) == tolower((unsigned char)needle[i]))
            i++;
        if (i == n)
            return true;
    }
    return false;
}

/* Rebuilds the client list from the document, filtered by the filter field. */
static void refresh_list(panel *p)
{
    free_list(p);
    ka_store *s = ka_store_open(p->model);
    if (!s)
        return;
    p->ids = ka_store_list(s, &p->nids);
    p->shown = calloc(p->nids ? p->nids : 1, sizeof *p->shown);
    char **labels = calloc(p->nids ? p->nids : 1, sizeof *labels);
    char *filter = get_text(p, "filter");
    char today[11];
    ka_dossier_today(today);
    long select = -1;
    for (size_t i = 0; p->shown && labels && i < p->nids; i++) {
        const ka_dossier *d = NULL;
        const char *reason = NULL, *name = "";
        unsigned flags = 0;
        ka_dossier_cache_lookup(p->cache, s, p->ids[i], &d, &reason);
        if (d) {
            ka_dossier_get(d, "name", &name);
            ka_dossier_overdue(d, today, &flags);
        }
        if (!contains_ci(p->ids[i], filter) && !contains_ci(name, filter))
            continue;
        size_t n = strlen(p->ids[i]) + strlen(name) + 80;
        char *label = malloc(n);
        if (!label)
            continue;
        snprintf(label, n, "%s  %s%s%s%s", p->ids[i], name, d ? "" : "[damaged]",
                 flags & KA_DOSSIER_OVERDUE_REVIEW ? " [review overdue]" : "",
                 flags & KA_DOSSIER_OVERDUE_SATISFACTION ? " [check overdue]" : "");
        if (p->current && strcmp(p->current, p->ids[i]) == 0)
            select = (long)p->nshown;
        labels[p->nshown] = label;
        p->shown[p->nshown++] = i;
    }
    p->filling = true;
    list_fill(p, "clients", labels, p->nshown, select);
    p->filling = false;
    for (size_t i = 0; labels && i < p->nshown; i++)
        free(labels[i]);
    free(labels);
    free(filter);
    ka_store_close(s);
}

/* ---- the form ---- */

static const ka_dossier_section_def *section(size_t i)
{
    return ka_dossier_section_at(i);
}

static void control_name(char *buf, size_t size, const ka_dossier_section_def *sec,
                         const ka_dossier_field_def *f)
{
    if (sec->record)
        snprintf(buf, size, "f_%s_%s", sec->key, f->key);
    else
        snprintf(buf, size, "f_%s", f->key);
}

static bool editable(const ka_dossier_field_def *f)
{
    return !(f->flags & KA_DOSSIER_DERIVED);
}

/* Shows record r of section i in its fields (r < 0: clears them). */
static void record_to_form(panel *p, size_t i)
{
    const ka_dossier_section_def *sec = section(i);
    char name[128];
    for (size_t k = 0; k < sec->nfields; k++) {
        const ka_dossier_field_def *f = &sec->fields[k];
        const char *v = "";
        if (!editable(f))
            continue;
        if (p->record[i] >= 0)
            ka_dossier_record_get(p->work, sec->key, (size_t)p->record[i], f->key, &v);
        control_name(name, sizeof name, sec, f);
        set_text(p, name, v);
    }
}

/* The list of records of section i, one line each, selecting p->record[i]. */
static void records_to_list(panel *p, size_t i)
{
    const ka_dossier_section_def *sec = section(i);
    size_t n = 0;
    ka_dossier_record_count(p->work, sec->key, &n);
    char **labels = calloc(n ? n : 1, sizeof *labels);
    for (size_t r = 0; labels && r < n; r++) {
        char line[256] = "";
        size_t used = 0;
        for (size_t k = 0; k < sec->nfields && used < 2; k++) {
            const char *v = "";
            if (!editable(&sec->fields[k]))
                continue;
            ka_dossier_record_get(p->work, sec->key, r, sec->fields[k].key, &v);
            if (*v) {
                size_t len = strlen(line);
                snprintf(line + len, sizeof line - len, "%s%s", used ? " - " : "", v);
                used++;
            }
        }
        if (!used)
            snprintf(line, sizeof line, "(%s %zu)", sec->label, r + 1);
        labels[r] = strdup(line);
    }
    if (p->record[i] >= (long)n)
        p->record[i] = (long)n - 1;
    char lname[64];
    snprintf(lname, sizeof lname, "r_%s", sec->key);
    p->filling = true;
    list_fill(p, lname, labels, labels ? n : 0, p->record[i]);
    p->filling = false;
    for (size_t r = 0; labels && r < n; r++)
        free(labels[r]);
    free(labels);
}

/* Fills every control from p->work. */
static void work_to_form(panel *p)
{
    char name[128];
    p->filling = true;
    for (size_t i = 0; i < ka_dossier_section_count() && i < MAX_SECTIONS; i++) {
        const ka_dossier_section_def *sec = section(i);
        if (sec->record) {
            size_t n = 0;
            ka_dossier_record_count(p->work, sec->key, &n);
            p->record[i] = n ? 0 : -1;
            records_to_list(p, i);
            p->filling = true;
            record_to_form(p, i);
            continue;
        }
        for (size_t k = 0; k < sec->nfields; k++) {
            const ka_dossier_field_def *f = &sec->fields[k];
            const char *v = "";
            if (!editable(f))
                continue;
            ka_dossier_get(p->work, f->key, &v);
            control_name(name, sizeof name, sec, f);
            set_text(p, name, v);
        }
    }
    p->filling = false;
}

/* Appends "label: reason" to a message buffer. */
static void note_problem(char *msg, size_t size, const char *label, const char *reason)
{
    size_t len = strlen(msg);
    snprintf(msg + len, size - len, "%s%s: %s", len ? "; " : "", label,
             reason ? reason : "invalid");
}

/* Copies the fields of the selected record of section i into p->work. */
static void form_to_record(panel *p, size_t i, char *msg, size_t size)
{
    const ka_dossier_section_def *sec = section(i);
    if (p->record[i] < 0)
        return;
    char name[128];
    for (size_t k = 0; k < sec->nfields; k++) {
        const ka_dossier_field_def *f = &sec->fields[k];
        if (!editable(f))
            continue;
        control_name(name, sizeof name, sec, f);
        char *v = get_text(p, name), *reason = NULL;
        if (ka_dossier_record_set(p->work, sec->key, (size_t)p->record[i], f->key, v, &reason) !=
            KA_OK)
            note_problem(msg, size, f->label, reason);
        free(reason);
        free(v);
    }
}

/* Copies every control into p->work; problems are listed in msg. */
static void form_to_work(panel *p, char *msg, size_t size)
{
    char name[128];
    for (size_t i = 0; i < ka_dossier_section_count() && i < MAX_SECTIONS; i++) {
        const ka_dossier_section_def *sec = section(i);
        if (sec->record) {
            form_to_record(p, i, msg, size);
            continue;
        }
        for (size_t k = 0; k < sec->nfields; k++) {
            const ka_dossier_field_def *f = &sec->fields[k];
            if (!editable(f))
                continue;
            control_name(name, sizeof name, sec, f);
            char *v = get_text(p, name), *reason = NULL;
            if (ka_dossier_set(p->work, f->key, v, &reason) != KA_OK)
                note_problem(msg, size, f->label, reason);
            free(reason);
            free(v);
        }
    }
}

/* Loads client id into the form (a damaged profile: an empty form and the
 * reason; nothing is overwritten until the user saves). */
static void show_profile(panel *p, const char *id)
{
    ka_store *s = ka_store_open(p->model);
    if (!s)
        return;
    free(p->current);
    p->current = strdup(id);
    p->delete_armed = false;
    ka_dossier_free(p->work);
    p->work = NULL;
    size_t len = 0;
    char *xml = ka_store_get(s, id, &len), *reason = NULL;
    char msg[600];
    if (xml && ka_dossier_parse(xml, len, &p->work, &reason) == KA_OK) {
        snprintf(msg, sizeof msg, "Profile of %s.", id);
    } else {
        p->work = ka_dossier_new();
        if (p->work)
            ka_dossier_set(p->work, "id", id, NULL);
        snprintf(msg, sizeof msg,
                 "The profile of %s is damaged: %s. It is kept unchanged; Save replaces it with "
                 "this form.",
                 id, reason ? reason : "not readable");
    }
    free(reason);
    free(xml);
    ka_store_close(s);
    if (p->work)
        work_to_form(p);
    set_status(p, msg);
}

/* ---- actions ---- */

/* The text of the first cell of the current selection, or NULL. */
static char *current_cell_text(panel *p)
{
    uno_Interface *sel = ka_uno_query(p->controller, "com.sun.star.view.XSelectionSupplier");
    uno_Any any;
    char *text = NULL;
    if (sel && ka_uno_call(sel, "com.sun.star.view.XSelectionSupplier", "getSelection", &any, NULL,
                           NULL)) {
        if (any.pType->eTypeClass == typelib_TypeClass_INTERFACE) {
            uno_Interface *range =
                ka_uno_query(*(uno_Interface **)any.pData, "com.sun.star.table.XCellRange");
            sal_Int32 zero = 0;
            void *args[2] = {&zero, &zero};
            uno_Interface *cell =
                call_iface(range, "com.sun.star.table.XCellRange", "getCellByPosition", args);
            uno_Interface *t = cell ? ka_uno_query(cell, "com.sun.star.text.XTextRange") : NULL;
            rtl_uString *s = NULL;
            if (t && ka_uno_call(t, "com.sun.star.text.XTextRange", "getString", &s, NULL, NULL)) {
                text = ka_uno_string_utf8(s, NULL);
                rtl_uString_release(s);
            }
            ka_uno_release(t);
            ka_uno_release(cell);
            ka_uno_release(range);
        }
        uno_any_destruct(&any, NULL);
    }
    ka_uno_release(sel);
    if (text && !*text) {
        free(text);
        text = NULL;
    }
    return text;
}

static void action_new(panel *p)
{
    char *id = current_cell_text(p);
    for (size_t i = 0; id && i < p->nids; i++)
        if (strcmp(p->ids[i], id) == 0) { /* already has a profile: show it */
            show_profile(p, id);
            refresh_list(p);
            free(id);
            return;
        }
    free(p->current);
    p->current = NULL;
    ka_dossier_free(p->work);
    p->work = ka_dossier_new();
    if (!p->work) {
        free(id);
        return;
    }
    if (id)
        ka_dossier_set(p->work, "id", id, NULL);
    work_to_form(p);
    set_status(p, id ? "New profile: fill in the name and the rest, then Save."
                     : "New profile: enter the client id and name, then Save.");
    free(id);
}

static void recalculate(panel *p)
{
    ka_uno_trace("panel: recalculating the workbook");
    uno_Interface *calc = ka_uno_query(p->model, "com.sun.star.sheet.XCalculatable");
    if (calc)
        ka_uno_call(calc, "com.sun.star.sheet.XCalculatable", "calculateAll", NULL, NULL, NULL);
    ka_uno_release(calc);
}

/* Shows the document's profile changes in its DOSSIER() cells: the live
 * results are updated in place; a recalculation only when an error appears
 * or goes away. */
static void update_formulas(panel *p)
{
    if (!ka_dossier_refresh(p->cache, p->model))
        recalculate(p);
}

static void action_save(panel *p)
{
    char msg[1200] = "";
    if (!p->work) {
        set_status(p, "Nothing to save: choose a client or press New.");
        return;
    }
    form_to_work(p, msg, sizeof msg);
    if (*msg) {
        char out[1300];
        snprintf(out, sizeof out, "Not saved: %s", msg);
        set_status(p, out);
        return;
    }
    char *xml = NULL, *reason = NULL;
    size_t len = 0;
    const char *id = "";
    ka_dossier_get(p->work, "id", &id);
    if (ka_dossier_serialize(p->work, &xml, &len, &reason) != KA_OK) {
        snprintf(msg, sizeof msg, "Not saved: %s", reason ? reason : "invalid profile");
        set_status(p, msg);
        free(reason);
        return;
    }
    ka_store *s = ka_store_open(p->model);
    char *error = NULL;
    if (s && ka_store_put(s, id, xml, len, &error)) {
        free(p->current);
        p->current = strdup(id);
        snprintf(msg, sizeof msg, "Saved the profile of %s.", id);
        for (size_t i = 0; i < ka_dossier_section_count() && i < MAX_SECTIONS; i++)
            if (section(i)->record) /* record lines show what was typed */
                records_to_list(p, i);
    } else {
        snprintf(msg, sizeof msg, "Not saved: %s", error ? error : "the document refused it");
    }
    free(error);
    ka_store_close(s);
    free(xml);
    refresh_list(p);
    update_formulas(p); /* DOSSIER() cells show the new values at once */
    set_status(p, msg);
}

static void action_delete(panel *p)
{
    char msg[300];
    if (!p->current) {
        set_status(p, "Choose a client to delete first.");
        return;
    }
    if (!p->delete_armed) {
        p->delete_armed = true;
        snprintf(msg, sizeof msg, "Press Delete again to remove the profile of %s.", p->current);
        set_status(p, msg);
        return;
    }
    ka_store *s = ka_store_open(p->model);
    char *error = NULL;
    if (s && ka_store_remove(s, p->current, &error)) {
        snprintf(msg, sizeof msg, "Deleted the profile of %s.", p->current);
        free(p->current);
        p->current = NULL;
        ka_dossier_free(p->work);
        p->work = ka_dossier_new();
        if (p->work)
            work_to_form(p);
    } else {
        snprintf(msg, sizeof msg, "Not deleted: %s", error ? error : "the document refused it");
    }
    p->delete_armed = false;
    free(error);
    ka_store_close(s);
    refresh_list(p);
    update_formulas(p);
    set_status(p, msg);
}

/* Record actions: "onSelectRecord_<list>", "onAddRecord_<list>", "onRemoveRecord_<list>". */
static bool action_record(panel *p, const char *method)
{
    static const char *const verbs[] = {"onSelectRecord_", "onAddRecord_", "onRemoveRecord_"};
    for (int v = 0; v < 3; v++) {
        size_t n = strlen(verbs[v]);
        if (strncmp(method, verbs[v], n) != 0)
            continue;
        const char *list = method + n;
        for (size_t i = 0; i < ka_dossier_section_count() && i < MAX_SECTIONS; i++) {
            const ka_dossier_section_def *sec = section(i);
            if (!sec->record || strcmp(sec->key, list) != 0 || !p->work)
                continue;
            char msg[600] = "";
            char lname[64];
            snprintf(lname, sizeof lname, "r_%s", sec->key);
            form_to_record(p, i, msg, sizeof msg); /* keep what was typed */
            if (v == 0) {
                p->record[i] = list_selected(p, lname);
            } else if (v == 1) {
                size_t idx;
                if (ka_dossier_record_add(p->work, sec->key, &idx) == KA_OK)
                    p->record[i] = (long)idx;
            } else if (p->record[i] >= 0) {
                ka_dossier_record_remove(p->work, sec->key, (size_t)p->record[i]);
            }
            records_to_list(p, i);
            p->filling = true;
            record_to_form(p, i);
            p->filling = false;
            if (*msg)
                set_status(p, msg);
            return true;
        }
    }
    return false;
}

/* The client whose id appears in the row of the cell cursor, if it has a
 * profile (malloc'ed), else NULL. */
static char *client_in_cursor_row(panel *p, uno_Interface *selection)
{
    uno_Interface *addr = ka_uno_query(selection, "com.sun.star.sheet.XCellRangeAddressable");
    uno_Interface *sheetrange = ka_uno_query(selection, "com.sun.star.sheet.XSheetCellRange");
    struct {
        sal_Int16 sheet;
        sal_Int32 start_col, start_row, end_col, end_row;
    } ra = {0, 0, 0, 0, 0};
    char *found = NULL;
    uno_Interface *sheet = NULL, *rowrange = NULL, *data = NULL;
    if (!addr || !sheetrange ||
        !ka_uno_call(addr, "com.sun.star.sheet.XCellRangeAddressable", "getRangeAddress", &ra, NULL,
                     NULL))
        goto done;
    sheet = call_iface(sheetrange, "com.sun.star.sheet.XSheetCellRange", "getSpreadsheet", NULL);
    uno_Interface *cells = sheet ? ka_uno_query(sheet, "com.sun.star.table.XCellRange") : NULL;
    sal_Int32 l = 0, t = ra.start_row, r = 25, b = ra.start_row;
    void *args[4] = {&l, &t, &r, &b};
    rowrange = call_iface(cells, "com.sun.star.table.XCellRange", "getCellRangeByPosition", args);
    ka_uno_release(cells);
    data = rowrange ? ka_uno_query(rowrange, "com.sun.star.sheet.XCellRangeData") : NULL;
    uno_Sequence *rows = NULL;
    if (!data ||
        !ka_uno_call(data, "com.sun.star.sheet.XCellRangeData", "getDataArray", &rows, NULL, NULL))
        goto done;
    /* look first at the cursor's own column, then along the row */
    uno_Sequence *row = rows->nElements ? KA_UNO_SEQ_AT(rows, uno_Sequence *, 0) : NULL;
    for (sal_Int32 k = -1; row && k < row->nElements && !found; k++) {
        sal_Int32 col = k < 0 ? ra.start_col : k;
        if (col >= row->nElements)
            continue;
        const uno_Any *a = &KA_UNO_SEQ_AT(row, uno_Any, col);
        char buf[64], *text = NULL;
        double num;
        rtl_uString *s = ka_uno_any_get_string(a);
        if (s && s->length)
            text = ka_uno_string_utf8(s, NULL);
        else if (ka_uno_any_number(a, &num)) {
            snprintf(buf, sizeof buf, "%.15g", num);
            text = strdup(buf);
        }
        for (size_t i = 0; text && i < p->nids && !found; i++)
            if (strcmp(p->ids[i], text) == 0)
                found = strdup(text);
        free(text);
    }
    ka_uno_sequence_release(rows, ka_uno_matrix_any_type());
done:
    ka_uno_release(data);
    ka_uno_release(rowrange);
    ka_uno_release(sheet);
    ka_uno_release(addr);
    ka_uno_release(sheetrange);
    return found;
}

/* ---- UNO members of the panel ---- */

static void on_handler_method(ka_uno_object *self, const typelib_TypeDescription *m, void *ret,
                              void *args[], uno_Any **exc)
{
    panel *p = (panel *)self;
    char *method = ka_uno_string_utf8(*(rtl_uString **)args[2], NULL);
    sal_Bool handled = 1;
    if (!method || p->filling || !p->container) {
        /* events caused by the panel's own updates */
    } else if (strcmp(method, "onFilter") == 0) {
        refresh_list(p);
    } else if (strcmp(method, "onSelectClient") == 0) {
        /* VCL reports the panel's own selections too, possibly later: a
         * client already in the form is not loaded again (that would drop
         * what the user typed since). */
        long pos = list_selected(p, "clients");
        if (pos >= 0 && (size_t)pos < p->nshown &&
            !(p->current && strcmp(p->current, p->ids[p->shown[pos]]) == 0))
            show_profile(p, p->ids[p->shown[pos]]);
    } else if (strcmp(method, "onNew") == 0) {
        action_new(p);
    } else if (strcmp(method, "onSave") == 0) {
        action_save(p);
    } else if (strcmp(method, "onDelete") == 0) {
        action_delete(p);
    } else if (!action_record(p, method)) {
        handled = 0;
    }
    if (method && strcmp(method, "onDelete") != 0 && strcmp(method, "onSelectClient") != 0)
        p->delete_armed = false;
    ka_uno_trace("panel: %s", method ? method : "?");
    free(method);
    *(sal_Bool *)ret = handled;
}

static void supported_methods(ka_uno_object *self, const typelib_TypeDescription *m, void *ret,
                              void *args[], uno_Any **exc)
{
    const char *fixed[] = {"onFilter", "onSelectClient", "onNew", "onSave", "onDelete"};
    char names[3 * MAX_SECTIONS + 5][96];
    const char *list[3 * MAX_SECTIONS + 5];
    size_t n = 0;
    for (size_t i = 0; i < 5; i++)
        snprintf(names[n++], sizeof names[0], "%s", fixed[i]);
    for (size_t i = 0; i < ka_dossier_section_count() && i < MAX_SECTIONS; i++)
        if (section(i)->record) {
            snprintf(names[n++], sizeof names[0], "onSelectRecord_%s", section(i)->key);
            snprintf(names[n++], sizeof names[0], "onAddRecord_%s", section(i)->key);
            snprintf(names[n++], sizeof names[0], "onRemoveRecord_%s", section(i)->key);
        }
    for (size_t i = 0; i < n; i++)
        list[i] = names[i];
    ka_uno_return_strings(ret, list, n);
}

/* True when the document's profiles are no longer those listed (another
 * window, a macro or an import changed them). */
static bool list_is_stale(panel *p)
{
    ka_store *s = ka_store_open(p->model);
    size_t n = 0;
    char **ids = s ? ka_store_list(s, &n) : NULL;
    bool stale = n != p->nids;
    for (size_t i = 0; !stale && i < n; i++)
        stale = strcmp(ids[i], p->ids[i]) != 0;
    ka_store_free_list(ids, n);
    ka_store_close(s);
    return stale;
}

static void on_selection_changed(ka_uno_object *self, const typelib_TypeDescription *m, void *ret,
                                 void *args[], uno_Any **exc)
{
    panel *p = (panel *)self;
    if (!p->container || !p->controller)
        return;
    if (list_is_stale(p))
        refresh_list(p);
    uno_Interface *sel = ka_uno_query(p->controller, "com.sun.star.view.XSelectionSupplier");
    uno_Any any;
    if (sel && ka_uno_call(sel, "com.sun.star.view.XSelectionSupplier", "getSelection", &any, NULL,
                           NULL)) {
        if (any.pType->eTypeClass == typelib_TypeClass_INTERFACE) {
            char *id = client_in_cursor_row(p, *(uno_Interface **)any.pData);
            if (id && (!p->current || strcmp(id, p->current) != 0)) {
                show_profile(p, id);
                refresh_list(p);
            }
            free(id);
        }
        uno_any_destruct(&any, NULL);
    }
    ka_uno_release(sel);
}

/* Sizes the form to the parent's width. */
static void fit_to_parent(panel *p)
{
    struct {
        sal_Int32 x, y, width, height;
    } parent = {0, 0, 0, 0}, form = {0, 0, 0, 0};
    if (!p->window || !p->parent ||
        !ka_uno_call(p->parent, X_WINDOW, "getPosSize", &parent, NULL, NULL) ||
        !ka_uno_call(p->window, X_WINDOW, "getPosSize", &form, NULL, NULL))
        return;
    sal_Int32 zero = 0, w = parent.width > form.width ? parent.width : form.width;
    sal_Int16 flags = 15; /* PosSize.POSSIZE */
    void *args[5] = {&zero, &zero, &w, &form.height, &flags};
    ka_uno_call(p->window, X_WINDOW, "setPosSize", NULL, args, NULL);
}

static void on_window_resized(ka_uno_object *self, const typelib_TypeDescription *m, void *ret,
                              void *args[], uno_Any **exc)
{
    fit_to_parent((panel *)self);
}

static void ignore_event(ka_uno_object *self, const typelib_TypeDescription *m, void *ret,
                         void *args[], uno_Any **exc)
{
}

static void get_frame(ka_uno_object *self, const typelib_TypeDescription *m, void *ret,
                      void *args[], uno_Any **exc)
{
    ka_uno_return_interface(ret, ((panel *)self)->frame);
}

static void get_resource_url(ka_uno_object *self, const typelib_TypeDescription *m, void *ret,
                             void *args[], uno_Any **exc)
{
    panel *p = (panel *)self;
    rtl_uString_acquire(p->url);
    *(rtl_uString **)ret = p->url;
}

static void get_type(ka_uno_object *self, const typelib_TypeDescription *m, void *ret, void *args[],
                     uno_Any **exc)
{
    *(sal_Int16 *)ret = 7; /* com.sun.star.ui.UIElementType.TOOLPANEL */
}

static void get_real_interface(ka_uno_object *self, const typelib_TypeDescription *m, void *ret,
                               void *args[], uno_Any **exc)
{
    ka_uno_return_interface(ret, &self->iface);
}

static void get_window(ka_uno_object *self, const typelib_TypeDescription *m, void *ret,
                       void *args[], uno_Any **exc)
{
    ka_uno_return_interface(ret, ((panel *)self)->window);
}

static void create_accessible(ka_uno_object *self, const typelib_TypeDescription *m, void *ret,
                              void *args[], uno_Any **exc)
{
    panel *p = (panel *)self;
    *(uno_Interface **)ret =
        p->window ? ka_uno_query(p->window, "com.sun.star.accessibility.XAccessible") : NULL;
}

static void height_for_width(ka_uno_object *self, const typelib_TypeDescription *m, void *ret,
                             void *args[], uno_Any **exc)
{
    panel *p = (panel *)self;
    struct {
        sal_Int32 x, y, width, height;
    } form = {0, 0, 0, 400};
    if (p->window)
        ka_uno_call(p->window, X_WINDOW, "getPosSize", &form, NULL, NULL);
    sal_Int32 *size = ret; /* LayoutSize: Minimum, Maximum, Preferred */
    size[0] = form.height;
    size[1] = form.height;
    size[2] = form.height;
}

static void minimal_width(ka_uno_object *self, const typelib_TypeDescription *m, void *ret,
                          void *args[], uno_Any **exc)
{
    panel *p = (panel *)self;
    struct {
        sal_Int32 x, y, width, height;
    } form = {0, 0, 300, 0};
    if (p->window)
        ka_uno_call(p->window, X_WINDOW, "getPosSize", &form, NULL, NULL);
    *(sal_Int32 *)ret = form.width;
}

/* Drops every reference the panel holds (breaks the cycle with its form,
 * which holds the panel as its event handler). */
static void panel_release_all(panel *p)
{
    uno_Interface *window = p->window, *container = p->container;
    p->window = p->container = NULL;
    if (p->controller) {
        uno_Interface *sel = ka_uno_query(p->controller, "com.sun.star.view.XSelectionSupplier");
        uno_Interface *me = &p->base.iface;
        void *args[1] = {&me};
        if (sel)
            ka_uno_call(sel, "com.sun.star.view.XSelectionSupplier",
                        "removeSelectionChangeListener", NULL, args, NULL);
        ka_uno_release(sel);
    }
    if (p->parent) {
        uno_Interface *me = &p->base.iface;
        void *args[1] = {&me};
        ka_uno_call(p->parent, X_WINDOW, "removeWindowListener", NULL, args, NULL);
    }
    if (window) {
        uno_Interface *comp = ka_uno_query(window, "com.sun.star.lang.XComponent");
        if (comp)
            ka_uno_call(comp, "com.sun.star.lang.XComponent", "dispose", NULL, NULL, NULL);
        ka_uno_release(comp);
    }
    ka_uno_release(container);
    ka_uno_release(window);
    ka_uno_release(p->controller);
    ka_uno_release(p->model);
    ka_uno_release(p->parent);
    ka_uno_release(p->frame);
    ka_uno_release(p->ctx);
    p->controller = p->model = p->parent = p->frame = p->ctx = NULL;
}

static void on_dispose(ka_uno_object *self, const typelib_TypeDescription *m, void *ret,
                       void *args[], uno_Any **exc)
{
    panel_release_all((panel *)self);
}

static void panel_destroy(ka_uno_object *self)
{
    panel *p = (panel *)self;
    panel_release_all(p);
    free_list(p);
    free(p->current);
    ka_dossier_free(p->work);
    ka_dossier_cache_free(p->cache);
    if (p->url)
        rtl_uString_release(p->url);
}

static const char *const panel_interfaces[] = {"com.sun.star.ui.XUIElement",
                                               "com.sun.star.ui.XToolPanel",
                                               "com.sun.star.ui.XSidebarPanel",
                                               "com.sun.star.lang.XComponent",
                                               "com.sun.star.awt.XContainerWindowEventHandler",
                                               "com.sun.star.view.XSelectionChangeListener",
                                               "com.sun.star.awt.XWindowListener",
                                               "com.sun.star.lang.XEventListener",
                                               NULL};

static const ka_uno_method panel_methods[] = {{"callHandlerMethod", on_handler_method},
                                              {"getSupportedMethodNames", supported_methods},
                                              {"selectionChanged", on_selection_changed},
                                              {"windowResized", on_window_resized},
                                              {"windowMoved", ignore_event},
                                              {"windowShown", ignore_event},
                                              {"windowHidden", ignore_event},
                                              {"disposing", ignore_event},
                                              {"Frame", get_frame},
                                              {"ResourceURL", get_resource_url},
                                              {"Type", get_type},
                                              {"getRealInterface", get_real_interface},
                                              {"Window", get_window},
                                              {"createAccessible", create_accessible},
                                              {"getHeightForWidth", height_for_width},
                                              {"getMinimalWidth", minimal_width},
                                              {"dispose", on_dispose},
                                              {"addEventListener", ignore_event},
                                              {"removeEventListener", ignore_event},
                                              {NULL, NULL}};

static const ka_uno_class panel_class = {
    "org.keyaccount.calc.DossierPanel", panel_interfaces, panel_methods, NULL, panel_destroy, NULL};

/* com.sun.star.beans.PropertyValue in binary-UNO layout. */
typedef struct property_value {
    rtl_uString *name;
    sal_Int32 handle;
    uno_Any value;
    sal_Int32 state;
} property_value;

/* The interface named name in the creation arguments (new reference) or NULL. */
static uno_Interface *argument(uno_Sequence *args, const char *name)
{
    for (sal_Int32 i = 0; args && i < args->nElements; i++) {
        property_value *pv = &KA_UNO_SEQ_AT(args, property_value, i);
        char *n = ka_uno_string_utf8(pv->name, NULL);
        bool match = n && strcmp(n, name) == 0;
        free(n);
        if (match && pv->value.pType->eTypeClass == typelib_TypeClass_INTERFACE) {
            uno_Interface *obj = *(uno_Interface **)pv->value.pData;
            ka_uno_acquire(obj);
            return obj;
        }
    }
    return NULL;
}

/* Creates the form inside the parent window; false on failure. */
static bool panel_build(panel *p)
{
    uno_Interface *smgr =
        call_iface(p->ctx, "com.sun.star.uno.XComponentContext", "getServiceManager", NULL);
    rtl_uString *service =
        ka_uno_string_new("com.sun.star.awt.ContainerWindowProvider", (size_t)-1);
    void *cargs[2] = {&service, &p->ctx};
    uno_Interface *provider = call_iface(smgr, "com.sun.star.lang.XMultiComponentFactory",
                                         "createInstanceWithContext", cargs);
    rtl_uString_release(service);
    uno_Interface *xprov =
        provider ? ka_uno_query(provider, "com.sun.star.awt.XContainerWindowProvider") : NULL;
    uno_Interface *peer = ka_uno_query(p->parent, "com.sun.star.awt.XWindowPeer");
    rtl_uString *url = ka_uno_string_new(FORM_URL, (size_t)-1), *type = ka_uno_string_new("", 0);
    uno_Interface *handler = &p->base.iface;
    void *wargs[4] = {&url, &type, &peer, &handler};
    char *error = NULL;
    if (xprov && peer)
        ka_uno_call(xprov, "com.sun.star.awt.XContainerWindowProvider", "createContainerWindow",
                    &p->window, wargs, &error);
    if (error)
        ka_uno_trace("panel: cannot create the form: %s", error);
    free(error);
    rtl_uString_release(url);
    rtl_uString_release(type);
    ka_uno_release(peer);
    ka_uno_release(xprov);
    ka_uno_release(provider);
    ka_uno_release(smgr);
    if (!p->window)
        return false;
    p->container = ka_uno_query(p->window, X_CONTAINER);
    sal_Bool yes = 1;
    void *vargs[1] = {&yes};
    ka_uno_call(p->window, X_WINDOW, "setVisible", NULL, vargs, NULL);
    uno_Interface *me = &p->base.iface;
    void *largs[1] = {&me};
    ka_uno_call(p->parent, X_WINDOW, "addWindowListener", NULL, largs, NULL);
    uno_Interface *sel = ka_uno_query(p->controller, "com.sun.star.view.XSelectionSupplier");
    if (sel)
        ka_uno_call(sel, "com.sun.star.view.XSelectionSupplier", "addSelectionChangeListener", NULL,
                    largs, NULL);
    ka_uno_release(sel);
    fit_to_parent(p);
    return p->container != NULL;
}

/* ---- the factory ---- */

typedef struct factory {
    ka_uno_object base;
    uno_Interface *ctx;
} factory;

static void create_ui_element(ka_uno_object *self, const typelib_TypeDescription *m, void *ret,
                              void *args[], uno_Any **exc)
{
    factory *f = (factory *)self;
    panel *p = calloc(1, sizeof *p);
    if (!p || !(p->cache = ka_dossier_cache_new())) {
        free(p);
        ka_uno_throw(exc, KA_UNO_RUNTIME, "out of memory");
        return;
    }
    ka_uno_object_init(&p->base, &panel_class);
    p->url = *(rtl_uString **)args[0];
    rtl_uString_acquire(p->url);
    uno_Sequence *cargs = *(uno_Sequence **)args[1];
    p->ctx = f->ctx;
    ka_uno_acquire(p->ctx);
    p->frame = argument(cargs, "Frame");
    p->parent = argument(cargs, "ParentWindow");
    p->controller = call_iface(p->frame, "com.sun.star.frame.XFrame", "getController", NULL);
    p->model = call_iface(p->controller, "com.sun.star.frame.XController", "getModel", NULL);
    for (size_t i = 0; i < MAX_SECTIONS; i++)
        p->record[i] = -1;
    p->work = ka_dossier_new();
    if (!p->parent || !p->model || !panel_build(p)) {
        ka_uno_release(&p->base.iface);
        ka_uno_throw(exc, "com.sun.star.lang.IllegalArgumentException",
                     "the dossier panel needs a Calc frame and a parent window");
        return;
    }
    refresh_list(p);
    if (p->work)
        work_to_form(p);
    set_status(p, "Choose a client, or put the cursor on a client id and press New.");
    *(uno_Interface **)ret = &p->base.iface;
}

static void factory_destroy(ka_uno_object *self)
{
    ka_uno_release(((factory *)self)->ctx);
}

static const char *const factory_interfaces[] = {"com.sun.star.ui.XUIElementFactory",
                                                 "com.sun.star.lang.XServiceInfo", NULL};
static const ka_uno_method factory_methods[] = {{"createUIElement", create_ui_element},
                                                {NULL, NULL}};
static const ka_uno_class factory_class = {KA_PANEL_FACTORY_IMPL, factory_interfaces,
                                           factory_methods,       NULL,
                                           factory_destroy,       ka_panel_factory_services};

uno_Interface *ka_panel_factory_new(uno_Interface *context)
{
    factory *f = calloc(1, sizeof *f);
    if (!f)
        return NULL;
    ka_uno_object_init(&f->base, &factory_class);
    f->ctx = context;
    ka_uno_acquire(context);
    return &f->base.iface;
}
