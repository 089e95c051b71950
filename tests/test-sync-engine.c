/* test-sync-engine.c
 *
 * SPDX-License-Identifier: GPL-3.0-or-later
 *
 * The sync engine against the fake WordPress (a real HTTP server on
 * 127.0.0.1), with the real database and the real keyring.
 */

#include "config.h"

#include <glib/gstdio.h>

#include "nd-account.h"
#include "nd-fake-wordpress.h"
#include "nd-sync-engine-private.h"
#include "nd-wordpress-remote.h"

static const char * const langs[] = { "ru", "en", "ar" };

typedef struct
{
  char            *dir;
  NdDatabase      *database;
  NdStoryStore    *stories;
  NdSyncStore     *sync_store;
  NdSyncEngine    *engine;
  NdFakeWordpress *fakes[3];
  gint64           site_ids[3];
} Fixture;

/* Short timeouts so that a slow answer fails fast; no waiting between
 * retries so that a test's passes retry at once. */
static NdRemote *
test_factory (NdSite      *site,
              const char  *password,
              gpointer     user_data,
              GError     **error)
{
  NdWordpressRemote *remote = nd_wordpress_remote_new (nd_site_get_url (site), nd_site_get_username (site),
                                                       password, error);

  if (remote != NULL)
    nd_wordpress_remote_set_timeout (remote, 2);
  return remote != NULL ? ND_REMOTE (remote) : NULL;
}

static gboolean
store_password (const char *url,
                const char *user,
                const char *password)
{
  g_autoptr(GError) error = NULL;

  if (!nd_account_store_password_sync (url, user, password, &error))
    {
      g_test_message ("keyring: %s", error->message);
      return FALSE;
    }
  return TRUE;
}

static void
fixture_set_up (Fixture       *fixture,
                gconstpointer  data)
{
  g_autoptr(GError) error = NULL;
  g_autofree char *path = NULL;
  /* data: NULL, a site per language; "polylang", one Polylang site for all. */
  gboolean one_site = data != NULL;

  fixture->dir = g_dir_make_tmp ("newsdesk-sync-XXXXXX", &error);
  g_assert_no_error (error);
  path = g_build_filename (fixture->dir, "newsdesk.db", NULL);
  fixture->database = nd_database_open (path, ND_DATABASE_FLAGS_NONE, &error);
  g_assert_no_error (error);
  fixture->stories = nd_story_store_new (fixture->database, &error);
  g_assert_no_error (error);
  fixture->sync_store = nd_sync_store_new (fixture->database);
  fixture->engine = nd_sync_engine_new (fixture->stories, fixture->sync_store);
  nd_sync_engine_set_remote_factory (fixture->engine, test_factory, NULL, NULL);
  _nd_sync_engine_set_timing (fixture->engine, 3600, 0, 0.0, 0.0, 60);

  for (guint i = 0; i < G_N_ELEMENTS (langs); i++)
    {
      g_autoptr(NdSite) site = nd_site_new ();
      g_autofree char *name = g_strdup_printf ("Realist (%s)", langs[i]);

      if (one_site && i > 0)
        {
          fixture->site_ids[i] = fixture->site_ids[0];
          nd_sync_store_set_language_site (fixture->sync_store, langs[i], fixture->site_ids[0], &error);
          g_assert_no_error (error);
          continue;
        }

      fixture->fakes[i] = nd_fake_wordpress_new (ND_FAKE_FEATURE_NEWSDESK_PLUGIN | ND_FAKE_FEATURE_BATCH |
                                                 (one_site ? ND_FAKE_FEATURE_POLYLANG : 0));
      /* What the site offers is found by the engine's discovery, as for
       * any site: the flags start false. */
      nd_fake_wordpress_set_timezone (fixture->fakes[i], "Europe/Moscow", 3.0);
      nd_site_set_name (site, name);
      nd_site_set_url (site, nd_fake_wordpress_get_url (fixture->fakes[i]));
      nd_site_set_username (site, ND_FAKE_WORDPRESS_USER);
      nd_sync_store_add_site (fixture->sync_store, site, &error);
      g_assert_no_error (error);
      fixture->site_ids[i] = nd_site_get_id (site);
      nd_sync_store_set_language_site (fixture->sync_store, langs[i], fixture->site_ids[i], &error);
      g_assert_no_error (error);
      g_assert_true (store_password (nd_site_get_url (site), ND_FAKE_WORDPRESS_USER, ND_FAKE_WORDPRESS_PASSWORD));
    }
}

static void
fixture_tear_down (Fixture       *fixture,
                   gconstpointer  data)
{
  g_clear_object (&fixture->engine);
  g_clear_object (&fixture->sync_store);
  g_clear_object (&fixture->stories);
  g_clear_object (&fixture->database);
  for (guint i = 0; i < G_N_ELEMENTS (fixture->fakes); i++)
    if (fixture->fakes[i] != NULL)
      {
        nd_fake_wordpress_stop (fixture->fakes[i]);
        g_clear_object (&fixture->fakes[i]);
      }
  if (fixture->dir != NULL)
    {
      g_autofree char *db = g_build_filename (fixture->dir, "newsdesk.db", NULL);
      g_autofree char *wal = g_strconcat (db, "-wal", NULL);
      g_autofree char *shm = g_strconcat (db, "-shm", NULL);

      g_unlink (db);
      g_unlink (wal);
      g_unlink (shm);
      g_rmdir (fixture->dir);
      g_free (fixture->dir);
    }
}

static void
sync_done_cb (GObject      *object,
              GAsyncResult *result,
              gpointer      user_data)
{
  GError **error = user_data;
  gboolean *done = g_object_get_data (object, "done");

  nd_sync_engine_sync_finish (ND_SYNC_ENGINE (object), result, error);
  *done = TRUE;
}

