/* nd-edition-sync-row.c
 *
 * SPDX-License-Identifier: GPL-3.0-or-later
 */

#define G_LOG_DOMAIN "newsdesk-sync-ui"

#include "config.h"

#include <glib/gi18n.h>

#include "nd-conflict-view.h"
#include "nd-edition-sync-row.h"
#include "nd-sync-fields.h"
#include "nd-sync-indicator.h"
#include "nd-sync-state-icon.h"

/**
 * NdEditionSyncRow:
 *
 * One edition's standing with its WordPress site, in words: not on any
 * website, not there yet, waiting to be sent, sending, synced (when, with a
 * link to the post), changed on both sides (with *Resolve…*), failed (with
 * the reason), in the website's trash. Each page of the story editor shows
 * one for its edition.
 *
 * It reads the sync store and follows it, the story store and the engine,
 * so the words change while the editor looks at them. The signals are
 * gathered into one update in an idle: a pass writes the outbox many times
 * and only the last state is worth reading.
 */
struct _NdEditionSyncRow
{
  GtkWidget           parent_instance;

  NdStoryStore       *stories;
  NdSyncStore        *sync_store;
  NdSyncEngine       *engine;
  NdEdition          *edition;

  guint               update_id;
  guint               tick_id;

  NdEditionSyncState  state;
  gboolean            sending;
  gboolean            resolvable;
  char               *title;
  char               *detail;
  char               *link;
  char               *summary;

  GtkWidget          *box;
  GtkSpinner         *spinner;
  NdSyncStateIcon    *icon;
  GtkLabel           *title_label;
  GtkLabel           *detail_label;
  GtkLinkButton      *link_button;
  GtkWidget          *resolve_button;
};

G_DEFINE_FINAL_TYPE (NdEditionSyncRow, nd_edition_sync_row, GTK_TYPE_WIDGET)

enum {
  PROP_0,
  PROP_STORIES,
  N_PROPS
};

static GParamSpec *properties[N_PROPS];

/* What the row shows, worked out from the stores before anything is
 * touched on screen. */
typedef struct
{
  NdEditionSyncState  state;
  gboolean            sending;
  gboolean            resolvable;
  char               *title;
  char               *detail;
  char               *link;
} View;

static void
view_clear (View *view)
{
  g_clear_pointer (&view->title, g_free);
  g_clear_pointer (&view->detail, g_free);
  g_clear_pointer (&view->link, g_free);
}

G_DEFINE_AUTO_CLEANUP_CLEAR_FUNC (View, view_clear)

/* Reading the stores ---------------------------------------------------------- */

/* WordPress answers /?p=ID on every site with the post (its shortlink),
 * whatever the permalink settings; the post's own address is not kept. */
static char *
post_link (NdSite *site,
           gint64  remote_id)
{
  const char *url;

  if (site == NULL || remote_id <= 0)
    return NULL;
  url = nd_site_get_url (site);
  if (url == NULL || *url == '\0')
    return NULL;

  return g_strdup_printf ("%s%s?p=%" G_GINT64_FORMAT, url, g_str_has_suffix (url, "/") ? "" : "/", remote_id);
}

/* The post was last seen in the site's trash: the base says so. */
static gboolean
base_in_trash (const NdEditionSync *sync)
{
  g_autoptr(NdSyncFields) base = NULL;

  if (sync->base_json == NULL)
    return FALSE;
  base = nd_sync_fields_from_json (sync->base_json, NULL);
  return base != NULL && g_strcmp0 (base->status, "trash") == 0;
}

/* The edition's open outbox entry, if any: the one in flight first. */
static NdOutboxItem *
find_open_item (NdEditionSyncRow *self,
                gint64            edition_id)
{
  static const NdOutboxOp ops[] = { ND_OUTBOX_CREATE, ND_OUTBOX_UPDATE, ND_OUTBOX_DELETE };
  NdOutboxItem *found = NULL;

  for (guint i = 0; i < G_N_ELEMENTS (ops); i++)
    {
      NdOutboxItem *item = nd_sync_store_outbox_find_open (self->sync_store, edition_id, ops[i], NULL);

      if (item == NULL)
        continue;
      if (found == NULL || (item->state == ND_OUTBOX_IN_FLIGHT && found->state != ND_OUTBOX_IN_FLIGHT))
        {
          g_clear_pointer (&found, nd_outbox_item_free);
          found = item;
        }
      else
        nd_outbox_item_free (item);
    }

  return found;
}

