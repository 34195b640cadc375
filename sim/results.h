/* results.h — the results database (SQLite).
 *
 * One file per run (or per sweep): tables runs, summary, nodes, tasks,
 * reasons.  A run is written in one transaction into a temporary file that
 * is renamed over the target only when complete, so an interrupted run
 * leaves either the old file or the new one, never half of one.
 */
#pragma once

#include "sim/metrics.h"
#include "sim/world.h"

G_BEGIN_DECLS

#define CCS_RESULTS_ERROR (ccs_results_error_quark ())
GQuark ccs_results_error_quark (void);

typedef enum
{
  CCS_RESULTS_ERROR_SQLITE,
  CCS_RESULTS_ERROR_IO,
} CcsResultsError;

/* The schema of a results database (single run or sweep), and the
 * tables that hold rows per run (all keyed by run_id). */
extern const char ccs_results_schema[];
extern const char *const ccs_results_run_tables[];

gboolean ccs_results_write (const char *path, const CcsWorld *w, const CcsResults *r,
                            GError **error);

/* Copy every row of run FROM_ID in the attached database FROM into run
 * TO_ID of the main database of DB (inside the caller's transaction). */
typedef struct sqlite3 sqlite3;
gboolean ccs_results_copy_run (sqlite3 *db, const char *from, gint64 from_id, gint64 to_id,
                               GError **error);

/* sqlite3_exec with its message as a GError (CCS_RESULTS_ERROR). */
gboolean ccs_results_exec (sqlite3 *db, const char *sql, GError **error);

/* The version string stored in runs.version. */
const char *ccs_version (void);

G_END_DECLS
