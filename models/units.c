/* units.c — parsing of human units (see units.h).
 *
 * One table of suffixes per dimension.  Decimal prefixes for bytes and rates
 * (1 MB = 10^6 B, as network and storage vendors count) and binary ones with
 * an explicit "i" (1 MiB = 2^20 B).
 */
#include "models/units.h"

#include <errno.h>
#include <math.h>
#include <stdlib.h>
#include <string.h>

G_DEFINE_QUARK (ccs - units - error - quark, ccs_units_error)

typedef struct
{
  const char *suffix;
  double factor;
} Suffix;

static const Suffix time_sfx[] = {
  { "ns", 1e-9 },
  { "us", 1e-6 },
  { "µs", 1e-6 },
  { "ms", 1e-3 },
  { "s", 1 },
  { "sec", 1 },
  { "min", 60 },
  { "h", 3600 },
  { "d", 86400 },
  { "day", 86400 },
  { "days", 86400 },
  { "year", 31557600 },
  { "years", 31557600 },
  /* Julian year */ { NULL, 0 },
};
static const Suffix bytes_sfx[] = {
  { "B", 1 },
  { "KB", 1e3 },
  { "kB", 1e3 },
  { "MB", 1e6 },
  { "GB", 1e9 },
  { "TB", 1e12 },
  { "PB", 1e15 },
  { "KiB", 1024.0 },
  { "MiB", 1048576.0 },
  { "GiB", 1073741824.0 },
  { "TiB", 1099511627776.0 },
  { NULL, 0 },
};
static const Suffix bitrate_sfx[] = {
  { "bps", 1 },     { "kbps", 1e3 }, { "Kbps", 1e3 }, { "Mbps", 1e6 }, { "Gbps", 1e9 },
  { "Tbps", 1e12 }, { "b/s", 1 },    { "kb/s", 1e3 }, { "Mb/s", 1e6 }, { "Gb/s", 1e9 },
  { "Tb/s", 1e12 }, { "Bps", 8 },    { "kBps", 8e3 }, { "MBps", 8e6 }, { "GBps", 8e9 },
  { "B/s", 8 },     { "kB/s", 8e3 }, { "KB/s", 8e3 }, { "MB/s", 8e6 }, { "GB/s", 8e9 },
  { "TB/s", 8e12 }, { NULL, 0 },
};
static const Suffix byterate_sfx[] = {
  { "B/s", 1 },
  { "kB/s", 1e3 },
  { "KB/s", 1e3 },
  { "MB/s", 1e6 },
  { "GB/s", 1e9 },
  { "TB/s", 1e12 },
  { "GiB/s", 1073741824.0 },
  { "MiB/s", 1048576.0 },
  { "Bps", 1 },
  { "MBps", 1e6 },
  { "GBps", 1e9 },
  { "bps", 0.125 },
  { "Mbps", 1.25e5 },
  { "Gbps", 1.25e8 },
  { NULL, 0 },
};
static const Suffix power_sfx[] = {
  { "uW", 1e-6 }, { "µW", 1e-6 }, { "mW", 1e-3 }, { "W", 1 },
  { "kW", 1e3 },  { "MW", 1e6 },  { NULL, 0 },
};
static const Suffix freq_sfx[] = {
  { "Hz", 1 },          { "kHz", 1e3 },       { "MHz", 1e6 },        { "GHz", 1e9 },  { "/s", 1 },
  { "/min", 1.0 / 60 }, { "/h", 1.0 / 3600 }, { "/d", 1.0 / 86400 }, { "mHz", 1e-3 }, { NULL, 0 },
};
static const Suffix ops_sfx[] = {
  { "FLOP", 1 },     { "kFLOP", 1e3 },  { "MFLOP", 1e6 }, { "GFLOP", 1e9 },
  { "TFLOP", 1e12 }, { "PFLOP", 1e15 }, { "OP", 1 },      { "MOP", 1e6 },
  { "GOP", 1e9 },    { "TOP", 1e12 },   { NULL, 0 },
};
static const Suffix oprate_sfx[] = {
  { "FLOPS", 1 },     { "kFLOPS", 1e3 },   { "MFLOPS", 1e6 }, { "GFLOPS", 1e9 },
  { "TFLOPS", 1e12 }, { "PFLOPS", 1e15 },  { "OPS", 1 },      { "MOPS", 1e6 },
  { "GOPS", 1e9 },    { "TOPS", 1e12 },    { "POPS", 1e15 },  { "FLOP/s", 1 },
  { "GFLOP/s", 1e9 }, { "TFLOP/s", 1e12 }, { NULL, 0 },
};
static const Suffix distance_sfx[] = {
  { "m", 1 },
  { "km", 1e3 },
  { NULL, 0 },
};
static const Suffix money_sfx[] = {
  { "USD", 1 },
  { "$", 1 },
  { NULL, 0 },
};
static const Suffix energy_sfx[] = {
  { "J", 1 },    { "mJ", 1e-3 }, { "uJ", 1e-6 }, { "nJ", 1e-9 },   { "pJ", 1e-12 },
  { "kJ", 1e3 }, { "MJ", 1e6 },  { "Wh", 3600 }, { "kWh", 3.6e6 }, { NULL, 0 },
};

