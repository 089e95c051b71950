/* test-sync-ui.c
 *
 * SPDX-License-Identifier: GPL-3.0-or-later
 *
 * The sync interface that needs no sync engine: the per-edition state icon,
 * the sync log window and the preferences (sites against the fake
 * WordPress, passwords in the real keyring, the language map); and on top
 * of a real #NdSyncEngine, the indicator and the conflict view.
 */

#include "config.h"

#include <string.h>
#include <glib/gstdio.h>
#include <adwaita.h>
#include <libsoup/soup.h>

#include "nd-account.h"
#include "nd-conflict-view.h"
#include "nd-edition-sync-row.h"
#include "nd-fake-wordpress.h"
#include "nd-preferences-window.h"
#include "nd-remote.h"
#include "nd-sync-indicator.h"
#include "nd-sync-log-window.h"
#include "nd-story-editor.h"
#include "nd-sync-fields.h"
#include "nd-sync-state-icon.h"
#include "nd-test-util.h"
#include "nd-test-widgets.h"

typedef struct
{
  char        *dir;
  char        *path;
  NdDatabase  *database;
  NdStoryStore *stories;
  NdSyncStore *sync_store;
} Fixture;

static void
fixture_set_up (Fixture       *fixture,
                gconstpointer  data)
{
  g_autoptr(GError) error = NULL;

  fixture->dir = g_dir_make_tmp ("newsdesk-sync-ui-XXXXXX", &error);
  g_assert_no_error (error);
  fixture->path = g_build_filename (fixture->dir, "newsdesk.db", NULL);
  fixture->database = nd_database_open (fixture->path, ND_DATABASE_FLAGS_NONE, &error);
  g_assert_no_error (error);
  fixture->stories = nd_story_store_new (fixture->database, &error);
  g_assert_no_error (error);
  fixture->sync_store = nd_sync_store_new (fixture->database);
}

static void
fixture_tear_down (Fixture       *fixture,
                   gconstpointer  data)
{
  g_assert_finalize_object (fixture->sync_store);
  g_assert_finalize_object (fixture->stories);
  g_assert_finalize_object (fixture->database);
  nd_test_remove_dir (fixture->dir);
  g_free (fixture->path);
  g_free (fixture->dir);
}

static gboolean
on_timeout_cb (gpointer data)
{
  g_error ("Timed out waiting");
  return G_SOURCE_REMOVE;
}

static void
wait_not_busy (NdPreferencesWindow *window)
{
  guint timeout = g_timeout_add_seconds (30, on_timeout_cb, NULL);

  while (nd_preferences_window_get_busy (window))
    g_main_context_iteration (NULL, TRUE);
  g_source_remove (timeout);
}

static gboolean
have_secret_service (void)
{
  g_autoptr(GError) error = NULL;
  g_autoptr(SecretService) service = NULL;

  if (g_getenv ("DBUS_SESSION_BUS_ADDRESS") == NULL)
    return FALSE;
  service = secret_service_get_sync (SECRET_SERVICE_OPEN_SESSION, NULL, &error);
  return service != NULL;
}

/* Whether @needle is anywhere in the bytes of @path. */
static gboolean
file_contains (const char *path,
               const char *needle)
{
  g_autofree char *contents = NULL;
  gsize length = 0;
  gsize n = strlen (needle);

  if (!g_file_get_contents (path, &contents, &length, NULL))
    return FALSE;
  for (gsize i = 0; i + n <= length; i++)
    if (memcmp (contents + i, needle, n) == 0)
      return TRUE;
  return FALSE;
}

static gint64
add_edition (Fixture    *fixture,
             const char *lang,
             const char *headline)
{
  g_autoptr(GError) error = NULL;
  g_autoptr(NdStory) story = nd_story_store_create_story (fixture->stories, lang, &error);
  g_autoptr(NdEdition) edition = NULL;

  g_assert_no_error (error);
  /* A story starts with the edition of its source language. */
  edition = nd_story_store_load_edition (fixture->stories, nd_story_get_id (story), lang, &error);
  g_assert_no_error (error);
  g_assert_nonnull (edition);
  nd_edition_set_headline (edition, headline);
  nd_story_store_save_edition (fixture->stories, edition, &error);
  g_assert_no_error (error);
  return nd_edition_get_id (edition);
}

/* The state icon ------------------------------------------------------------- */

static void
test_state_icon (void)
{
  GtkWidget *icon = g_object_ref_sink (nd_sync_state_icon_new ());
  NdSyncStateIcon *self = ND_SYNC_STATE_ICON (icon);
  g_autofree char *tooltip = NULL;

  g_assert_cmpint (nd_sync_state_icon_get_state (self), ==, ND_EDITION_SYNC_LOCAL);
  g_assert_cmpstr (nd_sync_state_icon_get_label (self), ==, nd_edition_sync_state_get_label (ND_EDITION_SYNC_LOCAL));

  for (NdEditionSyncState state = ND_EDITION_SYNC_LOCAL; state <= ND_EDITION_SYNC_ERROR; state++)
    {
      nd_sync_state_icon_set_state (self, state);
      g_assert_cmpstr (nd_sync_state_icon_get_label (self), ==, nd_edition_sync_state_get_label (state));
      g_assert_cmpstr (gtk_widget_get_tooltip_text (icon), ==, nd_edition_sync_state_get_label (state));
      g_assert_true (gtk_widget_has_css_class (icon, nd_edition_sync_state_get_css_class (state)));
      for (NdEditionSyncState other = ND_EDITION_SYNC_LOCAL; other <= ND_EDITION_SYNC_ERROR; other++)
        if (other != state)
          {
            g_assert_false (gtk_widget_has_css_class (icon, nd_edition_sync_state_get_css_class (other)));
            g_assert_cmpstr (nd_edition_sync_state_get_label (other), !=, nd_edition_sync_state_get_label (state));
            g_assert_cmpstr (nd_edition_sync_state_get_icon_name (other), !=,
                             nd_edition_sync_state_get_icon_name (state));
          }
    }

  nd_sync_state_icon_set_detail (self, "The site refused the password");
  g_assert_nonnull (strstr (nd_sync_state_icon_get_label (self), nd_edition_sync_state_get_label (ND_EDITION_SYNC_ERROR)));
  g_assert_nonnull (strstr (nd_sync_state_icon_get_label (self), "The site refused the password"));
  nd_sync_state_icon_set_detail (self, NULL);
  g_assert_cmpstr (nd_sync_state_icon_get_label (self), ==, nd_edition_sync_state_get_label (ND_EDITION_SYNC_ERROR));

  g_assert_finalize_object (icon);
}

/* The log window ------------------------------------------------------------- */

static gint64
add_site (Fixture    *fixture,
          const char *name,
          const char *url)
{
  g_autoptr(GError) error = NULL;
  g_autoptr(NdSite) site = nd_site_new ();

  nd_site_set_name (site, name);
  nd_site_set_url (site, url);
  nd_site_set_username (site, "editor");
  nd_sync_store_add_site (fixture->sync_store, site, &error);
  g_assert_no_error (error);
  return nd_site_get_id (site);
}

