# Simulator speed: tasks created per second of wall-clock time against a
# varied numeric parameter, mean over seeds with 95 % confidence
# intervals, one line per policy.
# Data: datafile, one block per line (index 0, 1, ...), its legend title
# on its first line, then columns x, runs, mean tasks per wall second and
# the half-width of its interval (NaN with fewer than two seeds).
# Set above this script by `ccsim plot`: the terminal, datafile, outfile,
# plottitle, nlines, arrays gcolour[nlines] and gdash[nlines], xlabeltext,
# logxy (1 for log-log axes: x spans more than a factor 10), xmin, xmax,
# ymin, ymax (the extent of the data).
set output outfile
set title plottitle
set xlabel xlabeltext
set ylabel "tasks created per wall-clock second"
set format y "%.0s %c"
if (logxy) {
  set logscale xy
  # Under two decades, also label 2 and 5 times the powers of ten.
  if (xmax < 100 * xmin) { do for [k=floor(log10(xmin)):ceil(log10(xmax))] { set xtics add (2 * 10.0**k, 5 * 10.0**k) } }
  if (ymax < 100 * ymin) { do for [k=floor(log10(ymin)):ceil(log10(ymax))] { set ytics add (2 * 10.0**k, 5 * 10.0**k) } }
} else {
  set yrange [0:*]
}
set grid
set offsets graph 0.03, graph 0.03, 0, 0
set key outside right top vertical
plot for [i=1:nlines] datafile index (i - 1) using 1:3:4 with yerrorlines lw 2 pt 7 \
     lc gcolour[i] dt gdash[i] title columnheader(1)
