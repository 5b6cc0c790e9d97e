/* ka_dossier.c - the client dossier: field tables, model, XML parse / serialise / validate,
 * DOSSIER() fields and overdue flags.  See ka_dossier.h and docs/dossier-format.md. */
#include "ka_dossier.h"

#include <stdarg.h>
#include <stdatomic.h>
#include <stdint.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>

#include <libxml/parser.h>
#include <libxml/relaxng.h>
#include <libxml/tree.h>
#include <libxml/xmlerror.h>
#include <libxml/xmlversion.h>

/* The schema src/ka_dossier.rng, embedded by tools/embed.py (build/gen/ka_dossier_rng.c). */
extern const char ka_dossier_rng[];
extern const size_t ka_dossier_rng_len;

/* libxml2 2.12 made the structured error handler take a const error. */
#if LIBXML_VERSION >= 21200
#define KA_XML_ERROR const xmlError
#else
#define KA_XML_ERROR xmlError
#endif

#define KA_COUNT(a) (sizeof(a) / sizeof((a)[0]))

/* ===== Tables ===== */

static const ka_dossier_enum_value account_types[] = {
    {"breadwinner", "Breadwinner (10% or more of our sales)"},
    {"perspective", "Perspective (new, large budget)"},
    {"image-maker", "Image-maker (known name, opens doors)"},
    {"expert", "Expert (raises our quality)"},
    {"innovator", "Innovator (takes new products first)"},
    {"demanding", "Demanding"},
    {NULL, NULL}};

static const ka_dossier_enum_value stages[] = {
    {"butterfly", "Butterfly (one buyer meets one seller)"},
    {"partnership", "Partnership (many contacts on both sides)"},
    {NULL, NULL}};

static const ka_dossier_enum_value yes_no_unknown[] = {
    {"yes", "Yes"}, {"no", "No"}, {"unknown", "Unknown"}, {NULL, NULL}};

static const ka_dossier_enum_value roles[] = {{"decision-maker", "Decision maker"},
                                              {"influencer", "Influencer"},
                                              {"gatekeeper", "Gatekeeper"},
                                              {"user", "User"},
                                              {"buyer", "Buyer"},
                                              {"initiator", "Initiator"},
                                              {NULL, NULL}};

static const ka_dossier_enum_value participations[] = {{"directly-involved", "Directly involved"},
                                                       {"interested", "Interested"},
                                                       {"obliged", "Obliged by position"},
                                                       {NULL, NULL}};

static const ka_dossier_enum_value entry_kinds[] = {{"delivery", "Delivery"},
                                                    {"order", "Order"},
                                                    {"tender", "Tender"},
                                                    {"meeting", "Meeting"},
                                                    {"call", "Call"},
                                                    {"complaint", "Complaint or nonconformity"},
                                                    {"satisfaction", "Satisfaction check"},
                                                    {"gift", "Gift"},
                                                    {"agreement", "Agreement"},
                                                    {NULL, NULL}};

static const ka_dossier_enum_value outcomes[] = {{"won", "Won"},
                                                 {"lost", "Lost"},
                                                 {"pending", "Pending"},
                                                 {"resolved", "Resolved"},
                                                 {"unresolved", "Unresolved"},
                                                 {NULL, NULL}};

static const ka_dossier_field_def identity_fields[] = {
    {.key = "id",
     .element = "id",
     .kind = KA_DOSSIER_TEXT,
     .flags = KA_DOSSIER_REQUIRED,
     .label = "Client id",
     .help = "The key the sheets use for this client, e.g. the customer number."},
    {.key = "name",
     .element = "name",
     .kind = KA_DOSSIER_TEXT,
     .flags = KA_DOSSIER_REQUIRED,
     .label = "Name",
     .help = "The client's name."},
    {.key = "industry",
     .element = "industry",
     .kind = KA_DOSSIER_TEXT,
     .label = "Industry",
     .help = "The business the client is in."},
    {.key = "employees",
     .element = "employees",
     .kind = KA_DOSSIER_INTEGER,
     .min = 0,
     .max = 100000000,
     .label = "Employees",
     .help = "Size of the client: number of employees."},
    {.key = "website",
     .element = "website",
     .kind = KA_DOSSIER_TEXT,
     .label = "Website",
     .help = "Address of the client's website (kept as text, never opened)."},
    {.key = "address",
     .element = "address",
     .kind = KA_DOSSIER_LONG_TEXT,
     .label = "Address",
     .help = "Postal address."},
    {.key = "description",
     .element = "description",
     .kind = KA_DOSSIER_LONG_TEXT,
     .label = "Business",
     .help = "What the client does and what is special about its business."},
    {.key = "history_text",
     .element = "development",
     .kind = KA_DOSSIER_LONG_TEXT,
     .label = "Development history",
     .help = "How the company came to be where it is."},
};

static const ka_dossier_field_def classification_fields[] = {
    {.key = "type",
     .element = "type",
     .kind = KA_DOSSIER_ENUM_LIST,
     .values = account_types,
     .label = "Key-account type",
     .help = "Why this client is a key account: one or more types."},
    {.key = "stage",
     .element = "stage",
     .kind = KA_DOSSIER_ENUM,
     .values = stages,
     .label = "Relationship stage",
     .help =
         "Butterfly: one buyer meets one seller; partnership: many contacts, open information."},
    {.key = "need",
     .element = "need",
     .kind = KA_DOSSIER_ENUM,
     .values = yes_no_unknown,
     .label = "Need",
     .help = "Does the client need what we offer?"},
    {.key = "solvency",
     .element = "solvency",
     .kind = KA_DOSSIER_ENUM,
     .values = yes_no_unknown,
     .label = "Solvency",
     .help = "Can the client pay for it?"},
    {.key = "authority",
     .element = "authority",
     .kind = KA_DOSSIER_ENUM,
     .values = yes_no_unknown,
     .label = "Authority",
     .help = "Do our contacts have the authority to decide?"},
    {.key = "manager",
     .element = "manager",
     .kind = KA_DOSSIER_TEXT,
     .label = "Account manager",
     .help = "Who on our side is responsible for this client."},
    {.key = "next_review",
     .element = "next-review",
     .kind = KA_DOSSIER_DATE,
     .label = "Next review",
     .help = "When this dossier and the plan are to be reviewed next (YYYY-MM-DD)."},
};

static const ka_dossier_field_def person_fields[] = {
    {.key = "name",
     .element = "name",
     .kind = KA_DOSSIER_TEXT,
     .flags = KA_DOSSIER_REQUIRED,
     .label = "Name",
     .help = "Full name."},
    {.key = "position",
     .element = "position",
     .kind = KA_DOSSIER_TEXT,
     .label = "Position",
     .help = "Job title."},
    {.key = "role",
     .element = "role",
     .kind = KA_DOSSIER_ENUM,
     .values = roles,
     .label = "Role",
     .help = "Role in the purchase decision."},
    {.key = "participation",
     .element = "participation",
     .kind = KA_DOSSIER_ENUM,
     .values = participations,
     .label = "Takes part as",
     .help = "Why the person takes part in the decision."},
    {.key = "motives",
     .element = "motives",
     .kind = KA_DOSSIER_LONG_TEXT,
     .label = "Motives",
     .help = "What drives this person, in business and personally."},
    {.key = "openness",
     .element = "openness",
     .kind = KA_DOSSIER_INTEGER,
     .min = 1,
     .max = 5,
     .label = "Openness",
     .help = "Openness to us: 1 (closed) to 5 (open)."},
    {.key = "familiarity",
     .element = "familiarity",
     .kind = KA_DOSSIER_INTEGER,
     .min = 1,
     .max = 5,
     .label = "Familiarity",
     .help = "Knows our product and field: 1 (not at all) to 5 (thoroughly)."},
    {.key = "dynamism",
     .element = "dynamism",
     .kind = KA_DOSSIER_INTEGER,
     .min = 1,
     .max = 5,
     .label = "Dynamism",
     .help = "Ability to persuade others: 1 (none) to 5 (strong)."},
    {.key = "authority",
     .element = "authority",
     .kind = KA_DOSSIER_INTEGER,
     .min = 1,
     .max = 5,
     .label = "Authority",
     .help = "High enough to decide: 1 (no say) to 5 (decides alone)."},
    {.key = "contact",
     .element = "contact",
     .kind = KA_DOSSIER_LONG_TEXT,
     .label = "Contact",
     .help = "Phone, e-mail, assistant: how to reach the person."},
    {.key = "birthday",
     .element = "birthday",
     .kind = KA_DOSSIER_DATE,
     .label = "Birthday",
     .help = "Date of birth (YYYY-MM-DD)."},
    {.key = "dates",
     .element = "dates",
     .kind = KA_DOSSIER_LONG_TEXT,
     .label = "Other dates",
     .help = "Other dates that matter to the person: name day, anniversaries."},
    {.key = "interests",
     .element = "interests",
     .kind = KA_DOSSIER_LONG_TEXT,
     .label = "Interests",
     .help = "Interests and hobbies."},
    {.key = "cuisine",
     .element = "cuisine",
     .kind = KA_DOSSIER_TEXT,
     .label = "Cuisine",
     .help = "Preferred cuisine."},
    {.key = "goal",
     .element = "goal",
     .kind = KA_DOSSIER_TEXT,
     .label = "Contact goal",
     .help = "Short-term goal for the contact, e.g. gather information, test an idea."},
    {.key = "notes",
     .element = "notes",
     .kind = KA_DOSSIER_LONG_TEXT,
     .label = "Notes",
     .help = "Anything else worth knowing."},
};

