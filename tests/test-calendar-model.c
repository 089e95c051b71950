/* test-calendar-model.c
 *
 * SPDX-License-Identifier: GPL-3.0-or-later
 */

#include "config.h"

#include "nd-calendar-model.h"

static gint64
utc_of (GTimeZone *zone,
        int        year,
        int        month,
        int        day,
        int        hour,
        int        minute)
{
  g_autoptr(GDateTime) dt = g_date_time_new (zone, year, month, day, hour, minute, 0);

  return g_date_time_to_unix (dt);
}

static void
add (GPtrArray       *items,
     gint64           id,
     const char      *lang,
     NdEditionStatus  status,
     gint64           publish_at,
     gboolean         stale)
{
  g_autofree char *headline = g_strdup_printf ("Story %" G_GINT64_FORMAT, id);

  g_ptr_array_add (items, nd_calendar_item_new (id, id, lang, headline, status, publish_at, stale));
}

static GPtrArray *
new_items (void)
{
  return g_ptr_array_new_with_free_func ((GDestroyNotify) nd_calendar_item_free);
}

/* March 2026 starts on a Sunday: the grid starts on Monday 23 February and
 * holds 42 days, ending on Sunday 5 April. */
static void
test_month_grid (void)
{
  g_autoptr(GTimeZone) zone = g_time_zone_new_identifier ("Europe/Moscow");
  g_autoptr(NdCalendarModel) model = nd_calendar_model_new (ND_CALENDAR_SPAN_MONTH, zone, 2026, 3, 15);
  g_autoptr(GPtrArray) items = new_items ();
  const NdCalendarEntry *entries;
  guint n = 0;
  GDateTime *first, *last;
  gint64 from, to;

  g_assert_nonnull (zone);
  g_assert_cmpuint (nd_calendar_model_get_n_days (model), ==, 42);
  first = nd_calendar_model_get_day (model, 0);
  last = nd_calendar_model_get_day (model, 41);
  g_assert_cmpint (g_date_time_get_month (first), ==, 2);
  g_assert_cmpint (g_date_time_get_day_of_month (first), ==, 23);
  g_assert_cmpint (g_date_time_get_day_of_week (first), ==, 1);
  g_assert_cmpint (g_date_time_get_month (last), ==, 4);
  g_assert_cmpint (g_date_time_get_day_of_month (last), ==, 5);
  g_assert_false (nd_calendar_model_day_in_period (model, 5));
  g_assert_true (nd_calendar_model_day_in_period (model, 6));
  g_assert_true (nd_calendar_model_day_in_period (model, 36));
  g_assert_false (nd_calendar_model_day_in_period (model, 37));

  nd_calendar_model_get_range (model, &from, &to);
  g_assert_cmpint (from, ==, utc_of (zone, 2026, 2, 23, 0, 0));
  g_assert_cmpint (to, ==, utc_of (zone, 2026, 4, 6, 0, 0));

  /* 23:30 in Moscow on 28 February is 20:30 UTC: it belongs to 28 February,
   * not to the UTC day; 00:10 on 1 March is still 28 February in UTC. */
  add (items, 1, "ru", ND_EDITION_STATUS_SCHEDULED, utc_of (zone, 2026, 2, 28, 23, 30), FALSE);
  add (items, 2, "en", ND_EDITION_STATUS_SCHEDULED, utc_of (zone, 2026, 3, 1, 0, 10), FALSE);
  add (items, 3, "ar", ND_EDITION_STATUS_SCHEDULED, utc_of (zone, 2026, 3, 1, 0, 5), FALSE);
  /* Outside the grid, and without a time. */
  add (items, 4, "ru", ND_EDITION_STATUS_SCHEDULED, utc_of (zone, 2026, 4, 6, 0, 0), FALSE);
  add (items, 5, "ru", ND_EDITION_STATUS_READY, 0, FALSE);
  nd_calendar_model_set_items (model, items, 0);

  entries = nd_calendar_model_get_day_entries (model, 5, &n);
  g_assert_cmpuint (n, ==, 1);
  g_assert_cmpint (entries[0].item->edition_id, ==, 1);
  g_assert_cmpint (entries[0].hour, ==, 23);
  g_assert_cmpint (entries[0].minute, ==, 30);

  entries = nd_calendar_model_get_day_entries (model, 6, &n);
  g_assert_cmpuint (n, ==, 2);
  g_assert_cmpint (entries[0].item->edition_id, ==, 3);
  g_assert_cmpint (entries[1].item->edition_id, ==, 2);
  g_assert_cmpint (entries[1].hour, ==, 0);
  g_assert_cmpint (entries[1].minute, ==, 10);

  entries = nd_calendar_model_get_agenda (model, &n);
  g_assert_cmpuint (n, ==, 3);
  g_assert_cmpint (entries[0].item->edition_id, ==, 1);
  g_assert_cmpint (entries[2].item->edition_id, ==, 2);
  g_assert_cmpint (entries[0].problems, ==, ND_CALENDAR_PROBLEM_NONE);

  g_assert_cmpint (nd_calendar_model_find_day (model, utc_of (zone, 2026, 2, 28, 23, 59)), ==, 5);
  g_assert_cmpint (nd_calendar_model_find_day (model, utc_of (zone, 2026, 3, 1, 0, 0)), ==, 6);
  g_assert_cmpint (nd_calendar_model_find_day (model, to), ==, -1);
  g_assert_null (nd_calendar_model_find_entry (model, 4));
}

