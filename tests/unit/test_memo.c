/* test_memo.c - the memo of recent results (src/ka_memo.c): a hit for the
 * same key, a miss after a change of the arguments (a cell past the
 * failures' 256 counts), the oldest entry let go of when the slots or the
 * cells are full, and every value handed back exactly once. */
#include "ka_test.h"

#include "ka_failures.h"
#include "ka_memo.h"

#include <string.h>

/* The hash of one argument of n numbers, all 1 but cell `changed` (2). */
static uint64_t hash_log(size_t n, size_t changed)
{
    ka_arg_hash h;
    ka_arg_hash_init_all(&h);
    ka_arg_hash_next(&h);
    ka_arg_hash_shape(&h, n, 1);
    for (size_t i = 0; i < n; i++)
        ka_arg_hash_number(&h, i == changed ? 2 : 1);
    return h.h;
}

static void test_a_change_past_the_first_cells_is_a_new_key(void **state)
{
    (void)state;
    assert_int_equal(hash_log(1000, 999), hash_log(1000, 999));
    assert_int_not_equal(hash_log(1000, 999), hash_log(1000, 998));
    assert_int_not_equal(hash_log(1000, 999), hash_log(1000, 1000)); /* no cell changed */
}

static void test_hit_and_miss(void **state)
{
    (void)state;
    ka_memo m;
    ka_memo_init(&m);
    int a = 1, b = 2;
    void *evicted[KA_MEMO_SLOTS + 1];
    const uint64_t key = hash_log(1000, 999), changed = hash_log(1000, 998);
    assert_null(ka_memo_find(&m, key, 1000));
    assert_int_equal(ka_memo_put(&m, key, 1000, &a, 400, evicted), 0);
    assert_ptr_equal(ka_memo_find(&m, key, 1000), &a);
    assert_null(ka_memo_find(&m, changed, 1000)); /* a cell changed */
    assert_null(ka_memo_find(&m, key, 1001));     /* the hash alone is not the key */
    /* the same key again: the old value comes back to be released */
    assert_int_equal(ka_memo_put(&m, key, 1000, &b, 400, evicted), 1);
    assert_ptr_equal(evicted[0], &a);
    assert_ptr_equal(ka_memo_find(&m, key, 1000), &b);
    assert_int_equal(m.held, 400);
    assert_int_equal(ka_memo_clear(&m, evicted), 1);
    assert_ptr_equal(evicted[0], &b);
    assert_null(ka_memo_find(&m, key, 1000));
    assert_int_equal(m.held, 0);
}

static void test_the_least_recently_used_goes(void **state)
{
    (void)state;
    ka_memo m;
    ka_memo_init(&m);
    int v[KA_MEMO_SLOTS + 1];
    void *evicted[KA_MEMO_SLOTS + 1];
    for (size_t i = 0; i < KA_MEMO_SLOTS; i++)
        assert_int_equal(ka_memo_put(&m, i, 10, &v[i], 1, evicted), 0);
    assert_ptr_equal(ka_memo_find(&m, 0, 10), &v[0]); /* 0 used again: 1 is the oldest */
    assert_int_equal(ka_memo_put(&m, 99, 10, &v[KA_MEMO_SLOTS], 1, evicted), 1);
    assert_ptr_equal(evicted[0], &v[1]);
    assert_null(ka_memo_find(&m, 1, 10));
    assert_ptr_equal(ka_memo_find(&m, 0, 10), &v[0]);
    assert_ptr_equal(ka_memo_find(&m, 99, 10), &v[KA_MEMO_SLOTS]);
    assert_int_equal(ka_memo_clear(&m, evicted), KA_MEMO_SLOTS);
}

static void test_the_cells_cap(void **state)
{
    (void)state;
    ka_memo m;
    ka_memo_init(&m);
    int a, b, c, big;
    void *evicted[KA_MEMO_SLOTS + 1];
    const size_t half = KA_MEMO_MAX_CELLS / 2;
    assert_int_equal(ka_memo_put(&m, 1, 10, &a, half, evicted), 0);
    assert_int_equal(ka_memo_put(&m, 2, 10, &b, half, evicted), 0);
    assert_int_equal(m.held, KA_MEMO_MAX_CELLS);
    /* one more cell: the oldest goes although a slot is free */
    assert_int_equal(ka_memo_put(&m, 3, 10, &c, 1, evicted), 1);
    assert_ptr_equal(evicted[0], &a);
    assert_int_equal(m.held, half + 1);
    /* over the cap by itself: not kept, and nothing else is let go of */
    assert_int_equal(ka_memo_put(&m, 4, 10, &big, KA_MEMO_MAX_CELLS + 1, evicted), 1);
    assert_ptr_equal(evicted[0], &big);
    assert_null(ka_memo_find(&m, 4, 10));
    assert_ptr_equal(ka_memo_find(&m, 2, 10), &b);
    assert_ptr_equal(ka_memo_find(&m, 3, 10), &c);
    /* the whole cap in one value: everything else goes */
    assert_int_equal(ka_memo_put(&m, 5, 10, &big, KA_MEMO_MAX_CELLS, evicted), 2);
    assert_int_equal(m.held, KA_MEMO_MAX_CELLS);
    assert_int_equal(ka_memo_clear(&m, evicted), 1);
    assert_ptr_equal(evicted[0], &big);
}

int main(void)
{
    const struct CMUnitTest tests[] = {
        cmocka_unit_test(test_a_change_past_the_first_cells_is_a_new_key),
        cmocka_unit_test(test_hit_and_miss),
        cmocka_unit_test(test_the_least_recently_used_goes),
        cmocka_unit_test(test_the_cells_cap),
    };
    return cmocka_run_group_tests(tests, NULL, NULL);
}
