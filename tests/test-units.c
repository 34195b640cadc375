/* test-units.c — human units, distributions and arrival processes.
 *
 * Expected values are worked out by hand in the comments; the sampling
 * tests use a fixed-seed MT19937 so they are deterministic, with bounds
 * several standard errors wide so a change of seed would not break them.
 */
#include <gsl/gsl_rng.h>
#include <math.h>

#include "models/dist.h"
#include "models/units.h"
#include "tests/testutil.h"

G_DEFINE_AUTOPTR_CLEANUP_FUNC (gsl_rng, gsl_rng_free)

/* A text, its dimension and the SI value it parses to. */
typedef struct
{
  const char *text;
  CcsUnit unit;
  double expect;
} ParseCase;

static void
check_parse (const ParseCase *cases, gsize n)
{
  for (gsize i = 0; i < n; i++)
    {
      g_autoptr (GError) error = NULL;
      double v = -12345;
      g_test_message ("parsing '%s' as a %s", cases[i].text, ccs_unit_name (cases[i].unit));
      gboolean ok = ccs_units_parse (cases[i].text, cases[i].unit, &v, &error);
      g_assert_no_error (error);
      g_assert_true (ok);
      ccs_test_assert_rel (v, cases[i].expect);
    }
}

static void
test_parse_dimensions (void)
{
  g_test_summary ("Every dimension parses its example and prefixed forms into SI");
  static const ParseCase cases[] = {
    /* time: seconds */
    { "250 ms", CCS_UNIT_TIME, 0.25 },
    { "2 s", CCS_UNIT_TIME, 2 },
    { "15 us", CCS_UNIT_TIME, 15e-6 },
    { "3 ns", CCS_UNIT_TIME, 3e-9 },
    { "1.5 min", CCS_UNIT_TIME, 90 },
    { "2 h", CCS_UNIT_TIME, 7200 },
    { "1 d", CCS_UNIT_TIME, 86400 },
    /* bytes: decimal and binary prefixes */
    { "10 MB", CCS_UNIT_BYTES, 1e7 },
    { "200 KB", CCS_UNIT_BYTES, 2e5 },
    { "1 MiB", CCS_UNIT_BYTES, 1048576 },
    { "2 KiB", CCS_UNIT_BYTES, 2048 },
    { "4 GiB", CCS_UNIT_BYTES, 4.0 * 1073741824.0 },
    { "3 GB", CCS_UNIT_BYTES, 3e9 },
    /* bit rate: bit/s; a byte rate given for a bit rate is ×8 */
    { "1 Gbps", CCS_UNIT_BITRATE, 1e9 },
    { "360 Mbps", CCS_UNIT_BITRATE, 3.6e8 },
    { "5.5 kbps", CCS_UNIT_BITRATE, 5500 },
    { "25 GB/s", CCS_UNIT_BITRATE, 2e11 },
    /* byte rate: B/s; a bit rate given for a byte rate is /8 */
    { "25 GB/s", CCS_UNIT_BYTERATE, 2.5e10 },
    { "1 GiB/s", CCS_UNIT_BYTERATE, 1073741824.0 },
    { "8 Gbps", CCS_UNIT_BYTERATE, 1e9 },
    /* power */
    { "5 W", CCS_UNIT_POWER, 5 },
    { "300 mW", CCS_UNIT_POWER, 0.3 },
    { "1.2 kW", CCS_UNIT_POWER, 1200 },
    /* frequency */
    { "2 Hz", CCS_UNIT_FREQUENCY, 2 },
    { "30 /min", CCS_UNIT_FREQUENCY, 0.5 },
    { "500 mHz", CCS_UNIT_FREQUENCY, 0.5 },
    /* work and compute rate */
    { "8.7 GFLOP", CCS_UNIT_OPS, 8.7e9 },
    { "4 TOP", CCS_UNIT_OPS, 4e12 },
    { "19.5 TFLOPS", CCS_UNIT_OPRATE, 1.95e13 },
    { "33.5 TOPS", CCS_UNIT_OPRATE, 3.35e13 },
    { "48 GFLOPS", CCS_UNIT_OPRATE, 4.8e10 },
    /* distance, money, energy */
    { "20 km", CCS_UNIT_DISTANCE, 2e4 },
    { "350 m", CCS_UNIT_DISTANCE, 350 },
    { "4.10 USD", CCS_UNIT_MONEY, 4.10 },
    { "3 J", CCS_UNIT_ENERGY, 3 },
    { "1 kWh", CCS_UNIT_ENERGY, 3.6e6 },
    /* plain numbers */
    { "3", CCS_UNIT_NONE, 3 },
    { "0.25", CCS_UNIT_NONE, 0.25 },
  };
  check_parse (cases, G_N_ELEMENTS (cases));
}