/* Why the last attempt failed: the edition's own record, the outbox, or
 * the newest error the log holds for it. */
static char *
failure_reason (NdEditionSyncRow    *self,
                const NdEditionSync *sync,
                const NdOutboxItem  *item)
{
  g_autoptr(GPtrArray) log = NULL;

  if (sync->last_error != NULL && *sync->last_error != '\0')
    return g_strdup (sync->last_error);
  if (item != NULL && item->last_error != NULL && *item->last_error != '\0')
    return g_strdup (item->last_error);

  log = nd_sync_store_list_log (self->sync_store, sync->story_id, 100, NULL);
  for (guint i = 0; log != NULL && i < log->len; i++)
    {
      NdSyncLogEntry *entry = g_ptr_array_index (log, i);

      if (entry->edition_id == sync->edition_id && entry->level == ND_SYNC_LOG_ERROR)
        return g_strdup (entry->message);
    }

  return NULL;
}

static char *
describe_retry (const NdOutboxItem *item)
{
  g_autoptr(GDateTime) when = NULL;
  g_autofree char *time = NULL;

  if (item == NULL || item->state != ND_OUTBOX_FAILED || item->next_attempt_at <= 0)
    return NULL;

  when = g_date_time_new_from_unix_local (item->next_attempt_at / G_USEC_PER_SEC);
  /* Translators: the time of day of the next attempt to send; see
   * g_date_time_format() */
  time = g_date_time_format (when, C_("sync retry time", "%H:%M"));
  /* Translators: %s is a time of day, as in "Trying again at 14:05" */
  return g_strdup_printf (_("Trying again at %s"), time);
}

/* Two parts of a detail, either missing. */
static char *
join_detail (const char *first,
             const char *second)
{
  if (first == NULL || *first == '\0')
    return g_strdup (second);
  if (second == NULL || *second == '\0')
    return g_strdup (first);
  /* Translators: two parts of a sync state's detail, such as a reason and
   * when it is tried again */
  return g_strdup_printf (C_("sync detail", "%s · %s"), first, second);
}

