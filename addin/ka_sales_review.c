/* ka_sales_review.c - the sales review (org.keyaccount.calc:SalesReview,
 * docs/commands.md, docs/reviews.md): its arguments read and every input
 * checked before anything is written, then the plan of src/ka_sales_plan.c
 * built by the review engine (ka_review.c). */
#include "ka_commands.h"

#include "ka_i18n.h"
#include "ka_review.h"

#include <stdio.h>
#include <stdlib.h>
#include <string.h>

/* The groups summary has one row per label: more than this is no summary. */
#define MAX_GROUPS 200

/* The rows of the Pareto curve (PARETOCURVE's MaxPoints). */
#define CURVE_POINTS 200

/* The inputs, by their argument names. */
enum { IN_CLIENTS, IN_SALES, IN_PERIODS, IN_GROUPS, IN_COUNT };
static const char *const input_names[IN_COUNT] = {"Clients", "Sales", "Periods", "Groups"};

typedef struct sales_inputs {
    bool given[IN_COUNT];
    ka_review_range range[IN_COUNT];
    size_t rows;   /* clients: the rows up to the last client id */
    char **labels; /* the distinct group labels, ascending (malloc'ed) */
    size_t n_labels;
} sales_inputs;

static void inputs_clear(sales_inputs *in)
{
    for (int i = 0; i < IN_COUNT; i++)
        ka_review_range_clear(&in->range[i]);
    for (size_t i = 0; i < in->n_labels; i++)
        free(in->labels[i]);
    free(in->labels);
}

/* The text Calc shows for a cell of getDataArray, for group labels: a
 * number in the General format, a text as it is (malloc'ed; NULL when out
 * of memory). */
static char *label_of(const uno_Any *a)
{
    double v;
    rtl_uString *s;
    if (ka_uno_any_number(a, &v)) {
        char buf[32];
        snprintf(buf, sizeof buf, "%.15g", v == 0 ? 0.0 : v);
        return strdup(buf);
    }
    if ((s = ka_uno_any_get_string(a)) != NULL)
        return ka_uno_string_utf8(s, NULL);
    return strdup("");
}

static bool cell_empty(const uno_Any *a)
{
    rtl_uString *s = ka_uno_any_get_string(a);
    return ka_uno_any_is_void(a) || (s && s->length == 0);
}

/* Row r, column c of a getDataArray result. */
static const uno_Any *data_at(uno_Sequence *data, size_t r, size_t c)
{
    uno_Sequence *row = KA_UNO_SEQ_AT(data, uno_Sequence *, r);
    return c < (size_t)row->nElements ? &((const uno_Any *)(void *)row->elements)[c] : NULL;
}

static int compare_labels(const void *a, const void *b)
{
    return strcmp(*(char *const *)a, *(char *const *)b);
}

/* Fails with message made from format and the input's name and address. */
static ka_status refuse(const ka_command_env *env, char **message, ka_msg_id id, int input,
                        const sales_inputs *in)
{
    ka_command_message(message, ka_msg(env->lang, id), input_names[input],
                       in->range[input].address ? in->range[input].address : "?");
    return KA_ERR_ARG;
}