/* A month that starts on Monday starts its grid on the 1st. */
static void
test_month_starting_monday (void)
{
  g_autoptr(GTimeZone) zone = g_time_zone_new_utc ();
  g_autoptr(NdCalendarModel) model = nd_calendar_model_new (ND_CALENDAR_SPAN_MONTH, zone, 2026, 6, 1);

  g_assert_cmpint (g_date_time_get_day_of_month (nd_calendar_model_get_day (model, 0)), ==, 1);
  g_assert_true (nd_calendar_model_day_in_period (model, 0));
}

/* Berlin leaves summer time at 03:00 on Sunday 25 October 2026: that day
 * lasts 25 hours. The week holds it, and an evening edition stays on it. */
static void
test_week_dst (void)
{
  g_autoptr(GTimeZone) zone = g_time_zone_new_identifier ("Europe/Berlin");
  g_autoptr(NdCalendarModel) model = nd_calendar_model_new (ND_CALENDAR_SPAN_WEEK, zone, 2026, 10, 22);
  g_autoptr(GPtrArray) items = new_items ();
  const NdCalendarEntry *entries;
  guint n = 0;
  gint64 from, to, late, moved;

  g_assert_nonnull (zone);
  g_assert_cmpuint (nd_calendar_model_get_n_days (model), ==, 7);
  g_assert_cmpint (g_date_time_get_day_of_month (nd_calendar_model_get_day (model, 0)), ==, 19);
  g_assert_cmpint (g_date_time_get_day_of_month (nd_calendar_model_get_day (model, 6)), ==, 25);
  nd_calendar_model_get_range (model, &from, &to);
  /* Seven days and the hour gained. */
  g_assert_cmpint (to - from, ==, 7 * 86400 + 3600);

  late = utc_of (zone, 2026, 10, 25, 23, 30);
  add (items, 1, "en", ND_EDITION_STATUS_SCHEDULED, late, FALSE);
  add (items, 2, "en", ND_EDITION_STATUS_SCHEDULED, utc_of (zone, 2026, 10, 24, 23, 30), FALSE);
  nd_calendar_model_set_items (model, items, 0);
  entries = nd_calendar_model_get_day_entries (model, 6, &n);
  g_assert_cmpuint (n, ==, 1);
  g_assert_cmpint (entries[0].hour, ==, 23);
  g_assert_cmpint (entries[0].minute, ==, 30);
  entries = nd_calendar_model_get_day_entries (model, 5, &n);
  g_assert_cmpuint (n, ==, 1);
  g_assert_cmpint (entries[0].hour, ==, 23);

  /* A day later by the keyboard, or dropped on the next day: the same wall
   * clock time, 25 hours later in UTC. */
  moved = nd_calendar_shift (zone, entries[0].item->publish_at, 1, 0);
  g_assert_cmpint (moved, ==, late);
  g_assert_cmpint (moved - entries[0].item->publish_at, ==, 25 * 3600);
  g_assert_cmpint (nd_calendar_model_move_to_day (model, entries[0].item->publish_at, 6), ==, late);
  g_assert_cmpint (nd_calendar_shift (zone, late, 0, 15), ==, late + 15 * 60);
  g_assert_cmpint (nd_calendar_shift (zone, late, -1, -15), ==,
                   utc_of (zone, 2026, 10, 24, 23, 15));
}

static void
test_week_dst_spring (void)
{
  g_autoptr(GTimeZone) zone = g_time_zone_new_identifier ("America/New_York");
  g_autoptr(NdCalendarModel) model = nd_calendar_model_new (ND_CALENDAR_SPAN_WEEK, zone, 2026, 3, 8);
  gint64 from, to;

  nd_calendar_model_get_range (model, &from, &to);
  /* 2 to 8 March: Sunday 8 March loses an hour. */
  g_assert_cmpint (g_date_time_get_day_of_month (nd_calendar_model_get_day (model, 0)), ==, 2);
  g_assert_cmpint (to - from, ==, 7 * 86400 - 3600);
}

