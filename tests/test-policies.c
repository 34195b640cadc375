/* test-policies.c — the placement-policy registry.
 *
 * The registry is process-wide, so the tests that add to it check counts
 * relative to what was there before, and the test about registering before
 * the built-ins runs in a child process with a fresh registry.
 */
#include <stdarg.h>

#include "policies/market.h"
#include "policies/policy.h"
#include "tests/testutil.h"

static const char *const builtins[] = { "local",       "nearest-edge", "cloud-only",     "random",
                                        "round-robin", "least-loaded", "earliest-finish" };

/* A place() that keeps every task on its device. */
static gboolean
stay_place (gpointer state, const CcsView *view, const CcsTask *task, CcsNodeId *out,
            GError **error)
{
  (void) state;
  (void) view;
  (void) error;
  *out = task->source;
  return TRUE;
}

static guint
n_registered (void)
{
  guint n = 0;
  ccs_policy_list (&n);
  return n;
}

/* Registering @ops fails with a registry error whose message contains each
 * of the NULL-terminated needles that follow. */
static void G_GNUC_NULL_TERMINATED
expect_rejected (const CcsPlacementOps *ops, ...)
{
  g_autoptr (GError) error = NULL;
  g_assert_false (ccs_policy_register (ops, &error));
  g_assert_error (error, CCS_POLICY_ERROR, CCS_POLICY_ERROR_REGISTRY);
  va_list ap;
  va_start (ap, ops);
  const char *needle;
  while ((needle = va_arg (ap, const char *)))
    ccs_test_assert_contains (error->message, needle);
  va_end (ap);
}

static void
test_builtins (void)
{
  g_test_summary ("The seven built-in policies are registered, in order, "
                  "with a place() and a summary");
  g_autofree char *names = ccs_policy_names ();
  g_assert_true (g_str_has_prefix (names, "local, nearest-edge, cloud-only, "
                                          "random, round-robin, least-loaded, "
                                          "earliest-finish"));
  guint n = 0;
  const CcsPlacementOps *const *list = ccs_policy_list (&n);
  g_assert_cmpuint (n, >=, G_N_ELEMENTS (builtins));
  for (gsize i = 0; i < G_N_ELEMENTS (builtins); i++)
    {
      const CcsPlacementOps *o = ccs_policy_lookup (builtins[i]);
      g_assert_nonnull (o);
      g_assert_true (list[i] == o);
      g_assert_cmpstr (o->name, ==, builtins[i]);
      g_assert_cmpuint (o->abi, ==, CCS_POLICY_ABI);
      g_assert_nonnull (o->place);
      g_assert_nonnull (o->summary);
      g_assert_cmpstr (o->summary, !=, "");
    }
  /* Idempotent: registering the built-ins again changes nothing. */
  ccs_policy_register_builtins ();
  g_assert_cmpuint (n_registered (), ==, n);
}

static void
test_lookup_unknown (void)
{
  g_test_summary ("Looking up a name that is not registered gives NULL");
  g_assert_null (ccs_policy_lookup ("fastest"));
  g_assert_null (ccs_policy_lookup (""));
  g_assert_null (ccs_policy_lookup ("Local")); /* names are case-sensitive */
  g_assert_null (ccs_policy_lookup ("local "));
}

static void
test_reject_abi (void)
{
  g_test_summary ("A table with another ABI number is rejected");
  static const CcsPlacementOps ops
      = { CCS_POLICY_ABI + 1, "test-abi", "wrong ABI", 0, NULL, stay_place, NULL, NULL };
  guint before = n_registered ();
  g_autofree char *abi
      = g_strdup_printf ("ABI %u, expected %u", CCS_POLICY_ABI + 1, CCS_POLICY_ABI);
  expect_rejected (&ops, "'test-abi'", abi, NULL);
  g_assert_null (ccs_policy_lookup ("test-abi"));
  g_assert_cmpuint (n_registered (), ==, before);

  static const CcsPlacementOps zero = { 0, "test-abi0", "ABI 0", 0, NULL, stay_place, NULL, NULL };
  expect_rejected (&zero, NULL);
  g_assert_null (ccs_policy_lookup ("test-abi0"));
}

