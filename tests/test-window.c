/* test-window.c
 *
 * SPDX-License-Identifier: GPL-3.0-or-later
 */

#include "config.h"

#include <glib/gstdio.h>
#include <adwaita.h>

#include "nd-calendar-view.h"
#include "nd-filter-popover.h"
#include "nd-resources.h"
#include "nd-window.h"
#include "nd-test-util.h"
#include "nd-test-widgets.h"

/* The main window's pages and windows: its first frame; the editorial
 * calendar as a page (win.show-calendar, Ctrl+L), shown when its month is
 * read, kept off screen and read again when shown after a change; the
 * shortcuts window, built when first asked for. One story with an English
 * edition scheduled an hour from now, so it is in today's month. */

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
  nd_test_close_store (fixture->store, fixture->database, fixture->dir);
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

typedef struct
{
  GtkWidget     *window;
  GskRenderNode *content;          /* the content as first painted */
  gboolean       title_fading;     /* the header still fading from its tabs */
  gboolean       title_visible;
} FirstFrame;

static void
on_first_after_paint_cb (GdkFrameClock *clock,
                         FirstFrame    *first)
{
  GtkWidget *content = GTK_WIDGET (adw_application_window_get_content (ADW_APPLICATION_WINDOW (first->window)));
  GtkWidget *title = nd_test_find_descendant (first->window, ADW_TYPE_VIEW_SWITCHER_TITLE);
  GtkWidget *squeezer = gtk_widget_get_first_child (title);
  g_autoptr(GdkPaintable) paintable = gtk_widget_paintable_new (content);
  g_autoptr(GtkSnapshot) snapshot = gtk_snapshot_new ();

  g_signal_handlers_disconnect_by_func (clock, on_first_after_paint_cb, first);
  first->title_visible = adw_view_switcher_title_get_title_visible (ADW_VIEW_SWITCHER_TITLE (title));
  /* A fade's first frame shows what it fades from: the squeezer draws the
   * fade while its transition runs, unless it has none. */
  g_assert_true (ADW_IS_SQUEEZER (squeezer));
  first->title_fading = adw_squeezer_get_transition_running (ADW_SQUEEZER (squeezer)) &&
                        adw_squeezer_get_transition_type (ADW_SQUEEZER (squeezer)) != ADW_SQUEEZER_TRANSITION_TYPE_NONE;
  gdk_paintable_snapshot (paintable, snapshot,
                          gtk_widget_get_width (content), gtk_widget_get_height (content));
  first->content = gtk_snapshot_free_to_node (g_steal_pointer (&snapshot));
}

static void
on_realize_cb (GtkWidget  *window,
               FirstFrame *first)
{
  g_signal_connect (gtk_widget_get_frame_clock (window), "after-paint",
                    G_CALLBACK (on_first_after_paint_cb), first);
}

static gboolean
first_frame_painted (GtkWidget *window)
{
  FirstFrame *first = g_object_get_data (G_OBJECT (window), "first-frame");

  return first->content != NULL;
}

/* Without a GPU, every shader program a frame draws with is compiled when
 * first used: 35-50 ms each on llvmpipe, so the first frame's kinds of
 * drawing are most of a first start. The desk keeps to fills, text, icons,
 * borders and rounded clips, which every window draws with: no shadows
 * (status chips used to be pills drawn as inset shadows), no fades, no
 * gradients and no drawing of its own. */
