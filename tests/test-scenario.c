/* test-scenario.c — loading and validating scenario files.
 *
 * Each test writes a small scenario (starting from BASE, the smallest valid
 * one) and checks either the parsed, defaulted fields or the error: its
 * domain and code, and that the message starts with "FILE:LINE: [GROUP]
 * KEY:" for the exact line of the offending key.  Line numbers are found
 * by searching the written text, so the scenarios can be edited freely.
 *
 * Nothing here runs SimGrid: ccs_scenario_load and ccs_world_build only
 * read files and build the topology with igraph.
 */
#include <math.h>
#include <stdio.h>
#include <string.h>

#include "policies/policy.h"
#include "sim/scenario.h"
#include "sim/topology.h"
#include "sim/world.h"
#include "tests/testutil.h"

/* The smallest valid scenario. */
static const char BASE[] = "[Run]\n"
                           "duration = 10 s\n"
                           "\n"
                           "[Site edge]\n"
                           "tier = edge\n"
                           "\n"
                           "[Node n]\n"
                           "site = edge\n"
                           "devices = jetson-orin-nano\n"
                           "\n"
                           "[App a]\n"
                           "model = yolov8n\n"
                           "\n"
                           "[IoT cams]\n"
                           "count = 10\n"
                           "profile = rpi4\n"
                           "app = a\n";

static CcsScenario *
load_ok (const char *name, const char *text, const char *config, const char *const *sets)
{
  g_autofree char *path = ccs_test_write (name, text);
  g_autoptr (GError) error = NULL;
  CcsScenario *s = ccs_scenario_load (path, config, sets, &error);
  g_assert_no_error (error);
  g_assert_nonnull (s);
  return s;
}

/* Load @path (with @config and @sets) and expect a CCS_SCENARIO_ERROR with
 * code @code (any code when -1) whose message starts with @start. */
static GError *
load_error (const char *path, const char *config, const char *const *sets, int code,
            const char *start)
{
  GError *error = NULL;
  g_autoptr (CcsScenario) s = ccs_scenario_load (path, config, sets, &error);
  g_assert_null (s);
  g_assert_nonnull (error);
  g_test_message ("error: %s", error->message);
  if (code < 0)
    g_assert_cmpstr (g_quark_to_string (error->domain), ==, g_quark_to_string (CCS_SCENARIO_ERROR));
  else
    g_assert_error (error, CCS_SCENARIO_ERROR, code);
  ccs_test_assert_prefix (error->message, start);
  return error;
}

/* Where an ErrorCase fails: loading the scenario, or building the topology
 * or the whole world of the loaded scenario. */
typedef enum
{
  AT_LOAD,
  AT_TOPOLOGY,
  AT_WORLD,
} ErrorStage;

/* A scenario that fails: BASE with its first @from replaced by @to (when
 * @from is given), between @prepend and @append, written as @name and
 * loaded with @config and @sets, then built up to @stage.  The error has
 * code @code and its message starts with "LOC @head" (just "LOC" without
 * @head), LOC being "@where:" (for --set), else "PATH:LINE:" with LINE that
 * of @marker in the text, else "PATH:"; it contains all @needles and not
 * @absent (unless NULL). */
typedef struct
{
  const char *name;
  const char *prepend, *from, *to, *append;
  const char *config;
  const char *sets[3]; /* at most two, then NULL */
  ErrorStage stage;
  int code;
  const char *where, *marker, *head;
  const char *needles[2];
  const char *absent;
} ErrorCase;

static void
check_errors (const ErrorCase *cases, gsize n)
{
  for (gsize i = 0; i < n; i++)
    {
      const ErrorCase *c = &cases[i];
      g_test_message ("case %s", c->name);
      g_autofree char *edited = c->from ? ccs_test_edit (BASE, c->from, c->to) : g_strdup (BASE);
      g_autofree char *text
          = g_strconcat (c->prepend ? c->prepend : "", edited, c->append ? c->append : "", NULL);
      g_autofree char *path = ccs_test_write (c->name, text);
      g_autofree char *loc = c->where    ? g_strconcat (c->where, ":", NULL)
                             : c->marker ? ccs_test_at (path, ccs_test_line_of (text, c->marker))
                                         : g_strconcat (path, ":", NULL);
      g_autofree char *start = c->head ? g_strconcat (loc, " ", c->head, NULL) : g_strdup (loc);
      const char *const *sets = c->sets[0] ? c->sets : NULL;
      g_autoptr (GError) error = NULL;
      if (c->stage == AT_LOAD)
        error = load_error (path, c->config, sets, c->code, start);
      else
        {
          g_autoptr (CcsScenario) s = ccs_scenario_load (path, c->config, sets, &error);
          g_assert_no_error (error);
          g_assert_nonnull (s);
          if (c->stage == AT_TOPOLOGY)
            {
              g_autoptr (CcsTopology) topo = ccs_topology_build (s, &error);
              g_assert_null (topo);
            }
          else
            {
              g_autoptr (CcsWorld) w = ccs_world_build (s, &error);
              g_assert_null (w);
            }
          g_assert_nonnull (error);
          g_test_message ("error: %s", error->message);
          g_assert_error (error, CCS_SCENARIO_ERROR, c->code);
          ccs_test_assert_prefix (error->message, start);
        }
      for (gsize k = 0; k < G_N_ELEMENTS (c->needles) && c->needles[k]; k++)
        ccs_test_assert_contains (error->message, c->needles[k]);
      if (c->absent)
        g_assert_null (strstr (error->message, c->absent));
    }
}

static const CcsSiteGroup *
site (const CcsScenario *s, guint i)
{
  g_assert_cmpuint (i, <, s->sites->len);
  return s->sites->pdata[i];
}

static const CcsApp *
app (const CcsScenario *s, guint i)
{
  g_assert_cmpuint (i, <, s->apps->len);
  return s->apps->pdata[i];
}

static const CcsIotGroup *
iot (const CcsScenario *s, guint i)
{
  g_assert_cmpuint (i, <, s->iot->len);
  return s->iot->pdata[i];
}

static const CcsNodeGroup *
node (const CcsScenario *s, guint i)
{
  g_assert_cmpuint (i, <, s->nodes->len);
  return s->nodes->pdata[i];
}

/* ---- valid scenarios ---- */

static void
test_load_minimal (void)
{
  g_test_summary ("The minimal scenario loads with every default filled in");
  g_autoptr (CcsScenario) s = load_ok ("minimal.ini", BASE, NULL, NULL);
  g_assert_cmpstr (s->name, ==, "minimal"); /* the file stem */
  g_assert_cmpstr (s->config, ==, "");
  ccs_test_assert_rel (s->duration_s, 10);
  ccs_test_assert_rel (s->warmup_s, 0);
  g_assert_cmpuint (s->seed, ==, 1);
  ccs_test_assert_rel (s->task_sample, 1);
  g_assert_cmpstr (s->policy, ==, "earliest-finish");
  g_assert_cmpint (s->topo.model, ==, CCS_TOPO_STAR);
  ccs_test_assert_rel (s->topo.area_m, 100e3);
  g_assert_true (s->topo.site_link == ccs_link_class_lookup ("metro"));

  g_assert_cmpuint (s->sites->len, ==, 1);
  const CcsSiteGroup *e = site (s, 0);
  g_assert_cmpstr (e->name, ==, "edge");
  g_assert_cmpint (e->tier, ==, CCS_TIER_EDGE);
  g_assert_cmpuint (e->count, ==, 1);
  g_assert_cmpstr (e->provider, ==, "own");
  g_assert_cmpstr (e->domain, ==, "local");
  g_assert_cmpstr (e->region, ==, "");
  g_assert_true (e->uplink == ccs_link_class_lookup ("metro"));
  g_assert_true (e->lan == ccs_link_class_lookup ("eth10g"));

  g_assert_cmpuint (s->nodes->len, ==, 1);
  const CcsNodeGroup *n = node (s, 0);
  g_assert_cmpstr (n->name, ==, "n");
  g_assert_cmpuint (n->site_group, ==, 0);
  g_assert_cmpuint (n->count, ==, 1);
  g_assert_cmpuint (n->slots, ==, 0);
  g_assert_cmpint (n->queue, ==, CCS_QUEUE_FIFO);
  g_assert_cmpuint (n->devices->len, ==, 1);
  const CcsDeviceSpec *d = &g_array_index (n->devices, CcsDeviceSpec, 0);
  g_assert_cmpuint (d->count, ==, 1);
  g_assert_cmpstr (d->profile->name, ==, "jetson-orin-nano");

  /* yolov8n at its usual fp16: flops from the catalogue; bytes = weights
   * 3.16e6·2 B + activations 72e6 B = 78.32e6 B. */
  g_assert_cmpuint (s->apps->len, ==, 1);
  const CcsApp *a = app (s, 0);
  const CcsModel *m = ccs_model_lookup ("yolov8n");
  g_assert_true (a->model == m);
  g_assert_cmpint (a->flops.kind, ==, CCS_DIST_CONST);
  ccs_test_assert_rel (a->flops.a, m->flops);
  ccs_test_assert_rel (a->flops.a, 8.7e9);
  g_assert_cmpint (a->bytes.kind, ==, CCS_DIST_CONST);
  ccs_test_assert_rel (a->bytes.a, 78.32e6);
  g_assert_cmpint (a->precision, ==, CCS_PREC_FP16);
  g_assert_cmpint (a->klass, ==, CCS_KC_CONV);
  ccs_test_assert_rel (a->batch, 1);
  ccs_test_assert_rel (a->deadline_s, 0);
  g_assert_false (a->sovereign);

  g_assert_cmpuint (s->iot->len, ==, 1);
  const CcsIotGroup *g = iot (s, 0);
  g_assert_cmpstr (g->name, ==, "cams");
  g_assert_cmpuint (g->count, ==, 10);
  g_assert_cmpstr (g->profile->name, ==, "rpi4");
  g_assert_true (g->link == ccs_link_class_lookup ("wifi5"));
  g_assert_cmpint (g->attach, ==, CCS_ATTACH_NEAREST);
  g_assert_cmpint (g->arrival.kind, ==, CCS_ARRIVAL_POISSON);
  ccs_test_assert_rel (g->arrival.rate_hz, 1);
  g_assert_cmpuint (g->app, ==, 0);
  g_assert_cmpint (g->site_group, ==, -1);
  g_assert_cmpstr (g->region, ==, "");
  g_assert_cmpstr (g->domain, ==, "local");

  /* Profiles are loaded once each. */
  g_assert_cmpuint (s->profiles->len, ==, 2);
  g_assert_cmpuint (strlen (s->sha256), ==, 64);
  ccs_test_assert_contains (s->resolved, "[Run]\nduration = 10 s\n");
}

