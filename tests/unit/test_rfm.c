/* test_rfm.c - RFM scores and segments (RFMSCORE, RFMSEGMENT): the worked
 * example of the help, ties, a single client, an outsider, the digit rule
 * against a brute-force count, every score of every Bins in the segment
 * table, the table in docs/rfm.md, invalid input. */
#include "ka_test.h"

#include <string.h>

#include "ka_rfm.h"

/* The help's example: the population of RFMSCORE's row in ka_functions.c. */
static void test_help_example(void **state)
{
    (void)state;
    const double since[5] = {10, 30, 60, 5, 90}, freq[5] = {5, 2, 1, 8, 1},
                 mon[5] = {500, 100, 50, 900, 20};
    ka_rfm *rfm;
    int score;
    assert_int_equal(ka_rfm_new(since, freq, mon, 5, &rfm), KA_OK);
    assert_int_equal(ka_rfm_score(rfm, 10, 5, 500, 5, &score), KA_OK);
    assert_int_equal(score, 444);
    const int want[5] = {444, 333, 212, 555, 111};
    for (int i = 0; i < 5; i++) {
        assert_int_equal(ka_rfm_score(rfm, since[i], freq[i], mon[i], 5, &score), KA_OK);
        assert_int_equal(score, want[i]);
    }
    /* better than every client: Bins, not Bins + 1; worse than all: 1 */
    assert_int_equal(ka_rfm_score(rfm, 0, 100, 1e9, 5, &score), KA_OK);
    assert_int_equal(score, 555);
    assert_int_equal(ka_rfm_score(rfm, 1000, 0, -5, 5, &score), KA_OK);
    assert_int_equal(score, 111);
    ka_rfm_free(rfm);
    ka_rfm_free(NULL);
}

/* Equal values get equal digits, however many; a single client is 111. */
static void test_ties_and_single_client(void **state)
{
    (void)state;
    const double same[6] = {3, 3, 3, 3, 3, 3}, freq[6] = {1, 1, 1, 1, 1, 9};
    ka_rfm *rfm;
    int score;
    assert_int_equal(ka_rfm_new(same, freq, same, 6, &rfm), KA_OK);
    assert_int_equal(ka_rfm_score(rfm, 3, 1, 3, 5, &score), KA_OK);
    assert_int_equal(score, 111);
    assert_int_equal(ka_rfm_score(rfm, 3, 9, 3, 5, &score), KA_OK);
    assert_int_equal(score, 151); /* 5 of 6 worse: 1 + floor(25 / 6) */
    assert_int_equal(ka_rfm_score(rfm, -0.0, 1, 3, 5, &score), KA_OK);
    assert_int_equal(score, 511);
    ka_rfm_free(rfm);
    const double one = 7;
    assert_int_equal(ka_rfm_new(&one, &one, &one, 1, &rfm), KA_OK);
    assert_int_equal(ka_rfm_score(rfm, 7, 7, 7, 9, &score), KA_OK);
    assert_int_equal(score, 111);
    ka_rfm_free(rfm);
}

/* The digit rule against a brute-force count of the clients strictly
 * worse, for every Bins, on populations with many ties. */
static void test_digit_rule(void **state)
{
    (void)state;
    enum { N = 97 };
    double v[3][N];
    unsigned s = 11;
    for (int i = 0; i < N; i++)
        for (int k = 0; k < 3; k++) {
            s = s * 1103515245u + 12345u;
            v[k][i] = (double)((s >> 16) % 13) * (k == 2 ? -1.5 : 1);
        }
    ka_rfm *rfm;
    assert_int_equal(ka_rfm_new(v[0], v[1], v[2], N, &rfm), KA_OK);
    for (int bins = KA_RFM_MIN_BINS; bins <= KA_RFM_MAX_BINS; bins++)
        for (int i = 0; i < N; i++) {
            int score, want = 0;
            for (int k = 0; k < 3; k++) {
                int worse = 0;
                for (int j = 0; j < N; j++)
                    worse += k == 0 ? v[0][j] > v[0][i] : v[k][j] < v[k][i];
                want = 10 * want + 1 + bins * worse / N;
            }
            assert_int_equal(ka_rfm_score(rfm, v[0][i], v[1][i], v[2][i], bins, &score), KA_OK);
            assert_int_equal(score, want);
        }
    ka_rfm_free(rfm);
}

