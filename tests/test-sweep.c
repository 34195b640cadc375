/* test-sweep.c — grid expansion and sharding (in process), and sweeps of
 * the real binary: shards merged equal the whole sweep, a killed sweep
 * resumes to the same database, failures are recorded, mismatched inputs
 * are refused. */
#include <math.h>
#include <signal.h>
#include <sqlite3.h>
#include <string.h>
#include <sys/wait.h>
#include <unistd.h>

#include "sim/sweep.h"
#include "tests/testutil.h"

/* ------------------------------------------------------------ grid */

static CcsSweepSpec *
spec_for (const char *policies, const char *seeds, ...)
{
  CcsSweepSpec *spec = ccs_sweep_spec_new ();
  spec->policies = g_strsplit (policies, ",", -1);
  g_assert_true (ccs_sweep_parse_seeds (seeds, spec->seeds, NULL));
  va_list ap;
  va_start (ap, seeds);
  const char *v;
  while ((v = va_arg (ap, const char *)))
    {
      GError *error = NULL;
      CcsSweepAxis *a = ccs_sweep_parse_axis (v, &error);
      g_assert_no_error (error);
      g_ptr_array_add (spec->axes, a);
    }
  va_end (ap);
  return spec;
}

static void
test_grid (void)
{
  g_autoptr (CcsSweepSpec) spec
      = spec_for ("a,b,c", "1-4,9", "Run.duration=10s,20s", "IoT cams.count=1,2,3", NULL);
  g_autoptr (GPtrArray) grid = ccs_sweep_grid (spec);
  /* 3 policies × 5 seeds × 2 × 3 values. */
  g_assert_cmpuint (grid->len, ==, 90);
  CcsSweepPoint *p0 = grid->pdata[0], *p1 = grid->pdata[1], *p3 = grid->pdata[3];
  g_assert_cmpuint (p0->id, ==, 1);
  g_assert_cmpstr (p0->policy, ==, "a");
  g_assert_cmpstr (p1->policy, ==, "b"); /* policies fastest */
  g_assert_cmpint (p3->seed, ==, 2);     /* then seeds */
  g_assert_cmpstr (p0->params, ==, "Run.duration=10s, IoT cams.count=1");
  CcsSweepPoint *p15 = grid->pdata[15]; /* after 3 × 5: the last axis moves */
  g_assert_cmpstr (p15->params, ==, "Run.duration=10s, IoT cams.count=2");
  CcsSweepPoint *last = grid->pdata[89];
  g_assert_cmpstr (last->params, ==, "Run.duration=20s, IoT cams.count=3");
  g_assert_cmpint (last->seed, ==, 9);
  g_assert_cmpstr (last->policy, ==, "c");
  /* Every (policy, seed, params) once. */
  g_autoptr (GHashTable) seen = g_hash_table_new_full (g_str_hash, g_str_equal, g_free, NULL);
  for (guint i = 0; i < grid->len; i++)
    {
      CcsSweepPoint *p = grid->pdata[i];
      g_assert_cmpuint (p->id, ==, i + 1);
      char *key = g_strdup_printf ("%s|%" G_GINT64_FORMAT "|%s", p->policy, p->seed, p->params);
      g_assert_true (g_hash_table_add (seen, key));
    }
}

static void
test_shards (void)
{
  /* For several N, the shards partition the grid: each run in exactly
   * one shard, and the shards' sizes differ by at most one. */
  for (guint n = 1; n <= 7; n++)
    {
      guint64 total = 47;
      g_autofree guint *count = g_new0 (guint, n + 1);
      for (guint64 id = 1; id <= total; id++)
        {
          guint in = 0;
          for (guint k = 1; k <= n; k++)
            if (ccs_sweep_in_shard (id, k, n))
              in++, count[k]++;
          g_assert_cmpuint (in, ==, 1);
        }
      for (guint k = 1; k <= n; k++)
        g_assert_cmpuint (count[k], >=, total / n);
      for (guint k = 1; k <= n; k++)
        g_assert_cmpuint (count[k], <=, total / n + 1);
    }
  g_assert_true (ccs_sweep_in_shard (5, 0, 0)); /* no shard: all */
}

