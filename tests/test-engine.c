/* test-engine.c — conservation, determinism, energy and policies, by
 * running the ccsim binary on small scenarios and reading the database. */
#include <math.h>
#include <string.h>
#include <sys/wait.h>

#include "models/workloads.h"
#include "tests/testutil.h"

/* `ccsim run tests/data/FILE --quiet --out TMP/TAG.db ARGS...`; the exit
 * status goes to STATUS_OUT, or must be 0 when it is NULL. */
static char *
run_va (const char *file, const char *tag, int *status_out, char **err_out, va_list ap)
{
  g_autofree char *scenario = ccs_test_data (file);
  char *db = g_strdup_printf ("%s/%s.db", ccs_test_tmpdir (), tag);
  g_autoptr (GPtrArray) args = g_ptr_array_new ();
  const char *fixed[] = { "run", scenario, "--quiet", "--out", db };
  for (gsize i = 0; i < G_N_ELEMENTS (fixed); i++)
    g_ptr_array_add (args, (gpointer) fixed[i]);
  const char *a;
  while ((a = va_arg (ap, const char *)))
    g_ptr_array_add (args, (gpointer) a);
  g_autofree char *err = NULL;
  int status = ccs_test_spawn ("CCSIM_BIN", args, NULL, &err);
  if (status_out)
    *status_out = status;
  else
    {
      if (status != 0)
        g_test_message ("stderr: %s", err);
      g_assert_cmpint (status, ==, 0);
    }
  if (err_out)
    *err_out = g_steal_pointer (&err);
  return db;
}

static char *
run_small (const char *tag, int *status_out, char **err_out, ...)
{
  va_list ap;
  va_start (ap, err_out);
  char *db = run_va ("small.ini", tag, status_out, err_out, ap);
  va_end (ap);
  return db;
}

static char *
run_data (const char *file, const char *tag, ...)
{
  va_list ap;
  va_start (ap, tag);
  char *db = run_va (file, tag, NULL, NULL, ap);
  va_end (ap);
  return db;
}

static double
metric (const char *db, const char *name)
{
  g_autofree char *q = g_strdup_printf ("SELECT value FROM summary WHERE metric = '%s'", name);
  return ccs_test_sql_double (db, q);
}

/* Everything but wall-clock fields. */
static char *
dump (const char *db)
{
  g_autofree char *a
      = ccs_test_sql_text (db, "SELECT scenario, scenario_sha256, config, policy, seed, version, "
                               "sim_s, events, fingerprint FROM runs");
  g_autofree char *b = ccs_test_sql_text (db, "SELECT metric, value FROM summary ORDER BY metric");
  g_autofree char *c = ccs_test_sql_text (db, "SELECT * FROM nodes ORDER BY node");
  g_autofree char *d = ccs_test_sql_text (db, "SELECT * FROM tasks ORDER BY task_id");
  return g_strconcat (a, b, c, d, NULL);
}

static void
assert_conserved (const char *db)
{
  double created = metric (db, "tasks_created");
  g_assert_cmpfloat (created, >, 0);
  g_assert_cmpfloat (created, ==,
                     metric (db, "tasks_completed") + metric (db, "tasks_rejected")
                         + metric (db, "tasks_failed") + metric (db, "tasks_in_flight"));
  /* The per-task table agrees with the summary when every task is kept. */
  g_assert_cmpfloat (ccs_test_sql_double (db, "SELECT COUNT(*) FROM tasks"), ==, created);
  /* Each task is recorded once, in one state. */
  g_assert_cmpfloat (ccs_test_sql_double (db, "SELECT COUNT(DISTINCT task_id) FROM tasks"), ==,
                     created);
  g_assert_cmpfloat (
      ccs_test_sql_double (db, "SELECT COUNT(*) FROM tasks WHERE state = 'completed'"), ==,
      metric (db, "tasks_completed"));
  g_assert_cmpfloat (
      ccs_test_sql_double (db, "SELECT COUNT(*) FROM tasks WHERE state = 'in_flight'"), ==,
      metric (db, "tasks_in_flight"));
  g_assert_cmpfloat (ccs_test_sql_double (db, "SELECT SUM(deadline_miss) FROM tasks"), ==,
                     metric (db, "deadline_misses"));
  /* Nodes count executions; a task whose result is still on its way back
   * at the end is executed but in flight. */
  double executed = ccs_test_sql_double (db, "SELECT SUM(tasks) FROM nodes");
  g_assert_cmpfloat (executed, >=, metric (db, "tasks_completed"));
  g_assert_cmpfloat (executed, <=, metric (db, "tasks_completed") + metric (db, "tasks_in_flight"));
}

static void
test_determinism (void)
{
  g_autofree char *a = run_small ("det-a", NULL, NULL, NULL);
  g_autofree char *b = run_small ("det-b", NULL, NULL, NULL);
  g_autofree char *c = run_small ("det-c", NULL, NULL, "--seed", "4", NULL);
  g_autofree char *da = dump (a), *db = dump (b), *dc = dump (c);
  g_assert_cmpuint (strlen (da), >, 1000);
  g_assert_cmpstr (da, ==, db);
  g_assert_cmpstr (da, !=, dc);
  g_autofree char *fa = ccs_test_sql_text (a, "SELECT fingerprint FROM runs");
  g_autofree char *fc = ccs_test_sql_text (c, "SELECT fingerprint FROM runs");
  g_assert_cmpstr (fa, !=, fc);
}

