/* clprobe.c — measure a real OpenCL device: list platforms and devices, and
 * time a tiled SGEMM, a STREAM-like triad and empty-kernel launches.
 *
 * Why: this is the first piece of hardware in the loop.  A hardware profile
 * (an .ini in hwprofiles/) states fp32 FLOP/s, memory bandwidth, eff_gemm,
 * eff_memory and launch_overhead from datasheets and estimates; clprobe
 * measures the same three quantities on a device that is actually there,
 * so that profiles can be checked and calibrated against it.
 *
 * It is plain C on the OpenCL 1.2 API only (no GLib), so that it also builds
 * on a GPU machine that has nothing but a compiler and a vendor SDK:
 *
 *   gcc -O2 -std=gnu11 real/clprobe.c -I/usr/local/cuda/include \
 *       -L/usr/local/cuda/lib64 -lOpenCL -lm -o clprobe
 *
 * CUDA 13 ships no CL/ headers: then leave out the -I and use the Khronos
 * ones (Debian: opencl-c-headers).  Where the NVIDIA driver library is
 * present but not registered in /etc/OpenCL/vendors, put a file nvidia.icd
 * holding the path of libnvidia-opencl.so.1 in a folder and point
 * OCL_ICD_VENDORS at that folder (both seen on an H100 machine).
 *
 * Usage:  clprobe --list
 *         clprobe --device P:D [--quick]
 *
 * Output is one line per item, "KIND key=value ...", strings in double
 * quotes; it is meant for scripts and stays stable:
 *
 *   platform 0 name="..." vendor="..." version="..."          (--list)
 *   device 0:0 name="..." vendor="..." type=CPU ...            (both modes)
 *   gemm n=1024 time_s=... gflops=...
 *   triad n=16777216 time_s=... gbps=...
 *   launch reps=100 launch_us=... exec_us=...
 *
 * Kernel times are device time from profiling events (COMMAND_END −
 * COMMAND_START), the best of REPEATS runs after one untimed warm-up run:
 * PoCL compiles each kernel again at its first enqueue for each new size
 * (0.2–0.4 s each with PoCL 3.1), and the best run is the least disturbed
 * by the rest of the machine.  launch_us is different on purpose: it is the
 * host's wall time from clEnqueueNDRangeKernel to the end of clFinish for a
 * one-item empty kernel (median of LAUNCH_REPS), which is what a caller pays
 * per offload and what a profile's launch_overhead models; the device-side
 * END − START of that kernel is reported as exec_us and is near zero.
 *
 * Exit status: 0 success, 1 OpenCL error or no such device, 2 usage error,
 * 3 a kernel computed a wrong result.
 *
 * Errors end the process from check_cl() rather than unwinding: a probe is a
 * short-lived process whose resources the OS reclaims, and exiting at the
 * failing call keeps each benchmark readable.  Every message names the
 * benchmark, the OpenCL call and the error code's name.
 */
#define CL_TARGET_OPENCL_VERSION 120

#include <CL/cl.h>
#include <errno.h>
#include <getopt.h>
#include <math.h>
#include <stdint.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>
#include <time.h>

enum
{
  EXIT_CL_ERROR = 1,
  EXIT_USAGE = 2,
  EXIT_WRONG = 3,
};

#define REPEATS 5       /* timed runs per kernel; the minimum is reported */
#define LAUNCH_REPS 100 /* empty-kernel launches; the median is reported */
#define LAUNCH_WARMUP 10
#define TILE 16        /* SGEMM local tile; must match the kernel source */
#define GEMM_TOL 1e-3  /* relative error allowed on a checked entry */
#define TRIAD_TOL 1e-6 /* inputs are chosen so the result is exact */
#define TRIAD_SCALAR 3.0f

/* Names of OpenCL error codes.  Numbers rather than macros for the codes
 * after 1.2 and for extensions, which CL_TARGET_OPENCL_VERSION 120 (or an
 * older SDK) leaves undefined. */
