/* test-wp-authorization.c
 *
 * SPDX-License-Identifier: GPL-3.0-or-later
 */

#include "config.h"

#include <string.h>

#include <libsoup/soup.h>

#include "nd-wp-authorization.h"

/* A site on this computer answers on the loopback server; any other site
 * through the URI scheme. */
#define LOCAL_SITE "http://127.0.0.1:8080/wp"
#define REMOTE_SITE "https://realist.ru"

/* The browser: real HTTP requests to the loopback server. */
typedef struct
{
  gboolean  done;
  guint     status;
  char     *body;
  GError   *error;
} Response;

static void
response_clear (Response *response)
{
  g_clear_pointer (&response->body, g_free);
  g_clear_error (&response->error);
}

static void
on_read_cb (GObject      *object,
            GAsyncResult *result,
            gpointer      user_data)
{
  Response *response = user_data;
  g_autoptr(GBytes) bytes = soup_session_send_and_read_finish (SOUP_SESSION (object), result, &response->error);
  SoupMessage *msg = soup_session_get_async_result_message (SOUP_SESSION (object), result);

  if (bytes != NULL)
    {
      response->status = soup_message_get_status (msg);
      response->body = g_strndup (g_bytes_get_data (bytes, NULL), g_bytes_get_size (bytes));
    }
  response->done = TRUE;
}

static void
browse (const char *url,
        Response   *response)
{
  g_autoptr(SoupSession) session = soup_session_new_with_options ("timeout", 10, NULL);
  g_autoptr(SoupMessage) msg = soup_message_new (SOUP_METHOD_GET, url);

  g_assert_nonnull (msg);
  memset (response, 0, sizeof *response);
  soup_session_send_and_read_async (session, msg, G_PRIORITY_DEFAULT, NULL, on_read_cb, response);
  while (!response->done)
    g_main_context_iteration (NULL, TRUE);
}

typedef struct
{
  gboolean      done;
  NdWpApproval *approval;
  GError       *error;
} Outcome;

static void
on_wait_cb (GObject      *object,
            GAsyncResult *result,
            gpointer      user_data)
{
  Outcome *outcome = user_data;

  outcome->approval = nd_wp_authorization_wait_finish (ND_WP_AUTHORIZATION (object), result, &outcome->error);
  outcome->done = TRUE;
}

static void
wait_outcome (Outcome *outcome)
{
  while (!outcome->done)
    g_main_context_iteration (NULL, TRUE);
}

static void
outcome_clear (Outcome *outcome)
{
  g_clear_pointer (&outcome->approval, nd_wp_approval_free);
  g_clear_error (&outcome->error);
}

static void
wait_until_stopped (NdWpAuthorization *auth)
{
  while (nd_wp_authorization_is_listening (auth))
    g_main_context_iteration (NULL, TRUE);
}

static char *
param_of (const char *url,
          const char *name)
{
  g_autoptr(GUri) uri = g_uri_parse (url, G_URI_FLAGS_ENCODED_QUERY, NULL);
  g_autoptr(GHashTable) params = NULL;

  g_assert_nonnull (uri);
  params = g_uri_parse_params (g_uri_get_query (uri), -1, "&", G_URI_PARAMS_NONE, NULL);
  g_assert_nonnull (params);

  return g_strdup (g_hash_table_lookup (params, name));
}

static NdWpAuthorization *
start (const char *site,
       const char *endpoint)
{
  g_autoptr(GError) error = NULL;
  NdWpAuthorization *auth = nd_wp_authorization_new (site, endpoint);

  g_assert_nonnull (nd_wp_authorization_start (auth, &error));
  g_assert_no_error (error);
  g_assert_true (nd_wp_authorization_is_listening (auth));

  return auth;
}

/* ------------------------------------------------------------------------- */

