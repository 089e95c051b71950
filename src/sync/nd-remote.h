/* nd-remote.h
 *
 * SPDX-License-Identifier: GPL-3.0-or-later
 */

#pragma once

#include <gio/gio.h>
#include <json-glib/json-glib.h>

#include "nd-wp-post.h"

G_BEGIN_DECLS

/**
 * NdRemoteError:
 * @ND_REMOTE_ERROR_NOT_WORDPRESS: the address does not lead to a WordPress
 *   site with the REST API
 * @ND_REMOTE_ERROR_AUTH_FAILED: the user name or application password was
 *   refused (401 `rest_not_logged_in`, `rest_forbidden_context`,
 *   `incorrect_password`, `invalid_username`)
 * @ND_REMOTE_ERROR_FORBIDDEN: the user may not do this (403)
 * @ND_REMOTE_ERROR_NOT_FOUND: the post, term or media is not on the site (404)
 * @ND_REMOTE_ERROR_TERM_EXISTS: a term of that name exists (400
 *   `term_exists`); nd_remote_create_term_async() never reports it, it
 *   answers with the existing term's id instead
 * @ND_REMOTE_ERROR_RATE_LIMITED: the server asked to come back later (429,
 *   503); see nd_remote_error_get_retry_after()
 * @ND_REMOTE_ERROR_SERVER: any other server failure (5xx, or a 4xx nobody
 *   expected)
 * @ND_REMOTE_ERROR_NETWORK: the server could not be reached, or the
 *   connection broke; when the request had already been sent the answer is
 *   lost and the change may or may not have been made
 * @ND_REMOTE_ERROR_TLS: the server's certificate could not be trusted
 * @ND_REMOTE_ERROR_TIMEOUT: no answer in time
 * @ND_REMOTE_ERROR_MALFORMED: the answer was not the JSON expected
 * @ND_REMOTE_ERROR_TOO_LARGE: the answer was larger than the size cap
 * @ND_REMOTE_ERROR_INSECURE_URL: an `http://` address that is not this
 *   computer
 * @ND_REMOTE_ERROR_INVALID_URL: not a web address
 * @ND_REMOTE_ERROR_CANCELLED: the operation was cancelled
 *
 * What went wrong talking to a site. The domain is an extended error domain:
 * every error also carries the HTTP status, WordPress's error code and the
 * seconds the server asked to wait, see nd_remote_error_get_http_status(),
 * nd_remote_error_get_wp_code() and nd_remote_error_get_retry_after().
 * Messages are translated, say what to do and never contain the password.
 */
typedef enum
{
  ND_REMOTE_ERROR_NOT_WORDPRESS,
  ND_REMOTE_ERROR_AUTH_FAILED,
  ND_REMOTE_ERROR_FORBIDDEN,
  ND_REMOTE_ERROR_NOT_FOUND,
  ND_REMOTE_ERROR_TERM_EXISTS,
  ND_REMOTE_ERROR_RATE_LIMITED,
  ND_REMOTE_ERROR_SERVER,
  ND_REMOTE_ERROR_NETWORK,
  ND_REMOTE_ERROR_TLS,
  ND_REMOTE_ERROR_TIMEOUT,
  ND_REMOTE_ERROR_MALFORMED,
  ND_REMOTE_ERROR_TOO_LARGE,
  ND_REMOTE_ERROR_INSECURE_URL,
  ND_REMOTE_ERROR_INVALID_URL,
  ND_REMOTE_ERROR_CANCELLED,
} NdRemoteError;

/**
 * ND_REMOTE_MAX_POSTS_PER_REQUEST:
 *
 * How many posts one request may read or list (WordPress's `per_page` cap).
 */
#define ND_REMOTE_MAX_POSTS_PER_REQUEST 100

#define ND_REMOTE_ERROR (nd_remote_error_quark ())
GQuark      nd_remote_error_quark            (void);

GError     *nd_remote_error_new              (NdRemoteError  code,
                                              guint          http_status,
                                              const char    *wp_code,
                                              guint          retry_after,
                                              const char    *message);
guint       nd_remote_error_get_http_status  (const GError  *error);
const char *nd_remote_error_get_wp_code      (const GError  *error);
guint       nd_remote_error_get_retry_after  (const GError  *error);
gboolean    nd_remote_error_is_transient     (const GError  *error);

#define ND_TYPE_REMOTE (nd_remote_get_type ())
G_DECLARE_INTERFACE (NdRemote, nd_remote, ND, REMOTE, GObject)

/**
 * NdRemoteInterface:
 *
 * A WordPress site as the sync engine sees it. Every operation is an
 * `_async`/`_finish` pair; errors are in %ND_REMOTE_ERROR. The application
 * uses #NdWordpressRemote; the interface is what the engine depends on.
 */
