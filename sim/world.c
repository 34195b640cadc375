/* world.c — expanding a scenario into nodes and devices (world.h). */
#include "sim/world.h"

#include <string.h>

static void
node_clear (gpointer p)
{
  g_free (((CcsWorldNode *) p)->name);
}
static void
dev_clear (gpointer p)
{
  g_free (((CcsWorldDevice *) p)->host);
}

void
ccs_world_free (CcsWorld *w)
{
  if (!w)
    return;
  ccs_topology_free (w->topo);
  g_clear_pointer (&w->nodes, g_array_unref);
  g_clear_pointer (&w->devices, g_array_unref);
  g_clear_pointer (&w->site_servers, g_ptr_array_unref);
  g_clear_pointer (&w->site_devices, g_ptr_array_unref);
  g_free (w);
}

static guint8
precisions_of (const CcsHwProfile *p)
{
  guint8 m = 0;
  for (int q = 0; q < CCS_PREC_N; q++)
    if (ccs_hw_effective_peak (p, q) > 0)
      m |= 1u << q;
  return m;
}

static void
add_device (CcsWorld *w, CcsWorldNode *n, guint node_id, char *host, const CcsHwProfile *p,
            guint slots, gboolean ps, guint queue_limit, guint pstate)
{
  CcsWorldDevice d = { host,
                       node_id,
                       p,
                       ps ? 1 : (slots ? slots : p->slots),
                       ps,
                       ps ? 0 : queue_limit,
                       p->n_pstates ? pstate : 0,
                       0,
                       MAX (p->n_pstates, 1) };
  g_array_append_val (w->devices, d);
  guint32 di = w->devices->len - 1;
  g_array_append_val ((GArray *) w->site_devices->pdata[n->site], di);
  n->n_dev++;
  n->precisions |= precisions_of (p);
}

static CcsWorld *
name_clash (GError **error, CcsLoc loc, const char *kind, const char *group, const char *name)
{
  g_set_error (error, CCS_SCENARIO_ERROR, CCS_SCENARIO_ERROR_VALUE,
               "%s:%d: [%s %s] the generated name '%s' is already taken by "
               "another group; rename one of them",
               loc.file, loc.line, kind, group, name);
  return NULL;
}

