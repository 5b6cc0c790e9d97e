/* test_dossier.c - unit tests of the client dossier (src/ka_dossier.h): tables, values, records,
 * DOSSIER() fields, overdue flags, XML round trips, and hostile documents. */
#include "ka_test.h"

#include <fcntl.h>
#include <string.h>
#include <time.h>
#include <unistd.h>

#include <libxml/parser.h>
#include <libxml/relaxng.h>
#include <libxml/tree.h>

#include "ka_dossier.h"
#include "ka_i18n.h"

extern const char ka_dossier_rng[];
extern const size_t ka_dossier_rng_len;

/* A hang guard, not a performance test (make bench measures speed): a parse of a hostile
 * document must end within this time (ms), which a loaded machine meets many times over while a
 * quadratic or exponential case takes minutes.  Valgrind runs everything some 30 times slower. */
#define HOSTILE_MS (30000.0 * slowdown())
/* The same guard for work that must not parse at all (refused by a size cap first). */
#define REFUSE_MS (5000.0 * slowdown())

static double slowdown(void)
{
    const char *preload = getenv("LD_PRELOAD");
    return preload && strstr(preload, "vgpreload") ? 20.0 : 1.0;
}

/* ---------- helpers ---------- */

static double now_ms(void)
{
    struct timespec t;
    clock_gettime(CLOCK_MONOTONIC, &t);
    return t.tv_sec * 1e3 + t.tv_nsec / 1e6;
}

static void set_ok(ka_dossier *d, const char *key, const char *value)
{
    char *reason = NULL;
    ka_status st = ka_dossier_set(d, key, value, NULL, &reason);
    if (st != KA_OK)
        fail_msg("set %s = '%s': %d %s", key, value, st, reason ? reason : "");
    assert_null(reason);
}

static void rec_ok(ka_dossier *d, const char *list, size_t i, const char *key, const char *value)
{
    char *reason = NULL;
    ka_status st = ka_dossier_record_set(d, list, i, key, value, NULL, &reason);
    if (st != KA_OK)
        fail_msg("%s[%zu].%s = '%s': %d %s", list, i, key, value, st, reason ? reason : "");
}

static size_t add_ok(ka_dossier *d, const char *list)
{
    size_t i = 99;
    assert_int_equal(ka_dossier_record_add(d, list, &i), KA_OK);
    return i;
}

static const char *get(const ka_dossier *d, const char *key)
{
    const char *v = NULL;
    assert_int_equal(ka_dossier_get(d, key, &v), KA_OK);
    return v;
}

static const char *rget(const ka_dossier *d, const char *list, size_t i, const char *key)
{
    const char *v = NULL;
    assert_int_equal(ka_dossier_record_get(d, list, i, key, &v), KA_OK);
    return v;
}

/* Fails unless setting key to value is refused with a reason containing part, leaving the old
 * value. */
static void set_refused(ka_dossier *d, const char *key, const char *value, const char *part)
{
    char *reason = NULL;
    char *before = strdup(get(d, key));
    assert_int_equal(ka_dossier_set(d, key, value, NULL, &reason), KA_ERR_ARG);
    assert_non_null(reason);
    if (!strstr(reason, part))
        fail_msg("set %s = '%s': reason '%s' lacks '%s'", key, value, reason, part);
    assert_string_equal(get(d, key), before);
    free(before);
    free(reason);
}

static char *field_text(const ka_dossier *d, const char *key, const char *today)
{
    char *v = NULL;
    assert_int_equal(ka_dossier_field(d, key, today, &v), KA_OK);
    assert_non_null(v);
    return v;
}

static void assert_field(const ka_dossier *d, const char *key, const char *today, const char *want)
{
    char *v = field_text(d, key, today);
    assert_string_equal(v, want);
    free(v);
}

/* Serialises d (which must succeed), returning the malloc'ed document. */
static char *serialize_ok(const ka_dossier *d, size_t *len)
{
    char *xml = NULL, *reason = NULL;
    ka_status st = ka_dossier_serialize(d, &xml, len, NULL, &reason);
    if (st != KA_OK)
        fail_msg("serialize: %d %s", st, reason ? reason : "");
    assert_non_null(xml);
    assert_int_equal(strlen(xml), *len);
    return xml;
}

static ka_dossier *parse_ok(const char *xml, size_t len)
{
    ka_dossier *d = NULL;
    char *reason = NULL;
    ka_status st = ka_dossier_parse(xml, len, &d, NULL, &reason);
    if (st != KA_OK)
        fail_msg("parse: %d %s", st, reason ? reason : "");
    assert_null(reason);
    assert_non_null(d);
    return d;
}

/* Fails unless every field of every section and record of a and b is equal byte for byte. */
static void assert_same_dossier(const ka_dossier *a, const ka_dossier *b)
{
    for (size_t s = 0; s < ka_dossier_section_count(); s++) {
        const ka_dossier_section_def *sec = ka_dossier_section_at(s);
        if (!sec->record) {
            for (size_t f = 0; f < sec->nfields; f++) {
                const char *va = get(a, sec->fields[f].key), *vb = get(b, sec->fields[f].key);
                if (strlen(va) != strlen(vb) || memcmp(va, vb, strlen(va)) != 0)
                    fail_msg("%s: '%s' != '%s'", sec->fields[f].key, va, vb);
            }
            continue;
        }
        size_t na = 0, nb = 0;
        assert_int_equal(ka_dossier_record_count(a, sec->key, &na), KA_OK);
        assert_int_equal(ka_dossier_record_count(b, sec->key, &nb), KA_OK);
        assert_int_equal(na, nb);
        for (size_t r = 0; r < na; r++)
            for (size_t f = 0; f < sec->nfields; f++) {
                const char *va = rget(a, sec->key, r, sec->fields[f].key);
                const char *vb = rget(b, sec->key, r, sec->fields[f].key);
                if (strlen(va) != strlen(vb) || memcmp(va, vb, strlen(va)) != 0)
                    fail_msg("%s[%zu].%s: '%s' != '%s'", sec->key, r, sec->fields[f].key, va, vb);
            }
    }
}

/* A realistic profile with Latvian, Ukrainian, Slovenian, Romanian and Tagalog text. */
static ka_dossier *realistic_profile(void)
{
    ka_dossier *d = ka_dossier_new();
    assert_non_null(d);
    set_ok(d, "id", "LV-0042");
    set_ok(d, "name", "SIA Ķegums Enerģija");
    set_ok(d, "industry", "Hydro-power equipment and maintenance");
    set_ok(d, "employees", "240");
    set_ok(d, "website", "https://kegums-energija.example.lv");
    set_ok(d, "address", "Jomas iela 1\nJūrmala, LV-2015\nLatvija");
    set_ok(d, "description",
           "Services turbines on the Daugava (Ķegums, Pļaviņas, Rīga plants); "
           "buys spare parts twice a year & expects delivery < 6 weeks.");
    set_ok(d, "history_text", "Founded 1998 in Ķegums; opened a service base in Jūrmala in 2016.");
    set_ok(d, "type", "breadwinner, image-maker");
    set_ok(d, "stage", "partnership");
    set_ok(d, "need", "yes");
    set_ok(d, "solvency", "yes");
    set_ok(d, "authority", "unknown");
    set_ok(d, "manager", "Ștefan Țară (Brașov office)");
    set_ok(d, "next_review", "2025-03-01");
    set_ok(d, "opportunities", "Spare-parts framework agreement; training for the Київ team.");
    set_ok(d, "client_gains", "Fewer outages; one supplier for Ķegums and Jūrmala.");
    set_ok(d, "our_gains", "Reference customer in the Baltics.");
    set_ok(d, "their_clients_gain", "Stable electricity prices.");
    set_ok(d, "values", "Reliability, punctuality, safety.");
    set_ok(d, "goals", "Sign the framework agreement by 2025-06-30.");

    size_t p = add_ok(d, "people");
    rec_ok(d, "people", p, "name", "Григорій Сковорода");
    rec_ok(d, "people", p, "position", "Procurement director, Київ branch");
    rec_ok(d, "people", p, "role", "decision-maker");
    rec_ok(d, "people", p, "participation", "directly-involved");
    rec_ok(d, "people", p, "motives", "Wants fewer suppliers; personally values long friendships.");
    rec_ok(d, "people", p, "openness", "4");
    rec_ok(d, "people", p, "familiarity", "3");
    rec_ok(d, "people", p, "dynamism", "5");
    rec_ok(d, "people", p, "authority", "5");
    rec_ok(d, "people", p, "contact", "+380 44 000 0000\nh.skovoroda@example.ua");
    rec_ok(d, "people", p, "birthday", "1972-12-03");
    rec_ok(d, "people", p, "dates", "Name day: 2025-01-22");
    rec_ok(d, "people", p, "interests", "Philosophy, hiking in the Carpathians");
    rec_ok(d, "people", p, "cuisine", "Ukrainian (борщ, вареники)");
    rec_ok(d, "people", p, "goal", "Test the idea of a framework agreement");
    rec_ok(d, "people", p, "notes", "Prefers meetings in Київ, not video calls.");
    p = add_ok(d, "people");
    rec_ok(d, "people", p, "name", "Maria Dela Cruz");
    rec_ok(d, "people", p, "position", "Operations manager, Parañaque office");
    rec_ok(d, "people", p, "role", "user");
    rec_ok(d, "people", p, "participation", "interested");
    rec_ok(d, "people", p, "openness", "5");
    rec_ok(d, "people", p, "cuisine", "Filipino");
    rec_ok(d, "people", p, "notes", "Greets visitors with \"Maligayang pagdating!\"");
    p = add_ok(d, "people");
    rec_ok(d, "people", p, "name", "Janez Šmarje");
    rec_ok(d, "people", p, "position", "Chief engineer");
    rec_ok(d, "people", p, "role", "influencer");
    rec_ok(d, "people", p, "participation", "obliged");
    rec_ok(d, "people", p, "familiarity", "5");
    rec_ok(d, "people", p, "interests", "Cycling from Šmarje to Čačak");

    size_t h = add_ok(d, "history");
    rec_ok(d, "history", h, "date", "2023-04-12");
    rec_ok(d, "history", h, "kind", "tender");
    rec_ok(d, "history", h, "outcome", "won");
    rec_ok(d, "history", h, "amount", "125000.00");
    rec_ok(d, "history", h, "currency", "EUR");
    rec_ok(d, "history", h, "note", "Won on delivery time, not price.");
    h = add_ok(d, "history");
    rec_ok(d, "history", h, "date", "2023-09-01");
    rec_ok(d, "history", h, "kind", "complaint");
    rec_ok(d, "history", h, "outcome", "resolved");
    rec_ok(d, "history", h, "note", "Wrong seals delivered to Čačak; replaced within 3 days.");
    h = add_ok(d, "history");
    rec_ok(d, "history", h, "date", "2024-02-10");
    rec_ok(d, "history", h, "kind", "satisfaction");
    rec_ok(d, "history", h, "score", "8");
    rec_ok(d, "history", h, "note", "Happy overall; invoices in Latvian only would help.");
    h = add_ok(d, "history");
    rec_ok(d, "history", h, "date", "2024-05-20");
    rec_ok(d, "history", h, "kind", "meeting");
    rec_ok(d, "history", h, "note", "Visit in Jūrmala with Ștefan.");
    h = add_ok(d, "history");
    rec_ok(d, "history", h, "date", "2024-06-01");
    rec_ok(d, "history", h, "kind", "order");
    rec_ok(d, "history", h, "amount", "48000.5");
    rec_ok(d, "history", h, "currency", "EUR");

    size_t c = add_ok(d, "competitors");
    rec_ok(d, "competitors", c, "name", "Brașov Tehnic SRL");
    rec_ok(d, "competitors", c, "offer", "10% cheaper seals, 10-week delivery.");
    rec_ok(d, "competitors", c, "notes", "Strong in Romania; no service base in the Baltics.");
    c = add_ok(d, "competitors");
    rec_ok(d, "competitors", c, "name", "Parañaque Industrial Supply");
    return d;
}

/* Reads a whole file (malloc'ed, NUL-terminated). */
static char *read_file(const char *path, size_t *len)
{
    FILE *f = fopen(path, "rb");
    if (!f)
        return NULL;
    fseek(f, 0, SEEK_END);
    long n = ftell(f);
    fseek(f, 0, SEEK_SET);
    char *s = malloc((size_t)n + 1);
    assert_non_null(s);
    assert_int_equal(fread(s, 1, (size_t)n, f), (size_t)n);
    s[n] = '\0';
    fclose(f);
    *len = (size_t)n;
    return s;
}

