/* nd-revision-browser.c
 *
 * SPDX-License-Identifier: GPL-3.0-or-later
 */

#define G_LOG_DOMAIN "newsdesk-revision-browser"

#include "config.h"

#include <glib/gi18n.h>

#include "nd-diff.h"
#include "nd-revision-browser.h"

/**
 * NdRevisionBrowser:
 *
 * The kept states of one edition, newest first: when each was saved, how
 * long it was, whether it is pinned (a translation was made from it, or it
 * is a restore). The selected revision is shown against the current text,
 * word by word, and can be restored; the restore is itself a new revision,
 * so nothing is lost by it. #NdRevisionBrowser::restored tells the editor
 * to read the edition again.
 */
struct _NdRevisionBrowser
{
  AdwWindow        parent_instance;

  NdStoryStore    *store;
  gint64           edition_id;
  NdEdition       *edition;
  GPtrArray       *revisions;
  gboolean         writing;
  gboolean         filling;
  guint            reload_idle_id;

  AdwWindowTitle  *window_title;
  AdwToastOverlay *toast_overlay;
  GtkListBox      *list;
  GtkStack        *diff_stack;
  AdwStatusPage   *empty_page;
  GtkScrolledWindow *diff_scroller;
  GtkLabel        *summary_label;
  GtkLabel        *headline_label;
  GtkLabel        *standfirst_label;
  GtkLabel        *body_label;
};

G_DEFINE_FINAL_TYPE (NdRevisionBrowser, nd_revision_browser, ADW_TYPE_WINDOW)

enum {
  PROP_0,
  PROP_STORE,
  PROP_EDITION_ID,
  N_PROPS
};

enum {
  RESTORED,
  N_SIGNALS
};

static GParamSpec *properties [N_PROPS];
static guint signals [N_SIGNALS];

/* Helpers ------------------------------------------------------------------- */

static char *
format_date_time (GDateTime  *time,
                  const char *format)
{
  g_autofree char *text = g_date_time_format (time, format);

  /* %e pads single-digit days with a space. */
  return g_strdup (text != NULL ? g_strstrip (text) : "");
}

/**
 * nd_revision_browser_format_time:
 * @usec: a time, in microseconds since the epoch
 * @now_usec: the time now, in microseconds since the epoch
 *
 * Says when something was saved, in local time and as a person would:
 * "Just now", "5 minutes ago", "Today, 14:05", "Yesterday, 09:12",
 * "Monday, 18:30", "28 November, 14:05", "28 November 2024, 14:05".
 *
 * Returns: (transfer full): the time, for people
 */
char *
nd_revision_browser_format_time (gint64 usec,
                                 gint64 now_usec)
{
  g_autoptr(GDateTime) time = g_date_time_new_from_unix_local (usec / G_USEC_PER_SEC);
  g_autoptr(GDateTime) now = g_date_time_new_from_unix_local (now_usec / G_USEC_PER_SEC);
  g_autoptr(GDateTime) today = NULL;
  g_autoptr(GDateTime) day = NULL;
  g_autofree char *clock = NULL;
  gint64 seconds = (now_usec - usec) / G_USEC_PER_SEC;
  int days;

  g_return_val_if_fail (time != NULL && now != NULL, g_strdup (""));

  if (seconds >= 0 && seconds < 60)
    return g_strdup (_("Just now"));
  if (seconds >= 0 && seconds < 60 * 60)
    {
      int minutes = seconds / 60;
      return g_strdup_printf (ngettext ("%d minute ago", "%d minutes ago", minutes), minutes);
    }

  today = g_date_time_new_local (g_date_time_get_year (now), g_date_time_get_month (now),
                                 g_date_time_get_day_of_month (now), 0, 0, 0);
  day = g_date_time_new_local (g_date_time_get_year (time), g_date_time_get_month (time),
                               g_date_time_get_day_of_month (time), 0, 0, 0);
  /* Days between midnights, rounded: a day is not always 24 hours long. */
  days = (int) ((g_date_time_difference (today, day) + G_TIME_SPAN_HOUR * 12) / G_TIME_SPAN_DAY);
  /* Translators: a time of day; see strftime(3) */
  clock = format_date_time (time, _("%H:%M"));

  if (days == 0)
    /* Translators: %s is a time of day, "14:05" */
    return g_strdup_printf (_("Today, %s"), clock);
  if (days == 1)
    /* Translators: %s is a time of day, "14:05" */
    return g_strdup_printf (_("Yesterday, %s"), clock);
  if (days > 1 && days < 7)
    /* Translators: a weekday and a time, "Monday, 14:05"; see strftime(3) */
    return format_date_time (time, _("%A, %H:%M"));
  if (g_date_time_get_year (time) == g_date_time_get_year (now))
    /* Translators: a date in this year and a time, "28 November, 14:05"; see strftime(3) */
    return format_date_time (time, _("%-e %B, %H:%M"));

  /* Translators: a date and a time, "28 November 2024, 14:05"; see strftime(3) */
  return format_date_time (time, _("%-e %B %Y, %H:%M"));
}

