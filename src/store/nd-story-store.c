/* nd-story-store.c
 *
 * SPDX-License-Identifier: GPL-3.0-or-later
 */

#define G_LOG_DOMAIN "newsdesk-store"

#include "config.h"

#include <glib/gi18n-lib.h>

#include "nd-dateline.h"
#include "nd-search-tokenizer.h"
#include "nd-story-store.h"
#include "nd-text-fold.h"
#include "nd-text-stats.h"
#include "nd-workflow.h"

/* Saves of one edition closer together than this, within a burst no longer
 * than ND_REVISION_BURST, update the newest revision instead of adding one:
 * autosave runs after every pause in typing, and a history with a row per
 * pause would bury the states worth going back to. */
#define ND_REVISION_PAUSE (60 * G_USEC_PER_SEC)
#define ND_REVISION_BURST (10 * 60 * G_USEC_PER_SEC)

/* Search ranks the newest matches: common words match a large part of the
 * archive, and ranking all of them costs a hundred milliseconds; a newsroom
 * looks for recent stories first. Rare words have fewer matches than this and
 * are ranked in full. */
#define ND_SEARCH_CANDIDATES 1000

/**
 * NdStoryStore:
 *
 * Everything Newsdesk knows, read and written through one #NdDatabase: the
 * publication's languages, sections, tags, contributors and media, the
 * stories with their editions and revisions, and search. Every change is one
 * transaction; listeners learn of changes through the story-added,
 * story-changed, story-removed and reset signals.
 */
/* Which read-only connection a read off the main thread goes through. */
typedef enum
{
  READER_SEARCH,  /* searches: short, and an editor waits for each */
  READER_BULK,    /* the rest of the desk, a period of the calendar */
  N_READERS
} ReaderKind;

struct _NdStoryStore
{
  GObject     parent_instance;

  NdDatabase *database;
  GListStore *languages;
  GListStore *sections;
  gint64      revision_pause;
  gint64      revision_burst;

  /* Reads off the main thread run on worker threads with read-only
   * connections of their own to the same file (WAL lets them read while the
   * editor saves), so a keystroke in the search entry never waits for the
   * index. Searches have one connection, and long reads (the rest of the
   * desk, a month of the calendar) another, so that a search never waits
   * behind them. Each lock keeps one read at a time on its connection. */
  GMutex        reader_locks[N_READERS];
  NdStoryStore *readers[N_READERS];
};

G_DEFINE_FINAL_TYPE (NdStoryStore, nd_story_store, G_TYPE_OBJECT)

enum {
  STORY_ADDED,
  STORY_CHANGED,
  STORY_REMOVED,
  RESET,
  N_SIGNALS
};

static guint signals [N_SIGNALS];

void
nd_search_hit_free (NdSearchHit *hit)
{
  if (hit == NULL)
    return;

  g_free (hit->lang);
  g_free (hit->headline);
  g_free (hit->snippet);
  g_clear_object (&hit->story);
  g_free (hit);
}

static void
bind_int64_or_null (sqlite3_stmt *stmt,
                    int           index,
                    gint64        value,
                    gint64        null_value)
{
  if (value == null_value)
    sqlite3_bind_null (stmt, index);
  else
    sqlite3_bind_int64 (stmt, index, value);
}

static char *
new_uuid (void)
{
  return g_uuid_string_random ();
}

static gboolean
step_row (NdDatabase    *database,
          sqlite3_stmt  *stmt,
          gboolean      *has_row,
          GError       **error)
{
  int rc = sqlite3_step (stmt);

  if (rc == SQLITE_ROW)
    {
      *has_row = TRUE;
      return TRUE;
    }
  *has_row = FALSE;
  if (rc == SQLITE_DONE)
    return TRUE;

  return nd_database_set_error (database, rc, error);
}

typedef enum
{
  MISSING_STORY,
  MISSING_EDITION,
  MISSING_REVISION,
  MISSING_TAG,
  MISSING_CONTRIBUTOR,
  MISSING_IMAGE,
  MISSING_ITEM,
} MissingKind;

static void
set_not_found (GError      **error,
               MissingKind   kind)
{
  const char *message;

  switch (kind)
    {
    case MISSING_STORY:
      message = _("The story does not exist; it may have been deleted");
      break;
    case MISSING_EDITION:
      message = _("The edition does not exist; it may have been deleted");
      break;
    case MISSING_REVISION:
      message = _("That revision is not in the history");
      break;
    case MISSING_TAG:
      message = _("The tag does not exist");
      break;
    case MISSING_CONTRIBUTOR:
      message = _("The contributor does not exist");
      break;
    case MISSING_IMAGE:
      message = _("The image does not exist");
      break;
    case MISSING_ITEM:
      message = _("The item does not exist; it may have been deleted");
      break;
    default:
      g_assert_not_reached ();
    }

  g_set_error_literal (error, G_IO_ERROR, G_IO_ERROR_NOT_FOUND, message);
}

/* Languages, sections, settings ------------------------------------------------ */

static gboolean
load_languages (NdStoryStore  *self,
                GError       **error)
{
  g_autoptr(NdStatement) stmt = NULL;
  gboolean has_row;

  stmt = nd_database_prepare (self->database,
                              "SELECT code, name, native_name, direction, publication_name,"
                              " dateline_format, position FROM languages ORDER BY position, code",
                              error);
  if (stmt == NULL)
    return FALSE;

  g_list_store_remove_all (self->languages);
  while (step_row (self->database, stmt, &has_row, error) && has_row)
    {
      g_autoptr(NdLanguage) language = nd_language_new ();

      nd_language_set_code (language, nd_column_text (stmt, 0));
      nd_language_set_name (language, nd_column_text (stmt, 1));
      nd_language_set_native_name (language, nd_column_text (stmt, 2));
      nd_language_set_rtl (language, g_str_equal (nd_column_text (stmt, 3), "rtl"));
      nd_language_set_publication_name (language, nd_column_text (stmt, 4));
      nd_language_set_dateline_format (language, nd_column_text (stmt, 5));
      nd_language_set_position (language, sqlite3_column_int (stmt, 6));
      g_list_store_append (self->languages, language);
    }

  return error == NULL || *error == NULL;
}

static gboolean
load_sections (NdStoryStore  *self,
               GError       **error)
{
  g_autoptr(NdStatement) stmt = NULL;
  g_autoptr(GHashTable) by_id = g_hash_table_new_full (g_int64_hash, g_int64_equal, g_free, NULL);
  gboolean has_row;

  stmt = nd_database_prepare (self->database,
                              "SELECT s.id, s.slug, s.position, n.lang, n.name FROM sections s"
                              " LEFT JOIN section_names n ON n.section_id = s.id"
                              " ORDER BY s.position, s.id",
                              error);
  if (stmt == NULL)
    return FALSE;

  g_list_store_remove_all (self->sections);
  while (step_row (self->database, stmt, &has_row, error) && has_row)
    {
      gint64 id = sqlite3_column_int64 (stmt, 0);
      NdSection *section = g_hash_table_lookup (by_id, &id);

      if (section == NULL)
        {
          g_autoptr(NdSection) new_section = nd_section_new ();

          nd_section_set_id (new_section, id);
          nd_section_set_slug (new_section, nd_column_text (stmt, 1));
          nd_section_set_position (new_section, sqlite3_column_int (stmt, 2));
          g_list_store_append (self->sections, new_section);
          section = new_section;
          g_hash_table_insert (by_id, g_memdup2 (&id, sizeof id), section);
        }

      if (sqlite3_column_type (stmt, 3) != SQLITE_NULL)
        nd_localized_text_set (nd_section_get_names (section),
                               nd_column_text (stmt, 3), nd_column_text (stmt, 4));
    }

  return error == NULL || *error == NULL;
}

/* The Realist preset: what a new database starts with. Everything here is
 * data the editors can change; nothing in the code depends on it. */
typedef struct
{
  const char *code;
  const char *name;
  const char *native_name;
  const char *direction;
  const char *publication_name;
  const char *dateline_format;
} PresetLanguage;

static const PresetLanguage preset_languages[] = {
  { "ru", "Russian", "Русский", "ltr", "Реалист", "{CITY} ({PUBLICATION})." },
  { "en", "English", "English", "ltr", "Realist English", "{CITY} ({PUBLICATION})." },
  { "ar", "Arabic", "العربية", "rtl", "رياليست", "{City} ({PUBLICATION})." },
};

typedef struct
{
  const char *slug;
  const char *ru;
  const char *en;
  const char *ar;
} PresetSection;

static const PresetSection preset_sections[] = {
  { "news", "Новости", "News", "أخبار" },
  { "russia", "Россия", "Russia", "روسيا" },
  { "caucasus", "Кавказ", "Caucasus", "القوقاز" },
  { "opinion", "Мнения", "Opinion", "رأي" },
  { "interviews", "Интервью", "Interviews", "مقابلات" },
  { "experts", "Эксперты", "Experts", "خبراء" },
};

static gboolean
insert_setting (NdStoryStore  *self,
                const char    *key,
                const char    *value,
                GError       **error)
{
  g_autoptr(NdStatement) stmt = nd_database_prepare (self->database,
                                                     "INSERT OR REPLACE INTO settings (key, value) VALUES (?, ?)",
                                                     error);
  if (stmt == NULL)
    return FALSE;

  nd_bind_text (stmt, 1, key);
  nd_bind_text (stmt, 2, value);
  return nd_database_step_done (self->database, stmt, error);
}

static gboolean
seed_preset (NdStoryStore  *self,
             GError       **error)
{
  g_autoptr(GError) local_error = NULL;

  if (!nd_database_begin (self->database, error))
    return FALSE;

  for (guint i = 0; i < G_N_ELEMENTS (preset_languages); i++)
    {
      const PresetLanguage *l = &preset_languages[i];
      g_autoptr(NdStatement) stmt = nd_database_prepare (self->database,
                                                         "INSERT INTO languages (code, name, native_name, direction,"
                                                         " publication_name, dateline_format, position)"
                                                         " VALUES (?, ?, ?, ?, ?, ?, ?)",
                                                         &local_error);
      if (stmt == NULL)
        goto failed;
      nd_bind_text (stmt, 1, l->code);
      nd_bind_text (stmt, 2, l->name);
      nd_bind_text (stmt, 3, l->native_name);
      nd_bind_text (stmt, 4, l->direction);
      nd_bind_text (stmt, 5, l->publication_name);
      nd_bind_text (stmt, 6, l->dateline_format);
      sqlite3_bind_int (stmt, 7, i);
      if (!nd_database_step_done (self->database, stmt, &local_error))
        goto failed;
    }

  for (guint i = 0; i < G_N_ELEMENTS (preset_sections); i++)
    {
      const PresetSection *s = &preset_sections[i];
      const char *names[][2] = { { "ru", s->ru }, { "en", s->en }, { "ar", s->ar } };
      g_autoptr(NdStatement) stmt = nd_database_prepare (self->database,
                                                         "INSERT INTO sections (slug, position) VALUES (?, ?)",
                                                         &local_error);
      gint64 section_id;

      if (stmt == NULL)
        goto failed;
      nd_bind_text (stmt, 1, s->slug);
      sqlite3_bind_int (stmt, 2, i);
      if (!nd_database_step_done (self->database, stmt, &local_error))
        goto failed;
      section_id = nd_database_last_insert_rowid (self->database);

      for (guint j = 0; j < G_N_ELEMENTS (names); j++)
        {
          g_autoptr(NdStatement) name_stmt = nd_database_prepare (self->database,
                                                                  "INSERT INTO section_names (section_id, lang, name)"
                                                                  " VALUES (?, ?, ?)",
                                                                  &local_error);
          if (name_stmt == NULL)
            goto failed;
          sqlite3_bind_int64 (name_stmt, 1, section_id);
          nd_bind_text (name_stmt, 2, names[j][0]);
          nd_bind_text (name_stmt, 3, names[j][1]);
          if (!nd_database_step_done (self->database, name_stmt, &local_error))
            goto failed;
        }
    }

  if (!insert_setting (self, "publication-name", "Realist: news and analytics", &local_error) ||
      !insert_setting (self, "time-zone", "Europe/Moscow", &local_error) ||
      !insert_setting (self, "preset", "realist", &local_error))
    goto failed;

  return nd_database_commit (self->database, error);

failed:
  nd_database_rollback (self->database);
  g_propagate_error (error, g_steal_pointer (&local_error));
  return FALSE;
}

static gboolean
needs_preset (NdStoryStore *self)
{
  g_autoptr(NdStatement) stmt = nd_database_prepare (self->database,
                                                     "SELECT count(*) FROM languages", NULL);

  return stmt != NULL && sqlite3_step (stmt) == SQLITE_ROW && sqlite3_column_int (stmt, 0) == 0;
}

static void
nd_story_store_finalize (GObject *object)
{
  NdStoryStore *self = (NdStoryStore *)object;

  for (guint i = 0; i < N_READERS; i++)
    {
      g_clear_object (&self->readers[i]);
      g_mutex_clear (&self->reader_locks[i]);
    }
  g_clear_object (&self->languages);
  g_clear_object (&self->sections);
  g_clear_object (&self->database);

  G_OBJECT_CLASS (nd_story_store_parent_class)->finalize (object);
}

static void
nd_story_store_class_init (NdStoryStoreClass *klass)
{
  GObjectClass *object_class = G_OBJECT_CLASS (klass);

  object_class->finalize = nd_story_store_finalize;

  /**
   * NdStoryStore::story-added:
   * @self: the store
   * @story_id: the new story
   */
  signals [STORY_ADDED] =
    g_signal_new ("story-added", G_TYPE_FROM_CLASS (klass), G_SIGNAL_RUN_LAST,
                  0, NULL, NULL, NULL, G_TYPE_NONE, 1, G_TYPE_INT64);

  /**
   * NdStoryStore::story-changed:
   * @self: the store
   * @story_id: the story whose fields, editions or place changed
   */
  signals [STORY_CHANGED] =
    g_signal_new ("story-changed", G_TYPE_FROM_CLASS (klass), G_SIGNAL_RUN_LAST,
                  0, NULL, NULL, NULL, G_TYPE_NONE, 1, G_TYPE_INT64);

  /**
   * NdStoryStore::story-removed:
   * @self: the store
   * @story_id: the story deleted for good
   */
  signals [STORY_REMOVED] =
    g_signal_new ("story-removed", G_TYPE_FROM_CLASS (klass), G_SIGNAL_RUN_LAST,
                  0, NULL, NULL, NULL, G_TYPE_NONE, 1, G_TYPE_INT64);

  /**
   * NdStoryStore::reset:
   * @self: the store
   *
   * Many stories changed at once (an import): lists reload.
   */
  signals [RESET] =
    g_signal_new ("reset", G_TYPE_FROM_CLASS (klass), G_SIGNAL_RUN_LAST,
                  0, NULL, NULL, NULL, G_TYPE_NONE, 0);
}

static void
nd_story_store_init (NdStoryStore *self)
{
  self->languages = g_list_store_new (ND_TYPE_LANGUAGE);
  self->sections = g_list_store_new (ND_TYPE_SECTION);
  self->revision_pause = ND_REVISION_PAUSE;
  self->revision_burst = ND_REVISION_BURST;
  for (guint i = 0; i < N_READERS; i++)
    g_mutex_init (&self->reader_locks[i]);
}

/* Tests shorten the windows instead of waiting minutes. */
void
_nd_story_store_set_revision_windows (NdStoryStore *self,
                                      gint64        pause_usec,
                                      gint64        burst_usec)
{
  g_return_if_fail (ND_IS_STORY_STORE (self));

  self->revision_pause = pause_usec;
  self->revision_burst = burst_usec;
}

/**
 * nd_story_store_new:
 * @database: an open #NdDatabase
 * @error: return location for a #GError
 *
 * Creates the store over @database. A database with no languages yet is
 * seeded with the Realist preset.
 *
 * Returns: (transfer full) (nullable): the store
 */
NdStoryStore *
nd_story_store_new (NdDatabase  *database,
                    GError     **error)
{
  g_autoptr(NdStoryStore) self = NULL;

  g_return_val_if_fail (ND_IS_DATABASE (database), NULL);

  self = g_object_new (ND_TYPE_STORY_STORE, NULL);
  self->database = g_object_ref (database);

  if (!nd_database_is_read_only (database) && needs_preset (self) && !seed_preset (self, error))
    return NULL;

  if (!load_languages (self, error) || !load_sections (self, error))
    return NULL;

  return g_steal_pointer (&self);
}

NdDatabase *
nd_story_store_get_database (NdStoryStore *self)
{
  g_return_val_if_fail (ND_IS_STORY_STORE (self), NULL);

  return self->database;
}

void
_nd_story_store_emit_reset (NdStoryStore *self)
{
  g_autoptr(GError) error = NULL;

  if (!load_languages (self, &error) || !load_sections (self, &error))
    g_warning ("Could not reload the vocabulary: %s", error->message);

  g_signal_emit (self, signals [RESET], 0);
}

/**
 * nd_story_store_get_languages:
 * @self: a #NdStoryStore
 *
 * Returns: (transfer none): a list of #NdLanguage in the publication's order
 */
GListModel *
nd_story_store_get_languages (NdStoryStore *self)
{
  g_return_val_if_fail (ND_IS_STORY_STORE (self), NULL);

  return G_LIST_MODEL (self->languages);
}

/**
 * nd_story_store_get_language:
 * @self: a #NdStoryStore
 * @code: a language code
 *
 * Returns: (transfer none) (nullable): the language
 */
NdLanguage *
nd_story_store_get_language (NdStoryStore *self,
                             const char   *code)
{
  guint n;

  g_return_val_if_fail (ND_IS_STORY_STORE (self), NULL);
  g_return_val_if_fail (code != NULL, NULL);

  n = g_list_model_get_n_items (G_LIST_MODEL (self->languages));
  for (guint i = 0; i < n; i++)
    {
      g_autoptr(NdLanguage) language = g_list_model_get_item (G_LIST_MODEL (self->languages), i);

      if (g_str_equal (nd_language_get_code (language), code))
        return language;   /* the list store keeps its reference */
    }

  return NULL;
}

/**
 * nd_story_store_save_language:
 * @self: a #NdStoryStore
 * @language: a language, new or changed
 * @error: return location for a #GError
 *
 * Adds or updates a language of the publication.
 */
