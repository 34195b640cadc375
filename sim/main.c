/* main.c — the `ccsim` command: subcommands from one table.
 *
 *   ccsim run SCENARIO        simulate, print the summary, write results
 *   ccsim check SCENARIO      validate a scenario (and its topology, policy)
 *   ccsim list WHAT           policies, profiles, links, kernels, keys
 *   ccsim export-platform S   the SimGrid platform XML of a scenario
 *   ccsim plot DB             figures from a results database
 *   ccsim sweep SCENARIO      many runs (policies × seeds × values) in one database
 *   ccsim merge OUT IN…       combine the shards of a sweep
 *   ccsim report DB           tables with confidence intervals
 *
 * Exit status: 0 on success, 1 on a failed run or invalid input, 2 on a
 * usage error.  Messages go to stderr; the summary to stdout.
 */
#include <errno.h>
#include <glib/gstdio.h>
#include <locale.h>
#include <math.h>
#include <stdio.h>
#include <string.h>
#include <unistd.h>

#include "policies/market.h"
#include "policies/policy.h"
#include "sim/engine.h"
#include "sim/plot.h"
#include "sim/report.h"
#include "sim/results.h"
#include "sim/scenario.h"
#include "sim/sweep.h"
#include "sim/world.h"

typedef struct
{
  char *config;
  gint64 seed;
  char *policy;
  char **sets;
  char *out;
  gboolean quiet;
  gboolean verbose;
  char *output;
  char *format;
  char *plot_dir;
} Options;

static Options opt = { .seed = -1 };

static int
usage_error (GOptionContext *ctx, const char *msg)
{
  g_printerr ("ccsim: %s\n\n", msg);
  g_autofree char *help = g_option_context_get_help (ctx, TRUE, NULL);
  g_printerr ("%s", help);
  return 2;
}

static int
usage_error_free (GOptionContext *ctx, GError *error)
{
  int rc = usage_error (ctx, error->message);
  g_error_free (error);
  return rc;
}

static int
fail (GError *error)
{
  g_printerr ("ccsim: error: %s\n", error->message);
  g_error_free (error);
  return 1;
}

/* Scenario from the common options: --config, --set, --seed, --policy. */
static CcsScenario *
load_scenario (const char *path, GError **error)
{
  /* Checked here so the message names the option, not an override line. */
  if (opt.policy && !ccs_policy_lookup (opt.policy))
    {
      g_autofree char *list = ccs_policy_names ();
      g_set_error (error, CCS_SCENARIO_ERROR, CCS_SCENARIO_ERROR_REFERENCE,
                   "--policy: unknown policy '%s' (available: %s)", opt.policy, list);
      return NULL;
    }
  g_autoptr (GPtrArray) sets = g_ptr_array_new_with_free_func (g_free);
  for (char **s = opt.sets; s && *s; s++)
    g_ptr_array_add (sets, g_strdup (*s));
  if (opt.seed >= 0)
    g_ptr_array_add (sets, g_strdup_printf ("Run.seed=%" G_GINT64_FORMAT, opt.seed));
  if (opt.policy)
    g_ptr_array_add (sets, g_strdup_printf ("Placement.policy=%s", opt.policy));
  g_ptr_array_add (sets, NULL);
  return ccs_scenario_load (path, opt.config, (const char *const *) sets->pdata, error);
}

static const GOptionEntry scenario_entries[] = {
  { "config", 'c', 0, G_OPTION_ARG_STRING, &opt.config, "Use the named variation [Config NAME]",
    "NAME" },
  { "set", 0, 0, G_OPTION_ARG_STRING_ARRAY, &opt.sets, "Override a key (repeatable)",
    "GROUP.KEY=VALUE" },
  { "seed", 's', 0, G_OPTION_ARG_INT64, &opt.seed, "Seed of the run (overrides Run.seed)", "N" },
  { "policy", 'p', 0, G_OPTION_ARG_STRING, &opt.policy,
    "Placement policy (overrides Placement.policy)", "NAME" },
  { NULL },
};

/* The common start of the scenario commands: parse the options, take one
 * SCENARIO argument, load it and build its world.  Returns -1 when the
 * command can go on, else the exit status to return. */
