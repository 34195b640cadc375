/* engine.c — the simulation on SimGrid (engine.h).
 *
 * Actors:
 *   - one source actor: a heap of every IoT device's next arrival; at each
 *     arrival it draws the task's sizes, asks the placement policy for a
 *     node, pins the device of that node with the earliest estimated finish,
 *     and hands the task to a carrier;
 *   - carrier actors, pooled: a carrier moves a task over the network to
 *     its device; if a slot is free it runs it, else the task joins the
 *     device's FIFO queue and the carrier goes back to the pool.  When an
 *     execution ends, its carrier hands the next queued task to a carrier,
 *     then takes its own result back to the source.
 *
 * Queued tasks hold no actor: an overloaded device costs ~200 bytes per
 * waiting task, not a stack.  (Holding a carrier, blocked on a SimGrid
 * semaphore, while waiting was tried first: 20k waiting tasks took 5 GB.)
 *
 * A dropped design: one actor per IoT device (as in most SimGrid examples)
 * costs a context and a stack per device and throttles at scale (measured
 * on a prototype: 38k tasks per wall second at 10k devices, 22k at 50k).
 * Pooled carriers scale with the tasks in flight instead.
 *
 * Devices are SimGrid hosts of speed 1 Gf: a task of roofline time t is an
 * execution of t·1e9 flops, so SimGrid does the sharing (processor sharing
 * on one core, or `slots` cores for FIFO) and the host energy plugin
 * integrates P = P_idle + (P_peak − P_idle)·load.  FIFO order comes from a
 * SimGrid semaphore per device (its waiters are served in order).
 */
#include "sim/engine.h"

#include "models/dag.h"
#include "policies/market.h"

#include <glib/gstdio.h>
#include <gsl/gsl_randist.h>
#include <math.h>
#include <simgrid/actor.h>
#include <simgrid/engine.h>
#include <simgrid/exec.h>
#include <simgrid/host.h>
#include <simgrid/plugins/energy.h>
#include <simgrid/semaphore.h>
#include <string.h>
#include <unistd.h>
#include <xbt/log.h>
#include <xbt/sysdep.h>

#include "policies/policy.h"
#include "sim/rng.h"

G_DEFINE_QUARK (ccs - engine - error - quark, ccs_engine_error)

#define SPEED 1e9 /* host speed: flops per second of roofline time */

typedef struct Task Task;
struct Task
{
  CcsTask pub;
  Task *qnext; /* device queue link */
  guint32 node, dev;
  double service_s;
  double arrived_s; /* at the node's device */
  double started_s; /* on a slot */
  gboolean counted; /* created inside the measurement window */
  gboolean sampled;
  sg_sem_t slot; /* a pipeline stage's stand-in in the queue: signalled when
                    it gets its slot (NULL for ordinary tasks) */
  Task *next_free;
};

typedef struct
{
  sg_host_t host;
  Task *qhead, *qtail; /* FIFO of tasks waiting for a slot */
  guint running, waiting;
  /* For the wait estimate: service time of the tasks assigned here that
   * have not started, and of the running ones with the sum of their start
   * times, so that the work still ahead of them is
   * run_service_s − (running·now − run_start_sum_s). */
  double pending_s;
  double run_service_s, run_start_sum_s;
  double busy_area, last_t;
  double energy0_j;
  double carbon_g, carbon_mark_j; /* carbon so far, energy it covers */
  double rent_mark;               /* busy_area when rent was last charged */
  /* Sleep (devices with Node.sleep_after): asleep, or awake from awake_at
   * on; idle_epoch changes whenever the device gets work, which voids a
   * pending sleep timer. */
  gboolean asleep;
  double awake_at;
  guint64 idle_epoch;
  double dyn_w_per_slot; /* power above idle of one busy slot at its state */
} DevState;

typedef struct
{
  guint load;    /* placed here and not finished executing */
  guint present; /* arrived, queued or running */
  double present_area, last_t;
  double sojourn_sum;
  guint64 done;
  double radio_j, radio_carbon_g;
  double egress_usd;
  double rent_usd; /* cloud rent at the market's prices */
} NodeState;

typedef struct Carrier Carrier;
struct Carrier
{
  sg_sem_t wake;
  Task *task;
  Carrier *next;
};

typedef struct
{
  double t;
  guint32 dev;
} HeapItem;

/* The part of a path between two sites that does not depend on the end
 * devices: source backbone, inter-site route, destination backbone. */
typedef struct
{
  double latency_s, bandwidth_bps, j_per_bit;
} CorePath;

/* Service times computed for the task being placed, by (profile, share):
 * a policy estimating 100 identical edge nodes computes one roofline. */
typedef struct
{
  guint64 task;
  guint n;
  struct
  {
    const CcsHwProfile *profile;
    guint share;
    double s;
  } e[8];
} ServiceMemo;

struct _CcsView
{
  const CcsWorld *w;
  const CcsScenario *s;
  const CcsEngineOptions *opt;
  CcsResults *res;
  const CcsPlacementOps *ops;
  gpointer pstate;
  DevState *devs;
  NodeState *nodes;
  guint *site_inflow; /* transfers under way into each site from elsewhere */
  guint flows;        /* transfers under way (shown with the progress) */
  CorePath *core;     /* n_sites × n_sites */
  CcsNodeId **near;   /* per site: candidates by latency, built on demand */
  ServiceMemo *memo;
  GArray *candidates; /* CcsNodeId */
  gsl_rng *rng_arrivals, *rng_sizes, *rng_policy, *rng_sample, *rng_pipeline;
  GPtrArray *carriers; /* all of them, to find tasks in flight at the end */
  Carrier *idle;
  Task *free_tasks;
  sg_host_t home;
  double warmup_s, duration_s;
  gboolean finished; /* finish() ran: carriers still woken at that instant
                        must not count or record anything */
  guint64 next_id;
  guint64 created, completed, rejected, failed, deadline_misses, violations;
  double network_j, network_carbon_g;
  double carbon_t; /* time the devices' carbon was last brought up to date */
  /* Per site, for the estimates: grid intensity now (updated at each
   * change of a trace), PUE, egress price; per node a provider number. */
  double *site_carbon, *site_pue, *site_egress;
  guint *prov;
  /* Pipelines: jobs in flight, and the deployments of each pipeline for
   * the staleness of its output (pairs: finish time, data time). */
  GPtrArray *jobs;
  GArray **deploys;
  guint64 jobs_created, jobs_completed, jobs_rejected, job_misses;
  GArray *makespans, *planned;
  /* The market: one seller per provider renting devices (tier cloud). */
  const CcsMarketOps *mops;
  gpointer mstate;
  CcsMarketSeller *sellers;
  guint n_sellers;
  gint *seller_of;     /* per node, -1 = sells nothing */
  double *seller_list; /* per seller: mean list price of its devices, USD/h */
  double revenue_usd;
  guint64 events;
  guint64 fp;
  gint64 wall_start_us, last_progress_us;
  /* The tier time series: totals at the previous sample. */
  double series_t, series_busy[CCS_TIER_N], series_j[CCS_TIER_N]; /* j: dynamic joules */
  double series_m[CCS_TIER_N]; /* measured joules of the devices that sleep */
  GError *error;
};
typedef struct _CcsView Sim;

static Sim *sim_g; /* SimGrid actors take no closure; one engine per process */

/* ---------------------------------------------------------------- view */

guint
ccs_view_n_nodes (const CcsView *v)
{
  return v->w->nodes->len;
}
const CcsNodeId *
ccs_view_candidates (const CcsView *v, guint *n_out)
{
  *n_out = v->candidates->len;
  return (const CcsNodeId *) v->candidates->data;
}
int
ccs_view_node_tier (const CcsView *v, CcsNodeId n)
{
  return CCS_WORLD_NODE (v->w, n)->tier;
}
guint
ccs_view_node_site (const CcsView *v, CcsNodeId n)
{
  return CCS_WORLD_NODE (v->w, n)->site;
}
const char *
ccs_view_node_name (const CcsView *v, CcsNodeId n)
{
  return CCS_WORLD_NODE (v->w, n)->name;
}
const char *
ccs_view_node_domain (const CcsView *v, CcsNodeId n)
{
  return CCS_WORLD_NODE (v->w, n)->domain;
}
const char *
ccs_view_node_provider (const CcsView *v, CcsNodeId n)
{
  return CCS_WORLD_NODE (v->w, n)->provider;
}
guint
ccs_view_node_slots (const CcsView *v, CcsNodeId n)
{
  const CcsWorldNode *node = CCS_WORLD_NODE (v->w, n);
  guint s = 0;
  for (guint i = 0; i < node->n_dev; i++)
    s += CCS_WORLD_DEVICE (v->w, node->first_dev + i)->slots;
  return s;
}
guint
ccs_view_n_sites (const CcsView *v)
{
  return v->w->topo->sites->len;
}
int
ccs_view_site_tier (const CcsView *v, guint site)
{
  return ((CcsSite *) v->w->topo->sites->pdata[site])->tier;
}
const CcsNodeId *
ccs_view_site_nodes (const CcsView *v, guint site, guint *n_out)
{
  GArray *a = v->w->site_servers->pdata[site];
  *n_out = a->len;
  return (const CcsNodeId *) a->data;
}
static const CcsSiteGroup *
site_group_of (const Sim *S, guint site)
{
  const CcsSite *st = S->w->topo->sites->pdata[site];
  return S->s->sites->pdata[st->group];
}

double
ccs_view_site_carbon (const CcsView *v, guint site)
{
  return v->site_carbon[site];
}

double
ccs_view_site_pue (const CcsView *v, guint site)
{
  return v->site_pue[site];
}

static void
site_carbon_refresh (Sim *S)
{
  for (guint i = 0; i < S->w->topo->sites->len; i++)
    S->site_carbon[i] = ccs_site_carbon_at (site_group_of (S, i), simgrid_get_clock ());
}

double
ccs_view_node_price (const CcsView *v, CcsNodeId n, guint device)
{
  gint s = v->seller_of[n];
  const CcsWorldNode *node = CCS_WORLD_NODE (v->w, n);
  if (s < 0 || device >= node->n_dev)
    return 0;
  return CCS_WORLD_DEVICE (v->w, node->first_dev + device)->profile->price_usd_per_hour
         * v->sellers[s].multiplier;
}

gboolean
ccs_view_allowed (const CcsView *v, const CcsTask *t, CcsNodeId n)
{
  if (!t->sovereign)
    return TRUE;
  const char *d = CCS_WORLD_NODE (v->w, n)->domain;
  if (strcmp (d, t->domain) == 0)
    return TRUE;
  const CcsApp *app = v->s->apps->pdata[t->app];
  for (char **a = app->allowed_domains; a && *a; a++)
    if (strcmp (*a, d) == 0)
      return TRUE;
  return FALSE;
}

gboolean
ccs_view_can_run (const CcsView *v, const CcsTask *t, CcsNodeId n)
{
  return (CCS_WORLD_NODE (v->w, n)->precisions >> t->precision) & 1;
}
guint
ccs_view_home_site (const CcsView *v, CcsNodeId iot)
{
  return CCS_WORLD_NODE (v->w, iot)->site;
}
double
ccs_view_site_latency (const CcsView *v, guint a, guint b)
{
  return a == b ? 0 : ccs_topology_route (v->w->topo, a, b)->latency_s;
}
guint
ccs_view_node_in_system (const CcsView *v, CcsNodeId n)
{
  return v->nodes[n].load;
}
double
ccs_view_now (const CcsView *v)
{
  (void) v;
  return simgrid_get_clock ();
}
gsl_rng *
ccs_view_rng (const CcsView *v)
{
  return v->rng_policy;
}

static double
service_time (const Sim *S, const CcsWorldDevice *d, const CcsTask *t)
{
  guint share = d->ps ? 1 : d->slots;
  /* Keyed by (profile, share, state): the state changes the roofs. */
  share |= d->pstate << 24;
  ServiceMemo *m = S->memo;
  if (m->task != t->id + 1)
    {
      m->task = t->id + 1;
      m->n = 0;
    }
  for (guint i = 0; i < m->n; i++)
    if (m->e[i].profile == d->profile && m->e[i].share == share)
      return m->e[i].s;
  /* Memory: a task that does not fit the device (with its CXL tier) cannot
   * run there; the part that spills to CXL streams at its bandwidth. */
  guint sh = share & 0xffffff;
  /* At a DVFS state other than nominal, a copy with that state's roofs. */
  CcsHwProfile at;
  const CcsHwProfile *p = d->profile;
  if (d->pstate)
    {
      at = ccs_hw_at_pstate (d->profile, d->pstate);
      p = &at;
    }
  double s;
  if (t->memory_bytes > 0)
    {
      CcsMemPlan plan = ccs_hw_memory_plan (p, t->memory_bytes, sh);
      s = plan.fits ? ccs_hw_roofline_spill_s (p, t->precision, t->klass, t->flops, t->bytes, sh,
                                               ccs_mem_plan_spill_fraction (&plan))
                    : -1;
    }
  else
    s = ccs_hw_roofline_s (p, t->precision, t->klass, t->flops, t->bytes, sh);
  if (m->n < G_N_ELEMENTS (m->e))
    {
      m->e[m->n].profile = d->profile;
      m->e[m->n].share = share;
      m->e[m->n].s = s;
      m->n++;
    }
  return s;
}

