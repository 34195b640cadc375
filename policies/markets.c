/* markets.c — the built-in market mechanisms (market.h).
 *
 * posted: list prices, always (what clouds charge on demand).
 * surge: demand pricing: the list price times 1 + alpha · the share of
 *   utilisation above a target, (u − target) / (1 − target), so a fully
 *   busy provider charges 1 + alpha times list; the rule of surge pricing
 *   (e.g. Castillo, Knoepfle & Weyl, "Surge pricing solves the wild goose
 *   chase", EC 2017), applied per clearing interval.
 * spot: a spot market's tâtonnement: the price moves by gain · (u −
 *   target) each interval, between a floor and the list price, so idle
 *   capacity sells at a discount and a busy provider returns to list, as
 *   EC2 spot prices follow supply and demand (Agmon Ben-Yehuda et al.,
 *   "Deconstructing Amazon EC2 spot instance pricing", ACM TEAC 1(3),
 *   2013); defaults: target 0.7, gain 0.5, floor 0.3 (spot discounts of up
 *   to 70 %).
 */
#include <math.h>
#include <string.h>

#include "policies/market.h"
#include "policies/policy.h"

static gboolean
out_of_range (CcsIniGroup *g, const char *key, const char *why, GError **error)
{
  CcsIniEntry *e = ccs_ini_entry (g, key);
  g_set_error (error, CCS_POLICY_ERROR, CCS_POLICY_ERROR_CONFIG, "%s:%d: [Market] %s: '%s' %s",
               e->file, e->line, key, e->value, why);
  return FALSE;
}

/* ---- posted ---- */
static void
posted_clear (gpointer state, double now, double dt, CcsMarketSeller *s, guint n)
{
  (void) state, (void) now, (void) dt;
  for (guint i = 0; i < n; i++)
    s[i].multiplier = 1;
}

/* ---- surge ---- */
typedef struct
{
  double alpha, target;
} SurgeState;

static gboolean
surge_configure (gpointer state, CcsIniGroup *g, GError **error)
{
  SurgeState *st = state;
  st->alpha = 2;
  st->target = 0.5;
  if (!ccs_policy_option_double (g, "alpha", 0, &st->alpha, error)
      || !ccs_policy_option_double (g, "target", 0, &st->target, error))
    return FALSE;
  if (st->target >= 1)
    return out_of_range (g, "target", "must be below 1", error);
  return TRUE;
}

static void
surge_clear (gpointer state, double now, double dt, CcsMarketSeller *s, guint n)
{
  (void) now, (void) dt;
  const SurgeState *st = state;
  for (guint i = 0; i < n; i++)
    {
      double u = s[i].devices > 0 ? s[i].busy / s[i].devices : 0;
      s[i].multiplier = 1 + st->alpha * MAX (0.0, u - st->target) / (1 - st->target);
    }
}

/* ---- spot ---- */
typedef struct
{
  double target, gain, floor;
} SpotState;

static gboolean
spot_configure (gpointer state, CcsIniGroup *g, GError **error)
{
  SpotState *st = state;
  st->target = 0.7;
  st->gain = 0.5;
  st->floor = 0.3;
  if (!ccs_policy_option_double (g, "target", 0, &st->target, error)
      || !ccs_policy_option_double (g, "gain", 0, &st->gain, error)
      || !ccs_policy_option_double (g, "floor", 0, &st->floor, error))
    return FALSE;
  if (st->floor > 1)
    return out_of_range (g, "floor", "must not exceed the list price (1)", error);
  /* A zero price would stay zero: the update multiplies. */
  if (st->floor <= 0)
    return out_of_range (g, "floor", "must be above 0", error);
  return TRUE;
}

static void
spot_clear (gpointer state, double now, double dt, CcsMarketSeller *s, guint n)
{
  (void) now, (void) dt;
  const SpotState *st = state;
  for (guint i = 0; i < n; i++)
    {
      double u = s[i].devices > 0 ? s[i].busy / s[i].devices : 0;
      double m = s[i].multiplier * (1 + st->gain * (u - st->target));
      s[i].multiplier = CLAMP (m, st->floor, 1.0);
    }
}

static const CcsMarketOps markets[] = {
  { CCS_MARKET_ABI, "posted", "list prices (profiles' price_hour), always", 0, NULL, posted_clear,
    NULL },
  { CCS_MARKET_ABI, "surge",
    "list × (1 + alpha · (u − target) / (1 − target)) above the target utilisation (options "
    "alpha = 2, target = 0.5)",
    sizeof (SurgeState), surge_configure, surge_clear, NULL },
  { CCS_MARKET_ABI, "spot",
    "price moves by gain · (u − target) each interval between floor and list (options target = "
    "0.7, gain = 0.5, floor = 0.3)",
    sizeof (SpotState), spot_configure, spot_clear, NULL },
};

const CcsMarketOps *
ccs_market_lookup (const char *name)
{
  for (gsize i = 0; i < G_N_ELEMENTS (markets); i++)
    if (strcmp (markets[i].name, name) == 0)
      return &markets[i];
  return NULL;
}

const CcsMarketOps *const *
ccs_market_list (guint *n_out)
{
  static const CcsMarketOps *list[G_N_ELEMENTS (markets)];
  for (gsize i = 0; i < G_N_ELEMENTS (markets); i++)
    list[i] = &markets[i];
  *n_out = G_N_ELEMENTS (markets);
  return list;
}

char *
ccs_market_names (void)
{
  GString *s = g_string_new (NULL);
  for (gsize i = 0; i < G_N_ELEMENTS (markets); i++)
    g_string_append_printf (s, "%s%s", i ? ", " : "", markets[i].name);
  return g_string_free (s, FALSE);
}
