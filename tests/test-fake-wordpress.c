/* test-fake-wordpress.c
 *
 * SPDX-License-Identifier: GPL-3.0-or-later
 */

/* The fake WordPress checked with plain libsoup requests and no product
 * code: the WordPress behaviours the sync relies on, and every injected
 * fault. The server runs on its own thread, so the plain synchronous
 * libsoup calls here are answered while they block. */

#include "config.h"

#include <string.h>
#include <libsoup/soup.h>

#include "nd-fake-wordpress.h"

typedef struct
{
  NdFakeWordpress *fake;
  SoupSession *session;
} Fixture;

typedef struct
{
  unsigned int status;
  SoupMessageHeaders *headers;
  GBytes *body;
  JsonNode *json;
  GError *error;
} Reply;

static void
reply_free (Reply *reply)
{
  g_clear_pointer (&reply->headers, soup_message_headers_unref);
  g_clear_pointer (&reply->body, g_bytes_unref);
  g_clear_pointer (&reply->json, json_node_unref);
  g_clear_error (&reply->error);
  g_free (reply);
}

G_DEFINE_AUTOPTR_CLEANUP_FUNC (Reply, reply_free)

static void
fixture_set_up (Fixture       *f,
                gconstpointer  data)
{
  f->fake = nd_fake_wordpress_new (GPOINTER_TO_UINT (data));
  f->session = soup_session_new_with_options ("timeout", 10, NULL);
}

static void
fixture_tear_down (Fixture       *f,
                   gconstpointer  data)
{
  g_clear_object (&f->session);
  g_assert_finalize_object (f->fake);
}

/* One request: @path is relative to the site URL; @credentials is
 * "user:password" or NULL for an anonymous request. */
static Reply *
request_full (Fixture    *f,
              const char *method,
              const char *path,
              const char *content_type,
              const char *body,
              gsize       body_len,
              const char *credentials,
              const char *disposition)
{
  g_autofree char *url = g_strconcat (nd_fake_wordpress_get_url (f->fake), path, NULL);
  g_autoptr(SoupMessage) msg = soup_message_new (method, url);
  Reply *reply = g_new0 (Reply, 1);
  g_autoptr(JsonParser) parser = json_parser_new ();
  const char *data;
  gsize size;

  g_assert_nonnull (msg);
  if (credentials != NULL)
    {
      g_autofree char *encoded = g_base64_encode ((const guchar *) credentials, strlen (credentials));
      g_autofree char *header = g_strconcat ("Basic ", encoded, NULL);

      soup_message_headers_replace (soup_message_get_request_headers (msg), "Authorization", header);
    }
  if (disposition != NULL)
    soup_message_headers_replace (soup_message_get_request_headers (msg),
                                  "Content-Disposition", disposition);
  if (body != NULL)
    {
      g_autoptr(GBytes) bytes = g_bytes_new (body, body_len);

      soup_message_set_request_body_from_bytes (msg, content_type, bytes);
    }
  reply->body = soup_session_send_and_read (f->session, msg, NULL, &reply->error);
  reply->status = soup_message_get_status (msg);
  reply->headers = soup_message_headers_ref (soup_message_get_response_headers (msg));
  if (reply->body != NULL)
    {
      data = g_bytes_get_data (reply->body, &size);
      if (size > 0 && json_parser_load_from_data (parser, data, size, NULL))
        reply->json = json_node_ref (json_parser_get_root (parser));
    }
  return reply;
}

static Reply *
request (Fixture    *f,
         const char *method,
         const char *path,
         const char *json)
{
  return request_full (f, method, path, json ? "application/json" : NULL,
                       json, json ? strlen (json) : 0,
                       ND_FAKE_WORDPRESS_USER ":" ND_FAKE_WORDPRESS_PASSWORD, NULL);
}

static Reply *
request_anonymous (Fixture    *f,
                   const char *method,
                   const char *path,
                   const char *json)
{
  return request_full (f, method, path, json ? "application/json" : NULL,
                       json, json ? strlen (json) : 0, NULL, NULL);
}

static JsonObject *
reply_object (Reply *reply)
{
  g_assert_nonnull (reply->json);
  g_assert_true (JSON_NODE_HOLDS_OBJECT (reply->json));
  return json_node_get_object (reply->json);
}

static JsonArray *
reply_array (Reply *reply)
{
  g_assert_nonnull (reply->json);
  g_assert_true (JSON_NODE_HOLDS_ARRAY (reply->json));
  return json_node_get_array (reply->json);
}

static void
assert_error (Reply        *reply,
              unsigned int  status,
              const char   *code)
{
  JsonObject *object;

  g_assert_no_error (reply->error);
  g_assert_cmpuint (reply->status, ==, status);
  object = reply_object (reply);
  g_assert_cmpstr (json_object_get_string_member (object, "code"), ==, code);
  g_assert_nonnull (json_object_get_string_member (object, "message"));
  g_assert_cmpint (json_object_get_int_member (json_object_get_object_member (object, "data"), "status"),
                   ==, status);
}

static const char *
raw (JsonObject *post,
     const char *field)
{
  return json_object_get_string_member (json_object_get_object_member (post, field), "raw");
}

static gint64
create (Fixture    *f,
        const char *json)
{
  g_autoptr(Reply) reply = request (f, "POST", "/wp-json/wp/v2/posts", json);

  g_assert_no_error (reply->error);
  g_assert_cmpuint (reply->status, ==, 201);
  return json_object_get_int_member (reply_object (reply), "id");
}

static char *
post_path (gint64      id,
           const char *query)
{
  return g_strdup_printf ("/wp-json/wp/v2/posts/%" G_GINT64_FORMAT "%s", id, query ? query : "");
}

/* Discovery */

static void
test_discovery (Fixture       *f,
                gconstpointer  data)
{
  g_autoptr(Reply) front = request_anonymous (f, "GET", "/", NULL);
  g_autoptr(Reply) index = request_anonymous (f, "GET", "/wp-json/", NULL);
  g_autoptr(Reply) plain = request_anonymous (f, "GET", "/?rest_route=/", NULL);
  g_autoptr(Reply) posts = request_anonymous (f, "GET", "/?rest_route=/wp/v2/posts&per_page=5", NULL);
  g_autoptr(Reply) missing = request_anonymous (f, "GET", "/wp-json/wp/v2/nothing", NULL);
  g_autofree char *expected_link = g_strdup_printf ("<%s/wp-json/>; rel=\"https://api.w.org/\"",
                                                    nd_fake_wordpress_get_url (f->fake));
  JsonObject *object;
  JsonArray *namespaces;
  gboolean has_wp = FALSE, has_batch = FALSE, has_plugin = FALSE;

  g_assert_cmpuint (front->status, ==, 200);
  g_assert_cmpstr (soup_message_headers_get_content_type (front->headers, NULL), ==, "text/html");
  g_assert_cmpstr (soup_message_headers_get_one (front->headers, "Link"), ==, expected_link);

  g_assert_cmpuint (index->status, ==, 200);
  object = reply_object (index);
  g_assert_cmpstr (json_object_get_string_member (object, "url"), ==, nd_fake_wordpress_get_url (f->fake));
  g_assert_cmpstr (json_object_get_string_member (object, "timezone_string"), ==, "Europe/Moscow");
  g_assert_cmpfloat (json_object_get_double_member (object, "gmt_offset"), ==, 3.0);
  g_assert_true (json_object_has_member (object, "routes"));
  namespaces = json_object_get_array_member (object, "namespaces");
  for (unsigned int i = 0; i < json_array_get_length (namespaces); i++)
    {
      const char *ns = json_array_get_string_element (namespaces, i);

      has_wp |= g_str_equal (ns, "wp/v2");
      has_batch |= g_str_equal (ns, "batch/v1");
      has_plugin |= g_str_equal (ns, "newsdesk/v1");
    }
  g_assert_true (has_wp);
  g_assert_false (has_batch);
  g_assert_false (has_plugin);

  g_assert_cmpuint (plain->status, ==, 200);
  g_assert_cmpstr (json_object_get_string_member (reply_object (plain), "name"), ==,
                   json_object_get_string_member (object, "name"));
  g_assert_cmpuint (posts->status, ==, 200);
  g_assert_cmpuint (json_array_get_length (reply_array (posts)), ==, 0);
  assert_error (missing, 404, "rest_no_route");

  /* Options show in the namespaces. */
  nd_fake_wordpress_set_features (f->fake, ND_FAKE_FEATURE_BATCH | ND_FAKE_FEATURE_NEWSDESK_PLUGIN);
  {
    g_autoptr(Reply) again = request_anonymous (f, "GET", "/wp-json/", NULL);
    g_autofree char *text = json_to_string (again->json, FALSE);

    g_assert_nonnull (strstr (text, "\"batch/v1\""));
    g_assert_nonnull (strstr (text, "\"newsdesk/v1\""));
  }
}

/* Authentication */