static void
test_parse_whitespace (void)
{
  g_test_summary ("Whitespace around and between number and unit is ignored");
  static const ParseCase cases[] = {
    { "  250 ms  ", CCS_UNIT_TIME, 0.25 },
    { "250ms", CCS_UNIT_TIME, 0.25 },
    { "\t10\tMB\n", CCS_UNIT_BYTES, 1e7 },
    { "1e3 ms", CCS_UNIT_TIME, 1 },
  };
  check_parse (cases, G_N_ELEMENTS (cases));
}

/* A text that is not a value of @unit: a CCS_UNITS_ERROR_UNIT error whose
 * message contains every one of @needles. */
typedef struct
{
  const char *text;
  CcsUnit unit;
  const char *needles[3];
} UnitErrorCase;

static void
check_unit_errors (const UnitErrorCase *cases, gsize n)
{
  for (gsize i = 0; i < n; i++)
    {
      g_autoptr (GError) error = NULL;
      double v = 0;
      g_test_message ("parsing '%s' as a %s", cases[i].text, ccs_unit_name (cases[i].unit));
      g_assert_false (ccs_units_parse (cases[i].text, cases[i].unit, &v, &error));
      g_assert_error (error, CCS_UNITS_ERROR, CCS_UNITS_ERROR_UNIT);
      for (gsize k = 0; k < G_N_ELEMENTS (cases[i].needles) && cases[i].needles[k]; k++)
        ccs_test_assert_contains (error->message, cases[i].needles[k]);
    }
}

static void
test_parse_missing_unit (void)
{
  g_test_summary ("A dimensioned number without a unit is an error, except 0");
  static const UnitErrorCase cases[] = {
    { "10", CCS_UNIT_TIME, { "'10' has no unit", "time", "250 ms" } },
    { "1.5", CCS_UNIT_BYTES, { "10 MB" } },
  };
  check_unit_errors (cases, G_N_ELEMENTS (cases));

  g_autoptr (GError) error = NULL;
  for (int u = CCS_UNIT_TIME; u < CCS_UNIT_N; u++)
    {
      double v = 42;
      g_assert_true (ccs_units_parse ("0", u, &v, &error));
      g_assert_no_error (error);
      g_assert_cmpfloat (v, ==, 0);
    }
}

static void
test_parse_unknown_unit (void)
{
  g_test_summary ("An unknown unit is an error that lists the accepted ones");
  static const UnitErrorCase cases[] = {
    { "10 parsecs",
      CCS_UNIT_TIME,
      { "unknown unit 'parsecs'", "ns, us, µs, ms, s, sec, min, h, d" } },
    /* Case matters: "w" is not "W", and "Mb" (megabit) is not a size. */
    { "5 w", CCS_UNIT_POWER, { "uW, µW, mW, W, kW, MW" } },
    { "10 Mbps", CCS_UNIT_BYTES, { "KiB, MiB" } },
    /* A plain number takes no unit at all. */
    { "3 s", CCS_UNIT_NONE, { "takes no unit" } },
  };
  check_unit_errors (cases, G_N_ELEMENTS (cases));
}

static void
test_parse_garbage (void)
{
  g_test_summary ("Text that is not a number is a syntax error naming the dimension");
  static const char *const bad[]
      = { "", "   ", "abc", "ms", "fast", "nan s", "inf s", "1e999 s", "--3 s" };
  for (gsize i = 0; i < G_N_ELEMENTS (bad); i++)
    {
      g_autoptr (GError) error = NULL;
      double v = 7;
      g_assert_false (ccs_units_parse (bad[i], CCS_UNIT_TIME, &v, &error));
      g_assert_error (error, CCS_UNITS_ERROR, CCS_UNITS_ERROR_SYNTAX);
      ccs_test_assert_contains (error->message, "is not a number");
      ccs_test_assert_contains (error->message, "time");
      g_assert_cmpfloat (v, ==, 7); /* untouched on error */
    }
}

