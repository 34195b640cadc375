/* test-models.c — hardware profiles, the roofline and power models, link
 * classes and workload counts.
 *
 * Roofline and kernel expectations are computed by hand in the comments
 * from made-up profiles written by the tests, so a changed formula or
 * factor shows up as a wrong number here.
 */
#include <math.h>
#include <string.h>

#include "models/hw.h"
#include "models/links.h"
#include "models/workloads.h"
#include "tests/testutil.h"

/* A shipped hardware profile: the file @name under hwprofiles/ (NULL for
 * the folder). */
static char *
shipped_profile (const char *name)
{
  return g_build_filename (ccs_test_source_dir (), "hwprofiles", name, NULL);
}

/* A made-up accelerator: 1 TFLOPS fp32, 100 GB/s, every efficiency 0.5,
 * 10 us launch overhead, 10-30 W.  Its ridge point is 1e12 / 1e11 = 10
 * FLOP/B. */
static const char accel_ini[] = "# made-up accelerator for roofline arithmetic\n"
                                "[Profile]\n"
                                "name = test-accel\n"
                                "class = gpu\n"
                                "cores = 2\n"
                                "slots = 1\n"
                                "fp32 = 1 TFLOPS\n"
                                "memory = 1 GB\n"
                                "bandwidth = 100 GB/s\n"
                                "eff_gemm = 0.5\n"
                                "eff_conv = 0.5\n"
                                "eff_depthwise = 0.5\n"
                                "eff_memory = 0.5\n"
                                "launch_overhead = 10 us\n"
                                "power_idle = 10 W\n"
                                "power_peak = 30 W\n";

static CcsHwProfile *
load_text (const char *name, const char *text)
{
  g_autofree char *path = ccs_test_write (name, text);
  g_autoptr (GError) error = NULL;
  CcsHwProfile *p = ccs_hw_profile_load (path, &error);
  g_assert_no_error (error);
  g_assert_nonnull (p);
  return p;
}

/* ---- profiles ---- */

static void
test_profiles_shipped (void)
{
  g_test_summary ("Every shipped profile loads, is sane, and every device "
                  "class is covered");
  g_autofree char *dir = shipped_profile (NULL);
  g_autoptr (GError) error = NULL;
  g_autoptr (GDir) d = g_dir_open (dir, 0, &error);
  g_assert_no_error (error);
  gboolean seen[CCS_DEV_N_CLASSES] = { FALSE };
  guint n = 0;
  const char *f;
  while ((f = g_dir_read_name (d)))
    {
      if (!g_str_has_suffix (f, ".ini"))
        continue;
      g_autofree char *path = g_build_filename (dir, f, NULL);
      g_test_message ("loading %s", path);
      g_autoptr (CcsHwProfile) p = ccs_hw_profile_load (path, &error);
      g_assert_no_error (error);
      g_assert_nonnull (p);
      n++;
      /* The name is the file stem, so scenarios can refer to it. */
      g_autofree char *stem = g_strndup (f, strlen (f) - 4);
      g_assert_cmpstr (p->name, ==, stem);
      g_assert_cmpstr (p->path, ==, path);
      g_assert_cmpuint (p->klass, <, CCS_DEV_N_CLASSES);
      seen[p->klass] = TRUE;
      g_assert_cmpuint (p->cores, >=, 1);
      g_assert_cmpuint (p->slots, >=, 1);
      g_assert_cmpfloat (ccs_hw_effective_peak (p, CCS_PREC_INT8), >, 0);
      g_assert_cmpfloat (p->memory_bytes, >, 0);
      g_assert_cmpfloat (p->bandwidth_bytes_per_s, >, 0);
      for (int k = 0; k < CCS_KC_N; k++)
        {
          g_assert_cmpfloat (p->efficiency[k], >, 0);
          g_assert_cmpfloat (p->efficiency[k], <=, 1);
        }
      g_assert_cmpfloat (p->launch_s, >=, 0);
      g_assert_cmpfloat (p->power_idle_w, >=, 0);
      g_assert_cmpfloat (p->power_peak_w, >=, p->power_idle_w);
      g_assert_cmpfloat (p->power_peak_w, >, 0);
      g_assert_nonnull (p->summary);
      g_assert_cmpstr (p->summary, !=, "");
      /* A CXL tier has both capacity and bandwidth, or neither. */
      g_assert_cmpint (p->cxl_capacity_bytes > 0, ==, p->cxl_bandwidth_bytes_per_s > 0);
      g_assert_cmpfloat (p->cxl_latency_s, >=, 0);
    }
  g_assert_cmpuint (n, >=, 17);
  for (int c = 0; c < CCS_DEV_N_CLASSES; c++)
    {
      g_test_message ("class %s", ccs_device_class_name (c));
      g_assert_true (seen[c]);
    }
}

static void
test_profile_values (void)
{
  g_test_summary ("A shipped profile's figures are read with their units");
  g_autofree char *path = shipped_profile ("jetson-orin-nano.ini");
  g_autoptr (GError) error = NULL;
  g_autoptr (CcsHwProfile) p = ccs_hw_profile_load (path, &error);
  g_assert_no_error (error);
  g_assert_cmpint (p->klass, ==, CCS_DEV_GPU);
  g_assert_cmpuint (p->cores, ==, 8);
  g_assert_cmpuint (p->slots, ==, 1);
  ccs_test_assert_rel (p->peak_ops[CCS_PREC_FP32], 2.09e12);
  ccs_test_assert_rel (p->peak_ops[CCS_PREC_FP16], 16.7e12);
  ccs_test_assert_rel (p->peak_ops[CCS_PREC_INT8], 33.5e12);
  ccs_test_assert_rel (p->memory_bytes, 8e9);
  ccs_test_assert_rel (p->bandwidth_bytes_per_s, 102e9);
  ccs_test_assert_rel (p->efficiency[CCS_KC_DEPTHWISE], 0.15);
  ccs_test_assert_rel (p->launch_s, 15e-6);
  ccs_test_assert_rel (p->power_idle_w, 4);
  ccs_test_assert_rel (p->power_peak_w, 25);
  ccs_test_assert_rel (p->price_usd, 249);
  ccs_test_assert_rel (p->price_usd_per_hour, 0);
}

static void
test_profile_find (void)
{
  g_test_summary ("Profiles are found by name in the search path or by path");
  g_autofree char *dir = shipped_profile (NULL);
  const char *dirs[] = { "/nonexistent-ccsim-dir", dir, NULL };
  g_autoptr (GError) error = NULL;
  g_autoptr (CcsHwProfile) a = ccs_hw_profile_find ("rpi4", NULL, dirs, &error);
  g_assert_no_error (error);
  g_assert_cmpstr (a->name, ==, "rpi4");
  ccs_test_assert_rel (a->peak_ops[CCS_PREC_FP32], 48e9);

  /* A relative path is taken from the base folder. */
  g_autofree char *p = ccs_test_write ("find/sub/accel.ini", accel_ini);
  g_autofree char *base = g_path_get_dirname (p);
  g_autofree char *top = g_path_get_dirname (base);
  g_autoptr (CcsHwProfile) b = ccs_hw_profile_find ("sub/accel.ini", top, dirs, &error);
  g_assert_no_error (error);
  g_assert_cmpstr (b->name, ==, "test-accel");

  g_autoptr (CcsHwProfile) c = ccs_hw_profile_find ("rpi9", NULL, dirs, &error);
  g_assert_null (c);
  g_assert_error (error, CCS_HW_ERROR, CCS_HW_ERROR_NOT_FOUND);
  ccs_test_assert_contains (error->message, "unknown hardware profile 'rpi9'");
  g_clear_error (&error);

  g_autoptr (CcsHwProfile) d = ccs_hw_profile_find ("missing.ini", top, dirs, &error);
  g_assert_null (d);
  g_assert_error (error, CCS_HW_ERROR, CCS_HW_ERROR_NOT_FOUND);
  ccs_test_assert_contains (error->message, "missing.ini");
}

