/* report.h — comparison tables with confidence intervals.
 *
 * Reads a results database (one run or a sweep) and writes, for every
 * metric of the summary and every group of done runs with the same
 * (params, policy), the mean with its Student-t interval; optionally the
 * paired difference against a baseline policy on the same seeds, and a
 * rank per metric.  Four formats: an aligned terminal table, Markdown,
 * tidy CSV and a LaTeX tabular for papers.
 */
#pragma once

#include <glib.h>

G_BEGIN_DECLS

#define CCS_REPORT_ERROR (ccs_report_error_quark ())
GQuark ccs_report_error_quark (void);

typedef enum
{
  CCS_REPORT_ERROR_IO,       /* the file is missing or cannot be opened */
  CCS_REPORT_ERROR_FORMAT,   /* not a results database */
  CCS_REPORT_ERROR_SQLITE,   /* a query failed */
  CCS_REPORT_ERROR_EMPTY,    /* no done run, or no metric */
  CCS_REPORT_ERROR_METRIC,   /* a requested metric is not in the database */
  CCS_REPORT_ERROR_BASELINE, /* unknown baseline, or no seed in common */
  CCS_REPORT_ERROR_INVALID,  /* a bad option (confidence level) */
} CcsReportError;

typedef enum
{
  CCS_REPORT_TABLE,
  CCS_REPORT_MARKDOWN,
  CCS_REPORT_CSV,
  CCS_REPORT_LATEX,
} CcsReportFormat;

typedef struct
{
  CcsReportFormat format;
  const char *baseline;       /* policy to compare against, NULL = none */
  const char *const *metrics; /* NULL-terminated subset, NULL or empty = all present */
  double level;               /* of the intervals, in (0, 1); 0 = 0.95 */
} CcsReportOptions;

/* "table", "markdown", "csv", "latex" → *OUT; FALSE for anything else. */
gboolean ccs_report_format_parse (const char *s, CcsReportFormat *out);

/* Append the report of the results database DB_PATH to OUT (untouched on
 * failure).  O may be NULL (all metrics, no baseline, table, 95 %).
 * The text depends only on the database and the options (byte-identical
 * for the same file).
 * Time: O(R·M + M·G·P) for R runs, M metrics, G groups and P policies
 * (the ranking compares the policies of one params value pairwise). */
gboolean ccs_report_write (const char *db_path, const CcsReportOptions *o, GString *out,
                           GError **error);

G_END_DECLS
