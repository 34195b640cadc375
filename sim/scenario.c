/* scenario.c — reading and validating scenario files (scenario.h).
 *
 * The keys of every group are tables below (key, type, unit, bounds,
 * default, target field, one line of documentation).  The same tables
 * drive parsing, `ccsim check`, the unknown-key suggestions and the
 * reference in scenarios/README.md, so code and documentation cannot drift
 * (tests/test-scenario.c compares the README with the tables).
 */
#include "sim/scenario.h"

#include <math.h>
#include <string.h>

#include "policies/market.h"
#include "policies/policy.h"

G_DEFINE_QUARK (ccs - scenario - error - quark, ccs_scenario_error)

static const char *const tier_names[]
    = { "iot", "access", "edge", "private", "cloud", "hpc", NULL };
static const char *const topo_names[]
    = { "star", "tree", "ba", "geometric", "waxman", "explicit", NULL };
static const char *const attach_names[] = { "nearest", "random", "even", NULL };
static const char *const queue_names[] = { "fifo", "ps", NULL };
static const char *const arrival_names[] = { "periodic", "poisson", "mmpp", "trace", NULL };
static const char *const burst_names[] = { "device", "group", NULL };
static const char *const kclass_names[] = { "gemm", "conv", "depthwise", "memory", "", NULL };
static const char *const prec_names[] = { "fp32", "fp16", "int8", "", NULL };
static const char *const class_names[]
    = { "mcu", "sbc", "cpu", "gpu", "fpga", "vpu", "tpu", "", NULL };
static const char *const scheduler_names[]
    = { "heft", "heft-budget", "heft-energy", "heft-sovereign", NULL };

const char *
ccs_tier_name (CcsTier t)
{
  return t < CCS_TIER_N ? tier_names[t] : "?";
}

typedef enum
{
  K_STR,
  K_UINT,
  K_NUM,
  K_BOOL,
  K_ENUM,
  K_DIST,
  K_LINK,
} KeyType;

typedef struct
{
  const char *key;
  KeyType type;
  CcsUnit unit;
  double min, max;
  const char *def; /* NULL: required */
  gsize offset;
  const char *const *choices;
  const char *doc;
} KeyDef;

typedef struct
{
  const char *prefix;
  gboolean named; /* [Prefix NAME] */
  gboolean open;  /* keys beyond the table are allowed (policy options) */
  const KeyDef *keys;
  gsize n_keys;
  const char *doc;
} SectionDef;

/* Scratch structs for the single groups. */
typedef struct
{
  char *name;
  double duration_s, warmup_s;
  guint seed;
  double task_sample;
  double sample_interval_s;
} RunRaw;
typedef struct
{
  char *policy;
} PlacementRaw;
typedef struct
{
  char *mechanism;
} MarketRaw;
typedef struct
{
  int model;
  guint ba_m, tree_children;
  double radius, area_m, alpha, beta;
  const CcsLinkClass *site_link;
} TopoRaw;
typedef struct
{
  int tier;
  guint count;
  char *provider, *region, *domain;
  const CcsLinkClass *uplink, *lan;
  double distance_m;
  double carbon, pue, egress;
  char *carbon_trace;
} SiteRaw;
typedef struct
{
  char *site, *devices;
  guint count, slots, queue_limit;
  int queue;
  double amortise_s;
  guint pstate;
  double sleep_after_s;
} NodeRaw;
typedef struct
{
  guint count;
  char *profile, *region, *site, *app, *trace, *domain;
  const CcsLinkClass *link;
  int attach, arrival, burst;
  double rate, rate_off, on_s, off_s;
} IotRaw;
typedef struct
{
  char *model;
  CcsDist flops, bytes, input, output;
  int kclass, precision;
  double batch, deadline_s;
  gboolean sovereign;
  char *allowed;
  gboolean training;
  double memory;
  int device_class;
  char *providers, *deny_providers, *source, *site;
} AppRaw;
typedef struct
{
  char *stages, *edges;
  int scheduler;
  double budget, deadline_s;
} PipelineRaw;
typedef struct
{
  char *a, *b;
  const CcsLinkClass *klass;
  double distance_m;
} LinkRaw;

