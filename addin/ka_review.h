/* ka_review.h - the review-sheet engine: writes a review plan
 * (src/ka_review_plan.h: blocks, colour scales, charts) into the document
 * as a new sheet of live formulas (docs/reviews.md).
 *
 * A review command (ka_sales_review.c, the churn review) reads its
 * dispatch arguments, parses and checks every input range with
 * ka_review_range_parse / ka_review_range_read BEFORE anything is written,
 * fills a ka_plan_run (the ranges as {Variables}, the sizes) and calls
 * ka_review_build once.  The engine:
 *   - builds the sheet under a temporary name, so a failure midway removes
 *     the half-built sheet and leaves the document as it was;
 *   - replaces the sheet the same command made before (found by the
 *     document-level named range "KeyAccounts_<Command>" pointing at its
 *     A1, which follows a renamed sheet), or refuses when replace is false;
 *   - writes every block of the plan with automatic calculation and
 *     Calc's row-height adjustment off and the document's controllers and
 *     actions locked: first the number formats and styles (one call per
 *     look), then the texts and single formulas of the small blocks (one
 *     call), then the array formulas and the column widths; then calculates
 *     once and fits the rows of the small blocks;
 *   - inserts the sheet with its colour scales already on it (a flat ODF
 *     document made for the run, imported: the API cannot fill a scale);
 *   - removes the previous review, then adds the charts (chart names are
 *     the document's: the new ones take the old ones'), names the sheet,
 *     points the marker at it, and freezes the headings when the frame's
 *     controller offers XViewFreezable.
 * Everything runs on the dispatching thread; no lock of ours is held. */
#ifndef KA_REVIEW_H
#define KA_REVIEW_H

#include "ka_commands.h"
#include "ka_review_plan.h"

/* Reviews read at most this many rows per input range: above it LibreOffice
 * takes minutes to calculate the array formulas (docs/performance.md), so
 * the command refuses clearly instead. */
#define KA_REVIEW_MAX_ROWS 200000

/* One input range of a review, as the command resolved it. */
typedef struct ka_review_range {
    int sheet;                  /* 0-based sheet index */
    int col0, row0, col1, row1; /* 0-based, inclusive */
    char *address;              /* absolute, for formulas: "$Clients.$A$2:$A$101" (malloc'ed) */
} ka_review_range;

/* Parses a range address typed as in Calc's Name Box ("Clients.A2:A101",
 * "$Clients.$A$2:$A$101", "$'My data'.B2:M500") against the document.
 * *out is filled (free its address with ka_review_range_clear, also on
 * failure).  Returns KA_ERR_ARG when the text is not a range of the
 * document, KA_ERR_NOMEM. */
ka_status ka_review_range_parse(const ka_command_env *env, const char *text, ka_review_range *out);

/* Frees r->address; accepts a zeroed range. */
void ka_review_range_clear(ka_review_range *r);

/* Shortens (or lengthens) r to rows rows from its first row, its address
 * updated.  KA_ERR_ARG when LibreOffice refuses, KA_ERR_NOMEM. */
ka_status ka_review_range_rows(const ka_command_env *env, ka_review_range *r, int rows);

/* The cells of r as Calc's getDataArray gives them: a new
 * sequence<sequence<any>> (numbers as double, texts as string, empty cells
 * as ""), released by the caller with ka_uno_sequence_release(seq,
 * ka_uno_matrix_any_type()).  KA_ERR_ARG when LibreOffice refuses. */
ka_status ka_review_range_read(const ka_command_env *env, const ka_review_range *r,
                               uno_Sequence **out);

/* Whether env's document is a spreadsheet, which every review command
 * checks first; when it is not, *message (malloc'ed, the caller free()s;
 * NULL when out of memory) says so and the command fails with KA_ERR_ARG. */
bool ka_review_is_spreadsheet(const ka_command_env *env, char **message);

/* The made-by line's inputs, "Clients $Data.$A$2:$A$101, Sales
 * $Data.$C$2:$C$101": names[i] and ranges[i].address of every i < n with
 * given[i], in that order (all borrowed).  Malloc'ed (the caller free()s),
 * NULL when out of memory. */
char *ka_review_sources(const char *const *names, const bool *given, const ka_review_range *ranges,
                        size_t n);

/* Builds the review of plan for run in env's document.
 * sheet_name: the sheet's name (UTF-8), NULL for the plan's translated
 * default; a name taken by another sheet gets " 2", " 3", ... appended.
 * replace: replace the sheet this command made before (false: refuse with
 * KA_ERR_ARG when there is one).  sources: the inputs for the made-by line
 * ("Clients $Data.$A$2:$A$101, Sales $Data.$C$2:$C$101").
 * *message: a malloc'ed sentence for the user (caller free()s), the sheet's
 * name on success, or NULL when out of memory.  Returns KA_OK; KA_ERR_ARG
 * when LibreOffice refused a step (the half-built sheet is removed: the
 * document is as it was, except when a chart was refused after the
 * previous review had gone); KA_ERR_NOMEM. */
ka_status ka_review_build(const ka_command_env *env, const ka_review_plan *plan,
                          const ka_plan_run *run, const char *sheet_name, bool replace,
                          const char *sources, char **message);

#endif
