/* nd-account.c
 *
 * SPDX-License-Identifier: GPL-3.0-or-later
 */

#define G_LOG_DOMAIN "newsdesk-account"

#include "config.h"

#include <string.h>

#include <glib/gi18n-lib.h>

#include "nd-account.h"

/*
 * Application passwords live in the Secret Service (the keyring, or the
 * Secret portal in the Flatpak) under Newsdesk's own schema, one item per
 * site address and user name, and nowhere else: not in the database, not
 * in GSettings, not in a log. Nothing here prints a password, and error
 * messages only carry what the Secret Service said, which never includes
 * the secret.
 */

typedef enum
{
  OP_STORE,
  OP_LOOKUP,
  OP_CLEAR,
} Op;

/**
 * nd_account_get_schema:
 *
 * The schema of Newsdesk's application passwords: the item's "site-url"
 * (the address as the site is set up, without trailing slashes) and
 * "username".
 *
 * Returns: (transfer none): the schema
 */
const SecretSchema *
nd_account_get_schema (void)
{
  static const SecretSchema schema = {
    ND_ACCOUNT_SCHEMA_NAME, SECRET_SCHEMA_NONE,
    {
      { "site-url", SECRET_SCHEMA_ATTRIBUTE_STRING },
      { "username", SECRET_SCHEMA_ATTRIBUTE_STRING },
      { NULL, 0 },
    },
    0, NULL, NULL, NULL, NULL, NULL, NULL, NULL,
  };

  return &schema;
}

/* The same address with or without a trailing slash is one site, as in the
 * sync store. */
static char *
normalize_url (const char *url)
{
  g_autofree char *stripped = g_strstrip (g_strdup (url));
  gsize len = strlen (stripped);

  while (len > 0 && stripped[len - 1] == '/')
    stripped[--len] = '\0';

  return g_steal_pointer (&stripped);
}

/* Gives a Secret Service failure a sentence the editor can act on. The
 * service's own message is kept after it for whoever reads the log. */
static GError *
keyring_error (Op      op,
               GError *error)
{
  const char *what;

  if (g_error_matches (error, G_IO_ERROR, G_IO_ERROR_CANCELLED))
    return g_error_copy (error);

  switch (op)
    {
    case OP_STORE:
      what = _("The password could not be saved in the keyring");
      break;
    case OP_LOOKUP:
      what = _("The password could not be read from the keyring");
      break;
    case OP_CLEAR:
      what = _("The password could not be removed from the keyring");
      break;
    default:
      g_assert_not_reached ();
    }

  /* Translators: the first %s says what failed, the second is the reason
   * the system's keyring gave */
  return g_error_new (G_IO_ERROR, G_IO_ERROR_FAILED, C_("keyring failure", "%s: %s"), what, error->message);
}

static char *
item_label (const char *url,
            const char *username)
{
  /* Translators: the label of a password in the keyring, as Passwords and
   * Keys shows it; the first %s is a user name, the second a site address */
  return g_strdup_printf (_("Newsdesk: %s on %s"), username, url);
}

static void
store_cb (GObject      *object,
          GAsyncResult *result,
          gpointer      user_data)
{
  g_autoptr(GTask) task = user_data;
  g_autoptr(GError) error = NULL;

  if (!secret_password_store_finish (result, &error))
    g_task_return_error (task, keyring_error (OP_STORE, error));
  else
    g_task_return_boolean (task, TRUE);
}

/**
 * nd_account_store_password_async:
 * @site_url: the site's address
 * @username: the WordPress user
 * @password: the application password
 * @cancellable: (nullable): a #GCancellable
 * @callback: called when it is stored
 * @user_data: data for @callback
 *
 * Stores a site's application password in the keyring, replacing the one
 * stored before for the same site and user.
 */
