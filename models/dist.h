/* dist.h — random quantities and arrival processes.
 *
 * Scenario values such as work and data sizes may be constants or
 * distributions: `exp(200 KB)`, `uniform(1 GFLOP, 3 GFLOP)`,
 * `normal(10 MB, 2 MB)`, `lognormal(10 MB, 5 MB)` (mean and standard
 * deviation in the value's unit).  Arrival processes per device: periodic,
 * Poisson, two-state MMPP (bursty on/off) and trace replay.
 */
#pragma once

#include <glib.h>
#include <gsl/gsl_rng.h>

#include "models/units.h"

G_BEGIN_DECLS

typedef enum
{
  CCS_DIST_CONST,
  CCS_DIST_EXP,
  CCS_DIST_UNIFORM,
  CCS_DIST_NORMAL,    /* truncated at 0: negative draws are redrawn */
  CCS_DIST_LOGNORMAL, /* parameterised by mean and sd of the value */
} CcsDistKind;

typedef struct
{
  CcsDistKind kind;
  double a; /* constant, mean, lower bound */
  double b; /* upper bound, sd */
} CcsDist;

gboolean ccs_dist_parse (const char *text, CcsUnit unit, CcsDist *out, GError **error);
double ccs_dist_sample (const CcsDist *d, gsl_rng *r);
/* Mean of the distribution (of the truncated normal: approximately a). */
double ccs_dist_mean (const CcsDist *d);
char *ccs_dist_format (const CcsDist *d, CcsUnit unit);

typedef enum
{
  CCS_ARRIVAL_PERIODIC, /* every 1/rate, with a random phase per device */
  CCS_ARRIVAL_POISSON,  /* exponential gaps of mean 1/rate */
  CCS_ARRIVAL_MMPP,     /* Poisson at rate while on, rate_off while off;
                           on/off sojourns exponential (on_s, off_s) */
  CCS_ARRIVAL_TRACE,    /* times read from a file */
} CcsArrivalKind;

typedef struct
{
  CcsArrivalKind kind;
  double rate_hz;
  double rate_off_hz;
  double on_s, off_s;
} CcsArrivalSpec;

typedef struct
{
  double next_s;   /* time of the next arrival (INFINITY: none) */
  double switch_s; /* MMPP: time of the next state change */
  guint32 pos;     /* trace: index of the next entry */
  guint8 on;       /* MMPP: current state */
} CcsArrivalState;

/* First arrival at or after @start_s.  For traces, @trace holds this
 * device's sorted times (may be NULL when it has none). */
void ccs_arrival_start (const CcsArrivalSpec *spec, CcsArrivalState *st, double start_s,
                        const GArray *trace, gsl_rng *r);
/* Advance to the arrival after st->next_s. */
void ccs_arrival_advance (const CcsArrivalSpec *spec, CcsArrivalState *st, const GArray *trace,
                          gsl_rng *r);
/* Long-run mean rate of the process (Hz); for MMPP
 * (rate·on + rate_off·off)/(on + off). */
double ccs_arrival_mean_rate (const CcsArrivalSpec *spec);

G_END_DECLS