static const struct
{
  cl_int code;
  const char *name;
} cl_errors[] = {
#define E(x)                                                                                       \
  {                                                                                                \
    x, #x                                                                                          \
  }
  E (CL_SUCCESS),
  E (CL_DEVICE_NOT_FOUND),
  E (CL_DEVICE_NOT_AVAILABLE),
  E (CL_COMPILER_NOT_AVAILABLE),
  E (CL_MEM_OBJECT_ALLOCATION_FAILURE),
  E (CL_OUT_OF_RESOURCES),
  E (CL_OUT_OF_HOST_MEMORY),
  E (CL_PROFILING_INFO_NOT_AVAILABLE),
  E (CL_MEM_COPY_OVERLAP),
  E (CL_IMAGE_FORMAT_MISMATCH),
  E (CL_IMAGE_FORMAT_NOT_SUPPORTED),
  E (CL_BUILD_PROGRAM_FAILURE),
  E (CL_MAP_FAILURE),
  E (CL_MISALIGNED_SUB_BUFFER_OFFSET),
  E (CL_EXEC_STATUS_ERROR_FOR_EVENTS_IN_WAIT_LIST),
  E (CL_COMPILE_PROGRAM_FAILURE),
  E (CL_LINKER_NOT_AVAILABLE),
  E (CL_LINK_PROGRAM_FAILURE),
  E (CL_DEVICE_PARTITION_FAILED),
  E (CL_KERNEL_ARG_INFO_NOT_AVAILABLE),
  E (CL_INVALID_VALUE),
  E (CL_INVALID_DEVICE_TYPE),
  E (CL_INVALID_PLATFORM),
  E (CL_INVALID_DEVICE),
  E (CL_INVALID_CONTEXT),
  E (CL_INVALID_QUEUE_PROPERTIES),
  E (CL_INVALID_COMMAND_QUEUE),
  E (CL_INVALID_HOST_PTR),
  E (CL_INVALID_MEM_OBJECT),
  E (CL_INVALID_IMAGE_FORMAT_DESCRIPTOR),
  E (CL_INVALID_IMAGE_SIZE),
  E (CL_INVALID_SAMPLER),
  E (CL_INVALID_BINARY),
  E (CL_INVALID_BUILD_OPTIONS),
  E (CL_INVALID_PROGRAM),
  E (CL_INVALID_PROGRAM_EXECUTABLE),
  E (CL_INVALID_KERNEL_NAME),
  E (CL_INVALID_KERNEL_DEFINITION),
  E (CL_INVALID_KERNEL),
  E (CL_INVALID_ARG_INDEX),
  E (CL_INVALID_ARG_VALUE),
  E (CL_INVALID_ARG_SIZE),
  E (CL_INVALID_KERNEL_ARGS),
  E (CL_INVALID_WORK_DIMENSION),
  E (CL_INVALID_WORK_GROUP_SIZE),
  E (CL_INVALID_WORK_ITEM_SIZE),
  E (CL_INVALID_GLOBAL_OFFSET),
  E (CL_INVALID_EVENT_WAIT_LIST),
  E (CL_INVALID_EVENT),
  E (CL_INVALID_OPERATION),
  E (CL_INVALID_GL_OBJECT),
  E (CL_INVALID_BUFFER_SIZE),
  E (CL_INVALID_MIP_LEVEL),
  E (CL_INVALID_GLOBAL_WORK_SIZE),
  E (CL_INVALID_PROPERTY),
  E (CL_INVALID_IMAGE_DESCRIPTOR),
  E (CL_INVALID_COMPILER_OPTIONS),
  E (CL_INVALID_LINKER_OPTIONS),
  E (CL_INVALID_DEVICE_PARTITION_COUNT),
#undef E
  { -69, "CL_INVALID_PIPE_SIZE" },
  { -70, "CL_INVALID_DEVICE_QUEUE" },
  { -71, "CL_INVALID_SPEC_ID" },
  { -72, "CL_MAX_SIZE_RESTRICTION_EXCEEDED" },
  { -1000, "CL_INVALID_GL_SHAREGROUP_REFERENCE_KHR" },
  { -1001, "CL_PLATFORM_NOT_FOUND_KHR" },
  { -1002, "CL_INVALID_D3D10_DEVICE_KHR" },
  { -1003, "CL_INVALID_D3D10_RESOURCE_KHR" },
  { -1004, "CL_D3D10_RESOURCE_ALREADY_ACQUIRED_KHR" },
  { -1005, "CL_D3D10_RESOURCE_NOT_ACQUIRED_KHR" },
  { -1057, "CL_DEVICE_PARTITION_FAILED_EXT" },
  { -1058, "CL_INVALID_PARTITION_COUNT_EXT" },
  { -1059, "CL_INVALID_PARTITION_NAME_EXT" },
  { -1092, "CL_EGL_RESOURCE_NOT_ACQUIRED_KHR" },
  { -1093, "CL_INVALID_EGL_OBJECT_KHR" },
  { -1094, "CL_INVALID_ACCELERATOR_INTEL" },
  { -1095, "CL_INVALID_ACCELERATOR_TYPE_INTEL" },
  { -1096, "CL_INVALID_ACCELERATOR_DESCRIPTOR_INTEL" },
  { -1097, "CL_ACCELERATOR_TYPE_NOT_SUPPORTED_INTEL" },
  { -1098, "CL_INVALID_VA_API_MEDIA_ADAPTER_INTEL" },
  { -1099, "CL_INVALID_VA_API_MEDIA_SURFACE_INTEL" },
  { -1100, "CL_VA_API_MEDIA_SURFACE_ALREADY_ACQUIRED_INTEL" },
  { -1101, "CL_VA_API_MEDIA_SURFACE_NOT_ACQUIRED_INTEL" },
};

/* One kernel source for all three benchmarks, built once per run.
 * sgemm is the classic local-memory tiling (each work-group stages a TILE ×
 * TILE block of A and of B, then every item accumulates one entry of C);
 * n must be a multiple of TILE.  Row-major throughout. */
