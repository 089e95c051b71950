/* test-window.c
 *
 * SPDX-License-Identifier: GPL-3.0-or-later
 */

#include "config.h"

#include <glib/gstdio.h>
#include <adwaita.h>

#include "nd-calendar-view.h"
#include "nd-resources.h"
#include "nd-window.h"
#include "nd-test-util.h"
#include "nd-test-widgets.h"

/* The main window's pages and windows: the editorial calendar as a page
 * (win.show-calendar, Ctrl+L), shown when its month is read, kept off screen
 * and read again when shown after a change; the shortcuts window, built when
 * first asked for. One story with an English edition scheduled an hour from
 * now, so it is in today's month. */

typedef struct
{
  char         *dir;
  NdDatabase   *database;
  NdStoryStore *store;
  gint64        edition_id;
} Fixture;

/* One for all tests: the session bus keeps its name. */
static GtkApplication *app;

static gboolean
on_timeout_cb (gpointer data)
{
  g_error ("Timed out waiting for %s", (const char *) data);
  return G_SOURCE_REMOVE;
}

static void
wait_until (gboolean  (*done) (GtkWidget *window),
            GtkWidget  *window,
            const char *what)
{
  guint timeout = g_timeout_add_seconds (20, on_timeout_cb, (gpointer) what);

  while (!done (window))
    g_main_context_iteration (NULL, TRUE);
  g_source_remove (timeout);
}

static GtkWidget *
calendar_of (GtkWidget *window)
{
  return nd_test_find_descendant (window, ND_TYPE_CALENDAR_VIEW);
}

static gboolean
is_mapped (GtkWidget *window)
{
  return gtk_widget_get_mapped (window);
}

static gboolean
shows_calendar (GtkWidget *window)
{
  return g_strcmp0 (gtk_window_get_title (GTK_WINDOW (window)), "Editorial Calendar") == 0;
}

static gboolean
calendar_read (GtkWidget *window)
{
  GtkWidget *calendar = calendar_of (window);

  return calendar != NULL && !nd_calendar_view_is_loading (ND_CALENDAR_VIEW (calendar));
}

static const char *
headline_on_calendar (GtkWidget *window,
                      gint64     edition_id)
{
  NdCalendarModel *model = nd_calendar_view_get_model (ND_CALENDAR_VIEW (calendar_of (window)));
  const NdCalendarEntry *entry = model != NULL ? nd_calendar_model_find_entry (model, edition_id) : NULL;

  return entry != NULL ? entry->item->headline : NULL;
}

static void
set_status (Fixture         *fixture,
            NdEdition       *edition,
            NdEditionStatus  status)
{
  g_autoptr(GError) error = NULL;

  g_assert_true (nd_story_store_set_edition_status (fixture->store, edition, status, "test", &error));
  g_assert_no_error (error);
}

static void
fixture_set_up (Fixture       *fixture,
                gconstpointer  data)
{
  g_autoptr(GError) error = NULL;
  g_autoptr(NdStory) story = NULL;
  g_autoptr(NdSection) section = NULL;
  NdEdition *edition;

  fixture->store = nd_test_open_store ("window", &fixture->dir, &fixture->database);

  story = nd_story_store_create_story (fixture->store, "en", &error);
  g_assert_no_error (error);
  section = g_list_model_get_item (nd_story_store_get_sections (fixture->store), 0);
  nd_story_set_section_id (story, nd_section_get_id (section));
  g_assert_true (nd_story_store_save_story (fixture->store, story, &error));
  edition = nd_story_get_edition (story, "en");
  nd_edition_set_headline (edition, "Moscow votes");
  nd_edition_set_body (edition, "Body.");
  g_assert_true (nd_story_store_save_edition (fixture->store, edition, &error));
  set_status (fixture, edition, ND_EDITION_STATUS_IN_REVIEW);
  set_status (fixture, edition, ND_EDITION_STATUS_READY);
  g_assert_true (nd_story_store_schedule_edition (fixture->store, edition, nd_schedule_now () + 3600,
                                                  "test", FALSE, &error));
  g_assert_no_error (error);
  fixture->edition_id = nd_edition_get_id (edition);
}

static void
fixture_tear_down (Fixture       *fixture,
                   gconstpointer  data)
{
  g_assert_finalize_object (fixture->store);
  g_assert_finalize_object (fixture->database);
  nd_test_remove_dir (fixture->dir);
  g_free (fixture->dir);
}

static GtkWidget *
open_window (Fixture *fixture)
{
  GtkWidget *window = GTK_WIDGET (nd_window_new (app, fixture->store));

  gtk_window_present (GTK_WINDOW (window));
  wait_until (is_mapped, window, "the window");
  return window;
}

static void
close_window (GtkWidget *window)
{
  /* A read in flight holds the store. */
  if (calendar_of (window) != NULL)
    wait_until (calendar_read, window, "the calendar's read");
  gtk_window_destroy (GTK_WINDOW (window));
  while (g_main_context_iteration (NULL, FALSE))
    ;
}

/* Ctrl+L before the window built the calendar ahead: the page changes once
 * the month is read, never to an empty month; Ctrl+L again goes back. */
