/* plot.h — figures from a results database with gnuplot.
 * Each figure is written with its data file and its gnuplot script (copied
 * from plots/) next to it, so users can restyle it. */
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