static int
open_scenario (GOptionContext *ctx, int argc, char **argv, const char *cmd, CcsScenario **s_out,
               CcsWorld **w_out)
{
  GError *error = NULL;
  if (!g_option_context_parse (ctx, &argc, &argv, &error))
    return usage_error_free (ctx, error);
  if (argc != 2)
    {
      g_autofree char *msg = g_strdup_printf ("%s needs exactly one SCENARIO file", cmd);
      return usage_error (ctx, msg);
    }
  g_autoptr (CcsScenario) s = load_scenario (argv[1], &error);
  if (!s)
    return fail (error);
  CcsWorld *w = ccs_world_build (s, &error);
  if (!w)
    return fail (error);
  *s_out = g_steal_pointer (&s);
  *w_out = w;
  return -1;
}

static void
print_summary (const CcsScenario *s, const CcsWorld *w, const CcsResults *r, const char *db)
{
  guint servers = w->nodes->len - w->n_iot;
  printf ("ccsim %s — %s%s%s, policy %s, seed %" G_GUINT64_FORMAT "\n", ccs_version (), s->name,
          *s->config ? " / " : "", s->config, s->policy, s->seed);
  printf ("  %u IoT devices, %u sites, %u servers with %u devices\n", w->n_iot, w->topo->sites->len,
          servers, w->devices->len - w->n_iot);
  printf ("  simulated %.1f s (window %.1f–%.1f s) in %.2f s wall, %.0f tasks/s wall\n", r->sim_s,
          s->warmup_s, s->duration_s, r->wall_s,
          r->wall_s > 0 ? (double) ccs_results_get (r, "tasks_created") / r->wall_s : 0);
  printf ("\n  %-24s %16s\n", "metric", "value");
  for (guint i = 0; i < r->metrics->len; i++)
    {
      const CcsMetric *m = &g_array_index (r->metrics, CcsMetric, i);
      if (isnan (m->value))
        printf ("  %-24s %16s\n", m->name, "-");
      else if (m->value == floor (m->value) && fabs (m->value) < 1e15)
        printf ("  %-24s %16.0f\n", m->name, m->value);
      else
        printf ("  %-24s %16.6g\n", m->name, m->value);
    }
  printf ("\n  conservation: created %.0f = completed %.0f + rejected %.0f + "
          "failed %.0f + in flight %.0f  ok\n",
          ccs_results_get (r, "tasks_created"), ccs_results_get (r, "tasks_completed"),
          ccs_results_get (r, "tasks_rejected"), ccs_results_get (r, "tasks_failed"),
          ccs_results_get (r, "tasks_in_flight"));
  if (!isnan (ccs_results_get (r, "jobs_created")))
    printf ("  jobs: created %.0f = completed %.0f + rejected %.0f + in flight %.0f  ok\n",
            ccs_results_get (r, "jobs_created"), ccs_results_get (r, "jobs_completed"),
            ccs_results_get (r, "jobs_rejected"), ccs_results_get (r, "jobs_in_flight"));
  printf ("  results: %s\n", db);
}

static int
cmd_run (int argc, char **argv)
{
  const GOptionEntry entries[] = {
    { "out", 'o', 0, G_OPTION_ARG_FILENAME, &opt.out,
      "Results database (default results/SCENARIO-CONFIG-SEED.db)", "FILE.db" },
    { "plot", 0, 0, G_OPTION_ARG_FILENAME, &opt.plot_dir, "Also write the figures into DIR",
      "DIR" },
    { "quiet", 'q', 0, G_OPTION_ARG_NONE, &opt.quiet, "No progress and no summary", NULL },
    { "verbose", 'v', 0, G_OPTION_ARG_NONE, &opt.verbose, "Let SimGrid log at INFO level", NULL },
    { NULL },
  };
  g_autoptr (GOptionContext) ctx = g_option_context_new ("SCENARIO — run one simulation");
  g_option_context_add_main_entries (ctx, scenario_entries, NULL);
  g_option_context_add_main_entries (ctx, entries, NULL);
  g_autoptr (CcsScenario) s = NULL;
  g_autoptr (CcsWorld) w = NULL;
  int rc = open_scenario (ctx, argc, argv, "run", &s, &w);
  if (rc >= 0)
    return rc;
  GError *error = NULL;
  g_autofree char *db = opt.out
                            ? g_strdup (opt.out)
                            : g_strdup_printf ("results/%s-%s-%" G_GUINT64_FORMAT ".db", s->name,
                                               *s->config ? s->config : "default", s->seed);
  CcsEngineOptions eo
      = { .progress = !opt.quiet && isatty (STDERR_FILENO), .verbose = opt.verbose };
  CcsResults r;
  ccs_results_init (&r);
  gboolean ok = ccs_engine_run (w, &eo, &r, &error) && ccs_results_write (db, w, &r, &error);
  if (ok && !opt.quiet)
    print_summary (s, w, &r, db);
  ccs_results_clear (&r);
  if (!ok)
    return fail (error);
  if (opt.plot_dir)
    {
      g_autoptr (GPtrArray) written = g_ptr_array_new_with_free_func (g_free);
      if (!ccs_plot_run (db, opt.plot_dir, "png", written, &error))
        return fail (error);
      for (guint i = 0; i < written->len && !opt.quiet; i++)
        printf ("  plot: %s\n", (char *) written->pdata[i]);
    }
  return 0;
}

