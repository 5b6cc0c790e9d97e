/* test_glue_args.c - argument flattening of addin/ka_args.c on sequences
 * built with the sal/cppu C API as Calc passes them: numbers row-major,
 * short rows, empty and omitted arguments, cells of any arrays, and the one
 * cell-to-client-id rule of DOSSIER() and the panel. */
#include "ka_test.h"

#include <string.h>

#include "ka_args.h"

/* sequence<sequence<double>> with rows of the given lengths, filled from v
 * row after row (caller releases with release_double_matrix). */
static uno_Sequence *double_matrix(const double *v, const size_t *lens, size_t rows)
{
    typelib_TypeDescriptionReference *mt = ka_uno_type(typelib_TypeClass_SEQUENCE, "[][]double");
    typelib_TypeDescriptionReference *rt = ka_uno_type(typelib_TypeClass_SEQUENCE, "[]double");
    uno_Sequence *m = NULL;
    assert_true(uno_type_sequence_construct(&m, mt, NULL, (sal_Int32)rows, NULL));
    size_t k = 0;
    for (size_t i = 0; i < rows; i++) {
        uno_Sequence **row = &KA_UNO_SEQ_AT(m, uno_Sequence *, i);
        assert_true(uno_type_sequence_realloc(row, rt, (sal_Int32)lens[i], NULL, NULL));
        for (size_t j = 0; j < lens[i]; j++)
            KA_UNO_SEQ_AT(*row, double, j) = v[k++];
    }
    typelib_typedescriptionreference_release(rt);
    typelib_typedescriptionreference_release(mt);
    return m;
}

static void release_double_matrix(uno_Sequence *m)
{
    typelib_TypeDescriptionReference *mt = ka_uno_type(typelib_TypeClass_SEQUENCE, "[][]double");
    ka_uno_sequence_release(m, mt);
    typelib_typedescriptionreference_release(mt);
}

/* sequence<sequence<any>> of rows x cols void anys whose row i is then cut
 * to lens[i] cells (caller releases with the matrix-any type). */
static uno_Sequence *any_matrix(size_t rows, size_t cols, const size_t *lens)
{
    uno_Sequence *m = ka_uno_matrix_any_new(rows, cols);
    assert_non_null(m);
    typelib_TypeDescriptionReference *rt = ka_uno_type(typelib_TypeClass_SEQUENCE, "[]any");
    for (size_t i = 0; lens && i < rows; i++)
        assert_true(uno_type_sequence_realloc(&KA_UNO_SEQ_AT(m, uno_Sequence *, i), rt,
                                              (sal_Int32)lens[i], NULL, NULL));
    typelib_typedescriptionreference_release(rt);
    return m;
}

static uno_Any *cell_at(uno_Sequence *m, size_t i, size_t j)
{
    uno_Any *a = &KA_UNO_SEQ_AT(KA_UNO_SEQ_AT(m, uno_Sequence *, i), uno_Any, j);
    uno_any_destruct(a, NULL); /* the caller constructs a new value */
    return a;
}

static void test_numbers_row_major(void **state)
{
    const double v[] = {1, 2, 3, 4, 5, 6};
    uno_Sequence *m = double_matrix(v, (const size_t[]){3, 3}, 2);
    double *out = NULL;
    size_t n = 0;
    assert_int_equal(ka_numbers_from_matrix(m, &out, &n), KA_OK);
    assert_int_equal(n, 6);
    for (size_t i = 0; i < 6; i++)
        assert_true(out[i] == v[i]);
    free(out);
    size_t rows, cols;
    ka_matrix_shape(m, &rows, &cols);
    assert_int_equal(rows, 2);
    assert_int_equal(cols, 3);
    release_double_matrix(m);
}

