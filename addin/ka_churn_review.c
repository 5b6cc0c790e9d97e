/* ka_churn_review.c - the churn review (org.keyaccount.calc:ChurnReview,
 * docs/commands.md, docs/reviews.md): its arguments read and the order
 * log checked before anything is written, then the plan of
 * src/ka_churn_plan.c built by the review engine (ka_review.c). */
#include "ka_commands.h"

#include "ka_args.h"
#include "ka_i18n.h"
#include "ka_review.h"
#include "ka_summary.h"

#include <math.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>

/* The client table starts below the headings (ka_churn_plan.c's HEAD_ROW). */
#define TABLE_ROW 5

/* Defaults of the options (docs/commands.md). */
#define DEFAULT_UNIT 7
#define DEFAULT_HORIZON 52
#define DEFAULT_LAPSE 180
/* Largest time unit and horizon: a century of days. */
#define MAX_UNIT 36525
#define MAX_HORIZON 1e6

/* The log's columns, by their argument names. */
enum { IN_ORDERS, IN_DATES, IN_AMOUNTS, IN_COUNT };
static const char *const input_names[IN_COUNT] = {"Orders", "Dates", "Amounts"};

typedef struct churn_inputs {
    bool given[IN_COUNT];
    ka_review_range range[IN_COUNT];
    double unit, horizon, lapse, as_of; /* as_of NAN: the log's last date */
    size_t rows;                        /* the log's rows up to the last client */
    size_t clients;                     /* distinct clients up to AsOf */
} churn_inputs;

static void inputs_clear(churn_inputs *in)
{
    for (int i = 0; i < IN_COUNT; i++)
        ka_review_range_clear(&in->range[i]);
}

/* A numeric option: a number or a text holding one; *v = def when absent.
 * False when it is given but no number. */
static bool option_number(const ka_command_env *env, const char *name, double def, double *v)
{
    const uno_Any *a = ka_uno_property_find(env->args, name);
    *v = def;
    if (!a || ka_uno_any_is_void(a))
        return true;
    if (ka_uno_any_number(a, v))
        return isfinite(*v);
    rtl_uString *s = ka_uno_any_get_string(a);
    char *text = s ? ka_uno_string_utf8(s, NULL) : NULL, *end = NULL;
    bool ok = false;
    if (text) {
        *v = strtod(text, &end);
        ok = end != text && *end == '\0' && isfinite(*v);
    }
    free(text);
    return ok;
}

/* Reads Unit, Horizon, LapseDays and AsOf; a refusal names the option. */
static ka_status read_options(const ka_command_env *env, churn_inputs *in, char **message)
{
    ka_msg_id bad = KA_MSG_COUNT;
    double as_of;
    if (!option_number(env, "Unit", DEFAULT_UNIT, &in->unit) ||
        !(in->unit >= 1.0 / 24 && in->unit <= MAX_UNIT))
        bad = KA_MSG_CHURN_BAD_UNIT;
    else if (!option_number(env, "Horizon", DEFAULT_HORIZON, &in->horizon) ||
             !(in->horizon > 0 && in->horizon <= MAX_HORIZON))
        bad = KA_MSG_CHURN_BAD_HORIZON;
    else if (!option_number(env, "LapseDays", DEFAULT_LAPSE, &in->lapse) ||
             !(in->lapse >= 1 && in->lapse <= KA_LAPSE_MAX_DAYS) || in->lapse != floor(in->lapse))
        bad = KA_MSG_CHURN_BAD_LAPSE;
    else if (!option_number(env, "AsOf", NAN, &as_of) ||
             (!isnan(as_of) && !(fabs(as_of) <= KA_SUMMARY_MAX_DATE)))
        bad = KA_MSG_CHURN_BAD_AS_OF;
    if (bad != KA_MSG_COUNT) {
        ka_command_message(message, "%s", ka_msg(env->lang, bad));
        return KA_ERR_ARG;
    }
    in->as_of = as_of;
    return KA_OK;
}

