/* nd-migrations.c
 *
 * SPDX-License-Identifier: GPL-3.0-or-later
 */

#include "config.h"

#include "nd-migrations.h"

/*
 * Times: *_at columns ending in "at" hold microseconds since the Unix epoch
 * (g_get_real_time()), except publish_at, which holds seconds in UTC as
 * WordPress does. Text is UTF-8; languages are BCP 47 codes.
 */
static const char schema_v1[] =
  "CREATE TABLE settings ("
  "  key   TEXT PRIMARY KEY NOT NULL,"
  "  value TEXT NOT NULL"
  ") WITHOUT ROWID;"

  "CREATE TABLE languages ("
  "  code             TEXT PRIMARY KEY NOT NULL,"
  "  name             TEXT NOT NULL,"
  "  native_name      TEXT NOT NULL,"
  "  direction        TEXT NOT NULL DEFAULT 'ltr' CHECK (direction IN ('ltr', 'rtl')),"
  "  publication_name TEXT NOT NULL DEFAULT '',"
  "  dateline_format  TEXT NOT NULL DEFAULT '{CITY}.',"
  "  position         INTEGER NOT NULL DEFAULT 0"
  ");"

  "CREATE TABLE sections ("
  "  id       INTEGER PRIMARY KEY,"
  "  slug     TEXT NOT NULL UNIQUE,"
  "  position INTEGER NOT NULL DEFAULT 0"
  ");"
  "CREATE TABLE section_names ("
  "  section_id INTEGER NOT NULL REFERENCES sections (id) ON DELETE CASCADE,"
  "  lang       TEXT NOT NULL REFERENCES languages (code) ON UPDATE CASCADE ON DELETE CASCADE,"
  "  name       TEXT NOT NULL,"
  "  PRIMARY KEY (section_id, lang)"
  ") WITHOUT ROWID;"

  "CREATE TABLE tags ("
  "  id   INTEGER PRIMARY KEY,"
  "  uuid TEXT NOT NULL UNIQUE"
  ");"
  "CREATE TABLE tag_labels ("
  "  tag_id INTEGER NOT NULL REFERENCES tags (id) ON DELETE CASCADE,"
  "  lang   TEXT NOT NULL REFERENCES languages (code) ON UPDATE CASCADE ON DELETE CASCADE,"
  "  label  TEXT NOT NULL,"
  "  folded TEXT NOT NULL,"
  "  PRIMARY KEY (tag_id, lang)"
  ") WITHOUT ROWID;"
  "CREATE INDEX tag_labels_by_folded ON tag_labels (folded);"

  "CREATE TABLE contributors ("
  "  id   INTEGER PRIMARY KEY,"
  "  uuid TEXT NOT NULL UNIQUE"
  ");"
  "CREATE TABLE contributor_names ("
  "  contributor_id INTEGER NOT NULL REFERENCES contributors (id) ON DELETE CASCADE,"
  "  lang           TEXT NOT NULL REFERENCES languages (code) ON UPDATE CASCADE ON DELETE CASCADE,"
  "  name           TEXT NOT NULL,"
  "  role           TEXT NOT NULL DEFAULT '',"
  "  PRIMARY KEY (contributor_id, lang)"
  ") WITHOUT ROWID;"

  "CREATE TABLE media ("
  "  id        INTEGER PRIMARY KEY,"
  "  uuid      TEXT NOT NULL UNIQUE,"
  "  file      TEXT NOT NULL,"
  "  mime_type TEXT NOT NULL DEFAULT ''"
  ");"
  "CREATE TABLE media_texts ("
  "  media_id INTEGER NOT NULL REFERENCES media (id) ON DELETE CASCADE,"
  "  lang     TEXT NOT NULL REFERENCES languages (code) ON UPDATE CASCADE ON DELETE CASCADE,"
  "  caption  TEXT NOT NULL DEFAULT '',"
  "  alt      TEXT NOT NULL DEFAULT '',"
  "  credit   TEXT NOT NULL DEFAULT '',"
  "  PRIMARY KEY (media_id, lang)"
  ") WITHOUT ROWID;"

  "CREATE TABLE stories ("
  "  id            INTEGER PRIMARY KEY,"
  "  uuid          TEXT NOT NULL UNIQUE,"
  "  section_id    INTEGER REFERENCES sections (id) ON DELETE SET NULL,"
  "  source_lang   TEXT NOT NULL REFERENCES languages (code) ON UPDATE CASCADE,"
  "  featured_media_id INTEGER REFERENCES media (id) ON DELETE SET NULL,"
  "  created_at    INTEGER NOT NULL,"
  "  updated_at    INTEGER NOT NULL,"
  "  trashed_at    INTEGER"
  ");"
  "CREATE INDEX stories_by_update ON stories (trashed_at, updated_at DESC);"
  "CREATE INDEX stories_by_section ON stories (section_id, trashed_at, updated_at DESC);"

  "CREATE TABLE story_tags ("
  "  story_id INTEGER NOT NULL REFERENCES stories (id) ON DELETE CASCADE,"
  "  tag_id   INTEGER NOT NULL REFERENCES tags (id) ON DELETE CASCADE,"
  "  position INTEGER NOT NULL DEFAULT 0,"
  "  PRIMARY KEY (story_id, tag_id)"
  ") WITHOUT ROWID;"
  "CREATE INDEX story_tags_by_tag ON story_tags (tag_id, story_id);"

  "CREATE TABLE story_contributors ("
  "  story_id       INTEGER NOT NULL REFERENCES stories (id) ON DELETE CASCADE,"
  "  contributor_id INTEGER NOT NULL REFERENCES contributors (id) ON DELETE CASCADE,"
  "  position       INTEGER NOT NULL DEFAULT 0,"
  "  PRIMARY KEY (story_id, contributor_id)"
  ") WITHOUT ROWID;"

  "CREATE TABLE story_related ("
  "  story_id   INTEGER NOT NULL REFERENCES stories (id) ON DELETE CASCADE,"
  "  related_id INTEGER NOT NULL REFERENCES stories (id) ON DELETE CASCADE,"
  "  position   INTEGER NOT NULL DEFAULT 0,"
  "  PRIMARY KEY (story_id, related_id),"
  "  CHECK (story_id <> related_id)"
  ") WITHOUT ROWID;"

  /* revision counts every saved change of the text; source_revision is the
   * revision of the source edition this one was translated from. */
  "CREATE TABLE editions ("
  "  id              INTEGER PRIMARY KEY,"
  "  story_id        INTEGER NOT NULL REFERENCES stories (id) ON DELETE CASCADE,"
  "  lang            TEXT NOT NULL REFERENCES languages (code) ON UPDATE CASCADE,"
  "  headline        TEXT NOT NULL DEFAULT '',"
  "  standfirst      TEXT NOT NULL DEFAULT '',"
  "  dateline_city   TEXT NOT NULL DEFAULT '',"
  "  body            TEXT NOT NULL DEFAULT '',"
  "  slug            TEXT NOT NULL DEFAULT '',"
  "  status          TEXT NOT NULL DEFAULT 'draft' CHECK (status IN"
  "                    ('needs-translation', 'draft', 'in-review', 'ready', 'scheduled', 'published')),"
  "  publish_at      INTEGER,"
  "  translator      TEXT NOT NULL DEFAULT '',"
  "  revision        INTEGER NOT NULL DEFAULT 0,"
  "  source_revision INTEGER,"
  "  word_count      INTEGER NOT NULL DEFAULT 0,"
  "  updated_at      INTEGER NOT NULL,"
  "  UNIQUE (story_id, lang)"
  ");"
  "CREATE INDEX editions_by_status ON editions (lang, status, story_id);"
  "CREATE INDEX editions_by_publish ON editions (publish_at) WHERE publish_at IS NOT NULL;"

  /* A revision row is one kept state of an edition. Rapid saves update the
   * newest row in place; a pinned row (one a translation was made from, or
   * one written by a restore) is never rewritten. */
  "CREATE TABLE revisions ("
  "  id            INTEGER PRIMARY KEY,"
  "  edition_id    INTEGER NOT NULL REFERENCES editions (id) ON DELETE CASCADE,"
  "  revision      INTEGER NOT NULL,"
  "  created_at    INTEGER NOT NULL,"
  "  saved_at      INTEGER NOT NULL,"
  "  headline      TEXT NOT NULL,"
  "  standfirst    TEXT NOT NULL,"
  "  dateline_city TEXT NOT NULL,"
  "  body          TEXT NOT NULL,"
  "  word_count    INTEGER NOT NULL,"
  "  pinned        INTEGER NOT NULL DEFAULT 0,"
  "  UNIQUE (edition_id, revision)"
  ");"

  "CREATE TABLE status_changes ("
  "  id         INTEGER PRIMARY KEY,"
  "  edition_id INTEGER NOT NULL REFERENCES editions (id) ON DELETE CASCADE,"
  "  old_status TEXT,"
  "  new_status TEXT NOT NULL,"
  "  author     TEXT NOT NULL DEFAULT '',"
  "  changed_at INTEGER NOT NULL"
  ");"
  "CREATE INDEX status_changes_by_edition ON status_changes (edition_id, changed_at);";