static void
test_conservation_overload (void)
{
  /* 60 cameras at 400 Hz swamp 3 Jetsons and the cloud: many tasks are
   * still queued at the end and must be counted as in flight. */
  g_autofree char *db = run_small ("overload", NULL, NULL, "--config", "overload", NULL);
  assert_conserved (db);
  g_assert_cmpfloat (metric (db, "tasks_in_flight"), >, 100);
  g_assert_cmpfloat (metric (db, "deadline_misses"), >, 0);
  /* Tasks stuck past their deadline when the run ends have missed it. */
  g_assert_cmpfloat (
      ccs_test_sql_double (db, "SELECT COUNT(*) FROM tasks WHERE state = 'in_flight' "
                               "AND created_s + 0.05 < 10"),
      ==,
      ccs_test_sql_double (db, "SELECT COUNT(*) FROM tasks WHERE state = 'in_flight' "
                               "AND deadline_miss = 1"));
  g_assert_cmpfloat (ccs_test_sql_double (db,
                                          "SELECT COUNT(*) FROM tasks WHERE state = 'in_flight' "
                                          "AND deadline_miss = 1"),
                     >, 100);
}

static void
test_queue_limit (void)
{
  /* The same overload with at most 10 waiting tasks per Jetson: arrivals
   * at a full queue are rejected at their node, with the reason. */
  g_autofree char *db = run_small ("queue-limit", NULL, NULL, "--config", "overload", "--set",
                                   "Node jetson.queue_limit=10", NULL);
  assert_conserved (db);
  g_assert_cmpfloat (metric (db, "tasks_rejected"), >, 1000);
  g_assert_cmpfloat (metric (db, "tasks_in_flight"), <=, 3 * 11 + 100);
  g_assert_cmpfloat (
      ccs_test_sql_double (db, "SELECT COUNT(*) FROM tasks t JOIN reasons r "
                               "ON r.reason_id = t.reason_id WHERE t.state = 'rejected' "
                               "AND t.node IS NOT NULL AND r.reason LIKE 'queue full at %'"),
      ==, metric (db, "tasks_rejected"));
}

static void
test_all_policies (void)
{
  const char *policies[] = { "local",       "nearest-edge", "cloud-only",     "random",
                             "round-robin", "least-loaded", "earliest-finish" };
  for (gsize i = 0; i < G_N_ELEMENTS (policies); i++)
    {
      g_autofree char *tag = g_strdup_printf ("policy-%s", policies[i]);
      g_autofree char *db = run_small (tag, NULL, NULL, "--policy", policies[i], NULL);
      assert_conserved (db);
      g_autofree char *p = ccs_test_sql_text (db, "SELECT policy FROM runs");
      g_autofree char *want = g_strconcat (policies[i], "\n", NULL);
      g_assert_cmpstr (p, ==, want);
      double completed = metric (db, "tasks_completed");
      if (g_str_equal (policies[i], "local"))
        g_assert_cmpfloat (
            ccs_test_sql_double (db, "SELECT COUNT(*) FROM tasks WHERE node != source"), ==, 0);
      if (g_str_equal (policies[i], "cloud-only"))
        {
          g_assert_cmpfloat (
              ccs_test_sql_double (db, "SELECT SUM(tasks) FROM nodes WHERE tier = 'cloud'"), ==,
              completed);
          /* Sovereign data sent to the cloud: every placed task violates. */
          g_assert_cmpfloat (metric (db, "sovereignty_violations"), ==,
                             metric (db, "tasks_created") - metric (db, "tasks_rejected"));
          g_assert_cmpfloat (metric (db, "cost_usd"), >, 0);
        }
      if (g_str_equal (policies[i], "nearest-edge"))
        {
          g_assert_cmpfloat (
              ccs_test_sql_double (db, "SELECT SUM(tasks) FROM nodes WHERE tier = 'edge'"), ==,
              completed);
          g_assert_cmpfloat (metric (db, "sovereignty_violations"), ==, 0);
        }
    }
}

static void
test_energy_linear (void)
{
  /* unit-server: 100 W idle, 200 W busy; 1 s jobs every 4 s for 1000 s
   * (250 jobs, the last one ending at about 997 s): utilisation 1/4, so
   * E = 1000 s · (100 W + 100 W · 0.25) = 125 kJ (SimGrid host_energy). */
  g_autofree char *db = run_small ("energy", NULL, NULL, "--config", "energy", NULL);
  double jobs = ccs_test_sql_double (db, "SELECT tasks FROM nodes WHERE tier = 'edge'");
  double busy = ccs_test_sql_double (db, "SELECT busy_s FROM nodes WHERE tier = 'edge'");
  double e = ccs_test_sql_double (db, "SELECT energy_j FROM nodes WHERE tier = 'edge'");
  g_assert_cmpfloat (jobs, ==, 250);
  g_assert_cmpfloat_with_epsilon (busy, 250.0, 1e-6);
  g_assert_cmpfloat_with_epsilon (e, 1000 * 100 + 100 * busy, 1e-3);
  /* Latency of a 1 s job on an idle server over an ideal-free Wi-Fi path:
   * 1 s of compute plus 2 x (2 ms Wi-Fi + 2 us LAN + 2 us LAN) latency. */
  double lat = metric (db, "latency_mean_s");
  g_assert_cmpfloat_with_epsilon (lat, 1.0 + 2 * (0.002 + 2e-6 + 2e-6), 1e-6);
  /* Idle cloud: two T4 at idle power for 1000 s, per device. */
  double cloud = metric (db, "energy_cloud_j");
  g_assert_cmpfloat (cloud, >, 0);
  g_assert_cmpfloat (metric (db, "cost_usd"), ==, 0);
}

/* DVFS: the same jobs at power state 1 (half the clock) take 2 s, and the
 * power above idle falls to (1/2)^3 of 100 W: E = 1000 s · 100 W + busy
 * seconds · 12.5 W (about 106.2 kJ, against 125 kJ at full clock). */
