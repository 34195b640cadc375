# Energy by tier over the measurement window, in joules.
# Data: datafile with columns tier (quoted), energy_j (from `ccsim plot`).
set output outfile
set title plottitle
set ylabel "energy (J)"
set xlabel "tier"
set style fill solid 0.7
set boxwidth 0.6
set yrange [0:*]
set grid ytics
unset key
plot datafile using 0:2:xtic(1) with boxes
