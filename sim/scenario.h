/* scenario.h — a validated scenario, with defaults filled in.
 *
 * A scenario file (GLib key-file syntax, see scenarios/README.md) becomes a
 * CcsScenario: every key checked against the settings tables in
 * scenario.c, every reference (profile, link class, site group, app,
 * policy) resolved, every error reported with file, line and key.  Nothing
 * downstream re-reads the text.
 */
#pragma once

#include <glib.h>
#include <stdio.h>

#include "models/dist.h"
#include "models/hw.h"
#include "models/ini.h"
#include "models/links.h"
#include "models/workloads.h"

G_BEGIN_DECLS

#define CCS_SCENARIO_ERROR (ccs_scenario_error_quark ())
GQuark ccs_scenario_error_quark (void);

typedef enum
{
  CCS_SCENARIO_ERROR_UNKNOWN_GROUP,
  CCS_SCENARIO_ERROR_UNKNOWN_KEY,
  CCS_SCENARIO_ERROR_VALUE,
  CCS_SCENARIO_ERROR_REFERENCE,
  CCS_SCENARIO_ERROR_TOPOLOGY,
  CCS_SCENARIO_ERROR_IO,
} CcsScenarioError;

typedef enum
{
  CCS_TIER_IOT,
  CCS_TIER_ACCESS, /* a gateway/cell site with no servers */
  CCS_TIER_EDGE,
  CCS_TIER_PRIVATE, /* private cloud / on-premises data centre */
  CCS_TIER_CLOUD,   /* public cloud region */
  CCS_TIER_HPC,     /* HPC / GPU cluster */
  CCS_TIER_N
} CcsTier;

const char *ccs_tier_name (CcsTier t);

typedef enum
{
  CCS_TOPO_STAR,
  CCS_TOPO_TREE,
  CCS_TOPO_BA,
  CCS_TOPO_GEOMETRIC,
  CCS_TOPO_WAXMAN,
  CCS_TOPO_EXPLICIT,
} CcsTopoModel;

typedef enum
{
  CCS_ATTACH_NEAREST,
  CCS_ATTACH_RANDOM,
  CCS_ATTACH_EVEN, /* round-robin over the allowed sites */
} CcsAttach;

typedef enum
{
  CCS_QUEUE_FIFO, /* at most `slots` tasks run, the rest wait in order */
  CCS_QUEUE_PS,   /* all tasks share the device (processor sharing) */
} CcsQueueDiscipline;

/* Where a value came from, for error messages. */
typedef struct
{
  const char *file;
  int line;
} CcsLoc;

typedef struct
{
  char *name;
  CcsLoc loc;
  CcsTier tier;
  guint count;
  char *provider;
  char *region;
  char *domain;
  const CcsLinkClass *uplink; /* hop towards the core */
  const CcsLinkClass *lan;    /* servers' links inside the site */
  double distance_m;          /* extra fibre length of the uplink */
  double carbon_g_per_kwh;    /* grid intensity when there is no trace */
  char *carbon_trace_path;
  GArray *carbon_trace;       /* (t_s, g/kWh) pairs, increasing t; NULL = constant */
  double pue;                 /* facility / IT energy */
  double egress_usd_per_byte; /* data leaving this site's provider */
} CcsSiteGroup;

/* Grid carbon intensity (gCO2e/kWh) of a site group at time t. */
double ccs_site_carbon_at (const CcsSiteGroup *sg, double t);

typedef struct
{
  const CcsHwProfile *profile;
  guint count;
} CcsDeviceSpec;

typedef struct
{
  char *name;
  CcsLoc loc;
  guint site_group; /* index into sites */
  guint count;      /* nodes per site of that group */
  GArray *devices;  /* CcsDeviceSpec */
  guint slots;      /* 0: each profile's default */
  CcsQueueDiscipline queue;
  guint queue_limit;    /* waiting tasks per device, 0 = unlimited */
  double amortise_s;    /* purchase price spread over this time; 0 = free */
  guint pstate;         /* DVFS state of devices that have states */
  double sleep_after_s; /* idle time before sleeping; 0 = never */
} CcsNodeGroup;