CcsWorld *
ccs_world_build (const CcsScenario *s, GError **error)
{
  g_autoptr (CcsWorld) w = g_new0 (CcsWorld, 1);
  w->scenario = s;
  w->topo = ccs_topology_build (s, error);
  if (!w->topo)
    return NULL;
  w->nodes = g_array_new (FALSE, TRUE, sizeof (CcsWorldNode));
  g_array_set_clear_func (w->nodes, node_clear);
  w->devices = g_array_new (FALSE, TRUE, sizeof (CcsWorldDevice));
  g_array_set_clear_func (w->devices, dev_clear);
  guint ns = w->topo->sites->len;
  w->site_servers = g_ptr_array_new_with_free_func ((GDestroyNotify) g_array_unref);
  w->site_devices = g_ptr_array_new_with_free_func ((GDestroyNotify) g_array_unref);
  for (guint i = 0; i < ns; i++)
    {
      g_ptr_array_add (w->site_servers, g_array_new (FALSE, FALSE, sizeof (guint32)));
      g_ptr_array_add (w->site_devices, g_array_new (FALSE, FALSE, sizeof (guint32)));
    }

  guint dev = 0;
  for (guint gi = 0; gi < s->iot->len; gi++)
    {
      const CcsIotGroup *g = s->iot->pdata[gi];
      for (guint k = 0; k < g->count; k++, dev++)
        {
          CcsWorldNode n = { 0 };
          n.name = g->count > 1 ? g_strdup_printf ("%s-%u", g->name, k) : g_strdup (g->name);
          n.tier = CCS_TIER_IOT;
          n.site = w->topo->iot_site[dev];
          n.group = gi;
          n.first_dev = w->devices->len;
          n.domain = g->domain;
          n.provider = "own";
          n.link = g->link;
          /* An IoT device runs one task at a time on the whole device (an
           * on-device inference uses every core), whatever the profile's
           * server-style slot count says. */
          add_device (w, &n, w->nodes->len, g_strdup (n.name), g->profile, 1, FALSE, 0, 0);
          g_array_append_val (w->nodes, n);
        }
    }
  w->n_iot = w->nodes->len;

  for (guint si = 0; si < ns; si++)
    {
      const CcsSite *site = w->topo->sites->pdata[si];
      const CcsSiteGroup *sg = s->sites->pdata[site->group];
      for (guint gi = 0; gi < s->nodes->len; gi++)
        {
          const CcsNodeGroup *ng = s->nodes->pdata[gi];
          if (ng->site_group != site->group)
            continue;
          for (guint k = 0; k < ng->count; k++)
            {
              CcsWorldNode n = { 0 };
              guint id = w->nodes->len;
              n.name = g_strdup_printf ("%s.%s%u", site->name, ng->name, k);
              n.tier = site->tier;
              n.site = si;
              n.group = gi;
              n.first_dev = w->devices->len;
              n.domain = sg->domain;
              n.provider = sg->provider;
              n.link = sg->lan;
              guint d = 0;
              for (guint j = 0; j < ng->devices->len; j++)
                {
                  const CcsDeviceSpec *spec = &g_array_index (ng->devices, CcsDeviceSpec, j);
                  for (guint c = 0; c < spec->count; c++, d++)
                    {
                      add_device (w, &n, id, g_strdup_printf ("%s.d%u", n.name, d), spec->profile,
                                  ng->slots, ng->queue == CCS_QUEUE_PS, ng->queue_limit,
                                  ng->pstate);
                      CcsWorldDevice *nd = CCS_WORLD_DEVICE (w, w->devices->len - 1);
                      if (nd->profile->power_sleep_w > 0)
                        nd->sleep_after_s = ng->sleep_after_s;
                    }
                }
              g_array_append_val (w->nodes, n);
              g_array_append_val ((GArray *) w->site_servers->pdata[si], id);
            }
        }
    }
  /* Generated names must be unique: "e-1" is both site 1 of group e and
   * the site of a group named e-1; "e.n11" both node 11 of group n and
   * node 1 of group n1.  Report the second group that makes a name. */
  g_autoptr (GHashTable) seen = g_hash_table_new (g_str_hash, g_str_equal);
  for (guint i = 0; i < ns; i++)
    {
      const CcsSite *site = w->topo->sites->pdata[i];
      const CcsSiteGroup *sg = s->sites->pdata[site->group];
      if (!g_hash_table_add (seen, site->name))
        return name_clash (error, sg->loc, "Site", sg->name, site->name);
    }
  for (guint i = 0; i < w->nodes->len; i++)
    {
      const CcsWorldNode *n = CCS_WORLD_NODE (w, i);
      const CcsLoc *loc = n->tier == CCS_TIER_IOT
                              ? &((CcsIotGroup *) s->iot->pdata[n->group])->loc
                              : &((CcsNodeGroup *) s->nodes->pdata[n->group])->loc;
      const char *gname = n->tier == CCS_TIER_IOT
                              ? ((CcsIotGroup *) s->iot->pdata[n->group])->name
                              : ((CcsNodeGroup *) s->nodes->pdata[n->group])->name;
      const char *kind = n->tier == CCS_TIER_IOT ? "IoT" : "Node";
      if (!g_hash_table_add (seen, n->name))
        return name_clash (error, *loc, kind, gname, n->name);
      for (guint k = 0; k < n->n_dev; k++)
        {
          const CcsWorldDevice *d = CCS_WORLD_DEVICE (w, n->first_dev + k);
          if (strcmp (d->host, n->name) != 0 && !g_hash_table_add (seen, d->host))
            return name_clash (error, *loc, kind, gname, d->host);
        }
    }
  return g_steal_pointer (&w);
}

/* ---- SimGrid platform XML ---- */

static void
fmt_bw (char *buf, gsize n, double bps)
{
  g_ascii_formatd (buf, n, "%.17g", bps);
}

static void
write_link (FILE *out, const char *indent, const char *id, double bps, double lat_s)
{
  char b[64], l[64];
  fmt_bw (b, sizeof b, bps);
  g_ascii_formatd (l, sizeof l, "%.17g", lat_s);
  fprintf (out, "%s<link id=\"%s\" bandwidth=\"%sbps\" latency=\"%ss\"/>\n", indent, id, b, l);
}

