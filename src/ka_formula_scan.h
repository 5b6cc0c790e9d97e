/* ka_formula_scan.h - does a cell's formula call a function of the toolkit?
 *
 * Used by "Share a copy with values" (addin/ka_share_copy.c) to find the
 * cells to replace by their values.  The formula is the text Calc's API
 * gives (XCell.getFormula): English function names, ';' separators,
 * "{=...}" around an array formula's, and an add-in function under its
 * programmatic name, the add-in's service name upper-cased and the
 * method's: "=ORG.KEYACCOUNT.CALC.KEYACCOUNT.ABCCLASS(A1;A1:A4)".  Pure C,
 * no state: any thread. */
#ifndef KA_FORMULA_SCAN_H
#define KA_FORMULA_SCAN_H

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

#endif
