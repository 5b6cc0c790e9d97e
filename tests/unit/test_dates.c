/* test_dates.c - dates as people write them (src/ka_dates.c): the formats of
 * the toolkit's languages, reading a typed date into ISO 8601 and showing a
 * stored one. */
#include "ka_test.h"

#include "ka_dates.h"

#include <string.h>

/* The stored form of text typed in locale, or "" when it is refused. */
static const char *typed(const char *locale, const char *text)
{
    static char iso[11];
    ka_date_format f = ka_date_format_of(locale);
    ka_status st = ka_date_parse_local(&f, text, iso);
    assert_int_equal(st == KA_OK, iso[0] != '\0');
    return iso;
}

static const char *shown(const char *locale, const char *iso)
{
    static char buf[32];
    ka_date_format f = ka_date_format_of(locale);
    ka_date_format_local(&f, iso, buf, sizeof buf);
    return buf;
}

static void test_formats_of_the_languages(void **state)
{
    assert_int_equal(ka_date_format_of("lv-LV").order, KA_DATE_DMY);
    assert_int_equal(ka_date_format_of("lv").sep, '.');
    assert_int_equal(ka_date_format_of("uk_UA").order, KA_DATE_DMY);
    assert_int_equal(ka_date_format_of("en-US").order, KA_DATE_MDY);
    assert_int_equal(ka_date_format_of("EN_gb").order, KA_DATE_DMY); /* region first, any case */
    assert_int_equal(ka_date_format_of("fil-PH").order, KA_DATE_MDY);
    assert_int_equal(ka_date_format_of("sv-SE").order, KA_DATE_YMD);
    assert_int_equal(ka_date_format_of("xx-YY").order, KA_DATE_YMD); /* unknown: ISO */
    assert_int_equal(ka_date_format_of(NULL).sep, '-');
    assert_int_equal(ka_date_format_of("").order, KA_DATE_YMD);
}

static void test_locale_dates_are_read(void **state)
{
    assert_string_equal(typed("lv-LV", "15.03.2026"), "2026-03-15");
    assert_string_equal(typed("sl-SI", "15. 3. 2026."), "2026-03-15"); /* spaces, final dot */
    assert_string_equal(typed("ro-RO", " 1.3.2026 "), "2026-03-01");
    assert_string_equal(typed("uk-UA", "29.02.2024"), "2024-02-29"); /* a leap day */
    assert_string_equal(typed("en-US", "03/15/2026"), "2026-03-15");
    assert_string_equal(typed("en-GB", "15/03/2026"), "2026-03-15");
    assert_string_equal(typed("tl", "3/15/2026"), "2026-03-15");
}

static void test_iso_is_read_everywhere(void **state)
{
    const char *locales[] = {"lv", "uk", "sl", "ro", "tl", "en-US", "en-GB", "sv", "xx"};
    for (size_t i = 0; i < sizeof locales / sizeof *locales; i++) {
        assert_string_equal(typed(locales[i], "2026-03-15"), "2026-03-15");
        assert_string_equal(typed(locales[i], "2026-3-5"), "2026-03-05");
    }
    assert_string_equal(typed("hu", "2026.03.15"), "2026-03-15"); /* year first, any separator */
}

static void test_refused(void **state)
{
    assert_string_equal(typed("en-US", "15/03/2026"), ""); /* month 15 */
    assert_string_equal(typed("lv", "03/15/2026"), "");    /* month 15 */
    assert_string_equal(typed("lv", "31.02.2027"), "");    /* no such day */
    assert_string_equal(typed("lv", "29.02.2025"), "");    /* not a leap year */
    assert_string_equal(typed("lv", "15.03.26"), "");      /* a two-digit year */
    assert_string_equal(typed("lv", "15.03/2026"), "");    /* two separators */
    assert_string_equal(typed("sv", "15.03.2026"), "");    /* year last where it comes first */
    assert_string_equal(typed("lv", "2026. gada 15. marts"), "");
    assert_string_equal(typed("lv", "15.03.2026.."), "");
    assert_string_equal(typed("lv", "0000-01-01"), ""); /* years 1..9999 */
    assert_string_equal(typed("lv", "12026-01-01"), "");
    assert_string_equal(typed("lv", ""), "");
    assert_string_equal(typed("lv", "15..2026"), "");
    ka_date_format f = ka_date_format_of("lv");
    char iso[11] = "x";
    assert_int_equal(ka_date_parse_local(&f, NULL, iso), KA_ERR_ARG);
    assert_string_equal(iso, "");
}

static void test_stored_dates_are_shown(void **state)
{
    assert_string_equal(shown("lv-LV", "2026-03-15"), "15.03.2026");
    assert_string_equal(shown("en-US", "2026-03-05"), "03/05/2026");
    assert_string_equal(shown("en-GB", "2026-03-05"), "05/03/2026");
    assert_string_equal(shown("sv", "2026-03-05"), "2026-03-05");
    assert_string_equal(shown("hu", "2026-03-05"), "2026.03.05");
    assert_string_equal(shown("lv", ""), "");                 /* an empty field */
    assert_string_equal(shown("lv", "2026-3-5"), "2026-3-5"); /* not stored form: as it is */
    assert_string_equal(shown("lv", "soon"), "soon");
    char small[6];
    ka_date_format f = ka_date_format_of("lv");
    ka_date_format_local(&f, "2026-03-15", small, sizeof small);
    assert_string_equal(small, "15.03");
    /* what is shown reads back as what is stored */
    const char *locales[] = {"lv", "uk", "sl", "ro", "tl", "en-US", "en-GB", "hu", "xx"};
    for (size_t i = 0; i < sizeof locales / sizeof *locales; i++) {
        char buf[32];
        snprintf(buf, sizeof buf, "%s", shown(locales[i], "1999-12-31"));
        assert_string_equal(typed(locales[i], buf), "1999-12-31");
    }
}

static void test_calendar(void **state)
{
    assert_true(ka_date_is_valid(2000, 2, 29));
    assert_false(ka_date_is_valid(1900, 2, 29));
    assert_true(ka_date_is_valid(9999, 12, 31));
    assert_false(ka_date_is_valid(2026, 4, 31));
    assert_false(ka_date_is_valid(2026, 13, 1));
    assert_false(ka_date_is_valid(2026, 1, 0));
}

int main(void)
{
    const struct CMUnitTest tests[] = {
        cmocka_unit_test(test_formats_of_the_languages),
        cmocka_unit_test(test_locale_dates_are_read),
        cmocka_unit_test(test_iso_is_read_everywhere),
        cmocka_unit_test(test_refused),
        cmocka_unit_test(test_stored_dates_are_shown),
        cmocka_unit_test(test_calendar),
    };
    return cmocka_run_group_tests(tests, NULL, NULL);
}
