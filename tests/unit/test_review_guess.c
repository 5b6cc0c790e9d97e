/* test_review_guess.c - the columns the review dialogs propose: period
 * headers in the six languages, client tables with months, quarters,
 * years or only annual sales, groups, order logs; headers in English,
 * Latvian, Ukrainian, Slovenian, Romanian and Tagalog, capitals and
 * abbreviations; the failures (no numbers, no dates, nothing selected). */
#include "ka_test.h"

#include <string.h>

#include "ka_review_guess.h"

/* A column of 20 rows: n numbers, d dates, t texts, the rest empty. */
static ka_review_column col(const char *header, size_t n, size_t d, size_t t)
{
    ka_review_column c = {header, n, d, t, 20 - n - d - t};
    return c;
}

static void test_period_headers(void **state)
{
    (void)state;
    static const char *const yes[] = {
        "Jan",        "FEB",     "march",    "Sept.", "Jan 2025", "jan-25",  "2025 Dec",
        "janvāris",   "Febr.",   "JŪNIJS",   "jūl",   "Січень",   "лют.",    "ЛИСТОПАД",
        "marec",      "Avg",     "ianuarie", "Iul.",  "Enero",    "Hunyo",   "Disyembre",
        "2025-01",    "01/2025", "2025.12",  "Q1",    "q4 2025",  "2025-Q3", "M01",
        "M12",        "P7",      "H2",       "W52",   "2024",     "1999",    "2025-01-31",
        "31.01.2025", "1/31/25", NULL};
    static const char *const no[] = {
        "",       NULL,      "Client",  "Total",   "Margin", "Market", "Region", "Sales 2024",
        "Ma",     "ABC",     "2025-13", "13/2025", "1800",   "12345",  "Q123",   "Jan Feb",
        "Amount", "Klients", "Регіон",  "Q",       "Mayor",  NULL};
    for (const char *const *s = yes; *s; s++)
        if (!ka_review_is_period(*s))
            fail_msg("\"%s\" should name a period", *s);
    for (size_t i = 0; i < sizeof no / sizeof *no; i++)
        if ((i == 1 || no[i]) && ka_review_is_period(no[i]))
            fail_msg("\"%s\" should not name a period", no[i] ? no[i] : "(null)");
}

/* The sample workbook's Sales sheet: Client, Company, Region, Account
 * manager, Jan..Dec, Total. */
static void test_sample_sales_sheet(void **state)
{
    (void)state;
    static const char *const m[12] = {"Jan", "Feb", "Mar", "Apr", "May", "Jun",
                                      "Jul", "Aug", "Sep", "Oct", "Nov", "Dec"};
    ka_review_column c[17];
    c[0] = col("Client", 0, 0, 20);
    c[1] = col("Company", 0, 0, 20);
    c[2] = col("Region", 0, 0, 20);
    c[3] = col("Account manager", 0, 0, 20);
    for (int i = 0; i < 12; i++)
        c[4 + i] = col(m[i], 18, 0, 0); /* erratic buyers leave months empty */
    c[16] = col("Total", 20, 0, 0);
    ka_review_guess g;
    assert_int_equal(ka_review_guess_sales(c, 17, &g), KA_OK);
    assert_int_equal(g.client, 0);
    assert_int_equal(g.periods_first, 4);
    assert_int_equal(g.periods_count, 12);
    assert_int_equal(g.sales, 16);
    assert_int_equal(g.group, 2);
    assert_int_equal(g.date, -1);
    assert_int_equal(g.amount, -1);
}

/* A Latvian table: Nr., Klients, Menedžeris, quarters, Kopā. */
static void test_latvian_quarters(void **state)
{
    (void)state;
    ka_review_column c[] = {col("Nr.", 20, 0, 0),        col("Klients", 0, 0, 20),
                            col("Menedžeris", 0, 0, 20), col("2025 Q1", 20, 0, 0),
                            col("2025 Q2", 20, 0, 0),    col("2025 Q3", 19, 0, 0),
                            col("2025 Q4", 20, 0, 0),    col("Kopā", 20, 0, 0)};
    ka_review_guess g;
    assert_int_equal(ka_review_guess_sales(c, 8, &g), KA_OK);
    assert_int_equal(g.client, 1);
    assert_int_equal(g.periods_first, 3);
    assert_int_equal(g.periods_count, 4);
    assert_int_equal(g.sales, 7);
    assert_int_equal(g.group, 2);
}

