/* nd-calendar-view.c
 *
 * SPDX-License-Identifier: GPL-3.0-or-later
 */

#define G_LOG_DOMAIN "newsdesk-calendar"

#include "config.h"

#include <glib/gi18n.h>
#include <adwaita.h>

#include "nd-calendar-view.h"
#include "nd-calendar-face.h"
#include "nd-schedule-popover.h"
#include "nd-status-control.h"
#include "nd-workflow.h"

/* The editorial calendar: a week, a month and an agenda of the editions that
 * have a publish time, laid out by NdCalendarModel in the publication's time
 * zone.
 *
 * Rescheduling. An item is selected when it has the keyboard focus (or was
 * last focused); then Alt+Left and Alt+Right move it a day earlier or later,
 * keeping its wall-clock time, and Alt+Up and Alt+Down 15 minutes earlier or
 * later. Under a right-to-left interface the grid is mirrored, so Alt+Left
 * and Alt+Right follow the arrows on screen: Alt+Left is the next day there.
 * Dragging an item onto another day keeps its time of day. A move into the
 * past is refused and said so in the view; a stale translation is moved once
 * the editor confirms it in a dialog, as in the editor.
 *
 * Alt+Page Up and Alt+Page Down go to the previous and next week or month,
 * Alt+Home to today. */

#define CSS_RESOURCE   "/io/github/newsdesk/Newsdesk/nd-calendar.css"
#define MONTH_CELL_MAX 3
#define N_LANG_COLORS  8

typedef struct
{
  gint64  story_id;
  gint64  edition_id;
  gint64  publish_at;
  char    lang[16];
  char   *tooltip;
} ItemRef;

struct _NdCalendarView
{
  GtkWidget                 parent_instance;

  NdStoryStore             *store;
  GTimeZone                *zone;
  NdCalendarModel          *model;
  GDate                     anchor;
  gint64                    now_utc;
  gint64                    selected;
  gulong                    store_handlers[4];
  guint                     reload_idle;
  guint                     minute_tick;
  /* Something changed while the view was not on screen. */
  gboolean                  stale;

  GCancellable             *loading;   /* reading the next period */
  NdCalendarModel          *next;      /* the period being read */

  GtkWidget                *header;
  GtkWidget                *title;
  GtkWidget                *message;
  AdwViewStack             *stack;
  GtkWidget                *week_headers[7];
  GtkWidget                *week_columns[7];
  GtkWidget                *month_headers[7];
  GtkWidget                *month_cells[42];
  GtkWidget                *month_labels[42];
  GtkWidget                *month_more[42];
  GtkWidget                *month_items[42][MONTH_CELL_MAX];
  GtkStringList            *agenda_strings;
  GtkWidget                *agenda_list;
  GtkWidget                *empty_agenda;

  GdkRGBA                   lang_colors[N_LANG_COLORS];
  gboolean                  lang_colors_known;
};

enum {
  PROP_0,
  PROP_STORE,
  PROP_PAGE,
  PROP_LOADING,
  N_PROPS
};

enum {
  STORY_ACTIVATED,
  N_SIGNALS
};

static GParamSpec *properties[N_PROPS];
static guint signals[N_SIGNALS];

G_DEFINE_FINAL_TYPE (NdCalendarView, nd_calendar_view, GTK_TYPE_WIDGET)

/* Helpers ------------------------------------------------------------------- */

static void
ensure_css (GtkWidget *widget)
{
  GdkDisplay *display = gtk_widget_get_display (widget);
  g_autoptr(GtkCssProvider) provider = NULL;

  if (display == NULL || g_object_get_data (G_OBJECT (display), "nd-calendar-css") != NULL)
    return;

  provider = gtk_css_provider_new ();
  gtk_css_provider_load_from_resource (provider, CSS_RESOURCE);
  gtk_style_context_add_provider_for_display (display, GTK_STYLE_PROVIDER (provider),
                                              GTK_STYLE_PROVIDER_PRIORITY_APPLICATION);
  g_object_set_data_full (G_OBJECT (display), "nd-calendar-css",
                          g_steal_pointer (&provider), g_object_unref);
}

static gint64
now_utc (NdCalendarView *self)
{
  return self->now_utc != 0 ? self->now_utc : g_get_real_time () / G_USEC_PER_SEC;
}

static NdCalendarSpan
page_span (NdCalendarView *self)
{
  const char *page = adw_view_stack_get_visible_child_name (self->stack);

  return g_strcmp0 (page, "week") == 0 ? ND_CALENDAR_SPAN_WEEK : ND_CALENDAR_SPAN_MONTH;
}

static const char *
language_name (NdCalendarView *self,
               const char     *code)
{
  NdLanguage *language = nd_story_store_get_language (self->store, code);

  if (language != NULL && nd_language_get_native_name (language) != NULL)
    return nd_language_get_native_name (language);
  return code;
}

static char *
describe_problems (NdCalendarProblem problems)
{
  g_autoptr(GPtrArray) parts = g_ptr_array_new ();

  if (problems & ND_CALENDAR_PROBLEM_SAME_MINUTE)
    g_ptr_array_add (parts, _("Another edition in this language goes live in the same minute"));
  if (problems & ND_CALENDAR_PROBLEM_NOT_READY)
    g_ptr_array_add (parts, _("Not ready"));
  if (problems & ND_CALENDAR_PROBLEM_STALE)
    g_ptr_array_add (parts, _("The translation is out of date"));
  if (problems & ND_CALENDAR_PROBLEM_MISSED)
    g_ptr_array_add (parts, _("Missed: due and not published"));
  if (parts->len == 0)
    return NULL;
  g_ptr_array_add (parts, NULL);
  /* Translators: separates the problems of one edition. */
  return g_strjoinv (_("; "), (char **) parts->pdata);
}

static void
show_message (NdCalendarView *self,
              const char     *message)
{
  gtk_label_set_text (GTK_LABEL (self->message), message != NULL ? message : "");
  gtk_widget_set_visible (self->message, message != NULL);
}

static void
remove_children (GtkWidget *box)
{
  GtkWidget *child;

  while ((child = gtk_widget_get_first_child (box)) != NULL)
    gtk_box_remove (GTK_BOX (box), child);
}

static GtkWidget *
find_item_button (GtkWidget *root,
                  gint64     edition_id)
{
  for (GtkWidget *child = gtk_widget_get_first_child (root);
       child != NULL;
       child = gtk_widget_get_next_sibling (child))
    {
      ItemRef *ref = g_object_get_data (G_OBJECT (child), "nd-calendar-item");
      GtkWidget *found;

      if (ref != NULL && ref->edition_id == edition_id && gtk_widget_get_mapped (child))
        return child;
      if ((found = find_item_button (child, edition_id)) != NULL)
        return found;
    }
  return NULL;
}

/* Reading and moving editions ------------------------------------------------ */

static GPtrArray *
items_from_scheduled (GPtrArray *scheduled)
{
  GPtrArray *items = g_ptr_array_new_full (scheduled->len, (GDestroyNotify) nd_calendar_item_free);

  for (guint i = 0; i < scheduled->len; i++)
    {
      const NdScheduledItem *item = g_ptr_array_index (scheduled, i);

      g_ptr_array_add (items, nd_calendar_item_new (item->story_id, item->edition_id, item->lang,
                                                    item->headline, item->status,
                                                    item->publish_at, item->stale));
    }
  return items;
}

static gboolean
schedule_in_store (NdStoryStore  *store,
                   gint64         edition_id,
                   gint64         publish_at,
                   gboolean       confirmed,
                   GError       **error)
{
  g_autoptr(NdEdition) edition = nd_story_store_load_edition_by_id (store, edition_id, error);
  g_autofree char *author = nd_schedule_author ();

  if (edition == NULL)
    return FALSE;
  return nd_story_store_schedule_edition (store, edition, publish_at, author, confirmed, error);
}

