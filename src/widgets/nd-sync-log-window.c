/* nd-sync-log-window.c
 *
 * SPDX-License-Identifier: GPL-3.0-or-later
 */

#define G_LOG_DOMAIN "newsdesk-sync-ui"

#include "config.h"

#include <glib/gi18n.h>

#include "nd-sync-log-window.h"

/**
 * NdSyncLogWindow:
 *
 * The sync log, newest first: when, which site, which story, and what
 * happened in plain words. It follows #NdSyncStore::log-appended while it
 * is open.
 *
 * The log keeps up to %ND_SYNC_LOG_MAX_ROWS lines, so the list is a
 * #GtkListView that only makes rows for what is on screen. Its model holds
 * the entries' ids as strings; the entries themselves, and the headlines and
 * site names they name (looked up when a row is first shown), are kept in
 * tables here.
 */
struct _NdSyncLogWindow
{
  AdwWindow        parent_instance;

  NdStoryStore    *stories;
  NdSyncStore     *sync_store;
  GtkStringList   *ids;          /* newest first */
  GHashTable      *entries;      /* id → NdSyncLogEntry */
  GHashTable      *headlines;    /* edition id → headline */
  GHashTable      *site_names;   /* site id → name */
  gint64           newest_id;

  GtkStack        *stack;
  GtkListView     *list_view;
};

G_DEFINE_FINAL_TYPE (NdSyncLogWindow, nd_sync_log_window, ADW_TYPE_WINDOW)

/* How many lines are read at a time when new ones are announced. */
#define APPEND_BATCH 50

static gint64 *
int64_key (gint64 value)
{
  return g_memdup2 (&value, sizeof value);
}

static char *
format_time (gint64 at)
{
  g_autoptr(GDateTime) when = g_date_time_new_from_unix_local (at / G_USEC_PER_SEC);
  g_autoptr(GDateTime) now = g_date_time_new_now_local ();

  if (when == NULL)
    return g_strdup ("");

  if (g_date_time_get_year (when) == g_date_time_get_year (now) &&
      g_date_time_get_day_of_year (when) == g_date_time_get_day_of_year (now))
    /* Translators: the time of a sync log line from today; see
     * g_date_time_format() */
    return g_date_time_format (when, C_("sync log time", "%H:%M:%S"));

  /* Translators: the date and time of an older sync log line; see
   * g_date_time_format() */
  return g_date_time_format (when, C_("sync log time", "%-d %b %Y, %H:%M"));
}

static const char *
site_name (NdSyncLogWindow *self,
           gint64           site_id)
{
  const char *name;

  if (site_id <= 0)
    return "";

  name = g_hash_table_lookup (self->site_names, &site_id);
  if (name == NULL)
    {
      g_autoptr(NdSite) site = nd_sync_store_get_site (self->sync_store, site_id, NULL);
      char *found;

      if (site == NULL)
        found = g_strdup (_("Removed site"));
      else if (nd_site_get_name (site) != NULL && *nd_site_get_name (site) != '\0')
        found = g_strdup (nd_site_get_name (site));
      else
        found = g_strdup (nd_site_get_url (site));
      name = found;
      g_hash_table_insert (self->site_names, int64_key (site_id), found);
    }

  return name;
}

static const char *
edition_headline (NdSyncLogWindow *self,
                  gint64           edition_id)
{
  const char *headline;

  if (edition_id <= 0)
    return "";

  headline = g_hash_table_lookup (self->headlines, &edition_id);
  if (headline == NULL)
    {
      g_autoptr(NdEdition) edition = nd_story_store_load_edition_by_id (self->stories, edition_id, NULL);
      char *found;

      if (edition == NULL)
        found = g_strdup (_("Deleted story"));
      else if (nd_edition_get_headline (edition) != NULL && *nd_edition_get_headline (edition) != '\0')
        found = g_strdup (nd_edition_get_headline (edition));
      else
        found = g_strdup (_("Untitled"));
      headline = found;
      g_hash_table_insert (self->headlines, int64_key (edition_id), found);
    }

  return headline;
}

static NdSyncLogEntry *
entry_at (NdSyncLogWindow *self,
          guint            position)
{
  const char *id = gtk_string_list_get_string (self->ids, position);
  gint64 key;

  if (id == NULL)
    return NULL;
  key = g_ascii_strtoll (id, NULL, 10);
  return g_hash_table_lookup (self->entries, &key);
}

