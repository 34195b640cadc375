/* test-topology.c — the site graphs igraph builds, their routes and the
 * attachment of IoT devices, checked against their definitions. */
#include <math.h>
#include <string.h>

#include "sim/topology.h"
#include "tests/testutil.h"

/* @n_edge edge sites and one cloud region, under @topology. */
static CcsTopology *
build (const char *name, const char *topology, guint n_edge, const char *iot_extra)
{
  g_autofree char *text = g_strdup_printf ("[Run]\nduration = 10 s\nseed = 3\n\n%s\n"
                                           "[Site edge]\ntier = edge\ncount = %u\n\n"
                                           "[Site cloud]\ntier = cloud\ndistance = 500 km\n\n"
                                           "[Node n]\nsite = edge\ndevices = rpi4\n\n"
                                           "[App a]\nflops = 1 GFLOP\n\n"
                                           "[IoT cams]\ncount = 100\nprofile = rpi4\napp = a\n%s",
                                           topology, n_edge, iot_extra ? iot_extra : "");
  g_autofree char *path = ccs_test_write (name, text);
  g_autoptr (GError) error = NULL;
  g_autoptr (CcsScenario) s = ccs_scenario_load (path, NULL, NULL, &error);
  g_assert_no_error (error);
  CcsTopology *t = ccs_topology_build (s, &error);
  g_assert_no_error (error);
  g_assert_nonnull (t);
  /* The scenario is freed: keep only what does not point into it. */
  return t;
}

static guint
degree (const CcsTopology *t, guint v)
{
  guint d = 0;
  for (guint i = 0; i < t->links->len; i++)
    {
      const CcsTopoLink *l = &g_array_index (t->links, CcsTopoLink, i);
      d += (l->a == v) + (l->b == v);
    }
  return d;
}

static gboolean
linked (const CcsTopology *t, guint a, guint b)
{
  for (guint i = 0; i < t->links->len; i++)
    {
      const CcsTopoLink *l = &g_array_index (t->links, CcsTopoLink, i);
      if ((l->a == a && l->b == b) || (l->a == b && l->b == a))
        return TRUE;
    }
  return FALSE;
}

/* Routes: symmetric, their sums are the sums of their links, and no
 * route is slower than a direct link between the same sites. */
static void
check_routes (const CcsTopology *t)
{
  guint ns = t->sites->len;
  for (guint a = 0; a < ns; a++)
    for (guint b = 0; b < ns; b++)
      {
        if (a == b)
          continue;
        const CcsRoute *r = ccs_topology_route (t, a, b);
        const CcsRoute *back = ccs_topology_route (t, b, a);
        g_assert_cmpfloat (r->latency_s, ==, back->latency_s);
        g_assert_cmpuint (r->n, >=, 1);
        double lat = 0, jpb = 0, bw = INFINITY;
        for (guint k = 0; k < r->n; k++)
          {
            const CcsTopoLink *l = &g_array_index (
                t->links, CcsTopoLink, g_array_index (t->route_links, guint32, r->first + k));
            lat += l->latency_s;
            jpb += l->j_per_bit;
            bw = MIN (bw, l->bandwidth_bps);
          }
        ccs_test_assert_rel (r->latency_s, lat);
        ccs_test_assert_rel (r->j_per_bit, jpb);
        g_assert_cmpfloat (r->bandwidth_bps, ==, bw);
        for (guint i = 0; i < t->links->len; i++)
          {
            const CcsTopoLink *l = &g_array_index (t->links, CcsTopoLink, i);
            if ((l->a == a + 1 && l->b == b + 1) || (l->a == b + 1 && l->b == a + 1))
              g_assert_cmpfloat (r->latency_s, <=, l->latency_s * (1 + 1e-12));
          }
      }
}

