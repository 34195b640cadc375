/* topology.c — building the site graph with igraph (topology.h).
 *
 * igraph's default error handler aborts; it is replaced by the "ignore"
 * handler and every return code is turned into a GError here.  igraph's
 * random generator is seeded from the run seed so that generated graphs
 * are reproducible.  Time: O(S·(S + L) log S) for S sites and L links
 * (one Dijkstra per site), O(D·S) for attaching D devices.
 */
#include "sim/topology.h"

#include <gsl/gsl_randist.h>
#include <igraph/igraph.h>
#include <math.h>
#include <string.h>

#include "sim/rng.h"

static void
site_free (gpointer p)
{
  CcsSite *s = p;
  g_free (s->name);
  g_free (s);
}

void
ccs_topology_free (CcsTopology *t)
{
  if (!t)
    return;
  g_ptr_array_unref (t->sites);
  g_array_unref (t->links);
  g_free (t->routes);
  g_array_unref (t->route_links);
  g_free (t->iot_site);
  g_free (t);
}

static gboolean
igraph_fail (GError **error, const CcsScenario *s, igraph_error_t rc, const char *what)
{
  g_set_error (error, CCS_SCENARIO_ERROR, CCS_SCENARIO_ERROR_TOPOLOGY,
               "%s:%d: [Topology] model: %s failed: %s", s->topo.loc.file, s->topo.loc.line, what,
               igraph_strerror (rc));
  return FALSE;
}

static void
add_link (CcsTopology *t, guint a, guint b, const CcsLinkClass *k, double distance_m)
{
  CcsTopoLink l = {
    a, b, k, k->latency_s + distance_m * CCS_FIBRE_S_PER_M, k->bandwidth_bps, k->energy_j_per_bit
  };
  g_array_append_val (t->links, l);
}

static double
vdist (const CcsTopology *t, guint a, guint b, double cx, double cy)
{
  double ax = a ? ((CcsSite *) t->sites->pdata[a - 1])->x_m : cx;
  double ay = a ? ((CcsSite *) t->sites->pdata[a - 1])->y_m : cy;
  double bx = b ? ((CcsSite *) t->sites->pdata[b - 1])->x_m : cx;
  double by = b ? ((CcsSite *) t->sites->pdata[b - 1])->y_m : cy;
  return hypot (ax - bx, ay - by);
}

static gint
site_by_name (const CcsTopology *t, const char *name)
{
  if (strcmp (name, "core") == 0)
    return 0;
  for (guint i = 0; i < t->sites->len; i++)
    if (strcmp (((CcsSite *) t->sites->pdata[i])->name, name) == 0)
      return i + 1;
  return -1;
}

/* Edge and access sites form the generated layer; the others hang off the
 * core through their uplink. */
static gboolean
in_layer (const CcsSite *s)
{
  return s->tier == CCS_TIER_EDGE || s->tier == CCS_TIER_ACCESS;
}

