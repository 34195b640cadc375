/* engine.h — one simulation run on SimGrid.
 *
 * The engine owns the SimGrid side: it loads the platform written from the
 * world, starts the source actor (arrivals, placement) and a pool of
 * carrier actors (transfer → queue → execute → return for one task each),
 * and collects the metrics.  One engine per process: SimGrid keeps global
 * state, so sweeps run each simulation in a child process.
 */
#pragma once

#include "sim/metrics.h"
#include "sim/world.h"

G_BEGIN_DECLS

#define CCS_ENGINE_ERROR (ccs_engine_error_quark ())
GQuark ccs_engine_error_quark (void);

typedef enum
{
  CCS_ENGINE_ERROR_PLATFORM,
  CCS_ENGINE_ERROR_POLICY,
  CCS_ENGINE_ERROR_CONSERVATION,
} CcsEngineError;

typedef struct
{
  gboolean progress; /* show progress on stderr */
  gboolean verbose;  /* let SimGrid log at INFO */
} CcsEngineOptions;

/* Run @w to completion and fill @out.  Call at most once per process. */
gboolean ccs_engine_run (const CcsWorld *w, const CcsEngineOptions *opt, CcsResults *out,
                         GError **error);

/* Configure the scenario's policy against @w without running (for
 * `ccsim check`): policy options and prerequisites are validated. */
gboolean ccs_engine_check (const CcsWorld *w, GError **error);

G_END_DECLS
