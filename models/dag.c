/* dag.c — HEFT list scheduling and its budget- and energy-aware variants
 * (dag.h).
 *
 * Reference: H. Topcuoglu, S. Hariri, M.-Y. Wu, "Performance-effective and
 * low-complexity task scheduling for heterogeneous computing", IEEE TPDS
 * 13(3):260-274, 2002 (HEFT, upward rank, insertion policy, CPOP's |CP|).
 *
 * Communication: an edge of d bytes between tasks on processors j != k
 * takes latency[j,k] + d / bandwidth[j,k] seconds, 0 on the same processor.
 * For ranking, as in the paper (c̄ = L̄ + d / B̄), L̄ and B̄ are the
 * arithmetic means of latency and bandwidth over the ordered pairs j != k
 * that have a link (bandwidth > 0, finite latency); c̄ = 0 with one
 * processor.  w̄ is the mean compute time over the processors the task may
 * run on (finite entries).  The paper's example gives edge costs directly:
 * it is this model with latency 0, bandwidth 1 B/s and data = cost.
 *
 * Order: the paper sorts by decreasing rank_u, which is a topological order
 * when costs are positive.  Here each step takes, among the tasks whose
 * predecessors are all placed, the one of highest rank (ranks within a
 * relative 1e-9 are equal, then the lower index wins): the same order for
 * positive costs, and still valid with zero-cost tasks and edges.
 *
 * Cost ($): price[j] per busy second (idle time is not billed) plus
 * egress[j,k] per byte for every edge between distinct processors.
 * Energy (J): power_w[j] while busy, idle_w[j] otherwise over [0, makespan]
 * on every processor (give 0 for resources that are off when unused), plus
 * transfer_j_per_byte[j,k] per byte moved.  So
 * E = sum_j (power_w - idle_w)[j] busy_j + makespan sum_j idle_w[j] + transfers.
 */
#include "models/dag.h"

#include <math.h>
#include <stdlib.h>

G_DEFINE_QUARK (ccs - dag - error - quark, ccs_dag_error)

#define OPT(arr, i) ((arr) ? (arr)[i] : 0.0)

/* Adjacency as edge indices (CSR) and a topological order. */
typedef struct
{
  guint *succ_off, *succ, *pred_off, *pred, *topo;
} DagGraph;

static void
graph_clear (DagGraph *g)
{
  g_free (g->succ_off);
  g_free (g->succ);
  g_free (g->pred_off);
  g_free (g->pred);
  g_free (g->topo);
}
G_DEFINE_AUTO_CLEANUP_CLEAR_FUNC (DagGraph, graph_clear)

static char *
task_name (const CcsDagProblem *pb, guint i)
{
  if (pb->names && pb->names[i])
    return g_strdup_printf ("task '%s'", pb->names[i]);
  return g_strdup_printf ("task %u", i);
}

static double
comm_s (const CcsDagProblem *pb, double bytes, guint j, guint k)
{
  if (j == k)
    return 0.0;
  guint p = pb->n_procs;
  double lat = OPT (pb->latency_s, j * p + k);
  if (!pb->bandwidth_bytes_per_s)
    return lat;
  double bw = pb->bandwidth_bytes_per_s[j * p + k];
  return bw > 0 ? lat + bytes / bw : INFINITY;
}

/* Check costs and edges, build the adjacency and a topological order (Kahn).
 * Time: O(n p + e). */
