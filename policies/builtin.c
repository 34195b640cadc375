/* builtin.c — the first set of placement policies, and the one list that
 * registers every built-in policy.
 *
 * local, nearest-edge, cloud-only, random, round-robin, least-loaded and
 * earliest-finish.  Each is a baseline found in the edge-computing
 * literature (EdgeCloudSim and iFogSim ship similar ones); earliest-finish
 * is the greedy "minimum completion time" heuristic (Braun et al., JPDC
 * 61(6), 2001) using the engine's estimate of transfer + queue + compute +
 * return time.
 */
#include <math.h>
#include <string.h>

#include "policies/policy.h"
#include "sim/scenario.h"

#define reject ccs_policy_reject

/* A rejection: FALSE with CCS_POLICY_ERROR_REJECT and the reason. */
gboolean
ccs_policy_reject (GError **error, const char *fmt, ...)
{
  va_list ap;
  va_start (ap, fmt);
  g_autofree char *msg = g_strdup_vprintf (fmt, ap);
  va_end (ap);
  g_set_error_literal (error, CCS_POLICY_ERROR, CCS_POLICY_ERROR_REJECT, msg);
  return FALSE;
}

/* Load of a node: tasks in system per slot. */
static double
load_of (const CcsView *v, CcsNodeId n)
{
  return (double) ccs_view_node_in_system (v, n) / MAX (1u, ccs_view_node_slots (v, n));
}

/* Least-loaded capable node among @ids; ties go to the lower latency from
 * the task's home site, then the lower id (deterministic). */
static CcsNodeId
least_loaded_of (const CcsView *v, const CcsTask *t, const CcsNodeId *ids, guint n,
                 gboolean (*filter) (const CcsView *, const CcsTask *, CcsNodeId))
{
  guint home = ccs_view_home_site (v, t->source);
  CcsNodeId best = CCS_NODE_NONE;
  double best_load = INFINITY, best_lat = INFINITY;
  for (guint i = 0; i < n; i++)
    {
      if (!ccs_view_can_run (v, t, ids[i]) || (filter && !filter (v, t, ids[i])))
        continue;
      double l = load_of (v, ids[i]);
      double lat = ccs_view_site_latency (v, home, ccs_view_node_site (v, ids[i]));
      if (l < best_load || (l == best_load && lat < best_lat))
        {
          best = ids[i];
          best_load = l;
          best_lat = lat;
        }
    }
  return best;
}

/* ---- local ---- */
static gboolean
local_place (gpointer state, const CcsView *v, const CcsTask *t, CcsNodeId *out, GError **error)
{
  (void) state;
  if (!ccs_view_can_run (v, t, t->source))
    return reject (error, "local: device cannot run %s", ccs_precision_name (t->precision));
  *out = t->source;
  return TRUE;
}

/* ---- nearest-edge ---- */
typedef struct
{
  GArray *nearest; /* per site: the closest site with edge nodes, or -1 */
} NearestState;

static gboolean
nearest_configure (gpointer state, CcsIniGroup *g, const CcsView *v, GError **error)
{
  (void) g;
  NearestState *st = state;
  guint ns = ccs_view_n_sites (v);
  st->nearest = g_array_sized_new (FALSE, FALSE, sizeof (gint), ns);
  gboolean any = FALSE;
  for (guint s = 0; s < ns; s++)
    {
      gint best = -1;
      double best_lat = INFINITY;
      for (guint o = 0; o < ns; o++)
        {
          guint n;
          ccs_view_site_nodes (v, o, &n);
          if (n == 0 || ccs_view_site_tier (v, o) != CCS_TIER_EDGE)
            continue;
          double lat = ccs_view_site_latency (v, s, o);
          if (lat < best_lat)
            {
              best_lat = lat;
              best = o;
            }
        }
      any |= best >= 0;
      g_array_append_val (st->nearest, best);
    }
  if (!any)
    {
      g_set_error (error, CCS_POLICY_ERROR, CCS_POLICY_ERROR_CONFIG,
                   "nearest-edge: the scenario has no edge site with nodes");
      return FALSE;
    }
  return TRUE;
}

static gboolean
nearest_place (gpointer state, const CcsView *v, const CcsTask *t, CcsNodeId *out, GError **error)
{
  NearestState *st = state;
  gint site = g_array_index (st->nearest, gint, ccs_view_home_site (v, t->source));
  guint n;
  const CcsNodeId *ids = ccs_view_site_nodes (v, site, &n);
  *out = least_loaded_of (v, t, ids, n, NULL);
  if (*out == CCS_NODE_NONE)
    return reject (error, "nearest-edge: no node at the nearest edge site can run %s",
                   ccs_precision_name (t->precision));
  return TRUE;
}

static void
nearest_finalize (gpointer state)
{
  NearestState *st = state;
  if (st->nearest)
    g_array_unref (st->nearest);
}

/* ---- cloud-only ---- */
static gboolean
is_cloud_side (const CcsView *v, const CcsTask *t, CcsNodeId n)
{
  (void) t;
  int tier = ccs_view_node_tier (v, n);
  return tier == CCS_TIER_CLOUD || tier == CCS_TIER_PRIVATE || tier == CCS_TIER_HPC;
}

static gboolean
cloud_configure (gpointer state, CcsIniGroup *g, const CcsView *v, GError **error)
{
  (void) state;
  (void) g;
  guint n;
  const CcsNodeId *c = ccs_view_candidates (v, &n);
  for (guint i = 0; i < n; i++)
    if (is_cloud_side (v, NULL, c[i]))
      return TRUE;
  g_set_error (error, CCS_POLICY_ERROR, CCS_POLICY_ERROR_CONFIG,
               "cloud-only: the scenario has no cloud, private or hpc nodes");
  return FALSE;
}

