/* test-report.c — comparison tables from a results database.
 *
 * The databases are built by hand (the real schema, INSERTs of known
 * numbers), so every expected value below is worked out in a comment and
 * none is copied from the output of the code under test.
 */
#include <glib/gstdio.h>
#include <math.h>
#include <sqlite3.h>

#include "sim/report.h"
#include "sim/results.h"
#include "tests/testutil.h"

/* Student t quantiles t_{0.975,ν} from a table (10 significant digits). */
#define T975_3 3.182446305
#define T975_4 2.776445105

/* ---- Building databases ------------------------------------------------ */

static sqlite3 *
db_create (const char *name, char **path_out)
{
  char *path = g_build_filename (ccs_test_tmpdir (), name, NULL);
  g_unlink (path);
  sqlite3 *db = NULL;
  g_assert_cmpint (sqlite3_open (path, &db), ==, SQLITE_OK);
  g_assert_cmpint (sqlite3_exec (db, ccs_results_schema, NULL, NULL, NULL), ==, SQLITE_OK);
  *path_out = path;
  return db;
}

static void
db_exec (sqlite3 *db, const char *sql)
{
  char *msg = NULL;
  if (sqlite3_exec (db, sql, NULL, NULL, &msg) != SQLITE_OK)
    g_test_message ("%s: %s", sql, msg);
  g_assert_null (msg);
}

static void
db_meta (sqlite3 *db, const char *kind)
{
  g_autofree char *sql = g_strdup_printf ("INSERT INTO meta VALUES ('kind', '%s'),"
                                          " ('version', '9.8.7'), ('scenario', 'smart_city'),"
                                          " ('scenario_sha256', 'abc');",
                                          kind);
  db_exec (db, sql);
}

/* One run; METRICS/VALUES (n of them) go to summary, NAN as NULL. */
static void
db_run (sqlite3 *db, gint64 id, const char *policy, gint64 seed, const char *params,
        const char *status, const char *const *metrics, const double *values, gsize n)
{
  sqlite3_stmt *st;
  g_assert_cmpint (sqlite3_prepare_v2 (db,
                                       "INSERT INTO runs (run_id, scenario, scenario_path,"
                                       " scenario_sha256, config, policy, seed, params, version,"
                                       " status, error) VALUES (?, 'smart_city', 's.ini', 'abc',"
                                       " '', ?, ?, ?, '9.8.7', ?, ?)",
                                       -1, &st, NULL),
                   ==, SQLITE_OK);
  sqlite3_bind_int64 (st, 1, id);
  sqlite3_bind_text (st, 2, policy, -1, SQLITE_STATIC);
  sqlite3_bind_int64 (st, 3, seed);
  sqlite3_bind_text (st, 4, params, -1, SQLITE_STATIC);
  sqlite3_bind_text (st, 5, status, -1, SQLITE_STATIC);
  if (g_str_equal (status, "done"))
    sqlite3_bind_null (st, 6);
  else
    sqlite3_bind_text (st, 6, "child killed by signal 9", -1, SQLITE_STATIC);
  g_assert_cmpint (sqlite3_step (st), ==, SQLITE_DONE);
  sqlite3_finalize (st);
  g_assert_cmpint (sqlite3_prepare_v2 (db, "INSERT INTO summary VALUES (?, ?, ?)", -1, &st, NULL),
                   ==, SQLITE_OK);
  for (gsize i = 0; i < n; i++)
    {
      sqlite3_bind_int64 (st, 1, id);
      sqlite3_bind_text (st, 2, metrics[i], -1, SQLITE_STATIC);
      if (isnan (values[i]))
        sqlite3_bind_null (st, 3);
      else
        sqlite3_bind_double (st, 3, values[i]);
      g_assert_cmpint (sqlite3_step (st), ==, SQLITE_DONE);
      sqlite3_reset (st);
    }
  sqlite3_finalize (st);
}

/* The sweep used by most tests: 3 policies × 5 seeds × 2 params values,
 * run_id in grid order (policies fastest, then seeds, then params), plus
 * greedy seed 6 of P2 (failed).  Values by policy and seed 1..5:
 *
 *   latency_mean_s   P1: greedy 1 2 3 4 5, random 3 4.5 4.5 6 7,
 *                        edge-first 2 1 3.5 3.5 5
 *                    P2: greedy 10 12 14 16 20, random 11 13 [failed] 17 21,
 *                        edge-first 10 12 14 16 20
 *   tasks_completed  P1: greedy 100 ×5, random 90 92 94 96 98,
 *                        edge-first 110 111 112 113 114
 *                    P2: 50 everywhere
 *   utilisation_edge 0.1 0.2 0.3 0.4 NULL for greedy in P1, 0.5 elsewhere
 *   carbon_g         only in run 2 (random, seed 1, P1): 7
 *
 * The failed runs carry 1000 in every metric, which must never show. */
