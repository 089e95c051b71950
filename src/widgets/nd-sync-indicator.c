/* nd-sync-indicator.c
 *
 * SPDX-License-Identifier: GPL-3.0-or-later
 */

#define G_LOG_DOMAIN "newsdesk-sync-ui"

#include "config.h"

#include <glib/gi18n.h>

#include "nd-sync-indicator.h"
#include "nd-sync-log-window.h"

/**
 * NdSyncIndicator:
 *
 * Sync at a glance, for the main window's header bar: a button whose icon
 * says the state (up to date, syncing with a spinner, offline, failed, or
 * the number of conflicts), and whose popover says it in words with the
 * changes waiting, when the last sync was, the last error, and the buttons
 * "Sync Now" (`app.sync-now`) and "Show Log".
 *
 * The indicator shows its own properties; nd_sync_indicator_set_engine()
 * binds them to a #NdSyncEngine's, which is all it needs of the engine. The
 * button's accessible label and tooltip say the state, so that a screen
 * reader (and a test) hears what the icon shows.
 */
struct _NdSyncIndicator
{
  GtkWidget     parent_instance;

  GObject      *engine;
  GPtrArray    *bindings;
  NdStoryStore *stories;
  NdSyncStore  *sync_store;

  NdSyncState   state;
  guint         pending;
  guint         conflicts;
  char         *last_error;
  gint64        last_synced_at;
  char         *label;

  GtkWidget    *button;
  GtkStack     *icon_stack;
  GtkImage     *icon;
  GtkSpinner   *spinner;
  GtkLabel     *count_label;
  GtkWidget    *popover;
  GtkLabel     *state_label;
  GtkLabel     *detail_label;
  GtkLabel     *pending_label;
  GtkLabel     *conflicts_label;
  GtkLabel     *synced_label;
  GtkLabel     *error_label;
  GtkWidget    *log_button;
  GtkWidget    *setup_button;
  GtkWidget    *sync_button;
};

G_DEFINE_FINAL_TYPE (NdSyncIndicator, nd_sync_indicator, GTK_TYPE_WIDGET)

enum {
  PROP_0,
  PROP_ENGINE,
  PROP_STATE,
  PROP_PENDING,
  PROP_CONFLICTS,
  PROP_LAST_ERROR,
  PROP_LAST_SYNCED_AT,
  N_PROPS
};

static GParamSpec *properties[N_PROPS];

static const char *state_classes[] = { "not-configured", "idle", "syncing", "offline", "error" };

static const char *
state_words (NdSyncState state)
{
  switch (state)
    {
    case ND_SYNC_STATE_NOT_CONFIGURED:
      return _("Sync is not set up");
    case ND_SYNC_STATE_SYNCING:
      return _("Syncing…");
    case ND_SYNC_STATE_OFFLINE:
      return _("Offline");
    case ND_SYNC_STATE_ERROR:
      return _("Sync failed");
    case ND_SYNC_STATE_IDLE:
    default:
      return _("Up to date");
    }
}

static const char *
state_detail (NdSyncState state)
{
  switch (state)
    {
    case ND_SYNC_STATE_NOT_CONFIGURED:
      return _("Add a WordPress site and choose its languages to publish from Newsdesk.");
    case ND_SYNC_STATE_OFFLINE:
      return _("Changes wait on this computer and are sent when the network is back.");
    case ND_SYNC_STATE_SYNCING:
      return _("Sending changes and fetching what changed on the sites.");
    case ND_SYNC_STATE_ERROR:
    case ND_SYNC_STATE_IDLE:
    default:
      return NULL;
    }
}

static void
set_label_text (GtkLabel   *label,
                const char *text)
{
  gtk_label_set_text (label, text != NULL ? text : "");
  gtk_widget_set_visible (GTK_WIDGET (label), text != NULL && *text != '\0');
}

/* The state in words for the button: the state, then what waits. */
static char *
make_label (NdSyncIndicator *self)
{
  g_autoptr(GString) text = g_string_new (NULL);

  /* Translators: the sync button's accessible name; %s is a state such as
   * "Up to date" or "Offline" */
  g_string_append_printf (text, _("Sync: %s"), state_words (self->state));
  if (self->conflicts > 0)
    {
      g_string_append (text, ", ");
      g_string_append_printf (text, ngettext ("%u conflict to resolve", "%u conflicts to resolve", self->conflicts),
                              self->conflicts);
    }
  if (self->pending > 0)
    {
      g_string_append (text, ", ");
      g_string_append_printf (text, ngettext ("%u change waiting", "%u changes waiting", self->pending),
                              self->pending);
    }

  return g_string_free (g_steal_pointer (&text), FALSE);
}

