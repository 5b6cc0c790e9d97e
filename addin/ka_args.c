/* ka_args.c - spreadsheet arguments and results in binary-UNO form. */
#include "ka_args.h"

#include "ka_summary.h"

#include <math.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>

void ka_cell_from_any(const uno_Any *a, ka_cell *c)
{
    rtl_uString *s;
    c->text = NULL;
    if (ka_uno_any_number(a, &c->num)) {
        c->kind = KA_CELL_NUMBER;
    } else if ((s = ka_uno_any_get_string(a)) != NULL && s->length > 0) {
        c->kind = KA_CELL_TEXT;
        c->text = s;
    } else {
        c->kind = KA_CELL_EMPTY; /* Calc passes empty cells of an any array as "" */
    }
}

ka_status ka_cell_client_id(const ka_cell *c, char **id)
{
    *id = NULL;
    if (c->kind == KA_CELL_TEXT)
        *id = ka_uno_string_utf8(c->text, NULL);
    else if (c->kind == KA_CELL_NUMBER) {
        char buf[40];
        snprintf(buf, sizeof buf, "%.15g", c->num);
        *id = strdup(buf);
    } else {
        return KA_OK;
    }
    return *id ? KA_OK : KA_ERR_NOMEM;
}

ka_status ka_range_from_matrix(uno_Sequence *m, ka_range *r)
{
    memset(r, 0, sizeof *r);
    r->is_array = true;
    if (!m || m->nElements == 0)
        return KA_OK;
    size_t rows = (size_t)m->nElements, cols = 0;
    for (size_t i = 0; i < rows; i++) {
        size_t n = (size_t)KA_UNO_SEQ_AT(m, uno_Sequence *, i)->nElements;
        if (n > cols)
            cols = n;
    }
    if (cols == 0)
        return KA_OK;
    r->cells = calloc(rows * cols, sizeof *r->cells); /* missing cells of short rows: empty */
    if (!r->cells)
        return KA_ERR_NOMEM;
    r->rows = rows;
    r->cols = cols;
    for (size_t i = 0; i < rows; i++) {
        uno_Sequence *row = KA_UNO_SEQ_AT(m, uno_Sequence *, i);
        const uno_Any *a = (const uno_Any *)(void *)row->elements;
        for (size_t j = 0; j < (size_t)row->nElements; j++)
            ka_cell_from_any(&a[j], &KA_RANGE_AT(r, i, j));
    }
    return KA_OK;
}

void ka_value_arg_view(uno_Sequence *m, uno_Any *view)
{
    size_t rows, cols;
    ka_matrix_shape(m, &rows, &cols);
    if (rows * cols == 0) {
        ka_uno_any_void(view);
    } else if (rows * cols == 1) {
        const uno_Any *cell =
            (const uno_Any *)(void *)KA_UNO_SEQ_AT(m, uno_Sequence *, 0)->elements;
        uno_type_any_construct(view, cell->pData, cell->pType, NULL);
    } else {
        uno_type_any_construct(view, &m, ka_uno_matrix_any_type(), NULL);
    }
}

ka_status ka_range_from_any(const uno_Any *any, ka_range *r)
{
    memset(r, 0, sizeof *r);
    if (ka_uno_any_is_void(any))
        return KA_OK;
    uno_Sequence *m = ka_uno_any_get_matrix(any);
    if (m)
        return ka_range_from_matrix(m, r);
    r->cells = calloc(1, sizeof *r->cells);
    if (!r->cells)
        return KA_ERR_NOMEM;
    r->rows = r->cols = 1;
    ka_cell_from_any(any, &r->cells[0]);
    if (r->cells[0].kind == KA_CELL_EMPTY && ka_uno_any_get_string(any) == NULL) {
        ka_range_clear(r); /* neither number nor text: a type Calc does not pass */
        return KA_ERR_ARG;
    }
    return KA_OK;
}

void ka_range_clear(ka_range *r)
{
    free(r->cells);
    memset(r, 0, sizeof *r);
}