static void test_numbers_short_rows(void **state)
{
    /* the cells there are, in order: a short row adds no padding */
    const double v[] = {1, 2, 3, 4};
    uno_Sequence *m = double_matrix(v, (const size_t[]){3, 1, 0}, 3);
    double *out = NULL;
    size_t n = 0;
    assert_int_equal(ka_numbers_from_matrix(m, &out, &n), KA_OK);
    assert_int_equal(n, 4);
    assert_true(out[3] == 4);
    free(out);
    /* the shape counts the longest row */
    size_t rows, cols;
    ka_matrix_shape(m, &rows, &cols);
    assert_int_equal(rows, 3);
    assert_int_equal(cols, 3);
    double copy[2];
    ka_numbers_copy_from_matrix(m, copy, 2, &n);
    assert_int_equal(n, 4); /* all counted, two copied */
    assert_true(copy[0] == 1 && copy[1] == 2);
    release_double_matrix(m);
}

static void test_numbers_empty(void **state)
{
    double *out = (double *)&out;
    size_t n = 9, rows = 9, cols = 9;
    assert_int_equal(ka_numbers_from_matrix(NULL, &out, &n), KA_OK);
    assert_null(out);
    assert_int_equal(n, 0);
    ka_matrix_shape(NULL, &rows, &cols);
    assert_int_equal(rows + cols, 0);
    uno_Sequence *m = double_matrix(NULL, (const size_t[]){0, 0}, 2); /* rows without cells */
    assert_int_equal(ka_numbers_from_matrix(m, &out, &n), KA_OK);
    assert_null(out);
    assert_int_equal(n, 0);
    ka_matrix_shape(m, &rows, &cols);
    assert_int_equal(rows + cols, 0);
    release_double_matrix(m);
}

static void test_range_of_anys(void **state)
{
    uno_Sequence *m = any_matrix(2, 3, (const size_t[]){3, 1});
    ka_uno_any_double(cell_at(m, 0, 0), 12);
    ka_uno_any_utf8(cell_at(m, 0, 1), "K0001");
    ka_uno_any_utf8(cell_at(m, 0, 2), ""); /* an empty cell as Calc passes it */
    sal_Bool yes = 1;
    uno_type_any_construct(cell_at(m, 1, 0), &yes,
                           *typelib_static_type_getByTypeClass(typelib_TypeClass_BOOLEAN), NULL);
    ka_range r;
    assert_int_equal(ka_range_from_matrix(m, &r), KA_OK);
    assert_true(r.is_array);
    assert_int_equal(r.rows, 2);
    assert_int_equal(r.cols, 3);
    assert_int_equal(KA_RANGE_AT(&r, 0, 0).kind, KA_CELL_NUMBER);
    assert_true(KA_RANGE_AT(&r, 0, 0).num == 12);
    assert_int_equal(KA_RANGE_AT(&r, 0, 1).kind, KA_CELL_TEXT);
    assert_int_equal(KA_RANGE_AT(&r, 0, 2).kind, KA_CELL_EMPTY);
    assert_int_equal(KA_RANGE_AT(&r, 1, 0).kind, KA_CELL_NUMBER); /* booleans are numbers */
    assert_true(KA_RANGE_AT(&r, 1, 0).num == 1);
    assert_int_equal(KA_RANGE_AT(&r, 1, 1).kind, KA_CELL_EMPTY); /* missing from a short row */
    assert_int_equal(KA_RANGE_AT(&r, 1, 2).kind, KA_CELL_EMPTY);
    ka_range_clear(&r);
    assert_null(r.cells);
    ka_uno_sequence_release(m, ka_uno_matrix_any_type());
    /* an empty sequence: 0 x 0, still an array */
    m = any_matrix(0, 0, NULL);
    assert_int_equal(ka_range_from_matrix(m, &r), KA_OK);
    assert_true(r.is_array);
    assert_int_equal(r.rows * r.cols, 0);
    ka_range_clear(&r);
    ka_uno_sequence_release(m, ka_uno_matrix_any_type());
}

