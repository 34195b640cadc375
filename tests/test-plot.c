/* test-plot.c — figures from results databases (sim/plot.h).
 *
 * A synthetic sweep database (3 policies × 4 seeds × 2 values of a varied
 * numeric key, plus a failed run that must not count) is written with the
 * real schema; its metrics follow simple formulas, so the means and
 * intervals in the data files can be checked against values computed by
 * hand in the comments.  Every test needs gnuplot and is skipped without it.
 */
#include <glib/gstdio.h>
#include <math.h>
#include <sqlite3.h>
#include <string.h>

#include "sim/plot.h"
#include "sim/results.h"
#include "tests/testutil.h"

static const char *const policies[] = { "earliest-finish", "cloud_only", "random" };
#define N_SEEDS 4
/* Values of the varied key "IoT cams.count", in run order: 400 is written
 * first, so a plot that sorts them as text would put it first.  Most
 * tests use the first two. */
static const int sweep_counts[] = { 400, 50, 100, 200 };

static void
exec (sqlite3 *db, const char *sql)
{
  char *msg = NULL;
  if (sqlite3_exec (db, sql, NULL, NULL, &msg) != SQLITE_OK)
    g_test_message ("SQL: %s", msg);
  g_assert_null (msg);
}

static void
step (sqlite3 *db, sqlite3_stmt *st)
{
  if (sqlite3_step (st) != SQLITE_DONE)
    g_test_message ("SQL: %s", sqlite3_errmsg (db));
  g_assert_cmpint (sqlite3_reset (st), ==, SQLITE_OK);
}

/* Latency at percentile @p of policy @pi: an exponential tail over a
 * floor, scaled by the fleet size and the seed. */
static double
latency_at (guint pi, int count, int seed, double p)
{
  static const double base_s[] = { 0.004, 0.030, 0.012 };
  double q = MIN (p / 100, 0.9995);
  return base_s[pi] * (1 + count / 400.0) * (1 + 0.02 * seed) * (0.3 - log1p (-q));
}

/* A results database at @path with @n_pol policies of policies[], seeds 1
 * to @n_seeds, and @n_counts values of sweep_counts (0: nothing varied);
 * @carbon adds carbon_g.  The summary metrics of policy index pi, fleet
 * size n and seed s are:
 *   energy_iot_j = 2000·n, energy_edge_j = (500, 10, 200)[pi]·n,
 *   energy_cloud_j = (10, 800, 300)[pi]·n, energy_hpc_j = 0,
 *   energy_network_j = 200·n + 100·s, energy_j = their sum,
 *   cost_usd = (0.06, 0.02, 0.05)[pi]·n/100·(1 + 0.02·s),
 *   deadline_misses = (2, 0, 40)[pi]·n/100 + s, carbon_g = 1e-4·energy_j,
 *   tasks_created = 600·n, wall_s = tasks_created / ((2, 1, 3)[pi]·1e5)·(1 + 0.05·s). */
