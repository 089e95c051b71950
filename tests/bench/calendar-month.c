/* calendar-month.c: how long the calendar's month view takes to show, and
 * to switch months, with 3,000 editions in each month.
 *
 * SPDX-License-Identifier: GPL-3.0-or-later
 *
 * The items come from a synthetic source (no SQLite), so the numbers are the
 * calendar's own: model build, widget population, layout and first frame.
 * Needs a display (xvfb-run); without one it skips.
 *
 *   calendar-month [--editions N] [--runs N]
 *   calendar-month --hold SECONDS [--rtl] [--page week|month|agenda]
 *
 * --hold shows the view that long instead of measuring, for screenshots.
 */

#include "config.h"

#include <adwaita.h>

#include "nd-calendar-view.h"

static GPtrArray *all_items;
static GMainLoop *loop;
static gint64     painted_at;

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

static double
wait_for_frame (GtkWidget *window,
                gint64     start)
{
  painted_at = 0;
  gtk_widget_queue_draw (window);
  g_main_loop_run (loop);
  return (painted_at - start) / 1000.0;
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
  g_print ("%-28s median %7.2f ms   min %7.2f   max %7.2f   (n=%u)\n", name,
           g_array_index (samples, double, samples->len / 2),
           g_array_index (samples, double, 0),
           g_array_index (samples, double, samples->len - 1), samples->len);
}

int
main (int   argc,
      char *argv[])
{
  int editions = 3000, runs = 10, hold = 0;
  gboolean rtl = FALSE;
  g_autofree char *page = NULL;
  GOptionEntry entries[] = {
    { "editions", 0, 0, G_OPTION_ARG_INT, &editions, "Editions a month", "N" },
    { "runs", 0, 0, G_OPTION_ARG_INT, &runs, "Runs of each measure", "N" },
    { "hold", 0, 0, G_OPTION_ARG_INT, &hold, "Show the view this long instead", "SECONDS" },
    { "rtl", 0, 0, G_OPTION_ARG_NONE, &rtl, "Right to left", NULL },
    { "page", 0, 0, G_OPTION_ARG_STRING, &page, "The page to hold", "PAGE" },
    { NULL }
  };
  g_autoptr(GOptionContext) context = g_option_context_new (NULL);
  g_autoptr(GError) error = NULL;
  g_autoptr(GTimeZone) zone = g_time_zone_new_identifier ("Europe/Moscow");
  g_autoptr(GArray) model_ms = g_array_new (FALSE, FALSE, sizeof (double));
  g_autoptr(GArray) populate_ms = g_array_new (FALSE, FALSE, sizeof (double));
  g_autoptr(GArray) show_ms = g_array_new (FALSE, FALSE, sizeof (double));
  g_autoptr(GArray) bare_ms = g_array_new (FALSE, FALSE, sizeof (double));
  g_autoptr(GArray) construct_ms = g_array_new (FALSE, FALSE, sizeof (double));
  g_autoptr(GArray) switch_sync_ms = g_array_new (FALSE, FALSE, sizeof (double));
  g_autoptr(GArray) switch_ms = g_array_new (FALSE, FALSE, sizeof (double));
  g_autoptr(NdDatabase) database = NULL;
  g_autoptr(NdStoryStore) store = NULL;

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

  database = nd_database_open (":memory:", ND_DATABASE_FLAGS_NONE, &error);
  g_assert_no_error (error);
  store = nd_story_store_new (database, &error);
  g_assert_no_error (error);

  all_items = g_ptr_array_new_with_free_func ((GDestroyNotify) nd_calendar_item_free);
  generate (zone, 2030, 3, editions);
  generate (zone, 2030, 4, editions);
  if (rtl)
    gtk_widget_set_default_direction (GTK_TEXT_DIR_RTL);
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
      g_timeout_add_seconds (hold, quit_cb, NULL);
      g_main_loop_run (loop);
      gtk_window_destroy (GTK_WINDOW (window));
      g_ptr_array_unref (all_items);
      g_main_loop_unref (loop);
      return 0;
    }

  g_print ("Month view, %d editions a month (March and April 2030, Europe/Moscow), %d runs\n",
           editions, runs);

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

  /* What any window costs to its first frame here, for comparison. */
  for (int run = 0; run < runs; run++)
    {
      GtkWidget *window = gtk_window_new ();
      gint64 start = g_get_monotonic_time ();
      GdkFrameClock *clock;
      double ms;

      gtk_window_set_default_size (GTK_WINDOW (window), 1280, 800);
      gtk_window_set_child (GTK_WINDOW (window), gtk_label_new ("Newsdesk"));
      gtk_window_present (GTK_WINDOW (window));
      clock = gtk_widget_get_frame_clock (window);
      g_signal_connect (clock, "after-paint", G_CALLBACK (after_paint_cb), NULL);
      ms = wait_for_frame (window, start);
      g_array_append_val (bare_ms, ms);
      g_signal_handlers_disconnect_by_func (clock, after_paint_cb, NULL);
      gtk_window_destroy (GTK_WINDOW (window));
      while (g_main_context_iteration (NULL, FALSE))
        ;
    }

  for (int run = 0; run < runs; run++)
    {
      GtkWidget *window = gtk_window_new ();
      GtkWidget *view;
      GdkFrameClock *clock;
      gulong handler;
      gint64 start = g_get_monotonic_time ();
      double ms;

      gtk_window_set_default_size (GTK_WINDOW (window), 1280, 800);
      view = nd_calendar_view_new (store);
      ms = (g_get_monotonic_time () - start) / 1000.0;
      g_array_append_val (construct_ms, ms);
      nd_calendar_view_set_now (ND_CALENDAR_VIEW (view), 1);
      nd_calendar_view_set_source (ND_CALENDAR_VIEW (view), fetch_cb, NULL, NULL, NULL);
      {
        gint64 populate_start = g_get_monotonic_time ();

        nd_calendar_view_set_date (ND_CALENDAR_VIEW (view), 2030, 3, 1);
        ms = (g_get_monotonic_time () - populate_start) / 1000.0;
        g_array_append_val (populate_ms, ms);
      }
      gtk_window_set_child (GTK_WINDOW (window), view);
      gtk_window_present (GTK_WINDOW (window));
      clock = gtk_widget_get_frame_clock (window);
      handler = g_signal_connect (clock, "after-paint", G_CALLBACK (after_paint_cb), NULL);
      ms = wait_for_frame (window, start);
      g_array_append_val (show_ms, ms);

      /* March to April and back, each a month of editions. */
      for (int i = 0; i < 2; i++)
        {
          gint64 switch_start = g_get_monotonic_time ();
          double sync_ms;

          gtk_widget_activate_action (view, i == 0 ? "calendar.next" : "calendar.previous", NULL);
          sync_ms = (g_get_monotonic_time () - switch_start) / 1000.0;
          g_array_append_val (switch_sync_ms, sync_ms);
          ms = wait_for_frame (window, switch_start);
          g_array_append_val (switch_ms, ms);
        }

      g_signal_handler_disconnect (clock, handler);
      gtk_window_destroy (GTK_WINDOW (window));
      while (g_main_context_iteration (NULL, FALSE))
        ;
    }

  report ("bare window to first frame", bare_ms);
  report ("model build (no widgets)", model_ms);
  report ("construct the view (empty)", construct_ms);
  report ("populate month (no frame)", populate_ms);
  report ("show: new to first frame", show_ms);
  report ("switch: rebuild", switch_sync_ms);
  report ("switch: to next frame", switch_ms);

  g_ptr_array_unref (all_items);
  g_main_loop_unref (loop);
  return 0;
}