/* Items --------------------------------------------------------------------- */

static void
item_ref_free (ItemRef *ref)
{
  g_free (ref->tooltip);
  g_free (ref);
}

static gboolean
item_query_tooltip_cb (GtkWidget  *button,
                       int         x,
                       int         y,
                       gboolean    keyboard,
                       GtkTooltip *tooltip,
                       gpointer    data)
{
  ItemRef *ref = g_object_get_data (G_OBJECT (button), "nd-calendar-item");

  if (ref == NULL || ref->tooltip == NULL)
    return FALSE;
  gtk_tooltip_set_text (tooltip, ref->tooltip);
  return TRUE;
}

static void
item_clicked_cb (GtkButton      *button,
                 NdCalendarView *self)
{
  ItemRef *ref = g_object_get_data (G_OBJECT (button), "nd-calendar-item");

  if (ref == NULL)
    return;
  self->selected = ref->edition_id;
  g_signal_emit (self, signals[STORY_ACTIVATED], 0, ref->story_id, ref->lang);
}

static void
item_focus_enter_cb (GtkEventControllerFocus *controller,
                     NdCalendarView          *self)
{
  GtkWidget *button = gtk_event_controller_get_widget (GTK_EVENT_CONTROLLER (controller));
  ItemRef *ref = g_object_get_data (G_OBJECT (button), "nd-calendar-item");

  if (ref != NULL)
    self->selected = ref->edition_id;
}

static GdkContentProvider *
item_drag_prepare_cb (GtkDragSource  *source,
                      double          x,
                      double          y,
                      NdCalendarView *self)
{
  GtkWidget *button = gtk_event_controller_get_widget (GTK_EVENT_CONTROLLER (source));
  ItemRef *ref = g_object_get_data (G_OBJECT (button), "nd-calendar-item");

  if (ref == NULL)
    return NULL;
  self->selected = ref->edition_id;
  return gdk_content_provider_new_typed (G_TYPE_INT64, ref->edition_id);
}

static void
item_drag_begin_cb (GtkDragSource  *source,
                    GdkDrag        *drag,
                    NdCalendarView *self)
{
  GtkWidget *button = gtk_event_controller_get_widget (GTK_EVENT_CONTROLLER (source));
  g_autoptr(GdkPaintable) paintable = gtk_widget_paintable_new (button);

  gtk_drag_source_set_icon (source, paintable, 0, 0);
}

/* An item is a button holding an NdCalendarFace: its time, its language
 * code in the language's colour and its headline are the runs of one
 * PangoLayout, and the warning icon of a flagged item is the button's CSS
 * background (nd-calendar.css). A month shows 126 items. As a box, an
 * image and three labels each, they were some 750 widgets whose labels were
 * shaped for their natural width, their height and again at their width on
 * every layout of the window; a face has a fixed size and shapes its text
 * once, when drawn. The button keeps what editors and screen readers use:
 * focus, activation, dragging, the name and description. */
static GtkWidget *
item_button_new (NdCalendarView *self,
                 gboolean        draggable)
{
  GtkWidget *button = gtk_button_new ();
  GtkWidget *face = nd_calendar_face_new ();
  GtkEventController *focus = gtk_event_controller_focus_new ();

  gtk_widget_set_hexpand (face, TRUE);
  gtk_button_set_child (GTK_BUTTON (button), face);

  g_signal_connect (button, "clicked", G_CALLBACK (item_clicked_cb), self);
  gtk_widget_set_has_tooltip (button, TRUE);
  g_signal_connect (button, "query-tooltip", G_CALLBACK (item_query_tooltip_cb), NULL);
  g_signal_connect (focus, "enter", G_CALLBACK (item_focus_enter_cb), self);
  gtk_widget_add_controller (button, focus);

  if (draggable)
    {
      GtkDragSource *source = gtk_drag_source_new ();

      gtk_drag_source_set_actions (source, GDK_ACTION_MOVE);
      g_signal_connect (source, "prepare", G_CALLBACK (item_drag_prepare_cb), self);
      g_signal_connect (source, "drag-begin", G_CALLBACK (item_drag_begin_cb), self);
      gtk_widget_add_controller (button, GTK_EVENT_CONTROLLER (source));
    }
  return button;
}

/* The colours come from nd-calendar.css (calendar_lang_0 to _7), so that
 * the stylesheet keeps them all; they are the same in light and dark. */
static const GdkRGBA *
language_color (NdCalendarView *self,
                guint           index)
{
  g_assert (index < N_LANG_COLORS);

  if (!self->lang_colors_known)
    {
      G_GNUC_BEGIN_IGNORE_DEPRECATIONS
      GtkStyleContext *context = gtk_widget_get_style_context (GTK_WIDGET (self));

      for (guint i = 0; i < N_LANG_COLORS; i++)
        {
          g_autofree char *name = g_strdup_printf ("calendar_lang_%u", i);

          if (!gtk_style_context_lookup_color (context, name, &self->lang_colors[i]))
            gdk_rgba_parse (&self->lang_colors[i], "#1c71d8");
        }
      G_GNUC_END_IGNORE_DEPRECATIONS
      self->lang_colors_known = TRUE;
    }
  return &self->lang_colors[index];
}

static void
add_attribute (PangoAttrList  *attrs,
               PangoAttribute *attr,
               gsize           start,
               gsize           end)
{
  attr->start_index = start;
  attr->end_index = end;
  pango_attr_list_insert (attrs, attr);
}

/* "09:00 EN Headline": the time in tabular figures, the code smaller, bold
 * and coloured. Under a right-to-left interface the three parts are kept
 * apart by right-to-left marks, so that they read from the right, in the
 * same order as before, whatever the headline's language. */
static void
item_face_set (NdCalendarView *self,
               GtkWidget      *face,
               const char     *time_text,
               const char     *lang,
               const char     *headline,
               gboolean        faded)
{
  g_autoptr(GString) text = g_string_new (NULL);
  g_autoptr(PangoAttrList) attrs = pango_attr_list_new ();
  g_autofree char *lang_upper = g_ascii_strup (lang, -1);
  const char *mark = gtk_widget_get_direction (GTK_WIDGET (self)) == GTK_TEXT_DIR_RTL ? "\u200f" : "";
  const GdkRGBA *color = language_color (self, nd_calendar_language_color (lang));
  gsize time_start, time_end, lang_start, lang_end;

  g_string_append (text, mark);
  time_start = text->len;
  g_string_append (text, time_text);
  time_end = text->len;
  g_string_append_printf (text, "%s %s", mark, mark);
  lang_start = text->len;
  g_string_append (text, lang_upper);
  lang_end = text->len;
  g_string_append_printf (text, "%s %s", mark, mark);
  g_string_append (text, headline);

  add_attribute (attrs, pango_attr_font_features_new ("tnum=1"), time_start, time_end);
  add_attribute (attrs, pango_attr_weight_new (PANGO_WEIGHT_BOLD), lang_start, lang_end);
  add_attribute (attrs, pango_attr_scale_new (PANGO_SCALE_SMALL), lang_start, lang_end);
  add_attribute (attrs, pango_attr_foreground_new (color->red * 65535, color->green * 65535,
                                                   color->blue * 65535),
                 lang_start, lang_end);
  /* A published item fades, its code with it (see nd-calendar.css). */
  add_attribute (attrs, pango_attr_foreground_alpha_new ((faded ? 0.65 : 1.0) * color->alpha * 65535),
                 lang_start, lang_end);

  nd_calendar_face_set_text (ND_CALENDAR_FACE (face), text->str, attrs);
}