static GtkTextDirection
edition_direction (NdRevisionBrowser *self)
{
  NdLanguage *language = self->edition != NULL
                         ? nd_story_store_get_language (self->store, nd_edition_get_lang (self->edition))
                         : NULL;

  return language != NULL && nd_language_get_rtl (language) ? GTK_TEXT_DIR_RTL : GTK_TEXT_DIR_LTR;
}

static NdRevision *
selected_revision (NdRevisionBrowser *self)
{
  GtkListBoxRow *row = gtk_list_box_get_selected_row (self->list);
  int index;

  if (row == NULL || self->revisions == NULL)
    return NULL;

  index = gtk_list_box_row_get_index (row);
  if (index < 0 || (guint) index >= self->revisions->len)
    return NULL;

  return g_ptr_array_index (self->revisions, index);
}

static gboolean
same_text (NdEdition  *edition,
           NdRevision *revision)
{
  return g_strcmp0 (nd_edition_get_headline (edition), nd_revision_get_headline (revision)) == 0 &&
         g_strcmp0 (nd_edition_get_standfirst (edition), nd_revision_get_standfirst (revision)) == 0 &&
         g_strcmp0 (nd_edition_get_dateline_city (edition), nd_revision_get_dateline_city (revision)) == 0 &&
         g_strcmp0 (nd_edition_get_body (edition), nd_revision_get_body (revision)) == 0;
}

/* Shows @new_text against @old_text; the label hides when both are empty. */
static void
show_diff (GtkLabel   *label,
           const char *old_text,
           const char *new_text,
           gboolean    diff)
{
  gboolean empty = (old_text == NULL || *old_text == '\0') && (new_text == NULL || *new_text == '\0');

  gtk_widget_set_visible (GTK_WIDGET (label), !empty);
  if (empty)
    return;

  if (diff)
    {
      g_autoptr(GPtrArray) ops = nd_diff_words (old_text, new_text);
      g_autofree char *markup = nd_diff_to_markup (ops);

      gtk_label_set_markup (label, markup);
    }
  else
    gtk_label_set_text (label, new_text);
}

static void
show_selected (NdRevisionBrowser *self)
{
  NdRevision *revision = selected_revision (self);
  GtkTextDirection dir = edition_direction (self);
  gboolean same;

  if (revision == NULL || self->edition == NULL)
    {
      gtk_stack_set_visible_child_name (self->diff_stack, "empty");
      gtk_widget_action_set_enabled (GTK_WIDGET (self), "history.restore", FALSE);
      return;
    }

  same = same_text (self->edition, revision);
  if (same)
    gtk_label_set_text (self->summary_label, _("This revision is the current text."));
  else
    gtk_label_set_text (self->summary_label,
                        _("Compared with the current text: underlined words come back when this revision is "
                          "restored, struck-through words go."));

  gtk_widget_set_direction (GTK_WIDGET (self->headline_label), dir);
  gtk_widget_set_direction (GTK_WIDGET (self->standfirst_label), dir);
  gtk_widget_set_direction (GTK_WIDGET (self->body_label), dir);

  /* From the current text to the revision: what a restore would do. */
  show_diff (self->headline_label, nd_edition_get_headline (self->edition), nd_revision_get_headline (revision), !same);
  show_diff (self->standfirst_label, nd_edition_get_standfirst (self->edition), nd_revision_get_standfirst (revision),
             !same);
  show_diff (self->body_label, nd_edition_get_body (self->edition), nd_revision_get_body (revision), !same);

  gtk_stack_set_visible_child_name (self->diff_stack, "diff");
  gtk_widget_action_set_enabled (GTK_WIDGET (self), "history.restore", !same);
}

