/* ka_review_plan.c - review plans: layout, references, templates (see
 * ka_review_plan.h). */
#include "ka_review_plan.h"

#include <stdio.h>
#include <stdlib.h>
#include <string.h>

const char *ka_plan_var_value(const ka_plan_run *run, const char *name)
{
    for (size_t i = 0; i < run->n_vars; i++)
        if (strcmp(run->vars[i].name, name) == 0)
            return run->vars[i].value;
    return NULL;
}

const ka_plan_list *ka_plan_list_find(const ka_plan_run *run, const char *name)
{
    for (size_t i = 0; i < run->n_lists; i++)
        if (strcmp(run->lists[i].name, name) == 0)
            return &run->lists[i];
    return NULL;
}

int ka_plan_applies(const ka_plan_run *run, const char *needs, const char *unless)
{
    return (!needs || ka_plan_var_value(run, needs)) &&
           (!unless || !ka_plan_var_value(run, unless));
}

/* The index of the present block named name[0..len-1] among the first
 * `before` blocks (two blocks may share a name when their needs exclude
 * each other), or plan->n_blocks. */
static size_t block_index(const ka_review_plan *plan, const ka_plan_rect *layout, size_t before,
                          const char *name, size_t len)
{
    for (size_t i = 0; i < before; i++) {
        const char *b = plan->blocks[i].name;
        if (b && layout[i].present && strlen(b) == len && memcmp(b, name, len) == 0)
            return i;
    }
    return plan->n_blocks;
}

static int size_of(const ka_plan_run *run, const char *name, size_t *value)
{
    for (size_t i = 0; i < run->n_sizes; i++)
        if (strcmp(run->sizes[i].name, name) == 0) {
            *value = run->sizes[i].value;
            return 1;
        }
    return 0;
}

ka_status ka_plan_layout(const ka_review_plan *plan, const ka_plan_run *run, ka_plan_rect *out)
{
    for (size_t i = 0; i < plan->n_blocks; i++) {
        const ka_plan_block *b = &plan->blocks[i];
        memset(&out[i], 0, sizeof out[i]);
        if (!ka_plan_applies(run, b->needs, b->unless))
            continue;
        long col = b->col, row = b->row;
        if (b->below) {
            size_t k = block_index(plan, out, i, b->below, strlen(b->below));
            if (k >= i)
                return KA_ERR_ARG;
            col += out[k].col0;
            row += (long)out[k].row1 + 1;
        }
        size_t extra = 0;
        if (b->extent && !size_of(run, b->extent, &extra))
            return KA_ERR_ARG;
        if (extra > KA_PLAN_MAX_ROWS)
            return KA_ERR_ARG;
        long rows = (long)b->rows + (long)extra;
        if (b->cols < 1 || rows < 1 || col < 0 || row < 0 || col + b->cols > KA_PLAN_MAX_COLS ||
            row + rows > KA_PLAN_MAX_ROWS)
            return KA_ERR_ARG;
        out[i] =
            (ka_plan_rect){1, (int)col, (int)row, (int)(col + b->cols - 1), (int)(row + rows - 1)};
    }
    return KA_OK;
}

/* Reads a 1-based number at *p (advancing it); 0 when there is none. */
static long read_number(const char **p, const char *end)
{
    long v = 0;
    int digits = 0;
    while (*p < end && **p >= '0' && **p <= '9' && v < KA_PLAN_MAX_ROWS) {
        v = v * 10 + (**p - '0');
        (*p)++;
        digits++;
    }
    return digits ? v : 0;
}

/* Resolves ref[0..len-1]; k is the row {@b.c.k} means (0: k not allowed). */
static ka_status resolve(const ka_review_plan *plan, const ka_plan_rect *layout, const char *ref,
                         size_t len, int k, ka_plan_rect *out)
{
    const char *end = ref + len, *dot = memchr(ref, '.', len);
    size_t b = block_index(plan, layout, plan->n_blocks, ref, dot ? (size_t)(dot - ref) : len);
    if (b >= plan->n_blocks)
        return KA_ERR_ARG;
    *out = layout[b];
    if (!dot)
        return KA_OK;
    const char *p = dot + 1;
    long c0 = read_number(&p, end), c1 = c0, r = 0;
    if (p < end && *p == '-') {
        p++;
        c1 = read_number(&p, end);
    } else if (p < end && *p == '.') {
        p++;
        if (p < end && *p == 'k' && k > 0) {
            r = k;
            p++;
        } else {
            r = read_number(&p, end);
            if (r == 0)
                return KA_ERR_ARG;
        }
    }
    int width = layout[b].col1 - layout[b].col0 + 1, height = layout[b].row1 - layout[b].row0 + 1;
    if (p != end || c0 < 1 || c1 < c0 || c1 > width || r > height)
        return KA_ERR_ARG;
    out->col0 = layout[b].col0 + (int)c0 - 1;
    out->col1 = layout[b].col0 + (int)c1 - 1;
    if (r > 0)
        out->row0 = out->row1 = layout[b].row0 + (int)r - 1;
    return KA_OK;
}

