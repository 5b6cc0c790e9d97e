/* ka_review_guess.h - which columns of a selected table the review
 * dialogs propose: the client id, the sales, the block of period columns
 * and the group of a client table (the sales review); the client, the
 * date and the amount of an order log (the churn review).
 *
 * The glue (addin/ka_review.c) reads the block's header row as the texts
 * Calc shows and counts, per column, the numbers, texts, dates and empty
 * cells of the first rows below it; the guess looks only at those.  Header
 * words are recognised in the six languages of the toolkit (English,
 * Latvian, Ukrainian, Slovenian, Romanian, Tagalog), whatever the case.
 * Pure C, no state: any thread. */
#ifndef KA_REVIEW_GUESS_H
#define KA_REVIEW_GUESS_H

#include "ka_status.h"

#include <stdbool.h>
#include <stddef.h>

/* A wider block is guessed from its first KA_REVIEW_MAX_COLUMNS columns. */
#define KA_REVIEW_MAX_COLUMNS 1024

/* One column of the selected block. */
typedef struct ka_review_column {
    const char *header; /* the header cell's text, UTF-8 (borrowed; NULL or "" when empty) */
    size_t numbers;     /* cells below the header holding a number that is not a date */
    size_t dates;       /* cells holding a number formatted as a date (or date and time) */
    size_t texts;       /* cells holding a text */
    size_t empties;     /* empty cells */
} ka_review_column;

/* What the guess proposes: column indices into the block, -1 for none. */
typedef struct ka_review_guess {
    long client;        /* the client id */
    long sales;         /* sales review: annual sales (a "Total" next to the periods too) */
    long periods_first; /* sales review: the first of the period columns */
    long periods_count; /* their number, 0 when there is no block */
    long group;         /* sales review: region, manager, segment... */
    long date;          /* churn review: the order date */
    long amount;        /* churn review: the order's amount (optional in the review) */
} ka_review_guess;

/* True when text (UTF-8, NULL is "") names a period: a month in one of the
 * six languages (full or abbreviated, "Jan", "janvāris", "лют."), possibly
 * with a year ("Jan 2025", "jan-25"), a year and month ("2025-01",
 * "01/2025"), a quarter, month or half ("Q1", "2025 Q3", "M01", "P12",
 * "H2"), a year from 1900 to 2199, or a date ("2025-01-31", "31.01.2025"). */
bool ka_review_is_period(const char *text);

/* True when text (UTF-8, NULL is "") labels a row of totals ("Total",
 * "Kopā", "Разом", "Skupaj", "Kabuuan"...): the last row of a selected
 * block that a review leaves out. */
bool ka_review_is_total(const char *text);

/* Guesses the columns of a client table (cols: n columns, borrowed).
 * The periods are the longest run of at least three adjacent numeric columns
 * whose headers name periods, else of at least three numeric columns with
 * no header or only numbers as headers; the sales a numeric column named
 * like sales ("Sales", "Total", "Apgrozījums", "Продажі"...), else, with
 * no periods, the first numeric column; the client a column named like a
 * client ("Client", "Klients", "Клієнт", "ID"...), else the first
 * column that holds text, else the first; the group a column named like a
 * region, manager, segment... that holds text.  KA_ERR_ARG when n is 0 or
 * no column holds numbers (nothing to review), KA_ERR_NOMEM; *out is
 * then all -1 (periods_count 0). */
ka_status ka_review_guess_sales(const ka_review_column *cols, size_t n, ka_review_guess *out);

/* Guesses the columns of an order log: the date is the column named like
 * a date ("Date", "Datums", "Дата"...) holding dates or numbers, else the
 * column with the most dates; the client as for ka_review_guess_sales
 * (never the date); the amount a numeric column named like an amount,
 * else the first numeric column after the client that is not the date
 * (-1 when none: the review counts orders only).  KA_ERR_ARG when n is 0
 * or no column holds dates (a log without dates), KA_ERR_NOMEM; *out is
 * then all -1. */
ka_status ka_review_guess_orders(const ka_review_column *cols, size_t n, ka_review_guess *out);

#endif