#define F(T, f) G_STRUCT_OFFSET (T, f)
static const KeyDef run_keys[] = {
  { "name", K_STR, 0, 0, 0, "", F (RunRaw, name), NULL,
    "Name of the experiment (default: the file name without .ini)." },
  { "duration", K_NUM, CCS_UNIT_TIME, 1e-6, 1e9, "600 s", F (RunRaw, duration_s), NULL,
    "Simulated time; no task is created after it." },
  { "warmup", K_NUM, CCS_UNIT_TIME, 0, 1e9, "0 s", F (RunRaw, warmup_s), NULL,
    "Tasks created before this time are simulated but not counted." },
  { "seed", K_UINT, 0, 0, 4294967295.0, "1", F (RunRaw, seed), NULL,
    "Seed of all random streams (arrivals, sizes, placement, topology)." },
  { "task_sample", K_NUM, 0, 0, 1, "1", F (RunRaw, task_sample), NULL,
    "Fraction of tasks written one by one to the `tasks` table (0 = none)." },
  { "sample_interval", K_NUM, CCS_UNIT_TIME, 0, 1e9, "0 s", F (RunRaw, sample_interval_s), NULL,
    "Step of the per-tier time series (utilisation, power, tasks in system) in the `series` "
    "table; 0 = a hundredth of the measurement window." },
};
static const KeyDef market_keys[] = {
  { "mechanism", K_STR, 0, 0, 0, "posted", F (MarketRaw, mechanism), NULL,
    "How cloud providers' prices move (`ccsim list markets`): posted, surge or spot; other keys "
    "go to the mechanism.  Prices clear every Run.sample_interval." },
};
static const KeyDef placement_keys[] = {
  { "policy", K_STR, 0, 0, 0, "earliest-finish", F (PlacementRaw, policy), NULL,
    "Placement policy (`ccsim list policies`); other keys go to the policy." },
};
static const KeyDef topo_keys[] = {
  { "model", K_ENUM, 0, 0, 0, "star", F (TopoRaw, model), topo_names,
    "How sites are wired: star (all to the core), tree, ba (Barabási–Albert), geometric (random "
    "geometric graph), waxman, explicit ([Link] groups)." },
  { "ba_m", K_UINT, 0, 1, 50, "2", F (TopoRaw, ba_m), NULL,
    "Barabási–Albert: links added per new site." },
  { "tree_children", K_UINT, 0, 1, 1000, "4", F (TopoRaw, tree_children), NULL,
    "Tree: children per inner vertex (the core is the root)." },
  { "radius", K_NUM, 0, 1e-6, 2, "0.3", F (TopoRaw, radius), NULL,
    "Geometric: sites closer than radius × area side are linked." },
  { "area", K_NUM, CCS_UNIT_DISTANCE, 1, 1e8, "100 km", F (TopoRaw, area_m), NULL,
    "Side of the square that edge/access sites and IoT devices are placed in; fibre distance adds "
    "4.9 us/km." },
  { "waxman_alpha", K_NUM, 0, 1e-6, 10, "0.4", F (TopoRaw, alpha), NULL,
    "Waxman: P(link) = beta·exp(-d/(alpha·L))." },
  { "waxman_beta", K_NUM, 0, 1e-6, 1, "0.4", F (TopoRaw, beta), NULL,
    "Waxman: P(link) = beta·exp(-d/(alpha·L))." },
  { "site_link", K_LINK, 0, 0, 0, "metro", F (TopoRaw, site_link), NULL,
    "Link class between edge/access sites and towards the core." },
};
static const KeyDef site_keys[] = {
  { "tier", K_ENUM, 0, 0, 0, NULL, F (SiteRaw, tier), tier_names + 1,
    "access (gateway, no servers), edge, private, cloud or hpc." },
  { "count", K_UINT, 0, 1, 100000, "1", F (SiteRaw, count), NULL,
    "Number of sites in this group (named GROUP-0, GROUP-1, ... when > 1)." },
  { "provider", K_STR, 0, 0, 0, "", F (SiteRaw, provider), NULL,
    "Who runs it (default: the group name for cloud, `own` otherwise)." },
  { "region", K_STR, 0, 0, 0, "", F (SiteRaw, region), NULL,
    "Region tag; IoT groups can be restricted to a region." },
  { "domain", K_STR, 0, 0, 0, "", F (SiteRaw, domain), NULL,
    "Sovereignty domain (default: the provider for cloud, `local` otherwise)." },
  { "uplink", K_LINK, 0, 0, 0, "", F (SiteRaw, uplink), NULL,
    "Link class towards the core (default: Topology.site_link for edge/access/private, wan for "
    "cloud/hpc)." },
  { "lan", K_LINK, 0, 0, 0, "", F (SiteRaw, lan), NULL,
    "Link class of servers inside the site (default eth10g; infiniband for hpc)." },
  { "distance", K_NUM, CCS_UNIT_DISTANCE, 0, 1e8, "0 km", F (SiteRaw, distance_m), NULL,
    "Extra fibre length of the uplink (e.g. to a far cloud region)." },
  { "carbon_intensity", K_NUM, CCS_UNIT_NONE, 0, 5000, "480", F (SiteRaw, carbon), NULL,
    "Grid carbon intensity in gCO2e/kWh (default 480: the 2023 world average, Ember Global "
    "Electricity Review 2024)." },
  { "carbon_trace", K_STR, 0, 0, 0, "", F (SiteRaw, carbon_trace), NULL,
    "File of `TIME_S GCO2_PER_KWH` lines: the intensity from each time on (overrides "
    "carbon_intensity)." },
  { "pue", K_NUM, CCS_UNIT_NONE, 1, 5, "1", F (SiteRaw, pue), NULL,
    "Power usage effectiveness: facility energy per IT energy, for carbon and "
    "`energy_facility_j` (default 1.2 for cloud (hyperscale 1.1-1.2), 1.58 for edge, private and "
    "hpc (2023 industry average, Uptime Institute Global Data Center Survey 2023), 1 for "
    "access)." },
  { "egress_price", K_NUM, CCS_UNIT_NONE, 0, 100, "0", F (SiteRaw, egress), NULL,
    "USD per GB for data leaving this site's provider (default 0.09 for cloud: AWS internet "
    "egress, first 10 TB/month; 0 otherwise)." },
};
static const KeyDef node_keys[] = {
  { "site", K_STR, 0, 0, 0, NULL, F (NodeRaw, site), NULL,
    "Site group the nodes stand in (count nodes at every site of it)." },
  { "count", K_UINT, 0, 1, 100000, "1", F (NodeRaw, count), NULL, "Nodes per site." },
  { "devices", K_STR, 0, 0, 0, NULL, F (NodeRaw, devices), NULL,
    "Devices of one node: `PROFILE` or `N PROFILE + M PROFILE`, e.g. `2 xeon-gold-6338 + 8 "
    "nvidia-a100`." },
  { "slots", K_UINT, 0, 0, 100000, "0", F (NodeRaw, slots), NULL,
    "Tasks a device runs at once (0: the profile's default: cores for CPUs, 1 for accelerators)." },
  { "queue", K_ENUM, 0, 0, 0, "fifo", F (NodeRaw, queue), queue_names,
    "fifo: at most `slots` tasks run, the others wait in order; ps: all share the device." },
  { "pstate", K_UINT, 0, 0, CCS_HW_MAX_PSTATES - 1, "0", F (NodeRaw, pstate), NULL,
    "DVFS state of the devices whose profile lists `pstates` (0 = nominal frequency): compute "
    "slows by the frequency ratio, power above idle falls with its cube." },
  { "sleep_after", K_NUM, CCS_UNIT_TIME, 0, 1e9, "0 s", F (NodeRaw, sleep_after_s), NULL,
    "Devices whose profile has power_sleep go to sleep after this long idle (0: never); the next "
    "task waits their wake_latency.  Idle power then depends on how work is spread." },
  { "amortise", K_NUM, CCS_UNIT_TIME, 0, 1e10, "5 years", F (NodeRaw, amortise_s), NULL,
    "Owned nodes (not tier cloud) cost their devices' purchase price over this period, for the "
    "measured window, busy or idle (0: free).  Default 5 years: servers' depreciation period "
    "(cloud providers' annual reports state 5-6 years)." },
  { "queue_limit", K_UINT, 0, 0, 1e9, "0", F (NodeRaw, queue_limit), NULL,
    "fifo: tasks that may wait per device (0: no limit); a task that finds the queue full is "
    "rejected (M/M/c/K)." },
};
static const KeyDef iot_keys[] = {
  { "count", K_UINT, 0, 1, 10000000, NULL, F (IotRaw, count), NULL, "Number of devices." },
  { "profile", K_STR, 0, 0, 0, NULL, F (IotRaw, profile), NULL,
    "Hardware profile of each device (name or path); a device runs one task at a time on the whole "
    "device." },
  { "link", K_LINK, 0, 0, 0, "wifi5", F (IotRaw, link), NULL, "Access link class of each device." },
  { "attach", K_ENUM, 0, 0, 0, "nearest", F (IotRaw, attach), attach_names,
    "How devices pick their edge/access site: nearest, random, even." },
  { "region", K_STR, 0, 0, 0, "", F (IotRaw, region), NULL,
    "Only attach to sites of this region." },
  { "site", K_STR, 0, 0, 0, "", F (IotRaw, site), NULL,
    "Only attach to sites of this site group." },
  { "app", K_STR, 0, 0, 0, NULL, F (IotRaw, app), NULL,
    "Application ([App NAME]) whose tasks the devices generate." },
  { "arrival", K_ENUM, 0, 0, 0, "poisson", F (IotRaw, arrival), arrival_names,
    "Arrival process per device: periodic, poisson, mmpp (bursty on/off), trace." },
  { "rate", K_NUM, CCS_UNIT_FREQUENCY, 0, 1e9, "1 Hz", F (IotRaw, rate), NULL,
    "Tasks per second per device (in the on state for mmpp)." },
  { "rate_off", K_NUM, CCS_UNIT_FREQUENCY, 0, 1e9, "0 Hz", F (IotRaw, rate_off), NULL,
    "mmpp: rate in the off state." },
  { "on_time", K_NUM, CCS_UNIT_TIME, 1e-9, 1e9, "10 s", F (IotRaw, on_s), NULL,
    "mmpp: mean sojourn in the on state." },
  { "off_time", K_NUM, CCS_UNIT_TIME, 1e-9, 1e9, "10 s", F (IotRaw, off_s), NULL,
    "mmpp: mean sojourn in the off state." },
  { "burst", K_ENUM, 0, 0, 0, "device", F (IotRaw, burst), burst_names,
    "mmpp: device (each device switches on its own) or group (all devices of the group switch "
    "together, e.g. a rush hour)." },
  { "trace", K_STR, 0, 0, 0, "", F (IotRaw, trace), NULL,
    "trace: file of arrival times, one `TIME_S` (every device) or `TIME_S,DEVICE` per line." },
  { "domain", K_STR, 0, 0, 0, "local", F (IotRaw, domain), NULL,
    "Sovereignty domain of the data owner." },
};
static const KeyDef app_keys[] = {
  { "model", K_STR, 0, 0, 0, "", F (AppRaw, model), NULL,
    "DNN model from the catalogue (`ccsim list kernels`), or empty with flops/bytes." },
  { "flops", K_DIST, CCS_UNIT_OPS, 0, 1e21, "0", F (AppRaw, flops), NULL,
    "Work per task (overrides the model's); constant or distribution." },
  { "bytes", K_DIST, CCS_UNIT_BYTES, 0, 1e18, "0", F (AppRaw, bytes), NULL,
    "Device-memory traffic per task (overrides the model's)." },
  { "kernel_class", K_ENUM, 0, 0, 0, "", F (AppRaw, kclass), kclass_names,
    "gemm, conv, depthwise or memory (default: the model's, else gemm)." },
  { "precision", K_ENUM, 0, 0, 0, "", F (AppRaw, precision), prec_names,
    "fp32, fp16 or int8 (default: the model's, else fp32)." },
  { "batch", K_NUM, 0, 1, 65536, "1", F (AppRaw, batch), NULL, "Inferences per task." },
  { "input", K_DIST, CCS_UNIT_BYTES, 0, 1e15, "0", F (AppRaw, input), NULL,
    "Bytes sent from the device to where the task runs." },
  { "output", K_DIST, CCS_UNIT_BYTES, 0, 1e15, "0", F (AppRaw, output), NULL, "Bytes sent back." },
  { "deadline", K_NUM, CCS_UNIT_TIME, 0, 1e9, "0 s", F (AppRaw, deadline_s), NULL,
    "Response-time deadline (0: none); later completions count as misses." },
  { "sovereign", K_BOOL, 0, 0, 0, "false", F (AppRaw, sovereign), NULL,
    "Data may only be processed in its owner's domain (the IoT group's) or an allowed one." },
  { "allowed_domains", K_STR, 0, 0, 0, "", F (AppRaw, allowed), NULL,
    "Other domains a sovereign app's data may be processed in (comma-separated)." },
  { "training", K_BOOL, 0, 0, 0, "false", F (AppRaw, training), NULL,
    "A task is one training step of the model on `batch` samples (forward + backward + Adam: "
    "3x the forward FLOPs) instead of an inference." },
  { "memory", K_NUM, CCS_UNIT_BYTES, 0, 1e18, "0", F (AppRaw, memory), NULL,
    "Device memory a task needs (default: the model's weights + activations (+ gradients and "
    "optimizer state when training); 0 without a model: no check).  A device without room, "
    "device memory plus any CXL tier, cannot run it; a spill to CXL runs at its bandwidth." },
  { "device_class", K_ENUM, 0, 0, 0, "", F (AppRaw, device_class), class_names,
    "Pipeline stage: only devices of this class (mcu, sbc, cpu, gpu, fpga, vpu, tpu) run it." },
  { "providers", K_STR, 0, 0, 0, "", F (AppRaw, providers), NULL,
    "Pipeline stage: only nodes of these providers run it (comma-separated; empty: any)." },
  { "deny_providers", K_STR, 0, 0, 0, "", F (AppRaw, deny_providers), NULL,
    "Pipeline stage: never on nodes of these providers." },
  { "site", K_STR, 0, 0, 0, "", F (AppRaw, site), NULL,
    "Pipeline stage: only at nodes of this site group (e.g. deploy a model to one edge site)." },
  { "source", K_STR, 0, 0, 0, "", F (AppRaw, source), NULL,
    "Pipeline stage: its `input` comes from a device of this IoT group (default: from the "
    "device that asked for the job, for stages without predecessors)." },
};
static const KeyDef pipeline_keys[] = {
  { "stages", K_STR, 0, 0, 0, NULL, F (PipelineRaw, stages), NULL,
    "The [App NAME] groups that are its stages (comma-separated).  A stage's `output` is the data "
    "it sends to each successor (and, for a last stage, back to the requester)." },
  { "edges", K_STR, 0, 0, 0, "", F (PipelineRaw, edges), NULL,
    "Data dependencies `a>b, a>c, b>d, c>d` (fan-out and fan-in); must form a DAG." },
  { "scheduler", K_ENUM, 0, 0, 0, "heft", F (PipelineRaw, scheduler), scheduler_names,
    "heft (Topcuoglu et al. 2002), heft-budget (cheapest choices that keep the job within "
    "`budget`), heft-energy (least energy within 1.5x the earliest finish), heft-sovereign (HEFT "
    "on the nodes sovereign stages may use)." },
  { "budget", K_NUM, CCS_UNIT_MONEY, 0, 1e12, "0 USD", F (PipelineRaw, budget), NULL,
    "heft-budget: money per job (compute rent + egress)." },
  { "deadline", K_NUM, CCS_UNIT_TIME, 0, 1e9, "0 s", F (PipelineRaw, deadline_s), NULL,
    "Jobs finishing later count as deadline misses (0: none)." },
};
static const KeyDef link_keys[] = {
  { "a", K_STR, 0, 0, 0, NULL, F (LinkRaw, a), NULL, "One end: a site name or `core`." },
  { "b", K_STR, 0, 0, 0, NULL, F (LinkRaw, b), NULL, "Other end." },
  { "class", K_LINK, 0, 0, 0, "metro", F (LinkRaw, klass), NULL, "Link class." },
  { "distance", K_NUM, CCS_UNIT_DISTANCE, 0, 1e8, "0 km", F (LinkRaw, distance_m), NULL,
    "Fibre length (adds 4.9 us/km)." },
};
#undef F