static void
item_button_bind (NdCalendarView        *self,
                  GtkWidget             *button,
                  const NdCalendarEntry *entry,
                  gboolean               with_date)
{
  const NdCalendarItem *item = entry->item;
  GtkWidget *face = gtk_button_get_child (GTK_BUTTON (button));
  g_autofree char *time_text = NULL;
  g_autofree char *lang_class = g_strdup_printf ("lang-%u", nd_calendar_language_color (item->lang));
  g_autofree char *status_class = g_strdup_printf ("status-%s", nd_edition_status_to_string (item->status));
  g_autofree char *name = NULL;
  g_autofree char *problems = describe_problems (entry->problems);
  const char *classes[8] = { "calendar-item", "flat", lang_class, status_class, NULL, NULL, NULL, NULL };
  guint n_classes = 4;
  ItemRef *ref = g_new0 (ItemRef, 1);

  if (with_date)
    {
      g_autoptr(GDateTime) utc = g_date_time_new_from_unix_utc (item->publish_at);
      g_autoptr(GDateTime) local = g_date_time_to_timezone (utc, self->zone);

      /* Translators: a date and time in the agenda, see g_date_time_format(). */
      time_text = g_date_time_format (local, _("%a %-e %b, %H:%M"));
    }
  else
    time_text = g_strdup_printf ("%02d:%02d", entry->hour, entry->minute);

  /* The classes clash and missed also draw the warning icon: an item has
   * one exactly when it has problems to tell. */
  if (entry->problems & (ND_CALENDAR_PROBLEM_SAME_MINUTE | ND_CALENDAR_PROBLEM_NOT_READY |
                         ND_CALENDAR_PROBLEM_STALE))
    classes[n_classes++] = "clash";
  if (entry->problems & ND_CALENDAR_PROBLEM_MISSED)
    classes[n_classes++] = "missed";
  gtk_widget_set_css_classes (button, classes);

  item_face_set (self, face, time_text, item->lang, item->headline,
                 item->status == ND_EDITION_STATUS_PUBLISHED);
  /* Translators: an edition on the calendar: headline, language, time. */
  name = g_strdup_printf (_("%s, %s, %s"), item->headline, language_name (self, item->lang), time_text);
  gtk_accessible_update_property (GTK_ACCESSIBLE (button),
                                  GTK_ACCESSIBLE_PROPERTY_LABEL, name,
                                  GTK_ACCESSIBLE_PROPERTY_DESCRIPTION, problems != NULL ? problems : "",
                                  -1);

  ref->story_id = item->story_id;
  ref->edition_id = item->edition_id;
  ref->publish_at = item->publish_at;
  g_strlcpy (ref->lang, item->lang, sizeof ref->lang);
  /* The headline is cut short in a cell: the tooltip has all of it. It is
   * made when asked for, as setting 126 tooltips slows a month switch. */
  ref->tooltip = problems != NULL ? g_strdup_printf ("%s\n%s", name, problems) : g_steal_pointer (&name);
  g_object_set_data_full (G_OBJECT (button), "nd-calendar-item", ref, (GDestroyNotify) item_ref_free);
}

/* Population ---------------------------------------------------------------- */

static void
update_title (NdCalendarView *self)
{
  g_autofree char *title = NULL;
  GDateTime *first = nd_calendar_model_get_day (self->model, 0);

  if (nd_calendar_model_get_span (self->model) == ND_CALENDAR_SPAN_WEEK)
    {
      GDateTime *last = nd_calendar_model_get_day (self->model, 6);
      /* Translators: the first day of a week on show, as in "1 Dec"; see
       * g_date_time_format() */
      g_autofree char *from = g_date_time_format (first, _("%-e %b"));
      /* Translators: the last day of a week on show, as in "7 Dec 2026";
       * see g_date_time_format() */
      g_autofree char *to = g_date_time_format (last, _("%-e %b %Y"));

      /* Translators: a week, from its first to its last day. */
      title = g_strdup_printf (_("%s – %s"), g_strstrip (from), g_strstrip (to));
    }
  else
    {
      g_autoptr(GDateTime) month = g_date_time_new (self->zone, g_date_get_year (&self->anchor),
                                                    g_date_get_month (&self->anchor), 1, 12, 0, 0);

      /* Translators: the month on show; %OB is the month's name as it
       * stands alone, see g_date_time_format(). */
      title = g_date_time_format (month, _("%OB %Y"));
    }
  gtk_label_set_text (GTK_LABEL (self->title), title);
}

static void
populate_week (NdCalendarView *self)
{
  for (guint i = 0; i < 7; i++)
    {
      GDateTime *day = nd_calendar_model_get_day (self->model, i);
      /* Translators: a day's column in the week view, as in "Mon 1"; see
       * g_date_time_format() */
      g_autofree char *heading = g_date_time_format (day, _("%a %-e"));
      /* Translators: a day in full, read out by screen readers, as in
       * "Monday 1 December"; see g_date_time_format() */
      g_autofree char *full = g_date_time_format (day, _("%A %-e %B"));
      const NdCalendarEntry *entries;
      guint n = 0;

      gtk_label_set_text (GTK_LABEL (self->week_headers[i]), heading);
      gtk_accessible_update_property (GTK_ACCESSIBLE (self->week_columns[i]),
                                      GTK_ACCESSIBLE_PROPERTY_LABEL, full, -1);
      remove_children (self->week_columns[i]);
      entries = nd_calendar_model_get_day_entries (self->model, i, &n);
      for (guint j = 0; j < n; j++)
        {
          GtkWidget *button = item_button_new (self, TRUE);

          item_button_bind (self, button, &entries[j], FALSE);
          gtk_box_append (GTK_BOX (self->week_columns[i]), button);
        }
    }
}

static void
populate_month (NdCalendarView *self)
{
  g_autoptr(GDateTime) today = g_date_time_new_from_unix_utc (now_utc (self));
  g_autoptr(GDateTime) local_today = g_date_time_to_timezone (today, self->zone);

  for (guint i = 0; i < 7; i++)
    {
      g_autofree char *name = g_date_time_format (nd_calendar_model_get_day (self->model, i), "%a");

      gtk_label_set_text (GTK_LABEL (self->month_headers[i]), name);
    }

  for (guint i = 0; i < 42; i++)
    {
      GDateTime *day = nd_calendar_model_get_day (self->model, i);
      g_autofree char *number = g_strdup_printf ("%d", g_date_time_get_day_of_month (day));
      g_autofree char *full = g_date_time_format (day, _("%A %-e %B"));
      const NdCalendarEntry *entries;
      guint n = 0;

      gtk_label_set_text (GTK_LABEL (self->month_labels[i]), number);
      gtk_accessible_update_property (GTK_ACCESSIBLE (self->month_cells[i]),
                                      GTK_ACCESSIBLE_PROPERTY_LABEL, full, -1);
      if (nd_calendar_model_day_in_period (self->model, i))
        gtk_widget_remove_css_class (self->month_cells[i], "other-month");
      else
        gtk_widget_add_css_class (self->month_cells[i], "other-month");
      if (g_date_time_get_year (day) == g_date_time_get_year (local_today) &&
          g_date_time_get_day_of_year (day) == g_date_time_get_day_of_year (local_today))
        gtk_widget_add_css_class (self->month_cells[i], "today");
      else
        gtk_widget_remove_css_class (self->month_cells[i], "today");

      /* The cells keep their item buttons: rebinding them costs far less
       * than new widgets when a month is switched. */
      entries = nd_calendar_model_get_day_entries (self->model, i, &n);
      for (guint j = 0; j < MONTH_CELL_MAX; j++)
        {
          GtkWidget *button = self->month_items[i][j];

          if (j < n)
            item_button_bind (self, button, &entries[j], FALSE);
          else
            g_object_set_data (G_OBJECT (button), "nd-calendar-item", NULL);
          gtk_widget_set_visible (button, j < n);
        }
      if (n > MONTH_CELL_MAX)
        {
          g_autofree char *more = NULL;
          guint hidden = n - MONTH_CELL_MAX;

          more = g_strdup_printf (ngettext ("%u more", "%u more", hidden), hidden);
          gtk_button_set_label (GTK_BUTTON (self->month_more[i]), more);
        }
      gtk_widget_set_visible (self->month_more[i], n > MONTH_CELL_MAX);
    }
}