static void test_range_of_one_value(void **state)
{
    uno_Any a;
    ka_range r;
    ka_uno_any_void(&a); /* an omitted argument */
    assert_int_equal(ka_range_from_any(&a, &r), KA_OK);
    assert_int_equal(r.rows * r.cols, 0);
    assert_false(r.is_array);
    ka_range_clear(&r);
    ka_uno_any_double(&a, 1.5);
    assert_int_equal(ka_range_from_any(&a, &r), KA_OK);
    assert_int_equal(r.rows * r.cols, 1);
    assert_false(r.is_array);
    assert_int_equal(r.cells[0].kind, KA_CELL_NUMBER);
    ka_range_clear(&r);
    uno_any_destruct(&a, NULL);
    /* a type Calc never passes */
    sal_Unicode ch = 'x';
    uno_type_any_construct(&a, &ch, *typelib_static_type_getByTypeClass(typelib_TypeClass_CHAR),
                           NULL);
    assert_int_equal(ka_range_from_any(&a, &r), KA_ERR_ARG);
    assert_null(r.cells);
    uno_any_destruct(&a, NULL);
}

/* The id of one any by the rule, or NULL. */
static char *id_of(uno_Any *a)
{
    ka_cell c;
    char *id = (char *)"unset";
    ka_cell_from_any(a, &c);
    assert_int_equal(ka_cell_client_id(&c, &id), KA_OK);
    return id;
}

/* A value-or-range argument as Calc passes it (a sequence<sequence<any>>)
 * and the any the handlers read: 1 x 1 is the single form. */
static void test_value_argument_view(void **state)
{
    uno_Any v;
    ka_range r;
    /* a number, a cell reference: one cell, read as the cell's any */
    uno_Sequence *m = any_matrix(1, 1, NULL);
    ka_uno_any_double(cell_at(m, 0, 0), 2.5);
    ka_value_arg_view(m, &v);
    double num = 0;
    assert_true(ka_uno_any_number(&v, &num));
    assert_true(num == 2.5);
    assert_int_equal(ka_range_from_any(&v, &r), KA_OK);
    assert_false(r.is_array);
    assert_int_equal(r.rows * r.cols, 1);
    ka_range_clear(&r);
    uno_any_destruct(&v, NULL);
    ka_uno_sequence_release(m, ka_uno_matrix_any_type());
    /* a text */
    m = any_matrix(1, 1, NULL);
    assert_true(ka_uno_any_utf8(cell_at(m, 0, 0), "K0001"));
    ka_value_arg_view(m, &v);
    rtl_uString *text = ka_uno_any_get_string(&v);
    assert_non_null(text);
    assert_int_equal(text->length, 5);
    ka_uno_sequence_release(m, ka_uno_matrix_any_type());
    assert_int_equal(ka_uno_any_get_string(&v)->length, 5); /* the view holds its own reference */
    uno_any_destruct(&v, NULL);
    /* a range: the array form, the same cells */
    const size_t lens[] = {1, 0};
    m = any_matrix(2, 1, lens);
    ka_uno_any_double(cell_at(m, 0, 0), 7);
    ka_value_arg_view(m, &v);
    assert_ptr_equal(ka_uno_any_get_matrix(&v), m);
    assert_int_equal(ka_range_from_any(&v, &r), KA_OK);
    assert_true(r.is_array);
    assert_int_equal(r.rows, 2);
    assert_int_equal(r.cols, 1);
    assert_int_equal(KA_RANGE_AT(&r, 1, 0).kind, KA_CELL_EMPTY);
    ka_range_clear(&r);
    uno_any_destruct(&v, NULL);
    ka_uno_sequence_release(m, ka_uno_matrix_any_type());
    /* nothing at all, or rows without cells: omitted */
    m = any_matrix(0, 0, NULL);
    ka_value_arg_view(m, &v);
    assert_true(ka_uno_any_is_void(&v));
    uno_any_destruct(&v, NULL);
    ka_uno_sequence_release(m, ka_uno_matrix_any_type());
    m = any_matrix(2, 0, NULL);
    ka_value_arg_view(m, &v);
    assert_true(ka_uno_any_is_void(&v));
    uno_any_destruct(&v, NULL);
    ka_uno_sequence_release(m, ka_uno_matrix_any_type());
}

/* The hash of one argument fed by ka_args_hash_any. */
static uint64_t hash_of(const uno_Any *a)
{
    ka_arg_hash h;
    ka_arg_hash_init(&h);
    ka_arg_hash_next(&h);
    ka_args_hash_any(&h, a);
    return h.h;
}