static void
test_log_window (Fixture       *fixture,
                 gconstpointer  data)
{
  g_autoptr(GError) error = NULL;
  gint64 site_id = add_site (fixture, "Realist English", "https://en.realist.example");
  gint64 edition_id = add_edition (fixture, "en", "Talks in Doha resume");
  NdSyncLogWindow *window;
  g_autofree char *first = NULL;
  g_autofree char *newest = NULL;
  g_autofree char *last = NULL;
  guint timeout;

  nd_sync_store_append_log (fixture->sync_store, ND_SYNC_LOG_INFO, site_id, edition_id, "Sent the headline", &error);
  g_assert_no_error (error);
  nd_sync_store_append_log (fixture->sync_store, ND_SYNC_LOG_ERROR, site_id, 0, "The site refused the password", &error);
  g_assert_no_error (error);

  window = nd_sync_log_window_new (NULL, fixture->stories, fixture->sync_store);
  g_object_ref_sink (window);
  gtk_window_present (GTK_WINDOW (window));
  g_assert_cmpuint (nd_sync_log_window_get_n_entries (window), ==, 2);

  /* Newest first, with the site and the story named. */
  first = nd_sync_log_window_describe_entry (window, 0);
  g_assert_nonnull (strstr (first, "The site refused the password"));
  g_assert_nonnull (strstr (first, "Realist English"));
  last = nd_sync_log_window_describe_entry (window, 1);
  g_assert_nonnull (strstr (last, "Sent the headline"));
  g_assert_nonnull (strstr (last, "Talks in Doha resume"));
  g_assert_null (nd_sync_log_window_describe_entry (window, 2));

  /* It follows the log: one line, then many committed at once. */
  nd_sync_store_append_log (fixture->sync_store, ND_SYNC_LOG_WARNING, site_id, edition_id, "Changed on both sides", &error);
  g_assert_no_error (error);
  g_assert_cmpuint (nd_sync_log_window_get_n_entries (window), ==, 3);
  newest = nd_sync_log_window_describe_entry (window, 0);
  g_assert_nonnull (strstr (newest, "Changed on both sides"));

  g_assert_true (nd_database_begin (fixture->database, &error));
  for (int i = 0; i < 130; i++)
    {
      g_autofree char *message = g_strdup_printf ("Pulled post %d", i);

      nd_sync_store_append_log (fixture->sync_store, ND_SYNC_LOG_INFO, site_id, 0, message, &error);
      g_assert_no_error (error);
    }
  g_assert_true (nd_database_commit (fixture->database, &error));
  /* The store tells of writes inside a caller's transaction once it is
   * over, from the main loop. */
  timeout = g_timeout_add_seconds (10, on_timeout_cb, NULL);
  while (nd_sync_log_window_get_n_entries (window) < 133)
    g_main_context_iteration (NULL, TRUE);
  g_source_remove (timeout);
  g_assert_cmpuint (nd_sync_log_window_get_n_entries (window), ==, 133);
  g_clear_pointer (&newest, g_free);
  newest = nd_sync_log_window_describe_entry (window, 0);
  g_assert_nonnull (strstr (newest, "Pulled post 129"));
  g_clear_pointer (&last, g_free);
  last = nd_sync_log_window_describe_entry (window, 132);
  g_assert_nonnull (strstr (last, "Sent the headline"));

  /* Rows are made for what is on screen only. */
  for (int i = 0; i < 5; i++)
    g_main_context_iteration (NULL, FALSE);

  gtk_window_destroy (GTK_WINDOW (window));
  g_assert_finalize_object (window);
}

/* Preferences ---------------------------------------------------------------- */

static GtkWidget *
child (NdPreferencesWindow *window,
       const char          *name)
{
  GtkWidget *widget = GTK_WIDGET (gtk_widget_get_template_child (GTK_WIDGET (window),
                                                                 ND_TYPE_PREFERENCES_WINDOW, name));

  g_assert_nonnull (widget);
  return widget;
}

static void
fill_site (NdPreferencesWindow *window,
           const char          *url,
           const char          *user,
           const char          *password)
{
  gtk_editable_set_text (GTK_EDITABLE (child (window, "url_row")), url);
  gtk_editable_set_text (GTK_EDITABLE (child (window, "user_row")), user);
  gtk_editable_set_text (GTK_EDITABLE (child (window, "password_row")), password);
}

static const char *
test_site (NdPreferencesWindow *window,
           const char          *url,
           const char          *user,
           const char          *password)
{
  nd_preferences_window_edit_site (window, 0);
  fill_site (window, url, user, password);
  nd_preferences_window_test_connection (window);
  wait_not_busy (window);
  g_assert_nonnull (nd_preferences_window_get_result (window));
  return nd_preferences_window_get_result (window);
}

static char *
sentence_for (NdRemoteError code)
{
  g_autoptr(GError) error = g_error_new_literal (ND_REMOTE_ERROR, code, "x");

  return nd_preferences_describe_remote_error (error);
}

static AdwComboRow *
language_row (NdPreferencesWindow *window,
              const char          *lang)
{
  GtkWidget *list = child (window, "languages_list");

  for (GtkWidget *row = gtk_widget_get_first_child (list); row != NULL; row = gtk_widget_get_next_sibling (row))
    if (ADW_IS_COMBO_ROW (row) && g_strcmp0 (gtk_widget_get_name (row), lang) == 0)
      return ADW_COMBO_ROW (row);

  g_assert_not_reached ();
  return NULL;
}

