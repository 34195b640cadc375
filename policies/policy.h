/* policy.h — the placement plug-in interface and its registry.
 *
 * A placement policy is a table of function pointers with a name and an
 * ABI number (the pattern of Linux/SQLite plug-ins).  The registry accepts
 * a table only with the right ABI, a name, a `place` operation and a name
 * not taken yet.  New operations are appended to the struct, never
 * inserted.  Built-ins are registered from one explicit list (builtin.c).
 *
 * Policies see the simulation only through CcsView (read-only accessors
 * implemented by the engine), so they are plain C with no SimGrid.
 */
#pragma once

#include <glib.h>
#include <gsl/gsl_rng.h>

#include "models/hw.h"
#include "models/ini.h"

G_BEGIN_DECLS

#define CCS_POLICY_ABI 2
#define CCS_POLICY_ERROR (ccs_policy_error_quark ())
GQuark ccs_policy_error_quark (void);

typedef enum
{
  CCS_POLICY_ERROR_REGISTRY,
  CCS_POLICY_ERROR_CONFIG,
  CCS_POLICY_ERROR_REJECT, /* place(): the task is rejected, message = reason */
} CcsPolicyError;

typedef gint32 CcsNodeId;
#define CCS_NODE_NONE ((CcsNodeId) -1)

/* A task as policies see it. */
typedef struct
{
  guint64 id;
  CcsNodeId source; /* the IoT device (a node of tier iot) */
  guint app;
  double created_s;
  double input_bytes, output_bytes;
  double flops, bytes; /* work and memory traffic */
  CcsKernelClass klass;
  CcsPrecision precision;
  double deadline_s; /* absolute; 0 = none */
  gboolean sovereign;
  const char *domain;  /* owner's domain */
  double memory_bytes; /* device memory it needs (0 = no check) */
} CcsTask;

/* An estimate of where the time of a task would go on a node. */
typedef struct
{
  double transfer_s; /* input: latency + bytes / bottleneck bandwidth */
  double wait_s;     /* queueing before a slot frees, from current backlog */
  double compute_s;  /* roofline time on the best device of the node */
  double return_s;   /* output back to the source */
  double total_s;    /* sum; INFINITY when the node cannot run the task */
  double energy_j;   /* marginal: device power above idle × compute time, plus network */
  double carbon_g;   /* that energy × PUE (device) × the sites' grid intensity now */
  double cost_usd;   /* rent at the market's price now for its share + egress of the output */
} CcsEstimate;

typedef struct _CcsView CcsView;

/* Static facts. */
guint ccs_view_n_nodes (const CcsView *v);
/* Nodes a policy may pick besides the source: all non-IoT nodes. */
const CcsNodeId *ccs_view_candidates (const CcsView *v, guint *n_out);
int ccs_view_node_tier (const CcsView *v, CcsNodeId n); /* CcsTier */
guint ccs_view_node_site (const CcsView *v, CcsNodeId n);
const char *ccs_view_node_name (const CcsView *v, CcsNodeId n);
const char *ccs_view_node_domain (const CcsView *v, CcsNodeId n);
const char *ccs_view_node_provider (const CcsView *v, CcsNodeId n);
guint ccs_view_node_slots (const CcsView *v, CcsNodeId n); /* all devices */
guint ccs_view_n_sites (const CcsView *v);
int ccs_view_site_tier (const CcsView *v, guint site); /* CcsTier */
/* Non-IoT nodes standing at @site. */
const CcsNodeId *ccs_view_site_nodes (const CcsView *v, guint site, guint *n_out);
/* The candidates in order of one-way network latency from @site (then
 * node id), for searches that stop early. */
const CcsNodeId *ccs_view_candidates_by_latency (const CcsView *v, guint site, guint *n_out);
/* A lower bound of the task's estimated total on node @n: the round-trip
 * network latency alone (no transfer, queue or compute time). */
double ccs_view_latency_bound (const CcsView *v, const CcsTask *t, CcsNodeId n);
/* Whether the task's data may be processed on node @n: always unless the
 * task is sovereign, then only in its owner's domain or an allowed one. */