static const char *
level_icon (NdSyncLogLevel level)
{
  switch (level)
    {
    case ND_SYNC_LOG_WARNING:
      return "dialog-warning-symbolic";
    case ND_SYNC_LOG_ERROR:
      return "dialog-error-symbolic";
    case ND_SYNC_LOG_INFO:
    default:
      return "emblem-ok-symbolic";
    }
}

static const char *
level_words (NdSyncLogLevel level)
{
  switch (level)
    {
    case ND_SYNC_LOG_WARNING:
      return _("Warning");
    case ND_SYNC_LOG_ERROR:
      return _("Error");
    case ND_SYNC_LOG_INFO:
    default:
      return _("Done");
    }
}

/* Reads the lines newer than those shown, newest first, and puts them on
 * top. Several lines may be announced at once when a pass commits them in
 * one transaction, so this reads until it meets a line already shown. */
static void
load_newer (NdSyncLogWindow *self)
{
  g_autoptr(GPtrArray) fresh = g_ptr_array_new ();
  g_autoptr(GError) error = NULL;
  g_autoptr(GPtrArray) rows = NULL;
  guint limit = APPEND_BATCH;
  gint64 newest = self->newest_id;

  for (;;)
    {
      g_clear_pointer (&rows, g_ptr_array_unref);
      rows = nd_sync_store_list_log (self->sync_store, 0, self->newest_id == 0 ? ND_SYNC_LOG_MAX_ROWS : limit,
                                     &error);
      if (rows == NULL)
        {
          g_warning ("Could not read the sync log: %s", error->message);
          return;
        }
      if (rows->len < limit || self->newest_id == 0 ||
          ((NdSyncLogEntry *) g_ptr_array_index (rows, rows->len - 1))->id <= self->newest_id)
        break;
      limit *= 4;
    }

  for (guint i = 0; i < rows->len; i++)
    {
      NdSyncLogEntry *entry = g_ptr_array_index (rows, i);

      if (entry->id <= self->newest_id)
        break;
      newest = MAX (newest, entry->id);
      g_ptr_array_add (fresh, g_strdup_printf ("%" G_GINT64_FORMAT, entry->id));
      g_hash_table_insert (self->entries, int64_key (entry->id), g_steal_pointer (&rows->pdata[i]));
    }

  self->newest_id = newest;
  if (fresh->len > 0)
    {
      g_ptr_array_add (fresh, NULL);
      gtk_string_list_splice (self->ids, 0, 0, (const char * const *) fresh->pdata);
      for (guint i = 0; fresh->pdata[i] != NULL; i++)
        g_free (fresh->pdata[i]);
    }

  gtk_stack_set_visible_child_name (self->stack,
                                    g_list_model_get_n_items (G_LIST_MODEL (self->ids)) > 0 ? "log" : "empty");
}

static void
on_log_appended_cb (NdSyncLogWindow *self,
                    gint64           entry_id,
                    NdSyncStore     *store)
{
  if (entry_id > self->newest_id)
    load_newer (self);
}

static void
on_site_changed_cb (NdSyncLogWindow *self,
                    gint64           site_id,
                    NdSyncStore     *store)
{
  /* A renamed site is shown by its new name in rows made from now on. */
  g_hash_table_remove_all (self->site_names);
}

static void
setup_row_cb (GtkSignalListItemFactory *factory,
              GtkListItem              *item,
              gpointer                  user_data)
{
  GtkWidget *grid = gtk_grid_new ();
  GtkWidget *icon = gtk_image_new ();
  GtkWidget *time = gtk_label_new (NULL);
  GtkWidget *where = gtk_label_new (NULL);
  GtkWidget *message = gtk_label_new (NULL);

  gtk_grid_set_column_spacing (GTK_GRID (grid), 12);
  gtk_grid_set_row_spacing (GTK_GRID (grid), 2);
  gtk_widget_set_margin_top (grid, 6);
  gtk_widget_set_margin_bottom (grid, 6);
  gtk_widget_set_margin_start (grid, 12);
  gtk_widget_set_margin_end (grid, 12);

  gtk_widget_set_valign (icon, GTK_ALIGN_START);
  gtk_label_set_xalign (GTK_LABEL (time), 0);
  gtk_widget_set_valign (time, GTK_ALIGN_START);
  gtk_widget_add_css_class (time, "dim-label");
  gtk_widget_add_css_class (time, "numeric");
  gtk_label_set_xalign (GTK_LABEL (where), 0);
  gtk_label_set_ellipsize (GTK_LABEL (where), PANGO_ELLIPSIZE_END);
  gtk_widget_set_hexpand (where, TRUE);
  gtk_widget_add_css_class (where, "heading");
  gtk_label_set_xalign (GTK_LABEL (message), 0);
  gtk_label_set_wrap (GTK_LABEL (message), TRUE);
  gtk_label_set_wrap_mode (GTK_LABEL (message), PANGO_WRAP_WORD_CHAR);
  gtk_label_set_selectable (GTK_LABEL (message), FALSE);

  gtk_grid_attach (GTK_GRID (grid), icon, 0, 0, 1, 2);
  gtk_grid_attach (GTK_GRID (grid), time, 1, 0, 1, 1);
  gtk_grid_attach (GTK_GRID (grid), where, 2, 0, 1, 1);
  gtk_grid_attach (GTK_GRID (grid), message, 1, 1, 2, 1);

  gtk_list_item_set_child (item, grid);
  gtk_list_item_set_activatable (item, FALSE);
}