static void
test_preferences_add_site (Fixture       *fixture,
                           gconstpointer  data)
{
  g_autoptr(GError) error = NULL;
  g_autoptr(NdFakeWordpress) fake = NULL;
  g_autoptr(GPtrArray) sites = NULL;
  g_autofree char *stored = NULL;
  g_autofree char *wal = NULL;
  NdPreferencesWindow *window;
  AdwMessageDialog *dialog;
  NdSite *site;
  gint64 site_id;
  const char *result;

  if (!have_secret_service ())
    {
      g_test_skip ("No Secret Service is reachable");
      return;
    }

  fake = nd_fake_wordpress_new (ND_FAKE_FEATURE_NONE);
  window = nd_preferences_window_new (NULL, fixture->stories, fixture->sync_store);
  g_object_ref_sink (window);
  gtk_window_present (GTK_WINDOW (window));

  /* Test, then save. */
  result = test_site (window, nd_fake_wordpress_get_url (fake), "editor", ND_FAKE_WORDPRESS_PASSWORD);
  g_assert_nonnull (strstr (result, "Newsdesk Test Site"));
  g_assert_nonnull (strstr (result, "Europe/Moscow"));
  g_assert_null (strstr (result, ND_FAKE_WORDPRESS_PASSWORD));
  nd_preferences_window_save_site (window);
  wait_not_busy (window);

  sites = nd_sync_store_list_sites (fixture->sync_store, &error);
  g_assert_no_error (error);
  g_assert_cmpuint (sites->len, ==, 1);
  site = g_ptr_array_index (sites, 0);
  site_id = nd_site_get_id (site);
  g_assert_cmpstr (nd_site_get_name (site), ==, "Newsdesk Test Site");
  g_assert_cmpstr (nd_site_get_url (site), ==, nd_fake_wordpress_get_url (fake));
  g_assert_cmpstr (nd_site_get_username (site), ==, "editor");
  g_assert_cmpstr (nd_site_get_timezone (site), ==, "Europe/Moscow");

  /* The password is in the keyring, and nowhere in the database. */
  stored = nd_account_lookup_password_sync (nd_site_get_url (site), "editor", &error);
  g_assert_no_error (error);
  g_assert_cmpstr (stored, ==, ND_FAKE_WORDPRESS_PASSWORD);
  wal = g_strconcat (fixture->path, "-wal", NULL);
  g_assert_true (g_file_test (fixture->path, G_FILE_TEST_EXISTS));
  g_assert_false (file_contains (fixture->path, ND_FAKE_WORDPRESS_PASSWORD));
  g_assert_false (file_contains (wal, ND_FAKE_WORDPRESS_PASSWORD));
  g_assert_false (file_contains (fixture->path, "abcd EFGH"));
  /* The search finds what is there: the site's address is in the file. */
  g_assert_true (file_contains (fixture->path, nd_fake_wordpress_get_url (fake)) ||
                 file_contains (wal, nd_fake_wordpress_get_url (fake)));

  /* Languages map to the site, one site for several. */
  g_assert_cmpint (nd_sync_store_get_language_site (fixture->sync_store, "ar", NULL), ==, 0);
  adw_combo_row_set_selected (language_row (window, "ar"), 1);
  adw_combo_row_set_selected (language_row (window, "en"), 1);
  g_assert_cmpint (nd_sync_store_get_language_site (fixture->sync_store, "ar", NULL), ==, site_id);
  g_assert_cmpint (nd_sync_store_get_language_site (fixture->sync_store, "en", NULL), ==, site_id);
  g_assert_cmpint (nd_sync_store_get_language_site (fixture->sync_store, "ru", NULL), ==, 0);
  /* The rows show the mapping. */
  g_assert_cmpuint (adw_combo_row_get_selected (language_row (window, "ar")), ==, 1);
  adw_combo_row_set_selected (language_row (window, "en"), 0);
  g_assert_cmpint (nd_sync_store_get_language_site (fixture->sync_store, "en", NULL), ==, 0);

  /* Removing asks first; cancelling keeps the site. */
  dialog = nd_preferences_window_remove_site (window, site_id);
  adw_message_dialog_response (dialog, "cancel");
  g_assert_nonnull (nd_sync_store_get_site (fixture->sync_store, site_id, NULL));
  g_object_unref (nd_sync_store_get_site (fixture->sync_store, site_id, NULL));
  dialog = nd_preferences_window_remove_site (window, site_id);
  adw_message_dialog_response (dialog, "remove");
  g_assert_null (nd_sync_store_get_site (fixture->sync_store, site_id, NULL));

  /* ...and its password leaves the keyring. */
  for (int i = 0; i < 200; i++)
    {
      g_autofree char *left = nd_account_lookup_password_sync (nd_fake_wordpress_get_url (fake), "editor", NULL);

      if (left == NULL)
        break;
      g_main_context_iteration (NULL, FALSE);
      g_usleep (10000);
      g_assert_cmpint (i, <, 199);
    }

  gtk_window_destroy (GTK_WINDOW (window));
  g_assert_finalize_object (window);
}

static void
test_preferences_failures (Fixture       *fixture,
                           gconstpointer  data)
{
  g_autoptr(NdFakeWordpress) fake = nd_fake_wordpress_new (ND_FAKE_FEATURE_NONE);
  g_autofree char *auth = sentence_for (ND_REMOTE_ERROR_AUTH_FAILED);
  g_autofree char *not_wp = sentence_for (ND_REMOTE_ERROR_NOT_WORDPRESS);
  g_autofree char *insecure = sentence_for (ND_REMOTE_ERROR_INSECURE_URL);
  g_autofree char *network = sentence_for (ND_REMOTE_ERROR_NETWORK);
  g_autofree char *server = sentence_for (ND_REMOTE_ERROR_SERVER);
  g_autofree char *not_wp_url = g_strconcat (nd_fake_wordpress_get_url (fake), "/no-such-place", NULL);
  g_autoptr(GSocket) socket = NULL;
  g_autoptr(GInetSocketAddress) address = NULL;
  g_autoptr(GSocketAddress) bound = NULL;
  g_autofree char *closed_url = NULL;
  NdPreferencesWindow *window;
  g_autoptr(GPtrArray) sites = NULL;

  window = nd_preferences_window_new (NULL, fixture->stories, fixture->sync_store);
  g_object_ref_sink (window);

  /* Each failure has its own plain sentence. */
  g_assert_cmpstr (auth, !=, not_wp);
  g_assert_cmpstr (test_site (window, nd_fake_wordpress_get_url (fake), "editor", "wrong password here"), ==, auth);
  g_assert_cmpstr (test_site (window, nd_fake_wordpress_get_url (fake), "nobody", ND_FAKE_WORDPRESS_PASSWORD), ==, auth);
  g_assert_cmpstr (test_site (window, not_wp_url, "editor", ND_FAKE_WORDPRESS_PASSWORD), ==, not_wp);
  g_assert_cmpstr (test_site (window, "http://example.com", "editor", ND_FAKE_WORDPRESS_PASSWORD), ==, insecure);

  /* A port nobody listens on: bound, never listened to. */
  socket = g_socket_new (G_SOCKET_FAMILY_IPV4, G_SOCKET_TYPE_STREAM, G_SOCKET_PROTOCOL_TCP, NULL);
  address = G_INET_SOCKET_ADDRESS (g_inet_socket_address_new_from_string ("127.0.0.1", 0));
  g_assert_true (g_socket_bind (socket, G_SOCKET_ADDRESS (address), FALSE, NULL));
  bound = g_socket_get_local_address (socket, NULL);
  closed_url = g_strdup_printf ("http://127.0.0.1:%u", g_inet_socket_address_get_port (G_INET_SOCKET_ADDRESS (bound)));
  g_assert_cmpstr (test_site (window, closed_url, "editor", ND_FAKE_WORDPRESS_PASSWORD), ==, network);

  nd_fake_wordpress_fail_next (fake, ND_FAKE_FAULT_SERVER_ERROR);
  g_assert_cmpstr (test_site (window, nd_fake_wordpress_get_url (fake), "editor", ND_FAKE_WORDPRESS_PASSWORD), ==, server);

  /* Nothing was saved by testing. */
  sites = nd_sync_store_list_sites (fixture->sync_store, NULL);
  g_assert_cmpuint (sites->len, ==, 0);

  gtk_window_destroy (GTK_WINDOW (window));
  g_assert_finalize_object (window);
}

