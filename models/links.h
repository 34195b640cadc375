/* links.h — network link classes (radio, wired, WAN, HPC fabrics).
 *
 * Each class gives the figures a hop of that kind has in the simulated
 * network: bandwidth, one-way latency and energy per transported bit.
 * Scenario files refer to classes by name.  Figures and their sources live
 * in links.c.
 */
#pragma once

#include <glib.h>

G_BEGIN_DECLS

typedef struct
{
  const char *name;        /* as used in scenario files, e.g. "wifi5" */
  const char *summary;     /* one line for `ccsim list links` */
  double bandwidth_bps;    /* bit/s usable by one link */
  double latency_s;        /* one-way latency of the hop */
  double energy_j_per_bit; /* energy to move one bit over this hop */
  gboolean wireless;       /* radio access: energy charged to the IoT device */
  const char *source;      /* where the figures come from */
} CcsLinkClass;

/* All classes, in a stable order; *n_out receives the count. */
const CcsLinkClass *ccs_link_classes (gsize *n_out);
/* NULL when there is no class of that name. */
const CcsLinkClass *ccs_link_class_lookup (const char *name);

G_END_DECLS