/* A scenario using most keys, with values that differ from the defaults. */
static const char FULL[] = "[Run]\n"
                           "name = full-test\n"
                           "duration = 5 min\n"
                           "warmup = 30 s\n"
                           "seed = 42\n"
                           "task_sample = 0.1\n"
                           "\n"
                           "[Placement]\n"
                           "policy = least-loaded\n"
                           "\n"
                           "[Topology]\n"
                           "model = ba\n"
                           "ba_m = 2\n"
                           "area = 20 km\n"
                           "site_link = eth100g\n"
                           "\n"
                           "[Site edge]\n"
                           "tier = edge\n"
                           "count = 3\n"
                           "region = city\n"
                           "\n"
                           "[Site aws]\n"
                           "tier = cloud\n"
                           "distance = 600 km\n"
                           "\n"
                           "[Site hpc]\n"
                           "tier = hpc\n"
                           "provider = univ\n"
                           "\n"
                           "[Node big]\n"
                           "site = aws\n"
                           "count = 4\n"
                           "devices = 2 xeon-gold-6338 + 8 nvidia-a100\n"
                           "slots = 2\n"
                           "queue = ps\n"
                           "\n"
                           "[Node e]\n"
                           "site = edge\n"
                           "devices = jetson-orin-nano\n"
                           "slots = 3\n"
                           "\n"
                           "[App a]\n"
                           "model = yolov8n\n"
                           "\n"
                           "[App b]\n"
                           "flops = exp(2 GFLOP)   # per task\n"
                           "bytes = 10 MB\n"
                           "kernel_class = gemm\n"
                           "precision = fp32\n"
                           "input = lognormal(150 KB, 50 KB)\n"
                           "output = 2 KB\n"
                           "deadline = 100 ms\n"
                           "sovereign = true\n"
                           "\n"
                           "[App c]\n"
                           "model = resnet50\n"
                           "precision = fp32\n"
                           "batch = 4\n"
                           "\n"
                           "[App d]\n"
                           "model = yolov8n\n"
                           "flops = 1 GFLOP\n"
                           "\n"
                           "[IoT cams]\n"
                           "count = 10\n"
                           "profile = rpi4\n"
                           "link = 5g\n"
                           "attach = even\n"
                           "region = city\n"
                           "app = b\n"
                           "arrival = mmpp\n"
                           "rate = 2 Hz\n"
                           "rate_off = 0.5 Hz\n"
                           "on_time = 20 s\n"
                           "off_time = 40 s\n"
                           "domain = acme\n";

static void
test_load_full (void)
{
  g_test_summary ("Every kind of key is parsed into the right field");
  g_autoptr (CcsScenario) s = load_ok ("full.ini", FULL, NULL, NULL);
  g_assert_cmpstr (s->name, ==, "full-test");
  ccs_test_assert_rel (s->duration_s, 300);
  ccs_test_assert_rel (s->warmup_s, 30);
  g_assert_cmpuint (s->seed, ==, 42);
  ccs_test_assert_rel (s->task_sample, 0.1);
  g_assert_cmpstr (s->policy, ==, "least-loaded");
  g_assert_cmpint (s->topo.model, ==, CCS_TOPO_BA);
  g_assert_cmpuint (s->topo.ba_m, ==, 2);
  ccs_test_assert_rel (s->topo.area_m, 20e3);
  g_assert_true (s->topo.site_link == ccs_link_class_lookup ("eth100g"));

  g_assert_cmpuint (s->sites->len, ==, 3);
  const CcsSiteGroup *edge = site (s, 0), *aws = site (s, 1), *hpc = site (s, 2);
  g_assert_cmpuint (edge->count, ==, 3);
  g_assert_cmpstr (edge->region, ==, "city");
  g_assert_true (edge->uplink == ccs_link_class_lookup ("eth100g")); /* site_link */
  /* A cloud is run by a provider named after the group by default, and
   * that provider is its sovereignty domain. */
  g_assert_cmpint (aws->tier, ==, CCS_TIER_CLOUD);
  g_assert_cmpstr (aws->provider, ==, "aws");
  g_assert_cmpstr (aws->domain, ==, "aws");
  g_assert_true (aws->uplink == ccs_link_class_lookup ("wan"));
  g_assert_true (aws->lan == ccs_link_class_lookup ("eth10g"));
  ccs_test_assert_rel (aws->distance_m, 600e3);
  /* HPC: own provider given, domain stays local, InfiniBand inside. */
  g_assert_cmpint (hpc->tier, ==, CCS_TIER_HPC);
  g_assert_cmpstr (hpc->provider, ==, "univ");
  g_assert_cmpstr (hpc->domain, ==, "local");
  g_assert_true (hpc->uplink == ccs_link_class_lookup ("wan"));
  g_assert_true (hpc->lan == ccs_link_class_lookup ("infiniband"));

  /* "2 xeon-gold-6338 + 8 nvidia-a100" */
  const CcsNodeGroup *big = node (s, 0);
  g_assert_cmpstr (big->name, ==, "big");
  g_assert_cmpuint (big->site_group, ==, 1);
  g_assert_cmpuint (big->count, ==, 4);
  g_assert_cmpuint (big->slots, ==, 2);
  g_assert_cmpint (big->queue, ==, CCS_QUEUE_PS);
  g_assert_cmpuint (big->devices->len, ==, 2);
  const CcsDeviceSpec *d0 = &g_array_index (big->devices, CcsDeviceSpec, 0);
  const CcsDeviceSpec *d1 = &g_array_index (big->devices, CcsDeviceSpec, 1);
  g_assert_cmpuint (d0->count, ==, 2);
  g_assert_cmpstr (d0->profile->name, ==, "xeon-gold-6338");
  g_assert_cmpuint (d1->count, ==, 8);
  g_assert_cmpstr (d1->profile->name, ==, "nvidia-a100");
  g_assert_cmpuint (node (s, 1)->site_group, ==, 0);

  g_assert_cmpuint (s->apps->len, ==, 4);
  const CcsApp *b = app (s, 1);
  g_assert_null (b->model);
  g_assert_cmpint (b->flops.kind, ==, CCS_DIST_EXP);
  ccs_test_assert_rel (b->flops.a, 2e9);
  g_assert_cmpint (b->bytes.kind, ==, CCS_DIST_CONST);
  ccs_test_assert_rel (b->bytes.a, 1e7);
  g_assert_cmpint (b->klass, ==, CCS_KC_GEMM);
  g_assert_cmpint (b->precision, ==, CCS_PREC_FP32);
  g_assert_cmpint (b->input.kind, ==, CCS_DIST_LOGNORMAL);
  ccs_test_assert_rel (b->input.a, 150e3);
  ccs_test_assert_rel (b->input.b, 50e3);
  ccs_test_assert_rel (b->output.a, 2e3);
  ccs_test_assert_rel (b->deadline_s, 0.1);
  g_assert_true (b->sovereign);
  /* resnet50 at batch 4 in fp32: 4·8.18e9 FLOP;
   * 25.56e6·4 B of weights + 4·45e6 B of activations = 282.24e6 B. */
  const CcsApp *c = app (s, 2);
  ccs_test_assert_rel (c->batch, 4);
  ccs_test_assert_rel (c->flops.a, 4 * 8.18e9);
  ccs_test_assert_rel (c->bytes.a, 282.24e6);
  g_assert_cmpint (c->precision, ==, CCS_PREC_FP32);
  /* An explicit flops overrides the model's, the bytes stay the model's. */
  const CcsApp *dd = app (s, 3);
  ccs_test_assert_rel (dd->flops.a, 1e9);
  ccs_test_assert_rel (dd->bytes.a, 78.32e6);

  const CcsIotGroup *g = iot (s, 0);
  g_assert_cmpuint (g->app, ==, 1);
  g_assert_true (g->link == ccs_link_class_lookup ("5g"));
  g_assert_cmpint (g->attach, ==, CCS_ATTACH_EVEN);
  g_assert_cmpstr (g->region, ==, "city");
  g_assert_cmpstr (g->domain, ==, "acme");
  g_assert_cmpint (g->arrival.kind, ==, CCS_ARRIVAL_MMPP);
  ccs_test_assert_rel (g->arrival.rate_hz, 2);
  ccs_test_assert_rel (g->arrival.rate_off_hz, 0.5);
  ccs_test_assert_rel (g->arrival.on_s, 20);
  ccs_test_assert_rel (g->arrival.off_s, 40);
}

