/* ka_review_guess.c - the columns the review dialogs propose (see
 * ka_review_guess.h).
 *
 * Headers are compared as lower-case code points: each header is decoded
 * once into words (runs of letters) and numbers (runs of digits), and a
 * role's word list matches when a word of the header begins with one of
 * the list's stems ("klient" matches "Klients", "klienta"). */
#include "ka_review_guess.h"

#include <stdbool.h>
#include <stdint.h>
#include <stdlib.h>
#include <string.h>

/* A header longer than this is compared by its beginning only. */
#define MAX_CP 128
#define MAX_TOKENS 16

typedef struct token {
    const uint32_t *cp; /* into the header's code points */
    size_t len;
    bool digits; /* a number, else a word */
} token;

typedef struct header {
    uint32_t cp[MAX_CP];
    size_t ncp;
    token tok[MAX_TOKENS];
    size_t ntok;
} header;

/* The lower case of the capitals of the six languages' alphabets (Latin-1,
 * Latin Extended-A, Romanian's comma letters, Cyrillic); the Romanian
 * letters with a cedilla become those with a comma, as both are written. */
static uint32_t fold(uint32_t c)
{
    if ((c >= 'A' && c <= 'Z') || (c >= 0xC0 && c <= 0xDE && c != 0xD7))
        return c + 32;
    if (c == 0x15E || c == 0x15F)
        return 0x219; /* Ş ş -> ș */
    if (c == 0x162 || c == 0x163)
        return 0x21B; /* Ţ ţ -> ț */
    if (((c >= 0x100 && c <= 0x137) || (c >= 0x14A && c <= 0x177) || (c >= 0x218 && c <= 0x21B) ||
         (c >= 0x490 && c <= 0x4BF)) &&
        c % 2 == 0)
        return c + 1;
    if (((c >= 0x139 && c <= 0x148) || (c >= 0x179 && c <= 0x17E)) && c % 2 == 1)
        return c + 1;
    if (c >= 0x410 && c <= 0x42F)
        return c + 32;
    if (c >= 0x400 && c <= 0x40F)
        return c + 80;
    return c;
}

/* Decodes up to max code points of UTF-8 s into out, folded; an invalid
 * byte becomes U+FFFD.  Returns their number. */
static size_t decode(const char *s, uint32_t *out, size_t max)
{
    const unsigned char *p = (const unsigned char *)(s ? s : "");
    size_t n = 0;
    while (*p && n < max) {
        uint32_t c = *p++;
        int more = c >= 0xF0 ? 3 : c >= 0xE0 ? 2 : c >= 0xC0 ? 1 : 0;
        if (c >= 0x80 && more == 0)
            c = 0xFFFD;
        else if (more)
            c &= 0x3F >> more;
        for (; more > 0; more--) {
            if ((*p & 0xC0) != 0x80) {
                c = 0xFFFD;
                break;
            }
            c = c << 6 | (*p++ & 0x3F);
        }
        out[n++] = fold(c);
    }
    return n;
}

/* Letters: everything above ASCII counts (the alphabets of the six
 * languages), but the punctuation and spaces of Latin-1. */
static bool is_letter(uint32_t c)
{
    return (c >= 'a' && c <= 'z') || (c >= 0xC0 && c != 0xD7 && c != 0xF7 && c != 0xFFFD);
}

static bool is_digit(uint32_t c)
{
    return c >= '0' && c <= '9';
}

static void parse(const char *text, header *h)
{
    h->ncp = decode(text, h->cp, MAX_CP);
    h->ntok = 0;
    for (size_t i = 0; i < h->ncp && h->ntok < MAX_TOKENS;) {
        bool letter = is_letter(h->cp[i]), digit = is_digit(h->cp[i]);
        if (!letter && !digit) {
            i++;
            continue;
        }
        size_t j = i;
        while (j < h->ncp && (digit ? is_digit(h->cp[j]) : is_letter(h->cp[j])))
            j++;
        h->tok[h->ntok++] = (token){h->cp + i, j - i, digit};
        i = j;
    }
}

/* True when the UTF-8 word (lower case) begins with the token (prefix
 * true) or the token begins with the word (prefix false). */
