/* ka_dossier.h - the client dossier: one key client's profile, its XML form and its fields.
 *
 * A dossier is described by tables (ka_dossier_fields.h: sections of fields, each field with its
 * key, XML element, kind, label and help) so that the DOSSIER() spreadsheet function, the
 * sidebar's form and the XML reader and writer all work from the same facts.  The code is split
 * by job: ka_dossier_fields.c the tables, ka_dossier_value.c value checking, ka_dossier.c the
 * model and DOSSIER() fields, ka_dossier_read.c parsing and the RELAX NG schema,
 * ka_dossier_write.c serialising.  Two kinds of section exist:
 *   - sections of simple fields (identity, classification, plan), read and written by key with
 *     ka_dossier_get / ka_dossier_set;
 *   - record lists (people, history, competitors), whose records have their own fields, read
 *     and written with the ka_dossier_record_* functions.
 * All values are UTF-8 strings; an unset field reads as "" and setting "" or NULL unsets it.
 *
 * The XML format (namespace KA_DOSSIER_NS, version attribute "1") is validated with the
 * RELAX NG schema src/ka_dossier.rng on every parse, and before every serialisation on the tree
 * about to be written (the text is not parsed again); see
 * docs/dossier-format.md.  Documents come from strangers: parsing never touches the network or
 * the file system, refuses DTDs, and refuses input over KA_DOSSIER_MAX_BYTES, more than
 * KA_DOSSIER_MAX_ELEMENTS elements, nesting deeper than KA_DOSSIER_MAX_DEPTH, or a start tag with
 * more than KA_DOSSIER_MAX_ATTRIBUTES attributes.
 *
 * Status codes (ka_status.h): KA_ERR_ARG for bad arguments and for documents or values that are
 * refused (DOSSIER() shows Err:502), KA_ERR_NOMEM when memory runs out.  Functions that take a
 * `char **reason` store a malloc'ed, human-readable reason there on failure (the caller free()s
 * it; NULL on success, and possibly NULL when memory ran out); pass NULL to ignore it.  They also
 * take the reason's language `lang`, a code of ka_languages (ka_i18n.h) or NULL for English: its
 * texts are the KA_MSG_REASON_* rows of src/ka_messages.c, and a field is named by its label in
 * that language ("Next review: must be a date YYYY-MM-DD"), an XML element by its name, a derived
 * field by its DOSSIER() key; what libxml2 says stays English (po/README.md).
 * No function keeps global state; a ka_dossier may be used by one thread at a time.
 */
#ifndef KA_DOSSIER_H
#define KA_DOSSIER_H

#include <stdbool.h>
#include <stddef.h>

#include "ka_dossier_fields.h"
#include "ka_status.h"

/* XML namespace of the root element <dossier version="1">. */
#define KA_DOSSIER_NS "urn:keyaccount:dossier:1"
/* The format version this code reads and writes. */
#define KA_DOSSIER_VERSION "1"
/* Largest document accepted by ka_dossier_parse and produced by ka_dossier_serialize, bytes. */
#define KA_DOSSIER_MAX_BYTES ((size_t)1 << 20)
/* Most elements in one document, deepest nesting (the format itself needs 4 levels), and most
 * attributes plus namespace declarations in one start tag (the format needs 2). */
#define KA_DOSSIER_MAX_ELEMENTS 50000
#define KA_DOSSIER_MAX_DEPTH 16
#define KA_DOSSIER_MAX_ATTRIBUTES 16
/* Name of the workbook's user-defined document property holding a client's dossier:
 * this prefix followed by the client id. */
#define KA_DOSSIER_PROPERTY_PREFIX "KeyAccountDossier:"

/* ka_dossier_overdue flags.  A profile without any satisfaction check (a new one) is not
 * overdue: it has KA_DOSSIER_NO_CHECK_YET instead of KA_DOSSIER_OVERDUE_SATISFACTION. */
