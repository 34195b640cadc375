/* test-clprobe.c — the OpenCL probe (real/clprobe) against the local
 * OpenCL device (PoCL's CPU device here): listing, a --quick benchmark whose
 * lines parse and agree with their own formulas, and clear failures for a
 * device that is not there or a malformed argument.
 *
 * The probe is a separate program (plain C, no GLib), so the tests spawn
 * $CLPROBE_BIN.  Without a device (clinfo -l lists none) the cases that
 * need one skip rather than fail.  PoCL silently loses its device when its
 * kernel cache is unwritable: meson sets POCL_CACHE_DIR in the build
 * folder, and a run by hand gets one in the test's temporary folder. */
#include <math.h>
#include <string.h>
#include <sys/wait.h>

#include "tests/testutil.h"

static gboolean have_device;

/* Run clprobe with ARGS (NULL-terminated); return its exit status, 128 +
 * signal if it was killed. */
static int
run_probe (char **out, char **err, ...)
{
  va_list ap;
  va_start (ap, err);
  int st = ccs_test_spawn_va ("CLPROBE_BIN", out, err, ap);
  va_end (ap);
  return st;
}

/* Whether an OpenCL device is there: `clinfo -l` lists a "Device #" line;
 * without clinfo, `clprobe --list` succeeds. */
static gboolean
detect_device (void)
{
  g_autofree char *clinfo = g_find_program_in_path ("clinfo");
  if (!clinfo)
    return run_probe (NULL, NULL, "--list", NULL) == 0;
  char *argv[] = { clinfo, "-l", NULL };
  g_autofree char *out = NULL;
  int st = 0;
  if (!g_spawn_sync (NULL, argv, NULL, G_SPAWN_STDERR_TO_DEV_NULL, NULL, NULL, &out, NULL, &st,
                     NULL))
    return FALSE;
  return out && strstr (out, "Device #") != NULL;
}

static gboolean
skip_without_device (void)
{
  if (!have_device)
    g_test_skip ("no OpenCL device (clinfo -l lists none)");
  return !have_device;
}

/* The line of @text that starts with @prefix (which must be there). */
static char *
line_with (const char *text, const char *prefix)
{
  g_auto (GStrv) lines = g_strsplit (text, "\n", -1);
  char *found = NULL;
  for (char **l = lines; *l && !found; l++)
    if (g_str_has_prefix (*l, prefix))
      found = g_strdup (*l);
  if (!found)
    g_test_message ("no line starting with '%s' in:\n%s", prefix, text);
  g_assert_nonnull (found);
  return found;
}

/* The number after " KEY=" in @line; it must be there, parse whole and be
 * finite. */
static double
field (const char *line, const char *key)
{
  g_autofree char *pat = g_strdup_printf (" %s=", key);
  const char *at = strstr (line, pat);
  if (!at)
    g_test_message ("no '%s' in '%s'", pat, line);
  g_assert_nonnull (at);
  const char *start = at + strlen (pat);
  char *end = NULL;
  double v = g_ascii_strtod (start, &end);
  g_assert_true (end > start);
  g_assert_true (*end == ' ' || *end == '\0');
  g_assert_true (isfinite (v));
  return v;
}

static void
assert_close (double v, double expect, double rel)
{
  if (!(fabs (v - expect) <= rel * fabs (expect)))
    g_test_message ("%.9g is not within %g of %.9g", v, rel, expect);
  g_assert_cmpfloat (fabs (v - expect), <=, rel * fabs (expect));
}

static void
test_list (void)
{
  g_test_summary ("--list names every platform and device, with their properties");
  if (skip_without_device ())
    return;
  g_autofree char *out = NULL, *err = NULL;
  int status = run_probe (&out, &err, "--list", NULL);
  if (status != 0)
    g_test_message ("stderr: %s", err);
  g_assert_cmpint (status, ==, 0);
  g_autofree char *plat = line_with (out, "platform 0 name=\"");
  ccs_test_assert_contains (plat, " version=\"OpenCL ");
  g_autofree char *dev = line_with (out, "device 0:0 name=\"");
  ccs_test_assert_contains (dev, " vendor=\"");
  ccs_test_assert_contains (dev, " type=");
  ccs_test_assert_contains (dev, " version=\"OpenCL ");
  g_assert_cmpfloat (field (dev, "compute_units"), >=, 1);
  g_assert_cmpfloat (field (dev, "max_clock_mhz"), >=, 0);
  g_assert_cmpfloat (field (dev, "global_mem_bytes"), >, 0);
  g_assert_cmpfloat (field (dev, "max_alloc_bytes"), >, 0);
}

