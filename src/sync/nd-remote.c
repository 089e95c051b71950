/* nd-remote.c
 *
 * SPDX-License-Identifier: GPL-3.0-or-later
 */

#define G_LOG_DOMAIN "newsdesk-remote"

#include "config.h"

#include <glib/gi18n-lib.h>

#include "nd-remote.h"

/**
 * NdRemote:
 *
 * A WordPress site as the sync engine sees it: discovery, authentication,
 * posts, terms, media and batches, each an `_async`/`_finish` pair. The
 * engine depends on this interface only, so that it never learns about HTTP;
 * #NdWordpressRemote is the implementation over libsoup.
 */

G_DEFINE_INTERFACE (NdRemote, nd_remote, G_TYPE_OBJECT)

/* Error domain ------------------------------------------------------------- */

/* The extra fields of an %ND_REMOTE_ERROR. An extended error domain keeps
 * them with the GError itself, so they survive g_error_copy() and the hops
 * through GTask without a side channel. */
typedef struct
{
  guint  http_status;
  char  *wp_code;
  guint  retry_after;
} NdRemoteErrorPrivate;

static void
nd_remote_error_private_init (NdRemoteErrorPrivate *priv)
{
  priv->http_status = 0;
  priv->wp_code = NULL;
  priv->retry_after = 0;
}

static void
nd_remote_error_private_copy (const NdRemoteErrorPrivate *src,
                              NdRemoteErrorPrivate       *dest)
{
  dest->http_status = src->http_status;
  dest->wp_code = g_strdup (src->wp_code);
  dest->retry_after = src->retry_after;
}

static void
nd_remote_error_private_clear (NdRemoteErrorPrivate *priv)
{
  g_clear_pointer (&priv->wp_code, g_free);
}

/* GLib's macro casts a byte pointer to the private struct; the block is
 * allocated aligned, but clang's -Wcast-align cannot know that. */
#pragma GCC diagnostic push
#pragma GCC diagnostic ignored "-Wcast-align"
G_DEFINE_EXTENDED_ERROR (NdRemoteError, nd_remote_error)
#pragma GCC diagnostic pop

static const char *
default_message (NdRemoteError code)
{
  switch (code)
    {
    case ND_REMOTE_ERROR_NOT_WORDPRESS:
      return _("This address does not lead to a WordPress site. Check the address of the site.");
    case ND_REMOTE_ERROR_AUTH_FAILED:
      return _("The site refused the user name or the application password. Sign in to the site again.");
    case ND_REMOTE_ERROR_FORBIDDEN:
      return _("The site does not allow this user to do that. Ask the site’s administrator for the right role.");
    case ND_REMOTE_ERROR_NOT_FOUND:
      return _("The site no longer has this item.");
    case ND_REMOTE_ERROR_TERM_EXISTS:
      return _("The site already has a term with this name.");
    case ND_REMOTE_ERROR_RATE_LIMITED:
      return _("The site is busy and asked to wait. Newsdesk will try again later.");
    case ND_REMOTE_ERROR_SERVER:
      return _("The site had an internal error. Newsdesk will try again later; if it persists, tell the site’s administrator.");
    case ND_REMOTE_ERROR_NETWORK:
      return _("The site could not be reached. Check the network connection.");
    case ND_REMOTE_ERROR_TLS:
      return _("The site’s security certificate cannot be trusted, so Newsdesk did not send anything. Tell the site’s administrator.");
    case ND_REMOTE_ERROR_TIMEOUT:
      return _("The site did not answer in time. Newsdesk will try again later.");
    case ND_REMOTE_ERROR_MALFORMED:
      return _("The site sent an answer Newsdesk does not understand. A plugin may be interfering; tell the site’s administrator.");
    case ND_REMOTE_ERROR_TOO_LARGE:
      return _("The site sent an answer too large to read.");
    case ND_REMOTE_ERROR_INSECURE_URL:
      return _("The address must begin with https:// so that the password is not sent in the clear.");
    case ND_REMOTE_ERROR_INVALID_URL:
      return _("This is not a valid web address. Enter an address such as https://example.org.");
    case ND_REMOTE_ERROR_CANCELLED:
      return _("The operation was cancelled.");
    default:
      return _("Talking to the site failed.");
    }
}

