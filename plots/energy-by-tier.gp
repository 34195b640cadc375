# Energy by tier over the measurement window: mean over seeds with its
# 95 % confidence interval, one cluster per tier, one bar per policy (and
# varied-parameter value).  Log scale: idle IoT fleets dwarf the servers.
# Data: datafile, a header line (the group names), then one row per tier:
# its name, then for each group the mean energy_j and the half-width of
# its interval (NaN: no value, or fewer than two seeds).
# Set above this script by `ccsim plot`: the terminal, datafile, outfile,
# plottitle, nseries (groups), arrays gcolour[nseries] (one colour per
# policy) and gdensity[nseries] (one shade per varied-parameter value),
# emin (the smallest energy shown), keytitle (what the legend entries
# name; empty for policies).
set output outfile
set title plottitle
set ylabel "energy in the window"
set xlabel "tier"
set style data histograms
set style histogram errorbars gap 1 lw 1
set boxwidth 0.9
set logscale y
# The axis starts below the smallest bar, which would have no height at
# the decade autoscaling puts there.
set yrange [emin / 3:*]
set format y "%.0s %cJ"
set grid ytics
set xtics scale 0
# One group is named in the title.  Keys go right of the plot: below it,
# gnuplot 5.4 sets a key of several rows over the x label.
if (nseries == 1) { unset key } else { set key outside right top vertical }
if (strlen (keytitle) > 0) { set key title keytitle }
plot for [i=1:nseries] datafile using (column(2 * i)):(column(2 * i + 1)):xtic(1) \
     lc gcolour[i] fs solid gdensity[i] border -1 title columnheader(2 * i)
