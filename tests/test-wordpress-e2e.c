/* test-wordpress-e2e.c
 *
 * SPDX-License-Identifier: GPL-3.0-or-later
 *
 * The sync engine against real WordPress 6.1 sites (Debian's packages, PHP's
 * server on 127.0.0.1), started by tests/wordpress/run-e2e.sh, which passes
 * their sites.json in NEWSDESK_WP_SITES. What the sites hold is checked with
 * plain libsoup requests of the test's own, not through the product's
 * client.
 */

#include "config.h"

#include <glib/gstdio.h>
#include <json-glib/json-glib.h>
#include <libsoup/soup.h>

#include "nd-account.h"
#include "nd-sync-engine-private.h"
#include "nd-wordpress-remote.h"

static const char * const langs[] = { "ru", "en", "ar" };

typedef struct
{
  char *url;
  char *user;
  char *password;
  char *other_user;
  char *other_password;
} Site;

static Site sites[3];
static char *dir;
static NdDatabase *database;
static NdStoryStore *stories;
static NdSyncStore *sync_store;
static NdSyncEngine *engine;
static SoupSession *session;
static gint64 story_id;

static void
load_sites (void)
{
  const char *path = g_getenv ("NEWSDESK_WP_SITES");
  g_autoptr(JsonParser) parser = json_parser_new ();
  g_autoptr(GError) error = NULL;
  JsonArray *array;

  g_assert_nonnull (path);
  json_parser_load_from_file (parser, path, &error);
  g_assert_no_error (error);
  array = json_node_get_array (json_parser_get_root (parser));

  for (guint i = 0; i < json_array_get_length (array); i++)
    {
      JsonObject *object = json_array_get_object_element (array, i);
      const char *lang = json_object_get_string_member (object, "lang");

      for (guint l = 0; l < G_N_ELEMENTS (langs); l++)
        if (g_strcmp0 (lang, langs[l]) == 0)
          {
            sites[l].url = g_strdup (json_object_get_string_member (object, "url"));
            sites[l].user = g_strdup (json_object_get_string_member (object, "user"));
            sites[l].password = g_strdup (json_object_get_string_member (object, "app_password"));
            sites[l].other_user = g_strdup (json_object_get_string_member (object, "other_user"));
            sites[l].other_password = g_strdup (json_object_get_string_member (object, "other_app_password"));
          }
    }

  for (guint l = 0; l < G_N_ELEMENTS (langs); l++)
    g_assert_nonnull (sites[l].url);
}

/* The test's own view of a site: a plain request as @user. */
static JsonNode *
rest (guint        site,
      const char  *method,
      const char  *path,
      const char  *body,
      gboolean     as_other,
      guint       *status)
{
  g_autofree char *uri = g_strconcat (sites[site].url, "/wp-json", path, NULL);
  g_autoptr(SoupMessage) msg = soup_message_new (method, uri);
  g_autofree char *credentials = g_strdup_printf ("%s:%s", as_other ? sites[site].other_user : sites[site].user,
                                                  as_other ? sites[site].other_password : sites[site].password);
  g_autofree char *encoded = g_base64_encode ((const guchar *) credentials, strlen (credentials));
  g_autofree char *authorization = g_strconcat ("Basic ", encoded, NULL);
  g_autoptr(GBytes) answer = NULL;
  g_autoptr(GError) error = NULL;
  g_autoptr(JsonParser) parser = json_parser_new ();

  soup_message_headers_replace (soup_message_get_request_headers (msg), "Authorization", authorization);
  if (body != NULL)
    {
      g_autoptr(GBytes) bytes = g_bytes_new (body, strlen (body));

      soup_message_set_request_body_from_bytes (msg, "application/json", bytes);
    }

  answer = soup_session_send_and_read (session, msg, NULL, &error);
  g_assert_no_error (error);
  if (status != NULL)
    *status = soup_message_get_status (msg);
  if (!json_parser_load_from_data (parser, g_bytes_get_data (answer, NULL), g_bytes_get_size (answer), NULL))
    return NULL;

  return json_node_copy (json_parser_get_root (parser));
}

static char *
post_member (guint       site,
             gint64      id,
             const char *member)
{
  g_autofree char *path = g_strdup_printf ("/wp/v2/posts/%" G_GINT64_FORMAT "?context=edit", id);
  g_autoptr(JsonNode) node = rest (site, "GET", path, NULL, FALSE, NULL);
  JsonObject *post = json_node_get_object (node);
  JsonNode *field = json_object_get_member (post, member);

  if (field == NULL)
    return NULL;
  if (JSON_NODE_HOLDS_OBJECT (field))
    return g_strdup (json_object_get_string_member (json_node_get_object (field), "raw"));
  if (JSON_NODE_HOLDS_ARRAY (field))
    {
      JsonArray *array = json_node_get_array (field);
      GString *out = g_string_new (NULL);

      for (guint i = 0; i < json_array_get_length (array); i++)
        g_string_append_printf (out, "%s%" G_GINT64_FORMAT, i > 0 ? "," : "", json_array_get_int_element (array, i));
      return g_string_free (out, FALSE);
    }
  if (json_node_get_value_type (field) == G_TYPE_INT64)
    return g_strdup_printf ("%" G_GINT64_FORMAT, json_node_get_int (field));
  return g_strdup (json_node_get_string (field));
}

