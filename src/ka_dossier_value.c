/* ka_dossier_value.c - checking one value against its field's kind: free text (UTF-8 of
 * characters XML allows), whole numbers, amounts, currencies, dates, enumerated values and lists of
 * them, and the canonical form a value is stored in.  No model, no XML.  The checks agree with the
 * datatypes of src/ka_dossier.rng (tests/unit/test_dossier.c compares them). */
#include <stdarg.h>
#include <stdint.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>

#include "ka_dates.h"
#include "ka_dossier.h"
#include "ka_dossier_private.h"
#include "ka_i18n.h"

/* The printf of fmt and ap into a new malloc'ed string; NULL when out of memory. */
static char *ka_dossier_vformat(const char *fmt, va_list ap)
{
    va_list again;
    va_copy(again, ap);
    int n = vsnprintf(NULL, 0, fmt, ap);
    char *s = n < 0 ? NULL : malloc((size_t)n + 1);
    if (s)
        vsnprintf(s, (size_t)n + 1, fmt, again);
    va_end(again);
    return s;
}

char *ka_dossier_format(const char *fmt, ...)
{
    va_list ap;
    va_start(ap, fmt);
    char *s = ka_dossier_vformat(fmt, ap);
    va_end(ap);
    return s;
}

char *ka_dossier_reason(const char *lang, ka_msg_id id, ...)
{
    /* The format is the table's English or a translation whose placeholders
     * tools/po_tool.py checked against it (others are left out of the build). */
    va_list ap;
    va_start(ap, id);
    char *s = ka_dossier_vformat(ka_msg(lang, id), ap);
    va_end(ap);
    return s;
}

void ka_dossier_give_reason(char **reason, char *text)
{
    if (reason && !*reason)
        *reason = text;
    else
        free(text);
}

/* Days since 1970-01-01 of a valid date (proleptic Gregorian). */
static long days_from_civil(int y, int m, int d)
{
    y -= m <= 2;
    long era = (y >= 0 ? y : y - 399) / 400;
    long yoe = y - era * 400;
    long doy = (153L * (m + (m > 2 ? -3 : 9)) + 2) / 5 + d - 1;
    long doe = yoe * 365 + yoe / 4 - yoe / 100 + doy;
    return era * 146097 + doe - 719468;
}

bool ka_dossier_date_parse(const char *s, long *days)
{
    if (!s || strlen(s) != 10 || s[4] != '-' || s[7] != '-')
        return 0;
    for (int i = 0; i < 10; i++)
        if (i != 4 && i != 7 && (s[i] < '0' || s[i] > '9'))
            return 0;
    int y = (s[0] - '0') * 1000 + (s[1] - '0') * 100 + (s[2] - '0') * 10 + (s[3] - '0');
    int m = (s[5] - '0') * 10 + (s[6] - '0');
    int d = (s[8] - '0') * 10 + (s[9] - '0');
    if (!ka_date_is_valid(y, m, d))
        return 0;
    if (days)
        *days = days_from_civil(y, m, d);
    return 1;
}

size_t ka_dossier_utf8_next(const unsigned char *p, size_t avail, uint32_t *c)
{
    size_t n;
    if (p[0] < 0x80) {
        *c = p[0];
        return 1;
    } else if (p[0] >= 0xC2 && p[0] <= 0xDF) {
        *c = p[0] & 0x1Fu;
        n = 2;
    } else if (p[0] >= 0xE0 && p[0] <= 0xEF) {
        *c = p[0] & 0x0Fu;
        n = 3;
    } else if (p[0] >= 0xF0 && p[0] <= 0xF4) {
        *c = p[0] & 0x07u;
        n = 4;
    } else {
        return 0;
    }
    if (avail < n)
        return 0;
    for (size_t i = 1; i < n; i++) {
        if ((p[i] & 0xC0) != 0x80)
            return 0;
        *c = (*c << 6) | (p[i] & 0x3Fu);
    }
    if ((n == 3 && *c < 0x800) || (n == 4 && (*c < 0x10000 || *c > 0x10FFFF)) ||
        (*c >= 0xD800 && *c <= 0xDFFF))
        return 0;
    return n;
}

/* Checks that s is UTF-8 of characters XML allows (tab, newline, carriage return, U+0020 and
 * above except surrogates, U+FFFE and U+FFFF).  Returns NULL when it is, else a malloc'ed reason
 * (or NULL when out of memory, with *nomem set). */
