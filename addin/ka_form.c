/* ka_form.c - the field table <-> the panel's form (see ka_form.h). */
#include "ka_form.h"

#include "ka_controls.h"
#include "ka_i18n.h"

#include <stdio.h>
#include <stdlib.h>
#include <string.h>

void ka_form_init(ka_form *f, const char *lang)
{
    f->lang = lang;
    f->date = ka_date_format_of(NULL);
    for (size_t i = 0; i < KA_FORM_MAX_SECTIONS; i++)
        f->record[i] = -1;
}

void ka_form_prepare(ka_form *f)
{
    char name[128];
    for (size_t i = 0; i < ka_form_section_count(); i++) {
        const ka_dossier_section_def *sec = ka_dossier_section_at(i);
        for (size_t k = 0; k < sec->nfields; k++) {
            const ka_dossier_field_def *fd = &sec->fields[k];
            if (fd->kind != KA_DOSSIER_ENUM && !ka_form_is_scale(fd))
                continue;
            ka_form_field_name(name, sizeof name, sec, fd);
            ka_control_list_insert(f->container, name, "", 0);
        }
    }
}

size_t ka_form_section_count(void)
{
    size_t n = ka_dossier_section_count();
    return n < KA_FORM_MAX_SECTIONS ? n : KA_FORM_MAX_SECTIONS;
}

/* The name of a control of field fd: prefix, then <field> or <section>_<field>. */
static void control_name(char *buf, size_t size, const char *prefix,
                         const ka_dossier_section_def *sec, const ka_dossier_field_def *fd)
{
    if (sec->record)
        snprintf(buf, size, "%s%s_%s", prefix, sec->key, fd->key);
    else
        snprintf(buf, size, "%s%s", prefix, fd->key);
}

void ka_form_field_name(char *buf, size_t size, const ka_dossier_section_def *sec,
                        const ka_dossier_field_def *fd)
{
    control_name(buf, size, KA_FORM_FIELD, sec, fd);
}

void ka_form_label_name(char *buf, size_t size, const ka_dossier_section_def *sec,
                        const ka_dossier_field_def *fd)
{
    control_name(buf, size, KA_FORM_LABEL, sec, fd);
}

void ka_form_choice_name(char *buf, size_t size, const ka_dossier_section_def *sec,
                         const ka_dossier_field_def *fd, const ka_dossier_enum_value *v)
{
    char field[96];
    control_name(field, sizeof field, KA_FORM_FIELD, sec, fd);
    snprintf(buf, size, "%s" KA_FORM_CHOICE "%s", field, v->value);
}

bool ka_form_is_scale(const ka_dossier_field_def *fd)
{
    return fd->kind == KA_DOSSIER_INTEGER && fd->low && fd->high;
}

/* Derived fields are computed, not typed: the form has no control for them. */
static bool editable(const ka_dossier_field_def *fd)
{
    return !(fd->flags & KA_DOSSIER_DERIVED);
}

/* What the record list shows for stored value v of field fd: a choice's
 * displayed name, a date in the locale's format (written into buf, size
 * bytes), else v itself. */
static const char *shown_value(const ka_form *f, const ka_dossier_section_def *sec,
                               const ka_dossier_field_def *fd, const char *v, char *buf,
                               size_t size)
{
    if (fd->kind == KA_DOSSIER_DATE) {
        ka_date_format_local(&f->date, v, buf, size);
        return buf;
    }
    if (fd->kind != KA_DOSSIER_ENUM)
        return v;
    for (const ka_dossier_enum_value *c = fd->values; c && c->value; c++)
        if (strcmp(c->value, v) == 0)
            return ka_tr_choice(f->lang, sec, fd, c);
    return v;
}

/* True when the list of codes joined by ", " holds code. */
static bool list_has(const char *list, const char *code)
{
    size_t n = strlen(code);
    for (const char *p = list; *p;) {
        size_t len = strcspn(p, ",");
        if (len == n && strncmp(p, code, n) == 0)
            return true;
        p += len;
        p += strspn(p, ", ");
    }
    return false;
}

