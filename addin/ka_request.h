/* ka_request.h - a DOSSIER() request (a field of one client or of a block
 * of clients, and what a client without a profile gives) and its key: the string a live result
 * (ka_live.h) is found by, and from which the request is computed again when a profile changes.
 * Pure C: no UNO, so that it is tested without an office. */
#ifndef KA_REQUEST_H
#define KA_REQUEST_H

#include "ka_status.h"

#include <stdbool.h>
#include <stddef.h>

/* What a client without a profile gives (DOSSIER()'s IfMissing). */
typedef enum ka_missing_kind {
    KA_MISSING_ERROR,  /* IfMissing omitted: Err:502 */
    KA_MISSING_NUMBER, /* missing_number */
    KA_MISSING_TEXT    /* missing_text */
} ka_missing_kind;

typedef struct ka_request {
    char *field; /* the field key, malloc'ed */
    char **ids;  /* rows * cols client ids, malloc'ed; NULL for an empty cell */
    size_t rows, cols;
    bool is_array; /* the Client argument was a range or an inline array */
    ka_missing_kind missing;
    double missing_number; /* KA_MISSING_NUMBER: finite */
    char *missing_text;    /* KA_MISSING_TEXT: malloc'ed UTF-8 */
} ka_request;

/* Frees what a request owns and zeroes it; accepts a zeroed request. */
void ka_request_clear(ka_request *q);

/* The key of a request: equal requests give equal keys, different ones
 * different keys, whatever bytes the field, IfMissing and the ids hold
 * (each is written with its length).  *key is malloc'ed (caller free()s).
 * KA_ERR_NOMEM; KA_ERR_ARG when q has no field, a KA_MISSING_TEXT without
 * its text or a KA_MISSING_NUMBER that is not finite. */
ka_status ka_request_key(const ka_request *q, char **key);

/* The request a key describes (the inverse of ka_request_key) into *q,
 * which the caller clears with ka_request_clear.  KA_ERR_ARG for a string
 * that is not such a key (*q then zeroed), KA_ERR_NOMEM. */
ka_status ka_request_parse(const char *key, ka_request *q);

#endif
