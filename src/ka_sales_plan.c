/* ka_sales_plan.c - the plan of the sales review (org.keyaccount.calc:SalesReview,
 * docs/reviews.md): what the sheet holds, as tables of blocks, colour
 * scales and charts (ka_review_plan.h).
 *
 * Variables: {Clients} (ids), {Sales} (one column) and/or {Periods} (a
 * block of period columns), {Groups}, {MaxPoints} (rows of the Pareto
 * curve).  Sizes: "clients" (rows of the inputs), "points" (rows of
 * PARETOCURVE's result), "groups" (distinct labels of Groups).
 *
 * Columns A-I: one row per client, array formulas.  K-Q: the summaries.
 * S: the charts.  AH-AN: the chart data (the Pareto curve from
 * PARETOCURVE and the concentration curve). */
#include "ka_review_plan.h"

#define TOTAL "SUM({@sales})"

/* Columns and rows of the layout. */
#define HEAD_ROW 3  /* the client table's headings; its rows follow */
#define SUM_COL 10  /* K: the summaries */
#define DATA_COL 33 /* AH: the chart data */

/* A heading cell of the client table or a summary, and a row label. */
#define HEADING(col_, row_, msg_) KA_PLAN_TEXT(col_, row_, msg_, KA_STYLE_HEADING, NULL, NULL)
#define HEADING_IF(col_, row_, msg_, needs_)                                                       \
    KA_PLAN_TEXT(col_, row_, msg_, KA_STYLE_HEADING, needs_, NULL)
#define LABEL(col_, row_, msg_, needs_) KA_PLAN_TEXT(col_, row_, msg_, KA_STYLE_LABEL, needs_, NULL)
/* A per-client column: an array formula over the client rows. */
#define CLIENT_COLUMN(name_, col_, needs_, unless_, formula_, format_)                             \
    {                                                                                              \
        name_, KA_BLOCK_ARRAY, NULL, col_, HEAD_ROW + 1, 1, 0, "clients", needs_, unless_,         \
            formula_, KA_MSG_COUNT, format_, KA_STYLE_PLAIN                                        \
    }
/* A formula in every cell of a summary block. */
#define FILL(name_, col_, row_, cols_, rows_, needs_, formula_, format_, style_)                   \
    {                                                                                              \
        name_, KA_BLOCK_FILL, NULL, col_, row_, cols_, rows_, NULL, needs_, NULL, formula_,        \
            KA_MSG_COUNT, format_, style_                                                          \
    }
#define CELL(col_, row_, needs_, formula_, format_, style_)                                        \
    {                                                                                              \
        NULL, KA_BLOCK_CELL, NULL, col_, row_, 1, 1, NULL, needs_, NULL, formula_, KA_MSG_COUNT,   \
            format_, style_                                                                        \
    }

/* Summary rows. */
#define ABC_ROW 3     /* ABC classes: title, headings, A, B, C, total */
#define MATRIX_ROW 11 /* the ABC-XYZ matrices */
#define DEP_ROW 18    /* dependency levels */
#define CONC_ROW 26   /* concentration */
#define KEY_ROW 34    /* key accounts */
#define GROUP_ROW 48  /* by group */

#define COUNT_CLASS "=COUNTIF({@abc};MID(\"ABC\";{k};1))"
#define CLASS_OF(letter) "=\"" letter "\""
#define MATRIX_KEY "MID(\"ABC\";{k};1)&MID(\"XYZ\";{j};1)"
#define DEP_CODE "CHOOSE({k};\"critical\";\"high\";\"elevated\";\"key\")"
#define KEY_VALUE "INDEX({@curve.2};{k})"
#define IS_KEY "ISNUMBER({@key_share.1.k})"

