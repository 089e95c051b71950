/* test-application-open.c
 *
 * SPDX-License-Identifier: GPL-3.0-or-later
 */

#include "config.h"

#include <string.h>

#include "nd-application.h"
#include "nd-wp-authorization.h"

/* The application as the browser reaches it: WordPress's answer through the
 * URI scheme, from a second `newsdesk URI` process over the session bus, or
 * from GApplication::open in this one. */

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
outcome_clear (Outcome *outcome)
{
  g_clear_pointer (&outcome->approval, nd_wp_approval_free);
  g_clear_error (&outcome->error);
}

static gboolean
on_timeout_cb (gpointer user_data)
{
  g_error ("Timed out waiting for the approval");
  return G_SOURCE_REMOVE;
}

static void
on_subprocess_done_cb (GObject      *object,
                       GAsyncResult *result,
                       gpointer      user_data)
{
  gboolean *done = user_data;
  g_autoptr(GError) error = NULL;

  g_assert_true (g_subprocess_wait_check_finish (G_SUBPROCESS (object), result, &error));
  g_assert_no_error (error);
  *done = TRUE;
}

static AdwMessageDialog *
find_message_dialog (GtkApplication *app)
{
  for (GList *l = gtk_application_get_windows (app); l != NULL; l = l->next)
    if (ADW_IS_MESSAGE_DIALOG (l->data))
      return l->data;

  return NULL;
}

static void
test_open (void)
{
  g_autoptr(NdApplication) app = nd_application_new ();
  g_autoptr(NdWpAuthorization) auth = nd_wp_authorization_new ("https://realist.ru", NULL);
  g_autoptr(NdWpAuthorization) other = nd_wp_authorization_new ("https://realist.ru/en", NULL);
  g_autoptr(GSubprocess) newsdesk = NULL;
  g_autoptr(GError) error = NULL;
  g_autoptr(GFile) forged_file = NULL;
  g_autofree char *exe = g_test_build_filename (G_TEST_BUILT, "..", "src", "newsdesk", NULL);
  g_autofree char *answer = NULL;
  g_autofree char *forged = NULL;
  g_autofree char *forged_state = g_uuid_string_random ();
  AdwMessageDialog *dialog;
  Outcome outcome = { 0, }, other_outcome = { 0, };
  gboolean exited = FALSE;
  guint timeout;

  g_assert_true (g_application_get_flags (G_APPLICATION (app)) & G_APPLICATION_HANDLES_OPEN);
  g_assert_true (g_application_register (G_APPLICATION (app), NULL, &error));
  g_assert_no_error (error);
  if (g_application_get_is_remote (G_APPLICATION (app)))
    {
      g_test_skip ("Newsdesk already runs on this session bus");
      return;
    }

  g_assert_nonnull (nd_wp_authorization_start (auth, &error));
  g_assert_nonnull (nd_wp_authorization_start (other, &error));
  nd_wp_authorization_wait_async (auth, NULL, on_wait_cb, &outcome);
  nd_wp_authorization_wait_async (other, NULL, on_wait_cb, &other_outcome);
  timeout = g_timeout_add_seconds (60, on_timeout_cb, NULL);

  /* What the browser runs through the desktop file's Exec=newsdesk %U: a
   * second instance, which hands the address to this one and exits. */
  answer = g_strconcat (nd_wp_authorization_get_callback_url (auth),
                        "&site_url=https%3A%2F%2Frealist.ru&user_login=editor&password=abcd%20EFGH%201234", NULL);
  newsdesk = g_subprocess_new (G_SUBPROCESS_FLAGS_NONE, &error, exe, answer, NULL);
  g_assert_no_error (error);
  g_subprocess_wait_check_async (newsdesk, NULL, on_subprocess_done_cb, &exited);
  while (!outcome.done || !exited)
    g_main_context_iteration (NULL, TRUE);

  g_assert_no_error (outcome.error);
  g_assert_cmpstr (outcome.approval->site_url, ==, "https://realist.ru");
  g_assert_cmpstr (outcome.approval->user_login, ==, "editor");
  g_assert_cmpstr (outcome.approval->password, ==, "abcd EFGH 1234");
  g_assert_null (find_message_dialog (GTK_APPLICATION (app)));

  /* An answer nobody waits for is refused in words, and the other approval
   * keeps waiting. */
  forged = g_strdup_printf ("%s://approved?state=%s&user_login=a&password=b",
                            nd_wp_authorization_get_uri_scheme (), forged_state);
  forged_file = g_file_new_for_uri (forged);
  g_application_open (G_APPLICATION (app), &forged_file, 1, "");
  dialog = find_message_dialog (GTK_APPLICATION (app));
  g_assert_nonnull (dialog);
  g_assert_nonnull (strstr (adw_message_dialog_get_body (dialog), "not belong to an approval"));
  g_assert_null (strstr (adw_message_dialog_get_body (dialog), "password=b"));
  gtk_window_destroy (GTK_WINDOW (dialog));
  g_assert_false (other_outcome.done);
  g_assert_true (nd_wp_authorization_is_listening (other));

  /* So is anything that is not an answer at all. */
  {
    g_autoptr(GFile) file = g_file_new_for_path ("/tmp/story.md");

    g_application_open (G_APPLICATION (app), &file, 1, "");
    dialog = find_message_dialog (GTK_APPLICATION (app));
    g_assert_nonnull (dialog);
    g_assert_nonnull (strstr (adw_message_dialog_get_body (dialog), "WordPress"));
    gtk_window_destroy (GTK_WINDOW (dialog));
  }

  nd_wp_authorization_stop (other);
  while (!other_outcome.done)
    g_main_context_iteration (NULL, TRUE);
  g_assert_error (other_outcome.error, G_IO_ERROR, G_IO_ERROR_CANCELLED);

  g_source_remove (timeout);
  for (GList *l = gtk_application_get_windows (GTK_APPLICATION (app)); l != NULL;
       l = gtk_application_get_windows (GTK_APPLICATION (app)))
    gtk_window_destroy (l->data);
  outcome_clear (&outcome);
  outcome_clear (&other_outcome);
}

int
main (int   argc,
      char *argv[])
{
  g_autofree char *home = g_dir_make_tmp ("newsdesk-open-XXXXXX", NULL);
  g_autofree char *data = g_build_filename (home, "data", NULL);
  g_autofree char *config = g_build_filename (home, "config", NULL);
  int status;

  /* The application's database goes to a scratch folder; the second
   * instance inherits it. */
  g_setenv ("XDG_DATA_HOME", data, TRUE);
  g_setenv ("XDG_CONFIG_HOME", config, TRUE);

  gtk_test_init (&argc, &argv, NULL);
  adw_init ();

  g_test_add_func ("/application/open", test_open);

  status = g_test_run ();

  {
    const char *rm[] = { "rm", "-rf", home, NULL };

    g_spawn_sync (NULL, (char **) rm, NULL, G_SPAWN_SEARCH_PATH, NULL, NULL, NULL, NULL, NULL, NULL);
  }
  return status;
}
