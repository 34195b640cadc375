/* plot.c — figures comparing policies from a results database (plot.h).
 *
 * The database is read once into runs and groups (plotdata.h): a group is
 * the runs of one policy at one value of the varied parameters, and its
 * seeds are the samples of every mean and 95 % Student-t interval
 * (models/stats.h).  Each figure is a function that computes its data in C, writes NAME.dat,
 * and writes NAME.gp: the settings it computed (terminal, file names,
 * title, scales, legend arrays) followed by a script from plots/.  gnuplot
 * (found on PATH at run time) then runs that copy in the output folder, so
 * the copy alone redraws the figure.
 *
 * Dropped: passing the settings with `gnuplot -e` (the copied script then
 * needs the same command line to redraw), and one script per figure with
 * the data inline (a user who restyles wants the data apart).
 */
#include "sim/plot.h"

#include <errno.h>
#include <glib/gstdio.h>
#include <math.h>
#include <sqlite3.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>

#include "sim/plotdata.h"

G_DEFINE_QUARK (ccs - plot - error - quark, ccs_plot_error)

const char *
ccs_plot_scripts_dir (void)
{
  const char *env = g_getenv ("CCSIM_PLOTS");
  if (env && *env)
    return env;
#ifdef CCSIM_SOURCE_DIR
  if (g_file_test (CCSIM_SOURCE_DIR "/plots", G_FILE_TEST_IS_DIR))
    return CCSIM_SOURCE_DIR "/plots";
#endif
#ifdef CCSIM_DATA_DIR
  return CCSIM_DATA_DIR "/plots";
#else
  return "plots";
#endif
}

/* ---- writing figures ---- */

static void
skip_note (const char *figure, const char *why)
{
  g_printerr ("ccsim plot: skipping %s: no %s\n", figure, why);
}

/* For containers of GStrings (with empty places). */
static void
string_free (gpointer s)
{
  if (s)
    g_string_free (s, TRUE);
}

/* A string for a data file: double quotes, none inside. */
static void
dat_string (GString *s, const char *text)
{
  g_string_append_c (s, '"');
  for (const char *p = text; *p; p++)
    g_string_append_c (s, *p == '"' ? '\'' : *p == '\n' ? ' ' : *p);
  g_string_append_c (s, '"');
}

/* A number for a data file ("NaN" when missing), after a space unless
 * it starts a line. */
static void
dat_number (GString *s, double v)
{
  char buf[G_ASCII_DTOSTR_BUF_SIZE];
  if (s->len && s->str[s->len - 1] != '\n')
    g_string_append_c (s, ' ');
  g_string_append (s, isfinite (v) ? g_ascii_formatd (buf, sizeof buf, "%.10g", v) : "NaN");
}

/* A gnuplot string literal: single quotes, a quote inside doubled. */
static void
gp_string (GString *s, const char *text)
{
  g_string_append_c (s, '\'');
  for (const char *p = text; *p; p++)
    if (*p == '\'')
      g_string_append (s, "''");
    else
      g_string_append_c (s, *p == '\n' ? ' ' : *p);
  g_string_append_c (s, '\'');
}

static void
gp_set_string (GString *s, const char *name, const char *value)
{
  g_string_append_printf (s, "%s = ", name);
  gp_string (s, value);
  g_string_append_c (s, '\n');
}

/* NAME = VALUE, gnuplot's NaN for infinities too. */
static void
gp_set_number (GString *s, const char *name, double value)
{
  char buf[G_ASCII_DTOSTR_BUF_SIZE];
  g_string_append_printf (s, "%s = %s\n", name,
                          isfinite (value) ? g_ascii_formatd (buf, sizeof buf, "%.10g", value)
                                           : "NaN");
}

/* "array NAME[n] = [v1, v2, ...]" of the guints in @v. */
static void
gp_set_array (GString *s, const char *name, const GArray *v)
{
  g_string_append_printf (s, "array %s[%u] = [", name, v->len);
  for (guint i = 0; i < v->len; i++)
    g_string_append_printf (s, "%s%u", i ? ", " : "", g_array_index (v, guint, i));
  g_string_append (s, "]\n");
}

/* The same of the strings in @v. */
static void
gp_set_array_text (GString *s, const char *name, const GPtrArray *v)
{
  g_string_append_printf (s, "array %s[%u] = [", name, v->len);
  for (guint i = 0; i < v->len; i++)
    {
      g_string_append (s, i ? ", " : "");
      gp_string (s, v->pdata[i]);
    }
  g_string_append (s, "]\n");
}

/* The terminal for @format, @height times the usual height.  The three
 * keep one layout: the pdf's 8 pt font on 9 in (648 pt) is the png's 11 px
 * on 900 px.  A 6 in pdf at 9 pt, tried first, left long legends half the
 * page and clipped the titles. */
static char *
terminal_for (const char *format, double height)
{
  if (g_str_equal (format, "png"))
    return g_strdup_printf ("pngcairo size 900,%d font 'sans,11' noenhanced", (int) (600 * height));
  if (g_str_equal (format, "svg"))
    return g_strdup_printf ("svg size 900,%d font 'sans,11' noenhanced", (int) (600 * height));
  if (g_str_equal (format, "pdf"))
    {
      char buf[G_ASCII_DTOSTR_BUF_SIZE];
      return g_strdup_printf ("pdfcairo size 9in,%sin font 'sans,8' noenhanced",
                              g_ascii_formatd (buf, sizeof buf, "%.3g", 6 * height));
    }
  return NULL;
}

static char *
figure_title (const CcsPlotCtx *c, const char *what, gboolean ci)
{
  if (c->single)
    return g_strdup_printf ("%s: %s", c->single, what);
  if (c->max_seeds < 2)
    return g_strdup_printf ("%s: %s", c->scenario, what);
  g_autofree char *seeds = c->min_seeds == c->max_seeds
                               ? g_strdup_printf ("%u", c->max_seeds)
                               : g_strdup_printf ("%u to %u", c->min_seeds, c->max_seeds);
  return g_strdup_printf ("%s: %s, mean of %s seeds%s", c->scenario, what, seeds,
                          ci ? " with 95% CI" : "");
}