enum
{
  SEC_RUN,
  SEC_PLACEMENT,
  SEC_TOPOLOGY,
  SEC_SITE,
  SEC_NODE,
  SEC_IOT,
  SEC_APP,
  SEC_LINK,
  SEC_PIPELINE,
  SEC_MARKET,
  SEC_N
};
static const SectionDef sections[SEC_N] = {
  [SEC_RUN] = { "Run", FALSE, FALSE, run_keys, G_N_ELEMENTS (run_keys),
                "The run: name, simulated time, warm-up, seed." },
  [SEC_PLACEMENT] = { "Placement", FALSE, TRUE, placement_keys, G_N_ELEMENTS (placement_keys),
                      "The placement policy and its options." },
  [SEC_TOPOLOGY] = { "Topology", FALSE, FALSE, topo_keys, G_N_ELEMENTS (topo_keys),
                     "How sites are connected (generated with igraph or listed)." },
  [SEC_SITE]
  = { "Site", TRUE, FALSE, site_keys, G_N_ELEMENTS (site_keys), "A group of sites of one tier." },
  [SEC_NODE] = { "Node", TRUE, FALSE, node_keys, G_N_ELEMENTS (node_keys),
                 "Servers placed at every site of a site group." },
  [SEC_IOT] = { "IoT", TRUE, FALSE, iot_keys, G_N_ELEMENTS (iot_keys),
                "A group of IoT devices generating tasks." },
  [SEC_APP] = { "App", TRUE, FALSE, app_keys, G_N_ELEMENTS (app_keys),
                "An application: the work and data of one task." },
  [SEC_LINK] = { "Link", TRUE, FALSE, link_keys, G_N_ELEMENTS (link_keys),
                 "One link of an explicit topology." },
  [SEC_MARKET] = { "Market", FALSE, TRUE, market_keys, G_N_ELEMENTS (market_keys),
                   "The market mechanism that prices cloud device time, and its options." },
  [SEC_PIPELINE] = { "Pipeline", TRUE, FALSE, pipeline_keys, G_N_ELEMENTS (pipeline_keys),
                     "A DAG of apps (stages) run as one job per arrival, placed by a DAG "
                     "scheduler; IoT groups name it in `app`." },
};

static gboolean err_at (GError **error, int code, const char *file, int line, const char *group,
                        const char *key, const char *fmt, ...) G_GNUC_PRINTF (7, 8);

static gboolean
err_at (GError **error, int code, const char *file, int line, const char *group, const char *key,
        const char *fmt, ...)
{
  va_list ap;
  va_start (ap, fmt);
  g_autofree char *msg = g_strdup_vprintf (fmt, ap);
  va_end (ap);
  if (key)
    g_set_error (error, CCS_SCENARIO_ERROR, code, "%s:%d: [%s] %s: %s", file, line, group, key,
                 msg);
  else
    g_set_error (error, CCS_SCENARIO_ERROR, code, "%s:%d: [%s] %s", file, line, group, msg);
  return FALSE;
}

static int
choice_index (const char *const *choices, const char *v)
{
  for (int i = 0; choices[i]; i++)
    if (g_ascii_strcasecmp (choices[i], v) == 0)
      return i;
  return -1;
}

static char *
choice_list (const char *const *choices)
{
  GString *s = g_string_new (NULL);
  for (int i = 0; choices[i]; i++)
    if (*choices[i])
      g_string_append_printf (s, "%s%s", s->len ? ", " : "", choices[i]);
  return g_string_free (s, FALSE);
}

static const char *const *
link_names (gsize *n)
{
  static const char *names[64];
  gsize count;
  const CcsLinkClass *lc = ccs_link_classes (&count);
  for (gsize i = 0; i < count && i < 63; i++)
    names[i] = lc[i].name;
  *n = MIN (count, 63);
  return names;
}

static gboolean
parse_value (const KeyDef *k, const char *v, gpointer target, GError **error)
{
  gpointer field = G_STRUCT_MEMBER_P (target, k->offset);
  switch (k->type)
    {
      case K_STR:
        *(char **) field = g_strdup (v);
        return TRUE;
      case K_UINT:
        {
          char *end;
          if (!*v || v[0] == '-')
            goto bad_uint;
          guint64 x = g_ascii_strtoull (v, &end, 10);
          if (*end)
            goto bad_uint;
          if (x < k->min || x > k->max)
            {
              g_set_error (error, CCS_SCENARIO_ERROR, CCS_SCENARIO_ERROR_VALUE,
                           "%s is out of bounds [%.0f, %.0f]", v, k->min, k->max);
              return FALSE;
            }
          *(guint *) field = x;
          return TRUE;
        bad_uint:
          g_set_error (error, CCS_SCENARIO_ERROR, CCS_SCENARIO_ERROR_VALUE,
                       "'%s' is not a non-negative integer", v);
          return FALSE;
        }
      case K_NUM:
        {
          double x;
          if (!ccs_units_parse (v, k->unit, &x, error))
            return FALSE;
          if (x < k->min || x > k->max)
            {
              g_autofree char *lo = ccs_units_format (k->min, k->unit);
              g_autofree char *hi = ccs_units_format (k->max, k->unit);
              g_set_error (error, CCS_SCENARIO_ERROR, CCS_SCENARIO_ERROR_VALUE,
                           "%s is out of bounds [%s, %s]", v, lo, hi);
              return FALSE;
            }
          *(double *) field = x;
          return TRUE;
        }
      case K_BOOL:
        if (!g_ascii_strcasecmp (v, "true") || !g_ascii_strcasecmp (v, "yes") || !strcmp (v, "1"))
          *(gboolean *) field = TRUE;
        else if (!g_ascii_strcasecmp (v, "false") || !g_ascii_strcasecmp (v, "no")
                 || !strcmp (v, "0"))
          *(gboolean *) field = FALSE;
        else
          {
            g_set_error (error, CCS_SCENARIO_ERROR, CCS_SCENARIO_ERROR_VALUE,
                         "'%s' is not a boolean (true or false)", v);
            return FALSE;
          }
        return TRUE;
      case K_ENUM:
        {
          int i = choice_index (k->choices, v);
          if (i < 0)
            {
              g_autofree char *list = choice_list (k->choices);
              const char *dym
                  = ccs_did_you_mean (v, k->choices, g_strv_length ((char **) k->choices));
              g_set_error (error, CCS_SCENARIO_ERROR, CCS_SCENARIO_ERROR_VALUE,
                           "'%s' is not one of: %s%s%s%s", v, list,
                           dym && *dym ? " (did you mean '" : "", dym && *dym ? dym : "",
                           dym && *dym ? "'?)" : "");
              return FALSE;
            }
          *(int *) field = i;
          return TRUE;
        }
      case K_DIST:
        {
          CcsDist *d = field;
          if (!ccs_dist_parse (v, k->unit, d, error))
            return FALSE;
          if (d->a < k->min || d->b < k->min)
            {
              g_set_error (error, CCS_SCENARIO_ERROR, CCS_SCENARIO_ERROR_VALUE,
                           "'%s' is out of bounds (at least %g)", v, k->min);
              return FALSE;
            }
          if (d->a > k->max || d->b > k->max)
            {
              g_set_error (error, CCS_SCENARIO_ERROR, CCS_SCENARIO_ERROR_VALUE,
                           "'%s' is out of bounds (at most %g)", v, k->max);
              return FALSE;
            }
          return TRUE;
        }
      case K_LINK:
        {
          if (!*v)
            {
              *(const CcsLinkClass **) field = NULL;
              return TRUE;
            }
          const CcsLinkClass *lc = ccs_link_class_lookup (v);
          if (!lc)
            {
              gsize n;
              const char *const *names = link_names (&n);
              const char *dym = ccs_did_you_mean (v, names, n);
              g_set_error (error, CCS_SCENARIO_ERROR, CCS_SCENARIO_ERROR_REFERENCE,
                           "unknown link class '%s'%s%s%s (see `ccsim list links`)", v,
                           dym ? " (did you mean '" : "", dym ? dym : "", dym ? "'?)" : "");
              return FALSE;
            }
          *(const CcsLinkClass **) field = lc;
          return TRUE;
        }
    }
  return FALSE;
}

/* Fill @target from group @g following @sec; unknown keys are errors
 * unless the section is open. */
/* Unknown keys first: a misspelt required key is reported as the typo it
 * is, at its own line, not as a missing key at the group header. */