static void
describe (NdEditionSyncRow *self,
          View             *view)
{
  g_autoptr(NdEditionSync) sync = NULL;
  g_autoptr(NdOutboxItem) item = NULL;
  g_autoptr(NdSite) site = NULL;
  gint64 edition_id = nd_edition_get_id (self->edition);
  gint64 site_id;
  NdSyncState engine_state = self->engine != NULL ? nd_sync_engine_get_state (self->engine) : ND_SYNC_STATE_IDLE;
  const char *site_name;

  sync = nd_sync_store_get_edition_sync (self->sync_store, edition_id, NULL);
  site_id = sync != NULL && sync->site_id > 0
            ? sync->site_id
            : nd_sync_store_get_language_site (self->sync_store, nd_edition_get_lang (self->edition), NULL);
  if (site_id > 0)
    site = nd_sync_store_get_site (self->sync_store, site_id, NULL);
  site_name = site != NULL ? nd_site_get_name (site) : NULL;

  view->state = ND_EDITION_SYNC_LOCAL;

  if (sync == NULL)
    {
      view->title = g_strdup (nd_edition_sync_state_get_label (ND_EDITION_SYNC_LOCAL));
      return;
    }

  item = find_open_item (self, edition_id);
  view->state = sync->state;
  if (sync->remote_id > 0)
    view->link = post_link (site, sync->remote_id);

  if (sync->state == ND_EDITION_SYNC_CONFLICT)
    {
      /* The conflict view shows the site's version; the row keeps room
       * for the words and the button. */
      g_clear_pointer (&view->link, g_free);
      view->resolvable = TRUE;
      view->title = g_strdup (nd_edition_sync_state_get_label (ND_EDITION_SYNC_CONFLICT));
      view->detail = g_strdup (_("Nothing is sent until you choose"));
      return;
    }

  /* In flight outside a pass is what a crash left; the next pass settles
   * it, and until then nothing is being sent. */
  if (item != NULL && item->state == ND_OUTBOX_IN_FLIGHT &&
      (self->engine == NULL || engine_state == ND_SYNC_STATE_SYNCING))
    {
      view->state = ND_EDITION_SYNC_PENDING;
      view->sending = TRUE;
      view->title = g_strdup (_("Sending…"));
      if (site_name != NULL)
        /* Translators: %s is the name of a WordPress site */
        view->detail = g_strdup_printf (_("To %s"), site_name);
      return;
    }

  if (sync->remote_id > 0 && base_in_trash (sync))
    {
      g_clear_pointer (&view->link, g_free);
      view->title = g_strdup (_("In the website's trash"));
      view->detail = g_strdup (_("The text is kept here"));
      return;
    }

  switch (sync->state)
    {
    case ND_EDITION_SYNC_ERROR:
      {
        g_autofree char *reason = failure_reason (self, sync, item);
        g_autofree char *retry = describe_retry (item);

        view->title = g_strdup (nd_edition_sync_state_get_label (ND_EDITION_SYNC_ERROR));
        view->detail = join_detail (reason, retry);
      }
      return;

    case ND_EDITION_SYNC_PENDING:
      {
        g_autofree char *reason = NULL;
        g_autofree char *retry = describe_retry (item);

        view->title = g_strdup (nd_edition_sync_state_get_label (ND_EDITION_SYNC_PENDING));
        if (engine_state == ND_SYNC_STATE_OFFLINE)
          view->detail = g_strdup (_("Offline: it goes when the network is back"));
        else if (retry != NULL)
          {
            reason = failure_reason (self, sync, item);
            view->detail = join_detail (reason, retry);
          }
        else if (engine_state == ND_SYNC_STATE_ERROR && self->engine != NULL &&
                 nd_sync_engine_get_last_error (self->engine) != NULL)
          view->detail = g_strdup (nd_sync_engine_get_last_error (self->engine));
        else if (site_name != NULL)
          /* Translators: %s is the name of a WordPress site */
          view->detail = g_strdup_printf (_("Goes to %s with the next sync"), site_name);
      }
      return;

    case ND_EDITION_SYNC_SYNCED:
      view->title = sync->synced_at > 0
                    ? nd_sync_indicator_describe_synced_at (sync->synced_at, g_get_real_time ())
                    : g_strdup (nd_edition_sync_state_get_label (ND_EDITION_SYNC_SYNCED));
      if (site_name != NULL)
        /* Translators: %s is the name of a WordPress site */
        view->detail = g_strdup_printf (_("On %s"), site_name);
      return;

    case ND_EDITION_SYNC_LOCAL:
    case ND_EDITION_SYNC_CONFLICT:
    default:
      break;
    }

  /* Only here. Whether it goes depends on the language's site and on the
   * edition (see nd_sync_store_list_editions_to_push()). */
  if (nd_sync_store_get_language_site (self->sync_store, nd_edition_get_lang (self->edition), NULL) <= 0)
    {
      view->title = g_strdup (_("Not on any website"));
      view->detail = g_strdup (_("No website is set for this language; choose one in Preferences"));
    }
  else if (nd_edition_get_status (self->edition) == ND_EDITION_STATUS_NEEDS_TRANSLATION)
    {
      view->title = g_strdup (nd_edition_sync_state_get_label (ND_EDITION_SYNC_LOCAL));
      view->detail = g_strdup (_("Sent once the translation is started"));
    }
  else if (sync->remote_id <= 0 && sync->synced_revision >= 0 &&
           nd_edition_get_revision (self->edition) <= sync->synced_revision)
    {
      view->title = g_strdup (_("Deleted from the website"));
      view->detail = g_strdup (_("The text is kept here; it is sent again when you change it"));
    }
  else
    {
      view->title = g_strdup (_("Not on the website yet"));
      if (site_name != NULL)
        /* Translators: %s is the name of a WordPress site */
        view->detail = g_strdup_printf (_("Goes to %s with the next sync"), site_name);
    }
}

/* Showing ------------------------------------------------------------------ */

static void
set_label (GtkLabel   *label,
           const char *text)
{
  gtk_label_set_text (label, text != NULL ? text : "");
  gtk_widget_set_visible (GTK_WIDGET (label), text != NULL && *text != '\0');
}

