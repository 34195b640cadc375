# Latency CDF per policy: the response time at each of the 1001 stored
# quantiles, averaged over the seeds of a group (quantiles table).
# Data: datafile, one block per group (index 0, 1, ...), its legend title
# on its first line, then columns latency_s and the fraction of tasks.
# Set above this script by `ccsim plot`: the terminal, datafile, outfile,
# plottitle, ngroups, arrays gcolour[ngroups] (one colour per policy) and
# gdash[ngroups] (one dash pattern per varied-parameter value), latmin and
# latmax (the smallest and largest latency in the data), keytitle (what
# the legend entries name; empty for policies).
set output outfile
set title plottitle
set xlabel "response time"
set ylabel "fraction of completed tasks"
set yrange [0:1]
set logscale x
set format x "%.0s %cs"
set mxtics 10
# Under two decades, also label 2 and 5 times the powers of ten.
if (latmax < 100 * latmin) {
  do for [k=floor(log10(latmin)):ceil(log10(latmax))] { set xtics add (2 * 10.0**k, 5 * 10.0**k) }
}
set grid xtics mxtics ytics
# One curve leaves the lower right corner free; several may cross it.
# (Below the plot, gnuplot 5.4 sets a key of several rows over the x label.)
if (ngroups > 1) { set key outside right top vertical } else { set key inside bottom right }
if (strlen (keytitle) > 0) { set key title keytitle }
plot for [i=1:ngroups] datafile index (i - 1) using 1:2 with lines lw 2 \
     lc gcolour[i] dt gdash[i] title columnheader(1)