static void
sync_done_cb (GObject      *object,
              GAsyncResult *result,
              gpointer      user_data)
{
  gboolean *done = user_data;
  g_autoptr(GError) error = NULL;

  nd_sync_engine_sync_finish (ND_SYNC_ENGINE (object), result, &error);
  g_assert_no_error (error);
  *done = TRUE;
}

static void
run_pass (void)
{
  gboolean done = FALSE;
  gint64 started = g_get_monotonic_time ();

  nd_sync_engine_sync_async (engine, NULL, sync_done_cb, &done);
  while (!done)
    g_main_context_iteration (NULL, TRUE);
  g_test_message ("pass: %.0f ms", (g_get_monotonic_time () - started) / 1000.0);
}

static NdEdition *
edition (const char *lang)
{
  g_autoptr(GError) error = NULL;
  NdEdition *e = nd_story_store_load_edition (stories, story_id, lang, &error);

  g_assert_no_error (error);
  return e;
}

static gint64
remote_id (const char *lang)
{
  g_autoptr(NdEdition) e = edition (lang);

  return nd_sync_store_get_remote_id (sync_store, nd_edition_get_id (e), NULL);
}

static void
test_create (void)
{
  static const char * const headlines[] = { "Переговоры в Кабуле", "Talks in Kabul", "محادثات في كابول" };
  static const char * const bodies[] = {
    "Первый абзац.\n\nВторой абзац с **жирным**.\n\nТретий.",
    "First paragraph.\n\nSecond with **bold** and a [link](https://example.com/a).\n\nThird.",
    "الفقرة الأولى.\n\nالفقرة الثانية.\n\nالثالثة.",
  };
  static const char * const cities[] = { "Москва", "Moscow", "موسكو" };
  g_autoptr(GError) error = NULL;
  g_autoptr(NdStory) story = nd_story_store_create_story (stories, "ru", &error);
  g_autoptr(NdTag) tag = nd_tag_new ();
  NdSection *section = g_list_model_get_item (nd_story_store_get_sections (stories), 0);
  gint64 tag_id;

  g_assert_no_error (error);
  nd_localized_text_set (nd_tag_get_labels (tag), "ru", "Афганистан");
  nd_localized_text_set (nd_tag_get_labels (tag), "en", "Afghanistan");
  nd_localized_text_set (nd_tag_get_labels (tag), "ar", "أفغانستان");
  nd_story_store_save_tag (stories, tag, &error);
  g_assert_no_error (error);
  tag_id = nd_tag_get_id (tag);
  nd_story_set_tag_ids (story, &tag_id, 1);

  /* A featured image: a real PNG file, with a caption and alternative text
   * per language. */
  {
    static const char png_base64[] =
      "iVBORw0KGgoAAAANSUhEUgAAAAIAAAACCAIAAAD91JpzAAAAFklEQVR4nGP8z8DAwMDAxMDAwMDAAAANHQEDasKb6QAAAABJRU5ErkJggg==";
    gsize png_length;
    g_autofree guchar *png = g_base64_decode (png_base64, &png_length);
    g_autofree char *file = g_build_filename (dir, "kabul.png", NULL);
    g_autoptr(NdMedia) media = nd_media_new ();

    g_file_set_contents (file, (const char *) png, png_length, &error);
    g_assert_no_error (error);
    nd_media_set_file (media, file);
    nd_media_set_mime_type (media, "image/png");
    nd_localized_text_set (nd_media_get_captions (media), "ru", "Кабул, вид с холма");
    nd_localized_text_set (nd_media_get_captions (media), "en", "Kabul seen from a hill");
    nd_localized_text_set (nd_media_get_captions (media), "ar", "كابول من التل");
    nd_localized_text_set (nd_media_get_alts (media), "en", "Roofs of Kabul");
    nd_story_store_save_media (stories, media, &error);
    g_assert_no_error (error);
    nd_story_set_featured_media_id (story, nd_media_get_id (media));
  }
  nd_story_set_section_id (story, nd_section_get_id (section));
  nd_story_store_save_story (stories, story, &error);
  g_assert_no_error (error);
  story_id = nd_story_get_id (story);

  for (guint i = 0; i < G_N_ELEMENTS (langs); i++)
    {
      g_autoptr(NdEdition) e = nd_story_store_load_edition (stories, story_id, langs[i], NULL);

      if (e == NULL)
        e = nd_story_store_add_edition (stories, story_id, langs[i], &error);
      g_assert_no_error (error);
      nd_edition_set_headline (e, headlines[i]);
      nd_edition_set_standfirst (e, "—");
      nd_edition_set_dateline_city (e, cities[i]);
      nd_edition_set_body (e, bodies[i]);
      nd_story_store_save_edition (stories, e, &error);
      g_assert_no_error (error);
      if (nd_edition_get_status (e) == ND_EDITION_STATUS_NEEDS_TRANSLATION)
        nd_story_store_set_edition_status (stories, e, ND_EDITION_STATUS_DRAFT, "test", &error);
      g_assert_no_error (error);
    }

  run_pass ();

  for (guint i = 0; i < G_N_ELEMENTS (langs); i++)
    {
      gint64 id = remote_id (langs[i]);
      g_autofree char *title = NULL;
      g_autofree char *content = NULL;
      g_autofree char *status = NULL;
      g_autofree char *tags = NULL;
      g_autofree char *categories = NULL;
      g_autofree char *tag_path = NULL;
      g_autoptr(JsonNode) term = NULL;

      g_assert_cmpint (id, >, 0);
      title = post_member (i, id, "title");
      content = post_member (i, id, "content");
      status = post_member (i, id, "status");
      tags = post_member (i, id, "tags");
      categories = post_member (i, id, "categories");
      g_assert_cmpstr (title, ==, headlines[i]);
      g_assert_cmpstr (status, ==, "draft");
      g_assert_nonnull (strstr (content, "nd-dateline"));
      if (i < 2)
        g_assert_nonnull (strstr (content, "<strong>"));
      g_assert_cmpstr (tags, !=, "");
      tag_path = g_strdup_printf ("/wp/v2/tags/%s", tags);
      term = rest (i, "GET", tag_path, NULL, FALSE, NULL);
      g_assert_cmpstr (json_object_get_string_member (json_node_get_object (term), "name"), ==,
                       i == 0 ? "Афганистан" : i == 1 ? "Afghanistan" : "أفغانستان");
      g_assert_cmpstr (categories, !=, "");

      {
        g_autofree char *featured = post_member (i, id, "featured_media");
        g_autofree char *media_path = g_strdup_printf ("/wp/v2/media/%s?context=edit", featured);
        g_autoptr(JsonNode) media = NULL;
        JsonObject *caption;

        g_assert_cmpstr (featured, !=, "0");
        media = rest (i, "GET", media_path, NULL, FALSE, NULL);
        caption = json_object_get_object_member (json_node_get_object (media), "caption");
        g_assert_cmpstr (json_object_get_string_member (caption, "raw"), ==,
                         i == 0 ? "Кабул, вид с холма" : i == 1 ? "Kabul seen from a hill" : "كابول من التل");
      }
    }

  g_object_unref (section);
}

