/* nd-wordpress-remote.c
 *
 * SPDX-License-Identifier: GPL-3.0-or-later
 */

#define G_LOG_DOMAIN "newsdesk-wordpress-remote"

#include "config.h"

#include <string.h>

#include <glib/gi18n-lib.h>
#include <libsoup/soup.h>

#include "nd-wordpress-remote.h"
#include "nd-wp-content.h"

/**
 * NdWordpressRemote:
 *
 * #NdRemote over the WordPress REST API with libsoup.
 *
 * One #SoupSession per site, with a timeout and the libsoup default of
 * verified TLS. Credentials are an application password sent with HTTP
 * Basic authentication; they are never logged and never put in an error
 * message (a server echoing them back is scrubbed too). Plain `http://` is
 * only accepted for this computer, where nothing crosses a network.
 *
 * Answers are read through a size cap before anything is parsed, and parsed
 * with the bounds of nd_wp_json_parse(). Redirects are not followed for API
 * calls: libsoup would turn a redirected POST into a GET and could carry the
 * credentials to another host; only discovery follows them, without
 * credentials, to learn the site's real address.
 */

/* The statuses Newsdesk reads and writes: every one but auto-draft and
 * inherit, so that scheduled, private and trashed posts are seen too. */
#define ALL_STATUSES "publish,future,draft,pending,private,trash"

/* WordPress's largest page. */
#define MAX_PER_PAGE ND_REMOTE_MAX_POSTS_PER_REQUEST

/* WordPress's limit for one /batch/v1 call. */
#define MAX_BATCH 25

/* The most redirects discovery follows. */
#define MAX_REDIRECTS 5

/* Reading an answer happens in chunks of this size. */
#define READ_CHUNK (64 * 1024)

/* Retry-After longer than a day is not believed. */
#define MAX_RETRY_AFTER (24 * 60 * 60)

/* Server-supplied text quoted in a message is cut to this many characters. */
#define MAX_QUOTED 300

struct _NdWordpressRemote
{
  GObject       parent_instance;

  SoupSession  *session;
  char         *site_url;
  char         *api_root;
  char         *authorization;
  char         *password;
  guint         timeout;
  gsize         max_size;
  gboolean      has_plugin;
};

static void nd_wordpress_remote_iface_init (NdRemoteInterface *iface);

G_DEFINE_FINAL_TYPE_WITH_CODE (NdWordpressRemote, nd_wordpress_remote, G_TYPE_OBJECT,
                               G_IMPLEMENT_INTERFACE (ND_TYPE_REMOTE, nd_wordpress_remote_iface_init))

/* One HTTP exchange: the message, the answer read so far, and what to do with
 * it. The GTask is the operation's; an operation may run several requests in
 * turn. */
typedef void (*ResponseFunc) (GTask       *task,
                              SoupMessage *message,
                              GBytes      *body);

typedef struct
{
  GTask        *task;
  SoupMessage  *message;
  ResponseFunc  func;
  GInputStream *stream;
  GByteArray   *buffer;
  gsize         max_size;
} Request;

static void
request_free (Request *request)
{
  g_clear_object (&request->task);
  g_clear_object (&request->message);
  g_clear_object (&request->stream);
  g_clear_pointer (&request->buffer, g_byte_array_unref);
  g_free (request);
}

G_DEFINE_AUTOPTR_CLEANUP_FUNC (Request, request_free)

/* Helpers ------------------------------------------------------------------ */

static gboolean
is_local_host (const char *host)
{
  return g_ascii_strcasecmp (host, "localhost") == 0 ||
         g_str_equal (host, "127.0.0.1") ||
         g_str_equal (host, "::1") ||
         g_str_equal (host, "[::1]");
}

/* Checks a site address; returns it normalised (no query, no fragment, no
 * trailing slash). */
static char *
check_url (const char  *url,
           GError     **error)
{
  g_autoptr(GUri) uri = NULL;
  g_autofree char *stripped = NULL;
  g_autofree char *lower = NULL;
  const char *scheme;
  const char *host;
  const char *path;
  gsize length;

  if (url == NULL || *url == '\0')
    {
      g_propagate_error (error, nd_remote_error_new (ND_REMOTE_ERROR_INVALID_URL, 0, NULL, 0, NULL));
      return NULL;
    }

  stripped = g_strstrip (g_strdup (url));
  uri = g_uri_parse (stripped, G_URI_FLAGS_NONE, NULL);
  if (uri == NULL)
    {
      g_propagate_error (error, nd_remote_error_new (ND_REMOTE_ERROR_INVALID_URL, 0, NULL, 0, NULL));
      return NULL;
    }

  scheme = g_uri_get_scheme (uri);
  host = g_uri_get_host (uri);
  if ((g_ascii_strcasecmp (scheme, "https") != 0 && g_ascii_strcasecmp (scheme, "http") != 0) ||
      host == NULL || *host == '\0' || g_uri_get_userinfo (uri) != NULL)
    {
      g_propagate_error (error, nd_remote_error_new (ND_REMOTE_ERROR_INVALID_URL, 0, NULL, 0, NULL));
      return NULL;
    }

  if (g_ascii_strcasecmp (scheme, "http") == 0 && !is_local_host (host))
    {
      g_propagate_error (error, nd_remote_error_new (ND_REMOTE_ERROR_INSECURE_URL, 0, NULL, 0, NULL));
      return NULL;
    }

  g_clear_pointer (&stripped, g_free);
  path = g_uri_get_path (uri);
  lower = g_ascii_strdown (scheme, -1);
  stripped = g_uri_join (G_URI_FLAGS_NONE, lower, NULL, host, g_uri_get_port (uri), path, NULL, NULL);
  length = strlen (stripped);
  while (length > 0 && stripped[length - 1] == '/')
    stripped[--length] = '\0';
  return g_steal_pointer (&stripped);
}

/* Builds the address of a REST route. With pretty permalinks the root is
 * `…/wp-json/` and the route is a path; without them it is
 * `…/?rest_route=/` and the route goes into that parameter. */
static char *
route_url (NdWordpressRemote *self,
           const char        *route,
           const char        *query)
{
  GString *url = g_string_new (self->api_root);

  while (*route == '/')
    route++;
  g_string_append (url, route);
  if (query != NULL && *query != '\0')
    {
      g_string_append_c (url, strchr (url->str, '?') != NULL ? '&' : '?');
      g_string_append (url, query);
    }
  return g_string_free (url, FALSE);
}

static void
query_add (GString    *query,
           const char *name,
           const char *value)
{
  g_autofree char *escaped = g_uri_escape_string (value, ",", FALSE);

  if (query->len > 0)
    g_string_append_c (query, '&');
  g_string_append_printf (query, "%s=%s", name, escaped);
}

static void
query_add_int (GString    *query,
               const char *name,
               gint64      value)
{
  g_autofree char *text = g_strdup_printf ("%" G_GINT64_FORMAT, value);

  query_add (query, name, text);
}

/* Takes the password out of text the server sent, in case it echoes the
 * request back. */
static char *
scrub (NdWordpressRemote *self,
       const char        *text)
{
  g_autoptr(GString) out = g_string_new (text);

  if (self->password != NULL && strlen (self->password) >= 4)
    g_string_replace (out, self->password, "••••", 0);
  if (self->authorization != NULL)
    g_string_replace (out, self->authorization + strlen ("Basic "), "••••", 0);
  return g_string_free (g_steal_pointer (&out), FALSE);
}

/* Error classification ----------------------------------------------------- */

static GError *
classify_gerror (const GError *error)
{
  NdRemoteError code = ND_REMOTE_ERROR_NETWORK;

  if (g_error_matches (error, G_IO_ERROR, G_IO_ERROR_CANCELLED))
    code = ND_REMOTE_ERROR_CANCELLED;
  else if (error->domain == G_TLS_ERROR)
    code = ND_REMOTE_ERROR_TLS;
  else if (g_error_matches (error, G_IO_ERROR, G_IO_ERROR_TIMED_OUT))
    code = ND_REMOTE_ERROR_TIMEOUT;
  else if (g_error_matches (error, SOUP_SESSION_ERROR, SOUP_SESSION_ERROR_TOO_MANY_REDIRECTS) ||
           g_error_matches (error, SOUP_SESSION_ERROR, SOUP_SESSION_ERROR_REDIRECT_BAD_URI))
    code = ND_REMOTE_ERROR_SERVER;
  /* Everything else, resolver failures, refused, reset or closed
   * connections, broken pipes and answers libsoup could not parse, is the
   * network's: a connection that broke after the request went out is an
   * answer lost, and the engine checks what happened before sending again. */

  g_debug ("Request failed: %s", error->message);
  return nd_remote_error_new (code, 0, NULL, 0, NULL);
}

static guint
parse_retry_after (SoupMessageHeaders *headers)
{
  const char *value = soup_message_headers_get_one (headers, "Retry-After");
  g_autoptr(GDateTime) when = NULL;
  g_autoptr(GDateTime) now = NULL;
  const char *date;
  gint64 seconds;

  if (value == NULL)
    return 0;

  while (g_ascii_isspace (*value))
    value++;
  if (g_ascii_isdigit (*value))
    {
      char *end = NULL;
      guint64 parsed = g_ascii_strtoull (value, &end, 10);

      while (end != NULL && g_ascii_isspace (*end))
        end++;
      if (end == NULL || *end != '\0')
        return 0;
      return (guint) MIN (parsed, MAX_RETRY_AFTER);
    }

  /* An HTTP date, compared with the server's own clock when it gave one. */
  when = soup_date_time_new_from_http_string (value);
  if (when == NULL)
    return 0;
  date = soup_message_headers_get_one (headers, "Date");
  if (date != NULL)
    now = soup_date_time_new_from_http_string (date);
  if (now == NULL)
    now = g_date_time_new_now_utc ();
  seconds = g_date_time_difference (when, now) / G_TIME_SPAN_SECOND;
  return (guint) CLAMP (seconds, 0, MAX_RETRY_AFTER);
}

