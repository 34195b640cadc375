# Utilisation (top) and power (bottom) per tier over simulated time,
# averaged over the seeds of one policy (series table).
# Data: datafile, one block per tier (index 0, 1, ...), its name on its
# first line, then columns t_s, utilisation, power_w, in_system.
# Set above this script by `ccsim plot`: the terminal, datafile, outfile,
# plottitle, ntiers, array tcolour[ntiers] (colour names), tscale and
# tunit (seconds per unit of the time axis), logpower (1 for a log power
# axis), pmin and pmax (the smallest power above zero and the largest),
# pscale and punit (watts per unit of a linear power axis).
set output outfile
set multiplot title plottitle
set lmargin at screen 0.12
set rmargin at screen 0.82
set grid
set key outside right top vertical

set tmargin at screen 0.90
set bmargin at screen 0.53
set ylabel "utilisation"
# A little below zero, so that idle tiers are not hidden by the border.
set yrange [-0.02:1.05]
set ytics 0, 0.2, 1
set format x ""
plot for [i=1:ntiers] datafile index (i - 1) using ($1 / tscale):2 with lines lw 2 \
     lc rgb tcolour[i] title columnheader(1)

set tmargin at screen 0.47
set bmargin at screen 0.10
set xlabel sprintf ("simulated time (%s)", tunit)
set format x "% g"
set autoscale y
set ytics autofreq
if (logpower) {
  set logscale y
  set format y "%.0s %cW"
  # Under two decades, also label 2 and 5 times the powers of ten.
  if (pmax < 100 * pmin) { do for [k=floor(log10(pmin)):ceil(log10(pmax))] { set ytics add (2 * 10.0**k, 5 * 10.0**k) } }
  set ylabel "power"
} else {
  set yrange [0:*]
  set ylabel sprintf ("power (%s)", punit)
}
unset key
plot for [i=1:ntiers] datafile index (i - 1) \
     using ($1 / tscale):(logpower ? $3 : $3 / pscale) with lines lw 2 \
     lc rgb tcolour[i] notitle
unset multiplot