/**
 * nd_remote_error_new:
 * @code: the error code
 * @http_status: the HTTP status of the answer, 0 when there was none
 * @wp_code: (nullable): WordPress's error code, e.g. `rest_post_invalid_id`
 * @retry_after: seconds the server asked to wait, 0 for none
 * @message: (nullable): the message; %NULL for the code's plain message
 *
 * Makes an %ND_REMOTE_ERROR with its extra fields.
 *
 * Returns: (transfer full): the error
 */
GError *
nd_remote_error_new (NdRemoteError  code,
                     guint          http_status,
                     const char    *wp_code,
                     guint          retry_after,
                     const char    *message)
{
  GError *error = g_error_new_literal (ND_REMOTE_ERROR, code,
                                       message != NULL ? message : default_message (code));
  NdRemoteErrorPrivate *priv = nd_remote_error_get_private (error);

  priv->http_status = http_status;
  priv->wp_code = g_strdup (wp_code);
  priv->retry_after = retry_after;
  return error;
}

/**
 * nd_remote_error_get_http_status:
 * @error: an error
 *
 * Returns: the HTTP status that caused @error, or 0 when there was none or
 *   @error is not an %ND_REMOTE_ERROR
 */
guint
nd_remote_error_get_http_status (const GError *error)
{
  NdRemoteErrorPrivate *priv;

  if (error == NULL || error->domain != ND_REMOTE_ERROR)
    return 0;
  priv = nd_remote_error_get_private (error);
  return priv != NULL ? priv->http_status : 0;
}

/**
 * nd_remote_error_get_wp_code:
 * @error: an error
 *
 * Returns: (nullable): WordPress's error code, e.g. `rest_forbidden`
 */
const char *
nd_remote_error_get_wp_code (const GError *error)
{
  NdRemoteErrorPrivate *priv;

  if (error == NULL || error->domain != ND_REMOTE_ERROR)
    return NULL;
  priv = nd_remote_error_get_private (error);
  return priv != NULL ? priv->wp_code : NULL;
}

/**
 * nd_remote_error_get_retry_after:
 * @error: an error
 *
 * Returns: the seconds the server asked to wait (`Retry-After`), 0 when it
 *   did not say
 */
guint
nd_remote_error_get_retry_after (const GError *error)
{
  NdRemoteErrorPrivate *priv;

  if (error == NULL || error->domain != ND_REMOTE_ERROR)
    return 0;
  priv = nd_remote_error_get_private (error);
  return priv != NULL ? priv->retry_after : 0;
}

/**
 * nd_remote_error_is_transient:
 * @error: an error
 *
 * Whether trying again later may succeed without the user doing anything:
 * network trouble, timeouts, rate limits and server failures.
 *
 * Returns: %TRUE for a transient error
 */
gboolean
nd_remote_error_is_transient (const GError *error)
{
  if (error == NULL || error->domain != ND_REMOTE_ERROR)
    return FALSE;

  switch (error->code)
    {
    case ND_REMOTE_ERROR_RATE_LIMITED:
    case ND_REMOTE_ERROR_SERVER:
    case ND_REMOTE_ERROR_NETWORK:
    case ND_REMOTE_ERROR_TIMEOUT:
      return TRUE;
    default:
      return FALSE;
    }
}

/* Interface ---------------------------------------------------------------- */

static void
nd_remote_default_init (NdRemoteInterface *iface)
{
}

/* Every wrapper checks its arguments and forwards to the implementation. */
#define ND_REMOTE_FORWARD(name, ...) \
  G_STMT_START { \
    NdRemoteInterface *iface; \
    g_return_if_fail (ND_IS_REMOTE (self)); \
    iface = ND_REMOTE_GET_IFACE (self); \
    g_return_if_fail (iface->name != NULL); \
    iface->name (self, __VA_ARGS__); \
  } G_STMT_END

