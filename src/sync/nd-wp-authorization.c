/* nd-wp-authorization.c
 *
 * SPDX-License-Identifier: GPL-3.0-or-later
 */

#define G_LOG_DOMAIN "newsdesk-wp-authorization"

#include "config.h"

#include <string.h>

#include <glib/gi18n-lib.h>
#include <libsoup/soup.h>

#include "nd-wp-authorization.h"

/**
 * NdWpAuthorization:
 *
 * WordPress's own way of giving an application a password: the user opens
 * the site's "Authorize Application" page in the browser, approves, and
 * WordPress sends the browser to the application's success URL with the
 * site, the user name and a new application password in the query.
 *
 * WordPress (6.1 at least) accepts a plain http:// success URL only from
 * sites whose environment type is "local"; elsewhere it refuses the request
 * on its page ("must be served over a secure connection"). So the way the
 * answer comes back depends on the site:
 *
 * - a plain http:// site on this computer (a development or test site) is
 *   answered on a loopback SoupServer on 127.0.0.1 at a random port. The
 *   server answers the browser with a short page saying the tab can be
 *   closed, and stops after the first answer, after the timeout, or when
 *   the wait is cancelled;
 * - every other site sends the browser to Newsdesk's private-use URI scheme
 *   (RFC 8252, section 7.1), the application id in lower case, for example
 *   `io.github.newsdesk.newsdesk://approved?state=…`. The desktop file
 *   registers Newsdesk for it; the browser starts `newsdesk URI`, which
 *   hands the address to the running instance, whose #GApplication::open
 *   gives it to nd_wp_authorization_receive_uri().
 *
 * Either way the callback URL carries a random state, so that no other page
 * or program on this computer can hand Newsdesk a password of its choosing:
 * an answer is taken only by the approval that made its state.
 */
struct _NdWpAuthorization
{
  GObject       parent_instance;

  char         *site_url;
  char         *endpoint;
  char         *state;
  char         *authorize_url;
  char         *callback_url;

  SoupServer   *server;       /* loopback answers only */
  gboolean      registered;   /* in waiting_approvals (URI scheme answers) */
  guint         timeout;
  guint         timeout_id;
  guint         stop_id;

  GTask        *task;
  GSource      *cancel_source;

  /* The outcome, once known; kept until someone waits for it. */
  gboolean      done;
  NdWpApproval *approval;
  GError       *error;
};

G_DEFINE_FINAL_TYPE (NdWpAuthorization, nd_wp_authorization, G_TYPE_OBJECT)

G_DEFINE_QUARK (nd-wp-authorization-error-quark, nd_wp_authorization_error)

/* The approvals waiting for an answer through the URI scheme, not
 * referenced: an approval leaves when it has its outcome or is disposed.
 * Used from the main thread only, like GApplication::open. */
static GPtrArray *waiting_approvals;

/* The path part of the success URL: WordPress 6.3.2 and later (and
 * Debian's 6.1 with that fix) refuse a redirect URL without a host, so the
 * address has an authority, unlike RFC 8252's single-slash form. */
#define SCHEME_CALLBACK_HOST "approved"

/**
 * nd_wp_approval_free:
 * @approval: (nullable): an #NdWpApproval
 *
 * Frees @approval, wiping the password first.
 */
void
nd_wp_approval_free (NdWpApproval *approval)
{
  if (approval == NULL)
    return;

  if (approval->password != NULL)
    memset (approval->password, 0, strlen (approval->password));
  g_free (approval->password);
  g_free (approval->site_url);
  g_free (approval->user_login);
  g_free (approval);
}

/* Helpers ------------------------------------------------------------------- */

static gboolean
is_loopback_host (const char *host)
{
  return host != NULL &&
         (g_ascii_strcasecmp (host, "localhost") == 0 ||
          g_str_equal (host, "127.0.0.1") ||
          g_str_equal (host, "::1") ||
          g_str_equal (host, "[::1]"));
}

/* A plain http:// site on this computer: WordPress lets it send the
 * browser to an http:// loopback address. */
static gboolean
wants_loopback (const char *site_url)
{
  g_autoptr(GUri) uri = g_uri_parse (site_url, G_URI_FLAGS_NONE, NULL);

  return uri != NULL &&
         g_ascii_strcasecmp (g_uri_get_scheme (uri), "http") == 0 &&
         is_loopback_host (g_uri_get_host (uri));
}