/* Parses the given ranges and checks their shapes (no cell read yet). */
static ka_status check_shapes(const ka_command_env *env, churn_inputs *in, char **message)
{
    for (int i = 0; i < IN_COUNT; i++) {
        char *text = NULL;
        ka_status st = ka_command_arg_string(env, input_names[i], &text);
        if (st != KA_OK)
            return st;
        in->given[i] = text && *text;
        if (in->given[i] && (st = ka_review_range_parse(env, text, &in->range[i])) != KA_OK) {
            if (st == KA_ERR_ARG)
                ka_command_message(message, ka_msg(env->lang, KA_MSG_CHURN_BAD_RANGE),
                                   input_names[i], text);
            free(text);
            return st;
        }
        free(text);
    }
    if (!in->given[IN_ORDERS] || !in->given[IN_DATES]) {
        ka_command_message(message, "%s", ka_msg(env->lang, KA_MSG_CHURN_NEED_ARGS));
        return KA_ERR_ARG;
    }
    const ka_review_range *o = &in->range[IN_ORDERS];
    for (int i = 0; i < IN_COUNT; i++) {
        const ka_review_range *r = &in->range[i];
        if (!in->given[i])
            continue;
        if (r->col0 != r->col1) {
            ka_command_message(message, ka_msg(env->lang, KA_MSG_CHURN_NOT_COLUMN), input_names[i]);
            return KA_ERR_ARG;
        }
        if (r->row1 - r->row0 != o->row1 - o->row0) {
            ka_command_message(message, "%s", ka_msg(env->lang, KA_MSG_CHURN_NOT_ALIGNED));
            return KA_ERR_ARG;
        }
    }
    return KA_OK;
}

/* The order log read and checked: every line with a client has a date
 * (and an amount); in->rows the rows up to the last client, in->clients
 * the distinct clients up to AsOf.  Refuses a log without a client or
 * without a client who bought on two days (the model has no fit). */
static ka_status read_log(const ka_command_env *env, churn_inputs *in, char **message)
{
    uno_Sequence *data[IN_COUNT] = {NULL};
    ka_key *keys = NULL;
    bool *present = NULL, *is_number = NULL;
    double *dates = NULL, *first = NULL, *last = NULL;
    size_t *line = NULL, n = 0, rows, cols;
    char *arena = NULL;
    ka_status st = KA_OK;
    for (int i = 0; i < IN_COUNT && st == KA_OK; i++)
        if (in->given[i] && ka_review_range_read(env, &in->range[i], &data[i]) != KA_OK) {
            ka_command_message(message, ka_msg(env->lang, KA_MSG_CHURN_BAD_RANGE), input_names[i],
                               in->range[i].address);
            st = KA_ERR_ARG;
        }
    if (st == KA_OK) {
        ka_matrix_shape(data[IN_ORDERS], &rows, &cols);
        n = rows * cols;
        const size_t room = n ? n : 1;
        keys = malloc(room * sizeof *keys);
        present = malloc(room * sizeof *present);
        is_number = malloc(room * sizeof *is_number);
        dates = malloc(room * sizeof *dates);
        line = malloc(room * sizeof *line);
        first = malloc(room * sizeof *first);
        last = malloc(room * sizeof *last);
        if (!keys || !present || !is_number || !dates || !line || !first || !last)
            st = KA_ERR_NOMEM;
    }
    if (st == KA_OK)
        st = ka_keys_from_matrix(data[IN_ORDERS], keys, present, &arena);
    size_t m = 0;
    if (st == KA_OK) {
        ka_numbers_of_matrix(data[IN_DATES], dates, is_number);
        for (size_t i = 0; i < n && st == KA_OK; i++) {
            if (!present[i])
                continue;
            if (!is_number[i] || !(fabs(dates[i]) <= KA_SUMMARY_MAX_DATE)) {
                ka_command_message(message, ka_msg(env->lang, KA_MSG_CHURN_NO_DATE), i + 1);
                st = KA_ERR_ARG;
            }
            keys[m] = keys[i];
            dates[m++] = dates[i];
            in->rows = i + 1;
        }
    }
    if (st == KA_OK && in->given[IN_AMOUNTS]) {
        double *amounts = malloc((n ? n : 1) * sizeof *amounts);
        if (!amounts)
            st = KA_ERR_NOMEM;
        else
            ka_numbers_of_matrix(data[IN_AMOUNTS], amounts, is_number);
        for (size_t i = 0; i < n && st == KA_OK; i++)
            if (present[i] && (!is_number[i] || !(fabs(amounts[i]) <= KA_SUMMARY_MAX_AMOUNT))) {
                ka_command_message(message, ka_msg(env->lang, KA_MSG_CHURN_NO_AMOUNT), i + 1);
                st = KA_ERR_ARG;
            }
        free(amounts);
    }
    size_t k = 0;
    if (st == KA_OK && m == 0) {
        ka_command_message(message, "%s", ka_msg(env->lang, KA_MSG_CHURN_EMPTY));
        st = KA_ERR_ARG;
    }
    if (st == KA_OK &&
        (st = ka_purchase_clients(keys, dates, m, in->as_of, line, first, last, &k)) != KA_OK)
        ka_command_message(message, "%s", ka_msg(env->lang, KA_MSG_CHURN_BAD_AS_OF));
    bool repeat = false;
    for (size_t j = 0; j < k && !repeat; j++)
        repeat = first[j] != last[j];
    if (st == KA_OK && k == 0) {
        ka_command_message(message, "%s", ka_msg(env->lang, KA_MSG_CHURN_EMPTY));
        st = KA_ERR_ARG;
    } else if (st == KA_OK && !repeat) {
        ka_command_message(message, "%s", ka_msg(env->lang, KA_MSG_CHURN_NO_REPEAT));
        st = KA_ERR_ARG;
    } else if (st == KA_OK && k > (size_t)(KA_PLAN_MAX_ROWS - TABLE_ROW)) {
        ka_command_message(message, "%s", ka_msg(env->lang, KA_MSG_CHURN_TOO_MANY));
        st = KA_ERR_ARG;
    }
    in->clients = k;
    for (int i = 0; i < IN_COUNT; i++)
        if (data[i])
            ka_uno_sequence_release(data[i], ka_uno_matrix_any_type());
    free(keys);
    free(present);
    free(is_number);
    free(dates);
    free(line);
    free(first);
    free(last);
    free(arena);
    return st;
}

