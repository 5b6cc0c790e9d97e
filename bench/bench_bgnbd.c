/* bench_bgnbd.c - times the churn core: the BG/NBD, MBG/NBD and Pareto/NBD
 * fits on the CDNOW summary replicated 40 times (94,280 clients), the
 * Gamma-Gamma spend fit on the same clients with their Monetary, the CLV
 * of 100,000 of those clients over 12 months, and the purchase summary of
 * 1,000,000 synthetic log lines for 100,000 clients.
 * Best of several runs.
 *   bench_bgnbd [summary.csv [monetary.csv [fits|spend|clv|summary]]]
 * (defaults tests/data/cdnow_customers_summary.csv and ..._monetary.csv;
 * a task name times that task alone, so that a caller can time it next to
 * its reference, in the same minute of a busy machine).
 * Compare with bench/lifetimes_ref.py, which times the Python reference fits
 * on the same data. */
#include <math.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>
#include <time.h>

#include "ka_bgnbd.h"
#include "ka_clv.h"
#include "ka_spend.h"
#include "ka_summary.h"

#define CDNOW_N 2357
#define REPLICAS 40
#define FIT_RUNS 7
#define SPEND_RUNS 15 /* a few ms each: more runs against the noise */
#define PNBD_RUNS 3   /* the Pareto/NBD fit takes about 100 times as long */
#define CLV_CLIENTS 100000
#define CLV_RUNS 3
#define SUMMARY_LINES 1000000
#define SUMMARY_CLIENTS 100000
#define SUMMARY_RUNS 5

static double now(void)
{
    struct timespec ts;
    clock_gettime(CLOCK_MONOTONIC, &ts);
    return (double)ts.tv_sec + 1e-9 * (double)ts.tv_nsec;
}

