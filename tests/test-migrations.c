/* test-migrations.c
 *
 * SPDX-License-Identifier: GPL-3.0-or-later
 */

#include "config.h"

#include <glib/gstdio.h>

#include "nd-migrations.h"
#include "nd-story-store.h"
#include "nd-test-util.h"

static char *
temp_database_path (char **dir)
{
  *dir = g_dir_make_tmp ("newsdesk-migrations-XXXXXX", NULL);
  g_assert_nonnull (*dir);
  return g_build_filename (*dir, "newsdesk.db", NULL);
}

static int
count_rows (NdDatabase *database,
            const char *sql)
{
  g_autoptr(GError) error = NULL;
  g_autoptr(NdStatement) stmt = nd_database_prepare (database, sql, &error);

  g_assert_no_error (error);
  g_assert_cmpint (sqlite3_step (stmt), ==, SQLITE_ROW);
  return sqlite3_column_int (stmt, 0);
}

static void
execute (NdDatabase *database,
         const char *sql)
{
  g_autoptr(GError) error = NULL;

  nd_database_execute (database, sql, &error);
  g_assert_no_error (error);
}

/* Version 0 → 1: an empty file gets the schema. */
static void
test_v0_to_v1 (void)
{
  g_autoptr(GError) error = NULL;
  g_autofree char *dir = NULL;
  g_autofree char *path = temp_database_path (&dir);
  g_autoptr(NdDatabase) database = nd_database_open_at_version (path, 1, &error);

  g_assert_no_error (error);
  g_assert_cmpint (nd_database_get_schema_version (database), ==, 1);
  g_assert_cmpint (count_rows (database, "SELECT count(*) FROM sqlite_schema WHERE name = 'editions'"), ==, 1);
  g_assert_cmpint (count_rows (database, "SELECT count(*) FROM sqlite_schema WHERE name = 'editions_search'"), ==, 0);

  g_clear_object (&database);
  nd_test_remove_dir (dir);
}

/* Version 1 → 2: editions written before search existed are indexed. */
static void
test_v1_to_v2 (void)
{
  g_autoptr(GError) error = NULL;
  g_autofree char *dir = NULL;
  g_autofree char *path = temp_database_path (&dir);
  g_autoptr(NdDatabase) database = nd_database_open_at_version (path, 1, &error);

  g_assert_no_error (error);
  execute (database,
           "INSERT INTO languages (code, name, native_name) VALUES ('ru', 'Russian', 'Русский');"
           "INSERT INTO stories (id, uuid, source_lang, created_at, updated_at) VALUES (1, 'u1', 'ru', 1, 1);"
           "INSERT INTO editions (story_id, lang, headline, body, updated_at)"
           "  VALUES (1, 'ru', 'Королёв', 'Ещё одна история.', 1);");
  g_clear_object (&database);

  database = nd_database_open (path, ND_DATABASE_FLAGS_NONE, &error);
  g_assert_no_error (error);
  g_assert_cmpint (nd_database_get_schema_version (database), >=, 4);
  g_assert_cmpint (count_rows (database,
                               "SELECT count(*) FROM editions_search WHERE editions_search MATCH 'королев'"), ==, 1);
  g_assert_cmpint (count_rows (database,
                               "SELECT count(*) FROM editions_search WHERE editions_search MATCH 'еще'"), ==, 1);

  /* And the triggers keep it up to date after the migration. */
  execute (database, "UPDATE editions SET body = 'Новый текст.' WHERE story_id = 1");
  g_assert_cmpint (count_rows (database,
                               "SELECT count(*) FROM editions_search WHERE editions_search MATCH 'еще'"), ==, 0);
  g_assert_cmpint (count_rows (database,
                               "SELECT count(*) FROM editions_search WHERE editions_search MATCH 'новыи' OR editions_search MATCH 'новый'"), ==, 1);

  g_clear_object (&database);
  nd_test_remove_dir (dir);
}

