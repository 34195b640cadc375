/* test-dag.c — HEFT list scheduling and its variants (models/dag.h).
 *
 * The reference case is the 10-task, 3-processor example of Topcuoglu,
 * Hariri and Wu (IEEE TPDS 13(3), 2002, Fig. 2): the paper gives the upward
 * ranks and a HEFT schedule of length 80.  The other cases are small and
 * hand-made; their expected numbers are worked out in the comments.  Every
 * schedule goes through ccs_dag_schedule_check().
 */
#include <math.h>

#include "models/dag.h"
#include "tests/testutil.h"

#define INF INFINITY

/* Computation costs of n1..n10 on P1, P2, P3 (the paper's table). */
static const double paper_comp[10 * 3] = {
  14, 16, 9, 13, 19, 18, 11, 13, 19, 13, 8,  17, 12, 13, 10,
  13, 16, 9, 7,  15, 11, 5,  11, 14, 18, 12, 20, 21, 7,  16,
};
/* The paper gives edge costs; with latency 0 and 1 B/s they are the bytes. */
static const CcsDagEdge paper_edges[] = {
  { 0, 1, 18 }, { 0, 2, 12 }, { 0, 3, 9 },  { 0, 4, 11 }, { 0, 5, 14 },
  { 1, 7, 19 }, { 1, 8, 16 }, { 2, 6, 23 }, { 3, 7, 27 }, { 3, 8, 23 },
  { 4, 8, 13 }, { 5, 7, 15 }, { 6, 9, 17 }, { 7, 9, 11 }, { 8, 9, 13 },
};
static const double unit_bw[3 * 3] = { 1, 1, 1, 1, 1, 1, 1, 1, 1 };
static const char *const paper_names[10] = {
  "n1", "n2", "n3", "n4", "n5", "n6", "n7", "n8", "n9", "n10",
};

static CcsDagProblem
paper_problem (void)
{
  return (CcsDagProblem){
    .n_tasks = 10,
    .n_procs = 3,
    .comp_s = paper_comp,
    .names = paper_names,
    .n_edges = G_N_ELEMENTS (paper_edges),
    .edges = paper_edges,
    .bandwidth_bytes_per_s = unit_bw,
  };
}

/* Schedule, asserting success and validity. */
static CcsDagSchedule *
schedule_ok (const CcsDagProblem *pb, const CcsDagOptions *opt)
{
  g_autoptr (GError) error = NULL;
  g_autoptr (CcsDagSchedule) s = ccs_dag_schedule (pb, opt, &error);
  g_assert_no_error (error);
  g_assert_nonnull (s);
  g_assert_true (ccs_dag_schedule_check (pb, s, &error));
  g_assert_no_error (error);
  return g_steal_pointer (&s);
}

static void
test_paper_ranks (void)
{
  g_test_summary ("Upward ranks of the Topcuoglu et al. 2002 example match the paper");
  static const double expect[10]
      = { 108.000, 77.000, 80.000, 80.000, 69.000, 63.333, 42.667, 35.667, 44.333, 14.667 };
  CcsDagProblem pb = paper_problem ();
  double rank[10];
  g_autoptr (GError) error = NULL;

  g_assert_true (ccs_dag_rank_upward (&pb, rank, &error));
  g_assert_no_error (error);
  for (guint i = 0; i < 10; i++)
    g_assert_cmpfloat_with_epsilon (rank[i], expect[i], 1e-3);
}

