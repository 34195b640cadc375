/* test-e2e.c — the quick-start scenario against its golden summary.
 *
 * Runs scenarios/quickstart.ini with seed 1 and compares every summary
 * metric (10 significant digits) and the event-trace fingerprint with
 * tests/golden/quickstart-seed1.txt.  A change that moves any number shows
 * up here; if the change is intended, regenerate the file with
 *   CCSIM_UPDATE_GOLDEN=1 meson test -C build e2e
 * and say in the commit why the numbers moved.
 */
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

int
main (int argc, char **argv)
{
  g_test_init (&argc, &argv, NULL);
  g_test_summary ("End to end: the quick-start scenario against its golden summary");
  g_test_add_func ("/e2e/quickstart/golden", test_quickstart_golden);
  return g_test_run ();
}