/* ---------- tables ---------- */

static void test_tables_are_consistent(void **state)
{
    assert_int_equal(ka_dossier_section_count(), 6);
    assert_null(ka_dossier_section_at(6));
    assert_null(ka_dossier_derived_at(ka_dossier_derived_count()));
    assert_null(ka_dossier_section_find("nope"));
    for (size_t s = 0; s < ka_dossier_section_count(); s++) {
        const ka_dossier_section_def *sec = ka_dossier_section_at(s);
        assert_ptr_equal(ka_dossier_section_find(sec->key), sec);
        assert_true(sec->label && *sec->label && sec->help && *sec->help);
        for (size_t f = 0; f < sec->nfields; f++) {
            const ka_dossier_field_def *fd = &sec->fields[f];
            assert_ptr_equal(ka_dossier_section_field(sec, fd->key), fd);
            assert_true(fd->element && fd->label && *fd->label && fd->help && *fd->help);
            assert_false(fd->flags & KA_DOSSIER_DERIVED);
            if (fd->kind == KA_DOSSIER_ENUM || fd->kind == KA_DOSSIER_ENUM_LIST)
                assert_true(fd->values && fd->values[0].value && fd->values[0].label);
            else
                assert_null(fd->values);
            if (fd->kind == KA_DOSSIER_INTEGER)
                assert_true(fd->min <= fd->max);
            /* An attribute lives on an element whose text is another field. */
            if (fd->attribute) {
                int found = 0;
                for (size_t g = 0; g < sec->nfields; g++)
                    found |= !sec->fields[g].attribute &&
                             strcmp(sec->fields[g].element, fd->element) == 0;
                assert_true(found);
            }
            /* Simple fields are DOSSIER() keys: unique across the simple sections. */
            if (!sec->record)
                assert_ptr_equal(ka_dossier_key_find(fd->key), fd);
        }
    }
    /* Derived keys clash with no simple key, and each has its function (its definition and its
     * function are in two tables, ka_dossier_fields.c and ka_dossier.c). */
    ka_dossier *empty = ka_dossier_new();
    for (size_t i = 0; i < ka_dossier_derived_count(); i++) {
        const ka_dossier_field_def *fd = ka_dossier_derived_at(i);
        assert_true(fd->flags & KA_DOSSIER_DERIVED);
        assert_null(fd->element);
        assert_ptr_equal(ka_dossier_key_find(fd->key), fd);
        char *v = NULL;
        assert_int_equal(ka_dossier_field(empty, fd->key, "2025-01-01", &v), KA_OK);
        assert_non_null(v);
        free(v);
    }
    ka_dossier_free(empty);
    /* The keys the contract names exist, with the expected kinds. */
    assert_int_equal(ka_dossier_key_find("manager")->kind, KA_DOSSIER_TEXT);
    assert_int_equal(ka_dossier_key_find("type")->kind, KA_DOSSIER_ENUM_LIST);
    assert_int_equal(ka_dossier_key_find("next_review")->kind, KA_DOSSIER_DATE);
    assert_int_equal(ka_dossier_key_find("people")->kind, KA_DOSSIER_INTEGER);
    assert_null(ka_dossier_key_find("nope"));
    assert_null(ka_dossier_key_find(NULL));
    assert_null(ka_dossier_section_field(NULL, "id"));
}

/* A set of strings, for comparing the schema with the tables. */
typedef struct string_set {
    char *items[512];
    size_t n;
} string_set;

static void set_add(string_set *set, const char *s)
{
    for (size_t i = 0; i < set->n; i++)
        if (strcmp(set->items[i], s) == 0)
            return;
    assert_true(set->n < 512);
    set->items[set->n++] = strdup(s);
}

static void set_assert_equal(string_set *a, string_set *b, const char *what)
{
    for (size_t i = 0; i < a->n; i++) {
        int found = 0;
        for (size_t j = 0; j < b->n; j++)
            found |= strcmp(a->items[i], b->items[j]) == 0;
        if (!found)
            fail_msg("%s '%s' is in the schema but not in the tables", what, a->items[i]);
    }
    for (size_t j = 0; j < b->n; j++) {
        int found = 0;
        for (size_t i = 0; i < a->n; i++)
            found |= strcmp(a->items[i], b->items[j]) == 0;
        if (!found)
            fail_msg("%s '%s' is in the tables but not in the schema", what, b->items[j]);
    }
    for (size_t i = 0; i < a->n; i++)
        free(a->items[i]);
    for (size_t j = 0; j < b->n; j++)
        free(b->items[j]);
}

static void collect_schema(xmlNodePtr node, string_set *elements, string_set *attributes,
                           string_set *values)
{
    for (xmlNodePtr n = node; n; n = n->next) {
        if (n->type != XML_ELEMENT_NODE)
            continue;
        xmlChar *name = xmlGetProp(n, BAD_CAST "name");
        if (name && xmlStrEqual(n->name, BAD_CAST "element"))
            set_add(elements, (const char *)name);
        if (name && xmlStrEqual(n->name, BAD_CAST "attribute"))
            set_add(attributes, (const char *)name);
        if (xmlStrEqual(n->name, BAD_CAST "value")) {
            xmlChar *text = xmlNodeGetContent(n);
            set_add(values, (const char *)text);
            xmlFree(text);
        }
        xmlFree(name);
        collect_schema(n->children, elements, attributes, values);
    }
}

/* The schema and the tables name the same elements, attributes and enumerated values. */
static void test_tables_match_schema(void **state)
{
    static string_set se, sa, sv, te, ta, tv;
    xmlDocPtr rng = xmlReadMemory(ka_dossier_rng, (int)ka_dossier_rng_len, "ka_dossier.rng", NULL,
                                  XML_PARSE_NONET);
    assert_non_null(rng);
    collect_schema(xmlDocGetRootElement(rng), &se, &sa, &sv);
    xmlFreeDoc(rng);

    set_add(&te, "dossier");
    set_add(&ta, "version");
    set_add(&tv, KA_DOSSIER_VERSION);
    for (size_t s = 0; s < ka_dossier_section_count(); s++) {
        const ka_dossier_section_def *sec = ka_dossier_section_at(s);
        set_add(&te, sec->element);
        if (sec->record)
            set_add(&te, sec->record);
        for (size_t f = 0; f < sec->nfields; f++) {
            const ka_dossier_field_def *fd = &sec->fields[f];
            set_add(fd->attribute ? &ta : &te, fd->attribute ? fd->attribute : fd->element);
            for (const ka_dossier_enum_value *v = fd->values; v && v->value; v++)
                set_add(&tv, v->value);
        }
    }
    set_assert_equal(&se, &te, "element");
    set_assert_equal(&sa, &ta, "attribute");
    set_assert_equal(&sv, &tv, "value");
}

/* Validates a document against the schema alone (no model checks), silently. */
#if LIBXML_VERSION >= 21200
static void silent(void *data, const xmlError *err)
#else
static void silent(void *data, xmlErrorPtr err)
#endif
{
    (void)data;
    (void)err;
}

static int schema_accepts(const char *xml)
{
    xmlDocPtr doc = xmlReadMemory(xml, (int)strlen(xml), NULL, NULL, XML_PARSE_NONET);
    assert_non_null(doc);
    xmlRelaxNGParserCtxtPtr pc =
        xmlRelaxNGNewMemParserCtxt(ka_dossier_rng, (int)ka_dossier_rng_len);
    xmlRelaxNGSetParserStructuredErrors(pc, silent, NULL);
    xmlRelaxNGPtr schema = xmlRelaxNGParse(pc);
    assert_non_null(schema);
    xmlRelaxNGValidCtxtPtr vc = xmlRelaxNGNewValidCtxt(schema);
    xmlRelaxNGSetValidStructuredErrors(vc, silent, NULL);
    int rc = xmlRelaxNGValidateDoc(vc, doc);
    xmlRelaxNGFreeValidCtxt(vc);
    xmlRelaxNGFree(schema);
    xmlRelaxNGFreeParserCtxt(pc);
    xmlFreeDoc(doc);
    return rc == 0;
}

/* The schema's value rules agree with the model's: samples either both accept or both refuse. */
static void test_schema_and_model_agree_on_values(void **state)
{
    static const struct {
        const char *key, *value;
        int valid;
    } cases[] = {
        {"employees", "0", 1},
        {"employees", "100000000", 1},
        {"employees", "100000001", 0},
        {"employees", "007", 0},
        {"employees", "+7", 0},
        {"employees", "-1", 0},
        {"employees", "1e3", 0},
        {"next_review", "2024-02-29", 1},
        {"next_review", "2023-02-29", 0},
        {"next_review", "0001-01-01", 1},
        {"next_review", "9999-12-31", 1},
        {"next_review", "0000-01-01", 0},
        {"next_review", "2024-13-01", 0},
        {"next_review", "2024-1-01", 0},
        {"next_review", "2024-01-01Z", 0},
        {"next_review", "20240101", 0},
        {"stage", "butterfly", 1},
        {"stage", "Butterfly", 0},
        {"need", "unknown", 1},
        {"need", "maybe", 0},
        {"type", "demanding", 1},
        {"type", "breadwinner,", 0},
    };
    for (size_t i = 0; i < sizeof cases / sizeof cases[0]; i++) {
        const ka_dossier_field_def *f = ka_dossier_key_find(cases[i].key);
        const ka_dossier_section_def *sec = ka_dossier_section_find("identity");
        if (!ka_dossier_section_field(sec, cases[i].key))
            sec = ka_dossier_section_find("classification");
        assert_ptr_equal(ka_dossier_section_field(sec, cases[i].key), f);
        char xml[1024];
        if (strcmp(sec->key, "identity") == 0)
            snprintf(xml, sizeof xml,
                     "<dossier xmlns='" KA_DOSSIER_NS "' version='1'><identity><id>1</id>"
                     "<name>A</name><%s>%s</%s></identity></dossier>",
                     f->element, cases[i].value, f->element);
        else
            snprintf(xml, sizeof xml,
                     "<dossier xmlns='" KA_DOSSIER_NS "' version='1'><identity><id>1</id>"
                     "<name>A</name></identity><classification><%s>%s</%s></classification>"
                     "</dossier>",
                     f->element, cases[i].value, f->element);
        int model = ka_dossier_check(f, cases[i].value, NULL, NULL) == KA_OK;
        int schema = schema_accepts(xml);
        if (model != cases[i].valid || schema != cases[i].valid)
            fail_msg("%s = '%s': model %d, schema %d, want %d", cases[i].key, cases[i].value, model,
                     schema, cases[i].valid);
    }
    /* Record fields: scales, score, amount, currency. */
    static const struct {
        const char *list_xml;
        int valid;
    } recs[] = {
        {"<people><person><name>x</name><openness>5</openness></person></people>", 1},
        {"<people><person><name>x</name><openness>6</openness></person></people>", 0},
        {"<people><person><name>x</name><openness>0</openness></person></people>", 0},
        {"<people><person><name></name></person></people>", 0},
        {"<history><entry><date>2024-01-01</date><kind>satisfaction</kind><score>10</score>"
         "</entry></history>",
         1},
        {"<history><entry><date>2024-01-01</date><kind>satisfaction</kind><score>11</score>"
         "</entry></history>",
         0},
        {"<history><entry><date>2024-01-01</date><kind>order</kind>"
         "<amount currency='EUR'>-123456789012345.123456</amount></entry></history>",
         1},
        {"<history><entry><date>2024-01-01</date><kind>order</kind>"
         "<amount currency='EUR'>1234567890123456</amount></entry></history>",
         0},
        {"<history><entry><date>2024-01-01</date><kind>order</kind>"
         "<amount currency='EUR'>1.1234567</amount></entry></history>",
         0},
        {"<history><entry><date>2024-01-01</date><kind>order</kind>"
         "<amount currency='eur'>1</amount></entry></history>",
         0},
        {"<history><entry><date>2024-01-01</date><kind>order</kind>"
         "<amount>1</amount></entry></history>",
         0},
    };
    for (size_t i = 0; i < sizeof recs / sizeof recs[0]; i++) {
        char xml[1024];
        snprintf(xml, sizeof xml,
                 "<dossier xmlns='" KA_DOSSIER_NS "' version='1'><identity><id>1</id>"
                 "<name>A</name></identity>%s</dossier>",
                 recs[i].list_xml);
        int model = ka_dossier_validate(xml, strlen(xml), NULL, NULL) == KA_OK;
        int schema = schema_accepts(xml);
        if (model != recs[i].valid || schema != recs[i].valid)
            fail_msg("%s: model %d, schema %d, want %d", recs[i].list_xml, model, schema,
                     recs[i].valid);
    }
}

