/* test-wordpress-remote.c
 *
 * SPDX-License-Identifier: GPL-3.0-or-later
 */

#include "config.h"

#include <string.h>

#include <glib/gstdio.h>
#include <libsoup/soup.h>

#include "nd-fake-wordpress.h"
#include "nd-wordpress-remote.h"

/* The client against real HTTP: small SoupServers and raw sockets on
 * 127.0.0.1 for the error paths, the fake WordPress for the happy paths. */

#define PASSWORD "s3cr3t-Pa55 word"
#define UUID_A "0b8f6f7e-7a44-4c1e-9d59-2f3a6c1b9e11"
#define UUID_B "6a1f2e3d-4c5b-4a69-8877-665544332211"

/* Waiting ------------------------------------------------------------------ */

static void
got_result_cb (GObject      *object,
               GAsyncResult *result,
               gpointer      user_data)
{
  GAsyncResult **out = user_data;

  *out = g_object_ref (result);
}

static GAsyncResult *
wait_for (GAsyncResult **result)
{
  while (*result == NULL)
    g_main_context_iteration (NULL, TRUE);
  return *result;
}

#define RUN(result, call) \
  G_STMT_START { g_clear_object (&result); call; wait_for (&result); } G_STMT_END

static void
assert_no_password (const GError *error)
{
  g_assert_nonnull (error);
  g_assert_null (strstr (error->message, PASSWORD));
  g_assert_null (strstr (error->message, "s3cr3t"));
}

/* A SoupServer on the test's main context ------------------------------------ */

typedef struct
{
  SoupServer *server;
  char       *url;
  GHashTable *last_query;
  char       *last_path;
  char       *last_authorization;
} TestServer;

static TestServer *
test_server_new (SoupServerCallback  callback,
                 gpointer            user_data)
{
  TestServer *ts = g_new0 (TestServer, 1);
  g_autoptr(GError) error = NULL;
  GSList *uris;
  g_autofree char *url = NULL;

  ts->server = soup_server_new (NULL, NULL);
  soup_server_add_handler (ts->server, NULL, callback, user_data != NULL ? user_data : ts, NULL);
  soup_server_listen_local (ts->server, 0, SOUP_SERVER_LISTEN_IPV4_ONLY, &error);
  g_assert_no_error (error);
  uris = soup_server_get_uris (ts->server);
  url = g_uri_to_string (uris->data);
  g_slist_free_full (uris, (GDestroyNotify) g_uri_unref);
  ts->url = g_strndup (url, strlen (url) - (g_str_has_suffix (url, "/") ? 1 : 0));
  return ts;
}

static void
test_server_free (TestServer *ts)
{
  soup_server_disconnect (ts->server);
  g_clear_object (&ts->server);
  g_clear_pointer (&ts->last_query, g_hash_table_unref);
  g_free (ts->last_path);
  g_free (ts->last_authorization);
  g_free (ts->url);
  g_free (ts);
}

G_DEFINE_AUTOPTR_CLEANUP_FUNC (TestServer, test_server_free)

static NdWordpressRemote *
remote_for (const char *url,
            const char *password)
{
  g_autoptr(GError) error = NULL;
  NdWordpressRemote *remote = nd_wordpress_remote_new (url, ND_FAKE_WORDPRESS_USER, password, &error);

  g_assert_no_error (error);
  g_assert_nonnull (remote);
  nd_wordpress_remote_set_timeout (remote, 5);
  return remote;
}

static void
respond (SoupServerMessage *msg,
         guint              status,
         const char        *content_type,
         const char        *body)
{
  soup_server_message_set_status (msg, status, NULL);
  soup_server_message_set_response (msg, content_type, SOUP_MEMORY_COPY, body, strlen (body));
}

/* An ordinary web site that is not WordPress. */
static void
html_site_cb (SoupServer        *server,
              SoupServerMessage *msg,
              const char        *path,
              GHashTable        *query,
              gpointer           user_data)
{
  if (g_str_equal (path, "/"))
    respond (msg, 200, "text/html", "<!DOCTYPE html><html><body><h1>My bakery</h1></body></html>");
  else
    respond (msg, 404, "text/html", "<!DOCTYPE html><html><body><h1>Not found</h1></body></html>");
}

/* A WordPress without pretty permalinks: no /wp-json/, the front page's
 * Link header names `?rest_route=/`. */
static void
plain_permalinks_cb (SoupServer        *server,
                     SoupServerMessage *msg,
                     const char        *path,
                     GHashTable        *query,
                     gpointer           user_data)
{
  TestServer *ts = user_data;
  const char *route = query != NULL ? g_hash_table_lookup (query, "rest_route") : NULL;

  g_clear_pointer (&ts->last_query, g_hash_table_unref);
  if (query != NULL)
    ts->last_query = g_hash_table_ref (query);

  if (g_str_equal (path, "/") && route == NULL)
    {
      g_autofree char *link = g_strdup_printf ("<%s/?rest_route=/>; rel=\"https://api.w.org/\"", ts->url);

      soup_message_headers_append (soup_server_message_get_response_headers (msg), "Link", link);
      respond (msg, 200, "text/html", "<html><body>Blog</body></html>");
    }
  else if (g_str_equal (path, "/") && g_str_equal (route, "/"))
    respond (msg, 200, "application/json",
             "{\"name\":\"Plain\",\"url\":\"x\",\"home\":\"x\",\"namespaces\":[\"oembed/1.0\",\"wp/v2\"],"
             "\"timezone_string\":\"Europe/Paris\",\"gmt_offset\":1}");
  else if (g_str_equal (path, "/") && g_str_equal (route, "/wp/v2/users/me"))
    respond (msg, 200, "application/json", "{\"id\":4,\"name\":\"Ann\",\"slug\":\"ann\"}");
  else
    respond (msg, 404, "text/html", "<html>404</html>");
}

static void
test_not_wordpress (void)
{
  g_autoptr(TestServer) ts = test_server_new (html_site_cb, NULL);
  g_autoptr(NdWordpressRemote) remote = remote_for (ts->url, PASSWORD);
  g_autoptr(GAsyncResult) result = NULL;
  g_autoptr(GError) error = NULL;
  g_autoptr(NdWpSiteInfo) info = NULL;

  RUN (result, nd_remote_discover_async (ND_REMOTE (remote), NULL, got_result_cb, &result));
  info = nd_remote_discover_finish (ND_REMOTE (remote), result, &error);
  g_assert_null (info);
  g_assert_error (error, ND_REMOTE_ERROR, ND_REMOTE_ERROR_NOT_WORDPRESS);
  assert_no_password (error);
}

static void
test_discover_link (void)
{
  g_autoptr(TestServer) ts = test_server_new (plain_permalinks_cb, NULL);
  g_autoptr(NdWordpressRemote) remote = remote_for (ts->url, PASSWORD);
  g_autoptr(GAsyncResult) result = NULL;
  g_autoptr(GError) error = NULL;
  g_autoptr(NdWpSiteInfo) info = NULL;
  g_autoptr(NdWpUser) user = NULL;

  RUN (result, nd_remote_discover_async (ND_REMOTE (remote), NULL, got_result_cb, &result));
  info = nd_remote_discover_finish (ND_REMOTE (remote), result, &error);
  g_assert_no_error (error);
  g_assert_cmpstr (info->name, ==, "Plain");
  g_assert_cmpstr (info->timezone_string, ==, "Europe/Paris");
  g_assert_true (g_str_has_suffix (info->api_root, "/?rest_route=/"));
  g_assert_cmpstr (nd_wordpress_remote_get_api_root (remote), ==, info->api_root);

  /* Later requests put the route into rest_route and keep their query. */
  RUN (result, nd_remote_check_auth_async (ND_REMOTE (remote), NULL, got_result_cb, &result));
  user = nd_remote_check_auth_finish (ND_REMOTE (remote), result, &error);
  g_assert_no_error (error);
  g_assert_cmpint (user->id, ==, 4);
  g_assert_cmpstr (g_hash_table_lookup (ts->last_query, "context"), ==, "edit");
}

