/* nd-schedule-dialog.c
 *
 * SPDX-License-Identifier: GPL-3.0-or-later
 */

#define G_LOG_DOMAIN "newsdesk-schedule"

#include "config.h"

#include <glib/gi18n.h>

#include "nd-schedule-dialog.h"
#include "nd-schedule-popover.h"
#include "nd-status-control.h"
#include "nd-widget-util.h"
#include "nd-workflow.h"

/**
 * NdScheduleDialog:
 *
 * "Schedule all editions together": one base date and time in the
 * publication's zone, and for each edition of the story whether it goes
 * with the others and how long after the base time (Arabic two hours after
 * Russian). Each row previews its edition's time in the publication's zone
 * and in the editor's own, and says what stands in the way of scheduling
 * it. The schedule is written by nd_story_store_schedule_story(): all the
 * chosen editions or none; a stale translation asks for confirmation first.
 */
typedef struct
{
  char           *lang;
  char           *name;
  GtkCheckButton *check;
  GtkSpinButton  *hours;
  GtkSpinButton  *minutes;
  GtkLabel       *preview;
} Row;

struct _NdScheduleDialog
{
  AdwWindow       parent_instance;

  NdStoryStore   *store;
  gint64          story_id;
  GTimeZone      *zone;
  GTimeZone      *local_zone;
  GPtrArray      *rows;
  gboolean        loading;

  GtkLabel       *base_heading;
  GtkCalendar    *calendar;
  GtkWidget      *time_box;
  GtkSpinButton  *hour_spin;
  GtkSpinButton  *minute_spin;
  GtkLabel       *note_label;
  GtkListBox     *rows_box;
  GtkLabel       *message_label;
  GtkButton      *schedule_button;
};

G_DEFINE_FINAL_TYPE (NdScheduleDialog, nd_schedule_dialog, ADW_TYPE_WINDOW)

enum {
  PROP_0,
  PROP_STORE,
  PROP_STORY_ID,
  N_PROPS
};

enum {
  SCHEDULED,
  N_SIGNALS
};

static GParamSpec *properties [N_PROPS];
static guint signals [N_SIGNALS];

static void
row_free (Row *row)
{
  g_free (row->lang);
  g_free (row->name);
  g_free (row);
}

static Row *
find_row (NdScheduleDialog *self,
          const char       *lang)
{
  for (guint i = 0; i < self->rows->len; i++)
    {
      Row *row = g_ptr_array_index (self->rows, i);

      if (g_strcmp0 (row->lang, lang) == 0)
        return row;
    }

  return NULL;
}

static int
row_offset (Row *row)
{
  return gtk_spin_button_get_value_as_int (row->hours) * 60 + gtk_spin_button_get_value_as_int (row->minutes);
}

static void
show_message (NdScheduleDialog *self,
              const char       *message)
{
  gtk_label_set_text (self->message_label, message != NULL ? message : "");
  gtk_widget_set_visible (GTK_WIDGET (self->message_label), message != NULL);
}

static char *
row_preview (NdScheduleDialog *self,
             Row              *row,
             gint64            base)
{
  g_autofree char *publication = NULL;
  g_autofree char *local = NULL;
  gint64 utc;

  if (!gtk_check_button_get_active (row->check))
    return g_strdup (_("Not scheduled with the others"));
  if (base == 0)
    return g_strdup ("");

  utc = base + (gint64) row_offset (row) * 60;
  publication = nd_schedule_format_instant (self->zone, utc);
  local = nd_schedule_format_instant (self->local_zone, utc);

  /* Translators: an edition's publish time in the publication's zone,
   * then in the editor's own, as in
   * "Tue 1 Dec 2026, 16:00 MSK · your time Tue 1 Dec 2026, 14:00 CET" */
  return g_strdup_printf (_("%s · your time %s"), publication, local);
}