static gboolean
generate_layer (const CcsScenario *s, CcsTopology *t, GArray *layer, gsl_rng *r, GError **error)
{
  const CcsTopologySpec *sp = &s->topo;
  guint n = layer->len;
  double cx = sp->area_m / 2, cy = sp->area_m / 2;
#define V(i) (g_array_index (layer, guint, (i)))
#define UPLINK(v)                                                                                  \
  (((CcsSiteGroup *) s->sites->pdata[((CcsSite *) t->sites->pdata[(v) -1])->group])->uplink)
  if (n == 0)
    return TRUE;
  switch (sp->model)
    {
      case CCS_TOPO_STAR:
        for (guint i = 0; i < n; i++)
          add_link (t, 0, V (i), UPLINK (V (i)), vdist (t, 0, V (i), cx, cy));
        return TRUE;
      case CCS_TOPO_TREE:
      case CCS_TOPO_BA:
        {
          igraph_t g;
          igraph_error_t rc;
          if (sp->model == CCS_TOPO_TREE)
            rc = igraph_kary_tree (&g, n + 1, sp->tree_children, IGRAPH_TREE_UNDIRECTED);
          else
            rc = igraph_barabasi_game (&g, n + 1, 1.0, sp->ba_m, NULL, FALSE, 1.0, FALSE,
                                       IGRAPH_BARABASI_PSUMTREE, NULL);
          if (rc != IGRAPH_SUCCESS)
            return igraph_fail (error, s, rc, "graph generation");
          igraph_integer_t ne = igraph_ecount (&g);
          for (igraph_integer_t e = 0; e < ne; e++)
            {
              guint a = IGRAPH_FROM (&g, e), b = IGRAPH_TO (&g, e);
              guint va = a ? V (a - 1) : 0, vb = b ? V (b - 1) : 0;
              /* Class: the site-side uplink for links to the core, the
               * topology's site link between sites. */
              const CcsLinkClass *k = va == 0 ? UPLINK (vb) : vb == 0 ? UPLINK (va) : sp->site_link;
              add_link (t, va, vb, k, vdist (t, va, vb, cx, cy));
            }
          igraph_destroy (&g);
          return TRUE;
        }
      case CCS_TOPO_GEOMETRIC:
      case CCS_TOPO_WAXMAN:
        {
          double L = sp->area_m * M_SQRT2;
          for (guint i = 0; i < n; i++)
            for (guint j = i + 1; j < n; j++)
              {
                double d = vdist (t, V (i), V (j), cx, cy);
                gboolean link;
                if (sp->model == CCS_TOPO_GEOMETRIC)
                  link = d < sp->radius * sp->area_m;
                else
                  link = gsl_rng_uniform (r) < sp->waxman_beta * exp (-d / (sp->waxman_alpha * L));
                if (link)
                  add_link (t, V (i), V (j), sp->site_link, d);
              }
          /* The core joins the site closest to the centre of the area. */
          guint best = V (0);
          for (guint i = 1; i < n; i++)
            if (vdist (t, 0, V (i), cx, cy) < vdist (t, 0, best, cx, cy))
              best = V (i);
          add_link (t, 0, best, UPLINK (best), vdist (t, 0, best, cx, cy));
          return TRUE;
        }
      case CCS_TOPO_EXPLICIT:
        return TRUE;
    }
#undef V
#undef UPLINK
  return TRUE;
}

static gboolean
explicit_links (const CcsScenario *s, CcsTopology *t, GError **error)
{
  for (guint i = 0; i < s->topo.links->len; i++)
    {
      const CcsExplicitLink *l = &g_array_index (s->topo.links, CcsExplicitLink, i);
      gint a = site_by_name (t, l->a), b = site_by_name (t, l->b);
      if (a < 0 || b < 0 || a == b)
        {
          const CcsLoc *loc = a < 0 ? &l->loc_a : &l->loc_b;
          g_set_error (error, CCS_SCENARIO_ERROR, CCS_SCENARIO_ERROR_TOPOLOGY,
                       "%s:%d: [%s] %s: %s%s%s", loc->file, loc->line, l->name, a < 0 ? "a" : "b",
                       a >= 0 && a == b ? "a link needs two different ends" : "unknown site '",
                       a >= 0 && a == b ? "" : (a < 0 ? l->a : l->b),
                       a >= 0 && a == b ? "" : "' (site names are GROUP or GROUP-i, or core)");
          return FALSE;
        }
      add_link (t, a, b, l->klass, l->distance_m);
    }
  return TRUE;
}