#define ND_REMOTE_FINISH(name, fail, ...) \
  G_STMT_START { \
    NdRemoteInterface *iface; \
    g_return_val_if_fail (ND_IS_REMOTE (self), fail); \
    g_return_val_if_fail (G_IS_ASYNC_RESULT (result), fail); \
    g_return_val_if_fail (error == NULL || *error == NULL, fail); \
    iface = ND_REMOTE_GET_IFACE (self); \
    g_return_val_if_fail (iface->name != NULL, fail); \
    return iface->name (self, __VA_ARGS__); \
  } G_STMT_END

/**
 * nd_remote_discover_async:
 * @self: a remote
 * @cancellable: (nullable): a cancellable
 * @callback: called when done
 * @user_data: for @callback
 *
 * Reads the site's REST index: is it WordPress, where is its API, which of
 * batch, Polylang and the Newsdesk plugin it has. Needs no credentials.
 */
void
nd_remote_discover_async (NdRemote            *self,
                          GCancellable        *cancellable,
                          GAsyncReadyCallback  callback,
                          gpointer             user_data)
{
  ND_REMOTE_FORWARD (discover_async, cancellable, callback, user_data);
}

/**
 * nd_remote_discover_finish:
 * @self: a remote
 * @result: the result
 * @error: return location for an %ND_REMOTE_ERROR (%ND_REMOTE_ERROR_NOT_WORDPRESS
 *   when the site is not WordPress)
 *
 * Returns: (transfer full) (nullable): what the index told
 */
NdWpSiteInfo *
nd_remote_discover_finish (NdRemote      *self,
                           GAsyncResult  *result,
                           GError       **error)
{
  ND_REMOTE_FINISH (discover_finish, NULL, result, error);
}

/**
 * nd_remote_check_auth_async:
 * @self: a remote
 * @cancellable: (nullable): a cancellable
 * @callback: called when done
 * @user_data: for @callback
 *
 * Checks the credentials with `/wp/v2/users/me?context=edit`.
 */
void
nd_remote_check_auth_async (NdRemote            *self,
                            GCancellable        *cancellable,
                            GAsyncReadyCallback  callback,
                            gpointer             user_data)
{
  ND_REMOTE_FORWARD (check_auth_async, cancellable, callback, user_data);
}

/**
 * nd_remote_check_auth_finish:
 * @self: a remote
 * @result: the result
 * @error: return location for an error
 *
 * Returns: (transfer full) (nullable): the user, or %NULL with
 *   %ND_REMOTE_ERROR_AUTH_FAILED when the credentials were refused
 */
NdWpUser *
nd_remote_check_auth_finish (NdRemote      *self,
                             GAsyncResult  *result,
                             GError       **error)
{
  ND_REMOTE_FINISH (check_auth_finish, NULL, result, error);
}

/**
 * nd_remote_get_settings_async:
 * @self: a remote
 * @cancellable: (nullable): a cancellable
 * @callback: called when done
 * @user_data: for @callback
 *
 * Reads `/wp/v2/settings` (title, time zone); needs an editor's rights.
 */
void
nd_remote_get_settings_async (NdRemote            *self,
                              GCancellable        *cancellable,
                              GAsyncReadyCallback  callback,
                              gpointer             user_data)
{
  ND_REMOTE_FORWARD (get_settings_async, cancellable, callback, user_data);
}

/**
 * nd_remote_get_settings_finish:
 * @self: a remote
 * @result: the result
 * @error: return location for an error
 *
 * Returns: (transfer full) (nullable): the settings; the @has_* flags are
 *   not filled
 */
NdWpSiteInfo *
nd_remote_get_settings_finish (NdRemote      *self,
                               GAsyncResult  *result,
                               GError       **error)
{
  ND_REMOTE_FINISH (get_settings_finish, NULL, result, error);
}

/**
 * nd_remote_list_posts_async:
 * @self: a remote
 * @modified_after: (nullable): only posts changed after this instant
 * @page: the page, from 1
 * @per_page: posts per page, 1 to 100
 * @cancellable: (nullable): a cancellable
 * @callback: called when done
 * @user_data: for @callback
 *
 * Lists posts of every status (`publish,future,draft,pending,private,trash`)
 * with `context=edit`, oldest change first.
 */