static GtkWidget *
add_chip (GtkWidget  *box,
          const char *text,
          const char *css_class)
{
  GtkWidget *chip = gtk_label_new (text);

  gtk_widget_add_css_class (chip, "status-chip");
  gtk_widget_add_css_class (chip, "pill");
  if (css_class != NULL)
    gtk_widget_add_css_class (chip, css_class);
  gtk_widget_set_valign (chip, GTK_ALIGN_CENTER);
  gtk_box_append (GTK_BOX (box), chip);

  return chip;
}

static GtkWidget *
create_row (NdRevisionBrowser *self,
            NdRevision        *revision,
            gint64             now)
{
  g_autoptr(GDateTime) time = g_date_time_new_from_unix_local (nd_revision_get_saved_at (revision) / G_USEC_PER_SEC);
  g_autofree char *when = nd_revision_browser_format_time (nd_revision_get_saved_at (revision), now);
  /* Translators: a full date and time in a tooltip; see strftime(3) */
  g_autofree char *full = format_date_time (time, _("%A, %-e %B %Y, %H:%M:%S"));
  int words = nd_revision_get_word_count (revision);
  g_autofree char *count = g_strdup_printf (ngettext ("%d word", "%d words", words), words);
  gboolean current = self->edition != NULL && nd_revision_get_revision (revision) == nd_edition_get_revision (self->edition);
  g_autoptr(GString) accessible = g_string_new (NULL);
  GtkWidget *row = gtk_list_box_row_new ();
  GtkWidget *box = gtk_box_new (GTK_ORIENTATION_VERTICAL, 3);
  GtkWidget *top = gtk_box_new (GTK_ORIENTATION_HORIZONTAL, 6);
  GtkWidget *when_label = gtk_label_new (when);
  GtkWidget *count_label = gtk_label_new (count);

  gtk_widget_set_margin_top (box, 6);
  gtk_widget_set_margin_bottom (box, 6);
  gtk_widget_set_margin_start (box, 6);
  gtk_widget_set_margin_end (box, 6);

  gtk_label_set_xalign (GTK_LABEL (when_label), 0);
  gtk_label_set_ellipsize (GTK_LABEL (when_label), PANGO_ELLIPSIZE_END);
  gtk_widget_set_hexpand (when_label, TRUE);
  gtk_widget_set_tooltip_text (when_label, full);
  gtk_box_append (GTK_BOX (top), when_label);

  if (current)
    add_chip (top, C_("revision", "Current"), "in-review");
  if (nd_revision_get_pinned (revision))
    {
      GtkWidget *chip = add_chip (top, C_("revision", "Pinned"), NULL);
      gtk_widget_set_tooltip_text (chip, _("Kept for good: a translation was made from it, or it is a restore"));
    }

  gtk_label_set_xalign (GTK_LABEL (count_label), 0);
  gtk_widget_add_css_class (count_label, "caption");
  gtk_widget_add_css_class (count_label, "dim-label");

  gtk_box_append (GTK_BOX (box), top);
  gtk_box_append (GTK_BOX (box), count_label);
  gtk_list_box_row_set_child (GTK_LIST_BOX_ROW (row), box);

  /* One name for screen readers: "Today, 14:05, 812 words, current, pinned" */
  g_string_append_printf (accessible, "%s, %s", when, count);
  if (current)
    g_string_append_printf (accessible, ", %s", C_("revision", "current"));
  if (nd_revision_get_pinned (revision))
    g_string_append_printf (accessible, ", %s", C_("revision", "pinned"));
  gtk_accessible_update_property (GTK_ACCESSIBLE (row), GTK_ACCESSIBLE_PROPERTY_LABEL, accessible->str, -1);

  return row;
}

static void
update_title (NdRevisionBrowser *self)
{
  g_autofree char *subtitle = NULL;

  if (self->edition != NULL)
    {
      NdLanguage *language = nd_story_store_get_language (self->store, nd_edition_get_lang (self->edition));
      const char *headline = nd_edition_get_headline (self->edition);

      subtitle = g_strdup_printf ("%s · %s",
                                  *headline != '\0' ? headline : _("Untitled"),
                                  language != NULL ? nd_language_get_native_name (language) : nd_edition_get_lang (self->edition));
    }

  adw_window_title_set_subtitle (self->window_title, subtitle != NULL ? subtitle : "");
}

