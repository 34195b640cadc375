/* test-e2e.c — the quick-start scenario against its golden summary.
 *
 * Runs scenarios/quickstart.ini with seed 1 and compares every summary
 * metric (10 significant digits) and the event-trace fingerprint with
 * tests/golden/quickstart-seed1.txt.  A change that moves any number shows
 * up here; if the change is intended, regenerate the file with
 *   CCSIM_UPDATE_GOLDEN=1 meson test -C build e2e
 * and say in the commit why the numbers moved.
 */
#include <math.h>
#include <string.h>

#include "tests/testutil.h"

static char *
summary_of (const char *db)
{
  g_autofree char *m = ccs_test_sql_text (
      db, "SELECT metric, printf('%.10g', value) FROM summary ORDER BY metric");
  g_autofree char *r
      = ccs_test_sql_text (db, "SELECT 'fingerprint', fingerprint FROM runs UNION ALL "
                               "SELECT 'events', events FROM runs UNION ALL "
                               "SELECT 'scenario_sha256', scenario_sha256 FROM runs");
  return g_strconcat (m, r, NULL);
}

static void
test_quickstart_golden (void)
{
  const char *src = g_getenv ("CCSIM_SOURCE_DIR");
  g_assert_nonnull (src);
  g_autofree char *scenario = g_build_filename (src, "scenarios", "quickstart.ini", NULL);
  g_autofree char *golden = g_build_filename (src, "tests", "golden", "quickstart-seed1.txt", NULL);
  g_autofree char *db = g_build_filename (ccs_test_tmpdir (), "quickstart.db", NULL);
  int status = -1;
  g_autofree char *out = NULL, *err = NULL;
  ccs_test_ccsim (&status, &out, &err, "run", scenario, "--seed", "1", "--out", db, NULL);
  if (status != 0)
    g_test_message ("stderr: %s", err);
  g_assert_cmpint (status, ==, 0);
  /* The terminal summary shows the conservation check and the database. */
  g_assert_nonnull (strstr (out, "conservation: created"));
  g_assert_nonnull (strstr (out, db));

  g_autofree char *got = summary_of (db);
  if (g_getenv ("CCSIM_UPDATE_GOLDEN"))
    {
      g_assert_true (g_file_set_contents (golden, got, -1, NULL));
      g_test_message ("wrote %s", golden);
    }
  g_autofree char *want = NULL;
  g_assert_true (g_file_get_contents (golden, &want, NULL, NULL));
  g_assert_cmpstr (got, ==, want);
}

/* Every shipped scenario passes `ccsim check`. */
static void
test_shipped_check (void)
{
  g_autofree char *dir = g_build_filename (g_getenv ("CCSIM_SOURCE_DIR"), "scenarios", NULL);
  g_autoptr (GDir) d = g_dir_open (dir, 0, NULL);
  g_assert_nonnull (d);
  const char *f;
  guint n = 0;
  while ((f = g_dir_read_name (d)))
    {
      if (!g_str_has_suffix (f, ".ini"))
        continue;
      g_autofree char *path = g_build_filename (dir, f, NULL);
      int status = -1;
      g_autofree char *err = NULL;
      ccs_test_ccsim (&status, NULL, &err, "check", path, NULL);
      if (status != 0)
        g_test_message ("%s: %s", f, err);
      g_assert_cmpint (status, ==, 0);
      n++;
    }
  g_assert_cmpuint (n, >=, 7);
}

static double
metric_of (const char *db, const char *name)
{
  g_autofree char *q = g_strdup_printf ("SELECT value FROM summary WHERE metric = '%s'", name);
  return ccs_test_sql_double (db, q);
}

/* The two pipeline scenarios run to completion: every job delivered,
 * sovereignty kept by heft-sovereign, and for continual learning the
 * staleness of a model retrained every 10 minutes is about the job's
 * makespan plus half the period. */
static void
test_pipelines (void)
{
  const char *src = g_getenv ("CCSIM_SOURCE_DIR");
  g_autofree char *movie = g_build_filename (src, "scenarios", "ai-movie.ini", NULL);
  g_autofree char *cl = g_build_filename (src, "scenarios", "continual-learning.ini", NULL);
  g_autofree char *db1 = g_build_filename (ccs_test_tmpdir (), "movie.db", NULL);
  g_autofree char *db2 = g_build_filename (ccs_test_tmpdir (), "movie-sov.db", NULL);
  g_autofree char *db3 = g_build_filename (ccs_test_tmpdir (), "cl.db", NULL);
  int st = -1;
  g_autofree char *out = NULL;
  ccs_test_ccsim (&st, &out, NULL, "run", movie, "--out", db1, NULL);
  g_assert_cmpint (st, ==, 0);
  g_assert_nonnull (strstr (out, "jobs: created"));
  g_assert_cmpfloat (metric_of (db1, "jobs_completed"), >, 10);
  g_assert_cmpfloat (metric_of (db1, "jobs_rejected"), ==, 0);
  g_assert_cmpfloat (metric_of (db1, "sovereignty_violations"), >, 0);
  /* Seven stages per job, each with a node and times. */
  g_assert_cmpfloat (ccs_test_sql_double (db1, "SELECT COUNT(*) FROM stages WHERE finish_s > "
                                               "start_s"),
                     ==, 7 * metric_of (db1, "jobs_completed"));
  ccs_test_ccsim (&st, NULL, NULL, "run", movie, "--out", db2, "--set",
                  "Pipeline movie.scheduler=heft-sovereign", NULL);
  g_assert_cmpint (st, ==, 0);
  g_assert_cmpfloat (metric_of (db2, "sovereignty_violations"), ==, 0);
  /* Fewer camera frames: the retraining jobs are what is checked. */
  ccs_test_ccsim (&st, NULL, NULL, "run", cl, "--out", db3, "--set", "IoT cams-north.rate=0.2 Hz",
                  "--set", "IoT cams-south.rate=0.2 Hz", NULL);
  g_assert_cmpint (st, ==, 0);
  double m = metric_of (db3, "makespan_mean_s"), stale = metric_of (db3, "staleness_mean_s");
  g_assert_cmpfloat (metric_of (db3, "jobs_completed"), >=, 10);
  g_assert_cmpfloat (fabs (stale - (m + 300)) / (m + 300), <, 0.05);
}

int
main (int argc, char **argv)
{
  g_test_init (&argc, &argv, NULL);
  g_test_summary ("End to end: the quick-start scenario against its golden summary");
  g_test_add_func ("/e2e/quickstart/golden", test_quickstart_golden);
  g_test_add_func ("/e2e/scenarios/check", test_shipped_check);
  g_test_add_func ("/e2e/scenarios/pipelines", test_pipelines);
  return g_test_run ();
}