void
nd_remote_list_posts_async (NdRemote            *self,
                            GDateTime           *modified_after,
                            int                  page,
                            int                  per_page,
                            GCancellable        *cancellable,
                            GAsyncReadyCallback  callback,
                            gpointer             user_data)
{
  ND_REMOTE_FORWARD (list_posts_async, modified_after, page, per_page, cancellable, callback, user_data);
}

/**
 * nd_remote_list_posts_finish:
 * @self: a remote
 * @result: the result
 * @error: return location for an error
 *
 * Returns: (transfer full) (nullable): the page
 */
NdWpPostPage *
nd_remote_list_posts_finish (NdRemote      *self,
                             GAsyncResult  *result,
                             GError       **error)
{
  ND_REMOTE_FINISH (list_posts_finish, NULL, result, error);
}

/**
 * nd_remote_list_post_ids_async:
 * @self: a remote
 * @cancellable: (nullable): a cancellable
 * @callback: called when done
 * @user_data: for @callback
 *
 * Lists the ids of every post of every status, following all pages, to
 * find the posts deleted for good on the site.
 */
void
nd_remote_list_post_ids_async (NdRemote            *self,
                               GCancellable        *cancellable,
                               GAsyncReadyCallback  callback,
                               gpointer             user_data)
{
  ND_REMOTE_FORWARD (list_post_ids_async, cancellable, callback, user_data);
}

/**
 * nd_remote_list_post_ids_finish:
 * @self: a remote
 * @result: the result
 * @error: return location for an error
 *
 * Returns: (transfer full) (nullable) (element-type gint64): the ids
 */
GArray *
nd_remote_list_post_ids_finish (NdRemote      *self,
                                GAsyncResult  *result,
                                GError       **error)
{
  ND_REMOTE_FINISH (list_post_ids_finish, NULL, result, error);
}

/**
 * nd_remote_get_post_async:
 * @self: a remote
 * @id: the post id
 * @cancellable: (nullable): a cancellable
 * @callback: called when done
 * @user_data: for @callback
 *
 * Reads one post with `context=edit`.
 */
void
nd_remote_get_post_async (NdRemote            *self,
                          gint64               id,
                          GCancellable        *cancellable,
                          GAsyncReadyCallback  callback,
                          gpointer             user_data)
{
  ND_REMOTE_FORWARD (get_post_async, id, cancellable, callback, user_data);
}

/**
 * nd_remote_get_post_finish:
 * @self: a remote
 * @result: the result
 * @error: return location for an error (%ND_REMOTE_ERROR_NOT_FOUND when the
 *   post is gone)
 *
 * Returns: (transfer full) (nullable): the post
 */
NdWpPost *
nd_remote_get_post_finish (NdRemote      *self,
                           GAsyncResult  *result,
                           GError       **error)
{
  ND_REMOTE_FINISH (get_post_finish, NULL, result, error);
}

/**
 * nd_remote_list_revisions_async:
 * @self: a remote
 * @id: the post id
 * @per_page: how many of the newest to read
 * @cancellable: (nullable): a cancellable
 * @callback: called when done
 * @user_data: for @callback
 *
 * Reads a post's newest revisions, newest first.
 */
void
nd_remote_list_revisions_async (NdRemote            *self,
                                gint64               id,
                                int                  per_page,
                                GCancellable        *cancellable,
                                GAsyncReadyCallback  callback,
                                gpointer             user_data)
{
  ND_REMOTE_FORWARD (list_revisions_async, id, per_page, cancellable, callback, user_data);
}

/**
 * nd_remote_list_revisions_finish:
 * @self: a remote
 * @result: the result
 * @error: return location for an error
 *
 * Returns: (transfer full) (element-type NdWpRevision) (nullable): the
 *   revisions, newest first
 */
GPtrArray *
nd_remote_list_revisions_finish (NdRemote      *self,
                                 GAsyncResult  *result,
                                 GError       **error)
{
  ND_REMOTE_FINISH (list_revisions_finish, NULL, result, error);
}

/**
 * nd_remote_get_posts_async:
 * @self: a remote
 * @ids: (element-type gint64): up to %ND_REMOTE_MAX_POSTS_PER_REQUEST post ids
 * @cancellable: (nullable): a cancellable
 * @callback: called when done
 * @user_data: for @callback
 *
 * Reads several posts at once with `context=edit`, whatever their status:
 * one request where nd_remote_get_post_async() would take one per post.
 * A post the site no longer has is simply not in the page.
 */
