/* plotdata.c — reading a results database for the figures (plotdata.h).
 * A few queries over the runs, params and summary tables; the figures
 * query the larger quantiles and series tables themselves, aggregated
 * in SQL. */
#include "sim/plotdata.h"

#include <math.h>
#include <string.h>

#include "models/units.h"
#include "sim/plot.h"

static void
plot_run_free (CcsPlotRun *r)
{
  g_free (r->policy);
  g_free (r->params);
  g_free (r->rest);
  g_free (r->values);
  g_free (r);
}

static void
plot_group_free (CcsPlotGroup *g)
{
  g_free (g->label);
  g_ptr_array_unref (g->runs);
  g_free (g);
}

void
ccs_plot_ctx_init (CcsPlotCtx *c)
{
  memset (c, 0, sizeof *c);
  c->runs = g_ptr_array_new_with_free_func ((GDestroyNotify) plot_run_free);
  c->run_by_id = g_hash_table_new (g_int64_hash, g_int64_equal);
  c->policies = g_ptr_array_new_with_free_func (g_free);
  c->paramsets = g_ptr_array_new_with_free_func (g_free);
  c->groups = g_ptr_array_new_with_free_func ((GDestroyNotify) plot_group_free);
  c->group_by_id = g_hash_table_new_full (g_str_hash, g_str_equal, g_free, NULL);
}

void
ccs_plot_ctx_clear (CcsPlotCtx *c)
{
  g_clear_pointer (&c->group_by_id, g_hash_table_unref);
  g_clear_pointer (&c->groups, g_ptr_array_unref);
  g_clear_pointer (&c->run_by_id, g_hash_table_unref);
  g_clear_pointer (&c->runs, g_ptr_array_unref);
  g_clear_pointer (&c->policies, g_ptr_array_unref);
  g_clear_pointer (&c->paramsets, g_ptr_array_unref);
  g_clear_pointer (&c->scenario, g_free);
  g_clear_pointer (&c->single, g_free);
  g_clear_pointer (&c->num_key, g_free);
  g_clear_pointer (&c->num_label, g_free);
  g_clear_pointer (&c->keys, g_free);
  g_clear_pointer (&c->paramset_labels, g_ptr_array_unref);
  g_clear_pointer (&c->db, sqlite3_close);
}

gboolean
ccs_plot_sql_error (CcsPlotCtx *c, GError **error)
{
  g_set_error (error, CCS_PLOT_ERROR, 0, "query failed: %s", sqlite3_errmsg (c->db));
  return FALSE;
}

gboolean
ccs_plot_prepare (CcsPlotCtx *c, const char *sql, sqlite3_stmt **st, GError **error)
{
  if (sqlite3_prepare_v2 (c->db, sql, -1, st, NULL) != SQLITE_OK)
    return ccs_plot_sql_error (c, error);
  return TRUE;
}

const char *
ccs_plot_col_text (sqlite3_stmt *st, int i)
{
  const char *t = (const char *) sqlite3_column_text (st, i);
  return t ? t : "";
}

gboolean
ccs_plot_has_table (CcsPlotCtx *c, const char *name)
{
  g_autoptr (sqlite3_stmt) st = NULL;
  if (sqlite3_prepare_v2 (c->db, "SELECT 1 FROM sqlite_master WHERE type = 'table' AND name = ?",
                          -1, &st, NULL)
      != SQLITE_OK)
    return FALSE;
  sqlite3_bind_text (st, 1, name, -1, SQLITE_STATIC);
  return sqlite3_step (st) == SQLITE_ROW;
}

/* Index of @s in @a, appending it when absent. */
guint
ccs_plot_intern (GPtrArray *a, const char *s)
{
  for (guint i = 0; i < a->len; i++)
    if (g_str_equal (a->pdata[i], s))
      return i;
  g_ptr_array_add (a, g_strdup (s));
  return a->len - 1;
}

char *
ccs_plot_group_id (const char *params, const char *policy)
{
  return g_strconcat (params, "\x1f", policy, NULL);
}

CcsPlotGroup *
ccs_plot_group_of (CcsPlotCtx *c, const char *params, const char *policy)
{
  g_autofree char *id = ccs_plot_group_id (params, policy);
  return g_hash_table_lookup (c->group_by_id, id);
}