static void
bind_row_cb (GtkSignalListItemFactory *factory,
             GtkListItem              *item,
             gpointer                  user_data)
{
  NdSyncLogWindow *self = user_data;
  GtkWidget *grid = gtk_list_item_get_child (item);
  GtkWidget *icon = gtk_grid_get_child_at (GTK_GRID (grid), 0, 0);
  GtkWidget *time = gtk_grid_get_child_at (GTK_GRID (grid), 1, 0);
  GtkWidget *where = gtk_grid_get_child_at (GTK_GRID (grid), 2, 0);
  GtkWidget *message = gtk_grid_get_child_at (GTK_GRID (grid), 1, 1);
  g_autofree char *described = nd_sync_log_window_describe_entry (self, gtk_list_item_get_position (item));
  NdSyncLogEntry *entry = entry_at (self, gtk_list_item_get_position (item));
  g_autofree char *when = NULL;
  g_autofree char *place = NULL;
  const char *site, *headline;

  if (entry == NULL)
    return;

  site = site_name (self, entry->site_id);
  headline = edition_headline (self, entry->edition_id);
  when = format_time (entry->at);
  if (*site != '\0' && *headline != '\0')
    /* Translators: where a sync log line happened: a site and a story's
     * headline */
    place = g_strdup_printf (C_("sync log", "%s · %s"), site, headline);
  else
    place = g_strdup (*site != '\0' ? site : headline);

  gtk_image_set_from_icon_name (GTK_IMAGE (icon), level_icon (entry->level));
  gtk_label_set_text (GTK_LABEL (time), when);
  gtk_label_set_text (GTK_LABEL (where), place);
  gtk_label_set_text (GTK_LABEL (message), entry->message);
  gtk_widget_set_tooltip_text (icon, level_words (entry->level));
  gtk_accessible_update_property (GTK_ACCESSIBLE (grid), GTK_ACCESSIBLE_PROPERTY_LABEL, described, -1);
}

static void
nd_sync_log_window_dispose (GObject *object)
{
  NdSyncLogWindow *self = (NdSyncLogWindow *)object;

  if (self->sync_store != NULL)
    g_signal_handlers_disconnect_by_data (self->sync_store, self);
  g_clear_object (&self->stories);
  g_clear_object (&self->sync_store);

  gtk_widget_dispose_template (GTK_WIDGET (self), ND_TYPE_SYNC_LOG_WINDOW);

  G_OBJECT_CLASS (nd_sync_log_window_parent_class)->dispose (object);
}

static void
nd_sync_log_window_finalize (GObject *object)
{
  NdSyncLogWindow *self = (NdSyncLogWindow *)object;

  g_clear_object (&self->ids);
  g_clear_pointer (&self->entries, g_hash_table_unref);
  g_clear_pointer (&self->headlines, g_hash_table_unref);
  g_clear_pointer (&self->site_names, g_hash_table_unref);

  G_OBJECT_CLASS (nd_sync_log_window_parent_class)->finalize (object);
}

static void
nd_sync_log_window_class_init (NdSyncLogWindowClass *klass)
{
  GObjectClass *object_class = G_OBJECT_CLASS (klass);
  GtkWidgetClass *widget_class = GTK_WIDGET_CLASS (klass);

  object_class->dispose = nd_sync_log_window_dispose;
  object_class->finalize = nd_sync_log_window_finalize;

  gtk_widget_class_set_template_from_resource (widget_class, "/io/github/newsdesk/Newsdesk/nd-sync-log-window.ui");
  gtk_widget_class_bind_template_child (widget_class, NdSyncLogWindow, stack);
  gtk_widget_class_bind_template_child (widget_class, NdSyncLogWindow, list_view);

  gtk_widget_class_add_binding_action (widget_class, GDK_KEY_Escape, 0, "window.close", NULL);
}