/* A broken profile: accel_ini with its first @from replaced by @to (or, with
 * no @from, @to appended), written as @name.  Loading it fails with an error
 * that starts with the file and the line of @marker and contains @needle. */
typedef struct
{
  const char *name;
  const char *from, *to;
  const char *marker;
  const char *needle;
} BrokenCase;

static void
check_broken (const BrokenCase *cases, gsize n)
{
  for (gsize i = 0; i < n; i++)
    {
      const BrokenCase *c = &cases[i];
      g_autofree char *text = c->from ? ccs_test_edit (accel_ini, c->from, c->to)
                                      : g_strconcat (accel_ini, c->to, NULL);
      g_autofree char *path = ccs_test_write (c->name, text);
      g_autoptr (GError) error = NULL;
      g_autoptr (CcsHwProfile) p = ccs_hw_profile_load (path, &error);
      g_assert_null (p);
      g_assert_error (error, CCS_HW_ERROR, CCS_HW_ERROR_INVALID);
      g_autofree char *loc = ccs_test_at (path, ccs_test_line_of (text, c->marker));
      g_test_message ("error: %s (expected at %s)", error->message, loc);
      ccs_test_assert_prefix (error->message, loc);
      ccs_test_assert_contains (error->message, c->needle);
    }
}

static void
test_profile_broken (void)
{
  g_test_summary ("Broken profiles fail with file, line and key");
  static const BrokenCase cases[] = {
    /* An unknown (misspelt optional) key, with a suggestion. */
    { "broken/typo.ini", NULL, "prcie = 100 USD\n", "prcie",
      "[Profile] prcie: unknown key (did you mean 'price'?)" },
    /* A missing required key: reported at the [Profile] line. */
    { "broken/missing.ini", "bandwidth = 100 GB/s\n", "", "[Profile]",
      "[Profile] bandwidth: missing (required)" },
    { "broken/noclass.ini", "class = gpu\n", "", "[Profile]",
      "[Profile] class: missing (required)" },
    /* Peak power below idle power. */
    { "broken/power.ini", "power_peak = 30 W", "power_peak = 5 W", "power_peak",
      "[Profile] power_peak: below power_idle" },
    /* A device class that does not exist. */
    { "broken/class.ini", "class = gpu", "class = dsp", "class = dsp",
      "unknown device class 'dsp' (mcu, sbc, cpu, gpu, fpga, vpu, tpu)" },
    /* Units and bounds. */
    { "broken/unit.ini", "bandwidth = 100 GB/s", "bandwidth = 100", "bandwidth = 100",
      "bandwidth: '100' has no unit" },
    { "broken/eff.ini", "eff_conv = 0.5", "eff_conv = 1.5", "eff_conv",
      "eff_conv: 1.5 is out of bounds" },
    { "broken/cores.ini", "cores = 2", "cores = 0", "cores", "cores: '0' is not an integer" },
    /* No peak rate at all. */
    { "broken/nopeak.ini", "fp32 = 1 TFLOPS\n", "", "[Profile]", "no peak rate given" },
    /* Only [Profile] is allowed. */
    { "broken/group.ini", NULL, "[Extra]\nx = 1\n", "[Extra]", "[Extra] unknown group" },
  };
  check_broken (cases, G_N_ELEMENTS (cases));
}

static void
test_profile_required_typo (void)
{
  g_test_summary ("A misspelt required key is reported as an unknown key "
                  "with a suggestion, at its own line");
  /* "eff_gemn" is a typo of a required key: the helpful message points at
   * the typo, not at the [Profile] header saying eff_gemm is missing. */
  static const BrokenCase cases[] = {
    { "broken/reqtypo.ini", "eff_gemm", "eff_gemn", "eff_gemn",
      "[Profile] eff_gemn: unknown key (did you mean 'eff_gemm'?)" },
  };
  check_broken (cases, G_N_ELEMENTS (cases));
}

static void
test_profile_cxl (void)
{
  g_test_summary ("The CXL tier keys are read with their units; absent means no tier");
  g_autofree char *path = shipped_profile ("xeon-6538y-cxl.ini");
  g_autoptr (GError) error = NULL;
  g_autoptr (CcsHwProfile) p = ccs_hw_profile_load (path, &error);
  g_assert_no_error (error);
  g_assert_cmpint (p->klass, ==, CCS_DEV_CPU);
  ccs_test_assert_rel (p->memory_bytes, 256e9);
  ccs_test_assert_rel (p->bandwidth_bytes_per_s, 332.8e9);
  /* 2 x 128 GB Samsung CXL modules at 35 GB/s each [76]; +100 ns (E). */
  ccs_test_assert_rel (p->cxl_capacity_bytes, 256e9);
  ccs_test_assert_rel (p->cxl_bandwidth_bytes_per_s, 70e9);
  ccs_test_assert_rel (p->cxl_latency_s, 100e-9);

  g_autoptr (CcsHwProfile) q = load_text ("accel.ini", accel_ini);
  g_assert_cmpfloat (q->cxl_capacity_bytes, ==, 0);
  g_assert_cmpfloat (q->cxl_bandwidth_bytes_per_s, ==, 0);
  g_assert_cmpfloat (q->cxl_latency_s, ==, 0);
}

static void
test_profile_broken_cxl (void)
{
  g_test_summary ("Bad or incomplete CXL keys fail with file, line and key");
  static const BrokenCase cases[] = {
    { "broken/cxl-word.ini", NULL, "cxl_capacity = 256 GB\ncxl_bandwidth = fast\n", "cxl_bandwidth",
      "[Profile] cxl_bandwidth: 'fast' is not a number" },
    { "broken/cxl-neg.ini", NULL, "cxl_capacity = 256 GB\ncxl_bandwidth = -36 GB/s\n",
      "cxl_bandwidth", "[Profile] cxl_bandwidth: -3.6e+10 is out of bounds" },
    { "broken/cxl-unit.ini", NULL, "cxl_capacity = 256 GB\ncxl_bandwidth = 36 GB\n",
      "cxl_bandwidth", "[Profile] cxl_bandwidth: '36 GB': unknown unit 'GB' for a bandwidth" },
    { "broken/cxl-nounit.ini", NULL, "cxl_capacity = 256 GB\ncxl_bandwidth = 36\n", "cxl_bandwidth",
      "[Profile] cxl_bandwidth: '36' has no unit" },
    { "broken/cxl-zero.ini", NULL, "cxl_capacity = 256 GB\ncxl_bandwidth = 0\n", "cxl_bandwidth",
      "[Profile] cxl_bandwidth: 0 is out of bounds" },
    { "broken/cxl-cap.ini", NULL, "cxl_capacity = -1 GB\ncxl_bandwidth = 36 GB/s\n", "cxl_capacity",
      "[Profile] cxl_capacity: -1e+09 is out of bounds" },
    { "broken/cxl-lat.ini", NULL,
      "cxl_capacity = 256 GB\ncxl_bandwidth = 36 GB/s\ncxl_latency = 5 ms\n", "cxl_latency",
      "[Profile] cxl_latency: 0.005 is out of bounds" },
    /* Half a tier: reported at the key that is there, naming the one that is not. */
    { "broken/cxl-nobw.ini", NULL, "cxl_capacity = 256 GB\n", "cxl_capacity",
      "[Profile] cxl_bandwidth: missing (a CXL tier needs cxl_capacity and cxl_bandwidth)" },
    { "broken/cxl-nocap.ini", NULL, "cxl_bandwidth = 36 GB/s\n", "cxl_bandwidth",
      "[Profile] cxl_capacity: missing" },
    { "broken/cxl-latonly.ini", NULL, "cxl_latency = 170 ns\n", "cxl_latency",
      "[Profile] cxl_latency: given without a CXL tier" },
    { "broken/cxl-typo.ini", NULL, "cxl_capacity = 256 GB\ncxl_bandwith = 36 GB/s\n",
      "cxl_bandwith", "[Profile] cxl_bandwith: unknown key (did you mean 'cxl_bandwidth'?)" },
  };
  check_broken (cases, G_N_ELEMENTS (cases));
}

