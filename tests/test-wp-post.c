/* test-wp-post.c
 *
 * SPDX-License-Identifier: GPL-3.0-or-later
 */

#include "config.h"

#include <string.h>

#include "nd-remote.h"
#include "nd-wp-post.h"

#define UUID "0b8f6f7e-7a44-4c1e-9d59-2f3a6c1b9e11"
#define GROUP "5c3d1f0a-1111-4222-8333-944455556666"

/* A post as WordPress 6.1 answers GET /wp/v2/posts/12?context=edit, with
 * the Newsdesk plugin's meta and Polylang's fields. */
static const char good_post[] =
  "{\"id\":12,\"date\":\"2024-05-01T15:30:00\",\"date_gmt\":\"2024-05-01T12:30:00\","
  "\"guid\":{\"rendered\":\"http://127.0.0.1/?p=12\",\"raw\":\"http://127.0.0.1/?p=12\"},"
  "\"modified\":\"2024-05-02T11:00:00\",\"modified_gmt\":\"2024-05-02T08:00:00\","
  "\"password\":\"\",\"slug\":\"budget-vote\",\"status\":\"future\",\"type\":\"post\","
  "\"link\":\"http://127.0.0.1/?p=12\","
  "\"title\":{\"raw\":\"Бюджет & \\\"vote\\\"\",\"rendered\":\"Бюджет &amp; &#8220;vote&#8221;\"},"
  "\"content\":{\"raw\":\"<p>Text.</p>\\n<!-- newsdesk:" UUID " -->\",\"rendered\":\"<p>Text.</p>\","
  "\"protected\":false,\"block_version\":0},"
  "\"excerpt\":{\"raw\":\"\",\"rendered\":\"\",\"protected\":false},"
  "\"author\":1,\"featured_media\":7,\"comment_status\":\"open\",\"ping_status\":\"open\","
  "\"sticky\":false,\"template\":\"\",\"format\":\"standard\","
  "\"meta\":{\"newsdesk_uuid\":\"" UUID "\",\"newsdesk_group\":\"" GROUP "\"},"
  "\"categories\":[1],\"tags\":[3,4],\"lang\":\"ru\",\"translations\":{\"ru\":12,\"en\":13},"
  "\"_links\":{\"self\":[{\"href\":\"http://127.0.0.1/wp-json/wp/v2/posts/12\"}]}}";

/* The same post on a site with neither the plugin nor Polylang: `meta` is
 * an empty PHP array, the draft has no date_gmt. */
static const char plain_post[] =
  "{\"id\":5,\"date\":null,\"date_gmt\":null,\"modified\":\"2024-05-02T11:00:00\","
  "\"modified_gmt\":\"2024-05-02T08:00:00Z\",\"slug\":\"\",\"status\":\"draft\","
  "\"title\":{\"raw\":\"\"},\"content\":{\"raw\":\"\"},\"excerpt\":{\"raw\":\"\"},"
  "\"featured_media\":0,\"meta\":[],\"categories\":[],\"tags\":[]}";

static void
test_good_post (void)
{
  g_autoptr(GError) error = NULL;
  g_autoptr(NdWpPost) post = nd_wp_post_parse (good_post, strlen (good_post), &error);
  g_autoptr(NdWpPost) copy = NULL;
  g_autofree char *date = NULL;
  g_autofree char *modified = NULL;

  g_assert_no_error (error);
  g_assert_nonnull (post);
  g_assert_cmpint (post->id, ==, 12);
  g_assert_cmpstr (post->uuid, ==, UUID);
  g_assert_cmpstr (post->group, ==, GROUP);
  date = g_date_time_format_iso8601 (post->date_gmt);
  modified = g_date_time_format_iso8601 (post->modified_gmt);
  g_assert_cmpstr (date, ==, "2024-05-01T12:30:00Z");
  g_assert_cmpstr (modified, ==, "2024-05-02T08:00:00Z");
  g_assert_cmpstr (post->status, ==, "future");
  g_assert_cmpstr (post->slug, ==, "budget-vote");
  /* The raw fields, never the rendered ones. */
  g_assert_cmpstr (post->title, ==, "Бюджет & \"vote\"");
  g_assert_cmpstr (post->excerpt, ==, "");
  g_assert_true (g_str_has_suffix (post->content, "<!-- newsdesk:" UUID " -->"));
  g_assert_cmpuint (post->tags->len, ==, 2);
  g_assert_cmpint (g_array_index (post->tags, gint64, 0), ==, 3);
  g_assert_cmpint (g_array_index (post->tags, gint64, 1), ==, 4);
  g_assert_cmpuint (post->categories->len, ==, 1);
  g_assert_cmpint (post->featured_media, ==, 7);
  g_assert_cmpstr (post->lang, ==, "ru");
  g_assert_cmpuint (g_hash_table_size (post->translations), ==, 2);
  g_assert_cmpint (*(gint64 *) g_hash_table_lookup (post->translations, "en"), ==, 13);

  copy = nd_wp_post_copy (post);
  g_assert_cmpstr (copy->title, ==, post->title);
  g_assert_true (g_date_time_equal (copy->modified_gmt, post->modified_gmt));
  g_assert_cmpint (*(gint64 *) g_hash_table_lookup (copy->translations, "ru"), ==, 12);
  g_assert_cmpuint (copy->tags->len, ==, 2);
}