/* ---------- model ---------- */

static void test_new_is_empty_and_free_accepts_null(void **state)
{
    ka_dossier_free(NULL);
    ka_dossier *d = ka_dossier_new();
    assert_non_null(d);
    assert_string_equal(get(d, "id"), "");
    assert_string_equal(get(d, "type"), "");
    size_t n = 7;
    assert_int_equal(ka_dossier_record_count(d, "people", &n), KA_OK);
    assert_int_equal(n, 0);
    ka_dossier_free(d);
}

static void test_set_get_and_refusals(void **state)
{
    ka_dossier *d = ka_dossier_new();
    set_ok(d, "name", "Čačak d.o.o.");
    assert_string_equal(get(d, "name"), "Čačak d.o.o.");
    set_ok(d, "name", "");
    assert_string_equal(get(d, "name"), "");
    set_ok(d, "name", "Šmarje");
    set_ok(d, "name", NULL);
    assert_string_equal(get(d, "name"), "");

    set_ok(d, "stage", "butterfly");
    set_refused(d, "stage", "caterpillar",
                "Relationship stage: must be one of: butterfly, partnership");
    set_refused(d, "stage", "Butterfly", "must be one of");
    set_ok(d, "employees", "0");
    set_refused(d, "employees", "-5", "Employees: must be a whole number from 0 to 100000000");
    set_refused(d, "employees", "05", "whole number");
    set_refused(d, "employees", "12 000", "whole number");
    set_refused(d, "employees", "9999999999999", "whole number");
    set_ok(d, "next_review", "2024-02-29");
    set_refused(d, "next_review", "2023-02-29", "Next review: must be a date YYYY-MM-DD");
    set_refused(d, "next_review", "29.02.2024", "YYYY-MM-DD");
    set_refused(d, "next_review", "2024-02-29T10:00", "YYYY-MM-DD");
    set_refused(d, "next_review", "0000-01-01", "YYYY-MM-DD");
    set_ok(d, "manager", "tab\there, newline\nthere, CR\r, emoji 😀");
    set_refused(d, "manager", "bad \xc3\x28 utf8", "Account manager: not valid UTF-8");
    set_refused(d, "manager", "overlong \xc0\xaf", "not valid UTF-8");
    set_refused(d, "manager", "surrogate \xed\xa0\x80", "not valid UTF-8");
    set_refused(d, "manager", "too big \xf4\x90\x80\x80", "not valid UTF-8");
    set_refused(d, "manager", "cut \xe2\x82", "not valid UTF-8");
    set_refused(d, "manager", "bell \x07", "U+0007, which XML does not allow");
    set_refused(d, "manager", "nonchar \xef\xbf\xbe", "U+FFFE");
    assert_string_equal(get(d, "manager"), "tab\there, newline\nthere, CR\r, emoji 😀");

    char *reason = NULL;
    assert_int_equal(ka_dossier_set(d, "colour", "red", NULL, &reason), KA_ERR_ARG);
    assert_string_equal(reason, "unknown field 'colour'");
    free(reason);
    assert_int_equal(ka_dossier_set(d, "people", "3", NULL, NULL), KA_ERR_ARG); /* derived */
    const char *v = "x";
    assert_int_equal(ka_dossier_get(d, "colour", &v), KA_ERR_ARG);
    assert_string_equal(v, "");
    assert_int_equal(ka_dossier_get(d, "people", &v), KA_ERR_ARG); /* a list, not a field */

    /* ka_dossier_check, for the sidebar's live feedback. */
    assert_int_equal(ka_dossier_check(ka_dossier_key_find("id"), "", NULL, &reason), KA_ERR_ARG);
    assert_string_equal(reason, "Client id is required");
    free(reason);
    assert_int_equal(ka_dossier_check(ka_dossier_key_find("industry"), "", NULL, NULL), KA_OK);
    assert_int_equal(ka_dossier_check(ka_dossier_key_find("overdue"), "x", NULL, &reason),
                     KA_ERR_ARG);
    assert_string_equal(reason, "'overdue' is computed and cannot be set");
    free(reason);
    assert_int_equal(ka_dossier_check(NULL, "x", NULL, NULL), KA_ERR_ARG);
    ka_dossier_free(d);
}

/* The panel's check boxes give a list back in the table's order: sorted so, a profile whose XML
 * lists its types in another order is equal to what the panel reads back unchanged. */
static void test_sort_choices_in_table_order(void **state)
{
    ka_dossier *d = ka_dossier_new(), *form = ka_dossier_new();
    set_ok(d, "type", "demanding, perspective, breadwinner");
    set_ok(form, "type", "breadwinner, perspective, demanding");
    assert_false(ka_dossier_equal(d, form));
    assert_int_equal(ka_dossier_sort_choices(d), KA_OK);
    assert_string_equal(get(d, "type"), "breadwinner, perspective, demanding");
    assert_true(ka_dossier_equal(d, form));
    set_ok(d, "type", "expert");
    assert_int_equal(ka_dossier_sort_choices(d), KA_OK);
    assert_string_equal(get(d, "type"), "expert");
    ka_dossier *empty = ka_dossier_new(), *fresh = ka_dossier_new();
    assert_int_equal(ka_dossier_sort_choices(empty), KA_OK); /* no value: nothing to sort */
    assert_true(ka_dossier_equal(empty, fresh));
    assert_int_equal(ka_dossier_sort_choices(NULL), KA_ERR_ARG);
    ka_dossier_free(fresh);
    ka_dossier_free(empty);
    ka_dossier_free(form);
    ka_dossier_free(d);
}

static void test_type_list_is_canonical(void **state)
{
    ka_dossier *d = ka_dossier_new();
    set_ok(d, "type", "innovator,breadwinner");
    assert_string_equal(get(d, "type"), "innovator, breadwinner");
    set_ok(d, "type", "  expert ,\tdemanding  ");
    assert_string_equal(get(d, "type"), "expert, demanding");
    set_ok(d, "type", "expert\r\n,\ndemanding\n");
    assert_string_equal(get(d, "type"), "expert, demanding");
    set_ok(d, "type", "breadwinner, perspective, image-maker, expert, innovator, demanding");
    assert_string_equal(get(d, "type"),
                        "breadwinner, perspective, image-maker, expert, innovator, demanding");
    set_refused(d, "type", "expert, expert", "Key-account type: lists 'expert' twice");
    set_refused(d, "type", "expert,,demanding", "Key-account type: has an empty item");
    set_refused(d, "type", "expert,", "empty item");
    set_refused(d, "type", "expert, rich",
                "Key-account type: each item must be one of: breadwinner, perspective");
    ka_dossier_free(d);
}

static void test_records(void **state)
{
    ka_dossier *d = ka_dossier_new();
    size_t n = 9, i = 9;
    const char *v = NULL;
    char *reason = NULL;
    assert_int_equal(ka_dossier_record_add(d, "people", &i), KA_OK);
    assert_int_equal(i, 0);
    assert_int_equal(ka_dossier_record_add(d, "people", NULL), KA_OK);
    assert_int_equal(ka_dossier_record_add(d, "people", &i), KA_OK);
    assert_int_equal(i, 2);
    rec_ok(d, "people", 0, "name", "Ann");
    rec_ok(d, "people", 1, "name", "Bob");
    rec_ok(d, "people", 2, "name", "Cid");
    rec_ok(d, "people", 2, "openness", "5");
    assert_string_equal(rget(d, "people", 1, "openness"), "");
    assert_int_equal(ka_dossier_record_set(d, "people", 2, "openness", "6", NULL, &reason),
                     KA_ERR_ARG);
    assert_string_equal(reason, "Openness: must be a whole number from 1 to 5, written with "
                                "digits only");
    free(reason);
    assert_string_equal(rget(d, "people", 2, "openness"), "5");

    assert_int_equal(ka_dossier_record_remove(d, "people", 1), KA_OK);
    assert_int_equal(ka_dossier_record_count(d, "people", &n), KA_OK);
    assert_int_equal(n, 2);
    assert_string_equal(rget(d, "people", 0, "name"), "Ann");
    assert_string_equal(rget(d, "people", 1, "name"), "Cid");
    assert_string_equal(rget(d, "people", 1, "openness"), "5");

    /* Out of range, unknown lists and keys. */
    assert_int_equal(ka_dossier_record_remove(d, "people", 2), KA_ERR_ARG);
    assert_int_equal(ka_dossier_record_get(d, "people", 2, "name", &v), KA_ERR_ARG);
    assert_string_equal(v, "");
    assert_int_equal(ka_dossier_record_get(d, "people", 0, "colour", &v), KA_ERR_ARG);
    assert_int_equal(ka_dossier_record_set(d, "people", 5, "name", "X", NULL, &reason), KA_ERR_ARG);
    assert_string_equal(reason, "no field 'name' in record 5 of list 'people'");
    free(reason);
    assert_int_equal(ka_dossier_record_add(d, "identity", &i), KA_ERR_ARG);
    assert_int_equal(ka_dossier_record_count(d, "identity", &n), KA_ERR_ARG);
    assert_int_equal(ka_dossier_record_count(d, "nope", &n), KA_ERR_ARG);
    assert_int_equal(ka_dossier_record_add(NULL, "people", &i), KA_ERR_ARG);

    /* History amounts and currencies. */
    size_t h = add_ok(d, "history");
    rec_ok(d, "history", h, "amount", "-99.95");
    rec_ok(d, "history", h, "currency", "PHP");
    assert_int_equal(ka_dossier_record_set(d, "history", h, "currency", "€", NULL, &reason),
                     KA_ERR_ARG);
    assert_non_null(strstr(reason, "ISO 4217"));
    free(reason);
    assert_int_equal(ka_dossier_record_set(d, "history", h, "amount", "1,5", NULL, &reason),
                     KA_ERR_ARG);
    assert_non_null(strstr(reason, "Amount: must be an amount"));
    free(reason);
    assert_string_equal(rget(d, "history", h, "amount"), "-99.95");
    ka_dossier_free(d);
}

/* A copy equals its original field by field and record by record, and shares nothing with it. */
static void test_copy_is_deep(void **state)
{
    ka_dossier *d = realistic_profile(), *c = NULL, *empty = ka_dossier_new(), *e = NULL;
    assert_int_equal(ka_dossier_copy(d, &c), KA_OK);
    assert_non_null(c);
    assert_same_dossier(d, c);
    assert_true(ka_dossier_equal(d, c));
    assert_true(get(d, "name") != get(c, "name"));

    /* Changing every part of the copy leaves the original as it was. */
    ka_dossier *before = NULL;
    assert_int_equal(ka_dossier_copy(d, &before), KA_OK);
    set_ok(c, "name", "Another name");
    set_ok(c, "stage", "");
    rec_ok(c, "people", 0, "name", "Somebody else");
    add_ok(c, "history");
    assert_int_equal(ka_dossier_record_remove(c, "competitors", 0), KA_OK);
    assert_false(ka_dossier_equal(d, c));
    assert_same_dossier(d, before);
    assert_true(ka_dossier_equal(d, before));
    assert_string_not_equal(get(d, "name"), "Another name");

    /* An empty dossier copies to an empty one. */
    assert_int_equal(ka_dossier_copy(empty, &e), KA_OK);
    assert_true(ka_dossier_equal(empty, e));
    assert_false(ka_dossier_equal(empty, d));

    /* Refused arguments leave *out NULL. */
    ka_dossier *none = d;
    assert_int_equal(ka_dossier_copy(NULL, &none), KA_ERR_ARG);
    assert_null(none);
    assert_int_equal(ka_dossier_copy(d, NULL), KA_ERR_ARG);
    ka_dossier_free(e);
    ka_dossier_free(empty);
    ka_dossier_free(before);
    ka_dossier_free(c);
    ka_dossier_free(d);
}

