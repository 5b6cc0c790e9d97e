/* ka_args.h - spreadsheet arguments and results in binary-UNO form.
 *
 * Converts what Calc passes (anys, sequence<sequence<double|any>>) into
 * plain C arrays for the core, and builds the results Calc shows.  No
 * arithmetic of the functions lives here.
 */
#ifndef KA_ARGS_H
#define KA_ARGS_H

#include "ka_failures.h"
#include "ka_status.h"
#include "ka_uno.h"

typedef enum ka_cell_kind { KA_CELL_EMPTY, KA_CELL_NUMBER, KA_CELL_TEXT } ka_cell_kind;

typedef struct ka_cell {
    ka_cell_kind kind;
    double num;        /* KA_CELL_NUMBER (booleans and dates are numbers in Calc) */
    rtl_uString *text; /* KA_CELL_TEXT: borrowed from the argument, valid during the call */
} ka_cell;

/* A rectangular block of cells: a range argument, or one value (1 x 1). */
typedef struct ka_range {
    size_t rows, cols;
    bool is_array;  /* the argument was a range or an inline array, not a single value */
    ka_cell *cells; /* rows * cols, row-major; owned, freed by ka_range_clear */
} ka_range;

/* Reads one cell from an any as Calc passes it: a number (booleans and
 * dates included), a non-empty text (borrowed from the any), or else empty
 * (Calc passes the empty cells of an any array as ""). */
void ka_cell_from_any(const uno_Any *a, ka_cell *c);

/* The client id a cell names, the one rule of DOSSIER() and the panel: a
 * text as it is, a number as Calc shows it in the General format (12,
 * 1.5, "%.15g").  *id is malloc'ed (caller free()s), NULL for an empty
 * cell; KA_ERR_NOMEM with *id NULL (never taken for an empty cell). */
ka_status ka_cell_client_id(const ka_cell *c, char **id);

/* The any a handler reads for a value-or-range argument (KA_ARG_VALUE).
 * Calc passes such an argument as a sequence<sequence<any>> (the type keeps
 * it required in the Function Wizard, which marks every `any` optional):
 * a number, a text or one cell as 1 x 1, a range or an inline array as its
 * cells, an omitted argument as an empty sequence.  *view gets the one
 * cell's any for 1 x 1 (the single form, as when the argument was an any),
 * an any holding m for more cells (the array form), void for none.  *view
 * is constructed (it shares m's data, borrowed for the call); the caller
 * destructs it with uno_any_destruct. */
void ka_value_arg_view(uno_Sequence *m, uno_Any *view);

/* Reads a value-or-range argument (an any).  An omitted argument gives a
 * 0 x 0 range.  Returns KA_ERR_NOMEM or KA_ERR_ARG (a type Calc never
 * passes); on success the caller calls ka_range_clear. */
ka_status ka_range_from_any(const uno_Any *any, ka_range *r);
/* Reads a sequence<sequence<any>> argument.  Same contract. */
ka_status ka_range_from_matrix(uno_Sequence *m, ka_range *r);
/* Frees the cells; accepts a zeroed range. */
void ka_range_clear(ka_range *r);
/* Cell (i, j). */
#define KA_RANGE_AT(r, i, j) ((r)->cells[(i) * (r)->cols + (j)])

/* Flattens a sequence<sequence<double>> argument (row-major) into a new
 * malloc'ed array the caller free()s; *n = number of cells (may be 0, then
 * *out is NULL).  KA_ERR_NOMEM on allocation failure. */
ka_status ka_numbers_from_matrix(uno_Sequence *m, double **out, size_t *n);

struct ka_key; /* ka_summary.h */

/* Reads a value-or-range argument whose cells must all be numbers, without
 * allocating: a small fixed-size argument such as model parameters.  v has
 * room for max values; *n gets the number of cells as ka_range_from_any
 * counts them (rows x the longest row; 0 for an omitted argument).
 * Returns KA_OK, or KA_ERR_ARG when there are more than max cells, a cell
 * is not a number (text, empty, missing from a short row) or the any holds
 * a type Calc never passes. */
ka_status ka_numbers_from_any_small(const uno_Any *any, double *v, size_t max, size_t *n);

