/* ini.c — the key-file reader described in ini.h.  Time: O(size of files). */
#include "models/ini.h"

#include <string.h>

G_DEFINE_QUARK (ccs - ini - error - quark, ccs_ini_error)

static void
entry_free (gpointer p)
{
  CcsIniEntry *e = p;
  g_free (e->key);
  g_free (e->value);
  g_free (e);
}

static void
group_free (gpointer p)
{
  CcsIniGroup *g = p;
  g_free (g->name);
  g_ptr_array_unref (g->entries);
  g_free (g);
}

void
ccs_ini_free (CcsIni *ini)
{
  if (!ini)
    return;
  g_ptr_array_unref (ini->groups);
  g_ptr_array_unref (ini->files);
  if (ini->resolved)
    g_string_free (ini->resolved, TRUE);
  g_free (ini);
}

CcsIniGroup *
ccs_ini_group (const CcsIni *ini, const char *name)
{
  for (guint i = 0; i < ini->groups->len; i++)
    {
      CcsIniGroup *g = ini->groups->pdata[i];
      if (strcmp (g->name, name) == 0)
        return g;
    }
  return NULL;
}

CcsIniEntry *
ccs_ini_entry (const CcsIniGroup *g, const char *key)
{
  if (!g)
    return NULL;
  for (guint i = 0; i < g->entries->len; i++)
    {
      CcsIniEntry *e = g->entries->pdata[i];
      if (strcmp (e->key, key) == 0)
        return e;
    }
  return NULL;
}

static const char *
intern_file (CcsIni *ini, const char *file)
{
  for (guint i = 0; i < ini->files->len; i++)
    if (strcmp (ini->files->pdata[i], file) == 0)
      return ini->files->pdata[i];
  g_ptr_array_add (ini->files, g_strdup (file));
  return ini->files->pdata[ini->files->len - 1];
}

static CcsIniGroup *
get_group (CcsIni *ini, const char *name, const char *file, int line)
{
  CcsIniGroup *g = ccs_ini_group (ini, name);
  if (g)
    return g;
  g = g_new0 (CcsIniGroup, 1);
  g->name = g_strdup (name);
  g->file = intern_file (ini, file);
  g->line = line;
  g->entries = g_ptr_array_new_with_free_func (entry_free);
  g_ptr_array_add (ini->groups, g);
  return g;
}

CcsIniEntry *
ccs_ini_set (CcsIni *ini, const char *group, const char *key, const char *value, const char *file,
             int line)
{
  CcsIniGroup *g = get_group (ini, group, file, line);
  CcsIniEntry *e = ccs_ini_entry (g, key);
  if (!e)
    {
      e = g_new0 (CcsIniEntry, 1);
      e->key = g_strdup (key);
      g_ptr_array_add (g->entries, e);
    }
  g_free (e->value);
  e->value = g_strdup (value);
  e->file = intern_file (ini, file);
  e->line = line;
  return e;
}

/* Strip an inline comment: '#' or ';' preceded by whitespace. */
static void
strip_comment (char *s)
{
  for (char *p = s; *p; p++)
    if ((*p == '#' || *p == ';') && p > s && g_ascii_isspace (p[-1]))
      {
        *p = '\0';
        break;
      }
}

static gboolean parse_into (CcsIni *ini, const char *name, const char *data, GPtrArray *stack,
                            GError **error);

static gboolean
include_file (CcsIni *ini, const char *from, int line, const char *target, GPtrArray *stack,
              GError **error)
{
  g_autofree char *dir = g_path_get_dirname (from);
  g_autofree char *path
      = g_path_is_absolute (target) ? g_strdup (target) : g_build_filename (dir, target, NULL);
  g_autofree char *canon = g_canonicalize_filename (path, NULL);
  for (guint i = 0; i < stack->len; i++)
    if (strcmp (stack->pdata[i], canon) == 0)
      {
        g_autoptr (GString) chain = g_string_new (NULL);
        for (guint j = i; j < stack->len; j++)
          {
            g_autofree char *b = g_path_get_basename (stack->pdata[j]);
            g_string_append_printf (chain, "%s -> ", b);
          }
        g_autofree char *b = g_path_get_basename (canon);
        g_string_append (chain, b);
        g_set_error (error, CCS_INI_ERROR, CCS_INI_ERROR_CYCLE,
                     "%s:%d: [include] include cycle: %s", from, line, chain->str);
        return FALSE;
      }
  g_autofree char *text = NULL;
  g_autoptr (GError) local = NULL;
  if (!g_file_get_contents (path, &text, NULL, &local))
    {
      g_set_error (error, CCS_INI_ERROR, CCS_INI_ERROR_IO, "%s:%d: [include] cannot read '%s': %s",
                   from, line, target, local->message);
      return FALSE;
    }
  return parse_into (ini, path, text, stack, error);
}