#define P1 "IoT cams.count=10, Run.duration=60s"
#define P2 "IoT cams.count=100, Net.label=\"a&b_c\""

static const char *const policies[] = { "greedy", "random", "edge-first" };

static char *
make_sweep (void)
{
  static char *path;
  if (path)
    return g_strdup (path);
  sqlite3 *db = db_create ("sweep.db", &path);
  db_meta (db, "sweep");
  static const double lat[2][3][5] = {
    { { 1, 2, 3, 4, 5 }, { 3, 4.5, 4.5, 6, 7 }, { 2, 1, 3.5, 3.5, 5 } },
    { { 10, 12, 14, 16, 20 }, { 11, 13, 1000, 17, 21 }, { 10, 12, 14, 16, 20 } },
  };
  static const double done[2][3][5] = {
    { { 100, 100, 100, 100, 100 }, { 90, 92, 94, 96, 98 }, { 110, 111, 112, 113, 114 } },
    { { 50, 50, 50, 50, 50 }, { 50, 50, 1000, 50, 50 }, { 50, 50, 50, 50, 50 } },
  };
  const char *params[] = { P1, P2 };
  gint64 id = 1;
  db_exec (db, "BEGIN");
  for (int pa = 0; pa < 2; pa++)
    for (int seed = 1; seed <= 5; seed++)
      for (int po = 0; po < 3; po++, id++)
        {
          gboolean failed = pa == 1 && po == 1 && seed == 3;
          double util = pa == 0 && po == 0 ? (seed < 5 ? seed / 10.0 : NAN) : 0.5;
          if (failed)
            util = 1000;
          /* Run 3 writes its metrics in another order, and run 2 has one
           * more: the order stays that of first appearance. */
          if (id == 3)
            {
              const char *m[] = { "utilisation_edge", "tasks_completed", "latency_mean_s" };
              double v[] = { util, done[pa][po][seed - 1], lat[pa][po][seed - 1] };
              db_run (db, id, policies[po], seed, params[pa], "done", m, v, 3);
              continue;
            }
          const char *m[] = { "latency_mean_s", "tasks_completed", "utilisation_edge", "carbon_g" };
          double v[] = { lat[pa][po][seed - 1], done[pa][po][seed - 1], util, 7 };
          db_run (db, id, policies[po], seed, params[pa], failed ? "failed" : "done", m, v,
                  id == 2 ? 4 : 3);
        }
  const char *m[] = { "latency_mean_s", "tasks_completed", "utilisation_edge" };
  double v[] = { 1000, 1000, 1000 };
  db_run (db, id, "greedy", 6, P2, "failed", m, v, 3);
  db_exec (db, "COMMIT");
  sqlite3_close (db);
  return g_strdup (path);
}

/* ---- Reading the output ------------------------------------------------- */

static char *
report (const char *path, CcsReportFormat format, const char *baseline, const char *const *metrics)
{
  CcsReportOptions o = { format, baseline, metrics, 0.95 };
  g_autoptr (GString) out = g_string_new (NULL);
  g_autoptr (GError) error = NULL;
  gboolean ok = ccs_report_write (path, &o, out, &error);
  g_assert_no_error (error);
  g_assert_true (ok);
  g_test_message ("%s", out->str);
  return g_string_free (g_steal_pointer (&out), FALSE);
}

/* RFC 4180: fields separated by commas, quoted ones may hold commas,
 * newlines and doubled quotes.  Returns a GPtrArray of GPtrArray of char*. */
static GPtrArray *
csv_parse (const char *text)
{
  GPtrArray *rows = g_ptr_array_new_with_free_func ((GDestroyNotify) g_ptr_array_unref);
  GPtrArray *row = NULL;
  const char *p = text;
  while (*p)
    {
      if (!row)
        row = g_ptr_array_new_with_free_func (g_free);
      GString *f = g_string_new (NULL);
      if (*p == '"')
        {
          for (p++; *p && !(*p == '"' && p[1] != '"'); p++)
            {
              if (*p == '"')
                p++;
              g_string_append_c (f, *p);
            }
          g_assert_cmpint (*p, ==, '"');
          p++;
        }
      else
        while (*p && *p != ',' && *p != '\n' && *p != '\r')
          g_string_append_c (f, *p++);
      g_ptr_array_add (row, g_string_free (f, FALSE));
      if (*p == ',')
        {
          p++;
          continue;
        }
      if (*p == '\r')
        p++;
      g_assert_true (*p == '\n' || *p == '\0');
      if (*p)
        p++;
      g_ptr_array_add (rows, row);
      row = NULL;
    }
  g_assert_null (row);
  return rows;
}

