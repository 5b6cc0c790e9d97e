/* ka_churn_plan.c - the plan of the churn review (org.keyaccount.calc:ChurnReview,
 * docs/reviews.md): what the sheet holds, as tables of blocks, colour
 * scales and charts (ka_review_plan.h).
 *
 * Variables: {Orders}, {Dates} (the order log's columns), {Amounts} (given
 * or not), {AsOf} (a date, or MAX of Dates), {Unit}, {Horizon},
 * {LapseDays}, {ClientCount} (PURCHASECLIENTS' Count: the rows of the
 * client table).  Size: "clients" (the distinct clients of the log).
 *
 * Columns A-K: one row per client, array formulas.  M-N: the settings,
 * the key figures, the model, the model check, the ranked lists, the
 * lapses per month and the P(alive) matrix (M-X); Q: the two charts. */
#include "ka_review_plan.h"

/* Columns and rows of the layout. */
#define HEAD_ROW 4  /* the client table's headings; its rows follow */
#define SUM_COL 12  /* M: the summaries */
#define CHART_COL 4 /* the charts: this many columns right of their block */

#define SET_ROW 4      /* settings: heading, as of, unit, horizon, lapse */
#define KEY_ROW 10     /* key figures */
#define MODEL_ROW 18   /* the fitted model */
#define CHECK_ROW 23   /* the model check */
#define RISK_ROW 35    /* clients at risk */
#define NEW_ROW 58     /* clients without a repeat purchase */
#define WINBACK_ROW 82 /* the win-back list */
#define LAPSE_ROW 105  /* lapses per month */
#define GRID_ROW 121   /* the P(alive) matrix */

#define LIST_ROWS 20 /* rows of a ranked list */
#define GRID_X 20    /* the matrix: repeat purchases 0 .. GRID_X */
#define GRID_STEPS 10

#define STR_(x) #x
#define STR(x) STR_(x)

/* A text in one cell; a heading present as needs_/unless_ say. */
#define TEXT(col_, row_, msg_, style_) KA_PLAN_TEXT(col_, row_, msg_, style_, NULL, NULL)
#define TEXT_IF(col_, row_, msg_, needs_, unless_)                                                 \
    KA_PLAN_TEXT(col_, row_, msg_, KA_STYLE_HEADING, needs_, unless_)
/* A per-client block: an array formula over the client rows. */
#define CLIENT_BLOCK(name_, col_, cols_, needs_, unless_, formula_, format_)                       \
    {                                                                                              \
        name_, KA_BLOCK_ARRAY, NULL, col_, HEAD_ROW + 1, cols_, 0, "clients", needs_, unless_,     \
            formula_, KA_MSG_COUNT, format_, KA_STYLE_PLAIN                                        \
    }
/* The number format of client columns an array block fills. */
#define FORMAT(col_, cols_, needs_, format_)                                                       \
    {                                                                                              \
        NULL, KA_BLOCK_FORMAT, NULL, col_, HEAD_ROW + 1, cols_, 0, "clients", needs_, NULL, NULL,  \
            KA_MSG_COUNT, format_, KA_STYLE_PLAIN                                                  \
    }
/* One formula in one cell, and an array formula over a fixed block. */
#define CELL(name_, col_, row_, formula_, format_)                                                 \
    {                                                                                              \
        name_, KA_BLOCK_CELL, NULL, col_, row_, 1, 1, NULL, NULL, NULL, formula_, KA_MSG_COUNT,    \
            format_, KA_STYLE_PLAIN                                                                \
    }
#define ARRAY(name_, col_, row_, cols_, rows_, needs_, unless_, formula_, format_)                 \
    {                                                                                              \
        name_, KA_BLOCK_ARRAY, NULL, col_, row_, cols_, rows_, NULL, needs_, unless_, formula_,    \
            KA_MSG_COUNT, format_, KA_STYLE_PLAIN                                                  \
    }
#define FILL(name_, col_, row_, cols_, rows_, formula_, format_, style_)                           \
    {                                                                                              \
        name_, KA_BLOCK_FILL, NULL, col_, row_, cols_, rows_, NULL, NULL, NULL, formula_,          \
            KA_MSG_COUNT, format_, style_                                                          \
    }

/* A ranked list: TOPCLIENTS' clients in one column, their scores in the
 * next, each its own array formula (so that each has its format). */
