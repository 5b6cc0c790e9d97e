/* ka_panel_actions.c - what the dossier panel does: the client list,
 * showing a profile, following the cell cursor, New, Save, Delete and the
 * record buttons (see ka_panel.h). */
#include "ka_panel.h"

#include "ka_args.h"
#include "ka_controls.h"
#include "ka_dossier_calls.h"
#include "ka_i18n.h"
#include "ka_profiles.h"
#include "ka_store.h"

#include <ctype.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>

/* ---- the client list ---- */

void ka_panel_free_list(ka_panel *p)
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

/* The list line of client id: "id  name" and its flags, *line malloc'ed,
 * or NULL when the filter hides the client.  KA_ERR_NOMEM. */
static ka_status list_line(ka_store *s, const char *lang, const char *id, const char *filter,
                           const char *today, char **line)
{
    *line = NULL;
    ka_profile *prof = NULL;
    ka_status st = ka_profiles_get(s, id, &prof);
    if (st != KA_OK)
        return st;
    const ka_dossier *d = prof ? ka_profile_dossier(prof) : NULL;
    const char *name = "";
    unsigned flags = 0;
    if (d) {
        ka_dossier_get(d, "name", &name);
        ka_dossier_overdue(d, today, &flags);
    }
    if (contains_ci(id, filter) || contains_ci(name, filter)) {
        const char *damaged = d ? "" : ka_msg(lang, KA_MSG_FLAG_DAMAGED);
        const char *review =
            flags & KA_DOSSIER_OVERDUE_REVIEW ? ka_msg(lang, KA_MSG_FLAG_REVIEW) : NULL;
        const char *check = flags & KA_DOSSIER_OVERDUE_SATISFACTION
                                ? ka_msg(lang, KA_MSG_FLAG_CHECK)
                            : flags & KA_DOSSIER_NO_CHECK_YET ? ka_msg(lang, KA_MSG_FLAG_NO_CHECK)
                                                              : NULL;
        size_t n = strlen(id) + strlen(name) + strlen(damaged) + (review ? strlen(review) : 0) +
                   (check ? strlen(check) : 0) + 8;
        if ((*line = malloc(n)) != NULL)
            snprintf(*line, n, "%s  %s%s%s%s%s%s", id, name, damaged, review ? " " : "",
                     review ? review : "", check ? " " : "", check ? check : "");
        else
            st = KA_ERR_NOMEM;
    }
    ka_profile_release(prof);
    return st;
}

/* Fills the list from p->ids; KA_ERR_NOMEM. */
static ka_status fill_list(ka_panel *p, ka_store *s)
{
    p->shown = calloc(p->nids ? p->nids : 1, sizeof *p->shown);
    char **labels = calloc(p->nids ? p->nids : 1, sizeof *labels);
    char *filter = NULL, today[11];
    ka_status st = p->shown && labels ? KA_OK : KA_ERR_NOMEM;
    if (st == KA_OK && ka_control_get_text(p->form.container, KA_FORM_FILTER, &filter) != KA_OK)
        st = KA_ERR_NOMEM;
    ka_dossier_today(today);
    long select = -1;
    for (size_t i = 0; st == KA_OK && i < p->nids; i++) {
        char *line = NULL;
        st = list_line(s, p->form.lang, p->ids[i], filter, today, &line);
        if (!line)
            continue;
        if (p->current && strcmp(p->current, p->ids[i]) == 0)
            select = (long)p->nshown;
        labels[p->nshown] = line;
        p->shown[p->nshown++] = i;
    }
    if (st != KA_OK)
        p->nshown = 0; /* an empty list, never a partial one */
    p->form.filling = true;
    if (ka_control_list_fill(p->form.container, KA_FORM_CLIENTS, labels, p->nshown, select) ==
        KA_ERR_NOMEM)
        st = KA_ERR_NOMEM;
    p->form.filling = false;
    for (size_t i = 0; labels && i < p->nids; i++)
        free(labels[i]);
    free(labels);
    free(filter);
    return st;
}

void ka_panel_refresh_list(ka_panel *p)
{
    ka_panel_free_list(p);
    atomic_store(&p->props_changed, false); /* before reading: a change meanwhile is seen */
    ka_store *s = NULL;
    ka_status st = ka_store_open(p->model, &s);
    if (st == KA_OK && (st = ka_store_list(s, &p->ids, &p->nids)) == KA_ERR_ARG)
        st = KA_OK; /* nothing listed: no client */
    if (st == KA_OK)
        st = fill_list(p, s);
    ka_store_close(s);
    if (st == KA_ERR_NOMEM) {
        ka_panel_free_list(p);
        atomic_store(&p->props_changed, true); /* try again at the next cursor move */
        ka_form_set_status(&p->form, ka_msg(p->form.lang, KA_MSG_LIST_NOMEM));
    }
}