typedef struct
{
  GPtrArray *rows;
} Csv;

static const char *
csv_get (const Csv *c, const char *metric, const char *params, const char *policy,
         const char *column)
{
  GPtrArray *head = c->rows->pdata[0];
  guint col;
  g_assert_true (g_ptr_array_find_with_equal_func (head, column, g_str_equal, &col));
  for (guint i = 1; i < c->rows->len; i++)
    {
      GPtrArray *r = c->rows->pdata[i];
      if (g_str_equal (r->pdata[0], metric) && g_str_equal (r->pdata[1], params)
          && g_str_equal (r->pdata[2], policy))
        return r->pdata[col];
    }
  g_test_message ("no row %s / %s / %s", metric, params, policy);
  g_assert_not_reached ();
  return NULL;
}

static double
csv_num (const Csv *c, const char *metric, const char *params, const char *policy,
         const char *column)
{
  const char *s = csv_get (c, metric, params, policy, column);
  g_assert_cmpstr (s, !=, "");
  char *end;
  double v = g_ascii_strtod (s, &end);
  g_assert_cmpstr (end, ==, "");
  return v;
}

/* |v - expect| within REL of expect; REL 0 = exactly. */
static void
assert_close (double v, double expect, double rel)
{
  if (rel == 0)
    g_assert_cmpfloat (v, ==, expect);
  else
    g_assert_cmpfloat_with_epsilon (v, expect, rel * MAX (fabs (expect), 1e-300));
}

static Csv
sweep_csv (const char *baseline)
{
  g_autofree char *path = make_sweep ();
  g_autofree char *text = report (path, CCS_REPORT_CSV, baseline, NULL);
  return (Csv){ csv_parse (text) };
}

/* ---- Tests -------------------------------------------------------------- */

static void
test_mean_ci (void)
{
  g_test_summary ("Mean and Student-t half-width per (params, policy) match hand values");
  Csv c = sweep_csv (NULL);
  /* greedy P1 latency: 1..5 → mean 3, sd = √2.5 = 1.5811,
   * half = t_{0.975,4}·sd/√5 = 2.776445·0.70711 = 1.9632. */
  g_assert_cmpstr (csv_get (&c, "latency_mean_s", P1, "greedy", "n"), ==, "5");
  assert_close (csv_num (&c, "latency_mean_s", P1, "greedy", "mean"), 3, 1e-12);
  assert_close (csv_num (&c, "latency_mean_s", P1, "greedy", "ci_half"), T975_4 * sqrt (2.5 / 5),
                1e-8);
  /* random P2 latency: seed 3 failed → 11 13 17 21, n 4, mean 15.5,
   * deviations -4.5 -2.5 1.5 5.5, ss 59, sd = √(59/3) = 4.4347,
   * half = t_{0.975,3}·sd/2 = 3.182446·2.2174 = 7.0565. */
  g_assert_cmpstr (csv_get (&c, "latency_mean_s", P2, "random", "n"), ==, "4");
  assert_close (csv_num (&c, "latency_mean_s", P2, "random", "mean"), 15.5, 1e-12);
  assert_close (csv_num (&c, "latency_mean_s", P2, "random", "ci_half"),
                T975_3 * sqrt (59.0 / 3) / 2, 1e-8);
  /* greedy P1 tasks_completed: all 100 → sd 0, half 0. */
  assert_close (csv_num (&c, "tasks_completed", P1, "greedy", "mean"), 100, 1e-12);
  assert_close (csv_num (&c, "tasks_completed", P1, "greedy", "ci_half"), 0, 0);
  /* greedy P1 utilisation_edge: 0.1 0.2 0.3 0.4 and a NULL → n 4, mean 0.25,
   * sd = √(0.05/3) = 0.12910, half = 3.182446·0.12910/2 = 0.20543. */
  g_assert_cmpstr (csv_get (&c, "utilisation_edge", P1, "greedy", "n"), ==, "4");
  assert_close (csv_num (&c, "utilisation_edge", P1, "greedy", "mean"), 0.25, 1e-12);
  assert_close (csv_num (&c, "utilisation_edge", P1, "greedy", "ci_half"),
                T975_3 * sqrt (0.05 / 3) / 2, 1e-8);
  /* carbon_g: one value (n 1, no interval), and nothing elsewhere (n 0). */
  g_assert_cmpstr (csv_get (&c, "carbon_g", P1, "random", "n"), ==, "1");
  assert_close (csv_num (&c, "carbon_g", P1, "random", "mean"), 7, 1e-12);
  g_assert_cmpstr (csv_get (&c, "carbon_g", P1, "random", "ci_half"), ==, "");
  g_assert_cmpstr (csv_get (&c, "carbon_g", P1, "greedy", "n"), ==, "0");
  g_assert_cmpstr (csv_get (&c, "carbon_g", P1, "greedy", "mean"), ==, "");
  g_ptr_array_unref (c.rows);
}