static void
test_world_full (void)
{
  g_test_summary ("The world of the full scenario has the nodes and devices "
                  "its groups describe");
  g_autoptr (CcsScenario) s = load_ok ("full.ini", FULL, NULL, NULL);
  g_autoptr (GError) error = NULL;
  g_autoptr (CcsWorld) w = ccs_world_build (s, &error);
  g_assert_no_error (error);
  g_assert_nonnull (w);
  /* Sites: edge-0..2, aws, hpc. */
  g_assert_cmpuint (w->topo->sites->len, ==, 5);
  g_assert_cmpstr (((CcsSite *) w->topo->sites->pdata[0])->name, ==, "edge-0");
  g_assert_cmpstr (((CcsSite *) w->topo->sites->pdata[3])->name, ==, "aws");
  /* Nodes: 10 cameras + 4 at aws + 1 at each of 3 edge sites = 17;
   * devices: 10 + 4·(2 + 8) + 3 = 53. */
  g_assert_cmpuint (w->n_iot, ==, 10);
  g_assert_cmpuint (w->nodes->len, ==, 17);
  g_assert_cmpuint (w->devices->len, ==, 53);
  /* Even attachment over the three edge sites: 0, 1, 2, 0, 1, ... */
  for (guint i = 0; i < w->n_iot; i++)
    {
      const CcsWorldNode *n = CCS_WORLD_NODE (w, i);
      g_assert_cmpint (n->tier, ==, CCS_TIER_IOT);
      g_assert_cmpuint (n->site, ==, i % 3);
      g_assert_cmpstr (n->domain, ==, "acme");
    }
  for (guint i = 0; i < w->devices->len; i++)
    {
      const CcsWorldDevice *d = CCS_WORLD_DEVICE (w, i);
      const CcsWorldNode *n = CCS_WORLD_NODE (w, d->node);
      if (n->tier == CCS_TIER_CLOUD)
        {
          /* processor sharing: one slot, all tasks share */
          g_assert_true (d->ps);
          g_assert_cmpuint (d->slots, ==, 1);
          g_assert_cmpstr (n->provider, ==, "aws");
        }
      else if (n->tier == CCS_TIER_EDGE)
        {
          g_assert_false (d->ps);
          g_assert_cmpuint (d->slots, ==, 3);
          g_assert_cmpstr (d->profile->name, ==, "jetson-orin-nano");
        }
    }
  /* 40 devices at the aws site. */
  GArray *aws_devs = w->site_devices->pdata[3];
  g_assert_cmpuint (aws_devs->len, ==, 40);
}

static void
test_world_minimal (void)
{
  g_test_summary ("The minimal scenario's world: 10 cameras and one server");
  g_autoptr (CcsScenario) s = load_ok ("minimal.ini", BASE, NULL, NULL);
  g_autoptr (GError) error = NULL;
  g_autoptr (CcsWorld) w = ccs_world_build (s, &error);
  g_assert_no_error (error);
  g_assert_cmpuint (w->n_iot, ==, 10);
  g_assert_cmpuint (w->nodes->len, ==, 11);
  g_assert_cmpuint (w->devices->len, ==, 11);
  const CcsWorldNode *server = CCS_WORLD_NODE (w, 10);
  g_assert_cmpstr (server->name, ==, "edge.n0");
  g_assert_cmpint (server->tier, ==, CCS_TIER_EDGE);
  g_assert_cmpstr (CCS_WORLD_NODE (w, 3)->name, ==, "cams-3");
  /* Default slots come from the profile (the Jetson runs one task). */
  g_assert_cmpuint (CCS_WORLD_DEVICE (w, 10)->slots, ==, 1);
  /* One star link from the core to the only site. */
  g_assert_cmpuint (w->topo->links->len, ==, 1);
}

static void
test_explicit_topology (void)
{
  g_test_summary ("An explicit link's latency is its class's plus 4.9 us/km of fibre");
  g_autofree char *text = g_strconcat ("[Topology]\nmodel = explicit\n\n"
                                       "[Link up]\na = core\nb = edge\n"
                                       "class = metro\ndistance = 10 km\n\n",
                                       BASE, NULL);
  g_autoptr (CcsScenario) s = load_ok ("explicit.ini", text, NULL, NULL);
  g_assert_cmpint (s->topo.model, ==, CCS_TOPO_EXPLICIT);
  g_assert_cmpuint (s->topo.links->len, ==, 1);
  g_autoptr (GError) error = NULL;
  g_autoptr (CcsWorld) w = ccs_world_build (s, &error);
  g_assert_no_error (error);
  g_assert_cmpuint (w->topo->links->len, ==, 1);
  const CcsTopoLink *l = &g_array_index (w->topo->links, CcsTopoLink, 0);
  const CcsLinkClass *metro = ccs_link_class_lookup ("metro");
  g_assert_cmpuint (l->a, ==, 0);
  g_assert_cmpuint (l->b, ==, 1);
  /* 10 km · 4.9e-9 s/m = 49 us on top of the class latency. */
  ccs_test_assert_rel (l->latency_s, metro->latency_s + 49e-6);
  ccs_test_assert_rel (l->bandwidth_bps, metro->bandwidth_bps);
}

static void
test_trace (void)
{
  g_test_summary ("Trace arrivals are read per device from a file next to "
                  "the scenario");
  g_autofree char *trace = ccs_test_write ("trace/times.csv", "# time, device\n"
                                                              "0.5\n"
                                                              "1.5,1\n"
                                                              "2.0\n");
  (void) trace;
  g_autofree char *text
      = ccs_test_edit (BASE, "app = a\n", "app = a\narrival = trace\ntrace = times.csv\n");
  g_autofree char *t2 = ccs_test_edit (text, "count = 10", "count = 2");
  g_autoptr (CcsScenario) s = load_ok ("trace/scenario.ini", t2, NULL, NULL);
  const CcsIotGroup *g = iot (s, 0);
  g_assert_cmpint (g->arrival.kind, ==, CCS_ARRIVAL_TRACE);
  g_assert_cmpuint (g->traces->len, ==, 2);
  GArray *d0 = g->traces->pdata[0], *d1 = g->traces->pdata[1];
  /* Lines without a device go to every device. */
  g_assert_cmpuint (d0->len, ==, 2);
  g_assert_cmpfloat (g_array_index (d0, double, 0), ==, 0.5);
  g_assert_cmpfloat (g_array_index (d0, double, 1), ==, 2.0);
  g_assert_cmpuint (d1->len, ==, 3);
  g_assert_cmpfloat (g_array_index (d1, double, 1), ==, 1.5);
}

static void
test_trace_errors (void)
{
  g_test_summary ("Trace errors name the [IoT NAME] group, the trace key and "
                  "the line");
  g_autofree char *t
      = ccs_test_edit (BASE, "app = a\n", "app = a\narrival = trace\ntrace = bad.csv\n");
  g_autofree char *t2 = ccs_test_edit (t, "count = 10", "count = 2");

  /* A device index out of range, at its line in the trace file. */
  g_autofree char *csv = ccs_test_write ("trace/bad.csv", "0.5\n1.0,7\n");
  g_autofree char *path = ccs_test_write ("trace/bad.ini", t2);
  g_autofree char *start = g_strdup_printf ("%s:2: [IoT cams] trace: ", csv);
  g_autoptr (GError) e1 = load_error (path, NULL, NULL, -1, start);
  ccs_test_assert_contains (e1->message, "bad line '1.0,7'");

  /* Times going back. */
  g_autofree char *csv2 = ccs_test_write ("trace/back.csv", "0.5\n0.2\n");
  g_autofree char *t3 = ccs_test_edit (t2, "bad.csv", "back.csv");
  g_autofree char *path3 = ccs_test_write ("trace/back.ini", t3);
  g_autofree char *start2 = g_strdup_printf ("%s:", csv2);
  g_autoptr (GError) e2 = load_error (path3, NULL, NULL, -1, start2);
  ccs_test_assert_contains (e2->message, "[IoT cams] trace: times must be in increasing order");

  /* A trace file that does not exist: the scenario's trace line. */
  g_autofree char *t4 = ccs_test_edit (t2, "bad.csv", "none.csv");
  g_autofree char *path4 = ccs_test_write ("trace/none.ini", t4);
  g_autofree char *loc4 = ccs_test_at (path4, ccs_test_line_of (t4, "trace = none.csv"));
  g_autofree char *start4 = g_strconcat (loc4, " [IoT cams] trace: ", NULL);
  g_autoptr (GError) e4 = load_error (path4, NULL, NULL, -1, start4);
  ccs_test_assert_contains (e4->message, "cannot read");
}

/* ---- errors ---- */

