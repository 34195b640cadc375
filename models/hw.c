/* hw.c — loading hardware profiles and the roofline/power models (hw.h). */
#include "models/hw.h"

#include <math.h>
#include <string.h>

#include "models/ini.h"
#include "models/units.h"

G_DEFINE_QUARK (ccs - hw - error - quark, ccs_hw_error)

static const char *const class_names[CCS_DEV_N_CLASSES] = {
  "mcu", "sbc", "cpu", "gpu", "fpga", "vpu", "tpu",
};
static const char *const prec_names[CCS_PREC_N] = { "fp32", "fp16", "int8" };
static const char *const kc_names[CCS_KC_N] = { "gemm", "conv", "depthwise", "memory" };

static gboolean
parse_name (const char *s, const char *const *names, int n, int *out)
{
  for (int i = 0; i < n; i++)
    if (g_ascii_strcasecmp (s, names[i]) == 0)
      {
        *out = i;
        return TRUE;
      }
  return FALSE;
}

const char *
ccs_device_class_name (CcsDeviceClass c)
{
  return c < CCS_DEV_N_CLASSES ? class_names[c] : "?";
}
gboolean
ccs_device_class_parse (const char *s, CcsDeviceClass *out)
{
  int v;
  if (!parse_name (s, class_names, CCS_DEV_N_CLASSES, &v))
    return FALSE;
  *out = v;
  return TRUE;
}
const char *
ccs_precision_name (CcsPrecision p)
{
  return p < CCS_PREC_N ? prec_names[p] : "?";
}
gboolean
ccs_precision_parse (const char *s, CcsPrecision *out)
{
  int v;
  if (g_ascii_strcasecmp (s, "bf16") == 0)
    {
      *out = CCS_PREC_FP16;
      return TRUE;
    }
  if (!parse_name (s, prec_names, CCS_PREC_N, &v))
    return FALSE;
  *out = v;
  return TRUE;
}
const char *
ccs_kernel_class_name (CcsKernelClass k)
{
  return k < CCS_KC_N ? kc_names[k] : "?";
}
gboolean
ccs_kernel_class_parse (const char *s, CcsKernelClass *out)
{
  int v;
  if (g_ascii_strcasecmp (s, "elementwise") == 0)
    {
      *out = CCS_KC_MEMORY;
      return TRUE;
    }
  if (!parse_name (s, kc_names, CCS_KC_N, &v))
    return FALSE;
  *out = v;
  return TRUE;
}

void
ccs_hw_profile_free (CcsHwProfile *p)
{
  if (!p)
    return;
  g_free (p->name);
  g_free (p->summary);
  g_free (p->path);
  g_free (p);
}

/* The keys of a profile, as a table: key, unit, target, required, bounds. */
typedef struct
{
  const char *key;
  CcsUnit unit;
  gsize offset;
  gboolean required;
  double min, max;
} ProfileKey;