static void
make_db (const char *path, guint n_pol, int n_seeds, guint n_counts, gboolean carbon)
{
  g_remove (path);
  sqlite3 *db = NULL;
  g_assert_cmpint (sqlite3_open (path, &db), ==, SQLITE_OK);
  exec (db, ccs_results_schema);
  exec (db, "BEGIN");
  sqlite3_stmt *run, *param, *summary, *quantile, *series;
  g_assert_cmpint (sqlite3_prepare_v2 (db,
                                       "INSERT INTO runs (run_id, scenario, scenario_path, "
                                       "scenario_sha256, config, policy, seed, params, version, "
                                       "status, wall_s) VALUES (?, 'synthetic', 'synthetic.ini', "
                                       "'0', 'General', ?, ?, ?, '0', ?, ?)",
                                       -1, &run, NULL),
                   ==, SQLITE_OK);
  g_assert_cmpint (sqlite3_prepare_v2 (db, "INSERT INTO params VALUES (?, 'IoT cams.count', ?)", -1,
                                       &param, NULL),
                   ==, SQLITE_OK);
  g_assert_cmpint (
      sqlite3_prepare_v2 (db, "INSERT INTO summary VALUES (?, ?, ?)", -1, &summary, NULL), ==,
      SQLITE_OK);
  g_assert_cmpint (
      sqlite3_prepare_v2 (db, "INSERT INTO quantiles VALUES (?, ?, ?)", -1, &quantile, NULL), ==,
      SQLITE_OK);
  g_assert_cmpint (
      sqlite3_prepare_v2 (db, "INSERT INTO series VALUES (?, ?, ?, ?, ?, ?)", -1, &series, NULL),
      ==, SQLITE_OK);
  static const double edge[] = { 500, 10, 200 }, cloud[] = { 10, 800, 300 };
  static const double usd[] = { 0.06, 0.02, 0.05 }, misses[] = { 2, 0, 40 }, speed[] = { 2, 1, 3 };
  gint64 id = 0;
  for (guint k = 0; k < MAX (n_counts, 1); k++)
    for (guint pi = 0; pi < n_pol; pi++)
      for (int s = 1; s <= n_seeds; s++)
        {
          int n = n_counts ? sweep_counts[k] : 100;
          g_autofree char *value = g_strdup_printf ("%d", n);
          g_autofree char *params
              = n_counts ? g_strdup_printf ("IoT cams.count=%d", n) : g_strdup ("");
          double created = 600.0 * n, wall = created / (speed[pi] * 1e5) * (1 + 0.05 * s);
          id++;
          sqlite3_bind_int64 (run, 1, id);
          sqlite3_bind_text (run, 2, policies[pi], -1, SQLITE_STATIC);
          sqlite3_bind_int (run, 3, s);
          sqlite3_bind_text (run, 4, params, -1, SQLITE_STATIC);
          sqlite3_bind_text (run, 5, "done", -1, SQLITE_STATIC);
          sqlite3_bind_double (run, 6, wall);
          step (db, run);
          if (n_counts)
            {
              sqlite3_bind_int64 (param, 1, id);
              sqlite3_bind_text (param, 2, value, -1, SQLITE_STATIC);
              step (db, param);
            }
          double e[] = { 2000.0 * n, edge[pi] * n, cloud[pi] * n, 0, 200.0 * n + 100 * s };
          double total = e[0] + e[1] + e[2] + e[3] + e[4];
          struct
          {
            const char *metric;
            double value;
          } m[] = {
            { "tasks_created", created },
            { "tasks_completed", created },
            { "deadline_misses", misses[pi] * n / 100 + s },
            { "latency_p50_s", latency_at (pi, n, s, 50) },
            { "latency_p99_s", latency_at (pi, n, s, 99) },
            { "energy_iot_j", e[0] },
            { "energy_edge_j", e[1] },
            { "energy_cloud_j", e[2] },
            { "energy_hpc_j", e[3] },
            { "energy_network_j", e[4] },
            { "energy_j", total },
            { "cost_usd", usd[pi] * n / 100 * (1 + 0.02 * s) },
            { "carbon_g", carbon ? 1e-4 * total : NAN },
          };
          for (gsize i = 0; i < G_N_ELEMENTS (m); i++)
            {
              if (isnan (m[i].value))
                continue;
              sqlite3_bind_int64 (summary, 1, id);
              sqlite3_bind_text (summary, 2, m[i].metric, -1, SQLITE_STATIC);
              sqlite3_bind_double (summary, 3, m[i].value);
              step (db, summary);
            }
          for (int q = 0; q <= 1000; q++)
            {
              sqlite3_bind_int64 (quantile, 1, id);
              sqlite3_bind_double (quantile, 2, q / 10.0);
              sqlite3_bind_double (quantile, 3, latency_at (pi, n, s, q / 10.0));
              step (db, quantile);
            }
          /* A minute sampled every second, the same instants in every run. */
          static const char *const tiers[] = { "iot", "edge", "cloud" };
          for (int t = 0; t <= 60; t++)
            for (guint ti = 0; ti < G_N_ELEMENTS (tiers); ti++)
              {
                double u = ti == 0
                               ? 0.02
                               : 0.1 + 0.15 * (pi + ti) * (1 + sin (t / 6.0 + ti + 0.3 * s)) / 2;
                double w = ti == 0 ? 1.5 * n : 40 * ti * n / 50.0 * (1 + 2 * u);
                sqlite3_bind_int64 (series, 1, id);
                sqlite3_bind_double (series, 2, t);
                sqlite3_bind_text (series, 3, tiers[ti], -1, SQLITE_STATIC);
                sqlite3_bind_double (series, 4, u);
                sqlite3_bind_double (series, 5, w);
                sqlite3_bind_double (series, 6, 10 * u);
                step (db, series);
              }
        }
  /* A failed run with absurd values: plots use finished runs only. */
  id++;
  sqlite3_bind_int64 (run, 1, id);
  sqlite3_bind_text (run, 2, policies[0], -1, SQLITE_STATIC);
  sqlite3_bind_int (run, 3, 99);
  sqlite3_bind_text (run, 4, n_counts ? "IoT cams.count=50" : "", -1, SQLITE_STATIC);
  sqlite3_bind_text (run, 5, "failed", -1, SQLITE_STATIC);
  sqlite3_bind_double (run, 6, 1);
  step (db, run);
  if (n_counts)
    {
      sqlite3_bind_int64 (param, 1, id);
      sqlite3_bind_text (param, 2, "50", -1, SQLITE_STATIC);
      step (db, param);
    }
  sqlite3_bind_int64 (summary, 1, id);
  sqlite3_bind_text (summary, 2, "energy_j", -1, SQLITE_STATIC);
  sqlite3_bind_double (summary, 3, 1e30);
  step (db, summary);
  sqlite3_finalize (run);
  sqlite3_finalize (param);
  sqlite3_finalize (summary);
  sqlite3_finalize (quantile);
  sqlite3_finalize (series);
  exec (db, "COMMIT");
  g_assert_cmpint (sqlite3_close (db), ==, SQLITE_OK);
}