static void
test_authentication (Fixture       *f,
                     gconstpointer  data)
{
  g_autoptr(Reply) edit_anon = request_anonymous (f, "GET", "/wp-json/wp/v2/posts?context=edit", NULL);
  g_autoptr(Reply) me_anon = request_anonymous (f, "GET", "/wp-json/wp/v2/users/me", NULL);
  g_autoptr(Reply) create_anon = request_anonymous (f, "POST", "/wp-json/wp/v2/posts", "{\"title\":\"x\"}");
  g_autoptr(Reply) drafts_anon = request_anonymous (f, "GET", "/wp-json/wp/v2/posts?status=draft", NULL);
  g_autoptr(Reply) settings_anon = request_anonymous (f, "GET", "/wp-json/wp/v2/settings", NULL);
  g_autoptr(Reply) wrong = NULL;
  g_autoptr(Reply) unknown = NULL;
  g_autoptr(Reply) nospaces = NULL;
  g_autoptr(Reply) me = NULL;
  g_autoptr(Reply) update_anon = NULL;
  g_autoptr(Reply) added = NULL;
  g_autoptr(Reply) added_settings = NULL;
  g_autofree char *path = NULL;
  g_auto(GStrv) users = NULL;
  gint64 id, new_user;

  assert_error (edit_anon, 401, "rest_forbidden_context");
  assert_error (me_anon, 401, "rest_not_logged_in");
  assert_error (create_anon, 401, "rest_cannot_create");
  assert_error (drafts_anon, 401, "rest_forbidden_status");
  assert_error (settings_anon, 401, "rest_forbidden");
  g_assert_cmpuint (nd_fake_wordpress_count_posts (f->fake, NULL), ==, 0);

  /* A wrong Authorization header is an error even on a public route. */
  wrong = request_full (f, "GET", "/wp-json/wp/v2/posts", NULL, NULL, 0, "editor:wrongpassword", NULL);
  assert_error (wrong, 401, "incorrect_password");
  unknown = request_full (f, "GET", "/wp-json/wp/v2/posts", NULL, NULL, 0, "nobody:abcd", NULL);
  assert_error (unknown, 401, "invalid_username");
  /* The message never repeats the password. */
  g_assert_null (strstr (json_object_get_string_member (reply_object (wrong), "message"), "wrongpassword"));

  /* Spaces in an application password do not matter. */
  nospaces = request_full (f, "GET", "/wp-json/wp/v2/users/me?context=edit", NULL, NULL, 0,
                           "editor:abcdEFGH1234ijklMNOP5678", NULL);
  g_assert_cmpuint (nospaces->status, ==, 200);
  me = request (f, "GET", "/wp-json/wp/v2/users/me?context=edit", NULL);
  g_assert_cmpuint (me->status, ==, 200);
  g_assert_cmpint (json_object_get_int_member (reply_object (me), "id"), ==, 1);
  g_assert_cmpstr (json_object_get_string_member (reply_object (me), "username"), ==, ND_FAKE_WORDPRESS_USER);

  id = create (f, "{\"title\":\"Mine\",\"status\":\"publish\"}");
  path = post_path (id, NULL);
  update_anon = request_anonymous (f, "POST", path, "{\"title\":\"Theirs\"}");
  assert_error (update_anon, 401, "rest_cannot_edit");
  {
    g_autoptr(Reply) delete_anon = request_anonymous (f, "DELETE", path, NULL);

    assert_error (delete_anon, 401, "rest_cannot_delete");
  }

  /* Added users are editors: they write posts but may not read settings. */
  new_user = nd_fake_wordpress_add_user (f->fake, "translator", "wxyz 1111 2222 3333");
  g_assert_cmpint (new_user, ==, 3);
  users = nd_fake_wordpress_list_users (f->fake);
  g_assert_cmpuint (g_strv_length (users), ==, 3);
  g_assert_cmpstr (users[2], ==, "translator");
  added = request_full (f, "POST", "/wp-json/wp/v2/posts", "application/json", "{\"title\":\"T\"}", 13,
                        "translator:wxyz111122223333", NULL);
  g_assert_cmpuint (added->status, ==, 201);
  g_assert_cmpint (json_object_get_int_member (reply_object (added), "author"), ==, new_user);
  added_settings = request_full (f, "GET", "/wp-json/wp/v2/settings", NULL, NULL, 0,
                                 "translator:wxyz111122223333", NULL);
  assert_error (added_settings, 403, "rest_forbidden");
}

/* Posts: create, read, update, trash, delete */

static void
test_posts_crud (Fixture       *f,
                 gconstpointer  data)
{
  g_autoptr(Reply) created = request (f, "POST", "/wp-json/wp/v2/posts",
                                      "{\"title\":\"It's a \\\"test\\\"\",\"excerpt\":\"Short\","
                                      "\"content\":\"<p>One</p>\\n\\n<p>Two</p>\",\"status\":\"draft\"}");
  g_autoptr(Reply) got = NULL;
  g_autoptr(Reply) view = NULL;
  g_autoptr(Reply) updated = NULL;
  g_autoptr(Reply) trashed = NULL;
  g_autoptr(Reply) again = NULL;
  g_autoptr(Reply) deleted = NULL;
  g_autoptr(Reply) gone = NULL;
  g_autoptr(Reply) bad = NULL;
  g_autofree char *path = NULL;
  g_autofree char *edit_path = NULL;
  g_autofree char *force_path = NULL;
  g_autofree char *location = NULL;
  g_autofree char *modified = NULL;
  JsonObject *post;
  gint64 id;

  g_assert_cmpuint (created->status, ==, 201);
  post = reply_object (created);
  id = json_object_get_int_member (post, "id");
  g_assert_cmpint (id, >, 0);
  location = g_strdup_printf ("%s/wp-json/wp/v2/posts/%" G_GINT64_FORMAT,
                              nd_fake_wordpress_get_url (f->fake), id);
  g_assert_cmpstr (soup_message_headers_get_one (created->headers, "Location"), ==, location);
  g_assert_cmpstr (raw (post, "title"), ==, "It's a \"test\"");
  /* rendered differs from raw, as WordPress's texturize makes it. */
  g_assert_cmpstr (json_object_get_string_member (json_object_get_object_member (post, "title"), "rendered"),
                   ==, "It&#8217;s a &#8220;test&#8221;");
  g_assert_cmpstr (raw (post, "content"), ==, "<p>One</p>\n\n<p>Two</p>");
  g_assert_cmpstr (raw (post, "excerpt"), ==, "Short");
  g_assert_cmpstr (json_object_get_string_member (post, "status"), ==, "draft");
  g_assert_cmpstr (json_object_get_string_member (post, "slug"), ==, "");
  g_assert_cmpstr (json_object_get_string_member (post, "generated_slug"), ==, "its-a-test");
  g_assert_cmpint (json_object_get_int_member (post, "author"), ==, 1);
  g_assert_cmpint (json_array_get_length (json_object_get_array_member (post, "categories")), ==, 1);
  g_assert_cmpint (json_array_get_int_element (json_object_get_array_member (post, "categories"), 0), ==, 1);
  /* date_gmt has no zone suffix; date is in the site's zone (UTC+3). */
  g_assert_cmpuint (strlen (json_object_get_string_member (post, "date_gmt")), ==, 19);
  {
    g_autoptr(GTimeZone) utc = g_time_zone_new_utc ();
    g_autoptr(GDateTime) gmt = g_date_time_new_from_iso8601 (json_object_get_string_member (post, "date_gmt"), utc);
    g_autoptr(GDateTime) local = g_date_time_new_from_iso8601 (json_object_get_string_member (post, "date"), utc);

    g_assert_cmpint (g_date_time_difference (local, gmt), ==, 3 * G_TIME_SPAN_HOUR);
  }
  modified = g_strdup (json_object_get_string_member (post, "modified_gmt"));

  path = post_path (id, NULL);
  edit_path = post_path (id, "?context=edit");
  got = request (f, "GET", edit_path, NULL);
  g_assert_cmpuint (got->status, ==, 200);
  g_assert_cmpstr (raw (reply_object (got), "content"), ==, "<p>One</p>\n\n<p>Two</p>");
  view = request (f, "GET", path, NULL);
  g_assert_false (json_object_has_member (json_object_get_object_member (reply_object (view), "title"), "raw"));

  /* An update changes only what it carries, and modified_gmt moves even
   * within the same second. */
  updated = request (f, "POST", path, "{\"title\":{\"raw\":\"New title\"}}");
  g_assert_cmpuint (updated->status, ==, 200);
  post = reply_object (updated);
  g_assert_cmpstr (raw (post, "title"), ==, "New title");
  g_assert_cmpstr (raw (post, "excerpt"), ==, "Short");
  g_assert_cmpstr (raw (post, "content"), ==, "<p>One</p>\n\n<p>Two</p>");
  g_assert_cmpstr (json_object_get_string_member (post, "modified_gmt"), >, modified);
  {
    g_autoptr(Reply) put = request (f, "PUT", path, "{\"excerpt\":\"Put\"}");
    g_autoptr(Reply) patch = request (f, "PATCH", path, "{\"excerpt\":\"Patched\"}");

    g_assert_cmpuint (put->status, ==, 200);
    g_assert_cmpuint (patch->status, ==, 200);
    g_assert_cmpstr (raw (reply_object (patch), "excerpt"), ==, "Patched");
  }

  bad = request (f, "POST", path, "{\"tags\":[\"not a number\"]}");
  assert_error (bad, 400, "rest_invalid_param");
  {
    g_autoptr(Reply) bad_status = request (f, "POST", path, "{\"status\":\"published\"}");
    g_autoptr(Reply) bad_date = request (f, "POST", path, "{\"date_gmt\":\"yesterday\"}");
    g_autoptr(Reply) bad_json = request_full (f, "POST", path, "application/json", "{\"title\":", 9,
                                              ND_FAKE_WORDPRESS_USER ":" ND_FAKE_WORDPRESS_PASSWORD, NULL);
    g_autoptr(Reply) bad_id = request (f, "GET", "/wp-json/wp/v2/posts/99999", NULL);

    assert_error (bad_status, 400, "rest_invalid_param");
    assert_error (bad_date, 400, "rest_invalid_date");
    assert_error (bad_json, 400, "rest_invalid_json");
    assert_error (bad_id, 404, "rest_post_invalid_id");
  }

  /* DELETE moves to the trash; a second one is refused; force deletes. */
  trashed = request (f, "DELETE", path, NULL);
  g_assert_cmpuint (trashed->status, ==, 200);
  g_assert_cmpstr (json_object_get_string_member (reply_object (trashed), "status"), ==, "trash");
  g_assert_cmpuint (nd_fake_wordpress_count_posts (f->fake, "trash"), ==, 1);
  again = request (f, "DELETE", path, NULL);
  assert_error (again, 410, "rest_already_trashed");
  force_path = post_path (id, "?force=true");
  deleted = request (f, "DELETE", force_path, NULL);
  g_assert_cmpuint (deleted->status, ==, 200);
  g_assert_true (json_object_get_boolean_member (reply_object (deleted), "deleted"));
  g_assert_cmpint (json_object_get_int_member (json_object_get_object_member (reply_object (deleted), "previous"), "id"),
                   ==, id);
  gone = request (f, "GET", edit_path, NULL);
  assert_error (gone, 404, "rest_post_invalid_id");
  g_assert_cmpuint (nd_fake_wordpress_count_posts (f->fake, NULL), ==, 0);

  /* Ids keep increasing after a deletion. */
  g_assert_cmpint (create (f, "{\"title\":\"Next\"}"), >, id);
}

/* Posts: the collection */

