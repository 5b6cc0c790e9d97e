/* ka_formula_scan.c - finding the toolkit's functions in a formula's text
 * (see ka_formula_scan.h). */
#include "ka_formula_scan.h"

#include "ka_functions.h"

#include <string.h>

/* Longest function name compared; longer names are none of the table's. */
#define NAME_MAX_BYTES 64

static bool is_name_char(char c)
{
    return (c >= 'A' && c <= 'Z') || (c >= 'a' && c <= 'z') || (c >= '0' && c <= '9') || c == '_' ||
           c == '.' || (unsigned char)c >= 0x80;
}

static char upper(char c)
{
    return (c >= 'a' && c <= 'z') ? (char)(c - 'a' + 'A') : c;
}

/* The function of the table that name (n bytes) is, plain or after
 * service and a dot, or NULL. */
static const ka_func_info *toolkit_function(const char *name, size_t n, const char *service)
{
    size_t sn = service ? strlen(service) : 0;
    if (sn && n > sn + 1 && name[sn] == '.') {
        size_t i = 0;
        while (i < sn && upper(name[i]) == upper(service[i]))
            i++;
        if (i == sn) {
            name += sn + 1;
            n -= sn + 1;
        }
    }
    if (n == 0 || n >= NAME_MAX_BYTES)
        return NULL;
    char buf[NAME_MAX_BYTES];
    for (size_t i = 0; i < n; i++)
        buf[i] = upper(name[i]);
    buf[n] = '\0';
    return ka_function_find(buf);
}

/* The index just past the string literal or quoted name starting at i. */
static size_t skip_quoted(const char *formula, size_t len, size_t i)
{
    char c = formula[i++];
    while (i < len) {
        if (formula[i] == c && i + 1 < len && formula[i + 1] == c)
            i += 2; /* a doubled quote stays inside it */
        else if (formula[i++] == c)
            break;
    }
    return i;
}

const ka_func_info *ka_formula_first_call(const char *formula, size_t len, const char *service,
                                          size_t *open)
{
    if (!formula)
        return NULL;
    size_t i = 0;
    while (i < len) {
        char c = formula[i];
        if (c == '"' || c == '\'') {
            i = skip_quoted(formula, len, i);
        } else if (is_name_char(c)) {
            size_t start = i;
            while (i < len && is_name_char(formula[i]))
                i++;
            size_t end = i, j = i;
            while (j < len && formula[j] == ' ')
                j++;
            const ka_func_info *fn = j < len && formula[j] == '('
                                         ? toolkit_function(formula + start, end - start, service)
                                         : NULL;
            if (fn) {
                if (open)
                    *open = j;
                return fn;
            }
        } else {
            i++;
        }
    }
    return NULL;
}

bool ka_formula_calls_toolkit(const char *formula, size_t len, const char *service)
{
    return ka_formula_first_call(formula, len, service, NULL) != NULL;
}

size_t ka_formula_call_args(const char *formula, size_t len, size_t open, size_t (*spans)[2],
                            size_t max)
{
    size_t n = 0, depth = 0, start = open + 1;
    for (size_t i = open + 1; i < len;) {
        char c = formula[i];
        if (c == '"' || c == '\'') {
            i = skip_quoted(formula, len, i);
            continue;
        }
        if (c == '(' || c == '{') {
            depth++;
        } else if ((c == ')' || c == '}') && depth > 0) {
            depth--;
        } else if (depth == 0 && (c == ';' || c == ')')) {
            if (n == max)
                return (size_t)-1;
            size_t a = start, b = i;
            while (a < b && formula[a] == ' ')
                a++;
            while (b > a && formula[b - 1] == ' ')
                b--;
            spans[n][0] = a;
            spans[n][1] = b;
            n++;
            if (c == ')')
                return n == 1 && a == b ? 0 : n; /* "F()" has no argument */
            start = i + 1;
        }
        i++;
    }
    return (size_t)-1;
}