static void
test_format (void)
{
  g_test_summary ("ccs_units_format picks a readable prefix");
  static const struct
  {
    double v;
    CcsUnit u;
    const char *text;
  } cases[] = {
    { 0.25, CCS_UNIT_TIME, "250 ms" },    { 15e-6, CCS_UNIT_TIME, "15 us" },
    { 2, CCS_UNIT_TIME, "2 s" },          { 1e7, CCS_UNIT_BYTES, "10 MB" },
    { 1e9, CCS_UNIT_BITRATE, "1 Gbps" },  { 2.5e10, CCS_UNIT_BYTERATE, "25 GB/s" },
    { 5, CCS_UNIT_POWER, "5 W" },         { 2, CCS_UNIT_FREQUENCY, "2 Hz" },
    { 8.7e9, CCS_UNIT_OPS, "8.7 GFLOP" }, { 1.95e13, CCS_UNIT_OPRATE, "19.5 TFLOPS" },
    { 2e4, CCS_UNIT_DISTANCE, "20 km" },  { 4.1, CCS_UNIT_MONEY, "4.1 USD" },
    { 0, CCS_UNIT_TIME, "0 s" },          { 3, CCS_UNIT_NONE, "3" },
  };
  for (gsize i = 0; i < G_N_ELEMENTS (cases); i++)
    {
      g_autofree char *s = ccs_units_format (cases[i].v, cases[i].u);
      g_assert_cmpstr (s, ==, cases[i].text);
    }
}

/* A value and its dimension, to format and parse back. */
typedef struct
{
  double v;
  CcsUnit u;
} RoundTripCase;

static void
check_round_trip (const RoundTripCase *cases, gsize n)
{
  for (gsize i = 0; i < n; i++)
    {
      double v = cases[i].v;
      CcsUnit u = cases[i].u;
      g_autofree char *s = ccs_units_format (v, u);
      g_autoptr (GError) error = NULL;
      double back = -1;
      g_test_message ("%g %s -> '%s'", v, ccs_unit_name (u), s);
      g_assert_true (ccs_units_parse (s, u, &back, &error));
      g_assert_no_error (error);
      if (v == 0)
        g_assert_cmpfloat (back, ==, 0);
      else
        g_assert_cmpfloat_with_epsilon (back / v, 1.0, 1e-5);
    }
}

static void
test_format_round_trip (void)
{
  g_test_summary ("Formatted values parse back to the same value");
  static const RoundTripCase cases[] = {
    { 0.25, CCS_UNIT_TIME },        { 1.5e-3, CCS_UNIT_TIME },    { 42, CCS_UNIT_TIME },
    { 1e7, CCS_UNIT_BYTES },        { 1.234e12, CCS_UNIT_BYTES }, { 3.6e8, CCS_UNIT_BITRATE },
    { 1.02e11, CCS_UNIT_BYTERATE }, { 0.3, CCS_UNIT_POWER },      { 250, CCS_UNIT_POWER },
    { 0.5, CCS_UNIT_FREQUENCY },    { 8.7e9, CCS_UNIT_OPS },      { 1.95e13, CCS_UNIT_OPRATE },
    { 2e4, CCS_UNIT_DISTANCE },     { 4.1, CCS_UNIT_MONEY },      { 3.6e6, CCS_UNIT_ENERGY },
    { 0, CCS_UNIT_BYTES },
  };
  check_round_trip (cases, G_N_ELEMENTS (cases));
}

static void
test_format_round_trip_bounds (void)
{
  g_test_summary ("Values the scenario reference and bound errors print "
                  "(1000 s and more, distances up to 100,000 km, MHz rates) "
                  "parse back");
  /* The bounds in scenarios/README.md and in "out of bounds" messages are
   * formatted with ccs_units_format; a user must be able to type them
   * back.  [Run] duration allows up to 1e9 s, [Site] distance 1e8 m. */
  static const RoundTripCase cases[] = {
    { 3600, CCS_UNIT_TIME },
    { 1e9, CCS_UNIT_TIME },
    { 1e8, CCS_UNIT_DISTANCE },
    { 2e6, CCS_UNIT_FREQUENCY },
  };
  check_round_trip (cases, G_N_ELEMENTS (cases));
}

/* ---- distributions ---- */