/* Shows stored value v (a code, a number or text; "" when unset) in the
 * control(s) of field fd: a drop-down list item (its first, empty item for
 * none), check boxes, or the text.  KA_ERR_NOMEM, KA_ERR_ARG. */
static ka_status show_field(ka_form *f, const ka_dossier_section_def *sec,
                            const ka_dossier_field_def *fd, const char *v)
{
    char name[128];
    ka_form_field_name(name, sizeof name, sec, fd);
    if (fd->kind == KA_DOSSIER_ENUM_LIST) {
        ka_status first = KA_OK;
        for (const ka_dossier_enum_value *c = fd->values; c && c->value; c++) {
            ka_form_choice_name(name, sizeof name, sec, fd, c);
            ka_status st = ka_control_set_checked(f->container, name, list_has(v, c->value));
            if (first == KA_OK)
                first = st;
        }
        return first;
    }
    if (fd->kind == KA_DOSSIER_ENUM || ka_form_is_scale(fd)) {
        long pos = 0;
        if (*v && fd->kind == KA_DOSSIER_ENUM) {
            for (const ka_dossier_enum_value *c = fd->values; c && c->value; c++)
                if (strcmp(c->value, v) == 0)
                    pos = c - fd->values + 1;
        } else if (*v) {
            pos = strtol(v, NULL, 10) - fd->min + 1;
        }
        if (!ka_control_exists(f->container, name))
            return KA_ERR_ARG;
        ka_control_list_select(f->container, name, pos);
        return KA_OK;
    }
    if (fd->kind == KA_DOSSIER_DATE) { /* stored ISO, shown in the locale's format */
        char shown[32];
        ka_date_format_local(&f->date, v, shown, sizeof shown);
        return ka_control_set_text(f->container, name, shown);
    }
    return ka_control_set_text(f->container, name, v);
}

/* What field fd's control(s) hold, as it is stored: *out malloc'ed (the
 * caller frees it), "" for none.  A drop-down list gives its item's code
 * or number, check boxes the codes ticked joined by ", " in the table's
 * order.  KA_ERR_NOMEM, KA_ERR_ARG when a control is missing. */
static ka_status field_text(ka_form *f, const ka_dossier_section_def *sec,
                            const ka_dossier_field_def *fd, char **out)
{
    char name[128];
    *out = NULL;
    ka_form_field_name(name, sizeof name, sec, fd);
    if (fd->kind == KA_DOSSIER_ENUM_LIST) {
        size_t size = 1;
        for (const ka_dossier_enum_value *c = fd->values; c && c->value; c++)
            size += strlen(c->value) + 2;
        if (!(*out = malloc(size)))
            return KA_ERR_NOMEM;
        **out = '\0';
        for (const ka_dossier_enum_value *c = fd->values; c && c->value; c++) {
            ka_form_choice_name(name, sizeof name, sec, fd, c);
            if (!ka_control_exists(f->container, name)) {
                free(*out);
                *out = NULL;
                return KA_ERR_ARG;
            }
            if (ka_control_checked(f->container, name))
                snprintf(*out + strlen(*out), size - strlen(*out), "%s%s", **out ? ", " : "",
                         c->value);
        }
        return KA_OK;
    }
    if (fd->kind == KA_DOSSIER_ENUM || ka_form_is_scale(fd)) {
        if (!ka_control_exists(f->container, name))
            return KA_ERR_ARG;
        long pos = ka_control_list_selected(f->container, name);
        char number[24] = "";
        const char *v = number;
        if (pos > 0 && fd->kind == KA_DOSSIER_ENUM)
            v = fd->values[pos - 1].value;
        else if (pos > 0)
            snprintf(number, sizeof number, "%ld", fd->min + pos - 1);
        *out = strdup(v);
        return *out ? KA_OK : KA_ERR_NOMEM;
    }
    return ka_control_get_text(f->container, name, out);
}