/* ---- roofline and power ---- */

/* A kernel of @flops and @bytes in @prec and @kc on 1/@share of a device,
 * and the roofline time it takes there. */
typedef struct
{
  CcsPrecision prec;
  CcsKernelClass kc;
  double flops, bytes;
  guint share;
  double expect_s;
} RooflineCase;

static void
check_roofline (const CcsHwProfile *p, const RooflineCase *cases, gsize n)
{
  for (gsize i = 0; i < n; i++)
    {
      const RooflineCase *c = &cases[i];
      g_test_message ("%s %s: %g FLOP, %g B, 1/%u of the device", ccs_precision_name (c->prec),
                      ccs_kernel_class_name (c->kc), c->flops, c->bytes, c->share);
      ccs_test_assert_rel (ccs_hw_roofline_s (p, c->prec, c->kc, c->flops, c->bytes, c->share),
                           c->expect_s);
    }
}

static void
test_roofline (void)
{
  g_test_summary ("Roofline times on hand-computed compute- and memory-bound cases");
  g_autoptr (CcsHwProfile) p = load_text ("accel.ini", accel_ini);
  ccs_test_assert_rel (p->peak_ops[CCS_PREC_FP32], 1e12);
  ccs_test_assert_rel (p->bandwidth_bytes_per_s, 1e11);
  ccs_test_assert_rel (p->launch_s, 1e-5);
  g_assert_cmpstr (p->summary, ==, "test-accel"); /* defaults to the name */

  static const RooflineCase cases[] = {
    /* 1 GFLOP, 1 MB: compute 1e9 / (1e12·0.5) = 2 ms, memory
     * 1e6 / (1e11·0.5) = 20 us → compute bound: 2 ms + 10 us. */
    { CCS_PREC_FP32, CCS_KC_GEMM, 1e9, 1e6, 1, 2e-3 + 1e-5 },
    /* 1 MFLOP, 100 MB: compute 1e6 / 5e11 = 2 us, memory 1e8 / 5e10 = 2 ms
     * → memory bound: 2 ms + 10 us. */
    { CCS_PREC_FP32, CCS_KC_GEMM, 1e6, 1e8, 1, 2e-3 + 1e-5 },
    /* 1 MFLOP, 100 GB: memory 1e11 / 5e10 = 2 s. */
    { CCS_PREC_FP32, CCS_KC_GEMM, 1e6, 1e11, 1, 2.0 + 1e-5 },
    /* Sharing the device 4 ways divides peak and bandwidth by 4: both terms
     * ×4, the launch overhead unchanged. */
    { CCS_PREC_FP32, CCS_KC_GEMM, 1e9, 1e6, 4, 8e-3 + 1e-5 },
    { CCS_PREC_FP32, CCS_KC_GEMM, 1e6, 1e8, 4, 8e-3 + 1e-5 },
    { CCS_PREC_FP32, CCS_KC_GEMM, 1e6, 1e11, 4, 8.0 + 1e-5 },
    /* Compute bound at 1 GFLOP needs under 1e9 / 10 = 100 MB (the ridge):
     * 1 GFLOP with 1 GB is memory bound, 1e9 / 5e10 = 20 ms. */
    { CCS_PREC_FP32, CCS_KC_GEMM, 1e9, 1e9, 1, 2e-2 + 1e-5 },
    /* No work: only the launch overhead. */
    { CCS_PREC_FP32, CCS_KC_MEMORY, 0, 0, 1, 1e-5 },
  };
  check_roofline (p, cases, G_N_ELEMENTS (cases));
}

static void
test_roofline_ridge (void)
{
  g_test_summary ("At the ridge point (intensity = peak / bandwidth) compute "
                  "and memory times meet");
  g_autoptr (CcsHwProfile) p = load_text ("accel.ini", accel_ini);
  double ridge = p->peak_ops[CCS_PREC_FP32] / p->bandwidth_bytes_per_s;
  ccs_test_assert_rel (ridge, 10.0);
  /* 1e8 B at 10 FLOP/B = 1e9 FLOP: both terms 2 ms. */
  double t = ccs_hw_roofline_s (p, CCS_PREC_FP32, CCS_KC_GEMM, 1e9, 1e8, 1);
  ccs_test_assert_rel (t, 2e-3 + 1e-5);
  const RooflineCase cases[] = {
    /* Below the ridge more FLOPs are free; above it more bytes are free. */
    { CCS_PREC_FP32, CCS_KC_GEMM, 0.5e9, 1e8, 1, t },
    { CCS_PREC_FP32, CCS_KC_GEMM, 1e9, 0.5e8, 1, t },
    /* Past it, each side scales linearly: 2 GFLOP → 4 ms, 200 MB → 4 ms. */
    { CCS_PREC_FP32, CCS_KC_GEMM, 2e9, 1e8, 1, 4e-3 + 1e-5 },
    { CCS_PREC_FP32, CCS_KC_GEMM, 1e9, 2e8, 1, 4e-3 + 1e-5 },
  };
  check_roofline (p, cases, G_N_ELEMENTS (cases));
}

static void
test_roofline_efficiency (void)
{
  g_test_summary ("Each kernel class uses its own efficiency; memory traffic "
                  "uses eff_memory");
  g_autofree char *t = ccs_test_edit (accel_ini, "eff_depthwise = 0.5", "eff_depthwise = 0.1");
  g_autofree char *t2 = ccs_test_edit (t, "eff_memory = 0.5", "eff_memory = 0.25");
  g_autoptr (CcsHwProfile) p = load_text ("accel-eff.ini", t2);
  static const RooflineCase cases[] = {
    /* depthwise: 1e9 / (1e12·0.1) = 10 ms; gemm: 2 ms. */
    { CCS_PREC_FP32, CCS_KC_DEPTHWISE, 1e9, 0, 1, 1e-2 + 1e-5 },
    { CCS_PREC_FP32, CCS_KC_GEMM, 1e9, 0, 1, 2e-3 + 1e-5 },
    /* memory: 1e8 / (1e11·0.25) = 4 ms, whatever the compute class. */
    { CCS_PREC_FP32, CCS_KC_GEMM, 0, 1e8, 1, 4e-3 + 1e-5 },
    { CCS_PREC_FP32, CCS_KC_DEPTHWISE, 0, 1e8, 1, 4e-3 + 1e-5 },
  };
  check_roofline (p, cases, G_N_ELEMENTS (cases));
}

/* The effective peak rates of @p for fp32, fp16 and int8. */
static void
check_peaks (const CcsHwProfile *p, double fp32, double fp16, double int8)
{
  ccs_test_assert_rel (ccs_hw_effective_peak (p, CCS_PREC_FP32), fp32);
  ccs_test_assert_rel (ccs_hw_effective_peak (p, CCS_PREC_FP16), fp16);
  ccs_test_assert_rel (ccs_hw_effective_peak (p, CCS_PREC_INT8), int8);
}

