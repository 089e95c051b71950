/* nd-bench-sync.c
 *
 * SPDX-License-Identifier: GPL-3.0-or-later
 *
 * Sync against real WordPress sites: the first pull of what the sites hold,
 * an incremental sync with nothing changed (requests and time per site), and
 * pushing edited editions. Run through run-sync-bench.sh, which starts the
 * sites, seeds them and passes NEWSDESK_WP_SITES / NEWSDESK_WP_STATE.
 *
 *   nd-bench-sync [--edit N]
 */

#include "config.h"

#include <glib/gstdio.h>
#include <json-glib/json-glib.h>

#include "nd-account.h"
#include "nd-sync-engine-private.h"

typedef struct
{
  char *lang;
  char *url;
  char *log;
} BenchSite;

static GPtrArray *bench_sites;

static void
bench_site_free (BenchSite *site)
{
  g_free (site->lang);
  g_free (site->url);
  g_free (site->log);
  g_free (site);
}

/* PHP's built-in server takes one connection per request and logs
 * "Accepted" for each. */
static guint
count_answers (BenchSite *site)
{
  g_autofree char *text = NULL;
  guint n = 0;

  if (!g_file_get_contents (site->log, &text, NULL, NULL))
    return 0;
  for (const char *p = text; (p = strstr (p, " Accepted")) != NULL; p++)
    n++;
  return n;
}

/* The seeded site keeps some posts in its trash; an edit to one of those
 * is not sent, so it would not measure a push. */
static gboolean
in_site_trash (NdSyncStore *sync_store,
               NdEdition   *edition)
{
  g_autoptr(NdEditionSync) sync = nd_sync_store_get_edition_sync (sync_store, nd_edition_get_id (edition), NULL);
  g_autoptr(NdSyncFields) base = sync != NULL && sync->base_json != NULL
                                 ? nd_sync_fields_from_json (sync->base_json, NULL) : NULL;

  return base != NULL && g_strcmp0 (base->status, "trash") == 0;
}

static void
done_cb (GObject      *object,
         GAsyncResult *result,
         gpointer      user_data)
{
  gboolean *done = user_data;
  g_autoptr(GError) error = NULL;

  if (!nd_sync_engine_sync_finish (ND_SYNC_ENGINE (object), result, &error))
    g_printerr ("sync: %s\n", error->message);
  *done = TRUE;
}

static double
timed_pass (NdSyncEngine *engine)
{
  gboolean done = FALSE;
  gint64 started = g_get_monotonic_time ();

  nd_sync_engine_sync_async (engine, NULL, done_cb, &done);
  while (!done)
    g_main_context_iteration (NULL, TRUE);

  return (g_get_monotonic_time () - started) / 1000.0;
}