static gboolean
check_unknown (const SectionDef *sec, CcsIniGroup *g, const char *gname, GError **error)
{
  if (!g || sec->open)
    return TRUE;
  for (guint i = 0; i < g->entries->len; i++)
    {
      CcsIniEntry *e = g->entries->pdata[i];
      const char *cands[32];
      gsize n = 0;
      gboolean known = FALSE;
      for (gsize j = 0; j < sec->n_keys && n < 32; j++)
        {
          cands[n++] = sec->keys[j].key;
          known |= strcmp (sec->keys[j].key, e->key) == 0;
        }
      if (known)
        continue;
      const char *dym = ccs_did_you_mean (e->key, cands, n);
      return err_at (error, CCS_SCENARIO_ERROR_UNKNOWN_KEY, e->file, e->line, gname, e->key,
                     "unknown key%s%s%s", dym ? " (did you mean '" : "", dym ? dym : "",
                     dym ? "'?)" : "");
    }
  return TRUE;
}

static void free_strings (const SectionDef *sec, gpointer raw);

/* Fill @target (zeroed by the caller) from group @g following @sec;
 * unknown keys are errors unless the section is open.  On failure the
 * strings already read are freed, so callers just return. */
static gboolean read_section_fields (const SectionDef *sec, CcsIniGroup *g, const char *file,
                                     int line, const char *gname, gpointer target, GError **error);

static gboolean
read_section (const SectionDef *sec, CcsIniGroup *g, const char *file, int line, const char *gname,
              gpointer target, GError **error)
{
  if (read_section_fields (sec, g, file, line, gname, target, error))
    return TRUE;
  free_strings (sec, target);
  return FALSE;
}

static gboolean
read_section_fields (const SectionDef *sec, CcsIniGroup *g, const char *file, int line,
                     const char *gname, gpointer target, GError **error)
{
  if (!check_unknown (sec, g, gname, error))
    return FALSE;
  for (gsize i = 0; i < sec->n_keys; i++)
    {
      const KeyDef *k = &sec->keys[i];
      CcsIniEntry *e = ccs_ini_entry (g, k->key);
      const char *v = e ? e->value : k->def;
      if (e)
        e->used = TRUE;
      if (!v)
        return err_at (error, CCS_SCENARIO_ERROR_VALUE, g ? g->file : file, g ? g->line : line,
                       gname, k->key, "missing (required)");
      g_autoptr (GError) local = NULL;
      if (!parse_value (k, v, target, &local))
        return err_at (error,
                       local->domain == CCS_SCENARIO_ERROR ? local->code : CCS_SCENARIO_ERROR_VALUE,
                       e ? e->file : file, e ? e->line : line, gname, k->key, "%s", local->message);
    }
  return TRUE;
}

static void
free_strings (const SectionDef *sec, gpointer raw)
{
  for (gsize i = 0; i < sec->n_keys; i++)
    if (sec->keys[i].type == K_STR)
      g_clear_pointer (&G_STRUCT_MEMBER (char *, raw, sec->keys[i].offset), g_free);
}

static void
site_free (gpointer p)
{
  CcsSiteGroup *s = p;
  g_free (s->name);
  g_free (s->provider);
  g_free (s->region);
  g_free (s->domain);
  g_free (s->carbon_trace_path);
  if (s->carbon_trace)
    g_array_unref (s->carbon_trace);
  g_free (s);
}
static void
node_free (gpointer p)
{
  CcsNodeGroup *n = p;
  g_free (n->name);
  g_array_unref (n->devices);
  g_free (n);
}
static void
iot_free (gpointer p)
{
  CcsIotGroup *g = p;
  g_free (g->name);
  g_free (g->region);
  g_free (g->trace_path);
  g_free (g->domain);
  if (g->traces)
    g_ptr_array_unref (g->traces);
  g_free (g);
}
static void
pipeline_free (gpointer p)
{
  CcsPipeline *pl = p;
  g_free (pl->name);
  g_array_unref (pl->stages);
  g_array_unref (pl->edges);
  g_free (pl);
}

static void
app_free (gpointer p)
{
  CcsApp *a = p;
  g_free (a->name);
  g_strfreev (a->allowed_domains);
  g_strfreev (a->providers);
  g_strfreev (a->deny_providers);
  g_free (a->source_name);
  g_free (a->site_name);
  g_free (a);
}

void
ccs_scenario_free (CcsScenario *s)
{
  if (!s)
    return;
  g_free (s->path);
  g_free (s->dir);
  g_free (s->name);
  g_free (s->config);
  g_free (s->policy);
  g_free (s->market);
  g_free (s->resolved);
  g_free (s->sha256);
  if (s->topo.links)
    {
      for (guint i = 0; i < s->topo.links->len; i++)
        {
          CcsExplicitLink *l = &g_array_index (s->topo.links, CcsExplicitLink, i);
          g_free (l->name);
          g_free (l->a);
          g_free (l->b);
        }
      g_array_unref (s->topo.links);
    }
  g_clear_pointer (&s->profiles, g_ptr_array_unref);
  g_clear_pointer (&s->sites, g_ptr_array_unref);
  g_clear_pointer (&s->nodes, g_ptr_array_unref);
  g_clear_pointer (&s->iot, g_ptr_array_unref);
  g_clear_pointer (&s->apps, g_ptr_array_unref);
  g_clear_pointer (&s->pipelines, g_ptr_array_unref);
  ccs_ini_free (s->ini);
  g_free (s);
}

const char *const *
ccs_scenario_profile_dirs (void)
{
  static const char *dirs[4];
  static gsize once = 0;
  if (g_once_init_enter (&once))
    {
      int n = 0;
      const char *env = g_getenv ("CCSIM_PROFILES");
      if (env && *env)
        dirs[n++] = g_strdup (env);
#ifdef CCSIM_SOURCE_DIR
      dirs[n++] = CCSIM_SOURCE_DIR "/hwprofiles";
#endif
#ifdef CCSIM_DATA_DIR
      dirs[n++] = CCSIM_DATA_DIR "/hwprofiles";
#endif
      dirs[n] = NULL;
      g_once_init_leave (&once, 1);
    }
  return dirs;
}

static const CcsHwProfile *
get_profile (CcsScenario *s, const char *name, GError **error)
{
  for (guint i = 0; i < s->profiles->len; i++)
    {
      CcsHwProfile *p = s->profiles->pdata[i];
      if (strcmp (p->name, name) == 0 || strcmp (p->path, name) == 0)
        return p;
    }
  CcsHwProfile *p = ccs_hw_profile_find (name, s->dir, ccs_scenario_profile_dirs (), error);
  if (!p)
    return NULL;
  g_ptr_array_add (s->profiles, p);
  return p;
}

/* "2 xeon-gold-6338 + 8 nvidia-a100" → device specs. */
static gboolean
parse_devices (CcsScenario *s, const char *text, GArray *out, GError **error)
{
  g_auto (GStrv) parts = g_strsplit (text, "+", -1);
  for (int i = 0; parts[i]; i++)
    {
      char *p = g_strstrip (parts[i]);
      CcsDeviceSpec d = { NULL, 1 };
      if (g_ascii_isdigit (*p))
        {
          char *end;
          guint64 n = g_ascii_strtoull (p, &end, 10);
          if (!g_ascii_isspace (*end) || n < 1 || n > 1024)
            {
              g_set_error (error, CCS_SCENARIO_ERROR, CCS_SCENARIO_ERROR_VALUE,
                           "'%s': expected 'COUNT PROFILE' with 1 <= COUNT <= 1024", p);
              return FALSE;
            }
          d.count = n;
          p = g_strstrip (end);
        }
      if (!*p)
        {
          g_set_error (error, CCS_SCENARIO_ERROR, CCS_SCENARIO_ERROR_VALUE,
                       "'%s': empty device entry", text);
          return FALSE;
        }
      d.profile = get_profile (s, p, error);
      if (!d.profile)
        return FALSE;
      g_array_append_val (out, d);
    }
  return TRUE;
}

static gint
find_named (GPtrArray *arr, const char *name)
{
  for (guint i = 0; i < arr->len; i++)
    if (strcmp (*(char **) arr->pdata[i], name) == 0)
      return i;
  return -1;
}

static gboolean
ref_error (GError **error, const char *file, int line, const char *gname, const char *key,
           const char *what, const char *v, GPtrArray *arr)
{
  const char *cands[256];
  gsize n = 0;
  for (guint i = 0; i < arr->len && n < 256; i++)
    cands[n++] = *(char **) arr->pdata[i];
  const char *dym = ccs_did_you_mean (v, cands, n);
  return err_at (error, CCS_SCENARIO_ERROR_REFERENCE, file, line, gname, key,
                 "unknown %s '%s'%s%s%s", what, v, dym ? " (did you mean '" : "", dym ? dym : "",
                 dym ? "'?)" : "");
}

static CcsLoc
loc_of (CcsIniGroup *g, const char *key)
{
  CcsIniEntry *e = ccs_ini_entry (g, key);
  if (e)
    return (CcsLoc){ e->file, e->line };
  return (CcsLoc){ g->file, g->line };
}

/* A data file named by key KEYNAME (relative to the scenario's folder). */
static gboolean
read_data_file (const CcsScenario *s, const char *name, CcsLoc key, const char *gname,
                const char *keyname, char **path_out, char **text_out, GError **error)
{
  *path_out = g_path_is_absolute (name) ? g_strdup (name) : g_build_filename (s->dir, name, NULL);
  g_autoptr (GError) local = NULL;
  if (!g_file_get_contents (*path_out, text_out, NULL, &local))
    return err_at (error, CCS_SCENARIO_ERROR_IO, key.file, key.line, gname, keyname,
                   "cannot read '%s': %s", *path_out, local->message);
  return TRUE;
}

static GStrv
split_list (const char *text)
{
  g_auto (GStrv) parts = g_strsplit (text, ",", -1);
  GPtrArray *out = g_ptr_array_new ();
  for (char **p = parts; *p; p++)
    if (*g_strstrip (*p))
      g_ptr_array_add (out, g_strdup (*p));
  g_ptr_array_add (out, NULL);
  return (GStrv) g_ptr_array_free (out, FALSE);
}