static void
test_plain_post (void)
{
  g_autoptr(GError) error = NULL;
  g_autoptr(NdWpPost) post = nd_wp_post_parse (plain_post, strlen (plain_post), &error);

  g_assert_no_error (error);
  g_assert_nonnull (post);
  g_assert_cmpint (post->id, ==, 5);
  g_assert_null (post->uuid);
  g_assert_null (post->group);
  g_assert_null (post->date_gmt);
  g_assert_nonnull (post->modified_gmt);
  g_assert_null (post->lang);
  g_assert_null (post->translations);
  g_assert_cmpuint (post->tags->len, ==, 0);
  g_assert_cmpstr (post->title, ==, "");
}

static void
check_malformed (const GError *error,
                 const char   *name)
{
  if (!g_error_matches (error, ND_REMOTE_ERROR, ND_REMOTE_ERROR_MALFORMED))
    g_error ("%s: expected MALFORMED, got %s", name, error != NULL ? error->message : "success");
  g_assert_nonnull (error->message);
  g_assert_cmpuint (strlen (error->message), >, 20);
  g_assert_true (g_utf8_validate (error->message, -1, NULL));
}

/* Every file of tests/data/wp-bad/ is a broken answer: each must end in
 * MALFORMED with a message, and no other parser may crash on it. */
static void
test_bad_corpus (void)
{
  g_autofree char *path = g_test_build_filename (G_TEST_DIST, "data", "wp-bad", NULL);
  g_autoptr(GDir) dir = NULL;
  g_autoptr(GError) error = NULL;
  const char *name;
  guint n = 0;

  dir = g_dir_open (path, 0, &error);
  g_assert_no_error (error);

  while ((name = g_dir_read_name (dir)) != NULL)
    {
      g_autofree char *file = g_build_filename (path, name, NULL);
      g_autofree char *data = NULL;
      g_autoptr(GError) parse_error = NULL;
      g_autoptr(NdWpPost) post = NULL;
      g_autoptr(JsonNode) node = NULL;
      gsize length = 0;

      g_assert_true (g_file_get_contents (file, &data, &length, NULL));
      g_test_message ("%s", name);

      post = nd_wp_post_parse (data, length, &parse_error);
      g_assert_null (post);
      check_malformed (parse_error, name);

      /* The other readers meet the same answers as terms, media, users or
       * an index; they may accept some, never crash. */
      node = nd_wp_json_parse (data, length, NULL);
      if (node != NULL)
        {
          g_autoptr(NdWpTerm) term = nd_wp_term_new_from_json (node, ND_WP_TERM_TAG, NULL);
          g_autoptr(NdWpMedia) media = nd_wp_media_new_from_json (node, NULL);
          g_autoptr(NdWpUser) user = nd_wp_user_new_from_json (node, NULL);
          g_autoptr(NdWpSiteInfo) info = nd_wp_site_info_new_from_index (node, NULL);
          g_autoptr(NdWpSiteInfo) settings = g_new0 (NdWpSiteInfo, 1);

          nd_wp_site_info_update_from_settings (settings, node, NULL);
        }
      n++;
    }

  g_assert_cmpuint (n, >=, 25);
}

static char *
replace (const char *text,
         const char *from,
         const char *to)
{
  g_autoptr(GString) out = g_string_new (text);

  g_assert_cmpuint (g_string_replace (out, from, to, 1), ==, 1);
  return g_string_free (g_steal_pointer (&out), FALSE);
}

