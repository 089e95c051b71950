/* test-calendar-view.c
 *
 * SPDX-License-Identifier: GPL-3.0-or-later
 */

#include "config.h"

#include <string.h>

#include <glib/gstdio.h>
#include <adwaita.h>

#include "nd-calendar-view.h"
#include "nd-calendar-face.h"
#include "nd-test-util.h"
#include "nd-test-widgets.h"

/* Three stories in December 2030 in the preset's Europe/Moscow, with "now"
 * pinned to 1 December so nothing is in the past. */
typedef struct
{
  char         *dir;
  NdDatabase   *database;
  NdStoryStore *store;
  GTimeZone    *zone;
  gint64        now;
  gint64        ru_id;
  gint64        en_id;
  gint64        ar_id;
  gint64        story_id;
  GtkWindow    *window;
  NdCalendarView *view;
} Fixture;

static gint64
moscow (Fixture *fixture,
        int      day,
        int      hour,
        int      minute)
{
  g_autoptr(GDateTime) dt = g_date_time_new (fixture->zone, 2030, 12, day, hour, minute, 0);

  return g_date_time_to_unix (dt);
}

/* Through the workflow, as an editor would: draft, review, ready, then
 * scheduled. */
static gint64
add_edition (Fixture    *fixture,
             gint64      story_id,
             const char *lang,
             const char *headline,
             gint64      publish_at)
{
  static const NdEditionStatus steps[] = {
    ND_EDITION_STATUS_DRAFT, ND_EDITION_STATUS_IN_REVIEW, ND_EDITION_STATUS_READY,
  };
  g_autoptr(GError) error = NULL;
  g_autoptr(NdEdition) edition = nd_story_store_load_edition (fixture->store, story_id, lang, NULL);

  if (edition == NULL)
    edition = nd_story_store_add_edition (fixture->store, story_id, lang, &error);
  g_assert_no_error (error);
  nd_edition_set_headline (edition, headline);
  nd_edition_set_standfirst (edition, headline);
  nd_edition_set_dateline_city (edition, "Moscow");
  nd_edition_set_body (edition, "Body.");
  nd_story_store_save_edition (fixture->store, edition, &error);
  g_assert_no_error (error);
  for (guint i = 0; i < G_N_ELEMENTS (steps); i++)
    if (nd_edition_get_status (edition) < steps[i])
      {
        nd_story_store_move_edition (fixture->store, edition, steps[i], "test", TRUE, &error);
        g_assert_no_error (error);
      }
  nd_story_store_schedule_edition (fixture->store, edition, publish_at, "test", TRUE, &error);
  g_assert_no_error (error);
  return nd_edition_get_id (edition);
}

static NdStory *
create_story (Fixture *fixture)
{
  g_autoptr(GError) error = NULL;
  g_autoptr(NdStory) story = nd_story_store_create_story (fixture->store, "ru", &error);
  g_autoptr(GListModel) sections = NULL;
  g_autoptr(NdSection) section = NULL;

  g_assert_no_error (error);
  sections = g_object_ref (nd_story_store_get_sections (fixture->store));
  g_assert_cmpuint (g_list_model_get_n_items (sections), >, 0);
  section = g_list_model_get_item (sections, 0);
  nd_story_set_section_id (story, nd_section_get_id (section));
  nd_story_store_save_story (fixture->store, story, &error);
  g_assert_no_error (error);
  return g_steal_pointer (&story);
}

static gint64
publish_at_of (Fixture *fixture,
               gint64   edition_id)
{
  g_autoptr(GError) error = NULL;
  g_autoptr(NdEdition) edition = nd_story_store_load_edition_by_id (fixture->store, edition_id, &error);

  g_assert_no_error (error);
  return nd_edition_get_publish_at (edition);
}

/* The view reads a period off the main thread. */
static void
wait_loaded (Fixture *fixture)
{
  while (nd_calendar_view_is_loading (fixture->view))
    g_main_context_iteration (NULL, TRUE);
}