/* One pass, waited for on the main context. */
static gboolean
run_pass (Fixture  *fixture,
          GError  **error)
{
  gboolean done = FALSE;

  g_object_set_data (G_OBJECT (fixture->engine), "done", &done);
  nd_sync_engine_sync_async (fixture->engine, NULL, sync_done_cb, error);
  while (!done)
    g_main_context_iteration (NULL, TRUE);

  return error == NULL || *error == NULL;
}

static void
run_pass_ok (Fixture *fixture)
{
  g_autoptr(GError) error = NULL;

  run_pass (fixture, &error);
  g_assert_no_error (error);
}

static NdStory *
make_story (Fixture    *fixture,
            const char *tag,
            guint       n)
{
  static const char * const headlines[] = { "Переговоры в Кабуле", "Talks in Kabul", "محادثات في كابول" };
  static const char * const firsts[] = { "Первый абзац", "First paragraph", "الفقرة الأولى" };
  static const char * const rests[] = {
    "Второй абзац.\n\nТретий абзац.",
    "Second paragraph.\n\nThird paragraph.",
    "الفقرة الثانية.\n\nالفقرة الثالثة.",
  };
  static const char * const cities[] = { "Москва", "Moscow", "موسكو" };
  g_autoptr(GError) error = NULL;
  g_autoptr(NdStory) story = nd_story_store_create_story (fixture->stories, "ru", &error);

  g_assert_no_error (error);
  for (guint i = 0; i < G_N_ELEMENTS (langs); i++)
    {
      g_autoptr(NdEdition) edition = nd_story_store_load_edition (fixture->stories, nd_story_get_id (story), langs[i], NULL);
      g_autofree char *headline = g_strdup_printf ("%s %s %u", headlines[i], tag, n);
      g_autofree char *body = g_strdup_printf ("%s %s.\n\n%s", firsts[i], tag, rests[i]);

      if (edition == NULL)
        edition = nd_story_store_add_edition (fixture->stories, nd_story_get_id (story), langs[i], &error);
      g_assert_no_error (error);
      nd_edition_set_headline (edition, headline);
      nd_edition_set_standfirst (edition, "Standfirst");
      nd_edition_set_dateline_city (edition, cities[i]);
      nd_edition_set_body (edition, body);
      nd_story_store_save_edition (fixture->stories, edition, &error);
      g_assert_no_error (error);
      /* Translations start as wanted; these are written. */
      if (nd_edition_get_status (edition) == ND_EDITION_STATUS_NEEDS_TRANSLATION)
        nd_story_store_set_edition_status (fixture->stories, edition, ND_EDITION_STATUS_DRAFT, "test", &error);
      g_assert_no_error (error);
    }

  return g_steal_pointer (&story);
}

static NdEdition *
load (Fixture    *fixture,
      NdStory    *story,
      const char *lang)
{
  g_autoptr(GError) error = NULL;
  NdEdition *edition = nd_story_store_load_edition (fixture->stories, nd_story_get_id (story), lang, &error);

  g_assert_no_error (error);
  return edition;
}

static gint64
remote_id_of (Fixture   *fixture,
              NdEdition *edition)
{
  return nd_sync_store_get_remote_id (fixture->sync_store, nd_edition_get_id (edition), NULL);
}

static char *
post_field (NdFakeWordpress *fake,
            gint64           id,
            const char      *member)
{
  g_autoptr(JsonNode) node = nd_fake_wordpress_get_post_json (fake, id);
  JsonObject *post;
  JsonNode *field;

  g_assert_nonnull (node);
  post = json_node_get_object (node);
  field = json_object_get_member (post, member);
  if (field == NULL)
    return NULL;
  if (JSON_NODE_HOLDS_OBJECT (field))
    return g_strdup (json_object_get_string_member (json_node_get_object (field), "raw"));
  return g_strdup (json_node_get_string (field));
}

/* A story written here goes to the three sites; a second pass changes
 * nothing, here or there. */
static void
test_push_new_story (Fixture       *fixture,
                     gconstpointer  data)
{
  g_autoptr(NdStory) story = NULL;

  story = make_story (fixture, "push", 1);
  run_pass_ok (fixture);

  for (guint i = 0; i < G_N_ELEMENTS (langs); i++)
    {
      g_autoptr(NdEdition) edition = load (fixture, story, langs[i]);
      gint64 remote_id = remote_id_of (fixture, edition);
      g_autofree char *title = NULL;
      g_autofree char *content = NULL;
      g_autofree char *uuid = nd_sync_store_ensure_edition_uuid (fixture->sync_store, nd_edition_get_id (edition), NULL);
      g_autoptr(GArray) copies = NULL;

      g_assert_cmpint (remote_id, >, 0);
      title = post_field (fixture->fakes[i], remote_id, "title");
      content = post_field (fixture->fakes[i], remote_id, "content");
      g_assert_cmpstr (title, ==, nd_edition_get_headline (edition));
      g_assert_nonnull (strstr (content, "nd-dateline"));
      g_assert_nonnull (strstr (content, uuid));
      copies = nd_fake_wordpress_find_posts_by_uuid (fixture->fakes[i], uuid);
      g_assert_cmpuint (copies->len, ==, 1);
      g_assert_cmpint (nd_sync_store_get_edition_state (fixture->sync_store, nd_edition_get_id (edition)), ==,
                       ND_EDITION_SYNC_SYNCED);
    }

  {
    g_autoptr(NdEdition) before = load (fixture, story, "en");
    g_autoptr(NdEdition) after = NULL;
    g_autoptr(GDateTime) modified = NULL;
    gint64 remote_id = remote_id_of (fixture, before);
    g_autofree char *modified_before = post_field (fixture->fakes[1], remote_id, "modified_gmt");
    g_autofree char *modified_after = NULL;

    run_pass_ok (fixture);
    after = load (fixture, story, "en");
    modified_after = post_field (fixture->fakes[1], remote_id, "modified_gmt");
    g_assert_cmpint (nd_edition_get_revision (after), ==, nd_edition_get_revision (before));
    g_assert_cmpstr (modified_after, ==, modified_before);
    g_assert_cmpuint (nd_fake_wordpress_count_posts (fixture->fakes[1], NULL), ==, 1);
  }
}

