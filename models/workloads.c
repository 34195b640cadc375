/* workloads.c — FLOP and byte counts of parametric kernels and DNN models.
 *
 * The parametric kernels mirror the OpenCL kernels that hardware-in-the-loop
 * runs execute, so each count formula below must stay identical to theirs.
 * Bytes count compulsory device-memory traffic: every input read once, every
 * output written once (no cache or tiling effects).
 *
 * The DNN catalogue holds per-inference aggregates at batch 1 (per token for
 * the decoder LLMs).  Figures come from shared/reference/hardware.md; [N]
 * tags are its source numbers, E marks an estimate, U an unconfirmed figure.
 */
#include "models/workloads.h"

#include <math.h>
#include <string.h>

/* Output extent of a 'same'-padded convolution: ceil(n / stride).  A stride
 * below 1 is taken as 1. */
static double
conv_out (double n, double stride)
{
  return ceil (n / (stride >= 1.0 ? stride : 1.0));
}

/* GEMM C[m×n] = A[m×k]·B[k×n]:
 *   flops = 2·m·n·k          (one multiply and one add per term)
 *   bytes = (m·k + k·n + m·n)·elem   (read A and B, write C) */
CcsWork
ccs_kernel_gemm (double m, double n, double k, double elem_bytes)
{
  CcsWork w = {
    .flops = 2.0 * m * n * k,
    .bytes = (m * k + k * n + m * n) * elem_bytes,
    .klass = CCS_KC_GEMM,
  };
  return w;
}

/* Direct 2-D convolution, NCHW, 'same' padding:
 *   h_out = ceil(h/stride), w_out = ceil(w/stride)
 *   flops = 2·batch·c_out·h_out·w_out·c_in·kh·kw
 *   bytes = (batch·c_in·h·w            input
 *          + c_out·c_in·kh·kw          weights
 *          + batch·c_out·h_out·w_out)  output
 *           ·elem */
CcsWork
ccs_kernel_conv2d (double batch, double c_in, double h, double w, double c_out, double kh,
                   double kw, double stride, double elem_bytes)
{
  double h_out = conv_out (h, stride);
  double w_out = conv_out (w, stride);
  double input = batch * c_in * h * w;
  double weights = c_out * c_in * kh * kw;
  double output = batch * c_out * h_out * w_out;
  CcsWork wk = {
    .flops = 2.0 * batch * c_out * h_out * w_out * c_in * kh * kw,
    .bytes = (input + weights + output) * elem_bytes,
    .klass = CCS_KC_CONV,
  };
  return wk;
}

/* Depthwise 2-D convolution (one kh×kw filter per channel), 'same' padding:
 *   h_out = ceil(h/stride), w_out = ceil(w/stride)
 *   flops = 2·batch·c·h_out·w_out·kh·kw
 *   bytes = (batch·c·h·w + c·kh·kw + batch·c·h_out·w_out)·elem */
CcsWork
ccs_kernel_depthwise (double batch, double c, double h, double w, double kh, double kw,
                      double stride, double elem_bytes)
{
  double h_out = conv_out (h, stride);
  double w_out = conv_out (w, stride);
  double input = batch * c * h * w;
  double weights = c * kh * kw;
  double output = batch * c * h_out * w_out;
  CcsWork wk = {
    .flops = 2.0 * batch * c * h_out * w_out * kh * kw,
    .bytes = (input + weights + output) * elem_bytes,
    .klass = CCS_KC_DEPTHWISE,
  };
  return wk;
}

/* Element-wise kernel over n elements touching n_arrays arrays (inputs and
 * outputs together):
 *   flops = n·ops_per_elem
 *   bytes = n·n_arrays·elem */
CcsWork
ccs_kernel_elementwise (double n, double ops_per_elem, double n_arrays, double elem_bytes)
{
  CcsWork w = {
    .flops = n * ops_per_elem,
    .bytes = n * n_arrays * elem_bytes,
    .klass = CCS_KC_MEMORY,
  };
  return w;
}

/* Reduction (sum, max, softmax denominator) over n elements:
 *   flops = n        (one operation per element)
 *   bytes = n·elem   (the input read once; the scalar result is negligible) */
CcsWork
ccs_kernel_reduction (double n, double elem_bytes)
{
  CcsWork w = {
    .flops = n,
    .bytes = n * elem_bytes,
    .klass = CCS_KC_MEMORY,
  };
  return w;
}

/* Scaled dot-product attention, per (batch, head) pair with sequence length
 * s and head dimension d:
 *   flops = batch_heads·4·s²·d   (Q·Kᵀ: 2·s²·d, P·V: 2·s²·d; the softmax's
 *                                 O(s²) operations are left out)
 *   bytes = batch_heads·(4·s·d + s²)·elem   (read Q, K, V, write O; the s×s
 *                                 score matrix written or read once)
 * Counted as GEMM class: the two batched matrix products dominate. */