static void
populate_agenda (NdCalendarView *self)
{
  const NdCalendarEntry *entries;
  guint n = 0;
  g_autoptr(GPtrArray) strings = g_ptr_array_new_with_free_func (g_free);

  entries = nd_calendar_model_get_agenda (self->model, &n);
  for (guint i = 0; i < n; i++)
    if (nd_calendar_model_day_in_period (self->model, entries[i].day))
      g_ptr_array_add (strings, g_strdup_printf ("%u", i));
  g_ptr_array_add (strings, NULL);

  gtk_string_list_splice (self->agenda_strings, 0,
                          g_list_model_get_n_items (G_LIST_MODEL (self->agenda_strings)),
                          (const char * const *) strings->pdata);
  gtk_widget_set_visible (self->empty_agenda, strings->len == 1);
}

/* Lays out the period read, in one go, so that no frame shows the new
 * period half done. */
static void
show_period (NdCalendarView  *self,
             NdCalendarModel *period,
             GPtrArray       *items)
{
  const char *page;
  GtkWidget *focus;

  g_clear_pointer (&self->model, nd_calendar_model_unref);
  self->model = period;
  nd_calendar_model_set_items (self->model, items, now_utc (self));

  update_title (self);
  page = adw_view_stack_get_visible_child_name (self->stack);
  if (g_strcmp0 (page, "week") == 0)
    populate_week (self);
  else if (g_strcmp0 (page, "agenda") == 0)
    populate_agenda (self);
  else
    populate_month (self);

  /* Keep the keyboard on the item being moved. */
  focus = self->selected != 0 ? find_item_button (GTK_WIDGET (self), self->selected) : NULL;
  if (focus != NULL && gtk_widget_get_root (GTK_WIDGET (self)) != NULL)
    gtk_widget_grab_focus (focus);
}

static void
on_period_read_cb (GObject      *source,
                   GAsyncResult *result,
                   gpointer      user_data)
{
  g_autoptr(GError) error = NULL;
  g_autoptr(GPtrArray) scheduled = nd_story_store_list_scheduled_finish (ND_STORY_STORE (source), result, &error);
  g_autoptr(GPtrArray) items = NULL;
  NdCalendarView *self;

  /* A newer period was asked for, or the view went away. */
  if (g_error_matches (error, G_IO_ERROR, G_IO_ERROR_CANCELLED))
    return;

  self = user_data;
  g_clear_object (&self->loading);
  if (scheduled != NULL)
    items = items_from_scheduled (scheduled);
  else
    show_message (self, error->message);
  show_period (self, g_steal_pointer (&self->next), items);
  g_object_notify_by_pspec (G_OBJECT (self), properties[PROP_LOADING]);
}

static void
cancel_reading (NdCalendarView *self)
{
  if (self->loading != NULL)
    g_cancellable_cancel (self->loading);
  g_clear_object (&self->loading);
  g_clear_pointer (&self->next, nd_calendar_model_unref);
}

/* A month of a large archive is thousands of rows, each a page of its
 * own: it is read off the main thread, and the period on show stays until
 * the new one is laid out. */
static void
rebuild (NdCalendarView *self)
{
  gboolean was_loading = self->loading != NULL;
  gint64 from = 0, to = 0;

  self->stale = FALSE;
  cancel_reading (self);
  if (self->store == NULL)
    return;

  self->next = nd_calendar_model_new (page_span (self), self->zone,
                                      g_date_get_year (&self->anchor),
                                      g_date_get_month (&self->anchor),
                                      g_date_get_day (&self->anchor));
  nd_calendar_model_get_range (self->next, &from, &to);
  self->loading = g_cancellable_new ();
  nd_story_store_list_scheduled_async (self->store, from, to, self->loading, on_period_read_cb, self);
  if (!was_loading)
    g_object_notify_by_pspec (G_OBJECT (self), properties[PROP_LOADING]);
}

static gboolean
reload_idle_cb (gpointer data)
{
  NdCalendarView *self = data;

  self->reload_idle = 0;
  rebuild (self);
  return G_SOURCE_REMOVE;
}

static void
queue_reload (NdCalendarView *self)
{
  if (self->reload_idle == 0)
    self->reload_idle = g_idle_add (reload_idle_cb, self);
}

/* Editions become missed as time passes, without the store changing. */
static gboolean
minute_tick_cb (gpointer data)
{
  NdCalendarView *self = data;

  if (self->now_utc != 0)
    return G_SOURCE_CONTINUE;
  if (gtk_widget_get_mapped (GTK_WIDGET (self)))
    queue_reload (self);
  else
    self->stale = TRUE;
  return G_SOURCE_CONTINUE;
}

static void
set_anchor_from_utc (NdCalendarView *self,
                     gint64          utc)
{
  g_autoptr(GDateTime) then = g_date_time_new_from_unix_utc (utc);
  g_autoptr(GDateTime) local = g_date_time_to_timezone (then, self->zone);

  g_date_set_dmy (&self->anchor, g_date_time_get_day_of_month (local),
                  g_date_time_get_month (local), g_date_time_get_year (local));
}

typedef struct
{
  NdCalendarView *self;
  gint64          edition_id;
  gint64          publish_at;
} PendingMove;

static gboolean move_edition_full (NdCalendarView *self,
                                   gint64          edition_id,
                                   gint64          publish_at,
                                   gboolean        confirmed);

static void
pending_move_free (PendingMove *pending)
{
  g_object_unref (pending->self);
  g_free (pending);
}

static void
on_move_confirmed_cb (gpointer user_data)
{
  PendingMove *pending = user_data;

  if (pending->self->store != NULL)
    move_edition_full (pending->self, pending->edition_id, pending->publish_at, TRUE);
}

static gboolean
move_edition_full (NdCalendarView *self,
                   gint64          edition_id,
                   gint64          publish_at,
                   gboolean        confirmed)
{
  g_autoptr(GError) error = NULL;
  gboolean moved;

  if (publish_at <= now_utc (self))
    {
      show_message (self, _("An edition cannot be moved into the past"));
      gtk_widget_error_bell (GTK_WIDGET (self));
      return FALSE;
    }

  /* Through the workflow rules: a stale translation fails with
   * ND_WORKFLOW_ERROR_NEEDS_CONFIRMATION until the editor confirms. */
  moved = schedule_in_store (self->store, edition_id, publish_at, confirmed, &error);

  if (!moved)
    {
      /* A stale translation is moved once the editor says so, as in the
       * editor; the item stays where it was meanwhile. */
      if (!confirmed &&
          g_error_matches (error, ND_WORKFLOW_ERROR, ND_WORKFLOW_ERROR_NEEDS_CONFIRMATION))
        {
          PendingMove *pending = g_new0 (PendingMove, 1);

          pending->self = g_object_ref (self);
          pending->edition_id = edition_id;
          pending->publish_at = publish_at;
          show_message (self, NULL);
          _nd_confirm_stale_move (GTK_WIDGET (self), error->message, _("_Move Anyway"),
                                  on_move_confirmed_cb, pending, (GDestroyNotify) pending_move_free);
          return FALSE;
        }

      show_message (self, error != NULL ? error->message : _("The edition could not be moved"));
      gtk_widget_error_bell (GTK_WIDGET (self));
      return FALSE;
    }

  show_message (self, NULL);
  self->selected = edition_id;
  set_anchor_from_utc (self, publish_at);
  g_clear_handle_id (&self->reload_idle, g_source_remove);
  rebuild (self);
  return TRUE;
}

