/* report.c — comparison tables from a results database (report.h).
 *
 * Three steps: load (runs, summary and meta into plain arrays), compute
 * (one Row per metric × group: interval, paired difference, rank) and
 * write (one writer per format, all fed from the same rows, so the
 * formats cannot disagree on a number).
 *
 * Layout: long, one row per (metric, params, policy), the metric and the
 * params printed only where they change.  A wide layout (one column per
 * metric) was dropped: with twenty-odd metrics, and four more columns per
 * metric for the baseline comparison, it fits neither a terminal nor a
 * page, while the long one works for any number of metrics and is the
 * shape the tidy CSV needs anyway.
 */
#include "sim/report.h"

#include <math.h>
#include <sqlite3.h>
#include <stdlib.h>
#include <string.h>

#include "models/stats.h"

G_DEFINE_QUARK (ccs - report - error - quark, ccs_report_error)

G_DEFINE_AUTOPTR_CLEANUP_FUNC (sqlite3, sqlite3_close)
G_DEFINE_AUTOPTR_CLEANUP_FUNC (sqlite3_stmt, sqlite3_finalize)

/* ---- Loading ---------------------------------------------------------- */

typedef struct
{
  gint64 run_id;
  gint64 seed;
  guint params; /* index into ReportData.params */
  guint policy; /* index into ReportData.policies */
  gboolean done;
} Run;

typedef struct
{
  guint params, policy;
  GArray *done;   /* guint: indices into ReportData.runs, by run_id */
  guint failed;   /* runs not 'done' */
  GArray *pair_a; /* guint: this group's runs paired with … */
  GArray *pair_b; /* … the baseline's runs of the same seed */
} Group;

typedef struct
{
  char *scenario;
  char *version;
  GPtrArray *params;   /* char*: distinct runs.params, by first appearance */
  GPtrArray *policies; /* char*: distinct runs.policy, by first appearance */
  GArray *runs;        /* Run, by run_id */
  GPtrArray *metrics;  /* char*: by first appearance in the done runs */
  GPtrArray *values;   /* double[runs->len] per metric; NAN = none */
  Group **grid;        /* params × policies; NULL where no run */
  guint n_done, n_failed;
} ReportData;

static void
group_free (Group *g)
{
  if (!g)
    return;
  g_array_unref (g->done);
  if (g->pair_a)
    g_array_unref (g->pair_a);
  if (g->pair_b)
    g_array_unref (g->pair_b);
  g_free (g);
}

static void
report_data_clear (ReportData *d)
{
  if (d->grid)
    for (guint i = 0; i < d->params->len * d->policies->len; i++)
      group_free (d->grid[i]);
  g_clear_pointer (&d->grid, g_free);
  g_clear_pointer (&d->scenario, g_free);
  g_clear_pointer (&d->version, g_free);
  g_clear_pointer (&d->params, g_ptr_array_unref);
  g_clear_pointer (&d->policies, g_ptr_array_unref);
  g_clear_pointer (&d->runs, g_array_unref);
  g_clear_pointer (&d->metrics, g_ptr_array_unref);
  g_clear_pointer (&d->values, g_ptr_array_unref);
}

G_DEFINE_AUTO_CLEANUP_CLEAR_FUNC (ReportData, report_data_clear)

static Group *
group_at (const ReportData *d, guint params, guint policy)
{
  return d->grid[params * d->policies->len + policy];
}

static gboolean
sql_fail (GError **error, sqlite3 *db, const char *path, const char *what)
{
  g_set_error (error, CCS_REPORT_ERROR, CCS_REPORT_ERROR_SQLITE, "%s: %s: %s", path, what,
               sqlite3_errmsg (db));
  return FALSE;
}

/* Index of S in the string array A, appended when new; SEEN maps the
 * strings to index + 1. */
static guint
intern (GPtrArray *a, GHashTable *seen, const char *s)
{
  guint i = GPOINTER_TO_UINT (g_hash_table_lookup (seen, s));
  if (i)
    return i - 1;
  char *copy = g_strdup (s);
  g_ptr_array_add (a, copy);
  g_hash_table_insert (seen, copy, GUINT_TO_POINTER (a->len));
  return a->len - 1;
}

static sqlite3 *
open_db (const char *path, GError **error)
{
  if (!g_file_test (path, G_FILE_TEST_EXISTS))
    {
      g_set_error (error, CCS_REPORT_ERROR, CCS_REPORT_ERROR_IO, "%s: no such file", path);
      return NULL;
    }
  g_autoptr (sqlite3) db = NULL;
  if (sqlite3_open_v2 (path, &db, SQLITE_OPEN_READONLY, NULL) != SQLITE_OK)
    {
      g_set_error (error, CCS_REPORT_ERROR, CCS_REPORT_ERROR_IO, "%s: cannot open: %s", path,
                   db ? sqlite3_errmsg (db) : "out of memory");
      return NULL;
    }
  /* A sweep may still be writing: wait for its transaction. */
  sqlite3_busy_timeout (db, 5000);
  /* A file that is not SQLite at all fails here, on the first read. */
  g_autoptr (sqlite3_stmt) st = NULL;
  if (sqlite3_prepare_v2 (db,
                          "SELECT count(*) FROM sqlite_master WHERE type = 'table'"
                          " AND name IN ('runs', 'summary')",
                          -1, &st, NULL)
          != SQLITE_OK
      || sqlite3_step (st) != SQLITE_ROW)
    {
      g_set_error (error, CCS_REPORT_ERROR, CCS_REPORT_ERROR_FORMAT,
                   "%s: not a results database (%s)", path, sqlite3_errmsg (db));
      return NULL;
    }
  if (sqlite3_column_int (st, 0) != 2)
    {
      g_set_error (error, CCS_REPORT_ERROR, CCS_REPORT_ERROR_FORMAT,
                   "%s: not a results database (no runs and summary tables)", path);
      return NULL;
    }
  return g_steal_pointer (&db);
}

