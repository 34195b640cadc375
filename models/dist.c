/* dist.c — distributions and arrival processes (dist.h).
 * Samplers are GSL's (gsl_ran_*); each caller passes the generator of its
 * own random stream so that streams do not shift one another. */
#include "models/dist.h"

#include <gsl/gsl_randist.h>
#include <math.h>
#include <string.h>

static const struct
{
  const char *name;
  CcsDistKind kind;
  int nargs;
} dist_names[] = {
  { "exp", CCS_DIST_EXP, 1 },
  { "exponential", CCS_DIST_EXP, 1 },
  { "uniform", CCS_DIST_UNIFORM, 2 },
  { "normal", CCS_DIST_NORMAL, 2 },
  { "lognormal", CCS_DIST_LOGNORMAL, 2 },
};

gboolean
ccs_dist_parse (const char *text, CcsUnit unit, CcsDist *out, GError **error)
{
  g_autofree char *s = g_strstrip (g_strdup (text));
  char *open = strchr (s, '(');
  if (!open)
    {
      out->kind = CCS_DIST_CONST;
      out->b = 0;
      return ccs_units_parse (s, unit, &out->a, error);
    }
  char *close = strrchr (s, ')');
  if (!close || close[1] != '\0')
    {
      g_set_error (error, CCS_UNITS_ERROR, CCS_UNITS_ERROR_SYNTAX, "'%s': missing ')'", text);
      return FALSE;
    }
  *open = '\0';
  *close = '\0';
  g_strstrip (s);
  int idx = -1;
  for (gsize i = 0; i < G_N_ELEMENTS (dist_names); i++)
    if (strcmp (s, dist_names[i].name) == 0)
      idx = i;
  if (idx < 0)
    {
      g_set_error (error, CCS_UNITS_ERROR, CCS_UNITS_ERROR_SYNTAX,
                   "'%s': unknown distribution '%s' (exp, uniform, normal, "
                   "lognormal)",
                   text, s);
      return FALSE;
    }
  g_auto (GStrv) args = g_strsplit (open + 1, ",", -1);
  if ((int) g_strv_length (args) != dist_names[idx].nargs)
    {
      g_set_error (error, CCS_UNITS_ERROR, CCS_UNITS_ERROR_SYNTAX, "'%s': %s() takes %d argument%s",
                   text, s, dist_names[idx].nargs, dist_names[idx].nargs > 1 ? "s" : "");
      return FALSE;
    }
  double v[2] = { 0, 0 };
  for (int i = 0; i < dist_names[idx].nargs; i++)
    if (!ccs_units_parse (args[i], unit, &v[i], error))
      return FALSE;
  out->kind = dist_names[idx].kind;
  out->a = v[0];
  out->b = v[1];
  if (v[0] < 0 || v[1] < 0 || (out->kind == CCS_DIST_UNIFORM && v[1] < v[0])
      || (out->kind == CCS_DIST_LOGNORMAL && v[0] <= 0))
    {
      g_set_error (error, CCS_UNITS_ERROR, CCS_UNITS_ERROR_SYNTAX,
                   "'%s': invalid parameters (need non-negative values%s)", text,
                   out->kind == CCS_DIST_UNIFORM ? ", low <= high" : "");
      return FALSE;
    }
  return TRUE;
}

double
ccs_dist_sample (const CcsDist *d, gsl_rng *r)
{
  switch (d->kind)
    {
      case CCS_DIST_CONST:
        return d->a;
      case CCS_DIST_EXP:
        return gsl_ran_exponential (r, d->a);
      case CCS_DIST_UNIFORM:
        return d->a + (d->b - d->a) * gsl_rng_uniform (r);
      case CCS_DIST_NORMAL:
        if (d->b == 0)
          return d->a;
        for (int i = 0; i < 1000; i++)
          {
            double x = d->a + gsl_ran_gaussian_ziggurat (r, d->b);
            if (x >= 0)
              return x;
          }
        return 0;
      case CCS_DIST_LOGNORMAL:
        {
          /* mean m, sd s of X = exp(N(mu, sigma²)):
           * sigma² = ln(1 + s²/m²), mu = ln m − sigma²/2. */
          double s2 = log1p ((d->b * d->b) / (d->a * d->a));
          return gsl_ran_lognormal (r, log (d->a) - s2 / 2, sqrt (s2));
        }
    }
  return d->a;
}

