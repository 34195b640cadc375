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
  double flops;            /* forward pass per sample at batch 1 (per token for decoders) */
  double params;           /* parameter count */
  double activation_bytes; /* activation TRAFFIC per sample (bytes moved, not resident):
                            * each intermediate tensor written and read once, fp16;
                            * for decoders the KV cache read per token */
  CcsKernelClass klass;    /* dominant kernel class */
  CcsPrecision precision;  /* usual deployment precision */
  const char *source;
  double activation_live_bytes;  /* RESIDENT activations per sample in inference (fp16):
                                  * every intermediate tensor, no buffer reuse (an upper
                                  * bound); for decoders the KV cache of one sequence */
  double activation_train_bytes; /* activations stored for backward per sample (fp16) */
} CcsModel;

/* A "sample" is one input at batch 1: an image, a 128-token sequence for
 * bert-base, one token for the decoders (gpt2, llama2-7b).  For decoders
 * @batch therefore counts the tokens of one step: in decoding, one token
 * per sequence (batch = concurrent sequences); in training, sequences ×
 * sequence length (1 024, the context the catalogue assumes).
 *
 * Activations are always counted at 2 bytes per element (the catalogue's
 * figures) whatever @elem_bytes says for the weights, in all three
 * functions below, so traffic and footprint agree. */

const CcsModel *ccs_models (gsize *n_out);
const CcsModel *ccs_model_lookup (const char *name);

/* Work of one inference step at @batch with weights of @elem_bytes each:
 *   flops = flops·batch
 *   bytes = params·elem_bytes + activation_bytes·batch
 * The weights are read once per batch and the activations scale with it, so
 * the arithmetic intensity grows with the batch towards
 * flops / activation_bytes.  Time: O(1). */
CcsWork ccs_model_work (const CcsModel *m, double batch, double elem_bytes);

/* Work of one training step (forward, backward, optimizer) at @batch:
 *   flops = 3·flops·batch
 *   bytes = 3·(params·elem_bytes + 2·activation_train_bytes·batch)
 *         + params·adam_bytes(elem_bytes)
 * The backward pass runs two products per layer (gradient of the input and
 * of the weights), each the size of the forward one: 2× the forward FLOPs,
 * so 3× in all, ≈ 6·N·D for transformers (N params, D tokens).  Reference:
 * Kaplan et al., "Scaling Laws for Neural Language Models",
 * arXiv:2001.08361, section 2.1 (hardware.md [51]).  The same argument for
 * bytes: each backward product moves the operands of its forward product
 * (weights or stored input, and a gradient the size of the output).  The
 * forward pass of training writes the stored activations and reads them
 * once (2·activation_train_bytes per sample).  Adam then reads the
 * gradients and reads and writes its state and the weights: adam_bytes =
 * 2·elem + 24 with an fp32 master copy (elem < 4), 3·elem + 16 without
 * one; 28 B/param for both fp16 and fp32.  Memory-class catalogue entries
 * (decoders, memory bound only because decoding is batch 1) train as GEMM.
 * Time: O(1). */
CcsWork ccs_model_train_work (const CcsModel *m, double batch, double elem_bytes);

/* Resident bytes of one inference step or training step at @batch:
 *   inference: params·elem_bytes + activation_live_bytes·batch
 *   training:  params·(2·elem_bytes + opt_bytes) + activation_train_bytes·batch
 * opt_bytes is Adam's two fp32 moments (8 B) plus an fp32 master copy (4 B)
 * when the weights are narrower than fp32, so weights + gradients + state
 * are 2 + 2 + 12 = 16 bytes/param in mixed precision, the figure of
 * Rajbhandari et al., "ZeRO: Memory Optimizations Toward Training Trillion
 * Parameter Models", SC 2020, section 3.1 (and 4 + 4 + 8 = 16 in fp32).
 * Left out: framework and runtime overheads (CUDA context, allocator
 * caching, cuDNN workspaces), transient activation gradients (one layer's
 * worth at a time) and, for inference, buffer reuse (which makes the
 * activation term an upper bound).  Pass the result to ccs_hw_memory_plan.
 * Time: O(1). */
double ccs_model_memory_bytes (const CcsModel *m, double batch, double elem_bytes,
                               gboolean training);

G_END_DECLS