/* Checks that @url is a web address Newsdesk may send a password request
 * to: https, or http only to this computer. */
static gboolean
check_url (const char  *url,
           GError     **error)
{
  g_autoptr(GUri) uri = g_uri_parse (url, G_URI_FLAGS_NONE, NULL);
  const char *scheme;

  if (uri == NULL || g_uri_get_host (uri) == NULL || *g_uri_get_host (uri) == '\0')
    {
      g_set_error_literal (error, ND_WP_AUTHORIZATION_ERROR, ND_WP_AUTHORIZATION_ERROR_INVALID_URL,
                           _("The site address is not a valid web address"));
      return FALSE;
    }

  scheme = g_uri_get_scheme (uri);
  if (g_ascii_strcasecmp (scheme, "https") == 0)
    return TRUE;
  if (g_ascii_strcasecmp (scheme, "http") == 0)
    {
      if (is_loopback_host (g_uri_get_host (uri)))
        return TRUE;

      g_set_error_literal (error, ND_WP_AUTHORIZATION_ERROR, ND_WP_AUTHORIZATION_ERROR_INSECURE_URL,
                           _("The site does not use a secure connection (https://); "
                             "its password would travel unprotected"));
      return FALSE;
    }

  g_set_error_literal (error, ND_WP_AUTHORIZATION_ERROR, ND_WP_AUTHORIZATION_ERROR_INVALID_URL,
                       _("The site address is not a valid web address"));
  return FALSE;
}

static char *
default_endpoint (const char *site_url)
{
  g_autofree char *base = g_strstrip (g_strdup (site_url));
  gsize len = strlen (base);

  while (len > 0 && base[len - 1] == '/')
    base[--len] = '\0';

  return g_strconcat (base, "/wp-admin/authorize-application.php", NULL);
}

static void
append_param (GString    *url,
              const char *name,
              const char *value)
{
  g_autofree char *escaped = g_uri_escape_string (value, NULL, FALSE);

  g_string_append_printf (url, "%c%s=%s", strchr (url->str, '?') != NULL ? '&' : '?', name, escaped);
}

static void
stop_server (NdWpAuthorization *self)
{
  g_clear_handle_id (&self->timeout_id, g_source_remove);
  g_clear_handle_id (&self->stop_id, g_source_remove);

  if (self->server != NULL)
    {
      soup_server_disconnect (self->server);
      g_clear_object (&self->server);
    }
}

static void
forget_waiting (NdWpAuthorization *self)
{
  if (!self->registered)
    return;

  self->registered = FALSE;
  g_ptr_array_remove_fast (waiting_approvals, self);
  if (waiting_approvals->len == 0)
    g_clear_pointer (&waiting_approvals, g_ptr_array_unref);
}

static void
remember_waiting (NdWpAuthorization *self)
{
  g_assert (!self->registered);

  if (waiting_approvals == NULL)
    waiting_approvals = g_ptr_array_new ();
  g_ptr_array_add (waiting_approvals, self);
  self->registered = TRUE;
}

static NdWpAuthorization *
find_waiting (const char *state)
{
  if (waiting_approvals == NULL || state == NULL)
    return NULL;

  for (guint i = 0; i < waiting_approvals->len; i++)
    {
      NdWpAuthorization *auth = g_ptr_array_index (waiting_approvals, i);

      if (!auth->done && g_str_equal (auth->state, state))
        return auth;
    }

  return NULL;
}

/* Hands the outcome to the waiting task, if there is one. */
static void
deliver (NdWpAuthorization *self)
{
  g_autoptr(GTask) task = NULL;

  if (!self->done || self->task == NULL)
    return;

  task = g_steal_pointer (&self->task);
  if (self->cancel_source != NULL)
    {
      g_source_destroy (self->cancel_source);
      g_clear_pointer (&self->cancel_source, g_source_unref);
    }

  if (self->approval != NULL)
    g_task_return_pointer (task, g_steal_pointer (&self->approval), (GDestroyNotify) nd_wp_approval_free);
  else if (self->error != NULL)
    g_task_return_error (task, g_steal_pointer (&self->error));
  else
    g_task_return_new_error (task, G_IO_ERROR, G_IO_ERROR_CLOSED,
                             _("The approval was already received"));
}

static gboolean
deliver_cb (gpointer user_data)
{
  deliver (user_data);
  return G_SOURCE_REMOVE;
}

