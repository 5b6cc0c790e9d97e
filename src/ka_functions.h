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

/* How an argument reaches the add-in; each kind has one UNO type.  The
 * Function Wizard shows an argument as optional exactly when its type is
 * `any` (or a trailing sequence<any>), so only KA_ARG_OPTIONAL is `any`. */
typedef enum ka_arg_kind {
    KA_ARG_VALUE,    /* sequence<sequence<any>>, required: a number or text (1 x 1, the single
                        form), or a range (the array form); handlers read it as an any
                        (addin/ka_args.h, ka_value_arg_view) */
    KA_ARG_NUMBERS,  /* sequence<sequence<double>>: numbers; text and empty cells arrive as 0 */
    KA_ARG_CELLS,    /* sequence<sequence<any>>: a range whose empty and text cells matter */
    KA_ARG_OPTIONAL, /* any: an optional number, text or range (void when omitted) */
    KA_ARG_TEXT,     /* string */
    KA_ARG_CALLER    /* com.sun.star.beans.XPropertySet: the calling document, hidden */
} ka_arg_kind;

typedef struct ka_arg_info {
    const char *name; /* display name in the Function Wizard, e.g. "LimitA"; handlers read
                         the argument by it: KA_<FUNCTION>_<NAME> in the generated
                         ka_dispatch.h is its position, e.g. KA_ABCCLASS_LIMITA */
    ka_arg_kind kind;
    const char *help; /* what it is, in its unit, its default, its domain: the Function
                         Wizard's two lines, at most KA_WIZARD_HELP_MAX characters */
} ka_arg_info;

/* One function.  Its position in ka_functions is its id: KA_FN_<NAME> in
 * the generated ka_dispatch.h (tools/ka_gen.c), which also declares its
 * handler ka_handle_<name> (addin/), so that a function without a handler
 * does not link. */
typedef struct ka_func_info {
    const char *name;    /* what users type and the UNO method name, e.g. "ABCCLASS" */
    const char *summary; /* the Function Wizard's description: what it gives and what for,
                            in plain words; at most KA_WIZARD_SUMMARY_MAX characters */
    const char *errors;  /* when the function returns Err:502 / Err:523 (reference only) */
    const char *notes;   /* the rest the reference says (docs/functions.md): the maths,
                            array form, groups, details that do not fit the wizard */
    const char *example; /* a formula with its result */
    size_t n_args;       /* number of entries of args */
    const ka_arg_info *args;
} ka_func_info;

/* The arguments of a table row, any number of them: n_args and args from
 * one list, so the two cannot disagree.  A compound literal at file scope
 * has static storage. */
#define KA_ARGS(...)                                                                               \
    sizeof((const ka_arg_info[]){__VA_ARGS__}) / sizeof(ka_arg_info), (const ka_arg_info[])        \
    {                                                                                              \
        __VA_ARGS__                                                                                \
    }

/* The table, ka_function_count entries.  Static storage. */
extern const ka_func_info ka_functions[];
extern const size_t ka_function_count;

/* What the Function Wizard shows without cutting off: formula/source/ui/dlg/parawin.cxx
 * gives the description three lines and an argument's help two, about 72 characters of
 * English each at the default size (measured in LibreOffice 7.4 under Xvfb: 3 lines hold
 * about 215 characters of English, 190 to 215 of the translations, 2 lines 145 and 130 to
 * 145).  The English limits leave room for translations about 1.3 times as long.
 * tools/ka_gen.c (`make generated`, `make check-generated`) fails on an English text over
 * them. */
#define KA_WIZARD_SUMMARY_MAX 150
#define KA_WIZARD_HELP_MAX 100

/* The category every function is listed under in the Function Wizard. */
#define KA_FUNCTION_CATEGORY "Add-In"

/* Looks a function up by name (exact, upper case).  Returns a pointer into
 * the static table, or NULL when there is no such function. */
const ka_func_info *ka_function_find(const char *name);

/* The UNO IDL type of an argument kind, e.g. "sequence< sequence< double > >". */
const char *ka_arg_kind_idl(ka_arg_kind kind);

#endif