/* A site whose theme took excerpts away from posts leaves the field out. */
static void
test_no_excerpt (void)
{
  g_autofree char *json = replace (plain_post, ",\"excerpt\":{\"raw\":\"\"}", "");
  g_autofree char *no_title = replace (plain_post, "\"title\":{\"raw\":\"\"},", "");
  g_autoptr(GError) error = NULL;
  g_autoptr(NdWpPost) post = nd_wp_post_parse (json, strlen (json), &error);
  g_autoptr(NdWpPost) none = NULL;

  g_assert_no_error (error);
  g_assert_cmpstr (post->excerpt, ==, "");

  /* The title is not optional. */
  none = nd_wp_post_parse (no_title, strlen (no_title), &error);
  g_assert_null (none);
  check_malformed (error, "no title");
}

static void
test_huge_string (void)
{
  g_autofree char *huge = g_malloc (ND_WP_MAX_STRING + 2);
  g_autofree char *json = NULL;
  g_autofree char *full = NULL;
  g_autoptr(GError) error = NULL;
  g_autoptr(NdWpPost) post = NULL;

  memset (huge, 'a', ND_WP_MAX_STRING + 1);
  huge[ND_WP_MAX_STRING + 1] = '\0';
  json = replace (plain_post, "\"content\":{\"raw\":\"\"}", "\"content\":{\"raw\":\"@@\"}");
  full = replace (json, "@@", huge);
  post = nd_wp_post_parse (full, strlen (full), &error);
  g_assert_null (post);
  check_malformed (error, "huge content");
  g_assert_nonnull (strstr (error->message, "content"));
}

static void
test_depth (void)
{
  g_autoptr(GString) ok = g_string_new (NULL);
  g_autoptr(GString) deep = g_string_new (NULL);
  g_autoptr(JsonNode) node = NULL;
  g_autoptr(GError) error = NULL;

  for (int i = 0; i < ND_WP_JSON_MAX_DEPTH; i++)
    g_string_append_c (ok, '[');
  for (int i = 0; i < ND_WP_JSON_MAX_DEPTH; i++)
    g_string_append_c (ok, ']');
  node = nd_wp_json_parse (ok->str, ok->len, &error);
  g_assert_no_error (error);
  g_assert_nonnull (node);

  /* Brackets inside strings do not count. */
  g_string_printf (deep, "{\"a\":\"%s\"}", "[[[[[[[[[[[[[[[[[[[[[[[[[[[[[[[[[[[[[[[[[[[[[[[[[[[[[[[[[[[[[[[[[[[[[[[[[[[[[[[[[");
  g_clear_pointer (&node, json_node_unref);
  node = nd_wp_json_parse (deep->str, deep->len, &error);
  g_assert_no_error (error);
  g_assert_nonnull (node);

  g_string_truncate (deep, 0);
  for (int i = 0; i <= ND_WP_JSON_MAX_DEPTH; i++)
    g_string_append_c (deep, '[');
  for (int i = 0; i <= ND_WP_JSON_MAX_DEPTH; i++)
    g_string_append_c (deep, ']');
  g_clear_pointer (&node, json_node_unref);
  node = nd_wp_json_parse (deep->str, deep->len, &error);
  g_assert_null (node);
  check_malformed (error, "deep");
  g_clear_error (&error);

  /* json-glib 1.6 alone overflows the stack on this (checked: SIGSEGV at
   * 100 000 levels); refused before it gets there. */
  g_string_truncate (deep, 0);
  for (int i = 0; i < 200000; i++)
    g_string_append (deep, "{\"a\":[");
  node = nd_wp_json_parse (deep->str, deep->len, &error);
  g_assert_null (node);
  check_malformed (error, "very deep");
}

static JsonNode *
parse (const char *json)
{
  g_autoptr(GError) error = NULL;
  JsonNode *node = nd_wp_json_parse (json, strlen (json), &error);

  g_assert_no_error (error);
  return node;
}

static void
test_term (void)
{
  g_autoptr(JsonNode) node = parse ("{\"id\":9,\"count\":0,\"name\":\"Politics &amp; Law &#8211; &#x41;\","
                                    "\"slug\":\"politics-law\",\"taxonomy\":\"category\",\"parent\":2}");
  g_autoptr(JsonNode) bad = parse ("{\"id\":9,\"name\":null,\"slug\":\"x\"}");
  g_autoptr(NdWpTerm) term = nd_wp_term_new_from_json (node, ND_WP_TERM_CATEGORY, NULL);
  g_autoptr(GError) error = NULL;
  g_autoptr(NdWpTerm) none = nd_wp_term_new_from_json (bad, ND_WP_TERM_TAG, &error);

  g_assert_nonnull (term);
  g_assert_cmpint (term->id, ==, 9);
  g_assert_cmpint (term->kind, ==, ND_WP_TERM_CATEGORY);
  g_assert_cmpstr (term->name, ==, "Politics & Law – A");
  g_assert_cmpstr (term->slug, ==, "politics-law");
  g_assert_cmpint (term->parent, ==, 2);
  g_assert_null (none);
  check_malformed (error, "term");
  g_assert_cmpstr (nd_wp_term_kind_to_route (ND_WP_TERM_TAG), ==, "tags");
  g_assert_cmpstr (nd_wp_term_kind_to_route (ND_WP_TERM_CATEGORY), ==, "categories");
}

