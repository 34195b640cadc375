/* sweep.c — the sweep runner and merge (sweep.h).
 *
 * The sweep database is the only record of what is done.  A child writes
 * OUT.runs/run-ID.db (itself written to a temporary name and renamed, see
 * results.c); the parent copies it into OUT in one transaction and then
 * deletes it.  A crash at any point leaves: runs wholly in OUT, complete
 * child files not yet copied (taken over on the next start, after checking
 * they are the run the grid expects), or partial files (discarded).
 */
#include "sim/sweep.h"

#include <errno.h>
#include <fcntl.h>
#include <glib/gstdio.h>
#include <math.h>
#include <signal.h>
#include <sqlite3.h>
#include <stdio.h>
#include <string.h>
#include <sys/file.h>
#include <sys/prctl.h>
#include <sys/wait.h>
#include <time.h>
#include <unistd.h>

#include "policies/policy.h"
#include "sim/results.h"
#include "sim/scenario.h"

G_DEFINE_QUARK (ccs - sweep - error - quark, ccs_sweep_error)

/* ------------------------------------------------------------ spec */

CcsSweepSpec *
ccs_sweep_spec_new (void)
{
  CcsSweepSpec *spec = g_new0 (CcsSweepSpec, 1);
  spec->seeds = g_array_new (FALSE, FALSE, sizeof (gint64));
  spec->axes = g_ptr_array_new_with_free_func ((GDestroyNotify) ccs_sweep_axis_free);
  spec->jobs = 1;
  return spec;
}

void
ccs_sweep_spec_free (CcsSweepSpec *spec)
{
  if (!spec)
    return;
  g_free (spec->scenario);
  g_free (spec->config);
  g_strfreev (spec->sets);
  g_strfreev (spec->policies);
  g_array_unref (spec->seeds);
  g_ptr_array_unref (spec->axes);
  g_free (spec->out);
  g_free (spec->exe);
  g_free (spec);
}

void
ccs_sweep_axis_free (CcsSweepAxis *a)
{
  if (!a)
    return;
  g_free (a->key);
  g_strfreev (a->values);
  g_free (a);
}

static gboolean
parse_int (const char *s, gint64 *out)
{
  char *end;
  errno = 0;
  gint64 v = g_ascii_strtoll (s, &end, 10);
  if (errno || end == s || *end || v < 0)
    return FALSE;
  *out = v;
  return TRUE;
}

gboolean
ccs_sweep_parse_seeds (const char *text, GArray *seeds, GError **error)
{
  g_auto (GStrv) parts = g_strsplit (text, ",", -1);
  if (!parts[0])
    {
      g_set_error (error, CCS_SWEEP_ERROR, CCS_SWEEP_ERROR_SPEC, "--seeds: no seed given");
      return FALSE;
    }
  for (int i = 0; parts[i]; i++)
    {
      g_strstrip (parts[i]);
      const char *dash = strchr (parts[i] + (parts[i][0] == '-'), '-');
      gint64 a, b;
      gboolean ok;
      if (dash)
        {
          g_autofree char *lo = g_strndup (parts[i], dash - parts[i]);
          ok = parse_int (g_strstrip (lo), &a) && parse_int (dash + 1, &b) && a <= b
               && b - a < 1000000;
        }
      else
        ok = parse_int (parts[i], &a) && (b = a, TRUE);
      if (!ok)
        {
          g_set_error (error, CCS_SWEEP_ERROR, CCS_SWEEP_ERROR_SPEC,
                       "--seeds: '%s' is not a seed or a range like 1-30", parts[i]);
          return FALSE;
        }
      for (gint64 s = a; s <= b; s++)
        {
          for (guint j = 0; j < seeds->len; j++)
            if (g_array_index (seeds, gint64, j) == s)
              {
                g_set_error (error, CCS_SWEEP_ERROR, CCS_SWEEP_ERROR_SPEC,
                             "--seeds: seed %" G_GINT64_FORMAT " is listed twice", s);
                return FALSE;
              }
          g_array_append_val (seeds, s);
        }
    }
  return TRUE;
}

CcsSweepAxis *
ccs_sweep_parse_axis (const char *text, GError **error)
{
  const char *eq = strchr (text, '=');
  const char *dot = eq ? memchr (text, '.', eq - text) : NULL;
  if (!eq || !dot || dot == text || dot + 1 == eq || !eq[1])
    {
      g_set_error (error, CCS_SWEEP_ERROR, CCS_SWEEP_ERROR_SPEC,
                   "--vary: '%s' is not GROUP.KEY=VALUE,VALUE,…", text);
      return NULL;
    }
  CcsSweepAxis *a = g_new0 (CcsSweepAxis, 1);
  a->key = g_strndup (text, eq - text);
  a->values = g_strsplit (eq + 1, ",", -1);
  for (int i = 0; a->values[i]; i++)
    {
      g_strstrip (a->values[i]);
      for (int j = 0; j < i; j++)
        if (!*a->values[i] || g_str_equal (a->values[i], a->values[j]))
          {
            g_set_error (error, CCS_SWEEP_ERROR, CCS_SWEEP_ERROR_SPEC,
                         "--vary %s: value '%s' is empty or listed twice", a->key, a->values[i]);
            ccs_sweep_axis_free (a);
            return NULL;
          }
    }
  return a;
}

gboolean
ccs_sweep_parse_shard (const char *text, guint *k, guint *n, GError **error)
{
  g_auto (GStrv) p = g_strsplit (text, "/", -1);
  gint64 a, b;
  if (g_strv_length (p) != 2 || !parse_int (p[0], &a) || !parse_int (p[1], &b) || a < 1 || a > b
      || b > G_MAXUINT)
    {
      g_set_error (error, CCS_SWEEP_ERROR, CCS_SWEEP_ERROR_SPEC,
                   "--shard: '%s' is not K/N with 1 ≤ K ≤ N", text);
      return FALSE;
    }
  *k = a;
  *n = b;
  return TRUE;
}

/* ------------------------------------------------------------ grid */

static void
point_free (CcsSweepPoint *p)
{
  g_free (p->value);
  g_free (p->params);
  g_free (p);
}

GPtrArray *
ccs_sweep_grid (const CcsSweepSpec *spec)
{
  GPtrArray *grid = g_ptr_array_new_with_free_func ((GDestroyNotify) point_free);
  guint na = spec->axes->len;
  guint np = g_strv_length (spec->policies);
  guint64 combos = 1;
  for (guint a = 0; a < na; a++)
    combos *= g_strv_length (((CcsSweepAxis *) spec->axes->pdata[a])->values);
  for (guint64 c = 0; c < combos; c++)
    {
      /* Mixed-radix digits of c, the last axis fastest. */
      g_autofree guint *value = g_new0 (guint, na ? na : 1);
      guint64 rest = c;
      for (guint a = na; a-- > 0;)
        {
          guint nv = g_strv_length (((CcsSweepAxis *) spec->axes->pdata[a])->values);
          value[a] = rest % nv;
          rest /= nv;
        }
      g_autoptr (GString) params = g_string_new (NULL);
      for (guint a = 0; a < na; a++)
        {
          const CcsSweepAxis *ax = spec->axes->pdata[a];
          g_string_append_printf (params, "%s%s=%s", a ? ", " : "", ax->key, ax->values[value[a]]);
        }
      for (guint s = 0; s < spec->seeds->len; s++)
        for (guint p = 0; p < np; p++)
          {
            CcsSweepPoint *pt = g_new0 (CcsSweepPoint, 1);
            pt->id = grid->len + 1;
            pt->policy = spec->policies[p];
            pt->seed = g_array_index (spec->seeds, gint64, s);
            pt->value = g_memdup2 (value, sizeof (guint) * (na ? na : 1));
            pt->params = g_strdup (params->str);
            g_ptr_array_add (grid, pt);
          }
    }
  return grid;
}