/* Canned answers, by path. */
typedef struct
{
  guint       status;
  const char *content_type;
  const char *body;
  const char *header_name;
  const char *header_value;
} Canned;

static void
canned_cb (SoupServer        *server,
           SoupServerMessage *msg,
           const char        *path,
           GHashTable        *query,
           gpointer           user_data)
{
  const Canned *canned = user_data;

  if (canned->header_name != NULL)
    soup_message_headers_append (soup_server_message_get_response_headers (msg),
                                 canned->header_name, canned->header_value);
  respond (msg, canned->status, canned->content_type, canned->body);
}

static GError *
get_post_error (const Canned *canned,
                gsize         max_size)
{
  g_autoptr(TestServer) ts = test_server_new (canned_cb, (gpointer) canned);
  g_autoptr(NdWordpressRemote) remote = remote_for (ts->url, PASSWORD);
  g_autoptr(GAsyncResult) result = NULL;
  g_autoptr(NdWpPost) post = NULL;
  GError *error = NULL;

  if (max_size > 0)
    nd_wordpress_remote_set_max_size (remote, max_size);
  RUN (result, nd_remote_get_post_async (ND_REMOTE (remote), 12, NULL, got_result_cb, &result));
  post = nd_remote_get_post_finish (ND_REMOTE (remote), result, &error);
  g_assert_null (post);
  g_assert_nonnull (error);
  assert_no_password (error);
  return error;
}

static void
test_http_errors (void)
{
  const struct {
    Canned canned;
    int code;
    const char *wp_code;
  } cases[] = {
    { { 401, "application/json", "{\"code\":\"incorrect_password\",\"message\":\"The provided password is an invalid application password.\",\"data\":{\"status\":401}}" },
      ND_REMOTE_ERROR_AUTH_FAILED, "incorrect_password" },
    { { 401, "application/json", "{\"code\":\"rest_forbidden_context\",\"message\":\"Sorry, you are not allowed to edit this post.\",\"data\":{\"status\":401}}" },
      ND_REMOTE_ERROR_AUTH_FAILED, "rest_forbidden_context" },
    { { 403, "application/json", "{\"code\":\"rest_forbidden_context\",\"message\":\"Sorry, you are not allowed to edit this post.\",\"data\":{\"status\":403}}" },
      ND_REMOTE_ERROR_FORBIDDEN, "rest_forbidden_context" },
    { { 404, "application/json", "{\"code\":\"rest_post_invalid_id\",\"message\":\"Invalid post ID.\",\"data\":{\"status\":404}}" },
      ND_REMOTE_ERROR_NOT_FOUND, "rest_post_invalid_id" },
    { { 410, "application/json", "{\"code\":\"rest_already_trashed\",\"message\":\"The post has already been deleted.\",\"data\":{\"status\":410}}" },
      ND_REMOTE_ERROR_NOT_FOUND, "rest_already_trashed" },
    { { 500, "text/html", "<html><body>There has been a critical error on this website.</body></html>" },
      ND_REMOTE_ERROR_SERVER, NULL },
    { { 502, "text/html", "<html>Bad gateway</html>" },
      ND_REMOTE_ERROR_SERVER, NULL },
    { { 400, "application/json", "{\"code\":\"rest_invalid_param\",\"message\":\"Invalid parameter(s): status\",\"data\":{\"status\":400}}" },
      ND_REMOTE_ERROR_SERVER, "rest_invalid_param" },
    { { 301, "text/html", "moved", "Location", "https://elsewhere.example/" },
      ND_REMOTE_ERROR_SERVER, NULL },
    /* Answers that are not the JSON expected. */
    { { 200, "application/json", "{\"id\":12,\"title\":{\"raw\":\"Cut" }, ND_REMOTE_ERROR_MALFORMED, NULL },
    { { 200, "text/html", "<!DOCTYPE html><html><body>Hello</body></html>" }, ND_REMOTE_ERROR_MALFORMED, NULL },
    { { 200, "application/json", "[1,2,3]" }, ND_REMOTE_ERROR_MALFORMED, NULL },
    { { 200, "application/json", "{\"id\":\"12\"}" }, ND_REMOTE_ERROR_MALFORMED, NULL },
  };

  for (guint i = 0; i < G_N_ELEMENTS (cases); i++)
    {
      g_autoptr(GError) error = get_post_error (&cases[i].canned, 0);

      g_test_message ("case %u: %s", i, error->message);
      g_assert_error (error, ND_REMOTE_ERROR, cases[i].code);
      g_assert_cmpstr (nd_remote_error_get_wp_code (error), ==, cases[i].wp_code);
      if (cases[i].code != ND_REMOTE_ERROR_MALFORMED)
        g_assert_cmpuint (nd_remote_error_get_http_status (error), ==, cases[i].canned.status);
    }
}

static void
test_rate_limited (void)
{
  Canned seconds = { 429, "application/json", "{\"code\":\"too_many\",\"message\":\"Slow down\"}", "Retry-After", "7" };
  g_autoptr(GDateTime) now = g_date_time_new_now_utc ();
  g_autoptr(GDateTime) later = g_date_time_add_seconds (now, 120);
  g_autofree char *date = soup_date_time_to_string (later, SOUP_DATE_HTTP);
  Canned http_date = { 503, "text/html", "<html>Maintenance</html>", "Retry-After", date };
  Canned none = { 503, "text/html", "<html>Maintenance</html>" };
  g_autoptr(GError) first = get_post_error (&seconds, 0);
  g_autoptr(GError) second = get_post_error (&http_date, 0);
  g_autoptr(GError) third = get_post_error (&none, 0);

  g_assert_error (first, ND_REMOTE_ERROR, ND_REMOTE_ERROR_RATE_LIMITED);
  g_assert_cmpuint (nd_remote_error_get_retry_after (first), ==, 7);
  g_assert_cmpuint (nd_remote_error_get_http_status (first), ==, 429);
  g_assert_true (nd_remote_error_is_transient (first));

  g_assert_error (second, ND_REMOTE_ERROR, ND_REMOTE_ERROR_RATE_LIMITED);
  g_assert_cmpuint (nd_remote_error_get_retry_after (second), >=, 100);
  g_assert_cmpuint (nd_remote_error_get_retry_after (second), <=, 121);

  g_assert_error (third, ND_REMOTE_ERROR, ND_REMOTE_ERROR_RATE_LIMITED);
  g_assert_cmpuint (nd_remote_error_get_retry_after (third), ==, 0);

  /* The extra fields survive a copy, as through a GTask. */
  {
    g_autoptr(GError) copy = g_error_copy (first);

    g_assert_cmpuint (nd_remote_error_get_retry_after (copy), ==, 7);
    g_assert_cmpstr (nd_remote_error_get_wp_code (copy), ==, "too_many");
  }
}

static void
test_too_large (void)
{
  g_autofree char *big = g_strnfill (300 * 1024, ' ');
  Canned canned = { 200, "application/json", NULL };
  g_autoptr(GError) error = NULL;

  /* A valid post, padded: the size alone makes it fail. */
  big[0] = '{';
  big[300 * 1024 - 1] = '}';
  canned.body = big;
  error = get_post_error (&canned, 100 * 1024);
  g_assert_error (error, ND_REMOTE_ERROR, ND_REMOTE_ERROR_TOO_LARGE);
}

/* A chunked answer has no length to check up front: the cap applies while
 * reading. */