gboolean
nd_story_store_save_language (NdStoryStore  *self,
                              NdLanguage    *language,
                              GError       **error)
{
  g_autoptr(NdStatement) stmt = NULL;

  g_return_val_if_fail (ND_IS_STORY_STORE (self), FALSE);
  g_return_val_if_fail (ND_IS_LANGUAGE (language), FALSE);

  stmt = nd_database_prepare (self->database,
                              "INSERT INTO languages (code, name, native_name, direction, publication_name,"
                              " dateline_format, position) VALUES (?1, ?2, ?3, ?4, ?5, ?6, ?7)"
                              " ON CONFLICT (code) DO UPDATE SET name = ?2, native_name = ?3, direction = ?4,"
                              " publication_name = ?5, dateline_format = ?6, position = ?7",
                              error);
  if (stmt == NULL)
    return FALSE;

  nd_bind_text (stmt, 1, nd_language_get_code (language));
  nd_bind_text (stmt, 2, nd_language_get_name (language));
  nd_bind_text (stmt, 3, nd_language_get_native_name (language));
  nd_bind_text (stmt, 4, nd_language_get_rtl (language) ? "rtl" : "ltr");
  nd_bind_text (stmt, 5, nd_language_get_publication_name (language) ?: "");
  nd_bind_text (stmt, 6, nd_language_get_dateline_format (language) ?: "{CITY}.");
  sqlite3_bind_int (stmt, 7, nd_language_get_position (language));
  if (!nd_database_step_done (self->database, stmt, error))
    return FALSE;

  return load_languages (self, error);
}

/**
 * nd_story_store_get_sections:
 * @self: a #NdStoryStore
 *
 * Returns: (transfer none): a list of #NdSection in the publication's order
 */
GListModel *
nd_story_store_get_sections (NdStoryStore *self)
{
  g_return_val_if_fail (ND_IS_STORY_STORE (self), NULL);

  return G_LIST_MODEL (self->sections);
}

/**
 * nd_story_store_get_section:
 * @self: a #NdStoryStore
 * @id: a section id
 *
 * Returns: (transfer none) (nullable): the section
 */
NdSection *
nd_story_store_get_section (NdStoryStore *self,
                            gint64        id)
{
  guint n;

  g_return_val_if_fail (ND_IS_STORY_STORE (self), NULL);

  n = g_list_model_get_n_items (G_LIST_MODEL (self->sections));
  for (guint i = 0; i < n; i++)
    {
      g_autoptr(NdSection) section = g_list_model_get_item (G_LIST_MODEL (self->sections), i);

      if (nd_section_get_id (section) == id)
        return section;
    }

  return NULL;
}

/**
 * nd_story_store_get_section_by_slug:
 * @self: a #NdStoryStore
 * @slug: a section slug
 *
 * Returns: (transfer none) (nullable): the section
 */
NdSection *
nd_story_store_get_section_by_slug (NdStoryStore *self,
                                    const char   *slug)
{
  guint n;

  g_return_val_if_fail (ND_IS_STORY_STORE (self), NULL);
  g_return_val_if_fail (slug != NULL, NULL);

  n = g_list_model_get_n_items (G_LIST_MODEL (self->sections));
  for (guint i = 0; i < n; i++)
    {
      g_autoptr(NdSection) section = g_list_model_get_item (G_LIST_MODEL (self->sections), i);

      if (g_strcmp0 (nd_section_get_slug (section), slug) == 0)
        return section;
    }

  return NULL;
}

static gboolean
write_section (NdStoryStore  *self,
               NdSection     *section,
               GError       **error)
{
  g_auto(GStrv) langs = NULL;
  gint64 id = nd_section_get_id (section);

  if (id == 0)
    {
      g_autoptr(NdStatement) stmt = nd_database_prepare (self->database,
                                                         "INSERT INTO sections (slug, position) VALUES (?, ?)",
                                                         error);
      if (stmt == NULL)
        return FALSE;
      nd_bind_text (stmt, 1, nd_section_get_slug (section));
      sqlite3_bind_int (stmt, 2, nd_section_get_position (section));
      if (!nd_database_step_done (self->database, stmt, error))
        return FALSE;
      id = nd_database_last_insert_rowid (self->database);
    }
  else
    {
      g_autoptr(NdStatement) stmt = nd_database_prepare (self->database,
                                                         "UPDATE sections SET slug = ?, position = ? WHERE id = ?",
                                                         error);
      if (stmt == NULL)
        return FALSE;
      nd_bind_text (stmt, 1, nd_section_get_slug (section));
      sqlite3_bind_int (stmt, 2, nd_section_get_position (section));
      sqlite3_bind_int64 (stmt, 3, id);
      if (!nd_database_step_done (self->database, stmt, error))
        return FALSE;
    }

  {
    g_autoptr(NdStatement) stmt = nd_database_prepare (self->database,
                                                       "DELETE FROM section_names WHERE section_id = ?", error);
    if (stmt == NULL)
      return FALSE;
    sqlite3_bind_int64 (stmt, 1, id);
    if (!nd_database_step_done (self->database, stmt, error))
      return FALSE;
  }

  langs = nd_localized_text_get_langs (nd_section_get_names (section));
  for (guint i = 0; langs[i] != NULL; i++)
    {
      g_autoptr(NdStatement) stmt = nd_database_prepare (self->database,
                                                         "INSERT INTO section_names (section_id, lang, name) VALUES (?, ?, ?)",
                                                         error);
      if (stmt == NULL)
        return FALSE;
      sqlite3_bind_int64 (stmt, 1, id);
      nd_bind_text (stmt, 2, langs[i]);
      nd_bind_text (stmt, 3, nd_localized_text_get (nd_section_get_names (section), langs[i]));
      if (!nd_database_step_done (self->database, stmt, error))
        return FALSE;
    }

  nd_section_set_id (section, id);
  return TRUE;
}

/**
 * nd_story_store_save_section:
 * @self: a #NdStoryStore
 * @section: a section, new (id 0) or changed
 * @error: return location for a #GError
 *
 * Adds or updates a section and its names.
 */
gboolean
nd_story_store_save_section (NdStoryStore  *self,
                             NdSection     *section,
                             GError       **error)
{
  gint64 old_id;

  g_return_val_if_fail (ND_IS_STORY_STORE (self), FALSE);
  g_return_val_if_fail (ND_IS_SECTION (section), FALSE);

  old_id = nd_section_get_id (section);
  if (!nd_database_begin (self->database, error))
    return FALSE;
  if (!write_section (self, section, error))
    {
      nd_database_rollback (self->database);
      nd_section_set_id (section, old_id);
      return FALSE;
    }
  if (!nd_database_commit (self->database, error))
    {
      nd_section_set_id (section, old_id);
      return FALSE;
    }

  return load_sections (self, error);
}

/**
 * nd_story_store_get_setting:
 * @self: a #NdStoryStore
 * @key: a setting of the publication ("time-zone", "publication-name")
 *
 * Returns: (transfer full) (nullable): the value
 */
char *
nd_story_store_get_setting (NdStoryStore *self,
                            const char   *key)
{
  g_autoptr(NdStatement) stmt = NULL;

  g_return_val_if_fail (ND_IS_STORY_STORE (self), NULL);
  g_return_val_if_fail (key != NULL, NULL);

  stmt = nd_database_prepare (self->database, "SELECT value FROM settings WHERE key = ?", NULL);
  if (stmt == NULL)
    return NULL;

  nd_bind_text (stmt, 1, key);
  if (sqlite3_step (stmt) != SQLITE_ROW)
    return NULL;

  return g_strdup (nd_column_text (stmt, 0));
}

gboolean
nd_story_store_set_setting (NdStoryStore  *self,
                            const char    *key,
                            const char    *value,
                            GError       **error)
{
  g_return_val_if_fail (ND_IS_STORY_STORE (self), FALSE);
  g_return_val_if_fail (key != NULL, FALSE);
  g_return_val_if_fail (value != NULL, FALSE);

  return insert_setting (self, key, value, error);
}

/**
 * nd_story_store_render_dateline:
 * @self: a #NdStoryStore
 * @edition: an edition
 *
 * Returns: (transfer full): the dateline that opens @edition in its
 *   language's house style, e.g. "MOSCOW (Realist English).", or ""
 */
char *
nd_story_store_render_dateline (NdStoryStore *self,
                                NdEdition    *edition)
{
  NdLanguage *language;

  g_return_val_if_fail (ND_IS_STORY_STORE (self), NULL);
  g_return_val_if_fail (ND_IS_EDITION (edition), NULL);

  language = nd_story_store_get_language (self, nd_edition_get_lang (edition));
  if (language == NULL)
    return nd_dateline_render ("{CITY}.", nd_edition_get_dateline_city (edition), NULL);

  return nd_dateline_render (nd_language_get_dateline_format (language),
                             nd_edition_get_dateline_city (edition),
                             nd_language_get_publication_name (language));
}

/* Tags, contributors and media ---------------------------------------------- */

/*
 * These three are "concepts with a text per language": a row with a uuid and
 * one row per language in a side table. One writer and one reader serve all
 * three; the table and column names are constants from the tables below.
 */
typedef struct
{
  const char *insert_sql;
  const char *update_sql;
  const char *delete_texts_sql;
  const char *insert_text_sql;
  gboolean    folds_first;   /* stores the folded first text after the texts */
} ConceptSql;

static gboolean
write_concept_texts (NdStoryStore     *self,
                     const ConceptSql *sql,
                     gint64            id,
                     NdLocalizedText  *first,
                     NdLocalizedText  *second,
                     NdLocalizedText  *third,
                     GError          **error)
{
  g_autoptr(GHashTable) langs = g_hash_table_new_full (g_str_hash, g_str_equal, g_free, NULL);
  NdLocalizedText *texts[] = { first, second, third };
  GHashTableIter iter;
  gpointer lang;

  {
    g_autoptr(NdStatement) stmt = nd_database_prepare (self->database, sql->delete_texts_sql, error);
    if (stmt == NULL)
      return FALSE;
    sqlite3_bind_int64 (stmt, 1, id);
    if (!nd_database_step_done (self->database, stmt, error))
      return FALSE;
  }

  for (guint i = 0; i < G_N_ELEMENTS (texts); i++)
    {
      g_auto(GStrv) codes = NULL;

      if (texts[i] == NULL)
        continue;
      codes = nd_localized_text_get_langs (texts[i]);
      for (guint j = 0; codes[j] != NULL; j++)
        g_hash_table_add (langs, g_strdup (codes[j]));
    }

  g_hash_table_iter_init (&iter, langs);
  while (g_hash_table_iter_next (&iter, &lang, NULL))
    {
      g_autoptr(NdStatement) stmt = nd_database_prepare (self->database, sql->insert_text_sql, error);

      if (stmt == NULL)
        return FALSE;
      sqlite3_bind_int64 (stmt, 1, id);
      nd_bind_text (stmt, 2, lang);
      for (guint i = 0; i < G_N_ELEMENTS (texts); i++)
        {
          const char *text = texts[i] != NULL ? nd_localized_text_get (texts[i], lang) : NULL;

          if (texts[i] != NULL)
            nd_bind_text (stmt, 3 + i, text != NULL ? text : "");
        }
      /* Tag labels also store their folded form for completion. */
      if (sql->folds_first)
        {
          const char *label = nd_localized_text_get (first, lang);
          g_autofree char *folded = nd_text_fold (label != NULL ? label : "", -1);

          nd_bind_text (stmt, 4, folded);
        }
      if (!nd_database_step_done (self->database, stmt, error))
        return FALSE;
    }

  return TRUE;
}

static gboolean
write_concept_row (NdStoryStore     *self,
                   const ConceptSql *sql,
                   GObject          *object,
                   const char       *extra_1,
                   const char       *extra_2,
                   GError          **error)
{
  g_autofree char *uuid = NULL;
  gint64 id;

  g_object_get (object, "id", &id, "uuid", &uuid, NULL);
  if (uuid == NULL || *uuid == '\0')
    {
      g_clear_pointer (&uuid, g_free);
      uuid = new_uuid ();
    }

  if (id == 0)
    {
      g_autoptr(NdStatement) stmt = nd_database_prepare (self->database, sql->insert_sql, error);
      if (stmt == NULL)
        return FALSE;
      nd_bind_text (stmt, 1, uuid);
      if (extra_1 != NULL)
        nd_bind_text (stmt, 2, extra_1);
      if (extra_2 != NULL)
        nd_bind_text (stmt, 3, extra_2);
      if (!nd_database_step_done (self->database, stmt, error))
        return FALSE;
      id = nd_database_last_insert_rowid (self->database);
    }
  else
    {
      g_autoptr(NdStatement) stmt = nd_database_prepare (self->database, sql->update_sql, error);
      if (stmt == NULL)
        return FALSE;
      nd_bind_text (stmt, 1, uuid);
      if (extra_1 != NULL)
        nd_bind_text (stmt, 2, extra_1);
      if (extra_2 != NULL)
        nd_bind_text (stmt, 3, extra_2);
      sqlite3_bind_int64 (stmt, 4, id);
      if (!nd_database_step_done (self->database, stmt, error))
        return FALSE;
      if (nd_database_changes (self->database) == 0)
        {
          set_not_found (error, MISSING_ITEM);
          return FALSE;
        }
    }

  g_object_set (object, "id", id, "uuid", uuid, NULL);
  return TRUE;
}

static const ConceptSql tag_sql = {
  "INSERT INTO tags (uuid) VALUES (?1)",
  "UPDATE tags SET uuid = ?1 WHERE id = ?4",
  "DELETE FROM tag_labels WHERE tag_id = ?",
  "INSERT INTO tag_labels (tag_id, lang, label, folded) VALUES (?, ?, ?, ?)",
  TRUE,
};

static const ConceptSql contributor_sql = {
  "INSERT INTO contributors (uuid) VALUES (?1)",
  "UPDATE contributors SET uuid = ?1 WHERE id = ?4",
  "DELETE FROM contributor_names WHERE contributor_id = ?",
  "INSERT INTO contributor_names (contributor_id, lang, name, role) VALUES (?, ?, ?, ?)",
  FALSE,
};

static const ConceptSql media_sql = {
  "INSERT INTO media (uuid, file, mime_type) VALUES (?1, ?2, ?3)",
  "UPDATE media SET uuid = ?1, file = ?2, mime_type = ?3 WHERE id = ?4",
  "DELETE FROM media_texts WHERE media_id = ?",
  "INSERT INTO media_texts (media_id, lang, caption, alt, credit) VALUES (?, ?, ?, ?, ?)",
  FALSE,
};

static gboolean
save_concept (NdStoryStore     *self,
              const ConceptSql *sql,
              GObject          *object,
              const char       *extra_1,
              const char       *extra_2,
              NdLocalizedText  *first,
              NdLocalizedText  *second,
              NdLocalizedText  *third,
              GError          **error)
{
  gint64 old_id;
  gint64 id;

  g_object_get (object, "id", &old_id, NULL);

  if (!nd_database_begin (self->database, error))
    return FALSE;

  if (!write_concept_row (self, sql, object, extra_1, extra_2, error))
    goto failed;
  g_object_get (object, "id", &id, NULL);
  if (!write_concept_texts (self, sql, id, first, second, third, error))
    goto failed;

  if (nd_database_commit (self->database, error))
    return TRUE;

  g_object_set (object, "id", old_id, NULL);
  return FALSE;

failed:
  nd_database_rollback (self->database);
  g_object_set (object, "id", old_id, NULL);
  return FALSE;
}

/**
 * nd_story_store_save_tag:
 * @self: a #NdStoryStore
 * @tag: a tag concept, new (id 0) or changed
 * @error: return location for a #GError
 *
 * Adds or updates a tag concept and its labels.
 */
gboolean
nd_story_store_save_tag (NdStoryStore  *self,
                         NdTag         *tag,
                         GError       **error)
{
  g_return_val_if_fail (ND_IS_STORY_STORE (self), FALSE);
  g_return_val_if_fail (ND_IS_TAG (tag), FALSE);

  return save_concept (self, &tag_sql, G_OBJECT (tag), NULL, NULL,
                       nd_tag_get_labels (tag), NULL, NULL, error);
}

gboolean
nd_story_store_save_contributor (NdStoryStore   *self,
                                 NdContributor  *contributor,
                                 GError        **error)
{
  g_return_val_if_fail (ND_IS_STORY_STORE (self), FALSE);
  g_return_val_if_fail (ND_IS_CONTRIBUTOR (contributor), FALSE);

  return save_concept (self, &contributor_sql, G_OBJECT (contributor), NULL, NULL,
                       nd_contributor_get_names (contributor),
                       nd_contributor_get_roles (contributor), NULL, error);
}

gboolean
nd_story_store_save_media (NdStoryStore  *self,
                           NdMedia       *media,
                           GError       **error)
{
  g_return_val_if_fail (ND_IS_STORY_STORE (self), FALSE);
  g_return_val_if_fail (ND_IS_MEDIA (media), FALSE);

  return save_concept (self, &media_sql, G_OBJECT (media),
                       nd_media_get_file (media) ?: "",
                       nd_media_get_mime_type (media) ?: "",
                       nd_media_get_captions (media),
                       nd_media_get_alts (media),
                       nd_media_get_credits (media), error);
}

static NdTag *
load_tag_where (NdStoryStore  *self,
                const char    *sql,
                gint64         id,
                const char    *uuid,
                GError       **error)
{
  g_autoptr(NdStatement) stmt = nd_database_prepare (self->database, sql, error);
  g_autoptr(NdTag) tag = NULL;
  gboolean has_row;

  if (stmt == NULL)
    return NULL;
  if (uuid != NULL)
    nd_bind_text (stmt, 1, uuid);
  else
    sqlite3_bind_int64 (stmt, 1, id);

  while (step_row (self->database, stmt, &has_row, error) && has_row)
    {
      if (tag == NULL)
        {
          tag = nd_tag_new ();
          nd_tag_set_id (tag, sqlite3_column_int64 (stmt, 0));
          nd_tag_set_uuid (tag, nd_column_text (stmt, 1));
        }
      if (sqlite3_column_type (stmt, 2) != SQLITE_NULL)
        nd_localized_text_set (nd_tag_get_labels (tag), nd_column_text (stmt, 2), nd_column_text (stmt, 3));
    }

  if (error != NULL && *error != NULL)
    return NULL;
  if (tag == NULL)
    set_not_found (error, MISSING_TAG);

  return g_steal_pointer (&tag);
}

/**
 * nd_story_store_load_tag:
 * @self: a #NdStoryStore
 * @id: a tag id
 * @error: return location for a #GError
 *
 * Returns: (transfer full) (nullable): the tag with its labels
 */
