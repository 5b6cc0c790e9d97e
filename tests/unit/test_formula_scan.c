/* test_formula_scan.c - which formulas call the toolkit (src/ka_formula_scan.c):
 * the texts are as Calc's XCell.getFormula gives them (measured in 7.4). */
#include "ka_test.h"

#include "ka_formula_scan.h"

#include <stdbool.h>
#include <string.h>

#define SERVICE "org.keyaccount.calc.KeyAccount"

static bool calls(const char *formula)
{
    return ka_formula_calls_toolkit(formula, strlen(formula), SERVICE);
}

static void test_qualified_single_and_array(void **state)
{
    assert_true(calls("=ORG.KEYACCOUNT.CALC.KEYACCOUNT.ABCCLASS(A1;A1:A4)"));
    assert_true(calls("{=ORG.KEYACCOUNT.CALC.KEYACCOUNT.ABCCLASS(A1:A4;A1:A4)}"));
    assert_true(calls("=1+org.keyaccount.calc.KeyAccount.Concentration($Sheet1.B2:B9;\"HHI\")"));
}

static void test_plain_names_and_spaces(void **state)
{
    assert_true(calls("=ABCCLASS(A1;A1:A4)"));
    assert_true(calls("=IF(A1>0; xyzclass (B1:M1); \"\")"));
}

static void test_nested_inside_native_functions(void **state)
{
    assert_true(calls("=IFERROR(ORG.KEYACCOUNT.CALC.KEYACCOUNT.CHURNRISK(B2;C2;D2;$F$1:$F$4);0)"));
}

static void test_not_a_call(void **state)
{
    assert_false(calls("=SUM(A1:A4)"));
    assert_false(calls("=IF(1;\"ABCCLASS(\";1)+SUM(A1:A4)")); /* a string */
    assert_false(calls("=IF(1;\"a\"\"ABCCLASS(\";1)"));       /* a doubled quote inside it */
    assert_false(calls("='ABCCLASS('.A1+1"));                 /* a quoted sheet name */
    assert_false(calls("=XABCCLASS(A1)+ABCCLASSX(A1)"));      /* other names */
    assert_false(calls("=ABCCLASS+1"));                       /* a named range */
    assert_false(calls("=COM.SUN.STAR.SHEET.ADDIN.ANALYSIS.GETEOMONTH(A1;1)"));
    assert_false(calls("=OTHER.ADDIN.ABCCLASS(A1)")); /* another add-in's function */
    assert_false(calls(""));
    assert_false(ka_formula_calls_toolkit(NULL, 0, SERVICE));
}

static void test_length_is_respected(void **state)
{
    const char *f = "=SUM(A1)+ABCCLASS(A1;A1:A4)";
    assert_false(ka_formula_calls_toolkit(f, 9, SERVICE)); /* "=SUM(A1)+" only */
    assert_true(ka_formula_calls_toolkit(f, strlen(f), SERVICE));
    assert_false(calls("=\"unterminated ABCCLASS("));
}

static void test_first_call_and_its_arguments(void **state)
{
    const char *f = "=IFERROR(ORG.KEYACCOUNT.CALC.KEYACCOUNT.CHURNRISK(B2; C2 ;D2;"
                    "IF(1;\"a;b\";{1;2}));0)";
    size_t open = 0, spans[8][2];
    const ka_func_info *fn = ka_formula_first_call(f, strlen(f), SERVICE, &open);
    assert_non_null(fn);
    assert_string_equal(fn->name, "CHURNRISK");
    assert_int_equal(f[open], '(');
    assert_int_equal(ka_formula_call_args(f, strlen(f), open, spans, 8), 4);
    const char *want[] = {"B2", "C2", "D2", "IF(1;\"a;b\";{1;2})"};
    for (int k = 0; k < 4; k++) {
        assert_int_equal(spans[k][1] - spans[k][0], strlen(want[k]));
        assert_memory_equal(f + spans[k][0], want[k], strlen(want[k]));
    }
    const char *g = "=ABCCLASS(A1;;0.5 ;)";
    open = 0;
    assert_non_null(ka_formula_first_call(g, strlen(g), SERVICE, &open));
    assert_int_equal(ka_formula_call_args(g, strlen(g), open, spans, 8), 4);
    assert_int_equal(spans[1][0], spans[1][1]); /* omitted */
    assert_int_equal(spans[3][0], spans[3][1]);
    const char *h = "=ABCCLASS()+ABCCLASS(A1";
    assert_non_null(ka_formula_first_call(h, strlen(h), SERVICE, &open));
    assert_int_equal(ka_formula_call_args(h, strlen(h), open, spans, 8), 0);
    assert_int_equal(ka_formula_call_args(h, strlen(h), 20, spans, 8), (size_t)-1); /* open */
    assert_int_equal(ka_formula_call_args(g, strlen(g), 9, spans, 2), (size_t)-1);  /* > max */
    assert_null(ka_formula_first_call("=SUM(A1)", 8, SERVICE, &open));
    assert_null(ka_formula_first_call(NULL, 0, SERVICE, NULL));
}

int main(void)
{
    const struct CMUnitTest tests[] = {
        cmocka_unit_test(test_first_call_and_its_arguments),
        cmocka_unit_test(test_qualified_single_and_array),
        cmocka_unit_test(test_plain_names_and_spaces),
        cmocka_unit_test(test_nested_inside_native_functions),
        cmocka_unit_test(test_not_a_call),
        cmocka_unit_test(test_length_is_respected),
    };
    return cmocka_run_group_tests(tests, NULL, NULL);
}