static void
test_parse_errors (void)
{
  const char *bad_seeds[] = { "", "x", "3-1", "1,,2", "1-", "-5", "1,1" };
  for (gsize i = 0; i < G_N_ELEMENTS (bad_seeds); i++)
    {
      g_autoptr (GArray) seeds = g_array_new (FALSE, FALSE, sizeof (gint64));
      g_autoptr (GError) error = NULL;
      g_assert_false (ccs_sweep_parse_seeds (bad_seeds[i], seeds, &error));
      g_assert_error (error, CCS_SWEEP_ERROR, CCS_SWEEP_ERROR_SPEC);
      ccs_test_assert_contains (error->message, "--seeds");
    }
  g_autoptr (GArray) seeds = g_array_new (FALSE, FALSE, sizeof (gint64));
  g_assert_true (ccs_sweep_parse_seeds ("7, 1-3", seeds, NULL));
  g_assert_cmpuint (seeds->len, ==, 4);
  g_assert_cmpint (g_array_index (seeds, gint64, 0), ==, 7);
  g_assert_cmpint (g_array_index (seeds, gint64, 3), ==, 3);

  const char *bad_axes[]
      = { "Run.duration", "duration=1,2", ".x=1", "Run.=1", "Run.x=", "Run.x=1,1", "Run.x=1,,2" };
  for (gsize i = 0; i < G_N_ELEMENTS (bad_axes); i++)
    {
      g_autoptr (GError) error = NULL;
      g_assert_null (ccs_sweep_parse_axis (bad_axes[i], &error));
      ccs_test_assert_contains (error->message, "--vary");
    }
  const char *bad_shards[] = { "0/3", "4/3", "1", "a/b", "1/0", "1/2/3" };
  for (gsize i = 0; i < G_N_ELEMENTS (bad_shards); i++)
    {
      guint k, n;
      g_autoptr (GError) error = NULL;
      g_assert_false (ccs_sweep_parse_shard (bad_shards[i], &k, &n, &error));
      ccs_test_assert_contains (error->message, "--shard");
    }
}

/* ------------------------------------------------------------ binary */

static char *
tmp (const char *name)
{
  return g_build_filename (ccs_test_tmpdir (), name, NULL);
}

/* `ccsim sweep small.ini` with the common grid and extra arguments. */
static int
sweep (const char *out, char **err_out, ...)
{
  g_autofree char *scenario = ccs_test_data ("small.ini");
  g_autoptr (GPtrArray) args = g_ptr_array_new ();
  const char *fixed[] = { "sweep",   scenario, "--policies", "earliest-finish,random",
                          "--seeds", "1-3",    "--vary",     "Run.duration=20s,40s",
                          "--jobs",  "2",      "--out",      out,
                          "--quiet" };
  for (gsize i = 0; i < G_N_ELEMENTS (fixed); i++)
    g_ptr_array_add (args, (gpointer) fixed[i]);
  va_list ap;
  va_start (ap, err_out);
  const char *a;
  while ((a = va_arg (ap, const char *)))
    g_ptr_array_add (args, (gpointer) a);
  va_end (ap);
  g_autofree char *err = NULL;
  int st = ccs_test_spawn ("CCSIM_BIN", args, NULL, &err);
  if (st != 0)
    g_test_message ("sweep %s: status %d: %s", out, st, err);
  if (err_out)
    *err_out = g_steal_pointer (&err);
  return st;
}

/* Every table, in stored order (no ORDER BY: the order is part of what
 * must not depend on how the sweep was run), without the wall-clock
 * columns. */
static char *
dump (const char *db)
{
  const char *q[] = {
    "SELECT * FROM meta",
    "SELECT run_id, scenario, scenario_sha256, config, policy, seed, params, version, status,"
    " error, sim_s, events, fingerprint, resolved FROM runs",
    "SELECT * FROM params",
    "SELECT * FROM summary",
    "SELECT * FROM quantiles",
    "SELECT * FROM series",
    "SELECT * FROM nodes",
    "SELECT * FROM reasons",
    "SELECT * FROM tasks",
  };
  GString *s = g_string_new (NULL);
  for (gsize i = 0; i < G_N_ELEMENTS (q); i++)
    {
      g_autofree char *t = ccs_test_sql_text (db, q[i]);
      g_assert_nonnull (t);
      g_string_append_printf (s, "-- %s\n%s", q[i], t);
    }
  return g_string_free (s, FALSE);
}

static void
assert_same (const char *a, const char *b)
{
  g_autofree char *da = dump (a), *db = dump (b);
  if (!g_str_equal (da, db))
    g_test_message ("%s and %s differ", a, b);
  g_assert_cmpstr (da, ==, db);
}