/* Keeps the first failure of a series of steps. */
static void keep_first(ka_status *first, ka_status st)
{
    if (*first == KA_OK)
        *first = st;
}

ka_status ka_form_show_record(ka_form *f, size_t i)
{
    const ka_dossier_section_def *sec = ka_dossier_section_at(i);
    ka_status first = KA_OK;
    for (size_t k = 0; k < sec->nfields; k++) {
        const ka_dossier_field_def *fd = &sec->fields[k];
        const char *v = "";
        if (!editable(fd))
            continue;
        if (f->record[i] >= 0)
            ka_dossier_record_get(f->work, sec->key, (size_t)f->record[i], fd->key, &v);
        if (show_field(f, sec, fd, v) == KA_ERR_NOMEM)
            keep_first(&first, KA_ERR_NOMEM);
    }
    return first;
}

/* The line that stands for record r of section sec in its list: its first
 * two non-empty fields, or "(<section> <n>)". */
static void record_line(const ka_form *f, const ka_dossier_section_def *sec, size_t r, char *line,
                        size_t size)
{
    size_t used = 0;
    char shown[32];
    line[0] = '\0';
    for (size_t k = 0; k < sec->nfields && used < 2; k++) {
        const char *v = "";
        if (!editable(&sec->fields[k]))
            continue;
        ka_dossier_record_get(f->work, sec->key, r, sec->fields[k].key, &v);
        v = shown_value(f, sec, &sec->fields[k], v, shown, sizeof shown);
        if (*v) {
            size_t len = strlen(line);
            snprintf(line + len, size - len, "%s%s", used ? " - " : "", v);
            used++;
        }
    }
    if (!used)
        snprintf(line, size, ka_msg(f->lang, KA_MSG_RECORD_PLACEHOLDER),
                 ka_tr_section(f->lang, sec, false), r + 1);
}

ka_status ka_form_show_records(ka_form *f, size_t i)
{
    const ka_dossier_section_def *sec = ka_dossier_section_at(i);
    size_t n = 0;
    ka_dossier_record_count(f->work, sec->key, &n);
    char **labels = calloc(n ? n : 1, sizeof *labels);
    ka_status st = labels ? KA_OK : KA_ERR_NOMEM;
    for (size_t r = 0; st == KA_OK && r < n; r++) {
        char line[256];
        record_line(f, sec, r, line, sizeof line);
        if (!(labels[r] = strdup(line)))
            st = KA_ERR_NOMEM;
    }
    if (f->record[i] >= (long)n)
        f->record[i] = (long)n - 1;
    char lname[64];
    snprintf(lname, sizeof lname, KA_FORM_RECORDS "%s", sec->key);
    bool was = f->filling;
    f->filling = true;
    if (st == KA_OK)
        st = ka_control_list_fill(f->container, lname, labels, n, f->record[i]);
    else
        ka_control_list_fill(f->container, lname, NULL, 0, -1); /* never a wrong list */
    f->filling = was;
    for (size_t r = 0; labels && r < n; r++)
        free(labels[r]);
    free(labels);
    return st == KA_ERR_NOMEM ? st : KA_OK;
}

ka_status ka_form_show(ka_form *f)
{
    ka_status first = KA_OK;
    f->filling = true;
    f->problem[0] = '\0'; /* a refusal concerned what was shown before */
    for (size_t i = 0; i < ka_form_section_count(); i++) {
        const ka_dossier_section_def *sec = ka_dossier_section_at(i);
        if (sec->record) {
            size_t n = 0;
            ka_dossier_record_count(f->work, sec->key, &n);
            f->record[i] = n ? 0 : -1;
            keep_first(&first, ka_form_show_records(f, i));
            keep_first(&first, ka_form_show_record(f, i));
            continue;
        }
        for (size_t k = 0; k < sec->nfields; k++) {
            const ka_dossier_field_def *fd = &sec->fields[k];
            const char *v = "";
            if (!editable(fd))
                continue;
            ka_dossier_get(f->work, fd->key, &v);
            if (show_field(f, sec, fd, v) == KA_ERR_NOMEM)
                keep_first(&first, KA_ERR_NOMEM);
        }
    }
    f->filling = false;
    return first;
}