/* The levels: the digit itself for Bins 5, 1 and 5 at the ends always. */
static void test_levels(void **state)
{
    (void)state;
    for (int d = 1; d <= 5; d++)
        assert_int_equal(ka_rfm_level(d, 5), d);
    const int nine[9] = {1, 2, 2, 3, 3, 4, 4, 5, 5}, four[4] = {1, 2, 4, 5};
    for (int d = 1; d <= 9; d++)
        assert_int_equal(ka_rfm_level(d, 9), nine[d - 1]);
    for (int d = 1; d <= 4; d++)
        assert_int_equal(ka_rfm_level(d, 4), four[d - 1]);
    for (int bins = KA_RFM_MIN_BINS; bins <= KA_RFM_MAX_BINS; bins++) {
        assert_int_equal(ka_rfm_level(1, bins), 1);
        assert_int_equal(ka_rfm_level(bins, bins), 5);
        for (int d = 2; d <= bins; d++)
            assert_true(ka_rfm_level(d, bins) >= ka_rfm_level(d - 1, bins));
    }
}

/* Every one of the Bins^3 scores of every Bins matches a rule, and the
 * segment is the first matching one; at Bins 5 every segment occurs. */
static void test_every_score_has_one_segment(void **state)
{
    (void)state;
    for (int bins = KA_RFM_MIN_BINS; bins <= KA_RFM_MAX_BINS; bins++) {
        int seen[KA_RFM_RULE_COUNT] = {0};
        for (int r = 1; r <= bins; r++)
            for (int f = 1; f <= bins; f++)
                for (int m = 1; m <= bins; m++) {
                    const int lv[3] = {ka_rfm_level(r, bins), ka_rfm_level(f, bins),
                                       ka_rfm_level(m, bins)};
                    size_t first = KA_RFM_RULE_COUNT, rule;
                    for (size_t i = KA_RFM_RULE_COUNT; i-- > 0;) {
                        int match = 1;
                        for (int k = 0; k < 3; k++)
                            match &=
                                lv[k] >= ka_rfm_rules[i].lo[k] && lv[k] <= ka_rfm_rules[i].hi[k];
                        if (match)
                            first = i;
                    }
                    if (first == KA_RFM_RULE_COUNT)
                        fail_msg("Bins %d, score %d%d%d: no rule", bins, r, f, m);
                    assert_int_equal(ka_rfm_segment(100 * r + 10 * f + m, bins, &rule), KA_OK);
                    assert_int_equal(rule, first);
                    seen[rule]++;
                }
        for (size_t i = 0; bins == 5 && i < KA_RFM_RULE_COUNT; i++)
            if (!seen[i])
                fail_msg("segment %s never occurs at Bins 5", ka_rfm_rules[i].code);
    }
    size_t rule;
    assert_int_equal(ka_rfm_segment(555, 5, &rule), KA_OK);
    assert_string_equal(ka_rfm_rules[rule].code, "champions");
    assert_int_equal(ka_rfm_segment(155, 5, &rule), KA_OK);
    assert_string_equal(ka_rfm_rules[rule].code, "cannot_lose");
    assert_int_equal(ka_rfm_segment(212, 2, &rule), KA_OK);
    assert_string_equal(ka_rfm_rules[rule].code, "new");
    assert_int_equal(ka_rfm_segment(111, 5, &rule), KA_OK);
    assert_string_equal(ka_rfm_rules[rule].code, "lost");
}

/* docs/rfm.md holds the table: one line "| n | code | lo-hi | lo-hi | lo-hi |"
 * per rule, in order, and no other numbered line. */