/* Parses the given ranges and checks their shapes (no cell read yet). */
static ka_status check_shapes(const ka_command_env *env, sales_inputs *in, char **message)
{
    for (int i = 0; i < IN_COUNT; i++) {
        char *text = NULL;
        ka_status st = ka_command_arg_string(env, input_names[i], &text);
        if (st != KA_OK)
            return st;
        in->given[i] = text && *text;
        if (in->given[i] && (st = ka_review_range_parse(env, text, &in->range[i])) != KA_OK) {
            if (st == KA_ERR_ARG)
                ka_command_message(message, ka_msg(env->lang, KA_MSG_SALES_BAD_RANGE),
                                   input_names[i], text);
            free(text);
            return st;
        }
        free(text);
    }
    if (!in->given[IN_CLIENTS] || (!in->given[IN_SALES] && !in->given[IN_PERIODS])) {
        ka_command_message(message, "%s", ka_msg(env->lang, KA_MSG_SALES_NEED_ARGS));
        return KA_ERR_ARG;
    }
    const ka_review_range *c = &in->range[IN_CLIENTS];
    int rows = c->row1 - c->row0 + 1;
    for (int i = 0; i < IN_COUNT; i++) {
        const ka_review_range *r = &in->range[i];
        if (!in->given[i])
            continue;
        if (r->row1 - r->row0 + 1 > KA_REVIEW_MAX_ROWS) {
            ka_command_message(message, ka_msg(env->lang, KA_MSG_SALES_TOO_MANY), input_names[i],
                               r->row1 - r->row0 + 1, KA_REVIEW_MAX_ROWS);
            return KA_ERR_ARG;
        }
        if (i != IN_PERIODS && r->col0 != r->col1)
            return refuse(env, message, KA_MSG_SALES_NOT_COLUMN, i, in);
        if (i == IN_PERIODS && r->col1 - r->col0 + 1 < 3) {
            ka_command_message(message, ka_msg(env->lang, KA_MSG_SALES_FEW_PERIODS), r->address);
            return KA_ERR_ARG;
        }
        if (r->row1 - r->row0 + 1 != rows)
            return refuse(env, message, KA_MSG_SALES_NOT_ALIGNED, i, in);
    }
    return KA_OK;
}

/* Checks that a numeric input (Sales, Periods) holds numbers or empty
 * cells in its first in->rows rows, and a positive value (a positive row
 * sum for Periods). */
static ka_status check_numbers(const ka_command_env *env, sales_inputs *in, int input,
                               char **message)
{
    uno_Sequence *data = NULL;
    ka_status st = ka_review_range_read(env, &in->range[input], &data);
    if (st != KA_OK)
        return refuse(env, message, KA_MSG_SALES_BAD_RANGE, input, in);
    const ka_review_range *r = &in->range[input];
    size_t cols = (size_t)(r->col1 - r->col0 + 1);
    bool positive = false;
    for (size_t i = 0; st == KA_OK && i < in->rows && i < (size_t)data->nElements; i++) {
        double sum = 0;
        for (size_t j = 0; j < cols; j++) {
            const uno_Any *a = data_at(data, i, j);
            double v = 0;
            if (a && !ka_uno_any_number(a, &v) && !cell_empty(a)) {
                char cell[16];
                ka_plan_cell_name(r->col0 + (int)j, r->row0 + (int)i, cell);
                ka_command_message(message, ka_msg(env->lang, KA_MSG_SALES_TEXT),
                                   input_names[input], cell);
                st = KA_ERR_ARG;
                break;
            }
            sum += v;
        }
        positive = positive || sum > 0;
    }
    ka_uno_sequence_release(data, ka_uno_matrix_any_type());
    if (st == KA_OK && !positive)
        return refuse(env, message, KA_MSG_SALES_NO_NUMBER, input, in);
    return st;
}

/* Reads the client ids: in->rows becomes the rows up to the last id. */
static ka_status read_clients(const ka_command_env *env, sales_inputs *in, char **message)
{
    uno_Sequence *data = NULL;
    if (ka_review_range_read(env, &in->range[IN_CLIENTS], &data) != KA_OK)
        return refuse(env, message, KA_MSG_SALES_BAD_RANGE, IN_CLIENTS, in);
    in->rows = 0;
    for (size_t i = 0; i < (size_t)data->nElements; i++) {
        const uno_Any *a = data_at(data, i, 0);
        if (a && !cell_empty(a))
            in->rows = i + 1;
    }
    ka_uno_sequence_release(data, ka_uno_matrix_any_type());
    if (in->rows == 0) {
        ka_command_message(message, ka_msg(env->lang, KA_MSG_SALES_EMPTY),
                           in->range[IN_CLIENTS].address);
        return KA_ERR_ARG;
    }
    return KA_OK;
}