static void
test_precision_fallback (void)
{
  g_test_summary ("Narrow precisions fall back to wider units (int8 → fp16 → "
                  "fp32), never the reverse");
  /* fp32 only: everything runs at the fp32 rate. */
  g_autoptr (CcsHwProfile) a = load_text ("fp32only.ini", accel_ini);
  check_peaks (a, 1e12, 1e12, 1e12);

  /* fp32 + fp16: int8 uses the fp16 units. */
  g_autofree char *t
      = ccs_test_edit (accel_ini, "fp32 = 1 TFLOPS", "fp32 = 1 TFLOPS\nfp16 = 4 TFLOPS");
  g_autoptr (CcsHwProfile) b = load_text ("fp16.ini", t);
  check_peaks (b, 1e12, 4e12, 4e12);
  /* 1 GOP int8 at 4e12·0.5 = 0.5 ms. */
  ccs_test_assert_rel (ccs_hw_roofline_s (b, CCS_PREC_INT8, CCS_KC_GEMM, 1e9, 0, 1), 5e-4 + 1e-5);

  /* int8 only: fp16 and fp32 cannot run. */
  g_autofree char *t2 = ccs_test_edit (accel_ini, "fp32 = 1 TFLOPS", "int8 = 4 TOPS");
  g_autoptr (CcsHwProfile) c = load_text ("int8only.ini", t2);
  check_peaks (c, 0, 0, 4e12);
  g_assert_cmpfloat (ccs_hw_roofline_s (c, CCS_PREC_FP32, CCS_KC_GEMM, 1e9, 1e6, 1), <, 0);
  g_assert_cmpfloat (ccs_hw_roofline_s (c, CCS_PREC_FP16, CCS_KC_CONV, 1e9, 1e6, 1), <, 0);
  ccs_test_assert_rel (ccs_hw_roofline_s (c, CCS_PREC_INT8, CCS_KC_GEMM, 1e9, 0, 1), 5e-4 + 1e-5);

  /* The shipped Edge TPU is int8 only. */
  g_autofree char *path = shipped_profile ("coral-edgetpu.ini");
  g_autoptr (GError) error = NULL;
  g_autoptr (CcsHwProfile) tpu = ccs_hw_profile_load (path, &error);
  g_assert_no_error (error);
  g_assert_cmpfloat (ccs_hw_roofline_s (tpu, CCS_PREC_FP32, CCS_KC_CONV, 1e9, 1e6, 1), <, 0);
  g_assert_cmpfloat (ccs_hw_roofline_s (tpu, CCS_PREC_INT8, CCS_KC_CONV, 1e9, 1e6, 1), >, 0);
}

static void
test_power (void)
{
  g_test_summary ("Linear power model between idle and peak, clamped to [0, 1]");
  g_autoptr (CcsHwProfile) p = load_text ("accel.ini", accel_ini);
  /* P(u) = 10 + (30 - 10)·u, u clamped to [0, 1]: { u, P(u) }. */
  static const double cases[][2]
      = { { 0.0, 10 }, { 0.25, 15 }, { 0.5, 20 }, { 1.0, 30 }, { 1.5, 30 }, { -0.5, 10 } };
  for (gsize i = 0; i < G_N_ELEMENTS (cases); i++)
    ccs_test_assert_rel (ccs_hw_power_w (p, cases[i][0]), cases[i][1]);
}

static void
test_names (void)
{
  g_test_summary ("Device classes, precisions and kernel classes parse by name");
  static const char *const classes[] = { "mcu", "sbc", "cpu", "gpu", "fpga", "vpu", "tpu" };
  G_STATIC_ASSERT (G_N_ELEMENTS (classes) == CCS_DEV_N_CLASSES);
  for (int i = 0; i < CCS_DEV_N_CLASSES; i++)
    {
      CcsDeviceClass c = 99;
      g_assert_cmpstr (ccs_device_class_name (i), ==, classes[i]);
      g_assert_true (ccs_device_class_parse (classes[i], &c));
      g_assert_cmpint (c, ==, i);
    }
  CcsDeviceClass c;
  g_assert_true (ccs_device_class_parse ("GPU", &c));
  g_assert_cmpint (c, ==, CCS_DEV_GPU);
  g_assert_false (ccs_device_class_parse ("dsp", &c));

  CcsPrecision pr;
  g_assert_true (ccs_precision_parse ("bf16", &pr));
  g_assert_cmpint (pr, ==, CCS_PREC_FP16);
  g_assert_true (ccs_precision_parse ("int8", &pr));
  g_assert_cmpint (pr, ==, CCS_PREC_INT8);
  g_assert_false (ccs_precision_parse ("fp64", &pr));
  g_assert_cmpstr (ccs_precision_name (CCS_PREC_FP32), ==, "fp32");

  CcsKernelClass k;
  g_assert_true (ccs_kernel_class_parse ("elementwise", &k));
  g_assert_cmpint (k, ==, CCS_KC_MEMORY);
  g_assert_true (ccs_kernel_class_parse ("depthwise", &k));
  g_assert_cmpint (k, ==, CCS_KC_DEPTHWISE);
  g_assert_false (ccs_kernel_class_parse ("fft", &k));
  g_assert_cmpstr (ccs_kernel_class_name (CCS_KC_CONV), ==, "conv");
}

/* ---- link classes ---- */

static void
test_links (void)
{
  g_test_summary ("Every link class is documented and physically sane; "
                  "lookup by name");
  gsize n = 0;
  const CcsLinkClass *lc = ccs_link_classes (&n);
  g_assert_cmpuint (n, >=, 10);
  for (gsize i = 0; i < n; i++)
    {
      g_test_message ("link class %s", lc[i].name);
      g_assert_nonnull (lc[i].name);
      g_assert_cmpstr (lc[i].name, !=, "");
      g_assert_nonnull (lc[i].summary);
      g_assert_cmpstr (lc[i].summary, !=, "");
      g_assert_nonnull (lc[i].source);
      g_assert_cmpstr (lc[i].source, !=, "");
      g_assert_cmpfloat (lc[i].bandwidth_bps, >, 0);
      g_assert_cmpfloat (lc[i].latency_s, >=, 0);
      g_assert_cmpfloat (lc[i].energy_j_per_bit, >=, 0);
      g_assert_true (ccs_link_class_lookup (lc[i].name) == &lc[i]);
      for (gsize j = 0; j < i; j++)
        g_assert_cmpstr (lc[i].name, !=, lc[j].name);
    }
  /* Classes the scenario defaults rely on. */
  static const char *const needed[] = { "wifi5", "metro", "wan", "eth10g", "infiniband", "ideal" };
  for (gsize i = 0; i < G_N_ELEMENTS (needed); i++)
    g_assert_nonnull (ccs_link_class_lookup (needed[i]));

  const CcsLinkClass *w = ccs_link_class_lookup ("wifi5");
  ccs_test_assert_rel (w->bandwidth_bps, 360e6);
  ccs_test_assert_rel (w->latency_s, 2e-3);
  g_assert_true (w->wireless);
  g_assert_false (ccs_link_class_lookup ("metro")->wireless);
  const CcsLinkClass *ideal = ccs_link_class_lookup ("ideal");
  g_assert_cmpfloat (ideal->latency_s, ==, 0);
  g_assert_cmpfloat (ideal->energy_j_per_bit, ==, 0);

  g_assert_null (ccs_link_class_lookup ("wifi7"));
  g_assert_null (ccs_link_class_lookup ("WIFI5"));
  g_assert_null (ccs_link_class_lookup (""));
  g_assert_null (ccs_link_class_lookup (NULL));
}

/* ---- workloads ---- */

/* @w is exactly @flops FLOP and @bytes B of kernel class @klass. */
static void
check_work (CcsWork w, double flops, double bytes, CcsKernelClass klass)
{
  g_assert_cmpfloat (w.flops, ==, flops);
  g_assert_cmpfloat (w.bytes, ==, bytes);
  g_assert_cmpint (w.klass, ==, klass);
}