/* Reads WordPress's error body, `{"code": …, "message": …, "data": …}`,
 * leniently: a proxy's HTML page has none of it. */
static JsonObject *
error_body (GBytes *body)
{
  g_autoptr(JsonNode) node = NULL;
  gsize length = 0;
  const char *data = body != NULL ? g_bytes_get_data (body, &length) : NULL;

  if (data == NULL || length == 0)
    return NULL;
  node = nd_wp_json_parse (data, length, NULL);
  if (node == NULL || !JSON_NODE_HOLDS_OBJECT (node))
    return NULL;
  return json_object_ref (json_node_get_object (node));
}

static const char *
object_string (JsonObject *object,
               const char *name)
{
  JsonNode *node = object != NULL ? json_object_get_member (object, name) : NULL;

  if (node == NULL || !JSON_NODE_HOLDS_VALUE (node) || json_node_get_value_type (node) != G_TYPE_STRING)
    return NULL;
  return json_node_get_string (node);
}

static GError *
classify_http (NdWordpressRemote *self,
               guint              status,
               SoupMessageHeaders *headers,
               GBytes            *body)
{
  g_autoptr(JsonObject) object = error_body (body);
  const char *wp_code = object_string (object, "code");
  const char *wp_message = object_string (object, "message");
  g_autofree char *message = NULL;
  NdRemoteError code;
  guint retry_after = 0;

  if (wp_code != NULL && (strlen (wp_code) > 100 || !g_utf8_validate (wp_code, -1, NULL)))
    wp_code = NULL;

  if (status == 401)
    code = ND_REMOTE_ERROR_AUTH_FAILED;
  else if (status == 403 &&
           (g_strcmp0 (wp_code, "incorrect_password") == 0 ||
            g_strcmp0 (wp_code, "invalid_username") == 0 ||
            g_strcmp0 (wp_code, "rest_not_logged_in") == 0 ||
            g_strcmp0 (wp_code, "application_passwords_disabled") == 0))
    code = ND_REMOTE_ERROR_AUTH_FAILED;
  else if (status == 403)
    code = ND_REMOTE_ERROR_FORBIDDEN;
  else if (status == 404 || status == 410)
    code = ND_REMOTE_ERROR_NOT_FOUND;
  else if (status == 400 && g_strcmp0 (wp_code, "term_exists") == 0)
    code = ND_REMOTE_ERROR_TERM_EXISTS;
  else if (status == 429 || status == 503)
    {
      code = ND_REMOTE_ERROR_RATE_LIMITED;
      retry_after = parse_retry_after (headers);
    }
  else if (status == 413)
    code = ND_REMOTE_ERROR_TOO_LARGE;
  else if (status >= 300 && status < 400)
    {
      code = ND_REMOTE_ERROR_SERVER;
      message = g_strdup (_("The site sent Newsdesk to another address. Check the address of the site."));
    }
  else
    {
      code = ND_REMOTE_ERROR_SERVER;
      /* A refused request (400) says why in WordPress's own words; they are
       * the most useful thing to show, after a scrub. */
      if (status >= 400 && status < 500 && wp_message != NULL && g_utf8_validate (wp_message, -1, NULL))
        {
          g_autofree char *cut = g_utf8_substring (wp_message, 0, MIN (g_utf8_strlen (wp_message, -1), MAX_QUOTED));
          g_autofree char *clean = scrub (self, cut);

          /* Translators: %s is the site's own explanation, in the site's
           * language. */
          message = g_strdup_printf (_("The site refused the change: %s"), clean);
        }
    }

  return nd_remote_error_new (code, status, wp_code, retry_after, message);
}

static gboolean
status_ok (guint status)
{
  return status >= 200 && status < 300;
}

/* The usual end of a request: a 2xx with a JSON body, or an error. */
static JsonNode *
expect_json (GTask        *task,
             SoupMessage  *message,
             GBytes       *body,
             GError      **error)
{
  NdWordpressRemote *self = g_task_get_source_object (task);
  guint status = soup_message_get_status (message);
  gsize length = 0;
  const char *data;

  if (!status_ok (status))
    {
      g_propagate_error (error, classify_http (self, status, soup_message_get_response_headers (message), body));
      return NULL;
    }

  data = g_bytes_get_data (body, &length);
  return nd_wp_json_parse (data, length, error);
}

/* Requests ----------------------------------------------------------------- */

static SoupMessage *
new_message (NdWordpressRemote *self,
             const char        *method,
             const char        *url,
             gboolean           authenticate)
{
  SoupMessage *message = soup_message_new (method, url);
  SoupMessageHeaders *headers;

  /* The URL came from a checked site address and escaped parts; a site whose
   * discovery gave a broken API root could still end here. */
  if (message == NULL)
    return NULL;

  headers = soup_message_get_request_headers (message);
  soup_message_headers_replace (headers, "Accept", "application/json");
  if (authenticate && self->authorization != NULL)
    soup_message_headers_replace (headers, "Authorization", self->authorization);
  soup_message_add_flags (message, SOUP_MESSAGE_NO_REDIRECT);
  return message;
}

static void
set_json_body (SoupMessage *message,
               JsonObject  *body)
{
  g_autoptr(JsonNode) node = json_node_init_object (json_node_alloc (), body);
  g_autofree char *text = json_to_string (node, FALSE);
  gsize length = strlen (text);
  g_autoptr(GBytes) bytes = g_bytes_new_take (g_steal_pointer (&text), length);

  soup_message_set_request_body_from_bytes (message, "application/json", bytes);
}

static void read_next (Request *request);

static void
read_cb (GObject      *object,
         GAsyncResult *result,
         gpointer      user_data)
{
  g_autoptr(Request) request = user_data;
  GInputStream *stream = G_INPUT_STREAM (object);
  g_autoptr(GError) error = NULL;
  g_autoptr(GBytes) chunk = g_input_stream_read_bytes_finish (stream, result, &error);
  g_autoptr(GBytes) body = NULL;

  if (chunk == NULL)
    {
      g_task_return_error (request->task, classify_gerror (error));
      return;
    }

  if (g_bytes_get_size (chunk) > 0)
    {
      if (request->buffer->len + g_bytes_get_size (chunk) > request->max_size)
        {
          g_input_stream_close_async (stream, G_PRIORITY_DEFAULT, NULL, NULL, NULL);
          g_task_return_error (request->task,
                               nd_remote_error_new (ND_REMOTE_ERROR_TOO_LARGE,
                                                    soup_message_get_status (request->message), NULL, 0, NULL));
          return;
        }
      g_byte_array_append (request->buffer, g_bytes_get_data (chunk, NULL), g_bytes_get_size (chunk));
      read_next (g_steal_pointer (&request));
      return;
    }

  g_input_stream_close_async (stream, G_PRIORITY_DEFAULT, NULL, NULL, NULL);
  body = g_byte_array_free_to_bytes (g_steal_pointer (&request->buffer));
  request->func (request->task, request->message, body);
}

static void
read_next (Request *request)
{
  g_input_stream_read_bytes_async (request->stream, READ_CHUNK, G_PRIORITY_DEFAULT,
                                   g_task_get_cancellable (request->task), read_cb, request);
}

static void
sent_cb (GObject      *object,
         GAsyncResult *result,
         gpointer      user_data)
{
  g_autoptr(Request) request = user_data;
  g_autoptr(GError) error = NULL;
  g_autoptr(GInputStream) stream = soup_session_send_finish (SOUP_SESSION (object), result, &error);
  SoupMessageHeaders *headers;
  goffset length;

  if (stream == NULL)
    {
      g_task_return_error (request->task, classify_gerror (error));
      return;
    }

  /* A declared length over the cap fails at once, unread. */
  headers = soup_message_get_response_headers (request->message);
  length = soup_message_headers_get_content_length (headers);
  if (soup_message_headers_get_encoding (headers) == SOUP_ENCODING_CONTENT_LENGTH &&
      length > 0 && (guint64) length > request->max_size)
    {
      g_input_stream_close_async (stream, G_PRIORITY_DEFAULT, NULL, NULL, NULL);
      g_task_return_error (request->task,
                           nd_remote_error_new (ND_REMOTE_ERROR_TOO_LARGE,
                                                soup_message_get_status (request->message), NULL, 0, NULL));
      return;
    }

  request->buffer = g_byte_array_new ();
  request->stream = g_steal_pointer (&stream);
  read_next (g_steal_pointer (&request));
}

/* Sends @message for @task and hands the answer to @func; network errors,
 * cancellation and oversized answers end @task without calling @func. */
static void
send_message (GTask        *task,
              SoupMessage  *message,
              ResponseFunc  func)
{
  NdWordpressRemote *self = g_task_get_source_object (task);
  Request *request;

  if (message == NULL)
    {
      g_task_return_error (task, nd_remote_error_new (ND_REMOTE_ERROR_INVALID_URL, 0, NULL, 0, NULL));
      return;
    }

  request = g_new0 (Request, 1);
  request->task = g_object_ref (task);
  request->message = g_object_ref (message);
  request->func = func;
  request->max_size = self->max_size;

  /* One step above the default priority: when a server drops a reused
   * connection without answering, libsoup 3.2 re-sends a GET or DELETE from
   * its queue source (default priority) and reports the first read's error
   * from an idle at the message's priority. At the default priority that
   * stale error may run after the message is running again, and libsoup
   * then finishes the message under the new read, which crashes when that
   * read completes (soup-session.c run_until_read_done(), unchanged
   * upstream). Above it, the stale error is seen while the message still
   * waits to be re-sent, and is ignored. */
  soup_session_send_async (self->session, message, G_PRIORITY_DEFAULT - 1,
                           g_task_get_cancellable (task), sent_cb, request);
}

static void
send_route (GTask        *task,
            const char   *method,
            const char   *route,
            const char   *query,
            JsonObject   *body,
            ResponseFunc  func)
{
  NdWordpressRemote *self = g_task_get_source_object (task);
  g_autofree char *url = route_url (self, route, query);
  g_autoptr(SoupMessage) message = new_message (self, method, url, TRUE);

  /* Routes and queries carry no credentials: they may be logged. */
  g_debug ("%s %s%s%s", method, route, query != NULL ? "?" : "", query != NULL ? query : "");
  if (message != NULL && body != NULL)
    set_json_body (message, body);
  send_message (task, message, func);
}