gboolean ccs_view_allowed (const CcsView *v, const CcsTask *t, CcsNodeId n);
/* Rent of device @device (0-based within the node) now, USD per hour:
 * its list price times its provider's market multiplier; 0 when owned. */
double ccs_view_node_price (const CcsView *v, CcsNodeId n, guint device);
/* Grid carbon intensity at a site now (gCO2e/kWh) and its PUE. */
double ccs_view_site_carbon (const CcsView *v, guint site);
double ccs_view_site_pue (const CcsView *v, guint site);
/* Whether some device of the node supports the task's precision. */
gboolean ccs_view_can_run (const CcsView *v, const CcsTask *t, CcsNodeId n);
/* The edge/access site an IoT device is attached to. */
guint ccs_view_home_site (const CcsView *v, CcsNodeId iot);
/* Network latency between two sites (one way, seconds). */
double ccs_view_site_latency (const CcsView *v, guint a, guint b);
/* Dynamic state. */
guint ccs_view_node_in_system (const CcsView *v, CcsNodeId n); /* queued+running+arriving */
double ccs_view_now (const CcsView *v);
gboolean ccs_view_estimate (const CcsView *v, const CcsTask *t, CcsNodeId n, CcsEstimate *out);
/* The placement random stream (its own generator, derived from the seed). */
gsl_rng *ccs_view_rng (const CcsView *v);

typedef struct
{
  guint abi;           /* CCS_POLICY_ABI */
  const char *name;    /* used in scenario files */
  const char *summary; /* one line for `ccsim list policies` */
  gsize state_size;
  /* Optional: read options from [Placement] (other than `policy`); every
   * key the policy knows must be marked used, the rest are reported. */
  gboolean (*configure) (gpointer state, CcsIniGroup *group, const CcsView *view, GError **error);
  /* Required: pick a node for @task, or fail with CCS_POLICY_ERROR_REJECT
   * and the reason as message. */
  gboolean (*place) (gpointer state, const CcsView *view, const CcsTask *task, CcsNodeId *out,
                     GError **error);
  /* Optional: a task finished on a node (for learning policies). */
  void (*on_complete) (gpointer state, const CcsView *view, const CcsTask *task, CcsNodeId node,
                       double latency_s);
  void (*finalize) (gpointer state);
} CcsPlacementOps;

gboolean ccs_policy_register (const CcsPlacementOps *ops, GError **error);
const CcsPlacementOps *ccs_policy_lookup (const char *name);
/* Registered policies in registration order. */
const CcsPlacementOps *const *ccs_policy_list (guint *n_out);
/* "a, b, c" for messages. */
char *ccs_policy_names (void);
/* Registration without the built-ins (used while registering them). */
gboolean ccs_policy_register_internal (const CcsPlacementOps *ops, GError **error);
/* Register the built-ins once (idempotent). */
void ccs_policy_register_builtins (void);

/* Helpers for configure(): read an optional [Placement] key (marking it
 * used) into *OUT, which keeps its value when the key is absent; a bad
 * value is a CCS_POLICY_ERROR_CONFIG naming file, line and key. */
gboolean ccs_policy_option_bool (CcsIniGroup *g, const char *key, gboolean *out, GError **error);
gboolean ccs_policy_option_double (CcsIniGroup *g, const char *key, double min, double *out,
                                   GError **error);

/* Helpers for place(): the device itself (t->source) instead of BEST
 * when its estimate is smaller (or BEST is CCS_NODE_NONE); a rejection
 * (FALSE with CCS_POLICY_ERROR_REJECT and the reason as message). */
CcsNodeId ccs_policy_prefer_local (const CcsView *v, const CcsTask *t, CcsNodeId best);
gboolean ccs_policy_reject (GError **error, const char *fmt, ...) G_GNUC_PRINTF (2, 3);

/* Helper for policies: the candidate with the smallest estimated total
 * among those passing @filter (NULL = all); CCS_NODE_NONE if none. */
CcsNodeId ccs_policy_best_by_estimate (const CcsView *v, const CcsTask *t,
                                       gboolean (*filter) (const CcsView *, const CcsTask *,
                                                           CcsNodeId));

G_END_DECLS
