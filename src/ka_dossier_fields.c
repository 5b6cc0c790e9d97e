/* ka_dossier_fields.c - the dossier's field tables (sections, fields, enumerated values, derived
 * DOSSIER() fields) and the lookups over them.  Facts only: no model, no XML, no libxml2, so that
 * tools/ka_gen builds from this file alone.  See ka_dossier_fields.h. */
#include "ka_dossier_fields.h"

#include <string.h>

#include "ka_dossier.h"
#include "ka_dossier_private.h"

/* ===== Sections and their fields ===== */

static const ka_dossier_enum_value account_types[] = {
    {"breadwinner", "Breadwinner (10% or more of our sales)"},
    {"perspective", "Perspective (new, large budget)"},
    {"image-maker", "Image-maker (known name, opens doors)"},
    {"expert", "Expert (raises our quality)"},
    {"innovator", "Innovator (takes new products first)"},
    {"demanding", "Demanding"},
    {NULL, NULL}};

static const ka_dossier_enum_value stages[] = {
    {"butterfly", "One-to-one (butterfly)"},
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
     .help = "One-to-one (butterfly): one buyer meets one seller, trust is scarce; partnership: "
             "many contacts on both sides, open information."},
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
     .label = "Authority to decide",
     .help = "One of the three P's of a prospect: do our contacts have the authority to decide "
             "the purchase?"},
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
     .help = "Openness to us: 1 (closed) to 5 (open).",
     .low = "closed",
     .high = "open"},
    {.key = "familiarity",
     .element = "familiarity",
     .kind = KA_DOSSIER_INTEGER,
     .min = 1,
     .max = 5,
     .label = "Familiarity",
     .help = "Knows our product and field: 1 (not at all) to 5 (thoroughly).",
     .low = "not at all",
     .high = "thoroughly"},
    {.key = "dynamism",
     .element = "dynamism",
     .kind = KA_DOSSIER_INTEGER,
     .min = 1,
     .max = 5,
     .label = "Dynamism",
     .help = "Ability to persuade others: 1 (none) to 5 (strong).",
     .low = "none",
     .high = "strong"},
    {.key = "authority",
     .element = "authority",
     .kind = KA_DOSSIER_INTEGER,
     .min = 1,
     .max = 5,
     .label = "Personal authority",
     .help = "This person's say in the decision: 1 (no say) to 5 (decides alone).",
     .low = "no say",
     .high = "decides alone"},
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
     .help = "Satisfaction check: 1 (very unhappy) to 10 (delighted).",
     .low = "very unhappy",
     .high = "delighted"},
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