/* scenario and version from meta; a database without meta (older
 * single runs) falls back to the first run. */
static void
load_meta (sqlite3 *db, ReportData *d)
{
  g_autoptr (sqlite3_stmt) st = NULL;
  if (sqlite3_prepare_v2 (db,
                          "SELECT key, value FROM meta WHERE key IN ('scenario', 'version')"
                          " ORDER BY key",
                          -1, &st, NULL)
      == SQLITE_OK)
    while (sqlite3_step (st) == SQLITE_ROW)
      {
        const char *k = (const char *) sqlite3_column_text (st, 0);
        const char *v = (const char *) sqlite3_column_text (st, 1);
        char **slot = g_str_equal (k, "scenario") ? &d->scenario : &d->version;
        g_free (*slot);
        *slot = g_strdup (v);
      }
  g_clear_pointer (&st, sqlite3_finalize);
  if ((!d->scenario || !d->version)
      && sqlite3_prepare_v2 (db, "SELECT scenario, version FROM runs ORDER BY run_id LIMIT 1", -1,
                             &st, NULL)
             == SQLITE_OK
      && sqlite3_step (st) == SQLITE_ROW)
    {
      if (!d->scenario)
        d->scenario = g_strdup ((const char *) sqlite3_column_text (st, 0));
      if (!d->version)
        d->version = g_strdup ((const char *) sqlite3_column_text (st, 1));
    }
  if (!d->scenario)
    d->scenario = g_strdup ("?");
  if (!d->version)
    d->version = g_strdup ("?");
}

static gboolean
load_runs (sqlite3 *db, const char *path, ReportData *d, GError **error)
{
  g_autoptr (sqlite3_stmt) st = NULL;
  if (sqlite3_prepare_v2 (db,
                          "SELECT run_id, policy, seed, params, status FROM runs ORDER BY run_id",
                          -1, &st, NULL)
      != SQLITE_OK)
    return sql_fail (error, db, path, "reading runs");
  g_autoptr (GHashTable) seen_params = g_hash_table_new (g_str_hash, g_str_equal);
  g_autoptr (GHashTable) seen_policies = g_hash_table_new (g_str_hash, g_str_equal);
  int rc;
  while ((rc = sqlite3_step (st)) == SQLITE_ROW)
    {
      const char *policy = (const char *) sqlite3_column_text (st, 1);
      const char *params = (const char *) sqlite3_column_text (st, 3);
      const char *status = (const char *) sqlite3_column_text (st, 4);
      Run r = {
        .run_id = sqlite3_column_int64 (st, 0),
        .seed = sqlite3_column_int64 (st, 2),
        .params = intern (d->params, seen_params, params ? params : ""),
        .policy = intern (d->policies, seen_policies, policy ? policy : ""),
        /* Anything but 'done' (failed, or a status a later version adds)
         * is kept out of the statistics and counted as failed, so that
         * no run disappears from the report unnoticed. */
        .done = status && g_str_equal (status, "done"),
      };
      g_array_append_val (d->runs, r);
      if (r.done)
        d->n_done++;
      else
        d->n_failed++;
    }
  if (rc != SQLITE_DONE)
    return sql_fail (error, db, path, "reading runs");
  if (d->n_done == 0)
    {
      g_set_error (error, CCS_REPORT_ERROR, CCS_REPORT_ERROR_EMPTY, "%s: no done runs (%u failed)",
                   path, d->n_failed);
      return FALSE;
    }

  d->grid = g_new0 (Group *, d->params->len * d->policies->len);
  for (guint i = 0; i < d->runs->len; i++)
    {
      const Run *r = &g_array_index (d->runs, Run, i);
      Group **g = &d->grid[r->params * d->policies->len + r->policy];
      if (!*g)
        {
          *g = g_new0 (Group, 1);
          (*g)->params = r->params;
          (*g)->policy = r->policy;
          (*g)->done = g_array_new (FALSE, FALSE, sizeof (guint));
        }
      if (r->done)
        g_array_append_val ((*g)->done, i);
      else
        (*g)->failed++;
    }
  return TRUE;
}

static gboolean
load_values (sqlite3 *db, const char *path, ReportData *d, GError **error)
{
  g_autoptr (GHashTable) run_index = g_hash_table_new (g_int64_hash, g_int64_equal);
  for (guint i = 0; i < d->runs->len; i++)
    {
      Run *r = &g_array_index (d->runs, Run, i);
      if (r->done)
        g_hash_table_insert (run_index, &r->run_id, GUINT_TO_POINTER (i + 1));
    }
  g_autoptr (GHashTable) seen = g_hash_table_new (g_str_hash, g_str_equal);
  g_autoptr (sqlite3_stmt) st = NULL;
  /* rowid order within a run is the order the run wrote its metrics. */
  if (sqlite3_prepare_v2 (db, "SELECT run_id, metric, value FROM summary ORDER BY run_id, rowid",
                          -1, &st, NULL)
      != SQLITE_OK)
    return sql_fail (error, db, path, "reading summary");
  int rc;
  while ((rc = sqlite3_step (st)) == SQLITE_ROW)
    {
      gint64 id = sqlite3_column_int64 (st, 0);
      guint i = GPOINTER_TO_UINT (g_hash_table_lookup (run_index, &id));
      const char *metric = (const char *) sqlite3_column_text (st, 1);
      if (!i || !metric)
        continue;
      guint m = intern (d->metrics, seen, metric);
      if (m == d->values->len)
        {
          double *v = g_new (double, d->runs->len);
          for (guint k = 0; k < d->runs->len; k++)
            v[k] = NAN;
          g_ptr_array_add (d->values, v);
        }
      if (sqlite3_column_type (st, 2) != SQLITE_NULL)
        ((double *) d->values->pdata[m])[i - 1] = sqlite3_column_double (st, 2);
    }
  if (rc != SQLITE_DONE)
    return sql_fail (error, db, path, "reading summary");
  if (d->metrics->len == 0)
    {
      g_set_error (error, CCS_REPORT_ERROR, CCS_REPORT_ERROR_EMPTY,
                   "%s: no metrics in the summary of the done runs", path);
      return FALSE;
    }
  return TRUE;
}