static char *text_problem(const char *s, const char *lang, int *nomem)
{
    const unsigned char *p = (const unsigned char *)s;
    size_t len = strlen(s);
    char *r = NULL;
    int bad = 0;
    for (size_t i = 0; i < len && !bad;) {
        uint32_t c;
        size_t n = ka_dossier_utf8_next(p + i, len - i, &c);
        if (!n) {
            bad = 1;
            r = ka_dossier_reason(lang, KA_MSG_REASON_UTF8, i + 1);
        } else if ((c < 0x20 && c != 0x9 && c != 0xA && c != 0xD) || c == 0xFFFE || c == 0xFFFF) {
            bad = 1;
            r = ka_dossier_reason(lang, KA_MSG_REASON_CHARACTER, (unsigned)c);
        }
        i += n;
    }
    *nomem = bad && !r;
    return r;
}

bool ka_dossier_is_xml_space(char c)
{
    return c == ' ' || c == '\t' || c == '\n' || c == '\r';
}

const char *ka_dossier_enum_find(const ka_dossier_enum_value *values, const char *v, size_t len)
{
    for (const ka_dossier_enum_value *e = values; e->value; e++)
        if (strlen(e->value) == len && memcmp(e->value, v, len) == 0)
            return e->value;
    return NULL;
}

/* "a, b, c" from a value table, for reasons.  malloc'ed, NULL when out of memory. */
static char *enum_choices(const ka_dossier_enum_value *values)
{
    size_t n = 1;
    for (const ka_dossier_enum_value *e = values; e->value; e++)
        n += strlen(e->value) + 2;
    char *s = malloc(n);
    if (!s)
        return NULL;
    s[0] = '\0';
    for (const ka_dossier_enum_value *e = values; e->value; e++) {
        if (e != values)
            strcat(s, ", ");
        strcat(s, e->value);
    }
    return s;
}

static char *enum_reason(const ka_dossier_enum_value *values, const char *lang, ka_msg_id id)
{
    char *choices = enum_choices(values);
    char *r = choices ? ka_dossier_reason(lang, id, choices) : NULL;
    free(choices);
    return r;
}

/* Checks an ENUM_LIST value and writes its canonical form (values joined by ", ") to *canon
 * (malloc'ed).  Returns NULL when valid, else a malloc'ed reason. */
static char *enum_list_canonical(const ka_dossier_field_def *f, const char *v, const char *lang,
                                 char **canon, int *nomem)
{
    const char *chosen[32];
    size_t nchosen = 0, total = 1;
    const char *p = v;
    for (;;) {
        while (ka_dossier_is_xml_space(*p))
            p++;
        const char *end = p;
        while (*end && *end != ',')
            end++;
        const char *last = end;
        while (last > p && ka_dossier_is_xml_space(last[-1]))
            last--;
        const char *value =
            last > p ? ka_dossier_enum_find(f->values, p, (size_t)(last - p)) : NULL;
        int twice = 0;
        for (size_t i = 0; value && i < nchosen; i++)
            twice |= chosen[i] == value;
        char *r = NULL;
        if (last == p)
            r = ka_dossier_reason(lang, KA_MSG_REASON_EMPTY_ITEM);
        else if (!value)
            r = enum_reason(f->values, lang, KA_MSG_REASON_ITEMS);
        else if (twice)
            r = ka_dossier_reason(lang, KA_MSG_REASON_TWICE, value);
        else if (nchosen == KA_COUNT(chosen))
            r = ka_dossier_reason(lang, KA_MSG_REASON_TOO_MANY);
        if (last == p || !value || twice || nchosen == KA_COUNT(chosen)) {
            *nomem = !r;
            return r;
        }
        chosen[nchosen++] = value;
        total += strlen(value) + 2;
        if (!*end)
            break;
        p = end + 1;
    }
    char *s = malloc(total);
    if (!s) {
        *nomem = 1;
        return NULL;
    }
    s[0] = '\0';
    for (size_t i = 0; i < nchosen; i++) {
        if (i)
            strcat(s, ", ");
        strcat(s, chosen[i]);
    }
    if (canon)
        *canon = s;
    else
        free(s);
    return NULL;
}

/* Checks a non-empty value against a field's kind.  On success returns NULL and, when canon is
 * not NULL, stores the value to keep (malloc'ed) in *canon.  On failure returns a malloc'ed
 * reason in language lang that reads after the field's name, e.g. "must be a date YYYY-MM-DD";
 * when memory runs out returns NULL with *nomem set. */