static void
test_error_unknown_group (void)
{
  g_test_summary ("An unknown group is reported at its line with a suggestion");
  static const ErrorCase cases[] = {
    { .name = "stie.ini",
      .from = "[Site edge]",
      .to = "[Stie edge]",
      .code = CCS_SCENARIO_ERROR_UNKNOWN_GROUP,
      .marker = "[Stie edge]",
      .head = "[Stie edge] unknown group (did you mean 'Site'?)",
      .needles = { "groups: Run, Placement, Market, Topology, Site NAME" } },
    { .name = "runn.ini",
      .append = "[Runn]\nseed = 3\n",
      .code = CCS_SCENARIO_ERROR_UNKNOWN_GROUP,
      .marker = "[Runn]",
      .head = "[Runn] unknown group (did you mean 'Run'?)" },
    /* A named group without a name is not a group. */
    { .name = "noname.ini",
      .append = "[Site]\ntier = edge\n",
      .code = CCS_SCENARIO_ERROR_UNKNOWN_GROUP,
      .marker = "[Site]\n",
      .head = "[Site] unknown group" },
  };
  check_errors (cases, G_N_ELEMENTS (cases));
}

static void
test_error_unknown_key (void)
{
  g_test_summary ("An unknown key is reported at its line with a suggestion");
  static const ErrorCase cases[] = {
    { .name = "regoin.ini",
      .from = "tier = edge\n",
      .to = "tier = edge\nregoin = city\n",
      .code = CCS_SCENARIO_ERROR_UNKNOWN_KEY,
      .marker = "regoin",
      .head = "[Site edge] regoin: unknown key (did you mean 'region'?)" },
    { .name = "warmpu.ini",
      .from = "duration = 10 s\n",
      .to = "duration = 10 s\nwarmpu = 1 s\n",
      .code = CCS_SCENARIO_ERROR_UNKNOWN_KEY,
      .marker = "warmpu",
      .head = "[Run] warmpu: unknown key (did you mean 'warmup'?)" },
    /* Nothing close: no suggestion. */
    { .name = "colour.ini",
      .from = "app = a\n",
      .to = "app = a\ncolour = blue\n",
      .code = CCS_SCENARIO_ERROR_UNKNOWN_KEY,
      .marker = "colour",
      .head = "[IoT cams] colour: unknown key",
      .absent = "did you mean" },
  };
  check_errors (cases, G_N_ELEMENTS (cases));
}

static void
test_error_unknown_key_required (void)
{
  g_test_summary ("A misspelt required key is reported as an unknown key "
                  "with a suggestion, at its own line");
  /* [IoT cams] cuont = 10: the useful message points at "cuont" and
   * suggests "count", rather than saying that count is missing. */
  static const ErrorCase cases[] = {
    { .name = "cuont.ini",
      .from = "count = 10",
      .to = "cuont = 10",
      .code = CCS_SCENARIO_ERROR_UNKNOWN_KEY,
      .marker = "cuont",
      .head = "[IoT cams] cuont: unknown key (did you mean 'count'?)" },
  };
  check_errors (cases, G_N_ELEMENTS (cases));
}

static void
test_error_missing_required (void)
{
  g_test_summary ("A missing required key is reported at its group's line");
  static const ErrorCase cases[] = {
    { .name = "noprofile.ini",
      .from = "profile = rpi4\n",
      .to = "",
      .code = CCS_SCENARIO_ERROR_VALUE,
      .marker = "[IoT cams]",
      .head = "[IoT cams] profile: missing (required)" },
    { .name = "notier.ini",
      .from = "tier = edge\n",
      .to = "",
      .code = CCS_SCENARIO_ERROR_VALUE,
      .marker = "[Site edge]",
      .head = "[Site edge] tier: missing (required)" },
    /* An app needs a model or flops. */
    { .name = "noflops.ini",
      .from = "model = yolov8n\n",
      .to = "input = 1 MB\n",
      .code = CCS_SCENARIO_ERROR_VALUE,
      .marker = "[App a]",
      .head = "[App a] flops: missing (give `model` or `flops`)" },
    /* A training step needs a model to derive its work and memory from. */
    { .name = "trainflops.ini",
      .from = "model = yolov8n\n",
      .to = "flops = 1 GFLOP\ntraining = true\n",
      .code = CCS_SCENARIO_ERROR_VALUE,
      .marker = "training = true",
      .head = "[App a] training: needs a model" },
    /* Without an [IoT] group nothing generates tasks (BASE ends with it). */
    { .name = "noiot.ini",
      .from = "[IoT cams]\ncount = 10\nprofile = rpi4\napp = a\n",
      .to = "",
      .code = CCS_SCENARIO_ERROR_VALUE,
      .marker = "[Run]",
      .head = "[IoT] the scenario has no [IoT NAME] group" },
  };
  g_assert_true (g_str_has_suffix (BASE, cases[4].from));
  check_errors (cases, G_N_ELEMENTS (cases));
}

/* Pipelines: stages must be apps, edges must join two stages and form a
 * DAG, IoT groups may name a pipeline as their app, a stage's source
 * must be an IoT group. */
static void
test_error_pipelines (void)
{
  static const char pipe[] = "\n[App b]\nflops = 1 GFLOP\n\n[App c]\nflops = 1 GFLOP\n\n"
                             "[Pipeline p]\nstages = a, b, c\nedges = a>b, b>c\n";
  g_autofree char *edited = ccs_test_edit (BASE, "app = a\n", "app = p\n");
  g_autofree char *ok_text = g_strconcat (edited, pipe, NULL);
  g_autoptr (CcsScenario) s = load_ok ("pipe-ok.ini", ok_text, NULL, NULL);
  g_assert_cmpuint (s->pipelines->len, ==, 1);
  g_assert_cmpint (((CcsIotGroup *) s->iot->pdata[0])->pipeline, ==, 0);
  const CcsPipeline *pl = s->pipelines->pdata[0];
  g_assert_cmpuint (pl->stages->len, ==, 3);
  g_assert_cmpuint (pl->edges->len, ==, 4);
  static const ErrorCase cases[] = {
    { .name = "pipe-cycle.ini",
      .append = "\n[App b]\nflops = 1 GFLOP\n\n[Pipeline p]\nstages = a, b\n"
                "edges = a>b, b>a\n",
      .code = CCS_SCENARIO_ERROR_VALUE,
      .marker = "edges = a>b, b>a",
      .head = "[Pipeline p] edges: the edges form a cycle through 'a'" },
    { .name = "pipe-unknown.ini",
      .append = "\n[Pipeline p]\nstages = a, zz\n",
      .code = CCS_SCENARIO_ERROR_REFERENCE,
      .marker = "stages = a, zz",
      .head = "[Pipeline p] stages: unknown app 'zz'" },
    { .name = "pipe-edge.ini",
      .append = "\n[App b]\nflops = 1 GFLOP\n\n[Pipeline p]\nstages = a\nedges = a>b\n",
      .code = CCS_SCENARIO_ERROR_REFERENCE,
      .marker = "edges = a>b",
      .head = "[Pipeline p] edges: 'b' in 'a>b' is not one of the stages" },
    { .name = "pipe-source.ini",
      .append = "\n[App b]\nflops = 1 GFLOP\nsource = cmas\n",
      .code = CCS_SCENARIO_ERROR_REFERENCE,
      .marker = "source = cmas",
      .head = "[App b] source: unknown IoT group 'cmas'" },
    { .name = "pipe-app.ini",
      .from = "app = a\n",
      .to = "app = pp\n",
      .append = "\n[Pipeline p]\nstages = a\n",
      .code = CCS_SCENARIO_ERROR_REFERENCE,
      .marker = "app = pp",
      .head = "[IoT cams] app: unknown app or pipeline 'pp'" },
  };
  check_errors (cases, G_N_ELEMENTS (cases));
}

static void
test_error_units (void)
{
  g_test_summary ("Wrong and missing units are reported with the key");
  static const ErrorCase cases[] = {
    { .name = "parsecs.ini",
      .from = "duration = 10 s",
      .to = "duration = 10 parsecs",
      .code = CCS_SCENARIO_ERROR_VALUE,
      .marker = "duration",
      .head = "[Run] duration: '10 parsecs': unknown unit 'parsecs' for a time",
      .needles = { "ns, us, µs, ms, s, sec, min, h, d" } },
    { .name = "nounit.ini",
      .from = "duration = 10 s",
      .to = "duration = 10",
      .code = CCS_SCENARIO_ERROR_VALUE,
      .marker = "duration",
      .head = "[Run] duration: '10' has no unit (a time, e.g. '250 ms')" },
    { .name = "rate.ini",
      .from = "app = a\n",
      .to = "app = a\nrate = 2\n",
      .code = CCS_SCENARIO_ERROR_VALUE,
      .marker = "rate = 2",
      .head = "[IoT cams] rate: '2' has no unit (a rate, e.g. '2 Hz')" },
    /* A distribution's argument without a unit. */
    { .name = "distunit.ini",
      .from = "model = yolov8n\n",
      .to = "flops = exp(2)\n",
      .code = CCS_SCENARIO_ERROR_VALUE,
      .marker = "flops",
      .head = "[App a] flops: '2' has no unit" },
    { .name = "distname.ini",
      .from = "model = yolov8n\n",
      .to = "flops = gamma(2 GFLOP)\n",
      .code = CCS_SCENARIO_ERROR_VALUE,
      .marker = "flops",
      .head = "[App a] flops: ",
      .needles = { "unknown distribution 'gamma'" } },
  };
  check_errors (cases, G_N_ELEMENTS (cases));
}

