/* rng.c — seeded random streams (rng.h). */
#include "sim/rng.h"

guint64
ccs_rng_derive_seed (guint64 seed, const char *stream)
{
  guint64 h = 1469598103934665603ull;
  for (const char *p = stream; *p; p++)
    h = (h ^ (guint8) *p) * 1099511628211ull;
  /* SplitMix64 (Steele, Lea, Flood, OOPSLA 2014). */
  guint64 z = seed ^ h;
  z += 0x9e3779b97f4a7c15ull;
  z = (z ^ (z >> 30)) * 0xbf58476d1ce4e5b9ull;
  z = (z ^ (z >> 27)) * 0x94d049bb133111ebull;
  return z ^ (z >> 31);
}

gsl_rng *
ccs_rng_new (guint64 seed, const char *stream)
{
  gsl_rng *r = gsl_rng_alloc (gsl_rng_mt19937);
  /* mt19937 takes an unsigned long seed; 0 would select GSL's default. */
  gsl_rng_set (r, (unsigned long) (ccs_rng_derive_seed (seed, stream) | 1));
  return r;
}
