/* world.h — the scenario expanded into concrete nodes and devices.
 *
 * Scenario groups say "40 edge sites with 2 Jetsons each"; the world lists
 * every node and device with its SimGrid host name, site, slots and queue
 * discipline.  Node ids: IoT devices first (node id = global IoT index),
 * then servers.  The platform writer and the engine both read this one
 * layout, so they cannot disagree about names.
 */
#pragma once

#include "sim/scenario.h"
#include "sim/topology.h"

G_BEGIN_DECLS

typedef struct
{
  char *host; /* SimGrid host name */
  guint node;
  const CcsHwProfile *profile;
  guint slots; /* concurrent tasks (FIFO); 1 for processor sharing */
  gboolean ps;
  guint queue_limit;    /* waiting tasks at most, 0 = unlimited (FIFO only) */
  guint pstate;         /* DVFS state (0 = nominal) */
  double sleep_after_s; /* > 0: sleeps when idle that long (SimGrid pstate sleep_pstate) */
  guint sleep_pstate;
} CcsWorldDevice;

typedef struct
{
  char *name;
  CcsTier tier;
  guint site;
  guint group; /* IoT group or node group index */
  guint first_dev, n_dev;
  const char *domain;
  const char *provider;
  const CcsLinkClass *link; /* the node's own link (access or LAN) */
  guint8 precisions;        /* bit p: some device runs precision p */
} CcsWorldNode;

typedef struct
{
  const CcsScenario *scenario;
  CcsTopology *topo;
  GArray *nodes;           /* CcsWorldNode */
  GArray *devices;         /* CcsWorldDevice */
  guint n_iot;             /* nodes [0, n_iot) are IoT devices */
  GPtrArray *site_servers; /* per site: GArray of guint32 server node ids */
  GPtrArray *site_devices; /* per site: GArray of guint32 device ids */
} CcsWorld;

CcsWorld *ccs_world_build (const CcsScenario *s, GError **error);
void ccs_world_free (CcsWorld *w);
G_DEFINE_AUTOPTR_CLEANUP_FUNC (CcsWorld, ccs_world_free)

#define CCS_WORLD_NODE(w, i) (&g_array_index ((w)->nodes, CcsWorldNode, (i)))
#define CCS_WORLD_DEVICE(w, i) (&g_array_index ((w)->devices, CcsWorldDevice, (i)))

/* Write the SimGrid platform (XML, DTD version 4.1) of @w. */
gboolean ccs_platform_write (const CcsWorld *w, FILE *out, GError **error);

G_END_DECLS