static gboolean
move_edition (NdCalendarView *self,
              gint64          edition_id,
              gint64          publish_at)
{
  return move_edition_full (self, edition_id, publish_at, FALSE);
}

/* Callbacks ----------------------------------------------------------------- */

static gboolean
on_drop_cb (GtkDropTarget  *target,
            const GValue   *value,
            double          x,
            double          y,
            NdCalendarView *self)
{
  GtkWidget *cell = gtk_event_controller_get_widget (GTK_EVENT_CONTROLLER (target));
  guint day = GPOINTER_TO_UINT (g_object_get_data (G_OBJECT (cell), "nd-calendar-day"));
  const NdCalendarEntry *entry;

  if (!G_VALUE_HOLDS_INT64 (value) || day == 0 || self->model == NULL)
    return FALSE;
  entry = nd_calendar_model_find_entry (self->model, g_value_get_int64 (value));
  if (entry == NULL)
    return FALSE;
  return move_edition (self, entry->item->edition_id,
                       nd_calendar_model_move_to_day (self->model, entry->item->publish_at, day - 1));
}

static void
on_more_clicked_cb (GtkButton      *button,
                    NdCalendarView *self)
{
  guint day = GPOINTER_TO_UINT (g_object_get_data (G_OBJECT (button), "nd-calendar-day"));
  GDateTime *date;

  if (day == 0 || self->model == NULL)
    return;
  date = nd_calendar_model_get_day (self->model, day - 1);
  g_date_set_dmy (&self->anchor, g_date_time_get_day_of_month (date),
                  g_date_time_get_month (date), g_date_time_get_year (date));
  nd_calendar_view_set_page (self, "week");
}

static void
on_visible_child_cb (NdCalendarView *self)
{
  g_clear_handle_id (&self->reload_idle, g_source_remove);
  if (self->zone != NULL)
    rebuild (self);
  g_object_notify_by_pspec (G_OBJECT (self), properties[PROP_PAGE]);
}

/* A view kept ready off screen (NdWindow builds the calendar ahead) does
 * not read the month again on every autosave of the desk; it does so once,
 * when it is next shown (see nd_calendar_view_map()). */
static void
on_store_changed_cb (NdCalendarView *self)
{
  if (gtk_widget_get_mapped (GTK_WIDGET (self)))
    queue_reload (self);
  else
    self->stale = TRUE;
}

static void
agenda_setup_cb (GtkSignalListItemFactory *factory,
                 GtkListItem              *list_item,
                 NdCalendarView           *self)
{
  gtk_list_item_set_activatable (list_item, FALSE);
  gtk_list_item_set_child (list_item, item_button_new (self, FALSE));
}

static void
agenda_bind_cb (GtkSignalListItemFactory *factory,
                GtkListItem              *list_item,
                NdCalendarView           *self)
{
  GtkStringObject *string = gtk_list_item_get_item (list_item);
  guint index = (guint) g_ascii_strtoull (gtk_string_object_get_string (string), NULL, 10);
  const NdCalendarEntry *entries;
  guint n = 0;

  entries = nd_calendar_model_get_agenda (self->model, &n);
  if (index < n)
    item_button_bind (self, gtk_list_item_get_child (list_item), &entries[index], TRUE);
}

/* Actions ------------------------------------------------------------------- */

static void
step (NdCalendarView *self,
      int             direction)
{
  const char *page = adw_view_stack_get_visible_child_name (self->stack);

  if (g_strcmp0 (page, "week") == 0)
    {
      if (direction < 0)
        g_date_subtract_days (&self->anchor, 7);
      else
        g_date_add_days (&self->anchor, 7);
    }
  else
    {
      g_date_set_day (&self->anchor, 1);
      if (direction < 0)
        g_date_subtract_months (&self->anchor, 1);
      else
        g_date_add_months (&self->anchor, 1);
    }
  show_message (self, NULL);
  rebuild (self);
}

static void
previous_action (GtkWidget  *widget,
                 const char *action_name,
                 GVariant   *param)
{
  step (ND_CALENDAR_VIEW (widget), -1);
}

static void
next_action (GtkWidget  *widget,
             const char *action_name,
             GVariant   *param)
{
  step (ND_CALENDAR_VIEW (widget), 1);
}

static void
today_action (GtkWidget  *widget,
              const char *action_name,
              GVariant   *param)
{
  NdCalendarView *self = ND_CALENDAR_VIEW (widget);

  set_anchor_from_utc (self, now_utc (self));
  show_message (self, NULL);
  rebuild (self);
}

static void
move_action (GtkWidget  *widget,
             const char *action_name,
             GVariant   *param)
{
  NdCalendarView *self = ND_CALENDAR_VIEW (widget);
  const NdCalendarEntry *entry;
  int days = 0, minutes = 0;

  g_variant_get (param, "(ii)", &days, &minutes);
  if (self->selected == 0 || self->model == NULL)
    return;
  entry = nd_calendar_model_find_entry (self->model, self->selected);
  if (entry == NULL)
    return;
  /* The keys follow the mirrored grid. */
  if (gtk_widget_get_direction (widget) == GTK_TEXT_DIR_RTL)
    days = -days;
  move_edition (self, entry->item->edition_id,
                nd_calendar_shift (self->zone, entry->item->publish_at, days, minutes));
}

/* Construction -------------------------------------------------------------- */

static GtkWidget *
drop_target_for (NdCalendarView *self,
                 GtkWidget      *widget,
                 guint           day)
{
  GtkDropTarget *target = gtk_drop_target_new (G_TYPE_INT64, GDK_ACTION_MOVE);

  g_object_set_data (G_OBJECT (widget), "nd-calendar-day", GUINT_TO_POINTER (day + 1));
  g_signal_connect (target, "drop", G_CALLBACK (on_drop_cb), self);
  gtk_widget_add_controller (widget, GTK_EVENT_CONTROLLER (target));
  return widget;
}

static GtkWidget *
build_header (NdCalendarView *self)
{
  GtkWidget *box = gtk_box_new (GTK_ORIENTATION_HORIZONTAL, 6);
  GtkWidget *nav = gtk_box_new (GTK_ORIENTATION_HORIZONTAL, 0);
  GtkWidget *previous = gtk_button_new_from_icon_name ("go-previous-symbolic");
  GtkWidget *today = gtk_button_new_with_mnemonic (_("_Today"));
  GtkWidget *next = gtk_button_new_from_icon_name ("go-next-symbolic");
  GtkWidget *switcher = adw_view_switcher_new ();

  gtk_widget_add_css_class (box, "calendar-header");
  gtk_widget_add_css_class (nav, "linked");
  gtk_actionable_set_action_name (GTK_ACTIONABLE (previous), "calendar.previous");
  gtk_actionable_set_action_name (GTK_ACTIONABLE (today), "calendar.today");
  gtk_actionable_set_action_name (GTK_ACTIONABLE (next), "calendar.next");
  gtk_widget_set_tooltip_text (previous, _("Previous"));
  gtk_widget_set_tooltip_text (next, _("Next"));
  gtk_accessible_update_property (GTK_ACCESSIBLE (previous), GTK_ACCESSIBLE_PROPERTY_LABEL, _("Previous"), -1);
  gtk_accessible_update_property (GTK_ACCESSIBLE (next), GTK_ACCESSIBLE_PROPERTY_LABEL, _("Next"), -1);
  gtk_box_append (GTK_BOX (nav), previous);
  gtk_box_append (GTK_BOX (nav), today);
  gtk_box_append (GTK_BOX (nav), next);

  self->title = gtk_label_new (NULL);
  gtk_widget_add_css_class (self->title, "title-3");
  gtk_widget_set_hexpand (self->title, TRUE);
  gtk_label_set_xalign (GTK_LABEL (self->title), 0);

  adw_view_switcher_set_stack (ADW_VIEW_SWITCHER (switcher), self->stack);
  adw_view_switcher_set_policy (ADW_VIEW_SWITCHER (switcher), ADW_VIEW_SWITCHER_POLICY_WIDE);

  gtk_box_append (GTK_BOX (box), nav);
  gtk_box_append (GTK_BOX (box), self->title);
  gtk_box_append (GTK_BOX (box), switcher);
  return box;
}