static void
test_dvfs (void)
{
  g_autofree char *db
      = run_small ("dvfs", NULL, NULL, "--config", "energy", "--set", "Node jetson.pstate=1", NULL);
  double busy = ccs_test_sql_double (db, "SELECT busy_s FROM nodes WHERE tier = 'edge'");
  double e = ccs_test_sql_double (db, "SELECT energy_j FROM nodes WHERE tier = 'edge'");
  /* 249 jobs of 2 s done; the last, arrived 1.04 s before the end, is
   * still running then. */
  double last = ccs_test_sql_double (db, "SELECT MAX(created_s) FROM tasks");
  g_assert_cmpfloat (metric (db, "tasks_completed"), ==, 249);
  g_assert_cmpfloat_with_epsilon (busy, 2 * 249 + (1000 - last - 0.002 - 4e-6), 1e-6);
  g_assert_cmpfloat_with_epsilon (e, 1000 * 100 + 12.5 * busy, 1e-3);
  g_assert_cmpfloat_with_epsilon (metric (db, "latency_mean_s"), 2.0 + 2 * (0.002 + 4e-6), 1e-6);
  /* A state the device does not have is an error naming the key. */
  g_autofree char *err = NULL;
  int st = -1;
  g_autofree char *bad = run_small ("dvfs-bad", &st, &err, "--config", "energy", "--set",
                                    "Node jetson.pstate=2", NULL);
  g_assert_cmpint (st, ==, 1);
  ccs_test_assert_contains (err, "[Node jetson] pstate: unit-server has 2 states (0 to 1)");
}

/* Sleep: the unit server sleeps (10 W) after 1 s idle and takes 0.5 s to
 * wake (at idle power).  Jobs come every 4 s, so every job wakes it: its
 * latency gains 0.5 s, and the energy is 100 W awake, 10 W asleep, plus
 * 100 W more while running, integrated here from the arrival times. */
static void
test_sleep (void)
{
  g_autofree char *db = run_small ("sleep", NULL, NULL, "--config", "energy", "--set",
                                   "Node jetson.sleep_after=1s", NULL);
  double net = 0.002 + 4e-6; /* Wi-Fi + two LAN hops, one way */
  g_assert_cmpfloat_with_epsilon (metric (db, "latency_mean_s"), 0.5 + 1.0 + 2 * net, 1e-6);
  g_autofree char *rows = ccs_test_sql_text (db, "SELECT created_s FROM tasks ORDER BY created_s");
  g_auto (GStrv) lines = g_strsplit (rows, "\n", -1);
  double asleep = 0, running = 0, free_since = 0; /* idle from t = 0 */
  for (int i = 0; lines[i] && *lines[i]; i++)
    {
      double at = g_ascii_strtod (lines[i], NULL) + net;
      asleep += MAX (0.0, at - (free_since + 1));
      double start = at + (at - free_since > 1 ? 0.5 : 0), end = start + 1;
      running += MIN (end, 1000.0) - MIN (start, 1000.0);
      free_since = end;
    }
  asleep += MAX (0.0, 1000 - (free_since + 1));
  double e = ccs_test_sql_double (db, "SELECT energy_j FROM nodes WHERE tier = 'edge'");
  g_assert_cmpfloat_with_epsilon (e, 100 * (1000 - asleep) + 10 * asleep + 100 * running, 1e-3);
  g_assert_cmpfloat (e, <, 0.8 * (1000 * 100 + 100 * running));
}

/* With servers that sleep, energy-aware packs the work onto few of them
 * (waking one costs energy) and uses far less energy than round-robin,
 * which keeps all four awake. */
static void
test_consolidation (void)
{
  g_autofree char *packed = run_data ("farm.ini", "farm-energy", NULL);
  g_autofree char *spread = run_data ("farm.ini", "farm-rr", "--policy", "round-robin", NULL);
  g_assert_cmpfloat (metric (packed, "tasks_completed"), ==, metric (spread, "tasks_completed"));
  g_assert_cmpfloat (metric (packed, "energy_edge_j"), <, 0.75 * metric (spread, "energy_edge_j"));
  double top = ccs_test_sql_double (packed, "SELECT MAX(tasks) FROM nodes WHERE tier = 'edge'");
  double all = ccs_test_sql_double (packed, "SELECT SUM(tasks) FROM nodes WHERE tier = 'edge'");
  g_assert_cmpfloat (top / all, >, 0.7);
  g_assert_cmpfloat (metric (packed, "deadline_misses"), <, metric (spread, "deadline_misses"));
}

static void
test_energy_network (void)
{
  /* The same runs with 1 MB each way: 250 tasks x 2 transfers x 8e6 bit.
   * Wi-Fi 5 radio 2.83e-7 J/bit goes to the IoT device; the site
   * backbone and the server's link (eth10g, 5e-10 J/bit each) to the
   * network. */
  g_autofree char *plain = run_small ("energy-plain", NULL, NULL, "--config", "energy", NULL);
  g_autofree char *data
      = run_small ("energy-data", NULL, NULL, "--config", "energy", "--set",
                   "App detect.input=1 MB", "--set", "App detect.output=1 MB", NULL);
  double bits = 250 * 2 * 8e6;
  g_assert_cmpfloat (metric (plain, "energy_network_j"), ==, 0);
  g_assert_cmpfloat_with_epsilon (metric (data, "energy_network_j"), bits * 1e-9, 1e-9);
  g_assert_cmpfloat_with_epsilon (metric (data, "energy_iot_j") - metric (plain, "energy_iot_j"),
                                  bits * 2.83e-7, 1e-6);
}

static void
test_end_instant (void)
{
  /* Jobs of 1 s at 0 s and 9 s, run ends at 10 s: the second finishes at
   * the very end and must be counted once. */
  g_autofree char *scenario = ccs_test_data ("end-instant.ini");
  g_autofree char *db = g_strdup_printf ("%s/end-instant.db", ccs_test_tmpdir ());
  int status = -1;
  g_autofree char *err = NULL;
  ccs_test_ccsim (&status, NULL, &err, "run", scenario, "-q", "--out", db, NULL);
  if (status != 0)
    g_test_message ("stderr: %s", err);
  g_assert_cmpint (status, ==, 0);
  assert_conserved (db);
  g_assert_cmpfloat (metric (db, "tasks_created"), ==, 2);
  g_assert_cmpfloat (metric (db, "tasks_completed") + metric (db, "tasks_in_flight"), ==, 2);
  g_assert_cmpfloat (ccs_test_sql_double (db, "SELECT COUNT(*) FROM tasks"), ==, 2);
}