static void
test_paper_heft (void)
{
  g_test_summary ("HEFT on the paper's example: length 80, the paper's placement, and "
                  "the critical paths");
  /* The paper's Fig. 4a: n1 P3 0-9, n3 P3 9-28, n4 P2 18-26, n2 P1 27-40,
   * n5 P3 28-38, n6 P2 26-42, n9 P2 56-68, n7 P3 38-49, n8 P1 57-62,
   * n10 P2 73-80 (processors 0-based below). */
  static const guint order[10] = { 0, 2, 3, 1, 4, 5, 8, 6, 7, 9 };
  static const guint proc[10] = { 2, 0, 2, 1, 2, 1, 2, 0, 1, 1 };
  static const double start[10] = { 0, 27, 9, 18, 28, 26, 38, 57, 56, 73 };
  CcsDagProblem pb = paper_problem ();
  g_autoptr (CcsDagSchedule) s = schedule_ok (&pb, NULL);

  g_assert_cmpfloat_with_epsilon (s->makespan_s, 80, 1e-9);
  for (guint i = 0; i < 10; i++)
    {
      g_assert_cmpuint (s->order[i], ==, order[i]);
      g_assert_cmpuint (s->proc[i], ==, proc[i]);
      g_assert_cmpfloat_with_epsilon (s->start_s[i], start[i], 1e-9);
    }
  g_assert_false (s->over_budget);
  g_assert_cmpfloat (s->cost, ==, 0);
  g_assert_cmpfloat (s->energy_j, ==, 0);

  /* n10 waits for n8's data (62 + 11 = 73); n8 (P1) for n6's (42 + 15 =
   * 57); n6 for n4 ahead of it on P2 (ends 26); n4 for n1's (9 + 9 = 18). */
  static const guint crit[] = { 0, 3, 5, 7, 9 };
  g_assert_cmpuint (s->n_critical, ==, G_N_ELEMENTS (crit));
  for (guint i = 0; i < G_N_ELEMENTS (crit); i++)
    g_assert_cmpuint (s->critical[i], ==, crit[i]);
  g_assert_cmpuint (s->critical[s->n_critical - 1], ==, 9);
  g_assert_cmpfloat_with_epsilon (s->critical_s, 80, 1e-9);

  /* By mean costs: n1 (13) -18-> n2 (16.667) -16-> n9 (16.667) -13-> n10
   * (14.667) = 108 = rank_u(n1). */
  static const guint mean[] = { 0, 1, 8, 9 };
  g_assert_cmpuint (s->n_mean_critical, ==, G_N_ELEMENTS (mean));
  for (guint i = 0; i < G_N_ELEMENTS (mean); i++)
    g_assert_cmpuint (s->mean_critical[i], ==, mean[i]);
  g_assert_cmpfloat_with_epsilon (s->mean_critical_s, 108, 1e-9);
}

static void
test_constrained (void)
{
  g_test_summary ("Forbidden processors (INFINITY) are never used; a task or an edge "
                  "that cannot be placed is an error naming the task");
  double comp[10 * 3];
  memcpy (comp, paper_comp, sizeof comp);
  comp[0 * 3 + 2] = INF; /* n1 not on P3, where HEFT put it */
  comp[2 * 3 + 2] = INF; /* n3 not on P3 */
  comp[9 * 3 + 1] = INF; /* n10 not on P2 */
  comp[9 * 3 + 0] = INF; /* ... nor on P1 */
  CcsDagProblem pb = paper_problem ();
  pb.comp_s = comp;
  g_autoptr (CcsDagSchedule) s = schedule_ok (&pb, NULL);
  g_autoptr (GError) error = NULL;

  g_assert_cmpuint (s->proc[0], !=, 2);
  g_assert_cmpuint (s->proc[2], !=, 2);
  g_assert_cmpuint (s->proc[9], ==, 2);
  g_assert_cmpfloat (s->makespan_s, >=, 80);

  /* n5 may run nowhere. */
  comp[4 * 3 + 0] = comp[4 * 3 + 1] = comp[4 * 3 + 2] = INF;
  g_assert_null (ccs_dag_schedule (&pb, NULL, &error));
  g_assert_error (error, CCS_DAG_ERROR, CCS_DAG_ERROR_UNPLACEABLE);
  ccs_test_assert_contains (error->message, "'n5'");
  g_clear_error (&error);

  /* Two processors without a link; a only on 0, b only on 1, a -> b. */
  static const double comp2[2 * 2] = { 1, INF, INF, 1 };
  static const double no_link[2 * 2] = { 0, 0, 0, 0 };
  static const CcsDagEdge e2[] = { { 0, 1, 10 } };
  CcsDagProblem apart = { .n_tasks = 2,
                          .n_procs = 2,
                          .comp_s = comp2,
                          .n_edges = 1,
                          .edges = e2,
                          .bandwidth_bytes_per_s = no_link };
  g_assert_null (ccs_dag_schedule (&apart, NULL, &error));
  g_assert_error (error, CCS_DAG_ERROR, CCS_DAG_ERROR_UNPLACEABLE);
  ccs_test_assert_contains (error->message, "task 1");
}

/* Prices for the paper's processors: P1 is cheap, P2 dear, P3 between. */
static const double paper_price[3] = { 1, 4, 2 };