/* Stages (apps), edges "a>b" between them, no cycle (Kahn's algorithm). */
static gboolean
build_pipeline (CcsScenario *s, CcsPipeline *pl, CcsIniGroup *g, const char *stages,
                const char *edges, GError **error)
{
  g_autofree char *gname = g_strconcat ("Pipeline ", pl->name, NULL);
  CcsLoc ls = loc_of (g, "stages"), le = loc_of (g, "edges");
  g_auto (GStrv) names = split_list (stages);
  for (char **n = names; *n; n++)
    {
      gint ai = find_named (s->apps, *n);
      if (ai < 0)
        return ref_error (error, ls.file, ls.line, gname, "stages", "app", *n, s->apps);
      for (guint k = 0; k < pl->stages->len; k++)
        if (g_array_index (pl->stages, guint, k) == (guint) ai)
          return err_at (error, CCS_SCENARIO_ERROR_VALUE, ls.file, ls.line, gname, "stages",
                         "'%s' is listed twice", *n);
      guint u = ai;
      g_array_append_val (pl->stages, u);
    }
  if (pl->stages->len == 0)
    return err_at (error, CCS_SCENARIO_ERROR_VALUE, ls.file, ls.line, gname, "stages", "no stages");
  g_auto (GStrv) es = split_list (edges);
  for (char **e = es; *e; e++)
    {
      g_auto (GStrv) ab = g_strsplit (*e, ">", -1);
      if (g_strv_length (ab) != 2)
        return err_at (error, CCS_SCENARIO_ERROR_VALUE, le.file, le.line, gname, "edges",
                       "'%s' is not FROM>TO", *e);
      guint pos[2];
      for (int k = 0; k < 2; k++)
        {
          g_strstrip (ab[k]);
          gint ai = find_named (s->apps, ab[k]);
          gint at = -1;
          for (guint j = 0; ai >= 0 && j < pl->stages->len; j++)
            if (g_array_index (pl->stages, guint, j) == (guint) ai)
              at = j;
          if (at < 0)
            return err_at (error, CCS_SCENARIO_ERROR_REFERENCE, le.file, le.line, gname, "edges",
                           "'%s' in '%s' is not one of the stages", ab[k], *e);
          pos[k] = at;
        }
      if (pos[0] == pos[1])
        return err_at (error, CCS_SCENARIO_ERROR_VALUE, le.file, le.line, gname, "edges",
                       "'%s' joins a stage to itself", *e);
      g_array_append_vals (pl->edges, pos, 2);
    }
  /* Kahn: a stage whose predecessors never all finish lies on a cycle. */
  guint n = pl->stages->len, m = pl->edges->len / 2, done = 0;
  g_autofree guint *indeg = g_new0 (guint, n);
  g_autofree guint *queue = g_new (guint, n);
  for (guint k = 0; k < m; k++)
    indeg[g_array_index (pl->edges, guint, 2 * k + 1)]++;
  guint head = 0, tail = 0;
  for (guint k = 0; k < n; k++)
    if (!indeg[k])
      queue[tail++] = k;
  while (head < tail)
    {
      guint u = queue[head++];
      done++;
      for (guint k = 0; k < m; k++)
        if (g_array_index (pl->edges, guint, 2 * k) == u
            && --indeg[g_array_index (pl->edges, guint, 2 * k + 1)] == 0)
          queue[tail++] = g_array_index (pl->edges, guint, 2 * k + 1);
    }
  if (done < n)
    for (guint k = 0; k < n; k++)
      if (indeg[k])
        return err_at (error, CCS_SCENARIO_ERROR_VALUE, le.file, le.line, gname, "edges",
                       "the edges form a cycle through '%s'",
                       ((CcsApp *) s->apps->pdata[g_array_index (pl->stages, guint, k)])->name);
  return TRUE;
}

static gboolean
load_traces (CcsScenario *s, CcsIotGroup *g, CcsLoc key, GError **error)
{
  g_autofree char *gname = g_strconcat ("IoT ", g->name, NULL);
  g_autofree char *path = NULL, *text = NULL;
  if (!read_data_file (s, g->trace_path, key, gname, "trace", &path, &text, error))
    return FALSE;
  g->traces = g_ptr_array_new_with_free_func ((GDestroyNotify) g_array_unref);
  g_autofree double *last = g_new (double, g->count);
  for (guint i = 0; i < g->count; i++)
    last[i] = -1;
  for (guint i = 0; i < g->count; i++)
    g_ptr_array_add (g->traces, g_array_new (FALSE, FALSE, sizeof (double)));
  g_auto (GStrv) lines = g_strsplit (text, "\n", -1);
  for (int i = 0; lines[i]; i++)
    {
      char *l = g_strstrip (lines[i]);
      if (!*l || *l == '#')
        continue;
      char *end;
      double t = g_ascii_strtod (l, &end);
      while (*end == ',' || g_ascii_isspace (*end))
        end++;
      gint64 dev = -1;
      if (*end)
        {
          char *e2;
          dev = g_ascii_strtoll (end, &e2, 10);
          if (*e2 || dev < 0 || dev >= g->count)
            return err_at (error, CCS_SCENARIO_ERROR_VALUE, path, i + 1, gname, "trace",
                           "bad line '%s' (expected TIME_S or "
                           "TIME_S,DEVICE with DEVICE < %u)",
                           l, g->count);
        }
      if (end == l || !isfinite (t) || t < 0)
        return err_at (error, CCS_SCENARIO_ERROR_VALUE, path, i + 1, gname, "trace",
                       "bad time in '%s'", l);
      for (guint d = 0; d < g->count; d++)
        if (dev < 0 || (guint) dev == d)
          {
            if (t < last[d])
              return err_at (error, CCS_SCENARIO_ERROR_VALUE, path, i + 1, gname, "trace",
                             "times must be in increasing order (%g after %g)", t, last[d]);
            last[d] = t;
            g_array_append_val ((GArray *) g->traces->pdata[d], t);
          }
    }
  return TRUE;
}

/* A step function of grid carbon intensity: `TIME_S VALUE` per line
 * (space or comma), times increasing; before the first time the first
 * value holds. */
static gboolean
load_carbon_trace (CcsScenario *s, CcsSiteGroup *sg, CcsLoc key, GError **error)
{
  g_autofree char *gname = g_strconcat ("Site ", sg->name, NULL);
  g_autofree char *path = NULL, *text = NULL;
  if (!read_data_file (s, sg->carbon_trace_path, key, gname, "carbon_trace", &path, &text, error))
    return FALSE;
  sg->carbon_trace = g_array_new (FALSE, FALSE, sizeof (double));
  g_auto (GStrv) lines = g_strsplit (text, "\n", -1);
  for (int i = 0; lines[i]; i++)
    {
      char *l = g_strstrip (lines[i]);
      if (!*l || *l == '#')
        continue;
      char *end, *end2;
      double t = g_ascii_strtod (l, &end);
      while (*end == ',' || g_ascii_isspace (*end))
        end++;
      double v = g_ascii_strtod (end, &end2);
      while (g_ascii_isspace (*end2))
        end2++;
      gsize n = sg->carbon_trace->len;
      if (end == l || end2 == end || *end2 || !isfinite (t) || !isfinite (v) || t < 0 || v < 0
          || v > 5000)
        return err_at (error, CCS_SCENARIO_ERROR_VALUE, path, i + 1, gname, "carbon_trace",
                       "bad line '%s' (expected TIME_S GCO2_PER_KWH, 0 to 5000)", l);
      if (n && t <= g_array_index (sg->carbon_trace, double, n - 2))
        return err_at (error, CCS_SCENARIO_ERROR_VALUE, path, i + 1, gname, "carbon_trace",
                       "times must increase (%g after %g)", t,
                       g_array_index (sg->carbon_trace, double, n - 2));
      g_array_append_val (sg->carbon_trace, t);
      g_array_append_val (sg->carbon_trace, v);
    }
  if (sg->carbon_trace->len == 0)
    return err_at (error, CCS_SCENARIO_ERROR_VALUE, path, 1, gname, "carbon_trace",
                   "no values in the file");
  return TRUE;
}

double
ccs_site_carbon_at (const CcsSiteGroup *sg, double t)
{
  if (!sg->carbon_trace)
    return sg->carbon_g_per_kwh;
  const double *p = (const double *) sg->carbon_trace->data;
  gsize n = sg->carbon_trace->len / 2;
  double v = p[1];
  for (gsize i = 0; i < n && p[2 * i] <= t; i++)
    v = p[2 * i + 1];
  return v;
}

static gboolean
split_group_name (const char *full, int *sec, char **name)
{
  for (int i = 0; i < SEC_N; i++)
    {
      gsize len = strlen (sections[i].prefix);
      if (strncmp (full, sections[i].prefix, len) != 0)
        continue;
      if (!sections[i].named && full[len] == '\0')
        {
          *sec = i;
          *name = NULL;
          return TRUE;
        }
      if (sections[i].named && full[len] == ' ')
        {
          const char *n = full + len;
          while (*n == ' ')
            n++;
          if (!*n)
            return FALSE;
          *sec = i;
          *name = g_strdup (n);
          return TRUE;
        }
    }
  return FALSE;
}

