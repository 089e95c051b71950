/* nd-story-list-row.c
 *
 * SPDX-License-Identifier: GPL-3.0-or-later
 */

#define G_LOG_DOMAIN "newsdesk-story-list-row"

#include "config.h"

#include <glib/gi18n.h>

#include "nd-schedule.h"
#include "nd-story-list-row.h"
#include "nd-sync-state-icon.h"

/**
 * NdStoryListRow:
 *
 * One story in the desk's list: its headline in the reader's language where
 * there is one, its section and last change, and one chip per language of
 * the publication saying where that edition stands.
 */
struct _NdStoryListRow
{
  GtkWidget     parent_instance;

  NdStoryStore *store;
  NdStory      *story;
  GTimeZone    *time_zone;
  gulong        notify_id;

  GtkLabel     *headline_label;
  GtkLabel     *meta_label;
  GtkLabel     *snippet_label;
  GtkBox       *chips_box;

  NdSyncStore  *sync_store;
  GtkWidget    *sync_icon;
  guint         sync_refresh_id;
};

G_DEFINE_FINAL_TYPE (NdStoryListRow, nd_story_list_row, GTK_TYPE_WIDGET)

/* The publication's languages that the reader reads, in the reader's order. */
static const char * const *
preferred_langs (void)
{
  static char **langs = NULL;

  if (langs == NULL)
    {
      const char * const *names = g_get_language_names ();
      GPtrArray *codes = g_ptr_array_new ();

      for (guint i = 0; names[i] != NULL; i++)
        if (strlen (names[i]) == 2)
          g_ptr_array_add (codes, g_strdup (names[i]));
      g_ptr_array_add (codes, NULL);
      langs = (char **) g_ptr_array_free (codes, FALSE);
    }

  return (const char * const *) langs;
}

/* Sets a chip, reusing the label that was there: rows are bound again and
 * again while the list scrolls or a search refines, and making new labels
 * for each bind cost more than the rest of the row. */
static void
set_chip (NdStoryListRow *self,
          GtkWidget     **chip,
          const char     *upper,
          const char     *label,
          const char     *spoken,
          const char     *css_class)
{
  g_autofree char *text = g_strdup_printf ("%s · %s", upper, label);
  const char *classes[] = { "status-chip", css_class, NULL };

  if (*chip == NULL)
    {
      *chip = gtk_label_new (NULL);
      gtk_box_append (self->chips_box, *chip);
    }

  gtk_label_set_text (GTK_LABEL (*chip), text);
  gtk_widget_set_css_classes (*chip, classes);
  gtk_accessible_update_property (GTK_ACCESSIBLE (*chip), GTK_ACCESSIBLE_PROPERTY_LABEL, spoken, -1);
}

static void
rebuild_chips (NdStoryListRow *self)
{
  GListModel *languages = nd_story_store_get_languages (self->store);
  GtkWidget *chip = gtk_widget_get_first_child (GTK_WIDGET (self->chips_box));
  gint64 now = nd_schedule_now ();

  /* The sync state's icon, once there is one, comes first: not a chip. */
  if (chip != NULL && chip == self->sync_icon)
    chip = gtk_widget_get_next_sibling (chip);

  for (guint i = 0; i < g_list_model_get_n_items (languages); i++)
    {
      g_autoptr(NdLanguage) language = g_list_model_get_item (languages, i);
      const char *code = nd_language_get_code (language);
      g_autofree char *upper = g_ascii_strup (code, -1);
      NdEdition *edition = nd_story_get_edition (self->story, code);
      GtkWidget *next = chip != NULL ? gtk_widget_get_next_sibling (chip) : NULL;
      const char *label;
      const char *css_class;
      g_autofree char *spoken = NULL;

      if (edition == NULL)
        {
          label = C_("edition status", "Missing");
          css_class = "missing";
        }
      else if (nd_schedule_is_missed (nd_edition_get_status (edition), nd_edition_get_publish_at (edition), now))
        {
          /* A scheduled edition whose time has passed did not go out: the
           * desk must see it at a glance, in the error colour. */
          label = C_("edition status", "Missed");
          css_class = "error";
          /* Translators: read out by screen readers; %s is a language code */
          spoken = g_strdup_printf (_("%s edition: missed its scheduled time"), upper);
        }
      else if (nd_story_is_stale (self->story, code))
        {
          label = C_("edition status", "Stale");
          css_class = "stale";
        }
      else
        {
          label = nd_edition_status_get_label (nd_edition_get_status (edition));
          css_class = nd_edition_status_to_string (nd_edition_get_status (edition));
        }

      if (spoken == NULL)
        /* Translators: a language code and an edition status, read out by screen readers */
        spoken = g_strdup_printf (_("%s edition: %s"), upper, label);
      set_chip (self, &chip, upper, label, spoken, css_class);
      chip = next;
    }

  /* Fewer languages than chips: the publication dropped one. */
  while (chip != NULL)
    {
      GtkWidget *next = gtk_widget_get_next_sibling (chip);

      gtk_box_remove (self->chips_box, chip);
      chip = next;
    }
}