static void
chunked_cb (SoupServer        *server,
            SoupServerMessage *msg,
            const char        *path,
            GHashTable        *query,
            gpointer           user_data)
{
  SoupMessageBody *body = soup_server_message_get_response_body (msg);
  g_autofree char *chunk = g_strnfill (64 * 1024, ' ');

  soup_message_headers_set_encoding (soup_server_message_get_response_headers (msg), SOUP_ENCODING_CHUNKED);
  soup_server_message_set_status (msg, 200, NULL);
  for (int i = 0; i < 40; i++)
    soup_message_body_append (body, SOUP_MEMORY_COPY, chunk, strlen (chunk));
  soup_message_body_complete (body);
}

static void
test_too_large_chunked (void)
{
  g_autoptr(TestServer) ts = test_server_new (chunked_cb, NULL);
  g_autoptr(NdWordpressRemote) remote = remote_for (ts->url, PASSWORD);
  g_autoptr(GAsyncResult) result = NULL;
  g_autoptr(GError) error = NULL;
  g_autoptr(NdWpPost) post = NULL;

  nd_wordpress_remote_set_max_size (remote, 1024 * 1024);
  RUN (result, nd_remote_get_post_async (ND_REMOTE (remote), 3, NULL, got_result_cb, &result));
  post = nd_remote_get_post_finish (ND_REMOTE (remote), result, &error);
  g_assert_null (post);
  g_assert_error (error, ND_REMOTE_ERROR, ND_REMOTE_ERROR_TOO_LARGE);
}

/* A server that echoes the credentials back in its error message. */
static void
echo_cb (SoupServer        *server,
         SoupServerMessage *msg,
         const char        *path,
         GHashTable        *query,
         gpointer           user_data)
{
  TestServer *ts = user_data;
  const char *authorization = soup_message_headers_get_one (soup_server_message_get_request_headers (msg),
                                                            "Authorization");
  g_autofree char *body = NULL;

  g_free (ts->last_authorization);
  ts->last_authorization = g_strdup (authorization);
  body = g_strdup_printf ("{\"code\":\"rest_invalid_param\",\"message\":\"Bad login %s / " PASSWORD "\"}",
                          authorization != NULL ? authorization : "");
  respond (msg, 400, "application/json", body);
}

static void
test_no_password_in_messages (void)
{
  g_autoptr(TestServer) ts = test_server_new (echo_cb, NULL);
  g_autoptr(NdWordpressRemote) remote = remote_for (ts->url, PASSWORD);
  g_autoptr(GAsyncResult) result = NULL;
  g_autoptr(GError) error = NULL;
  g_autoptr(NdWpPost) post = NULL;
  g_autofree char *pair = g_strconcat (ND_FAKE_WORDPRESS_USER, ":", PASSWORD, NULL);
  g_autofree char *encoded = g_base64_encode ((const guchar *) pair, strlen (pair));
  g_autofree char *expected = g_strconcat ("Basic ", encoded, NULL);

  RUN (result, nd_remote_get_post_async (ND_REMOTE (remote), 1, NULL, got_result_cb, &result));
  post = nd_remote_get_post_finish (ND_REMOTE (remote), result, &error);
  g_assert_error (error, ND_REMOTE_ERROR, ND_REMOTE_ERROR_SERVER);
  /* The credentials were sent, as Basic authentication… */
  g_assert_cmpstr (ts->last_authorization, ==, expected);
  /* …and do not come back in the message, in either form. */
  assert_no_password (error);
  g_assert_null (strstr (error->message, encoded));
  g_assert_nonnull (strstr (error->message, "Bad login"));
}

/* Raw sockets: answers libsoup's server would never send ------------------- */

typedef struct
{
  GSocket    *socket;
  guint16     port;
  GThread    *thread;
  const char *answer;
  guint       delay_ms;
} RawServer;

static gpointer
raw_server_thread (gpointer data)
{
  RawServer *rs = data;
  g_autoptr(GSocket) client = g_socket_accept (rs->socket, NULL, NULL);
  g_autoptr(GString) request = g_string_new (NULL);
  char buffer[4096];

  if (client == NULL)
    return NULL;

  while (strstr (request->str, "\r\n\r\n") == NULL)
    {
      gssize n = g_socket_receive (client, buffer, sizeof buffer, NULL, NULL);

      if (n <= 0)
        return NULL;
      g_string_append_len (request, buffer, n);
    }

  if (rs->delay_ms > 0)
    g_usleep (rs->delay_ms * 1000);
  if (rs->answer != NULL)
    g_socket_send (client, rs->answer, strlen (rs->answer), NULL, NULL);
  g_socket_close (client, NULL);
  return NULL;
}

static RawServer *
raw_server_new (const char *answer,
                guint       delay_ms)
{
  RawServer *rs = g_new0 (RawServer, 1);
  g_autoptr(GInetAddress) loopback = g_inet_address_new_loopback (G_SOCKET_FAMILY_IPV4);
  g_autoptr(GSocketAddress) address = g_inet_socket_address_new (loopback, 0);
  g_autoptr(GSocketAddress) bound = NULL;
  g_autoptr(GError) error = NULL;

  rs->answer = answer;
  rs->delay_ms = delay_ms;
  rs->socket = g_socket_new (G_SOCKET_FAMILY_IPV4, G_SOCKET_TYPE_STREAM, G_SOCKET_PROTOCOL_TCP, &error);
  g_assert_no_error (error);
  g_socket_bind (rs->socket, address, TRUE, &error);
  g_assert_no_error (error);
  g_socket_listen (rs->socket, &error);
  g_assert_no_error (error);
  bound = g_socket_get_local_address (rs->socket, &error);
  rs->port = g_inet_socket_address_get_port (G_INET_SOCKET_ADDRESS (bound));
  rs->thread = g_thread_new ("raw-server", raw_server_thread, rs);
  return rs;
}

static void
raw_server_free (RawServer *rs)
{
  g_thread_join (rs->thread);
  g_socket_close (rs->socket, NULL);
  g_clear_object (&rs->socket);
  g_free (rs);
}

static GError *
raw_get_post_error (const char *answer,
                    guint       delay_ms,
                    guint       timeout)
{
  RawServer *rs = raw_server_new (answer, delay_ms);
  g_autofree char *url = g_strdup_printf ("http://127.0.0.1:%u", rs->port);
  g_autoptr(NdWordpressRemote) remote = remote_for (url, PASSWORD);
  g_autoptr(GAsyncResult) result = NULL;
  g_autoptr(NdWpPost) post = NULL;
  GError *error = NULL;

  nd_wordpress_remote_set_timeout (remote, timeout);
  RUN (result, nd_remote_get_post_async (ND_REMOTE (remote), 12, NULL, got_result_cb, &result));
  post = nd_remote_get_post_finish (ND_REMOTE (remote), result, &error);
  g_assert_null (post);
  g_clear_object (&remote);
  raw_server_free (rs);
  return error;
}

static void
test_connection_closed (void)
{
  /* The headers promise more than comes: the answer is lost mid-way. */
  g_autoptr(GError) cut = raw_get_post_error ("HTTP/1.1 200 OK\r\nContent-Type: application/json\r\n"
                                              "Content-Length: 5000\r\n\r\n{\"id\":12,\"ti", 0, 5);
  /* Closed before any answer, after the request went out. */
  g_autoptr(GError) nothing = raw_get_post_error (NULL, 0, 5);

  g_assert_error (cut, ND_REMOTE_ERROR, ND_REMOTE_ERROR_NETWORK);
  g_assert_error (nothing, ND_REMOTE_ERROR, ND_REMOTE_ERROR_NETWORK);
  g_assert_true (nd_remote_error_is_transient (nothing));
}