static gboolean
graph_build (const CcsDagProblem *pb, DagGraph *g, GError **error)
{
  guint n = pb->n_tasks, p = pb->n_procs;

  if (n > 0 && p == 0)
    {
      g_set_error (error, CCS_DAG_ERROR, CCS_DAG_ERROR_INVALID, "no processors for %u tasks", n);
      return FALSE;
    }
  for (guint i = 0; i < n * p; i++)
    if (isnan (pb->comp_s[i]) || pb->comp_s[i] < 0)
      {
        g_autofree char *name = task_name (pb, i / p);
        g_set_error (error, CCS_DAG_ERROR, CCS_DAG_ERROR_INVALID,
                     "%s: compute time on processor %u is %g", name, i % p, pb->comp_s[i]);
        return FALSE;
      }
  g->succ_off = g_new0 (guint, n + 1);
  g->pred_off = g_new0 (guint, n + 1);
  for (guint e = 0; e < pb->n_edges; e++)
    {
      const CcsDagEdge *ed = &pb->edges[e];
      if (ed->from >= n || ed->to >= n)
        {
          g_set_error (error, CCS_DAG_ERROR, CCS_DAG_ERROR_INVALID,
                       "edge %u (%u -> %u) refers to a missing task (%u tasks)", e, ed->from,
                       ed->to, n);
          return FALSE;
        }
      if (isnan (ed->data_bytes) || ed->data_bytes < 0)
        {
          g_set_error (error, CCS_DAG_ERROR, CCS_DAG_ERROR_INVALID,
                       "edge %u (%u -> %u) carries %g bytes", e, ed->from, ed->to, ed->data_bytes);
          return FALSE;
        }
      g->succ_off[ed->from + 1]++;
      g->pred_off[ed->to + 1]++;
    }
  for (guint i = 0; i < n; i++)
    {
      g->succ_off[i + 1] += g->succ_off[i];
      g->pred_off[i + 1] += g->pred_off[i];
    }
  g->succ = g_new (guint, pb->n_edges);
  g->pred = g_new (guint, pb->n_edges);
  g_autofree guint *fill_s = g_memdup2 (g->succ_off, n * sizeof (guint));
  g_autofree guint *fill_p = g_memdup2 (g->pred_off, n * sizeof (guint));
  for (guint e = 0; e < pb->n_edges; e++)
    {
      g->succ[fill_s[pb->edges[e].from]++] = e;
      g->pred[fill_p[pb->edges[e].to]++] = e;
    }

  g_autofree guint *indeg = g_new (guint, n);
  g->topo = g_new (guint, n);
  guint head = 0, tail = 0;
  for (guint i = 0; i < n; i++)
    if ((indeg[i] = g->pred_off[i + 1] - g->pred_off[i]) == 0)
      g->topo[tail++] = i;
  while (head < tail)
    {
      guint v = g->topo[head++];
      for (guint s = g->succ_off[v]; s < g->succ_off[v + 1]; s++)
        if (--indeg[pb->edges[g->succ[s]].to] == 0)
          g->topo[tail++] = pb->edges[g->succ[s]].to;
    }
  if (tail < n)
    {
      /* Every task left has a predecessor that is also left: walking back
       * n steps from any of them ends on a cycle. */
      guint v = 0;
      while (indeg[v] == 0)
        v++;
      for (guint step = 0; step < n; step++)
        for (guint s = g->pred_off[v]; s < g->pred_off[v + 1]; s++)
          if (indeg[pb->edges[g->pred[s]].from] > 0)
            {
              v = pb->edges[g->pred[s]].from;
              break;
            }
      g_autofree char *name = task_name (pb, v);
      g_set_error (error, CCS_DAG_ERROR, CCS_DAG_ERROR_CYCLE, "the graph has a cycle through %s",
                   name);
      return FALSE;
    }
  return TRUE;
}

/* Mean link (see the top of the file): c̄ of d bytes = lat + d * inv_bw. */
typedef struct
{
  double lat, inv_bw;
} MeanLink;

static MeanLink
mean_link (const CcsDagProblem *pb)
{
  guint p = pb->n_procs, links = 0;
  double lat = 0, bw = 0;
  for (guint j = 0; j < p; j++)
    for (guint k = 0; k < p; k++)
      {
        double b = pb->bandwidth_bytes_per_s ? pb->bandwidth_bytes_per_s[j * p + k] : INFINITY;
        double l = OPT (pb->latency_s, j * p + k);
        if (j != k && b > 0 && isfinite (l))
          {
            links++;
            lat += l;
            bw += b;
          }
      }
  return links ? (MeanLink){ lat / links, links / bw } : (MeanLink){ 0, 0 };
}