static void test_docs_table_matches(void **state)
{
    (void)state;
    FILE *f = fopen(ka_test_data_path("../../docs/rfm.md"), "r");
    assert_non_null(f);
    char line[512];
    size_t rows = 0;
    while (fgets(line, sizeof line, f)) {
        unsigned n, lo[3], hi[3];
        char code[64];
        if (sscanf(line, "| %u | `%63[a-z_]` | %u-%u | %u-%u | %u-%u |", &n, code, &lo[0], &hi[0],
                   &lo[1], &hi[1], &lo[2], &hi[2]) != 8)
            continue;
        assert_true(rows < KA_RFM_RULE_COUNT);
        assert_int_equal(n, rows + 1);
        assert_string_equal(code, ka_rfm_rules[rows].code);
        for (int k = 0; k < 3; k++) {
            assert_int_equal(lo[k], ka_rfm_rules[rows].lo[k]);
            assert_int_equal(hi[k], ka_rfm_rules[rows].hi[k]);
        }
        rows++;
    }
    fclose(f);
    assert_int_equal(rows, KA_RFM_RULE_COUNT);
}

static void test_invalid(void **state)
{
    (void)state;
    const double ok[2] = {1, 2}, neg[2] = {1, -1}, nan[2] = {1, NAN}, inf[2] = {1, INFINITY};
    ka_rfm *rfm = (ka_rfm *)1;
    int score;
    size_t rule;
    assert_int_equal(ka_rfm_new(neg, ok, ok, 2, &rfm), KA_ERR_ARG);
    assert_null(rfm);
    assert_int_equal(ka_rfm_new(ok, neg, ok, 2, &rfm), KA_ERR_ARG);
    assert_int_equal(ka_rfm_new(ok, ok, nan, 2, &rfm), KA_ERR_ARG);
    assert_int_equal(ka_rfm_new(ok, ok, inf, 2, &rfm), KA_ERR_ARG);
    assert_int_equal(ka_rfm_new(ok, ok, ok, 0, &rfm), KA_ERR_ARG);
    assert_int_equal(ka_rfm_new(NULL, ok, ok, 2, &rfm), KA_ERR_ARG);
    assert_int_equal(ka_rfm_new(ok, ok, neg, 2, &rfm), KA_OK); /* Monetary may be negative */
    assert_int_equal(ka_rfm_score(rfm, 1, 1, 1, 1, &score), KA_ERR_ARG);
    assert_int_equal(ka_rfm_score(rfm, 1, 1, 1, 10, &score), KA_ERR_ARG);
    assert_int_equal(ka_rfm_score(rfm, -1, 1, 1, 5, &score), KA_ERR_ARG);
    assert_int_equal(ka_rfm_score(rfm, 1, NAN, 1, 5, &score), KA_ERR_ARG);
    assert_int_equal(ka_rfm_score(NULL, 1, 1, 1, 5, &score), KA_ERR_ARG);
    ka_rfm_free(rfm);
    const double bad_scores[] = {0, 110, 556, 1000, 54.5, NAN, INFINITY, -555, 505, 1e300};
    for (size_t i = 0; i < sizeof bad_scores / sizeof bad_scores[0]; i++)
        assert_int_equal(ka_rfm_segment(bad_scores[i], 5, &rule), KA_ERR_ARG);
    assert_int_equal(ka_rfm_segment(545, 4, &rule), KA_ERR_ARG);
    assert_int_equal(ka_rfm_segment(545, 1, &rule), KA_ERR_ARG);
    assert_int_equal(ka_rfm_segment(545, 10, &rule), KA_ERR_ARG);
    assert_int_equal(ka_rfm_segment(999, 9, &rule), KA_OK);
}

int main(void)
{
    const struct CMUnitTest tests[] = {
        cmocka_unit_test(test_help_example),
        cmocka_unit_test(test_ties_and_single_client),
        cmocka_unit_test(test_digit_rule),
        cmocka_unit_test(test_levels),
        cmocka_unit_test(test_every_score_has_one_segment),
        cmocka_unit_test(test_docs_table_matches),
        cmocka_unit_test(test_invalid),
    };
    return cmocka_run_group_tests(tests, NULL, NULL);
}