static char *
param_of (const char *url,
          const char *name)
{
  g_autoptr(GUri) uri = g_uri_parse (url, G_URI_FLAGS_ENCODED_QUERY, NULL);
  g_autoptr(GHashTable) params = NULL;

  g_assert_nonnull (uri);
  params = g_uri_parse_params (g_uri_get_query (uri), -1, "&", G_URI_PARAMS_NONE, NULL);
  return g_strdup (g_hash_table_lookup (params, name));
}

static void
on_browser_answered_cb (GObject      *object,
                        GAsyncResult *result,
                        gpointer      user_data)
{
  g_autoptr(GBytes) bytes = soup_session_send_and_read_finish (SOUP_SESSION (object), result, NULL);
  gboolean *done = user_data;

  *done = TRUE;
}

/* WordPress's approval page, played by a request to the loopback address
 * it would send the browser to: the user and password come back, fill the
 * fields, and the connection is tested at once. */
static void
test_preferences_approval (Fixture       *fixture,
                           gconstpointer  data)
{
  g_autoptr(NdFakeWordpress) fake = nd_fake_wordpress_new (ND_FAKE_FEATURE_NONE);
  g_autoptr(SoupSession) session = soup_session_new ();
  g_autoptr(SoupMessage) message = NULL;
  g_autofree char *success = NULL;
  g_autofree char *escaped = g_uri_escape_string (ND_FAKE_WORDPRESS_PASSWORD, NULL, FALSE);
  g_autofree char *callback = NULL;
  NdPreferencesWindow *window;
  const char *approval_url;
  gboolean answered = FALSE;

  window = nd_preferences_window_new (NULL, fixture->stories, fixture->sync_store);
  g_object_ref_sink (window);
  nd_preferences_window_edit_site (window, 0);
  gtk_editable_set_text (GTK_EDITABLE (child (window, "url_row")), nd_fake_wordpress_get_url (fake));
  g_signal_emit_by_name (child (window, "authorize_row"), "activated");
  g_assert_true (nd_preferences_window_get_busy (window));
  approval_url = nd_preferences_window_get_approval_url (window);
  g_assert_nonnull (approval_url);
  g_assert_true (g_str_has_prefix (approval_url, nd_fake_wordpress_get_url (fake)));
  g_assert_nonnull (strstr (approval_url, "/wp-admin/authorize-application.php"));

  success = param_of (approval_url, "success_url");
  g_assert_nonnull (success);
  callback = g_strconcat (success, "&site_url=x&user_login=editor&password=", escaped, NULL);
  message = soup_message_new ("GET", callback);
  soup_session_send_and_read_async (session, message, G_PRIORITY_DEFAULT, NULL, on_browser_answered_cb, &answered);
  while (!answered)
    g_main_context_iteration (NULL, TRUE);
  wait_not_busy (window);

  g_assert_null (nd_preferences_window_get_approval_url (window));
  g_assert_cmpstr (gtk_editable_get_text (GTK_EDITABLE (child (window, "user_row"))), ==, "editor");
  g_assert_cmpstr (gtk_editable_get_text (GTK_EDITABLE (child (window, "password_row"))), ==, ND_FAKE_WORDPRESS_PASSWORD);
  g_assert_nonnull (strstr (nd_preferences_window_get_result (window), "Newsdesk Test Site"));

  gtk_window_destroy (GTK_WINDOW (window));
  g_assert_finalize_object (window);
}

/* The indicator ---------------------------------------------------------------- */

static void
on_sync_done_cb (GObject      *object,
                 GAsyncResult *result,
                 gpointer      user_data)
{
  gboolean *done = user_data;

  nd_sync_engine_sync_finish (ND_SYNC_ENGINE (object), result, NULL);
  *done = TRUE;
}

static void
on_indicator_state_cb (NdSyncIndicator *indicator,
                       GParamSpec      *pspec,
                       GPtrArray       *labels)
{
  g_ptr_array_add (labels, g_strdup (nd_sync_indicator_get_label (indicator)));
}

static void
run_pass (NdSyncEngine *engine)
{
  gboolean done = FALSE;
  guint timeout = g_timeout_add_seconds (60, on_timeout_cb, NULL);

  nd_sync_engine_sync_async (engine, NULL, on_sync_done_cb, &done);
  while (!done)
    g_main_context_iteration (NULL, TRUE);
  g_source_remove (timeout);
}

static gboolean
labels_contain (GPtrArray  *labels,
                const char *text)
{
  for (guint i = 0; i < labels->len; i++)
    if (strstr (g_ptr_array_index (labels, i), text) != NULL)
      return TRUE;
  return FALSE;
}