static const ka_dossier_field_def entry_fields[] = {
    {.key = "date",
     .element = "date",
     .kind = KA_DOSSIER_DATE,
     .flags = KA_DOSSIER_REQUIRED,
     .label = "Date",
     .help = "When it happened (YYYY-MM-DD)."},
    {.key = "kind",
     .element = "kind",
     .kind = KA_DOSSIER_ENUM,
     .flags = KA_DOSSIER_REQUIRED,
     .values = entry_kinds,
     .label = "Kind",
     .help = "What happened."},
    {.key = "outcome",
     .element = "outcome",
     .kind = KA_DOSSIER_ENUM,
     .values = outcomes,
     .label = "Outcome",
     .help = "A tender won or lost, a complaint resolved or not, or pending."},
    {.key = "amount",
     .element = "amount",
     .kind = KA_DOSSIER_DECIMAL,
     .label = "Amount",
     .help = "Money involved, e.g. 12500.00; needs a currency."},
    {.key = "currency",
     .element = "amount",
     .attribute = "currency",
     .kind = KA_DOSSIER_CURRENCY,
     .label = "Currency",
     .help = "ISO 4217 code of the amount, e.g. EUR."},
    {.key = "score",
     .element = "score",
     .kind = KA_DOSSIER_INTEGER,
     .min = 1,
     .max = 10,
     .label = "Score",
     .help = "Satisfaction check: 1 (very unhappy) to 10 (delighted)."},
    {.key = "note",
     .element = "note",
     .kind = KA_DOSSIER_LONG_TEXT,
     .label = "Note",
     .help = "Details: why a tender was won or lost, how a complaint was resolved, what bothers "
             "them."},
};

static const ka_dossier_field_def competitor_fields[] = {
    {.key = "name",
     .element = "name",
     .kind = KA_DOSSIER_TEXT,
     .flags = KA_DOSSIER_REQUIRED,
     .label = "Competitor",
     .help = "Who else is courting the client."},
    {.key = "offer",
     .element = "offer",
     .kind = KA_DOSSIER_LONG_TEXT,
     .label = "Offer",
     .help = "What they offer, on what terms."},
    {.key = "notes",
     .element = "notes",
     .kind = KA_DOSSIER_LONG_TEXT,
     .label = "What we know",
     .help = "Strengths, weaknesses, contacts."},
};

static const ka_dossier_field_def plan_fields[] = {
    {.key = "opportunities",
     .element = "opportunities",
     .kind = KA_DOSSIER_LONG_TEXT,
     .label = "Unused opportunities",
     .help = "Potential not yet used."},
    {.key = "client_gains",
     .element = "client-gains",
     .kind = KA_DOSSIER_LONG_TEXT,
     .label = "What the client gains",
     .help = "What the client gains from working with us."},
    {.key = "our_gains",
     .element = "our-gains",
     .kind = KA_DOSSIER_LONG_TEXT,
     .label = "What we gain",
     .help = "What we gain from the client besides sales."},
    {.key = "their_clients_gain",
     .element = "their-clients-gain",
     .kind = KA_DOSSIER_LONG_TEXT,
     .label = "What their clients gain",
     .help = "What the client's own clients gain."},
    {.key = "values",
     .element = "values",
     .kind = KA_DOSSIER_LONG_TEXT,
     .label = "Their values",
     .help = "The client's most important values."},
    {.key = "goals",
     .element = "goals",
     .kind = KA_DOSSIER_LONG_TEXT,
     .label = "Goals",
     .help = "Our goals with this client for the next period."},
};

static const ka_dossier_section_def sections[] = {
    {"identity", "identity", NULL, "Identity", "Who the client is.", identity_fields,
     KA_COUNT(identity_fields)},
    {"classification", "classification", NULL, "Classification",
     "What kind of key account, at which stage, and who looks after it.", classification_fields,
     KA_COUNT(classification_fields)},
    {"people", "people", "person", "Decision-making unit",
     "The people who take part in the client's purchase decisions.", person_fields,
     KA_COUNT(person_fields)},
    {"history", "history", "entry", "History",
     "What has happened between us: orders, tenders, meetings, complaints, satisfaction checks.",
     entry_fields, KA_COUNT(entry_fields)},
    {"competitors", "competitors", "competitor", "Competitors",
     "Who else is courting the client, with what offer.", competitor_fields,
     KA_COUNT(competitor_fields)},
    {"plan", "plan", NULL, "Potential and plan",
     "What is still possible, what each side gains, and the goals.", plan_fields,
     KA_COUNT(plan_fields)},
};

#define KA_NSECTIONS KA_COUNT(sections)

/* ===== Model ===== */

typedef struct ka_dossier_section_data {
    char **values;   /* section of simple fields: one string per field, NULL when unset */
    char ***records; /* record list: count records of nfields strings each */
    size_t count, cap;
} ka_dossier_section_data;

struct ka_dossier {
    ka_dossier_section_data data[KA_NSECTIONS];
};

/* ===== Small helpers ===== */

#if defined(__GNUC__)
__attribute__((format(printf, 1, 2)))
#endif
static char *
format_text(const char *fmt, ...)
{
    va_list ap;
    va_start(ap, fmt);
    int n = vsnprintf(NULL, 0, fmt, ap);
    va_end(ap);
    if (n < 0)
        return NULL;
    char *s = malloc((size_t)n + 1);
    if (!s)
        return NULL;
    va_start(ap, fmt);
    vsnprintf(s, (size_t)n + 1, fmt, ap);
    va_end(ap);
    return s;
}

/* Stores a reason for the caller unless it does not want one or one is already set. */
static void give_reason(char **reason, char *text)
{
    if (reason && !*reason)
        *reason = text;
    else
        free(text);
}

static size_t section_index(const ka_dossier_section_def *s)
{
    return (size_t)(s - sections);
}

static const ka_dossier_section_def *list_find(const char *key)
{
    const ka_dossier_section_def *s = ka_dossier_section_find(key);
    return s && s->record ? s : NULL;
}

static ptrdiff_t field_index(const ka_dossier_section_def *s, const char *key)
{
    for (size_t i = 0; key && i < s->nfields; i++)
        if (strcmp(s->fields[i].key, key) == 0)
            return (ptrdiff_t)i;
    return -1;
}

/* Days since 1970-01-01 of a valid date (proleptic Gregorian). */
static long days_from_civil(int y, int m, int d)
{
    y -= m <= 2;
    long era = (y >= 0 ? y : y - 399) / 400;
    long yoe = y - era * 400;
    long doy = (153L * (m + (m > 2 ? -3 : 9)) + 2) / 5 + d - 1;
    long doe = yoe * 365 + yoe / 4 - yoe / 100 + doy;
    return era * 146097 + doe - 719468;
}

/* Parses a strict "YYYY-MM-DD" (years 1-9999, a real calendar day); returns 1 and the day number
 * in *days when valid. */
static int date_parse(const char *s, long *days)
{
    static const int mdays[] = {31, 28, 31, 30, 31, 30, 31, 31, 30, 31, 30, 31};
    if (!s || strlen(s) != 10 || s[4] != '-' || s[7] != '-')
        return 0;
    for (int i = 0; i < 10; i++)
        if (i != 4 && i != 7 && (s[i] < '0' || s[i] > '9'))
            return 0;
    int y = (s[0] - '0') * 1000 + (s[1] - '0') * 100 + (s[2] - '0') * 10 + (s[3] - '0');
    int m = (s[5] - '0') * 10 + (s[6] - '0');
    int d = (s[8] - '0') * 10 + (s[9] - '0');
    if (y < 1 || m < 1 || m > 12 || d < 1)
        return 0;
    int leap = (y % 4 == 0 && y % 100 != 0) || y % 400 == 0;
    if (d > mdays[m - 1] + (m == 2 && leap))
        return 0;
    if (days)
        *days = days_from_civil(y, m, d);
    return 1;
}