ka_status ka_numbers_from_matrix(uno_Sequence *m, double **out, size_t *n)
{
    *out = NULL;
    *n = 0;
    if (!m)
        return KA_OK;
    size_t total = 0;
    for (sal_Int32 i = 0; i < m->nElements; i++)
        total += (size_t)KA_UNO_SEQ_AT(m, uno_Sequence *, i)->nElements;
    if (total == 0)
        return KA_OK;
    double *v = malloc(total * sizeof *v);
    if (!v)
        return KA_ERR_NOMEM;
    size_t k = 0;
    for (sal_Int32 i = 0; i < m->nElements; i++) {
        uno_Sequence *row = KA_UNO_SEQ_AT(m, uno_Sequence *, i);
        memcpy(v + k, row->elements, (size_t)row->nElements * sizeof *v);
        k += (size_t)row->nElements;
    }
    *out = v;
    *n = total;
    return KA_OK;
}

ka_status ka_numbers_from_any_small(const uno_Any *any, double *v, size_t max, size_t *n)
{
    *n = 0;
    if (ka_uno_any_is_void(any))
        return KA_OK;
    uno_Sequence *m = ka_uno_any_get_matrix(any);
    if (!m) {
        *n = 1;
        return max >= 1 && ka_uno_any_number(any, &v[0]) ? KA_OK : KA_ERR_ARG;
    }
    size_t rows, cols;
    ka_matrix_shape(m, &rows, &cols);
    *n = rows * cols;
    if (*n > max)
        return KA_ERR_ARG;
    for (size_t i = 0; i < rows; i++) {
        uno_Sequence *row = KA_UNO_SEQ_AT(m, uno_Sequence *, i);
        if ((size_t)row->nElements != cols)
            return KA_ERR_ARG; /* a missing cell is empty */
        const uno_Any *a = (const uno_Any *)(void *)row->elements;
        for (size_t j = 0; j < cols; j++)
            if (!ka_uno_any_number(&a[j], &v[i * cols + j]))
                return KA_ERR_ARG;
    }
    return KA_OK;
}

void ka_numbers_copy_from_matrix(uno_Sequence *m, double *v, size_t max, size_t *n)
{
    size_t k = 0;
    for (sal_Int32 i = 0; m && i < m->nElements; i++) {
        uno_Sequence *row = KA_UNO_SEQ_AT(m, uno_Sequence *, i);
        const double *d = (const double *)(void *)row->elements;
        for (sal_Int32 j = 0; j < row->nElements; j++, k++)
            if (k < max)
                v[k] = d[j];
    }
    *n = k;
}

void ka_matrix_shape(uno_Sequence *m, size_t *rows, size_t *cols)
{
    *rows = *cols = 0;
    if (!m || m->nElements == 0)
        return;
    size_t c = 0;
    for (sal_Int32 i = 0; i < m->nElements; i++) {
        size_t n = (size_t)KA_UNO_SEQ_AT(m, uno_Sequence *, i)->nElements;
        if (n > c)
            c = n;
    }
    if (c == 0)
        return;
    *rows = (size_t)m->nElements;
    *cols = c;
}

void ka_numbers_of_matrix(uno_Sequence *m, double *num, bool *is_number)
{
    size_t rows, cols;
    ka_matrix_shape(m, &rows, &cols);
    for (size_t i = 0; i < rows; i++) {
        uno_Sequence *row = KA_UNO_SEQ_AT(m, uno_Sequence *, i);
        const uno_Any *a = (const uno_Any *)(void *)row->elements;
        size_t n = (size_t)row->nElements;
        for (size_t j = 0; j < n; j++)
            is_number[i * cols + j] = ka_uno_any_number(&a[j], &num[i * cols + j]);
        for (size_t j = n; j < cols; j++)
            is_number[i * cols + j] = false;
    }
}

/* The text of a key cell as ka_cell_from_any sees it: a non-empty string that
 * is not a number, else NULL. */
static rtl_uString *key_text(const uno_Any *a)
{
    rtl_uString *s = ka_uno_any_get_string(a);
    return s && s->length > 0 ? s : NULL;
}

