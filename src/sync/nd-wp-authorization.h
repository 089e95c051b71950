/* nd-wp-authorization.h
 *
 * SPDX-License-Identifier: GPL-3.0-or-later
 */

#pragma once

#include <gio/gio.h>

G_BEGIN_DECLS

/**
 * ND_WP_AUTHORIZATION_APP_ID:
 *
 * The uuid Newsdesk names itself with when it asks a WordPress site for an
 * application password; WordPress shows the passwords made for it together.
 */
#define ND_WP_AUTHORIZATION_APP_ID "dcf5b3e3-bf17-45a2-a72e-dd2e5a8041f1"

/**
 * ND_WP_AUTHORIZATION_DEFAULT_TIMEOUT:
 *
 * How many seconds the approval waits for the browser by default.
 */
#define ND_WP_AUTHORIZATION_DEFAULT_TIMEOUT 900

#define ND_WP_AUTHORIZATION_ERROR (nd_wp_authorization_error_quark ())

/**
 * NdWpAuthorizationError:
 * @ND_WP_AUTHORIZATION_ERROR_REJECTED: the user declined in the browser
 * @ND_WP_AUTHORIZATION_ERROR_UNAVAILABLE: the site does not offer
 *   application passwords (turned off, or no HTTPS)
 * @ND_WP_AUTHORIZATION_ERROR_TIMED_OUT: no answer came in time
 * @ND_WP_AUTHORIZATION_ERROR_INVALID_URL: the site or approval address is
 *   not a web address
 * @ND_WP_AUTHORIZATION_ERROR_INSECURE_URL: the approval address is plain
 *   http:// on a host other than this computer
 * @ND_WP_AUTHORIZATION_ERROR_MALFORMED: the site's answer lacked the user or
 *   the password
 * @ND_WP_AUTHORIZATION_ERROR_FAILED: the loopback server could not start
 * @ND_WP_AUTHORIZATION_ERROR_FOREIGN_URI: an address given to
 *   nd_wp_authorization_receive_uri() is not of Newsdesk's URI scheme
 * @ND_WP_AUTHORIZATION_ERROR_NOT_WAITING: an answer's state belongs to no
 *   approval that is waiting (forged, or too late)
 *
 * Why an approval through the browser did not give a password.
 */
typedef enum
{
  ND_WP_AUTHORIZATION_ERROR_REJECTED,
  ND_WP_AUTHORIZATION_ERROR_UNAVAILABLE,
  ND_WP_AUTHORIZATION_ERROR_TIMED_OUT,
  ND_WP_AUTHORIZATION_ERROR_INVALID_URL,
  ND_WP_AUTHORIZATION_ERROR_INSECURE_URL,
  ND_WP_AUTHORIZATION_ERROR_MALFORMED,
  ND_WP_AUTHORIZATION_ERROR_FAILED,
  ND_WP_AUTHORIZATION_ERROR_FOREIGN_URI,
  ND_WP_AUTHORIZATION_ERROR_NOT_WAITING,
} NdWpAuthorizationError;

/**
 * NdWpApproval:
 * @site_url: the site's address as WordPress gave it back
 * @user_login: the user who approved
 * @password: the new application password; never log it
 *
 * What WordPress hands back when the user approves Newsdesk.
 */
typedef struct
{
  char *site_url;
  char *user_login;
  char *password;
} NdWpApproval;

void nd_wp_approval_free (NdWpApproval *approval);
G_DEFINE_AUTOPTR_CLEANUP_FUNC (NdWpApproval, nd_wp_approval_free)

#define ND_TYPE_WP_AUTHORIZATION (nd_wp_authorization_get_type ())

G_DECLARE_FINAL_TYPE (NdWpAuthorization, nd_wp_authorization, ND, WP_AUTHORIZATION, GObject)

GQuark             nd_wp_authorization_error_quark      (void);

NdWpAuthorization *nd_wp_authorization_new              (const char         *site_url,
                                                         const char         *endpoint);
void               nd_wp_authorization_set_timeout      (NdWpAuthorization  *self,
                                                         guint               seconds);
const char        *nd_wp_authorization_start            (NdWpAuthorization  *self,
                                                         GError            **error);
const char        *nd_wp_authorization_get_authorize_url (NdWpAuthorization *self);
const char        *nd_wp_authorization_get_callback_url (NdWpAuthorization  *self);
gboolean           nd_wp_authorization_is_listening     (NdWpAuthorization  *self);

void               nd_wp_authorization_wait_async       (NdWpAuthorization  *self,
                                                         GCancellable       *cancellable,
                                                         GAsyncReadyCallback callback,
                                                         gpointer            user_data);
NdWpApproval      *nd_wp_authorization_wait_finish      (NdWpAuthorization  *self,
                                                         GAsyncResult       *result,
                                                         GError            **error);
void               nd_wp_authorization_stop             (NdWpAuthorization  *self);

const char        *nd_wp_authorization_get_uri_scheme   (void);
gboolean           nd_wp_authorization_is_answer_uri    (const char         *uri);
gboolean           nd_wp_authorization_receive_uri      (const char         *uri,
                                                         GError            **error);

G_END_DECLS
