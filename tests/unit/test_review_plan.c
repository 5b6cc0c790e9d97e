/* test_review_plan.c - unit tests of ka_review_plan (layout, references,
 * templates) and of the sales review's plan (src/ka_sales_plan.c): every
 * block fits and none overlaps another, every template expands, every
 * chart and colour scale points at cells of the review. */
#include "ka_test.h"

#include <string.h>

#include "ka_review_plan.h"

#define COUNT(a) (sizeof(a) / sizeof((a)[0]))

/* A small plan of the tests. */
static const ka_plan_block small_blocks[] = {
    {"ids", KA_BLOCK_ARRAY, NULL, 0, 2, 1, 0, "clients", NULL, NULL, "={Clients}", KA_MSG_COUNT,
     KA_FORMAT_NONE, KA_STYLE_PLAIN},
    {"pair", KA_BLOCK_ARRAY, NULL, 1, 2, 2, 0, "clients", "Sales", NULL, "={Sales}", KA_MSG_COUNT,
     KA_FORMAT_NONE, KA_STYLE_PLAIN},
    {"under", KA_BLOCK_FILL, "ids", 0, 1, 1, 3, NULL, NULL, NULL, "={@ids.1.k}*{k}+{j}",
     KA_MSG_COUNT, KA_FORMAT_NONE, KA_STYLE_PLAIN},
    {"late", KA_BLOCK_CELL, NULL, 5, 0, 1, 1, NULL, "Periods", NULL, "={Periods}", KA_MSG_COUNT,
     KA_FORMAT_NONE, KA_STYLE_PLAIN},
};
static const ka_review_plan small_plan = {
    "Test", KA_MSG_SALES_TITLE, small_blocks, COUNT(small_blocks), NULL, 0, NULL, 0, NULL, 0, 0, 0};

static const ka_plan_var small_vars[] = {
    {"Clients", "$Data.$A$2:$A$11"}, {"Sales", "$Data.$B$2:$C$11"}, {"Periods", NULL}};
static const ka_plan_size small_sizes[] = {{"clients", 10}};
static const ka_plan_run small_run = {
    small_vars, COUNT(small_vars), small_sizes, COUNT(small_sizes), NULL, 0};

static char *expand(const ka_plan_rect *layout, const char *tpl, int k, int j)
{
    char *out = NULL;
    assert_int_equal(ka_plan_expand(&small_plan, layout, &small_run, tpl, k, j, &out), KA_OK);
    assert_non_null(out);
    return out;
}

static void assert_expands(const ka_plan_rect *layout, const char *tpl, int k, const char *want)
{
    char *got = expand(layout, tpl, k, 1);
    assert_string_equal(got, want);
    free(got);
}

static void test_layout_and_extent(void **state)
{
    ka_plan_rect r[COUNT(small_blocks)];
    assert_int_equal(ka_plan_layout(&small_plan, &small_run, r), KA_OK);
    assert_true(r[0].present);
    assert_int_equal(r[0].row0, 2);
    assert_int_equal(r[0].row1, 11); /* 10 clients */
    assert_int_equal(r[1].col1, 2);
    /* below ids: its first column, from the row after its last one */
    assert_int_equal(r[2].col0, 0);
    assert_int_equal(r[2].row0, 13);
    assert_int_equal(r[2].row1, 15);
    assert_false(r[3].present); /* Periods not given */
}

static void test_references(void **state)
{
    ka_plan_rect r[COUNT(small_blocks)];
    assert_int_equal(ka_plan_layout(&small_plan, &small_run, r), KA_OK);
    assert_expands(r, "={@ids}", 1, "=$A$3:$A$12");
    assert_expands(r, "=SUM({@pair.2})", 1, "=SUM($C$3:$C$12)");
    assert_expands(r, "={@pair.1-2}", 1, "=$B$3:$C$12");
    assert_expands(r, "={@pair.2.3}", 1, "=$C$5");
    assert_expands(r, "={@ids.1.k}", 4, "=$A$6");
    assert_expands(r, "={Clients};{Sales}", 1, "=$Data.$A$2:$A$11;$Data.$B$2:$C$11");
    assert_expands(r, "={{1;2}}+{k}", 7, "={1;2}+7");
    char *out = expand(r, "={k}-{j}", 2, 3);
    assert_string_equal(out, "=2-3");
    free(out);

    ka_plan_rect one;
    assert_int_equal(ka_plan_ref(&small_plan, r, "pair.2", 6, &one), KA_OK);
    assert_int_equal(one.col0, 2);
    assert_int_equal(one.col1, 2);
    assert_int_equal(one.row0, 2);
}

