/* ka_addin.h - the Calc add-in component (com.sun.star.sheet.AddIn). */
#ifndef KA_ADDIN_H
#define KA_ADDIN_H

#include "ka_uno.h"

#define KA_ADDIN_IMPL "org.keyaccount.calc.AddIn"
#define KA_ADDIN_SERVICE "org.keyaccount.calc.KeyAccount"
#define KA_ADDIN_INTERFACE "org.keyaccount.calc.XKeyAccount"

/* Services the add-in implementation supports (NULL-terminated). */
extern const char *const ka_addin_services[];

/* A new add-in object (one reference, released with ka_uno_release), or
 * NULL when out of memory.  context is the component context (borrowed). */
uno_Interface *ka_addin_new(uno_Interface *context);

#endif