static gboolean
run_gnuplot (const char *dir, const char *script, GError **error)
{
  g_autofree char *gnuplot = g_find_program_in_path ("gnuplot");
  if (!gnuplot)
    {
      g_set_error (error, CCS_PLOT_ERROR, 0,
                   "gnuplot not found on PATH (Debian: apt-get install gnuplot-nox)");
      return FALSE;
    }
  const char *argv[] = { gnuplot, script, NULL };
  g_autofree char *err_out = NULL;
  int status;
  if (!g_spawn_sync (dir, (char **) argv, NULL, G_SPAWN_DEFAULT, NULL, NULL, NULL, &err_out,
                     &status, error))
    return FALSE;
  if (!g_spawn_check_wait_status (status, NULL))
    {
      g_set_error (error, CCS_PLOT_ERROR, 0, "gnuplot failed on %s/%s: %s", dir, script,
                   err_out ? err_out : "");
      return FALSE;
    }
  if (err_out && *err_out)
    g_debug ("gnuplot %s/%s: %s", dir, script, err_out);
  return TRUE;
}

/* Write figure @name: its data, its script (@vars, then plots/@script.gp)
 * and the image, @height times the usual height. */
static gboolean
emit (CcsPlotCtx *c, const char *name, const char *script, double height, const char *title,
      const GString *data, const GString *vars, GError **error)
{
  g_autofree char *src = g_strdup_printf ("%s/%s.gp", ccs_plot_scripts_dir (), script);
  g_autofree char *body = NULL;
  if (!g_file_get_contents (src, &body, NULL, error))
    return FALSE;
  g_autofree char *dat_name = g_strdup_printf ("%s.dat", name);
  g_autofree char *gp_name = g_strdup_printf ("%s.gp", name);
  g_autofree char *image_name = g_strdup_printf ("%s.%s", name, c->format);
  g_autofree char *terminal = terminal_for (c->format, height);
  g_autoptr (GString) gp = g_string_new (NULL);
  g_string_append_printf (gp,
                          "# %s — written by `ccsim plot`: the settings it computed, then\n"
                          "# plots/%s.gp.  Redraw with `gnuplot %s` in this folder.\n"
                          "set encoding utf8\n"
                          "set terminal %s\n"
                          /* gnuplot has 8 line colours; policies 9 to 16
                           * get 8 more (Tableau 20's darker half), so ten
                           * policies never share a colour. */
                          "set linetype 9 lc rgb '#8c564b'\n"
                          "set linetype 10 lc rgb '#e377c2'\n"
                          "set linetype 11 lc rgb '#7f7f7f'\n"
                          "set linetype 12 lc rgb '#bcbd22'\n"
                          "set linetype 13 lc rgb '#17becf'\n"
                          "set linetype 14 lc rgb '#393b79'\n"
                          "set linetype 15 lc rgb '#ad494a'\n"
                          "set linetype 16 lc rgb '#637939'\n"
                          "set linetype cycle 16\n",
                          name, script, gp_name, terminal);
  gp_set_string (gp, "datafile", dat_name);
  gp_set_string (gp, "outfile", image_name);
  gp_set_string (gp, "plottitle", title);
  g_string_append (gp, vars->str);
  g_string_append_printf (gp, "\n# ---- plots/%s.gp ----\n%s", script, body);

  g_autofree char *dat_path = g_build_filename (c->out_dir, dat_name, NULL);
  g_autofree char *gp_path = g_build_filename (c->out_dir, gp_name, NULL);
  if (!g_file_set_contents (dat_path, data->str, data->len, error)
      || !g_file_set_contents (gp_path, gp->str, gp->len, error)
      || !run_gnuplot (c->out_dir, gp_name, error))
    return FALSE;
  if (c->written)
    g_ptr_array_add (c->written, g_strdup_printf ("%s/%s", c->out_dir, image_name));
  return TRUE;
}

/* ---- scales for axes in readable units ---- */

typedef struct
{
  double scale; /* SI value of one unit */
  const char *unit;
} Scale;

static const Scale energy_scales[]
    = { { 1, "J" }, { 1e3, "kJ" }, { 1e6, "MJ" }, { 1e9, "GJ" }, { 1e12, "TJ" }, { 0, NULL } };
static const Scale carbon_scales[]
    = { { 1, "g CO2e" }, { 1e3, "kg CO2e" }, { 1e6, "t CO2e" }, { 0, NULL } };
static const Scale money_scales[] = { { 1, "USD" }, { 0, NULL } };
static const Scale count_scales[] = { { 1, "tasks" }, { 0, NULL } };
static const Scale power_scales[] = { { 1, "W" }, { 1e3, "kW" }, { 1e6, "MW" }, { 0, NULL } };
static const Scale latency_scales[] = { { 1e-6, "µs" }, { 1e-3, "ms" }, { 1, "s" }, { 0, NULL } };
/* A unit is used from twice its size on: 90 s reads better than 1.5 min. */
static const Scale time_scales[]
    = { { 1, "s" }, { 60, "min" }, { 3600, "h" }, { 86400, "d" }, { 0, NULL } };

/* The largest unit of @ladder not above @max times @from (the first for
 * a @max of 0 or less). */
static const Scale *
pick_scale (const Scale *ladder, double max, double from)
{
  const Scale *s = ladder;
  for (const Scale *t = ladder; t->unit; t++)
    if (max >= from * t->scale)
      s = t;
  return s;
}

/* ---- the figures ---- */

/* A file-name part from @text: letters, digits, '.' and '_'; every other
 * run of characters becomes one '-'. */
static char *
slug (const char *text)
{
  GString *s = g_string_new (NULL);
  for (const char *p = text; *p; p++)
    if (g_ascii_isalnum (*p) || *p == '.' || *p == '_')
      g_string_append_c (s, *p);
    else if (s->len && s->str[s->len - 1] != '-')
      g_string_append_c (s, '-');
  while (s->len && s->str[s->len - 1] == '-')
    g_string_truncate (s, s->len - 1);
  return g_string_free (s, FALSE);
}

/* What the legend entries of groups name: "" for policies alone. */
static char *
legend_title (const CcsPlotCtx *c)
{
  if (c->paramsets->len < 2)
    return g_strdup ("");
  return g_strdup_printf ("policy, %s", c->keys ? c->keys : "varied parameters");
}

/* Figures with a line or bar per group stay readable up to this many;
 * beyond, they are drawn once per value of the varied parameters. */
#define MAX_SERIES 9

/* The number of figures a per-group figure is split into: one, or one
 * per paramset.  Part @k of them (-1 for the only one) holds the groups
 * with params_ix @k. */
static int
n_parts (const CcsPlotCtx *c)
{
  return c->groups->len > MAX_SERIES && c->paramsets->len > 1 ? (int) c->paramsets->len : 1;
}

