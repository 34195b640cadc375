/* stats.c — Student-t intervals (stats.h). */
#include "models/stats.h"

#include <gsl/gsl_cdf.h>
#include <math.h>

double
ccs_stats_t_quantile (double level, double dof)
{
  return gsl_cdf_tdist_Pinv ((1 + level) / 2, dof);
}

CcsMeanCi
ccs_stats_mean_ci (const double *x, gsize n, double level)
{
  CcsMeanCi r = { 0, NAN, NAN, NAN };
  double sum = 0;
  for (gsize i = 0; i < n; i++)
    if (isfinite (x[i]))
      sum += x[i], r.n++;
  if (r.n == 0)
    return r;
  r.mean = sum / r.n;
  if (r.n < 2)
    return r;
  /* Two passes: the sum of squared deviations, not E[x²] - E[x]². */
  double ss = 0;
  for (gsize i = 0; i < n; i++)
    if (isfinite (x[i]))
      ss += (x[i] - r.mean) * (x[i] - r.mean);
  r.sd = sqrt (ss / (r.n - 1));
  r.half = ccs_stats_t_quantile (level, r.n - 1) * r.sd / sqrt (r.n);
  return r;
}

CcsPaired
ccs_stats_paired (const double *a, const double *b, gsize n, double level)
{
  CcsPaired r = { .t = NAN, .p = NAN };
  double *d = g_new (double, n ? n : 1);
  for (gsize i = 0; i < n; i++)
    d[i] = isfinite (a[i]) && isfinite (b[i]) ? a[i] - b[i] : NAN;
  r.diff = ccs_stats_mean_ci (d, n, level);
  g_free (d);
  if (r.diff.n >= 2)
    {
      if (r.diff.sd > 0)
        {
          r.t = r.diff.mean / (r.diff.sd / sqrt (r.diff.n));
          r.p = 2 * gsl_cdf_tdist_Q (fabs (r.t), r.diff.n - 1);
        }
      else
        {
          /* Every pair differs by the same amount: no spread, so either
           * no difference at all or a certain one. */
          r.t = r.diff.mean == 0 ? 0 : copysign (INFINITY, r.diff.mean);
          r.p = r.diff.mean == 0 ? 1 : 0;
        }
      r.significant = r.diff.mean - r.diff.half > 0 || r.diff.mean + r.diff.half < 0;
    }
  return r;
}