static gboolean
compute_routes (const CcsScenario *s, CcsTopology *t, GError **error)
{
  guint ns = t->sites->len, nv = ns + 1;
  igraph_vector_int_t edges;
  igraph_vector_t w;
  igraph_vector_int_init (&edges, 2 * t->links->len);
  igraph_vector_init (&w, t->links->len);
  for (guint i = 0; i < t->links->len; i++)
    {
      CcsTopoLink *l = &g_array_index (t->links, CcsTopoLink, i);
      VECTOR (edges)[2 * i] = l->a;
      VECTOR (edges)[2 * i + 1] = l->b;
      /* Latency decides; a hop count tie-breaker keeps paths short when
       * links have no latency (the ideal class). */
      VECTOR (w)[i] = l->latency_s + 1e-12;
    }
  igraph_t g;
  igraph_create (&g, &edges, nv, IGRAPH_UNDIRECTED);
  igraph_vector_int_destroy (&edges);

  /* Reachability from the core. */
  igraph_vector_int_t parents, inbound;
  igraph_vector_int_init (&parents, 0);
  igraph_vector_int_init (&inbound, 0);
  t->routes = g_new0 (CcsRoute, (gsize) ns * ns);
  gboolean ok = TRUE;
  for (guint src = 0; src < nv && ok; src++)
    {
      igraph_error_t rc = igraph_get_shortest_paths_dijkstra (
          &g, NULL, NULL, src, igraph_vss_all (), &w, IGRAPH_ALL, &parents, &inbound);
      if (rc != IGRAPH_SUCCESS)
        {
          ok = igraph_fail (error, s, rc, "shortest paths");
          break;
        }
      if (src == 0)
        {
          g_autoptr (GString) lost = g_string_new (NULL);
          guint n_lost = 0;
          for (guint v = 1; v < nv; v++)
            if (VECTOR (parents)[v] < 0)
              {
                if (n_lost++ < 5)
                  g_string_append_printf (lost, "%s%s", lost->len ? ", " : "",
                                          ((CcsSite *) t->sites->pdata[v - 1])->name);
              }
          if (n_lost)
            {
              g_set_error (error, CCS_SCENARIO_ERROR, CCS_SCENARIO_ERROR_TOPOLOGY,
                           "%s:%d: [Topology] model: %u site%s unreachable from the "
                           "core (%s%s); add links or widen the radius",
                           s->topo.loc.file, s->topo.loc.line, n_lost, n_lost > 1 ? "s are" : " is",
                           lost->str, n_lost > 5 ? ", ..." : "");
              ok = FALSE;
            }
          continue;
        }
      for (guint dst = 1; dst < nv; dst++)
        {
          CcsRoute *r = &t->routes[(gsize) (src - 1) * ns + (dst - 1)];
          r->first = t->route_links->len;
          r->bandwidth_bps = INFINITY;
          guint v = dst;
          while (v != src)
            {
              guint32 e = VECTOR (inbound)[v];
              CcsTopoLink *l = &g_array_index (t->links, CcsTopoLink, e);
              g_array_append_val (t->route_links, e);
              r->n++;
              r->latency_s += l->latency_s;
              r->j_per_bit += l->j_per_bit;
              r->bandwidth_bps = MIN (r->bandwidth_bps, l->bandwidth_bps);
              v = l->a == v ? l->b : l->a;
            }
        }
    }
  /* One path per pair of sites, used both ways: SimGrid's symmetric
   * routes run the a→b path backwards for b→a, and with equal-latency
   * ties Dijkstra from b could pick another one. */
  for (guint a = 0; ok && a < ns; a++)
    for (guint b = 0; b < a; b++)
      t->routes[(gsize) a * ns + b] = t->routes[(gsize) b * ns + a];
  igraph_vector_int_destroy (&parents);
  igraph_vector_int_destroy (&inbound);
  igraph_vector_destroy (&w);
  igraph_destroy (&g);
  return ok;
}

static gboolean
attach_iot (const CcsScenario *s, CcsTopology *t, gsl_rng *r, GError **error)
{
  guint total = 0;
  for (guint i = 0; i < s->iot->len; i++)
    total += ((CcsIotGroup *) s->iot->pdata[i])->count;
  t->n_iot = total;
  t->iot_site = g_new (guint32, total);
  g_autoptr (GArray) allowed = g_array_new (FALSE, FALSE, sizeof (guint));
  guint dev = 0;
  for (guint gi = 0; gi < s->iot->len; gi++)
    {
      const CcsIotGroup *g = s->iot->pdata[gi];
      g_array_set_size (allowed, 0);
      for (guint i = 0; i < t->sites->len; i++)
        {
          const CcsSite *site = t->sites->pdata[i];
          const CcsSiteGroup *sg = s->sites->pdata[site->group];
          if (!in_layer (site))
            continue;
          if (g->site_group >= 0 && (guint) g->site_group != site->group)
            continue;
          if (*g->region && strcmp (g->region, sg->region) != 0)
            continue;
          g_array_append_val (allowed, i);
        }
      if (allowed->len == 0)
        {
          g_set_error (error, CCS_SCENARIO_ERROR, CCS_SCENARIO_ERROR_TOPOLOGY,
                       "%s:%d: [IoT %s] %s: no edge or access site to attach "
                       "to%s%s%s",
                       g->region_loc.file, g->region_loc.line, g->name,
                       *g->region           ? "region"
                       : g->site_group >= 0 ? "site"
                                            : "attach",
                       *g->region ? " in region '" : "", g->region, *g->region ? "'" : "");
          return FALSE;
        }
      for (guint k = 0; k < g->count; k++, dev++)
        {
          guint pick = 0;
          switch (g->attach)
            {
              case CCS_ATTACH_EVEN:
                pick = k % allowed->len;
                break;
              case CCS_ATTACH_RANDOM:
                pick = gsl_rng_uniform_int (r, allowed->len);
                break;
              case CCS_ATTACH_NEAREST:
                {
                  double x = gsl_rng_uniform (r) * s->topo.area_m;
                  double y = gsl_rng_uniform (r) * s->topo.area_m;
                  double best = INFINITY;
                  for (guint j = 0; j < allowed->len; j++)
                    {
                      const CcsSite *site = t->sites->pdata[g_array_index (allowed, guint, j)];
                      double d
                          = (site->x_m - x) * (site->x_m - x) + (site->y_m - y) * (site->y_m - y);
                      if (d < best)
                        {
                          best = d;
                          pick = j;
                        }
                    }
                  break;
                }
            }
          t->iot_site[dev] = g_array_index (allowed, guint, pick);
        }
    }
  return TRUE;
}

