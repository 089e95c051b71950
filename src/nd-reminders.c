/* nd-reminders.c
 *
 * SPDX-License-Identifier: GPL-3.0-or-later
 */

#define G_LOG_DOMAIN "newsdesk-reminders"

#include "config.h"

#include <glib/gi18n.h>
#include <gtk/gtk.h>

#include "nd-reminders.h"
#include "nd-workflow.h"

/* How long the store may be busy before a change is looked at: a burst of
 * saves makes one check. */
#define SETTLE_SECONDS 2

/**
 * NdReminders:
 *
 * Warns, with a #GNotification, when a scheduled edition is due within the
 * "reminder-minutes" GSettings key (0 turns reminders off) and is not ready
 * to go: it lacks what the workflow requires, it is a stale translation, or
 * another edition of its story is still needed (needs translation, draft, in
 * review) or stale. One notification per edition, with a stable id: it is
 * sent again only when what it says changes, and withdrawn once the edition
 * is fixed, published, unscheduled or out of the window. Its action opens the
 * story (`app.open-story`, a `(xs)` of story id and language).
 *
 * It checks every minute and shortly after the store changes.
 */
struct _NdReminders
{
  GObject        parent_instance;

  GApplication  *application;   /* not owned: it owns us */
  NdStoryStore  *store;
  GSettings     *settings;
  GHashTable    *sent;          /* notification id → body sent */
  gint64         now_utc;       /* 0: the clock */
  guint          tick_id;
  guint          settle_id;
};

G_DEFINE_FINAL_TYPE (NdReminders, nd_reminders, G_TYPE_OBJECT)

enum {
  OPEN_STORY,
  N_SIGNALS
};

static guint signals [N_SIGNALS];

void
nd_reminder_free (NdReminder *reminder)
{
  if (reminder == NULL)
    return;

  g_free (reminder->lang);
  g_free (reminder->title);
  g_free (reminder->body);
  g_free (reminder);
}

/* Pure part ----------------------------------------------------------------- */

static const char *
language_name (NdStoryStore *store,
               const char   *code)
{
  NdLanguage *language = nd_story_store_get_language (store, code);

  if (language != NULL && nd_language_get_native_name (language) != NULL)
    return nd_language_get_native_name (language);

  return code;
}

/* Why @edition of @story should not go out yet; empty when it may. */
static GPtrArray *
find_reasons (NdStoryStore *store,
              NdStory      *story,
              NdEdition    *edition)
{
  GPtrArray *reasons = g_ptr_array_new_with_free_func (g_free);
  NdEdition *source = nd_story_get_edition (story, nd_story_get_source_lang (story));
  g_autoptr(GPtrArray) problems = nd_workflow_check (story, edition, source, ND_EDITION_STATUS_SCHEDULED);
  GPtrArray *editions = nd_story_get_editions (story);

  for (guint i = 0; i < problems->len; i++)
    {
      const NdWorkflowProblem *problem = g_ptr_array_index (problems, i);

      /* Warnings (no tags, no standfirst) never stopped the schedule; only
       * what would stop it now is worth a notification. */
      if (problem->severity != ND_WORKFLOW_SEVERITY_WARN)
        g_ptr_array_add (reasons, g_strdup (problem->message));
    }

  for (guint i = 0; i < editions->len; i++)
    {
      NdEdition *other = g_ptr_array_index (editions, i);
      NdEditionStatus status = nd_edition_get_status (other);
      const char *name = language_name (store, nd_edition_get_lang (other));

      if (other == edition || nd_edition_get_id (other) == nd_edition_get_id (edition))
        continue;

      if (status == ND_EDITION_STATUS_NEEDS_TRANSLATION || status == ND_EDITION_STATUS_DRAFT ||
          status == ND_EDITION_STATUS_IN_REVIEW)
        /* Translators: a language's own name, then a status, as in
         * "The English edition is still “In review”" */
        g_ptr_array_add (reasons, g_strdup_printf (_("The %s edition is still “%s”"), name,
                                                   nd_edition_status_get_label (status)));
      else if (source != NULL && other != source && nd_edition_is_stale (other, source))
        /* Translators: %s is a language's own name */
        g_ptr_array_add (reasons, g_strdup_printf (_("The %s translation is out of date"), name));
    }

  return reasons;
}

