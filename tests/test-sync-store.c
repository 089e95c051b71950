/* test-sync-store.c
 *
 * SPDX-License-Identifier: GPL-3.0-or-later
 */

#include "config.h"

#include <glib/gstdio.h>

#include "nd-story-store.h"
#include "nd-sync-store.h"
#include "nd-test-util.h"

typedef struct
{
  char         *dir;
  char         *path;
  NdDatabase   *database;
  NdStoryStore *stories;
  NdSyncStore  *sync;
  GArray       *signals_seen;
} Fixture;

/* Every signal the store emits, as "name:arg". */
typedef struct
{
  const char *name;
  gint64      arg;
} Seen;

static void
on_signal_cb (NdSyncStore *store,
              gint64       arg,
              gpointer     user_data)
{
  Fixture *fixture = user_data;
  Seen seen = { g_signal_name (g_signal_get_invocation_hint (store)->signal_id), arg };

  g_array_append_val (fixture->signals_seen, seen);
}

static void
on_outbox_changed_cb (NdSyncStore *store,
                      gpointer     user_data)
{
  on_signal_cb (store, 0, user_data);
}

static guint
count_seen (Fixture    *fixture,
            const char *name,
            gint64      arg)
{
  guint n = 0;

  for (guint i = 0; i < fixture->signals_seen->len; i++)
    {
      const Seen *seen = &g_array_index (fixture->signals_seen, Seen, i);

      if (g_str_equal (seen->name, name) && (arg < 0 || seen->arg == arg))
        n++;
    }

  return n;
}

static void
open_stores (Fixture *fixture)
{
  g_autoptr(GError) error = NULL;

  fixture->database = nd_database_open (fixture->path, ND_DATABASE_FLAGS_NONE, &error);
  g_assert_no_error (error);
  fixture->stories = nd_story_store_new (fixture->database, &error);
  g_assert_no_error (error);
  fixture->sync = nd_sync_store_new (fixture->database);

  g_signal_connect (fixture->sync, "site-changed", G_CALLBACK (on_signal_cb), fixture);
  g_signal_connect (fixture->sync, "edition-sync-changed", G_CALLBACK (on_signal_cb), fixture);
  g_signal_connect (fixture->sync, "log-appended", G_CALLBACK (on_signal_cb), fixture);
  g_signal_connect (fixture->sync, "conflicts-changed", G_CALLBACK (on_signal_cb), fixture);
  g_signal_connect (fixture->sync, "outbox-changed", G_CALLBACK (on_outbox_changed_cb), fixture);
}

static void
close_stores (Fixture *fixture)
{
  g_assert_finalize_object (fixture->sync);
  g_assert_finalize_object (fixture->stories);
  g_assert_finalize_object (fixture->database);
  fixture->sync = NULL;
  fixture->stories = NULL;
  fixture->database = NULL;
}

static void
fixture_set_up (Fixture       *fixture,
                gconstpointer  data)
{
  g_autoptr(GError) error = NULL;

  fixture->dir = g_dir_make_tmp ("newsdesk-sync-store-XXXXXX", &error);
  g_assert_no_error (error);
  fixture->path = g_build_filename (fixture->dir, "newsdesk.db", NULL);
  fixture->signals_seen = g_array_new (FALSE, FALSE, sizeof (Seen));
  open_stores (fixture);
}

static void
fixture_tear_down (Fixture       *fixture,
                   gconstpointer  data)
{
  if (fixture->database != NULL)
    close_stores (fixture);
  nd_test_remove_dir (fixture->dir);
  g_free (fixture->dir);
  g_free (fixture->path);
  g_array_unref (fixture->signals_seen);
}

static gint64
add_site (Fixture    *fixture,
          const char *url)
{
  g_autoptr(GError) error = NULL;
  g_autoptr(NdSite) site = nd_site_new ();

  nd_site_set_name (site, url);
  nd_site_set_url (site, url);
  nd_site_set_username (site, "editor");
  g_assert_true (nd_sync_store_add_site (fixture->sync, site, &error));
  g_assert_no_error (error);
  g_assert_cmpint (nd_site_get_id (site), >, 0);

  return nd_site_get_id (site);
}

/* Makes a story in Russian with an English edition; returns the edition of
 * @lang. */
static NdEdition *
make_story (Fixture    *fixture,
            const char *lang,
            const char *body)
{
  g_autoptr(GError) error = NULL;
  g_autoptr(NdStory) story = nd_story_store_create_story (fixture->stories, "ru", &error);
  g_autoptr(NdEdition) english = NULL;
  NdEdition *edition;

  g_assert_no_error (error);
  english = nd_story_store_add_edition (fixture->stories, nd_story_get_id (story), "en", &error);
  g_assert_no_error (error);

  edition = nd_story_store_load_edition (fixture->stories, nd_story_get_id (story), lang, &error);
  g_assert_no_error (error);
  nd_edition_set_headline (edition, "Заголовок");
  nd_edition_set_body (edition, body);
  g_assert_true (nd_story_store_save_edition (fixture->stories, edition, &error));
  g_assert_no_error (error);

  return edition;
}

static gboolean
array_has (GArray *ids,
           gint64  id)
{
  for (guint i = 0; i < ids->len; i++)
    {
      if (g_array_index (ids, gint64, i) == id)
        return TRUE;
    }

  return FALSE;
}

/* Sites ------------------------------------------------------------------- */