/* Records the outcome (takes @approval or @error); the first one wins. The
 * waiting task is told from the main loop, never from inside the server's
 * handler, whose message must not see the server go away under it. */
static void
finish (NdWpAuthorization *self,
        NdWpApproval      *approval,
        GError            *error)
{
  if (self->done)
    {
      nd_wp_approval_free (approval);
      g_clear_error (&error);
      return;
    }

  self->done = TRUE;
  self->approval = approval;
  self->error = error;
  g_clear_handle_id (&self->timeout_id, g_source_remove);
  forget_waiting (self);
  if (self->task != NULL)
    g_idle_add_full (G_PRIORITY_DEFAULT, deliver_cb, g_object_ref (self), g_object_unref);
}

/* Callbacks ----------------------------------------------------------------- */

static gboolean
stop_cb (gpointer user_data)
{
  NdWpAuthorization *self = user_data;

  self->stop_id = 0;
  stop_server (self);
  return G_SOURCE_REMOVE;
}

/* The page is sent once the handler returns: stop the server after that,
 * from the main loop, not inside the message's own signal. */
static void
on_message_finished_cb (SoupServerMessage *msg,
                        gpointer           user_data)
{
  NdWpAuthorization *self = user_data;

  if (self->stop_id == 0 && self->server != NULL)
    self->stop_id = g_idle_add (stop_cb, self);
}

static void
respond (SoupServerMessage *msg,
         guint              status,
         const char        *title,
         const char        *text)
{
  g_autofree char *page = NULL;
  g_autofree char *title_escaped = g_markup_escape_text (title, -1);
  g_autofree char *text_escaped = g_markup_escape_text (text, -1);
  SoupMessageHeaders *headers = soup_server_message_get_response_headers (msg);

  page = g_strdup_printf ("<!DOCTYPE html>\n<html><head><meta charset=\"utf-8\">"
                          "<title>%s</title></head><body style=\"font-family: sans-serif; margin: 3em\">"
                          "<h1>%s</h1><p>%s</p></body></html>\n",
                          title_escaped, title_escaped, text_escaped);

  /* The address holds the password: keep it out of caches and of the
   * Referer of any link followed from here. */
  soup_message_headers_replace (headers, "Cache-Control", "no-store");
  soup_message_headers_replace (headers, "Referrer-Policy", "no-referrer");
  soup_server_message_set_status (msg, status, NULL);
  soup_server_message_set_response (msg, "text/html; charset=utf-8", SOUP_MEMORY_COPY, page, strlen (page));
}

static const char *
query_get (GHashTable *query,
           const char *name)
{
  const char *value = query != NULL ? g_hash_table_lookup (query, name) : NULL;

  return value != NULL && *value != '\0' ? value : NULL;
}

typedef enum
{
  ANSWER_APPROVED,
  ANSWER_UNAVAILABLE,
  ANSWER_REJECTED,
  ANSWER_MALFORMED,
} Answer;

/* Reads WordPress's answer, the same through either way back, and records
 * its outcome. */
static Answer
take_answer (NdWpAuthorization *self,
             GHashTable        *query)
{
  const char *success = query_get (query, "success");
  const char *error_code = query_get (query, "error");
  const char *site_url = query_get (query, "site_url");
  const char *user_login = query_get (query, "user_login");
  const char *password = query_get (query, "password");
  NdWpApproval *approval;

  /* WordPress adds error=disabled to the reject URL when the site or the
   * user has no application passwords. */
  if (error_code != NULL)
    {
      finish (self, NULL,
              g_error_new_literal (ND_WP_AUTHORIZATION_ERROR, ND_WP_AUTHORIZATION_ERROR_UNAVAILABLE,
                                   _("The site does not offer application passwords; "
                                     "they may be turned off, or need a secure connection")));
      return ANSWER_UNAVAILABLE;
    }

  if (g_strcmp0 (success, "false") == 0)
    {
      finish (self, NULL,
              g_error_new_literal (ND_WP_AUTHORIZATION_ERROR, ND_WP_AUTHORIZATION_ERROR_REJECTED,
                                   _("Access was declined on the site")));
      return ANSWER_REJECTED;
    }

  if (user_login == NULL || password == NULL)
    {
      finish (self, NULL,
              g_error_new_literal (ND_WP_AUTHORIZATION_ERROR, ND_WP_AUTHORIZATION_ERROR_MALFORMED,
                                   _("The site's answer lacked the user name or the password")));
      return ANSWER_MALFORMED;
    }

  approval = g_new0 (NdWpApproval, 1);
  approval->site_url = g_strdup (site_url != NULL ? site_url : self->site_url);
  approval->user_login = g_strdup (user_login);
  approval->password = g_strdup (password);
  finish (self, approval, NULL);
  return ANSWER_APPROVED;
}