/* Appends a refusal to a message buffer: the core's reason, which names
 * the field by its label in the form's language, else "label: invalid". */
static void note_problem(const ka_form *f, char *msg, size_t size, const char *label,
                         const char *reason)
{
    size_t len = strlen(msg);
    if (reason)
        snprintf(msg + len, size - len, "%s%s", len ? "; " : "", reason);
    else
        snprintf(msg + len, size - len, "%s%s: %s", len ? "; " : "", label,
                 ka_msg(f->lang, KA_MSG_REASON_INVALID));
}

/* Copies one control into its field of f->work (record r of a record
 * section).  A refusal is noted in msg and gives KA_ERR_ARG with *fatal
 * false; a control that cannot be read stops the copy (*fatal true). */
static ka_status read_field(ka_form *f, const ka_dossier_section_def *sec,
                            const ka_dossier_field_def *fd, long r, char *msg, size_t size,
                            bool *fatal)
{
    char *v = NULL, *reason = NULL;
    ka_status st = field_text(f, sec, fd, &v);
    *fatal = st != KA_OK;
    if (st != KA_OK) {
        snprintf(msg, size,
                 ka_msg(f->lang, st == KA_ERR_NOMEM ? KA_MSG_FIELD_UNREADABLE_NOMEM
                                                    : KA_MSG_FIELD_UNREADABLE),
                 ka_tr_field(f->lang, sec, fd, false));
        return st;
    }
    const char *value = v;
    char iso[11];
    if (fd->kind == KA_DOSSIER_DATE && *v) {
        if (ka_date_parse_local(&f->date, v, iso) != KA_OK) {
            char example[32], why[200], full[400];
            ka_date_format_local(&f->date, "2026-03-15", example, sizeof example);
            snprintf(why, sizeof why, ka_msg(f->lang, KA_MSG_REASON_LOCAL_DATE), example,
                     "2026-03-15");
            snprintf(full, sizeof full, ka_msg(f->lang, KA_MSG_REASON_FIELD),
                     ka_tr_field(f->lang, sec, fd, false), why);
            note_problem(f, msg, size, NULL, full);
            free(v);
            return KA_ERR_ARG;
        }
        value = iso;
    }
    st = sec->record
             ? ka_dossier_record_set(f->work, sec->key, (size_t)r, fd->key, value, f->lang, &reason)
             : ka_dossier_set(f->work, fd->key, value, f->lang, &reason);
    *fatal = st == KA_ERR_NOMEM;
    if (st == KA_ERR_NOMEM) {
        snprintf(msg, size, "%s", ka_msg(f->lang, KA_MSG_REASON_NOMEM));
    } else if (st != KA_OK) {
        size_t before = strlen(msg);
        note_problem(f, msg, size, ka_tr_field(f->lang, sec, fd, false), reason);
        if (!f->problem[0]) { /* the message goes under the first field refused */
            char name[128];
            ka_form_field_name(name, sizeof name, sec, fd);
            if (fd->kind == KA_DOSSIER_ENUM_LIST)
                ka_form_choice_name(name, sizeof name, sec, fd, fd->values);
            snprintf(f->problem, sizeof f->problem, "%s", name);
            snprintf(f->problem_text, sizeof f->problem_text, "%s",
                     msg + before + (before ? 2 : 0)); /* after the "; " */
        }
    }
    free(reason);
    free(v);
    return st;
}