/* Version 2 → 3: the state index exists and the stale filter uses it. */
static void
test_v2_to_v3 (void)
{
  g_autoptr(GError) error = NULL;
  g_autofree char *dir = NULL;
  g_autofree char *path = temp_database_path (&dir);
  g_autoptr(NdDatabase) database = nd_database_open_at_version (path, 2, &error);
  g_autoptr(NdStoryStore) store = NULL;
  g_autoptr(GArray) stale = NULL;
  NdStoryFilter filter = { .stale = TRUE };

  g_assert_no_error (error);
  execute (database,
           "INSERT INTO languages (code, name, native_name) VALUES ('ru', 'Russian', 'Русский'), ('ar', 'Arabic', 'العربية');"
           "INSERT INTO stories (id, uuid, source_lang, created_at, updated_at) VALUES (1, 'u1', 'ru', 1, 1);"
           "INSERT INTO editions (story_id, lang, body, revision, updated_at) VALUES (1, 'ru', 'Текст.', 5, 1);"
           "INSERT INTO editions (story_id, lang, body, revision, source_revision, updated_at)"
           "  VALUES (1, 'ar', 'نص.', 1, 4, 1);");
  g_assert_cmpint (count_rows (database, "SELECT count(*) FROM sqlite_schema WHERE name = 'editions_by_story_state'"), ==, 0);
  g_clear_object (&database);

  database = nd_database_open (path, ND_DATABASE_FLAGS_NONE, &error);
  g_assert_no_error (error);
  g_assert_cmpint (nd_database_get_schema_version (database), >=, 4);
  g_assert_cmpint (count_rows (database, "SELECT count(*) FROM sqlite_schema WHERE name = 'editions_by_story_state'"), ==, 1);

  store = nd_story_store_new (database, &error);
  g_assert_no_error (error);
  stale = nd_story_store_query_story_ids (store, &filter, 0, &error);
  g_assert_no_error (error);
  g_assert_cmpuint (stale->len, ==, 1);

  g_clear_object (&store);
  g_clear_object (&database);
  nd_test_remove_dir (dir);
}

/* Version 3 → 4: the search index is rebuilt with its new prefix indexes,
 * and search and its triggers still work. */
static void
test_v3_to_v4 (void)
{
  g_autoptr(GError) error = NULL;
  g_autofree char *dir = NULL;
  g_autofree char *path = temp_database_path (&dir);
  g_autoptr(NdDatabase) database = nd_database_open_at_version (path, 3, &error);

  g_assert_no_error (error);
  execute (database,
           "INSERT INTO languages (code, name, native_name) VALUES ('ar', 'Arabic', 'العربية');"
           "INSERT INTO stories (id, uuid, source_lang, created_at, updated_at) VALUES (1, 'u1', 'ar', 1, 1);"
           "INSERT INTO editions (story_id, lang, headline, body, updated_at)"
           "  VALUES (1, 'ar', 'الأفغانية', 'كَتَبَ الطالبُ', 1);");
  g_assert_cmpint (count_rows (database,
                               "SELECT count(*) FROM sqlite_schema WHERE name = 'editions_search' AND sql LIKE '%''2 3''%'"), ==, 1);
  g_clear_object (&database);

  database = nd_database_open (path, ND_DATABASE_FLAGS_NONE, &error);
  g_assert_no_error (error);
  g_assert_cmpint (nd_database_get_schema_version (database), >=, 4);
  g_assert_cmpint (count_rows (database,
                               "SELECT count(*) FROM sqlite_schema WHERE name = 'editions_search' AND sql LIKE '%''3 4''%'"), ==, 1);
  g_assert_cmpint (count_rows (database,
                               "SELECT count(*) FROM editions_search WHERE editions_search MATCH 'الافغ*'"), ==, 1);
  g_assert_cmpint (count_rows (database,
                               "SELECT count(*) FROM editions_search WHERE editions_search MATCH 'كتب'"), ==, 1);
  execute (database, "UPDATE editions SET body = 'نص جديد' WHERE story_id = 1");
  g_assert_cmpint (count_rows (database,
                               "SELECT count(*) FROM editions_search WHERE editions_search MATCH 'كتب'"), ==, 0);
  execute (database, "INSERT INTO editions_search (editions_search) VALUES ('integrity-check')");

  g_clear_object (&database);
  nd_test_remove_dir (dir);
}