static void
test_posts_list (Fixture       *f,
                 gconstpointer  data)
{
  g_autoptr(GDateTime) start = nd_fake_wordpress_dup_now (f->fake);
  g_autofree char *cursor = NULL;
  g_autofree char *modified_path = NULL;
  gint64 ids[25];
  gint64 draft_id, trash_id;

  for (int i = 0; i < 25; i++)
    {
      g_autofree char *json = g_strdup_printf ("{\"title\":\"Post %d\",\"status\":\"publish\","
                                               "\"content\":\"<p>body %s</p>\"}",
                                               i, i == 7 ? "needle" : "hay");

      ids[i] = create (f, json);
    }
  draft_id = create (f, "{\"title\":\"A draft\",\"status\":\"draft\"}");
  trash_id = create (f, "{\"title\":\"Trashed\",\"status\":\"publish\"}");
  {
    g_autofree char *path = post_path (trash_id, NULL);
    g_autoptr(Reply) trashed = request (f, "DELETE", path, NULL);

    g_assert_cmpuint (trashed->status, ==, 200);
  }

  /* Default: published only, 10 a page, the newest first. */
  {
    g_autoptr(Reply) page = request (f, "GET", "/wp-json/wp/v2/posts", NULL);

    g_assert_cmpuint (page->status, ==, 200);
    g_assert_cmpuint (json_array_get_length (reply_array (page)), ==, 10);
    g_assert_cmpstr (soup_message_headers_get_one (page->headers, "X-WP-Total"), ==, "25");
    g_assert_cmpstr (soup_message_headers_get_one (page->headers, "X-WP-TotalPages"), ==, "3");
    g_assert_nonnull (soup_message_headers_get_one (page->headers, "Date"));
  }
  {
    g_autoptr(Reply) any = request (f, "GET", "/wp-json/wp/v2/posts?status=any&per_page=100", NULL);
    g_autoptr(Reply) all = request (f, "GET", "/wp-json/wp/v2/posts?status=publish,future,draft,pending,private,trash&per_page=100&context=edit", NULL);
    g_autoptr(Reply) array_form = request (f, "GET", "/wp-json/wp/v2/posts?status[]=draft&status[]=trash", NULL);

    g_assert_cmpstr (soup_message_headers_get_one (any->headers, "X-WP-Total"), ==, "26");
    g_assert_cmpstr (soup_message_headers_get_one (all->headers, "X-WP-Total"), ==, "27");
    g_assert_cmpuint (json_array_get_length (reply_array (array_form)), ==, 2);
  }
  {
    g_autoptr(Reply) last = request (f, "GET", "/wp-json/wp/v2/posts?per_page=10&page=3&orderby=id&order=asc", NULL);
    g_autoptr(Reply) beyond = request (f, "GET", "/wp-json/wp/v2/posts?page=4", NULL);
    g_autoptr(Reply) too_many = request (f, "GET", "/wp-json/wp/v2/posts?per_page=101", NULL);
    g_autoptr(Reply) zero = request (f, "GET", "/wp-json/wp/v2/posts?per_page=0", NULL);

    g_assert_cmpuint (json_array_get_length (reply_array (last)), ==, 5);
    g_assert_cmpint (json_object_get_int_member (json_array_get_object_element (reply_array (last), 0), "id"),
                     ==, ids[20]);
    assert_error (beyond, 400, "rest_post_invalid_page_number");
    assert_error (too_many, 400, "rest_invalid_param");
    g_assert_true (json_object_has_member (json_object_get_object_member (json_object_get_object_member (reply_object (too_many), "data"), "params"), "per_page"));
    assert_error (zero, 400, "rest_invalid_param");
  }
  {
    g_autoptr(Reply) found = request (f, "GET", "/wp-json/wp/v2/posts?search=NEEDLE&context=edit", NULL);
    g_autofree char *include_path = g_strdup_printf ("/wp-json/wp/v2/posts?include=%" G_GINT64_FORMAT ",%" G_GINT64_FORMAT "&status=any",
                                                     ids[3], draft_id);
    g_autoptr(Reply) included = request (f, "GET", include_path, NULL);
    g_autoptr(Reply) fields = request (f, "GET", "/wp-json/wp/v2/posts?_fields=id,modified_gmt&per_page=1", NULL);
    JsonObject *first;

    g_assert_cmpuint (json_array_get_length (reply_array (found)), ==, 1);
    g_assert_cmpint (json_object_get_int_member (json_array_get_object_element (reply_array (found), 0), "id"),
                     ==, ids[7]);
    g_assert_cmpuint (json_array_get_length (reply_array (included)), ==, 2);
    first = json_array_get_object_element (reply_array (fields), 0);
    g_assert_cmpuint (json_object_get_size (first), ==, 2);
    g_assert_true (json_object_has_member (first, "modified_gmt"));
  }

  /* modified_after: only what changed after the cursor (with a zone
   * suffix, the moment is exact). */
  nd_fake_wordpress_advance_clock (f->fake, 10);
  {
    g_autoptr(GDateTime) now = nd_fake_wordpress_dup_now (f->fake);
    g_autofree char *path = post_path (ids[2], NULL);
    g_autoptr(Reply) edited = NULL;
    g_autoptr(Reply) changed = NULL;
    g_autoptr(Reply) modified_order = NULL;

    cursor = g_date_time_format (now, "%Y-%m-%dT%H:%M:%SZ");
    nd_fake_wordpress_advance_clock (f->fake, 1);
    edited = request (f, "POST", path, "{\"excerpt\":\"changed\"}");
    g_assert_cmpuint (edited->status, ==, 200);
    modified_path = g_strdup_printf ("/wp-json/wp/v2/posts?status=any&modified_after=%s&orderby=modified&order=asc", cursor);
    changed = request (f, "GET", modified_path, NULL);
    g_assert_cmpuint (changed->status, ==, 200);
    g_assert_cmpuint (json_array_get_length (reply_array (changed)), ==, 1);
    g_assert_cmpint (json_object_get_int_member (json_array_get_object_element (reply_array (changed), 0), "id"),
                     ==, ids[2]);
    modified_order = request (f, "GET", "/wp-json/wp/v2/posts?orderby=modified&per_page=1", NULL);
    g_assert_cmpint (json_object_get_int_member (json_array_get_object_element (reply_array (modified_order), 0), "id"),
                     ==, ids[2]);
  }
  {
    g_autoptr(Reply) bad = request (f, "GET", "/wp-json/wp/v2/posts?modified_after=soon", NULL);

    assert_error (bad, 400, "rest_invalid_param");
  }
}

/* Dates, scheduling and cron */

static char *
gmt_in (NdFakeWordpress *fake,
        int              seconds)
{
  g_autoptr(GDateTime) now = nd_fake_wordpress_dup_now (fake);
  g_autoptr(GDateTime) then = g_date_time_add_seconds (now, seconds);

  return g_date_time_format (then, "%Y-%m-%dT%H:%M:%S");
}

static void
test_scheduling (Fixture       *f,
                 gconstpointer  data)
{
  g_autofree char *soon = gmt_in (f->fake, 30);
  g_autofree char *later = gmt_in (f->fake, 3600);
  g_autofree char *past = gmt_in (f->fake, -3600);
  g_autofree char *json_soon = g_strdup_printf ("{\"title\":\"Soon\",\"status\":\"future\",\"date_gmt\":\"%s\"}", soon);
  g_autofree char *json_later = g_strdup_printf ("{\"title\":\"Later\",\"status\":\"future\",\"date_gmt\":\"%s\"}", later);
  g_autofree char *json_past = g_strdup_printf ("{\"title\":\"Past\",\"status\":\"future\",\"date_gmt\":\"%s\"}", past);
  g_autofree char *json_publish_later = g_strdup_printf ("{\"title\":\"Publish later\",\"status\":\"publish\",\"date_gmt\":\"%s\"}", later);
  g_autoptr(JsonNode) node = NULL;
  g_autofree char *modified_before_cron = NULL;
  gint64 id_soon, id_later, id_past, id_publish_later;
  g_autoptr(Reply) cron = NULL;

  id_soon = create (f, json_soon);
  id_later = create (f, json_later);
  id_past = create (f, json_past);
  id_publish_later = create (f, json_publish_later);

  /* Less than a minute ahead or past: published at once. */
  node = nd_fake_wordpress_get_post_json (f->fake, id_soon);
  g_assert_cmpstr (json_object_get_string_member (json_node_get_object (node), "status"), ==, "publish");
  g_assert_cmpstr (json_object_get_string_member (json_node_get_object (node), "date_gmt"), ==, soon);
  g_clear_pointer (&node, json_node_unref);
  node = nd_fake_wordpress_get_post_json (f->fake, id_past);
  g_assert_cmpstr (json_object_get_string_member (json_node_get_object (node), "status"), ==, "publish");
  g_clear_pointer (&node, json_node_unref);
  /* "publish" with a date ahead is scheduled. */
  node = nd_fake_wordpress_get_post_json (f->fake, id_publish_later);
  g_assert_cmpstr (json_object_get_string_member (json_node_get_object (node), "status"), ==, "future");
  g_clear_pointer (&node, json_node_unref);
  node = nd_fake_wordpress_get_post_json (f->fake, id_later);
  g_assert_cmpstr (json_object_get_string_member (json_node_get_object (node), "status"), ==, "future");
  g_assert_cmpstr (json_object_get_string_member (json_node_get_object (node), "date_gmt"), ==, later);
  modified_before_cron = g_strdup (json_object_get_string_member (json_node_get_object (node), "modified_gmt"));
  g_clear_pointer (&node, json_node_unref);

  /* The time comes, but without cron the post stays "future": a missed
   * schedule. */
  nd_fake_wordpress_advance_clock (f->fake, 7200);
  g_assert_cmpuint (nd_fake_wordpress_count_posts (f->fake, "future"), ==, 2);
  cron = request_anonymous (f, "GET", "/wp-cron.php", NULL);
  g_assert_cmpuint (cron->status, ==, 200);
  g_assert_cmpuint (nd_fake_wordpress_count_posts (f->fake, "future"), ==, 0);
  node = nd_fake_wordpress_get_post_json (f->fake, id_later);
  g_assert_cmpstr (json_object_get_string_member (json_node_get_object (node), "status"), ==, "publish");
  /* Publishing by cron leaves modified_gmt alone, as wp_publish_post(). */
  g_assert_cmpstr (json_object_get_string_member (json_node_get_object (node), "modified_gmt"), ==,
                   modified_before_cron);
  g_assert_cmpuint (nd_fake_wordpress_run_cron (f->fake), ==, 0);

  /* A draft's date follows its saves until it gets one of its own. */
  {
    gint64 draft = create (f, "{\"title\":\"Floating\"}");
    g_autofree char *path = post_path (draft, NULL);
    g_autoptr(Reply) saved = NULL;
    g_autoptr(Reply) dated = NULL;
    g_autofree char *date_then = NULL;
    g_autoptr(JsonNode) before = nd_fake_wordpress_get_post_json (f->fake, draft);

    date_then = g_strdup (json_object_get_string_member (json_node_get_object (before), "date_gmt"));
    nd_fake_wordpress_advance_clock (f->fake, 100);
    saved = request (f, "POST", path, "{\"excerpt\":\"x\"}");
    g_assert_cmpstr (json_object_get_string_member (reply_object (saved), "date_gmt"), >, date_then);
    dated = request (f, "POST", path, "{\"date_gmt\":\"2020-01-02T03:04:05\"}");
    g_assert_cmpstr (json_object_get_string_member (reply_object (dated), "date_gmt"), ==, "2020-01-02T03:04:05");
    g_assert_cmpstr (json_object_get_string_member (reply_object (dated), "date"), ==, "2020-01-02T06:04:05");
  }
}