static GtkWidget *
build_week (NdCalendarView *self)
{
  GtkWidget *scrolled = gtk_scrolled_window_new ();
  GtkWidget *grid = gtk_grid_new ();

  gtk_grid_set_column_homogeneous (GTK_GRID (grid), TRUE);
  gtk_widget_add_css_class (grid, "calendar-week");
  for (guint i = 0; i < 7; i++)
    {
      self->week_headers[i] = gtk_label_new (NULL);
      gtk_widget_add_css_class (self->week_headers[i], "calendar-weekday");
      self->week_columns[i] = g_object_new (GTK_TYPE_BOX,
                                            "orientation", GTK_ORIENTATION_VERTICAL,
                                            "accessible-role", GTK_ACCESSIBLE_ROLE_GROUP,
                                            "vexpand", TRUE,
                                            NULL);
      gtk_widget_add_css_class (self->week_columns[i], "calendar-cell");
      drop_target_for (self, self->week_columns[i], i);
      gtk_grid_attach (GTK_GRID (grid), self->week_headers[i], i, 0, 1, 1);
      gtk_grid_attach (GTK_GRID (grid), self->week_columns[i], i, 1, 1, 1);
    }
  gtk_scrolled_window_set_child (GTK_SCROLLED_WINDOW (scrolled), grid);
  gtk_scrolled_window_set_policy (GTK_SCROLLED_WINDOW (scrolled), GTK_POLICY_NEVER, GTK_POLICY_AUTOMATIC);
  return scrolled;
}

static GtkWidget *
build_month (NdCalendarView *self)
{
  GtkWidget *grid = gtk_grid_new ();

  gtk_grid_set_column_homogeneous (GTK_GRID (grid), TRUE);
  gtk_widget_add_css_class (grid, "calendar-month");
  for (guint i = 0; i < 7; i++)
    {
      self->month_headers[i] = gtk_label_new (NULL);
      gtk_widget_add_css_class (self->month_headers[i], "calendar-weekday");
      gtk_grid_attach (GTK_GRID (grid), self->month_headers[i], i, 0, 1, 1);
    }
  for (guint i = 0; i < 42; i++)
    {
      GtkWidget *cell = g_object_new (GTK_TYPE_BOX,
                                      "orientation", GTK_ORIENTATION_VERTICAL,
                                      "accessible-role", GTK_ACCESSIBLE_ROLE_GROUP,
                                      "vexpand", TRUE,
                                      "hexpand", TRUE,
                                      NULL);

      self->month_cells[i] = cell;
      self->month_labels[i] = gtk_label_new (NULL);
      gtk_label_set_xalign (GTK_LABEL (self->month_labels[i]), 0);
      gtk_widget_add_css_class (self->month_labels[i], "calendar-day-number");
      gtk_widget_add_css_class (cell, "calendar-cell");
      gtk_box_append (GTK_BOX (cell), self->month_labels[i]);
      for (guint j = 0; j < MONTH_CELL_MAX; j++)
        {
          self->month_items[i][j] = item_button_new (self, TRUE);
          gtk_widget_set_visible (self->month_items[i][j], FALSE);
          gtk_box_append (GTK_BOX (cell), self->month_items[i][j]);
        }
      self->month_more[i] = gtk_button_new ();
      gtk_widget_add_css_class (self->month_more[i], "flat");
      gtk_widget_add_css_class (self->month_more[i], "calendar-more");
      g_object_set_data (G_OBJECT (self->month_more[i]), "nd-calendar-day", GUINT_TO_POINTER (i + 1));
      g_signal_connect (self->month_more[i], "clicked", G_CALLBACK (on_more_clicked_cb), self);
      gtk_widget_set_visible (self->month_more[i], FALSE);
      gtk_box_append (GTK_BOX (cell), self->month_more[i]);
      drop_target_for (self, cell, i);
      /* GtkGrid puts column 0 on the right under a right-to-left
       * interface, so the week reads from the right there. */
      gtk_grid_attach (GTK_GRID (grid), cell, i % 7, 1 + i / 7, 1, 1);
    }
  return grid;
}

static GtkWidget *
build_agenda (NdCalendarView *self)
{
  GtkWidget *overlay = gtk_overlay_new ();
  GtkWidget *scrolled = gtk_scrolled_window_new ();
  GtkListItemFactory *factory = gtk_signal_list_item_factory_new ();
  GtkNoSelection *selection;

  self->agenda_strings = gtk_string_list_new (NULL);
  selection = gtk_no_selection_new (G_LIST_MODEL (g_object_ref (self->agenda_strings)));
  g_signal_connect (factory, "setup", G_CALLBACK (agenda_setup_cb), self);
  g_signal_connect (factory, "bind", G_CALLBACK (agenda_bind_cb), self);
  self->agenda_list = gtk_list_view_new (GTK_SELECTION_MODEL (selection), factory);
  gtk_widget_add_css_class (self->agenda_list, "calendar-agenda");
  gtk_accessible_update_property (GTK_ACCESSIBLE (self->agenda_list),
                                  GTK_ACCESSIBLE_PROPERTY_LABEL, _("Agenda"), -1);
  gtk_scrolled_window_set_child (GTK_SCROLLED_WINDOW (scrolled), self->agenda_list);

  self->empty_agenda = adw_status_page_new ();
  adw_status_page_set_title (ADW_STATUS_PAGE (self->empty_agenda), _("Nothing Scheduled"));
  adw_status_page_set_icon_name (ADW_STATUS_PAGE (self->empty_agenda), "x-office-calendar-symbolic");
  gtk_widget_set_visible (self->empty_agenda, FALSE);

  gtk_overlay_set_child (GTK_OVERLAY (overlay), scrolled);
  gtk_overlay_add_overlay (GTK_OVERLAY (overlay), self->empty_agenda);
  return overlay;
}

/* GObject ------------------------------------------------------------------- */

static void
nd_calendar_view_constructed (GObject *object)
{
  NdCalendarView *self = ND_CALENDAR_VIEW (object);
  g_autofree char *zone_id = NULL;

  G_OBJECT_CLASS (nd_calendar_view_parent_class)->constructed (object);

  if (self->store != NULL)
    zone_id = nd_story_store_get_setting (self->store, "time-zone");
  if (zone_id != NULL)
    self->zone = g_time_zone_new_identifier (zone_id);
  if (self->zone == NULL)
    self->zone = g_time_zone_new_local ();

  if (self->store != NULL)
    {
      self->store_handlers[0] = g_signal_connect_swapped (self->store, "story-added",
                                                          G_CALLBACK (on_store_changed_cb), self);
      self->store_handlers[1] = g_signal_connect_swapped (self->store, "story-changed",
                                                          G_CALLBACK (on_store_changed_cb), self);
      self->store_handlers[2] = g_signal_connect_swapped (self->store, "story-removed",
                                                          G_CALLBACK (on_store_changed_cb), self);
      self->store_handlers[3] = g_signal_connect_swapped (self->store, "reset",
                                                          G_CALLBACK (on_store_changed_cb), self);
    }

  set_anchor_from_utc (self, now_utc (self));
  rebuild (self);
  self->minute_tick = g_timeout_add_seconds (60, minute_tick_cb, self);
}