/* Ukrainian month names, a group after the months, no total: the sales
 * are the periods. */
static void test_ukrainian_months(void **state)
{
    (void)state;
    static const char *const m[6] = {"Січень",  "Лютий",   "Березень",
                                     "Квітень", "Травень", "Червень"};
    ka_review_column c[8];
    c[0] = col("Клієнт", 0, 0, 20);
    for (int i = 0; i < 6; i++)
        c[1 + i] = col(m[i], 20, 0, 0);
    c[7] = col("РЕГІОН", 0, 0, 20);
    ka_review_guess g;
    assert_int_equal(ka_review_guess_sales(c, 8, &g), KA_OK);
    assert_int_equal(g.client, 0);
    assert_int_equal(g.periods_first, 1);
    assert_int_equal(g.periods_count, 6);
    assert_int_equal(g.sales, -1);
    assert_int_equal(g.group, 7);
}

/* Slovenian, Romanian and Tagalog tables with annual sales only; the
 * client named by its header even when it is not the first column. */
static void test_annual_sales_languages(void **state)
{
    (void)state;
    ka_review_column sl[] = {col("Podjetje", 0, 0, 20), col("Stranka", 0, 0, 20),
                             col("Regija", 0, 0, 20), col("Prodaja 2025", 20, 0, 0)};
    ka_review_column ro[] = {col("Regiune", 0, 0, 20), col("Client", 0, 0, 20),
                             col("Număr", 20, 0, 0), col("Vânzări", 20, 0, 0)};
    ka_review_column tl[] = {col("Kliyente", 0, 0, 20), col("Rehiyon", 0, 0, 20),
                             col("Benta", 20, 0, 0)};
    ka_review_guess g;
    assert_int_equal(ka_review_guess_sales(sl, 4, &g), KA_OK);
    assert_true(g.client == 1 && g.sales == 3 && g.group == 2 && g.periods_count == 0);
    assert_int_equal(ka_review_guess_sales(ro, 4, &g), KA_OK);
    assert_true(g.client == 1 && g.sales == 3 && g.group == 0 && g.periods_count == 0);
    assert_int_equal(ka_review_guess_sales(tl, 3, &g), KA_OK);
    assert_true(g.client == 0 && g.sales == 2 && g.group == 1);
}

/* No words to go by: the first text column is the client, twelve
 * numeric columns without headers the periods; with two numeric columns
 * only, the first is the sales. */
static void test_unnamed_columns(void **state)
{
    (void)state;
    ka_review_column c[14];
    c[0] = col("", 20, 0, 0); /* a row number */
    c[1] = col("", 0, 0, 20);
    for (int i = 0; i < 12; i++)
        c[2 + i] = col("", 20, 0, 0);
    ka_review_guess g;
    assert_int_equal(ka_review_guess_sales(c, 14, &g), KA_OK);
    assert_true(g.client == 1 && g.periods_first == 2 && g.periods_count == 12);
    assert_true(g.sales == -1 && g.group == -1);
    ka_review_column two[] = {col("x", 0, 0, 20), col("a", 20, 0, 0), col("b", 20, 0, 0)};
    assert_int_equal(ka_review_guess_sales(two, 3, &g), KA_OK);
    assert_true(g.client == 0 && g.sales == 1 && g.periods_count == 0 && g.group == -1);
    /* a one-column selection of numbers: ids and sales cannot both be
     * there; the numbers are the sales, the client the same column */
    ka_review_column one[] = {col("Sales", 20, 0, 0)};
    assert_int_equal(ka_review_guess_sales(one, 1, &g), KA_OK);
    assert_true(g.sales == 0 && g.client == -1);
}

/* Two years side by side are too few periods for an XYZ class (the
 * review needs three): the later one named like sales is the sales. */