static void
test_authorize_url (void)
{
  g_autoptr(NdWpAuthorization) auth = start (LOCAL_SITE "/", NULL);
  g_autoptr(NdWpAuthorization) custom = NULL;
  const char *url = nd_wp_authorization_get_authorize_url (auth);
  g_autofree char *app_name = param_of (url, "app_name");
  g_autofree char *app_id = param_of (url, "app_id");
  g_autofree char *success = param_of (url, "success_url");
  g_autofree char *reject = param_of (url, "reject_url");
  g_autofree char *state = NULL;
  g_autofree char *lang = NULL;
  g_autoptr(GUri) callback = NULL;
  g_autoptr(GError) error = NULL;

  g_assert_true (g_str_has_prefix (url, LOCAL_SITE "/wp-admin/authorize-application.php?app_name="));
  g_assert_cmpstr (app_name, ==, "Newsdesk");
  g_assert_cmpstr (app_id, ==, ND_WP_AUTHORIZATION_APP_ID);
  g_assert_true (g_uuid_string_is_valid (app_id));
  g_assert_cmpstr (success, ==, nd_wp_authorization_get_callback_url (auth));
  g_assert_cmpstr (nd_wp_authorization_start (auth, &error), ==, url);

  callback = g_uri_parse (success, G_URI_FLAGS_NONE, &error);
  g_assert_no_error (error);
  g_assert_cmpstr (g_uri_get_scheme (callback), ==, "http");
  g_assert_cmpstr (g_uri_get_host (callback), ==, "127.0.0.1");
  g_assert_cmpint (g_uri_get_port (callback), >, 0);
  g_assert_cmpstr (g_uri_get_path (callback), ==, "/callback");
  state = param_of (success, "state");
  g_assert_true (g_uuid_string_is_valid (state));
  g_assert_true (g_str_has_prefix (reject, success));
  g_assert_true (g_str_has_suffix (reject, "&success=false"));

  /* The endpoint the site's index names, with a query of its own. */
  custom = start ("http://localhost/wp", "http://localhost/wp/wp-admin/authorize-application.php?lang=ru");
  g_assert_true (g_str_has_prefix (nd_wp_authorization_get_authorize_url (custom),
                                   "http://localhost/wp/wp-admin/authorize-application.php?lang=ru&app_name=Newsdesk&"));
  lang = param_of (nd_wp_authorization_get_authorize_url (custom), "lang");
  g_assert_cmpstr (lang, ==, "ru");

  /* Two approvals listen on different ports with different states. */
  g_assert_cmpstr (nd_wp_authorization_get_callback_url (auth), !=, nd_wp_authorization_get_callback_url (custom));
}

static void
test_refused_urls (void)
{
  static const struct {
    const char *site;
    const char *endpoint;
    int         code;
  } cases[] = {
    { "http://realist.ru", NULL, ND_WP_AUTHORIZATION_ERROR_INSECURE_URL },
    { "https://realist.ru", "http://realist.ru/wp-admin/authorize-application.php",
      ND_WP_AUTHORIZATION_ERROR_INSECURE_URL },
    { "not a web address", NULL, ND_WP_AUTHORIZATION_ERROR_INVALID_URL },
    { "ftp://realist.ru", NULL, ND_WP_AUTHORIZATION_ERROR_INVALID_URL },
    { "http://127.0.0.1:8080", NULL, -1 },
    { "http://localhost/wp", NULL, -1 },
  };

  for (guint i = 0; i < G_N_ELEMENTS (cases); i++)
    {
      g_autoptr(GError) error = NULL;
      g_autoptr(NdWpAuthorization) auth = nd_wp_authorization_new (cases[i].site, cases[i].endpoint);
      const char *url = nd_wp_authorization_start (auth, &error);

      if (cases[i].code < 0)
        {
          g_assert_no_error (error);
          g_assert_nonnull (url);
        }
      else
        {
          g_assert_error (error, ND_WP_AUTHORIZATION_ERROR, cases[i].code);
          g_assert_null (url);
          g_assert_false (nd_wp_authorization_is_listening (auth));
        }
    }
}