static void
test_timeout (void)
{
  gint64 start = g_get_monotonic_time ();
  g_autoptr(GError) error = raw_get_post_error ("HTTP/1.1 200 OK\r\nContent-Length: 2\r\n\r\n{}", 2500, 1);
  gint64 elapsed = g_get_monotonic_time () - start;

  g_assert_error (error, ND_REMOTE_ERROR, ND_REMOTE_ERROR_TIMEOUT);
  /* The thread's 2.5 s are in there; the client gave up long before. */
  g_assert_cmpint (elapsed, <, 10 * G_TIME_SPAN_SECOND);
}

static void
test_refused (void)
{
  /* Bind a port, then close it: nobody listens there. */
  RawServer *rs = raw_server_new (NULL, 0);
  guint16 port = rs->port;
  g_autofree char *url = NULL;
  g_autoptr(NdWordpressRemote) remote = NULL;
  g_autoptr(GAsyncResult) result = NULL;
  g_autoptr(GError) error = NULL;
  g_autoptr(NdWpPost) post = NULL;
  g_autoptr(GSocketClient) poke = g_socket_client_new ();
  g_autoptr(GSocketConnection) connection = NULL;

  /* Let the thread end by connecting once. */
  connection = g_socket_client_connect_to_host (poke, "127.0.0.1", port, NULL, NULL);
  g_clear_object (&connection);
  raw_server_free (rs);

  url = g_strdup_printf ("http://127.0.0.1:%u", port);
  remote = remote_for (url, PASSWORD);
  RUN (result, nd_remote_get_post_async (ND_REMOTE (remote), 12, NULL, got_result_cb, &result));
  post = nd_remote_get_post_finish (ND_REMOTE (remote), result, &error);
  g_assert_error (error, ND_REMOTE_ERROR, ND_REMOTE_ERROR_NETWORK);
}

static void
test_cancelled (void)
{
  RawServer *rs = raw_server_new ("HTTP/1.1 200 OK\r\nContent-Length: 2\r\n\r\n{}", 1500);
  g_autofree char *url = g_strdup_printf ("http://127.0.0.1:%u", rs->port);
  g_autoptr(NdWordpressRemote) remote = remote_for (url, PASSWORD);
  g_autoptr(GCancellable) cancellable = g_cancellable_new ();
  g_autoptr(GAsyncResult) result = NULL;
  g_autoptr(GError) error = NULL;
  g_autoptr(NdWpPost) post = NULL;

  nd_remote_get_post_async (ND_REMOTE (remote), 12, cancellable, got_result_cb, &result);
  g_timeout_add_once (200, (GSourceOnceFunc) g_cancellable_cancel, cancellable);
  wait_for (&result);
  post = nd_remote_get_post_finish (ND_REMOTE (remote), result, &error);
  g_assert_error (error, ND_REMOTE_ERROR, ND_REMOTE_ERROR_CANCELLED);
  g_clear_object (&remote);
  raw_server_free (rs);
}

/* TLS ------------------------------------------------------------------------ */

static void
hello_cb (SoupServer        *server,
          SoupServerMessage *msg,
          const char        *path,
          GHashTable        *query,
          gpointer           user_data)
{
  respond (msg, 200, "application/json", "{\"id\":1,\"name\":\"Ann\",\"slug\":\"ann\"}");
}

static void
test_tls (void)
{
  g_autofree char *dir = g_dir_make_tmp ("nd-tls-XXXXXX", NULL);
  g_autofree char *cert_path = g_build_filename (dir, "cert.pem", NULL);
  g_autofree char *key_path = g_build_filename (dir, "key.pem", NULL);
  g_autofree char *openssl = g_find_program_in_path ("openssl");
  const char *argv[] = { openssl, "req", "-x509", "-newkey", "ec", "-pkeyopt", "ec_paramgen_curve:prime256v1",
                         "-nodes", "-keyout", key_path, "-out", cert_path, "-days", "2", "-subj", "/CN=127.0.0.1",
                         "-addext", "subjectAltName=IP:127.0.0.1", NULL };
  g_autoptr(GError) error = NULL;
  g_autoptr(GTlsCertificate) certificate = NULL;
  g_autoptr(SoupServer) server = NULL;
  g_autoptr(NdWordpressRemote) remote = NULL;
  g_autoptr(GTlsDatabase) database = NULL;
  g_autoptr(GAsyncResult) result = NULL;
  g_autoptr(NdWpUser) user = NULL;
  g_autofree char *url = NULL;
  GSList *uris;
  int status = 0;

  if (openssl == NULL)
    {
      g_test_skip ("openssl is needed to make a test certificate");
      return;
    }

  g_spawn_sync (NULL, (char **) argv, NULL, G_SPAWN_STDOUT_TO_DEV_NULL | G_SPAWN_STDERR_TO_DEV_NULL,
                NULL, NULL, NULL, NULL, &status, &error);
  g_assert_no_error (error);
  g_assert_true (g_spawn_check_wait_status (status, NULL));
  certificate = g_tls_certificate_new_from_files (cert_path, key_path, &error);
  g_assert_no_error (error);

  server = soup_server_new ("tls-certificate", certificate, NULL);
  soup_server_add_handler (server, NULL, hello_cb, NULL, NULL);
  soup_server_listen_local (server, 0, SOUP_SERVER_LISTEN_IPV4_ONLY | SOUP_SERVER_LISTEN_HTTPS, &error);
  g_assert_no_error (error);
  uris = soup_server_get_uris (server);
  url = g_strdup_printf ("https://127.0.0.1:%d", g_uri_get_port (uris->data));
  g_slist_free_full (uris, (GDestroyNotify) g_uri_unref);

  /* A certificate nobody vouches for is refused, and nothing is read. */
  remote = remote_for (url, PASSWORD);
  RUN (result, nd_remote_check_auth_async (ND_REMOTE (remote), NULL, got_result_cb, &result));
  user = nd_remote_check_auth_finish (ND_REMOTE (remote), result, &error);
  g_assert_null (user);
  g_assert_error (error, ND_REMOTE_ERROR, ND_REMOTE_ERROR_TLS);
  assert_no_password (error);
  g_clear_error (&error);

  /* The same server is fine once its certificate is trusted: the error was
   * about trust, not about TLS working at all. */
  database = g_tls_file_database_new (cert_path, &error);
  g_assert_no_error (error);
  g_clear_object (&remote);
  remote = remote_for (url, PASSWORD);
  nd_wordpress_remote_set_tls_database (remote, database);
  RUN (result, nd_remote_check_auth_async (ND_REMOTE (remote), NULL, got_result_cb, &result));
  user = nd_remote_check_auth_finish (ND_REMOTE (remote), result, &error);
  g_assert_no_error (error);
  g_assert_cmpint (user->id, ==, 1);

  soup_server_disconnect (server);
  g_unlink (cert_path);
  g_unlink (key_path);
  g_rmdir (dir);
}

/* Addresses ------------------------------------------------------------------ */

static void
test_urls (void)
{
  const struct { const char *url; int code; } cases[] = {
    { "", ND_REMOTE_ERROR_INVALID_URL },
    { "not a url", ND_REMOTE_ERROR_INVALID_URL },
    { "ftp://example.org", ND_REMOTE_ERROR_INVALID_URL },
    { "https://user:pw@example.org", ND_REMOTE_ERROR_INVALID_URL },
    { "https://", ND_REMOTE_ERROR_INVALID_URL },
    { "http://example.org", ND_REMOTE_ERROR_INSECURE_URL },
    { "http://10.0.0.1/blog", ND_REMOTE_ERROR_INSECURE_URL },
    { "http://127.0.0.1.example.org/", ND_REMOTE_ERROR_INSECURE_URL },
    { "https://example.org/news/", -1 },
    { "http://localhost:8080", -1 },
    { "http://127.0.0.1:8080/", -1 },
    { "http://[::1]:8080", -1 },
  };

  for (guint i = 0; i < G_N_ELEMENTS (cases); i++)
    {
      g_autoptr(GError) error = NULL;
      g_autoptr(NdWordpressRemote) remote = nd_wordpress_remote_new (cases[i].url, "editor", PASSWORD, &error);

      if (cases[i].code < 0)
        {
          g_assert_no_error (error);
          g_assert_nonnull (remote);
          g_assert_false (g_str_has_suffix (nd_wordpress_remote_get_site_url (remote), "/"));
          g_assert_true (g_str_has_suffix (nd_wordpress_remote_get_api_root (remote), "/wp-json/"));
        }
      else
        {
          g_assert_null (remote);
          g_assert_error (error, ND_REMOTE_ERROR, cases[i].code);
          assert_no_password (error);
        }
    }

  {
    g_autoptr(NdWordpressRemote) remote = nd_wordpress_remote_new ("https://example.org/news/", NULL, NULL, NULL);

    g_assert_cmpstr (nd_wordpress_remote_get_site_url (remote), ==, "https://example.org/news");
    g_assert_cmpstr (nd_wordpress_remote_get_api_root (remote), ==, "https://example.org/news/wp-json/");
  }
}