/* Decodes one UTF-8 sequence of at most avail bytes at p into *c.  Returns its length, or 0 if
 * it is not valid UTF-8 (overlong forms, surrogates and values over U+10FFFF included). */
static size_t utf8_next(const unsigned char *p, size_t avail, uint32_t *c)
{
    size_t n;
    if (p[0] < 0x80) {
        *c = p[0];
        return 1;
    } else if (p[0] >= 0xC2 && p[0] <= 0xDF) {
        *c = p[0] & 0x1Fu;
        n = 2;
    } else if (p[0] >= 0xE0 && p[0] <= 0xEF) {
        *c = p[0] & 0x0Fu;
        n = 3;
    } else if (p[0] >= 0xF0 && p[0] <= 0xF4) {
        *c = p[0] & 0x07u;
        n = 4;
    } else {
        return 0;
    }
    if (avail < n)
        return 0;
    for (size_t i = 1; i < n; i++) {
        if ((p[i] & 0xC0) != 0x80)
            return 0;
        *c = (*c << 6) | (p[i] & 0x3Fu);
    }
    if ((n == 3 && *c < 0x800) || (n == 4 && (*c < 0x10000 || *c > 0x10FFFF)) ||
        (*c >= 0xD800 && *c <= 0xDFFF))
        return 0;
    return n;
}

/* Checks that s is UTF-8 of characters XML allows (tab, newline, carriage return, U+0020 and
 * above except surrogates, U+FFFE and U+FFFF).  Returns NULL when it is, else a malloc'ed reason
 * (or NULL when out of memory, with *nomem set). */
static char *text_problem(const char *s, int *nomem)
{
    const unsigned char *p = (const unsigned char *)s;
    size_t len = strlen(s);
    char *r = NULL;
    int bad = 0;
    for (size_t i = 0; i < len && !bad;) {
        uint32_t c;
        size_t n = utf8_next(p + i, len - i, &c);
        if (!n) {
            bad = 1;
            r = format_text("is not valid UTF-8 (byte %zu)", i + 1);
        } else if ((c < 0x20 && c != 0x9 && c != 0xA && c != 0xD) || c == 0xFFFE || c == 0xFFFF) {
            bad = 1;
            r = format_text("contains the character U+%04X, which XML does not allow", (unsigned)c);
        }
        i += n;
    }
    *nomem = bad && !r;
    return r;
}

/* A document must be UTF-8 without NUL bytes.  Checked before libxml2 runs, so that no byte-order
 * mark or encoding declaration makes it read another encoding, and the markup scan below sees the
 * characters the parser will see.  Returns NULL or a malloc'ed reason (*nomem set when that
 * allocation failed). */
static char *document_encoding_problem(const char *xml, size_t len, int *nomem)
{
    const unsigned char *p = (const unsigned char *)xml;
    long line = 1;
    char *r = NULL;
    *nomem = 0;
    for (size_t i = 0; i < len;) {
        uint32_t c;
        size_t n = p[i] ? utf8_next(p + i, len - i, &c) : 0;
        if (n) {
            line += p[i] == '\n';
            i += n;
            continue;
        }
        if (p[i])
            r = format_text("not well-formed XML at line %ld: not UTF-8 (byte %zu is 0x%02X)", line,
                            i + 1, p[i]);
        else
            r = format_text("not well-formed XML at line %ld: a NUL character (byte %zu)", line,
                            i + 1);
        *nomem = !r;
        break;
    }
    return r;
}

static const char *enum_find(const ka_dossier_enum_value *values, const char *v, size_t len)
{
    for (const ka_dossier_enum_value *e = values; e->value; e++)
        if (strlen(e->value) == len && memcmp(e->value, v, len) == 0)
            return e->value;
    return NULL;
}

/* "a, b, c" from a value table, for reasons.  malloc'ed, NULL when out of memory. */
static char *enum_choices(const ka_dossier_enum_value *values)
{
    size_t n = 1;
    for (const ka_dossier_enum_value *e = values; e->value; e++)
        n += strlen(e->value) + 2;
    char *s = malloc(n);
    if (!s)
        return NULL;
    s[0] = '\0';
    for (const ka_dossier_enum_value *e = values; e->value; e++) {
        if (e != values)
            strcat(s, ", ");
        strcat(s, e->value);
    }
    return s;
}

static char *enum_reason(const ka_dossier_enum_value *values, const char *prefix)
{
    char *choices = enum_choices(values);
    char *r = choices ? format_text("%smust be one of: %s", prefix, choices) : NULL;
    free(choices);
    return r;
}

/* Checks an ENUM_LIST value and writes its canonical form (values joined by ", ") to *canon
 * (malloc'ed).  Returns NULL when valid, else a malloc'ed reason. */
static char *enum_list_canonical(const ka_dossier_field_def *f, const char *v, char **canon,
                                 int *nomem)
{
    const char *chosen[32];
    size_t nchosen = 0, total = 1;
    const char *p = v;
    for (;;) {
        while (*p == ' ' || *p == '\t')
            p++;
        const char *end = p;
        while (*end && *end != ',')
            end++;
        const char *last = end;
        while (last > p && (last[-1] == ' ' || last[-1] == '\t'))
            last--;
        const char *value = last > p ? enum_find(f->values, p, (size_t)(last - p)) : NULL;
        int twice = 0;
        for (size_t i = 0; value && i < nchosen; i++)
            twice |= chosen[i] == value;
        char *r = NULL;
        if (last == p)
            r = format_text("has an empty item in its list");
        else if (!value)
            r = enum_reason(f->values, "items ");
        else if (twice)
            r = format_text("lists '%s' twice", value);
        else if (nchosen == KA_COUNT(chosen))
            r = format_text("lists too many values");
        if (last == p || !value || twice || nchosen == KA_COUNT(chosen)) {
            *nomem = !r;
            return r;
        }
        chosen[nchosen++] = value;
        total += strlen(value) + 2;
        if (!*end)
            break;
        p = end + 1;
    }
    char *s = malloc(total);
    if (!s) {
        *nomem = 1;
        return NULL;
    }
    s[0] = '\0';
    for (size_t i = 0; i < nchosen; i++) {
        if (i)
            strcat(s, ", ");
        strcat(s, chosen[i]);
    }
    if (canon)
        *canon = s;
    else
        free(s);
    return NULL;
}

/* Checks a non-empty value against a field's kind.  On success returns NULL and, when canon is
 * not NULL, stores the value to keep (malloc'ed) in *canon.  On failure returns a malloc'ed
 * reason that reads after the field's name, e.g. "must be a date YYYY-MM-DD"; when memory runs
 * out returns NULL with *nomem set. */
static char *value_problem(const ka_dossier_field_def *f, const char *v, char **canon, int *nomem)
{
    char *r = NULL;
    int bad = 0;
    *nomem = 0;
    switch (f->kind) {
    case KA_DOSSIER_TEXT:
    case KA_DOSSIER_LONG_TEXT:
        r = text_problem(v, nomem);
        bad = r || *nomem;
        break;
    case KA_DOSSIER_INTEGER: {
        size_t n = strlen(v);
        long long x = -1;
        if (n >= 1 && n <= 12 && strspn(v, "0123456789") == n && (v[0] != '0' || n == 1))
            x = atoll(v);
        bad = x < f->min || x > f->max;
        if (bad)
            r = format_text("must be a whole number from %ld to %ld, written with digits only",
                            f->min, f->max);
        break;
    }
    case KA_DOSSIER_DECIMAL: {
        const char *p = v + (*v == '-');
        size_t ip = strspn(p, "0123456789"), fp = 0;
        bad = ip < 1 || ip > 15;
        if (!bad && p[ip] == '.') {
            fp = strspn(p + ip + 1, "0123456789");
            bad = fp < 1 || fp > 6 || p[ip + 1 + fp] != '\0';
        } else if (!bad) {
            bad = p[ip] != '\0';
        }
        if (bad)
            r = format_text("must be an amount like 1250 or -99.95 (up to 15 digits, a dot, up "
                            "to 6 decimals)");
        break;
    }
    case KA_DOSSIER_CURRENCY:
        bad = strlen(v) != 3 || strspn(v, "ABCDEFGHIJKLMNOPQRSTUVWXYZ") != 3;
        if (bad)
            r = format_text("must be an ISO 4217 currency code of three capital letters, e.g. "
                            "EUR");
        break;
    case KA_DOSSIER_DATE:
        bad = !date_parse(v, NULL);
        if (bad)
            r = format_text("must be a date YYYY-MM-DD");
        break;
    case KA_DOSSIER_ENUM:
        bad = !enum_find(f->values, v, strlen(v));
        if (bad)
            r = enum_reason(f->values, "");
        break;
    case KA_DOSSIER_ENUM_LIST:
        /* Makes the canonical form itself. */
        r = enum_list_canonical(f, v, canon, nomem);
        return r;
    }
    if (bad) {
        *nomem = !r;
        return r;
    }
    if (canon) {
        *canon = strdup(v);
        *nomem = !*canon;
    }
    return NULL;
}