/* Device of node @n with the smallest wait + service; -1 if none. */
static gint
best_device (const Sim *S, const CcsTask *t, CcsNodeId n, double *wait_out, double *service_out)
{
  const CcsWorldNode *node = CCS_WORLD_NODE (S->w, n);
  gint best = -1;
  double best_t = INFINITY, now = simgrid_get_clock ();
  for (guint i = 0; i < node->n_dev; i++)
    {
      guint di = node->first_dev + i;
      const CcsWorldDevice *d = CCS_WORLD_DEVICE (S->w, di);
      double svc = service_time (S, d, t);
      if (svc < 0)
        continue;
      const DevState *ds = &S->devs[di];
      double ahead = ds->run_service_s - (ds->running * now - ds->run_start_sum_s);
      double wait = (ds->pending_s + MAX (0.0, ahead)) / d->slots;
      if (d->sleep_after_s > 0)
        wait += ds->asleep ? d->profile->wake_s : MAX (0.0, ds->awake_at - now);
      if (wait + svc < best_t)
        {
          best_t = wait + svc;
          best = di;
          *wait_out = wait;
          *service_out = svc;
        }
    }
  return best;
}

/* One-way network path from an IoT device to node @n: latency (s) and
 * bottleneck bandwidth (bit/s), as SimGrid will route it. */
static void
path_of (const Sim *S, CcsNodeId from, CcsNodeId to, double *lat, double *bw, double *jpb)
{
  const CcsWorldNode *a = CCS_WORLD_NODE (S->w, from);
  const CcsWorldNode *b = CCS_WORLD_NODE (S->w, to);
  const CorePath *c = &S->core[(gsize) a->site * S->w->topo->sites->len + b->site];
  *lat = a->link->latency_s + c->latency_s + b->link->latency_s;
  *bw = MIN (MIN (a->link->bandwidth_bps, c->bandwidth_bps), b->link->bandwidth_bps);
  *jpb = a->link->energy_j_per_bit + c->j_per_bit + b->link->energy_j_per_bit;
}

/* Core paths between every pair of sites, as SimGrid routes them in the
 * platform (world.c): inside a site the backbone; between sites the
 * source backbone, the route and the destination backbone.
 * Time and memory: O(sites²). */
static CorePath *
core_paths (const CcsWorld *w)
{
  guint ns = w->topo->sites->len;
  CorePath *core = g_new (CorePath, (gsize) ns * ns);
  for (guint a = 0; a < ns; a++)
    {
      const CcsSite *sa = w->topo->sites->pdata[a];
      const CcsLinkClass *bba = ((CcsSiteGroup *) w->scenario->sites->pdata[sa->group])->lan;
      for (guint b = 0; b < ns; b++)
        {
          CorePath *c = &core[(gsize) a * ns + b];
          c->latency_s = bba->latency_s;
          c->bandwidth_bps = bba->bandwidth_bps;
          c->j_per_bit = bba->energy_j_per_bit;
          if (a == b)
            continue;
          const CcsSite *sb = w->topo->sites->pdata[b];
          const CcsLinkClass *bbb = ((CcsSiteGroup *) w->scenario->sites->pdata[sb->group])->lan;
          const CcsRoute *r = ccs_topology_route (w->topo, a, b);
          c->latency_s += r->latency_s + bbb->latency_s;
          c->bandwidth_bps = MIN (MIN (c->bandwidth_bps, r->bandwidth_bps), bbb->bandwidth_bps);
          c->j_per_bit += r->j_per_bit + bbb->energy_j_per_bit;
        }
    }
  return core;
}

/* One-way latency from site @s to node @n, up to the node's own link. */
static double
site_to_node_latency (const CcsView *v, guint s, CcsNodeId n)
{
  const CcsWorldNode *b = CCS_WORLD_NODE (v->w, n);
  return v->core[(gsize) s * v->w->topo->sites->len + b->site].latency_s + b->link->latency_s;
}

static guint near_site; /* sort key of cmp_near (qsort has no closure) */
static const CcsView *near_view;

static gint
cmp_near (gconstpointer pa, gconstpointer pb)
{
  CcsNodeId a = *(const CcsNodeId *) pa, b = *(const CcsNodeId *) pb;
  double la = site_to_node_latency (near_view, near_site, a);
  double lb = site_to_node_latency (near_view, near_site, b);
  if (la != lb)
    return la < lb ? -1 : 1;
  return (a > b) - (a < b);
}

const CcsNodeId *
ccs_view_candidates_by_latency (const CcsView *v, guint site, guint *n_out)
{
  *n_out = v->candidates->len;
  if (!v->near[site])
    {
      CcsNodeId *ids = g_memdup2 (v->candidates->data, sizeof (CcsNodeId) * v->candidates->len);
      near_site = site;
      near_view = v;
      qsort (ids, v->candidates->len, sizeof (CcsNodeId), cmp_near);
      v->near[site] = ids;
    }
  return v->near[site];
}

double
ccs_view_latency_bound (const CcsView *v, const CcsTask *t, CcsNodeId n)
{
  if (n == t->source)
    return 0;
  const CcsWorldNode *a = CCS_WORLD_NODE (v->w, t->source);
  return 2 * (a->link->latency_s + site_to_node_latency (v, a->site, n));
}

gboolean
ccs_view_estimate (const CcsView *v, const CcsTask *t, CcsNodeId n, CcsEstimate *out)
{
  memset (out, 0, sizeof *out);
  out->total_s = INFINITY;
  if (n < 0 || (guint) n >= v->w->nodes->len || !ccs_view_can_run (v, t, n))
    return FALSE;
  double wait = 0, svc = 0;
  gint di = best_device (v, t, n, &wait, &svc);
  if (di < 0)
    return FALSE;
  out->wait_s = wait;
  out->compute_s = svc;
  /* Marginal energy: the device's power above idle for its share of the
   * device (SimGrid's linear model: a task on one of k slots adds
   * (peak − idle) / k), times PUE and the site's intensity for carbon. */
  const CcsWorldDevice *wd = CCS_WORLD_DEVICE (v->w, di);
  const CcsWorldNode *node = CCS_WORLD_NODE (v->w, n);
  double dyn_j = svc * v->devs[di].dyn_w_per_slot;
  out->energy_j = dyn_j;
  /* Waking a sleeping device costs its idle power while it wakes and the
   * idle time it then spends before it may sleep again. */
  if (v->devs[di].asleep)
    dyn_j += wd->profile->power_idle_w * wd->profile->wake_s
             + (wd->profile->power_idle_w - wd->profile->power_sleep_w) * wd->sleep_after_s;
  out->energy_j = dyn_j;
  /* Rent: the device's price now for the share of it the task holds. */
  out->cost_usd = svc / wd->slots * ccs_view_node_price (v, n, di - node->first_dev) / 3600;
  if (n != t->source && v->prov[n] != v->prov[t->source])
    out->cost_usd += t->output_bytes * v->site_egress[node->site];
  out->carbon_g
      = dyn_j * ccs_view_site_pue (v, node->site) * ccs_view_site_carbon (v, node->site) / 3.6e6;
  if (n != t->source)
    {
      double lat, bw, jpb;
      path_of (v, t->source, n, &lat, &bw, &jpb);
      double net_j = (t->input_bytes + t->output_bytes) * 8 * jpb;
      out->energy_j += net_j;
      out->carbon_g
          += net_j * ccs_view_site_carbon (v, CCS_WORLD_NODE (v->w, t->source)->site) / 3.6e6;
      /* Contention: the transfers already flowing into a site share the
       * path between the sites (backbones and route) with this one, as a
       * max-min fair share; the end devices' own links are not shared.
       * Without this a greedy policy sees an idle WAN and floods it. */
      const CcsWorldNode *a = CCS_WORLD_NODE (v->w, t->source);
      const CcsWorldNode *b = CCS_WORLD_NODE (v->w, n);
      double bw_in = bw, bw_out = bw;
      if (a->site != b->site)
        {
          double core = v->core[(gsize) a->site * v->w->topo->sites->len + b->site].bandwidth_bps;
          double ends = MIN (a->link->bandwidth_bps, b->link->bandwidth_bps);
          bw_in = MIN (ends, core / (1 + v->site_inflow[b->site]));
          bw_out = MIN (ends, core / (1 + v->site_inflow[a->site]));
        }
      out->transfer_s = lat + t->input_bytes * 8 / bw_in;
      out->return_s = lat + t->output_bytes * 8 / bw_out;
    }
  out->total_s = out->transfer_s + out->wait_s + out->compute_s + out->return_s;
  return TRUE;
}

/* ------------------------------------------------------- bookkeeping */

static void
trace_event (Sim *S, guint kind, guint64 id)
{
  double now = simgrid_get_clock ();
  guint64 bits;
  memcpy (&bits, &now, sizeof bits);
  guint64 words[3] = { kind, id, bits };
  const guint8 *p = (const guint8 *) words;
  for (gsize i = 0; i < sizeof words; i++)
    S->fp = (S->fp ^ p[i]) * 1099511628211ull;
  S->events++;
}

/* Integrate a step function over the measurement window only. */
static inline void
integrate (double *area, double *last, double value, double warmup)
{
  double now = simgrid_get_clock ();
  double from = MAX (*last, warmup);
  if (now > from)
    *area += value * (now - from);
  *last = now;
}

static void
dev_update (Sim *S, guint di)
{
  DevState *d = &S->devs[di];
  const CcsWorldDevice *wd = CCS_WORLD_DEVICE (S->w, di);
  integrate (&d->busy_area, &d->last_t, MIN (d->running, wd->slots), S->warmup_s);
}

static void
node_update (Sim *S, guint n)
{
  NodeState *ns = &S->nodes[n];
  integrate (&ns->present_area, &ns->last_t, ns->present, S->warmup_s);
}

static Task *
task_new (Sim *S)
{
  Task *t = S->free_tasks;
  if (t)
    S->free_tasks = t->next_free;
  else
    t = g_new (Task, 1);
  memset (t, 0, sizeof *t);
  t->arrived_s = -1; /* not at its node yet */
  return t;
}

static void
task_release (Sim *S, Task *t)
{
  t->next_free = S->free_tasks;
  S->free_tasks = t;
}

static void
record (Sim *S, Task *t, CcsTaskState state, const char *reason)
{
  if (!t->counted || !t->sampled)
    return;
  double now = simgrid_get_clock ();
  CcsTaskRecord r = {
    .id = t->pub.id,
    .source = t->pub.source,
    .node = t->node,
    .app = t->pub.app,
    .reason = reason ? ccs_results_reason (S->res, reason) : 0,
    .state = state,
    .deadline_miss = state != CCS_TASK_REJECTED && t->pub.deadline_s > 0 && now > t->pub.deadline_s,
    .created_s = t->pub.created_s,
    .finished_s = state == CCS_TASK_IN_FLIGHT ? NAN : now,
    .input_bytes = t->pub.input_bytes,
    .output_bytes = t->pub.output_bytes,
  };
  g_array_append_val (S->res->tasks, r);
}

/* Reject @t; @at_node: it reached its node (a full queue) and keeps it in
 * its record, else it was never placed. */
static void
reject_task (Sim *S, Task *t, gboolean at_node, const char *reason)
{
  trace_event (S, 2, t->pub.id);
  if (t->counted)
    S->rejected++;
  if (!at_node)
    t->node = G_MAXUINT32;
  record (S, t, CCS_TASK_REJECTED, reason);
  task_release (S, t);
}

static void
reject (Sim *S, Task *t, const char *reason)
{
  reject_task (S, t, FALSE, reason);
}

/* Move BYTES from node FROM to node TO (blocking).  The energy of every
 * hop is charged when COUNTED; an end that is a wireless IoT device pays
 * its own radio share. */