static void
test_indicator (Fixture       *fixture,
                gconstpointer  data)
{
  g_autoptr(GError) error = NULL;
  g_autoptr(NdFakeWordpress) fake = NULL;
  g_autoptr(NdSyncEngine) engine = nd_sync_engine_new (fixture->stories, fixture->sync_store);
  g_autoptr(GPtrArray) labels = g_ptr_array_new_with_free_func (g_free);
  g_autofree char *label = NULL;
  GtkWidget *indicator = g_object_ref_sink (nd_sync_indicator_new (engine, fixture->stories, fixture->sync_store));
  GtkWidget *button = GTK_WIDGET (gtk_widget_get_template_child (indicator, ND_TYPE_SYNC_INDICATOR, "button"));
  GtkWidget *error_label = GTK_WIDGET (gtk_widget_get_template_child (indicator, ND_TYPE_SYNC_INDICATOR, "error_label"));
  gint64 site_id, edition_id;

  if (!have_secret_service ())
    {
      g_test_skip ("No Secret Service is reachable");
      g_assert_finalize_object (indicator);
      return;
    }

  /* Nothing set up: the button says so. */
  g_assert_cmpint (nd_sync_engine_get_state (engine), ==, ND_SYNC_STATE_NOT_CONFIGURED);
  g_assert_cmpint (nd_sync_indicator_get_state (ND_SYNC_INDICATOR (indicator)), ==, ND_SYNC_STATE_NOT_CONFIGURED);
  label = g_strdup (nd_sync_indicator_get_label (ND_SYNC_INDICATOR (indicator)));
  g_assert_cmpstr (gtk_widget_get_tooltip_text (button), ==, label);

  /* A site for English, a story to send: the states of a pass go by. */
  fake = nd_fake_wordpress_new (ND_FAKE_FEATURE_NEWSDESK_PLUGIN);
  site_id = add_site (fixture, "Realist English", nd_fake_wordpress_get_url (fake));
  nd_sync_store_set_language_site (fixture->sync_store, "en", site_id, &error);
  g_assert_no_error (error);
  g_assert_true (nd_account_store_password_sync (nd_fake_wordpress_get_url (fake), "editor",
                                                 ND_FAKE_WORDPRESS_PASSWORD, &error));
  g_assert_no_error (error);
  edition_id = add_edition (fixture, "en", "Talks in Doha resume");
  g_assert_cmpint (edition_id, >, 0);

  g_signal_connect (indicator, "notify::state", G_CALLBACK (on_indicator_state_cb), labels);
  run_pass (engine);
  g_assert_cmpint (nd_sync_engine_get_state (engine), ==, ND_SYNC_STATE_IDLE);
  g_assert_cmpint (nd_sync_indicator_get_state (ND_SYNC_INDICATOR (indicator)), ==, ND_SYNC_STATE_IDLE);
  g_assert_true (labels->len >= 1);
  g_assert_true (labels_contain (labels, "Syncing…"));
  g_assert_cmpstr (nd_sync_indicator_get_label (ND_SYNC_INDICATOR (indicator)), !=, label);
  g_assert_cmpstr (gtk_widget_get_tooltip_text (button), ==, nd_sync_indicator_get_label (ND_SYNC_INDICATOR (indicator)));
  g_assert_cmpuint (nd_fake_wordpress_count_posts (fake, NULL), ==, 1);
  g_assert_false (gtk_widget_get_visible (error_label));

  /* A refused password: the state and the error follow. */
  g_assert_true (nd_account_store_password_sync (nd_fake_wordpress_get_url (fake), "editor", "not the password", &error));
  nd_sync_store_append_log (fixture->sync_store, ND_SYNC_LOG_INFO, site_id, 0, "before", NULL);
  {
    g_autoptr(NdEdition) edition = nd_story_store_load_edition_by_id (fixture->stories, edition_id, &error);

    nd_edition_set_headline (edition, "Talks in Doha resume again");
    nd_story_store_save_edition (fixture->stories, edition, &error);
    g_assert_no_error (error);
  }
  run_pass (engine);
  g_assert_cmpint (nd_sync_engine_get_state (engine), ==, ND_SYNC_STATE_ERROR);
  g_assert_cmpint (nd_sync_indicator_get_state (ND_SYNC_INDICATOR (indicator)), ==, ND_SYNC_STATE_ERROR);
  g_assert_nonnull (nd_sync_engine_get_last_error (engine));
  g_assert_true (gtk_widget_get_visible (error_label));
  g_assert_cmpstr (gtk_label_get_text (GTK_LABEL (error_label)), ==, nd_sync_engine_get_last_error (engine));
  g_assert_null (strstr (nd_sync_engine_get_last_error (engine), "not the password"));

  /* Conflicts are counted on the button. */
  nd_sync_store_add_conflict (fixture->sync_store, edition_id, "headline", -1, "a", "b", "c", &error);
  g_assert_no_error (error);
  for (int i = 0; i < 100 && nd_sync_engine_get_conflicts (engine) == 0; i++)
    g_main_context_iteration (NULL, FALSE);
  g_assert_cmpuint (nd_sync_engine_get_conflicts (engine), ==, 1);
  g_assert_true (gtk_widget_has_css_class (button, "conflicts"));
  g_assert_nonnull (strstr (nd_sync_indicator_get_label (ND_SYNC_INDICATOR (indicator)), "1 conflict to resolve"));

  nd_account_clear_password_async (nd_fake_wordpress_get_url (fake), "editor", NULL, NULL, NULL);
  g_signal_handlers_disconnect_by_data (indicator, labels);
  nd_sync_engine_stop (engine);
  g_assert_finalize_object (indicator);
}

static void
test_synced_at_words (void)
{
  gint64 now = G_GINT64_CONSTANT (1800000000) * G_USEC_PER_SEC;
  g_autofree char *just = nd_sync_indicator_describe_synced_at (now - 5 * G_USEC_PER_SEC, now);
  g_autofree char *minutes = nd_sync_indicator_describe_synced_at (now - 125 * G_USEC_PER_SEC, now);
  g_autofree char *hours = nd_sync_indicator_describe_synced_at (now - G_GINT64_CONSTANT (3 * 3600) * G_USEC_PER_SEC, now);
  g_autofree char *days = nd_sync_indicator_describe_synced_at (now - G_GINT64_CONSTANT (3 * 86400) * G_USEC_PER_SEC, now);

  g_assert_cmpstr (just, ==, "Synced just now");
  g_assert_cmpstr (minutes, ==, "Synced 2 minutes ago");
  g_assert_cmpstr (hours, ==, "Synced 3 hours ago");
  g_assert_true (g_str_has_prefix (days, "Last synced on "));
}

/* The conflict view ------------------------------------------------------------- */

static gboolean
is_shown_button_labelled (GtkWidget     *widget,
                          gconstpointer  label)
{
  return GTK_IS_BUTTON (widget) && g_strcmp0 (gtk_button_get_label (GTK_BUTTON (widget)), label) == 0 &&
         gtk_widget_get_visible (widget);
}

static GtkWidget *
find_button (GtkWidget  *root,
             const char *label)
{
  return nd_test_find_widget (root, is_shown_button_labelled, NULL, label);
}

static gboolean
is_value_in_direction (GtkWidget     *widget,
                       gconstpointer  direction)
{
  return gtk_widget_has_css_class (widget, "conflict-value") &&
         gtk_widget_get_direction (widget) == (GtkTextDirection) GPOINTER_TO_INT (direction);
}

static gboolean
has_direction (GtkWidget        *root,
               GtkTextDirection  direction)
{
  return nd_test_find_widget (root, is_value_in_direction, NULL, GINT_TO_POINTER (direction)) != NULL;
}