bool ka_panel_list_is_stale(ka_panel *p)
{
    if (p->watching)
        return atomic_load(&p->props_changed);
    /* no notification from this document: compare the listed names */
    ka_store *s = NULL;
    char **ids = NULL;
    size_t n = 0;
    if (ka_store_open(p->model, &s) != KA_OK || ka_store_list(s, &ids, &n) == KA_ERR_NOMEM) {
        ka_store_close(s);
        return true;
    }
    bool stale = n != p->nids;
    for (size_t i = 0; !stale && i < n; i++)
        stale = strcmp(ids[i], p->ids[i]) != 0;
    ka_store_free_list(ids, n);
    ka_store_close(s);
    return stale;
}

/* Selects the client in the form in the list, if it is shown. */
static void select_current(ka_panel *p)
{
    for (size_t i = 0; p->current && i < p->nshown; i++)
        if (strcmp(p->ids[p->shown[i]], p->current) == 0) {
            p->form.filling = true;
            ka_control_list_select(p->form.container, KA_FORM_CLIENTS, (long)i);
            p->form.filling = false;
            return;
        }
}

/* ---- showing a profile ---- */

/* An empty form for client id (a damaged or vanished profile). */
static ka_status empty_work(const char *id, ka_dossier **work)
{
    *work = ka_dossier_new();
    if (!*work)
        return KA_ERR_NOMEM;
    ka_status st = ka_dossier_set(*work, "id", id, NULL, NULL);
    if (st == KA_ERR_NOMEM) {
        ka_dossier_free(*work);
        *work = NULL;
    }
    return st == KA_ERR_NOMEM ? st : KA_OK;
}

/* Shows p->form.work.  Out of memory drops it, so that a half-shown form
 * is never saved (Save then has nothing to save); returns false then. */
static bool show_work(ka_panel *p)
{
    if (ka_form_show(&p->form) != KA_ERR_NOMEM)
        return true;
    ka_dossier_free(p->form.work);
    p->form.work = NULL;
    return false;
}

void ka_panel_show_profile(ka_panel *p, const char *id, bool select)
{
    ka_store *s = NULL;
    ka_profile *prof = NULL;
    ka_dossier *work = NULL;
    char *current = strdup(id);
    ka_status st = current ? ka_store_open(p->model, &s) : KA_ERR_NOMEM;
    if (st == KA_OK)
        st = ka_profiles_get(s, id, &prof);
    const ka_dossier *cached = prof ? ka_profile_dossier(prof) : NULL;
    char *why = NULL; /* a damaged profile's reason in the panel's language */
    if (st == KA_OK && prof && !cached &&
        ka_profiles_reason(s, id, p->form.lang, &why) != KA_ERR_ARG) {
        free(why);
        why = NULL;
    }
    ka_store_close(s);
    if (st == KA_OK)
        st = cached ? ka_dossier_copy(cached, &work) : empty_work(id, &work);
    char msg[600];
    if (st != KA_OK) { /* the form keeps what it shows */
        snprintf(msg, sizeof msg, "%s",
                 ka_msg(p->form.lang,
                        st == KA_ERR_NOMEM ? KA_MSG_NOMEM_UNCHANGED : KA_MSG_PROPS_UNREADABLE));
        ka_form_set_status(&p->form, msg);
        ka_profile_release(prof);
        free(current);
        free(why);
        return;
    }
    if (cached)
        snprintf(msg, sizeof msg, ka_msg(p->form.lang, KA_MSG_PROFILE_SHOWN), id);
    else
        snprintf(msg, sizeof msg, ka_msg(p->form.lang, KA_MSG_PROFILE_DAMAGED), id,
                 why    ? why
                 : prof ? ka_profile_reason(prof)
                        : ka_msg(p->form.lang, KA_MSG_NOT_READABLE));
    free(why);
    ka_profile_release(prof);
    free(p->current);
    p->current = current;
    p->delete_armed = false;
    ka_dossier_free(p->form.work);
    p->form.work = work;
    if (!show_work(p))
        snprintf(msg, sizeof msg, ka_msg(p->form.lang, KA_MSG_PROFILE_NOMEM), id);
    if (select)
        select_current(p);
    ka_form_set_status(&p->form, msg);
}

/* ---- the cell cursor ---- */