static void
test_sites (Fixture       *fixture,
            gconstpointer  data)
{
  g_autoptr(GError) error = NULL;
  g_autoptr(NdSite) dup = nd_site_new ();
  g_autoptr(NdSite) bad = nd_site_new ();
  g_autoptr(NdSite) found = NULL;
  g_autoptr(GPtrArray) sites = NULL;
  g_auto(GStrv) langs = NULL;
  gint64 ru_site, intl_site;

  ru_site = add_site (fixture, "https://realist.ru/");
  intl_site = add_site (fixture, "https://realist.online");
  g_assert_cmpuint (count_seen (fixture, "site-changed", ru_site), ==, 1);

  /* The trailing slash is dropped, so the same address is refused. */
  found = nd_sync_store_get_site (fixture->sync, ru_site, &error);
  g_assert_no_error (error);
  g_assert_cmpstr (nd_site_get_url (found), ==, "https://realist.ru");
  g_assert_cmpstr (nd_site_get_username (found), ==, "editor");
  g_assert_cmpint (nd_site_get_created_at (found), >, 0);
  g_clear_object (&found);

  nd_site_set_url (dup, "https://realist.ru//");
  g_assert_false (nd_sync_store_add_site (fixture->sync, dup, &error));
  g_assert_error (error, G_IO_ERROR, G_IO_ERROR_EXISTS);
  g_clear_error (&error);

  nd_site_set_url (bad, "ftp://realist.ru");
  g_assert_false (nd_sync_store_add_site (fixture->sync, bad, &error));
  g_assert_error (error, G_IO_ERROR, G_IO_ERROR_INVALID_ARGUMENT);
  g_clear_error (&error);

  found = nd_sync_store_find_site_by_url (fixture->sync, "https://realist.online/", &error);
  g_assert_no_error (error);
  g_assert_nonnull (found);
  g_assert_cmpint (nd_site_get_id (found), ==, intl_site);

  /* Update what discovery found. */
  nd_site_set_timezone (found, "Europe/Moscow");
  nd_site_set_has_batch (found, TRUE);
  nd_site_set_has_polylang (found, TRUE);
  g_assert_true (nd_sync_store_update_site (fixture->sync, found, &error));
  g_assert_no_error (error);
  g_clear_object (&found);
  found = nd_sync_store_get_site (fixture->sync, intl_site, &error);
  g_assert_cmpstr (nd_site_get_timezone (found), ==, "Europe/Moscow");
  g_assert_true (nd_site_get_has_batch (found));
  g_assert_true (nd_site_get_has_polylang (found));
  g_assert_false (nd_site_get_has_plugin (found));

  g_assert_null (nd_sync_store_find_site_by_url (fixture->sync, "https://nowhere.example", &error));
  g_assert_no_error (error);

  sites = nd_sync_store_list_sites (fixture->sync, &error);
  g_assert_no_error (error);
  g_assert_cmpuint (sites->len, ==, 2);

  /* One site for Russian, one for English and Arabic. */
  g_assert_true (nd_sync_store_set_language_site (fixture->sync, "ru", ru_site, &error));
  g_assert_true (nd_sync_store_set_language_site (fixture->sync, "en", intl_site, &error));
  g_assert_true (nd_sync_store_set_language_site (fixture->sync, "ar", intl_site, &error));
  g_assert_no_error (error);
  g_assert_cmpint (nd_sync_store_get_language_site (fixture->sync, "ar", &error), ==, intl_site);
  langs = nd_sync_store_list_site_languages (fixture->sync, intl_site, &error);
  g_assert_no_error (error);
  g_assert_cmpuint (g_strv_length (langs), ==, 2);
  g_assert_true (g_strv_contains ((const char * const *) langs, "en"));
  g_assert_true (g_strv_contains ((const char * const *) langs, "ar"));

  /* Moving Arabic to the Russian site. */
  g_assert_true (nd_sync_store_set_language_site (fixture->sync, "ar", ru_site, &error));
  g_assert_cmpint (nd_sync_store_get_language_site (fixture->sync, "ar", &error), ==, ru_site);
  g_assert_true (nd_sync_store_set_language_site (fixture->sync, "ar", 0, &error));
  g_assert_cmpint (nd_sync_store_get_language_site (fixture->sync, "ar", &error), ==, 0);
  g_assert_no_error (error);

  /* A language that does not exist breaks the schema's rules. */
  g_assert_false (nd_sync_store_set_language_site (fixture->sync, "xx", ru_site, &error));
  g_assert_error (error, ND_DATABASE_ERROR, ND_DATABASE_ERROR_CONSTRAINT);
  g_clear_error (&error);

  g_assert_true (nd_sync_store_remove_site (fixture->sync, intl_site, &error));
  g_assert_no_error (error);
  g_assert_cmpint (nd_sync_store_get_language_site (fixture->sync, "en", &error), ==, 0);
  g_assert_null (nd_sync_store_get_site (fixture->sync, intl_site, &error));
  g_assert_no_error (error);
}

/* Editions ---------------------------------------------------------------- */