ka_status ka_plan_ref(const ka_review_plan *plan, const ka_plan_rect *layout, const char *ref,
                      size_t len, ka_plan_rect *out)
{
    return resolve(plan, layout, ref, len, 0, out);
}

void ka_plan_cell_name(int col, int row, char *buf)
{
    char letters[8];
    int n = 0;
    for (int c = col + 1; c > 0 && n < (int)sizeof letters; c = (c - 1) / 26)
        letters[n++] = (char)('A' + (c - 1) % 26);
    size_t at = 0;
    buf[at++] = '$';
    while (n > 0)
        buf[at++] = letters[--n];
    snprintf(buf + at, 16 - at, "$%d", row + 1);
}

/* A growing UTF-8 buffer. */
typedef struct text {
    char *s;
    size_t len, cap;
    int failed;
} text;

static void text_add(text *t, const char *s, size_t n)
{
    if (t->failed)
        return;
    if (t->len + n + 1 > t->cap) {
        size_t cap = t->cap ? t->cap : 64;
        while (cap < t->len + n + 1)
            cap *= 2;
        char *grown = realloc(t->s, cap);
        if (!grown) {
            t->failed = 1;
            return;
        }
        t->s = grown;
        t->cap = cap;
    }
    memcpy(t->s + t->len, s, n);
    t->len += n;
    t->s[t->len] = '\0';
}

/* Appends the A1 form of rect: one cell or a range. */
static void text_rect(text *t, const ka_plan_rect *r)
{
    char a[16], b[16];
    ka_plan_cell_name(r->col0, r->row0, a);
    text_add(t, a, strlen(a));
    if (r->col0 != r->col1 || r->row0 != r->row1) {
        ka_plan_cell_name(r->col1, r->row1, b);
        text_add(t, ":", 1);
        text_add(t, b, strlen(b));
    }
}

ka_status ka_plan_expand(const ka_review_plan *plan, const ka_plan_rect *layout,
                         const ka_plan_run *run, const char *tpl, int k, int j, char **out)
{
    *out = NULL;
    text t = {NULL, 0, 0, 0};
    text_add(&t, "", 0);
    ka_status st = KA_OK;
    for (const char *p = tpl; *p && st == KA_OK;) {
        if ((p[0] == '{' && p[1] == '{') || (p[0] == '}' && p[1] == '}')) {
            text_add(&t, p, 1);
            p += 2;
            continue;
        }
        if (*p == '}') {
            st = KA_ERR_ARG;
            break;
        }
        if (*p != '{') {
            size_t n = strcspn(p, "{}");
            text_add(&t, p, n);
            p += n;
            continue;
        }
        const char *close = strchr(p + 1, '}');
        if (!close || close == p + 1) {
            st = KA_ERR_ARG;
            break;
        }
        const char *name = p + 1;
        size_t len = (size_t)(close - name);
        char num[24];
        if (len == 1 && (*name == 'k' || *name == 'j')) {
            snprintf(num, sizeof num, "%d", *name == 'k' ? k : j);
            text_add(&t, num, strlen(num));
        } else if (*name == '@') {
            ka_plan_rect r;
            st = resolve(plan, layout, name + 1, len - 1, k, &r);
            if (st == KA_OK)
                text_rect(&t, &r);
        } else {
            const char *value = NULL;
            for (size_t i = 0; i < run->n_vars && !value; i++)
                if (strlen(run->vars[i].name) == len && memcmp(run->vars[i].name, name, len) == 0)
                    value = run->vars[i].value;
            if (!value)
                st = KA_ERR_ARG;
            else
                text_add(&t, value, strlen(value));
        }
        p = close + 1;
    }
    if (st == KA_OK && t.failed)
        st = KA_ERR_NOMEM;
    if (st != KA_OK) {
        free(t.s);
        return st;
    }
    *out = t.s;
    return KA_OK;
}