gboolean
ccs_sweep_in_shard (guint64 id, guint k, guint n)
{
  /* Round robin, so every shard gets its share of each policy and of the
   * expensive corners of the grid. */
  return n == 0 || (id - 1) % n == k - 1;
}

/* The overrides of one run, in the order `ccsim run` applies them: the
 * common --set, the varied keys, then seed and policy. */
static GPtrArray *
point_sets (const CcsSweepSpec *spec, const CcsSweepPoint *pt, gboolean with_run)
{
  GPtrArray *sets = g_ptr_array_new_with_free_func (g_free);
  for (char **s = spec->sets; s && *s; s++)
    g_ptr_array_add (sets, g_strdup (*s));
  for (guint a = 0; pt && a < spec->axes->len; a++)
    {
      const CcsSweepAxis *ax = spec->axes->pdata[a];
      g_ptr_array_add (sets, g_strdup_printf ("%s=%s", ax->key, ax->values[pt->value[a]]));
    }
  if (pt && with_run)
    {
      g_ptr_array_add (sets, g_strdup_printf ("Run.seed=%" G_GINT64_FORMAT, pt->seed));
      g_ptr_array_add (sets, g_strdup_printf ("Placement.policy=%s", pt->policy));
    }
  g_ptr_array_add (sets, NULL);
  return sets;
}

static CcsScenario *
load_point (const CcsSweepSpec *spec, const CcsSweepPoint *pt, gboolean with_run, GError **error)
{
  g_autoptr (GPtrArray) sets = point_sets (spec, pt, with_run);
  return ccs_scenario_load (spec->scenario, spec->config, (const char *const *) sets->pdata, error);
}

/* Everything that decides the results, except the shard: two databases
 * with the same grid text, scenario hash and version can be merged. */
static char *
grid_text (const CcsSweepSpec *spec)
{
  GString *g = g_string_new (NULL);
  g_string_append_printf (g, "config=%s\n", spec->config ? spec->config : "");
  for (char **s = spec->sets; s && *s; s++)
    g_string_append_printf (g, "set %s\n", *s);
  g_string_append (g, "policies=");
  for (char **p = spec->policies; *p; p++)
    g_string_append_printf (g, "%s%s", p == spec->policies ? "" : ",", *p);
  g_string_append (g, "\nseeds=");
  for (guint i = 0; i < spec->seeds->len; i++)
    g_string_append_printf (g, "%s%" G_GINT64_FORMAT, i ? "," : "",
                            g_array_index (spec->seeds, gint64, i));
  g_string_append_c (g, '\n');
  for (guint a = 0; a < spec->axes->len; a++)
    {
      const CcsSweepAxis *ax = spec->axes->pdata[a];
      g_autofree char *v = g_strjoinv (",", ax->values);
      g_string_append_printf (g, "vary %s=%s\n", ax->key, v);
    }
  return g_string_free (g, FALSE);
}

/* ------------------------------------------------------------ database */

static gboolean
db_fail (GError **error, sqlite3 *db, const char *what)
{
  g_set_error (error, CCS_SWEEP_ERROR, CCS_SWEEP_ERROR_IO, "%s: %s", what,
               db ? sqlite3_errmsg (db) : "out of memory");
  return FALSE;
}

/* A text value of one row, or NULL. */
static char *
db_text (sqlite3 *db, const char *sql, const char *arg)
{
  sqlite3_stmt *st;
  char *v = NULL;
  if (sqlite3_prepare_v2 (db, sql, -1, &st, NULL) != SQLITE_OK)
    return NULL;
  if (arg)
    sqlite3_bind_text (st, 1, arg, -1, SQLITE_TRANSIENT);
  if (sqlite3_step (st) == SQLITE_ROW && sqlite3_column_type (st, 0) != SQLITE_NULL)
    v = g_strdup ((const char *) sqlite3_column_text (st, 0));
  sqlite3_finalize (st);
  return v;
}

static gboolean
meta_put (sqlite3 *db, const char *schema, const char *key, const char *value, GError **error)
{
  g_autofree char *sql = g_strdup_printf ("INSERT OR REPLACE INTO %s.meta VALUES (?,?)", schema);
  sqlite3_stmt *st;
  if (sqlite3_prepare_v2 (db, sql, -1, &st, NULL) != SQLITE_OK)
    return db_fail (error, db, "meta");
  sqlite3_bind_text (st, 1, key, -1, SQLITE_STATIC);
  sqlite3_bind_text (st, 2, value, -1, SQLITE_STATIC);
  int rc = sqlite3_step (st);
  sqlite3_finalize (st);
  return rc == SQLITE_DONE || db_fail (error, db, "meta");
}

static char *
meta_get (sqlite3 *db, const char *schema, const char *key)
{
  g_autofree char *sql = g_strdup_printf ("SELECT value FROM %s.meta WHERE key = ?", schema);
  return db_text (db, sql, key);
}

static gboolean
has_table (sqlite3 *db, const char *schema, const char *table)
{
  g_autofree char *sql = g_strdup_printf (
      "SELECT name FROM %s.sqlite_master WHERE type = 'table' AND name = ?", schema);
  g_autofree char *v = db_text (db, sql, table);
  return v != NULL;
}

static sqlite3 *
db_open (const char *path, int flags, GError **error)
{
  sqlite3 *db = NULL;
  if (sqlite3_open_v2 (path, &db, flags, NULL) != SQLITE_OK)
    {
      db_fail (error, db, path);
      sqlite3_close (db);
      return NULL;
    }
  sqlite3_busy_timeout (db, 10000);
  /* A rollback journal with full syncs: a run copied in is on disk
   * before the next one starts, whatever happens to the machine, and it
   * works on the network file systems clusters use (WAL does not). */
  if (!ccs_results_exec (db, "PRAGMA journal_mode=DELETE; PRAGMA synchronous=FULL;", error))
    {
      sqlite3_close (db);
      return NULL;
    }
  return db;
}

typedef struct
{
  const char *key;
  const char *value;
} Meta;

/* The sweep's identity; an existing database must match it exactly. */
static gboolean
check_meta (sqlite3 *db, const char *schema, const char *path, const Meta *want, gsize n,
            const char *hint, GError **error)
{
  for (gsize i = 0; i < n; i++)
    {
      g_autofree char *have = meta_get (db, schema, want[i].key);
      /* A key an older version did not write reads as "". */
      if (!g_str_equal (have ? have : "", want[i].value))
        {
          g_autofree char *h = g_strdelimit (g_strdup (have ? have : "(none)"), "\n", ';');
          g_autofree char *w = g_strdelimit (g_strdup (want[i].value), "\n", ';');
          g_set_error (error, CCS_SWEEP_ERROR, CCS_SWEEP_ERROR_MISMATCH,
                       "%s holds a different sweep: its %s is '%s', not '%s'%s", path, want[i].key,
                       h, w, hint);
          return FALSE;
        }
    }
  return TRUE;
}

/* Rewrite every per-run table in run_id order, so that a sweep finished
 * in any order, by any number of jobs or from merged shards, reads back
 * the same even without ORDER BY. */
