/* test_glue_request.c - DOSSIER() request keys (addin/ka_request.c): the
 * round trip, empty cells and empty ids, ids holding the separators and
 * other odd bytes, distinct requests giving distinct keys, strings that are
 * not keys. */
#include "ka_test.h"

#include <math.h>
#include <string.h>

#include "ka_request.h"

/* A request of rows x cols over ids (copied; NULL: an empty cell). */
static ka_request make(const char *field, const char *const *ids, size_t rows, size_t cols,
                       bool is_array)
{
    ka_request q = {.field = strdup(field),
                    .ids = calloc(rows * cols > 0 ? rows * cols : 1, sizeof(char *)),
                    .rows = rows,
                    .cols = cols,
                    .is_array = is_array};
    assert_non_null(q.field);
    assert_non_null(q.ids);
    for (size_t i = 0; i < rows * cols; i++)
        q.ids[i] = ids[i] ? strdup(ids[i]) : NULL;
    return q;
}

/* The key of q, parsed back: must give q again. */
static char *round_trip(const ka_request *q)
{
    char *key = NULL;
    assert_int_equal(ka_request_key(q, &key), KA_OK);
    assert_non_null(key);
    ka_request back;
    assert_int_equal(ka_request_parse(key, &back), KA_OK);
    assert_string_equal(back.field, q->field);
    assert_int_equal(back.rows, q->rows);
    assert_int_equal(back.cols, q->cols);
    assert_int_equal(back.is_array, q->is_array);
    assert_int_equal(back.missing, q->missing);
    if (q->missing == KA_MISSING_NUMBER)
        assert_memory_equal(&back.missing_number, &q->missing_number, sizeof(double));
    if (q->missing == KA_MISSING_TEXT)
        assert_string_equal(back.missing_text, q->missing_text);
    else
        assert_null(back.missing_text);
    for (size_t i = 0; i < q->rows * q->cols; i++) {
        if (q->ids[i])
            assert_string_equal(back.ids[i], q->ids[i]);
        else
            assert_null(back.ids[i]);
    }
    ka_request_clear(&back);
    return key;
}

static void test_single_and_block(void **state)
{
    const char *one[] = {"K0001"};
    ka_request q = make("manager", one, 1, 1, false);
    free(round_trip(&q));
    ka_request_clear(&q);
    assert_null(q.field); /* cleared and zeroed */

    const char *block[] = {"K1", NULL, "K3", "Ķegums un Jūrmala", NULL, "12"};
    q = make("next_review", block, 2, 3, true);
    free(round_trip(&q));
    ka_request_clear(&q);
}

static void test_empty_cells_and_empty_ids(void **state)
{
    const char *cells[] = {NULL, "", NULL};
    ka_request q = make("name", cells, 3, 1, true);
    char *key = round_trip(&q);
    ka_request_clear(&q);
    /* an empty id and an empty cell are different requests */
    const char *other[] = {NULL, NULL, NULL};
    q = make("name", other, 3, 1, true);
    char *key2 = round_trip(&q);
    assert_string_not_equal(key, key2);
    free(key);
    free(key2);
    ka_request_clear(&q);
    /* an omitted Client: no cells at all */
    q = make("name", NULL, 0, 0, false);
    free(round_trip(&q));
    ka_request_clear(&q);
}

static void test_odd_characters(void **state)
{
    const char *odd[] = {"a\x1e"
                         "b",
                         "\x1f",
                         "3:abc",
                         "-",
                         "x:y:z",
                         "\xf0\x9f\x98\x80",
                         " "};
    ka_request q = make("na\x1fme:", odd, 1, 7, true);
    free(round_trip(&q));
    ka_request_clear(&q);
    /* what used to be separators cannot make two requests look alike */
    const char *ab[] = {"a", "b"}, *joined[] = {"a\x1e"
                                                "b"};
    ka_request q1 = make("f", ab, 1, 2, true), q2 = make("f", joined, 1, 1, true);
    char *k1 = round_trip(&q1), *k2 = round_trip(&q2);
    assert_string_not_equal(k1, k2);
    free(k1);
    free(k2);
    ka_request_clear(&q1);
    ka_request_clear(&q2);
    /* a field ending like a shape, an id like a length */
    const char *one[] = {"1"}, *two[] = {"1:1"};
    q1 = make("f1", one, 1, 1, false);
    q2 = make("f", two, 1, 1, false);
    k1 = round_trip(&q1);
    k2 = round_trip(&q2);
    assert_string_not_equal(k1, k2);
    free(k1);
    free(k2);
    ka_request_clear(&q1);
    ka_request_clear(&q2);
}