static gboolean
in_part (const CcsPlotCtx *c, const CcsPlotGroup *g, int k)
{
  return n_parts (c) == 1 || g->params_ix == (guint) k;
}

/* "NAME" or "NAME-PARAMS" and "WHAT" or "WHAT, params" for part @k. */
static void
part_names (const CcsPlotCtx *c, int k, const char *name, const char *what, gboolean ci, char **fig,
            char **title)
{
  if (n_parts (c) == 1)
    {
      *fig = g_strdup (name);
      *title = figure_title (c, what, ci);
      return;
    }
  const char *params = c->paramsets->pdata[k];
  g_autofree char *ks = slug (params);
  g_autofree char *w = g_strdup_printf ("%s, %s", what, params);
  *fig = g_strdup_printf ("%s-%s", name, ks);
  *title = figure_title (c, w, ci);
}

static gboolean
fig_latency_cdf (CcsPlotCtx *c, GError **error)
{
  const char *name = "latency-cdf";
  if (!ccs_plot_has_table (c, "quantiles"))
    {
      skip_note (name, "quantiles table");
      return TRUE;
    }
  g_autoptr (sqlite3_stmt) st = NULL;
  if (!ccs_plot_prepare (c,
                         "SELECT r.params, r.policy, q.p, AVG(q.latency_s) FROM quantiles q "
                         "JOIN runs r ON r.run_id = q.run_id "
                         "WHERE r.status = 'done' AND q.latency_s > 0 "
                         "GROUP BY r.params, r.policy, q.p ORDER BY r.params, r.policy, q.p",
                         &st, error))
    return FALSE;
  guint n = c->groups->len;
  g_autoptr (GPtrArray) blocks = g_ptr_array_new_with_free_func (string_free);
  g_ptr_array_set_size (blocks, n);
  g_autofree double *lmin = g_new (double, n), *lmax = g_new (double, n);
  for (guint i = 0; i < n; i++)
    lmin[i] = INFINITY, lmax[i] = 0;
  int rc;
  while ((rc = sqlite3_step (st)) == SQLITE_ROW)
    {
      const CcsPlotGroup *g
          = ccs_plot_group_of (c, ccs_plot_col_text (st, 0), ccs_plot_col_text (st, 1));
      if (!g)
        continue;
      GString **b = (GString **) &blocks->pdata[g->ix];
      if (!*b)
        *b = g_string_new (NULL);
      double latency_s = sqlite3_column_double (st, 3);
      lmin[g->ix] = MIN (lmin[g->ix], latency_s), lmax[g->ix] = MAX (lmax[g->ix], latency_s);
      dat_number (*b, latency_s);
      dat_number (*b, sqlite3_column_double (st, 2) / 100);
      g_string_append_c (*b, '\n');
    }
  if (rc != SQLITE_DONE)
    return ccs_plot_sql_error (c, error);

  guint drawn = 0;
  for (int part = 0; part < n_parts (c); part++)
    {
      int k = n_parts (c) == 1 ? -1 : part;
      g_autoptr (GString) data = g_string_new ("# Latency CDF per group: the latency at each "
                                               "stored quantile, mean over the seeds.\n"
                                               "# One block per group, its title first; "
                                               "columns latency_s fraction.\n");
      g_autoptr (GArray) colour = g_array_new (FALSE, FALSE, sizeof (guint));
      g_autoptr (GArray) dash = g_array_new (FALSE, FALSE, sizeof (guint));
      double min = INFINITY, max = 0;
      for (guint i = 0; i < n; i++)
        {
          const GString *b = blocks->pdata[i];
          const CcsPlotGroup *g = c->groups->pdata[i];
          if (!b || !in_part (c, g, k))
            continue;
          dat_string (data, k < 0 ? g->label : g->policy);
          g_string_append_printf (data, "\n%s\n\n", b->str);
          guint pc = g->policy_ix + 1, pd = k < 0 ? g->params_ix + 1 : 1;
          g_array_append_val (colour, pc);
          g_array_append_val (dash, pd);
          min = MIN (min, lmin[i]), max = MAX (max, lmax[i]);
        }
      if (colour->len == 0)
        continue;
      g_autoptr (GString) vars = g_string_new (NULL);
      g_autofree char *keytitle = k < 0 ? legend_title (c) : g_strdup ("");
      gp_set_number (vars, "ngroups", colour->len);
      gp_set_string (vars, "keytitle", keytitle);
      gp_set_array (vars, "gcolour", colour);
      gp_set_array (vars, "gdash", dash);
      gp_set_number (vars, "latmin", min);
      gp_set_number (vars, "latmax", max);
      g_autofree char *fig = NULL, *title = NULL;
      part_names (c, k, name, "latency CDF", FALSE, &fig, &title);
      if (!emit (c, fig, "latency-cdf", 1, title, data, vars, error))
        return FALSE;
      drawn++;
    }
  if (drawn == 0)
    skip_note (name, "latency quantiles of finished runs");
  return TRUE;
}

typedef struct
{
  const char *name;   /* figure */
  const char *metric; /* in the summary table */
  const char *what;   /* title and axis label */
  const Scale *scales;
} BarFigure;

static const BarFigure bar_figures[] = {
  { "energy", "energy_j", "energy", energy_scales },
  { "cost", "cost_usd", "cost", money_scales },
  { "carbon", "carbon_g", "carbon emissions", carbon_scales },
  { "deadline-misses", "deadline_misses", "deadline misses", count_scales },
};

