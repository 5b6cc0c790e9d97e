/* fuzz_dossier.c - libFuzzer harness of the dossier reader and writer (src/ka_dossier.h).
 *
 * The bytes are a dossier document.  Whatever they hold, the parse must give
 * a dossier or a refusal with a reason, never a crash or a leak.  Bytes that
 * start with a NUL (never a document) are instead a script of setters that
 * build a dossier through the API, so that the round trip below also meets
 * values that few mutated documents reach.  Every dossier that parses (or
 * that was built and serialises) is serialised and parsed again: the two
 * dossiers must
 * hold the same value in every field of every section and record (compared
 * through the public getters and the field tables, and as DOSSIER() shows
 * every simple and derived field), and serialising the second gives the same
 * bytes as the first.  ka_dossier_validate agrees with the parse. */
#include <stdint.h>
#include <string.h>

#include "ka_dossier.h"
#include "ka_fuzz.h"

/* DOSSIER(client; key) of both dossiers, for a simple or derived key. */
static void require_same_field(const ka_dossier *a, const ka_dossier *b, const char *key)
{
    char *va = NULL, *vb = NULL;
    ka_status sa = ka_dossier_field(a, key, "2026-12-01", &va);
    ka_status sb = ka_dossier_field(b, key, "2026-12-01", &vb);
    KA_FUZZ_REQUIRE(sa == KA_OK && sb == KA_OK, "DOSSIER(...; \"%s\"): status %d, %d", key, sa, sb);
    KA_FUZZ_REQUIRE(strcmp(va, vb) == 0, "DOSSIER(...; \"%s\"): \"%s\" became \"%s\"", key, va, vb);
    free(va);
    free(vb);
}

static void require_equal(const ka_dossier *a, const ka_dossier *b)
{
    for (size_t i = 0; i < ka_dossier_derived_count(); i++)
        require_same_field(a, b, ka_dossier_derived_at(i)->key);
    for (size_t s = 0; s < ka_dossier_section_count(); s++) {
        const ka_dossier_section_def *sec = ka_dossier_section_at(s);
        if (!sec->record) {
            for (size_t f = 0; f < sec->nfields; f++) {
                const char *key = sec->fields[f].key, *va, *vb;
                KA_FUZZ_REQUIRE(ka_dossier_get(a, key, &va) == KA_OK &&
                                    ka_dossier_get(b, key, &vb) == KA_OK,
                                "field '%s' of the table cannot be read", key);
                KA_FUZZ_REQUIRE(strcmp(va, vb) == 0, "field '%s': \"%s\" became \"%s\"", key, va,
                                vb);
                require_same_field(a, b, key);
            }
            continue;
        }
        size_t na, nb;
        KA_FUZZ_REQUIRE(ka_dossier_record_count(a, sec->key, &na) == KA_OK &&
                            ka_dossier_record_count(b, sec->key, &nb) == KA_OK,
                        "list '%s' of the table cannot be counted", sec->key);
        KA_FUZZ_REQUIRE(na == nb, "list '%s': %zu records became %zu", sec->key, na, nb);
        for (size_t i = 0; i < na; i++)
            for (size_t f = 0; f < sec->nfields; f++) {
                const char *key = sec->fields[f].key, *va, *vb;
                KA_FUZZ_REQUIRE(ka_dossier_record_get(a, sec->key, i, key, &va) == KA_OK &&
                                    ka_dossier_record_get(b, sec->key, i, key, &vb) == KA_OK,
                                "%s %zu: field '%s' cannot be read", sec->key, i, key);
                KA_FUZZ_REQUIRE(strcmp(va, vb) == 0, "%s %zu, field '%s': \"%s\" became \"%s\"",
                                sec->key, i, key, va, vb);
            }
    }
}

/* A value for field f: raw bytes, one of its enumerated values, a date, a
 * number, or a text with the characters XML makes special. */
static const char *decode_value(ka_fuzz_input *in, const ka_dossier_field_def *f, char *buf,
                                size_t cap)
{
    static const char *const texts[] = {"",      " a ",           "line 1\nline 2", "CR\r",
                                        "\ttab", "a & b <c> ]]>", "\304\266egums",  "x, y",
                                        "\xff",  "EUR",           "-0.5",           "007"};
    uint8_t sel = ka_fuzz_byte(in);
    if (sel < 64) {
        size_t n = ka_fuzz_count(in, cap - 1 < 24 ? cap - 1 : 24);
        for (size_t i = 0; i < n; i++)
            buf[i] = (char)ka_fuzz_byte(in);
        buf[n] = 0;
        return buf;
    }
    if (sel < 128 && f->values) {
        size_t n = 0;
        while (f->values[n].value)
            n++;
        return f->values[sel % n].value;
    }
    if (sel < 160) {
        snprintf(buf, cap, "%04d-%02d-%02d", 1 + ka_fuzz_byte(in) * 39, 1 + sel % 12,
                 1 + ka_fuzz_byte(in) % 31);
        return buf;
    }
    if (sel < 192) {
        snprintf(buf, cap, sel & 1 ? "%d" : "%d.%02d", ka_fuzz_byte(in) - 64, ka_fuzz_byte(in));
        return buf;
    }
    return texts[sel % (sizeof texts / sizeof texts[0])];
}