static void
nd_sync_log_window_init (NdSyncLogWindow *self)
{
  GtkListItemFactory *factory;

  gtk_widget_init_template (GTK_WIDGET (self));

  self->ids = gtk_string_list_new (NULL);
  self->entries = g_hash_table_new_full (g_int64_hash, g_int64_equal, g_free,
                                         (GDestroyNotify) nd_sync_log_entry_free);
  self->headlines = g_hash_table_new_full (g_int64_hash, g_int64_equal, g_free, g_free);
  self->site_names = g_hash_table_new_full (g_int64_hash, g_int64_equal, g_free, g_free);

  factory = gtk_signal_list_item_factory_new ();
  g_signal_connect (factory, "setup", G_CALLBACK (setup_row_cb), self);
  g_signal_connect (factory, "bind", G_CALLBACK (bind_row_cb), self);
  gtk_list_view_set_factory (self->list_view, factory);
  g_object_unref (factory);
  gtk_list_view_set_model (self->list_view,
                           GTK_SELECTION_MODEL (gtk_no_selection_new (G_LIST_MODEL (g_object_ref (self->ids)))));
}

/**
 * nd_sync_log_window_new:
 * @parent: (nullable): the window it belongs to
 * @stories: the story store, for headlines
 * @sync_store: the sync store whose log is shown
 *
 * Returns: (transfer full): a new #NdSyncLogWindow showing the log
 */
NdSyncLogWindow *
nd_sync_log_window_new (GtkWindow    *parent,
                        NdStoryStore *stories,
                        NdSyncStore  *sync_store)
{
  NdSyncLogWindow *self;

  g_return_val_if_fail (parent == NULL || GTK_IS_WINDOW (parent), NULL);
  g_return_val_if_fail (ND_IS_STORY_STORE (stories), NULL);
  g_return_val_if_fail (ND_IS_SYNC_STORE (sync_store), NULL);

  self = g_object_new (ND_TYPE_SYNC_LOG_WINDOW,
                       "transient-for", parent,
                       NULL);
  self->stories = g_object_ref (stories);
  self->sync_store = g_object_ref (sync_store);
  g_signal_connect_object (sync_store, "log-appended", G_CALLBACK (on_log_appended_cb), self, G_CONNECT_SWAPPED);
  g_signal_connect_object (sync_store, "site-changed", G_CALLBACK (on_site_changed_cb), self, G_CONNECT_SWAPPED);
  load_newer (self);

  return self;
}

/**
 * nd_sync_log_window_get_n_entries:
 * @self: a #NdSyncLogWindow
 *
 * Returns: how many log lines the window lists
 */
guint
nd_sync_log_window_get_n_entries (NdSyncLogWindow *self)
{
  g_return_val_if_fail (ND_IS_SYNC_LOG_WINDOW (self), 0);

  return g_list_model_get_n_items (G_LIST_MODEL (self->ids));
}

/**
 * nd_sync_log_window_describe_entry:
 * @self: a #NdSyncLogWindow
 * @position: a line, 0 being the newest
 *
 * Says a line in words, as a screen reader reads it: level, time, site,
 * story and message.
 *
 * Returns: (transfer full) (nullable): the words, or %NULL past the end
 */
char *
nd_sync_log_window_describe_entry (NdSyncLogWindow *self,
                                   guint            position)
{
  NdSyncLogEntry *entry;
  g_autofree char *when = NULL;
  g_autoptr(GString) text = NULL;
  const char *site, *headline;

  g_return_val_if_fail (ND_IS_SYNC_LOG_WINDOW (self), NULL);

  entry = entry_at (self, position);
  if (entry == NULL)
    return NULL;

  when = format_time (entry->at);
  site = site_name (self, entry->site_id);
  headline = edition_headline (self, entry->edition_id);
  text = g_string_new (level_words (entry->level));
  g_string_append_printf (text, ", %s", when);
  if (*site != '\0')
    g_string_append_printf (text, ", %s", site);
  if (*headline != '\0')
    g_string_append_printf (text, ", %s", headline);
  g_string_append_printf (text, ": %s", entry->message);

  return g_string_free (g_steal_pointer (&text), FALSE);
}
