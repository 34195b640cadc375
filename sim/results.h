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

gboolean ccs_results_write (const char *path, const CcsWorld *w, const CcsResults *r,
                            GError **error);

/* The version string stored in runs.version. */
const char *ccs_version (void);

G_END_DECLS
