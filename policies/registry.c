/* registry.c — the table of placement policies (policy.h).
 * A short array in registration order: a scenario names one policy, so a
 * linear lookup is all it needs. */
#include "policies/policy.h"

#include <math.h>
#include <string.h>

G_DEFINE_QUARK (ccs - policy - error - quark, ccs_policy_error)

static GPtrArray *registry;

static const CcsPlacementOps *
find (const char *name)
{
  for (guint i = 0; registry && i < registry->len; i++)
    {
      const CcsPlacementOps *o = registry->pdata[i];
      if (strcmp (o->name, name) == 0)
        return o;
    }
  return NULL;
}

static gboolean register_one (const CcsPlacementOps *ops, GError **error);

gboolean
ccs_policy_register (const CcsPlacementOps *ops, GError **error)
{
  g_return_val_if_fail (ops != NULL, FALSE);
  /* Built-ins first, so that a plug-in cannot take a built-in's name. */
  ccs_policy_register_builtins ();
  return register_one (ops, error);
}

/* For the built-in list only (see builtin.c). */
gboolean
ccs_policy_register_internal (const CcsPlacementOps *ops, GError **error)
{
  return register_one (ops, error);
}

static gboolean
register_one (const CcsPlacementOps *ops, GError **error)
{
  if (!registry)
    registry = g_ptr_array_new ();
  if (ops->abi != CCS_POLICY_ABI)
    {
      g_set_error (error, CCS_POLICY_ERROR, CCS_POLICY_ERROR_REGISTRY,
                   "policy '%s': ABI %u, expected %u", ops->name ? ops->name : "?", ops->abi,
                   CCS_POLICY_ABI);
      return FALSE;
    }
  if (!ops->name || !*ops->name || !ops->place)
    {
      g_set_error (error, CCS_POLICY_ERROR, CCS_POLICY_ERROR_REGISTRY,
                   "policy '%s': a name and a place() operation are required",
                   ops->name ? ops->name : "?");
      return FALSE;
    }
  if (find (ops->name))
    {
      g_set_error (error, CCS_POLICY_ERROR, CCS_POLICY_ERROR_REGISTRY,
                   "policy '%s' is already registered", ops->name);
      return FALSE;
    }
  g_ptr_array_add (registry, (gpointer) ops);
  return TRUE;
}

const CcsPlacementOps *
ccs_policy_lookup (const char *name)
{
  ccs_policy_register_builtins ();
  return find (name);
}

const CcsPlacementOps *const *
ccs_policy_list (guint *n_out)
{
  ccs_policy_register_builtins ();
  *n_out = registry->len;
  return (const CcsPlacementOps *const *) registry->pdata;
}

char *
ccs_policy_names (void)
{
  guint n;
  const CcsPlacementOps *const *l = ccs_policy_list (&n);
  GString *s = g_string_new (NULL);
  for (guint i = 0; i < n; i++)
    g_string_append_printf (s, "%s%s", i ? ", " : "", l[i]->name);
  return g_string_free (s, FALSE);
}

/* Candidates are visited from the nearest outwards and the search stops
 * once even the round-trip latency of the next one exceeds the best total
 * found: nothing farther can finish earlier.  Ties go to the lower node
 * id, so the choice is the same as a scan of every candidate in id order.
 * Time: O(k) estimates for the k nearest candidates, O(n) at worst. */
CcsNodeId
ccs_policy_best_by_estimate (const CcsView *v, const CcsTask *t,
                             gboolean (*filter) (const CcsView *, const CcsTask *, CcsNodeId))
{
  guint n;
  const CcsNodeId *c = ccs_view_candidates_by_latency (v, ccs_view_home_site (v, t->source), &n);
  CcsNodeId best = CCS_NODE_NONE;
  double best_t = INFINITY;
  for (guint i = 0; i < n; i++)
    {
      if (ccs_view_latency_bound (v, t, c[i]) > best_t)
        break;
      if (filter && !filter (v, t, c[i]))
        continue;
      CcsEstimate e;
      if (ccs_view_estimate (v, t, c[i], &e)
          && (e.total_s < best_t || (e.total_s == best_t && c[i] < best)))
        {
          best_t = e.total_s;
          best = c[i];
        }
    }
  return best;
}

gboolean
ccs_policy_option_bool (CcsIniGroup *g, const char *key, gboolean *out, GError **error)
{
  CcsIniEntry *e = g ? ccs_ini_entry (g, key) : NULL;
  if (!e)
    return TRUE;
  e->used = TRUE;
  if (!g_ascii_strcasecmp (e->value, "true"))
    *out = TRUE;
  else if (!g_ascii_strcasecmp (e->value, "false"))
    *out = FALSE;
  else
    {
      g_set_error (error, CCS_POLICY_ERROR, CCS_POLICY_ERROR_CONFIG,
                   "%s:%d: [Placement] %s: '%s' is not a boolean (true or false)", e->file, e->line,
                   key, e->value);
      return FALSE;
    }
  return TRUE;
}

gboolean
ccs_policy_option_double (CcsIniGroup *g, const char *key, double min, double *out, GError **error)
{
  CcsIniEntry *e = g ? ccs_ini_entry (g, key) : NULL;
  if (!e)
    return TRUE;
  e->used = TRUE;
  char *end;
  double v = g_ascii_strtod (e->value, &end);
  if (end == e->value || *end || !isfinite (v) || v < min)
    {
      g_set_error (error, CCS_POLICY_ERROR, CCS_POLICY_ERROR_CONFIG,
                   "%s:%d: [Placement] %s: '%s' is not a number ≥ %g", e->file, e->line, key,
                   e->value, min);
      return FALSE;
    }
  *out = v;
  return TRUE;
}

CcsNodeId
ccs_policy_prefer_local (const CcsView *v, const CcsTask *t, CcsNodeId best)
{
  CcsEstimate eb, el;
  if (ccs_view_estimate (v, t, t->source, &el)
      && (best == CCS_NODE_NONE
          || (ccs_view_estimate (v, t, best, &eb) && el.total_s < eb.total_s)))
    return t->source;
  return best;
}
