/* ka_dossier_write.c - writing a dossier: the model -> tree step, the serialisation as indented
 * UTF-8, and the checks that make what is written readable by ka_dossier_parse (the size cap, the
 * RELAX NG schema on the tree itself).  See ka_dossier.h. */
#include "ka_dossier.h"

#include <stdio.h>
#include <stdlib.h>
#include <string.h>

#include <libxml/parser.h>
#include <libxml/tree.h>

#include "ka_dossier_private.h"

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

/* Builds the document of d under doc, in table order, leaving out unset fields and empty
 * sections.  KA_ERR_NOMEM. */
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
    for (size_t s = 0; s < KA_DOSSIER_NSECTIONS; s++) {
        const ka_dossier_section_def *sec = &ka_dossier_sections[s];
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

/* The checks ka_dossier_parse applies, made on the text and the tree just built, so that what is
 * written is read back: the byte cap, then the schema on the tree itself (the text is not parsed
 * again).  The parser's other limits cannot be reached: the tree is 4 levels deep with at most 2
 * attributes a tag, its text is checked UTF-8 without a DTD, and every element takes at least 21
 * bytes with its indentation ("      <name>a</name>\n"), so 50000 elements pass the byte cap
 * first (tests/unit/test_dossier.c fills a dossier up to the cap and reads it back). */
static ka_status check_output(xmlDocPtr doc, int size, const char *lang, char **reason)
{
    if ((size_t)size > KA_DOSSIER_MAX_BYTES) {
        ka_dossier_give_reason(reason, ka_dossier_reason(lang, KA_MSG_REASON_TOO_LARGE,
                                                         (size_t)size, KA_DOSSIER_MAX_BYTES));
        return KA_ERR_ARG;
    }
    return ka_dossier_tree_validate(doc, lang, reason);
}

ka_status ka_dossier_serialize(const ka_dossier *d, char **xml, size_t *len, const char *lang,
                               char **reason)
{
    if (reason)
        *reason = NULL;
    if (xml)
        *xml = NULL;
    if (len)
        *len = 0;
    if (!d || !xml || !len)
        return KA_ERR_ARG;
    ka_status st = ka_dossier_check_complete(d, lang, reason);
    if (st != KA_OK)
        return st;
    xmlInitParser();
    xmlDocPtr doc = xmlNewDoc(BAD_CAST "1.0");
    if (!doc)
        return KA_ERR_NOMEM;
    st = tree_from_model(d, doc);
    xmlChar *mem = NULL;
    int size = 0;
    if (st == KA_OK) {
        xmlDocDumpFormatMemoryEnc(doc, &mem, &size, "UTF-8", 1);
        st = mem && size >= 0 ? check_output(doc, size, lang, reason) : KA_ERR_NOMEM;
    }
    xmlFreeDoc(doc);
    char *out = st == KA_OK ? malloc((size_t)size + 1) : NULL;
    if (out) {
        memcpy(out, mem, (size_t)size);
        out[size] = '\0';
    } else if (st == KA_OK) {
        st = KA_ERR_NOMEM;
    }
    xmlFree(mem);
    if (st != KA_OK)
        return st;
    *xml = out;
    *len = (size_t)size;
    return KA_OK;
}
