/* testutil.c — helpers shared by the test binaries (testutil.h). */
#include "tests/testutil.h"

#include <math.h>
#include <sqlite3.h>
#include <stdarg.h>
#include <string.h>
#include <sys/wait.h>

char *
ccs_test_data (const char *name)
{
  return g_test_build_filename (G_TEST_DIST, "data", name, NULL);
}

const char *
ccs_test_tmpdir (void)
{
  static char *dir;
  if (!dir)
    {
      dir = g_dir_make_tmp ("ccsim-test-XXXXXX", NULL);
      g_assert_nonnull (dir);
    }
  return dir;
}

char *
ccs_test_write (const char *name, const char *text)
{
  char *path = g_build_filename (ccs_test_tmpdir (), name, NULL);
  g_autofree char *dir = g_path_get_dirname (path);
  g_mkdir_with_parents (dir, 0755);
  g_assert_true (g_file_set_contents (path, text, -1, NULL));
  return path;
}

int
ccs_test_spawn (const char *bin_env, GPtrArray *args, char **out, char **err)
{
  const char *bin = g_getenv (bin_env);
  g_assert_nonnull (bin);
  g_autoptr (GPtrArray) argv = g_ptr_array_new ();
  g_ptr_array_add (argv, (gpointer) bin);
  for (guint i = 0; i < args->len; i++)
    g_ptr_array_add (argv, args->pdata[i]);
  g_ptr_array_add (argv, NULL);
  int st = 0;
  g_autoptr (GError) error = NULL;
  g_spawn_sync (NULL, (char **) argv->pdata, NULL, G_SPAWN_DEFAULT, NULL, NULL, out, err, &st,
                &error);
  g_assert_no_error (error);
  return WIFEXITED (st) ? WEXITSTATUS (st) : 128 + WTERMSIG (st);
}

int
ccs_test_spawn_va (const char *bin_env, char **out, char **err, va_list ap)
{
  g_autoptr (GPtrArray) args = g_ptr_array_new ();
  const char *a;
  while ((a = va_arg (ap, const char *)))
    g_ptr_array_add (args, (gpointer) a);
  return ccs_test_spawn (bin_env, args, out, err);
}

gboolean
ccs_test_ccsim (int *status, char **out, char **err, ...)
{
  va_list ap;
  va_start (ap, err);
  int st = ccs_test_spawn_va ("CCSIM_BIN", out, err, ap);
  va_end (ap);
  if (status)
    *status = st;
  return TRUE;
}

double
ccs_test_sql_double (const char *db, const char *sql)
{
  sqlite3 *h = NULL;
  double v = NAN;
  if (sqlite3_open_v2 (db, &h, SQLITE_OPEN_READONLY, NULL) == SQLITE_OK)
    {
      sqlite3_stmt *st;
      if (sqlite3_prepare_v2 (h, sql, -1, &st, NULL) == SQLITE_OK)
        {
          if (sqlite3_step (st) == SQLITE_ROW && sqlite3_column_type (st, 0) != SQLITE_NULL)
            v = sqlite3_column_double (st, 0);
          sqlite3_finalize (st);
        }
    }
  sqlite3_close (h);
  return v;
}

char *
ccs_test_sql_text (const char *db, const char *sql)
{
  sqlite3 *h = NULL;
  GString *s = g_string_new (NULL);
  if (sqlite3_open_v2 (db, &h, SQLITE_OPEN_READONLY, NULL) == SQLITE_OK)
    {
      sqlite3_stmt *st;
      if (sqlite3_prepare_v2 (h, sql, -1, &st, NULL) == SQLITE_OK)
        {
          while (sqlite3_step (st) == SQLITE_ROW)
            {
              for (int i = 0; i < sqlite3_column_count (st); i++)
                {
                  const unsigned char *t = sqlite3_column_text (st, i);
                  g_string_append_printf (s, "%s%s", i ? "|" : "", t ? (const char *) t : "NULL");
                }
              g_string_append_c (s, '\n');
            }
          sqlite3_finalize (st);
        }
      else
        g_string_append_printf (s, "SQL error: %s\n", sqlite3_errmsg (h));
    }
  sqlite3_close (h);
  return g_string_free (s, FALSE);
}

void
ccs_test_assert_rel (double v, double expect)
{
  if (expect == 0)
    g_assert_cmpfloat (v, ==, 0);
  else
    g_assert_cmpfloat_with_epsilon (v / expect, 1.0, 1e-12);
}

int
ccs_test_line_of (const char *text, const char *needle)
{
  const char *p = strstr (text, needle);
  if (!p)
    g_test_message ("'%s' is not in the text", needle);
  g_assert_nonnull (p);
  int line = 1;
  for (const char *q = text; q < p; q++)
    line += *q == '\n';
  return line;
}

char *
ccs_test_at (const char *path, int line)
{
  return g_strdup_printf ("%s:%d:", path, line);
}

char *
ccs_test_edit (const char *text, const char *from, const char *to)
{
  const char *p = strstr (text, from);
  if (!p)
    g_test_message ("'%s' is not in the text", from);
  g_assert_nonnull (p);
  return g_strdup_printf ("%.*s%s%s", (int) (p - text), text, to, p + strlen (from));
}

const char *
ccs_test_source_dir (void)
{
  const char *src = g_getenv ("CCSIM_SOURCE_DIR");
  return src ? src : CCSIM_SOURCE_DIR;
}

void
ccs_test_assert_figure (const char *dir, const char *name, const char *format, gsize min_bytes)
{
  g_autofree char *img = g_strdup_printf ("%s/%s.%s", dir, name, format);
  g_autofree char *dat = g_strdup_printf ("%s/%s.dat", dir, name);
  g_autofree char *gp = g_strdup_printf ("%s/%s.gp", dir, name);
  g_autofree char *bytes = NULL;
  gsize len = 0;
  g_test_message ("figure %s", img);
  g_assert_true (g_file_get_contents (img, &bytes, &len, NULL));
  g_assert_cmpuint (len, >, min_bytes);
  if (g_str_equal (format, "png"))
    g_assert_cmpmem (bytes, 4, "\x89PNG", 4);
  else if (g_str_equal (format, "svg"))
    g_assert_nonnull (g_strstr_len (bytes, len, "<svg"));
  else
    g_assert_cmpmem (bytes, 4, "%PDF", 4);
  g_assert_true (g_file_test (dat, G_FILE_TEST_IS_REGULAR));
  g_assert_true (g_file_test (gp, G_FILE_TEST_IS_REGULAR));
}