static gboolean
rank_upward (const CcsDagProblem *pb, const DagGraph *g, double *rank_u, GError **error)
{
  guint p = pb->n_procs;
  MeanLink ml = mean_link (pb);

  for (guint t = pb->n_tasks; t-- > 0;)
    {
      guint i = g->topo[t], allowed = 0;
      double w = 0, tail = 0;
      for (guint j = 0; j < p; j++)
        if (isfinite (pb->comp_s[i * p + j]))
          {
            w += pb->comp_s[i * p + j];
            allowed++;
          }
      if (allowed == 0)
        {
          g_autofree char *name = task_name (pb, i);
          g_set_error (error, CCS_DAG_ERROR, CCS_DAG_ERROR_UNPLACEABLE,
                       "%s may run on no processor", name);
          return FALSE;
        }
      for (guint s = g->succ_off[i]; s < g->succ_off[i + 1]; s++)
        {
          const CcsDagEdge *ed = &pb->edges[g->succ[s]];
          tail = MAX (tail, ml.lat + ed->data_bytes * ml.inv_bw + rank_u[ed->to]);
        }
      rank_u[i] = w / allowed + tail;
    }
  return TRUE;
}

gboolean
ccs_dag_rank_upward (const CcsDagProblem *problem, double *rank_u, GError **error)
{
  g_return_val_if_fail (problem != NULL && rank_u != NULL, FALSE);
  g_auto (DagGraph) g = { 0 };
  return graph_build (problem, &g, error) && rank_upward (problem, &g, rank_u, error);
}

static CcsDagSchedule *
schedule_new (guint n)
{
  CcsDagSchedule *s = g_new0 (CcsDagSchedule, 1);
  s->n_tasks = n;
  s->proc = g_new0 (guint, n);
  s->start_s = g_new0 (double, n);
  s->finish_s = g_new0 (double, n);
  s->rank_u = g_new0 (double, n);
  s->order = g_new0 (guint, n);
  return s;
}

void
ccs_dag_schedule_free (CcsDagSchedule *s)
{
  if (!s)
    return;
  g_free (s->proc);
  g_free (s->start_s);
  g_free (s->finish_s);
  g_free (s->rank_u);
  g_free (s->order);
  g_free (s->critical);
  g_free (s->mean_critical);
  g_free (s);
}

typedef struct
{
  double start, finish;
} Slot;

/* Insertion policy: the earliest start >= @ready of a @w-second task in an
 * idle gap between the busy @slots (sorted by start), else after them. */
static double
insertion_start (const GArray *slots, double ready, double w)
{
  double t = ready;
  for (guint s = 0; s < slots->len; s++)
    {
      const Slot *sl = &g_array_index (slots, Slot, s);
      if (t + w <= sl->start)
        return t;
      t = MAX (t, sl->finish);
    }
  return t;
}

/* Walk back from the last task to finish: a task is held back by the
 * predecessor whose data arrives at its start, else by the task that ends
 * at its start on the same processor; the walk stops at a task that starts
 * when it could (time 0). */
static void
critical_path (const CcsDagProblem *pb, const DagGraph *g, CcsDagSchedule *s)
{
  guint n = pb->n_tasks, cur = 0;
  double eps = 1e-9 * MAX (1.0, s->makespan_s);
  g_autofree gboolean *seen = g_new0 (gboolean, n);
  g_autoptr (GArray) chain = g_array_new (FALSE, FALSE, sizeof (guint));

  for (guint i = 1; i < n; i++)
    if (s->finish_s[i] > s->finish_s[cur])
      cur = i;
  while (n > 0)
    {
      guint next = G_MAXUINT;
      g_array_prepend_val (chain, cur);
      seen[cur] = TRUE;
      for (guint e = g->pred_off[cur]; e < g->pred_off[cur + 1] && next == G_MAXUINT; e++)
        {
          const CcsDagEdge *ed = &pb->edges[g->pred[e]];
          double arrive = s->finish_s[ed->from]
                          + comm_s (pb, ed->data_bytes, s->proc[ed->from], s->proc[cur]);
          if (!seen[ed->from] && arrive >= s->start_s[cur] - eps)
            next = ed->from;
        }
      for (guint i = 0; i < n && next == G_MAXUINT; i++)
        if (!seen[i] && s->proc[i] == s->proc[cur]
            && fabs (s->finish_s[i] - s->start_s[cur]) <= eps)
          next = i;
      if (next == G_MAXUINT || s->start_s[cur] <= eps)
        break;
      cur = next;
    }
  s->n_critical = chain->len;
  s->critical_s = n ? s->makespan_s - s->start_s[g_array_index (chain, guint, 0)] : 0.0;
  s->critical = (guint *) (void *) g_array_free (g_steal_pointer (&chain), FALSE);

  /* CPOP: from the entry task of highest rank follow the successor that
   * attains the max in rank_u. */
  g_autoptr (GArray) mean = g_array_new (FALSE, FALSE, sizeof (guint));
  MeanLink ml = mean_link (pb);
  cur = 0;
  for (guint i = 1; i < n; i++)
    if (s->rank_u[i] > s->rank_u[cur])
      cur = i;
  s->mean_critical_s = n ? s->rank_u[cur] : 0.0;
  while (n > 0 && cur != G_MAXUINT)
    {
      guint next = G_MAXUINT;
      double best = -INFINITY;
      g_array_append_val (mean, cur);
      for (guint e = g->succ_off[cur]; e < g->succ_off[cur + 1]; e++)
        {
          const CcsDagEdge *ed = &pb->edges[g->succ[e]];
          double v = ml.lat + ed->data_bytes * ml.inv_bw + s->rank_u[ed->to];
          if (v > best)
            best = v, next = ed->to;
        }
      cur = next;
    }
  s->n_mean_critical = mean->len;
  s->mean_critical = (guint *) (void *) g_array_free (g_steal_pointer (&mean), FALSE);
}

