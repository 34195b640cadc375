/* test-queueing.c — the engine against queueing theory.
 *
 * One source with Poisson arrivals, one server, an ideal network: the
 * measured mean response time must match the closed forms (Kleinrock,
 * Queueing Systems vol. 1, 1975):
 *   M/M/1     W = 1/(mu - lambda)
 *   M/M/c     W = C(c, a)/(c mu - lambda) + 1/mu  (Erlang C, a = lambda/mu)
 *   M/D/1     W = 1/mu + rho/(2 mu (1 - rho))      (Pollaczek–Khinchine)
 *   M/M/1-PS  W = 1/(mu - lambda)                  (insensitivity of PS)
 * and Little's law L = lambda W must hold between the node's time-average
 * number in system and its throughput times mean sojourn, which the engine
 * measures independently.  Runs are ~100k tasks, so the tolerance is a few
 * percent (the standard error at rho = 0.5 is about 1 %).
 */
#include <math.h>
#include <string.h>

#include "tests/testutil.h"

typedef struct
{
  double mean_latency, throughput, mean_in_system, mean_sojourn;
  double created, rejected;
} QueueRun;

static QueueRun
run_queue (const char *tag, const char *const *sets)
{
  g_autofree char *scenario = ccs_test_data ("queue.ini");
  g_autofree char *db = g_strdup_printf ("%s/%s.db", ccs_test_tmpdir (), tag);
  g_autoptr (GPtrArray) args = g_ptr_array_new ();
  const char *fixed[] = { "run", scenario, "--quiet", "--out", db };
  for (gsize i = 0; i < G_N_ELEMENTS (fixed); i++)
    g_ptr_array_add (args, (gpointer) fixed[i]);
  for (int i = 0; sets[i]; i++)
    {
      g_ptr_array_add (args, "--set");
      g_ptr_array_add (args, (gpointer) sets[i]);
    }
  g_autofree char *err = NULL;
  int status = ccs_test_spawn ("CCSIM_BIN", args, NULL, &err);
  if (status != 0)
    g_test_message ("ccsim stderr: %s", err);
  g_assert_cmpint (status, ==, 0);
  QueueRun r = {
    ccs_test_sql_double (db, "SELECT value FROM summary WHERE metric = 'latency_mean_s'"),
    ccs_test_sql_double (db, "SELECT value FROM summary WHERE metric = 'throughput_hz'"),
    ccs_test_sql_double (db, "SELECT mean_in_system FROM nodes WHERE tier = 'edge'"),
    ccs_test_sql_double (db, "SELECT mean_sojourn_s FROM nodes WHERE tier = 'edge'"),
    ccs_test_sql_double (db, "SELECT value FROM summary WHERE metric = 'tasks_created'"),
    ccs_test_sql_double (db, "SELECT value FROM summary WHERE metric = 'tasks_rejected'"),
  };
  g_test_message ("%s: W = %.4f s, X = %.4f /s, L = %.4f, sojourn %.4f s", tag, r.mean_latency,
                  r.throughput, r.mean_in_system, r.mean_sojourn);
  return r;
}

static void
assert_close (double measured, double expected, double rel)
{
  g_test_message ("measured %.5f, expected %.5f (tolerance %.1f%%)", measured, expected, rel * 100);
  g_assert_cmpfloat_with_epsilon (measured, expected, expected * rel);
}

/* Erlang C: probability that an arrival waits in M/M/c. */
static double
erlang_c (int c, double a)
{
  double term = 1, sum = 1; /* k = 0 */
  for (int k = 1; k < c; k++)
    {
      term *= a / k;
      sum += term;
    }
  double last = term * a / c; /* a^c / c! */
  double rho = a / c;
  double top = last / (1 - rho);
  return top / (sum + top);
}

static void
test_mm1 (void)
{
  const char *sets[] = { NULL };
  QueueRun r = run_queue ("mm1", sets);
  assert_close (r.mean_latency, 1.0 / (1.0 - 0.5), 0.03);
  assert_close (r.throughput, 0.5, 0.02);
}