/**
 * nd_reminders_collect:
 * @store: the store
 * @now_utc: the present, seconds UTC
 * @minutes: how far ahead to look; 0 or less finds nothing
 * @error: return location for a #GError
 *
 * The scheduled editions due from @now_utc to @minutes later that are not
 * ready to go, and why. This is the whole decision; the service only sends
 * and withdraws what it returns.
 *
 * Returns: (transfer full) (element-type NdReminder) (nullable): the
 *   reminders, by publish time, or %NULL with @error set
 */
GPtrArray *
nd_reminders_collect (NdStoryStore  *store,
                      gint64         now_utc,
                      int            minutes,
                      GError       **error)
{
  g_autoptr(GPtrArray) reminders = g_ptr_array_new_with_free_func ((GDestroyNotify) nd_reminder_free);
  g_autoptr(GPtrArray) scheduled = NULL;
  g_autoptr(GTimeZone) zone = NULL;

  g_return_val_if_fail (ND_IS_STORY_STORE (store), NULL);

  if (minutes <= 0)
    return g_steal_pointer (&reminders);

  scheduled = nd_story_store_list_scheduled (store, now_utc, now_utc + (gint64) minutes * 60 + 1, error);
  if (scheduled == NULL)
    return NULL;

  zone = nd_story_store_get_time_zone (store);
  for (guint i = 0; i < scheduled->len; i++)
    {
      const NdScheduledItem *item = g_ptr_array_index (scheduled, i);
      g_autoptr(NdStory) story = NULL;
      g_autoptr(GPtrArray) reasons = NULL;
      g_autoptr(GDateTime) wall = NULL;
      g_autofree char *when = NULL;
      NdEdition *edition;
      NdReminder *reminder;

      if (item->status != ND_EDITION_STATUS_SCHEDULED)
        continue;

      story = nd_story_store_load_story (store, item->story_id, NULL);
      edition = story != NULL ? nd_story_get_edition (story, item->lang) : NULL;
      if (edition == NULL)
        continue;

      reasons = find_reasons (store, story, edition);
      if (reasons->len == 0)
        continue;

      wall = nd_schedule_utc_to_wall (zone, item->publish_at);
      /* Translators: a time of day, see g_date_time_format() */
      when = g_date_time_format (wall, _("%H:%M"));
      g_ptr_array_add (reasons, NULL);

      reminder = g_new0 (NdReminder, 1);
      reminder->story_id = item->story_id;
      reminder->edition_id = item->edition_id;
      reminder->lang = g_strdup (item->lang);
      reminder->publish_at = item->publish_at;
      /* Translators: a headline, then a time of day, as in
       * "“Elections in Georgia” goes live at 14:00 and is not ready" */
      reminder->title = g_strdup_printf (_("“%s” goes live at %s and is not ready"),
                                         item->headline != NULL && *item->headline != '\0' ? item->headline
                                                                                           : _("Untitled"),
                                         when);
      reminder->body = g_strjoinv ("\n", (char **) reasons->pdata);
      g_ptr_array_add (reminders, reminder);
    }

  return g_steal_pointer (&reminders);
}

/**
 * nd_reminders_notification_id:
 * @edition_id: an edition
 *
 * Returns: (transfer full): the id of the edition's notification
 */
char *
nd_reminders_notification_id (gint64 edition_id)
{
  return g_strdup_printf ("reminder-edition-%" G_GINT64_FORMAT, edition_id);
}

/* Service ------------------------------------------------------------------- */

static gint64
now_utc (NdReminders *self)
{
  return self->now_utc != 0 ? self->now_utc : nd_schedule_now ();
}

static void
send_reminder (NdReminders      *self,
               const NdReminder *reminder,
               const char       *id)
{
  g_autoptr(GNotification) notification = g_notification_new (reminder->title);

  g_notification_set_body (notification, reminder->body);
  g_notification_set_priority (notification, G_NOTIFICATION_PRIORITY_HIGH);
  g_notification_set_default_action_and_target (notification, "app.open-story", "(xs)",
                                                reminder->story_id, reminder->lang);
  g_notification_add_button_with_target (notification, _("Open Story"), "app.open-story", "(xs)",
                                         reminder->story_id, reminder->lang);
  g_application_send_notification (self->application, id, notification);
}