/* A post written on the web becomes a story here. */
static void
test_pull_web_post (Fixture       *fixture,
                    gconstpointer  data)
{
  g_autoptr(GError) error = NULL;
  gint64 id;
  gint64 edition_id;
  g_autoptr(NdEdition) edition = NULL;

  id = nd_fake_wordpress_create_post (fixture->fakes[1],
                                      "{\"title\":\"Written on the web\",\"excerpt\":\"An excerpt\","
                                      "\"content\":\"<p>Body <strong>bold</strong>.</p>\",\"status\":\"draft\"}",
                                      &error);
  g_assert_no_error (error);

  run_pass_ok (fixture);

  edition_id = nd_sync_store_find_edition_by_remote (fixture->sync_store, fixture->site_ids[1], id, NULL);
  g_assert_cmpint (edition_id, >, 0);
  edition = nd_story_store_load_edition_by_id (fixture->stories, edition_id, &error);
  g_assert_no_error (error);
  g_assert_cmpstr (nd_edition_get_lang (edition), ==, "en");
  g_assert_cmpstr (nd_edition_get_headline (edition), ==, "Written on the web");
  g_assert_cmpstr (nd_edition_get_standfirst (edition), ==, "An excerpt");
  g_assert_cmpstr (nd_edition_get_body (edition), ==, "Body **bold**.");

  /* Nothing more the second time. */
  {
    gint64 revision = nd_edition_get_revision (edition);
    g_autoptr(NdEdition) again = NULL;

    run_pass_ok (fixture);
    again = nd_story_store_load_edition_by_id (fixture->stories, edition_id, &error);
    g_assert_cmpint (nd_edition_get_revision (again), ==, revision);
    g_assert_cmpuint (nd_fake_wordpress_count_posts (fixture->fakes[1], NULL), ==, 1);
  }
}

/* Edits to different fields on both sides merge; the same field edited
 * differently keeps both and waits for the editor. */
static void
test_merge_and_conflict (Fixture       *fixture,
                         gconstpointer  data)
{
  g_autoptr(NdStory) story = make_story (fixture, "merge", 1);
  g_autoptr(NdEdition) edition = NULL;
  g_autoptr(GPtrArray) conflicts = NULL;
  g_autoptr(GError) error = NULL;
  g_autofree char *excerpt = NULL;
  g_autofree char *title = NULL;
  gint64 remote_id;

  run_pass_ok (fixture);
  edition = load (fixture, story, "en");
  remote_id = remote_id_of (fixture, edition);

  /* Different fields. */
  g_assert_true (nd_fake_wordpress_edit_post (fixture->fakes[1], remote_id, "excerpt", "Their standfirst"));
  nd_edition_set_headline (edition, "My headline");
  nd_story_store_save_edition (fixture->stories, edition, &error);
  g_assert_no_error (error);
  run_pass_ok (fixture);

  g_clear_object (&edition);
  edition = load (fixture, story, "en");
  g_assert_cmpstr (nd_edition_get_standfirst (edition), ==, "Their standfirst");
  g_assert_cmpstr (nd_edition_get_headline (edition), ==, "My headline");
  title = post_field (fixture->fakes[1], remote_id, "title");
  excerpt = post_field (fixture->fakes[1], remote_id, "excerpt");
  g_assert_cmpstr (title, ==, "My headline");
  g_assert_cmpstr (excerpt, ==, "Their standfirst");

  /* The same field. */
  g_assert_true (nd_fake_wordpress_edit_post (fixture->fakes[1], remote_id, "title", "Their headline"));
  nd_edition_set_headline (edition, "Mine again");
  nd_story_store_save_edition (fixture->stories, edition, &error);
  g_assert_no_error (error);
  run_pass_ok (fixture);

  g_clear_object (&edition);
  edition = load (fixture, story, "en");
  g_assert_cmpstr (nd_edition_get_headline (edition), ==, "Mine again");
  g_clear_pointer (&title, g_free);
  title = post_field (fixture->fakes[1], remote_id, "title");
  g_assert_cmpstr (title, ==, "Their headline");
  conflicts = nd_sync_store_list_conflicts (fixture->sync_store, nd_edition_get_id (edition), &error);
  g_assert_no_error (error);
  g_assert_cmpuint (conflicts->len, ==, 1);
  g_assert_cmpstr (((NdConflict *) g_ptr_array_index (conflicts, 0))->field, ==, "headline");
  g_assert_cmpstr (((NdConflict *) g_ptr_array_index (conflicts, 0))->theirs, ==, "Their headline");
  g_assert_cmpint (nd_sync_store_get_edition_state (fixture->sync_store, nd_edition_get_id (edition)), ==,
                   ND_EDITION_SYNC_CONFLICT);
  g_assert_cmpuint (nd_sync_engine_get_conflicts (fixture->engine), ==, 1);

  /* A pass while conflicted sends nothing. */
  run_pass_ok (fixture);
  g_clear_pointer (&title, g_free);
  title = post_field (fixture->fakes[1], remote_id, "title");
  g_assert_cmpstr (title, ==, "Their headline");

  /* Keep mine: it goes to the site. */
  g_assert_true (nd_sync_engine_resolve_conflict (fixture->engine,
                                                  ((NdConflict *) g_ptr_array_index (conflicts, 0))->id,
                                                  ND_CONFLICT_CHOICE_MINE, NULL, &error));
  g_assert_no_error (error);
  g_assert_cmpuint (nd_sync_engine_get_conflicts (fixture->engine), ==, 0);
  run_pass_ok (fixture);
  g_clear_pointer (&title, g_free);
  title = post_field (fixture->fakes[1], remote_id, "title");
  g_assert_cmpstr (title, ==, "Mine again");
}

