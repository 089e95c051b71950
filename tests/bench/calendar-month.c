/* calendar-month.c: how long the editorial calendar takes to show, and to
 * switch months, with 3,000 editions in each month.
 *
 * SPDX-License-Identifier: GPL-3.0-or-later
 *
 * Measured as an editor meets it, in the app's own main window (NdWindow)
 * on a real database: a store in a temporary file is filled through its
 * public API with 1,000 stories a month for this month and the next, each
 * with a Russian, an English and an Arabic edition at quarter hours from
 * 06:00 to 23:45 Moscow time (those already past are published, the rest
 * scheduled; one translation in twenty was never marked up to date). The
 * window is drawn first; the calendar is then shown with win.show-calendar
 * (Ctrl+L), months are switched with calendar.next and calendar.previous
 * (Alt+Page Down and Alt+Page Up), and the desk comes back with
 * win.show-desk (Escape). Needs a display (xvfb-run); without one it skips.
 *
 * The time runs from the request to the end of the first frame that holds
 * the month, and each frame is split into its phases with emission hooks on
 * the frame clock: before the frame (the page switch, the month read again
 * if the store changed), layout (style, measure, allocate) and paint
 * (snapshot and GSK render). A request is made when the window has been
 * still for a while, as an editor's key press would be.
 *
 * Shows:
 * - built ahead: the window builds the calendar a while after its first
 *   frame (NdWindow's CALENDAR_PREBUILD_DELAY_MS); the first show of a
 *   process is reported apart, as it draws the month's text for the first
 *   time;
 * - after an autosave: an edition was saved meanwhile, so the calendar
 *   reads the month from SQLite again before its frame;
 * - before it was built: Ctrl+L right after a new window's first frame.
 *
 * CALENDAR_TRACE=1 prints each frame's phases on the monotonic clock, to
 * line them up with `perf record -k mono`.
 *
 *   calendar-month [--editions N] [--runs N]
 *   calendar-month --hold SECONDS [--page week|month|agenda]
 *
 * --hold shows the calendar that long instead of measuring, for
 * screenshots; LANGUAGE=ar shows it right to left.
 */

#include "config.h"

#include <locale.h>
#include <stdio.h>
#include <string.h>

#include <adwaita.h>
#include <glib/gstdio.h>

#include "nd-calendar-view.h"
#include "nd-resources.h"
#include "nd-window.h"
#include "nd-test-util.h"
#include "nd-test-widgets.h"

enum {
  PHASE_BEFORE_PAINT,
  PHASE_LAYOUT,
  PHASE_PAINT,
  PHASE_AFTER_PAINT,
  N_PHASES
};

static const char *phase_signals[N_PHASES] = { "before-paint", "layout", "paint", "after-paint" };
static const char *const langs[] = { "ru", "en", "ar" };

static GMainLoop     *loop;
static GtkWidget     *watched_calendar;   /* frames while it reads do not count */
static gint64         loaded_at;
static gint64         painted_at;
static GdkFrameClock *watched_clock;
static gint64         phase_at[N_PHASES];

/* What one frame cost, from the request. */
typedef struct
{
  double request;  /* the action itself, on the main thread */
  double read;     /* the request to the month read and laid out */
  double before;   /* the request to the start of the frame */
  double layout;   /* style, measure and allocate */
  double paint;    /* snapshot and render */
  double total;    /* the request to the end of the frame */
} Frame;

typedef struct
{
  GArray *request, *read, *before, *layout, *paint, *total;
} Frames;

typedef struct
{
  int           editions;
  int           runs;
  int           hold;
  char         *page;
  char         *dir;
  NdDatabase   *database;
  NdStoryStore *store;
  gint64        some_edition;
  int           status;
} Bench;

static void
die (const char *what,
     GError     *error)
{
  g_printerr ("%s: %s\n", what, error != NULL ? error->message : "failed");
  exit (1);
}

/* The archive ---------------------------------------------------------------- */

static void
fill_edition (NdEdition  *edition,
              guint       story,
              const char *lang)
{
  g_autofree char *headline = g_strdup_printf (g_str_equal (lang, "ru") ? "Сюжет %u: заголовок некоторой длины"
                                               : g_str_equal (lang, "ar") ? "القصة %u: عنوان بطول ما"
                                               : "Story %u, a headline of some length",
                                               story);

  nd_edition_set_headline (edition, headline);
  nd_edition_set_body (edition, "The first paragraph.\n\nThe second paragraph.");
}

