/* results.c — writing a run into SQLite (results.h).
 * Prepared statements inside one transaction: about a million task rows
 * per second here.  SQLite errors become GErrors with sqlite3_errmsg(). */
#include "sim/results.h"

#include <errno.h>
#include <fcntl.h>
#include <glib/gstdio.h>
#include <math.h>
#include <sqlite3.h>
#include <string.h>
#include <unistd.h>

G_DEFINE_QUARK (ccs - results - error - quark, ccs_results_error)

#ifndef CCSIM_VERSION
#define CCSIM_VERSION "0.0.0"
#endif

const char *
ccs_version (void)
{
  return CCSIM_VERSION;
}

/* Every table but meta has run_id first: a sweep database is the union
 * of its runs' files with run_id = the run's place in the grid. */
const char ccs_results_schema[]
    = "CREATE TABLE meta (key TEXT PRIMARY KEY, value TEXT NOT NULL);"
      "CREATE TABLE runs ("
      " run_id INTEGER PRIMARY KEY, scenario TEXT NOT NULL,"
      " scenario_path TEXT NOT NULL, scenario_sha256 TEXT NOT NULL,"
      " config TEXT NOT NULL, policy TEXT NOT NULL, seed INTEGER NOT NULL,"
      " params TEXT NOT NULL, version TEXT NOT NULL, status TEXT NOT NULL,"
      " error TEXT, wall_s REAL, sim_s REAL, events INTEGER, fingerprint TEXT,"
      " started_at TEXT, resolved TEXT);"
      "CREATE TABLE params (run_id INTEGER NOT NULL, key TEXT NOT NULL,"
      " value TEXT NOT NULL, PRIMARY KEY (run_id, key));"
      "CREATE TABLE summary (run_id INTEGER NOT NULL, metric TEXT NOT NULL,"
      " value REAL, PRIMARY KEY (run_id, metric));"
      "CREATE TABLE quantiles (run_id INTEGER NOT NULL, p REAL NOT NULL,"
      " latency_s REAL NOT NULL, PRIMARY KEY (run_id, p));"
      "CREATE TABLE series (run_id INTEGER NOT NULL, t_s REAL NOT NULL,"
      " tier TEXT NOT NULL, utilisation REAL NOT NULL, power_w REAL NOT NULL,"
      " in_system REAL NOT NULL);"
      "CREATE TABLE nodes (run_id INTEGER NOT NULL, node TEXT NOT NULL,"
      " site TEXT NOT NULL, tier TEXT NOT NULL, provider TEXT NOT NULL,"
      " devices TEXT NOT NULL, tasks INTEGER NOT NULL, busy_s REAL NOT NULL,"
      " energy_j REAL NOT NULL, carbon_g REAL NOT NULL, cost_usd REAL NOT NULL,"
      " egress_usd REAL NOT NULL, mean_in_system REAL NOT NULL,"
      " mean_sojourn_s REAL NOT NULL);"
      "CREATE TABLE providers (run_id INTEGER NOT NULL, provider TEXT NOT NULL,"
      " nodes INTEGER NOT NULL, tasks INTEGER NOT NULL, busy_s REAL NOT NULL,"
      " energy_j REAL NOT NULL, carbon_g REAL NOT NULL, cost_usd REAL NOT NULL,"
      " egress_usd REAL NOT NULL, PRIMARY KEY (run_id, provider));"
      "CREATE TABLE market (run_id INTEGER NOT NULL, t_s REAL NOT NULL,"
      " provider TEXT NOT NULL, multiplier REAL NOT NULL, price_usd_per_hour REAL NOT NULL,"
      " busy_devices REAL NOT NULL, revenue_usd REAL NOT NULL);"
      "CREATE TABLE jobs (run_id INTEGER NOT NULL, job_id INTEGER NOT NULL,"
      " pipeline TEXT NOT NULL, requester TEXT NOT NULL, state TEXT NOT NULL,"
      " reason_id INTEGER NOT NULL, created_s REAL NOT NULL, finished_s REAL,"
      " makespan_s REAL, planned_s REAL, critical_path TEXT NOT NULL, critical_s REAL);"
      "CREATE TABLE stages (run_id INTEGER NOT NULL, job_id INTEGER NOT NULL,"
      " stage TEXT NOT NULL, node TEXT NOT NULL, start_s REAL, finish_s REAL);"
      "CREATE TABLE reasons (run_id INTEGER NOT NULL, reason_id INTEGER NOT NULL,"
      " reason TEXT NOT NULL);"
      "CREATE TABLE tasks (run_id INTEGER NOT NULL, task_id INTEGER NOT NULL,"
      " source TEXT NOT NULL, app TEXT NOT NULL, node TEXT, state TEXT NOT NULL,"
      " reason_id INTEGER NOT NULL, created_s REAL NOT NULL, finished_s REAL,"
      " latency_s REAL, deadline_miss INTEGER NOT NULL, input_bytes REAL NOT NULL,"
      " output_bytes REAL NOT NULL);";

