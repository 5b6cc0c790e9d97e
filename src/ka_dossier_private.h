/* ka_dossier_private.h - NOT PUBLIC API: what the dossier's own source files share.
 *
 * Only src/ka_dossier*.c include this header; everyone else uses ka_dossier.h.  It holds the
 * model's layout and the helpers one file of the dossier provides to another.  It includes no
 * libxml2 header, so that ka_dossier_fields.c builds without libxml2 (tools/ka_gen).
 */
#ifndef KA_DOSSIER_PRIVATE_H
#define KA_DOSSIER_PRIVATE_H

#include <stdbool.h>
#include <stddef.h>
#include <stdint.h>

#include "ka_dossier.h"
#include "ka_messages.h"

#define KA_COUNT(a) (sizeof(a) / sizeof((a)[0]))

/* ---- tables (ka_dossier_fields.c) ---- */

/* Number of sections; ka_dossier_fields.c checks it against its table at compile time. */
#define KA_DOSSIER_NSECTIONS 6

/* The sections in XML order. */
extern const ka_dossier_section_def ka_dossier_sections[KA_DOSSIER_NSECTIONS];

/* The derived DOSSIER() fields, in the order of ka_dossier_derived_at: the table of definitions
 * (ka_dossier_fields.c) and the table of functions computing them (ka_dossier.c) are both indexed
 * by this, so that neither can list a field the other lacks. */
typedef enum ka_dossier_derived_id {
    KA_DOSSIER_DERIVED_PEOPLE,
    KA_DOSSIER_DERIVED_DECISION_MAKER,
    KA_DOSSIER_DERIVED_COMPETITORS,
    KA_DOSSIER_DERIVED_LAST_CONTACT,
    KA_DOSSIER_DERIVED_LAST_SATISFACTION,
    KA_DOSSIER_DERIVED_SATISFACTION,
    KA_DOSSIER_DERIVED_OVERDUE,
    KA_DOSSIER_DERIVED_COUNT
} ka_dossier_derived_id;

/* Index of a section of ka_dossier_sections. */
size_t ka_dossier_section_index(const ka_dossier_section_def *s);
/* The record list with this key, or NULL (also for a section of simple fields). */
const ka_dossier_section_def *ka_dossier_list_find(const char *key);
/* Index of the field with this key in section s, or -1. */
ptrdiff_t ka_dossier_field_index(const ka_dossier_section_def *s, const char *key);
/* The simple field with this key, or NULL; *sec and *idx (each may be NULL) receive the indices
 * of its section and of the field in it. */
const ka_dossier_field_def *ka_dossier_simple_find(const char *key, size_t *sec, size_t *idx);
/* The derived field with this key (a ka_dossier_derived_id), or -1. */
int ka_dossier_derived_find(const char *key);

/* ---- values (ka_dossier_value.c) ---- */

/* printf into a new malloc'ed string; NULL when out of memory. */
#if defined(__GNUC__)
__attribute__((format(printf, 1, 2)))
#endif
char *
ka_dossier_format(const char *fmt, ...);
/* Message id of ka_messages in language lang (NULL: English), formatted with the arguments into a
 * new malloc'ed string; NULL when out of memory. */
char *ka_dossier_reason(const char *lang, ka_msg_id id, ...);
/* Stores text (malloc'ed or NULL) as the caller's reason unless it does not want one or one is
 * already set; frees it otherwise. */
void ka_dossier_give_reason(char **reason, char *text);
/* Parses a strict "YYYY-MM-DD" (years 1-9999, a real calendar day); returns true and the number
 * of days since 1970-01-01 in *days (may be NULL) when valid. */
bool ka_dossier_date_parse(const char *s, long *days);
/* Decodes one UTF-8 sequence of at most avail (>= 1) bytes at p into *c.  Returns its length, or
 * 0 if it is not valid UTF-8 (overlong forms, surrogates and values over U+10FFFF included). */
size_t ka_dossier_utf8_next(const unsigned char *p, size_t avail, uint32_t *c);
/* XML white space: what the schema's datatypes strip from the ends of a value. */
bool ka_dossier_is_xml_space(char c);
/* The table's own copy of the value v (len bytes, not NUL-terminated) of values, or NULL. */
const char *ka_dossier_enum_find(const ka_dossier_enum_value *values, const char *v, size_t len);
/* Replaces *slot (malloc'ed or NULL) with the checked, canonical form of value (NULL or ""
 * unsets).  KA_ERR_ARG with *problem a malloc'ed reason in language lang that reads after the
 * field's name ("must be a date YYYY-MM-DD"; the caller says where and frees it) and the slot
 * unchanged; KA_ERR_NOMEM (*problem NULL). */
ka_status ka_dossier_slot_set(char **slot, const ka_dossier_field_def *f, const char *value,
                              const char *lang, char **problem);

/* ---- the model (ka_dossier.c) ---- */

/* One section's values: simple fields in values, a record list in records. */
typedef struct ka_dossier_section_data {
    char **values;   /* section of simple fields: one string per field, NULL when unset */
    char ***records; /* record list: count records of nfields strings each */
    size_t count, cap;
} ka_dossier_section_data;

struct ka_dossier {
    ka_dossier_section_data data[KA_DOSSIER_NSECTIONS];
};

/* Appends an empty record of nfields unset values to a record list.  KA_ERR_NOMEM. */
ka_status ka_dossier_record_append(ka_dossier_section_data *sd, size_t nfields);
/* Every required field of every section and record is set, and an element's attribute is set
 * exactly when its text is.  KA_ERR_ARG with a reason in language lang ("Decision-making unit,
 * record 2: Name is required"), KA_ERR_NOMEM. */
ka_status ka_dossier_check_complete(const ka_dossier *d, const char *lang, char **reason);

/* ---- XML (ka_dossier_read.c) ---- */

struct _xmlDoc;
/* Validates a tree against the embedded RELAX NG schema (compiled once, kept).  KA_ERR_ARG with a
 * reason in language lang ("element 'stage' invalid at line 7: ...", libxml2's own words after the
 * colon), KA_ERR_NOMEM. */
ka_status ka_dossier_tree_validate(struct _xmlDoc *doc, const char *lang, char **reason);

#endif