static void
test_media (void)
{
  g_autoptr(JsonNode) node = parse ("{\"id\":31,\"source_url\":\"http://127.0.0.1/wp-content/uploads/a.jpg\","
                                    "\"mime_type\":\"image/jpeg\",\"alt_text\":\"A river\","
                                    "\"caption\":{\"raw\":\"Photo: AP\",\"rendered\":\"<p>Photo: AP</p>\"}}");
  g_autoptr(NdWpMedia) media = nd_wp_media_new_from_json (node, NULL);

  g_assert_nonnull (media);
  g_assert_cmpint (media->id, ==, 31);
  g_assert_cmpstr (media->mime_type, ==, "image/jpeg");
  g_assert_cmpstr (media->caption, ==, "Photo: AP");
  g_assert_cmpstr (media->alt_text, ==, "A river");
}

static void
test_site_info (void)
{
  g_autoptr(JsonNode) index = parse ("{\"name\":\"Realist\",\"description\":\"\",\"url\":\"https://realist.example\","
                                     "\"home\":\"https://realist.example\",\"gmt_offset\":\"5.5\","
                                     "\"timezone_string\":\"\",\"namespaces\":[\"oembed/1.0\",\"newsdesk/v1\","
                                     "\"pll/v1\",\"wp/v2\",\"wp-site-health/v1\",\"batch/v1\"],\"routes\":{}}");
  g_autoptr(JsonNode) plain = parse ("{\"name\":\"Plain\",\"namespaces\":[\"wp/v2\"],\"gmt_offset\":3}");
  g_autoptr(JsonNode) other = parse ("{\"name\":\"Not WordPress\",\"namespaces\":[\"acme/v1\"]}");
  g_autoptr(JsonNode) settings = parse ("{\"title\":\"Realist News\",\"url\":\"https://realist.example\","
                                        "\"timezone\":\"Europe/Moscow\",\"gmt_offset\":3,\"date_format\":\"F j, Y\"}");
  g_autoptr(NdWpSiteInfo) info = nd_wp_site_info_new_from_index (index, NULL);
  g_autoptr(NdWpSiteInfo) plain_info = nd_wp_site_info_new_from_index (plain, NULL);
  g_autoptr(GError) error = NULL;
  g_autoptr(NdWpSiteInfo) none = nd_wp_site_info_new_from_index (other, &error);

  g_assert_nonnull (info);
  g_assert_cmpstr (info->name, ==, "Realist");
  g_assert_cmpstr (info->url, ==, "https://realist.example");
  g_assert_null (info->timezone_string);
  g_assert_cmpfloat_with_epsilon (info->gmt_offset, 5.5, 1e-9);
  g_assert_true (info->has_batch);
  g_assert_true (info->has_polylang);
  g_assert_true (info->has_newsdesk_plugin);

  g_assert_nonnull (plain_info);
  g_assert_false (plain_info->has_batch || plain_info->has_polylang || plain_info->has_newsdesk_plugin);

  /* As WordPress 6.1 itself says it: /batch/v1 among the routes only. */
  {
    g_autoptr(JsonNode) wp61 = parse ("{\"name\":\"Realist (ru)\",\"namespaces\":[\"oembed/1.0\",\"wp/v2\"],"
                                      "\"routes\":{\"/\":{\"namespace\":\"\"},\"/batch/v1\":{\"namespace\":\"\"}}}");
    g_autoptr(NdWpSiteInfo) wp61_info = nd_wp_site_info_new_from_index (wp61, NULL);

    g_assert_nonnull (wp61_info);
    g_assert_true (wp61_info->has_batch);
  }
  g_assert_cmpfloat_with_epsilon (plain_info->gmt_offset, 3, 1e-9);

  g_assert_null (none);
  g_assert_error (error, ND_REMOTE_ERROR, ND_REMOTE_ERROR_NOT_WORDPRESS);

  g_assert_true (nd_wp_site_info_update_from_settings (info, settings, NULL));
  g_assert_cmpstr (info->name, ==, "Realist News");
  g_assert_cmpstr (info->timezone_string, ==, "Europe/Moscow");
  g_assert_cmpfloat_with_epsilon (info->gmt_offset, 3, 1e-9);
}

