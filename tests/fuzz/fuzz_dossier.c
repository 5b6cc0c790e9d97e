/* fuzz_dossier.c - libFuzzer harness of the dossier reader and writer (src/ka_dossier.h).
 *
 * The bytes are a dossier document.  Whatever they hold, the parse must give
 * a dossier or a refusal with a reason, never a crash or a leak.  Every
 * document that parses is serialised and parsed again: the two dossiers must
 * hold the same value in every field of every section and record (compared
 * through the public getters and the field tables), and serialising the
 * second gives the same bytes as the first. */
#include <stdint.h>
#include <string.h>

#include "ka_dossier.h"
#include "ka_fuzz.h"

static void require_equal(const ka_dossier *a, const ka_dossier *b)
{
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

int LLVMFuzzerTestOneInput(const uint8_t *data, size_t size)
{
    ka_dossier *d = NULL, *again = NULL;
    char *reason = NULL, *xml = NULL, *xml2 = NULL;
    size_t len = 0, len2 = 0;
    ka_status st = ka_dossier_parse((const char *)data, size, &d, &reason);
    KA_FUZZ_REQUIRE(st == KA_OK ? d && !reason : !d && (reason || st == KA_ERR_NOMEM),
                    "parse status %d, dossier %p, reason %s", st, (void *)d,
                    reason ? reason : "(none)");
    free(reason);
    reason = NULL;
    if (st != KA_OK)
        return 0;

    st = ka_dossier_serialize(d, &xml, &len, &reason);
    KA_FUZZ_REQUIRE(st == KA_OK, "a parsed dossier does not serialise: status %d, %s", st,
                    reason ? reason : "(no reason)");
    st = ka_dossier_parse(xml, len, &again, &reason);
    KA_FUZZ_REQUIRE(st == KA_OK, "a serialised dossier does not parse: status %d, %s\n%s", st,
                    reason ? reason : "(no reason)", xml);
    require_equal(d, again);
    st = ka_dossier_serialize(again, &xml2, &len2, &reason);
    KA_FUZZ_REQUIRE(st == KA_OK && len2 == len && memcmp(xml, xml2, len) == 0,
                    "serialising the dossier read back gives other bytes");
    free(xml);
    free(xml2);
    ka_dossier_free(d);
    ka_dossier_free(again);
    return 0;
}
