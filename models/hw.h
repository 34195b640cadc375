/* hw.h — hardware profiles and the roofline time model.
 *
 * A profile describes one device (a CPU socket, a GPU, an FPGA card, a VPU
 * or TPU stick, an MCU) with the figures the time and energy models need.
 * Profiles are data (hwprofiles/ *.ini); this module loads them and turns a
 * kernel's FLOPs and bytes into seconds.  Pure model: no SimGrid here.
 */
#pragma once

#include <glib.h>

G_BEGIN_DECLS

#define CCS_HW_ERROR (ccs_hw_error_quark ())
GQuark ccs_hw_error_quark (void);

typedef enum
{
  CCS_HW_ERROR_NOT_FOUND,
  CCS_HW_ERROR_INVALID,
} CcsHwError;

typedef enum
{
  CCS_DEV_MCU,
  CCS_DEV_SBC,
  CCS_DEV_CPU,
  CCS_DEV_GPU,
  CCS_DEV_FPGA,
  CCS_DEV_VPU,
  CCS_DEV_TPU,
  CCS_DEV_N_CLASSES
} CcsDeviceClass;

typedef enum
{
  CCS_PREC_FP32,
  CCS_PREC_FP16, /* fp16 or bf16 */
  CCS_PREC_INT8,
  CCS_PREC_N
} CcsPrecision;

/* Kernel classes that have their own achieved-efficiency factor. */
typedef enum
{
  CCS_KC_GEMM,
  CCS_KC_CONV,
  CCS_KC_DEPTHWISE,
  CCS_KC_MEMORY, /* element-wise, normalisation, softmax: bandwidth bound */
  CCS_KC_N
} CcsKernelClass;

#define CCS_HW_MAX_PSTATES 16

typedef struct
{
  char *name;    /* file stem, e.g. "nvidia-a100" */
  char *summary; /* one line for `ccsim list profiles` */
  char *path;    /* file it was loaded from */
  CcsDeviceClass klass;
  guint cores;                  /* physical cores / SMs / tiles */
  guint slots;                  /* default concurrent tasks */
  double peak_ops[CCS_PREC_N];  /* FLOP/s (OP/s for int8); 0 = unsupported */
  double memory_bytes;          /* device memory */
  double bandwidth_bytes_per_s; /* device memory bandwidth */
  double efficiency[CCS_KC_N];  /* achieved fraction of peak, (0,1] */
  double launch_s;              /* per-kernel launch overhead */
  double power_idle_w;
  double power_peak_w;
  double power_sleep_w;      /* power_sleep: in a sleep state (suspend to RAM); 0 = none */
  double wake_s;             /* wake_latency: back from sleep to running */
  double price_usd;          /* purchase price, 0 if unknown */
  double price_usd_per_hour; /* cloud rental price, 0 if none */
  /* Optional CXL memory tier (CXL.mem type-3 expanders behind the device's
   * memory controller).  All three 0 = no tier. */
  double cxl_capacity_bytes;        /* cxl_capacity: total over expanders */
  double cxl_bandwidth_bytes_per_s; /* cxl_bandwidth: sustained, total */
  double cxl_latency_s;             /* cxl_latency: added over local DRAM */
  /* Optional DVFS states (`pstates = 2.45 GHz, 2.0 GHz, 1.5 GHz`): the
   * first is the frequency the peaks above are quoted at. */
  guint n_pstates;
  double pstate_hz[CCS_HW_MAX_PSTATES];
} CcsHwProfile;

/* DVFS at power state K (0 = nominal): the compute roofs scale with the
 * frequency ratio s = f_K / f_0 (memory bandwidth does not), and the power
 * above idle with s^3 (dynamic power ∝ f·V² with V roughly ∝ f in the DVFS
 * range: Le Sueur & Heiser, "Dynamic voltage and frequency scaling: the
 * laws of diminishing returns", HotPower 2010).  Idle power is kept. */
double ccs_hw_pstate_scale (const CcsHwProfile *p, guint k);
double ccs_hw_pstate_peak_w (const CcsHwProfile *p, guint k);
/* A copy of P (sharing its strings) whose compute roofs and peak power
 * are those of state K: feed it to the roofline and power functions. */
CcsHwProfile ccs_hw_at_pstate (const CcsHwProfile *p, guint k);

const char *ccs_device_class_name (CcsDeviceClass c);
gboolean ccs_device_class_parse (const char *s, CcsDeviceClass *out);
const char *ccs_precision_name (CcsPrecision p);
gboolean ccs_precision_parse (const char *s, CcsPrecision *out);
const char *ccs_kernel_class_name (CcsKernelClass k);
gboolean ccs_kernel_class_parse (const char *s, CcsKernelClass *out);

/* Load one profile from a file path. */
CcsHwProfile *ccs_hw_profile_load (const char *path, GError **error);
/* Find a profile by name (a file stem in @search_dirs) or by path (contains
 * '/' or ends in .ini; relative paths are taken from @base_dir). */