NdTag *
nd_story_store_load_tag (NdStoryStore  *self,
                         gint64         id,
                         GError       **error)
{
  g_return_val_if_fail (ND_IS_STORY_STORE (self), NULL);

  return load_tag_where (self,
                         "SELECT t.id, t.uuid, l.lang, l.label FROM tags t"
                         " LEFT JOIN tag_labels l ON l.tag_id = t.id WHERE t.id = ?",
                         id, NULL, error);
}

/**
 * nd_story_store_find_tag_by_uuid:
 * @self: a #NdStoryStore
 * @uuid: a tag's uuid
 * @error: return location for a #GError
 *
 * Returns: (transfer full) (nullable): the tag, or %NULL with
 *   %G_IO_ERROR_NOT_FOUND
 */
NdTag *
nd_story_store_find_tag_by_uuid (NdStoryStore  *self,
                                 const char    *uuid,
                                 GError       **error)
{
  g_return_val_if_fail (ND_IS_STORY_STORE (self), NULL);
  g_return_val_if_fail (uuid != NULL, NULL);

  return load_tag_where (self,
                         "SELECT t.id, t.uuid, l.lang, l.label FROM tags t"
                         " LEFT JOIN tag_labels l ON l.tag_id = t.id WHERE t.uuid = ?",
                         0, uuid, error);
}

/**
 * nd_story_store_list_tags:
 * @self: a #NdStoryStore
 * @error: return location for a #GError
 *
 * Returns: (transfer full) (element-type NdTag): every tag concept with its
 *   labels, oldest first
 */
GPtrArray *
nd_story_store_list_tags (NdStoryStore  *self,
                          GError       **error)
{
  g_autoptr(GPtrArray) tags = g_ptr_array_new_with_free_func (g_object_unref);
  g_autoptr(NdStatement) stmt = NULL;
  g_autoptr(NdTag) tag = NULL;
  gboolean has_row;

  g_return_val_if_fail (ND_IS_STORY_STORE (self), NULL);

  stmt = nd_database_prepare (self->database,
                              "SELECT t.id, t.uuid, l.lang, l.label FROM tags t"
                              " LEFT JOIN tag_labels l ON l.tag_id = t.id ORDER BY t.id",
                              error);
  if (stmt == NULL)
    return NULL;

  while (step_row (self->database, stmt, &has_row, error) && has_row)
    {
      gint64 id = sqlite3_column_int64 (stmt, 0);

      if (tag == NULL || nd_tag_get_id (tag) != id)
        {
          if (tag != NULL)
            g_ptr_array_add (tags, g_steal_pointer (&tag));
          tag = nd_tag_new ();
          nd_tag_set_id (tag, id);
          nd_tag_set_uuid (tag, nd_column_text (stmt, 1));
        }
      if (sqlite3_column_type (stmt, 2) != SQLITE_NULL)
        nd_localized_text_set (nd_tag_get_labels (tag), nd_column_text (stmt, 2), nd_column_text (stmt, 3));
    }
  if (error != NULL && *error != NULL)
    return NULL;
  if (tag != NULL)
    g_ptr_array_add (tags, g_steal_pointer (&tag));

  return g_steal_pointer (&tags);
}

/**
 * nd_story_store_complete_tags:
 * @self: a #NdStoryStore
 * @typed: what the editor typed
 * @limit: the most tags wanted
 * @error: return location for a #GError
 *
 * Finds tag concepts whose label in any language starts with @typed, folded
 * the same way as search (case, ё, Arabic marks, accents), so "афг",
 * "afgh" and "افغ" all find "Afghanistan".
 *
 * Returns: (transfer full) (element-type NdTag): the tags, most used first
 */
GPtrArray *
nd_story_store_complete_tags (NdStoryStore  *self,
                              const char    *typed,
                              guint          limit,
                              GError       **error)
{
  g_autoptr(NdStatement) stmt = NULL;
  g_autoptr(GPtrArray) tags = g_ptr_array_new_with_free_func (g_object_unref);
  g_autoptr(GString) upper = NULL;
  g_autofree char *folded = NULL;
  gboolean has_row;

  g_return_val_if_fail (ND_IS_STORY_STORE (self), NULL);
  g_return_val_if_fail (typed != NULL, NULL);

  folded = nd_text_fold (typed, -1);
  g_strstrip (folded);
  if (*folded == '\0')
    return g_steal_pointer (&tags);

  /* A prefix range on the folded index: [folded, folded + U+10FFFF). */
  upper = g_string_new (folded);
  g_string_append_unichar (upper, 0x10FFFF);

  stmt = nd_database_prepare (self->database,
                              "SELECT l.tag_id, (SELECT count(*) FROM story_tags st WHERE st.tag_id = l.tag_id) AS uses"
                              " FROM tag_labels l WHERE l.folded >= ?1 AND l.folded < ?2"
                              " GROUP BY l.tag_id ORDER BY uses DESC, min(l.folded) LIMIT ?3",
                              error);
  if (stmt == NULL)
    return NULL;
  nd_bind_text (stmt, 1, folded);
  nd_bind_text (stmt, 2, upper->str);
  sqlite3_bind_int (stmt, 3, limit);

  while (step_row (self->database, stmt, &has_row, error) && has_row)
    {
      NdTag *tag = nd_story_store_load_tag (self, sqlite3_column_int64 (stmt, 0), error);

      if (tag == NULL)
        return NULL;
      g_ptr_array_add (tags, tag);
    }

  if (error != NULL && *error != NULL)
    return NULL;

  return g_steal_pointer (&tags);
}

static NdContributor *
load_contributor_where (NdStoryStore  *self,
                        const char    *sql,
                        gint64         id,
                        const char    *uuid,
                        GError       **error)
{
  g_autoptr(NdStatement) stmt = nd_database_prepare (self->database, sql, error);
  g_autoptr(NdContributor) contributor = NULL;
  gboolean has_row;

  if (stmt == NULL)
    return NULL;
  if (uuid != NULL)
    nd_bind_text (stmt, 1, uuid);
  else
    sqlite3_bind_int64 (stmt, 1, id);

  while (step_row (self->database, stmt, &has_row, error) && has_row)
    {
      if (contributor == NULL)
        {
          contributor = nd_contributor_new ();
          nd_contributor_set_id (contributor, sqlite3_column_int64 (stmt, 0));
          nd_contributor_set_uuid (contributor, nd_column_text (stmt, 1));
        }
      if (sqlite3_column_type (stmt, 2) != SQLITE_NULL)
        {
          nd_localized_text_set (nd_contributor_get_names (contributor),
                                 nd_column_text (stmt, 2), nd_column_text (stmt, 3));
          nd_localized_text_set (nd_contributor_get_roles (contributor),
                                 nd_column_text (stmt, 2), nd_column_text (stmt, 4));
        }
    }

  if (error != NULL && *error != NULL)
    return NULL;
  if (contributor == NULL)
    set_not_found (error, MISSING_CONTRIBUTOR);

  return g_steal_pointer (&contributor);
}

NdContributor *
nd_story_store_load_contributor (NdStoryStore  *self,
                                 gint64         id,
                                 GError       **error)
{
  g_return_val_if_fail (ND_IS_STORY_STORE (self), NULL);

  return load_contributor_where (self,
                                 "SELECT c.id, c.uuid, n.lang, n.name, n.role FROM contributors c"
                                 " LEFT JOIN contributor_names n ON n.contributor_id = c.id WHERE c.id = ?",
                                 id, NULL, error);
}

NdContributor *
nd_story_store_find_contributor_by_uuid (NdStoryStore  *self,
                                         const char    *uuid,
                                         GError       **error)
{
  g_return_val_if_fail (ND_IS_STORY_STORE (self), NULL);
  g_return_val_if_fail (uuid != NULL, NULL);

  return load_contributor_where (self,
                                 "SELECT c.id, c.uuid, n.lang, n.name, n.role FROM contributors c"
                                 " LEFT JOIN contributor_names n ON n.contributor_id = c.id WHERE c.uuid = ?",
                                 0, uuid, error);
}

/**
 * nd_story_store_list_contributors:
 * @self: a #NdStoryStore
 * @error: return location for a #GError
 *
 * Returns: (transfer full) (element-type NdContributor): every contributor
 */
GPtrArray *
nd_story_store_list_contributors (NdStoryStore  *self,
                                  GError       **error)
{
  g_autoptr(NdStatement) stmt = NULL;
  g_autoptr(GPtrArray) contributors = g_ptr_array_new_with_free_func (g_object_unref);
  g_autoptr(GArray) ids = g_array_new (FALSE, FALSE, sizeof (gint64));
  gboolean has_row;

  g_return_val_if_fail (ND_IS_STORY_STORE (self), NULL);

  stmt = nd_database_prepare (self->database, "SELECT id FROM contributors ORDER BY id", error);
  if (stmt == NULL)
    return NULL;
  while (step_row (self->database, stmt, &has_row, error) && has_row)
    {
      gint64 id = sqlite3_column_int64 (stmt, 0);
      g_array_append_val (ids, id);
    }
  if (error != NULL && *error != NULL)
    return NULL;
  nd_statement_release (g_steal_pointer (&stmt));

  for (guint i = 0; i < ids->len; i++)
    {
      NdContributor *contributor = nd_story_store_load_contributor (self, g_array_index (ids, gint64, i), error);

      if (contributor == NULL)
        return NULL;
      g_ptr_array_add (contributors, contributor);
    }

  return g_steal_pointer (&contributors);
}

static NdMedia *
load_media_where (NdStoryStore  *self,
                  const char    *sql,
                  gint64         id,
                  const char    *uuid,
                  GError       **error)
{
  g_autoptr(NdStatement) stmt = nd_database_prepare (self->database, sql, error);
  g_autoptr(NdMedia) media = NULL;
  gboolean has_row;

  if (stmt == NULL)
    return NULL;
  if (uuid != NULL)
    nd_bind_text (stmt, 1, uuid);
  else
    sqlite3_bind_int64 (stmt, 1, id);

  while (step_row (self->database, stmt, &has_row, error) && has_row)
    {
      if (media == NULL)
        {
          media = nd_media_new ();
          nd_media_set_id (media, sqlite3_column_int64 (stmt, 0));
          nd_media_set_uuid (media, nd_column_text (stmt, 1));
          nd_media_set_file (media, nd_column_text (stmt, 2));
          nd_media_set_mime_type (media, nd_column_text (stmt, 3));
        }
      if (sqlite3_column_type (stmt, 4) != SQLITE_NULL)
        {
          const char *lang = nd_column_text (stmt, 4);

          nd_localized_text_set (nd_media_get_captions (media), lang, nd_column_text (stmt, 5));
          nd_localized_text_set (nd_media_get_alts (media), lang, nd_column_text (stmt, 6));
          nd_localized_text_set (nd_media_get_credits (media), lang, nd_column_text (stmt, 7));
        }
    }

  if (error != NULL && *error != NULL)
    return NULL;
  if (media == NULL)
    set_not_found (error, MISSING_IMAGE);

  return g_steal_pointer (&media);
}

NdMedia *
nd_story_store_load_media (NdStoryStore  *self,
                           gint64         id,
                           GError       **error)
{
  g_return_val_if_fail (ND_IS_STORY_STORE (self), NULL);

  return load_media_where (self,
                           "SELECT m.id, m.uuid, m.file, m.mime_type, t.lang, t.caption, t.alt, t.credit"
                           " FROM media m LEFT JOIN media_texts t ON t.media_id = m.id WHERE m.id = ?",
                           id, NULL, error);
}

NdMedia *
nd_story_store_find_media_by_uuid (NdStoryStore  *self,
                                   const char    *uuid,
                                   GError       **error)
{
  g_return_val_if_fail (ND_IS_STORY_STORE (self), NULL);
  g_return_val_if_fail (uuid != NULL, NULL);

  return load_media_where (self,
                           "SELECT m.id, m.uuid, m.file, m.mime_type, t.lang, t.caption, t.alt, t.credit"
                           " FROM media m LEFT JOIN media_texts t ON t.media_id = m.id WHERE m.uuid = ?",
                           0, uuid, error);
}

/* Stories and editions ------------------------------------------------------ */

#define EDITION_COLUMNS \
  "id, story_id, lang, headline, standfirst, dateline_city, body, slug, status," \
  " publish_at, translator, revision, source_revision, word_count, updated_at"

#define EDITION_SUMMARY_COLUMNS \
  "id, story_id, lang, headline, '', '', '', slug, status," \
  " publish_at, translator, revision, source_revision, word_count, updated_at"

static NdEdition *
edition_from_row (sqlite3_stmt *stmt)
{
  NdEdition *edition = nd_edition_new ();
  NdEditionStatus status = ND_EDITION_STATUS_DRAFT;

  nd_edition_set_id (edition, sqlite3_column_int64 (stmt, 0));
  nd_edition_set_story_id (edition, sqlite3_column_int64 (stmt, 1));
  nd_edition_set_lang (edition, nd_column_text (stmt, 2));
  nd_edition_set_headline (edition, nd_column_text (stmt, 3));
  nd_edition_set_standfirst (edition, nd_column_text (stmt, 4));
  nd_edition_set_dateline_city (edition, nd_column_text (stmt, 5));
  nd_edition_set_body (edition, nd_column_text (stmt, 6));
  nd_edition_set_slug (edition, nd_column_text (stmt, 7));
  nd_edition_status_from_string (nd_column_text (stmt, 8), &status);
  nd_edition_set_status (edition, status);
  nd_edition_set_publish_at (edition, nd_column_int64_or (stmt, 9, 0));
  nd_edition_set_translator (edition, nd_column_text (stmt, 10));
  nd_edition_set_revision (edition, sqlite3_column_int64 (stmt, 11));
  nd_edition_set_source_revision (edition, nd_column_int64_or (stmt, 12, -1));
  nd_edition_set_word_count (edition, sqlite3_column_int (stmt, 13));
  nd_edition_set_updated_at (edition, sqlite3_column_int64 (stmt, 14));

  return edition;
}

static gboolean
touch_story (NdStoryStore  *self,
             gint64         story_id,
             gint64         now,
             GError       **error)
{
  g_autoptr(NdStatement) stmt = nd_database_prepare (self->database,
                                                     "UPDATE stories SET updated_at = ? WHERE id = ?",
                                                     error);
  if (stmt == NULL)
    return FALSE;

  sqlite3_bind_int64 (stmt, 1, now);
  sqlite3_bind_int64 (stmt, 2, story_id);
  return nd_database_step_done (self->database, stmt, error);
}

static gboolean
insert_edition_row (NdStoryStore     *self,
                    gint64            story_id,
                    const char       *lang,
                    NdEditionStatus   status,
                    gint64            now,
                    gint64           *out_id,
                    GError          **error)
{
  g_autoptr(NdStatement) stmt = nd_database_prepare (self->database,
                                                     "INSERT INTO editions (story_id, lang, status, updated_at)"
                                                     " VALUES (?, ?, ?, ?)",
                                                     error);
  if (stmt == NULL)
    return FALSE;

  sqlite3_bind_int64 (stmt, 1, story_id);
  nd_bind_text (stmt, 2, lang);
  nd_bind_text (stmt, 3, nd_edition_status_to_string (status));
  sqlite3_bind_int64 (stmt, 4, now);
  if (!nd_database_step_done (self->database, stmt, error))
    return FALSE;

  *out_id = nd_database_last_insert_rowid (self->database);
  return TRUE;
}

static gboolean
check_language (NdStoryStore  *self,
                const char    *lang,
                GError       **error)
{
  if (lang != NULL && nd_story_store_get_language (self, lang) != NULL)
    return TRUE;

  g_set_error (error, G_IO_ERROR, G_IO_ERROR_INVALID_ARGUMENT,
               _("“%s” is not a language of this publication"), lang != NULL ? lang : "");
  return FALSE;
}

/**
 * nd_story_store_create_story:
 * @self: a #NdStoryStore
 * @source_lang: the language the story is first written in
 * @error: return location for a #GError
 *
 * Creates a story with one empty draft edition in @source_lang.
 *
 * Returns: (transfer full) (nullable): the new story, with its edition
 */
NdStory *
nd_story_store_create_story (NdStoryStore  *self,
                             const char    *source_lang,
                             GError       **error)
{
  g_autofree char *uuid = new_uuid ();
  gint64 now = g_get_real_time ();
  gint64 story_id = 0;
  gint64 edition_id = 0;

  g_return_val_if_fail (ND_IS_STORY_STORE (self), NULL);

  if (!check_language (self, source_lang, error))
    return NULL;

  if (!nd_database_begin (self->database, error))
    return NULL;

  {
    g_autoptr(NdStatement) stmt = nd_database_prepare (self->database,
                                                       "INSERT INTO stories (uuid, source_lang, created_at, updated_at)"
                                                       " VALUES (?, ?, ?, ?)",
                                                       error);
    if (stmt == NULL)
      goto failed;
    nd_bind_text (stmt, 1, uuid);
    nd_bind_text (stmt, 2, source_lang);
    sqlite3_bind_int64 (stmt, 3, now);
    sqlite3_bind_int64 (stmt, 4, now);
    if (!nd_database_step_done (self->database, stmt, error))
      goto failed;
    story_id = nd_database_last_insert_rowid (self->database);
  }

  if (!insert_edition_row (self, story_id, source_lang, ND_EDITION_STATUS_DRAFT, now, &edition_id, error))
    goto failed;

  if (!nd_database_commit (self->database, error))
    return NULL;

  g_signal_emit (self, signals [STORY_ADDED], 0, story_id);
  return nd_story_store_load_story (self, story_id, error);

failed:
  nd_database_rollback (self->database);
  return NULL;
}

static gboolean
load_id_list (NdStoryStore  *self,
              const char    *sql,
              gint64         story_id,
              GArray        *ids,
              GError       **error)
{
  g_autoptr(NdStatement) stmt = nd_database_prepare (self->database, sql, error);
  gboolean has_row;

  if (stmt == NULL)
    return FALSE;

  g_array_set_size (ids, 0);
  sqlite3_bind_int64 (stmt, 1, story_id);
  while (step_row (self->database, stmt, &has_row, error) && has_row)
    {
      gint64 id = sqlite3_column_int64 (stmt, 0);
      g_array_append_val (ids, id);
    }

  return error == NULL || *error == NULL;
}