static void
test_budget (void)
{
  g_test_summary ("Budget-aware HEFT: a generous budget gives HEFT's schedule, a tight one "
                  "costs less, takes no less time and stays within the budget");
  CcsDagProblem pb = paper_problem ();
  pb.price_per_s = paper_price;
  g_autoptr (CcsDagSchedule) heft = schedule_ok (&pb, NULL);
  double cheapest = 0;
  for (guint i = 0; i < 10; i++)
    {
      double c = INF;
      for (guint j = 0; j < 3; j++)
        c = MIN (c, paper_price[j] * paper_comp[i * 3 + j]);
      cheapest += c;
    }
  g_assert_cmpfloat (cheapest, <, heft->cost);

  CcsDagOptions generous = { CCS_DAG_BUDGET, 1e6, 1 };
  g_autoptr (CcsDagSchedule) g = schedule_ok (&pb, &generous);
  g_assert_false (g->over_budget);
  for (guint i = 0; i < 10; i++)
    {
      g_assert_cmpuint (g->proc[i], ==, heft->proc[i]);
      g_assert_cmpfloat (g->start_s[i], ==, heft->start_s[i]);
    }
  ccs_test_assert_rel (g->cost, heft->cost);

  CcsDagOptions tight = { CCS_DAG_BUDGET, (cheapest + heft->cost) / 2, 1 };
  g_autoptr (CcsDagSchedule) t = schedule_ok (&pb, &tight);
  g_test_message ("HEFT $%g in %g s; all-cheapest $%g; budget $%g -> $%g in %g s", heft->cost,
                  heft->makespan_s, cheapest, tight.budget, t->cost, t->makespan_s);
  g_assert_false (t->over_budget);
  g_assert_cmpfloat (t->cost, <=, tight.budget);
  g_assert_cmpfloat (t->cost, <, heft->cost);
  g_assert_cmpfloat (t->makespan_s, >=, heft->makespan_s);

  /* Below the all-cheapest cost every task takes its cheapest processor. */
  CcsDagOptions broke = { CCS_DAG_BUDGET, cheapest / 2, 1 };
  g_autoptr (CcsDagSchedule) b = schedule_ok (&pb, &broke);
  g_assert_true (b->over_budget);
  ccs_test_assert_rel (b->cost, cheapest);

  /* Egress: a (1 s on P0 at $1/s) sends 100 B to b (2 s on P1 at $3/s) at
   * $0.01/B: 1 + 6 + 1 = $8. */
  static const double comp2[2 * 2] = { 1, INF, INF, 2 };
  static const double price2[2] = { 1, 3 };
  static const double egress2[2 * 2] = { 0, 0.01, 0.02, 0 };
  static const CcsDagEdge e2[] = { { 0, 1, 100 } };
  CcsDagProblem eg = { .n_tasks = 2,
                       .n_procs = 2,
                       .comp_s = comp2,
                       .n_edges = 1,
                       .edges = e2,
                       .price_per_s = price2,
                       .egress_per_byte = egress2 };
  g_autoptr (CcsDagSchedule) es = schedule_ok (&eg, NULL);
  ccs_test_assert_rel (es->cost, 8);
  ccs_test_assert_rel (es->makespan_s, 3); /* no bandwidth array: instant transfer */
}