ka_status ka_keys_from_matrix(uno_Sequence *m, ka_key *keys, bool *present, char **arena)
{
    size_t rows, cols, room = 0;
    *arena = NULL;
    ka_matrix_shape(m, &rows, &cols);
    for (size_t i = 0; i < rows; i++) {
        uno_Sequence *row = KA_UNO_SEQ_AT(m, uno_Sequence *, i);
        const uno_Any *a = (const uno_Any *)(void *)row->elements;
        for (sal_Int32 j = 0; j < row->nElements; j++) {
            rtl_uString *s = key_text(&a[j]);
            if (s)
                room += 3 * (size_t)s->length;
        }
    }
    *arena = malloc(room ? room : 1);
    if (!*arena)
        return KA_ERR_NOMEM;
    size_t used = 0;
    for (size_t i = 0; i < rows; i++) {
        uno_Sequence *row = KA_UNO_SEQ_AT(m, uno_Sequence *, i);
        const uno_Any *a = (const uno_Any *)(void *)row->elements;
        size_t n = (size_t)row->nElements;
        ka_key *k = keys + i * cols;
        bool *p = present + i * cols;
        for (size_t j = 0; j < n; j++) {
            double num;
            rtl_uString *s;
            if (ka_uno_any_number(&a[j], &num)) {
                k[j] = (ka_key){num, NULL, 0};
                p[j] = true;
            } else if ((s = key_text(&a[j])) != NULL) {
                size_t len = ka_uno_utf16_to_utf8(s->buffer, (size_t)s->length, *arena + used);
                k[j] = (ka_key){0, *arena + used, len};
                used += len;
                p[j] = true;
            } else {
                k[j] = (ka_key){0, NULL, 0};
                p[j] = false;
            }
        }
        for (size_t j = n; j < cols; j++) {
            k[j] = (ka_key){0, NULL, 0};
            p[j] = false;
        }
    }
    return KA_OK;
}

ka_status ka_optional_number(const uno_Any *any, double def, double *out)
{
    if (ka_uno_any_is_void(any)) {
        *out = def;
        return KA_OK;
    }
    double v;
    if (!ka_uno_any_number(any, &v) || !isfinite(v))
        return KA_ERR_ARG;
    *out = v;
    return KA_OK;
}

ka_status ka_optional_choice(const uno_Any *any, int def, int max, int *out)
{
    double v;
    ka_status st = ka_optional_number(any, def, &v);
    if (st != KA_OK)
        return st;
    if (v < 0 || v > max || v != floor(v))
        return KA_ERR_ARG;
    *out = (int)v;
    return KA_OK;
}

ka_status ka_result_new(ka_result *res, size_t rows, size_t cols, bool is_array)
{
    memset(res, 0, sizeof *res);
    res->rows = rows;
    res->cols = cols;
    res->is_array = is_array;
    if (!is_array) {
        ka_uno_any_void(&res->single);
        return KA_OK;
    }
    res->matrix = ka_uno_matrix_any_new(rows, cols);
    return res->matrix ? KA_OK : KA_ERR_NOMEM;
}

uno_Any *ka_result_at(ka_result *res, size_t i, size_t j)
{
    if (!res->is_array)
        return &res->single;
    uno_Sequence *row = KA_UNO_SEQ_AT(res->matrix, uno_Sequence *, i);
    return &KA_UNO_SEQ_AT(row, uno_Any, j);
}

ka_status ka_result_new_blank(ka_result *res, size_t rows, size_t cols, bool is_array)
{
    ka_status st = ka_result_new(res, rows, cols, is_array);
    rtl_uString *empty = NULL;
    if (st == KA_OK && (st = ka_uno_string_from_utf8("", 0, &empty)) != KA_OK)
        ka_result_finish(res, st, NULL);
    if (st != KA_OK)
        return st;
    const size_t n = is_array ? rows * cols : rows * cols > 0;
    for (size_t k = 0; k < n; k++)
        ka_uno_any_string(ka_result_at(res, k / cols, k % cols), empty);
    rtl_uString_release(empty);
    return KA_OK;
}