static void
update_synced_at (NdSyncIndicator *self)
{
  g_autofree char *synced = NULL;

  if (self->last_synced_at > 0)
    synced = nd_sync_indicator_describe_synced_at (self->last_synced_at, g_get_real_time ());
  set_label_text (self->synced_label, synced);
}

static void
update (NdSyncIndicator *self)
{
  g_autofree char *pending = NULL;
  g_autofree char *conflicts = NULL;
  g_autofree char *count = NULL;
  gboolean syncing = self->state == ND_SYNC_STATE_SYNCING;
  const char *icon_name;

  switch (self->state)
    {
    case ND_SYNC_STATE_NOT_CONFIGURED:
      icon_name = "emblem-synchronizing-symbolic";
      break;
    case ND_SYNC_STATE_OFFLINE:
      icon_name = "network-offline-symbolic";
      break;
    case ND_SYNC_STATE_ERROR:
      icon_name = "dialog-error-symbolic";
      break;
    case ND_SYNC_STATE_SYNCING:
    case ND_SYNC_STATE_IDLE:
    default:
      icon_name = self->conflicts > 0 ? "dialog-warning-symbolic" : "emblem-ok-symbolic";
      break;
    }

  gtk_image_set_from_icon_name (self->icon, icon_name);
  gtk_spinner_set_spinning (self->spinner, syncing);
  gtk_stack_set_visible_child_name (self->icon_stack, syncing ? "spinner" : "icon");
  if (self->conflicts > 0)
    count = g_strdup_printf ("%u", self->conflicts);
  set_label_text (self->count_label, count);

  for (guint i = 0; i < G_N_ELEMENTS (state_classes); i++)
    gtk_widget_remove_css_class (self->button, state_classes[i]);
  gtk_widget_remove_css_class (self->button, "conflicts");
  if ((guint) self->state < G_N_ELEMENTS (state_classes))
    gtk_widget_add_css_class (self->button, state_classes[self->state]);
  if (self->conflicts > 0)
    gtk_widget_add_css_class (self->button, "conflicts");

  g_free (self->label);
  self->label = make_label (self);
  gtk_widget_set_tooltip_text (self->button, self->label);
  gtk_accessible_update_property (GTK_ACCESSIBLE (self->button), GTK_ACCESSIBLE_PROPERTY_LABEL, self->label, -1);

  /* The popover */
  set_label_text (self->state_label, state_words (self->state));
  set_label_text (self->detail_label, state_detail (self->state));
  if (self->pending > 0)
    pending = g_strdup_printf (ngettext ("%u change waiting to be sent", "%u changes waiting to be sent",
                                         self->pending),
                               self->pending);
  set_label_text (self->pending_label, pending);
  if (self->conflicts > 0)
    conflicts = g_strdup_printf (ngettext ("%u change was made on both sides and needs your choice: open the story to resolve it",
                                           "%u changes were made on both sides and need your choice: open the stories to resolve them",
                                           self->conflicts),
                                 self->conflicts);
  set_label_text (self->conflicts_label, conflicts);
  set_label_text (self->error_label, self->state == ND_SYNC_STATE_ERROR ? self->last_error : NULL);
  update_synced_at (self);

  gtk_widget_set_visible (self->setup_button, self->state == ND_SYNC_STATE_NOT_CONFIGURED);
  gtk_widget_set_visible (self->sync_button, self->state != ND_SYNC_STATE_NOT_CONFIGURED);
  gtk_widget_set_sensitive (self->sync_button, !syncing);
  gtk_widget_set_visible (self->log_button, self->sync_store != NULL);
}

static void
on_popover_show_cb (NdSyncIndicator *self)
{
  /* "2 minutes ago" goes stale; it is said again whenever it is seen. */
  update_synced_at (self);
}

static void
on_log_clicked_cb (NdSyncIndicator *self)
{
  gtk_popover_popdown (GTK_POPOVER (self->popover));
  nd_sync_indicator_show_log (self);
}

static void
clear_bindings (NdSyncIndicator *self)
{
  for (guint i = 0; i < self->bindings->len; i++)
    g_binding_unbind (g_ptr_array_index (self->bindings, i));
  g_ptr_array_set_size (self->bindings, 0);
}

static void
nd_sync_indicator_dispose (GObject *object)
{
  NdSyncIndicator *self = (NdSyncIndicator *)object;

  if (self->bindings != NULL)
    clear_bindings (self);
  g_clear_object (&self->engine);
  g_clear_object (&self->stories);
  g_clear_object (&self->sync_store);

  gtk_widget_dispose_template (GTK_WIDGET (self), ND_TYPE_SYNC_INDICATOR);

  G_OBJECT_CLASS (nd_sync_indicator_parent_class)->dispose (object);
}