static void
test_conflict_view (Fixture       *fixture,
                    gconstpointer  data)
{
  g_autoptr(GError) error = NULL;
  g_autoptr(NdSyncEngine) engine = nd_sync_engine_new (fixture->stories, fixture->sync_store);
  gint64 edition_id = add_edition (fixture, "ar", "محادثات في الدوحة");
  g_autoptr(NdEdition) edition = NULL;
  g_autoptr(NdEdition) after = NULL;
  g_autoptr(GPtrArray) open = NULL;
  GtkWidget *window = gtk_window_new ();
  GtkWidget *view = nd_conflict_view_new (engine, fixture->stories, fixture->sync_store);
  GtkWidget *button;
  GtkTextView *text_view;
  gint64 headline_id, standfirst_id;

  edition = nd_story_store_load_edition_by_id (fixture->stories, edition_id, &error);
  g_assert_no_error (error);
  nd_edition_set_standfirst (edition, "مقدمة محلية");
  nd_story_store_save_edition (fixture->stories, edition, &error);
  g_assert_no_error (error);

  headline_id = nd_sync_store_add_conflict (fixture->sync_store, edition_id, "headline", -1,
                                            "محادثات", "محادثات في الدوحة", "محادثات في قطر", &error);
  g_assert_no_error (error);
  standfirst_id = nd_sync_store_add_conflict (fixture->sync_store, edition_id, "standfirst", -1,
                                              NULL, "مقدمة محلية", "مقدمة من الموقع", &error);
  g_assert_no_error (error);

  gtk_window_set_child (GTK_WINDOW (window), view);
  gtk_window_present (GTK_WINDOW (window));
  nd_conflict_view_set_edition (ND_CONFLICT_VIEW (view), edition_id);
  g_assert_cmpuint (nd_conflict_view_get_n_conflicts (ND_CONFLICT_VIEW (view)), ==, 2);

  /* Arabic right to left, whatever the interface's direction. */
  gtk_widget_set_default_direction (GTK_TEXT_DIR_LTR);
  g_assert_true (has_direction (view, GTK_TEXT_DIR_RTL));
  g_assert_false (has_direction (view, GTK_TEXT_DIR_LTR));

  /* "Take Theirs" on the headline: the edition takes the site's headline
   * and the conflict closes. */
  button = find_button (view, "Take _Theirs");
  g_assert_nonnull (button);
  g_signal_emit_by_name (button, "clicked");
  after = nd_story_store_load_edition_by_id (fixture->stories, edition_id, &error);
  g_assert_no_error (error);
  g_assert_cmpstr (nd_edition_get_headline (after), ==, "محادثات في قطر");
  g_assert_cmpuint (nd_conflict_view_get_n_conflicts (ND_CONFLICT_VIEW (view)), ==, 1);
  {
    g_autoptr(NdConflict) closed = nd_sync_store_get_conflict (fixture->sync_store, headline_id, &error);

    g_assert_no_error (error);
    g_assert_cmpint (closed->resolved_at, >, 0);
  }

  /* "Edit…" on the standfirst: a field with mine in it, then the text
   * written from both is kept. */
  button = find_button (view, "_Edit…");
  g_assert_nonnull (button);
  g_signal_emit_by_name (button, "clicked");
  text_view = GTK_TEXT_VIEW (nd_test_find_descendant (view, GTK_TYPE_TEXT_VIEW));
  g_assert_nonnull (text_view);
  g_assert_true (gtk_widget_get_visible (gtk_widget_get_parent (gtk_widget_get_parent (GTK_WIDGET (text_view)))));
  g_assert_cmpint (gtk_widget_get_direction (GTK_WIDGET (text_view)), ==, GTK_TEXT_DIR_RTL);
  {
    GtkTextBuffer *buffer = gtk_text_view_get_buffer (text_view);
    GtkTextIter start, end;
    g_autofree char *prefilled = NULL;

    gtk_text_buffer_get_bounds (buffer, &start, &end);
    prefilled = gtk_text_buffer_get_text (buffer, &start, &end, FALSE);
    g_assert_cmpstr (prefilled, ==, "مقدمة محلية");
    gtk_text_buffer_set_text (buffer, "مقدمة مشتركة", -1);
  }
  button = find_button (view, "_Use This Text");
  g_assert_nonnull (button);
  g_signal_emit_by_name (button, "clicked");
  g_clear_object (&after);
  after = nd_story_store_load_edition_by_id (fixture->stories, edition_id, &error);
  g_assert_cmpstr (nd_edition_get_standfirst (after), ==, "مقدمة مشتركة");
  g_assert_cmpuint (nd_conflict_view_get_n_conflicts (ND_CONFLICT_VIEW (view)), ==, 0);
  open = nd_sync_store_list_conflicts (fixture->sync_store, edition_id, &error);
  g_assert_no_error (error);
  for (guint i = 0; i < open->len; i++)
    g_assert_cmpint (((NdConflict *) g_ptr_array_index (open, i))->resolved_at, >, 0);
  g_assert_cmpint (standfirst_id, >, 0);

  nd_sync_engine_stop (engine);
  gtk_window_destroy (GTK_WINDOW (window));
}

/* Each edition's sync state in the story editor ------------------------------ */

typedef struct
{
  gint64  story_id;
  gint64  en;
  gint64  ru;
  gint64  ar;
} Story;

/* A story in the three languages, every edition a draft that would go. */
static Story
add_trilingual_story (Fixture *fixture)
{
  g_autoptr(GError) error = NULL;
  const char *langs[] = { "ru", "ar" };
  const char *headlines[] = { "Переговоры в Дохе возобновились", "استئناف المحادثات في الدوحة" };
  Story story = { 0 };
  g_autoptr(NdEdition) en = NULL;

  story.en = add_edition (fixture, "en", "Talks in Doha resume");
  en = nd_story_store_load_edition_by_id (fixture->stories, story.en, &error);
  g_assert_no_error (error);
  story.story_id = nd_edition_get_story_id (en);

  for (guint i = 0; i < G_N_ELEMENTS (langs); i++)
    {
      g_autoptr(NdEdition) edition = nd_story_store_add_edition (fixture->stories, story.story_id, langs[i], &error);

      g_assert_no_error (error);
      nd_edition_set_headline (edition, headlines[i]);
      nd_story_store_save_edition (fixture->stories, edition, &error);
      g_assert_no_error (error);
      nd_story_store_set_edition_status (fixture->stories, edition, ND_EDITION_STATUS_DRAFT, NULL, &error);
      g_assert_no_error (error);
      if (i == 0)
        story.ru = nd_edition_get_id (edition);
      else
        story.ar = nd_edition_get_id (edition);
    }

  return story;
}

static NdEditionSyncRow *
edition_sync_row (NdStoryEditor *editor,
                  const char    *lang)
{
  NdEditionEditor *page = nd_story_editor_get_edition_editor (editor, lang);
  GtkWidget *row;

  g_assert_nonnull (page);
  row = nd_edition_editor_get_sync_row (page);
  g_assert_true (ND_IS_EDITION_SYNC_ROW (row));
  return ND_EDITION_SYNC_ROW (row);
}

/* The row follows the stores from the main loop; nothing reopens it. */
static void
wait_for_title (NdEditionSyncRow *row,
                const char       *title)
{
  guint timeout = g_timeout_add_seconds (10, on_timeout_cb, NULL);

  while (g_strcmp0 (nd_edition_sync_row_get_title (row), title) != 0)
    g_main_context_iteration (NULL, TRUE);
  g_source_remove (timeout);
}

static char *
base_json (const char *wp_status)
{
  g_autoptr(NdSyncFields) fields = nd_sync_fields_new ();

  nd_sync_fields_set_text (fields, ND_SYNC_FIELD_HEADLINE, "Talks in Doha resume");
  nd_sync_fields_set_text (fields, ND_SYNC_FIELD_STATUS, wp_status);
  return nd_sync_fields_to_json (fields);
}

static NdStoryEditor *
open_editor (Fixture      *fixture,
             NdSyncEngine *engine,
             gint64        story_id,
             GtkWindow   **window)
{
  NdStoryEditor *editor = g_object_ref_sink (nd_story_editor_new (fixture->stories));

  *window = GTK_WINDOW (gtk_window_new ());
  gtk_window_set_default_size (*window, 1000, 700);
  gtk_window_set_child (*window, GTK_WIDGET (editor));
  nd_story_editor_set_sync (editor, engine, fixture->sync_store);
  nd_story_editor_set_story (editor, story_id);
  gtk_window_present (*window);
  return editor;
}

