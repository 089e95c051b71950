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

/*
 * Sync with WordPress. Passwords are never stored here: they live in the
 * keyring (NdAccount). Each edition's post is known by its remote id on the
 * site of its language and by a client uuid made once, which is written into
 * the post, so that a create whose answer was lost can be found again. The
 * outbox holds each operation before it is sent. Triggers mark a synced
 * edition pending whenever a synced field changes, whoever changes it, so
 * that no edit escapes the next push. The sync log keeps plain sentences for
 * the editor; it does not cascade from stories, so that what happened to a
 * deleted story stays readable.
 */
static const char schema_v6[] =
  "CREATE TABLE sites ("
  "  id           INTEGER PRIMARY KEY,"
  "  name         TEXT NOT NULL DEFAULT '',"
  "  url          TEXT NOT NULL UNIQUE,"
  "  username     TEXT NOT NULL DEFAULT '',"
  "  timezone     TEXT NOT NULL DEFAULT '',"
  "  has_batch    INTEGER NOT NULL DEFAULT 0,"
  "  has_polylang INTEGER NOT NULL DEFAULT 0,"
  "  has_plugin   INTEGER NOT NULL DEFAULT 0,"
  "  created_at   INTEGER NOT NULL"
  ");"

  "CREATE TABLE site_languages ("
  "  lang    TEXT PRIMARY KEY NOT NULL REFERENCES languages (code) ON UPDATE CASCADE ON DELETE CASCADE,"
  "  site_id INTEGER NOT NULL REFERENCES sites (id) ON DELETE CASCADE"
  ") WITHOUT ROWID;"
  "CREATE INDEX site_languages_by_site ON site_languages (site_id);"

  "CREATE TABLE edition_sync ("
  "  edition_id        INTEGER PRIMARY KEY REFERENCES editions (id) ON DELETE CASCADE,"
  "  site_id           INTEGER REFERENCES sites (id) ON DELETE SET NULL,"
  "  remote_id         INTEGER,"
  "  uuid              TEXT NOT NULL UNIQUE,"
  "  base_json         TEXT,"
  "  base_modified_gmt TEXT,"
  "  synced_revision   INTEGER,"
  "  state             TEXT NOT NULL DEFAULT 'local' CHECK (state IN"
  "                      ('local', 'pending', 'synced', 'conflict', 'error')),"
  "  last_error        TEXT,"
  "  synced_at         INTEGER,"
  "  changes           INTEGER NOT NULL DEFAULT 0"
  ");"
  "CREATE UNIQUE INDEX edition_sync_by_remote ON edition_sync (site_id, remote_id)"
  "  WHERE remote_id IS NOT NULL;"
  "CREATE INDEX edition_sync_by_state ON edition_sync (state);"

  /* A site that goes away takes the posts' ids with it: the editions are
   * local again (their uuid stays, it names the edition). */
  "CREATE TRIGGER sites_forget_posts BEFORE DELETE ON sites BEGIN"
  "  UPDATE edition_sync SET site_id = NULL, remote_id = NULL, base_json = NULL,"
  "    base_modified_gmt = NULL, synced_revision = NULL, state = 'local', last_error = NULL"
  "    WHERE site_id = old.id;"
  "END;"

  /* changes counts the writes to an edition's synced fields, so that the
   * engine can tell whether the editor typed while a request was in flight:
   * status, publish time, tags and section do not move the revision. */
  "CREATE TRIGGER edition_sync_edition_changed AFTER UPDATE OF"
  "  headline, standfirst, dateline_city, body, slug, status, publish_at ON editions"
  "  WHEN old.headline IS NOT new.headline OR old.standfirst IS NOT new.standfirst"
  "    OR old.dateline_city IS NOT new.dateline_city OR old.body IS NOT new.body"
  "    OR old.slug IS NOT new.slug OR old.status IS NOT new.status"
  "    OR old.publish_at IS NOT new.publish_at BEGIN"
  "  UPDATE edition_sync SET changes = changes + 1,"
  "    state = CASE state WHEN 'synced' THEN 'pending' ELSE state END"
  "    WHERE edition_id = new.id;"
  "END;"
  "CREATE TRIGGER edition_sync_story_changed AFTER UPDATE OF"
  "  section_id, featured_media_id, trashed_at ON stories"
  "  WHEN old.section_id IS NOT new.section_id"
  "    OR old.featured_media_id IS NOT new.featured_media_id"
  "    OR old.trashed_at IS NOT new.trashed_at BEGIN"
  "  UPDATE edition_sync SET changes = changes + 1,"
  "    state = CASE state WHEN 'synced' THEN 'pending' ELSE state END"
  "    WHERE edition_id IN (SELECT id FROM editions WHERE story_id = new.id);"
  "END;"
  "CREATE TRIGGER edition_sync_tag_added AFTER INSERT ON story_tags BEGIN"
  "  UPDATE edition_sync SET changes = changes + 1,"
  "    state = CASE state WHEN 'synced' THEN 'pending' ELSE state END"
  "    WHERE edition_id IN (SELECT id FROM editions WHERE story_id = new.story_id);"
  "END;"
  "CREATE TRIGGER edition_sync_tag_removed AFTER DELETE ON story_tags BEGIN"
  "  UPDATE edition_sync SET changes = changes + 1,"
  "    state = CASE state WHEN 'synced' THEN 'pending' ELSE state END"
  "    WHERE edition_id IN (SELECT id FROM editions WHERE story_id = old.story_id);"
  "END;"

  /* An edition deleted here (the trash emptied) whose post exists leaves a
   * tombstone, so that the post is deleted on its site too, even when the
   * engine was not running at the time. */
  "CREATE TABLE sync_tombstones ("
  "  site_id    INTEGER NOT NULL REFERENCES sites (id) ON DELETE CASCADE,"
  "  remote_id  INTEGER NOT NULL,"
  "  uuid       TEXT NOT NULL,"
  "  deleted_at INTEGER NOT NULL,"
  "  PRIMARY KEY (site_id, remote_id)"
  ") WITHOUT ROWID;"
  "CREATE TRIGGER edition_sync_tombstone BEFORE DELETE ON edition_sync"
  "  WHEN old.remote_id IS NOT NULL AND old.site_id IS NOT NULL BEGIN"
  "  INSERT OR REPLACE INTO sync_tombstones (site_id, remote_id, uuid, deleted_at)"
  "    VALUES (old.site_id, old.remote_id, old.uuid,"
  "            CAST((julianday('now') - 2440587.5) * 86400000000 AS INTEGER));"
  "END;"

  "CREATE TABLE outbox ("
  "  id              INTEGER PRIMARY KEY,"
  "  uuid            TEXT NOT NULL UNIQUE,"
  "  edition_id      INTEGER REFERENCES editions (id) ON DELETE SET NULL,"
  "  site_id         INTEGER NOT NULL REFERENCES sites (id) ON DELETE CASCADE,"
  "  op              TEXT NOT NULL CHECK (op IN ('create', 'update', 'delete', 'media')),"
  "  payload_json    TEXT,"
  "  state           TEXT NOT NULL DEFAULT 'queued' CHECK (state IN"
  "                    ('queued', 'in-flight', 'done', 'failed')),"
  "  attempts        INTEGER NOT NULL DEFAULT 0,"
  "  next_attempt_at INTEGER NOT NULL DEFAULT 0,"
  "  last_error      TEXT,"
  "  created_at      INTEGER NOT NULL,"
  "  done_at         INTEGER"
  ");"
  "CREATE INDEX outbox_by_state ON outbox (state, next_attempt_at);"
  "CREATE INDEX outbox_by_edition ON outbox (edition_id, op, state);"

  "CREATE TABLE remote_terms ("
  "  site_id   INTEGER NOT NULL REFERENCES sites (id) ON DELETE CASCADE,"
  "  kind      TEXT NOT NULL CHECK (kind IN ('tag', 'category')),"
  "  remote_id INTEGER NOT NULL,"
  "  local_id  INTEGER NOT NULL,"
  "  name      TEXT NOT NULL DEFAULT '',"
  "  PRIMARY KEY (site_id, kind, remote_id),"
  "  UNIQUE (site_id, kind, local_id)"
  ") WITHOUT ROWID;"
  /* Tags and sections that go away take their mapping with them. */
  "CREATE TRIGGER remote_terms_tag_deleted AFTER DELETE ON tags BEGIN"
  "  DELETE FROM remote_terms WHERE kind = 'tag' AND local_id = old.id;"
  "END;"
  "CREATE TRIGGER remote_terms_section_deleted AFTER DELETE ON sections BEGIN"
  "  DELETE FROM remote_terms WHERE kind = 'category' AND local_id = old.id;"
  "END;"

  "CREATE TABLE remote_media ("
  "  site_id   INTEGER NOT NULL REFERENCES sites (id) ON DELETE CASCADE,"
  "  media_id  INTEGER NOT NULL REFERENCES media (id) ON DELETE CASCADE,"
  "  remote_id INTEGER NOT NULL,"
  "  PRIMARY KEY (site_id, media_id)"
  ") WITHOUT ROWID;"
  "CREATE INDEX remote_media_by_remote ON remote_media (site_id, remote_id);"

  "CREATE TABLE sync_cursors ("
  "  site_id           INTEGER PRIMARY KEY REFERENCES sites (id) ON DELETE CASCADE,"
  "  modified_after    TEXT,"
  "  last_reconcile_at INTEGER"
  ");"

  "CREATE TABLE sync_log ("
  "  id         INTEGER PRIMARY KEY,"
  "  at         INTEGER NOT NULL,"
  "  site_id    INTEGER,"
  "  story_id   INTEGER,"
  "  edition_id INTEGER,"
  "  level      TEXT NOT NULL CHECK (level IN ('info', 'warning', 'error')),"
  "  message    TEXT NOT NULL"
  ");"
  "CREATE INDEX sync_log_by_story ON sync_log (story_id, id);"

  "CREATE TABLE conflicts ("
  "  id          INTEGER PRIMARY KEY,"
  "  edition_id  INTEGER NOT NULL REFERENCES editions (id) ON DELETE CASCADE,"
  "  field       TEXT NOT NULL CHECK (field IN ('headline', 'standfirst', 'dateline', 'body',"
  "                'slug', 'tags', 'section', 'status', 'date')),"
  "  paragraph   INTEGER,"
  "  base        TEXT,"
  "  mine        TEXT NOT NULL,"
  "  theirs      TEXT NOT NULL,"
  "  created_at  INTEGER NOT NULL,"
  "  resolved_at INTEGER"
  ");"
  "CREATE INDEX conflicts_open_by_edition ON conflicts (edition_id) WHERE resolved_at IS NULL;";

static const NdMigration migrations[] = {
  { 1, "Stories, editions, revisions and the publication's vocabulary", schema_v1 },
  { 2, "Trilingual full-text search over editions", schema_v2 },
  { 3, "An index of the editions' state for filtered lists", schema_v3 },
  { 4, "Prefix indexes for searching as the editor types", schema_v4 },
  { 5, "Search index merges when the editor pauses, not while saving", schema_v5 },
  { 6, "Sync with WordPress: sites, posts, the outbox, the log and conflicts", schema_v6 },
};

const NdMigration *
nd_migrations_get (guint *n_migrations)
{
  *n_migrations = G_N_ELEMENTS (migrations);
  return migrations;
}