/* Against the fake WordPress --------------------------------------------------- */

static NdWordpressRemote *
fake_remote (NdFakeWordpress *fake)
{
  return remote_for (nd_fake_wordpress_get_url (fake), ND_FAKE_WORDPRESS_PASSWORD);
}

static void
test_fake_discover (void)
{
  g_autoptr(NdFakeWordpress) full = nd_fake_wordpress_new (ND_FAKE_FEATURE_BATCH | ND_FAKE_FEATURE_POLYLANG |
                                                           ND_FAKE_FEATURE_NEWSDESK_PLUGIN);
  g_autoptr(NdFakeWordpress) bare = nd_fake_wordpress_new (ND_FAKE_FEATURE_NONE);
  g_autoptr(NdWordpressRemote) remote = fake_remote (full);
  g_autoptr(NdWordpressRemote) bare_remote = fake_remote (bare);
  g_autoptr(GAsyncResult) result = NULL;
  g_autoptr(GError) error = NULL;
  g_autoptr(NdWpSiteInfo) info = NULL;
  g_autoptr(NdWpSiteInfo) bare_info = NULL;
  g_autofree char *root = nd_fake_wordpress_dup_api_root (full);

  RUN (result, nd_remote_discover_async (ND_REMOTE (remote), NULL, got_result_cb, &result));
  info = nd_remote_discover_finish (ND_REMOTE (remote), result, &error);
  g_assert_no_error (error);
  g_assert_cmpstr (info->name, ==, "Newsdesk Test Site");
  g_assert_cmpstr (info->api_root, ==, root);
  g_assert_true (info->has_batch);
  g_assert_true (info->has_polylang);
  g_assert_true (info->has_newsdesk_plugin);
  g_assert_true (nd_wordpress_remote_get_has_plugin (remote));

  RUN (result, nd_remote_discover_async (ND_REMOTE (bare_remote), NULL, got_result_cb, &result));
  bare_info = nd_remote_discover_finish (ND_REMOTE (bare_remote), result, &error);
  g_assert_no_error (error);
  g_assert_false (bare_info->has_batch || bare_info->has_polylang || bare_info->has_newsdesk_plugin);
  g_assert_false (nd_wordpress_remote_get_has_plugin (bare_remote));
}

static void
test_fake_auth_and_settings (void)
{
  g_autoptr(NdFakeWordpress) fake = nd_fake_wordpress_new (ND_FAKE_FEATURE_NONE);
  g_autoptr(NdWordpressRemote) remote = fake_remote (fake);
  g_autoptr(NdWordpressRemote) wrong = remote_for (nd_fake_wordpress_get_url (fake), PASSWORD);
  g_autoptr(GAsyncResult) result = NULL;
  g_autoptr(GError) error = NULL;
  g_autoptr(NdWpUser) user = NULL;
  g_autoptr(NdWpSiteInfo) settings = NULL;

  RUN (result, nd_remote_check_auth_async (ND_REMOTE (remote), NULL, got_result_cb, &result));
  user = nd_remote_check_auth_finish (ND_REMOTE (remote), result, &error);
  g_assert_no_error (error);
  g_assert_cmpint (user->id, ==, 1);
  g_clear_pointer (&user, nd_wp_user_free);

  RUN (result, nd_remote_check_auth_async (ND_REMOTE (wrong), NULL, got_result_cb, &result));
  user = nd_remote_check_auth_finish (ND_REMOTE (wrong), result, &error);
  g_assert_null (user);
  g_assert_error (error, ND_REMOTE_ERROR, ND_REMOTE_ERROR_AUTH_FAILED);
  assert_no_password (error);
  g_clear_error (&error);

  nd_fake_wordpress_set_timezone (fake, "Asia/Kolkata", 5.5);
  RUN (result, nd_remote_get_settings_async (ND_REMOTE (remote), NULL, got_result_cb, &result));
  settings = nd_remote_get_settings_finish (ND_REMOTE (remote), result, &error);
  g_assert_no_error (error);
  g_assert_cmpstr (settings->timezone_string, ==, "Asia/Kolkata");
  g_assert_cmpfloat_with_epsilon (settings->gmt_offset, 5.5, 1e-9);
  g_assert_cmpstr (settings->name, ==, "Newsdesk Test Site");
}

static JsonObject *
new_body (const char *title,
          const char *uuid,
          const char *status)
{
  JsonObject *body = json_object_new ();
  JsonObject *meta = json_object_new ();
  g_autofree char *content = g_strdup_printf ("<p>Body of %s.</p>\n<!-- newsdesk:%s -->", title, uuid);

  json_object_set_string_member (body, "title", title);
  json_object_set_string_member (body, "content", content);
  json_object_set_string_member (body, "status", status);
  json_object_set_string_member (meta, "newsdesk_uuid", uuid);
  json_object_set_object_member (body, "meta", meta);
  return body;
}

static void
test_fake_posts (void)
{
  g_autoptr(NdFakeWordpress) fake = nd_fake_wordpress_new (ND_FAKE_FEATURE_NONE);
  g_autoptr(NdWordpressRemote) remote = fake_remote (fake);
  g_autoptr(JsonObject) body = new_body ("First", UUID_A, "draft");
  g_autoptr(JsonObject) change = json_object_new ();
  g_autoptr(GAsyncResult) result = NULL;
  g_autoptr(GError) error = NULL;
  g_autoptr(NdWpPost) created = NULL;
  g_autoptr(NdWpPost) read = NULL;
  g_autoptr(NdWpPost) updated = NULL;

  RUN (result, nd_remote_create_post_async (ND_REMOTE (remote), body, NULL, got_result_cb, &result));
  created = nd_remote_create_post_finish (ND_REMOTE (remote), result, &error);
  g_assert_no_error (error);
  g_assert_cmpint (created->id, >, 0);
  g_assert_cmpstr (created->title, ==, "First");
  g_assert_cmpstr (created->status, ==, "draft");
  g_assert_nonnull (created->modified_gmt);
  /* No plugin: the meta is dropped, the marker stays. */
  g_assert_null (created->uuid);
  g_assert_true (g_str_has_suffix (created->content, "<!-- newsdesk:" UUID_A " -->"));

  /* Someone changes the excerpt on the web; an update of the title only
   * leaves it alone. */
  g_assert_true (nd_fake_wordpress_edit_post (fake, created->id, "excerpt", "Their standfirst"));
  json_object_set_string_member (change, "title", "First, revised");
  RUN (result, nd_remote_update_post_async (ND_REMOTE (remote), created->id, change, NULL, got_result_cb, &result));
  updated = nd_remote_update_post_finish (ND_REMOTE (remote), result, &error);
  g_assert_no_error (error);
  g_assert_cmpstr (updated->title, ==, "First, revised");
  g_assert_cmpstr (updated->excerpt, ==, "Their standfirst");
  g_assert_true (g_date_time_compare (updated->modified_gmt, created->modified_gmt) > 0);

  RUN (result, nd_remote_get_post_async (ND_REMOTE (remote), created->id, NULL, got_result_cb, &result));
  read = nd_remote_get_post_finish (ND_REMOTE (remote), result, &error);
  g_assert_no_error (error);
  g_assert_cmpstr (read->title, ==, "First, revised");
  g_assert_true (g_date_time_equal (read->modified_gmt, updated->modified_gmt));

  /* To the trash, then for good. */
  RUN (result, nd_remote_delete_post_async (ND_REMOTE (remote), created->id, FALSE, NULL, got_result_cb, &result));
  g_assert_true (nd_remote_delete_post_finish (ND_REMOTE (remote), result, &error));
  g_assert_no_error (error);
  g_assert_cmpuint (nd_fake_wordpress_count_posts (fake, "trash"), ==, 1);

  RUN (result, nd_remote_delete_post_async (ND_REMOTE (remote), created->id, TRUE, NULL, got_result_cb, &result));
  g_assert_true (nd_remote_delete_post_finish (ND_REMOTE (remote), result, &error));
  g_assert_no_error (error);
  g_assert_cmpuint (nd_fake_wordpress_count_posts (fake, NULL), ==, 0);

  g_clear_pointer (&read, nd_wp_post_free);
  RUN (result, nd_remote_get_post_async (ND_REMOTE (remote), created->id, NULL, got_result_cb, &result));
  read = nd_remote_get_post_finish (ND_REMOTE (remote), result, &error);
  g_assert_null (read);
  g_assert_error (error, ND_REMOTE_ERROR, ND_REMOTE_ERROR_NOT_FOUND);
}

