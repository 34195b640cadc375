/* market.h — market mechanisms: how the cloud providers' prices move.
 *
 * Every provider that rents devices (sites of tier cloud) sells device
 * time.  At each clearing (every Run.sample_interval) the mechanism sees,
 * per provider, the devices for sale, how many were busy on average over
 * the last interval and the price in force, and sets the price of the
 * next interval as a multiple of the list price (the profiles'
 * price_hour).  Tasks pay the price in force while they run; policies see
 * it through ccs_view_node_price.  The pattern of the placement plug-ins:
 * a table of functions registered by name, with an ABI number.
 */
#pragma once

#include <glib.h>

#include "models/ini.h"

G_BEGIN_DECLS

#define CCS_MARKET_ABI 1

typedef struct
{
  const char *provider;
  double devices;    /* for sale */
  double busy;       /* devices busy on average over the last interval */
  double multiplier; /* in: in force during it; out: for the next one */
} CcsMarketSeller;

typedef struct
{
  guint abi;
  const char *name;
  const char *summary;
  gsize state_size;
  /* Optional: options from [Market] (other than `mechanism`); mark the
   * keys used. */
  gboolean (*configure) (gpointer state, CcsIniGroup *group, GError **error);
  /* Required: set every seller's multiplier for the next interval. */
  void (*clear) (gpointer state, double now_s, double interval_s, CcsMarketSeller *sellers,
                 guint n);
  void (*finalize) (gpointer state);
} CcsMarketOps;

const CcsMarketOps *ccs_market_lookup (const char *name);
const CcsMarketOps *const *ccs_market_list (guint *n_out);
char *ccs_market_names (void); /* "a, b, c" */

G_END_DECLS