static void
callback_cb (SoupServer        *server,
             SoupServerMessage *msg,
             const char        *path,
             GHashTable        *query,
             gpointer           user_data)
{
  NdWpAuthorization *self = user_data;
  const char *state = query_get (query, "state");

  if (soup_server_message_get_method (msg) != SOUP_METHOD_GET)
    {
      soup_server_message_set_status (msg, SOUP_STATUS_METHOD_NOT_ALLOWED, NULL);
      return;
    }

  if (g_strcmp0 (state, self->state) != 0)
    {
      respond (msg, SOUP_STATUS_FORBIDDEN, _("Not for Newsdesk"),
               _("This address does not belong to the approval Newsdesk is waiting for."));
      return;
    }

  if (self->done)
    {
      respond (msg, SOUP_STATUS_GONE, _("Already done"),
               _("Newsdesk already received an answer. You can close this tab."));
      return;
    }

  g_signal_connect_object (msg, "finished", G_CALLBACK (on_message_finished_cb), self, 0);

  switch (take_answer (self, query))
    {
    case ANSWER_UNAVAILABLE:
      respond (msg, SOUP_STATUS_OK, _("Not available"),
               _("This site does not offer application passwords. You can close this tab."));
      break;
    case ANSWER_REJECTED:
      respond (msg, SOUP_STATUS_OK, _("Not connected"),
               _("Newsdesk was not given access. You can close this tab."));
      break;
    case ANSWER_MALFORMED:
      respond (msg, SOUP_STATUS_BAD_REQUEST, _("Something went wrong"),
               _("The site's answer lacked the user name or the password. You can close this tab "
                 "and try again from Newsdesk."));
      break;
    case ANSWER_APPROVED:
    default:
      respond (msg, SOUP_STATUS_OK, _("Newsdesk is connected"),
               _("Newsdesk received its password. You can close this tab."));
      break;
    }
}

static void
not_found_cb (SoupServer        *server,
              SoupServerMessage *msg,
              const char        *path,
              GHashTable        *query,
              gpointer           user_data)
{
  respond (msg, SOUP_STATUS_NOT_FOUND, _("Not found"), _("There is nothing at this address."));
}

static gboolean
timeout_cb (gpointer user_data)
{
  NdWpAuthorization *self = user_data;

  self->timeout_id = 0;
  stop_server (self);
  finish (self, NULL,
          g_error_new_literal (ND_WP_AUTHORIZATION_ERROR, ND_WP_AUTHORIZATION_ERROR_TIMED_OUT,
                               _("No answer came from the browser in time; try again")));
  return G_SOURCE_REMOVE;
}

static gboolean
cancelled_cb (GCancellable *cancellable,
              gpointer      user_data)
{
  NdWpAuthorization *self = user_data;

  stop_server (self);
  finish (self, NULL,
          g_error_new_literal (G_IO_ERROR, G_IO_ERROR_CANCELLED, _("The approval was cancelled")));
  return G_SOURCE_REMOVE;
}

/* GObject ------------------------------------------------------------------- */

static void
nd_wp_authorization_dispose (GObject *object)
{
  NdWpAuthorization *self = (NdWpAuthorization *)object;

  stop_server (self);
  forget_waiting (self);
  if (self->cancel_source != NULL)
    {
      g_source_destroy (self->cancel_source);
      g_clear_pointer (&self->cancel_source, g_source_unref);
    }
  /* A waiting task holds a reference on us, so none is left here. */
  g_assert (self->task == NULL);

  G_OBJECT_CLASS (nd_wp_authorization_parent_class)->dispose (object);
}

static void
nd_wp_authorization_finalize (GObject *object)
{
  NdWpAuthorization *self = (NdWpAuthorization *)object;

  g_clear_pointer (&self->site_url, g_free);
  g_clear_pointer (&self->endpoint, g_free);
  g_clear_pointer (&self->state, g_free);
  g_clear_pointer (&self->authorize_url, g_free);
  g_clear_pointer (&self->callback_url, g_free);
  g_clear_pointer (&self->approval, nd_wp_approval_free);
  g_clear_error (&self->error);

  G_OBJECT_CLASS (nd_wp_authorization_parent_class)->finalize (object);
}