static void
test_plot (void)
{
  /* `ccsim plot` renders each figure with its data file and script. */
  g_autofree char *db = run_small ("plot", NULL, NULL, NULL);
  g_autofree char *dir = g_build_filename (ccs_test_tmpdir (), "plots", NULL);
  const char *formats[] = { "png", "svg" };
  for (gsize i = 0; i < G_N_ELEMENTS (formats); i++)
    {
      int status = -1;
      g_autofree char *out = NULL, *err = NULL;
      ccs_test_ccsim (&status, &out, &err, "plot", db, "-o", dir, "--format", formats[i], NULL);
      if (status != 0)
        g_test_message ("stderr: %s", err);
      g_assert_cmpint (status, ==, 0);
      const char *figs[] = { "latency-cdf", "energy-by-tier" };
      for (gsize j = 0; j < G_N_ELEMENTS (figs); j++)
        {
          ccs_test_assert_figure (dir, figs[j], formats[i], 2000);
          g_autofree char *img = g_strdup_printf ("%s/%s.%s", dir, figs[j], formats[i]);
          ccs_test_assert_contains (out, img);
        }
    }
  int status = -1;
  g_autofree char *err = NULL;
  ccs_test_ccsim (&status, NULL, &err, "plot", db, "-o", dir, "--format", "bmp", NULL);
  g_assert_cmpint (status, ==, 1);
  ccs_test_assert_contains (err, "unknown format 'bmp'");
}

static void
test_results_atomic (void)
{
  /* A results file that cannot be written is an error, and no partial
   * database is left behind. */
  g_autofree char *scenario = ccs_test_data ("small.ini");
  g_autofree char *dir = g_build_filename (ccs_test_tmpdir (), "not-a-dir", NULL);
  g_assert_true (g_file_set_contents (dir, "a file", -1, NULL));
  g_autofree char *db = g_build_filename (dir, "r.db", NULL);
  int status = -1;
  g_autofree char *err = NULL;
  ccs_test_ccsim (&status, NULL, &err, "run", scenario, "-q", "--out", db, NULL);
  g_assert_cmpint (status, ==, 1);
  ccs_test_assert_contains (err, "not-a-dir");
  g_assert_false (g_file_test (db, G_FILE_TEST_EXISTS));
  /* Writing over an existing database replaces it whole. */
  g_autofree char *db2 = run_small ("replace", NULL, NULL, NULL);
  g_autofree char *again = run_small ("replace", NULL, NULL, "--seed", "9", NULL);
  g_assert_cmpfloat (ccs_test_sql_double (db2, "SELECT COUNT(*) FROM runs"), ==, 1);
  g_assert_cmpfloat (ccs_test_sql_double (db2, "SELECT seed FROM runs"), ==, 9);
}

static void
test_bursts (void)
{
  /* Same MMPP, per device or group-wide: the mean rate is the same
   * (20 x 1 Hz x 5/(5+15) = 5 Hz), but group-wide bursts leave the whole
   * fleet silent 3/4 of the time (less the partial second in which each
   * of ~2,000 on periods starts: about 0.70 of the seconds), while
   * independent bursts rarely silence all 20 sensors for a second:
   * P = (0.75 + 0.25/e)^20 = 3 %. */
  g_autofree char *scenario = ccs_test_data ("burst.ini");
  const char *modes[] = { "device", "group" };
  double silent[2];
  for (int m = 0; m < 2; m++)
    {
      g_autofree char *db = g_strdup_printf ("%s/burst-%s.db", ccs_test_tmpdir (), modes[m]);
      g_autofree char *set = g_strdup_printf ("IoT sensors.burst=%s", modes[m]);
      int status = -1;
      g_autofree char *err = NULL;
      ccs_test_ccsim (&status, NULL, &err, "run", scenario, "-q", "--out", db, "--set", set, NULL);
      if (status != 0)
        g_test_message ("stderr: %s", err);
      g_assert_cmpint (status, ==, 0);
      double created = metric (db, "tasks_created");
      g_test_message ("%s: %.0f tasks", modes[m], created);
      /* Group-wide: ~2,000 independent on periods, about 2 % standard
       * deviation of the total; per device 40,000 of them. */
      g_assert_cmpfloat_with_epsilon (created, 5.0 * 40000, 5.0 * 40000 * (m ? 0.10 : 0.02));
      double busy_seconds
          = ccs_test_sql_double (db, "SELECT COUNT(DISTINCT CAST(created_s AS INT)) FROM tasks");
      silent[m] = 1 - busy_seconds / 40000;
      g_test_message ("%s: silent seconds %.3f", modes[m], silent[m]);
    }
  g_assert_cmpfloat_with_epsilon (silent[0], 0.032, 0.015);
  g_assert_cmpfloat_with_epsilon (silent[1], 0.70, 0.04);
}

static void
test_bad_input_exit (void)
{
  g_autofree char *bad = ccs_test_write ("bad.ini", "[Run]\nduration = 10 parsecs\n");
  int status = 0;
  g_autofree char *err = NULL;
  ccs_test_ccsim (&status, NULL, &err, "run", bad, "--quiet", NULL);
  g_assert_cmpint (status, ==, 1);
  g_assert_nonnull (strstr (err, "bad.ini:2: [Run] duration"));
  ccs_test_ccsim (&status, NULL, &err, "run", "/nonexistent.ini", NULL);
  g_assert_cmpint (status, ==, 1);
  g_clear_pointer (&err, g_free);
  ccs_test_ccsim (&status, NULL, &err, "frobnicate", NULL);
  g_assert_cmpint (status, ==, 2);
  g_assert_nonnull (strstr (err, "unknown command"));
}