static gboolean
have_gnuplot (void)
{
  g_autofree char *gnuplot = g_find_program_in_path ("gnuplot");
  if (!gnuplot)
    g_test_skip ("gnuplot is not on PATH");
  return gnuplot != NULL;
}

/* Figure @name in @dir as @format exists with the signature of its format,
 * its data and its script beside it, and is in @written. */
static void
assert_figure (const char *dir, const char *name, const char *format, GPtrArray *written)
{
  ccs_test_assert_figure (dir, name, format, 1000);
  g_autofree char *img = g_strdup_printf ("%s/%s.%s", dir, name, format);
  g_autofree char *dat = g_strdup_printf ("%s/%s.dat", dir, name);
  g_autofree char *gp = g_strdup_printf ("%s/%s.gp", dir, name);
  gsize len = 0;
  g_autofree char *text = NULL;
  g_assert_true (g_file_get_contents (dat, &text, &len, NULL));
  g_assert_cmpuint (len, >, 0);
  g_clear_pointer (&text, g_free);
  g_assert_true (g_file_get_contents (gp, &text, NULL, NULL));
  ccs_test_assert_contains (text, "set terminal");
  gboolean listed = FALSE;
  for (guint i = 0; i < written->len; i++)
    listed |= g_str_equal (written->pdata[i], img);
  g_assert_true (listed);
}

static const char *const sweep_figures[] = {
  "latency-cdf",
  "energy",
  "cost",
  "carbon",
  "deadline-misses",
  "pareto",
  "energy-by-tier",
  "scaling",
  "timeseries-earliest-finish-IoT-cams.count-50",
  "timeseries-earliest-finish-IoT-cams.count-400",
  "timeseries-cloud_only-IoT-cams.count-50",
  "timeseries-cloud_only-IoT-cams.count-400",
  "timeseries-random-IoT-cams.count-50",
  "timeseries-random-IoT-cams.count-400",
};