static void
test_edition_state_pending_synced (Fixture       *fixture,
                                   gconstpointer  data)
{
  g_autoptr(GError) error = NULL;
  gint64 en_site = add_site (fixture, "Realist English", "https://en.realist.example");
  gint64 ru_site = add_site (fixture, "Realist Russian", "https://ru.realist.example/");
  Story story = add_trilingual_story (fixture);
  g_autofree char *synced_json = base_json ("publish");
  g_autofree char *trash_json = base_json ("trash");
  NdEditionSyncRow *en, *ru, *ar;
  GtkWindow *window;
  NdStoryEditor *editor;
  g_autoptr(NdEdition) edition = NULL;

  nd_sync_store_set_language_site (fixture->sync_store, "en", en_site, &error);
  g_assert_no_error (error);
  nd_sync_store_set_language_site (fixture->sync_store, "ru", ru_site, &error);
  g_assert_no_error (error);

  editor = open_editor (fixture, NULL, story.story_id, &window);
  en = edition_sync_row (editor, "en");
  ru = edition_sync_row (editor, "ru");
  ar = edition_sync_row (editor, "ar");

  /* Never sent: where each would go, or that its language has no site. */
  g_assert_true (gtk_widget_get_visible (GTK_WIDGET (en)));
  g_assert_cmpint (nd_edition_sync_row_get_state (en), ==, ND_EDITION_SYNC_LOCAL);
  g_assert_cmpstr (nd_edition_sync_row_get_title (en), ==, "Not on the website yet");
  g_assert_cmpstr (nd_edition_sync_row_get_detail (en), ==, "Goes to Realist English with the next sync");
  g_assert_cmpstr (nd_edition_sync_row_get_detail (ru), ==, "Goes to Realist Russian with the next sync");
  g_assert_cmpstr (nd_edition_sync_row_get_title (ar), ==, "Not on any website");
  g_assert_null (nd_edition_sync_row_get_link (en));

  /* One edition waiting: that edition's page says so, the others do not. */
  nd_sync_store_set_edition_state (fixture->sync_store, story.en, ND_EDITION_SYNC_PENDING, NULL, &error);
  g_assert_no_error (error);
  wait_for_title (en, nd_edition_sync_state_get_label (ND_EDITION_SYNC_PENDING));
  g_assert_cmpint (nd_edition_sync_row_get_state (en), ==, ND_EDITION_SYNC_PENDING);
  g_assert_cmpstr (nd_edition_sync_row_get_title (ru), ==, "Not on the website yet");
  g_assert_cmpstr (nd_edition_sync_row_get_title (ar), ==, "Not on any website");

  /* Sending: the request is out. */
  {
    g_autoptr(NdOutboxItem) item = NULL;
    gint64 id = nd_sync_store_outbox_add (fixture->sync_store, story.en, en_site, ND_OUTBOX_CREATE, "{}", NULL, &error);

    g_assert_no_error (error);
    nd_sync_store_outbox_mark_in_flight (fixture->sync_store, id, &error);
    g_assert_no_error (error);
    wait_for_title (en, "Sending…");
    g_assert_true (nd_edition_sync_row_is_sending (en));
    g_assert_cmpstr (nd_edition_sync_row_get_detail (en), ==, "To Realist English");

    /* ...and done: synced now, with the post's link. */
    nd_sync_store_outbox_mark_done (fixture->sync_store, id, &error);
    g_assert_no_error (error);
    nd_sync_store_set_remote_id (fixture->sync_store, story.en, en_site, 42, &error);
    g_assert_no_error (error);
    edition = nd_story_store_load_edition_by_id (fixture->stories, story.en, &error);
    g_assert_no_error (error);
    nd_sync_store_set_base (fixture->sync_store, story.en, synced_json, "2030-01-01T10:00:00",
                            nd_edition_get_revision (edition), &error);
    g_assert_no_error (error);
  }
  wait_for_title (en, "Synced just now");
  g_assert_false (nd_edition_sync_row_is_sending (en));
  g_assert_cmpint (nd_edition_sync_row_get_state (en), ==, ND_EDITION_SYNC_SYNCED);
  g_assert_cmpstr (nd_edition_sync_row_get_detail (en), ==, "On Realist English");
  g_assert_cmpstr (nd_edition_sync_row_get_link (en), ==, "https://en.realist.example/?p=42");
  {
    GtkWidget *link = GTK_WIDGET (gtk_widget_get_template_child (GTK_WIDGET (en), ND_TYPE_EDITION_SYNC_ROW,
                                                                 "link_button"));

    g_assert_true (gtk_widget_get_visible (link));
    g_assert_cmpstr (gtk_link_button_get_uri (GTK_LINK_BUTTON (link)), ==, "https://en.realist.example/?p=42");
  }
  /* A screen reader reads the state and the detail as the row's name. */
  gtk_test_accessible_assert_property (GTK_ACCESSIBLE (en), GTK_ACCESSIBLE_PROPERTY_LABEL,
                                       "Synced just now: On Realist English");
  g_assert_cmpstr (nd_edition_sync_row_get_summary (en), ==, "Synced just now: On Realist English");
  g_assert_cmpstr (nd_edition_sync_row_get_title (ru), ==, "Not on the website yet");

  /* Typing turns it pending (the schema's triggers); the page follows. */
  nd_edition_set_headline (edition, "Talks in Doha resume at last");
  nd_story_store_save_edition (fixture->stories, edition, &error);
  g_assert_no_error (error);
  wait_for_title (en, nd_edition_sync_state_get_label (ND_EDITION_SYNC_PENDING));
  g_assert_cmpstr (nd_edition_sync_row_get_link (en), ==, "https://en.realist.example/?p=42");

  /* A failure tells why. */
  nd_sync_store_set_edition_state (fixture->sync_store, story.en, ND_EDITION_SYNC_ERROR,
                                   "The website refused the slug", &error);
  g_assert_no_error (error);
  wait_for_title (en, nd_edition_sync_state_get_label (ND_EDITION_SYNC_ERROR));
  g_assert_cmpstr (nd_edition_sync_row_get_detail (en), ==, "The website refused the slug");
  g_assert_nonnull (strstr (nd_edition_sync_row_get_summary (en), "The website refused the slug"));

  /* ...or, when the edition keeps no reason, the log does. */
  nd_sync_store_append_log (fixture->sync_store, ND_SYNC_LOG_ERROR, en_site, story.en,
                            "The website answered with an error (500)", &error);
  g_assert_no_error (error);
  nd_sync_store_set_edition_state (fixture->sync_store, story.en, ND_EDITION_SYNC_ERROR, NULL, &error);
  g_assert_no_error (error);
  nd_edition_sync_row_update (en);
  g_assert_cmpstr (nd_edition_sync_row_get_detail (en), ==, "The website answered with an error (500)");

  /* In the site's trash: no link to a post nobody can see. */
  nd_sync_store_set_base (fixture->sync_store, story.en, trash_json, "2030-01-01T11:00:00",
                          nd_edition_get_revision (edition), &error);
  g_assert_no_error (error);
  nd_sync_store_set_edition_state (fixture->sync_store, story.en, ND_EDITION_SYNC_ERROR,
                                   "In the website's trash", &error);
  g_assert_no_error (error);
  wait_for_title (en, "In the website's trash");
  g_assert_null (nd_edition_sync_row_get_link (en));

  /* The rows are interface: in the interface's direction, while the
   * edition's own fields keep their language's. */
  gtk_widget_set_default_direction (GTK_TEXT_DIR_RTL);
  g_assert_cmpint (gtk_widget_get_direction (GTK_WIDGET (en)), ==, GTK_TEXT_DIR_RTL);
  g_assert_cmpint (gtk_widget_get_direction (GTK_WIDGET (ar)), ==, GTK_TEXT_DIR_RTL);
  gtk_widget_set_default_direction (GTK_TEXT_DIR_LTR);
  g_assert_cmpint (gtk_widget_get_direction (GTK_WIDGET (ar)), ==, GTK_TEXT_DIR_LTR);

  gtk_window_destroy (window);
  g_assert_finalize_object (editor);
}