static void
test_star (void)
{
  g_autoptr (CcsTopology) t
      = build ("star.ini", "[Topology]\nmodel = star\narea = 100 km\n", 8, NULL);
  /* Every site, edge and cloud, hangs off the core. */
  g_assert_cmpuint (t->sites->len, ==, 9);
  g_assert_cmpuint (t->links->len, ==, 9);
  g_assert_cmpuint (degree (t, 0), ==, 9);
  const CcsLinkClass *metro = ccs_link_class_lookup ("metro");
  const CcsLinkClass *wan = ccs_link_class_lookup ("wan");
  for (guint i = 0; i < t->links->len; i++)
    {
      const CcsTopoLink *l = &g_array_index (t->links, CcsTopoLink, i);
      const CcsSite *s = t->sites->pdata[l->b - 1];
      if (s->tier == CCS_TIER_CLOUD)
        ccs_test_assert_rel (l->latency_s, wan->latency_s + 500e3 * CCS_FIBRE_S_PER_M);
      else
        {
          /* Fibre over the straight line to the core at the centre. */
          double d = hypot (s->x_m - 50e3, s->y_m - 50e3);
          ccs_test_assert_rel (l->latency_s, metro->latency_s + d * CCS_FIBRE_S_PER_M);
        }
    }
  check_routes (t);
}

static void
test_tree (void)
{
  g_autoptr (CcsTopology) t
      = build ("tree.ini", "[Topology]\nmodel = tree\ntree_children = 3\n", 10, NULL);
  /* 11 vertices in a 3-ary tree: 10 links, the core has 3 children, plus
   * the cloud's uplink. */
  g_assert_cmpuint (t->links->len, ==, 10 + 1);
  g_assert_cmpuint (degree (t, 0), ==, 3 + 1);
  check_routes (t);
}

static void
test_ba (void)
{
  g_autoptr (CcsTopology) t = build ("ba.ini", "[Topology]\nmodel = ba\nba_m = 2\n", 10, NULL);
  /* Barabási–Albert on 11 vertices: vertex i adds min(i, 2) links:
   * 1 + 2·9 = 19, plus the cloud's uplink. */
  g_assert_cmpuint (t->links->len, ==, 19 + 1);
  check_routes (t);
}

static void
test_geometric (void)
{
  g_autoptr (CcsTopology) t
      = build ("geo.ini", "[Topology]\nmodel = geometric\nradius = 0.5\narea = 40 km\n", 12, NULL);
  /* Edge sites are linked exactly when closer than radius × side. */
  for (guint a = 0; a < t->sites->len; a++)
    for (guint b = a + 1; b < t->sites->len; b++)
      {
        const CcsSite *sa = t->sites->pdata[a], *sb = t->sites->pdata[b];
        if (sa->tier != CCS_TIER_EDGE || sb->tier != CCS_TIER_EDGE)
          continue;
        double d = hypot (sa->x_m - sb->x_m, sa->y_m - sb->y_m);
        g_assert_cmpint (linked (t, a + 1, b + 1), ==, d < 0.5 * 40e3);
      }
  /* The core joins one edge site, and the cloud. */
  g_assert_cmpuint (degree (t, 0), ==, 2);
  check_routes (t);
}

static void
test_waxman (void)
{
  g_autoptr (CcsTopology) t = build (
      "waxman.ini", "[Topology]\nmodel = waxman\nwaxman_alpha = 2\nwaxman_beta = 1\n", 10, NULL);
  check_routes (t);
  g_assert_cmpuint (t->links->len, >=, 10 + 1);
}

static void
test_attach_even (void)
{
  g_autoptr (CcsTopology) t
      = build ("even.ini", "[Topology]\nmodel = star\n", 8, "attach = even\n");
  /* 100 devices over 8 edge sites in turn: 13 or 12 each. */
  guint count[9] = { 0 };
  g_assert_cmpuint (t->n_iot, ==, 100);
  for (guint i = 0; i < t->n_iot; i++)
    {
      g_assert_cmpuint (t->iot_site[i], <, 9);
      g_assert_cmpint (((CcsSite *) t->sites->pdata[t->iot_site[i]])->tier, ==, CCS_TIER_EDGE);
      count[t->iot_site[i]]++;
    }
  for (guint s = 0; s < 8; s++)
    g_assert_cmpuint (count[s], ==, s < 4 ? 13 : 12);
}

int
main (int argc, char **argv)
{
  g_test_init (&argc, &argv, NULL);
  g_test_summary ("Generated topologies, routes and IoT attachment");
  g_test_add_func ("/topology/star", test_star);
  g_test_add_func ("/topology/tree", test_tree);
  g_test_add_func ("/topology/ba", test_ba);
  g_test_add_func ("/topology/geometric", test_geometric);
  g_test_add_func ("/topology/waxman", test_waxman);
  g_test_add_func ("/topology/attach-even", test_attach_even);
  return g_test_run ();
}