static bool starts(const token *t, const char *word, bool prefix)
{
    uint32_t w[MAX_CP];
    size_t n = decode(word, w, MAX_CP);
    if (prefix ? t->len > n : n > t->len)
        return false;
    size_t m = prefix ? t->len : n;
    for (size_t i = 0; i < m; i++)
        if (t->cp[i] != w[i])
            return false;
    return true;
}

/* True when a word of h begins with a stem of the NULL-terminated list. */
static bool names(const header *h, const char *const *stems)
{
    for (size_t i = 0; i < h->ntok; i++)
        for (const char *const *s = stems; !h->tok[i].digits && *s; s++)
            if (starts(&h->tok[i], *s, false))
                return true;
    return false;
}

/* ---- the words of each role, in English, Latvian, Ukrainian, Slovenian,
 * Romanian and Tagalog (stems: a header word beginning with one matches) ---- */

static const char *const client_stems[] = {
    "client",  "customer", "account",    "id",       "buyer",      "klient",   "pircēj", "klienta",
    "клієнт",  "покупц",   "покупець",   "замовник", "контрагент", "stranka",  "kupec",  "odjemal",
    "cumpără", "cumpara",  "beneficiar", "kliyente", "kustomer",   "mamimili", "suki",   NULL};

static const char *const sales_stems[] = {
    "sales",  "revenue", "turnover", "total",  "sum",    "annual", "apgroz",  "pārdo",
    "ieņēm",  "summa",   "kopā",     "продаж", "виручк", "оборот", "сума",    "обсяг",
    "разом",  "всього",  "prodaj",   "promet", "prihod", "znesek", "skupaj",  "vânzăr",
    "vanzar", "cifr",    "venit",    "sumă",   "benta",  "kita",   "kabuuan", NULL};

static const char *const amount_stems[] = {
    "amount",  "sum",    "value",    "revenue", "sales", "net",     "summa",  "vērtīb", "сума",
    "вартіст", "znesek", "vrednost", "sumă",    "suma",  "valoare", "halaga", "benta",  NULL};

static const char *const date_stems[] = {"date",  "day",  "datum", "дата",  "data",
                                         "petsa", "araw", "diena", "dátum", NULL};

static const char *const group_stems[] = {
    "region",       "manager",     "segment",  "group",      "branch",    "country",
    "city",         "channel",     "industry", "sector",     "team",      "territor",
    "area",         "salesperson", "reģion",   "menedž",     "vadītāj",   "grup",
    "nozar",        "filiāl",      "valst",    "pilsēt",     "kanāl",     "регіон",
    "менеджер",     "сегмент",     "груп",     "галуз",      "філі",      "країн",
    "міст",         "канал",       "територ",  "відповідал", "regij",     "upravitelj",
    "vodj",         "skrbnik",     "skupin",   "panog",      "podružnic", "držav",
    "mest",         "kanal",       "področj",  "regiun",     "ramur",     "filial",
    "țar",          "oraș",        "canal",    "agent",      "zon",       "rehiyon",
    "tagapamahala", "grupo",       "sangay",   "bansa",      "lungsod",   "lalawigan",
    "ahente",       NULL};

static const char *const total_stems[] = {"total",  "grand",  "kopā",    "kopsumma",
                                          "разом",  "всього", "усього",  "підсум",
                                          "skupaj", "vsota",  "kabuuan", NULL};

/* The months, in full, in the six languages: a header word of at least
 * three letters that begins one of them is that month ("Jan", "janv.",
 * "лют"). */
static const char *const months[] = {
    "january",    "february",  "march",     "april",     "may",      "june",      "july",
    "august",     "september", "october",   "november",  "december", "janvāris",  "februāris",
    "marts",      "aprīlis",   "maijs",     "jūnijs",    "jūlijs",   "augusts",   "septembris",
    "oktobris",   "novembris", "decembris", "січень",    "лютий",    "березень",  "квітень",
    "травень",    "червень",   "липень",    "серпень",   "вересень", "жовтень",   "листопад",
    "грудень",    "januar",    "februar",   "marec",     "april",    "maj",       "junij",
    "julij",      "avgust",    "september", "oktober",   "november", "december",  "ianuarie",
    "februarie",  "martie",    "aprilie",   "mai",       "iunie",    "iulie",     "august",
    "septembrie", "octombrie", "noiembrie", "decembrie", "enero",    "pebrero",   "marso",
    "abril",      "mayo",      "hunyo",     "hulyo",     "agosto",   "setyembre", "oktubre",
    "nobyembre",  "disyembre", NULL};