static gboolean
sort_by_run (sqlite3 *db, GError **error)
{
  if (!ccs_results_exec (db, "BEGIN IMMEDIATE", error))
    return FALSE;
  for (int t = 0; ccs_results_run_tables[t]; t++)
    {
      const char *T = ccs_results_run_tables[t];
      g_autofree char *sql = g_strdup_printf (
          "CREATE TEMP TABLE sorted AS SELECT * FROM main.%s ORDER BY run_id, rowid;"
          "DELETE FROM main.%s; INSERT INTO main.%s SELECT * FROM temp.sorted ORDER BY rowid;"
          "DROP TABLE temp.sorted;",
          T, T, T);
      if (!ccs_results_exec (db, sql, error))
        {
          sqlite3_exec (db, "ROLLBACK", NULL, NULL, NULL);
          return FALSE;
        }
    }
  return ccs_results_exec (db, "COMMIT", error);
}

/* ------------------------------------------------------------ runner */

typedef struct
{
  CcsSweepPoint *pt;
  pid_t pid;
  gint64 started_us;
  guint attempts;
  gboolean timed_out;
} Child;

/* A run that ended but is not in the database yet: runs are committed in
 * run_id order, so the database always holds a prefix of the shard's
 * grid and needs no reordering. */
typedef struct
{
  CcsSweepPoint *pt;
  double wall_s;
  char *error;        /* NULL: its database is there to copy in */
  gboolean recovered; /* a file left by an earlier start */
} Finished;

typedef struct
{
  CcsSweepSpec *spec;
  sqlite3 *db;
  GPtrArray *finished; /* Finished*, waiting for the runs before them */
  char *dir;           /* OUT.runs */
  char *name;          /* scenario name */
  char *sha;           /* of the base scenario */
  char *bin_sha;       /* of the ccsim binary the runs use */
  guint total, done, failed, recovered;
  guint done_now; /* finished by this process, for the time estimate */
  gint64 start_us;
  gboolean tty;
  GQueue pending; /* CcsSweepPoint* */
  GPtrArray *children;
  GHashTable *attempts; /* run id → attempts so far */
} Sweep;

static volatile sig_atomic_t interrupted;

static void
on_signal (int sig)
{
  interrupted = sig;
}

static char *
run_path (const Sweep *S, guint64 id, const char *ext)
{
  return g_strdup_printf ("%s/run-%06" G_GUINT64_FORMAT ".%s", S->dir, id, ext);
}

static char *
format_duration (double s)
{
  if (s < 60)
    return g_strdup_printf ("%.0fs", s);
  if (s < 3600)
    return g_strdup_printf ("%dm%02ds", (int) s / 60, (int) s % 60);
  return g_strdup_printf ("%dh%02dm", (int) s / 3600, ((int) s % 3600) / 60);
}

static void
progress (Sweep *S, const CcsSweepPoint *pt, const char *what, double wall_s)
{
  if (S->spec->quiet)
    return;
  double el = (g_get_monotonic_time () - S->start_us) / 1e6;
  guint left = S->total - S->done - S->failed;
  if (!S->tty)
    {
      if (pt)
        g_printerr ("[%u/%u] run %" G_GUINT64_FORMAT " %s seed %" G_GINT64_FORMAT "%s%s: %s "
                    "(%.1f s)\n",
                    S->done + S->failed, S->total, pt->id, pt->policy, pt->seed,
                    *pt->params ? ", " : "", pt->params, what, wall_s);
      return;
    }
  int width = 24, fill = S->total ? (int) ((S->done + S->failed) * width / S->total) : width;
  char bar[32];
  for (int i = 0; i < width; i++)
    bar[i] = i < fill ? '#' : '-';
  bar[width] = 0;
  g_autofree char *e = format_duration (el);
  g_autofree char *eta = S->done_now && left ? format_duration (el / S->done_now * left)
                                             : g_strdup (left ? "?" : "0s");
  g_printerr ("\r\033[Ksweep [%s] %u/%u done, %u failed, %u running, %s elapsed, ~%s left", bar,
              S->done, S->total, S->failed, S->children->len, e, eta);
}

static void
progress_end (Sweep *S)
{
  if (S->tty && !S->spec->quiet)
    g_printerr ("\r\033[K");
}

static gboolean
insert_params (Sweep *S, const CcsSweepPoint *pt, GError **error)
{
  sqlite3_stmt *st;
  if (sqlite3_prepare_v2 (S->db, "INSERT INTO params VALUES (?,?,?)", -1, &st, NULL) != SQLITE_OK)
    return db_fail (error, S->db, "params");
  for (guint a = 0; a < S->spec->axes->len; a++)
    {
      const CcsSweepAxis *ax = S->spec->axes->pdata[a];
      sqlite3_bind_int64 (st, 1, pt->id);
      sqlite3_bind_text (st, 2, ax->key, -1, SQLITE_STATIC);
      sqlite3_bind_text (st, 3, ax->values[pt->value[a]], -1, SQLITE_STATIC);
      if (sqlite3_step (st) != SQLITE_DONE)
        {
          sqlite3_finalize (st);
          return db_fail (error, S->db, "params");
        }
      sqlite3_reset (st);
    }
  sqlite3_finalize (st);
  return TRUE;
}

/* Copy a child's database in as run pt->id, after checking that it is
 * that run: same policy, seed and resolved scenario. */
static gboolean
import_run (Sweep *S, const CcsSweepPoint *pt, const char *path, GError **error)
{
  g_autoptr (GError) local = NULL;
  g_autoptr (CcsScenario) want = load_point (S->spec, pt, TRUE, &local);
  if (!want)
    {
      g_set_error (error, CCS_SWEEP_ERROR, CCS_SWEEP_ERROR_SPEC, "%s", local->message);
      return FALSE;
    }
  if (!g_file_test (path, G_FILE_TEST_IS_REGULAR))
    {
      g_set_error (error, CCS_SWEEP_ERROR, CCS_SWEEP_ERROR_MISMATCH,
                   "the run ended without writing %s", path);
      return FALSE;
    }
  sqlite3_stmt *st;
  if (sqlite3_prepare_v2 (S->db, "ATTACH ? AS child", -1, &st, NULL) != SQLITE_OK)
    return db_fail (error, S->db, "attach");
  sqlite3_bind_text (st, 1, path, -1, SQLITE_STATIC);
  int rc = sqlite3_step (st);
  sqlite3_finalize (st);
  if (rc != SQLITE_DONE)
    {
      /* Not a database (a torn write): not this run, whatever it is. */
      g_set_error (error, CCS_SWEEP_ERROR, CCS_SWEEP_ERROR_MISMATCH, "%s: %s", path,
                   sqlite3_errmsg (S->db));
      return FALSE;
    }
  gboolean ok = FALSE;
  g_autofree char *sha = NULL, *status = NULL;
  if (has_table (S->db, "child", "runs"))
    {
      sha = db_text (S->db, "SELECT scenario_sha256 FROM child.runs WHERE run_id = 1", NULL);
      status = db_text (S->db, "SELECT status FROM child.runs WHERE run_id = 1", NULL);
    }
  if (!sha || !status || !g_str_equal (status, "done") || !g_str_equal (sha, want->sha256))
    g_set_error (error, CCS_SWEEP_ERROR, CCS_SWEEP_ERROR_MISMATCH,
                 "%s is not run %" G_GUINT64_FORMAT " of this sweep", path, pt->id);
  else if (ccs_results_exec (S->db, "BEGIN IMMEDIATE", error))
    {
      ok = ccs_results_copy_run (S->db, "child", 1, pt->id, error);
      if (ok
          && sqlite3_prepare_v2 (S->db, "UPDATE runs SET params = ? WHERE run_id = ?", -1, &st,
                                 NULL)
                 == SQLITE_OK)
        {
          sqlite3_bind_text (st, 1, pt->params, -1, SQLITE_STATIC);
          sqlite3_bind_int64 (st, 2, pt->id);
          ok = sqlite3_step (st) == SQLITE_DONE || db_fail (error, S->db, "params");
          sqlite3_finalize (st);
        }
      ok = ok && insert_params (S, pt, error) && ccs_results_exec (S->db, "COMMIT", error);
      if (!ok)
        sqlite3_exec (S->db, "ROLLBACK", NULL, NULL, NULL);
    }
  sqlite3_exec (S->db, "DETACH child", NULL, NULL, NULL);
  return ok;
}

