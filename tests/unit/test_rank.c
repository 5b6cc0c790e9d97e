/* test_rank.c - the top clients by a score (TOPCLIENTS): order, ties by
 * key, a list longer than the candidates, independence of the input
 * order, invalid input. */
#include "ka_test.h"

#include <string.h>

#include "ka_rank.h"

static ka_key num(double v)
{
    return (ka_key){v, NULL, 0};
}

static ka_key text(const char *s)
{
    return (ka_key){0, s, strlen(s)};
}

/* The help's example: K2 (0.9), then K3 (0.5). */
static void test_help_example(void **state)
{
    (void)state;
    const ka_key keys[3] = {text("K1"), text("K2"), text("K3")};
    const double score[3] = {0.2, 0.9, 0.5};
    size_t order[2], n;
    assert_int_equal(ka_rank_top(keys, score, 3, 2, order, &n), KA_OK);
    assert_int_equal(n, 2);
    assert_int_equal(order[0], 1);
    assert_int_equal(order[1], 2);
}

/* Equal scores: numbers before texts, ascending; -0 ranks as 0; a list
 * longer than the candidates holds them all. */
static void test_ties_and_length(void **state)
{
    (void)state;
    const ka_key keys[5] = {text("b"), num(7), text("a"), num(-3), text("ab")};
    const double score[5] = {1, 1, 1, 1, -0.0};
    size_t order[10], n;
    assert_int_equal(ka_rank_top(keys, score, 5, 10, order, &n), KA_OK);
    assert_int_equal(n, 5);
    const size_t want[5] = {3, 1, 2, 0, 4};
    for (int i = 0; i < 5; i++)
        assert_int_equal(order[i], want[i]);
    assert_int_equal(ka_rank_top(keys, score, 0, 10, order, &n), KA_OK);
    assert_int_equal(n, 0);
    assert_int_equal(ka_rank_top(keys, score, 5, 0, NULL, &n), KA_OK);
    assert_int_equal(n, 0);
}

/* 10,000 clients with many ties, ranked forwards and backwards: the same
 * clients in the same order. */
static void test_order_free(void **state)
{
    (void)state;
    enum { N = 10000, TOP = 500 };
    static ka_key keys[N], rkeys[N];
    static double score[N], rscore[N];
    size_t a[TOP], b[TOP], na, nb;
    for (int i = 0; i < N; i++) {
        keys[i] = num((i * 7919) % N);
        score[i] = (i * 31) % 97;
        rkeys[N - 1 - i] = keys[i];
        rscore[N - 1 - i] = score[i];
    }
    assert_int_equal(ka_rank_top(keys, score, N, TOP, a, &na), KA_OK);
    assert_int_equal(ka_rank_top(rkeys, rscore, N, TOP, b, &nb), KA_OK);
    assert_int_equal(na, TOP);
    for (int j = 0; j < TOP; j++) {
        assert_true(keys[a[j]].num == rkeys[b[j]].num);
        if (j > 0)
            assert_true(score[a[j - 1]] > score[a[j]] ||
                        (score[a[j - 1]] == score[a[j]] && keys[a[j - 1]].num < keys[a[j]].num));
    }
}

static void test_invalid(void **state)
{
    (void)state;
    const ka_key keys[2] = {num(1), num(2)};
    const double score[2] = {1, NAN};
    size_t order[2], n;
    assert_int_equal(ka_rank_top(keys, score, 2, 2, order, &n), KA_ERR_ARG);
    assert_int_equal(ka_rank_top(NULL, score, 2, 2, order, &n), KA_ERR_ARG);
    assert_int_equal(ka_rank_top(keys, score, 1, 2, order, NULL), KA_ERR_ARG);
    assert_int_equal(ka_rank_top(keys, score, 1, 2, NULL, &n), KA_ERR_ARG);
}

int main(void)
{
    const struct CMUnitTest tests[] = {
        cmocka_unit_test(test_help_example),
        cmocka_unit_test(test_ties_and_length),
        cmocka_unit_test(test_order_free),
        cmocka_unit_test(test_invalid),
    };
    return cmocka_run_group_tests(tests, NULL, NULL);
}