static const char *
first_kind_beyond_the_basic (GskRenderNode *node)
{
  switch (gsk_render_node_get_node_type (node))
    {
    case GSK_CONTAINER_NODE:
      for (guint i = 0; i < gsk_container_node_get_n_children (node); i++)
        {
          const char *kind = first_kind_beyond_the_basic (gsk_container_node_get_child (node, i));

          if (kind != NULL)
            return kind;
        }
      return NULL;
    case GSK_TRANSFORM_NODE:
      return first_kind_beyond_the_basic (gsk_transform_node_get_child (node));
    case GSK_CLIP_NODE:
      return first_kind_beyond_the_basic (gsk_clip_node_get_child (node));
    case GSK_ROUNDED_CLIP_NODE:
      return first_kind_beyond_the_basic (gsk_rounded_clip_node_get_child (node));
    case GSK_COLOR_MATRIX_NODE:
      return first_kind_beyond_the_basic (gsk_color_matrix_node_get_child (node));
    case GSK_OPACITY_NODE:
      return first_kind_beyond_the_basic (gsk_opacity_node_get_child (node));
    case GSK_COLOR_NODE:
    case GSK_TEXT_NODE:
    case GSK_TEXTURE_NODE:
    case GSK_BORDER_NODE:
      return NULL;
    default:
      return g_type_name (G_TYPE_FROM_INSTANCE (node));
    }
}

/* The first frame shows the desk as it stays: the editor's header holds the
 * window's title (no story is open) without fading it in over the tabs, and
 * is drawn with the basic kinds of drawing only. Later the title and tabs
 * fade into each other again. */
static void
test_first_frame (Fixture       *fixture,
                  gconstpointer  data)
{
  FirstFrame first = { NULL, };
  GtkWidget *window = GTK_WIDGET (nd_window_new (app, fixture->store));
  GtkWidget *squeezer;
  const char *kind;

  first.window = window;
  g_object_set_data (G_OBJECT (window), "first-frame", &first);
  g_signal_connect (window, "realize", G_CALLBACK (on_realize_cb), &first);
  gtk_window_present (GTK_WINDOW (window));
  wait_until (first_frame_painted, window, "the first frame");

  g_assert_true (first.title_visible);
  g_assert_false (first.title_fading);
  kind = first_kind_beyond_the_basic (first.content);
  if (kind != NULL)
    g_test_message ("The first frame draws a %s", kind);
  g_assert_null (kind);

  squeezer = gtk_widget_get_first_child (nd_test_find_descendant (window, ADW_TYPE_VIEW_SWITCHER_TITLE));
  g_assert_true (ADW_IS_SQUEEZER (squeezer));
  g_assert_cmpint (adw_squeezer_get_transition_type (ADW_SQUEEZER (squeezer)), ==,
                   ADW_SQUEEZER_TRANSITION_TYPE_CROSSFADE);

  g_clear_pointer (&first.content, gsk_render_node_unref);
  close_window (window);
}

static gboolean
is_filter_button (GtkWidget     *widget,
                  gconstpointer  data)
{
  return GTK_IS_MENU_BUTTON (widget) &&
         g_strcmp0 (gtk_menu_button_get_icon_name (GTK_MENU_BUTTON (widget)), "nd-filter-symbolic") == 0;
}

/* The n-th drop-down (status, language, section, tag, schedule) or check
 * button (needs translation, stale) of the filter popover. */
static GtkWidget *
nth_of_type (GtkWidget *widget,
             GType      type,
             guint      n)
{
  guint seen = 0;

  for (GtkWidget *child = gtk_widget_get_first_child (gtk_popover_get_child (GTK_POPOVER (widget)));
       child != NULL; child = gtk_widget_get_next_sibling (child))
    if (G_TYPE_CHECK_INSTANCE_TYPE (child, type) && seen++ == n)
      return child;
  return NULL;
}

static gboolean
is_list_view (GtkWidget     *widget,
              gconstpointer  data)
{
  return GTK_IS_LIST_VIEW (widget);
}

/* The drop-downs in popovers have lists of their own. */
static gboolean
is_not_popover (GtkWidget     *widget,
                gconstpointer  data)
{
  return !GTK_IS_POPOVER (widget);
}

static guint
n_listed (GtkWidget *window)
{
  GtkListView *list = GTK_LIST_VIEW (nd_test_find_widget (window, is_list_view, is_not_popover, NULL));

  return g_list_model_get_n_items (G_LIST_MODEL (gtk_list_view_get_model (list)));
}