static const char kernel_src[] = "#define TILE 16\n"
                                 "__kernel __attribute__((reqd_work_group_size(TILE, TILE, 1)))\n"
                                 "void sgemm(const int n, __global const float *a,\n"
                                 "           __global const float *b, __global float *c)\n"
                                 "{\n"
                                 "  __local float ta[TILE][TILE];\n"
                                 "  __local float tb[TILE][TILE];\n"
                                 "  const int lr = get_local_id(1), lc = get_local_id(0);\n"
                                 "  const int row = get_global_id(1), col = get_global_id(0);\n"
                                 "  float acc = 0.0f;\n"
                                 "  for (int t = 0; t < n; t += TILE) {\n"
                                 "    ta[lr][lc] = a[row * n + t + lc];\n"
                                 "    tb[lr][lc] = b[(t + lr) * n + col];\n"
                                 "    barrier(CLK_LOCAL_MEM_FENCE);\n"
                                 "    for (int k = 0; k < TILE; k++)\n"
                                 "      acc += ta[lr][k] * tb[k][lc];\n"
                                 "    barrier(CLK_LOCAL_MEM_FENCE);\n"
                                 "  }\n"
                                 "  c[row * n + col] = acc;\n"
                                 "}\n"
                                 "\n"
                                 "__kernel void triad(__global float *a, __global const float *b,\n"
                                 "                    __global const float *c, const float s)\n"
                                 "{\n"
                                 "  const size_t i = get_global_id(0);\n"
                                 "  a[i] = b[i] + s * c[i];\n"
                                 "}\n"
                                 "\n"
                                 "__kernel void empty(void)\n"
                                 "{\n"
                                 "}\n";

/* What a benchmark run works with.  what names the step under way, for
 * error messages ("gemm n=1024"). */
typedef struct
{
  cl_device_id device;
  cl_context context;
  cl_command_queue queue;
  cl_program program;
  cl_ulong max_alloc_bytes;
  cl_ulong global_mem_bytes;
  char what[64];
} Probe;

static const char *
cl_error_name (cl_int code)
{
  for (size_t i = 0; i < sizeof cl_errors / sizeof cl_errors[0]; i++)
    if (cl_errors[i].code == code)
      return cl_errors[i].name;
  return "unknown OpenCL error";
}

static void
check_cl (const Probe *p, cl_int err, const char *call)
{
  if (err == CL_SUCCESS)
    return;
  fprintf (stderr, "clprobe: %s%s%s failed: %s (%d)\n", p && p->what[0] ? p->what : "",
           p && p->what[0] ? ": " : "", call, cl_error_name (err), (int) err);
  exit (EXIT_CL_ERROR);
}

static void *
xmalloc (size_t size)
{
  void *m = malloc (size);
  if (!m)
    {
      fprintf (stderr, "clprobe: out of host memory (%zu bytes)\n", size);
      exit (EXIT_CL_ERROR);
    }
  return m;
}

static double
now_s (void)
{
  struct timespec ts;
  clock_gettime (CLOCK_MONOTONIC, &ts);
  return (double) ts.tv_sec + 1e-9 * (double) ts.tv_nsec;
}

/* ---- Device information ------------------------------------------------ */

/* Terminate @buf and drop trailing blanks (some drivers pad names). */
static void
trim (char *buf, size_t size)
{
  buf[size - 1] = '\0';
  size_t len = strlen (buf);
  while (len > 0 && (buf[len - 1] == ' ' || buf[len - 1] == '\n'))
    buf[--len] = '\0';
}

static void
device_string (cl_device_id dev, cl_device_info what, const char *call, char *buf, size_t size)
{
  check_cl (NULL, clGetDeviceInfo (dev, what, size, buf, NULL), call);
  trim (buf, size);
}

static void
platform_string (cl_platform_id plat, cl_platform_info what, char *buf, size_t size)
{
  check_cl (NULL, clGetPlatformInfo (plat, what, size, buf, NULL), "clGetPlatformInfo");
  trim (buf, size);
}

/* Print @s as a double-quoted value, escaping quotes and backslashes so the
 * line stays parseable whatever a driver reports. */
static void
print_quoted (const char *key, const char *s)
{
  printf (" %s=\"", key);
  for (; *s; s++)
    {
      if (*s == '"' || *s == '\\')
        putchar ('\\');
      putchar ((unsigned char) *s < ' ' ? ' ' : *s);
    }
  putchar ('"');
}

static const char *
device_type_name (cl_device_type type, char *buf, size_t size)
{
  static const struct
  {
    cl_device_type bit;
    const char *name;
  } types[] = {
    { CL_DEVICE_TYPE_CPU, "CPU" },
    { CL_DEVICE_TYPE_GPU, "GPU" },
    { CL_DEVICE_TYPE_ACCELERATOR, "ACCELERATOR" },
    { CL_DEVICE_TYPE_CUSTOM, "CUSTOM" },
    { CL_DEVICE_TYPE_DEFAULT, "DEFAULT" },
  };
  buf[0] = '\0';
  for (size_t i = 0; i < sizeof types / sizeof types[0]; i++)
    if (type & types[i].bit)
      {
        if (buf[0])
          strncat (buf, "|", size - strlen (buf) - 1);
        strncat (buf, types[i].name, size - strlen (buf) - 1);
      }
  if (!buf[0])
    snprintf (buf, size, "UNKNOWN");
  return buf;
}

