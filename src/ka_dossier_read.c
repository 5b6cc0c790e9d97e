/* ka_dossier_read.c - reading a dossier document: the pre-scan of the raw bytes (UTF-8, no DTD,
 * attribute counts), the libxml2 parse with its element and depth limits, the embedded RELAX NG
 * schema (compiled once, also used by ka_dossier_write.c), and the tree -> model step.  See
 * ka_dossier.h for what is refused and why. */
#include "ka_dossier.h"

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

#include "ka_dossier_private.h"
#include "ka_i18n.h"

/* The schema src/ka_dossier.rng, embedded by tools/embed.py (build/gen/ka_dossier_rng.c). */
extern const char ka_dossier_rng[];
extern const size_t ka_dossier_rng_len;

/* libxml2 2.12 made the structured error handler take a const error. */
#if LIBXML_VERSION >= 21200
#define KA_XML_ERROR const xmlError
#else
#define KA_XML_ERROR xmlError
#endif

/* What one parse collects: the first refusal or error, and the counters of the limits. */
typedef struct ka_dossier_parse_state {
    const char *lang; /* of the reason */
    char *reason;
    int nomem;
    size_t elements, depth;
    startElementNsSAX2Func start;
    endElementNsSAX2Func end;
} ka_dossier_parse_state;

/* One line of a libxml2 message: without the trailing newline, inner newlines as spaces. */
static char *message_text(const char *msg, const char *lang)
{
    char *s = strdup(msg ? msg : ka_msg(lang, KA_MSG_REASON_UNKNOWN_ERROR));
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
    char *msg = message_text(err->message, st->lang);
    state_reason(st, msg ? ka_dossier_reason(st->lang, KA_MSG_REASON_XML, err->line, msg) : NULL);
    free(msg);
}

static void on_internal_subset(void *ctx, const xmlChar *name, const xmlChar *public_id,
                               const xmlChar *system_id)
{
    xmlParserCtxtPtr ctxt = ctx;
    ka_dossier_parse_state *st = ctxt->_private;
    parse_refuse(ctxt, ka_dossier_reason(st->lang, KA_MSG_REASON_DTD));
}