static void
nd_wp_authorization_class_init (NdWpAuthorizationClass *klass)
{
  GObjectClass *object_class = G_OBJECT_CLASS (klass);

  object_class->dispose = nd_wp_authorization_dispose;
  object_class->finalize = nd_wp_authorization_finalize;
}

static void
nd_wp_authorization_init (NdWpAuthorization *self)
{
  self->timeout = ND_WP_AUTHORIZATION_DEFAULT_TIMEOUT;
}

/* Public API ---------------------------------------------------------------- */

/**
 * nd_wp_authorization_new:
 * @site_url: the site's address
 * @endpoint: (nullable): the approval page from the site's index
 *   (`authentication.application-passwords.endpoints.authorization`), or
 *   %NULL for SITE/wp-admin/authorize-application.php
 *
 * Prepares an approval; nothing listens until nd_wp_authorization_start().
 *
 * Returns: (transfer full): a new #NdWpAuthorization
 */
NdWpAuthorization *
nd_wp_authorization_new (const char *site_url,
                         const char *endpoint)
{
  NdWpAuthorization *self;

  g_return_val_if_fail (site_url != NULL, NULL);

  self = g_object_new (ND_TYPE_WP_AUTHORIZATION, NULL);
  self->site_url = g_strdup (site_url);
  self->endpoint = endpoint != NULL && *endpoint != '\0' ? g_strdup (endpoint) : default_endpoint (site_url);
  return self;
}

/**
 * nd_wp_authorization_set_timeout:
 * @self: a #NdWpAuthorization
 * @seconds: how long to wait for the browser, from the start
 *
 * Sets the timeout; call it before nd_wp_authorization_start().
 */
void
nd_wp_authorization_set_timeout (NdWpAuthorization *self,
                                 guint              seconds)
{
  g_return_if_fail (ND_IS_WP_AUTHORIZATION (self));
  g_return_if_fail (seconds > 0);

  self->timeout = seconds;
}

/* Answers through a loopback server: returns the callback URL. */
static char *
listen_on_loopback (NdWpAuthorization  *self,
                    GError            **error)
{
  g_autoptr(GSList) uris = NULL;
  g_autoptr(GError) local_error = NULL;
  int port;

  self->server = soup_server_new ("server-header", "Newsdesk", NULL);
  if (!soup_server_listen_local (self->server, 0, SOUP_SERVER_LISTEN_IPV4_ONLY, &local_error))
    {
      g_clear_object (&self->server);
      g_set_error (error, ND_WP_AUTHORIZATION_ERROR, ND_WP_AUTHORIZATION_ERROR_FAILED,
                   /* Translators: %s is the system's reason */
                   _("Newsdesk could not wait for the browser's answer: %s"), local_error->message);
      return NULL;
    }
  soup_server_add_handler (self->server, "/callback", callback_cb, self, NULL);
  soup_server_add_handler (self->server, NULL, not_found_cb, self, NULL);

  uris = soup_server_get_uris (self->server);
  g_assert (uris != NULL);
  port = g_uri_get_port (uris->data);
  g_slist_free_full (g_steal_pointer (&uris), (GDestroyNotify) g_uri_unref);

  return g_strdup_printf ("http://127.0.0.1:%d/callback?state=%s", port, self->state);
}

/* Answers through the URI scheme: returns the callback URL. */
static char *
listen_on_uri_scheme (NdWpAuthorization *self)
{
  remember_waiting (self);

  return g_strdup_printf ("%s://" SCHEME_CALLBACK_HOST "?state=%s",
                          nd_wp_authorization_get_uri_scheme (), self->state);
}

/**
 * nd_wp_authorization_start:
 * @self: a #NdWpAuthorization
 * @error: return location for a #GError
 *
 * Starts waiting for the answer and makes the address of the site's
 * approval page for the browser, with app_name, app_id, success_url and
 * reject_url. A plain http:// site on this computer answers on a loopback
 * server on 127.0.0.1; any other site answers through Newsdesk's URI scheme
 * (see nd_wp_authorization_receive_uri()). Calling it again returns the
 * same address.
 *
 * Returns: (transfer none): the address to open in the browser, or %NULL
 *   on error
 */
