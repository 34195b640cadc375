/* testutil.h — helpers shared by the test binaries. */
#pragma once

#include <glib.h>

/* Path of a file under tests/ (fixtures), via G_TEST_SRCDIR. */
char *ccs_test_data (const char *name);
/* Write @text to a fresh file @name in a per-test temporary folder and
 * return its path (the folder lives as long as the process). */
char *ccs_test_write (const char *name, const char *text);
/* Run `ccsim ARGS...` (NULL-terminated); collect exit status, stdout and
 * stderr (each may be NULL). */
gboolean ccs_test_ccsim (int *status, char **out, char **err, ...) G_GNUC_NULL_TERMINATED;
/* A fresh temporary folder for this process. */
const char *ccs_test_tmpdir (void);
/* One value of a query on an SQLite file (first column of first row);
 * NAN on error or no row. */
double ccs_test_sql_double (const char *db, const char *sql);
/* All rows of a query joined as text lines ("a|b|c\n"). */
char *ccs_test_sql_text (const char *db, const char *sql);