static void
nd_sync_indicator_finalize (GObject *object)
{
  NdSyncIndicator *self = (NdSyncIndicator *)object;

  g_clear_pointer (&self->bindings, g_ptr_array_unref);
  g_clear_pointer (&self->last_error, g_free);
  g_clear_pointer (&self->label, g_free);

  G_OBJECT_CLASS (nd_sync_indicator_parent_class)->finalize (object);
}

static void
nd_sync_indicator_get_property (GObject    *object,
                                guint       prop_id,
                                GValue     *value,
                                GParamSpec *pspec)
{
  NdSyncIndicator *self = ND_SYNC_INDICATOR (object);

  switch (prop_id)
    {
    case PROP_ENGINE:
      g_value_set_object (value, self->engine);
      break;

    case PROP_STATE:
      g_value_set_int (value, self->state);
      break;

    case PROP_PENDING:
      g_value_set_uint (value, self->pending);
      break;

    case PROP_CONFLICTS:
      g_value_set_uint (value, self->conflicts);
      break;

    case PROP_LAST_ERROR:
      g_value_set_string (value, self->last_error);
      break;

    case PROP_LAST_SYNCED_AT:
      g_value_set_int64 (value, self->last_synced_at);
      break;

    default:
      G_OBJECT_WARN_INVALID_PROPERTY_ID (object, prop_id, pspec);
    }
}

static void
nd_sync_indicator_set_property (GObject      *object,
                                guint         prop_id,
                                const GValue *value,
                                GParamSpec   *pspec)
{
  NdSyncIndicator *self = ND_SYNC_INDICATOR (object);

  switch (prop_id)
    {
    case PROP_ENGINE:
      nd_sync_indicator_set_engine (self, g_value_get_object (value));
      break;

    case PROP_STATE:
      nd_sync_indicator_set_state (self, g_value_get_int (value));
      break;

    case PROP_PENDING:
      if (self->pending != g_value_get_uint (value))
        {
          self->pending = g_value_get_uint (value);
          update (self);
          g_object_notify_by_pspec (object, pspec);
        }
      break;

    case PROP_CONFLICTS:
      if (self->conflicts != g_value_get_uint (value))
        {
          self->conflicts = g_value_get_uint (value);
          update (self);
          g_object_notify_by_pspec (object, pspec);
        }
      break;

    case PROP_LAST_ERROR:
      if (g_strcmp0 (self->last_error, g_value_get_string (value)) != 0)
        {
          g_free (self->last_error);
          self->last_error = g_value_dup_string (value);
          update (self);
          g_object_notify_by_pspec (object, pspec);
        }
      break;

    case PROP_LAST_SYNCED_AT:
      if (self->last_synced_at != g_value_get_int64 (value))
        {
          self->last_synced_at = g_value_get_int64 (value);
          update_synced_at (self);
          g_object_notify_by_pspec (object, pspec);
        }
      break;

    default:
      G_OBJECT_WARN_INVALID_PROPERTY_ID (object, prop_id, pspec);
    }
}

