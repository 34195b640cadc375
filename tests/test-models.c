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
  return g_test_run ();
}