static void
test_approve (void)
{
  g_autoptr(NdWpAuthorization) auth = start (LOCAL_SITE, NULL);
  g_autofree char *url = NULL;
  g_autofree char *callback = g_strdup (nd_wp_authorization_get_callback_url (auth));
  Outcome outcome = { 0, };
  Response response;

  nd_wp_authorization_wait_async (auth, NULL, on_wait_cb, &outcome);

  /* What WordPress sends the browser to: the values urlencoded. */
  url = g_strconcat (callback, "&site_url=https%3A%2F%2Frealist.ru&user_login=%D1%80%D0%B5%D0%B4%D0%B0%D0%BA%D1%82%D0%BE%D1%80"
                     "&password=abcd+EFGH+1234+ijkl+MNOP+5678", NULL);
  browse (url, &response);
  g_assert_no_error (response.error);
  g_assert_cmpuint (response.status, ==, 200);
  g_assert_nonnull (strstr (response.body, "close this tab"));
  response_clear (&response);

  wait_outcome (&outcome);
  g_assert_no_error (outcome.error);
  g_assert_cmpstr (outcome.approval->site_url, ==, "https://realist.ru");
  g_assert_cmpstr (outcome.approval->user_login, ==, "редактор");
  g_assert_cmpstr (outcome.approval->password, ==, "abcd EFGH 1234 ijkl MNOP 5678");

  /* The server stops after answering: a second callback finds nobody. */
  wait_until_stopped (auth);
  browse (url, &response);
  g_assert_error (response.error, G_IO_ERROR, G_IO_ERROR_CONNECTION_REFUSED);
  response_clear (&response);
  outcome_clear (&outcome);
}

static void
test_reject (void)
{
  g_autoptr(NdWpAuthorization) auth = start (LOCAL_SITE, NULL);
  g_autofree char *reject = param_of (nd_wp_authorization_get_authorize_url (auth), "reject_url");
  Outcome outcome = { 0, };
  Response response;

  nd_wp_authorization_wait_async (auth, NULL, on_wait_cb, &outcome);
  browse (reject, &response);
  g_assert_no_error (response.error);
  g_assert_cmpuint (response.status, ==, 200);
  g_assert_nonnull (strstr (response.body, "close this tab"));
  response_clear (&response);

  wait_outcome (&outcome);
  g_assert_error (outcome.error, ND_WP_AUTHORIZATION_ERROR, ND_WP_AUTHORIZATION_ERROR_REJECTED);
  g_assert_null (outcome.approval);
  wait_until_stopped (auth);
  outcome_clear (&outcome);
}

static void
test_wrong_requests (void)
{
  g_autoptr(NdWpAuthorization) auth = start (LOCAL_SITE, NULL);
  g_autoptr(GUri) callback = g_uri_parse (nd_wp_authorization_get_callback_url (auth), G_URI_FLAGS_NONE, NULL);
  g_autofree char *wrong_path = g_strdup_printf ("http://127.0.0.1:%d/other?state=x&user_login=a&password=b",
                                                 g_uri_get_port (callback));
  g_autofree char *wrong_state = g_strdup_printf ("http://127.0.0.1:%d/callback?state=forged&user_login=a&password=b",
                                                  g_uri_get_port (callback));
  g_autofree char *no_state = g_strdup_printf ("http://127.0.0.1:%d/callback?user_login=a&password=b",
                                               g_uri_get_port (callback));
  g_autofree char *good = g_strconcat (nd_wp_authorization_get_callback_url (auth),
                                       "&user_login=editor&password=right", NULL);
  Outcome outcome = { 0, };
  Response response;

  nd_wp_authorization_wait_async (auth, NULL, on_wait_cb, &outcome);

  browse (wrong_path, &response);
  g_assert_no_error (response.error);
  g_assert_cmpuint (response.status, ==, 404);
  response_clear (&response);

  /* A page or program that does not know the state cannot hand us a
   * password. */
  browse (wrong_state, &response);
  g_assert_cmpuint (response.status, ==, 403);
  response_clear (&response);
  browse (no_state, &response);
  g_assert_cmpuint (response.status, ==, 403);
  response_clear (&response);

  for (int i = 0; i < 10; i++)
    g_main_context_iteration (NULL, FALSE);
  g_assert_false (outcome.done);
  g_assert_true (nd_wp_authorization_is_listening (auth));

  browse (good, &response);
  g_assert_cmpuint (response.status, ==, 200);
  response_clear (&response);
  wait_outcome (&outcome);
  g_assert_no_error (outcome.error);
  g_assert_cmpstr (outcome.approval->user_login, ==, "editor");
  g_assert_cmpstr (outcome.approval->password, ==, "right");
  /* No site_url in the answer: the one we asked. */
  g_assert_cmpstr (outcome.approval->site_url, ==, LOCAL_SITE);
  outcome_clear (&outcome);
}