/* "device P:D name=... vendor=... type=... compute_units=... ..." */
static void
print_device (unsigned p, unsigned d, cl_device_id dev)
{
  char name[1024], vendor[1024], version[1024], driver[1024], type[64];
  cl_device_type t;
  cl_uint units, clock_mhz;
  cl_ulong global_mem, max_alloc;
  device_string (dev, CL_DEVICE_NAME, "clGetDeviceInfo(CL_DEVICE_NAME)", name, sizeof name);
  device_string (dev, CL_DEVICE_VENDOR, "clGetDeviceInfo(CL_DEVICE_VENDOR)", vendor, sizeof vendor);
  device_string (dev, CL_DEVICE_VERSION, "clGetDeviceInfo(CL_DEVICE_VERSION)", version,
                 sizeof version);
  device_string (dev, CL_DRIVER_VERSION, "clGetDeviceInfo(CL_DRIVER_VERSION)", driver,
                 sizeof driver);
  check_cl (NULL, clGetDeviceInfo (dev, CL_DEVICE_TYPE, sizeof t, &t, NULL),
            "clGetDeviceInfo(CL_DEVICE_TYPE)");
  check_cl (NULL, clGetDeviceInfo (dev, CL_DEVICE_MAX_COMPUTE_UNITS, sizeof units, &units, NULL),
            "clGetDeviceInfo(CL_DEVICE_MAX_COMPUTE_UNITS)");
  check_cl (
      NULL,
      clGetDeviceInfo (dev, CL_DEVICE_MAX_CLOCK_FREQUENCY, sizeof clock_mhz, &clock_mhz, NULL),
      "clGetDeviceInfo(CL_DEVICE_MAX_CLOCK_FREQUENCY)");
  check_cl (NULL,
            clGetDeviceInfo (dev, CL_DEVICE_GLOBAL_MEM_SIZE, sizeof global_mem, &global_mem, NULL),
            "clGetDeviceInfo(CL_DEVICE_GLOBAL_MEM_SIZE)");
  check_cl (NULL,
            clGetDeviceInfo (dev, CL_DEVICE_MAX_MEM_ALLOC_SIZE, sizeof max_alloc, &max_alloc, NULL),
            "clGetDeviceInfo(CL_DEVICE_MAX_MEM_ALLOC_SIZE)");
  printf ("device %u:%u", p, d);
  print_quoted ("name", name);
  print_quoted ("vendor", vendor);
  printf (" type=%s compute_units=%u max_clock_mhz=%u global_mem_bytes=%llu max_alloc_bytes=%llu",
          device_type_name (t, type, sizeof type), (unsigned) units, (unsigned) clock_mhz,
          (unsigned long long) global_mem, (unsigned long long) max_alloc);
  print_quoted ("version", version);
  print_quoted ("driver", driver);
  putchar ('\n');
}

/* All platforms; exits with a clear message when there is none.  The
 * returned array is owned by the caller. */
static cl_platform_id *
get_platforms (cl_uint *count)
{
  cl_int err = clGetPlatformIDs (0, NULL, count);
  if (err == -1001 /* CL_PLATFORM_NOT_FOUND_KHR, from ICD loaders */ || (!err && *count == 0))
    {
      fprintf (stderr, "clprobe: no OpenCL platform found (is an ICD installed? "
                       "see /etc/OpenCL/vendors)\n");
      exit (EXIT_CL_ERROR);
    }
  check_cl (NULL, err, "clGetPlatformIDs");
  cl_platform_id *plats = xmalloc (*count * sizeof *plats);
  check_cl (NULL, clGetPlatformIDs (*count, plats, NULL), "clGetPlatformIDs");
  return plats;
}

/* The devices of @plat; NULL and *count = 0 when it has none. */
static cl_device_id *
get_devices (cl_platform_id plat, cl_uint *count)
{
  cl_int err = clGetDeviceIDs (plat, CL_DEVICE_TYPE_ALL, 0, NULL, count);
  if (err == CL_DEVICE_NOT_FOUND || (!err && *count == 0))
    {
      *count = 0;
      return NULL;
    }
  check_cl (NULL, err, "clGetDeviceIDs");
  cl_device_id *devs = xmalloc (*count * sizeof *devs);
  check_cl (NULL, clGetDeviceIDs (plat, CL_DEVICE_TYPE_ALL, *count, devs, NULL), "clGetDeviceIDs");
  return devs;
}

/* PoCL drops its device silently when its kernel cache is not writable. */
static const char no_device_hint[]
    = "(with PoCL, check that $POCL_CACHE_DIR, else ~/.cache/pocl, is writable)";

static int
cmd_list (void)
{
  cl_uint nplat, total = 0;
  cl_platform_id *plats = get_platforms (&nplat);
  for (cl_uint p = 0; p < nplat; p++)
    {
      char name[1024], vendor[1024], version[1024];
      platform_string (plats[p], CL_PLATFORM_NAME, name, sizeof name);
      platform_string (plats[p], CL_PLATFORM_VENDOR, vendor, sizeof vendor);
      platform_string (plats[p], CL_PLATFORM_VERSION, version, sizeof version);
      printf ("platform %u", (unsigned) p);
      print_quoted ("name", name);
      print_quoted ("vendor", vendor);
      print_quoted ("version", version);
      putchar ('\n');
      cl_uint ndev;
      cl_device_id *devs = get_devices (plats[p], &ndev);
      for (cl_uint d = 0; d < ndev; d++)
        print_device (p, d, devs[d]);
      total += ndev;
      free (devs);
    }
  free (plats);
  if (total == 0)
    {
      fprintf (stderr, "clprobe: no OpenCL device found %s\n", no_device_hint);
      return EXIT_CL_ERROR;
    }
  return EXIT_SUCCESS;
}

/* ---- Benchmarks --------------------------------------------------------- */