/* Copies the fields of section i (record r) into f->work; *fatal as for
 * read_field. */
static ka_status read_section(ka_form *f, size_t i, long r, char *msg, size_t size, bool *fatal)
{
    const ka_dossier_section_def *sec = ka_dossier_section_at(i);
    ka_status first = KA_OK;
    for (size_t k = 0; k < sec->nfields; k++) {
        if (!editable(&sec->fields[k]))
            continue;
        ka_status st = read_field(f, sec, &sec->fields[k], r, msg, size, fatal);
        if (*fatal)
            return st;
        keep_first(&first, st);
    }
    return first;
}

ka_status ka_form_read_record(ka_form *f, size_t i, char *msg, size_t size)
{
    bool fatal = false;
    ka_status st = f->record[i] < 0 ? KA_OK : read_section(f, i, f->record[i], msg, size, &fatal);
    f->problem[0] = '\0'; /* its fields show another record next: the status line says it */
    return st;
}

ka_status ka_form_record_edited(ka_form *f, size_t i)
{
    char msg[600] = "", keep[sizeof f->problem];
    snprintf(keep, sizeof keep, "%s", f->problem); /* typing is no new refusal */
    ka_status st = ka_form_read_record(f, i, msg, sizeof msg);
    snprintf(f->problem, sizeof f->problem, "%s", keep);
    if (st == KA_ERR_NOMEM)
        return st;
    return ka_form_show_records(f, i);
}

ka_status ka_form_read(ka_form *f, char *msg, size_t size)
{
    ka_status first = KA_OK;
    f->problem[0] = '\0';
    for (size_t i = 0; i < ka_form_section_count(); i++) {
        const ka_dossier_section_def *sec = ka_dossier_section_at(i);
        if (sec->record && f->record[i] < 0)
            continue;
        bool fatal = false;
        ka_status st = read_section(f, i, sec->record ? f->record[i] : -1, msg, size, &fatal);
        if (fatal)
            return st;
        keep_first(&first, st);
    }
    f->focus_problem = f->problem[0] != '\0';
    ka_control_set_text(f->container, KA_FORM_MESSAGE, f->problem_text);
    return first;
}

void ka_form_set_status(ka_form *f, const char *text)
{
    ka_control_set_text(f->container, KA_FORM_STATUS, text);
}

size_t ka_form_handler_names(char (*names)[KA_FORM_NAME_MAX], size_t max)
{
    static const char *const fixed[] = {KA_FORM_ON_FILTER, KA_FORM_ON_SELECT_CLIENT, KA_FORM_ON_NEW,
                                        KA_FORM_ON_SAVE, KA_FORM_ON_DELETE};
    static const char *const per_record[] = {KA_FORM_ON_SELECT_RECORD, KA_FORM_ON_ADD_RECORD,
                                             KA_FORM_ON_REMOVE_RECORD, KA_FORM_ON_EDIT_RECORD};
    size_t n = 0;
    for (size_t i = 0; i < sizeof fixed / sizeof *fixed && n < max; i++)
        snprintf(names[n++], KA_FORM_NAME_MAX, "%s", fixed[i]);
    for (size_t i = 0; i < ka_form_section_count(); i++) {
        const ka_dossier_section_def *sec = ka_dossier_section_at(i);
        for (size_t v = 0; sec->record && v < 4 && n < max; v++)
            snprintf(names[n++], KA_FORM_NAME_MAX, "%s%s", per_record[v], sec->key);
    }
    return n;
}

long ka_form_record_section(const char *method, const char *prefix)
{
    size_t n = strlen(prefix);
    if (strncmp(method, prefix, n) != 0)
        return -1;
    for (size_t i = 0; i < ka_form_section_count(); i++) {
        const ka_dossier_section_def *sec = ka_dossier_section_at(i);
        if (sec->record && strcmp(sec->key, method + n) == 0)
            return (long)i;
    }
    return -1;
}
