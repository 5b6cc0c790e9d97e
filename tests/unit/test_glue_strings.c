/* test_glue_strings.c - the UTF-8 / UTF-16 conversions of the kit
 * (addin/ka_uno.c) and the store's capped conversion of a property text
 * (addin/ka_store.c): ASCII, multibyte, surrogate pairs, lone surrogates,
 * empty.  sal's strings need no running office. */
#include "ka_test.h"

#include <string.h>

#include "ka_dossier.h"
#include "ka_store.h"
#include "ka_uno.h"

/* A UNO string of n UTF-16 units (caller releases). */
static rtl_uString *units(const sal_Unicode *u, sal_Int32 n)
{
    rtl_uString *s = NULL;
    rtl_uString_newFromStr_WithLength(&s, u, n);
    assert_non_null(s);
    return s;
}

static void assert_units(rtl_uString *s, const sal_Unicode *want, sal_Int32 n)
{
    assert_int_equal(s->length, n);
    for (sal_Int32 i = 0; i < n; i++)
        if (s->buffer[i] != want[i])
            fail_msg("unit %d is U+%04X, want U+%04X", (int)i, s->buffer[i], want[i]);
}

static void test_utf8_to_uno(void **state)
{
    rtl_uString *s = ka_uno_string_new("K0001", (size_t)-1);
    assert_units(s, (const sal_Unicode[]){'K', '0', '0', '0', '1'}, 5);
    rtl_uString_release(s);
    /* two- and three-byte sequences; a length that cuts the text short */
    s = ka_uno_string_new("Ķe€x", 6);
    assert_units(s, (const sal_Unicode[]){0x0136, 'e', 0x20AC}, 3);
    rtl_uString_release(s);
    /* a four-byte sequence becomes a surrogate pair */
    s = ka_uno_string_new("\xf0\x9f\x98\x80!", (size_t)-1);
    assert_units(s, (const sal_Unicode[]){0xD83D, 0xDE00, '!'}, 3);
    rtl_uString_release(s);
    /* empty, NULL */
    s = ka_uno_string_new("", (size_t)-1);
    assert_int_equal(s->length, 0);
    rtl_uString_release(s);
    s = ka_uno_string_new(NULL, (size_t)-1);
    assert_int_equal(s->length, 0);
    rtl_uString_release(s);
}

static void test_utf8_to_uno_reports_failure(void **state)
{
    rtl_uString *s = NULL;
    assert_int_equal(ka_uno_string_from_utf8("Šmarje", (size_t)-1, &s), KA_OK);
    assert_units(s, (const sal_Unicode[]){0x0160, 'm', 'a', 'r', 'j', 'e'}, 6);
    rtl_uString_release(s);
    /* more than a UNO string holds: refused before reading a byte */
    s = (rtl_uString *)&s;
    assert_int_equal(ka_uno_string_from_utf8("x", (size_t)1 << 31, &s), KA_ERR_ARG);
    assert_null(s);
    /* invalid UTF-8 is replaced, not refused */
    assert_int_equal(ka_uno_string_from_utf8("a\xff"
                                             "b",
                                             (size_t)-1, &s),
                     KA_OK);
    assert_non_null(s);
    assert_true(s->length >= 2);
    assert_int_equal(s->buffer[0], 'a');
    assert_int_equal(s->buffer[s->length - 1], 'b');
    rtl_uString_release(s);
}

static void test_uno_to_utf8(void **state)
{
    size_t len = 99;
    rtl_uString *s = units((const sal_Unicode[]){'i', 'd'}, 2);
    char *u = ka_uno_string_utf8(s, &len);
    assert_string_equal(u, "id");
    assert_int_equal(len, 2);
    free(u);
    rtl_uString_release(s);
    /* Ukrainian and Latvian letters, the euro sign */
    s = units((const sal_Unicode[]){0x0404, 0x0457, 0x0101, 0x20AC}, 4);
    u = ka_uno_string_utf8(s, &len);
    assert_string_equal(u, "Єїā€");
    assert_int_equal(len, strlen("Єїā€"));
    free(u);
    rtl_uString_release(s);
    /* a surrogate pair is one four-byte character */
    s = units((const sal_Unicode[]){0xD83D, 0xDE00}, 2);
    u = ka_uno_string_utf8(s, NULL);
    assert_string_equal(u, "\xf0\x9f\x98\x80");
    free(u);
    rtl_uString_release(s);
    /* empty */
    s = units(NULL, 0);
    u = ka_uno_string_utf8(s, &len);
    assert_string_equal(u, "");
    assert_int_equal(len, 0);
    free(u);
    rtl_uString_release(s);
}

