/* nd-schedule-popover.c
 *
 * SPDX-License-Identifier: GPL-3.0-or-later
 */

#define G_LOG_DOMAIN "newsdesk-schedule"

#include "config.h"

#include <glib/gi18n.h>

#include "nd-schedule-popover.h"
#include "nd-widget-util.h"

/**
 * NdSchedulePopover:
 *
 * Picks an edition's publish time: a date and an hour and minute read in the
 * publication's time zone (the store's "time-zone" setting, named on
 * screen), with the same instant shown live in the editor's own zone beside
 * it. A time that a DST change skips or repeats is explained; a time in the
 * past is refused here, before anything is written. The publication's zone
 * can be changed from the popover.
 *
 * The popover writes nothing but the zone: it emits #NdSchedulePopover::schedule
 * with the chosen instant, and #NdSchedulePopover::unschedule, and its owner
 * moves the edition through the store's workflow rules and reports a refusal
 * back with nd_schedule_popover_set_message().
 */
struct _NdSchedulePopover
{
  GtkPopover      parent_instance;

  NdStoryStore   *store;
  GTimeZone      *zone;
  GTimeZone      *local_zone;
  gint64          now_utc;   /* 0: the clock */
  gboolean        loading;

  GtkCalendar    *calendar;
  GtkWidget      *time_box;
  GtkSpinButton  *hour_spin;
  GtkSpinButton  *minute_spin;
  GtkLabel       *publication_zone_label;
  GtkLabel       *publication_label;
  GtkLabel       *local_zone_label;
  GtkLabel       *local_label;
  GtkLabel       *note_label;
  GtkLabel       *message_label;
  GtkExpander    *zone_expander;
  GtkEntry       *zone_entry;
  GtkButton      *zone_button;
  GtkLabel       *zone_message_label;
  GtkButton      *unschedule_button;
  GtkButton      *schedule_button;
};

G_DEFINE_FINAL_TYPE (NdSchedulePopover, nd_schedule_popover, GTK_TYPE_POPOVER)

enum {
  PROP_0,
  PROP_STORE,
  N_PROPS
};

enum {
  SCHEDULE,
  UNSCHEDULE,
  ZONE_CHANGED,
  N_SIGNALS
};

static GParamSpec *properties [N_PROPS];
static guint signals [N_SIGNALS];

/* Pure logic ---------------------------------------------------------------- */

/**
 * nd_schedule_zone_display_name:
 * @zone: a zone
 *
 * Returns: the zone's identifier as people know it ("Europe/Moscow"), or
 *   "UTC" when it has none worth showing (a path to the system's zone file)
 */
const char *
nd_schedule_zone_display_name (GTimeZone *zone)
{
  const char *identifier;

  g_return_val_if_fail (zone != NULL, NULL);

  identifier = g_time_zone_get_identifier (zone);
  if (identifier == NULL || *identifier == '\0' || *identifier == '/' || *identifier == ':')
    return "UTC";

  return identifier;
}

/**
 * nd_schedule_format_instant:
 * @zone: the zone to show the instant in
 * @utc: seconds UTC
 *
 * Returns: (transfer full): the instant as a date and time in @zone, with
 *   the zone's abbreviation, as in "Tue 1 Dec 2026, 14:00 MSK"
 */
char *
nd_schedule_format_instant (GTimeZone *zone,
                            gint64     utc)
{
  g_autoptr(GDateTime) wall = NULL;

  g_return_val_if_fail (zone != NULL, NULL);

  wall = nd_schedule_utc_to_wall (zone, utc);
  if (wall == NULL)
    return g_strdup ("");

  /* Translators: a publish time, see g_date_time_format(); as in
   * "Tue 1 Dec 2026, 14:00 MSK" */
  return g_date_time_format (wall, _("%a %-d %b %Y, %H:%M %Z"));
}

static char *
format_clock (GDateTime *wall)
{
  /* Translators: a time of day with the zone's abbreviation, as in
   * "03:30 CEST"; see g_date_time_format() */
  return g_date_time_format (wall, _("%H:%M %Z"));
}

/**
 * nd_schedule_summarize:
 * @publication_zone: the zone the time is typed in
 * @local_zone: the editor's own zone
 * @year: the year
 * @month: the month, 1 to 12
 * @day: the day of the month
 * @hour: the hour, 0 to 23
 * @minute: the minute, 0 to 59
 * @summary: (out caller-allocates): what to show; clear it with
 *   nd_schedule_summary_clear()
 *
 * Reads the time with nd_schedule_wall_to_utc() and says what it became in
 * both zones, and why, when a DST change moved or doubled it.
 */
