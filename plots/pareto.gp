# Cost against tail latency per policy (and varied-parameter value): the
# means over seeds with their 95 % confidence intervals, and the Pareto
# front (the points no other point beats in both; lower is better).
# Data: datafile, one block per policy (index 0 .. npolicies-1), a row per
# varied-parameter value with cost_usd mean and half-width, latency_p99_s
# mean and half-width, label (the policy, or the value of the varied
# parameters when there are several); then block npolicies: the front,
# cost_usd and latency_p99_s sorted by cost.
# Set above this script by `ccsim plot`: the terminal, datafile, outfile,
# plottitle, npolicies and array policies[npolicies] (the legend),
# labelkey (what the labels are, for the legend), joined (1: join the
# points of a policy, in the order of a numeric varied parameter), yscale
# and yunit (for the latency), logx and logy (1 for a log axis), the
# ranges xlo, xhi, ylo, yhi (in the units shown; room for the labels
# included).
set output outfile
set title plottitle
set xlabel "cost (USD)"
set ylabel sprintf ("p99 response time (%s)", yunit)
# Log axes spanning under two decades also get tics at 2 and 5 times the
# powers of ten.
if (logx) {
  set logscale x
  if (xhi < 100 * xlo) { do for [k=floor(log10(xlo)):ceil(log10(xhi))] { set xtics add (2 * 10.0**k, 5 * 10.0**k) } }
}
if (logy) {
  set logscale y
  if (yhi < 100 * ylo) { do for [k=floor(log10(ylo)):ceil(log10(yhi))] { set ytics add (2 * 10.0**k, 5 * 10.0**k) } }
}
set xrange [xlo:xhi]
set yrange [ylo:yhi]
set grid
set key outside right top vertical
if (strlen (labelkey) > 0) { set key title labelkey }
plot datafile index npolicies using 1:($2 / yscale) with linespoints lw 1.5 dt 2 pt 6 ps 2.2 \
       lc "gray40" title "Pareto front", \
     for [k=1:npolicies] datafile index (k - 1) using 1:($3 / yscale):2:($4 / yscale) \
       with xyerrorbars pt 7 ps 1.2 lc k title policies[k], \
     for [k=1:npolicies] datafile index (k - 1) using 1:(joined ? $3 / yscale : NaN) \
       with lines lw 1 lc k notitle, \
     for [k=1:npolicies] datafile index (k - 1) using 1:($3 / yscale):(stringcolumn (5)) \
       with labels left offset char 0.8, 0.7 notitle