static void test_bad_templates(void **state)
{
    ka_plan_rect r[COUNT(small_blocks)];
    assert_int_equal(ka_plan_layout(&small_plan, &small_run, r), KA_OK);
    static const char *const bad[] = {
        "={Nobody}",    /* unknown variable */
        "={Periods}",   /* not given */
        "={@late}",     /* a block this run does not have */
        "={@nothing}",  /* no such block */
        "={@pair.3}",   /* column outside */
        "={@pair.2-1}", /* columns reversed */
        "={@ids.1.11}", /* row outside */
        "={@ids.1.k}",  /* k with k = 0 is not allowed outside FILL (see below) */
        "={@ids.x}",    /* not a number */
        "={Clients",    /* unbalanced */
        "=A1}",         /* unbalanced */
        "={}",          /* empty */
    };
    for (size_t i = 0; i < COUNT(bad); i++) {
        char *out = (char *)"untouched";
        int k = i == 7 ? 0 : 1;
        ka_status st = ka_plan_expand(&small_plan, r, &small_run, bad[i], k, 1, &out);
        if (st == KA_OK)
            fail_msg("%s expanded to %s", bad[i], out);
        assert_null(out);
    }
}

static void test_bad_layouts(void **state)
{
    ka_plan_rect r[2];
    static const ka_plan_block below_later[] = {
        {"a", KA_BLOCK_CELL, "b", 0, 0, 1, 1, NULL, NULL, NULL, "=1", KA_MSG_COUNT, 0, 0},
        {"b", KA_BLOCK_CELL, NULL, 0, 0, 1, 1, NULL, NULL, NULL, "=1", KA_MSG_COUNT, 0, 0},
    };
    static const ka_plan_block too_tall[] = {
        {"a", KA_BLOCK_ARRAY, NULL, 0, 5, 1, 0, "clients", NULL, NULL, "=1", KA_MSG_COUNT, 0, 0},
    };
    static const ka_plan_block unknown_extent[] = {
        {"a", KA_BLOCK_ARRAY, NULL, 0, 5, 1, 0, "groups", NULL, NULL, "=1", KA_MSG_COUNT, 0, 0},
    };
    const ka_review_plan p1 = {
        "T", KA_MSG_SALES_TITLE, below_later, 2, NULL, 0, NULL, 0, NULL, 0, 0, 0};
    const ka_review_plan p2 = {"T", KA_MSG_SALES_TITLE, too_tall, 1, NULL, 0, NULL, 0, NULL, 0, 0,
                               0};
    const ka_review_plan p3 = {
        "T", KA_MSG_SALES_TITLE, unknown_extent, 1, NULL, 0, NULL, 0, NULL, 0, 0, 0};
    const ka_plan_size all_rows[] = {{"clients", KA_PLAN_MAX_ROWS}};
    const ka_plan_run tall = {NULL, 0, all_rows, 1, NULL, 0};
    assert_int_equal(ka_plan_layout(&p1, &small_run, r), KA_ERR_ARG);
    assert_int_equal(ka_plan_layout(&p2, &tall, r), KA_ERR_ARG);
    assert_int_equal(ka_plan_layout(&p3, &small_run, r), KA_ERR_ARG);
}

static void test_cell_names(void **state)
{
    char buf[16];
    ka_plan_cell_name(0, 0, buf);
    assert_string_equal(buf, "$A$1");
    ka_plan_cell_name(25, 9, buf);
    assert_string_equal(buf, "$Z$10");
    ka_plan_cell_name(26, 0, buf);
    assert_string_equal(buf, "$AA$1");
    ka_plan_cell_name(33, 4, buf);
    assert_string_equal(buf, "$AH$5");
    ka_plan_cell_name(KA_PLAN_MAX_COLS - 1, KA_PLAN_MAX_ROWS - 1, buf);
    assert_string_equal(buf, "$XFD$1048576");
}

/* ---- the sales review's plan ---- */

static int overlap(const ka_plan_rect *a, const ka_plan_rect *b)
{
    return a->col0 <= b->col1 && b->col0 <= a->col1 && a->row0 <= b->row1 && b->row0 <= a->row1;
}