static int
cmd_check (int argc, char **argv)
{
  g_autoptr (GOptionContext) ctx
      = g_option_context_new ("SCENARIO — validate a scenario without running it");
  g_option_context_add_main_entries (ctx, scenario_entries, NULL);
  g_autoptr (CcsScenario) s = NULL;
  g_autoptr (CcsWorld) w = NULL;
  int rc = open_scenario (ctx, argc, argv, "check", &s, &w);
  if (rc >= 0)
    return rc;
  GError *error = NULL;
  if (!ccs_engine_check (w, &error))
    return fail (error);
  double rate = 0;
  for (guint i = 0; i < s->iot->len; i++)
    {
      const CcsIotGroup *g = s->iot->pdata[i];
      rate += g->count
              * (g->arrival.kind == CCS_ARRIVAL_TRACE ? 0 : ccs_arrival_mean_rate (&g->arrival));
    }
  printf ("%s: ok — %u IoT devices, %u sites, %u links, %u servers, %u devices; "
          "about %.0f tasks expected; policy %s\n",
          s->path, w->n_iot, w->topo->sites->len, w->topo->links->len, w->nodes->len - w->n_iot,
          w->devices->len, rate * s->duration_s, s->policy);
  return 0;
}

static int
cmd_export (int argc, char **argv)
{
  const GOptionEntry entries[] = {
    { "output", 'o', 0, G_OPTION_ARG_FILENAME, &opt.output, "Write to FILE instead of stdout",
      "FILE" },
    { NULL },
  };
  g_autoptr (GOptionContext) ctx
      = g_option_context_new ("SCENARIO — write the SimGrid platform (XML)");
  g_option_context_add_main_entries (ctx, scenario_entries, NULL);
  g_option_context_add_main_entries (ctx, entries, NULL);
  g_autoptr (CcsScenario) s = NULL;
  g_autoptr (CcsWorld) w = NULL;
  int rc = open_scenario (ctx, argc, argv, "export-platform", &s, &w);
  if (rc >= 0)
    return rc;
  GError *error = NULL;
  FILE *f = opt.output ? fopen (opt.output, "w") : stdout;
  if (!f)
    {
      g_printerr ("ccsim: error: cannot write %s: %s\n", opt.output, g_strerror (errno));
      return 1;
    }
  gboolean ok = ccs_platform_write (w, f, &error);
  if (opt.output && fclose (f) != 0 && ok)
    {
      g_printerr ("ccsim: error: cannot write %s\n", opt.output);
      return 1;
    }
  return ok ? 0 : fail (error);
}

static gint
cmp_names (gconstpointer a, gconstpointer b)
{
  return strcmp (*(char *const *) a, *(char *const *) b);
}