static void
move_bytes (Sim *S, gboolean counted, CcsNodeId from, CcsNodeId to, double bytes)
{
  if (from == to)
    return;
  double lat, bw, jpb;
  path_of (S, from, to, &lat, &bw, &jpb);
  const CcsWorldNode *fa = CCS_WORLD_NODE (S->w, from), *tb = CCS_WORLD_NODE (S->w, to);
  CcsNodeId dev = fa->tier == CCS_TIER_IOT ? from : to;
  const CcsWorldNode *iot = CCS_WORLD_NODE (S->w, dev);
  double total = bytes * 8 * jpb;
  double radio = iot->tier == CCS_TIER_IOT && iot->link->wireless
                     ? bytes * 8 * iot->link->energy_j_per_bit
                     : 0;
  (void) tb;
  if (counted && simgrid_get_clock () >= S->warmup_s)
    {
      /* Network energy at the grid of the sending site, the radio at the
       * device's home site (no PUE: no facility around them). */
      double g_per_j = ccs_view_site_carbon (S, CCS_WORLD_NODE (S->w, from)->site) / 3.6e6;
      double home = ccs_view_site_carbon (S, iot->site) / 3.6e6;
      S->nodes[dev].radio_j += radio;
      S->nodes[dev].radio_carbon_g += radio * home;
      S->network_j += total - radio;
      S->network_carbon_g += (total - radio) * g_per_j;
      /* Egress: data leaving a provider is billed by it. */
      if (S->prov[from] != S->prov[to])
        S->nodes[from].egress_usd += bytes * S->site_egress[CCS_WORLD_NODE (S->w, from)->site];
    }
  guint src_site = CCS_WORLD_NODE (S->w, from)->site;
  guint dst_site = CCS_WORLD_NODE (S->w, to)->site;
  gboolean remote = src_site != dst_site;
  if (remote)
    S->site_inflow[dst_site]++;
  S->flows++;
  sg_host_sendto (S->devs[CCS_WORLD_NODE (S->w, from)->first_dev].host,
                  S->devs[CCS_WORLD_NODE (S->w, to)->first_dev].host, bytes);
  S->flows--;
  if (remote)
    S->site_inflow[dst_site]--;
}

static void
transfer (Sim *S, Task *t, CcsNodeId from, CcsNodeId to, double bytes)
{
  move_bytes (S, t->counted, from, to, bytes);
}

static void dispatch (Sim *S, Task *t);

/* ---- sleep: a device that may sleep does so after sleep_after idle */

typedef struct
{
  guint dev;
  guint64 epoch;
} SleepTimer;

static void
sleep_timer_main (int argc, char **argv)
{
  (void) argc;
  (void) argv;
  Sim *S = sim_g;
  sg_actor_daemonize (sg_actor_self ()); /* never keeps the simulation running */
  SleepTimer *st = sg_actor_self_get_data ();
  guint di = st->dev;
  guint64 epoch = st->epoch;
  g_free (st);
  const CcsWorldDevice *wd = CCS_WORLD_DEVICE (S->w, di);
  sg_actor_sleep_for (wd->sleep_after_s);
  DevState *d = &S->devs[di];
  if (S->finished || d->idle_epoch != epoch || d->running || d->qhead || d->asleep)
    return;
  d->asleep = TRUE;
  sg_host_set_pstate (d->host, wd->sleep_pstate);
}

/* Device @di has just become idle: arm its sleep timer. */
static void
device_idle (Sim *S, guint di)
{
  const CcsWorldDevice *wd = CCS_WORLD_DEVICE (S->w, di);
  DevState *d = &S->devs[di];
  if (wd->sleep_after_s <= 0 || S->finished || d->running || d->qhead)
    return;
  SleepTimer *st = g_new (SleepTimer, 1);
  st->dev = di;
  st->epoch = ++d->idle_epoch;
  sg_actor_t a = sg_actor_init ("sleep", d->host);
  sg_actor_set_data (a, st);
  sg_actor_start (a, sleep_timer_main, 0, NULL);
}

/* Before work runs on @di: wake it if asleep, and wait until it is up.
 * Returns how long that took. */
static double
wake_wait (Sim *S, guint di)
{
  DevState *d = &S->devs[di];
  const CcsWorldDevice *wd = CCS_WORLD_DEVICE (S->w, di);
  if (wd->sleep_after_s <= 0)
    return 0;
  double now = simgrid_get_clock ();
  if (d->asleep)
    {
      d->asleep = FALSE;
      d->awake_at = now + wd->profile->wake_s;
      sg_host_set_pstate (d->host, wd->pstate);
    }
  if (now < d->awake_at)
    {
      sg_actor_sleep_until (d->awake_at);
      return d->awake_at - now;
    }
  return 0;
}

/* @t takes a slot of device @d now (its execution starts at once). */
static void
take_slot (DevState *d, Task *t)
{
  d->idle_epoch++; /* not idle any more: a pending sleep timer is void */
  d->running++;
  t->started_s = simgrid_get_clock ();
  d->pending_s = MAX (0.0, d->pending_s - t->service_s);
  d->run_service_s += t->service_s;
  d->run_start_sum_s += t->started_s;
}

/* @t leaves its slot: the slot passes to the head of the queue (a task,
 * or a pipeline stage waiting for it), else the device may go idle. */
static void
release_slot (Sim *S, Task *t)
{
  guint di = t->dev;
  DevState *d = &S->devs[di];
  const CcsWorldDevice *wd = CCS_WORLD_DEVICE (S->w, di);
  dev_update (S, di);
  d->running--;
  d->run_service_s -= t->service_s;
  d->run_start_sum_s -= t->started_s;
  if (d->running == 0)
    d->run_service_s = d->run_start_sum_s = 0; /* no drift across busy periods */
  if (!wd->ps && d->qhead)
    {
      Task *next = d->qhead;
      d->qhead = next->qnext;
      if (!d->qhead)
        d->qtail = NULL;
      d->waiting--;
      take_slot (d, next);
      if (next->slot)
        sg_sem_release (next->slot);
      else
        dispatch (S, next);
    }
  device_idle (S, di);
}

/* Run @t on its device, now that it holds a slot; then take its result
 * back to the source and record it. */
static void
execute_and_return (Sim *S, Task *t)
{
  guint n = t->node, di = t->dev;
  DevState *d = &S->devs[di];
  NodeState *ns = &S->nodes[n];

  /* A wake delays the start: the work ahead is still all there. */
  double woke = wake_wait (S, di);
  if (S->finished)
    return;
  t->started_s += woke;
  d->run_start_sum_s += woke;
  sg_exec_t e = sg_actor_exec_init (t->service_s * SPEED);
  sg_exec_set_host (e, d->host);
  sg_exec_start (e);
  sg_exec_wait (e);
  if (S->finished)
    return;
  release_slot (S, t);
  node_update (S, n);
  ns->present--;
  ns->load--;
  double now = simgrid_get_clock ();
  if (t->counted)
    {
      ns->done++;
      ns->sojourn_sum += now - t->arrived_s;
    }
  trace_event (S, 4, t->pub.id);

  transfer (S, t, n, t->pub.source, t->pub.output_bytes);
  if (S->finished)
    return;
  now = simgrid_get_clock ();
  trace_event (S, 5, t->pub.id);
  if (t->counted)
    {
      S->completed++;
      double lat = now - t->pub.created_s;
      g_array_append_val (S->res->latencies, lat);
      if (t->pub.deadline_s > 0 && now > t->pub.deadline_s)
        S->deadline_misses++;
    }
  if (S->ops->on_complete)
    S->ops->on_complete (S->pstate, S, &t->pub, n, now - t->pub.created_s);
  record (S, t, CCS_TASK_COMPLETED, NULL);
  task_release (S, t);
}

/* A carrier's work on @t: move it to its node, then run it or queue it.
 * Returns with @t either finished or queued at its device. */
static void
run_task (Sim *S, Task *t)
{
  if (S->finished)
    return;
  if (t->arrived_s >= 0)
    {
      /* Handed over from the queue: it already holds a slot. */
      execute_and_return (S, t);
      return;
    }
  guint n = t->node, di = t->dev;
  DevState *d = &S->devs[di];
  const CcsWorldDevice *wd = CCS_WORLD_DEVICE (S->w, di);
  transfer (S, t, t->pub.source, n, t->pub.input_bytes);
  if (S->finished)
    return;
  trace_event (S, 3, t->pub.id);
  node_update (S, n);
  S->nodes[n].present++;
  t->arrived_s = simgrid_get_clock ();
  dev_update (S, di);
  if (wd->ps || d->running < wd->slots)
    {
      take_slot (d, t);
      execute_and_return (S, t);
      return;
    }
  if (wd->queue_limit && d->waiting >= wd->queue_limit)
    {
      /* Finite queue (M/M/c/K): turned away on arrival. */
      node_update (S, n);
      S->nodes[n].present--;
      S->nodes[n].load--;
      d->pending_s = MAX (0.0, d->pending_s - t->service_s);
      g_autofree char *why = g_strdup_printf ("queue full at %s", wd->host);
      reject_task (S, t, TRUE, why);
      return;
    }
  t->qnext = NULL;
  if (d->qtail)
    d->qtail->qnext = t;
  else
    d->qhead = t;
  d->qtail = t;
  d->waiting++;
}

static void
carrier_main (int argc, char **argv)
{
  (void) argc;
  (void) argv;
  Sim *S = sim_g;
  Carrier *c = sg_actor_self_get_data ();
  sg_actor_daemonize (sg_actor_self ());
  for (;;)
    {
      sg_sem_acquire (c->wake);
      run_task (S, c->task);
      if (S->finished)
        {
          /* The run ended while this task moved: it was recorded in
           * flight and stays ours until the engine frees it. */
          sg_sem_acquire (c->wake);
        }
      c->task = NULL; /* finished, or now owned by its device's queue */
      c->next = S->idle;
      S->idle = c;
    }
}

static void
dispatch (Sim *S, Task *t)
{
  Carrier *c = S->idle;
  if (c)
    S->idle = c->next;
  else
    {
      c = g_new0 (Carrier, 1);
      c->wake = sg_sem_init (0);
      g_ptr_array_add (S->carriers, c);
      sg_actor_t a = sg_actor_init ("carrier", S->home);
      sg_actor_set_data (a, c);
      sg_actor_start (a, carrier_main, 0, NULL);
    }
  c->task = t;
  sg_sem_release (c->wake);
}

/* ------------------------------------------------------------ source */

/* Heap order: earlier time first, then lower device index, so that
 * simultaneous arrivals are served in a deterministic order. */
static inline gboolean
heap_before (const HeapItem *x, const HeapItem *y)
{
  return x->t < y->t || (x->t == y->t && x->dev < y->dev);
}

static void
heap_push (GArray *h, HeapItem it)
{
  g_array_append_val (h, it);
  HeapItem *a = (HeapItem *) h->data;
  gsize i = h->len - 1;
  while (i > 0)
    {
      gsize p = (i - 1) / 2;
      if (heap_before (&a[p], &a[i]))
        break;
      HeapItem tmp = a[p];
      a[p] = a[i];
      a[i] = tmp;
      i = p;
    }
}

static void
heap_sift_down (GArray *h, gsize i)
{
  HeapItem *a = (HeapItem *) h->data;
  gsize n = h->len;
  for (;;)
    {
      gsize l = 2 * i + 1, r = l + 1, m = i;
      if (l < n && heap_before (&a[l], &a[m]))
        m = l;
      if (r < n && heap_before (&a[r], &a[m]))
        m = r;
      if (m == i)
        return;
      HeapItem tmp = a[m];
      a[m] = a[i];
      a[i] = tmp;
      i = m;
    }
}

static void
heapify (GArray *h)
{
  for (gsize i = h->len / 2; i-- > 0;)
    heap_sift_down (h, i);
}

/* ------------------------------------------------------- pipelines */

/* A job is one run of a pipeline (a DAG of apps).  On arrival the DAG
 * scheduler plans it over every server node, with the requester and the
 * stages' data sources as extra processors that only their pseudo-tasks
 * (input, delivery) may use; then one actor per stage, on its device,
 * waits for its predecessors, pulls its inputs, executes, and hands on. */
typedef struct Job Job;
typedef struct
{
  Job *job;
  guint pos; /* in the pipeline's stages */
  CcsNodeId node;
  guint dev;
  guint preds; /* stages it waits for */
  sg_sem_t ready;
  Task *holding;    /* its stand-in while it holds a device slot */
  CcsNodeId source; /* where its `input` comes from, CCS_NODE_NONE = none */
  double input_bytes, output_bytes, service_s;
  double start_s, finish_s;
} StageRun;

struct Job
{
  guint64 id;
  guint pipeline;
  CcsNodeId requester;
  double created_s, planned_s, critical_s;
  gboolean counted;
  guint left; /* stages not finished */
  guint n;
  StageRun *st;
  char *critical; /* "a>b>c" */
};

static const CcsApp *
stage_app (const Sim *S, const CcsPipeline *pl, guint pos)
{
  return S->s->apps->pdata[g_array_index (pl->stages, guint, pos)];
}

/* The device of node N that runs stage APP soonest (device class and
 * memory respected); -1 if none. */
