/* ini.h — key files that remember where every key came from.
 *
 * GKeyFile cannot tell which line a key is on, and every error in a scenario
 * or profile must name file, line and key.  This reader keeps the syntax of
 * GKeyFile ([Group], key = value, # comments) and adds:
 *   - `include = other.ini` (outside or inside a group; relative to the
 *     including file), with cycle detection;
 *   - inline comments after whitespace (`rate = 2 Hz  # per camera`);
 *   - later definitions override earlier ones (so an included base file can
 *     be specialised), keeping the location of the one that wins.
 */
#pragma once

#include <glib.h>

G_BEGIN_DECLS

#define CCS_INI_ERROR (ccs_ini_error_quark ())
GQuark ccs_ini_error_quark (void);

typedef enum
{
  CCS_INI_ERROR_IO,
  CCS_INI_ERROR_SYNTAX,
  CCS_INI_ERROR_CYCLE,
} CcsIniError;

typedef struct
{
  char *key;
  char *value;
  const char *file; /* owned by the CcsIni */
  int line;
  gboolean used; /* set by readers, so unknown keys can be reported */
} CcsIniEntry;

typedef struct
{
  char *name;
  const char *file;
  int line;
  GPtrArray *entries; /* CcsIniEntry*, in file order */
} CcsIniGroup;

typedef struct
{
  GPtrArray *groups; /* CcsIniGroup*, in order of first appearance */
  GPtrArray *files;  /* char*, every file read (for messages) */
  GString *resolved; /* canonical text of all groups, for hashing */
} CcsIni;

CcsIni *ccs_ini_load (const char *path, GError **error);
/* Parse from memory; @name is used in messages and to resolve includes. */
CcsIni *ccs_ini_load_data (const char *name, const char *data, GError **error);
void ccs_ini_free (CcsIni *ini);
G_DEFINE_AUTOPTR_CLEANUP_FUNC (CcsIni, ccs_ini_free)

CcsIniGroup *ccs_ini_group (const CcsIni *ini, const char *name);
CcsIniEntry *ccs_ini_entry (const CcsIniGroup *g, const char *key);
/* Set or replace a key (for `--set` and [Config] overrides). */
CcsIniEntry *ccs_ini_set (CcsIni *ini, const char *group, const char *key, const char *value,
                          const char *file, int line);
/* Canonical text of the groups and keys after all merges. */
char *ccs_ini_to_string (const CcsIni *ini);

/* Closest candidate by edit distance, or NULL when none is close. */
const char *ccs_did_you_mean (const char *word, const char *const *cands, gsize n);

G_END_DECLS