static void
fixture_set_up (Fixture       *fixture,
                gconstpointer  data)
{
  g_autoptr(GError) error = NULL;
  g_autoptr(NdStory) story = NULL;
  g_autoptr(NdStory) other = NULL;

  fixture->store = nd_test_open_store ("calendar-view", &fixture->dir, &fixture->database);
  fixture->zone = g_time_zone_new_identifier ("Europe/Moscow");
  g_assert_nonnull (fixture->zone);
  fixture->now = moscow (fixture, 1, 8, 0);

  story = create_story (fixture);
  fixture->story_id = nd_story_get_id (story);
  fixture->ru_id = add_edition (fixture, fixture->story_id, "ru", "Выборы в Москве",
                                moscow (fixture, 10, 9, 0));
  fixture->en_id = add_edition (fixture, fixture->story_id, "en", "Moscow votes",
                                moscow (fixture, 10, 10, 0));
  fixture->ar_id = add_edition (fixture, fixture->story_id, "ar", "انتخابات موسكو",
                                moscow (fixture, 10, 11, 0));

  /* A second Russian edition in the same minute as the first: a clash. */
  other = create_story (fixture);
  add_edition (fixture, nd_story_get_id (other), "ru", "Погода", moscow (fixture, 10, 9, 0));

  fixture->view = ND_CALENDAR_VIEW (nd_calendar_view_new (fixture->store));
  g_object_ref_sink (fixture->view);
  nd_calendar_view_set_now (fixture->view, fixture->now);
  nd_calendar_view_set_date (fixture->view, 2030, 12, 10);
  fixture->window = GTK_WINDOW (gtk_window_new ());
  gtk_window_set_child (fixture->window, GTK_WIDGET (fixture->view));
  gtk_window_present (fixture->window);
  wait_loaded (fixture);
}

static void
fixture_tear_down (Fixture       *fixture,
                   gconstpointer  data)
{
  /* A read in flight holds the store. */
  wait_loaded (fixture);
  gtk_window_destroy (fixture->window);
  g_assert_finalize_object (fixture->view);
  g_time_zone_unref (fixture->zone);
  nd_test_close_store (fixture->store, fixture->database, fixture->dir);
}

static void
test_layout (Fixture       *fixture,
             gconstpointer  data)
{
  NdCalendarModel *model = nd_calendar_view_get_model (fixture->view);
  const NdCalendarEntry *entry;
  int day;

  g_assert_cmpstr (nd_calendar_view_get_page (fixture->view), ==, "month");
  g_assert_cmpint (nd_calendar_model_get_span (model), ==, ND_CALENDAR_SPAN_MONTH);

  entry = nd_calendar_model_find_entry (model, fixture->ru_id);
  g_assert_nonnull (entry);
  g_assert_cmpint (entry->problems, ==, ND_CALENDAR_PROBLEM_SAME_MINUTE);
  entry = nd_calendar_model_find_entry (model, fixture->en_id);
  g_assert_cmpint (entry->problems, ==, ND_CALENDAR_PROBLEM_NONE);
  entry = nd_calendar_model_find_entry (model, fixture->ar_id);
  g_assert_cmpint (entry->problems, ==, ND_CALENDAR_PROBLEM_NONE);
  g_assert_cmpint (entry->item->status, ==, ND_EDITION_STATUS_SCHEDULED);
  day = nd_calendar_model_find_day (model, moscow (fixture, 10, 9, 0));
  g_assert_cmpint (g_date_time_get_day_of_month (nd_calendar_model_get_day (model, day)), ==, 10);

  /* Every page builds on the same store. */
  nd_calendar_view_set_page (fixture->view, "week");
  wait_loaded (fixture);
  g_assert_cmpint (nd_calendar_model_get_span (nd_calendar_view_get_model (fixture->view)), ==,
                   ND_CALENDAR_SPAN_WEEK);
  nd_calendar_view_set_page (fixture->view, "agenda");
  wait_loaded (fixture);
  g_assert_nonnull (nd_calendar_model_find_entry (nd_calendar_view_get_model (fixture->view),
                                                  fixture->en_id));
}

static void
test_keyboard_move (Fixture       *fixture,
                    gconstpointer  data)
{
  gint64 before = publish_at_of (fixture, fixture->en_id);

  g_assert_true (nd_calendar_view_select_edition (fixture->view, fixture->en_id));
  g_assert_cmpint (nd_calendar_view_get_selected_edition (fixture->view), ==, fixture->en_id);

  /* Alt+Right: a day later. */
  g_assert_true (gtk_widget_activate_action (GTK_WIDGET (fixture->view), "calendar.move", "(ii)", 1, 0));
  wait_loaded (fixture);
  g_assert_cmpint (publish_at_of (fixture, fixture->en_id), ==, moscow (fixture, 11, 10, 0));
  /* Alt+Down: 15 minutes later; the model follows the store. */
  gtk_widget_activate_action (GTK_WIDGET (fixture->view), "calendar.move", "(ii)", 0, 15);
  wait_loaded (fixture);
  g_assert_cmpint (publish_at_of (fixture, fixture->en_id), ==, moscow (fixture, 11, 10, 15));
  g_assert_cmpint (nd_calendar_model_find_entry (nd_calendar_view_get_model (fixture->view),
                                                 fixture->en_id)->minute, ==, 15);
  g_assert_null (nd_calendar_view_get_message (fixture->view));

  /* Under a right-to-left interface Alt+Left is the next day. */
  gtk_widget_set_direction (GTK_WIDGET (fixture->view), GTK_TEXT_DIR_RTL);
  wait_loaded (fixture);
  gtk_widget_activate_action (GTK_WIDGET (fixture->view), "calendar.move", "(ii)", -1, 0);
  g_assert_cmpint (publish_at_of (fixture, fixture->en_id), ==, moscow (fixture, 12, 10, 15));
  g_assert_cmpint (publish_at_of (fixture, fixture->en_id) - before, ==, 2 * 86400 + 15 * 60);
}

