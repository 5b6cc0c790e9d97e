/* ka_dates.c - dates in a locale's short format and in ISO 8601 (see
 * ka_dates.h). */
#include "ka_dates.h"

#include <ctype.h>
#include <stdio.h>
#include <string.h>

/* The short date formats of LibreOffice's locale data (i18npool's
 * FormatCode "DateFormatskey1"), by locale; a row without a region is the
 * language's default. */
static const struct {
    const char *locale;
    ka_date_format format;
} formats[] = {
    {"en-GB", {KA_DATE_DMY, '/'}}, {"en-IE", {KA_DATE_DMY, '/'}}, {"en-AU", {KA_DATE_DMY, '/'}},
    {"en-NZ", {KA_DATE_DMY, '/'}}, {"en-IN", {KA_DATE_DMY, '/'}}, {"en-CA", {KA_DATE_YMD, '-'}},
    {"en", {KA_DATE_MDY, '/'}},    {"fil", {KA_DATE_MDY, '/'}},   {"tl", {KA_DATE_MDY, '/'}},
    {"lv", {KA_DATE_DMY, '.'}},    {"uk", {KA_DATE_DMY, '.'}},    {"sl", {KA_DATE_DMY, '.'}},
    {"ro", {KA_DATE_DMY, '.'}},    {"ru", {KA_DATE_DMY, '.'}},    {"de", {KA_DATE_DMY, '.'}},
    {"pl", {KA_DATE_DMY, '.'}},    {"cs", {KA_DATE_DMY, '.'}},    {"sk", {KA_DATE_DMY, '.'}},
    {"et", {KA_DATE_DMY, '.'}},    {"fi", {KA_DATE_DMY, '.'}},    {"nb", {KA_DATE_DMY, '.'}},
    {"da", {KA_DATE_DMY, '-'}},    {"tr", {KA_DATE_DMY, '.'}},    {"hr", {KA_DATE_DMY, '.'}},
    {"sr", {KA_DATE_DMY, '.'}},    {"bg", {KA_DATE_DMY, '.'}},    {"fr", {KA_DATE_DMY, '/'}},
    {"es", {KA_DATE_DMY, '/'}},    {"it", {KA_DATE_DMY, '/'}},    {"pt", {KA_DATE_DMY, '/'}},
    {"el", {KA_DATE_DMY, '/'}},    {"nl", {KA_DATE_DMY, '-'}},    {"lt", {KA_DATE_YMD, '-'}},
    {"sv", {KA_DATE_YMD, '-'}},    {"hu", {KA_DATE_YMD, '.'}},    {"ja", {KA_DATE_YMD, '/'}},
    {"zh", {KA_DATE_YMD, '/'}},    {"ko", {KA_DATE_YMD, '-'}},
};

static const ka_date_format iso = {KA_DATE_YMD, '-'};

/* a and the first n bytes of b equal, '-' and '_' alike, ignoring case */
static bool tag_equal(const char *a, const char *b, size_t n)
{
    if (strlen(a) != n)
        return false;
    for (size_t i = 0; i < n; i++) {
        char x = a[i] == '_' ? '-' : a[i], y = b[i] == '_' ? '-' : b[i];
        if (tolower((unsigned char)x) != tolower((unsigned char)y))
            return false;
    }
    return true;
}

ka_date_format ka_date_format_of(const char *locale)
{
    if (!locale || !*locale)
        return iso;
    size_t whole = strlen(locale), lang = strcspn(locale, "-_");
    for (size_t i = 0; i < sizeof formats / sizeof *formats; i++)
        if (tag_equal(formats[i].locale, locale, whole))
            return formats[i].format;
    for (size_t i = 0; i < sizeof formats / sizeof *formats; i++)
        if (tag_equal(formats[i].locale, locale, lang))
            return formats[i].format;
    return iso;
}

bool ka_date_is_valid(int y, int m, int d)
{
    static const int mdays[] = {31, 28, 31, 30, 31, 30, 31, 31, 30, 31, 30, 31};
    if (y < 1 || y > 9999 || m < 1 || m > 12 || d < 1)
        return false;
    bool leap = (y % 4 == 0 && y % 100 != 0) || y % 400 == 0;
    return d <= mdays[m - 1] + (m == 2 && leap);
}

/* Reads a run of 1..4 digits at *p into *v and its length into *len;
 * false when there is none or it is longer. */
static bool digits(const char **p, int *v, int *len)
{
    *v = *len = 0;
    while (isdigit((unsigned char)**p)) {
        if (++*len > 4)
            return false;
        *v = *v * 10 + (*(*p)++ - '0');
    }
    return *len > 0;
}

ka_status ka_date_parse_local(const ka_date_format *f, const char *text, char iso_out[11])
{
    iso_out[0] = '\0';
    const char *p = text ? text : "";
    while (*p == ' ')
        p++;
    int v[3], len[3];
    char sep = 0;
    for (int i = 0; i < 3; i++) {
        if (!digits(&p, &v[i], &len[i]))
            return KA_ERR_ARG;
        if (i == 2)
            break;
        if (!strchr("./-", *p) || !*p || (sep && *p != sep))
            return KA_ERR_ARG;
        sep = *p++;
        while (*p == ' ')
            p++;
    }
    if (sep == '.' && *p == '.')
        p++;
    while (*p == ' ')
        p++;
    if (*p)
        return KA_ERR_ARG;
    int y, m, d;
    if (len[0] == 4 && len[1] <= 2 && len[2] <= 2) {
        y = v[0], m = v[1], d = v[2];
    } else if (len[2] == 4 && len[0] <= 2 && len[1] <= 2 && f->order != KA_DATE_YMD) {
        y = v[2];
        m = f->order == KA_DATE_DMY ? v[1] : v[0];
        d = f->order == KA_DATE_DMY ? v[0] : v[1];
    } else {
        return KA_ERR_ARG;
    }
    if (!ka_date_is_valid(y, m, d))
        return KA_ERR_ARG;
    snprintf(iso_out, 11, "%04d-%02d-%02d", y, m, d);
    return KA_OK;
}

void ka_date_format_local(const ka_date_format *f, const char *iso_in, char *buf, size_t size)
{
    char stored[11];
    int y, m, d;
    if (!iso_in || ka_date_parse_local(&iso, iso_in, stored) != KA_OK ||
        strcmp(stored, iso_in) != 0 || sscanf(iso_in, "%4d-%2d-%2d", &y, &m, &d) != 3) {
        snprintf(buf, size, "%s", iso_in ? iso_in : "");
        return;
    }
    if (f->order == KA_DATE_DMY)
        snprintf(buf, size, "%02d%c%02d%c%04d", d, f->sep, m, f->sep, y);
    else if (f->order == KA_DATE_MDY)
        snprintf(buf, size, "%02d%c%02d%c%04d", m, f->sep, d, f->sep, y);
    else
        snprintf(buf, size, "%04d%c%02d%c%02d", y, f->sep, m, f->sep, d);
}