void
nd_schedule_summarize (GTimeZone         *publication_zone,
                       GTimeZone         *local_zone,
                       int                year,
                       int                month,
                       int                day,
                       int                hour,
                       int                minute,
                       NdScheduleSummary *summary)
{
  g_return_if_fail (publication_zone != NULL);
  g_return_if_fail (local_zone != NULL);
  g_return_if_fail (summary != NULL);

  memset (summary, 0, sizeof *summary);
  summary->utc = nd_schedule_wall_to_utc (publication_zone, year, month, day, hour, minute,
                                          &summary->resolution);
  if (summary->utc == 0)
    {
      summary->publication_text = g_strdup ("");
      summary->local_text = g_strdup ("");
      summary->note = g_strdup (_("That date does not exist"));
      return;
    }

  summary->publication_text = nd_schedule_format_instant (publication_zone, summary->utc);
  summary->local_text = nd_schedule_format_instant (local_zone, summary->utc);

  if (summary->resolution == ND_WALL_TIME_SKIPPED)
    {
      g_autoptr(GDateTime) wall = nd_schedule_utc_to_wall (publication_zone, summary->utc);
      g_autofree char *shown = format_clock (wall);

      /* Translators: the first %02d:%02d is the time typed, %s the zone
       * ("Europe/Berlin"), the last %s the time it becomes ("03:30 CEST") */
      summary->note = g_strdup_printf (_("%02d:%02d does not exist that day in %s, as the clocks go forward; it is read as %s."),
                                       hour, minute, nd_schedule_zone_display_name (publication_zone), shown);
    }
  else if (summary->resolution == ND_WALL_TIME_AMBIGUOUS)
    {
      g_autoptr(GDateTime) wall = nd_schedule_utc_to_wall (publication_zone, summary->utc);
      g_autoptr(GDateTime) later = g_date_time_add_hours (wall, 1);
      g_autofree char *first = format_clock (wall);
      g_autofree char *second = format_clock (later);

      /* Translators: %02d:%02d is the time typed, the first %s the zone
       * ("America/New_York"), then the instant taken ("01:30 EDT") and the
       * one not taken ("01:30 EST") */
      summary->note = g_strdup_printf (_("%02d:%02d happens twice that day in %s, as the clocks go back; the first one, %s, is taken, not %s."),
                                       hour, minute, nd_schedule_zone_display_name (publication_zone),
                                       first, second);
    }
}

void
nd_schedule_summary_clear (NdScheduleSummary *summary)
{
  g_return_if_fail (summary != NULL);

  g_clear_pointer (&summary->publication_text, g_free);
  g_clear_pointer (&summary->local_text, g_free);
  g_clear_pointer (&summary->note, g_free);
}

/**
 * nd_schedule_author:
 *
 * Returns: (transfer full): who is at the desk, for the status history: the
 *   real name, or the login name when the system knows no real name
 */
char *
nd_schedule_author (void)
{
  const char *name = g_get_real_name ();

  /* GLib says "Unknown" when the password database has no real name. */
  if (name == NULL || *name == '\0' || g_str_equal (name, "Unknown"))
    name = g_get_user_name ();

  return g_strdup (name);
}

/* Helpers ------------------------------------------------------------------- */

static gint64
now_utc (NdSchedulePopover *self)
{
  return self->now_utc != 0 ? self->now_utc : nd_schedule_now ();
}

static void
get_fields (NdSchedulePopover *self,
            int               *year,
            int               *month,
            int               *day,
            int               *hour,
            int               *minute)
{
  g_autoptr(GDateTime) date = gtk_calendar_get_date (self->calendar);

  *year = g_date_time_get_year (date);
  *month = g_date_time_get_month (date);
  *day = g_date_time_get_day_of_month (date);
  *hour = gtk_spin_button_get_value_as_int (self->hour_spin);
  *minute = gtk_spin_button_get_value_as_int (self->minute_spin);
}

static void
show_message (NdSchedulePopover *self,
              const char        *message)
{
  gtk_label_set_text (self->message_label, message != NULL ? message : "");
  gtk_widget_set_visible (GTK_WIDGET (self->message_label), message != NULL && *message != '\0');
}