struct _NdRemoteInterface
{
  GTypeInterface parent_iface;

  void           (*discover_async)          (NdRemote             *self,
                                             GCancellable         *cancellable,
                                             GAsyncReadyCallback   callback,
                                             gpointer              user_data);
  NdWpSiteInfo  *(*discover_finish)         (NdRemote             *self,
                                             GAsyncResult         *result,
                                             GError              **error);
  void           (*check_auth_async)        (NdRemote             *self,
                                             GCancellable         *cancellable,
                                             GAsyncReadyCallback   callback,
                                             gpointer              user_data);
  NdWpUser      *(*check_auth_finish)       (NdRemote             *self,
                                             GAsyncResult         *result,
                                             GError              **error);
  void           (*get_settings_async)      (NdRemote             *self,
                                             GCancellable         *cancellable,
                                             GAsyncReadyCallback   callback,
                                             gpointer              user_data);
  NdWpSiteInfo  *(*get_settings_finish)     (NdRemote             *self,
                                             GAsyncResult         *result,
                                             GError              **error);
  void           (*list_posts_async)        (NdRemote             *self,
                                             GDateTime            *modified_after,
                                             int                   page,
                                             int                   per_page,
                                             GCancellable         *cancellable,
                                             GAsyncReadyCallback   callback,
                                             gpointer              user_data);
  NdWpPostPage  *(*list_posts_finish)       (NdRemote             *self,
                                             GAsyncResult         *result,
                                             GError              **error);
  void           (*list_post_ids_async)     (NdRemote             *self,
                                             GCancellable         *cancellable,
                                             GAsyncReadyCallback   callback,
                                             gpointer              user_data);
  GArray        *(*list_post_ids_finish)    (NdRemote             *self,
                                             GAsyncResult         *result,
                                             GError              **error);
  void           (*get_post_async)          (NdRemote             *self,
                                             gint64                id,
                                             GCancellable         *cancellable,
                                             GAsyncReadyCallback   callback,
                                             gpointer              user_data);
  NdWpPost      *(*get_post_finish)         (NdRemote             *self,
                                             GAsyncResult         *result,
                                             GError              **error);
  void           (*get_posts_async)         (NdRemote             *self,
                                             GArray               *ids,
                                             GCancellable         *cancellable,
                                             GAsyncReadyCallback   callback,
                                             gpointer              user_data);
  NdWpPostPage  *(*get_posts_finish)        (NdRemote             *self,
                                             GAsyncResult         *result,
                                             GError              **error);
  void           (*create_post_async)       (NdRemote             *self,
                                             JsonObject           *body,
                                             GCancellable         *cancellable,
                                             GAsyncReadyCallback   callback,
                                             gpointer              user_data);
  NdWpPost      *(*create_post_finish)      (NdRemote             *self,
                                             GAsyncResult         *result,
                                             GError              **error);
  void           (*update_post_async)       (NdRemote             *self,
                                             gint64                id,
                                             JsonObject           *body,
                                             GCancellable         *cancellable,
                                             GAsyncReadyCallback   callback,
                                             gpointer              user_data);
  NdWpPost      *(*update_post_finish)      (NdRemote             *self,
                                             GAsyncResult         *result,
                                             GError              **error);
  void           (*delete_post_async)       (NdRemote             *self,
                                             gint64                id,
                                             gboolean              force,
                                             GCancellable         *cancellable,
                                             GAsyncReadyCallback   callback,
                                             gpointer              user_data);
  gboolean       (*delete_post_finish)      (NdRemote             *self,
                                             GAsyncResult         *result,
                                             GError              **error);
  void           (*find_post_by_uuid_async) (NdRemote             *self,
                                             const char           *uuid,
                                             GCancellable         *cancellable,
                                             GAsyncReadyCallback   callback,
                                             gpointer              user_data);
  NdWpPost      *(*find_post_by_uuid_finish)(NdRemote             *self,
                                             GAsyncResult         *result,
                                             GError              **error);
  void           (*list_revisions_async)    (NdRemote             *self,
                                             gint64                id,
                                             int                   per_page,
                                             GCancellable         *cancellable,
                                             GAsyncReadyCallback   callback,
                                             gpointer              user_data);
  GPtrArray     *(*list_revisions_finish)   (NdRemote             *self,
                                             GAsyncResult         *result,
                                             GError              **error);
  void           (*list_terms_async)        (NdRemote             *self,
                                             NdWpTermKind          kind,
                                             int                   page,
                                             GCancellable         *cancellable,
                                             GAsyncReadyCallback   callback,
                                             gpointer              user_data);
  GPtrArray     *(*list_terms_finish)       (NdRemote             *self,
                                             GAsyncResult         *result,
                                             int                  *total_pages,
                                             GError              **error);
  void           (*get_term_async)          (NdRemote             *self,
                                             NdWpTermKind          kind,
                                             gint64                id,
                                             GCancellable         *cancellable,
                                             GAsyncReadyCallback   callback,
                                             gpointer              user_data);
  NdWpTerm      *(*get_term_finish)         (NdRemote             *self,
                                             GAsyncResult         *result,
                                             GError              **error);
  void           (*create_term_async)       (NdRemote             *self,
                                             NdWpTermKind          kind,
                                             const char           *name,
                                             GCancellable         *cancellable,
                                             GAsyncReadyCallback   callback,
                                             gpointer              user_data);
  gint64         (*create_term_finish)      (NdRemote             *self,
                                             GAsyncResult         *result,
                                             GError              **error);
  void           (*upload_media_async)      (NdRemote             *self,
                                             GBytes               *data,
                                             const char           *filename,
                                             const char           *content_type,
                                             GCancellable         *cancellable,
                                             GAsyncReadyCallback   callback,
                                             gpointer              user_data);
  NdWpMedia     *(*upload_media_finish)     (NdRemote             *self,
                                             GAsyncResult         *result,
                                             GError              **error);
  void           (*update_media_async)      (NdRemote             *self,
                                             gint64                id,
                                             const char           *caption,
                                             const char           *alt_text,
                                             GCancellable         *cancellable,
                                             GAsyncReadyCallback   callback,
                                             gpointer              user_data);
  NdWpMedia     *(*update_media_finish)     (NdRemote             *self,
                                             GAsyncResult         *result,
                                             GError              **error);
  void           (*batch_async)             (NdRemote             *self,
                                             GPtrArray            *requests,
                                             GCancellable         *cancellable,
                                             GAsyncReadyCallback   callback,
                                             gpointer              user_data);
  GPtrArray     *(*batch_finish)            (NdRemote             *self,
                                             GAsyncResult         *result,
                                             GError              **error);
};