static char *
join_quoted (GPtrArray *names)
{
  g_autoptr (GString) s = g_string_new (NULL);
  for (guint i = 0; i < names->len; i++)
    g_string_append_printf (s, "%s'%s'", i ? ", " : "", (const char *) names->pdata[i]);
  return g_string_free (g_steal_pointer (&s), FALSE);
}

/* Pair every done run of each other policy with the first done run of
 * the baseline that has the same params and seed. */
static gboolean
pair_with_baseline (const char *path, ReportData *d, guint base, GError **error)
{
  for (guint po = 0; po < d->policies->len; po++)
    {
      if (po == base)
        continue;
      guint pairs = 0, done = 0;
      for (guint pa = 0; pa < d->params->len; pa++)
        {
          Group *g = group_at (d, pa, po);
          Group *b = group_at (d, pa, base);
          if (!g)
            continue;
          g->pair_a = g_array_new (FALSE, FALSE, sizeof (guint));
          g->pair_b = g_array_new (FALSE, FALSE, sizeof (guint));
          done += g->done->len;
          if (!b)
            continue;
          g_autoptr (GHashTable) by_seed = g_hash_table_new (g_int64_hash, g_int64_equal);
          for (guint k = b->done->len; k-- > 0;)
            {
              guint j = g_array_index (b->done, guint, k);
              Run *r = &g_array_index (d->runs, Run, j);
              g_hash_table_insert (by_seed, &r->seed, GUINT_TO_POINTER (j + 1));
            }
          for (guint k = 0; k < g->done->len; k++)
            {
              guint i = g_array_index (g->done, guint, k);
              guint j = GPOINTER_TO_UINT (
                  g_hash_table_lookup (by_seed, &g_array_index (d->runs, Run, i).seed));
              if (!j)
                continue;
              j--;
              g_array_append_val (g->pair_a, i);
              g_array_append_val (g->pair_b, j);
              pairs++;
            }
        }
      if (done > 0 && pairs == 0)
        {
          g_set_error (error, CCS_REPORT_ERROR, CCS_REPORT_ERROR_BASELINE,
                       "%s: policy '%s' has no done run with the same params and seed as a done "
                       "run of the baseline '%s'; nothing to pair",
                       path, (const char *) d->policies->pdata[po],
                       (const char *) d->policies->pdata[base]);
          return FALSE;
        }
    }
  return TRUE;
}

/* ---- Computing -------------------------------------------------------- */

typedef enum
{
  DIFF_NONE,     /* no baseline */
  DIFF_BASELINE, /* this row is the baseline */
  DIFF_UNPAIRED, /* no run shares a seed with the baseline here */
  DIFF_PAIRED,
} DiffKind;

typedef struct
{
  guint metric; /* index into ReportData.metrics */
  const Group *g;
  CcsMeanCi ci;
  DiffKind diff_kind;
  CcsPaired pd;
  double pct; /* pd.diff.mean in % of the baseline's mean on the same pairs */
  int rank;   /* 1 = best; 0 = none */
  gboolean first_of_metric, first_of_params;
} Row;

/* -1: lower is better, +1: higher is better, 0: no clear direction. */
static int
metric_direction (const char *m)
{
  static const char *const lower_prefix[]
      = { "latency_", "energy", "cost", "carbon", "makespan_", "staleness_" };
  static const char *const lower_exact[]
      = { "deadline_misses", "tasks_rejected", "tasks_failed",          "tasks_in_flight",
          "jobs_rejected",   "jobs_in_flight", "sovereignty_violations" };
  for (gsize i = 0; i < G_N_ELEMENTS (lower_prefix); i++)
    if (g_str_has_prefix (m, lower_prefix[i]))
      return -1;
  for (gsize i = 0; i < G_N_ELEMENTS (lower_exact); i++)
    if (g_str_equal (m, lower_exact[i]))
      return -1;
  if (g_str_has_suffix (m, "_misses") || g_str_has_suffix (m, "_violations"))
    return -1;
  if (g_str_equal (m, "tasks_completed") || g_str_equal (m, "jobs_completed")
      || g_str_has_prefix (m, "throughput") || strstr (m, "revenue") || strstr (m, "welfare"))
    return +1;
  return 0;
}