static int
cmd_list (int argc, char **argv)
{
  g_autoptr (GOptionContext) ctx
      = g_option_context_new ("policies|markets|profiles|links|kernels|keys — what is available");
  GError *error = NULL;
  if (!g_option_context_parse (ctx, &argc, &argv, &error))
    return usage_error_free (ctx, error);
  if (argc != 2)
    return usage_error (ctx,
                        "list needs one of: policies, markets, profiles, links, kernels, keys");
  const char *what = argv[1];
  if (g_str_equal (what, "policies"))
    {
      guint n;
      const CcsPlacementOps *const *l = ccs_policy_list (&n);
      for (guint i = 0; i < n; i++)
        printf ("%-18s %s\n", l[i]->name, l[i]->summary);
    }
  else if (g_str_equal (what, "links"))
    {
      gsize n;
      const CcsLinkClass *l = ccs_link_classes (&n);
      for (gsize i = 0; i < n; i++)
        {
          g_autofree char *bw = ccs_units_format (l[i].bandwidth_bps, CCS_UNIT_BITRATE);
          g_autofree char *lat = ccs_units_format (l[i].latency_s, CCS_UNIT_TIME);
          printf ("%-11s %-12s %-10s %9.3g J/bit  %s\n", l[i].name, bw, lat, l[i].energy_j_per_bit,
                  l[i].summary);
        }
    }
  else if (g_str_equal (what, "kernels"))
    {
      printf ("parametric kernels: gemm, conv2d, depthwise, elementwise, reduction, attention\n");
      gsize n;
      const CcsModel *m = ccs_models (&n);
      for (gsize i = 0; i < n; i++)
        {
          g_autofree char *fl = ccs_units_format (m[i].flops, CCS_UNIT_OPS);
          printf ("%-12s %-12s %-9s %-5s %s\n", m[i].name, fl, ccs_kernel_class_name (m[i].klass),
                  ccs_precision_name (m[i].precision), m[i].summary);
        }
    }
  else if (g_str_equal (what, "profiles"))
    {
      const char *const *dirs = ccs_scenario_profile_dirs ();
      g_autoptr (GPtrArray) seen = g_ptr_array_new_with_free_func (g_free);
      for (int d = 0; dirs[d]; d++)
        {
          g_autoptr (GDir) dir = g_dir_open (dirs[d], 0, NULL);
          if (!dir)
            continue;
          g_autoptr (GPtrArray) names = g_ptr_array_new_with_free_func (g_free);
          const char *f;
          while ((f = g_dir_read_name (dir)))
            if (g_str_has_suffix (f, ".ini"))
              g_ptr_array_add (names, g_strdup (f));
          g_ptr_array_sort (names, cmp_names);
          for (guint i = 0; i < names->len; i++)
            {
              g_autofree char *path = g_build_filename (dirs[d], names->pdata[i], NULL);
              g_autoptr (CcsHwProfile) p = ccs_hw_profile_load (path, &error);
              if (!p)
                return fail (error);
              printf ("%-18s %-5s %s\n", p->name, ccs_device_class_name (p->klass), p->summary);
            }
          break;
        }
    }
  else if (g_str_equal (what, "markets"))
    {
      guint n;
      const CcsMarketOps *const *l = ccs_market_list (&n);
      for (guint i = 0; i < n; i++)
        printf ("%-18s %s\n", l[i]->name, l[i]->summary);
    }
  else if (g_str_equal (what, "keys"))
    ccs_scenario_write_reference (stdout);
  else
    return usage_error (ctx,
                        "list needs one of: policies, markets, profiles, links, kernels, keys");
  return 0;
}

static int
cmd_plot (int argc, char **argv)
{
  const GOptionEntry entries[] = {
    { "out", 'o', 0, G_OPTION_ARG_FILENAME, &opt.plot_dir,
      "Folder for the figures (default: DB without .db, plus -plots)", "DIR" },
    { "format", 'f', 0, G_OPTION_ARG_STRING, &opt.format, "png (default), svg or pdf", "FMT" },
    { NULL },
  };
  g_autoptr (GOptionContext) ctx = g_option_context_new ("DB — figures from a results database");
  g_option_context_add_main_entries (ctx, entries, NULL);
  GError *error = NULL;
  if (!g_option_context_parse (ctx, &argc, &argv, &error))
    return usage_error_free (ctx, error);
  if (argc != 2)
    return usage_error (ctx, "plot needs exactly one results database");
  g_autofree char *dir = opt.plot_dir ? g_strdup (opt.plot_dir) : NULL;
  if (!dir)
    {
      g_autofree char *stem = g_str_has_suffix (argv[1], ".db")
                                  ? g_strndup (argv[1], strlen (argv[1]) - 3)
                                  : g_strdup (argv[1]);
      dir = g_strconcat (stem, "-plots", NULL);
    }
  g_autoptr (GPtrArray) written = g_ptr_array_new_with_free_func (g_free);
  if (!ccs_plot_run (argv[1], dir, opt.format ? opt.format : "png", written, &error))
    return fail (error);
  for (guint i = 0; i < written->len; i++)
    printf ("%s\n", (char *) written->pdata[i]);
  return 0;
}