/* Single reads of posts ("GET /wp/v2/posts/12"), not lists nor revisions. */
static guint
count_single_reads (NdFakeWordpress *fake)
{
  g_auto(GStrv) log = nd_fake_wordpress_dup_request_log (fake);
  guint n = 0;

  for (guint i = 0; log[i] != NULL; i++)
    {
      const char *rest;

      if (!g_str_has_prefix (log[i], "GET /wp/v2/posts/"))
        continue;
      rest = log[i] + strlen ("GET /wp/v2/posts/");
      while (g_ascii_isdigit (*rest))
        rest++;
      if (*rest == '?' || *rest == ' ')
        n++;
    }
  return n;
}

/* Updates to many posts re-read them a hundred a request and write them
 * through /batch/v1, not one by one; an edit on the site found in that
 * read is merged as before. */
static void
test_bulk_reread (Fixture       *fixture,
                  gconstpointer  data)
{
  g_autoptr(GPtrArray) stories = g_ptr_array_new_with_free_func (g_object_unref);
  g_autoptr(GError) error = NULL;
  guint n = 6;

  for (guint i = 0; i < n; i++)
    g_ptr_array_add (stories, make_story (fixture, "bulk", i));
  run_pass_ok (fixture);

  for (guint i = 0; i < n; i++)
    {
      g_autoptr(NdEdition) edition = load (fixture, g_ptr_array_index (stories, i), "en");
      g_autofree char *headline = g_strdup_printf ("Bulk edit %u", i);

      /* Two of them are edited on the site too, in another field. */
      if (i % 3 == 0)
        g_assert_true (nd_fake_wordpress_edit_post (fixture->fakes[1], remote_id_of (fixture, edition),
                                                    "excerpt", "Their standfirst"));
      nd_edition_set_headline (edition, headline);
      nd_story_store_save_edition (fixture->stories, edition, &error);
      g_assert_no_error (error);
    }

  nd_fake_wordpress_reset_requests (fixture->fakes[1]);
  run_pass_ok (fixture);

  /* Read in one request, written in one batch; each answer is still taken
   * like a single update's, with its revisions checked. */
  g_assert_cmpuint (count_single_reads (fixture->fakes[1]), ==, 0);
  g_assert_cmpuint (nd_fake_wordpress_count_requests (fixture->fakes[1], "PUT", "/wp/v2/posts/") +
                    nd_fake_wordpress_count_requests (fixture->fakes[1], "POST", "/wp/v2/posts/"), ==, 0);
  g_assert_cmpuint (nd_fake_wordpress_count_requests (fixture->fakes[1], "POST", "/batch/v1"), ==, 1);
  g_assert_cmpuint (nd_fake_wordpress_count_requests (fixture->fakes[1], "GET", NULL), >=, n);
  for (guint i = 0; i < n; i++)
    {
      g_autoptr(NdEdition) edition = load (fixture, g_ptr_array_index (stories, i), "en");
      gint64 remote_id = remote_id_of (fixture, edition);
      g_autofree char *title = post_field (fixture->fakes[1], remote_id, "title");
      g_autofree char *excerpt = post_field (fixture->fakes[1], remote_id, "excerpt");
      g_autofree char *headline = g_strdup_printf ("Bulk edit %u", i);
      const char *standfirst = i % 3 == 0 ? "Their standfirst" : "Standfirst";

      g_assert_cmpstr (title, ==, headline);
      g_assert_cmpstr (excerpt, ==, standfirst);
      g_assert_cmpstr (nd_edition_get_standfirst (edition), ==, standfirst);
      g_assert_cmpint (nd_sync_store_get_edition_state (fixture->sync_store, nd_edition_get_id (edition)), ==,
                       ND_EDITION_SYNC_SYNCED);
    }
}

/* Posts the incremental pull cannot see (written with a clock an hour
 * behind) are found by reconciling and read in bulk. */
static void
test_missed_posts_read_in_bulk (Fixture       *fixture,
                                gconstpointer  data)
{
  g_autoptr(GError) error = NULL;
  gint64 ids[3];

  run_pass_ok (fixture);

  nd_fake_wordpress_advance_clock (fixture->fakes[1], -3600);
  for (guint i = 0; i < G_N_ELEMENTS (ids); i++)
    {
      g_autofree char *json = g_strdup_printf ("{\"title\":\"Written an hour ago %u\",\"content\":\"<p>Old.</p>\","
                                               "\"status\":\"draft\"}", i);

      ids[i] = nd_fake_wordpress_create_post (fixture->fakes[1], json, &error);
      g_assert_no_error (error);
    }
  nd_fake_wordpress_advance_clock (fixture->fakes[1], 3600);

  nd_fake_wordpress_reset_requests (fixture->fakes[1]);
  run_pass_ok (fixture);

  for (guint i = 0; i < G_N_ELEMENTS (ids); i++)
    g_assert_cmpint (nd_sync_store_find_edition_by_remote (fixture->sync_store, fixture->site_ids[1], ids[i], NULL), >, 0);
  g_assert_cmpuint (count_single_reads (fixture->fakes[1]), ==, 0);
}

static guint
count_log_entries (Fixture    *fixture,
                   const char *needle)
{
  g_autoptr(GPtrArray) log = nd_sync_store_list_log (fixture->sync_store, 0, 1000, NULL);
  guint n = 0;

  for (guint i = 0; log != NULL && i < log->len; i++)
    if (strstr (((NdSyncLogEntry *) g_ptr_array_index (log, i))->message, needle) != NULL)
      n++;
  return n;
}

/* A scheduled post whose time came but that the site did not publish is
 * reported once; when the site's cron publishes it late (without moving
 * its modified time, so no pull sees it) the next pass still finds out. */
