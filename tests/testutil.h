/* testutil.h — helpers shared by the test binaries. */
#pragma once

#include <glib.h>
#include <string.h>

/* Path of a file under tests/ (fixtures), via G_TEST_SRCDIR. */
char *ccs_test_data (const char *name);
/* Write @text to a fresh file @name in a per-test temporary folder and
 * return its path (the folder lives as long as the process). */
char *ccs_test_write (const char *name, const char *text);
/* Run `ccsim ARGS...` (NULL-terminated); collect exit status, stdout and
 * stderr (each may be NULL). */
gboolean ccs_test_ccsim (int *status, char **out, char **err, ...) G_GNUC_NULL_TERMINATED;
/* Run the program named by environment variable @bin_env with @args (a
 * GPtrArray of const char*, without argv[0]); returns its exit status,
 * 128 + signal when killed.  @out and @err may be NULL. */
int ccs_test_spawn (const char *bin_env, GPtrArray *args, char **out, char **err);
/* The same with the arguments of a NULL-terminated va_list. */
int ccs_test_spawn_va (const char *bin_env, char **out, char **err, va_list ap);
/* A fresh temporary folder for this process. */
const char *ccs_test_tmpdir (void);
/* One value of a query on an SQLite file (first column of first row);
 * NAN on error or no row. */
double ccs_test_sql_double (const char *db, const char *sql);
/* All rows of a query joined as text lines ("a|b|c\n"). */
char *ccs_test_sql_text (const char *db, const char *sql);

/* Assert that string @haystack contains @needle, logging both when not. */
#define ccs_test_assert_contains(haystack, needle)                                                 \
  G_STMT_START                                                                                     \
  {                                                                                                \
    const char *h_ = (haystack), *n_ = (needle);                                                   \
    if (!strstr (h_, n_))                                                                          \
      g_test_message ("'%s' does not contain '%s'", h_, n_);                                       \
    g_assert_nonnull (strstr (h_, n_));                                                            \
  }                                                                                                \
  G_STMT_END
/* Assert that string @s starts with @prefix, logging both when not. */
#define ccs_test_assert_prefix(s, prefix)                                                          \
  G_STMT_START                                                                                     \
  {                                                                                                \
    const char *s_ = (s), *p_ = (prefix);                                                          \
    if (!g_str_has_prefix (s_, p_))                                                                \
      g_test_message ("'%s' does not start with '%s'", s_, p_);                                    \
    g_assert_true (g_str_has_prefix (s_, p_));                                                     \
  }                                                                                                \
  G_STMT_END
/* Figure @name in @dir: @name.@format (png, svg or pdf) has more than
 * @min_bytes and its format's signature; @name.dat and @name.gp exist. */
void ccs_test_assert_figure (const char *dir, const char *name, const char *format,
                             gsize min_bytes);
/* Assert @v equals @expect to a relative 1e-12 (exactly when @expect is 0). */
void ccs_test_assert_rel (double v, double expect);
/* 1-based number of the first line of @text containing @needle (which must be there). */
int ccs_test_line_of (const char *text, const char *needle);
/* "PATH:LINE:", the start of a loader's message about line @line of @path. */
char *ccs_test_at (const char *path, int line);
/* @text with its first @from (which must be there) replaced by @to. */
char *ccs_test_edit (const char *text, const char *from, const char *to);
/* The source tree: $CCSIM_SOURCE_DIR, else the one the tests were built from. */
const char *ccs_test_source_dir (void);