ka_status ka_dossier_check(const ka_dossier_field_def *field, const char *value, char **reason)
{
    if (reason)
        *reason = NULL;
    if (!field)
        return KA_ERR_ARG;
    if (field->flags & KA_DOSSIER_DERIVED) {
        give_reason(reason, format_text("'%s' is computed and cannot be set", field->key));
        return KA_ERR_ARG;
    }
    if (!value || !*value) {
        if (!(field->flags & KA_DOSSIER_REQUIRED))
            return KA_OK;
        give_reason(reason, format_text("'%s' is required", field->key));
        return KA_ERR_ARG;
    }
    int nomem;
    char *r = value_problem(field, value, NULL, &nomem);
    if (nomem)
        return KA_ERR_NOMEM;
    if (!r)
        return KA_OK;
    give_reason(reason, format_text("'%s' %s", field->key, r));
    free(r);
    return KA_ERR_ARG;
}

/* Replaces *slot with the checked, canonical form of value (NULL or "" unsets).  reason_prefix
 * starts the reason ("'stage' " or "element 'stage' invalid at line 7: "). */
static ka_status slot_set(char **slot, const ka_dossier_field_def *f, const char *value,
                          const char *reason_prefix, char **reason)
{
    char *canon = NULL;
    if (value && *value) {
        int nomem;
        char *r = value_problem(f, value, &canon, &nomem);
        if (nomem)
            return KA_ERR_NOMEM;
        if (r) {
            give_reason(reason, format_text("%s%s", reason_prefix, r));
            free(r);
            return KA_ERR_ARG;
        }
    }
    free(*slot);
    *slot = canon;
    return KA_OK;
}

/* ===== Tables: accessors ===== */

size_t ka_dossier_section_count(void)
{
    return KA_NSECTIONS;
}

const ka_dossier_section_def *ka_dossier_section_at(size_t i)
{
    return i < KA_NSECTIONS ? &sections[i] : NULL;
}

const ka_dossier_section_def *ka_dossier_section_find(const char *key)
{
    for (size_t i = 0; key && i < KA_NSECTIONS; i++)
        if (strcmp(sections[i].key, key) == 0)
            return &sections[i];
    return NULL;
}

const ka_dossier_field_def *ka_dossier_section_field(const ka_dossier_section_def *section,
                                                     const char *key)
{
    if (!section)
        return NULL;
    ptrdiff_t i = field_index(section, key);
    return i < 0 ? NULL : &section->fields[i];
}

/* The simple field with this key, and its section. */
static const ka_dossier_field_def *simple_find(const char *key, size_t *sec, size_t *idx)
{
    for (size_t s = 0; key && s < KA_NSECTIONS; s++) {
        if (sections[s].record)
            continue;
        ptrdiff_t i = field_index(&sections[s], key);
        if (i >= 0) {
            if (sec)
                *sec = s;
            if (idx)
                *idx = (size_t)i;
            return &sections[s].fields[i];
        }
    }
    return NULL;
}

/* ===== Life cycle ===== */

ka_dossier *ka_dossier_new(void)
{
    ka_dossier *d = calloc(1, sizeof *d);
    if (!d)
        return NULL;
    for (size_t s = 0; s < KA_NSECTIONS; s++) {
        if (sections[s].record)
            continue;
        d->data[s].values = calloc(sections[s].nfields, sizeof(char *));
        if (!d->data[s].values) {
            ka_dossier_free(d);
            return NULL;
        }
    }
    return d;
}

static void record_free(char **rec, size_t nfields)
{
    if (!rec)
        return;
    for (size_t i = 0; i < nfields; i++)
        free(rec[i]);
    free(rec);
}

void ka_dossier_free(ka_dossier *d)
{
    if (!d)
        return;
    for (size_t s = 0; s < KA_NSECTIONS; s++) {
        ka_dossier_section_data *sd = &d->data[s];
        if (sd->values)
            for (size_t i = 0; i < sections[s].nfields; i++)
                free(sd->values[i]);
        free(sd->values);
        for (size_t r = 0; r < sd->count; r++)
            record_free(sd->records[r], sections[s].nfields);
        free(sd->records);
    }
    free(d);
}

/* ===== Simple fields ===== */

ka_status ka_dossier_get(const ka_dossier *d, const char *key, const char **value)
{
    size_t s, i;
    if (value)
        *value = "";
    if (!d || !value || !simple_find(key, &s, &i))
        return KA_ERR_ARG;
    const char *v = d->data[s].values[i];
    *value = v ? v : "";
    return KA_OK;
}

ka_status ka_dossier_set(ka_dossier *d, const char *key, const char *value, char **reason)
{
    size_t s, i;
    if (reason)
        *reason = NULL;
    const ka_dossier_field_def *f = simple_find(key, &s, &i);
    if (!d)
        return KA_ERR_ARG;
    if (!f) {
        give_reason(reason, format_text("unknown field '%s'", key ? key : "(null)"));
        return KA_ERR_ARG;
    }
    char prefix[64];
    snprintf(prefix, sizeof prefix, "'%s' ", f->key);
    return slot_set(&d->data[s].values[i], f, value, prefix, reason);
}

/* ===== Record lists ===== */

ka_status ka_dossier_record_count(const ka_dossier *d, const char *list, size_t *count)
{
    const ka_dossier_section_def *s = list_find(list);
    if (count)
        *count = 0;
    if (!d || !count || !s)
        return KA_ERR_ARG;
    *count = d->data[section_index(s)].count;
    return KA_OK;
}

static ka_status record_append(ka_dossier_section_data *sd, size_t nfields)
{
    if (sd->count == sd->cap) {
        size_t cap = sd->cap ? sd->cap * 2 : 8;
        char ***grown = realloc(sd->records, cap * sizeof *grown);
        if (!grown)
            return KA_ERR_NOMEM;
        sd->records = grown;
        sd->cap = cap;
    }
    char **rec = calloc(nfields, sizeof(char *));
    if (!rec)
        return KA_ERR_NOMEM;
    sd->records[sd->count++] = rec;
    return KA_OK;
}

ka_status ka_dossier_record_add(ka_dossier *d, const char *list, size_t *index)
{
    const ka_dossier_section_def *s = list_find(list);
    if (!d || !s)
        return KA_ERR_ARG;
    ka_dossier_section_data *sd = &d->data[section_index(s)];
    ka_status st = record_append(sd, s->nfields);
    if (st == KA_OK && index)
        *index = sd->count - 1;
    return st;
}

ka_status ka_dossier_record_remove(ka_dossier *d, const char *list, size_t index)
{
    const ka_dossier_section_def *s = list_find(list);
    if (!d || !s || index >= d->data[section_index(s)].count)
        return KA_ERR_ARG;
    ka_dossier_section_data *sd = &d->data[section_index(s)];
    record_free(sd->records[index], s->nfields);
    memmove(&sd->records[index], &sd->records[index + 1],
            (sd->count - index - 1) * sizeof *sd->records);
    sd->count--;
    return KA_OK;
}

/* The slot of field key in record index, with its definition; NULL if any part is unknown. */
static char **record_slot(const ka_dossier *d, const char *list, size_t index, const char *key,
                          const ka_dossier_field_def **f)
{
    const ka_dossier_section_def *s = list_find(list);
    if (!d || !s || index >= d->data[section_index(s)].count)
        return NULL;
    ptrdiff_t i = field_index(s, key);
    if (i < 0)
        return NULL;
    *f = &s->fields[i];
    return &d->data[section_index(s)].records[index][i];
}

ka_status ka_dossier_record_get(const ka_dossier *d, const char *list, size_t index,
                                const char *key, const char **value)
{
    const ka_dossier_field_def *f;
    char **slot = record_slot(d, list, index, key, &f);
    if (value)
        *value = slot && *slot ? *slot : "";
    return slot && value ? KA_OK : KA_ERR_ARG;
}

ka_status ka_dossier_record_set(ka_dossier *d, const char *list, size_t index, const char *key,
                                const char *value, char **reason)
{
    const ka_dossier_field_def *f;
    if (reason)
        *reason = NULL;
    char **slot = record_slot(d, list, index, key, &f);
    if (!slot) {
        give_reason(reason, format_text("no field '%s' in record %zu of list '%s'",
                                        key ? key : "(null)", index, list ? list : "(null)"));
        return KA_ERR_ARG;
    }
    char prefix[64];
    snprintf(prefix, sizeof prefix, "'%s' ", f->key);
    return slot_set(slot, f, value, prefix, reason);
}