static void
probe_open (Probe *p, cl_device_id dev)
{
  cl_int err;
  memset (p, 0, sizeof *p);
  p->device = dev;
  snprintf (p->what, sizeof p->what, "setup");
  check_cl (p,
            clGetDeviceInfo (dev, CL_DEVICE_MAX_MEM_ALLOC_SIZE, sizeof p->max_alloc_bytes,
                             &p->max_alloc_bytes, NULL),
            "clGetDeviceInfo(CL_DEVICE_MAX_MEM_ALLOC_SIZE)");
  check_cl (p,
            clGetDeviceInfo (dev, CL_DEVICE_GLOBAL_MEM_SIZE, sizeof p->global_mem_bytes,
                             &p->global_mem_bytes, NULL),
            "clGetDeviceInfo(CL_DEVICE_GLOBAL_MEM_SIZE)");
  p->context = clCreateContext (NULL, 1, &dev, NULL, NULL, &err);
  check_cl (p, err, "clCreateContext");
  p->queue = clCreateCommandQueue (p->context, dev, CL_QUEUE_PROFILING_ENABLE, &err);
  check_cl (p, err, "clCreateCommandQueue");

  snprintf (p->what, sizeof p->what, "kernel build");
  const char *src = kernel_src;
  p->program = clCreateProgramWithSource (p->context, 1, &src, NULL, &err);
  check_cl (p, err, "clCreateProgramWithSource");
  err = clBuildProgram (p->program, 1, &dev, "", NULL, NULL);
  if (err == CL_BUILD_PROGRAM_FAILURE)
    {
      size_t len = 0;
      clGetProgramBuildInfo (p->program, dev, CL_PROGRAM_BUILD_LOG, 0, NULL, &len);
      char *log = xmalloc (len + 1);
      log[0] = '\0';
      clGetProgramBuildInfo (p->program, dev, CL_PROGRAM_BUILD_LOG, len, log, NULL);
      log[len] = '\0';
      fprintf (stderr, "clprobe: build log:\n%s\n", log);
      free (log);
    }
  check_cl (p, err, "clBuildProgram");
}

static void
probe_close (Probe *p)
{
  clReleaseProgram (p->program);
  clReleaseCommandQueue (p->queue);
  clReleaseContext (p->context);
}

static cl_kernel
probe_kernel (const Probe *p, const char *name)
{
  cl_int err;
  cl_kernel k = clCreateKernel (p->program, name, &err);
  check_cl (p, err, "clCreateKernel");
  return k;
}

static cl_mem
probe_buffer (const Probe *p, cl_mem_flags flags, size_t size_bytes)
{
  cl_int err;
  cl_mem m = clCreateBuffer (p->context, flags, size_bytes, NULL, &err);
  check_cl (p, err, "clCreateBuffer");
  return m;
}

/* Whether @nbuf buffers of @size_bytes each fit the device; says why not. */
static int
probe_fits (const Probe *p, size_t nbuf, size_t size_bytes)
{
  if (size_bytes > p->max_alloc_bytes || nbuf * size_bytes > p->global_mem_bytes)
    {
      fprintf (stderr,
               "clprobe: %s skipped: needs %zu buffers of %zu bytes; device allows %llu per "
               "buffer, %llu in all\n",
               p->what, nbuf, size_bytes, (unsigned long long) p->max_alloc_bytes,
               (unsigned long long) p->global_mem_bytes);
      return 0;
    }
  return 1;
}

/* Device time of one run of @k in seconds (profiling END − START). */
static double
run_kernel (const Probe *p, cl_kernel k, cl_uint dims, const size_t *global, const size_t *local)
{
  cl_event ev;
  cl_ulong start, end;
  check_cl (p, clEnqueueNDRangeKernel (p->queue, k, dims, NULL, global, local, 0, NULL, &ev),
            "clEnqueueNDRangeKernel");
  check_cl (p, clWaitForEvents (1, &ev), "clWaitForEvents");
  check_cl (p, clGetEventProfilingInfo (ev, CL_PROFILING_COMMAND_START, sizeof start, &start, NULL),
            "clGetEventProfilingInfo(START)");
  check_cl (p, clGetEventProfilingInfo (ev, CL_PROFILING_COMMAND_END, sizeof end, &end, NULL),
            "clGetEventProfilingInfo(END)");
  check_cl (p, clReleaseEvent (ev), "clReleaseEvent");
  return 1e-9 * (double) (end - start);
}

/* One untimed warm-up run, then the best of REPEATS, in seconds. */
static double
time_kernel (const Probe *p, cl_kernel k, cl_uint dims, const size_t *global, const size_t *local)
{
  run_kernel (p, k, dims, global, local);
  double best = INFINITY;
  for (int r = 0; r < REPEATS; r++)
    {
      double t = run_kernel (p, k, dims, global, local);
      if (t < best)
        best = t;
    }
  return best;
}

/* Deterministic inputs in [0, 1): all-positive operands keep the sums in
 * SGEMM free of cancellation, so a relative error bound is meaningful. */
static float
next_unit (uint64_t *state)
{
  *state = *state * 6364136223846793005ULL + 1442695040888963407ULL;
  return (float) (*state >> 40) / (float) (1 << 24);
}