static void
schedule (NdStoryStore *store,
          NdEdition    *edition,
          gint64        when,
          gint64        now)
{
  g_autoptr(GError) error = NULL;
  static const NdEditionStatus steps[] = {
    ND_EDITION_STATUS_DRAFT, ND_EDITION_STATUS_IN_REVIEW, ND_EDITION_STATUS_READY,
  };

  if (!nd_story_store_save_edition (store, edition, &error))
    die ("save edition", error);
  for (guint i = 0; i < G_N_ELEMENTS (steps); i++)
    if (nd_edition_get_status (edition) < steps[i] &&
        !nd_story_store_set_edition_status (store, edition, steps[i], "bench", &error))
      die ("set status", error);
  if (!nd_story_store_set_publish_at (store, edition, when, &error))
    die ("set publish time", error);
  if (!nd_story_store_set_edition_status (store, edition,
                                          when <= now ? ND_EDITION_STATUS_PUBLISHED : ND_EDITION_STATUS_SCHEDULED,
                                          "bench", &error))
    die ("set status", error);
}

/* One story in three languages a day of the month, at a quarter hour. */
static void
add_story (Bench     *bench,
           GRand     *rand,
           GTimeZone *zone,
           int        year,
           int        month,
           guint      n,
           gint64     section_id,
           gint64     now)
{
  g_autoptr(GError) error = NULL;
  g_autoptr(NdStory) story = nd_story_store_create_story (bench->store, "ru", &error);
  int days = g_date_get_days_in_month (month, year);
  g_autoptr(GDateTime) first = NULL;
  gint64 when;

  if (story == NULL)
    die ("create story", error);
  first = g_date_time_new (zone, year, month, 1 + g_rand_int_range (rand, 0, days),
                           6 + g_rand_int_range (rand, 0, 18), 15 * g_rand_int_range (rand, 0, 4), 0);
  when = g_date_time_to_unix (first);
  nd_story_set_section_id (story, section_id);
  if (!nd_story_store_save_story (bench->store, story, &error))
    die ("save story", error);

  for (guint i = 0; i < G_N_ELEMENTS (langs); i++)
    {
      g_autoptr(NdEdition) added = NULL;
      NdEdition *edition;

      if (i == 0)
        edition = nd_story_get_edition (story, langs[i]);
      else if ((edition = added = nd_story_store_add_edition (bench->store, nd_story_get_id (story),
                                                              langs[i], &error)) == NULL)
        die ("add edition", error);
      fill_edition (edition, n, langs[i]);
      schedule (bench->store, edition, when + i * 15 * 60, now);
      if (i > 0 && g_rand_int_range (rand, 0, 20) != 0 &&
          !nd_story_store_mark_translated (bench->store, edition, &error))
        die ("mark translated", error);
      bench->some_edition = nd_edition_get_id (edition);
    }
}

static void
fill_archive (Bench *bench)
{
  g_autoptr(GError) error = NULL;
  g_autoptr(GTimeZone) zone = g_time_zone_new_identifier ("Europe/Moscow");
  g_autoptr(GDateTime) today = g_date_time_new_now (zone);
  g_autoptr(GDateTime) next = g_date_time_add_months (today, 1);
  GListModel *sections = nd_story_store_get_sections (bench->store);
  g_autoptr(NdSection) section = g_list_model_get_item (sections, 0);
  g_autofree char *path = g_build_filename (bench->dir, "calendar.db", NULL);
  GRand *rand = g_rand_new_with_seed (42);
  gint64 now = g_get_real_time () / G_USEC_PER_SEC;
  gint64 start = g_get_monotonic_time ();
  guint stories = bench->editions / G_N_ELEMENTS (langs);

  if (!nd_database_begin (bench->database, &error))
    die ("begin", error);
  for (guint n = 0; n < 2 * stories; n++)
    {
      GDateTime *month = n < stories ? today : next;

      add_story (bench, rand, zone, g_date_time_get_year (month), g_date_time_get_month (month),
                 n, nd_section_get_id (section), now);
    }
  if (!nd_database_commit (bench->database, &error))
    die ("commit", error);
  g_rand_free (rand);
  g_print ("Filled %s: %u stories, %u editions in each of two months, in %.1f s\n",
           path, 2 * stories, stories * 3, (g_get_monotonic_time () - start) / 1e6);
}

/* Frames ---------------------------------------------------------------------- */

/* Emission hooks run before any handler, so each marks the start of a phase
 * of the watched clock's frame. */
static gboolean
phase_hook_cb (GSignalInvocationHint *hint,
               guint                  n_values,
               const GValue          *values,
               gpointer               data)
{
  if (watched_clock != NULL && g_value_get_object (&values[0]) == (GObject *) watched_clock)
    phase_at[GPOINTER_TO_INT (data)] = g_get_monotonic_time ();
  return TRUE;
}