static void
test_error_bounds (void)
{
  g_test_summary ("Values out of their bounds or choices are reported with the key");
  static const ErrorCase cases[] = {
    { .name = "sample.ini",
      .from = "duration = 10 s\n",
      .to = "duration = 10 s\ntask_sample = 2\n",
      .code = CCS_SCENARIO_ERROR_VALUE,
      .marker = "task_sample",
      .head = "[Run] task_sample: 2 is out of bounds [0, 1]" },
    { .name = "count0.ini",
      .from = "count = 10",
      .to = "count = 0",
      .code = CCS_SCENARIO_ERROR_VALUE,
      .marker = "count = 0",
      .head = "[IoT cams] count: 0 is out of bounds [1, 10000000]" },
    { .name = "countneg.ini",
      .from = "count = 10",
      .to = "count = -3",
      .code = CCS_SCENARIO_ERROR_VALUE,
      .marker = "count = -3",
      .head = "[IoT cams] count: '-3' is not a non-negative integer" },
    { .name = "tier.ini",
      .from = "tier = edge",
      .to = "tier = egde",
      .code = CCS_SCENARIO_ERROR_VALUE,
      .marker = "tier = egde",
      .head = "[Site edge] tier: 'egde' is not one of: access, edge, private, "
              "cloud, hpc (did you mean 'edge'?)" },
    { .name = "bool.ini",
      .from = "model = yolov8n\n",
      .to = "model = yolov8n\nsovereign = maybe\n",
      .code = CCS_SCENARIO_ERROR_VALUE,
      .marker = "sovereign",
      .head = "[App a] sovereign: 'maybe' is not a boolean" },
    { .name = "radius.ini",
      .prepend = "[Topology]\nmodel = geometric\nradius = 3\n\n",
      .code = CCS_SCENARIO_ERROR_VALUE,
      .marker = "radius",
      .head = "[Topology] radius: 3 is out of bounds" },
    /* A positive rate is needed for generated arrivals. */
    { .name = "rate0.ini",
      .from = "app = a\n",
      .to = "app = a\nrate = 0 Hz\n",
      .code = CCS_SCENARIO_ERROR_VALUE,
      .marker = "rate = 0",
      .head = "[IoT cams] rate: must be > 0 for poisson arrivals" },
  };
  check_errors (cases, G_N_ELEMENTS (cases));
}

static void
test_error_warmup (void)
{
  g_test_summary ("A warm-up as long as the run is rejected at the warmup line");
  static const ErrorCase cases[] = {
    { .name = "warmup.ini",
      .from = "duration = 10 s\n",
      .to = "duration = 10 s\nwarmup = 10 s\n",
      .code = CCS_SCENARIO_ERROR_VALUE,
      .marker = "warmup",
      .head = "[Run] warmup: must be shorter than duration" },
    { .name = "warmup2.ini",
      .from = "duration = 10 s\n",
      .to = "warmup = 1 min\nduration = 10 s\n",
      .code = CCS_SCENARIO_ERROR_VALUE,
      .marker = "warmup",
      .head = "[Run] warmup: must be shorter than duration" },
  };
  check_errors (cases, G_N_ELEMENTS (cases));
  /* Just shorter is fine. */
  g_autofree char *t3
      = ccs_test_edit (BASE, "duration = 10 s\n", "duration = 10 s\nwarmup = 9.9 s\n");
  g_autoptr (CcsScenario) s = load_ok ("warmup3.ini", t3, NULL, NULL);
  ccs_test_assert_rel (s->warmup_s, 9.9);
}

static void
test_error_references (void)
{
  g_test_summary ("Unknown profiles, policies, link classes, models, apps and "
                  "sites are reported with the key and the alternatives");
  static const ErrorCase cases[] = {
    { .name = "profile.ini",
      .from = "profile = rpi4",
      .to = "profile = rpi9",
      .code = CCS_SCENARIO_ERROR_REFERENCE,
      .marker = "profile = rpi9",
      .head = "[IoT cams] profile: unknown hardware profile 'rpi9'" },
    { .name = "devices.ini",
      .from = "devices = jetson-orin-nano",
      .to = "devices = 2 xeon-gold-6338 + jetson-orin-nan",
      .code = CCS_SCENARIO_ERROR_REFERENCE,
      .marker = "devices",
      .head = "[Node n] devices: unknown hardware profile 'jetson-orin-nan'" },
    { .name = "devices0.ini",
      .from = "devices = jetson-orin-nano",
      .to = "devices = 0 jetson-orin-nano",
      .code = CCS_SCENARIO_ERROR_VALUE,
      .marker = "devices",
      .head = "[Node n] devices: '0 jetson-orin-nano': expected 'COUNT PROFILE'" },

    { .name = "policy.ini",
      .prepend = "[Placement]\npolicy = fastest\n\n",
      .code = CCS_SCENARIO_ERROR_REFERENCE,
      .marker = "policy",
      .head = "[Placement] policy: unknown policy 'fastest' (available: local, "
              "nearest-edge, cloud-only, random, round-robin, least-loaded, "
              "earliest-finish" },

    { .name = "link.ini",
      .from = "app = a\n",
      .to = "app = a\nlink = wiif5\n",
      .code = CCS_SCENARIO_ERROR_REFERENCE,
      .marker = "link",
      .head = "[IoT cams] link: unknown link class 'wiif5' (did you mean 'wifi5'?)" },
    { .name = "uplink.ini",
      .from = "tier = edge\n",
      .to = "tier = edge\nuplink = fibre\n",
      .code = CCS_SCENARIO_ERROR_REFERENCE,
      .marker = "uplink",
      .head = "[Site edge] uplink: unknown link class 'fibre'" },

    { .name = "model.ini",
      .from = "model = yolov8n",
      .to = "model = yolov9n",
      .code = CCS_SCENARIO_ERROR_REFERENCE,
      .marker = "model",
      .head = "[App a] model: unknown model 'yolov9n' (did you mean 'yolov8n'?)" },

    { .name = "app.ini",
      .from = "app = a",
      .to = "app = ap",
      .code = CCS_SCENARIO_ERROR_REFERENCE,
      .marker = "app = ap",
      .head = "[IoT cams] app: unknown app or pipeline 'ap' (did you mean 'a'?)" },

    { .name = "site.ini",
      .from = "site = edge",
      .to = "site = egde",
      .code = CCS_SCENARIO_ERROR_REFERENCE,
      .marker = "site = egde",
      .head = "[Node n] site: unknown site group 'egde' (did you mean 'edge'?)" },
    { .name = "iotsite.ini",
      .from = "app = a\n",
      .to = "app = a\nsite = downtown\n",
      .code = CCS_SCENARIO_ERROR_REFERENCE,
      .marker = "site = downtown",
      .head = "[IoT cams] site: unknown site group 'downtown'" },
    /* Servers cannot stand at an access site. */
    { .name = "access.ini",
      .from = "tier = edge",
      .to = "tier = access",
      .code = CCS_SCENARIO_ERROR_REFERENCE,
      .marker = "site = edge",
      .head = "[Node n] site: 'edge' is an access site (no servers)" },
  };
  check_errors (cases, G_N_ELEMENTS (cases));
}

static void
test_error_io (void)
{
  g_test_summary ("A missing scenario file and ini syntax errors are reported "
                  "with the file (and line)");
  g_autofree char *missing = g_build_filename (ccs_test_tmpdir (), "nothere.ini", NULL);
  g_autoptr (GError) error = load_error (missing, NULL, NULL, -1, "");
  ccs_test_assert_contains (error->message, missing);

  g_autofree char *t = ccs_test_edit (BASE, "tier = edge", "tier edge");
  g_autofree char *path = ccs_test_write ("syntax.ini", t);
  g_autofree char *loc = ccs_test_at (path, ccs_test_line_of (t, "tier edge"));
  g_autofree char *start = g_strconcat (loc, " ", NULL);
  g_autoptr (GError) error2 = load_error (path, NULL, NULL, -1, start);
  ccs_test_assert_contains (error2->message, "expected 'key = value'");
}

static void
test_error_domain (void)
{
  g_test_summary ("Every error of ccs_scenario_load is in CCS_SCENARIO_ERROR, "
                  "including I/O, syntax and include errors");
  /* scenario.h declares CCS_SCENARIO_ERROR_IO; callers should not need to
   * know that the file was read by the ini module. */
  g_autofree char *missing = g_build_filename (ccs_test_tmpdir (), "nothere.ini", NULL);
  g_autofree char *syntax_text = ccs_test_edit (BASE, "tier = edge", "tier edge");
  g_autofree char *syntax = ccs_test_write ("domain/syntax.ini", syntax_text);
  g_autofree char *a = ccs_test_write ("domain/a.ini", "include = b.ini\n");
  g_autofree char *b = ccs_test_write ("domain/b.ini", "include = a.ini\n");
  (void) b;
  const char *paths[] = { missing, syntax, a };
  for (gsize i = 0; i < G_N_ELEMENTS (paths); i++)
    g_error_free (load_error (paths[i], NULL, NULL, -1, ""));
}

/* ---- include ---- */