static GTask *
new_task (gpointer             self,
          GCancellable        *cancellable,
          GAsyncReadyCallback  callback,
          gpointer             user_data,
          gpointer             source_tag)
{
  GTask *task = g_task_new (self, cancellable, callback, user_data);

  g_task_set_source_tag (task, source_tag);
  /* A cancelled operation reports CANCELLED in our domain, whatever stage
   * it was at. */
  g_task_set_check_cancellable (task, FALSE);
  return task;
}

static gpointer
finish_pointer (gpointer       self,
                GAsyncResult  *result,
                gpointer       source_tag,
                GError       **error)
{
  g_return_val_if_fail (g_task_is_valid (result, self), NULL);
  g_return_val_if_fail (g_task_get_source_tag (G_TASK (result)) == source_tag, NULL);
  return g_task_propagate_pointer (G_TASK (result), error);
}

/* Discovery ---------------------------------------------------------------- */

typedef struct
{
  char *url;
  int   redirects;
  int   stage;
} Discovery;

static void
discovery_free (Discovery *discovery)
{
  g_free (discovery->url);
  g_free (discovery);
}

enum
{
  STAGE_INDEX,
  STAGE_HOME,
  STAGE_LINKED_INDEX,
};

static void discovery_response (GTask       *task,
                                SoupMessage *message,
                                GBytes      *body);

/* The REST root from `Link: <https://example.org/wp-json/>; rel="https://api.w.org/"`. */
static char *
api_link (SoupMessageHeaders *headers)
{
  const char *link = soup_message_headers_get_list (headers, "Link");
  g_auto(GStrv) parts = NULL;

  if (link == NULL)
    return NULL;

  parts = g_strsplit (link, ",", 16);
  for (int i = 0; parts[i] != NULL; i++)
    {
      const char *start = strchr (parts[i], '<');
      const char *end = start != NULL ? strchr (start, '>') : NULL;

      if (end != NULL && strstr (end, "rel=\"https://api.w.org/\"") != NULL)
        return g_strndup (start + 1, end - start - 1);
    }
  return NULL;
}

static void
discovery_get (GTask      *task,
               const char *url)
{
  NdWordpressRemote *self = g_task_get_source_object (task);
  g_autoptr(SoupMessage) message = new_message (self, "GET", url, FALSE);

  send_message (task, message, discovery_response);
}

static void
discovery_index_found (GTask       *task,
                       SoupMessage *message,
                       JsonNode    *node,
                       const char  *root)
{
  NdWordpressRemote *self = g_task_get_source_object (task);
  g_autoptr(GError) error = NULL;
  g_autoptr(NdWpSiteInfo) info = nd_wp_site_info_new_from_index (node, &error);

  if (info == NULL)
    {
      g_task_return_error (task, g_steal_pointer (&error));
      return;
    }

  info->api_root = g_strdup (root);
  nd_wordpress_remote_set_api_root (self, root);
  self->has_plugin = info->has_newsdesk_plugin;
  g_task_return_pointer (task, g_steal_pointer (&info), (GDestroyNotify) nd_wp_site_info_free);
}

static void
discovery_response (GTask       *task,
                    SoupMessage *message,
                    GBytes      *body)
{
  NdWordpressRemote *self = g_task_get_source_object (task);
  Discovery *discovery = g_task_get_task_data (task);
  guint status = soup_message_get_status (message);
  SoupMessageHeaders *headers = soup_message_get_response_headers (message);
  g_autoptr(JsonNode) node = NULL;
  g_autofree char *link = NULL;

  if (SOUP_STATUS_IS_REDIRECTION (status))
    {
      const char *location = soup_message_headers_get_one (headers, "Location");
      g_autoptr(GUri) target = NULL;
      g_autofree char *checked = NULL;
      g_autoptr(GError) error = NULL;

      if (location == NULL || ++discovery->redirects > MAX_REDIRECTS)
        {
          g_task_return_error (task, nd_remote_error_new (ND_REMOTE_ERROR_NOT_WORDPRESS, status, NULL, 0, NULL));
          return;
        }
      target = g_uri_parse_relative (soup_message_get_uri (message), location, G_URI_FLAGS_NONE, NULL);
      if (target == NULL)
        {
          g_task_return_error (task, nd_remote_error_new (ND_REMOTE_ERROR_NOT_WORDPRESS, status, NULL, 0, NULL));
          return;
        }
      /* The same rules as for the address typed: no https → http onto
       * another computer. */
      g_free (discovery->url);
      discovery->url = g_uri_to_string (target);
      checked = check_url (discovery->url, &error);
      if (checked == NULL)
        {
          g_task_return_error (task, g_steal_pointer (&error));
          return;
        }
      discovery_get (task, discovery->url);
      return;
    }

  if (status == 401 || status == 403 || status == 429 || status >= 500)
    {
      g_task_return_error (task, classify_http (self, status, headers, body));
      return;
    }

  if (status_ok (status))
    {
      gsize length = 0;
      const char *data = g_bytes_get_data (body, &length);

      if (discovery->stage != STAGE_HOME)
        node = nd_wp_json_parse (data, length, NULL);
      if (node != NULL && JSON_NODE_HOLDS_OBJECT (node) &&
          json_object_has_member (json_node_get_object (node), "namespaces"))
        {
          g_autofree char *root = NULL;
          g_autofree char *url = g_uri_to_string (soup_message_get_uri (message));
          char *query = strchr (url, '?');

          /* The root is the address that answered, without the query when
           * it is `/wp-json/`; the `?rest_route=/` form keeps its query. */
          if (query != NULL && strstr (query, "rest_route=") == NULL)
            *query = '\0';
          root = g_steal_pointer (&url);
          discovery_index_found (task, message, node, root);
          return;
        }
    }

  /* The site answered, but not with the index at /wp-json/: perhaps the
   * site has no pretty permalinks, or its API lives elsewhere. The front
   * page's Link header says where. */
  link = api_link (headers);
  if (link != NULL && discovery->stage != STAGE_LINKED_INDEX)
    {
      g_autoptr(GError) error = NULL;
      g_autofree char *checked = check_url (link, &error);

      if (checked == NULL)
        {
          g_task_return_error (task, g_steal_pointer (&error));
          return;
        }
      discovery->stage = STAGE_LINKED_INDEX;
      discovery->redirects = 0;
      g_free (discovery->url);
      discovery->url = g_strdup (link);
      discovery_get (task, link);
      return;
    }

  if (discovery->stage == STAGE_INDEX)
    {
      discovery->stage = STAGE_HOME;
      discovery->redirects = 0;
      g_free (discovery->url);
      discovery->url = g_strconcat (self->site_url, "/", NULL);
      discovery_get (task, discovery->url);
      return;
    }

  g_task_return_error (task, nd_remote_error_new (ND_REMOTE_ERROR_NOT_WORDPRESS, status, NULL, 0, NULL));
}

static void
nd_wordpress_remote_discover_async (NdRemote            *remote,
                                    GCancellable        *cancellable,
                                    GAsyncReadyCallback  callback,
                                    gpointer             user_data)
{
  NdWordpressRemote *self = ND_WORDPRESS_REMOTE (remote);
  g_autoptr(GTask) task = new_task (self, cancellable, callback, user_data, nd_wordpress_remote_discover_async);
  Discovery *discovery = g_new0 (Discovery, 1);

  discovery->url = g_strconcat (self->site_url, "/wp-json/", NULL);
  discovery->stage = STAGE_INDEX;
  g_task_set_task_data (task, discovery, (GDestroyNotify) discovery_free);
  discovery_get (task, discovery->url);
}

static NdWpSiteInfo *
nd_wordpress_remote_discover_finish (NdRemote      *remote,
                                     GAsyncResult  *result,
                                     GError       **error)
{
  return finish_pointer (remote, result, nd_wordpress_remote_discover_async, error);
}

/* Users and settings ------------------------------------------------------- */

static void
user_response (GTask       *task,
               SoupMessage *message,
               GBytes      *body)
{
  g_autoptr(GError) error = NULL;
  g_autoptr(JsonNode) node = expect_json (task, message, body, &error);
  g_autoptr(NdWpUser) user = NULL;

  if (node != NULL)
    user = nd_wp_user_new_from_json (node, &error);
  if (user == NULL)
    g_task_return_error (task, g_steal_pointer (&error));
  else
    g_task_return_pointer (task, g_steal_pointer (&user), (GDestroyNotify) nd_wp_user_free);
}

static void
nd_wordpress_remote_check_auth_async (NdRemote            *remote,
                                      GCancellable        *cancellable,
                                      GAsyncReadyCallback  callback,
                                      gpointer             user_data)
{
  g_autoptr(GTask) task = new_task (remote, cancellable, callback, user_data, nd_wordpress_remote_check_auth_async);

  if (ND_WORDPRESS_REMOTE (remote)->authorization == NULL)
    {
      g_task_return_error (task, nd_remote_error_new (ND_REMOTE_ERROR_AUTH_FAILED, 0, NULL, 0, NULL));
      return;
    }
  send_route (task, "GET", "wp/v2/users/me", "context=edit", NULL, user_response);
}

static NdWpUser *
nd_wordpress_remote_check_auth_finish (NdRemote      *remote,
                                       GAsyncResult  *result,
                                       GError       **error)
{
  return finish_pointer (remote, result, nd_wordpress_remote_check_auth_async, error);
}