static void
update_zone_labels (NdSchedulePopover *self)
{
  g_autofree char *publication = NULL;
  g_autofree char *local = NULL;

  /* Translators: %s is a time zone identifier, as in "Europe/Moscow" */
  publication = g_strdup_printf (_("Publication (%s)"), nd_schedule_zone_display_name (self->zone));
  /* Translators: %s is a time zone identifier, as in "Europe/Berlin" */
  local = g_strdup_printf (_("Your time (%s)"), nd_schedule_zone_display_name (self->local_zone));
  gtk_label_set_text (self->publication_zone_label, publication);
  gtk_label_set_text (self->local_zone_label, local);
}

static void
update_summary (NdSchedulePopover *self)
{
  NdScheduleSummary summary;
  int year, month, day, hour, minute;

  if (self->loading)
    return;

  get_fields (self, &year, &month, &day, &hour, &minute);
  nd_schedule_summarize (self->zone, self->local_zone, year, month, day, hour, minute, &summary);

  gtk_label_set_text (self->publication_label, summary.publication_text);
  gtk_label_set_text (self->local_label, summary.local_text);
  gtk_label_set_text (self->note_label, summary.note != NULL ? summary.note : "");
  gtk_widget_set_visible (GTK_WIDGET (self->note_label), summary.note != NULL);
  show_message (self, NULL);

  nd_schedule_summary_clear (&summary);
}

static void
load_zone (NdSchedulePopover *self)
{
  g_clear_pointer (&self->zone, g_time_zone_unref);
  self->zone = nd_story_store_get_time_zone (self->store);
  gtk_editable_set_text (GTK_EDITABLE (self->zone_entry), nd_schedule_zone_display_name (self->zone));
  update_zone_labels (self);
}

/* The fields hold a wall-clock time in the publication's zone. */
static void
load_time (NdSchedulePopover *self,
           gint64             utc)
{
  g_autoptr(GDateTime) wall = nd_schedule_utc_to_wall (self->zone, utc);
  g_autoptr(GDateTime) date = NULL;

  if (wall == NULL)
    return;

  self->loading = TRUE;
  /* GtkCalendar reads its date in the local zone; only the day counts. */
  date = g_date_time_new_local (g_date_time_get_year (wall), g_date_time_get_month (wall),
                                g_date_time_get_day_of_month (wall), 12, 0, 0);
  gtk_calendar_select_day (self->calendar, date);
  gtk_spin_button_set_value (self->hour_spin, g_date_time_get_hour (wall));
  gtk_spin_button_set_value (self->minute_spin, g_date_time_get_minute (wall));
  self->loading = FALSE;

  update_summary (self);
}

/* Callbacks ----------------------------------------------------------------- */

static void
on_field_changed_cb (NdSchedulePopover *self)
{
  update_summary (self);
}

static gboolean
on_spin_output_cb (GtkSpinButton *spin)
{
  g_autofree char *text = g_strdup_printf ("%02d", gtk_spin_button_get_value_as_int (spin));

  if (g_strcmp0 (text, gtk_editable_get_text (GTK_EDITABLE (spin))) != 0)
    gtk_editable_set_text (GTK_EDITABLE (spin), text);

  return TRUE;
}

static void
on_schedule_clicked_cb (NdSchedulePopover *self)
{
  g_autoptr(GError) error = NULL;
  gint64 utc = nd_schedule_popover_get_time (self);

  if (utc == 0)
    {
      show_message (self, _("That date does not exist"));
      return;
    }

  /* Refused here, before the owner writes anything. */
  if (!nd_schedule_check_future (utc, now_utc (self), self->zone, &error))
    {
      show_message (self, error->message);
      gtk_widget_error_bell (GTK_WIDGET (self));
      return;
    }

  show_message (self, NULL);
  g_signal_emit (self, signals [SCHEDULE], 0, utc);
}

static void
on_unschedule_clicked_cb (NdSchedulePopover *self)
{
  show_message (self, NULL);
  g_signal_emit (self, signals [UNSCHEDULE], 0);
}