/* Slugs */

static void
test_slugs (Fixture       *f,
            gconstpointer  data)
{
  gint64 a = create (f, "{\"title\":\"Same Title\",\"status\":\"publish\"}");
  gint64 b = create (f, "{\"title\":\"Same Title\",\"status\":\"publish\"}");
  gint64 c = create (f, "{\"title\":\"Other\",\"slug\":\"same-title\",\"status\":\"publish\"}");
  gint64 d = create (f, "{\"title\":\"Same Title\",\"slug\":\"same-title\",\"status\":\"draft\"}");
  gint64 e = create (f, "{\"title\":\"Привет мир\",\"status\":\"publish\"}");
  const gint64 ids[] = { a, b, c, d, e };
  const char *expected[] = { "same-title", "same-title-2", "same-title-3", "same-title",
                             "%d0%bf%d1%80%d0%b8%d0%b2%d0%b5%d1%82-%d0%bc%d0%b8%d1%80" };

  for (unsigned int i = 0; i < G_N_ELEMENTS (ids); i++)
    {
      g_autoptr(JsonNode) node = nd_fake_wordpress_get_post_json (f->fake, ids[i]);

      g_assert_cmpstr (json_object_get_string_member (json_node_get_object (node), "slug"), ==, expected[i]);
    }
  {
    g_autoptr(Reply) by_slug = request (f, "GET", "/wp-json/wp/v2/posts?slug=same-title-2", NULL);

    g_assert_cmpuint (json_array_get_length (reply_array (by_slug)), ==, 1);
    g_assert_cmpint (json_object_get_int_member (json_array_get_object_element (reply_array (by_slug), 0), "id"), ==, b);
  }
}

/* Terms */

static void
test_terms (Fixture       *f,
            gconstpointer  data)
{
  g_autoptr(Reply) created = request (f, "POST", "/wp-json/wp/v2/tags", "{\"name\":\"Afghanistan\"}");
  g_autoptr(Reply) duplicate = request (f, "POST", "/wp-json/wp/v2/tags", "{\"name\":\"afghanistan\"}");
  g_autoptr(Reply) russian = request (f, "POST", "/wp-json/wp/v2/tags", "{\"name\":\"Афганистан\"}");
  g_autoptr(Reply) anonymous = request_anonymous (f, "POST", "/wp-json/wp/v2/tags", "{\"name\":\"X\"}");
  g_autoptr(Reply) nameless = request (f, "POST", "/wp-json/wp/v2/tags", "{\"slug\":\"x\"}");
  g_autoptr(Reply) section = request (f, "POST", "/wp-json/wp/v2/categories", "{\"name\":\"Opinion\"}");
  g_autoptr(Reply) child = NULL;
  g_autoptr(Reply) orphan = request (f, "POST", "/wp-json/wp/v2/categories", "{\"name\":\"Lost\",\"parent\":9999}");
  g_autoptr(Reply) search = request_anonymous (f, "GET", "/wp-json/wp/v2/tags?search=afgh", NULL);
  g_autoptr(Reply) missing = request_anonymous (f, "GET", "/wp-json/wp/v2/tags/9999", NULL);
  g_autoptr(Reply) categories = NULL;
  g_autofree char *child_json = NULL;
  g_autofree char *post_json = NULL;
  g_autofree char *one_path = NULL;
  JsonObject *data_object;
  gint64 tag_id, section_id;

  g_assert_cmpuint (created->status, ==, 201);
  tag_id = json_object_get_int_member (reply_object (created), "id");
  g_assert_cmpstr (json_object_get_string_member (reply_object (created), "slug"), ==, "afghanistan");
  g_assert_cmpstr (json_object_get_string_member (reply_object (created), "taxonomy"), ==, "post_tag");

  assert_error (duplicate, 400, "term_exists");
  data_object = json_object_get_object_member (reply_object (duplicate), "data");
  g_assert_cmpint (json_object_get_int_member (data_object, "term_id"), ==, tag_id);
  g_assert_cmpuint (russian->status, ==, 201);
  assert_error (anonymous, 401, "rest_cannot_create");
  assert_error (nameless, 400, "rest_missing_callback_param");

  g_assert_cmpuint (section->status, ==, 201);
  section_id = json_object_get_int_member (reply_object (section), "id");
  child_json = g_strdup_printf ("{\"name\":\"Columns\",\"parent\":%" G_GINT64_FORMAT "}", section_id);
  child = request (f, "POST", "/wp-json/wp/v2/categories", child_json);
  g_assert_cmpuint (child->status, ==, 201);
  g_assert_cmpint (json_object_get_int_member (reply_object (child), "parent"), ==, section_id);
  assert_error (orphan, 400, "rest_term_invalid");

  g_assert_cmpuint (json_array_get_length (reply_array (search)), ==, 1);
  assert_error (missing, 404, "rest_term_invalid");
  categories = request_anonymous (f, "GET", "/wp-json/wp/v2/categories?per_page=100", NULL);
  g_assert_cmpstr (soup_message_headers_get_one (categories->headers, "X-WP-Total"), ==, "3");
  g_assert_cmpuint (nd_fake_wordpress_count_terms (f->fake, "tags"), ==, 2);
  g_assert_cmpuint (nd_fake_wordpress_count_terms (f->fake, "categories"), ==, 3);
  g_assert_cmpint (nd_fake_wordpress_add_term (f->fake, "tags", "AFGHANISTAN"), ==, tag_id);

  /* Posts carry term ids; unknown ids are dropped; counts follow. */
  post_json = g_strdup_printf ("{\"title\":\"T\",\"status\":\"publish\",\"tags\":[%" G_GINT64_FORMAT ",9999],"
                               "\"categories\":[%" G_GINT64_FORMAT "]}", tag_id, section_id);
  {
    gint64 id = create (f, post_json);
    g_autoptr(JsonNode) node = nd_fake_wordpress_get_post_json (f->fake, id);
    JsonArray *tags = json_object_get_array_member (json_node_get_object (node), "tags");
    g_autoptr(Reply) one = NULL;

    g_assert_cmpuint (json_array_get_length (tags), ==, 1);
    g_assert_cmpint (json_array_get_int_element (tags, 0), ==, tag_id);
    one_path = g_strdup_printf ("/wp-json/wp/v2/tags/%" G_GINT64_FORMAT, tag_id);
    one = request_anonymous (f, "GET", one_path, NULL);
    g_assert_cmpint (json_object_get_int_member (reply_object (one), "count"), ==, 1);
  }
}

/* Media */

static void
test_media (Fixture       *f,
            gconstpointer  data)
{
  static const char image[] = "\x89PNG\r\n\x1a\nfake image bytes";
  g_autoptr(Reply) uploaded = request_full (f, "POST", "/wp-json/wp/v2/media", "image/png",
                                            image, sizeof image - 1,
                                            ND_FAKE_WORDPRESS_USER ":" ND_FAKE_WORDPRESS_PASSWORD,
                                            "attachment; filename=\"photo.png\"");
  g_autoptr(Reply) second = request_full (f, "POST", "/wp-json/wp/v2/media", "image/png",
                                          image, sizeof image - 1,
                                          ND_FAKE_WORDPRESS_USER ":" ND_FAKE_WORDPRESS_PASSWORD,
                                          "attachment; filename=photo.png");
  g_autoptr(Reply) no_disposition = request_full (f, "POST", "/wp-json/wp/v2/media", "image/png",
                                                  image, sizeof image - 1,
                                                  ND_FAKE_WORDPRESS_USER ":" ND_FAKE_WORDPRESS_PASSWORD, NULL);
  g_autoptr(Reply) anonymous = request_full (f, "POST", "/wp-json/wp/v2/media", "image/png",
                                             image, sizeof image - 1, NULL, "attachment; filename=a.png");
  g_autoptr(Reply) file = NULL;
  g_autoptr(Reply) captioned = NULL;
  g_autoptr(Reply) bad_featured = request (f, "POST", "/wp-json/wp/v2/posts", "{\"title\":\"x\",\"featured_media\":9999}");
  g_autofree char *path = NULL;
  g_autofree char *featured_json = NULL;
  const char *source_url;
  gint64 id;

  g_assert_cmpuint (uploaded->status, ==, 201);
  id = json_object_get_int_member (reply_object (uploaded), "id");
  source_url = json_object_get_string_member (reply_object (uploaded), "source_url");
  g_assert_true (g_str_has_prefix (source_url, nd_fake_wordpress_get_url (f->fake)));
  g_assert_true (g_str_has_suffix (source_url, "/photo.png"));
  g_assert_cmpstr (json_object_get_string_member (reply_object (uploaded), "mime_type"), ==, "image/png");
  g_assert_cmpuint (second->status, ==, 201);
  g_assert_true (g_str_has_suffix (json_object_get_string_member (reply_object (second), "source_url"), "/photo-1.png"));
  assert_error (no_disposition, 400, "rest_upload_no_content_disposition");
  assert_error (anonymous, 401, "rest_cannot_create");
  g_assert_cmpuint (nd_fake_wordpress_count_media (f->fake), ==, 2);

  file = request_anonymous (f, "GET", source_url + strlen (nd_fake_wordpress_get_url (f->fake)), NULL);
  g_assert_cmpuint (file->status, ==, 200);
  g_assert_cmpmem (g_bytes_get_data (file->body, NULL), g_bytes_get_size (file->body), image, sizeof image - 1);

  path = g_strdup_printf ("/wp-json/wp/v2/media/%" G_GINT64_FORMAT, id);
  captioned = request (f, "POST", path, "{\"caption\":\"Kabul, 2021\",\"alt_text\":\"A street\"}");
  g_assert_cmpuint (captioned->status, ==, 200);
  g_assert_cmpstr (json_object_get_string_member (reply_object (captioned), "alt_text"), ==, "A street");
  g_assert_cmpstr (raw (reply_object (captioned), "caption"), ==, "Kabul, 2021");

  assert_error (bad_featured, 400, "rest_invalid_featured_media");
  featured_json = g_strdup_printf ("{\"title\":\"x\",\"featured_media\":%" G_GINT64_FORMAT "}", id);
  {
    gint64 post = create (f, featured_json);
    g_autoptr(JsonNode) node = nd_fake_wordpress_get_post_json (f->fake, post);

    /* Posts and attachments share one id sequence, as in wp_posts. */
    g_assert_cmpint (post, >, id);
    g_assert_cmpint (json_object_get_int_member (json_node_get_object (node), "featured_media"), ==, id);
  }
}