int
main (int   argc,
      char *argv[])
{
  g_autoptr(GError) error = NULL;
  g_autoptr(JsonParser) parser = json_parser_new ();
  g_autofree char *dir = NULL;
  g_autofree char *path = NULL;
  g_autoptr(NdDatabase) database = NULL;
  g_autoptr(NdStoryStore) stories = NULL;
  g_autoptr(NdSyncStore) sync_store = NULL;
  g_autoptr(NdSyncEngine) engine = NULL;
  const char *state = g_getenv ("NEWSDESK_WP_STATE");
  const char *sites_json = g_getenv ("NEWSDESK_WP_SITES");
  int n_edit = 100;
  guint before[8] = { 0 };
  JsonArray *array;
  double ms;
  guint n_editions;

  for (int i = 1; i < argc; i++)
    if (g_strcmp0 (argv[i], "--edit") == 0 && i + 1 < argc)
      n_edit = atoi (argv[++i]);

  if (state == NULL || sites_json == NULL)
    {
      g_printerr ("Run through tests/bench/run-sync-bench.sh\n");
      return 2;
    }

  json_parser_load_from_file (parser, sites_json, &error);
  g_assert_no_error (error);
  array = json_node_get_array (json_parser_get_root (parser));

  dir = g_dir_make_tmp ("newsdesk-bench-sync-XXXXXX", &error);
  g_assert_no_error (error);
  path = g_build_filename (dir, "newsdesk.db", NULL);
  database = nd_database_open (path, ND_DATABASE_FLAGS_NONE, &error);
  g_assert_no_error (error);
  stories = nd_story_store_new (database, &error);
  g_assert_no_error (error);
  sync_store = nd_sync_store_new (database);
  engine = nd_sync_engine_new (stories, sync_store);

  bench_sites = g_ptr_array_new_with_free_func ((GDestroyNotify) bench_site_free);
  for (guint i = 0; i < json_array_get_length (array) && i < G_N_ELEMENTS (before); i++)
    {
      JsonObject *object = json_array_get_object_element (array, i);
      g_autoptr(NdSite) site = nd_site_new ();
      BenchSite *bench = g_new0 (BenchSite, 1);

      bench->lang = g_strdup (json_object_get_string_member (object, "lang"));
      bench->url = g_strdup (json_object_get_string_member (object, "url"));
      bench->log = g_build_filename (state, "sites", bench->lang, "server.log", NULL);
      g_ptr_array_add (bench_sites, bench);

      nd_site_set_name (site, bench->lang);
      nd_site_set_url (site, bench->url);
      nd_site_set_username (site, json_object_get_string_member (object, "user"));
      nd_sync_store_add_site (sync_store, site, &error);
      g_assert_no_error (error);
      nd_sync_store_set_language_site (sync_store, bench->lang, nd_site_get_id (site), &error);
      g_assert_no_error (error);
      nd_account_store_password_sync (bench->url, nd_site_get_username (site),
                                      json_object_get_string_member (object, "app_password"), &error);
      g_assert_no_error (error);
    }

  /* 1. The first pull. */
  ms = timed_pass (engine);
  n_editions = nd_story_store_count_stories (stories, NULL);
  g_print ("first pull: %u stories in %.1f s: %.0f posts/s\n", n_editions, ms / 1000, n_editions / (ms / 1000));

  /* 2. Nothing changed. */
  for (guint i = 0; i < bench_sites->len; i++)
    before[i] = count_answers (g_ptr_array_index (bench_sites, i));
  ms = timed_pass (engine);
  for (guint i = 0; i < bench_sites->len; i++)
    {
      BenchSite *site = g_ptr_array_index (bench_sites, i);

      g_print ("incremental, nothing changed, site %s: %u requests\n", site->lang, count_answers (site) - before[i]);
    }
  g_print ("incremental, nothing changed: %.0f ms for %u sites (%.0f ms per site)\n",
           ms, bench_sites->len, ms / MAX (bench_sites->len, 1));

  /* 3. Push edited editions. */
  {
    g_autoptr(GArray) ids = nd_story_store_query_story_ids (stories, &(NdStoryFilter) { 0 }, n_edit * 2, &error);
    g_autoptr(GArray) edited_ids = g_array_new (FALSE, FALSE, sizeof (gint64));
    guint edited = 0;
    guint synced = 0;
    guint requests = 0;

    g_assert_no_error (error);
    for (guint i = 0; i < ids->len && (int) edited < n_edit; i++)
      {
        g_autoptr(NdStory) story = nd_story_store_load_story (stories, g_array_index (ids, gint64, i), NULL);

        for (guint s = 0; s < bench_sites->len && (int) edited < n_edit; s++)
          {
            BenchSite *site = g_ptr_array_index (bench_sites, s);
            g_autoptr(NdEdition) edition = nd_story_store_load_edition (stories, nd_story_get_id (story), site->lang, NULL);
            g_autofree char *body = NULL;

            if (edition == NULL || in_site_trash (sync_store, edition))
              continue;
            body = g_strconcat (nd_edition_get_body (edition), "\n\nAn added paragraph.", NULL);
            nd_edition_set_body (edition, body);
            nd_story_store_save_edition (stories, edition, &error);
            g_assert_no_error (error);
            g_array_append_vals (edited_ids, &(gint64) { nd_edition_get_id (edition) }, 1);
            edited++;
            break;
          }
      }

    for (guint i = 0; i < bench_sites->len; i++)
      before[i] = count_answers (g_ptr_array_index (bench_sites, i));
    ms = timed_pass (engine);
    for (guint i = 0; i < bench_sites->len; i++)
      requests += count_answers (g_ptr_array_index (bench_sites, i)) - before[i];
    /* Each edit must be on the site for the figure to count. */
    for (guint i = 0; i < edited_ids->len; i++)
      {
        g_autoptr(NdEditionSync) sync = nd_sync_store_get_edition_sync (sync_store, g_array_index (edited_ids, gint64, i), NULL);

        if (sync != NULL && sync->state == ND_EDITION_SYNC_SYNCED)
          synced++;
        else
          g_printerr ("edition %" G_GINT64_FORMAT " not synced: state %d, %s\n", g_array_index (edited_ids, gint64, i),
                      sync != NULL ? (int) sync->state : -1, sync != NULL && sync->last_error != NULL ? sync->last_error : "");
      }
    g_print ("push of %u edited editions: %.1f s (%.0f ms each), %u requests, %u synced\n",
             edited, ms / 1000, ms / MAX (edited, 1), requests, synced);
    if (synced != edited)
      return 1;
  }

  g_clear_object (&engine);
  g_clear_object (&sync_store);
  g_clear_object (&stories);
  g_clear_object (&database);
  {
    g_autofree char *wal = g_strconcat (path, "-wal", NULL);
    g_autofree char *shm = g_strconcat (path, "-shm", NULL);

    g_unlink (path);
    g_unlink (wal);
    g_unlink (shm);
    g_rmdir (dir);
  }

  return 0;
}