const char *
nd_wp_authorization_start (NdWpAuthorization  *self,
                           GError            **error)
{
  g_autoptr(GString) url = NULL;
  g_autofree char *reject_url = NULL;

  g_return_val_if_fail (ND_IS_WP_AUTHORIZATION (self), NULL);

  if (self->authorize_url != NULL)
    return self->authorize_url;

  if (!check_url (self->site_url, error) || !check_url (self->endpoint, error))
    return NULL;

  /* 122 random bits: nobody can guess the address an answer must come to. */
  g_clear_pointer (&self->state, g_free);
  self->state = g_uuid_string_random ();
  if (wants_loopback (self->site_url))
    self->callback_url = listen_on_loopback (self, error);
  else
    self->callback_url = listen_on_uri_scheme (self);
  if (self->callback_url == NULL)
    return NULL;

  reject_url = g_strconcat (self->callback_url, "&success=false", NULL);

  url = g_string_new (self->endpoint);
  append_param (url, "app_name", "Newsdesk");
  append_param (url, "app_id", ND_WP_AUTHORIZATION_APP_ID);
  append_param (url, "success_url", self->callback_url);
  append_param (url, "reject_url", reject_url);
  self->authorize_url = g_string_free (g_steal_pointer (&url), FALSE);

  self->timeout_id = g_timeout_add_seconds (self->timeout, timeout_cb, self);

  return self->authorize_url;
}

/**
 * nd_wp_authorization_get_authorize_url:
 * @self: a #NdWpAuthorization
 *
 * Returns: (nullable): the approval page's address, once started
 */
const char *
nd_wp_authorization_get_authorize_url (NdWpAuthorization *self)
{
  g_return_val_if_fail (ND_IS_WP_AUTHORIZATION (self), NULL);

  return self->authorize_url;
}

/**
 * nd_wp_authorization_get_callback_url:
 * @self: a #NdWpAuthorization
 *
 * Returns: (nullable): the success URL WordPress sends the browser to,
 *   once started
 */
const char *
nd_wp_authorization_get_callback_url (NdWpAuthorization *self)
{
  g_return_val_if_fail (ND_IS_WP_AUTHORIZATION (self), NULL);

  return self->callback_url;
}

/**
 * nd_wp_authorization_is_listening:
 * @self: a #NdWpAuthorization
 *
 * Returns: whether an answer can still come: the loopback server is up,
 *   or the approval still waits for its address through the URI scheme
 */
gboolean
nd_wp_authorization_is_listening (NdWpAuthorization *self)
{
  g_return_val_if_fail (ND_IS_WP_AUTHORIZATION (self), FALSE);

  return self->server != NULL || self->registered;
}

/**
 * nd_wp_authorization_get_uri_scheme:
 *
 * The private-use URI scheme (RFC 8252, section 7.1) WordPress sends the
 * browser back to: the application id in lower case, so that a
 * development build has its own. The desktop file registers the
 * application for it (`MimeType=x-scheme-handler/SCHEME;`).
 *
 * Returns: (transfer none): the scheme, without the colon
 */
const char *
nd_wp_authorization_get_uri_scheme (void)
{
  static char *scheme;

  if (g_once_init_enter (&scheme))
    g_once_init_leave (&scheme, g_ascii_strdown (APPLICATION_ID, -1));

  return scheme;
}

/**
 * nd_wp_authorization_is_answer_uri:
 * @uri: an address
 *
 * Returns: whether @uri is of Newsdesk's URI scheme, that is, meant for
 *   nd_wp_authorization_receive_uri()
 */
gboolean
nd_wp_authorization_is_answer_uri (const char *uri)
{
  g_autofree char *scheme = NULL;

  g_return_val_if_fail (uri != NULL, FALSE);

  scheme = g_uri_parse_scheme (uri);
  return scheme != NULL && g_ascii_strcasecmp (scheme, nd_wp_authorization_get_uri_scheme ()) == 0;
}

/**
 * nd_wp_authorization_receive_uri:
 * @uri: the address the browser was sent to, from the application's
 *   #GApplication::open
 * @error: return location for a #GError
 *
 * Hands WordPress's answer to the approval whose state it carries, which
 * then ends its wait: approved, declined or unusable. An address of another
 * scheme, or whose state belongs to no waiting approval (a forged one, or
 * one that comes too late), is refused and changes nothing.
 *
 * Returns: %TRUE if an approval took the answer; %FALSE with @error set
 *   (%ND_WP_AUTHORIZATION_ERROR_FOREIGN_URI or
 *   %ND_WP_AUTHORIZATION_ERROR_NOT_WAITING) otherwise
 */