static void
test_edition_identity (Fixture       *fixture,
                       gconstpointer  data)
{
  g_autoptr(GError) error = NULL;
  g_autoptr(NdEdition) edition = make_story (fixture, "ru", "Первый абзац.");
  g_autoptr(NdEdition) other = make_story (fixture, "en", "First paragraph.");
  g_autoptr(NdEditionSync) sync = NULL;
  g_autofree char *uuid = NULL;
  g_autofree char *again = NULL;
  gint64 site = add_site (fixture, "https://realist.ru");
  gint64 id = nd_edition_get_id (edition);

  /* Before anything, an edition is local with no uuid. */
  sync = nd_sync_store_get_edition_sync (fixture->sync, id, &error);
  g_assert_no_error (error);
  g_assert_cmpint (sync->state, ==, ND_EDITION_SYNC_LOCAL);
  g_assert_null (sync->uuid);
  g_assert_cmpint (sync->remote_id, ==, 0);
  g_assert_cmpint (sync->story_id, ==, nd_edition_get_story_id (edition));
  g_assert_cmpstr (sync->lang, ==, "ru");
  g_clear_pointer (&sync, nd_edition_sync_free);

  /* The uuid is made once. */
  uuid = nd_sync_store_ensure_edition_uuid (fixture->sync, id, &error);
  g_assert_no_error (error);
  g_assert_true (g_uuid_string_is_valid (uuid));
  again = nd_sync_store_ensure_edition_uuid (fixture->sync, id, &error);
  g_assert_cmpstr (uuid, ==, again);
  g_assert_cmpint (nd_sync_store_find_edition_by_uuid (fixture->sync, uuid, &error), ==, id);
  g_assert_cmpint (nd_sync_store_find_edition_by_uuid (fixture->sync, "no-such-uuid", &error), ==, 0);
  g_assert_no_error (error);

  g_assert_null (nd_sync_store_ensure_edition_uuid (fixture->sync, 999999, &error));
  g_assert_error (error, G_IO_ERROR, G_IO_ERROR_NOT_FOUND);
  g_clear_error (&error);

  /* The post created for it. */
  g_assert_true (nd_sync_store_set_remote_id (fixture->sync, id, site, 42, &error));
  g_assert_no_error (error);
  g_assert_cmpint (nd_sync_store_get_remote_id (fixture->sync, id, &error), ==, 42);
  g_assert_cmpint (nd_sync_store_find_edition_by_remote (fixture->sync, site, 42, &error), ==, id);
  g_assert_cmpint (nd_sync_store_find_edition_by_remote (fixture->sync, site, 43, &error), ==, 0);
  g_assert_cmpuint (count_seen (fixture, "edition-sync-changed", id), ==, 1);

  /* A post is one edition's. */
  g_assert_false (nd_sync_store_set_remote_id (fixture->sync, nd_edition_get_id (other), site, 42, &error));
  g_assert_error (error, ND_DATABASE_ERROR, ND_DATABASE_ERROR_CONSTRAINT);
  g_clear_error (&error);

  /* A post made by Newsdesk elsewhere brings its uuid. */
  g_assert_true (nd_sync_store_adopt_edition (fixture->sync, nd_edition_get_id (other), site, 77,
                                              "6d1f0a9e-5a57-4f8e-9d0c-2b7d1e0c9a11", &error));
  g_assert_no_error (error);
  g_assert_cmpint (nd_sync_store_find_edition_by_uuid (fixture->sync, "6d1f0a9e-5a57-4f8e-9d0c-2b7d1e0c9a11",
                                                       &error), ==, nd_edition_get_id (other));

  {
    g_autoptr(GArray) ids = nd_sync_store_list_remote_ids (fixture->sync, site, &error);

    g_assert_no_error (error);
    g_assert_cmpuint (ids->len, ==, 2);
    g_assert_cmpint (g_array_index (ids, gint64, 0), ==, 42);
    g_assert_cmpint (g_array_index (ids, gint64, 1), ==, 77);
  }

  /* Forgetting the post (deleted on the site) keeps the uuid. */
  g_assert_true (nd_sync_store_forget_remote (fixture->sync, id, &error));
  sync = nd_sync_store_get_edition_sync (fixture->sync, id, &error);
  g_assert_no_error (error);
  g_assert_cmpint (sync->remote_id, ==, 0);
  g_assert_cmpstr (sync->uuid, ==, uuid);
  g_assert_cmpint (sync->state, ==, ND_EDITION_SYNC_LOCAL);
}

static void
test_base_and_state (Fixture       *fixture,
                     gconstpointer  data)
{
  g_autoptr(GError) error = NULL;
  g_autoptr(NdEdition) edition = make_story (fixture, "ru", "Первый абзац.");
  g_autoptr(NdEdition) needs = NULL;
  g_autoptr(NdEditionSync) sync = NULL;
  g_autoptr(GArray) to_push = NULL;
  g_autofree char *base = NULL;
  g_autofree char *modified = NULL;
  gint64 site = add_site (fixture, "https://realist.ru");
  gint64 id = nd_edition_get_id (edition);
  gint64 revision = nd_edition_get_revision (edition);
  gint64 changes;

  g_assert_true (nd_sync_store_set_language_site (fixture->sync, "ru", site, &error));
  g_assert_no_error (error);

  /* The English edition of the story waits for a translation: not pushed. */
  needs = nd_story_store_load_edition (fixture->stories, nd_edition_get_story_id (edition), "en", &error);
  g_assert_no_error (error);
  to_push = nd_sync_store_list_editions_to_push (fixture->sync, site, &error);
  g_assert_no_error (error);
  g_assert_true (array_has (to_push, id));
  g_assert_false (array_has (to_push, nd_edition_get_id (needs)));
  g_clear_pointer (&to_push, g_array_unref);

  g_assert_true (nd_sync_store_set_remote_id (fixture->sync, id, site, 5, &error));
  g_assert_true (nd_sync_store_set_base (fixture->sync, id, "{\"headline\":\"Заголовок\"}",
                                         "2026-11-28T10:00:00", revision, &error));
  g_assert_no_error (error);
  g_assert_cmpint (nd_sync_store_get_edition_state (fixture->sync, id), ==, ND_EDITION_SYNC_SYNCED);
  base = nd_sync_store_get_base (fixture->sync, id, &modified, &error);
  g_assert_cmpstr (base, ==, "{\"headline\":\"Заголовок\"}");
  g_assert_cmpstr (modified, ==, "2026-11-28T10:00:00");

  to_push = nd_sync_store_list_editions_to_push (fixture->sync, site, &error);
  g_assert_false (array_has (to_push, id));
  g_clear_pointer (&to_push, g_array_unref);

  /* The editor changes the status: no new revision, but it is pending. */
  sync = nd_sync_store_get_edition_sync (fixture->sync, id, &error);
  changes = sync->changes;
  g_clear_pointer (&sync, nd_edition_sync_free);
  g_assert_true (nd_story_store_set_edition_status (fixture->stories, edition, ND_EDITION_STATUS_IN_REVIEW,
                                                    "", &error));
  g_assert_no_error (error);
  g_assert_cmpint (nd_sync_store_get_edition_state (fixture->sync, id), ==, ND_EDITION_SYNC_PENDING);
  to_push = nd_sync_store_list_editions_to_push (fixture->sync, site, &error);
  g_assert_true (array_has (to_push, id));
  g_clear_pointer (&to_push, g_array_unref);

  /* A sync that read the edition before that change leaves it pending. */
  g_assert_true (nd_sync_store_set_base_seen (fixture->sync, id, "{}", NULL, revision, changes, &error));
  g_assert_cmpint (nd_sync_store_get_edition_state (fixture->sync, id), ==, ND_EDITION_SYNC_PENDING);
  sync = nd_sync_store_get_edition_sync (fixture->sync, id, &error);
  g_assert_true (nd_sync_store_set_base_seen (fixture->sync, id, "{}", NULL, revision, sync->changes, &error));
  g_assert_no_error (error);
  g_assert_cmpint (nd_sync_store_get_edition_state (fixture->sync, id), ==, ND_EDITION_SYNC_SYNCED);
  g_clear_pointer (&sync, nd_edition_sync_free);

  /* Text typed while a request was in flight: the new revision stays
   * pending. */
  nd_edition_set_body (edition, "Первый абзац, исправленный.");
  g_assert_true (nd_story_store_save_edition (fixture->stories, edition, &error));
  g_assert_no_error (error);
  g_assert_cmpint (nd_edition_get_revision (edition), >, revision);
  g_assert_true (nd_sync_store_set_base (fixture->sync, id, "{}", NULL, revision, &error));
  g_assert_cmpint (nd_sync_store_get_edition_state (fixture->sync, id), ==, ND_EDITION_SYNC_PENDING);
  g_assert_true (nd_sync_store_set_base (fixture->sync, id, "{}", NULL, nd_edition_get_revision (edition), &error));
  g_assert_cmpint (nd_sync_store_get_edition_state (fixture->sync, id), ==, ND_EDITION_SYNC_SYNCED);

  /* Errors are kept for the editor, and retried. */
  g_assert_true (nd_sync_store_set_edition_state (fixture->sync, id, ND_EDITION_SYNC_ERROR,
                                                  "The site refused the post", &error));
  sync = nd_sync_store_get_edition_sync (fixture->sync, id, &error);
  g_assert_cmpint (sync->state, ==, ND_EDITION_SYNC_ERROR);
  g_assert_cmpstr (sync->last_error, ==, "The site refused the post");
  g_assert_cmpint (sync->synced_revision, ==, nd_edition_get_revision (edition));
  to_push = nd_sync_store_list_editions_to_push (fixture->sync, site, &error);
  g_assert_true (array_has (to_push, id));
  g_clear_pointer (&to_push, g_array_unref);
  g_assert_cmpint (nd_sync_store_get_story_state (fixture->sync, nd_edition_get_story_id (edition)),
                   ==, ND_EDITION_SYNC_ERROR);

  /* Another site's languages are not its business. */
  {
    gint64 other = add_site (fixture, "https://realist.online");

    to_push = nd_sync_store_list_editions_to_push (fixture->sync, other, &error);
    g_assert_no_error (error);
    g_assert_cmpuint (to_push->len, ==, 0);
  }
}