#define TOP(score_, filter_) "TOPCLIENTS({@clients.1};" score_ ";" STR(LIST_ROWS) ";" filter_ ")"
#define LIST(name_, row_, needs_, unless_, score_, filter_, format_)                               \
    ARRAY(name_, SUM_COL, row_, 1, LIST_ROWS, needs_, unless_,                                     \
          "=INDEX(" TOP(score_, filter_) ";0;1)", KA_FORMAT_NONE),                                 \
        ARRAY(NULL, SUM_COL + 1, row_, 1, LIST_ROWS, needs_, unless_,                              \
              "=INDEX(" TOP(score_, filter_) ";0;2)", format_)

#define IS_LAPSED "ISNUMBER({@days})*({@days}>={@lapse})"

static const ka_plan_block blocks[] = {
    KA_PLAN_TOP(KA_MSG_CHURN_TITLE),
    TEXT(0, 2, KA_MSG_CHURN_NOTE, KA_STYLE_NOTE),

    /* ---- the settings: cells the formulas read, so a change follows live;
     * written first, so that nothing is calculated before them ---- */
    TEXT(SUM_COL, SET_ROW, KA_MSG_CHURN_SETTINGS, KA_STYLE_HEADING),
    TEXT(SUM_COL, SET_ROW + 1, KA_MSG_CHURN_AS_OF, KA_STYLE_LABEL),
    CELL("asof", SUM_COL + 1, SET_ROW + 1, "={AsOf}", KA_FORMAT_DATE),
    TEXT(SUM_COL, SET_ROW + 2, KA_MSG_CHURN_UNIT, KA_STYLE_LABEL),
    CELL("unit", SUM_COL + 1, SET_ROW + 2, "={Unit}", KA_FORMAT_NONE),
    TEXT(SUM_COL, SET_ROW + 3, KA_MSG_CHURN_HORIZON, KA_STYLE_LABEL),
    CELL("horizon", SUM_COL + 1, SET_ROW + 3, "={Horizon}", KA_FORMAT_NONE),
    TEXT(SUM_COL, SET_ROW + 4, KA_MSG_CHURN_LAPSE, KA_STYLE_LABEL),
    CELL("lapse", SUM_COL + 1, SET_ROW + 4, "={LapseDays}", KA_FORMAT_NONE),

    /* ---- one row per client ---- */
    TEXT(0, HEAD_ROW, KA_MSG_CHURN_H_CLIENT, KA_STYLE_HEADING),
    TEXT(1, HEAD_ROW, KA_MSG_CHURN_H_FIRST, KA_STYLE_HEADING),
    TEXT(2, HEAD_ROW, KA_MSG_CHURN_H_LAST, KA_STYLE_HEADING),
    TEXT_IF(3, HEAD_ROW, KA_MSG_CHURN_H_BOUGHT, "Amounts", NULL),
    TEXT_IF(3, HEAD_ROW, KA_MSG_CHURN_H_PURCHASES, NULL, "Amounts"),
    TEXT(4, HEAD_ROW, KA_MSG_CHURN_H_FREQUENCY, KA_STYLE_HEADING),
    TEXT(5, HEAD_ROW, KA_MSG_CHURN_H_RECENCY, KA_STYLE_HEADING),
    TEXT(6, HEAD_ROW, KA_MSG_CHURN_H_AGE, KA_STYLE_HEADING),
    TEXT(7, HEAD_ROW, KA_MSG_CHURN_H_RISK, KA_STYLE_HEADING),
    TEXT(8, HEAD_ROW, KA_MSG_CHURN_H_EXPECTED, KA_STYLE_HEADING),
    TEXT(9, HEAD_ROW, KA_MSG_CHURN_H_DAYS, KA_STYLE_HEADING),
    TEXT(10, HEAD_ROW, KA_MSG_CHURN_H_LAPSED, KA_STYLE_HEADING),
    /* the formats of the client columns, before any formula: a format set
     * on formula cells has Calc interpret them */
    FORMAT(1, 2, NULL, KA_FORMAT_DATE),
    {"bought", KA_BLOCK_FORMAT, NULL, 3, HEAD_ROW + 1, 1, 0, "clients", "Amounts", NULL, NULL,
     KA_MSG_COUNT, KA_FORMAT_AMOUNT, KA_STYLE_PLAIN},
    FORMAT(4, 1, NULL, KA_FORMAT_INTEGER),
    FORMAT(5, 2, NULL, KA_FORMAT_DECIMAL),

    /* ---- key figures ---- */
    TEXT(SUM_COL, KEY_ROW, KA_MSG_CHURN_KEY, KA_STYLE_HEADING),
    TEXT(SUM_COL, KEY_ROW + 1, KA_MSG_CHURN_K_CLIENTS, KA_STYLE_LABEL),
    CELL(NULL, SUM_COL + 1, KEY_ROW + 1, "=COUNT({@clients.2})", KA_FORMAT_INTEGER),
    TEXT(SUM_COL, KEY_ROW + 2, KA_MSG_CHURN_K_REPEAT, KA_STYLE_LABEL),
    CELL(NULL, SUM_COL + 1, KEY_ROW + 2, "=COUNTIF({@summary.1};\">0\")", KA_FORMAT_INTEGER),
    TEXT(SUM_COL, KEY_ROW + 3, KA_MSG_CHURN_K_NEW, KA_STYLE_LABEL),
    CELL(NULL, SUM_COL + 1, KEY_ROW + 3, "=COUNTIF({@summary.1};0)", KA_FORMAT_INTEGER),
    TEXT(SUM_COL, KEY_ROW + 4, KA_MSG_CHURN_K_LAPSED, KA_STYLE_LABEL),
    CELL(NULL, SUM_COL + 1, KEY_ROW + 4, "=SUMPRODUCT(" IS_LAPSED ")", KA_FORMAT_INTEGER),
    TEXT(SUM_COL, KEY_ROW + 5, KA_MSG_CHURN_K_RISK, KA_STYLE_LABEL),
    CELL(NULL, SUM_COL + 1, KEY_ROW + 5, "=AVERAGEIF({@summary.1};\">0\";{@risk})",
         KA_FORMAT_PERCENT),
    TEXT(SUM_COL, KEY_ROW + 6, KA_MSG_CHURN_K_EXPECTED, KA_STYLE_LABEL),
    CELL(NULL, SUM_COL + 1, KEY_ROW + 6, "=SUM({@expected})", KA_FORMAT_DECIMAL),

    /* ---- the fitted model ---- */
    TEXT(SUM_COL, MODEL_ROW, KA_MSG_CHURN_MODEL, KA_STYLE_HEADING),
    /* the parameters' symbols are the same in every language */
    FILL(NULL, SUM_COL + 1, MODEL_ROW + 1, 4, 1, "=CHOOSE({j};\"r\";\"alpha\";\"a\";\"b\")",
         KA_FORMAT_NONE, KA_STYLE_HEADING),
    TEXT(SUM_COL + 5, MODEL_ROW + 1, KA_MSG_CHURN_LL, KA_STYLE_HEADING),
    TEXT(SUM_COL, MODEL_ROW + 2, KA_MSG_CHURN_ESTIMATE, KA_STYLE_LABEL),
    TEXT(SUM_COL, MODEL_ROW + 3, KA_MSG_CHURN_SE, KA_STYLE_LABEL),
    ARRAY("fit", SUM_COL + 1, MODEL_ROW + 2, 5, 2, NULL, NULL,
          "=BGNBDFIT({@summary.1};{@summary.2};{@summary.3})", KA_FORMAT_DECIMAL),

    /* ---- the model check ---- */
    TEXT(SUM_COL, CHECK_ROW, KA_MSG_CHURN_CHECK, KA_STYLE_HEADING),
    TEXT(SUM_COL, CHECK_ROW + 1, KA_MSG_CHURN_H_FREQUENCY, KA_STYLE_HEADING),
    TEXT(SUM_COL + 1, CHECK_ROW + 1, KA_MSG_CHURN_ACTUAL, KA_STYLE_HEADING),
    TEXT(SUM_COL + 2, CHECK_ROW + 1, KA_MSG_CHURN_EXPECTED_CLIENTS, KA_STYLE_HEADING),
    {NULL, KA_BLOCK_FORMAT, NULL, SUM_COL, CHECK_ROW + 2, 2, 8, NULL, NULL, NULL, NULL,
     KA_MSG_COUNT, KA_FORMAT_INTEGER, KA_STYLE_PLAIN},
    {NULL, KA_BLOCK_FORMAT, NULL, SUM_COL + 2, CHECK_ROW + 2, 1, 8, NULL, NULL, NULL, NULL,
     KA_MSG_COUNT, KA_FORMAT_DECIMAL, KA_STYLE_PLAIN},
    ARRAY("check", SUM_COL, CHECK_ROW + 2, 3, 8, NULL, NULL,
          "=REPEATCHECK({@fit};{@summary.1};{@summary.3})", KA_FORMAT_NONE),

    /* ---- clients at risk: repeat buyers only ---- */
    TEXT(SUM_COL, RISK_ROW, KA_MSG_CHURN_AT_RISK, KA_STYLE_HEADING),
    TEXT(SUM_COL, RISK_ROW + 1, KA_MSG_CHURN_H_CLIENT, KA_STYLE_HEADING),
    TEXT(SUM_COL + 1, RISK_ROW + 1, KA_MSG_CHURN_H_RISK, KA_STYLE_HEADING),
    LIST("at_risk", RISK_ROW + 2, NULL, NULL, "{@risk}", "{@summary.1}>0", KA_FORMAT_PERCENT),

    /* ---- clients without a repeat purchase: a group of their own ---- */
    TEXT(SUM_COL, NEW_ROW, KA_MSG_CHURN_NEW, KA_STYLE_HEADING),
    TEXT(SUM_COL, NEW_ROW + 1, KA_MSG_CHURN_NEW_NOTE, KA_STYLE_NOTE),
    TEXT(SUM_COL, NEW_ROW + 2, KA_MSG_CHURN_H_CLIENT, KA_STYLE_HEADING),
    TEXT(SUM_COL + 1, NEW_ROW + 2, KA_MSG_CHURN_H_DAYS, KA_STYLE_HEADING),
    LIST("new", NEW_ROW + 3, NULL, NULL, "{@days}", "{@summary.1}=0", KA_FORMAT_INTEGER),

    /* ---- the win-back list: lapsed clients by what they bought ---- */
    TEXT(SUM_COL, WINBACK_ROW, KA_MSG_CHURN_WINBACK, KA_STYLE_HEADING),
    TEXT(SUM_COL, WINBACK_ROW + 1, KA_MSG_CHURN_H_CLIENT, KA_STYLE_HEADING),
    TEXT_IF(SUM_COL + 1, WINBACK_ROW + 1, KA_MSG_CHURN_H_BOUGHT, "Amounts", NULL),
    TEXT_IF(SUM_COL + 1, WINBACK_ROW + 1, KA_MSG_CHURN_H_PURCHASES, NULL, "Amounts"),
    LIST("winback", WINBACK_ROW + 2, "Amounts", NULL, "{@bought}", "{@days}>={@lapse}",
         KA_FORMAT_AMOUNT),
    LIST("winback", WINBACK_ROW + 2, NULL, "Amounts", "{@bought}", "{@days}>={@lapse}",
         KA_FORMAT_INTEGER),

    /* ---- lapses per month: the number and dynamics of losses ---- */
    TEXT(SUM_COL, LAPSE_ROW, KA_MSG_CHURN_LAPSES, KA_STYLE_HEADING),
    TEXT(SUM_COL, LAPSE_ROW + 1, KA_MSG_CHURN_MONTH, KA_STYLE_HEADING),
    TEXT(SUM_COL + 1, LAPSE_ROW + 1, KA_MSG_CHURN_LAPSING, KA_STYLE_HEADING),
    ARRAY("lapse_month", SUM_COL, LAPSE_ROW + 2, 1, 12, NULL, NULL,
          "=INDEX(LAPSESBYMONTH({@clients.3};{@lapse};{@asof};12);0;1)", KA_FORMAT_DATE),
    ARRAY("lapse_count", SUM_COL + 1, LAPSE_ROW + 2, 1, 12, NULL, NULL,
          "=INDEX(LAPSESBYMONTH({@clients.3};{@lapse};{@asof};12);0;2)", KA_FORMAT_INTEGER),

    /* ---- the P(alive) matrix at the oldest age ---- */
    TEXT(SUM_COL, GRID_ROW, KA_MSG_CHURN_PALIVE, KA_STYLE_HEADING),
    TEXT(SUM_COL, GRID_ROW + 1, KA_MSG_CHURN_PALIVE_NOTE, KA_STYLE_NOTE),
    TEXT(SUM_COL, GRID_ROW + 2, KA_MSG_CHURN_GRID_CORNER, KA_STYLE_HEADING),
    FILL(NULL, SUM_COL + 1, GRID_ROW + 2, GRID_STEPS + 1, 1,
         "=MAX({@summary.3})*({j}-1)/" STR(GRID_STEPS), KA_FORMAT_DECIMAL, KA_STYLE_HEADING),
    FILL(NULL, SUM_COL, GRID_ROW + 3, 1, GRID_X + 1, "={k}-1", KA_FORMAT_NONE, KA_STYLE_HEADING),
    ARRAY("palive", SUM_COL + 1, GRID_ROW + 3, GRID_STEPS + 1, GRID_X + 1, NULL, NULL,
          "=PALIVEGRID({@fit};MAX({@summary.3});" STR(GRID_X) ";" STR(GRID_STEPS) ")",
          KA_FORMAT_PERCENT),

    /* ---- the client table's formulas, last, from the last dependent back
     * to the log: Calc interprets an array formula as it is entered (also
     * with automatic calculation paused), so each formula here is entered
     * while its precedents are still empty and costs nothing until the one
     * calculation at the end; written the other way round, each entry
     * interpreted its 100,000-row precedents again (docs/performance.md) ---- */
    CLIENT_BLOCK("lapsed", 10, 1, NULL, NULL, "=IF({@clients.3}=\"\";\"\";{@days}>={@lapse})",
                 KA_FORMAT_NONE),
    CLIENT_BLOCK("days", 9, 1, NULL, NULL, "=IF({@clients.3}=\"\";\"\";INT({@asof})-{@clients.3})",
                 KA_FORMAT_INTEGER),
    CLIENT_BLOCK("expected", 8, 1, NULL, NULL,
                 "=EXPECTEDPURCHASES({@horizon};{@summary.1};{@summary.2};{@summary.3};{@fit})",
                 KA_FORMAT_DECIMAL),
    CLIENT_BLOCK("risk", 7, 1, NULL, NULL,
                 "=CHURNRISK({@summary.1};{@summary.2};{@summary.3};{@fit})", KA_FORMAT_PERCENT),
    /* without Amounts: the number of purchase days */
    CLIENT_BLOCK("bought", 3, 1, NULL, "Amounts", "=IF({@summary.1}=\"\";\"\";{@summary.1}+1)",
                 KA_FORMAT_INTEGER),
    CLIENT_BLOCK("summary", 4, 3, NULL, NULL,
                 "=PURCHASESUMMARY({@clients.1};{Orders};{Dates};{@asof};{@unit})", KA_FORMAT_NONE),
    /* the clients of the log, their first and last purchase day and, with
     * Amounts, what they bought: one reading of the log */
    CLIENT_BLOCK("clients", 0, 4, "Amounts", NULL,
                 "=PURCHASECLIENTS({Orders};{Dates};{@asof};{ClientCount};{Amounts})",
                 KA_FORMAT_NONE),
    CLIENT_BLOCK("clients", 0, 3, NULL, "Amounts",
                 "=PURCHASECLIENTS({Orders};{Dates};{@asof};{ClientCount})", KA_FORMAT_NONE),
};

