/* ka_dossier_fields.h - the dossier's field tables: what sections and fields a client dossier has,
 * of which kind, with which XML element, label and help, and the lookups over them.
 *
 * These are facts only (static storage, no model, no XML), so that tools/ka_gen can generate the
 * sidebar's form from them without the parser and without libxml2.  ka_dossier.h includes this
 * header; the tables are defined in ka_dossier_fields.c.
 */
#ifndef KA_DOSSIER_FIELDS_H
#define KA_DOSSIER_FIELDS_H

#include <stddef.h>

/* What a field holds; the sidebar picks its control from this, DOSSIER() a number or text. */
typedef enum ka_dossier_kind {
    KA_DOSSIER_TEXT,      /* one line of free text */
    KA_DOSSIER_LONG_TEXT, /* several lines of free text */
    KA_DOSSIER_INTEGER,   /* whole number in [min, max], digits only, no leading zero */
    KA_DOSSIER_DECIMAL,   /* amount: optional '-', 1-15 digits, optional '.' and 1-6 digits */
    KA_DOSSIER_CURRENCY,  /* ISO 4217 code, three capital letters, e.g. "EUR" */
    KA_DOSSIER_DATE,      /* ISO 8601 calendar date "YYYY-MM-DD", years 0001-9999 */
    KA_DOSSIER_ENUM,      /* one of the field's values */
    KA_DOSSIER_ENUM_LIST  /* distinct values of the field's values, joined by ", " */
} ka_dossier_kind;

/* Field flags. */
#define KA_DOSSIER_REQUIRED 1u /* a dossier without it does not serialise */
#define KA_DOSSIER_DERIVED 2u  /* computed for DOSSIER(), read-only, no XML */

/* One allowed value of an enumerated field. */
typedef struct ka_dossier_enum_value {
    const char *value; /* as stored in the XML and returned by DOSSIER(), e.g. "image-maker" */
    const char *label; /* for display, e.g. "Image-maker" */
} ka_dossier_enum_value;

/* Description of one field. */
typedef struct ka_dossier_field_def {
    const char *key;       /* name used by DOSSIER(), the getters and the setters */
    const char *element;   /* XML element holding the value; NULL for derived fields */
    const char *attribute; /* attribute of that element holding it, or NULL for its text */
    ka_dossier_kind kind;
    unsigned flags;                      /* KA_DOSSIER_REQUIRED, KA_DOSSIER_DERIVED */
    long min, max;                       /* inclusive range of a KA_DOSSIER_INTEGER */
    const ka_dossier_enum_value *values; /* ENUM, ENUM_LIST: ends with {NULL, NULL}; else NULL */
    const char *label;                   /* for display */
    const char *help;                    /* one line for the sidebar's tooltip */
    /* A scale: what min and max of a KA_DOSSIER_INTEGER mean (both or neither), e.g. "closed"
     * and "open"; the sidebar offers min..max as a list "1 - closed", "2", ... "5 - open". */
    const char *low, *high;
} ka_dossier_field_def;

/* Description of one section, in XML order. */
typedef struct ka_dossier_section_def {
    const char *key;     /* e.g. "identity", "people"; the record functions take a list's key */
    const char *element; /* XML element of the section */
    const char *record;  /* XML element of one record, or NULL for a section of simple fields */
    const char *label;
    const char *help;
    const ka_dossier_field_def *fields; /* in XML order */
    size_t nfields;
} ka_dossier_section_def;

/* ---- tables ---- */

/* Number of sections. */
size_t ka_dossier_section_count(void);
/* Section i in XML order, or NULL when i is out of range.  Static storage: never free. */
const ka_dossier_section_def *ka_dossier_section_at(size_t i);
/* Section by key, or NULL if there is none.  Static storage. */
const ka_dossier_section_def *ka_dossier_section_find(const char *key);
/* Field of a section by key, or NULL if the section has none.  Static storage. */
const ka_dossier_field_def *ka_dossier_section_field(const ka_dossier_section_def *section,
                                                     const char *key);
/* Number of derived (read-only, computed) DOSSIER() fields.  With ka_dossier_derived_at, the
 * iteration over the derived table, public so that the tests and the fuzz harness can reach every
 * field DOSSIER() accepts. */
size_t ka_dossier_derived_count(void);
/* Derived field i, or NULL when i is out of range.  Static storage. */
const ka_dossier_field_def *ka_dossier_derived_at(size_t i);
/* A field of a record by its DOSSIER() key "<list>.<n>.<field>", e.g. "people.1.authority" (n
 * from 1, digits only): the field, with its section in *sec and n - 1 in *index; NULL for any
 * other key.  Static storage. */
const ka_dossier_field_def *
ka_dossier_record_key(const char *key, const ka_dossier_section_def **sec, size_t *index);
/* A DOSSIER() field by key: a simple field, a record's field (ka_dossier_record_key) or a derived
 * one; NULL for an unknown key (the function then gives Err:502).  Static storage. */
const ka_dossier_field_def *ka_dossier_key_find(const char *key);

#endif