gboolean
nd_wp_authorization_receive_uri (const char  *uri,
                                 GError     **error)
{
  g_autoptr(GUri) parsed = NULL;
  g_autoptr(GHashTable) query = NULL;
  NdWpAuthorization *self;

  g_return_val_if_fail (uri != NULL, FALSE);
  g_return_val_if_fail (error == NULL || *error == NULL, FALSE);

  /* The query stays encoded here: a %26 in the password is not a separator. */
  if (nd_wp_authorization_is_answer_uri (uri))
    parsed = g_uri_parse (uri, G_URI_FLAGS_ENCODED_QUERY, NULL);
  if (parsed == NULL)
    {
      g_set_error_literal (error, ND_WP_AUTHORIZATION_ERROR, ND_WP_AUTHORIZATION_ERROR_FOREIGN_URI,
                           _("Newsdesk opens only the answers of WordPress’s approval pages"));
      return FALSE;
    }

  if (g_uri_get_query (parsed) != NULL)
    query = g_uri_parse_params (g_uri_get_query (parsed), -1, "&", G_URI_PARAMS_WWW_FORM, NULL);

  self = find_waiting (query != NULL ? query_get (query, "state") : NULL);
  if (self == NULL)
    {
      g_set_error_literal (error, ND_WP_AUTHORIZATION_ERROR, ND_WP_AUTHORIZATION_ERROR_NOT_WAITING,
                           _("This answer does not belong to an approval Newsdesk is waiting for; "
                             "it was ignored"));
      return FALSE;
    }

  take_answer (self, query);
  return TRUE;
}

/**
 * nd_wp_authorization_wait_async:
 * @self: a started #NdWpAuthorization
 * @cancellable: (nullable): a #GCancellable; cancelling stops the approval
 * @callback: called with the outcome
 * @user_data: data for @callback
 *
 * Waits for the browser to come back: approved, declined, timed out or
 * cancelled. An answer that came before the wait began is not lost.
 */
void
nd_wp_authorization_wait_async (NdWpAuthorization   *self,
                                GCancellable        *cancellable,
                                GAsyncReadyCallback  callback,
                                gpointer             user_data)
{
  g_autoptr(GTask) task = NULL;

  g_return_if_fail (ND_IS_WP_AUTHORIZATION (self));
  g_return_if_fail (self->authorize_url != NULL);
  g_return_if_fail (self->task == NULL);

  task = g_task_new (self, cancellable, callback, user_data);
  g_task_set_source_tag (task, nd_wp_authorization_wait_async);

  if (cancellable != NULL && !self->done)
    {
      self->cancel_source = g_cancellable_source_new (cancellable);
      g_source_set_callback (self->cancel_source, G_SOURCE_FUNC (cancelled_cb), self, NULL);
      g_source_attach (self->cancel_source, g_main_context_get_thread_default ());
    }

  self->task = g_steal_pointer (&task);
  deliver (self);
}

/**
 * nd_wp_authorization_wait_finish:
 * @self: a #NdWpAuthorization
 * @result: the result given to the callback
 * @error: return location for a #GError
 *
 * Returns: (transfer full): the approval, or %NULL with @error set
 *   (%ND_WP_AUTHORIZATION_ERROR, or %G_IO_ERROR_CANCELLED)
 */
NdWpApproval *
nd_wp_authorization_wait_finish (NdWpAuthorization  *self,
                                 GAsyncResult       *result,
                                 GError            **error)
{
  g_return_val_if_fail (ND_IS_WP_AUTHORIZATION (self), NULL);
  g_return_val_if_fail (g_task_is_valid (result, self), NULL);
  g_return_val_if_fail (g_task_get_source_tag (G_TASK (result)) == nd_wp_authorization_wait_async, NULL);

  return g_task_propagate_pointer (G_TASK (result), error);
}

/**
 * nd_wp_authorization_stop:
 * @self: a #NdWpAuthorization
 *
 * Stops listening; a wait still going ends with %G_IO_ERROR_CANCELLED.
 */
void
nd_wp_authorization_stop (NdWpAuthorization *self)
{
  g_return_if_fail (ND_IS_WP_AUTHORIZATION (self));

  stop_server (self);
  finish (self, NULL,
          g_error_new_literal (G_IO_ERROR, G_IO_ERROR_CANCELLED, _("The approval was cancelled")));
}