static const char *
whole_sweep (void)
{
  static char *whole;
  if (!whole)
    {
      whole = tmp ("whole.db");
      g_assert_cmpint (sweep (whole, NULL, NULL), ==, 0);
    }
  return whole;
}

static void
test_whole (void)
{
  const char *db = whole_sweep ();
  g_assert_cmpfloat (ccs_test_sql_double (db, "SELECT COUNT(*) FROM runs WHERE status = 'done'"),
                     ==, 12);
  /* No per-task rows unless asked (--keep-tasks): the quantiles keep the
   * latency distribution of every run. */
  g_assert_cmpfloat (ccs_test_sql_double (db, "SELECT COUNT(*) FROM tasks"), ==, 0);
  g_assert_cmpfloat (ccs_test_sql_double (db, "SELECT COUNT(*) FROM quantiles"), ==, 12 * 1001);
  /* The varied key reached the runs. */
  g_assert_cmpfloat (ccs_test_sql_double (db, "SELECT sim_s FROM runs WHERE run_id = 1"), ==, 20);
  g_assert_cmpfloat (ccs_test_sql_double (db, "SELECT sim_s FROM runs WHERE run_id = 7"), ==, 40);
  g_autofree char *p = ccs_test_sql_text (db, "SELECT key, value FROM params WHERE run_id = 12");
  g_assert_cmpstr (p, ==, "Run.duration|40s\n");
  g_autofree char *r
      = ccs_test_sql_text (db, "SELECT policy, seed, params FROM runs WHERE run_id = 4");
  g_assert_cmpstr (r, ==, "random|2|Run.duration=20s\n");
  /* Each run's summary is the one `ccsim run` gives for it alone. */
  g_autofree char *single = tmp ("single.db");
  g_autofree char *scenario = ccs_test_data ("small.ini");
  int st = -1;
  g_assert_true (ccs_test_ccsim (&st, NULL, NULL, "run", scenario, "--quiet", "--policy", "random",
                                 "--seed", "2", "--set", "Run.duration=20s", "--out", single,
                                 NULL));
  g_assert_cmpint (st, ==, 0);
  g_autofree char *a
      = ccs_test_sql_text (single, "SELECT metric, value FROM summary ORDER BY metric");
  g_autofree char *b = ccs_test_sql_text (
      db, "SELECT metric, value FROM summary WHERE run_id = 4 ORDER BY metric");
  g_assert_cmpstr (a, ==, b);
  /* A second run of the same command has nothing to do and changes nothing. */
  g_autofree char *before = dump (db);
  g_assert_cmpint (sweep (db, NULL, NULL), ==, 0);
  g_autofree char *after = dump (db);
  g_assert_cmpstr (before, ==, after);
  /* The report reads it: CSV with the fixed 13 columns on every row. */
  g_autofree char *csv = NULL;
  g_assert_true (ccs_test_ccsim (&st, &csv, NULL, "report", db, "--format", "csv", "--baseline",
                                 "random", "--metrics", "latency_p99_s,energy_j", NULL));
  g_assert_cmpint (st, ==, 0);
  g_auto (GStrv) lines = g_strsplit (csv, "\n", -1);
  /* Header, 2 metrics × 2 params × 2 policies, final newline. */
  g_assert_cmpuint (g_strv_length (lines), ==, 1 + 8 + 1);
  for (int i = 0; lines[i] && *lines[i]; i++)
    {
      int commas = 0, quoted = 0;
      for (const char *c = lines[i]; *c; c++)
        if (*c == '"')
          quoted = !quoted;
        else if (*c == ',' && !quoted)
          commas++;
      g_assert_cmpint (commas, ==, 12);
    }
}