static void
update_previews (NdScheduleDialog *self)
{
  NdScheduleSummary summary;
  g_autoptr(GDateTime) date = NULL;

  if (self->loading)
    return;

  date = gtk_calendar_get_date (self->calendar);
  nd_schedule_summarize (self->zone, self->local_zone,
                         g_date_time_get_year (date), g_date_time_get_month (date),
                         g_date_time_get_day_of_month (date),
                         gtk_spin_button_get_value_as_int (self->hour_spin),
                         gtk_spin_button_get_value_as_int (self->minute_spin),
                         &summary);
  gtk_label_set_text (self->note_label, summary.note != NULL ? summary.note : "");
  gtk_widget_set_visible (GTK_WIDGET (self->note_label), summary.note != NULL);

  for (guint i = 0; i < self->rows->len; i++)
    {
      Row *row = g_ptr_array_index (self->rows, i);
      g_autofree char *preview = row_preview (self, row, summary.utc);

      gtk_label_set_text (row->preview, preview);
      gtk_widget_set_sensitive (GTK_WIDGET (row->hours), gtk_check_button_get_active (row->check));
      gtk_widget_set_sensitive (GTK_WIDGET (row->minutes), gtk_check_button_get_active (row->check));
    }

  show_message (self, NULL);
  nd_schedule_summary_clear (&summary);
}

static void
on_field_changed_cb (NdScheduleDialog *self)
{
  update_previews (self);
}

/* Times read 09:05, not 9:5. */
static gboolean
on_spin_output_cb (GtkSpinButton *spin)
{
  g_autofree char *text = g_strdup_printf ("%02d", gtk_spin_button_get_value_as_int (spin));

  if (g_strcmp0 (text, gtk_editable_get_text (GTK_EDITABLE (spin))) != 0)
    gtk_editable_set_text (GTK_EDITABLE (spin), text);

  return TRUE;
}

static GtkWidget *
caption_new (const char *text,
             const char *style)
{
  GtkWidget *label = gtk_label_new (text);

  gtk_label_set_xalign (GTK_LABEL (label), 0);
  gtk_label_set_wrap (GTK_LABEL (label), TRUE);
  gtk_widget_add_css_class (label, "caption");
  if (style != NULL)
    gtk_widget_add_css_class (label, style);

  return label;
}

static GtkSpinButton *
offset_spin_new (double      lower,
                 double      upper,
                 double      step,
                 const char *accessible)
{
  GtkWidget *spin = gtk_spin_button_new_with_range (lower, upper, step);

  gtk_spin_button_set_value (GTK_SPIN_BUTTON (spin), 0);
  gtk_widget_set_valign (spin, GTK_ALIGN_CENTER);
  gtk_accessible_update_property (GTK_ACCESSIBLE (spin), GTK_ACCESSIBLE_PROPERTY_LABEL, accessible, -1);

  return GTK_SPIN_BUTTON (spin);
}

