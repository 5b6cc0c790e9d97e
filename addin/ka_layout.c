/* ka_layout.c - the dossier form laid out for its width (see ka_layout.h). */
#include "ka_layout.h"

#include "ka_controls.h"

#include <stdio.h>
#include <string.h>

#define MARGIN 6              /* around the form */
#define GAP 6                 /* between a label and its field, between buttons */
#define ROW_GAP 4             /* between rows */
#define MIN_FIELD 100         /* narrowest field beside its label: narrower, the label goes above */
#define MIN_WIDTH 120         /* narrowest form, whatever its buttons */
#define COMFORTABLE_FIELD 160 /* a field beside its label at the width the sidebar opens with */
#define MAX_COMFORTABLE 400

/* One layout pass at one width. */
typedef struct pass {
    const ka_form *f;
    bool apply;          /* place the controls, or only measure */
    sal_Int32 inner;     /* the width inside the margins */
    sal_Int32 y;         /* top of the next row */
    sal_Int32 line;      /* height of a one-line text field */
    sal_Int32 text;      /* height of one line of a label */
    sal_Int32 label_col; /* width of the label column beside the fields */
} pass;

static ka_control_box need(const pass *p, const char *name, sal_Int32 width)
{
    return ka_control_needs(p->f->container, name, width);
}

static void put(const pass *p, const char *name, sal_Int32 x, sal_Int32 y, sal_Int32 w, sal_Int32 h)
{
    if (p->apply)
        ka_control_place(p->f->container, name, (ka_control_box){x, y, w, h});
}

static sal_Int32 max32(sal_Int32 a, sal_Int32 b)
{
    return a > b ? a : b;
}

/* Buttons left to right, onto the next row when the row is full; the last
 * one at the right end when right_last (Save apart from New and Delete). */
static void button_row(pass *p, const char *const *names, size_t n, bool right_last)
{
    sal_Int32 x = MARGIN, h = 0;
    for (size_t i = 0; i < n; i++) {
        ka_control_box b = need(p, names[i], 0);
        sal_Int32 w = b.width < 60 ? 60 : b.width > p->inner ? p->inner : b.width;
        if (x > MARGIN && x + w > MARGIN + p->inner) { /* full: the next row */
            p->y += h + ROW_GAP;
            x = MARGIN;
            h = 0;
        }
        sal_Int32 at =
            right_last && i + 1 == n && x + w <= MARGIN + p->inner ? MARGIN + p->inner - w : x;
        put(p, names[i], at, p->y, w, b.height);
        x = at + w + GAP;
        h = max32(h, b.height);
    }
    p->y += h + ROW_GAP;
}

/* The message under the control just placed at (x, y + h) when Save
 * refused that field; returns the height it takes. */
static sal_Int32 message_under(pass *p, const char *name, sal_Int32 x, sal_Int32 w, sal_Int32 y)
{
    if (strcmp(p->f->problem, name) != 0)
        return 0;
    sal_Int32 h = max32(need(p, KA_FORM_MESSAGE, w).height, p->text);
    put(p, KA_FORM_MESSAGE, x, y + 2, w, h);
    return h + 2;
}

/* The height of the one control of field fd (not a field of several
 * choices, which has a check box per choice). */
static sal_Int32 field_height(const pass *p, const char *name, const ka_dossier_field_def *fd)
{
    if (fd->kind == KA_DOSSIER_LONG_TEXT)
        return p->line + 2 * p->text;
    if (fd->kind == KA_DOSSIER_ENUM || ka_form_is_scale(fd))
        return max32(need(p, name, 0).height, p->line);
    return p->line;
}

/* A label and the controls of its field: side by side while the label
 * fits its column and the field keeps MIN_FIELD, else the label above,
 * wrapped to the full width.  fd NULL: the filter row. */
static void field_row(pass *p, const char *label, const ka_dossier_section_def *sec,
                      const ka_dossier_field_def *fd, const char *field)
{
    ka_control_box lb = need(p, label, 0);
    bool beside = lb.width <= p->label_col && p->inner - p->label_col - GAP >= MIN_FIELD;
    sal_Int32 x = MARGIN, w = p->inner, top = p->y;
    if (beside) {
        x += p->label_col + GAP;
        w -= p->label_col + GAP;
    } else {
        sal_Int32 lh = max32(need(p, label, p->inner).height, p->text);
        put(p, label, MARGIN, top, p->inner, lh);
        top += lh + 2;
    }
    sal_Int32 y = top, first = p->line;
    if (fd && fd->kind == KA_DOSSIER_ENUM_LIST) {
        char name[128];
        for (const ka_dossier_enum_value *v = fd->values; v && v->value; v++) {
            ka_form_choice_name(name, sizeof name, sec, fd, v);
            sal_Int32 h = max32(need(p, name, w).height, p->text);
            if (v == fd->values)
                first = h;
            put(p, name, x, y, w, h);
            y += h + 2;
            if (v == fd->values)
                y += message_under(p, name, x, w, y - 2);
        }
    } else {
        sal_Int32 h = fd ? field_height(p, field, fd) : p->line;
        first = h;
        put(p, field, x, y, w, h);
        y += h;
        y += message_under(p, field, x, w, y);
    }
    if (beside) /* on the first line of its field */
        put(p, label, MARGIN, top + max32(0, (p->line < first ? p->line : first) - lb.height) / 2,
            p->label_col, lb.height);
    p->y = y + ROW_GAP;
}