static const struct
{
  const char *name;
  const char *example;
  const Suffix *sfx;
  const char *si;
} units[CCS_UNIT_N] = {
  [CCS_UNIT_NONE] = { "number", "3", NULL, "" },
  [CCS_UNIT_TIME] = { "time", "250 ms", time_sfx, "s" },
  [CCS_UNIT_BYTES] = { "size", "10 MB", bytes_sfx, "B" },
  [CCS_UNIT_BITRATE] = { "bit rate", "1 Gbps", bitrate_sfx, "bps" },
  [CCS_UNIT_BYTERATE] = { "bandwidth", "25 GB/s", byterate_sfx, "B/s" },
  [CCS_UNIT_POWER] = { "power", "5 W", power_sfx, "W" },
  [CCS_UNIT_FREQUENCY] = { "rate", "2 Hz", freq_sfx, "Hz" },
  [CCS_UNIT_OPS] = { "work", "8.7 GFLOP", ops_sfx, "FLOP" },
  [CCS_UNIT_OPRATE] = { "compute rate", "19.5 TFLOPS", oprate_sfx, "FLOPS" },
  [CCS_UNIT_DISTANCE] = { "distance", "20 km", distance_sfx, "m" },
  [CCS_UNIT_MONEY] = { "money", "4.10 USD", money_sfx, "USD" },
  [CCS_UNIT_ENERGY] = { "energy", "3 J", energy_sfx, "J" },
};

const char *
ccs_unit_name (CcsUnit u)
{
  g_return_val_if_fail (u < CCS_UNIT_N, "?");
  return units[u].name;
}

const char *
ccs_unit_example (CcsUnit u)
{
  g_return_val_if_fail (u < CCS_UNIT_N, "?");
  return units[u].example;
}

static GString *
suffix_list (CcsUnit unit)
{
  GString *s = g_string_new (NULL);
  for (const Suffix *x = units[unit].sfx; x && x->suffix; x++)
    g_string_append_printf (s, "%s%s", s->len ? ", " : "", x->suffix);
  return s;
}

gboolean
ccs_units_parse (const char *text, CcsUnit unit, double *out, GError **error)
{
  g_return_val_if_fail (text != NULL && out != NULL, FALSE);
  g_return_val_if_fail (unit < CCS_UNIT_N, FALSE);

  const char *p = text;
  while (g_ascii_isspace (*p))
    p++;
  char *end = NULL;
  errno = 0;
  double v = g_ascii_strtod (p, &end);
  if (end == p || errno == ERANGE || !isfinite (v))
    {
      g_set_error (error, CCS_UNITS_ERROR, CCS_UNITS_ERROR_SYNTAX,
                   "'%s' is not a number (expected a %s such as '%s')", text, units[unit].name,
                   units[unit].example);
      return FALSE;
    }
  while (g_ascii_isspace (*end))
    end++;
  g_autofree char *suffix = g_strdup (end);
  g_strchomp (suffix);

  if (unit == CCS_UNIT_NONE)
    {
      if (*suffix)
        {
          g_set_error (error, CCS_UNITS_ERROR, CCS_UNITS_ERROR_UNIT,
                       "'%s': a plain number takes no unit", text);
          return FALSE;
        }
      *out = v;
      return TRUE;
    }
  if (*suffix == '\0')
    {
      if (v == 0)
        {
          *out = 0;
          return TRUE;
        }
      g_set_error (error, CCS_UNITS_ERROR, CCS_UNITS_ERROR_UNIT,
                   "'%s' has no unit (a %s, e.g. '%s')", text, units[unit].name,
                   units[unit].example);
      return FALSE;
    }
  for (const Suffix *x = units[unit].sfx; x->suffix; x++)
    if (strcmp (x->suffix, suffix) == 0)
      {
        *out = v * x->factor;
        return TRUE;
      }
  g_autoptr (GString) list = suffix_list (unit);
  g_set_error (error, CCS_UNITS_ERROR, CCS_UNITS_ERROR_UNIT,
               "'%s': unknown unit '%s' for a %s (use one of: %s)", text, suffix, units[unit].name,
               list->str);
  return FALSE;
}

char *
ccs_units_format (double value, CcsUnit unit)
{
  g_return_val_if_fail (unit < CCS_UNIT_N, NULL);
  if (unit == CCS_UNIT_NONE || value == 0)
    return g_strdup_printf ("%g%s%s", value, unit ? " " : "", units[unit].si);
  /* Only suffixes the parser accepts, so that what is printed (in error
   * messages and the key reference) can be pasted back into a file: the
   * largest factor not above |value|, else the smallest one. */
  static const char *const preferred[CCS_UNIT_N] = {
    [CCS_UNIT_TIME] = " ns us ms s min h ",
    [CCS_UNIT_BYTES] = " B KB MB GB TB PB ",
    [CCS_UNIT_BITRATE] = " bps kbps Mbps Gbps Tbps ",
    [CCS_UNIT_BYTERATE] = " B/s kB/s MB/s GB/s TB/s ",
    [CCS_UNIT_POWER] = " uW mW W kW MW ",
    [CCS_UNIT_FREQUENCY] = " mHz Hz kHz ",
    [CCS_UNIT_OPS] = " FLOP kFLOP MFLOP GFLOP TFLOP PFLOP ",
    [CCS_UNIT_OPRATE] = " FLOPS kFLOPS MFLOPS GFLOPS TFLOPS PFLOPS ",
    [CCS_UNIT_DISTANCE] = " m km ",
    [CCS_UNIT_MONEY] = " USD ",
    [CCS_UNIT_ENERGY] = " pJ nJ uJ mJ J kJ MJ ",
  };
  const Suffix *best = NULL, *smallest = NULL;
  for (const Suffix *x = units[unit].sfx; x->suffix; x++)
    {
      g_autofree char *key = g_strdup_printf (" %s ", x->suffix);
      if (!strstr (preferred[unit], key))
        continue;
      if (!smallest || x->factor < smallest->factor)
        smallest = x;
      if (x->factor <= fabs (value) && (!best || x->factor > best->factor))
        best = x;
    }
  if (!best)
    best = smallest;
  return g_strdup_printf ("%g %s", value / best->factor, best->suffix);
}
