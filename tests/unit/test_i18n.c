/* test_i18n.c - the languages, the best match and the lookup in the
 * compiled catalogs (src/ka_i18n.c, build/gen/ka_translations.c), without
 * an office: whatever po/LINGUAS holds, every compiled translation is found
 * by its place and its English, and nothing else is. */
#include "ka_test.h"

#include "ka_i18n.h"

#include <stdbool.h>
#include <string.h>

static void test_match_best_first(void **state)
{
    assert_string_equal(ka_i18n_match("lv-LV"), "lv");
    assert_string_equal(ka_i18n_match("lv_LV"), "lv");
    assert_string_equal(ka_i18n_match("LV"), "lv");
    assert_string_equal(ka_i18n_match("uk-UA"), "uk");
    assert_string_equal(ka_i18n_match("sl-SI"), "sl");
    assert_string_equal(ka_i18n_match("ro-RO"), "ro");
    assert_string_equal(ka_i18n_match("ro-MD"), "ro");
    assert_string_equal(ka_i18n_match("mo"), "ro");
    assert_string_equal(ka_i18n_match("fil-PH"), "tl");
    assert_string_equal(ka_i18n_match("tl"), "tl");
    assert_string_equal(ka_i18n_match("en-US"), "en");
}

static void test_match_falls_back_to_english(void **state)
{
    assert_string_equal(ka_i18n_match(NULL), "en");
    assert_string_equal(ka_i18n_match(""), "en");
    assert_string_equal(ka_i18n_match("de-DE"), "en");
    assert_string_equal(ka_i18n_match("l"), "en");   /* a prefix is no match */
    assert_string_equal(ka_i18n_match("lvx"), "en"); /* nor a longer tag */
    assert_string_equal(ka_i18n_match("-LV"), "en");
}

static void test_languages_table(void **state)
{
    assert_string_equal(ka_languages[0].code, "en");
    assert_int_equal(ka_language_count, 6);
    for (size_t i = 0; i < ka_language_count; i++) {
        assert_true(strlen(ka_languages[i].native) > 0);
        assert_string_equal(ka_i18n_match(ka_languages[i].code), ka_languages[i].code);
    }
    /* every compiled catalog is a language of the table */
    for (size_t c = 0; c < ka_catalog_count; c++) {
        bool known = false;
        for (size_t i = 0; i < ka_language_count; i++)
            known = known || strcmp(ka_languages[i].code, ka_catalogs[c].lang) == 0;
        if (!known)
            fail_msg("po/LINGUAS names %s, which ka_languages lacks", ka_catalogs[c].lang);
        assert_true(ka_i18n_has_catalog(ka_catalogs[c].lang));
    }
    assert_false(ka_i18n_has_catalog("en"));
    assert_false(ka_i18n_has_catalog(NULL));
}

static void test_every_compiled_entry_is_found(void **state)
{
    for (size_t c = 0; c < ka_catalog_count; c++) {
        const ka_catalog *cat = &ka_catalogs[c];
        for (size_t i = 0; i < cat->count; i++) {
            const ka_tr_entry *e = &cat->entries[i];
            if (i > 0 && strcmp(cat->entries[i - 1].context, e->context) >= 0)
                fail_msg("%s: catalog not sorted at %s", cat->lang, e->context);
            assert_true(*e->text);
            assert_ptr_equal(ka_tr(cat->lang, e->context, e->english), e->text);
        }
    }
}

static void test_stale_and_missing_give_english(void **state)
{
    const char *english = "No such text";
    assert_ptr_equal(ka_tr("lv", "no|such|place", english), english);
    assert_ptr_equal(ka_tr("xx", "msg|ready", english), english);
    assert_ptr_equal(ka_tr(NULL, "msg|ready", english), english);
    assert_null(ka_tr("lv", "msg|ready", NULL));
    for (size_t c = 0; c < ka_catalog_count; c++)
        for (size_t i = 0; i < ka_catalogs[c].count; i++) {
            /* a translation made for other English is not used */
            const ka_tr_entry *e = &ka_catalogs[c].entries[i];
            assert_ptr_equal(ka_tr(ka_catalogs[c].lang, e->context, english), english);
        }
}

static void test_english_is_the_tables(void **state)
{
    const ka_func_info *fn = ka_function_find("ABCCLASS");
    assert_ptr_equal(ka_tr_func(NULL, fn, KA_FUNC_SUMMARY), fn->summary);
    assert_ptr_equal(ka_tr_func("en", fn, KA_FUNC_ERRORS), fn->errors);
    assert_ptr_equal(ka_tr_func("en", fn, KA_FUNC_NOTES), fn->notes);
    assert_ptr_equal(ka_tr_arg("en", fn, &fn->args[0], false), fn->args[0].name);
    assert_ptr_equal(ka_tr_arg("en", fn, &fn->args[0], true), fn->args[0].help);
    const ka_dossier_section_def *sec = ka_dossier_section_at(0);
    assert_ptr_equal(ka_tr_section("en", sec, false), sec->label);
    assert_ptr_equal(ka_tr_field("en", sec, &sec->fields[0], true), sec->fields[0].help);
    for (size_t i = 0; i < KA_MSG_COUNT; i++) {
        assert_non_null(ka_messages[i].context);
        assert_non_null(ka_messages[i].text);
        assert_ptr_equal(ka_msg("en", (ka_msg_id)i), ka_messages[i].text);
    }
}

