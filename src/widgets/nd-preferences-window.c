/* nd-preferences-window.c
 *
 * SPDX-License-Identifier: GPL-3.0-or-later
 */

#define G_LOG_DOMAIN "newsdesk-sync-ui"

#include "config.h"

#include <glib/gi18n.h>

#include "nd-account.h"
#include "nd-preferences-window.h"
#include "nd-wordpress-remote.h"
#include "nd-wp-authorization.h"

/**
 * NdPreferencesWindow:
 *
 * The preferences: the WordPress sites the editions are published on and
 * which language goes to which site.
 *
 * A site is added or edited on a subpage: its address, the user and an
 * application password, pasted or obtained through WordPress's own approval
 * page (the browser opens it and a loopback server of
 * #NdWpAuthorization receives the answer). "Test Connection" runs discovery,
 * the user check and the settings one after the other on libsoup's async
 * API and answers in one plain sentence. The password goes to the keyring
 * (#NdAccount) and nowhere else: the site's row in the database has none, and
 * no message repeats it.
 */
struct _NdPreferencesWindow
{
  AdwPreferencesWindow  parent_instance;

  NdStoryStore         *stories;
  NdSyncStore          *sync_store;
  GArray               *site_ids;        /* of the language rows' choices; [0] is 0 */
  gboolean              filling;         /* rows are being made: ignore their signals */
  gboolean              mapping;         /* a language row is writing its choice */

  /* The site being edited; NULL while adding one. */
  NdSite               *editing;
  /* What the last successful test found, valid while the fields stay as
   * they were tested. */
  NdWpSiteInfo         *tested_info;
  NdRemote             *remote;
  NdWpAuthorization    *authorization;
  GCancellable         *cancellable;     /* of the test, the approval, the save */
  char                 *result;
  gboolean              busy;

  GtkListBox           *sites_list;
  GtkListBox           *languages_list;
  GtkWidget            *site_page;
  AdwWindowTitle       *site_page_title;
  GtkWidget            *save_button;
  GtkWidget            *back_button;
  AdwEntryRow          *url_row;
  AdwEntryRow          *user_row;
  AdwPasswordEntryRow  *password_row;
  AdwActionRow         *authorize_row;
  GtkWidget            *authorize_spinner;
  GtkWidget            *authorize_cancel_button;
  AdwActionRow         *test_row;
  GtkWidget            *test_spinner;
  GtkLabel             *result_label;
};

G_DEFINE_FINAL_TYPE (NdPreferencesWindow, nd_preferences_window, ADW_TYPE_PREFERENCES_WINDOW)

enum {
  PROP_0,
  PROP_BUSY,
  PROP_RESULT,
  N_PROPS
};

static GParamSpec *properties[N_PROPS];

static void test_connection (NdPreferencesWindow *self);

/* Helpers -------------------------------------------------------------------- */

static const char *
site_title (NdSite *site)
{
  const char *name = nd_site_get_name (site);

  return name != NULL && *name != '\0' ? name : nd_site_get_url (site);
}

static void
set_busy (NdPreferencesWindow *self,
          gboolean             busy)
{
  if (self->busy == busy)
    return;

  self->busy = busy;
  gtk_widget_set_visible (self->test_spinner, busy && self->authorization == NULL);
  gtk_spinner_set_spinning (GTK_SPINNER (self->test_spinner), busy && self->authorization == NULL);
  gtk_widget_set_sensitive (GTK_WIDGET (self->test_row), !busy);
  gtk_widget_set_sensitive (GTK_WIDGET (self->authorize_row), !busy || self->authorization != NULL);
  gtk_widget_set_sensitive (self->save_button, !busy);
  g_object_notify_by_pspec (G_OBJECT (self), properties[PROP_BUSY]);
}

/* Shows the answer of a test, an approval or a save; @success colours it. */
static void
show_result (NdPreferencesWindow *self,
             const char          *sentence,
             gboolean             success)
{
  g_free (self->result);
  self->result = g_strdup (sentence);

  gtk_label_set_text (self->result_label, sentence != NULL ? sentence : "");
  gtk_widget_set_visible (GTK_WIDGET (self->result_label), sentence != NULL);
  gtk_widget_remove_css_class (GTK_WIDGET (self->result_label), success ? "error" : "success");
  gtk_widget_add_css_class (GTK_WIDGET (self->result_label), success ? "success" : "error");
  /* A screen reader hears the answer without looking for it. */
  if (sentence != NULL)
    gtk_accessible_update_property (GTK_ACCESSIBLE (self->test_row),
                                    GTK_ACCESSIBLE_PROPERTY_DESCRIPTION, sentence,
                                    -1);
  g_object_notify_by_pspec (G_OBJECT (self), properties[PROP_RESULT]);
}

static char *
describe_offset (double gmt_offset)
{
  int minutes = (int) (gmt_offset * 60 + (gmt_offset < 0 ? -0.5 : 0.5));

  if (minutes == 0)
    return g_strdup ("UTC");
  if (minutes % 60 == 0)
    return g_strdup_printf ("UTC%+d", minutes / 60);
  return g_strdup_printf ("UTC%+d:%02d", minutes / 60, ABS (minutes) % 60);
}

static char *
site_time_zone (NdWpSiteInfo *info)
{
  if (info->timezone_string != NULL && *info->timezone_string != '\0')
    return g_strdup (info->timezone_string);

  return describe_offset (info->gmt_offset);
}

static char *
host_of (const char *url)
{
  g_autoptr(GUri) uri = g_uri_parse (url, G_URI_FLAGS_NONE, NULL);

  if (uri == NULL || g_uri_get_host (uri) == NULL)
    return g_strdup (url);
  return g_strdup (g_uri_get_host (uri));
}

/* The site list and the language map ---------------------------------------- */

static void
clear_list (GtkListBox *list)
{
  GtkWidget *child;

  while ((child = gtk_widget_get_first_child (GTK_WIDGET (list))) != NULL)
    gtk_list_box_remove (list, child);
}

