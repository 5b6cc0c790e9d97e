/* test_migration.c - the class-migration table (MIGRATION): the worked
 * examples of the help, new and lost clients, weights, one client, one
 * class, no client, label order, order independence, invalid input. */
#include "ka_test.h"

#include <string.h>

#include "ka_migration.h"

static ka_label lab(const char *s)
{
    ka_label l = {s, s ? strlen(s) : 0};
    return l;
}

/* Cell (i, j) of the table, the totals at k = number of classes. */
static double at(const ka_migration *m, size_t i, size_t j)
{
    const size_t k = m->n_labels + (size_t)m->has_empty;
    return m->cells[i * (k + 1) + j];
}

static void test_help_examples(void **state)
{
    (void)state;
    const ka_label from[3] = {lab("A"), lab("A"), lab("B")}, to[3] = {lab("A"), lab("B"), lab("B")};
    ka_migration *m;
    assert_int_equal(ka_migration_new(from, to, NULL, 3, &m), KA_OK);
    assert_int_equal(m->n_labels, 2);
    assert_false(m->has_empty);
    assert_string_equal(m->labels[0], "A");
    assert_string_equal(m->labels[1], "B");
    assert_true(at(m, 0, 0) == 1 && at(m, 0, 1) == 1 && at(m, 1, 0) == 0 && at(m, 1, 1) == 1);
    assert_true(at(m, 0, 2) == 2 && at(m, 1, 2) == 1 && at(m, 2, 0) == 1 && at(m, 2, 1) == 2 &&
                at(m, 2, 2) == 3);
    ka_migration_free(m);

    /* the second example: B's client lost, "-" after the labels */
    const ka_label to2[3] = {lab("A"), lab("B"), lab(NULL)};
    assert_int_equal(ka_migration_new(from, to2, NULL, 3, &m), KA_OK);
    assert_int_equal(m->n_labels, 2);
    assert_true(m->has_empty);
    assert_true(at(m, 1, 2) == 1 && at(m, 2, 2) == 0 && at(m, 3, 3) == 3 && at(m, 3, 2) == 1);
    ka_migration_free(m);
}

/* Labels of both periods together, in byte order (digits, upper, lower,
 * UTF-8); a row empty in both is skipped; new clients in the "-" row. */
static void test_labels_new_and_lost(void **state)
{
    (void)state;
    const ka_label from[6] = {lab("b"), lab("B"), lab(NULL), lab(NULL), lab("\xc3\xa9"), lab("10")};
    const ka_label to[6] = {lab("B"), lab(NULL), lab("a"), lab(NULL), lab("b"), lab("9")};
    ka_migration *m;
    assert_int_equal(ka_migration_new(from, to, NULL, 6, &m), KA_OK);
    const char *want[7] = {"10", "9", "B", "a", "b", "\xc3\xa9"};
    assert_int_equal(m->n_labels, 6);
    for (size_t i = 0; i < 6; i++)
        assert_string_equal(m->labels[i], want[i]);
    assert_true(m->has_empty);
    /* classes 0..5 as want, 6 = "-", 7 = Total */
    assert_true(at(m, 4, 2) == 1); /* b -> B */
    assert_true(at(m, 2, 6) == 1); /* B lost */
    assert_true(at(m, 6, 3) == 1); /* new in a */
    assert_true(at(m, 5, 4) == 1); /* é -> b */
    assert_true(at(m, 0, 1) == 1); /* "10" -> "9" */
    assert_true(at(m, 7, 7) == 5); /* five clients: the empty row is none */
    assert_true(at(m, 6, 6) == 0 && at(m, 6, 7) == 1 && at(m, 7, 6) == 1);
    ka_migration_free(m);
}

/* Weights are summed per cell; a row empty in both is not read (its
 * weight may be anything); negative weights are kept. */
static void test_weights(void **state)
{
    (void)state;
    const ka_label from[5] = {lab("AX"), lab("AX"), lab("BY"), lab(NULL), lab("BY")};
    const ka_label to[5] = {lab("AX"), lab("AX"), lab(NULL), lab(NULL), lab("AX")};
    const double w[5] = {100.5, -0.5, 7, NAN, 2};
    ka_migration *m;
    assert_int_equal(ka_migration_new(from, to, w, 5, &m), KA_OK);
    assert_true(at(m, 0, 0) == 100 && at(m, 1, 0) == 2 && at(m, 1, 2) == 7);
    assert_true(at(m, 0, 3) == 100 && at(m, 1, 3) == 9 && at(m, 3, 0) == 102 && at(m, 3, 3) == 109);
    ka_migration_free(m);
}