static void
test_include_merge (void)
{
  g_test_summary ("include = base.ini merges the base and later keys override it");
  g_autofree char *base = ccs_test_write ("inc/common/base.ini", BASE);
  (void) base;
  static const char child[] = "include = common/base.ini\n"
                              "\n"
                              "[Run]\n"
                              "duration = 20 s\n"
                              "\n"
                              "[IoT cams]\n"
                              "count = 3\n"
                              "\n"
                              "[Site cloud]\n"
                              "tier = cloud\n";
  g_autoptr (CcsScenario) s = load_ok ("inc/child.ini", child, NULL, NULL);
  ccs_test_assert_rel (s->duration_s, 20);
  g_assert_cmpuint (iot (s, 0)->count, ==, 3);
  g_assert_cmpstr (iot (s, 0)->profile->name, ==, "rpi4"); /* from the base */
  g_assert_cmpuint (s->sites->len, ==, 2);
  g_assert_cmpstr (site (s, 1)->name, ==, "cloud");
  g_assert_cmpstr (s->name, ==, "child");
  /* The merged text has one [Run] with the overriding value. */
  ccs_test_assert_contains (s->resolved, "[Run]\nduration = 20 s\n");
  g_assert_null (strstr (s->resolved, "10 s"));

  /* An override included *before* the base loses: the later key wins. */
  static const char child2[] = "[Run]\n"
                               "duration = 20 s\n"
                               "include = common/base.ini\n";
  g_autoptr (CcsScenario) s2 = load_ok ("inc/child2.ini", child2, NULL, NULL);
  ccs_test_assert_rel (s2->duration_s, 10);
}

static void
test_include_error_location (void)
{
  g_test_summary ("Errors in included files name that file and line");
  g_autofree char *bt = ccs_test_edit (BASE, "app = a\n", "app = a\nrate = 2\n");
  g_autofree char *base = ccs_test_write ("incerr/base.ini", bt);
  g_autofree char *base_at = ccs_test_at (base, ccs_test_line_of (bt, "rate = 2"));
  const struct
  {
    const char *name, *text;
    int code;
    const char *at; /* the place named, "PATH:LINE:"; NULL for "CHILD:3:" */
    const char *head;
  } cases[] = {
    { "incerr/child.ini", "include = base.ini\n[Run]\nduration = 20 s\n", CCS_SCENARIO_ERROR_VALUE,
      base_at, "[IoT cams] rate:" },
    /* ...and an overriding key in the child points at the child. */
    { "incerr/child2.ini", "include = base.ini\n[IoT cams]\nrate = 3\n", -1, NULL,
      "[IoT cams] rate: '3' has no unit" },
    /* A missing include: the including file and line. */
    { "incerr/child3.ini", "[Run]\nduration = 2 s\ninclude = nothere.ini\n", -1, NULL,
      "[include] cannot read 'nothere.ini'" },
  };
  for (gsize i = 0; i < G_N_ELEMENTS (cases); i++)
    {
      g_autofree char *path = ccs_test_write (cases[i].name, cases[i].text);
      g_autofree char *child_at = ccs_test_at (path, 3);
      g_autofree char *start
          = g_strconcat (cases[i].at ? cases[i].at : child_at, " ", cases[i].head, NULL);
      g_error_free (load_error (path, NULL, NULL, cases[i].code, start));
    }
}

static void
test_include_cycle (void)
{
  g_test_summary ("a.ini includes b.ini includes a.ini: an include cycle");
  g_autofree char *a = ccs_test_write ("cycle/a.ini", "[Run]\nduration = 2 s\ninclude = b.ini\n");
  g_autofree char *b = ccs_test_write ("cycle/b.ini", "# b\ninclude = a.ini\n");
  /* Found while reading b.ini line 2. */
  g_autofree char *b_at = ccs_test_at (b, 2);
  g_autofree char *start = g_strconcat (b_at, " ", NULL);
  g_autoptr (GError) error = load_error (a, NULL, NULL, -1, start);
  ccs_test_assert_contains (error->message, "include cycle");
  ccs_test_assert_contains (error->message, "a.ini -> b.ini -> a.ini");

  /* A file including itself. */
  g_autofree char *self = ccs_test_write ("cycle/self.ini", "include = self.ini\n");
  g_autofree char *self_at = ccs_test_at (self, 1);
  g_autofree char *start2 = g_strconcat (self_at, " ", NULL);
  g_autoptr (GError) error2 = load_error (self, NULL, NULL, -1, start2);
  ccs_test_assert_contains (error2->message, "include cycle: self.ini -> self.ini");
}

/* ---- [Config NAME] and --set ---- */

static const char CONFIGS[] = "\n"
                              "[Config fast]\n"
                              "Run.duration = 5 s\n"
                              "IoT cams.count = 3\n"
                              "IoT cams.rate = 4 Hz\n"
                              "\n"
                              "[Config rush]\n"
                              "IoT cams.arrival = mmpp\n"
                              "\n"
                              "[Config bad]\n"
                              "Run.duration = 5 parsecs\n"
                              "\n"
                              "[Config typo]\n"
                              "Run.durration = 5 s\n"
                              "\n"
                              "[Config ghost]\n"
                              "IoT dogs.count = 1\n";

static void
test_config_apply (void)
{
  g_test_summary ("[Config NAME] overrides apply only when chosen");
  g_autofree char *t = g_strconcat (BASE, CONFIGS, NULL);
  g_autoptr (CcsScenario) plain = load_ok ("config.ini", t, NULL, NULL);
  ccs_test_assert_rel (plain->duration_s, 10);
  g_assert_cmpuint (iot (plain, 0)->count, ==, 10);
  g_assert_null (strstr (plain->resolved, "Config"));

  g_autoptr (CcsScenario) fast = load_ok ("config.ini", t, "fast", NULL);
  g_assert_cmpstr (fast->config, ==, "fast");
  ccs_test_assert_rel (fast->duration_s, 5);
  g_assert_cmpuint (iot (fast, 0)->count, ==, 3);
  ccs_test_assert_rel (iot (fast, 0)->arrival.rate_hz, 4);
  g_assert_cmpint (iot (fast, 0)->arrival.kind, ==, CCS_ARRIVAL_POISSON);
  /* The fingerprint of the scenario follows the overrides. */
  g_assert_cmpstr (fast->sha256, !=, plain->sha256);
  g_autoptr (CcsScenario) again = load_ok ("config.ini", t, NULL, NULL);
  g_assert_cmpstr (again->sha256, ==, plain->sha256);

  g_autoptr (CcsScenario) rush = load_ok ("config.ini", t, "rush", NULL);
  g_assert_cmpint (iot (rush, 0)->arrival.kind, ==, CCS_ARRIVAL_MMPP);
  ccs_test_assert_rel (rush->duration_s, 10);
}

static void
test_config_errors (void)
{
  g_test_summary ("Unknown configs list the available ones; bad overrides "
                  "point at the [Config] line");
  static const ErrorCase cases[] = {
    { .name = "configerr.ini",
      .append = CONFIGS,
      .config = "slow",
      .code = CCS_SCENARIO_ERROR_UNKNOWN_GROUP,
      .head = "no [Config slow]",
      .needles = { "(available: fast, rush, bad, typo, ghost)" } },
    /* No [Config] at all. */
    { .name = "noconfig.ini",
      .config = "fast",
      .code = CCS_SCENARIO_ERROR_UNKNOWN_GROUP,
      .head = "no [Config fast]",
      .needles = { "(available: none)" } },
    { .name = "configerr.ini",
      .append = CONFIGS,
      .config = "bad",
      .code = CCS_SCENARIO_ERROR_VALUE,
      .marker = "Run.duration = 5 parsecs",
      .head = "[Run] duration: '5 parsecs': unknown unit 'parsecs'" },
    { .name = "configerr.ini",
      .append = CONFIGS,
      .config = "typo",
      .code = CCS_SCENARIO_ERROR_UNKNOWN_KEY,
      .marker = "Run.durration",
      .head = "[Run] durration: unknown key (did you mean 'duration'?)" },
    { .name = "configerr.ini",
      .append = CONFIGS,
      .config = "ghost",
      .code = CCS_SCENARIO_ERROR_UNKNOWN_GROUP,
      .marker = "IoT dogs.count",
      .head = "[IoT dogs] count: no such group in the scenario" },
  };
  check_errors (cases, G_N_ELEMENTS (cases));
}

static void
test_set_apply (void)
{
  g_test_summary ("--set GROUP.KEY=VALUE overrides apply last");
  g_autofree char *t = g_strconcat (BASE, CONFIGS, NULL);
  const char *const sets[] = { "Run.duration=20 s", " IoT cams.count = 7 ",
                               "Placement.policy=random", "Site edge.region=north", NULL };
  g_autoptr (CcsScenario) s = load_ok ("set.ini", t, NULL, sets);
  ccs_test_assert_rel (s->duration_s, 20);
  g_assert_cmpuint (iot (s, 0)->count, ==, 7);
  g_assert_cmpstr (s->policy, ==, "random");
  g_assert_cmpstr (site (s, 0)->region, ==, "north");
  /* After the config: --set wins over [Config fast]'s 5 s. */
  g_autoptr (CcsScenario) s2 = load_ok ("set.ini", t, "fast", sets);
  ccs_test_assert_rel (s2->duration_s, 20);
  ccs_test_assert_rel (iot (s2, 0)->arrival.rate_hz, 4); /* still from the config */
  /* A value may contain '.' and '='. */
  const char *const sets2[] = { "Run.name=v1.2=x", NULL };
  g_autoptr (CcsScenario) s3 = load_ok ("set.ini", t, NULL, sets2);
  g_assert_cmpstr (s3->name, ==, "v1.2=x");
}