static int
cmd_sweep (int argc, char **argv)
{
  char *policies = NULL, *seeds = NULL, *shard = NULL, *markets = NULL;
  char **vary = NULL;
  gint jobs = 0;
  double timeout = 0;
  gboolean retry = FALSE, keep_tasks = FALSE;
  const GOptionEntry entries[] = {
    { "config", 'c', 0, G_OPTION_ARG_STRING, &opt.config, "Use the named variation [Config NAME]",
      "NAME" },
    { "set", 0, 0, G_OPTION_ARG_STRING_ARRAY, &opt.sets, "Override a key in every run (repeatable)",
      "GROUP.KEY=VALUE" },
    { "policies", 'p', 0, G_OPTION_ARG_STRING, &policies,
      "Placement policies to compare (default: the scenario's)", "A,B,…" },
    { "markets", 'm', 0, G_OPTION_ARG_STRING, &markets,
      "Market mechanisms to compare (a grid axis: Market.mechanism)", "A,B,…" },
    { "seeds", 's', 0, G_OPTION_ARG_STRING, &seeds,
      "Seeds, e.g. 1-30 or 1,2,5-7 (default: the "
      "scenario's)",
      "LIST" },
    { "vary", 0, 0, G_OPTION_ARG_STRING_ARRAY, &vary,
      "Run every value of a key (repeatable: the grid is the product)", "GROUP.KEY=V1,V2,…" },
    { "jobs", 'j', 0, G_OPTION_ARG_INT, &jobs, "Runs at a time (default: the number of cores)",
      "N" },
    { "out", 'o', 0, G_OPTION_ARG_FILENAME, &opt.out,
      "Sweep database (default results/SCENARIO-sweep.db)", "FILE.db" },
    { "shard", 0, 0, G_OPTION_ARG_STRING, &shard,
      "Run only shard K of N of the grid (merge the shards with ccsim merge)", "K/N" },
    { "timeout", 0, 0, G_OPTION_ARG_DOUBLE, &timeout,
      "Record a run as failed when it takes longer (wall clock)", "SECONDS" },
    { "retry-failed", 0, 0, G_OPTION_ARG_NONE, &retry,
      "Run the failed runs of an earlier try again", NULL },
    { "keep-tasks", 0, 0, G_OPTION_ARG_NONE, &keep_tasks,
      "Keep the scenario's per-task records (default: none, Run.task_sample = 0; latency "
      "quantiles, summaries and series are always kept)",
      NULL },
    { "quiet", 'q', 0, G_OPTION_ARG_NONE, &opt.quiet, "No progress and no summary", NULL },
    { NULL },
  };
  g_autoptr (GOptionContext) ctx = g_option_context_new (
      "SCENARIO — run policies × seeds × varied values, each run in its own process");
  g_option_context_set_description (
      ctx,
      "Interrupt it at any time and run the same command again: finished runs are kept.\n"
      "Example: ccsim sweep scenarios/quickstart.ini --policies earliest-finish,cloud-only \\\n"
      "           --seeds 1-10 --vary 'IoT cameras.count=1000,3000' --jobs 2 --out sw.db\n");
  g_option_context_add_main_entries (ctx, entries, NULL);
  GError *error = NULL;
  if (!g_option_context_parse (ctx, &argc, &argv, &error))
    return usage_error_free (ctx, error);
  if (argc != 2)
    return usage_error (ctx, "sweep needs exactly one SCENARIO file");
  g_autoptr (CcsSweepSpec) spec = ccs_sweep_spec_new ();
  spec->scenario = g_strdup (argv[1]);
  spec->config = g_strdup (opt.config);
  /* Per-task rows of every run would make a sweep database gigabytes
   * (3,000 cameras for 300 s: 200k rows a run); the quantiles table keeps
   * each run's latency distribution.  An explicit Run.task_sample wins. */
  gboolean sample_set = FALSE;
  for (char **x = opt.sets; x && *x; x++)
    sample_set |= g_str_has_prefix (*x, "Run.task_sample=");
  g_autoptr (GStrvBuilder) sb = g_strv_builder_new ();
  if (opt.sets)
    g_strv_builder_addv (sb, (const char **) opt.sets);
  if (!keep_tasks && !sample_set)
    g_strv_builder_add (sb, "Run.task_sample=0");
  spec->sets = g_strv_builder_end (sb);
  if (policies)
    {
      spec->policies = g_strsplit (policies, ",", -1);
      for (char **p = spec->policies; *p; p++)
        g_strstrip (*p);
    }
  if (seeds && !ccs_sweep_parse_seeds (seeds, spec->seeds, &error))
    return fail (error);
  if (markets)
    {
      g_autofree char *axis = g_strconcat ("Market.mechanism=", markets, NULL);
      CcsSweepAxis *a = ccs_sweep_parse_axis (axis, &error);
      if (!a)
        return fail (error);
      for (char **m = a->values; *m; m++)
        if (!ccs_market_lookup (*m))
          {
            g_autofree char *list = ccs_market_names ();
            g_printerr ("ccsim: error: --markets: unknown market mechanism '%s' (available: %s)\n",
                        *m, list);
            ccs_sweep_axis_free (a);
            return 1;
          }
      g_ptr_array_add (spec->axes, a);
    }
  for (char **v = vary; v && *v; v++)
    {
      CcsSweepAxis *a = ccs_sweep_parse_axis (*v, &error);
      if (!a)
        return fail (error);
      g_ptr_array_add (spec->axes, a);
    }
  if (shard && !ccs_sweep_parse_shard (shard, &spec->shard_k, &spec->shard_n, &error))
    return fail (error);
  if (jobs < 0 || timeout < 0)
    return usage_error (ctx, "--jobs and --timeout must not be negative");
  spec->jobs = jobs ? (guint) jobs : g_get_num_processors ();
  spec->timeout_s = timeout;
  spec->retry_failed = retry;
  spec->quiet = opt.quiet;
  if (opt.out)
    spec->out = g_strdup (opt.out);
  else
    {
      g_autofree char *base = g_path_get_basename (argv[1]);
      if (g_str_has_suffix (base, ".ini"))
        base[strlen (base) - 4] = 0;
      spec->out = g_strdup_printf ("results/%s-sweep.db", base);
    }
  const char *exe = g_getenv ("CCSIM_SWEEP_EXE");
  if (exe && *exe)
    spec->exe = g_strdup (exe);
  if (!ccs_sweep_run (spec, &error))
    return fail (error);
  return 0;
}