static void
on_edit_site_clicked_cb (GtkButton           *button,
                         NdPreferencesWindow *self)
{
  gint64 *site_id = g_object_get_data (G_OBJECT (button), "site-id");

  nd_preferences_window_edit_site (self, *site_id);
}

static void
on_remove_site_clicked_cb (GtkButton           *button,
                           NdPreferencesWindow *self)
{
  gint64 *site_id = g_object_get_data (G_OBJECT (button), "site-id");

  nd_preferences_window_remove_site (self, *site_id);
}

static GtkWidget *
site_button (NdPreferencesWindow *self,
             NdSite              *site,
             const char          *icon_name,
             const char          *tooltip,
             const char          *accessible,
             GCallback            callback)
{
  GtkWidget *button = gtk_button_new_from_icon_name (icon_name);
  gint64 id = nd_site_get_id (site);

  gtk_widget_set_valign (button, GTK_ALIGN_CENTER);
  gtk_widget_add_css_class (button, "flat");
  gtk_widget_set_tooltip_text (button, tooltip);
  gtk_accessible_update_property (GTK_ACCESSIBLE (button), GTK_ACCESSIBLE_PROPERTY_LABEL, accessible, -1);
  g_object_set_data_full (G_OBJECT (button), "site-id", g_memdup2 (&id, sizeof id), g_free);
  g_signal_connect (button, "clicked", callback, self);

  return button;
}

static void
fill_sites (NdPreferencesWindow *self,
            GPtrArray           *sites)
{
  clear_list (self->sites_list);

  if (sites->len == 0)
    {
      GtkWidget *row = adw_action_row_new ();

      adw_preferences_row_set_title (ADW_PREFERENCES_ROW (row), _("No sites yet"));
      adw_action_row_set_subtitle (ADW_ACTION_ROW (row),
                                   _("Stories stay on this computer until a site is added."));
      gtk_widget_add_css_class (row, "dim-label");
      gtk_list_box_append (self->sites_list, row);
      return;
    }

  for (guint i = 0; i < sites->len; i++)
    {
      NdSite *site = g_ptr_array_index (sites, i);
      GtkWidget *row = adw_action_row_new ();
      const char *zone = nd_site_get_timezone (site);
      g_autofree char *subtitle = NULL;
      /* Translators: %s is a site's name */
      g_autofree char *edit_label = g_strdup_printf (_("Edit site %s"), site_title (site));
      /* Translators: %s is a site's name */
      g_autofree char *remove_label = g_strdup_printf (_("Remove site %s"), site_title (site));

      /* Translators: a site's address, the WordPress user and the site's
       * time zone, e.g. "https://realist.online · editor · Europe/Moscow" */
      subtitle = g_strdup_printf (_("%s · %s · %s"),
                                  nd_site_get_url (site),
                                  nd_site_get_username (site),
                                  zone != NULL && *zone != '\0' ? zone : _("time zone not known yet"));
      adw_preferences_row_set_title (ADW_PREFERENCES_ROW (row), site_title (site));
      adw_preferences_row_set_use_markup (ADW_PREFERENCES_ROW (row), FALSE);
      adw_action_row_set_subtitle (ADW_ACTION_ROW (row), subtitle);
      adw_action_row_set_subtitle_lines (ADW_ACTION_ROW (row), 2);
      gtk_widget_set_name (row, nd_site_get_url (site));

      adw_action_row_add_suffix (ADW_ACTION_ROW (row),
                                 site_button (self, site, "document-edit-symbolic", _("Edit"), edit_label,
                                              G_CALLBACK (on_edit_site_clicked_cb)));
      adw_action_row_add_suffix (ADW_ACTION_ROW (row),
                                 site_button (self, site, "user-trash-symbolic", _("Remove"), remove_label,
                                              G_CALLBACK (on_remove_site_clicked_cb)));
      gtk_list_box_append (self->sites_list, row);
    }
}

static void
on_language_selected_cb (AdwComboRow         *row,
                         GParamSpec          *pspec,
                         NdPreferencesWindow *self)
{
  g_autoptr(GError) error = NULL;
  const char *lang = gtk_widget_get_name (GTK_WIDGET (row));
  guint selected = adw_combo_row_get_selected (row);
  gint64 site_id;

  if (self->filling || selected == GTK_INVALID_LIST_POSITION || selected >= self->site_ids->len)
    return;

  site_id = g_array_index (self->site_ids, gint64, selected);
  /* The row already shows the choice; making the rows again from the
   * store's signal would destroy this one inside its own notification. */
  self->mapping = TRUE;
  if (!nd_sync_store_set_language_site (self->sync_store, lang, site_id, &error))
    adw_preferences_window_add_toast (ADW_PREFERENCES_WINDOW (self), adw_toast_new (error->message));
  self->mapping = FALSE;
}