static void
test_check_and_export (void)
{
  g_autofree char *scenario = ccs_test_data ("small.ini");
  int status = 0;
  g_autofree char *out = NULL;
  ccs_test_ccsim (&status, &out, NULL, "check", scenario, NULL);
  g_assert_cmpint (status, ==, 0);
  g_assert_nonnull (strstr (out, "ok"));
  g_clear_pointer (&out, g_free);
  ccs_test_ccsim (&status, &out, NULL, "export-platform", scenario, NULL);
  g_assert_cmpint (status, ==, 0);
  g_assert_nonnull (strstr (out, "<platform version=\"4.1\">"));
  /* 60 cameras + 3 Jetsons + 2 servers x 2 T4 = 67 hosts, 4 sites. */
  guint hosts = 0, zones = 0;
  for (const char *p = out; (p = strstr (p, "<host id=")); p++)
    hosts++;
  for (const char *p = out; (p = strstr (p, "routing=\"Cluster\"")); p++)
    zones++;
  g_assert_cmpuint (hosts, ==, 67);
  g_assert_cmpuint (zones, ==, 4);
}

static void
test_unknown_policy_option (void)
{
  g_autofree char *scenario = ccs_test_data ("small.ini");
  int status = 0;
  g_autofree char *err = NULL;
  ccs_test_ccsim (&status, NULL, &err, "check", scenario, "--set", "Placement.include_locall=true",
                  NULL);
  g_assert_cmpint (status, ==, 1);
  g_assert_nonnull (strstr (err, "include_locall"));
}

/* The time series adds up to the summary: the step-weighted mean of a
 * tier's utilisation is its utilisation metric, and its power integrated
 * over the window is the tier's device energy (the IoT tier also pays
 * radio energy, which the series leaves out). */
static void
test_series (void)
{
  g_autofree char *db = run_small ("series", NULL, NULL, "--set", "Run.sample_interval=2.5s", NULL);
  /* Window 5..60 s in 2.5 s steps: 22 samples for each of 3 tiers. */
  g_assert_cmpfloat (ccs_test_sql_double (db, "SELECT COUNT(*) FROM series"), ==, 66);
  g_assert_cmpfloat (ccs_test_sql_double (db, "SELECT MIN(t_s) FROM series"), ==, 7.5);
  g_assert_cmpfloat (ccs_test_sql_double (db, "SELECT MAX(t_s) FROM series"), ==, 60);
  const char *tiers[] = { "edge", "cloud" };
  for (gsize i = 0; i < G_N_ELEMENTS (tiers); i++)
    {
      g_autofree char *qu = g_strdup_printf (
          "SELECT SUM(utilisation * 2.5) / 55 FROM series WHERE tier = '%s'", tiers[i]);
      g_autofree char *qe
          = g_strdup_printf ("SELECT SUM(power_w * 2.5) FROM series WHERE tier = '%s'", tiers[i]);
      g_autofree char *mu = g_strdup_printf ("utilisation_%s", tiers[i]);
      g_autofree char *me = g_strdup_printf ("energy_%s_j", tiers[i]);
      double u = ccs_test_sql_double (db, qu), e = ccs_test_sql_double (db, qe);
      g_assert_cmpfloat_with_epsilon (u, metric (db, mu), 1e-9);
      g_assert_cmpfloat_with_epsilon (e / metric (db, me), 1, 1e-9);
    }
  g_assert_cmpfloat (metric (db, "utilisation_edge"), >, 0.01);
}

/* Sovereign cameras next to another domain's edge: earliest-finish and
 * random send their data out of the domain, the sovereign policy never
 * does, and uses the owner's own (slower) server room instead. */
static void
test_sovereignty (void)
{
  g_autofree char *eft = run_data ("domains.ini", "sov-eft", NULL);
  g_autofree char *rnd = run_data ("domains.ini", "sov-random", "--policy", "random", NULL);
  g_autofree char *sov = run_data ("domains.ini", "sov-sov", "--policy", "sovereign", NULL);
  double created = metric (eft, "tasks_created");
  g_assert_cmpfloat (created, >, 2000);
  /* Every task goes to the telco's edge: all are violations. */
  g_assert_cmpfloat (metric (eft, "sovereignty_violations"), ==, created);
  g_assert_cmpfloat (metric (rnd, "sovereignty_violations"), >, created / 2);
  g_assert_cmpfloat (metric (sov, "sovereignty_violations"), ==, 0);
  g_assert_cmpfloat (metric (sov, "tasks_completed") + metric (sov, "tasks_in_flight"), ==,
                     metric (sov, "tasks_created"));
  g_assert_cmpfloat (
      ccs_test_sql_double (sov, "SELECT tasks FROM nodes WHERE node = 'campus.room0'"), >, 2000);
  /* Allowing the telco's domain makes its edge fair game again. */
  g_autofree char *allow = run_data ("domains.ini", "sov-allow", "--policy", "sovereign", "--set",
                                     "App detect.allowed_domains=telco, other", NULL);
  g_assert_cmpfloat (metric (allow, "sovereignty_violations"), ==, 0);
  g_assert_cmpfloat (
      ccs_test_sql_double (allow, "SELECT tasks FROM nodes WHERE node = 'telco.mec0'"), >, 2000);
  /* With no server in the owner's domain the data stays on the cameras. */
  g_autofree char *none = run_data ("domains.ini", "sov-none", "--policy", "sovereign", "--set",
                                    "IoT cams.domain=nowhere", NULL);
  g_assert_cmpfloat (metric (none, "sovereignty_violations"), ==, 0);
  g_assert_cmpfloat (ccs_test_sql_double (none, "SELECT SUM(tasks) FROM nodes WHERE tier = 'iot'"),
                     ==, metric (none, "tasks_completed"));
}