static void
test_fake_pages (void)
{
  g_autoptr(NdFakeWordpress) fake = nd_fake_wordpress_new (ND_FAKE_FEATURE_NONE);
  g_autoptr(NdWordpressRemote) remote = fake_remote (fake);
  const char *statuses[] = { "publish", "draft", "pending", "private", "future", "trash", "publish" };
  g_autoptr(GHashTable) seen = g_hash_table_new_full (g_int64_hash, g_int64_equal, g_free, NULL);
  g_autoptr(GAsyncResult) result = NULL;
  g_autoptr(GError) error = NULL;
  g_autoptr(GDateTime) previous = NULL;
  g_autoptr(GDateTime) fourth = NULL;
  g_autoptr(GArray) ids = NULL;
  int total_pages = 0;

  for (guint i = 0; i < G_N_ELEMENTS (statuses); i++)
    {
      g_autofree char *json = g_strdup_printf ("{\"title\":\"Post %u\",\"content\":\"<p>%u</p>\",\"status\":\"%s\"%s}",
                                               i, i, statuses[i],
                                               g_str_equal (statuses[i], "future")
                                                 ? ",\"date_gmt\":\"2099-01-01T10:00:00\"" : "");

      gint64 id;

      /* WordPress creates nothing straight into the trash. */
      if (g_str_equal (statuses[i], "trash"))
        {
          g_free (json);
          json = g_strdup_printf ("{\"title\":\"Post %u\",\"content\":\"<p>%u</p>\",\"status\":\"draft\"}", i, i);
        }
      id = nd_fake_wordpress_create_post (fake, json, &error);
      g_assert_no_error (error);
      g_assert_cmpint (id, >, 0);
      if (g_str_equal (statuses[i], "trash"))
        g_assert_true (nd_fake_wordpress_edit_post (fake, id, "status", "trash"));
      /* Distinct seconds, so that "after the fourth" means three. */
      nd_fake_wordpress_advance_clock (fake, 2);
    }

  for (int page = 1; total_pages == 0 || page <= total_pages; page++)
    {
      g_autoptr(NdWpPostPage) p = NULL;

      RUN (result, nd_remote_list_posts_async (ND_REMOTE (remote), NULL, page, 3, NULL, got_result_cb, &result));
      p = nd_remote_list_posts_finish (ND_REMOTE (remote), result, &error);
      g_assert_no_error (error);
      if (page == 1)
        {
          total_pages = p->total_pages;
          g_assert_cmpint (p->total, ==, 7);
          g_assert_cmpint (total_pages, ==, 3);
        }
      g_assert_nonnull (p->server_date);
      g_assert_cmpuint (p->posts->len, ==, page < 3 ? 3 : 1);
      for (guint i = 0; i < p->posts->len; i++)
        {
          NdWpPost *post = g_ptr_array_index (p->posts, i);

          g_assert_false (g_hash_table_contains (seen, &post->id));
          g_hash_table_add (seen, g_memdup2 (&post->id, sizeof post->id));
          /* Oldest change first. */
          if (previous != NULL)
            g_assert_cmpint (g_date_time_compare (previous, post->modified_gmt), <=, 0);
          g_clear_pointer (&previous, g_date_time_unref);
          previous = g_date_time_ref (post->modified_gmt);
          if (g_hash_table_size (seen) == 4)
            fourth = g_date_time_ref (post->modified_gmt);
        }
    }
  g_assert_cmpuint (g_hash_table_size (seen), ==, 7);

  /* Only what changed after the fourth. */
  {
    g_autoptr(NdWpPostPage) p = NULL;

    RUN (result, nd_remote_list_posts_async (ND_REMOTE (remote), fourth, 1, 100, NULL, got_result_cb, &result));
    p = nd_remote_list_posts_finish (ND_REMOTE (remote), result, &error);
    g_assert_no_error (error);
    g_assert_cmpuint (p->posts->len, ==, 3);
    g_assert_cmpint (p->total_pages, ==, 1);
  }

  RUN (result, nd_remote_list_post_ids_async (ND_REMOTE (remote), NULL, got_result_cb, &result));
  ids = nd_remote_list_post_ids_finish (ND_REMOTE (remote), result, &error);
  g_assert_no_error (error);
  g_assert_cmpuint (ids->len, ==, 7);
  for (guint i = 0; i < ids->len; i++)
    g_assert_true (g_hash_table_contains (seen, &g_array_index (ids, gint64, i)));

  /* Several posts by id in one request, whatever their status (the trashed
   * one too); an id the site lacks is simply absent. */
  {
    g_autoptr(NdWpPostPage) p = NULL;
    g_autoptr(GArray) wanted = g_array_new (FALSE, FALSE, sizeof (gint64));
    gint64 gone = 999999;
    guint before = nd_fake_wordpress_count_requests (fake, "GET", NULL);

    g_array_append_vals (wanted, ids->data, ids->len);
    g_array_append_val (wanted, gone);
    RUN (result, nd_remote_get_posts_async (ND_REMOTE (remote), wanted, NULL, got_result_cb, &result));
    p = nd_remote_get_posts_finish (ND_REMOTE (remote), result, &error);
    g_assert_no_error (error);
    g_assert_cmpuint (nd_fake_wordpress_count_requests (fake, "GET", NULL), ==, before + 1);
    g_assert_cmpuint (p->posts->len, ==, 7);
    for (guint i = 0; i < p->posts->len; i++)
      {
        NdWpPost *post = g_ptr_array_index (p->posts, i);

        g_assert_cmpint (post->id, ==, g_array_index (ids, gint64, i));
        g_assert_nonnull (post->content);
      }
  }
}