static void
settings_response (GTask       *task,
                   SoupMessage *message,
                   GBytes      *body)
{
  NdWordpressRemote *self = g_task_get_source_object (task);
  g_autoptr(GError) error = NULL;
  g_autoptr(JsonNode) node = expect_json (task, message, body, &error);
  g_autoptr(NdWpSiteInfo) info = g_new0 (NdWpSiteInfo, 1);

  if (node == NULL || !nd_wp_site_info_update_from_settings (info, node, &error))
    {
      g_task_return_error (task, g_steal_pointer (&error));
      return;
    }
  info->api_root = g_strdup (self->api_root);
  if (info->name == NULL)
    info->name = g_strdup ("");
  g_task_return_pointer (task, g_steal_pointer (&info), (GDestroyNotify) nd_wp_site_info_free);
}

static void
nd_wordpress_remote_get_settings_async (NdRemote            *remote,
                                        GCancellable        *cancellable,
                                        GAsyncReadyCallback  callback,
                                        gpointer             user_data)
{
  g_autoptr(GTask) task = new_task (remote, cancellable, callback, user_data, nd_wordpress_remote_get_settings_async);

  send_route (task, "GET", "wp/v2/settings", NULL, NULL, settings_response);
}

static NdWpSiteInfo *
nd_wordpress_remote_get_settings_finish (NdRemote      *remote,
                                         GAsyncResult  *result,
                                         GError       **error)
{
  return finish_pointer (remote, result, nd_wordpress_remote_get_settings_async, error);
}

/* Posts -------------------------------------------------------------------- */

/* `X-WP-Total` and `X-WP-TotalPages`: plain decimal numbers, or -1. */
static gint64
header_count (SoupMessageHeaders *headers,
              const char         *name)
{
  const char *value = soup_message_headers_get_one (headers, name);
  guint64 parsed = 0;

  if (value == NULL || !g_ascii_string_to_unsigned (value, 10, 0, G_MAXINT32, &parsed, NULL))
    return -1;
  return (gint64) parsed;
}

static GPtrArray *
posts_from_array (JsonNode      *node,
                  NdWpPostPage  *page,
                  GError       **error)
{
  g_autoptr(GPtrArray) posts = g_ptr_array_new_with_free_func ((GDestroyNotify) nd_wp_post_free);
  JsonArray *array;

  if (!JSON_NODE_HOLDS_ARRAY (node))
    {
      g_propagate_error (error, nd_remote_error_new (ND_REMOTE_ERROR_MALFORMED, 0, NULL, 0, NULL));
      return NULL;
    }

  array = json_node_get_array (node);
  /* One post a plugin mangled must not stop the site's other posts from
   * coming: it is left out, counted and told. */
  for (guint i = 0; i < json_array_get_length (array); i++)
    {
      g_autoptr(GError) post_error = NULL;
      NdWpPost *post = nd_wp_post_new_from_json (json_array_get_element (array, i), &post_error);

      if (post == NULL)
        {
          if (page->rejection == NULL)
            page->rejection = g_strdup (post_error->message);
          page->n_rejected++;
          continue;
        }
      g_ptr_array_add (posts, post);
    }
  return g_steal_pointer (&posts);
}

typedef struct
{
  int page;
  int per_page;
} PageData;

static void
posts_page_response (GTask       *task,
                     SoupMessage *message,
                     GBytes      *body)
{
  PageData *data = g_task_get_task_data (task);
  SoupMessageHeaders *headers = soup_message_get_response_headers (message);
  g_autoptr(GError) error = NULL;
  g_autoptr(JsonNode) node = NULL;
  g_autoptr(NdWpPostPage) page = g_new0 (NdWpPostPage, 1);
  const char *date = soup_message_headers_get_one (headers, "Date");
  gint64 total_pages;

  if (date != NULL)
    page->server_date = soup_date_time_new_from_http_string (date);

  /* Asking past the last page (the site lost posts since page 1 was read)
   * is an empty page, not a failure. */
  if (soup_message_get_status (message) == 400)
    {
      g_autoptr(GError) http_error = classify_http (g_task_get_source_object (task), 400, headers, body);

      if (g_strcmp0 (nd_remote_error_get_wp_code (http_error), "rest_post_invalid_page_number") == 0)
        {
          page->posts = g_ptr_array_new_with_free_func ((GDestroyNotify) nd_wp_post_free);
          page->total = -1;
          page->total_pages = MAX (1, data->page - 1);
          g_task_return_pointer (task, g_steal_pointer (&page), (GDestroyNotify) nd_wp_post_page_free);
          return;
        }
    }

  node = expect_json (task, message, body, &error);
  if (node != NULL)
    page->posts = posts_from_array (node, page, &error);
  if (page->posts == NULL)
    {
      g_task_return_error (task, g_steal_pointer (&error));
      return;
    }

  page->total = header_count (headers, "X-WP-Total");
  total_pages = header_count (headers, "X-WP-TotalPages");
  if (total_pages < 0)
    /* Without the header, a full page means there may be more. */
    total_pages = (int) page->posts->len < data->per_page ? data->page : data->page + 1;
  page->total_pages = (int) MAX (1, total_pages);

  if (page->posts->len > (guint) data->per_page)
    {
      g_task_return_error (task, nd_remote_error_new (ND_REMOTE_ERROR_MALFORMED, 0, NULL, 0, NULL));
      return;
    }

  g_task_return_pointer (task, g_steal_pointer (&page), (GDestroyNotify) nd_wp_post_page_free);
}

static void
nd_wordpress_remote_list_posts_async (NdRemote            *remote,
                                      GDateTime           *modified_after,
                                      int                  page,
                                      int                  per_page,
                                      GCancellable        *cancellable,
                                      GAsyncReadyCallback  callback,
                                      gpointer             user_data)
{
  g_autoptr(GTask) task = new_task (remote, cancellable, callback, user_data, nd_wordpress_remote_list_posts_async);
  g_autoptr(GString) query = g_string_new (NULL);
  PageData *data = g_new0 (PageData, 1);

  data->page = MAX (1, page);
  data->per_page = CLAMP (per_page, 1, MAX_PER_PAGE);
  g_task_set_task_data (task, data, g_free);

  /* By id, not by modified time: many posts share a modified second (an
   * import, a bulk edit) and MySQL orders ties differently from page to
   * page, so paging by modified time skips some posts and repeats others.
   * The set is the same (modified_after), only its order changes. */
  query_add (query, "context", "edit");
  query_add (query, "orderby", "id");
  query_add (query, "order", "asc");
  query_add_int (query, "per_page", data->per_page);
  query_add_int (query, "page", data->page);
  query_add (query, "status", ALL_STATUSES);
  if (modified_after != NULL)
    {
      g_autoptr(GDateTime) utc = g_date_time_to_utc (modified_after);
      /* With the Z, WordPress takes the instant as UTC; without it, in the
       * site's time zone. */
      g_autofree char *text = g_date_time_format (utc, "%Y-%m-%dT%H:%M:%SZ");

      query_add (query, "modified_after", text);
    }

  send_route (task, "GET", "wp/v2/posts", query->str, NULL, posts_page_response);
}

static NdWpPostPage *
nd_wordpress_remote_list_posts_finish (NdRemote      *remote,
                                       GAsyncResult  *result,
                                       GError       **error)
{
  return finish_pointer (remote, result, nd_wordpress_remote_list_posts_async, error);
}

static void
nd_wordpress_remote_get_posts_async (NdRemote            *remote,
                                     GArray              *ids,
                                     GCancellable        *cancellable,
                                     GAsyncReadyCallback  callback,
                                     gpointer             user_data)
{
  g_autoptr(GTask) task = new_task (remote, cancellable, callback, user_data, nd_wordpress_remote_get_posts_async);
  g_autoptr(GString) query = g_string_new (NULL);
  g_autoptr(GString) include = g_string_new (NULL);
  PageData *data = g_new0 (PageData, 1);

  data->page = 1;
  data->per_page = CLAMP ((int) ids->len, 1, MAX_PER_PAGE);
  g_task_set_task_data (task, data, g_free);

  for (guint i = 0; i < ids->len && i < MAX_PER_PAGE; i++)
    g_string_append_printf (include, "%s%" G_GINT64_FORMAT, i > 0 ? "," : "", g_array_index (ids, gint64, i));

  query_add (query, "context", "edit");
  query_add (query, "include", include->str);
  query_add (query, "orderby", "include");
  query_add_int (query, "per_page", data->per_page);
  query_add (query, "status", ALL_STATUSES);

  send_route (task, "GET", "wp/v2/posts", query->str, NULL, posts_page_response);
}

static NdWpPostPage *
nd_wordpress_remote_get_posts_finish (NdRemote      *remote,
                                      GAsyncResult  *result,
                                      GError       **error)
{
  return finish_pointer (remote, result, nd_wordpress_remote_get_posts_async, error);
}

typedef struct
{
  GArray *ids;
  int     page;
} IdsData;

static void
ids_data_free (IdsData *data)
{
  g_clear_pointer (&data->ids, g_array_unref);
  g_free (data);
}

static void ids_request (GTask *task);

static void
ids_response (GTask       *task,
              SoupMessage *message,
              GBytes      *body)
{
  IdsData *data = g_task_get_task_data (task);
  g_autoptr(GError) error = NULL;
  g_autoptr(JsonNode) node = expect_json (task, message, body, &error);
  gint64 total_pages;
  JsonArray *array;

  if (node == NULL)
    {
      g_task_return_error (task, g_steal_pointer (&error));
      return;
    }
  if (!JSON_NODE_HOLDS_ARRAY (node))
    {
      g_task_return_error (task, nd_remote_error_new (ND_REMOTE_ERROR_MALFORMED, 0, NULL, 0, NULL));
      return;
    }

  array = json_node_get_array (node);
  for (guint i = 0; i < json_array_get_length (array); i++)
    {
      JsonNode *element = json_array_get_element (array, i);
      JsonNode *id_node = JSON_NODE_HOLDS_OBJECT (element)
                            ? json_object_get_member (json_node_get_object (element), "id") : NULL;
      gint64 id;

      if (id_node == NULL || !JSON_NODE_HOLDS_VALUE (id_node) ||
          json_node_get_value_type (id_node) != G_TYPE_INT64 || (id = json_node_get_int (id_node)) <= 0)
        {
          g_task_return_error (task, nd_remote_error_new (ND_REMOTE_ERROR_MALFORMED, 0, NULL, 0, NULL));
          return;
        }
      g_array_append_val (data->ids, id);
    }

  total_pages = header_count (soup_message_get_response_headers (message), "X-WP-TotalPages");
  if (total_pages < 0)
    total_pages = json_array_get_length (array) < MAX_PER_PAGE ? data->page : data->page + 1;

  /* A site with a million posts is read, but a broken header claiming more
   * pages than posts cannot keep this going. */
  if (data->page < total_pages && json_array_get_length (array) > 0)
    {
      data->page++;
      ids_request (task);
      return;
    }

  g_task_return_pointer (task, g_steal_pointer (&data->ids), (GDestroyNotify) g_array_unref);
}