/* ka_dossier_equal compares every simple field and every record, in order. */
static void test_equal_sees_every_difference(void **state)
{
    ka_dossier *a = ka_dossier_new(), *b = ka_dossier_new();
    assert_true(ka_dossier_equal(NULL, NULL));
    assert_false(ka_dossier_equal(a, NULL));
    assert_false(ka_dossier_equal(NULL, a));
    assert_true(ka_dossier_equal(a, b));
    /* A simple field of each section of simple fields. */
    static const char *const keys[][2] = {
        {"id", "C-1"}, {"next_review", "2025-01-31"}, {"goals", "Grow."}};
    for (size_t i = 0; i < sizeof keys / sizeof keys[0]; i++) {
        set_ok(a, keys[i][0], keys[i][1]);
        assert_false(ka_dossier_equal(a, b));
        set_ok(b, keys[i][0], keys[i][1]);
        assert_true(ka_dossier_equal(a, b));
    }
    /* Records: their number, their values, and their order. */
    size_t a0 = add_ok(a, "people");
    assert_false(ka_dossier_equal(a, b));
    size_t b0 = add_ok(b, "people");
    assert_true(ka_dossier_equal(a, b));
    rec_ok(a, "people", a0, "name", "Ann");
    assert_false(ka_dossier_equal(a, b));
    rec_ok(b, "people", b0, "name", "Ann");
    assert_true(ka_dossier_equal(a, b));
    rec_ok(a, "people", add_ok(a, "people"), "name", "Bob");
    rec_ok(b, "people", add_ok(b, "people"), "name", "Bob");
    assert_true(ka_dossier_equal(a, b));
    rec_ok(b, "people", 0, "name", "Bob");
    rec_ok(b, "people", 1, "name", "Ann");
    assert_false(ka_dossier_equal(a, b));
    /* A dossier is equal to itself and to its round trip through XML. */
    ka_dossier *p = realistic_profile();
    size_t len;
    char *xml = serialize_ok(p, &len);
    ka_dossier *q = parse_ok(xml, len);
    assert_true(ka_dossier_equal(p, p));
    assert_true(ka_dossier_equal(p, q));
    free(xml);
    ka_dossier_free(q);
    ka_dossier_free(p);
    ka_dossier_free(b);
    ka_dossier_free(a);
}

/* ---------- DOSSIER() and overdue ---------- */

static void test_field_for_dossier_function(void **state)
{
    ka_dossier *d = realistic_profile();
    char *v = (char *)"untouched";
    assert_int_equal(ka_dossier_field(d, "colour", NULL, &v), KA_ERR_ARG);
    assert_null(v);
    assert_field(d, "manager", NULL, "Ștefan Țară (Brașov office)");
    assert_field(d, "type", NULL, "breadwinner, image-maker");
    assert_field(d, "next_review", NULL, "2025-03-01");
    assert_field(d, "employees", NULL, "240");
    assert_field(d, "people", NULL, "3");
    assert_field(d, "decision_maker", NULL, "Григорій Сковорода");
    assert_field(d, "competitors", NULL, "Brașov Tehnic SRL, Parañaque Industrial Supply");
    assert_field(d, "last_contact", NULL, "2024-05-20");
    assert_field(d, "last_satisfaction", NULL, "2024-02-10");
    assert_field(d, "satisfaction", NULL, "8");
    assert_field(d, "overdue", "2024-06-01", "");
    assert_field(d, "overdue", "2025-02-10", "satisfaction");
    assert_field(d, "overdue", "2025-03-02", "review, satisfaction");
    assert_int_equal(ka_dossier_field(d, "overdue", NULL, &v), KA_ERR_ARG);
    assert_int_equal(ka_dossier_field(d, "overdue", "2025-02-30", &v), KA_ERR_ARG);
    assert_int_equal(ka_dossier_field(NULL, "manager", NULL, &v), KA_ERR_ARG);
    assert_int_equal(ka_dossier_field(d, "manager", NULL, NULL), KA_ERR_ARG);

    /* A record's field by "<list>.<n>.<field>", n from 1; a record past the last reads as "". */
    assert_field(d, "people.1.name", NULL, "Григорій Сковорода");
    assert_field(d, "people.1.position", NULL, "Procurement director, Київ branch");
    assert_field(d, "people.4.name", NULL, "");
    assert_field(d, "competitors.2.name", NULL, "Parañaque Industrial Supply");
    assert_non_null(ka_dossier_key_find("history.12.date"));
    const char *bad[] = {
        "people.0.name", "people.1.colour", "people.1",       "people..name",
        "people.x.name", "identity.1.name", "people.01.name", "people.99999999999999999999.name",
        ".1.name",       "people.1.name.x"};
    for (size_t i = 0; i < sizeof bad / sizeof *bad; i++) {
        assert_null(ka_dossier_key_find(bad[i]));
        assert_int_equal(ka_dossier_field(d, bad[i], NULL, &v), KA_ERR_ARG);
    }

    /* A later satisfaction check on the same date wins; unset fields read as "". */
    size_t h = add_ok(d, "history");
    rec_ok(d, "history", h, "date", "2024-02-10");
    rec_ok(d, "history", h, "kind", "satisfaction");
    rec_ok(d, "history", h, "score", "9");
    assert_field(d, "satisfaction", NULL, "9");
    ka_dossier_free(d);

    d = ka_dossier_new();
    for (size_t i = 0; i < ka_dossier_section_count(); i++) {
        const ka_dossier_section_def *sec = ka_dossier_section_at(i);
        for (size_t f = 0; !sec->record && f < sec->nfields; f++)
            assert_field(d, sec->fields[f].key, NULL, "");
    }
    assert_field(d, "people", NULL, "0");
    assert_field(d, "decision_maker", NULL, "");
    assert_field(d, "competitors", NULL, "");
    assert_field(d, "last_contact", NULL, "");
    assert_field(d, "last_satisfaction", NULL, "");
    assert_field(d, "satisfaction", NULL, "");
    assert_field(d, "overdue", "2024-01-01", "no-check-yet"); /* new: not overdue */
    set_ok(d, "next_review", "2023-12-31");
    assert_field(d, "overdue", "2024-01-01", "review, no-check-yet");
    ka_dossier_free(d);
}

/* The flags of a dossier with one satisfaction check on date checked, no review date. */
static unsigned check_flags(const char *checked, const char *today)
{
    ka_dossier *d = ka_dossier_new();
    size_t h = add_ok(d, "history");
    rec_ok(d, "history", h, "date", checked);
    rec_ok(d, "history", h, "kind", "satisfaction");
    unsigned flags = 99;
    assert_int_equal(ka_dossier_overdue(d, today, &flags), KA_OK);
    ka_dossier_free(d);
    return flags;
}

/* "Older than a year" is more than 365 days, across leap days and years. */
static void test_overdue_365_days(void **state)
{
    /* 2023 is not a leap year: 365 days to the same date */
    assert_int_equal(check_flags("2023-03-01", "2024-02-29"), 0); /* 365 days, over a leap day */
    assert_int_equal(check_flags("2023-03-01", "2024-03-01"), KA_DOSSIER_OVERDUE_SATISFACTION);
    assert_int_equal(check_flags("2022-06-30", "2023-06-30"), 0);
    assert_int_equal(check_flags("2022-06-30", "2023-07-01"), KA_DOSSIER_OVERDUE_SATISFACTION);
    /* a check on a leap day */
    assert_int_equal(check_flags("2024-02-29", "2025-02-28"), 0);
    assert_int_equal(check_flags("2024-02-29", "2025-03-01"), KA_DOSSIER_OVERDUE_SATISFACTION);
    /* century years: 1900 and 2100 are not leap years, 2000 is */
    assert_int_equal(check_flags("2099-03-01", "2100-03-01"), 0);
    assert_int_equal(check_flags("2099-03-01", "2100-03-02"), KA_DOSSIER_OVERDUE_SATISFACTION);
    assert_int_equal(check_flags("1999-03-01", "2000-02-29"), 0);
    assert_int_equal(check_flags("1999-03-01", "2000-03-01"), KA_DOSSIER_OVERDUE_SATISFACTION);
    /* the day of the check, years later */
    assert_int_equal(check_flags("2024-06-15", "2024-06-15"), 0);
    assert_int_equal(check_flags("2020-06-15", "2024-06-15"), KA_DOSSIER_OVERDUE_SATISFACTION);
}

static void test_overdue(void **state)
{
    ka_dossier *d = ka_dossier_new();
    unsigned flags = 99;
    /* No review date, no check (a profile saved today): nothing is overdue, no check yet. */
    assert_int_equal(ka_dossier_overdue(d, "2024-06-15", &flags), KA_OK);
    assert_int_equal(flags, KA_DOSSIER_NO_CHECK_YET);

    set_ok(d, "next_review", "2024-06-15");
    size_t h = add_ok(d, "history");
    rec_ok(d, "history", h, "date", "2024-01-01");
    rec_ok(d, "history", h, "kind", "satisfaction");
    /* Review due today is not overdue; the day after it is. */
    assert_int_equal(ka_dossier_overdue(d, "2024-06-15", &flags), KA_OK);
    assert_int_equal(flags, 0);
    assert_int_equal(ka_dossier_overdue(d, "2024-06-16", &flags), KA_OK);
    assert_int_equal(flags, KA_DOSSIER_OVERDUE_REVIEW);
    /* 2024 is a leap year: 2024-12-31 is 365 days after 2024-01-01, 2025-01-01 is 366. */
    set_ok(d, "next_review", "2030-01-01");
    assert_int_equal(ka_dossier_overdue(d, "2024-12-31", &flags), KA_OK);
    assert_int_equal(flags, 0);
    assert_int_equal(ka_dossier_overdue(d, "2025-01-01", &flags), KA_OK);
    assert_int_equal(flags, KA_DOSSIER_OVERDUE_SATISFACTION);
    /* Other kinds of entry do not count as a check. */
    h = add_ok(d, "history");
    rec_ok(d, "history", h, "date", "2024-12-31");
    rec_ok(d, "history", h, "kind", "meeting");
    assert_int_equal(ka_dossier_overdue(d, "2025-01-01", &flags), KA_OK);
    assert_int_equal(flags, KA_DOSSIER_OVERDUE_SATISFACTION);
    rec_ok(d, "history", h, "kind", "satisfaction");
    assert_int_equal(ka_dossier_overdue(d, "2025-01-01", &flags), KA_OK);
    assert_int_equal(flags, 0);

    /* a check today, and one dated after today, are not overdue */
    rec_ok(d, "history", h, "date", "2025-01-01");
    assert_int_equal(ka_dossier_overdue(d, "2025-01-01", &flags), KA_OK);
    assert_int_equal(flags, 0);
    assert_int_equal(ka_dossier_overdue(d, "2024-12-01", &flags), KA_OK);
    assert_int_equal(flags, 0);

    assert_int_equal(ka_dossier_overdue(d, "2025-1-1", &flags), KA_ERR_ARG);
    assert_int_equal(ka_dossier_overdue(d, NULL, &flags), KA_ERR_ARG);
    assert_int_equal(ka_dossier_overdue(NULL, "2025-01-01", &flags), KA_ERR_ARG);
    ka_dossier_free(d);
}

/* ---------- XML round trips ---------- */

static void test_round_trip_multilingual(void **state)
{
    ka_dossier *d = realistic_profile();
    size_t len;
    char *xml = serialize_ok(d, &len);
    /* UTF-8, indented, namespaced, versioned; non-ASCII written as is. */
    assert_true(strncmp(xml, "<?xml version=\"1.0\" encoding=\"UTF-8\"?>\n", 39) == 0);
    assert_non_null(strstr(xml, "<dossier xmlns=\"urn:keyaccount:dossier:1\" version=\"1\">\n"
                                "  <identity>\n    <id>LV-0042</id>\n"));
    assert_non_null(strstr(xml, "<name>SIA Ķegums Enerģija</name>"));
    assert_non_null(strstr(xml, "<name>Григорій Сковорода</name>"));
    assert_non_null(strstr(xml, "<type>breadwinner</type>\n    <type>image-maker</type>"));
    assert_non_null(strstr(xml, "<amount currency=\"EUR\">125000.00</amount>"));
    assert_non_null(strstr(xml, "expects delivery &lt; 6 weeks"));
    /* The output is itself valid. */
    char *reason = NULL;
    assert_int_equal(ka_dossier_validate(xml, len, NULL, &reason), KA_OK);
    assert_null(reason);

    ka_dossier *back = parse_ok(xml, len);
    assert_same_dossier(d, back);
    assert_string_equal(get(back, "manager"), "Ștefan Țară (Brașov office)");
    assert_string_equal(rget(back, "people", 1, "notes"),
                        "Greets visitors with \"Maligayang pagdating!\"");
    /* Writing what was read gives the same bytes. */
    size_t len2;
    char *xml2 = serialize_ok(back, &len2);
    assert_int_equal(len2, len);
    assert_memory_equal(xml2, xml, len);
    free(xml2);
    free(xml);
    ka_dossier_free(back);
    ka_dossier_free(d);
}