/* ===== Derived fields, overdue ===== */

static const char *record_value(const ka_dossier *d, const char *list, size_t index,
                                const char *key)
{
    const char *v = "";
    ka_dossier_record_get(d, list, index, key, &v);
    return v;
}

/* Index of the history entry with the latest date whose kind is one of kinds (NULL-terminated);
 * among equal dates the last one listed.  Returns 0 when there is none. */
static int latest_entry(const ka_dossier *d, const char *const *kinds, size_t *index)
{
    size_t n = 0;
    int found = 0;
    const char *best = NULL;
    ka_dossier_record_count(d, "history", &n);
    for (size_t i = 0; i < n; i++) {
        const char *kind = record_value(d, "history", i, "kind");
        const char *date = record_value(d, "history", i, "date");
        int match = 0;
        for (const char *const *k = kinds; *k; k++)
            match |= strcmp(*k, kind) == 0;
        if (!match || !*date)
            continue;
        if (!best || strcmp(date, best) >= 0) {
            best = date;
            *index = i;
            found = 1;
        }
    }
    return found;
}

static const char *const satisfaction_kinds[] = {"satisfaction", NULL};
static const char *const contact_kinds[] = {"meeting", "call", NULL};

static ka_status derive_people(const ka_dossier *d, const char *today, char **value)
{
    size_t n = 0;
    ka_dossier_record_count(d, "people", &n);
    *value = format_text("%zu", n);
    return *value ? KA_OK : KA_ERR_NOMEM;
}

static ka_status derive_decision_maker(const ka_dossier *d, const char *today, char **value)
{
    size_t n = 0;
    const char *name = "";
    ka_dossier_record_count(d, "people", &n);
    for (size_t i = 0; i < n && !*name; i++)
        if (strcmp(record_value(d, "people", i, "role"), "decision-maker") == 0)
            name = record_value(d, "people", i, "name");
    *value = strdup(name);
    return *value ? KA_OK : KA_ERR_NOMEM;
}

static ka_status derive_competitors(const ka_dossier *d, const char *today, char **value)
{
    size_t n = 0, total = 1;
    ka_dossier_record_count(d, "competitors", &n);
    for (size_t i = 0; i < n; i++)
        total += strlen(record_value(d, "competitors", i, "name")) + 2;
    char *s = malloc(total), *end = s;
    if (!s)
        return KA_ERR_NOMEM;
    for (size_t i = 0; i < n; i++) {
        const char *name = record_value(d, "competitors", i, "name");
        size_t len = strlen(name);
        if (!len)
            continue;
        if (end != s) {
            memcpy(end, ", ", 2);
            end += 2;
        }
        memcpy(end, name, len);
        end += len;
    }
    *end = '\0';
    *value = s;
    return KA_OK;
}

static ka_status derive_latest(const ka_dossier *d, const char *const *kinds, const char *key,
                               char **value)
{
    size_t i;
    *value = strdup(latest_entry(d, kinds, &i) ? record_value(d, "history", i, key) : "");
    return *value ? KA_OK : KA_ERR_NOMEM;
}

static ka_status derive_last_contact(const ka_dossier *d, const char *today, char **value)
{
    return derive_latest(d, contact_kinds, "date", value);
}

static ka_status derive_last_satisfaction(const ka_dossier *d, const char *today, char **value)
{
    return derive_latest(d, satisfaction_kinds, "date", value);
}

static ka_status derive_satisfaction(const ka_dossier *d, const char *today, char **value)
{
    return derive_latest(d, satisfaction_kinds, "score", value);
}

static ka_status derive_overdue(const ka_dossier *d, const char *today, char **value)
{
    unsigned flags;
    ka_status st = ka_dossier_overdue(d, today, &flags);
    if (st != KA_OK)
        return st;
    const char *text = flags == (KA_DOSSIER_OVERDUE_REVIEW | KA_DOSSIER_OVERDUE_SATISFACTION)
                           ? "review, satisfaction"
                       : flags == KA_DOSSIER_OVERDUE_REVIEW       ? "review"
                       : flags == KA_DOSSIER_OVERDUE_SATISFACTION ? "satisfaction"
                                                                  : "";
    *value = strdup(text);
    return *value ? KA_OK : KA_ERR_NOMEM;
}

typedef struct ka_dossier_derived {
    ka_dossier_field_def def;
    ka_status (*derive)(const ka_dossier *d, const char *today, char **value);
} ka_dossier_derived;

static const ka_dossier_derived derived[] = {
    {{.key = "people",
      .kind = KA_DOSSIER_INTEGER,
      .flags = KA_DOSSIER_DERIVED,
      .min = 0,
      .max = KA_DOSSIER_MAX_ELEMENTS,
      .label = "People",
      .help = "Number of people in the decision-making unit."},
     derive_people},
    {{.key = "decision_maker",
      .kind = KA_DOSSIER_TEXT,
      .flags = KA_DOSSIER_DERIVED,
      .label = "Decision maker",
      .help = "Name of the first person whose role is decision maker."},
     derive_decision_maker},
    {{.key = "competitors",
      .kind = KA_DOSSIER_TEXT,
      .flags = KA_DOSSIER_DERIVED,
      .label = "Competitors",
      .help = "Names of the competitors, joined by \", \"."},
     derive_competitors},
    {{.key = "last_contact",
      .kind = KA_DOSSIER_DATE,
      .flags = KA_DOSSIER_DERIVED,
      .label = "Last contact",
      .help = "Date of the latest meeting or call in the history."},
     derive_last_contact},
    {{.key = "last_satisfaction",
      .kind = KA_DOSSIER_DATE,
      .flags = KA_DOSSIER_DERIVED,
      .label = "Last satisfaction check",
      .help = "Date of the latest satisfaction check in the history."},
     derive_last_satisfaction},
    {{.key = "satisfaction",
      .kind = KA_DOSSIER_INTEGER,
      .flags = KA_DOSSIER_DERIVED,
      .min = 1,
      .max = 10,
      .label = "Satisfaction",
      .help = "Score (1-10) of the latest satisfaction check."},
     derive_satisfaction},
    {{.key = "overdue",
      .kind = KA_DOSSIER_TEXT,
      .flags = KA_DOSSIER_DERIVED,
      .label = "Overdue",
      .help = "\"review\" and/or \"satisfaction\" when due and not done, else empty."},
     derive_overdue},
};

size_t ka_dossier_derived_count(void)
{
    return KA_COUNT(derived);
}

const ka_dossier_field_def *ka_dossier_derived_at(size_t i)
{
    return i < KA_COUNT(derived) ? &derived[i].def : NULL;
}

static const ka_dossier_derived *derived_find(const char *key)
{
    for (size_t i = 0; key && i < KA_COUNT(derived); i++)
        if (strcmp(derived[i].def.key, key) == 0)
            return &derived[i];
    return NULL;
}

const ka_dossier_field_def *ka_dossier_key_find(const char *key)
{
    const ka_dossier_field_def *f = simple_find(key, NULL, NULL);
    const ka_dossier_derived *dv = f ? NULL : derived_find(key);
    return f ? f : dv ? &dv->def : NULL;
}

ka_status ka_dossier_field(const ka_dossier *d, const char *key, const char *today, char **value)
{
    if (!value)
        return KA_ERR_ARG;
    *value = NULL;
    if (!d)
        return KA_ERR_ARG;
    const ka_dossier_derived *dv = derived_find(key);
    if (dv)
        return dv->derive(d, today, value);
    const char *v;
    ka_status st = ka_dossier_get(d, key, &v);
    if (st != KA_OK)
        return st;
    *value = strdup(v);
    return *value ? KA_OK : KA_ERR_NOMEM;
}

ka_status ka_dossier_overdue(const ka_dossier *d, const char *today, unsigned *flags)
{
    long now, review, checked;
    const char *next;
    size_t i;
    if (flags)
        *flags = 0;
    if (!d || !flags || !date_parse(today, &now))
        return KA_ERR_ARG;
    ka_dossier_get(d, "next_review", &next);
    if (date_parse(next, &review) && review < now)
        *flags |= KA_DOSSIER_OVERDUE_REVIEW;
    if (!latest_entry(d, satisfaction_kinds, &i) ||
        !date_parse(record_value(d, "history", i, "date"), &checked) || now - checked > 365)
        *flags |= KA_DOSSIER_OVERDUE_SATISFACTION;
    return KA_OK;
}