static void
ids_request (GTask *task)
{
  IdsData *data = g_task_get_task_data (task);
  g_autoptr(GString) query = g_string_new (NULL);

  query_add (query, "context", "edit");
  query_add (query, "_fields", "id");
  query_add (query, "orderby", "id");
  query_add (query, "order", "asc");
  query_add_int (query, "per_page", MAX_PER_PAGE);
  query_add_int (query, "page", data->page);
  query_add (query, "status", ALL_STATUSES);
  send_route (task, "GET", "wp/v2/posts", query->str, NULL, ids_response);
}

static void
nd_wordpress_remote_list_post_ids_async (NdRemote            *remote,
                                         GCancellable        *cancellable,
                                         GAsyncReadyCallback  callback,
                                         gpointer             user_data)
{
  g_autoptr(GTask) task = new_task (remote, cancellable, callback, user_data, nd_wordpress_remote_list_post_ids_async);
  IdsData *data = g_new0 (IdsData, 1);

  data->ids = g_array_new (FALSE, FALSE, sizeof (gint64));
  data->page = 1;
  g_task_set_task_data (task, data, (GDestroyNotify) ids_data_free);
  ids_request (task);
}

static GArray *
nd_wordpress_remote_list_post_ids_finish (NdRemote      *remote,
                                          GAsyncResult  *result,
                                          GError       **error)
{
  return finish_pointer (remote, result, nd_wordpress_remote_list_post_ids_async, error);
}

static void
post_response (GTask       *task,
               SoupMessage *message,
               GBytes      *body)
{
  g_autoptr(GError) error = NULL;
  g_autoptr(JsonNode) node = expect_json (task, message, body, &error);
  g_autoptr(NdWpPost) post = NULL;

  if (node != NULL)
    post = nd_wp_post_new_from_json (node, &error);
  if (post == NULL)
    g_task_return_error (task, g_steal_pointer (&error));
  else
    g_task_return_pointer (task, g_steal_pointer (&post), (GDestroyNotify) nd_wp_post_free);
}

static char *
post_route (gint64 id)
{
  return g_strdup_printf ("wp/v2/posts/%" G_GINT64_FORMAT, id);
}

static gboolean
check_id (GTask  *task,
          gint64  id)
{
  if (id > 0)
    return TRUE;
  g_task_return_error (task, nd_remote_error_new (ND_REMOTE_ERROR_NOT_FOUND, 0, NULL, 0, NULL));
  return FALSE;
}

static void
nd_wordpress_remote_get_post_async (NdRemote            *remote,
                                    gint64               id,
                                    GCancellable        *cancellable,
                                    GAsyncReadyCallback  callback,
                                    gpointer             user_data)
{
  g_autoptr(GTask) task = new_task (remote, cancellable, callback, user_data, nd_wordpress_remote_get_post_async);
  g_autofree char *route = post_route (id);

  if (check_id (task, id))
    send_route (task, "GET", route, "context=edit", NULL, post_response);
}

static NdWpPost *
nd_wordpress_remote_get_post_finish (NdRemote      *remote,
                                     GAsyncResult  *result,
                                     GError       **error)
{
  return finish_pointer (remote, result, nd_wordpress_remote_get_post_async, error);
}

static void
revisions_response (GTask       *task,
                    SoupMessage *message,
                    GBytes      *body)
{
  g_autoptr(GError) error = NULL;
  g_autoptr(JsonNode) node = expect_json (task, message, body, &error);
  g_autoptr(GPtrArray) revisions = NULL;
  JsonArray *array;

  if (node == NULL)
    {
      g_task_return_error (task, g_steal_pointer (&error));
      return;
    }
  if (!JSON_NODE_HOLDS_ARRAY (node))
    {
      g_task_return_error (task, nd_remote_error_new (ND_REMOTE_ERROR_MALFORMED, soup_message_get_status (message),
                                                      NULL, 0, NULL));
      return;
    }

  array = json_node_get_array (node);
  revisions = g_ptr_array_new_with_free_func ((GDestroyNotify) nd_wp_revision_free);
  for (guint i = 0; i < json_array_get_length (array); i++)
    {
      NdWpRevision *revision = nd_wp_revision_new_from_json (json_array_get_element (array, i), &error);

      if (revision == NULL)
        {
          g_task_return_error (task, g_steal_pointer (&error));
          return;
        }
      g_ptr_array_add (revisions, revision);
    }

  g_task_return_pointer (task, g_steal_pointer (&revisions), (GDestroyNotify) g_ptr_array_unref);
}

static void
nd_wordpress_remote_list_revisions_async (NdRemote            *remote,
                                          gint64               id,
                                          int                  per_page,
                                          GCancellable        *cancellable,
                                          GAsyncReadyCallback  callback,
                                          gpointer             user_data)
{
  g_autoptr(GTask) task = new_task (remote, cancellable, callback, user_data,
                                    nd_wordpress_remote_list_revisions_async);
  g_autofree char *route = g_strdup_printf ("wp/v2/posts/%" G_GINT64_FORMAT "/revisions", id);
  g_autofree char *query = g_strdup_printf ("context=edit&per_page=%d", CLAMP (per_page, 1, 100));

  if (check_id (task, id))
    send_route (task, "GET", route, query, NULL, revisions_response);
}

static GPtrArray *
nd_wordpress_remote_list_revisions_finish (NdRemote      *remote,
                                           GAsyncResult  *result,
                                           GError       **error)
{
  return finish_pointer (remote, result, nd_wordpress_remote_list_revisions_async, error);
}

static void
nd_wordpress_remote_create_post_async (NdRemote            *remote,
                                       JsonObject          *body,
                                       GCancellable        *cancellable,
                                       GAsyncReadyCallback  callback,
                                       gpointer             user_data)
{
  g_autoptr(GTask) task = new_task (remote, cancellable, callback, user_data, nd_wordpress_remote_create_post_async);

  g_return_if_fail (body != NULL);
  send_route (task, "POST", "wp/v2/posts", "context=edit", body, post_response);
}

static NdWpPost *
nd_wordpress_remote_create_post_finish (NdRemote      *remote,
                                        GAsyncResult  *result,
                                        GError       **error)
{
  return finish_pointer (remote, result, nd_wordpress_remote_create_post_async, error);
}

static void
nd_wordpress_remote_update_post_async (NdRemote            *remote,
                                       gint64               id,
                                       JsonObject          *body,
                                       GCancellable        *cancellable,
                                       GAsyncReadyCallback  callback,
                                       gpointer             user_data)
{
  g_autoptr(GTask) task = new_task (remote, cancellable, callback, user_data, nd_wordpress_remote_update_post_async);
  g_autofree char *route = post_route (id);

  g_return_if_fail (body != NULL);
  if (check_id (task, id))
    send_route (task, "POST", route, "context=edit", body, post_response);
}

static NdWpPost *
nd_wordpress_remote_update_post_finish (NdRemote      *remote,
                                        GAsyncResult  *result,
                                        GError       **error)
{
  return finish_pointer (remote, result, nd_wordpress_remote_update_post_async, error);
}

static void
delete_response (GTask       *task,
                 SoupMessage *message,
                 GBytes      *body)
{
  g_autoptr(GError) error = NULL;
  g_autoptr(JsonNode) node = expect_json (task, message, body, &error);

  if (node == NULL)
    g_task_return_error (task, g_steal_pointer (&error));
  else if (!JSON_NODE_HOLDS_OBJECT (node))
    g_task_return_error (task, nd_remote_error_new (ND_REMOTE_ERROR_MALFORMED, 0, NULL, 0, NULL));
  else
    g_task_return_boolean (task, TRUE);
}

static void
nd_wordpress_remote_delete_post_async (NdRemote            *remote,
                                       gint64               id,
                                       gboolean             force,
                                       GCancellable        *cancellable,
                                       GAsyncReadyCallback  callback,
                                       gpointer             user_data)
{
  g_autoptr(GTask) task = new_task (remote, cancellable, callback, user_data, nd_wordpress_remote_delete_post_async);
  g_autofree char *route = post_route (id);

  if (check_id (task, id))
    send_route (task, "DELETE", route, force ? "force=true" : NULL, NULL, delete_response);
}

static gboolean
nd_wordpress_remote_delete_post_finish (NdRemote      *remote,
                                        GAsyncResult  *result,
                                        GError       **error)
{
  g_return_val_if_fail (g_task_is_valid (result, remote), FALSE);
  return g_task_propagate_boolean (G_TASK (result), error);
}

/* Finding a post by its uuid ----------------------------------------------- */

typedef struct
{
  char     *uuid;
  gboolean  searching;
} FindData;

static void
find_data_free (FindData *data)
{
  g_free (data->uuid);
  g_free (data);
}

static void find_search (GTask *task);

/* Neither the plugin's filter (ignored by a site without the plugin, which
 * then lists every post) nor a full-text search is exact, so each hit is
 * checked. */
static gboolean
post_has_uuid (NdWpPost   *post,
               const char *uuid)
{
  g_autofree char *marker = NULL;

  if (g_strcmp0 (post->uuid, uuid) == 0)
    return TRUE;
  marker = nd_wp_content_find_uuid (post->content != NULL ? post->content : "");
  return g_strcmp0 (marker, uuid) == 0;
}

