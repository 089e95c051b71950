/* nd-account.h
 *
 * SPDX-License-Identifier: GPL-3.0-or-later
 */

#pragma once

#include <gio/gio.h>
#include <libsecret/secret.h>

G_BEGIN_DECLS

/**
 * ND_ACCOUNT_SCHEMA_NAME:
 *
 * The name of the Secret Service schema Newsdesk keeps application
 * passwords under; its attributes are "site-url" and "username".
 */
#define ND_ACCOUNT_SCHEMA_NAME "io.github.newsdesk.Newsdesk.Site"

const SecretSchema *nd_account_get_schema             (void);

void                nd_account_store_password_async   (const char           *site_url,
                                                       const char           *username,
                                                       const char           *password,
                                                       GCancellable         *cancellable,
                                                       GAsyncReadyCallback   callback,
                                                       gpointer              user_data);
gboolean            nd_account_store_password_finish  (GAsyncResult         *result,
                                                       GError              **error);
gboolean            nd_account_store_password_sync    (const char           *site_url,
                                                       const char           *username,
                                                       const char           *password,
                                                       GError              **error);

void                nd_account_lookup_password_async  (const char           *site_url,
                                                       const char           *username,
                                                       GCancellable         *cancellable,
                                                       GAsyncReadyCallback   callback,
                                                       gpointer              user_data);
char               *nd_account_lookup_password_finish (GAsyncResult         *result,
                                                       GError              **error);
char               *nd_account_lookup_password_sync   (const char           *site_url,
                                                       const char           *username,
                                                       GError              **error);

void                nd_account_clear_password_async   (const char           *site_url,
                                                       const char           *username,
                                                       GCancellable         *cancellable,
                                                       GAsyncReadyCallback   callback,
                                                       gpointer              user_data);
gboolean            nd_account_clear_password_finish  (GAsyncResult         *result,
                                                       GError              **error);

G_END_DECLS