static void
test_set_errors (void)
{
  g_test_summary ("Bad --set overrides are reported as --set:N with group and key");
  static const ErrorCase cases[] = {
    { .name = "seterr.ini",
      .sets = { "garbage" },
      .code = CCS_SCENARIO_ERROR_VALUE,
      .where = "--set:1",
      .head = "'garbage': expected GROUP.KEY=VALUE" },
    { .name = "seterr.ini",
      .sets = { "Run.duration=20 s", "Run.duration=20" },
      .code = CCS_SCENARIO_ERROR_VALUE,
      .where = "--set:2",
      .head = "[Run] duration: '20' has no unit" },
    { .name = "seterr.ini",
      .sets = { "Run.durration=5 s" },
      .code = CCS_SCENARIO_ERROR_UNKNOWN_KEY,
      .where = "--set:1",
      .head = "[Run] durration: unknown key (did you mean 'duration'?)" },
    { .name = "seterr.ini",
      .sets = { "Nope.x=1" },
      .code = CCS_SCENARIO_ERROR_UNKNOWN_GROUP,
      .where = "--set:1",
      .head = "[Nope] x: unknown group" },
    { .name = "seterr.ini",
      .sets = { "IoT dogs.count=1" },
      .code = CCS_SCENARIO_ERROR_UNKNOWN_GROUP,
      .where = "--set:1",
      .head = "[IoT dogs] count: no such group in the scenario" },
    { .name = "seterr.ini",
      .sets = { "Placement.policy=fastest" },
      .code = CCS_SCENARIO_ERROR_REFERENCE,
      .where = "--set:1",
      .head = "[Placement] policy: unknown policy 'fastest'" },
    { .name = "seterr.ini",
      .sets = { "duration=5 s" },
      .code = CCS_SCENARIO_ERROR_VALUE,
      .where = "--set:1",
      .head = "'duration=5 s': expected GROUP.KEY=VALUE" },
  };
  check_errors (cases, G_N_ELEMENTS (cases));
}

/* ---- topology ---- */

/* Five edge sites in a 100 km square joined only when closer than
 * 1e-6 × 100 km = 10 cm: only the one nearest the centre reaches the core. */
static const char SPARSE_TOPO[] = "[Topology]\n"
                                  "model = geometric\n"
                                  "radius = 0.000001\n"
                                  "\n";

/* An explicit topology of one link, [Link up], from site @a to site @b. */
#define EXPLICIT_LINK(a, b) "[Topology]\nmodel = explicit\n\n[Link up]\na = " a "\nb = " b "\n\n"

static void
test_topology_unreachable (void)
{
  g_test_summary ("A topology that leaves sites unreachable fails at the "
                  "Topology model line");
  static const ErrorCase cases[] = {
    { .name = "unreachable.ini",
      .prepend = SPARSE_TOPO,
      .from = "tier = edge\n",
      .to = "tier = edge\ncount = 5\n",
      .stage = AT_TOPOLOGY,
      .code = CCS_SCENARIO_ERROR_TOPOLOGY,
      .marker = "model = geometric",
      .head = "[Topology] model: 4 sites are unreachable from the core",
      .needles = { "widen the radius" } },
  };
  check_errors (cases, G_N_ELEMENTS (cases));
}

static void
test_names (void)
{
  g_test_summary ("Group names are plain, generated names never clash, sizes "
                  "are not negative and the site count is bounded");
  static const ErrorCase cases[] = {
    /* '&' would break the platform XML that SimGrid reads. */
    { .name = "amp.ini",
      .from = "[Site edge]\ntier = edge\n",
      .to = "[Site edge]\ntier = edge\n\n[Site R&D]\ntier = edge\n",
      .code = CCS_SCENARIO_ERROR_VALUE,
      .marker = "[Site R&D]",
      .head = "[Site R&D] the name 'R&D' may only use letters, digits" },
    /* Site 1 of group "e" is named "e-1", like the site of group "e-1". */
    { .name = "clash-site.ini",
      .from = "[Site edge]\ntier = edge\n",
      .to = "[Site edge]\ntier = edge\ncount = 2\n\n[Site edge-1]\ntier = edge\n",
      .stage = AT_WORLD,
      .code = CCS_SCENARIO_ERROR_VALUE,
      .marker = "[Site edge-1]",
      .head = "[Site edge-1] the generated name 'edge-1' is already taken" },
    /* Node 10 of group "n" and node 0 of group "n1" are both "edge.n10". */
    { .name = "clash-node.ini",
      .from = "[Node n]\nsite = edge\n",
      .to = "[Node n1]\nsite = edge\ndevices = rpi4\n\n[Node n]\nsite = edge\ncount = 12\n",
      .stage = AT_WORLD,
      .code = CCS_SCENARIO_ERROR_VALUE,
      .marker = "[Node n]",
      .head = "[Node n] the generated name 'edge.n10' is already taken" },
    { .name = "negative.ini",
      .from = "model = yolov8n\n",
      .to = "model = yolov8n\ninput = -1 MB\n",
      .code = CCS_SCENARIO_ERROR_VALUE,
      .marker = "input = -1 MB",
      .head = "[App a] input: '-1 MB' is out of bounds (at least 0)" },
    { .name = "negative-dist.ini",
      .from = "model = yolov8n\n",
      .to = "model = yolov8n\noutput = uniform(-5 MB, 1 MB)\n",
      .code = CCS_SCENARIO_ERROR_VALUE,
      .marker = "output = uniform" },
    { .name = "too-many-sites.ini",
      .from = "tier = edge\n",
      .to = "tier = edge\ncount = 5000\n",
      .stage = AT_TOPOLOGY,
      .code = CCS_SCENARIO_ERROR_TOPOLOGY,
      .marker = "[Site edge]",
      .head = "[Site edge] count: 5000 sites in all, at most 2000" },
  };
  check_errors (cases, G_N_ELEMENTS (cases));
}

static void
test_world_unreachable (void)
{
  g_test_summary ("ccs_world_build fails cleanly on an unreachable site");
  /* The world is freed half-built when the topology fails: that must not
   * trip GLib criticals (fatal in tests). */
  static const ErrorCase cases[] = {
    { .name = "unreachable.ini",
      .prepend = SPARSE_TOPO,
      .from = "tier = edge\n",
      .to = "tier = edge\ncount = 5\n",
      .stage = AT_WORLD,
      .code = CCS_SCENARIO_ERROR_TOPOLOGY,
      .marker = "model = geometric",
      .head = "[Topology] model:",
      .needles = { "unreachable" } },
  };
  check_errors (cases, G_N_ELEMENTS (cases));
}

static void
test_topology_explicit_errors (void)
{
  g_test_summary ("Explicit topologies: no links, unknown ends");
  static const ErrorCase cases[] = {
    /* model = explicit without [Link] groups: found by the loader. */
    { .name = "nolinks.ini",
      .prepend = "[Topology]\nmodel = explicit\n\n",
      .code = CCS_SCENARIO_ERROR_TOPOLOGY,
      .marker = "model = explicit",
      .head = "[Topology] model: explicit topology without any [Link NAME] group" },
    /* An unknown site name: found when the topology is built. */
    { .name = "edgy.ini",
      .prepend = EXPLICIT_LINK ("core", "edgy"),
      .stage = AT_TOPOLOGY,
      .code = CCS_SCENARIO_ERROR_TOPOLOGY,
      .needles = { "] b: unknown site" } },
  };
  check_errors (cases, G_N_ELEMENTS (cases));
}

static void
test_topology_key_lines (void)
{
  g_test_summary ("Topology errors name the offending key's group, key and line");
  static const ErrorCase cases[] = {
    /* The unknown end is 'b', on its own line, in group [Link up]. */
    { .name = "keyline-b.ini",
      .prepend = EXPLICIT_LINK ("core", "edgy"),
      .stage = AT_TOPOLOGY,
      .code = CCS_SCENARIO_ERROR_TOPOLOGY,
      .marker = "b = edgy",
      .head = "[Link up] b: unknown site" },
    /* Both ends unknown: 'a' is reported first, as unknown (they are not
     * "the same end"). */
    { .name = "keyline-ab.ini",
      .prepend = EXPLICIT_LINK ("cor", "edgy"),
      .stage = AT_TOPOLOGY,
      .code = CCS_SCENARIO_ERROR_TOPOLOGY,
      .marker = "a = cor",
      .head = "[Link up] a: unknown site" },
    /* An IoT region without a matching site: the region key. */
    { .name = "keyline-region.ini",
      .from = "app = a\n",
      .to = "app = a\nregion = mars\n",
      .stage = AT_TOPOLOGY,
      .code = CCS_SCENARIO_ERROR_TOPOLOGY,
      .marker = "region = mars",
      .head = "[IoT cams] region: no edge or access site" },
  };
  check_errors (cases, G_N_ELEMENTS (cases));
}