static gint
stage_device (const Sim *S, const CcsTask *t, const CcsApp *app, CcsNodeId n, double *wait,
              double *svc)
{
  const CcsWorldNode *node = CCS_WORLD_NODE (S->w, n);
  if (node->tier == CCS_TIER_IOT || !ccs_view_can_run (S, t, n))
    return -1;
  if (app->site_group >= 0
      && ((const CcsSite *) S->w->topo->sites->pdata[node->site])->group != (guint) app->site_group)
    return -1;
  for (char **p = app->providers; p && *p; p++)
    if (strcmp (*p, node->provider) == 0)
      goto allowed;
  if (app->providers && *app->providers)
    return -1;
allowed:
  for (char **p = app->deny_providers; p && *p; p++)
    if (strcmp (*p, node->provider) == 0)
      return -1;
  gint best = -1;
  double best_t = INFINITY;
  for (guint i = 0; i < node->n_dev; i++)
    {
      guint di = node->first_dev + i;
      const CcsWorldDevice *d = CCS_WORLD_DEVICE (S->w, di);
      if (app->device_class >= 0 && d->profile->klass != (CcsDeviceClass) app->device_class)
        continue;
      double sv = service_time (S, d, t);
      if (sv < 0)
        continue;
      const DevState *ds = &S->devs[di];
      double ahead = ds->run_service_s - (ds->running * simgrid_get_clock () - ds->run_start_sum_s);
      double w = (ds->pending_s + MAX (0.0, ahead)) / d->slots;
      if (w + sv < best_t)
        best_t = w + sv, best = di, *wait = w, *svc = sv;
    }
  return best;
}

static void
stage_task (const Sim *S, const Job *j, const CcsApp *app, guint app_index, CcsTask *t)
{
  memset (t, 0, sizeof *t);
  t->id = G_MAXUINT64 - 1 - (j->id << 10) - app_index; /* its own service-memo key */
  t->source = j->requester;
  t->app = app_index;
  t->created_s = j->created_s;
  t->flops = app->flops.a;
  t->bytes = app->bytes.a;
  t->klass = app->klass;
  t->precision = app->precision;
  t->sovereign = app->sovereign;
  t->domain = CCS_WORLD_NODE (S->w, j->requester)->domain;
  t->memory_bytes = app->memory_bytes;
}

static void job_done (Sim *S, Job *j);

/* One data edge of a job in flight: the bytes go as soon as the producer
 * has them (as the DAG scheduler plans it), in parallel with the other
 * edges, and the consumer counts the arrival. */
typedef struct
{
  gboolean counted;
  CcsNodeId from, to;
  double bytes;
  sg_sem_t arrived;
} Sender;

static void
sender_main (int argc, char **argv)
{
  (void) argc;
  (void) argv;
  Sim *S = sim_g;
  sg_actor_daemonize (sg_actor_self ());
  Sender *x = sg_actor_self_get_data ();
  move_bytes (S, x->counted, x->from, x->to, x->bytes);
  if (!S->finished)
    sg_sem_release (x->arrived);
  g_free (x);
}

static void
send_async (Sim *S, gboolean counted, CcsNodeId from, CcsNodeId to, double bytes, sg_sem_t arrived)
{
  Sender *x = g_new (Sender, 1);
  *x = (Sender){ counted, from, to, bytes, arrived };
  sg_actor_t a = sg_actor_init ("edge", S->devs[CCS_WORLD_NODE (S->w, from)->first_dev].host);
  sg_actor_set_data (a, x);
  sg_actor_start (a, sender_main, 0, NULL);
}

static void
stage_main (int argc, char **argv)
{
  (void) argc;
  (void) argv;
  Sim *S = sim_g;
  /* Killed with the simulation at its end, like the carriers. */
  sg_actor_daemonize (sg_actor_self ());
  StageRun *r = sg_actor_self_get_data ();
  Job *j = r->job;
  const CcsPipeline *pl = S->s->pipelines->pdata[j->pipeline];
  /* Every input here: one arrival per predecessor's output, one for the
   * data source's. */
  guint inputs = r->preds + (r->source != CCS_NODE_NONE);
  for (guint k = 0; k < inputs; k++)
    sg_sem_acquire (r->ready);
  if (S->finished)
    return;
  /* A slot of the device, in turn with the tasks queued there. */
  DevState *d = &S->devs[r->dev];
  const CcsWorldDevice *wd = CCS_WORLD_DEVICE (S->w, r->dev);
  Task *slot = task_new (S);
  slot->node = r->node;
  slot->dev = r->dev;
  slot->service_s = r->service_s;
  slot->counted = FALSE; /* not a task of the results */
  slot->slot = sg_sem_init (0);
  r->holding = slot; /* freed with the job if the run ends first */
  d->pending_s += r->service_s;
  dev_update (S, r->dev);
  if (wd->ps || d->running < wd->slots)
    take_slot (d, slot);
  else
    {
      slot->qnext = NULL;
      if (d->qtail)
        d->qtail->qnext = slot;
      else
        d->qhead = slot;
      d->qtail = slot;
      d->waiting++;
      sg_sem_acquire (slot->slot);
    }
  if (S->finished)
    return;
  double woke = wake_wait (S, r->dev);
  if (S->finished)
    return;
  slot->started_s += woke;
  d->run_start_sum_s += woke;
  r->start_s = simgrid_get_clock ();
  sg_exec_t e = sg_actor_exec_init (r->service_s * SPEED);
  sg_exec_set_host (e, d->host);
  sg_exec_start (e);
  sg_exec_wait (e);
  if (S->finished)
    return;
  release_slot (S, slot);
  sg_sem_destroy (slot->slot);
  slot->slot = NULL;
  r->holding = NULL;
  task_release (S, slot);
  r->finish_s = simgrid_get_clock ();
  gboolean sink = TRUE;
  for (guint k = 0; k < pl->edges->len; k += 2)
    if (g_array_index (pl->edges, guint, k) == r->pos)
      {
        sink = FALSE;
        StageRun *to = &j->st[g_array_index (pl->edges, guint, k + 1)];
        send_async (S, j->counted, r->node, to->node, r->output_bytes, to->ready);
      }
  if (sink)
    move_bytes (S, j->counted, r->node, j->requester, r->output_bytes);
  if (S->finished)
    return;
  if (--j->left == 0)
    job_done (S, j);
}

static void
job_free (Job *j)
{
  for (guint k = 0; k < j->n; k++)
    {
      if (j->st[k].ready)
        sg_sem_destroy (j->st[k].ready);
      /* A stage cut off by the end, waiting for or holding a slot. */
      if (j->st[k].holding)
        {
          sg_sem_destroy (j->st[k].holding->slot);
          g_free (j->st[k].holding);
        }
    }
  g_free (j->st);
  g_free (j->critical);
  g_free (j);
}

static void
job_record (Sim *S, const Job *j, CcsTaskState state, const char *reason)
{
  if (!j->counted)
    return;
  double now = simgrid_get_clock ();
  CcsJobRecord r = { .id = j->id,
                     .pipeline = j->pipeline,
                     .requester = j->requester,
                     .state = state,
                     .reason = reason ? ccs_results_reason (S->res, reason) : 0,
                     .created_s = j->created_s,
                     .finished_s = state == CCS_TASK_COMPLETED ? now : NAN,
                     .planned_s = j->planned_s,
                     .critical_s = j->critical_s,
                     .critical = g_strdup (j->critical ? j->critical : "") };
  g_array_append_val (S->res->jobs, r);
  const CcsPipeline *pl = S->s->pipelines->pdata[j->pipeline];
  /* A rejected job never had its stages placed. */
  for (guint k = 0; j->st && state != CCS_TASK_REJECTED && k < j->n; k++)
    {
      const StageRun *st = &j->st[k];
      CcsStageRecord sr = { .job = j->id,
                            .app = g_array_index (pl->stages, guint, k),
                            .node = st->node,
                            .start_s = st->finish_s > 0 ? st->start_s : NAN,
                            .finish_s = st->finish_s > 0 ? st->finish_s : NAN };
      g_array_append_val (S->res->stages, sr);
    }
}

static void
job_done (Sim *S, Job *j)
{
  double now = simgrid_get_clock ();
  const CcsPipeline *pl = S->s->pipelines->pdata[j->pipeline];
  trace_event (S, 6, j->id);
  if (j->counted)
    {
      S->jobs_completed++;
      double m = now - j->created_s;
      g_array_append_val (S->makespans, m);
      g_array_append_val (S->planned, j->planned_s);
      if (pl->deadline_s > 0 && m > pl->deadline_s)
        S->job_misses++;
    }
  /* The pipeline's output now reflects data of the job's arrival. */
  double pair[2] = { now, j->created_s };
  g_array_append_vals (S->deploys[j->pipeline], pair, 2);
  job_record (S, j, CCS_TASK_COMPLETED, NULL);
  g_ptr_array_remove_fast (S->jobs, j);
  job_free (j);
}

static void
job_reject (Sim *S, Job *j, const char *reason)
{
  trace_event (S, 7, j->id);
  if (j->counted)
    S->jobs_rejected++;
  job_record (S, j, CCS_TASK_REJECTED, reason);
  job_free (j);
}