static void
test_shards_merge (void)
{
  const char *whole = whole_sweep ();
  g_autofree char *s1 = tmp ("s1.db"), *s2 = tmp ("s2.db"), *s3 = tmp ("s3.db");
  g_autofree char *m = tmp ("merged.db"), *m12 = tmp ("m12.db"), *m123 = tmp ("m123.db");
  g_assert_cmpint (sweep (s1, NULL, "--shard", "1/3", NULL), ==, 0);
  g_assert_cmpint (sweep (s2, NULL, "--shard", "2/3", "--jobs", "1", NULL), ==, 0);
  g_autofree char *kept = tmp ("kept.db");
  g_assert_cmpint (sweep (kept, NULL, "--shard", "2/3", "--keep-tasks", NULL), ==, 0);
  g_assert_cmpfloat (ccs_test_sql_double (kept, "SELECT COUNT(DISTINCT run_id) FROM tasks"), ==, 4);
  g_assert_cmpint (sweep (s3, NULL, "--shard", "3/3", NULL), ==, 0);
  g_assert_cmpfloat (ccs_test_sql_double (s2, "SELECT COUNT(*) FROM runs"), ==, 4);
  g_assert_cmpfloat (ccs_test_sql_double (s2, "SELECT MIN(run_id) FROM runs"), ==, 2);
  int st = -1;
  /* Any order of inputs gives the whole sweep. */
  g_assert_true (ccs_test_ccsim (&st, NULL, NULL, "merge", m, s3, s1, s2, NULL));
  g_assert_cmpint (st, ==, 0);
  assert_same (whole, m);
  /* In steps too: a merge of two shards, then with the third. */
  g_assert_true (ccs_test_ccsim (&st, NULL, NULL, "merge", m12, s2, s1, NULL));
  g_assert_cmpint (st, ==, 0);
  g_autofree char *sh = ccs_test_sql_text (m12, "SELECT value FROM meta WHERE key = 'shard'");
  g_assert_cmpstr (sh, ==, "1,2/3\n");
  g_assert_true (ccs_test_ccsim (&st, NULL, NULL, "merge", m123, m12, s3, NULL));
  g_assert_cmpint (st, ==, 0);
  assert_same (whole, m123);
  /* Overlapping inputs with the same results are fine. */
  g_autofree char *mo = tmp ("overlap.db");
  g_assert_true (ccs_test_ccsim (&st, NULL, NULL, "merge", mo, whole, s2, NULL));
  g_assert_cmpint (st, ==, 0);
  assert_same (whole, mo);
}

static void
test_merge_refuses (void)
{
  const char *whole = whole_sweep ();
  int st = -1;
  g_autofree char *err = NULL;
  /* Another grid. */
  g_autofree char *other = tmp ("other-grid.db");
  g_autofree char *scenario = ccs_test_data ("small.ini");
  g_assert_true (ccs_test_ccsim (&st, NULL, NULL, "sweep", scenario, "--policies", "random",
                                 "--seeds", "1", "--quiet", "--out", other, NULL));
  g_assert_cmpint (st, ==, 0);
  g_autofree char *o1 = tmp ("refused1.db");
  g_assert_true (ccs_test_ccsim (&st, NULL, &err, "merge", o1, whole, other, NULL));
  g_assert_cmpint (st, ==, 1);
  ccs_test_assert_contains (err, "refusing to merge");
  ccs_test_assert_contains (err, "grid");
  g_assert_false (g_file_test (o1, G_FILE_TEST_EXISTS));
  /* Another scenario (a common --set changes the resolved scenario). */
  g_autofree char *changed = tmp ("changed.db");
  g_assert_cmpint (sweep (changed, NULL, "--set", "Run.warmup=1s", "--shard", "1/3", NULL), ==, 0);
  g_clear_pointer (&err, g_free);
  g_autofree char *o2 = tmp ("refused2.db");
  g_assert_true (ccs_test_ccsim (&st, NULL, &err, "merge", o2, whole, changed, NULL));
  g_assert_cmpint (st, ==, 1);
  ccs_test_assert_contains (err, "scenario_sha256");
  /* Another version. */
  g_autofree char *old = tmp ("old-version.db");
  g_autofree char *text = NULL;
  gsize len;
  g_assert_true (g_file_get_contents (whole, &text, &len, NULL));
  g_assert_true (g_file_set_contents (old, text, len, NULL));
  sqlite3 *db;
  g_assert_cmpint (sqlite3_open (old, &db), ==, SQLITE_OK);
  g_assert_cmpint (
      sqlite3_exec (db, "UPDATE meta SET value = '0.0.1' WHERE key = 'version'", NULL, NULL, NULL),
      ==, SQLITE_OK);
  sqlite3_close (db);
  g_clear_pointer (&err, g_free);
  g_autofree char *o3 = tmp ("refused3.db");
  g_assert_true (ccs_test_ccsim (&st, NULL, &err, "merge", o3, whole, old, NULL));
  g_assert_cmpint (st, ==, 1);
  ccs_test_assert_contains (err, "version");
  /* Not a sweep; an existing output. */
  g_clear_pointer (&err, g_free);
  g_assert_true (ccs_test_ccsim (&st, NULL, &err, "merge", o3, whole, scenario, NULL));
  g_assert_cmpint (st, ==, 1);
  g_clear_pointer (&err, g_free);
  g_assert_true (ccs_test_ccsim (&st, NULL, &err, "merge", whole, other, NULL));
  g_assert_cmpint (st, ==, 1);
  ccs_test_assert_contains (err, "exists");
  /* A sweep started by another build of ccsim is not continued by this
   * one (the children of a sweep run a copy of the binary it started
   * with, so a rebuild cannot mix programs). */
  g_autofree char *rebuilt = tmp ("rebuilt.db");
  g_assert_true (g_file_set_contents (rebuilt, text, len, NULL));
  g_assert_cmpint (sqlite3_open (rebuilt, &db), ==, SQLITE_OK);
  g_assert_cmpint (sqlite3_exec (db,
                                 "UPDATE meta SET value = 'feedface' WHERE key = "
                                 "'binary_sha256'",
                                 NULL, NULL, NULL),
                   ==, SQLITE_OK);
  sqlite3_close (db);
  g_clear_pointer (&err, g_free);
  g_assert_cmpint (sweep (rebuilt, &err, NULL), ==, 1);
  ccs_test_assert_contains (err, "was started by another build of ccsim");
  /* A sweep refuses to continue into a database of another sweep. */
  g_clear_pointer (&err, g_free);
  g_assert_cmpint (sweep (other, &err, NULL), ==, 1);
  ccs_test_assert_contains (err, "holds a different sweep");
}