static void
test_tombstones (Fixture       *fixture,
                 gconstpointer  data)
{
  g_autoptr(GError) error = NULL;
  g_autoptr(NdEdition) edition = make_story (fixture, "ru", "Текст.");
  g_autoptr(GArray) to_push = NULL;
  g_autoptr(GArray) tombstones = NULL;
  gint64 site = add_site (fixture, "https://realist.ru");
  gint64 id = nd_edition_get_id (edition);
  guint n_deleted = 0;

  g_assert_true (nd_sync_store_set_language_site (fixture->sync, "ru", site, &error));
  g_assert_true (nd_sync_store_set_remote_id (fixture->sync, id, site, 11, &error));
  g_assert_true (nd_sync_store_set_base (fixture->sync, id, "{}", NULL, nd_edition_get_revision (edition), &error));
  g_assert_no_error (error);

  /* Trashing the story makes its edition pending, to trash the post. */
  g_assert_true (nd_story_store_trash_story (fixture->stories, nd_edition_get_story_id (edition), &error));
  g_assert_no_error (error);
  g_assert_cmpint (nd_sync_store_get_edition_state (fixture->sync, id), ==, ND_EDITION_SYNC_PENDING);
  to_push = nd_sync_store_list_editions_to_push (fixture->sync, site, &error);
  g_assert_true (array_has (to_push, id));

  /* Emptying the trash leaves a tombstone of the post. */
  g_assert_true (nd_story_store_empty_trash (fixture->stories, &n_deleted, &error));
  g_assert_no_error (error);
  g_assert_cmpuint (n_deleted, ==, 1);
  tombstones = nd_sync_store_list_tombstones (fixture->sync, site, &error);
  g_assert_no_error (error);
  g_assert_cmpuint (tombstones->len, ==, 1);
  g_assert_cmpint (g_array_index (tombstones, gint64, 0), ==, 11);
  g_clear_pointer (&tombstones, g_array_unref);

  g_assert_true (nd_sync_store_remove_tombstone (fixture->sync, site, 11, &error));
  tombstones = nd_sync_store_list_tombstones (fixture->sync, site, &error);
  g_assert_cmpuint (tombstones->len, ==, 0);
}

/* The outbox -------------------------------------------------------------- */