static void
test_mm1_heavy (void)
{
  /* rho = 0.8: W = 5 s; slower convergence, wider tolerance. */
  const char *sets[] = { "IoT src.rate=0.8 Hz", "Run.duration=400000 s", NULL };
  QueueRun r = run_queue ("mm1-heavy", sets);
  assert_close (r.mean_latency, 5.0, 0.06);
}

static void
test_mmc (void)
{
  /* c = 4, lambda = 3, mu = 1: a = 3, rho = 0.75. */
  /* Each of the 4 slots gets a quarter of the device (roofline share),
   * so a task of 0.25 GFLOP on average keeps mu = 1 per slot. */
  const char *sets2[] = { "Node server.slots=4", "IoT src.rate=3 Hz",
                          "App job.flops=exp(0.25 GFLOP)", "Run.duration=60000 s", NULL };
  QueueRun r = run_queue ("mmc", sets2);
  double W = erlang_c (4, 3.0) / (4.0 - 3.0) + 1.0;
  assert_close (r.mean_latency, W, 0.04);
}

static void
test_md1 (void)
{
  const char *sets[] = { "App job.flops=1 GFLOP", NULL };
  QueueRun r = run_queue ("md1", sets);
  assert_close (r.mean_latency, 1.0 + 0.5 / (2 * 1.0 * 0.5), 0.03);
}

static void
test_ps (void)
{
  const char *sets[] = { "Node server.queue=ps", NULL };
  QueueRun r = run_queue ("mm1-ps", sets);
  assert_close (r.mean_latency, 2.0, 0.04);
}

static void
test_mm1k (void)
{
  /* M/M/1/K with K = 5 (one in service, queue_limit = 4), rho = 0.9:
   * P_block = (1 - rho) rho^K / (1 - rho^(K+1)) = 0.12602;
   * L = rho/(1 - rho) - (K+1) rho^(K+1) / (1 - rho^(K+1)),
   * W = L / (lambda (1 - P_block)) = 2.7903 s (Kleinrock 1975, §3.6). */
  const char *sets[] = { "Node server.queue_limit=4", "IoT src.rate=0.9 Hz", NULL };
  QueueRun r = run_queue ("mm1k", sets);
  double rho = 0.9, K = 5;
  double pb = (1 - rho) * pow (rho, K) / (1 - pow (rho, K + 1));
  double L = rho / (1 - rho) - (K + 1) * pow (rho, K + 1) / (1 - pow (rho, K + 1));
  double W = L / (0.9 * (1 - pb));
  assert_close (r.rejected / r.created, pb, 0.05);
  assert_close (r.mean_latency, W, 0.03);
}

static void
test_little (void)
{
  const char *sets[] = { "IoT src.rate=0.7 Hz", "Run.duration=100000 s", NULL };
  QueueRun r = run_queue ("little", sets);
  /* L (time average) against lambda·W (per-task), measured separately. */
  assert_close (r.mean_in_system, r.throughput * r.mean_sojourn, 0.01);
  /* With an ideal network the node sojourn is the whole response time. */
  assert_close (r.mean_sojourn, r.mean_latency, 0.001);
}

int
main (int argc, char **argv)
{
  g_test_init (&argc, &argv, NULL);
  g_test_summary ("Queueing-theory checks of the SimGrid engine");
  g_test_add_func ("/queueing/mm1", test_mm1);
  g_test_add_func ("/queueing/mm1-heavy", test_mm1_heavy);
  g_test_add_func ("/queueing/mmc-erlang-c", test_mmc);
  g_test_add_func ("/queueing/md1-pollaczek-khinchine", test_md1);
  g_test_add_func ("/queueing/mm1-processor-sharing", test_ps);
  g_test_add_func ("/queueing/mm1k-blocking", test_mm1k);
  g_test_add_func ("/queueing/little", test_little);
  return g_test_run ();
}