static gboolean
fig_bars (CcsPlotCtx *c, const BarFigure *f, GError **error)
{
  g_autofree CcsMeanCi *ci = g_new (CcsMeanCi, c->groups->len);
  gboolean found;
  if (!ccs_plot_group_metric (c, f->metric, ci, &found, error))
    return FALSE;
  if (!found)
    {
      g_autofree char *why = g_strdup_printf ("%s in the summary table", f->metric);
      skip_note (f->name, why);
      return TRUE;
    }
  double max = 0;
  gboolean all_zero = TRUE;
  for (guint i = 0; i < c->groups->len; i++)
    if (isfinite (ci[i].mean))
      max = MAX (max, ci[i].mean), all_zero &= ci[i].mean == 0;
  const Scale *scale = pick_scale (f->scales, max, 1);

  g_autoptr (GString) data = g_string_new (NULL);
  g_string_append_printf (data,
                          "# %s per policy (column pairs) and varied parameters (rows):\n"
                          "# mean over the seeds and half-width of its 95%% Student-t interval\n"
                          "# (NaN: no value, or fewer than two seeds).\n",
                          f->metric);
  dat_string (data, "parameters");
  for (guint p = 0; p < c->policies->len; p++)
    {
      g_string_append_c (data, ' ');
      dat_string (data, c->policies->pdata[p]);
      g_string_append (data, " \"ci\"");
    }
  g_string_append_c (data, '\n');
  for (guint k = 0; k < c->paramsets->len; k++)
    {
      const char *params = c->paramsets->pdata[k];
      dat_string (data, c->paramsets->len > 1 ? c->paramset_labels->pdata[k] : "");
      for (guint p = 0; p < c->policies->len; p++)
        {
          const CcsPlotGroup *g = ccs_plot_group_of (c, params, c->policies->pdata[p]);
          dat_number (data, g ? ci[g->ix].mean : NAN);
          dat_number (data, g ? ci[g->ix].half : NAN);
        }
      g_string_append_c (data, '\n');
    }
  g_autoptr (GString) vars = g_string_new (NULL);
  gp_set_number (vars, "nseries", c->policies->len);
  gp_set_number (vars, "nclusters", c->paramsets->len);
  gp_set_number (vars, "yscale", scale->scale);
  g_autofree char *label = g_strdup_printf ("%s (%s)", f->what, scale->unit);
  gp_set_string (vars, "ylabeltext", label);
  gp_set_string (vars, "xlabeltext", c->keys ? c->keys : "varied parameters");
  /* About 80 characters fit side by side under the plot. */
  glong label_chars = 0;
  for (guint k = 0; k < c->paramsets->len; k++)
    label_chars += g_utf8_strlen (c->paramset_labels->pdata[k], -1) + 2;
  gp_set_number (vars, "rotatex", label_chars > 80);
  /* Bars of zero height read as a broken figure; say it. */
  g_autofree char *note = all_zero ? g_strdup_printf ("no %s in any run", f->what) : g_strdup ("");
  gp_set_string (vars, "note", note);
  g_autofree char *title = figure_title (c, f->what, TRUE);
  return emit (c, f->name, "bars", 1, title, data, vars, error);
}

typedef struct
{
  double x, y;
} Point;

static int
cmp_point (gconstpointer a, gconstpointer b)
{
  const Point *p = a, *q = b;
  if (p->x != q->x)
    return p->x < q->x ? -1 : 1;
  return (p->y > q->y) - (p->y < q->y);
}

/* The Pareto front of @pts (lower is better in x and in y), sorted by x:
 * after sorting by x then y, a point is on it when its y is below that of
 * every point before it.  Time: O(n log n). */
static GArray *
pareto_front (GArray *pts)
{
  g_array_sort (pts, cmp_point);
  GArray *front = g_array_new (FALSE, FALSE, sizeof (Point));
  double best = INFINITY;
  for (guint i = 0; i < pts->len; i++)
    {
      const Point *p = &g_array_index (pts, Point, i);
      if (p->y < best)
        {
          g_array_append_val (front, *p);
          best = p->y;
        }
    }
  return front;
}

/* The data on an axis: the means, and the ends of their intervals. */
typedef struct
{
  double min, max; /* of the means */
  double lo, hi;   /* of the intervals (the means where none) */
  double lo_pos;   /* of the intervals' lower ends above zero */
} Extent;

static const Extent extent_empty = { INFINITY, -INFINITY, INFINITY, -INFINITY, INFINITY };

static void
extent_add (Extent *e, const CcsMeanCi *m)
{
  double half = isfinite (m->half) ? m->half : 0;
  e->min = MIN (e->min, m->mean), e->max = MAX (e->max, m->mean);
  e->lo = MIN (e->lo, m->mean - half), e->hi = MAX (e->hi, m->mean + half);
  e->lo_pos = MIN (e->lo_pos, m->mean - half > 0 ? m->mean - half : m->mean);
}

/* The range of an axis for @e with a share @room of the data's span free
 * above it (in decades on a @log axis), and a little below: from zero
 * when the data sit closer to zero than their span.  gnuplot's autoscale
 * widens log axes to whole decades and its offsets misbehave on them. */
static void
axis_range (const Extent *e, gboolean log, double room, double *from, double *to)
{
  if (log)
    {
      double decades = log10 (e->hi / e->lo_pos);
      *from = e->lo_pos / pow (10, 0.08 * decades);
      *to = e->hi * pow (10, room * decades);
      return;
    }
  double span = e->hi - e->lo;
  if (!(span > 0))
    span = fabs (e->hi) > 0 ? fabs (e->hi) : 1;
  *from = e->lo >= 0 && e->lo <= span ? 0 : e->lo - 0.08 * span;
  *to = e->hi + room * span;
}