/* ===== XML: parsing ===== */

/* What one parse collects: the first refusal or error, and the counters of the limits. */
typedef struct ka_dossier_parse_state {
    char *reason;
    int nomem;
    size_t elements, depth;
    startElementNsSAX2Func start;
    endElementNsSAX2Func end;
} ka_dossier_parse_state;

/* One line of a libxml2 message: without the trailing newline, inner newlines as spaces. */
static char *message_text(const char *msg)
{
    char *s = strdup(msg ? msg : "unknown error");
    if (!s)
        return NULL;
    size_t n = strlen(s);
    while (n && (s[n - 1] == '\n' || s[n - 1] == ' '))
        s[--n] = '\0';
    for (char *p = s; *p; p++)
        if (*p == '\n')
            *p = ' ';
    return s;
}

static void state_reason(ka_dossier_parse_state *st, char *text)
{
    if (!text)
        st->nomem = 1;
    if (st->reason)
        free(text);
    else
        st->reason = text;
}

/* Stops the parse for a refusal (DTD, limits) that the caller reports instead of any error. */
static void parse_refuse(xmlParserCtxtPtr ctxt, char *text)
{
    ka_dossier_parse_state *st = ctxt->_private;
    free(st->reason);
    st->reason = NULL;
    state_reason(st, text);
    ctxt->wellFormed = 0;
    xmlStopParser(ctxt);
}

/* Structured error handler of the parser context (sax->serror; data is ctxt->userData, which
 * libxml2 sets to the context itself). */
static void on_parse_error(void *data, KA_XML_ERROR *err)
{
    xmlParserCtxtPtr ctxt = data;
    ka_dossier_parse_state *st = ctxt->_private;
    if (err->code == XML_ERR_NO_MEMORY)
        st->nomem = 1;
    if (err->level < XML_ERR_ERROR || st->reason)
        return;
    char *msg = message_text(err->message);
    state_reason(st,
                 msg ? format_text("not well-formed XML at line %d: %s", err->line, msg) : NULL);
    free(msg);
}

static void on_internal_subset(void *ctx, const xmlChar *name, const xmlChar *public_id,
                               const xmlChar *system_id)
{
    parse_refuse(ctx, format_text("DTDs are not allowed"));
}

static void on_start_element(void *ctx, const xmlChar *localname, const xmlChar *prefix,
                             const xmlChar *uri, int nb_namespaces, const xmlChar **namespaces,
                             int nb_attributes, int nb_defaulted, const xmlChar **attributes)
{
    xmlParserCtxtPtr ctxt = ctx;
    ka_dossier_parse_state *st = ctxt->_private;
    if (++st->elements > KA_DOSSIER_MAX_ELEMENTS) {
        parse_refuse(ctxt, format_text("more than %d elements", KA_DOSSIER_MAX_ELEMENTS));
        return;
    }
    if (++st->depth > KA_DOSSIER_MAX_DEPTH) {
        parse_refuse(ctxt,
                     format_text("elements nested deeper than %d levels", KA_DOSSIER_MAX_DEPTH));
        return;
    }
    st->start(ctx, localname, prefix, uri, nb_namespaces, namespaces, nb_attributes, nb_defaulted,
              attributes);
}

static void on_end_element(void *ctx, const xmlChar *localname, const xmlChar *prefix,
                           const xmlChar *uri)
{
    xmlParserCtxtPtr ctxt = ctx;
    ka_dossier_parse_state *st = ctxt->_private;
    st->depth--;
    st->end(ctx, localname, prefix, uri);
}

/* Structured error handler of the RELAX NG parser and validator contexts. */
static void on_schema_error(void *data, KA_XML_ERROR *err)
{
    ka_dossier_parse_state *st = data;
    if (err->code == XML_ERR_NO_MEMORY)
        st->nomem = 1;
    if (err->level < XML_ERR_ERROR || st->reason)
        return;
    char *msg = message_text(err->message);
    xmlNodePtr node = err->node;
    if (!msg)
        state_reason(st, NULL);
    else if (node && node->type == XML_ELEMENT_NODE)
        state_reason(st, format_text("element '%s' invalid at line %ld: %s",
                                     (const char *)node->name, xmlGetLineNo(node), msg));
    else
        state_reason(st, format_text("not a valid dossier: %s", msg));
    free(msg);
}

/* Length of the literal s at p (0 if it is not there). */
static size_t starts_with(const char *p, const char *end, const char *s)
{
    size_t n = strlen(s);
    return (size_t)(end - p) >= n && memcmp(p, s, n) == 0 ? n : 0;
}

/* Position after the first terminator at or after p, or end. */
static const char *skip_past(const char *p, const char *end, const char *terminator)
{
    size_t n = strlen(terminator);
    for (; (size_t)(end - p) >= n; p++)
        if (memcmp(p, terminator, n) == 0)
            return p + n;
    return end;
}

/* One linear pass over the raw bytes before libxml2 sees them: refuses a DOCTYPE, and start tags
 * with more than KA_DOSSIER_MAX_ATTRIBUTES attributes (libxml2 2.9 checks duplicate attributes
 * and namespace declarations pairwise, so 100 000 of them take minutes).  Comments, CDATA
 * sections, processing instructions and quoted values are skipped as XML defines them; anything
 * malformed is left for the parser to report.  Returns NULL or a malloc'ed reason (*nomem set
 * when that allocation failed). */
static char *scan_markup(const char *xml, size_t len, int *nomem)
{
    const char *p = xml, *end = xml + len;
    long line = 1;
    char *r = NULL;
    int refused = 0;
    while (p < end) {
        const char *lt = memchr(p, '<', (size_t)(end - p));
        if (!lt)
            break;
        for (const char *q = p; q < lt; q++)
            line += *q == '\n';
        p = lt;
        const char *from = p;
        if (starts_with(p, end, "<!--"))
            p = skip_past(p + 4, end, "-->");
        else if (starts_with(p, end, "<![CDATA["))
            p = skip_past(p + 9, end, "]]>");
        else if (starts_with(p, end, "<?"))
            p = skip_past(p + 2, end, "?>");
        else if (starts_with(p, end, "<!DOCTYPE")) {
            refused = 1;
            r = format_text("DTDs are not allowed");
            break;
        } else {
            /* A start or end tag: count '=' outside quoted values up to the closing '>'. */
            size_t attributes = 0;
            char quote = 0;
            for (p++; p < end && (quote || *p != '>'); p++) {
                if (quote)
                    quote = *p == quote ? 0 : quote;
                else if (*p == '"' || *p == '\'')
                    quote = *p;
                else if (*p == '=')
                    attributes++;
            }
            if (attributes > KA_DOSSIER_MAX_ATTRIBUTES) {
                refused = 1;
                r = format_text("a start tag at line %ld has more than %d attributes", line,
                                KA_DOSSIER_MAX_ATTRIBUTES);
                break;
            }
            p += p < end;
        }
        for (const char *q = from; q < p; q++)
            line += *q == '\n';
    }
    *nomem = refused && !r;
    return r;
}

/* Reads xml into a tree, refusing DTDs and documents over the limits.  Returns the document or
 * NULL with a status and a reason. */
static xmlDocPtr read_document(const char *xml, size_t len, ka_status *status, char **reason)
{
    ka_dossier_parse_state st = {0};
    xmlInitParser();
    xmlParserCtxtPtr ctxt = xmlNewParserCtxt();
    if (!ctxt) {
        *status = KA_ERR_NOMEM;
        return NULL;
    }
    /* Everything per context: the SAX handler is the context's own copy. */
    ctxt->_private = &st;
    ctxt->sax->serror = on_parse_error;
    ctxt->sax->internalSubset = on_internal_subset;
    ctxt->sax->externalSubset = on_internal_subset;
    st.start = ctxt->sax->startElementNs;
    st.end = ctxt->sax->endElementNs;
    ctxt->sax->startElementNs = on_start_element;
    ctxt->sax->endElementNs = on_end_element;
    xmlDocPtr doc = xmlCtxtReadMemory(ctxt, xml, (int)len, NULL, "UTF-8",
                                      XML_PARSE_NONET | XML_PARSE_IGNORE_ENC | XML_PARSE_BIG_LINES);
    int well_formed = ctxt->wellFormed;
    xmlFreeParserCtxt(ctxt);
    if (doc && well_formed && !st.reason && !st.nomem) {
        *status = KA_OK;
        return doc;
    }
    xmlFreeDoc(doc);
    if (st.nomem) {
        free(st.reason);
        *status = KA_ERR_NOMEM;
        return NULL;
    }
    *status = KA_ERR_ARG;
    give_reason(reason, st.reason ? st.reason : format_text("not well-formed XML"));
    return NULL;
}