/* Two callbacks in a row before the server stops: the first one counts. */
static void
test_second_callback (void)
{
  g_autoptr(NdWpAuthorization) auth = start (LOCAL_SITE, NULL);
  g_autofree char *first = g_strconcat (nd_wp_authorization_get_callback_url (auth),
                                        "&user_login=first&password=one", NULL);
  g_autofree char *second = g_strconcat (nd_wp_authorization_get_callback_url (auth),
                                         "&user_login=second&password=two", NULL);
  g_autoptr(SoupSession) session = soup_session_new ();
  g_autoptr(SoupMessage) msg1 = soup_message_new (SOUP_METHOD_GET, first);
  g_autoptr(SoupMessage) msg2 = soup_message_new (SOUP_METHOD_GET, second);
  Response r1 = { 0, }, r2 = { 0, };
  Outcome outcome = { 0, };

  /* Both are sent before the loop runs, so both reach the server. */
  soup_session_send_and_read_async (session, msg1, G_PRIORITY_DEFAULT, NULL, on_read_cb, &r1);
  soup_session_send_and_read_async (session, msg2, G_PRIORITY_DEFAULT, NULL, on_read_cb, &r2);
  while (!r1.done || !r2.done)
    g_main_context_iteration (NULL, TRUE);

  /* The answer came before anyone waited: it is kept. */
  nd_wp_authorization_wait_async (auth, NULL, on_wait_cb, &outcome);
  wait_outcome (&outcome);
  g_assert_no_error (outcome.error);

  if (r2.error == NULL && r2.status == 200)
    {
      /* The second arrived first; it is the one that counts. */
      g_assert_true (r1.error != NULL || r1.status == 410);
      g_assert_cmpstr (outcome.approval->user_login, ==, "second");
    }
  else
    {
      g_assert_no_error (r1.error);
      g_assert_cmpuint (r1.status, ==, 200);
      g_assert_true (r2.error != NULL || r2.status == 410);
      g_assert_cmpstr (outcome.approval->user_login, ==, "first");
    }

  response_clear (&r1);
  response_clear (&r2);
  outcome_clear (&outcome);
}

static void
test_malformed_and_unavailable (void)
{
  static const struct {
    const char *query;
    int         code;
  } cases[] = {
    { "&user_login=editor", ND_WP_AUTHORIZATION_ERROR_MALFORMED },
    { "&password=abc", ND_WP_AUTHORIZATION_ERROR_MALFORMED },
    { "&user_login=editor&password=", ND_WP_AUTHORIZATION_ERROR_MALFORMED },
    { "&success=false&error=disabled", ND_WP_AUTHORIZATION_ERROR_UNAVAILABLE },
  };

  for (guint i = 0; i < G_N_ELEMENTS (cases); i++)
    {
      g_autoptr(NdWpAuthorization) auth = start (LOCAL_SITE, NULL);
      g_autofree char *url = g_strconcat (nd_wp_authorization_get_callback_url (auth), cases[i].query, NULL);
      Outcome outcome = { 0, };
      Response response;

      nd_wp_authorization_wait_async (auth, NULL, on_wait_cb, &outcome);
      browse (url, &response);
      g_assert_no_error (response.error);
      response_clear (&response);
      wait_outcome (&outcome);
      g_assert_error (outcome.error, ND_WP_AUTHORIZATION_ERROR, cases[i].code);
      outcome_clear (&outcome);
      wait_until_stopped (auth);
    }
}