static void
test_fake_terms (void)
{
  g_autoptr(NdFakeWordpress) fake = nd_fake_wordpress_new (ND_FAKE_FEATURE_NONE);
  g_autoptr(NdWordpressRemote) remote = fake_remote (fake);
  gint64 economy = nd_fake_wordpress_add_term (fake, "tags", "Economy");
  g_autoptr(GAsyncResult) result = NULL;
  g_autoptr(GError) error = NULL;
  g_autoptr(NdWpTerm) term = NULL;
  g_autoptr(GPtrArray) tags = NULL;
  gint64 id;
  int pages = 0;

  /* A name the site has: its id, not an error. */
  RUN (result, nd_remote_create_term_async (ND_REMOTE (remote), ND_WP_TERM_TAG, "Economy", NULL, got_result_cb, &result));
  id = nd_remote_create_term_finish (ND_REMOTE (remote), result, &error);
  g_assert_no_error (error);
  g_assert_cmpint (id, ==, economy);
  g_assert_cmpuint (nd_fake_wordpress_count_terms (fake, "tags"), ==, 1);

  RUN (result, nd_remote_create_term_async (ND_REMOTE (remote), ND_WP_TERM_TAG, "Sport & Games", NULL, got_result_cb, &result));
  id = nd_remote_create_term_finish (ND_REMOTE (remote), result, &error);
  g_assert_no_error (error);
  g_assert_cmpint (id, >, 0);
  g_assert_cmpint (id, !=, economy);

  RUN (result, nd_remote_get_term_async (ND_REMOTE (remote), ND_WP_TERM_TAG, id, NULL, got_result_cb, &result));
  term = nd_remote_get_term_finish (ND_REMOTE (remote), result, &error);
  g_assert_no_error (error);
  g_assert_cmpstr (term->name, ==, "Sport & Games");

  RUN (result, nd_remote_create_term_async (ND_REMOTE (remote), ND_WP_TERM_CATEGORY, "Uncategorized", NULL, got_result_cb, &result));
  id = nd_remote_create_term_finish (ND_REMOTE (remote), result, &error);
  g_assert_no_error (error);
  g_assert_cmpint (id, ==, 1);

  RUN (result, nd_remote_list_terms_async (ND_REMOTE (remote), ND_WP_TERM_TAG, 1, NULL, got_result_cb, &result));
  tags = nd_remote_list_terms_finish (ND_REMOTE (remote), result, &pages, &error);
  g_assert_no_error (error);
  g_assert_cmpuint (tags->len, ==, 2);
  g_assert_cmpint (pages, ==, 1);
}

static void
test_fake_media (void)
{
  g_autoptr(NdFakeWordpress) fake = nd_fake_wordpress_new (ND_FAKE_FEATURE_NONE);
  g_autoptr(NdWordpressRemote) remote = fake_remote (fake);
  static const guint8 gif[] = { 'G', 'I', 'F', '8', '9', 'a', 1, 0, 1, 0, 0x80, 0, 0, 0, 0, 0, 0xff, 0xff, 0xff,
                                ',', 0, 0, 0, 0, 1, 0, 1, 0, 0, 2, 2, 'D', 1, 0, ';' };
  g_autoptr(GBytes) data = g_bytes_new_static (gif, sizeof gif);
  g_autoptr(GAsyncResult) result = NULL;
  g_autoptr(GError) error = NULL;
  g_autoptr(NdWpMedia) media = NULL;
  g_autoptr(NdWpMedia) described = NULL;
  g_autoptr(JsonNode) stored = NULL;

  RUN (result, nd_remote_upload_media_async (ND_REMOTE (remote), data, "/home/ann/Фото реки.gif", "image/gif",
                                             NULL, got_result_cb, &result));
  media = nd_remote_upload_media_finish (ND_REMOTE (remote), result, &error);
  g_assert_no_error (error);
  g_assert_cmpint (media->id, >, 0);
  g_assert_cmpstr (media->mime_type, ==, "image/gif");
  g_assert_cmpuint (nd_fake_wordpress_count_media (fake), ==, 1);

  RUN (result, nd_remote_update_media_async (ND_REMOTE (remote), media->id, "Photo: AP", "A river at dawn",
                                             NULL, got_result_cb, &result));
  described = nd_remote_update_media_finish (ND_REMOTE (remote), result, &error);
  g_assert_no_error (error);
  g_assert_cmpstr (described->caption, ==, "Photo: AP");
  g_assert_cmpstr (described->alt_text, ==, "A river at dawn");

  stored = nd_fake_wordpress_get_media_json (fake, media->id);
  g_assert_nonnull (stored);
  g_assert_cmpstr (json_object_get_string_member (json_node_get_object (stored), "alt_text"), ==, "A river at dawn");
}

static void
test_fake_batch (void)
{
  g_autoptr(NdFakeWordpress) fake = nd_fake_wordpress_new (ND_FAKE_FEATURE_BATCH);
  g_autoptr(NdFakeWordpress) without = nd_fake_wordpress_new (ND_FAKE_FEATURE_NONE);
  g_autoptr(NdWordpressRemote) remote = fake_remote (fake);
  g_autoptr(NdWordpressRemote) without_remote = fake_remote (without);
  g_autoptr(GPtrArray) requests = g_ptr_array_new_with_free_func ((GDestroyNotify) nd_wp_batch_request_free);
  g_autoptr(JsonObject) first = new_body ("One", UUID_A, "draft");
  g_autoptr(JsonObject) second = new_body ("Two", UUID_B, "draft");
  g_autoptr(GAsyncResult) result = NULL;
  g_autoptr(GError) error = NULL;
  g_autoptr(GPtrArray) responses = NULL;
  NdWpBatchResponse *response;

  g_ptr_array_add (requests, nd_wp_batch_request_new ("POST", "/wp/v2/posts", first));
  g_ptr_array_add (requests, nd_wp_batch_request_new ("POST", "/wp/v2/posts", second));
  g_ptr_array_add (requests, nd_wp_batch_request_new ("DELETE", "/wp/v2/posts/999", NULL));

  RUN (result, nd_remote_batch_async (ND_REMOTE (remote), requests, NULL, got_result_cb, &result));
  responses = nd_remote_batch_finish (ND_REMOTE (remote), result, &error);
  g_assert_no_error (error);
  g_assert_cmpuint (responses->len, ==, 3);
  response = g_ptr_array_index (responses, 0);
  g_assert_cmpuint (response->status, ==, 201);
  g_assert_null (response->error);
  response = g_ptr_array_index (responses, 2);
  g_assert_cmpuint (response->status, ==, 404);
  g_assert_error (response->error, ND_REMOTE_ERROR, ND_REMOTE_ERROR_NOT_FOUND);
  g_assert_cmpuint (nd_fake_wordpress_count_posts (fake, NULL), ==, 2);
  /* One request for all of them. */
  g_assert_cmpuint (nd_fake_wordpress_count_requests (fake, "POST", "/batch/v1"), ==, 1);

  g_clear_pointer (&responses, g_ptr_array_unref);
  RUN (result, nd_remote_batch_async (ND_REMOTE (without_remote), requests, NULL, got_result_cb, &result));
  responses = nd_remote_batch_finish (ND_REMOTE (without_remote), result, &error);
  g_assert_null (responses);
  g_assert_error (error, ND_REMOTE_ERROR, ND_REMOTE_ERROR_NOT_FOUND);
}

static NdWpPost *
find (NdWordpressRemote *remote,
      const char        *uuid,
      GError           **error)
{
  g_autoptr(GAsyncResult) result = NULL;

  RUN (result, nd_remote_find_post_by_uuid_async (ND_REMOTE (remote), uuid, NULL, got_result_cb, &result));
  return nd_remote_find_post_by_uuid_finish (ND_REMOTE (remote), result, error);
}