static gboolean
record_failure (Sweep *S, const CcsSweepPoint *pt, const char *message, double wall_s,
                GError **error)
{
  g_autoptr (GError) local = NULL;
  g_autoptr (CcsScenario) want = load_point (S->spec, pt, TRUE, &local);
  if (!ccs_results_exec (S->db, "BEGIN IMMEDIATE", error))
    return FALSE;
  sqlite3_stmt *st;
  if (sqlite3_prepare_v2 (S->db,
                          "INSERT INTO runs (run_id, scenario, scenario_path, scenario_sha256,"
                          " config, policy, seed, params, version, status, error, wall_s)"
                          " VALUES (?,?,?,?,?,?,?,?,?,'failed',?,?)",
                          -1, &st, NULL)
      != SQLITE_OK)
    return db_fail (error, S->db, "runs");
  sqlite3_bind_int64 (st, 1, pt->id);
  sqlite3_bind_text (st, 2, S->name, -1, SQLITE_STATIC);
  sqlite3_bind_text (st, 3, S->spec->scenario, -1, SQLITE_STATIC);
  sqlite3_bind_text (st, 4, want ? want->sha256 : "", -1, SQLITE_STATIC);
  sqlite3_bind_text (st, 5, S->spec->config ? S->spec->config : "", -1, SQLITE_STATIC);
  sqlite3_bind_text (st, 6, pt->policy, -1, SQLITE_STATIC);
  sqlite3_bind_int64 (st, 7, pt->seed);
  sqlite3_bind_text (st, 8, pt->params, -1, SQLITE_STATIC);
  sqlite3_bind_text (st, 9, ccs_version (), -1, SQLITE_STATIC);
  sqlite3_bind_text (st, 10, message, -1, SQLITE_STATIC);
  sqlite3_bind_double (st, 11, wall_s);
  gboolean ok = sqlite3_step (st) == SQLITE_DONE || db_fail (error, S->db, "runs");
  sqlite3_finalize (st);
  ok = ok && insert_params (S, pt, error) && ccs_results_exec (S->db, "COMMIT", error);
  if (!ok)
    sqlite3_exec (S->db, "ROLLBACK", NULL, NULL, NULL);
  return ok;
}

/* The message of a failed child: its last "error:" line, else its last
 * line. */
static char *
log_error (const char *log)
{
  g_autofree char *text = NULL;
  if (!g_file_get_contents (log, &text, NULL, NULL) || !*text)
    return g_strdup ("no output");
  g_auto (GStrv) lines = g_strsplit (text, "\n", -1);
  const char *best = NULL, *last = NULL;
  for (int i = 0; lines[i]; i++)
    if (*g_strstrip (lines[i]))
      {
        last = lines[i];
        if (strstr (lines[i], "error:"))
          best = lines[i];
      }
  const char *m = best ? best : last ? last : "no output";
  if (g_str_has_prefix (m, "ccsim: error: "))
    m += strlen ("ccsim: error: ");
  return g_strndup (m, 1000);
}

static gboolean
launch (Sweep *S, CcsSweepPoint *pt, GError **error)
{
  const CcsSweepSpec *spec = S->spec;
  g_autofree char *db = run_path (S, pt->id, "db");
  g_autofree char *log = run_path (S, pt->id, "log");
  g_autoptr (GPtrArray) argv = g_ptr_array_new_with_free_func (g_free);
  g_ptr_array_add (argv, g_strdup (spec->exe));
  g_ptr_array_add (argv, g_strdup ("run"));
  g_ptr_array_add (argv, g_strdup (spec->scenario));
  if (spec->config)
    {
      g_ptr_array_add (argv, g_strdup ("--config"));
      g_ptr_array_add (argv, g_strdup (spec->config));
    }
  g_autoptr (GPtrArray) sets = point_sets (spec, pt, FALSE);
  for (guint i = 0; sets->pdata[i]; i++)
    {
      g_ptr_array_add (argv, g_strdup ("--set"));
      g_ptr_array_add (argv, g_strdup (sets->pdata[i]));
    }
  g_ptr_array_add (argv, g_strdup_printf ("--seed=%" G_GINT64_FORMAT, pt->seed));
  g_ptr_array_add (argv, g_strdup_printf ("--policy=%s", pt->policy));
  g_ptr_array_add (argv, g_strdup ("--out"));
  g_ptr_array_add (argv, g_strdup (db));
  g_ptr_array_add (argv, g_strdup ("--quiet"));
  g_ptr_array_add (argv, NULL);
  g_unlink (db);

  pid_t parent = getpid ();
  pid_t pid = fork ();
  if (pid < 0)
    {
      g_set_error (error, CCS_SWEEP_ERROR, CCS_SWEEP_ERROR_IO, "fork: %s", g_strerror (errno));
      return FALSE;
    }
  if (pid == 0)
    {
      /* A child never outlives the sweep: killing the parent kills it. */
      prctl (PR_SET_PDEATHSIG, SIGKILL);
      if (getppid () != parent)
        _exit (127);
      sigset_t none;
      sigemptyset (&none);
      sigprocmask (SIG_SETMASK, &none, NULL);
      signal (SIGINT, SIG_DFL);
      signal (SIGTERM, SIG_DFL);
      signal (SIGHUP, SIG_DFL);
      int fd = open (log, O_WRONLY | O_CREAT | O_TRUNC, 0644);
      int devnull = open ("/dev/null", O_RDONLY);
      if (fd < 0 || devnull < 0)
        _exit (127);
      dup2 (devnull, STDIN_FILENO);
      dup2 (fd, STDOUT_FILENO);
      dup2 (fd, STDERR_FILENO);
      execv (spec->exe, (char **) argv->pdata);
      dprintf (fd, "ccsim: error: cannot run %s: %s\n", spec->exe, g_strerror (errno));
      _exit (127);
    }
  Child *c = g_new0 (Child, 1);
  c->pt = pt;
  c->pid = pid;
  c->started_us = g_get_monotonic_time ();
  g_ptr_array_add (S->children, c);
  return TRUE;
}

/* The end of one child: copy its run in, record its failure, or put it
 * back in the queue when something outside killed it. */
static void
finished_free (Finished *f)
{
  g_free (f->error);
  g_free (f);
}

static void
add_finished (Sweep *S, CcsSweepPoint *pt, double wall, char *error)
{
  Finished *f = g_new0 (Finished, 1);
  f->pt = pt;
  f->wall_s = wall;
  f->error = error;
  g_ptr_array_add (S->finished, f);
}

/* Copy a finished run in, or record its failure.  *REDO: a file left by
 * an earlier start turned out not to be the run; it is discarded and the
 * run queued again. */
