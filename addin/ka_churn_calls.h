/* ka_churn_calls.h - the BG/NBD family of functions on the UNO side.
 * Each handler converts the cells of a UNO call (arguments in the order of
 * the function table), calls the core and constructs the result in ret, or
 * raises the documented Calc error in *exc. */
#ifndef KA_CHURN_CALLS_H
#define KA_CHURN_CALLS_H

#include "ka_functions.h"
#include "ka_uno.h"

void ka_call_purchase_summary(const ka_func_info *fn, void *ret, void *args[], uno_Any **exc);
void ka_call_bgnbd_fit(const ka_func_info *fn, void *ret, void *args[], uno_Any **exc);
/* CHURNRISK and EXPECTEDPURCHASES. */
void ka_call_churn(const ka_func_info *fn, void *ret, void *args[], uno_Any **exc);

#endif