static AdwMessageDialog *
find_confirmation (void)
{
  GListModel *toplevels = gtk_window_get_toplevels ();

  for (guint i = 0; i < g_list_model_get_n_items (toplevels); i++)
    {
      g_autoptr(GObject) window = g_list_model_get_item (toplevels, i);

      if (ADW_IS_MESSAGE_DIALOG (window) && gtk_widget_get_visible (GTK_WIDGET (window)))
        return ADW_MESSAGE_DIALOG (window);
    }

  return NULL;
}

static void
answer (AdwMessageDialog *dialog,
        const char       *response)
{
  adw_message_dialog_response (dialog, response);
  gtk_window_destroy (GTK_WINDOW (dialog));
  while (g_main_context_iteration (NULL, FALSE))
    ;
}

/* A stale translation is moved once the editor confirms it, as in the
 * editor; until then it stays where it was. */
static void
test_stale_confirmation (Fixture       *fixture,
                         gconstpointer  data)
{
  g_autoptr(GError) error = NULL;
  g_autoptr(NdEdition) ar = nd_story_store_load_edition_by_id (fixture->store, fixture->ar_id, &error);
  g_autoptr(NdEdition) ru = nd_story_store_load_edition_by_id (fixture->store, fixture->ru_id, &error);
  gint64 before = publish_at_of (fixture, fixture->ar_id);
  AdwMessageDialog *dialog;

  nd_story_store_mark_translated (fixture->store, ar, &error);
  g_assert_no_error (error);
  nd_edition_set_body (ru, "Body, corrected after the translation.");
  g_assert_true (nd_story_store_save_edition (fixture->store, ru, &error));
  nd_calendar_view_reload (fixture->view);
  wait_loaded (fixture);
  g_assert_true (nd_calendar_model_find_entry (nd_calendar_view_get_model (fixture->view),
                                               fixture->ar_id)->item->stale);

  g_assert_true (nd_calendar_view_select_edition (fixture->view, fixture->ar_id));
  gtk_widget_activate_action (GTK_WIDGET (fixture->view), "calendar.move", "(ii)", 1, 0);
  dialog = find_confirmation ();
  g_assert_nonnull (dialog);
  g_assert_cmpint (publish_at_of (fixture, fixture->ar_id), ==, before);
  answer (dialog, "cancel");
  g_assert_cmpint (publish_at_of (fixture, fixture->ar_id), ==, before);
  g_assert_null (find_confirmation ());

  gtk_widget_activate_action (GTK_WIDGET (fixture->view), "calendar.move", "(ii)", 1, 0);
  dialog = find_confirmation ();
  g_assert_nonnull (dialog);
  answer (dialog, "confirm");
  g_assert_cmpint (publish_at_of (fixture, fixture->ar_id), ==, moscow (fixture, 11, 11, 0));
  g_assert_null (nd_calendar_view_get_message (fixture->view));
}

static void
test_refuse_past (Fixture       *fixture,
                  gconstpointer  data)
{
  gint64 before = publish_at_of (fixture, fixture->ru_id);

  nd_calendar_view_set_now (fixture->view, moscow (fixture, 10, 8, 50));
  wait_loaded (fixture);
  g_assert_true (nd_calendar_view_select_edition (fixture->view, fixture->ru_id));
  gtk_widget_activate_action (GTK_WIDGET (fixture->view), "calendar.move", "(ii)", 0, -15);
  g_assert_cmpint (publish_at_of (fixture, fixture->ru_id), ==, before);
  g_assert_nonnull (nd_calendar_view_get_message (fixture->view));
}