/* Two regions differing only in their grid: carbon-aware moves the work
 * to the clean one and emits less; energy-aware leaves an A100 for a T4
 * that spends less energy per task. */
static void
test_carbon_policies (void)
{
  g_autofree char *eft = run_data ("carbon.ini", "co2-eft", NULL);
  g_autofree char *co2 = run_data ("carbon.ini", "co2-aware", "--policy", "carbon-aware", NULL);
  g_assert_cmpfloat (metric (co2, "carbon_cloud_g"), <, 0.9 * metric (eft, "carbon_cloud_g"));
  g_assert_cmpfloat (metric (co2, "carbon_g"), <, metric (eft, "carbon_g"));
  g_assert_cmpfloat (metric (co2, "deadline_misses"), ==, 0);
  g_assert_cmpfloat (
      ccs_test_sql_double (co2, "SELECT tasks FROM nodes WHERE node = 'hydro.green0'"), ==,
      metric (co2, "tasks_created"));
  g_autofree char *fe = run_data ("carbon.ini", "nrg-eft", "-c", "frugal", NULL);
  g_autofree char *fa
      = run_data ("carbon.ini", "nrg-aware", "-c", "frugal", "--policy", "energy-aware", NULL);
  g_assert_cmpfloat (metric (fa, "energy_j"), <, metric (fe, "energy_j"));
  g_assert_cmpfloat (metric (fa, "deadline_misses"), ==, 0);
}

/* Carbon follows the grid over time: idle T4s (10 W each) for the
 * 55 s window, PUE 1.2; the coal region's intensity is 100 g/kWh until
 * 20 s and 500 after, the hydro region's 30 throughout. */
static void
test_carbon_trace (void)
{
  g_autofree char *db = run_data ("carbon.ini", "co2-trace", "-c", "trace", NULL);
  g_assert_cmpfloat_with_epsilon (metric (db, "energy_cloud_j"), 2 * 10 * 55, 1e-6);
  double coal = 10 * 1.2 * (15 * 100 + 40 * 500) / 3.6e6;
  double hydro = 10 * 1.2 * 55 * 30 / 3.6e6;
  ccs_test_assert_rel (metric (db, "carbon_cloud_g"), coal + hydro);
  g_assert_cmpfloat_with_epsilon (
      ccs_test_sql_double (db, "SELECT carbon_g FROM providers WHERE provider = 'cloudco'"),
      coal + hydro, 1e-12);
  /* Estimates follow the trace from the start, not only after the
   * warm-up: with 5000 g/kWh at coal from 20 s on (warm-up 30 s),
   * carbon-aware sends everything to hydro. */
  g_autofree char *dirty = ccs_test_write ("dirty.trace", "0 10\n20 5000\n");
  g_autofree char *set_dirty = g_strdup_printf ("Site coal.carbon_trace=%s", dirty);
  g_autofree char *moved = run_data ("carbon.ini", "co2-trace-warm", "--policy", "carbon-aware",
                                     "--set", set_dirty, "--set", "Run.warmup=30s", NULL);
  g_assert_cmpfloat (
      ccs_test_sql_double (moved, "SELECT tasks FROM nodes WHERE node = 'hydro.green0'"), ==,
      metric (moved, "tasks_created"));
  /* A bad trace names its file and line. */
  g_autofree char *bad = ccs_test_write ("bad.trace", "0 100\n20 lots\n");
  g_autofree char *scenario = ccs_test_data ("carbon.ini");
  g_autofree char *set = g_strdup_printf ("Site coal.carbon_trace=%s", bad);
  g_autofree char *err = NULL;
  int st = -1;
  g_assert_true (ccs_test_ccsim (&st, NULL, &err, "check", scenario, "--set", set, NULL));
  g_assert_cmpint (st, ==, 1);
  g_autofree char *at = g_strdup_printf ("%s:2:", bad);
  ccs_test_assert_contains (err, at);
  ccs_test_assert_contains (err, "carbon_trace");
}

/* Money: the GPU cloud bills egress on the results it sends back (1 KB a
 * task at 0.09 USD/GB), the edge Jetsons cost their price over 5 years. */
static void
test_costs (void)
{
  g_autofree char *db = run_small ("costs", NULL, NULL, "--policy", "cloud-only", NULL);
  double cloud_tasks
      = ccs_test_sql_double (db, "SELECT SUM(tasks) FROM nodes WHERE tier = 'cloud'");
  g_assert_cmpfloat (cloud_tasks, >, 1000);
  /* Results of tasks created in the window and sent back in it. */
  double egress = ccs_test_sql_double (db, "SELECT SUM(egress_usd) FROM nodes");
  double sent = ccs_test_sql_double (db, "SELECT COUNT(*) FROM tasks WHERE state = 'completed'");
  ccs_test_assert_rel (egress, sent * 1000 * 0.09e-9);
  double edge = ccs_test_sql_double (db, "SELECT SUM(cost_usd) FROM nodes WHERE tier = 'edge'");
  ccs_test_assert_rel (edge, 3 * 249 * 55 / (5 * 365.25 * 86400));
  double total = ccs_test_sql_double (db, "SELECT SUM(cost_usd) FROM providers");
  ccs_test_assert_rel (metric (db, "cost_usd"), total);
}

/* A model that does not fit is rejected with the reason; on the CXL
 * server a task that spills a fifth of its 320 GB to the CXL tier takes
 * longer than an all-local one by exactly the model's difference. */
