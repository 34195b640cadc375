/* topology.h — sites, the links between them, routes and IoT attachment.
 *
 * Built from the scenario with igraph (star, k-ary tree, Barabási–Albert,
 * random geometric, Waxman, or an explicit link list).  Vertex 0 is the
 * core; every site is a vertex; the links carry the latency, bandwidth and
 * energy of their class plus fibre propagation over the distance between
 * their ends (4.9 us/km, hardware.md §3 [68]).  Routes are latency-shortest
 * paths; they are computed here once and written into the SimGrid platform
 * as explicit routes, so the engine's estimates and SimGrid's flows take
 * the same paths.
 */
#pragma once

#include "sim/scenario.h"

G_BEGIN_DECLS

/* Routes are stored for every pair of sites (and written into the
 * platform), so the number of sites is bounded. */
#define CCS_TOPOLOGY_MAX_SITES 2000

/* Fibre propagation delay: 4.9 us per km (hardware.md §3, [68]). */
#define CCS_FIBRE_S_PER_M 4.9e-9

typedef struct
{
  char *name;
  guint group; /* index into scenario sites */
  CcsTier tier;
  double x_m, y_m;
} CcsSite;

typedef struct
{
  guint a, b; /* vertices: 0 = core, site i = i + 1 */
  const CcsLinkClass *klass;
  double latency_s;
  double bandwidth_bps;
  double j_per_bit;
} CcsTopoLink;

typedef struct
{
  double latency_s;     /* sum over hops */
  double bandwidth_bps; /* bottleneck */
  double j_per_bit;     /* sum over hops */
  guint32 first, n;     /* slice of CcsTopology.route_links */
} CcsRoute;

typedef struct
{
  GPtrArray *sites;    /* CcsSite* */
  GArray *links;       /* CcsTopoLink */
  CcsRoute *routes;    /* n_sites × n_sites, [a*n + b] */
  GArray *route_links; /* guint32 link indices */
  guint32 *iot_site;   /* per IoT device (global index) */
  guint n_iot;
} CcsTopology;

CcsTopology *ccs_topology_build (const CcsScenario *s, GError **error);
void ccs_topology_free (CcsTopology *t);
G_DEFINE_AUTOPTR_CLEANUP_FUNC (CcsTopology, ccs_topology_free)

static inline const CcsRoute *
ccs_topology_route (const CcsTopology *t, guint a, guint b)
{
  return &t->routes[(gsize) a * t->sites->len + b];
}

G_END_DECLS