#define KA_DOSSIER_OVERDUE_REVIEW 1u       /* next_review is before today */
#define KA_DOSSIER_OVERDUE_SATISFACTION 2u /* the latest check is more than 365 days old */
#define KA_DOSSIER_NO_CHECK_YET 4u         /* no satisfaction check at all */

typedef struct ka_dossier ka_dossier;

/* Checks a value for a field without storing it, for the sidebar's live feedback (public on
 * purpose: the panel checks each field as it is typed once issue 9 lands; today Save reports the
 * same reason through ka_dossier_set).  value NULL or
 * "" is valid unless the field is required; a derived field cannot be set.  Returns KA_OK,
 * KA_ERR_ARG with *reason saying why in language lang (e.g. "Relationship stage: must be one of:
 * butterfly, partnership"), or KA_ERR_NOMEM. */
ka_status ka_dossier_check(const ka_dossier_field_def *field, const char *value, const char *lang,
                           char **reason);

/* ---- life cycle ---- */

/* A new empty dossier (no id, no name).  Returns NULL when out of memory; free with
 * ka_dossier_free. */
ka_dossier *ka_dossier_new(void);
/* Frees a dossier and every string it owns.  Accepts NULL. */
void ka_dossier_free(ka_dossier *d);
/* A deep copy of d: on success *out is a new dossier equal to d (ka_dossier_equal) that shares
 * nothing with it; the caller frees it with ka_dossier_free.  KA_ERR_ARG when d or out is NULL,
 * KA_ERR_NOMEM when memory runs out (nothing is leaked).  On failure *out is NULL. */
ka_status ka_dossier_copy(const ka_dossier *d, ka_dossier **out);
/* Whether a and b hold the same value (byte for byte) in every simple field and the same records,
 * in the same order, with the same values.  Two NULLs are equal; NULL and a dossier are not.
 * Public on purpose: the round trip parse -> serialise -> parse must give an equal model, which
 * the tests and the fuzz harness check with it. */
bool ka_dossier_equal(const ka_dossier *a, const ka_dossier *b);
/* Puts the items of every field of several choices (KA_DOSSIER_ENUM_LIST) of d, in every section
 * and record, in the order of the field's table of values: the order a set of check boxes gives
 * them back in, so that a profile shown in the panel and read back unchanged is equal to it
 * (ka_dossier_equal), whatever order its XML listed them in.  KA_ERR_ARG when d is NULL,
 * KA_ERR_NOMEM when memory runs out (the fields sorted so far stay sorted, the rest as they
 * were: d holds the same values either way). */
ka_status ka_dossier_sort_choices(ka_dossier *d);

/* ---- XML ---- */

/* Parses and validates one dossier document of len bytes (need not be NUL-terminated; must be
 * UTF-8, whatever its declaration says).  On success *out is a new dossier the caller frees with
 * ka_dossier_free.  On failure *out is NULL and *reason says why: "larger than the 1 MB limit",
 * "DTDs are not allowed", "not well-formed XML at line 3: ..." (including "not UTF-8"), "wrong
 * namespace ...", "unsupported version ...", "element 'x' invalid at line 7: ...", "more than 50000
 * elements", "a start tag at line 2 has more than 16 attributes", ... Returns KA_OK, KA_ERR_ARG
 * (document refused, or xml NULL with len > 0, or out NULL) or KA_ERR_NOMEM. */
ka_status ka_dossier_parse(const char *xml, size_t len, ka_dossier **out, const char *lang,
                           char **reason);

/* Checks a document exactly as ka_dossier_parse does, without keeping the result.  Public on
 * purpose, for callers that want the verdict only: the tests and the fuzz harness hold it against
 * the schema and against ka_dossier_parse. */
ka_status ka_dossier_validate(const char *xml, size_t len, const char *lang, char **reason);

/* The first parse or serialisation compiles the embedded RELAX NG schema and keeps it for the
 * life of the process.  ka_dossier_cleanup frees it (for leak checkers, at exit); call it only
 * when no other ka_dossier call is running.  A later parse compiles it again. */
