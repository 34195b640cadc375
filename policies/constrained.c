/* constrained.c — policies that trade response time for sovereignty,
 * carbon or energy.
 *
 * sovereign: earliest finish among the nodes a task's data may go to
 *   (its owner's domain or the app's allowed domains), so sovereign apps
 *   never leave them; a task no allowed node can run is rejected.
 * carbon-aware: among the nodes that meet the task's deadline by the
 *   engine's estimate, the one with the least marginal carbon (device
 *   energy above idle × PUE × its grid's intensity now, plus the network's
 *   energy × the source's grid intensity): flexible work moves to cleaner
 *   grids and hours, in the spirit of carbon-aware scheduling such as
 *   Radovanović et al., "Carbon-aware computing for datacenters", IEEE
 *   Trans. Power Systems 38(2), 2023, but per task and within deadlines.
 * energy-aware: the same with marginal energy: efficient devices (and the
 *   device itself when local work is cheaper than sending) win; waking a
 *   sleeping device is charged its idle power while it wakes and for the
 *   idle time before it may sleep again, so work is packed onto devices
 *   already awake and the others keep sleeping (consolidation).
 * cost-aware: the same with money: rent at the market's current price for
 *   the task's share of the device, plus the egress of its result; owned
 *   devices cost nothing at the margin.
 * Without a deadline a node qualifies when its estimated response is at
 * most `stretch` (default 2) times the earliest finish.  When no node
 * meets the deadline the earliest finish is taken.
 */
#include <math.h>
#include <string.h>

#include "policies/policy.h"

/* ---- sovereign ---- */
static gboolean
sovereign_place (gpointer state, const CcsView *v, const CcsTask *t, CcsNodeId *out, GError **error)
{
  (void) state;
  CcsNodeId best
      = ccs_policy_prefer_local (v, t, ccs_policy_best_by_estimate (v, t, ccs_view_allowed));
  if (best == CCS_NODE_NONE)
    return ccs_policy_reject (error, "sovereign: no node of domain %s can run %s", t->domain,
                              ccs_precision_name (t->precision));
  *out = best;
  return TRUE;
}

/* ---- carbon-aware and energy-aware ---- */
typedef struct
{
  double stretch;
} GreenState;

static gboolean
green_configure (gpointer state, CcsIniGroup *g, const CcsView *v, GError **error)
{
  (void) v;
  GreenState *st = state;
  st->stretch = 2;
  return ccs_policy_option_double (g, "stretch", 1, &st->stretch, error);
}

/* Every candidate and the device itself; the least cost (carbon or
 * energy) among those in time, ties to the earlier finish, then the
 * lower id.  Time: one estimate per node. */
typedef enum
{
  BY_CARBON,
  BY_ENERGY,
  BY_COST,
} Criterion;

static const char *const criterion_policy[] = { "carbon-aware", "energy-aware", "cost-aware" };

static gboolean
green_place (const GreenState *st, const CcsView *v, const CcsTask *t, CcsNodeId *out, Criterion by,
             GError **error)
{
  guint n;
  const CcsNodeId *c = ccs_view_candidates (v, &n);
  double now = ccs_view_now (v);
  CcsNodeId fastest = CCS_NODE_NONE;
  double fastest_t = INFINITY;
  g_autofree CcsEstimate *est = g_new (CcsEstimate, n + 1);
  g_autofree CcsNodeId *ids = g_new (CcsNodeId, n + 1);
  guint k = 0;
  for (guint i = 0; i <= n; i++)
    {
      CcsNodeId id = i < n ? c[i] : t->source;
      if (!ccs_view_estimate (v, t, id, &est[k]))
        continue;
      ids[k] = id;
      if (est[k].total_s < fastest_t)
        fastest_t = est[k].total_s, fastest = id;
      k++;
    }
  if (fastest == CCS_NODE_NONE)
    return ccs_policy_reject (error, "%s: no node can run %s", criterion_policy[by],
                              ccs_precision_name (t->precision));
  double limit = t->deadline_s > 0 ? t->deadline_s - now : st->stretch * fastest_t;
  CcsNodeId best = fastest;
  double best_cost = INFINITY, best_t = INFINITY;
  for (guint i = 0; i < k; i++)
    {
      if (est[i].total_s > limit)
        continue;
      double cost = by == BY_CARBON   ? est[i].carbon_g
                    : by == BY_ENERGY ? est[i].energy_j
                                      : est[i].cost_usd;
      if (cost < best_cost || (cost == best_cost && est[i].total_s < best_t))
        best = ids[i], best_cost = cost, best_t = est[i].total_s;
    }
  *out = best;
  return TRUE;
}

static gboolean
carbon_place (gpointer state, const CcsView *v, const CcsTask *t, CcsNodeId *out, GError **error)
{
  return green_place (state, v, t, out, BY_CARBON, error);
}

static gboolean
energy_place (gpointer state, const CcsView *v, const CcsTask *t, CcsNodeId *out, GError **error)
{
  return green_place (state, v, t, out, BY_ENERGY, error);
}

static gboolean
cost_place (gpointer state, const CcsView *v, const CcsTask *t, CcsNodeId *out, GError **error)
{
  return green_place (state, v, t, out, BY_COST, error);
}

const CcsPlacementOps ccs_constrained_policies[] = {
  { CCS_POLICY_ABI, "sovereign",
    "earliest finish among nodes of the data owner's domain (or the app's allowed_domains)", 0,
    NULL, sovereign_place, NULL, NULL },
  { CCS_POLICY_ABI, "carbon-aware",
    "least marginal carbon among nodes meeting the deadline (option stretch = 2 without one)",
    sizeof (GreenState), green_configure, carbon_place, NULL, NULL },
  { CCS_POLICY_ABI, "energy-aware",
    "least marginal energy among nodes meeting the deadline (option stretch = 2 without one)",
    sizeof (GreenState), green_configure, energy_place, NULL, NULL },
  { CCS_POLICY_ABI, "cost-aware",
    "least marginal cost (rent at the market's price now + egress) among nodes meeting the "
    "deadline (option stretch = 2 without one)",
    sizeof (GreenState), green_configure, cost_place, NULL, NULL },
  { 0 },
};