static gboolean
apply_override (CcsIni *ini, const char *spec, const char *file, int line, GError **error)
{
  const char *eq = strchr (spec, '=');
  const char *dot = eq ? g_strrstr_len (spec, eq - spec, ".") : NULL;
  if (!eq || !dot || dot == spec)
    {
      g_set_error (error, CCS_SCENARIO_ERROR, CCS_SCENARIO_ERROR_VALUE,
                   "%s:%d: '%s': expected GROUP.KEY=VALUE", file, line, spec);
      return FALSE;
    }
  g_autofree char *group = g_strstrip (g_strndup (spec, dot - spec));
  g_autofree char *key = g_strstrip (g_strndup (dot + 1, eq - dot - 1));
  g_autofree char *value = g_strstrip (g_strdup (eq + 1));
  int sec;
  g_autofree char *name = NULL;
  if (!split_group_name (group, &sec, &name))
    {
      g_set_error (error, CCS_SCENARIO_ERROR, CCS_SCENARIO_ERROR_UNKNOWN_GROUP,
                   "%s:%d: [%s] %s: unknown group", file, line, group, key);
      return FALSE;
    }
  if (sections[sec].named && !ccs_ini_group (ini, group))
    {
      g_set_error (error, CCS_SCENARIO_ERROR, CCS_SCENARIO_ERROR_UNKNOWN_GROUP,
                   "%s:%d: [%s] %s: no such group in the scenario", file, line, group, key);
      return FALSE;
    }
  ccs_ini_set (ini, group, key, value, file, line);
  return TRUE;
}

static gboolean
apply_config (CcsIni *ini, const char *config, GError **error)
{
  g_autofree char *gname = g_strconcat ("Config ", config, NULL);
  CcsIniGroup *g = ccs_ini_group (ini, gname);
  if (!g)
    {
      g_autoptr (GString) list = g_string_new (NULL);
      for (guint i = 0; i < ini->groups->len; i++)
        {
          CcsIniGroup *c = ini->groups->pdata[i];
          if (g_str_has_prefix (c->name, "Config "))
            g_string_append_printf (list, "%s%s", list->len ? ", " : "", c->name + 7);
        }
      g_set_error (error, CCS_SCENARIO_ERROR, CCS_SCENARIO_ERROR_UNKNOWN_GROUP,
                   "%s: no [Config %s] (available: %s)", (char *) ini->files->pdata[0], config,
                   list->len ? list->str : "none");
      return FALSE;
    }
  /* Copy first: applying may add entries to groups while we iterate. */
  g_autoptr (GPtrArray) specs = g_ptr_array_new_with_free_func (g_free);
  g_autoptr (GArray) lines = g_array_new (FALSE, FALSE, sizeof (int));
  g_autoptr (GPtrArray) files = g_ptr_array_new ();
  for (guint i = 0; i < g->entries->len; i++)
    {
      CcsIniEntry *e = g->entries->pdata[i];
      g_ptr_array_add (specs, g_strdup_printf ("%s=%s", e->key, e->value));
      g_array_append_val (lines, e->line);
      g_ptr_array_add (files, (gpointer) e->file);
    }
  for (guint i = 0; i < specs->len; i++)
    if (!apply_override (ini, specs->pdata[i], files->pdata[i], g_array_index (lines, int, i),
                         error))
      return FALSE;
  return TRUE;
}

static char *
resolved_text (CcsIni *ini)
{
  GString *s = g_string_new (NULL);
  for (guint i = 0; i < ini->groups->len; i++)
    {
      CcsIniGroup *g = ini->groups->pdata[i];
      if (g_str_has_prefix (g->name, "Config "))
        continue;
      g_string_append_printf (s, "[%s]\n", g->name);
      for (guint j = 0; j < g->entries->len; j++)
        {
          CcsIniEntry *e = g->entries->pdata[j];
          g_string_append_printf (s, "%s = %s\n", e->key, e->value);
        }
    }
  return g_string_free (s, FALSE);
}

static gboolean build (CcsScenario *s, GError **error);

CcsScenario *
ccs_scenario_load (const char *path, const char *config, const char *const *sets, GError **error)
{
  g_autoptr (CcsScenario) s = g_new0 (CcsScenario, 1);
  s->path = g_strdup (path);
  s->dir = g_path_get_dirname (path);
  s->config = g_strdup (config ? config : "");
  s->profiles = g_ptr_array_new_with_free_func ((GDestroyNotify) ccs_hw_profile_free);
  s->sites = g_ptr_array_new_with_free_func (site_free);
  s->nodes = g_ptr_array_new_with_free_func (node_free);
  s->iot = g_ptr_array_new_with_free_func (iot_free);
  s->apps = g_ptr_array_new_with_free_func (app_free);
  s->pipelines = g_ptr_array_new_with_free_func (pipeline_free);
  g_autoptr (GError) local = NULL;
  s->ini = ccs_ini_load (path, &local);
  if (!s->ini)
    {
      /* One domain for every scenario error, so callers need not know
       * about the key-file reader. */
      g_set_error_literal (error, CCS_SCENARIO_ERROR,
                           local->code == CCS_INI_ERROR_IO      ? CCS_SCENARIO_ERROR_IO
                           : local->code == CCS_INI_ERROR_CYCLE ? CCS_SCENARIO_ERROR_REFERENCE
                                                                : CCS_SCENARIO_ERROR_VALUE,
                           local->message);
      return NULL;
    }
  if (config && *config && !apply_config (s->ini, config, error))
    return NULL;
  for (int i = 0; sets && sets[i]; i++)
    if (!apply_override (s->ini, sets[i], "--set", i + 1, error))
      return NULL;
  if (!build (s, error))
    return NULL;
  s->resolved = resolved_text (s->ini);
  s->sha256 = g_compute_checksum_for_string (G_CHECKSUM_SHA256, s->resolved, -1);
  return g_steal_pointer (&s);
}