/* The client ids of the cells of a range object (borrowed; any cell range
 * of a sheet), row-major, by the one rule of DOSSIER() (ka_cell_client_id):
 * *ids has *n entries, NULL for empty cells.  KA_ERR_ARG when the range
 * cannot be read. */
static ka_status range_ids(uno_Interface *range, char ***ids, size_t *n, size_t *cols)
{
    *ids = NULL;
    *n = *cols = 0;
    uno_Interface *data = range ? ka_uno_query(range, "com.sun.star.sheet.XCellRangeData") : NULL;
    uno_Sequence *rows = NULL;
    if (!data || !ka_uno_call(data, "com.sun.star.sheet.XCellRangeData", "getDataArray", &rows,
                              NULL, NULL)) {
        ka_uno_release(data);
        return KA_ERR_ARG;
    }
    ka_uno_release(data);
    size_t nrows;
    ka_matrix_shape(rows, &nrows, cols);
    ka_status st = KA_OK;
    if (nrows > 0 && *cols > 0 && !(*ids = calloc(nrows * *cols, sizeof **ids)))
        st = KA_ERR_NOMEM;
    for (size_t i = 0; st == KA_OK && i < nrows; i++) {
        uno_Sequence *row = KA_UNO_SEQ_AT(rows, uno_Sequence *, i);
        for (sal_Int32 j = 0; st == KA_OK && j < row->nElements; j++) {
            ka_cell cell;
            ka_cell_from_any(&KA_UNO_SEQ_AT(row, uno_Any, j), &cell);
            st = ka_cell_client_id(&cell, &(*ids)[i * *cols + (size_t)j]);
        }
    }
    ka_uno_sequence_release(rows, ka_uno_matrix_any_type());
    *n = nrows * *cols;
    if (st != KA_OK) {
        ka_store_free_list(*ids, *n);
        *ids = NULL;
        *n = *cols = 0;
    }
    return st;
}

/* The cell range (new reference) of cells (l, t) .. (r, b) of an object
 * supporting XCellRange, or NULL. */
static uno_Interface *sub_range(uno_Interface *obj, sal_Int32 l, sal_Int32 t, sal_Int32 r,
                                sal_Int32 b)
{
    uno_Interface *cells = obj ? ka_uno_query(obj, "com.sun.star.table.XCellRange") : NULL;
    uno_Interface *out = NULL;
    void *args[4] = {&l, &t, &r, &b};
    if (!cells || !ka_uno_call(cells, "com.sun.star.table.XCellRange", "getCellRangeByPosition",
                               &out, args, NULL))
        out = NULL;
    ka_uno_release(cells);
    return out;
}

static bool listed(const ka_panel *p, const char *id)
{
    for (size_t i = 0; id && i < p->nids; i++)
        if (strcmp(p->ids[i], id) == 0)
            return true;
    return false;
}

ka_status ka_panel_cursor_client(ka_panel *p, uno_Interface *selection, char **id)
{
    *id = NULL;
    uno_Interface *addr = ka_uno_query(selection, "com.sun.star.sheet.XCellRangeAddressable");
    uno_Interface *sheetrange = ka_uno_query(selection, "com.sun.star.sheet.XSheetCellRange");
    struct {
        sal_Int16 sheet;
        sal_Int32 start_col, start_row, end_col, end_row;
    } ra = {0, 0, 0, 0, 0};
    uno_Interface *sheet = NULL;
    if (addr && sheetrange &&
        ka_uno_call(addr, "com.sun.star.sheet.XCellRangeAddressable", "getRangeAddress", &ra, NULL,
                    NULL) &&
        !ka_uno_call(sheetrange, "com.sun.star.sheet.XSheetCellRange", "getSpreadsheet", &sheet,
                     NULL, NULL))
        sheet = NULL;
    ka_uno_release(addr);
    ka_uno_release(sheetrange);
    uno_Interface *row = sub_range(sheet, 0, ra.start_row, 25, ra.start_row); /* columns A..Z */
    ka_uno_release(sheet);
    char **ids = NULL;
    size_t n = 0, cols = 0;
    ka_status st = range_ids(row, &ids, &n, &cols);
    ka_uno_release(row);
    if (st != KA_OK)
        return st == KA_ERR_NOMEM ? st : KA_OK;
    /* look first at the cursor's own column, then along the row */
    const char *found =
        (size_t)ra.start_col < n && listed(p, ids[ra.start_col]) ? ids[ra.start_col] : NULL;
    for (size_t k = 0; k < n && !found; k++)
        if (listed(p, ids[k]))
            found = ids[k];
    if (found && !(*id = strdup(found)))
        st = KA_ERR_NOMEM;
    ka_store_free_list(ids, n);
    return st;
}