static void
test_order (void)
{
  g_test_summary ("Metrics in order of first appearance, groups in grid order; a subset "
                  "in the order asked for");
  Csv c = sweep_csv (NULL);
  /* 4 metrics × 2 params × 3 policies. */
  g_assert_cmpuint (c.rows->len, ==, 1 + 4 * 2 * 3);
  static const char *const metrics[]
      = { "latency_mean_s", "tasks_completed", "utilisation_edge", "carbon_g" };
  const char *params[] = { P1, P2 };
  guint i = 1;
  for (int m = 0; m < 4; m++)
    for (int pa = 0; pa < 2; pa++)
      for (int po = 0; po < 3; po++, i++)
        {
          GPtrArray *r = c.rows->pdata[i];
          g_assert_cmpstr (r->pdata[0], ==, metrics[m]);
          g_assert_cmpstr (r->pdata[1], ==, params[pa]);
          g_assert_cmpstr (r->pdata[2], ==, policies[po]);
        }
  g_ptr_array_unref (c.rows);

  g_autofree char *path = make_sweep ();
  static const char *const subset[] = { "tasks_completed", "latency_mean_s", NULL };
  g_autofree char *text = report (path, CCS_REPORT_CSV, NULL, subset);
  g_autoptr (GPtrArray) rows = csv_parse (text);
  g_assert_cmpuint (rows->len, ==, 1 + 2 * 6);
  g_assert_cmpstr (((GPtrArray *) rows->pdata[1])->pdata[0], ==, "tasks_completed");
  g_assert_cmpstr (((GPtrArray *) rows->pdata[7])->pdata[0], ==, "latency_mean_s");
}

static void
test_paired (void)
{
  g_test_summary ("Paired difference against the baseline on the same seeds: mean, interval, "
                  "p, significance, %");
  Csv c = sweep_csv ("greedy");
  /* random − greedy, P1 latency: 2 2.5 1.5 2 2 → mean 2, ss 0.5,
   * sd = √0.125, half = t_{0.975,4}·√(0.125/5) = 0.43899; t = 2/√0.025 =
   * 12.649; for ν = 4 the t CDF is closed-form:
   * F(t) = 1/2 + 3/8·t/√(1+t²/4)·(1 − (t²/4)/(3(1+t²/4))), p = 2(1 − F) = 2.249e-4.
   * diff % = 2 / mean(greedy) 3 = 66.67 %. */
  double t = 2 / sqrt (0.125 / 5), x = t * t / 4;
  double p = 2 * (0.5 - 3.0 / 8 * t / sqrt (1 + x) * (1 - x / (3 * (1 + x))));
  assert_close (csv_num (&c, "latency_mean_s", P1, "random", "diff"), 2, 1e-12);
  assert_close (csv_num (&c, "latency_mean_s", P1, "random", "diff_ci_half"),
                T975_4 * sqrt (0.125 / 5), 1e-8);
  assert_close (csv_num (&c, "latency_mean_s", P1, "random", "p_value"), p, 1e-6);
  g_assert_cmpstr (csv_get (&c, "latency_mean_s", P1, "random", "significant"), ==, "1");
  assert_close (csv_num (&c, "latency_mean_s", P1, "random", "diff_pct"), 200.0 / 3, 1e-12);
  /* edge-first − greedy, P1 latency: 1 -1 0.5 -0.5 0 → mean 0, ss 2.5,
   * half = t_{0.975,4}·√(0.625/5) = 0.98162, t = 0 → p = 1, not significant. */
  assert_close (csv_num (&c, "latency_mean_s", P1, "edge-first", "diff"), 0, 0);
  assert_close (csv_num (&c, "latency_mean_s", P1, "edge-first", "diff_ci_half"),
                T975_4 * sqrt (0.625 / 5), 1e-8);
  assert_close (csv_num (&c, "latency_mean_s", P1, "edge-first", "p_value"), 1, 1e-12);
  g_assert_cmpstr (csv_get (&c, "latency_mean_s", P1, "edge-first", "significant"), ==, "0");
  /* random − greedy, P1 tasks: -10 -8 -6 -4 -2 → mean -6, ss 40, sd √10,
   * half = t_{0.975,4}·√2 = 3.9265, -6 % of 100. */
  assert_close (csv_num (&c, "tasks_completed", P1, "random", "diff"), -6, 1e-12);
  assert_close (csv_num (&c, "tasks_completed", P1, "random", "diff_ci_half"), T975_4 * sqrt (2),
                1e-8);
  assert_close (csv_num (&c, "tasks_completed", P1, "random", "diff_pct"), -6, 1e-12);
  /* random − greedy, P2 latency: seed 3 of random failed, so 4 pairs
   * (seeds 1 2 4 5), each +1 → mean 1, half 0, significant; % of the
   * baseline over the same pairs: (10+12+16+20)/4 = 14.5 → 6.897 %
   * (against the whole greedy mean, 14.4, it would be 6.944 %). */
  assert_close (csv_num (&c, "latency_mean_s", P2, "random", "diff"), 1, 1e-12);
  assert_close (csv_num (&c, "latency_mean_s", P2, "random", "diff_ci_half"), 0, 0);
  g_assert_cmpstr (csv_get (&c, "latency_mean_s", P2, "random", "significant"), ==, "1");
  assert_close (csv_num (&c, "latency_mean_s", P2, "random", "diff_pct"), 100 / 14.5, 1e-12);
  /* The baseline itself has no difference. */
  g_assert_cmpstr (csv_get (&c, "latency_mean_s", P1, "greedy", "diff"), ==, "");
  g_assert_cmpstr (csv_get (&c, "latency_mean_s", P1, "greedy", "significant"), ==, "");
  g_ptr_array_unref (c.rows);
}

