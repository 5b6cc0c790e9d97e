/* ka_i18n.c - languages, best match, and the lookup in the compiled
 * catalogs (see ka_i18n.h). */
#include "ka_i18n.h"

#include <ctype.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>

const ka_language ka_languages[] = {
    {"en", "English", ""},     {"lv", "Latviešu", ""}, {"uk", "Українська", ""},
    {"sl", "Slovenščina", ""}, {"ro", "Română", "mo"}, {"tl", "Filipino", "fil"},
};
const size_t ka_language_count = sizeof ka_languages / sizeof *ka_languages;

/* Case-insensitive equality of a and the first n bytes of b, '_' = '-'. */
static bool tag_equal(const char *a, const char *b, size_t n)
{
    for (size_t i = 0; i < n; i++) {
        char x = a[i] == '_' ? '-' : a[i], y = b[i] == '_' ? '-' : b[i];
        if (!x || tolower((unsigned char)x) != tolower((unsigned char)y))
            return false;
    }
    return a[n] == '\0';
}

/* Whether word (n bytes) is one of the space-separated words of list. */
static bool in_list(const char *list, const char *word, size_t n)
{
    while (*list) {
        size_t len = strcspn(list, " ");
        if (len == n) {
            size_t i = 0;
            while (i < n && tolower((unsigned char)list[i]) == tolower((unsigned char)word[i]))
                i++;
            if (i == n)
                return true;
        }
        list += len;
        list += strspn(list, " ");
    }
    return false;
}

const char *ka_i18n_match(const char *locale)
{
    if (!locale || !*locale)
        return ka_languages[0].code;
    size_t whole = strlen(locale);
    for (size_t i = 0; i < ka_language_count; i++)
        if (tag_equal(ka_languages[i].code, locale, whole))
            return ka_languages[i].code;
    size_t primary = strcspn(locale, "-_");
    for (size_t i = 0; i < ka_language_count; i++)
        if (tag_equal(ka_languages[i].code, locale, primary) ||
            in_list(ka_languages[i].aliases, locale, primary))
            return ka_languages[i].code;
    return ka_languages[0].code;
}

static const ka_catalog *catalog(const char *lang)
{
    for (size_t i = 0; lang && i < ka_catalog_count; i++)
        if (strcmp(ka_catalogs[i].lang, lang) == 0)
            return &ka_catalogs[i];
    return NULL;
}

bool ka_i18n_has_catalog(const char *lang)
{
    return catalog(lang) != NULL;
}

static int entry_compare(const void *key, const void *entry)
{
    return strcmp(key, ((const ka_tr_entry *)entry)->context);
}

const char *ka_tr(const char *lang, const char *context, const char *english)
{
    const ka_catalog *c = catalog(lang);
    if (!c || !context || !english)
        return english;
    const ka_tr_entry *e = bsearch(context, c->entries, c->count, sizeof *e, entry_compare);
    /* a translation made for other English is stale: the English is right */
    return e && strcmp(e->english, english) == 0 ? e->text : english;
}

/* ---- contexts ---- */

void ka_i18n_ctx_func(char *buf, size_t size, const ka_func_info *fn, ka_func_text what)
{
    static const char *const names[] = {"summary", "errors", "example", "notes"};
    snprintf(buf, size, "%s|%s", fn->name, names[what]);
}

void ka_i18n_ctx_arg(char *buf, size_t size, const ka_func_info *fn, const ka_arg_info *arg,
                     bool help)
{
    snprintf(buf, size, "%s|arg|%s|%s", fn->name, arg->name, help ? "help" : "name");
}

void ka_i18n_ctx_section(char *buf, size_t size, const ka_dossier_section_def *sec, bool help)
{
    snprintf(buf, size, "section|%s|%s", sec->key, help ? "help" : "label");
}

void ka_i18n_ctx_field(char *buf, size_t size, const ka_dossier_section_def *sec,
                       const ka_dossier_field_def *f, bool help)
{
    snprintf(buf, size, "field|%s|%s|%s", sec ? sec->key : "derived", f->key,
             help ? "help" : "label");
}

void ka_i18n_ctx_scale(char *buf, size_t size, const ka_dossier_section_def *sec,
                       const ka_dossier_field_def *f, bool high)
{
    snprintf(buf, size, "field|%s|%s|%s", sec ? sec->key : "derived", f->key,
             high ? "high" : "low");
}

void ka_i18n_ctx_choice(char *buf, size_t size, const ka_dossier_section_def *sec,
                        const ka_dossier_field_def *f, const ka_dossier_enum_value *v)
{
    snprintf(buf, size, "field|%s|%s|value|%s", sec ? sec->key : "derived", f->key, v->value);
}

/* ---- texts ---- */

#define KA_CTX_MAX 256

const char *ka_tr_func(const char *lang, const ka_func_info *fn, ka_func_text what)
{
    const char *english = what == KA_FUNC_SUMMARY  ? fn->summary
                          : what == KA_FUNC_ERRORS ? fn->errors
                          : what == KA_FUNC_NOTES  ? fn->notes
                                                   : fn->example;
    char ctx[KA_CTX_MAX];
    ka_i18n_ctx_func(ctx, sizeof ctx, fn, what);
    return ka_tr(lang, ctx, english);
}

const char *ka_tr_arg(const char *lang, const ka_func_info *fn, const ka_arg_info *arg, bool help)
{
    char ctx[KA_CTX_MAX];
    ka_i18n_ctx_arg(ctx, sizeof ctx, fn, arg, help);
    return ka_tr(lang, ctx, help ? arg->help : arg->name);
}

const char *ka_tr_section(const char *lang, const ka_dossier_section_def *sec, bool help)
{
    char ctx[KA_CTX_MAX];
    ka_i18n_ctx_section(ctx, sizeof ctx, sec, help);
    return ka_tr(lang, ctx, help ? sec->help : sec->label);
}

const char *ka_tr_field(const char *lang, const ka_dossier_section_def *sec,
                        const ka_dossier_field_def *f, bool help)
{
    char ctx[KA_CTX_MAX];
    ka_i18n_ctx_field(ctx, sizeof ctx, sec, f, help);
    return ka_tr(lang, ctx, help ? f->help : f->label);
}

const char *ka_tr_choice(const char *lang, const ka_dossier_section_def *sec,
                         const ka_dossier_field_def *f, const ka_dossier_enum_value *v)
{
    char ctx[KA_CTX_MAX];
    ka_i18n_ctx_choice(ctx, sizeof ctx, sec, f, v);
    return ka_tr(lang, ctx, v->label);
}

const char *ka_tr_scale(const char *lang, const ka_dossier_section_def *sec,
                        const ka_dossier_field_def *f, bool high)
{
    char ctx[KA_CTX_MAX];
    ka_i18n_ctx_scale(ctx, sizeof ctx, sec, f, high);
    return ka_tr(lang, ctx, high ? f->high : f->low);
}

const char *ka_msg(const char *lang, ka_msg_id id)
{
    return ka_tr(lang, ka_messages[id].context, ka_messages[id].text);
}