/* Version 4 → 5: saves no longer merge the search index. */
static void
test_v4_to_v5 (void)
{
  g_autoptr(GError) error = NULL;
  g_autofree char *dir = NULL;
  g_autofree char *path = temp_database_path (&dir);
  g_autoptr(NdDatabase) database = nd_database_open_at_version (path, 4, &error);

  g_assert_no_error (error);
  g_assert_cmpint (count_rows (database, "SELECT count(*) FROM editions_search_config WHERE k = 'automerge'"), ==, 0);
  g_clear_object (&database);

  database = nd_database_open (path, ND_DATABASE_FLAGS_NONE, &error);
  g_assert_no_error (error);
  g_assert_cmpint (nd_database_get_schema_version (database), >=, 5);
  g_assert_cmpint (count_rows (database, "SELECT v FROM editions_search_config WHERE k = 'automerge'"), ==, 0);
  g_assert_cmpint (count_rows (database, "SELECT count(*) FROM editions_search_config WHERE k = 'automerge'"), ==, 1);

  g_clear_object (&database);
  nd_test_remove_dir (dir);
}

/* Version 5 → 6: the sync tables exist, editions written before are local,
 * and the triggers mark a synced edition pending when it changes and local
 * again when its site goes away. */
static void
test_v5_to_v6 (void)
{
  g_autoptr(GError) error = NULL;
  g_autofree char *dir = NULL;
  g_autofree char *path = temp_database_path (&dir);
  g_autoptr(NdDatabase) database = nd_database_open_at_version (path, 5, &error);

  g_assert_no_error (error);
  execute (database,
           "INSERT INTO languages (code, name, native_name) VALUES ('ru', 'Russian', 'Русский');"
           "INSERT INTO tags (id, uuid) VALUES (1, 't1');"
           "INSERT INTO stories (id, uuid, source_lang, created_at, updated_at) VALUES (1, 'u1', 'ru', 1, 1);"
           "INSERT INTO editions (id, story_id, lang, body, revision, updated_at) VALUES (1, 1, 'ru', 'Текст.', 3, 1);");
  g_assert_cmpint (count_rows (database, "SELECT count(*) FROM sqlite_schema WHERE name = 'outbox'"), ==, 0);
  g_clear_object (&database);

  database = nd_database_open (path, ND_DATABASE_FLAGS_NONE, &error);
  g_assert_no_error (error);
  g_assert_cmpint (nd_database_get_schema_version (database), ==, 6);
  g_assert_cmpint (count_rows (database,
                               "SELECT count(*) FROM sqlite_schema WHERE type = 'table' AND name IN"
                               " ('sites', 'site_languages', 'edition_sync', 'outbox', 'remote_terms',"
                               "  'remote_media', 'sync_cursors', 'sync_log', 'conflicts')"), ==, 9);
  /* No password column anywhere. */
  g_assert_cmpint (count_rows (database,
                               "SELECT count(*) FROM pragma_table_info('sites') WHERE name LIKE '%pass%'"), ==, 0);
  g_assert_cmpint (count_rows (database, "SELECT count(*) FROM edition_sync"), ==, 0);

  execute (database,
           "INSERT INTO sites (id, url, created_at) VALUES (1, 'https://example.org', 1);"
           "INSERT INTO site_languages (lang, site_id) VALUES ('ru', 1);"
           "INSERT INTO edition_sync (edition_id, site_id, remote_id, uuid, synced_revision, state)"
           "  VALUES (1, 1, 42, 'e1', 3, 'synced');");

  /* A save that changes nothing leaves it synced; a change makes it pending. */
  execute (database, "UPDATE editions SET body = 'Текст.' WHERE id = 1");
  g_assert_cmpint (count_rows (database, "SELECT count(*) FROM edition_sync WHERE state = 'synced'"), ==, 1);
  execute (database, "UPDATE editions SET status = 'ready' WHERE id = 1");
  g_assert_cmpint (count_rows (database, "SELECT count(*) FROM edition_sync WHERE state = 'pending'"), ==, 1);

  execute (database, "UPDATE edition_sync SET state = 'synced'");
  execute (database, "INSERT INTO story_tags (story_id, tag_id) VALUES (1, 1)");
  g_assert_cmpint (count_rows (database, "SELECT count(*) FROM edition_sync WHERE state = 'pending'"), ==, 1);

  /* Bad values are refused by the schema. */
  g_assert_false (nd_database_execute (database,
                                       "INSERT INTO outbox (uuid, site_id, op, created_at)"
                                       " VALUES ('o1', 1, 'upsert', 1)", &error));
  g_assert_error (error, ND_DATABASE_ERROR, ND_DATABASE_ERROR_CONSTRAINT);
  g_clear_error (&error);

  execute (database, "DELETE FROM sites WHERE id = 1");
  g_assert_cmpint (count_rows (database,
                               "SELECT count(*) FROM edition_sync WHERE state = 'local' AND remote_id IS NULL"
                               " AND site_id IS NULL AND uuid = 'e1'"), ==, 1);
  g_assert_cmpint (count_rows (database, "SELECT count(*) FROM site_languages"), ==, 0);

  /* Deleting the edition takes its sync row with it. */
  execute (database, "DELETE FROM editions WHERE id = 1");
  g_assert_cmpint (count_rows (database, "SELECT count(*) FROM edition_sync"), ==, 0);

  g_clear_object (&database);
  nd_test_remove_dir (dir);
}

