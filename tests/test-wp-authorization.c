/* test-wp-authorization.c
 *
 * SPDX-License-Identifier: GPL-3.0-or-later
 */

#include "config.h"

#include <string.h>

#include <libsoup/soup.h>

#include "nd-wp-authorization.h"

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
  g_autoptr(NdWpAuthorization) auth = start ("https://realist.ru/", NULL);
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

  g_assert_true (g_str_has_prefix (url, "https://realist.ru/wp-admin/authorize-application.php?app_name="));
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
  custom = start ("https://realist.ru", "https://realist.ru/wp-admin/authorize-application.php?lang=ru");
  g_assert_true (g_str_has_prefix (nd_wp_authorization_get_authorize_url (custom),
                                   "https://realist.ru/wp-admin/authorize-application.php?lang=ru&app_name=Newsdesk&"));
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
  g_autoptr(NdWpAuthorization) auth = start ("https://realist.ru", NULL);
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
  g_autoptr(NdWpAuthorization) auth = start ("https://realist.ru", NULL);
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
  g_autoptr(NdWpAuthorization) auth = start ("https://realist.ru", NULL);
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
  g_assert_cmpstr (outcome.approval->site_url, ==, "https://realist.ru");
  outcome_clear (&outcome);
}

/* Two callbacks in a row before the server stops: the first one counts. */
static void
test_second_callback (void)
{
  g_autoptr(NdWpAuthorization) auth = start ("https://realist.ru", NULL);
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
      g_autoptr(NdWpAuthorization) auth = start ("https://realist.ru", NULL);
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
  g_autoptr(NdWpAuthorization) auth = nd_wp_authorization_new ("https://realist.ru", NULL);
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
  g_autoptr(NdWpAuthorization) auth = start ("https://realist.ru", NULL);
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

  return g_test_run ();
}