static NdStory *
load_story (NdStoryStore  *self,
            gint64         id,
            gboolean       full,
            GError       **error)
{
  g_autoptr(NdStory) story = NULL;
  gboolean has_row;

  {
    g_autoptr(NdStatement) stmt = nd_database_prepare (self->database,
                                                       "SELECT id, uuid, section_id, source_lang, featured_media_id,"
                                                       " created_at, updated_at, trashed_at FROM stories WHERE id = ?",
                                                       error);
    if (stmt == NULL)
      return NULL;
    sqlite3_bind_int64 (stmt, 1, id);
    if (!step_row (self->database, stmt, &has_row, error))
      return NULL;
    if (!has_row)
      {
        set_not_found (error, MISSING_STORY);
        return NULL;
      }

    story = nd_story_new ();
    nd_story_set_id (story, sqlite3_column_int64 (stmt, 0));
    nd_story_set_uuid (story, nd_column_text (stmt, 1));
    nd_story_set_section_id (story, nd_column_int64_or (stmt, 2, 0));
    nd_story_set_source_lang (story, nd_column_text (stmt, 3));
    nd_story_set_featured_media_id (story, nd_column_int64_or (stmt, 4, 0));
    nd_story_set_created_at (story, sqlite3_column_int64 (stmt, 5));
    nd_story_set_updated_at (story, sqlite3_column_int64 (stmt, 6));
    nd_story_set_trashed_at (story, nd_column_int64_or (stmt, 7, 0));
  }

  {
    /* Lists only need each edition's headline and state; the bodies of a
     * hundred thousand stories stay on disk. */
    g_autoptr(NdStatement) stmt = nd_database_prepare (self->database,
                                                       full
                                                       ? "SELECT " EDITION_COLUMNS " FROM editions e WHERE story_id = ?"
                                                         " ORDER BY (SELECT position FROM languages l WHERE l.code = e.lang), lang"
                                                       : "SELECT " EDITION_SUMMARY_COLUMNS " FROM editions e WHERE story_id = ?"
                                                         " ORDER BY (SELECT position FROM languages l WHERE l.code = e.lang), lang",
                                                       error);
    if (stmt == NULL)
      return NULL;
    sqlite3_bind_int64 (stmt, 1, id);
    while (step_row (self->database, stmt, &has_row, error) && has_row)
      {
        g_autoptr(NdEdition) edition = edition_from_row (stmt);
        nd_story_add_edition (story, edition);
      }
    if (error != NULL && *error != NULL)
      return NULL;
  }

  if (!load_id_list (self, "SELECT tag_id FROM story_tags WHERE story_id = ? ORDER BY position",
                     id, nd_story_get_tag_ids (story), error) ||
      !load_id_list (self, "SELECT contributor_id FROM story_contributors WHERE story_id = ? ORDER BY position",
                     id, nd_story_get_contributor_ids (story), error) ||
      !load_id_list (self, "SELECT related_id FROM story_related WHERE story_id = ? ORDER BY position",
                     id, nd_story_get_related_ids (story), error))
    return NULL;

  return g_steal_pointer (&story);
}

/**
 * nd_story_store_load_story:
 * @self: a #NdStoryStore
 * @id: a story id
 * @error: return location for a #GError
 *
 * Returns: (transfer full) (nullable): the story with all its editions
 */
NdStory *
nd_story_store_load_story (NdStoryStore  *self,
                           gint64         id,
                           GError       **error)
{
  g_return_val_if_fail (ND_IS_STORY_STORE (self), NULL);

  return load_story (self, id, TRUE, error);
}

/**
 * nd_story_store_load_story_summary:
 * @self: a #NdStoryStore
 * @id: a story id
 * @error: return location for a #GError
 *
 * Loads a story for a list: its editions carry headline, status and
 * revisions but no standfirst, dateline or body. Never save such editions.
 *
 * Returns: (transfer full) (nullable): the story
 */
NdStory *
nd_story_store_load_story_summary (NdStoryStore  *self,
                                   gint64         id,
                                   GError       **error)
{
  g_return_val_if_fail (ND_IS_STORY_STORE (self), NULL);

  return load_story (self, id, FALSE, error);
}

/**
 * nd_story_store_find_story_by_uuid:
 * @self: a #NdStoryStore
 * @uuid: a story's uuid
 * @error: return location for a #GError
 *
 * Returns: the story's id, or 0 when there is none (with @error unset)
 */
gint64
nd_story_store_find_story_by_uuid (NdStoryStore  *self,
                                   const char    *uuid,
                                   GError       **error)
{
  g_autoptr(NdStatement) stmt = NULL;
  gboolean has_row;

  g_return_val_if_fail (ND_IS_STORY_STORE (self), 0);
  g_return_val_if_fail (uuid != NULL, 0);

  stmt = nd_database_prepare (self->database, "SELECT id FROM stories WHERE uuid = ?", error);
  if (stmt == NULL)
    return 0;
  nd_bind_text (stmt, 1, uuid);
  if (!step_row (self->database, stmt, &has_row, error) || !has_row)
    return 0;

  return sqlite3_column_int64 (stmt, 0);
}

static gboolean
replace_id_list (NdStoryStore  *self,
                 const char    *delete_sql,
                 const char    *insert_sql,
                 gint64         story_id,
                 GArray        *ids,
                 GError       **error)
{
  {
    g_autoptr(NdStatement) stmt = nd_database_prepare (self->database, delete_sql, error);
    if (stmt == NULL)
      return FALSE;
    sqlite3_bind_int64 (stmt, 1, story_id);
    if (!nd_database_step_done (self->database, stmt, error))
      return FALSE;
  }

  for (guint i = 0; i < ids->len; i++)
    {
      g_autoptr(NdStatement) stmt = nd_database_prepare (self->database, insert_sql, error);
      if (stmt == NULL)
        return FALSE;
      sqlite3_bind_int64 (stmt, 1, story_id);
      sqlite3_bind_int64 (stmt, 2, g_array_index (ids, gint64, i));
      sqlite3_bind_int (stmt, 3, i);
      if (!nd_database_step_done (self->database, stmt, error))
        return FALSE;
    }

  return TRUE;
}

static gboolean
write_story (NdStoryStore  *self,
             NdStory       *story,
             gint64         now,
             GError       **error)
{
  gint64 id = nd_story_get_id (story);

  if (!check_language (self, nd_story_get_source_lang (story), error))
    return FALSE;

  {
    g_autoptr(NdStatement) stmt = nd_database_prepare (self->database,
                                                       "UPDATE stories SET section_id = ?, source_lang = ?,"
                                                       " featured_media_id = ?, updated_at = ? WHERE id = ?",
                                                       error);
    if (stmt == NULL)
      return FALSE;
    bind_int64_or_null (stmt, 1, nd_story_get_section_id (story), 0);
    nd_bind_text (stmt, 2, nd_story_get_source_lang (story));
    bind_int64_or_null (stmt, 3, nd_story_get_featured_media_id (story), 0);
    sqlite3_bind_int64 (stmt, 4, now);
    sqlite3_bind_int64 (stmt, 5, id);
    if (!nd_database_step_done (self->database, stmt, error))
      return FALSE;
    if (nd_database_changes (self->database) == 0)
      {
        set_not_found (error, MISSING_STORY);
        return FALSE;
      }
  }

  return replace_id_list (self, "DELETE FROM story_tags WHERE story_id = ?",
                          "INSERT OR IGNORE INTO story_tags (story_id, tag_id, position) VALUES (?, ?, ?)",
                          id, nd_story_get_tag_ids (story), error) &&
         replace_id_list (self, "DELETE FROM story_contributors WHERE story_id = ?",
                          "INSERT OR IGNORE INTO story_contributors (story_id, contributor_id, position) VALUES (?, ?, ?)",
                          id, nd_story_get_contributor_ids (story), error) &&
         replace_id_list (self, "DELETE FROM story_related WHERE story_id = ?",
                          "INSERT OR IGNORE INTO story_related (story_id, related_id, position) VALUES (?, ?, ?)",
                          id, nd_story_get_related_ids (story), error);
}

/**
 * nd_story_store_save_story:
 * @self: a #NdStoryStore
 * @story: a loaded story
 * @error: return location for a #GError
 *
 * Saves the story's own fields: section, source language, featured image,
 * tags, contributors and related stories, in one transaction. Editions are
 * saved with nd_story_store_save_edition().
 */
gboolean
nd_story_store_save_story (NdStoryStore  *self,
                           NdStory       *story,
                           GError       **error)
{
  gint64 now = g_get_real_time ();

  g_return_val_if_fail (ND_IS_STORY_STORE (self), FALSE);
  g_return_val_if_fail (ND_IS_STORY (story), FALSE);

  if (!nd_database_begin (self->database, error))
    return FALSE;
  if (!write_story (self, story, now, error))
    {
      nd_database_rollback (self->database);
      return FALSE;
    }
  if (!nd_database_commit (self->database, error))
    return FALSE;

  nd_story_set_updated_at (story, now);
  g_signal_emit (self, signals [STORY_CHANGED], 0, nd_story_get_id (story));
  return TRUE;
}

static NdEdition *
load_edition_by (NdStoryStore  *self,
                 const char    *sql,
                 gint64         id,
                 const char    *lang,
                 GError       **error)
{
  g_autoptr(NdStatement) stmt = nd_database_prepare (self->database, sql, error);
  gboolean has_row;

  if (stmt == NULL)
    return NULL;
  sqlite3_bind_int64 (stmt, 1, id);
  if (lang != NULL)
    nd_bind_text (stmt, 2, lang);
  if (!step_row (self->database, stmt, &has_row, error))
    return NULL;
  if (!has_row)
    {
      set_not_found (error, MISSING_EDITION);
      return NULL;
    }

  return edition_from_row (stmt);
}

/**
 * nd_story_store_load_edition:
 * @self: a #NdStoryStore
 * @story_id: a story id
 * @lang: a language code
 * @error: return location for a #GError
 *
 * Returns: (transfer full) (nullable): the edition, or %NULL with
 *   %G_IO_ERROR_NOT_FOUND when the story has none in @lang
 */
NdEdition *
nd_story_store_load_edition (NdStoryStore  *self,
                             gint64         story_id,
                             const char    *lang,
                             GError       **error)
{
  g_return_val_if_fail (ND_IS_STORY_STORE (self), NULL);
  g_return_val_if_fail (lang != NULL, NULL);

  return load_edition_by (self, "SELECT " EDITION_COLUMNS " FROM editions WHERE story_id = ? AND lang = ?",
                          story_id, lang, error);
}

/**
 * nd_story_store_load_edition_by_id:
 * @self: a #NdStoryStore
 * @edition_id: an edition id
 * @error: return location for a #GError
 *
 * Returns: (transfer full) (nullable): the edition, loaded in full, or %NULL
 *   with %G_IO_ERROR_NOT_FOUND
 */
NdEdition *
nd_story_store_load_edition_by_id (NdStoryStore  *self,
                                   gint64         edition_id,
                                   GError       **error)
{
  g_return_val_if_fail (ND_IS_STORY_STORE (self), NULL);

  return load_edition_by (self, "SELECT " EDITION_COLUMNS " FROM editions WHERE id = ?", edition_id, NULL, error);
}

/**
 * nd_story_store_add_edition:
 * @self: a #NdStoryStore
 * @story_id: a story id
 * @lang: a language the story has no edition in yet
 * @error: return location for a #GError
 *
 * Asks for a translation: adds an empty edition in @lang with the status
 * "needs translation".
 *
 * Returns: (transfer full) (nullable): the new edition
 */
NdEdition *
nd_story_store_add_edition (NdStoryStore  *self,
                            gint64         story_id,
                            const char    *lang,
                            GError       **error)
{
  gint64 now = g_get_real_time ();
  gint64 edition_id;

  g_return_val_if_fail (ND_IS_STORY_STORE (self), NULL);

  if (!check_language (self, lang, error))
    return NULL;
  if (!nd_database_begin (self->database, error))
    return NULL;
  if (!insert_edition_row (self, story_id, lang, ND_EDITION_STATUS_NEEDS_TRANSLATION, now, &edition_id, error) ||
      !touch_story (self, story_id, now, error))
    {
      nd_database_rollback (self->database);
      return NULL;
    }
  if (!nd_database_commit (self->database, error))
    return NULL;

  g_signal_emit (self, signals [STORY_CHANGED], 0, story_id);
  return nd_story_store_load_edition (self, story_id, lang, error);
}

typedef struct
{
  gint64   id;
  gint64   created_at;
  gint64   saved_at;
  gboolean pinned;
} RevisionHead;

static gboolean
read_revision_head (NdStoryStore  *self,
                    gint64         edition_id,
                    RevisionHead  *head,
                    gboolean      *found,
                    GError       **error)
{
  g_autoptr(NdStatement) stmt = nd_database_prepare (self->database,
                                                     "SELECT id, created_at, saved_at, pinned FROM revisions"
                                                     " WHERE edition_id = ? ORDER BY revision DESC LIMIT 1",
                                                     error);
  if (stmt == NULL)
    return FALSE;

  sqlite3_bind_int64 (stmt, 1, edition_id);
  if (!step_row (self->database, stmt, found, error))
    return FALSE;
  if (*found)
    {
      head->id = sqlite3_column_int64 (stmt, 0);
      head->created_at = sqlite3_column_int64 (stmt, 1);
      head->saved_at = sqlite3_column_int64 (stmt, 2);
      head->pinned = sqlite3_column_int (stmt, 3) != 0;
    }

  return TRUE;
}

static gboolean
write_revision (NdStoryStore  *self,
                NdEdition     *edition,
                gint64         revision,
                int            word_count,
                gint64         now,
                gboolean       force_new,
                gboolean       pinned,
                GError       **error)
{
  RevisionHead head = { 0 };
  gboolean found = FALSE;
  gboolean coalesce;
  g_autoptr(NdStatement) stmt = NULL;

  if (!read_revision_head (self, nd_edition_get_id (edition), &head, &found, error))
    return FALSE;

  coalesce = found && !force_new && !head.pinned &&
             now - head.saved_at < self->revision_pause &&
             now - head.created_at < self->revision_burst;

  if (coalesce)
    stmt = nd_database_prepare (self->database,
                                "UPDATE revisions SET revision = ?2, saved_at = ?3, headline = ?4,"
                                " standfirst = ?5, dateline_city = ?6, body = ?7, word_count = ?8,"
                                " pinned = ?9 WHERE id = ?1",
                                error);
  else
    stmt = nd_database_prepare (self->database,
                                "INSERT INTO revisions (edition_id, revision, saved_at, headline, standfirst,"
                                " dateline_city, body, word_count, pinned, created_at)"
                                " VALUES (?1, ?2, ?3, ?4, ?5, ?6, ?7, ?8, ?9, ?3)",
                                error);
  if (stmt == NULL)
    return FALSE;

  sqlite3_bind_int64 (stmt, 1, coalesce ? head.id : nd_edition_get_id (edition));
  sqlite3_bind_int64 (stmt, 2, revision);
  sqlite3_bind_int64 (stmt, 3, now);
  nd_bind_text (stmt, 4, nd_edition_get_headline (edition));
  nd_bind_text (stmt, 5, nd_edition_get_standfirst (edition));
  nd_bind_text (stmt, 6, nd_edition_get_dateline_city (edition));
  nd_bind_text (stmt, 7, nd_edition_get_body (edition));
  sqlite3_bind_int (stmt, 8, word_count);
  sqlite3_bind_int (stmt, 9, pinned);

  return nd_database_step_done (self->database, stmt, error);
}

static gboolean
stored_text_differs (NdStoryStore  *self,
                     NdEdition     *edition,
                     gint64        *stored_revision,
                     gboolean      *differs,
                     gboolean      *details_differ,
                     GError       **error)
{
  g_autoptr(NdStatement) stmt = nd_database_prepare (self->database,
                                                     "SELECT revision, headline IS NOT ?2 OR standfirst IS NOT ?3"
                                                     " OR dateline_city IS NOT ?4 OR body IS NOT ?5,"
                                                     " slug IS NOT ?6 OR translator IS NOT ?7"
                                                     " FROM editions WHERE id = ?1",
                                                     error);
  gboolean has_row;

  if (stmt == NULL)
    return FALSE;

  sqlite3_bind_int64 (stmt, 1, nd_edition_get_id (edition));
  nd_bind_text (stmt, 2, nd_edition_get_headline (edition));
  nd_bind_text (stmt, 3, nd_edition_get_standfirst (edition));
  nd_bind_text (stmt, 4, nd_edition_get_dateline_city (edition));
  nd_bind_text (stmt, 5, nd_edition_get_body (edition));
  nd_bind_text (stmt, 6, nd_edition_get_slug (edition));
  nd_bind_text (stmt, 7, nd_edition_get_translator (edition));
  if (!step_row (self->database, stmt, &has_row, error))
    return FALSE;
  if (!has_row)
    {
      set_not_found (error, MISSING_EDITION);
      return FALSE;
    }

  *stored_revision = sqlite3_column_int64 (stmt, 0);
  *differs = sqlite3_column_int (stmt, 1) != 0;
  *details_differ = sqlite3_column_int (stmt, 2) != 0;
  return TRUE;
}

static gboolean
write_edition_text (NdStoryStore  *self,
                    NdEdition     *edition,
                    gint64         revision,
                    int            word_count,
                    gint64         now,
                    GError       **error)
{
  g_autoptr(NdStatement) stmt = nd_database_prepare (self->database,
                                                     "UPDATE editions SET headline = ?, standfirst = ?,"
                                                     " dateline_city = ?, body = ?, slug = ?, translator = ?,"
                                                     " revision = ?, word_count = ?, updated_at = ? WHERE id = ?",
                                                     error);
  if (stmt == NULL)
    return FALSE;

  nd_bind_text (stmt, 1, nd_edition_get_headline (edition));
  nd_bind_text (stmt, 2, nd_edition_get_standfirst (edition));
  nd_bind_text (stmt, 3, nd_edition_get_dateline_city (edition));
  nd_bind_text (stmt, 4, nd_edition_get_body (edition));
  nd_bind_text (stmt, 5, nd_edition_get_slug (edition));
  nd_bind_text (stmt, 6, nd_edition_get_translator (edition));
  sqlite3_bind_int64 (stmt, 7, revision);
  sqlite3_bind_int (stmt, 8, word_count);
  sqlite3_bind_int64 (stmt, 9, now);
  sqlite3_bind_int64 (stmt, 10, nd_edition_get_id (edition));

  return nd_database_step_done (self->database, stmt, error);
}