static void
compute_row (const ReportData *d, Row *row, double level, gboolean with_baseline)
{
  const double *v = d->values->pdata[row->metric];
  const Group *g = row->g;
  g_autofree double *x = g_new (double, MAX (g->done->len, 1));
  for (guint k = 0; k < g->done->len; k++)
    x[k] = v[g_array_index (g->done, guint, k)];
  row->ci = ccs_stats_mean_ci (x, g->done->len, level);
  row->pct = NAN;
  if (!with_baseline)
    row->diff_kind = DIFF_NONE;
  else if (!g->pair_a)
    row->diff_kind = DIFF_BASELINE;
  else if (g->pair_a->len == 0)
    row->diff_kind = DIFF_UNPAIRED;
  else
    {
      guint n = g->pair_a->len;
      g_autofree double *a = g_new (double, n);
      g_autofree double *b = g_new (double, n);
      double base_sum = 0;
      guint base_n = 0;
      for (guint k = 0; k < n; k++)
        {
          a[k] = v[g_array_index (g->pair_a, guint, k)];
          b[k] = v[g_array_index (g->pair_b, guint, k)];
          if (isfinite (a[k]) && isfinite (b[k]))
            base_sum += b[k], base_n++;
        }
      row->diff_kind = DIFF_PAIRED;
      row->pd = ccs_stats_paired (a, b, n, level);
      /* Relative to the baseline's mean over the same pairs, so that
       * pct = mean(a)/mean(b) - 1 even where some seeds are unpaired. */
      if (base_n > 0 && base_sum != 0 && isfinite (row->pd.diff.mean))
        row->pct = 100 * row->pd.diff.mean / (base_sum / base_n);
    }
}

/* Standard competition ranking ("1, 1, 3") of rows [from, to), which
 * hold one metric and one params value. */
static void
rank_rows (Row *rows, guint from, guint to, int direction)
{
  for (guint i = from; i < to; i++)
    {
      rows[i].rank = 0;
      if (direction == 0 || rows[i].ci.n == 0)
        continue;
      rows[i].rank = 1;
      for (guint j = from; j < to; j++)
        if (rows[j].ci.n > 0 && direction * (rows[j].ci.mean - rows[i].ci.mean) > 0)
          rows[i].rank++;
    }
}

static GArray *
compute_rows (const ReportData *d, const GArray *metrics, double level, gboolean with_baseline)
{
  GArray *rows = g_array_new (FALSE, TRUE, sizeof (Row));
  for (guint mi = 0; mi < metrics->len; mi++)
    {
      guint m = g_array_index (metrics, guint, mi);
      int direction = metric_direction (d->metrics->pdata[m]);
      for (guint pa = 0; pa < d->params->len; pa++)
        {
          guint from = rows->len;
          for (guint po = 0; po < d->policies->len; po++)
            {
              const Group *g = group_at (d, pa, po);
              if (!g)
                continue;
              Row row = { .metric = m, .g = g };
              row.first_of_metric = pa == 0 && from == rows->len;
              row.first_of_params = from == rows->len;
              compute_row (d, &row, level, with_baseline);
              g_array_append_val (rows, row);
            }
          rank_rows ((Row *) rows->data, from, rows->len, direction);
        }
    }
  return rows;
}

/* ---- Numbers ---------------------------------------------------------- */

/* Four significant digits, but all the integer digits from 10⁴ up to
 * 10¹⁵ (counts, joules), so that 123456 is not printed 1.235e+05.
 * Undefined → "-", never "nan". */
static char *
fmt_num (double x, gboolean sign)
{
  char buf[G_ASCII_DTOSTR_BUF_SIZE];
  if (isnan (x))
    return g_strdup ("-");
  if (x == 0)
    x = 0; /* no "-0" */
  double a = fabs (x);
  sign = sign && x != 0; /* "0", not "+0" */
  if (a >= 9999.5 && a < 1e15)
    g_ascii_formatd (buf, sizeof buf, sign ? "%+.0f" : "%.0f", x);
  else
    g_ascii_formatd (buf, sizeof buf, sign ? "%+.4g" : "%.4g", x);
  return g_strdup (buf);
}

/* The same in LaTeX math: 1.2e-05 → 1.2 \times 10^{-5}. */
static char *
fmt_num_latex (double x, gboolean sign)
{
  if (isnan (x))
    return g_strdup ("{-}");
  g_autofree char *s = fmt_num (x, sign);
  char *e = strchr (s, 'e');
  if (!e)
    return g_steal_pointer (&s);
  *e = '\0';
  return g_strdup_printf ("%s \\times 10^{%d}", s, atoi (e + 1));
}

static char *
fmt_p (double p, gboolean latex)
{
  char buf[G_ASCII_DTOSTR_BUF_SIZE];
  if (isnan (p))
    return g_strdup ("-");
  if (p < 0.001)
    return g_strdup (latex ? "$<0.001$" : "<0.001");
  return g_strdup (g_ascii_formatd (buf, sizeof buf, "%.2g", p));
}

static char *
fmt_pct (double pct, gboolean latex)
{
  char buf[G_ASCII_DTOSTR_BUF_SIZE];
  if (isnan (pct))
    return g_strdup ("-");
  g_ascii_formatd (buf, sizeof buf, pct == 0 ? "%.1f" : "%+.1f", pct == 0 ? 0 : pct);
  return g_strconcat (buf, latex ? "\\%" : "%", NULL);
}

/* The shortest text that reads back as the same double (CSV is for
 * further processing, so no digit is lost); empty when undefined. */
static void
csv_num (GString *s, double x)
{
  char buf[G_ASCII_DTOSTR_BUF_SIZE];
  if (isnan (x))
    return;
  /* At least the integer digits, so that 100 is not "1e+02". */
  int prec = 1;
  if (fabs (x) >= 1 && fabs (x) < 1e17)
    prec = MAX (g_snprintf (buf, sizeof buf, "%.0f", fabs (x)), 1);
  for (; prec <= 17; prec++)
    {
      char fmt[8];
      g_snprintf (fmt, sizeof fmt, "%%.%dg", prec);
      g_ascii_formatd (buf, sizeof buf, fmt, x);
      if (g_ascii_strtod (buf, NULL) == x)
        break;
    }
  g_string_append (s, buf);
}

/* ---- Writing ---------------------------------------------------------- */