static void
test_rank (void)
{
  g_test_summary ("Rank 1 = best, by the direction of the metric; ties share a rank");
  Csv c = sweep_csv (NULL);
  /* latency (lower is better), P1 means: greedy 3, random 5, edge-first 3. */
  g_assert_cmpstr (csv_get (&c, "latency_mean_s", P1, "greedy", "rank"), ==, "1");
  g_assert_cmpstr (csv_get (&c, "latency_mean_s", P1, "edge-first", "rank"), ==, "1");
  g_assert_cmpstr (csv_get (&c, "latency_mean_s", P1, "random", "rank"), ==, "3");
  /* P2 means: greedy 14.4, random 15.5 (the failed 1000 left out), edge-first 14.4. */
  g_assert_cmpstr (csv_get (&c, "latency_mean_s", P2, "greedy", "rank"), ==, "1");
  g_assert_cmpstr (csv_get (&c, "latency_mean_s", P2, "random", "rank"), ==, "3");
  /* tasks_completed (higher is better), P1: greedy 100, random 94, edge-first 112. */
  g_assert_cmpstr (csv_get (&c, "tasks_completed", P1, "edge-first", "rank"), ==, "1");
  g_assert_cmpstr (csv_get (&c, "tasks_completed", P1, "greedy", "rank"), ==, "2");
  g_assert_cmpstr (csv_get (&c, "tasks_completed", P1, "random", "rank"), ==, "3");
  /* P2: 50 everywhere (random's failed 1000 left out) → all first. */
  for (int po = 0; po < 3; po++)
    g_assert_cmpstr (csv_get (&c, "tasks_completed", P2, policies[po], "rank"), ==, "1");
  /* utilisation has no direction; carbon (lower) ranks only where there is a mean. */
  g_assert_cmpstr (csv_get (&c, "utilisation_edge", P1, "greedy", "rank"), ==, "");
  g_assert_cmpstr (csv_get (&c, "carbon_g", P1, "random", "rank"), ==, "1");
  g_assert_cmpstr (csv_get (&c, "carbon_g", P1, "greedy", "rank"), ==, "");
  g_ptr_array_unref (c.rows);
}