static void test_lone_surrogates(void **state)
{
    /* half a pair becomes U+FFFD and the rest stays: two ids that differ
     * after it stay different */
    static const sal_Unicode lone[][3] = {
        {'a', 0xD800, 'b'}, {'a', 0xDC00, 'b'}, {'a', 'b', 0xD83D}, {0xDE00, 0xD83D, 'c'}};
    static const char *const want[] = {"a\xef\xbf\xbd"
                                       "b",
                                       "a\xef\xbf\xbd"
                                       "b",
                                       "ab\xef\xbf\xbd",
                                       "\xef\xbf\xbd\xef\xbf\xbd"
                                       "c"};
    for (size_t i = 0; i < 4; i++) {
        rtl_uString *s = units(lone[i], 3);
        size_t len = 0;
        char *u = ka_uno_string_utf8(s, &len);
        assert_non_null(u);
        assert_string_equal(u, want[i]);
        assert_int_equal(len, strlen(want[i]));
        free(u);
        rtl_uString_release(s);
    }
}

static void test_store_text_cap(void **state)
{
    /* under the cap: the whole text */
    rtl_uString *s = ka_uno_string_new("<dossier>Ķ</dossier>", (size_t)-1);
    char *xml = NULL;
    size_t len = 0;
    assert_int_equal(ka_store_text_utf8(s, &xml, &len), KA_OK);
    assert_string_equal(xml, "<dossier>Ķ</dossier>");
    assert_int_equal(len, strlen(xml));
    free(xml);
    rtl_uString_release(s);
    /* over the cap: just enough for the parser to refuse it */
    size_t n = KA_DOSSIER_MAX_BYTES + 1000;
    char *big = malloc(n + 1);
    assert_non_null(big);
    memset(big, 'x', n);
    big[n] = '\0';
    s = ka_uno_string_new(big, n);
    assert_int_equal((size_t)s->length, n);
    assert_int_equal(ka_store_text_utf8(s, &xml, &len), KA_OK);
    assert_int_equal(len, KA_DOSSIER_MAX_BYTES + 1);
    assert_int_equal(strlen(xml), len);
    free(xml);
    rtl_uString_release(s);
    free(big);
    /* exactly at the cap: whole */
    rtl_uString *at = NULL;
    rtl_uString_new_WithLength(&at, (sal_Int32)KA_DOSSIER_MAX_BYTES);
    assert_non_null(at);
    for (sal_Int32 i = 0; i < (sal_Int32)KA_DOSSIER_MAX_BYTES; i++)
        at->buffer[i] = 'y';
    at->length = (sal_Int32)KA_DOSSIER_MAX_BYTES;
    assert_int_equal(ka_store_text_utf8(at, &xml, &len), KA_OK);
    assert_int_equal(len, KA_DOSSIER_MAX_BYTES);
    free(xml);
    rtl_uString_release(at);
    /* empty */
    s = ka_uno_string_new("", 0);
    assert_int_equal(ka_store_text_utf8(s, &xml, &len), KA_OK);
    assert_string_equal(xml, "");
    assert_int_equal(len, 0);
    free(xml);
    rtl_uString_release(s);
}

int main(void)
{
    const struct CMUnitTest tests[] = {
        cmocka_unit_test(test_utf8_to_uno),    cmocka_unit_test(test_utf8_to_uno_reports_failure),
        cmocka_unit_test(test_uno_to_utf8),    cmocka_unit_test(test_lone_surrogates),
        cmocka_unit_test(test_store_text_cap),
    };
    return cmocka_run_group_tests(tests, NULL, NULL);
}