static void
test_timeout (void)
{
  g_autoptr(NdWpAuthorization) auth = nd_wp_authorization_new (LOCAL_SITE, NULL);
  g_autoptr(GError) error = NULL;
  g_autofree char *url = NULL;
  Outcome outcome = { 0, };
  Response response;
  gint64 started = g_get_monotonic_time ();

  nd_wp_authorization_set_timeout (auth, 1);
  g_assert_nonnull (nd_wp_authorization_start (auth, &error));
  url = g_strconcat (nd_wp_authorization_get_callback_url (auth), "&user_login=late&password=late", NULL);

  nd_wp_authorization_wait_async (auth, NULL, on_wait_cb, &outcome);
  wait_outcome (&outcome);
  g_assert_error (outcome.error, ND_WP_AUTHORIZATION_ERROR, ND_WP_AUTHORIZATION_ERROR_TIMED_OUT);
  g_assert_cmpint (g_get_monotonic_time () - started, >=, G_USEC_PER_SEC / 2);
  g_assert_false (nd_wp_authorization_is_listening (auth));

  /* A browser that comes back late finds the port closed. */
  browse (url, &response);
  g_assert_error (response.error, G_IO_ERROR, G_IO_ERROR_CONNECTION_REFUSED);
  response_clear (&response);
  outcome_clear (&outcome);
}

static void
test_cancel (void)
{
  g_autoptr(NdWpAuthorization) auth = start (LOCAL_SITE, NULL);
  g_autoptr(GCancellable) cancellable = g_cancellable_new ();
  Outcome outcome = { 0, };

  nd_wp_authorization_wait_async (auth, cancellable, on_wait_cb, &outcome);
  for (int i = 0; i < 5; i++)
    g_main_context_iteration (NULL, FALSE);
  g_assert_false (outcome.done);

  g_cancellable_cancel (cancellable);
  wait_outcome (&outcome);
  g_assert_error (outcome.error, G_IO_ERROR, G_IO_ERROR_CANCELLED);
  g_assert_false (nd_wp_authorization_is_listening (auth));
  outcome_clear (&outcome);
}

/* The URI scheme ---------------------------------------------------------- */

static void
test_scheme_authorize_url (void)
{
  g_autoptr(NdWpAuthorization) auth = start (REMOTE_SITE, NULL);
  g_autoptr(NdWpAuthorization) other = start (REMOTE_SITE "/news/", NULL);
  g_autofree char *expected_scheme = g_ascii_strdown (APPLICATION_ID, -1);
  const char *url = nd_wp_authorization_get_authorize_url (auth);
  g_autofree char *success = param_of (url, "success_url");
  g_autofree char *reject = param_of (url, "reject_url");
  g_autofree char *app_id = param_of (url, "app_id");
  g_autofree char *state = NULL;
  g_autoptr(GUri) callback = NULL;
  g_autoptr(GError) error = NULL;

  g_assert_true (g_str_has_prefix (url, REMOTE_SITE "/wp-admin/authorize-application.php?app_name=Newsdesk&"));
  g_assert_cmpstr (app_id, ==, ND_WP_AUTHORIZATION_APP_ID);
  g_assert_cmpstr (success, ==, nd_wp_authorization_get_callback_url (auth));

  /* The application id in lower case, reverse-domain form (RFC 8252, 7.1);
   * a development build has its own. */
  g_assert_cmpstr (nd_wp_authorization_get_uri_scheme (), ==, expected_scheme);
  g_assert_true (g_str_has_prefix (expected_scheme, "io.github.newsdesk.newsdesk"));

  /* No http:// (WordPress refuses it for a site that is not "local"), and a
   * host, which WordPress 6.3.2 and later require. */
  callback = g_uri_parse (success, G_URI_FLAGS_NONE, &error);
  g_assert_no_error (error);
  g_assert_cmpstr (g_uri_get_scheme (callback), ==, expected_scheme);
  g_assert_cmpstr (g_uri_get_host (callback), ==, "approved");
  g_assert_true (nd_wp_authorization_is_answer_uri (success));
  g_assert_false (nd_wp_authorization_is_answer_uri (url));
  g_assert_false (nd_wp_authorization_is_answer_uri ("file:///tmp/story.md"));
  state = param_of (success, "state");
  g_assert_true (g_uuid_string_is_valid (state));
  g_assert_true (g_str_has_prefix (reject, success));
  g_assert_cmpstr (reject + strlen (success), ==, "&success=false");

  /* Nothing listens on the network; the approval waits for its address. */
  g_assert_true (nd_wp_authorization_is_listening (auth));
  g_assert_cmpstr (nd_wp_authorization_get_callback_url (auth), !=, nd_wp_authorization_get_callback_url (other));
}

