/* calendar-month.c: how long the calendar's month view takes to show, and
 * to switch months, with 3,000 editions in each month.
 *
 * SPDX-License-Identifier: GPL-3.0-or-later
 *
 * The items come from a synthetic source (no SQLite), so the numbers are the
 * calendar's own: model build, widget population, layout and first frame.
 * Needs a display (xvfb-run); without one it skips.
 *
 * "Show" is measured the way an editor meets it: the app's main window has
 * already drawn, so the renderer is up, and the calendar is opened as
 * NdWindow's win.show-calendar opens it (a new AdwWindow with a header bar
 * and the view, 1000 x 700, transient for the main window); the time runs
 * from the request to the end of the first frame of the calendar's window,
 * which holds the month. Each frame is split into its phases with emission
 * hooks on the frame clock: everything before the frame (building the
 * widgets, presenting the window, the X server's map, and the main window's
 * repaint as it goes to the backdrop, on the same thread), layout (style,
 * measure, allocate) and paint (snapshot and GSK render). A month switch is
 * asked for when the window has been still for a while, as an editor's
 * click would be. "Cold" is the same show in a fresh process, where the
 * calendar's window is the first one drawn and pays for the renderer's
 * start-up (GL context, shader compiles); it runs as child processes
 * (--cold), one sample each. CALENDAR_TRACE=1 prints each frame's phases on
 * the monotonic clock, to line them up with `perf record -k mono`.
 *
 *   calendar-month [--editions N] [--runs N] [--no-cold]
 *   calendar-month --cold [--editions N]
 *   calendar-month --hold SECONDS [--rtl] [--page week|month|agenda]
 *
 * --hold shows the view that long instead of measuring, for screenshots.
 */

#include "config.h"

#include <stdio.h>
#include <string.h>

#include <adwaita.h>

#include "nd-calendar-view.h"

enum {
  PHASE_BEFORE_PAINT,
  PHASE_LAYOUT,
  PHASE_PAINT,
  PHASE_AFTER_PAINT,
  N_PHASES
};

static const char *phase_signals[N_PHASES] = { "before-paint", "layout", "paint", "after-paint" };

static GPtrArray     *all_items;
static GMainLoop     *loop;
static gint64         painted_at;
static GdkFrameClock *watched_clock;
static gint64         phase_at[N_PHASES];

/* What one frame cost, from the request. */
typedef struct
{
  double build;    /* the widgets, populated, before presenting */
  double present;  /* gtk_window_present(): realize, map, size */
  double before;   /* the request to the start of the frame */
  double layout;   /* style, measure and allocate */
  double paint;    /* snapshot and render */
  double desk;     /* the main window's repaint meanwhile */
  double total;    /* the request to the end of the frame */
} Frame;

static GPtrArray *
fetch_cb (NdStoryStore  *store,
          gint64         from_utc,
          gint64         to_utc,
          gpointer       user_data,
          GError       **error)
{
  GPtrArray *items = g_ptr_array_new_with_free_func ((GDestroyNotify) nd_calendar_item_free);

  for (guint i = 0; i < all_items->len; i++)
    {
      NdCalendarItem *item = g_ptr_array_index (all_items, i);

      if (item->publish_at >= from_utc && item->publish_at < to_utc)
        g_ptr_array_add (items, nd_calendar_item_copy (item));
    }
  return items;
}

/* Three languages, times on the quarter hour from 06:00 to 23:45, spread
 * over the month, a few stale, a few published. */