/* The P(alive) matrix as a heat map. */
static const ka_plan_scale scales[] = {{"palive"}};

static const ka_plan_chart charts[] = {
    {"ChurnModelCheck",
     KA_CHART_COLUMNS,
     {"check", NULL},
     NULL,
     "check",
     CHART_COL,
     -2,
     14000,
     8000,
     KA_MSG_CHURN_CHART_CHECK,
     KA_MSG_CHURN_H_FREQUENCY,
     KA_MSG_CHURN_K_CLIENTS,
     KA_MSG_COUNT},
    {"ChurnLapses",
     KA_CHART_COLUMNS,
     {"lapse_month", "lapse_count", NULL},
     NULL,
     "lapse_month",
     CHART_COL,
     -2,
     14000,
     8000,
     KA_MSG_CHURN_CHART_LAPSES,
     KA_MSG_CHURN_MONTH,
     KA_MSG_CHURN_LAPSING,
     KA_MSG_COUNT},
};

/* A-K the client table, L a gap, M the labels and lists (the longest, e.g.
 * "Lapsed after (days without a purchase)", whole), N.. values and the matrix.
 * D holds amounts of millions with cents; N-R the fitted model, whose b and
 * log-likelihood can have seven digits and more. */
static const int widths[] = {2600, 2500, 2500, 2800, 2200, 2200, 2200, 2600,
                             2600, 2400, 1800, 600,  9600, 2600, 2600, 2600,
                             2600, 2600, 2000, 2000, 2000, 2000, 2000, 2000};

const ka_review_plan ka_churn_plan = {
    "ChurnReview",
    KA_MSG_CHURN_TITLE,
    blocks,
    sizeof blocks / sizeof blocks[0],
    scales,
    sizeof scales / sizeof scales[0],
    charts,
    sizeof charts / sizeof charts[0],
    widths,
    sizeof widths / sizeof widths[0],
    1,
    HEAD_ROW + 1,
};