ka_status ka_command_churn_review(const ka_command_env *env, char **message)
{
    *message = NULL;
    if (!ka_review_is_spreadsheet(env, message))
        return KA_ERR_ARG;
    churn_inputs in;
    memset(&in, 0, sizeof in);
    char *sheet_name = NULL, *sources = NULL, *as_of = NULL;
    const uno_Any *replace_any = ka_uno_property_find(env->args, "Replace");
    double replace = 1;
    if (replace_any)
        ka_uno_any_number(replace_any, &replace);
    ka_status st = check_shapes(env, &in, message);
    if (st == KA_OK)
        st = read_options(env, &in, message);
    if (st == KA_OK)
        st = read_log(env, &in, message);
    for (int i = 0; st == KA_OK && i < IN_COUNT; i++)
        if (in.given[i])
            st = ka_review_range_rows(env, &in.range[i], (int)in.rows);
    if (st == KA_OK)
        st = ka_command_arg_string(env, "SheetName", &sheet_name);
    if (st == KA_OK && !(sources = ka_review_sources(input_names, in.given, in.range, IN_COUNT)))
        st = KA_ERR_NOMEM;
    if (st == KA_OK) {
        char unit[32], horizon[32], lapse[32], count[32];
        snprintf(unit, sizeof unit, "%.17g", in.unit);
        snprintf(horizon, sizeof horizon, "%.17g", in.horizon);
        snprintf(lapse, sizeof lapse, "%.0f", in.lapse);
        snprintf(count, sizeof count, "%zu", in.clients);
        if (isnan(in.as_of))
            ka_command_message(&as_of, "MAX(%s)", in.range[IN_DATES].address);
        else
            ka_command_message(&as_of, "%.17g", in.as_of);
        const char *amounts = in.given[IN_AMOUNTS] ? in.range[IN_AMOUNTS].address : NULL;
        const ka_plan_var vars[] = {
            {"Orders", in.range[IN_ORDERS].address},
            {"Dates", in.range[IN_DATES].address},
            {"Amounts", amounts},
            {"AsOf", as_of},
            {"Unit", unit},
            {"Horizon", horizon},
            {"LapseDays", lapse},
            {"ClientCount", count},
        };
        const ka_plan_size sizes[] = {{"clients", in.clients}};
        const ka_plan_run run = {vars, sizeof vars / sizeof vars[0], sizes, 1, NULL, 0};
        st = as_of ? ka_review_build(env, &ka_churn_plan, &run, sheet_name, replace != 0, sources,
                                     message)
                   : KA_ERR_NOMEM;
    }
    if (st == KA_ERR_NOMEM && !*message)
        ka_command_message(message, "%s", ka_msg(env->lang, KA_MSG_CMD_NOMEM));
    free(as_of);
    free(sources);
    free(sheet_name);
    inputs_clear(&in);
    return st;
}