#define OFF(f) G_STRUCT_OFFSET (CcsHwProfile, f)
static const ProfileKey profile_keys[] = {
  { "fp32", CCS_UNIT_OPRATE, OFF (peak_ops[CCS_PREC_FP32]), FALSE, 0, 1e19 },
  { "fp16", CCS_UNIT_OPRATE, OFF (peak_ops[CCS_PREC_FP16]), FALSE, 0, 1e19 },
  { "int8", CCS_UNIT_OPRATE, OFF (peak_ops[CCS_PREC_INT8]), FALSE, 0, 1e19 },
  { "memory", CCS_UNIT_BYTES, OFF (memory_bytes), TRUE, 1, 1e16 },
  { "bandwidth", CCS_UNIT_BYTERATE, OFF (bandwidth_bytes_per_s), TRUE, 1, 1e15 },
  { "eff_gemm", CCS_UNIT_NONE, OFF (efficiency[CCS_KC_GEMM]), TRUE, 1e-6, 1 },
  { "eff_conv", CCS_UNIT_NONE, OFF (efficiency[CCS_KC_CONV]), TRUE, 1e-6, 1 },
  { "eff_depthwise", CCS_UNIT_NONE, OFF (efficiency[CCS_KC_DEPTHWISE]), TRUE, 1e-6, 1 },
  { "eff_memory", CCS_UNIT_NONE, OFF (efficiency[CCS_KC_MEMORY]), TRUE, 1e-6, 1 },
  { "launch_overhead", CCS_UNIT_TIME, OFF (launch_s), TRUE, 0, 10 },
  { "power_idle", CCS_UNIT_POWER, OFF (power_idle_w), TRUE, 0, 1e6 },
  { "power_peak", CCS_UNIT_POWER, OFF (power_peak_w), TRUE, 0, 1e6 },
  { "power_sleep", CCS_UNIT_POWER, OFF (power_sleep_w), FALSE, 0, 1e6 },
  { "wake_latency", CCS_UNIT_TIME, OFF (wake_s), FALSE, 0, 3600 },
  { "price", CCS_UNIT_MONEY, OFF (price_usd), FALSE, 0, 1e9 },
  { "price_hour", CCS_UNIT_MONEY, OFF (price_usd_per_hour), FALSE, 0, 1e6 },
  /* The CXL tier: capacity and bandwidth together or not at all (checked
   * after the table).  Bounds: at least 1 MB and 1 MB/s; at most 10 TB/s
   * (a CXL 3 x16 link carries 128 GB/s) and 100 us of added latency
   * (pooled CXL is 300-600 ns, PCIe-DMA pooling 0.5-1.5 us, hardware.md
   * section 4). */
  { "cxl_capacity", CCS_UNIT_BYTES, OFF (cxl_capacity_bytes), FALSE, 1e6, 1e16 },
  { "cxl_bandwidth", CCS_UNIT_BYTERATE, OFF (cxl_bandwidth_bytes_per_s), FALSE, 1e6, 1e13 },
  { "cxl_latency", CCS_UNIT_TIME, OFF (cxl_latency_s), FALSE, 0, 1e-4 },
};
#undef OFF

static gboolean fail (GError **error, const CcsIniEntry *e, const char *file, int line,
                      const char *key, const char *fmt, ...) G_GNUC_PRINTF (6, 7);

static gboolean
fail (GError **error, const CcsIniEntry *e, const char *file, int line, const char *key,
      const char *fmt, ...)
{
  va_list ap;
  va_start (ap, fmt);
  g_autofree char *msg = g_strdup_vprintf (fmt, ap);
  va_end (ap);
  g_set_error (error, CCS_HW_ERROR, CCS_HW_ERROR_INVALID, "%s:%d: [Profile] %s: %s",
               e ? e->file : file, e ? e->line : line, key, msg);
  return FALSE;
}

static gboolean
read_uint (CcsIniGroup *g, const char *key, guint *out, GError **error)
{
  CcsIniEntry *e = ccs_ini_entry (g, key);
  if (!e)
    return fail (error, NULL, g->file, g->line, key, "missing (required)");
  e->used = TRUE;
  char *end;
  guint64 v = g_ascii_strtoull (e->value, &end, 10);
  if (*end || v < 1 || v > 1000000)
    return fail (error, e, NULL, 0, key, "'%s' is not an integer in [1, 1000000]", e->value);
  *out = v;
  return TRUE;
}

/* A CXL tier needs both its capacity and its bandwidth (a tier without a
 * bandwidth would make every spill infinitely slow, one without a capacity
 * could hold nothing); a latency alone describes no tier. */
static gboolean
check_cxl (CcsIniGroup *g, GError **error)
{
  CcsIniEntry *cap = ccs_ini_entry (g, "cxl_capacity");
  CcsIniEntry *bw = ccs_ini_entry (g, "cxl_bandwidth");
  CcsIniEntry *lat = ccs_ini_entry (g, "cxl_latency");
  if (cap && !bw)
    return fail (error, cap, NULL, 0, "cxl_bandwidth",
                 "missing (a CXL tier needs cxl_capacity and cxl_bandwidth)");
  if (bw && !cap)
    return fail (error, bw, NULL, 0, "cxl_capacity",
                 "missing (a CXL tier needs cxl_capacity and cxl_bandwidth)");
  if (lat && !cap)
    return fail (error, lat, NULL, 0, "cxl_latency",
                 "given without a CXL tier (cxl_capacity and cxl_bandwidth)");
  return TRUE;
}