/* IfMissing: a number (exact, -0 and tiny ones too) or a text ("" too) is
 * part of the request; without it the key is as before. */
static void test_if_missing(void **state)
{
    const char *ids[] = {"K0001", NULL, "K0009"};
    ka_request q = make("manager", ids, 3, 1, true);
    char *plain = round_trip(&q);
    const double numbers[] = {0, -0.0, 1.5, -1e300, 4.9e-324, 0.1};
    char *keys[6];
    q.missing = KA_MISSING_NUMBER;
    for (size_t i = 0; i < 6; i++) {
        q.missing_number = numbers[i];
        keys[i] = round_trip(&q);
        assert_string_not_equal(keys[i], plain);
        for (size_t j = 0; j < i; j++)
            assert_string_not_equal(keys[i], keys[j]);
    }
    q.missing = KA_MISSING_TEXT;
    const char *texts[] = {"", "-", "n16:0000000000000000", "Nav profila — Київ"};
    for (size_t i = 0; i < 4; i++) {
        q.missing_text = strdup(texts[i]);
        char *k = round_trip(&q);
        assert_string_not_equal(k, plain);
        assert_string_not_equal(k, keys[0]);
        free(k);
        free(q.missing_text);
    }
    q.missing_text = NULL;
    char *key = (char *)"unchanged";
    assert_int_equal(ka_request_key(&q, &key), KA_ERR_ARG); /* a text kind without its text */
    assert_null(key);
    q.missing = KA_MISSING_NUMBER;
    q.missing_number = HUGE_VAL;
    assert_int_equal(ka_request_key(&q, &key), KA_ERR_ARG);
    for (size_t i = 0; i < 6; i++)
        free(keys[i]);
    free(plain);
    ka_request_clear(&q);
}

static void test_not_keys(void **state)
{
    static const char *const bad[] = {
        "",                                                /* nothing */
        "S1x1",                                            /* no field */
        "S1x1:",                                           /* no field */
        "S1x1:7:manager",                                  /* an id missing */
        "S1x1:7:manager5:K0001x",                          /* trailing bytes */
        "S1x1:9:manager5:K0001",                           /* a length past the end */
        "X1x1:1:f-",                                       /* no such shape */
        "S1x1:-5:K0001",                                   /* the field is never an empty cell */
        "S18446744073709551615x18446744073709551615:1:f-", /* a size that overflows */
        "S1000000x1000000:1:f-",                           /* more cells than bytes */
        "Sx1:1:f-",
        "S1x1:+1:f-",
        "S1x1:1:ft-5:K0001",                   /* IfMissing is never an empty cell */
        "S1x1:1:fn3:1.55:K0001",               /* a number is 16 hex digits */
        "S1x1:1:fn16:3FF00000000000005:K0001", /* in lower case */
        "S1x1:1:fn16:7ff00000000000005:K0001", /* and finite: not infinity */
        "S1x1:1:fn16:7ff80000000000005:K0001", /* nor NaN */
        "S1x1:1:ft1:x",                        /* the id missing after IfMissing */
        "S1x1:1:ft1:xt1:y5:K0001",             /* IfMissing twice */
    };
    for (size_t i = 0; i < sizeof bad / sizeof *bad; i++) {
        ka_request q;
        if (ka_request_parse(bad[i], &q) != KA_ERR_ARG)
            fail_msg("parsed '%s'", bad[i]);
        assert_null(q.field);
        assert_null(q.ids);
    }
    ka_request none = {0};
    char *key = (char *)"unchanged";
    assert_int_equal(ka_request_key(&none, &key), KA_ERR_ARG);
    assert_null(key);
}

int main(void)
{
    const struct CMUnitTest tests[] = {
        cmocka_unit_test(test_single_and_block), cmocka_unit_test(test_empty_cells_and_empty_ids),
        cmocka_unit_test(test_odd_characters),   cmocka_unit_test(test_if_missing),
        cmocka_unit_test(test_not_keys),
    };
    return cmocka_run_group_tests(tests, NULL, NULL);
}
