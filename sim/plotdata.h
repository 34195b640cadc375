/* plotdata.h — a results database read for plotting (private to the plot
 * module: sim/plot.c draws, sim/plotdata.c reads).
 *
 * The finished runs of a database, sorted into groups: a group is the runs
 * of one policy at one value of the varied parameters (one paramset), and
 * its seeds are the samples of every mean and interval in the figures.
 * Paramsets are ordered by the first varied key with numeric values when
 * there is one (so 50 comes before 400), else by their first run.
 */
#pragma once

#include <glib.h>
#include <sqlite3.h>

#include "models/stats.h"

G_BEGIN_DECLS

typedef struct CcsPlotGroup CcsPlotGroup;

typedef struct
{
  gint64 id;
  gint64 seed;
  guint ix;      /* place in CcsPlotCtx.runs */
  double wall_s; /* NAN when not recorded */
  double x;      /* value of the numeric varied key; NAN without one */
  char *policy;
  char *params;
  char *rest;   /* the other varied keys, "k=v, k=v" ("" when none) */
  char *values; /* the values of the varied keys, "v, v" (NULL: none) */
  CcsPlotGroup *group;
} CcsPlotRun;

struct CcsPlotGroup
{
  guint ix;
  guint policy_ix, params_ix;
  const char *policy, *params; /* owned by CcsPlotCtx.policies, .paramsets */
  char *label;                 /* legend: "policy", or "policy, values" with several paramsets */
  GPtrArray *runs;             /* CcsPlotRun *, owned by CcsPlotCtx.runs */
};

typedef struct
{
  sqlite3 *db;
  const char *out_dir, *format; /* set by the caller: where figures go, as what */
  GPtrArray *written;           /* image paths, or NULL */
  char *scenario;               /* the scenario names of the runs */
  char *single;                 /* "scenario / policy / seed N" when there is one run */
  GPtrArray *runs;              /* CcsPlotRun *, finished runs by run_id */
  GHashTable *run_by_id;        /* gint64 * → CcsPlotRun * */
  GPtrArray *policies;          /* char *, in the order of their first run */
  GPtrArray *paramsets;         /* char *, by numeric value, else order of first run */
  GPtrArray *groups;            /* CcsPlotGroup *, by paramset then policy */
  GHashTable *group_by_id;      /* "params\x1fpolicy" → CcsPlotGroup * */
  char *num_key;                /* the first varied key with numeric values, or NULL */
  char *num_label;              /* its axis label, with its unit */
  char *keys;                   /* the varied keys, "k, k" (NULL: none) */
  guint n_keys;                 /* how many */
  GPtrArray *paramset_labels;   /* char *, per paramset: its values, "v, v" */
  guint min_seeds, max_seeds;   /* fewest and most runs in a group */
} CcsPlotCtx;

void ccs_plot_ctx_init (CcsPlotCtx *c);
void ccs_plot_ctx_clear (CcsPlotCtx *c);
G_DEFINE_AUTO_CLEANUP_CLEAR_FUNC (CcsPlotCtx, ccs_plot_ctx_clear)
G_DEFINE_AUTOPTR_CLEANUP_FUNC (sqlite3_stmt, sqlite3_finalize)

/* Open @db_path read-only and read its finished runs, their varied
 * parameters and groups.  No finished run is no error (runs is empty). */
gboolean ccs_plot_ctx_load (CcsPlotCtx *c, const char *db_path, GError **error);

/* The group of @policy at @params, or NULL; the key of group_by_id. */
CcsPlotGroup *ccs_plot_group_of (CcsPlotCtx *c, const char *params, const char *policy);
char *ccs_plot_group_id (const char *params, const char *policy);

/* Summary metric @metric of every run into @v (one per run, NAN where
 * absent); *@found says whether some run has a finite value. */
gboolean ccs_plot_run_metric (CcsPlotCtx *c, const char *metric, double *v, gboolean *found,
                              GError **error);
/* Mean and 95 % Student-t interval of @metric over the seeds of each
 * group, into @out (one per group). */
gboolean ccs_plot_group_metric (CcsPlotCtx *c, const char *metric, CcsMeanCi *out, gboolean *found,
                                GError **error);

/* SQLite helpers: errors as CCS_PLOT_ERROR GErrors, NULL text as "". */
gboolean ccs_plot_prepare (CcsPlotCtx *c, const char *sql, sqlite3_stmt **st, GError **error);
gboolean ccs_plot_sql_error (CcsPlotCtx *c, GError **error);
const char *ccs_plot_col_text (sqlite3_stmt *st, int i);
gboolean ccs_plot_has_table (CcsPlotCtx *c, const char *name);

/* Index of @s in @a (of strings), appending a copy when absent. */
guint ccs_plot_intern (GPtrArray *a, const char *s);

G_END_DECLS