/* `pstates`: frequencies, strictly decreasing, at most CCS_HW_MAX_PSTATES. */
static gboolean
read_pstates (CcsIniGroup *g, CcsHwProfile *p, GError **error)
{
  CcsIniEntry *e = ccs_ini_entry (g, "pstates");
  if (!e)
    return TRUE;
  e->used = TRUE;
  g_auto (GStrv) parts = g_strsplit (e->value, ",", -1);
  for (char **f = parts; *f; f++)
    {
      g_autoptr (GError) local = NULL;
      double hz;
      if (p->n_pstates == CCS_HW_MAX_PSTATES)
        return fail (error, e, NULL, 0, "pstates", "more than %d states", CCS_HW_MAX_PSTATES);
      if (!ccs_units_parse (g_strstrip (*f), CCS_UNIT_FREQUENCY, &hz, &local))
        return fail (error, e, NULL, 0, "pstates", "%s", local->message);
      if (!(hz > 0) || (p->n_pstates && hz >= p->pstate_hz[p->n_pstates - 1]))
        return fail (error, e, NULL, 0, "pstates",
                     "frequencies must be positive and decreasing, the nominal one first");
      p->pstate_hz[p->n_pstates++] = hz;
    }
  return TRUE;
}

double
ccs_hw_pstate_scale (const CcsHwProfile *p, guint k)
{
  return k > 0 && k < p->n_pstates ? p->pstate_hz[k] / p->pstate_hz[0] : 1;
}

double
ccs_hw_pstate_peak_w (const CcsHwProfile *p, guint k)
{
  double s = ccs_hw_pstate_scale (p, k);
  return p->power_idle_w + (p->power_peak_w - p->power_idle_w) * s * s * s;
}

CcsHwProfile
ccs_hw_at_pstate (const CcsHwProfile *p, guint k)
{
  CcsHwProfile q = *p;
  double s = ccs_hw_pstate_scale (p, k);
  for (int i = 0; i < CCS_PREC_N; i++)
    q.peak_ops[i] *= s;
  q.power_peak_w = ccs_hw_pstate_peak_w (p, k);
  return q;
}