static void
test_edition_state_conflict (Fixture       *fixture,
                             gconstpointer  data)
{
  g_autoptr(GError) error = NULL;
  g_autoptr(NdSyncEngine) engine = nd_sync_engine_new (fixture->stories, fixture->sync_store);
  Story story = add_trilingual_story (fixture);
  GListModel *toplevels = gtk_window_get_toplevels ();
  NdEditionSyncRow *ar, *en;
  GtkWidget *resolve;
  GtkWindow *window;
  NdStoryEditor *editor;
  guint n_windows;
  gint64 conflict_id;

  editor = open_editor (fixture, engine, story.story_id, &window);
  ar = edition_sync_row (editor, "ar");
  en = edition_sync_row (editor, "en");
  resolve = GTK_WIDGET (gtk_widget_get_template_child (GTK_WIDGET (ar), ND_TYPE_EDITION_SYNC_ROW, "resolve_button"));
  g_assert_false (nd_edition_sync_row_can_resolve (ar));
  g_assert_false (gtk_widget_get_visible (resolve));

  conflict_id = nd_sync_store_add_conflict (fixture->sync_store, story.ar, "headline", -1,
                                            "محادثات", "استئناف المحادثات في الدوحة", "محادثات في قطر", &error);
  g_assert_no_error (error);
  wait_for_title (ar, nd_edition_sync_state_get_label (ND_EDITION_SYNC_CONFLICT));
  g_assert_cmpint (nd_edition_sync_row_get_state (ar), ==, ND_EDITION_SYNC_CONFLICT);
  g_assert_true (nd_edition_sync_row_can_resolve (ar));
  g_assert_true (gtk_widget_get_visible (resolve));
  g_assert_cmpint (nd_edition_sync_row_get_state (en), !=, ND_EDITION_SYNC_CONFLICT);
  g_assert_false (nd_edition_sync_row_can_resolve (en));

  /* Resolve… opens the conflict view of that edition. */
  n_windows = g_list_model_get_n_items (toplevels);
  g_assert_true (gtk_widget_activate_action (GTK_WIDGET (ar), "sync-row.resolve", NULL));
  g_assert_cmpuint (g_list_model_get_n_items (toplevels), ==, n_windows + 1);

  /* Resolved elsewhere: the page leaves the conflict state by itself. */
  nd_sync_engine_resolve_conflict (engine, conflict_id, ND_CONFLICT_CHOICE_MINE, NULL, &error);
  g_assert_no_error (error);
  {
    guint timeout = g_timeout_add_seconds (10, on_timeout_cb, NULL);

    while (nd_edition_sync_row_get_state (ar) == ND_EDITION_SYNC_CONFLICT)
      g_main_context_iteration (NULL, TRUE);
    g_source_remove (timeout);
  }
  g_assert_false (nd_edition_sync_row_can_resolve (ar));
  g_assert_false (gtk_widget_get_visible (resolve));

  nd_sync_engine_stop (engine);
  gtk_window_destroy (window);
  g_assert_finalize_object (editor);
}

static void
test_edition_state_retry (Fixture       *fixture,
                          gconstpointer  data)
{
  g_autoptr(GError) error = NULL;
  gint64 site_id = add_site (fixture, "Realist English", "https://en.realist.example");
  Story story = add_trilingual_story (fixture);
  GtkWindow *window;
  NdStoryEditor *editor;
  NdEditionSyncRow *en;
  gint64 id;

  nd_sync_store_set_language_site (fixture->sync_store, "en", site_id, &error);
  g_assert_no_error (error);
  editor = open_editor (fixture, NULL, story.story_id, &window);
  en = edition_sync_row (editor, "en");

  /* A send that failed and waits for its next attempt: why, and when. */
  nd_sync_store_set_edition_state (fixture->sync_store, story.en, ND_EDITION_SYNC_PENDING, NULL, &error);
  g_assert_no_error (error);
  id = nd_sync_store_outbox_add (fixture->sync_store, story.en, site_id, ND_OUTBOX_CREATE, "{}", NULL, &error);
  g_assert_no_error (error);
  nd_sync_store_outbox_mark_in_flight (fixture->sync_store, id, &error);
  g_assert_no_error (error);
  nd_sync_store_outbox_mark_failed (fixture->sync_store, id, g_get_real_time () + 600 * G_USEC_PER_SEC,
                                    "The website is busy (503)", &error);
  g_assert_no_error (error);
  nd_edition_sync_row_update (en);
  g_assert_cmpstr (nd_edition_sync_row_get_title (en), ==, nd_edition_sync_state_get_label (ND_EDITION_SYNC_PENDING));
  g_assert_false (nd_edition_sync_row_is_sending (en));
  g_assert_true (g_str_has_prefix (nd_edition_sync_row_get_detail (en), "The website is busy (503) · Trying again at "));

  /* Hidden without a sync store. */
  nd_story_editor_set_sync (editor, NULL, NULL);
  g_assert_false (gtk_widget_get_visible (GTK_WIDGET (en)));

  gtk_window_destroy (window);
  g_assert_finalize_object (editor);
}

int
main (int   argc,
      char *argv[])
{
  gtk_test_init (&argc, &argv, NULL);
  adw_init ();

  g_test_add_func ("/sync-ui/state-icon", test_state_icon);
  g_test_add_func ("/sync-ui/synced-at", test_synced_at_words);
#define ADD(path, func) \
  g_test_add ("/sync-ui/" path, Fixture, NULL, fixture_set_up, func, fixture_tear_down)
  ADD ("log-window", test_log_window);
  ADD ("preferences/add-site", test_preferences_add_site);
  ADD ("preferences/failures", test_preferences_failures);
  ADD ("preferences/approval", test_preferences_approval);
  ADD ("indicator", test_indicator);
  ADD ("conflict-view", test_conflict_view);
  ADD ("edition-state/pending-synced", test_edition_state_pending_synced);
  ADD ("edition-state/conflict", test_edition_state_conflict);
  ADD ("edition-state/retry", test_edition_state_retry);
#undef ADD

  return g_test_run ();
}