static void
test_missed_schedule_published_late (Fixture       *fixture,
                                     gconstpointer  data)
{
  g_autoptr(GError) error = NULL;
  g_autoptr(GDateTime) due = g_date_time_new_from_unix_utc (g_get_real_time () / G_USEC_PER_SEC - 120);
  g_autofree char *due_text = g_date_time_format (due, "%Y-%m-%dT%H:%M:%S");
  g_autofree char *json = g_strdup_printf ("{\"title\":\"Due a minute ago\",\"content\":\"<p>Text.</p>\","
                                           "\"status\":\"future\",\"date_gmt\":\"%s\"}", due_text);
  g_autoptr(NdEdition) edition = NULL;
  gint64 id;
  gint64 edition_id;

  /* Written when the time was still to come (the site's clock an hour
   * back), then the site's clock catches up: due, and not published. */
  nd_fake_wordpress_advance_clock (fixture->fakes[1], -3600);
  id = nd_fake_wordpress_create_post (fixture->fakes[1], json, &error);
  g_assert_no_error (error);
  nd_fake_wordpress_advance_clock (fixture->fakes[1], 3600);

  run_pass_ok (fixture);
  edition_id = nd_sync_store_find_edition_by_remote (fixture->sync_store, fixture->site_ids[1], id, NULL);
  g_assert_cmpint (edition_id, >, 0);
  edition = nd_story_store_load_edition_by_id (fixture->stories, edition_id, &error);
  g_assert_cmpint (nd_edition_get_status (edition), ==, ND_EDITION_STATUS_SCHEDULED);
  g_assert_cmpuint (count_log_entries (fixture, "did not publish it"), ==, 1);

  /* Reported once, however many passes. */
  run_pass_ok (fixture);
  g_assert_cmpuint (count_log_entries (fixture, "did not publish it"), ==, 1);

  g_assert_cmpuint (nd_fake_wordpress_run_cron (fixture->fakes[1]), ==, 1);
  run_pass_ok (fixture);
  g_clear_object (&edition);
  edition = nd_story_store_load_edition_by_id (fixture->stories, edition_id, &error);
  g_assert_cmpint (nd_edition_get_status (edition), ==, ND_EDITION_STATUS_PUBLISHED);
}

/* Paragraphs edited on both sides merge when they differ. */
static void
test_body_paragraph_merge (Fixture       *fixture,
                           gconstpointer  data)
{
  g_autoptr(NdStory) story = make_story (fixture, "body", 1);
  g_autoptr(NdEdition) edition = NULL;
  g_autoptr(GError) error = NULL;
  g_autofree char *content = NULL;
  g_autofree char *theirs = NULL;
  gint64 remote_id;

  run_pass_ok (fixture);
  edition = load (fixture, story, "en");
  remote_id = remote_id_of (fixture, edition);

  content = post_field (fixture->fakes[1], remote_id, "content");
  theirs = g_strdup (content);
  {
    g_autoptr(GString) s = g_string_new (content);

    g_string_replace (s, "Third paragraph.", "Third paragraph, edited on the web.", 1);
    g_assert_true (nd_fake_wordpress_edit_post (fixture->fakes[1], remote_id, "content", s->str));
  }
  nd_edition_set_body (edition, "First paragraph body, edited here.\n\nSecond paragraph.\n\nThird paragraph.");
  nd_story_store_save_edition (fixture->stories, edition, &error);
  g_assert_no_error (error);

  run_pass_ok (fixture);
  g_clear_object (&edition);
  edition = load (fixture, story, "en");
  g_assert_cmpstr (nd_edition_get_body (edition), ==,
                   "First paragraph body, edited here.\n\nSecond paragraph.\n\nThird paragraph, edited on the web.");
  g_clear_pointer (&content, g_free);
  content = post_field (fixture->fakes[1], remote_id, "content");
  g_assert_nonnull (strstr (content, "edited here"));
  g_assert_nonnull (strstr (content, "edited on the web"));
  g_assert_cmpint (nd_sync_store_get_edition_state (fixture->sync_store, nd_edition_get_id (edition)), ==,
                   ND_EDITION_SYNC_SYNCED);
}

/* A create whose answer is lost is found by its uuid, never sent twice. */
static void
test_lost_create_answer (Fixture       *fixture,
                         gconstpointer  data)
{
  g_autoptr(NdStory) story = NULL;
  g_autoptr(NdEdition) edition = NULL;
  g_autoptr(GError) error = NULL;
  g_autoptr(GArray) copies = NULL;
  g_autofree char *uuid = NULL;

  nd_fake_wordpress_fail_next_matching (fixture->fakes[1], ND_FAKE_FAULT_LOST_ANSWER, "POST", "/wp/v2/posts");
  story = make_story (fixture, "lost", 1);
  run_pass (fixture, &error);
  g_clear_error (&error);

  edition = load (fixture, story, "en");
  uuid = nd_sync_store_ensure_edition_uuid (fixture->sync_store, nd_edition_get_id (edition), NULL);
  copies = nd_fake_wordpress_find_posts_by_uuid (fixture->fakes[1], uuid);
  g_assert_cmpuint (copies->len, ==, 1);
  g_assert_cmpint (nd_fake_wordpress_count_faults (fixture->fakes[1], ND_FAKE_FAULT_LOST_ANSWER), ==, 1);

  run_pass_ok (fixture);
  run_pass_ok (fixture);
  g_clear_pointer (&copies, g_array_unref);
  copies = nd_fake_wordpress_find_posts_by_uuid (fixture->fakes[1], uuid);
  g_assert_cmpuint (copies->len, ==, 1);
  g_assert_cmpint (remote_id_of (fixture, edition), ==, g_array_index (copies, gint64, 0));
  g_assert_cmpint (nd_sync_store_get_edition_state (fixture->sync_store, nd_edition_get_id (edition)), ==,
                   ND_EDITION_SYNC_SYNCED);
}