static void
test_kernel_gemm (void)
{
  g_test_summary ("GEMM: 2mnk FLOP and (mk + kn + mn)·elem bytes");
  /* 2·64·128·256 = 4,194,304 FLOP;
   * (64·256 + 256·128 + 64·128)·4 = (16384 + 32768 + 8192)·4 = 229,376 B */
  check_work (ccs_kernel_gemm (64, 128, 256, 4), 4194304.0, 229376.0, CCS_KC_GEMM);
  /* Not symmetric in its arguments: m=1 (a GEMV). */
  check_work (ccs_kernel_gemm (1, 1000, 1000, 2), 2e6, (1000.0 + 1e6 + 1000.0) * 2, CCS_KC_GEMM);
}

static void
test_kernel_conv (void)
{
  g_test_summary ("Convolutions with stride 2 and odd sizes round the output up");
  /* conv2d: batch 1, 3→8 channels, 7×5 input, 3×3 kernel, stride 2, fp32.
   * h_out = ceil(7/2) = 4, w_out = ceil(5/2) = 3.
   * flops = 2·1·8·4·3·3·3·3 = 5184
   * bytes = (1·3·7·5 + 8·3·3·3 + 1·8·4·3)·4 = (105 + 216 + 96)·4 = 1668 */
  check_work (ccs_kernel_conv2d (1, 3, 7, 5, 8, 3, 3, 2, 4), 5184.0, 1668.0, CCS_KC_CONV);
  /* Stride 1 keeps the size: 2·1·8·7·5·3·3·3 = 15120. */
  check_work (ccs_kernel_conv2d (1, 3, 7, 5, 8, 3, 3, 1, 4), 15120.0, (105.0 + 216 + 280) * 4,
              CCS_KC_CONV);

  /* depthwise: batch 2, 16 channels, 9×9, 3×3, stride 2, int8.
   * h_out = w_out = ceil(9/2) = 5.
   * flops = 2·2·16·5·5·3·3 = 14400
   * bytes = 2·16·81 + 16·9 + 2·16·25 = 2592 + 144 + 800 = 3536 */
  check_work (ccs_kernel_depthwise (2, 16, 9, 9, 3, 3, 2, 1), 14400.0, 3536.0, CCS_KC_DEPTHWISE);
}

static void
test_kernel_attention (void)
{
  g_test_summary ("Attention: 4·s²·d FLOP and (4·s·d + s²)·elem bytes per head");
  /* 12 heads, s = 128, d = 64, fp16:
   * flops = 12·4·128²·64 = 50,331,648
   * bytes = 12·(4·128·64 + 128²)·2 = 12·(32768 + 16384)·2 = 1,179,648 */
  check_work (ccs_kernel_attention (12, 128, 64, 2), 50331648.0, 1179648.0, CCS_KC_GEMM);
}

static void
test_kernel_memory (void)
{
  g_test_summary ("Element-wise and reduction kernels are memory class");
  /* 1e6 elements, 2 ops each, 3 arrays of fp32: 2e6 FLOP, 1.2e7 B. */
  check_work (ccs_kernel_elementwise (1e6, 2, 3, 4), 2e6, 1.2e7, CCS_KC_MEMORY);
  check_work (ccs_kernel_reduction (1e6, 2), 1e6, 2e6, CCS_KC_MEMORY);
}

static void
test_models_catalogue (void)
{
  g_test_summary ("DNN catalogue figures match their published values");
  const CcsModel *r = ccs_model_lookup ("resnet50");
  g_assert_nonnull (r);
  g_assert_cmpfloat_with_epsilon (r->flops, 8.18e9, 8.18e9 * 0.01);
  g_assert_cmpfloat_with_epsilon (r->params, 25.56e6, 25.56e6 * 0.01);
  g_assert_cmpint (r->klass, ==, CCS_KC_CONV);
  const CcsModel *y = ccs_model_lookup ("yolov8n");
  g_assert_nonnull (y);
  g_assert_cmpfloat_with_epsilon (y->flops, 8.7e9, 8.7e9 * 0.01);
  g_assert_cmpfloat_with_epsilon (y->params, 3.16e6, 3.16e6 * 0.01);
  g_assert_null (ccs_model_lookup ("resnet51"));
  g_assert_null (ccs_model_lookup (NULL));

  gsize n = 0;
  const CcsModel *m = ccs_models (&n);
  g_assert_cmpuint (n, >=, 5);
  for (gsize i = 0; i < n; i++)
    {
      g_assert_true (ccs_model_lookup (m[i].name) == &m[i]);
      g_assert_cmpfloat (m[i].flops, >, 0);
      g_assert_cmpfloat (m[i].params, >, 0);
      g_assert_cmpfloat (m[i].activation_bytes, >, 0);
      g_assert_nonnull (m[i].source);
      g_assert_cmpstr (m[i].source, !=, "");
    }
}

static void
test_model_work (void)
{
  g_test_summary ("Model work scales FLOPs and activations with the batch, "
                  "weights with the element size");
  const CcsModel *y = ccs_model_lookup ("yolov8n");
  /* batch 1, fp16: 8.7e9 FLOP; 3.16e6·2 + 72e6 = 78.32e6 B */
  CcsWork w = ccs_model_work (y, 1, 2);
  ccs_test_assert_rel (w.flops, 8.7e9);
  ccs_test_assert_rel (w.bytes, 78.32e6);
  g_assert_cmpint (w.klass, ==, CCS_KC_CONV);
  /* batch 4, fp16: 4·8.7e9 FLOP; weights once: 3.16e6·2 + 4·72e6 = 294.32e6 B */
  w = ccs_model_work (y, 4, 2);
  ccs_test_assert_rel (w.flops, 34.8e9);
  ccs_test_assert_rel (w.bytes, 294.32e6);
  /* int8 weights halve the weight traffic: 3.16e6 + 72e6. */
  w = ccs_model_work (y, 1, 1);
  ccs_test_assert_rel (w.bytes, 75.16e6);
  /* No model: no work. */
  w = ccs_model_work (NULL, 4, 2);
  g_assert_cmpfloat (w.flops, ==, 0);
  g_assert_cmpfloat (w.bytes, ==, 0);
}

/* A shipped profile by file stem. */
static CcsHwProfile *
shipped (const char *stem)
{
  g_autofree char *file = g_strconcat (stem, ".ini", NULL);
  g_autofree char *path = shipped_profile (file);
  g_autoptr (GError) error = NULL;
  CcsHwProfile *p = ccs_hw_profile_load (path, &error);
  g_assert_no_error (error);
  return p;
}