void
nd_remote_get_posts_async (NdRemote            *self,
                           GArray              *ids,
                           GCancellable        *cancellable,
                           GAsyncReadyCallback  callback,
                           gpointer             user_data)
{
  g_return_if_fail (ids != NULL && ids->len > 0 && ids->len <= ND_REMOTE_MAX_POSTS_PER_REQUEST);

  ND_REMOTE_FORWARD (get_posts_async, ids, cancellable, callback, user_data);
}

/**
 * nd_remote_get_posts_finish:
 * @self: a remote
 * @result: the result
 * @error: return location for an error
 *
 * Returns: (transfer full) (nullable): the posts found, in one page
 */
NdWpPostPage *
nd_remote_get_posts_finish (NdRemote      *self,
                            GAsyncResult  *result,
                            GError       **error)
{
  ND_REMOTE_FINISH (get_posts_finish, NULL, result, error);
}

/**
 * nd_remote_create_post_async:
 * @self: a remote
 * @body: the post's fields, see nd_wp_post_build_body()
 * @cancellable: (nullable): a cancellable
 * @callback: called when done
 * @user_data: for @callback
 *
 * Creates a post. Not idempotent: after %ND_REMOTE_ERROR_NETWORK or
 * %ND_REMOTE_ERROR_TIMEOUT the post may exist; look for it with
 * nd_remote_find_post_by_uuid_async() before sending again.
 */
void
nd_remote_create_post_async (NdRemote            *self,
                             JsonObject          *body,
                             GCancellable        *cancellable,
                             GAsyncReadyCallback  callback,
                             gpointer             user_data)
{
  ND_REMOTE_FORWARD (create_post_async, body, cancellable, callback, user_data);
}

/**
 * nd_remote_create_post_finish:
 * @self: a remote
 * @result: the result
 * @error: return location for an error
 *
 * Returns: (transfer full) (nullable): the post as the site keeps it
 */
NdWpPost *
nd_remote_create_post_finish (NdRemote      *self,
                              GAsyncResult  *result,
                              GError       **error)
{
  ND_REMOTE_FINISH (create_post_finish, NULL, result, error);
}

/**
 * nd_remote_update_post_async:
 * @self: a remote
 * @id: the post id
 * @body: only the fields that changed
 * @cancellable: (nullable): a cancellable
 * @callback: called when done
 * @user_data: for @callback
 *
 * Changes a post (`POST /wp/v2/posts/ID`).
 */
void
nd_remote_update_post_async (NdRemote            *self,
                             gint64               id,
                             JsonObject          *body,
                             GCancellable        *cancellable,
                             GAsyncReadyCallback  callback,
                             gpointer             user_data)
{
  ND_REMOTE_FORWARD (update_post_async, id, body, cancellable, callback, user_data);
}

/**
 * nd_remote_update_post_finish:
 * @self: a remote
 * @result: the result
 * @error: return location for an error
 *
 * Returns: (transfer full) (nullable): the post as the site keeps it
 */
NdWpPost *
nd_remote_update_post_finish (NdRemote      *self,
                              GAsyncResult  *result,
                              GError       **error)
{
  ND_REMOTE_FINISH (update_post_finish, NULL, result, error);
}

/**
 * nd_remote_delete_post_async:
 * @self: a remote
 * @id: the post id
 * @force: delete for good rather than move to the trash
 * @cancellable: (nullable): a cancellable
 * @callback: called when done
 * @user_data: for @callback
 *
 * Deletes a post.
 */
void
nd_remote_delete_post_async (NdRemote            *self,
                             gint64               id,
                             gboolean             force,
                             GCancellable        *cancellable,
                             GAsyncReadyCallback  callback,
                             gpointer             user_data)
{
  ND_REMOTE_FORWARD (delete_post_async, id, force, cancellable, callback, user_data);
}

/**
 * nd_remote_delete_post_finish:
 * @self: a remote
 * @result: the result
 * @error: return location for an error
 *
 * Returns: %TRUE when the post is deleted
 */