static void
show_view (NdEditionSyncRow *self,
           View             *view)
{
  self->state = view->state;
  self->sending = view->sending;
  self->resolvable = view->resolvable;
  g_free (self->title);
  self->title = g_steal_pointer (&view->title);
  g_free (self->detail);
  self->detail = g_steal_pointer (&view->detail);
  g_free (self->link);
  self->link = g_steal_pointer (&view->link);

  g_clear_pointer (&self->summary, g_free);
  if (self->detail != NULL && *self->detail != '\0')
    /* The icon's own pattern: "Synced 2 minutes ago: On Realist English". */
    self->summary = g_strdup_printf (C_("sync state", "%s: %s"), self->title, self->detail);
  else
    self->summary = g_strdup (self->title);

  nd_sync_state_icon_set_state (self->icon, self->state);
  gtk_widget_set_visible (GTK_WIDGET (self->icon), !self->sending);
  gtk_widget_set_visible (GTK_WIDGET (self->spinner), self->sending);
  gtk_spinner_set_spinning (self->spinner, self->sending);
  set_label (self->title_label, self->title);
  set_label (self->detail_label, self->detail);
  /* The full sentence also where the row is too narrow for it. */
  gtk_widget_set_tooltip_text (GTK_WIDGET (self->detail_label), self->detail);

  gtk_widget_set_visible (GTK_WIDGET (self->link_button), self->link != NULL);
  if (self->link != NULL)
    {
      gtk_link_button_set_uri (self->link_button, self->link);
      gtk_widget_set_tooltip_text (GTK_WIDGET (self->link_button), self->link);
    }
  gtk_widget_set_visible (self->resolve_button, self->resolvable);
  gtk_widget_action_set_enabled (GTK_WIDGET (self), "sync-row.resolve",
                                 self->resolvable && self->engine != NULL);

  gtk_accessible_update_property (GTK_ACCESSIBLE (self),
                                  GTK_ACCESSIBLE_PROPERTY_LABEL, self->summary,
                                  -1);
}

static void
update_now (NdEditionSyncRow *self)
{
  g_auto(View) view = { 0 };

  g_clear_handle_id (&self->update_id, g_source_remove);

  if (self->sync_store == NULL || self->edition == NULL)
    {
      gtk_widget_set_visible (GTK_WIDGET (self), FALSE);
      return;
    }

  describe (self, &view);
  show_view (self, &view);
  gtk_widget_set_visible (GTK_WIDGET (self), TRUE);
}

static gboolean
on_update_cb (gpointer user_data)
{
  NdEditionSyncRow *self = user_data;

  self->update_id = 0;
  update_now (self);
  return G_SOURCE_REMOVE;
}

static void
schedule_update (NdEditionSyncRow *self)
{
  if (self->update_id == 0)
    self->update_id = g_idle_add (on_update_cb, self);
}

/* Callbacks ------------------------------------------------------------------ */

static gboolean
concerns_edition (NdEditionSyncRow *self,
                  gint64            edition_id)
{
  return self->edition != NULL && (edition_id == 0 || edition_id == nd_edition_get_id (self->edition));
}

static void
on_edition_sync_changed_cb (NdEditionSyncRow *self,
                            gint64            edition_id)
{
  if (concerns_edition (self, edition_id))
    schedule_update (self);
}

static void
on_story_changed_cb (NdEditionSyncRow *self,
                     gint64            story_id)
{
  if (self->edition != NULL && story_id == nd_edition_get_story_id (self->edition))
    schedule_update (self);
}

static void
on_anything_changed_cb (NdEditionSyncRow *self)
{
  schedule_update (self);
}

/* "Synced 2 minutes ago" grows old on screen. */
static gboolean
on_tick_cb (gpointer user_data)
{
  NdEditionSyncRow *self = user_data;

  if (self->state == ND_EDITION_SYNC_SYNCED)
    schedule_update (self);
  return G_SOURCE_CONTINUE;
}

static void
resolve_action (GtkWidget  *widget,
                const char *action_name,
                GVariant   *parameter)
{
  NdEditionSyncRow *self = ND_EDITION_SYNC_ROW (widget);
  GtkRoot *root = gtk_widget_get_root (widget);

  if (self->engine == NULL || self->sync_store == NULL || self->edition == NULL)
    return;

  nd_conflict_view_present (GTK_IS_WINDOW (root) ? GTK_WINDOW (root) : NULL, self->engine, self->stories,
                            self->sync_store, nd_edition_get_id (self->edition));
}