static void
fill_languages (NdPreferencesWindow *self,
                GPtrArray           *sites)
{
  GListModel *languages = nd_story_store_get_languages (self->stories);
  g_autoptr(GtkStringList) choices = gtk_string_list_new (NULL);
  guint n = g_list_model_get_n_items (languages);

  clear_list (self->languages_list);
  g_array_set_size (self->site_ids, 0);

  gtk_string_list_append (choices, _("Not published"));
  g_array_append_vals (self->site_ids, &(gint64) { 0 }, 1);
  for (guint i = 0; i < sites->len; i++)
    {
      NdSite *site = g_ptr_array_index (sites, i);
      gint64 id = nd_site_get_id (site);

      gtk_string_list_append (choices, site_title (site));
      g_array_append_vals (self->site_ids, &id, 1);
    }

  self->filling = TRUE;
  for (guint i = 0; i < n; i++)
    {
      g_autoptr(NdLanguage) language = g_list_model_get_item (languages, i);
      const char *code = nd_language_get_code (language);
      const char *native = nd_language_get_native_name (language);
      GtkWidget *row = adw_combo_row_new ();
      gint64 site_id = nd_sync_store_get_language_site (self->sync_store, code, NULL);
      guint selected = 0;

      for (guint j = 0; j < self->site_ids->len; j++)
        if (g_array_index (self->site_ids, gint64, j) == site_id)
          selected = j;

      adw_preferences_row_set_title (ADW_PREFERENCES_ROW (row),
                                     native != NULL && *native != '\0' ? native : nd_language_get_name (language));
      adw_preferences_row_set_use_markup (ADW_PREFERENCES_ROW (row), FALSE);
      gtk_widget_set_name (row, code);
      adw_combo_row_set_model (ADW_COMBO_ROW (row), G_LIST_MODEL (choices));
      adw_combo_row_set_selected (ADW_COMBO_ROW (row), selected);
      g_signal_connect (row, "notify::selected", G_CALLBACK (on_language_selected_cb), self);
      gtk_list_box_append (self->languages_list, row);
    }
  self->filling = FALSE;
}

static void
reload (NdPreferencesWindow *self)
{
  g_autoptr(GError) error = NULL;
  g_autoptr(GPtrArray) sites = nd_sync_store_list_sites (self->sync_store, &error);

  if (sites == NULL)
    {
      g_warning ("Could not list the sites: %s", error->message);
      sites = g_ptr_array_new_with_free_func (g_object_unref);
    }

  fill_sites (self, sites);
  fill_languages (self, sites);
}

static void
on_site_changed_cb (NdPreferencesWindow *self,
                    gint64               site_id,
                    NdSyncStore         *store)
{
  if (!self->mapping)
    reload (self);
}

/* Removing a site ------------------------------------------------------------- */

static void
on_password_cleared_cb (GObject      *object,
                        GAsyncResult *result,
                        gpointer      user_data)
{
  g_autoptr(GError) error = NULL;

  if (!nd_account_clear_password_finish (result, &error))
    g_warning ("Could not remove a site's password from the keyring: %s", error->message);
}

static void
on_remove_response_cb (AdwMessageDialog    *dialog,
                       const char          *response,
                       NdPreferencesWindow *self)
{
  g_autoptr(GError) error = NULL;
  gint64 *site_id = g_object_get_data (G_OBJECT (dialog), "site-id");
  g_autoptr(NdSite) site = NULL;

  if (g_strcmp0 (response, "remove") != 0)
    return;

  site = nd_sync_store_get_site (self->sync_store, *site_id, &error);
  if (site == NULL)
    return;

  if (!nd_sync_store_remove_site (self->sync_store, *site_id, &error))
    {
      adw_preferences_window_add_toast (ADW_PREFERENCES_WINDOW (self), adw_toast_new (error->message));
      return;
    }

  nd_account_clear_password_async (nd_site_get_url (site), nd_site_get_username (site), NULL,
                                   on_password_cleared_cb, NULL);
}

/* The site editor ------------------------------------------------------------- */

static void
forget_test (NdPreferencesWindow *self)
{
  g_clear_pointer (&self->tested_info, nd_wp_site_info_free);
}

static void
on_field_changed_cb (NdPreferencesWindow *self)
{
  if (self->filling)
    return;

  /* What was tested is not what is typed any more. */
  forget_test (self);
  if (!self->busy)
    show_result (self, NULL, FALSE);
}

static void
cancel_work (NdPreferencesWindow *self)
{
  g_cancellable_cancel (self->cancellable);
  g_clear_object (&self->cancellable);
  if (self->authorization != NULL)
    nd_wp_authorization_stop (self->authorization);
  g_clear_object (&self->authorization);
  g_clear_object (&self->remote);
  gtk_widget_set_visible (self->authorize_spinner, FALSE);
  gtk_spinner_set_spinning (GTK_SPINNER (self->authorize_spinner), FALSE);
  gtk_widget_set_visible (self->authorize_cancel_button, FALSE);
  set_busy (self, FALSE);
}

static void
on_back_clicked_cb (NdPreferencesWindow *self)
{
  cancel_work (self);
  adw_preferences_window_close_subpage (ADW_PREFERENCES_WINDOW (self));
}

/**
 * nd_preferences_describe_remote_error:
 * @error: an error of a test or a sync
 *
 * Says what went wrong talking to a site in one plain sentence.
 *
 * Returns: (transfer full): the sentence
 */