/* The last filters come back with the window and are applied before the
 * filter popover is made: it is made when first opened, showing them.
 * A filter changed there filters the desk and is remembered; clearing the
 * filters shows the whole desk again. The story is only in English, and
 * not stale. */
static void
test_filters (Fixture       *fixture,
              gconstpointer  data)
{
  g_autoptr(GSettings) settings = g_settings_new ("io.github.newsdesk.Newsdesk");
  NdFilterChoice choice;
  GtkWidget *window;
  GtkWidget *button;
  GtkWidget *popover;
  GtkWidget *language;

  g_settings_set_string (settings, "filter-language", "ru");
  window = open_window (fixture);
  g_assert_cmpuint (n_listed (window), ==, 0);
  button = nd_test_find_widget (window, is_filter_button, NULL, NULL);
  g_assert_nonnull (button);
  g_assert_true (gtk_widget_has_css_class (button, "accent"));
  g_assert_null (gtk_menu_button_get_popover (GTK_MENU_BUTTON (button)));

  gtk_menu_button_popup (GTK_MENU_BUTTON (button));
  popover = GTK_WIDGET (gtk_menu_button_get_popover (GTK_MENU_BUTTON (button)));
  g_assert_true (ND_IS_FILTER_POPOVER (popover));
  nd_filter_popover_get_choice (ND_FILTER_POPOVER (popover), &choice);
  g_assert_cmpuint (choice.language, >, 0);
  language = nth_of_type (popover, GTK_TYPE_DROP_DOWN, 1);
  g_assert_cmpstr (gtk_string_object_get_string (gtk_drop_down_get_selected_item (GTK_DROP_DOWN (language))),
                   ==, "Русский");

  gtk_drop_down_set_selected (GTK_DROP_DOWN (language), 0);
  g_assert_cmpuint (n_listed (window), ==, 1);
  g_assert_cmpstr (g_settings_get_string (settings, "filter-language"), ==, "");
  g_assert_false (gtk_widget_has_css_class (button, "accent"));

  gtk_check_button_set_active (GTK_CHECK_BUTTON (nth_of_type (popover, GTK_TYPE_CHECK_BUTTON, 1)), TRUE);
  g_assert_cmpuint (n_listed (window), ==, 0);
  g_assert_true (g_settings_get_boolean (settings, "filter-stale"));

  gtk_widget_activate_action (window, "win.clear-filters", NULL);
  g_assert_cmpuint (n_listed (window), ==, 1);
  g_assert_false (g_settings_get_boolean (settings, "filter-stale"));
  g_assert_false (gtk_check_button_get_active (GTK_CHECK_BUTTON (nth_of_type (popover, GTK_TYPE_CHECK_BUTTON, 1))));

  gtk_popover_popdown (GTK_POPOVER (popover));
  close_window (window);
  g_settings_reset (settings, "filter-language");
  g_settings_reset (settings, "filter-stale");
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
   * build a gtk/help-overlay.ui there with every window, and AdwApplication
   * loads the style sheet from it. */
  app = g_object_new (ADW_TYPE_APPLICATION,
                      "application-id", "io.github.newsdesk.Newsdesk.TestWindow",
                      "resource-base-path", "/io/github/newsdesk/Newsdesk",
                      "flags", G_APPLICATION_NON_UNIQUE,
                      NULL);
  g_application_register (G_APPLICATION (app), NULL, &error);
  g_assert_no_error (error);

#define ADD(path, func) \
  g_test_add ("/window/" path, Fixture, NULL, fixture_set_up, func, fixture_tear_down)
  ADD ("first-frame", test_first_frame);
  ADD ("filters", test_filters);
  ADD ("calendar-before-built", test_before_built);
  ADD ("calendar-given-up", test_given_up);
  ADD ("calendar-read-again", test_read_again);
  ADD ("shortcuts", test_shortcuts);
#undef ADD

  status = g_test_run ();
  g_object_unref (app);
  return status;
}