static void
test_failures (void)
{
  /* random has no include_local key: its runs fail, the others do not. */
  g_autofree char *db = tmp ("failing.db");
  g_autofree char *err = NULL;
  int st = sweep (db, &err, "--set", "Placement.include_local=true", NULL);
  g_assert_cmpint (st, ==, 1);
  ccs_test_assert_contains (err, "6 runs failed");
  g_assert_cmpfloat (ccs_test_sql_double (db, "SELECT COUNT(*) FROM runs WHERE status = 'done' "
                                              "AND policy = 'earliest-finish'"),
                     ==, 6);
  g_autofree char *e = ccs_test_sql_text (db, "SELECT DISTINCT error FROM runs WHERE policy = "
                                              "'random'");
  ccs_test_assert_contains (e, "include_local: unknown key for policy random");
  /* Failed runs are kept, not redone, unless asked. */
  g_clear_pointer (&err, g_free);
  g_assert_cmpint (sweep (db, &err, "--set", "Placement.include_local=true", NULL), ==, 1);
  g_assert_cmpfloat (ccs_test_sql_double (db, "SELECT COUNT(*) FROM runs"), ==, 12);
  g_clear_pointer (&err, g_free);
  g_assert_cmpint (
      sweep (db, &err, "--set", "Placement.include_local=true", "--retry-failed", NULL), ==, 1);
  g_assert_cmpfloat (ccs_test_sql_double (db, "SELECT COUNT(*) FROM runs"), ==, 12);
  /* Bad grids fail before anything runs. */
  g_autofree char *none = tmp ("never.db");
  g_clear_pointer (&err, g_free);
  g_assert_cmpint (sweep (none, &err, "--vary", "Run.duratoin=1s", NULL), ==, 1);
  ccs_test_assert_contains (err, "duratoin");
  g_assert_false (g_file_test (none, G_FILE_TEST_EXISTS));
  g_clear_pointer (&err, g_free);
  g_autofree char *scenario = ccs_test_data ("small.ini");
  g_assert_true (ccs_test_ccsim (&st, NULL, &err, "sweep", scenario, "--policies", "earliest,x",
                                 "--out", none, NULL));
  g_assert_cmpint (st, ==, 1);
  ccs_test_assert_contains (err, "unknown policy 'earliest'");
}

/* Start a sweep in the background; kill one of its children and then the
 * sweep itself once a run is in the database; the same command again
 * must give what an uninterrupted sweep gives. */