static gboolean
commit (Sweep *S, Finished *f, gboolean *redo, GError **error)
{
  CcsSweepPoint *pt = f->pt;
  g_autofree char *db = run_path (S, pt->id, "db");
  g_autofree char *log = run_path (S, pt->id, "log");
  g_autoptr (GError) local = NULL;
  const char *msg = f->error;
  if (!msg)
    {
      if (import_run (S, pt, db, &local))
        {
          S->done++;
          S->done_now++;
          g_unlink (db);
          g_unlink (log);
          progress (S, pt, "done", f->wall_s);
          return TRUE;
        }
      if (local->code != CCS_SWEEP_ERROR_MISMATCH)
        {
          g_propagate_error (error, g_steal_pointer (&local));
          return FALSE;
        }
      if (f->recovered)
        {
          g_unlink (db);
          g_queue_push_head (&S->pending, pt);
          S->recovered--;
          *redo = TRUE;
          return TRUE;
        }
      msg = local->message;
    }
  if (!record_failure (S, pt, msg, f->wall_s, error))
    return FALSE;
  S->failed++;
  g_unlink (db);
  progress (S, pt, "FAILED", f->wall_s);
  if (!S->tty && !S->spec->quiet)
    g_printerr ("  %s (log: %s)\n", msg, log);
  return TRUE;
}

static gint
cmp_finished (gconstpointer a, gconstpointer b)
{
  guint64 x = (*(Finished *const *) a)->pt->id, y = (*(Finished *const *) b)->pt->id;
  return (x > y) - (x < y);
}

/* Commit the finished runs that no unfinished run precedes. */
static gboolean
drain (Sweep *S, GError **error)
{
  guint64 next = G_MAXUINT64;
  for (GList *l = S->pending.head; l; l = l->next)
    next = MIN (next, ((CcsSweepPoint *) l->data)->id);
  for (guint i = 0; i < S->children->len; i++)
    next = MIN (next, ((Child *) S->children->pdata[i])->pt->id);
  g_ptr_array_sort (S->finished, cmp_finished);
  guint k = 0;
  gboolean ok = TRUE, redo = FALSE;
  /* A run queued again precedes the rest: they wait for it. */
  while (ok && !redo && k < S->finished->len && ((Finished *) S->finished->pdata[k])->pt->id < next)
    ok = commit (S, S->finished->pdata[k++], &redo, error);
  g_ptr_array_remove_range (S->finished, 0, k);
  return ok;
}

/* The end of one child: a result to commit, or back in the queue when
 * something outside killed it. */
static void
reap (Sweep *S, Child *c, int status)
{
  CcsSweepPoint *pt = c->pt;
  double wall = (g_get_monotonic_time () - c->started_us) / 1e6;
  g_autofree char *log = run_path (S, pt->id, "log");
  if (interrupted)
    return; /* not a result: the next start redoes it (or takes its file) */
  if (WIFEXITED (status) && WEXITSTATUS (status) == 0)
    {
      add_finished (S, pt, wall, NULL);
      return;
    }
  char *msg;
  if (c->timed_out)
    msg = g_strdup_printf ("timed out after %.0f s (--timeout)", S->spec->timeout_s);
  else if (WIFSIGNALED (status))
    {
      int sig = WTERMSIG (status);
      guint tries = GPOINTER_TO_UINT (g_hash_table_lookup (S->attempts, pt)) + 1;
      if ((sig == SIGKILL || sig == SIGTERM || sig == SIGINT || sig == SIGHUP) && tries < 3)
        {
          /* Killed from outside (the OOM killer, an operator): not a
           * property of the run, so try it again. */
          g_hash_table_insert (S->attempts, pt, GUINT_TO_POINTER (tries));
          g_queue_push_head (&S->pending, pt);
          if (!S->tty && !S->spec->quiet)
            g_printerr ("run %" G_GUINT64_FORMAT " was killed by signal %d; trying again\n", pt->id,
                        sig);
          return;
        }
      g_autofree char *tail = log_error (log);
      msg = g_strdup_printf ("killed by signal %d (%s)%s; last output: %s", sig, g_strsignal (sig),
                             tries >= 3 ? " three times" : "", tail);
    }
  else
    msg = log_error (log);
  add_finished (S, pt, wall, msg);
}

/* Finished child files left by a killed sweep are runs too. */
static void
recover (Sweep *S, GHashTable *todo)
{
  g_autoptr (GDir) dir = g_dir_open (S->dir, 0, NULL);
  if (!dir)
    return;
  const char *f;
  g_autoptr (GPtrArray) names = g_ptr_array_new_with_free_func (g_free);
  while ((f = g_dir_read_name (dir)))
    g_ptr_array_add (names, g_strdup (f));
  for (guint i = 0; i < names->len; i++)
    {
      const char *name = names->pdata[i];
      g_autofree char *path = g_build_filename (S->dir, name, NULL);
      guint64 id;
      if (g_str_equal (name, "lock") || g_str_equal (name, "ccsim"))
        continue;
      if (sscanf (name, "run-%" G_GUINT64_FORMAT ".db", &id) == 1 && g_str_has_suffix (name, ".db"))
        {
          CcsSweepPoint *pt = g_hash_table_lookup (todo, &id);
          if (pt)
            {
              /* Checked when committed; a file that is not this run
               * (or not a database) is discarded and the run redone. */
              add_finished (S, pt, 0, NULL);
              ((Finished *) S->finished->pdata[S->finished->len - 1])->recovered = TRUE;
              S->recovered++;
              g_hash_table_remove (todo, &id);
              continue;
            }
        }
      /* Everything else is a partial file or a log of a run to redo. */
      g_unlink (path);
    }
}

static void
kill_children (Sweep *S)
{
  for (guint i = 0; i < S->children->len; i++)
    kill (((Child *) S->children->pdata[i])->pid, SIGTERM);
  for (guint i = 0; i < S->children->len; i++)
    {
      waitpid (((Child *) S->children->pdata[i])->pid, NULL, 0);
      g_free (S->children->pdata[i]);
    }
  g_ptr_array_set_size (S->children, 0);
}

static gboolean
prepare (Sweep *S, GPtrArray *grid, GError **error)
{
  CcsSweepSpec *spec = S->spec;
  /* The base scenario, and every combination of varied values, must load
   * before anything runs: a typo fails now, not in run 287. */
  g_autoptr (CcsScenario) base = load_point (spec, NULL, FALSE, error);
  if (!base)
    return FALSE;
  S->name = g_strdup (base->name);
  S->sha = g_strdup (base->sha256);
  if (!spec->policies)
    {
      spec->policies = g_new0 (char *, 2);
      spec->policies[0] = g_strdup (base->policy);
    }
  for (char **p = spec->policies; *p; p++)
    if (!ccs_policy_lookup (*p))
      {
        g_autofree char *list = ccs_policy_names ();
        g_set_error (error, CCS_SWEEP_ERROR, CCS_SWEEP_ERROR_SPEC,
                     "--policies: unknown policy '%s' (available: %s)", *p, list);
        return FALSE;
      }
    else
      for (char **q = spec->policies; q < p; q++)
        if (g_str_equal (*p, *q))
          {
            g_set_error (error, CCS_SWEEP_ERROR, CCS_SWEEP_ERROR_SPEC,
                         "--policies: '%s' is listed twice", *p);
            return FALSE;
          }
  if (spec->seeds->len == 0)
    {
      gint64 s = base->seed;
      g_array_append_val (spec->seeds, s);
    }
  g_ptr_array_extend_and_steal (grid, ccs_sweep_grid (spec));
  guint per_combo = spec->seeds->len * g_strv_length (spec->policies);
  for (guint i = 0; i < grid->len; i += per_combo)
    {
      g_autoptr (GError) local = NULL;
      g_autoptr (CcsScenario) s = load_point (spec, grid->pdata[i], FALSE, &local);
      if (!s)
        {
          g_set_error (error, CCS_SWEEP_ERROR, CCS_SWEEP_ERROR_SPEC, "with %s: %s",
                       ((CcsSweepPoint *) grid->pdata[i])->params, local->message);
          return FALSE;
        }
    }
  return TRUE;
}