/* A record section's list with its Add and Remove buttons at its right,
 * or below it when the list would be too narrow. */
static void record_list(pass *p, const ka_dossier_section_def *sec)
{
    char list[64], add[64], del[64];
    snprintf(list, sizeof list, KA_FORM_RECORDS "%s", sec->key);
    snprintf(add, sizeof add, KA_FORM_ADD "%s", sec->key);
    snprintf(del, sizeof del, KA_FORM_REMOVE "%s", sec->key);
    ka_control_box a = need(p, add, 0), d = need(p, del, 0);
    sal_Int32 bw = max32(max32(a.width, d.width), 60), bh = max32(a.height, d.height);
    sal_Int32 h = max32(p->line + 2 * p->text, 2 * bh + ROW_GAP);
    if (p->inner - bw - GAP >= MIN_FIELD) {
        put(p, list, MARGIN, p->y, p->inner - bw - GAP, h);
        put(p, add, MARGIN + p->inner - bw, p->y, bw, bh);
        put(p, del, MARGIN + p->inner - bw, p->y + bh + ROW_GAP, bw, bh);
        p->y += h + ROW_GAP;
        return;
    }
    put(p, list, MARGIN, p->y, p->inner, h);
    p->y += h + ROW_GAP;
    const char *const buttons[] = {add, del};
    button_row(p, buttons, 2, false);
}

/* The widest label of a field, for the label column. */
static sal_Int32 widest_label(const pass *p)
{
    sal_Int32 w = need(p, KA_FORM_LABEL KA_FORM_FILTER, 0).width;
    char name[128];
    for (size_t i = 0; i < ka_form_section_count(); i++) {
        const ka_dossier_section_def *sec = ka_dossier_section_at(i);
        for (size_t k = 0; k < sec->nfields; k++) {
            if (sec->fields[k].flags & KA_DOSSIER_DERIVED)
                continue;
            ka_form_label_name(name, sizeof name, sec, &sec->fields[k]);
            w = max32(w, need(p, name, 0).width);
        }
    }
    return w;
}

/* The buttons above the status line: New (Create in the no-profile state),
 * Delete, Save at the right. */
static const char *const top_buttons[] = {KA_FORM_NEW, KA_FORM_DELETE, KA_FORM_SAVE};

/* Only the status line's height changed at the width the controls were
 * placed for: the buttons above it are placed again (New's label changes
 * with the state), and while their rows end where they did, the status
 * line takes its new height and the controls below it move by the
 * difference; the height at the other width follows by its own status
 * line's difference.  False when the buttons took another row: a full
 * pass is needed. */
static bool status_grown(pass *p, ka_layout_memo *memo, sal_Int32 status)
{
    p->y = memo->buttons_y;
    button_row(p, top_buttons, 3, true);
    if (p->y != memo->status_y)
        return false;
    sal_Int32 box = max32(status, p->text), dy = box - memo->status_box;
    ka_control_shift_below(p->f->container, memo->status_y + memo->status_box, dy);
    put(p, KA_FORM_STATUS, MARGIN, memo->status_y, p->inner, box);
    if (memo->other_width && memo->other_status == memo->status) {
        sal_Int32 other = need(p, KA_FORM_STATUS, memo->other_width - 2 * MARGIN).height;
        memo->other_height += max32(other, p->text) - max32(memo->other_status, p->text);
        memo->other_status = other;
    } else {
        memo->other_width = 0;
    }
    memo->status = status;
    memo->status_box = box;
    memo->height += dy;
    return true;
}

