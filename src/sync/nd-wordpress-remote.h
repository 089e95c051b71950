/* nd-wordpress-remote.h
 *
 * SPDX-License-Identifier: GPL-3.0-or-later
 */

#pragma once

#include "nd-remote.h"

G_BEGIN_DECLS

/**
 * ND_WORDPRESS_REMOTE_DEFAULT_TIMEOUT:
 *
 * Seconds a request may wait for the server before it fails with
 * %ND_REMOTE_ERROR_TIMEOUT.
 */
#define ND_WORDPRESS_REMOTE_DEFAULT_TIMEOUT 30

/**
 * ND_WORDPRESS_REMOTE_DEFAULT_MAX_SIZE:
 *
 * The largest JSON answer read, in bytes (16 MiB); a larger one fails with
 * %ND_REMOTE_ERROR_TOO_LARGE before it is parsed.
 */
#define ND_WORDPRESS_REMOTE_DEFAULT_MAX_SIZE (16 * 1024 * 1024)

#define ND_TYPE_WORDPRESS_REMOTE (nd_wordpress_remote_get_type ())
G_DECLARE_FINAL_TYPE (NdWordpressRemote, nd_wordpress_remote, ND, WORDPRESS_REMOTE, GObject)

NdWordpressRemote *nd_wordpress_remote_new             (const char        *site_url,
                                                        const char        *username,
                                                        const char        *password,
                                                        GError           **error);
const char        *nd_wordpress_remote_get_site_url    (NdWordpressRemote *self);
const char        *nd_wordpress_remote_get_api_root    (NdWordpressRemote *self);
void               nd_wordpress_remote_set_api_root    (NdWordpressRemote *self,
                                                        const char        *api_root);
void               nd_wordpress_remote_set_timeout     (NdWordpressRemote *self,
                                                        guint              seconds);
guint              nd_wordpress_remote_get_timeout     (NdWordpressRemote *self);
void               nd_wordpress_remote_set_max_size    (NdWordpressRemote *self,
                                                        gsize              max_size);
gsize              nd_wordpress_remote_get_max_size    (NdWordpressRemote *self);
void               nd_wordpress_remote_set_tls_database (NdWordpressRemote *self,
                                                         GTlsDatabase      *database);
gboolean           nd_wordpress_remote_get_has_plugin  (NdWordpressRemote *self);
void               nd_wordpress_remote_set_has_plugin  (NdWordpressRemote *self,
                                                        gboolean           has_plugin);

G_END_DECLS
