/* workloads.h — kernels and DNN models as FLOP and byte counts.
 *
 * The parametric kernels are the ones hardware-in-the-loop runs for real, so
 * their parameters and counts must stay identical to the OpenCL kernels.
 * The DNN catalogue holds per-inference aggregates with their sources.
 */
#pragma once

#include "models/hw.h"

G_BEGIN_DECLS

typedef struct
{
  double flops; /* arithmetic operations (FLOP, or OP for int8) */
  double bytes; /* bytes moved to and from device memory */
  CcsKernelClass klass;
} CcsWork;

/* C[m×n] = A[m×k]·B[k×n]: 2mnk FLOP; (mk + kn + mn)·elem bytes. */
CcsWork ccs_kernel_gemm (double m, double n, double k, double elem_bytes);
/* Direct 2-D convolution, NCHW, stride s, 'same' padding assumed by out size. */
CcsWork ccs_kernel_conv2d (double batch, double c_in, double h, double w, double c_out, double kh,
                           double kw, double stride, double elem_bytes);
CcsWork ccs_kernel_depthwise (double batch, double c, double h, double w, double kh, double kw,
                              double stride, double elem_bytes);
/* n elements, ops_per_elem operations, reads+writes of n_arrays arrays. */
CcsWork ccs_kernel_elementwise (double n, double ops_per_elem, double n_arrays, double elem_bytes);
/* Reduction/softmax over n elements. */
CcsWork ccs_kernel_reduction (double n, double elem_bytes);
/* Scaled dot-product attention: batch·heads, sequence length, head dim. */
CcsWork ccs_kernel_attention (double batch_heads, double seq, double head_dim, double elem_bytes);

typedef struct
{
  const char *name; /* as used in scenario files: "yolov8n" */
  const char *summary;
  double flops;            /* per inference at batch 1 (or per token) */
  double params;           /* parameter count */
  double activation_bytes; /* activations moved at batch 1 */
  CcsKernelClass klass;    /* dominant kernel class */
  CcsPrecision precision;  /* usual deployment precision */
  const char *source;
} CcsModel;

const CcsModel *ccs_models (gsize *n_out);
const CcsModel *ccs_model_lookup (const char *name);
/* Work of one inference at @batch with weights of @elem_bytes each. */
CcsWork ccs_model_work (const CcsModel *m, double batch, double elem_bytes);

G_END_DECLS