/* Settings */

static void
test_settings (Fixture       *f,
               gconstpointer  data)
{
  g_autoptr(Reply) settings = NULL;
  g_autoptr(Reply) changed = NULL;

  nd_fake_wordpress_set_timezone (f->fake, "Asia/Dubai", 4);
  settings = request (f, "GET", "/wp-json/wp/v2/settings", NULL);
  g_assert_cmpuint (settings->status, ==, 200);
  g_assert_cmpstr (json_object_get_string_member (reply_object (settings), "timezone"), ==, "Asia/Dubai");
  g_assert_cmpstr (json_object_get_string_member (reply_object (settings), "title"), ==, "Newsdesk Test Site");
  changed = request (f, "POST", "/wp-json/wp/v2/settings", "{\"timezone\":\"Europe/Moscow\"}");
  g_assert_cmpstr (json_object_get_string_member (reply_object (changed), "timezone"), ==, "Europe/Moscow");
}

/* Batch */

static void
test_batch (Fixture       *f,
            gconstpointer  data)
{
  g_autoptr(Reply) disabled = request (f, "POST", "/wp-json/batch/v1", "{\"requests\":[]}");
  g_autoptr(Reply) done = NULL;
  g_autoptr(Reply) too_many = NULL;
  g_autoptr(Reply) media = NULL;
  g_autoptr(Reply) strict = NULL;
  GString *json = g_string_new ("{\"requests\":[");
  JsonArray *responses;
  gint64 first_id;

  assert_error (disabled, 404, "rest_no_route");
  nd_fake_wordpress_set_features (f->fake, ND_FAKE_FEATURE_BATCH);

  done = request (f, "POST", "/wp-json/batch/v1",
                  "{\"requests\":["
                  "{\"method\":\"POST\",\"path\":\"/wp/v2/posts\",\"body\":{\"title\":\"B1\",\"status\":\"draft\"}},"
                  "{\"method\":\"POST\",\"path\":\"/wp/v2/posts\",\"body\":{\"title\":\"B2\",\"tags\":\"x\"}},"
                  "{\"path\":\"/wp/v2/tags\",\"body\":{\"name\":\"Batch tag\"}}]}");
  g_assert_cmpuint (done->status, ==, 207);
  responses = json_object_get_array_member (reply_object (done), "responses");
  g_assert_cmpuint (json_array_get_length (responses), ==, 3);
  g_assert_cmpint (json_object_get_int_member (json_array_get_object_element (responses, 0), "status"), ==, 201);
  first_id = json_object_get_int_member (json_object_get_object_member (json_array_get_object_element (responses, 0), "body"), "id");
  g_assert_cmpint (json_object_get_int_member (json_array_get_object_element (responses, 1), "status"), ==, 400);
  g_assert_cmpint (json_object_get_int_member (json_array_get_object_element (responses, 2), "status"), ==, 201);
  /* Not a transaction: the good ones happened. */
  g_assert_cmpuint (nd_fake_wordpress_count_posts (f->fake, NULL), ==, 1);
  {
    g_autoptr(JsonNode) first = nd_fake_wordpress_get_post_json (f->fake, first_id);

    g_assert_nonnull (first);
  }

  for (int i = 0; i < 26; i++)
    g_string_append_printf (json, "%s{\"path\":\"/wp/v2/posts\",\"body\":{\"title\":\"%d\"}}", i ? "," : "", i);
  g_string_append (json, "]}");
  too_many = request (f, "POST", "/wp-json/batch/v1", json->str);
  assert_error (too_many, 400, "rest_invalid_param");
  g_assert_cmpuint (nd_fake_wordpress_count_posts (f->fake, NULL), ==, 1);
  g_string_free (json, TRUE);

  media = request (f, "POST", "/wp-json/batch/v1",
                   "{\"requests\":[{\"path\":\"/wp/v2/media/5\",\"body\":{\"alt_text\":\"x\"}}]}");
  g_assert_cmpuint (media->status, ==, 207);
  g_assert_cmpint (json_object_get_int_member (json_array_get_object_element (json_object_get_array_member (reply_object (media), "responses"), 0), "status"),
                   ==, 400);
  strict = request (f, "POST", "/wp-json/batch/v1",
                    "{\"validation\":\"require-all-valid\",\"requests\":["
                    "{\"path\":\"/wp/v2/posts\",\"body\":{\"title\":\"never\"}},"
                    "{\"path\":\"/wp/v2/media/5\",\"body\":{}}]}");
  g_assert_cmpstr (json_object_get_string_member (reply_object (strict), "failed"), ==, "validation");
  g_assert_cmpuint (nd_fake_wordpress_count_posts (f->fake, NULL), ==, 1);
}

/* Polylang and the Newsdesk plugin */

static void
test_polylang (Fixture       *f,
               gconstpointer  data)
{
  gint64 ru = create (f, "{\"title\":\"Новость\",\"lang\":\"ru\"}");
  g_autofree char *json = g_strdup_printf ("{\"title\":\"News\",\"lang\":\"en\",\"translations\":{\"ru\":%" G_GINT64_FORMAT "}}", ru);
  gint64 en = create (f, json);
  g_autoptr(JsonNode) node = nd_fake_wordpress_get_post_json (f->fake, ru);
  JsonObject *translations = json_object_get_object_member (json_node_get_object (node), "translations");
  g_autoptr(Reply) english = request (f, "GET", "/wp-json/wp/v2/posts?lang=en&status=draft", NULL);

  g_assert_cmpstr (json_object_get_string_member (json_node_get_object (node), "lang"), ==, "ru");
  g_assert_cmpint (json_object_get_int_member (translations, "ru"), ==, ru);
  g_assert_cmpint (json_object_get_int_member (translations, "en"), ==, en);
  g_assert_cmpuint (json_array_get_length (reply_array (english)), ==, 1);
}

static void
test_plugin_meta (Fixture       *f,
                  gconstpointer  data)
{
  const char *json = "{\"title\":\"M\",\"content\":\"<p>x</p>\\n<!-- newsdesk:0f0e-uuid -->\","
                     "\"meta\":{\"newsdesk_uuid\":\"0f0e-uuid\",\"newsdesk_group\":\"story-1\",\"other\":\"ignored\"}}";
  gint64 with_plugin, without_plugin;
  g_autoptr(JsonNode) node = NULL;
  g_autoptr(GArray) found = NULL;
  JsonObject *meta;

  nd_fake_wordpress_set_features (f->fake, ND_FAKE_FEATURE_NONE);
  without_plugin = create (f, json);
  node = nd_fake_wordpress_get_post_json (f->fake, without_plugin);
  g_assert_cmpuint (json_object_get_size (json_object_get_object_member (json_node_get_object (node), "meta")), ==, 0);
  g_clear_pointer (&node, json_node_unref);
  {
    /* The marker is found by a search, the fallback without the plugin. */
    g_autoptr(Reply) search = request (f, "GET", "/wp-json/wp/v2/posts?search=0f0e-uuid&status=any&context=edit", NULL);

    g_assert_cmpuint (json_array_get_length (reply_array (search)), ==, 1);
  }

  nd_fake_wordpress_set_features (f->fake, ND_FAKE_FEATURE_NEWSDESK_PLUGIN);
  with_plugin = create (f, json);
  node = nd_fake_wordpress_get_post_json (f->fake, with_plugin);
  meta = json_object_get_object_member (json_node_get_object (node), "meta");
  g_assert_cmpstr (json_object_get_string_member (meta, "newsdesk_uuid"), ==, "0f0e-uuid");
  g_assert_cmpstr (json_object_get_string_member (meta, "newsdesk_group"), ==, "story-1");
  g_assert_false (json_object_has_member (meta, "other"));
  {
    g_autoptr(Reply) by_uuid = request (f, "GET", "/wp-json/wp/v2/posts?newsdesk_uuid=0f0e-uuid&status=any", NULL);

    g_assert_cmpuint (json_array_get_length (reply_array (by_uuid)), ==, 1);
    g_assert_cmpint (json_object_get_int_member (json_array_get_object_element (reply_array (by_uuid), 0), "id"),
                     ==, with_plugin);
  }
  /* Both are duplicates of one uuid: the inspection API counts them. */
  found = nd_fake_wordpress_find_posts_by_uuid (f->fake, "0f0e-uuid");
  g_assert_cmpuint (found->len, ==, 2);
}

/* Faults */

static void
test_fault_errors (Fixture       *f,
                   gconstpointer  data)
{
  struct {
    NdFakeFault fault;
    unsigned int status;
  } cases[] = {
    { ND_FAKE_FAULT_SERVER_ERROR, 500 },
    { ND_FAKE_FAULT_RATE_LIMITED, 429 },
    { ND_FAKE_FAULT_UNAVAILABLE, 503 },
  };

  for (unsigned int i = 0; i < G_N_ELEMENTS (cases); i++)
    {
      g_autoptr(Reply) reply = NULL;

      nd_fake_wordpress_fail_next (f->fake, cases[i].fault);
      reply = request (f, "POST", "/wp-json/wp/v2/posts", "{\"title\":\"never\"}");
      g_assert_no_error (reply->error);
      g_assert_cmpuint (reply->status, ==, cases[i].status);
      if (cases[i].status == 500)
        g_assert_cmpstr (json_object_get_string_member (reply_object (reply), "code"), ==, "internal_server_error");
      else
        {
          g_assert_cmpstr (soup_message_headers_get_one (reply->headers, "Retry-After"), ==, "1");
          g_assert_null (reply->json);
        }
      /* Not applied. */
      g_assert_cmpuint (nd_fake_wordpress_count_posts (f->fake, NULL), ==, 0);
      g_assert_cmpuint (nd_fake_wordpress_count_faults (f->fake, cases[i].fault), ==, 1);
    }
  {
    /* The next request is normal again. */
    g_autoptr(Reply) reply = request (f, "POST", "/wp-json/wp/v2/posts", "{\"title\":\"once\"}");

    g_assert_cmpuint (reply->status, ==, 201);
  }
  g_assert_cmpuint (nd_fake_wordpress_count_faults (f->fake, ND_FAKE_FAULT_NONE), ==, 3);
}