/* The children run a copy of the binary taken when the sweep started, so
 * rebuilding ccsim during a sweep cannot mix two programs' results. */
static gboolean
hash_binary (Sweep *S, GError **error)
{
  g_autofree char *data = NULL;
  gsize len;
  if (!g_file_get_contents (S->spec->exe, &data, &len, error))
    return FALSE;
  S->bin_sha = g_compute_checksum_for_data (G_CHECKSUM_SHA256, (const guchar *) data, len);
  return TRUE;
}

/* After the database accepted this build: copy it for the children. */
static gboolean
pin_binary (Sweep *S, GError **error)
{
  g_autofree char *data = NULL;
  gsize len;
  if (!g_file_get_contents (S->spec->exe, &data, &len, error))
    return FALSE;
  g_autofree char *copy = g_build_filename (S->dir, "ccsim", NULL);
  g_autofree char *have = NULL;
  gsize have_len;
  if (!g_file_get_contents (copy, &have, &have_len, NULL) || have_len != len
      || memcmp (have, data, len) != 0)
    {
      g_autofree char *tmp = g_strconcat (copy, ".tmp", NULL);
      if (!g_file_set_contents (tmp, data, len, error) || g_chmod (tmp, 0755) != 0
          || g_rename (tmp, copy) != 0)
        {
          if (error && !*error)
            g_set_error (error, CCS_SWEEP_ERROR, CCS_SWEEP_ERROR_IO, "cannot copy %s to %s: %s",
                         S->spec->exe, copy, g_strerror (errno));
          return FALSE;
        }
    }
  g_free (S->spec->exe);
  S->spec->exe = g_steal_pointer (&copy);
  return TRUE;
}

static gboolean
open_sweep_db (Sweep *S, guint64 grid_size, GError **error)
{
  CcsSweepSpec *spec = S->spec;
  if (g_file_test (spec->out, G_FILE_TEST_EXISTS))
    {
      /* A rebuilt ccsim would mix two programs' results in one sweep. */
      sqlite3 *db = db_open (spec->out, SQLITE_OPEN_READONLY, NULL);
      g_autofree char *old
          = db && has_table (db, "main", "meta") ? meta_get (db, "main", "binary_sha256") : NULL;
      sqlite3_close (db);
      if (old && !g_str_equal (old, S->bin_sha))
        {
          g_set_error (error, CCS_SWEEP_ERROR, CCS_SWEEP_ERROR_MISMATCH,
                       "%s was started by another build of ccsim (binary sha256 %.12s…, this one "
                       "is %.12s…); finish it with that build, or use another --out",
                       spec->out, old, S->bin_sha);
          return FALSE;
        }
    }
  g_autofree char *grid = grid_text (spec);
  g_autofree char *size = g_strdup_printf ("%" G_GUINT64_FORMAT, grid_size);
  g_autofree char *shard
      = spec->shard_n ? g_strdup_printf ("%u/%u", spec->shard_k, spec->shard_n) : g_strdup ("");
  const Meta want[] = { { "kind", "sweep" },
                        { "version", ccs_version () },
                        { "scenario", S->name },
                        { "scenario_sha256", S->sha },
                        { "grid", grid },
                        { "grid_size", size },
                        { "binary_sha256", S->bin_sha },
                        { "shard", shard } };
  g_autofree char *outdir = g_path_get_dirname (spec->out);
  if (g_mkdir_with_parents (outdir, 0755) != 0)
    {
      g_set_error (error, CCS_SWEEP_ERROR, CCS_SWEEP_ERROR_IO, "cannot create %s: %s", outdir,
                   g_strerror (errno));
      return FALSE;
    }
  S->db = db_open (spec->out, SQLITE_OPEN_READWRITE | SQLITE_OPEN_CREATE, error);
  if (!S->db)
    return FALSE;
  if (has_table (S->db, "main", "meta"))
    return check_meta (S->db, "main", spec->out, want, G_N_ELEMENTS (want),
                       " (use another --out, or delete it to start over)", error);
  if (has_table (S->db, "main", "runs"))
    {
      g_set_error (error, CCS_SWEEP_ERROR, CCS_SWEEP_ERROR_MISMATCH,
                   "%s is a results database of another kind; use another --out", spec->out);
      return FALSE;
    }
  /* New (or created by a sweep killed before its first commit). */
  if (!ccs_results_exec (S->db, "BEGIN", error)
      || !ccs_results_exec (S->db, ccs_results_schema, error))
    return FALSE;
  for (gsize i = 0; i < G_N_ELEMENTS (want); i++)
    if (!meta_put (S->db, "main", want[i].key, want[i].value, error))
      return FALSE;
  return ccs_results_exec (S->db, "COMMIT", error);
}

static gboolean
lock_sweep (Sweep *S, int *fd, GError **error)
{
  if (g_mkdir_with_parents (S->dir, 0755) != 0)
    {
      g_set_error (error, CCS_SWEEP_ERROR, CCS_SWEEP_ERROR_IO, "cannot create %s: %s", S->dir,
                   g_strerror (errno));
      return FALSE;
    }
  g_autofree char *lock = g_build_filename (S->dir, "lock", NULL);
  *fd = open (lock, O_RDWR | O_CREAT | O_CLOEXEC, 0644);
  if (*fd < 0 || flock (*fd, LOCK_EX | LOCK_NB) != 0)
    {
      /* Not ours: leave the lock, the files and the folder alone. */
      if (*fd >= 0)
        close (*fd);
      *fd = -1;
      g_set_error (error, CCS_SWEEP_ERROR, CCS_SWEEP_ERROR_IO,
                   "%s is in use by another sweep (lock %s)", S->spec->out, lock);
      return FALSE;
    }
  return TRUE;
}

static void
check_timeouts (Sweep *S)
{
  if (S->spec->timeout_s <= 0)
    return;
  gint64 now = g_get_monotonic_time ();
  for (guint i = 0; i < S->children->len; i++)
    {
      Child *c = S->children->pdata[i];
      if (!c->timed_out && (now - c->started_us) / 1e6 > S->spec->timeout_s)
        {
          c->timed_out = TRUE;
          kill (c->pid, SIGKILL);
        }
    }
}

static gboolean
run_loop (Sweep *S, GError **error)
{
  sigset_t chld;
  sigemptyset (&chld);
  sigaddset (&chld, SIGCHLD);
  if (!drain (S, error))
    return FALSE;
  while (!interrupted && (S->pending.length || S->children->len))
    {
      while (!interrupted && S->pending.length && S->children->len < S->spec->jobs)
        if (!launch (S, g_queue_pop_head (&S->pending), error))
          return FALSE;
      progress (S, NULL, NULL, 0);
      struct timespec tick = { 0, 250000000 };
      sigtimedwait (&chld, NULL, &tick);
      check_timeouts (S);
      int status;
      pid_t pid;
      while ((pid = waitpid (-1, &status, WNOHANG)) > 0)
        for (guint i = 0; i < S->children->len; i++)
          {
            Child *c = S->children->pdata[i];
            if (c->pid != pid)
              continue;
            g_ptr_array_remove_index (S->children, i);
            reap (S, c, status);
            g_free (c);
            break;
          }
      if (!interrupted && !drain (S, error))
        return FALSE;
    }
  return TRUE;
}

static guint
id_hash (gconstpointer p)
{
  return g_int64_hash (p);
}