/* Cost, energy and makespan of the finished placement. */
static void
totals (const CcsDagProblem *pb, CcsDagSchedule *s)
{
  guint p = pb->n_procs;
  double idle_sum = 0;
  s->makespan_s = s->cost = s->energy_j = 0;
  for (guint i = 0; i < pb->n_tasks; i++)
    {
      guint j = s->proc[i];
      double w = s->finish_s[i] - s->start_s[i];
      s->makespan_s = MAX (s->makespan_s, s->finish_s[i]);
      s->cost += OPT (pb->price_per_s, j) * w;
      s->energy_j += (OPT (pb->power_w, j) - OPT (pb->idle_w, j)) * w;
    }
  for (guint e = 0; e < pb->n_edges; e++)
    {
      guint j = s->proc[pb->edges[e].from], k = s->proc[pb->edges[e].to];
      if (j != k)
        {
          s->cost += pb->edges[e].data_bytes * OPT (pb->egress_per_byte, j * p + k);
          s->energy_j += pb->edges[e].data_bytes * OPT (pb->transfer_j_per_byte, j * p + k);
        }
    }
  for (guint j = 0; j < p; j++)
    idle_sum += OPT (pb->idle_w, j);
  s->energy_j += idle_sum * s->makespan_s;
}

/* Choice among processors.  BUDGET follows the spare-budget idea of
 * Arabnejad and Barbosa, "A budget constrained scheduling algorithm for
 * workflow applications", J Grid Comput 12(4):665-679, 2014 (HBCS), kept
 * simple: a choice is affordable when cost spent + its cost + the cheapest
 * compute cost of every task not yet placed <= budget, and the affordable
 * choice of least EFT wins (HBCS weighs time against cost instead).  The
 * reservation keeps the cheapest choice affordable at every step, so
 * without egress prices the budget holds whenever the all-cheapest
 * placement fits it.  When nothing is affordable the cheapest choice wins
 * and the schedule is flagged over budget.  ENERGY: the least added energy
 * ((power - idle) * time + transfers + sum idle * makespan growth) among
 * choices whose EFT <= slack * the best EFT, ties to the earlier finish. */
static guint
choose (const CcsDagOptions *opt, guint p, const double *eft, const double *cost,
        const double *energy, double spent, double reserve, gboolean *over_budget)
{
  guint best = G_MAXUINT, pick = G_MAXUINT;
  for (guint j = 0; j < p; j++)
    if (isfinite (eft[j]) && (best == G_MAXUINT || eft[j] < eft[best]))
      best = j;
  if (best == G_MAXUINT || opt->objective == CCS_DAG_MAKESPAN)
    return best;
  for (guint j = 0; j < p; j++)
    {
      if (!isfinite (eft[j]))
        continue;
      if (opt->objective == CCS_DAG_BUDGET)
        {
          if (spent + cost[j] + reserve <= opt->budget * (1 + 1e-12)
              && (pick == G_MAXUINT || eft[j] < eft[pick]))
            pick = j;
        }
      else if (eft[j] <= opt->slack * eft[best] * (1 + 1e-12)
               && (pick == G_MAXUINT || energy[j] < energy[pick]
                   || (energy[j] == energy[pick] && eft[j] < eft[pick])))
        pick = j;
    }
  if (pick != G_MAXUINT)
    return pick;
  *over_budget = TRUE;
  for (guint j = 0; j < p; j++)
    if (isfinite (eft[j])
        && (pick == G_MAXUINT || cost[j] < cost[pick]
            || (cost[j] == cost[pick] && eft[j] < eft[pick])))
      pick = j;
  return pick;
}