static int
cmd_merge (int argc, char **argv)
{
  g_autoptr (GOptionContext) ctx
      = g_option_context_new ("OUT.db IN.db… — combine sweep shards into one database");
  g_option_context_set_description (
      ctx, "The inputs must be shards (or pieces) of the same sweep: same scenario, grid and\n"
           "ccsim version.  A run present in several inputs must have the same result.\n");
  GError *error = NULL;
  if (!g_option_context_parse (ctx, &argc, &argv, &error))
    return usage_error_free (ctx, error);
  if (argc < 3)
    return usage_error (ctx, "merge needs OUT.db and at least one input");
  if (!ccs_sweep_merge (argv[1], (const char *const *) argv + 2, &error))
    return fail (error);
  printf ("%s: merged %d databases\n", argv[1], argc - 2);
  return 0;
}

static int
cmd_report (int argc, char **argv)
{
  char *baseline = NULL, *metrics = NULL;
  double level = 0.95;
  const GOptionEntry entries[] = {
    { "baseline", 'b', 0, G_OPTION_ARG_STRING, &baseline,
      "Compare every policy with this one, pairing runs by seed", "POLICY" },
    { "format", 'f', 0, G_OPTION_ARG_STRING, &opt.format, "table (default), markdown, csv or latex",
      "FMT" },
    { "metrics", 'm', 0, G_OPTION_ARG_STRING, &metrics, "Only these metrics (default: all)",
      "A,B,…" },
    { "level", 0, 0, G_OPTION_ARG_DOUBLE, &level, "Confidence level (default 0.95)", "L" },
    { "output", 'o', 0, G_OPTION_ARG_FILENAME, &opt.output, "Write to FILE instead of stdout",
      "FILE" },
    { NULL },
  };
  g_autoptr (GOptionContext) ctx
      = g_option_context_new ("DB — compare policies: means with confidence intervals");
  g_option_context_add_main_entries (ctx, entries, NULL);
  GError *error = NULL;
  if (!g_option_context_parse (ctx, &argc, &argv, &error))
    return usage_error_free (ctx, error);
  if (argc != 2)
    return usage_error (ctx, "report needs exactly one results database");
  CcsReportOptions o = { .baseline = baseline, .level = level };
  if (opt.format && !ccs_report_format_parse (opt.format, &o.format))
    return usage_error (ctx, "--format must be table, markdown, csv or latex");
  g_auto (GStrv) mlist = metrics ? g_strsplit (metrics, ",", -1) : NULL;
  for (char **m = mlist; m && *m; m++)
    g_strstrip (*m);
  o.metrics = (const char *const *) mlist;
  g_autoptr (GString) out = g_string_new (NULL);
  if (!ccs_report_write (argv[1], &o, out, &error))
    return fail (error);
  if (opt.output)
    {
      if (!g_file_set_contents (opt.output, out->str, out->len, &error))
        return fail (error);
    }
  else
    fwrite (out->str, 1, out->len, stdout);
  return 0;
}