static gboolean
on_tick_cb (gpointer user_data)
{
  nd_reminders_check (ND_REMINDERS (user_data));

  return G_SOURCE_CONTINUE;
}

static gboolean
on_settle_cb (gpointer user_data)
{
  NdReminders *self = ND_REMINDERS (user_data);

  self->settle_id = 0;
  nd_reminders_check (self);

  return G_SOURCE_REMOVE;
}

static void
on_store_changed_cb (NdReminders *self)
{
  if (self->settle_id == 0 && self->tick_id != 0)
    self->settle_id = g_timeout_add_seconds (SETTLE_SECONDS, on_settle_cb, self);
}

static void
on_minutes_changed_cb (NdReminders *self)
{
  if (self->tick_id != 0)
    nd_reminders_check (self);
}

/* Opens the story in the window. The window offers "win.open-story" when it
 * can; otherwise whoever listens to #NdReminders::open-story does it. */
static void
open_story_activated_cb (GSimpleAction *action,
                         GVariant      *parameter,
                         gpointer       user_data)
{
  NdReminders *self = ND_REMINDERS (user_data);
  gint64 story_id = 0;
  const char *lang = NULL;
  GtkWindow *window;

  g_variant_get (parameter, "(x&s)", &story_id, &lang);
  g_application_activate (self->application);

  window = GTK_IS_APPLICATION (self->application)
           ? gtk_application_get_active_window (GTK_APPLICATION (self->application)) : NULL;
  if (window == NULL ||
      !gtk_widget_activate_action (GTK_WIDGET (window), "win.open-story", "(xs)", story_id, lang))
    g_signal_emit (self, signals [OPEN_STORY], 0, story_id, lang);
}

static void
nd_reminders_dispose (GObject *object)
{
  NdReminders *self = ND_REMINDERS (object);

  g_clear_handle_id (&self->tick_id, g_source_remove);
  g_clear_handle_id (&self->settle_id, g_source_remove);
  if (self->store != NULL)
    g_signal_handlers_disconnect_by_data (self->store, self);
  g_clear_object (&self->store);
  g_clear_object (&self->settings);

  G_OBJECT_CLASS (nd_reminders_parent_class)->dispose (object);
}

static void
nd_reminders_finalize (GObject *object)
{
  NdReminders *self = ND_REMINDERS (object);

  g_clear_pointer (&self->sent, g_hash_table_unref);

  G_OBJECT_CLASS (nd_reminders_parent_class)->finalize (object);
}

static void
nd_reminders_class_init (NdRemindersClass *klass)
{
  GObjectClass *object_class = G_OBJECT_CLASS (klass);

  object_class->dispose = nd_reminders_dispose;
  object_class->finalize = nd_reminders_finalize;

  /**
   * NdReminders::open-story:
   * @self: the service
   * @story_id: the story
   * @lang: the language of the edition the reminder was about
   *
   * A reminder was clicked and the active window offers no
   * `win.open-story` action: open the story.
   */
  signals [OPEN_STORY] =
    g_signal_new ("open-story", G_TYPE_FROM_CLASS (klass), G_SIGNAL_RUN_LAST,
                  0, NULL, NULL, NULL, G_TYPE_NONE, 2, G_TYPE_INT64, G_TYPE_STRING);
}

static void
nd_reminders_init (NdReminders *self)
{
  self->sent = g_hash_table_new_full (g_str_hash, g_str_equal, g_free, g_free);
}

/* Public API ---------------------------------------------------------------- */

/**
 * nd_reminders_new:
 * @application: the application that sends the notifications and owns the
 *   service; it gets an `open-story` action
 * @store: the store
 * @settings: settings with the "reminder-minutes" key
 *
 * Returns: (transfer full): a service that does nothing until started
 */
NdReminders *
nd_reminders_new (GApplication *application,
                  NdStoryStore *store,
                  GSettings    *settings)
{
  NdReminders *self;
  g_autoptr(GSimpleAction) action = NULL;

  g_return_val_if_fail (G_IS_APPLICATION (application), NULL);
  g_return_val_if_fail (ND_IS_STORY_STORE (store), NULL);
  g_return_val_if_fail (G_IS_SETTINGS (settings), NULL);

  self = g_object_new (ND_TYPE_REMINDERS, NULL);
  self->application = application;
  self->store = g_object_ref (store);
  self->settings = g_object_ref (settings);

  action = g_simple_action_new ("open-story", G_VARIANT_TYPE ("(xs)"));
  g_signal_connect_object (action, "activate", G_CALLBACK (open_story_activated_cb), self, 0);
  g_action_map_add_action (G_ACTION_MAP (application), G_ACTION (action));

  return self;
}