/* Text that XML treats specially, at every text field. */
static void test_round_trip_special_text(void **state)
{
    static const char *const texts[] = {
        "a & b < c > d \" e ' f ]]> g",
        "  leading and trailing spaces  ",
        " ",
        "\n\nblank lines\n\n",
        "CR LF\r\nCR alone\r",
        "\ttabs\t",
        "<!DOCTYPE x [<!ENTITY y \"z\">]> &y; &amp;",
        "emoji 😀, combining e\xcc\x81, NBSP\xc2\xa0, U+FFFD \xef\xbf\xbd, U+10FFFF "
        "\xf4\x8f\xbf\xbf",
        "Ķegums Jūrmala Київ Григорій Сковорода Čačak Šmarje Ștefan Țară Brașov Maligayang "
        "pagdating Parañaque",
    };
    for (size_t t = 0; t < sizeof texts / sizeof texts[0]; t++) {
        ka_dossier *d = ka_dossier_new();
        for (size_t s = 0; s < ka_dossier_section_count(); s++) {
            const ka_dossier_section_def *sec = ka_dossier_section_at(s);
            size_t r = 0;
            if (sec->record)
                r = add_ok(d, sec->key);
            for (size_t f = 0; f < sec->nfields; f++) {
                const ka_dossier_field_def *fd = &sec->fields[f];
                if (fd->kind != KA_DOSSIER_TEXT && fd->kind != KA_DOSSIER_LONG_TEXT)
                    continue;
                if (sec->record)
                    rec_ok(d, sec->key, r, fd->key, texts[t]);
                else
                    set_ok(d, fd->key, texts[t]);
            }
            if (strcmp(sec->key, "history") == 0) {
                rec_ok(d, "history", r, "date", "2024-01-01");
                rec_ok(d, "history", r, "kind", "gift");
            }
        }
        size_t len;
        char *xml = serialize_ok(d, &len);
        ka_dossier *back = parse_ok(xml, len);
        assert_same_dossier(d, back);
        assert_string_equal(get(back, "description"), texts[t]);
        free(xml);
        ka_dossier_free(back);
        ka_dossier_free(d);
    }
}

/* Sample values at the edges of each kind. */
static const char *edge_value(const ka_dossier_field_def *f, int variant)
{
    switch (f->kind) {
    case KA_DOSSIER_TEXT:
    case KA_DOSSIER_LONG_TEXT:
        return variant ? "Parañaque\nКиїв" : "Ķegums";
    case KA_DOSSIER_INTEGER:
        return variant ? (f->max == 5    ? "5"
                          : f->max == 10 ? "10"
                                         : "100000000")
                       : (f->min == 0 ? "0" : "1");
    case KA_DOSSIER_DECIMAL:
        return variant ? "-123456789012345.123456" : "0";
    case KA_DOSSIER_CURRENCY:
        return variant ? "PHP" : "UAH";
    case KA_DOSSIER_DATE:
        return variant ? "9999-12-31" : "0001-01-01";
    case KA_DOSSIER_ENUM:
        return variant ? f->values[1].value : f->values[0].value;
    case KA_DOSSIER_ENUM_LIST:
        return variant ? "demanding, breadwinner" : "perspective";
    }
    return "";
}

/* Every field of every section and of two records per list, at the edges of its kind. */
static void test_round_trip_every_field(void **state)
{
    ka_dossier *d = ka_dossier_new();
    for (size_t s = 0; s < ka_dossier_section_count(); s++) {
        const ka_dossier_section_def *sec = ka_dossier_section_at(s);
        for (int variant = 0; variant < (sec->record ? 2 : 1); variant++) {
            size_t r = sec->record ? add_ok(d, sec->key) : 0;
            for (size_t f = 0; f < sec->nfields; f++) {
                const char *v = edge_value(&sec->fields[f], variant || !sec->record);
                if (sec->record)
                    rec_ok(d, sec->key, r, sec->fields[f].key, v);
                else
                    set_ok(d, sec->fields[f].key, v);
            }
        }
    }
    size_t len;
    char *xml = serialize_ok(d, &len);
    ka_dossier *back = parse_ok(xml, len);
    assert_same_dossier(d, back);
    assert_string_equal(get(back, "type"), "demanding, breadwinner");
    assert_string_equal(rget(back, "history", 1, "amount"), "-123456789012345.123456");
    free(xml);
    ka_dossier_free(back);
    ka_dossier_free(d);
}

static void test_serialize_refuses_incomplete(void **state)
{
    char *xml = (char *)"x", *reason = NULL;
    size_t len = 5;
    ka_dossier *d = ka_dossier_new();
    assert_int_equal(ka_dossier_serialize(d, &xml, &len, NULL, &reason), KA_ERR_ARG);
    assert_null(xml);
    assert_int_equal(len, 0);
    assert_string_equal(reason, "Client id is required");
    free(reason);
    set_ok(d, "id", "1");
    assert_int_equal(ka_dossier_serialize(d, &xml, &len, NULL, &reason), KA_ERR_ARG);
    assert_string_equal(reason, "Name is required");
    free(reason);
    set_ok(d, "name", "Ķegums");
    xml = serialize_ok(d, &len);
    free(xml);

    size_t p = add_ok(d, "people");
    rec_ok(d, "people", p, "role", "buyer");
    p = add_ok(d, "people");
    assert_int_equal(ka_dossier_serialize(d, &xml, &len, NULL, &reason), KA_ERR_ARG);
    assert_string_equal(reason, "Decision-making unit, record 1: Name is required");
    free(reason);
    rec_ok(d, "people", 0, "name", "Ann");
    rec_ok(d, "people", 1, "name", "Bob");

    size_t h = add_ok(d, "history");
    rec_ok(d, "history", h, "date", "2024-01-01");
    assert_int_equal(ka_dossier_serialize(d, &xml, &len, NULL, &reason), KA_ERR_ARG);
    assert_string_equal(reason, "History, record 1: Kind is required");
    free(reason);
    rec_ok(d, "history", h, "kind", "order");
    rec_ok(d, "history", h, "amount", "10");
    assert_int_equal(ka_dossier_serialize(d, &xml, &len, NULL, &reason), KA_ERR_ARG);
    assert_string_equal(reason, "History, record 1: Amount needs Currency as well");
    free(reason);
    rec_ok(d, "history", h, "amount", "");
    rec_ok(d, "history", h, "currency", "EUR");
    assert_int_equal(ka_dossier_serialize(d, &xml, &len, NULL, &reason), KA_ERR_ARG);
    assert_string_equal(reason, "History, record 1: Currency needs Amount as well");
    free(reason);
    rec_ok(d, "history", h, "amount", "10");
    xml = serialize_ok(d, &len);
    free(xml);

    /* A text that makes the document too big for the cap. */
    char *big = malloc(KA_DOSSIER_MAX_BYTES + 1);
    memset(big, 'a', KA_DOSSIER_MAX_BYTES);
    big[KA_DOSSIER_MAX_BYTES] = '\0';
    set_ok(d, "description", big);
    assert_int_equal(ka_dossier_serialize(d, &xml, &len, NULL, &reason), KA_ERR_ARG);
    assert_null(xml);
    assert_non_null(strstr(reason, "larger than the 1 MB limit"));
    free(reason);
    free(big);
    assert_int_equal(ka_dossier_serialize(NULL, &xml, &len, NULL, NULL), KA_ERR_ARG);
    ka_dossier_free(d);
}

/* A document of exactly the size cap is read; one byte more is refused. */
static void test_size_cap_boundary(void **state)
{
    static const char head[] = "<dossier xmlns='" KA_DOSSIER_NS "' version='1'><identity><id>1</id>"
                               "<name>A</name><description>";
    static const char tail[] = "</description></identity></dossier>";
    size_t n = KA_DOSSIER_MAX_BYTES;
    char *xml = malloc(n + 2);
    memcpy(xml, head, sizeof head - 1);
    memset(xml + sizeof head - 1, 'x', n - (sizeof head - 1) - (sizeof tail - 1));
    memcpy(xml + n - (sizeof tail - 1), tail, sizeof tail - 1);
    ka_dossier *d = parse_ok(xml, n);
    assert_int_equal(strlen(get(d, "description")), n - (sizeof head - 1) - (sizeof tail - 1));
    ka_dossier_free(d);
    xml[n] = ' '; /* trailing white space is well-formed: only the cap refuses it */
    char *reason = NULL;
    assert_int_equal(ka_dossier_parse(xml, n + 1, &d, NULL, &reason), KA_ERR_ARG);
    assert_null(d);
    assert_string_equal(reason, "larger than the 1 MB limit (1048577 bytes, at most 1048576)");
    free(reason);
    free(xml);
}

/* What the writer produces is what the reader accepts, up to the size cap: a dossier of the
 * most elements per byte (people with one-letter names) filled to exactly the cap is written and
 * read back equal, with fewer elements than the parser's cap; one byte more is refused. */
static void test_writer_output_is_read_back_up_to_the_cap(void **state)
{
    ka_dossier *d = ka_dossier_new();
    set_ok(d, "id", "1");
    set_ok(d, "name", "A");
    /* After the first, each person adds the same number of bytes; fill to just under the cap. */
    size_t len, people = 2;
    rec_ok(d, "people", add_ok(d, "people"), "name", "a");
    char *xml = serialize_ok(d, &len);
    free(xml);
    size_t one = len;
    rec_ok(d, "people", add_ok(d, "people"), "name", "a");
    xml = serialize_ok(d, &len);
    free(xml);
    size_t each = len - one;
    while (len + each <= KA_DOSSIER_MAX_BYTES) {
        rec_ok(d, "people", add_ok(d, "people"), "name", "a");
        people++;
        len += each;
    }
    /* The last name takes the bytes left, so that the document is exactly at the cap. */
    size_t spare = KA_DOSSIER_MAX_BYTES - len;
    char *name = malloc(spare + 2);
    memset(name, 'a', spare + 1);
    name[spare + 1] = '\0';
    rec_ok(d, "people", people - 1, "name", name);
    xml = serialize_ok(d, &len);
    assert_int_equal(len, KA_DOSSIER_MAX_BYTES);
    /* dossier, identity, id, name, people, and two per person: under the element cap. */
    assert_true(5 + 2 * people <= KA_DOSSIER_MAX_ELEMENTS);
    ka_dossier *back = parse_ok(xml, len);
    assert_true(ka_dossier_equal(d, back));
    ka_dossier_free(back);
    free(xml);
    /* One byte more. */
    char *longer = malloc(spare + 3);
    memset(longer, 'a', spare + 2);
    longer[spare + 2] = '\0';
    rec_ok(d, "people", people - 1, "name", longer);
    char *reason = NULL;
    xml = (char *)1;
    assert_int_equal(ka_dossier_serialize(d, &xml, &len, NULL, &reason), KA_ERR_ARG);
    assert_null(xml);
    assert_int_equal(len, 0);
    assert_string_equal(reason, "larger than the 1 MB limit (1048577 bytes, at most 1048576)");
    free(reason);
    free(longer);
    free(name);
    ka_dossier_free(d);
}

/* Thousands of records under the caps parse in reasonable time. */
static void test_large_valid_dossier(void **state)
{
    ka_dossier *d = ka_dossier_new();
    char latest[16] = "";
    set_ok(d, "id", "big");
    set_ok(d, "name", "Big client");
    for (int i = 0; i < 3000; i++) {
        size_t h = add_ok(d, "history");
        char date[16];
        snprintf(date, sizeof date, "20%02d-%02d-%02d", i % 25, i % 12 + 1, i % 28 + 1);
        if (i % 2 == 0 && strcmp(date, latest) > 0)
            strcpy(latest, date);
        rec_ok(d, "history", h, "date", date);
        rec_ok(d, "history", h, "kind", i % 2 ? "order" : "satisfaction");
        rec_ok(d, "history", h, "note", "Jūrmala");
    }
    for (int i = 0; i < 6000; i++)
        rec_ok(d, "competitors", add_ok(d, "competitors"), "name", i ? "Čačak" : "Šmarje");
    size_t len;
    char *xml = serialize_ok(d, &len);
    double t0 = now_ms();
    ka_dossier *back = parse_ok(xml, len);
    double ms = now_ms() - t0;
    if (ms > HOSTILE_MS)
        fail_msg("parsing %zu bytes took %.0f ms", len, ms);
    assert_same_dossier(d, back);
    assert_field(back, "last_satisfaction", NULL, latest);
    t0 = now_ms();
    char *names = field_text(back, "competitors", NULL);
    assert_true(now_ms() - t0 < REFUSE_MS);
    assert_int_equal(strlen(names), strlen("Šmarje") + 5999 * strlen(", Čačak"));
    assert_true(strncmp(names, "Šmarje, Čačak, Čačak", strlen("Šmarje, Čačak, Čačak")) == 0);
    free(names);
    free(xml);
    ka_dossier_free(back);
    ka_dossier_free(d);
}