static gboolean
fig_pareto (CcsPlotCtx *c, GError **error)
{
  const char *name = "pareto";
  guint n = c->groups->len;
  g_autofree CcsMeanCi *cost = g_new (CcsMeanCi, n);
  g_autofree CcsMeanCi *p99 = g_new (CcsMeanCi, n);
  gboolean has_cost, has_p99;
  if (!ccs_plot_group_metric (c, "cost_usd", cost, &has_cost, error)
      || !ccs_plot_group_metric (c, "latency_p99_s", p99, &has_p99, error))
    return FALSE;
  if (!has_cost || !has_p99)
    {
      skip_note (name, "cost_usd and latency_p99_s in the summary table");
      return TRUE;
    }
  /* One block per policy, its groups in the order of the paramsets, then
   * the front. */
  gboolean several = c->paramsets->len > 1;
  g_autoptr (GString) data = g_string_new (NULL);
  g_autoptr (GArray) pts = g_array_new (FALSE, FALSE, sizeof (Point));
  Extent x = extent_empty, y = extent_empty;
  glong label_len = 0;
  for (guint p = 0; p < c->policies->len; p++)
    {
      g_string_append_printf (data,
                              "# %s: cost_usd mean and 95%% half-width, latency_p99_s mean and "
                              "half-width, label\n",
                              (char *) c->policies->pdata[p]);
      for (guint i = 0; i < n; i++)
        {
          const CcsPlotGroup *g = c->groups->pdata[i];
          if (g->policy_ix != p || !isfinite (cost[i].mean) || !isfinite (p99[i].mean))
            continue;
          Point pt = { cost[i].mean, p99[i].mean };
          g_array_append_val (pts, pt);
          extent_add (&x, &cost[i]);
          extent_add (&y, &p99[i]);
          /* The legend names the colours, the labels the parameters. */
          const char *label = several ? c->paramset_labels->pdata[g->params_ix] : g->policy;
          label_len = MAX (label_len, g_utf8_strlen (label, -1));
          dat_number (data, cost[i].mean);
          dat_number (data, cost[i].half);
          dat_number (data, p99[i].mean);
          dat_number (data, p99[i].half);
          g_string_append_c (data, ' ');
          dat_string (data, label);
          g_string_append_c (data, '\n');
        }
      g_string_append (data, "\n\n");
    }
  if (pts->len == 0)
    {
      skip_note (name, "run with both cost_usd and latency_p99_s");
      return TRUE;
    }
  g_autoptr (GArray) front = pareto_front (pts);
  g_string_append (data, "# The Pareto front: cost_usd latency_p99_s, by cost.\n");
  for (guint i = 0; i < front->len; i++)
    {
      const Point *pt = &g_array_index (front, Point, i);
      dat_number (data, pt->x);
      dat_number (data, pt->y);
      g_string_append_c (data, '\n');
    }
  const Scale *ys = pick_scale (latency_scales, y.max, 1);
  gboolean logx = x.min > 0 && x.max > 10 * x.min, logy = y.min > 0 && y.max > 10 * y.min;
  /* Room right of the points for the labels: a character takes about
   * 1.4 % of the plot's width (png and pdf alike). */
  double w = MIN (0.6, (label_len + 2) * 0.014);
  double xlo, xhi, ylo, yhi;
  axis_range (&x, logx, w / (1 - w), &xlo, &xhi);
  axis_range (&y, logy, 0.12, &ylo, &yhi);
  g_autoptr (GString) vars = g_string_new (NULL);
  gp_set_number (vars, "npolicies", c->policies->len);
  gp_set_array_text (vars, "policies", c->policies);
  g_autofree char *labels
      = several ? g_strdup_printf ("labels: %s", c->keys ? c->keys : "varied parameters")
                : g_strdup ("");
  gp_set_string (vars, "labelkey", labels);
  /* Joined in the order of the paramsets: a trend only along one key. */
  gp_set_number (vars, "joined", several && c->num_key && c->n_keys == 1);
  gp_set_number (vars, "yscale", ys->scale);
  gp_set_string (vars, "yunit", ys->unit);
  gp_set_number (vars, "logx", logx);
  gp_set_number (vars, "logy", logy);
  gp_set_number (vars, "xlo", xlo);
  gp_set_number (vars, "xhi", xhi);
  gp_set_number (vars, "ylo", ylo / ys->scale);
  gp_set_number (vars, "yhi", yhi / ys->scale);
  g_autofree char *title = figure_title (c, "cost against p99 latency (lower is better)", TRUE);
  return emit (c, name, "pareto", 1, title, data, vars, error);
}

static const char *const energy_tiers[] = { "iot", "edge", "cloud", "hpc", "network" };

static gboolean
fig_energy_by_tier (CcsPlotCtx *c, GError **error)
{
  const char *name = "energy-by-tier";
  guint n = c->groups->len, nt = G_N_ELEMENTS (energy_tiers);
  g_autofree CcsMeanCi *ci = g_new (CcsMeanCi, n * nt);
  gboolean shown[G_N_ELEMENTS (energy_tiers)] = { FALSE };
  gboolean any = FALSE;
  for (guint t = 0; t < nt; t++)
    {
      g_autofree char *metric = g_strdup_printf ("energy_%s_j", energy_tiers[t]);
      gboolean found;
      if (!ccs_plot_group_metric (c, metric, ci + t * n, &found, error))
        return FALSE;
      /* A tier without energy in every group has no bar on a log axis. */
      for (guint i = 0; i < n; i++)
        shown[t] |= ci[t * n + i].mean > 0;
      any |= shown[t];
    }
  if (!any)
    {
      skip_note (name, "energy_TIER_j metrics above zero in the summary table");
      return TRUE;
    }
  guint np = c->paramsets->len;
  for (int part = 0; part < n_parts (c); part++)
    {
      int k = n_parts (c) == 1 ? -1 : part;
      g_autoptr (GPtrArray) members = g_ptr_array_new ();
      for (guint i = 0; i < n; i++)
        if (in_part (c, c->groups->pdata[i], k))
          g_ptr_array_add (members, c->groups->pdata[i]);
      g_autoptr (GString) data = g_string_new (
          "# energy_TIER_j per tier (rows) and group (column pairs): mean over the\n"
          "# seeds and half-width of its 95% Student-t interval (NaN: fewer than two).\n");
      dat_string (data, "tier");
      double emin = INFINITY;
      for (guint j = 0; j < members->len; j++)
        {
          const CcsPlotGroup *g = members->pdata[j];
          g_string_append_c (data, ' ');
          dat_string (data, k < 0 ? g->label : g->policy);
          g_string_append (data, " \"ci\"");
        }
      g_string_append_c (data, '\n');
      for (guint t = 0; t < nt; t++)
        {
          if (!shown[t])
            continue;
          dat_string (data, energy_tiers[t]);
          for (guint j = 0; j < members->len; j++)
            {
              const CcsMeanCi *m = &ci[t * n + ((CcsPlotGroup *) members->pdata[j])->ix];
              if (m->mean > 0)
                emin = MIN (emin, m->mean);
              dat_number (data, m->mean > 0 ? m->mean : NAN);
              dat_number (data, m->half);
            }
          g_string_append_c (data, '\n');
        }
      if (!isfinite (emin))
        continue;
      /* The colour of the policy, a lighter shade for each further value
       * of the varied parameters. */
      g_autoptr (GArray) colour = g_array_new (FALSE, FALSE, sizeof (guint));
      g_autoptr (GString) vars = g_string_new (NULL);
      g_string_append_printf (vars, "array gdensity[%u] = [", members->len);
      for (guint j = 0; j < members->len; j++)
        {
          const CcsPlotGroup *g = members->pdata[j];
          guint lc = g->policy_ix + 1;
          g_array_append_val (colour, lc);
          char buf[G_ASCII_DTOSTR_BUF_SIZE];
          double d = k < 0 && np > 1 ? 0.85 - 0.55 * g->params_ix / (np - 1) : 0.75;
          g_string_append_printf (vars, "%s%s", j ? ", " : "",
                                  g_ascii_formatd (buf, sizeof buf, "%.3g", d));
        }
      g_string_append (vars, "]\n");
      g_autofree char *keytitle = k < 0 ? legend_title (c) : g_strdup ("");
      gp_set_number (vars, "nseries", members->len);
      gp_set_string (vars, "keytitle", keytitle);
      gp_set_array (vars, "gcolour", colour);
      gp_set_number (vars, "emin", emin);
      g_autofree char *fig = NULL, *title = NULL;
      part_names (c, k, name, "energy by tier", TRUE, &fig, &title);
      if (!emit (c, fig, "energy-by-tier", 1, title, data, vars, error))
        return FALSE;
    }
  return TRUE;
}

