/* test-policies.c — the placement-policy registry.
 *
 * The registry is process-wide, so the tests that add to it check counts
 * relative to what was there before, and the test about registering before
 * the built-ins runs in a child process with a fresh registry.
 */
#include <string.h>

#include "policies/policy.h"
#include "tests/testutil.h"

#define assert_contains(haystack, needle)                                     \
  G_STMT_START                                                                \
  {                                                                           \
    const char *h_ = (haystack), *n_ = (needle);                              \
    if (!strstr (h_, n_))                                                     \
      g_test_message ("'%s' does not contain '%s'", h_, n_);                  \
    g_assert_nonnull (strstr (h_, n_));                                       \
  }                                                                           \
  G_STMT_END

static const char *const builtins[] = { "local",        "nearest-edge",
                                        "cloud-only",   "random",
                                        "round-robin",  "least-loaded",
                                        "earliest-finish" };

/* Run the body of the current test in a child process, for tests of known
 * bugs: a failed assertion (or a crash in the code under test) there fails
 * this test alone through g_test_fail, and with --keep-going (set in main)
 * the later tests still run.  Returns TRUE in the child, which goes on
 * with the body. */
static gboolean
run_in_child (void)
{
  if (g_test_subprocess ())
    return TRUE;
  g_test_trap_subprocess (NULL, 0, G_TEST_SUBPROCESS_INHERIT_STDERR);
  if (!g_test_trap_has_passed ())
    g_test_fail_printf ("%s failed in a child process (its output is above)",
                        g_test_get_path ());
  return FALSE;
}

/* A place() that keeps every task on its device. */
static gboolean
stay_place (gpointer state, const CcsView *view, const CcsTask *task,
            CcsNodeId *out, GError **error)
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
  static const CcsPlacementOps ops = { CCS_POLICY_ABI + 1, "test-abi", "wrong ABI",
                                       0, NULL, stay_place, NULL, NULL };
  guint before = n_registered ();
  g_autoptr (GError) error = NULL;
  g_assert_false (ccs_policy_register (&ops, &error));
  g_assert_error (error, CCS_POLICY_ERROR, CCS_POLICY_ERROR_REGISTRY);
  assert_contains (error->message, "'test-abi'");
  g_autofree char *abi = g_strdup_printf ("ABI %u, expected %u",
                                          CCS_POLICY_ABI + 1, CCS_POLICY_ABI);
  assert_contains (error->message, abi);
  g_assert_null (ccs_policy_lookup ("test-abi"));
  g_assert_cmpuint (n_registered (), ==, before);

  static const CcsPlacementOps zero = { 0, "test-abi0", "ABI 0", 0, NULL,
                                        stay_place, NULL, NULL };
  g_clear_error (&error);
  g_assert_false (ccs_policy_register (&zero, &error));
  g_assert_error (error, CCS_POLICY_ERROR, CCS_POLICY_ERROR_REGISTRY);
  g_assert_null (ccs_policy_lookup ("test-abi0"));
}

static void
test_reject_no_place (void)
{
  g_test_summary ("A table without place() or without a name is rejected");
  static const CcsPlacementOps noplace = { CCS_POLICY_ABI, "test-noplace", "no place()",
                                           0, NULL, NULL, NULL, NULL };
  static const CcsPlacementOps noname = { CCS_POLICY_ABI, NULL, "no name",
                                          0, NULL, stay_place, NULL, NULL };
  static const CcsPlacementOps empty = { CCS_POLICY_ABI, "", "empty name",
                                         0, NULL, stay_place, NULL, NULL };
  guint before = n_registered ();
  g_autoptr (GError) error = NULL;
  g_assert_false (ccs_policy_register (&noplace, &error));
  g_assert_error (error, CCS_POLICY_ERROR, CCS_POLICY_ERROR_REGISTRY);
  assert_contains (error->message, "policy 'test-noplace'");
  assert_contains (error->message, "place() operation are required");
  g_assert_null (ccs_policy_lookup ("test-noplace"));
  g_clear_error (&error);

  g_assert_false (ccs_policy_register (&noname, &error));
  g_assert_error (error, CCS_POLICY_ERROR, CCS_POLICY_ERROR_REGISTRY);
  assert_contains (error->message, "a name and a place() operation are required");
  g_clear_error (&error);

  g_assert_false (ccs_policy_register (&empty, &error));
  g_assert_error (error, CCS_POLICY_ERROR, CCS_POLICY_ERROR_REGISTRY);
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
  g_autoptr (GError) error = NULL;
  g_assert_false (ccs_policy_register (&copy, &error));
  g_assert_error (error, CCS_POLICY_ERROR, CCS_POLICY_ERROR_REGISTRY);
  assert_contains (error->message, "policy 'local' is already registered");
  /* The built-in stays in place. */
  g_assert_true (ccs_policy_lookup ("local") == local);
  g_assert_cmpuint (n_registered (), ==, before);
}

static void
test_accept_new (void)
{
  g_test_summary ("A valid new policy is accepted, found by name and listed last");
  static const CcsPlacementOps ops = { CCS_POLICY_ABI, "test-stay", "keep tasks home",
                                       0, NULL, stay_place, NULL, NULL };
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
  g_assert_false (ccs_policy_register (&ops, &error));
  g_assert_error (error, CCS_POLICY_ERROR, CCS_POLICY_ERROR_REGISTRY);
  g_assert_cmpuint (n_registered (), ==, before + 1);
}

static void
test_register_before_builtins (void)
{
  g_test_summary ("A policy registered before any lookup cannot take a "
                  "built-in's name");
  /* In a fresh process nothing has registered the built-ins yet.  A
   * plug-in named "local" registered first must be rejected as a
   * duplicate, exactly as it is once the built-ins are in. */
  if (!run_in_child ())
    return;
  static const CcsPlacementOps early = { CCS_POLICY_ABI, "local", "an early impostor",
                                         0, NULL, stay_place, NULL, NULL };
  g_autoptr (GError) error = NULL;
  gboolean ok = ccs_policy_register (&early, &error);
  g_assert_false (ok);
  g_assert_error (error, CCS_POLICY_ERROR, CCS_POLICY_ERROR_REGISTRY);
  const CcsPlacementOps *local = ccs_policy_lookup ("local");
  g_assert_nonnull (local);
  g_assert_true (local != &early);
  g_autofree char *names = ccs_policy_names ();
  g_assert_true (g_str_has_prefix (names, "local, nearest-edge"));
}

int
main (int argc, char **argv)
{
  /* --keep-going: a test failed with g_test_fail (run_in_child) does not
   * end the binary, so one known bug does not hide the tests after it.
   * Failed assertions still abort as usual. */
  g_autofree char **args = g_new0 (char *, argc + 2);
  memcpy (args, argv, argc * sizeof *argv);
  args[argc++] = (char *) "--keep-going";
  g_test_init (&argc, &args, NULL);
  g_test_add_func ("/policies/registry/before-builtins", test_register_before_builtins);
  g_test_add_func ("/policies/registry/builtins", test_builtins);
  g_test_add_func ("/policies/registry/lookup-unknown", test_lookup_unknown);
  g_test_add_func ("/policies/registry/reject-abi", test_reject_abi);
  g_test_add_func ("/policies/registry/reject-no-place", test_reject_no_place);
  g_test_add_func ("/policies/registry/reject-duplicate", test_reject_duplicate);
  g_test_add_func ("/policies/registry/accept-new", test_accept_new);
  return g_test_run ();
}