static void
test_outbox (Fixture       *fixture,
             gconstpointer  data)
{
  g_autoptr(GError) error = NULL;
  g_autoptr(NdEdition) edition = make_story (fixture, "ru", "Текст.");
  g_autoptr(GPtrArray) due = NULL;
  g_autoptr(GPtrArray) in_flight = NULL;
  g_autoptr(NdOutboxItem) item = NULL;
  g_autofree char *uuid_create = NULL;
  g_autofree char *uuid_media = NULL;
  gint64 site = add_site (fixture, "https://realist.ru");
  gint64 id = nd_edition_get_id (edition);
  gint64 create, media;
  gint64 now = g_get_real_time ();

  create = nd_sync_store_outbox_add (fixture->sync, id, site, ND_OUTBOX_CREATE,
                                     "{\"title\":\"Заголовок\"}", &uuid_create, &error);
  g_assert_no_error (error);
  g_assert_cmpint (create, >, 0);
  g_assert_true (g_uuid_string_is_valid (uuid_create));
  media = nd_sync_store_outbox_add (fixture->sync, 0, site, ND_OUTBOX_MEDIA, NULL, &uuid_media, &error);
  g_assert_no_error (error);
  g_assert_cmpstr (uuid_create, !=, uuid_media);
  g_assert_cmpuint (nd_sync_store_outbox_pending_count (fixture->sync, 0), ==, 2);
  g_assert_cmpuint (count_seen (fixture, "outbox-changed", -1), ==, 2);
  g_assert_cmpint (nd_sync_store_outbox_next_attempt_at (fixture->sync, site), ==, 0);

  item = nd_sync_store_outbox_find_open (fixture->sync, id, ND_OUTBOX_CREATE, &error);
  g_assert_no_error (error);
  g_assert_nonnull (item);
  g_assert_cmpint (item->id, ==, create);
  g_clear_pointer (&item, nd_outbox_item_free);
  g_assert_null (nd_sync_store_outbox_find_open (fixture->sync, id, ND_OUTBOX_UPDATE, &error));
  g_assert_no_error (error);

  due = nd_sync_store_outbox_list_due (fixture->sync, site, now, 0, &error);
  g_assert_no_error (error);
  g_assert_cmpuint (due->len, ==, 2);
  g_assert_cmpint (((NdOutboxItem *) due->pdata[0])->id, ==, create);
  g_assert_cmpint (((NdOutboxItem *) due->pdata[0])->op, ==, ND_OUTBOX_CREATE);
  g_assert_cmpstr (((NdOutboxItem *) due->pdata[0])->payload_json, ==, "{\"title\":\"Заголовок\"}");
  g_assert_cmpint (((NdOutboxItem *) due->pdata[1])->edition_id, ==, 0);
  g_clear_pointer (&due, g_ptr_array_unref);
  due = nd_sync_store_outbox_list_due (fixture->sync, site, now, 1, &error);
  g_assert_cmpuint (due->len, ==, 1);
  g_clear_pointer (&due, g_ptr_array_unref);

  /* The create goes out, and the app is killed before the answer. */
  g_assert_true (nd_sync_store_outbox_mark_in_flight (fixture->sync, create, &error));
  g_assert_no_error (error);
  close_stores (fixture);
  open_stores (fixture);

  in_flight = nd_sync_store_outbox_list_in_flight (fixture->sync, &error);
  g_assert_no_error (error);
  g_assert_cmpuint (in_flight->len, ==, 1);
  item = g_ptr_array_steal_index (in_flight, 0);
  g_assert_cmpint (item->id, ==, create);
  g_assert_cmpstr (item->uuid, ==, uuid_create);
  g_assert_cmpint (item->state, ==, ND_OUTBOX_IN_FLIGHT);
  g_clear_pointer (&item, nd_outbox_item_free);
  /* In flight is not due, but still pending. */
  due = nd_sync_store_outbox_list_due (fixture->sync, 0, now, 0, &error);
  g_assert_cmpuint (due->len, ==, 1);
  g_clear_pointer (&due, g_ptr_array_unref);
  g_assert_cmpuint (nd_sync_store_outbox_pending_count (fixture->sync, site), ==, 2);

  /* It failed: retried later, with the attempt counted. */
  g_assert_true (nd_sync_store_outbox_mark_failed (fixture->sync, create, now + 60 * G_USEC_PER_SEC,
                                                   "The server did not answer in time", &error));
  g_assert_no_error (error);
  item = nd_sync_store_outbox_get (fixture->sync, create, &error);
  g_assert_cmpint (item->state, ==, ND_OUTBOX_FAILED);
  g_assert_cmpint (item->attempts, ==, 1);
  g_assert_cmpstr (item->last_error, ==, "The server did not answer in time");
  g_clear_pointer (&item, nd_outbox_item_free);
  due = nd_sync_store_outbox_list_due (fixture->sync, site, now, 0, &error);
  g_assert_cmpuint (due->len, ==, 1);
  g_clear_pointer (&due, g_ptr_array_unref);
  due = nd_sync_store_outbox_list_due (fixture->sync, site, now + 61 * G_USEC_PER_SEC, 0, &error);
  g_assert_cmpuint (due->len, ==, 2);
  g_clear_pointer (&due, g_ptr_array_unref);
  g_assert_cmpint (nd_sync_store_outbox_next_attempt_at (fixture->sync, 0), ==, 0);

  /* The media upload is done; the create gives up for good. */
  g_assert_true (nd_sync_store_outbox_mark_done (fixture->sync, media, &error));
  g_assert_cmpint (nd_sync_store_outbox_next_attempt_at (fixture->sync, 0), ==, now + 60 * G_USEC_PER_SEC);
  g_assert_true (nd_sync_store_outbox_mark_failed (fixture->sync, create, 0, "Refused", &error));
  g_assert_no_error (error);
  g_assert_cmpuint (nd_sync_store_outbox_pending_count (fixture->sync, 0), ==, 0);
  g_assert_cmpint (nd_sync_store_outbox_next_attempt_at (fixture->sync, 0), ==, -1);
  g_assert_null (nd_sync_store_outbox_find_open (fixture->sync, id, ND_OUTBOX_CREATE, &error));
  due = nd_sync_store_outbox_list_due (fixture->sync, 0, G_MAXINT64, 0, &error);
  g_assert_cmpuint (due->len, ==, 0);
  g_clear_pointer (&due, g_ptr_array_unref);
  item = nd_sync_store_outbox_get (fixture->sync, create, &error);
  g_assert_cmpint (item->attempts, ==, 2);
  g_clear_pointer (&item, nd_outbox_item_free);

  /* Requeued by hand, with a new payload. */
  g_assert_true (nd_sync_store_outbox_requeue (fixture->sync, create, 0, &error));
  g_assert_true (nd_sync_store_outbox_set_payload (fixture->sync, create, "{}", &error));
  item = nd_sync_store_outbox_get (fixture->sync, create, &error);
  g_assert_cmpint (item->state, ==, ND_OUTBOX_QUEUED);
  g_assert_cmpint (item->attempts, ==, 2);
  g_assert_cmpstr (item->payload_json, ==, "{}");
  g_clear_pointer (&item, nd_outbox_item_free);

  /* Unknown entries are an error. */
  g_assert_false (nd_sync_store_outbox_mark_done (fixture->sync, 999, &error));
  g_assert_error (error, G_IO_ERROR, G_IO_ERROR_NOT_FOUND);
  g_clear_error (&error);

  /* Done entries are purged. */
  item = nd_sync_store_outbox_get (fixture->sync, media, &error);
  g_assert_cmpint (item->state, ==, ND_OUTBOX_DONE);
  g_assert_cmpint (item->done_at, >=, now);
  g_clear_pointer (&item, nd_outbox_item_free);
  g_assert_true (nd_sync_store_outbox_purge_done (fixture->sync, G_MAXINT64, &error));
  g_assert_null (nd_sync_store_outbox_get (fixture->sync, media, &error));
  g_assert_nonnull ((item = nd_sync_store_outbox_get (fixture->sync, create, &error)));
  g_assert_no_error (error);

  /* The outbox goes with its site. */
  g_assert_true (nd_sync_store_remove_site (fixture->sync, site, &error));
  g_assert_null (nd_sync_store_outbox_get (fixture->sync, create, &error));
  g_assert_no_error (error);
}