static gboolean
load_runs (CcsPlotCtx *c, GError **error)
{
  g_autoptr (sqlite3_stmt) st = NULL;
  if (!ccs_plot_prepare (c,
                         "SELECT run_id, scenario, policy, seed, params, wall_s FROM runs "
                         "WHERE status = 'done' ORDER BY run_id",
                         &st, error))
    return FALSE;
  g_autoptr (GPtrArray) scenarios = g_ptr_array_new_with_free_func (g_free);
  int rc;
  while ((rc = sqlite3_step (st)) == SQLITE_ROW)
    {
      CcsPlotRun *r = g_new0 (CcsPlotRun, 1);
      r->id = sqlite3_column_int64 (st, 0);
      r->ix = c->runs->len;
      ccs_plot_intern (scenarios, ccs_plot_col_text (st, 1));
      r->policy = g_strdup (ccs_plot_col_text (st, 2));
      r->seed = sqlite3_column_int64 (st, 3);
      r->params = g_strdup (ccs_plot_col_text (st, 4));
      r->wall_s = sqlite3_column_type (st, 5) == SQLITE_NULL ? NAN : sqlite3_column_double (st, 5);
      r->x = NAN;
      r->rest = g_strdup ("");
      g_ptr_array_add (c->runs, r);
      g_hash_table_insert (c->run_by_id, &r->id, r);
      ccs_plot_intern (c->policies, r->policy);
      ccs_plot_intern (c->paramsets, r->params);
    }
  if (rc != SQLITE_DONE)
    return ccs_plot_sql_error (c, error);
  g_ptr_array_add (scenarios, NULL);
  c->scenario = g_strjoinv (", ", (char **) scenarios->pdata);
  if (c->runs->len == 1)
    {
      const CcsPlotRun *r = c->runs->pdata[0];
      c->single
          = g_strdup_printf ("%s / %s / seed %" G_GINT64_FORMAT, c->scenario, r->policy, r->seed);
    }
  return TRUE;
}

/* The SI symbols of the units of models/units.h, for axis labels. */
static const char *const si_symbol[] = {
  "", "s", "B", "bit/s", "B/s", "W", "Hz", "FLOP", "FLOP/s", "m", "USD", "J",
};
G_STATIC_ASSERT (G_N_ELEMENTS (si_symbol) == CCS_UNIT_N);

/* Parse @n texts as numbers into @x and their unit into *@unit: either
 * plain numbers with one suffix shared by all ("100", "2.5 ms"), or
 * values in one dimension of models/units.h ("500 ms", "2 s"), then in SI
 * units.  FALSE when some text is not a number. */
static gboolean
parse_numbers (char **texts, guint n, double *x, char **unit)
{
  g_autofree char *suffix = NULL;
  gboolean same = TRUE;
  for (guint i = 0; i < n && same; i++)
    {
      char *end = NULL;
      x[i] = g_ascii_strtod (texts[i], &end);
      if (end == texts[i] || !isfinite (x[i]))
        return FALSE;
      g_autofree char *s = g_strstrip (g_strdup (end));
      if (!suffix)
        suffix = g_steal_pointer (&s);
      else
        same = g_str_equal (suffix, s);
    }
  if (same)
    {
      *unit = suffix ? g_steal_pointer (&suffix) : g_strdup ("");
      return TRUE;
    }
  for (int u = 0; u < CCS_UNIT_N; u++)
    {
      guint i = 0;
      while (i < n && ccs_units_parse (texts[i], (CcsUnit) u, &x[i], NULL))
        i++;
      if (i == n)
        {
          *unit = g_strdup (si_symbol[u]);
          return TRUE;
        }
    }
  return FALSE;
}

typedef struct
{
  CcsPlotRun *run;
  char *key, *value;
} ParamRow;

static void
param_row_free (ParamRow *p)
{
  g_free (p->key);
  g_free (p->value);
  g_free (p);
}

/* Find the numeric varied key (the first by name whose values are all
 * numbers and not all equal), set each run's x to its value and its rest
 * to the other keys. */