char *
nd_preferences_describe_remote_error (const GError *error)
{
  g_return_val_if_fail (error != NULL, NULL);

  if (error->domain == ND_REMOTE_ERROR)
    switch ((NdRemoteError) error->code)
      {
      case ND_REMOTE_ERROR_NOT_WORDPRESS:
        return g_strdup (_("There is no WordPress site at this address, or its REST API is turned off."));
      case ND_REMOTE_ERROR_AUTH_FAILED:
        return g_strdup (_("WordPress refused this user name or application password."));
      case ND_REMOTE_ERROR_NETWORK:
        return g_strdup (_("The site could not be reached. Check the address and the network connection."));
      case ND_REMOTE_ERROR_TLS:
        return g_strdup (_("The site’s security certificate was refused, so nothing was sent to it."));
      case ND_REMOTE_ERROR_TIMEOUT:
        return g_strdup (_("The site did not answer in time. Try again later."));
      case ND_REMOTE_ERROR_SERVER:
      case ND_REMOTE_ERROR_RATE_LIMITED:
        return g_strdup (_("The site answered with a server error. Try again later."));
      case ND_REMOTE_ERROR_INSECURE_URL:
        return g_strdup (_("Plain http:// is only used for this computer. Use the site’s https:// address."));
      case ND_REMOTE_ERROR_INVALID_URL:
        return g_strdup (_("This is not a web address. Type it like https://example.com."));
      case ND_REMOTE_ERROR_FORBIDDEN:
        return g_strdup (_("This user may not write posts on the site."));
      case ND_REMOTE_ERROR_NOT_FOUND:
      case ND_REMOTE_ERROR_TERM_EXISTS:
      case ND_REMOTE_ERROR_MALFORMED:
      case ND_REMOTE_ERROR_TOO_LARGE:
      case ND_REMOTE_ERROR_CANCELLED:
      default:
        break;
      }

  if (error->domain == ND_WP_AUTHORIZATION_ERROR)
    switch ((NdWpAuthorizationError) error->code)
      {
      case ND_WP_AUTHORIZATION_ERROR_REJECTED:
        return g_strdup (_("Newsdesk was not approved in the browser; nothing was changed."));
      case ND_WP_AUTHORIZATION_ERROR_UNAVAILABLE:
        return g_strdup (_("This site does not offer application passwords: they need https:// or may be turned off."));
      case ND_WP_AUTHORIZATION_ERROR_TIMED_OUT:
        return g_strdup (_("No approval came from the browser in time. Try again."));
      case ND_WP_AUTHORIZATION_ERROR_INSECURE_URL:
        return g_strdup (_("Plain http:// is only used for this computer. Use the site’s https:// address."));
      case ND_WP_AUTHORIZATION_ERROR_INVALID_URL:
        return g_strdup (_("This is not a web address. Type it like https://example.com."));
      case ND_WP_AUTHORIZATION_ERROR_MALFORMED:
      case ND_WP_AUTHORIZATION_ERROR_FAILED:
      default:
        break;
      }

  return g_strdup (error->message);
}

static gboolean
is_cancelled (const GError *error)
{
  return g_error_matches (error, G_IO_ERROR, G_IO_ERROR_CANCELLED) ||
         g_error_matches (error, ND_REMOTE_ERROR, ND_REMOTE_ERROR_CANCELLED);
}

static void
test_failed (NdPreferencesWindow *self,
             const GError        *error)
{
  g_autofree char *sentence = nd_preferences_describe_remote_error (error);

  g_clear_object (&self->remote);
  show_result (self, sentence, FALSE);
  set_busy (self, FALSE);
}

static void
on_settings_cb (GObject      *object,
                GAsyncResult *result,
                gpointer      user_data)
{
  g_autoptr(NdPreferencesWindow) self = user_data;
  g_autoptr(GError) error = NULL;
  g_autoptr(NdWpSiteInfo) settings = nd_remote_get_settings_finish (ND_REMOTE (object), result, &error);
  NdWpUser *user = g_object_get_data (G_OBJECT (object), "nd-user");
  g_autofree char *zone = NULL;
  g_autofree char *sentence = NULL;

  if (is_cancelled (error))
    return;

  /* Only administrators may read /wp/v2/settings; for the others the time
   * zone of the REST index, read by discovery, has to do. */
  if (settings == NULL && !g_error_matches (error, ND_REMOTE_ERROR, ND_REMOTE_ERROR_FORBIDDEN))
    {
      test_failed (self, error);
      return;
    }

  if (settings != NULL)
    {
      if (settings->name != NULL && *settings->name != '\0')
        {
          g_free (self->tested_info->name);
          self->tested_info->name = g_strdup (settings->name);
        }
      g_free (self->tested_info->timezone_string);
      self->tested_info->timezone_string = g_strdup (settings->timezone_string);
      self->tested_info->gmt_offset = settings->gmt_offset;
    }

  zone = site_time_zone (self->tested_info);
  /* Translators: the answer of a successful connection test: the site's
   * name, the user's display name and the site's time zone */
  sentence = g_strdup_printf (_("Connected to “%s” as %s; time zone %s."),
                              self->tested_info->name != NULL ? self->tested_info->name : "",
                              user->name != NULL && *user->name != '\0' ? user->name : user->slug,
                              zone);
  if (!user->can_publish)
    {
      g_autofree char *with_warning =
        g_strconcat (sentence, " ",
                     _("This user may not publish: scheduled editions will wait on the site as pending posts."),
                     NULL);
      g_free (sentence);
      sentence = g_steal_pointer (&with_warning);
    }

  g_clear_object (&self->remote);
  show_result (self, sentence, TRUE);
  set_busy (self, FALSE);
}

static void
on_check_auth_cb (GObject      *object,
                  GAsyncResult *result,
                  gpointer      user_data)
{
  g_autoptr(NdPreferencesWindow) self = user_data;
  g_autoptr(GError) error = NULL;
  NdWpUser *user = nd_remote_check_auth_finish (ND_REMOTE (object), result, &error);

  if (is_cancelled (error))
    return;
  if (user == NULL)
    {
      forget_test (self);
      test_failed (self, error);
      return;
    }

  g_object_set_data_full (object, "nd-user", user, (GDestroyNotify) nd_wp_user_free);
  nd_remote_get_settings_async (ND_REMOTE (object), self->cancellable, on_settings_cb, g_object_ref (self));
}

static void
on_discover_cb (GObject      *object,
                GAsyncResult *result,
                gpointer      user_data)
{
  g_autoptr(NdPreferencesWindow) self = user_data;
  g_autoptr(GError) error = NULL;
  NdWpSiteInfo *info = nd_remote_discover_finish (ND_REMOTE (object), result, &error);

  if (is_cancelled (error))
    return;
  if (info == NULL)
    {
      test_failed (self, error);
      return;
    }

  forget_test (self);
  self->tested_info = info;
  nd_remote_check_auth_async (ND_REMOTE (object), self->cancellable, on_check_auth_cb, g_object_ref (self));
}