void ka_result_set_number(ka_result *res, size_t k, double v)
{
    uno_Any *a = ka_result_at(res, k / res->cols, k % res->cols);
    uno_any_destruct(a, NULL);
    ka_uno_any_double(a, v);
}

void ka_result_emit(ka_result *res, void *ret)
{
    if (res->is_array) {
        uno_type_any_construct(ret, &res->matrix, ka_uno_matrix_any_type(), NULL);
        ka_uno_sequence_release(res->matrix, ka_uno_matrix_any_type());
        res->matrix = NULL;
    } else {
        uno_type_any_construct(ret, res->single.pData, res->single.pType, NULL);
        uno_any_destruct(&res->single, NULL);
        ka_uno_any_void(&res->single);
    }
}

/* Frees a result that will not be emitted. */
static void ka_result_discard(ka_result *res)
{
    if (res->is_array)
        ka_uno_sequence_release(res->matrix, ka_uno_matrix_any_type());
    else
        uno_any_destruct(&res->single, NULL);
    memset(res, 0, sizeof *res);
}

void ka_result_finish(ka_result *res, ka_status st, void *ret)
{
    if (st == KA_OK)
        ka_result_emit(res, ret);
    else
        ka_result_discard(res);
}

void ka_args_hash_matrix(ka_arg_hash *h, uno_Sequence *m, bool numbers)
{
    size_t rows, cols;
    ka_matrix_shape(m, &rows, &cols);
    ka_arg_hash_shape(h, rows, cols);
    for (size_t i = 0; i < rows; i++) {
        uno_Sequence *row = KA_UNO_SEQ_AT(m, uno_Sequence *, i);
        for (sal_Int32 j = 0; j < row->nElements; j++) {
            if (numbers)
                ka_arg_hash_number(h, KA_UNO_SEQ_AT(row, double, j));
            else
                ka_args_hash_any(h, &KA_UNO_SEQ_AT(row, uno_Any, j));
        }
    }
}

void ka_args_hash_any(ka_arg_hash *h, const uno_Any *any)
{
    switch (any->pType->eTypeClass) {
    case typelib_TypeClass_DOUBLE:
        ka_arg_hash_number(h, *(const double *)any->pData);
        break;
    case typelib_TypeClass_LONG:
        ka_arg_hash_number(h, *(const sal_Int32 *)any->pData);
        break;
    case typelib_TypeClass_BOOLEAN:
        ka_arg_hash_number(h, *(const sal_Bool *)any->pData ? 1 : 0);
        break;
    case typelib_TypeClass_STRING: {
        const rtl_uString *s = *(rtl_uString *const *)any->pData;
        ka_arg_hash_text(h, (const uint16_t *)s->buffer, (size_t)s->length);
        break;
    }
    case typelib_TypeClass_SEQUENCE:
        ka_args_hash_matrix(h, *(uno_Sequence *const *)any->pData,
                            rtl_ustr_ascii_compare_WithLength(any->pType->pTypeName->buffer,
                                                              any->pType->pTypeName->length,
                                                              "[][]double") == 0);
        break;
    default: /* void: omitted */
        ka_arg_hash_empty(h);
        break;
    }
}

void ka_raise_status(uno_Any **exc, ka_status st, const char *function, const char *what)
{
    char msg[512];
    snprintf(msg, sizeof msg, "%s: %s", function, what ? what : "invalid argument");
    switch (st) {
    case KA_ERR_NOCONV:
        ka_uno_throw(exc, KA_UNO_NO_CONVERGENCE, msg);
        break;
    case KA_ERR_NOMEM:
        snprintf(msg, sizeof msg, "%s: out of memory", function);
        ka_uno_throw(exc, KA_UNO_RUNTIME, msg);
        break;
    case KA_ERR_ARG:
    case KA_OK:
    default:
        ka_uno_throw(exc, KA_UNO_ILLEGAL_ARGUMENT, msg);
        break;
    }
}