static void
test_sweep_formats (void)
{
  g_test_summary ("A sweep gives every figure in png, svg and pdf, each with its "
                  "data and script");
  if (!have_gnuplot ())
    return;
  g_autofree char *db = g_build_filename (ccs_test_tmpdir (), "sweep.db", NULL);
  make_db (db, 3, N_SEEDS, 2, TRUE);
  const char *formats[] = { "png", "svg", "pdf" };
  for (gsize f = 0; f < G_N_ELEMENTS (formats); f++)
    {
      g_autofree char *dir = g_build_filename (ccs_test_tmpdir (), "sweep", formats[f], NULL);
      g_autoptr (GPtrArray) written = g_ptr_array_new_with_free_func (g_free);
      g_autoptr (GError) error = NULL;
      g_assert_true (ccs_plot_run (db, dir, formats[f], written, &error));
      g_assert_no_error (error);
      for (gsize i = 0; i < G_N_ELEMENTS (sweep_figures); i++)
        assert_figure (dir, sweep_figures[i], formats[f], written);
      g_assert_cmpuint (written->len, ==, G_N_ELEMENTS (sweep_figures));
    }
}

/* The numbers after the quoted label at the start of the line of @text
 * that starts with @label (quoted). */
static GArray *
dat_row (const char *text, const char *label)
{
  g_autofree char *needle = g_strdup_printf ("\n\"%s\"", label);
  const char *p = strstr (text, needle);
  if (!p)
    g_test_message ("no row %s in:\n%s", needle, text);
  g_assert_nonnull (p);
  p += strlen (needle);
  GArray *v = g_array_new (FALSE, FALSE, sizeof (double));
  while (*p && *p != '\n')
    {
      char *end;
      double x = g_ascii_strtod (p, &end);
      if (end == p)
        {
          while (*p == ' ')
            p++;
          g_assert_true (g_str_has_prefix (p, "NaN"));
          x = NAN, end = (char *) p + 3;
        }
      g_array_append_val (v, x);
      p = end;
    }
  return v;
}

static char *
read_text (const char *dir, const char *name)
{
  g_autofree char *path = g_build_filename (dir, name, NULL);
  char *text = NULL;
  g_assert_true (g_file_get_contents (path, &text, NULL, NULL));
  return text;
}