typedef struct
{
  const ReportData *d;
  const char *baseline; /* NULL = none */
  double level;
  gboolean show_params; /* some run varied a parameter */
} Ctx;

static char *
oneline (const char *s)
{
  char *t = g_strdup (s);
  g_strdelimit (t, "\n", ' ');
  return t;
}

/* The lines that say what the table holds (without comment markers). */
static GPtrArray *
describe (const Ctx *c)
{
  GPtrArray *lines = g_ptr_array_new_with_free_func (g_free);
  g_autofree char *scenario = oneline (c->d->scenario);
  g_autofree char *version = oneline (c->d->version);
  char lv[G_ASCII_DTOSTR_BUF_SIZE];
  g_ascii_formatd (lv, sizeof lv, "%.6g", 100 * c->level);
  g_ptr_array_add (lines, g_strdup_printf ("scenario %s, ccsim %s: %u runs done, %u failed",
                                           scenario, version, c->d->n_done, c->d->n_failed));
  g_ptr_array_add (lines, g_strdup_printf ("mean ± half-width of the %s%% confidence interval "
                                           "(Student t); rank 1 = best",
                                           lv));
  if (c->baseline)
    {
      g_autofree char *base = oneline (c->baseline);
      g_ptr_array_add (lines, g_strdup_printf ("diff = policy - %s on the same params and seeds "
                                               "(paired t-test); sig = interval excludes 0",
                                               base));
    }
  return lines;
}

static void
csv_field (GString *s, const char *f)
{
  if (!strpbrk (f, ",\"\r\n"))
    {
      g_string_append (s, f);
      return;
    }
  g_string_append_c (s, '"');
  for (const char *p = f; *p; p++)
    {
      if (*p == '"')
        g_string_append_c (s, '"');
      g_string_append_c (s, *p);
    }
  g_string_append_c (s, '"');
}

static void
write_csv (const Ctx *c, const GArray *rows, GString *out)
{
  g_string_append (out, "metric,params,policy,n,mean,ci_half,diff,diff_ci_half,diff_pct,"
                        "p_value,significant,rank,failed\n");
  for (guint i = 0; i < rows->len; i++)
    {
      const Row *r = &g_array_index (rows, Row, i);
      csv_field (out, c->d->metrics->pdata[r->metric]);
      g_string_append_c (out, ',');
      csv_field (out, c->d->params->pdata[r->g->params]);
      g_string_append_c (out, ',');
      csv_field (out, c->d->policies->pdata[r->g->policy]);
      g_string_append_printf (out, ",%" G_GSIZE_FORMAT ",", r->ci.n);
      csv_num (out, r->ci.mean);
      g_string_append_c (out, ',');
      csv_num (out, r->ci.half);
      g_string_append_c (out, ',');
      if (r->diff_kind == DIFF_PAIRED)
        {
          csv_num (out, r->pd.diff.mean);
          g_string_append_c (out, ',');
          csv_num (out, r->pd.diff.half);
          g_string_append_c (out, ',');
          csv_num (out, r->pct);
          g_string_append_c (out, ',');
          csv_num (out, r->pd.p);
          g_string_append_c (out, ',');
          if (r->pd.diff.n >= 2)
            g_string_append_c (out, r->pd.significant ? '1' : '0');
        }
      else
        g_string_append (out, ",,,,");
      g_string_append_c (out, ',');
      if (r->rank)
        g_string_append_printf (out, "%d", r->rank);
      g_string_append_printf (out, ",%u\n", r->g->failed);
    }
}

/* The human formats share one grid of cell texts. */
typedef enum
{
  COL_METRIC,
  COL_PARAMS,
  COL_POLICY,
  COL_N,
  COL_MEAN,
  COL_CI, /* the table only; merged into COL_MEAN elsewhere */
  COL_DIFF,
  COL_DIFF_CI, /* the table only; merged into COL_DIFF elsewhere */
  COL_PCT,
  COL_P,
  COL_SIG,
  COL_RANK,
  COL_FAILED,
} Col;

typedef struct
{
  GArray *cols;     /* Col */
  GPtrArray *head;  /* char* per column */
  GPtrArray *cells; /* char*, rows × columns */
  GArray *block;    /* gboolean per row: a new metric starts */
} Grid;

static void
grid_clear (Grid *g)
{
  g_clear_pointer (&g->cols, g_array_unref);
  g_clear_pointer (&g->head, g_ptr_array_unref);
  g_clear_pointer (&g->cells, g_ptr_array_unref);
  g_clear_pointer (&g->block, g_array_unref);
}

G_DEFINE_AUTO_CLEANUP_CLEAR_FUNC (Grid, grid_clear)

static gboolean
col_numeric (Col c)
{
  return c == COL_N || c == COL_MEAN || c == COL_DIFF || c == COL_PCT || c == COL_P || c == COL_RANK
         || c == COL_FAILED;
}

static char *
latex_escape (const char *s)
{
  GString *t = g_string_new (NULL);
  for (const char *p = s; *p; p++)
    switch (*p)
      {
        case '_':
        case '%':
        case '&':
        case '#':
        case '$':
        case '{':
        case '}':
          g_string_append_c (t, '\\');
          g_string_append_c (t, *p);
          break;
        case '\\':
          g_string_append (t, "\\textbackslash{}");
          break;
        case '~':
          g_string_append (t, "\\textasciitilde{}");
          break;
        case '^':
          g_string_append (t, "\\textasciicircum{}");
          break;
        case '\n':
        case '\r':
          g_string_append_c (t, ' ');
          break;
        default:
          g_string_append_c (t, *p);
      }
  return g_string_free (t, FALSE);
}