/* Lays the sales plan out for a run and checks it whole. */
static void check_sales_run(const ka_plan_var *vars, size_t n_vars, size_t clients, size_t groups)
{
    const char *const labels[] = {"East", "North", "South"};
    const ka_plan_size sizes[] = {
        {"clients", clients}, {"points", clients < 200 ? clients : 200}, {"groups", groups}};
    const ka_plan_list lists[] = {{"groups", labels, groups}};
    const ka_plan_run run = {vars, n_vars, sizes, COUNT(sizes), lists, 1};
    const ka_review_plan *p = &ka_sales_plan;
    ka_plan_rect *r = calloc(p->n_blocks, sizeof *r);
    assert_non_null(r);
    assert_int_equal(ka_plan_layout(p, &run, r), KA_OK);
    for (size_t i = 0; i < p->n_blocks; i++) {
        if (!r[i].present)
            continue;
        for (size_t k = 0; k < i; k++)
            if (r[k].present && overlap(&r[i], &r[k]))
                fail_msg("blocks %zu (%s) and %zu (%s) overlap", i,
                         p->blocks[i].name ? p->blocks[i].name : "-", k,
                         p->blocks[k].name ? p->blocks[k].name : "-");
        const ka_plan_block *b = &p->blocks[i];
        if (b->kind == KA_BLOCK_CELL || b->kind == KA_BLOCK_ARRAY || b->kind == KA_BLOCK_FILL) {
            int rows = b->kind == KA_BLOCK_FILL ? r[i].row1 - r[i].row0 + 1 : 1;
            int cols = b->kind == KA_BLOCK_FILL ? r[i].col1 - r[i].col0 + 1 : 1;
            for (int k = 1; k <= rows; k++)
                for (int j = 1; j <= cols; j++) {
                    char *out = NULL;
                    ka_status st = ka_plan_expand(p, r, &run, b->formula, k, j, &out);
                    if (st != KA_OK)
                        fail_msg("block %zu: %s does not expand", i, b->formula);
                    assert_true(out[0] == '=');
                    assert_null(strstr(out, "{@"));
                    free(out);
                }
        }
        if (b->kind == KA_BLOCK_TEXT || b->kind == KA_BLOCK_STAMP)
            assert_true(b->text < KA_MSG_COUNT);
    }
    for (size_t i = 0; i < p->n_charts; i++) {
        const ka_plan_chart *c = &p->charts[i];
        ka_plan_rect one;
        for (size_t k = 0; k < KA_PLAN_CHART_RANGES && c->ranges[k]; k++) {
            assert_int_equal(ka_plan_ref(p, r, c->ranges[k], strlen(c->ranges[k]), &one), KA_OK);
            /* the row above holds the series' names */
            assert_true(one.row0 >= 1);
        }
        assert_int_equal(ka_plan_ref(p, r, c->at, strlen(c->at), &one), KA_OK);
    }
    size_t scales = 0;
    for (size_t i = 0; i < p->n_scales; i++) {
        ka_plan_rect one;
        scales += ka_plan_ref(p, r, p->scales[i].ref, strlen(p->scales[i].ref), &one) == KA_OK;
    }
    assert_int_equal(scales, ka_plan_var_value(&run, "Periods") ? 2 : 0);
    free(r);
}

static void test_sales_plan_every_run(void **state)
{
    const ka_plan_var all[] = {{"Clients", "$Data.$A$2:$A$61"},
                               {"Sales", NULL},
                               {"Periods", "$Data.$C$2:$N$61"},
                               {"Groups", "$Data.$O$2:$O$61"},
                               {"MaxPoints", "200"}};
    const ka_plan_var sales_only[] = {{"Clients", "$Data.$A$2:$A$61"},
                                      {"Sales", "$Data.$B$2:$B$61"},
                                      {"Periods", NULL},
                                      {"Groups", NULL},
                                      {"MaxPoints", "200"}};
    check_sales_run(all, COUNT(all), 60, 3);
    check_sales_run(sales_only, COUNT(sales_only), 60, 0);
    check_sales_run(all, COUNT(all), 1, 1);
    check_sales_run(sales_only, COUNT(sales_only), 200000, 0);
}

static void test_sales_plan_sales_column(void **state)
{
    /* with Periods only, the sales are the row sums; with Sales, Sales */
    const ka_plan_var periods[] = {
        {"Clients", "C"}, {"Sales", NULL}, {"Periods", "P"}, {"Groups", NULL}, {"MaxPoints", "9"}};
    const ka_plan_var both[] = {
        {"Clients", "C"}, {"Sales", "S"}, {"Periods", "P"}, {"Groups", NULL}, {"MaxPoints", "9"}};
    const ka_plan_size sizes[] = {{"clients", 5}, {"points", 5}, {"groups", 0}};
    const ka_review_plan *p = &ka_sales_plan;
    ka_plan_rect *r = calloc(p->n_blocks, sizeof *r);
    for (int pass = 0; pass < 2; pass++) {
        const ka_plan_run run = {pass ? both : periods, 5, sizes, 3, NULL, 0};
        assert_int_equal(ka_plan_layout(p, &run, r), KA_OK);
        int found = 0;
        for (size_t i = 0; i < p->n_blocks; i++)
            if (r[i].present && p->blocks[i].name && strcmp(p->blocks[i].name, "sales") == 0) {
                found++;
                assert_string_equal(p->blocks[i].formula,
                                    pass ? "={Sales}"
                                         : "=MMULT({Periods};TRANSPOSE(COLUMN({Periods})^0))");
            }
        assert_int_equal(found, 1);
    }
    free(r);
}

int main(void)
{
    const struct CMUnitTest tests[] = {
        cmocka_unit_test(test_layout_and_extent),
        cmocka_unit_test(test_references),
        cmocka_unit_test(test_bad_templates),
        cmocka_unit_test(test_bad_layouts),
        cmocka_unit_test(test_cell_names),
        cmocka_unit_test(test_sales_plan_every_run),
        cmocka_unit_test(test_sales_plan_sales_column),
    };
    return cmocka_run_group_tests(tests, NULL, NULL);
}