static void
test_energy (void)
{
  g_test_summary ("Energy-aware HEFT uses no more energy than HEFT with a power-hungry "
                  "fast processor and a frugal slow one");
  /* A fork-join of 6 tasks: entry 0, middle 1-4, exit 5.  P0 takes 1 s per
   * task at 200 W (20 W idle), P1 2 s at 15 W (2 W idle); 0.2 s links. */
  double comp[6 * 2];
  for (guint i = 0; i < 6; i++)
    comp[i * 2] = 1, comp[i * 2 + 1] = 2;
  static const CcsDagEdge edges[] = { { 0, 1, 1e5 }, { 0, 2, 1e5 }, { 0, 3, 1e5 }, { 0, 4, 1e5 },
                                      { 1, 5, 1e5 }, { 2, 5, 1e5 }, { 3, 5, 1e5 }, { 4, 5, 1e5 } };
  static const double lat[2 * 2] = { 0, 0.1, 0.1, 0 };
  static const double bw[2 * 2] = { 0, 1e6, 1e6, 0 };
  static const double power[2] = { 200, 15 }, idle[2] = { 20, 2 };
  static const double xfer[2 * 2] = { 0, 1e-6, 1e-6, 0 };
  CcsDagProblem pb = { .n_tasks = 6,
                       .n_procs = 2,
                       .comp_s = comp,
                       .n_edges = G_N_ELEMENTS (edges),
                       .edges = edges,
                       .latency_s = lat,
                       .bandwidth_bytes_per_s = bw,
                       .power_w = power,
                       .idle_w = idle,
                       .transfer_j_per_byte = xfer };
  g_autoptr (CcsDagSchedule) heft = schedule_ok (&pb, NULL);
  CcsDagOptions eco = { CCS_DAG_ENERGY, 0, 1.5 };
  g_autoptr (CcsDagSchedule) e = schedule_ok (&pb, &eco);
  g_autoptr (GError) error = NULL;

  g_test_message ("HEFT %g J in %g s; energy-aware %g J in %g s", heft->energy_j, heft->makespan_s,
                  e->energy_j, e->makespan_s);
  g_assert_cmpfloat (e->energy_j, <, heft->energy_j);
  g_assert_cmpfloat (e->makespan_s, >=, heft->makespan_s);

  /* With slack 1 only the best EFT qualifies: HEFT again, unless an equal
   * finish is cheaper in energy. */
  CcsDagOptions none = { CCS_DAG_ENERGY, 0, 1 };
  g_autoptr (CcsDagSchedule) n = schedule_ok (&pb, &none);
  g_assert_cmpfloat (n->energy_j, <=, heft->energy_j);
  g_assert_cmpfloat (n->makespan_s, ==, heft->makespan_s);

  /* Energy by hand for everything on P1 (one processor, no transfers):
   * 6 tasks * 2 s * 15 W + 12 s * (20 + 2) W idle - 12 s * 2 W busy-not-idle
   * = 180 + 264 - 24 = 420 J. */
  double only_p1[6 * 2];
  for (guint i = 0; i < 6; i++)
    only_p1[i * 2] = INF, only_p1[i * 2 + 1] = 2;
  pb.comp_s = only_p1;
  g_autoptr (CcsDagSchedule) one = schedule_ok (&pb, NULL);
  ccs_test_assert_rel (one->energy_j, 420);

  CcsDagOptions bad = { CCS_DAG_ENERGY, 0, 0.5 };
  g_assert_null (ccs_dag_schedule (&pb, &bad, &error));
  g_assert_error (error, CCS_DAG_ERROR, CCS_DAG_ERROR_INVALID);
}

static void
test_insertion (void)
{
  g_test_summary ("Insertion: a later task fills the idle gap before a task waiting for data");
  /* a (P0 only, 1 s) -> b (P1 only, 1 s) over a 5 s link: b runs 6-7 on
   * P1.  c (P1 only, 0.5 s, no edges) ranks below b (0.5 < 1), so it is
   * placed after b: appended it would run 7-7.5; inserted it runs 0-0.5 in
   * the gap and the makespan stays 7. */
  static const double comp[3 * 2] = { 1, INF, INF, 1, INF, 0.5 };
  static const double lat[2 * 2] = { 0, 5, 5, 0 };
  static const CcsDagEdge edges[] = { { 0, 1, 0 } };
  CcsDagProblem pb = {
    .n_tasks = 3, .n_procs = 2, .comp_s = comp, .n_edges = 1, .edges = edges, .latency_s = lat
  };
  g_autoptr (CcsDagSchedule) s = schedule_ok (&pb, NULL);

  g_assert_cmpuint (s->order[0], ==, 0);
  g_assert_cmpuint (s->order[1], ==, 1);
  g_assert_cmpuint (s->order[2], ==, 2);
  g_assert_cmpfloat (s->start_s[1], ==, 6);
  g_assert_cmpfloat (s->start_s[2], ==, 0);
  g_assert_cmpfloat (s->finish_s[2], <=, s->start_s[1]);
  g_assert_cmpfloat (s->makespan_s, ==, 7);
  /* a, then b: held back by a's data. */
  g_assert_cmpuint (s->n_critical, ==, 2);
  g_assert_cmpuint (s->critical[0], ==, 0);
  g_assert_cmpfloat (s->critical_s, ==, 7);
}