/* The answer as GApplication::open gets it: what WordPress's auth-app.js
 * appends to the success URL, encodeURIComponent()'d. */
static char *
scheme_answer (NdWpAuthorization *auth,
               const char        *query)
{
  return g_strconcat (nd_wp_authorization_get_callback_url (auth), query, NULL);
}

static void
test_scheme_approve (void)
{
  g_autoptr(NdWpAuthorization) auth = start (REMOTE_SITE, NULL);
  g_autofree char *answer = scheme_answer (auth, "&site_url=https%3A%2F%2Frealist.ru%2Fru"
                                                 "&user_login=%D1%80%D0%B5%D0%B4%D0%B0%D0%BA%D1%82%D0%BE%D1%80"
                                                 "&password=abcd%20EFGH+1234%26ijkl%3DMNOP");
  g_autoptr(GError) error = NULL;
  Outcome outcome = { 0, };

  nd_wp_authorization_wait_async (auth, NULL, on_wait_cb, &outcome);
  g_assert_true (nd_wp_authorization_receive_uri (answer, &error));
  g_assert_no_error (error);
  wait_outcome (&outcome);
  g_assert_no_error (outcome.error);
  g_assert_cmpstr (outcome.approval->site_url, ==, "https://realist.ru/ru");
  g_assert_cmpstr (outcome.approval->user_login, ==, "редактор");
  /* %26 and %3D are part of the password, not separators; + is a space
   * (PHP's urlencode() of the page without JavaScript). */
  g_assert_cmpstr (outcome.approval->password, ==, "abcd EFGH 1234&ijkl=MNOP");
  g_assert_false (nd_wp_authorization_is_listening (auth));

  /* The same answer again finds nobody waiting. */
  g_assert_false (nd_wp_authorization_receive_uri (answer, &error));
  g_assert_error (error, ND_WP_AUTHORIZATION_ERROR, ND_WP_AUTHORIZATION_ERROR_NOT_WAITING);
  outcome_clear (&outcome);
}

static void
test_scheme_wrong_answers (void)
{
  g_autoptr(NdWpAuthorization) auth = start (REMOTE_SITE, NULL);
  const char *scheme = nd_wp_authorization_get_uri_scheme ();
  g_autofree char *upper = g_ascii_strup (nd_wp_authorization_get_callback_url (auth), -1);
  g_autofree char *forged = g_uuid_string_random ();
  g_autofree char *wrong_state = g_strdup_printf ("%s://approved?state=%s&user_login=a&password=b",
                                                  scheme, forged);
  g_autofree char *no_state = g_strdup_printf ("%s://approved?user_login=a&password=b", scheme);
  g_autofree char *empty_state = g_strdup_printf ("%s://approved?state=&user_login=a&password=b", scheme);
  g_autofree char *no_query = g_strdup_printf ("%s://approved", scheme);
  g_autofree char *state = param_of (nd_wp_authorization_get_callback_url (auth), "state");
  g_autofree char *https = g_strdup_printf ("https://realist.ru/?state=%s&user_login=a&password=b", state);
  g_autofree char *devel = g_strdup_printf ("%s.other://approved?state=%s&user_login=a&password=b", scheme, state);
  g_autofree char *good = scheme_answer (auth, "&user_login=editor&password=right");
  const char *refused[] = { wrong_state, no_state, empty_state, no_query, upper };
  const char *foreign[] = { https, devel, "file:///tmp/story.md", "not an address" };
  Outcome outcome = { 0, };

  nd_wp_authorization_wait_async (auth, NULL, on_wait_cb, &outcome);

  /* A page or program that does not know the state cannot hand us a
   * password; the wait goes on. (The state is compared as it is: an
   * upper-cased one is another state.) */
  for (guint i = 0; i < G_N_ELEMENTS (refused); i++)
    {
      g_autoptr(GError) error = NULL;

      g_assert_false (nd_wp_authorization_receive_uri (refused[i], &error));
      g_assert_error (error, ND_WP_AUTHORIZATION_ERROR, ND_WP_AUTHORIZATION_ERROR_NOT_WAITING);
    }
  for (guint i = 0; i < G_N_ELEMENTS (foreign); i++)
    {
      g_autoptr(GError) error = NULL;

      g_assert_false (nd_wp_authorization_receive_uri (foreign[i], &error));
      g_assert_error (error, ND_WP_AUTHORIZATION_ERROR, ND_WP_AUTHORIZATION_ERROR_FOREIGN_URI);
    }

  for (int i = 0; i < 10; i++)
    g_main_context_iteration (NULL, FALSE);
  g_assert_false (outcome.done);
  g_assert_true (nd_wp_authorization_is_listening (auth));

  g_assert_true (nd_wp_authorization_receive_uri (good, NULL));
  wait_outcome (&outcome);
  g_assert_no_error (outcome.error);
  g_assert_cmpstr (outcome.approval->user_login, ==, "editor");
  g_assert_cmpstr (outcome.approval->password, ==, "right");
  /* No site_url in the answer: the one we asked. */
  g_assert_cmpstr (outcome.approval->site_url, ==, REMOTE_SITE);
  outcome_clear (&outcome);
}

