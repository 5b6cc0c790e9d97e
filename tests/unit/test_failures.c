/* test_failures.c - the memory of recent failures (src/ka_failures.c): the
 * hash of the arguments, keys, the oldest entry replaced, and what a
 * lookup without the arguments may answer. */
#include "ka_test.h"

#include "ka_failures.h"

#include <string.h>

static const uint16_t K1[] = {'K', '1'}, K2[] = {'K', '2'};

static uint64_t hash_client(const uint16_t *id, double x)
{
    ka_arg_hash h;
    ka_arg_hash_init(&h);
    ka_arg_hash_next(&h);
    ka_arg_hash_text(&h, id, 2);
    ka_arg_hash_next(&h);
    ka_arg_hash_number(&h, x);
    return h.h;
}

static void test_the_hash_tells_arguments_apart(void **state)
{
    assert_int_equal(hash_client(K1, 1), hash_client(K1, 1));
    assert_int_not_equal(hash_client(K1, 1), hash_client(K2, 1));
    assert_int_not_equal(hash_client(K1, 1), hash_client(K1, 2));
    assert_int_equal(hash_client(K1, 0), hash_client(K1, -0.0));
    /* a 1 x 2 array is not two arguments, nor an empty argument a text "" */
    ka_arg_hash a, b;
    ka_arg_hash_init(&a);
    ka_arg_hash_next(&a);
    ka_arg_hash_shape(&a, 1, 2);
    ka_arg_hash_number(&a, 1);
    ka_arg_hash_number(&a, 2);
    ka_arg_hash_init(&b);
    ka_arg_hash_next(&b);
    ka_arg_hash_number(&b, 1);
    ka_arg_hash_next(&b);
    ka_arg_hash_number(&b, 2);
    assert_int_not_equal(a.h, b.h);
    ka_arg_hash_init(&a);
    ka_arg_hash_empty(&a);
    ka_arg_hash_init(&b);
    ka_arg_hash_text(&b, K1, 0);
    assert_int_not_equal(a.h, b.h);
}

static void test_only_the_first_cells_count(void **state)
{
    ka_arg_hash a, b;
    ka_arg_hash_init(&a);
    ka_arg_hash_init(&b);
    ka_arg_hash_next(&a);
    ka_arg_hash_next(&b);
    for (int i = 0; i < KA_ARG_HASH_CELLS + 10; i++) {
        ka_arg_hash_number(&a, i);
        ka_arg_hash_number(&b, i < KA_ARG_HASH_CELLS ? i : -i);
    }
    assert_int_equal(a.h, b.h);
    ka_arg_hash_next(&a); /* the next argument counts again */
    ka_arg_hash_next(&b);
    ka_arg_hash_number(&a, 1);
    ka_arg_hash_number(&b, 2);
    assert_int_not_equal(a.h, b.h);
}

static void test_exact_key_then_one_reason(void **state)
{
    ka_failures m;
    ka_failure out;
    ka_failures_init(&m);
    uint64_t k1 = hash_client(K1, 1), k2 = hash_client(K2, 1), k3 = hash_client(K2, 3);
    assert_false(ka_failures_find(&m, "DOSSIER", &k1, &out));
    ka_failures_note(&m, "DOSSIER", k1, "no profile for client 'K1'");
    assert_true(ka_failures_find(&m, "DOSSIER", &k1, &out));
    assert_string_equal(out.reason, "no profile for client 'K1'");
    assert_string_equal(out.function, "DOSSIER");
    /* no key: the one reason there is */
    assert_true(ka_failures_find(&m, "DOSSIER", NULL, &out));
    assert_true(ka_failures_find(&m, "DOSSIER", &k3, &out)); /* not remembered: the same */
    assert_false(ka_failures_find(&m, "ABCCLASS", NULL, &out));
    ka_failures_note(&m, "DOSSIER", k2, "no profile for client 'K2'");
    assert_false(ka_failures_find(&m, "DOSSIER", NULL, &out)); /* two reasons: say nothing */
    assert_true(ka_failures_find(&m, "DOSSIER", &k2, &out));
    assert_string_equal(out.reason, "no profile for client 'K2'");
    ka_failures_note(&m, "DOSSIER", k1, "no profile for client 'K2'"); /* the same key again */
    assert_true(ka_failures_find(&m, "DOSSIER", NULL, &out));
    assert_string_equal(out.reason, "no profile for client 'K2'");
    ka_failures_note(&m, "ABCCLASS", k1, NULL);
    assert_true(ka_failures_find(&m, "ABCCLASS", &k1, &out));
    assert_string_equal(out.reason, "");
}

static void test_the_oldest_goes(void **state)
{
    ka_failures m;
    ka_failure out;
    ka_failures_init(&m);
    for (uint64_t k = 1; k <= KA_FAILURES_MAX + 1; k++)
        ka_failures_note(&m, "XYZCLASS", k, k == 1 ? "first" : "later");
    uint64_t first = 1, last = KA_FAILURES_MAX + 1, second = 2;
    assert_true(ka_failures_find(&m, "XYZCLASS", &last, &out));
    assert_true(ka_failures_find(&m, "XYZCLASS", &second, &out));
    assert_true(ka_failures_find(&m, "XYZCLASS", &first, &out)); /* no key: the one reason */
    assert_string_equal(out.reason, "later");
    char longer[KA_FAILURE_REASON_MAX + 50];
    memset(longer, 'x', sizeof longer - 1);
    longer[sizeof longer - 1] = '\0';
    ka_failures_note(&m, "a function name longer than the slot holds", 7, longer);
    assert_true(ka_failures_find(&m, "a function name longer than the", NULL, &out));
    assert_int_equal(strlen(out.reason), KA_FAILURE_REASON_MAX - 1);
}

int main(void)
{
    const struct CMUnitTest tests[] = {
        cmocka_unit_test(test_the_hash_tells_arguments_apart),
        cmocka_unit_test(test_only_the_first_cells_count),
        cmocka_unit_test(test_exact_key_then_one_reason),
        cmocka_unit_test(test_the_oldest_goes),
    };
    return cmocka_run_group_tests(tests, NULL, NULL);
}