static void
find_response (GTask       *task,
               SoupMessage *message,
               GBytes      *body)
{
  FindData *data = g_task_get_task_data (task);
  g_autoptr(GError) error = NULL;
  g_autoptr(JsonNode) node = expect_json (task, message, body, &error);
  g_autoptr(GPtrArray) posts = NULL;
  NdWpPostPage rejected = { 0 };

  if (node != NULL)
    posts = posts_from_array (node, &rejected, &error);
  g_free (rejected.rejection);
  if (posts == NULL)
    {
      g_task_return_error (task, g_steal_pointer (&error));
      return;
    }

  /* The lowest id wins, should a lost answer have made two. */
  for (guint i = 0; i < posts->len; i++)
    {
      NdWpPost *post = g_ptr_array_index (posts, i);

      if (post_has_uuid (post, data->uuid))
        {
          g_task_return_pointer (task, g_ptr_array_steal_index (posts, i), (GDestroyNotify) nd_wp_post_free);
          return;
        }
    }

  if (!data->searching)
    {
      find_search (task);
      return;
    }
  g_task_return_pointer (task, NULL, NULL);
}

static void
find_search (GTask *task)
{
  FindData *data = g_task_get_task_data (task);
  g_autoptr(GString) query = g_string_new (NULL);

  data->searching = TRUE;
  query_add (query, "search", data->uuid);
  query_add (query, "context", "edit");
  query_add (query, "status", ALL_STATUSES);
  query_add (query, "orderby", "id");
  query_add (query, "order", "asc");
  query_add_int (query, "per_page", MAX_PER_PAGE);
  send_route (task, "GET", "wp/v2/posts", query->str, NULL, find_response);
}

static void
nd_wordpress_remote_find_post_by_uuid_async (NdRemote            *remote,
                                             const char          *uuid,
                                             GCancellable        *cancellable,
                                             GAsyncReadyCallback  callback,
                                             gpointer             user_data)
{
  NdWordpressRemote *self = ND_WORDPRESS_REMOTE (remote);
  g_autoptr(GTask) task = new_task (remote, cancellable, callback, user_data, nd_wordpress_remote_find_post_by_uuid_async);
  FindData *data;

  if (uuid == NULL || !g_uuid_string_is_valid (uuid))
    {
      g_task_return_pointer (task, NULL, NULL);
      return;
    }

  data = g_new0 (FindData, 1);
  data->uuid = g_strdup (uuid);
  g_task_set_task_data (task, data, (GDestroyNotify) find_data_free);

  if (self->has_plugin)
    {
      g_autoptr(GString) query = g_string_new (NULL);

      query_add (query, "newsdesk_uuid", uuid);
      query_add (query, "context", "edit");
      query_add (query, "status", ALL_STATUSES);
      query_add (query, "orderby", "id");
      query_add (query, "order", "asc");
      send_route (task, "GET", "wp/v2/posts", query->str, NULL, find_response);
      return;
    }

  /* Without the plugin, or when the plugin came after the post was made,
   * only the marker in the content finds it. */
  find_search (task);
}

static NdWpPost *
nd_wordpress_remote_find_post_by_uuid_finish (NdRemote      *remote,
                                              GAsyncResult  *result,
                                              GError       **error)
{
  return finish_pointer (remote, result, nd_wordpress_remote_find_post_by_uuid_async, error);
}

/* Terms -------------------------------------------------------------------- */

static void
terms_response (GTask       *task,
                SoupMessage *message,
                GBytes      *body)
{
  NdWpTermKind kind = GPOINTER_TO_INT (g_task_get_task_data (task));
  g_autoptr(GError) error = NULL;
  g_autoptr(JsonNode) node = expect_json (task, message, body, &error);
  g_autoptr(GPtrArray) terms = g_ptr_array_new_with_free_func ((GDestroyNotify) nd_wp_term_free);
  gint64 total_pages;
  JsonArray *array;

  if (node == NULL)
    {
      g_task_return_error (task, g_steal_pointer (&error));
      return;
    }
  if (!JSON_NODE_HOLDS_ARRAY (node))
    {
      g_task_return_error (task, nd_remote_error_new (ND_REMOTE_ERROR_MALFORMED, 0, NULL, 0, NULL));
      return;
    }

  array = json_node_get_array (node);
  for (guint i = 0; i < json_array_get_length (array); i++)
    {
      NdWpTerm *term = nd_wp_term_new_from_json (json_array_get_element (array, i), kind, &error);

      if (term == NULL)
        {
          g_task_return_error (task, g_steal_pointer (&error));
          return;
        }
      g_ptr_array_add (terms, term);
    }

  total_pages = header_count (soup_message_get_response_headers (message), "X-WP-TotalPages");
  g_object_set_data (G_OBJECT (task), "nd-total-pages", GINT_TO_POINTER ((int) CLAMP (total_pages, 1, G_MAXINT)));
  g_task_return_pointer (task, g_steal_pointer (&terms), (GDestroyNotify) g_ptr_array_unref);
}

static void
nd_wordpress_remote_list_terms_async (NdRemote            *remote,
                                      NdWpTermKind         kind,
                                      int                  page,
                                      GCancellable        *cancellable,
                                      GAsyncReadyCallback  callback,
                                      gpointer             user_data)
{
  g_autoptr(GTask) task = new_task (remote, cancellable, callback, user_data, nd_wordpress_remote_list_terms_async);
  g_autoptr(GString) query = g_string_new (NULL);
  g_autofree char *route = g_strconcat ("wp/v2/", nd_wp_term_kind_to_route (kind), NULL);

  g_task_set_task_data (task, GINT_TO_POINTER (kind), NULL);
  query_add_int (query, "per_page", MAX_PER_PAGE);
  query_add_int (query, "page", MAX (1, page));
  query_add (query, "orderby", "id");
  query_add (query, "hide_empty", "false");
  send_route (task, "GET", route, query->str, NULL, terms_response);
}

static GPtrArray *
nd_wordpress_remote_list_terms_finish (NdRemote      *remote,
                                       GAsyncResult  *result,
                                       int           *total_pages,
                                       GError       **error)
{
  GPtrArray *terms = finish_pointer (remote, result, nd_wordpress_remote_list_terms_async, error);

  if (total_pages != NULL)
    *total_pages = terms != NULL ? GPOINTER_TO_INT (g_object_get_data (G_OBJECT (result), "nd-total-pages")) : 0;
  return terms;
}

static void
term_response (GTask       *task,
               SoupMessage *message,
               GBytes      *body)
{
  NdWpTermKind kind = GPOINTER_TO_INT (g_task_get_task_data (task));
  g_autoptr(GError) error = NULL;
  g_autoptr(JsonNode) node = expect_json (task, message, body, &error);
  g_autoptr(NdWpTerm) term = NULL;

  if (node != NULL)
    term = nd_wp_term_new_from_json (node, kind, &error);
  if (term == NULL)
    g_task_return_error (task, g_steal_pointer (&error));
  else
    g_task_return_pointer (task, g_steal_pointer (&term), (GDestroyNotify) nd_wp_term_free);
}

static void
nd_wordpress_remote_get_term_async (NdRemote            *remote,
                                    NdWpTermKind         kind,
                                    gint64               id,
                                    GCancellable        *cancellable,
                                    GAsyncReadyCallback  callback,
                                    gpointer             user_data)
{
  g_autoptr(GTask) task = new_task (remote, cancellable, callback, user_data, nd_wordpress_remote_get_term_async);
  g_autofree char *route = g_strdup_printf ("wp/v2/%s/%" G_GINT64_FORMAT, nd_wp_term_kind_to_route (kind), id);

  g_task_set_task_data (task, GINT_TO_POINTER (kind), NULL);
  if (check_id (task, id))
    send_route (task, "GET", route, NULL, NULL, term_response);
}

static NdWpTerm *
nd_wordpress_remote_get_term_finish (NdRemote      *remote,
                                     GAsyncResult  *result,
                                     GError       **error)
{
  return finish_pointer (remote, result, nd_wordpress_remote_get_term_async, error);
}

/* `term_exists` carries the existing term's id in `data.term_id`. */
static gint64
existing_term_id (GBytes *body)
{
  g_autoptr(JsonObject) object = error_body (body);
  JsonNode *data = object != NULL ? json_object_get_member (object, "data") : NULL;
  JsonNode *id;

  if (data == NULL || !JSON_NODE_HOLDS_OBJECT (data))
    return 0;
  id = json_object_get_member (json_node_get_object (data), "term_id");
  if (id == NULL || !JSON_NODE_HOLDS_VALUE (id) || json_node_get_value_type (id) != G_TYPE_INT64)
    return 0;
  return MAX (0, json_node_get_int (id));
}

static void
term_created_response (GTask       *task,
                       SoupMessage *message,
                       GBytes      *body)
{
  NdWpTermKind kind = GPOINTER_TO_INT (g_task_get_task_data (task));
  g_autoptr(GError) error = NULL;
  g_autoptr(JsonNode) node = NULL;
  g_autoptr(NdWpTerm) term = NULL;

  if (soup_message_get_status (message) == 400)
    {
      NdWordpressRemote *self = g_task_get_source_object (task);
      g_autoptr(GError) http_error = classify_http (self, 400, soup_message_get_response_headers (message), body);

      if (g_error_matches (http_error, ND_REMOTE_ERROR, ND_REMOTE_ERROR_TERM_EXISTS))
        {
          gint64 id = existing_term_id (body);

          if (id > 0)
            g_task_return_int (task, id);
          else
            g_task_return_error (task, nd_remote_error_new (ND_REMOTE_ERROR_MALFORMED, 400, "term_exists", 0, NULL));
          return;
        }
    }

  node = expect_json (task, message, body, &error);
  if (node != NULL)
    term = nd_wp_term_new_from_json (node, kind, &error);
  if (term == NULL)
    g_task_return_error (task, g_steal_pointer (&error));
  else
    g_task_return_int (task, term->id);
}

