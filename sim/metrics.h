/* metrics.h — what one run measured.
 *
 * Plain data filled by the engine and written by results.c; no SimGrid.
 * Per-task records are kept compactly (about 48 bytes each) and only for
 * the sampled fraction of tasks.
 */
#pragma once

#include <glib.h>

G_BEGIN_DECLS

typedef enum
{
  CCS_TASK_COMPLETED,
  CCS_TASK_REJECTED,
  CCS_TASK_FAILED,
  CCS_TASK_IN_FLIGHT,
} CcsTaskState;

const char *ccs_task_state_name (CcsTaskState s);

typedef struct
{
  guint64 id;
  guint32 source, node;
  guint32 app;
  guint32 reason; /* index into CcsResults.reasons, 0 = none */
  guint8 state;
  guint8 deadline_miss;
  double created_s, finished_s;
  double input_bytes, output_bytes;
} CcsTaskRecord;

/* One clearing of the market for one seller. */
typedef struct
{
  double t_s;
  guint32 seller;
  double multiplier;         /* of the list price, in force until t_s */
  double price_usd_per_hour; /* mean over the seller's devices */
  double busy_devices;       /* on average over the interval */
  double revenue_usd;        /* in the interval */
} CcsMarketPoint;

/* One job of a pipeline (DAG) and one stage of it. */
typedef struct
{
  guint64 id;
  guint32 pipeline, requester;
  guint32 reason;
  guint8 state; /* CcsTaskState */
  double created_s, finished_s;
  double planned_s;  /* the scheduler's makespan */
  double critical_s; /* length of the planned critical path */
  char *critical;    /* its stages, "a>b>c" */
} CcsJobRecord;

typedef struct
{
  guint64 job;
  guint32 app, node;
  double start_s, finish_s; /* NAN when it did not run */
} CcsStageRecord;

typedef struct
{
  guint64 tasks;     /* completed in the window */
  double busy_s;     /* device-seconds of full use */
  double energy_j;   /* compute energy in the window (+ radio for IoT) */
  double cost_usd;   /* rent, amortisation and egress */
  double egress_usd; /* of which data leaving the provider */
  double carbon_g;
  double mean_in_system; /* time-average tasks at the node */
  double mean_sojourn_s; /* arrival at node → end of execution */
} CcsNodeStats;

typedef struct
{
  char *name;
  double value;
} CcsMetric;

/* One sample of a tier over time: the monitor's view every
 * Run.sample_interval (utilisation and power are averages over the
 * interval that ends at t_s). */
typedef struct
{
  double t_s;
  guint32 tier; /* CcsTier */
  double utilisation;
  double power_w;
  double in_system; /* tasks queued or running on the tier at t_s */
} CcsSeriesPoint;

typedef struct
{
  GArray *metrics;    /* CcsMetric, in a fixed order */
  GArray *nodes;      /* CcsNodeStats per world node */
  GArray *tasks;      /* CcsTaskRecord (sampled) */
  GPtrArray *reasons; /* char*, [0] = "" */
  GArray *latencies;  /* double, completed tasks in the window */
  GArray *series;     /* CcsSeriesPoint, by time then tier */
  GArray *jobs;       /* CcsJobRecord */
  GArray *market;     /* CcsMarketPoint */
  GPtrArray *sellers; /* char*, provider of each seller */
  GArray *stages;     /* CcsStageRecord */
  double sim_s;
  double wall_s;
  guint64 events;
  guint64 fingerprint; /* FNV-1a over the task event trace */
} CcsResults;

void ccs_results_init (CcsResults *r);
void ccs_results_clear (CcsResults *r);
void ccs_results_set (CcsResults *r, const char *name, double value);
/* NAN when absent. */
double ccs_results_get (const CcsResults *r, const char *name);
guint32 ccs_results_reason (CcsResults *r, const char *reason);

/* Percentile (0..100) of a sorted array, linear interpolation between
 * closest ranks (Hyndman & Fan 1996, definition 7). */
double ccs_percentile_sorted (const double *v, gsize n, double p);

G_END_DECLS