/* SGEMM C = A·B on n × n matrices.  FLOP = 2n³ (n multiply-adds per entry).
 * Checked against a double-precision dot product on the host on n + 4
 * entries: the four corners and C[i][(7i + 3) mod n] for every row i, which
 * meets every row, every column (n is a power of two here, so i → 7i + 3 is
 * a bijection) and every tile, for O(n²) host work instead of O(n³).
 * Checking a few random entries only was dropped: it missed an error
 * confined to one row. */
static int
bench_gemm (Probe *p, cl_kernel k, unsigned n)
{
  snprintf (p->what, sizeof p->what, "gemm n=%u", n);
  size_t count = (size_t) n * n, size_bytes = count * sizeof (float);
  if (!probe_fits (p, 3, size_bytes))
    return EXIT_SUCCESS;

  float *a = xmalloc (size_bytes), *b = xmalloc (size_bytes);
  uint64_t state = 42;
  for (size_t i = 0; i < count; i++)
    a[i] = next_unit (&state);
  for (size_t i = 0; i < count; i++)
    b[i] = next_unit (&state);
  cl_mem da = probe_buffer (p, CL_MEM_READ_ONLY, size_bytes);
  cl_mem db = probe_buffer (p, CL_MEM_READ_ONLY, size_bytes);
  cl_mem dc = probe_buffer (p, CL_MEM_WRITE_ONLY, size_bytes);
  check_cl (p, clEnqueueWriteBuffer (p->queue, da, CL_TRUE, 0, size_bytes, a, 0, NULL, NULL),
            "clEnqueueWriteBuffer");
  check_cl (p, clEnqueueWriteBuffer (p->queue, db, CL_TRUE, 0, size_bytes, b, 0, NULL, NULL),
            "clEnqueueWriteBuffer");

  cl_int nn = (cl_int) n;
  check_cl (p, clSetKernelArg (k, 0, sizeof nn, &nn), "clSetKernelArg");
  check_cl (p, clSetKernelArg (k, 1, sizeof da, &da), "clSetKernelArg");
  check_cl (p, clSetKernelArg (k, 2, sizeof db, &db), "clSetKernelArg");
  check_cl (p, clSetKernelArg (k, 3, sizeof dc, &dc), "clSetKernelArg");
  const size_t global[2] = { n, n }, local[2] = { TILE, TILE };
  double t = time_kernel (p, k, 2, global, local);

  float *c = xmalloc (size_bytes);
  check_cl (p, clEnqueueReadBuffer (p->queue, dc, CL_TRUE, 0, size_bytes, c, 0, NULL, NULL),
            "clEnqueueReadBuffer");
  int status = EXIT_SUCCESS;
  for (size_t s = 0; s < (size_t) n + 4 && status == EXIT_SUCCESS; s++)
    {
      static const size_t corner[4][2] = { { 0, 0 }, { 0, 1 }, { 1, 0 }, { 1, 1 } };
      size_t i = s < n ? s : corner[s - n][0] * (n - 1);
      size_t j = s < n ? (7 * s + 3) % n : corner[s - n][1] * (n - 1);
      double want = 0.0;
      for (size_t l = 0; l < n; l++)
        want += (double) a[i * n + l] * (double) b[l * n + j];
      double got = c[i * n + j];
      double rel = fabs (got - want) / (want != 0.0 ? fabs (want) : 1.0);
      if (!(rel < GEMM_TOL))
        {
          fprintf (stderr,
                   "clprobe: %s: wrong result at C[%zu][%zu]: got %.9g, expected %.9g "
                   "(relative error %.3g, limit %g)\n",
                   p->what, i, j, got, want, rel, GEMM_TOL);
          status = EXIT_WRONG;
        }
    }
  if (status == EXIT_SUCCESS)
    printf ("gemm n=%u time_s=%.6e gflops=%.3f\n", n, t, 2.0 * n * n * (double) n / t * 1e-9);
  fflush (stdout);

  clReleaseMemObject (da);
  clReleaseMemObject (db);
  clReleaseMemObject (dc);
  free (a);
  free (b);
  free (c);
  return status;
}

/* Triad inputs: multiples of 1/1024 below 1, so b + 3c is exact in float
 * with or without a fused multiply-add, and any difference is an error. */
static float
triad_b (size_t i)
{
  return (float) (i & 1023) / 1024.0f;
}

static float
triad_c (size_t i)
{
  return (float) ((i * 7 + 3) & 1023) / 1024.0f;
}

/* STREAM triad a = b + s·c (McCalpin, "Memory Bandwidth and Machine Balance
 * in Current High Performance Computers", IEEE TCCA Newsletter, 1995).
 * Bytes moved = 3 · 4 · n (two reads and one write of a float per element,
 * STREAM's convention: write-allocate traffic is not counted).  Verified on
 * every element. */