/* Letters that number a period: quarter, month, period, half, week. */
static const char *const period_letters[] = {"q", "m", "p", "h", "w", "k", "кв", NULL};

static long number(const token *t)
{
    long v = 0;
    for (size_t i = 0; i < t->len && i < 9; i++)
        v = v * 10 + (long)(t->cp[i] - '0');
    return v;
}

static bool is_year(const token *t)
{
    return t->digits && t->len == 4 && number(t) >= 1900 && number(t) <= 2199;
}

static bool is_month_word(const token *t)
{
    if (t->digits || t->len < 3)
        return false;
    for (const char *const *m = months; *m; m++)
        if (starts(t, *m, true))
            return true;
    return false;
}

static bool is_period_letter(const token *t)
{
    for (const char *const *l = period_letters; !t->digits && *l; l++)
        if (starts(t, *l, false) && starts(t, *l, true))
            return true;
    return false;
}

static bool header_is_period(const header *h)
{
    const token *t = h->tok;
    size_t n = h->ntok, words = 0;
    for (size_t i = 0; i < n; i++)
        words += !t[i].digits;
    if (n == 0 || n > 3 || words > 1)
        return false;
    if (words == 1) {
        /* a month or a numbered period, with at most a year or a number */
        size_t w = 0;
        while (t[w].digits)
            w++;
        if (is_month_word(&t[w]))
            for (size_t i = 0; i < n; i++)
                if (i != w && t[i].len != 2 && !is_year(&t[i]))
                    return false;
        if (is_month_word(&t[w]))
            return n <= 2;
        if (!is_period_letter(&t[w]) || w + 1 >= n || t[w + 1].len > 2)
            return false;
        return n == 2 || is_year(&t[w == 0 ? 2 : 0]);
    }
    if (n == 1)
        return is_year(&t[0]);
    /* numbers only: a year and a month, or a date */
    size_t years = 0;
    for (size_t i = 0; i < n; i++)
        years += is_year(&t[i]);
    if (n == 2)
        return years == 1 && (is_year(&t[0]) ? t[1] : t[0]).len <= 2 &&
               number(is_year(&t[0]) ? &t[1] : &t[0]) >= 1 &&
               number(is_year(&t[0]) ? &t[1] : &t[0]) <= 12;
    for (size_t i = 0; i < n; i++)
        if (!is_year(&t[i]) && t[i].len > 2)
            return false;
    return years <= 1;
}

bool ka_review_is_period(const char *text)
{
    header h;
    parse(text, &h);
    return header_is_period(&h);
}

bool ka_review_is_total(const char *text)
{
    header h;
    parse(text, &h);
    return h.ntok > 0 && names(&h, total_stems);
}

/* ---- the columns ---- */

static bool numeric(const ka_review_column *c)
{
    return c->numbers > 0 && c->numbers >= c->texts && c->numbers >= c->dates;
}

static bool textual(const ka_review_column *c)
{
    return c->texts > 0 && c->texts >= c->numbers + c->dates;
}

static void clear(ka_review_guess *g)
{
    *g = (ka_review_guess){-1, -1, -1, 0, -1, -1, -1};
}

/* The headers of the block parsed (one per column), then the caller's
 * work; parsing each header once keeps the guess linear in the columns. */
typedef struct block {
    const ka_review_column *cols;
    size_t n;
    header *h;
} block;

static bool in_periods(const ka_review_guess *g, size_t i)
{
    return g->periods_count > 0 && (long)i >= g->periods_first &&
           (long)i < g->periods_first + g->periods_count;
}

/* The longest run of numeric columns for which accept(i) holds, at least
 * min long, into g's periods. */
static void longest_run(const block *b, bool (*accept)(const block *, size_t), long min,
                        ka_review_guess *g)
{
    long best = 0, best_first = -1;
    for (size_t i = 0; i < b->n;) {
        size_t j = i;
        while (j < b->n && numeric(&b->cols[j]) && accept(b, j))
            j++;
        if ((long)(j - i) > best)
            best = (long)(j - i), best_first = (long)i;
        i = j > i ? j : i + 1;
    }
    if (best >= min)
        g->periods_first = best_first, g->periods_count = best;
}

static bool period_header(const block *b, size_t i)
{
    return header_is_period(&b->h[i]);
}