static void
test_fake_find_by_uuid (void)
{
  g_autoptr(NdFakeWordpress) fake = nd_fake_wordpress_new (ND_FAKE_FEATURE_NONE);
  g_autoptr(NdFakeWordpress) plugin = nd_fake_wordpress_new (ND_FAKE_FEATURE_NEWSDESK_PLUGIN);
  g_autoptr(NdWordpressRemote) remote = fake_remote (fake);
  g_autoptr(NdWordpressRemote) plugin_remote = fake_remote (plugin);
  g_autoptr(GError) error = NULL;
  g_autoptr(NdWpPost) found = NULL;
  g_autoptr(NdWpPost) missing = NULL;
  g_autoptr(NdWpPost) by_meta = NULL;
  gint64 id;

  /* Without the plugin: by the marker; a post quoting the uuid elsewhere is
   * not taken for it. */
  nd_fake_wordpress_create_post (fake, "{\"title\":\"Quote " UUID_A "\",\"content\":\"<p>" UUID_A "</p>\",\"status\":\"draft\"}", &error);
  g_assert_no_error (error);
  id = nd_fake_wordpress_create_post (fake, "{\"title\":\"Real\",\"content\":\"<p>x</p>\\n<!-- newsdesk:" UUID_A " -->\",\"status\":\"draft\"}", &error);
  g_assert_no_error (error);
  g_assert_true (nd_fake_wordpress_edit_post (fake, id, "status", "trash"));
  found = find (remote, UUID_A, &error);
  g_assert_no_error (error);
  g_assert_nonnull (found);
  g_assert_cmpint (found->id, ==, id);

  missing = find (remote, UUID_B, &error);
  g_assert_no_error (error);
  g_assert_null (missing);

  /* With the plugin: by the meta, even without a marker. */
  id = nd_fake_wordpress_create_post (plugin, "{\"title\":\"Meta\",\"content\":\"<p>x</p>\",\"status\":\"publish\","
                                              "\"meta\":{\"newsdesk_uuid\":\"" UUID_B "\"}}", &error);
  g_assert_no_error (error);
  nd_wordpress_remote_set_has_plugin (plugin_remote, TRUE);
  by_meta = find (plugin_remote, UUID_B, &error);
  g_assert_no_error (error);
  g_assert_nonnull (by_meta);
  g_assert_cmpint (by_meta->id, ==, id);
  g_assert_cmpstr (by_meta->uuid, ==, UUID_B);
  g_assert_cmpuint (nd_fake_wordpress_count_requests (plugin, "GET", "/wp/v2/posts"), ==, 1);
}

/* A create whose answer is lost: the client says NETWORK, the post exists,
 * and the lookup by uuid finds it, so it is not created twice. */
static void
test_fake_lost_answer (void)
{
  g_autoptr(NdFakeWordpress) fake = nd_fake_wordpress_new (ND_FAKE_FEATURE_NONE);
  g_autoptr(NdWordpressRemote) remote = fake_remote (fake);
  g_autoptr(JsonObject) body = new_body ("Lost", UUID_A, "draft");
  g_autoptr(GAsyncResult) result = NULL;
  g_autoptr(GError) error = NULL;
  g_autoptr(NdWpPost) post = NULL;
  g_autoptr(NdWpPost) found = NULL;

  nd_fake_wordpress_fail_next (fake, ND_FAKE_FAULT_LOST_ANSWER);
  RUN (result, nd_remote_create_post_async (ND_REMOTE (remote), body, NULL, got_result_cb, &result));
  post = nd_remote_create_post_finish (ND_REMOTE (remote), result, &error);
  g_assert_null (post);
  g_assert_error (error, ND_REMOTE_ERROR, ND_REMOTE_ERROR_NETWORK);
  g_clear_error (&error);
  g_assert_cmpuint (nd_fake_wordpress_count_posts (fake, NULL), ==, 1);

  found = find (remote, UUID_A, &error);
  g_assert_no_error (error);
  g_assert_nonnull (found);
  g_assert_cmpstr (found->title, ==, "Lost");
}

static void
test_fake_faults (void)
{
  const struct { NdFakeFault fault; int code; guint retry_after; } cases[] = {
    { ND_FAKE_FAULT_SERVER_ERROR, ND_REMOTE_ERROR_SERVER, 0 },
    { ND_FAKE_FAULT_RATE_LIMITED, ND_REMOTE_ERROR_RATE_LIMITED, 1 },
    { ND_FAKE_FAULT_UNAVAILABLE, ND_REMOTE_ERROR_RATE_LIMITED, 1 },
    { ND_FAKE_FAULT_TRUNCATED, ND_REMOTE_ERROR_MALFORMED, 0 },
    { ND_FAKE_FAULT_SLOW, ND_REMOTE_ERROR_TIMEOUT, 0 },
  };
  g_autoptr(NdFakeWordpress) fake = nd_fake_wordpress_new (ND_FAKE_FEATURE_NONE);
  g_autoptr(NdWordpressRemote) remote = fake_remote (fake);
  g_autoptr(GError) error = NULL;
  gint64 id = nd_fake_wordpress_create_post (fake, "{\"title\":\"T\",\"content\":\"<p>x</p>\",\"status\":\"draft\"}", &error);

  g_assert_no_error (error);
  nd_wordpress_remote_set_timeout (remote, 1);
  nd_fake_wordpress_set_slow_delay (fake, 2500);

  for (guint i = 0; i < G_N_ELEMENTS (cases); i++)
    {
      g_autoptr(GAsyncResult) result = NULL;
      g_autoptr(NdWpPost) post = NULL;

      nd_fake_wordpress_fail_next (fake, cases[i].fault);
      RUN (result, nd_remote_get_post_async (ND_REMOTE (remote), id, NULL, got_result_cb, &result));
      post = nd_remote_get_post_finish (ND_REMOTE (remote), result, &error);
      g_assert_null (post);
      g_assert_error (error, ND_REMOTE_ERROR, cases[i].code);
      g_assert_cmpuint (nd_remote_error_get_retry_after (error), ==, cases[i].retry_after);
      g_clear_error (&error);
    }
}

int
main (int   argc,
      char *argv[])
{
  g_test_init (&argc, &argv, NULL);

  g_test_add_func ("/wordpress-remote/urls", test_urls);
  g_test_add_func ("/wordpress-remote/not-wordpress", test_not_wordpress);
  g_test_add_func ("/wordpress-remote/discover-link", test_discover_link);
  g_test_add_func ("/wordpress-remote/http-errors", test_http_errors);
  g_test_add_func ("/wordpress-remote/rate-limited", test_rate_limited);
  g_test_add_func ("/wordpress-remote/too-large", test_too_large);
  g_test_add_func ("/wordpress-remote/too-large-chunked", test_too_large_chunked);
  g_test_add_func ("/wordpress-remote/no-password-in-messages", test_no_password_in_messages);
  g_test_add_func ("/wordpress-remote/connection-closed", test_connection_closed);
  g_test_add_func ("/wordpress-remote/timeout", test_timeout);
  g_test_add_func ("/wordpress-remote/refused", test_refused);
  g_test_add_func ("/wordpress-remote/cancelled", test_cancelled);
  g_test_add_func ("/wordpress-remote/tls", test_tls);
  g_test_add_func ("/wordpress-remote/fake/discover", test_fake_discover);
  g_test_add_func ("/wordpress-remote/fake/auth-and-settings", test_fake_auth_and_settings);
  g_test_add_func ("/wordpress-remote/fake/posts", test_fake_posts);
  g_test_add_func ("/wordpress-remote/fake/pages", test_fake_pages);
  g_test_add_func ("/wordpress-remote/fake/terms", test_fake_terms);
  g_test_add_func ("/wordpress-remote/fake/media", test_fake_media);
  g_test_add_func ("/wordpress-remote/fake/batch", test_fake_batch);
  g_test_add_func ("/wordpress-remote/fake/find-by-uuid", test_fake_find_by_uuid);
  g_test_add_func ("/wordpress-remote/fake/lost-answer", test_fake_lost_answer);
  g_test_add_func ("/wordpress-remote/fake/faults", test_fake_faults);

  return g_test_run ();
}