/* A pipe inside a Markdown cell would end it. */
static char *
markdown_escape (const char *s)
{
  g_auto (GStrv) parts = g_strsplit (s, "|", -1);
  g_autofree char *joined = g_strjoinv ("\\|", parts);
  return oneline (joined);
}

static char *
text_cell (CcsReportFormat f, const char *s)
{
  switch (f)
    {
      case CCS_REPORT_LATEX:
        return latex_escape (s);
      case CCS_REPORT_MARKDOWN:
        return markdown_escape (s);
      default:
        return oneline (s);
    }
}

/* "mean ± half" in the format's notation. */
static char *
pm_cell (CcsReportFormat f, double mean, double half, gboolean sign)
{
  if (f == CCS_REPORT_LATEX)
    {
      g_autofree char *m = fmt_num_latex (mean, sign);
      g_autofree char *h = fmt_num_latex (half, FALSE);
      return g_strdup_printf ("$%s \\pm %s$", m, h);
    }
  g_autofree char *m = fmt_num (mean, sign);
  g_autofree char *h = fmt_num (half, FALSE);
  return g_strdup_printf ("%s ± %s", m, h);
}

static char *
head_text (CcsReportFormat f, Col col)
{
  gboolean tex = f == CCS_REPORT_LATEX;
  gboolean split = f == CCS_REPORT_TABLE;
  switch (col)
    {
      case COL_METRIC:
        return g_strdup ("metric");
      case COL_PARAMS:
        return g_strdup ("params");
      case COL_POLICY:
        return g_strdup ("policy");
      case COL_N:
        return g_strdup (tex ? "$n$" : "n");
      case COL_MEAN:
        return g_strdup (split ? "mean" : tex ? "mean $\\pm$ CI" : "mean ± CI");
      case COL_DIFF:
        return g_strdup (split ? "diff" : tex ? "diff $\\pm$ CI" : "diff ± CI");
      case COL_CI:
      case COL_DIFF_CI:
        return g_strdup ("± CI");
      case COL_PCT:
        return g_strdup (tex ? "diff \\%" : "diff %");
      case COL_P:
        return g_strdup (tex ? "$p$" : "p");
      case COL_SIG:
        return g_strdup ("sig");
      case COL_RANK:
        return g_strdup ("rank");
      case COL_FAILED:
        return g_strdup ("failed");
    }
  g_return_val_if_reached (NULL);
}

static char *
cell_text (const Ctx *c, CcsReportFormat f, const Row *r, Col col)
{
  gboolean tex = f == CCS_REPORT_LATEX;
  gboolean split = f == CCS_REPORT_TABLE;
  gboolean paired = r->diff_kind == DIFF_PAIRED;
  switch (col)
    {
      case COL_METRIC:
        return r->first_of_metric ? text_cell (f, c->d->metrics->pdata[r->metric]) : g_strdup ("");
      case COL_PARAMS:
        return r->first_of_params ? text_cell (f, c->d->params->pdata[r->g->params])
                                  : g_strdup ("");
      case COL_POLICY:
        return text_cell (f, c->d->policies->pdata[r->g->policy]);
      case COL_N:
        return g_strdup_printf ("%" G_GSIZE_FORMAT, r->ci.n);
      case COL_MEAN:
        return split ? fmt_num (r->ci.mean, FALSE) : pm_cell (f, r->ci.mean, r->ci.half, FALSE);
      case COL_CI:
        {
          g_autofree char *h = fmt_num (r->ci.half, FALSE);
          return g_strconcat ("± ", h, NULL);
        }
      case COL_DIFF:
        if (r->diff_kind == DIFF_BASELINE)
          return g_strdup ("baseline");
        if (!paired)
          return g_strdup ("-");
        return split ? fmt_num (r->pd.diff.mean, TRUE)
                     : pm_cell (f, r->pd.diff.mean, r->pd.diff.half, TRUE);
      case COL_DIFF_CI:
        {
          if (!paired)
            return g_strdup ("");
          g_autofree char *h = fmt_num (r->pd.diff.half, FALSE);
          return g_strconcat ("± ", h, NULL);
        }
      case COL_PCT:
        return paired ? fmt_pct (r->pct, tex) : g_strdup ("");
      case COL_P:
        return paired ? fmt_p (r->pd.p, tex) : g_strdup ("");
      case COL_SIG:
        return g_strdup (paired && r->pd.significant ? "*" : "");
      case COL_RANK:
        return r->rank ? g_strdup_printf ("%d", r->rank) : g_strdup ("");
      case COL_FAILED:
        return g_strdup_printf ("%u", r->g->failed);
    }
  g_return_val_if_reached (NULL);
}

/* Optional columns only where they say something: params when some run
 * varied a parameter, the comparison with a baseline, failed when a run
 * failed.  The CSV keeps all of them, always. */
static void
grid_build (const Ctx *c, CcsReportFormat f, const GArray *rows, Grid *g)
{
  gboolean split = f == CCS_REPORT_TABLE;
  g->cols = g_array_new (FALSE, FALSE, sizeof (Col));
  g->head = g_ptr_array_new_with_free_func (g_free);
  g->cells = g_ptr_array_new_with_free_func (g_free);
  g->block = g_array_new (FALSE, FALSE, sizeof (gboolean));
  for (Col col = COL_METRIC; col <= COL_FAILED; col++)
    {
      if ((col == COL_PARAMS && !c->show_params)
          || ((col == COL_CI || col == COL_DIFF_CI) && !split)
          || (col >= COL_DIFF && col <= COL_SIG && !c->baseline)
          || (col == COL_FAILED && c->d->n_failed == 0))
        continue;
      g_array_append_val (g->cols, col);
      g_ptr_array_add (g->head, head_text (f, col));
    }
  for (guint i = 0; i < rows->len; i++)
    {
      const Row *r = &g_array_index (rows, Row, i);
      for (guint k = 0; k < g->cols->len; k++)
        g_ptr_array_add (g->cells, cell_text (c, f, r, g_array_index (g->cols, Col, k)));
      g_array_append_val (g->block, r->first_of_metric);
    }
}