static const ka_plan_block blocks[] = {
    KA_PLAN_TOP(KA_MSG_SALES_TITLE),

    /* ---- one row per client ---- */
    HEADING(0, HEAD_ROW, KA_MSG_SALES_H_CLIENT),
    HEADING(1, HEAD_ROW, KA_MSG_SALES_H_SALES),
    HEADING(2, HEAD_ROW, KA_MSG_SALES_H_SHARE),
    HEADING(3, HEAD_ROW, KA_MSG_SALES_H_CUMULATIVE),
    HEADING(4, HEAD_ROW, KA_MSG_SALES_H_ABC),
    HEADING(5, HEAD_ROW, KA_MSG_SALES_H_DEPENDENCY),
    HEADING_IF(6, HEAD_ROW, KA_MSG_SALES_H_XYZ, "Periods"),
    HEADING_IF(7, HEAD_ROW, KA_MSG_SALES_H_ABCXYZ, "Periods"),
    HEADING_IF(8, HEAD_ROW, KA_MSG_SALES_H_GROUP, "Groups"),
    CLIENT_COLUMN("client", 0, NULL, NULL, "={Clients}", KA_FORMAT_NONE),
    CLIENT_COLUMN("sales", 1, "Sales", NULL, "={Sales}", KA_FORMAT_INTEGER),
    /* the sales of a client are the sum of its periods, computed live */
    CLIENT_COLUMN("sales", 1, "Periods", "Sales",
                  "=MMULT({Periods};TRANSPOSE(COLUMN({Periods})^0))", KA_FORMAT_INTEGER),
    CLIENT_COLUMN("share", 2, NULL, NULL, "=SALESSHARE({@sales~};{@sales})", KA_FORMAT_PERCENT),
    CLIENT_COLUMN("cumulative", 3, NULL, NULL, "=PARETOSHARE({@sales~};{@sales})",
                  KA_FORMAT_PERCENT),
    /* &"": Calc compares an add-in's array text results unequal to the same
     * text typed (COUNTIF finds none of them, 7.4 and 25.2); a text made by
     * Calc itself compares as it should */
    CLIENT_COLUMN("abc", 4, NULL, NULL, "=ABCCLASS({@sales~};{@sales})&\"\"", KA_FORMAT_NONE),
    CLIENT_COLUMN("dep", 5, NULL, NULL, "=DEPENDENCY({@sales~};{@sales})&\"\"", KA_FORMAT_NONE),
    CLIENT_COLUMN("xyz", 6, "Periods", NULL, "=XYZCLASS({Periods})&\"\"", KA_FORMAT_NONE),
    /* ABCXYZ is ABCCLASS followed by XYZCLASS: the two columns joined, ""
     * where either is "" (as ABCXYZ gives), without a third add-in call */
    CLIENT_COLUMN("abcxyz", 7, "Periods", NULL,
                  "=IF(({@abc}=\"\")+({@xyz}=\"\");\"\";{@abc}&{@xyz})", KA_FORMAT_NONE),
    CLIENT_COLUMN("group", 8, "Groups", NULL, "={Groups}", KA_FORMAT_NONE),

    /* ---- ABC classes ---- */
    LABEL(SUM_COL, ABC_ROW, KA_MSG_SALES_ABC_TITLE, NULL),
    HEADING(SUM_COL, ABC_ROW + 1, KA_MSG_SALES_H_CLASS),
    HEADING(SUM_COL + 1, ABC_ROW + 1, KA_MSG_SALES_H_CLIENTS),
    HEADING(SUM_COL + 2, ABC_ROW + 1, KA_MSG_SALES_H_SALES),
    HEADING(SUM_COL + 3, ABC_ROW + 1, KA_MSG_SALES_H_SHARE),
    CELL(SUM_COL, ABC_ROW + 2, NULL, CLASS_OF("A"), KA_FORMAT_NONE, KA_STYLE_CLASS_A),
    CELL(SUM_COL, ABC_ROW + 3, NULL, CLASS_OF("B"), KA_FORMAT_NONE, KA_STYLE_CLASS_B),
    CELL(SUM_COL, ABC_ROW + 4, NULL, CLASS_OF("C"), KA_FORMAT_NONE, KA_STYLE_CLASS_C),
    FILL("abc_clients", SUM_COL + 1, ABC_ROW + 2, 1, 3, NULL, COUNT_CLASS, KA_FORMAT_INTEGER,
         KA_STYLE_PLAIN),
    FILL("abc_sales", SUM_COL + 2, ABC_ROW + 2, 1, 3, NULL,
         "=SUMIF({@abc};MID(\"ABC\";{k};1);{@sales})", KA_FORMAT_INTEGER, KA_STYLE_PLAIN),
    FILL("abc_share", SUM_COL + 3, ABC_ROW + 2, 1, 3, NULL, "={@abc_sales.1.k}/" TOTAL,
         KA_FORMAT_PERCENT, KA_STYLE_PLAIN),
    LABEL(SUM_COL, ABC_ROW + 5, KA_MSG_SALES_TOTAL, NULL),
    CELL(SUM_COL + 1, ABC_ROW + 5, NULL, "=SUM({@abc_clients})", KA_FORMAT_INTEGER, KA_STYLE_LABEL),
    {"total", KA_BLOCK_CELL, NULL, SUM_COL + 2, ABC_ROW + 5, 1, 1, NULL, NULL, NULL, "=" TOTAL,
     KA_MSG_COUNT, KA_FORMAT_INTEGER, KA_STYLE_LABEL},
    CELL(SUM_COL + 3, ABC_ROW + 5, NULL, "=SUM({@abc_share})", KA_FORMAT_PERCENT, KA_STYLE_LABEL),

    /* ---- the ABC-XYZ matrices (with Periods) ---- */
    LABEL(SUM_COL, MATRIX_ROW, KA_MSG_SALES_MATRIX_COUNT, "Periods"),
    LABEL(SUM_COL + 4, MATRIX_ROW, KA_MSG_SALES_MATRIX_SALES, "Periods"),
    FILL(NULL, SUM_COL + 1, MATRIX_ROW + 1, 3, 1, "Periods", "=MID(\"XYZ\";{j};1)", KA_FORMAT_NONE,
         KA_STYLE_HEADING),
    FILL(NULL, SUM_COL, MATRIX_ROW + 2, 1, 3, "Periods", "=MID(\"ABC\";{k};1)", KA_FORMAT_NONE,
         KA_STYLE_HEADING),
    FILL("matrix_clients", SUM_COL + 1, MATRIX_ROW + 2, 3, 3, "Periods",
         "=COUNTIF({@abcxyz};" MATRIX_KEY ")", KA_FORMAT_INTEGER, KA_STYLE_PLAIN),
    FILL(NULL, SUM_COL + 5, MATRIX_ROW + 1, 3, 1, "Periods", "=MID(\"XYZ\";{j};1)", KA_FORMAT_NONE,
         KA_STYLE_HEADING),
    FILL(NULL, SUM_COL + 4, MATRIX_ROW + 2, 1, 3, "Periods", "=MID(\"ABC\";{k};1)", KA_FORMAT_NONE,
         KA_STYLE_HEADING),
    FILL("matrix_sales", SUM_COL + 5, MATRIX_ROW + 2, 3, 3, "Periods",
         "=SUMIF({@abcxyz};" MATRIX_KEY ";{@sales})", KA_FORMAT_INTEGER, KA_STYLE_PLAIN),

    /* ---- dependency levels ---- */
    LABEL(SUM_COL, DEP_ROW, KA_MSG_SALES_DEP_TITLE, NULL),
    HEADING(SUM_COL, DEP_ROW + 1, KA_MSG_SALES_H_LEVEL),
    HEADING(SUM_COL + 1, DEP_ROW + 1, KA_MSG_SALES_H_CLIENTS),
    HEADING(SUM_COL + 2, DEP_ROW + 1, KA_MSG_SALES_H_SHARE),
    LABEL(SUM_COL, DEP_ROW + 2, KA_MSG_SALES_DEP_CRITICAL, NULL),
    LABEL(SUM_COL, DEP_ROW + 3, KA_MSG_SALES_DEP_HIGH, NULL),
    LABEL(SUM_COL, DEP_ROW + 4, KA_MSG_SALES_DEP_ELEVATED, NULL),
    LABEL(SUM_COL, DEP_ROW + 5, KA_MSG_SALES_DEP_KEY, NULL),
    FILL("dep_clients", SUM_COL + 1, DEP_ROW + 2, 1, 4, NULL, "=COUNTIF({@dep};" DEP_CODE ")",
         KA_FORMAT_INTEGER, KA_STYLE_PLAIN),
    FILL(NULL, SUM_COL + 2, DEP_ROW + 2, 1, 4, NULL, "=SUMIF({@dep};" DEP_CODE ";{@sales})/" TOTAL,
         KA_FORMAT_PERCENT, KA_STYLE_PLAIN),

    /* ---- concentration ---- */
    LABEL(SUM_COL, CONC_ROW, KA_MSG_SALES_CONC_TITLE, NULL),
    LABEL(SUM_COL, CONC_ROW + 1, KA_MSG_SALES_CONC_HHI, NULL),
    LABEL(SUM_COL, CONC_ROW + 2, KA_MSG_SALES_CONC_HHINORM, NULL),
    LABEL(SUM_COL, CONC_ROW + 3, KA_MSG_SALES_CONC_N, NULL),
    LABEL(SUM_COL, CONC_ROW + 4, KA_MSG_SALES_CONC_GINI, NULL),
    LABEL(SUM_COL, CONC_ROW + 5, KA_MSG_SALES_CONC_TOP20, NULL),
    CELL(SUM_COL + 1, CONC_ROW + 1, NULL, "=CONCENTRATION({@sales};\"HHI\")", KA_FORMAT_DECIMAL,
         KA_STYLE_PLAIN),
    CELL(SUM_COL + 1, CONC_ROW + 2, NULL, "=CONCENTRATION({@sales};\"HHINORM\")", KA_FORMAT_DECIMAL,
         KA_STYLE_PLAIN),
    CELL(SUM_COL + 1, CONC_ROW + 3, NULL, "=CONCENTRATION({@sales};\"N\")", KA_FORMAT_DECIMAL,
         KA_STYLE_PLAIN),
    CELL(SUM_COL + 1, CONC_ROW + 4, NULL, "=CONCENTRATION({@sales};\"GINI\")", KA_FORMAT_DECIMAL,
         KA_STYLE_PLAIN),
    CELL(SUM_COL + 1, CONC_ROW + 5, NULL, "=CONCENTRATION({@sales};\"TOP20\")", KA_FORMAT_PERCENT,
         KA_STYLE_PLAIN),

    /* ---- key accounts: share >= 10 %, so at most ten, the largest first ---- */
    LABEL(SUM_COL, KEY_ROW, KA_MSG_SALES_KEY_TITLE, NULL),
    HEADING(SUM_COL, KEY_ROW + 1, KA_MSG_SALES_H_CLIENT),
    HEADING(SUM_COL + 1, KEY_ROW + 1, KA_MSG_SALES_H_SALES),
    HEADING(SUM_COL + 2, KEY_ROW + 1, KA_MSG_SALES_H_SHARE),
    HEADING(SUM_COL + 3, KEY_ROW + 1, KA_MSG_SALES_H_DEPENDENCY),
    FILL("key_client", SUM_COL, KEY_ROW + 2, 1, 10, NULL,
         "=IF(" IS_KEY ";INDEX({@curve.1};{k});\"\")", KA_FORMAT_NONE, KA_STYLE_PLAIN),
    FILL(NULL, SUM_COL + 1, KEY_ROW + 2, 1, 10, NULL, "=IF(" IS_KEY ";" KEY_VALUE ";\"\")",
         KA_FORMAT_INTEGER, KA_STYLE_PLAIN),
    /* against the total cell, not the 100,000 sales again: one number per call */
    FILL("key_share", SUM_COL + 2, KEY_ROW + 2, 1, 10, NULL,
         "=IFERROR(IF(SALESSHARE(" KEY_VALUE ";{@total})>=0.1;SALESSHARE(" KEY_VALUE
         ";{@total});\"\");\"\")",
         KA_FORMAT_PERCENT, KA_STYLE_PLAIN),
    FILL(NULL, SUM_COL + 3, KEY_ROW + 2, 1, 10, NULL,
         "=IF(" IS_KEY ";DEPENDENCY(" KEY_VALUE ";{@total});\"\")", KA_FORMAT_NONE, KA_STYLE_PLAIN),
    /* a client above 50 % is always the largest one */
    LABEL(SUM_COL, KEY_ROW + 12, KA_MSG_SALES_CRITICAL, NULL),
    CELL(SUM_COL + 2, KEY_ROW + 12, NULL,
         "=IF(COUNTIF({@dep};\"critical\")>0;INDEX({@curve.1};1);\"-\")", KA_FORMAT_NONE,
         KA_STYLE_LABEL),

    /* ---- by group (with Groups): the labels are those of the run ---- */
    {"group_title", KA_BLOCK_TEXT, NULL, SUM_COL, GROUP_ROW, 1, 1, NULL, "Groups", NULL, NULL,
     KA_MSG_SALES_GROUP_TITLE, KA_FORMAT_NONE, KA_STYLE_LABEL},
    HEADING_IF(SUM_COL, GROUP_ROW + 1, KA_MSG_SALES_H_GROUP, "Groups"),
    HEADING_IF(SUM_COL + 1, GROUP_ROW + 1, KA_MSG_SALES_H_CLIENTS, "Groups"),
    HEADING_IF(SUM_COL + 2, GROUP_ROW + 1, KA_MSG_SALES_H_SALES, "Groups"),
    HEADING_IF(SUM_COL + 3, GROUP_ROW + 1, KA_MSG_SALES_H_SHARE, "Groups"),
    HEADING_IF(SUM_COL + 4, GROUP_ROW + 1, KA_MSG_SALES_H_A_CLIENTS, "Groups"),
    HEADING_IF(SUM_COL + 5, GROUP_ROW + 1, KA_MSG_SALES_H_HHI, "Groups"),
    {"group_label", KA_BLOCK_LIST, NULL, SUM_COL, GROUP_ROW + 2, 1, 0, "groups", "Groups", NULL,
     "groups", KA_MSG_COUNT, KA_FORMAT_NONE, KA_STYLE_LABEL},
    {"group_clients", KA_BLOCK_FILL, "group_title", 1, 1, 1, 0, "groups", "Groups", NULL,
     "=COUNTIF({@group};{@group_label.1.k})", KA_MSG_COUNT, KA_FORMAT_INTEGER, KA_STYLE_PLAIN},
    {"group_sales", KA_BLOCK_FILL, "group_title", 2, 1, 1, 0, "groups", "Groups", NULL,
     "=SUMIF({@group};{@group_label.1.k};{@sales})", KA_MSG_COUNT, KA_FORMAT_INTEGER,
     KA_STYLE_PLAIN},
    {NULL, KA_BLOCK_FILL, "group_title", 3, 1, 1, 0, "groups", "Groups", NULL,
     "={@group_sales.1.k}/" TOTAL, KA_MSG_COUNT, KA_FORMAT_PERCENT, KA_STYLE_PLAIN},
    {NULL, KA_BLOCK_FILL, "group_title", 4, 1, 1, 0, "groups", "Groups", NULL,
     "=COUNTIFS({@group};{@group_label.1.k};{@abc};\"A\")", KA_MSG_COUNT, KA_FORMAT_INTEGER,
     KA_STYLE_PLAIN},
    /* one call for every group: CONCENTRATION's array form over the labels */
    {NULL, KA_BLOCK_ARRAY, "group_title", 5, 1, 1, 0, "groups", "Groups", NULL,
     "=IFERROR(CONCENTRATION({@sales};\"HHI\";{@group};{@group_label});\"\")", KA_MSG_COUNT,
     KA_FORMAT_DECIMAL, KA_STYLE_PLAIN},

    /* ---- the chart data: the Pareto curve and the concentration curve ---- */
    LABEL(DATA_COL, HEAD_ROW, KA_MSG_SALES_CURVE_TITLE, NULL),
    HEADING(DATA_COL, HEAD_ROW + 1, KA_MSG_SALES_H_CLIENT),
    HEADING(DATA_COL + 1, HEAD_ROW + 1, KA_MSG_SALES_H_SALES),
    HEADING(DATA_COL + 2, HEAD_ROW + 1, KA_MSG_SALES_H_CUMULATIVE),
    HEADING(DATA_COL + 3, HEAD_ROW + 1, KA_MSG_SALES_H_CLIENT_SHARE),
    HEADING(DATA_COL + 4, HEAD_ROW + 1, KA_MSG_SALES_H_LIMIT_A),
    HEADING(DATA_COL + 5, HEAD_ROW + 1, KA_MSG_SALES_H_LIMIT_B),
    {"curve", KA_BLOCK_ARRAY, NULL, DATA_COL, HEAD_ROW + 2, 4, 0, "points", NULL, NULL,
     "=PARETOCURVE({@sales};{@client};{MaxPoints})", KA_MSG_COUNT, KA_FORMAT_NONE, KA_STYLE_PLAIN},
    {"limits", KA_BLOCK_ARRAY, NULL, DATA_COL + 4, HEAD_ROW + 2, 1, 0, "points", NULL, NULL,
     "=0.8+0*{@curve.3}", KA_MSG_COUNT, KA_FORMAT_PERCENT, KA_STYLE_PLAIN},
    {"limit_b", KA_BLOCK_ARRAY, NULL, DATA_COL + 5, HEAD_ROW + 2, 1, 0, "points", NULL, NULL,
     "=0.95+0*{@curve.3}", KA_MSG_COUNT, KA_FORMAT_PERCENT, KA_STYLE_PLAIN},
    HEADING(DATA_COL + 7, HEAD_ROW + 1, KA_MSG_SALES_H_CLIENT_SHARE),
    HEADING(DATA_COL + 8, HEAD_ROW + 1, KA_MSG_SALES_H_CUMULATIVE),
    HEADING(DATA_COL + 9, HEAD_ROW + 1, KA_MSG_SALES_H_EQUAL),
    {"lorenz", KA_BLOCK_ARRAY, NULL, DATA_COL + 7, HEAD_ROW + 2, 1, 0, "points", NULL, NULL,
     "={@curve.4}", KA_MSG_COUNT, KA_FORMAT_PERCENT, KA_STYLE_PLAIN},
    {"lorenz_y", KA_BLOCK_ARRAY, NULL, DATA_COL + 8, HEAD_ROW + 2, 1, 0, "points", NULL, NULL,
     "={@curve.3}", KA_MSG_COUNT, KA_FORMAT_PERCENT, KA_STYLE_PLAIN},
    {"lorenz_equal", KA_BLOCK_ARRAY, NULL, DATA_COL + 9, HEAD_ROW + 2, 1, 0, "points", NULL, NULL,
     "={@curve.4}", KA_MSG_COUNT, KA_FORMAT_PERCENT, KA_STYLE_PLAIN},
};