/* Plan a new job with the pipeline's DAG scheduler and start its stages. */
static void
make_job (Sim *S, guint32 iot, double now)
{
  const CcsWorldNode *src = CCS_WORLD_NODE (S->w, iot);
  const CcsIotGroup *g = S->s->iot->pdata[src->group];
  const CcsPipeline *pl = S->s->pipelines->pdata[g->pipeline];
  Job *j = g_new0 (Job, 1);
  j->id = S->next_id++;
  j->pipeline = g->pipeline;
  j->requester = iot;
  j->created_s = now;
  j->counted = now >= S->warmup_s;
  j->n = pl->stages->len;
  j->st = g_new0 (StageRun, j->n);
  if (j->counted)
    S->jobs_created++;
  trace_event (S, 1, j->id);

  /* Processors: the server nodes, then the requester, then the stages'
   * data sources.  DAG tasks: the stages, one input pseudo-task per stage
   * with an input, one delivery pseudo-task at the requester. */
  guint ns_ = S->candidates->len;
  g_autoptr (GArray) procs = g_array_new (FALSE, FALSE, sizeof (CcsNodeId));
  g_array_append_vals (procs, S->candidates->data, ns_);
  g_array_append_val (procs, j->requester);
  for (guint k = 0; k < j->n; k++)
    {
      const CcsApp *app = stage_app (S, pl, k);
      StageRun *r = &j->st[k];
      r->job = j;
      r->pos = k;
      r->input_bytes = ccs_dist_sample (&app->input, S->rng_pipeline);
      r->output_bytes = ccs_dist_sample (&app->output, S->rng_pipeline);
      gboolean has_pred = FALSE;
      for (guint e = 0; e < pl->edges->len; e += 2)
        if (g_array_index (pl->edges, guint, e + 1) == k)
          has_pred = TRUE, r->preds++;
      r->source = CCS_NODE_NONE;
      if (app->source_group >= 0)
        {
          /* A device of the source group, the same for the whole job. */
          guint first = 0;
          for (gint gi = 0; gi < app->source_group; gi++)
            first += ((CcsIotGroup *) S->s->iot->pdata[gi])->count;
          const CcsIotGroup *sg = S->s->iot->pdata[app->source_group];
          r->source = first + (guint) (j->id % sg->count);
        }
      else if (!has_pred && r->input_bytes > 0)
        r->source = j->requester;
      if (r->source != CCS_NODE_NONE && r->source != j->requester)
        g_array_append_val (procs, r->source);
    }
  guint P = procs->len;
  const CcsNodeId *proc = (const CcsNodeId *) procs->data;
  guint n_in = 0;
  for (guint k = 0; k < j->n; k++)
    n_in += j->st[k].source != CCS_NODE_NONE;
  guint T = j->n + n_in + 1;
  g_autofree double *comp = g_new (double, (gsize) T *P);
  g_autofree guint *devs = g_new (guint, (gsize) j->n * P);
  g_autofree double *lat = g_new0 (double, (gsize) P *P);
  g_autofree double *bw = g_new0 (double, (gsize) P *P);
  g_autofree double *price = g_new0 (double, P);
  g_autofree double *egress = g_new0 (double, (gsize) P *P);
  g_autofree double *power = g_new0 (double, P);
  g_autofree double *jpb = g_new0 (double, (gsize) P *P);
  g_autoptr (GArray) edges = g_array_new (FALSE, FALSE, sizeof (CcsDagEdge));
  g_autoptr (GPtrArray) names = g_ptr_array_new_with_free_func (g_free);
  for (guint i = 0; i < (gsize) T * P; i++)
    comp[i] = INFINITY;
  for (guint k = 0; k < j->n; k++)
    {
      const CcsApp *app = stage_app (S, pl, k);
      CcsTask t;
      stage_task (S, j, app, g_array_index (pl->stages, guint, k), &t);
      g_ptr_array_add (names, g_strdup (app->name));
      for (guint p = 0; p < ns_; p++)
        {
          double w = 0, sv = 0;
          if (pl->scheduler == CCS_SCHED_HEFT_SOVEREIGN && !ccs_view_allowed (S, &t, proc[p]))
            continue;
          gint di = stage_device (S, &t, app, proc[p], &w, &sv);
          if (di < 0)
            continue;
          comp[(gsize) k * P + p] = w + sv;
          devs[(gsize) k * P + p] = di;
          const CcsWorldDevice *wd = CCS_WORLD_DEVICE (S->w, di);
          if (CCS_WORLD_NODE (S->w, proc[p])->tier == CCS_TIER_CLOUD)
            price[p] = wd->profile->price_usd_per_hour / 3600;
          power[p] = (ccs_hw_pstate_peak_w (wd->profile, wd->pstate) - wd->profile->power_idle_w)
                     / wd->slots;
        }
    }
  guint pseudo = j->n;
  for (guint k = 0; k < j->n; k++)
    if (j->st[k].source != CCS_NODE_NONE)
      {
        for (guint p = 0; p < P; p++)
          if (proc[p] == j->st[k].source)
            comp[(gsize) pseudo * P + p] = 0;
        CcsDagEdge e = { pseudo, k, j->st[k].input_bytes };
        g_array_append_val (edges, e);
        g_ptr_array_add (names, g_strdup_printf ("input of %s", stage_app (S, pl, k)->name));
        pseudo++;
      }
  comp[(gsize) pseudo * P + ns_] = 0; /* delivery at the requester */
  g_ptr_array_add (names, g_strdup ("delivery"));
  for (guint e = 0; e < pl->edges->len; e += 2)
    {
      guint a = g_array_index (pl->edges, guint, e), b = g_array_index (pl->edges, guint, e + 1);
      CcsDagEdge de = { a, b, j->st[a].output_bytes };
      g_array_append_val (edges, de);
    }
  for (guint k = 0; k < j->n; k++)
    {
      gboolean sink = TRUE;
      for (guint e = 0; e < pl->edges->len; e += 2)
        if (g_array_index (pl->edges, guint, e) == k)
          sink = FALSE;
      if (sink)
        {
          CcsDagEdge de = { k, pseudo, j->st[k].output_bytes };
          g_array_append_val (edges, de);
        }
    }
  for (guint a = 0; a < P; a++)
    for (guint b = 0; b < P; b++)
      if (a != b)
        {
          double l, bits, e;
          path_of (S, proc[a], proc[b], &l, &bits, &e);
          lat[(gsize) a * P + b] = l;
          bw[(gsize) a * P + b] = bits / 8;
          jpb[(gsize) a * P + b] = e * 8;
          const CcsWorldNode *na = CCS_WORLD_NODE (S->w, proc[a]);
          if (strcmp (na->provider, CCS_WORLD_NODE (S->w, proc[b])->provider) != 0)
            egress[(gsize) a * P + b] = site_group_of (S, na->site)->egress_usd_per_byte;
        }
  CcsDagProblem prob = { .n_tasks = T,
                         .n_procs = P,
                         .comp_s = comp,
                         .names = (const char *const *) names->pdata,
                         .n_edges = edges->len,
                         .edges = (const CcsDagEdge *) edges->data,
                         .latency_s = lat,
                         .bandwidth_bytes_per_s = bw,
                         .price_per_s = price,
                         .egress_per_byte = egress,
                         .power_w = power,
                         .transfer_j_per_byte = jpb };
  CcsDagOptions o = { .objective = pl->scheduler == CCS_SCHED_HEFT_BUDGET   ? CCS_DAG_BUDGET
                                   : pl->scheduler == CCS_SCHED_HEFT_ENERGY ? CCS_DAG_ENERGY
                                                                            : CCS_DAG_MAKESPAN,
                      .budget = pl->budget_usd,
                      .slack = 1.5 };
  g_autoptr (GError) err = NULL;
  g_autoptr (CcsDagSchedule) sch = ccs_dag_schedule (&prob, &o, &err);
  if (!sch)
    {
      g_autofree char *why = g_strdup_printf ("%s: %s", pl->name, err->message);
      job_reject (S, j, why);
      return;
    }
  j->planned_s = sch->makespan_s;
  GString *cp = g_string_new (NULL);
  for (guint k = 0; k < sch->n_critical; k++)
    if (sch->critical[k] < j->n)
      g_string_append_printf (cp, "%s%s", cp->len ? ">" : "",
                              (const char *) names->pdata[sch->critical[k]]);
  j->critical = g_string_free (cp, FALSE);
  j->critical_s = sch->critical_s;
  j->left = j->n;
  g_ptr_array_add (S->jobs, j);
  for (guint k = 0; k < j->n; k++)
    {
      StageRun *r = &j->st[k];
      guint p = sch->proc[k];
      r->node = proc[p];
      r->dev = devs[(gsize) k * P + p];
      CcsTask t;
      stage_task (S, j, stage_app (S, pl, k), g_array_index (pl->stages, guint, k), &t);
      r->service_s = service_time (S, CCS_WORLD_DEVICE (S->w, r->dev), &t);
      if (j->counted && !ccs_view_allowed (S, &t, r->node))
        S->violations++;
      r->ready = sg_sem_init (0);
      g_autofree char *name = g_strdup_printf ("job%" G_GUINT64_FORMAT "-%u", j->id, k);
      sg_actor_t a = sg_actor_init (name, S->devs[r->dev].host);
      sg_actor_set_data (a, r);
      sg_actor_start (a, stage_main, 0, NULL);
    }
  /* The data sources send at once. */
  for (guint k = 0; k < j->n; k++)
    if (j->st[k].source != CCS_NODE_NONE)
      send_async (S, j->counted, j->st[k].source, j->st[k].node, j->st[k].input_bytes,
                  j->st[k].ready);
}

static void
make_task (Sim *S, guint32 iot, double now)
{
  const CcsWorldNode *src = CCS_WORLD_NODE (S->w, iot);
  const CcsIotGroup *g = S->s->iot->pdata[src->group];
  const CcsApp *app = S->s->apps->pdata[g->app];
  Task *t = task_new (S);
  t->pub.id = S->next_id++;
  t->pub.source = iot;
  t->pub.app = g->app;
  t->pub.created_s = now;
  t->pub.input_bytes = ccs_dist_sample (&app->input, S->rng_sizes);
  t->pub.output_bytes = ccs_dist_sample (&app->output, S->rng_sizes);
  t->pub.flops = ccs_dist_sample (&app->flops, S->rng_sizes);
  t->pub.bytes = ccs_dist_sample (&app->bytes, S->rng_sizes);
  t->pub.klass = app->klass;
  t->pub.precision = app->precision;
  t->pub.deadline_s = app->deadline_s > 0 ? now + app->deadline_s : 0;
  t->pub.sovereign = app->sovereign;
  t->pub.domain = g->domain;
  t->pub.memory_bytes = app->memory_bytes;
  t->counted = now >= S->warmup_s;
  t->sampled = S->s->task_sample >= 1 || gsl_rng_uniform (S->rng_sample) < S->s->task_sample;
  if (t->counted)
    S->created++;
  trace_event (S, 1, t->pub.id);

  CcsNodeId n = CCS_NODE_NONE;
  g_autoptr (GError) err = NULL;
  if (!S->ops->place (S->pstate, S, &t->pub, &n, &err))
    {
      if (err && err->domain == CCS_POLICY_ERROR && err->code == CCS_POLICY_ERROR_REJECT)
        reject (S, t, err->message);
      else
        {
          /* A policy failing for another reason is a bug or a broken
           * configuration: stop the run rather than report numbers. */
          if (!S->error)
            g_set_error (&S->error, CCS_ENGINE_ERROR, CCS_ENGINE_ERROR_POLICY,
                         "policy %s failed on task %" G_GUINT64_FORMAT ": %s", S->ops->name,
                         t->pub.id, err ? err->message : "no error given");
          reject (S, t, "policy error");
        }
      return;
    }
  if (n < 0 || (guint) n >= S->w->nodes->len)
    {
      if (!S->error)
        g_set_error (&S->error, CCS_ENGINE_ERROR, CCS_ENGINE_ERROR_POLICY,
                     "policy %s returned node %d, outside [0, %u)", S->ops->name, n,
                     S->w->nodes->len);
      reject (S, t, "policy error");
      return;
    }
  double wait, svc;
  gint di = best_device (S, &t->pub, n, &wait, &svc);
  if (di < 0)
    {
      /* Say why: memory (the first device's plan) or precision. */
      const CcsWorldNode *node = CCS_WORLD_NODE (S->w, n);
      const CcsWorldDevice *d0 = CCS_WORLD_DEVICE (S->w, node->first_dev);
      CcsMemPlan plan = { .fits = TRUE };
      if (t->pub.memory_bytes > 0 && ccs_view_can_run (S, &t->pub, n))
        plan = ccs_hw_memory_plan (d0->profile, t->pub.memory_bytes, d0->ps ? 1 : d0->slots);
      g_autofree char *why
          = plan.fits ? g_strdup_printf ("no device of %s runs %s", node->name,
                                         ccs_precision_name (t->pub.precision))
                      : g_strdup_printf ("does not fit on %s: %s", node->name, plan.reason);
      reject (S, t, why);
      return;
    }
  t->node = n;
  t->dev = di;
  t->service_s = svc;
  S->devs[di].pending_s += svc;
  S->nodes[n].load++;
  if (t->counted && !ccs_view_allowed (S, &t->pub, n))
    S->violations++;
  dispatch (S, t);
}

static void
snapshot_energy (Sim *S)
{
  for (guint i = 0; i < S->w->devices->len; i++)
    S->devs[i].energy0_j = S->devs[i].carbon_mark_j = sg_host_get_consumed_energy (S->devs[i].host);
  S->carbon_t = simgrid_get_clock ();
  site_carbon_refresh (S);
}

/* Bring the devices' carbon up to now: the energy since the last mark at
 * the intensity that held since then.  Sites with a carbon trace are
 * brought up to date at every change of their intensity (carbon_main),
 * so within a segment the intensity is constant; ALL also does the sites
 * of constant intensity (at the end). */
static void
carbon_update (Sim *S, gboolean all)
{
  for (guint i = 0; i < S->w->devices->len; i++)
    {
      const CcsWorldNode *node = CCS_WORLD_NODE (S->w, CCS_WORLD_DEVICE (S->w, i)->node);
      const CcsSiteGroup *sg = site_group_of (S, node->site);
      if (!all && !sg->carbon_trace)
        continue;
      double e = sg_host_get_consumed_energy (S->devs[i].host);
      /* IoT devices stand outside the site's facility: no PUE. */
      double pue = node->tier == CCS_TIER_IOT ? 1 : sg->pue;
      S->devs[i].carbon_g
          += (e - S->devs[i].carbon_mark_j) * pue * ccs_site_carbon_at (sg, S->carbon_t) / 3.6e6;
      S->devs[i].carbon_mark_j = e;
    }
  S->carbon_t = simgrid_get_clock ();
}

static gint cmp_double (gconstpointer a, gconstpointer b);

/* Wakes at every change of a site's carbon intensity inside the window. */
static void
carbon_main (int argc, char **argv)
{
  (void) argc;
  (void) argv;
  Sim *S = sim_g;
  g_autoptr (GArray) at = g_array_new (FALSE, FALSE, sizeof (double));
  for (guint i = 0; i < S->s->sites->len; i++)
    {
      const CcsSiteGroup *sg = S->s->sites->pdata[i];
      for (guint k = 0; sg->carbon_trace && k < sg->carbon_trace->len; k += 2)
        {
          double t = g_array_index (sg->carbon_trace, double, k);
          if (t > 0 && t < S->duration_s)
            g_array_append_val (at, t);
        }
    }
  g_array_sort (at, cmp_double);
  for (guint i = 0; i < at->len && !S->error; i++)
    if (i == 0 || g_array_index (at, double, i) > g_array_index (at, double, i - 1))
      {
        double t = g_array_index (at, double, i);
        sg_actor_sleep_until (t);
        /* Carbon is counted from the warm-up on (snapshot_energy marks
         * it); the estimates follow the grid from the start. */
        if (t > S->warmup_s)
          carbon_update (S, FALSE);
        site_carbon_refresh (S);
      }
}

/* The market at each sample: charge every rented device's busy time since
 * the last clearing at the price in force, then let the mechanism set the
 * next prices from each seller's busy devices. */