const char *const ccs_results_run_tables[]
    = { "runs",   "params", "summary", "quantiles", "series", "nodes", "providers",
        "market", "jobs",   "stages",  "reasons",   "tasks",  NULL };

static gboolean
sql_fail (GError **error, sqlite3 *db, const char *what)
{
  g_set_error (error, CCS_RESULTS_ERROR, CCS_RESULTS_ERROR_SQLITE, "%s: %s", what,
               db ? sqlite3_errmsg (db) : "out of memory");
  return FALSE;
}

gboolean
ccs_results_exec (sqlite3 *db, const char *sql, GError **error)
{
  char *msg = NULL;
  if (sqlite3_exec (db, sql, NULL, NULL, &msg) != SQLITE_OK)
    {
      g_set_error (error, CCS_RESULTS_ERROR, CCS_RESULTS_ERROR_SQLITE, "SQLite: %s",
                   msg ? msg : "error");
      sqlite3_free (msg);
      return FALSE;
    }
  return TRUE;
}

static void
bind_real_or_null (sqlite3_stmt *st, int i, double v)
{
  if (isnan (v))
    sqlite3_bind_null (st, i);
  else
    sqlite3_bind_double (st, i, v);
}

static char *
devices_text (const CcsWorld *w, const CcsWorldNode *n)
{
  GString *s = g_string_new (NULL);
  guint i = 0;
  while (i < n->n_dev)
    {
      const CcsHwProfile *p = CCS_WORLD_DEVICE (w, n->first_dev + i)->profile;
      guint c = 0;
      while (i < n->n_dev && CCS_WORLD_DEVICE (w, n->first_dev + i)->profile == p)
        c++, i++;
      g_string_append_printf (s, "%s%u %s", s->len ? " + " : "", c, p->name);
    }
  return g_string_free (s, FALSE);
}