static void
nd_calendar_view_dispose (GObject *object)
{
  NdCalendarView *self = ND_CALENDAR_VIEW (object);
  GtkWidget *child;

  g_clear_handle_id (&self->reload_idle, g_source_remove);
  g_clear_handle_id (&self->minute_tick, g_source_remove);
  for (guint i = 0; i < G_N_ELEMENTS (self->store_handlers); i++)
    if (self->store_handlers[i] != 0)
      g_clear_signal_handler (&self->store_handlers[i], self->store);
  cancel_reading (self);

  /* The stack changes its visible child as it goes; nothing is to be
   * rebuilt then. */
  if (self->stack != NULL)
    g_signal_handlers_disconnect_by_data (self->stack, self);
  self->stack = NULL;
  while ((child = gtk_widget_get_first_child (GTK_WIDGET (self))) != NULL)
    gtk_widget_unparent (child);
  g_clear_object (&self->agenda_strings);
  g_clear_object (&self->store);

  G_OBJECT_CLASS (nd_calendar_view_parent_class)->dispose (object);
}

static void
nd_calendar_view_finalize (GObject *object)
{
  NdCalendarView *self = ND_CALENDAR_VIEW (object);

  g_clear_pointer (&self->model, nd_calendar_model_unref);
  g_clear_pointer (&self->zone, g_time_zone_unref);

  G_OBJECT_CLASS (nd_calendar_view_parent_class)->finalize (object);
}

static void
nd_calendar_view_get_property (GObject    *object,
                               guint       prop_id,
                               GValue     *value,
                               GParamSpec *pspec)
{
  NdCalendarView *self = ND_CALENDAR_VIEW (object);

  switch (prop_id)
    {
    case PROP_STORE:
      g_value_set_object (value, self->store);
      break;
    case PROP_PAGE:
      g_value_set_string (value, nd_calendar_view_get_page (self));
      break;
    case PROP_LOADING:
      g_value_set_boolean (value, nd_calendar_view_is_loading (self));
      break;
    default:
      G_OBJECT_WARN_INVALID_PROPERTY_ID (object, prop_id, pspec);
    }
}

static void
nd_calendar_view_set_property (GObject      *object,
                               guint         prop_id,
                               const GValue *value,
                               GParamSpec   *pspec)
{
  NdCalendarView *self = ND_CALENDAR_VIEW (object);

  switch (prop_id)
    {
    case PROP_STORE:
      self->store = g_value_dup_object (value);
      break;
    case PROP_PAGE:
      nd_calendar_view_set_page (self, g_value_get_string (value));
      break;
    default:
      G_OBJECT_WARN_INVALID_PROPERTY_ID (object, prop_id, pspec);
    }
}

static void
nd_calendar_view_realize (GtkWidget *widget)
{
  ensure_css (widget);
  GTK_WIDGET_CLASS (nd_calendar_view_parent_class)->realize (widget);
}

/* Before the first frame on screen, so that a view shown again never shows
 * the month as it was. */
static void
nd_calendar_view_map (GtkWidget *widget)
{
  NdCalendarView *self = ND_CALENDAR_VIEW (widget);

  GTK_WIDGET_CLASS (nd_calendar_view_parent_class)->map (widget);
  if (self->stale && self->zone != NULL)
    {
      g_clear_handle_id (&self->reload_idle, g_source_remove);
      rebuild (self);
    }
}

/* The keyboard goes back to the edition last selected, where the editor
 * left the calendar to open its story, so that rescheduling it from the
 * keyboard goes on where it was; without one, to the first button. */
static gboolean
nd_calendar_view_grab_focus (GtkWidget *widget)
{
  NdCalendarView *self = ND_CALENDAR_VIEW (widget);
  GtkWidget *item = self->selected != 0 ? find_item_button (widget, self->selected) : NULL;

  if (item != NULL)
    return gtk_widget_grab_focus (item);
  /* Not the view's own child_focus(), which grabs the focus for it again. */
  return gtk_widget_child_focus (self->header, GTK_DIR_TAB_FORWARD);
}

static void
nd_calendar_view_direction_changed (GtkWidget        *widget,
                                    GtkTextDirection  previous)
{
  GTK_WIDGET_CLASS (nd_calendar_view_parent_class)->direction_changed (widget, previous);
  queue_reload (ND_CALENDAR_VIEW (widget));
}

static void
nd_calendar_view_class_init (NdCalendarViewClass *klass)
{
  GObjectClass *object_class = G_OBJECT_CLASS (klass);
  GtkWidgetClass *widget_class = GTK_WIDGET_CLASS (klass);

  object_class->constructed = nd_calendar_view_constructed;
  object_class->dispose = nd_calendar_view_dispose;
  object_class->finalize = nd_calendar_view_finalize;
  object_class->get_property = nd_calendar_view_get_property;
  object_class->set_property = nd_calendar_view_set_property;
  widget_class->realize = nd_calendar_view_realize;
  widget_class->map = nd_calendar_view_map;
  widget_class->grab_focus = nd_calendar_view_grab_focus;
  widget_class->direction_changed = nd_calendar_view_direction_changed;

  /**
   * NdCalendarView:store:
   *
   * The store the calendar shows and reschedules in.
   */
  properties[PROP_STORE] =
    g_param_spec_object ("store", NULL, NULL, ND_TYPE_STORY_STORE,
                         G_PARAM_READWRITE | G_PARAM_CONSTRUCT_ONLY | G_PARAM_STATIC_STRINGS);

  /**
   * NdCalendarView:page:
   *
   * The page on show: "week", "month" or "agenda".
   */
  properties[PROP_PAGE] =
    g_param_spec_string ("page", NULL, NULL, "month",
                         G_PARAM_READWRITE | G_PARAM_EXPLICIT_NOTIFY | G_PARAM_STATIC_STRINGS);

  /**
   * NdCalendarView:loading:
   *
   * Whether the period asked for is being read; the period on show stays
   * until it is laid out.
   */
  properties[PROP_LOADING] =
    g_param_spec_boolean ("loading", NULL, NULL, FALSE,
                          G_PARAM_READABLE | G_PARAM_EXPLICIT_NOTIFY | G_PARAM_STATIC_STRINGS);

  g_object_class_install_properties (object_class, N_PROPS, properties);

  /**
   * NdCalendarView::story-activated:
   * @self: the view
   * @story_id: the story
   * @lang: the language of the edition activated
   *
   * An edition was clicked or activated with the keyboard: open it.
   */
  signals[STORY_ACTIVATED] =
    g_signal_new ("story-activated", G_TYPE_FROM_CLASS (klass), G_SIGNAL_RUN_LAST,
                  0, NULL, NULL, NULL, G_TYPE_NONE, 2, G_TYPE_INT64, G_TYPE_STRING);

  gtk_widget_class_install_action (widget_class, "calendar.previous", NULL, previous_action);
  gtk_widget_class_add_binding_action (widget_class, GDK_KEY_Page_Up, GDK_ALT_MASK, "calendar.previous", NULL);
  gtk_widget_class_install_action (widget_class, "calendar.next", NULL, next_action);
  gtk_widget_class_add_binding_action (widget_class, GDK_KEY_Page_Down, GDK_ALT_MASK, "calendar.next", NULL);
  gtk_widget_class_install_action (widget_class, "calendar.today", NULL, today_action);
  gtk_widget_class_add_binding_action (widget_class, GDK_KEY_Home, GDK_ALT_MASK, "calendar.today", NULL);

  /* (days, minutes) */
  gtk_widget_class_install_action (widget_class, "calendar.move", "(ii)", move_action);
  gtk_widget_class_add_binding_action (widget_class, GDK_KEY_Left, GDK_ALT_MASK, "calendar.move", "(ii)", -1, 0);
  gtk_widget_class_add_binding_action (widget_class, GDK_KEY_Right, GDK_ALT_MASK, "calendar.move", "(ii)", 1, 0);
  gtk_widget_class_add_binding_action (widget_class, GDK_KEY_Up, GDK_ALT_MASK, "calendar.move", "(ii)", 0, -15);
  gtk_widget_class_add_binding_action (widget_class, GDK_KEY_Down, GDK_ALT_MASK, "calendar.move", "(ii)", 0, 15);

  gtk_widget_class_set_layout_manager_type (widget_class, GTK_TYPE_BOX_LAYOUT);
  gtk_widget_class_set_css_name (widget_class, "calendarview");
  gtk_widget_class_set_accessible_role (widget_class, GTK_ACCESSIBLE_ROLE_GROUP);
}