static void
test_failed (void)
{
  g_test_summary ("Failed runs are counted per group and in the header, never in the "
                  "statistics");
  Csv c = sweep_csv (NULL);
  g_assert_cmpstr (csv_get (&c, "latency_mean_s", P2, "greedy", "failed"), ==, "1");
  g_assert_cmpstr (csv_get (&c, "latency_mean_s", P2, "random", "failed"), ==, "1");
  g_assert_cmpstr (csv_get (&c, "latency_mean_s", P2, "edge-first", "failed"), ==, "0");
  g_assert_cmpstr (csv_get (&c, "latency_mean_s", P1, "greedy", "failed"), ==, "0");
  /* greedy P2: 10 12 14 16 20 → 14.4 over 5 runs, seed 6 (1000) left out. */
  g_assert_cmpstr (csv_get (&c, "latency_mean_s", P2, "greedy", "n"), ==, "5");
  assert_close (csv_num (&c, "latency_mean_s", P2, "greedy", "mean"), 14.4, 1e-12);
  /* random P2 tasks: 50 ×4 without the failed 1000. */
  assert_close (csv_num (&c, "tasks_completed", P2, "random", "mean"), 50, 1e-12);
  g_ptr_array_unref (c.rows);

  /* 31 runs: 29 done, 2 failed. */
  g_autofree char *path = make_sweep ();
  g_autofree char *text = report (path, CCS_REPORT_TABLE, NULL, NULL);
  ccs_test_assert_contains (text, "29 runs done, 2 failed");
  ccs_test_assert_contains (text, "smart_city");
  ccs_test_assert_contains (text, "9.8.7");
  ccs_test_assert_contains (text, "95%");
  ccs_test_assert_contains (text, "failed");
}

static void
test_csv (void)
{
  g_test_summary ("CSV: fixed header, every row as many fields, quoted params");
  g_autofree char *path = make_sweep ();
  g_autofree char *text = report (path, CCS_REPORT_CSV, "greedy", NULL);
  ccs_test_assert_prefix (text, "metric,params,policy,n,mean,ci_half,diff,diff_ci_half,diff_pct,"
                                "p_value,significant,rank,failed\n");
  /* The params hold commas and quotes, so they are quoted and the quotes doubled. */
  ccs_test_assert_contains (text, ",\"IoT cams.count=100, Net.label=\"\"a&b_c\"\"\",");
  g_autoptr (GPtrArray) rows = csv_parse (text);
  g_assert_cmpuint (rows->len, ==, 1 + 24);
  for (guint i = 0; i < rows->len; i++)
    g_assert_cmpuint (((GPtrArray *) rows->pdata[i])->len, ==, 13);
}

/* Lines of TEXT, without the empty one after the last newline. */
static GStrv
lines_of (const char *text)
{
  g_assert_true (g_str_has_suffix (text, "\n"));
  g_autofree char *t = g_strndup (text, strlen (text) - 1);
  return g_strsplit (t, "\n", -1);
}

static guint
count_unescaped (const char *s, char c)
{
  guint n = 0;
  for (const char *p = s; *p; p++)
    if (*p == c && (p == s || p[-1] != '\\'))
      n++;
  return n;
}

static void
test_markdown (void)
{
  g_test_summary ("Markdown: one pipe table, the separator second, every row as many cells");
  g_autofree char *path = make_sweep ();
  g_autofree char *text = report (path, CCS_REPORT_MARKDOWN, "greedy", NULL);
  g_auto (GStrv) lines = lines_of (text);
  g_assert_true (g_str_has_prefix (lines[0], "| metric"));
  g_assert_true (g_regex_match_simple ("^\\|( :?-+:? \\|)+$", lines[1], 0, 0));
  guint pipes = count_unescaped (lines[0], '|'), rows = 0;
  g_assert_cmpuint (pipes, >=, 10);
  for (guint i = 0; lines[i]; i++)
    if (lines[i][0] == '|')
      {
        g_assert_cmpuint (count_unescaped (lines[i], '|'), ==, pipes);
        rows++;
      }
  g_assert_cmpuint (rows, ==, 2 + 24);
  /* Mean ± half of greedy P1 latency (1.9632, see /report/mean-ci). */
  ccs_test_assert_contains (text, " 3 ± 1.963 |");
  ccs_test_assert_contains (text, "\nTable: ");
}

static void
test_latex (void)
{
  g_test_summary ("LaTeX: one tabular, escaped names, as many & per row, rows end in \\\\");
  g_autofree char *path = make_sweep ();
  g_autofree char *text = report (path, CCS_REPORT_LATEX, "greedy", NULL);
  g_auto (GStrv) lines = lines_of (text);
  guint n = g_strv_length (lines);
  g_assert_true (g_str_has_prefix (lines[0], "\\begin{tabular}{"));
  g_assert_cmpstr (lines[n - 1], ==, "\\end{tabular}");
  guint amps = G_MAXUINT, rows = 0;
  for (guint i = 0; i < n; i++)
    if (g_str_has_suffix (lines[i], "\\\\"))
      {
        if (amps == G_MAXUINT)
          amps = count_unescaped (lines[i], '&');
        g_assert_cmpuint (count_unescaped (lines[i], '&'), ==, amps);
        rows++;
      }
    else if (lines[i][0] != '%')
      g_assert_true (lines[i][0] == '\\' && !strchr (lines[i], '&'));
  g_assert_cmpuint (rows, ==, 1 + 24);
  g_assert_cmpuint (amps, >=, 9);
  /* One column per &-separated cell. */
  g_autofree char *spec = g_strndup (lines[0] + strlen ("\\begin{tabular}{"),
                                     strlen (lines[0]) - strlen ("\\begin{tabular}{}"));
  g_assert_cmpuint (strlen (spec), ==, amps + 1);
  ccs_test_assert_contains (text, "latency\\_mean\\_s");
  ccs_test_assert_contains (text, "a\\&b\\_c");
  g_assert_null (strstr (text, "latency_mean"));
  g_assert_true (strstr (text, "\\toprule") && strstr (text, "\\bottomrule"));
  ccs_test_assert_contains (text, "$3 \\pm 1.963$");
}

