/* links.c — the table of network link classes and its lookup.
 *
 * One row per class: usable bandwidth of one link, one-way latency of the
 * hop (propagation, scheduling and equipment; serialisation comes from the
 * bandwidth), energy per transported bit, and whether it is a radio access
 * hop (its energy is charged to the IoT device).  Figures come from
 * shared/reference/hardware.md; the [N] tags are its source numbers and E
 * marks an estimate.  The arithmetic behind each energy figure is in the
 * comment above its row.  SI units: bit/s, s, J/bit.
 *
 * Energy conventions:
 *  - Cellular and Wi-Fi use the throughput coefficient alpha_u of Huang et
 *    al. (MobiSys'12) [65][66] (U): P = alpha_u * t_u + beta, so the marginal
 *    energy per uplink bit is alpha_u / 1e6.  Huang fitted alpha at a few
 *    Mb/s; at hundreds of Mb/s it overstates per-bit energy (E caveat).
 *  - Low-power radios: supply (or radiated) TX power divided by the PHY rate.
 *  - Metro and WAN: Aslan et al. [69] give 0.06 kWh/GB for Internet
 *    transmission in 2015, halving about every 2 years.  Brought to 2025
 *    (10 years = 5 halvings): 0.06 / 2^5 = 1.875e-3 kWh/GB
 *    = 1.875e-3 * 3.6e6 J / 8e9 bit = 8.44e-7 J/bit.
 *  - Ethernet, InfiniBand, NVLink, PCIe, USB: small E figures (NIC/PHY plus
 *    switch-port power divided by line rate).
 */
#include "models/links.h"

#include <string.h>