static gboolean
save_edition_full (NdStoryStore  *self,
                   NdEdition     *edition,
                   gboolean       force_revision,
                   GError       **error)
{
  gint64 now = g_get_real_time ();
  gint64 stored_revision = 0;
  gint64 revision;
  gboolean differs = FALSE;
  gboolean details_differ = FALSE;
  int word_count;

  if (!nd_database_begin (self->database, error))
    return FALSE;

  if (!stored_text_differs (self, edition, &stored_revision, &differs, &details_differ, error))
    goto failed;

  /* Saving what is already stored writes nothing: the story keeps its place
   * in the list and its time of last change. */
  if (!differs && !details_differ && !force_revision)
    {
      nd_database_rollback (self->database);
      return TRUE;
    }

  /* The revision counts changes of the text, so a translation knows how far
   * its source has moved; saving unchanged text adds nothing. */
  revision = differs || force_revision ? stored_revision + 1 : stored_revision;
  word_count = nd_text_count_markdown_words (nd_edition_get_body (edition));

  if (!write_edition_text (self, edition, revision, word_count, now, error))
    goto failed;
  if ((differs || force_revision) &&
      !write_revision (self, edition, revision, word_count, now, force_revision, force_revision, error))
    goto failed;
  if (!touch_story (self, nd_edition_get_story_id (edition), now, error))
    goto failed;

  if (!nd_database_commit (self->database, error))
    return FALSE;

  /* Only now that the text is on disk does the object say so. */
  nd_edition_set_revision (edition, revision);
  nd_edition_set_word_count (edition, word_count);
  nd_edition_set_updated_at (edition, now);
  g_signal_emit (self, signals [STORY_CHANGED], 0, nd_edition_get_story_id (edition));
  return TRUE;

failed:
  nd_database_rollback (self->database);
  return FALSE;
}

/**
 * nd_story_store_save_edition:
 * @self: a #NdStoryStore
 * @edition: an edition loaded in full (not from a list summary)
 * @error: return location for a #GError
 *
 * Writes the edition's text, slug and translator in one transaction. When
 * the text changed, the edition's revision goes up and the state is kept in
 * its history (rapid saves are folded into the newest revision). When the
 * write fails (full disk, read-only file) nothing is changed, @edition still
 * holds the text and the caller keeps it and tries again.
 */
gboolean
nd_story_store_save_edition (NdStoryStore  *self,
                             NdEdition     *edition,
                             GError       **error)
{
  g_return_val_if_fail (ND_IS_STORY_STORE (self), FALSE);
  g_return_val_if_fail (ND_IS_EDITION (edition), FALSE);
  g_return_val_if_fail (nd_edition_get_id (edition) > 0, FALSE);

  return save_edition_full (self, edition, FALSE, error);
}

static gboolean
record_status_change (NdStoryStore     *self,
                      gint64            edition_id,
                      NdEditionStatus   old_status,
                      NdEditionStatus   new_status,
                      const char       *author,
                      gint64            now,
                      GError          **error)
{
  g_autoptr(NdStatement) stmt = nd_database_prepare (self->database,
                                                     "INSERT INTO status_changes (edition_id, old_status,"
                                                     " new_status, author, changed_at) VALUES (?, ?, ?, ?, ?)",
                                                     error);
  if (stmt == NULL)
    return FALSE;

  sqlite3_bind_int64 (stmt, 1, edition_id);
  nd_bind_text (stmt, 2, nd_edition_status_to_string (old_status));
  nd_bind_text (stmt, 3, nd_edition_status_to_string (new_status));
  nd_bind_text (stmt, 4, author != NULL ? author : "");
  sqlite3_bind_int64 (stmt, 5, now);
  return nd_database_step_done (self->database, stmt, error);
}

/**
 * nd_story_store_set_edition_status:
 * @self: a #NdStoryStore
 * @edition: an edition
 * @status: the new status
 * @author: (nullable): who made the change, kept in the history
 * @error: return location for a #GError
 *
 * Moves @edition in the workflow. Moves the workflow does not allow
 * (nd_edition_status_can_transition()) fail with %G_IO_ERROR_INVALID_ARGUMENT.
 */
gboolean
nd_story_store_set_edition_status (NdStoryStore     *self,
                                   NdEdition        *edition,
                                   NdEditionStatus   status,
                                   const char       *author,
                                   GError          **error)
{
  NdEditionStatus old_status;
  gint64 now = g_get_real_time ();

  g_return_val_if_fail (ND_IS_STORY_STORE (self), FALSE);
  g_return_val_if_fail (ND_IS_EDITION (edition), FALSE);

  old_status = nd_edition_get_status (edition);
  if (old_status == status)
    return TRUE;

  if (!nd_edition_status_can_transition (old_status, status))
    {
      g_set_error (error, G_IO_ERROR, G_IO_ERROR_INVALID_ARGUMENT,
                   /* Translators: the statuses are "Draft", "Ready"… */
                   _("An edition cannot go from “%s” to “%s”"),
                   nd_edition_status_get_label (old_status), nd_edition_status_get_label (status));
      return FALSE;
    }

  if (!nd_database_begin (self->database, error))
    return FALSE;

  {
    g_autoptr(NdStatement) stmt = nd_database_prepare (self->database,
                                                       "UPDATE editions SET status = ?, updated_at = ? WHERE id = ?",
                                                       error);
    if (stmt == NULL)
      goto failed;
    nd_bind_text (stmt, 1, nd_edition_status_to_string (status));
    sqlite3_bind_int64 (stmt, 2, now);
    sqlite3_bind_int64 (stmt, 3, nd_edition_get_id (edition));
    if (!nd_database_step_done (self->database, stmt, error))
      goto failed;
  }

  if (!record_status_change (self, nd_edition_get_id (edition), old_status, status, author, now, error) ||
      !touch_story (self, nd_edition_get_story_id (edition), now, error))
    goto failed;

  if (!nd_database_commit (self->database, error))
    return FALSE;

  nd_edition_set_status (edition, status);
  g_signal_emit (self, signals [STORY_CHANGED], 0, nd_edition_get_story_id (edition));
  return TRUE;

failed:
  nd_database_rollback (self->database);
  return FALSE;
}

/**
 * nd_story_store_take_remote_status:
 * @self: a #NdStoryStore
 * @edition: an edition
 * @status: the status the publication's site gives it
 * @publish_at: its publish time there, seconds UTC, or 0
 * @author: who changed it there, kept in the history
 * @error: return location for a #GError
 *
 * Takes the status and publish time an edition has on the site. The site is
 * where editions go live, so its word is not checked against the workflow's
 * moves (a post published on the web is published, whatever it was here);
 * the change is kept in the history like any other.
 */
gboolean
nd_story_store_take_remote_status (NdStoryStore     *self,
                                   NdEdition        *edition,
                                   NdEditionStatus   status,
                                   gint64            publish_at,
                                   const char       *author,
                                   GError          **error)
{
  NdEditionStatus old_status;
  gint64 now = g_get_real_time ();

  g_return_val_if_fail (ND_IS_STORY_STORE (self), FALSE);
  g_return_val_if_fail (ND_IS_EDITION (edition), FALSE);

  old_status = nd_edition_get_status (edition);
  if (old_status == status && nd_edition_get_publish_at (edition) == publish_at)
    return TRUE;

  if (!nd_database_begin (self->database, error))
    return FALSE;

  {
    g_autoptr(NdStatement) stmt = nd_database_prepare (self->database,
                                                       "UPDATE editions SET status = ?, publish_at = ?, updated_at = ?"
                                                       " WHERE id = ?",
                                                       error);
    if (stmt == NULL)
      goto failed;
    nd_bind_text (stmt, 1, nd_edition_status_to_string (status));
    bind_int64_or_null (stmt, 2, publish_at, 0);
    sqlite3_bind_int64 (stmt, 3, now);
    sqlite3_bind_int64 (stmt, 4, nd_edition_get_id (edition));
    if (!nd_database_step_done (self->database, stmt, error))
      goto failed;
  }

  if ((old_status != status &&
       !record_status_change (self, nd_edition_get_id (edition), old_status, status, author, now, error)) ||
      !touch_story (self, nd_edition_get_story_id (edition), now, error))
    goto failed;

  if (!nd_database_commit (self->database, error))
    return FALSE;

  nd_edition_set_status (edition, status);
  nd_edition_set_publish_at (edition, publish_at);
  g_signal_emit (self, signals [STORY_CHANGED], 0, nd_edition_get_story_id (edition));
  return TRUE;

failed:
  nd_database_rollback (self->database);
  return FALSE;
}

/**
 * nd_story_store_set_publish_at:
 * @self: a #NdStoryStore
 * @edition: an edition
 * @publish_at: seconds since the epoch, UTC, or 0 for none
 * @error: return location for a #GError
 *
 * Sets when @edition goes live.
 */
gboolean
nd_story_store_set_publish_at (NdStoryStore  *self,
                               NdEdition     *edition,
                               gint64         publish_at,
                               GError       **error)
{
  g_autoptr(NdStatement) stmt = NULL;

  g_return_val_if_fail (ND_IS_STORY_STORE (self), FALSE);
  g_return_val_if_fail (ND_IS_EDITION (edition), FALSE);

  stmt = nd_database_prepare (self->database,
                              "UPDATE editions SET publish_at = ?, updated_at = ? WHERE id = ?", error);
  if (stmt == NULL)
    return FALSE;
  bind_int64_or_null (stmt, 1, publish_at, 0);
  sqlite3_bind_int64 (stmt, 2, g_get_real_time ());
  sqlite3_bind_int64 (stmt, 3, nd_edition_get_id (edition));
  if (!nd_database_step_done (self->database, stmt, error))
    return FALSE;

  nd_edition_set_publish_at (edition, publish_at);
  g_signal_emit (self, signals [STORY_CHANGED], 0, nd_edition_get_story_id (edition));
  return TRUE;
}

/**
 * nd_story_store_mark_translated:
 * @self: a #NdStoryStore
 * @translation: an edition that is not the story's source
 * @error: return location for a #GError
 *
 * Records that @translation is up to date with the current revision of the
 * story's source edition ("Mark as up to date"). That source revision is
 * pinned in the history, so the translator can later see what changed since.
 */
gboolean
nd_story_store_mark_translated (NdStoryStore  *self,
                                NdEdition     *translation,
                                GError       **error)
{
  g_autoptr(NdEdition) source = NULL;
  g_autoptr(NdStory) story = NULL;

  g_return_val_if_fail (ND_IS_STORY_STORE (self), FALSE);
  g_return_val_if_fail (ND_IS_EDITION (translation), FALSE);

  story = load_story (self, nd_edition_get_story_id (translation), FALSE, error);
  if (story == NULL)
    return FALSE;
  if (g_str_equal (nd_story_get_source_lang (story), nd_edition_get_lang (translation)))
    {
      g_set_error (error, G_IO_ERROR, G_IO_ERROR_INVALID_ARGUMENT,
                   _("The source edition is not a translation"));
      return FALSE;
    }
  source = nd_story_store_load_edition (self, nd_story_get_id (story), nd_story_get_source_lang (story), error);
  if (source == NULL)
    return FALSE;

  if (!nd_database_begin (self->database, error))
    return FALSE;

  {
    g_autoptr(NdStatement) stmt = nd_database_prepare (self->database,
                                                       "UPDATE editions SET source_revision = ?, updated_at = ?"
                                                       " WHERE id = ?",
                                                       error);
    if (stmt == NULL)
      goto failed;
    sqlite3_bind_int64 (stmt, 1, nd_edition_get_revision (source));
    sqlite3_bind_int64 (stmt, 2, g_get_real_time ());
    sqlite3_bind_int64 (stmt, 3, nd_edition_get_id (translation));
    if (!nd_database_step_done (self->database, stmt, error))
      goto failed;
  }

  {
    g_autoptr(NdStatement) stmt = nd_database_prepare (self->database,
                                                       "UPDATE revisions SET pinned = 1"
                                                       " WHERE edition_id = ? AND revision = ?",
                                                       error);
    if (stmt == NULL)
      goto failed;
    sqlite3_bind_int64 (stmt, 1, nd_edition_get_id (source));
    sqlite3_bind_int64 (stmt, 2, nd_edition_get_revision (source));
    if (!nd_database_step_done (self->database, stmt, error))
      goto failed;
  }

  if (!nd_database_commit (self->database, error))
    return FALSE;

  nd_edition_set_source_revision (translation, nd_edition_get_revision (source));
  g_signal_emit (self, signals [STORY_CHANGED], 0, nd_edition_get_story_id (translation));
  return TRUE;

failed:
  nd_database_rollback (self->database);
  return FALSE;
}

static gboolean
set_trashed (NdStoryStore  *self,
             gint64         story_id,
             gint64         trashed_at,
             GError       **error)
{
  g_autoptr(NdStatement) stmt = nd_database_prepare (self->database,
                                                     "UPDATE stories SET trashed_at = ? WHERE id = ?", error);
  if (stmt == NULL)
    return FALSE;

  bind_int64_or_null (stmt, 1, trashed_at, 0);
  sqlite3_bind_int64 (stmt, 2, story_id);
  if (!nd_database_step_done (self->database, stmt, error))
    return FALSE;
  if (nd_database_changes (self->database) == 0)
    {
      set_not_found (error, MISSING_STORY);
      return FALSE;
    }

  g_signal_emit (self, signals [STORY_CHANGED], 0, story_id);
  return TRUE;
}

/**
 * nd_story_store_trash_story:
 * @self: a #NdStoryStore
 * @story_id: a story
 * @error: return location for a #GError
 *
 * Moves a story to the trash, from where nd_story_store_restore_story()
 * brings it back until the trash is emptied.
 */
gboolean
nd_story_store_trash_story (NdStoryStore  *self,
                            gint64         story_id,
                            GError       **error)
{
  g_return_val_if_fail (ND_IS_STORY_STORE (self), FALSE);

  return set_trashed (self, story_id, g_get_real_time (), error);
}

gboolean
nd_story_store_restore_story (NdStoryStore  *self,
                              gint64         story_id,
                              GError       **error)
{
  g_return_val_if_fail (ND_IS_STORY_STORE (self), FALSE);

  return set_trashed (self, story_id, 0, error);
}

/**
 * nd_story_store_empty_trash:
 * @self: a #NdStoryStore
 * @n_deleted: (out) (optional): how many stories were deleted
 * @error: return location for a #GError
 *
 * Deletes every story in the trash for good, in one transaction.
 */
gboolean
nd_story_store_empty_trash (NdStoryStore  *self,
                            guint         *n_deleted,
                            GError       **error)
{
  g_autoptr(GArray) ids = g_array_new (FALSE, FALSE, sizeof (gint64));
  gboolean has_row;

  g_return_val_if_fail (ND_IS_STORY_STORE (self), FALSE);

  if (!nd_database_begin (self->database, error))
    return FALSE;

  {
    g_autoptr(NdStatement) stmt = nd_database_prepare (self->database,
                                                       "SELECT id FROM stories WHERE trashed_at IS NOT NULL", error);
    if (stmt == NULL)
      goto failed;
    while (step_row (self->database, stmt, &has_row, error) && has_row)
      {
        gint64 id = sqlite3_column_int64 (stmt, 0);
        g_array_append_val (ids, id);
      }
    if (error != NULL && *error != NULL)
      goto failed;
  }

  {
    g_autoptr(NdStatement) stmt = nd_database_prepare (self->database,
                                                       "DELETE FROM stories WHERE trashed_at IS NOT NULL", error);
    if (stmt == NULL || !nd_database_step_done (self->database, stmt, error))
      goto failed;
  }

  if (!nd_database_commit (self->database, error))
    return FALSE;

  for (guint i = 0; i < ids->len; i++)
    g_signal_emit (self, signals [STORY_REMOVED], 0, g_array_index (ids, gint64, i));
  if (n_deleted != NULL)
    *n_deleted = ids->len;
  return TRUE;

failed:
  nd_database_rollback (self->database);
  return FALSE;
}

/* History ------------------------------------------------------------------- */

#define REVISION_COLUMNS \
  "id, edition_id, revision, created_at, saved_at, headline, standfirst, dateline_city," \
  " body, word_count, pinned"

static NdRevision *
revision_from_row (sqlite3_stmt *stmt)
{
  NdRevision *revision = nd_revision_new ();

  nd_revision_set_id (revision, sqlite3_column_int64 (stmt, 0));
  nd_revision_set_edition_id (revision, sqlite3_column_int64 (stmt, 1));
  nd_revision_set_revision (revision, sqlite3_column_int64 (stmt, 2));
  nd_revision_set_created_at (revision, sqlite3_column_int64 (stmt, 3));
  nd_revision_set_saved_at (revision, sqlite3_column_int64 (stmt, 4));
  nd_revision_set_headline (revision, nd_column_text (stmt, 5));
  nd_revision_set_standfirst (revision, nd_column_text (stmt, 6));
  nd_revision_set_dateline_city (revision, nd_column_text (stmt, 7));
  nd_revision_set_body (revision, nd_column_text (stmt, 8));
  nd_revision_set_word_count (revision, sqlite3_column_int (stmt, 9));
  nd_revision_set_pinned (revision, sqlite3_column_int (stmt, 10) != 0);

  return revision;
}

/**
 * nd_story_store_list_revisions:
 * @self: a #NdStoryStore
 * @edition_id: an edition
 * @error: return location for a #GError
 *
 * Returns: (transfer full) (element-type NdRevision): the kept states of
 *   the edition, newest first
 */
GPtrArray *
nd_story_store_list_revisions (NdStoryStore  *self,
                               gint64         edition_id,
                               GError       **error)
{
  g_autoptr(NdStatement) stmt = NULL;
  g_autoptr(GPtrArray) revisions = g_ptr_array_new_with_free_func (g_object_unref);
  gboolean has_row;

  g_return_val_if_fail (ND_IS_STORY_STORE (self), NULL);

  stmt = nd_database_prepare (self->database,
                              "SELECT " REVISION_COLUMNS " FROM revisions WHERE edition_id = ?"
                              " ORDER BY revision DESC",
                              error);
  if (stmt == NULL)
    return NULL;

  sqlite3_bind_int64 (stmt, 1, edition_id);
  while (step_row (self->database, stmt, &has_row, error) && has_row)
    g_ptr_array_add (revisions, revision_from_row (stmt));
  if (error != NULL && *error != NULL)
    return NULL;

  return g_steal_pointer (&revisions);
}

/**
 * nd_story_store_load_revision:
 * @self: a #NdStoryStore
 * @edition_id: an edition
 * @revision: a revision number
 * @error: return location for a #GError
 *
 * Finds the kept state that was current at @revision: the row with that
 * number, or the newest row before it when rapid saves were folded together.
 *
 * Returns: (transfer full) (nullable): the revision
 */