/* A post deleted for good on the site: the text stays here, the link goes. */
static void
test_deleted_on_site (Fixture       *fixture,
                      gconstpointer  data)
{
  g_autoptr(NdStory) story = make_story (fixture, "deleted", 1);
  g_autoptr(NdEdition) edition = NULL;
  gint64 remote_id;

  run_pass_ok (fixture);
  edition = load (fixture, story, "en");
  remote_id = remote_id_of (fixture, edition);
  g_assert_true (nd_fake_wordpress_delete_post (fixture->fakes[1], remote_id));

  run_pass_ok (fixture);
  g_assert_cmpint (remote_id_of (fixture, edition), <=, 0);
  g_clear_object (&edition);
  edition = load (fixture, story, "en");
  g_assert_cmpstr (nd_edition_get_headline (edition), ==, "Talks in Kabul deleted 1");
  g_assert_cmpuint (nd_fake_wordpress_count_posts (fixture->fakes[1], NULL), ==, 0);
}

/* One site with Polylang serves the three languages: each post gets its
 * language, and the three are linked as translations of one another. */
static void
test_polylang (Fixture       *fixture,
               gconstpointer  data)
{
  g_autoptr(NdStory) story = make_story (fixture, "polylang", 1);
  gint64 ids[3];

  run_pass_ok (fixture);
  g_assert_cmpuint (nd_fake_wordpress_count_posts (fixture->fakes[0], NULL), ==, 3);

  /* The engine asked the site what it offers. */
  {
    g_autoptr(NdSite) site = nd_sync_store_get_site (fixture->sync_store, fixture->site_ids[0], NULL);

    g_assert_true (nd_site_get_has_polylang (site));
    g_assert_true (nd_site_get_has_batch (site));
    g_assert_true (nd_site_get_has_plugin (site));
  }

  for (guint i = 0; i < G_N_ELEMENTS (langs); i++)
    {
      g_autoptr(NdEdition) edition = load (fixture, story, langs[i]);

      ids[i] = remote_id_of (fixture, edition);
      g_assert_cmpint (ids[i], >, 0);
    }

  for (guint i = 0; i < G_N_ELEMENTS (langs); i++)
    {
      g_autoptr(JsonNode) node = nd_fake_wordpress_get_post_json (fixture->fakes[0], ids[i]);
      JsonObject *post = json_node_get_object (node);
      JsonObject *translations = json_object_get_object_member (post, "translations");

      g_assert_cmpstr (json_object_get_string_member (post, "lang"), ==, langs[i]);
      for (guint j = 0; j < G_N_ELEMENTS (langs); j++)
        if (j != i)
          g_assert_cmpint (json_object_get_int_member (translations, langs[j]), ==, ids[j]);
    }
}

/* A wrong password stops that site with a plain message and changes
 * nothing; the other sites go on. */
static void
test_wrong_password (Fixture       *fixture,
                     gconstpointer  data)
{
  g_autoptr(NdStory) story = make_story (fixture, "password", 1);
  g_autoptr(NdEdition) edition = NULL;
  g_autoptr(GError) error = NULL;

  store_password (nd_fake_wordpress_get_url (fixture->fakes[2]), ND_FAKE_WORDPRESS_USER, "wrong wrong wrong");
  run_pass (fixture, &error);
  g_assert_error (error, ND_REMOTE_ERROR, ND_REMOTE_ERROR_AUTH_FAILED);
  g_assert_null (strstr (error->message, "wrong wrong"));
  g_assert_cmpint (nd_sync_engine_get_state (fixture->engine), ==, ND_SYNC_STATE_ERROR);

  edition = load (fixture, story, "ru");
  g_assert_cmpint (remote_id_of (fixture, edition), >, 0);
  g_clear_object (&edition);
  edition = load (fixture, story, "ar");
  g_assert_cmpint (remote_id_of (fixture, edition), <=, 0);
  g_assert_cmpuint (nd_fake_wordpress_count_posts (fixture->fakes[2], NULL), ==, 0);
}

static guint
count_waiting (Fixture   *fixture,
               GPtrArray *stories)
{
  guint waiting = 0;

  for (guint i = 0; i < stories->len; i++)
    for (guint l = 0; l < 3; l++)
      {
        g_autoptr(NdEdition) e = load (fixture, g_ptr_array_index (stories, i), langs[l]);
        NdEditionSyncState state = nd_sync_store_get_edition_state (fixture->sync_store, nd_edition_get_id (e));

        if (state != ND_EDITION_SYNC_SYNCED && state != ND_EDITION_SYNC_CONFLICT)
          waiting++;
      }

  return waiting;
}

static guint
sync_until_settled (Fixture   *fixture,
                    GPtrArray *stories)
{
  guint passes;

  for (passes = 1; passes <= 60; passes++)
    {
      g_autoptr(GError) error = NULL;
      guint waiting;

      run_pass (fixture, &error);
      waiting = count_waiting (fixture, stories);
      g_test_message ("pass %u: %u editions waiting%s%s", passes, waiting,
                      error != NULL ? ", " : "", error != NULL ? error->message : "");
      if (waiting == 0)
        return passes;
    }

  g_assert_not_reached ();
}

/* The field of an edition another user's edit landed in. */
static const char *
edited_text (NdEdition  *edition,
             const char *field)
{
  if (g_str_equal (field, "title"))
    return nd_edition_get_headline (edition);
  if (g_str_equal (field, "excerpt"))
    return nd_edition_get_standfirst (edition);
  return nd_edition_get_body (edition);
}

static const char *
edited_conflict_field (const char *field)
{
  if (g_str_equal (field, "title"))
    return "headline";
  if (g_str_equal (field, "excerpt"))
    return "standfirst";
  return "body";
}

/* Whether an edit by another user ("POST_ID FIELD", as the fake records it)
 * reached this side: merged into the edition, or kept in a conflict. */