const ka_dossier_section_def ka_dossier_sections[KA_DOSSIER_NSECTIONS] = {
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

_Static_assert(KA_COUNT(ka_dossier_sections) == KA_DOSSIER_NSECTIONS, "KA_DOSSIER_NSECTIONS");

/* ===== Derived DOSSIER() fields: read-only, computed by ka_dossier_field ===== */

static const ka_dossier_field_def derived[KA_DOSSIER_DERIVED_COUNT] = {
    [KA_DOSSIER_DERIVED_PEOPLE] = {.key = "people",
                                   .kind = KA_DOSSIER_INTEGER,
                                   .flags = KA_DOSSIER_DERIVED,
                                   .min = 0,
                                   .max = KA_DOSSIER_MAX_ELEMENTS,
                                   .label = "People",
                                   .help = "Number of people in the decision-making unit."},
    [KA_DOSSIER_DERIVED_DECISION_MAKER] =
        {.key = "decision_maker",
         .kind = KA_DOSSIER_TEXT,
         .flags = KA_DOSSIER_DERIVED,
         .label = "Decision maker",
         .help = "Name of the first person whose role is decision maker."},
    [KA_DOSSIER_DERIVED_COMPETITORS] = {.key = "competitors",
                                        .kind = KA_DOSSIER_TEXT,
                                        .flags = KA_DOSSIER_DERIVED,
                                        .label = "Competitors",
                                        .help = "Names of the competitors, joined by \", \"."},
    [KA_DOSSIER_DERIVED_LAST_CONTACT] = {.key = "last_contact",
                                         .kind = KA_DOSSIER_DATE,
                                         .flags = KA_DOSSIER_DERIVED,
                                         .label = "Last contact",
                                         .help =
                                             "Date of the latest meeting or call in the history."},
    [KA_DOSSIER_DERIVED_LAST_SATISFACTION] =
        {.key = "last_satisfaction",
         .kind = KA_DOSSIER_DATE,
         .flags = KA_DOSSIER_DERIVED,
         .label = "Last satisfaction check",
         .help = "Date of the latest satisfaction check in the history."},
    [KA_DOSSIER_DERIVED_SATISFACTION] = {.key = "satisfaction",
                                         .kind = KA_DOSSIER_INTEGER,
                                         .flags = KA_DOSSIER_DERIVED,
                                         .min = 1,
                                         .max = 10,
                                         .label = "Satisfaction",
                                         .help = "Score (1-10) of the latest satisfaction check."},
    [KA_DOSSIER_DERIVED_OVERDUE] =
        {.key = "overdue",
         .kind = KA_DOSSIER_TEXT,
         .flags = KA_DOSSIER_DERIVED,
         .label = "Overdue",
         .help = "\"review\" when the review date has passed, \"satisfaction\" when the last "
                 "satisfaction check is over 365 days old, \"no-check-yet\" when there is none "
                 "(not overdue), joined by \", \"; else empty."},
};

/* ===== Lookups ===== */

size_t ka_dossier_section_count(void)
{
    return KA_DOSSIER_NSECTIONS;
}

const ka_dossier_section_def *ka_dossier_section_at(size_t i)
{
    return i < KA_DOSSIER_NSECTIONS ? &ka_dossier_sections[i] : NULL;
}

const ka_dossier_section_def *ka_dossier_section_find(const char *key)
{
    for (size_t i = 0; key && i < KA_DOSSIER_NSECTIONS; i++)
        if (strcmp(ka_dossier_sections[i].key, key) == 0)
            return &ka_dossier_sections[i];
    return NULL;
}

size_t ka_dossier_section_index(const ka_dossier_section_def *s)
{
    return (size_t)(s - ka_dossier_sections);
}

const ka_dossier_section_def *ka_dossier_list_find(const char *key)
{
    const ka_dossier_section_def *s = ka_dossier_section_find(key);
    return s && s->record ? s : NULL;
}

ptrdiff_t ka_dossier_field_index(const ka_dossier_section_def *s, const char *key)
{
    for (size_t i = 0; key && i < s->nfields; i++)
        if (strcmp(s->fields[i].key, key) == 0)
            return (ptrdiff_t)i;
    return -1;
}

const ka_dossier_field_def *ka_dossier_section_field(const ka_dossier_section_def *section,
                                                     const char *key)
{
    if (!section)
        return NULL;
    ptrdiff_t i = ka_dossier_field_index(section, key);
    return i < 0 ? NULL : &section->fields[i];
}

const ka_dossier_field_def *ka_dossier_simple_find(const char *key, size_t *sec, size_t *idx)
{
    for (size_t s = 0; key && s < KA_DOSSIER_NSECTIONS; s++) {
        if (ka_dossier_sections[s].record)
            continue;
        ptrdiff_t i = ka_dossier_field_index(&ka_dossier_sections[s], key);
        if (i >= 0) {
            if (sec)
                *sec = s;
            if (idx)
                *idx = (size_t)i;
            return &ka_dossier_sections[s].fields[i];
        }
    }
    return NULL;
}

size_t ka_dossier_derived_count(void)
{
    return KA_DOSSIER_DERIVED_COUNT;
}

const ka_dossier_field_def *ka_dossier_derived_at(size_t i)
{
    return i < KA_DOSSIER_DERIVED_COUNT ? &derived[i] : NULL;
}

int ka_dossier_derived_find(const char *key)
{
    for (int i = 0; key && i < KA_DOSSIER_DERIVED_COUNT; i++)
        if (strcmp(derived[i].key, key) == 0)
            return i;
    return -1;
}

const ka_dossier_field_def *ka_dossier_record_key(const char *key,
                                                  const ka_dossier_section_def **sec, size_t *index)
{
    const char *dot = key ? strchr(key, '.') : NULL;
    if (!dot || dot - key >= 32 || dot[1] < '1' || dot[1] > '9')
        return NULL;
    char list[32];
    memcpy(list, key, (size_t)(dot - key));
    list[dot - key] = '\0';
    size_t n = 0;
    const char *p = dot + 1;
    for (; *p >= '0' && *p <= '9' && n <= KA_DOSSIER_MAX_ELEMENTS; p++)
        n = n * 10 + (size_t)(*p - '0');
    const ka_dossier_section_def *s = ka_dossier_list_find(list);
    const ka_dossier_field_def *f =
        *p == '.' && n <= KA_DOSSIER_MAX_ELEMENTS ? ka_dossier_section_field(s, p + 1) : NULL;
    if (f && sec)
        *sec = s;
    if (f && index)
        *index = n - 1;
    return f;
}

const ka_dossier_field_def *ka_dossier_key_find(const char *key)
{
    const ka_dossier_field_def *f = ka_dossier_simple_find(key, NULL, NULL);
    if (!f)
        f = ka_dossier_record_key(key, NULL, NULL);
    int dv = f ? -1 : ka_dossier_derived_find(key);
    return f ? f : dv >= 0 ? &derived[dv] : NULL;
}