CcsWork
ccs_kernel_attention (double batch_heads, double seq, double head_dim, double elem_bytes)
{
  CcsWork w = {
    .flops = batch_heads * 4.0 * seq * seq * head_dim,
    .bytes = batch_heads * (4.0 * seq * head_dim + seq * seq) * elem_bytes,
    .klass = CCS_KC_GEMM,
  };
  return w;
}

/* DNN catalogue.
 *
 * flops: forward pass at batch 1 (per generated token for gpt2 and
 * llama2-7b).  torchvision quotes GMACs; FLOP = 2·MAC.
 *
 * activation_bytes is TRAFFIC, not a footprint (all E): intermediate
 * tensors, each written once and read once (2 accesses), at 2 bytes per
 * element (fp16), regardless of the weight precision chosen in
 * ccs_model_work.  Element counts are sums of layer output sizes (BN and
 * activations fused):
 *   resnet50     ≈ 11.3 M elements -> 11.3e6·2·2 ≈ 45 MB
 *   mobilenetv2  ≈  6.7 M (expanded 6× inverted-residual tensors) -> 27 MB
 *   yolov8n      ≈ 18 M at 640² (C2f splits/concats, PAN neck)    -> 72 MB
 *   yolov5s      ≈ 35 M at 640² (twice yolov8n's width)           -> 140 MB
 *   bert-base    ≈ 2.06 M per layer at seq 128 (QKV 295 k, scores and
 *                  probs 2·12·128² = 393 k, FFN 2·393 k, ...) × 12 layers
 *                  ≈ 24.8 M -> 99 MB
 * For decoders the per-token activations are small; the traffic is the KV
 * cache read at a 1 024-token context (E):
 *   gpt2         2 (K,V) · 12 layers · 1 024 · 768 · 2 B  = 37.7 MB
 *   llama2-7b    2 (K,V) · 32 layers · 1 024 · 4 096 · 2 B = 537 MB
 * So a decode step of llama2-7b at batch 1 moves 2·6.74e9 B of fp16 weights
 * + 537 MB of KV cache: ≈ 1 FLOP/B, bandwidth bound on every GPU [45].
 *
 * activation_live_bytes, the RESIDENT activations of one inference (E):
 *   encoders and CNNs: every intermediate tensor at once = activation_bytes
 *     / 2 (the traffic counts each tensor twice).  Runtimes that plan memory
 *     (TensorRT, TFLite's arena) reuse buffers and hold only a few layers'
 *     tensors (about 1.8 M of resnet50's 11.3 M elements, its first
 *     bottleneck block), so this is an upper bound by up to ~6×; it is kept
 *     because it makes a "fits" verdict safe and needs no per-layer graph.
 *   decoders: the KV cache of one sequence at 1 024 tokens, the same bytes
 *     as their traffic (read once per token): 37.7 MB and 537 MB.
 *
 * activation_train_bytes, what training keeps for the backward pass (E).
 * Backward needs every layer's input, so all of them stay resident until
 * used (Chen et al., "Training Deep Nets with Sublinear Memory Cost",
 * arXiv:1604.06174, section 3):
 *   CNNs: two tensors per conv layer, the conv output (input of BN's
 *     backward) and the BN+activation output (input of the next conv's
 *     weight gradient) = 2 · elements · 2 B = activation_bytes:
 *     resnet50 45 MB, mobilenetv2 27 MB, yolov8n 72 MB, yolov5s 140 MB.
 *   transformers: s·h·(34 + 5·a·s/h) bytes per layer and sequence (fp16,
 *     no recomputation), Korthikanti et al., "Reducing Activation
 *     Recomputation in Large Transformer Models", arXiv:2205.05198,
 *     section 4.1 (the 34 assumes a 4h MLP and dropout masks; E for Llama's
 *     SwiGLU):
 *     bert-base  s = 128, h = 768, a = 12, 12 layers:
 *                128·(34·768 + 5·12·128)·12 = 128·33 792·12 = 51.9 MB per
 *                sequence (cross-check: activation_bytes / 2 = 49.5 MB)
 *     gpt2       per token at s = 1 024: (34·768 + 5·12·1 024)·12
 *                = 87 552·12 = 1.05 MB (1.08 GB per sequence)
 *     llama2-7b  per token at s = 1 024, h = 4 096, a = 32, 32 layers:
 *                (34·4 096 + 5·32·1 024)·32 = 303 104·32 = 9.70 MB
 *                (9.93 GB per sequence)
 */