static void
nd_sync_indicator_class_init (NdSyncIndicatorClass *klass)
{
  GObjectClass *object_class = G_OBJECT_CLASS (klass);
  GtkWidgetClass *widget_class = GTK_WIDGET_CLASS (klass);

  object_class->dispose = nd_sync_indicator_dispose;
  object_class->finalize = nd_sync_indicator_finalize;
  object_class->get_property = nd_sync_indicator_get_property;
  object_class->set_property = nd_sync_indicator_set_property;

  /**
   * NdSyncIndicator:engine:
   *
   * The #NdSyncEngine whose state, pending, conflicts, last-error and
   * last-synced-at properties are shown. Only those properties are used,
   * through bindings.
   */
  properties[PROP_ENGINE] =
    g_param_spec_object ("engine", NULL, NULL, G_TYPE_OBJECT,
                         G_PARAM_READWRITE | G_PARAM_EXPLICIT_NOTIFY | G_PARAM_STATIC_STRINGS);

  properties[PROP_STATE] =
    g_param_spec_int ("state", NULL, NULL, ND_SYNC_STATE_NOT_CONFIGURED, ND_SYNC_STATE_ERROR,
                      ND_SYNC_STATE_NOT_CONFIGURED,
                      G_PARAM_READWRITE | G_PARAM_EXPLICIT_NOTIFY | G_PARAM_STATIC_STRINGS);

  properties[PROP_PENDING] =
    g_param_spec_uint ("pending", NULL, NULL, 0, G_MAXUINT, 0,
                       G_PARAM_READWRITE | G_PARAM_EXPLICIT_NOTIFY | G_PARAM_STATIC_STRINGS);

  properties[PROP_CONFLICTS] =
    g_param_spec_uint ("conflicts", NULL, NULL, 0, G_MAXUINT, 0,
                       G_PARAM_READWRITE | G_PARAM_EXPLICIT_NOTIFY | G_PARAM_STATIC_STRINGS);

  properties[PROP_LAST_ERROR] =
    g_param_spec_string ("last-error", NULL, NULL, NULL,
                         G_PARAM_READWRITE | G_PARAM_EXPLICIT_NOTIFY | G_PARAM_STATIC_STRINGS);

  properties[PROP_LAST_SYNCED_AT] =
    g_param_spec_int64 ("last-synced-at", NULL, NULL, 0, G_MAXINT64, 0,
                        G_PARAM_READWRITE | G_PARAM_EXPLICIT_NOTIFY | G_PARAM_STATIC_STRINGS);

  g_object_class_install_properties (object_class, N_PROPS, properties);

  gtk_widget_class_set_template_from_resource (widget_class, "/io/github/newsdesk/Newsdesk/nd-sync-indicator.ui");
  gtk_widget_class_bind_template_child (widget_class, NdSyncIndicator, button);
  gtk_widget_class_bind_template_child (widget_class, NdSyncIndicator, icon_stack);
  gtk_widget_class_bind_template_child (widget_class, NdSyncIndicator, icon);
  gtk_widget_class_bind_template_child (widget_class, NdSyncIndicator, spinner);
  gtk_widget_class_bind_template_child (widget_class, NdSyncIndicator, count_label);
  gtk_widget_class_bind_template_child (widget_class, NdSyncIndicator, popover);
  gtk_widget_class_bind_template_child (widget_class, NdSyncIndicator, state_label);
  gtk_widget_class_bind_template_child (widget_class, NdSyncIndicator, detail_label);
  gtk_widget_class_bind_template_child (widget_class, NdSyncIndicator, pending_label);
  gtk_widget_class_bind_template_child (widget_class, NdSyncIndicator, conflicts_label);
  gtk_widget_class_bind_template_child (widget_class, NdSyncIndicator, synced_label);
  gtk_widget_class_bind_template_child (widget_class, NdSyncIndicator, error_label);
  gtk_widget_class_bind_template_child (widget_class, NdSyncIndicator, log_button);
  gtk_widget_class_bind_template_child (widget_class, NdSyncIndicator, setup_button);
  gtk_widget_class_bind_template_child (widget_class, NdSyncIndicator, sync_button);
  gtk_widget_class_bind_template_callback (widget_class, on_popover_show_cb);
  gtk_widget_class_bind_template_callback (widget_class, on_log_clicked_cb);

  gtk_widget_class_set_layout_manager_type (widget_class, GTK_TYPE_BIN_LAYOUT);
  gtk_widget_class_set_css_name (widget_class, "syncindicator");
}

static void
nd_sync_indicator_init (NdSyncIndicator *self)
{
  self->bindings = g_ptr_array_new ();

  gtk_widget_init_template (GTK_WIDGET (self));
  update (self);
}

/**
 * nd_sync_indicator_new:
 * @engine: (nullable): the sync engine to show
 * @stories: (nullable): the story store, for the log's headlines
 * @sync_store: (nullable): the sync store, whose log "Show Log" opens
 *
 * Returns: (transfer floating): a new #NdSyncIndicator
 */
GtkWidget *
nd_sync_indicator_new (NdSyncEngine *engine,
                       NdStoryStore *stories,
                       NdSyncStore  *sync_store)
{
  NdSyncIndicator *self;

  g_return_val_if_fail (engine == NULL || G_IS_OBJECT (engine), NULL);
  g_return_val_if_fail (stories == NULL || ND_IS_STORY_STORE (stories), NULL);
  g_return_val_if_fail (sync_store == NULL || ND_IS_SYNC_STORE (sync_store), NULL);
  g_return_val_if_fail ((stories == NULL) == (sync_store == NULL), NULL);

  self = g_object_new (ND_TYPE_SYNC_INDICATOR, NULL);
  if (stories != NULL)
    {
      self->stories = g_object_ref (stories);
      self->sync_store = g_object_ref (sync_store);
    }
  nd_sync_indicator_set_engine (self, engine);
  update (self);

  return GTK_WIDGET (self);
}