/* The counts and the sales of the ABC-XYZ matrix as heat maps. */
static const ka_plan_scale scales[] = {{"matrix_clients"}, {"matrix_sales"}};

static const ka_plan_chart charts[] = {
    {"SalesPareto",
     KA_CHART_PARETO,
     {"curve.1-3", "limits", "limit_b", NULL},
     NULL,
     "abc_clients",
     7,
     -2,
     17000,
     9000,
     KA_MSG_SALES_CHART_PARETO,
     KA_MSG_SALES_AXIS_CLIENTS,
     KA_MSG_SALES_H_SALES,
     KA_MSG_SALES_H_CUMULATIVE},
    {"SalesConcentration",
     KA_CHART_XY,
     {"lorenz", "lorenz_y", "lorenz_equal", NULL},
     NULL,
     "abc_clients",
     7,
     20,
     12000,
     9000,
     KA_MSG_SALES_CHART_CONCENTRATION,
     KA_MSG_SALES_AXIS_CLIENT_SHARE,
     KA_MSG_SALES_H_CUMULATIVE,
     KA_MSG_COUNT},
};

/* A-I the client table, J a gap, K-Q the summaries, R a gap.  K fits the
 * longest labels ("Equivalent number of equal clients"), F and N the heading
 * "Dependency" without a break. */
static const int widths[] = {3000, 2500, 2200, 2400, 1300, 2800, 1300, 1700, 2500,
                             600,  7400, 2400, 2600, 2700, 2200, 2600, 2200, 2200};

const ka_review_plan ka_sales_plan = {
    "SalesReview",
    KA_MSG_SALES_TITLE,
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