static void
market_clear (Sim *S, double now, double dt, gboolean record_it)
{
  const CcsWorld *w = S->w;
  for (guint k = 0; k < S->n_sellers; k++)
    S->sellers[k].busy = 0;
  for (guint n = w->n_iot; n < w->nodes->len; n++)
    {
      gint k = S->seller_of[n];
      if (k < 0)
        continue;
      const CcsWorldNode *node = CCS_WORLD_NODE (w, n);
      for (guint j = 0; j < node->n_dev; j++)
        {
          guint di = node->first_dev + j;
          const CcsWorldDevice *wd = CCS_WORLD_DEVICE (w, di);
          DevState *d = &S->devs[di];
          dev_update (S, di);
          double busy_s = (d->busy_area - d->rent_mark) / wd->slots;
          d->rent_mark = d->busy_area;
          double usd = busy_s * wd->profile->price_usd_per_hour * S->sellers[k].multiplier / 3600;
          S->nodes[n].rent_usd += usd;
          S->revenue_usd += usd;
          S->sellers[k].busy += dt > 0 ? busy_s / dt : 0;
        }
    }
  if (!record_it || dt <= 0)
    return;
  for (guint k = 0; k < S->n_sellers; k++)
    {
      const CcsMarketSeller *sl = &S->sellers[k];
      CcsMarketPoint p
          = { .t_s = now,
              .seller = k,
              .multiplier = sl->multiplier,
              .price_usd_per_hour = S->seller_list[k] * sl->multiplier,
              .busy_devices = sl->busy,
              .revenue_usd = sl->busy * dt * S->seller_list[k] * sl->multiplier / 3600 };
      g_array_append_val (S->res->market, p);
    }
  if (!S->finished)
    S->mops->clear (S->mstate, now, dt, S->sellers, S->n_sellers);
}

/* One point per tier of the series: utilisation and mean power over the
 * interval since the previous sample, tasks present now.  Power is the
 * devices' SimGrid energy (idle and busy), without radios and network. */
static void
series_sample (Sim *S, gboolean record_it)
{
  const CcsWorld *w = S->w;
  /* SimGrid's linear host model, evaluated here rather than by asking
   * the energy plugin for every host at every sample: a device draws its
   * idle power plus (peak − idle) times the fraction of its cores in use,
   * so over an interval its energy is idle · dt + (peak − idle) · busy
   * core-seconds / cores.  The test /engine/results/series checks this
   * against the plugin's totals. */
  double busy[CCS_TIER_N] = { 0 }, dyn[CCS_TIER_N] = { 0 }, idle[CCS_TIER_N] = { 0 };
  double slots[CCS_TIER_N] = { 0 }, present[CCS_TIER_N] = { 0 }, meas[CCS_TIER_N] = { 0 };
  gboolean any[CCS_TIER_N] = { FALSE };
  for (guint n = 0; n < w->nodes->len; n++)
    {
      const CcsWorldNode *node = CCS_WORLD_NODE (w, n);
      present[node->tier] += S->nodes[n].present;
      any[node->tier] = TRUE;
      for (guint k = 0; k < node->n_dev; k++)
        {
          guint di = node->first_dev + k;
          const CcsWorldDevice *wd = CCS_WORLD_DEVICE (w, di);
          dev_update (S, di);
          double b = S->devs[di].busy_area / wd->slots;
          busy[node->tier] += b;
          slots[node->tier] += 1;
          if (wd->sleep_after_s > 0)
            /* Its power depends on its sleeps: ask the energy plugin. */
            meas[node->tier] += sg_host_get_consumed_energy (S->devs[di].host);
          else
            {
              idle[node->tier] += wd->profile->power_idle_w;
              dyn[node->tier]
                  += (ccs_hw_pstate_peak_w (wd->profile, wd->pstate) - wd->profile->power_idle_w)
                     * b;
            }
        }
    }
  double now = simgrid_get_clock (), dt = now - S->series_t;
  market_clear (S, now, dt, record_it);
  for (guint t = 0; t < CCS_TIER_N; t++)
    {
      if (record_it && any[t] && dt > 0)
        {
          CcsSeriesPoint p = { .t_s = now,
                               .tier = t,
                               .utilisation = (busy[t] - S->series_busy[t]) / (slots[t] * dt),
                               .power_w = idle[t] + (dyn[t] - S->series_j[t]) / dt
                                          + (meas[t] - S->series_m[t]) / dt,
                               .in_system = present[t] };
          g_array_append_val (S->res->series, p);
        }
      S->series_busy[t] = busy[t];
      S->series_j[t] = dyn[t];
      S->series_m[t] = meas[t];
    }
  S->series_t = now;
}

/* Samples the series every Run.sample_interval inside the measurement
 * window; the last point (at the end of the window) is taken by finish(),
 * so that it sees the same state as the summary. */
static void
monitor_main (int argc, char **argv)
{
  (void) argc;
  (void) argv;
  Sim *S = sim_g;
  double dt = S->s->sample_interval_s;
  sg_actor_sleep_until (S->warmup_s);
  series_sample (S, FALSE);
  for (guint64 k = 1;; k++)
    {
      double t = S->warmup_s + k * dt;
      /* Within a millionth of a step of the end: finish() samples it. */
      if (t >= S->duration_s - 1e-6 * dt || S->error)
        break;
      sg_actor_sleep_until (t);
      series_sample (S, TRUE);
    }
}

static void
progress (Sim *S, double now, gboolean final)
{
  if (!S->opt->progress)
    return;
  gint64 us = g_get_monotonic_time ();
  if (!final && us - S->last_progress_us < 200000)
    return;
  S->last_progress_us = us;
  /* Transfers in flight are shown because they are what slows SimGrid
   * down: each flow start and end re-solves the sharing of every flow on
   * its links (an overloaded WAN with thousands of flows crawls). */
  fprintf (stderr,
           "\r[%3.0f%%] simulated %.1f / %.1f s, %" G_GUINT64_FORMAT
           " tasks, %u transfers in flight, %.1f s wall%s   ",
           100 * now / S->duration_s, now, S->duration_s, S->next_id, S->flows,
           (us - S->wall_start_us) / 1e6, final ? "\n" : "");
  fflush (stderr);
}

static void finish (Sim *S);

static gint
cmp_double (gconstpointer a, gconstpointer b)
{
  double x = *(const double *) a, y = *(const double *) b;
  return (x > y) - (x < y);
}

/* Arrival bookkeeping of the source actor.  Heap entries below n_iot are
 * devices; entry n_iot + g is the next on/off switch of IoT group g when
 * its bursts are group-wide (burst = group), in which case its devices
 * draw Poisson gaps at the group's current rate and all redraw when the
 * group switches (exact: the exponential gap is memoryless). */
typedef struct
{
  CcsArrivalState *st;
  guint *first; /* per group: global index of its first device */
  guint8 *on;   /* per group, burst = group */
  GArray *heap;
} Arrivals;

static const GArray *
trace_of (const Sim *S, const Arrivals *A, guint dev)
{
  guint gi = CCS_WORLD_NODE (S->w, dev)->group;
  const CcsIotGroup *g = S->s->iot->pdata[gi];
  return g->traces ? g->traces->pdata[dev - A->first[gi]] : NULL;
}

static double
group_gap (const Sim *S, const CcsIotGroup *g, gboolean on)
{
  double rate = on ? g->arrival.rate_hz : g->arrival.rate_off_hz;
  return rate > 0 ? gsl_ran_exponential (S->rng_arrivals, 1.0 / rate) : INFINITY;
}

static void
arrivals_init (Sim *S, Arrivals *A)
{
  guint n_iot = S->w->n_iot, ng = S->s->iot->len;
  A->st = g_new (CcsArrivalState, n_iot);
  A->first = g_new0 (guint, ng);
  A->on = g_new0 (guint8, ng);
  A->heap = g_array_sized_new (FALSE, FALSE, sizeof (HeapItem), n_iot + ng);
  for (guint gi = 1; gi < ng; gi++)
    A->first[gi] = A->first[gi - 1] + ((CcsIotGroup *) S->s->iot->pdata[gi - 1])->count;
  for (guint gi = 0; gi < ng; gi++)
    {
      const CcsIotGroup *g = S->s->iot->pdata[gi];
      if (!g->burst_group)
        continue;
      const CcsArrivalSpec *a = &g->arrival;
      A->on[gi] = gsl_rng_uniform (S->rng_arrivals) < a->on_s / (a->on_s + a->off_s);
      double sw = gsl_ran_exponential (S->rng_arrivals, A->on[gi] ? a->on_s : a->off_s);
      heap_push (A->heap, (HeapItem){ sw, n_iot + gi });
    }
  for (guint i = 0; i < n_iot; i++)
    {
      guint gi = CCS_WORLD_NODE (S->w, i)->group;
      const CcsIotGroup *g = S->s->iot->pdata[gi];
      if (g->burst_group)
        A->st[i].next_s = group_gap (S, g, A->on[gi]);
      else
        ccs_arrival_start (&g->arrival, &A->st[i], 0, trace_of (S, A, i), S->rng_arrivals);
      heap_push (A->heap, (HeapItem){ A->st[i].next_s, i });
    }
}

static void
arrivals_clear (Arrivals *A)
{
  g_free (A->st);
  g_free (A->first);
  g_free (A->on);
  g_array_unref (A->heap);
}

/* Group @gi switches on or off now: schedule the next switch and redraw
 * the next arrival of each of its devices. */
static void
group_switch (Sim *S, Arrivals *A, guint gi, double now)
{
  const CcsIotGroup *g = S->s->iot->pdata[gi];
  A->on[gi] = !A->on[gi];
  double next_switch
      = now + gsl_ran_exponential (S->rng_arrivals, A->on[gi] ? g->arrival.on_s : g->arrival.off_s);
  guint n_iot = S->w->n_iot;
  for (guint k = 0; k < g->count; k++)
    A->st[A->first[gi] + k].next_s = now + group_gap (S, g, A->on[gi]);
  HeapItem *h = (HeapItem *) A->heap->data;
  for (guint i = 0; i < A->heap->len; i++)
    {
      if (h[i].dev == n_iot + gi)
        h[i].t = next_switch;
      else if (h[i].dev < n_iot && CCS_WORLD_NODE (S->w, h[i].dev)->group == gi)
        h[i].t = A->st[h[i].dev].next_s;
    }
  heapify (A->heap);
}

static void
source_main (int argc, char **argv)
{
  (void) argc;
  (void) argv;
  Sim *S = sim_g;
  guint n_iot = S->w->n_iot;
  Arrivals A;
  arrivals_init (S, &A);
  gboolean warm = FALSE;
  if (S->warmup_s <= 0)
    {
      snapshot_energy (S);
      warm = TRUE;
    }
  guint since_check = 0;
  while (A.heap->len > 0 && !S->error)
    {
      HeapItem top = g_array_index (A.heap, HeapItem, 0);
      if (!(top.t < S->duration_s))
        break;
      if (!warm && top.t >= S->warmup_s)
        {
          sg_actor_sleep_until (S->warmup_s);
          snapshot_energy (S);
          warm = TRUE;
        }
      if (top.t > simgrid_get_clock ())
        sg_actor_sleep_until (top.t);
      if (top.dev >= n_iot)
        {
          group_switch (S, &A, top.dev - n_iot, top.t);
          continue;
        }
      if (((const CcsIotGroup *) S->s->iot->pdata[CCS_WORLD_NODE (S->w, top.dev)->group])->pipeline
          >= 0)
        make_job (S, top.dev, top.t);
      else
        make_task (S, top.dev, top.t);
      guint gi = CCS_WORLD_NODE (S->w, top.dev)->group;
      const CcsIotGroup *g = S->s->iot->pdata[gi];
      if (g->burst_group)
        A.st[top.dev].next_s = top.t + group_gap (S, g, A.on[gi]);
      else
        ccs_arrival_advance (&g->arrival, &A.st[top.dev], trace_of (S, &A, top.dev),
                             S->rng_arrivals);
      g_array_index (A.heap, HeapItem, 0).t = A.st[top.dev].next_s;
      heap_sift_down (A.heap, 0);
      if (++since_check >= 1024)
        {
          since_check = 0;
          progress (S, top.t, FALSE);
        }
    }
  arrivals_clear (&A);
  if (!warm)
    {
      sg_actor_sleep_until (S->warmup_s);
      snapshot_energy (S);
    }
  sg_actor_sleep_until (S->duration_s);
  finish (S);
  progress (S, S->duration_s, TRUE);
}

/* At the end of simulated time: close the integrals, read the energy
 * counters and count what is still in flight. */