static void
test_resume (void)
{
  const char *bin = g_getenv ("CCSIM_BIN");
  g_autofree char *scenario = ccs_test_data ("small.ini");
  g_autofree char *ref = tmp ("resume-ref.db"), *db = tmp ("resume.db");
  const char *grid[] = { "--policies", "earliest-finish,random", "--seeds", "1-3",
                         "--set",      "Run.duration=300s",      "--jobs",  "2",
                         "--quiet" };
  g_autoptr (GPtrArray) args = g_ptr_array_new ();
  g_ptr_array_add (args, (gpointer) "sweep");
  g_ptr_array_add (args, scenario);
  for (gsize i = 0; i < G_N_ELEMENTS (grid); i++)
    g_ptr_array_add (args, (gpointer) grid[i]);
  g_ptr_array_add (args, (gpointer) "--out");
  g_ptr_array_add (args, ref);
  g_assert_cmpint (ccs_test_spawn ("CCSIM_BIN", args, NULL, NULL), ==, 0);

  g_autoptr (GPtrArray) argv = g_ptr_array_new ();
  g_ptr_array_add (argv, (gpointer) bin);
  for (guint i = 0; i < args->len - 1; i++)
    g_ptr_array_add (argv, args->pdata[i]);
  g_ptr_array_add (argv, db);
  g_ptr_array_add (argv, NULL);
  GPid pid;
  GError *error = NULL;
  g_assert_true (g_spawn_async (NULL, (char **) argv->pdata, NULL, G_SPAWN_DO_NOT_REAP_CHILD, NULL,
                                NULL, &pid, &error));
  g_assert_no_error (error);
  double runs = 0;
  for (int i = 0; i < 600 && !(runs >= 1); i++)
    {
      g_usleep (50000);
      if (g_file_test (db, G_FILE_TEST_EXISTS))
        runs = ccs_test_sql_double (db, "SELECT COUNT(*) FROM runs");
    }
  g_assert_cmpfloat (runs, >=, 1);
  g_autofree char *children_path = g_strdup_printf ("/proc/%d/task/%d/children", pid, pid);
  g_autofree char *children = NULL;
  g_file_get_contents (children_path, &children, NULL, NULL);
  int child = children ? atoi (children) : 0;
  g_test_message ("killing child %d, then the sweep %d, after %.0f runs", child, pid, runs);
  if (child > 0)
    kill (child, SIGKILL);
  g_usleep (100000);
  kill (pid, SIGKILL);
  int status;
  waitpid (pid, &status, 0);
  g_spawn_close_pid (pid);
  g_assert_true (WIFSIGNALED (status));
  double kept = ccs_test_sql_double (db, "SELECT COUNT(*) FROM runs");
  g_assert_cmpfloat (kept, <, 6);

  g_autofree char *err = NULL;
  g_ptr_array_remove_index (argv, argv->len - 1); /* NULL */
  g_ptr_array_remove_index (argv, 0);             /* bin */
  g_assert_cmpint (ccs_test_spawn ("CCSIM_BIN", argv, NULL, &err), ==, 0);
  assert_same (ref, db);
  /* Nothing left behind. */
  g_autofree char *dir = g_strconcat (db, ".runs", NULL);
  g_assert_false (g_file_test (dir, G_FILE_TEST_EXISTS));

  /* SIGINT (Ctrl-C) stops it cleanly with a message and exit 1; the
   * rerun completes it the same way. */
  g_autofree char *db2 = tmp ("resume-int.db");
  g_ptr_array_index (argv, argv->len - 1) = db2;
  g_ptr_array_insert (argv, 0, (gpointer) bin);
  g_ptr_array_add (argv, NULL);
  gint err_fd;
  g_assert_true (g_spawn_async_with_pipes (NULL, (char **) argv->pdata, NULL,
                                           G_SPAWN_DO_NOT_REAP_CHILD, NULL, NULL, &pid, NULL, NULL,
                                           &err_fd, &error));
  runs = 0;
  for (int i = 0; i < 600 && !(runs >= 1); i++)
    {
      g_usleep (50000);
      if (g_file_test (db2, G_FILE_TEST_EXISTS))
        runs = ccs_test_sql_double (db2, "SELECT COUNT(*) FROM runs");
    }
  kill (pid, SIGINT);
  waitpid (pid, &status, 0);
  g_spawn_close_pid (pid);
  char buf[4096];
  ssize_t n = read (err_fd, buf, sizeof buf - 1);
  close (err_fd);
  buf[MAX (n, 0)] = 0;
  g_assert_true (WIFEXITED (status));
  g_assert_cmpint (WEXITSTATUS (status), ==, 1);
  ccs_test_assert_contains (buf, "interrupted");
  ccs_test_assert_contains (buf, "run the same command again");
  g_ptr_array_remove_index (argv, argv->len - 1);
  g_ptr_array_remove_index (argv, 0);
  g_assert_cmpint (ccs_test_spawn ("CCSIM_BIN", argv, NULL, NULL), ==, 0);
  assert_same (ref, db2);
}