static void
test_memory (void)
{
  g_autofree char *nano = run_data ("memory.ini", "mem-nano", NULL);
  g_assert_cmpfloat (metric (nano, "tasks_rejected"), ==, 30);
  g_autofree char *why = ccs_test_sql_text (nano, "SELECT reason FROM reasons");
  ccs_test_assert_contains (why, "does not fit on edge.nano0: jetson-nano: needs 14.017 GB, "
                                 "4 GB available");
  g_autofree char *local = run_data ("memory.ini", "mem-local", "-c", "cxl", NULL);
  g_autofree char *spill = run_data ("memory.ini", "mem-spill", "-c", "spill", NULL);
  g_assert_cmpfloat (metric (local, "tasks_completed"), ==, 30);
  g_assert_cmpfloat (metric (spill, "tasks_completed"), ==, 30);
  g_autofree char *path
      = g_build_filename (ccs_test_source_dir (), "hwprofiles", "xeon-6538y-cxl.ini", NULL);
  g_autoptr (CcsHwProfile) p = ccs_hw_profile_load (path, NULL);
  g_assert_nonnull (p);
  CcsWork w = ccs_model_work (ccs_model_lookup ("llama2-7b"), 1, 2);
  CcsMemPlan plan = ccs_hw_memory_plan (p, 320e9, 1);
  g_assert_true (plan.fits);
  g_assert_cmpfloat_with_epsilon (plan.spilled_bytes, 64e9, 1);
  double f = ccs_mem_plan_spill_fraction (&plan);
  double slower = ccs_hw_roofline_spill_s (p, CCS_PREC_FP16, w.klass, w.flops, w.bytes, 1, f)
                  - ccs_hw_roofline_spill_s (p, CCS_PREC_FP16, w.klass, w.flops, w.bytes, 1, 0);
  g_assert_cmpfloat (slower, >, 0.01);
  g_assert_cmpfloat_with_epsilon (metric (spill, "latency_p50_s") - metric (local, "latency_p50_s"),
                                  slower, 1e-9);
}

/* A pipeline of three stages: the engine reproduces the scheduler's plan
 * (nothing queues), HEFT takes the fast cloud and breaks sovereignty,
 * heft-sovereign stays in the lab's domain, heft-budget spends less. */
static void
test_pipeline (void)
{
  g_autofree char *heft = run_data ("pipeline.ini", "dag-heft", NULL);
  g_assert_cmpfloat (metric (heft, "jobs_created"), ==, 10);
  g_assert_cmpfloat (metric (heft, "jobs_completed"), ==, 10);
  g_assert_cmpfloat (
      ccs_test_sql_double (heft, "SELECT MAX(ABS(makespan_s - planned_s)) FROM jobs"), <, 1e-9);
  g_autofree char *cp = ccs_test_sql_text (heft, "SELECT DISTINCT critical_path FROM jobs");
  g_assert_cmpstr (cp, ==, "prep>train>report\n");
  g_autofree char *where = ccs_test_sql_text (heft, "SELECT DISTINCT stage, node FROM stages "
                                                    "ORDER BY stage");
  g_assert_cmpstr (where, ==, "prep|edge.pi0\nreport|fast.a1000\ntrain|fast.a1000\n");
  /* The stages run one after the other: each starts when the previous
   * one's data has arrived, never before it finished. */
  g_assert_cmpfloat (ccs_test_sql_double (heft,
                                          "SELECT COUNT(*) FROM stages a JOIN stages b USING "
                                          "(job_id) WHERE a.stage = 'prep' AND b.stage = 'train' "
                                          "AND b.start_s < a.finish_s"),
                     ==, 0);
  g_assert_cmpfloat (metric (heft, "sovereignty_violations"), ==, 10);

  g_autofree char *sov = run_data ("pipeline.ini", "dag-sov", "--set",
                                   "Pipeline learn.scheduler=heft-sovereign", NULL);
  g_assert_cmpfloat (metric (sov, "sovereignty_violations"), ==, 0);
  g_assert_cmpfloat (metric (sov, "jobs_completed"), ==, 10);
  g_autofree char *train
      = ccs_test_sql_text (sov, "SELECT DISTINCT node FROM stages WHERE stage = 'train'");
  g_assert_cmpstr (train, ==, "campus.room0\n");
  g_assert_cmpfloat (metric (sov, "makespan_mean_s"), >, metric (heft, "makespan_mean_s"));

  g_autofree char *cheap
      = run_data ("pipeline.ini", "dag-budget", "--set", "Pipeline learn.scheduler=heft-budget",
                  "--set", "Pipeline learn.budget=0.002 USD", NULL);
  g_assert_cmpfloat (metric (cheap, "cost_usd"), <, metric (heft, "cost_usd") / 2);
  /* A job no node can hold is rejected, with why, and has no stages. */
  g_autofree char *big
      = run_data ("pipeline.ini", "dag-big", "--set", "App train.memory=100 TB", NULL);
  g_assert_cmpfloat (metric (big, "jobs_rejected"), ==, 10);
  g_assert_cmpfloat (ccs_test_sql_double (big, "SELECT COUNT(*) FROM stages"), ==, 0);
  g_autofree char *why = ccs_test_sql_text (big, "SELECT reason FROM reasons");
  ccs_test_assert_contains (why, "learn: task 'train'");
  g_assert_cmpfloat (metric (cheap, "jobs_completed"), ==, 10);

  /* Staleness: between deliveries the output is as old as now minus the
   * arrival time of the job last delivered; integrated here from the jobs
   * table, from the first delivery to the end (200 s). */
  g_autofree char *rows = ccs_test_sql_text (heft, "SELECT created_s, finished_s FROM jobs "
                                                   "ORDER BY finished_s");
  g_auto (GStrv) lines = g_strsplit (rows, "\n", -1);
  double area = 0, mx = 0, from = NAN, data = NAN, t0 = NAN;
  for (int i = 0; lines[i] && *lines[i]; i++)
    {
      double c = g_ascii_strtod (lines[i], NULL);
      double f = g_ascii_strtod (strchr (lines[i], '|') + 1, NULL);
      if (!isnan (data))
        {
          area += ((f - data) * (f - data) - (t0 - data) * (t0 - data)) / 2;
          mx = MAX (mx, f - data);
        }
      else
        from = f;
      data = c;
      t0 = f;
    }
  area += ((200 - data) * (200 - data) - (t0 - data) * (t0 - data)) / 2;
  mx = MAX (mx, 200 - data);
  g_assert_cmpfloat_with_epsilon (metric (heft, "staleness_mean_s"), area / (200 - from), 1e-9);
  g_assert_cmpfloat_with_epsilon (metric (heft, "staleness_max_s"), mx, 1e-9);
  /* Periodic jobs every 20 s with a makespan m: the sawtooth from m to
   * m + 20 averages m + 10 over whole periods. */
  g_assert_cmpfloat (
      fabs (metric (heft, "staleness_mean_s") - (metric (heft, "makespan_mean_s") + 10)), <, 1.5);
}