static void
test_reject_no_place (void)
{
  g_test_summary ("A table without place() or without a name is rejected");
  static const CcsPlacementOps noplace
      = { CCS_POLICY_ABI, "test-noplace", "no place()", 0, NULL, NULL, NULL, NULL };
  static const CcsPlacementOps noname
      = { CCS_POLICY_ABI, NULL, "no name", 0, NULL, stay_place, NULL, NULL };
  static const CcsPlacementOps empty
      = { CCS_POLICY_ABI, "", "empty name", 0, NULL, stay_place, NULL, NULL };
  guint before = n_registered ();
  expect_rejected (&noplace, "policy 'test-noplace'", "place() operation are required", NULL);
  g_assert_null (ccs_policy_lookup ("test-noplace"));
  expect_rejected (&noname, "a name and a place() operation are required", NULL);
  expect_rejected (&empty, NULL);
  g_assert_cmpuint (n_registered (), ==, before);
}

static void
test_reject_duplicate (void)
{
  g_test_summary ("A second policy named like a registered one is rejected");
  const CcsPlacementOps *local = ccs_policy_lookup ("local");
  g_assert_nonnull (local);
  static CcsPlacementOps copy;
  copy = *local;
  copy.summary = "an impostor";
  copy.place = stay_place;
  guint before = n_registered ();
  expect_rejected (&copy, "policy 'local' is already registered", NULL);
  /* The built-in stays in place. */
  g_assert_true (ccs_policy_lookup ("local") == local);
  g_assert_cmpuint (n_registered (), ==, before);
}

static void
test_accept_new (void)
{
  g_test_summary ("A valid new policy is accepted, found by name and listed last");
  static const CcsPlacementOps ops
      = { CCS_POLICY_ABI, "test-stay", "keep tasks home", 0, NULL, stay_place, NULL, NULL };
  guint before = n_registered ();
  g_autoptr (GError) error = NULL;
  g_assert_true (ccs_policy_register (&ops, &error));
  g_assert_no_error (error);
  g_assert_true (ccs_policy_lookup ("test-stay") == &ops);
  guint n = 0;
  const CcsPlacementOps *const *list = ccs_policy_list (&n);
  g_assert_cmpuint (n, ==, before + 1);
  g_assert_true (list[n - 1] == &ops);
  g_autofree char *names = ccs_policy_names ();
  g_assert_true (g_str_has_suffix (names, ", test-stay"));
  /* The built-ins are untouched. */
  for (gsize i = 0; i < G_N_ELEMENTS (builtins); i++)
    g_assert_cmpstr (list[i]->name, ==, builtins[i]);

  /* Its place() is the one called through the registry. */
  CcsTask task = { 0 };
  task.source = 17;
  CcsNodeId out = CCS_NODE_NONE;
  g_assert_true (ccs_policy_lookup ("test-stay")->place (NULL, NULL, &task, &out, &error));
  g_assert_cmpint (out, ==, 17);

  /* Registering it a second time is a duplicate. */
  expect_rejected (&ops, NULL);
  g_assert_cmpuint (n_registered (), ==, before + 1);
}

static void
test_register_before_builtins (void)
{
  g_test_summary ("A policy registered before any lookup cannot take a "
                  "built-in's name");
  /* In a fresh process nothing has registered the built-ins yet.  A
   * plug-in named "local" registered first must be rejected as a
   * duplicate, exactly as it is once the built-ins are in.  The registry
   * is process-wide, so the check runs in a child process of its own,
   * whatever tests ran before it here. */
  if (!g_test_subprocess ())
    {
      g_test_trap_subprocess (NULL, 0, G_TEST_SUBPROCESS_INHERIT_STDERR);
      g_test_trap_assert_passed ();
      return;
    }
  static const CcsPlacementOps early
      = { CCS_POLICY_ABI, "local", "an early impostor", 0, NULL, stay_place, NULL, NULL };
  expect_rejected (&early, NULL);
  const CcsPlacementOps *local = ccs_policy_lookup ("local");
  g_assert_nonnull (local);
  g_assert_true (local != &early);
  g_autofree char *names = ccs_policy_names ();
  g_assert_true (g_str_has_prefix (names, "local, nearest-edge"));
}

/* Run one clearing of mechanism NAME (with the [Market] text OPTIONS)
 * for sellers with the given utilisations and multipliers. */
static void
clear_once (const char *name, const char *options, const double *u, double *m, guint n)
{
  const CcsMarketOps *ops = ccs_market_lookup (name);
  g_assert_nonnull (ops);
  g_assert_cmpuint (ops->abi, ==, CCS_MARKET_ABI);
  g_autofree char *text = g_strdup_printf ("[Market]\nmechanism = %s\n%s", name, options);
  g_autofree char *path = ccs_test_write ("market.ini", text);
  g_autoptr (CcsIni) ini = ccs_ini_load (path, NULL);
  g_autofree gpointer state = ops->state_size ? g_malloc0 (ops->state_size) : NULL;
  GError *error = NULL;
  if (ops->configure)
    g_assert_true (ops->configure (state, ccs_ini_group (ini, "Market"), &error));
  g_assert_no_error (error);
  g_autofree CcsMarketSeller *s = g_new0 (CcsMarketSeller, n);
  for (guint i = 0; i < n; i++)
    s[i] = (CcsMarketSeller){ "p", 4, u[i] * 4, m[i] };
  ops->clear (state, 0, 60, s, n);
  for (guint i = 0; i < n; i++)
    m[i] = s[i].multiplier;
}