static void
test_scheme_reject (void)
{
  static const struct {
    const char *query;
    int         code;
  } cases[] = {
    { NULL, ND_WP_AUTHORIZATION_ERROR_REJECTED },
    { "&error=disabled", ND_WP_AUTHORIZATION_ERROR_UNAVAILABLE },
    { "&user_login=editor", ND_WP_AUTHORIZATION_ERROR_MALFORMED },
  };

  for (guint i = 0; i < G_N_ELEMENTS (cases); i++)
    {
      g_autoptr(NdWpAuthorization) auth = start (REMOTE_SITE, NULL);
      g_autofree char *reject = param_of (nd_wp_authorization_get_authorize_url (auth), "reject_url");
      g_autofree char *answer = NULL;
      Outcome outcome = { 0, };

      /* WordPress sends the browser to the reject URL, adding error=disabled
       * when the site has no application passwords. */
      answer = cases[i].query == NULL ? g_strdup (reject)
             : cases[i].code == ND_WP_AUTHORIZATION_ERROR_UNAVAILABLE ? g_strconcat (reject, cases[i].query, NULL)
             : scheme_answer (auth, cases[i].query);

      nd_wp_authorization_wait_async (auth, NULL, on_wait_cb, &outcome);
      g_assert_true (nd_wp_authorization_receive_uri (answer, NULL));
      wait_outcome (&outcome);
      g_assert_error (outcome.error, ND_WP_AUTHORIZATION_ERROR, cases[i].code);
      g_assert_null (outcome.approval);
      g_assert_false (nd_wp_authorization_is_listening (auth));
      outcome_clear (&outcome);
    }
}

/* Each answer goes to the approval that made its state. */
static void
test_scheme_two_waiting (void)
{
  g_autoptr(NdWpAuthorization) first = start (REMOTE_SITE, NULL);
  g_autoptr(NdWpAuthorization) second = start ("https://realist.ru/en", NULL);
  g_autofree char *answer = scheme_answer (second, "&user_login=second&password=two");
  Outcome outcome1 = { 0, }, outcome2 = { 0, };

  nd_wp_authorization_wait_async (first, NULL, on_wait_cb, &outcome1);
  nd_wp_authorization_wait_async (second, NULL, on_wait_cb, &outcome2);
  g_assert_true (nd_wp_authorization_receive_uri (answer, NULL));
  wait_outcome (&outcome2);
  g_assert_no_error (outcome2.error);
  g_assert_cmpstr (outcome2.approval->user_login, ==, "second");
  for (int i = 0; i < 10; i++)
    g_main_context_iteration (NULL, FALSE);
  g_assert_false (outcome1.done);
  g_assert_true (nd_wp_authorization_is_listening (first));

  nd_wp_authorization_stop (first);
  wait_outcome (&outcome1);
  g_assert_error (outcome1.error, G_IO_ERROR, G_IO_ERROR_CANCELLED);
  outcome_clear (&outcome1);
  outcome_clear (&outcome2);
}