static void
add_row (NdScheduleDialog *self,
         NdEdition        *edition)
{
  const char *lang = nd_edition_get_lang (edition);
  NdLanguage *language = nd_story_store_get_language (self->store, lang);
  Row *row = g_new0 (Row, 1);
  g_autoptr(GPtrArray) problems = NULL;
  g_autofree char *hours_name = NULL;
  g_autofree char *minutes_name = NULL;
  GtkWidget *box, *line, *hours_label, *minutes_label;
  gboolean refused = FALSE;

  row->lang = g_strdup (lang);
  row->name = g_strdup (language != NULL ? nd_language_get_native_name (language) : lang);

  box = gtk_box_new (GTK_ORIENTATION_VERTICAL, 4);
  gtk_widget_set_margin_top (box, 8);
  gtk_widget_set_margin_bottom (box, 8);
  gtk_widget_set_margin_start (box, 12);
  gtk_widget_set_margin_end (box, 12);

  line = gtk_box_new (GTK_ORIENTATION_HORIZONTAL, 6);
  row->check = GTK_CHECK_BUTTON (gtk_check_button_new_with_label (row->name));
  gtk_widget_set_hexpand (GTK_WIDGET (row->check), TRUE);
  /* Translators: %s is a language's own name, as in "Hours after (English)" */
  hours_name = g_strdup_printf (_("Hours after (%s)"), row->name);
  /* Translators: %s is a language's own name, as in "Minutes after (English)" */
  minutes_name = g_strdup_printf (_("Minutes after (%s)"), row->name);
  row->hours = offset_spin_new (-48, 72, 1, hours_name);
  row->minutes = offset_spin_new (0, 59, 5, minutes_name);
  /* Translators: the unit after the hours of an offset, as in "+ 2 h" */
  hours_label = gtk_label_new (_("h"));
  /* Translators: the unit after the minutes of an offset, as in "30 min" */
  minutes_label = gtk_label_new (_("min"));
  gtk_box_append (GTK_BOX (line), GTK_WIDGET (row->check));
  gtk_box_append (GTK_BOX (line), GTK_WIDGET (row->hours));
  gtk_box_append (GTK_BOX (line), hours_label);
  gtk_box_append (GTK_BOX (line), GTK_WIDGET (row->minutes));
  gtk_box_append (GTK_BOX (line), minutes_label);
  gtk_box_append (GTK_BOX (box), line);

  row->preview = GTK_LABEL (caption_new ("", "numeric"));
  gtk_box_append (GTK_BOX (box), GTK_WIDGET (row->preview));

  /* What the workflow says about scheduling this edition, as for a single
   * move: refusals, confirmations, warnings. */
  problems = nd_story_store_check_move (self->store, edition, ND_EDITION_STATUS_SCHEDULED, NULL);
  for (guint i = 0; problems != NULL && i < problems->len; i++)
    {
      const NdWorkflowProblem *problem = g_ptr_array_index (problems, i);
      const char *style = problem->severity == ND_WORKFLOW_SEVERITY_REFUSE ? "error" :
                          problem->severity == ND_WORKFLOW_SEVERITY_CONFIRM ? "warning" : "dim-label";

      refused |= problem->severity == ND_WORKFLOW_SEVERITY_REFUSE;
      gtk_box_append (GTK_BOX (box), caption_new (problem->message, style));
    }

  /* A published edition stays where it is; one that cannot be scheduled
   * starts unticked, and says why. */
  gtk_check_button_set_active (row->check,
                               !refused && nd_edition_get_status (edition) != ND_EDITION_STATUS_PUBLISHED);

  g_signal_connect_object (row->check, "toggled", G_CALLBACK (on_field_changed_cb), self, G_CONNECT_SWAPPED);
  g_signal_connect_object (row->hours, "value-changed", G_CALLBACK (on_field_changed_cb), self, G_CONNECT_SWAPPED);
  g_signal_connect_object (row->minutes, "value-changed", G_CALLBACK (on_field_changed_cb), self, G_CONNECT_SWAPPED);

  gtk_list_box_append (self->rows_box, box);
  g_ptr_array_add (self->rows, row);
}

static void
load_rows (NdScheduleDialog *self)
{
  g_autoptr(NdStory) story = NULL;
  g_autoptr(GError) error = NULL;
  GListModel *languages = nd_story_store_get_languages (self->store);

  story = nd_story_store_load_story (self->store, self->story_id, &error);
  if (story == NULL)
    {
      show_message (self, error->message);
      return;
    }

  /* In the publication's order of languages, as everywhere else. */
  for (guint i = 0; i < g_list_model_get_n_items (languages); i++)
    {
      g_autoptr(NdLanguage) language = g_list_model_get_item (languages, i);
      NdEdition *edition = nd_story_get_edition (story, nd_language_get_code (language));

      if (edition != NULL)
        add_row (self, edition);
    }
}

/* Applying ------------------------------------------------------------------ */

static void
on_confirmed_cb (gpointer user_data)
{
  nd_schedule_dialog_apply (ND_SCHEDULE_DIALOG (user_data), TRUE);
}

static void
on_schedule_clicked_cb (NdScheduleDialog *self)
{
  nd_schedule_dialog_apply (self, FALSE);
}

/* Overrides ----------------------------------------------------------------- */

static void
nd_schedule_dialog_constructed (GObject *object)
{
  NdScheduleDialog *self = ND_SCHEDULE_DIALOG (object);
  g_autofree char *heading = NULL;

  G_OBJECT_CLASS (nd_schedule_dialog_parent_class)->constructed (object);

  g_assert (ND_IS_STORY_STORE (self->store));

  self->zone = nd_story_store_get_time_zone (self->store);
  /* Translators: %s is a time zone identifier, as in "Europe/Moscow" */
  heading = g_strdup_printf (_("Base time in %s"), nd_schedule_zone_display_name (self->zone));
  gtk_label_set_text (self->base_heading, heading);

  self->loading = TRUE;
  load_rows (self);
  self->loading = FALSE;
  nd_schedule_dialog_set_base (self, 0);
}

static void
nd_schedule_dialog_dispose (GObject *object)
{
  NdScheduleDialog *self = ND_SCHEDULE_DIALOG (object);

  gtk_widget_dispose_template (GTK_WIDGET (self), ND_TYPE_SCHEDULE_DIALOG);
  g_clear_object (&self->store);

  G_OBJECT_CLASS (nd_schedule_dialog_parent_class)->dispose (object);
}