static const char *
grid_cell (const Grid *g, guint row, guint col)
{
  return g->cells->pdata[row * g->cols->len + col];
}

/* Column widths in characters (UTF-8 '±' is one), header included. */
static GArray *
grid_widths (const Grid *g)
{
  GArray *w = g_array_new (FALSE, TRUE, sizeof (glong));
  g_array_set_size (w, g->cols->len);
  guint nrows = g->cols->len ? g->cells->len / g->cols->len : 0;
  for (guint k = 0; k < g->cols->len; k++)
    {
      glong *wk = &g_array_index (w, glong, k);
      *wk = g_utf8_strlen (g->head->pdata[k], -1);
      for (guint i = 0; i < nrows; i++)
        *wk = MAX (*wk, g_utf8_strlen (grid_cell (g, i, k), -1));
    }
  return w;
}

static void
pad (GString *s, const char *text, glong width, gboolean right)
{
  glong n = width - g_utf8_strlen (text, -1);
  if (right)
    for (glong i = 0; i < n; i++)
      g_string_append_c (s, ' ');
  g_string_append (s, text);
  if (!right)
    for (glong i = 0; i < n; i++)
      g_string_append_c (s, ' ');
}

static void
rstrip_line (GString *s)
{
  while (s->len && s->str[s->len - 1] == ' ')
    g_string_truncate (s, s->len - 1);
  g_string_append_c (s, '\n');
}

static void
table_line (const Grid *g, const GArray *w, GString *out, const char *const *texts, gboolean rule)
{
  for (guint k = 0; k < g->cols->len; k++)
    {
      Col col = g_array_index (g->cols, Col, k);
      glong wk = g_array_index (w, glong, k);
      if (k)
        /* "12.3 ± 0.4": one space joins a mean to its interval. */
        g_string_append (out, col == COL_CI || col == COL_DIFF_CI ? " " : "  ");
      if (rule)
        for (glong i = 0; i < wk; i++)
          g_string_append_c (out, '-');
      else
        pad (out, texts[k], wk, col_numeric (col));
    }
  rstrip_line (out);
}

static void
write_table (const Ctx *c, const GArray *rows, GString *out)
{
  g_auto (Grid) g = { 0 };
  grid_build (c, CCS_REPORT_TABLE, rows, &g);
  g_autoptr (GArray) w = grid_widths (&g);
  g_autoptr (GPtrArray) lines = describe (c);
  for (guint i = 0; i < lines->len; i++)
    g_string_append_printf (out, "# %s\n", (const char *) lines->pdata[i]);
  table_line (&g, w, out, (const char *const *) g.head->pdata, FALSE);
  table_line (&g, w, out, NULL, TRUE);
  for (guint i = 0; i < rows->len; i++)
    table_line (&g, w, out, (const char *const *) &g.cells->pdata[i * g.cols->len], FALSE);
}

static void
markdown_line (const Grid *g, const GArray *w, GString *out, const char *const *texts,
               gboolean rule)
{
  g_string_append_c (out, '|');
  for (guint k = 0; k < g->cols->len; k++)
    {
      Col col = g_array_index (g->cols, Col, k);
      glong wk = MAX (g_array_index (w, glong, k), 3);
      g_string_append_c (out, ' ');
      if (rule)
        {
          for (glong i = 0; i < wk - 1; i++)
            g_string_append_c (out, '-');
          g_string_append_c (out, col_numeric (col) ? ':' : '-');
        }
      else
        pad (out, texts[k], wk, col_numeric (col));
      g_string_append (out, " |");
    }
  g_string_append_c (out, '\n');
}

/* One pipe table; what it holds follows as a pandoc caption ("Table: …"
 * after the table), so that the table's header is the first line. */
static void
write_markdown (const Ctx *c, const GArray *rows, GString *out)
{
  g_auto (Grid) g = { 0 };
  grid_build (c, CCS_REPORT_MARKDOWN, rows, &g);
  g_autoptr (GArray) w = grid_widths (&g);
  markdown_line (&g, w, out, (const char *const *) g.head->pdata, FALSE);
  markdown_line (&g, w, out, NULL, TRUE);
  for (guint i = 0; i < rows->len; i++)
    markdown_line (&g, w, out, (const char *const *) &g.cells->pdata[i * g.cols->len], FALSE);
  g_autoptr (GPtrArray) lines = describe (c);
  g_string_append (out, "\nTable: ");
  for (guint i = 0; i < lines->len; i++)
    {
      g_autofree char *escaped = markdown_escape (lines->pdata[i]);
      g_string_append_printf (out, "%s%s", escaped, i + 1 < lines->len ? "; " : ".\n");
    }
}

/* A booktabs tabular; what it holds as % comments inside it, so that the
 * output is exactly one environment to \input. */