static void
on_zone_apply_cb (NdSchedulePopover *self)
{
  g_autoptr(GError) error = NULL;
  g_autofree char *identifier = g_strstrip (g_strdup (gtk_editable_get_text (GTK_EDITABLE (self->zone_entry))));
  g_autoptr(GTimeZone) zone = NULL;
  gint64 utc = nd_schedule_popover_get_time (self);

  /* g_time_zone_new_identifier() is the judge: it knows the system's tz
   * database, and returns NULL for what it does not know. */
  if (*identifier != '\0')
    zone = g_time_zone_new_identifier (identifier);
  if (zone == NULL)
    {
      g_autofree char *message = NULL;

      /* Translators: %s is what the editor typed */
      message = g_strdup_printf (_("“%s” is not a time zone; use an identifier such as Europe/Moscow or America/New_York"),
                                 identifier);
      gtk_label_set_text (self->zone_message_label, message);
      gtk_widget_add_css_class (GTK_WIDGET (self->zone_message_label), "error");
      return;
    }

  if (!nd_story_store_set_setting (self->store, "time-zone", identifier, &error))
    {
      gtk_label_set_text (self->zone_message_label, error->message);
      gtk_widget_add_css_class (GTK_WIDGET (self->zone_message_label), "error");
      return;
    }

  gtk_widget_remove_css_class (GTK_WIDGET (self->zone_message_label), "error");
  gtk_label_set_text (self->zone_message_label, _("Every time on the desk is shown and entered in this zone."));
  load_zone (self);
  /* The same instant, now read in the new zone. */
  if (utc != 0)
    load_time (self, utc);
  g_signal_emit (self, signals [ZONE_CHANGED], 0);
}

static void
on_show_cb (NdSchedulePopover *self)
{
  gint64 utc = nd_schedule_popover_get_time (self);

  /* The zone may have been changed elsewhere since the last time. */
  load_zone (self);
  if (utc != 0)
    load_time (self, utc);
  gtk_widget_grab_focus (GTK_WIDGET (self->calendar));
}

/* Overrides ----------------------------------------------------------------- */

static void
nd_schedule_popover_constructed (GObject *object)
{
  NdSchedulePopover *self = ND_SCHEDULE_POPOVER (object);

  G_OBJECT_CLASS (nd_schedule_popover_parent_class)->constructed (object);

  g_assert (ND_IS_STORY_STORE (self->store));

  load_zone (self);
  nd_schedule_popover_set_time (self, 0);
}

static void
nd_schedule_popover_dispose (GObject *object)
{
  NdSchedulePopover *self = ND_SCHEDULE_POPOVER (object);

  gtk_widget_dispose_template (GTK_WIDGET (self), ND_TYPE_SCHEDULE_POPOVER);
  g_clear_object (&self->store);

  G_OBJECT_CLASS (nd_schedule_popover_parent_class)->dispose (object);
}

static void
nd_schedule_popover_finalize (GObject *object)
{
  NdSchedulePopover *self = ND_SCHEDULE_POPOVER (object);

  g_clear_pointer (&self->zone, g_time_zone_unref);
  g_clear_pointer (&self->local_zone, g_time_zone_unref);

  G_OBJECT_CLASS (nd_schedule_popover_parent_class)->finalize (object);
}

static void
nd_schedule_popover_get_property (GObject    *object,
                                  guint       prop_id,
                                  GValue     *value,
                                  GParamSpec *pspec)
{
  NdSchedulePopover *self = ND_SCHEDULE_POPOVER (object);

  switch (prop_id)
    {
    case PROP_STORE:
      g_value_set_object (value, self->store);
      break;

    default:
      G_OBJECT_WARN_INVALID_PROPERTY_ID (object, prop_id, pspec);
    }
}

static void
nd_schedule_popover_set_property (GObject      *object,
                                  guint         prop_id,
                                  const GValue *value,
                                  GParamSpec   *pspec)
{
  NdSchedulePopover *self = ND_SCHEDULE_POPOVER (object);

  switch (prop_id)
    {
    case PROP_STORE:
      self->store = g_value_dup_object (value);
      break;

    default:
      G_OBJECT_WARN_INVALID_PROPERTY_ID (object, prop_id, pspec);
    }
}

