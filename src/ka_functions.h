/* ka_functions.h - the one table that describes every spreadsheet function.
 *
 * Names, argument names and kinds, defaults and help texts live here and
 * nowhere else.  The UNO interface in idl/, the Function Wizard texts the
 * add-in reports to Calc, and the function reference in docs/functions.md
 * are generated from this table (tools/ka_gen.c); `make check` regenerates
 * them and fails on the first difference.
 */
#ifndef KA_FUNCTIONS_H
#define KA_FUNCTIONS_H

#include <stddef.h>

/* How an argument reaches the add-in; each kind has one UNO type. */
typedef enum ka_arg_kind {
    KA_ARG_VALUE,    /* any: a number or text, or a range (the array form) */
    KA_ARG_NUMBERS,  /* sequence<sequence<double>>: numbers; text and empty cells arrive as 0 */
    KA_ARG_CELLS,    /* sequence<sequence<any>>: a range whose empty and text cells matter */
    KA_ARG_OPTIONAL, /* any: an optional number, text or range (void when omitted) */
    KA_ARG_TEXT,     /* string */
    KA_ARG_CALLER    /* com.sun.star.beans.XPropertySet: the calling document, hidden */
} ka_arg_kind;

#define KA_MAX_ARGS 6

typedef struct ka_arg_info {
    const char *name; /* display name in the Function Wizard, e.g. "LimitA" */
    ka_arg_kind kind;
    const char *help; /* one line: what it is, its default, its domain */
} ka_arg_info;

/* Identifiers of the functions, in table order. */
typedef enum ka_func_id {
    KA_FN_ABCCLASS,
    KA_FN_PARETOSHARE,
    KA_FN_SALESSHARE,
    KA_FN_DEPENDENCY,
    KA_FN_CONCENTRATION,
    KA_FN_XYZCLASS,
    KA_FN_XYZCOEF,
    KA_FN_ABCXYZ,
    KA_FN_PURCHASESUMMARY,
    KA_FN_BGNBDFIT,
    KA_FN_CHURNRISK,
    KA_FN_EXPECTEDPURCHASES,
    KA_FN_DOSSIER,
    KA_FN_COUNT
} ka_func_id;

typedef struct ka_func_info {
    ka_func_id id;
    const char *name;    /* what users type and the UNO method name, e.g. "ABCCLASS" */
    const char *summary; /* one-line description for the Function Wizard */
    const char *errors;  /* when the function returns Err:502 / Err:523 */
    const char *example; /* a formula with its result */
    size_t n_args;       /* number of entries used in args */
    ka_arg_info args[KA_MAX_ARGS];
} ka_func_info;

/* The table, KA_FN_COUNT entries indexed by ka_func_id.  Static storage. */
extern const ka_func_info ka_functions[KA_FN_COUNT];

/* The category every function is listed under in the Function Wizard. */
#define KA_FUNCTION_CATEGORY "Add-In"

/* Looks a function up by name (exact, upper case).  Returns a pointer into
 * the static table, or NULL when there is no such function. */
const ka_func_info *ka_function_find(const char *name);

/* Looks an argument up by display name.  Returns its index, or -1. */
int ka_function_arg_index(const ka_func_info *fn, const char *arg_name);

/* The UNO IDL type of an argument kind, e.g. "sequence< sequence< double > >". */
const char *ka_arg_kind_idl(ka_arg_kind kind);

#endif