static void
test_dist_parse (void)
{
  g_test_summary ("Constants and the four distributions parse with their units");
  static const struct
  {
    const char *text;
    CcsUnit unit;
    CcsDistKind kind;
    double a, b;
  } cases[] = {
    { "2 s", CCS_UNIT_TIME, CCS_DIST_CONST, 2, 0 },
    { "  150 KB ", CCS_UNIT_BYTES, CCS_DIST_CONST, 1.5e5, 0 },
    { "exp(2 s)", CCS_UNIT_TIME, CCS_DIST_EXP, 2, 0 },
    { "exponential(200 KB)", CCS_UNIT_BYTES, CCS_DIST_EXP, 2e5, 0 },
    { "uniform(1 GFLOP, 3 GFLOP)", CCS_UNIT_OPS, CCS_DIST_UNIFORM, 1e9, 3e9 },
    { "uniform(2 s, 2 s)", CCS_UNIT_TIME, CCS_DIST_UNIFORM, 2, 2 },
    { "normal(10 MB, 2 MB)", CCS_UNIT_BYTES, CCS_DIST_NORMAL, 1e7, 2e6 },
    { " lognormal( 10 MB , 5 MB ) ", CCS_UNIT_BYTES, CCS_DIST_LOGNORMAL, 1e7, 5e6 },
    { "exp(1 MiB)", CCS_UNIT_BYTES, CCS_DIST_EXP, 1048576, 0 },
  };
  for (gsize i = 0; i < G_N_ELEMENTS (cases); i++)
    {
      g_autoptr (GError) error = NULL;
      CcsDist d = { 99, -1, -1 };
      g_test_message ("parsing '%s'", cases[i].text);
      g_assert_true (ccs_dist_parse (cases[i].text, cases[i].unit, &d, &error));
      g_assert_no_error (error);
      g_assert_cmpint (d.kind, ==, cases[i].kind);
      ccs_test_assert_rel (d.a, cases[i].a);
      ccs_test_assert_rel (d.b, cases[i].b);
    }

  CcsDist d = { CCS_DIST_UNIFORM, 1, 3 };
  g_assert_cmpfloat (ccs_dist_mean (&d), ==, 2);
  d = (CcsDist){ CCS_DIST_LOGNORMAL, 1e7, 5e6 };
  g_assert_cmpfloat (ccs_dist_mean (&d), ==, 1e7);
}

static void
test_dist_format (void)
{
  g_test_summary ("ccs_dist_format writes what ccs_dist_parse reads");
  static const char *const texts[] = { "250 ms", "exp(2 s)", "uniform(1 s, 3 s)",
                                       "normal(10 ms, 2 ms)", "lognormal(10 ms, 5 ms)" };
  for (gsize i = 0; i < G_N_ELEMENTS (texts); i++)
    {
      CcsDist d, back;
      g_autoptr (GError) error = NULL;
      g_assert_true (ccs_dist_parse (texts[i], CCS_UNIT_TIME, &d, &error));
      g_autofree char *s = ccs_dist_format (&d, CCS_UNIT_TIME);
      g_assert_cmpstr (s, ==, texts[i]);
      g_assert_true (ccs_dist_parse (s, CCS_UNIT_TIME, &back, &error));
      g_assert_no_error (error);
      g_assert_cmpint (back.kind, ==, d.kind);
      g_assert_cmpfloat (back.a, ==, d.a);
    }
}