static gboolean
build (CcsScenario *s, GError **error)
{
  CcsIni *ini = s->ini;
  const char *file0 = ini->files->pdata[0];
  /* Pass 1: group names. */
  for (guint i = 0; i < ini->groups->len; i++)
    {
      CcsIniGroup *g = ini->groups->pdata[i];
      int sec;
      g_autofree char *name = NULL;
      if (g_str_has_prefix (g->name, "Config "))
        continue;
      if (!split_group_name (g->name, &sec, &name))
        {
          const char *cands[SEC_N + 1];
          for (int j = 0; j < SEC_N; j++)
            cands[j] = sections[j].prefix;
          cands[SEC_N] = "Config";
          g_autofree char *first = g_strdup (g->name);
          char *sp = strchr (first, ' ');
          if (sp)
            *sp = '\0';
          const char *dym = ccs_did_you_mean (first, cands, SEC_N + 1);
          return err_at (error, CCS_SCENARIO_ERROR_UNKNOWN_GROUP, g->file, g->line, g->name, NULL,
                         "unknown group%s%s%s (groups: Run, Placement, "
                         "Market, Topology, Site NAME, Node NAME, IoT NAME, App NAME, "
                         "Link NAME, Pipeline NAME, Config NAME)",
                         dym ? " (did you mean '" : "", dym ? dym : "", dym ? "'?)" : "");
        }
      /* Names become SimGrid host, link and zone ids and database keys:
       * keep them to a plain alphabet (no XML metacharacters, no '.'
       * which separates site, node and device in generated names). */
      for (const char *c = name; c && *c; c++)
        if (!g_ascii_isalnum (*c) && *c != '_' && *c != '-')
          return err_at (error, CCS_SCENARIO_ERROR_VALUE, g->file, g->line, g->name, NULL,
                         "the name '%s' may only use letters, digits, '_' and '-'", name);
    }

  /* Run. */
  CcsIniGroup *g = ccs_ini_group (ini, "Run");
  RunRaw run = { 0 };
  gboolean ok = read_section (&sections[SEC_RUN], g, file0, 1, "Run", &run, error);
  if (ok)
    {
      if (*run.name)
        s->name = g_strdup (run.name);
      else
        {
          g_autofree char *b = g_path_get_basename (s->path);
          char *dot = strrchr (b, '.');
          if (dot)
            *dot = '\0';
          s->name = g_strdup (b);
        }
      s->duration_s = run.duration_s;
      s->warmup_s = run.warmup_s;
      s->seed = run.seed;
      s->task_sample = run.task_sample;
      s->sample_interval_s = run.sample_interval_s > 0 ? run.sample_interval_s
                                                       : (run.duration_s - run.warmup_s) / 100;
      if (s->warmup_s >= s->duration_s)
        {
          CcsLoc l = g ? loc_of (g, "warmup") : (CcsLoc){ file0, 1 };
          ok = err_at (error, CCS_SCENARIO_ERROR_VALUE, l.file, l.line, "Run", "warmup",
                       "must be shorter than duration");
        }
    }
  free_strings (&sections[SEC_RUN], &run);
  if (!ok)
    return FALSE;

  /* Topology. */
  g = ccs_ini_group (ini, "Topology");
  TopoRaw topo = { 0 };
  if (!read_section (&sections[SEC_TOPOLOGY], g, file0, 1, "Topology", &topo, error))
    return FALSE;
  s->topo.model = topo.model;
  s->topo.loc = g ? loc_of (g, "model") : (CcsLoc){ file0, 1 };
  s->topo.ba_m = topo.ba_m;
  s->topo.tree_children = topo.tree_children;
  s->topo.radius = topo.radius;
  s->topo.area_m = topo.area_m;
  s->topo.waxman_alpha = topo.alpha;
  s->topo.waxman_beta = topo.beta;
  s->topo.site_link = topo.site_link;
  s->topo.links = g_array_new (FALSE, TRUE, sizeof (CcsExplicitLink));

  /* Named groups, in file order. */
  for (guint i = 0; i < ini->groups->len; i++)
    {
      g = ini->groups->pdata[i];
      int sec;
      g_autofree char *name = NULL;
      if (g_str_has_prefix (g->name, "Config ") || !split_group_name (g->name, &sec, &name)
          || !sections[sec].named)
        continue;
      switch (sec)
        {
          case SEC_SITE:
            {
              SiteRaw r = { 0 };
              if (!read_section (&sections[sec], g, NULL, 0, g->name, &r, error))
                return FALSE;
              CcsSiteGroup *sg = g_new0 (CcsSiteGroup, 1);
              sg->name = g_steal_pointer (&name);
              sg->loc = (CcsLoc){ g->file, g->line };
              sg->tier = r.tier + 1; /* the choices skip "iot" */
              sg->count = r.count;
              gboolean far = sg->tier == CCS_TIER_CLOUD || sg->tier == CCS_TIER_HPC;
              sg->provider = g_strdup (*r.provider                  ? r.provider
                                       : sg->tier == CCS_TIER_CLOUD ? sg->name
                                                                    : "own");
              sg->region = g_strdup (r.region);
              sg->domain = g_strdup (*r.domain                    ? r.domain
                                     : sg->tier == CCS_TIER_CLOUD ? sg->provider
                                                                  : "local");
              sg->uplink = r.uplink ? r.uplink
                           : far    ? ccs_link_class_lookup ("wan")
                                    : s->topo.site_link;
              sg->lan = r.lan ? r.lan
                              : ccs_link_class_lookup (sg->tier == CCS_TIER_HPC ? "infiniband"
                                                                                : "eth10g");
              sg->distance_m = r.distance_m;
              sg->carbon_g_per_kwh = r.carbon;
              sg->pue = ccs_ini_entry (g, "pue")      ? r.pue
                        : sg->tier == CCS_TIER_CLOUD  ? 1.2
                        : sg->tier == CCS_TIER_ACCESS ? 1.0
                                                      : 1.58;
              sg->egress_usd_per_byte = (ccs_ini_entry (g, "egress_price") ? r.egress
                                         : sg->tier == CCS_TIER_CLOUD      ? 0.09
                                                                           : 0)
                                        / 1e9;
              if (*r.carbon_trace)
                {
                  sg->carbon_trace_path = g_strdup (r.carbon_trace);
                  if (!load_carbon_trace (s, sg, loc_of (g, "carbon_trace"), error))
                    {
                      free_strings (&sections[sec], &r);
                      g_ptr_array_add (s->sites, sg);
                      return FALSE;
                    }
                }
              free_strings (&sections[sec], &r);
              g_ptr_array_add (s->sites, sg);
              break;
            }
          case SEC_APP:
            {
              AppRaw r = { 0 };
              if (!read_section (&sections[sec], g, NULL, 0, g->name, &r, error))
                return FALSE;
              CcsApp *a = g_new0 (CcsApp, 1);
              a->name = g_steal_pointer (&name);
              a->loc = (CcsLoc){ g->file, g->line };
              g_ptr_array_add (s->apps, a);
              gboolean has_flops = ccs_ini_entry (g, "flops") != NULL;
              gboolean has_bytes = ccs_ini_entry (g, "bytes") != NULL;
              if (*r.model)
                {
                  a->model = ccs_model_lookup (r.model);
                  if (!a->model)
                    {
                      gsize n;
                      const CcsModel *ms = ccs_models (&n);
                      g_autofree const char **c = g_new (const char *, n);
                      for (gsize j = 0; j < n; j++)
                        c[j] = ms[j].name;
                      const char *dym = ccs_did_you_mean (r.model, c, n);
                      CcsLoc l = loc_of (g, "model");
                      err_at (error, CCS_SCENARIO_ERROR_REFERENCE, l.file, l.line, g->name, "model",
                              "unknown model '%s'%s%s%s (see `ccsim list kernels`)", r.model,
                              dym ? " (did you mean '" : "", dym ? dym : "", dym ? "'?)" : "");
                      free_strings (&sections[sec], &r);
                      return FALSE;
                    }
                }
              else if (!has_flops)
                {
                  free_strings (&sections[sec], &r);
                  return err_at (error, CCS_SCENARIO_ERROR_VALUE, g->file, g->line, g->name,
                                 "flops", "missing (give `model` or `flops`)");
                }
              a->precision = r.precision < CCS_PREC_N ? (CcsPrecision) r.precision
                             : a->model               ? a->model->precision
                                                      : CCS_PREC_FP32;
              a->klass = r.kclass < CCS_KC_N ? (CcsKernelClass) r.kclass
                         : a->model          ? a->model->klass
                                             : CCS_KC_GEMM;
              a->batch = r.batch;
              static const double elem[CCS_PREC_N] = { 4, 2, 1 };
              a->training = r.training;
              if (a->training && !a->model)
                {
                  free_strings (&sections[sec], &r);
                  CcsLoc l = loc_of (g, "training");
                  return err_at (error, CCS_SCENARIO_ERROR_VALUE, l.file, l.line, g->name,
                                 "training", "needs a model");
                }
              if (a->model)
                {
                  CcsWork w = a->training
                                  ? ccs_model_train_work (a->model, a->batch, elem[a->precision])
                                  : ccs_model_work (a->model, a->batch, elem[a->precision]);
                  a->flops = (CcsDist){ CCS_DIST_CONST, w.flops, 0 };
                  a->bytes = (CcsDist){ CCS_DIST_CONST, w.bytes, 0 };
                  a->memory_bytes = ccs_model_memory_bytes (a->model, a->batch, elem[a->precision],
                                                            a->training);
                }
              if (ccs_ini_entry (g, "memory"))
                a->memory_bytes = r.memory;
              if (has_flops)
                a->flops = r.flops;
              if (has_bytes || !a->model)
                a->bytes = r.bytes;
              a->input = r.input;
              a->output = r.output;
              a->deadline_s = r.deadline_s;
              a->sovereign = r.sovereign;
              a->allowed_domains = g_strsplit (r.allowed, ",", -1);
              for (char **d = a->allowed_domains; *d; d++)
                g_strstrip (*d);
              a->device_class = r.device_class < CCS_DEV_N_CLASSES ? r.device_class : -1;
              a->providers = split_list (r.providers);
              a->deny_providers = split_list (r.deny_providers);
              a->source_name = g_strdup (r.source);
              a->source_loc = loc_of (g, "source");
              a->source_group = -1;
              a->site_name = g_strdup (r.site);
              a->site_loc = loc_of (g, "site");
              a->site_group = -1;
              free_strings (&sections[sec], &r);
              break;
            }
          default:
            break;
        }
    }

  /* Pipelines refer to apps; IoT groups to apps or pipelines. */
  for (guint i = 0; i < ini->groups->len; i++)
    {
      g = ini->groups->pdata[i];
      int sec;
      g_autofree char *name = NULL;
      if (g_str_has_prefix (g->name, "Config ") || !split_group_name (g->name, &sec, &name)
          || sec != SEC_PIPELINE)
        continue;
      PipelineRaw r = { 0 };
      if (!read_section (&sections[sec], g, NULL, 0, g->name, &r, error))
        return FALSE;
      CcsPipeline *pl = g_new0 (CcsPipeline, 1);
      pl->name = g_steal_pointer (&name);
      pl->loc = (CcsLoc){ g->file, g->line };
      pl->scheduler = r.scheduler;
      pl->budget_usd = r.budget;
      pl->deadline_s = r.deadline_s;
      pl->stages = g_array_new (FALSE, FALSE, sizeof (guint));
      pl->edges = g_array_new (FALSE, FALSE, sizeof (guint));
      g_ptr_array_add (s->pipelines, pl);
      gboolean good = build_pipeline (s, pl, g, r.stages, r.edges, error);
      free_strings (&sections[sec], &r);
      if (!good)
        return FALSE;
    }

  /* Nodes, IoT and links refer to sites and apps: second pass. */
  for (guint i = 0; i < ini->groups->len; i++)
    {
      g = ini->groups->pdata[i];
      int sec;
      g_autofree char *name = NULL;
      if (g_str_has_prefix (g->name, "Config ") || !split_group_name (g->name, &sec, &name)
          || !sections[sec].named)
        continue;
      if (sec == SEC_NODE)
        {
          NodeRaw r = { 0 };
          if (!read_section (&sections[sec], g, NULL, 0, g->name, &r, error))
            return FALSE;
          CcsNodeGroup *ng = g_new0 (CcsNodeGroup, 1);
          ng->name = g_steal_pointer (&name);
          ng->loc = (CcsLoc){ g->file, g->line };
          ng->devices = g_array_new (FALSE, FALSE, sizeof (CcsDeviceSpec));
          ng->count = r.count;
          ng->slots = r.slots;
          ng->queue = r.queue;
          ng->queue_limit = r.queue_limit;
          ng->amortise_s = r.amortise_s;
          ng->pstate = r.pstate;
          ng->sleep_after_s = r.sleep_after_s;
          g_ptr_array_add (s->nodes, ng);
          gint si = find_named (s->sites, r.site);
          CcsLoc l = loc_of (g, "site");
          gboolean good = TRUE;
          if (si < 0)
            good = ref_error (error, l.file, l.line, g->name, "site", "site group", r.site,
                              s->sites);
          else if (((CcsSiteGroup *) s->sites->pdata[si])->tier == CCS_TIER_ACCESS)
            good = err_at (error, CCS_SCENARIO_ERROR_REFERENCE, l.file, l.line, g->name, "site",
                           "'%s' is an access site (no servers)", r.site);
          ng->site_group = si;
          if (good)
            {
              g_autoptr (GError) local = NULL;
              if (!parse_devices (s, r.devices, ng->devices, &local))
                {
                  l = loc_of (g, "devices");
                  good = err_at (error,
                                 local->domain == CCS_HW_ERROR ? CCS_SCENARIO_ERROR_REFERENCE
                                                               : CCS_SCENARIO_ERROR_VALUE,
                                 l.file, l.line, g->name, "devices", "%s", local->message);
                }
            }
          if (good && r.sleep_after_s > 0)
            {
              gboolean any = FALSE;
              for (guint k = 0; k < ng->devices->len; k++)
                any |= g_array_index (ng->devices, CcsDeviceSpec, k).profile->power_sleep_w > 0;
              if (!any)
                {
                  l = loc_of (g, "sleep_after");
                  good = err_at (error, CCS_SCENARIO_ERROR_VALUE, l.file, l.line, g->name,
                                 "sleep_after",
                                 "no device of this node has power_sleep in its profile");
                }
            }
          if (good && r.pstate > 0)
            {
              /* The state must exist on every device that has states, and
               * some device must have them. */
              gboolean any = FALSE;
              l = loc_of (g, "pstate");
              for (guint k = 0; good && k < ng->devices->len; k++)
                {
                  const CcsHwProfile *hp = g_array_index (ng->devices, CcsDeviceSpec, k).profile;
                  any |= hp->n_pstates > 0;
                  if (hp->n_pstates > 0 && r.pstate >= hp->n_pstates)
                    good = err_at (error, CCS_SCENARIO_ERROR_VALUE, l.file, l.line, g->name,
                                   "pstate", "%s has %u states (0 to %u)", hp->name, hp->n_pstates,
                                   hp->n_pstates - 1);
                }
              if (good && !any)
                good = err_at (error, CCS_SCENARIO_ERROR_VALUE, l.file, l.line, g->name, "pstate",
                               "no device of this node lists `pstates` in its profile");
            }
          free_strings (&sections[sec], &r);
          if (!good)
            return FALSE;
        }
      else if (sec == SEC_IOT)
        {
          IotRaw r = { 0 };
          if (!read_section (&sections[sec], g, NULL, 0, g->name, &r, error))
            return FALSE;
          CcsIotGroup *ig = g_new0 (CcsIotGroup, 1);
          ig->name = g_steal_pointer (&name);
          ig->loc = (CcsLoc){ g->file, g->line };
          ig->count = r.count;
          ig->link = r.link;
          ig->attach = r.attach;
          ig->region = g_strdup (r.region);
          ig->domain = g_strdup (r.domain);
          ig->trace_path = g_strdup (r.trace);
          ig->arrival = (CcsArrivalSpec){ r.arrival, r.rate, r.rate_off, r.on_s, r.off_s };
          ig->burst_group = r.arrival == CCS_ARRIVAL_MMPP && r.burst == 1;
          ig->site_group = -1;
          ig->region_loc = loc_of (g, *r.region ? "region" : "site");
          g_ptr_array_add (s->iot, ig);
          gboolean good = TRUE;
          g_autoptr (GError) local = NULL;
          CcsLoc l = loc_of (g, "profile");
          ig->profile = get_profile (s, r.profile, &local);
          if (!ig->profile)
            good = err_at (error,
                           local->code == CCS_HW_ERROR_NOT_FOUND ? CCS_SCENARIO_ERROR_REFERENCE
                                                                 : CCS_SCENARIO_ERROR_VALUE,
                           l.file, l.line, g->name, "profile", "%s", local->message);
          gint ai = good ? find_named (s->apps, r.app) : 0;
          ig->pipeline = good && ai < 0 ? find_named (s->pipelines, r.app) : -1;
          if (good && ai < 0 && ig->pipeline < 0)
            {
              l = loc_of (g, "app");
              g_autoptr (GPtrArray) both = g_ptr_array_new ();
              g_ptr_array_extend (both, s->apps, NULL, NULL);
              g_ptr_array_extend (both, s->pipelines, NULL, NULL);
              good = ref_error (error, l.file, l.line, g->name, "app", "app or pipeline", r.app,
                                both);
            }
          ig->app = MAX (ai, 0);
          if (good && *r.site)
            {
              ig->site_group = find_named (s->sites, r.site);
              l = loc_of (g, "site");
              if (ig->site_group < 0)
                good = ref_error (error, l.file, l.line, g->name, "site", "site group", r.site,
                                  s->sites);
            }
          if (good && r.arrival != CCS_ARRIVAL_TRACE && r.rate <= 0)
            {
              l = loc_of (g, "rate");
              good = err_at (error, CCS_SCENARIO_ERROR_VALUE, l.file, l.line, g->name, "rate",
                             "must be > 0 for %s arrivals", arrival_names[r.arrival]);
            }
          if (good && r.arrival == CCS_ARRIVAL_TRACE)
            {
              if (!*r.trace)
                {
                  l = loc_of (g, "arrival");
                  good = err_at (error, CCS_SCENARIO_ERROR_VALUE, l.file, l.line, g->name, "trace",
                                 "missing (arrival = trace needs a file)");
                }
              else
                good = load_traces (s, ig, loc_of (g, "trace"), error);
            }
          free_strings (&sections[sec], &r);
          if (!good)
            return FALSE;
        }
      else if (sec == SEC_LINK)
        {
          LinkRaw r = { 0 };
          if (!read_section (&sections[sec], g, NULL, 0, g->name, &r, error))
            return FALSE;
          CcsExplicitLink l = { g_strdup (g->name), g_strdup (r.a),  g_strdup (r.b), r.klass,
                                r.distance_m,       loc_of (g, "a"), loc_of (g, "b") };
          g_array_append_val (s->topo.links, l);
          free_strings (&sections[sec], &r);
        }
    }

  /* Stages' data sources are IoT groups, their sites site groups. */
  for (guint i = 0; i < s->apps->len; i++)
    {
      CcsApp *a = s->apps->pdata[i];
      if (*a->site_name)
        {
          a->site_group = find_named (s->sites, a->site_name);
          if (a->site_group < 0)
            {
              g_autofree char *gname = g_strconcat ("App ", a->name, NULL);
              return ref_error (error, a->site_loc.file, a->site_loc.line, gname, "site",
                                "site group", a->site_name, s->sites);
            }
        }
      if (!*a->source_name)
        continue;
      a->source_group = find_named (s->iot, a->source_name);
      if (a->source_group < 0)
        {
          g_autofree char *gname = g_strconcat ("App ", a->name, NULL);
          return ref_error (error, a->source_loc.file, a->source_loc.line, gname, "source",
                            "IoT group", a->source_name, s->iot);
        }
    }

  /* Placement. */
  g = ccs_ini_group (ini, "Placement");
  PlacementRaw pl = { 0 };
  if (!read_section (&sections[SEC_PLACEMENT], g, file0, 1, "Placement", &pl, error))
    return FALSE;
  s->policy = pl.policy;
  s->policy_loc = g ? loc_of (g, "policy") : (CcsLoc){ file0, 1 };
  s->policy_group = g;
  if (!ccs_policy_lookup (s->policy))
    {
      g_autofree char *list = ccs_policy_names ();
      return err_at (error, CCS_SCENARIO_ERROR_REFERENCE, s->policy_loc.file, s->policy_loc.line,
                     "Placement", "policy", "unknown policy '%s' (available: %s)", s->policy, list);
    }

  /* Market. */
  g = ccs_ini_group (ini, "Market");
  MarketRaw mk = { 0 };
  if (!read_section (&sections[SEC_MARKET], g, file0, 1, "Market", &mk, error))
    return FALSE;
  s->market = mk.mechanism;
  s->market_loc = g ? loc_of (g, "mechanism") : (CcsLoc){ file0, 1 };
  s->market_group = g;
  if (!ccs_market_lookup (s->market))
    {
      g_autofree char *list = ccs_market_names ();
      return err_at (error, CCS_SCENARIO_ERROR_REFERENCE, s->market_loc.file, s->market_loc.line,
                     "Market", "mechanism", "unknown market mechanism '%s' (available: %s)",
                     s->market, list);
    }

  if (s->iot->len == 0)
    return err_at (error, CCS_SCENARIO_ERROR_VALUE, file0, 1, "IoT", NULL,
                   "the scenario has no [IoT NAME] group: nothing generates tasks");
  if (s->topo.model == CCS_TOPO_EXPLICIT && s->topo.links->len == 0)
    return err_at (error, CCS_SCENARIO_ERROR_TOPOLOGY, s->topo.loc.file, s->topo.loc.line,
                   "Topology", "model", "explicit topology without any [Link NAME] group");
  return TRUE;
}

