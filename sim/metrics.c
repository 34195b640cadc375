/* metrics.c — the container of a run's measurements (metrics.h). */
#include "sim/metrics.h"

#include <math.h>
#include <string.h>

const char *
ccs_task_state_name (CcsTaskState s)
{
  static const char *const names[] = { "completed", "rejected", "failed", "in_flight" };
  return s <= CCS_TASK_IN_FLIGHT ? names[s] : "?";
}

static void
metric_clear (gpointer p)
{
  g_free (((CcsMetric *) p)->name);
}

void
ccs_results_init (CcsResults *r)
{
  memset (r, 0, sizeof *r);
  r->metrics = g_array_new (FALSE, TRUE, sizeof (CcsMetric));
  g_array_set_clear_func (r->metrics, metric_clear);
  r->nodes = g_array_new (FALSE, TRUE, sizeof (CcsNodeStats));
  r->tasks = g_array_new (FALSE, FALSE, sizeof (CcsTaskRecord));
  r->reasons = g_ptr_array_new_with_free_func (g_free);
  g_ptr_array_add (r->reasons, g_strdup (""));
  r->latencies = g_array_new (FALSE, FALSE, sizeof (double));
  r->series = g_array_new (FALSE, FALSE, sizeof (CcsSeriesPoint));
  r->jobs = g_array_new (FALSE, FALSE, sizeof (CcsJobRecord));
  r->market = g_array_new (FALSE, FALSE, sizeof (CcsMarketPoint));
  r->sellers = g_ptr_array_new_with_free_func (g_free);
  r->stages = g_array_new (FALSE, FALSE, sizeof (CcsStageRecord));
}

void
ccs_results_clear (CcsResults *r)
{
  g_clear_pointer (&r->metrics, g_array_unref);
  g_clear_pointer (&r->nodes, g_array_unref);
  g_clear_pointer (&r->tasks, g_array_unref);
  g_clear_pointer (&r->reasons, g_ptr_array_unref);
  g_clear_pointer (&r->latencies, g_array_unref);
  g_clear_pointer (&r->series, g_array_unref);
  for (guint i = 0; r->jobs && i < r->jobs->len; i++)
    g_free (g_array_index (r->jobs, CcsJobRecord, i).critical);
  g_clear_pointer (&r->jobs, g_array_unref);
  g_clear_pointer (&r->stages, g_array_unref);
  g_clear_pointer (&r->market, g_array_unref);
  g_clear_pointer (&r->sellers, g_ptr_array_unref);
}

void
ccs_results_set (CcsResults *r, const char *name, double value)
{
  for (guint i = 0; i < r->metrics->len; i++)
    {
      CcsMetric *m = &g_array_index (r->metrics, CcsMetric, i);
      if (strcmp (m->name, name) == 0)
        {
          m->value = value;
          return;
        }
    }
  CcsMetric m = { g_strdup (name), value };
  g_array_append_val (r->metrics, m);
}

double
ccs_results_get (const CcsResults *r, const char *name)
{
  for (guint i = 0; i < r->metrics->len; i++)
    {
      CcsMetric *m = &g_array_index (r->metrics, CcsMetric, i);
      if (strcmp (m->name, name) == 0)
        return m->value;
    }
  return NAN;
}

guint32
ccs_results_reason (CcsResults *r, const char *reason)
{
  for (guint i = 0; i < r->reasons->len; i++)
    if (strcmp (r->reasons->pdata[i], reason) == 0)
      return i;
  g_ptr_array_add (r->reasons, g_strdup (reason));
  return r->reasons->len - 1;
}

double
ccs_percentile_sorted (const double *v, gsize n, double p)
{
  if (n == 0)
    return NAN;
  double h = (n - 1) * p / 100.0;
  gsize lo = (gsize) floor (h);
  gsize hi = MIN (lo + 1, n - 1);
  return v[lo] + (h - lo) * (v[hi] - v[lo]);
}