/**
 * nd_sync_indicator_set_engine:
 * @self: a #NdSyncIndicator
 * @engine: (nullable): the engine to show
 *
 * Binds the indicator's properties to @engine's.
 */
void
nd_sync_indicator_set_engine (NdSyncIndicator *self,
                              NdSyncEngine    *engine)
{
  static const char *names[] = { "state", "pending", "conflicts", "last-error", "last-synced-at" };

  g_return_if_fail (ND_IS_SYNC_INDICATOR (self));
  g_return_if_fail (engine == NULL || G_IS_OBJECT (engine));

  if ((GObject *) engine == self->engine)
    return;

  clear_bindings (self);
  g_set_object (&self->engine, (GObject *) engine);
  if (engine != NULL)
    for (guint i = 0; i < G_N_ELEMENTS (names); i++)
      g_ptr_array_add (self->bindings,
                       g_object_bind_property (engine, names[i], self, names[i], G_BINDING_SYNC_CREATE));

  g_object_notify_by_pspec (G_OBJECT (self), properties[PROP_ENGINE]);
}

NdSyncState
nd_sync_indicator_get_state (NdSyncIndicator *self)
{
  g_return_val_if_fail (ND_IS_SYNC_INDICATOR (self), ND_SYNC_STATE_NOT_CONFIGURED);

  return self->state;
}

/**
 * nd_sync_indicator_set_state:
 * @self: a #NdSyncIndicator
 * @state: the state to show
 *
 * Shows @state; bound to the engine's, usually.
 */
void
nd_sync_indicator_set_state (NdSyncIndicator *self,
                             NdSyncState      state)
{
  g_return_if_fail (ND_IS_SYNC_INDICATOR (self));

  if (self->state == state)
    return;

  self->state = state;
  update (self);
  g_object_notify_by_pspec (G_OBJECT (self), properties[PROP_STATE]);
}

/**
 * nd_sync_indicator_get_label:
 * @self: a #NdSyncIndicator
 *
 * Returns: the state in words, as the button's accessible label and
 *   tooltip say it ("Sync: Offline, 3 changes waiting")
 */
const char *
nd_sync_indicator_get_label (NdSyncIndicator *self)
{
  g_return_val_if_fail (ND_IS_SYNC_INDICATOR (self), NULL);

  return self->label;
}

/**
 * nd_sync_indicator_describe_synced_at:
 * @synced_at: when the last sync ended, microseconds since the epoch
 * @now: the time now, in the same unit
 *
 * Says when the last sync was, the way people say it: "Synced just now",
 * "Synced 2 minutes ago", "Synced 3 hours ago", or the date.
 *
 * Returns: (transfer full): the sentence
 */
char *
nd_sync_indicator_describe_synced_at (gint64 synced_at,
                                      gint64 now)
{
  gint64 seconds = (now - synced_at) / G_USEC_PER_SEC;
  g_autoptr(GDateTime) when = NULL;
  g_autofree char *date = NULL;

  if (synced_at <= 0)
    return g_strdup (_("Never synced"));

  if (seconds < 60)
    return g_strdup (_("Synced just now"));
  if (seconds < 60 * 60)
    {
      int minutes = (int) (seconds / 60);

      return g_strdup_printf (ngettext ("Synced %d minute ago", "Synced %d minutes ago", minutes), minutes);
    }
  if (seconds < 24 * 60 * 60)
    {
      int hours = (int) (seconds / (60 * 60));

      return g_strdup_printf (ngettext ("Synced %d hour ago", "Synced %d hours ago", hours), hours);
    }

  when = g_date_time_new_from_unix_local (synced_at / G_USEC_PER_SEC);
  /* Translators: a date and time; see g_date_time_format() */
  date = g_date_time_format (when, C_("last synced", "%-d %B %Y, %H:%M"));
  /* Translators: %s is a date and time */
  return g_strdup_printf (_("Last synced on %s"), date);
}

/**
 * nd_sync_indicator_show_log:
 * @self: a #NdSyncIndicator
 *
 * Opens the sync log over the indicator's window.
 */
void
nd_sync_indicator_show_log (NdSyncIndicator *self)
{
  GtkRoot *root;
  NdSyncLogWindow *window;

  g_return_if_fail (ND_IS_SYNC_INDICATOR (self));

  if (self->sync_store == NULL)
    return;

  root = gtk_widget_get_root (GTK_WIDGET (self));
  window = nd_sync_log_window_new (GTK_IS_WINDOW (root) ? GTK_WINDOW (root) : NULL, self->stories, self->sync_store);
  gtk_window_present (GTK_WINDOW (window));
}
