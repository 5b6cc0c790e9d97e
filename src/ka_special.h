/* ka_special.h - log-gamma and digamma for positive arguments, the special
 * functions the likelihoods of ka_bgnbd.c and ka_spend.c need.
 *
 * Own implementations because libm's lgamma writes the global signgam and
 * the core keeps no global state.  Pure functions, no allocation.
 */
#ifndef KA_SPECIAL_H
#define KA_SPECIAL_H

/* log Gamma(x) for finite x > 0 (recurrence up to x >= 16, then Stirling's
 * series; about 1e-15 relative).  The caller checks the domain. */
double ka_special_lgamma(double x);

/* digamma psi(x) = d/dx log Gamma(x) for finite x > 0 (recurrence up to
 * x >= 16, then the asymptotic series).  The caller checks the domain. */
double ka_special_digamma(double x);

#endif