static void
test_model_memory (void)
{
  g_test_summary ("Memory footprint: weights + resident activations; training adds "
                  "gradients and Adam state at 16 B/param and stored activations");
  const CcsModel *r = ccs_model_lookup ("resnet50");
  /* Inference: 25.56 M params; 22.5 MB of resident activations per image
   * (activation_bytes 45 MB of traffic / 2: every tensor once).
   *   fp16, batch 1:  25.56e6·2 + 22.5e6      =  51.12 + 22.5 =  73.62 MB
   *   fp16, batch 32: 51.12e6 + 32·22.5e6     =  51.12 + 720  = 771.12 MB
   *   fp32, batch 1:  25.56e6·4 + 22.5e6      = 102.24 + 22.5 = 124.74 MB
   *   fp32, batch 32: 102.24e6 + 720e6                        = 822.24 MB */
  ccs_test_assert_rel (ccs_model_memory_bytes (r, 1, 2, FALSE), 73.62e6);
  ccs_test_assert_rel (ccs_model_memory_bytes (r, 32, 2, FALSE), 771.12e6);
  ccs_test_assert_rel (ccs_model_memory_bytes (r, 1, 4, FALSE), 124.74e6);
  ccs_test_assert_rel (ccs_model_memory_bytes (r, 32, 4, FALSE), 822.24e6);
  /* Training, mixed precision: 2 (fp16 weights) + 2 (fp16 gradients) + 12
   * (fp32 master, Adam m and v) = 16 B/param (ZeRO) = 408.96 MB, plus 45 MB
   * per image stored for backward:
   *   batch 1:  408.96e6 + 45e6    =  453.96 MB
   *   batch 32: 408.96e6 + 1 440e6 = 1 848.96 MB
   * In fp32: 4 + 4 + 8 (m, v; the weights are the master) = 16 B/param too. */
  ccs_test_assert_rel (ccs_model_memory_bytes (r, 1, 2, TRUE), 453.96e6);
  ccs_test_assert_rel (ccs_model_memory_bytes (r, 32, 2, TRUE), 1848.96e6);
  ccs_test_assert_rel (ccs_model_memory_bytes (r, 32, 4, TRUE), 1848.96e6);
  /* The 16 B/param rule on its own: no activations at batch 0. */
  const CcsModel *l = ccs_model_lookup ("llama2-7b");
  ccs_test_assert_rel (ccs_model_memory_bytes (l, 0, 2, TRUE), 16 * 6.74e9);
  /* Llama-2-7B decoding one sequence: 13.48 GB of fp16 weights + its
   * 537 MB KV cache at 1 k context = 14.017 GB; 8 sequences: 13.48 + 4.296. */
  ccs_test_assert_rel (ccs_model_memory_bytes (l, 1, 2, FALSE), 14.017e9);
  ccs_test_assert_rel (ccs_model_memory_bytes (l, 8, 2, FALSE), 17.776e9);
  /* Every entry: training needs more than inference, and both grow with
   * the batch. */
  gsize n = 0;
  const CcsModel *m = ccs_models (&n);
  for (gsize i = 0; i < n; i++)
    {
      g_test_message ("%s", m[i].name);
      g_assert_cmpfloat (m[i].activation_live_bytes, >, 0);
      g_assert_cmpfloat (m[i].activation_train_bytes, >, 0);
      g_assert_cmpfloat (ccs_model_memory_bytes (&m[i], 1, 2, TRUE), >,
                         ccs_model_memory_bytes (&m[i], 1, 2, FALSE));
      g_assert_cmpfloat (ccs_model_memory_bytes (&m[i], 2, 2, FALSE), >,
                         ccs_model_memory_bytes (&m[i], 1, 2, FALSE));
    }
  g_assert_cmpfloat (ccs_model_memory_bytes (NULL, 1, 2, TRUE), ==, 0);
}

static void
test_model_train_work (void)
{
  g_test_summary ("Training work: 3x the forward FLOPs, 6 N D for a transformer");
  /* ResNet-50, batch 32, mixed precision:
   *   flops = 3·8.18e9·32 = 785.28 GFLOP (3x ccs_model_work)
   *   bytes = 3·(25.56e6·2 + 2·45e6·32) + 25.56e6·28 (Adam step)
   *         = 3·(51.12e6 + 2 880e6) + 715.68e6 = 8 793.36e6 + 715.68e6
   *         = 9 509.04 MB */
  const CcsModel *r = ccs_model_lookup ("resnet50");
  CcsWork w = ccs_model_train_work (r, 32, 2);
  ccs_test_assert_rel (w.flops, 785.28e9);
  ccs_test_assert_rel (w.flops, 3 * ccs_model_work (r, 32, 2).flops);
  ccs_test_assert_rel (w.bytes, 9509.04e6);
  g_assert_cmpint (w.klass, ==, CCS_KC_CONV);
  /* fp32, batch 1: 3·(102.24e6 + 90e6) + 25.56e6·(3·4 + 16) = 576.72e6 +
   * 715.68e6 = 1 292.4 MB (Adam moves 28 B/param in fp32 as well). */
  ccs_test_assert_rel (ccs_model_train_work (r, 1, 4).bytes, 1292.4e6);

  /* GPT-2 small, one sequence of 1 024 tokens (batch counts tokens):
   *   flops = 3·0.25e9·1 024 = 768 GFLOP
   *   Kaplan: 6·N·D = 6·124e6·1 024 = 761.86 GFLOP, 0.8 % lower (the
   *   catalogue's 0.25 GFLOP/token is 2·125 M)
   *   bytes = 3·(124e6·2 + 2·1.05e6·1 024) + 124e6·28
   *         = 3·(248e6 + 2 150.4e6) + 3 472e6 = 10 667.2 MB
   * A decoder trains as GEMM although it decodes as memory class. */
  const CcsModel *g = ccs_model_lookup ("gpt2");
  w = ccs_model_train_work (g, 1024, 2);
  ccs_test_assert_rel (w.flops, 768e9);
  g_assert_cmpfloat_with_epsilon (w.flops / (6 * 124e6 * 1024), 1.0, 0.01);
  ccs_test_assert_rel (w.bytes, 10667.2e6);
  g_assert_cmpint (w.klass, ==, CCS_KC_GEMM);

  /* Every entry: 3x the forward FLOPs per sample. */
  gsize n = 0;
  const CcsModel *m = ccs_models (&n);
  for (gsize i = 0; i < n; i++)
    ccs_test_assert_rel (ccs_model_train_work (&m[i], 8, 2).flops,
                         3 * ccs_model_work (&m[i], 8, 2).flops);
  w = ccs_model_train_work (NULL, 8, 2);
  g_assert_cmpfloat (w.flops, ==, 0);
  g_assert_cmpfloat (w.bytes, ==, 0);
}

static void
test_model_decode_bound (void)
{
  g_test_summary ("A Llama-2-7B decode token is bandwidth bound: time = bytes read / "
                  "(bandwidth x eff_memory)");
  const CcsModel *l = ccs_model_lookup ("llama2-7b");
  g_autoptr (CcsHwProfile) a100 = shipped ("nvidia-a100");
  /* fp16, batch 1: 13.5 GFLOP; 6.74e9·2 = 13.48 GB of weights + 537 MB of
   * KV cache at 1 k context = 14.017 GB, ≈ 1 FLOP/B [45].
   *   compute: 13.5e9 / (312e12·0.7) = 61.8 us
   *   memory:  14.017e9 / (1 555e9·0.7) = 12.877 ms  → bandwidth bound */
  CcsWork w = ccs_model_work (l, 1, 2);
  ccs_test_assert_rel (w.bytes, 2 * l->params + l->activation_bytes);
  g_assert_cmpfloat (w.flops / w.bytes, <, 1.0);
  double bw_eff = a100->bandwidth_bytes_per_s * a100->efficiency[CCS_KC_MEMORY];
  double t_compute = w.flops / (a100->peak_ops[CCS_PREC_FP16] * a100->efficiency[w.klass]);
  double t = ccs_hw_roofline_s (a100, CCS_PREC_FP16, w.klass, w.flops, w.bytes, 1);
  g_assert_cmpfloat (t_compute, <, 0.01 * t);
  ccs_test_assert_rel (t, w.bytes / bw_eff + a100->launch_s);
  ccs_test_assert_rel (t, 14.017e9 / (1555e9 * 0.7) + 10e-6);
  /* The weights alone: t minus the KV-cache read and the launch is
   * weights / (bw·eff) exactly; the KV cache at 1 k context adds 3.98 %
   * (537 / 13 480), so the weights-only estimate is within 5 %, not 1 %. */
  double t_weights = 2 * l->params / bw_eff;
  ccs_test_assert_rel (t - l->activation_bytes / bw_eff - a100->launch_s, t_weights);
  g_assert_cmpfloat_with_epsilon (t / t_weights, 1.0398, 0.001);
  /* H100: at most 3 350e9 / 13.48e9 ≈ 248.5 tokens/s at batch 1 (hardware.md
   * says ≤ ≈ 250); with eff_memory 0.7, the KV cache and the 10 us launch:
   * 14.017e9 / 2 345e9 + 10 us = 5.987 ms, 167.0 tokens/s. */
  g_autoptr (CcsHwProfile) h100 = shipped ("nvidia-h100");
  double t_h = ccs_hw_roofline_s (h100, CCS_PREC_FP16, w.klass, w.flops, w.bytes, 1);
  g_assert_cmpfloat (1 / t_h, <, 3350e9 / (2 * l->params));
  g_assert_cmpfloat_with_epsilon (1 / t_h, 167.0, 0.1);
}