typedef struct
{
  char *name;
  CcsLoc loc;
  const CcsModel *model; /* NULL: explicit flops/bytes */
  CcsDist flops;         /* per task */
  CcsDist bytes;         /* memory traffic per task */
  CcsKernelClass klass;
  CcsPrecision precision;
  double batch;
  CcsDist input;  /* bytes sent from the device */
  CcsDist output; /* bytes returned */
  double deadline_s;
  gboolean sovereign;
  GStrv allowed_domains; /* besides the owner's; empty = none */
  gboolean training;     /* a task is a training step */
  double memory_bytes;   /* device memory a task needs; 0 = no check */
  /* As a pipeline stage: */
  gint device_class; /* CcsDeviceClass, -1 = any */
  GStrv providers;   /* allowed providers, empty = any */
  GStrv deny_providers;
  char *source_name; /* IoT group its input comes from, "" = the requester */
  CcsLoc source_loc;
  gint source_group; /* resolved, -1 = the requester */
  char *site_name;   /* site group it must run at, "" = any */
  CcsLoc site_loc;
  gint site_group; /* resolved, -1 = any */
} CcsApp;

typedef enum
{
  CCS_SCHED_HEFT,
  CCS_SCHED_HEFT_BUDGET,
  CCS_SCHED_HEFT_ENERGY,
  CCS_SCHED_HEFT_SOVEREIGN,
} CcsDagScheduler;

typedef struct
{
  char *name;
  CcsLoc loc;
  GArray *stages; /* guint app indices */
  GArray *edges;  /* guint pairs (from, to) of positions in stages */
  CcsDagScheduler scheduler;
  double budget_usd;
  double deadline_s;
} CcsPipeline;

typedef struct
{
  char *name;
  CcsLoc loc;
  guint count;
  const CcsHwProfile *profile;
  const CcsLinkClass *link;
  CcsAttach attach;
  char *region;      /* "" = any */
  CcsLoc region_loc; /* of `region`, or of `site`, or of the group */
  gint site_group;   /* -1 = any edge/access site */
  guint app;         /* index into apps */
  gint pipeline;     /* index into pipelines when `app` names one, else -1 */
  CcsArrivalSpec arrival;
  gboolean burst_group; /* mmpp: the whole group switches on and off together */
  char *trace_path;
  GPtrArray *traces; /* per device GArray of double (trace arrivals) */
  char *domain;
} CcsIotGroup;

typedef struct
{
  char *name;  /* the group: [Link NAME] */
  char *a, *b; /* site names or "core" */
  const CcsLinkClass *klass;
  double distance_m;
  CcsLoc loc_a, loc_b;
} CcsExplicitLink;

typedef struct
{
  CcsTopoModel model;
  CcsLoc loc;
  guint ba_m;
  guint tree_children;
  double radius; /* geometric: connection radius as fraction of area side */
  double area_m; /* side of the square the sites lie in */
  double waxman_alpha, waxman_beta;
  const CcsLinkClass *site_link;
  GArray *links; /* CcsExplicitLink, model = explicit */
} CcsTopologySpec;

typedef struct
{
  char *path;
  char *dir;
  char *name;
  char *config; /* "" when none */
  guint64 seed;
  double duration_s;
  double warmup_s;
  double task_sample;       /* fraction of tasks recorded one by one */
  double sample_interval_s; /* of the tier time series, > 0 */
  char *policy;
  CcsLoc policy_loc;
  CcsIniGroup *policy_group; /* [Placement] keys for the policy */
  char *market;              /* market mechanism */
  CcsLoc market_loc;
  CcsIniGroup *market_group; /* [Market] keys for the mechanism */
  CcsTopologySpec topo;
  GPtrArray *profiles;  /* CcsHwProfile*, owned */
  GPtrArray *sites;     /* CcsSiteGroup* */
  GPtrArray *nodes;     /* CcsNodeGroup* */
  GPtrArray *iot;       /* CcsIotGroup* */
  GPtrArray *apps;      /* CcsApp* */
  GPtrArray *pipelines; /* CcsPipeline* */
  char *resolved;       /* canonical text after includes and overrides */
  char *sha256;         /* of resolved */
  CcsIni *ini;
} CcsScenario;

/* Directories searched for profiles by name (NULL-terminated).  Set from
 * $CCSIM_PROFILES, the source tree and the install location. */
const char *const *ccs_scenario_profile_dirs (void);

/* @sets: NULL-terminated "GROUP.KEY=VALUE" overrides, applied last. */
CcsScenario *ccs_scenario_load (const char *path, const char *config, const char *const *sets,
                                GError **error);
void ccs_scenario_free (CcsScenario *s);
G_DEFINE_AUTOPTR_CLEANUP_FUNC (CcsScenario, ccs_scenario_free)

/* Write the reference of every group and key (Markdown). */
void ccs_scenario_write_reference (FILE *out);

G_END_DECLS