void           nd_remote_discover_async           (NdRemote             *self,
                                                   GCancellable         *cancellable,
                                                   GAsyncReadyCallback   callback,
                                                   gpointer              user_data);
NdWpSiteInfo  *nd_remote_discover_finish          (NdRemote             *self,
                                                   GAsyncResult         *result,
                                                   GError              **error);
void           nd_remote_check_auth_async         (NdRemote             *self,
                                                   GCancellable         *cancellable,
                                                   GAsyncReadyCallback   callback,
                                                   gpointer              user_data);
NdWpUser      *nd_remote_check_auth_finish        (NdRemote             *self,
                                                   GAsyncResult         *result,
                                                   GError              **error);
void           nd_remote_get_settings_async       (NdRemote             *self,
                                                   GCancellable         *cancellable,
                                                   GAsyncReadyCallback   callback,
                                                   gpointer              user_data);
NdWpSiteInfo  *nd_remote_get_settings_finish      (NdRemote             *self,
                                                   GAsyncResult         *result,
                                                   GError              **error);
void           nd_remote_list_posts_async         (NdRemote             *self,
                                                   GDateTime            *modified_after,
                                                   int                   page,
                                                   int                   per_page,
                                                   GCancellable         *cancellable,
                                                   GAsyncReadyCallback   callback,
                                                   gpointer              user_data);
NdWpPostPage  *nd_remote_list_posts_finish        (NdRemote             *self,
                                                   GAsyncResult         *result,
                                                   GError              **error);
void           nd_remote_list_post_ids_async      (NdRemote             *self,
                                                   GCancellable         *cancellable,
                                                   GAsyncReadyCallback   callback,
                                                   gpointer              user_data);
GArray        *nd_remote_list_post_ids_finish     (NdRemote             *self,
                                                   GAsyncResult         *result,
                                                   GError              **error);
void           nd_remote_get_post_async           (NdRemote             *self,
                                                   gint64                id,
                                                   GCancellable         *cancellable,
                                                   GAsyncReadyCallback   callback,
                                                   gpointer              user_data);
NdWpPost      *nd_remote_get_post_finish          (NdRemote             *self,
                                                   GAsyncResult         *result,
                                                   GError              **error);
void           nd_remote_get_posts_async          (NdRemote             *self,
                                                   GArray               *ids,
                                                   GCancellable         *cancellable,
                                                   GAsyncReadyCallback   callback,
                                                   gpointer              user_data);