void ka_dossier_cleanup(void);

/* Writes a dossier as an indented UTF-8 XML document with the namespace and version attribute,
 * and validates its tree before returning.  On success *xml is a NUL-terminated malloc'ed buffer
 * (the caller free()s it) and *len its length without the NUL.  Fails with KA_ERR_ARG and a reason
 * when a required field is missing ("Client id is required", "Decision-making unit, record 2: Name
 * is required"), an
 * amount lacks its currency, or the result would be over KA_DOSSIER_MAX_BYTES; KA_ERR_NOMEM when
 * memory runs out.  On failure *xml is NULL and *len 0. */
ka_status ka_dossier_serialize(const ka_dossier *d, char **xml, size_t *len, const char *lang,
                               char **reason);

/* ---- simple fields ---- */

/* Reads a simple field by key.  *value points into d (valid until the field is next set or d is
 * freed; do not free it) and is "" when the field is unset.  KA_ERR_ARG for an unknown key. */
ka_status ka_dossier_get(const ka_dossier *d, const char *key, const char **value);

/* Sets a simple field by key to a copy of value (NULL or "" unsets it).  The value is checked
 * against the field's kind; an ENUM_LIST accepts values separated by commas and spaces and is
 * stored joined by ", ".  KA_ERR_ARG with a reason for an unknown key or a refused value (d is
 * then unchanged), KA_ERR_NOMEM. */
ka_status ka_dossier_set(ka_dossier *d, const char *key, const char *value, const char *lang,
                         char **reason);

/* ---- record lists (people, history, competitors) ---- */

/* Number of records of the list with key list.  KA_ERR_ARG if there is no such list. */
ka_status ka_dossier_record_count(const ka_dossier *d, const char *list, size_t *count);
/* Appends an empty record to a list; *index (may be NULL) receives its index (0-based).
 * KA_ERR_ARG for an unknown list, KA_ERR_NOMEM. */
ka_status ka_dossier_record_add(ka_dossier *d, const char *list, size_t *index);
/* Removes record index of a list; later records move down by one.  KA_ERR_ARG if there is no
 * such list or record. */
ka_status ka_dossier_record_remove(ka_dossier *d, const char *list, size_t index);
/* Reads field key of record index; *value as for ka_dossier_get. */
ka_status ka_dossier_record_get(const ka_dossier *d, const char *list, size_t index,
                                const char *key, const char **value);
/* Sets field key of record index; as ka_dossier_set. */
ka_status ka_dossier_record_set(ka_dossier *d, const char *list, size_t index, const char *key,
                                const char *value, const char *lang, char **reason);

/* ---- DOSSIER() and the sidebar's client list ---- */

/* The text DOSSIER(client; key) shows: a simple field or a derived field (see
 * ka_dossier_derived_at; ka_dossier_key_find gives its kind).  today ("YYYY-MM-DD") is needed
 * only by the derived field "overdue" and may otherwise be NULL.  *value is malloc'ed (the caller
 * free()s it) and "" for an unset field.  KA_ERR_ARG for an unknown key (Err:502) or a needed
 * but invalid today, KA_ERR_NOMEM. */
ka_status ka_dossier_field(const ka_dossier *d, const char *key, const char *today, char **value);

/* Which follow-ups are overdue on date today ("YYYY-MM-DD"): *flags gets
 * KA_DOSSIER_OVERDUE_REVIEW when next_review is set and before today (a review due today is
 * not overdue), KA_DOSSIER_OVERDUE_SATISFACTION when the latest history entry of kind
 * "satisfaction" is dated more than 365 days before today (so 2024-01-01's check is due on
 * 2024-12-31 and overdue from 2025-01-01, 366 days later), and KA_DOSSIER_NO_CHECK_YET,
 * instead, when there is no such entry at all.  KA_ERR_ARG for an invalid today. */
ka_status ka_dossier_overdue(const ka_dossier *d, const char *today, unsigned *flags);

#endif