/* Overrides ---------------------------------------------------------------- */

static void
nd_edition_sync_row_map (GtkWidget *widget)
{
  NdEditionSyncRow *self = ND_EDITION_SYNC_ROW (widget);

  GTK_WIDGET_CLASS (nd_edition_sync_row_parent_class)->map (widget);

  if (self->tick_id == 0)
    self->tick_id = g_timeout_add_seconds (30, on_tick_cb, self);
  on_tick_cb (self);
}

static void
nd_edition_sync_row_unmap (GtkWidget *widget)
{
  NdEditionSyncRow *self = ND_EDITION_SYNC_ROW (widget);

  g_clear_handle_id (&self->tick_id, g_source_remove);

  GTK_WIDGET_CLASS (nd_edition_sync_row_parent_class)->unmap (widget);
}

static void
disconnect_stores (NdEditionSyncRow *self)
{
  if (self->sync_store != NULL)
    g_signal_handlers_disconnect_by_data (self->sync_store, self);
  if (self->engine != NULL)
    g_signal_handlers_disconnect_by_data (self->engine, self);
}

static void
nd_edition_sync_row_dispose (GObject *object)
{
  NdEditionSyncRow *self = (NdEditionSyncRow *)object;

  g_clear_handle_id (&self->update_id, g_source_remove);
  g_clear_handle_id (&self->tick_id, g_source_remove);
  disconnect_stores (self);
  g_clear_object (&self->sync_store);
  g_clear_object (&self->engine);
  g_clear_object (&self->edition);
  g_clear_object (&self->stories);

  gtk_widget_dispose_template (GTK_WIDGET (self), ND_TYPE_EDITION_SYNC_ROW);

  G_OBJECT_CLASS (nd_edition_sync_row_parent_class)->dispose (object);
}

static void
nd_edition_sync_row_finalize (GObject *object)
{
  NdEditionSyncRow *self = (NdEditionSyncRow *)object;

  g_clear_pointer (&self->title, g_free);
  g_clear_pointer (&self->detail, g_free);
  g_clear_pointer (&self->link, g_free);
  g_clear_pointer (&self->summary, g_free);

  G_OBJECT_CLASS (nd_edition_sync_row_parent_class)->finalize (object);
}

static void
nd_edition_sync_row_constructed (GObject *object)
{
  NdEditionSyncRow *self = (NdEditionSyncRow *)object;

  G_OBJECT_CLASS (nd_edition_sync_row_parent_class)->constructed (object);

  g_assert (ND_IS_STORY_STORE (self->stories));
  g_signal_connect_object (self->stories, "story-changed", G_CALLBACK (on_story_changed_cb),
                           self, G_CONNECT_SWAPPED);
}

static void
nd_edition_sync_row_get_property (GObject    *object,
                                  guint       prop_id,
                                  GValue     *value,
                                  GParamSpec *pspec)
{
  NdEditionSyncRow *self = ND_EDITION_SYNC_ROW (object);

  switch (prop_id)
    {
    case PROP_STORIES:
      g_value_set_object (value, self->stories);
      break;

    default:
      G_OBJECT_WARN_INVALID_PROPERTY_ID (object, prop_id, pspec);
    }
}

static void
nd_edition_sync_row_set_property (GObject      *object,
                                  guint         prop_id,
                                  const GValue *value,
                                  GParamSpec   *pspec)
{
  NdEditionSyncRow *self = ND_EDITION_SYNC_ROW (object);

  switch (prop_id)
    {
    case PROP_STORIES:
      self->stories = g_value_dup_object (value);
      break;

    default:
      G_OBJECT_WARN_INVALID_PROPERTY_ID (object, prop_id, pspec);
    }
}