/* Reads the edition and its history again; @select_id names the revision row
 * to select, or 0 to keep the selection (or take the newest). */
static void
reload (NdRevisionBrowser *self,
        gint64             select_id)
{
  g_autoptr(GError) error = NULL;
  g_autoptr(NdEdition) edition = NULL;
  g_autoptr(GPtrArray) revisions = NULL;
  NdRevision *previous = selected_revision (self);
  gint64 now = g_get_real_time ();
  GtkWidget *child;
  GtkListBoxRow *to_select = NULL;

  g_clear_handle_id (&self->reload_idle_id, g_source_remove);

  if (select_id == 0 && previous != NULL)
    select_id = nd_revision_get_id (previous);

  edition = nd_story_store_load_edition_by_id (self->store, self->edition_id, &error);
  if (edition != NULL)
    revisions = nd_story_store_list_revisions (self->store, self->edition_id, &error);

  self->filling = TRUE;
  while ((child = gtk_widget_get_first_child (GTK_WIDGET (self->list))) != NULL)
    gtk_list_box_remove (self->list, child);
  g_clear_pointer (&self->revisions, g_ptr_array_unref);
  g_set_object (&self->edition, edition);
  update_title (self);

  if (revisions == NULL)
    {
      adw_status_page_set_title (self->empty_page, _("History Not Available"));
      adw_status_page_set_description (self->empty_page, error != NULL ? error->message : NULL);
      self->filling = FALSE;
      show_selected (self);
      return;
    }

  self->revisions = g_steal_pointer (&revisions);
  for (guint i = 0; i < self->revisions->len; i++)
    {
      NdRevision *revision = g_ptr_array_index (self->revisions, i);
      GtkWidget *row = create_row (self, revision, now);

      gtk_list_box_append (self->list, row);
      if (to_select == NULL && (select_id == 0 || nd_revision_get_id (revision) == select_id))
        to_select = GTK_LIST_BOX_ROW (row);
    }
  if (to_select == NULL)
    to_select = gtk_list_box_get_row_at_index (self->list, 0);

  gtk_list_box_select_row (self->list, to_select);
  self->filling = FALSE;
  show_selected (self);
}

static gboolean
reload_idle_cb (gpointer user_data)
{
  NdRevisionBrowser *self = user_data;

  self->reload_idle_id = 0;
  reload (self, 0);

  return G_SOURCE_REMOVE;
}

/* Callbacks ----------------------------------------------------------------- */

static void
on_row_selected_cb (NdRevisionBrowser *self,
                    GtkListBoxRow     *row,
                    GtkListBox        *list)
{
  if (!self->filling)
    show_selected (self);
}

static void
on_story_changed_cb (NdRevisionBrowser *self,
                     gint64             story_id,
                     NdStoryStore      *store)
{
  if (self->writing || self->edition == NULL || story_id != nd_edition_get_story_id (self->edition))
    return;

  if (self->reload_idle_id == 0)
    self->reload_idle_id = g_idle_add (reload_idle_cb, self);
}

static void
restore_action (GtkWidget  *widget,
                const char *action_name,
                GVariant   *parameter)
{
  NdRevisionBrowser *self = ND_REVISION_BROWSER (widget);
  g_autoptr(GError) error = NULL;
  AdwToast *toast;

  if (nd_revision_browser_restore (self, &error))
    toast = adw_toast_new (_("Revision restored"));
  else
    {
      /* Translators: %s is why, e.g. "The disk is full" */
      g_autofree char *message = g_strdup_printf (_("The revision could not be restored: %s"), error->message);
      toast = adw_toast_new (message);
      adw_toast_set_timeout (toast, 0);
    }

  adw_toast_overlay_add_toast (self->toast_overlay, toast);
}

/* GObject ------------------------------------------------------------------- */

static void
nd_revision_browser_constructed (GObject *object)
{
  NdRevisionBrowser *self = ND_REVISION_BROWSER (object);

  G_OBJECT_CLASS (nd_revision_browser_parent_class)->constructed (object);

  g_assert (ND_IS_STORY_STORE (self->store));
  g_signal_connect_object (self->store, "story-changed", G_CALLBACK (on_story_changed_cb), self,
                           G_CONNECT_SWAPPED);
  reload (self, 0);
}

