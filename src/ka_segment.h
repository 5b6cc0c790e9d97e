/* ka_segment.h - customer segmentation: ABC (Pareto), sales share, dependency,
 * concentration and XYZ (stability) classes.
 *
 * The core of ABCCLASS, PARETOSHARE, SALESSHARE, DEPENDENCY, CONCENTRATION,
 * XYZCLASS and XYZCOEF (ABCXYZ is ABCCLASS followed by XYZCLASS, composed by
 * the caller).  Pure C: plain arrays in, results through out-parameters, a
 * ka_status back.  Every KA_ERR_ARG below becomes Err:502 in Calc, every
 * KA_ERR_NOMEM a #VALUE!.  No function returns NaN or Inf with KA_OK.
 *
 * Results are deterministic and independent of the order of the values:
 * they are sorted and summed in a fixed order with compensated summation,
 * after scaling by the largest value, so magnitudes from 1e-300 to 1e308
 * neither overflow nor underflow.  A share or coefficient within 1e-12 of
 * a limit counts as equal to it.
 */
#ifndef KA_SEGMENT_H
#define KA_SEGMENT_H

#include <stddef.h>

#include "ka_status.h"

/* The positive values of a Values range, sorted and summed once so that
 * many clients can be placed against them in O(log n) each. */
typedef struct ka_pareto ka_pareto;

/* Prepares the positive values of values[0..n-1] for repeated queries.
 * values: copied, not kept; values <= 0 are ignored; may be NULL if n == 0.
 * out: receives the new object (NULL on failure); the caller frees it with
 * ka_pareto_free.
 * Returns KA_ERR_ARG (Err:502) if a value is NaN or infinite or out is NULL,
 * KA_ERR_NOMEM if allocation fails. */
ka_status ka_pareto_new(const double *values, size_t n, ka_pareto **out);

/* Frees p; accepts NULL. */
void ka_pareto_free(ka_pareto *p);

/* Number of positive values in p (0 for NULL). */
size_t ka_pareto_count(const ka_pareto *p);

/* before(v): (sum of the positive values strictly greater than v) / total.
 * v need not be one of the values.
 * Returns KA_ERR_ARG (Err:502) if p has no positive value, v is not finite
 * or an argument is NULL. */
ka_status ka_pareto_before(const ka_pareto *p, double v, double *share);

/* upto(v), PARETOSHARE: (sum of the positive values >= v) / total; v <= 0
 * gives 1.  Errors as ka_pareto_before. */
ka_status ka_pareto_upto(const ka_pareto *p, double v, double *share);

/* How ABCCLASS places the client that crosses a limit. */
typedef enum ka_abc_rule {
    KA_ABC_CROSSING = 0, /* A if before(v) < LimitA: the crossing client is in the upper class */
    KA_ABC_INCLUSIVE = 1 /* A if upto(v) <= LimitA (SAP, R matman) */
} ka_abc_rule;

/* ABCCLASS: the Pareto class 'A', 'B' or 'C' of a client with value v.
 * limit_a, limit_b: need 0 < limit_a < limit_b <= 1.  rule: a ka_abc_rule.
 * v <= 0 gives 'C'; if p has no positive value every client is 'C'.
 * Returns KA_ERR_ARG (Err:502) for limits or rule out of range, a
 * non-finite v or a NULL argument. */
ka_status ka_abc_classify(const ka_pareto *p, double v, double limit_a, double limit_b, int rule,
                          char *cls);

/* SALESSHARE: v / total of the positive values; a negative v gives a
 * negative share.  v need not be one of the values.
 * Returns KA_ERR_ARG (Err:502) if the total is 0 (no positive value), v is
 * not finite, the share is not representable, or an argument is NULL. */
ka_status ka_sales_share(const ka_pareto *p, double v, double *share);

/* DEPENDENCY: the level of dependency on a client with sales share s.
 * limits: NULL for the default {0.1, 0.2, 0.4, 0.5}, or 4 finite, strictly
 * ascending numbers l[0..3] (not kept).
 * level: receives a static string (never freed): "critical" if s > l[3],
 * "high" if s > l[2], "elevated" if s > l[1], "key" if s >= l[0], else "".
 * Returns KA_ERR_ARG (Err:502) for invalid limits, a non-finite share or a
 * NULL level. */
ka_status ka_dependency_level(double share, const double *limits, const char **level);

/* The measures of CONCENTRATION. */
typedef enum ka_concentration_measure {
    KA_CONC_HHI,     /* "HHI": sum of squared shares, 1/n..1 */
    KA_CONC_HHINORM, /* "HHINORM": (HHI - 1/n) / (1 - 1/n); 1 if n == 1 */
    KA_CONC_N,       /* "N": 1 / HHI, the equivalent number of equal clients */
    KA_CONC_GINI,    /* "GINI": Gini coefficient; 0 if n == 1 */
    KA_CONC_TOP20    /* "TOP20": share of the largest ceil(0.2 n) values */
} ka_concentration_measure;

/* Parses a CONCENTRATION measure name: ASCII case-insensitive, surrounding
 * spaces ignored; NULL, "" or only spaces give KA_CONC_HHI.
 * Returns KA_ERR_ARG (Err:502) for an unknown name or a NULL m. */
ka_status ka_concentration_measure_parse(const char *name, ka_concentration_measure *m);

/* CONCENTRATION: measure m over the positive values of values[0..n-1]
 * (n = number of positive values; values not kept).
 * Returns KA_ERR_ARG (Err:502) if no value is positive, a value is not
 * finite, m is unknown or an argument is NULL; KA_ERR_NOMEM if allocation
 * fails. */
ka_status ka_concentration(const double *values, size_t n, ka_concentration_measure m, double *out);

/* XYZCOEF: coefficient of variation (standard deviation / mean) of
 * series[0..n-1].  deviation: 0 population (divide by n), 1 sample (by n-1).
 * Returns KA_ERR_ARG (Err:502) if n < 3, deviation is not 0 or 1, a value is
 * not finite, the mean is <= 0, the coefficient is not representable, or an
 * argument is NULL; KA_ERR_NOMEM (#VALUE!) if a series of more than 64
 * periods finds no memory for its sorted copy. */
ka_status ka_xyz_coef(const double *series, size_t n, int deviation, double *cv);

/* XYZCLASS: 'X' if cv <= limit_x, 'Y' if cv <= limit_y, else 'Z'; a series
 * whose mean is <= 0 is 'Z'.  deviation as ka_xyz_coef.
 * Returns KA_ERR_ARG (Err:502) unless 0 < limit_x < limit_y (finite),
 * n >= 3, deviation is 0 or 1 and every value is finite; also for a NULL
 * argument.  KA_ERR_NOMEM as ka_xyz_coef. */
ka_status ka_xyz_classify(const double *series, size_t n, double limit_x, double limit_y,
                          int deviation, char *cls);

#endif
