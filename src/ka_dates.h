/* ka_dates.h - dates as people write them: the short date format of a
 * locale (the order of day, month and year and the separator), a date typed
 * in that format or in ISO 8601 turned into the stored "YYYY-MM-DD", and a
 * stored date shown in the locale's format.
 *
 * The formats come from a small table per language (and a few regions of
 * English), the short date formats of LibreOffice's locale data; a locale
 * the table does not know shows and reads ISO 8601 only.  Years are always
 * written with four digits: a two-digit year is refused, never guessed.
 * Pure C, no state, any thread. */
#ifndef KA_DATES_H
#define KA_DATES_H

#include "ka_status.h"

#include <stdbool.h>
#include <stddef.h>

/* The order of a locale's short date. */
typedef enum ka_date_order {
    KA_DATE_YMD, /* 2026-03-15 (ISO 8601, Swedish, Lithuanian, Hungarian, Japanese...) */
    KA_DATE_DMY, /* 15.03.2026 (Latvian, Ukrainian, Slovenian, Romanian), 15/03/2026 (en-GB) */
    KA_DATE_MDY  /* 03/15/2026 (en-US, Filipino) */
} ka_date_order;

/* A locale's short date format. */
typedef struct ka_date_format {
    ka_date_order order;
    char sep; /* '.', '/' or '-' */
} ka_date_format;

/* The short date format of a locale: a BCP 47 tag or a LibreOffice locale
 * ("lv-LV", "en_US", "en-GB", "fil-PH"), matched first whole, then by its
 * language, case-insensitive; ISO 8601 (YMD, '-') for NULL, "" and a
 * language the table does not know. */
ka_date_format ka_date_format_of(const char *locale);

/* True when y-m-d is a day of the Gregorian calendar with y in 1..9999. */
bool ka_date_is_valid(int y, int m, int d);

/* Reads a date as typed (UTF-8; spaces around it are ignored): ISO 8601
 * "2026-03-15" in every locale, or the locale's order of day, month and a
 * four-digit year, one or two digits for the day and the month, separated
 * by one of '.', '/' and '-' (the same twice, spaces after it allowed, a
 * final '.' allowed after a '.'-separated date).  A four-digit first number
 * is always the year (year, month, day).  Writes "YYYY-MM-DD" into iso.
 * KA_ERR_ARG for anything else: not a calendar day, a two-digit year, or a
 * year-last date in a locale whose order is year first (day and month could
 * be either way round); iso is then "". */
ka_status ka_date_parse_local(const ka_date_format *f, const char *text, char iso[11]);

/* Writes the stored date iso ("YYYY-MM-DD") in the locale's format into buf
 * (NUL-terminated, truncated to size): 15.03.2026, 03/15/2026; a text that is
 * not an ISO date (an empty field, a damaged value) is copied unchanged. */
void ka_date_format_local(const ka_date_format *f, const char *iso, char *buf, size_t size);

#endif