static void
test_sweep_values (void)
{
  g_test_summary ("The bar data are the means and 95% Student-t half-widths over "
                  "the seeds, clusters in numeric order, failed runs left out");
  if (!have_gnuplot ())
    return;
  g_autofree char *db = g_build_filename (ccs_test_tmpdir (), "values.db", NULL);
  make_db (db, 3, N_SEEDS, 2, TRUE);
  g_autofree char *dir = g_build_filename (ccs_test_tmpdir (), "values", NULL);
  g_autoptr (GError) error = NULL;
  g_assert_true (ccs_plot_run (db, dir, "png", NULL, &error));
  g_assert_no_error (error);

  /* t_{0.975, 3} = 3.182446305284263, the 95 % quantile for 4 seeds. */
  const double t3 = 3.182446305284263;
  g_autofree char *energy = read_text (dir, "energy.dat");
  /* 50 (numerically first) before 400 (first in the database). */
  g_assert_cmpint (ccs_test_line_of (energy, "\n\"50\""), <,
                   ccs_test_line_of (energy, "\n\"400\""));
  ccs_test_assert_contains (energy, "\"earliest-finish\" \"ci\" \"cloud_only\" \"ci\" \"random\"");
  g_autoptr (GArray) row = dat_row (energy, "50");
  g_assert_cmpuint (row->len, ==, 6);
  /* cloud_only at n = 50: 2000·50 + 10·50 + 800·50 + 0 + 200·50 + 100·s
   * = 150500 + 100·s; mean over s = 1..4: 150750 (the failed run's 1e30
   * left out); deviations ±50, ±150: sd = sqrt(50000/3) = 129.0994449,
   * half-width = t3 · sd / 2 = 205.4260. */
  ccs_test_assert_rel (g_array_index (row, double, 2), 150750);
  g_assert_cmpfloat_with_epsilon (g_array_index (row, double, 3), t3 * sqrt (50000.0 / 3) / 2,
                                  1e-6);
  g_assert_cmpfloat_with_epsilon (g_array_index (row, double, 3), 205.4260, 1e-3);

  /* Cost of random at n = 400: 0.05·4·(1 + 0.02·s) = 0.2 + 0.004·s;
   * mean 0.21, deviations ±0.002, ±0.006: sd = 0.004·sqrt(5/3),
   * half-width = t3 · sd / 2 = 0.0082170. */
  g_autofree char *cost = read_text (dir, "cost.dat");
  g_autoptr (GArray) crow = dat_row (cost, "400");
  g_assert_cmpfloat_with_epsilon (g_array_index (crow, double, 4), 0.21, 1e-9);
  g_assert_cmpfloat_with_epsilon (g_array_index (crow, double, 5), t3 * 0.004 * sqrt (5.0 / 3) / 2,
                                  1e-9);
  g_assert_cmpfloat_with_epsilon (g_array_index (crow, double, 5), 0.0082170, 1e-6);

  /* Deadline misses of earliest-finish at n = 50: 1 + s, mean 3.5,
   * sd = sqrt(5/3), half-width 2.0543. */
  g_autofree char *misses = read_text (dir, "deadline-misses.dat");
  g_autoptr (GArray) mrow = dat_row (misses, "50");
  ccs_test_assert_rel (g_array_index (mrow, double, 0), 3.5);
  g_assert_cmpfloat_with_epsilon (g_array_index (mrow, double, 1), t3 * sqrt (5.0 / 3) / 2, 1e-9);

  /* Energy by tier, edge row: the first group is earliest-finish at
   * n = 50, 500·50 = 25000 J in every seed, so no spread. */
  g_autofree char *tiers = read_text (dir, "energy-by-tier.dat");
  g_autoptr (GArray) trow = dat_row (tiers, "edge");
  g_assert_cmpuint (trow->len, ==, 12);
  ccs_test_assert_rel (g_array_index (trow, double, 0), 25000);
  g_assert_cmpfloat (g_array_index (trow, double, 1), ==, 0);
  /* No hpc row: zero in every group has no bar on the log axis. */
  g_assert_null (strstr (tiers, "\"hpc\""));

  /* Latency CDF: the block of earliest-finish at n = 50 holds the mean
   * over the seeds of the latency at each quantile; at p = 50 that is
   * 0.004·1.125·(0.3 + ln 2)·(1 + 0.02·2.5) (the seed factor averaged). */
  g_autofree char *cdf = read_text (dir, "latency-cdf.dat");
  const char *block = strstr (cdf, "\"earliest-finish, 50\"\n");
  g_assert_nonnull (block);
  const char *median = strstr (block, " 0.5\n");
  g_assert_nonnull (median);
  while (median > block && median[-1] != '\n')
    median--;
  g_assert_cmpfloat_with_epsilon (g_ascii_strtod (median, NULL),
                                  0.004 * 1.125 * (0.3 + log (2)) * 1.05, 1e-12);

  /* The script next to the image redraws it on its own. */
  g_autofree char *png = g_build_filename (dir, "energy.png", NULL);
  g_assert_cmpint (g_remove (png), ==, 0);
  g_autofree char *gnuplot = g_find_program_in_path ("gnuplot");
  const char *argv[] = { gnuplot, "energy.gp", NULL };
  int status = -1;
  g_assert_true (g_spawn_sync (dir, (char **) argv, NULL, G_SPAWN_DEFAULT, NULL, NULL, NULL, NULL,
                               &status, &error));
  g_assert_no_error (error);
  g_assert_true (g_spawn_check_wait_status (status, NULL));
  g_assert_true (g_file_test (png, G_FILE_TEST_IS_REGULAR));

  /* Scaling: tasks per wall second of cloud_only = 1e5 / (1 + 0.05·s),
   * at both fleet sizes; the rows are x, runs, mean, half-width. */
  g_autofree char *scaling = read_text (dir, "scaling.dat");
  ccs_test_assert_contains (scaling, "\"cloud_only\"\n50 4 ");
  double y[N_SEEDS];
  for (int s = 1; s <= N_SEEDS; s++)
    y[s - 1] = 1e5 / (1 + 0.05 * s);
  double mean = (y[0] + y[1] + y[2] + y[3]) / 4;
  g_autofree char *expect = g_strdup_printf ("\"cloud_only\"\n50 4 %.10g", mean);
  ccs_test_assert_contains (scaling, expect);

  /* Pareto front (the last block): at n = 50 cloud_only is cheapest,
   * random next and earliest-finish fastest, none beaten in both; every
   * group at n = 400 costs more and waits longer than earliest-finish at
   * n = 50.  Mean costs: 0.01·1.05, 0.025·1.05, 0.03·1.05. */
  g_autofree char *pareto = read_text (dir, "pareto.dat");
  const char *front = strstr (pareto, "# The Pareto front");
  g_assert_nonnull (front);
  g_auto (GStrv) lines = g_strsplit (front, "\n", -1);
  g_assert_cmpuint (g_strv_length (lines), ==, 5);
  const double front_cost[] = { 0.01 * 1.05, 0.025 * 1.05, 0.03 * 1.05 };
  for (int i = 0; i < 3; i++)
    g_assert_cmpfloat_with_epsilon (g_ascii_strtod (lines[i + 1], NULL), front_cost[i], 1e-12);
}