static void
nd_edition_sync_row_class_init (NdEditionSyncRowClass *klass)
{
  GObjectClass *object_class = G_OBJECT_CLASS (klass);
  GtkWidgetClass *widget_class = GTK_WIDGET_CLASS (klass);

  object_class->constructed = nd_edition_sync_row_constructed;
  object_class->dispose = nd_edition_sync_row_dispose;
  object_class->finalize = nd_edition_sync_row_finalize;
  object_class->get_property = nd_edition_sync_row_get_property;
  object_class->set_property = nd_edition_sync_row_set_property;
  widget_class->map = nd_edition_sync_row_map;
  widget_class->unmap = nd_edition_sync_row_unmap;

  /**
   * NdEditionSyncRow:stories:
   *
   * The story store, where the editions are.
   */
  properties[PROP_STORIES] =
    g_param_spec_object ("stories", NULL, NULL, ND_TYPE_STORY_STORE,
                         G_PARAM_READWRITE | G_PARAM_CONSTRUCT_ONLY | G_PARAM_STATIC_STRINGS);

  g_object_class_install_properties (object_class, N_PROPS, properties);

  g_type_ensure (ND_TYPE_SYNC_STATE_ICON);
  gtk_widget_class_set_template_from_resource (widget_class, "/io/github/newsdesk/Newsdesk/nd-edition-sync-row.ui");
  gtk_widget_class_bind_template_child (widget_class, NdEditionSyncRow, box);
  gtk_widget_class_bind_template_child (widget_class, NdEditionSyncRow, spinner);
  gtk_widget_class_bind_template_child (widget_class, NdEditionSyncRow, icon);
  gtk_widget_class_bind_template_child (widget_class, NdEditionSyncRow, title_label);
  gtk_widget_class_bind_template_child (widget_class, NdEditionSyncRow, detail_label);
  gtk_widget_class_bind_template_child (widget_class, NdEditionSyncRow, link_button);
  gtk_widget_class_bind_template_child (widget_class, NdEditionSyncRow, resolve_button);

  gtk_widget_class_install_action (widget_class, "sync-row.resolve", NULL, resolve_action);

  gtk_widget_class_set_layout_manager_type (widget_class, GTK_TYPE_BIN_LAYOUT);
  gtk_widget_class_set_css_name (widget_class, "editionsync");
}

static void
nd_edition_sync_row_init (NdEditionSyncRow *self)
{
  gtk_widget_init_template (GTK_WIDGET (self));
  gtk_widget_action_set_enabled (GTK_WIDGET (self), "sync-row.resolve", FALSE);
  gtk_widget_set_visible (GTK_WIDGET (self), FALSE);
}

/* Public API ------------------------------------------------------------------ */

/**
 * nd_edition_sync_row_new:
 * @stories: the story store
 *
 * Returns: (transfer floating): a new #NdEditionSyncRow, hidden until it
 *   has a sync store and an edition
 */
GtkWidget *
nd_edition_sync_row_new (NdStoryStore *stories)
{
  g_return_val_if_fail (ND_IS_STORY_STORE (stories), NULL);

  return g_object_new (ND_TYPE_EDITION_SYNC_ROW, "stories", stories, NULL);
}

/**
 * nd_edition_sync_row_set_sync:
 * @self: a #NdEditionSyncRow
 * @engine: (nullable): the sync engine, for "sending" and for resolving
 *   conflicts
 * @sync_store: (nullable): where the sync state is kept; %NULL hides the row
 *
 * Follows @sync_store and @engine.
 */
void
nd_edition_sync_row_set_sync (NdEditionSyncRow *self,
                              NdSyncEngine     *engine,
                              NdSyncStore      *sync_store)
{
  g_return_if_fail (ND_IS_EDITION_SYNC_ROW (self));
  g_return_if_fail (engine == NULL || ND_IS_SYNC_ENGINE (engine));
  g_return_if_fail (sync_store == NULL || ND_IS_SYNC_STORE (sync_store));

  disconnect_stores (self);
  g_set_object (&self->engine, engine);
  g_set_object (&self->sync_store, sync_store);

  if (sync_store != NULL)
    {
      g_signal_connect_object (sync_store, "edition-sync-changed", G_CALLBACK (on_edition_sync_changed_cb),
                               self, G_CONNECT_SWAPPED);
      g_signal_connect_object (sync_store, "conflicts-changed", G_CALLBACK (on_edition_sync_changed_cb),
                               self, G_CONNECT_SWAPPED);
      g_signal_connect_object (sync_store, "outbox-changed", G_CALLBACK (on_anything_changed_cb),
                               self, G_CONNECT_SWAPPED);
      g_signal_connect_object (sync_store, "site-changed", G_CALLBACK (on_anything_changed_cb),
                               self, G_CONNECT_SWAPPED);
      g_signal_connect_object (sync_store, "log-appended", G_CALLBACK (on_anything_changed_cb),
                               self, G_CONNECT_SWAPPED);
    }
  if (engine != NULL)
    g_signal_connect_object (engine, "notify::state", G_CALLBACK (on_anything_changed_cb),
                             self, G_CONNECT_SWAPPED);

  update_now (self);
}