static void
nd_wordpress_remote_create_term_async (NdRemote            *remote,
                                       NdWpTermKind         kind,
                                       const char          *name,
                                       GCancellable        *cancellable,
                                       GAsyncReadyCallback  callback,
                                       gpointer             user_data)
{
  g_autoptr(GTask) task = new_task (remote, cancellable, callback, user_data, nd_wordpress_remote_create_term_async);
  g_autofree char *route = g_strconcat ("wp/v2/", nd_wp_term_kind_to_route (kind), NULL);
  g_autoptr(JsonObject) body = json_object_new ();

  g_return_if_fail (name != NULL);

  g_task_set_task_data (task, GINT_TO_POINTER (kind), NULL);
  json_object_set_string_member (body, "name", name);
  send_route (task, "POST", route, NULL, body, term_created_response);
}

static gint64
nd_wordpress_remote_create_term_finish (NdRemote      *remote,
                                        GAsyncResult  *result,
                                        GError       **error)
{
  g_return_val_if_fail (g_task_is_valid (result, remote), 0);
  return (gint64) g_task_propagate_int (G_TASK (result), error);
}

/* Media -------------------------------------------------------------------- */

static void
media_response (GTask       *task,
                SoupMessage *message,
                GBytes      *body)
{
  g_autoptr(GError) error = NULL;
  g_autoptr(JsonNode) node = expect_json (task, message, body, &error);
  g_autoptr(NdWpMedia) media = NULL;

  if (node != NULL)
    media = nd_wp_media_new_from_json (node, &error);
  if (media == NULL)
    g_task_return_error (task, g_steal_pointer (&error));
  else
    g_task_return_pointer (task, g_steal_pointer (&media), (GDestroyNotify) nd_wp_media_free);
}

static void
nd_wordpress_remote_upload_media_async (NdRemote            *remote,
                                        GBytes              *data,
                                        const char          *filename,
                                        const char          *content_type,
                                        GCancellable        *cancellable,
                                        GAsyncReadyCallback  callback,
                                        gpointer             user_data)
{
  NdWordpressRemote *self = ND_WORDPRESS_REMOTE (remote);
  g_autoptr(GTask) task = new_task (remote, cancellable, callback, user_data, nd_wordpress_remote_upload_media_async);
  g_autofree char *url = route_url (self, "wp/v2/media", "context=edit");
  g_autoptr(SoupMessage) message = new_message (self, "POST", url, TRUE);
  g_autoptr(GHashTable) params = g_hash_table_new (g_str_hash, g_str_equal);
  g_autofree char *base = g_path_get_basename (filename != NULL && *filename != '\0' ? filename : "image");

  g_return_if_fail (data != NULL);

  if (message != NULL)
    {
      /* libsoup encodes a non-ASCII name as RFC 5987 `filename*`. */
      g_hash_table_insert (params, (gpointer) "filename", base);
      soup_message_headers_set_content_disposition (soup_message_get_request_headers (message),
                                                    "attachment", params);
      soup_message_set_request_body_from_bytes (message,
                                                content_type != NULL ? content_type : "application/octet-stream",
                                                data);
    }
  send_message (task, message, media_response);
}

static NdWpMedia *
nd_wordpress_remote_upload_media_finish (NdRemote      *remote,
                                         GAsyncResult  *result,
                                         GError       **error)
{
  return finish_pointer (remote, result, nd_wordpress_remote_upload_media_async, error);
}

static void
nd_wordpress_remote_update_media_async (NdRemote            *remote,
                                        gint64               id,
                                        const char          *caption,
                                        const char          *alt_text,
                                        GCancellable        *cancellable,
                                        GAsyncReadyCallback  callback,
                                        gpointer             user_data)
{
  g_autoptr(GTask) task = new_task (remote, cancellable, callback, user_data, nd_wordpress_remote_update_media_async);
  g_autofree char *route = g_strdup_printf ("wp/v2/media/%" G_GINT64_FORMAT, id);
  g_autoptr(JsonObject) body = json_object_new ();

  if (caption != NULL)
    json_object_set_string_member (body, "caption", caption);
  if (alt_text != NULL)
    json_object_set_string_member (body, "alt_text", alt_text);
  if (check_id (task, id))
    send_route (task, "POST", route, "context=edit", body, media_response);
}

static NdWpMedia *
nd_wordpress_remote_update_media_finish (NdRemote      *remote,
                                         GAsyncResult  *result,
                                         GError       **error)
{
  return finish_pointer (remote, result, nd_wordpress_remote_update_media_async, error);
}

/* Batch -------------------------------------------------------------------- */

static void
batch_response (GTask       *task,
                SoupMessage *message,
                GBytes      *body)
{
  NdWordpressRemote *self = g_task_get_source_object (task);
  guint expected = GPOINTER_TO_UINT (g_task_get_task_data (task));
  g_autoptr(GError) error = NULL;
  g_autoptr(JsonNode) node = expect_json (task, message, body, &error);
  g_autoptr(GPtrArray) responses = g_ptr_array_new_with_free_func ((GDestroyNotify) nd_wp_batch_response_free);
  JsonNode *list;
  JsonArray *array;

  if (node == NULL)
    {
      g_task_return_error (task, g_steal_pointer (&error));
      return;
    }

  list = JSON_NODE_HOLDS_OBJECT (node) ? json_object_get_member (json_node_get_object (node), "responses") : NULL;
  if (list == NULL || !JSON_NODE_HOLDS_ARRAY (list) ||
      json_array_get_length (json_node_get_array (list)) != expected)
    {
      g_task_return_error (task, nd_remote_error_new (ND_REMOTE_ERROR_MALFORMED, 0, NULL, 0, NULL));
      return;
    }

  array = json_node_get_array (list);
  for (guint i = 0; i < expected; i++)
    {
      JsonNode *element = json_array_get_element (array, i);
      g_autoptr(NdWpBatchResponse) response = g_new0 (NdWpBatchResponse, 1);
      JsonObject *object;
      JsonNode *status;
      JsonNode *answer;

      if (!JSON_NODE_HOLDS_OBJECT (element))
        {
          g_task_return_error (task, nd_remote_error_new (ND_REMOTE_ERROR_MALFORMED, 0, NULL, 0, NULL));
          return;
        }
      object = json_node_get_object (element);
      status = json_object_get_member (object, "status");
      if (status == NULL || !JSON_NODE_HOLDS_VALUE (status) || json_node_get_value_type (status) != G_TYPE_INT64 ||
          json_node_get_int (status) < 100 || json_node_get_int (status) > 599)
        {
          g_task_return_error (task, nd_remote_error_new (ND_REMOTE_ERROR_MALFORMED, 0, NULL, 0, NULL));
          return;
        }
      response->status = (guint) json_node_get_int (status);
      answer = json_object_get_member (object, "body");
      if (answer != NULL)
        response->body = json_node_copy (answer);

      if (!status_ok (response->status))
        {
          g_autofree char *text = response->body != NULL ? json_to_string (response->body, FALSE) : g_strdup ("");
          gsize length = strlen (text);
          g_autoptr(GBytes) bytes = g_bytes_new_take (g_steal_pointer (&text), length);

          response->error = classify_http (self, response->status, soup_message_get_response_headers (message), bytes);
        }
      g_ptr_array_add (responses, g_steal_pointer (&response));
    }

  g_task_return_pointer (task, g_steal_pointer (&responses), (GDestroyNotify) g_ptr_array_unref);
}

static void
nd_wordpress_remote_batch_async (NdRemote            *remote,
                                 GPtrArray           *requests,
                                 GCancellable        *cancellable,
                                 GAsyncReadyCallback  callback,
                                 gpointer             user_data)
{
  g_autoptr(GTask) task = new_task (remote, cancellable, callback, user_data, nd_wordpress_remote_batch_async);
  g_autoptr(JsonObject) body = json_object_new ();
  JsonArray *list = json_array_new ();

  g_return_if_fail (requests != NULL);

  json_object_set_array_member (body, "requests", list);
  if (requests->len == 0 || requests->len > MAX_BATCH)
    {
      g_task_return_error (task, nd_remote_error_new (ND_REMOTE_ERROR_TOO_LARGE, 0, NULL, 0,
                                                      _("Too many changes for one request.")));
      return;
    }

  for (guint i = 0; i < requests->len; i++)
    {
      NdWpBatchRequest *request = g_ptr_array_index (requests, i);
      JsonObject *item = json_object_new ();
      g_autofree char *path = g_strconcat (request->path[0] == '/' ? "" : "/", request->path, NULL);

      json_object_set_string_member (item, "method", request->method);
      json_object_set_string_member (item, "path", path);
      if (request->body != NULL)
        json_object_set_object_member (item, "body", json_object_ref (request->body));
      json_array_add_object_element (list, item);
    }

  g_task_set_task_data (task, GUINT_TO_POINTER (requests->len), NULL);
  send_route (task, "POST", "batch/v1", NULL, body, batch_response);
}

static GPtrArray *
nd_wordpress_remote_batch_finish (NdRemote      *remote,
                                  GAsyncResult  *result,
                                  GError       **error)
{
  return finish_pointer (remote, result, nd_wordpress_remote_batch_async, error);
}

/* GObject ------------------------------------------------------------------ */

static void
nd_wordpress_remote_finalize (GObject *object)
{
  NdWordpressRemote *self = (NdWordpressRemote *) object;

  if (self->session != NULL)
    soup_session_abort (self->session);
  g_clear_object (&self->session);
  g_clear_pointer (&self->site_url, g_free);
  g_clear_pointer (&self->api_root, g_free);
  if (self->authorization != NULL)
    memset (self->authorization, 0, strlen (self->authorization));
  g_clear_pointer (&self->authorization, g_free);
  if (self->password != NULL)
    memset (self->password, 0, strlen (self->password));
  g_clear_pointer (&self->password, g_free);

  G_OBJECT_CLASS (nd_wordpress_remote_parent_class)->finalize (object);
}

static void
nd_wordpress_remote_class_init (NdWordpressRemoteClass *klass)
{
  GObjectClass *object_class = G_OBJECT_CLASS (klass);

  object_class->finalize = nd_wordpress_remote_finalize;
}

