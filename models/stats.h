/* stats.h — confidence intervals for comparing runs.
 *
 * Student-t intervals for a mean and for paired differences (the runs of
 * two policies on the same seeds).  Pure model, GSL for the t quantiles.
 * Reference: any statistics text, e.g. Jain, "The Art of Computer Systems
 * Performance Analysis", Wiley 1991, ch. 13 (confidence intervals, paired
 * observations).
 */
#pragma once

#include <glib.h>

G_BEGIN_DECLS

typedef struct
{
  gsize n;
  double mean;
  double sd;   /* sample standard deviation (n - 1); NAN when n < 2 */
  double half; /* half-width of the interval; NAN when n < 2 */
} CcsMeanCi;

/* Mean and two-sided confidence interval at LEVEL (e.g. 0.95) of the
 * finite values of X; NANs are skipped (n counts the values used). */
CcsMeanCi ccs_stats_mean_ci (const double *x, gsize n, double level);

typedef struct
{
  CcsMeanCi diff;       /* of a[i] - b[i] over the pairs where both are finite */
  double t;             /* diff.mean / (diff.sd / sqrt(n)); NAN when undefined */
  double p;             /* two-sided p-value of the paired t-test */
  gboolean significant; /* the interval excludes 0 */
} CcsPaired;

CcsPaired ccs_stats_paired (const double *a, const double *b, gsize n, double level);

/* The t quantile used for the half-width: t_{(1+level)/2, dof}. */
double ccs_stats_t_quantile (double level, double dof);

G_END_DECLS