/* Markets: under posted prices the cloud's rent is its busy device-seconds
 * at list price (T4: 0.526 USD/h); under spot the multiplier follows the
 * rule m' = clamp (m (1 + 0.5 (u − 0.7)), 0.3, 1) from every interval's
 * utilisation, the rent is the sum of the market table, and it is lower. */
static void
test_market (void)
{
  g_autofree char *posted = run_small ("mkt-posted", NULL, NULL, "--policy", "cloud-only", NULL);
  g_autofree char *spot = run_small ("mkt-spot", NULL, NULL, "--policy", "cloud-only", "--set",
                                     "Market.mechanism=spot", NULL);
  double busy = ccs_test_sql_double (posted, "SELECT SUM(busy_s) FROM nodes WHERE tier = 'cloud'");
  g_assert_cmpfloat (busy, >, 1);
  g_assert_cmpfloat_with_epsilon (metric (posted, "revenue_usd") / (busy * 0.526 / 3600), 1, 1e-9);
  g_assert_cmpfloat (ccs_test_sql_double (posted, "SELECT MIN(multiplier) FROM market"), ==, 1);
  /* The same work, at lower prices. */
  g_assert_cmpfloat (metric (spot, "tasks_completed"), ==, metric (posted, "tasks_completed"));
  g_assert_cmpfloat (metric (spot, "revenue_usd"), <, 0.8 * metric (posted, "revenue_usd"));
  g_assert_cmpfloat_with_epsilon (ccs_test_sql_double (spot, "SELECT SUM(revenue_usd) FROM market")
                                      / metric (spot, "revenue_usd"),
                                  1, 1e-9);
  g_autofree char *rows
      = ccs_test_sql_text (spot, "SELECT multiplier, busy_devices FROM market ORDER BY t_s");
  g_auto (GStrv) lines = g_strsplit (rows, "\n", -1);
  guint n = 0;
  for (int i = 0; lines[i] && lines[i + 1] && *lines[i + 1]; i++, n++)
    {
      double m = g_ascii_strtod (lines[i], NULL);
      double u = g_ascii_strtod (strchr (lines[i], '|') + 1, NULL) / 4; /* 4 T4s */
      double next = g_ascii_strtod (lines[i + 1], NULL);
      g_assert_cmpfloat_with_epsilon (next, CLAMP (m * (1 + 0.5 * (u - 0.7)), 0.3, 1), 1e-12);
    }
  g_assert_cmpuint (n, ==, 99);
  /* An unknown mechanism or option is an error naming it. */
  int st = -1;
  g_autofree char *err = NULL;
  g_autofree char *bad
      = run_small ("mkt-bad", &st, &err, "--set", "Market.mechanism=auktion", NULL);
  g_assert_cmpint (st, ==, 1);
  ccs_test_assert_contains (err, "[Market] mechanism: unknown market mechanism 'auktion' "
                                 "(available: posted, surge, spot)");
  g_clear_pointer (&err, g_free);
  g_autofree char *bad2 = run_small ("mkt-bad2", &st, &err, "--set", "Market.alpha=3", NULL);
  g_assert_cmpint (st, ==, 1);
  ccs_test_assert_contains (err, "[Market] alpha: unknown key for mechanism posted");
}

int
main (int argc, char **argv)
{
  g_test_init (&argc, &argv, NULL);
  g_test_summary ("Engine runs: determinism, conservation, energy, policies, CLI errors");
  g_test_add_func ("/engine/determinism", test_determinism);
  g_test_add_func ("/engine/results/series", test_series);
  g_test_add_func ("/engine/policies/sovereignty", test_sovereignty);
  g_test_add_func ("/engine/policies/carbon-energy", test_carbon_policies);
  g_test_add_func ("/engine/carbon/trace", test_carbon_trace);
  g_test_add_func ("/engine/cost/egress-amortisation", test_costs);
  g_test_add_func ("/engine/memory/fit-and-cxl", test_memory);
  g_test_add_func ("/engine/pipelines/heft", test_pipeline);
  g_test_add_func ("/engine/market/posted-spot", test_market);
  g_test_add_func ("/engine/conservation/overload", test_conservation_overload);
  g_test_add_func ("/engine/conservation/queue-limit", test_queue_limit);
  g_test_add_func ("/engine/policies/all", test_all_policies);
  g_test_add_func ("/engine/energy/linear", test_energy_linear);
  g_test_add_func ("/engine/energy/network", test_energy_network);
  g_test_add_func ("/engine/energy/dvfs", test_dvfs);
  g_test_add_func ("/engine/energy/sleep", test_sleep);
  g_test_add_func ("/engine/energy/consolidation", test_consolidation);
  g_test_add_func ("/engine/arrivals/bursts", test_bursts);
  g_test_add_func ("/engine/conservation/end-instant", test_end_instant);
  g_test_add_func ("/engine/cli/bad-input", test_bad_input_exit);
  g_test_add_func ("/engine/cli/plot", test_plot);
  g_test_add_func ("/engine/results/atomic", test_results_atomic);
  g_test_add_func ("/engine/cli/check-export", test_check_and_export);
  g_test_add_func ("/engine/cli/unknown-policy-option", test_unknown_policy_option);
  return g_test_run ();
}
