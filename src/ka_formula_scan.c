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

/* True when name (n bytes) is a function of the table, plain or after
 * service and a dot. */
static bool is_toolkit_name(const char *name, size_t n, const char *service)
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
        return false;
    char buf[NAME_MAX_BYTES];
    for (size_t i = 0; i < n; i++)
        buf[i] = upper(name[i]);
    buf[n] = '\0';
    return ka_function_find(buf) != NULL;
}

bool ka_formula_calls_toolkit(const char *formula, size_t len, const char *service)
{
    if (!formula)
        return false;
    size_t i = 0;
    while (i < len) {
        char c = formula[i];
        if (c == '"' || c == '\'') { /* a literal; a doubled quote stays inside it */
            i++;
            while (i < len) {
                if (formula[i] == c && i + 1 < len && formula[i + 1] == c)
                    i += 2;
                else if (formula[i++] == c)
                    break;
            }
        } else if (is_name_char(c)) {
            size_t start = i;
            while (i < len && is_name_char(formula[i]))
                i++;
            size_t end = i, j = i;
            while (j < len && formula[j] == ' ')
                j++;
            if (j < len && formula[j] == '(' &&
                is_toolkit_name(formula + start, end - start, service))
                return true;
        } else {
            i++;
        }
    }
    return false;
}
