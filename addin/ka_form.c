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

size_t ka_form_section_count(void)
{
    size_t n = ka_dossier_section_count();
    return n < KA_FORM_MAX_SECTIONS ? n : KA_FORM_MAX_SECTIONS;
}

void ka_form_field_name(char *buf, size_t size, const ka_dossier_section_def *sec,
                        const ka_dossier_field_def *fd)
{
    if (sec->record)
        snprintf(buf, size, KA_FORM_FIELD "%s_%s", sec->key, fd->key);
    else
        snprintf(buf, size, KA_FORM_FIELD "%s", fd->key);
}

/* Derived fields are computed, not typed: the form has no control for them. */
static bool editable(const ka_dossier_field_def *fd)
{
    return !(fd->flags & KA_DOSSIER_DERIVED);
}

/* A choice field's combo box lists the choices' displayed names
 * (DossierPanel-<lang>.xdl); the profile stores their codes. */

/* What the control of field fd shows for stored value v: a choice's
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

/* What to store for the text typed or picked into field fd: the code of
 * the choice whose displayed name it is (in the form's language or in
 * English), else the text itself (a code typed, or a refusal to report). */
static const char *stored_value(const ka_form *f, const ka_dossier_section_def *sec,
                                const ka_dossier_field_def *fd, const char *text)
{
    if (fd->kind != KA_DOSSIER_ENUM)
        return text;
    for (const ka_dossier_enum_value *c = fd->values; c && c->value; c++)
        if (strcmp(ka_tr_choice(f->lang, sec, fd, c), text) == 0 || strcmp(c->label, text) == 0)
            return c->value;
    return text;
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
    char name[128], shown[32];
    ka_status first = KA_OK;
    for (size_t k = 0; k < sec->nfields; k++) {
        const ka_dossier_field_def *fd = &sec->fields[k];
        const char *v = "";
        if (!editable(fd))
            continue;
        if (f->record[i] >= 0)
            ka_dossier_record_get(f->work, sec->key, (size_t)f->record[i], fd->key, &v);
        ka_form_field_name(name, sizeof name, sec, fd);
        if (ka_control_set_text(f->container, name,
                                shown_value(f, sec, fd, v, shown, sizeof shown)) == KA_ERR_NOMEM)
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
    char name[128], shown[32];
    ka_status first = KA_OK;
    f->filling = true;
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
            ka_form_field_name(name, sizeof name, sec, fd);
            if (ka_control_set_text(f->container, name,
                                    shown_value(f, sec, fd, v, shown, sizeof shown)) ==
                KA_ERR_NOMEM)
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
    char name[128];
    ka_form_field_name(name, sizeof name, sec, fd);
    char *v = NULL, *reason = NULL;
    ka_status st = ka_control_get_text(f->container, name, &v);
    *fatal = st != KA_OK;
    if (st != KA_OK) {
        snprintf(msg, size,
                 ka_msg(f->lang, st == KA_ERR_NOMEM ? KA_MSG_FIELD_UNREADABLE_NOMEM
                                                    : KA_MSG_FIELD_UNREADABLE),
                 ka_tr_field(f->lang, sec, fd, false));
        return st;
    }
    const char *value = stored_value(f, sec, fd, v);
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
    if (st == KA_ERR_NOMEM)
        snprintf(msg, size, "%s", ka_msg(f->lang, KA_MSG_REASON_NOMEM));
    else if (st != KA_OK)
        note_problem(f, msg, size, ka_tr_field(f->lang, sec, fd, false), reason);
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
    return f->record[i] < 0 ? KA_OK : read_section(f, i, f->record[i], msg, size, &fatal);
}

ka_status ka_form_read(ka_form *f, char *msg, size_t size)
{
    ka_status first = KA_OK;
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
                                             KA_FORM_ON_REMOVE_RECORD};
    size_t n = 0;
    for (size_t i = 0; i < sizeof fixed / sizeof *fixed && n < max; i++)
        snprintf(names[n++], KA_FORM_NAME_MAX, "%s", fixed[i]);
    for (size_t i = 0; i < ka_form_section_count(); i++) {
        const ka_dossier_section_def *sec = ka_dossier_section_at(i);
        for (size_t v = 0; sec->record && v < 3 && n < max; v++)
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