gboolean
ccs_platform_write (const CcsWorld *w, FILE *out, GError **error)
{
  const CcsTopology *t = w->topo;
  guint ns = t->sites->len;
  fprintf (out,
           "<?xml version='1.0'?>\n"
           "<!DOCTYPE platform SYSTEM \"https://simgrid.org/simgrid.dtd\">\n"
           "<!-- Generated by ccsim from %s (sha256 %s).\n"
           "     Host speed is normalised to 1 Gf: an execution of x flops\n"
           "     lasts x/1e9 s, the roofline time computed by ccsim. -->\n"
           "<platform version=\"4.1\">\n"
           "<zone id=\"world\" routing=\"Full\">\n",
           w->scenario->path, w->scenario->sha256);
  /* Every device's private link is declared in a first child zone of its
   * own: SimGrid resolves a link name from the top zone down through the
   * children in order, so links kept inside 500 site zones made loading
   * 100k devices quadratic (51 s).  (The DTD wants child zones before the
   * links of a zone, so they cannot sit in the top zone itself.) */
  fprintf (out, "  <zone id=\"z:private-links\" routing=\"None\">\n");
  for (guint i = 0; i < w->devices->len; i++)
    {
      const CcsWorldDevice *d = CCS_WORLD_DEVICE (w, i);
      const CcsWorldNode *n = CCS_WORLD_NODE (w, d->node);
      g_autofree char *lid = g_strconcat ("l:", d->host, NULL);
      write_link (out, "    ", lid, n->link->bandwidth_bps, n->link->latency_s);
    }
  fprintf (out, "  </zone>\n");
  for (guint si = 0; si < ns; si++)
    {
      const CcsSite *site = t->sites->pdata[si];
      const CcsSiteGroup *sg = w->scenario->sites->pdata[site->group];
      fprintf (out, "  <zone id=\"z:%s\" routing=\"Cluster\">\n", site->name);
      fprintf (out, "    <router id=\"gw:%s\"/>\n", site->name);
      char b[64], l[64];
      fmt_bw (b, sizeof b, sg->lan->bandwidth_bps);
      g_ascii_formatd (l, sizeof l, "%.17g", sg->lan->latency_s);
      fprintf (out, "    <backbone id=\"bb:%s\" bandwidth=\"%sbps\" latency=\"%ss\"/>\n",
               site->name, b, l);
      GArray *devs = w->site_devices->pdata[si];
      for (guint k = 0; k < devs->len; k++)
        {
          const CcsWorldDevice *d = CCS_WORLD_DEVICE (w, g_array_index (devs, guint32, k));
          /* One SimGrid pstate per DVFS state: the power of each; the speed
           * stays 1 Gf because the roofline already timed the task at its
           * state (memory-bound work does not slow with the clock). */
          char idle[64], peak[64];
          g_ascii_formatd (idle, sizeof idle, "%.17g", d->profile->power_idle_w);
          GString *speed = g_string_new ("1Gf"), *watts = g_string_new (NULL);
          guint ns = MAX (d->profile->n_pstates, 1);
          for (guint k = 0; k < ns; k++)
            {
              g_ascii_formatd (peak, sizeof peak, "%.17g", ccs_hw_pstate_peak_w (d->profile, k));
              if (k)
                g_string_append (speed, ",1Gf");
              g_string_append_printf (watts, "%s%s:%s:%s", k ? "," : "", idle, idle, peak);
            }
          /* A device that can sleep: one more state, drawing its sleep power. */
          if (d->profile->power_sleep_w > 0)
            {
              char sl[64];
              g_ascii_formatd (sl, sizeof sl, "%.17g", d->profile->power_sleep_w);
              g_string_append (speed, ",1Gf");
              g_string_append_printf (watts, ",%s:%s:%s", sl, sl, sl);
            }
          fprintf (out,
                   "    <host id=\"%s\" speed=\"%s\" pstate=\"%u\" core=\"%u\">\n"
                   "      <prop id=\"wattage_per_state\" value=\"%s\"/>\n"
                   "      <prop id=\"wattage_off\" value=\"0\"/>\n"
                   "    </host>\n",
                   d->host, speed->str, d->pstate, d->slots, watts->str);
          g_string_free (speed, TRUE);
          g_string_free (watts, TRUE);
          fprintf (out, "    <host_link id=\"%s\" up=\"l:%s\" down=\"l:%s\"/>\n", d->host, d->host,
                   d->host);
        }
      fprintf (out, "  </zone>\n");
    }
  for (guint i = 0; i < t->links->len; i++)
    {
      const CcsTopoLink *l = &g_array_index (t->links, CcsTopoLink, i);
      g_autofree char *id = g_strdup_printf ("t%u", i);
      write_link (out, "  ", id, l->bandwidth_bps, l->latency_s);
    }
  for (guint a = 0; a < ns; a++)
    for (guint b = a + 1; b < ns; b++)
      {
        const CcsRoute *r = ccs_topology_route (t, a, b);
        const char *na = ((CcsSite *) t->sites->pdata[a])->name;
        const char *nb = ((CcsSite *) t->sites->pdata[b])->name;
        fprintf (out,
                 "  <zoneRoute src=\"z:%s\" dst=\"z:%s\" gw_src=\"gw:%s\" "
                 "gw_dst=\"gw:%s\">",
                 na, nb, na, nb);
        /* The route was recorded from b back to a: list it from a. */
        for (guint k = r->n; k-- > 0;)
          fprintf (out, "<link_ctn id=\"t%u\"/>",
                   g_array_index (t->route_links, guint32, r->first + k));
        fprintf (out, "</zoneRoute>\n");
      }
  fprintf (out, "</zone>\n</platform>\n");
  if (ferror (out))
    {
      g_set_error (error, G_FILE_ERROR, G_FILE_ERROR_IO, "cannot write the platform");
      return FALSE;
    }
  return TRUE;
}