static void
add_phase_hooks (void)
{
  GTypeClass *klass = g_type_class_ref (GDK_TYPE_FRAME_CLOCK);

  for (int i = 0; i < N_PHASES; i++)
    g_signal_add_emission_hook (g_signal_lookup (phase_signals[i], GDK_TYPE_FRAME_CLOCK), 0,
                                phase_hook_cb, GINT_TO_POINTER (i), NULL);
  g_type_class_unref (klass);
}

static void
after_paint_cb (GdkFrameClock *clock,
                gpointer       data)
{
  /* The month asked for is not on screen yet. */
  if (watched_calendar != NULL && nd_calendar_view_is_loading (ND_CALENDAR_VIEW (watched_calendar)))
    return;
  if (painted_at == 0)
    {
      painted_at = g_get_monotonic_time ();
      g_main_loop_quit (loop);
    }
}

static gboolean
quit_cb (gpointer data)
{
  g_main_loop_quit (loop);
  return G_SOURCE_REMOVE;
}

static void
wait_ms (guint ms)
{
  g_timeout_add (ms, quit_cb, NULL);
  g_main_loop_run (loop);
}

static void
watch_window (GtkWidget *window)
{
  watched_clock = gtk_widget_get_frame_clock (window);
  g_signal_connect (watched_clock, "after-paint", G_CALLBACK (after_paint_cb), NULL);
}

static void
unwatch_window (void)
{
  g_signal_handlers_disconnect_by_func (watched_clock, after_paint_cb, NULL);
  watched_clock = NULL;
}

static void
on_loading_cb (GObject    *calendar,
               GParamSpec *pspec,
               gpointer    data)
{
  if (!nd_calendar_view_is_loading (ND_CALENDAR_VIEW (calendar)))
    loaded_at = g_get_monotonic_time ();
}

/* Asks for what the widget's action does and waits for the frame that
 * shows it: with the calendar, the first frame after its month was read
 * (off the main thread) and laid out. */
static void
time_action (GtkWidget  *widget,
             const char *action,
             Frame      *frame)
{
  gint64 start = g_get_monotonic_time ();

  painted_at = 0;
  loaded_at = 0;
  memset (phase_at, 0, sizeof phase_at);
  gtk_widget_activate_action (widget, action, NULL);
  frame->request = (g_get_monotonic_time () - start) / 1000.0;
  /* Perhaps built by the action; a read it started ends in a later main
   * loop iteration. */
  watched_calendar = nd_test_find_descendant (GTK_WIDGET (gtk_widget_get_root (widget)), ND_TYPE_CALENDAR_VIEW);
  if (watched_calendar != NULL)
    g_signal_connect (watched_calendar, "notify::loading", G_CALLBACK (on_loading_cb), NULL);
  /* An action that changes nothing on screen would wait forever; one that
   * started a read shows the month when it is read, and a frame drawn
   * meanwhile would only delay that one. */
  if (watched_calendar == NULL || !nd_calendar_view_is_loading (ND_CALENDAR_VIEW (watched_calendar)))
    gtk_widget_queue_draw (GTK_WIDGET (gtk_widget_get_root (widget)));
  g_main_loop_run (loop);
  if (watched_calendar != NULL)
    g_signal_handlers_disconnect_by_func (watched_calendar, on_loading_cb, NULL);
  watched_calendar = NULL;
  frame->read = loaded_at != 0 ? (loaded_at - start) / 1000.0 : 0;
  frame->before = (phase_at[PHASE_BEFORE_PAINT] - start) / 1000.0;
  frame->layout = (phase_at[PHASE_PAINT] - phase_at[PHASE_LAYOUT]) / 1000.0;
  frame->paint = (phase_at[PHASE_AFTER_PAINT] - phase_at[PHASE_PAINT]) / 1000.0;
  frame->total = (painted_at - start) / 1000.0;
  if (g_getenv ("CALENDAR_TRACE") != NULL)
    g_printerr ("trace %s %.6f %.6f %.6f %.6f %.6f\n", action, start / 1e6,
                phase_at[PHASE_BEFORE_PAINT] / 1e6, phase_at[PHASE_LAYOUT] / 1e6,
                phase_at[PHASE_PAINT] / 1e6, painted_at / 1e6);
}

static int
compare_doubles (gconstpointer a,
                 gconstpointer b)
{
  double da = *(const double *) a, db = *(const double *) b;

  return da < db ? -1 : da > db;
}