/* The embedded RELAX NG schema, compiled on first use (about 1.5 ms) and
 * kept: a compiled schema is only read by validation, each validation has a
 * context of its own.  A failed compilation is not kept, so the next call
 * tries again; of two threads compiling at once, the loser frees its copy.
 * ka_dossier_cleanup frees it. */
static xmlRelaxNGPtr _Atomic compiled_schema;

static xmlRelaxNGPtr schema_get(ka_dossier_parse_state *st)
{
    xmlRelaxNGPtr schema = atomic_load(&compiled_schema);
    if (schema)
        return schema;
    xmlRelaxNGParserCtxtPtr pctxt =
        xmlRelaxNGNewMemParserCtxt(ka_dossier_rng, (int)ka_dossier_rng_len);
    if (!pctxt) {
        st->nomem = 1;
        return NULL;
    }
    xmlRelaxNGSetParserStructuredErrors(pctxt, on_schema_error, st);
    schema = xmlRelaxNGParse(pctxt);
    xmlRelaxNGFreeParserCtxt(pctxt);
    if (!schema)
        return NULL;
    xmlRelaxNGPtr expected = NULL;
    if (!atomic_compare_exchange_strong(&compiled_schema, &expected, schema)) {
        xmlRelaxNGFree(schema);
        return expected;
    }
    return schema;
}

void ka_dossier_cleanup(void)
{
    xmlRelaxNGPtr schema = atomic_exchange(&compiled_schema, NULL);
    xmlRelaxNGFree(schema);
}

/* Validates a document against the embedded RELAX NG schema. */
static ka_status validate_tree(xmlDocPtr doc, char **reason)
{
    ka_dossier_parse_state st = {0};
    ka_status status = KA_ERR_NOMEM;
    xmlRelaxNGValidCtxtPtr vctxt = NULL;
    xmlRelaxNGPtr schema = schema_get(&st);
    if (st.nomem)
        goto done;
    if (!schema) {
        /* Only a broken build gets here; the unit tests compile the schema. */
        status = KA_ERR_ARG;
        give_reason(reason, format_text("internal error: the dossier schema does not compile: %s",
                                        st.reason ? st.reason : "unknown error"));
        goto done;
    }
    vctxt = xmlRelaxNGNewValidCtxt(schema);
    if (!vctxt)
        goto done;
    xmlRelaxNGSetValidStructuredErrors(vctxt, on_schema_error, &st);
    int rc = xmlRelaxNGValidateDoc(vctxt, doc);
    if (st.nomem)
        goto done;
    status = rc == 0 ? KA_OK : KA_ERR_ARG;
    if (rc != 0) {
        give_reason(reason, st.reason ? st.reason : format_text("not a valid dossier"));
        st.reason = NULL;
    }
done:
    free(st.reason);
    xmlRelaxNGFreeValidCtxt(vctxt);
    return status;
}

static int in_namespace(xmlNodePtr node)
{
    return node->ns && node->ns->href && strcmp((const char *)node->ns->href, KA_DOSSIER_NS) == 0;
}

static xmlNodePtr next_element(xmlNodePtr node)
{
    while (node && node->type != XML_ELEMENT_NODE)
        node = node->next;
    return node;
}

/* The root must be <dossier version="1"> in our namespace; checked before the schema so that the
 * reason names the real problem. */
static ka_status check_root(xmlDocPtr doc, char **reason)
{
    xmlNodePtr root = xmlDocGetRootElement(doc);
    char *r = NULL;
    if (!root)
        r = format_text("the document has no root element");
    else if (!root->ns || !root->ns->href)
        r = format_text("wrong namespace: the root element has none (expected '%s')",
                        KA_DOSSIER_NS);
    else if (!in_namespace(root))
        r = format_text("wrong namespace '%s' (expected '%s')", (const char *)root->ns->href,
                        KA_DOSSIER_NS);
    else if (strcmp((const char *)root->name, "dossier") != 0)
        r = format_text("the root element is '%s', not 'dossier'", (const char *)root->name);
    else {
        xmlChar *version = xmlGetNoNsProp(root, BAD_CAST "version");
        if (!version)
            r = format_text("the root element has no version attribute (expected version=\"%s\")",
                            KA_DOSSIER_VERSION);
        else if (strcmp((const char *)version, KA_DOSSIER_VERSION) != 0)
            r = format_text("unsupported version '%s' (this program reads version %s)",
                            (const char *)version, KA_DOSSIER_VERSION);
        xmlFree(version);
        if (!r)
            return KA_OK;
    }
    if (!r)
        return KA_ERR_NOMEM;
    give_reason(reason, r);
    return KA_ERR_ARG;
}

static int is_xml_space(char c)
{
    return c == ' ' || c == '\t' || c == '\n' || c == '\r';
}

/* The field holding the text of element el, or NULL. */
static const ka_dossier_field_def *text_field(const ka_dossier_section_def *s, const char *el,
                                              size_t *index)
{
    for (size_t i = 0; i < s->nfields; i++)
        if (!s->fields[i].attribute && strcmp(s->fields[i].element, el) == 0) {
            *index = i;
            return &s->fields[i];
        }
    return NULL;
}

/* Required fields present, and an element's attribute set exactly when its text is. */
static ka_status check_complete(const ka_dossier_section_def *s, char *const *values, size_t rec,
                                char **reason)
{
    char where[64] = "";
    if (s->record)
        snprintf(where, sizeof where, "%s %zu: ", s->record, rec + 1);
    for (size_t i = 0; i < s->nfields; i++) {
        const ka_dossier_field_def *f = &s->fields[i];
        char *r = NULL;
        size_t t;
        if ((f->flags & KA_DOSSIER_REQUIRED) && !values[i])
            r = format_text("%s'%s' is required", where, f->key);
        else if (f->attribute && text_field(s, f->element, &t) && !values[t] != !values[i])
            r = values[i] ? format_text("%s'%s' needs '%s'", where, f->key, s->fields[t].key)
                          : format_text("%s'%s' needs '%s'", where, s->fields[t].key, f->key);
        else
            continue;
        if (!r)
            return KA_ERR_NOMEM;
        give_reason(reason, r);
        return KA_ERR_ARG;
    }
    return KA_OK;
}

/* Every section and record complete (see check_complete). */
static ka_status model_check_complete(const ka_dossier *d, char **reason)
{
    for (size_t s = 0; s < KA_NSECTIONS; s++) {
        const ka_dossier_section_data *sd = &d->data[s];
        ka_status st = KA_OK;
        if (!sections[s].record)
            st = check_complete(&sections[s], sd->values, 0, reason);
        for (size_t r = 0; r < sd->count && st == KA_OK; r++)
            st = check_complete(&sections[s], sd->records[r], r, reason);
        if (st != KA_OK)
            return st;
    }
    return KA_OK;
}

/* Reads the fields of one section or record element into values[]. */
static ka_status fields_from_xml(xmlNodePtr parent, const ka_dossier_section_def *s, char **values,
                                 char **reason)
{
    for (size_t i = 0; i < s->nfields; i++) {
        const ka_dossier_field_def *f = &s->fields[i];
        char *text = NULL;
        xmlNodePtr where = NULL;
        /* A valid list holds each value at most once: one item more is enough to refuse it. */
        size_t items = 0, most = 1;
        for (const ka_dossier_enum_value *e = f->values; e && e->value; e++)
            most++;
        for (xmlNodePtr n = next_element(parent->children); n && items < most;
             n = next_element(n->next)) {
            if (!in_namespace(n) || strcmp((const char *)n->name, f->element) != 0)
                continue;
            xmlChar *part =
                f->attribute ? xmlGetNoNsProp(n, BAD_CAST f->attribute) : xmlNodeGetContent(n);
            if (!part && !f->attribute) {
                free(text);
                return KA_ERR_NOMEM;
            }
            if (!part)
                break;
            char *joined =
                text ? format_text("%s, %s", text, (const char *)part) : strdup((const char *)part);
            xmlFree(part);
            free(text);
            if (!joined)
                return KA_ERR_NOMEM;
            text = joined;
            where = n;
            items++;
            if (f->kind != KA_DOSSIER_ENUM_LIST)
                break;
        }
        if (!text)
            continue;
        const char *value = text;
        if (f->kind != KA_DOSSIER_TEXT && f->kind != KA_DOSSIER_LONG_TEXT) {
            /* The schema's datatypes collapse white space; so does the model. */
            size_t n = strlen(text);
            while (n && is_xml_space(text[n - 1]))
                text[--n] = '\0';
            while (is_xml_space(*value))
                value++;
        }
        char prefix[160];
        if (f->attribute)
            snprintf(prefix, sizeof prefix,
                     "attribute '%s' of element '%s' invalid at line %ld: ", f->attribute,
                     f->element, xmlGetLineNo(where));
        else
            snprintf(prefix, sizeof prefix, "element '%s' invalid at line %ld: ", f->element,
                     xmlGetLineNo(where));
        ka_status st = slot_set(&values[i], f, value, prefix, reason);
        free(text);
        if (st != KA_OK)
            return st;
    }
    return KA_OK;
}

