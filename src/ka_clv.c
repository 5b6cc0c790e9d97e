/* ka_clv.c - customer lifetime value from a repeat-purchase model and an
 * expected spend (see ka_clv.h). */
#include "ka_clv.h"

#include <math.h>

ka_status ka_clv_check_terms(const ka_clv_terms *terms)
{
    if (!terms)
        return KA_ERR_ARG;
    const double months = terms->months;
    if (!(months >= 1.0 && months <= KA_CLV_MAX_MONTHS) || months != floor(months))
        return KA_ERR_ARG;
    if (!isfinite(terms->discount) || !(terms->discount > -1.0))
        return KA_ERR_ARG;
    if (!isfinite(terms->units) || !(terms->units > 0.0))
        return KA_ERR_ARG;
    return KA_OK;
}

ka_status ka_clv_bgnbd(const ka_bgnbd_params *p, ka_model model, double x, double t_x, double T,
                       double spend, const ka_clv_terms *terms, double *clv)
{
    if (!clv || !isfinite(spend) || !(spend >= 0.0) || ka_clv_check_terms(terms) != KA_OK)
        return KA_ERR_ARG;
    /* E[X(i u)] for i = 1 .. months; E[X(0)] = 0.  The model's expectation
     * is the one place another repeat-purchase model plugs in. */
    double e[KA_CLV_MAX_MONTHS];
    const size_t months = (size_t)terms->months;
    ka_status st = ka_bgnbd_expected_steps(p, model, terms->units, months, x, t_x, T, e);
    if (st != KA_OK)
        return st;
    const double log_factor = log1p(terms->discount);
    double prev = 0.0, sum = 0.0;
    for (size_t i = 0; i < months; i++) {
        /* E is non-decreasing; a rounding step below the previous value
         * counts as no purchase rather than as a refund */
        double step = e[i] > prev ? e[i] - prev : 0.0;
        sum += step * exp(-(double)(i + 1) * log_factor);
        prev = e[i];
    }
    double value = spend * sum;
    if (!isfinite(value))
        return KA_ERR_NOCONV;
    *clv = value;
    return KA_OK;
}