CcsTopology *
ccs_topology_build (const CcsScenario *s, GError **error)
{
  igraph_set_error_handler (igraph_error_handler_ignore);
  igraph_set_warning_handler (igraph_warning_handler_ignore);
  igraph_rng_seed (igraph_rng_default (), ccs_rng_derive_seed (s->seed, "topology-igraph"));
  g_autoptr (gsl_rng) r = ccs_rng_new (s->seed, "topology");

  g_autoptr (CcsTopology) t = g_new0 (CcsTopology, 1);
  t->sites = g_ptr_array_new_with_free_func (site_free);
  t->links = g_array_new (FALSE, FALSE, sizeof (CcsTopoLink));
  t->route_links = g_array_new (FALSE, FALSE, sizeof (guint32));
  g_autoptr (GArray) layer = g_array_new (FALSE, FALSE, sizeof (guint));
  for (guint gi = 0; gi < s->sites->len; gi++)
    {
      const CcsSiteGroup *sg = s->sites->pdata[gi];
      for (guint k = 0; k < sg->count; k++)
        {
          CcsSite *site = g_new0 (CcsSite, 1);
          site->name = sg->count > 1 ? g_strdup_printf ("%s-%u", sg->name, k) : g_strdup (sg->name);
          site->group = gi;
          site->tier = sg->tier;
          site->x_m = gsl_rng_uniform (r) * s->topo.area_m;
          site->y_m = gsl_rng_uniform (r) * s->topo.area_m;
          g_ptr_array_add (t->sites, site);
          guint v = t->sites->len; /* vertex id */
          if (s->topo.model != CCS_TOPO_EXPLICIT && in_layer (site))
            g_array_append_val (layer, v);
        }
    }
  /* Routes are kept for every pair of sites and written into the
   * platform: sites² entries. */
  if (t->sites->len > CCS_TOPOLOGY_MAX_SITES)
    {
      guint big = 0;
      for (guint gi = 1; gi < s->sites->len; gi++)
        if (((CcsSiteGroup *) s->sites->pdata[gi])->count
            > ((CcsSiteGroup *) s->sites->pdata[big])->count)
          big = gi;
      const CcsSiteGroup *sg = s->sites->pdata[big];
      g_set_error (error, CCS_SCENARIO_ERROR, CCS_SCENARIO_ERROR_TOPOLOGY,
                   "%s:%d: [Site %s] count: %u sites in all, at most %u "
                   "(every pair of sites gets a route)",
                   sg->loc.file, sg->loc.line, sg->name, t->sites->len, CCS_TOPOLOGY_MAX_SITES);
      return NULL;
    }
  if (t->sites->len == 0)
    {
      g_set_error (error, CCS_SCENARIO_ERROR, CCS_SCENARIO_ERROR_TOPOLOGY,
                   "%s:1: [Site] the scenario has no [Site NAME] group", s->path);
      return NULL;
    }
  if (s->topo.model == CCS_TOPO_EXPLICIT)
    {
      if (!explicit_links (s, t, error))
        return NULL;
    }
  else
    {
      if (!generate_layer (s, t, layer, r, error))
        return NULL;
      /* Cloud, private and HPC sites hang off the core. */
      for (guint i = 0; i < t->sites->len; i++)
        {
          CcsSite *site = t->sites->pdata[i];
          if (in_layer (site))
            continue;
          const CcsSiteGroup *sg = s->sites->pdata[site->group];
          add_link (t, 0, i + 1, sg->uplink, sg->distance_m);
        }
    }
  if (!compute_routes (s, t, error))
    return NULL;
  if (!attach_iot (s, t, r, error))
    return NULL;
  return g_steal_pointer (&t);
}