int main(int argc, char **argv)
{
    const char *path = argc > 1 ? argv[1] : "tests/data/cdnow_customers_summary.csv";
    const char *mpath = argc > 2 ? argv[2] : "tests/data/cdnow_customers_monetary.csv";
    const char *only = argc > 3 ? argv[3] : NULL;
#define WANT(task) (!only || strcmp(only, task) == 0)
    if (only && !WANT("fits") && !WANT("spend") && !WANT("clv") && !WANT("summary")) {
        fprintf(stderr, "bench_bgnbd: unknown task %s (fits, spend, clv, summary)\n", only);
        return 1;
    }
    FILE *f = fopen(path, "r");
    if (!f) {
        fprintf(stderr, "bench_bgnbd: cannot open %s\n", path);
        return 1;
    }
    const size_t n = (size_t)CDNOW_N * REPLICAS;
    double *x = malloc(n * sizeof *x), *tx = malloc(n * sizeof *tx), *T = malloc(n * sizeof *T);
    double *m = malloc(n * sizeof *m);
    if (!x || !tx || !T || !m)
        return 1;
    char line[256];
    size_t k = 0;
    if (!fgets(line, sizeof line, f))
        return 1;
    while (k < CDNOW_N && fgets(line, sizeof line, f)) {
        int id;
        if (sscanf(line, "%d,%lf,%lf,%lf", &id, &x[k], &tx[k], &T[k]) == 4)
            k++;
    }
    fclose(f);
    if (k != CDNOW_N) {
        fprintf(stderr, "bench_bgnbd: %s: expected %d clients\n", path, CDNOW_N);
        return 1;
    }
    /* Monetary of the same clients, in the same order (client numbers 1..2357) */
    f = fopen(mpath, "r");
    if (!f) {
        fprintf(stderr, "bench_bgnbd: cannot open %s\n", mpath);
        return 1;
    }
    k = 0;
    if (!fgets(line, sizeof line, f))
        return 1;
    while (k < CDNOW_N && fgets(line, sizeof line, f)) {
        int id;
        double freq;
        if (sscanf(line, "%d,%lf,%lf", &id, &freq, &m[k]) == 3 && freq == x[k])
            k++;
        else
            break;
    }
    fclose(f);
    if (k != CDNOW_N) {
        fprintf(stderr, "bench_bgnbd: %s: expected the %d clients of %s\n", mpath, CDNOW_N, path);
        return 1;
    }
    for (size_t i = CDNOW_N; i < n; i++) {
        x[i] = x[i % CDNOW_N];
        tx[i] = tx[i % CDNOW_N];
        T[i] = T[i % CDNOW_N];
        m[i] = m[i % CDNOW_N];
    }

    printf("%-34s %10s  %s\n", "task", "best (ms)", "result");
    static const char *const fit_names[] = {"BG/NBD fit, 94,280 clients",
                                            "MBG/NBD fit, 94,280 clients",
                                            "Pareto/NBD fit, 94,280 clients"};
    ka_bgnbd_params bgnbd = {0}; /* the BG/NBD fit, for the CLV below */
    if (!WANT("fits") && WANT("clv") && ka_bgnbd_fit(x, tx, T, n, KA_MODEL_BGNBD, &bgnbd, NULL))
        return 1;
    for (int model = 0; model < 3 && WANT("fits"); model++) {
        ka_bgnbd_params p = {0};
        double ll = 0.0, best = 1e30;
        ka_status st = KA_OK;
        for (int run = 0; run < (model == KA_MODEL_PNBD ? PNBD_RUNS : FIT_RUNS); run++) {
            double t0 = now();
            st = ka_bgnbd_fit(x, tx, T, n, (ka_model)model, &p, &ll);
            double dt = now() - t0;
            if (dt < best)
                best = dt;
        }
        const int pnbd = model == KA_MODEL_PNBD; /* a and b hold s and beta */
        printf("%-34s %10.2f  status %d r %.4f alpha %.4f %s %.4f %s %.4f LL %.2f\n",
               fit_names[model], best * 1e3, (int)st, p.r, p.alpha, pnbd ? "s" : "a", p.a,
               pnbd ? "beta" : "b", p.b, ll);
        if (model == KA_MODEL_BGNBD)
            bgnbd = p;
    }
    ka_spend_params gg = {0}; /* the Gamma-Gamma fit, for the CLV below */
    if (!WANT("spend") && WANT("clv") && ka_spend_fit(x, m, n, &gg, NULL))
        return 1;
    if (WANT("spend")) {
        ka_spend_params p = {0};
        double ll = 0.0, best = 1e30;
        ka_status st = KA_OK;
        for (int run = 0; run < SPEND_RUNS; run++) {
            double t0 = now();
            st = ka_spend_fit(x, m, n, &p, &ll);
            double dt = now() - t0;
            if (dt < best)
                best = dt;
        }
        printf("%-34s %10.2f  status %d p %.4f q %.4f v %.4f LL %.2f\n",
               "Gamma-Gamma fit, 94,280 clients", best * 1e3, (int)st, p.p, p.q, p.v, ll);
        gg = p;
    }

    /* CLV of 100,000 clients (the CDNOW histories again), 12 months, 1% a
     * month, weeks: what CLV's array form computes, its spend from the
     * Gamma-Gamma fit as EXPECTEDSPEND gives it */
    if (WANT("clv")) {
        double *spend = malloc(CLV_CLIENTS * sizeof *spend);
        if (!spend)
            return 1;
        for (size_t i = 0; i < CLV_CLIENTS; i++)
            if (ka_spend_expected(&gg, x[i % n], m[i % n], &spend[i]) != KA_OK)
                return 1;
        const ka_clv_terms terms = {12.0, 0.01, 4.345};
        double best = 1e30, total = 0.0, first = 0.0;
        ka_status st = KA_OK;
        for (int run = 0; run < CLV_RUNS; run++) {
            double t0 = now();
            total = 0.0;
            for (size_t i = 0; i < CLV_CLIENTS && st == KA_OK; i++) {
                double clv = 0.0;
                st = ka_clv_bgnbd(&bgnbd, KA_MODEL_BGNBD, x[i % n], tx[i % n], T[i % n], spend[i],
                                  &terms, &clv);
                total += clv;
                if (i == 0)
                    first = clv;
            }
            double dt = now() - t0;
            if (dt < best)
                best = dt;
        }
        printf("%-34s %10.2f  status %d, client 1: %.2f (spend %.2f); total %.0f\n",
               "CLV, 100,000 clients x 12 months", best * 1e3, (int)st, first, spend[0], total);
        free(spend);
    }
    if (!WANT("summary")) {
        free(x);
        free(tx);
        free(T);
        free(m);
        return 0;
    }

    /* synthetic log: numeric client keys, dates over two years with times of day */
    ka_key *tx_keys = malloc(SUMMARY_LINES * sizeof *tx_keys);
    ka_key *clients = malloc(SUMMARY_CLIENTS * sizeof *clients);
    double *dates = malloc(SUMMARY_LINES * sizeof *dates);
    double *out = malloc(3 * SUMMARY_CLIENTS * sizeof *out);
    unsigned char *found = malloc(SUMMARY_CLIENTS);
    if (!tx_keys || !clients || !dates || !out || !found)
        return 1;
    unsigned long long s = 88172645463325252ull;
    for (size_t i = 0; i < SUMMARY_LINES; i++) {
        s ^= s << 13, s ^= s >> 7, s ^= s << 17; /* xorshift64 */
        tx_keys[i] = (ka_key){(double)(s % SUMMARY_CLIENTS + 1), NULL, 0};
        dates[i] = 44000.0 + (double)((s >> 20) % 730) + (double)((s >> 40) % 24) / 24.0;
    }
    for (size_t i = 0; i < SUMMARY_CLIENTS; i++)
        clients[i] = (ka_key){(double)(i + 1), NULL, 0};
    double best = 1e30;
    ka_status st = KA_OK;
    for (int run = 0; run < SUMMARY_RUNS; run++) {
        double t0 = now();
        st = ka_purchase_summary(tx_keys, dates, SUMMARY_LINES, clients, SUMMARY_CLIENTS, NAN, 7.0,
                                 out, found);
        double dt = now() - t0;
        if (dt < best)
            best = dt;
    }
    size_t n_found = 0;
    for (size_t i = 0; i < SUMMARY_CLIENTS; i++)
        n_found += found[i];
    printf("%-34s %10.2f  status %d, %zu clients found, client 1: %g; %.2f; %.2f\n",
           "summary, 1,000,000 lines", best * 1e3, (int)st, n_found, out[0], out[1], out[2]);

    free(x);
    free(tx);
    free(T);
    free(m);
    free(tx_keys);
    free(clients);
    free(dates);
    free(out);
    free(found);
    return 0;
}