static void
nd_schedule_popover_class_init (NdSchedulePopoverClass *klass)
{
  GObjectClass *object_class = G_OBJECT_CLASS (klass);
  GtkWidgetClass *widget_class = GTK_WIDGET_CLASS (klass);

  object_class->constructed = nd_schedule_popover_constructed;
  object_class->dispose = nd_schedule_popover_dispose;
  object_class->finalize = nd_schedule_popover_finalize;
  object_class->get_property = nd_schedule_popover_get_property;
  object_class->set_property = nd_schedule_popover_set_property;

  /**
   * NdSchedulePopover:store:
   *
   * The store the publication's time zone is read from and written to.
   */
  properties [PROP_STORE] =
    g_param_spec_object ("store", NULL, NULL,
                         ND_TYPE_STORY_STORE,
                         G_PARAM_READWRITE | G_PARAM_CONSTRUCT_ONLY | G_PARAM_STATIC_STRINGS);

  g_object_class_install_properties (object_class, N_PROPS, properties);

  /**
   * NdSchedulePopover::schedule:
   * @self: the popover
   * @utc: the chosen publish time, seconds UTC, in the future
   *
   * The editor asked to schedule at @utc.
   */
  signals [SCHEDULE] =
    g_signal_new ("schedule", G_TYPE_FROM_CLASS (klass), G_SIGNAL_RUN_LAST,
                  0, NULL, NULL, NULL, G_TYPE_NONE, 1, G_TYPE_INT64);

  /**
   * NdSchedulePopover::unschedule:
   * @self: the popover
   *
   * The editor asked to take the edition off the schedule.
   */
  signals [UNSCHEDULE] =
    g_signal_new ("unschedule", G_TYPE_FROM_CLASS (klass), G_SIGNAL_RUN_LAST,
                  0, NULL, NULL, NULL, G_TYPE_NONE, 0);

  /**
   * NdSchedulePopover::zone-changed:
   * @self: the popover
   *
   * The publication's time zone was changed and saved.
   */
  signals [ZONE_CHANGED] =
    g_signal_new ("zone-changed", G_TYPE_FROM_CLASS (klass), G_SIGNAL_RUN_LAST,
                  0, NULL, NULL, NULL, G_TYPE_NONE, 0);

  gtk_widget_class_set_template_from_resource (widget_class, "/io/github/newsdesk/Newsdesk/nd-schedule-popover.ui");
  gtk_widget_class_bind_template_child (widget_class, NdSchedulePopover, calendar);
  gtk_widget_class_bind_template_child (widget_class, NdSchedulePopover, time_box);
  gtk_widget_class_bind_template_child (widget_class, NdSchedulePopover, hour_spin);
  gtk_widget_class_bind_template_child (widget_class, NdSchedulePopover, minute_spin);
  gtk_widget_class_bind_template_child (widget_class, NdSchedulePopover, publication_zone_label);
  gtk_widget_class_bind_template_child (widget_class, NdSchedulePopover, publication_label);
  gtk_widget_class_bind_template_child (widget_class, NdSchedulePopover, local_zone_label);
  gtk_widget_class_bind_template_child (widget_class, NdSchedulePopover, local_label);
  gtk_widget_class_bind_template_child (widget_class, NdSchedulePopover, note_label);
  gtk_widget_class_bind_template_child (widget_class, NdSchedulePopover, message_label);
  gtk_widget_class_bind_template_child (widget_class, NdSchedulePopover, zone_expander);
  gtk_widget_class_bind_template_child (widget_class, NdSchedulePopover, zone_entry);
  gtk_widget_class_bind_template_child (widget_class, NdSchedulePopover, zone_button);
  gtk_widget_class_bind_template_child (widget_class, NdSchedulePopover, zone_message_label);
  gtk_widget_class_bind_template_child (widget_class, NdSchedulePopover, unschedule_button);
  gtk_widget_class_bind_template_child (widget_class, NdSchedulePopover, schedule_button);
}

static void
nd_schedule_popover_init (NdSchedulePopover *self)
{
  _nd_widgets_ensure_style ();
  gtk_widget_init_template (GTK_WIDGET (self));

  /* A time reads hours then minutes, left to right, in Arabic too. */
  gtk_widget_set_direction (self->time_box, GTK_TEXT_DIR_LTR);

  self->local_zone = g_time_zone_new_local ();

  g_signal_connect_object (self->calendar, "day-selected", G_CALLBACK (on_field_changed_cb), self, G_CONNECT_SWAPPED);
  g_signal_connect_object (self->hour_spin, "value-changed", G_CALLBACK (on_field_changed_cb), self, G_CONNECT_SWAPPED);
  g_signal_connect_object (self->minute_spin, "value-changed", G_CALLBACK (on_field_changed_cb), self, G_CONNECT_SWAPPED);
  g_signal_connect (self->hour_spin, "output", G_CALLBACK (on_spin_output_cb), NULL);
  g_signal_connect (self->minute_spin, "output", G_CALLBACK (on_spin_output_cb), NULL);
  g_signal_connect_object (self->schedule_button, "clicked", G_CALLBACK (on_schedule_clicked_cb), self, G_CONNECT_SWAPPED);
  g_signal_connect_object (self->unschedule_button, "clicked", G_CALLBACK (on_unschedule_clicked_cb), self, G_CONNECT_SWAPPED);
  g_signal_connect_object (self->zone_button, "clicked", G_CALLBACK (on_zone_apply_cb), self, G_CONNECT_SWAPPED);
  g_signal_connect_object (self->zone_entry, "activate", G_CALLBACK (on_zone_apply_cb), self, G_CONNECT_SWAPPED);
  g_signal_connect (self, "show", G_CALLBACK (on_show_cb), NULL);
}