static void
test_dist_errors (void)
{
  g_test_summary ("Wrong argument counts, unknown names, bad parameters and "
                  "units are errors");
  static const struct
  {
    const char *text;
    CcsUnit unit;
    int code;
    const char *needle;
  } cases[] = {
    { "normal(1 s)", CCS_UNIT_TIME, CCS_UNITS_ERROR_SYNTAX, "normal() takes 2 arguments" },
    { "exp(1 s, 2 s)", CCS_UNIT_TIME, CCS_UNITS_ERROR_SYNTAX, "exp() takes 1 argument" },
    { "uniform(1 s, 2 s, 3 s)", CCS_UNIT_TIME, CCS_UNITS_ERROR_SYNTAX,
      "uniform() takes 2 arguments" },
    { "gamma(1 s, 2 s)", CCS_UNIT_TIME, CCS_UNITS_ERROR_SYNTAX, "unknown distribution 'gamma'" },
    { "gamma(1 s, 2 s)", CCS_UNIT_TIME, CCS_UNITS_ERROR_SYNTAX, "exp, uniform, normal, lognormal" },
    { "uniform(3 s, 1 s)", CCS_UNIT_TIME, CCS_UNITS_ERROR_SYNTAX, "low <= high" },
    { "lognormal(0 MB, 1 MB)", CCS_UNIT_BYTES, CCS_UNITS_ERROR_SYNTAX, "invalid parameters" },
    { "normal(-1 s, 1 s)", CCS_UNIT_TIME, CCS_UNITS_ERROR_SYNTAX, "non-negative" },
    { "exp(2 s", CCS_UNIT_TIME, CCS_UNITS_ERROR_SYNTAX, "missing ')'" },
    { "exp(2)", CCS_UNIT_TIME, CCS_UNITS_ERROR_UNIT, "has no unit" },
    { "exp(2 parsecs)", CCS_UNIT_TIME, CCS_UNITS_ERROR_UNIT, "unknown unit 'parsecs'" },
    { "exp()", CCS_UNIT_TIME, CCS_UNITS_ERROR_SYNTAX, "exp() takes 1 argument" },
    { "uniform(1 s,)", CCS_UNIT_TIME, CCS_UNITS_ERROR_SYNTAX, "is not a number" },
  };
  for (gsize i = 0; i < G_N_ELEMENTS (cases); i++)
    {
      g_autoptr (GError) error = NULL;
      CcsDist d;
      g_test_message ("parsing '%s'", cases[i].text);
      g_assert_false (ccs_dist_parse (cases[i].text, cases[i].unit, &d, &error));
      g_assert_error (error, CCS_UNITS_ERROR, cases[i].code);
      ccs_test_assert_contains (error->message, cases[i].needle);
    }
}

/* ---- sampling ---- */

static gsl_rng *
new_rng (unsigned long seed)
{
  gsl_rng *r = gsl_rng_alloc (gsl_rng_mt19937);
  gsl_rng_set (r, seed);
  return r;
}

static void
test_sample_moments (void)
{
  g_test_summary ("Sample means of exp, uniform, normal and lognormal and the "
                  "lognormal's sd match their parameters");
  static const struct
  {
    CcsDist d;
    double mean, mean_tol, sd, sd_tol;
  } cases[] = {
    /* exp(2 s): mean 2 s, sd 2 s; standard error of the mean 2/sqrt(n) =
     * 0.0045 = 0.22 %. */
    { { CCS_DIST_EXP, 2, 0 }, 2.0, 0.02, 2.0, 0.04 },
    /* uniform(1, 3): mean 2, sd 2/sqrt(12) = 0.57735. */
    { { CCS_DIST_UNIFORM, 1, 3 }, 2.0, 0.02, 0.57735, 0.01 },
    /* normal(10, 2): truncation at 0 is 5 sd away, negligible. */
    { { CCS_DIST_NORMAL, 10, 2 }, 10.0, 0.1, 2.0, 0.04 },
    /* lognormal(10 MB, 5 MB): mean 1e7, sd 5e6.  Kurtosis of this lognormal
     * is about 8, so the sd's relative standard error is
     * sqrt((8 - 1) / n) / 2 = 0.3 %. */
    { { CCS_DIST_LOGNORMAL, 1e7, 5e6 }, 1e7, 1e7 * 0.01, 5e6, 5e6 * 0.02 },
  };
  g_autoptr (gsl_rng) r = new_rng (12345);
  const int n = 200000;
  for (gsize i = 0; i < G_N_ELEMENTS (cases); i++)
    {
      /* Sample mean and standard deviation of n draws. */
      double sum = 0, sum2 = 0;
      for (int k = 0; k < n; k++)
        {
          double x = ccs_dist_sample (&cases[i].d, r);
          g_assert_cmpfloat (x, >=, 0);
          sum += x;
          sum2 += x * x;
        }
      double mean = sum / n, sd = sqrt (sum2 / n - mean * mean);
      g_test_message ("case %zu: mean %g, sd %g", i, mean, sd);
      g_assert_cmpfloat_with_epsilon (mean, cases[i].mean, cases[i].mean_tol);
      g_assert_cmpfloat_with_epsilon (sd, cases[i].sd, cases[i].sd_tol);
    }

  /* Constants are constant. */
  CcsDist d = { CCS_DIST_CONST, 3.5, 0 };
  for (int i = 0; i < 10; i++)
    g_assert_cmpfloat (ccs_dist_sample (&d, r), ==, 3.5);
  /* uniform(a, b) stays in [a, b). */
  d = (CcsDist){ CCS_DIST_UNIFORM, 1, 3 };
  for (int i = 0; i < 10000; i++)
    {
      double x = ccs_dist_sample (&d, r);
      g_assert_cmpfloat (x, >=, 1);
      g_assert_cmpfloat (x, <, 3);
    }
}