static void on_start_element(void *ctx, const xmlChar *localname, const xmlChar *prefix,
                             const xmlChar *uri, int nb_namespaces, const xmlChar **namespaces,
                             int nb_attributes, int nb_defaulted, const xmlChar **attributes)
{
    xmlParserCtxtPtr ctxt = ctx;
    ka_dossier_parse_state *st = ctxt->_private;
    if (++st->elements > KA_DOSSIER_MAX_ELEMENTS) {
        parse_refuse(ctxt,
                     ka_dossier_reason(st->lang, KA_MSG_REASON_ELEMENTS, KA_DOSSIER_MAX_ELEMENTS));
        return;
    }
    if (++st->depth > KA_DOSSIER_MAX_DEPTH) {
        parse_refuse(ctxt, ka_dossier_reason(st->lang, KA_MSG_REASON_DEPTH, KA_DOSSIER_MAX_DEPTH));
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
    char *msg = message_text(err->message, st->lang);
    xmlNodePtr node = err->node;
    if (!msg)
        state_reason(st, NULL);
    else if (node && node->type == XML_ELEMENT_NODE && xmlGetLineNo(node) > 0)
        state_reason(st, ka_dossier_reason(st->lang, KA_MSG_REASON_ELEMENT,
                                           (const char *)node->name, xmlGetLineNo(node), msg));
    else if (node && node->type == XML_ELEMENT_NODE) /* a tree built by the writer */
        state_reason(st, ka_dossier_reason(st->lang, KA_MSG_REASON_ELEMENT_TREE,
                                           (const char *)node->name, msg));
    else
        state_reason(st, ka_dossier_reason(st->lang, KA_MSG_REASON_SCHEMA, msg));
    free(msg);
}

/* ===== Pre-scan of the raw bytes ===== */

/* A document must be UTF-8 without NUL bytes.  Checked before libxml2 runs, so that no byte-order
 * mark or encoding declaration makes it read another encoding, and the markup scan below sees the
 * characters the parser will see.  Returns NULL or a malloc'ed reason (*nomem set when that
 * allocation failed). */
static char *document_encoding_problem(const char *xml, size_t len, const char *lang, int *nomem)
{
    const unsigned char *p = (const unsigned char *)xml;
    long line = 1;
    char *r = NULL;
    *nomem = 0;
    for (size_t i = 0; i < len;) {
        uint32_t c;
        size_t n = p[i] ? ka_dossier_utf8_next(p + i, len - i, &c) : 0;
        if (n) {
            line += p[i] == '\n';
            i += n;
            continue;
        }
        if (p[i])
            r = ka_dossier_reason(lang, KA_MSG_REASON_DOCUMENT_UTF8, line, i + 1, (unsigned)p[i]);
        else
            r = ka_dossier_reason(lang, KA_MSG_REASON_DOCUMENT_NUL, line, i + 1);
        *nomem = !r;
        break;
    }
    return r;
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
static char *scan_markup(const char *xml, size_t len, const char *lang, int *nomem)
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
            r = ka_dossier_reason(lang, KA_MSG_REASON_DTD);
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
                r = ka_dossier_reason(lang, KA_MSG_REASON_ATTRIBUTES, line,
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

/* ===== libxml2 parse ===== */

/* Reads xml into a tree, refusing DTDs and documents over the limits.  Returns the document or
 * NULL with a status and a reason. */
static xmlDocPtr read_document(const char *xml, size_t len, const char *lang, ka_status *status,
                               char **reason)
{
    ka_dossier_parse_state st = {.lang = lang};
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
    ka_dossier_give_reason(reason, st.reason ? st.reason
                                             : ka_dossier_reason(lang, KA_MSG_REASON_XML_PLAIN));
    return NULL;
}

/* ===== RELAX NG schema ===== */

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

ka_status ka_dossier_tree_validate(xmlDocPtr doc, const char *lang, char **reason)
{
    ka_dossier_parse_state st = {.lang = lang};
    ka_status status = KA_ERR_NOMEM;
    xmlRelaxNGValidCtxtPtr vctxt = NULL;
    xmlRelaxNGPtr schema = schema_get(&st);
    if (st.nomem)
        goto done;
    if (!schema) {
        /* Only a broken build gets here; the unit tests compile the schema. */
        status = KA_ERR_ARG;
        ka_dossier_give_reason(
            reason,
            ka_dossier_reason(lang, KA_MSG_REASON_SCHEMA_BROKEN,
                              st.reason ? st.reason : ka_msg(lang, KA_MSG_REASON_UNKNOWN_ERROR)));
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
        ka_dossier_give_reason(
            reason, st.reason ? st.reason : ka_dossier_reason(lang, KA_MSG_REASON_SCHEMA_PLAIN));
        st.reason = NULL;
    }
done:
    free(st.reason);
    xmlRelaxNGFreeValidCtxt(vctxt);
    return status;
}

/* ===== Tree -> model ===== */

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

/* The span of s without the XML white space at its ends: returns its start, *len its length. */
static const char *xml_trimmed(const char *s, size_t *len)
{
    const char *end = s + strlen(s);
    while (s < end && ka_dossier_is_xml_space(*s))
        s++;
    while (end > s && ka_dossier_is_xml_space(end[-1]))
        end--;
    *len = (size_t)(end - s);
    return s;
}

/* The root must be <dossier version="1"> in our namespace; checked before the schema so that the
 * reason names the real problem. */
static ka_status check_root(xmlDocPtr doc, const char *lang, char **reason)
{
    xmlNodePtr root = xmlDocGetRootElement(doc);
    char *r = NULL;
    if (!root)
        r = ka_dossier_reason(lang, KA_MSG_REASON_NO_ROOT);
    else if (!root->ns || !root->ns->href)
        r = ka_dossier_reason(lang, KA_MSG_REASON_NO_NAMESPACE, KA_DOSSIER_NS);
    else if (!in_namespace(root))
        r = ka_dossier_reason(lang, KA_MSG_REASON_NAMESPACE, (const char *)root->ns->href,
                              KA_DOSSIER_NS);
    else if (strcmp((const char *)root->name, "dossier") != 0)
        r = ka_dossier_reason(lang, KA_MSG_REASON_ROOT, (const char *)root->name);
    else if (!xmlHasNsProp(root, BAD_CAST "version", NULL))
        r = ka_dossier_reason(lang, KA_MSG_REASON_NO_VERSION, KA_DOSSIER_VERSION);
    else {
        /* There is one, so NULL means out of memory.  The schema's token type strips XML white
         * space from the ends of the value. */
        xmlChar *version = xmlGetNoNsProp(root, BAD_CAST "version");
        if (!version)
            return KA_ERR_NOMEM;
        size_t len;
        const char *v = xml_trimmed((const char *)version, &len);
        if (len != strlen(KA_DOSSIER_VERSION) || memcmp(v, KA_DOSSIER_VERSION, len) != 0)
            r = ka_dossier_reason(lang, KA_MSG_REASON_VERSION, (const char *)version,
                                  KA_DOSSIER_VERSION);
        xmlFree(version);
        if (!r)
            return KA_OK;
    }
    if (!r)
        return KA_ERR_NOMEM;
    ka_dossier_give_reason(reason, r);
    return KA_ERR_ARG;
}

/* The value element n holds for field f (its text, or its attribute f->attribute), without the
 * XML white space at its ends unless f is free text: the schema's token type (enumerations,
 * currencies) strips it from each element, each item of a list included; for numbers and dates
 * the schema's patterns refuse it, and the schema has the last word.  KA_OK with *text malloc'ed,
 * or NULL for an absent attribute; KA_ERR_NOMEM. */
static ka_status element_value(xmlNodePtr n, const ka_dossier_field_def *f, char **text)
{
    *text = NULL;
    if (f->attribute && !xmlHasNsProp(n, BAD_CAST f->attribute, NULL))
        return KA_OK;
    /* Present, so NULL means out of memory. */
    xmlChar *part = f->attribute ? xmlGetNoNsProp(n, BAD_CAST f->attribute) : xmlNodeGetContent(n);
    if (!part)
        return KA_ERR_NOMEM;
    size_t len = strlen((const char *)part);
    const char *from = (const char *)part;
    if (f->kind != KA_DOSSIER_TEXT && f->kind != KA_DOSSIER_LONG_TEXT)
        from = xml_trimmed(from, &len);
    *text = strndup(from, len);
    xmlFree(part);
    return *text ? KA_OK : KA_ERR_NOMEM;
}

/* Whether item is one of the items of list ("a, b, c"). */
static bool list_has(const char *list, const char *item)
{
    size_t n = strlen(item);
    for (const char *p = list;; p += 2) {
        if (strncmp(p, item, n) == 0 && (p[n] == '\0' || p[n] == ','))
            return true;
        p = strstr(p, ", ");
        if (!p)
            return false;
    }
}

/* Reads the fields of one section or record element into values[].  An ENUM_LIST field joins
 * the values of its elements with ", ", each value once: the schema lets a value repeat, which
 * adds nothing.  The list stays as short as the field's table however many elements repeat, so
 * the pass is linear in the number of elements. */
static ka_status fields_from_xml(xmlNodePtr parent, const ka_dossier_section_def *s, char **values,
                                 const char *lang, char **reason)
{
    for (size_t i = 0; i < s->nfields; i++) {
        const ka_dossier_field_def *f = &s->fields[i];
        char *text = NULL;
        xmlNodePtr where = NULL;
        bool done = false;
        for (xmlNodePtr n = next_element(parent->children); n && !done; n = next_element(n->next)) {
            if (!in_namespace(n) || strcmp((const char *)n->name, f->element) != 0)
                continue;
            char *item;
            ka_status st = element_value(n, f, &item);
            if (st != KA_OK) {
                free(text);
                return st;
            }
            if (!item)
                break;
            done = f->kind != KA_DOSSIER_ENUM_LIST;
            if (!done && text && list_has(text, item)) {
                free(item);
                continue;
            }
            /* After an item that is not a value the list is refused: reading on adds nothing. */
            done = done || !ka_dossier_enum_find(f->values, item, strlen(item));
            char *joined = item;
            if (text) {
                joined = ka_dossier_format("%s, %s", text, item);
                free(item);
                free(text);
                if (!joined)
                    return KA_ERR_NOMEM;
            }
            text = joined;
            where = n;
        }
        if (!text)
            continue;
        char *problem;
        ka_status st = ka_dossier_slot_set(&values[i], f, text, lang, &problem);
        free(text);
        if (st == KA_ERR_ARG) {
            /* the XML's own names: what a reader of the document looks for */
            char *r = f->attribute ? ka_dossier_reason(lang, KA_MSG_REASON_ATTRIBUTE, f->attribute,
                                                       f->element, xmlGetLineNo(where), problem)
                                   : ka_dossier_reason(lang, KA_MSG_REASON_ELEMENT, f->element,
                                                       xmlGetLineNo(where), problem);
            free(problem);
            if (!r)
                return KA_ERR_NOMEM;
            ka_dossier_give_reason(reason, r);
        }
        if (st != KA_OK)
            return st;
    }
    return KA_OK;
}

/* Builds the model from the known elements of a tree (any tree: it runs before the schema). */
static ka_status model_from_tree(xmlDocPtr doc, ka_dossier **out, const char *lang, char **reason)
{
    ka_dossier *d = ka_dossier_new();
    if (!d)
        return KA_ERR_NOMEM;
    ka_status st = KA_OK;
    xmlNodePtr root = xmlDocGetRootElement(doc);
    for (xmlNodePtr sn = next_element(root->children); sn && st == KA_OK;
         sn = next_element(sn->next)) {
        const ka_dossier_section_def *s = NULL;
        for (size_t i = 0; i < KA_DOSSIER_NSECTIONS && !s; i++)
            if (in_namespace(sn) &&
                strcmp((const char *)sn->name, ka_dossier_sections[i].element) == 0)
                s = &ka_dossier_sections[i];
        if (!s)
            continue; /* the schema allows none; be safe anyway */
        ka_dossier_section_data *sd = &d->data[ka_dossier_section_index(s)];
        if (!s->record) {
            st = fields_from_xml(sn, s, sd->values, lang, reason);
            continue;
        }
        for (xmlNodePtr rn = next_element(sn->children); rn && st == KA_OK;
             rn = next_element(rn->next)) {
            st = ka_dossier_record_append(sd, s->nfields);
            if (st == KA_OK)
                st = fields_from_xml(rn, s, sd->records[sd->count - 1], lang, reason);
        }
    }
    if (st != KA_OK) {
        ka_dossier_free(d);
        return st;
    }
    *out = d;
    return KA_OK;
}

ka_status ka_dossier_parse(const char *xml, size_t len, ka_dossier **out, const char *lang,
                           char **reason)
{
    if (reason)
        *reason = NULL;
    if (out)
        *out = NULL;
    if ((!xml && len) || !out) {
        ka_dossier_give_reason(reason, ka_dossier_reason(lang, KA_MSG_REASON_NO_DOCUMENT));
        return KA_ERR_ARG;
    }
    if (len > KA_DOSSIER_MAX_BYTES) {
        ka_dossier_give_reason(
            reason, ka_dossier_reason(lang, KA_MSG_REASON_TOO_LARGE, len, KA_DOSSIER_MAX_BYTES));
        return KA_ERR_ARG;
    }
    int nomem;
    char *refusal = document_encoding_problem(xml ? xml : "", len, lang, &nomem);
    if (!refusal && !nomem)
        refusal = scan_markup(xml ? xml : "", len, lang, &nomem);
    if (refusal || nomem) {
        ka_dossier_give_reason(reason, refusal);
        return nomem ? KA_ERR_NOMEM : KA_ERR_ARG;
    }
    ka_status st;
    xmlDocPtr doc = read_document(xml ? xml : "", len, lang, &st, reason);
    if (!doc)
        return st;
    /* The model's own checks first: their reasons are precise ("'id' is required", "must be one
     * of: ..."); the schema then has the last word on everything, structure included. */
    ka_dossier *d = NULL;
    st = check_root(doc, lang, reason);
    if (st == KA_OK)
        st = model_from_tree(doc, &d, lang, reason);
    if (st == KA_OK)
        st = ka_dossier_check_complete(d, lang, reason);
    if (st == KA_OK)
        st = ka_dossier_tree_validate(doc, lang, reason);
    xmlFreeDoc(doc);
    if (st != KA_OK) {
        ka_dossier_free(d);
        return st;
    }
    *out = d;
    return KA_OK;
}

ka_status ka_dossier_validate(const char *xml, size_t len, const char *lang, char **reason)
{
    ka_dossier *d = NULL;
    ka_status st = ka_dossier_parse(xml, len, &d, lang, reason);
    ka_dossier_free(d);
    return st;
}