static void
test_fault_lost_answer (Fixture       *f,
                        gconstpointer  data)
{
  g_autoptr(Reply) reply = NULL;
  g_autoptr(GArray) found = NULL;
  g_auto(GStrv) log = NULL;

  nd_fake_wordpress_fail_next_matching (f->fake, ND_FAKE_FAULT_LOST_ANSWER, "POST", "/wp/v2/posts");
  {
    /* A GET first: the one-shot fault waits for the matching request. */
    g_autoptr(Reply) index = request (f, "GET", "/wp-json/", NULL);

    g_assert_cmpuint (index->status, ==, 200);
  }
  reply = request (f, "POST", "/wp-json/wp/v2/posts",
                   "{\"title\":\"Lost\",\"content\":\"<p>x</p>\\n<!-- newsdesk:lost-1 -->\"}");
  /* The client gets no answer at all... */
  g_assert_nonnull (reply->error);
  g_assert_null (reply->json);
  /* ...but the post was created. */
  found = nd_fake_wordpress_find_posts_by_uuid (f->fake, "lost-1");
  g_assert_cmpuint (found->len, ==, 1);
  log = nd_fake_wordpress_dup_request_log (f->fake);
  g_assert_cmpuint (g_strv_length (log), ==, 2);
  g_assert_cmpstr (log[1], ==, "POST /wp/v2/posts 0 fault=lost-answer");
}

static void
test_fault_truncated (Fixture       *f,
                      gconstpointer  data)
{
  g_autoptr(Reply) reply = NULL;
  g_autoptr(JsonParser) parser = json_parser_new ();
  gsize size;
  const char *body;

  nd_fake_wordpress_fail_next (f->fake, ND_FAKE_FAULT_TRUNCATED);
  reply = request (f, "POST", "/wp-json/wp/v2/posts", "{\"title\":\"Cut\"}");
  g_assert_no_error (reply->error);
  g_assert_cmpuint (reply->status, ==, 201);
  body = g_bytes_get_data (reply->body, &size);
  g_assert_cmpuint (size, >, 10);
  g_assert_true (body[0] == '{');
  g_assert_false (json_parser_load_from_data (parser, body, size, NULL));
  g_assert_null (reply->json);
  g_assert_cmpuint (nd_fake_wordpress_count_posts (f->fake, NULL), ==, 1);
}

static void
test_fault_slow (Fixture       *f,
                 gconstpointer  data)
{
  g_autoptr(SoupSession) impatient = soup_session_new_with_options ("timeout", 1, NULL);
  g_autoptr(Reply) reply = NULL;
  gint64 start;

  nd_fake_wordpress_set_slow_delay (f->fake, 2500);
  nd_fake_wordpress_fail_next (f->fake, ND_FAKE_FAULT_SLOW);
  g_set_object (&f->session, impatient);
  start = g_get_monotonic_time ();
  reply = request (f, "POST", "/wp-json/wp/v2/posts", "{\"title\":\"Slow\"}");
  g_assert_error (reply->error, G_IO_ERROR, G_IO_ERROR_TIMED_OUT);
  g_assert_cmpint (g_get_monotonic_time () - start, <, 2 * G_USEC_PER_SEC);
  g_assert_cmpuint (nd_fake_wordpress_count_posts (f->fake, NULL), ==, 1);

  /* A patient client gets the late answer. */
  {
    g_autoptr(SoupSession) patient = soup_session_new_with_options ("timeout", 10, NULL);
    g_autoptr(Reply) late = NULL;

    nd_fake_wordpress_set_slow_delay (f->fake, 300);
    nd_fake_wordpress_fail_next (f->fake, ND_FAKE_FAULT_SLOW);
    g_set_object (&f->session, patient);
    start = g_get_monotonic_time ();
    late = request (f, "GET", "/wp-json/wp/v2/posts?status=any", NULL);
    g_assert_cmpuint (late->status, ==, 200);
    g_assert_cmpint (g_get_monotonic_time () - start, >=, 300 * 1000);
    g_assert_cmpuint (json_array_get_length (reply_array (late)), ==, 1);
  }
}

static void
test_fault_concurrent_edit (Fixture       *f,
                            gconstpointer  data)
{
  gint64 id = create (f, "{\"title\":\"Base\",\"excerpt\":\"Standfirst\",\"content\":\"<p>First</p>\\n<p>Second</p>\"}");
  g_autofree char *path = post_path (id, "?context=edit");
  g_autoptr(Reply) read = NULL;
  g_autoptr(Reply) reread = NULL;
  g_autoptr(JsonNode) read_copy = NULL;
  g_auto(GStrv) edits = NULL;
  JsonObject *before, *after;
  int changed = 0;

  /* Only a single-post GET gets it: the list below passes unharmed. */
  nd_fake_wordpress_fail_next (f->fake, ND_FAKE_FAULT_CONCURRENT_EDIT);
  {
    g_autoptr(Reply) list = request (f, "GET", "/wp-json/wp/v2/posts?status=any", NULL);

    g_assert_cmpuint (list->status, ==, 200);
  }
  read = request (f, "GET", path, NULL);
  g_assert_cmpuint (read->status, ==, 200);
  before = reply_object (read);
  /* The answer is the state before the other user's edit. */
  g_assert_cmpstr (raw (before, "title"), ==, "Base");
  g_assert_cmpstr (raw (before, "excerpt"), ==, "Standfirst");
  g_assert_cmpstr (raw (before, "content"), ==, "<p>First</p>\n<p>Second</p>");

  reread = request (f, "GET", path, NULL);
  after = reply_object (reread);
  g_assert_cmpstr (json_object_get_string_member (after, "modified_gmt"), >,
                   json_object_get_string_member (before, "modified_gmt"));
  g_assert_cmpint (json_object_get_int_member (after, "author"), ==, 2);
  changed += g_strcmp0 (raw (before, "title"), raw (after, "title")) != 0;
  changed += g_strcmp0 (raw (before, "excerpt"), raw (after, "excerpt")) != 0;
  changed += g_strcmp0 (raw (before, "content"), raw (after, "content")) != 0;
  g_assert_cmpint (changed, ==, 1);
  edits = nd_fake_wordpress_dup_other_edits (f->fake);
  g_assert_cmpuint (g_strv_length (edits), ==, 1);
  g_assert_true (g_str_has_prefix (edits[0], "1 "));
  /* The paragraph edit keeps the other paragraphs. */
  if (g_str_has_suffix (edits[0], "content"))
    g_assert_nonnull (strstr (raw (after, "content"), "<p>Second</p>"));
}

/* Random faults: the rate holds, and a seed gives the same faults again. */
static char **
run_random_faults (Fixture *f,
                   guint32  seed)
{
  nd_fake_wordpress_reset_requests (f->fake);
  nd_fake_wordpress_set_faults (f->fake, ND_FAKE_FAULT_SERVER_ERROR | ND_FAKE_FAULT_RATE_LIMITED
                                         | ND_FAKE_FAULT_UNAVAILABLE | ND_FAKE_FAULT_TRUNCATED,
                                0.2, seed);
  for (int i = 0; i < 200; i++)
    {
      g_autoptr(Reply) reply = request (f, "GET", "/wp-json/wp/v2/tags", NULL);

      g_assert_no_error (reply->error);
    }
  nd_fake_wordpress_set_faults (f->fake, 0, 0.0, 0);
  return nd_fake_wordpress_dup_request_log (f->fake);
}

static void
test_fault_random (Fixture       *f,
                   gconstpointer  data)
{
  g_auto(GStrv) first = run_random_faults (f, 42);
  g_auto(GStrv) second = run_random_faults (f, 42);
  g_auto(GStrv) other = run_random_faults (f, 7);
  unsigned int faults = 0;

  g_assert_cmpuint (g_strv_length (first), ==, 200);
  for (int i = 0; first[i] != NULL; i++)
    faults += strstr (first[i], "fault=") != NULL;
  /* 20 % of 200 is 40; a seeded run lands well inside 15..65. */
  g_assert_cmpuint (faults, >, 15);
  g_assert_cmpuint (faults, <, 65);
  g_assert_true (g_strv_equal ((const char * const *) first, (const char * const *) second));
  g_assert_false (g_strv_equal ((const char * const *) first, (const char * const *) other));
  g_assert_cmpuint (nd_fake_wordpress_count_requests (f->fake, "GET", "/wp/v2/tags"), ==, 200);
  g_assert_cmpuint (nd_fake_wordpress_count_requests (f->fake, "POST", NULL), ==, 0);
}

/* Inspection and edits behind the client's back */

static void
test_inspection (Fixture       *f,
                 gconstpointer  data)
{
  g_autoptr(GError) error = NULL;
  gint64 web = nd_fake_wordpress_create_post (f->fake, "{\"title\":\"From the web\",\"status\":\"publish\"}", &error);
  gint64 bad = 0;
  g_autoptr(JsonNode) node = NULL;
  g_autoptr(Reply) listed = NULL;
  g_autoptr(Reply) gone = NULL;
  g_autofree char *path = NULL;

  g_assert_no_error (error);
  g_assert_cmpint (web, >, 0);
  bad = nd_fake_wordpress_create_post (f->fake, "{\"status\":\"bogus\"}", &error);
  g_assert_cmpint (bad, ==, 0);
  g_assert_nonnull (error);
  node = nd_fake_wordpress_get_post_json (f->fake, web);
  g_assert_cmpint (json_object_get_int_member (json_node_get_object (node), "author"), ==, 2);

  g_assert_true (nd_fake_wordpress_edit_post (f->fake, web, "title", "Edited"));
  g_assert_false (nd_fake_wordpress_edit_post (f->fake, web, "nonsense", "x"));
  g_assert_false (nd_fake_wordpress_edit_post (f->fake, 9999, "title", "x"));
  listed = request_anonymous (f, "GET", "/wp-json/wp/v2/posts", NULL);
  g_assert_cmpstr (json_object_get_string_member (json_object_get_object_member (json_array_get_object_element (reply_array (listed), 0), "title"), "rendered"),
                   ==, "Edited");

  g_assert_true (nd_fake_wordpress_delete_post (f->fake, web));
  path = post_path (web, NULL);
  gone = request (f, "GET", path, NULL);
  assert_error (gone, 404, "rest_post_invalid_id");
  g_assert_cmpuint (nd_fake_wordpress_count_requests (f->fake, NULL, NULL), ==, 2);
  g_assert_cmpuint (nd_fake_wordpress_count_requests (f->fake, "GET", "/wp/v2/posts/"), ==, 1);
}

/* Revisions, as WordPress 6.1 keeps them (wp_save_post_revision()). */

static void
update (Fixture    *f,
        gint64      id,
        const char *json)
{
  g_autofree char *path = post_path (id, NULL);
  g_autoptr(Reply) reply = request (f, "POST", path, json);

  g_assert_no_error (reply->error);
  g_assert_cmpuint (reply->status, ==, 200);
}