/**
 * nd_reminders_start:
 * @self: a #NdReminders
 *
 * Checks now, every minute, and shortly after the store changes.
 */
void
nd_reminders_start (NdReminders *self)
{
  g_return_if_fail (ND_IS_REMINDERS (self));

  if (self->tick_id != 0)
    return;

  self->tick_id = g_timeout_add_seconds (60, on_tick_cb, self);
  g_signal_connect_object (self->store, "story-changed", G_CALLBACK (on_store_changed_cb), self, G_CONNECT_SWAPPED);
  g_signal_connect_object (self->store, "story-added", G_CALLBACK (on_store_changed_cb), self, G_CONNECT_SWAPPED);
  g_signal_connect_object (self->store, "story-removed", G_CALLBACK (on_store_changed_cb), self, G_CONNECT_SWAPPED);
  g_signal_connect_object (self->store, "reset", G_CALLBACK (on_store_changed_cb), self, G_CONNECT_SWAPPED);
  g_signal_connect_object (self->settings, "changed::reminder-minutes", G_CALLBACK (on_minutes_changed_cb),
                           self, G_CONNECT_SWAPPED);
  nd_reminders_check (self);
}

/**
 * nd_reminders_check:
 * @self: a #NdReminders
 *
 * Sends the reminders that are due and withdraws those that no longer are.
 */
void
nd_reminders_check (NdReminders *self)
{
  g_autoptr(GPtrArray) reminders = NULL;
  g_autoptr(GHashTable) current = NULL;
  g_autoptr(GError) error = NULL;
  GHashTableIter iter;
  const char *id;
  int minutes;

  g_return_if_fail (ND_IS_REMINDERS (self));

  minutes = g_settings_get_int (self->settings, "reminder-minutes");
  reminders = nd_reminders_collect (self->store, now_utc (self), minutes, &error);
  if (reminders == NULL)
    {
      /* A busy or failing database is said elsewhere; try next minute. */
      g_debug ("Reminders not checked: %s", error->message);
      return;
    }

  current = g_hash_table_new_full (g_str_hash, g_str_equal, g_free, g_free);
  for (guint i = 0; i < reminders->len; i++)
    {
      const NdReminder *reminder = g_ptr_array_index (reminders, i);
      g_autofree char *notification_id = nd_reminders_notification_id (reminder->edition_id);
      g_autofree char *said = g_strconcat (reminder->title, "\n", reminder->body, NULL);

      /* The same words again would only ring the bell again. */
      if (g_strcmp0 (g_hash_table_lookup (self->sent, notification_id), said) != 0)
        send_reminder (self, reminder, notification_id);
      g_hash_table_insert (current, g_steal_pointer (&notification_id), g_steal_pointer (&said));
    }

  g_hash_table_iter_init (&iter, self->sent);
  while (g_hash_table_iter_next (&iter, (gpointer *) &id, NULL))
    if (!g_hash_table_contains (current, id))
      g_application_withdraw_notification (self->application, id);

  /* With reminders off, nothing is current: all were withdrawn above. */
  g_hash_table_unref (self->sent);
  self->sent = g_steal_pointer (&current);
}

/**
 * nd_reminders_set_now:
 * @self: a #NdReminders
 * @now_utc: the present, seconds UTC, or 0 for the clock
 *
 * For tests.
 */
void
nd_reminders_set_now (NdReminders *self,
                      gint64       now_utc)
{
  g_return_if_fail (ND_IS_REMINDERS (self));

  self->now_utc = now_utc;
}

/**
 * nd_reminders_get_sent:
 * @self: a #NdReminders
 *
 * Returns: (transfer container) (element-type utf8): the ids of the
 *   notifications on show, for tests
 */
GList *
nd_reminders_get_sent (NdReminders *self)
{
  g_return_val_if_fail (ND_IS_REMINDERS (self), NULL);

  return g_hash_table_get_keys (self->sent);
}