/* Runs the setter script in[...] on a new dossier (id and name set first).
 * Refused values leave it unchanged, as documented, and are otherwise
 * ignored.  Returns NULL when out of memory. */
static ka_dossier *build(ka_fuzz_input *in)
{
    ka_dossier *d = ka_dossier_new();
    if (!d)
        return NULL;
    char buf[32];
    (void)ka_dossier_set(d, "id", "1", NULL, NULL);
    (void)ka_dossier_set(d, "name", "A", NULL, NULL);
    const size_t n_sections = ka_dossier_section_count();
    for (int op = 0; op < 64 && in->pos < in->size; op++) {
        uint8_t code = ka_fuzz_byte(in);
        const ka_dossier_section_def *sec = ka_dossier_section_at(ka_fuzz_byte(in) % n_sections);
        const ka_dossier_field_def *f = &sec->fields[ka_fuzz_byte(in) % sec->nfields];
        size_t count = 0;
        if (!sec->record) {
            (void)ka_dossier_set(d, f->key, decode_value(in, f, buf, sizeof buf), NULL, NULL);
            continue;
        }
        (void)ka_dossier_record_count(d, sec->key, &count);
        if (code % 4 == 0 || count == 0)
            (void)ka_dossier_record_add(d, sec->key, NULL);
        else if (code % 4 == 1)
            (void)ka_dossier_record_remove(d, sec->key, code % count);
        else
            (void)ka_dossier_record_set(d, sec->key, code % count, f->key,
                                        decode_value(in, f, buf, sizeof buf), NULL, NULL);
    }
    return d;
}

int LLVMFuzzerTestOneInput(const uint8_t *data, size_t size)
{
    ka_dossier *d = NULL, *again = NULL;
    char *reason = NULL, *xml = NULL, *xml2 = NULL;
    size_t len = 0, len2 = 0;
    ka_status st;
    if (size > 0 && data[0] == 0) {
        ka_fuzz_input in = {data, size, 1};
        if (!(d = build(&in)))
            return 0;
        st = ka_dossier_serialize(d, &xml, &len, NULL, &reason);
        free(reason);
        reason = NULL;
        if (st == KA_OK)
            st = ka_dossier_parse(xml, len, &again, NULL, &reason);
        KA_FUZZ_REQUIRE(st != KA_OK || again, "parse OK without a dossier");
        KA_FUZZ_REQUIRE(!xml || st == KA_OK, "a serialised dossier does not parse: %s\n%s",
                        reason ? reason : "(no reason)", xml);
        if (st == KA_OK)
            require_equal(d, again);
        free(reason);
        free(xml);
        ka_dossier_free(d);
        ka_dossier_free(again);
        return 0;
    }
    st = ka_dossier_parse((const char *)data, size, &d, NULL, &reason);
    KA_FUZZ_REQUIRE(st == KA_OK ? d && !reason : !d && (reason || st == KA_ERR_NOMEM),
                    "parse status %d, dossier %p, reason %s", st, (void *)d,
                    reason ? reason : "(none)");
    free(reason);
    reason = NULL;
    ka_status vst = ka_dossier_validate((const char *)data, size, NULL, &reason);
    KA_FUZZ_REQUIRE(vst == st, "ka_dossier_validate says %d, ka_dossier_parse %d", vst, st);
    free(reason);
    reason = NULL;
    if (st != KA_OK)
        return 0;

    st = ka_dossier_serialize(d, &xml, &len, NULL, &reason);
    KA_FUZZ_REQUIRE(st == KA_OK, "a parsed dossier does not serialise: status %d, %s", st,
                    reason ? reason : "(no reason)");
    st = ka_dossier_parse(xml, len, &again, NULL, &reason);
    KA_FUZZ_REQUIRE(st == KA_OK, "a serialised dossier does not parse: status %d, %s\n%s", st,
                    reason ? reason : "(no reason)", xml);
    require_equal(d, again);
    st = ka_dossier_serialize(again, &xml2, &len2, NULL, &reason);
    KA_FUZZ_REQUIRE(st == KA_OK && len2 == len && memcmp(xml, xml2, len) == 0,
                    "serialising the dossier read back gives other bytes");
    free(xml);
    free(xml2);
    ka_dossier_free(d);
    ka_dossier_free(again);
    return 0;
}
