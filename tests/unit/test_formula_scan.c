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

int main(void)
{
    const struct CMUnitTest tests[] = {
        cmocka_unit_test(test_qualified_single_and_array),
        cmocka_unit_test(test_plain_names_and_spaces),
        cmocka_unit_test(test_nested_inside_native_functions),
        cmocka_unit_test(test_not_a_call),
        cmocka_unit_test(test_length_is_respected),
    };
    return cmocka_run_group_tests(tests, NULL, NULL);
}
