/* rng.h — one random stream per concern, derived from the run seed.
 *
 * Arrivals, sizes, placement and topology each draw from their own GSL
 * generator, seeded by hashing the run seed with the stream's name, so that
 * changing how one part draws does not shift the numbers of another.
 */
#pragma once

#include <glib.h>
#include <gsl/gsl_rng.h>

G_BEGIN_DECLS

G_DEFINE_AUTOPTR_CLEANUP_FUNC (gsl_rng, gsl_rng_free)

/* SplitMix64 finaliser over seed ⊕ FNV-1a(name). */
guint64 ccs_rng_derive_seed (guint64 seed, const char *stream);
/* A Mersenne Twister (gsl_rng_mt19937) for @stream. */
gsl_rng *ccs_rng_new (guint64 seed, const char *stream);

G_END_DECLS
