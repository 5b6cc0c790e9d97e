/* ka_formula_scan.h - does a cell's formula call a function of the toolkit?
 *
 * Used by "Share a copy with values" (addin/ka_share_copy.c) to find the
 * cells to replace by their values, and by the panel to find the function
 * and the arguments of a cell that shows an error.  The formula is the text Calc's API
 * gives (XCell.getFormula): English function names, ';' separators,
 * "{=...}" around an array formula's, and an add-in function under its
 * programmatic name, the add-in's service name upper-cased and the
 * method's: "=ORG.KEYACCOUNT.CALC.KEYACCOUNT.ABCCLASS(A1;A1:A4)".  Pure C,
 * no state: any thread. */
#ifndef KA_FORMULA_SCAN_H
#define KA_FORMULA_SCAN_H

#include "ka_functions.h"

#include <stdbool.h>
#include <stddef.h>

/* True when formula (len bytes of UTF-8) calls a function of ka_functions:
 * a name followed by '(' (spaces allowed between) that is a function of
 * the table, plain ("ABCCLASS") or qualified by service ("org.keyaccount.
 * calc.KeyAccount"), compared without regard to case.  Text inside string
 * literals ("...") and quoted sheet or file names ('...') is not looked
 * at, nor is a name that only ends in a function's ("XABCCLASS", a named
 * range "ABCCLASS" without a '(').  False for NULL. */
bool ka_formula_calls_toolkit(const char *formula, size_t len, const char *service);

/* The first call of a function of the table in formula, by the rules of
 * ka_formula_calls_toolkit: its row (static storage), and in *open (may be
 * NULL) the index of its '('; NULL when there is none. */
const ka_func_info *ka_formula_first_call(const char *formula, size_t len, const char *service,
                                          size_t *open);

/* The arguments of the call whose '(' is at index open: spans[k] = {start,
 * end} of argument k's text (spaces around it left out; an omitted one is
 * empty), separated by the ';' outside parentheses, braces and quotes.
 * Returns their number (0 for "F()"), or (size_t)-1 when the call is not
 * closed or has more than max arguments. */
size_t ka_formula_call_args(const char *formula, size_t len, size_t open, size_t (*spans)[2],
                            size_t max);

#endif