static gboolean
write_all (sqlite3 *db, const CcsWorld *w, const CcsResults *r, GError **error)
{
  const CcsScenario *s = w->scenario;
  if (!ccs_results_exec (db, "PRAGMA journal_mode=OFF; PRAGMA synchronous=OFF;", error)
      || !ccs_results_exec (db, ccs_results_schema, error)
      || !ccs_results_exec (db, "BEGIN", error))
    return FALSE;
  sqlite3_stmt *st = NULL;
  g_autoptr (GDateTime) now = g_date_time_new_now_utc ();
  g_autofree char *started = g_date_time_format_iso8601 (now);
  char fp[32];
  g_snprintf (fp, sizeof fp, "%016" G_GINT64_MODIFIER "x", r->fingerprint);
  if (sqlite3_prepare_v2 (
          db, "INSERT INTO runs VALUES (1,?,?,?,?,?,?,'',?,'done',NULL,?,?,?,?,?,?)", -1, &st, NULL)
      != SQLITE_OK)
    return sql_fail (error, db, "prepare runs");
  sqlite3_bind_text (st, 1, s->name, -1, SQLITE_STATIC);
  sqlite3_bind_text (st, 2, s->path, -1, SQLITE_STATIC);
  sqlite3_bind_text (st, 3, s->sha256, -1, SQLITE_STATIC);
  sqlite3_bind_text (st, 4, s->config, -1, SQLITE_STATIC);
  sqlite3_bind_text (st, 5, s->policy, -1, SQLITE_STATIC);
  sqlite3_bind_int64 (st, 6, s->seed);
  sqlite3_bind_text (st, 7, ccs_version (), -1, SQLITE_STATIC);
  sqlite3_bind_double (st, 8, r->wall_s);
  sqlite3_bind_double (st, 9, r->sim_s);
  sqlite3_bind_int64 (st, 10, r->events);
  sqlite3_bind_text (st, 11, fp, -1, SQLITE_STATIC);
  sqlite3_bind_text (st, 12, started, -1, SQLITE_STATIC);
  sqlite3_bind_text (st, 13, s->resolved, -1, SQLITE_STATIC);
  int rc = sqlite3_step (st);
  sqlite3_finalize (st);
  if (rc != SQLITE_DONE)
    return sql_fail (error, db, "insert runs");

  if (sqlite3_prepare_v2 (db, "INSERT INTO meta VALUES (?,?)", -1, &st, NULL) != SQLITE_OK)
    return sql_fail (error, db, "prepare meta");
  const char *meta[][2] = { { "kind", "run" },
                            { "version", ccs_version () },
                            { "scenario", s->name },
                            { "scenario_sha256", s->sha256 } };
  for (gsize i = 0; i < G_N_ELEMENTS (meta); i++)
    {
      sqlite3_bind_text (st, 1, meta[i][0], -1, SQLITE_STATIC);
      sqlite3_bind_text (st, 2, meta[i][1], -1, SQLITE_STATIC);
      if (sqlite3_step (st) != SQLITE_DONE)
        {
          sqlite3_finalize (st);
          return sql_fail (error, db, "insert meta");
        }
      sqlite3_reset (st);
    }
  sqlite3_finalize (st);

  /* The latency distribution in 1001 quantiles (every 0.1 %): enough for
   * a CDF of any run without keeping its tasks, and the same size for a
   * hundred tasks or a hundred million. */
  if (r->latencies->len > 0)
    {
      if (sqlite3_prepare_v2 (db, "INSERT INTO quantiles VALUES (1,?,?)", -1, &st, NULL)
          != SQLITE_OK)
        return sql_fail (error, db, "prepare quantiles");
      for (int k = 0; k <= 1000; k++)
        {
          sqlite3_bind_double (st, 1, k / 10.0);
          sqlite3_bind_double (st, 2,
                               ccs_percentile_sorted ((const double *) r->latencies->data,
                                                      r->latencies->len, k / 10.0));
          if (sqlite3_step (st) != SQLITE_DONE)
            {
              sqlite3_finalize (st);
              return sql_fail (error, db, "insert quantiles");
            }
          sqlite3_reset (st);
        }
      sqlite3_finalize (st);
    }

  if (sqlite3_prepare_v2 (db, "INSERT INTO series VALUES (1,?,?,?,?,?)", -1, &st, NULL)
      != SQLITE_OK)
    return sql_fail (error, db, "prepare series");
  for (guint i = 0; i < r->series->len; i++)
    {
      const CcsSeriesPoint *pt = &g_array_index (r->series, CcsSeriesPoint, i);
      sqlite3_bind_double (st, 1, pt->t_s);
      sqlite3_bind_text (st, 2, ccs_tier_name (pt->tier), -1, SQLITE_STATIC);
      sqlite3_bind_double (st, 3, pt->utilisation);
      sqlite3_bind_double (st, 4, pt->power_w);
      sqlite3_bind_double (st, 5, pt->in_system);
      if (sqlite3_step (st) != SQLITE_DONE)
        {
          sqlite3_finalize (st);
          return sql_fail (error, db, "insert series");
        }
      sqlite3_reset (st);
    }
  sqlite3_finalize (st);

  if (sqlite3_prepare_v2 (db, "INSERT INTO summary VALUES (1,?,?)", -1, &st, NULL) != SQLITE_OK)
    return sql_fail (error, db, "prepare summary");
  for (guint i = 0; i < r->metrics->len; i++)
    {
      const CcsMetric *m = &g_array_index (r->metrics, CcsMetric, i);
      sqlite3_bind_text (st, 1, m->name, -1, SQLITE_STATIC);
      bind_real_or_null (st, 2, m->value);
      if (sqlite3_step (st) != SQLITE_DONE)
        {
          sqlite3_finalize (st);
          return sql_fail (error, db, "insert summary");
        }
      sqlite3_reset (st);
    }
  sqlite3_finalize (st);

  if (sqlite3_prepare_v2 (db, "INSERT INTO nodes VALUES (1,?,?,?,?,?,?,?,?,?,?,?,?,?)", -1, &st,
                          NULL)
      != SQLITE_OK)
    return sql_fail (error, db, "prepare nodes");
  /* Servers always; IoT devices only when they did something, so that
   * 100k idle sensors do not flood the table. */
  for (guint n = 0; n < w->nodes->len; n++)
    {
      const CcsWorldNode *node = CCS_WORLD_NODE (w, n);
      const CcsNodeStats *ns = &g_array_index (r->nodes, CcsNodeStats, n);
      if (node->tier == CCS_TIER_IOT && ns->tasks == 0)
        continue;
      g_autofree char *devs = devices_text (w, node);
      sqlite3_bind_text (st, 1, node->name, -1, SQLITE_STATIC);
      sqlite3_bind_text (st, 2, ((CcsSite *) w->topo->sites->pdata[node->site])->name, -1,
                         SQLITE_STATIC);
      sqlite3_bind_text (st, 3, ccs_tier_name (node->tier), -1, SQLITE_STATIC);
      sqlite3_bind_text (st, 4, node->provider, -1, SQLITE_STATIC);
      sqlite3_bind_text (st, 5, devs, -1, SQLITE_STATIC);
      sqlite3_bind_int64 (st, 6, ns->tasks);
      sqlite3_bind_double (st, 7, ns->busy_s);
      sqlite3_bind_double (st, 8, ns->energy_j);
      sqlite3_bind_double (st, 9, ns->carbon_g);
      sqlite3_bind_double (st, 10, ns->cost_usd);
      sqlite3_bind_double (st, 11, ns->egress_usd);
      sqlite3_bind_double (st, 12, ns->mean_in_system);
      sqlite3_bind_double (st, 13, ns->mean_sojourn_s);
      if (sqlite3_step (st) != SQLITE_DONE)
        {
          sqlite3_finalize (st);
          return sql_fail (error, db, "insert nodes");
        }
      sqlite3_reset (st);
    }
  sqlite3_finalize (st);

  /* Per provider, every node included (idle IoT devices too). */
  if (sqlite3_prepare_v2 (db,
                          "INSERT INTO providers VALUES (1,?,1,?,?,?,?,?,?) ON CONFLICT DO UPDATE "
                          "SET nodes = nodes + 1, tasks = tasks + excluded.tasks, busy_s = busy_s "
                          "+ excluded.busy_s, energy_j = energy_j + excluded.energy_j, carbon_g = "
                          "carbon_g + excluded.carbon_g, cost_usd = cost_usd + excluded.cost_usd, "
                          "egress_usd = egress_usd + excluded.egress_usd",
                          -1, &st, NULL)
      != SQLITE_OK)
    return sql_fail (error, db, "prepare providers");
  for (guint n = 0; n < w->nodes->len; n++)
    {
      const CcsWorldNode *node = CCS_WORLD_NODE (w, n);
      const CcsNodeStats *ns = &g_array_index (r->nodes, CcsNodeStats, n);
      sqlite3_bind_text (st, 1, node->provider, -1, SQLITE_STATIC);
      sqlite3_bind_int64 (st, 2, ns->tasks);
      sqlite3_bind_double (st, 3, ns->busy_s);
      sqlite3_bind_double (st, 4, ns->energy_j);
      sqlite3_bind_double (st, 5, ns->carbon_g);
      sqlite3_bind_double (st, 6, ns->cost_usd);
      sqlite3_bind_double (st, 7, ns->egress_usd);
      if (sqlite3_step (st) != SQLITE_DONE)
        {
          sqlite3_finalize (st);
          return sql_fail (error, db, "insert providers");
        }
      sqlite3_reset (st);
    }
  sqlite3_finalize (st);

  if (sqlite3_prepare_v2 (db, "INSERT INTO market VALUES (1,?,?,?,?,?,?)", -1, &st, NULL)
      != SQLITE_OK)
    return sql_fail (error, db, "prepare market");
  for (guint i = 0; i < r->market->len; i++)
    {
      const CcsMarketPoint *m = &g_array_index (r->market, CcsMarketPoint, i);
      sqlite3_bind_double (st, 1, m->t_s);
      sqlite3_bind_text (st, 2, r->sellers->pdata[m->seller], -1, SQLITE_STATIC);
      sqlite3_bind_double (st, 3, m->multiplier);
      sqlite3_bind_double (st, 4, m->price_usd_per_hour);
      sqlite3_bind_double (st, 5, m->busy_devices);
      sqlite3_bind_double (st, 6, m->revenue_usd);
      if (sqlite3_step (st) != SQLITE_DONE)
        {
          sqlite3_finalize (st);
          return sql_fail (error, db, "insert market");
        }
      sqlite3_reset (st);
    }
  sqlite3_finalize (st);
  if (sqlite3_prepare_v2 (db, "INSERT INTO jobs VALUES (1,?,?,?,?,?,?,?,?,?,?,?)", -1, &st, NULL)
      != SQLITE_OK)
    return sql_fail (error, db, "prepare jobs");
  for (guint i = 0; i < r->jobs->len; i++)
    {
      const CcsJobRecord *j = &g_array_index (r->jobs, CcsJobRecord, i);
      const CcsPipeline *pl = s->pipelines->pdata[j->pipeline];
      sqlite3_bind_int64 (st, 1, j->id);
      sqlite3_bind_text (st, 2, pl->name, -1, SQLITE_STATIC);
      sqlite3_bind_text (st, 3, CCS_WORLD_NODE (w, j->requester)->name, -1, SQLITE_STATIC);
      sqlite3_bind_text (st, 4, ccs_task_state_name (j->state), -1, SQLITE_STATIC);
      sqlite3_bind_int (st, 5, j->reason);
      sqlite3_bind_double (st, 6, j->created_s);
      bind_real_or_null (st, 7, j->finished_s);
      bind_real_or_null (st, 8, j->finished_s - j->created_s);
      bind_real_or_null (st, 9, j->state == CCS_TASK_REJECTED ? NAN : j->planned_s);
      sqlite3_bind_text (st, 10, j->critical, -1, SQLITE_STATIC);
      bind_real_or_null (st, 11, j->state == CCS_TASK_REJECTED ? NAN : j->critical_s);
      if (sqlite3_step (st) != SQLITE_DONE)
        {
          sqlite3_finalize (st);
          return sql_fail (error, db, "insert jobs");
        }
      sqlite3_reset (st);
    }
  sqlite3_finalize (st);
  if (sqlite3_prepare_v2 (db, "INSERT INTO stages VALUES (1,?,?,?,?,?)", -1, &st, NULL)
      != SQLITE_OK)
    return sql_fail (error, db, "prepare stages");
  for (guint i = 0; i < r->stages->len; i++)
    {
      const CcsStageRecord *sr = &g_array_index (r->stages, CcsStageRecord, i);
      sqlite3_bind_int64 (st, 1, sr->job);
      sqlite3_bind_text (st, 2, ((CcsApp *) s->apps->pdata[sr->app])->name, -1, SQLITE_STATIC);
      sqlite3_bind_text (st, 3, CCS_WORLD_NODE (w, sr->node)->name, -1, SQLITE_STATIC);
      bind_real_or_null (st, 4, sr->start_s);
      bind_real_or_null (st, 5, sr->finish_s);
      if (sqlite3_step (st) != SQLITE_DONE)
        {
          sqlite3_finalize (st);
          return sql_fail (error, db, "insert stages");
        }
      sqlite3_reset (st);
    }
  sqlite3_finalize (st);

  if (sqlite3_prepare_v2 (db, "INSERT INTO reasons VALUES (1,?,?)", -1, &st, NULL) != SQLITE_OK)
    return sql_fail (error, db, "prepare reasons");
  for (guint i = 1; i < r->reasons->len; i++)
    {
      sqlite3_bind_int (st, 1, i);
      sqlite3_bind_text (st, 2, r->reasons->pdata[i], -1, SQLITE_STATIC);
      if (sqlite3_step (st) != SQLITE_DONE)
        {
          sqlite3_finalize (st);
          return sql_fail (error, db, "insert reasons");
        }
      sqlite3_reset (st);
    }
  sqlite3_finalize (st);

  if (sqlite3_prepare_v2 (db, "INSERT INTO tasks VALUES (1,?,?,?,?,?,?,?,?,?,?,?,?)", -1, &st, NULL)
      != SQLITE_OK)
    return sql_fail (error, db, "prepare tasks");
  for (guint i = 0; i < r->tasks->len; i++)
    {
      const CcsTaskRecord *t = &g_array_index (r->tasks, CcsTaskRecord, i);
      const CcsApp *app = s->apps->pdata[t->app];
      sqlite3_bind_int64 (st, 1, t->id);
      sqlite3_bind_text (st, 2, CCS_WORLD_NODE (w, t->source)->name, -1, SQLITE_STATIC);
      sqlite3_bind_text (st, 3, app->name, -1, SQLITE_STATIC);
      if (t->node < w->nodes->len)
        sqlite3_bind_text (st, 4, CCS_WORLD_NODE (w, t->node)->name, -1, SQLITE_STATIC);
      else
        sqlite3_bind_null (st, 4);
      sqlite3_bind_text (st, 5, ccs_task_state_name (t->state), -1, SQLITE_STATIC);
      sqlite3_bind_int (st, 6, t->reason);
      sqlite3_bind_double (st, 7, t->created_s);
      bind_real_or_null (st, 8, t->finished_s);
      bind_real_or_null (st, 9,
                         t->state == CCS_TASK_COMPLETED ? t->finished_s - t->created_s : NAN);
      sqlite3_bind_int (st, 10, t->deadline_miss);
      sqlite3_bind_double (st, 11, t->input_bytes);
      sqlite3_bind_double (st, 12, t->output_bytes);
      if (sqlite3_step (st) != SQLITE_DONE)
        {
          sqlite3_finalize (st);
          return sql_fail (error, db, "insert tasks");
        }
      sqlite3_reset (st);
    }
  sqlite3_finalize (st);
  return ccs_results_exec (db, "COMMIT", error);
}