static void
test_quick (void)
{
  g_test_summary ("--device 0:0 --quick: GEMM, triad and launch lines that parse, are positive "
                  "and agree with their FLOP and byte counts");
  if (skip_without_device ())
    return;
  g_autofree char *out = NULL, *err = NULL;
  int status = run_probe (&out, &err, "--device", "0:0", "--quick", NULL);
  g_test_message ("clprobe output:\n%s%s", out, err);
  g_assert_cmpint (status, ==, 0);
  ccs_test_assert_prefix (out, "device 0:0 name=\"");

  static const unsigned sizes[] = { 256, 512, 1024 };
  for (gsize i = 0; i < G_N_ELEMENTS (sizes); i++)
    {
      double n = sizes[i];
      g_autofree char *prefix = g_strdup_printf ("gemm n=%u ", sizes[i]);
      g_autofree char *line = line_with (out, prefix);
      double t = field (line, "time_s"), gflops = field (line, "gflops");
      g_assert_cmpfloat (t, >, 0);
      g_assert_cmpfloat (gflops, >, 0);
      /* FLOP = 2n³; printed to 7 and 3+ digits. */
      assert_close (gflops, 2 * n * n * n / t * 1e-9, 1e-2);
    }
  /* --quick stops at n = 1024 and at 2^24 floats. */
  g_assert_null (strstr (out, "gemm n=2048"));

  g_autofree char *triad = line_with (out, "triad n=16777216 ");
  double t = field (triad, "time_s"), gbps = field (triad, "gbps");
  g_assert_cmpfloat (t, >, 0);
  g_assert_cmpfloat (gbps, >, 0);
  assert_close (gbps, 3 * 4 * 16777216.0 / t * 1e-9, 1e-2);

  g_autofree char *launch = line_with (out, "launch reps=100 ");
  g_assert_cmpfloat (field (launch, "launch_us"), >, 0);
  g_assert_cmpfloat (field (launch, "exec_us"), >=, 0);
}

static void
test_no_such_device (void)
{
  g_test_summary ("A device that is not there is a message and exit status 1, not a crash");
  g_autofree char *out = NULL, *err = NULL;
  int status = run_probe (&out, &err, "--device", "9:9", NULL);
  g_assert_cmpint (status, ==, 1);
  g_assert_cmpstr (out, ==, "");
  ccs_test_assert_prefix (err, "clprobe: ");
  /* Without any platform the message says so instead. */
  if (have_device)
    ccs_test_assert_contains (err, "no device 9:9");

  if (!have_device)
    return;
  g_clear_pointer (&out, g_free);
  g_clear_pointer (&err, g_free);
  status = run_probe (&out, &err, "--device", "0:99", NULL);
  g_assert_cmpint (status, ==, 1);
  g_assert_cmpstr (out, ==, "");
  ccs_test_assert_contains (err, "no device 0:99");
}

static void
test_usage (void)
{
  g_test_summary ("Bad arguments are a usage message and exit status 2");
  static const char *const cases[][3] = {
    { NULL },
    { "--device", "abc", NULL },
    { "--device", "0:", NULL },
    { "--device", "-1:0", NULL },
    { "--list", "--device", "0:0" },
    { "--bogus", NULL },
  };
  for (gsize i = 0; i < G_N_ELEMENTS (cases); i++)
    {
      g_autofree char *out = NULL, *err = NULL;
      int status = run_probe (&out, &err, cases[i][0], cases[i][1], cases[i][2], NULL);
      g_assert_cmpint (status, ==, 2);
      g_assert_cmpstr (out, ==, "");
      g_assert_cmpstr (err, !=, "");
    }
}

int
main (int argc, char **argv)
{
  g_test_init (&argc, &argv, NULL);
  /* A writable PoCL cache, also when run by hand (see above). */
  const char *cache = g_getenv ("POCL_CACHE_DIR");
  if (!cache || !cache[0])
    {
      g_autofree char *dir = g_build_filename (ccs_test_tmpdir (), "pocl-cache", NULL);
      g_setenv ("POCL_CACHE_DIR", dir, TRUE);
    }
  g_mkdir_with_parents (g_getenv ("POCL_CACHE_DIR"), 0755);
  have_device = detect_device ();

  g_test_add_func ("/clprobe/list", test_list);
  g_test_add_func ("/clprobe/quick", test_quick);
  g_test_add_func ("/clprobe/no-such-device", test_no_such_device);
  g_test_add_func ("/clprobe/usage", test_usage);
  return g_test_run ();
}