gboolean
ccs_sweep_run (CcsSweepSpec *spec, GError **error)
{
  Sweep S = { .spec = spec, .tty = isatty (STDERR_FILENO) };
  g_queue_init (&S.pending);
  S.children = g_ptr_array_new ();
  S.finished = g_ptr_array_new_with_free_func ((GDestroyNotify) finished_free);
  S.attempts = g_hash_table_new (NULL, NULL);
  S.dir = g_strconcat (spec->out, ".runs", NULL);
  g_autoptr (GPtrArray) grid = g_ptr_array_new_with_free_func ((GDestroyNotify) point_free);
  g_autoptr (GHashTable) todo = g_hash_table_new (id_hash, g_int64_equal);
  g_autofree char *e = NULL, *sh = NULL, *disorder = NULL;
  int lock = -1;
  gboolean complete = FALSE;
  gboolean ok = FALSE;
  struct sigaction sa = { .sa_handler = on_signal }, old[3];
  const int sigs[] = { SIGINT, SIGTERM, SIGHUP };
  sigset_t chld, oldmask;
  sigemptyset (&chld);
  sigaddset (&chld, SIGCHLD);
  interrupted = 0;

  if (spec->jobs < 1)
    spec->jobs = 1;
  if (!spec->exe)
    spec->exe = g_file_read_link ("/proc/self/exe", NULL);
  if (!prepare (&S, grid, error) || !lock_sweep (&S, &lock, error) || !hash_binary (&S, error)
      || !open_sweep_db (&S, grid->len, error) || !pin_binary (&S, error))
    goto out;

  /* What this shard still has to do. */
  if (spec->retry_failed
      && !ccs_results_exec (S.db,
                            "BEGIN;"
                            "DELETE FROM params WHERE run_id IN (SELECT run_id "
                            "FROM runs WHERE status = 'failed');"
                            "DELETE FROM runs WHERE status = 'failed'; COMMIT;",
                            error))
    goto out;
  for (guint i = 0; i < grid->len; i++)
    {
      CcsSweepPoint *pt = grid->pdata[i];
      if (ccs_sweep_in_shard (pt->id, spec->shard_k, spec->shard_n))
        {
          S.total++;
          g_hash_table_insert (todo, &pt->id, pt);
        }
    }
  sqlite3_stmt *st;
  if (sqlite3_prepare_v2 (S.db, "SELECT run_id, status FROM runs", -1, &st, NULL) != SQLITE_OK)
    {
      db_fail (error, S.db, spec->out);
      goto out;
    }
  while (sqlite3_step (st) == SQLITE_ROW)
    {
      gint64 id = sqlite3_column_int64 (st, 0);
      if (g_hash_table_remove (todo, &id))
        {
          if (g_str_equal ((const char *) sqlite3_column_text (st, 1), "done"))
            S.done++;
          else
            S.failed++;
        }
    }
  sqlite3_finalize (st);
  guint already = S.done + S.failed;
  recover (&S, todo);
  for (guint i = 0; i < grid->len; i++)
    {
      CcsSweepPoint *pt = grid->pdata[i];
      if (g_hash_table_contains (todo, &pt->id))
        g_queue_push_tail (&S.pending, pt);
    }
  if (!spec->quiet && (already || S.recovered))
    g_printerr ("ccsim sweep: resuming %s: %u runs kept, %u recovered, %u to do\n", spec->out,
                already, S.recovered, S.pending.length);

  for (int i = 0; i < 3; i++)
    sigaction (sigs[i], &sa, &old[i]);
  sigprocmask (SIG_BLOCK, &chld, &oldmask);
  S.start_us = g_get_monotonic_time ();
  ok = run_loop (&S, error);
  complete
      = ok && !interrupted && S.pending.length == 0 && S.children->len == 0 && S.finished->len == 0;
  if (!ok || interrupted)
    kill_children (&S);
  sigprocmask (SIG_SETMASK, &oldmask, NULL);
  for (int i = 0; i < 3; i++)
    sigaction (sigs[i], &old[i], NULL);
  progress_end (&S);
  if (!ok)
    goto out;

  /* Runs go in in run_id order; failed runs redone (--retry-failed, now
   * or in an interrupted earlier try) may sit after later ones. */
  disorder
      = db_text (S.db,
                 "SELECT COUNT(*) FROM (SELECT run_id, LAG(run_id) OVER (ORDER BY rowid) AS prev "
                 "FROM runs) WHERE prev > run_id",
                 NULL);
  if (!interrupted && disorder && !g_str_equal (disorder, "0") && !sort_by_run (S.db, error))
    {
      ok = FALSE;
      goto out;
    }
  double el = (g_get_monotonic_time () - S.start_us) / 1e6;
  e = format_duration (el);
  if (interrupted)
    {
      g_set_error (error, CCS_SWEEP_ERROR, CCS_SWEEP_ERROR_INTERRUPTED,
                   "interrupted (signal %d): %u of %u runs are in %s; run the same command "
                   "again to do the other %u",
                   (int) interrupted, S.done + S.failed, S.total, spec->out,
                   S.total - S.done - S.failed);
      ok = FALSE;
      goto out;
    }
  sh = spec->shard_n ? g_strdup_printf (", shard %u/%u", spec->shard_k, spec->shard_n) : NULL;
  if (!spec->quiet)
    printf ("sweep %s: %u runs (%u policies × %u seeds × %u combinations%s): %u done, %u failed; "
            "%s wall, %.2f runs/s with %u jobs\n",
            S.name, S.total, g_strv_length (spec->policies), spec->seeds->len,
            (guint) (grid->len / (spec->seeds->len * g_strv_length (spec->policies))), sh ? sh : "",
            S.done, S.failed, e, el > 0 ? S.done_now / el : 0.0, spec->jobs);
  if (!spec->quiet)
    printf ("results: %s\n", spec->out);
  if (S.failed)
    {
      g_set_error (error, CCS_SWEEP_ERROR, CCS_SWEEP_ERROR_FAILED_RUNS,
                   "%u runs failed; their errors are in %s (SELECT run_id, policy, seed, error "
                   "FROM runs WHERE status = 'failed'); rerun with --retry-failed to try again",
                   S.failed, spec->out);
      ok = FALSE;
    }
out:
  if (S.db)
    sqlite3_close (S.db);
  if (lock >= 0)
    {
      /* Only a sweep that finished everything tidies up; an error or an
       * interrupt leaves the pinned binary and the run files for the
       * next start. */
      g_autofree char *lp = g_build_filename (S.dir, "lock", NULL);
      if (complete)
        {
          g_autofree char *bin = g_build_filename (S.dir, "ccsim", NULL);
          g_unlink (lp);
          g_unlink (bin);
          g_rmdir (S.dir); /* only when empty */
        }
      close (lock);
    }
  g_queue_clear (&S.pending);
  g_ptr_array_unref (S.children);
  g_ptr_array_unref (S.finished);
  g_hash_table_unref (S.attempts);
  g_free (S.dir);
  g_free (S.name);
  g_free (S.sha);
  g_free (S.bin_sha);
  return ok;
}

/* ------------------------------------------------------------ merge */