/* Tiers in the order of sim/scenario.h, then the network, each with its
 * colour in every figure (ColorBrewer Dark2); others after, in grey. */
static const char *const series_tiers[]
    = { "iot", "access", "edge", "private", "cloud", "hpc", "network" };
static const char *const tier_colours[]
    = { "#1b9e77", "#66a61e", "#d95f02", "#e7298a", "#7570b3", "#a6761d", "#666666", "#999999" };
G_STATIC_ASSERT (G_N_ELEMENTS (tier_colours) == G_N_ELEMENTS (series_tiers) + 1);

static guint
tier_rank (const char *tier)
{
  for (guint i = 0; i < G_N_ELEMENTS (series_tiers); i++)
    if (g_str_equal (tier, series_tiers[i]))
      return i;
  return G_N_ELEMENTS (series_tiers);
}

static int
cmp_tier (gconstpointer a, gconstpointer b)
{
  const char *s = *(const char *const *) a, *t = *(const char *const *) b;
  guint rs = tier_rank (s), rt = tier_rank (t);
  return rs != rt ? (rs < rt ? -1 : 1) : strcmp (s, t);
}

/* Figures drawn once per group: the file name (NAME, NAME-POLICY, or
 * NAME-POLICY-PARAMS when several parameter sets exist) and what the
 * title says (WHAT, then the policy and parameters when there are several
 * groups). */
static char *
group_figure (const CcsPlotCtx *c, const CcsPlotGroup *g, const char *name)
{
  if (c->groups->len == 1)
    return g_strdup (name);
  g_autofree char *ps = slug (g->policy), *ks = slug (g->params);
  return c->paramsets->len > 1 && *ks ? g_strdup_printf ("%s-%s-%s", name, ps, ks)
                                      : g_strdup_printf ("%s-%s", name, ps);
}

static char *
group_what (const CcsPlotCtx *c, const CcsPlotGroup *g, const char *what)
{
  if (c->groups->len == 1)
    return g_strdup (what);
  return *g->params ? g_strdup_printf ("%s, %s, %s", what, g->policy, g->params)
                    : g_strdup_printf ("%s, %s", what, g->policy);
}

typedef struct
{
  GHashTable *tiers; /* tier → GString of rows */
  double pmin, pmax; /* smallest power above zero, largest */
} SeriesGroup;

static void
series_group_free (SeriesGroup *s)
{
  if (!s)
    return;
  g_hash_table_unref (s->tiers);
  g_free (s);
}

/* One figure per group (a policy, or a policy at a parameter value):
 * lines per tier stay readable, lines per policy × tier do not. */
static gboolean
fig_timeseries (CcsPlotCtx *c, GError **error)
{
  const char *name = "timeseries";
  if (!ccs_plot_has_table (c, "series"))
    {
      skip_note (name, "series table");
      return TRUE;
    }
  g_autoptr (sqlite3_stmt) st = NULL;
  if (!ccs_plot_prepare (
          c,
          "SELECT r.params, r.policy, s.tier, s.t_s, AVG(s.utilisation), AVG(s.power_w), "
          "AVG(s.in_system) FROM series s JOIN runs r ON r.run_id = s.run_id "
          "WHERE r.status = 'done' GROUP BY r.params, r.policy, s.tier, s.t_s "
          "ORDER BY r.params, r.policy, s.tier, s.t_s",
          &st, error))
    return FALSE;
  g_autoptr (GPtrArray) groups
      = g_ptr_array_new_with_free_func ((GDestroyNotify) series_group_free);
  g_ptr_array_set_size (groups, c->groups->len);
  double tmax = 0;
  int rc;
  while ((rc = sqlite3_step (st)) == SQLITE_ROW)
    {
      const CcsPlotGroup *g
          = ccs_plot_group_of (c, ccs_plot_col_text (st, 0), ccs_plot_col_text (st, 1));
      if (!g)
        continue;
      SeriesGroup *sg = groups->pdata[g->ix];
      if (!sg)
        {
          sg = g_new0 (SeriesGroup, 1);
          sg->tiers = g_hash_table_new_full (g_str_hash, g_str_equal, g_free, string_free);
          sg->pmin = INFINITY;
          groups->pdata[g->ix] = sg;
        }
      const char *tier = ccs_plot_col_text (st, 2);
      GString *rows = g_hash_table_lookup (sg->tiers, tier);
      if (!rows)
        {
          rows = g_string_new (NULL);
          dat_string (rows, tier);
          g_string_append_c (rows, '\n');
          g_hash_table_insert (sg->tiers, g_strdup (tier), rows);
        }
      double t = sqlite3_column_double (st, 3), power = sqlite3_column_double (st, 5);
      tmax = MAX (tmax, t);
      if (power > 0)
        sg->pmin = MIN (sg->pmin, power);
      sg->pmax = MAX (sg->pmax, power);
      for (int k = 3; k < 7; k++)
        dat_number (rows, sqlite3_column_double (st, k));
      g_string_append_c (rows, '\n');
    }
  if (rc != SQLITE_DONE)
    return ccs_plot_sql_error (c, error);

  guint drawn = 0;
  const Scale *ts = pick_scale (time_scales, tmax, 2);
  for (guint i = 0; i < c->groups->len; i++)
    {
      const CcsPlotGroup *g = c->groups->pdata[i];
      SeriesGroup *sg = groups->pdata[i];
      if (!sg)
        continue;
      g_autofree char *fig = group_figure (c, g, name);
      g_autofree const char **tiers
          = (const char **) g_hash_table_get_keys_as_array (sg->tiers, NULL);
      guint nt = g_hash_table_size (sg->tiers);
      qsort (tiers, nt, sizeof *tiers, cmp_tier);
      g_autoptr (GString) data = g_string_new ("# Per tier, mean over the seeds: one block per "
                                               "tier, its name first;\n"
                                               "# columns t_s utilisation power_w in_system.\n");
      g_autoptr (GPtrArray) colour = g_ptr_array_new ();
      for (guint t = 0; t < nt; t++)
        {
          const GString *rows = g_hash_table_lookup (sg->tiers, tiers[t]);
          g_string_append_printf (data, "%s\n\n", rows->str);
          g_ptr_array_add (colour, (gpointer) tier_colours[tier_rank (tiers[t])]);
        }
      const Scale *ps = pick_scale (power_scales, sg->pmax, 1);
      g_autoptr (GString) vars = g_string_new (NULL);
      gp_set_number (vars, "ntiers", nt);
      gp_set_array_text (vars, "tcolour", colour);
      gp_set_number (vars, "tscale", ts->scale);
      gp_set_string (vars, "tunit", ts->unit);
      /* Log when a tier dwarfs another (idle IoT fleets do). */
      gp_set_number (vars, "logpower", sg->pmax > 20 * sg->pmin);
      gp_set_number (vars, "pmin", sg->pmin);
      gp_set_number (vars, "pmax", sg->pmax);
      gp_set_number (vars, "pscale", ps->scale);
      gp_set_string (vars, "punit", ps->unit);
      g_autofree char *what = group_what (c, g, "utilisation and power per tier");
      g_autofree char *title = figure_title (c, what, FALSE);
      if (!emit (c, fig, "timeseries", 4.0 / 3, title, data, vars, error))
        return FALSE;
      drawn++;
    }
  if (drawn == 0)
    skip_note (name, "rows in the series table for finished runs");
  return TRUE;
}