static void
test_no_carbon (void)
{
  g_test_summary ("Without carbon_g the carbon figure is skipped with a note, the "
                  "others are drawn");
  if (!have_gnuplot ())
    return;
  if (g_test_subprocess ())
    {
      g_autofree char *db = g_build_filename (ccs_test_tmpdir (), "nocarbon.db", NULL);
      make_db (db, 3, N_SEEDS, 2, FALSE);
      g_autofree char *dir = g_build_filename (ccs_test_tmpdir (), "nocarbon", NULL);
      g_autoptr (GPtrArray) written = g_ptr_array_new_with_free_func (g_free);
      g_autoptr (GError) error = NULL;
      g_assert_true (ccs_plot_run (db, dir, "png", written, &error));
      g_assert_no_error (error);
      g_autofree char *carbon = g_build_filename (dir, "carbon.png", NULL);
      g_assert_false (g_file_test (carbon, G_FILE_TEST_EXISTS));
      assert_figure (dir, "energy", "png", written);
      g_assert_cmpuint (written->len, ==, G_N_ELEMENTS (sweep_figures) - 1);
      return;
    }
  g_test_trap_subprocess (NULL, 0, G_TEST_SUBPROCESS_DEFAULT);
  g_test_trap_assert_passed ();
  g_test_trap_assert_stderr ("*skipping carbon: no carbon_g*");
}

static void
test_single_run (void)
{
  g_test_summary ("One run without varied parameters still gives every figure "
                  "but scaling, titled with its policy and seed");
  if (!have_gnuplot ())
    return;
  if (g_test_subprocess ())
    {
      g_autofree char *db = g_build_filename (ccs_test_tmpdir (), "single.db", NULL);
      make_db (db, 1, 1, 0, TRUE);
      g_autofree char *dir = g_build_filename (ccs_test_tmpdir (), "single", NULL);
      g_autoptr (GPtrArray) written = g_ptr_array_new_with_free_func (g_free);
      g_autoptr (GError) error = NULL;
      g_assert_true (ccs_plot_run (db, dir, "png", written, &error));
      g_assert_no_error (error);
      const char *figs[] = { "latency-cdf",     "energy", "cost",           "carbon",
                             "deadline-misses", "pareto", "energy-by-tier", "timeseries" };
      for (gsize i = 0; i < G_N_ELEMENTS (figs); i++)
        assert_figure (dir, figs[i], "png", written);
      g_assert_cmpuint (written->len, ==, G_N_ELEMENTS (figs));
      g_autofree char *gp = read_text (dir, "energy.gp");
      ccs_test_assert_contains (gp, "plottitle = 'synthetic / earliest-finish / seed 1: energy'");
      /* One seed: a mean without an interval. */
      g_autofree char *energy = read_text (dir, "energy.dat");
      ccs_test_assert_contains (energy, "\n\"\" 271100 NaN\n");
      return;
    }
  g_test_trap_subprocess (NULL, 0, G_TEST_SUBPROCESS_DEFAULT);
  g_test_trap_assert_passed ();
  /* One run has nothing to scale: no figure and no note about it. */
  g_test_trap_assert_stderr_unmatched ("*skipping scaling*");
}