static void
nd_schedule_dialog_finalize (GObject *object)
{
  NdScheduleDialog *self = ND_SCHEDULE_DIALOG (object);

  g_clear_pointer (&self->rows, g_ptr_array_unref);
  g_clear_pointer (&self->zone, g_time_zone_unref);
  g_clear_pointer (&self->local_zone, g_time_zone_unref);

  G_OBJECT_CLASS (nd_schedule_dialog_parent_class)->finalize (object);
}

static void
nd_schedule_dialog_get_property (GObject    *object,
                                 guint       prop_id,
                                 GValue     *value,
                                 GParamSpec *pspec)
{
  NdScheduleDialog *self = ND_SCHEDULE_DIALOG (object);

  switch (prop_id)
    {
    case PROP_STORE:
      g_value_set_object (value, self->store);
      break;

    case PROP_STORY_ID:
      g_value_set_int64 (value, self->story_id);
      break;

    default:
      G_OBJECT_WARN_INVALID_PROPERTY_ID (object, prop_id, pspec);
    }
}

static void
nd_schedule_dialog_set_property (GObject      *object,
                                 guint         prop_id,
                                 const GValue *value,
                                 GParamSpec   *pspec)
{
  NdScheduleDialog *self = ND_SCHEDULE_DIALOG (object);

  switch (prop_id)
    {
    case PROP_STORE:
      self->store = g_value_dup_object (value);
      break;

    case PROP_STORY_ID:
      self->story_id = g_value_get_int64 (value);
      break;

    default:
      G_OBJECT_WARN_INVALID_PROPERTY_ID (object, prop_id, pspec);
    }
}

static void
nd_schedule_dialog_class_init (NdScheduleDialogClass *klass)
{
  GObjectClass *object_class = G_OBJECT_CLASS (klass);
  GtkWidgetClass *widget_class = GTK_WIDGET_CLASS (klass);

  object_class->constructed = nd_schedule_dialog_constructed;
  object_class->dispose = nd_schedule_dialog_dispose;
  object_class->finalize = nd_schedule_dialog_finalize;
  object_class->get_property = nd_schedule_dialog_get_property;
  object_class->set_property = nd_schedule_dialog_set_property;

  properties [PROP_STORE] =
    g_param_spec_object ("store", NULL, NULL,
                         ND_TYPE_STORY_STORE,
                         G_PARAM_READWRITE | G_PARAM_CONSTRUCT_ONLY | G_PARAM_STATIC_STRINGS);

  /**
   * NdScheduleDialog:story-id:
   *
   * The story whose editions are scheduled.
   */
  properties [PROP_STORY_ID] =
    g_param_spec_int64 ("story-id", NULL, NULL,
                        0, G_MAXINT64, 0,
                        G_PARAM_READWRITE | G_PARAM_CONSTRUCT_ONLY | G_PARAM_STATIC_STRINGS);

  g_object_class_install_properties (object_class, N_PROPS, properties);

  /**
   * NdScheduleDialog::scheduled:
   * @self: the dialog
   *
   * The editions were scheduled; the dialog closes.
   */
  signals [SCHEDULED] =
    g_signal_new ("scheduled", G_TYPE_FROM_CLASS (klass), G_SIGNAL_RUN_LAST,
                  0, NULL, NULL, NULL, G_TYPE_NONE, 0);

  gtk_widget_class_set_template_from_resource (widget_class, "/io/github/newsdesk/Newsdesk/nd-schedule-dialog.ui");
  gtk_widget_class_bind_template_child (widget_class, NdScheduleDialog, base_heading);
  gtk_widget_class_bind_template_child (widget_class, NdScheduleDialog, calendar);
  gtk_widget_class_bind_template_child (widget_class, NdScheduleDialog, time_box);
  gtk_widget_class_bind_template_child (widget_class, NdScheduleDialog, hour_spin);
  gtk_widget_class_bind_template_child (widget_class, NdScheduleDialog, minute_spin);
  gtk_widget_class_bind_template_child (widget_class, NdScheduleDialog, note_label);
  gtk_widget_class_bind_template_child (widget_class, NdScheduleDialog, rows_box);
  gtk_widget_class_bind_template_child (widget_class, NdScheduleDialog, message_label);
  gtk_widget_class_bind_template_child (widget_class, NdScheduleDialog, schedule_button);

  gtk_widget_class_add_binding_action (widget_class, GDK_KEY_Escape, 0, "window.close", NULL);
}

