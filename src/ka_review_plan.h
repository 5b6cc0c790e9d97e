/* ka_review_plan.h - what a review sheet holds, as tables (docs/reviews.md).
 *
 * A review (the sales review, the churn review) is a plan: a table of
 * blocks (texts, formulas, array formulas) placed on the sheet, a table of
 * colour scales and a table of charts, all pointing at the review's own
 * cells by block name.  This module is pure C: it lays the blocks out for
 * the sizes of one run (ka_plan_layout), expands the formula templates
 * (ka_plan_expand) and resolves references to blocks (ka_plan_ref).  The
 * engine that writes a plan into Calc is addin/ka_review.c.
 *
 * Formula templates: Calc formulas in the API's English syntax (';' between
 * arguments) with placeholders in braces:
 *   {Name}          the value of the variable Name (an input range such as
 *                   "$Clients.$A$2:$A$101", or a number), ka_plan_var;
 *   {@block}        the block's cells, absolute ("$E$5:$E$104");
 *   {@block.c}      its column c (1-based), {@block.c-d} columns c to d;
 *   {@block.c.r}    one cell: column c, row r (1-based); r may be k, the
 *                   row of the cell being written in a KA_BLOCK_FILL block;
 *   {k}, {j}        in a KA_BLOCK_FILL block: the cell's row and column
 *                   within the block (1-based);
 *   {@block~}       (also {@block.c~}) in a KA_BLOCK_ARRAY block: the rows of
 *                   block that lie beside the part being written.  Such an
 *                   array block is written as several array formulas of at
 *                   most KA_PLAN_SPLIT_ROWS rows: LibreOffice 7.4 converts
 *                   an add-in's text array result in quadratic time
 *                   (docs/performance.md, finding 1), so 100,000 classes
 *                   cost less as ten formulas of 10,000.
 * A literal brace is written {{ or }}. */
#ifndef KA_REVIEW_PLAN_H
#define KA_REVIEW_PLAN_H

#include <stddef.h>

#include "ka_messages.h"
#include "ka_status.h"

/* Columns and rows a review may use: Calc's 16,384 x 1,048,576. */
#define KA_PLAN_MAX_COLS 16384
#define KA_PLAN_MAX_ROWS 1048576

typedef enum ka_block_kind {
    KA_BLOCK_TEXT,  /* the translated text `text` in the block's first cell */
    KA_BLOCK_STAMP, /* the "made by ..." line: `text` is a format the engine fills */
    KA_BLOCK_CELL,  /* one formula in the block's first cell */
    KA_BLOCK_ARRAY, /* one array formula over the whole block */
    KA_BLOCK_FILL,  /* the template in every cell, {k} and {j} its row and column */
    KA_BLOCK_LIST,  /* the texts of the list named `formula` (ka_plan_list), one per row */
    KA_BLOCK_FORMAT /* nothing written: the block's format and style over cells another block
                       fills (e.g. the date columns of a multi-column array formula) */
} ka_block_kind;

/* The number format of a block's cells (the engine makes it in the
 * document's locale). */
typedef enum ka_plan_format {
    KA_FORMAT_NONE,      /* Calc's default */
    KA_FORMAT_INTEGER,   /* thousands separators, no decimals: "#,##0" */
    KA_FORMAT_AMOUNT,    /* thousands separators, two decimals: "#,##0.00" */
    KA_FORMAT_PERCENT,   /* "0.0%" */
    KA_FORMAT_DECIMAL,   /* "0.000" */
    KA_FORMAT_DATE_TIME, /* the document's date and time */
    KA_FORMAT_DATE       /* the document's short date */
} ka_plan_format;

/* How a block looks. */
typedef enum ka_plan_style {
    KA_STYLE_PLAIN,
    KA_STYLE_TITLE,   /* large, bold */
    KA_STYLE_NOTE,    /* italic, grey: the made-by line, explanations */
    KA_STYLE_HEADING, /* bold on a light background: column and table headings */
    KA_STYLE_LABEL,   /* bold: the row labels of a summary */
    KA_STYLE_CLASS_A, /* the class colours of A, B and C */
    KA_STYLE_CLASS_B,
    KA_STYLE_CLASS_C
} ka_plan_style;