static void
generate (GTimeZone *zone,
          int        year,
          int        month,
          guint      n)
{
  static const char *langs[] = { "ru", "en", "ar" };
  GRand *rand = g_rand_new_with_seed (42 + month);
  int days = g_date_get_days_in_month (month, year);

  for (guint i = 0; i < n; i++)
    {
      g_autoptr(GDateTime) dt = g_date_time_new (zone, year, month, 1 + g_rand_int_range (rand, 0, days),
                                                 6 + g_rand_int_range (rand, 0, 18),
                                                 15 * g_rand_int_range (rand, 0, 4), 0);
      g_autofree char *headline = g_strdup_printf ("Story %u of month %d, a headline of some length", i, month);
      NdEditionStatus status = g_rand_int_range (rand, 0, 10) == 0 ? ND_EDITION_STATUS_PUBLISHED
                                                                   : ND_EDITION_STATUS_SCHEDULED;

      g_ptr_array_add (all_items, nd_calendar_item_new (month * 100000 + i, month * 100000 + i,
                                                        langs[i % 3], headline, status,
                                                        g_date_time_to_unix (dt),
                                                        g_rand_int_range (rand, 0, 20) == 0));
    }
  g_rand_free (rand);
}

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

/* The main window's frames: it goes to the backdrop when the calendar
 * opens, and repaints on the same thread before the calendar's frame. */
static gint64 desk_paint_start;
static gint64 desk_paint_total;

static void
desk_paint_start_cb (GdkFrameClock *clock,
                     gpointer       data)
{
  desk_paint_start = g_get_monotonic_time ();
}

static void
desk_paint_end_cb (GdkFrameClock *clock,
                   gpointer       data)
{
  if (desk_paint_start != 0)
    desk_paint_total += g_get_monotonic_time () - desk_paint_start;
  desk_paint_start = 0;
}

