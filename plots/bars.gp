# One summary metric as bars: mean over seeds with its 95 % Student-t
# confidence interval, one colour per policy, one cluster per value of
# the varied parameters (one bar per policy when nothing varied).
# Data: datafile, a header line (the policy names), then one row per
# cluster: its label, then for each policy the mean and the half-width of
# the interval in SI units (NaN: no value, or no interval from fewer than
# two seeds).
# Set above this script by `ccsim plot`: the terminal, datafile, outfile,
# plottitle, nseries (policies), nclusters, yscale (SI value of one unit
# shown), ylabeltext, xlabeltext (for clusters), rotatex (1: the cluster
# labels are too long to sit side by side) and note (shown inside the plot
# when not empty).
set output outfile
set title plottitle
set ylabel ylabeltext
set style fill solid 0.75 border -1
set yrange [0:*]
set offsets 0, 0, graph 0.05, 0
set grid ytics
set xtics scale 0
if (strlen (note) > 0) { set label 1 note at graph 0.5, 0.5 center; set yrange [0:1] }
if (nclusters == 1) {
  # The policies on the x axis, no legend needed.
  set xlabel "policy"
  # More than six names do not fit side by side: slant them.
  if (nseries > 6) { set xtics rotate by -35 left; unset xlabel }
  set boxwidth 0.6
  pad = nseries < 3 ? (3 - nseries) / 2.0 : 0
  set xrange [0.4 - pad:nseries + 0.6 + pad]
  unset key
  plot for [i=1:nseries] datafile \
       using (i):(column(2 * i) / yscale):(column(2 * i + 1) / yscale):xtic(columnhead(2 * i)) \
       with boxerrorbars lc i notitle
} else {
  set xlabel xlabeltext
  if (rotatex) { set xtics rotate by 90 right }
  set style data histograms
  set style histogram errorbars gap 1 lw 1
  set boxwidth 0.9
  set xrange [-0.6:nclusters - 0.4]
  set key outside right top vertical
  plot for [i=1:nseries] datafile \
       using (column(2 * i) / yscale):(column(2 * i + 1) / yscale):xtic(1) \
       lc i title columnheader(2 * i)
}