/* One block of the sheet. */
typedef struct ka_plan_block {
    const char *name; /* for {@name} references and charts; NULL: not referenced */
    ka_block_kind kind;
    const char *below;   /* NULL: col and row are from the sheet's top-left; else the name of
                            a block above: row counts from the row after its last one, col
                            from its first column */
    int col, row;        /* 0-based anchor (relative to `below` when given) */
    int cols, rows;      /* size; rows are added to the extent's size */
    const char *extent;  /* NULL: rows only; else a size (ka_plan_size) added to rows */
    const char *needs;   /* NULL, or a variable that must be given for the block to exist */
    const char *unless;  /* NULL, or a variable that must NOT be given */
    const char *formula; /* the template (CELL, ARRAY, FILL) or the list's name (LIST) */
    ka_msg_id text;      /* TEXT, STAMP: its text */
    ka_plan_format format;
    ka_plan_style style;
} ka_plan_block;

/* A translated text in one cell (col_, row_), looking as style_, present
 * as needs_/unless_ say (NULL: always). */
#define KA_PLAN_TEXT(col_, row_, msg_, style_, needs_, unless_)                                    \
    {                                                                                              \
        NULL, KA_BLOCK_TEXT, NULL, col_, row_, 1, 1, NULL, needs_, unless_, NULL, msg_,            \
            KA_FORMAT_NONE, style_                                                                 \
    }

/* The first rows of every review: its title in A1 and, in A2, the line
 * that says what made the sheet, from which ranges and when (the block
 * "stamp"). */
#define KA_PLAN_TOP(title_)                                                                        \
    KA_PLAN_TEXT(0, 0, title_, KA_STYLE_TITLE, NULL, NULL),                                        \
    {                                                                                              \
        "stamp", KA_BLOCK_STAMP, NULL, 0, 1, 1, 1, NULL, NULL, NULL, NULL, KA_MSG_REVIEW_STAMP,    \
            KA_FORMAT_NONE, KA_STYLE_NOTE                                                          \
    }

/* A colour scale (a heat map) over a block's cells: low values light,
 * high values dark. */
typedef struct ka_plan_scale {
    const char *ref; /* a block reference: "name", "name.c" or "name.c-d" */
} ka_plan_scale;

typedef enum ka_chart_kind {
    KA_CHART_PARETO, /* columns, the series from the second on as lines on a secondary
                        percentage axis (Calc's bar diagram with NumberOfLines) */
    KA_CHART_XY,     /* lines through (x, y) points: the first range is x */
    KA_CHART_COLUMNS /* columns side by side, one series per column after the categories */
} ka_chart_kind;

#define KA_PLAN_CHART_RANGES 4

/* A chart of the review's own cells. */
typedef struct ka_plan_chart {
    const char *name; /* the chart object's name */
    ka_chart_kind kind;
    const char *ranges[KA_PLAN_CHART_RANGES]; /* block references, NULL-terminated; the first
                                                 column of the first is the categories (PARETO)
                                                 or x (XY) */
    const char *needs;                        /* as in ka_plan_block */
    const char *at;    /* the block whose first cell is the chart's top-left corner */
    int dx, dy;        /* that many columns right, rows down of it */
    int width, height; /* 1/100 mm */
    ka_msg_id title, x_title, y_title, y2_title; /* y2_title: PARETO's percentage axis */
} ka_plan_chart;

/* A review plan: the tables of one kind of review.  Static storage. */
typedef struct ka_review_plan {
    const char *command;  /* the command that makes it, e.g. "SalesReview": its marker */
    ka_msg_id sheet_name; /* the sheet's default name */
    const ka_plan_block *blocks;
    size_t n_blocks;
    const ka_plan_scale *scales;
    size_t n_scales;
    const ka_plan_chart *charts;
    size_t n_charts;
    const int *widths; /* column widths in 1/100 mm from column A, n_widths of them */
    size_t n_widths;
    int freeze_cols, freeze_rows; /* columns and rows kept in view (0: none) */
} ka_review_plan;