static int
cmd_version (int argc, char **argv)
{
  (void) argc;
  (void) argv;
  printf ("ccsim %s\n", ccs_version ());
  return 0;
}

static const struct
{
  const char *name;
  int (*fn) (int argc, char **argv);
  const char *summary;
} commands[] = {
  { "run", cmd_run, "run one simulation and write its results database" },
  { "check", cmd_check, "validate a scenario without running it" },
  { "list", cmd_list, "list policies, markets, profiles, links, kernels or scenario keys" },
  { "export-platform", cmd_export, "write the SimGrid platform of a scenario" },
  { "sweep", cmd_sweep, "run a grid of policies × seeds × values (resumable)" },
  { "merge", cmd_merge, "combine shards of a sweep into one database" },
  { "report", cmd_report, "compare policies: means, confidence intervals, ranks" },
  { "plot", cmd_plot, "render figures from a results database" },
  { "version", cmd_version, "print the version" },
};

static void
print_usage (FILE *f)
{
  fprintf (f, "Usage: ccsim COMMAND [OPTION…]\n\nccsim simulates the cloud continuum (IoT, edge, "
              "clouds, HPC) on SimGrid.\n\nCommands:\n");
  for (gsize i = 0; i < G_N_ELEMENTS (commands); i++)
    fprintf (f, "  %-16s %s\n", commands[i].name, commands[i].summary);
  fprintf (f, "\nRun `ccsim COMMAND --help` for the options of a command.\n");
}

int
main (int argc, char **argv)
{
  setlocale (LC_ALL, "");
  /* Numbers in files, XML and the database are always in the C locale. */
  setlocale (LC_NUMERIC, "C");
  if (argc < 2)
    {
      print_usage (stderr);
      return 2;
    }
  if (g_str_equal (argv[1], "--help") || g_str_equal (argv[1], "-h")
      || g_str_equal (argv[1], "help"))
    {
      print_usage (stdout);
      return 0;
    }
  if (g_str_equal (argv[1], "--version"))
    return cmd_version (0, NULL);
  for (gsize i = 0; i < G_N_ELEMENTS (commands); i++)
    if (g_str_equal (argv[1], commands[i].name))
      {
        /* Let GOption see "ccsim run" as the program name. */
        g_autofree char *prog = g_strdup_printf ("ccsim %s", argv[1]);
        g_set_prgname (prog);
        argv[1] = argv[0];
        return commands[i].fn (argc - 1, argv + 1);
      }
  fprintf (stderr, "ccsim: unknown command '%s'\n\n", argv[1]);
  print_usage (stderr);
  return 2;
}