static void
test_errors (void)
{
  g_test_summary ("Cycles, self-loops, edges to missing tasks and bad costs are errors");
  static const char *const names[5] = { "a", "b", "c", "d", "e" };
  double comp[5] = { 1, 1, 1, 1, 1 };
  /* e -> a -> b -> c -> b, c -> d: the cycle is b, c. */
  CcsDagEdge edges[] = { { 4, 0, 1 }, { 0, 1, 1 }, { 1, 2, 1 }, { 2, 1, 1 }, { 2, 3, 1 } };
  CcsDagProblem pb = {
    .n_tasks = 5, .n_procs = 1, .comp_s = comp, .names = names, .n_edges = 5, .edges = edges
  };
  g_autoptr (GError) error = NULL;
  double rank[5];

  g_assert_null (ccs_dag_schedule (&pb, NULL, &error));
  g_assert_error (error, CCS_DAG_ERROR, CCS_DAG_ERROR_CYCLE);
  g_assert_true (strstr (error->message, "'b'") || strstr (error->message, "'c'"));
  g_clear_error (&error);

  edges[3] = (CcsDagEdge){ 3, 3, 1 }; /* self-loop on d */
  g_assert_false (ccs_dag_rank_upward (&pb, rank, &error));
  g_assert_error (error, CCS_DAG_ERROR, CCS_DAG_ERROR_CYCLE);
  ccs_test_assert_contains (error->message, "'d'");
  g_clear_error (&error);

  edges[3] = (CcsDagEdge){ 2, 7, 1 };
  g_assert_null (ccs_dag_schedule (&pb, NULL, &error));
  g_assert_error (error, CCS_DAG_ERROR, CCS_DAG_ERROR_INVALID);
  ccs_test_assert_contains (error->message, "missing task");
  g_clear_error (&error);

  edges[3] = (CcsDagEdge){ 2, 4, -1 };
  g_assert_null (ccs_dag_schedule (&pb, NULL, &error));
  g_assert_error (error, CCS_DAG_ERROR, CCS_DAG_ERROR_INVALID);
  g_clear_error (&error);

  edges[3] = (CcsDagEdge){ 1, 3, 1 };
  comp[2] = NAN;
  g_assert_null (ccs_dag_schedule (&pb, NULL, &error));
  g_assert_error (error, CCS_DAG_ERROR, CCS_DAG_ERROR_INVALID);
  ccs_test_assert_contains (error->message, "'c'");
  g_clear_error (&error);

  comp[2] = 1;
  g_autoptr (CcsDagSchedule) s = schedule_ok (&pb, NULL);
  g_assert_cmpfloat (s->makespan_s, ==, 5); /* one processor: the sum */
}

static void
test_check (void)
{
  g_test_summary ("The checker finds late starts, overlaps, wrong durations and "
                  "forbidden processors");
  CcsDagProblem pb = paper_problem ();
  g_autoptr (CcsDagSchedule) s = schedule_ok (&pb, NULL);
  g_autoptr (GError) error = NULL;

  /* n10 one second early: n8's data arrive at 73. */
  s->start_s[9] -= 1, s->finish_s[9] -= 1;
  g_assert_false (ccs_dag_schedule_check (&pb, s, &error));
  g_assert_error (error, CCS_DAG_ERROR, CCS_DAG_ERROR_BAD_SCHEDULE);
  ccs_test_assert_contains (error->message, "'n10'");
  g_clear_error (&error);
  s->start_s[9] += 1, s->finish_s[9] += 1;

  /* n5 (P3, 28-38) moved onto n3's slot (P3, 9-28): overlap. */
  s->start_s[4] = 20, s->finish_s[4] = 30;
  g_assert_false (ccs_dag_schedule_check (&pb, s, &error));
  g_assert_error (error, CCS_DAG_ERROR, CCS_DAG_ERROR_BAD_SCHEDULE);
  ccs_test_assert_contains (error->message, "overlap");
  g_clear_error (&error);
  s->start_s[4] = 28, s->finish_s[4] = 37; /* 9 s, its cost is 10 */
  g_assert_false (ccs_dag_schedule_check (&pb, s, &error));
  g_assert_error (error, CCS_DAG_ERROR, CCS_DAG_ERROR_BAD_SCHEDULE);
  g_clear_error (&error);
  s->finish_s[4] = 38;
  g_assert_true (ccs_dag_schedule_check (&pb, s, &error));

  double comp[10 * 3];
  memcpy (comp, paper_comp, sizeof comp);
  comp[0 * 3 + 2] = INF;
  pb.comp_s = comp;
  g_assert_false (ccs_dag_schedule_check (&pb, s, &error));
  g_assert_error (error, CCS_DAG_ERROR, CCS_DAG_ERROR_BAD_SCHEDULE);
  ccs_test_assert_contains (error->message, "'n1'");
}

int
main (int argc, char **argv)
{
  g_test_init (&argc, &argv, NULL);
  g_test_add_func ("/dag/heft/paper-ranks", test_paper_ranks);
  g_test_add_func ("/dag/heft/paper-schedule", test_paper_heft);
  g_test_add_func ("/dag/heft/insertion", test_insertion);
  g_test_add_func ("/dag/constraints", test_constrained);
  g_test_add_func ("/dag/budget", test_budget);
  g_test_add_func ("/dag/energy", test_energy);
  g_test_add_func ("/dag/errors", test_errors);
  g_test_add_func ("/dag/check", test_check);
  return g_test_run ();
}