static void test_contexts(void **state)
{
    char buf[256];
    const ka_func_info *fn = ka_function_find("ABCCLASS");
    ka_i18n_ctx_func(buf, sizeof buf, fn, KA_FUNC_SUMMARY);
    assert_string_equal(buf, "ABCCLASS|summary");
    ka_i18n_ctx_func(buf, sizeof buf, fn, KA_FUNC_NOTES);
    assert_string_equal(buf, "ABCCLASS|notes");
    ka_i18n_ctx_arg(buf, sizeof buf, fn, &fn->args[2], true);
    assert_string_equal(buf, "ABCCLASS|arg|LimitA|help");
    const ka_dossier_section_def *people = ka_dossier_section_find("people");
    const ka_dossier_field_def *role = ka_dossier_section_field(people, "role");
    ka_i18n_ctx_field(buf, sizeof buf, people, role, false);
    assert_string_equal(buf, "field|people|role|label");
    ka_i18n_ctx_choice(buf, sizeof buf, people, role, &role->values[0]);
    assert_string_equal(buf, "field|people|role|value|decision-maker");
    ka_i18n_ctx_field(buf, sizeof buf, NULL, ka_dossier_derived_at(0), true);
    assert_string_equal(buf, "field|derived|people|help");
    ka_i18n_ctx_section(buf, sizeof buf, people, false);
    assert_string_equal(buf, "section|people|label");
}

/* Two places never share a context, so that a translation is found for
 * exactly one text. */
static void test_contexts_unique(void **state)
{
    size_t n = KA_MSG_COUNT;
    for (size_t i = 0; i < ka_function_count; i++)
        n += 3 + 2 * ka_functions[i].n_args;
    for (size_t i = 0; i < ka_dossier_section_count(); i++) {
        const ka_dossier_section_def *sec = ka_dossier_section_at(i);
        n += 2;
        for (size_t k = 0; k < sec->nfields; k++) {
            n += 2;
            for (const ka_dossier_enum_value *v = sec->fields[k].values; v && v->value; v++)
                n++;
        }
    }
    n += 2 * ka_dossier_derived_count();
    char(*all)[256] = calloc(n, sizeof *all);
    assert_non_null(all);
    size_t k = 0;
    for (size_t i = 0; i < KA_MSG_COUNT; i++)
        snprintf(all[k++], 256, "%s", ka_messages[i].context);
    for (size_t i = 0; i < ka_function_count; i++) {
        const ka_func_info *fn = &ka_functions[i];
        for (int w = 0; w < 3; w++)
            ka_i18n_ctx_func(all[k++], 256, fn, (ka_func_text)w);
        for (size_t a = 0; a < fn->n_args; a++) {
            ka_i18n_ctx_arg(all[k++], 256, fn, &fn->args[a], false);
            ka_i18n_ctx_arg(all[k++], 256, fn, &fn->args[a], true);
        }
    }
    for (size_t i = 0; i < ka_dossier_section_count(); i++) {
        const ka_dossier_section_def *sec = ka_dossier_section_at(i);
        ka_i18n_ctx_section(all[k++], 256, sec, false);
        ka_i18n_ctx_section(all[k++], 256, sec, true);
        for (size_t f = 0; f < sec->nfields; f++) {
            ka_i18n_ctx_field(all[k++], 256, sec, &sec->fields[f], false);
            ka_i18n_ctx_field(all[k++], 256, sec, &sec->fields[f], true);
            for (const ka_dossier_enum_value *v = sec->fields[f].values; v && v->value; v++)
                ka_i18n_ctx_choice(all[k++], 256, sec, &sec->fields[f], v);
        }
    }
    for (size_t i = 0; i < ka_dossier_derived_count(); i++) {
        ka_i18n_ctx_field(all[k++], 256, NULL, ka_dossier_derived_at(i), false);
        ka_i18n_ctx_field(all[k++], 256, NULL, ka_dossier_derived_at(i), true);
    }
    assert_int_equal(k, n);
    for (size_t i = 0; i < n; i++)
        for (size_t j = i + 1; j < n; j++)
            if (strcmp(all[i], all[j]) == 0)
                fail_msg("two texts share the context %s", all[i]);
    free(all);
}

int main(void)
{
    const struct CMUnitTest tests[] = {
        cmocka_unit_test(test_match_best_first),
        cmocka_unit_test(test_match_falls_back_to_english),
        cmocka_unit_test(test_languages_table),
        cmocka_unit_test(test_every_compiled_entry_is_found),
        cmocka_unit_test(test_stale_and_missing_give_english),
        cmocka_unit_test(test_english_is_the_tables),
        cmocka_unit_test(test_contexts),
        cmocka_unit_test(test_contexts_unique),
    };
    return cmocka_run_group_tests(tests, NULL, NULL);
}