static void
nd_revision_browser_dispose (GObject *object)
{
  NdRevisionBrowser *self = ND_REVISION_BROWSER (object);

  g_clear_handle_id (&self->reload_idle_id, g_source_remove);
  if (self->store != NULL)
    g_signal_handlers_disconnect_by_data (self->store, self);
  g_clear_pointer (&self->revisions, g_ptr_array_unref);
  g_clear_object (&self->edition);
  g_clear_object (&self->store);

  G_OBJECT_CLASS (nd_revision_browser_parent_class)->dispose (object);
}

static void
nd_revision_browser_get_property (GObject    *object,
                                  guint       prop_id,
                                  GValue     *value,
                                  GParamSpec *pspec)
{
  NdRevisionBrowser *self = ND_REVISION_BROWSER (object);

  switch (prop_id)
    {
    case PROP_STORE:
      g_value_set_object (value, self->store);
      break;

    case PROP_EDITION_ID:
      g_value_set_int64 (value, self->edition_id);
      break;

    default:
      G_OBJECT_WARN_INVALID_PROPERTY_ID (object, prop_id, pspec);
    }
}

static void
nd_revision_browser_set_property (GObject      *object,
                                  guint         prop_id,
                                  const GValue *value,
                                  GParamSpec   *pspec)
{
  NdRevisionBrowser *self = ND_REVISION_BROWSER (object);

  switch (prop_id)
    {
    case PROP_STORE:
      self->store = g_value_dup_object (value);
      break;

    case PROP_EDITION_ID:
      self->edition_id = g_value_get_int64 (value);
      break;

    default:
      G_OBJECT_WARN_INVALID_PROPERTY_ID (object, prop_id, pspec);
    }
}

static void
nd_revision_browser_class_init (NdRevisionBrowserClass *klass)
{
  GObjectClass *object_class = G_OBJECT_CLASS (klass);
  GtkWidgetClass *widget_class = GTK_WIDGET_CLASS (klass);

  object_class->constructed = nd_revision_browser_constructed;
  object_class->dispose = nd_revision_browser_dispose;
  object_class->get_property = nd_revision_browser_get_property;
  object_class->set_property = nd_revision_browser_set_property;

  /**
   * NdRevisionBrowser:store:
   *
   * Where the history is read from.
   */
  properties [PROP_STORE] =
    g_param_spec_object ("store", NULL, NULL,
                         ND_TYPE_STORY_STORE,
                         G_PARAM_READWRITE | G_PARAM_CONSTRUCT_ONLY | G_PARAM_STATIC_STRINGS);

  /**
   * NdRevisionBrowser:edition-id:
   *
   * The edition whose history is shown.
   */
  properties [PROP_EDITION_ID] =
    g_param_spec_int64 ("edition-id", NULL, NULL,
                        0, G_MAXINT64, 0,
                        G_PARAM_READWRITE | G_PARAM_CONSTRUCT_ONLY | G_PARAM_STATIC_STRINGS);

  g_object_class_install_properties (object_class, N_PROPS, properties);

  /**
   * NdRevisionBrowser::restored:
   * @self: the browser
   *
   * A revision was restored: the edition's text in the store changed, and
   * whoever shows it reads it again.
   */
  signals [RESTORED] =
    g_signal_new ("restored", G_TYPE_FROM_CLASS (klass), G_SIGNAL_RUN_LAST,
                  0, NULL, NULL, NULL, G_TYPE_NONE, 0);

  gtk_widget_class_set_template_from_resource (widget_class, "/io/github/newsdesk/Newsdesk/nd-revision-browser.ui");
  gtk_widget_class_bind_template_child (widget_class, NdRevisionBrowser, window_title);
  gtk_widget_class_bind_template_child (widget_class, NdRevisionBrowser, toast_overlay);
  gtk_widget_class_bind_template_child (widget_class, NdRevisionBrowser, list);
  gtk_widget_class_bind_template_child (widget_class, NdRevisionBrowser, diff_stack);
  gtk_widget_class_bind_template_child (widget_class, NdRevisionBrowser, empty_page);
  gtk_widget_class_bind_template_child (widget_class, NdRevisionBrowser, diff_scroller);
  gtk_widget_class_bind_template_child (widget_class, NdRevisionBrowser, summary_label);
  gtk_widget_class_bind_template_child (widget_class, NdRevisionBrowser, headline_label);
  gtk_widget_class_bind_template_child (widget_class, NdRevisionBrowser, standfirst_label);
  gtk_widget_class_bind_template_child (widget_class, NdRevisionBrowser, body_label);

  gtk_widget_class_install_action (widget_class, "history.restore", NULL, restore_action);
  gtk_widget_class_add_binding_action (widget_class, GDK_KEY_Escape, 0, "window.close", NULL);
}