NdWpPostPage  *nd_remote_get_posts_finish         (NdRemote             *self,
                                                   GAsyncResult         *result,
                                                   GError              **error);
void           nd_remote_create_post_async        (NdRemote             *self,
                                                   JsonObject           *body,
                                                   GCancellable         *cancellable,
                                                   GAsyncReadyCallback   callback,
                                                   gpointer              user_data);
NdWpPost      *nd_remote_create_post_finish       (NdRemote             *self,
                                                   GAsyncResult         *result,
                                                   GError              **error);
void           nd_remote_update_post_async        (NdRemote             *self,
                                                   gint64                id,
                                                   JsonObject           *body,
                                                   GCancellable         *cancellable,
                                                   GAsyncReadyCallback   callback,
                                                   gpointer              user_data);
NdWpPost      *nd_remote_update_post_finish       (NdRemote             *self,
                                                   GAsyncResult         *result,
                                                   GError              **error);
void           nd_remote_delete_post_async        (NdRemote             *self,
                                                   gint64                id,
                                                   gboolean              force,
                                                   GCancellable         *cancellable,
                                                   GAsyncReadyCallback   callback,
                                                   gpointer              user_data);
gboolean       nd_remote_delete_post_finish       (NdRemote             *self,
                                                   GAsyncResult         *result,
                                                   GError              **error);
void           nd_remote_list_revisions_async     (NdRemote             *self,
                                                   gint64                id,
                                                   int                   per_page,
                                                   GCancellable         *cancellable,
                                                   GAsyncReadyCallback   callback,
                                                   gpointer              user_data);
GPtrArray     *nd_remote_list_revisions_finish    (NdRemote             *self,
                                                   GAsyncResult         *result,
                                                   GError              **error);
void           nd_remote_find_post_by_uuid_async  (NdRemote             *self,
                                                   const char           *uuid,
                                                   GCancellable         *cancellable,
                                                   GAsyncReadyCallback   callback,
                                                   gpointer              user_data);
NdWpPost      *nd_remote_find_post_by_uuid_finish (NdRemote             *self,
                                                   GAsyncResult         *result,
                                                   GError              **error);
void           nd_remote_list_terms_async         (NdRemote             *self,
                                                   NdWpTermKind          kind,
                                                   int                   page,
                                                   GCancellable         *cancellable,
                                                   GAsyncReadyCallback   callback,
                                                   gpointer              user_data);
GPtrArray     *nd_remote_list_terms_finish        (NdRemote             *self,
                                                   GAsyncResult         *result,
                                                   int                  *total_pages,
                                                   GError              **error);
void           nd_remote_get_term_async           (NdRemote             *self,
                                                   NdWpTermKind          kind,
                                                   gint64                id,
                                                   GCancellable         *cancellable,
                                                   GAsyncReadyCallback   callback,
                                                   gpointer              user_data);
NdWpTerm      *nd_remote_get_term_finish          (NdRemote             *self,
                                                   GAsyncResult         *result,
                                                   GError              **error);
void           nd_remote_create_term_async        (NdRemote             *self,
                                                   NdWpTermKind          kind,
                                                   const char           *name,
                                                   GCancellable         *cancellable,
                                                   GAsyncReadyCallback   callback,
                                                   gpointer              user_data);
gint64         nd_remote_create_term_finish       (NdRemote             *self,
                                                   GAsyncResult         *result,
                                                   GError              **error);
void           nd_remote_upload_media_async       (NdRemote             *self,
                                                   GBytes               *data,
                                                   const char           *filename,
                                                   const char           *content_type,
                                                   GCancellable         *cancellable,
                                                   GAsyncReadyCallback   callback,
                                                   gpointer              user_data);
NdWpMedia     *nd_remote_upload_media_finish      (NdRemote             *self,
                                                   GAsyncResult         *result,
                                                   GError              **error);
void           nd_remote_update_media_async       (NdRemote             *self,
                                                   gint64                id,
                                                   const char           *caption,
                                                   const char           *alt_text,
                                                   GCancellable         *cancellable,
                                                   GAsyncReadyCallback   callback,
                                                   gpointer              user_data);
NdWpMedia     *nd_remote_update_media_finish      (NdRemote             *self,
                                                   GAsyncResult         *result,
                                                   GError              **error);
void           nd_remote_batch_async              (NdRemote             *self,
                                                   GPtrArray            *requests,
                                                   GCancellable         *cancellable,
                                                   GAsyncReadyCallback   callback,
                                                   gpointer              user_data);
GPtrArray     *nd_remote_batch_finish             (NdRemote             *self,
                                                   GAsyncResult         *result,
                                                   GError              **error);

G_END_DECLS