static void
on_story_activated_cb (NdCalendarView *view,
                       gint64          story_id,
                       const char     *lang,
                       gpointer        data)
{
  g_autofree char *text = g_strdup_printf ("%" G_GINT64_FORMAT ":%s", story_id, lang);

  g_strlcpy (data, text, 64);
}

/* An item's text is its face's: "10:00 EN Moscow votes". */
static const char *
item_text (GtkWidget *button)
{
  return nd_calendar_face_get_text (ND_CALENDAR_FACE (gtk_button_get_child (GTK_BUTTON (button))));
}

static gboolean
is_item_of (GtkWidget     *widget,
            gconstpointer  headline)
{
  return GTK_IS_BUTTON (widget) && gtk_widget_has_css_class (widget, "calendar-item") &&
         gtk_widget_get_visible (widget) && strstr (item_text (widget), headline) != NULL;
}

static GtkWidget *
find_button_named (GtkWidget  *root,
                   const char *headline)
{
  return nd_test_find_widget (root, is_item_of, NULL, headline);
}

static void
test_activate (Fixture       *fixture,
               gconstpointer  data)
{
  char activated[64] = "";
  g_autofree char *expected = g_strdup_printf ("%" G_GINT64_FORMAT ":ar", fixture->story_id);
  GtkWidget *button;

  /* The month shows three items a day and "1 more"; the week shows all. */
  g_assert_null (find_button_named (GTK_WIDGET (fixture->view), "انتخابات"));
  nd_calendar_view_set_page (fixture->view, "week");
  wait_loaded (fixture);
  g_signal_connect (fixture->view, "story-activated", G_CALLBACK (on_story_activated_cb), activated);
  button = find_button_named (GTK_WIDGET (fixture->view), "انتخابات");
  g_assert_nonnull (button);
  g_assert_true (gtk_widget_has_css_class (button, "lang-2"));
  g_assert_true (gtk_widget_has_css_class (button, "status-scheduled"));
  /* Neither outlined nor with the warning icon, which the class draws. */
  g_assert_false (gtk_widget_has_css_class (button, "clash"));
  g_assert_false (gtk_widget_has_css_class (button, "missed"));

  /* The two Russian editions at 09:00 clash: outlined, with an icon. */
  button = find_button_named (GTK_WIDGET (fixture->view), "Выборы");
  g_assert_nonnull (button);
  g_assert_true (gtk_widget_has_css_class (button, "lang-0"));
  g_assert_true (gtk_widget_has_css_class (button, "clash"));
  g_assert_true (gtk_widget_get_has_tooltip (button));

  button = find_button_named (GTK_WIDGET (fixture->view), "انتخابات");
  g_signal_emit_by_name (button, "clicked");
  g_assert_cmpstr (activated, ==, expected);
}

static void
measure_width (GtkWidget *widget,
               int       *minimum,
               int       *natural)
{
  gtk_widget_measure (widget, GTK_ORIENTATION_HORIZONTAL, -1, minimum, natural, NULL, NULL);
}

/* A month item is a button with one face: the time, the code and the
 * headline in one line, whose size does not follow the text, so that a
 * layout of the month shapes no headline. Under a right-to-left interface
 * the three parts are set apart with right-to-left marks. */
static void
test_item_face (Fixture       *fixture,
                gconstpointer  data)
{
  GtkWidget *button = find_button_named (GTK_WIDGET (fixture->view), "Moscow votes");
  GtkWidget *face;
  g_autoptr(GtkWidget) other = g_object_ref_sink (nd_calendar_face_new ());
  int min, nat, other_min, other_nat;

  g_assert_nonnull (button);
  face = gtk_button_get_child (GTK_BUTTON (button));
  g_assert_true (ND_IS_CALENDAR_FACE (face));
  g_assert_null (gtk_widget_get_first_child (face));
  g_assert_cmpstr (item_text (button), ==, "10:00 EN Moscow votes");

  measure_width (face, &min, &nat);
  nd_calendar_face_set_text (ND_CALENDAR_FACE (other), "09:00 RU A headline far longer than any "
                             "cell of the month could show, and longer still", NULL);
  gtk_widget_set_parent (other, gtk_widget_get_parent (face));
  measure_width (other, &other_min, &other_nat);
  gtk_widget_unparent (other);
  g_assert_cmpint (min, >, 0);
  g_assert_cmpint (min, ==, other_min);
  g_assert_cmpint (nat, ==, other_nat);

  gtk_widget_set_direction (GTK_WIDGET (fixture->view), GTK_TEXT_DIR_RTL);
  nd_calendar_view_reload (fixture->view);
  wait_loaded (fixture);
  button = find_button_named (GTK_WIDGET (fixture->view), "Moscow votes");
  g_assert_cmpstr (item_text (button), ==, "\u200f10:00\u200f \u200fEN\u200f \u200fMoscow votes");
}

