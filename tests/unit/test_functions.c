/* test_functions.c - sanity of the function table (src/ka_functions.c), in
 * the manner of Gnumeric's function sanity check: every record complete and
 * consistent.  That the examples evaluate is checked in a real Calc by
 * tests/e2e/test_examples.py. */
#include "ka_test.h"

#include "ka_dossier_fields.h"
#include "ka_functions.h"

#include <ctype.h>
#include <stdbool.h>
#include <string.h>

/* The generated ka_dispatch.h names every argument KA_<FUNCTION>_<ARGUMENT>
 * from its letters and digits upper-cased: those names must be unique. */
static void upper_ident(const char *s, char *out, size_t size)
{
    size_t k = 0;
    for (; *s && k + 1 < size; s++)
        if (isalnum((unsigned char)*s))
            out[k++] = (char)toupper((unsigned char)*s);
    out[k] = '\0';
}

static void test_argument_identifiers_unique(void **state)
{
    for (size_t i = 0; i < ka_function_count; i++) {
        const ka_func_info *fn = &ka_functions[i];
        for (size_t a = 0; a < fn->n_args; a++) {
            char x[64], y[64];
            upper_ident(fn->args[a].name, x, sizeof x);
            if (strcmp(x, "NARGS") == 0)
                fail_msg("%s: NARGS is the generated argument count", fn->name);
            for (size_t b = a + 1; b < fn->n_args; b++) {
                upper_ident(fn->args[b].name, y, sizeof y);
                if (strcmp(x, y) == 0)
                    fail_msg("%s: %s and %s give the same identifier", fn->name, fn->args[a].name,
                             fn->args[b].name);
            }
        }
    }
}

static void test_names_upper_case_and_unique(void **state)
{
    for (size_t i = 0; i < ka_function_count; i++) {
        const char *n = ka_functions[i].name;
        assert_true(strlen(n) > 0);
        for (const char *c = n; *c; c++)
            if (!isupper((unsigned char)*c))
                fail_msg("%s: not upper case", n);
        assert_ptr_equal(ka_function_find(n), &ka_functions[i]);
    }
    assert_null(ka_function_find("abcclass"));
    assert_null(ka_function_find("NOSUCH"));
}

static void test_texts_complete(void **state)
{
    for (size_t i = 0; i < ka_function_count; i++) {
        const ka_func_info *fn = &ka_functions[i];
        if (!fn->summary || strlen(fn->summary) < 20 || fn->summary[strlen(fn->summary) - 1] != '.')
            fail_msg("%s: summary missing or not a sentence", fn->name);
        if (fn->notes && fn->notes[strlen(fn->notes) - 1] != '.')
            fail_msg("%s: the notes must end a sentence", fn->name);
        if (!fn->errors || !strstr(fn->errors, "Err:502"))
            fail_msg("%s: the help must say when it gives Err:502", fn->name);
        if (!fn->example || !strstr(fn->example, fn->name))
            fail_msg("%s: the example must use the function", fn->name);
    }
}

static void test_arguments_consistent(void **state)
{
    for (size_t i = 0; i < ka_function_count; i++) {
        const ka_func_info *fn = &ka_functions[i];
        assert_true(fn->n_args >= 1 && fn->args != NULL);
        for (size_t a = 0; a < fn->n_args; a++) {
            const ka_arg_info *arg = &fn->args[a];
            if (!arg->name || !*arg->name || !isupper((unsigned char)arg->name[0]))
                fail_msg("%s: argument %zu needs a capitalised name", fn->name, a + 1);
            if (!arg->help || strlen(arg->help) < 10)
                fail_msg("%s: argument %s needs a description", fn->name, arg->name);
            for (size_t b = 0; b < a; b++)
                if (strcmp(fn->args[b].name, arg->name) == 0)
                    fail_msg("%s: two arguments named %s", fn->name, arg->name);
            if (arg->kind == KA_ARG_CALLER && a != 0)
                fail_msg("%s: the hidden caller argument must come first", fn->name);
            /* An optional argument may come before required ones (PERIODTOTALS' Amounts): Calc
             * passes void for it when it is left empty (;;), while a required value argument left
             * empty is refused by Calc itself (Err:502). */
            if (arg->kind == KA_ARG_OPTIONAL) {
                if (strncmp(arg->help, "Optional.", 9) != 0)
                    fail_msg("%s: %s's help must start with \"Optional.\"", fn->name, arg->name);
            }
        }
    }
}

