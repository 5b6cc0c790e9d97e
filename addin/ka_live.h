/* ka_live.h - live results: values Calc shows that the extension can
 * update later without a recalculation of the workbook.
 *
 * DOSSIER() returns a com.sun.star.sheet.XVolatileResult instead of a plain
 * value.  Calc registers a listener on it and shows the value the result
 * reports; when the sidebar saves a profile, ka_live_refresh recomputes the
 * results of that document and reports the changed ones, so only the
 * DOSSIER cells (and what depends on them) are recalculated, not the whole
 * workbook.  One result object exists per document and request key; Calc
 * finds its listener by the object, so the same object is handed out again
 * for the same request.  Listeners are told only outside Calc's evaluation
 * (telling them inside it breaks the cells that depend on the result:
 * Err:522), so an evaluation that finds a value they were not told (the
 * profile changed elsewhere, then a recalculation) answers it as a plain
 * value.  The registry is process-wide (both the add-in and the panel reach
 * it) and guarded by a mutex that is never held while calling LibreOffice. */
#ifndef KA_LIVE_H
#define KA_LIVE_H

#include "ka_uno.h"

/* The live result for request key (a string the caller builds so that
 * equal requests give equal keys) in document doc (any interface of the
 * document model; borrowed), with its current value (copied), for an
 * evaluation of the request by Calc; tells no listener.  Returns a new
 * reference, or NULL when the result's listeners were told another value
 * (the caller returns the plain value; ka_live_refresh tells them later)
 * or memory runs out. */
uno_Interface *ka_live_result(uno_Interface *doc, const char *key, const uno_Any *value);

/* Notes that request key of document doc gave an error (which Calc shows
 * as such): ka_live_refresh asks for a recalculation once it would not. */
void ka_live_note_error(uno_Interface *doc, const char *key);

/* Recomputes a request: writes the current value into *out (constructed by
 * the callee) and returns true, or returns false when the request now gives
 * an error (which a live result cannot show). */
typedef bool (*ka_live_compute)(void *ctx, uno_Interface *doc, const char *key, uno_Any *out);

/* Recomputes every live result of document doc with compute and reports
 * the changed values to Calc.  Returns false when the cells cannot be
 * brought up to date this way - a live request now gives an error, or a
 * request noted as an error now gives a value: the caller then recalculates
 * the workbook. */
bool ka_live_refresh(uno_Interface *doc, ka_live_compute compute, void *ctx);

#endif
