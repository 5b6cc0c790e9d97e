/* ka_test.h - shared helpers for the core's cmocka unit tests. */
#ifndef KA_TEST_H
#define KA_TEST_H

/* cmocka needs these before it, in this order */
#include <setjmp.h>
#include <stdarg.h>
#include <stddef.h>
#include <stdint.h>
#include <cmocka.h>
#include <math.h>
#include <stdio.h>
#include <stdlib.h>

/* Fails the test unless |got - want| <= tol, printing both values. */
#define KA_ASSERT_NEAR(got, want, tol)                                                             \
    do {                                                                                           \
        double ka_g_ = (got), ka_w_ = (want), ka_t_ = (tol);                                       \
        if (!(fabs(ka_g_ - ka_w_) <= ka_t_))                                                       \
            fail_msg("%s = %.12g, want %.12g (tol %g)", #got, ka_g_, ka_w_, ka_t_);                \
    } while (0)

/* Path of a file under tests/data (KA_TEST_DATA overrides the directory).
 * Returns a static buffer: copy it before the next call. */
static inline const char *ka_test_data_path(const char *name)
{
    static char buf[4096];
    const char *dir = getenv("KA_TEST_DATA");
    snprintf(buf, sizeof buf, "%s/%s", dir ? dir : "tests/data", name);
    return buf;
}

#endif
