/* units.h — human units in scenario and profile files.
 *
 * Files say `250 ms`, `10 MB`, `1 Gbps`, `5 W`; the code works in SI units
 * (seconds, bytes, bit/s, watts).  A dimensioned value without a unit is an
 * error (except 0), because a silent default unit is how a factor of 1000
 * slips into a paper.
 */
#pragma once

#include <glib.h>

G_BEGIN_DECLS

#define CCS_UNITS_ERROR (ccs_units_error_quark ())
GQuark ccs_units_error_quark (void);

typedef enum
{
  CCS_UNITS_ERROR_SYNTAX,
  CCS_UNITS_ERROR_UNIT,
} CcsUnitsError;

typedef enum
{
  CCS_UNIT_NONE,      /* plain number */
  CCS_UNIT_TIME,      /* s */
  CCS_UNIT_BYTES,     /* B */
  CCS_UNIT_BITRATE,   /* bit/s */
  CCS_UNIT_BYTERATE,  /* B/s */
  CCS_UNIT_POWER,     /* W */
  CCS_UNIT_FREQUENCY, /* Hz (events per second) */
  CCS_UNIT_OPS,       /* FLOP (or OP) */
  CCS_UNIT_OPRATE,    /* FLOP/s */
  CCS_UNIT_DISTANCE,  /* m */
  CCS_UNIT_MONEY,     /* USD */
  CCS_UNIT_ENERGY,    /* J */
  CCS_UNIT_N
} CcsUnit;

/* Name of the dimension and an example, for error messages and docs. */
const char *ccs_unit_name (CcsUnit u);
const char *ccs_unit_example (CcsUnit u);

/* Parse "<number> [unit]" into SI.  Whitespace around is ignored. */
gboolean ccs_units_parse (const char *text, CcsUnit unit, double *out, GError **error);

/* Format an SI value back with a readable prefix, e.g. 0.25 s → "250 ms". */
char *ccs_units_format (double value, CcsUnit unit);

G_END_DECLS