static void
test_table (void)
{
  g_test_summary ("Terminal table: aligned columns, '±' counted as one column");
  g_autofree char *path = make_sweep ();
  g_autofree char *text = report (path, CCS_REPORT_TABLE, "greedy", NULL);
  g_auto (GStrv) lines = lines_of (text);
  /* The last column (failed) is right-aligned, so every line of the table
   * is equally long in characters — not in bytes, where '±' takes two. */
  glong width = -1;
  guint rows = 0;
  for (guint i = 0; lines[i]; i++)
    {
      if (lines[i][0] == '#')
        continue;
      if (width < 0)
        width = g_utf8_strlen (lines[i], -1);
      g_assert_cmpint (g_utf8_strlen (lines[i], -1), ==, width);
      rows++;
    }
  g_assert_cmpuint (rows, ==, 2 + 24);
  ccs_test_assert_contains (text, "3 ± 1.963");
}

static void
test_single_run (void)
{
  g_test_summary ("A single run: n 1, '-' for the interval, never 'nan'");
  g_autofree char *path = NULL;
  sqlite3 *db = db_create ("single.db", &path);
  db_meta (db, "run");
  const char *m[] = { "latency_mean_s", "tasks_completed" };
  double v[] = { 0.25, 10 };
  db_run (db, 1, "greedy", 1, "", "done", m, v, 2);
  sqlite3_close (db);

  g_autofree char *table = report (path, CCS_REPORT_TABLE, NULL, NULL);
  g_auto (GStrv) lines = lines_of (table);
  const char *row = NULL;
  for (guint i = 0; lines[i]; i++)
    if (g_str_has_prefix (lines[i], "latency_mean_s"))
      row = lines[i];
  g_assert_nonnull (row);
  ccs_test_assert_contains (row, "0.25 ± -");
  /* Nothing varied: no params column. */
  g_assert_null (strstr (table, "params"));
  g_autofree char *csv = report (path, CCS_REPORT_CSV, NULL, NULL);
  ccs_test_assert_contains (csv, "\nlatency_mean_s,,greedy,1,0.25,,,,,,,1,0\n");
  for (CcsReportFormat f = CCS_REPORT_TABLE; f <= CCS_REPORT_LATEX; f++)
    {
      g_autofree char *text = report (path, f, "greedy", NULL);
      g_assert_null (strstr (text, "nan"));
      g_assert_null (strstr (text, "NaN"));
    }
}

static void
test_deterministic (void)
{
  g_test_summary ("The same database gives byte-identical text; no 'nan' anywhere");
  g_autofree char *path = make_sweep ();
  for (CcsReportFormat f = CCS_REPORT_TABLE; f <= CCS_REPORT_LATEX; f++)
    {
      g_autofree char *a = report (path, f, "greedy", NULL);
      g_autofree char *b = report (path, f, "greedy", NULL);
      g_assert_cmpstr (a, ==, b);
      g_assert_null (strstr (a, "nan"));
    }
}

static void
assert_fails (const char *path, const char *baseline, const char *const *metrics, double level,
              int code, const char *const *needles)
{
  CcsReportOptions o = { CCS_REPORT_TABLE, baseline, metrics, level };
  g_autoptr (GString) out = g_string_new ("kept");
  g_autoptr (GError) error = NULL;
  g_assert_false (ccs_report_write (path, &o, out, &error));
  g_assert_error (error, CCS_REPORT_ERROR, code);
  g_test_message ("%s", error->message);
  for (gsize i = 0; needles[i]; i++)
    ccs_test_assert_contains (error->message, needles[i]);
  g_assert_cmpstr (out->str, ==, "kept");
}