static gboolean
cloud_place (gpointer state, const CcsView *v, const CcsTask *t, CcsNodeId *out, GError **error)
{
  (void) state;
  guint n;
  const CcsNodeId *c = ccs_view_candidates (v, &n);
  *out = least_loaded_of (v, t, c, n, is_cloud_side);
  if (*out == CCS_NODE_NONE)
    return reject (error, "cloud-only: no cloud node can run %s",
                   ccs_precision_name (t->precision));
  return TRUE;
}

/* ---- random ---- */
static gboolean
random_place (gpointer state, const CcsView *v, const CcsTask *t, CcsNodeId *out, GError **error)
{
  (void) state;
  guint n, capable = 0;
  const CcsNodeId *c = ccs_view_candidates (v, &n);
  for (guint i = 0; i < n; i++)
    capable += ccs_view_can_run (v, t, c[i]);
  if (capable == 0)
    return reject (error, "random: no node can run %s", ccs_precision_name (t->precision));
  guint k = gsl_rng_uniform_int (ccs_view_rng (v), capable);
  for (guint i = 0; i < n; i++)
    if (ccs_view_can_run (v, t, c[i]) && k-- == 0)
      {
        *out = c[i];
        return TRUE;
      }
  return reject (error, "random: internal error");
}

/* ---- round-robin ---- */
typedef struct
{
  guint next;
} RoundRobinState;

static gboolean
rr_place (gpointer state, const CcsView *v, const CcsTask *t, CcsNodeId *out, GError **error)
{
  RoundRobinState *st = state;
  guint n;
  const CcsNodeId *c = ccs_view_candidates (v, &n);
  for (guint tries = 0; tries < n; tries++)
    {
      CcsNodeId id = c[st->next++ % n];
      if (ccs_view_can_run (v, t, id))
        {
          *out = id;
          return TRUE;
        }
    }
  return reject (error, "round-robin: no node can run %s", ccs_precision_name (t->precision));
}

/* ---- least-loaded ---- */
static gboolean
ll_place (gpointer state, const CcsView *v, const CcsTask *t, CcsNodeId *out, GError **error)
{
  (void) state;
  guint n;
  const CcsNodeId *c = ccs_view_candidates (v, &n);
  *out = least_loaded_of (v, t, c, n, NULL);
  if (*out == CCS_NODE_NONE)
    return reject (error, "least-loaded: no node can run %s", ccs_precision_name (t->precision));
  return TRUE;
}

/* ---- earliest-finish ---- */
typedef struct
{
  gboolean include_local;
} EftState;

static gboolean
eft_configure (gpointer state, CcsIniGroup *g, const CcsView *v, GError **error)
{
  (void) v;
  EftState *st = state;
  st->include_local = TRUE;
  return ccs_policy_option_bool (g, "include_local", &st->include_local, error);
}

static gboolean
eft_place (gpointer state, const CcsView *v, const CcsTask *t, CcsNodeId *out, GError **error)
{
  EftState *st = state;
  CcsNodeId best = ccs_policy_best_by_estimate (v, t, NULL);
  if (st->include_local)
    best = ccs_policy_prefer_local (v, t, best);
  if (best == CCS_NODE_NONE)
    return reject (error, "earliest-finish: no node can run %s", ccs_precision_name (t->precision));
  *out = best;
  return TRUE;
}

static const CcsPlacementOps builtin_policies[] = {
  { CCS_POLICY_ABI, "local", "run every task on the IoT device that made it", 0, NULL, local_place,
    NULL, NULL },
  { CCS_POLICY_ABI, "nearest-edge", "least-loaded node at the edge site closest to the device",
    sizeof (NearestState), nearest_configure, nearest_place, NULL, nearest_finalize },
  { CCS_POLICY_ABI, "cloud-only", "least-loaded cloud/private/hpc node", 0, cloud_configure,
    cloud_place, NULL, NULL },
  { CCS_POLICY_ABI, "random", "a uniformly random node that can run the task", 0, NULL,
    random_place, NULL, NULL },
  { CCS_POLICY_ABI, "round-robin", "the next node in turn that can run the task",
    sizeof (RoundRobinState), NULL, rr_place, NULL, NULL },
  { CCS_POLICY_ABI, "least-loaded", "the node with the fewest tasks per slot (ties: nearest)", 0,
    NULL, ll_place, NULL, NULL },
  { CCS_POLICY_ABI, "earliest-finish",
    "smallest estimated transfer + queue + compute + return time "
    "(option include_local = true)",
    sizeof (EftState), eft_configure, eft_place, NULL, NULL },
};

extern const CcsPlacementOps ccs_constrained_policies[];

void
ccs_policy_register_builtins (void)
{
  static gsize once = 0;
  if (g_once_init_enter (&once))
    {
      for (gsize i = 0; i < G_N_ELEMENTS (builtin_policies); i++)
        {
          g_autoptr (GError) error = NULL;
          if (!ccs_policy_register_internal (&builtin_policies[i], &error))
            g_error ("%s", error->message); /* a programming error */
        }
      for (const CcsPlacementOps *p = ccs_constrained_policies; p->name; p++)
        {
          g_autoptr (GError) error = NULL;
          if (!ccs_policy_register_internal (p, &error))
            g_error ("%s", error->message);
        }
      g_once_init_leave (&once, 1);
    }
}
