/* sweep.h — many runs of one scenario into one results database.
 *
 * The grid is policies × varied keys × seeds.  Each run is a child
 * process (`ccsim run`, since SimGrid keeps one engine per process) that
 * writes its own database; the parent copies a finished run into the sweep
 * database in one transaction, with run_id = its place in the grid.  So
 * an interrupted sweep holds only whole runs, a rerun of the same command
 * does only what is missing, and shards (--shard K/N) merged together are
 * the same database as the whole grid run on one machine.
 */
#pragma once

#include <glib.h>

G_BEGIN_DECLS

#define CCS_SWEEP_ERROR (ccs_sweep_error_quark ())
GQuark ccs_sweep_error_quark (void);

typedef enum
{
  CCS_SWEEP_ERROR_SPEC,     /* a bad grid, seed list, shard */
  CCS_SWEEP_ERROR_MISMATCH, /* an existing database holds another sweep */
  CCS_SWEEP_ERROR_IO,
  CCS_SWEEP_ERROR_INTERRUPTED,
  CCS_SWEEP_ERROR_FAILED_RUNS,
} CcsSweepError;

typedef struct
{
  char *key;    /* "GROUP.KEY" */
  GStrv values; /* at least one */
} CcsSweepAxis;

typedef struct
{
  char *scenario;         /* path */
  char *config;           /* NULL = none */
  GStrv sets;             /* common overrides, NULL = none */
  GStrv policies;         /* NULL = the scenario's own policy */
  GArray *seeds;          /* gint64, at least one */
  GPtrArray *axes;        /* CcsSweepAxis* */
  guint shard_k, shard_n; /* 1-based; 0/0 = the whole grid */
  guint jobs;
  double timeout_s; /* per run, 0 = none */
  gboolean retry_failed;
  gboolean quiet;
  char *out;
  char *exe; /* the ccsim binary the children run */
} CcsSweepSpec;

typedef struct
{
  guint64 id; /* run_id, 1-based place in the whole grid */
  const char *policy;
  gint64 seed;
  guint *value; /* index into each axis' values */
  char *params; /* "KEY=VALUE, KEY=VALUE" or "" */
} CcsSweepPoint;

CcsSweepSpec *ccs_sweep_spec_new (void);
void ccs_sweep_spec_free (CcsSweepSpec *spec);
G_DEFINE_AUTOPTR_CLEANUP_FUNC (CcsSweepSpec, ccs_sweep_spec_free)

/* "1-30", "1,2,5-7" → seeds appended to SEEDS. */
gboolean ccs_sweep_parse_seeds (const char *text, GArray *seeds, GError **error);
/* "GROUP.KEY=v1,v2,…" */
CcsSweepAxis *ccs_sweep_parse_axis (const char *text, GError **error);
void ccs_sweep_axis_free (CcsSweepAxis *a);
/* "K/N" with 1 ≤ K ≤ N. */
gboolean ccs_sweep_parse_shard (const char *text, guint *k, guint *n, GError **error);

/* The whole grid in run_id order (CcsSweepPoint*; policies vary fastest,
 * then seeds, then the axes, the last axis fastest).  POLICIES must be
 * set. */
GPtrArray *ccs_sweep_grid (const CcsSweepSpec *spec);
/* Whether run ID (1-based) belongs to shard K of N. */
gboolean ccs_sweep_in_shard (guint64 id, guint k, guint n);

/* Run (or resume) the sweep.  Prints progress on a terminal and a line
 * per run otherwise (unless quiet) to stderr, the summary to stdout.
 * Fails with CCS_SWEEP_ERROR_FAILED_RUNS when every run ended but some
 * failed (their errors are in the database). */
gboolean ccs_sweep_run (CcsSweepSpec *spec, GError **error);

/* Combine sweep databases of the same scenario, grid and version (shards,
 * or pieces of an interrupted sweep) into OUT, which must not exist. */
gboolean ccs_sweep_merge (const char *out, const char *const *inputs, GError **error);

G_END_DECLS
