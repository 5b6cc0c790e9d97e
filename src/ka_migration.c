/* ka_migration.c - the class-migration table (see ka_migration.h).
 *
 * Every label occurrence is sorted once (qsort of references), which gives
 * both the ascending class order and each row's class numbers; the
 * weighted form then sorts (cell, weight) pairs so that each cell's sum is
 * the same whatever the order of the rows. */
#include "ka_migration.h"

#include <math.h>
#include <stdint.h>
#include <stdlib.h>
#include <string.h>

static int ka_migration_label_cmp(const ka_label *a, const ka_label *b)
{
    const size_t n = a->len < b->len ? a->len : b->len;
    const int c = n ? memcmp(a->text, b->text, n) : 0;
    if (c != 0)
        return c;
    return (a->len > b->len) - (a->len < b->len);
}

/* One label occurrence: pos < n is From's row pos, else To's row pos - n. */
typedef struct ka_migration_ref {
    const ka_label *label;
    size_t pos;
} ka_migration_ref;

static int ka_migration_ref_cmp(const void *a, const void *b)
{
    return ka_migration_label_cmp(((const ka_migration_ref *)a)->label,
                                  ((const ka_migration_ref *)b)->label);
}

typedef struct ka_migration_pair {
    size_t cell;
    double weight;
} ka_migration_pair;

static int ka_migration_pair_cmp(const void *a, const void *b)
{
    const ka_migration_pair *p = a, *q = b;
    if (p->cell != q->cell)
        return p->cell < q->cell ? -1 : 1;
    return (p->weight > q->weight) - (p->weight < q->weight);
}

void ka_migration_free(ka_migration *m)
{
    if (!m)
        return;
    for (size_t i = 0; m->labels && i < m->n_labels; i++)
        free(m->labels[i]);
    free(m->labels);
    free(m->label_lens);
    free(m->cells);
    free(m);
}

/* Numbers the classes: class_of[i] (from) and class_of[n + i] (to) get the
 * class of each row's labels, SIZE_MAX for no class, and m gets the labels
 * (has_empty is left to the caller).  Returns KA_ERR_ARG for too many labels, or KA_ERR_NOMEM. */
static ka_status ka_migration_classes(const ka_label *from, const ka_label *to, size_t n,
                                      ka_migration *m, size_t *class_of)
{
    ka_migration_ref *refs = malloc((n ? 2 * n : 1) * sizeof *refs);
    if (!refs)
        return KA_ERR_NOMEM;
    size_t n_refs = 0;
    for (size_t i = 0; i < 2 * n; i++) {
        const ka_label *l = i < n ? &from[i] : &to[i - n];
        class_of[i] = SIZE_MAX;
        if (l->text)
            refs[n_refs++] = (ka_migration_ref){l, i};
    }
    qsort(refs, n_refs, sizeof *refs, ka_migration_ref_cmp);
    size_t k = 0;
    for (size_t i = 0; i < n_refs; i++)
        k += i == 0 || ka_migration_label_cmp(refs[i - 1].label, refs[i].label) != 0;
    ka_status st = KA_OK;
    if (k > KA_MIGRATION_MAX_LABELS) {
        st = KA_ERR_ARG;
        goto done;
    }
    m->labels = calloc(k ? k : 1, sizeof *m->labels);
    m->label_lens = malloc((k ? k : 1) * sizeof *m->label_lens);
    if (!m->labels || !m->label_lens) {
        st = KA_ERR_NOMEM;
        goto done;
    }
    m->n_labels = k;
    size_t c = SIZE_MAX;
    for (size_t i = 0; i < n_refs; i++) {
        const ka_label *l = refs[i].label;
        if (i == 0 || ka_migration_label_cmp(refs[i - 1].label, l) != 0) {
            c++;
            if (!(m->labels[c] = malloc(l->len + 1))) {
                st = KA_ERR_NOMEM;
                goto done;
            }
            if (l->len)
                memcpy(m->labels[c], l->text, l->len);
            m->labels[c][l->len] = '\0';
            m->label_lens[c] = l->len;
        }
        class_of[refs[i].pos] = c;
    }
done:
    free(refs);
    return st;
}

ka_status ka_migration_new(const ka_label *from, const ka_label *to, const double *weights,
                           size_t n, ka_migration **out)
{
    *out = NULL;
    if (n > 0 && (!from || !to))
        return KA_ERR_ARG;
    for (size_t i = 0; weights && i < n; i++)
        if ((from[i].text || to[i].text) &&
            !(isfinite(weights[i]) && fabs(weights[i]) <= KA_MIGRATION_MAX_WEIGHT))
            return KA_ERR_ARG;
    if (n > SIZE_MAX / 2 / sizeof(size_t))
        return KA_ERR_NOMEM;
    ka_migration *m = calloc(1, sizeof *m);
    size_t *class_of = malloc((n ? 2 * n : 1) * sizeof *class_of);
    ka_migration_pair *pairs = NULL;
    ka_status st = m && class_of ? KA_OK : KA_ERR_NOMEM;
    if (st == KA_OK)
        st = ka_migration_classes(from, to, n, m, class_of);
    if (st != KA_OK)
        goto done;
    /* no class in both periods is not a client, and needs no "-" */
    for (size_t i = 0; i < n; i++)
        if ((class_of[i] == SIZE_MAX) != (class_of[n + i] == SIZE_MAX))
            m->has_empty = 1;
    const size_t k = m->n_labels + (size_t)m->has_empty, w = k + 1;
    if (!(m->cells = calloc(w * w, sizeof *m->cells))) {
        st = KA_ERR_NOMEM;
        goto done;
    }
    if (weights && !(pairs = malloc((n ? n : 1) * sizeof *pairs))) {
        st = KA_ERR_NOMEM;
        goto done;
    }
    size_t n_pairs = 0;
    for (size_t i = 0; i < n; i++) {
        size_t a = class_of[i], b = class_of[n + i];
        if (a == SIZE_MAX && b == SIZE_MAX)
            continue;
        a = a == SIZE_MAX ? k - 1 : a;
        b = b == SIZE_MAX ? k - 1 : b;
        if (pairs)
            pairs[n_pairs++] = (ka_migration_pair){a * w + b, weights[i]};
        else
            m->cells[a * w + b] += 1.0;
    }
    if (pairs) {
        qsort(pairs, n_pairs, sizeof *pairs, ka_migration_pair_cmp);
        for (size_t i = 0; i < n_pairs; i++)
            m->cells[pairs[i].cell] += pairs[i].weight;
    }
    for (size_t i = 0; i < k; i++)
        for (size_t j = 0; j < k; j++) {
            m->cells[i * w + k] += m->cells[i * w + j];
            m->cells[k * w + j] += m->cells[i * w + j];
        }
    for (size_t i = 0; i < k; i++)
        m->cells[k * w + k] += m->cells[i * w + k];
done:
    free(class_of);
    free(pairs);
    if (st != KA_OK) {
        ka_migration_free(m);
        return st;
    }
    *out = m;
    return KA_OK;
}