static void
iterate (void)
{
  while (g_main_context_iteration (NULL, FALSE))
    ;
}

static const char *
headline_in_model (Fixture *fixture,
                   gint64   edition_id)
{
  const NdCalendarEntry *entry = nd_calendar_model_find_entry (nd_calendar_view_get_model (fixture->view),
                                                               edition_id);

  g_assert_nonnull (entry);
  return entry->item->headline;
}

/* Kept ready off screen, as NdWindow keeps it, the view does not read the
 * month again on each change of the store, but once when shown; it reads
 * off the main thread. */
static void
test_off_screen (Fixture       *fixture,
                 gconstpointer  data)
{
  g_autoptr(GError) error = NULL;
  g_autoptr(NdEdition) edition = nd_story_store_load_edition_by_id (fixture->store, fixture->en_id, &error);

  g_assert_no_error (error);
  g_assert_cmpstr (headline_in_model (fixture, fixture->en_id), ==, "Moscow votes");

  gtk_widget_set_visible (GTK_WIDGET (fixture->view), FALSE);
  g_assert_false (gtk_widget_get_mapped (GTK_WIDGET (fixture->view)));
  nd_edition_set_headline (edition, "Moscow has voted");
  g_assert_true (nd_story_store_save_edition (fixture->store, edition, &error));
  g_assert_no_error (error);
  iterate ();
  wait_loaded (fixture);
  g_assert_cmpstr (headline_in_model (fixture, fixture->en_id), ==, "Moscow votes");

  /* Read again as it is mapped; the month on show stays until it is. */
  gtk_widget_set_visible (GTK_WIDGET (fixture->view), TRUE);
  g_assert_true (gtk_widget_get_mapped (GTK_WIDGET (fixture->view)));
  g_assert_true (nd_calendar_view_is_loading (fixture->view));
  g_assert_cmpstr (headline_in_model (fixture, fixture->en_id), ==, "Moscow votes");
  wait_loaded (fixture);
  g_assert_cmpstr (headline_in_model (fixture, fixture->en_id), ==, "Moscow has voted");
  g_assert_nonnull (find_button_named (GTK_WIDGET (fixture->view), "Moscow has voted"));

  /* On screen, a change is read in an idle callback. */
  nd_edition_set_headline (edition, "Moscow votes again");
  g_assert_true (nd_story_store_save_edition (fixture->store, edition, &error));
  iterate ();
  wait_loaded (fixture);
  g_assert_cmpstr (headline_in_model (fixture, fixture->en_id), ==, "Moscow votes again");
}

/* Given the keyboard, the view puts it on the edition last selected, where
 * the editor left the calendar; without one, on a button of its header. */
static void
test_focus_returns (Fixture       *fixture,
                    gconstpointer  data)
{
  GtkWidget *focus;

  g_assert_true (gtk_widget_grab_focus (GTK_WIDGET (fixture->view)));
  focus = gtk_root_get_focus (GTK_ROOT (fixture->window));
  g_assert_true (GTK_IS_BUTTON (focus));
  g_assert_false (gtk_widget_has_css_class (focus, "calendar-item"));

  g_assert_true (nd_calendar_view_select_edition (fixture->view, fixture->en_id));
  gtk_window_set_focus (fixture->window, NULL);
  g_assert_true (gtk_widget_grab_focus (GTK_WIDGET (fixture->view)));
  focus = gtk_root_get_focus (GTK_ROOT (fixture->window));
  g_assert_true (focus == find_button_named (GTK_WIDGET (fixture->view), "Moscow votes"));
}

int
main (int   argc,
      char *argv[])
{
  gtk_test_init (&argc, &argv, NULL);
  adw_init ();

#define ADD(path, func) \
  g_test_add ("/calendar-view/" path, Fixture, NULL, fixture_set_up, func, fixture_tear_down)
  ADD ("layout", test_layout);
  ADD ("keyboard-move", test_keyboard_move);
  ADD ("refuse-past", test_refuse_past);
  ADD ("stale-confirmation", test_stale_confirmation);
  ADD ("activate", test_activate);
  ADD ("item-face", test_item_face);
  ADD ("off-screen", test_off_screen);
  ADD ("focus-returns", test_focus_returns);
#undef ADD

  return g_test_run ();
}