/* The earliest publish time of the story's editions, or 0. */
static gint64
first_publish_time (NdStory *story)
{
  GPtrArray *editions = nd_story_get_editions (story);
  gint64 first = 0;

  for (guint i = 0; i < editions->len; i++)
    {
      gint64 at = nd_edition_get_publish_at (g_ptr_array_index (editions, i));

      if (at > 0 && (first == 0 || at < first))
        first = at;
    }

  return first;
}

static char *
format_meta (NdStoryListRow *self)
{
  NdSection *section = nd_story_store_get_section (self->store, nd_story_get_section_id (self->story));
  const char *section_name = section != NULL
                             ? nd_section_get_name (section, preferred_langs ()[0] != NULL ? preferred_langs ()[0] : "en")
                             : _("No section");
  gint64 publish_at = first_publish_time (self->story);
  g_autoptr(GDateTime) when = NULL;
  g_autofree char *formatted = NULL;

  if (publish_at == 0)
    return g_strdup_printf ("%s · %s", section_name, _("Not scheduled"));

  /* Publish times are shown in the publication's zone, as the site shows
   * them. */
  when = g_date_time_new_from_unix_utc (publish_at);
  if (self->time_zone != NULL)
    {
      GDateTime *local = g_date_time_to_timezone (when, self->time_zone);

      g_date_time_unref (when);
      when = local;
    }
  /* Translators: a date and time as in "28 Nov 2026, 14:05"; see strftime(3) */
  formatted = g_date_time_format (when, _("%-e %b %Y, %H:%M"));

  return g_strdup_printf ("%s · %s", section_name, g_strstrip (formatted));
}

/* Where the story stands with the websites. A story that only lives here
 * shows nothing: most desks are not synced, and the row stays calm. */
static void
update_sync_state (NdStoryListRow *self)
{
  NdEditionSyncState state = ND_EDITION_SYNC_LOCAL;

  if (self->sync_store == NULL || self->story == NULL)
    {
      if (self->sync_icon != NULL)
        gtk_widget_set_visible (self->sync_icon, FALSE);
      return;
    }

  state = nd_sync_store_get_story_state (self->sync_store, nd_story_get_id (self->story));
  if (self->sync_icon == NULL)
    {
      self->sync_icon = nd_sync_state_icon_new ();
      gtk_box_prepend (self->chips_box, self->sync_icon);
    }
  nd_sync_state_icon_set_state (ND_SYNC_STATE_ICON (self->sync_icon), state);
  gtk_widget_set_visible (self->sync_icon, state != ND_EDITION_SYNC_LOCAL);
}

static gboolean
on_sync_refresh_cb (gpointer user_data)
{
  NdStoryListRow *self = user_data;

  self->sync_refresh_id = 0;
  update_sync_state (self);
  return G_SOURCE_REMOVE;
}

/* A pass changes many editions in a row; the rows catch up a moment later,
 * once for the lot. */
static void
on_edition_sync_changed_cb (NdStoryListRow *self)
{
  if (self->sync_refresh_id == 0 && self->story != NULL)
    self->sync_refresh_id = g_timeout_add (300, on_sync_refresh_cb, self);
}

static void
update (NdStoryListRow *self)
{
  g_autofree char *meta = NULL;
  const char *headline;

  if (self->story == NULL)
    return;

  headline = nd_story_get_headline (self->story, preferred_langs ());
  gtk_label_set_text (self->headline_label, *headline != '\0' ? headline : _("Untitled story"));
  gtk_widget_set_opacity (GTK_WIDGET (self->headline_label), *headline != '\0' ? 1.0 : 0.6);

  meta = format_meta (self);
  gtk_label_set_text (self->meta_label, meta);
  rebuild_chips (self);
  update_sync_state (self);
}

static void
on_story_notify_cb (NdStoryListRow *self,
                    GParamSpec     *pspec,
                    NdStory        *story)
{
  update (self);
}

static void
nd_story_list_row_dispose (GObject *object)
{
  NdStoryListRow *self = (NdStoryListRow *)object;
  GtkWidget *child;

  nd_story_list_row_set_story (self, NULL);
  gtk_widget_dispose_template (GTK_WIDGET (self), ND_TYPE_STORY_LIST_ROW);
  while ((child = gtk_widget_get_first_child (GTK_WIDGET (self))) != NULL)
    gtk_widget_unparent (child);
  g_clear_handle_id (&self->sync_refresh_id, g_source_remove);
  g_clear_object (&self->sync_store);
  g_clear_object (&self->store);
  g_clear_pointer (&self->time_zone, g_time_zone_unref);

  G_OBJECT_CLASS (nd_story_list_row_parent_class)->dispose (object);
}