static void
test_connection (NdPreferencesWindow *self)
{
  g_autoptr(GError) error = NULL;
  g_autofree char *url = g_strstrip (g_strdup (gtk_editable_get_text (GTK_EDITABLE (self->url_row))));
  g_autofree char *user = g_strstrip (g_strdup (gtk_editable_get_text (GTK_EDITABLE (self->user_row))));
  const char *password = gtk_editable_get_text (GTK_EDITABLE (self->password_row));
  g_autofree char *stored = NULL;
  NdWordpressRemote *remote;

  if (*url == '\0')
    {
      show_result (self, _("Type the site’s address first."), FALSE);
      return;
    }
  if (*user == '\0' || (*password == '\0' && self->editing == NULL))
    {
      show_result (self, _("Type the user name and the application password, or connect through WordPress."), FALSE);
      return;
    }

  /* Editing a site with the password left empty tests the stored one. The
   * keyring is asked on a worker thread by libsecret's sync call only here,
   * where the editor asked for a test and waits for it anyway. */
  if (*password == '\0')
    {
      stored = nd_account_lookup_password_sync (nd_site_get_url (self->editing),
                                                nd_site_get_username (self->editing), NULL);
      if (stored == NULL)
        {
          show_result (self, _("No password is stored for this site. Type the application password."), FALSE);
          return;
        }
      password = stored;
    }

  cancel_work (self);
  forget_test (self);
  remote = nd_wordpress_remote_new (url, user, password, &error);
  if (remote == NULL)
    {
      test_failed (self, error);
      return;
    }

  self->remote = ND_REMOTE (remote);
  self->cancellable = g_cancellable_new ();
  show_result (self, NULL, FALSE);
  set_busy (self, TRUE);
  nd_remote_discover_async (self->remote, self->cancellable, on_discover_cb, g_object_ref (self));
}

static void
on_test_activated_cb (NdPreferencesWindow *self)
{
  test_connection (self);
}

static void
on_approval_cb (GObject      *object,
                GAsyncResult *result,
                gpointer      user_data)
{
  g_autoptr(NdPreferencesWindow) self = user_data;
  g_autoptr(GError) error = NULL;
  g_autoptr(NdWpApproval) approval = nd_wp_authorization_wait_finish (ND_WP_AUTHORIZATION (object), result, &error);

  if (is_cancelled (error))
    return;

  g_clear_object (&self->authorization);
  gtk_widget_set_visible (self->authorize_spinner, FALSE);
  gtk_spinner_set_spinning (GTK_SPINNER (self->authorize_spinner), FALSE);
  gtk_widget_set_visible (self->authorize_cancel_button, FALSE);
  set_busy (self, FALSE);

  if (approval == NULL)
    {
      g_autofree char *sentence = nd_preferences_describe_remote_error (error);

      show_result (self, sentence, FALSE);
      return;
    }

  gtk_editable_set_text (GTK_EDITABLE (self->user_row), approval->user_login);
  gtk_editable_set_text (GTK_EDITABLE (self->password_row), approval->password);
  gtk_window_present (GTK_WINDOW (self));
  test_connection (self);
}

/* Without a browser the approval can still be done: the address is given
 * to open by hand, and the approval keeps waiting. */
static void
on_browser_launched_cb (GObject      *object,
                        GAsyncResult *result,
                        gpointer      user_data)
{
  g_autoptr(NdPreferencesWindow) self = user_data;
  g_autoptr(GError) error = NULL;
  g_autofree char *sentence = NULL;

  if (g_app_info_launch_default_for_uri_finish (result, &error) || is_cancelled (error) ||
      self->authorization == NULL)
    return;

  g_debug ("No browser for the approval page: %s", error->message);
  /* Translators: %s is the address of WordPress's approval page */
  sentence = g_strdup_printf (_("No browser could be opened. Open this address in a browser to approve Newsdesk: %s"),
                              nd_wp_authorization_get_authorize_url (self->authorization));
  show_result (self, sentence, TRUE);
}

/* A site that is not on this computer answers through Newsdesk's URI
 * scheme, which needs the installed desktop file that registers Newsdesk
 * for it; a build run from its source tree has none. */
static gboolean
answer_can_come_back (NdWpAuthorization *authorization)
{
  g_autoptr(GAppInfo) handler = NULL;

  if (!nd_wp_authorization_is_answer_uri (nd_wp_authorization_get_callback_url (authorization)))
    return TRUE;

  handler = g_app_info_get_default_for_uri_scheme (nd_wp_authorization_get_uri_scheme ());
  return handler != NULL;
}

static void
on_authorize_activated_cb (NdPreferencesWindow *self)
{
  g_autoptr(GError) error = NULL;
  g_autoptr(GdkAppLaunchContext) context = NULL;
  g_autofree char *url = g_strstrip (g_strdup (gtk_editable_get_text (GTK_EDITABLE (self->url_row))));
  const char *authorize_url;

  if (self->authorization != NULL)
    return;
  if (*url == '\0')
    {
      show_result (self, _("Type the site’s address first."), FALSE);
      return;
    }

  cancel_work (self);
  self->authorization = nd_wp_authorization_new (url, NULL);
  authorize_url = nd_wp_authorization_start (self->authorization, &error);
  if (authorize_url == NULL)
    {
      g_autofree char *sentence = nd_preferences_describe_remote_error (error);

      g_clear_object (&self->authorization);
      show_result (self, sentence, FALSE);
      return;
    }

  self->cancellable = g_cancellable_new ();
  set_busy (self, TRUE);
  gtk_widget_set_visible (self->authorize_spinner, TRUE);
  gtk_spinner_set_spinning (GTK_SPINNER (self->authorize_spinner), TRUE);
  gtk_widget_set_visible (self->authorize_cancel_button, TRUE);
  if (answer_can_come_back (self->authorization))
    show_result (self, _("Waiting for the approval in the browser…"), TRUE);
  else
    show_result (self, _("Waiting for the approval in the browser… Newsdesk is not installed as the "
                         "receiver of the browser’s answer, so none may come; paste an application "
                         "password instead if it does not."), FALSE);
  nd_wp_authorization_wait_async (self->authorization, self->cancellable, on_approval_cb, g_object_ref (self));
  context = gdk_display_get_app_launch_context (gtk_widget_get_display (GTK_WIDGET (self)));
  g_app_info_launch_default_for_uri_async (authorize_url, G_APP_LAUNCH_CONTEXT (context), self->cancellable,
                                           on_browser_launched_cb, g_object_ref (self));
}