gboolean
ccs_sweep_merge (const char *out, const char *const *inputs, GError **error)
{
  if (g_file_test (out, G_FILE_TEST_EXISTS))
    {
      g_set_error (error, CCS_SWEEP_ERROR, CCS_SWEEP_ERROR_IO,
                   "%s exists; merge writes a new database", out);
      return FALSE;
    }
  g_autofree char *tmp = g_strdup_printf ("%s.tmp-%d", out, (int) getpid ());
  g_unlink (tmp);
  sqlite3 *db = db_open (tmp, SQLITE_OPEN_READWRITE | SQLITE_OPEN_CREATE, error);
  if (!db)
    return FALSE;
  const char *keys[]
      = { "kind", "version", "scenario", "scenario_sha256", "grid", "grid_size", "binary_sha256" };
  Meta want[G_N_ELEMENTS (keys)];
  g_autoptr (GPtrArray) owned = g_ptr_array_new_with_free_func (g_free);
  guint shard_n = 0;
  g_autofree guint8 *shards = NULL;
  /* One transaction per input (SQLite cannot detach a database inside a
   * transaction, and attaches at most ten at once); the file only gets
   * its name when every input is in. */
  gboolean whole = FALSE, ok = ccs_results_exec (db, "PRAGMA synchronous=OFF", error)
                               && ccs_results_exec (db, ccs_results_schema, error);
  for (int i = 0; ok && inputs[i]; i++)
    {
      const char *in = inputs[i];
      if (!g_file_test (in, G_FILE_TEST_IS_REGULAR))
        {
          g_set_error (error, CCS_SWEEP_ERROR, CCS_SWEEP_ERROR_IO, "%s: no such database", in);
          ok = FALSE;
          break;
        }
      sqlite3_stmt *st;
      ok = sqlite3_prepare_v2 (db, "ATTACH ? AS src", -1, &st, NULL) == SQLITE_OK;
      if (ok)
        {
          sqlite3_bind_text (st, 1, in, -1, SQLITE_STATIC);
          ok = sqlite3_step (st) == SQLITE_DONE;
          sqlite3_finalize (st);
        }
      if (!ok)
        {
          db_fail (error, db, in);
          break;
        }
      ok = ccs_results_exec (db, "BEGIN", error);
      g_autofree char *kind
          = ok && has_table (db, "src", "meta") ? meta_get (db, "src", "kind") : NULL;
      if (ok && (!kind || !g_str_equal (kind, "sweep")))
        {
          g_set_error (error, CCS_SWEEP_ERROR, CCS_SWEEP_ERROR_MISMATCH,
                       "%s is not a sweep database (made by ccsim sweep)", in);
          ok = FALSE;
        }
      else if (i == 0)
        for (gsize k = 0; k < G_N_ELEMENTS (keys); k++)
          {
            want[k].key = keys[k];
            char *v = meta_get (db, "src", keys[k]);
            want[k].value = v ? v : "";
            g_ptr_array_add (owned, v);
          }
      else if (!check_meta (db, "src", in, want, G_N_ELEMENTS (keys), "", error))
        {
          g_prefix_error (error, "refusing to merge %s into %s: ", in, inputs[0]);
          ok = FALSE;
        }
      /* Which shards are here: "K/N", or "K1,K2/N" from an earlier merge. */
      g_autofree char *shard = ok ? meta_get (db, "src", "shard") : NULL;
      if (ok && shard && *shard)
        {
          const char *slash = strrchr (shard, '/');
          gint64 n = 0;
          if (!slash || !parse_int (slash + 1, &n) || n < 1 || n > 1000000
              || (shard_n && n != shard_n))
            {
              g_set_error (error, CCS_SWEEP_ERROR, CCS_SWEEP_ERROR_MISMATCH,
                           "%s is shard '%s', which does not fit with shards of %u", in, shard,
                           shard_n);
              ok = FALSE;
            }
          else
            {
              if (!shards)
                shards = g_new0 (guint8, n + 1), shard_n = n;
              g_autofree char *list = g_strndup (shard, slash - shard);
              g_auto (GStrv) ks = g_strsplit (list, ",", -1);
              for (int j = 0; ks[j]; j++)
                {
                  gint64 k;
                  if (parse_int (ks[j], &k) && k >= 1 && k <= n)
                    shards[k] = 1;
                }
            }
        }
      else if (ok)
        whole = TRUE;
      /* Runs: each run id once; the same run in two inputs must agree. */
      g_autoptr (GArray) ids = g_array_new (FALSE, FALSE, sizeof (gint64));
      if (ok
          && sqlite3_prepare_v2 (db,
                                 "SELECT s.run_id, s.status, s.fingerprint, m.status, m.fingerprint"
                                 " FROM src.runs s LEFT JOIN main.runs m USING (run_id)"
                                 " ORDER BY s.run_id",
                                 -1, &st, NULL)
                 == SQLITE_OK)
        {
          while (ok && sqlite3_step (st) == SQLITE_ROW)
            {
              gint64 id = sqlite3_column_int64 (st, 0);
              const char *s_status = (const char *) sqlite3_column_text (st, 1);
              const char *s_fp = (const char *) sqlite3_column_text (st, 2);
              const char *m_status = (const char *) sqlite3_column_text (st, 3);
              const char *m_fp = (const char *) sqlite3_column_text (st, 4);
              if (!m_status)
                g_array_append_val (ids, id);
              else if (g_str_equal (m_status, "done") && g_str_equal (s_status, "done")
                       && g_strcmp0 (m_fp, s_fp) != 0)
                {
                  g_set_error (error, CCS_SWEEP_ERROR, CCS_SWEEP_ERROR_MISMATCH,
                               "run %" G_GINT64_FORMAT " of %s differs from the same run in an "
                               "earlier input (fingerprints %s and %s)",
                               id, in, s_fp, m_fp);
                  ok = FALSE;
                }
              else if (g_str_equal (m_status, "failed") && g_str_equal (s_status, "done"))
                {
                  /* A later retry succeeded: keep the result. */
                  for (int t = 0; ccs_results_run_tables[t]; t++)
                    {
                      g_autofree char *del
                          = g_strdup_printf ("DELETE FROM main.%s WHERE run_id = %" G_GINT64_FORMAT,
                                             ccs_results_run_tables[t], id);
                      ok = ok && ccs_results_exec (db, del, error);
                    }
                  g_array_append_val (ids, id);
                }
            }
          sqlite3_finalize (st);
        }
      for (guint j = 0; ok && j < ids->len; j++)
        {
          gint64 id = g_array_index (ids, gint64, j);
          ok = ccs_results_copy_run (db, "src", id, id, error);
        }
      ok = ok && ccs_results_exec (db, "COMMIT", error);
      if (!ok)
        sqlite3_exec (db, "ROLLBACK", NULL, NULL, NULL);
      sqlite3_exec (db, "DETACH src", NULL, NULL, NULL);
    }
  if (ok)
    {
      /* The shard of the union: "" when every shard (or a whole sweep) is
       * in, so merged shards equal the sweep run in one piece. */
      GString *sh = g_string_new (NULL);
      gboolean all = whole || (shard_n > 0);
      for (guint k = 1; k <= shard_n && !whole; k++)
        if (!shards[k])
          all = FALSE;
      if (!all)
        {
          for (guint k = 1; k <= shard_n; k++)
            if (shards[k])
              g_string_append_printf (sh, "%s%u", sh->len ? "," : "", k);
          g_string_append_printf (sh, "/%u", shard_n);
        }
      for (gsize k = 0; ok && k < G_N_ELEMENTS (keys); k++)
        ok = meta_put (db, "main", want[k].key, want[k].value, error);
      ok = ok && meta_put (db, "main", "shard", sh->str, error) && sort_by_run (db, error);
      g_string_free (sh, TRUE);
    }
  if (sqlite3_close (db) != SQLITE_OK && ok)
    ok = db_fail (error, NULL, "close");
  if (ok && g_rename (tmp, out) != 0)
    {
      g_set_error (error, CCS_SWEEP_ERROR, CCS_SWEEP_ERROR_IO, "cannot rename %s to %s: %s", tmp,
                   out, g_strerror (errno));
      ok = FALSE;
    }
  if (!ok)
    g_unlink (tmp);
  return ok;
}