static void
nd_calendar_view_init (NdCalendarView *self)
{
  GtkLayoutManager *layout = gtk_widget_get_layout_manager (GTK_WIDGET (self));
  AdwViewStackPage *page;

  gtk_orientable_set_orientation (GTK_ORIENTABLE (layout), GTK_ORIENTATION_VERTICAL);
  gtk_box_layout_set_spacing (GTK_BOX_LAYOUT (layout), 6);
  gtk_accessible_update_property (GTK_ACCESSIBLE (self), GTK_ACCESSIBLE_PROPERTY_LABEL,
                                  _("Editorial calendar"), -1);

  /* Before anything is bound: the items' language colours are read from
   * the stylesheet. */
  ensure_css (GTK_WIDGET (self));
  g_date_clear (&self->anchor, 1);

  self->stack = ADW_VIEW_STACK (adw_view_stack_new ());
  gtk_widget_set_vexpand (GTK_WIDGET (self->stack), TRUE);
  page = adw_view_stack_add_titled (self->stack, build_week (self), "week", _("Week"));
  adw_view_stack_page_set_icon_name (page, "view-list-symbolic");
  page = adw_view_stack_add_titled (self->stack, build_month (self), "month", _("Month"));
  adw_view_stack_page_set_icon_name (page, "view-grid-symbolic");
  page = adw_view_stack_add_titled (self->stack, build_agenda (self), "agenda", _("Agenda"));
  adw_view_stack_page_set_icon_name (page, "x-office-calendar-symbolic");
  adw_view_stack_set_visible_child_name (self->stack, "month");

  self->header = build_header (self);
  /* An alert, so that screen readers say a refused move. */
  self->message = g_object_new (GTK_TYPE_LABEL, "accessible-role", GTK_ACCESSIBLE_ROLE_ALERT, NULL);
  gtk_label_set_wrap (GTK_LABEL (self->message), TRUE);
  gtk_widget_add_css_class (self->message, "calendar-message");
  gtk_widget_add_css_class (self->message, "error");
  gtk_widget_set_visible (self->message, FALSE);

  gtk_widget_set_parent (self->header, GTK_WIDGET (self));
  gtk_widget_set_parent (self->message, GTK_WIDGET (self));
  gtk_widget_set_parent (GTK_WIDGET (self->stack), GTK_WIDGET (self));

  g_signal_connect_swapped (self->stack, "notify::visible-child", G_CALLBACK (on_visible_child_cb), self);
}

/* Public API ---------------------------------------------------------------- */

/**
 * nd_calendar_view_new:
 * @store: the store to show
 *
 * Returns: (transfer floating): a calendar on today's month in the
 *   publication's time zone
 */
GtkWidget *
nd_calendar_view_new (NdStoryStore *store)
{
  g_return_val_if_fail (ND_IS_STORY_STORE (store), NULL);

  return g_object_new (ND_TYPE_CALENDAR_VIEW, "store", store, NULL);
}

/**
 * nd_calendar_view_get_store:
 *
 * Returns: (transfer none): the store
 */
NdStoryStore *
nd_calendar_view_get_store (NdCalendarView *self)
{
  g_return_val_if_fail (ND_IS_CALENDAR_VIEW (self), NULL);
  return self->store;
}

const char *
nd_calendar_view_get_page (NdCalendarView *self)
{
  g_return_val_if_fail (ND_IS_CALENDAR_VIEW (self), NULL);

  if (self->stack == NULL)
    return NULL;
  return adw_view_stack_get_visible_child_name (self->stack);
}

/**
 * nd_calendar_view_set_page:
 * @page: "week", "month" or "agenda"
 */
void
nd_calendar_view_set_page (NdCalendarView *self,
                           const char     *page)
{
  g_return_if_fail (ND_IS_CALENDAR_VIEW (self));
  g_return_if_fail (page != NULL);

  if (g_strcmp0 (page, nd_calendar_view_get_page (self)) == 0)
    {
      /* A "more" button lands here with a new day on the same page. */
      nd_calendar_view_reload (self);
      return;
    }
  adw_view_stack_set_visible_child_name (self->stack, page);
}

/**
 * nd_calendar_view_set_date:
 *
 * Shows the week or month holding the day, in the publication's zone.
 */
void
nd_calendar_view_set_date (NdCalendarView *self,
                           int             year,
                           int             month,
                           int             day)
{
  g_return_if_fail (ND_IS_CALENDAR_VIEW (self));
  g_return_if_fail (g_date_valid_dmy (day, month, year));

  g_date_set_dmy (&self->anchor, day, month, year);
  nd_calendar_view_reload (self);
}

/**
 * nd_calendar_view_set_now:
 * @now_utc: the present, UTC, or 0 for the clock
 *
 * For tests and benchmarks: what counts as now for missed editions, the
 * "today" button and refusing moves into the past.
 */
void
nd_calendar_view_set_now (NdCalendarView *self,
                          gint64          now)
{
  g_return_if_fail (ND_IS_CALENDAR_VIEW (self));

  self->now_utc = now;
  nd_calendar_view_reload (self);
}

/**
 * nd_calendar_view_reload:
 *
 * Reads the schedule again, off the main thread, and lays it out when
 * read (see #NdCalendarView:loading).
 */
void
nd_calendar_view_reload (NdCalendarView *self)
{
  g_return_if_fail (ND_IS_CALENDAR_VIEW (self));

  g_clear_handle_id (&self->reload_idle, g_source_remove);
  rebuild (self);
}

/**
 * nd_calendar_view_is_loading:
 *
 * Returns: whether the period asked for is being read
 */
gboolean
nd_calendar_view_is_loading (NdCalendarView *self)
{
  g_return_val_if_fail (ND_IS_CALENDAR_VIEW (self), FALSE);
  return self->loading != NULL;
}

/**
 * nd_calendar_view_get_model:
 *
 * Returns: (transfer none): the layout on show
 */
NdCalendarModel *
nd_calendar_view_get_model (NdCalendarView *self)
{
  g_return_val_if_fail (ND_IS_CALENDAR_VIEW (self), NULL);
  return self->model;
}

/**
 * nd_calendar_view_select_edition:
 *
 * Selects an edition for the keyboard moves and focuses its item when it is
 * on show.
 *
 * Returns: whether the edition is in the period on show
 */
gboolean
nd_calendar_view_select_edition (NdCalendarView *self,
                                 gint64          edition_id)
{
  GtkWidget *button;

  g_return_val_if_fail (ND_IS_CALENDAR_VIEW (self), FALSE);

  if (self->model == NULL || nd_calendar_model_find_entry (self->model, edition_id) == NULL)
    return FALSE;
  self->selected = edition_id;
  button = find_item_button (GTK_WIDGET (self), edition_id);
  if (button != NULL)
    gtk_widget_grab_focus (button);
  return TRUE;
}

gint64
nd_calendar_view_get_selected_edition (NdCalendarView *self)
{
  g_return_val_if_fail (ND_IS_CALENDAR_VIEW (self), 0);
  return self->selected;
}

/**
 * nd_calendar_view_get_message:
 *
 * Returns: (nullable): the refusal or error on show, if any
 */
const char *
nd_calendar_view_get_message (NdCalendarView *self)
{
  g_return_val_if_fail (ND_IS_CALENDAR_VIEW (self), NULL);

  if (!gtk_widget_get_visible (self->message))
    return NULL;
  return gtk_label_get_text (GTK_LABEL (self->message));
}