static void
nd_schedule_dialog_init (NdScheduleDialog *self)
{
  _nd_widgets_ensure_style ();
  gtk_widget_init_template (GTK_WIDGET (self));

  /* A time reads hours then minutes, left to right, in Arabic too. */
  gtk_widget_set_direction (self->time_box, GTK_TEXT_DIR_LTR);

  self->rows = g_ptr_array_new_with_free_func ((GDestroyNotify) row_free);
  self->local_zone = g_time_zone_new_local ();

  g_signal_connect_object (self->calendar, "day-selected", G_CALLBACK (on_field_changed_cb), self, G_CONNECT_SWAPPED);
  g_signal_connect_object (self->hour_spin, "value-changed", G_CALLBACK (on_field_changed_cb), self, G_CONNECT_SWAPPED);
  g_signal_connect_object (self->minute_spin, "value-changed", G_CALLBACK (on_field_changed_cb), self, G_CONNECT_SWAPPED);
  g_signal_connect_object (self->schedule_button, "clicked", G_CALLBACK (on_schedule_clicked_cb), self, G_CONNECT_SWAPPED);
  g_signal_connect (self->hour_spin, "output", G_CALLBACK (on_spin_output_cb), NULL);
  g_signal_connect (self->minute_spin, "output", G_CALLBACK (on_spin_output_cb), NULL);
}

/* Public API ---------------------------------------------------------------- */

/**
 * nd_schedule_dialog_new:
 * @store: the store
 * @story_id: the story whose editions to schedule
 *
 * Returns: (transfer full): a new dialog; present it, transient for the
 *   editor's window
 */
NdScheduleDialog *
nd_schedule_dialog_new (NdStoryStore *store,
                        gint64        story_id)
{
  g_return_val_if_fail (ND_IS_STORY_STORE (store), NULL);
  g_return_val_if_fail (story_id > 0, NULL);

  return g_object_new (ND_TYPE_SCHEDULE_DIALOG, "store", store, "story-id", story_id, NULL);
}

/**
 * nd_schedule_dialog_set_base:
 * @self: a #NdScheduleDialog
 * @base_utc: the base time, seconds UTC, or 0 for the next full hour but one
 */
void
nd_schedule_dialog_set_base (NdScheduleDialog *self,
                             gint64            base_utc)
{
  g_autoptr(GDateTime) wall = NULL;
  g_autoptr(GDateTime) date = NULL;

  g_return_if_fail (ND_IS_SCHEDULE_DIALOG (self));

  if (base_utc == 0)
    base_utc = (nd_schedule_now () / 3600 + 2) * 3600;

  wall = nd_schedule_utc_to_wall (self->zone, base_utc);
  /* GtkCalendar reads its date in the local zone; only the day counts. */
  date = g_date_time_new_local (g_date_time_get_year (wall), g_date_time_get_month (wall),
                                g_date_time_get_day_of_month (wall), 12, 0, 0);
  self->loading = TRUE;
  gtk_calendar_select_day (self->calendar, date);
  gtk_spin_button_set_value (self->hour_spin, g_date_time_get_hour (wall));
  gtk_spin_button_set_value (self->minute_spin, g_date_time_get_minute (wall));
  self->loading = FALSE;

  update_previews (self);
}

/**
 * nd_schedule_dialog_get_base:
 * @self: a #NdScheduleDialog
 *
 * Returns: the base time in the fields, seconds UTC, or 0 for a date that
 *   does not exist
 */
gint64
nd_schedule_dialog_get_base (NdScheduleDialog *self)
{
  g_autoptr(GDateTime) date = NULL;

  g_return_val_if_fail (ND_IS_SCHEDULE_DIALOG (self), 0);

  date = gtk_calendar_get_date (self->calendar);
  return nd_schedule_wall_to_utc (self->zone, g_date_time_get_year (date), g_date_time_get_month (date),
                                  g_date_time_get_day_of_month (date),
                                  gtk_spin_button_get_value_as_int (self->hour_spin),
                                  gtk_spin_button_get_value_as_int (self->minute_spin), NULL);
}