static void
finish (Sim *S)
{
  S->finished = TRUE;
  series_sample (S, TRUE);
  carbon_update (S, TRUE);
  double c_tier[CCS_TIER_N] = { 0 }, facility_j = 0;
  CcsResults *R = S->res;
  const CcsWorld *w = S->w;
  double T = S->duration_s - S->warmup_s;
  double e_tier[CCS_TIER_N] = { 0 };
  double cost = 0;
  double busy_tier[CCS_TIER_N] = { 0 }, slots_tier[CCS_TIER_N] = { 0 };
  g_array_set_size (R->nodes, w->nodes->len);
  for (guint n = 0; n < w->nodes->len; n++)
    {
      const CcsWorldNode *node = CCS_WORLD_NODE (w, n);
      CcsNodeStats *ns = &g_array_index (R->nodes, CcsNodeStats, n);
      node_update (S, n);
      for (guint k = 0; k < node->n_dev; k++)
        {
          guint di = node->first_dev + k;
          const CcsWorldDevice *wd = CCS_WORLD_DEVICE (w, di);
          dev_update (S, di);
          double e = sg_host_get_consumed_energy (S->devs[di].host) - S->devs[di].energy0_j;
          double busy = S->devs[di].busy_area / wd->slots;
          ns->energy_j += e;
          ns->busy_s += busy;
          busy_tier[node->tier] += busy;
          slots_tier[node->tier] += 1;
          /* Pay per use: rented devices cost their hourly price for the
           * time they are busy (per slot-second for shared CPUs). */
          if (node->tier == CCS_TIER_CLOUD)
            ; /* rented: charged by the market (rent_usd) */
          /* Owned hardware: its purchase price spread over its service
           * life, for the window, busy or not. */
          else if (node->tier != CCS_TIER_IOT)
            {
              const CcsNodeGroup *ng = S->s->nodes->pdata[node->group];
              if (ng->amortise_s > 0)
                ns->cost_usd += wd->profile->price_usd * T / ng->amortise_s;
            }
          ns->carbon_g += S->devs[di].carbon_g;
          facility_j += e * (node->tier == CCS_TIER_IOT ? 1 : site_group_of (S, node->site)->pue);
        }
      ns->egress_usd = S->nodes[n].egress_usd;
      ns->cost_usd += ns->egress_usd + S->nodes[n].rent_usd;
      ns->carbon_g += S->nodes[n].radio_carbon_g;
      facility_j += S->nodes[n].radio_j;
      c_tier[node->tier] += ns->carbon_g;
      ns->energy_j += S->nodes[n].radio_j;
      ns->tasks = S->nodes[n].done;
      ns->mean_in_system = T > 0 ? S->nodes[n].present_area / T : 0;
      ns->mean_sojourn_s = S->nodes[n].done ? S->nodes[n].sojourn_sum / S->nodes[n].done : 0;
      e_tier[node->tier] += ns->energy_j;
      cost += ns->cost_usd;
    }
  /* Tasks still moving or queued: in flight.  Those whose deadline has
   * already passed have missed it whatever happens next, so they count
   * as misses too (otherwise an overloaded policy would look better the
   * more tasks it leaves stuck). */
  guint64 in_flight = 0;
  double now = simgrid_get_clock ();
  for (guint i = 0; i < S->carriers->len + w->devices->len; i++)
    {
      Task *t = i < S->carriers->len ? ((Carrier *) S->carriers->pdata[i])->task
                                     : S->devs[i - S->carriers->len].qhead;
      for (; t; t = i < S->carriers->len ? NULL : t->qnext)
        if (t->counted)
          {
            in_flight++;
            if (t->pub.deadline_s > 0 && now > t->pub.deadline_s)
              S->deadline_misses++;
            record (S, t, CCS_TASK_IN_FLIGHT, NULL);
          }
    }
  /* Jobs still running. */
  guint64 jobs_in_flight = 0;
  for (guint i = 0; i < S->jobs->len; i++)
    {
      Job *j = S->jobs->pdata[i];
      if (!j->counted)
        continue;
      jobs_in_flight++;
      const CcsPipeline *pl = S->s->pipelines->pdata[j->pipeline];
      if (pl->deadline_s > 0 && now - j->created_s > pl->deadline_s)
        S->job_misses++;
      job_record (S, j, CCS_TASK_IN_FLIGHT, NULL);
    }
  R->sim_s = simgrid_get_clock ();
  R->events = S->events;
  R->fingerprint = S->fp;

  g_array_sort (R->latencies, cmp_double);
  double *lat = (double *) R->latencies->data;
  gsize nl = R->latencies->len;
  double sum = 0;
  for (gsize i = 0; i < nl; i++)
    sum += lat[i];

  ccs_results_set (R, "tasks_created", S->created);
  ccs_results_set (R, "tasks_completed", S->completed);
  ccs_results_set (R, "tasks_failed", S->failed);
  ccs_results_set (R, "tasks_rejected", S->rejected);
  ccs_results_set (R, "tasks_in_flight", in_flight);
  ccs_results_set (R, "deadline_misses", S->deadline_misses);
  ccs_results_set (R, "latency_mean_s", nl ? sum / nl : NAN);
  ccs_results_set (R, "latency_p50_s", ccs_percentile_sorted (lat, nl, 50));
  ccs_results_set (R, "latency_p95_s", ccs_percentile_sorted (lat, nl, 95));
  ccs_results_set (R, "latency_p99_s", ccs_percentile_sorted (lat, nl, 99));
  ccs_results_set (R, "energy_iot_j", e_tier[CCS_TIER_IOT]);
  ccs_results_set (R, "energy_edge_j", e_tier[CCS_TIER_EDGE] + e_tier[CCS_TIER_ACCESS]);
  ccs_results_set (R, "energy_cloud_j", e_tier[CCS_TIER_CLOUD] + e_tier[CCS_TIER_PRIVATE]);
  ccs_results_set (R, "energy_hpc_j", e_tier[CCS_TIER_HPC]);
  ccs_results_set (R, "energy_network_j", S->network_j);
  double e_all = S->network_j;
  for (int i = 0; i < CCS_TIER_N; i++)
    e_all += e_tier[i];
  ccs_results_set (R, "energy_j", e_all);
  ccs_results_set (R, "cost_usd", cost);
  ccs_results_set (R, "energy_facility_j", facility_j + S->network_j);
  double c_all = S->network_carbon_g;
  for (guint t = 0; t < CCS_TIER_N; t++)
    c_all += c_tier[t];
  ccs_results_set (R, "carbon_g", c_all);
  ccs_results_set (R, "carbon_iot_g", c_tier[CCS_TIER_IOT]);
  ccs_results_set (R, "carbon_edge_g", c_tier[CCS_TIER_EDGE] + c_tier[CCS_TIER_ACCESS]);
  ccs_results_set (R, "carbon_cloud_g", c_tier[CCS_TIER_CLOUD] + c_tier[CCS_TIER_PRIVATE]);
  ccs_results_set (R, "carbon_hpc_g", c_tier[CCS_TIER_HPC]);
  ccs_results_set (R, "carbon_network_g", S->network_carbon_g);
  ccs_results_set (R, "revenue_usd", S->revenue_usd);
  ccs_results_set (R, "sovereignty_violations", S->violations);
  if (S->s->pipelines->len > 0)
    {
      ccs_results_set (R, "jobs_created", S->jobs_created);
      ccs_results_set (R, "jobs_completed", S->jobs_completed);
      ccs_results_set (R, "jobs_rejected", S->jobs_rejected);
      ccs_results_set (R, "jobs_in_flight", jobs_in_flight);
      ccs_results_set (R, "job_deadline_misses", S->job_misses);
      g_array_sort (S->makespans, cmp_double);
      double sum = 0, psum = 0;
      for (guint i = 0; i < S->makespans->len; i++)
        sum += g_array_index (S->makespans, double, i),
            psum += g_array_index (S->planned, double, i);
      guint nm = S->makespans->len;
      ccs_results_set (R, "makespan_mean_s", nm ? sum / nm : NAN);
      ccs_results_set (R, "makespan_p95_s",
                       ccs_percentile_sorted ((double *) S->makespans->data, nm, 95));
      ccs_results_set (R, "makespan_planned_mean_s", nm ? psum / nm : NAN);
      /* Staleness of each pipeline's output: at time t, t minus the
       * arrival time of the job whose result was the latest delivered;
       * averaged over the window from the first delivery, and its max. */
      double st_sum = 0, st_max = NAN;
      guint st_n = 0;
      for (guint p = 0; p < S->s->pipelines->len; p++)
        {
          GArray *d = S->deploys[p];
          double area = 0, mx = NAN, from = NAN, data = NAN, t0 = NAN;
          for (guint i = 0; i + 1 < d->len; i += 2)
            {
              double at = g_array_index (d, double, i), dt = g_array_index (d, double, i + 1);
              if (!isnan (data))
                {
                  double a = MAX (t0, S->warmup_s), b = MIN (at, S->duration_s);
                  if (b > a)
                    {
                      area += ((b - data) * (b - data) - (a - data) * (a - data)) / 2;
                      mx = isnan (mx) ? b - data : MAX (mx, b - data);
                      from = isnan (from) ? a : from;
                    }
                }
              if (isnan (data) || dt > data)
                data = dt;
              t0 = at;
            }
          if (!isnan (data))
            {
              double a = MAX (t0, S->warmup_s), b = S->duration_s;
              if (b > a)
                {
                  area += ((b - data) * (b - data) - (a - data) * (a - data)) / 2;
                  mx = isnan (mx) ? b - data : MAX (mx, b - data);
                  from = isnan (from) ? a : from;
                }
            }
          if (!isnan (from) && S->duration_s > from)
            {
              st_sum += area / (S->duration_s - from);
              st_n++;
              st_max = isnan (st_max) ? mx : MAX (st_max, mx);
            }
        }
      ccs_results_set (R, "staleness_mean_s", st_n ? st_sum / st_n : NAN);
      ccs_results_set (R, "staleness_max_s", st_max);
    }
  ccs_results_set (R, "throughput_hz", T > 0 ? S->completed / T : 0);
  /* Utilisation of a set of tiers: busy device-seconds over device-seconds. */
  const CcsTier iot[] = { CCS_TIER_IOT }, edge[] = { CCS_TIER_EDGE },
                cloud[] = { CCS_TIER_CLOUD, CCS_TIER_PRIVATE, CCS_TIER_HPC };
  const struct
  {
    const char *metric;
    const CcsTier *tiers;
    gsize n;
  } util[] = { { "utilisation_iot", iot, G_N_ELEMENTS (iot) },
               { "utilisation_edge", edge, G_N_ELEMENTS (edge) },
               { "utilisation_cloud", cloud, G_N_ELEMENTS (cloud) } };
  for (gsize u = 0; u < G_N_ELEMENTS (util); u++)
    {
      double busy = 0, devs = 0;
      for (gsize k = 0; k < util[u].n; k++)
        {
          busy += busy_tier[util[u].tiers[k]];
          devs += slots_tier[util[u].tiers[k]];
        }
      ccs_results_set (R, util[u].metric, devs > 0 ? busy / (devs * T) : 0);
    }
}

/* ------------------------------------------------------------- run */

/* A key of a plug-in's group (other than OWN_KEY, the one naming the
 * plug-in) that the plug-in's configure did not take is an error. */
static gboolean
unused_options (CcsIniGroup *g, const char *section, const char *own_key, const char *name,
                GError **error)
{
  for (guint i = 0; g && i < g->entries->len; i++)
    {
      CcsIniEntry *e = g->entries->pdata[i];
      if (!e->used && strcmp (e->key, own_key) != 0)
        {
          g_set_error (error, CCS_ENGINE_ERROR, CCS_ENGINE_ERROR_POLICY,
                       "%s:%d: [%s] %s: unknown key for %s %s", e->file, e->line, section, e->key,
                       own_key, name);
          return FALSE;
        }
    }
  return TRUE;
}

/* Instantiate and configure the policy; unknown [Placement] keys are
 * errors.  Shared by runs and `ccsim check`. */
static gboolean
policy_setup (Sim *S, GError **error)
{
  const CcsScenario *s = S->s;
  /* Policy: state, options. */
  S->ops = ccs_policy_lookup (s->policy);
  S->pstate = S->ops->state_size ? g_malloc0 (S->ops->state_size) : NULL;
  gboolean ok = TRUE;
  if (S->ops->configure)
    {
      g_autoptr (GError) local = NULL;
      if (!S->ops->configure (S->pstate, s->policy_group, S, &local))
        {
          g_set_error (error, CCS_ENGINE_ERROR, CCS_ENGINE_ERROR_POLICY,
                       "%s:%d: [Placement] policy: %s", s->policy_loc.file, s->policy_loc.line,
                       local->message);
          ok = FALSE;
        }
    }
  /* Market: the mechanism, its options, one seller per renting provider. */
  S->mops = ccs_market_lookup (s->market);
  S->mstate = S->mops->state_size ? g_malloc0 (S->mops->state_size) : NULL;
  if (ok && S->mops->configure)
    {
      g_autoptr (GError) local = NULL;
      if (!S->mops->configure (S->mstate, s->market_group, &local))
        {
          g_set_error (error, CCS_ENGINE_ERROR, CCS_ENGINE_ERROR_POLICY,
                       "%s:%d: [Market] mechanism: %s", s->market_loc.file, s->market_loc.line,
                       local->message);
          ok = FALSE;
        }
    }
  ok = ok && unused_options (s->market_group, "Market", "mechanism", s->market, error)
       && unused_options (s->policy_group, "Placement", "policy", s->policy, error);

  return ok;
}