/* ---------- hostile documents ---------- */

#define HEAD "<dossier xmlns=\"" KA_DOSSIER_NS "\" version=\"1\">"
#define MINIMAL HEAD "<identity><id>1</id><name>A</name></identity></dossier>"

/* Parses with stderr redirected to a file; returns how many bytes libxml2 (or anything else)
 * wrote there, which must be none. */
static long parse_quietly(const char *xml, size_t len, ka_dossier **d, char **reason, ka_status *st)
{
    char path[] = "/tmp/ka_dossier_stderr_XXXXXX";
    int fd = mkstemp(path);
    assert_true(fd >= 0);
    fflush(stderr);
    int saved = dup(2);
    dup2(fd, 2);
    *st = ka_dossier_parse(xml, len, d, NULL, reason);
    fflush(stderr);
    dup2(saved, 2);
    close(saved);
    off_t size = lseek(fd, 0, SEEK_END);
    close(fd);
    unlink(path);
    return (long)size;
}

/* Fails unless parsing xml is refused quickly and silently with a reason containing part, and
 * validation agrees. */
static void expect_refused_len(const char *xml, size_t len, const char *part)
{
    ka_dossier *d = NULL;
    char *reason = NULL;
    ka_status st;
    double t0 = now_ms();
    long noise = parse_quietly(xml, len, &d, &reason, &st);
    double ms = now_ms() - t0;
    if (st != KA_ERR_ARG || !reason || !strstr(reason, part))
        fail_msg("status %d, reason '%s', expected '%s'", st, reason ? reason : "(null)", part);
    assert_null(d);
    assert_int_equal(noise, 0);
    if (ms > HOSTILE_MS)
        fail_msg("refusing took %.0f ms (reason '%s')", ms, reason);
    free(reason);
    reason = NULL;
    assert_int_equal(ka_dossier_validate(xml, len, NULL, &reason), KA_ERR_ARG);
    assert_non_null(strstr(reason, part));
    free(reason);
}

static void expect_refused(const char *xml, const char *part)
{
    expect_refused_len(xml, strlen(xml), part);
}

static void test_billion_laughs_body(void)
{
    expect_refused(
        "<?xml version=\"1.0\"?>\n"
        "<!DOCTYPE dossier [\n"
        " <!ENTITY lol \"lol\">\n"
        " <!ENTITY lol1 \"&lol;&lol;&lol;&lol;&lol;&lol;&lol;&lol;&lol;&lol;\">\n"
        " <!ENTITY lol2 \"&lol1;&lol1;&lol1;&lol1;&lol1;&lol1;&lol1;&lol1;&lol1;&lol1;\">\n"
        " <!ENTITY lol3 \"&lol2;&lol2;&lol2;&lol2;&lol2;&lol2;&lol2;&lol2;&lol2;&lol2;\">\n"
        " <!ENTITY lol4 \"&lol3;&lol3;&lol3;&lol3;&lol3;&lol3;&lol3;&lol3;&lol3;&lol3;\">\n"
        " <!ENTITY lol5 \"&lol4;&lol4;&lol4;&lol4;&lol4;&lol4;&lol4;&lol4;&lol4;&lol4;\">\n"
        " <!ENTITY lol6 \"&lol5;&lol5;&lol5;&lol5;&lol5;&lol5;&lol5;&lol5;&lol5;&lol5;\">\n"
        " <!ENTITY lol7 \"&lol6;&lol6;&lol6;&lol6;&lol6;&lol6;&lol6;&lol6;&lol6;&lol6;\">\n"
        " <!ENTITY lol8 \"&lol7;&lol7;&lol7;&lol7;&lol7;&lol7;&lol7;&lol7;&lol7;&lol7;\">\n"
        " <!ENTITY lol9 \"&lol8;&lol8;&lol8;&lol8;&lol8;&lol8;&lol8;&lol8;&lol8;&lol8;\">\n"
        "]>\n" HEAD "<identity><id>&lol9;</id><name>A</name></identity></dossier>",
        "DTDs are not allowed");
}

static void test_billion_laughs(void **state)
{
    test_billion_laughs_body();
}

/* Fails if the start of /etc/passwd shows up in s. */
static void assert_no_passwd(const char *s)
{
    size_t n;
    char *passwd = read_file("/etc/passwd", &n);
    if (!passwd)
        return;
    char first[16];
    snprintf(first, sizeof first, "%.*s", (int)strcspn(passwd, ":\n"), passwd);
    strcat(first, ":");
    assert_null(strstr(s, first));
    assert_null(strstr(s, "root:x:0"));
    free(passwd);
}

static void test_external_entities_body(void)
{
    static const char *const docs[] = {
        /* General external entity in element content. */
        "<?xml version=\"1.0\"?>\n<!DOCTYPE dossier [<!ENTITY x SYSTEM "
        "\"file:///etc/passwd\">]>\n" HEAD
        "<identity><id>&x;</id><name>A</name></identity></dossier>",
        /* Parameter entity, expanded inside the DTD. */
        "<!DOCTYPE dossier [<!ENTITY % p SYSTEM \"file:///etc/passwd\"> %p;]>" MINIMAL,
        /* External DTD file. */
        "<!DOCTYPE dossier SYSTEM \"/etc/passwd\">" MINIMAL,
        /* External DTD over the network (must not be fetched: would hang or fail slowly). */
        "<!DOCTYPE dossier SYSTEM \"http://198.51.100.1/evil.dtd\">" MINIMAL,
        "<!DOCTYPE dossier PUBLIC \"-//EVIL//DTD x//EN\" \"http://198.51.100.1/x.dtd\">" MINIMAL,
    };
    for (size_t i = 0; i < sizeof docs / sizeof docs[0]; i++) {
        ka_dossier *d = NULL;
        char *reason = NULL;
        ka_status st;
        double t0 = now_ms();
        assert_int_equal(parse_quietly(docs[i], strlen(docs[i]), &d, &reason, &st), 0);
        assert_true(now_ms() - t0 < HOSTILE_MS);
        assert_int_equal(st, KA_ERR_ARG);
        assert_null(d);
        assert_string_equal(reason, "DTDs are not allowed");
        assert_no_passwd(reason);
        free(reason);
    }
    /* Without a DTD an entity reference is simply undefined, and nothing is read. */
    expect_refused(HEAD "<identity><id>&x;</id><name>A</name></identity></dossier>",
                   "not well-formed XML at line 1: Entity 'x' not defined");
    /* XInclude is never processed: the element is just not in the schema. */
    expect_refused(HEAD "<identity><id>1</id><name>A</name></identity>"
                        "<xi:include xmlns:xi=\"http://www.w3.org/2001/XInclude\" "
                        "href=\"file:///etc/passwd\" parse=\"text\"/></dossier>",
                   "element 'include' invalid at line 1");
}

static void test_external_entities_are_never_read(void **state)
{
    test_external_entities_body();
}

static void test_malformed_documents_body(void)
{
    /* Invalid UTF-8 in a text (0xC3 0x28 is not a sequence). */
    expect_refused(HEAD "<identity><id>1</id>\n<name>\xc3\x28</name></identity></dossier>",
                   "not well-formed XML at line 2: not UTF-8 (byte 82 is 0xC3)");
    /* A lone continuation byte, an overlong '<', a surrogate, a truncated sequence at the end. */
    expect_refused(HEAD "<identity><id>\x80</id><name>A</name></identity></dossier>",
                   "not UTF-8 (byte 69 is 0x80)");
    expect_refused(HEAD "<identity><id>\xc0\xbc</id><name>A</name></identity></dossier>",
                   "not UTF-8");
    expect_refused(HEAD "<identity><id>\xed\xa0\x80</id><name>A</name></identity></dossier>",
                   "not UTF-8");
    expect_refused(MINIMAL "\xe2\x82", "not UTF-8");
    /* Other encodings are not read, whatever the byte-order mark or declaration says. */
    static const char utf16le[] = "\xff\xfe<\0d\0/\0>\0";
    expect_refused_len(utf16le, sizeof utf16le - 1, "not UTF-8 (byte 1 is 0xFF)");
    static const char utf16_no_bom[] = "<\0?\0x\0m\0l\0";
    expect_refused_len(utf16_no_bom, sizeof utf16_no_bom - 1,
                       "not well-formed XML at line 1: a NUL character (byte 2)");
    static const char ebcdic[] = "\x4c\x6f\xa7\x94\x93";
    expect_refused_len(ebcdic, sizeof ebcdic - 1, "not UTF-8");
    expect_refused("\xef\xbb\xbf" MINIMAL "\x01", "not well-formed XML at line 1");
    /* Truncated in the middle of a tag, and after a complete element. */
    expect_refused(HEAD "<identity><id>1</id><na", "not well-formed XML at line 1");
    expect_refused(HEAD "<identity><id>1</id><name>A</name></identity>",
                   "not well-formed XML at line 1");
    expect_refused("", "not well-formed XML");
    expect_refused("   \n  ", "not well-formed XML");
    expect_refused_len("\x00\x01\x02garbage", 10, "not well-formed XML");
    expect_refused(MINIMAL MINIMAL, "not well-formed XML at line 1: Extra content");
    expect_refused("text before" MINIMAL, "not well-formed XML");
    expect_refused_len(MINIMAL, strlen(MINIMAL) - 3, "not well-formed XML");
    char *reason = NULL;
    ka_dossier *d = NULL;
    assert_int_equal(ka_dossier_parse(NULL, 10, &d, NULL, &reason), KA_ERR_ARG);
    assert_string_equal(reason, "no document given");
    free(reason);
    assert_int_equal(ka_dossier_parse(MINIMAL, strlen(MINIMAL), NULL, NULL, NULL), KA_ERR_ARG);
}

static void test_malformed_documents(void **state)
{
    test_malformed_documents_body();
}

static void test_wrong_documents_body(void)
{
    expect_refused("<dossier xmlns=\"urn:keyaccount:dossier:2\" version=\"1\"/>",
                   "wrong namespace 'urn:keyaccount:dossier:2' (expected "
                   "'urn:keyaccount:dossier:1')");
    expect_refused("<dossier version=\"1\"><identity><id>1</id><name>A</name></identity></dossier>",
                   "wrong namespace: the root element has none");
    expect_refused("<k:dossier xmlns:k=\"http://example.com/\" version=\"1\"/>", "wrong namespace");
    expect_refused("<profile xmlns=\"" KA_DOSSIER_NS "\" version=\"1\"/>",
                   "the root element is 'profile', not 'dossier'");
    expect_refused("<dossier xmlns=\"" KA_DOSSIER_NS "\" version=\"2\"/>",
                   "unsupported version '2' (this program reads version 1)");
    expect_refused("<dossier xmlns=\"" KA_DOSSIER_NS "\" version=\"1.0\"/>", "unsupported version");
    expect_refused("<dossier xmlns=\"" KA_DOSSIER_NS "\"/>",
                   "the root element has no version attribute");
    /* Structure and values. */
    expect_refused(HEAD "</dossier>", "Client id is required");
    expect_refused(HEAD "<identity><name>A</name></identity></dossier>", "Client id is required");
    expect_refused(HEAD "<identity><id>1</id><name>A</name><colour>red</colour></identity>"
                        "</dossier>",
                   "element 'colour' invalid at line 1: Did not expect element colour there");
    expect_refused(HEAD "<identity><name>A</name><id>1</id></identity></dossier>",
                   "element 'name' invalid");
    expect_refused(HEAD "<identity><id>1</id><name>A</name></identity>\n<classification>"
                        "<stage>cocoon</stage></classification></dossier>",
                   "element 'stage' invalid at line 2: must be one of: butterfly, partnership");
    expect_refused(HEAD "<identity><id>1</id><name>A</name></identity><classification>"
                        "<type>expert</type><type>rich</type></classification></dossier>",
                   "element 'type' invalid at line 1: each item must be one of: breadwinner");
    expect_refused(HEAD "<identity><id>1</id><name>A</name></identity><classification>"
                        "<type>expert</type><type> </type></classification></dossier>",
                   "element 'type' invalid at line 1: has an empty item in its list");
    expect_refused(HEAD "<identity><id>1</id><name>A</name></identity><classification>"
                        "<next-review>2025-02-30</next-review></classification></dossier>",
                   "element 'next-review' invalid at line 1: must be a date YYYY-MM-DD");
    expect_refused(HEAD "<identity><id>1</id><name>A</name></identity><history><entry>"
                        "<date>2024-01-01</date><kind>order</kind>"
                        "<amount currency=\"euro\">5</amount></entry></history></dossier>",
                   "attribute 'currency' of element 'amount' invalid at line 1: must be an ISO "
                   "4217");
    expect_refused(HEAD "<identity><id>1</id><name>A</name></identity><history><entry>"
                        "<date>2024-01-01</date><kind>order</kind><amount>5</amount></entry>"
                        "</history></dossier>",
                   "History, record 1: Amount needs Currency as well");
    expect_refused(HEAD "<identity id=\"1\"><id>1</id><name>A</name></identity></dossier>",
                   "element 'identity' invalid");
    expect_refused(HEAD "<identity><id>1</id><name><b>A</b></name></identity></dossier>",
                   "invalid");
}