/* The mechanisms' price rules, against hand-computed multipliers. */
static void
test_markets (void)
{
  g_autofree char *names = ccs_market_names ();
  g_assert_cmpstr (names, ==, "posted, surge, spot");
  g_assert_null (ccs_market_lookup ("auction"));
  double u[] = { 0, 0.5, 0.75, 1 };
  double m[] = { 1.7, 1, 1, 1 };
  clear_once ("posted", "", u, m, 4);
  for (int i = 0; i < 4; i++)
    g_assert_cmpfloat (m[i], ==, 1);
  /* surge, alpha 2, target 0.5: 1 + 2 (u − 0.5) / 0.5 above the target. */
  clear_once ("surge", "", u, m, 4);
  g_assert_cmpfloat (m[0], ==, 1);
  g_assert_cmpfloat (m[1], ==, 1);
  g_assert_cmpfloat_with_epsilon (m[2], 2, 1e-12);
  g_assert_cmpfloat_with_epsilon (m[3], 3, 1e-12);
  double m2[] = { 1, 1, 1, 1 };
  clear_once ("surge", "alpha = 1\ntarget = 0.8\n", u, m2, 4);
  g_assert_cmpfloat_with_epsilon (m2[3], 2, 1e-12);
  g_assert_cmpfloat (m2[2], ==, 1);
  /* spot, gain 0.5, target 0.7, floor 0.3: m (1 + 0.5 (u − 0.7)),
   * clamped to [0.3, 1]. */
  double s[] = { 1, 1, 0.5, 0.31 };
  double us[] = { 0.2, 1, 1, 0 };
  clear_once ("spot", "", us, s, 4);
  g_assert_cmpfloat_with_epsilon (s[0], 0.75, 1e-12);
  g_assert_cmpfloat (s[1], ==, 1);                          /* capped at list */
  g_assert_cmpfloat_with_epsilon (s[2], 0.5 * 1.15, 1e-12); /* recovering */
  g_assert_cmpfloat (s[3], ==, 0.3);                        /* floor */
  clear_once ("spot", "", us, s, 4);
  g_assert_cmpfloat_with_epsilon (s[0], 0.5625, 1e-12);
  /* Bad options name file, line and key. */
  const CcsMarketOps *ops = ccs_market_lookup ("spot");
  g_autofree char *path = ccs_test_write ("bad-market.ini", "[Market]\nfloor = 1.5\n");
  g_autoptr (CcsIni) ini = ccs_ini_load (path, NULL);
  g_autofree gpointer state = g_malloc0 (ops->state_size);
  g_autoptr (GError) error = NULL;
  g_assert_false (ops->configure (state, ccs_ini_group (ini, "Market"), &error));
  g_autofree char *at = g_strdup_printf ("%s:2: [Market] floor: '1.5'", path);
  ccs_test_assert_prefix (error->message, at);
  /* A zero floor would pin the price at zero for good. */
  g_autofree char *path0 = ccs_test_write ("zero-market.ini", "[Market]\nfloor = 0\n");
  g_autoptr (CcsIni) ini0 = ccs_ini_load (path0, NULL);
  g_autoptr (GError) error0 = NULL;
  g_assert_false (ops->configure (state, ccs_ini_group (ini0, "Market"), &error0));
  ccs_test_assert_contains (error0->message, "floor: '0' must be above 0");
}

int
main (int argc, char **argv)
{
  g_test_init (&argc, &argv, NULL);
  g_test_add_func ("/policies/registry/before-builtins", test_register_before_builtins);
  g_test_add_func ("/policies/registry/builtins", test_builtins);
  g_test_add_func ("/policies/registry/lookup-unknown", test_lookup_unknown);
  g_test_add_func ("/policies/registry/reject-abi", test_reject_abi);
  g_test_add_func ("/policies/registry/reject-no-place", test_reject_no_place);
  g_test_add_func ("/policies/registry/reject-duplicate", test_reject_duplicate);
  g_test_add_func ("/policies/registry/accept-new", test_accept_new);
  g_test_add_func ("/policies/markets/rules", test_markets);
  return g_test_run ();
}