static gboolean
load_params (CcsPlotCtx *c, GError **error)
{
  if (!ccs_plot_has_table (c, "params"))
    return TRUE;
  g_autoptr (sqlite3_stmt) st = NULL;
  if (!ccs_plot_prepare (c, "SELECT run_id, key, value FROM params ORDER BY key, run_id", &st,
                         error))
    return FALSE;
  g_autoptr (GPtrArray) rows = g_ptr_array_new_with_free_func ((GDestroyNotify) param_row_free);
  int rc;
  while ((rc = sqlite3_step (st)) == SQLITE_ROW)
    {
      gint64 id = sqlite3_column_int64 (st, 0);
      CcsPlotRun *r = g_hash_table_lookup (c->run_by_id, &id);
      if (!r)
        continue;
      ParamRow *p = g_new0 (ParamRow, 1);
      p->run = r;
      p->key = g_strdup (ccs_plot_col_text (st, 1));
      p->value = g_strdup (ccs_plot_col_text (st, 2));
      g_ptr_array_add (rows, p);
    }
  if (rc != SQLITE_DONE)
    return ccs_plot_sql_error (c, error);

  for (guint i = 0; i < rows->len && !c->num_key;)
    {
      const ParamRow *first = rows->pdata[i];
      guint j = i;
      while (j < rows->len && g_str_equal (((ParamRow *) rows->pdata[j])->key, first->key))
        j++;
      g_autofree char **texts = g_new (char *, j - i);
      g_autofree double *x = g_new (double, j - i);
      for (guint k = i; k < j; k++)
        texts[k - i] = ((ParamRow *) rows->pdata[k])->value;
      g_autofree char *unit = NULL;
      if (parse_numbers (texts, j - i, x, &unit))
        {
          gboolean varies = FALSE;
          for (guint k = 1; k < j - i; k++)
            varies |= x[k] != x[0];
          if (varies)
            {
              c->num_key = g_strdup (first->key);
              c->num_label
                  = *unit ? g_strdup_printf ("%s (%s)", first->key, unit) : g_strdup (first->key);
              for (guint k = i; k < j; k++)
                ((ParamRow *) rows->pdata[k])->run->x = x[k - i];
            }
        }
      i = j;
    }
  for (guint i = 0; i < rows->len; i++)
    {
      ParamRow *p = rows->pdata[i];
      if (c->num_key && g_str_equal (p->key, c->num_key))
        continue;
      char *rest = *p->run->rest ? g_strdup_printf ("%s, %s=%s", p->run->rest, p->key, p->value)
                                 : g_strdup_printf ("%s=%s", p->key, p->value);
      g_free (p->run->rest);
      p->run->rest = rest;
    }
  /* The values alone name the paramsets on axes ("50, 10 ms"), the keys
   * in the same order the axis ("IoT cams.count, Link wan.latency"). */
  g_autoptr (GPtrArray) keys = g_ptr_array_new_with_free_func (g_free);
  for (guint i = 0; i < rows->len; i++)
    {
      ParamRow *p = rows->pdata[i];
      ccs_plot_intern (keys, p->key);
      char *values = p->run->values ? g_strdup_printf ("%s, %s", p->run->values, p->value)
                                    : g_strdup (p->value);
      g_free (p->run->values);
      p->run->values = values;
    }
  c->n_keys = keys->len;
  if (keys->len)
    {
      g_ptr_array_add (keys, NULL);
      c->keys = g_strjoinv (", ", (char **) keys->pdata);
    }
  return TRUE;
}

static double
paramset_x (CcsPlotCtx *c, const char *params)
{
  for (guint i = 0; i < c->runs->len; i++)
    {
      const CcsPlotRun *r = c->runs->pdata[i];
      if (g_str_equal (r->params, params))
        return r->x;
    }
  return NAN;
}

typedef struct
{
  const char *params;
  double x;
} ParamsetKey;

static int
cmp_paramset (gconstpointer a, gconstpointer b)
{
  const ParamsetKey *p = a, *q = b;
  if (isnan (p->x) || isnan (q->x))
    return isnan (p->x) - isnan (q->x);
  return (p->x > q->x) - (p->x < q->x);
}

static int
cmp_group (gconstpointer a, gconstpointer b)
{
  const CcsPlotGroup *g = *(CcsPlotGroup *const *) a, *h = *(CcsPlotGroup *const *) b;
  if (g->params_ix != h->params_ix)
    return g->params_ix < h->params_ix ? -1 : 1;
  return (g->policy_ix > h->policy_ix) - (g->policy_ix < h->policy_ix);
}

/* Order the paramsets by the numeric key (stable: else by first run) and
 * sort the runs into groups. */
