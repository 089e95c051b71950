/* test-account.c
 *
 * SPDX-License-Identifier: GPL-3.0-or-later
 */

#include "config.h"

#include "nd-account.h"

/* Each run uses addresses of its own, so that runs never see each other's
 * items in a shared keyring. */
static char *run_id;

static char *
site_url (const char *name)
{
  return g_strdup_printf ("https://%s-%s.example", name, run_id);
}

static gboolean
have_secret_service (void)
{
  g_autoptr(GError) error = NULL;
  g_autoptr(SecretService) service = NULL;

  if (g_getenv ("DBUS_SESSION_BUS_ADDRESS") == NULL)
    return FALSE;

  service = secret_service_get_sync (SECRET_SERVICE_OPEN_SESSION, NULL, &error);
  if (service == NULL)
    g_test_message ("no Secret Service: %s", error->message);
  return service != NULL;
}

#define SKIP_WITHOUT_KEYRING() \
  G_STMT_START { \
    if (!have_secret_service ()) \
      { \
        g_test_skip ("No Secret Service is reachable"); \
        return; \
      } \
  } G_STMT_END

static void
on_result_cb (GObject      *object,
              GAsyncResult *result,
              gpointer      user_data)
{
  GAsyncResult **out = user_data;

  g_assert_null (object);
  *out = g_object_ref (result);
}

static GAsyncResult *
wait_for (GAsyncResult **slot)
{
  while (*slot == NULL)
    g_main_context_iteration (NULL, TRUE);

  return *slot;
}

static void
test_store_lookup_clear (void)
{
  g_autoptr(GError) error = NULL;
  g_autoptr(GAsyncResult) result = NULL;
  g_autofree char *url = site_url ("realist");
  g_autofree char *url_slash = g_strconcat (url, "/", NULL);
  g_autofree char *other = site_url ("other");
  char *password;

  SKIP_WITHOUT_KEYRING ();

  /* Nothing yet. */
  nd_account_lookup_password_async (url, "editor", NULL, on_result_cb, &result);
  password = nd_account_lookup_password_finish (wait_for (&result), &error);
  g_assert_no_error (error);
  g_assert_null (password);
  g_clear_object (&result);

  nd_account_store_password_async (url, "editor", "abcd EFGH 1234 ijkl MNOP 5678", NULL, on_result_cb, &result);
  g_assert_true (nd_account_store_password_finish (wait_for (&result), &error));
  g_assert_no_error (error);
  g_clear_object (&result);

  /* Found again, with or without the trailing slash. */
  nd_account_lookup_password_async (url_slash, "editor", NULL, on_result_cb, &result);
  password = nd_account_lookup_password_finish (wait_for (&result), &error);
  g_assert_no_error (error);
  g_assert_cmpstr (password, ==, "abcd EFGH 1234 ijkl MNOP 5678");
  g_free (password);
  g_clear_object (&result);

  /* Another user or another site is another item. */
  password = nd_account_lookup_password_sync (url, "someone-else", &error);
  g_assert_no_error (error);
  g_assert_null (password);
  password = nd_account_lookup_password_sync (other, "editor", &error);
  g_assert_no_error (error);
  g_assert_null (password);

  /* Storing again replaces it. */
  g_assert_true (nd_account_store_password_sync (url, "editor", "пароль-новый 🔑", &error));
  g_assert_no_error (error);
  password = nd_account_lookup_password_sync (url, "editor", &error);
  g_assert_cmpstr (password, ==, "пароль-новый 🔑");
  g_free (password);

  /* The item is ours: found under our schema's name and attributes only. */
  password = secret_password_lookup_sync (nd_account_get_schema (), NULL, &error,
                                          "site-url", url, "username", "editor", NULL);
  g_assert_no_error (error);
  g_assert_cmpstr (password, ==, "пароль-новый 🔑");
  secret_password_free (password);
  {
    static const SecretSchema foreign = {
      "org.example.Foreign", SECRET_SCHEMA_NONE,
      { { "site-url", SECRET_SCHEMA_ATTRIBUTE_STRING }, { "username", SECRET_SCHEMA_ATTRIBUTE_STRING },
        { NULL, 0 } },
      0, NULL, NULL, NULL, NULL, NULL, NULL, NULL,
    };

    password = secret_password_lookup_sync (&foreign, NULL, &error,
                                            "site-url", url, "username", "editor", NULL);
    g_assert_no_error (error);
    g_assert_null (password);
  }

  /* Cleared: gone, and clearing again removes nothing. */
  nd_account_clear_password_async (url, "editor", NULL, on_result_cb, &result);
  g_assert_true (nd_account_clear_password_finish (wait_for (&result), &error));
  g_assert_no_error (error);
  g_clear_object (&result);
  password = nd_account_lookup_password_sync (url, "editor", &error);
  g_assert_no_error (error);
  g_assert_null (password);

  nd_account_clear_password_async (url, "editor", NULL, on_result_cb, &result);
  g_assert_false (nd_account_clear_password_finish (wait_for (&result), &error));
  g_assert_no_error (error);
  g_clear_object (&result);
}

static void
test_cancelled (void)
{
  g_autoptr(GError) error = NULL;
  g_autoptr(GAsyncResult) result = NULL;
  g_autoptr(GCancellable) cancellable = g_cancellable_new ();
  g_autofree char *url = site_url ("cancelled");
  char *password;

  SKIP_WITHOUT_KEYRING ();

  g_cancellable_cancel (cancellable);
  nd_account_store_password_async (url, "editor", "secret", cancellable, on_result_cb, &result);
  g_assert_false (nd_account_store_password_finish (wait_for (&result), &error));
  g_assert_error (error, G_IO_ERROR, G_IO_ERROR_CANCELLED);
  g_clear_error (&error);

  password = nd_account_lookup_password_sync (url, "editor", &error);
  g_assert_no_error (error);
  g_assert_null (password);
}

int
main (int   argc,
      char *argv[])
{
  g_autofree char *uuid = g_uuid_string_random ();

  g_test_init (&argc, &argv, NULL);
  run_id = uuid;

  g_test_add_func ("/account/store-lookup-clear", test_store_lookup_clear);
  g_test_add_func ("/account/cancelled", test_cancelled);

  return g_test_run ();
}