/* Market prices and volume over time: one figure per group, one line per
 * provider, mean over the seeds. */
typedef struct
{
  GPtrArray *rows;  /* GString per provider: its block of the data file */
  GPtrArray *names; /* char* per provider */
} MarketGroup;

static void
market_group_free (MarketGroup *m)
{
  if (!m)
    return;
  g_ptr_array_unref (m->rows);
  g_ptr_array_unref (m->names);
  g_free (m);
}

static gboolean
fig_market (CcsPlotCtx *c, GError **error)
{
  const char *name = "market";
  if (!ccs_plot_has_table (c, "market"))
    {
      skip_note (name, "market table");
      return TRUE;
    }
  g_autoptr (sqlite3_stmt) st = NULL;
  if (!ccs_plot_prepare (c,
                         "SELECT r.params, r.policy, m.provider, m.t_s, AVG(m.price_usd_per_hour), "
                         "AVG(m.busy_devices), AVG(m.revenue_usd) FROM market m JOIN runs r ON "
                         "r.run_id = m.run_id WHERE r.status = 'done' "
                         "GROUP BY r.params, r.policy, m.provider, m.t_s "
                         "ORDER BY r.params, r.policy, m.provider, m.t_s",
                         &st, error))
    return FALSE;
  g_autoptr (GPtrArray) groups
      = g_ptr_array_new_with_free_func ((GDestroyNotify) market_group_free);
  g_ptr_array_set_size (groups, c->groups->len);
  double tmax = 0;
  int rc;
  while ((rc = sqlite3_step (st)) == SQLITE_ROW)
    {
      const CcsPlotGroup *g
          = ccs_plot_group_of (c, ccs_plot_col_text (st, 0), ccs_plot_col_text (st, 1));
      if (!g)
        continue;
      MarketGroup *mg = groups->pdata[g->ix];
      if (!mg)
        {
          mg = g_new0 (MarketGroup, 1);
          mg->rows = g_ptr_array_new_with_free_func (string_free);
          mg->names = g_ptr_array_new_with_free_func (g_free);
          groups->pdata[g->ix] = mg;
        }
      /* Rows come ordered by provider: a new one starts a new block. */
      const char *prov = ccs_plot_col_text (st, 2);
      if (!mg->names->len || strcmp (mg->names->pdata[mg->names->len - 1], prov) != 0)
        {
          GString *rows = g_string_new (NULL);
          dat_string (rows, prov);
          g_string_append_c (rows, '\n');
          g_ptr_array_add (mg->rows, rows);
          g_ptr_array_add (mg->names, g_strdup (prov));
        }
      GString *rows = mg->rows->pdata[mg->rows->len - 1];
      tmax = MAX (tmax, sqlite3_column_double (st, 3));
      for (int k = 3; k < 7; k++)
        dat_number (rows, sqlite3_column_double (st, k));
      g_string_append_c (rows, '\n');
    }
  if (rc != SQLITE_DONE)
    return ccs_plot_sql_error (c, error);
  guint drawn = 0;
  const Scale *ts = pick_scale (time_scales, tmax, 2);
  for (guint i = 0; i < c->groups->len; i++)
    {
      const CcsPlotGroup *g = c->groups->pdata[i];
      const MarketGroup *mg = groups->pdata[i];
      if (!mg)
        continue;
      g_autofree char *fig = group_figure (c, g, name);
      g_autoptr (GString) data = g_string_new ("# Per provider, mean over the seeds: one block per "
                                               "provider, its name first;\n"
                                               "# columns t_s price_usd_per_hour busy_devices "
                                               "revenue_usd.\n");
      for (guint b = 0; b < mg->rows->len; b++)
        g_string_append_printf (data, "%s\n\n", ((GString *) mg->rows->pdata[b])->str);
      g_autoptr (GString) vars = g_string_new (NULL);
      gp_set_number (vars, "nsellers", mg->rows->len);
      gp_set_number (vars, "tscale", ts->scale);
      gp_set_string (vars, "tunit", ts->unit);
      g_autofree char *what = group_what (c, g, "market prices and volume");
      g_autofree char *title = figure_title (c, what, FALSE);
      if (!emit (c, fig, "market", 4.0 / 3, title, data, vars, error))
        return FALSE;
      drawn++;
    }
  if (drawn == 0)
    skip_note (name, "rows in the market table for finished runs");
  return TRUE;
}

typedef struct
{
  char *label;
  guint colour, dash;
  GArray *pts; /* Point: x and tasks per wall second of one run */
} ScalingLine;

static void
scaling_line_free (ScalingLine *l)
{
  g_free (l->label);
  g_array_unref (l->pts);
  g_free (l);
}