static void
test_edit_both_sides (void)
{
  g_autoptr(NdEdition) e = edition ("en");
  g_autoptr(GError) error = NULL;
  g_autofree char *path = g_strdup_printf ("/wp/v2/posts/%" G_GINT64_FORMAT, remote_id ("en"));
  g_autoptr(JsonNode) answer = NULL;
  g_autofree char *excerpt = NULL;
  g_autofree char *content = NULL;
  guint status = 0;

  /* Another user changes the excerpt on the web… */
  answer = rest (1, "POST", path, "{\"excerpt\":\"Their standfirst\"}", TRUE, &status);
  g_assert_cmpuint (status, ==, 200);
  /* …while the editor rewrites the first paragraph here. */
  nd_edition_set_body (e, "First paragraph, rewritten.\n\nSecond with **bold** and a [link](https://example.com/a).\n\nThird.");
  nd_story_store_save_edition (stories, e, &error);
  g_assert_no_error (error);

  run_pass ();

  g_clear_object (&e);
  e = edition ("en");
  g_assert_cmpstr (nd_edition_get_standfirst (e), ==, "Their standfirst");
  content = post_member (1, remote_id ("en"), "content");
  excerpt = post_member (1, remote_id ("en"), "excerpt");
  g_assert_nonnull (strstr (content, "rewritten"));
  g_assert_cmpstr (excerpt, ==, "Their standfirst");
}