gboolean
ccs_results_write (const char *path, const CcsWorld *w, const CcsResults *r, GError **error)
{
  g_autofree char *dir = g_path_get_dirname (path);
  if (g_mkdir_with_parents (dir, 0755) != 0)
    {
      g_set_error (error, CCS_RESULTS_ERROR, CCS_RESULTS_ERROR_IO, "cannot create %s: %s", dir,
                   g_strerror (errno));
      return FALSE;
    }
  g_autofree char *tmp = g_strdup_printf ("%s.tmp-%d", path, (int) getpid ());
  g_unlink (tmp);
  sqlite3 *db = NULL;
  gboolean ok;
  if (sqlite3_open (tmp, &db) != SQLITE_OK)
    ok = sql_fail (error, db, tmp);
  else
    ok = write_all (db, w, r, error);
  if (db && sqlite3_close (db) != SQLITE_OK && ok)
    ok = sql_fail (error, db, "close");
  /* On disk before it gets its name: a file under the final name is a
   * whole run even after a power cut (a sweep takes such files over). */
  if (ok)
    {
      int fd = open (tmp, O_RDONLY);
      if (fd >= 0)
        {
          fsync (fd);
          close (fd);
        }
    }
  if (ok && g_rename (tmp, path) != 0)
    {
      g_set_error (error, CCS_RESULTS_ERROR, CCS_RESULTS_ERROR_IO, "cannot rename %s to %s: %s",
                   tmp, path, g_strerror (errno));
      ok = FALSE;
    }
  if (!ok)
    g_unlink (tmp);
  return ok;
}

