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

#define X_BUTTON "com.sun.star.awt.XButton"
#define X_LIST "com.sun.star.awt.XListBox"
#define X_TEXT "com.sun.star.awt.XTextComponent"

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

/* Clears the client list's selection (no client is in the form). */
static void deselect_clients(ka_panel *p)
{
    long pos = ka_control_list_selected(p->form.container, KA_FORM_CLIENTS);
    uno_Interface *lb = pos >= 0 ? ka_control(p->form.container, KA_FORM_CLIENTS, X_LIST) : NULL;
    sal_Int16 at = (sal_Int16)pos;
    sal_Bool no = 0;
    void *args[2] = {&at, &no};
    if (lb)
        ka_uno_call(lb, X_LIST, "selectItemPos", NULL, args, NULL);
    ka_uno_release(lb);
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

/* ---- the form's state: unedited, edited, left ---- */

/* Labels the New button New, or Create in the no-profile state. */
static void label_new(ka_panel *p, bool create)
{
    uno_Interface *b = ka_control(p->form.container, KA_FORM_NEW, X_BUTTON);
    rtl_uString *s = NULL;
    if (b && ka_uno_string_from_utf8(
                 ka_msg(p->form.lang, create ? KA_MSG_CREATE_LABEL : KA_MSG_NEW_LABEL), (size_t)-1,
                 &s) == KA_OK) {
        void *args[1] = {&s};
        ka_uno_call(b, X_BUTTON, "setLabel", NULL, args, NULL);
        rtl_uString_release(s);
    }
    ka_uno_release(b);
}

void ka_panel_mark_unedited(ka_panel *p)
{
    ka_dossier_free(p->saved);
    p->saved = NULL;
    if (p->form.work && ka_dossier_copy(p->form.work, &p->saved) != KA_OK)
        p->saved = NULL;
    p->edited = false;
    free(p->leave_to);
    p->leave_to = NULL;
}

/* True when the form shows edits not saved: read into p->form.work (as
 * Save reads it), it differs from p->saved; a value it refuses is an edit
 * too. */
static bool unsaved(ka_panel *p)
{
    if (!p->form.work)
        return false;
    char msg[600] = "";
    if (ka_form_read(&p->form, msg, sizeof msg) != KA_OK)
        return true;
    return !ka_dossier_equal(p->form.work, p->saved);
}

/* Whether the form may go to target (a client id; "" for New): yes without
 * unsaved edits, or when the user goes there a second time (he discards
 * them); else the status line asks and target is remembered. */
static bool may_leave(ka_panel *p, const char *target)
{
    if ((p->leave_to && strcmp(p->leave_to, target) == 0) || !unsaved(p))
        return true;
    char msg[400], *t = strdup(target);
    if (t) {
        free(p->leave_to);
        p->leave_to = t;
    }
    if (*target)
        snprintf(msg, sizeof msg, ka_msg(p->form.lang, KA_MSG_LEAVE_ASK), target);
    else
        snprintf(msg, sizeof msg, "%s", ka_msg(p->form.lang, KA_MSG_NEW_ASK));
    ka_form_set_status(&p->form, msg);
    return false;
}

void ka_panel_edited(ka_panel *p)
{
    if (p->form.filling || p->edited || !p->form.work)
        return;
    p->edited = true;
    char msg[300];
    if (p->current)
        snprintf(msg, sizeof msg, ka_msg(p->form.lang, KA_MSG_UNSAVED), p->current);
    else
        snprintf(msg, sizeof msg, "%s", ka_msg(p->form.lang, KA_MSG_UNSAVED_NEW));
    ka_form_set_status(&p->form, msg);
}

void ka_panel_listen_fields(ka_panel *p, bool on)
{
    uno_Interface *me = &p->base.object.iface;
    void *args[1] = {&me};
    char name[128];
    for (size_t i = 0; i < ka_form_section_count(); i++) {
        const ka_dossier_section_def *sec = ka_dossier_section_at(i);
        for (size_t k = 0; k < sec->nfields; k++) {
            ka_form_field_name(name, sizeof name, sec, &sec->fields[k]);
            uno_Interface *t = ka_control(p->form.container, name, X_TEXT);
            if (t)
                ka_uno_call(t, X_TEXT, on ? "addTextListener" : "removeTextListener", NULL, args,
                            NULL);
            ka_uno_release(t);
        }
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
    /* as the check boxes read it back: else leaving it unchanged would ask to save */
    if (st == KA_OK && ka_dossier_sort_choices(work) == KA_ERR_NOMEM) {
        ka_dossier_free(work);
        work = NULL;
        st = KA_ERR_NOMEM;
    }
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
    free(p->missing);
    p->missing = NULL;
    p->delete_armed = false;
    ka_dossier_free(p->form.work);
    p->form.work = work;
    if (!show_work(p))
        snprintf(msg, sizeof msg, ka_msg(p->form.lang, KA_MSG_PROFILE_NOMEM), id);
    if (select)
        select_current(p);
    label_new(p, false);
    ka_panel_mark_unedited(p);
    ka_form_set_status(&p->form, msg);
}

/* The no-profile state of client id: an empty form, no client selected in
 * the list, the New button labelled Create. */
static void show_missing(ka_panel *p, const char *id)
{
    char *missing = strdup(id);
    ka_dossier *work = ka_dossier_new();
    if (!missing || !work) {
        free(missing);
        ka_dossier_free(work);
        ka_form_set_status(&p->form, ka_msg(p->form.lang, KA_MSG_CURSOR_NOMEM));
        return;
    }
    free(p->current);
    p->current = NULL;
    free(p->missing);
    p->missing = missing;
    p->delete_armed = false;
    ka_dossier_free(p->form.work);
    p->form.work = work;
    char msg[300];
    if (show_work(p))
        snprintf(msg, sizeof msg, ka_msg(p->form.lang, KA_MSG_NO_PROFILE), id);
    else
        snprintf(msg, sizeof msg, "%s", ka_msg(p->form.lang, KA_MSG_NEW_NOMEM));
    p->form.filling = true;
    deselect_clients(p);
    p->form.filling = false;
    label_new(p, true);
    ka_panel_mark_unedited(p);
    ka_form_set_status(&p->form, msg);
}

/* ---- the cell cursor ---- */

/* Columns A..Z: where a row's client id and name are looked for. */
#define ROW_COLUMNS 26

/* The cells of a range object (borrowed; any cell range of a sheet),
 * row-major: the client ids by the one rule of DOSSIER()
 * (ka_cell_client_id) in *ids, and when texts is not NULL the non-empty
 * texts in *texts (NULL for numbers and empty cells); *n entries each.
 * KA_ERR_ARG when the range cannot be read. */
static ka_status range_cells(uno_Interface *range, char ***ids, char ***texts, size_t *n,
                             size_t *cols)
{
    *ids = NULL;
    if (texts)
        *texts = NULL;
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
    size_t total = nrows * *cols;
    ka_status st = KA_OK;
    if (total > 0 && (!(*ids = calloc(total, sizeof **ids)) ||
                      (texts && !(*texts = calloc(total, sizeof **texts)))))
        st = KA_ERR_NOMEM;
    for (size_t i = 0; st == KA_OK && i < nrows; i++) {
        uno_Sequence *row = KA_UNO_SEQ_AT(rows, uno_Sequence *, i);
        for (sal_Int32 j = 0; st == KA_OK && j < row->nElements; j++) {
            const uno_Any *any = &KA_UNO_SEQ_AT(row, uno_Any, j);
            size_t k = i * *cols + (size_t)j;
            ka_cell cell;
            ka_cell_from_any(any, &cell);
            st = ka_cell_client_id(&cell, &(*ids)[k]);
            if (st == KA_OK && texts && cell.kind == KA_CELL_TEXT &&
                !((*texts)[k] = ka_uno_string_utf8(cell.text, NULL)))
                st = KA_ERR_NOMEM;
        }
    }
    ka_uno_sequence_release(rows, ka_uno_matrix_any_type());
    *n = total;
    if (st != KA_OK) {
        ka_store_free_list(*ids, total);
        if (texts)
            ka_store_free_list(*texts, total);
        *ids = NULL;
        if (texts)
            *texts = NULL;
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

/* True when heading (a cell's text) is one of the '|'-separated headings
 * of message id in English or a language of the toolkit (a workbook is
 * not always read in the language it was written in), ignoring spaces
 * around it and the case of ASCII letters. */
static bool heading_is(const char *heading, ka_msg_id id)
{
    while (*heading == ' ')
        heading++;
    size_t hn = strlen(heading);
    while (hn && heading[hn - 1] == ' ')
        hn--;
    for (size_t l = 0; l < ka_language_count; l++) {
        const char *list = ka_msg(ka_languages[l].code, id);
        while (*list) {
            size_t n = strcspn(list, "|");
            bool same = n == hn;
            for (size_t i = 0; same && i < n; i++)
                same = tolower((unsigned char)list[i]) == tolower((unsigned char)heading[i]);
            if (same)
                return true;
            list += n + (list[n] == '|');
        }
    }
    return false;
}

/* The column of heads (the first row's texts, n cells) headed by one of
 * message id's headings, or -1. */
static long headed_column(char *const *heads, size_t n, ka_msg_id id)
{
    for (size_t k = 0; heads && k < n; k++)
        if (heads[k] && heading_is(heads[k], id))
            return (long)k;
    return -1;
}

/* The client of the cursor's row and, for New, the name in it. */
typedef struct cursor_row {
    char *id;    /* malloc'ed, or NULL: no client */
    bool listed; /* id has a profile */
    char *name;  /* for New: the row's name (malloc'ed) or NULL */
} cursor_row;

static void cursor_row_clear(cursor_row *r)
{
    free(r->id);
    free(r->name);
    memset(r, 0, sizeof *r);
}

/* The sheet (new reference) and the address of the first cell of a
 * selection (borrowed): the sheet's index, the column and row; NULL when it
 * is not a range of a sheet. */
static uno_Interface *selection_sheet(uno_Interface *selection, sal_Int16 *index, sal_Int32 *col,
                                      sal_Int32 *row)
{
    uno_Interface *addr = ka_uno_query(selection, "com.sun.star.sheet.XCellRangeAddressable");
    uno_Interface *sheetrange = ka_uno_query(selection, "com.sun.star.sheet.XSheetCellRange");
    struct {
        sal_Int16 sheet;
        sal_Int32 start_col, start_row, end_col, end_row;
    } ra = {0, 0, 0, 0, 0};
    uno_Interface *sheet = NULL;
    if (!addr || !sheetrange ||
        !ka_uno_call(addr, "com.sun.star.sheet.XCellRangeAddressable", "getRangeAddress", &ra, NULL,
                     NULL) ||
        !ka_uno_call(sheetrange, "com.sun.star.sheet.XSheetCellRange", "getSpreadsheet", &sheet,
                     NULL, NULL))
        sheet = NULL;
    ka_uno_release(addr);
    ka_uno_release(sheetrange);
    *index = ra.sheet;
    *col = ra.start_col;
    *row = ra.start_row;
    return sheet;
}

/* The texts of the sheet's first row, A..Z (*heads: n entries, NULL for
 * cells without text).  KA_ERR_NOMEM; nothing (KA_OK, NULL) when it cannot
 * be read. */
static ka_status read_heads(uno_Interface *sheet, char ***heads, size_t *n)
{
    uno_Interface *first = sub_range(sheet, 0, 0, ROW_COLUMNS - 1, 0);
    char **ids = NULL;
    size_t cols = 0;
    ka_status st = range_cells(first, &ids, heads, n, &cols);
    ka_uno_release(first);
    ka_store_free_list(ids, *n);
    return st == KA_ERR_NOMEM ? st : KA_OK;
}

/* The client of the row of cell (col, row) of sheet (borrowed) into *r:
 * the first id with a profile in A..Z (the cursor's column first), else
 * the id in the id column (headed so, else where ids were last found)
 * below the first row.  for_new: the cursor's own cell's id when there is
 * no other, and the row's name: the cell of the name column (headed so,
 * else right of the id).  KA_ERR_NOMEM. */
static ka_status read_cursor_row(ka_panel *p, uno_Interface *sheet, sal_Int32 col, sal_Int32 row,
                                 bool for_new, cursor_row *r)
{
    memset(r, 0, sizeof *r);
    /* A..Z, and the cursor's own cell beyond them (New takes its id) */
    uno_Interface *cells = sub_range(sheet, 0, row, col < ROW_COLUMNS ? ROW_COLUMNS - 1 : col, row);
    char **ids = NULL, **texts = NULL, **heads = NULL;
    size_t n = 0, cols = 0, nheads = 0;
    ka_status st = range_cells(cells, &ids, for_new ? &texts : NULL, &n, &cols);
    ka_uno_release(cells);
    if (st != KA_OK)
        return st == KA_ERR_NOMEM ? st : KA_OK;
    long at = (size_t)col < n && listed(p, ids[col]) ? col : -1;
    for (size_t k = 0; k < n && k < ROW_COLUMNS && at < 0; k++)
        if (listed(p, ids[k]))
            at = (long)k;
    r->listed = at >= 0;
    if (r->listed)
        p->id_col = at;
    if ((!r->listed || for_new) && row > 0)
        st = read_heads(sheet, &heads, &nheads);
    if (st == KA_OK && !r->listed && row > 0) {
        long idc = headed_column(heads, nheads, KA_MSG_ID_HEADINGS);
        if (idc < 0)
            idc = p->id_col;
        if (idc >= 0 && (size_t)idc < n && ids[idc])
            at = idc;
    }
    if (st == KA_OK && at < 0 && for_new && (size_t)col < n && ids[col])
        at = col;
    if (st == KA_OK && at >= 0) {
        r->id = ids[at];
        ids[at] = NULL;
    }
    if (st == KA_OK && for_new && at >= 0) {
        long namec = row > 0 ? headed_column(heads, nheads, KA_MSG_NAME_HEADINGS) : -1;
        if (namec < 0)
            namec = at + 1;
        if (namec != at && (size_t)namec < n && texts[namec]) {
            r->name = texts[namec];
            texts[namec] = NULL;
        }
    }
    ka_store_free_list(ids, n);
    ka_store_free_list(texts, texts ? n : 0);
    ka_store_free_list(heads, nheads);
    if (st != KA_OK)
        cursor_row_clear(r);
    return st;
}

/* The status line of the form's state, in place of an explanation that
 * no longer applies. */
static void state_status(ka_panel *p)
{
    char msg[300];
    if (p->current)
        snprintf(msg, sizeof msg, ka_msg(p->form.lang, KA_MSG_PROFILE_SHOWN), p->current);
    else if (p->missing)
        snprintf(msg, sizeof msg, ka_msg(p->form.lang, KA_MSG_NO_PROFILE), p->missing);
    else
        snprintf(msg, sizeof msg, "%s", ka_msg(p->form.lang, KA_MSG_READY));
    ka_form_set_status(&p->form, msg);
}

void ka_panel_follow_cursor(ka_panel *p, uno_Interface *selection)
{
    sal_Int32 col = 0, row = 0;
    sal_Int16 index = -1;
    uno_Interface *sheet = selection_sheet(selection, &index, &col, &row);
    if (sheet && p->last_cell[0] == index && p->last_cell[1] == col && p->last_cell[2] == row) {
        ka_uno_release(sheet); /* the same move reported again */
        return;
    }
    p->last_cell[0] = index;
    p->last_cell[1] = col;
    p->last_cell[2] = row;
    cursor_row r;
    ka_status st = sheet ? read_cursor_row(p, sheet, col, row, false, &r) : KA_ERR_ARG;
    bool asked = false;
    if (st == KA_ERR_NOMEM) {
        ka_form_set_status(&p->form, ka_msg(p->form.lang, KA_MSG_CURSOR_NOMEM));
    } else if (st == KA_OK && r.id) {
        const char *shown = r.listed ? p->current : p->missing;
        if (!(shown && strcmp(shown, r.id) == 0)) {
            asked = !may_leave(p, r.id);
            if (!asked && r.listed)
                ka_panel_show_profile(p, r.id, true);
            else if (!asked)
                show_missing(p, r.id);
        }
    }
    if (st == KA_OK)
        cursor_row_clear(&r);
    bool explained = sheet && !asked && st != KA_ERR_NOMEM && ka_panel_explain(p, selection, sheet);
    if (p->explained && !explained && !asked && st != KA_ERR_NOMEM)
        state_status(p);
    p->explained = explained;
    ka_uno_release(sheet);
}

void ka_panel_pick(ka_panel *p, size_t pos)
{
    if (pos >= p->nshown)
        return;
    const char *id = p->ids[p->shown[pos]];
    if (p->current && strcmp(p->current, id) == 0)
        return; /* already in the form: loading it again would drop what was typed */
    if (!may_leave(p, id)) {
        p->form.filling = true;
        if (p->current)
            select_current(p);
        else
            deselect_clients(p);
        p->form.filling = false;
        return;
    }
    ka_panel_show_profile(p, id, false);
}

/* The client and name of the row of the first cell of the selection, for
 * New (see read_cursor_row).  KA_ERR_NOMEM. */
static ka_status new_row(ka_panel *p, cursor_row *r)
{
    memset(r, 0, sizeof *r);
    uno_Interface *sel = ka_uno_query(p->controller, "com.sun.star.view.XSelectionSupplier");
    uno_Any any;
    ka_status st = KA_OK;
    if (sel && ka_uno_call(sel, "com.sun.star.view.XSelectionSupplier", "getSelection", &any, NULL,
                           NULL)) {
        if (any.pType->eTypeClass == typelib_TypeClass_INTERFACE) {
            sal_Int32 col = 0, row = 0;
            sal_Int16 index = 0;
            uno_Interface *sheet =
                selection_sheet(*(uno_Interface **)any.pData, &index, &col, &row);
            if (sheet)
                st = read_cursor_row(p, sheet, col, row, true, r);
            ka_uno_release(sheet);
        }
        uno_any_destruct(&any, NULL);
    }
    ka_uno_release(sel);
    return st;
}

/* ---- the buttons ---- */

void ka_panel_new(ka_panel *p)
{
    if (!may_leave(p, ""))
        return;
    cursor_row r;
    if (new_row(p, &r) != KA_OK) {
        ka_form_set_status(&p->form, ka_msg(p->form.lang, KA_MSG_NOMEM_UNCHANGED));
        return;
    }
    if (r.listed || listed(p, r.id)) { /* already has a profile: show it */
        ka_panel_show_profile(p, r.id, true);
        cursor_row_clear(&r);
        return;
    }
    ka_dossier *work = NULL;
    ka_status st = empty_work(r.id ? r.id : "", &work);
    bool named = false;
    if (st == KA_OK && r.name) { /* a name the field refuses is left for the user to type */
        st = ka_dossier_set(work, "name", r.name, NULL, NULL);
        named = st == KA_OK;
        if (st != KA_ERR_NOMEM)
            st = KA_OK;
    }
    if (st != KA_OK) {
        ka_dossier_free(work);
        ka_form_set_status(&p->form, ka_msg(p->form.lang, KA_MSG_NOMEM_UNCHANGED));
        cursor_row_clear(&r);
        return;
    }
    free(p->current);
    p->current = NULL;
    free(p->missing);
    p->missing = NULL;
    ka_dossier_free(p->form.work);
    p->form.work = work;
    bool shown = show_work(p);
    p->form.filling = true;
    deselect_clients(p); /* no client of the list is in the form */
    p->form.filling = false;
    label_new(p, false);
    ka_panel_mark_unedited(p);
    ka_form_set_status(&p->form, ka_msg(p->form.lang, !shown  ? KA_MSG_NEW_NOMEM
                                                      : named ? KA_MSG_NEW_WITH_NAME
                                                      : r.id  ? KA_MSG_NEW_WITH_ID
                                                              : KA_MSG_NEW_WITHOUT_ID));
    cursor_row_clear(&r);
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
        ka_panel_mark_unedited(p);
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
        ka_panel_mark_unedited(p);
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
        else if (v != 0) /* a record added or removed */
            ka_panel_edited(p);
        return true;
    }
    return false;
}