/* One client, one class, no client. */
static void test_small(void **state)
{
    (void)state;
    ka_migration *m;
    const ka_label a = lab("A"), none = lab(NULL);
    assert_int_equal(ka_migration_new(&a, &a, NULL, 1, &m), KA_OK);
    assert_true(m->n_labels == 1 && !m->has_empty && at(m, 0, 0) == 1 && at(m, 1, 1) == 1);
    ka_migration_free(m);
    assert_int_equal(ka_migration_new(&none, &a, NULL, 1, &m), KA_OK);
    assert_true(m->n_labels == 1 && m->has_empty && at(m, 1, 0) == 1 && at(m, 0, 1) == 0);
    ka_migration_free(m);
    assert_int_equal(ka_migration_new(&none, &none, NULL, 1, &m), KA_OK);
    assert_true(m->n_labels == 0 && !m->has_empty && at(m, 0, 0) == 0);
    ka_migration_free(m);
    assert_int_equal(ka_migration_new(NULL, NULL, NULL, 0, &m), KA_OK);
    assert_true(m->n_labels == 0 && at(m, 0, 0) == 0);
    ka_migration_free(m);
    ka_migration_free(NULL);
}

/* Rows in any order give the same bits (weights that round differently in
 * another order). */
static void test_order_free(void **state)
{
    (void)state;
    enum { N = 300 };
    static const char *const names[4] = {"A", "B", "C", NULL};
    static ka_label from[N], to[N], from2[N], to2[N];
    static double w[N], w2[N];
    for (int i = 0; i < N; i++) {
        from[i] = lab(names[i % 4]);
        to[i] = lab(names[(i * 7 + 1) % 4]);
        w[i] = (i % 5 == 0 ? 1e17 : 0.3) * (i % 2 ? -1 : 1) + i * 1e-4;
    }
    ka_migration *m, *m2;
    assert_int_equal(ka_migration_new(from, to, w, N, &m), KA_OK);
    unsigned s = 3;
    for (int k = 0; k < 5; k++) {
        memcpy(from2, from, sizeof from);
        memcpy(to2, to, sizeof to);
        memcpy(w2, w, sizeof w);
        for (int i = N - 1; i > 0; i--) {
            s = s * 1103515245u + 12345u;
            int j = (int)((s >> 8) % (unsigned)(i + 1));
            ka_label t = from2[i];
            from2[i] = from2[j];
            from2[j] = t;
            t = to2[i];
            to2[i] = to2[j];
            to2[j] = t;
            double tw = w2[i];
            w2[i] = w2[j];
            w2[j] = tw;
        }
        assert_int_equal(ka_migration_new(from2, to2, w2, N, &m2), KA_OK);
        assert_int_equal(m2->n_labels, m->n_labels);
        const size_t k1 = m->n_labels + (size_t)m->has_empty + 1;
        assert_memory_equal(m->cells, m2->cells, k1 * k1 * sizeof *m->cells);
        ka_migration_free(m2);
    }
    ka_migration_free(m);
}

static void test_invalid(void **state)
{
    (void)state;
    ka_migration *m = (ka_migration *)1;
    const ka_label a = lab("A");
    const double inf = INFINITY, huge = 1e300;
    assert_int_equal(ka_migration_new(&a, &a, &inf, 1, &m), KA_ERR_ARG);
    assert_null(m);
    assert_int_equal(ka_migration_new(&a, &a, &huge, 1, &m), KA_ERR_ARG);
    assert_int_equal(ka_migration_new(NULL, &a, NULL, 1, &m), KA_ERR_ARG);
    /* 1001 distinct labels */
    enum { N = KA_MIGRATION_MAX_LABELS + 1 };
    static char text[N][12];
    static ka_label many[N];
    for (int i = 0; i < N; i++) {
        snprintf(text[i], sizeof text[i], "%d", i);
        many[i] = lab(text[i]);
    }
    assert_int_equal(ka_migration_new(many, many, NULL, N, &m), KA_ERR_ARG);
    assert_int_equal(ka_migration_new(many, many, NULL, N - 1, &m), KA_OK);
    ka_migration_free(m);
}

int main(void)
{
    const struct CMUnitTest tests[] = {
        cmocka_unit_test(test_help_examples), cmocka_unit_test(test_labels_new_and_lost),
        cmocka_unit_test(test_weights),       cmocka_unit_test(test_small),
        cmocka_unit_test(test_order_free),    cmocka_unit_test(test_invalid),
    };
    return cmocka_run_group_tests(tests, NULL, NULL);
}