/* The client id in the first cell of the selection, by the rule of
 * DOSSIER(): *id malloc'ed or NULL (an empty cell, no cell selected). */
static ka_status current_cell_id(ka_panel *p, char **id)
{
    *id = NULL;
    uno_Interface *sel = ka_uno_query(p->controller, "com.sun.star.view.XSelectionSupplier");
    uno_Any any;
    ka_status st = KA_OK;
    if (sel && ka_uno_call(sel, "com.sun.star.view.XSelectionSupplier", "getSelection", &any, NULL,
                           NULL)) {
        if (any.pType->eTypeClass == typelib_TypeClass_INTERFACE) {
            uno_Interface *cell = sub_range(*(uno_Interface **)any.pData, 0, 0, 0, 0);
            char **ids = NULL;
            size_t n = 0, cols = 0;
            if ((st = range_ids(cell, &ids, &n, &cols)) == KA_OK && n && ids[0]) {
                *id = ids[0];
                ids[0] = NULL;
            }
            ka_store_free_list(ids, n);
            ka_uno_release(cell);
        }
        uno_any_destruct(&any, NULL);
    }
    ka_uno_release(sel);
    return st == KA_ERR_NOMEM ? st : KA_OK;
}

/* ---- the buttons ---- */

void ka_panel_new(ka_panel *p)
{
    char *id = NULL;
    if (current_cell_id(p, &id) != KA_OK) {
        ka_form_set_status(&p->form, ka_msg(p->form.lang, KA_MSG_NOMEM_UNCHANGED));
        return;
    }
    if (listed(p, id)) { /* already has a profile: show it */
        ka_panel_show_profile(p, id, true);
        free(id);
        return;
    }
    ka_dossier *work = NULL;
    if (empty_work(id ? id : "", &work) != KA_OK) {
        ka_form_set_status(&p->form, ka_msg(p->form.lang, KA_MSG_NOMEM_UNCHANGED));
        free(id);
        return;
    }
    free(p->current);
    p->current = NULL;
    ka_dossier_free(p->form.work);
    p->form.work = work;
    if (!show_work(p))
        ka_form_set_status(&p->form, ka_msg(p->form.lang, KA_MSG_NEW_NOMEM));
    else
        ka_form_set_status(&p->form,
                           ka_msg(p->form.lang, id ? KA_MSG_NEW_WITH_ID : KA_MSG_NEW_WITHOUT_ID));
    free(id);
}

static void recalculate(ka_panel *p)
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
static void update_formulas(ka_panel *p)
{
    if (!ka_dossier_refresh(p->model))
        recalculate(p);
}

/* Why a change of the document failed, for the status line. */
static const char *refusal(const ka_panel *p, ka_status st, const char *error)
{
    return st == KA_ERR_NOMEM ? ka_msg(p->form.lang, KA_MSG_REASON_NOMEM)
           : error            ? error
                              : ka_msg(p->form.lang, KA_MSG_REASON_REFUSED);
}

void ka_panel_save(ka_panel *p)
{
    char msg[1200] = "";
    if (!p->form.work) {
        ka_form_set_status(&p->form, ka_msg(p->form.lang, KA_MSG_NOTHING_TO_SAVE));
        return;
    }
    ka_status st = ka_form_read(&p->form, msg, sizeof msg);
    if (st != KA_OK) {
        char out[1300];
        snprintf(out, sizeof out, ka_msg(p->form.lang, KA_MSG_NOT_SAVED),
                 *msg ? msg : ka_msg(p->form.lang, KA_MSG_REASON_NOMEM));
        ka_form_set_status(&p->form, out);
        return;
    }
    char *xml = NULL, *reason = NULL, *error = NULL, *saved = NULL;
    size_t len = 0;
    const char *id = "";
    ka_dossier_get(p->form.work, "id", &id);
    if ((st = ka_dossier_serialize(p->form.work, &xml, &len, p->form.lang, &reason)) != KA_OK) {
        snprintf(msg, sizeof msg, ka_msg(p->form.lang, KA_MSG_NOT_SAVED),
                 st == KA_ERR_NOMEM ? ka_msg(p->form.lang, KA_MSG_REASON_NOMEM)
                 : reason           ? reason
                                    : ka_msg(p->form.lang, KA_MSG_REASON_INVALID_PROFILE));
        ka_form_set_status(&p->form, msg);
        free(reason);
        return;
    }
    ka_store *s = NULL;
    if (!(saved = strdup(id)))
        st = KA_ERR_NOMEM;
    if (st == KA_OK)
        st = ka_store_open(p->model, &s);
    if (st == KA_OK)
        st = ka_store_put(s, id, xml, len, &error);
    if (st == KA_OK) {
        free(p->current);
        p->current = saved;
        saved = NULL;
        snprintf(msg, sizeof msg, ka_msg(p->form.lang, KA_MSG_SAVED), id);
        for (size_t i = 0; i < ka_form_section_count(); i++)
            if (ka_dossier_section_at(i)->record) /* record lines show what was typed */
                ka_form_show_records(&p->form, i);
    } else {
        snprintf(msg, sizeof msg, ka_msg(p->form.lang, KA_MSG_NOT_SAVED), refusal(p, st, error));
    }
    free(saved);
    free(error);
    ka_store_close(s);
    free(xml);
    ka_panel_refresh_list(p);
    update_formulas(p); /* DOSSIER() cells show the new values at once */
    ka_form_set_status(&p->form, msg);
}