static void
write_latex (const Ctx *c, const GArray *rows, GString *out)
{
  g_auto (Grid) g = { 0 };
  grid_build (c, CCS_REPORT_LATEX, rows, &g);
  g_string_append (out, "\\begin{tabular}{");
  for (guint k = 0; k < g.cols->len; k++)
    g_string_append_c (out, col_numeric (g_array_index (g.cols, Col, k)) ? 'r' : 'l');
  g_string_append (out, "}\n");
  g_autoptr (GPtrArray) lines = describe (c);
  for (guint i = 0; i < lines->len; i++)
    g_string_append_printf (out, "%% %s\n", (const char *) lines->pdata[i]);
  g_string_append (out, "% needs \\usepackage{booktabs}\n\\toprule\n");
  for (guint k = 0; k < g.cols->len; k++)
    g_string_append_printf (out, "%s%s", k ? " & " : "", (const char *) g.head->pdata[k]);
  g_string_append (out, " \\\\\n");
  for (guint i = 0; i < rows->len; i++)
    {
      if (g_array_index (g.block, gboolean, i))
        g_string_append (out, "\\midrule\n");
      for (guint k = 0; k < g.cols->len; k++)
        g_string_append_printf (out, "%s%s", k ? " & " : "", grid_cell (&g, i, k));
      g_string_append (out, " \\\\\n");
    }
  g_string_append (out, "\\bottomrule\n\\end{tabular}\n");
}

/* ---- Entry points ----------------------------------------------------- */

gboolean
ccs_report_format_parse (const char *s, CcsReportFormat *out)
{
  static const struct
  {
    const char *name;
    CcsReportFormat format;
  } formats[] = {
    { "table", CCS_REPORT_TABLE },
    { "markdown", CCS_REPORT_MARKDOWN },
    { "csv", CCS_REPORT_CSV },
    { "latex", CCS_REPORT_LATEX },
  };
  g_return_val_if_fail (out != NULL, FALSE);
  for (gsize i = 0; s && i < G_N_ELEMENTS (formats); i++)
    if (g_str_equal (s, formats[i].name))
      {
        *out = formats[i].format;
        return TRUE;
      }
  return FALSE;
}

/* The indices of the metrics to report, in the order asked for. */
static GArray *
select_metrics (const char *path, const ReportData *d, const char *const *wanted, GError **error)
{
  g_autoptr (GArray) sel = g_array_new (FALSE, FALSE, sizeof (guint));
  if (!wanted || !wanted[0])
    {
      for (guint m = 0; m < d->metrics->len; m++)
        g_array_append_val (sel, m);
      return g_steal_pointer (&sel);
    }
  for (gsize i = 0; wanted[i]; i++)
    {
      guint m;
      if (!g_ptr_array_find_with_equal_func (d->metrics, wanted[i], g_str_equal, &m))
        {
          g_autofree char *present = join_quoted (d->metrics);
          g_set_error (error, CCS_REPORT_ERROR, CCS_REPORT_ERROR_METRIC,
                       "%s: unknown metric '%s' (present: %s)", path, wanted[i], present);
          return NULL;
        }
      g_array_append_val (sel, m);
    }
  return g_steal_pointer (&sel);
}

gboolean
ccs_report_write (const char *db_path, const CcsReportOptions *o, GString *out, GError **error)
{
  g_return_val_if_fail (db_path != NULL, FALSE);
  g_return_val_if_fail (out != NULL, FALSE);
  g_return_val_if_fail (error == NULL || *error == NULL, FALSE);
  static const CcsReportOptions defaults = { CCS_REPORT_TABLE, NULL, NULL, 0.95 };
  if (!o)
    o = &defaults;
  double level = o->level == 0 ? 0.95 : o->level;
  if (!(level > 0 && level < 1))
    {
      g_set_error (error, CCS_REPORT_ERROR, CCS_REPORT_ERROR_INVALID,
                   "confidence level %g is not between 0 and 1 (e.g. 0.95)", level);
      return FALSE;
    }

  g_autoptr (sqlite3) db = open_db (db_path, error);
  if (!db)
    return FALSE;
  g_auto (ReportData) d = {
    .params = g_ptr_array_new_with_free_func (g_free),
    .policies = g_ptr_array_new_with_free_func (g_free),
    .runs = g_array_new (FALSE, FALSE, sizeof (Run)),
    .metrics = g_ptr_array_new_with_free_func (g_free),
    .values = g_ptr_array_new_with_free_func (g_free),
  };
  load_meta (db, &d);
  if (!load_runs (db, db_path, &d, error) || !load_values (db, db_path, &d, error))
    return FALSE;
  g_clear_pointer (&db, sqlite3_close);

  g_autoptr (GArray) metrics = select_metrics (db_path, &d, o->metrics, error);
  if (!metrics)
    return FALSE;
  if (o->baseline)
    {
      guint base;
      if (!g_ptr_array_find_with_equal_func (d.policies, o->baseline, g_str_equal, &base))
        {
          g_autofree char *present = join_quoted (d.policies);
          g_set_error (error, CCS_REPORT_ERROR, CCS_REPORT_ERROR_BASELINE,
                       "%s: no policy '%s' to compare against (policies: %s)", db_path, o->baseline,
                       present);
          return FALSE;
        }
      if (!pair_with_baseline (db_path, &d, base, error))
        return FALSE;
    }

  Ctx c = { .d = &d, .baseline = o->baseline, .level = level };
  for (guint i = 0; i < d.params->len; i++)
    if (*(const char *) d.params->pdata[i])
      c.show_params = TRUE;
  g_autoptr (GArray) rows = compute_rows (&d, metrics, level, o->baseline != NULL);
  g_autoptr (GString) text = g_string_new (NULL);
  switch (o->format)
    {
      case CCS_REPORT_CSV:
        write_csv (&c, rows, text);
        break;
      case CCS_REPORT_MARKDOWN:
        write_markdown (&c, rows, text);
        break;
      case CCS_REPORT_LATEX:
        write_latex (&c, rows, text);
        break;
      case CCS_REPORT_TABLE:
      default:
        write_table (&c, rows, text);
        break;
    }
  g_string_append_len (out, text->str, text->len);
  return TRUE;
}
