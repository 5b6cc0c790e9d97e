/* ka_save_job.h - the job that runs before a spreadsheet is saved
 * (registration/Jobs.xcu: OnSave, OnSaveAs, OnSaveTo) and keeps the
 * toolkit's numeric single-cell results readable in a LibreOffice without
 * the extension (docs/notes-cached-values.md).
 *
 * LibreOffice's .ods importer recalculates, on load, every formula cell
 * with a numeric result that carries no table:style-name, to infer a
 * number format for it; without the extension that gives #NAME?.  The job
 * gives every such cell whose formula calls the toolkit (not an array
 * formula, no cell style of its own) the named cell style "Key account
 * result": parent Default, no attributes of its own, so the cells look
 * the same, and the file then keeps their last values.
 *
 * LibreOffice's job executor calls the job synchronously from the save,
 * on the saving thread (the main thread from the menu, a bridge thread
 * from a remote store()), under its own SolarMutex; the job holds no lock
 * of ours.  Whatever fails, it returns normally (traced with KA_TRACE=1),
 * so the save goes on: the job never blocks or breaks the user's save. */
#ifndef KA_SAVE_JOB_H
#define KA_SAVE_JOB_H

#include "ka_status.h"
#include "ka_uno.h"

#define KA_SAVE_JOB_IMPL "org.keyaccount.calc.SaveJob"

extern const char *const ka_save_job_services[];

/* A new job (one reference, com.sun.star.task.XJob), or NULL when out of
 * memory.  context: the component context (borrowed, acquired by the job). */
uno_Interface *ka_save_job_new(uno_Interface *context);

#endif