/* Public API ---------------------------------------------------------------- */

/**
 * nd_schedule_popover_new:
 * @store: the store the publication's time zone is kept in
 *
 * Returns: (transfer floating): a new #NdSchedulePopover
 */
GtkWidget *
nd_schedule_popover_new (NdStoryStore *store)
{
  g_return_val_if_fail (ND_IS_STORY_STORE (store), NULL);

  return g_object_new (ND_TYPE_SCHEDULE_POPOVER, "store", store, NULL);
}

/**
 * nd_schedule_popover_set_time:
 * @self: a #NdSchedulePopover
 * @utc: a publish time, seconds UTC, or 0 for the next full hour but one
 *
 * Fills the fields with @utc in the publication's zone.
 */
void
nd_schedule_popover_set_time (NdSchedulePopover *self,
                              gint64             utc)
{
  g_return_if_fail (ND_IS_SCHEDULE_POPOVER (self));

  /* A fresh schedule starts a little ahead, on the hour, where most
   * publish times are. */
  if (utc == 0)
    utc = (now_utc (self) / 3600 + 2) * 3600;

  load_time (self, utc);
}

/**
 * nd_schedule_popover_get_time:
 * @self: a #NdSchedulePopover
 *
 * Returns: the time in the fields, seconds UTC; 0 for a date that does not
 *   exist
 */
gint64
nd_schedule_popover_get_time (NdSchedulePopover *self)
{
  int year, month, day, hour, minute;

  g_return_val_if_fail (ND_IS_SCHEDULE_POPOVER (self), 0);

  get_fields (self, &year, &month, &day, &hour, &minute);
  return nd_schedule_wall_to_utc (self->zone, year, month, day, hour, minute, NULL);
}

/**
 * nd_schedule_popover_set_scheduled:
 * @self: a #NdSchedulePopover
 * @scheduled: whether the edition is scheduled already
 *
 * A scheduled edition is rescheduled, and can be unscheduled.
 */
void
nd_schedule_popover_set_scheduled (NdSchedulePopover *self,
                                   gboolean           scheduled)
{
  g_return_if_fail (ND_IS_SCHEDULE_POPOVER (self));

  gtk_widget_set_visible (GTK_WIDGET (self->unschedule_button), scheduled);
  gtk_button_set_label (self->schedule_button, scheduled ? _("_Reschedule") : _("_Schedule"));
}

/**
 * nd_schedule_popover_set_message:
 * @self: a #NdSchedulePopover
 * @message: (nullable): why the schedule was refused, or %NULL to clear
 */
void
nd_schedule_popover_set_message (NdSchedulePopover *self,
                                 const char        *message)
{
  g_return_if_fail (ND_IS_SCHEDULE_POPOVER (self));

  show_message (self, message);
}

/**
 * nd_schedule_popover_get_message:
 * @self: a #NdSchedulePopover
 *
 * Returns: (nullable): the refusal on show
 */
const char *
nd_schedule_popover_get_message (NdSchedulePopover *self)
{
  g_return_val_if_fail (ND_IS_SCHEDULE_POPOVER (self), NULL);

  if (!gtk_widget_get_visible (GTK_WIDGET (self->message_label)))
    return NULL;

  return gtk_label_get_text (self->message_label);
}

/**
 * nd_schedule_popover_set_now:
 * @self: a #NdSchedulePopover
 * @now_utc: what counts as now, seconds UTC, or 0 for the clock
 *
 * For tests: the present that past times are refused against.
 */
void
nd_schedule_popover_set_now (NdSchedulePopover *self,
                             gint64             now_utc)
{
  g_return_if_fail (ND_IS_SCHEDULE_POPOVER (self));

  self->now_utc = now_utc;
}