/* A variable of a run: {Name} in the templates.  value NULL: not given. */
typedef struct ka_plan_var {
    const char *name;
    const char *value;
} ka_plan_var;

/* A size of a run (the clients, the points of a curve, the groups). */
typedef struct ka_plan_size {
    const char *name;
    size_t value;
} ka_plan_size;

/* A list of texts of a run (e.g. the distinct group labels), written one
 * per row by a KA_BLOCK_LIST block. */
typedef struct ka_plan_list {
    const char *name;
    const char *const *items; /* UTF-8 */
    size_t n;
} ka_plan_list;

/* What one run of a plan has: its variables, sizes and lists (borrowed). */
typedef struct ka_plan_run {
    const ka_plan_var *vars;
    size_t n_vars;
    const ka_plan_size *sizes;
    size_t n_sizes;
    const ka_plan_list *lists;
    size_t n_lists;
} ka_plan_run;

/* Where a block landed: 0-based, inclusive; present false for a block
 * whose needs/unless leave it out (then nothing else is set). */
typedef struct ka_plan_rect {
    int present;
    int col0, row0, col1, row1;
} ka_plan_rect;

/* Lays the plan's blocks out for a run: out[i] for plan->blocks[i]
 * (n_blocks entries, caller's array).  Returns KA_ERR_ARG when a block
 * names a `below` block that is not earlier in the table or not present,
 * an extent the run does not have, has zero or negative size, or does not
 * fit on a sheet (KA_PLAN_MAX_COLS x KA_PLAN_MAX_ROWS). */
ka_status ka_plan_layout(const ka_review_plan *plan, const ka_plan_run *run, ka_plan_rect *out);

/* The value of variable name in run, or NULL when absent or not given. */
const char *ka_plan_var_value(const ka_plan_run *run, const char *name);

/* The list named name in run, or NULL. */
const ka_plan_list *ka_plan_list_find(const ka_plan_run *run, const char *name);

/* True when a block or chart with these needs/unless exists in run. */
int ka_plan_applies(const ka_plan_run *run, const char *needs, const char *unless);

/* Resolves a block reference "name", "name.c" or "name.c-d" (1-based
 * columns) against the layout: *out the cells.  KA_ERR_ARG for an unknown
 * or absent block or columns outside it. */
ka_status ka_plan_ref(const ka_review_plan *plan, const ka_plan_rect *layout, const char *ref,
                      size_t len, ka_plan_rect *out);

/* Expands template tpl for the cell at row k, column j (1-based) of a
 * FILL block (k = j = 1 elsewhere).  *out: malloc'ed UTF-8 the caller
 * free()s.  KA_ERR_ARG (with *out NULL) for an unknown placeholder, a
 * variable that is not given, an unbalanced brace or a bad reference;
 * KA_ERR_NOMEM. */
ka_status ka_plan_expand(const ka_review_plan *plan, const ka_plan_rect *layout,
                         const ka_plan_run *run, const char *tpl, int k, int j, char **out);

/* Rows per array formula of a split block ({@block~} in its template). */
#define KA_PLAN_SPLIT_ROWS 10000

/* Expands tpl for the part of an ARRAY block on rows row0..row1 (absolute,
 * 0-based): {@block~} resolves to those rows of block.  *out as
 * ka_plan_expand; KA_ERR_ARG also when the rows are not within a '~'
 * block. */
ka_status ka_plan_expand_rows(const ka_review_plan *plan, const ka_plan_rect *layout,
                              const ka_plan_run *run, const char *tpl, int row0, int row1,
                              char **out);

/* True when an array template is written in parts ({@block~}). */
int ka_plan_is_split(const char *tpl);

/* Writes the A1 name of a cell ("$AB$12", absolute) to buf (room 16). */
void ka_plan_cell_name(int col, int row, char *buf);

/* The plan of the sales review (src/ka_sales_plan.c). */
extern const ka_review_plan ka_sales_plan;

/* The plan of the churn review (src/ka_churn_plan.c). */
extern const ka_review_plan ka_churn_plan;

#endif