/* Roofline of @w on the whole of @p in @prec: returns the time and sets
 * *@memory_bound when the memory term is the larger. */
static double
roofline_bound (const CcsHwProfile *p, CcsPrecision prec, CcsWork w, gboolean *memory_bound)
{
  double t_compute = w.flops / (ccs_hw_effective_peak (p, prec) * p->efficiency[w.klass]);
  double t_memory = w.bytes / (p->bandwidth_bytes_per_s * p->efficiency[CCS_KC_MEMORY]);
  double t = ccs_hw_roofline_s (p, prec, w.klass, w.flops, w.bytes, 1);
  ccs_test_assert_rel (t, MAX (t_compute, t_memory) + p->launch_s);
  *memory_bound = t_memory > t_compute;
  return t;
}

static void
test_model_batch_bound (void)
{
  g_test_summary ("Batching raises the arithmetic intensity: ResNet-50 is memory bound "
                  "at batch 1 and compute bound at batch 64 on a T4");
  const CcsModel *r = ccs_model_lookup ("resnet50");
  g_autoptr (CcsHwProfile) t4 = shipped ("nvidia-t4");
  /* T4 fp16: 65 TFLOPS·eff_conv 0.55 = 35.75 TFLOPS; 320 GB/s·0.7 =
   * 224 GB/s; ridge 159.6 FLOP/B.
   * batch 1:  8.18 GFLOP / 96.12 MB = 85 FLOP/B
   *           compute 228.8 us < memory 429.1 us → memory bound
   * batch 64: 523.52 GFLOP / (51.12 MB + 64·45 MB = 2 931.12 MB) = 178.6 FLOP/B
   *           compute 14.644 ms > memory 13.085 ms → compute bound */
  gboolean memory_bound;
  double t1 = roofline_bound (t4, CCS_PREC_FP16, ccs_model_work (r, 1, 2), &memory_bound);
  g_assert_true (memory_bound);
  ccs_test_assert_rel (t1, 96.12e6 / 224e9 + 10e-6);
  double t64 = roofline_bound (t4, CCS_PREC_FP16, ccs_model_work (r, 64, 2), &memory_bound);
  g_assert_false (memory_bound);
  ccs_test_assert_rel (t64, 523.52e9 / 35.75e12 + 10e-6);
  /* Per image, batching pays: 439 us at batch 1, 229 us at batch 64. */
  g_assert_cmpfloat (t64 / 64, <, 0.6 * t1);
}

/* ---- memory plans and the CXL tier ---- */

/* accel_ini with a CXL tier: 1 GB of device memory at 100 GB/s (eff 0.5)
 * and 4 GB of CXL at 10 GB/s, +200 ns. */
static CcsHwProfile *
load_accel_cxl (void)
{
  g_autofree char *t = g_strconcat (accel_ini,
                                    "cxl_capacity = 4 GB\n"
                                    "cxl_bandwidth = 10 GB/s\n"
                                    "cxl_latency = 200 ns\n",
                                    NULL);
  return load_text ("accel-cxl.ini", t);
}

/* The plan for @need on 1/@share of @p has these fields. */
static CcsMemPlan
check_plan (const CcsHwProfile *p, double need, guint share, gboolean fits, double local,
            double spilled)
{
  CcsMemPlan plan = ccs_hw_memory_plan (p, need, share);
  g_test_message ("%s: need %g on 1/%u: %s", p->name, need, share, plan.reason);
  g_assert_cmpint (plan.fits, ==, fits);
  ccs_test_assert_rel (plan.need_bytes, need);
  ccs_test_assert_rel (plan.local_bytes, local);
  ccs_test_assert_rel (plan.spilled_bytes, spilled);
  ccs_test_assert_rel (plan.missing_bytes, fits ? 0 : need - local - spilled);
  g_assert_cmpint (plan.reason[0] == '\0', ==, fits);
  return plan;
}

static void
test_memory_plan (void)
{
  g_test_summary ("Memory plans: device memory first, then the CXL tier, else a reason "
                  "naming the need and what is available");
  /* Llama-2-7B (14.017 GB at fp16) on a 4 GB Jetson Nano: no fit. */
  g_autoptr (CcsHwProfile) nano = shipped ("jetson-nano");
  double need = ccs_model_memory_bytes (ccs_model_lookup ("llama2-7b"), 1, 2, FALSE);
  CcsMemPlan plan = check_plan (nano, need, 1, FALSE, 4e9, 0);
  g_assert_cmpstr (plan.reason, ==,
                   "jetson-nano: needs 14.017 GB, 4 GB available (device memory 4 GB / 1 task, "
                   "no CXL tier)");
  ccs_test_assert_rel (plan.available_bytes, 4e9);
  /* ResNet-50 at batch 32 (771.12 MB) fits, with nothing spilled. */
  check_plan (nano, 771.12e6, 1, TRUE, 771.12e6, 0);
  /* Shared 8 ways, each task has 500 MB. */
  check_plan (nano, 771.12e6, 8, FALSE, 500e6, 0);
  g_assert_cmpfloat (ccs_mem_plan_spill_fraction (&plan), ==, 0);

  /* Made-up device: 1 GB local + 4 GB CXL. */
  g_autoptr (CcsHwProfile) p = load_accel_cxl ();
  check_plan (p, 0, 1, TRUE, 0, 0);
  check_plan (p, 0.5e9, 1, TRUE, 0.5e9, 0);
  plan = check_plan (p, 3e9, 1, TRUE, 1e9, 2e9); /* 2 GB spilled */
  ccs_test_assert_rel (ccs_mem_plan_spill_fraction (&plan), 2.0 / 3.0);
  check_plan (p, 5e9, 1, TRUE, 1e9, 4e9); /* exactly full */
  plan = check_plan (p, 6e9, 1, FALSE, 1e9, 4e9);
  ccs_test_assert_rel (plan.available_bytes, 5e9);
  g_assert_cmpstr (plan.reason, ==,
                   "test-accel: needs 6 GB, 5 GB available (device memory 1 GB + CXL 4 GB / "
                   "1 task)");
  /* Two tasks: 0.5 GB local and 2 GB of CXL each. */
  check_plan (p, 2e9, 2, TRUE, 0.5e9, 1.5e9);
  plan = check_plan (p, 3e9, 2, FALSE, 0.5e9, 2e9);
  ccs_test_assert_contains (plan.reason, "needs 3 GB, 2.5 GB available");
  ccs_test_assert_contains (plan.reason, "/ 2 tasks)");
}