void
nd_account_store_password_async (const char          *site_url,
                                 const char          *username,
                                 const char          *password,
                                 GCancellable        *cancellable,
                                 GAsyncReadyCallback  callback,
                                 gpointer             user_data)
{
  g_autoptr(GTask) task = NULL;
  g_autofree char *url = NULL;
  g_autofree char *label = NULL;

  g_return_if_fail (site_url != NULL);
  g_return_if_fail (username != NULL);
  g_return_if_fail (password != NULL);

  task = g_task_new (NULL, cancellable, callback, user_data);
  g_task_set_source_tag (task, nd_account_store_password_async);

  url = normalize_url (site_url);
  label = item_label (url, username);
  secret_password_store (nd_account_get_schema (), SECRET_COLLECTION_DEFAULT, label, password,
                         cancellable, store_cb, g_steal_pointer (&task),
                         "site-url", url,
                         "username", username,
                         NULL);
}

/**
 * nd_account_store_password_finish:
 * @result: the result given to the callback
 * @error: return location for a #GError
 *
 * Returns: %TRUE when the password was stored
 */
gboolean
nd_account_store_password_finish (GAsyncResult  *result,
                                  GError       **error)
{
  g_return_val_if_fail (g_task_is_valid (result, NULL), FALSE);
  g_return_val_if_fail (g_task_get_source_tag (G_TASK (result)) == nd_account_store_password_async, FALSE);

  return g_task_propagate_boolean (G_TASK (result), error);
}

/**
 * nd_account_store_password_sync:
 * @site_url: the site's address
 * @username: the WordPress user
 * @password: the application password
 * @error: return location for a #GError
 *
 * Like nd_account_store_password_async(), blocking: for tests and
 * command-line tools, never in the window.
 *
 * Returns: %TRUE when the password was stored
 */
gboolean
nd_account_store_password_sync (const char  *site_url,
                                const char  *username,
                                const char  *password,
                                GError     **error)
{
  g_autoptr(GError) local_error = NULL;
  g_autofree char *url = NULL;
  g_autofree char *label = NULL;

  g_return_val_if_fail (site_url != NULL, FALSE);
  g_return_val_if_fail (username != NULL, FALSE);
  g_return_val_if_fail (password != NULL, FALSE);

  url = normalize_url (site_url);
  label = item_label (url, username);
  if (!secret_password_store_sync (nd_account_get_schema (), SECRET_COLLECTION_DEFAULT, label, password,
                                   NULL, &local_error,
                                   "site-url", url,
                                   "username", username,
                                   NULL))
    {
      g_propagate_error (error, keyring_error (OP_STORE, local_error));
      return FALSE;
    }

  return TRUE;
}

/* libsecret may hand passwords out in its own locked memory, which only
 * secret_password_free() may release. Callers get an ordinary copy, to free
 * with g_free() like any string; libsecret's copy is wiped here. */
static char *
to_plain_string (char *password)
{
  char *copy;

  if (password == NULL)
    return NULL;

  copy = g_strdup (password);
  secret_password_free (password);
  return copy;
}

static void
wipe_free (gpointer data)
{
  char *password = data;

  if (password != NULL)
    memset (password, 0, strlen (password));
  g_free (password);
}

static void
lookup_cb (GObject      *object,
           GAsyncResult *result,
           gpointer      user_data)
{
  g_autoptr(GTask) task = user_data;
  g_autoptr(GError) error = NULL;
  char *password = to_plain_string (secret_password_lookup_finish (result, &error));

  if (error != NULL)
    g_task_return_error (task, keyring_error (OP_LOOKUP, error));
  else
    g_task_return_pointer (task, password, wipe_free);
}

/**
 * nd_account_lookup_password_async:
 * @site_url: the site's address (trailing slashes do not count)
 * @username: the WordPress user
 * @cancellable: (nullable): a #GCancellable
 * @callback: called with the answer
 * @user_data: data for @callback
 *
 * Looks a site's application password up in the keyring.
 */
void
nd_account_lookup_password_async (const char          *site_url,
                                  const char          *username,
                                  GCancellable        *cancellable,
                                  GAsyncReadyCallback  callback,
                                  gpointer             user_data)
{
  g_autoptr(GTask) task = NULL;
  g_autofree char *url = NULL;

  g_return_if_fail (site_url != NULL);
  g_return_if_fail (username != NULL);

  task = g_task_new (NULL, cancellable, callback, user_data);
  g_task_set_source_tag (task, nd_account_lookup_password_async);

  url = normalize_url (site_url);
  secret_password_lookup (nd_account_get_schema (), cancellable, lookup_cb, g_steal_pointer (&task),
                          "site-url", url,
                          "username", username,
                          NULL);
}