static void
test_user (void)
{
  g_autoptr(JsonNode) node = parse ("{\"id\":1,\"name\":\"Editor\",\"slug\":\"editor\","
                                    "\"capabilities\":{\"publish_posts\":true,\"edit_posts\":true}}");
  g_autoptr(NdWpUser) user = nd_wp_user_new_from_json (node, NULL);

  g_assert_nonnull (user);
  g_assert_cmpint (user->id, ==, 1);
  g_assert_cmpstr (user->name, ==, "Editor");
  g_assert_true (user->can_publish);
}

static void
test_build_body (void)
{
  g_autoptr(NdWpPost) post = nd_wp_post_parse (good_post, strlen (good_post), NULL);
  g_autoptr(JsonObject) only_title = nd_wp_post_build_body (post, ND_WP_POST_FIELD_TITLE);
  g_autoptr(JsonObject) create = nd_wp_post_build_body (post, ND_WP_POST_FIELD_TITLE | ND_WP_POST_FIELD_CONTENT |
                                                              ND_WP_POST_FIELD_STATUS | ND_WP_POST_FIELD_DATE_GMT |
                                                              ND_WP_POST_FIELD_TAGS | ND_WP_POST_FIELD_META |
                                                              ND_WP_POST_FIELD_LANG);
  JsonObject *meta;

  g_assert_cmpuint (json_object_get_size (only_title), ==, 1);
  g_assert_cmpstr (json_object_get_string_member (only_title, "title"), ==, "Бюджет & \"vote\"");

  g_assert_cmpuint (json_object_get_size (create), ==, 7);
  g_assert_cmpstr (json_object_get_string_member (create, "date_gmt"), ==, "2024-05-01T12:30:00");
  g_assert_cmpstr (json_object_get_string_member (create, "status"), ==, "future");
  g_assert_cmpstr (json_object_get_string_member (create, "lang"), ==, "ru");
  g_assert_cmpuint (json_array_get_length (json_object_get_array_member (create, "tags")), ==, 2);
  g_assert_false (json_object_has_member (create, "excerpt"));
  meta = json_object_get_object_member (create, "meta");
  g_assert_cmpstr (json_object_get_string_member (meta, "newsdesk_uuid"), ==, UUID);
  g_assert_cmpstr (json_object_get_string_member (meta, "newsdesk_group"), ==, GROUP);
}

static void
test_dates (void)
{
  const char *bad[] = { "2024-13-45T99:00:00", "2023-02-30T10:00:00", "2024-05-01", "2024-W05-3T10:00:00",
                        "yesterday", "", "2024-05-01T12:30:00xyz", "0000-00-00T00:00:00" };
  g_autoptr(GDateTime) good = nd_wp_parse_date ("2024-05-01T12:30:00");
  g_autoptr(GDateTime) zoned = nd_wp_parse_date ("2024-05-01T15:30:00+03:00");

  g_assert_nonnull (good);
  g_assert_nonnull (zoned);
  g_assert_true (g_date_time_equal (good, zoned));
  for (guint i = 0; i < G_N_ELEMENTS (bad); i++)
    {
      g_autoptr(GDateTime) none = nd_wp_parse_date (bad[i]);

      if (none != NULL)
        g_error ("\"%s\" was taken as a date", bad[i]);
    }
}

int
main (int   argc,
      char *argv[])
{
  g_test_init (&argc, &argv, NULL);

  g_test_add_func ("/wp-post/good", test_good_post);
  g_test_add_func ("/wp-post/plain", test_plain_post);
  g_test_add_func ("/wp-post/bad-corpus", test_bad_corpus);
  g_test_add_func ("/wp-post/no-excerpt", test_no_excerpt);
  g_test_add_func ("/wp-post/huge-string", test_huge_string);
  g_test_add_func ("/wp-post/depth", test_depth);
  g_test_add_func ("/wp-post/dates", test_dates);
  g_test_add_func ("/wp-post/build-body", test_build_body);
  g_test_add_func ("/wp-term/parse", test_term);
  g_test_add_func ("/wp-media/parse", test_media);
  g_test_add_func ("/wp-site-info/parse", test_site_info);
  g_test_add_func ("/wp-user/parse", test_user);

  return g_test_run ();
}