NdRevision *
nd_story_store_load_revision (NdStoryStore  *self,
                              gint64         edition_id,
                              gint64         revision,
                              GError       **error)
{
  g_autoptr(NdStatement) stmt = NULL;
  gboolean has_row;

  g_return_val_if_fail (ND_IS_STORY_STORE (self), NULL);

  stmt = nd_database_prepare (self->database,
                              "SELECT " REVISION_COLUMNS " FROM revisions WHERE edition_id = ? AND revision <= ?"
                              " ORDER BY revision DESC LIMIT 1",
                              error);
  if (stmt == NULL)
    return NULL;

  sqlite3_bind_int64 (stmt, 1, edition_id);
  sqlite3_bind_int64 (stmt, 2, revision);
  if (!step_row (self->database, stmt, &has_row, error))
    return NULL;
  if (!has_row)
    {
      set_not_found (error, MISSING_REVISION);
      return NULL;
    }

  return revision_from_row (stmt);
}

/**
 * nd_story_store_restore_revision:
 * @self: a #NdStoryStore
 * @edition: the edition, loaded in full
 * @revision: one of its revisions
 * @error: return location for a #GError
 *
 * Brings back the text of @revision. The restore is itself a new revision,
 * kept apart from any other, so it can be undone by restoring the state
 * before it.
 */
gboolean
nd_story_store_restore_revision (NdStoryStore  *self,
                                 NdEdition     *edition,
                                 NdRevision    *revision,
                                 GError       **error)
{
  g_autoptr(NdEdition) restored = NULL;

  g_return_val_if_fail (ND_IS_STORY_STORE (self), FALSE);
  g_return_val_if_fail (ND_IS_EDITION (edition), FALSE);
  g_return_val_if_fail (ND_IS_REVISION (revision), FALSE);
  g_return_val_if_fail (nd_revision_get_edition_id (revision) == nd_edition_get_id (edition), FALSE);

  /* Work on a copy so that a failed write leaves the editor's text alone. */
  restored = nd_edition_copy (edition);
  nd_edition_set_headline (restored, nd_revision_get_headline (revision));
  nd_edition_set_standfirst (restored, nd_revision_get_standfirst (revision));
  nd_edition_set_dateline_city (restored, nd_revision_get_dateline_city (revision));
  nd_edition_set_body (restored, nd_revision_get_body (revision));

  if (!save_edition_full (self, restored, TRUE, error))
    return FALSE;

  nd_edition_set_headline (edition, nd_edition_get_headline (restored));
  nd_edition_set_standfirst (edition, nd_edition_get_standfirst (restored));
  nd_edition_set_dateline_city (edition, nd_edition_get_dateline_city (restored));
  nd_edition_set_body (edition, nd_edition_get_body (restored));
  nd_edition_set_revision (edition, nd_edition_get_revision (restored));
  nd_edition_set_word_count (edition, nd_edition_get_word_count (restored));
  nd_edition_set_updated_at (edition, nd_edition_get_updated_at (restored));
  return TRUE;
}

/* Lists --------------------------------------------------------------------- */

/*
 * The filter's SQL is put together from the constant fragments below, chosen
 * by which filters are set; every value is a bound parameter. The statement
 * cache keeps one prepared statement per combination.
 */
static char *
filter_sql (const NdStoryFilter *filter,
            const char          *select)
{
  GString *sql = g_string_new (select);

  g_string_append (sql, filter->trashed ? " WHERE st.trashed_at IS NOT NULL" : " WHERE st.trashed_at IS NULL");

  if (filter->section_id != 0)
    g_string_append (sql, " AND st.section_id = :section");
  if (filter->tag_id != 0)
    g_string_append (sql, " AND EXISTS (SELECT 1 FROM story_tags t WHERE t.story_id = st.id AND t.tag_id = :tag)");
  if (filter->has_status)
    g_string_append (sql, filter->lang != NULL
                          ? " AND EXISTS (SELECT 1 FROM editions e INDEXED BY editions_by_story_state WHERE e.story_id = st.id AND e.lang = :lang AND e.status = :status)"
                          : " AND EXISTS (SELECT 1 FROM editions e INDEXED BY editions_by_story_state WHERE e.story_id = st.id AND e.status = :status)");
  else if (filter->lang != NULL && !filter->needs_translation && !filter->stale)
    g_string_append (sql, " AND EXISTS (SELECT 1 FROM editions e INDEXED BY editions_by_story_state WHERE e.story_id = st.id AND e.lang = :lang)");
  if (filter->needs_translation)
    g_string_append (sql, filter->lang != NULL
                          ? " AND EXISTS (SELECT 1 FROM editions e INDEXED BY editions_by_story_state WHERE e.story_id = st.id AND e.lang = :lang AND e.status = 'needs-translation')"
                          : " AND EXISTS (SELECT 1 FROM editions e INDEXED BY editions_by_story_state WHERE e.story_id = st.id AND e.status = 'needs-translation')");
  if (filter->stale)
    g_string_append (sql, filter->lang != NULL
                          ? " AND EXISTS (SELECT 1 FROM editions t INDEXED BY editions_by_story_state"
                            " JOIN editions s INDEXED BY editions_by_story_state ON s.story_id = t.story_id AND s.lang = st.source_lang"
                            " WHERE t.story_id = st.id AND t.lang = :lang AND t.lang <> st.source_lang"
                            " AND t.source_revision IS NOT NULL AND s.revision > t.source_revision)"
                          : " AND EXISTS (SELECT 1 FROM editions t INDEXED BY editions_by_story_state"
                            " JOIN editions s INDEXED BY editions_by_story_state ON s.story_id = t.story_id AND s.lang = st.source_lang"
                            " WHERE t.story_id = st.id AND t.lang <> st.source_lang"
                            " AND t.source_revision IS NOT NULL AND s.revision > t.source_revision)");
  /* The schedule filters look for few editions among many stories, so they
   * are answered once from an index (publish time, or language and status)
   * rather than story by story: a hundred times faster on a large desk. The
   * languages list lets the index on (lang, status) serve "missed" in every
   * language; every edition's language is in it. */
  if (filter->scheduled_from != 0 || filter->scheduled_to != 0)
    g_string_append (sql, filter->lang != NULL
                          ? " AND st.id IN (SELECT e.story_id FROM editions e WHERE e.lang = :lang"
                            " AND e.status = 'scheduled' AND e.publish_at >= :scheduled_from AND e.publish_at < :scheduled_to)"
                          : " AND st.id IN (SELECT e.story_id FROM editions e"
                            " WHERE e.status = 'scheduled' AND e.publish_at >= :scheduled_from AND e.publish_at < :scheduled_to)");
  if (filter->missed)
    g_string_append (sql, filter->lang != NULL
                          ? " AND st.id IN (SELECT e.story_id FROM editions e WHERE e.lang = :lang"
                            " AND e.status = 'scheduled' AND e.publish_at <= :now)"
                          : " AND st.id IN (SELECT e.story_id FROM editions e WHERE e.lang IN (SELECT code FROM languages)"
                            " AND e.status = 'scheduled' AND e.publish_at <= :now)");

  return g_string_free (sql, FALSE);
}

static void
bind_filter (sqlite3_stmt        *stmt,
             const NdStoryFilter *filter)
{
  int index;

  if ((index = sqlite3_bind_parameter_index (stmt, ":section")) > 0)
    sqlite3_bind_int64 (stmt, index, filter->section_id);
  if ((index = sqlite3_bind_parameter_index (stmt, ":tag")) > 0)
    sqlite3_bind_int64 (stmt, index, filter->tag_id);
  if ((index = sqlite3_bind_parameter_index (stmt, ":lang")) > 0)
    nd_bind_text (stmt, index, filter->lang);
  if ((index = sqlite3_bind_parameter_index (stmt, ":status")) > 0)
    nd_bind_text (stmt, index, nd_edition_status_to_string (filter->status));
  /* An open end of the schedule range is the whole of time on that side. */
  if ((index = sqlite3_bind_parameter_index (stmt, ":scheduled_from")) > 0)
    sqlite3_bind_int64 (stmt, index, filter->scheduled_from != 0 ? filter->scheduled_from : G_MININT64);
  if ((index = sqlite3_bind_parameter_index (stmt, ":scheduled_to")) > 0)
    sqlite3_bind_int64 (stmt, index, filter->scheduled_to != 0 ? filter->scheduled_to : G_MAXINT64);
  if ((index = sqlite3_bind_parameter_index (stmt, ":now")) > 0)
    sqlite3_bind_int64 (stmt, index, nd_schedule_now ());
}

static GArray *
query_story_rows (NdStoryStore         *self,
                  const NdStoryFilter  *filter,
                  guint                 limit,
                  gint64                only_story_id,
                  const NdStoryRow     *after,
                  GError              **error)
{
  static const NdStoryFilter everything = { 0 };
  g_autoptr(GArray) rows = g_array_new (FALSE, FALSE, sizeof (NdStoryRow));
  g_autoptr(NdStatement) stmt = NULL;
  g_autofree char *where = NULL;
  g_autofree char *sql = NULL;
  gboolean has_row;

  if (filter == NULL)
    filter = &everything;

  where = filter_sql (filter, "SELECT st.id, st.updated_at FROM stories st");
  sql = g_strconcat (where,
                     only_story_id != 0 ? " AND st.id = :story" : "",
                     after != NULL ? " AND (st.updated_at < :after_at OR (st.updated_at = :after_at AND st.id < :after_id))" : "",
                     " ORDER BY st.updated_at DESC, st.id DESC LIMIT :limit", NULL);

  stmt = nd_database_prepare (self->database, sql, error);
  if (stmt == NULL)
    return NULL;
  bind_filter (stmt, filter);
  if (only_story_id != 0)
    sqlite3_bind_int64 (stmt, sqlite3_bind_parameter_index (stmt, ":story"), only_story_id);
  if (after != NULL)
    {
      sqlite3_bind_int64 (stmt, sqlite3_bind_parameter_index (stmt, ":after_at"), after->updated_at);
      sqlite3_bind_int64 (stmt, sqlite3_bind_parameter_index (stmt, ":after_id"), after->id);
    }
  sqlite3_bind_int64 (stmt, sqlite3_bind_parameter_index (stmt, ":limit"), limit > 0 ? (gint64) limit : -1);

  while (step_row (self->database, stmt, &has_row, error) && has_row)
    {
      NdStoryRow row = { sqlite3_column_int64 (stmt, 0), sqlite3_column_int64 (stmt, 1) };
      g_array_append_val (rows, row);
    }
  if (error != NULL && *error != NULL)
    return NULL;

  return g_steal_pointer (&rows);
}

/**
 * nd_story_store_query_story_rows:
 * @self: a #NdStoryStore
 * @filter: (nullable): which stories, or %NULL for all on the desk
 * @limit: the most rows wanted, or 0 for all
 * @only_story_id: a story to test against the filter, or 0 for all stories
 * @error: return location for a #GError
 *
 * Returns: (transfer full) (element-type NdStoryRow): the matching stories,
 *   most recently changed first
 */
GArray *
nd_story_store_query_story_rows (NdStoryStore         *self,
                                 const NdStoryFilter  *filter,
                                 guint                 limit,
                                 gint64                only_story_id,
                                 GError              **error)
{
  g_return_val_if_fail (ND_IS_STORY_STORE (self), NULL);

  return query_story_rows (self, filter, limit, only_story_id, NULL, error);
}

/**
 * nd_story_store_query_story_rows_after:
 * @self: a #NdStoryStore
 * @filter: (nullable): which stories, or %NULL for all on the desk
 * @after: the row to continue after
 * @limit: the most rows wanted, or 0 for all
 * @error: return location for a #GError
 *
 * The next part of what nd_story_store_query_story_rows() lists: the
 * matching stories that come after @after in its order. A list read a part
 * at a time this way neither skips nor repeats a story when others change
 * in between (a changed story moves to the top).
 *
 * Returns: (transfer full) (element-type NdStoryRow): the matching stories
 *   after @after, most recently changed first
 */
GArray *
nd_story_store_query_story_rows_after (NdStoryStore         *self,
                                       const NdStoryFilter  *filter,
                                       const NdStoryRow     *after,
                                       guint                 limit,
                                       GError              **error)
{
  g_return_val_if_fail (ND_IS_STORY_STORE (self), NULL);
  g_return_val_if_fail (after != NULL, NULL);

  return query_story_rows (self, filter, limit, 0, after, error);
}

/**
 * nd_story_store_query_story_ids:
 * @self: a #NdStoryStore
 * @filter: (nullable): which stories, or %NULL for all on the desk
 * @limit: the most ids wanted, or 0 for all
 * @error: return location for a #GError
 *
 * Returns: (transfer full) (element-type gint64): the matching stories'
 *   ids, most recently changed first
 */
GArray *
nd_story_store_query_story_ids (NdStoryStore         *self,
                                const NdStoryFilter  *filter,
                                guint                 limit,
                                GError              **error)
{
  g_autoptr(GArray) rows = NULL;
  GArray *ids;

  g_return_val_if_fail (ND_IS_STORY_STORE (self), NULL);

  rows = nd_story_store_query_story_rows (self, filter, limit, 0, error);
  if (rows == NULL)
    return NULL;

  ids = g_array_sized_new (FALSE, FALSE, sizeof (gint64), rows->len);
  for (guint i = 0; i < rows->len; i++)
    g_array_append_val (ids, g_array_index (rows, NdStoryRow, i).id);

  return ids;
}

/**
 * nd_story_store_count_stories:
 * @self: a #NdStoryStore
 * @error: return location for a #GError
 *
 * Returns: the number of stories on the desk (not in the trash)
 */
guint
nd_story_store_count_stories (NdStoryStore  *self,
                              GError       **error)
{
  g_autoptr(NdStatement) stmt = NULL;
  gboolean has_row;

  g_return_val_if_fail (ND_IS_STORY_STORE (self), 0);

  stmt = nd_database_prepare (self->database,
                              "SELECT count(*) FROM stories WHERE trashed_at IS NULL", error);
  if (stmt == NULL || !step_row (self->database, stmt, &has_row, error) || !has_row)
    return 0;

  return sqlite3_column_int (stmt, 0);
}

/* Search -------------------------------------------------------------------- */

typedef struct
{
  gint64 edition_id;
  double score;
} Candidate;

static int
compare_candidates (gconstpointer a,
                    gconstpointer b)
{
  const Candidate *ca = a;
  const Candidate *cb = b;

  /* bm25() is lower for better matches; newer editions win ties. */
  if (ca->score != cb->score)
    return ca->score < cb->score ? -1 : 1;
  return ca->edition_id > cb->edition_id ? -1 : ca->edition_id < cb->edition_id;
}

static gboolean
collect_candidates (NdStoryStore  *self,
                    const char    *match,
                    GArray        *candidates,
                    GError       **error)
{
  g_autoptr(NdStatement) stmt = NULL;
  gboolean has_row;

  /* Headlines weigh most, then standfirsts. FTS5 walks its index newest
   * edition first and stops at the limit, so common words cost no more than
   * rare ones. No join here: each edition row is about a page, and reading
   * a thousand of them costs more than the search; the language and the
   * trash are checked for the few hits shown. */
  stmt = nd_database_prepare (self->database,
                              "SELECT rowid, bm25(editions_search, 10.0, 4.0, 1.0) FROM editions_search"
                              " WHERE editions_search MATCH ?1 ORDER BY rowid DESC LIMIT ?2",
                              error);
  if (stmt == NULL)
    return FALSE;

  nd_bind_text (stmt, 1, match);
  sqlite3_bind_int (stmt, 2, ND_SEARCH_CANDIDATES);

  while (step_row (self->database, stmt, &has_row, error) && has_row)
    {
      Candidate candidate = { sqlite3_column_int64 (stmt, 0), sqlite3_column_double (stmt, 1) };
      g_array_append_val (candidates, candidate);
    }

  return error == NULL || *error == NULL;
}

/* Loads the hits for candidates [first, first + n) in one statement: one
 * MATCH for all of them, since FTS5 expands a prefix query again for each
 * statement. Hits keep the candidates' order; editions in another language
 * or in the trash are left out. */
static gboolean
load_hits (NdStoryStore  *self,
           const char    *match,
           const char    *lang,
           GArray        *candidates,
           guint          first,
           guint          n,
           GPtrArray     *hits,
           GError       **error)
{
  g_autoptr(NdStatement) stmt = NULL;
  g_autoptr(GHashTable) found = g_hash_table_new_full (g_int64_hash, g_int64_equal, NULL,
                                                       (GDestroyNotify) nd_search_hit_free);
  g_autoptr(GString) ids = g_string_new ("[");
  gint64 low = G_MAXINT64, high = G_MININT64;
  gboolean has_row;

  for (guint i = first; i < first + n; i++)
    {
      gint64 id = g_array_index (candidates, Candidate, i).edition_id;

      g_string_append_printf (ids, "%s%" G_GINT64_FORMAT, i > first ? "," : "", id);
      low = MIN (low, id);
      high = MAX (high, id);
    }
  g_string_append_c (ids, ']');

  stmt = nd_database_prepare (self->database,
                              "SELECT f.rowid, e.story_id, e.lang, e.headline,"
                              " snippet(editions_search, -1, '" ND_SEARCH_MARK_START "', '" ND_SEARCH_MARK_END "', '…', 24)"
                              " FROM editions_search f JOIN editions e ON e.id = f.rowid"
                              " JOIN stories st ON st.id = e.story_id"
                              " WHERE editions_search MATCH ?1 AND f.rowid BETWEEN ?2 AND ?3"
                              " AND +f.rowid IN (SELECT value FROM json_each (?4))"
                              " AND st.trashed_at IS NULL AND (?5 IS NULL OR e.lang = ?5)",
                              error);
  if (stmt == NULL)
    return FALSE;

  nd_bind_text (stmt, 1, match);
  sqlite3_bind_int64 (stmt, 2, low);
  sqlite3_bind_int64 (stmt, 3, high);
  nd_bind_text (stmt, 4, ids->str);
  nd_bind_text (stmt, 5, lang);

  while (step_row (self->database, stmt, &has_row, error) && has_row)
    {
      NdSearchHit *hit = g_new0 (NdSearchHit, 1);

      hit->edition_id = sqlite3_column_int64 (stmt, 0);
      hit->story_id = sqlite3_column_int64 (stmt, 1);
      hit->lang = g_strdup (nd_column_text (stmt, 2));
      hit->headline = g_strdup (nd_column_text (stmt, 3));
      hit->snippet = g_strdup (nd_column_text (stmt, 4));
      g_hash_table_insert (found, &hit->edition_id, hit);
    }
  if (error != NULL && *error != NULL)
    return FALSE;

  for (guint i = first; i < first + n; i++)
    {
      const Candidate *candidate = &g_array_index (candidates, Candidate, i);
      NdSearchHit *hit = NULL;

      if (g_hash_table_steal_extended (found, &candidate->edition_id, NULL, (gpointer *) &hit))
        {
          hit->score = -candidate->score;
          g_ptr_array_add (hits, hit);
        }
    }

  return TRUE;
}