static int
bench_triad (Probe *p, cl_kernel k, size_t n)
{
  snprintf (p->what, sizeof p->what, "triad n=%zu", n);
  size_t size_bytes = n * sizeof (float);
  if (!probe_fits (p, 3, size_bytes))
    return EXIT_SUCCESS;

  /* One host array, reused, to keep the host footprint at one buffer. */
  float *h = xmalloc (size_bytes);
  cl_mem da = probe_buffer (p, CL_MEM_WRITE_ONLY, size_bytes);
  cl_mem db = probe_buffer (p, CL_MEM_READ_ONLY, size_bytes);
  cl_mem dc = probe_buffer (p, CL_MEM_READ_ONLY, size_bytes);
  for (size_t i = 0; i < n; i++)
    h[i] = triad_b (i);
  check_cl (p, clEnqueueWriteBuffer (p->queue, db, CL_TRUE, 0, size_bytes, h, 0, NULL, NULL),
            "clEnqueueWriteBuffer");
  for (size_t i = 0; i < n; i++)
    h[i] = triad_c (i);
  check_cl (p, clEnqueueWriteBuffer (p->queue, dc, CL_TRUE, 0, size_bytes, h, 0, NULL, NULL),
            "clEnqueueWriteBuffer");
  /* A value the kernel never produces, so an unwritten element shows. */
  for (size_t i = 0; i < n; i++)
    h[i] = -1.0f;
  check_cl (p, clEnqueueWriteBuffer (p->queue, da, CL_TRUE, 0, size_bytes, h, 0, NULL, NULL),
            "clEnqueueWriteBuffer");

  const cl_float s = TRIAD_SCALAR;
  check_cl (p, clSetKernelArg (k, 0, sizeof da, &da), "clSetKernelArg");
  check_cl (p, clSetKernelArg (k, 1, sizeof db, &db), "clSetKernelArg");
  check_cl (p, clSetKernelArg (k, 2, sizeof dc, &dc), "clSetKernelArg");
  check_cl (p, clSetKernelArg (k, 3, sizeof s, &s), "clSetKernelArg");
  const size_t global[1] = { n };
  double t = time_kernel (p, k, 1, global, NULL);

  check_cl (p, clEnqueueReadBuffer (p->queue, da, CL_TRUE, 0, size_bytes, h, 0, NULL, NULL),
            "clEnqueueReadBuffer");
  int status = EXIT_SUCCESS;
  for (size_t i = 0; i < n; i++)
    {
      double want = (double) triad_b (i) + (double) TRIAD_SCALAR * (double) triad_c (i);
      if (!(fabs ((double) h[i] - want) <= TRIAD_TOL * fabs (want)))
        {
          fprintf (stderr, "clprobe: %s: wrong result at a[%zu]: got %.9g, expected %.9g\n",
                   p->what, i, (double) h[i], want);
          status = EXIT_WRONG;
          break;
        }
    }
  if (status == EXIT_SUCCESS)
    printf ("triad n=%zu time_s=%.6e gbps=%.3f\n", n, t,
            3.0 * sizeof (float) * (double) n / t * 1e-9);
  fflush (stdout);

  clReleaseMemObject (da);
  clReleaseMemObject (db);
  clReleaseMemObject (dc);
  free (h);
  return status;
}

static int
compare_double (const void *x, const void *y)
{
  double a = *(const double *) x, b = *(const double *) y;
  return (a > b) - (a < b);
}

static double
median (double *v, size_t n)
{
  qsort (v, n, sizeof *v, compare_double);
  return n % 2 ? v[n / 2] : 0.5 * (v[n / 2 - 1] + v[n / 2]);
}

/* Launch overhead: a one-item empty kernel, enqueued and waited for with
 * clFinish, LAUNCH_REPS times after LAUNCH_WARMUP untimed launches.  The
 * median rather than the minimum: the overhead a caller pays is the typical
 * one, and host timing has a long tail of scheduler noise. */
static void
bench_launch (Probe *p, cl_kernel k)
{
  snprintf (p->what, sizeof p->what, "launch");
  double host_us[LAUNCH_REPS], exec_us[LAUNCH_REPS];
  const size_t global[1] = { 1 };
  for (int r = 0; r < LAUNCH_WARMUP + LAUNCH_REPS; r++)
    {
      cl_event ev;
      cl_ulong start, end;
      double t0 = now_s ();
      check_cl (p, clEnqueueNDRangeKernel (p->queue, k, 1, NULL, global, NULL, 0, NULL, &ev),
                "clEnqueueNDRangeKernel");
      check_cl (p, clFinish (p->queue), "clFinish");
      double t1 = now_s ();
      check_cl (
          p, clGetEventProfilingInfo (ev, CL_PROFILING_COMMAND_START, sizeof start, &start, NULL),
          "clGetEventProfilingInfo(START)");
      check_cl (p, clGetEventProfilingInfo (ev, CL_PROFILING_COMMAND_END, sizeof end, &end, NULL),
                "clGetEventProfilingInfo(END)");
      check_cl (p, clReleaseEvent (ev), "clReleaseEvent");
      if (r >= LAUNCH_WARMUP)
        {
          host_us[r - LAUNCH_WARMUP] = 1e6 * (t1 - t0);
          exec_us[r - LAUNCH_WARMUP] = 1e-3 * (double) (end - start);
        }
    }
  printf ("launch reps=%d launch_us=%.3f exec_us=%.3f\n", LAUNCH_REPS,
          median (host_us, LAUNCH_REPS), median (exec_us, LAUNCH_REPS));
  fflush (stdout);
}

/* "P:D" → two indices; 0 if malformed. */
static int
parse_index (const char *s, unsigned *p, unsigned *d)
{
  char *end;
  errno = 0;
  unsigned long a = strtoul (s, &end, 10);
  if (end == s || *end != ':' || errno || a > 0xffff || *s == '-' || *s == '+')
    return 0;
  const char *t = end + 1;
  unsigned long b = strtoul (t, &end, 10);
  if (end == t || *end != '\0' || errno || b > 0xffff || *t == '-' || *t == '+')
    return 0;
  *p = (unsigned) a;
  *d = (unsigned) b;
  return 1;
}