static void
on_authorize_cancel_clicked_cb (NdPreferencesWindow *self)
{
  cancel_work (self);
  show_result (self, NULL, FALSE);
}

/* Saving ---------------------------------------------------------------------- */

static void
saved (NdPreferencesWindow *self,
       NdSite              *site)
{
  g_autofree char *message = NULL;

  set_busy (self, FALSE);
  g_clear_pointer (&self->result, g_free);
  adw_preferences_window_close_subpage (ADW_PREFERENCES_WINDOW (self));
  /* Translators: %s is a site's name */
  message = g_strdup_printf (_("“%s” saved"), site_title (site));
  adw_preferences_window_add_toast (ADW_PREFERENCES_WINDOW (self), adw_toast_new (message));
  g_object_notify_by_pspec (G_OBJECT (self), properties[PROP_RESULT]);
}

static void
on_password_stored_cb (GObject      *object,
                       GAsyncResult *result,
                       gpointer      user_data)
{
  g_autoptr(GTask) task = user_data;
  NdPreferencesWindow *self = g_task_get_source_object (task);
  NdSite *site = g_task_get_task_data (task);
  g_autoptr(GError) error = NULL;

  if (!nd_account_store_password_finish (result, &error))
    {
      g_autofree char *sentence = NULL;

      if (is_cancelled (error))
        return;
      /* Translators: %s is the keyring's own error */
      sentence = g_strdup_printf (_("The site was saved, but its password could not be kept in the keyring: %s"),
                                  error->message);
      set_busy (self, FALSE);
      show_result (self, sentence, FALSE);
      return;
    }

  saved (self, site);
}

/**
 * nd_preferences_window_save_site:
 * @self: a #NdPreferencesWindow
 *
 * Saves the site being edited: its row in the database (with the name and
 * time zone of the last successful test) and its password in the keyring.
 * The subpage closes when both are done; a failure is told on it.
 */
void
nd_preferences_window_save_site (NdPreferencesWindow *self)
{
  g_autoptr(GError) error = NULL;
  g_autofree char *url = NULL;
  g_autofree char *user = NULL;
  g_autofree char *old_url = NULL;
  g_autofree char *old_user = NULL;
  g_autoptr(NdSite) site = NULL;
  const char *password;
  GTask *task;
  gboolean moved;

  g_return_if_fail (ND_IS_PREFERENCES_WINDOW (self));

  url = g_strstrip (g_strdup (gtk_editable_get_text (GTK_EDITABLE (self->url_row))));
  user = g_strstrip (g_strdup (gtk_editable_get_text (GTK_EDITABLE (self->user_row))));
  password = gtk_editable_get_text (GTK_EDITABLE (self->password_row));

  if (*url == '\0' || *user == '\0')
    {
      show_result (self, _("A site needs its address and a user name."), FALSE);
      return;
    }

  if (self->editing != NULL)
    {
      site = nd_site_copy (self->editing);
      old_url = g_strdup (nd_site_get_url (site));
      old_user = g_strdup (nd_site_get_username (site));
    }
  else
    site = nd_site_new ();

  moved = old_url == NULL || g_strcmp0 (old_url, url) != 0 || g_strcmp0 (old_user, user) != 0;
  if (*password == '\0' && moved)
    {
      show_result (self, _("Type the application password, or connect through WordPress."), FALSE);
      return;
    }

  nd_site_set_url (site, url);
  nd_site_set_username (site, user);
  if (self->tested_info != NULL)
    {
      g_autofree char *zone = site_time_zone (self->tested_info);

      if (self->tested_info->name != NULL && *self->tested_info->name != '\0')
        nd_site_set_name (site, self->tested_info->name);
      nd_site_set_timezone (site, zone);
      nd_site_set_has_batch (site, self->tested_info->has_batch);
      nd_site_set_has_polylang (site, self->tested_info->has_polylang);
      nd_site_set_has_plugin (site, self->tested_info->has_newsdesk_plugin);
    }
  if (nd_site_get_name (site) == NULL || *nd_site_get_name (site) == '\0')
    {
      g_autofree char *host = host_of (url);

      nd_site_set_name (site, host);
    }

  if (self->editing != NULL ? !nd_sync_store_update_site (self->sync_store, site, &error)
                            : !nd_sync_store_add_site (self->sync_store, site, &error))
    {
      show_result (self, error->message, FALSE);
      return;
    }

  /* The site may have moved to another address or user: its old keyring
   * item would only be left behind. */
  if (self->editing != NULL && moved)
    nd_account_clear_password_async (old_url, old_user, NULL, on_password_cleared_cb, NULL);

  g_set_object (&self->editing, site);

  if (*password == '\0')
    {
      saved (self, site);
      return;
    }

  cancel_work (self);
  self->cancellable = g_cancellable_new ();
  set_busy (self, TRUE);
  task = g_task_new (self, self->cancellable, NULL, NULL);
  g_task_set_source_tag (task, nd_preferences_window_save_site);
  g_task_set_task_data (task, g_object_ref (site), g_object_unref);
  /* The store may have tidied the address (trailing slashes): the keyring
   * item is found by the address as the database has it. */
  nd_account_store_password_async (nd_site_get_url (site), nd_site_get_username (site), password,
                                   self->cancellable, on_password_stored_cb, task);
}

static void
on_save_clicked_cb (NdPreferencesWindow *self)
{
  nd_preferences_window_save_site (self);
}

static void
on_add_site_clicked_cb (NdPreferencesWindow *self)
{
  nd_preferences_window_edit_site (self, 0);
}

/* Overrides ------------------------------------------------------------------ */