/* Terms, media, cursors ---------------------------------------------------- */

static void
test_terms_media_cursors (Fixture       *fixture,
                          gconstpointer  data)
{
  g_autoptr(GError) error = NULL;
  g_autoptr(NdTag) tag = nd_tag_new ();
  g_autoptr(NdTag) tag2 = nd_tag_new ();
  g_autoptr(NdMedia) image = nd_media_new ();
  g_autofree char *modified_after = NULL;
  gint64 site = add_site (fixture, "https://realist.ru");
  gint64 reconciled = -1;

  nd_localized_text_set (nd_tag_get_labels (tag), "ru", "Афганистан");
  g_assert_true (nd_story_store_save_tag (fixture->stories, tag, &error));
  nd_localized_text_set (nd_tag_get_labels (tag2), "ru", "Кавказ");
  g_assert_true (nd_story_store_save_tag (fixture->stories, tag2, &error));
  g_assert_no_error (error);

  g_assert_true (nd_sync_store_set_remote_term (fixture->sync, site, ND_TERM_TAG, 300,
                                                nd_tag_get_id (tag), "Афганистан", &error));
  g_assert_no_error (error);
  g_assert_cmpint (nd_sync_store_get_remote_term (fixture->sync, site, ND_TERM_TAG, nd_tag_get_id (tag), &error),
                   ==, 300);
  g_assert_cmpint (nd_sync_store_get_local_term (fixture->sync, site, ND_TERM_TAG, 300, &error),
                   ==, nd_tag_get_id (tag));
  /* Categories are another namespace. */
  g_assert_cmpint (nd_sync_store_get_local_term (fixture->sync, site, ND_TERM_CATEGORY, 300, &error), ==, 0);

  /* The term found again under another id replaces the mapping. */
  g_assert_true (nd_sync_store_set_remote_term (fixture->sync, site, ND_TERM_TAG, 301,
                                                nd_tag_get_id (tag), NULL, &error));
  g_assert_cmpint (nd_sync_store_get_local_term (fixture->sync, site, ND_TERM_TAG, 300, &error), ==, 0);
  g_assert_cmpint (nd_sync_store_get_remote_term (fixture->sync, site, ND_TERM_TAG, nd_tag_get_id (tag), &error),
                   ==, 301);
  g_assert_true (nd_sync_store_set_remote_term (fixture->sync, site, ND_TERM_TAG, 301,
                                                nd_tag_get_id (tag2), NULL, &error));
  g_assert_cmpint (nd_sync_store_get_remote_term (fixture->sync, site, ND_TERM_TAG, nd_tag_get_id (tag), &error),
                   ==, 0);
  g_assert_no_error (error);

  /* Media */
  nd_media_set_file (image, "/tmp/photo.jpg");
  g_assert_true (nd_story_store_save_media (fixture->stories, image, &error));
  g_assert_no_error (error);
  g_assert_cmpint (nd_sync_store_get_remote_media (fixture->sync, site, nd_media_get_id (image), &error), ==, 0);
  g_assert_true (nd_sync_store_set_remote_media (fixture->sync, site, nd_media_get_id (image), 900, &error));
  g_assert_true (nd_sync_store_set_remote_media (fixture->sync, site, nd_media_get_id (image), 901, &error));
  g_assert_no_error (error);
  g_assert_cmpint (nd_sync_store_get_remote_media (fixture->sync, site, nd_media_get_id (image), &error), ==, 901);
  g_assert_cmpint (nd_sync_store_get_local_media (fixture->sync, site, 901, &error), ==, nd_media_get_id (image));
  g_assert_true (nd_sync_store_set_remote_media (fixture->sync, site, nd_media_get_id (image), 0, &error));
  g_assert_cmpint (nd_sync_store_get_remote_media (fixture->sync, site, nd_media_get_id (image), &error), ==, 0);

  /* Cursors */
  g_assert_true (nd_sync_store_get_cursor (fixture->sync, site, &modified_after, &reconciled, &error));
  g_assert_null (modified_after);
  g_assert_cmpint (reconciled, ==, 0);
  g_assert_true (nd_sync_store_set_cursor (fixture->sync, site, "2026-11-28T09:58:00", &error));
  g_assert_true (nd_sync_store_set_reconciled (fixture->sync, site, 1234, &error));
  g_assert_true (nd_sync_store_get_cursor (fixture->sync, site, &modified_after, &reconciled, &error));
  g_assert_no_error (error);
  g_assert_cmpstr (modified_after, ==, "2026-11-28T09:58:00");
  g_assert_cmpint (reconciled, ==, 1234);
  g_clear_pointer (&modified_after, g_free);
  g_assert_true (nd_sync_store_set_cursor (fixture->sync, site, NULL, &error));
  g_assert_true (nd_sync_store_get_cursor (fixture->sync, site, &modified_after, &reconciled, &error));
  g_assert_null (modified_after);
  g_assert_cmpint (reconciled, ==, 1234);
}