gboolean
nd_remote_delete_post_finish (NdRemote      *self,
                              GAsyncResult  *result,
                              GError       **error)
{
  ND_REMOTE_FINISH (delete_post_finish, FALSE, result, error);
}

/**
 * nd_remote_find_post_by_uuid_async:
 * @self: a remote
 * @uuid: an edition's uuid
 * @cancellable: (nullable): a cancellable
 * @callback: called when done
 * @user_data: for @callback
 *
 * Looks for the post Newsdesk created for an edition, by the meta
 * `newsdesk_uuid` when the site has the Newsdesk plugin, else by the
 * `<!-- newsdesk:UUID -->` marker in the content (a search, then an exact
 * check of each hit).
 */
void
nd_remote_find_post_by_uuid_async (NdRemote            *self,
                                   const char          *uuid,
                                   GCancellable        *cancellable,
                                   GAsyncReadyCallback  callback,
                                   gpointer             user_data)
{
  ND_REMOTE_FORWARD (find_post_by_uuid_async, uuid, cancellable, callback, user_data);
}

/**
 * nd_remote_find_post_by_uuid_finish:
 * @self: a remote
 * @result: the result
 * @error: return location for an error
 *
 * Returns: (transfer full) (nullable): the post, or %NULL without an error
 *   when the site has none for the uuid
 */
NdWpPost *
nd_remote_find_post_by_uuid_finish (NdRemote      *self,
                                    GAsyncResult  *result,
                                    GError       **error)
{
  ND_REMOTE_FINISH (find_post_by_uuid_finish, NULL, result, error);
}

/**
 * nd_remote_list_terms_async:
 * @self: a remote
 * @kind: tags or categories
 * @page: the page, from 1 (100 terms a page)
 * @cancellable: (nullable): a cancellable
 * @callback: called when done
 * @user_data: for @callback
 *
 * Lists a page of tags or categories.
 */
void
nd_remote_list_terms_async (NdRemote            *self,
                            NdWpTermKind         kind,
                            int                  page,
                            GCancellable        *cancellable,
                            GAsyncReadyCallback  callback,
                            gpointer             user_data)
{
  ND_REMOTE_FORWARD (list_terms_async, kind, page, cancellable, callback, user_data);
}

/**
 * nd_remote_list_terms_finish:
 * @self: a remote
 * @result: the result
 * @total_pages: (out) (optional): the number of pages
 * @error: return location for an error
 *
 * Returns: (transfer full) (nullable) (element-type NdWpTerm): the terms
 */
GPtrArray *
nd_remote_list_terms_finish (NdRemote      *self,
                             GAsyncResult  *result,
                             int           *total_pages,
                             GError       **error)
{
  ND_REMOTE_FINISH (list_terms_finish, NULL, result, total_pages, error);
}

/**
 * nd_remote_get_term_async:
 * @self: a remote
 * @kind: tag or category
 * @id: the term id
 * @cancellable: (nullable): a cancellable
 * @callback: called when done
 * @user_data: for @callback
 *
 * Reads one term.
 */
void
nd_remote_get_term_async (NdRemote            *self,
                          NdWpTermKind         kind,
                          gint64               id,
                          GCancellable        *cancellable,
                          GAsyncReadyCallback  callback,
                          gpointer             user_data)
{
  ND_REMOTE_FORWARD (get_term_async, kind, id, cancellable, callback, user_data);
}

/**
 * nd_remote_get_term_finish:
 * @self: a remote
 * @result: the result
 * @error: return location for an error
 *
 * Returns: (transfer full) (nullable): the term
 */
NdWpTerm *
nd_remote_get_term_finish (NdRemote      *self,
                           GAsyncResult  *result,
                           GError       **error)
{
  ND_REMOTE_FINISH (get_term_finish, NULL, result, error);
}

/**
 * nd_remote_create_term_async:
 * @self: a remote
 * @kind: tag or category
 * @name: the term's name
 * @cancellable: (nullable): a cancellable
 * @callback: called when done
 * @user_data: for @callback
 *
 * Creates a term; when the site has one of that name already
 * (`term_exists`), that one's id is the answer.
 */
