/* fuzz_summary.c - libFuzzer harness of the purchase summary (src/ka_summary.h).
 *
 * The bytes decode into client keys (numbers, among them NaN and -0, or short
 * texts), an order log of (key, date) lines with dates biased towards real
 * day numbers but also NaN, Inf, 1e308, denormals and the limits of the date
 * range, an AsOf (often missing) and a Unit.  The contract checked: an AsOf
 * or a Unit outside its range is KA_ERR_ARG; with KA_OK
 * every found client's row is finite (frequency a whole number below the
 * number of log lines, 0 <= recency <= age), every other row NaN; equal keys
 * get equal rows; and the log read in another order gives the same bits. */
#include <stdint.h>
#include <string.h>

#include "ka_fuzz.h"
#include "ka_summary.h"

#define MAX_CLIENTS 16
#define MAX_TX 96

static const char *const TEXTS[] = {"", "a", "b", "A", "ab", "1", "0", "\xc3\xa9"};

static ka_key decode_key(ka_fuzz_input *in)
{
    uint8_t sel = ka_fuzz_byte(in);
    ka_key k = {0.0, NULL, 0};
    if (sel < 96) {
        k.text = TEXTS[sel % (sizeof TEXTS / sizeof TEXTS[0])];
        k.len = strlen(k.text);
    } else if (sel < 224) {
        k.num = (double)(sel % 8); /* few distinct numbers, so that lines match clients */
    } else {
        k.num = ka_fuzz_double(in);
    }
    return k;
}

/* A date: mostly a day near 35000 with a time of day, sometimes anything. */
static double decode_date(ka_fuzz_input *in)
{
    uint8_t sel = ka_fuzz_byte(in);
    if (sel < 200)
        return 35000.0 + (double)(sel % 40) + (double)ka_fuzz_byte(in) / 256.0;
    switch (sel % 6) {
    case 0:
        return KA_SUMMARY_MAX_DATE;
    case 1:
        return -KA_SUMMARY_MAX_DATE;
    case 2:
        return nextafter(KA_SUMMARY_MAX_DATE, INFINITY);
    default:
        return ka_fuzz_double(in);
    }
}

static int same_key(const ka_key *a, const ka_key *b)
{
    if (!a->text != !b->text)
        return 0;
    if (!a->text)
        return a->num == b->num;
    return a->len == b->len && memcmp(a->text, b->text, a->len) == 0;
}

int LLVMFuzzerTestOneInput(const uint8_t *data, size_t size)
{
    ka_fuzz_input in = {data, size, 0};
    static ka_key clients[MAX_CLIENTS], tx[MAX_TX], tx2[MAX_TX];
    static double dates[MAX_TX], dates2[MAX_TX], out[3 * MAX_CLIENTS], out2[3 * MAX_CLIENTS];
    static unsigned char found[MAX_CLIENTS], found2[MAX_CLIENTS];
    static size_t order[MAX_TX];

    uint8_t sel = ka_fuzz_byte(&in);
    double as_of = sel & 1 ? NAN : sel & 2 ? decode_date(&in) : ka_fuzz_double(&in);
    double unit = sel & 4 ? (double)(1 + (sel >> 4 & 7)) : ka_fuzz_double(&in);
    uint32_t seed = ka_fuzz_byte(&in);
    size_t n_clients = ka_fuzz_count(&in, MAX_CLIENTS);
    for (size_t i = 0; i < n_clients; i++)
        clients[i] = decode_key(&in);
    size_t n_tx = 0;
    while (n_tx < MAX_TX && in.pos < in.size) {
        tx[n_tx] = decode_key(&in);
        dates[n_tx] = decode_date(&in);
        n_tx++;
    }

    ka_status st =
        ka_purchase_summary(tx, dates, n_tx, clients, n_clients, as_of, unit, out, found);
    KA_FUZZ_REQUIRE(st == KA_OK || st == KA_ERR_ARG, "status %d", st);
    if (!isfinite(unit) || unit < KA_SUMMARY_MIN_UNIT ||
        (!isnan(as_of) && !(fabs(as_of) <= KA_SUMMARY_MAX_DATE)))
        KA_FUZZ_REQUIRE(st == KA_ERR_ARG, "status %d for AsOf %g, Unit %g", st, as_of, unit);
    if (st != KA_OK)
        return 0;
    for (size_t i = 0; i < n_clients; i++) {
        const double x = out[3 * i], rec = out[3 * i + 1], age = out[3 * i + 2];
        if (found[i]) {
            KA_FUZZ_REQUIRE(isfinite(x) && isfinite(rec) && isfinite(age),
                            "client %zu: %g, %g, %g with KA_OK (AsOf %g, Unit %g)", i, x, rec, age,
                            as_of, unit);
            KA_FUZZ_REQUIRE(x >= 0.0 && x == floor(x) && x < (double)n_tx,
                            "client %zu: frequency %g", i, x);
            KA_FUZZ_REQUIRE(rec >= 0.0 && rec <= age, "client %zu: recency %g, age %g", i, rec,
                            age);
            KA_FUZZ_REQUIRE(x > 0.0 || rec == 0.0, "client %zu: no repeat but recency %g", i, rec);
        } else {
            KA_FUZZ_REQUIRE(isnan(x) && isnan(rec) && isnan(age), "client %zu not found but %g", i,
                            x);
        }
        for (size_t j = 0; j < i; j++)
            if (same_key(&clients[i], &clients[j]))
                KA_FUZZ_REQUIRE(found[i] == found[j] &&
                                    memcmp(&out[3 * i], &out[3 * j], 3 * sizeof *out) == 0,
                                "equal keys %zu and %zu, different rows", j, i);
    }

    /* the same log in another order */
    for (size_t i = 0; i < n_tx; i++)
        order[i] = i;
    ka_fuzz_shuffle(order, n_tx, sizeof *order, seed);
    for (size_t i = 0; i < n_tx; i++) {
        tx2[i] = tx[order[i]];
        dates2[i] = dates[order[i]];
    }
    st = ka_purchase_summary(tx2, dates2, n_tx, clients, n_clients, as_of, unit, out2, found2);
    KA_FUZZ_REQUIRE(st == KA_OK, "status %d for the shuffled log", st);
    KA_FUZZ_REQUIRE(memcmp(found, found2, n_clients) == 0 &&
                        memcmp(out, out2, 3 * n_clients * sizeof *out) == 0,
                    "the shuffled log gives other rows");
    return 0;
}
