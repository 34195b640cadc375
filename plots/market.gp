# Market prices (top) and volume (bottom) per provider over simulated
# time, averaged over the seeds of one policy (market table).
# Data: datafile, one block per provider (index 0, 1, ...), its name on
# its first line, then columns t_s, price_usd_per_hour (mean list price of
# its devices times the market's multiplier), busy_devices (device-hours
# sold per hour) and revenue_usd in the interval.
# Set above this script by `ccsim plot`: the terminal, datafile, outfile,
# plottitle, nsellers, tscale and tunit (seconds per unit of the time
# axis).
set output outfile
set multiplot title plottitle
set lmargin at screen 0.12
set rmargin at screen 0.80
set grid
set key outside right top vertical

set tmargin at screen 0.90
set bmargin at screen 0.53
set ylabel "price (USD per device-hour)"
set yrange [0:*]
set format x ""
plot for [i=1:nsellers] datafile index (i - 1) using ($1 / tscale):2 with steps lw 2 \
     lc i title columnheader(1)

set tmargin at screen 0.47
set bmargin at screen 0.10
set xlabel sprintf ("simulated time (%s)", tunit)
set format x "% g"
set ylabel "volume (devices busy)"
set yrange [0:*]
unset key
plot for [i=1:nsellers] datafile index (i - 1) using ($1 / tscale):3 with steps lw 2 \
     lc i notitle
unset multiplot