/* scripts/slurm-sweep.sbatch run the way Slurm runs an array of three
 * (indices 0-2, with the variables sbatch sets), then merged: the same
 * database as the sweep on one machine. */
static void
test_slurm_script (void)
{
  const char *whole = whole_sweep ();
  g_autofree char *script
      = g_build_filename (ccs_test_source_dir (), "scripts", "slurm-sweep.sbatch", NULL);
  g_autofree char *scenario = ccs_test_data ("small.ini");
  g_autofree char *shards = tmp ("slurm-shards");
  g_autoptr (GPtrArray) inputs = g_ptr_array_new_with_free_func (g_free);
  for (int id = 0; id < 3; id++)
    {
      g_auto (GStrv) env = g_get_environ ();
      g_autofree char *task = g_strdup_printf ("%d", id);
      env = g_environ_setenv (env, "SLURM_ARRAY_TASK_ID", task, TRUE);
      env = g_environ_setenv (env, "SLURM_ARRAY_TASK_MIN", "0", TRUE);
      env = g_environ_setenv (env, "SLURM_ARRAY_TASK_COUNT", "3", TRUE);
      env = g_environ_setenv (env, "SLURM_CPUS_PER_TASK", "2", TRUE);
      env = g_environ_setenv (env, "SCENARIO", scenario, TRUE);
      env = g_environ_setenv (env, "CCSIM", g_getenv ("CCSIM_BIN"), TRUE);
      env = g_environ_setenv (env, "SHARDS", shards, TRUE);
      env = g_environ_setenv (env, "SWEEP_ARGS",
                              "--policies earliest-finish,random --seeds 1-3 "
                              "--vary Run.duration=20s,40s --quiet",
                              TRUE);
      const char *argv[] = { "/bin/bash", script, NULL };
      int status;
      g_autofree char *err = NULL;
      GError *error = NULL;
      g_assert_true (g_spawn_sync (NULL, (char **) argv, env, G_SPAWN_DEFAULT, NULL, NULL, NULL,
                                   &err, &status, &error));
      g_assert_no_error (error);
      if (status != 0)
        g_test_message ("%s", err);
      g_assert_cmpint (status, ==, 0);
      g_ptr_array_add (inputs, g_strdup_printf ("%s/shard-%d.db", shards, id + 1));
    }
  g_autofree char *merged = tmp ("slurm-merged.db");
  g_autoptr (GPtrArray) args = g_ptr_array_new ();
  g_ptr_array_add (args, (gpointer) "merge");
  g_ptr_array_add (args, merged);
  for (guint i = 0; i < inputs->len; i++)
    g_ptr_array_add (args, inputs->pdata[i]);
  g_assert_cmpint (ccs_test_spawn ("CCSIM_BIN", args, NULL, NULL), ==, 0);
  assert_same (whole, merged);
}

/* A small real sweep with two market mechanisms and a numeric varied key
 * draws every kind of figure, each a non-empty PNG next to its data and
 * script; --markets is the Market.mechanism axis. */
static void
test_plots (void)
{
  g_autofree char *gnuplot = g_find_program_in_path ("gnuplot");
  if (!gnuplot)
    {
      g_test_skip ("no gnuplot");
      return;
    }
  g_autofree char *db = tmp ("plots.db"), *dir = tmp ("plots");
  g_autofree char *scenario = ccs_test_data ("small.ini");
  int st = -1;
  g_assert_true (ccs_test_ccsim (&st, NULL, NULL, "sweep", scenario, "--policies",
                                 "cloud-only,earliest-finish", "--markets", "posted,spot",
                                 "--seeds", "1-2", "--vary", "IoT cams.count=30,60", "--jobs", "2",
                                 "--quiet", "--out", db, NULL));
  g_assert_cmpint (st, ==, 0);
  g_autofree char *keys = ccs_test_sql_text (db, "SELECT DISTINCT key FROM params ORDER BY key");
  g_assert_cmpstr (keys, ==, "IoT cams.count\nMarket.mechanism\n");
  g_assert_cmpfloat (ccs_test_sql_double (db, "SELECT COUNT(*) FROM runs"), ==, 16);
  g_autofree char *err = NULL;
  g_assert_true (ccs_test_ccsim (&st, NULL, &err, "plot", db, "-o", dir, NULL));
  if (st != 0)
    g_test_message ("%s", err);
  g_assert_cmpint (st, ==, 0);
  const char *figs[] = { "latency-cdf",
                         "energy",
                         "cost",
                         "carbon",
                         "deadline-misses",
                         "pareto",
                         "energy-by-tier",
                         "scaling",
                         "timeseries-cloud-only-Market.mechanism-spot-IoT-cams.count-30",
                         "market-cloud-only-Market.mechanism-spot-IoT-cams.count-60" };
  for (gsize i = 0; i < G_N_ELEMENTS (figs); i++)
    ccs_test_assert_figure (dir, figs[i], "png", 1000);
  /* Spot prices fall below list when the cloud idles. */
  g_assert_cmpfloat (ccs_test_sql_double (db,
                                          "SELECT MIN(m.multiplier) FROM market m JOIN params p "
                                          "USING (run_id) WHERE p.value = 'spot'"),
                     <, 1);
}