static Reply *
get_revisions (Fixture    *f,
               gint64      id,
               const char *query)
{
  g_autofree char *suffix = g_strconcat ("/revisions", query ? query : "", NULL);
  g_autofree char *path = post_path (id, suffix);
  Reply *reply = request (f, "GET", path, NULL);

  g_assert_no_error (reply->error);
  return reply;
}

static void
test_revisions_saved (Fixture       *f,
                      gconstpointer  data)
{
  gint64 id = create (f, "{\"title\":\"Base\",\"excerpt\":\"Standfirst\",\"content\":\"<p>First</p>\"}");
  g_autoptr(Reply) empty = get_revisions (f, id, NULL);

  /* Creating a post stores no revision (post_updated does not run). */
  g_assert_cmpuint (nd_fake_wordpress_count_revisions (f->fake, id), ==, 0);
  g_assert_cmpuint (empty->status, ==, 200);
  g_assert_cmpuint (json_array_get_length (reply_array (empty)), ==, 0);
  g_assert_cmpstr (soup_message_headers_get_one (empty->headers, "X-WP-Total"), ==, "0");
  g_assert_cmpstr (soup_message_headers_get_one (empty->headers, "X-WP-TotalPages"), ==, "0");

  /* The first update stores one even though no text changed. */
  update (f, id, "{\"status\":\"publish\"}");
  g_assert_cmpuint (nd_fake_wordpress_count_revisions (f->fake, id), ==, 1);
  /* After that only a change of title, excerpt or content counts; white
   * space alone, the same title again, or other fields do not. */
  update (f, id, "{\"title\":\"Base\",\"slug\":\"elsewhere\"}");
  update (f, id, "{\"content\":\"  <p>First</p>\\r\\n\\n\"}");
  update (f, id, "{\"tags\":[],\"date_gmt\":\"2020-01-01T10:00:00\"}");
  g_assert_cmpuint (nd_fake_wordpress_count_revisions (f->fake, id), ==, 1);
  update (f, id, "{\"title\":\"Second\"}");
  g_assert_cmpuint (nd_fake_wordpress_count_revisions (f->fake, id), ==, 2);
  update (f, id, "{\"excerpt\":\"New standfirst\"}");
  update (f, id, "{\"content\":{\"raw\":\"<p>First, longer</p>\"}}");
  g_assert_cmpuint (nd_fake_wordpress_count_revisions (f->fake, id), ==, 4);

  /* Edits by the other user store revisions too; a slug change does not. */
  g_assert_true (nd_fake_wordpress_edit_post (f->fake, id, "slug", "moved"));
  g_assert_cmpuint (nd_fake_wordpress_count_revisions (f->fake, id), ==, 4);
  g_assert_true (nd_fake_wordpress_edit_post (f->fake, id, "title", "Theirs"));
  g_assert_cmpuint (nd_fake_wordpress_count_revisions (f->fake, id), ==, 5);

  /* Batch writes go through the same update. */
  nd_fake_wordpress_set_features (f->fake, ND_FAKE_FEATURE_BATCH);
  {
    g_autofree char *body = g_strdup_printf ("{\"requests\":[{\"method\":\"POST\",\"path\":\"/wp/v2/posts/%" G_GINT64_FORMAT "\",\"body\":{\"title\":\"Batched\"}},"
                                             "{\"method\":\"POST\",\"path\":\"/wp/v2/posts/%" G_GINT64_FORMAT "\",\"body\":{\"title\":\"Batched\"}},"
                                             "{\"method\":\"POST\",\"path\":\"/wp/v2/posts/%" G_GINT64_FORMAT "/revisions\"}]}",
                                             id, id, id);
    g_autoptr(Reply) batch = request (f, "POST", "/wp-json/batch/v1", body);
    JsonArray *responses;

    g_assert_cmpuint (batch->status, ==, 207);
    responses = json_object_get_array_member (reply_object (batch), "responses");
    g_assert_cmpint (json_object_get_int_member (json_array_get_object_element (responses, 0), "status"), ==, 200);
    g_assert_cmpint (json_object_get_int_member (json_array_get_object_element (responses, 2), "status"), ==, 400);
  }
  g_assert_cmpuint (nd_fake_wordpress_count_revisions (f->fake, id), ==, 6);

  /* Trashing is an update without a text change: no revision; deleting
   * for good takes the revisions with the post. */
  {
    g_autofree char *path = post_path (id, NULL);
    g_autofree char *forced = post_path (id, "?force=true");
    g_autoptr(Reply) trashed = request (f, "DELETE", path, NULL);
    g_autoptr(Reply) deleted = NULL;
    g_autoptr(Reply) gone = NULL;

    g_assert_cmpuint (trashed->status, ==, 200);
    g_assert_cmpuint (nd_fake_wordpress_count_revisions (f->fake, id), ==, 6);
    deleted = request (f, "DELETE", forced, NULL);
    g_assert_cmpuint (deleted->status, ==, 200);
    g_assert_cmpuint (nd_fake_wordpress_count_revisions (f->fake, id), ==, 0);
    gone = get_revisions (f, id, NULL);
    assert_error (gone, 404, "rest_post_invalid_parent");
  }
}