static void test_two_periods_are_no_block(void **state)
{
    (void)state;
    ka_review_column c[] = {col("Client", 0, 0, 20), col("2024", 20, 0, 0),
                            col("Sales 2025", 20, 0, 0)};
    ka_review_guess g;
    assert_int_equal(ka_review_guess_sales(c, 3, &g), KA_OK);
    assert_true(g.client == 0 && g.periods_count == 0 && g.sales == 2);
    ka_review_column y[] = {col("Client", 0, 0, 20), col("2024", 20, 0, 0), col("2025", 20, 0, 0),
                            col("2026", 20, 0, 0)};
    assert_int_equal(ka_review_guess_sales(y, 4, &g), KA_OK);
    assert_true(g.periods_first == 1 && g.periods_count == 3 && g.sales == -1);
}

static void test_sales_failures(void **state)
{
    (void)state;
    ka_review_guess g;
    ka_review_column texts[] = {col("Client", 0, 0, 20), col("Region", 0, 0, 20)};
    assert_int_equal(ka_review_guess_sales(texts, 2, &g), KA_ERR_ARG);
    assert_true(g.client == -1 && g.sales == -1 && g.periods_count == 0 && g.group == -1);
    assert_int_equal(ka_review_guess_sales(texts, 0, &g), KA_ERR_ARG);
    assert_int_equal(ka_review_guess_sales(NULL, 3, &g), KA_ERR_ARG);
    ka_review_column empty[] = {col("", 0, 0, 0)};
    assert_int_equal(ka_review_guess_sales(empty, 1, &g), KA_ERR_ARG);
}

/* The sample's order log (Client, Date, Amount) and the CDNOW log
 * (Client, Date, Quantity, Amount): the amount by its name, not the first
 * number. */
static void test_order_logs(void **state)
{
    (void)state;
    ka_review_column s[] = {col("Client", 0, 0, 20), col("Date", 0, 20, 0),
                            col("Amount", 20, 0, 0)};
    ka_review_column cd[] = {col("Client", 20, 0, 0), col("Date", 0, 20, 0),
                             col("Quantity", 20, 0, 0), col("Amount", 20, 0, 0)};
    ka_review_guess g;
    assert_int_equal(ka_review_guess_orders(s, 3, &g), KA_OK);
    assert_true(g.client == 0 && g.date == 1 && g.amount == 2);
    assert_true(g.sales == -1 && g.periods_count == 0 && g.group == -1);
    assert_int_equal(ka_review_guess_orders(cd, 4, &g), KA_OK);
    assert_true(g.client == 0 && g.date == 1 && g.amount == 3);
}

/* Latvian, Ukrainian, Slovenian, Romanian and Tagalog logs, the date
 * first; a log without an amount; unnamed columns. */
static void test_order_logs_languages(void **state)
{
    (void)state;
    ka_review_guess g;
    ka_review_column lv[] = {col("Datums", 0, 20, 0), col("Klients", 0, 0, 20),
                             col("Daudzums", 20, 0, 0), col("Summa", 20, 0, 0)};
    assert_int_equal(ka_review_guess_orders(lv, 4, &g), KA_OK);
    assert_true(g.date == 0 && g.client == 1 && g.amount == 3);
    ka_review_column uk[] = {col("ДАТА", 0, 20, 0), col("Покупець", 0, 0, 20),
                             col("Сума", 20, 0, 0)};
    assert_int_equal(ka_review_guess_orders(uk, 3, &g), KA_OK);
    assert_true(g.date == 0 && g.client == 1 && g.amount == 2);
    ka_review_column sl[] = {col("Kupec", 0, 0, 20), col("Datum", 0, 20, 0),
                             col("Znesek", 20, 0, 0)};
    assert_int_equal(ka_review_guess_orders(sl, 3, &g), KA_OK);
    assert_true(g.client == 0 && g.date == 1 && g.amount == 2);
    ka_review_column ro[] = {col("Data", 0, 20, 0), col("Client", 0, 0, 20),
                             col("Valoare", 20, 0, 0)};
    assert_int_equal(ka_review_guess_orders(ro, 3, &g), KA_OK);
    assert_true(g.date == 0 && g.client == 1 && g.amount == 2);
    ka_review_column tl[] = {col("Petsa", 0, 20, 0), col("Kliyente", 0, 0, 20),
                             col("Halaga", 20, 0, 0)};
    assert_int_equal(ka_review_guess_orders(tl, 3, &g), KA_OK);
    assert_true(g.date == 0 && g.client == 1 && g.amount == 2);
    ka_review_column noamount[] = {col("Client", 0, 0, 20), col("Date", 0, 20, 0)};
    assert_int_equal(ka_review_guess_orders(noamount, 2, &g), KA_OK);
    assert_true(g.client == 0 && g.date == 1 && g.amount == -1);
    /* no names: the column of dates, the first text column, the first
     * number after the client */
    ka_review_column plain[] = {col("", 0, 0, 20), col("", 20, 0, 0), col("", 0, 19, 0),
                                col("", 20, 0, 0)};
    assert_int_equal(ka_review_guess_orders(plain, 4, &g), KA_OK);
    assert_true(g.client == 0 && g.date == 2 && g.amount == 1);
    /* a column named Date without dates loses to the column of dates */
    ka_review_column named[] = {col("Client", 0, 0, 20), col("Date", 0, 0, 20),
                                col("When", 0, 20, 0)};
    assert_int_equal(ka_review_guess_orders(named, 3, &g), KA_OK);
    assert_int_equal(g.date, 2);
}