/**
 * nd_story_store_merge_search_index:
 * @self: a #NdStoryStore
 * @pages: how much work to do, in index pages written (a few hundred take
 *   some tens of milliseconds)
 * @more: (out) (optional): whether merging did any work, so that another
 *   call may be worth making
 * @error: return location for a #GError
 *
 * Merges segments of the search index, a bounded amount at a time. Saves do
 * not merge (that would make some autosaves slow); the application calls
 * this when the editor pauses, so search stays fast.
 */
gboolean
nd_story_store_merge_search_index (NdStoryStore  *self,
                                   int            pages,
                                   gboolean      *more,
                                   GError       **error)
{
  g_autoptr(NdStatement) stmt = NULL;
  sqlite3 *handle;
  int before;

  g_return_val_if_fail (ND_IS_STORY_STORE (self), FALSE);
  g_return_val_if_fail (pages > 0, FALSE);

  if (more != NULL)
    *more = FALSE;
  if (nd_database_is_read_only (self->database))
    return TRUE;

  stmt = nd_database_prepare (self->database,
                              "INSERT INTO editions_search (editions_search, rank) VALUES ('merge', ?)",
                              error);
  if (stmt == NULL)
    return FALSE;

  /* FTS5 tells whether a merge did anything only through the change count. */
  handle = nd_database_get_handle (self->database);
  before = sqlite3_total_changes (handle);
  sqlite3_bind_int (stmt, 1, pages);
  if (!nd_database_step_done (self->database, stmt, error))
    return FALSE;

  if (more != NULL)
    *more = sqlite3_total_changes (handle) - before > 1;
  return TRUE;
}

/**
 * nd_story_store_search:
 * @self: a #NdStoryStore
 * @typed: what the editor typed; the last word is taken as a prefix
 * @lang: (nullable): only editions in this language
 * @limit: the most hits wanted
 * @error: return location for a #GError
 *
 * Searches headlines, standfirsts and bodies of every edition on the desk,
 * in any of the publication's languages, folding case, ё/е, Arabic marks and
 * letter variants and Latin accents. Hits are ranked by relevance among the
 * newest matches, headlines first, one hit per edition.
 *
 * Returns: (transfer full) (element-type NdSearchHit): the hits, best first
 */
GPtrArray *
nd_story_store_search (NdStoryStore  *self,
                       const char    *typed,
                       const char    *lang,
                       guint          limit,
                       GError       **error)
{
  g_autoptr(GPtrArray) hits = g_ptr_array_new_with_free_func ((GDestroyNotify) nd_search_hit_free);
  g_autoptr(GArray) candidates = g_array_new (FALSE, FALSE, sizeof (Candidate));
  g_autofree char *match = NULL;

  g_return_val_if_fail (ND_IS_STORY_STORE (self), NULL);
  g_return_val_if_fail (typed != NULL, NULL);

  match = nd_search_query_from_text (typed);
  if (match == NULL)
    return g_steal_pointer (&hits);

  if (!collect_candidates (self, match, candidates, error))
    return NULL;

  g_array_sort (candidates, compare_candidates);

  /* Load the best candidates in batches until the page is full; a language
   * filter or the trash may leave some out. */
  for (guint next = 0; hits->len < limit && next < candidates->len;)
    {
      guint n = MIN (candidates->len - next, MAX ((limit - hits->len) * 2, 16));

      if (!load_hits (self, match, lang, candidates, next, n, hits, error))
        return NULL;
      next += n;
    }

  if (hits->len > limit)
    g_ptr_array_set_size (hits, limit);

  return g_steal_pointer (&hits);
}

typedef struct
{
  char  *typed;
  char  *lang;
  guint  limit;
} SearchData;

static void
search_data_free (SearchData *data)
{
  g_free (data->typed);
  g_free (data->lang);
  g_free (data);
}

/* Searches @store and loads the summary of each story found, on its best
 * hit; stops early when @cancellable is cancelled (a newer search replaced
 * this one). */
static GPtrArray *
search_with_summaries (NdStoryStore  *store,
                       SearchData    *data,
                       GCancellable  *cancellable,
                       GError       **error)
{
  g_autoptr(GPtrArray) hits = nd_story_store_search (store, data->typed, data->lang, data->limit, error);
  g_autoptr(GHashTable) seen = g_hash_table_new (g_int64_hash, g_int64_equal);

  if (hits == NULL)
    return NULL;

  for (guint i = 0; i < hits->len; i++)
    {
      NdSearchHit *hit = g_ptr_array_index (hits, i);

      if (g_cancellable_set_error_if_cancelled (cancellable, error))
        return NULL;
      if (g_hash_table_contains (seen, &hit->story_id))
        continue;
      g_hash_table_add (seen, &hit->story_id);
      /* A story trashed meanwhile has no summary: its hit is shown no more. */
      hit->story = nd_story_store_load_story_summary (store, hit->story_id, NULL);
    }

  return g_steal_pointer (&hits);
}

/* A read-only connection that work off the main thread reads through,
 * opened on first use; call with its lock held. */
static NdStoryStore *
get_reader_locked (NdStoryStore  *self,
                   ReaderKind     kind,
                   GError       **error)
{
  if (self->readers[kind] == NULL)
    {
      g_autoptr(NdDatabase) database = nd_database_open (nd_database_get_path (self->database),
                                                         ND_DATABASE_FLAGS_READ_ONLY, error);

      /* A long read goes through thousands of pages once, where a
       * search comes back to the same index pages at every keystroke: its
       * cache would only hold memory (16 MiB, in the thread's own arena). */
      if (database != NULL && kind == READER_BULK &&
          !nd_database_execute (database, "PRAGMA cache_size = -2048", error))
        return NULL;
      if (database != NULL)
        self->readers[kind] = nd_story_store_new (database, error);
    }

  return self->readers[kind];
}

/* Work that reads the store off the main thread, on the reader. */
typedef gpointer (*ReaderWork) (NdStoryStore  *store,
                                gpointer       data,
                                GCancellable  *cancellable,
                                GError       **error);

typedef struct
{
  ReaderKind     kind;
  ReaderWork     work;
  GDestroyNotify free_result;
  gpointer       data;
  GDestroyNotify free_data;
} ReaderJob;

static void
reader_job_free (ReaderJob *job)
{
  job->free_data (job->data);
  g_free (job);
}

static void
return_reader_work (GTask     *task,
                    ReaderJob *job,
                    gpointer   result,
                    GError    *error)
{
  if (result == NULL)
    g_task_return_error (task, error);
  else
    g_task_return_pointer (task, result, job->free_result);
}

static void
reader_thread (GTask        *task,
               gpointer      source_object,
               gpointer      task_data,
               GCancellable *cancellable)
{
  NdStoryStore *self = source_object;
  ReaderJob *job = task_data;
  GError *error = NULL;
  gpointer result = NULL;
  NdStoryStore *reader;

  g_mutex_lock (&self->reader_locks[job->kind]);

  if (g_task_return_error_if_cancelled (task))
    {
      g_mutex_unlock (&self->reader_locks[job->kind]);
      return;
    }

  reader = get_reader_locked (self, job->kind, &error);
  if (reader != NULL)
    result = job->work (reader, job->data, cancellable, &error);

  g_mutex_unlock (&self->reader_locks[job->kind]);

  return_reader_work (task, job, result, error);
}

/* Runs @work for @task on the read-only connection of @kind, in a thread;
 * a database in memory, which no other connection can see, is read on the
 * calling thread. @data is @work's, and freed with the task. */
static void
run_on_reader (NdStoryStore   *self,
               ReaderKind      kind,
               GTask          *task,
               ReaderWork      work,
               GDestroyNotify  free_result,
               gpointer        data,
               GDestroyNotify  free_data)
{
  ReaderJob *job = g_new0 (ReaderJob, 1);

  job->kind = kind;
  job->work = work;
  job->free_result = free_result;
  job->data = data;
  job->free_data = free_data;
  g_task_set_task_data (task, job, (GDestroyNotify) reader_job_free);

  if (g_str_equal (nd_database_get_path (self->database), ":memory:"))
    {
      GError *error = NULL;
      gpointer result = work (self, data, g_task_get_cancellable (task), &error);

      return_reader_work (task, job, result, error);
      return;
    }

  g_task_run_in_thread (task, reader_thread);
}

/**
 * nd_story_store_search_async:
 * @self: a #NdStoryStore
 * @typed: what the editor typed; the last word is taken as a prefix
 * @lang: (nullable): only editions in this language
 * @limit: the most hits wanted
 * @cancellable: (nullable): a #GCancellable
 * @callback: called on the thread-default main context with the hits
 * @user_data: data for @callback
 *
 * Does what nd_story_store_search() does, and loads the summary of each
 * story found, off the main thread, on a read-only connection of its own; a
 * database in memory, which no other connection can see, is searched on
 * the calling thread. Cancel the search that a newer one replaces.
 */
void
nd_story_store_search_async (NdStoryStore        *self,
                             const char          *typed,
                             const char          *lang,
                             guint                limit,
                             GCancellable        *cancellable,
                             GAsyncReadyCallback  callback,
                             gpointer             user_data)
{
  g_autoptr(GTask) task = NULL;
  SearchData *data;

  g_return_if_fail (ND_IS_STORY_STORE (self));
  g_return_if_fail (typed != NULL);
  g_return_if_fail (cancellable == NULL || G_IS_CANCELLABLE (cancellable));

  task = g_task_new (self, cancellable, callback, user_data);
  g_task_set_source_tag (task, nd_story_store_search_async);
  data = g_new0 (SearchData, 1);
  data->typed = g_strdup (typed);
  data->lang = g_strdup (lang);
  data->limit = limit;
  run_on_reader (self, READER_SEARCH, task, (ReaderWork) search_with_summaries, (GDestroyNotify) g_ptr_array_unref,
                 data, (GDestroyNotify) search_data_free);
}

/**
 * nd_story_store_search_finish:
 * @self: a #NdStoryStore
 * @result: the #GAsyncResult given to the callback
 * @error: return location for a #GError
 *
 * Returns: (transfer full) (element-type NdSearchHit): the hits, best first;
 *   the best hit of each story carries the story's summary
 */
GPtrArray *
nd_story_store_search_finish (NdStoryStore  *self,
                              GAsyncResult  *result,
                              GError       **error)
{
  g_return_val_if_fail (ND_IS_STORY_STORE (self), NULL);
  g_return_val_if_fail (g_task_is_valid (result, self), NULL);
  g_return_val_if_fail (g_task_get_source_tag (G_TASK (result)) == nd_story_store_search_async, NULL);

  return g_task_propagate_pointer (G_TASK (result), error);
}

typedef struct
{
  NdStoryFilter filter;
  char         *lang;
  NdStoryRow    after;
  guint         part;
} RowsAfterData;

static void
rows_after_data_free (RowsAfterData *data)
{
  g_free (data->lang);
  g_free (data);
}

/* Reads a part at a time, so that a cancelled read stops soon. Stories
 * that change meanwhile move to the top, before @after: they are neither
 * skipped nor read twice. */
static GArray *
read_rows_after (NdStoryStore   *store,
                 RowsAfterData  *data,
                 GCancellable   *cancellable,
                 GError        **error)
{
  g_autoptr(GArray) rows = g_array_new (FALSE, FALSE, sizeof (NdStoryRow));
  NdStoryRow after = data->after;

  for (;;)
    {
      g_autoptr(GArray) part = NULL;

      if (g_cancellable_set_error_if_cancelled (cancellable, error))
        return NULL;

      part = query_story_rows (store, &data->filter, data->part, 0, &after, error);
      if (part == NULL)
        return NULL;

      g_array_append_vals (rows, part->data, part->len);
      if (part->len < data->part)
        return g_steal_pointer (&rows);

      after = g_array_index (part, NdStoryRow, part->len - 1);
    }
}

/**
 * nd_story_store_query_story_rows_after_async:
 * @self: a #NdStoryStore
 * @filter: (nullable): which stories, or %NULL for all on the desk; copied
 * @after: the row to continue after
 * @part: how many rows each query reads (at least 1)
 * @cancellable: (nullable): a #GCancellable
 * @callback: called on the thread-default main context with the rows
 * @user_data: data for @callback
 *
 * Does what nd_story_store_query_story_rows_after() does for every row
 * after @after, off the main thread, on the read-only connection for long
 * reads (not the searches'); a database in memory is read on the calling
 * thread. Rows
 * of stories that change while it reads may be out of date: the caller
 * takes those from the store's change signals.
 */
void
nd_story_store_query_story_rows_after_async (NdStoryStore        *self,
                                             const NdStoryFilter *filter,
                                             const NdStoryRow    *after,
                                             guint                part,
                                             GCancellable        *cancellable,
                                             GAsyncReadyCallback  callback,
                                             gpointer             user_data)
{
  static const NdStoryFilter everything = { 0 };
  g_autoptr(GTask) task = NULL;
  RowsAfterData *data;

  g_return_if_fail (ND_IS_STORY_STORE (self));
  g_return_if_fail (after != NULL);
  g_return_if_fail (part > 0);
  g_return_if_fail (cancellable == NULL || G_IS_CANCELLABLE (cancellable));

  task = g_task_new (self, cancellable, callback, user_data);
  g_task_set_source_tag (task, nd_story_store_query_story_rows_after_async);
  data = g_new0 (RowsAfterData, 1);
  data->filter = filter != NULL ? *filter : everything;
  data->lang = g_strdup (data->filter.lang);
  data->filter.lang = data->lang;
  data->after = *after;
  data->part = part;
  run_on_reader (self, READER_BULK, task, (ReaderWork) read_rows_after, (GDestroyNotify) g_array_unref,
                 data, (GDestroyNotify) rows_after_data_free);
}

/**
 * nd_story_store_query_story_rows_after_finish:
 * @self: a #NdStoryStore
 * @result: the #GAsyncResult given to the callback
 * @error: return location for a #GError
 *
 * Returns: (transfer full) (element-type NdStoryRow): the matching stories
 *   after the row asked for, most recently changed first
 */
GArray *
nd_story_store_query_story_rows_after_finish (NdStoryStore  *self,
                                              GAsyncResult  *result,
                                              GError       **error)
{
  g_return_val_if_fail (ND_IS_STORY_STORE (self), NULL);
  g_return_val_if_fail (g_task_is_valid (result, self), NULL);
  g_return_val_if_fail (g_task_get_source_tag (G_TASK (result)) == nd_story_store_query_story_rows_after_async, NULL);

  return g_task_propagate_pointer (G_TASK (result), error);
}

/* Workflow and schedule ----------------------------------------------------- */

void
nd_status_change_free (NdStatusChange *change)
{
  if (change == NULL)
    return;

  g_free (change->author);
  g_free (change);
}

void
nd_scheduled_item_free (NdScheduledItem *item)
{
  if (item == NULL)
    return;

  g_free (item->lang);
  g_free (item->headline);
  g_free (item);
}

/* The workflow is checked against what is stored, not against the caller's
 * copy of the edition: what is stored is what goes out. Editors save within a
 * second of pausing, so the two rarely differ. Returns the story, with the
 * stored @edition in *current (owned by the story). */
static NdStory *
load_for_move (NdStoryStore  *self,
               NdEdition     *edition,
               NdEdition    **current,
               GError       **error)
{
  g_autoptr(NdStory) story = NULL;

  story = load_story (self, nd_edition_get_story_id (edition), TRUE, error);
  if (story == NULL)
    return NULL;

  *current = nd_story_get_edition (story, nd_edition_get_lang (edition));
  if (*current == NULL || nd_edition_get_id (*current) != nd_edition_get_id (edition))
    {
      set_not_found (error, MISSING_EDITION);
      return NULL;
    }

  return g_steal_pointer (&story);
}

static GPtrArray *
check_stored_move (NdStory         *story,
                   NdEdition       *current,
                   NdEditionStatus  status)
{
  NdEdition *source = nd_story_get_edition (story, nd_story_get_source_lang (story));

  return nd_workflow_check (story, current, source, status);
}

/**
 * nd_story_store_check_move:
 * @self: a #NdStoryStore
 * @edition: a stored edition
 * @status: the wanted status
 * @error: return location for a #GError
 *
 * What nd_story_store_move_edition() would say about the move, for the
 * interface to show before the editor commits to it (see
 * nd_workflow_check()). The stored state of @edition and its story is
 * checked.
 *
 * Returns: (transfer full) (element-type NdWorkflowProblem) (nullable): the
 *   problems, worst first, or %NULL with @error set when the edition cannot
 *   be read
 */
GPtrArray *
nd_story_store_check_move (NdStoryStore     *self,
                           NdEdition        *edition,
                           NdEditionStatus   status,
                           GError          **error)
{
  g_autoptr(NdStory) story = NULL;
  NdEdition *current = NULL;

  g_return_val_if_fail (ND_IS_STORY_STORE (self), NULL);
  g_return_val_if_fail (ND_IS_EDITION (edition), NULL);
  g_return_val_if_fail (status <= ND_EDITION_STATUS_LAST, NULL);

  story = load_for_move (self, edition, &current, error);
  if (story == NULL)
    return NULL;

  return check_stored_move (story, current, status);
}

/**
 * nd_story_store_move_edition:
 * @self: a #NdStoryStore
 * @edition: a stored edition; its status is updated on success
 * @status: the wanted status
 * @author: (nullable): who moves it, kept in the history
 * @confirmed: whether the editor confirmed the problems that ask for it
 * @error: return location for a #GError
 *
 * Moves @edition in the workflow once the rules of nd_workflow_check() allow
 * it: a refusal fails with %ND_WORKFLOW_ERROR_REFUSED, an unconfirmed stale
 * translation with %ND_WORKFLOW_ERROR_NEEDS_CONFIRMATION; warnings do not
 * stop it. A move to scheduled also needs a publish time in the future
 * (otherwise %ND_WORKFLOW_ERROR_IN_PAST); nd_story_store_schedule_edition()
 * sets both at once. Who moved it and when goes to the history
 * (nd_story_store_list_status_changes()).
 */
