/* ka_options.h - the extension's options page (Tools > Options > Key
 * Account Toolkit, or the Extension Manager's Options button): the
 * toolkit's language, "follow the interface" or one of ka_languages.
 *
 * The page is registration/OptionsPage.xdl (tools/ka_gen options), listed
 * by registration/OptionsDialog.xcu, which names this component as its
 * event handler (com.sun.star.awt.XContainerWindowEventHandler): the
 * dialog calls it with "initialize" when it shows the page and "ok" when
 * the user confirms.  Main thread (the dialog's), no lock. */
#ifndef KA_OPTIONS_H
#define KA_OPTIONS_H

#include "ka_uno.h"

#define KA_OPTIONS_IMPL "org.keyaccount.calc.OptionsHandler"

extern const char *const ka_options_services[];

/* A new handler (one reference), or NULL when out of memory.  context: the
 * component context (borrowed, acquired by the handler). */
uno_Interface *ka_options_new(uno_Interface *context);

#endif