/* The log ------------------------------------------------------------------- */

static void
test_log (Fixture       *fixture,
          gconstpointer  data)
{
  g_autoptr(GError) error = NULL;
  g_autoptr(NdEdition) edition = make_story (fixture, "ru", "Текст.");
  g_autoptr(GPtrArray) entries = NULL;
  const NdSyncLogEntry *entry;
  gint64 site = add_site (fixture, "https://realist.ru");
  gint64 first, id;

  first = nd_sync_store_append_log (fixture->sync, ND_SYNC_LOG_INFO, site, 0, "Синхронизация началась", &error);
  g_assert_no_error (error);
  id = nd_sync_store_append_log (fixture->sync, ND_SYNC_LOG_ERROR, site, nd_edition_get_id (edition),
                                 "The site refused the post", &error);
  g_assert_no_error (error);
  g_assert_cmpint (id, >, first);
  g_assert_cmpuint (count_seen (fixture, "log-appended", id), ==, 1);

  entries = nd_sync_store_list_log (fixture->sync, 0, 0, &error);
  g_assert_no_error (error);
  g_assert_cmpuint (entries->len, ==, 2);
  entry = entries->pdata[0];
  g_assert_cmpint (entry->id, ==, id);
  g_assert_cmpint (entry->level, ==, ND_SYNC_LOG_ERROR);
  g_assert_cmpint (entry->story_id, ==, nd_edition_get_story_id (edition));
  g_assert_cmpint (entry->edition_id, ==, nd_edition_get_id (edition));
  g_assert_cmpint (entry->site_id, ==, site);
  g_assert_cmpint (entry->at, >, 0);
  g_assert_cmpstr (entry->message, ==, "The site refused the post");
  g_assert_cmpstr (((NdSyncLogEntry *) entries->pdata[1])->message, ==, "Синхронизация началась");
  g_clear_pointer (&entries, g_ptr_array_unref);

  entries = nd_sync_store_list_log (fixture->sync, nd_edition_get_story_id (edition), 10, &error);
  g_assert_cmpuint (entries->len, ==, 1);
  g_clear_pointer (&entries, g_ptr_array_unref);

  /* The log keeps its newest lines. Written in one transaction, whose
   * signals wait for its end. */
  fixture->signals_seen->len = 0;
  g_assert_true (nd_database_begin (fixture->database, &error));
  for (guint i = 0; i < ND_SYNC_LOG_MAX_ROWS + 10; i++)
    {
      g_autofree char *message = g_strdup_printf ("line %u", i);

      id = nd_sync_store_append_log (fixture->sync, ND_SYNC_LOG_INFO, site, 0, message, &error);
      g_assert_no_error (error);
    }
  g_assert_cmpuint (count_seen (fixture, "log-appended", -1), ==, 0);
  g_assert_true (nd_database_commit (fixture->database, &error));
  g_assert_no_error (error);
  while (count_seen (fixture, "log-appended", -1) == 0)
    g_main_context_iteration (NULL, TRUE);
  g_assert_cmpuint (count_seen (fixture, "log-appended", -1), ==, ND_SYNC_LOG_MAX_ROWS + 10);

  entries = nd_sync_store_list_log (fixture->sync, 0, 0, &error);
  g_assert_cmpuint (entries->len, ==, ND_SYNC_LOG_MAX_ROWS);
  g_assert_cmpstr (((NdSyncLogEntry *) entries->pdata[0])->message, ==, "line 5009");
  g_assert_cmpstr (((NdSyncLogEntry *) entries->pdata[entries->len - 1])->message, ==, "line 10");
}

/* Signals wait for the caller's transaction, and are dropped when it rolls
 * back. */
static void
test_signals_after_commit (Fixture       *fixture,
                           gconstpointer  data)
{
  g_autoptr(GError) error = NULL;
  g_autoptr(GPtrArray) sites = NULL;
  gint64 site;

  g_assert_true (nd_database_begin (fixture->database, &error));
  site = add_site (fixture, "https://realist.ru");
  g_assert_cmpuint (count_seen (fixture, "site-changed", -1), ==, 0);
  nd_database_rollback (fixture->database);

  /* Nothing was added, and nothing is told. */
  for (int i = 0; i < 5; i++)
    g_main_context_iteration (NULL, FALSE);
  g_usleep (50 * 1000);
  for (int i = 0; i < 5; i++)
    g_main_context_iteration (NULL, FALSE);
  g_assert_cmpuint (count_seen (fixture, "site-changed", -1), ==, 0);
  sites = nd_sync_store_list_sites (fixture->sync, &error);
  g_assert_cmpuint (sites->len, ==, 0);

  /* Outside a transaction, at once. */
  site = add_site (fixture, "https://realist.ru");
  g_assert_cmpuint (count_seen (fixture, "site-changed", site), ==, 1);
}

/* Conflicts --------------------------------------------------------------- */

