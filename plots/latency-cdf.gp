# Latency CDF of completed tasks.
# Data: datafile with columns latency_s, cumulative fraction (from
# `ccsim plot`, exported from the tasks table).  Set by the caller:
# datafile, outfile, the terminal, plottitle.
set output outfile
set title plottitle
set xlabel "response time"
set ylabel "fraction of completed tasks"
set yrange [0:1]
set logscale x
set format x "%.0s %cs"
set mxtics 10
set grid xtics mxtics ytics
set key bottom right
plot datafile using 1:2 with lines lw 2 title "latency CDF"