/* A column without a header, or with a number as its header, that names
 * no role. */
static bool plain_header(const block *b, size_t i)
{
    const header *h = &b->h[i];
    for (size_t k = 0; k < h->ntok; k++)
        if (!h->tok[k].digits)
            return false;
    return true;
}

/* The client column: named like one (and not like a group: "Account
 * manager"), else the first text column, else the first that is not
 * excluded. */
static long guess_client(const block *b, long exclude1, long exclude2)
{
    for (size_t i = 0; i < b->n; i++)
        if ((long)i != exclude1 && (long)i != exclude2 && names(&b->h[i], client_stems) &&
            !names(&b->h[i], group_stems))
            return (long)i;
    for (size_t i = 0; i < b->n; i++)
        if ((long)i != exclude1 && (long)i != exclude2 && textual(&b->cols[i]))
            return (long)i;
    for (size_t i = 0; i < b->n; i++)
        if ((long)i != exclude1 && (long)i != exclude2)
            return (long)i;
    return -1;
}

static ka_status guess_sales(const block *b, ka_review_guess *g)
{
    longest_run(b, period_header, 3, g);
    if (g->periods_count == 0)
        longest_run(b, plain_header, 3, g);
    for (size_t i = 0; i < b->n && g->sales < 0; i++)
        if (numeric(&b->cols[i]) && !in_periods(g, i) && names(&b->h[i], sales_stems))
            g->sales = (long)i;
    g->client = guess_client(b, g->sales, -1);
    if (in_periods(g, (size_t)g->client))
        g->client = -1;
    for (size_t i = 0; i < b->n && g->sales < 0 && g->periods_count == 0; i++)
        if (numeric(&b->cols[i]) && (long)i != g->client)
            g->sales = (long)i;
    for (size_t i = 0; i < b->n && g->group < 0; i++)
        if ((long)i != g->client && textual(&b->cols[i]) && names(&b->h[i], group_stems))
            g->group = (long)i;
    return g->sales >= 0 || g->periods_count > 0 ? KA_OK : KA_ERR_ARG;
}

static ka_status guess_orders(const block *b, ka_review_guess *g)
{
    for (size_t i = 0; i < b->n && g->date < 0; i++)
        if (b->cols[i].dates > 0 && names(&b->h[i], date_stems))
            g->date = (long)i;
    for (size_t i = 0; i < b->n && !(g->date >= 0 && names(&b->h[g->date], date_stems)); i++)
        if (b->cols[i].dates > 0 && (g->date < 0 || b->cols[i].dates > b->cols[g->date].dates))
            g->date = (long)i;
    if (g->date < 0)
        return KA_ERR_ARG;
    g->client = guess_client(b, g->date, -1);
    for (size_t i = 0; i < b->n && g->amount < 0; i++)
        if ((long)i != g->client && (long)i != g->date && numeric(&b->cols[i]) &&
            names(&b->h[i], amount_stems))
            g->amount = (long)i;
    for (size_t i = g->client >= 0 ? (size_t)g->client + 1 : 0; i < b->n && g->amount < 0; i++)
        if ((long)i != g->date && numeric(&b->cols[i]))
            g->amount = (long)i;
    return KA_OK;
}

/* Parses the headers of cols and runs fn. */
static ka_status guess(const ka_review_column *cols, size_t n, ka_review_guess *out,
                       ka_status (*fn)(const block *, ka_review_guess *))
{
    clear(out);
    if (!cols || n == 0)
        return KA_ERR_ARG;
    block b = {cols, n < KA_REVIEW_MAX_COLUMNS ? n : KA_REVIEW_MAX_COLUMNS, NULL};
    b.h = malloc(b.n * sizeof *b.h);
    if (!b.h)
        return KA_ERR_NOMEM;
    for (size_t i = 0; i < b.n; i++)
        parse(cols[i].header, &b.h[i]);
    ka_status st = fn(&b, out);
    free(b.h);
    if (st != KA_OK)
        clear(out);
    return st;
}

ka_status ka_review_guess_sales(const ka_review_column *cols, size_t n, ka_review_guess *out)
{
    return guess(cols, n, out, guess_sales);
}

ka_status ka_review_guess_orders(const ka_review_column *cols, size_t n, ka_review_guess *out)
{
    return guess(cols, n, out, guess_orders);
}