/**
 * nd_schedule_dialog_set_offset:
 * @self: a #NdScheduleDialog
 * @lang: a language code of the story's editions
 * @included: whether the edition is scheduled with the others
 * @minutes: how long after the base time it goes live
 */
void
nd_schedule_dialog_set_offset (NdScheduleDialog *self,
                               const char       *lang,
                               gboolean          included,
                               int               minutes)
{
  Row *row;

  g_return_if_fail (ND_IS_SCHEDULE_DIALOG (self));

  row = find_row (self, lang);
  g_return_if_fail (row != NULL);

  self->loading = TRUE;
  gtk_check_button_set_active (row->check, included);
  /* Whole hours in the hours field, the rest (0 to 59) in the minutes. */
  gtk_spin_button_set_value (row->hours, minutes >= 0 ? minutes / 60 : -((-minutes + 59) / 60));
  gtk_spin_button_set_value (row->minutes, minutes - gtk_spin_button_get_value_as_int (row->hours) * 60);
  self->loading = FALSE;

  update_previews (self);
}

/**
 * nd_schedule_dialog_get_preview:
 * @self: a #NdScheduleDialog
 * @lang: a language code of the story's editions
 *
 * Returns: (transfer full) (nullable): the time the row of @lang shows
 */
char *
nd_schedule_dialog_get_preview (NdScheduleDialog *self,
                                const char       *lang)
{
  Row *row;

  g_return_val_if_fail (ND_IS_SCHEDULE_DIALOG (self), NULL);

  row = find_row (self, lang);
  if (row == NULL)
    return NULL;

  return g_strdup (gtk_label_get_text (row->preview));
}

/**
 * nd_schedule_dialog_apply:
 * @self: a #NdScheduleDialog
 * @confirmed: whether the editor confirmed scheduling stale translations
 *
 * Schedules the chosen editions, as the Schedule button does. A refusal
 * (a time in the past, an edition that is not ready) is shown in the dialog
 * and nothing is written; an unconfirmed stale translation asks first.
 *
 * Returns: whether the editions were scheduled; the dialog then closes
 */
gboolean
nd_schedule_dialog_apply (NdScheduleDialog *self,
                          gboolean          confirmed)
{
  g_autoptr(GArray) offsets = g_array_new (FALSE, TRUE, sizeof (NdScheduleOffset));
  g_autoptr(GError) error = NULL;
  g_autofree char *author = nd_schedule_author ();
  gint64 base;

  g_return_val_if_fail (ND_IS_SCHEDULE_DIALOG (self), FALSE);

  base = nd_schedule_dialog_get_base (self);
  for (guint i = 0; i < self->rows->len; i++)
    {
      Row *row = g_ptr_array_index (self->rows, i);
      NdScheduleOffset offset = { row->lang, row_offset (row) };

      if (gtk_check_button_get_active (row->check))
        g_array_append_val (offsets, offset);
    }

  if (offsets->len == 0)
    {
      show_message (self, _("Choose at least one edition to schedule"));
      return FALSE;
    }
  if (base == 0)
    {
      show_message (self, _("That date does not exist"));
      return FALSE;
    }

  if (!nd_story_store_schedule_story (self->store, self->story_id, base,
                                      (const NdScheduleOffset *) offsets->data, offsets->len,
                                      author, confirmed, &error))
    {
      if (g_error_matches (error, ND_WORKFLOW_ERROR, ND_WORKFLOW_ERROR_NEEDS_CONFIRMATION))
        _nd_confirm_stale_move (GTK_WIDGET (self), error->message, _("_Schedule Anyway"),
                                on_confirmed_cb, g_object_ref (self), g_object_unref);
      else
        {
          show_message (self, error->message);
          gtk_widget_error_bell (GTK_WIDGET (self));
        }
      return FALSE;
    }

  show_message (self, NULL);
  g_signal_emit (self, signals [SCHEDULED], 0);
  gtk_window_close (GTK_WINDOW (self));
  return TRUE;
}

/**
 * nd_schedule_dialog_get_message:
 * @self: a #NdScheduleDialog
 *
 * Returns: (nullable): the refusal on show
 */
const char *
nd_schedule_dialog_get_message (NdScheduleDialog *self)
{
  g_return_val_if_fail (ND_IS_SCHEDULE_DIALOG (self), NULL);

  if (!gtk_widget_get_visible (GTK_WIDGET (self->message_label)))
    return NULL;

  return gtk_label_get_text (self->message_label);
}
