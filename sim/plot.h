/* plot.h — figures from a results database with gnuplot.
 *
 * A database holds one run or a sweep (policies × seeds × varied
 * parameters); the figures compare the policies, averaging over seeds with
 * 95 % Student-t intervals.  Each figure is written as NAME.dat (its data),
 * NAME.gp (the script from plots/ with the settings written at its top, so
 * `gnuplot NAME.gp` in the folder redraws it) and the image, so users can
 * restyle it.  A figure whose data is absent is skipped with a note on
 * stderr. */
#pragma once

#include <glib.h>

G_BEGIN_DECLS

#define CCS_PLOT_ERROR (ccs_plot_error_quark ())
GQuark ccs_plot_error_quark (void);

/* Write the figures of @db into @out_dir as @format (png, svg, pdf).
 * The written image paths are appended to @written (may be NULL). */
gboolean ccs_plot_run (const char *db, const char *out_dir, const char *format, GPtrArray *written,
                       GError **error);

/* Folder of the gnuplot scripts. */
const char *ccs_plot_scripts_dir (void);

G_END_DECLS