void ka_panel_delete(ka_panel *p)
{
    char msg[300];
    if (!p->current) {
        ka_form_set_status(&p->form, ka_msg(p->form.lang, KA_MSG_DELETE_FIRST));
        return;
    }
    if (!p->delete_armed) {
        p->delete_armed = true;
        snprintf(msg, sizeof msg, ka_msg(p->form.lang, KA_MSG_DELETE_CONFIRM), p->current);
        ka_form_set_status(&p->form, msg);
        return;
    }
    ka_store *s = NULL;
    char *error = NULL;
    ka_dossier *fresh = ka_dossier_new(); /* before removing: no failure after it */
    ka_status st = fresh ? ka_store_open(p->model, &s) : KA_ERR_NOMEM;
    if (st == KA_OK)
        st = ka_store_remove(s, p->current, &error);
    if (st == KA_OK) {
        snprintf(msg, sizeof msg, ka_msg(p->form.lang, KA_MSG_DELETED), p->current);
        free(p->current);
        p->current = NULL;
        ka_dossier_free(p->form.work);
        p->form.work = fresh;
        fresh = NULL;
        show_work(p);
    } else {
        snprintf(msg, sizeof msg, ka_msg(p->form.lang, KA_MSG_NOT_DELETED), refusal(p, st, error));
    }
    ka_dossier_free(fresh);
    p->delete_armed = false;
    free(error);
    ka_store_close(s);
    ka_panel_refresh_list(p);
    update_formulas(p);
    ka_form_set_status(&p->form, msg);
}

bool ka_panel_record_action(ka_panel *p, const char *method)
{
    static const char *const verbs[] = {KA_FORM_ON_SELECT_RECORD, KA_FORM_ON_ADD_RECORD,
                                        KA_FORM_ON_REMOVE_RECORD};
    for (int v = 0; v < 3; v++) {
        long i = ka_form_record_section(method, verbs[v]);
        if (i < 0)
            continue;
        if (!p->form.work)
            return true;
        const ka_dossier_section_def *sec = ka_dossier_section_at((size_t)i);
        char msg[600] = "", lname[64];
        snprintf(lname, sizeof lname, KA_FORM_RECORDS "%s", sec->key);
        ka_status st = ka_form_read_record(&p->form, (size_t)i, msg, sizeof msg); /* keep typing */
        if (v == 0) {
            p->form.record[i] = ka_control_list_selected(p->form.container, lname);
        } else if (v == 1) {
            size_t idx;
            ka_status added = ka_dossier_record_add(p->form.work, sec->key, &idx);
            if (added == KA_OK)
                p->form.record[i] = (long)idx;
            else if (added == KA_ERR_NOMEM)
                st = KA_ERR_NOMEM;
        } else if (p->form.record[i] >= 0) {
            ka_dossier_record_remove(p->form.work, sec->key, (size_t)p->form.record[i]);
        }
        if (ka_form_show_records(&p->form, (size_t)i) == KA_ERR_NOMEM)
            st = KA_ERR_NOMEM;
        p->form.filling = true;
        if (ka_form_show_record(&p->form, (size_t)i) == KA_ERR_NOMEM)
            st = KA_ERR_NOMEM;
        p->form.filling = false;
        if (st == KA_ERR_NOMEM && !*msg)
            snprintf(msg, sizeof msg, "%s", ka_msg(p->form.lang, KA_MSG_RECORD_NOMEM));
        if (*msg)
            ka_form_set_status(&p->form, msg);
        return true;
    }
    return false;
}
