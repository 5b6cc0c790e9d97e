/* ka_dossier_calls.h - DOSSIER() on the UNO side, and the refresh of its
 * live results after a profile changed.  Profiles come from the shared
 * cache (ka_profiles.h). */
#ifndef KA_DOSSIER_CALLS_H
#define KA_DOSSIER_CALLS_H

#include "ka_functions.h"
#include "ka_uno.h"

/* Today's date as "YYYY-MM-DD" (local time) into buf[11]. */
void ka_dossier_today(char buf[11]);

/* DOSSIER(Document; Client; Field; [IfMissing]) is ka_handle_dossier
 * (ka_dispatch.h).  A valid request returns a live result (ka_live.h) that
 * ka_dossier_refresh updates after the sidebar saves; a client without a
 * profile gives IfMissing when it is given (a number or a text), and its
 * cell follows when a profile is created later.  Errors: an unknown client
 * without IfMissing, an unknown field, a damaged profile (with IfMissing
 * too: damaged is not missing), an IfMissing that is not one value, a
 * document without properties -> Err:502; out of memory -> #VALUE!.  Holds
 * no lock while calling LibreOffice. */

/* Brings the DOSSIER() cells of document up to date after its profiles
 * changed (borrowed document, any interface of it).  Returns false when
 * only a recalculation can do it (an error appears or disappears, or a
 * cell's listener was lost). */
bool ka_dossier_refresh(uno_Interface *document);

#endif