static void
nd_preferences_window_dispose (GObject *object)
{
  NdPreferencesWindow *self = (NdPreferencesWindow *)object;

  g_cancellable_cancel (self->cancellable);
  g_clear_object (&self->cancellable);
  if (self->authorization != NULL)
    nd_wp_authorization_stop (self->authorization);
  g_clear_object (&self->authorization);
  g_clear_object (&self->remote);
  if (self->sync_store != NULL)
    g_signal_handlers_disconnect_by_data (self->sync_store, self);
  g_clear_object (&self->sync_store);
  g_clear_object (&self->stories);
  g_clear_object (&self->editing);

  gtk_widget_dispose_template (GTK_WIDGET (self), ND_TYPE_PREFERENCES_WINDOW);

  G_OBJECT_CLASS (nd_preferences_window_parent_class)->dispose (object);
}

static void
nd_preferences_window_finalize (GObject *object)
{
  NdPreferencesWindow *self = (NdPreferencesWindow *)object;

  g_clear_pointer (&self->tested_info, nd_wp_site_info_free);
  g_clear_pointer (&self->site_ids, g_array_unref);
  g_clear_pointer (&self->result, g_free);

  G_OBJECT_CLASS (nd_preferences_window_parent_class)->finalize (object);
}

static void
nd_preferences_window_get_property (GObject    *object,
                                    guint       prop_id,
                                    GValue     *value,
                                    GParamSpec *pspec)
{
  NdPreferencesWindow *self = ND_PREFERENCES_WINDOW (object);

  switch (prop_id)
    {
    case PROP_BUSY:
      g_value_set_boolean (value, self->busy);
      break;

    case PROP_RESULT:
      g_value_set_string (value, self->result);
      break;

    default:
      G_OBJECT_WARN_INVALID_PROPERTY_ID (object, prop_id, pspec);
    }
}

static void
nd_preferences_window_class_init (NdPreferencesWindowClass *klass)
{
  GObjectClass *object_class = G_OBJECT_CLASS (klass);
  GtkWidgetClass *widget_class = GTK_WIDGET_CLASS (klass);

  object_class->dispose = nd_preferences_window_dispose;
  object_class->finalize = nd_preferences_window_finalize;
  object_class->get_property = nd_preferences_window_get_property;

  /**
   * NdPreferencesWindow:busy:
   *
   * Whether a connection test, an approval or a save is running.
   */
  properties[PROP_BUSY] =
    g_param_spec_boolean ("busy", NULL, NULL, FALSE,
                          G_PARAM_READABLE | G_PARAM_EXPLICIT_NOTIFY | G_PARAM_STATIC_STRINGS);

  /**
   * NdPreferencesWindow:result:
   *
   * The sentence the last test, approval or save answered with, or %NULL.
   */
  properties[PROP_RESULT] =
    g_param_spec_string ("result", NULL, NULL, NULL,
                         G_PARAM_READABLE | G_PARAM_EXPLICIT_NOTIFY | G_PARAM_STATIC_STRINGS);

  g_object_class_install_properties (object_class, N_PROPS, properties);

  gtk_widget_class_set_template_from_resource (widget_class, "/io/github/newsdesk/Newsdesk/nd-preferences-window.ui");
  gtk_widget_class_bind_template_child (widget_class, NdPreferencesWindow, sites_list);
  gtk_widget_class_bind_template_child (widget_class, NdPreferencesWindow, languages_list);
  gtk_widget_class_bind_template_child (widget_class, NdPreferencesWindow, site_page);
  gtk_widget_class_bind_template_child (widget_class, NdPreferencesWindow, site_page_title);
  gtk_widget_class_bind_template_child (widget_class, NdPreferencesWindow, save_button);
  gtk_widget_class_bind_template_child (widget_class, NdPreferencesWindow, back_button);
  gtk_widget_class_bind_template_child (widget_class, NdPreferencesWindow, url_row);
  gtk_widget_class_bind_template_child (widget_class, NdPreferencesWindow, user_row);
  gtk_widget_class_bind_template_child (widget_class, NdPreferencesWindow, password_row);
  gtk_widget_class_bind_template_child (widget_class, NdPreferencesWindow, authorize_row);
  gtk_widget_class_bind_template_child (widget_class, NdPreferencesWindow, authorize_spinner);
  gtk_widget_class_bind_template_child (widget_class, NdPreferencesWindow, authorize_cancel_button);
  gtk_widget_class_bind_template_child (widget_class, NdPreferencesWindow, test_row);
  gtk_widget_class_bind_template_child (widget_class, NdPreferencesWindow, test_spinner);
  gtk_widget_class_bind_template_child (widget_class, NdPreferencesWindow, result_label);
  gtk_widget_class_bind_template_callback (widget_class, on_add_site_clicked_cb);
  gtk_widget_class_bind_template_callback (widget_class, on_back_clicked_cb);
  gtk_widget_class_bind_template_callback (widget_class, on_save_clicked_cb);
  gtk_widget_class_bind_template_callback (widget_class, on_field_changed_cb);
  gtk_widget_class_bind_template_callback (widget_class, on_authorize_activated_cb);
  gtk_widget_class_bind_template_callback (widget_class, on_authorize_cancel_clicked_cb);
  gtk_widget_class_bind_template_callback (widget_class, on_test_activated_cb);
}

static void
nd_preferences_window_init (NdPreferencesWindow *self)
{
  self->site_ids = g_array_new (FALSE, FALSE, sizeof (gint64));

  gtk_widget_init_template (GTK_WIDGET (self));
}

/* Public API ----------------------------------------------------------------- */

/**
 * nd_preferences_window_new:
 * @parent: (nullable): the window it belongs to
 * @stories: the story store, for the publication's languages
 * @sync_store: the sync store the sites are kept in
 *
 * Returns: (transfer full): a new #NdPreferencesWindow
 */