static void
nd_wordpress_remote_iface_init (NdRemoteInterface *iface)
{
  iface->discover_async = nd_wordpress_remote_discover_async;
  iface->discover_finish = nd_wordpress_remote_discover_finish;
  iface->check_auth_async = nd_wordpress_remote_check_auth_async;
  iface->check_auth_finish = nd_wordpress_remote_check_auth_finish;
  iface->get_settings_async = nd_wordpress_remote_get_settings_async;
  iface->get_settings_finish = nd_wordpress_remote_get_settings_finish;
  iface->list_posts_async = nd_wordpress_remote_list_posts_async;
  iface->list_posts_finish = nd_wordpress_remote_list_posts_finish;
  iface->get_posts_async = nd_wordpress_remote_get_posts_async;
  iface->get_posts_finish = nd_wordpress_remote_get_posts_finish;
  iface->list_post_ids_async = nd_wordpress_remote_list_post_ids_async;
  iface->list_post_ids_finish = nd_wordpress_remote_list_post_ids_finish;
  iface->list_revisions_async = nd_wordpress_remote_list_revisions_async;
  iface->list_revisions_finish = nd_wordpress_remote_list_revisions_finish;
  iface->get_post_async = nd_wordpress_remote_get_post_async;
  iface->get_post_finish = nd_wordpress_remote_get_post_finish;
  iface->create_post_async = nd_wordpress_remote_create_post_async;
  iface->create_post_finish = nd_wordpress_remote_create_post_finish;
  iface->update_post_async = nd_wordpress_remote_update_post_async;
  iface->update_post_finish = nd_wordpress_remote_update_post_finish;
  iface->delete_post_async = nd_wordpress_remote_delete_post_async;
  iface->delete_post_finish = nd_wordpress_remote_delete_post_finish;
  iface->find_post_by_uuid_async = nd_wordpress_remote_find_post_by_uuid_async;
  iface->find_post_by_uuid_finish = nd_wordpress_remote_find_post_by_uuid_finish;
  iface->list_terms_async = nd_wordpress_remote_list_terms_async;
  iface->list_terms_finish = nd_wordpress_remote_list_terms_finish;
  iface->get_term_async = nd_wordpress_remote_get_term_async;
  iface->get_term_finish = nd_wordpress_remote_get_term_finish;
  iface->create_term_async = nd_wordpress_remote_create_term_async;
  iface->create_term_finish = nd_wordpress_remote_create_term_finish;
  iface->upload_media_async = nd_wordpress_remote_upload_media_async;
  iface->upload_media_finish = nd_wordpress_remote_upload_media_finish;
  iface->update_media_async = nd_wordpress_remote_update_media_async;
  iface->update_media_finish = nd_wordpress_remote_update_media_finish;
  iface->batch_async = nd_wordpress_remote_batch_async;
  iface->batch_finish = nd_wordpress_remote_batch_finish;
}

static void
nd_wordpress_remote_init (NdWordpressRemote *self)
{
  self->timeout = ND_WORDPRESS_REMOTE_DEFAULT_TIMEOUT;
  self->max_size = ND_WORDPRESS_REMOTE_DEFAULT_MAX_SIZE;
  self->session = soup_session_new_with_options ("timeout", self->timeout,
                                                 "idle-timeout", 60,
                                                 "max-conns-per-host", 4,
                                                 "user-agent", "Newsdesk/" PACKAGE_VERSION,
                                                 NULL);
}

/* Public API --------------------------------------------------------------- */

/**
 * nd_wordpress_remote_new:
 * @site_url: the site's address, e.g. `https://example.org`
 * @username: (nullable): the WordPress user name
 * @password: (nullable): an application password of that user
 * @error: return location for %ND_REMOTE_ERROR_INVALID_URL or
 *   %ND_REMOTE_ERROR_INSECURE_URL
 *
 * Makes a client for one site. Only discovery works without credentials.
 * The REST root is `@site_url/wp-json/` until discovery finds another.
 *
 * Returns: (transfer full) (nullable): the client
 */
NdWordpressRemote *
nd_wordpress_remote_new (const char  *site_url,
                         const char  *username,
                         const char  *password,
                         GError     **error)
{
  g_autoptr(NdWordpressRemote) self = NULL;
  g_autofree char *url = NULL;

  g_return_val_if_fail (error == NULL || *error == NULL, NULL);

  url = check_url (site_url, error);
  if (url == NULL)
    return NULL;

  self = g_object_new (ND_TYPE_WORDPRESS_REMOTE, NULL);
  self->site_url = g_steal_pointer (&url);
  self->api_root = g_strconcat (self->site_url, "/wp-json/", NULL);

  if (username != NULL && *username != '\0' && password != NULL)
    {
      g_autofree char *pair = g_strconcat (username, ":", password, NULL);
      g_autofree char *encoded = g_base64_encode ((const guchar *) pair, strlen (pair));

      self->authorization = g_strconcat ("Basic ", encoded, NULL);
      self->password = g_strdup (password);
      memset (pair, 0, strlen (pair));
    }

  return g_steal_pointer (&self);
}

/**
 * nd_wordpress_remote_get_site_url:
 * @self: a client
 *
 * Returns: the site's address, normalised, without a trailing slash
 */
const char *
nd_wordpress_remote_get_site_url (NdWordpressRemote *self)
{
  g_return_val_if_fail (ND_IS_WORDPRESS_REMOTE (self), NULL);
  return self->site_url;
}

/**
 * nd_wordpress_remote_get_api_root:
 * @self: a client
 *
 * Returns: the REST root the requests go to
 */
const char *
nd_wordpress_remote_get_api_root (NdWordpressRemote *self)
{
  g_return_val_if_fail (ND_IS_WORDPRESS_REMOTE (self), NULL);
  return self->api_root;
}

/**
 * nd_wordpress_remote_set_api_root:
 * @self: a client
 * @api_root: the REST root found by discovery earlier, `…/wp-json/` or
 *   `…/?rest_route=/`
 *
 * Sets where requests go, so that discovery need not run before each sync.
 */
void
nd_wordpress_remote_set_api_root (NdWordpressRemote *self,
                                  const char        *api_root)
{
  g_return_if_fail (ND_IS_WORDPRESS_REMOTE (self));
  g_return_if_fail (api_root != NULL);

  if (self->api_root == api_root)
    return;
  g_free (self->api_root);
  /* Routes are appended to the root: a path root needs its slash. */
  if (strchr (api_root, '?') == NULL && !g_str_has_suffix (api_root, "/"))
    self->api_root = g_strconcat (api_root, "/", NULL);
  else
    self->api_root = g_strdup (api_root);
}

/**
 * nd_wordpress_remote_set_timeout:
 * @self: a client
 * @seconds: seconds a request may wait for the server, 0 for no limit
 *
 * Sets the timeout (%ND_WORDPRESS_REMOTE_DEFAULT_TIMEOUT by default).
 */
void
nd_wordpress_remote_set_timeout (NdWordpressRemote *self,
                                 guint              seconds)
{
  g_return_if_fail (ND_IS_WORDPRESS_REMOTE (self));

  self->timeout = seconds;
  g_object_set (self->session, "timeout", seconds, NULL);
}

/**
 * nd_wordpress_remote_get_timeout:
 * @self: a client
 *
 * Returns: the timeout in seconds
 */
guint
nd_wordpress_remote_get_timeout (NdWordpressRemote *self)
{
  g_return_val_if_fail (ND_IS_WORDPRESS_REMOTE (self), 0);
  return self->timeout;
}

/**
 * nd_wordpress_remote_set_max_size:
 * @self: a client
 * @max_size: the largest answer read, in bytes
 *
 * Sets the size cap (%ND_WORDPRESS_REMOTE_DEFAULT_MAX_SIZE by default).
 * Uploads are not capped; their answers are.
 */
void
nd_wordpress_remote_set_max_size (NdWordpressRemote *self,
                                  gsize              max_size)
{
  g_return_if_fail (ND_IS_WORDPRESS_REMOTE (self));
  g_return_if_fail (max_size > 0);
  self->max_size = max_size;
}

/**
 * nd_wordpress_remote_get_max_size:
 * @self: a client
 *
 * Returns: the size cap in bytes
 */
gsize
nd_wordpress_remote_get_max_size (NdWordpressRemote *self)
{
  g_return_val_if_fail (ND_IS_WORDPRESS_REMOTE (self), 0);
  return self->max_size;
}

/**
 * nd_wordpress_remote_set_tls_database:
 * @self: a client
 * @database: (nullable): the certificates to trust, %NULL for the system's
 *
 * Trusts other certificates than the system's, e.g. a test's own
 * authority. Verification itself is never turned off.
 */
void
nd_wordpress_remote_set_tls_database (NdWordpressRemote *self,
                                      GTlsDatabase      *database)
{
  g_return_if_fail (ND_IS_WORDPRESS_REMOTE (self));

  if (database != NULL)
    soup_session_set_tls_database (self->session, database);
  else
    soup_session_set_tls_database (self->session, g_tls_backend_get_default_database (g_tls_backend_get_default ()));
}

/**
 * nd_wordpress_remote_get_has_plugin:
 * @self: a client
 *
 * Returns: whether the site is known to run the Newsdesk mu-plugin
 */
gboolean
nd_wordpress_remote_get_has_plugin (NdWordpressRemote *self)
{
  g_return_val_if_fail (ND_IS_WORDPRESS_REMOTE (self), FALSE);
  return self->has_plugin;
}

/**
 * nd_wordpress_remote_set_has_plugin:
 * @self: a client
 * @has_plugin: whether the site runs the Newsdesk mu-plugin
 *
 * Tells the client what an earlier discovery found, so that
 * nd_remote_find_post_by_uuid_async() asks by meta first. Discovery sets it
 * by itself.
 */
void
nd_wordpress_remote_set_has_plugin (NdWordpressRemote *self,
                                    gboolean           has_plugin)
{
  g_return_if_fail (ND_IS_WORDPRESS_REMOTE (self));
  self->has_plugin = !!has_plugin;
}
