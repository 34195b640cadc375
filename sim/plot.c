/* plot.c — exporting data from the results database and running gnuplot
 * (plot.h).  gnuplot is found on PATH at run time; its scripts live in
 * plots/ and read plain whitespace-separated data files. */
#include "sim/plot.h"

#include <errno.h>
#include <glib/gstdio.h>
#include <sqlite3.h>
#include <stdio.h>

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

static const char *
terminal_for (const char *format)
{
  if (g_str_equal (format, "png"))
    return "pngcairo size 900,600 font 'sans,11'";
  if (g_str_equal (format, "svg"))
    return "svg size 900,600 font 'sans,11'";
  if (g_str_equal (format, "pdf"))
    return "pdfcairo size 6in,4in font 'sans,9'";
  return NULL;
}

/* Run a query and write each row as a line of space-separated fields
 * (text fields quoted for gnuplot). Returns the number of rows, -1 on error. */
static gint64
export_query (sqlite3 *db, const char *sql, const char *path, GError **error)
{
  sqlite3_stmt *st;
  if (sqlite3_prepare_v2 (db, sql, -1, &st, NULL) != SQLITE_OK)
    {
      g_set_error (error, CCS_PLOT_ERROR, 0, "query failed: %s", sqlite3_errmsg (db));
      return -1;
    }
  FILE *f = fopen (path, "w");
  if (!f)
    {
      g_set_error (error, CCS_PLOT_ERROR, 0, "cannot write %s: %s", path, g_strerror (errno));
      sqlite3_finalize (st);
      return -1;
    }
  gint64 rows = 0;
  int rc;
  while ((rc = sqlite3_step (st)) == SQLITE_ROW)
    {
      int nc = sqlite3_column_count (st);
      for (int i = 0; i < nc; i++)
        {
          if (sqlite3_column_type (st, i) == SQLITE_TEXT)
            fprintf (f, "%s\"%s\"", i ? " " : "", sqlite3_column_text (st, i));
          else
            {
              char buf[64];
              g_ascii_formatd (buf, sizeof buf, "%.10g", sqlite3_column_double (st, i));
              fprintf (f, "%s%s", i ? " " : "", buf);
            }
        }
      fputc ('\n', f);
      rows++;
    }
  fclose (f);
  sqlite3_finalize (st);
  if (rc != SQLITE_DONE)
    {
      g_set_error (error, CCS_PLOT_ERROR, 0, "query failed: %s", sqlite3_errmsg (db));
      return -1;
    }
  return rows;
}

static gboolean
run_gnuplot (const char *script, const char *data, const char *out, const char *format,
             const char *title, GError **error)
{
  g_autofree char *gnuplot = g_find_program_in_path ("gnuplot");
  if (!gnuplot)
    {
      g_set_error (error, CCS_PLOT_ERROR, 0,
                   "gnuplot not found on PATH (Debian: apt-get install gnuplot-nox)");
      return FALSE;
    }
  g_autofree char *e = g_strdup_printf ("datafile='%s'; outfile='%s'; "
                                        "set terminal %s; plottitle='%s'",
                                        data, out, terminal_for (format), title);
  const char *argv[] = { gnuplot, "-e", e, script, NULL };
  g_autofree char *err_out = NULL;
  int status;
  if (!g_spawn_sync (NULL, (char **) argv, NULL, G_SPAWN_DEFAULT, NULL, NULL, NULL, &err_out,
                     &status, error))
    return FALSE;
  if (!g_spawn_check_wait_status (status, NULL))
    {
      g_set_error (error, CCS_PLOT_ERROR, 0, "gnuplot failed on %s: %s", script,
                   err_out ? err_out : "");
      return FALSE;
    }
  return TRUE;
}

typedef struct
{
  const char *name; /* figure and script name */
  const char *query;
  const char *what; /* for the "no data" message */
} Figure;