static int
cmd_device (unsigned p, unsigned d, int quick)
{
  cl_uint nplat, ndev;
  cl_platform_id *plats = get_platforms (&nplat);
  if (p >= nplat)
    {
      fprintf (stderr,
               "clprobe: no device %u:%u: no platform %u (there %s %u); see clprobe "
               "--list\n",
               p, d, p, nplat == 1 ? "is" : "are", (unsigned) nplat);
      free (plats);
      return EXIT_CL_ERROR;
    }
  cl_device_id *devs = get_devices (plats[p], &ndev);
  if (d >= ndev)
    {
      if (ndev == 0)
        fprintf (stderr, "clprobe: no device %u:%u: platform %u has no devices %s\n", p, d, p,
                 no_device_hint);
      else
        fprintf (stderr,
                 "clprobe: no device %u:%u (platform %u has %u device%s); see clprobe "
                 "--list\n",
                 p, d, p, (unsigned) ndev, ndev == 1 ? "" : "s");
      free (devs);
      free (plats);
      return EXIT_CL_ERROR;
    }
  cl_device_id dev = devs[d];
  free (devs);
  free (plats);

  print_device (p, d, dev);
  fflush (stdout);

  Probe probe;
  probe_open (&probe, dev);
  cl_kernel gemm = probe_kernel (&probe, "sgemm");
  cl_kernel triad = probe_kernel (&probe, "triad");
  cl_kernel empty = probe_kernel (&probe, "empty");

  size_t group;
  check_cl (
      &probe,
      clGetKernelWorkGroupInfo (gemm, dev, CL_KERNEL_WORK_GROUP_SIZE, sizeof group, &group, NULL),
      "clGetKernelWorkGroupInfo");
  int status = EXIT_SUCCESS;
  if (group < TILE * TILE)
    {
      fprintf (stderr, "clprobe: gemm skipped: needs work-groups of %d items, device allows %zu\n",
               TILE * TILE, group);
    }
  else
    {
      static const unsigned sizes[] = { 256, 512, 1024, 2048, 4096 };
      size_t nsizes = quick ? 3 : sizeof sizes / sizeof sizes[0];
      for (size_t i = 0; i < nsizes && status == EXIT_SUCCESS; i++)
        status = bench_gemm (&probe, gemm, sizes[i]);
    }
  if (status == EXIT_SUCCESS)
    status = bench_triad (&probe, triad, (size_t) 1 << (quick ? 24 : 26));
  if (status == EXIT_SUCCESS)
    bench_launch (&probe, empty);

  clReleaseKernel (gemm);
  clReleaseKernel (triad);
  clReleaseKernel (empty);
  probe_close (&probe);
  return status;
}

static void
usage (FILE *out)
{
  fprintf (out, "Usage: clprobe --list\n"
                "       clprobe --device P:D [--quick]\n"
                "\n"
                "  --list        list every OpenCL platform and device\n"
                "  --device P:D  benchmark device D of platform P (indices from --list):\n"
                "                SGEMM n=256..4096 (GFLOP/s), triad on 2^26 floats (GB/s),\n"
                "                empty-kernel launch (median microseconds)\n"
                "  --quick       SGEMM up to n=1024 and triad on 2^24 floats only\n"
                "  --help        this text\n"
                "\n"
                "Exit status: 0 ok, 1 OpenCL error or no such device, 2 usage error,\n"
                "3 wrong result from a kernel.\n");
}

int
main (int argc, char **argv)
{
  static const struct option options[] = {
    { "list", no_argument, NULL, 'l' },
    { "device", required_argument, NULL, 'd' },
    { "quick", no_argument, NULL, 'q' },
    { "help", no_argument, NULL, 'h' },
    { NULL, 0, NULL, 0 },
  };
  int list = 0, quick = 0, opt;
  const char *device = NULL;
  while ((opt = getopt_long (argc, argv, "", options, NULL)) != -1)
    switch (opt)
      {
        case 'l':
          list = 1;
          break;
        case 'd':
          device = optarg;
          break;
        case 'q':
          quick = 1;
          break;
        case 'h':
          usage (stdout);
          return EXIT_SUCCESS;
        default:
          usage (stderr);
          return EXIT_USAGE;
      }
  if (optind < argc || list == !!device)
    {
      if (optind < argc)
        fprintf (stderr, "clprobe: unexpected argument '%s'\n", argv[optind]);
      else
        fprintf (stderr, "clprobe: give exactly one of --list and --device P:D\n");
      usage (stderr);
      return EXIT_USAGE;
    }
  /* PoCL 3.1 aborts on an empty POCL_CACHE_DIR when HOME is unset
   * (assertion in pocl_cache_init_topdir); unset, it picks a default. */
  const char *cache = getenv ("POCL_CACHE_DIR");
  if (cache && !cache[0])
    unsetenv ("POCL_CACHE_DIR");
  if (list)
    return cmd_list ();
  unsigned p, d;
  if (!parse_index (device, &p, &d))
    {
      fprintf (stderr, "clprobe: --device wants P:D (two indices from --list), not '%s'\n", device);
      return EXIT_USAGE;
    }
  return cmd_device (p, d, quick);
}
