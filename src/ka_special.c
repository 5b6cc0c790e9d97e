/* ka_special.c - log-gamma and digamma for positive arguments (see ka_special.h). */
#include "ka_special.h"

#include <math.h>

#define KA_SPECIAL_HALF_LOG_2PI 0.918938533204672741780329736405617640

/* log Gamma(x) for x > 0: recurrence up to x >= 16, then Stirling's series. */
double ka_special_lgamma(double x)
{
    double shift = 1.0;
    while (x < 16.0) {
        shift *= x;
        x += 1.0;
    }
    double inv = 1.0 / x, inv2 = inv * inv;
    double series =
        inv *
        (1.0 / 12 +
         inv2 * (-1.0 / 360 +
                 inv2 * (1.0 / 1260 +
                         inv2 * (-1.0 / 1680 + inv2 * (1.0 / 1188 + inv2 * (-691.0 / 360360))))));
    return (x - 0.5) * log(x) - x + KA_SPECIAL_HALF_LOG_2PI + series - log(shift);
}

/* digamma psi(x) for x > 0: recurrence up to x >= 16, then the asymptotic series. */
double ka_special_digamma(double x)
{
    double acc = 0.0;
    while (x < 16.0) {
        acc -= 1.0 / x;
        x += 1.0;
    }
    double inv = 1.0 / x, inv2 = inv * inv;
    double series =
        inv2 * (1.0 / 12 -
                inv2 * (1.0 / 120 - inv2 * (1.0 / 252 - inv2 * (1.0 / 240 - inv2 * (1.0 / 132)))));
    return acc + log(x) - 0.5 * inv - series;
}