static gboolean
other_edit_seen (Fixture    *fixture,
                 guint       site,
                 const char *edit)
{
  g_auto(GStrv) parts = g_strsplit (edit, " ", 2);
  gint64 edition_id = nd_sync_store_find_edition_by_remote (fixture->sync_store, fixture->site_ids[site],
                                                            g_ascii_strtoll (parts[0], NULL, 10), NULL);
  g_autoptr(NdEdition) e = nd_story_store_load_edition_by_id (fixture->stories, edition_id, NULL);
  g_autoptr(GPtrArray) open = NULL;
  gboolean seen;

  g_assert_nonnull (e);
  seen = strstr (edited_text (e, parts[1]), "dited on the web") != NULL;
  open = nd_sync_store_list_conflicts (fixture->sync_store, edition_id, NULL);
  for (guint c = 0; !seen && open != NULL && c < open->len; c++)
    {
      NdConflict *conflict = g_ptr_array_index (open, c);

      seen = g_str_equal (conflict->field, edited_conflict_field (parts[1])) &&
             strstr (conflict->theirs, "dited on the web") != NULL;
    }
  return seen;
}

/* Someone edits the post between our re-read and our write, and the site
 * fails the first reads of the revisions that would show it: they are read
 * again, and the edit is found all the same. */
static void
test_revisions_read_again (Fixture       *fixture,
                           gconstpointer  data)
{
  g_autoptr(NdStory) story = make_story (fixture, "revisions", 1);
  g_autoptr(NdEdition) edition = NULL;
  g_autoptr(GError) error = NULL;
  g_autofree char *path = NULL;
  g_autofree char *revisions_path = NULL;
  g_autofree char *body = NULL;
  g_auto(GStrv) edits = NULL;
  gint64 remote_id;

  run_pass_ok (fixture);
  edition = load (fixture, story, "en");
  remote_id = remote_id_of (fixture, edition);

  /* Every text field changes here, so that our write covers whatever the
   * other user touches: only the revisions can tell. */
  body = g_strconcat (nd_edition_get_body (edition), "\n\nA closing paragraph.", NULL);
  nd_edition_set_headline (edition, "Mine, sent while theirs lands");
  nd_edition_set_standfirst (edition, "My standfirst");
  nd_edition_set_body (edition, body);
  nd_story_store_save_edition (fixture->stories, edition, &error);
  g_assert_no_error (error);

  path = g_strdup_printf ("/wp/v2/posts/%" G_GINT64_FORMAT, remote_id);
  revisions_path = g_strconcat (path, "/revisions", NULL);
  nd_fake_wordpress_fail_next_matching (fixture->fakes[1], ND_FAKE_FAULT_CONCURRENT_EDIT, "GET", path);
  nd_fake_wordpress_fail_next_matching (fixture->fakes[1], ND_FAKE_FAULT_SERVER_ERROR, "GET", revisions_path);
  nd_fake_wordpress_fail_next_matching (fixture->fakes[1], ND_FAKE_FAULT_UNAVAILABLE, "GET", revisions_path);
  run_pass_ok (fixture);

  edits = nd_fake_wordpress_dup_other_edits (fixture->fakes[1]);
  g_assert_cmpuint (g_strv_length (edits), ==, 1);
  g_assert_true (other_edit_seen (fixture, 1, edits[0]));
  g_assert_cmpuint (nd_fake_wordpress_count_faults (fixture->fakes[1], ND_FAKE_FAULT_NONE), ==, 3);
}

/* Many stories under injected faults: no duplicates, no lost edit, every
 * concurrent edit seen, and a quiet second sync. */