static void
report (const char *name,
        GArray     *samples)
{
  if (samples->len == 0)
    return;
  g_array_sort (samples, compare_doubles);
  g_print ("%-40s median %7.2f ms   min %7.2f   max %7.2f   (n=%u)\n", name,
           g_array_index (samples, double, samples->len / 2),
           g_array_index (samples, double, 0),
           g_array_index (samples, double, samples->len - 1), samples->len);
}

static void
frames_init (Frames *frames)
{
  frames->request = g_array_new (FALSE, FALSE, sizeof (double));
  frames->read = g_array_new (FALSE, FALSE, sizeof (double));
  frames->before = g_array_new (FALSE, FALSE, sizeof (double));
  frames->layout = g_array_new (FALSE, FALSE, sizeof (double));
  frames->paint = g_array_new (FALSE, FALSE, sizeof (double));
  frames->total = g_array_new (FALSE, FALSE, sizeof (double));
}

static void
frames_add (Frames      *frames,
            const Frame *frame)
{
  g_array_append_val (frames->request, frame->request);
  if (frame->read > 0)
    g_array_append_val (frames->read, frame->read);
  g_array_append_val (frames->before, frame->before);
  g_array_append_val (frames->layout, frame->layout);
  g_array_append_val (frames->paint, frame->paint);
  g_array_append_val (frames->total, frame->total);
}

static void
frames_report (Frames     *frames,
               const char *name,
               const char *request_name)
{
  g_autofree char *request = g_strdup_printf ("  %s", request_name);

  report (name, frames->total);
  report (request, frames->request);
  report ("  request to the month read and laid out", frames->read);
  report ("  request to frame start", frames->before);
  report ("  layout (style, measure, allocate)", frames->layout);
  report ("  paint (snapshot, render)", frames->paint);
  g_array_unref (frames->request);
  g_array_unref (frames->read);
  g_array_unref (frames->before);
  g_array_unref (frames->layout);
  g_array_unref (frames->paint);
  g_array_unref (frames->total);
}

/* The app ---------------------------------------------------------------------- */

/* A new main window, drawn, as the app opens it. */
static GtkWidget *
open_window (GtkApplication *app,
             Bench          *bench)
{
  GtkWidget *window = GTK_WIDGET (nd_window_new (app, bench->store));

  gtk_window_set_default_size (GTK_WINDOW (window), 1280, 800);
  gtk_window_present (GTK_WINDOW (window));
  watch_window (window);
  painted_at = 0;
  g_main_loop_run (loop);
  return window;
}

static void
close_window (GtkWidget *window)
{
  unwatch_window ();
  gtk_window_destroy (GTK_WINDOW (window));
  wait_ms (200);
}

/* Something the desk does meanwhile: an autosave of an edition. */
static void
edit_something (Bench *bench,
                int    run)
{
  g_autoptr(GError) error = NULL;
  g_autoptr(NdEdition) edition = nd_story_store_load_edition_by_id (bench->store, bench->some_edition, &error);
  g_autofree char *body = NULL;

  if (edition == NULL)
    die ("load edition", error);
  body = g_strdup_printf ("The first paragraph, revision %d.\n\nThe second paragraph.", run);
  nd_edition_set_body (edition, body);
  if (!nd_story_store_save_edition (bench->store, edition, &error))
    die ("save edition", error);
}

static void
measure (GtkApplication *app,
         Bench          *bench)
{
  Frames first, again, edited, unbuilt, switches;
  GtkWidget *window, *calendar;
  Frame frame;

  frames_init (&first);
  frames_init (&again);
  frames_init (&edited);
  frames_init (&unbuilt);
  frames_init (&switches);

  /* Without a window manager to move the focus, a focused entry would
   * blink its cursor: a frame of the whole window every half second. */
  g_object_set (gtk_settings_get_default (), "gtk-cursor-blink", FALSE, NULL);

  window = open_window (app, bench);
  /* Past the window's CALENDAR_PREBUILD_DELAY_MS, when it builds the
   * calendar ahead. */
  wait_ms (3000);
  for (int run = 0; run < bench->runs; run++)
    {
      wait_ms (150);
      time_action (window, "win.show-calendar", &frame);
      frames_add (run == 0 ? &first : &again, &frame);
      calendar = nd_test_find_descendant (window, ND_TYPE_CALENDAR_VIEW);

      /* This month to the next and back, each of 3,000 editions. */
      for (int i = 0; i < 2; i++)
        {
          wait_ms (150);
          time_action (calendar, i == 0 ? "calendar.next" : "calendar.previous", &frame);
          frames_add (&switches, &frame);
        }
      wait_ms (150);
      time_action (window, "win.show-desk", &frame);

      /* An autosave while the calendar is away. */
      edit_something (bench, run);
      wait_ms (150);
      time_action (window, "win.show-calendar", &frame);
      frames_add (&edited, &frame);
      wait_ms (150);
      time_action (window, "win.show-desk", &frame);
    }
  close_window (window);

  for (int run = 0; run < bench->runs; run++)
    {
      window = open_window (app, bench);
      wait_ms (150);
      time_action (window, "win.show-calendar", &frame);
      frames_add (&unbuilt, &frame);
      close_window (window);
    }

  frames_report (&first, "show, built ahead, first in the process", "page switch");
  frames_report (&again, "show, built ahead", "page switch");
  frames_report (&edited, "show after an autosave (month read again)", "page switch, read started");
  frames_report (&switches, "switch months", "read started");
  frames_report (&unbuilt, "show before it was built ahead", "build and switch, read started");
}

