/* dag.h — list scheduling of application DAGs on heterogeneous processors.
 *
 * The engine describes a pipeline (stages with per-processor compute times,
 * data edges with sizes) and the processors (links between them, prices,
 * power) as plain arrays; this module places every stage and plans start
 * and finish times with HEFT (Topcuoglu, Hariri and Wu, IEEE TPDS 13(3),
 * 2002) or one of its budget- and energy-aware variants.  Pure model: no
 * SimGrid, no scenario parsing.  Formulas and their sources are in dag.c.
 */
#pragma once

#include <glib.h>

G_BEGIN_DECLS

#define CCS_DAG_ERROR (ccs_dag_error_quark ())
GQuark ccs_dag_error_quark (void);

typedef enum
{
  CCS_DAG_ERROR_INVALID,      /* edge to a missing task, negative or NaN cost */
  CCS_DAG_ERROR_CYCLE,        /* the graph is not acyclic */
  CCS_DAG_ERROR_UNPLACEABLE,  /* a task has no allowed (or reachable) processor */
  CCS_DAG_ERROR_BAD_SCHEDULE, /* ccs_dag_schedule_check() found a violation */
} CcsDagError;

typedef struct
{
  guint from;        /* producing task */
  guint to;          /* consuming task */
  double data_bytes; /* sent from @from to @to once @from has finished */
} CcsDagEdge;

/* A scheduling problem: n tasks on p processors.  Matrices are row-major;
 * every pointer is borrowed.  Optional ones may be NULL (meaning zero, or
 * infinite bandwidth). */
typedef struct
{
  guint n_tasks;
  guint n_procs;
  const double *comp_s;     /* [i*p + j]: time of task i on processor j; INFINITY = forbidden */
  const char *const *names; /* optional task names for messages, else "task N" */
  guint n_edges;
  const CcsDagEdge *edges;
  const double *latency_s;             /* [j*p + k], optional; unused when j == k */
  const double *bandwidth_bytes_per_s; /* [j*p + k], optional; <= 0 = no link */
  const double *price_per_s;           /* [j] $ per busy second, optional */
  const double *egress_per_byte;       /* [j*p + k] $ per byte from j to k, optional */
  const double *power_w;               /* [j] busy power, optional */
  const double *idle_w;                /* [j] idle power, optional */
  const double *transfer_j_per_byte;   /* [j*p + k] energy of moving a byte, optional */
} CcsDagProblem;

typedef enum
{
  CCS_DAG_MAKESPAN, /* plain HEFT: minimum earliest finish time */
  CCS_DAG_BUDGET,   /* minimum EFT among choices that keep the projected cost in budget */
  CCS_DAG_ENERGY,   /* minimum added energy among choices with EFT <= slack * best EFT */
} CcsDagObjective;

typedef struct
{
  CcsDagObjective objective;
  double budget; /* $, for CCS_DAG_BUDGET */
  double slack;  /* >= 1, for CCS_DAG_ENERGY */
} CcsDagOptions;

typedef struct
{
  guint n_tasks;
  guint *proc;          /* [i] processor of task i */
  double *start_s;      /* [i] */
  double *finish_s;     /* [i] */
  double *rank_u;       /* [i] upward rank */
  guint *order;         /* the n tasks in the order they were placed */
  double makespan_s;    /* latest finish time (0 for no tasks) */
  double cost;          /* $: compute price * busy time + egress */
  double energy_j;      /* busy + idle over [0, makespan] + transfers */
  gboolean over_budget; /* CCS_DAG_BUDGET: some task had no affordable choice */
  /* The chain that sets the makespan, first task to last: the last task to
   * finish and, backwards, whichever data arrival or earlier task on the
   * same processor held back each start. */
  guint *critical;
  guint n_critical;
  double critical_s; /* finish of the last minus start of the first */
  /* The critical path by mean costs (CPOP): length = the largest upward
   * rank, and its tasks from an entry task to an exit task. */
  guint *mean_critical;
  guint n_mean_critical;
  double mean_critical_s;
} CcsDagSchedule;

/* Upward ranks of every task into @rank_u (n_tasks entries).  Checks the
 * problem (edges, costs, cycles, allowed processors).  Time: O(n p + e + p²). */
gboolean ccs_dag_rank_upward (const CcsDagProblem *problem, double *rank_u, GError **error);

/* Place every task; @options NULL means plain HEFT.  NULL with @error set
 * when the problem is invalid or a task cannot be placed.
 * Time: O(n² p + e p) with insertion. */
CcsDagSchedule *ccs_dag_schedule (const CcsDagProblem *problem, const CcsDagOptions *options,
                                  GError **error);

/* Check @schedule against @problem: allowed processors, duration equal to
 * the compute time, every task after each predecessor's finish plus the
 * transfer time, no overlap on a processor.  FALSE with
 * CCS_DAG_ERROR_BAD_SCHEDULE naming the task on the first violation. */
gboolean ccs_dag_schedule_check (const CcsDagProblem *problem, const CcsDagSchedule *schedule,
                                 GError **error);

void ccs_dag_schedule_free (CcsDagSchedule *schedule);
G_DEFINE_AUTOPTR_CLEANUP_FUNC (CcsDagSchedule, ccs_dag_schedule_free)

G_END_DECLS