static void
nd_story_list_row_class_init (NdStoryListRowClass *klass)
{
  GObjectClass *object_class = G_OBJECT_CLASS (klass);
  GtkWidgetClass *widget_class = GTK_WIDGET_CLASS (klass);

  object_class->dispose = nd_story_list_row_dispose;

  gtk_widget_class_set_template_from_resource (widget_class, "/io/github/newsdesk/Newsdesk/nd-story-list-row.ui");
  gtk_widget_class_bind_template_child (widget_class, NdStoryListRow, headline_label);
  gtk_widget_class_bind_template_child (widget_class, NdStoryListRow, meta_label);
  gtk_widget_class_bind_template_child (widget_class, NdStoryListRow, snippet_label);
  gtk_widget_class_bind_template_child (widget_class, NdStoryListRow, chips_box);
  gtk_widget_class_set_layout_manager_type (widget_class, GTK_TYPE_BIN_LAYOUT);
}

static void
nd_story_list_row_init (NdStoryListRow *self)
{
  gtk_widget_init_template (GTK_WIDGET (self));
}

NdStoryListRow *
nd_story_list_row_new (NdStoryStore *store)
{
  NdStoryListRow *self;

  g_return_val_if_fail (ND_IS_STORY_STORE (store), NULL);

  g_autofree char *zone = NULL;

  self = g_object_new (ND_TYPE_STORY_LIST_ROW, NULL);
  self->store = g_object_ref (store);
  zone = nd_story_store_get_setting (store, "time-zone");
  if (zone != NULL)
    self->time_zone = g_time_zone_new_identifier (zone);
  return self;
}

/**
 * nd_story_list_row_set_story:
 * @self: a #NdStoryListRow
 * @story: (nullable): the story to show
 *
 * Shows @story and follows its changes.
 */
void
nd_story_list_row_set_story (NdStoryListRow *self,
                             NdStory        *story)
{
  g_return_if_fail (ND_IS_STORY_LIST_ROW (self));

  if (self->story == story)
    return;

  if (self->story != NULL)
    g_clear_signal_handler (&self->notify_id, self->story);
  g_set_object (&self->story, story);
  if (story != NULL)
    {
      /* The list updates its item in place; updated-at changes last. */
      self->notify_id = g_signal_connect_object (story, "notify::updated-at",
                                                 G_CALLBACK (on_story_notify_cb), self, G_CONNECT_SWAPPED);
      update (self);
    }
}

/**
 * nd_story_list_row_set_snippet:
 * @self: a #NdStoryListRow
 * @markup: (nullable): the passage that matched a search, as Pango markup
 * @lang: (nullable): the language of the passage
 *
 * Shows under the headline the passage a search found, in its language's
 * direction.
 */
void
nd_story_list_row_set_snippet (NdStoryListRow *self,
                               const char     *markup,
                               const char     *lang)
{
  NdLanguage *language;

  g_return_if_fail (ND_IS_STORY_LIST_ROW (self));

  gtk_widget_set_visible (GTK_WIDGET (self->snippet_label), markup != NULL);
  gtk_label_set_markup (self->snippet_label, markup != NULL ? markup : "");

  language = lang != NULL ? nd_story_store_get_language (self->store, lang) : NULL;
  gtk_widget_set_direction (GTK_WIDGET (self->snippet_label),
                            language == NULL ? GTK_TEXT_DIR_NONE
                            : nd_language_get_rtl (language) ? GTK_TEXT_DIR_RTL : GTK_TEXT_DIR_LTR);
}

/**
 * nd_story_list_row_set_sync_store:
 * @self: a #NdStoryListRow
 * @sync_store: (nullable): where the stories' sync state is kept
 *
 * Lets the row show whether its story is on the websites, waiting to go,
 * or in conflict.
 */
void
nd_story_list_row_set_sync_store (NdStoryListRow *self,
                                  NdSyncStore    *sync_store)
{
  g_return_if_fail (ND_IS_STORY_LIST_ROW (self));

  if (self->sync_store == sync_store)
    return;

  if (self->sync_store != NULL)
    g_signal_handlers_disconnect_by_data (self->sync_store, self);
  g_set_object (&self->sync_store, sync_store);
  if (sync_store != NULL)
    g_signal_connect_object (sync_store, "edition-sync-changed", G_CALLBACK (on_edition_sync_changed_cb), self,
                             G_CONNECT_SWAPPED);
  update_sync_state (self);
}