/* Builds the model from the known elements of a tree (any tree: it runs before the schema). */
static ka_status model_from_tree(xmlDocPtr doc, ka_dossier **out, char **reason)
{
    ka_dossier *d = ka_dossier_new();
    if (!d)
        return KA_ERR_NOMEM;
    ka_status st = KA_OK;
    xmlNodePtr root = xmlDocGetRootElement(doc);
    for (xmlNodePtr sn = next_element(root->children); sn && st == KA_OK;
         sn = next_element(sn->next)) {
        const ka_dossier_section_def *s = NULL;
        for (size_t i = 0; i < KA_NSECTIONS && !s; i++)
            if (in_namespace(sn) && strcmp((const char *)sn->name, sections[i].element) == 0)
                s = &sections[i];
        if (!s)
            continue; /* the schema allows none; be safe anyway */
        ka_dossier_section_data *sd = &d->data[section_index(s)];
        if (!s->record) {
            st = fields_from_xml(sn, s, sd->values, reason);
            continue;
        }
        for (xmlNodePtr rn = next_element(sn->children); rn && st == KA_OK;
             rn = next_element(rn->next)) {
            st = record_append(sd, s->nfields);
            if (st == KA_OK)
                st = fields_from_xml(rn, s, sd->records[sd->count - 1], reason);
        }
    }
    if (st != KA_OK) {
        ka_dossier_free(d);
        return st;
    }
    *out = d;
    return KA_OK;
}

ka_status ka_dossier_parse(const char *xml, size_t len, ka_dossier **out, char **reason)
{
    if (reason)
        *reason = NULL;
    if (out)
        *out = NULL;
    if ((!xml && len) || !out) {
        give_reason(reason, format_text("no document given"));
        return KA_ERR_ARG;
    }
    if (len > KA_DOSSIER_MAX_BYTES) {
        give_reason(reason, format_text("larger than the 1 MB limit (%zu bytes, at most %zu)", len,
                                        KA_DOSSIER_MAX_BYTES));
        return KA_ERR_ARG;
    }
    int nomem;
    char *refusal = document_encoding_problem(xml ? xml : "", len, &nomem);
    if (!refusal && !nomem)
        refusal = scan_markup(xml ? xml : "", len, &nomem);
    if (refusal || nomem) {
        give_reason(reason, refusal);
        return nomem ? KA_ERR_NOMEM : KA_ERR_ARG;
    }
    ka_status st;
    xmlDocPtr doc = read_document(xml ? xml : "", len, &st, reason);
    if (!doc)
        return st;
    /* The model's own checks first: their reasons are precise ("'id' is required", "must be one
     * of: ..."); the schema then has the last word on everything, structure included. */
    ka_dossier *d = NULL;
    st = check_root(doc, reason);
    if (st == KA_OK)
        st = model_from_tree(doc, &d, reason);
    if (st == KA_OK)
        st = model_check_complete(d, reason);
    if (st == KA_OK)
        st = validate_tree(doc, reason);
    xmlFreeDoc(doc);
    if (st != KA_OK) {
        ka_dossier_free(d);
        return st;
    }
    *out = d;
    return KA_OK;
}

ka_status ka_dossier_validate(const char *xml, size_t len, char **reason)
{
    ka_dossier *d = NULL;
    ka_status st = ka_dossier_parse(xml, len, &d, reason);
    ka_dossier_free(d);
    return st;
}

/* ===== XML: writing ===== */

/* Writes the fields of one section or record under parent, in table order. */
static ka_status fields_to_xml(xmlNodePtr parent, xmlNsPtr ns, const ka_dossier_section_def *s,
                               char *const *values)
{
    for (size_t i = 0; i < s->nfields; i++) {
        const ka_dossier_field_def *f = &s->fields[i];
        if (f->attribute || !values[i])
            continue;
        if (f->kind == KA_DOSSIER_ENUM_LIST) {
            for (const char *p = values[i]; *p;) {
                size_t n = strcspn(p, ",");
                char item[64];
                snprintf(item, sizeof item, "%.*s", (int)n, p);
                if (!xmlNewTextChild(parent, ns, BAD_CAST f->element, BAD_CAST item))
                    return KA_ERR_NOMEM;
                p += n;
                p += strspn(p, ", ");
            }
            continue;
        }
        xmlNodePtr node = xmlNewTextChild(parent, ns, BAD_CAST f->element, BAD_CAST values[i]);
        if (!node)
            return KA_ERR_NOMEM;
        for (size_t j = 0; j < s->nfields; j++)
            if (s->fields[j].attribute && values[j] &&
                strcmp(s->fields[j].element, f->element) == 0 &&
                !xmlNewProp(node, BAD_CAST s->fields[j].attribute, BAD_CAST values[j]))
                return KA_ERR_NOMEM;
    }
    return KA_OK;
}

static int any_set(char *const *values, size_t n)
{
    for (size_t i = 0; i < n; i++)
        if (values[i])
            return 1;
    return 0;
}

static ka_status tree_from_model(const ka_dossier *d, xmlDocPtr doc)
{
    xmlNodePtr root = xmlNewDocNode(doc, NULL, BAD_CAST "dossier", NULL);
    if (!root)
        return KA_ERR_NOMEM;
    xmlDocSetRootElement(doc, root);
    xmlNsPtr ns = xmlNewNs(root, BAD_CAST KA_DOSSIER_NS, NULL);
    if (!ns || !xmlNewProp(root, BAD_CAST "version", BAD_CAST KA_DOSSIER_VERSION))
        return KA_ERR_NOMEM;
    xmlSetNs(root, ns);
    for (size_t s = 0; s < KA_NSECTIONS; s++) {
        const ka_dossier_section_def *sec = &sections[s];
        const ka_dossier_section_data *sd = &d->data[s];
        if (sec->record ? sd->count == 0 : !any_set(sd->values, sec->nfields))
            continue;
        xmlNodePtr sn = xmlNewChild(root, ns, BAD_CAST sec->element, NULL);
        if (!sn)
            return KA_ERR_NOMEM;
        if (!sec->record) {
            if (fields_to_xml(sn, ns, sec, sd->values) != KA_OK)
                return KA_ERR_NOMEM;
            continue;
        }
        for (size_t r = 0; r < sd->count; r++) {
            xmlNodePtr rn = xmlNewChild(sn, ns, BAD_CAST sec->record, NULL);
            if (!rn || fields_to_xml(rn, ns, sec, sd->records[r]) != KA_OK)
                return KA_ERR_NOMEM;
        }
    }
    return KA_OK;
}

ka_status ka_dossier_serialize(const ka_dossier *d, char **xml, size_t *len, char **reason)
{
    if (reason)
        *reason = NULL;
    if (xml)
        *xml = NULL;
    if (len)
        *len = 0;
    if (!d || !xml || !len)
        return KA_ERR_ARG;
    ka_status st = model_check_complete(d, reason);
    if (st != KA_OK)
        return st;
    xmlInitParser();
    xmlDocPtr doc = xmlNewDoc(BAD_CAST "1.0");
    if (!doc)
        return KA_ERR_NOMEM;
    st = tree_from_model(d, doc);
    xmlChar *mem = NULL;
    int size = 0;
    if (st == KA_OK)
        xmlDocDumpFormatMemoryEnc(doc, &mem, &size, "UTF-8", 1);
    xmlFreeDoc(doc);
    if (st != KA_OK || !mem || size < 0) {
        xmlFree(mem);
        return KA_ERR_NOMEM;
    }
    if ((size_t)size > KA_DOSSIER_MAX_BYTES) {
        xmlFree(mem);
        give_reason(reason, format_text("larger than the 1 MB limit (%d bytes, at most %zu)", size,
                                        KA_DOSSIER_MAX_BYTES));
        return KA_ERR_ARG;
    }
    char *out = malloc((size_t)size + 1);
    if (!out) {
        xmlFree(mem);
        return KA_ERR_NOMEM;
    }
    memcpy(out, mem, (size_t)size);
    out[size] = '\0';
    xmlFree(mem);
    st = ka_dossier_validate(out, (size_t)size, reason);
    if (st != KA_OK) {
        free(out);
        return st;
    }
    *xml = out;
    *len = (size_t)size;
    return KA_OK;
}