CcsDagSchedule *
ccs_dag_schedule (const CcsDagProblem *pb, const CcsDagOptions *options, GError **error)
{
  g_return_val_if_fail (pb != NULL, NULL);
  const CcsDagOptions heft = { CCS_DAG_MAKESPAN, 0, 1 };
  const CcsDagOptions *opt = options ? options : &heft;
  guint n = pb->n_tasks, p = pb->n_procs;
  g_auto (DagGraph) g = { 0 };
  g_autoptr (CcsDagSchedule) s = schedule_new (n);

  if (opt->objective == CCS_DAG_ENERGY && !(opt->slack >= 1))
    {
      g_set_error (error, CCS_DAG_ERROR, CCS_DAG_ERROR_INVALID,
                   "energy slack is %g, it must be >= 1", opt->slack);
      return NULL;
    }
  if (!graph_build (pb, &g, error) || !rank_upward (pb, &g, s->rank_u, error))
    return NULL;

  g_autoptr (GPtrArray) slots = g_ptr_array_new_with_free_func ((GDestroyNotify) g_array_unref);
  for (guint j = 0; j < p; j++)
    g_ptr_array_add (slots, g_array_new (FALSE, FALSE, sizeof (Slot)));
  g_autofree double *eft = g_new (double, p);
  g_autofree double *cost = g_new (double, p);
  g_autofree double *energy = g_new (double, p);
  g_autofree double *min_cost = g_new (double, n);
  g_autofree guint *waiting = g_new (guint, n);
  g_autofree gboolean *placed = g_new0 (gboolean, n);
  double spent = 0, reserve = 0, makespan = 0, idle_sum = 0;

  for (guint j = 0; j < p; j++)
    idle_sum += OPT (pb->idle_w, j);
  for (guint i = 0; i < n; i++)
    {
      waiting[i] = g.pred_off[i + 1] - g.pred_off[i];
      min_cost[i] = INFINITY;
      for (guint j = 0; j < p; j++)
        if (isfinite (pb->comp_s[i * p + j]))
          min_cost[i] = MIN (min_cost[i], OPT (pb->price_per_s, j) * pb->comp_s[i * p + j]);
      reserve += min_cost[i];
    }

  for (guint step = 0; step < n; step++)
    {
      guint i = G_MAXUINT;
      for (guint t = 0; t < n; t++)
        if (!placed[t] && waiting[t] == 0
            && (i == G_MAXUINT || s->rank_u[t] > s->rank_u[i] * (1 + 1e-9) + 1e-12))
          i = t;
      reserve -= min_cost[i];

      for (guint j = 0; j < p; j++)
        {
          double w = pb->comp_s[i * p + j], ready = 0;
          cost[j] = OPT (pb->price_per_s, j) * w;
          energy[j] = (OPT (pb->power_w, j) - OPT (pb->idle_w, j)) * w;
          for (guint e = g.pred_off[i]; e < g.pred_off[i + 1]; e++)
            {
              const CcsDagEdge *ed = &pb->edges[g.pred[e]];
              guint k = s->proc[ed->from];
              ready = MAX (ready, s->finish_s[ed->from] + comm_s (pb, ed->data_bytes, k, j));
              if (k != j)
                {
                  cost[j] += ed->data_bytes * OPT (pb->egress_per_byte, k * p + j);
                  energy[j] += ed->data_bytes * OPT (pb->transfer_j_per_byte, k * p + j);
                }
            }
          eft[j] = isfinite (w) && isfinite (ready)
                       ? insertion_start (g_ptr_array_index (slots, j), ready, w) + w
                       : INFINITY;
          energy[j] += idle_sum * MAX (0.0, eft[j] - makespan);
        }

      guint j = choose (opt, p, eft, cost, energy, spent, reserve, &s->over_budget);
      if (j == G_MAXUINT)
        {
          g_autofree char *name = task_name (pb, i);
          g_set_error (error, CCS_DAG_ERROR, CCS_DAG_ERROR_UNPLACEABLE,
                       "%s has no allowed processor linked to its predecessors' processors", name);
          return NULL;
        }
      GArray *busy = g_ptr_array_index (slots, j);
      Slot slot = { eft[j] - pb->comp_s[i * p + j], eft[j] };
      guint at = 0;
      while (at < busy->len && g_array_index (busy, Slot, at).start <= slot.start)
        at++;
      g_array_insert_val (busy, at, slot);
      s->proc[i] = j;
      s->start_s[i] = slot.start;
      s->finish_s[i] = slot.finish;
      s->order[step] = i;
      placed[i] = TRUE;
      spent += cost[j];
      makespan = MAX (makespan, slot.finish);
      for (guint e = g.succ_off[i]; e < g.succ_off[i + 1]; e++)
        waiting[pb->edges[g.succ[e]].to]--;
    }
  totals (pb, s);
  critical_path (pb, &g, s);
  return g_steal_pointer (&s);
}