/*
 * The search index reads its text from the editions table (external
 * content), so the text is stored once. The newsdesk tokenizer folds case,
 * ё/е, Arabic marks and letter variants, and Latin accents.
 */
static const char schema_v2[] =
  "CREATE VIRTUAL TABLE editions_search USING fts5 ("
  "  headline, standfirst, body,"
  "  content = 'editions', content_rowid = 'id',"
  "  tokenize = 'newsdesk', prefix = '2 3'"
  ");"
  "CREATE TRIGGER editions_search_insert AFTER INSERT ON editions BEGIN"
  "  INSERT INTO editions_search (rowid, headline, standfirst, body)"
  "    VALUES (new.id, new.headline, new.standfirst, new.body);"
  "END;"
  "CREATE TRIGGER editions_search_delete AFTER DELETE ON editions BEGIN"
  "  INSERT INTO editions_search (editions_search, rowid, headline, standfirst, body)"
  "    VALUES ('delete', old.id, old.headline, old.standfirst, old.body);"
  "END;"
  "CREATE TRIGGER editions_search_update AFTER UPDATE OF headline, standfirst, body ON editions"
  "  WHEN old.headline IS NOT new.headline OR old.standfirst IS NOT new.standfirst"
  "    OR old.body IS NOT new.body BEGIN"
  "  INSERT INTO editions_search (editions_search, rowid, headline, standfirst, body)"
  "    VALUES ('delete', old.id, old.headline, old.standfirst, old.body);"
  "  INSERT INTO editions_search (rowid, headline, standfirst, body)"
  "    VALUES (new.id, new.headline, new.standfirst, new.body);"
  "END;"
  "INSERT INTO editions_search (editions_search) VALUES ('rebuild');";