gboolean
ccs_results_copy_run (sqlite3 *db, const char *from, gint64 from_id, gint64 to_id, GError **error)
{
  for (int t = 0; ccs_results_run_tables[t]; t++)
    {
      const char *table = ccs_results_run_tables[t];
      /* Columns from the target's schema, so a source with extra or
       * reordered columns cannot shift values into the wrong place. */
      g_autofree char *pragma = g_strdup_printf ("PRAGMA main.table_info(%s)", table);
      sqlite3_stmt *st;
      if (sqlite3_prepare_v2 (db, pragma, -1, &st, NULL) != SQLITE_OK)
        return sql_fail (error, db, pragma);
      g_autoptr (GString) cols = g_string_new (NULL);
      while (sqlite3_step (st) == SQLITE_ROW)
        {
          const char *c = (const char *) sqlite3_column_text (st, 1);
          if (!g_str_equal (c, "run_id"))
            g_string_append_printf (cols, ", %s", c);
        }
      sqlite3_finalize (st);
      g_autofree char *sql = g_strdup_printf (
          "INSERT INTO main.%s (run_id%s) SELECT %" G_GINT64_FORMAT "%s FROM %s.%s "
          "WHERE run_id = %" G_GINT64_FORMAT,
          table, cols->str, to_id, cols->str, from, table, from_id);
      if (!ccs_results_exec (db, sql, error))
        {
          g_prefix_error (error, "copying %s: ", table);
          return FALSE;
        }
    }
  return TRUE;
}