static gboolean
parse_into (CcsIni *ini, const char *name, const char *data, GPtrArray *stack, GError **error)
{
  g_autofree char *canon = g_canonicalize_filename (name, NULL);
  g_ptr_array_add (stack, g_strdup (canon));
  const char *file = intern_file (ini, name);
  g_auto (GStrv) lines = g_strsplit (data, "\n", -1);
  CcsIniGroup *group = NULL;
  gboolean ok = TRUE;

  for (int i = 0; lines[i] && ok; i++)
    {
      int lineno = i + 1;
      char *s = g_strstrip (lines[i]);
      if (*s == '\0' || *s == '#' || *s == ';')
        continue;
      if (*s == '[')
        {
          char *close = strchr (s, ']');
          if (!close || close[1] != '\0' || close == s + 1)
            {
              g_set_error (error, CCS_INI_ERROR, CCS_INI_ERROR_SYNTAX,
                           "%s:%d: malformed group header '%s' (expected "
                           "[Name])",
                           file, lineno, s);
              ok = FALSE;
              break;
            }
          *close = '\0';
          g_autofree char *gname = g_strstrip (g_strdup (s + 1));
          group = get_group (ini, gname, file, lineno);
          continue;
        }
      char *eq = strchr (s, '=');
      if (!eq)
        {
          g_set_error (error, CCS_INI_ERROR, CCS_INI_ERROR_SYNTAX,
                       "%s:%d: expected 'key = value', got '%s'", file, lineno, s);
          ok = FALSE;
          break;
        }
      *eq = '\0';
      char *key = g_strstrip (s);
      char *value = eq + 1;
      strip_comment (value);
      value = g_strstrip (value);
      if (*key == '\0')
        {
          g_set_error (error, CCS_INI_ERROR, CCS_INI_ERROR_SYNTAX, "%s:%d: empty key before '='",
                       file, lineno);
          ok = FALSE;
          break;
        }
      if (strcmp (key, "include") == 0)
        {
          ok = include_file (ini, file, lineno, value, stack, error);
          continue;
        }
      if (!group)
        {
          g_set_error (error, CCS_INI_ERROR, CCS_INI_ERROR_SYNTAX,
                       "%s:%d: key '%s' outside of any [Group]", file, lineno, key);
          ok = FALSE;
          break;
        }
      ccs_ini_set (ini, group->name, key, value, file, lineno);
    }
  g_free (g_ptr_array_steal_index (stack, stack->len - 1));
  return ok;
}

static CcsIni *
ini_new (void)
{
  CcsIni *ini = g_new0 (CcsIni, 1);
  ini->groups = g_ptr_array_new_with_free_func (group_free);
  ini->files = g_ptr_array_new_with_free_func (g_free);
  return ini;
}

CcsIni *
ccs_ini_load_data (const char *name, const char *data, GError **error)
{
  g_autoptr (CcsIni) ini = ini_new ();
  g_autoptr (GPtrArray) stack = g_ptr_array_new_with_free_func (g_free);
  if (!parse_into (ini, name, data, stack, error))
    return NULL;
  return g_steal_pointer (&ini);
}

CcsIni *
ccs_ini_load (const char *path, GError **error)
{
  g_autofree char *text = NULL;
  g_autoptr (GError) local = NULL;
  if (!g_file_get_contents (path, &text, NULL, &local))
    {
      g_set_error (error, CCS_INI_ERROR, CCS_INI_ERROR_IO, "%s: %s", path, local->message);
      return NULL;
    }
  return ccs_ini_load_data (path, text, error);
}

char *
ccs_ini_to_string (const CcsIni *ini)
{
  GString *s = g_string_new (NULL);
  for (guint i = 0; i < ini->groups->len; i++)
    {
      CcsIniGroup *g = ini->groups->pdata[i];
      g_string_append_printf (s, "[%s]\n", g->name);
      for (guint j = 0; j < g->entries->len; j++)
        {
          CcsIniEntry *e = g->entries->pdata[j];
          g_string_append_printf (s, "%s = %s\n", e->key, e->value);
        }
    }
  return g_string_free (s, FALSE);
}

static guint
edit_distance (const char *a, const char *b)
{
  gsize la = strlen (a), lb = strlen (b);
  g_autofree guint *row = g_new (guint, lb + 1);
  for (gsize j = 0; j <= lb; j++)
    row[j] = j;
  for (gsize i = 1; i <= la; i++)
    {
      guint diag = row[0];
      row[0] = i;
      for (gsize j = 1; j <= lb; j++)
        {
          guint up = row[j];
          guint cost = g_ascii_tolower (a[i - 1]) == g_ascii_tolower (b[j - 1]) ? 0 : 1;
          guint best = MIN (MIN (row[j] + 1, row[j - 1] + 1), diag + cost);
          row[j] = best;
          diag = up;
        }
    }
  return row[lb];
}

const char *
ccs_did_you_mean (const char *word, const char *const *cands, gsize n)
{
  const char *best = NULL;
  guint best_d = G_MAXUINT;
  for (gsize i = 0; i < n; i++)
    {
      guint d = edit_distance (word, cands[i]);
      if (d < best_d)
        {
          best_d = d;
          best = cands[i];
        }
    }
  gsize len = strlen (word);
  return best && best_d <= MAX (2u, len / 3) ? best : NULL;
}