static void test_order_failures(void **state)
{
    (void)state;
    ka_review_guess g;
    ka_review_column nodates[] = {col("Client", 0, 0, 20), col("Date", 0, 0, 20),
                                  col("Amount", 20, 0, 0)};
    assert_int_equal(ka_review_guess_orders(nodates, 3, &g), KA_ERR_ARG);
    assert_true(g.client == -1 && g.date == -1 && g.amount == -1);
    assert_int_equal(ka_review_guess_orders(nodates, 0, &g), KA_ERR_ARG);
}

static void test_total_rows(void **state)
{
    (void)state;
    static const char *const yes[] = {"Total",  "TOTAL",  "Grand total", "Kopā", "РАЗОМ",
                                      "Всього", "Skupaj", "Kabuuan",     NULL};
    static const char *const no[] = {"", "K0001", "Totem Ltd", "Summit", "Kopenhagen", NULL};
    for (const char *const *s = yes; *s; s++)
        if (!ka_review_is_total(*s))
            fail_msg("\"%s\" should label totals", *s);
    for (const char *const *s = no; *s; s++)
        if (ka_review_is_total(*s))
            fail_msg("\"%s\" should not label totals", *s);
    assert_false(ka_review_is_total(NULL));
}

/* Headers that are not UTF-8, very long or full of separators are read
 * without harm. */
static void test_hostile_headers(void **state)
{
    (void)state;
    char longh[4000];
    memset(longh, 'a', sizeof longh - 1);
    longh[sizeof longh - 1] = '\0';
    ka_review_column c[] = {col("\xff\xfe\xc3", 0, 0, 20), col(longh, 20, 0, 0),
                            col("- / . -- 2025 -- 01 --", 20, 0, 0),
                            col("1 2 3 4 5 6 7 8 9 10 11 12 13 14 15 16 17 18", 20, 0, 0)};
    ka_review_guess g;
    assert_int_equal(ka_review_guess_sales(c, 4, &g), KA_OK);
    assert_int_equal(g.client, 0);
    assert_false(ka_review_is_period("\xe2\x82"));
    assert_true(ka_review_is_period("- / . -- 2025 -- 01 --"));
}

int main(void)
{
    const struct CMUnitTest tests[] = {
        cmocka_unit_test(test_period_headers),
        cmocka_unit_test(test_sample_sales_sheet),
        cmocka_unit_test(test_latvian_quarters),
        cmocka_unit_test(test_ukrainian_months),
        cmocka_unit_test(test_annual_sales_languages),
        cmocka_unit_test(test_unnamed_columns),
        cmocka_unit_test(test_two_periods_are_no_block),
        cmocka_unit_test(test_sales_failures),
        cmocka_unit_test(test_order_logs),
        cmocka_unit_test(test_order_logs_languages),
        cmocka_unit_test(test_order_failures),
        cmocka_unit_test(test_total_rows),
        cmocka_unit_test(test_hostile_headers),
    };
    return cmocka_run_group_tests(tests, NULL, NULL);
}
