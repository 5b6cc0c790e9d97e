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
    double prev = 0.0, sum = 0.0;
    /* Validates p, model and client once, and gives E[X(0)] = 0. */
    ka_status st = ka_bgnbd_expected(p, model, 0.0, x, t_x, T, &prev);
    if (st != KA_OK)
        return st;
    const double log_factor = log1p(terms->discount);
    const int months = (int)terms->months;
    for (int i = 1; i <= months; i++) {
        double horizon = i * terms->units, e;
        if (!isfinite(horizon))
            return KA_ERR_NOCONV;
        st = ka_bgnbd_expected(p, model, horizon, x, t_x, T, &e);
        if (st != KA_OK)
            return st;
        /* E is non-decreasing; a rounding step below the previous value
         * counts as no purchase rather than as a refund */
        double step = e > prev ? e - prev : 0.0;
        sum += step * exp(-i * log_factor);
        prev = e;
    }
    double value = spend * sum;
    if (!isfinite(value))
        return KA_ERR_NOCONV;
    *clv = value;
    return KA_OK;
}
