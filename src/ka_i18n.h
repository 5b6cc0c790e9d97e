/* ka_i18n.h - the toolkit's languages and its translations, compiled in.
 *
 * The translations are data: po/<lang>.po for each language of po/LINGUAS,
 * turned into C tables by tools/po_tool.py at build time (build/gen/
 * ka_translations.c, not kept in the repository).  Every text is found by
 * its msgctxt, the name of its place (e.g. "ABCCLASS|arg|LimitA|help"),
 * built here and nowhere else: tools/ka_gen writes po/keyaccount.pot with
 * the same functions.  A text without a translation, or whose translation
 * was made for other English (the table changed since), is shown in
 * English.  Pure C, no global state but the constant tables: any thread. */
#ifndef KA_I18N_H
#define KA_I18N_H

#include "ka_dossier_fields.h"
#include "ka_functions.h"
#include "ka_messages.h"

#include <stdbool.h>
#include <stddef.h>

/* One language the toolkit speaks. */
typedef struct ka_language {
    const char *code;    /* "lv": the .po file's name, what ka_tr takes */
    const char *native;  /* its name in itself, for the options page, e.g. "Latviešu" */
    const char *aliases; /* other primary subtags LibreOffice uses for it, space-separated */
} ka_language;

/* The languages, English first; ka_language_count entries.  Static storage. */
extern const ka_language ka_languages[];
extern const size_t ka_language_count;

/* The language for a locale: a BCP 47 tag or a LibreOffice locale ("lv-LV",
 * "lv_LV", "uk", "fil-PH"), matched first whole, then by its primary
 * subtag, case-insensitive.  Returns a code of ka_languages (static
 * storage), "en" for NULL, "" and every locale the toolkit does not speak. */
const char *ka_i18n_match(const char *locale);

/* True when the build holds translations for language code lang (one of
 * po/LINGUAS). */
bool ka_i18n_has_catalog(const char *lang);

/* The text of place context in language lang (a code of ka_languages, or
 * NULL for English), where english is the source text: its translation,
 * or english itself when there is none.  Never NULL for a non-NULL
 * english; static storage (or english). */
const char *ka_tr(const char *lang, const char *context, const char *english);

/* ---- the msgctxt of every place, written into buf (truncated to size) ---- */

/* What of a function: its summary, its errors, its example, its notes. */
typedef enum ka_func_text {
    KA_FUNC_SUMMARY,
    KA_FUNC_ERRORS,
    KA_FUNC_EXAMPLE,
    KA_FUNC_NOTES
} ka_func_text;

/* "<FUNCTION>|summary", "|errors", "|example", "|notes". */
void ka_i18n_ctx_func(char *buf, size_t size, const ka_func_info *fn, ka_func_text what);
/* "<FUNCTION>|arg|<Arg>|name" or "...|help". */
void ka_i18n_ctx_arg(char *buf, size_t size, const ka_func_info *fn, const ka_arg_info *arg,
                     bool help);
/* "section|<section>|label" or "...|help". */
void ka_i18n_ctx_section(char *buf, size_t size, const ka_dossier_section_def *sec, bool help);
/* "field|<section>|<field>|label" or "...|help"; sec NULL for a derived
 * DOSSIER() field: "field|derived|<field>|...". */
void ka_i18n_ctx_field(char *buf, size_t size, const ka_dossier_section_def *sec,
                       const ka_dossier_field_def *f, bool help);
/* "field|<section>|<field>|low" or "...|high": what a scale's lowest or highest value means. */
void ka_i18n_ctx_scale(char *buf, size_t size, const ka_dossier_section_def *sec,
                       const ka_dossier_field_def *f, bool high);
/* "field|<section>|<field>|value|<code>": the displayed name of a choice. */
void ka_i18n_ctx_choice(char *buf, size_t size, const ka_dossier_section_def *sec,
                        const ka_dossier_field_def *f, const ka_dossier_enum_value *v);

/* ---- the texts themselves, in language lang (NULL: English) ---- */

const char *ka_tr_func(const char *lang, const ka_func_info *fn, ka_func_text what);
/* An argument's display name (help false) or its description. */
const char *ka_tr_arg(const char *lang, const ka_func_info *fn, const ka_arg_info *arg, bool help);
/* A section's heading (help false) or its description. */
const char *ka_tr_section(const char *lang, const ka_dossier_section_def *sec, bool help);
/* A field's label (help false) or tooltip; sec NULL for a derived field. */
const char *ka_tr_field(const char *lang, const ka_dossier_section_def *sec,
                        const ka_dossier_field_def *f, bool help);
/* The displayed name of a choice of an enumerated field. */
const char *ka_tr_choice(const char *lang, const ka_dossier_section_def *sec,
                         const ka_dossier_field_def *f, const ka_dossier_enum_value *v);
/* What the lowest (high false) or highest value of a scale field means (f->low, f->high). */
const char *ka_tr_scale(const char *lang, const ka_dossier_section_def *sec,
                        const ka_dossier_field_def *f, bool high);
/* A message of ka_messages (a printf format where its English is one). */
const char *ka_msg(const char *lang, ka_msg_id id);

/* ---- the compiled catalogs (build/gen/ka_translations.c) ---- */

/* One translated text. */
typedef struct ka_tr_entry {
    const char *context; /* msgctxt */
    const char *english; /* the msgid it was made for */
    const char *text;    /* msgstr, never empty */
} ka_tr_entry;

/* The translations of one language, sorted by context (strcmp). */
typedef struct ka_catalog {
    const char *lang;
    const ka_tr_entry *entries;
    size_t count;
} ka_catalog;

extern const ka_catalog ka_catalogs[];
extern const size_t ka_catalog_count;

#endif