static void
build_groups (CcsPlotCtx *c)
{
  guint np = c->paramsets->len;
  g_autoptr (GArray) keys = g_array_sized_new (FALSE, FALSE, sizeof (ParamsetKey), np);
  for (guint i = 0; i < np; i++)
    {
      ParamsetKey k = { c->paramsets->pdata[i], paramset_x (c, c->paramsets->pdata[i]) };
      g_array_append_val (keys, k);
    }
  g_array_sort (keys, cmp_paramset);
  g_autoptr (GPtrArray) sorted = g_ptr_array_new_with_free_func (g_free);
  for (guint i = 0; i < np; i++)
    g_ptr_array_add (sorted, g_strdup (g_array_index (keys, ParamsetKey, i).params));
  g_ptr_array_unref (c->paramsets);
  c->paramsets = g_steal_pointer (&sorted);
  c->paramset_labels = g_ptr_array_new_with_free_func (g_free);
  for (guint i = 0; i < np; i++)
    {
      const char *params = c->paramsets->pdata[i], *label = params;
      for (guint j = 0; j < c->runs->len; j++)
        {
          const CcsPlotRun *r = c->runs->pdata[j];
          if (g_str_equal (r->params, params) && r->values)
            {
              label = r->values;
              break;
            }
        }
      g_ptr_array_add (c->paramset_labels, g_strdup (label));
    }

  for (guint i = 0; i < c->runs->len; i++)
    {
      CcsPlotRun *r = c->runs->pdata[i];
      CcsPlotGroup *g = ccs_plot_group_of (c, r->params, r->policy);
      if (!g)
        {
          g = g_new0 (CcsPlotGroup, 1);
          g->policy_ix = ccs_plot_intern (c->policies, r->policy);
          g->params_ix = ccs_plot_intern (c->paramsets, r->params);
          g->policy = c->policies->pdata[g->policy_ix];
          g->params = c->paramsets->pdata[g->params_ix];
          const char *pl = c->paramset_labels->pdata[g->params_ix];
          g->label
              = np > 1 && *pl ? g_strdup_printf ("%s, %s", g->policy, pl) : g_strdup (g->policy);
          g->runs = g_ptr_array_new ();
          g_ptr_array_add (c->groups, g);
          g_hash_table_insert (c->group_by_id, ccs_plot_group_id (g->params, g->policy), g);
        }
      g_ptr_array_add (g->runs, r);
      r->group = g;
      c->max_seeds = MAX (c->max_seeds, g->runs->len);
    }
  g_ptr_array_sort (c->groups, cmp_group);
  c->min_seeds = c->max_seeds;
  for (guint i = 0; i < c->groups->len; i++)
    {
      CcsPlotGroup *g = c->groups->pdata[i];
      g->ix = i;
      c->min_seeds = MIN (c->min_seeds, g->runs->len);
    }
}

gboolean
ccs_plot_ctx_load (CcsPlotCtx *c, const char *db_path, GError **error)
{
  if (!g_file_test (db_path, G_FILE_TEST_IS_REGULAR))
    {
      g_set_error (error, CCS_PLOT_ERROR, 0, "%s: no such results database", db_path);
      return FALSE;
    }
  if (sqlite3_open_v2 (db_path, &c->db, SQLITE_OPEN_READONLY, NULL) != SQLITE_OK)
    {
      g_set_error (error, CCS_PLOT_ERROR, 0, "%s: %s", db_path, sqlite3_errmsg (c->db));
      return FALSE;
    }
  if (!ccs_plot_has_table (c, "runs"))
    {
      g_set_error (error, CCS_PLOT_ERROR, 0, "%s: not a results database (no runs table)", db_path);
      return FALSE;
    }
  if (!load_runs (c, error) || !load_params (c, error))
    {
      g_prefix_error (error, "%s: ", db_path);
      return FALSE;
    }
  build_groups (c);
  return TRUE;
}

/* Summary metric @metric of every run into @v (NAN where absent); sets
 * *@found when some run has a finite value. */
gboolean
ccs_plot_run_metric (CcsPlotCtx *c, const char *metric, double *v, gboolean *found, GError **error)
{
  *found = FALSE;
  for (guint i = 0; i < c->runs->len; i++)
    v[i] = NAN;
  if (!ccs_plot_has_table (c, "summary"))
    return TRUE;
  g_autoptr (sqlite3_stmt) st = NULL;
  if (!ccs_plot_prepare (c, "SELECT run_id, value FROM summary WHERE metric = ?", &st, error))
    return FALSE;
  sqlite3_bind_text (st, 1, metric, -1, SQLITE_STATIC);
  int rc;
  while ((rc = sqlite3_step (st)) == SQLITE_ROW)
    {
      gint64 id = sqlite3_column_int64 (st, 0);
      const CcsPlotRun *r = g_hash_table_lookup (c->run_by_id, &id);
      if (r && sqlite3_column_type (st, 1) != SQLITE_NULL)
        {
          v[r->ix] = sqlite3_column_double (st, 1);
          *found |= isfinite (v[r->ix]);
        }
    }
  if (rc != SQLITE_DONE)
    return ccs_plot_sql_error (c, error);
  return TRUE;
}

/* Mean and 95 % interval of summary metric @metric over the seeds of each
 * group, into @out (one per group). */
gboolean
ccs_plot_group_metric (CcsPlotCtx *c, const char *metric, CcsMeanCi *out, gboolean *found,
                       GError **error)
{
  g_autofree double *v = g_new (double, c->runs->len ? c->runs->len : 1);
  if (!ccs_plot_run_metric (c, metric, v, found, error))
    return FALSE;
  g_autofree double *x = g_new (double, c->max_seeds ? c->max_seeds : 1);
  for (guint i = 0; i < c->groups->len; i++)
    {
      const CcsPlotGroup *g = c->groups->pdata[i];
      for (guint k = 0; k < g->runs->len; k++)
        x[k] = v[((CcsPlotRun *) g->runs->pdata[k])->ix];
      out[i] = ccs_stats_mean_ci (x, g->runs->len, 0.95);
    }
  return TRUE;
}