static const CcsModel models[] = {
  { "resnet50", "ResNet-50 image classifier, 224x224", 8.18e9, 25.56e6, 45.0e6, CCS_KC_CONV,
    CCS_PREC_INT8,
    "[47] torchvision resnet50: 25.56 M params, 4.09 GMAC = 8.18 GFLOP; activations E", 22.5e6,
    45.0e6 },
  { "mobilenetv2", "MobileNetV2 image classifier, 224x224", 0.60e9, 3.50e6, 27.0e6,
    CCS_KC_DEPTHWISE, CCS_PREC_INT8,
    "[48] torchvision mobilenet_v2: 3.50 M params, 0.30 GMAC = 0.60 GFLOP (OpenVINO 0.615); "
    "activations E",
    13.5e6, 27.0e6 },
  { "yolov8n", "YOLOv8n object detector, 640x640", 8.7e9, 3.16e6, 72.0e6, CCS_KC_CONV,
    CCS_PREC_FP16, "[50] ultralytics yolov8.yaml / docs: 3.16 M params, 8.7 GFLOP; activations E",
    36.0e6, 72.0e6 },
  { "yolov5s", "YOLOv5s object detector, 640x640", 16.5e9, 7.2e6, 140.0e6, CCS_KC_CONV,
    CCS_PREC_FP16, "[49] ultralytics/yolov5 README v7.0: 7.2 M params, 16.5 GFLOP; activations E",
    70.0e6, 140.0e6 },
  { "bert-base", "BERT-base encoder, one sequence of 128 tokens", 22.0e9, 110.0e6, 99.0e6,
    CCS_KC_GEMM, CCS_PREC_FP16,
    "[51] Kaplan: 2 x 85 M non-embedding params x 128 tokens + attention = 22 GFLOP (E); 110 M "
    "params; activations E, stored for backward per Korthikanti 2022",
    49.5e6, 51.9e6 },
  { "gpt2", "GPT-2 small (124 M) decoder, per generated token", 0.25e9, 124.0e6, 37.7e6,
    CCS_KC_MEMORY, CCS_PREC_FP16,
    "[51] Kaplan 2N: 0.17 GFLOP/token non-embedding, 0.25 with LM head (E); KV cache at 1 k "
    "context E; stored for backward per Korthikanti 2022",
    37.7e6, 1.05e6 },
  { "llama2-7b", "Llama-2-7B decoder, per generated token (memory bound)", 13.5e9, 6.74e9, 537.0e6,
    CCS_KC_MEMORY, CCS_PREC_FP16,
    "[51] Kaplan 2N = 13.5 GFLOP/token (E), 6.74 B params (U); decode memory bound [45]; KV cache "
    "at 1 k context E; stored for backward per Korthikanti 2022",
    537.0e6, 9.70e6 },
};

const CcsModel *
ccs_models (gsize *n_out)
{
  if (n_out != NULL)
    *n_out = G_N_ELEMENTS (models);
  return models;
}

const CcsModel *
ccs_model_lookup (const char *name)
{
  if (name == NULL)
    return NULL;
  for (gsize i = 0; i < G_N_ELEMENTS (models); i++)
    if (strcmp (models[i].name, name) == 0)
      return &models[i];
  return NULL;
}

/* One inference step (see workloads.h): weights once per batch,
 * activations per sample. */
CcsWork
ccs_model_work (const CcsModel *m, double batch, double elem_bytes)
{
  CcsWork w = { 0.0, 0.0, CCS_KC_MEMORY };
  if (m == NULL)
    return w;
  w.flops = m->flops * batch;
  w.bytes = m->params * elem_bytes + m->activation_bytes * batch;
  w.klass = m->klass;
  return w;
}

/* Adam's optimizer state beyond the weights and gradients, bytes/param:
 * two fp32 moments, and an fp32 master copy of weights narrower than fp32
 * (ZeRO, section 3.1). */
static double
adam_state_bytes (double elem_bytes)
{
  return elem_bytes < 4 ? 12.0 : 8.0;
}

/* Bytes/param one Adam step moves: read the gradient, read and write the
 * state, write the weights (read them too when they are the master copy). */
static double
adam_step_bytes (double elem_bytes)
{
  return elem_bytes < 4 ? 2 * elem_bytes + 2 * adam_state_bytes (elem_bytes)
                        : 3 * elem_bytes + 2 * adam_state_bytes (elem_bytes);
}

CcsWork
ccs_model_train_work (const CcsModel *m, double batch, double elem_bytes)
{
  CcsWork w = { 0.0, 0.0, CCS_KC_GEMM };
  if (m == NULL)
    return w;
  double forward = m->params * elem_bytes + 2.0 * m->activation_train_bytes * batch;
  w.flops = 3.0 * m->flops * batch;
  w.bytes = 3.0 * forward + m->params * adam_step_bytes (elem_bytes);
  w.klass = m->klass == CCS_KC_MEMORY ? CCS_KC_GEMM : m->klass;
  return w;
}

double
ccs_model_memory_bytes (const CcsModel *m, double batch, double elem_bytes, gboolean training)
{
  if (m == NULL)
    return 0;
  if (!training)
    return m->params * elem_bytes + m->activation_live_bytes * batch;
  double per_param = 2.0 * elem_bytes + adam_state_bytes (elem_bytes);
  return m->params * per_param + m->activation_train_bytes * batch;
}