static void
test_errors (void)
{
  g_test_summary ("Unknown baseline or metric, missing or foreign file, no done run, no "
                  "common seed, bad level: errors that name the culprit");
  g_autofree char *sweep = make_sweep ();
  assert_fails (sweep, "nope", NULL, 0.95, CCS_REPORT_ERROR_BASELINE,
                (const char *const[]){ "'nope'", "'greedy'", "'random'", "'edge-first'", NULL });
  static const char *const bad[] = { "latency_mean_s", "latency_p42_s", NULL };
  assert_fails (sweep, NULL, bad, 0.95, CCS_REPORT_ERROR_METRIC,
                (const char *const[]){ sweep, "'latency_p42_s'", "tasks_completed", NULL });
  assert_fails (sweep, NULL, NULL, 1.5, CCS_REPORT_ERROR_INVALID,
                (const char *const[]){ "1.5", NULL });

  g_autofree char *missing = g_build_filename (ccs_test_tmpdir (), "missing.db", NULL);
  assert_fails (missing, NULL, NULL, 0.95, CCS_REPORT_ERROR_IO,
                (const char *const[]){ missing, NULL });
  g_autofree char *text = ccs_test_write ("text.db", "not a database at all\n");
  assert_fails (text, NULL, NULL, 0.95, CCS_REPORT_ERROR_FORMAT,
                (const char *const[]){ text, "not a results database", NULL });
  g_autofree char *other = NULL;
  sqlite3 *db = db_create ("other.db", &other);
  db_exec (db, "DROP TABLE runs");
  sqlite3_close (db);
  assert_fails (other, NULL, NULL, 0.95, CCS_REPORT_ERROR_FORMAT,
                (const char *const[]){ other, "no runs", NULL });

  /* Every run failed. */
  g_autofree char *failed = NULL;
  db = db_create ("failed.db", &failed);
  const char *m[] = { "latency_mean_s" };
  double v[] = { 1 };
  db_run (db, 1, "greedy", 1, "", "failed", m, v, 1);
  db_run (db, 2, "random", 1, "", "failed", m, v, 1);
  sqlite3_close (db);
  assert_fails (failed, NULL, NULL, 0.95, CCS_REPORT_ERROR_EMPTY,
                (const char *const[]){ failed, "no done runs", NULL });

  /* greedy on seeds 1–3, random on 4–6: nothing to pair. */
  g_autofree char *apart = NULL;
  db = db_create ("apart.db", &apart);
  for (int s = 1; s <= 3; s++)
    {
      db_run (db, 2 * s - 1, "greedy", s, "", "done", m, v, 1);
      db_run (db, 2 * s, "random", s + 3, "", "done", m, v, 1);
    }
  sqlite3_close (db);
  assert_fails (apart, "greedy", NULL, 0.95, CCS_REPORT_ERROR_BASELINE,
                (const char *const[]){ "'random'", "'greedy'", "seed", NULL });
  /* Without a baseline the same file is fine. */
  g_autofree char *ok = report (apart, CCS_REPORT_TABLE, NULL, NULL);
  ccs_test_assert_contains (ok, "random");
}

static void
test_format_parse (void)
{
  g_test_summary ("Format names parse; others are refused");
  static const struct
  {
    const char *name;
    CcsReportFormat f;
  } cases[] = { { "table", CCS_REPORT_TABLE },
                { "markdown", CCS_REPORT_MARKDOWN },
                { "csv", CCS_REPORT_CSV },
                { "latex", CCS_REPORT_LATEX } };
  for (gsize i = 0; i < G_N_ELEMENTS (cases); i++)
    {
      CcsReportFormat f = -1;
      g_assert_true (ccs_report_format_parse (cases[i].name, &f));
      g_assert_cmpint (f, ==, cases[i].f);
    }
  CcsReportFormat f = CCS_REPORT_CSV;
  g_assert_false (ccs_report_format_parse ("html", &f));
  g_assert_false (ccs_report_format_parse ("", &f));
  g_assert_cmpint (f, ==, CCS_REPORT_CSV);
}

int
main (int argc, char **argv)
{
  g_test_init (&argc, &argv, NULL);
  g_test_add_func ("/report/mean-ci", test_mean_ci);
  g_test_add_func ("/report/order", test_order);
  g_test_add_func ("/report/paired", test_paired);
  g_test_add_func ("/report/rank", test_rank);
  g_test_add_func ("/report/failed", test_failed);
  g_test_add_func ("/report/format/csv", test_csv);
  g_test_add_func ("/report/format/markdown", test_markdown);
  g_test_add_func ("/report/format/latex", test_latex);
  g_test_add_func ("/report/format/table", test_table);
  g_test_add_func ("/report/format/parse", test_format_parse);
  g_test_add_func ("/report/single-run", test_single_run);
  g_test_add_func ("/report/deterministic", test_deterministic);
  g_test_add_func ("/report/errors", test_errors);
  return g_test_run ();
}