static void
test_clashes (void)
{
  g_autoptr(GTimeZone) zone = g_time_zone_new_identifier ("Europe/Moscow");
  g_autoptr(NdCalendarModel) model = nd_calendar_model_new (ND_CALENDAR_SPAN_WEEK, zone, 2026, 12, 2);
  g_autoptr(GPtrArray) items = new_items ();
  gint64 nine = utc_of (zone, 2026, 12, 2, 9, 0);
  gint64 now = utc_of (zone, 2026, 12, 1, 12, 0);

  /* Two Russian editions in one minute (seconds apart) clash; the English
   * one in that minute does not, nor does a Russian one a minute later. */
  add (items, 1, "ru", ND_EDITION_STATUS_SCHEDULED, nine, FALSE);
  add (items, 2, "ru", ND_EDITION_STATUS_SCHEDULED, nine + 30, FALSE);
  add (items, 3, "en", ND_EDITION_STATUS_SCHEDULED, nine, FALSE);
  add (items, 4, "ru", ND_EDITION_STATUS_SCHEDULED, nine + 60, FALSE);
  /* A translation with a time that is still in review, and a stale one. */
  add (items, 5, "ar", ND_EDITION_STATUS_IN_REVIEW, nine + 3600, FALSE);
  add (items, 6, "en", ND_EDITION_STATUS_SCHEDULED, nine + 7200, TRUE);
  /* Published editions are neither stale nor missed. */
  add (items, 7, "ar", ND_EDITION_STATUS_PUBLISHED, nine - 86400, TRUE);
  nd_calendar_model_set_items (model, items, now);

  g_assert_cmpint (nd_calendar_model_find_entry (model, 1)->problems, ==, ND_CALENDAR_PROBLEM_SAME_MINUTE);
  g_assert_cmpint (nd_calendar_model_find_entry (model, 2)->problems, ==, ND_CALENDAR_PROBLEM_SAME_MINUTE);
  g_assert_cmpint (nd_calendar_model_find_entry (model, 3)->problems, ==, ND_CALENDAR_PROBLEM_NONE);
  g_assert_cmpint (nd_calendar_model_find_entry (model, 4)->problems, ==, ND_CALENDAR_PROBLEM_NONE);
  g_assert_cmpint (nd_calendar_model_find_entry (model, 5)->problems, ==, ND_CALENDAR_PROBLEM_NOT_READY);
  g_assert_cmpint (nd_calendar_model_find_entry (model, 6)->problems, ==, ND_CALENDAR_PROBLEM_STALE);
  g_assert_cmpint (nd_calendar_model_find_entry (model, 7)->problems, ==, ND_CALENDAR_PROBLEM_NONE);
}

static void
test_missed (void)
{
  g_autoptr(GTimeZone) zone = g_time_zone_new_identifier ("Europe/Moscow");
  g_autoptr(NdCalendarModel) model = nd_calendar_model_new (ND_CALENDAR_SPAN_WEEK, zone, 2026, 12, 2);
  g_autoptr(GPtrArray) items = new_items ();
  gint64 noon = utc_of (zone, 2026, 12, 2, 12, 0);

  add (items, 1, "ru", ND_EDITION_STATUS_SCHEDULED, noon - 60, FALSE);
  add (items, 2, "ru", ND_EDITION_STATUS_SCHEDULED, noon + 60, FALSE);
  add (items, 3, "en", ND_EDITION_STATUS_PUBLISHED, noon - 60, FALSE);
  add (items, 4, "ar", ND_EDITION_STATUS_DRAFT, noon - 3600, FALSE);
  nd_calendar_model_set_items (model, items, noon);

  g_assert_cmpint (nd_calendar_model_find_entry (model, 1)->problems, ==, ND_CALENDAR_PROBLEM_MISSED);
  g_assert_cmpint (nd_calendar_model_find_entry (model, 2)->problems, ==, ND_CALENDAR_PROBLEM_NONE);
  g_assert_cmpint (nd_calendar_model_find_entry (model, 3)->problems, ==, ND_CALENDAR_PROBLEM_NONE);
  g_assert_cmpint (nd_calendar_model_find_entry (model, 4)->problems, ==,
                   ND_CALENDAR_PROBLEM_MISSED | ND_CALENDAR_PROBLEM_NOT_READY);
}

static void
test_language_color (void)
{
  g_assert_cmpuint (nd_calendar_language_color ("ru"), ==, 0);
  g_assert_cmpuint (nd_calendar_language_color ("en"), ==, 1);
  g_assert_cmpuint (nd_calendar_language_color ("ar"), ==, 2);
  g_assert_cmpuint (nd_calendar_language_color ("uk"), ==, nd_calendar_language_color ("uk"));
  g_assert_cmpuint (nd_calendar_language_color ("uk"), >=, 3);
  g_assert_cmpuint (nd_calendar_language_color ("uk"), <, 8);
}

int
main (int   argc,
      char *argv[])
{
  g_test_init (&argc, &argv, NULL);

  g_test_add_func ("/calendar-model/month-grid", test_month_grid);
  g_test_add_func ("/calendar-model/month-starting-monday", test_month_starting_monday);
  g_test_add_func ("/calendar-model/week-dst", test_week_dst);
  g_test_add_func ("/calendar-model/week-dst-spring", test_week_dst_spring);
  g_test_add_func ("/calendar-model/clashes", test_clashes);
  g_test_add_func ("/calendar-model/missed", test_missed);
  g_test_add_func ("/calendar-model/language-color", test_language_color);

  return g_test_run ();
}
