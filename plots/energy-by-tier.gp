# Energy by tier over the measurement window, in joules (log scale: idle
# IoT fleets dwarf the servers).  Data: datafile with columns tier
# (quoted), energy_j, from the summary table (`ccsim plot`).
set output outfile
set title plottitle
set ylabel "energy in the window (J)"
set xlabel "tier"
set style fill solid 0.7
set boxwidth 0.6
set logscale y
set format y "10^{%L}"
set grid ytics
unset key
plot datafile using 0:2:xtic(1) with boxes