static void
test_roofline_spill (void)
{
  g_test_summary ("Spilled bytes stream at the CXL bandwidth: the memory terms add, the "
                  "slowdown is spilled x (1/bw_cxl - 1/bw_local_eff) + latency");
  g_autoptr (CcsHwProfile) p = load_accel_cxl ();
  /* Without a spill the spill roofline is the roofline. */
  static const double plain[][2] = { { 1e9, 1e6 }, { 1e6, 1e8 }, { 1e6, 1e11 }, { 0, 0 } };
  for (gsize i = 0; i < G_N_ELEMENTS (plain); i++)
    for (guint share = 1; share <= 4; share *= 2)
      g_assert_cmpfloat (
          ccs_hw_roofline_spill_s (p, CCS_PREC_FP32, CCS_KC_GEMM, plain[i][0], plain[i][1], share,
                                   0),
          ==, ccs_hw_roofline_s (p, CCS_PREC_FP32, CCS_KC_GEMM, plain[i][0], plain[i][1], share));

  /* 3 GB resident and read once (1 MFLOP), 2 GB of it in CXL (f = 2/3):
   *   local:   1e9 / (1e11·0.5) = 20 ms
   *   CXL:     2e9 / 1e10       = 200 ms, + 200 ns
   *   t = 220.0002 ms + 10 us launch
   * All local: 3e9 / 5e10 = 60 ms + 10 us; the difference
   *   2e9·(1/1e10 - 1/5e10) + 200 ns = 160 ms + 200 ns. */
  CcsMemPlan plan = ccs_hw_memory_plan (p, 3e9, 1);
  double f = ccs_mem_plan_spill_fraction (&plan);
  double t = ccs_hw_roofline_spill_s (p, CCS_PREC_FP32, CCS_KC_GEMM, 1e6, 3e9, 1, f);
  ccs_test_assert_rel (t, 0.02 + 0.2 + 200e-9 + 1e-5);
  double t_local = ccs_hw_roofline_s (p, CCS_PREC_FP32, CCS_KC_GEMM, 1e6, 3e9, 1);
  ccs_test_assert_rel (t - t_local, plan.spilled_bytes * (1 / 1e10 - 1 / 5e10) + 200e-9);
  /* Half the device: both bandwidths halve, the latency stays: 440.0002 ms. */
  t = ccs_hw_roofline_spill_s (p, CCS_PREC_FP32, CCS_KC_GEMM, 1e6, 3e9, 2, f);
  ccs_test_assert_rel (t, 0.04 + 0.4 + 200e-9 + 1e-5);
  /* Compute bound (1 TFLOP: 2 s) hides the spill. */
  t = ccs_hw_roofline_spill_s (p, CCS_PREC_FP32, CCS_KC_GEMM, 1e12, 3e9, 1, f);
  ccs_test_assert_rel (t, 2.0 + 1e-5);
  /* Everything in CXL: 3e9 / 1e10 = 300 ms. */
  t = ccs_hw_roofline_spill_s (p, CCS_PREC_FP32, CCS_KC_GEMM, 1e6, 3e9, 1, 1.0);
  ccs_test_assert_rel (t, 0.3 + 200e-9 + 1e-5);
}

static void
test_cxl_server (void)
{
  g_test_summary ("Llama-2-7B on 1/32 of the CXL Xeon spills past its DRAM share and slows "
                  "down by exactly the spilled bytes' extra streaming time");
  g_autoptr (CcsHwProfile) x = shipped ("xeon-6538y-cxl");
  const CcsModel *l = ccs_model_lookup ("llama2-7b");
  double need = ccs_model_memory_bytes (l, 1, 2, FALSE); /* 14.017 GB */
  /* The whole socket: 256 GB of DDR5 holds it. */
  check_plan (x, need, 1, TRUE, need, 0);
  /* One of 32 slots: 256 GB / 32 = 8 GB of DDR5, 8 GB of CXL; 6.017 GB
   * spilled. */
  CcsMemPlan plan = check_plan (x, need, 32, TRUE, 8e9, 6.017e9);
  /* The decode token reads all it holds (weights + KV cache), so its spilled
   * traffic is the spilled footprint. */
  CcsWork w = ccs_model_work (l, 1, 2);
  ccs_test_assert_rel (w.bytes, need);
  double f = ccs_mem_plan_spill_fraction (&plan);
  double t = ccs_hw_roofline_spill_s (x, CCS_PREC_FP16, w.klass, w.flops, w.bytes, 32, f);
  double t_local = ccs_hw_roofline_s (x, CCS_PREC_FP16, w.klass, w.flops, w.bytes, 32);
  /* Memory bound either way: compute 13.5e9 / (72e12/32·0.7) = 8.6 ms, local
   * memory 14.017e9 / (332.8e9/32·0.7) = 1.925 s.  The slowdown:
   *   6.017e9·(1/(70e9/32) - 1/(332.8e9/32·0.7)) + 100 ns
   *   = 6.017e9·(457.1 - 137.4) ps = 1.924 s */
  double bw_local = x->bandwidth_bytes_per_s / 32 * x->efficiency[CCS_KC_MEMORY];
  double bw_cxl = x->cxl_bandwidth_bytes_per_s / 32;
  ccs_test_assert_rel (t_local, need / bw_local + x->launch_s);
  ccs_test_assert_rel (t - t_local,
                       plan.spilled_bytes * (1 / bw_cxl - 1 / bw_local) + x->cxl_latency_s);
  g_assert_cmpfloat_with_epsilon (t - t_local, 1.924, 0.001);

  /* Fine-tuning it on 16 sequences of 1 024 tokens: 16 B/param = 107.84 GB
   * + 16 384 tokens·9.70 MB = 158.93 GB → 266.77 GB, 10.77 GB of it in CXL. */
  need = ccs_model_memory_bytes (l, 16 * 1024, 2, TRUE);
  ccs_test_assert_rel (need, 107.84e9 + 16384 * 9.70e6);
  check_plan (x, need, 1, TRUE, 256e9, need - 256e9);
  /* 32 sequences: 107.84 + 317.85 = 425.7 GB, still within DDR5 + CXL
   * (512 GB); 64 sequences (743.5 GB) are not. */
  double need32 = ccs_model_memory_bytes (l, 32 * 1024, 2, TRUE);
  check_plan (x, need32, 1, TRUE, 256e9, need32 - 256e9);
  CcsMemPlan big
      = check_plan (x, ccs_model_memory_bytes (l, 64 * 1024, 2, TRUE), 1, FALSE, 256e9, 256e9);
  ccs_test_assert_contains (big.reason, "512 GB available (device memory 256 GB + CXL 256 GB");
}

int
main (int argc, char **argv)
{
  g_test_init (&argc, &argv, NULL);
  g_test_add_func ("/models/profile/shipped", test_profiles_shipped);
  g_test_add_func ("/models/profile/values", test_profile_values);
  g_test_add_func ("/models/profile/find", test_profile_find);
  g_test_add_func ("/models/profile/broken", test_profile_broken);
  g_test_add_func ("/models/profile/required-typo", test_profile_required_typo);
  g_test_add_func ("/models/profile/names", test_names);
  g_test_add_func ("/models/profile/cxl", test_profile_cxl);
  g_test_add_func ("/models/profile/broken-cxl", test_profile_broken_cxl);
  g_test_add_func ("/models/roofline/bounds", test_roofline);
  g_test_add_func ("/models/roofline/ridge", test_roofline_ridge);
  g_test_add_func ("/models/roofline/efficiency", test_roofline_efficiency);
  g_test_add_func ("/models/roofline/precision-fallback", test_precision_fallback);
  g_test_add_func ("/models/power/linear", test_power);
  g_test_add_func ("/models/links/classes", test_links);
  g_test_add_func ("/models/workloads/gemm", test_kernel_gemm);
  g_test_add_func ("/models/workloads/conv", test_kernel_conv);
  g_test_add_func ("/models/workloads/attention", test_kernel_attention);
  g_test_add_func ("/models/workloads/memory", test_kernel_memory);
  g_test_add_func ("/models/workloads/catalogue", test_models_catalogue);
  g_test_add_func ("/models/workloads/model-work", test_model_work);
  g_test_add_func ("/models/workloads/footprint", test_model_memory);
  g_test_add_func ("/models/workloads/train-work", test_model_train_work);
  g_test_add_func ("/models/workloads/decode-bound", test_model_decode_bound);
  g_test_add_func ("/models/workloads/batch-bound", test_model_batch_bound);
  g_test_add_func ("/models/memory/plan", test_memory_plan);
  g_test_add_func ("/models/memory/spill-roofline", test_roofline_spill);
  g_test_add_func ("/models/memory/cxl-server", test_cxl_server);
  return g_test_run ();
}