static void
test_sample_deterministic (void)
{
  g_test_summary ("The same seed gives the same draws");
  g_autoptr (gsl_rng) r1 = new_rng (7);
  g_autoptr (gsl_rng) r2 = new_rng (7);
  CcsDist d = { CCS_DIST_LOGNORMAL, 1e7, 5e6 };
  for (int i = 0; i < 100; i++)
    g_assert_cmpfloat (ccs_dist_sample (&d, r1), ==, ccs_dist_sample (&d, r2));
}

/* ---- arrival processes ---- */

static void
test_arrival_poisson (void)
{
  g_test_summary ("Poisson arrivals have mean gap 1/rate");
  g_autoptr (gsl_rng) r = new_rng (99);
  CcsArrivalSpec spec = { CCS_ARRIVAL_POISSON, 4.0, 0, 0, 0 };
  CcsArrivalState st;
  ccs_arrival_start (&spec, &st, 100.0, NULL, r);
  g_assert_cmpfloat (st.next_s, >, 100.0);
  double first = st.next_s, prev = first;
  const int n = 100000;
  for (int i = 0; i < n; i++)
    {
      ccs_arrival_advance (&spec, &st, NULL, r);
      g_assert_cmpfloat (st.next_s, >, prev);
      prev = st.next_s;
    }
  /* Mean gap 0.25 s; standard error 0.25/sqrt(1e5) = 0.3 %. */
  double gap = (st.next_s - first) / n;
  g_assert_cmpfloat_with_epsilon (gap, 0.25, 0.25 * 0.01);
  g_assert_cmpfloat (ccs_arrival_mean_rate (&spec), ==, 4.0);
}

static void
test_arrival_periodic (void)
{
  g_test_summary ("Periodic arrivals start within one period and have exact gaps");
  g_autoptr (gsl_rng) r = new_rng (5);
  CcsArrivalSpec spec = { CCS_ARRIVAL_PERIODIC, 4.0, 0, 0, 0 };
  CcsArrivalState st;
  ccs_arrival_start (&spec, &st, 10.0, NULL, r);
  g_assert_cmpfloat (st.next_s, >=, 10.0);
  g_assert_cmpfloat (st.next_s, <, 10.25);
  double prev = st.next_s;
  for (int i = 0; i < 1000; i++)
    {
      ccs_arrival_advance (&spec, &st, NULL, r);
      g_assert_cmpfloat_with_epsilon (st.next_s - prev, 0.25, 1e-12);
      prev = st.next_s;
    }
  g_assert_cmpfloat (ccs_arrival_mean_rate (&spec), ==, 4.0);
}

static void
test_arrival_mmpp (void)
{
  g_test_summary ("MMPP long-run rate matches ccs_arrival_mean_rate");
  /* 10 Hz while on (mean 1 s), silent while off (mean 3 s):
   * (10·1 + 0·3) / (1 + 3) = 2.5 Hz. */
  CcsArrivalSpec spec = { CCS_ARRIVAL_MMPP, 10.0, 0.0, 1.0, 3.0 };
  g_assert_cmpfloat (ccs_arrival_mean_rate (&spec), ==, 2.5);
  /* With a rate while off: (10·1 + 2·3) / 4 = 4 Hz. */
  CcsArrivalSpec spec2 = { CCS_ARRIVAL_MMPP, 10.0, 2.0, 1.0, 3.0 };
  g_assert_cmpfloat (ccs_arrival_mean_rate (&spec2), ==, 4.0);

  const CcsArrivalSpec *specs[] = { &spec, &spec2 };
  for (gsize k = 0; k < G_N_ELEMENTS (specs); k++)
    {
      g_autoptr (gsl_rng) r = new_rng (2024 + k);
      CcsArrivalState st;
      const double horizon = 200000.0; /* 50,000 on/off cycles */
      ccs_arrival_start (specs[k], &st, 0.0, NULL, r);
      guint64 count = 0;
      double prev = 0;
      while (st.next_s < horizon)
        {
          g_assert_cmpfloat (st.next_s, >=, prev);
          prev = st.next_s;
          count++;
          ccs_arrival_advance (specs[k], &st, NULL, r);
        }
      double rate = count / horizon;
      double expect = ccs_arrival_mean_rate (specs[k]);
      g_test_message ("MMPP %zu: %g Hz measured, %g Hz expected", k, rate, expect);
      g_assert_cmpfloat_with_epsilon (rate, expect, expect * 0.02);
    }
}