/* The values of a call's arguments hash the same whichever way they
 * arrive: a range of anys inside an any or as the matrix itself, a number
 * cell and its numbers form; and different values differently. */
static void test_argument_hash(void **state)
{
    uno_Any num, text, none, in_any;
    ka_uno_any_double(&num, 2);
    assert_true(ka_uno_any_utf8(&text, "K0001"));
    ka_uno_any_void(&none);
    uint64_t hn = hash_of(&num), ht = hash_of(&text), hv = hash_of(&none);
    assert_int_not_equal(hn, ht);
    assert_int_not_equal(hn, hv);
    assert_int_not_equal(ht, hv);
    /* a 1 x 2 range of anys: in an any (an optional argument) or not (Cells) */
    uno_Sequence *m = any_matrix(1, 2, NULL);
    ka_uno_any_double(cell_at(m, 0, 0), 2);
    assert_true(ka_uno_any_utf8(cell_at(m, 0, 1), ""));
    ka_arg_hash h;
    ka_arg_hash_init(&h);
    ka_arg_hash_next(&h);
    ka_args_hash_matrix(&h, m, false);
    uno_type_any_construct(&in_any, &m, ka_uno_matrix_any_type(), NULL); /* acquires m */
    assert_int_equal(hash_of(&in_any), h.h);
    assert_int_not_equal(h.h, hn);
    /* numbers: the same cells as sequence<sequence<double>> */
    const double v[] = {2, 0};
    const size_t lens[] = {2};
    uno_Sequence *d = double_matrix(v, lens, 1);
    ka_arg_hash g;
    ka_arg_hash_init(&g);
    ka_arg_hash_next(&g);
    ka_args_hash_matrix(&g, d, true);
    ka_arg_hash_init(&h);
    ka_arg_hash_next(&h);
    ka_arg_hash_shape(&h, 1, 2);
    ka_arg_hash_number(&h, 2);
    ka_arg_hash_number(&h, 0);
    assert_int_equal(g.h, h.h);
    release_double_matrix(d);
    uno_any_destruct(&in_any, NULL);
    ka_uno_sequence_release(m, ka_uno_matrix_any_type());
    uno_any_destruct(&num, NULL);
    uno_any_destruct(&text, NULL);
    uno_any_destruct(&none, NULL);
}

static void test_client_id_rule(void **state)
{
    static const struct {
        double v;
        const char *want;
    } numbers[] = {{12, "12"},
                   {1.5, "1.5"},
                   {-3, "-3"},
                   {0.1 + 0.2, "0.3"}, /* as Calc shows it, not the last bits */
                   {123456789012345, "123456789012345"},
                   {1e20, "1e+20"}};
    uno_Any a;
    for (size_t i = 0; i < sizeof numbers / sizeof *numbers; i++) {
        ka_uno_any_double(&a, numbers[i].v);
        char *id = id_of(&a);
        assert_string_equal(id, numbers[i].want);
        free(id);
        uno_any_destruct(&a, NULL);
    }
    ka_uno_any_utf8(&a, "Ķegums 12");
    char *id = id_of(&a);
    assert_string_equal(id, "Ķegums 12");
    free(id);
    uno_any_destruct(&a, NULL);
    ka_uno_any_utf8(&a, ""); /* empty cell */
    assert_null(id_of(&a));
    uno_any_destruct(&a, NULL);
    ka_uno_any_void(&a);
    assert_null(id_of(&a));
}

int main(void)
{
    const struct CMUnitTest tests[] = {
        cmocka_unit_test(test_numbers_row_major),  cmocka_unit_test(test_numbers_short_rows),
        cmocka_unit_test(test_numbers_empty),      cmocka_unit_test(test_range_of_anys),
        cmocka_unit_test(test_range_of_one_value), cmocka_unit_test(test_value_argument_view),
        cmocka_unit_test(test_client_id_rule),     cmocka_unit_test(test_argument_hash),
    };
    return cmocka_run_group_tests(tests, NULL, NULL);
}