CcsHwProfile *ccs_hw_profile_find (const char *name_or_path, const char *base_dir,
                                   const char *const *search_dirs, GError **error);
void ccs_hw_profile_free (CcsHwProfile *p);
G_DEFINE_AUTOPTR_CLEANUP_FUNC (CcsHwProfile, ccs_hw_profile_free)

/* The peak rate usable for @prec: the profile's own, else a wider precision
 * it supports (int8 → fp16 → fp32).  0 when the device cannot run it. */
double ccs_hw_effective_peak (const CcsHwProfile *p, CcsPrecision prec);

/* Roofline time of one kernel on @share of the device (share = how many
 * equal slots the device is divided into; 1 = the whole device):
 *   t = max(flops / (peak/share · eff_class), bytes / (bw/share · eff_mem)) + launch
 * Reference: Williams, Waterman, Patterson, "Roofline", CACM 52(4), 2009.
 * Returns a negative value when the device cannot run @prec. Time: O(1). */
double ccs_hw_roofline_s (const CcsHwProfile *p, CcsPrecision prec, CcsKernelClass kc, double flops,
                          double bytes, guint share);

/* ---- memory fit and the CXL tier ---- */

/* Where the resident bytes of one task go.  Returned by value; @reason is
 * empty when the task fits. */
typedef struct
{
  gboolean fits;
  double need_bytes;      /* what was asked for */
  double available_bytes; /* device memory + CXL tier of one share */
  double local_bytes;     /* held in device memory */
  double spilled_bytes;   /* held in the CXL tier */
  double missing_bytes;   /* need - local - spilled; 0 when it fits */
  char reason[224];       /* why it does not fit, naming need and available */
} CcsMemPlan;

/* Place @need_bytes (see ccs_model_memory_bytes) on 1/@share of @p.
 *
 * Rule: each of the @share concurrent tasks gets memory/share of device
 * memory and cxl_capacity/share of the CXL tier, the same split the
 * roofline applies to peak and bandwidth, so a plan never promises memory
 * that another slot also counts on.  Tasks that share one model instance
 * (a server batching requests over one copy of the weights) are one task
 * to this rule: pass need = weights + activations of all of them and
 * share = 1.  Device memory fills first; the rest spills to the CXL tier
 * (the default Linux placement of a CPU-less CXL NUMA node: local first,
 * then the fallback node).  A task that fits nowhere gets fits = FALSE,
 * the part that would fit in local_bytes and spilled_bytes, and a reason
 * such as "jetson-nano: needs 14.017 GB, 4 GB available (device memory
 * 4 GB / 1 task, no CXL tier)".  Time: O(1). */
CcsMemPlan ccs_hw_memory_plan (const CcsHwProfile *p, double need_bytes, guint share);

/* The fraction of a planned task's bytes held in the CXL tier:
 * spilled / (local + spilled), 0 for an empty plan. */
double ccs_mem_plan_spill_fraction (const CcsMemPlan *plan);

/* Roofline time with a fraction @spill_fraction of the kernel's traffic
 * served by the CXL tier (from ccs_mem_plan_spill_fraction: traffic is
 * taken to be spread over the footprint like the resident bytes are):
 *   local   = (1 - f)·bytes,  spilled = f·bytes
 *   t_mem   = local / (bw/share · eff_mem)
 *           + spilled / (cxl_bw/share) + (f > 0 ? cxl_latency : 0)
 *   t       = max(flops / (peak/share · eff_class), t_mem) + launch
 * With f = 0 this is ccs_hw_roofline_s exactly.
 *
 * Why the two memory terms add instead of overlapping: spilled pages are
 * the ones allocated after local DRAM filled, i.e. whole tensors or layers,
 * so a kernel streams its local and its CXL operands in turn and the slow
 * tier is on the critical path.  The overlapping form max(local/bw,
 * spilled/cxl_bw) holds only with page interleaving across the tiers
 * (Linux weighted interleave); it was dropped as the optimistic case.  The
 * CXL bandwidth takes no efficiency factor: the figures quoted for
 * expanders (35-36 GB/s per PCIe 5 x8 module, hardware.md section 4
 * [76][77]) are already sustained rates.  The added latency (+70-100 ns
 * direct-attached [74], 2-5x local on real cards [75]) is paid once per
 * kernel, for its first dependent access: a streaming kernel keeps enough
 * requests in flight that later accesses overlap (Little's law), which the
 * sustained bandwidth already reflects.
 * Returns a negative value when the device cannot run @prec.  Time: O(1). */
double ccs_hw_roofline_spill_s (const CcsHwProfile *p, CcsPrecision prec, CcsKernelClass kc,
                                double flops, double bytes, guint share, double spill_fraction);

/* Linear power model P(u) = P_idle + (P_peak - P_idle)·u, u in [0,1].
 * Same form as SimGrid's host_energy plugin and CloudSim PowerModelLinear
 * (without CloudSim's 0 W at u = 0). */
double ccs_hw_power_w (const CcsHwProfile *p, double utilisation);

G_END_DECLS