static void
test_before_built (Fixture       *fixture,
                   gconstpointer  data)
{
  GtkWidget *window = open_window (fixture);

  g_assert_null (calendar_of (window));
  gtk_widget_activate_action (window, "win.show-calendar", NULL);
  g_assert_nonnull (calendar_of (window));
  g_assert_false (shows_calendar (window));
  g_assert_null (headline_on_calendar (window, fixture->edition_id));

  wait_until (shows_calendar, window, "the calendar");
  g_assert_cmpstr (headline_on_calendar (window, fixture->edition_id), ==, "Moscow votes");
  g_assert_true (gtk_widget_get_mapped (calendar_of (window)));
  g_assert_true (gtk_widget_is_ancestor (gtk_root_get_focus (GTK_ROOT (window)), calendar_of (window)));

  gtk_widget_activate_action (window, "win.show-calendar", NULL);
  g_assert_cmpstr (gtk_window_get_title (GTK_WINDOW (window)), ==, "Newsdesk");
  g_assert_false (gtk_widget_get_mapped (calendar_of (window)));
  close_window (window);
}

/* Ctrl+L twice before the month is read: the calendar is not shown. */
static void
test_given_up (Fixture       *fixture,
               gconstpointer  data)
{
  GtkWidget *window = open_window (fixture);

  gtk_widget_activate_action (window, "win.show-calendar", NULL);
  gtk_widget_activate_action (window, "win.show-calendar", NULL);
  wait_until (calendar_read, window, "the calendar's read");
  while (g_main_context_iteration (NULL, FALSE))
    ;
  g_assert_cmpstr (headline_on_calendar (window, fixture->edition_id), ==, "Moscow votes");
  g_assert_false (shows_calendar (window));
  g_assert_false (gtk_widget_get_mapped (calendar_of (window)));
  close_window (window);
}

/* Edited while the desk was on show, the month is read again when the
 * calendar comes back. */
static void
test_read_again (Fixture       *fixture,
                 gconstpointer  data)
{
  g_autoptr(GError) error = NULL;
  g_autoptr(NdEdition) edition = NULL;
  GtkWidget *window = open_window (fixture);

  gtk_widget_activate_action (window, "win.show-calendar", NULL);
  wait_until (shows_calendar, window, "the calendar");
  gtk_widget_activate_action (window, "win.show-desk", NULL);
  g_assert_cmpstr (gtk_window_get_title (GTK_WINDOW (window)), ==, "Newsdesk");

  edition = nd_story_store_load_edition_by_id (fixture->store, fixture->edition_id, &error);
  g_assert_no_error (error);
  nd_edition_set_headline (edition, "Moscow has voted");
  g_assert_true (nd_story_store_save_edition (fixture->store, edition, &error));
  while (g_main_context_iteration (NULL, FALSE))
    ;
  g_assert_false (nd_calendar_view_is_loading (ND_CALENDAR_VIEW (calendar_of (window))));

  gtk_widget_activate_action (window, "win.show-calendar", NULL);
  g_assert_true (shows_calendar (window));
  wait_until (calendar_read, window, "the calendar's read");
  g_assert_cmpstr (headline_on_calendar (window, fixture->edition_id), ==, "Moscow has voted");
  close_window (window);
}

static GtkWindow *
find_shortcuts_window (void)
{
  GListModel *toplevels = gtk_window_get_toplevels ();

  for (guint i = 0; i < g_list_model_get_n_items (toplevels); i++)
    {
      g_autoptr(GtkWindow) window = g_list_model_get_item (toplevels, i);

      if (GTK_IS_SHORTCUTS_WINDOW (window))
        return window;
    }
  return NULL;
}

/* Built when first asked for (Ctrl+?), not with the window; shown over it,
 * hidden on close and shown again, gone with the window. */
static void
test_shortcuts (Fixture       *fixture,
                gconstpointer  data)
{
  GtkWidget *window = open_window (fixture);
  GtkWindow *shortcuts;

  g_assert_null (find_shortcuts_window ());
  g_assert_true (gtk_widget_activate_action (window, "win.show-help-overlay", NULL));
  shortcuts = find_shortcuts_window ();
  g_assert_nonnull (shortcuts);
  g_assert_true (gtk_window_get_transient_for (shortcuts) == GTK_WINDOW (window));
  g_assert_true (gtk_widget_get_visible (GTK_WIDGET (shortcuts)));

  gtk_window_close (shortcuts);
  g_assert_false (gtk_widget_get_visible (GTK_WIDGET (shortcuts)));
  gtk_widget_activate_action (window, "win.show-help-overlay", NULL);
  g_assert_true (find_shortcuts_window () == shortcuts);
  g_assert_true (gtk_widget_get_visible (GTK_WIDGET (shortcuts)));

  close_window (window);
  g_assert_null (find_shortcuts_window ());
}

int
main (int   argc,
      char *argv[])
{
  g_autoptr(GError) error = NULL;
  int status;

  gtk_test_init (&argc, &argv, NULL);
  adw_init ();
  g_resources_register (nd_get_resource ());
  /* The app's resource path, as NdApplication has it: GtkApplication would
   * build a gtk/help-overlay.ui there with every window. */
  app = g_object_new (GTK_TYPE_APPLICATION,
                      "application-id", "io.github.newsdesk.Newsdesk.TestWindow",
                      "resource-base-path", "/io/github/newsdesk/Newsdesk",
                      "flags", G_APPLICATION_NON_UNIQUE,
                      NULL);
  g_application_register (G_APPLICATION (app), NULL, &error);
  g_assert_no_error (error);

#define ADD(path, func) \
  g_test_add ("/window/" path, Fixture, NULL, fixture_set_up, func, fixture_tear_down)
  ADD ("calendar-before-built", test_before_built);
  ADD ("calendar-given-up", test_given_up);
  ADD ("calendar-read-again", test_read_again);
  ADD ("shortcuts", test_shortcuts);
#undef ADD

  status = g_test_run ();
  g_object_unref (app);
  return status;
}