/**
 * nd_edition_sync_row_set_edition:
 * @self: a #NdEditionSyncRow
 * @edition: (nullable): the edition to show, %NULL for none (the row hides)
 *
 * Shows @edition's state. Its language, status and revision are read from
 * @edition, so the caller passes it again when it loads a newer copy.
 */
void
nd_edition_sync_row_set_edition (NdEditionSyncRow *self,
                                 NdEdition        *edition)
{
  g_return_if_fail (ND_IS_EDITION_SYNC_ROW (self));
  g_return_if_fail (edition == NULL || ND_IS_EDITION (edition));

  g_set_object (&self->edition, edition);
  update_now (self);
}

/**
 * nd_edition_sync_row_update:
 * @self: a #NdEditionSyncRow
 *
 * Reads the stores again now, rather than at the next idle.
 */
void
nd_edition_sync_row_update (NdEditionSyncRow *self)
{
  g_return_if_fail (ND_IS_EDITION_SYNC_ROW (self));

  update_now (self);
}

/**
 * nd_edition_sync_row_get_state:
 * @self: a #NdEditionSyncRow
 *
 * Returns: the state its icon shows
 */
NdEditionSyncState
nd_edition_sync_row_get_state (NdEditionSyncRow *self)
{
  g_return_val_if_fail (ND_IS_EDITION_SYNC_ROW (self), ND_EDITION_SYNC_LOCAL);

  return self->state;
}

/**
 * nd_edition_sync_row_get_title:
 * @self: a #NdEditionSyncRow
 *
 * Returns: (nullable): the state in words, such as "Synced 2 minutes ago"
 */
const char *
nd_edition_sync_row_get_title (NdEditionSyncRow *self)
{
  g_return_val_if_fail (ND_IS_EDITION_SYNC_ROW (self), NULL);

  return self->title;
}

/**
 * nd_edition_sync_row_get_detail:
 * @self: a #NdEditionSyncRow
 *
 * Returns: (nullable): what the row adds to the state: the site, the reason
 *   of a failure, when it is tried again
 */
const char *
nd_edition_sync_row_get_detail (NdEditionSyncRow *self)
{
  g_return_val_if_fail (ND_IS_EDITION_SYNC_ROW (self), NULL);

  return self->detail;
}

/**
 * nd_edition_sync_row_get_link:
 * @self: a #NdEditionSyncRow
 *
 * Returns: (nullable): the address "View on Site" opens, or %NULL when the
 *   edition has no post
 */
const char *
nd_edition_sync_row_get_link (NdEditionSyncRow *self)
{
  g_return_val_if_fail (ND_IS_EDITION_SYNC_ROW (self), NULL);

  return self->link;
}

/**
 * nd_edition_sync_row_get_summary:
 * @self: a #NdEditionSyncRow
 *
 * Returns: (nullable): the title and the detail in one sentence, the row's
 *   accessible label
 */
const char *
nd_edition_sync_row_get_summary (NdEditionSyncRow *self)
{
  g_return_val_if_fail (ND_IS_EDITION_SYNC_ROW (self), NULL);

  return self->summary;
}

gboolean
nd_edition_sync_row_is_sending (NdEditionSyncRow *self)
{
  g_return_val_if_fail (ND_IS_EDITION_SYNC_ROW (self), FALSE);

  return self->sending;
}

/**
 * nd_edition_sync_row_can_resolve:
 * @self: a #NdEditionSyncRow
 *
 * Returns: whether the row offers *Resolve…* (the edition is in conflict)
 */
gboolean
nd_edition_sync_row_can_resolve (NdEditionSyncRow *self)
{
  g_return_val_if_fail (ND_IS_EDITION_SYNC_ROW (self), FALSE);

  return self->resolvable;
}