static char *value_problem(const ka_dossier_field_def *f, const char *v, const char *lang,
                           char **canon, int *nomem)
{
    char *r = NULL;
    int bad = 0;
    *nomem = 0;
    switch (f->kind) {
    case KA_DOSSIER_TEXT:
    case KA_DOSSIER_LONG_TEXT:
        r = text_problem(v, lang, nomem);
        bad = r || *nomem;
        break;
    case KA_DOSSIER_INTEGER: {
        size_t n = strlen(v);
        long long x = -1;
        if (n >= 1 && n <= 12 && strspn(v, "0123456789") == n && (v[0] != '0' || n == 1))
            x = atoll(v);
        bad = x < f->min || x > f->max;
        if (bad)
            r = ka_dossier_reason(lang, KA_MSG_REASON_INTEGER, f->min, f->max);
        break;
    }
    case KA_DOSSIER_DECIMAL: {
        const char *p = v + (*v == '-');
        size_t ip = strspn(p, "0123456789"), fp = 0;
        bad = ip < 1 || ip > 15;
        if (!bad && p[ip] == '.') {
            fp = strspn(p + ip + 1, "0123456789");
            bad = fp < 1 || fp > 6 || p[ip + 1 + fp] != '\0';
        } else if (!bad) {
            bad = p[ip] != '\0';
        }
        if (bad)
            r = ka_dossier_reason(lang, KA_MSG_REASON_AMOUNT);
        break;
    }
    case KA_DOSSIER_CURRENCY:
        bad = strlen(v) != 3 || strspn(v, "ABCDEFGHIJKLMNOPQRSTUVWXYZ") != 3;
        if (bad)
            r = ka_dossier_reason(lang, KA_MSG_REASON_CURRENCY);
        break;
    case KA_DOSSIER_DATE:
        bad = !ka_dossier_date_parse(v, NULL);
        if (bad)
            r = ka_dossier_reason(lang, KA_MSG_REASON_DATE);
        break;
    case KA_DOSSIER_ENUM:
        bad = !ka_dossier_enum_find(f->values, v, strlen(v));
        if (bad)
            r = enum_reason(f->values, lang, KA_MSG_REASON_CHOICE);
        break;
    case KA_DOSSIER_ENUM_LIST:
        /* Makes the canonical form itself. */
        r = enum_list_canonical(f, v, lang, canon, nomem);
        return r;
    }
    if (bad) {
        *nomem = !r;
        return r;
    }
    if (canon) {
        *canon = strdup(v);
        *nomem = !*canon;
    }
    return NULL;
}

/* The section of field f of the tables, or NULL for a derived field. */
static const ka_dossier_section_def *field_section(const ka_dossier_field_def *f)
{
    for (size_t s = 0; s < KA_DOSSIER_NSECTIONS; s++) {
        const ka_dossier_section_def *sec = &ka_dossier_sections[s];
        if (f >= sec->fields && f < sec->fields + sec->nfields)
            return sec;
    }
    return NULL;
}

ka_status ka_dossier_check(const ka_dossier_field_def *field, const char *value, const char *lang,
                           char **reason)
{
    if (reason)
        *reason = NULL;
    if (!field)
        return KA_ERR_ARG;
    if (field->flags & KA_DOSSIER_DERIVED) {
        /* a derived field is known by its DOSSIER() key only */
        ka_dossier_give_reason(reason, ka_dossier_reason(lang, KA_MSG_REASON_COMPUTED, field->key));
        return KA_ERR_ARG;
    }
    const char *label = ka_tr_field(lang, field_section(field), field, false);
    if (!value || !*value) {
        if (!(field->flags & KA_DOSSIER_REQUIRED))
            return KA_OK;
        ka_dossier_give_reason(reason, ka_dossier_reason(lang, KA_MSG_REASON_REQUIRED, label));
        return KA_ERR_ARG;
    }
    int nomem;
    char *r = value_problem(field, value, lang, NULL, &nomem);
    if (nomem)
        return KA_ERR_NOMEM;
    if (!r)
        return KA_OK;
    ka_dossier_give_reason(reason, ka_dossier_reason(lang, KA_MSG_REASON_FIELD, label, r));
    free(r);
    return KA_ERR_ARG;
}

ka_status ka_dossier_slot_set(char **slot, const ka_dossier_field_def *f, const char *value,
                              const char *lang, char **problem)
{
    char *canon = NULL;
    *problem = NULL;
    if (value && *value) {
        int nomem;
        *problem = value_problem(f, value, lang, &canon, &nomem);
        if (nomem)
            return KA_ERR_NOMEM;
        if (*problem)
            return KA_ERR_ARG;
    }
    free(*slot);
    *slot = canon;
    return KA_OK;
}
