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
  double price_usd;          /* purchase price, 0 if unknown */
  double price_usd_per_hour; /* cloud rental price, 0 if none */
} CcsHwProfile;

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

/* Linear power model P(u) = P_idle + (P_peak - P_idle)·u, u in [0,1].
 * Same form as SimGrid's host_energy plugin and CloudSim PowerModelLinear
 * (without CloudSim's 0 W at u = 0). */
double ccs_hw_power_w (const CcsHwProfile *p, double utilisation);

G_END_DECLS