static const char *
type_doc (const KeyDef *k)
{
  switch (k->type)
    {
      case K_STR:
        return "text";
      case K_UINT:
        return "integer";
      case K_NUM:
        return k->unit ? ccs_unit_name (k->unit) : "number";
      case K_BOOL:
        return "boolean";
      case K_ENUM:
        return "choice";
      case K_DIST:
        return k->unit == CCS_UNIT_OPS ? "work or distribution" : "size or distribution";
      case K_LINK:
        return "link class";
    }
  return "?";
}

void
ccs_scenario_write_reference (FILE *out)
{
  for (int i = 0; i < SEC_N; i++)
    {
      const SectionDef *sec = &sections[i];
      fprintf (out, "### `[%s%s]`\n\n%s\n\n", sec->prefix, sec->named ? " NAME" : "", sec->doc);
      fprintf (out, "| key | type | default | bounds | meaning |\n");
      fprintf (out, "|---|---|---|---|---|\n");
      for (gsize j = 0; j < sec->n_keys; j++)
        {
          const KeyDef *k = &sec->keys[j];
          g_autofree char *bounds = NULL;
          if (k->type == K_UINT)
            bounds = g_strdup_printf ("%.0f – %.0f", k->min, k->max);
          else if (k->type == K_NUM)
            {
              g_autofree char *lo = ccs_units_format (k->min, k->unit);
              g_autofree char *hi = ccs_units_format (k->max, k->unit);
              bounds = g_strdup_printf ("%s – %s", lo, hi);
            }
          else if (k->type == K_ENUM)
            bounds = choice_list (k->choices);
          else
            bounds = g_strdup ("");
          fprintf (out, "| `%s` | %s | %s | %s | %s |\n", k->key, type_doc (k),
                   k->def ? (*k->def ? k->def : "(see meaning)") : "**required**", bounds, k->doc);
        }
      fprintf (out, "\n");
    }
}