static void test_wrong_documents(void **state)
{
    test_wrong_documents_body();
}

static void test_huge_documents_body(void)
{
    /* A 50 MB value: refused by the cap before any parsing. */
    size_t n = 50u << 20;
    char *big = malloc(n);
    assert_non_null(big);
    memset(big, 'A', n);
    memcpy(big, HEAD "<identity><id>", strlen(HEAD "<identity><id>"));
    double t0 = now_ms();
    expect_refused_len(big, n, "larger than the 1 MB limit");
    assert_true(now_ms() - t0 < REFUSE_MS);
    free(big);

    /* 200 000 empty elements in under 1 MB: refused at the element cap. */
    size_t count = 200000, pos = 0;
    char *many = malloc(KA_DOSSIER_MAX_BYTES + 64);
    pos += (size_t)sprintf(many, "%s", HEAD "<identity><id>1</id><name>A</name></identity>");
    for (size_t i = 0; i < count; i++)
        pos += (size_t)sprintf(many + pos, "<x/>");
    pos += (size_t)sprintf(many + pos, "</dossier>");
    assert_true(pos <= KA_DOSSIER_MAX_BYTES);
    expect_refused_len(many, pos, "more than 50000 elements");
    /* The same number of valid-looking elements. */
    pos = (size_t)sprintf(many, "%s",
                          HEAD "<identity><id>1</id><name>A</name></identity>"
                               "<classification>");
    for (size_t i = 0; i < 52000; i++)
        pos += (size_t)sprintf(many + pos, "<type>expert</type>");
    pos += (size_t)sprintf(many + pos, "</classification></dossier>");
    assert_true(pos <= KA_DOSSIER_MAX_BYTES);
    expect_refused_len(many, pos, "more than 50000 elements");
    /* Just under the element cap: the repeated value is read once, in linear time. */
    pos = (size_t)sprintf(many, "%s",
                          HEAD "<identity><id>1</id><name>A</name></identity>"
                               "<classification>");
    for (size_t i = 0; i < 49990; i++)
        pos += (size_t)sprintf(many + pos, "<type>%s</type>", i % 2 ? "expert" : "demanding");
    pos += (size_t)sprintf(many + pos, "</classification></dossier>");
    double t1 = now_ms();
    ka_dossier *repeated = parse_ok(many, pos);
    assert_true(now_ms() - t1 < HOSTILE_MS);
    assert_string_equal(get(repeated, "type"), "demanding, expert");
    ka_dossier_free(repeated);
    free(many);

    /* Deeply nested elements. */
    size_t depth = 100000;
    char *deep = malloc(strlen(HEAD) + depth * 7 + 64);
    pos = (size_t)sprintf(deep, "%s", HEAD);
    for (size_t i = 0; i < depth; i++)
        pos += (size_t)sprintf(deep + pos, "<a>");
    for (size_t i = 0; i < depth; i++)
        pos += (size_t)sprintf(deep + pos, "</a>");
    pos += (size_t)sprintf(deep + pos, "</dossier>");
    assert_true(pos <= KA_DOSSIER_MAX_BYTES);
    expect_refused_len(deep, pos, "elements nested deeper than 16 levels");
    free(deep);

    /* A long attribute value and a huge number of attributes, under the cap. */
    char *attrs = malloc(KA_DOSSIER_MAX_BYTES);
    pos = (size_t)sprintf(attrs, "<dossier xmlns=\"" KA_DOSSIER_NS "\" version=\"1\"");
    for (int i = 0; pos < KA_DOSSIER_MAX_BYTES - 200; i++)
        pos += (size_t)sprintf(attrs + pos, " a%d=\"x\"", i);
    pos += (size_t)sprintf(attrs + pos, "><identity><id>1</id><name>A</name></identity></dossier>");
    expect_refused_len(attrs, pos, "a start tag at line 1 has more than 16 attributes");
    /* The same with namespace declarations, in a start tag further down. */
    pos =
        (size_t)sprintf(attrs, "%s", HEAD "\n<identity><id>1</id><name>A</name></identity>\n<plan");
    for (int i = 0; pos < KA_DOSSIER_MAX_BYTES - 200; i++)
        pos += (size_t)sprintf(attrs + pos, " xmlns:p%d='u:%d'", i, i);
    pos += (size_t)sprintf(attrs + pos, "/></dossier>");
    expect_refused_len(attrs, pos, "a start tag at line 3 has more than 16 attributes");
    /* '=' inside quoted values, comments, CDATA and text is not counted. */
    pos = (size_t)sprintf(attrs, "%s",
                          "<!-- a=1 b=2 c=3 d=4 e=5 f=6 g=7 h=8 i=9 j=10 k=11 l=12 m=13 "
                          "n=14 o=15 p=16 q=17 -->" HEAD "<identity><id>"
                          "<![CDATA[=================]]></id><name>=================="
                          "</name><website>https://x.example/?a=1&amp;b=2</website>"
                          "</identity></dossier>");
    ka_dossier *d = parse_ok(attrs, pos);
    assert_string_equal(get(d, "id"), "=================");
    ka_dossier_free(d);
    /* ... nor in attribute values, where '>' does not end the tag either; the schema then
     * refuses the foreign attribute (version 1 allows no extensions). */
    expect_refused(
        "<dossier xmlns='" KA_DOSSIER_NS "' x:note=\"=a=b=c=d=e=f=g=h=i=j=k=l=m=n=o=p=q=>\" "
        "version='1' xmlns:x='urn:other'><identity><id>1</id><name>A</name></identity>"
        "</dossier>",
        "element 'dossier' invalid at line 1: Invalid attribute note for element dossier");
    free(attrs);
}

static void test_huge_documents(void **state)
{
    test_huge_documents_body();
}

/* A valid value of a field that is not free text, for the tests below. */
static const char *sample_value(const ka_dossier_field_def *f)
{
    switch (f->kind) {
    case KA_DOSSIER_ENUM:
    case KA_DOSSIER_ENUM_LIST:
        return f->values[0].value;
    case KA_DOSSIER_INTEGER:
        return f->min == 0 ? "7" : "3";
    case KA_DOSSIER_DECIMAL:
        return "12.5";
    case KA_DOSSIER_CURRENCY:
        return "EUR";
    case KA_DOSSIER_DATE:
        return "2024-01-02";
    default:
        return "text";
    }
}

/* A copy of s with its first occurrence of a replaced by b (which must be there). */
static char *replace_first(const char *s, const char *a, const char *b)
{
    const char *p = strstr(s, a);
    assert_non_null(p);
    char *out = malloc(strlen(s) - strlen(a) + strlen(b) + 1);
    assert_non_null(out);
    sprintf(out, "%.*s%s%s", (int)(p - s), s, b, p + strlen(a));
    return out;
}

/* The reader accepts exactly the documents the schema accepts (a refused profile is shown as
 * damaged, and the panel offers to replace it with an empty form), with XML white space (space,
 * tab, line feed, carriage return, also as character references) around a value that is not free
 * text: every such field of the tables is written with a sample value, which is then wrapped in
 * white space.  The token datatype of enumerations and currencies strips it from both ends of
 * each value, each item of the type list included; the patterns of whole numbers, amounts and
 * dates refuse it (libxml2 matches them before stripping). */
static void test_reader_accepts_white_space_the_schema_accepts(void **state)
{
    static const char *const spaces[][2] = {
        {"\n", ""}, {"", "\n"}, {" \t", "\r\n  "}, {"&#13;", "&#9;&#10;"}, {"\n  ", "\n"}};
    for (size_t si = 0; si < ka_dossier_section_count(); si++) {
        const ka_dossier_section_def *sec = ka_dossier_section_at(si);
        for (size_t fi = 0; fi < sec->nfields; fi++) {
            const ka_dossier_field_def *f = &sec->fields[fi];
            if (f->kind == KA_DOSSIER_TEXT || f->kind == KA_DOSSIER_LONG_TEXT)
                continue;
            ka_dossier *d = ka_dossier_new();
            set_ok(d, "id", "1");
            set_ok(d, "name", "A");
            const char *v = sample_value(f);
            if (!sec->record) {
                set_ok(d, f->key, v);
            } else {
                size_t r = add_ok(d, sec->key);
                if (strcmp(sec->key, "history") == 0) {
                    rec_ok(d, sec->key, r, "date", "2023-05-06");
                    rec_ok(d, sec->key, r, "kind", "call");
                } else {
                    rec_ok(d, sec->key, r, "name", "N");
                }
                if (strcmp(f->key, "amount") == 0 || strcmp(f->key, "currency") == 0) {
                    rec_ok(d, sec->key, r, "amount", "12.5");
                    rec_ok(d, sec->key, r, "currency", "EUR");
                } else {
                    rec_ok(d, sec->key, r, f->key, v);
                }
            }
            size_t len;
            char *xml = serialize_ok(d, &len);
            char written[96], spaced[128];
            for (size_t w = 0; w < sizeof spaces / sizeof spaces[0]; w++) {
                const char *before = spaces[w][0], *after = spaces[w][1];
                if (f->attribute) {
                    snprintf(written, sizeof written, "%s=\"%s\"", f->attribute, v);
                    snprintf(spaced, sizeof spaced, "%s=\"%s%s%s\"", f->attribute, before, v,
                             after);
                } else {
                    snprintf(written, sizeof written, ">%s<", v);
                    snprintf(spaced, sizeof spaced, ">%s%s%s<", before, v, after);
                }
                char *doc = replace_first(xml, written, spaced);
                int schema = schema_accepts(doc);
                int reader = ka_dossier_validate(doc, strlen(doc), NULL, NULL) == KA_OK;
                if (schema != reader)
                    fail_msg("schema %d, reader %d: %s", schema, reader, doc);
                if (f->kind == KA_DOSSIER_ENUM || f->kind == KA_DOSSIER_ENUM_LIST ||
                    f->kind == KA_DOSSIER_CURRENCY)
                    assert_true(schema);
                if (schema) {
                    ka_dossier *back = parse_ok(doc, strlen(doc));
                    assert_true(ka_dossier_equal(d, back));
                    ka_dossier_free(back);
                }
                if (f->kind == KA_DOSSIER_ENUM_LIST) {
                    /* Two items, each with white space around it. */
                    char two[256];
                    snprintf(two, sizeof two, ">%s%s%s</%s><%s>%s%s%s<", before, f->values[1].value,
                             after, f->element, f->element, before, v, after);
                    char *listed = replace_first(xml, written, two);
                    if (!schema_accepts(listed))
                        fail_msg("the schema refuses %s", listed);
                    ka_dossier *back = parse_ok(listed, strlen(listed));
                    char want[128];
                    snprintf(want, sizeof want, "%s, %s", f->values[1].value, v);
                    assert_string_equal(get(back, f->key), want);
                    ka_dossier_free(back);
                    free(listed);
                }
                free(doc);
            }
            free(xml);
            ka_dossier_free(d);
        }
    }
    /* The version attribute is a token too. */
    static const char spaced_version[] = "<dossier xmlns='" KA_DOSSIER_NS "' version=' 1&#10;'>"
                                         "<identity><id>1</id><name>A</name></identity></dossier>";
    assert_true(schema_accepts(spaced_version));
    ka_dossier_free(parse_ok(spaced_version, sizeof spaced_version - 1));
}

/* The document of the fuzzing report: a line feed inside a type item that is not the last, and a
 * value listed twice, which the schema also allows (it counts once). */