static void
test_fault_scenario (Fixture       *fixture,
                     gconstpointer  data)
{
  guint n_stories = g_test_slow () ? 1000 : 60;
  g_autoptr(GPtrArray) stories = g_ptr_array_new_with_free_func (g_object_unref);
  guint passes;
  guint unseen = 0;
  gint64 started = g_get_monotonic_time ();

  for (guint i = 0; i < n_stories; i++)
    g_ptr_array_add (stories, make_story (fixture, "fault", i));

  for (guint s = 0; s < 3; s++)
    {
      nd_fake_wordpress_set_slow_delay (fixture->fakes[s], 2500);
      nd_fake_wordpress_set_faults (fixture->fakes[s], (g_getenv ("ND_FAULTS") ? (NdFakeFaults) atoi (g_getenv ("ND_FAULTS")) : (ND_FAKE_FAULTS_ALL & ~ND_FAKE_FAULT_SLOW)), g_getenv ("ND_FAULTS") ? 0.15 : 0.05, 1234 + s);
    }

  /* Passes until nothing waits; each pass retries what failed. Then the
   * editors change every story here while the faults go on (updates re-read
   * their posts, and another user edits some of them in between), and the
   * passes run again. */
  passes = sync_until_settled (fixture, stories);
  for (guint i = 0; i < stories->len; i++)
    {
      g_autoptr(NdEdition) en = load (fixture, g_ptr_array_index (stories, i), "en");
      g_autoptr(NdEdition) ru = load (fixture, g_ptr_array_index (stories, i), "ru");
      g_autoptr(GError) error = NULL;
      g_autofree char *headline = g_strconcat (nd_edition_get_headline (en), " (updated)", NULL);
      g_autofree char *body = g_strconcat (nd_edition_get_body (ru), "\n\nДобавленный абзац.", NULL);

      nd_edition_set_headline (en, headline);
      nd_story_store_save_edition (fixture->stories, en, &error);
      g_assert_no_error (error);
      nd_edition_set_body (ru, body);
      nd_story_store_save_edition (fixture->stories, ru, &error);
      g_assert_no_error (error);
    }
  passes += sync_until_settled (fixture, stories);

  /* 5 % spread over every kind of fault gives few edits by another user;
   * a last round makes them common, to check each is seen. */
  for (guint s = 0; s < 3; s++)
    nd_fake_wordpress_set_faults (fixture->fakes[s], ND_FAKE_FAULT_CONCURRENT_EDIT, 0.3, 99 + s);
  for (guint i = 0; i < stories->len; i++)
    {
      g_autoptr(NdEdition) en = load (fixture, g_ptr_array_index (stories, i), "en");
      g_autoptr(GError) error = NULL;
      g_autofree char *body = g_strconcat ("Opening line.\n\n", nd_edition_get_body (en), NULL);

      nd_edition_set_body (en, body);
      nd_story_store_save_edition (fixture->stories, en, &error);
      g_assert_no_error (error);
    }
  passes += sync_until_settled (fixture, stories);

  for (guint s = 0; s < 3; s++)
    nd_fake_wordpress_set_faults (fixture->fakes[s], ND_FAKE_FAULT_NONE, 0, 0);
  run_pass_ok (fixture);

  /* New posts went up in batches (the fake offers /batch/v1). */
  for (guint s = 0; s < 3; s++)
    g_assert_cmpuint (nd_fake_wordpress_count_requests (fixture->fakes[s], "POST", "/batch/v1"), >, 0);

  g_test_message ("%u stories × 3 editions synced under 5 %% faults in %.1f s, %u passes",
                  n_stories, (g_get_monotonic_time () - started) / 1e6, passes + 1);

  for (guint i = 0; i < stories->len; i++)
    for (guint l = 0; l < 3; l++)
      {
        g_autoptr(NdEdition) e = load (fixture, g_ptr_array_index (stories, i), langs[l]);
        g_autofree char *uuid = nd_sync_store_ensure_edition_uuid (fixture->sync_store, nd_edition_get_id (e), NULL);
        g_autoptr(GArray) copies = nd_fake_wordpress_find_posts_by_uuid (fixture->fakes[l], uuid);
        gint64 remote_id = remote_id_of (fixture, e);
        NdEditionSyncState state = nd_sync_store_get_edition_state (fixture->sync_store, nd_edition_get_id (e));

        /* 0 duplicates. */
        g_assert_cmpuint (copies->len, ==, 1);
        g_assert_cmpint (remote_id, ==, g_array_index (copies, gint64, 0));

        /* 0 lost edits: the site has our text, or a conflict shows. */
        if (state == ND_EDITION_SYNC_SYNCED)
          {
            g_autofree char *title = post_field (fixture->fakes[l], remote_id, "title");

            g_assert_cmpstr (title, ==, nd_edition_get_headline (e));
          }
        else
          {
            g_autoptr(GPtrArray) open = nd_sync_store_list_conflicts (fixture->sync_store, nd_edition_get_id (e), NULL);

            g_assert_cmpint (state, ==, ND_EDITION_SYNC_CONFLICT);
            g_assert_cmpuint (open->len, >, 0);
          }
      }

  /* Every edit another user made reached this side, merged into the
   * edition or kept in a conflict: none was overwritten unseen. */
  for (guint s = 0; s < 3; s++)
    {
      g_auto(GStrv) edits = nd_fake_wordpress_dup_other_edits (fixture->fakes[s]);

      g_test_message ("site %u: %u concurrent edits", s, edits != NULL ? g_strv_length (edits) : 0);
      for (guint i = 0; edits != NULL && edits[i] != NULL; i++)
        {
          if (!other_edit_seen (fixture, s, edits[i]))
            {
              g_test_message ("edit %s on site %u not seen here", edits[i], s);
              unseen++;
            }
        }
    }
  g_assert_cmpuint (unseen, ==, 0);

  /* A second sync changes nothing. */
  {
    g_autoptr(GArray) revisions = g_array_new (FALSE, FALSE, sizeof (gint64));
    guint posts_before[3];

    for (guint s = 0; s < 3; s++)
      posts_before[s] = nd_fake_wordpress_count_posts (fixture->fakes[s], NULL);
    for (guint i = 0; i < stories->len; i++)
      {
        g_autoptr(NdEdition) e = load (fixture, g_ptr_array_index (stories, i), "en");
        gint64 revision = nd_edition_get_revision (e);

        g_array_append_val (revisions, revision);
      }

    run_pass_ok (fixture);

    for (guint s = 0; s < 3; s++)
      g_assert_cmpuint (nd_fake_wordpress_count_posts (fixture->fakes[s], NULL), ==, posts_before[s]);
    for (guint i = 0; i < stories->len; i++)
      {
        g_autoptr(NdEdition) e = load (fixture, g_ptr_array_index (stories, i), "en");

        g_assert_cmpint (nd_edition_get_revision (e), ==, g_array_index (revisions, gint64, i));
      }
  }
}

int
main (int   argc,
      char *argv[])
{
  g_autoptr(GError) error = NULL;

  g_test_init (&argc, &argv, NULL);

  /* The application passwords live in the Secret Service; build-aux/setup.sh
   * test starts one. Where none runs (a Flatpak build), there is nothing to
   * test the engine with, as for the account tests. */
  if (!nd_account_store_password_sync ("http://127.0.0.1:1", "probe", "probe", &error))
    {
      g_print ("1..0 # SKIP No Secret Service to keep application passwords: %s\n", error->message);
      return 0;
    }
  nd_account_clear_password_async ("http://127.0.0.1:1", "probe", NULL, NULL, NULL);

#define ADD(path, func) \
  g_test_add ("/sync-engine/" path, Fixture, NULL, fixture_set_up, func, fixture_tear_down)

  ADD ("push-new-story", test_push_new_story);
  ADD ("pull-web-post", test_pull_web_post);
  ADD ("merge-and-conflict", test_merge_and_conflict);
  ADD ("body-paragraph-merge", test_body_paragraph_merge);
  ADD ("bulk-reread", test_bulk_reread);
  ADD ("missed-posts-read-in-bulk", test_missed_posts_read_in_bulk);
  ADD ("revisions-read-again", test_revisions_read_again);
  ADD ("missed-schedule-published-late", test_missed_schedule_published_late);
  ADD ("lost-create-answer", test_lost_create_answer);
  ADD ("deleted-on-site", test_deleted_on_site);
  ADD ("wrong-password", test_wrong_password);
  g_test_add ("/sync-engine/polylang", Fixture, "polylang", fixture_set_up, test_polylang, fixture_tear_down);
  ADD ("fault-scenario", test_fault_scenario);

#undef ADD

  return g_test_run ();
}