/* Reads the distinct labels of Groups, ascending. */
static ka_status read_groups(const ka_command_env *env, sales_inputs *in, char **message)
{
    uno_Sequence *data = NULL;
    if (ka_review_range_read(env, &in->range[IN_GROUPS], &data) != KA_OK)
        return refuse(env, message, KA_MSG_SALES_BAD_RANGE, IN_GROUPS, in);
    size_t n = in->rows < (size_t)data->nElements ? in->rows : (size_t)data->nElements;
    char **all = calloc(n ? n : 1, sizeof *all);
    ka_status st = all ? KA_OK : KA_ERR_NOMEM;
    for (size_t i = 0; st == KA_OK && i < n; i++) {
        const uno_Any *a = data_at(data, i, 0);
        if (!(all[i] = a ? label_of(a) : strdup("")))
            st = KA_ERR_NOMEM;
    }
    ka_uno_sequence_release(data, ka_uno_matrix_any_type());
    if (st == KA_OK) {
        qsort(all, n, sizeof *all, compare_labels);
        size_t distinct = 0;
        for (size_t i = 0; i < n; i++) {
            if (distinct > 0 && strcmp(all[distinct - 1], all[i]) == 0) {
                free(all[i]);
                continue;
            }
            all[distinct++] = all[i];
        }
        in->labels = all;
        in->n_labels = distinct;
        all = NULL;
        if (distinct > MAX_GROUPS) {
            ka_command_message(message, ka_msg(env->lang, KA_MSG_SALES_TOO_MANY_GROUPS), distinct,
                               MAX_GROUPS);
            st = KA_ERR_ARG;
        }
    } else {
        for (size_t i = 0; i < n; i++)
            free(all ? all[i] : NULL);
    }
    free(all);
    return st;
}

ka_status ka_command_sales_review(const ka_command_env *env, char **message)
{
    *message = NULL;
    if (!ka_review_is_spreadsheet(env, message))
        return KA_ERR_ARG;
    sales_inputs in;
    memset(&in, 0, sizeof in);
    char *sheet_name = NULL, *sources = NULL;
    const uno_Any *replace_any = ka_uno_property_find(env->args, "Replace");
    double replace = 1;
    if (replace_any)
        ka_uno_any_number(replace_any, &replace);
    ka_status st = check_shapes(env, &in, message);
    if (st == KA_OK)
        st = read_clients(env, &in, message);
    for (int i = 0; st == KA_OK && i < IN_COUNT; i++)
        if (in.given[i])
            st = ka_review_range_rows(env, &in.range[i], (int)in.rows);
    if (st == KA_OK && in.given[IN_SALES])
        st = check_numbers(env, &in, IN_SALES, message);
    if (st == KA_OK && in.given[IN_PERIODS])
        st = check_numbers(env, &in, IN_PERIODS, message);
    if (st == KA_OK && in.given[IN_GROUPS])
        st = read_groups(env, &in, message);
    if (st == KA_OK)
        st = ka_command_arg_string(env, "SheetName", &sheet_name);
    if (st == KA_OK && !(sources = ka_review_sources(input_names, in.given, in.range, IN_COUNT)))
        st = KA_ERR_NOMEM;
    if (st == KA_OK) {
        char points[24];
        snprintf(points, sizeof points, "%d", CURVE_POINTS);
        const ka_plan_var vars[] = {
            {"Clients", in.range[IN_CLIENTS].address},
            {"Sales", in.given[IN_SALES] ? in.range[IN_SALES].address : NULL},
            {"Periods", in.given[IN_PERIODS] ? in.range[IN_PERIODS].address : NULL},
            {"Groups", in.given[IN_GROUPS] ? in.range[IN_GROUPS].address : NULL},
            {"MaxPoints", points},
        };
        const ka_plan_size sizes[] = {
            {"clients", in.rows},
            {"points", in.rows < CURVE_POINTS ? in.rows : CURVE_POINTS},
            {"groups", in.n_labels},
        };
        const ka_plan_list lists[] = {{"groups", (const char *const *)in.labels, in.n_labels}};
        const ka_plan_run run = {
            vars, sizeof vars / sizeof vars[0], sizes, sizeof sizes / sizeof sizes[0], lists, 1};
        st = ka_review_build(env, &ka_sales_plan, &run, sheet_name, replace != 0, sources, message);
    }
    if (st == KA_ERR_NOMEM && !*message)
        ka_command_message(message, "%s", ka_msg(env->lang, KA_MSG_CMD_NOMEM));
    free(sources);
    free(sheet_name);
    inputs_clear(&in);
    return st;
}
