/* ka_segment.h - customer segmentation: ABC (Pareto), sales share, dependency,
 * concentration and XYZ (stability) classes.
 *
 * The core of ABCCLASS, PARETOSHARE, SALESSHARE, DEPENDENCY, CONCENTRATION,
 * XYZCLASS and XYZCOEF (ABCXYZ is ABCCLASS followed by XYZCLASS, composed by
 * the caller), and of their Groups forms (ka_groups: the same functions within
 * each client's group).  Pure C: plain arrays in, results through out-parameters, a
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

/* ---- groups: the same functions within each client's group ----
 * A group is a label (region, manager, product line) given per client in a
 * Groups range aligned with Values; every figure of a client is then taken
 * among the clients of its group only. */

/* A group label as the glue gives it: len bytes of UTF-8 at text (not
 * necessarily NUL-terminated; text may be NULL when len is 0).  Two labels
 * are the same group when their bytes are equal: the caller turns numbers
 * into the text Calc shows for them, and an empty cell is the label "". */
typedef struct ka_label {
    const char *text;
    size_t len;
} ka_label;

/* The positive values of a Values range split by group, each group
 * prepared as a ka_pareto of its own. */
typedef struct ka_groups ka_groups;

/* Prepares values[0..n-1] split by labels[0..n-1] (row i of Values belongs
 * to the group labels[i]).  One bucketing of the rows by group and one sort
 * of the values within the buckets, in one block of memory: each group's
 * ka_pareto holds the same bits as ka_pareto_new on that group's values
 * alone, so every query below gives what the ungrouped function gives on
 * the group's rows alone.  values and labels are copied, not kept.
 * out: receives the new object (NULL on failure); free with ka_groups_free.
 * Returns KA_ERR_ARG (Err:502) if a value is NaN or infinite, a pointer is
 * NULL with n > 0, or out is NULL; KA_ERR_NOMEM if allocation fails. */
ka_status ka_groups_new(const double *values, const ka_label *labels, size_t n, ka_groups **out);

/* Frees g; accepts NULL. */
void ka_groups_free(ka_groups *g);

/* Number of distinct labels (0 for NULL). */
size_t ka_groups_count(const ka_groups *g);

/* Number of rows the object was made from (0 for NULL). */
size_t ka_groups_rows(const ka_groups *g);

/* The group of row i of the Values the object was made from: an index
 * below ka_groups_count(g).  i must be below that n. */
size_t ka_groups_of_row(const ka_groups *g, size_t i);

/* The index of the group labelled text[0..len-1], or ka_groups_count(g)
 * when no row has that label (text may be NULL when len is 0). */
size_t ka_groups_find(const ka_groups *g, const char *text, size_t len);

/* The prepared values of group k, borrowed from g (valid until
 * ka_groups_free): k == ka_groups_count(g) gives a group without values
 * (ABCCLASS gives C, the shares and CONCENTRATION KA_ERR_ARG), as the
 * ungrouped functions do on an empty range.  NULL if g is NULL or k is
 * larger. */
const ka_pareto *ka_groups_pareto(const ka_groups *g, size_t k);

/* CONCENTRATION over prepared values: measure m of the positive values in
 * p, the same bits as ka_concentration on the values p was made from.
 * Returns KA_ERR_ARG (Err:502) if p has no positive value, m is unknown or
 * an argument is NULL. */
ka_status ka_pareto_concentration(const ka_pareto *p, ka_concentration_measure m, double *out);

/* ---- PARETOCURVE: the ordered series behind a Pareto chart ---- */

/* One row of the curve: a client, or a block of clients (ranks first..last,
 * 0-based, largest value first). */
typedef struct ka_curve_point {
    size_t first, last;
    double value;   /* the client's value, or the mean value of the block */
    double share;   /* cumulative share of the positive total held by ranks 0..last */
    double clients; /* cumulative share of the clients: (last + 1) / n */
} ka_curve_point;

/* The row count of ka_pareto_curve for n clients: n when n <= max_points,
 * else max_points. */
size_t ka_pareto_curve_rows(size_t n, size_t max_points);

/* PARETOCURVE: the clients values[0..n-1] in descending order of value
 * (equal values in the order of their index), with cumulative shares, in
 * O(n log n).  Up to max_points clients give one row each; above, the
 * max_points / 2 largest clients one row each, then the others in
 * max_points - max_points / 2 blocks of (nearly) equal numbers of clients,
 * so the curve goes on by client percentile.  Values <= 0 are clients
 * without sales: last, adding nothing to the share.
 * order: n entries (caller's), receives the index of the client of each rank.
 * points: ka_pareto_curve_rows(n, max_points) entries (caller's).
 * Returns KA_ERR_ARG (Err:502) if n == 0, max_points == 0, a value is not
 * finite, no value is positive, or a pointer is NULL; KA_ERR_NOMEM. */
ka_status ka_pareto_curve(const double *values, size_t n, size_t max_points, size_t *order,
                          ka_curve_point *points);

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