static void
test_topology_iot_region (void)
{
  g_test_summary ("IoT devices restricted to a region without sites cannot attach");
  static const ErrorCase cases[] = {
    { .name = "mars.ini",
      .from = "app = a\n",
      .to = "app = a\nregion = mars\n",
      .stage = AT_TOPOLOGY,
      .code = CCS_SCENARIO_ERROR_TOPOLOGY,
      .needles = { "[IoT cams]", "no edge or access site to attach to in region 'mars'" } },
  };
  check_errors (cases, G_N_ELEMENTS (cases));

  /* The same region on the site makes it valid. */
  g_autofree char *t = ccs_test_edit (BASE, "app = a\n", "app = a\nregion = mars\n");
  g_autofree char *t2 = ccs_test_edit (t, "tier = edge\n", "tier = edge\nregion = mars\n");
  g_autoptr (CcsScenario) s2 = load_ok ("mars2.ini", t2, NULL, NULL);
  g_autoptr (GError) error = NULL;
  g_autoptr (CcsTopology) topo2 = ccs_topology_build (s2, &error);
  g_assert_no_error (error);
  g_assert_nonnull (topo2);
  g_assert_cmpuint (topo2->n_iot, ==, 10);
}

/* ---- documentation and shipped files ---- */

static void
test_reference_in_sync (void)
{
  g_test_summary ("scenarios/README.md holds the reference generated from the "
                  "key tables");
  char *buf = NULL;
  size_t len = 0;
  FILE *f = open_memstream (&buf, &len);
  g_assert_nonnull (f);
  ccs_scenario_write_reference (f);
  g_assert_cmpint (fclose (f), ==, 0);
  g_autofree char *ref = buf;
  /* Every group and a few keys are in it. */
  static const char *const groups[]
      = { "### `[Run]`",       "### `[Placement]`", "### `[Topology]`", "### `[Site NAME]`",
          "### `[Node NAME]`", "### `[IoT NAME]`",  "### `[App NAME]`", "### `[Link NAME]`" };
  for (gsize i = 0; i < G_N_ELEMENTS (groups); i++)
    ccs_test_assert_contains (ref, groups[i]);
  ccs_test_assert_contains (ref, "| `duration` | time | 600 s |");
  ccs_test_assert_contains (ref, "| `count` | integer | **required** | 1 – 10000000 |");

  g_autofree char *readme_path
      = g_build_filename (ccs_test_source_dir (), "scenarios", "README.md", NULL);
  g_autofree char *readme = NULL;
  g_autoptr (GError) error = NULL;
  g_assert_true (g_file_get_contents (readme_path, &readme, NULL, &error));
  g_assert_no_error (error);
  const char *section = strstr (readme, "## Reference");
  g_assert_nonnull (section);
  if (!strstr (section, ref))
    g_test_message ("%s is out of date: replace the tables after '## Reference' "
                    "with the output of `ccsim list keys`",
                    readme_path);
  g_assert_nonnull (strstr (section, ref));
}

static void
test_shipped_scenarios (void)
{
  g_test_summary ("Every scenario in scenarios/ loads and builds its world");
  g_autofree char *dir = g_build_filename (ccs_test_source_dir (), "scenarios", NULL);
  g_autoptr (GError) error = NULL;
  g_autoptr (GDir) d = g_dir_open (dir, 0, &error);
  g_assert_no_error (error);
  guint n = 0;
  const char *name;
  while ((name = g_dir_read_name (d)))
    {
      if (!g_str_has_suffix (name, ".ini"))
        continue;
      g_autofree char *path = g_build_filename (dir, name, NULL);
      g_test_message ("loading %s", path);
      g_autoptr (CcsScenario) s = ccs_scenario_load (path, NULL, NULL, &error);
      g_assert_no_error (error);
      g_assert_nonnull (s);
      g_autoptr (CcsWorld) w = ccs_world_build (s, &error);
      g_assert_no_error (error);
      g_assert_nonnull (w);
      g_assert_cmpuint (w->n_iot, >, 0);
      /* Servers are optional only for devices that compute on their own. */
      if (!g_str_equal (s->policy, "local"))
        g_assert_cmpuint (w->nodes->len, >, w->n_iot);
      n++;
    }
  g_assert_cmpuint (n, >=, 1);
}

static void
test_shipped_configs (void)
{
  g_test_summary ("Every [Config NAME] of the shipped scenarios loads");
  g_autofree char *dir = g_build_filename (ccs_test_source_dir (), "scenarios", NULL);
  g_autoptr (GError) error = NULL;
  g_autoptr (GDir) d = g_dir_open (dir, 0, &error);
  g_assert_no_error (error);
  const char *name;
  while ((name = g_dir_read_name (d)))
    {
      if (!g_str_has_suffix (name, ".ini"))
        continue;
      g_autofree char *path = g_build_filename (dir, name, NULL);
      g_autoptr (CcsIni) ini = ccs_ini_load (path, &error);
      g_assert_no_error (error);
      for (guint i = 0; i < ini->groups->len; i++)
        {
          CcsIniGroup *g = ini->groups->pdata[i];
          if (!g_str_has_prefix (g->name, "Config "))
            continue;
          g_test_message ("loading %s with --config %s", path, g->name + 7);
          g_autoptr (CcsScenario) s = ccs_scenario_load (path, g->name + 7, NULL, &error);
          g_assert_no_error (error);
          g_autoptr (CcsWorld) w = ccs_world_build (s, &error);
          g_assert_no_error (error);
        }
    }
}

static void
test_quickstart_values (void)
{
  g_test_summary ("The quickstart scenario reads as its comments describe");
  g_autofree char *path
      = g_build_filename (ccs_test_source_dir (), "scenarios", "quickstart.ini", NULL);
  g_autoptr (GError) error = NULL;
  g_autoptr (CcsScenario) s = ccs_scenario_load (path, NULL, NULL, &error);
  g_assert_no_error (error);
  /* 3,000 cameras, 30 edge sites with one Jetson Nano, a cloud 600 km away
   * with 4 servers of 4 T4. */
  g_assert_cmpuint (iot (s, 0)->count, ==, 3000);
  g_assert_cmpuint (site (s, 0)->count, ==, 30);
  g_assert_cmpstr (site (s, 1)->provider, ==, "aws-like");
  ccs_test_assert_rel (site (s, 1)->distance_m, 600e3);
  g_autoptr (CcsWorld) w = ccs_world_build (s, &error);
  g_assert_no_error (error);
  /* 3000 + 30 + 4 nodes; 3000 + 30 + 16 devices. */
  g_assert_cmpuint (w->nodes->len, ==, 3034);
  g_assert_cmpuint (w->devices->len, ==, 3046);
}

int
main (int argc, char **argv)
{
  g_test_init (&argc, &argv, NULL);
  g_test_add_func ("/scenario/load/minimal", test_load_minimal);
  g_test_add_func ("/scenario/load/full", test_load_full);
  g_test_add_func ("/scenario/load/trace", test_trace);
  g_test_add_func ("/scenario/load/trace-errors", test_trace_errors);
  g_test_add_func ("/scenario/error/unknown-group", test_error_unknown_group);
  g_test_add_func ("/scenario/error/unknown-key", test_error_unknown_key);
  g_test_add_func ("/scenario/error/unknown-key-required", test_error_unknown_key_required);
  g_test_add_func ("/scenario/error/missing-required", test_error_missing_required);
  g_test_add_func ("/scenario/error/units", test_error_units);
  g_test_add_func ("/scenario/error/bounds", test_error_bounds);
  g_test_add_func ("/scenario/error/warmup", test_error_warmup);
  g_test_add_func ("/scenario/error/references", test_error_references);
  g_test_add_func ("/scenario/error/io", test_error_io);
  g_test_add_func ("/scenario/error/pipelines", test_error_pipelines);
  g_test_add_func ("/scenario/error/domain", test_error_domain);
  g_test_add_func ("/scenario/include/merge", test_include_merge);
  g_test_add_func ("/scenario/include/error-location", test_include_error_location);
  g_test_add_func ("/scenario/include/cycle", test_include_cycle);
  g_test_add_func ("/scenario/config/apply", test_config_apply);
  g_test_add_func ("/scenario/config/errors", test_config_errors);
  g_test_add_func ("/scenario/set/apply", test_set_apply);
  g_test_add_func ("/scenario/set/errors", test_set_errors);
  g_test_add_func ("/scenario/world/minimal", test_world_minimal);
  g_test_add_func ("/scenario/world/full", test_world_full);
  g_test_add_func ("/scenario/world/unreachable", test_world_unreachable);
  g_test_add_func ("/scenario/topology/unreachable", test_topology_unreachable);
  g_test_add_func ("/scenario/error/names-and-bounds", test_names);
  g_test_add_func ("/scenario/topology/explicit", test_explicit_topology);
  g_test_add_func ("/scenario/topology/explicit-errors", test_topology_explicit_errors);
  g_test_add_func ("/scenario/topology/iot-region", test_topology_iot_region);
  g_test_add_func ("/scenario/topology/key-lines", test_topology_key_lines);
  g_test_add_func ("/scenario/reference/readme", test_reference_in_sync);
  g_test_add_func ("/scenario/shipped/load", test_shipped_scenarios);
  g_test_add_func ("/scenario/shipped/configs", test_shipped_configs);
  g_test_add_func ("/scenario/shipped/quickstart", test_quickstart_values);
  return g_test_run ();
}