CcsHwProfile *
ccs_hw_profile_load (const char *path, GError **error)
{
  g_autoptr (CcsIni) ini = ccs_ini_load (path, error);
  if (!ini)
    return NULL;
  CcsIniGroup *g = ccs_ini_group (ini, "Profile");
  if (!g)
    {
      g_set_error (error, CCS_HW_ERROR, CCS_HW_ERROR_INVALID, "%s:1: no [Profile] group", path);
      return NULL;
    }
  for (guint i = 0; i < ini->groups->len; i++)
    {
      CcsIniGroup *o = ini->groups->pdata[i];
      if (o != g)
        {
          g_set_error (error, CCS_HW_ERROR, CCS_HW_ERROR_INVALID,
                       "%s:%d: [%s] unknown group in a profile (only "
                       "[Profile])",
                       o->file, o->line, o->name);
          return NULL;
        }
    }
  /* Unknown keys first: a misspelt required key is a typo, not a gap. */
  for (guint i = 0; i < g->entries->len; i++)
    {
      CcsIniEntry *u = g->entries->pdata[i];
      const char *cands[G_N_ELEMENTS (profile_keys) + 6];
      gsize n = 0;
      for (gsize j = 0; j < G_N_ELEMENTS (profile_keys); j++)
        cands[n++] = profile_keys[j].key;
      cands[n++] = "name";
      cands[n++] = "summary";
      cands[n++] = "class";
      cands[n++] = "cores";
      cands[n++] = "slots";
      cands[n++] = "pstates";
      gboolean known = FALSE;
      for (gsize j = 0; j < n; j++)
        known |= strcmp (cands[j], u->key) == 0;
      if (known)
        continue;
      const char *dym = ccs_did_you_mean (u->key, cands, n);
      fail (error, u, NULL, 0, u->key, "unknown key%s%s%s", dym ? " (did you mean '" : "",
            dym ? dym : "", dym ? "'?)" : "");
      return NULL;
    }
  g_autoptr (CcsHwProfile) p = g_new0 (CcsHwProfile, 1);
  p->path = g_strdup (path);
  g_autofree char *base = g_path_get_basename (path);
  char *dot = strrchr (base, '.');
  if (dot)
    *dot = '\0';

  CcsIniEntry *e = ccs_ini_entry (g, "name");
  p->name = g_strdup (e ? e->value : base);
  if (e)
    e->used = TRUE;
  e = ccs_ini_entry (g, "summary");
  p->summary = g_strdup (e ? e->value : p->name);
  if (e)
    e->used = TRUE;
  e = ccs_ini_entry (g, "class");
  if (!e)
    {
      fail (error, NULL, g->file, g->line, "class", "missing (required)");
      return NULL;
    }
  e->used = TRUE;
  if (!ccs_device_class_parse (e->value, &p->klass))
    {
      fail (error, e, NULL, 0, "class",
            "unknown device class '%s' (mcu, sbc, cpu, gpu, fpga, vpu, tpu)", e->value);
      return NULL;
    }
  if (!read_uint (g, "cores", &p->cores, error) || !read_uint (g, "slots", &p->slots, error))
    return NULL;

  for (gsize i = 0; i < G_N_ELEMENTS (profile_keys); i++)
    {
      const ProfileKey *k = &profile_keys[i];
      double *target = G_STRUCT_MEMBER_P (p, k->offset);
      e = ccs_ini_entry (g, k->key);
      if (!e)
        {
          if (k->required)
            {
              fail (error, NULL, g->file, g->line, k->key, "missing (required)");
              return NULL;
            }
          *target = 0;
          continue;
        }
      e->used = TRUE;
      g_autoptr (GError) local = NULL;
      if (!ccs_units_parse (e->value, k->unit, target, &local))
        {
          fail (error, e, NULL, 0, k->key, "%s", local->message);
          return NULL;
        }
      if (*target < k->min || *target > k->max)
        {
          fail (error, e, NULL, 0, k->key, "%g is out of bounds [%g, %g]", *target, k->min, k->max);
          return NULL;
        }
    }
  if (p->power_sleep_w > p->power_idle_w)
    {
      e = ccs_ini_entry (g, "power_sleep");
      fail (error, e, NULL, 0, "power_sleep", "above power_idle");
      return NULL;
    }
  if (p->power_peak_w < p->power_idle_w)
    {
      e = ccs_ini_entry (g, "power_peak");
      fail (error, e, NULL, 0, "power_peak", "below power_idle");
      return NULL;
    }
  if (!check_cxl (g, error) || !read_pstates (g, p, error))
    return NULL;
  gboolean any = FALSE;
  for (int i = 0; i < CCS_PREC_N; i++)
    any |= p->peak_ops[i] > 0;
  if (!any)
    {
      fail (error, NULL, g->file, g->line, "fp32",
            "no peak rate given (need at least one of fp32, fp16, int8)");
      return NULL;
    }
  return g_steal_pointer (&p);
}

CcsHwProfile *
ccs_hw_profile_find (const char *name_or_path, const char *base_dir, const char *const *search_dirs,
                     GError **error)
{
  if (strchr (name_or_path, '/') || g_str_has_suffix (name_or_path, ".ini"))
    {
      g_autofree char *path = g_path_is_absolute (name_or_path) || !base_dir
                                  ? g_strdup (name_or_path)
                                  : g_build_filename (base_dir, name_or_path, NULL);
      if (!g_file_test (path, G_FILE_TEST_EXISTS))
        {
          g_set_error (error, CCS_HW_ERROR, CCS_HW_ERROR_NOT_FOUND,
                       "hardware profile file '%s' not found", path);
          return NULL;
        }
      return ccs_hw_profile_load (path, error);
    }
  g_autofree char *file = g_strconcat (name_or_path, ".ini", NULL);
  for (const char *const *d = search_dirs; d && *d; d++)
    {
      g_autofree char *path = g_build_filename (*d, file, NULL);
      if (g_file_test (path, G_FILE_TEST_EXISTS))
        return ccs_hw_profile_load (path, error);
    }
  g_set_error (error, CCS_HW_ERROR, CCS_HW_ERROR_NOT_FOUND,
               "unknown hardware profile '%s' (see `ccsim list profiles`)", name_or_path);
  return NULL;
}