static void
after_paint_cb (GdkFrameClock *clock,
                gpointer       data)
{
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

static double
wait_for_frame (GtkWidget *window,
                gint64     start,
                Frame     *frame)
{
  painted_at = 0;
  desk_paint_total = 0;
  memset (phase_at, 0, sizeof phase_at);
  gtk_widget_queue_draw (window);
  g_main_loop_run (loop);
  if (frame != NULL)
    {
      frame->before = (phase_at[PHASE_BEFORE_PAINT] - start) / 1000.0;
      frame->layout = (phase_at[PHASE_PAINT] - phase_at[PHASE_LAYOUT]) / 1000.0;
      frame->paint = (phase_at[PHASE_AFTER_PAINT] - phase_at[PHASE_PAINT]) / 1000.0;
      frame->desk = desk_paint_total / 1000.0;
      frame->total = (painted_at - start) / 1000.0;
      /* For lining up with a profiler's samples (perf -k mono). */
      if (g_getenv ("CALENDAR_TRACE") != NULL)
        g_printerr ("trace %.6f %.6f %.6f %.6f %.6f\n", start / 1e6,
                    phase_at[PHASE_BEFORE_PAINT] / 1e6, phase_at[PHASE_LAYOUT] / 1e6,
                    phase_at[PHASE_PAINT] / 1e6, painted_at / 1e6);
    }
  return (painted_at - start) / 1000.0;
}

static void
settle (void)
{
  g_timeout_add (150, quit_cb, NULL);
  g_main_loop_run (loop);
}

/* The main window repaints what a closed window uncovered; let it do so
 * before the next run starts, so that no run pays for the one before. */
static void
destroy_window (GtkWidget *window)
{
  gtk_window_destroy (GTK_WINDOW (window));
  settle ();
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
  g_array_sort (samples, compare_doubles);
  /* Nothing measured, as a switch's present. */
  if (samples->len == 0 || g_array_index (samples, double, samples->len - 1) == 0)
    return;
  g_print ("%-36s median %7.2f ms   min %7.2f   max %7.2f   (n=%u)\n", name,
           g_array_index (samples, double, samples->len / 2),
           g_array_index (samples, double, 0),
           g_array_index (samples, double, samples->len - 1), samples->len);
}

typedef struct
{
  GArray *build, *present, *before, *desk, *layout, *paint, *total;
} Frames;

static void
frames_init (Frames *frames)
{
  frames->build = g_array_new (FALSE, FALSE, sizeof (double));
  frames->present = g_array_new (FALSE, FALSE, sizeof (double));
  frames->before = g_array_new (FALSE, FALSE, sizeof (double));
  frames->desk = g_array_new (FALSE, FALSE, sizeof (double));
  frames->layout = g_array_new (FALSE, FALSE, sizeof (double));
  frames->paint = g_array_new (FALSE, FALSE, sizeof (double));
  frames->total = g_array_new (FALSE, FALSE, sizeof (double));
}

static void
frames_add (Frames      *frames,
            const Frame *frame)
{
  g_array_append_val (frames->build, frame->build);
  g_array_append_val (frames->present, frame->present);
  g_array_append_val (frames->before, frame->before);
  g_array_append_val (frames->desk, frame->desk);
  g_array_append_val (frames->layout, frame->layout);
  g_array_append_val (frames->paint, frame->paint);
  g_array_append_val (frames->total, frame->total);
}

static void
frames_report (Frames     *frames,
               const char *name,
               const char *build_name)
{
  g_autofree char *before = g_strdup_printf ("  %s", build_name);

  report (name, frames->total);
  report (before, frames->build);
  report ("  present (realize, map, size)", frames->present);
  report ("  request to frame start", frames->before);
  report ("   of which the main window repaints", frames->desk);
  report ("  layout (style, measure, allocate)", frames->layout);
  report ("  paint (snapshot, render)", frames->paint);
  g_array_unref (frames->build);
  g_array_unref (frames->present);
  g_array_unref (frames->before);
  g_array_unref (frames->desk);
  g_array_unref (frames->layout);
  g_array_unref (frames->paint);
  g_array_unref (frames->total);
}

/* As NdWindow's win.show-calendar does it; the synthetic source and the
 * month are set before the window is presented, as the store's would be at
 * construction. */
static GtkWidget *
calendar_window_new (NdStoryStore  *store,
                     GtkWindow     *parent,
                     GtkWidget    **view_out)
{
  GtkWidget *view = nd_calendar_view_new (store);
  GtkWidget *header = adw_header_bar_new ();
  GtkWidget *box = gtk_box_new (GTK_ORIENTATION_VERTICAL, 0);
  GtkWidget *window = adw_window_new ();

  nd_calendar_view_set_now (ND_CALENDAR_VIEW (view), 1);
  nd_calendar_view_set_source (ND_CALENDAR_VIEW (view), fetch_cb, NULL, NULL, NULL);
  nd_calendar_view_set_date (ND_CALENDAR_VIEW (view), 2030, 3, 1);
  gtk_widget_set_vexpand (view, TRUE);
  adw_header_bar_set_title_widget (ADW_HEADER_BAR (header),
                                   adw_window_title_new ("Editorial Calendar", NULL));
  gtk_box_append (GTK_BOX (box), header);
  gtk_box_append (GTK_BOX (box), view);
  gtk_window_set_title (GTK_WINDOW (window), "Editorial Calendar");
  if (parent != NULL)
    gtk_window_set_transient_for (GTK_WINDOW (window), parent);
  gtk_window_set_default_size (GTK_WINDOW (window), 1000, 700);
  adw_window_set_content (ADW_WINDOW (window), box);
  *view_out = view;
  return window;
}

static GtkWidget *
show_calendar (NdStoryStore *store,
               GtkWindow    *parent,
               GtkWidget   **view,
               Frame        *frame)
{
  gint64 start = g_get_monotonic_time ();
  GtkWidget *window = calendar_window_new (store, parent, view);

  frame->build = (g_get_monotonic_time () - start) / 1000.0;
  gtk_window_present (GTK_WINDOW (window));
  frame->present = (g_get_monotonic_time () - start) / 1000.0 - frame->build;
  watch_window (window);
  wait_for_frame (window, start, frame);
  return window;
}

/* A stand-in for the main window: a header bar, a search entry, a list of
 * stories and an editor, drawn before the calendar is asked for. */
static GtkWidget *
desk_window_new (void)
{
  GtkWidget *window = adw_window_new ();
  GtkWidget *box = gtk_box_new (GTK_ORIENTATION_VERTICAL, 0);
  GtkWidget *header = adw_header_bar_new ();
  GtkWidget *paned = gtk_paned_new (GTK_ORIENTATION_HORIZONTAL);
  GtkWidget *list = gtk_list_box_new ();
  GtkWidget *scrolled = gtk_scrolled_window_new ();
  GtkWidget *editor = gtk_box_new (GTK_ORIENTATION_VERTICAL, 6);
  GtkWidget *text = gtk_text_view_new ();

  adw_header_bar_set_title_widget (ADW_HEADER_BAR (header), gtk_search_entry_new ());
  for (int i = 0; i < 40; i++)
    {
      g_autofree char *title = g_strdup_printf ("Story %d, a headline of some length", i);
      GtkWidget *row = adw_action_row_new ();

      adw_preferences_row_set_title (ADW_PREFERENCES_ROW (row), title);
      adw_action_row_set_subtitle (ADW_ACTION_ROW (row), "Scheduled · ru en ar");
      gtk_list_box_append (GTK_LIST_BOX (list), row);
    }
  gtk_widget_add_css_class (list, "navigation-sidebar");
  gtk_scrolled_window_set_child (GTK_SCROLLED_WINDOW (scrolled), list);
  gtk_widget_set_size_request (scrolled, 360, -1);
  gtk_box_append (GTK_BOX (editor), gtk_entry_new ());
  gtk_box_append (GTK_BOX (editor), gtk_button_new_with_label ("Schedule All…"));
  gtk_text_buffer_set_text (gtk_text_view_get_buffer (GTK_TEXT_VIEW (text)),
                            "Выборы в Москве. Elections in Moscow. انتخابات موسكو", -1);
  gtk_widget_set_vexpand (text, TRUE);
  gtk_box_append (GTK_BOX (editor), text);
  gtk_paned_set_start_child (GTK_PANED (paned), scrolled);
  gtk_paned_set_end_child (GTK_PANED (paned), editor);
  gtk_widget_set_vexpand (paned, TRUE);
  gtk_box_append (GTK_BOX (box), header);
  gtk_box_append (GTK_BOX (box), paned);
  adw_window_set_content (ADW_WINDOW (window), box);
  gtk_window_set_default_size (GTK_WINDOW (window), 1280, 800);
  return window;
}

/* One sample in a fresh process: the calendar is the first window drawn. */
static int
run_cold (NdStoryStore *store)
{
  GtkWidget *view;
  Frame frame;
  GtkWidget *window = show_calendar (store, NULL, &view, &frame);

  g_print ("%.3f %.3f %.3f %.3f %.3f %.3f\n", frame.total, frame.build, frame.present,
           frame.before, frame.layout, frame.paint);
  unwatch_window ();
  destroy_window (window);
  return 0;
}

static void
spawn_cold (const char *self_path,
            int         editions,
            Frames     *frames)
{
  g_autofree char *editions_arg = g_strdup_printf ("%d", editions);
  const char *child_argv[] = { self_path, "--cold", "--editions", editions_arg, NULL };
  g_autofree char *output = NULL;
  g_autoptr(GError) error = NULL;
  int status = 0;
  Frame frame = { 0, };

  if (!g_spawn_sync (NULL, (char **) child_argv, NULL, G_SPAWN_SEARCH_PATH, NULL, NULL,
                     &output, NULL, &status, &error) ||
      sscanf (output, "%lf %lf %lf %lf %lf %lf", &frame.total, &frame.build, &frame.present,
              &frame.before, &frame.layout, &frame.paint) != 6)
    {
      g_printerr ("cold run failed: %s\n", error != NULL ? error->message : output);
      return;
    }
  frames_add (frames, &frame);
}

int
main (int   argc,
      char *argv[])
{
  int editions = 3000, runs = 10, hold = 0;
  gboolean rtl = FALSE, cold = FALSE, no_cold = FALSE;
  g_autofree char *page = NULL;
  GOptionEntry entries[] = {
    { "editions", 0, 0, G_OPTION_ARG_INT, &editions, "Editions a month", "N" },
    { "runs", 0, 0, G_OPTION_ARG_INT, &runs, "Runs of each measure", "N" },
    { "cold", 0, 0, G_OPTION_ARG_NONE, &cold, "One show in this fresh process, for the parent", NULL },
    { "no-cold", 0, 0, G_OPTION_ARG_NONE, &no_cold, "Skip the fresh-process shows", NULL },
    { "hold", 0, 0, G_OPTION_ARG_INT, &hold, "Show the view this long instead", "SECONDS" },
    { "rtl", 0, 0, G_OPTION_ARG_NONE, &rtl, "Right to left", NULL },
    { "page", 0, 0, G_OPTION_ARG_STRING, &page, "The page to hold", "PAGE" },
    { NULL }
  };
  g_autoptr(GOptionContext) context = g_option_context_new (NULL);
  g_autoptr(GError) error = NULL;
  g_autoptr(GTimeZone) zone = g_time_zone_new_identifier ("Europe/Moscow");
  g_autoptr(GArray) model_ms = g_array_new (FALSE, FALSE, sizeof (double));
  g_autoptr(GArray) bare_ms = g_array_new (FALSE, FALSE, sizeof (double));
  Frames warm, cold_frames, switches;
  g_autoptr(NdDatabase) database = NULL;
  g_autoptr(NdStoryStore) store = NULL;
  GtkWidget *desk;
  Frame frame;

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
  adw_init ();
  loop = g_main_loop_new (NULL, FALSE);
  add_phase_hooks ();

  database = nd_database_open (":memory:", ND_DATABASE_FLAGS_NONE, &error);
  g_assert_no_error (error);
  store = nd_story_store_new (database, &error);
  g_assert_no_error (error);

  all_items = g_ptr_array_new_with_free_func ((GDestroyNotify) nd_calendar_item_free);
  generate (zone, 2030, 3, editions);
  generate (zone, 2030, 4, editions);
  if (rtl)
    gtk_widget_set_default_direction (GTK_TEXT_DIR_RTL);
  if (cold)
    return run_cold (store);
  if (hold > 0)
    {
      GtkWidget *window = gtk_window_new ();
      GtkWidget *view = nd_calendar_view_new (store);

      gtk_window_set_default_size (GTK_WINDOW (window), 1280, 800);
      nd_calendar_view_set_now (ND_CALENDAR_VIEW (view), 1);
      nd_calendar_view_set_source (ND_CALENDAR_VIEW (view), fetch_cb, NULL, NULL, NULL);
      nd_calendar_view_set_date (ND_CALENDAR_VIEW (view), 2030, 3, 12);
      if (page != NULL)
        nd_calendar_view_set_page (ND_CALENDAR_VIEW (view), page);
      gtk_window_set_child (GTK_WINDOW (window), view);
      gtk_window_present (GTK_WINDOW (window));
      if (g_getenv ("CALENDAR_DUMP_NODES") != NULL)
        {
          g_autoptr(GdkPaintable) paintable = NULL;
          g_autoptr(GtkSnapshot) snapshot = gtk_snapshot_new ();
          g_autoptr(GskRenderNode) node = NULL;

          watch_window (window);
          wait_for_frame (window, g_get_monotonic_time (), NULL);
          unwatch_window ();
          paintable = gtk_widget_paintable_new (window);
          gdk_paintable_snapshot (paintable, snapshot, 1280, 800);
          node = gtk_snapshot_to_node (g_steal_pointer (&snapshot));
          gsk_render_node_write_to_file (node, g_getenv ("CALENDAR_DUMP_NODES"), NULL);
        }
      g_timeout_add_seconds (hold, quit_cb, NULL);
      g_main_loop_run (loop);
      gtk_window_destroy (GTK_WINDOW (window));
      g_ptr_array_unref (all_items);
      g_main_loop_unref (loop);
      return 0;
    }

  g_print ("Month view, %d editions a month (March and April 2030, Europe/Moscow), %d runs, %s\n",
           editions, runs, g_getenv ("GSK_RENDERER") != NULL ? g_getenv ("GSK_RENDERER") : "default renderer");
  frames_init (&warm);
  frames_init (&cold_frames);
  frames_init (&switches);

  /* The model alone. */
  for (int run = 0; run < runs; run++)
    {
      gint64 start = g_get_monotonic_time ();
      g_autoptr(NdCalendarModel) model = nd_calendar_model_new (ND_CALENDAR_SPAN_MONTH, zone, 2030, 3, 1);
      g_autoptr(GPtrArray) items = NULL;
      gint64 from, to;
      double ms;

      nd_calendar_model_get_range (model, &from, &to);
      items = fetch_cb (NULL, from, to, NULL, NULL);
      nd_calendar_model_set_items (model, items, 0);
      ms = (g_get_monotonic_time () - start) / 1000.0;
      g_array_append_val (model_ms, ms);
    }

  /* The main window is up and drawn before the editor asks for the
   * calendar. */
  /* Under Xvfb no window manager moves the focus to the calendar, so the
   * main window's focused entry would go on blinking its cursor, which is
   * a frame of the whole main window every vblank; on a desktop the main
   * window goes to the backdrop and stops. */
  g_object_set (gtk_settings_get_default (), "gtk-cursor-blink", FALSE, NULL);
  desk = desk_window_new ();
  gtk_window_present (GTK_WINDOW (desk));
  watch_window (desk);
  wait_for_frame (desk, g_get_monotonic_time (), NULL);
  unwatch_window ();
  gtk_window_set_focus (GTK_WINDOW (desk), NULL);
  g_signal_connect_after (gtk_widget_get_frame_clock (desk), "layout",
                          G_CALLBACK (desk_paint_start_cb), NULL);
  g_signal_connect_after (gtk_widget_get_frame_clock (desk), "paint",
                          G_CALLBACK (desk_paint_end_cb), NULL);

  /* What any new window costs to its first frame here, for comparison. */
  for (int run = 0; run < runs; run++)
    {
      GtkWidget *window = gtk_window_new ();
      gint64 start = g_get_monotonic_time ();
      double ms;

      gtk_window_set_default_size (GTK_WINDOW (window), 1000, 700);
      gtk_window_set_child (GTK_WINDOW (window), gtk_label_new ("Newsdesk"));
      gtk_window_set_transient_for (GTK_WINDOW (window), GTK_WINDOW (desk));
      gtk_window_present (GTK_WINDOW (window));
      watch_window (window);
      ms = wait_for_frame (window, start, NULL);
      g_array_append_val (bare_ms, ms);
      unwatch_window ();
      destroy_window (window);
    }

  for (int run = 0; run < runs; run++)
    {
      GtkWidget *view;
      GtkWidget *window = show_calendar (store, GTK_WINDOW (desk), &view, &frame);

      frames_add (&warm, &frame);

      /* March to April and back, each a month of editions. */
      for (int i = 0; i < 2; i++)
        {
          gint64 start;

          /* As an editor's click would, when the window has been still for
           * a while: not right after a frame, where the frame clock waits
           * out the refresh interval before the next one. */
          settle ();
          start = g_get_monotonic_time ();

          gtk_widget_activate_action (view, i == 0 ? "calendar.next" : "calendar.previous", NULL);
          frame.build = (g_get_monotonic_time () - start) / 1000.0;
          frame.present = 0;
          wait_for_frame (window, start, &frame);
          frames_add (&switches, &frame);
        }

      unwatch_window ();
      destroy_window (window);
    }
  destroy_window (desk);

  if (!no_cold)
    for (int run = 0; run < runs; run++)
      spawn_cold (argv[0], editions, &cold_frames);

  report ("model build (no widgets)", model_ms);
  report ("new window, a label, to first frame", bare_ms);
  frames_report (&warm, "show: request to first frame", "build and populate");
  frames_report (&switches, "switch: request to next frame", "rebuild");
  frames_report (&cold_frames, "show, cold (fresh process)", "build and populate");

  g_ptr_array_unref (all_items);
  g_main_loop_unref (loop);
  return 0;
}