/*
 * Lists filter stories by the state of their editions. The state columns sit
 * after the body in the row, so checking them through the (story_id, lang)
 * key reads each body's overflow pages; this covering index answers those
 * checks without touching the rows.
 */
static const char schema_v3[] =
  "CREATE INDEX editions_by_story_state ON editions"
  "  (story_id, lang, status, revision, source_revision);"
  "PRAGMA analysis_limit = 400;"
  "ANALYZE;";

/*
 * Search as you type asks for prefixes of three letters and more (one or two
 * letters match too many words to be useful). Prefix indexes of three and
 * four letters answer those from the index instead of expanding thousands
 * of terms; the two-letter index is no longer used.
 */
static const char schema_v4[] =
  "DROP TABLE editions_search;"
  "CREATE VIRTUAL TABLE editions_search USING fts5 ("
  "  headline, standfirst, body,"
  "  content = 'editions', content_rowid = 'id',"
  "  tokenize = 'newsdesk', prefix = '3 4'"
  ");"
  "INSERT INTO editions_search (editions_search) VALUES ('rebuild');";

/*
 * FTS5 merges its index segments as part of the writes that add them, and
 * with a large index an autosave now and then pays for a merge of a hundred
 * milliseconds while the editor types. Merging is done instead when the
 * editor pauses (nd_story_store_merge_search_index()); the crisis limit
 * stays, so a store never used by the app still merges eventually.
 */
static const char schema_v5[] =
  "INSERT INTO editions_search (editions_search, rank) VALUES ('automerge', 0);";

static const NdMigration migrations[] = {
  { 1, "Stories, editions, revisions and the publication's vocabulary", schema_v1 },
  { 2, "Trilingual full-text search over editions", schema_v2 },
  { 3, "An index of the editions' state for filtered lists", schema_v3 },
  { 4, "Prefix indexes for searching as the editor types", schema_v4 },
  { 5, "Search index merges when the editor pauses, not while saving", schema_v5 },
};

const NdMigration *
nd_migrations_get (guint *n_migrations)
{
  *n_migrations = G_N_ELEMENTS (migrations);
  return migrations;
}