static void
hold (GtkApplication *app,
      Bench          *bench)
{
  GtkWidget *window = open_window (app, bench);
  Frame frame;

  time_action (window, "win.show-calendar", &frame);
  if (bench->page != NULL)
    nd_calendar_view_set_page (ND_CALENDAR_VIEW (nd_test_find_descendant (window, ND_TYPE_CALENDAR_VIEW)), bench->page);
  wait_ms (bench->hold * 1000);
  close_window (window);
}

static void
activate_cb (GtkApplication *app,
             Bench          *bench)
{
  g_autoptr(GError) error = NULL;
  g_autofree char *path = g_build_filename (bench->dir, "calendar.db", NULL);

  /* Held while the bench runs its own loops. */
  g_application_hold (G_APPLICATION (app));
  loop = g_main_loop_new (NULL, FALSE);
  add_phase_hooks ();

  bench->database = nd_database_open (path, ND_DATABASE_FLAGS_NONE, &error);
  if (bench->database == NULL)
    die ("open database", error);
  bench->store = nd_story_store_new (bench->database, &error);
  if (bench->store == NULL)
    die ("open store", error);
  fill_archive (bench);

  if (bench->hold > 0)
    hold (app, bench);
  else
    {
      g_print ("Calendar in the main window, %d editions in each of this month and the next, %d runs, %s\n",
               bench->editions, bench->runs,
               g_getenv ("GSK_RENDERER") != NULL ? g_getenv ("GSK_RENDERER") : "default renderer");
      measure (app, bench);
    }
  g_main_loop_unref (loop);
  g_application_release (G_APPLICATION (app));
}

int
main (int   argc,
      char *argv[])
{
  Bench bench = { .editions = 3000, .runs = 10 };
  GOptionEntry entries[] = {
    { "editions", 0, 0, G_OPTION_ARG_INT, &bench.editions, "Editions a month", "N" },
    { "runs", 0, 0, G_OPTION_ARG_INT, &bench.runs, "Runs of each measure", "N" },
    { "hold", 0, 0, G_OPTION_ARG_INT, &bench.hold, "Show the calendar this long instead", "SECONDS" },
    { "page", 0, 0, G_OPTION_ARG_STRING, &bench.page, "The page to hold", "PAGE" },
    { NULL }
  };
  g_autoptr(GOptionContext) context = g_option_context_new (NULL);
  g_autoptr(GError) error = NULL;
  g_autoptr(AdwApplication) app = NULL;

  setlocale (LC_ALL, "");
  g_option_context_add_main_entries (context, entries, NULL);
  if (!g_option_context_parse (context, &argc, &argv, &error))
    {
      g_printerr ("%s\n", error->message);
      return 2;
    }
  if (!gtk_init_check ())
    {
      g_print ("No display: skipped\n");
      return 77;
    }
  g_resources_register (nd_get_resource ());
  bench.dir = g_dir_make_tmp ("newsdesk-calendar-XXXXXX", &error);
  if (bench.dir == NULL)
    die ("temporary folder", error);

  app = g_object_new (ADW_TYPE_APPLICATION,
                      "application-id", APPLICATION_ID ".CalendarBench",
                      "resource-base-path", "/io/github/newsdesk/Newsdesk",
                      "flags", G_APPLICATION_NON_UNIQUE,
                      NULL);
  g_signal_connect (app, "activate", G_CALLBACK (activate_cb), &bench);
  g_application_run (G_APPLICATION (app), 1, argv);

  g_clear_object (&bench.store);
  g_clear_object (&bench.database);
  nd_test_remove_dir (bench.dir);
  g_free (bench.dir);
  g_free (bench.page);
  return bench.status;
}