/* A cancelled, timed out or dropped approval takes no answer any more. */
static void
test_scheme_ended (void)
{
  g_autoptr(NdWpAuthorization) cancelled = start (REMOTE_SITE, NULL);
  g_autoptr(NdWpAuthorization) timed_out = nd_wp_authorization_new (REMOTE_SITE, NULL);
  NdWpAuthorization *dropped = start (REMOTE_SITE, NULL);
  g_autoptr(GCancellable) cancellable = g_cancellable_new ();
  g_autoptr(GError) error = NULL;
  g_autofree char *answer1 = scheme_answer (cancelled, "&user_login=a&password=b");
  g_autofree char *answer2 = NULL;
  g_autofree char *answer3 = scheme_answer (dropped, "&user_login=a&password=b");
  Outcome outcome1 = { 0, }, outcome2 = { 0, };

  nd_wp_authorization_wait_async (cancelled, cancellable, on_wait_cb, &outcome1);
  g_cancellable_cancel (cancellable);
  wait_outcome (&outcome1);
  g_assert_error (outcome1.error, G_IO_ERROR, G_IO_ERROR_CANCELLED);
  g_assert_false (nd_wp_authorization_is_listening (cancelled));
  g_assert_false (nd_wp_authorization_receive_uri (answer1, &error));
  g_assert_error (error, ND_WP_AUTHORIZATION_ERROR, ND_WP_AUTHORIZATION_ERROR_NOT_WAITING);
  g_clear_error (&error);

  nd_wp_authorization_set_timeout (timed_out, 1);
  g_assert_nonnull (nd_wp_authorization_start (timed_out, NULL));
  answer2 = scheme_answer (timed_out, "&user_login=late&password=late");
  nd_wp_authorization_wait_async (timed_out, NULL, on_wait_cb, &outcome2);
  wait_outcome (&outcome2);
  g_assert_error (outcome2.error, ND_WP_AUTHORIZATION_ERROR, ND_WP_AUTHORIZATION_ERROR_TIMED_OUT);
  g_assert_false (nd_wp_authorization_receive_uri (answer2, &error));
  g_assert_error (error, ND_WP_AUTHORIZATION_ERROR, ND_WP_AUTHORIZATION_ERROR_NOT_WAITING);
  g_clear_error (&error);

  g_assert_finalize_object (dropped);
  g_assert_false (nd_wp_authorization_receive_uri (answer3, &error));
  g_assert_error (error, ND_WP_AUTHORIZATION_ERROR, ND_WP_AUTHORIZATION_ERROR_NOT_WAITING);

  outcome_clear (&outcome1);
  outcome_clear (&outcome2);
}

int
main (int   argc,
      char *argv[])
{
  g_test_init (&argc, &argv, NULL);

  g_test_add_func ("/wp-authorization/authorize-url", test_authorize_url);
  g_test_add_func ("/wp-authorization/refused-urls", test_refused_urls);
  g_test_add_func ("/wp-authorization/approve", test_approve);
  g_test_add_func ("/wp-authorization/reject", test_reject);
  g_test_add_func ("/wp-authorization/wrong-requests", test_wrong_requests);
  g_test_add_func ("/wp-authorization/second-callback", test_second_callback);
  g_test_add_func ("/wp-authorization/malformed-and-unavailable", test_malformed_and_unavailable);
  g_test_add_func ("/wp-authorization/timeout", test_timeout);
  g_test_add_func ("/wp-authorization/cancel", test_cancel);
  g_test_add_func ("/wp-authorization/scheme/authorize-url", test_scheme_authorize_url);
  g_test_add_func ("/wp-authorization/scheme/approve", test_scheme_approve);
  g_test_add_func ("/wp-authorization/scheme/wrong-answers", test_scheme_wrong_answers);
  g_test_add_func ("/wp-authorization/scheme/reject", test_scheme_reject);
  g_test_add_func ("/wp-authorization/scheme/two-waiting", test_scheme_two_waiting);
  g_test_add_func ("/wp-authorization/scheme/ended", test_scheme_ended);

  return g_test_run ();
}