NdPreferencesWindow *
nd_preferences_window_new (GtkWindow    *parent,
                           NdStoryStore *stories,
                           NdSyncStore  *sync_store)
{
  NdPreferencesWindow *self;

  g_return_val_if_fail (parent == NULL || GTK_IS_WINDOW (parent), NULL);
  g_return_val_if_fail (ND_IS_STORY_STORE (stories), NULL);
  g_return_val_if_fail (ND_IS_SYNC_STORE (sync_store), NULL);

  self = g_object_new (ND_TYPE_PREFERENCES_WINDOW,
                       "transient-for", parent,
                       NULL);
  self->stories = g_object_ref (stories);
  self->sync_store = g_object_ref (sync_store);
  g_signal_connect_object (sync_store, "site-changed", G_CALLBACK (on_site_changed_cb), self, G_CONNECT_SWAPPED);
  reload (self);

  return self;
}

/**
 * nd_preferences_window_edit_site:
 * @self: a #NdPreferencesWindow
 * @site_id: the site to edit, or 0 to add one
 *
 * Opens the site editor. The stored password is not shown: left empty, it
 * stays as it is.
 */
void
nd_preferences_window_edit_site (NdPreferencesWindow *self,
                                 gint64               site_id)
{
  g_autoptr(NdSite) site = NULL;

  g_return_if_fail (ND_IS_PREFERENCES_WINDOW (self));

  if (site_id > 0)
    {
      site = nd_sync_store_get_site (self->sync_store, site_id, NULL);
      g_return_if_fail (site != NULL);
    }

  cancel_work (self);
  forget_test (self);
  g_set_object (&self->editing, site);

  self->filling = TRUE;
  gtk_editable_set_text (GTK_EDITABLE (self->url_row), site != NULL ? nd_site_get_url (site) : "");
  gtk_editable_set_text (GTK_EDITABLE (self->user_row), site != NULL ? nd_site_get_username (site) : "");
  gtk_editable_set_text (GTK_EDITABLE (self->password_row), "");
  self->filling = FALSE;
  show_result (self, NULL, FALSE);

  adw_window_title_set_title (self->site_page_title, site != NULL ? site_title (site) : _("New Site"));
  adw_window_title_set_subtitle (self->site_page_title,
                                 site != NULL ? _("Leave the password empty to keep the stored one") : NULL);
  adw_preferences_window_present_subpage (ADW_PREFERENCES_WINDOW (self), self->site_page);
  gtk_widget_grab_focus (site != NULL ? GTK_WIDGET (self->password_row) : GTK_WIDGET (self->url_row));
}

/**
 * nd_preferences_window_test_connection:
 * @self: a #NdPreferencesWindow
 *
 * Tests the address, user and password of the site editor: discovery, the
 * user check and the settings, one after the other, in the background.
 * #NdPreferencesWindow:busy is %TRUE meanwhile; the answer is
 * #NdPreferencesWindow:result.
 */
void
nd_preferences_window_test_connection (NdPreferencesWindow *self)
{
  g_return_if_fail (ND_IS_PREFERENCES_WINDOW (self));

  test_connection (self);
}

/**
 * nd_preferences_window_remove_site:
 * @self: a #NdPreferencesWindow
 * @site_id: a site
 *
 * Asks whether to remove the site; its "remove" response removes it from
 * the database and its password from the keyring.
 *
 * Returns: (transfer none): the question
 */
AdwMessageDialog *
nd_preferences_window_remove_site (NdPreferencesWindow *self,
                                   gint64               site_id)
{
  g_autoptr(NdSite) site = NULL;
  AdwMessageDialog *dialog;
  g_autofree char *heading = NULL;

  g_return_val_if_fail (ND_IS_PREFERENCES_WINDOW (self), NULL);

  site = nd_sync_store_get_site (self->sync_store, site_id, NULL);
  g_return_val_if_fail (site != NULL, NULL);

  /* Translators: %s is a site's name */
  heading = g_strdup_printf (_("Remove “%s”?"), site_title (site));
  dialog = ADW_MESSAGE_DIALOG (adw_message_dialog_new (GTK_WINDOW (self), heading,
                                                       _("Newsdesk forgets the site, its password and which posts belong to which editions. Nothing is deleted on the site or in your stories.")));
  adw_message_dialog_add_responses (dialog,
                                    "cancel", _("_Cancel"),
                                    "remove", _("_Remove"),
                                    NULL);
  adw_message_dialog_set_response_appearance (dialog, "remove", ADW_RESPONSE_DESTRUCTIVE);
  adw_message_dialog_set_default_response (dialog, "cancel");
  adw_message_dialog_set_close_response (dialog, "cancel");
  g_object_set_data_full (G_OBJECT (dialog), "site-id", g_memdup2 (&site_id, sizeof site_id), g_free);
  g_signal_connect_object (dialog, "response", G_CALLBACK (on_remove_response_cb), self, 0);
  gtk_window_present (GTK_WINDOW (dialog));

  return dialog;
}

/**
 * nd_preferences_window_get_approval_url:
 * @self: a #NdPreferencesWindow
 *
 * Returns: (nullable): the address of WordPress's approval page while an
 *   approval waits for the browser, or %NULL
 */
const char *
nd_preferences_window_get_approval_url (NdPreferencesWindow *self)
{
  g_return_val_if_fail (ND_IS_PREFERENCES_WINDOW (self), NULL);

  return self->authorization != NULL ? nd_wp_authorization_get_authorize_url (self->authorization) : NULL;
}

gboolean
nd_preferences_window_get_busy (NdPreferencesWindow *self)
{
  g_return_val_if_fail (ND_IS_PREFERENCES_WINDOW (self), FALSE);

  return self->busy;
}

const char *
nd_preferences_window_get_result (NdPreferencesWindow *self)
{
  g_return_val_if_fail (ND_IS_PREFERENCES_WINDOW (self), NULL);

  return self->result;
}