static void test_reader_accepts_type_items_the_schema_accepts(void **state)
{
    static const char xml[] = HEAD "<identity><id>1</id><name>A</name></identity>\n"
                                   "<classification>\n"
                                   "  <type>expert\n</type>\n"
                                   "  <type>\n    demanding\n  </type>\n"
                                   "  <type> expert </type>\n"
                                   "  <type>innovator</type>\n"
                                   "</classification>\n"
                                   "</dossier>\n";
    assert_true(schema_accepts(xml));
    ka_dossier *d = parse_ok(xml, sizeof xml - 1);
    assert_string_equal(get(d, "type"), "expert, demanding, innovator");
    /* Written back without the repeat, and read back equal. */
    size_t len;
    char *out = serialize_ok(d, &len);
    ka_dossier *back = parse_ok(out, len);
    assert_true(ka_dossier_equal(d, back));
    free(out);
    ka_dossier_free(back);
    ka_dossier_free(d);
}

/* Accepted oddities: comments, processing instructions, CDATA, character references, a prefix,
 * and a non-UTF-8 encoding declaration (the text is always read as UTF-8). */
static void test_accepted_variants(void **state)
{
    static const char xml[] =
        "<?xml version=\"1.0\" encoding=\"ISO-8859-1\"?>\n"
        "<!-- written by another tool -->\n"
        "<?keyaccount hint a=1 b=2 c=3 d=4 e=5 f=6 g=7 h=8 i=9 j=10 k=11 l=12 m=13 n=14 o=15 p=16 "
        "q=17?>\n"
        "<k:dossier xmlns:k=\"" KA_DOSSIER_NS "\" version='1'>\n"
        "  <k:identity>\n"
        "    <k:id><![CDATA[<Ķegums & co>]]></k:id>\n"
        "    <k:name>Jūrmala &#x10C;a&#269;ak &amp; Parañaque</k:name>\n"
        "  </k:identity>\n"
        "  <k:classification><k:stage> partnership </k:stage></k:classification>\n"
        "</k:dossier>\n";
    ka_dossier *d = parse_ok(xml, sizeof xml - 1);
    assert_string_equal(get(d, "id"), "<Ķegums & co>");
    assert_string_equal(get(d, "name"), "Jūrmala Čačak & Parañaque");
    assert_string_equal(get(d, "stage"), "partnership");
    ka_dossier_free(d);
}

/* The compiled schema is kept between parses; after ka_dossier_cleanup the
 * next parse compiles it again, and both give the same verdicts. */
static void test_schema_kept_and_recompiled(void **state)
{
    (void)state;
    static const char bad[] = HEAD "<identity><id>1</id><name>A</name></identity>"
                                   "<colour>red</colour></dossier>";
    for (int round = 0; round < 3; round++) {
        ka_dossier *d = parse_ok(MINIMAL, strlen(MINIMAL));
        assert_string_equal(get(d, "id"), "1");
        ka_dossier_free(d);
        expect_refused(bad, "element 'colour' invalid at line 1");
        if (round == 1)
            ka_dossier_cleanup();
    }
    ka_dossier_cleanup();
    ka_dossier_cleanup(); /* nothing kept: a no-op */
    char *reason = NULL;
    assert_int_equal(ka_dossier_validate(MINIMAL, strlen(MINIMAL), NULL, &reason), KA_OK);
    assert_null(reason);
}

/* ---------- documentation ---------- */

/* docs/dossier-format.md: its example is a valid dossier, and it names every DOSSIER() key and
 * every element. */
static void test_documentation_matches(void **state)
{
    char path[4096];
    snprintf(path, sizeof path, "%s", ka_test_data_path("../../docs/dossier-format.md"));
    size_t len;
    char *md = read_file(path, &len);
    if (!md)
        fail_msg("cannot read %s", path);
    const char *start = strstr(md, "```xml\n");
    assert_non_null(start);
    start += 7;
    const char *end = strstr(start, "```");
    assert_non_null(end);
    ka_dossier *d = parse_ok(start, (size_t)(end - start));
    assert_string_equal(get(d, "name"), "SIA Ķegums Enerģija");
    assert_string_equal(get(d, "manager"), "Ștefan Țară (Brașov office)");
    assert_string_equal(rget(d, "people", 0, "name"), "Григорій Сковорода");
    ka_dossier *built = realistic_profile();
    assert_same_dossier(d, built);
    ka_dossier_free(built);
    ka_dossier_free(d);

    char needle[128];
    for (size_t s = 0; s < ka_dossier_section_count(); s++) {
        const ka_dossier_section_def *sec = ka_dossier_section_at(s);
        for (size_t f = 0; f < sec->nfields; f++) {
            snprintf(needle, sizeof needle, "| `%s` |", sec->fields[f].key);
            if (!strstr(md, needle))
                fail_msg("docs lack the row of field '%s' (section %s)", sec->fields[f].key,
                         sec->key);
        }
    }
    for (size_t i = 0; i < ka_dossier_derived_count(); i++) {
        snprintf(needle, sizeof needle, "| `%s` |", ka_dossier_derived_at(i)->key);
        if (!strstr(md, needle))
            fail_msg("docs lack the row of derived field '%s'", ka_dossier_derived_at(i)->key);
    }
    assert_non_null(strstr(md, KA_DOSSIER_NS));
    assert_non_null(strstr(md, KA_DOSSIER_PROPERTY_PREFIX));
    free(md);
}

/* Fails unless *reason is want, then frees it. */
static void reason_is(char **reason, const char *want)
{
    assert_non_null(*reason);
    assert_string_equal(*reason, want);
    free(*reason);
    *reason = NULL;
}

/* The reasons in the caller's language (languages of po/LINGUAS): the formats of po/<lang>.po, the
 * fields by their translated labels, the codes and values as they are; NULL and "en" are English.
 */
static void test_reasons_in_a_language(void **state)
{
    ka_dossier *d = ka_dossier_new();
    assert_non_null(d);
    char *reason = NULL;
    assert_int_equal(ka_dossier_set(d, "next_review", "2023-02-29", "en", &reason), KA_ERR_ARG);
    reason_is(&reason, "Next review: must be a date YYYY-MM-DD");
    char want[512];
    const ka_dossier_section_def *cls = ka_dossier_section_find("classification");
    snprintf(want, sizeof want, "%s: jābūt datumam formātā YYYY-MM-DD",
             ka_tr_field("lv", cls, ka_dossier_section_field(cls, "next_review"), false));
    assert_int_equal(ka_dossier_set(d, "next_review", "2023-02-29", "lv", &reason), KA_ERR_ARG);
    reason_is(&reason, want);
    snprintf(want, sizeof want, "%s: jābūt vienam no: butterfly, partnership",
             ka_tr_field("lv", cls, ka_dossier_section_field(cls, "stage"), false));
    assert_int_equal(ka_dossier_set(d, "stage", "tauriņš", "lv", &reason), KA_ERR_ARG);
    reason_is(&reason, want); /* the codes stay: they are what DOSSIER() returns */
    assert_int_equal(ka_dossier_set(d, "colour", "red", "lv", &reason), KA_ERR_ARG);
    reason_is(&reason, "nezināms lauks “colour”");
    assert_int_equal(ka_dossier_check(ka_dossier_key_find("overdue"), "x", "uk", &reason),
                     KA_ERR_ARG);
    reason_is(&reason, "«overdue» обчислюється, його не можна задати");

    /* a record's required field, and an amount without its currency */
    const ka_dossier_section_def *people = ka_dossier_section_find("people");
    const ka_dossier_section_def *history = ka_dossier_section_find("history");
    size_t r, h;
    set_ok(d, "id", "K1");
    set_ok(d, "name", "A");
    assert_int_equal(ka_dossier_record_add(d, "people", &r), KA_OK);
    char *xml = NULL;
    size_t len = 0;
    assert_int_equal(ka_dossier_serialize(d, &xml, &len, "uk", &reason), KA_ERR_ARG);
    snprintf(want, sizeof want, "%s, запис 1: Поле «%s» обов’язкове",
             ka_tr_section("uk", people, false),
             ka_tr_field("uk", people, ka_dossier_section_field(people, "name"), false));
    reason_is(&reason, want);
    assert_int_equal(ka_dossier_record_remove(d, "people", r), KA_OK);
    assert_int_equal(ka_dossier_record_add(d, "history", &h), KA_OK);
    rec_ok(d, "history", h, "date", "2024-01-01");
    rec_ok(d, "history", h, "kind", "order");
    rec_ok(d, "history", h, "amount", "5");
    assert_int_equal(ka_dossier_serialize(d, &xml, &len, "tl", &reason), KA_ERR_ARG);
    snprintf(want, sizeof want, "%s, tala 1: Kapag may “%s”, kailangan din ang “%s”",
             ka_tr_section("tl", history, false),
             ka_tr_field("tl", history, ka_dossier_section_field(history, "amount"), false),
             ka_tr_field("tl", history, ka_dossier_section_field(history, "currency"), false));
    reason_is(&reason, want);
    assert_int_equal(ka_dossier_record_set(d, "history", h, "amount", "1,5", "tl", &reason),
                     KA_ERR_ARG);
    snprintf(want, sizeof want,
             "%s: dapat halaga gaya ng 1250 o -99.95 (hanggang 15 digit, tuldok, hanggang 6 na "
             "decimal)",
             ka_tr_field("tl", history, ka_dossier_section_field(history, "amount"), false));
    reason_is(&reason, want);
    ka_dossier_free(d);

    /* a damaged document: the XML's own names and the numbers stay */
    static const char dtd[] = "<!DOCTYPE d><d/>";
    assert_int_equal(ka_dossier_validate(dtd, strlen(dtd), "uk", &reason), KA_ERR_ARG);
    reason_is(&reason, "DTD не дозволено");
    static const char wrong[] = "<dossier xmlns=\"urn:x\" version=\"1\"/>";
    assert_int_equal(ka_dossier_validate(wrong, strlen(wrong), "lv", &reason), KA_ERR_ARG);
    reason_is(&reason, "nepareiza nosaukumvieta “urn:x” (gaidīta “urn:keyaccount:dossier:1”)");
    static const char bad_stage[] = "<dossier xmlns=\"urn:keyaccount:dossier:1\" version=\"1\">\n"
                                    "<identity><id>1</id><name>A</name></identity>\n"
                                    "<classification><stage>x</stage></classification></dossier>";
    assert_int_equal(ka_dossier_validate(bad_stage, strlen(bad_stage), "lv", &reason), KA_ERR_ARG);
    reason_is(&reason, "elements “stage” 3. rindā nav derīgs: jābūt vienam no: butterfly, "
                       "partnership");
    assert_int_equal(ka_dossier_validate(bad_stage, strlen(bad_stage), NULL, &reason), KA_ERR_ARG);
    reason_is(&reason, "element 'stage' invalid at line 3: must be one of: butterfly, partnership");
}

int main(void)
{
    const struct CMUnitTest tests[] = {
        cmocka_unit_test(test_tables_are_consistent),
        cmocka_unit_test(test_tables_match_schema),
        cmocka_unit_test(test_schema_and_model_agree_on_values),
        cmocka_unit_test(test_new_is_empty_and_free_accepts_null),
        cmocka_unit_test(test_set_get_and_refusals),
        cmocka_unit_test(test_type_list_is_canonical),
        cmocka_unit_test(test_records),
        cmocka_unit_test(test_reasons_in_a_language),
        cmocka_unit_test(test_copy_is_deep),
        cmocka_unit_test(test_equal_sees_every_difference),
        cmocka_unit_test(test_field_for_dossier_function),
        cmocka_unit_test(test_overdue),
        cmocka_unit_test(test_overdue_365_days),
        cmocka_unit_test(test_round_trip_multilingual),
        cmocka_unit_test(test_round_trip_special_text),
        cmocka_unit_test(test_round_trip_every_field),
        cmocka_unit_test(test_serialize_refuses_incomplete),
        cmocka_unit_test(test_size_cap_boundary),
        cmocka_unit_test(test_writer_output_is_read_back_up_to_the_cap),
        cmocka_unit_test(test_large_valid_dossier),
        cmocka_unit_test(test_billion_laughs),
        cmocka_unit_test(test_external_entities_are_never_read),
        cmocka_unit_test(test_malformed_documents),
        cmocka_unit_test(test_wrong_documents),
        cmocka_unit_test(test_huge_documents),
        cmocka_unit_test(test_accepted_variants),
        cmocka_unit_test(test_reader_accepts_white_space_the_schema_accepts),
        cmocka_unit_test(test_reader_accepts_type_items_the_schema_accepts),
        cmocka_unit_test(test_schema_kept_and_recompiled),
        cmocka_unit_test(test_documentation_matches),
        cmocka_unit_test(test_sort_choices_in_table_order),
    };
    int failed = cmocka_run_group_tests(tests, NULL, NULL);
    ka_dossier_cleanup();
    xmlCleanupParser();
    return failed;
}