static void
test_conflicts (Fixture       *fixture,
                gconstpointer  data)
{
  g_autoptr(GError) error = NULL;
  g_autoptr(NdEdition) edition = make_story (fixture, "ru", "Текст.");
  g_autoptr(GPtrArray) conflicts = NULL;
  g_autoptr(GArray) to_push = NULL;
  g_autoptr(NdConflict) conflict = NULL;
  gint64 site = add_site (fixture, "https://realist.ru");
  gint64 id = nd_edition_get_id (edition);
  gint64 story = nd_edition_get_story_id (edition);
  gint64 headline, hunk, hunk2;

  g_assert_true (nd_sync_store_set_language_site (fixture->sync, "ru", site, &error));
  g_assert_true (nd_sync_store_set_remote_id (fixture->sync, id, site, 5, &error));
  g_assert_true (nd_sync_store_set_base (fixture->sync, id, "{}", NULL, nd_edition_get_revision (edition), &error));
  g_assert_no_error (error);

  headline = nd_sync_store_add_conflict (fixture->sync, id, "headline", -1, "Старый", "Мой", "Их", &error);
  g_assert_no_error (error);
  hunk = nd_sync_store_add_conflict (fixture->sync, id, "body", 2, "", "Мой абзац.", "فقرة.", &error);
  g_assert_no_error (error);
  g_assert_cmpint (hunk, >, headline);
  g_assert_cmpint (nd_sync_store_get_edition_state (fixture->sync, id), ==, ND_EDITION_SYNC_CONFLICT);
  g_assert_cmpint (nd_sync_store_get_story_state (fixture->sync, story), ==, ND_EDITION_SYNC_CONFLICT);
  g_assert_cmpuint (nd_sync_store_count_open_conflicts (fixture->sync, story), ==, 2);
  g_assert_cmpuint (nd_sync_store_count_open_conflicts (fixture->sync, 0), ==, 2);
  g_assert_cmpuint (count_seen (fixture, "conflicts-changed", id), ==, 2);

  /* An unknown field breaks the schema's rules. */
  g_assert_cmpint (nd_sync_store_add_conflict (fixture->sync, id, "colour", -1, NULL, "a", "b", &error), ==, 0);
  g_assert_error (error, ND_DATABASE_ERROR, ND_DATABASE_ERROR_CONSTRAINT);
  g_clear_error (&error);

  /* The same disagreement found again replaces the open one. */
  hunk2 = nd_sync_store_add_conflict (fixture->sync, id, "body", 2, "", "Мой абзац!", "فقرة.", &error);
  g_assert_no_error (error);
  g_assert_cmpint (hunk2, >, 0);
  g_assert_cmpuint (nd_sync_store_count_open_conflicts (fixture->sync, story), ==, 2);

  conflicts = nd_sync_store_list_conflicts (fixture->sync, id, &error);
  g_assert_no_error (error);
  g_assert_cmpuint (conflicts->len, ==, 2);
  conflict = g_ptr_array_steal_index (conflicts, 0);
  g_assert_cmpint (conflict->id, ==, headline);
  g_assert_cmpstr (conflict->field, ==, "headline");
  g_assert_cmpint (conflict->paragraph, ==, -1);
  g_assert_cmpstr (conflict->base, ==, "Старый");
  g_assert_cmpstr (conflict->mine, ==, "Мой");
  g_assert_cmpstr (conflict->theirs, ==, "Их");
  g_assert_cmpint (conflict->story_id, ==, story);
  g_clear_pointer (&conflict, nd_conflict_free);
  conflict = g_ptr_array_steal_index (conflicts, 0);
  g_assert_cmpint (conflict->paragraph, ==, 2);
  g_assert_cmpstr (conflict->mine, ==, "Мой абзац!");
  g_assert_cmpstr (conflict->theirs, ==, "فقرة.");
  g_clear_pointer (&conflict, nd_conflict_free);
  g_clear_pointer (&conflicts, g_ptr_array_unref);

  /* A conflicted edition is not pushed until resolved; a sync meanwhile
   * keeps it conflicted. */
  to_push = nd_sync_store_list_editions_to_push (fixture->sync, site, &error);
  g_assert_false (array_has (to_push, id));
  g_clear_pointer (&to_push, g_array_unref);
  g_assert_true (nd_sync_store_set_base (fixture->sync, id, "{}", NULL, nd_edition_get_revision (edition), &error));
  g_assert_cmpint (nd_sync_store_get_edition_state (fixture->sync, id), ==, ND_EDITION_SYNC_CONFLICT);

  g_assert_true (nd_sync_store_resolve_conflict (fixture->sync, headline, &error));
  g_assert_no_error (error);
  g_assert_cmpint (nd_sync_store_get_edition_state (fixture->sync, id), ==, ND_EDITION_SYNC_CONFLICT);
  g_assert_false (nd_sync_store_resolve_conflict (fixture->sync, headline, &error));
  g_assert_error (error, G_IO_ERROR, G_IO_ERROR_NOT_FOUND);
  g_clear_error (&error);

  conflict = nd_sync_store_get_conflict (fixture->sync, headline, &error);
  g_assert_cmpint (conflict->resolved_at, >, 0);
  g_clear_pointer (&conflict, nd_conflict_free);

  g_assert_true (nd_sync_store_resolve_conflict (fixture->sync, hunk2, &error));
  g_assert_cmpint (nd_sync_store_get_edition_state (fixture->sync, id), ==, ND_EDITION_SYNC_PENDING);
  g_assert_cmpuint (nd_sync_store_count_open_conflicts (fixture->sync, 0), ==, 0);
  to_push = nd_sync_store_list_editions_to_push (fixture->sync, site, &error);
  g_assert_true (array_has (to_push, id));

  conflicts = nd_sync_store_list_story_conflicts (fixture->sync, story, &error);
  g_assert_no_error (error);
  g_assert_cmpuint (conflicts->len, ==, 0);
}

int
main (int   argc,
      char *argv[])
{
  g_test_init (&argc, &argv, NULL);

#define ADD(path, func) \
  g_test_add ("/sync-store/" path, Fixture, NULL, fixture_set_up, func, fixture_tear_down)

  ADD ("sites", test_sites);
  ADD ("edition-identity", test_edition_identity);
  ADD ("base-and-state", test_base_and_state);
  ADD ("tombstones", test_tombstones);
  ADD ("outbox", test_outbox);
  ADD ("terms-media-cursors", test_terms_media_cursors);
  ADD ("log", test_log);
  ADD ("signals-after-commit", test_signals_after_commit);
  ADD ("conflicts", test_conflicts);

#undef ADD

  return g_test_run ();
}