/**
 * nd_account_lookup_password_finish:
 * @result: the result given to the callback
 * @error: return location for a #GError
 *
 * Returns: (transfer full) (nullable): the password, an ordinary string
 *   for g_free(); %NULL without @error set when none is stored
 */
char *
nd_account_lookup_password_finish (GAsyncResult  *result,
                                   GError       **error)
{
  g_return_val_if_fail (g_task_is_valid (result, NULL), NULL);
  g_return_val_if_fail (g_task_get_source_tag (G_TASK (result)) == nd_account_lookup_password_async, NULL);

  return g_task_propagate_pointer (G_TASK (result), error);
}

/**
 * nd_account_lookup_password_sync:
 * @site_url: the site's address
 * @username: the WordPress user
 * @error: return location for a #GError
 *
 * Like nd_account_lookup_password_async(), blocking: for tests and
 * command-line tools, never in the window.
 *
 * Returns: (transfer full) (nullable): the password (for g_free()), or
 *   %NULL without @error set when none is stored
 */
char *
nd_account_lookup_password_sync (const char  *site_url,
                                 const char  *username,
                                 GError     **error)
{
  g_autoptr(GError) local_error = NULL;
  g_autofree char *url = NULL;
  char *password;

  g_return_val_if_fail (site_url != NULL, NULL);
  g_return_val_if_fail (username != NULL, NULL);

  url = normalize_url (site_url);
  password = to_plain_string (secret_password_lookup_sync (nd_account_get_schema (), NULL, &local_error,
                                                           "site-url", url,
                                                           "username", username,
                                                           NULL));
  if (local_error != NULL)
    g_propagate_error (error, keyring_error (OP_LOOKUP, local_error));

  return password;
}

static void
clear_cb (GObject      *object,
          GAsyncResult *result,
          gpointer      user_data)
{
  g_autoptr(GTask) task = user_data;
  g_autoptr(GError) error = NULL;
  gboolean removed = secret_password_clear_finish (result, &error);

  if (error != NULL)
    g_task_return_error (task, keyring_error (OP_CLEAR, error));
  else
    g_task_return_boolean (task, removed);
}

/**
 * nd_account_clear_password_async:
 * @site_url: the site's address
 * @username: the WordPress user
 * @cancellable: (nullable): a #GCancellable
 * @callback: called when it is done
 * @user_data: data for @callback
 *
 * Removes a site's application password from the keyring (when the site is
 * removed, or its user changes).
 */
void
nd_account_clear_password_async (const char          *site_url,
                                 const char          *username,
                                 GCancellable        *cancellable,
                                 GAsyncReadyCallback  callback,
                                 gpointer             user_data)
{
  g_autoptr(GTask) task = NULL;
  g_autofree char *url = NULL;

  g_return_if_fail (site_url != NULL);
  g_return_if_fail (username != NULL);

  task = g_task_new (NULL, cancellable, callback, user_data);
  g_task_set_source_tag (task, nd_account_clear_password_async);

  url = normalize_url (site_url);
  secret_password_clear (nd_account_get_schema (), cancellable, clear_cb, g_steal_pointer (&task),
                         "site-url", url,
                         "username", username,
                         NULL);
}

/**
 * nd_account_clear_password_finish:
 * @result: the result given to the callback
 * @error: return location for a #GError
 *
 * Returns: %TRUE when a password was removed, %FALSE without @error set
 *   when none was stored
 */
gboolean
nd_account_clear_password_finish (GAsyncResult  *result,
                                  GError       **error)
{
  g_return_val_if_fail (g_task_is_valid (result, NULL), FALSE);
  g_return_val_if_fail (g_task_get_source_tag (G_TASK (result)) == nd_account_clear_password_async, FALSE);

  return g_task_propagate_boolean (G_TASK (result), error);
}