static gboolean
fig_scaling (CcsPlotCtx *c, GError **error)
{
  const char *name = "scaling";
  if (!c->num_key)
    {
      /* A single run has nothing to scale against: no need to say so. */
      if (c->runs->len > 1)
        skip_note (name, "varied parameter with numeric values in the params table");
      return TRUE;
    }
  g_autofree double *created = g_new (double, c->runs->len);
  gboolean found;
  if (!ccs_plot_run_metric (c, "tasks_created", created, &found, error))
    return FALSE;
  /* Lines by policy and the other varied keys, in the order of the
   * policies, then of first run. */
  g_autoptr (GPtrArray) lines = g_ptr_array_new_with_free_func ((GDestroyNotify) scaling_line_free);
  g_autoptr (GHashTable) line_by_id = g_hash_table_new_full (g_str_hash, g_str_equal, g_free, NULL);
  g_autoptr (GPtrArray) rests = g_ptr_array_new_with_free_func (g_free);
  gboolean any_rest = FALSE;
  for (guint i = 0; i < c->runs->len; i++)
    any_rest |= *((CcsPlotRun *) c->runs->pdata[i])->rest != '\0';
  for (guint p = 0; p < c->policies->len; p++)
    for (guint i = 0; i < c->runs->len; i++)
      {
        const CcsPlotRun *r = c->runs->pdata[i];
        double y = created[i] / r->wall_s;
        if (!g_str_equal (r->policy, c->policies->pdata[p]) || !isfinite (r->x) || !isfinite (y)
            || !(r->wall_s > 0))
          continue;
        g_autofree char *id = ccs_plot_group_id (r->rest, r->policy);
        ScalingLine *l = g_hash_table_lookup (line_by_id, id);
        if (!l)
          {
            l = g_new0 (ScalingLine, 1);
            l->label
                = any_rest ? g_strdup_printf ("%s, %s", r->policy, r->rest) : g_strdup (r->policy);
            l->colour = p + 1;
            l->dash = ccs_plot_intern (rests, r->rest) + 1;
            l->pts = g_array_new (FALSE, FALSE, sizeof (Point));
            g_ptr_array_add (lines, l);
            g_hash_table_insert (line_by_id, g_steal_pointer (&id), l);
          }
        Point pt = { r->x, y };
        g_array_append_val (l->pts, pt);
      }
  if (lines->len == 0)
    {
      skip_note (name, "tasks_created and wall_s of runs with a numeric varied parameter");
      return TRUE;
    }
  g_autoptr (GString) data = g_string_new (NULL);
  g_string_append_printf (data,
                          "# Tasks created per wall-clock second against %s: one block per "
                          "line, its title first;\n"
                          "# columns x runs mean half-width (95%% Student-t; NaN: fewer than "
                          "two runs).\n",
                          c->num_key);
  g_autoptr (GArray) colour = g_array_new (FALSE, FALSE, sizeof (guint));
  g_autoptr (GArray) dash = g_array_new (FALSE, FALSE, sizeof (guint));
  g_autofree double *y = g_new (double, c->runs->len);
  double xmin = INFINITY, xmax = 0, ymin = INFINITY, ymax = 0;
  for (guint i = 0; i < lines->len; i++)
    {
      ScalingLine *l = lines->pdata[i];
      g_array_sort (l->pts, cmp_point);
      dat_string (data, l->label);
      g_string_append_c (data, '\n');
      for (guint a = 0; a < l->pts->len;)
        {
          double x = g_array_index (l->pts, Point, a).x;
          guint b = a;
          for (; b < l->pts->len && g_array_index (l->pts, Point, b).x == x; b++)
            y[b - a] = g_array_index (l->pts, Point, b).y;
          CcsMeanCi m = ccs_stats_mean_ci (y, b - a, 0.95);
          dat_number (data, x);
          g_string_append_printf (data, " %" G_GSIZE_FORMAT, m.n);
          dat_number (data, m.mean);
          dat_number (data, m.half);
          g_string_append_c (data, '\n');
          xmin = MIN (xmin, x), xmax = MAX (xmax, x);
          ymin = MIN (ymin, m.mean), ymax = MAX (ymax, m.mean);
          a = b;
        }
      g_string_append (data, "\n\n");
      g_array_append_val (colour, l->colour);
      g_array_append_val (dash, l->dash);
    }
  g_autoptr (GString) vars = g_string_new (NULL);
  gp_set_number (vars, "nlines", lines->len);
  gp_set_array (vars, "gcolour", colour);
  gp_set_array (vars, "gdash", dash);
  gp_set_string (vars, "xlabeltext", c->num_label);
  gp_set_number (vars, "logxy", xmin > 0 && xmax > 10 * xmin && ymin > 0);
  gp_set_number (vars, "xmin", xmin);
  gp_set_number (vars, "xmax", xmax);
  gp_set_number (vars, "ymin", ymin);
  gp_set_number (vars, "ymax", ymax);
  g_autofree char *what = g_strdup_printf ("simulator speed against %s", c->num_key);
  g_autofree char *title = figure_title (c, what, TRUE);
  return emit (c, name, "scaling", 1, title, data, vars, error);
}

gboolean
ccs_plot_run (const char *db_path, const char *out_dir, const char *format, GPtrArray *written,
              GError **error)
{
  g_return_val_if_fail (db_path && out_dir && format, FALSE);
  g_autofree char *terminal = terminal_for (format, 1);
  if (!terminal)
    {
      g_set_error (error, CCS_PLOT_ERROR, 0, "unknown format '%s' (png, svg or pdf)", format);
      return FALSE;
    }
  g_auto (CcsPlotCtx) c = { 0 };
  ccs_plot_ctx_init (&c);
  c.out_dir = out_dir;
  c.format = format;
  c.written = written;
  if (!ccs_plot_ctx_load (&c, db_path, error))
    return FALSE;
  if (c.runs->len == 0)
    {
      g_printerr ("ccsim plot: nothing to draw: %s holds no finished run\n", db_path);
      return TRUE;
    }
  if (g_mkdir_with_parents (out_dir, 0755) != 0)
    {
      g_set_error (error, CCS_PLOT_ERROR, 0, "cannot create %s: %s", out_dir, g_strerror (errno));
      return FALSE;
    }
  if (!fig_latency_cdf (&c, error))
    return FALSE;
  for (gsize i = 0; i < G_N_ELEMENTS (bar_figures); i++)
    if (!fig_bars (&c, &bar_figures[i], error))
      return FALSE;
  return fig_pareto (&c, error) && fig_energy_by_tier (&c, error) && fig_timeseries (&c, error)
         && fig_market (&c, error) && fig_scaling (&c, error);
}