/* DOSSIER's reference (its notes; the wizard's two lines of Field's help have no room for them)
 * lists exactly the field names DOSSIER() accepts: the simple fields of the dossier's sections
 * (not those of its record lists) and the computed ones, in the order of the field table. */
static void test_dossier_field_list(void **state)
{
    const ka_func_info *fn = ka_function_find("DOSSIER");
    assert_non_null(fn);
    assert_non_null(fn->notes);
    char want[1024] = "Field is one of: ";
    for (size_t i = 0; i < ka_dossier_section_count(); i++) {
        const ka_dossier_section_def *sec = ka_dossier_section_at(i);
        for (size_t f = 0; !sec->record && f < sec->nfields; f++) {
            strcat(want, sec->fields[f].key);
            strcat(want, ", ");
        }
    }
    strcpy(want + strlen(want) - 2, "; computed: ");
    for (size_t i = 0; i < ka_dossier_derived_count(); i++) {
        strcat(want, ka_dossier_derived_at(i)->key);
        strcat(want, i + 1 < ka_dossier_derived_count() ? ", " : " (");
    }
    if (strncmp(fn->notes, want, strlen(want)) != 0)
        fail_msg("DOSSIER's notes must start with \"%s\"", want);
}

/* Calc's Function Wizard marks an argument optional exactly when its type is
 * `any` (sc/source/core/tool/addincol.cxx), and so does its check of the
 * argument count: only KA_ARG_OPTIONAL may map to it. */
static void test_idl_types(void **state)
{
    assert_string_equal(ka_arg_kind_idl(KA_ARG_NUMBERS), "sequence< sequence< double > >");
    assert_string_equal(ka_arg_kind_idl(KA_ARG_CELLS), "sequence< sequence< any > >");
    assert_string_equal(ka_arg_kind_idl(KA_ARG_VALUE), "sequence< sequence< any > >");
    assert_string_equal(ka_arg_kind_idl(KA_ARG_OPTIONAL), "any");
    assert_string_equal(ka_arg_kind_idl(KA_ARG_TEXT), "string");
    assert_string_equal(ka_arg_kind_idl(KA_ARG_CALLER), "com::sun::star::beans::XPropertySet");
}

/* DOSSIER's reference names the code of every choice of the fields it returns
 * (the codes are the same in every language, so formulas compare them). */
static void test_dossier_help_names_codes(void **state)
{
    const ka_func_info *fn = ka_function_find("DOSSIER");
    assert_non_null(fn);
    for (size_t i = 0; i < ka_dossier_section_count(); i++) {
        const ka_dossier_section_def *sec = ka_dossier_section_at(i);
        for (size_t k = 0; !sec->record && k < sec->nfields; k++) {
            const ka_dossier_field_def *f = &sec->fields[k];
            char quoted[64];
            snprintf(quoted, sizeof quoted, "\"%s\"", f->key);
            if (f->values && !strstr(fn->notes, quoted))
                fail_msg("DOSSIER's help does not name the field %s", quoted);
            for (const ka_dossier_enum_value *v = f->values; v && v->value; v++)
                if (!strstr(fn->notes, v->value))
                    fail_msg("DOSSIER's help does not name the code %s of %s", v->value, f->key);
        }
    }
}

int main(void)
{
    const struct CMUnitTest tests[] = {
        cmocka_unit_test(test_argument_identifiers_unique),
        cmocka_unit_test(test_names_upper_case_and_unique),
        cmocka_unit_test(test_texts_complete),
        cmocka_unit_test(test_arguments_consistent),
        cmocka_unit_test(test_dossier_field_list),
        cmocka_unit_test(test_idl_types),
        cmocka_unit_test(test_dossier_help_names_codes),
    };
    return cmocka_run_group_tests(tests, NULL, NULL);
}
