/* ka_language.h - the toolkit's language in this office: the user's option
 * (the extension's configuration, org.keyaccount.calc.Settings, written by
 * the options page), else the office's interface language, matched to a
 * language of the toolkit by ka_i18n_match.
 *
 * ctx is the component context (borrowed).  Every function reads or writes
 * the office's configuration: any thread (the configuration locks itself),
 * no lock of ours held. */
#ifndef KA_LANGUAGE_H
#define KA_LANGUAGE_H

#include "ka_status.h"
#include "ka_uno.h"

/* Where the option lives (registration/KeyAccountSettings.xcs). */
#define KA_LANGUAGE_OPTION "/org.keyaccount.calc.Settings/General/Language"
/* Where the office keeps the interface language it started with. */
#define KA_LANGUAGE_UI "/org.openoffice.Setup/L10N/ooLocale"
/* Tools > Options > Language Settings > Languages > Locale setting ("" for
 * the system's default). */
#define KA_LANGUAGE_LOCALE "/org.openoffice.Setup/L10N/ooSetupSystemLocale"

/* The option as stored: "" (follow the interface, also when it cannot be
 * read) or a language code.  malloc'ed, the caller free()s; NULL when out
 * of memory. */
char *ka_language_option(uno_Interface *ctx);

/* The language to speak: the option when it names a language of
 * ka_languages, else the interface's; ui_locale, when not NULL, is the
 * interface's locale as the caller already knows it (Calc's setLocale),
 * else it is read from the configuration.  A code of ka_languages (static
 * storage), "en" when nothing matches. */
const char *ka_language_current(uno_Interface *ctx, const char *ui_locale);

/* The locale whose date format the panel's date fields use: the office's
 * locale setting (KA_LANGUAGE_LOCALE), else, when it is the system's
 * default, the interface's locale, e.g. "lv-LV" or "en-US"; "" when neither
 * can be read.  malloc'ed, the caller free()s; NULL when out of memory. */
char *ka_language_date_locale(uno_Interface *ctx);

/* Stores the option ("" or a code of ka_languages) in the user's profile.
 * KA_ERR_ARG for another code or when the configuration refused,
 * KA_ERR_NOMEM. */
ka_status ka_language_set_option(uno_Interface *ctx, const char *code);

/* Makes Calc read the add-in's texts again (in the language now chosen)
 * for the next Function Wizard: a node is added to Calc's list of add-ins
 * described by configuration and removed at once, each change committed;
 * Calc forgets every add-in's texts on such a change and rebuilds its
 * function list, unless the Function Wizard is open just then (then at the
 * next change or start).  No node is left behind.  False when the
 * configuration refused. */
bool ka_language_notify_calc(uno_Interface *ctx);

#endif