static void
test_conflict (void)
{
  g_autoptr(NdEdition) e = edition ("ru");
  g_autoptr(GError) error = NULL;
  g_autofree char *path = g_strdup_printf ("/wp/v2/posts/%" G_GINT64_FORMAT, remote_id ("ru"));
  g_autoptr(JsonNode) answer = NULL;
  g_autoptr(GPtrArray) conflicts = NULL;
  g_autofree char *title = NULL;

  answer = rest (0, "POST", path, "{\"title\":\"Их заголовок\"}", TRUE, NULL);
  nd_edition_set_headline (e, "Мой заголовок");
  nd_story_store_save_edition (stories, e, &error);
  g_assert_no_error (error);

  run_pass ();

  conflicts = nd_sync_store_list_conflicts (sync_store, nd_edition_get_id (e), &error);
  g_assert_no_error (error);
  g_assert_cmpuint (conflicts->len, ==, 1);
  title = post_member (0, remote_id ("ru"), "title");
  g_assert_cmpstr (title, ==, "Их заголовок");

  g_assert_true (nd_sync_engine_resolve_conflict (engine, ((NdConflict *) g_ptr_array_index (conflicts, 0))->id,
                                                  ND_CONFLICT_CHOICE_THEIRS, NULL, &error));
  g_assert_no_error (error);
  g_clear_object (&e);
  e = edition ("ru");
  g_assert_cmpstr (nd_edition_get_headline (e), ==, "Их заголовок");
  run_pass ();
  g_assert_cmpint (nd_sync_store_get_edition_state (sync_store, nd_edition_get_id (e)), ==, ND_EDITION_SYNC_SYNCED);
}

static void
test_schedule (void)
{
  g_autoptr(NdEdition) e = edition ("ar");
  g_autoptr(GError) error = NULL;
  gint64 at = (g_get_real_time () / G_USEC_PER_SEC / 60 + 120) * 60;
  g_autoptr(GDateTime) when = g_date_time_new_from_unix_utc (at);
  g_autofree char *expected = g_date_time_format (when, "%Y-%m-%dT%H:%M:%S");
  g_autofree char *status = NULL;
  g_autofree char *date_gmt = NULL;

  nd_story_store_take_remote_status (stories, e, ND_EDITION_STATUS_SCHEDULED, at, "test", &error);
  g_assert_no_error (error);
  run_pass ();

  status = post_member (2, remote_id ("ar"), "status");
  date_gmt = post_member (2, remote_id ("ar"), "date_gmt");
  g_assert_cmpstr (status, ==, "future");
  g_assert_cmpstr (date_gmt, ==, expected);
}

static void
test_delete (void)
{
  g_autoptr(GError) error = NULL;

  nd_story_store_trash_story (stories, story_id, &error);
  g_assert_no_error (error);
  run_pass ();

  for (guint i = 0; i < G_N_ELEMENTS (langs); i++)
    {
      g_autofree char *status = post_member (i, remote_id (langs[i]), "status");

      g_assert_cmpstr (status, ==, "trash");
    }
}

int
main (int   argc,
      char *argv[])
{
  g_autoptr(GError) error = NULL;
  g_autofree char *path = NULL;
  int status;

  g_test_init (&argc, &argv, NULL);

  if (g_getenv ("NEWSDESK_WP_SITES") == NULL)
    {
      g_test_skip ("run through tests/wordpress/run-e2e.sh");
      return g_test_run ();
    }

  load_sites ();
  session = soup_session_new ();
  dir = g_dir_make_tmp ("newsdesk-e2e-XXXXXX", &error);
  g_assert_no_error (error);
  path = g_build_filename (dir, "newsdesk.db", NULL);
  database = nd_database_open (path, ND_DATABASE_FLAGS_NONE, &error);
  g_assert_no_error (error);
  stories = nd_story_store_new (database, &error);
  g_assert_no_error (error);
  sync_store = nd_sync_store_new (database);
  engine = nd_sync_engine_new (stories, sync_store);

  for (guint i = 0; i < G_N_ELEMENTS (langs); i++)
    {
      g_autoptr(NdSite) site = nd_site_new ();
      g_autofree char *name = g_strdup_printf ("Realist (%s)", langs[i]);

      nd_site_set_name (site, name);
      nd_site_set_url (site, sites[i].url);
      nd_site_set_username (site, sites[i].user);
      nd_sync_store_add_site (sync_store, site, &error);
      g_assert_no_error (error);
      nd_sync_store_set_language_site (sync_store, langs[i], nd_site_get_id (site), &error);
      g_assert_no_error (error);
      nd_account_store_password_sync (sites[i].url, sites[i].user, sites[i].password, &error);
      g_assert_no_error (error);
    }

  g_test_add_func ("/wordpress-e2e/create", test_create);
  g_test_add_func ("/wordpress-e2e/edit-both-sides", test_edit_both_sides);
  g_test_add_func ("/wordpress-e2e/conflict", test_conflict);
  g_test_add_func ("/wordpress-e2e/schedule", test_schedule);
  g_test_add_func ("/wordpress-e2e/delete", test_delete);

  status = g_test_run ();

  g_clear_object (&engine);
  g_clear_object (&sync_store);
  g_clear_object (&stories);
  g_clear_object (&database);
  g_clear_object (&session);

  return status;
}