double
ccs_hw_effective_peak (const CcsHwProfile *p, CcsPrecision prec)
{
  /* A device without a native rate for a narrow type runs it in a wider
   * one (int8 on an fp16 unit, fp16 on fp32 units).  The reverse is not
   * allowed: an int8-only Edge TPU cannot run an fp32 model. */
  for (int q = prec; q >= 0; q--)
    if (p->peak_ops[q] > 0)
      return p->peak_ops[q];
  return 0;
}

double
ccs_hw_roofline_s (const CcsHwProfile *p, CcsPrecision prec, CcsKernelClass kc, double flops,
                   double bytes, guint share)
{
  g_return_val_if_fail (p != NULL && share >= 1, -1);
  double peak = ccs_hw_effective_peak (p, prec);
  if (peak <= 0)
    return -1;
  double t_compute = flops / (peak / share * p->efficiency[kc]);
  double t_memory = bytes / (p->bandwidth_bytes_per_s / share * p->efficiency[CCS_KC_MEMORY]);
  return MAX (t_compute, t_memory) + p->launch_s;
}

CcsMemPlan
ccs_hw_memory_plan (const CcsHwProfile *p, double need_bytes, guint share)
{
  CcsMemPlan plan = { 0 };
  g_return_val_if_fail (p != NULL && share >= 1 && need_bytes >= 0, plan);
  double local = p->memory_bytes / share;
  double cxl = p->cxl_capacity_bytes / share;
  plan.need_bytes = need_bytes;
  plan.available_bytes = local + cxl;
  plan.local_bytes = MIN (need_bytes, local);
  plan.spilled_bytes = MIN (need_bytes - plan.local_bytes, cxl);
  plan.missing_bytes = need_bytes - plan.local_bytes - plan.spilled_bytes;
  plan.fits = plan.missing_bytes <= 0;
  if (plan.fits)
    {
      plan.missing_bytes = 0;
      return plan;
    }
  g_autofree char *need = ccs_units_format (need_bytes, CCS_UNIT_BYTES);
  g_autofree char *avail = ccs_units_format (plan.available_bytes, CCS_UNIT_BYTES);
  g_autofree char *mem = ccs_units_format (p->memory_bytes, CCS_UNIT_BYTES);
  g_autofree char *tier
      = p->cxl_capacity_bytes > 0 ? ccs_units_format (p->cxl_capacity_bytes, CCS_UNIT_BYTES) : NULL;
  g_snprintf (plan.reason, sizeof plan.reason,
              "%s: needs %s, %s available (device memory %s%s%s / %u task%s%s)", p->name, need,
              avail, mem, tier ? " + CXL " : "", tier ? tier : "", share, share == 1 ? "" : "s",
              tier ? "" : ", no CXL tier");
  return plan;
}

double
ccs_mem_plan_spill_fraction (const CcsMemPlan *plan)
{
  g_return_val_if_fail (plan != NULL, 0);
  double held = plan->local_bytes + plan->spilled_bytes;
  return held > 0 ? plan->spilled_bytes / held : 0;
}

double
ccs_hw_roofline_spill_s (const CcsHwProfile *p, CcsPrecision prec, CcsKernelClass kc, double flops,
                         double bytes, guint share, double spill_fraction)
{
  g_return_val_if_fail (p != NULL && share >= 1, -1);
  g_return_val_if_fail (spill_fraction >= 0 && spill_fraction <= 1, -1);
  g_return_val_if_fail (spill_fraction == 0 || p->cxl_bandwidth_bytes_per_s > 0, -1);
  double peak = ccs_hw_effective_peak (p, prec);
  if (peak <= 0)
    return -1;
  double t_compute = flops / (peak / share * p->efficiency[kc]);
  double local = (1 - spill_fraction) * bytes;
  double t_memory = local / (p->bandwidth_bytes_per_s / share * p->efficiency[CCS_KC_MEMORY]);
  if (spill_fraction > 0)
    t_memory += spill_fraction * bytes / (p->cxl_bandwidth_bytes_per_s / share) + p->cxl_latency_s;
  return MAX (t_compute, t_memory) + p->launch_s;
}

double
ccs_hw_power_w (const CcsHwProfile *p, double u)
{
  u = CLAMP (u, 0.0, 1.0);
  return p->power_idle_w + (p->power_peak_w - p->power_idle_w) * u;
}