/* A second sweep on the same --out is refused and leaves the running one
 * alone; a corrupt run file left in the runs folder (a torn write) is
 * discarded and its run redone. */
static void
test_concurrent_and_corrupt (void)
{
  const char *bin = g_getenv ("CCSIM_BIN");
  g_autofree char *scenario = ccs_test_data ("small.ini");
  g_autofree char *db = tmp ("busy.db");
  const char *argv[] = { bin,
                         "sweep",
                         scenario,
                         "--policies",
                         "earliest-finish,random",
                         "--seeds",
                         "1-4",
                         "--set",
                         "Run.duration=200s",
                         "--jobs",
                         "1",
                         "--quiet",
                         "--out",
                         db,
                         NULL };
  GPid pid;
  GError *error = NULL;
  g_assert_true (g_spawn_async (NULL, (char **) argv, NULL, G_SPAWN_DO_NOT_REAP_CHILD, NULL, NULL,
                                &pid, &error));
  g_assert_no_error (error);
  g_autofree char *lock = g_strconcat (db, ".runs/lock", NULL);
  for (int i = 0; i < 400 && !g_file_test (lock, G_FILE_TEST_EXISTS); i++)
    g_usleep (25000);
  g_usleep (200000);
  g_autoptr (GPtrArray) args = g_ptr_array_new ();
  for (int i = 1; argv[i]; i++)
    g_ptr_array_add (args, (gpointer) argv[i]);
  g_autofree char *err = NULL;
  g_assert_cmpint (ccs_test_spawn ("CCSIM_BIN", args, NULL, &err), ==, 1);
  ccs_test_assert_contains (err, "in use by another sweep");
  int status;
  waitpid (pid, &status, 0);
  g_spawn_close_pid (pid);
  g_assert_true (WIFEXITED (status));
  g_assert_cmpint (WEXITSTATUS (status), ==, 0);
  g_assert_cmpfloat (ccs_test_sql_double (db, "SELECT COUNT(*) FROM runs WHERE status = 'done'"),
                     ==, 8);

  /* Garbage under a run's final name, as a power cut could leave. */
  g_autofree char *db2 = tmp ("torn.db");
  g_autofree char *dir = g_strconcat (db2, ".runs", NULL);
  g_assert_cmpint (g_mkdir_with_parents (dir, 0755), ==, 0);
  g_autofree char *torn = g_build_filename (dir, "run-000002.db", NULL);
  g_assert_true (g_file_set_contents (torn, "not a database at all, just bytes", -1, NULL));
  g_assert_cmpint (sweep (db2, NULL, NULL), ==, 0);
  g_assert_cmpfloat (ccs_test_sql_double (db2, "SELECT COUNT(*) FROM runs WHERE status = 'done'"),
                     ==, 12);
  assert_same (whole_sweep (), db2);
}

int
main (int argc, char **argv)
{
  g_test_init (&argc, &argv, NULL);
  g_test_add_func ("/sweep/grid", test_grid);
  g_test_add_func ("/sweep/shards", test_shards);
  g_test_add_func ("/sweep/parse-errors", test_parse_errors);
  g_test_add_func ("/sweep/whole", test_whole);
  g_test_add_func ("/sweep/shards-merge", test_shards_merge);
  g_test_add_func ("/sweep/merge-refuses", test_merge_refuses);
  g_test_add_func ("/sweep/failures", test_failures);
  g_test_add_func ("/sweep/resume", test_resume);
  g_test_add_func ("/sweep/slurm-script", test_slurm_script);
  g_test_add_func ("/sweep/plots", test_plots);
  g_test_add_func ("/sweep/concurrent-and-corrupt", test_concurrent_and_corrupt);
  return g_test_run ();
}