static void
test_revisions_served (Fixture       *f,
                       gconstpointer  data)
{
  const char *uuid = "0b6f8e4c-8d7e-4a53-9d2e-5d1c1e2f3a4b";
  g_autofree char *create_body = g_strdup_printf ("{\"title\":\"One\",\"status\":\"publish\",\"content\":\"<!-- newsdesk:%s -->\\n<p>Body</p>\"}", uuid);
  g_autofree char *theirs = g_strdup_printf ("<!-- newsdesk:%s -->\n<p>Body, theirs</p>", uuid);
  gint64 id = create (f, create_body);
  gint64 other = create (f, "{\"title\":\"Other\"}");
  g_autoptr(Reply) all = NULL;
  g_autoptr(Reply) view = NULL;
  g_autoptr(Reply) page1 = NULL;
  g_autoptr(Reply) page2 = NULL;
  g_autoptr(Reply) page3 = NULL;
  g_autoptr(Reply) listed = NULL;
  g_autoptr(JsonNode) current = NULL;
  g_autoptr(GArray) found = NULL;
  g_auto(GStrv) edits = NULL;
  g_autofree char *slug = g_strdup_printf ("%" G_GINT64_FORMAT "-revision-v1", id);
  JsonArray *items;
  JsonObject *newest;
  gint64 last_id = 0;
  gint64 next;

  update (f, id, "{\"title\":\"Two\"}");
  update (f, id, "{\"title\":\"Three\",\"excerpt\":\"Short\"}");
  g_assert_true (nd_fake_wordpress_edit_post (f->fake, id, "content", theirs));
  g_assert_cmpuint (nd_fake_wordpress_count_revisions (f->fake, id), ==, 3);

  /* Neither revision route sets off the concurrent edit; the next GET of
   * the post itself does. */
  nd_fake_wordpress_fail_next (f->fake, ND_FAKE_FAULT_CONCURRENT_EDIT);
  {
    g_autoptr(Reply) list = get_revisions (f, id, NULL);
    g_autofree char *suffix = g_strdup_printf ("/%" G_GINT64_FORMAT, json_object_get_int_member (json_array_get_object_element (reply_array (list), 0), "id"));
    g_autoptr(Reply) one = get_revisions (f, id, suffix);
    g_autofree char *path = post_path (id, "?context=edit");
    g_autoptr(Reply) post = NULL;

    g_assert_cmpuint (list->status, ==, 200);
    g_assert_cmpuint (one->status, ==, 200);
    g_assert_cmpuint (nd_fake_wordpress_count_faults (f->fake, ND_FAKE_FAULT_CONCURRENT_EDIT), ==, 0);
    g_assert_cmpuint (nd_fake_wordpress_count_revisions (f->fake, id), ==, 3);
    post = request (f, "GET", path, NULL);
    g_assert_cmpuint (post->status, ==, 200);
    g_assert_cmpuint (nd_fake_wordpress_count_faults (f->fake, ND_FAKE_FAULT_CONCURRENT_EDIT), ==, 1);
    g_assert_cmpuint (nd_fake_wordpress_count_revisions (f->fake, id), ==, 4);
  }
  edits = nd_fake_wordpress_dup_other_edits (f->fake);
  g_assert_cmpuint (g_strv_length (edits), ==, 2);

  /* The whole list, newest first, in the edit context. */
  all = get_revisions (f, id, "?context=edit");
  g_assert_cmpuint (all->status, ==, 200);
  items = reply_array (all);
  g_assert_cmpuint (json_array_get_length (items), ==, 4);
  g_assert_cmpstr (soup_message_headers_get_one (all->headers, "X-WP-Total"), ==, "4");
  g_assert_cmpstr (soup_message_headers_get_one (all->headers, "X-WP-TotalPages"), ==, "1");
  current = nd_fake_wordpress_get_post_json (f->fake, id);
  newest = json_array_get_object_element (items, 0);
  /* The newest revision is the post as it is now, saved by the other user
   * at the post's modified time. */
  g_assert_cmpstr (raw (newest, "title"), ==, raw (json_node_get_object (current), "title"));
  g_assert_cmpstr (raw (newest, "excerpt"), ==, raw (json_node_get_object (current), "excerpt"));
  g_assert_cmpstr (raw (newest, "content"), ==, raw (json_node_get_object (current), "content"));
  g_assert_cmpstr (json_object_get_string_member (newest, "date_gmt"), ==,
                   json_object_get_string_member (json_node_get_object (current), "modified_gmt"));
  g_assert_cmpint (json_object_get_int_member (newest, "author"), ==, 2);
  for (unsigned int i = 0; i < json_array_get_length (items); i++)
    {
      JsonObject *item = json_array_get_object_element (items, i);
      gint64 rev_id = json_object_get_int_member (item, "id");
      g_autofree char *rev_path = post_path (rev_id, NULL);
      g_autoptr(Reply) as_post = request (f, "GET", rev_path, NULL);

      g_assert_cmpint (json_object_get_int_member (item, "parent"), ==, id);
      g_assert_cmpstr (json_object_get_string_member (item, "slug"), ==, slug);
      g_assert_true (json_object_has_member (item, "date"));
      g_assert_true (json_object_has_member (item, "modified_gmt"));
      g_assert_nonnull (json_object_get_string_member (json_object_get_object_member (item, "guid"), "rendered"));
      g_assert_nonnull (json_object_get_string_member (json_object_get_object_member (item, "content"), "rendered"));
      /* Ids come from the posts' counter but are no posts. */
      g_assert_cmpint (rev_id, >, other);
      g_assert_cmpint (rev_id, !=, id);
      assert_error (as_post, 404, "rest_post_invalid_id");
      if (i > 0)
        {
          JsonObject *newer = json_array_get_object_element (items, i - 1);

          g_assert_cmpstr (json_object_get_string_member (item, "date_gmt"), <,
                           json_object_get_string_member (newer, "date_gmt"));
          g_assert_cmpint (rev_id, <, json_object_get_int_member (newer, "id"));
        }
      last_id = MAX (last_id, rev_id);
    }
  /* Oldest first: the REST client's first update, by user 1. */
  g_assert_cmpint (json_object_get_int_member (json_array_get_object_element (items, 3), "author"), ==, 1);
  g_assert_cmpstr (raw (json_array_get_object_element (items, 3), "title"), ==, "Two");
  g_assert_cmpstr (raw (json_array_get_object_element (items, 2), "excerpt"), ==, "Short");
  g_assert_cmpint (json_object_get_int_member (json_array_get_object_element (items, 2), "author"), ==, 1);
  g_assert_cmpint (json_object_get_int_member (json_array_get_object_element (items, 1), "author"), ==, 2);
  next = create (f, "{\"title\":\"Next\"}");
  g_assert_cmpint (next, ==, last_id + 1);

  /* The view context has no raw fields. */
  view = get_revisions (f, id, NULL);
  newest = json_array_get_object_element (reply_array (view), 0);
  g_assert_false (json_object_has_member (json_object_get_object_member (newest, "title"), "raw"));
  g_assert_false (json_object_has_member (json_object_get_object_member (newest, "content"), "raw"));
  g_assert_nonnull (json_object_get_string_member (json_object_get_object_member (newest, "title"), "rendered"));

  /* Pages. */
  page1 = get_revisions (f, id, "?per_page=3&context=edit");
  page2 = get_revisions (f, id, "?per_page=3&page=2&context=edit");
  page3 = get_revisions (f, id, "?per_page=3&page=3");
  g_assert_cmpuint (json_array_get_length (reply_array (page1)), ==, 3);
  g_assert_cmpuint (json_array_get_length (reply_array (page2)), ==, 1);
  g_assert_cmpstr (soup_message_headers_get_one (page1->headers, "X-WP-Total"), ==, "4");
  g_assert_cmpstr (soup_message_headers_get_one (page1->headers, "X-WP-TotalPages"), ==, "2");
  g_assert_cmpstr (soup_message_headers_get_one (page2->headers, "X-WP-TotalPages"), ==, "2");
  g_assert_cmpint (json_object_get_int_member (json_array_get_object_element (reply_array (page1), 0), "id"), ==,
                   json_object_get_int_member (json_array_get_object_element (items, 0), "id"));
  g_assert_cmpint (json_object_get_int_member (json_array_get_object_element (reply_array (page2), 0), "id"), ==,
                   json_object_get_int_member (json_array_get_object_element (items, 3), "id"));
  assert_error (page3, 400, "rest_revision_invalid_page_number");

  /* One revision. */
  {
    JsonObject *second = json_array_get_object_element (items, 1);
    g_autofree char *suffix = g_strdup_printf ("/%" G_GINT64_FORMAT "?context=edit", json_object_get_int_member (second, "id"));
    g_autoptr(Reply) one = get_revisions (f, id, suffix);

    g_assert_cmpuint (one->status, ==, 200);
    g_assert_cmpint (json_object_get_int_member (reply_object (one), "id"), ==, json_object_get_int_member (second, "id"));
    g_assert_cmpstr (raw (reply_object (one), "content"), ==, raw (second, "content"));
  }

  /* Errors: a missing parent comes first, then the capability. */
  {
    g_autofree char *list_path = post_path (id, "/revisions");
    g_autofree char *one_suffix = g_strdup_printf ("/revisions/%" G_GINT64_FORMAT, last_id);
    g_autofree char *one_path = post_path (id, one_suffix);
    g_autoptr(Reply) anonymous = request_anonymous (f, "GET", list_path, NULL);
    g_autoptr(Reply) anonymous_edit = NULL;
    g_autoptr(Reply) anonymous_one = request_anonymous (f, "GET", one_path, NULL);
    g_autoptr(Reply) no_parent = request_anonymous (f, "GET", "/wp-json/wp/v2/posts/99999/revisions", NULL);
    g_autoptr(Reply) no_parent_auth = get_revisions (f, 99999, NULL);
    g_autoptr(Reply) no_revision = get_revisions (f, id, "/99999");
    g_autoptr(Reply) not_a_revision = NULL;
    g_autofree char *other_suffix = g_strdup_printf ("/%" G_GINT64_FORMAT, other);
    g_autofree char *edit_path = post_path (id, "/revisions?context=edit");

    anonymous_edit = request_anonymous (f, "GET", edit_path, NULL);
    not_a_revision = get_revisions (f, id, other_suffix);
    assert_error (anonymous, 401, "rest_cannot_read");
    assert_error (anonymous_edit, 401, "rest_cannot_read");
    assert_error (anonymous_one, 401, "rest_cannot_read");
    assert_error (no_parent, 404, "rest_post_invalid_parent");
    assert_error (no_parent_auth, 404, "rest_post_invalid_parent");
    assert_error (no_revision, 404, "rest_post_invalid_id");
    assert_error (not_a_revision, 404, "rest_post_invalid_id");
  }

  /* Revisions are no posts: not counted, listed or found by uuid. */
  g_assert_cmpuint (nd_fake_wordpress_count_posts (f->fake, NULL), ==, 3);
  listed = request (f, "GET", "/wp-json/wp/v2/posts?status=any&per_page=100", NULL);
  g_assert_cmpuint (json_array_get_length (reply_array (listed)), ==, 3);
  g_assert_cmpstr (soup_message_headers_get_one (listed->headers, "X-WP-Total"), ==, "3");
  found = nd_fake_wordpress_find_posts_by_uuid (f->fake, uuid);
  g_assert_cmpuint (found->len, ==, 1);
  g_assert_cmpint (g_array_index (found, gint64, 0), ==, id);
  g_assert_cmpuint (nd_fake_wordpress_count_revisions (f->fake, other), ==, 0);
}

/* Many clients at once: the server thread and the lock hold up. */
static gpointer
writer_thread (gpointer user_data)
{
  Fixture *f = user_data;
  g_autoptr(SoupSession) session = soup_session_new_with_options ("timeout", 10, NULL);
  Fixture mine = { f->fake, session };

  for (int i = 0; i < 25; i++)
    {
      g_autoptr(Reply) reply = request (&mine, "POST", "/wp-json/wp/v2/posts", "{\"title\":\"Parallel\",\"status\":\"publish\"}");

      g_assert_cmpuint (reply->status, ==, 201);
    }
  return NULL;
}

static void
test_concurrent_clients (Fixture       *f,
                         gconstpointer  data)
{
  GThread *threads[4];
  g_autoptr(Reply) all = NULL;
  g_autoptr(GHashTable) slugs = g_hash_table_new (g_str_hash, g_str_equal);
  JsonArray *array;

  for (unsigned int i = 0; i < G_N_ELEMENTS (threads); i++)
    threads[i] = g_thread_new ("writer", writer_thread, f);
  for (unsigned int i = 0; i < G_N_ELEMENTS (threads); i++)
    g_thread_join (threads[i]);
  g_assert_cmpuint (nd_fake_wordpress_count_posts (f->fake, "publish"), ==, 100);
  all = request (f, "GET", "/wp-json/wp/v2/posts?per_page=100&_fields=slug", NULL);
  array = reply_array (all);
  for (unsigned int i = 0; i < json_array_get_length (array); i++)
    g_hash_table_add (slugs, (gpointer) json_object_get_string_member (json_array_get_object_element (array, i), "slug"));
  g_assert_cmpuint (g_hash_table_size (slugs), ==, 100);
}

int
main (int   argc,
      char *argv[])
{
  g_test_init (&argc, &argv, NULL);

#define ADD(path, features, func) \
  g_test_add (path, Fixture, GUINT_TO_POINTER (features), fixture_set_up, func, fixture_tear_down)

  ADD ("/fake-wordpress/discovery", ND_FAKE_FEATURE_NONE, test_discovery);
  ADD ("/fake-wordpress/authentication", ND_FAKE_FEATURE_NONE, test_authentication);
  ADD ("/fake-wordpress/posts/crud", ND_FAKE_FEATURE_NONE, test_posts_crud);
  ADD ("/fake-wordpress/posts/list", ND_FAKE_FEATURE_NONE, test_posts_list);
  ADD ("/fake-wordpress/posts/scheduling", ND_FAKE_FEATURE_NONE, test_scheduling);
  ADD ("/fake-wordpress/posts/slugs", ND_FAKE_FEATURE_NONE, test_slugs);
  ADD ("/fake-wordpress/terms", ND_FAKE_FEATURE_NONE, test_terms);
  ADD ("/fake-wordpress/media", ND_FAKE_FEATURE_NONE, test_media);
  ADD ("/fake-wordpress/settings", ND_FAKE_FEATURE_NONE, test_settings);
  ADD ("/fake-wordpress/batch", ND_FAKE_FEATURE_NONE, test_batch);
  ADD ("/fake-wordpress/polylang", ND_FAKE_FEATURE_POLYLANG, test_polylang);
  ADD ("/fake-wordpress/plugin-meta", ND_FAKE_FEATURE_NEWSDESK_PLUGIN, test_plugin_meta);
  ADD ("/fake-wordpress/faults/errors", ND_FAKE_FEATURE_NONE, test_fault_errors);
  ADD ("/fake-wordpress/faults/lost-answer", ND_FAKE_FEATURE_NONE, test_fault_lost_answer);
  ADD ("/fake-wordpress/faults/truncated", ND_FAKE_FEATURE_NONE, test_fault_truncated);
  ADD ("/fake-wordpress/faults/slow", ND_FAKE_FEATURE_NONE, test_fault_slow);
  ADD ("/fake-wordpress/faults/concurrent-edit", ND_FAKE_FEATURE_NONE, test_fault_concurrent_edit);
  ADD ("/fake-wordpress/faults/random", ND_FAKE_FEATURE_NONE, test_fault_random);
  ADD ("/fake-wordpress/inspection", ND_FAKE_FEATURE_NONE, test_inspection);
  ADD ("/fake-wordpress/revisions/saved", ND_FAKE_FEATURE_NONE, test_revisions_saved);
  ADD ("/fake-wordpress/revisions/served", ND_FAKE_FEATURE_NONE, test_revisions_served);
  ADD ("/fake-wordpress/concurrent-clients", ND_FAKE_FEATURE_NONE, test_concurrent_clients);

#undef ADD

  return g_test_run ();
}