void
nd_remote_create_term_async (NdRemote            *self,
                             NdWpTermKind         kind,
                             const char          *name,
                             GCancellable        *cancellable,
                             GAsyncReadyCallback  callback,
                             gpointer             user_data)
{
  ND_REMOTE_FORWARD (create_term_async, kind, name, cancellable, callback, user_data);
}

/**
 * nd_remote_create_term_finish:
 * @self: a remote
 * @result: the result
 * @error: return location for an error
 *
 * Returns: the term id (new or existing), or 0 on error
 */
gint64
nd_remote_create_term_finish (NdRemote      *self,
                              GAsyncResult  *result,
                              GError       **error)
{
  ND_REMOTE_FINISH (create_term_finish, 0, result, error);
}

/**
 * nd_remote_upload_media_async:
 * @self: a remote
 * @data: the file's bytes
 * @filename: the file name the site keeps
 * @content_type: its MIME type, e.g. `image/jpeg`
 * @cancellable: (nullable): a cancellable
 * @callback: called when done
 * @user_data: for @callback
 *
 * Uploads an image (`POST /wp/v2/media`).
 */
void
nd_remote_upload_media_async (NdRemote            *self,
                              GBytes              *data,
                              const char          *filename,
                              const char          *content_type,
                              GCancellable        *cancellable,
                              GAsyncReadyCallback  callback,
                              gpointer             user_data)
{
  ND_REMOTE_FORWARD (upload_media_async, data, filename, content_type, cancellable, callback, user_data);
}

/**
 * nd_remote_upload_media_finish:
 * @self: a remote
 * @result: the result
 * @error: return location for an error
 *
 * Returns: (transfer full) (nullable): the attachment
 */
NdWpMedia *
nd_remote_upload_media_finish (NdRemote      *self,
                               GAsyncResult  *result,
                               GError       **error)
{
  ND_REMOTE_FINISH (upload_media_finish, NULL, result, error);
}

/**
 * nd_remote_update_media_async:
 * @self: a remote
 * @id: the attachment id
 * @caption: (nullable): the new caption, %NULL to leave it
 * @alt_text: (nullable): the new alternative text, %NULL to leave it
 * @cancellable: (nullable): a cancellable
 * @callback: called when done
 * @user_data: for @callback
 *
 * Sets an image's caption and alternative text.
 */
void
nd_remote_update_media_async (NdRemote            *self,
                              gint64               id,
                              const char          *caption,
                              const char          *alt_text,
                              GCancellable        *cancellable,
                              GAsyncReadyCallback  callback,
                              gpointer             user_data)
{
  ND_REMOTE_FORWARD (update_media_async, id, caption, alt_text, cancellable, callback, user_data);
}

/**
 * nd_remote_update_media_finish:
 * @self: a remote
 * @result: the result
 * @error: return location for an error
 *
 * Returns: (transfer full) (nullable): the attachment
 */
NdWpMedia *
nd_remote_update_media_finish (NdRemote      *self,
                               GAsyncResult  *result,
                               GError       **error)
{
  ND_REMOTE_FINISH (update_media_finish, NULL, result, error);
}

/**
 * nd_remote_batch_async:
 * @self: a remote
 * @requests: (element-type NdWpBatchRequest): 1 to 25 requests
 * @cancellable: (nullable): a cancellable
 * @callback: called when done
 * @user_data: for @callback
 *
 * Sends several writes in one `/batch/v1` request (only when discovery saw
 * batch support). WordPress runs them one by one; each has its own answer.
 */
void
nd_remote_batch_async (NdRemote            *self,
                       GPtrArray           *requests,
                       GCancellable        *cancellable,
                       GAsyncReadyCallback  callback,
                       gpointer             user_data)
{
  ND_REMOTE_FORWARD (batch_async, requests, cancellable, callback, user_data);
}

/**
 * nd_remote_batch_finish:
 * @self: a remote
 * @result: the result
 * @error: return location for an error of the batch as a whole
 *
 * Returns: (transfer full) (nullable) (element-type NdWpBatchResponse): one
 *   answer per request, in order
 */
GPtrArray *
nd_remote_batch_finish (NdRemote      *self,
                        GAsyncResult  *result,
                        GError       **error)
{
  ND_REMOTE_FINISH (batch_finish, NULL, result, error);
}