double
ccs_dist_mean (const CcsDist *d)
{
  return d->kind == CCS_DIST_UNIFORM ? (d->a + d->b) / 2 : d->a;
}

char *
ccs_dist_format (const CcsDist *d, CcsUnit unit)
{
  g_autofree char *a = ccs_units_format (d->a, unit);
  g_autofree char *b = ccs_units_format (d->b, unit);
  switch (d->kind)
    {
      case CCS_DIST_CONST:
        return g_steal_pointer (&a);
      case CCS_DIST_EXP:
        return g_strdup_printf ("exp(%s)", a);
      case CCS_DIST_UNIFORM:
        return g_strdup_printf ("uniform(%s, %s)", a, b);
      case CCS_DIST_NORMAL:
        return g_strdup_printf ("normal(%s, %s)", a, b);
      case CCS_DIST_LOGNORMAL:
        return g_strdup_printf ("lognormal(%s, %s)", a, b);
    }
  return NULL;
}

static double
exp_gap (double rate, gsl_rng *r)
{
  return rate > 0 ? gsl_ran_exponential (r, 1.0 / rate) : INFINITY;
}

/* MMPP: draw the next arrival after @t, flipping state at switch times.
 * The exponential gap is memoryless, so redrawing after a switch is exact. */
static double
mmpp_next (const CcsArrivalSpec *s, CcsArrivalState *st, double t, gsl_rng *r)
{
  for (int guard = 0; guard < 1000000; guard++)
    {
      double rate = st->on ? s->rate_hz : s->rate_off_hz;
      double cand = t + exp_gap (rate, r);
      if (cand < st->switch_s)
        return cand;
      t = st->switch_s;
      st->on = !st->on;
      st->switch_s = t + gsl_ran_exponential (r, st->on ? s->on_s : s->off_s);
    }
  return INFINITY;
}

static void
trace_next (CcsArrivalState *st, const GArray *trace)
{
  if (trace && st->pos < trace->len)
    st->next_s = g_array_index (trace, double, st->pos++);
  else
    st->next_s = INFINITY;
}

void
ccs_arrival_start (const CcsArrivalSpec *s, CcsArrivalState *st, double start_s,
                   const GArray *trace, gsl_rng *r)
{
  memset (st, 0, sizeof *st);
  switch (s->kind)
    {
      case CCS_ARRIVAL_PERIODIC:
        st->next_s = start_s + gsl_rng_uniform (r) / s->rate_hz;
        break;
      case CCS_ARRIVAL_POISSON:
        st->next_s = start_s + exp_gap (s->rate_hz, r);
        break;
      case CCS_ARRIVAL_MMPP:
        /* Start in the stationary state distribution. */
        st->on = gsl_rng_uniform (r) < s->on_s / (s->on_s + s->off_s);
        st->switch_s = start_s + gsl_ran_exponential (r, st->on ? s->on_s : s->off_s);
        st->next_s = mmpp_next (s, st, start_s, r);
        break;
      case CCS_ARRIVAL_TRACE:
        trace_next (st, trace);
        break;
    }
}

void
ccs_arrival_advance (const CcsArrivalSpec *s, CcsArrivalState *st, const GArray *trace, gsl_rng *r)
{
  switch (s->kind)
    {
      case CCS_ARRIVAL_PERIODIC:
        st->next_s += 1.0 / s->rate_hz;
        break;
      case CCS_ARRIVAL_POISSON:
        st->next_s += exp_gap (s->rate_hz, r);
        break;
      case CCS_ARRIVAL_MMPP:
        st->next_s = mmpp_next (s, st, st->next_s, r);
        break;
      case CCS_ARRIVAL_TRACE:
        trace_next (st, trace);
        break;
    }
}

double
ccs_arrival_mean_rate (const CcsArrivalSpec *s)
{
  if (s->kind == CCS_ARRIVAL_MMPP)
    return (s->rate_hz * s->on_s + s->rate_off_hz * s->off_s) / (s->on_s + s->off_s);
  return s->rate_hz;
}