static const Figure figures[] = {
  { "latency-cdf",
    "SELECT latency_s, (ROW_NUMBER() OVER (ORDER BY latency_s)) * 1.0 / "
    "(SELECT COUNT(*) FROM tasks WHERE state = 'completed') FROM tasks "
    "WHERE state = 'completed' ORDER BY latency_s",
    "completed tasks in the tasks table" },
  { "energy-by-tier",
    "SELECT substr(metric, 8, length(metric) - 9), value FROM summary "
    "WHERE metric IN ('energy_iot_j', 'energy_edge_j', 'energy_cloud_j', "
    "'energy_hpc_j', 'energy_network_j') AND value > 0 "
    "ORDER BY CASE metric WHEN 'energy_iot_j' THEN 1 WHEN 'energy_edge_j' THEN 2 "
    "WHEN 'energy_cloud_j' THEN 3 WHEN 'energy_hpc_j' THEN 4 ELSE 5 END",
    "energy metrics" },
};

gboolean
ccs_plot_run (const char *db_path, const char *out_dir, const char *format, GPtrArray *written,
              GError **error)
{
  if (!terminal_for (format))
    {
      g_set_error (error, CCS_PLOT_ERROR, 0, "unknown format '%s' (png, svg or pdf)", format);
      return FALSE;
    }
  if (!g_file_test (db_path, G_FILE_TEST_IS_REGULAR))
    {
      g_set_error (error, CCS_PLOT_ERROR, 0, "%s: no such results database", db_path);
      return FALSE;
    }
  sqlite3 *db = NULL;
  if (sqlite3_open_v2 (db_path, &db, SQLITE_OPEN_READONLY, NULL) != SQLITE_OK)
    {
      g_set_error (error, CCS_PLOT_ERROR, 0, "%s: %s", db_path, sqlite3_errmsg (db));
      sqlite3_close (db);
      return FALSE;
    }
  if (g_mkdir_with_parents (out_dir, 0755) != 0)
    {
      g_set_error (error, CCS_PLOT_ERROR, 0, "cannot create %s: %s", out_dir, g_strerror (errno));
      sqlite3_close (db);
      return FALSE;
    }
  g_autofree char *title = NULL;
  sqlite3_stmt *st;
  if (sqlite3_prepare_v2 (
          db, "SELECT scenario || ' / ' || policy || ' / seed ' || seed FROM runs LIMIT 1", -1, &st,
          NULL)
          == SQLITE_OK
      && sqlite3_step (st) == SQLITE_ROW)
    title = g_strdup ((const char *) sqlite3_column_text (st, 0));
  sqlite3_finalize (st);
  if (!title)
    title = g_strdup (db_path);
  g_strdelimit (title, "'", ' ');

  gboolean ok = TRUE;
  for (gsize i = 0; i < G_N_ELEMENTS (figures) && ok; i++)
    {
      const Figure *f = &figures[i];
      g_autofree char *data = g_strdup_printf ("%s/%s.dat", out_dir, f->name);
      g_autofree char *script_src = g_strdup_printf ("%s/%s.gp", ccs_plot_scripts_dir (), f->name);
      g_autofree char *script = g_strdup_printf ("%s/%s.gp", out_dir, f->name);
      g_autofree char *image = g_strdup_printf ("%s/%s.%s", out_dir, f->name, format);
      g_autofree char *text = NULL;
      gint64 rows = export_query (db, f->query, data, error);
      if (rows < 0)
        {
          ok = FALSE;
          break;
        }
      if (rows == 0)
        {
          g_printerr ("ccsim plot: skipping %s: no %s\n", f->name, f->what);
          continue;
        }
      if (!g_file_get_contents (script_src, &text, NULL, error)
          || !g_file_set_contents (script, text, -1, error)
          || !run_gnuplot (script, data, image, format, title, error))
        {
          ok = FALSE;
          break;
        }
      if (written)
        g_ptr_array_add (written, g_steal_pointer (&image));
    }
  sqlite3_close (db);
  return ok;
}