/* Copies the numbers of a sequence<sequence<double>> argument (row-major)
 * into v without allocating, at most max of them; *n gets the total number
 * of cells (as ka_numbers_from_matrix counts them), which may exceed max. */
void ka_numbers_copy_from_matrix(uno_Sequence *m, double *v, size_t max, size_t *n);

/* The shape of a sequence<sequence<...>> argument as ka_range_from_matrix
 * sees it: rows, and the longest row (missing cells of short rows count as
 * empty).  A NULL or empty sequence gives 0 x 0. */
void ka_matrix_shape(uno_Sequence *m, size_t *rows, size_t *cols);

/* Keys straight from a sequence<sequence<any>> argument, as
 * an order log or client list needs them: numbers stay numbers, texts
 * become UTF-8 (compared exactly), without intermediate cells.  keys and present have rows * cols
 * entries (ka_matrix_shape); missing cells of short rows are not present.
 * The texts live in *arena, which the caller free()s after the last use of
 * keys (also on failure; NULL then when nothing was allocated).
 * KA_ERR_NOMEM on allocation failure. */
ka_status ka_keys_from_matrix(uno_Sequence *m, struct ka_key *keys, bool *present, char **arena);

/* Numbers straight from a sequence<sequence<any>> argument: for each of the
 * rows * cols cells (ka_matrix_shape, row-major), is_number[i] tells whether
 * the cell holds a number (booleans and dates included) and num[i] is it
 * (unset otherwise).  No allocation. */
void ka_numbers_of_matrix(uno_Sequence *m, double *num, bool *is_number);

/* An optional number: omitted -> def; a number -> it; anything else
 * (text, a range) -> KA_ERR_ARG. */
ka_status ka_optional_number(const uno_Any *any, double def, double *out);
/* An optional integer flag that must be one of 0 .. max. */
ka_status ka_optional_choice(const uno_Any *any, int def, int max, int *out);

/* Result builder: a rows x cols array of anys, or a single any. */
typedef struct ka_result {
    size_t rows, cols;
    bool is_array;
    uno_Sequence *matrix; /* sequence<sequence<any>> when is_array; owned until ka_result_emit */
    uno_Any single;       /* when !is_array; constructed by ka_result_new */
} ka_result;

/* Prepares a result shaped like r (array form when r->is_array, else one
 * value).  KA_ERR_NOMEM on failure. */
ka_status ka_result_new(ka_result *res, size_t rows, size_t cols, bool is_array);
/* The any of cell (i, j) (or the single any); it holds void until set. */
uno_Any *ka_result_at(ka_result *res, size_t i, size_t j);
/* As ka_result_new, with every cell "": a per-client array whose empty
 * rows stay "" while the others get numbers (ka_result_set_number).
 * KA_ERR_NOMEM on failure, with nothing left to free. */
ka_status ka_result_new_blank(ka_result *res, size_t rows, size_t cols, bool is_array);
/* Replaces cell k (row-major index) with the number v. */
void ka_result_set_number(ka_result *res, size_t k, double v);
/* Moves the result into the dispatcher's return slot. */
void ka_result_emit(ka_result *res, void *ret);
/* Emits the result when st is KA_OK, else discards it (the caller raises
 * the error). */
void ka_result_finish(ka_result *res, ka_status st, void *ret);

/* Feeds one value as a function receives it into the hash of a call's
 * arguments (ka_failures.h): a number, a boolean, a text, void (omitted),
 * or a sequence<sequence<any|double>> as its shape and cells row by row.
 * The add-in hashes Calc's arguments with it, the panel the cells a
 * formula names, so the same values give the same bits. */
void ka_args_hash_any(ka_arg_hash *h, const uno_Any *any);
/* The same for a sequence<sequence<any>> (numbers false) or
 * sequence<sequence<double>> (numbers true) not inside an any. */
void ka_args_hash_matrix(ka_arg_hash *h, uno_Sequence *m, bool numbers);

/* Raises the Calc error of a status (KA_ERR_ARG -> Err:502, KA_ERR_NOCONV ->
 * Err:523, KA_ERR_NOMEM -> #VALUE!) with a message naming the function and
 * what is wrong. */
void ka_raise_status(uno_Any **exc, ka_status st, const char *function, const char *what);

#endif