sal_Int32 ka_layout_form(ka_form *f, ka_layout_memo *memo, sal_Int32 width, bool apply)
{
    if (!f->container)
        return 0;
    if (width < MIN_WIDTH)
        width = MIN_WIDTH;
    pass p = {f, false, width - 2 * MARGIN, MARGIN, 0, 0, 0};
    sal_Int32 status = need(&p, KA_FORM_STATUS, p.inner).height;
    sal_Int32 message = f->problem[0] ? need(&p, KA_FORM_MESSAGE, p.inner).height : 0;
    bool same = memo->placed && memo->message == message && strcmp(memo->problem, f->problem) == 0;
    if (same && memo->width == width && memo->status == status)
        return memo->height;
    if (!apply && same && memo->other_width == width && memo->other_status == status)
        return memo->other_height;
    p.apply = apply;
    p.line = max32(need(&p, KA_FORM_FILTER, 0).height, 20);
    p.text =
        max32(need(&p, KA_FORM_STATUS, 0).height, need(&p, KA_FORM_LABEL KA_FORM_FILTER, 0).height);
    p.text = max32(p.text, 12);
    same = same && memo->text == p.text;
    if (apply && same && memo->width == width && status_grown(&p, memo, status))
        return memo->height;
    p.y = MARGIN;
    sal_Int32 col = widest_label(&p);
    p.label_col = col < p.inner * 2 / 5 ? col : p.inner * 2 / 5;
    put(&p, KA_FORM_MESSAGE, 0, 0, 0, 0); /* hidden unless a field below shows it */

    field_row(&p, KA_FORM_LABEL KA_FORM_FILTER, NULL, NULL, KA_FORM_FILTER);
    sal_Int32 h = p.line + 4 * p.text;
    put(&p, KA_FORM_CLIENTS, MARGIN, p.y, p.inner, h);
    p.y += h + ROW_GAP;
    sal_Int32 buttons_y = p.y;
    button_row(&p, top_buttons, 3, true);
    sal_Int32 status_y = p.y, status_box = max32(status, p.text);
    put(&p, KA_FORM_STATUS, MARGIN, p.y, p.inner, status_box);
    p.y += status_box + ROW_GAP;

    char name[128], label[128], heading[64];
    for (size_t i = 0; i < ka_form_section_count(); i++) {
        const ka_dossier_section_def *sec = ka_dossier_section_at(i);
        snprintf(heading, sizeof heading, KA_FORM_SECTION "%s", sec->key);
        h = max32(need(&p, heading, 0).height, p.text);
        p.y += ROW_GAP;
        put(&p, heading, MARGIN, p.y, p.inner, h);
        p.y += h + ROW_GAP;
        if (sec->record)
            record_list(&p, sec);
        for (size_t k = 0; k < sec->nfields; k++) {
            const ka_dossier_field_def *fd = &sec->fields[k];
            if (fd->flags & KA_DOSSIER_DERIVED)
                continue;
            ka_form_label_name(label, sizeof label, sec, fd);
            ka_form_field_name(name, sizeof name, sec, fd);
            field_row(&p, label, sec, fd, name);
        }
    }
    sal_Int32 height = p.y + MARGIN;
    if (apply) {
        /* what was placed until now becomes the other width's height */
        bool keep = same && memo->status == status && memo->width != width;
        *memo = (ka_layout_memo){true,
                                 width,
                                 status,
                                 message,
                                 height,
                                 p.text,
                                 buttons_y,
                                 status_y,
                                 status_box,
                                 "",
                                 keep ? memo->width : 0,
                                 keep ? memo->status : 0,
                                 keep ? memo->height : 0};
        snprintf(memo->problem, sizeof memo->problem, "%s", f->problem);
    } else if (same) {
        memo->other_width = width;
        memo->other_status = status;
        memo->other_height = height;
    }
    return height;
}

sal_Int32 ka_layout_placed_width(const ka_layout_memo *memo)
{
    return memo->placed ? memo->width : 0;
}

sal_Int32 ka_layout_comfortable_width(const ka_form *f)
{
    pass p = {f, false, 0, 0, 0, 0, 0};
    sal_Int32 w = widest_label(&p) + GAP + COMFORTABLE_FIELD + 2 * MARGIN;
    return w < MAX_COMFORTABLE ? w : MAX_COMFORTABLE;
}

sal_Int32 ka_layout_min_width(const ka_form *f)
{
    pass p = {f, false, 0, 0, 0, 0, 0};
    sal_Int32 w = 0;
    const char *const fixed[] = {KA_FORM_NEW, KA_FORM_DELETE, KA_FORM_SAVE};
    for (size_t i = 0; i < 3; i++)
        w = max32(w, need(&p, fixed[i], 0).width);
    char name[64];
    for (size_t i = 0; i < ka_form_section_count(); i++) {
        const ka_dossier_section_def *sec = ka_dossier_section_at(i);
        if (!sec->record)
            continue;
        snprintf(name, sizeof name, KA_FORM_ADD "%s", sec->key);
        w = max32(w, need(&p, name, 0).width);
        snprintf(name, sizeof name, KA_FORM_REMOVE "%s", sec->key);
        w = max32(w, need(&p, name, 0).width);
    }
    return max32(w + 2 * MARGIN, MIN_WIDTH);
}

void ka_layout_focus_problem(ka_form *f)
{
    if (f->focus_problem && f->problem[0])
        ka_control_focus(f->container, f->problem);
    f->focus_problem = false;
}