static void
test_every_step_is_tested (void)
{
  guint n_migrations;
  const NdMigration *migrations = nd_migrations_get (&n_migrations);

  /* When a migration is added, a test of it from the version before must be
   * added above and counted here. */
  g_assert_cmpuint (n_migrations, ==, 6);
  for (guint i = 0; i < n_migrations; i++)
    g_assert_cmpint (migrations[i].version, ==, (int) i + 1);
  g_assert_cmpint (nd_database_get_latest_version (), ==, 6);
}

static void
test_newer_schema_is_refused (void)
{
  g_autoptr(GError) error = NULL;
  g_autofree char *dir = NULL;
  g_autofree char *path = temp_database_path (&dir);
  g_autoptr(NdDatabase) database = nd_database_open (path, ND_DATABASE_FLAGS_NONE, &error);

  g_assert_no_error (error);
  execute (database, "PRAGMA user_version = 99");
  g_clear_object (&database);

  database = nd_database_open (path, ND_DATABASE_FLAGS_NONE, &error);
  g_assert_null (database);
  g_assert_error (error, ND_DATABASE_ERROR, ND_DATABASE_ERROR_TOO_NEW);

  nd_test_remove_dir (dir);
}

static void
test_corrupt_file_is_reported (void)
{
  g_autoptr(GError) error = NULL;
  g_autofree char *dir = NULL;
  g_autofree char *path = temp_database_path (&dir);
  g_autoptr(NdDatabase) database = NULL;
  g_autofree char *contents = NULL;
  g_autofree char *moved = NULL;

  g_file_set_contents (path, "This is not a database, it is a grocery list.\n", -1, &error);
  g_assert_no_error (error);

  database = nd_database_open (path, ND_DATABASE_FLAGS_NONE, &error);
  g_assert_null (database);
  g_assert_error (error, ND_DATABASE_ERROR, ND_DATABASE_ERROR_CORRUPT);
  g_clear_error (&error);

  /* Opening it never wrote over it. */
  g_file_get_contents (path, &contents, NULL, &error);
  g_assert_no_error (error);
  g_assert_cmpstr (contents, ==, "This is not a database, it is a grocery list.\n");

  moved = nd_database_move_aside (path, &error);
  g_assert_no_error (error);
  g_assert_false (g_file_test (path, G_FILE_TEST_EXISTS));
  g_clear_pointer (&contents, g_free);
  g_file_get_contents (moved, &contents, NULL, &error);
  g_assert_no_error (error);
  g_assert_cmpstr (contents, ==, "This is not a database, it is a grocery list.\n");

  database = nd_database_open (path, ND_DATABASE_FLAGS_NONE, &error);
  g_assert_no_error (error);
  g_assert_true (nd_database_was_created (database));

  g_clear_object (&database);
  nd_test_remove_dir (dir);
}

int
main (int   argc,
      char *argv[])
{
  g_test_init (&argc, &argv, NULL);

  g_test_add_func ("/migrations/v0-to-v1", test_v0_to_v1);
  g_test_add_func ("/migrations/v1-to-v2", test_v1_to_v2);
  g_test_add_func ("/migrations/v2-to-v3", test_v2_to_v3);
  g_test_add_func ("/migrations/v3-to-v4", test_v3_to_v4);
  g_test_add_func ("/migrations/v4-to-v5", test_v4_to_v5);
  g_test_add_func ("/migrations/v5-to-v6", test_v5_to_v6);
  g_test_add_func ("/migrations/every-step-is-tested", test_every_step_is_tested);
  g_test_add_func ("/migrations/newer-schema", test_newer_schema_is_refused);
  g_test_add_func ("/migrations/corrupt-file", test_corrupt_file_is_reported);

  return g_test_run ();
}