static void
test_split (void)
{
  g_test_summary ("With more groups than a figure shows readably, the CDF and the "
                  "energy by tier are drawn once per parameter value");
  if (!have_gnuplot ())
    return;
  g_autofree char *db = g_build_filename (ccs_test_tmpdir (), "split.db", NULL);
  make_db (db, 3, 2, 4, TRUE);
  g_autofree char *dir = g_build_filename (ccs_test_tmpdir (), "split", NULL);
  g_autoptr (GPtrArray) written = g_ptr_array_new_with_free_func (g_free);
  g_autoptr (GError) error = NULL;
  g_assert_true (ccs_plot_run (db, dir, "png", written, &error));
  g_assert_no_error (error);
  const int counts[] = { 50, 100, 200, 400 };
  for (gsize i = 0; i < G_N_ELEMENTS (counts); i++)
    {
      g_autofree char *cdf = g_strdup_printf ("latency-cdf-IoT-cams.count-%d", counts[i]);
      g_autofree char *tiers = g_strdup_printf ("energy-by-tier-IoT-cams.count-%d", counts[i]);
      assert_figure (dir, cdf, "png", written);
      assert_figure (dir, tiers, "png", written);
    }
  /* The bars keep one figure, clustered by value in numeric order. */
  assert_figure (dir, "energy", "png", written);
  g_autofree char *energy = read_text (dir, "energy.dat");
  g_assert_cmpint (ccs_test_line_of (energy, "\n\"100\""), <,
                   ccs_test_line_of (energy, "\n\"200\""));
  /* 2 seeds: t_{0.975, 1} = 12.706 times sd / sqrt 2. */
  g_autoptr (GArray) row = dat_row (energy, "200");
  g_assert_cmpfloat_with_epsilon (g_array_index (row, double, 1),
                                  12.706204736174707 * 100 / sqrt (2) / sqrt (2), 1e-6);
}

static void
test_errors (void)
{
  g_test_summary ("A missing database, a non-database and an unknown format are errors");
  g_autoptr (GError) error = NULL;
  g_autofree char *dir = g_build_filename (ccs_test_tmpdir (), "errors", NULL);
  g_autofree char *missing = g_build_filename (ccs_test_tmpdir (), "missing.db", NULL);
  g_assert_false (ccs_plot_run (missing, dir, "png", NULL, &error));
  g_assert_error (error, CCS_PLOT_ERROR, 0);
  ccs_test_assert_contains (error->message, "no such results database");
  g_clear_error (&error);

  g_autofree char *text = ccs_test_write ("not-a.db", "this is not SQLite\n");
  g_assert_false (ccs_plot_run (text, dir, "png", NULL, &error));
  g_assert_error (error, CCS_PLOT_ERROR, 0);
  g_clear_error (&error);

  g_autofree char *db = g_build_filename (ccs_test_tmpdir (), "format.db", NULL);
  make_db (db, 1, 1, 0, TRUE);
  g_assert_false (ccs_plot_run (db, dir, "bmp", NULL, &error));
  g_assert_error (error, CCS_PLOT_ERROR, 0);
  ccs_test_assert_contains (error->message, "unknown format 'bmp'");
}

int
main (int argc, char **argv)
{
  g_test_init (&argc, &argv, NULL);
  g_test_add_func ("/plot/sweep/formats", test_sweep_formats);
  g_test_add_func ("/plot/sweep/values", test_sweep_values);
  g_test_add_func ("/plot/sweep/no-carbon", test_no_carbon);
  g_test_add_func ("/plot/sweep/split", test_split);
  g_test_add_func ("/plot/single-run", test_single_run);
  g_test_add_func ("/plot/errors", test_errors);
  return g_test_run ();
}