static const CcsLinkClass link_classes[] = {
  /* ---- radio access (wireless = TRUE) ---- */

  /* LoRaWAN EU868 DR5 (SF7, 125 kHz) = 5 470 b/s [53][54].  Latency: preamble,
   * gateway backhaul and network-server de-duplication, lower end of the
   * 0.1-2 s range (E).  Energy: SX127x-class TX at +14 dBm draws about
   * 40 mA at 3.3 V = 0.132 W (E); 0.132 W / 5 470 b/s = 2.41e-5 J/bit. */
  { "lora", "LoRaWAN EU868 DR5 (SF7/125 kHz), 5.5 kb/s", 5470.0, 0.1, 2.41e-5, TRUE,
    "[53] TTN EU868 / [54] LoRaWAN RP v1.0.3revA; latency and TX power E" },

  /* BLE 5 on the 1M PHY = 1 Mb/s [55].  Latency: half of a 30 ms connection
   * interval (intervals range 7.5 ms-4 s [56][57]) = 15 ms (E).  Energy:
   * TX 8.55 mA at 3 V = 25.65 mW [57]; 25.65e-3 W / 1e6 b/s = 2.57e-8 J/bit. */
  { "ble", "Bluetooth LE 5, 1M PHY", 1.0e6, 0.015, 2.57e-8, TRUE,
    "[55] TI BLE5 PHY; [56][57] Laird BT900/BL652 (nRF52) TX current; latency E" },

  /* IEEE 802.15.4 / Zigbee at 2.4 GHz = 250 kb/s [58].  Latency >= 15 ms
   * [59].  Energy: TX 1-10 mW [60], upper end since radiated power
   * understates supply power (E): 10e-3 W / 250e3 b/s = 4.0e-8 J/bit. */
  { "zigbee", "Zigbee / IEEE 802.15.4 at 2.4 GHz, 250 kb/s", 250.0e3, 0.015, 4.0e-8, TRUE,
    "[58] mymaxlinks; [59] Kunz (Carleton); [60] ebv.com TX power" },

  /* Wi-Fi 5 (802.11ac): real 2x2 client throughput 360 Mb/s [62].  Latency
   * 1-5 ms, take 2 ms (E).  Energy: Huang alpha_u(Wi-Fi) = 283 mW per Mb/s
   * [65][66] (U): 0.283 W / 1e6 b/s = 2.83e-7 J/bit. */
  { "wifi5", "Wi-Fi 5 (802.11ac), 2x2 client, 360 Mb/s real", 360.0e6, 0.002, 2.83e-7, TRUE,
    "[61] techterms; [62] duckware (throughput); [65][66] Huang'12 alpha (U); latency E" },

  /* Wi-Fi 6 (802.11ax): 1.2 Gb/s PHY per stream [61][63]; 2x2 client = 2.4
   * Gb/s PHY, times the 802.11ac real/PHY ratio 360/867 = 0.42 -> 1.0 Gb/s
   * (E).  Latency 2 ms (E).  Energy: same Huang Wi-Fi alpha_u = 2.83e-7
   * J/bit (U; no Wi-Fi 6 figure, overstates at this rate). */
  { "wifi6", "Wi-Fi 6 (802.11ax), 2x2 client, ~1 Gb/s real", 1.0e9, 0.002, 2.83e-7, TRUE,
    "[61] techterms; [63] endlesswiki 802.11ax; real-rate ratio E; [65][66] Huang'12 alpha (U)" },

  /* 4G LTE: measured median uplink 6 Mb/s (downlink 13) [64]; the class uses
   * the uplink since offload traffic leaves the device.  Latency: real RTT
   * 30-70 ms (E) -> 20 ms one-way (E).  Energy: Huang alpha_u(LTE) = 438 mW
   * per Mb/s [65][66] (U): 0.438 W / 1e6 b/s = 4.38e-7 J/bit. */
  { "lte", "4G LTE, measured median uplink 6 Mb/s", 6.0e6, 0.020, 4.38e-7, TRUE,
    "[64] codeplayon/lteguide (rates); [65][66] Huang'12 alpha (U); latency E" },

  /* 5G eMBB: user-experienced rate 100 Mb/s down / 50 Mb/s up (ITU-R
   * M.2410) [67]; uplink used, as for LTE.  Latency: U-plane requirement
   * 4 ms [67].  Energy: no 5G figure; the LTE Huang alpha_u 4.38e-7 J/bit
   * is reused (E). */
  { "5g", "5G NR eMBB, user-experienced uplink 50 Mb/s", 50.0e6, 0.004, 4.38e-7, TRUE,
    "[67] ITU-R M.2410 via Wikipedia IMT-2020; energy = LTE Huang'12 alpha (E)" },

  /* 5G URLLC: U-plane latency 1 ms [67].  Bandwidth: robust low-order
   * modulation, 10 Mb/s (E).  Energy: LTE Huang alpha_u reused (E). */
  { "5g-urllc", "5G NR URLLC, 1 ms user plane, 10 Mb/s", 10.0e6, 0.001, 4.38e-7, TRUE,
    "[67] ITU-R M.2410 via Wikipedia IMT-2020; bandwidth and energy E" },

  /* ---- wired LAN and WAN ---- */

  /* 1 GbE line rate (IEEE 802.3).  Latency: switch hop 0.5-5 us (E), 5 us
   * at 1 Gb/s.  Energy: ~1 W of PHYs + ~1 W switch port per 1 Gb/s (E):
   * 2 W / 1e9 b/s = 2.0e-9 J/bit. */
  { "eth1g", "Gigabit Ethernet, one switch hop", 1.0e9, 5.0e-6, 2.0e-9, FALSE,
    "IEEE 802.3 line rate; latency and energy E" },

  /* 10 GbE.  Latency 2 us (E).  Energy: ~5 W NICs + port per 10 Gb/s (E):
   * 5 W / 1e10 b/s = 5.0e-10 J/bit. */
  { "eth10g", "10 Gigabit Ethernet, one switch hop", 10.0e9, 2.0e-6, 5.0e-10, FALSE,
    "IEEE 802.3 line rate; latency and energy E" },

  /* 100 GbE.  Latency 1 us (E).  Energy: ~20 W NICs + port per 100 Gb/s
   * (E): 20 W / 1e11 b/s = 2.0e-10 J/bit. */
  { "eth100g", "100 Gigabit Ethernet, one switch hop", 100.0e9, 1.0e-6, 2.0e-10, FALSE,
    "IEEE 802.3 line rate; latency and energy E" },

  /* Metro fibre, ~100 km (E).  Latency: 4.9 us/km [68] x 100 km = 0.49 ms
   * + 0.5 ms equipment (E) = 1 ms.  Bandwidth: a 10 Gb/s wave (E).
   * Energy: the Aslan 2025 figure 8.44e-7 J/bit covers a whole Internet
   * path; a metro segment is taken as half of it (E): 4.22e-7 J/bit. */
  { "metro", "metro fibre, ~100 km, 10 Gb/s", 10.0e9, 1.0e-3, 4.22e-7, FALSE,
    "[68] mapyourtech 5-us rule; [69] Aslan et al. extrapolated to 2025, half path (E); distance "
    "E" },

  /* Long-haul WAN, ~1 000 km (E).  Latency: 4.9 us/km [68] x 1 000 km =
   * 4.9 ms + 2 ms routers (E) = 6.9 ms.  Bandwidth 1 Gb/s per flow (E).
   * Energy: Aslan 0.06 kWh/GB (2015) [69] / 2^5 (2025) = 8.44e-7 J/bit. */
  { "wan", "long-haul Internet WAN, ~1000 km, 1 Gb/s", 1.0e9, 6.9e-3, 8.44e-7, FALSE,
    "[68] mapyourtech 5-us rule; [69] Aslan et al. 0.06 kWh/GB 2015, halved 5x to 2025; distance "
    "and rate E" },

  /* ---- HPC and device fabrics ---- */

  /* InfiniBand NDR: 400 Gb/s per port [70][71].  Latency: switch port to
   * port <150-330 ns [70][71], take 330 ns + ~0.3 us for the two HCAs (E)
   * = 0.63 us.  Energy: ~25 W per 400 Gb/s HCA pair + switch share (E)
   * -> 1.0e-10 J/bit. */
  { "infiniband", "InfiniBand NDR, 400 Gb/s port", 400.0e9, 0.63e-6, 1.0e-10, FALSE,
    "[70] router-switch.com; [71] yobitel.com; HCA latency and energy E" },

  /* NVLink 4 (H100): 900 GB/s per GPU, both directions together [28] ->
   * 450 GB/s one way = 3.6e12 b/s.  Latency sub-us, 0.5 us (E).  Energy:
   * a few pJ/bit on-board SerDes (E): 4e-12 J/bit. */
  { "nvlink4", "NVLink 4 (H100), 450 GB/s each way", 3.6e12, 0.5e-6, 4.0e-12, FALSE,
    "[28] glennklockwood H100; latency and energy E" },

  /* NVLink 3 (A100): 600 GB/s per GPU both ways [25] -> 300 GB/s one way =
   * 2.4e12 b/s.  Latency 0.5 us (E).  Energy 5e-12 J/bit (E). */
  { "nvlink3", "NVLink 3 (A100), 300 GB/s each way", 2.4e12, 0.5e-6, 5.0e-12, FALSE,
    "[25] glennklockwood A100; latency and energy E" },

  /* PCIe Gen4 x16: 32 GB/s each way [25] = 2.56e11 b/s.  Latency 1 us (E).
   * Energy ~10 pJ/bit (E). */
  { "pcie4", "PCIe Gen4 x16 host link, 32 GB/s each way", 2.56e11, 1.0e-6, 1.0e-11, FALSE,
    "[25] glennklockwood A100; latency and energy E" },

  /* PCIe Gen5 x16: 128 GB/s both ways [28] -> 64 GB/s one way = 5.12e11
   * b/s.  Latency 1 us (E).  Energy ~10 pJ/bit (E). */
  { "pcie5", "PCIe Gen5 x16 host link, 64 GB/s each way", 5.12e11, 1.0e-6, 1.0e-11, FALSE,
    "[28] glennklockwood H100; latency and energy E" },

  /* USB 3 (5 Gb/s) host link of the Coral and NCS2 sticks [17]; 8b/10b
   * coding leaves 4 Gb/s.  Latency: 125 us microframe scheduling (E).
   * Energy: ~0.4 W of controller and PHY at 4 Gb/s (E) -> 1.0e-10 J/bit. */
  { "usb3", "USB 3 Gen 1 accelerator link, 4 Gb/s usable", 4.0e9, 125.0e-6, 1.0e-10, FALSE,
    "[17] applied-ee Coral (5 Gb/s); coding overhead, latency and energy E" },

  /* ---- tests ---- */

  /* Ideal link for tests: effectively infinite bandwidth, no latency, no
   * energy. */
  { "ideal", "ideal link for tests (1e15 b/s, 0 s, 0 J/bit)", 1.0e15, 0.0, 0.0, FALSE,
    "synthetic" },
};

const CcsLinkClass *
ccs_link_classes (gsize *n_out)
{
  if (n_out != NULL)
    *n_out = G_N_ELEMENTS (link_classes);
  return link_classes;
}

const CcsLinkClass *
ccs_link_class_lookup (const char *name)
{
  if (name == NULL)
    return NULL;
  for (gsize i = 0; i < G_N_ELEMENTS (link_classes); i++)
    if (strcmp (link_classes[i].name, name) == 0)
      return &link_classes[i];
  return NULL;
}