typedef struct
{
  double start, finish;
  guint proc, task;
} Run;

static int
run_cmp (const void *a, const void *b)
{
  const Run *x = a, *y = b;
  if (x->proc != y->proc)
    return x->proc < y->proc ? -1 : 1;
  if (x->start != y->start)
    return x->start < y->start ? -1 : 1;
  return (x->finish > y->finish) - (x->finish < y->finish);
}

#define BAD(...)                                                                                   \
  G_STMT_START                                                                                     \
  {                                                                                                \
    g_set_error (error, CCS_DAG_ERROR, CCS_DAG_ERROR_BAD_SCHEDULE, __VA_ARGS__);                   \
    return FALSE;                                                                                  \
  }                                                                                                \
  G_STMT_END

gboolean
ccs_dag_schedule_check (const CcsDagProblem *pb, const CcsDagSchedule *s, GError **error)
{
  g_return_val_if_fail (pb != NULL && s != NULL, FALSE);
  guint n = pb->n_tasks, p = pb->n_procs;
  double eps = 1e-9 * MAX (1.0, s->makespan_s);
  g_auto (DagGraph) g = { 0 };

  if (!graph_build (pb, &g, error))
    return FALSE;
  if (s->n_tasks != n)
    BAD ("the schedule has %u tasks, the problem %u", s->n_tasks, n);
  g_autofree Run *runs = g_new (Run, n);
  for (guint i = 0; i < n; i++)
    {
      g_autofree char *name = task_name (pb, i);
      guint j = s->proc[i];
      if (j >= p || !isfinite (pb->comp_s[i * p + j]))
        BAD ("%s runs on processor %u, which it may not use", name, j);
      if (s->start_s[i] < -eps
          || fabs (s->finish_s[i] - s->start_s[i] - pb->comp_s[i * p + j]) > eps)
        BAD ("%s runs from %g to %g s, its compute time is %g s", name, s->start_s[i],
             s->finish_s[i], pb->comp_s[i * p + j]);
      runs[i] = (Run){ s->start_s[i], s->finish_s[i], j, i };
    }
  for (guint e = 0; e < pb->n_edges; e++)
    {
      const CcsDagEdge *ed = &pb->edges[e];
      double arrive
          = s->finish_s[ed->from] + comm_s (pb, ed->data_bytes, s->proc[ed->from], s->proc[ed->to]);
      if (s->start_s[ed->to] < arrive - eps)
        {
          g_autofree char *to = task_name (pb, ed->to);
          g_autofree char *from = task_name (pb, ed->from);
          BAD ("%s starts at %g s, before the data of %s arrive at %g s", to, s->start_s[ed->to],
               from, arrive);
        }
    }
  qsort (runs, n, sizeof (Run), run_cmp);
  for (guint r = 1; r < n; r++)
    if (runs[r].proc == runs[r - 1].proc && runs[r].start < runs[r - 1].finish - eps)
      {
        g_autofree char *a = task_name (pb, runs[r - 1].task);
        g_autofree char *b = task_name (pb, runs[r].task);
        BAD ("%s and %s overlap on processor %u", a, b, runs[r].proc);
      }
  return TRUE;
}