static void
test_arrival_mmpp_bursty (void)
{
  g_test_summary ("MMPP with a silent off state is burstier than Poisson");
  /* Gaps of a Poisson process have a coefficient of variation of 1; the
   * on/off process (on 1 s, off 3 s) mixes 0.1 s gaps with 3 s silences. */
  g_autoptr (gsl_rng) r = new_rng (31);
  CcsArrivalSpec spec = { CCS_ARRIVAL_MMPP, 10.0, 0.0, 1.0, 3.0 };
  CcsArrivalState st;
  ccs_arrival_start (&spec, &st, 0.0, NULL, r);
  double prev = st.next_s, sum = 0, sum2 = 0;
  const int n = 50000;
  for (int i = 0; i < n; i++)
    {
      ccs_arrival_advance (&spec, &st, NULL, r);
      double g = st.next_s - prev;
      prev = st.next_s;
      sum += g;
      sum2 += g * g;
    }
  double mean = sum / n, cv = sqrt (sum2 / n - mean * mean) / mean;
  g_assert_cmpfloat (cv, >, 1.5);
}

static void
test_arrival_trace (void)
{
  g_test_summary ("Trace replay returns the given times, then INFINITY");
  const double times[] = { 0.5, 1.0, 2.5, 7.25 };
  g_autoptr (GArray) trace = g_array_new (FALSE, FALSE, sizeof (double));
  g_array_append_vals (trace, times, G_N_ELEMENTS (times));
  g_autoptr (gsl_rng) r = new_rng (1);
  CcsArrivalSpec spec = { CCS_ARRIVAL_TRACE, 0, 0, 0, 0 };
  CcsArrivalState st;
  ccs_arrival_start (&spec, &st, 0.0, trace, r);
  g_assert_cmpfloat (st.next_s, ==, 0.5);
  for (gsize i = 1; i < G_N_ELEMENTS (times); i++)
    {
      ccs_arrival_advance (&spec, &st, trace, r);
      g_assert_cmpfloat (st.next_s, ==, times[i]);
    }
  ccs_arrival_advance (&spec, &st, trace, r);
  g_assert_true (isinf (st.next_s));
  ccs_arrival_advance (&spec, &st, trace, r);
  g_assert_true (isinf (st.next_s));

  /* A device without any trace entries never fires. */
  ccs_arrival_start (&spec, &st, 0.0, NULL, r);
  g_assert_true (isinf (st.next_s));
  g_autoptr (GArray) empty = g_array_new (FALSE, FALSE, sizeof (double));
  ccs_arrival_start (&spec, &st, 0.0, empty, r);
  g_assert_true (isinf (st.next_s));
}

int
main (int argc, char **argv)
{
  g_test_init (&argc, &argv, NULL);
  g_test_add_func ("/units/parse/dimensions", test_parse_dimensions);
  g_test_add_func ("/units/parse/whitespace", test_parse_whitespace);
  g_test_add_func ("/units/parse/missing-unit", test_parse_missing_unit);
  g_test_add_func ("/units/parse/unknown-unit", test_parse_unknown_unit);
  g_test_add_func ("/units/parse/garbage", test_parse_garbage);
  g_test_add_func ("/units/format/prefix", test_format);
  g_test_add_func ("/units/format/round-trip", test_format_round_trip);
  g_test_add_func ("/units/format/round-trip-bounds", test_format_round_trip_bounds);
  g_test_add_func ("/dist/parse/valid", test_dist_parse);
  g_test_add_func ("/dist/parse/format", test_dist_format);
  g_test_add_func ("/dist/parse/errors", test_dist_errors);
  g_test_add_func ("/dist/sample/moments", test_sample_moments);
  g_test_add_func ("/dist/sample/deterministic", test_sample_deterministic);
  g_test_add_func ("/dist/arrival/poisson", test_arrival_poisson);
  g_test_add_func ("/dist/arrival/periodic", test_arrival_periodic);
  g_test_add_func ("/dist/arrival/mmpp", test_arrival_mmpp);
  g_test_add_func ("/dist/arrival/mmpp-bursty", test_arrival_mmpp_bursty);
  g_test_add_func ("/dist/arrival/trace", test_arrival_trace);
  return g_test_run ();
}