gboolean
nd_story_store_move_edition (NdStoryStore     *self,
                             NdEdition        *edition,
                             NdEditionStatus   status,
                             const char       *author,
                             gboolean          confirmed,
                             GError          **error)
{
  g_autoptr(NdStory) story = NULL;
  g_autoptr(GPtrArray) problems = NULL;
  NdEdition *current = NULL;

  g_return_val_if_fail (ND_IS_STORY_STORE (self), FALSE);
  g_return_val_if_fail (ND_IS_EDITION (edition), FALSE);
  g_return_val_if_fail (status <= ND_EDITION_STATUS_LAST, FALSE);

  story = load_for_move (self, edition, &current, error);
  if (story == NULL)
    return FALSE;

  problems = check_stored_move (story, current, status);
  if (!nd_workflow_allows (problems, confirmed, error))
    return FALSE;

  if (status == ND_EDITION_STATUS_SCHEDULED && nd_edition_get_status (current) != status)
    {
      g_autoptr(GTimeZone) zone = nd_story_store_get_time_zone (self);

      if (nd_edition_get_publish_at (current) == 0)
        {
          g_set_error_literal (error, ND_WORKFLOW_ERROR, ND_WORKFLOW_ERROR_REFUSED,
                               _("Choose a publish time first"));
          return FALSE;
        }
      if (!nd_schedule_check_future (nd_edition_get_publish_at (current), nd_schedule_now (), zone, error))
        return FALSE;
    }

  if (!nd_story_store_set_edition_status (self, current, status, author, error))
    return FALSE;

  nd_edition_set_status (edition, status);
  return TRUE;
}

/**
 * nd_story_store_list_status_changes:
 * @self: a #NdStoryStore
 * @edition_id: an edition id
 * @error: return location for a #GError
 *
 * Returns: (transfer full) (element-type NdStatusChange) (nullable): the
 *   edition's moves in the workflow, oldest first
 */
GPtrArray *
nd_story_store_list_status_changes (NdStoryStore  *self,
                                    gint64         edition_id,
                                    GError       **error)
{
  g_autoptr(GPtrArray) changes = NULL;
  g_autoptr(NdStatement) stmt = NULL;
  gboolean has_row;

  g_return_val_if_fail (ND_IS_STORY_STORE (self), NULL);

  stmt = nd_database_prepare (self->database,
                              "SELECT old_status, new_status, author, changed_at FROM status_changes"
                              " WHERE edition_id = ? ORDER BY changed_at, id",
                              error);
  if (stmt == NULL)
    return NULL;
  sqlite3_bind_int64 (stmt, 1, edition_id);

  changes = g_ptr_array_new_with_free_func ((GDestroyNotify) nd_status_change_free);
  while (step_row (self->database, stmt, &has_row, error) && has_row)
    {
      NdStatusChange *change = g_new0 (NdStatusChange, 1);

      change->edition_id = edition_id;
      change->has_old_status = nd_edition_status_from_string ((const char *) sqlite3_column_text (stmt, 0),
                                                              &change->old_status);
      nd_edition_status_from_string (nd_column_text (stmt, 1), &change->new_status);
      change->author = g_strdup (nd_column_text (stmt, 2));
      change->changed_at = sqlite3_column_int64 (stmt, 3);
      g_ptr_array_add (changes, change);
    }
  if (error != NULL && *error != NULL)
    return NULL;

  return g_steal_pointer (&changes);
}

/**
 * nd_story_store_get_time_zone:
 * @self: a #NdStoryStore
 *
 * The publication's time zone, from the "time-zone" setting; UTC when the
 * setting is missing or names no zone.
 *
 * Returns: (transfer full): the zone
 */
GTimeZone *
nd_story_store_get_time_zone (NdStoryStore *self)
{
  g_autofree char *identifier = NULL;

  g_return_val_if_fail (ND_IS_STORY_STORE (self), NULL);

  identifier = nd_story_store_get_setting (self, "time-zone");
  return nd_schedule_zone_new (identifier);
}

/* Checks that @current may be scheduled at @publish_at, without writing. */
static gboolean
check_schedule (NdStoryStore  *self,
                NdStory       *story,
                NdEdition     *current,
                gint64         publish_at,
                gint64         now,
                gboolean       confirmed,
                GError       **error)
{
  g_autoptr(GTimeZone) zone = nd_story_store_get_time_zone (self);
  g_autoptr(GPtrArray) problems = NULL;

  problems = check_stored_move (story, current, ND_EDITION_STATUS_SCHEDULED);
  if (!nd_workflow_allows (problems, confirmed, error))
    return FALSE;

  return nd_schedule_check_future (publish_at, now, zone, error);
}

/* Writes a checked schedule; the caller holds a transaction. */
static gboolean
write_schedule (NdStoryStore  *self,
                NdEdition     *current,
                gint64         publish_at,
                const char    *author,
                GError       **error)
{
  if (!nd_story_store_set_publish_at (self, current, publish_at, error))
    return FALSE;

  return nd_story_store_set_edition_status (self, current, ND_EDITION_STATUS_SCHEDULED, author, error);
}

/**
 * nd_story_store_schedule_edition:
 * @self: a #NdStoryStore
 * @edition: a stored edition, ready or already scheduled; updated on success
 * @publish_at: when it goes live, seconds UTC (see nd_schedule_wall_to_utc())
 * @author: (nullable): who schedules it, kept in the history
 * @confirmed: whether the editor confirmed the problems that ask for it
 * @error: return location for a #GError
 *
 * Sets @edition's publish time and moves it to scheduled through the
 * workflow rules (nd_story_store_move_edition()), in one transaction. A
 * scheduled edition is rescheduled. A time that is not in the future fails
 * with %ND_WORKFLOW_ERROR_IN_PAST and a message naming the time in the
 * publication's zone.
 */
gboolean
nd_story_store_schedule_edition (NdStoryStore  *self,
                                 NdEdition     *edition,
                                 gint64         publish_at,
                                 const char    *author,
                                 gboolean       confirmed,
                                 GError       **error)
{
  g_autoptr(NdStory) story = NULL;
  NdEdition *current = NULL;

  g_return_val_if_fail (ND_IS_STORY_STORE (self), FALSE);
  g_return_val_if_fail (ND_IS_EDITION (edition), FALSE);

  story = load_for_move (self, edition, &current, error);
  if (story == NULL)
    return FALSE;
  if (!check_schedule (self, story, current, publish_at, nd_schedule_now (), confirmed, error))
    return FALSE;

  if (!nd_database_begin (self->database, error))
    return FALSE;
  if (!write_schedule (self, current, publish_at, author, error))
    {
      nd_database_rollback (self->database);
      return FALSE;
    }
  if (!nd_database_commit (self->database, error))
    return FALSE;

  nd_edition_set_publish_at (edition, publish_at);
  nd_edition_set_status (edition, ND_EDITION_STATUS_SCHEDULED);
  return TRUE;
}

/**
 * nd_story_store_schedule_story:
 * @self: a #NdStoryStore
 * @story_id: a story id
 * @base_utc: when the group starts, seconds UTC
 * @offsets: (array length=n_offsets) (nullable): the languages to schedule
 *   and how many minutes after @base_utc each goes live
 * @n_offsets: the number of @offsets; 0 schedules every edition of the story
 *   that is not published, all at @base_utc
 * @author: (nullable): who schedules them, kept in the history
 * @confirmed: whether the editor confirmed the problems that ask for it
 * @error: return location for a #GError
 *
 * "Schedule all editions together": each edition goes live at
 * nd_schedule_group_time(). Every edition is checked as by
 * nd_story_store_schedule_edition() before anything is written, and all are
 * written in one transaction: either all are scheduled or none is. A refusal
 * names the language it concerns.
 */
gboolean
nd_story_store_schedule_story (NdStoryStore           *self,
                               gint64                  story_id,
                               gint64                  base_utc,
                               const NdScheduleOffset *offsets,
                               guint                   n_offsets,
                               const char             *author,
                               gboolean                confirmed,
                               GError                **error)
{
  g_autoptr(NdStory) story = NULL;
  g_autoptr(GPtrArray) chosen = g_ptr_array_new ();
  gint64 now = nd_schedule_now ();
  GPtrArray *editions;

  g_return_val_if_fail (ND_IS_STORY_STORE (self), FALSE);
  g_return_val_if_fail (offsets != NULL || n_offsets == 0, FALSE);

  story = load_story (self, story_id, TRUE, error);
  if (story == NULL)
    return FALSE;

  editions = nd_story_get_editions (story);
  if (n_offsets == 0)
    {
      for (guint i = 0; i < editions->len; i++)
        {
          NdEdition *edition = g_ptr_array_index (editions, i);

          if (nd_edition_get_status (edition) != ND_EDITION_STATUS_PUBLISHED)
            g_ptr_array_add (chosen, edition);
        }
    }
  else
    {
      for (guint i = 0; i < n_offsets; i++)
        {
          NdEdition *edition;

          g_return_val_if_fail (offsets[i].lang != NULL, FALSE);
          edition = nd_story_get_edition (story, offsets[i].lang);
          if (edition == NULL)
            {
              g_set_error (error, G_IO_ERROR, G_IO_ERROR_NOT_FOUND,
                           /* Translators: %s is a language code such as "ar" */
                           _("The story has no edition in “%s”"), offsets[i].lang);
              return FALSE;
            }
          g_ptr_array_add (chosen, edition);
        }
    }

  if (chosen->len == 0)
    {
      g_set_error_literal (error, ND_WORKFLOW_ERROR, ND_WORKFLOW_ERROR_REFUSED,
                           _("The story has no edition to schedule"));
      return FALSE;
    }

  for (guint i = 0; i < chosen->len; i++)
    {
      NdEdition *edition = g_ptr_array_index (chosen, i);
      const char *lang = nd_edition_get_lang (edition);
      gint64 publish_at = nd_schedule_group_time (base_utc, offsets, n_offsets, lang);

      if (!check_schedule (self, story, edition, publish_at, now, confirmed, error))
        {
          NdLanguage *language = nd_story_store_get_language (self, lang);

          /* Translators: the language's name, then why its edition cannot be
           * scheduled, as in "Arabic: The edition has no headline" */
          g_prefix_error (error, _("%s: "), language != NULL ? nd_language_get_native_name (language) : lang);
          return FALSE;
        }
    }

  if (!nd_database_begin (self->database, error))
    return FALSE;
  for (guint i = 0; i < chosen->len; i++)
    {
      NdEdition *edition = g_ptr_array_index (chosen, i);
      gint64 publish_at = nd_schedule_group_time (base_utc, offsets, n_offsets, nd_edition_get_lang (edition));

      if (!write_schedule (self, edition, publish_at, author, error))
        {
          nd_database_rollback (self->database);
          return FALSE;
        }
    }

  return nd_database_commit (self->database, error);
}

/**
 * nd_story_store_unschedule_edition:
 * @self: a #NdStoryStore
 * @edition: a scheduled edition; updated on success
 * @author: (nullable): who unschedules it, kept in the history
 * @error: return location for a #GError
 *
 * Takes @edition off the schedule: it goes back to ready and loses its
 * publish time, in one transaction. An edition that is not scheduled fails
 * with %ND_WORKFLOW_ERROR_REFUSED.
 */
gboolean
nd_story_store_unschedule_edition (NdStoryStore  *self,
                                   NdEdition     *edition,
                                   const char    *author,
                                   GError       **error)
{
  g_autoptr(NdStory) story = NULL;
  NdEdition *current = NULL;

  g_return_val_if_fail (ND_IS_STORY_STORE (self), FALSE);
  g_return_val_if_fail (ND_IS_EDITION (edition), FALSE);

  story = load_for_move (self, edition, &current, error);
  if (story == NULL)
    return FALSE;
  if (nd_edition_get_status (current) != ND_EDITION_STATUS_SCHEDULED)
    {
      g_set_error_literal (error, ND_WORKFLOW_ERROR, ND_WORKFLOW_ERROR_REFUSED,
                           _("The edition is not scheduled"));
      return FALSE;
    }

  if (!nd_database_begin (self->database, error))
    return FALSE;
  if (!nd_story_store_set_edition_status (self, current, ND_EDITION_STATUS_READY, author, error) ||
      !nd_story_store_set_publish_at (self, current, 0, error))
    {
      nd_database_rollback (self->database);
      return FALSE;
    }
  if (!nd_database_commit (self->database, error))
    return FALSE;

  nd_edition_set_status (edition, ND_EDITION_STATUS_READY);
  nd_edition_set_publish_at (edition, 0);
  return TRUE;
}

/**
 * nd_story_store_list_scheduled:
 * @self: a #NdStoryStore
 * @from_utc: the start of the range, seconds UTC, included
 * @to_utc: the end of the range, seconds UTC, excluded; 0 for no end
 * @error: return location for a #GError
 *
 * The editorial calendar: the scheduled and published editions of the
 * stories on the desk whose publish time falls in the range, read through
 * the editions_by_publish index without loading any body.
 *
 * Returns: (transfer full) (element-type NdScheduledItem) (nullable): the
 *   editions, by publish time, then language
 */
GPtrArray *
nd_story_store_list_scheduled (NdStoryStore  *self,
                               gint64         from_utc,
                               gint64         to_utc,
                               GError       **error)
{
  g_autoptr(GPtrArray) items = NULL;
  g_autoptr(NdStatement) stmt = NULL;
  gint64 now = nd_schedule_now ();
  gboolean has_row;

  g_return_val_if_fail (ND_IS_STORY_STORE (self), NULL);

  stmt = nd_database_prepare (self->database,
                              "SELECT e.story_id, e.id, e.lang, e.headline, e.status, e.publish_at,"
                              " e.lang <> st.source_lang AND e.source_revision IS NOT NULL"
                              "   AND s.revision > e.source_revision"
                              /* CROSS JOIN keeps the editions outermost: left to
                               * itself the planner walked every story on the desk
                               * and read each edition's row, bodies and all
                               * (350 ms on 100,000 stories, at every start,
                               * for the reminders). */
                              " FROM editions e"
                              " CROSS JOIN stories st ON st.id = e.story_id"
                              " LEFT JOIN editions s ON s.story_id = e.story_id AND s.lang = st.source_lang"
                              " WHERE e.publish_at >= :from AND e.publish_at < :to"
                              " AND e.status IN ('scheduled', 'published') AND st.trashed_at IS NULL"
                              " ORDER BY e.publish_at, e.lang, e.id",
                              error);
  if (stmt == NULL)
    return NULL;
  sqlite3_bind_int64 (stmt, sqlite3_bind_parameter_index (stmt, ":from"), from_utc);
  sqlite3_bind_int64 (stmt, sqlite3_bind_parameter_index (stmt, ":to"), to_utc != 0 ? to_utc : G_MAXINT64);

  items = g_ptr_array_new_with_free_func ((GDestroyNotify) nd_scheduled_item_free);
  while (step_row (self->database, stmt, &has_row, error) && has_row)
    {
      NdScheduledItem *item = g_new0 (NdScheduledItem, 1);

      item->story_id = sqlite3_column_int64 (stmt, 0);
      item->edition_id = sqlite3_column_int64 (stmt, 1);
      item->lang = g_strdup (nd_column_text (stmt, 2));
      item->headline = g_strdup (nd_column_text (stmt, 3));
      item->status = ND_EDITION_STATUS_SCHEDULED;
      nd_edition_status_from_string (nd_column_text (stmt, 4), &item->status);
      item->publish_at = sqlite3_column_int64 (stmt, 5);
      item->stale = sqlite3_column_int (stmt, 6) != 0;
      item->missed = nd_schedule_is_missed (item->status, item->publish_at, now);
      g_ptr_array_add (items, item);
    }
  if (error != NULL && *error != NULL)
    return NULL;

  return g_steal_pointer (&items);
}

typedef struct
{
  gint64 from_utc;
  gint64 to_utc;
} ScheduledRange;

static gpointer
read_scheduled (NdStoryStore    *store,
                ScheduledRange  *range,
                GCancellable    *cancellable,
                GError         **error)
{
  return nd_story_store_list_scheduled (store, range->from_utc, range->to_utc, error);
}

/**
 * nd_story_store_list_scheduled_async:
 * @self: a #NdStoryStore
 * @from_utc: the start of the range, seconds UTC, included
 * @to_utc: the end of the range, seconds UTC, excluded; 0 for no end
 * @cancellable: (nullable): a #GCancellable
 * @callback: called on the thread-default main context with the editions
 * @user_data: data for @callback
 *
 * Does what nd_story_store_list_scheduled() does off the main thread, on
 * the read-only connection for long reads, so that no search waits for it
 * (a database in memory is read on the calling thread). A month of a large
 * archive is thousands of rows, each a page of its own to read.
 */
void
nd_story_store_list_scheduled_async (NdStoryStore        *self,
                                     gint64               from_utc,
                                     gint64               to_utc,
                                     GCancellable        *cancellable,
                                     GAsyncReadyCallback  callback,
                                     gpointer             user_data)
{
  g_autoptr(GTask) task = NULL;
  ScheduledRange *range;

  g_return_if_fail (ND_IS_STORY_STORE (self));
  g_return_if_fail (cancellable == NULL || G_IS_CANCELLABLE (cancellable));

  task = g_task_new (self, cancellable, callback, user_data);
  g_task_set_source_tag (task, nd_story_store_list_scheduled_async);
  range = g_new0 (ScheduledRange, 1);
  range->from_utc = from_utc;
  range->to_utc = to_utc;
  run_on_reader (self, READER_BULK, task, (ReaderWork) read_scheduled, (GDestroyNotify) g_ptr_array_unref,
                 range, g_free);
}

/**
 * nd_story_store_list_scheduled_finish:
 * @self: a #NdStoryStore
 * @result: the #GAsyncResult given to the callback
 * @error: return location for a #GError
 *
 * Returns: (transfer full) (element-type NdScheduledItem) (nullable): the
 *   editions, by publish time, then language
 */
GPtrArray *
nd_story_store_list_scheduled_finish (NdStoryStore  *self,
                                      GAsyncResult  *result,
                                      GError       **error)
{
  g_return_val_if_fail (ND_IS_STORY_STORE (self), NULL);
  g_return_val_if_fail (g_task_is_valid (result, self), NULL);
  g_return_val_if_fail (g_task_get_source_tag (G_TASK (result)) == nd_story_store_list_scheduled_async, NULL);

  return g_task_propagate_pointer (G_TASK (result), error);
}