static Sim *
sim_new (const CcsWorld *w, const CcsEngineOptions *opt, CcsResults *out)
{
  const CcsScenario *s = w->scenario;
  Sim *S = g_new0 (Sim, 1);
  S->w = w;
  S->s = s;
  S->opt = opt;
  S->res = out;
  S->warmup_s = s->warmup_s;
  S->duration_s = s->duration_s;
  S->fp = 1469598103934665603ull;
  S->rng_arrivals = ccs_rng_new (s->seed, "arrivals");
  S->rng_sizes = ccs_rng_new (s->seed, "sizes");
  S->rng_policy = ccs_rng_new (s->seed, "placement");
  S->rng_sample = ccs_rng_new (s->seed, "task-sample");
  S->rng_pipeline = ccs_rng_new (s->seed, "pipelines");
  S->jobs = g_ptr_array_new ();
  S->deploys = g_new0 (GArray *, s->pipelines->len);
  for (guint i = 0; i < s->pipelines->len; i++)
    S->deploys[i] = g_array_new (FALSE, FALSE, sizeof (double));
  S->makespans = g_array_new (FALSE, FALSE, sizeof (double));
  guint nsites = w->topo->sites->len;
  S->site_carbon = g_new (double, nsites);
  S->site_pue = g_new (double, nsites);
  S->site_egress = g_new (double, nsites);
  for (guint i = 0; i < nsites; i++)
    {
      const CcsSiteGroup *sg = site_group_of (S, i);
      S->site_carbon[i] = ccs_site_carbon_at (sg, 0);
      S->site_pue[i] = sg->pue;
      S->site_egress[i] = sg->egress_usd_per_byte;
    }
  /* Providers as numbers (their names are shared strings of few groups). */
  S->prov = g_new (guint, w->nodes->len);
  g_autoptr (GPtrArray) pnames = g_ptr_array_new ();
  for (guint n = 0; n < w->nodes->len; n++)
    {
      const char *pv = CCS_WORLD_NODE (w, n)->provider;
      guint k = 0;
      while (k < pnames->len && strcmp (pnames->pdata[k], pv) != 0)
        k++;
      if (k == pnames->len)
        g_ptr_array_add (pnames, (gpointer) pv);
      S->prov[n] = k;
    }
  S->seller_of = g_new (gint, w->nodes->len);
  g_autoptr (GPtrArray) provs = g_ptr_array_new ();
  g_autoptr (GArray) sums = g_array_new (FALSE, TRUE, sizeof (double));
  g_autoptr (GArray) cnts = g_array_new (FALSE, TRUE, sizeof (double));
  for (guint n = 0; n < w->nodes->len; n++)
    {
      const CcsWorldNode *node = CCS_WORLD_NODE (w, n);
      S->seller_of[n] = -1;
      if (node->tier != CCS_TIER_CLOUD)
        continue;
      guint k = 0;
      while (k < provs->len && strcmp (provs->pdata[k], node->provider) != 0)
        k++;
      if (k == provs->len)
        {
          g_ptr_array_add (provs, (gpointer) node->provider);
          g_array_set_size (sums, k + 1);
          g_array_set_size (cnts, k + 1);
        }
      S->seller_of[n] = k;
      for (guint j = 0; j < node->n_dev; j++)
        {
          g_array_index (sums, double, k)
              += CCS_WORLD_DEVICE (w, node->first_dev + j)->profile->price_usd_per_hour;
          g_array_index (cnts, double, k) += 1;
        }
    }
  S->n_sellers = provs->len;
  S->sellers = g_new0 (CcsMarketSeller, MAX (S->n_sellers, 1));
  S->seller_list = g_new0 (double, MAX (S->n_sellers, 1));
  for (guint k = 0; k < S->n_sellers; k++)
    {
      S->sellers[k].provider = provs->pdata[k];
      S->sellers[k].devices = g_array_index (cnts, double, k);
      S->sellers[k].multiplier = 1;
      S->seller_list[k] = g_array_index (sums, double, k) / g_array_index (cnts, double, k);
      g_ptr_array_add (out->sellers, g_strdup (provs->pdata[k]));
    }
  S->planned = g_array_new (FALSE, FALSE, sizeof (double));
  S->carriers = g_ptr_array_new_with_free_func (g_free);
  S->candidates = g_array_new (FALSE, FALSE, sizeof (CcsNodeId));
  for (guint n = w->n_iot; n < w->nodes->len; n++)
    {
      CcsNodeId id = n;
      g_array_append_val (S->candidates, id);
    }
  S->devs = g_new0 (DevState, w->devices->len);
  for (guint i = 0; i < w->devices->len; i++)
    {
      const CcsWorldDevice *wd = CCS_WORLD_DEVICE (w, i);
      S->devs[i].dyn_w_per_slot
          = (ccs_hw_pstate_peak_w (wd->profile, wd->pstate) - wd->profile->power_idle_w)
            / wd->slots;
    }
  S->nodes = g_new0 (NodeState, w->nodes->len);
  S->site_inflow = g_new0 (guint, w->topo->sites->len);
  S->core = core_paths (w);
  S->near = g_new0 (CcsNodeId *, w->topo->sites->len);
  S->memo = g_new0 (ServiceMemo, 1);
  return S;
}

static void
sim_free (Sim *S)
{
  if (S->ops && S->ops->finalize && S->pstate)
    S->ops->finalize (S->pstate);
  g_free (S->pstate);
  gsl_rng_free (S->rng_arrivals);
  gsl_rng_free (S->rng_sizes);
  gsl_rng_free (S->rng_policy);
  gsl_rng_free (S->rng_sample);
  gsl_rng_free (S->rng_pipeline);

  for (guint i = 0; i < S->s->pipelines->len; i++)
    g_array_unref (S->deploys[i]);
  g_free (S->deploys);
  g_array_unref (S->makespans);
  if (S->mops && S->mops->finalize && S->mstate)
    S->mops->finalize (S->mstate);
  g_free (S->mstate);
  g_free (S->sellers);
  g_free (S->seller_list);
  g_free (S->seller_of);
  g_free (S->site_carbon);
  g_free (S->site_pue);
  g_free (S->site_egress);
  g_free (S->prov);
  g_array_unref (S->planned);
  for (Task *t = S->free_tasks; t;)
    {
      Task *next = t->next_free;
      g_free (t);
      t = next;
    }
  for (guint i = 0; i < S->carriers->len; i++)
    {
      Carrier *c = S->carriers->pdata[i];
      g_free (c->task);
      sg_sem_destroy (c->wake);
    }
  for (guint i = 0; i < S->w->devices->len; i++)
    for (Task *t = S->devs[i].qhead; t;)
      {
        Task *next = t->qnext;
        if (!t->slot) /* a stage's stand-in is freed with its job */
          g_free (t);
        t = next;
      }
  /* After the queues: they still link to the stages' stand-ins. */
  for (guint i = 0; i < S->jobs->len; i++)
    job_free (S->jobs->pdata[i]);
  g_ptr_array_unref (S->jobs);
  g_ptr_array_unref (S->carriers);
  g_array_unref (S->candidates);
  g_free (S->devs);
  g_free (S->nodes);
  g_free (S->site_inflow);
  g_free (S->core);
  for (guint i = 0; i < S->w->topo->sites->len; i++)
    g_free (S->near[i]);
  g_free (S->near);
  g_free (S->memo);
  g_free (S);
}

gboolean
ccs_engine_check (const CcsWorld *w, GError **error)
{
  CcsEngineOptions opt = { 0 };
  CcsResults res;
  ccs_results_init (&res);
  Sim *S = sim_new (w, &opt, &res);
  gboolean ok = policy_setup (S, error);
  sim_free (S);
  ccs_results_clear (&res);
  return ok;
}

gboolean
ccs_engine_run (const CcsWorld *w, const CcsEngineOptions *opt, CcsResults *out, GError **error)
{
  static gboolean ran = FALSE;
  g_return_val_if_fail (!ran, FALSE);
  ran = TRUE;
  gint64 t0 = g_get_monotonic_time ();

  Sim *S = sim_new (w, opt, out);
  sim_g = S;
  S->wall_start_us = t0;

  gboolean ok = policy_setup (S, error);

  /* SimGrid: quiet unless asked, raw contexts, small stacks without
   * guard pages (tens of thousands of carriers would otherwise exhaust
   * vm.max_map_count). */
  g_autofree char *platform = NULL;
  if (ok)
    {
      if (!opt->verbose)
        xbt_log_control_set ("root.thres:critical");
      /* CM02: max-min sharing without SimGrid's TCP correction factors
       * (LV08 multiplies latencies by 13.01 and bandwidths by 0.97), and
       * no reverse cross-traffic, no TCP window bound (gamma / 2·latency):
       * link figures in ccsim are taken as measured, so a 2 ms hop costs
       * 2 ms and a transfer takes latency + size / bandwidth, as the
       * policies' estimates assume. */
      int argc = 7;
      char *argv[] = { (char *) "ccsim",
                       (char *) "--cfg=contexts/factory:raw",
                       (char *) "--cfg=contexts/stack-size:256",
                       (char *) "--cfg=contexts/guard-size:0",
                       (char *) "--cfg=network/model:CM02",
                       (char *) "--cfg=network/crosstraffic:0",
                       (char *) "--cfg=network/TCP-gamma:0",
                       NULL };
      sg_host_energy_plugin_init ();
      simgrid_init (&argc, argv);
      int fd = g_file_open_tmp ("ccsim-platform-XXXXXX.xml", &platform, error);
      if (fd < 0)
        ok = FALSE;
      else
        {
          FILE *f = fdopen (fd, "w");
          ok = ccs_platform_write (w, f, error);
          if (fclose (f) != 0 && ok)
            {
              g_set_error (error, CCS_ENGINE_ERROR, CCS_ENGINE_ERROR_PLATFORM, "cannot write %s",
                           platform);
              ok = FALSE;
            }
        }
    }
  if (ok)
    {
      simgrid_load_platform (platform);
      g_unlink (platform);
      /* One pass over SimGrid's host list: sg_host_by_name walks every
       * zone of the platform, which is quadratic over 100k devices. */
      g_autoptr (GHashTable) by_name = g_hash_table_new (g_str_hash, g_str_equal);
      sg_host_t *all = sg_host_list ();
      for (size_t i = 0, n = sg_host_count (); i < n; i++)
        g_hash_table_insert (by_name, (gpointer) sg_host_get_name (all[i]), all[i]);
      xbt_free (all);
      for (guint i = 0; i < w->devices->len; i++)
        {
          const CcsWorldDevice *d = CCS_WORLD_DEVICE (w, i);
          S->devs[i].host = g_hash_table_lookup (by_name, d->host);
          if (!S->devs[i].host)
            {
              g_set_error (error, CCS_ENGINE_ERROR, CCS_ENGINE_ERROR_PLATFORM,
                           "host %s missing from the platform", d->host);
              ok = FALSE;
              break;
            }
        }
    }
  if (ok)
    {
      S->home = S->devs[0].host;
      sg_actor_create ("source", S->home, source_main, 0, NULL);
      sg_actor_create ("monitor", S->home, monitor_main, 0, NULL);
      for (guint i = 0; i < w->devices->len; i++)
        device_idle (S, i);
      for (guint i = 0; i < w->scenario->sites->len; i++)
        if (((CcsSiteGroup *) w->scenario->sites->pdata[i])->carbon_trace)
          {
            sg_actor_create ("carbon", S->home, carbon_main, 0, NULL);
            break;
          }
      simgrid_run ();
      if (S->error)
        {
          g_propagate_error (error, S->error);
          S->error = NULL;
          ok = FALSE;
        }
    }
  if (ok)
    {
      guint64 created = ccs_results_get (out, "tasks_created");
      guint64 accounted
          = ccs_results_get (out, "tasks_completed") + ccs_results_get (out, "tasks_rejected")
            + ccs_results_get (out, "tasks_failed") + ccs_results_get (out, "tasks_in_flight");
      guint64 jc = ccs_results_get (out, "jobs_created");
      guint64 ja = ccs_results_get (out, "jobs_completed") + ccs_results_get (out, "jobs_rejected")
                   + ccs_results_get (out, "jobs_in_flight");
      if (w->scenario->pipelines->len > 0 && jc != ja)
        {
          g_set_error (error, CCS_ENGINE_ERROR, CCS_ENGINE_ERROR_CONSERVATION,
                       "job conservation violated: created %" G_GUINT64_FORMAT
                       " but completed + rejected + in flight = %" G_GUINT64_FORMAT,
                       jc, ja);
          ok = FALSE;
        }
      else if (created != accounted)
        {
          g_set_error (error, CCS_ENGINE_ERROR, CCS_ENGINE_ERROR_CONSERVATION,
                       "task conservation violated: created %" G_GUINT64_FORMAT
                       " but completed + rejected + failed + in flight = %" G_GUINT64_FORMAT,
                       created, accounted);
          ok = FALSE;
        }
    }
  out->wall_s = (g_get_monotonic_time () - t0) / 1e6;
  sim_free (S);
  sim_g = NULL;
  return ok;
}