static void
nd_revision_browser_init (NdRevisionBrowser *self)
{
  gtk_widget_init_template (GTK_WIDGET (self));
  g_signal_connect_object (self->list, "row-selected", G_CALLBACK (on_row_selected_cb), self, G_CONNECT_SWAPPED);
}

/* Public API ---------------------------------------------------------------- */

/**
 * nd_revision_browser_new:
 * @parent: (nullable): the window it belongs to
 * @store: the story store
 * @edition_id: the edition whose history to show
 *
 * Returns: (transfer none): a new #NdRevisionBrowser, to be presented
 */
NdRevisionBrowser *
nd_revision_browser_new (GtkWindow    *parent,
                         NdStoryStore *store,
                         gint64        edition_id)
{
  g_return_val_if_fail (parent == NULL || GTK_IS_WINDOW (parent), NULL);
  g_return_val_if_fail (ND_IS_STORY_STORE (store), NULL);

  return g_object_new (ND_TYPE_REVISION_BROWSER,
                       "transient-for", parent,
                       "store", store,
                       "edition-id", edition_id,
                       NULL);
}

gint64
nd_revision_browser_get_edition_id (NdRevisionBrowser *self)
{
  g_return_val_if_fail (ND_IS_REVISION_BROWSER (self), 0);

  return self->edition_id;
}

/**
 * nd_revision_browser_select_revision:
 * @self: a #NdRevisionBrowser
 * @revision: a revision number
 *
 * Selects the kept state that was current at @revision.
 *
 * Returns: whether there is one
 */
gboolean
nd_revision_browser_select_revision (NdRevisionBrowser *self,
                                     gint64             revision)
{
  g_return_val_if_fail (ND_IS_REVISION_BROWSER (self), FALSE);

  /* Newest first: the first at or before @revision. */
  for (guint i = 0; self->revisions != NULL && i < self->revisions->len; i++)
    if (nd_revision_get_revision (g_ptr_array_index (self->revisions, i)) <= revision)
      {
        gtk_list_box_select_row (self->list, gtk_list_box_get_row_at_index (self->list, i));
        return TRUE;
      }

  return FALSE;
}

/**
 * nd_revision_browser_restore:
 * @self: a #NdRevisionBrowser
 * @error: return location for a #GError
 *
 * Restores the selected revision. It becomes the newest revision, is
 * selected, and #NdRevisionBrowser::restored is emitted.
 *
 * Returns: whether it worked (%TRUE when nothing was selected)
 */
gboolean
nd_revision_browser_restore (NdRevisionBrowser  *self,
                             GError            **error)
{
  g_autoptr(NdEdition) edition = NULL;
  g_autoptr(NdRevision) revision = NULL;
  g_autoptr(GPtrArray) revisions = NULL;
  gboolean restored;

  g_return_val_if_fail (ND_IS_REVISION_BROWSER (self), FALSE);

  if (selected_revision (self) == NULL)
    return TRUE;

  revision = g_object_ref (selected_revision (self));
  /* The current text, as stored now: the restore keeps it in the history. */
  edition = nd_story_store_load_edition_by_id (self->store, self->edition_id, error);
  if (edition == NULL)
    return FALSE;

  self->writing = TRUE;
  restored = nd_story_store_restore_revision (self->store, edition, revision, error);
  self->writing = FALSE;
  if (!restored)
    return FALSE;

  /* The newest row is the restore. */
  revisions = nd_story_store_list_revisions (self->store, self->edition_id, NULL);
  reload (self, revisions != NULL && revisions->len > 0
                ? nd_revision_get_id (g_ptr_array_index (revisions, 0))
                : 0);
  g_signal_emit (self, signals [RESTORED], 0);

  return TRUE;
}
