/* test-schedule.c
 *
 * SPDX-License-Identifier: GPL-3.0-or-later
 */

#include "config.h"

#include "nd-schedule.h"
#include "nd-story-store.h"
#include "nd-workflow.h"

/* Seconds UTC of a UTC date, for expectations written independently of the
 * code under test. */
static gint64
utc (int year,
     int month,
     int day,
     int hour,
     int minute)
{
  g_autoptr(GDateTime) time = g_date_time_new_utc (year, month, day, hour, minute, 0);

  return g_date_time_to_unix (time);
}

static void
assert_wall (GTimeZone  *zone,
             gint64      instant,
             const char *expected)
{
  g_autoptr(GDateTime) wall = nd_schedule_utc_to_wall (zone, instant);
  g_autofree char *shown = g_date_time_format (wall, "%Y-%m-%d %H:%M %:z");

  g_assert_cmpstr (shown, ==, expected);
}

static void
assert_read (const char           *zone_name,
             int                   year,
             int                   month,
             int                   day,
             int                   hour,
             int                   minute,
             gint64                expected_utc,
             NdWallTimeResolution  expected_resolution,
             const char           *expected_wall)
{
  g_autoptr(GTimeZone) zone = nd_schedule_zone_new (zone_name);
  NdWallTimeResolution resolution = -1;
  gint64 instant;

  g_test_message ("%s %04d-%02d-%02d %02d:%02d", zone_name, year, month, day, hour, minute);
  instant = nd_schedule_wall_to_utc (zone, year, month, day, hour, minute, &resolution);
  g_assert_cmpint (instant, ==, expected_utc);
  g_assert_cmpint (resolution, ==, expected_resolution);
  assert_wall (zone, instant, expected_wall);
}

static void
test_wall_to_utc (void)
{
  /* Zones without changes. */
  assert_read ("UTC", 2035, 6, 1, 12, 0, utc (2035, 6, 1, 12, 0), ND_WALL_TIME_EXACT, "2035-06-01 12:00 +00:00");
  assert_read ("Europe/Moscow", 2035, 6, 1, 12, 0, utc (2035, 6, 1, 9, 0), ND_WALL_TIME_EXACT,
               "2035-06-01 12:00 +03:00");
  assert_read ("Europe/Moscow", 2035, 1, 15, 0, 5, utc (2035, 1, 14, 21, 5), ND_WALL_TIME_EXACT,
               "2035-01-15 00:05 +03:00");

  /* Berlin springs forward at 02:00 on 25 March 2035: 02:30 does not exist
   * and is read with the winter offset, landing at 03:30 summer time. */
  assert_read ("Europe/Berlin", 2035, 3, 25, 1, 30, utc (2035, 3, 25, 0, 30), ND_WALL_TIME_EXACT,
               "2035-03-25 01:30 +01:00");
  assert_read ("Europe/Berlin", 2035, 3, 25, 2, 30, utc (2035, 3, 25, 1, 30), ND_WALL_TIME_SKIPPED,
               "2035-03-25 03:30 +02:00");
  assert_read ("Europe/Berlin", 2035, 3, 25, 3, 0, utc (2035, 3, 25, 1, 0), ND_WALL_TIME_EXACT,
               "2035-03-25 03:00 +02:00");
  /* … and falls back on 28 October: 02:30 happens twice, the first counts. */
  assert_read ("Europe/Berlin", 2035, 10, 28, 2, 30, utc (2035, 10, 28, 0, 30), ND_WALL_TIME_AMBIGUOUS,
               "2035-10-28 02:30 +02:00");
  assert_read ("Europe/Berlin", 2035, 10, 28, 3, 0, utc (2035, 10, 28, 2, 0), ND_WALL_TIME_EXACT,
               "2035-10-28 03:00 +01:00");

  /* New York falls back on 4 November 2035: 01:30 EDT, not EST. */
  assert_read ("America/New_York", 2035, 11, 4, 1, 30, utc (2035, 11, 4, 5, 30), ND_WALL_TIME_AMBIGUOUS,
               "2035-11-04 01:30 -04:00");
  assert_read ("America/New_York", 2035, 11, 4, 0, 59, utc (2035, 11, 4, 4, 59), ND_WALL_TIME_EXACT,
               "2035-11-04 00:59 -04:00");
  assert_read ("America/New_York", 2035, 11, 4, 2, 0, utc (2035, 11, 4, 7, 0), ND_WALL_TIME_EXACT,
               "2035-11-04 02:00 -05:00");
  /* … and springs forward on 11 March. */
  assert_read ("America/New_York", 2035, 3, 11, 2, 30, utc (2035, 3, 11, 7, 30), ND_WALL_TIME_SKIPPED,
               "2035-03-11 03:30 -04:00");

  /* Moscow's 2014 change of standard time is not flagged as DST, and is
   * read by the same rule. */
  assert_read ("Europe/Moscow", 2014, 10, 26, 1, 30, utc (2014, 10, 25, 21, 30), ND_WALL_TIME_AMBIGUOUS,
               "2014-10-26 01:30 +04:00");

  /* Kiritimati is fourteen hours ahead, and skipped 31 December 1994. */
  assert_read ("Pacific/Kiritimati", 2035, 1, 1, 0, 0, utc (2034, 12, 31, 10, 0), ND_WALL_TIME_EXACT,
               "2035-01-01 00:00 +14:00");
  assert_read ("Pacific/Kiritimati", 1994, 12, 31, 12, 0, utc (1994, 12, 31, 22, 0), ND_WALL_TIME_SKIPPED,
               "1995-01-01 12:00 +14:00");

  /* A date that does not exist at all. */
  {
    g_autoptr(GTimeZone) zone = nd_schedule_zone_new ("UTC");

    g_assert_cmpint (nd_schedule_wall_to_utc (zone, 2035, 2, 30, 12, 0, NULL), ==, 0);
  }
}

static void
test_across_zones (void)
{
  g_autoptr(GTimeZone) moscow = nd_schedule_zone_new ("Europe/Moscow");
  g_autoptr(GTimeZone) berlin = nd_schedule_zone_new ("Europe/Berlin");
  g_autoptr(GTimeZone) new_york = nd_schedule_zone_new ("America/New_York");
  g_autoptr(GTimeZone) kiritimati = nd_schedule_zone_new ("Pacific/Kiritimati");
  g_autoptr(GTimeZone) zulu = nd_schedule_zone_new ("UTC");
  g_autoptr(GDateTime) in_berlin = NULL;
  g_autoptr(GDateTime) day_before = NULL;
  gint64 instant;

  /* Noon in Moscow the day Berlin changes to summer time, and the day
   * before: the distance between the two clocks changes. */
  instant = nd_schedule_convert_wall (moscow, berlin, 2035, 3, 25, 12, 0, &in_berlin);
  g_assert_cmpint (instant, ==, utc (2035, 3, 25, 9, 0));
  g_assert_cmpint (g_date_time_get_hour (in_berlin), ==, 11);
  nd_schedule_convert_wall (moscow, berlin, 2035, 3, 24, 12, 0, &day_before);
  g_assert_cmpint (g_date_time_get_hour (day_before), ==, 10);

  assert_wall (new_york, instant, "2035-03-25 05:00 -04:00");
  assert_wall (kiritimati, instant, "2035-03-25 23:00 +14:00");
  assert_wall (zulu, instant, "2035-03-25 09:00 +00:00");

  /* Midnight in Kiritimati is still the previous day everywhere else. */
  instant = nd_schedule_wall_to_utc (kiritimati, 2035, 7, 1, 0, 0, NULL);
  assert_wall (moscow, instant, "2035-06-30 13:00 +03:00");
  assert_wall (new_york, instant, "2035-06-30 06:00 -04:00");

  /* An unknown zone is UTC, with a warning. */
  {
    g_autoptr(GTimeZone) unknown = NULL;

    g_test_expect_message ("newsdesk-model", G_LOG_LEVEL_WARNING, "*Mars/Olympus*");
    unknown = nd_schedule_zone_new ("Mars/Olympus");
    g_test_assert_expected_messages ();
    g_assert_cmpint (g_time_zone_get_offset (unknown, 0), ==, 0);
  }
}

static void
test_group_times (void)
{
  const NdScheduleOffset offsets[] = { { "ru", 0 }, { "en", 60 }, { "ar", 120 } };
  g_autoptr(GTimeZone) berlin = nd_schedule_zone_new ("Europe/Berlin");
  gint64 base;

  base = utc (2035, 6, 1, 9, 0);
  g_assert_cmpint (nd_schedule_group_time (base, offsets, 3, "ru"), ==, base);
  g_assert_cmpint (nd_schedule_group_time (base, offsets, 3, "en"), ==, base + 3600);
  g_assert_cmpint (nd_schedule_group_time (base, offsets, 3, "ar"), ==, base + 7200);
  /* Languages not named go with the base. */
  g_assert_cmpint (nd_schedule_group_time (base, offsets, 3, "de"), ==, base);
  g_assert_cmpint (nd_schedule_group_time (base, NULL, 0, "ar"), ==, base);
  g_assert_cmpint (nd_schedule_offset_for (offsets, 3, "ar"), ==, 120);

  /* Offsets are elapsed time: across Berlin's spring-forward night, two
   * hours after 01:30 CET is 04:30 CEST. */
  base = nd_schedule_wall_to_utc (berlin, 2035, 3, 25, 1, 30, NULL);
  assert_wall (berlin, nd_schedule_group_time (base, offsets, 3, "ar"), "2035-03-25 04:30 +02:00");
}

static void
test_past_refused (void)
{
  g_autoptr(GTimeZone) moscow = nd_schedule_zone_new ("Europe/Moscow");
  g_autoptr(GError) error = NULL;
  gint64 now = utc (2035, 6, 1, 9, 0);

  g_assert_true (nd_schedule_check_future (now + 60, now, moscow, &error));
  g_assert_no_error (error);

  g_assert_false (nd_schedule_check_future (now, now, moscow, &error));
  g_assert_error (error, ND_WORKFLOW_ERROR, ND_WORKFLOW_ERROR_IN_PAST);
  g_clear_error (&error);

  g_assert_false (nd_schedule_check_future (now - 3600, now, moscow, &error));
  g_assert_error (error, ND_WORKFLOW_ERROR, ND_WORKFLOW_ERROR_IN_PAST);
  /* The message names the time in the zone given. */
  g_assert_nonnull (strstr (error->message, "2035, 11:00"));
  g_clear_error (&error);

  g_assert_false (nd_schedule_check_future (now - 3600, now, NULL, &error));
  g_assert_nonnull (strstr (error->message, "2035, 08:00"));
}

static void
test_day_and_week (void)
{
  g_autoptr(GTimeZone) berlin = nd_schedule_zone_new ("Europe/Berlin");
  g_autoptr(GTimeZone) new_york = nd_schedule_zone_new ("America/New_York");
  g_autoptr(GTimeZone) moscow = nd_schedule_zone_new ("Europe/Moscow");
  g_autoptr(GTimeZone) kiritimati = nd_schedule_zone_new ("Pacific/Kiritimati");
  gint64 start = 0;
  gint64 end = 0;

  /* Berlin's spring-forward day has 23 hours. */
  nd_schedule_day_bounds (berlin, utc (2035, 3, 25, 12, 0), &start, &end);
  g_assert_cmpint (start, ==, utc (2035, 3, 24, 23, 0));
  g_assert_cmpint (end, ==, utc (2035, 3, 25, 22, 0));

  /* New York's fall-back day has 25. */
  nd_schedule_day_bounds (new_york, utc (2035, 11, 4, 12, 0), &start, &end);
  g_assert_cmpint (start, ==, utc (2035, 11, 4, 4, 0));
  g_assert_cmpint (end, ==, utc (2035, 11, 5, 5, 0));

  /* 22:30 UTC is already the next day in Moscow. */
  nd_schedule_day_bounds (moscow, utc (2035, 6, 1, 22, 30), &start, &end);
  g_assert_cmpint (start, ==, utc (2035, 6, 1, 21, 0));
  g_assert_cmpint (end, ==, utc (2035, 6, 2, 21, 0));

  /* Kiritimati's days start fourteen hours before UTC's. */
  nd_schedule_day_bounds (kiritimati, utc (2035, 6, 1, 9, 0), &start, &end);
  g_assert_cmpint (start, ==, utc (2035, 5, 31, 10, 0));
  g_assert_cmpint (end, ==, utc (2035, 6, 1, 10, 0));

  /* The week of Sunday 25 March 2035 in Berlin, weeks from Monday: an hour
   * short of seven days. */
  nd_schedule_week_bounds (berlin, utc (2035, 3, 25, 12, 0), G_DATE_MONDAY, &start, &end);
  g_assert_cmpint (start, ==, utc (2035, 3, 18, 23, 0));
  g_assert_cmpint (end, ==, utc (2035, 3, 25, 22, 0));
  /* Weeks from Sunday: that Sunday starts one. */
  nd_schedule_week_bounds (berlin, utc (2035, 3, 25, 12, 0), G_DATE_SUNDAY, &start, &end);
  g_assert_cmpint (start, ==, utc (2035, 3, 24, 23, 0));
  g_assert_cmpint (end, ==, utc (2035, 3, 31, 22, 0));
  /* A Monday is the first day of its own week. */
  nd_schedule_week_bounds (moscow, utc (2035, 6, 4, 12, 0), G_DATE_MONDAY, &start, &end);
  g_assert_cmpint (start, ==, utc (2035, 6, 3, 21, 0));
  g_assert_cmpint (end, ==, utc (2035, 6, 10, 21, 0));
}

static void
test_missed (void)
{
  gint64 now = utc (2035, 6, 1, 9, 0);

  g_assert_true (nd_schedule_is_missed (ND_EDITION_STATUS_SCHEDULED, now, now));
  g_assert_true (nd_schedule_is_missed (ND_EDITION_STATUS_SCHEDULED, now - 1, now));
  g_assert_false (nd_schedule_is_missed (ND_EDITION_STATUS_SCHEDULED, now + 1, now));
  g_assert_false (nd_schedule_is_missed (ND_EDITION_STATUS_SCHEDULED, 0, now));
  g_assert_false (nd_schedule_is_missed (ND_EDITION_STATUS_PUBLISHED, now - 1, now));
  g_assert_false (nd_schedule_is_missed (ND_EDITION_STATUS_READY, now - 1, now));
}

/* The store ------------------------------------------------------------------ */

typedef struct
{
  NdDatabase   *database;
  NdStoryStore *store;
} Fixture;

static void
fixture_set_up (Fixture       *fixture,
                gconstpointer  data)
{
  g_autoptr(GError) error = NULL;

  fixture->database = nd_database_open (":memory:", ND_DATABASE_FLAGS_NONE, &error);
  g_assert_no_error (error);
  fixture->store = nd_story_store_new (fixture->database, &error);
  g_assert_no_error (error);
}

static void
fixture_tear_down (Fixture       *fixture,
                   gconstpointer  data)
{
  g_clear_object (&fixture->store);
  g_assert_finalize_object (fixture->database);
}

static void
fill (Fixture   *fixture,
      NdEdition *edition)
{
  g_autoptr(GError) error = NULL;

  nd_edition_set_headline (edition, "Headline");
  nd_edition_set_body (edition, "Body.");
  nd_edition_set_standfirst (edition, "Standfirst");
  nd_edition_set_dateline_city (edition, "Moscow");
  nd_story_store_save_edition (fixture->store, edition, &error);
  g_assert_no_error (error);
}

static void
make_ready (Fixture   *fixture,
            NdEdition *edition)
{
  g_autoptr(GError) error = NULL;

  if (nd_edition_get_status (edition) == ND_EDITION_STATUS_NEEDS_TRANSLATION)
    nd_story_store_move_edition (fixture->store, edition, ND_EDITION_STATUS_DRAFT, NULL, FALSE, &error);
  g_assert_no_error (error);
  nd_story_store_move_edition (fixture->store, edition, ND_EDITION_STATUS_IN_REVIEW, NULL, FALSE, &error);
  g_assert_no_error (error);
  nd_story_store_move_edition (fixture->store, edition, ND_EDITION_STATUS_READY, NULL, TRUE, &error);
  g_assert_no_error (error);
}

/* A story with a section and editions in @langs, the first its source, each
 * filled in and ready when @ready. */
static NdStory *
make_story (Fixture            *fixture,
            const char * const *langs,
            gboolean            ready)
{
  g_autoptr(GError) error = NULL;
  NdStory *story = nd_story_store_create_story (fixture->store, langs[0], &error);
  NdSection *news = nd_story_store_get_section_by_slug (fixture->store, "news");

  g_assert_no_error (error);
  nd_story_set_section_id (story, nd_section_get_id (news));
  nd_story_store_save_story (fixture->store, story, &error);
  g_assert_no_error (error);

  for (guint i = 0; langs[i] != NULL; i++)
    {
      g_autoptr(NdEdition) edition = NULL;

      if (i == 0)
        edition = g_object_ref (nd_story_get_edition (story, langs[0]));
      else
        edition = nd_story_store_add_edition (fixture->store, nd_story_get_id (story), langs[i], &error);
      g_assert_no_error (error);
      fill (fixture, edition);
      if (i > 0)
        {
          nd_story_store_mark_translated (fixture->store, edition, &error);
          g_assert_no_error (error);
        }
      if (ready)
        make_ready (fixture, edition);
    }

  {
    gint64 id = nd_story_get_id (story);

    g_clear_object (&story);
    story = nd_story_store_load_story (fixture->store, id, &error);
    g_assert_no_error (error);
  }

  return story;
}

static const char * const ru_en_ar[] = { "ru", "en", "ar", NULL };
static const char * const ru_only[] = { "ru", NULL };

static NdEditionStatus
stored_status (Fixture  *fixture,
               gint64    edition_id,
               gint64   *publish_at)
{
  g_autoptr(GError) error = NULL;
  g_autoptr(NdEdition) stored = nd_story_store_load_edition_by_id (fixture->store, edition_id, &error);

  g_assert_no_error (error);
  if (publish_at != NULL)
    *publish_at = nd_edition_get_publish_at (stored);
  return nd_edition_get_status (stored);
}

static void
test_store_schedule_edition (Fixture       *fixture,
                             gconstpointer  data)
{
  g_autoptr(NdStory) story = make_story (fixture, ru_only, TRUE);
  NdEdition *edition = nd_story_get_edition (story, "ru");
  g_autoptr(GTimeZone) zone = nd_story_store_get_time_zone (fixture->store);
  g_autoptr(GPtrArray) changes = NULL;
  g_autoptr(GError) error = NULL;
  gint64 when = nd_schedule_wall_to_utc (zone, 2035, 6, 1, 12, 0, NULL);
  gint64 stored_at = 0;

  /* The preset's zone. */
  g_assert_cmpint (g_time_zone_get_offset (zone, g_time_zone_find_interval (zone, G_TIME_TYPE_UNIVERSAL, when)),
                   ==, 3 * 3600);

  /* The past is refused and nothing changes. */
  g_assert_false (nd_story_store_schedule_edition (fixture->store, edition, nd_schedule_now () - 60, "Ирина",
                                                   FALSE, &error));
  g_assert_error (error, ND_WORKFLOW_ERROR, ND_WORKFLOW_ERROR_IN_PAST);
  g_clear_error (&error);
  g_assert_cmpint (stored_status (fixture, nd_edition_get_id (edition), &stored_at), ==, ND_EDITION_STATUS_READY);
  g_assert_cmpint (stored_at, ==, 0);

  g_assert_true (nd_story_store_schedule_edition (fixture->store, edition, when, "Ирина", FALSE, &error));
  g_assert_no_error (error);
  g_assert_cmpint (nd_edition_get_status (edition), ==, ND_EDITION_STATUS_SCHEDULED);
  g_assert_cmpint (nd_edition_get_publish_at (edition), ==, when);
  g_assert_cmpint (stored_status (fixture, nd_edition_get_id (edition), &stored_at), ==,
                   ND_EDITION_STATUS_SCHEDULED);
  g_assert_cmpint (stored_at, ==, utc (2035, 6, 1, 9, 0));

  /* Rescheduling keeps the status and moves the time. */
  g_assert_true (nd_story_store_schedule_edition (fixture->store, edition, when + 3600, "Ирина", FALSE, &error));
  g_assert_no_error (error);
  stored_status (fixture, nd_edition_get_id (edition), &stored_at);
  g_assert_cmpint (stored_at, ==, when + 3600);

  changes = nd_story_store_list_status_changes (fixture->store, nd_edition_get_id (edition), &error);
  g_assert_no_error (error);
  g_assert_cmpint (((NdStatusChange *) g_ptr_array_index (changes, changes->len - 1))->new_status, ==,
                   ND_EDITION_STATUS_SCHEDULED);
  g_assert_cmpstr (((NdStatusChange *) g_ptr_array_index (changes, changes->len - 1))->author, ==, "Ирина");

  /* Unschedule: back to ready, no time. */
  g_assert_true (nd_story_store_unschedule_edition (fixture->store, edition, "Андрей", &error));
  g_assert_no_error (error);
  g_assert_cmpint (stored_status (fixture, nd_edition_get_id (edition), &stored_at), ==, ND_EDITION_STATUS_READY);
  g_assert_cmpint (stored_at, ==, 0);
  g_assert_cmpint (nd_edition_get_publish_at (edition), ==, 0);
  g_assert_false (nd_story_store_unschedule_edition (fixture->store, edition, "Андрей", &error));
  g_assert_error (error, ND_WORKFLOW_ERROR, ND_WORKFLOW_ERROR_REFUSED);
}

static void
test_store_schedule_needs_ready (Fixture       *fixture,
                                 gconstpointer  data)
{
  g_autoptr(NdStory) story = make_story (fixture, ru_only, FALSE);
  NdEdition *edition = nd_story_get_edition (story, "ru");
  g_autoptr(GError) error = NULL;
  gint64 stored_at = 0;

  /* A draft cannot jump to scheduled. */
  g_assert_false (nd_story_store_schedule_edition (fixture->store, edition, utc (2035, 6, 1, 9, 0), NULL,
                                                   TRUE, &error));
  g_assert_error (error, ND_WORKFLOW_ERROR, ND_WORKFLOW_ERROR_REFUSED);
  g_assert_cmpint (stored_status (fixture, nd_edition_get_id (edition), &stored_at), ==, ND_EDITION_STATUS_DRAFT);
  g_assert_cmpint (stored_at, ==, 0);
}

static void
test_store_schedule_story (Fixture       *fixture,
                           gconstpointer  data)
{
  const NdScheduleOffset offsets[] = { { "ru", 0 }, { "en", 60 }, { "ar", 120 } };
  g_autoptr(NdStory) story = make_story (fixture, ru_en_ar, TRUE);
  g_autoptr(GTimeZone) zone = nd_story_store_get_time_zone (fixture->store);
  g_autoptr(GPtrArray) items = NULL;
  g_autoptr(GError) error = NULL;
  gint64 base = nd_schedule_wall_to_utc (zone, 2035, 6, 1, 10, 0, NULL);
  gint64 at = 0;

  g_assert_true (nd_story_store_schedule_story (fixture->store, nd_story_get_id (story), base, offsets,
                                                G_N_ELEMENTS (offsets), "Ирина", FALSE, &error));
  g_assert_no_error (error);

  g_assert_cmpint (stored_status (fixture, nd_edition_get_id (nd_story_get_edition (story, "ru")), &at), ==,
                   ND_EDITION_STATUS_SCHEDULED);
  g_assert_cmpint (at, ==, utc (2035, 6, 1, 7, 0));
  g_assert_cmpint (stored_status (fixture, nd_edition_get_id (nd_story_get_edition (story, "en")), &at), ==,
                   ND_EDITION_STATUS_SCHEDULED);
  g_assert_cmpint (at, ==, utc (2035, 6, 1, 8, 0));
  g_assert_cmpint (stored_status (fixture, nd_edition_get_id (nd_story_get_edition (story, "ar")), &at), ==,
                   ND_EDITION_STATUS_SCHEDULED);
  g_assert_cmpint (at, ==, utc (2035, 6, 1, 9, 0));

  items = nd_story_store_list_scheduled (fixture->store, utc (2035, 6, 1, 0, 0), utc (2035, 6, 2, 0, 0), &error);
  g_assert_no_error (error);
  g_assert_cmpuint (items->len, ==, 3);
  g_assert_cmpstr (((NdScheduledItem *) g_ptr_array_index (items, 0))->lang, ==, "ru");
  g_assert_cmpstr (((NdScheduledItem *) g_ptr_array_index (items, 1))->lang, ==, "en");
  g_assert_cmpstr (((NdScheduledItem *) g_ptr_array_index (items, 2))->lang, ==, "ar");
  for (guint i = 0; i < items->len; i++)
    {
      const NdScheduledItem *item = g_ptr_array_index (items, i);

      g_assert_cmpint (item->story_id, ==, nd_story_get_id (story));
      g_assert_cmpstr (item->headline, ==, "Headline");
      g_assert_cmpint (item->status, ==, ND_EDITION_STATUS_SCHEDULED);
      g_assert_false (item->stale);
      g_assert_false (item->missed);
    }

  /* The range's end is excluded. */
  g_clear_pointer (&items, g_ptr_array_unref);
  items = nd_story_store_list_scheduled (fixture->store, utc (2035, 6, 1, 0, 0), utc (2035, 6, 1, 9, 0), &error);
  g_assert_no_error (error);
  g_assert_cmpuint (items->len, ==, 2);
}

static void
test_store_schedule_story_all_or_nothing (Fixture       *fixture,
                                          gconstpointer  data)
{
  const NdScheduleOffset offsets[] = { { "ru", 0 }, { "en", 60 }, { "ar", 120 } };
  const NdScheduleOffset in_past[] = { { "ru", 0 }, { "ar", -60 * 24 * 365 * 20 } };
  g_autoptr(NdStory) story = make_story (fixture, ru_en_ar, TRUE);
  NdEdition *arabic = nd_story_get_edition (story, "ar");
  g_autoptr(GError) error = NULL;
  gint64 base = utc (2035, 6, 1, 7, 0);
  gint64 at = 0;

  /* Arabic is sent back to review: the group is refused, naming it. */
  nd_story_store_move_edition (fixture->store, arabic, ND_EDITION_STATUS_IN_REVIEW, NULL, FALSE, &error);
  g_assert_no_error (error);
  g_assert_false (nd_story_store_schedule_story (fixture->store, nd_story_get_id (story), base, offsets,
                                                 G_N_ELEMENTS (offsets), NULL, FALSE, &error));
  g_assert_error (error, ND_WORKFLOW_ERROR, ND_WORKFLOW_ERROR_REFUSED);
  g_assert_nonnull (strstr (error->message, "العربية"));
  g_clear_error (&error);
  g_assert_cmpint (stored_status (fixture, nd_edition_get_id (nd_story_get_edition (story, "ru")), &at), ==,
                   ND_EDITION_STATUS_READY);
  g_assert_cmpint (at, ==, 0);

  /* One edition in the past refuses the group too. */
  nd_story_store_move_edition (fixture->store, arabic, ND_EDITION_STATUS_READY, NULL, FALSE, &error);
  g_assert_no_error (error);
  g_assert_false (nd_story_store_schedule_story (fixture->store, nd_story_get_id (story), base, in_past,
                                                 G_N_ELEMENTS (in_past), NULL, FALSE, &error));
  g_assert_error (error, ND_WORKFLOW_ERROR, ND_WORKFLOW_ERROR_IN_PAST);
  g_clear_error (&error);
  g_assert_cmpint (stored_status (fixture, nd_edition_get_id (nd_story_get_edition (story, "ru")), &at), ==,
                   ND_EDITION_STATUS_READY);

  /* A language the story lacks. */
  {
    const NdScheduleOffset german[] = { { "de", 0 } };

    g_assert_false (nd_story_store_schedule_story (fixture->store, nd_story_get_id (story), base, german, 1,
                                                   NULL, FALSE, &error));
    g_assert_error (error, G_IO_ERROR, G_IO_ERROR_NOT_FOUND);
    g_clear_error (&error);
  }

  /* No offsets: every edition at the base time. */
  g_assert_true (nd_story_store_schedule_story (fixture->store, nd_story_get_id (story), base, NULL, 0,
                                                NULL, FALSE, &error));
  g_assert_no_error (error);
  g_assert_cmpint (stored_status (fixture, nd_edition_get_id (arabic), &at), ==, ND_EDITION_STATUS_SCHEDULED);
  g_assert_cmpint (at, ==, base);
}

static GArray *
query (Fixture             *fixture,
       const NdStoryFilter *filter)
{
  g_autoptr(GError) error = NULL;
  GArray *ids = nd_story_store_query_story_ids (fixture->store, filter, 0, &error);

  g_assert_no_error (error);
  return ids;
}

static void
test_store_missed_and_filters (Fixture       *fixture,
                               gconstpointer  data)
{
  g_autoptr(NdStory) june = make_story (fixture, ru_en_ar, TRUE);
  g_autoptr(NdStory) july = make_story (fixture, ru_only, TRUE);
  g_autoptr(NdStory) late = make_story (fixture, ru_en_ar, TRUE);
  g_autoptr(NdStory) idle = make_story (fixture, ru_only, TRUE);
  const NdScheduleOffset ru_then_en[] = { { "ru", 0 }, { "en", 60 } };
  g_autoptr(GPtrArray) items = NULL;
  g_autoptr(GArray) ids = NULL;
  g_autoptr(GError) error = NULL;
  NdStoryFilter filter = { 0 };
  gint64 now = nd_schedule_now ();
  NdEdition *late_edition = nd_story_get_edition (late, "ru");

  g_assert_true (nd_story_store_schedule_story (fixture->store, nd_story_get_id (june), utc (2035, 6, 1, 7, 0),
                                                ru_then_en, G_N_ELEMENTS (ru_then_en), NULL, FALSE, &error));
  g_assert_no_error (error);
  g_assert_true (nd_story_store_schedule_edition (fixture->store, nd_story_get_edition (july, "ru"),
                                                  utc (2035, 7, 1, 7, 0), NULL, FALSE, &error));
  g_assert_no_error (error);
  /* The late story was scheduled and its time came without it going out. */
  g_assert_true (nd_story_store_schedule_edition (fixture->store, late_edition, now + 3600, NULL, FALSE, &error));
  g_assert_no_error (error);
  nd_story_store_set_publish_at (fixture->store, late_edition, now - 3600, &error);
  g_assert_no_error (error);
  (void) idle;

  /* Missed. */
  filter.missed = TRUE;
  ids = query (fixture, &filter);
  g_assert_cmpuint (ids->len, ==, 1);
  g_assert_cmpint (g_array_index (ids, gint64, 0), ==, nd_story_get_id (late));
  g_clear_pointer (&ids, g_array_unref);

  items = nd_story_store_list_scheduled (fixture->store, now - 86400, now + 86400, &error);
  g_assert_no_error (error);
  g_assert_cmpuint (items->len, ==, 1);
  g_assert_true (((NdScheduledItem *) g_ptr_array_index (items, 0))->missed);
  g_clear_pointer (&items, g_ptr_array_unref);

  /* Scheduled in June ("this week", "today" are ranges like it). */
  filter = (NdStoryFilter) { .scheduled_from = utc (2035, 6, 1, 0, 0), .scheduled_to = utc (2035, 6, 2, 0, 0) };
  ids = query (fixture, &filter);
  g_assert_cmpuint (ids->len, ==, 1);
  g_assert_cmpint (g_array_index (ids, gint64, 0), ==, nd_story_get_id (june));
  g_clear_pointer (&ids, g_array_unref);

  /* The end is excluded: 07:00 UTC is out of a range that ends then. */
  filter = (NdStoryFilter) { .scheduled_from = utc (2035, 6, 1, 0, 0), .scheduled_to = utc (2035, 6, 1, 7, 0) };
  ids = query (fixture, &filter);
  g_assert_cmpuint (ids->len, ==, 0);
  g_clear_pointer (&ids, g_array_unref);

  /* Open end: everything from June on. */
  filter = (NdStoryFilter) { .scheduled_from = utc (2035, 6, 1, 0, 0) };
  ids = query (fixture, &filter);
  g_assert_cmpuint (ids->len, ==, 2);
  g_clear_pointer (&ids, g_array_unref);

  /* Open start: everything before July, the missed one included. */
  filter = (NdStoryFilter) { .scheduled_to = utc (2035, 7, 1, 0, 0) };
  ids = query (fixture, &filter);
  g_assert_cmpuint (ids->len, ==, 2);
  g_clear_pointer (&ids, g_array_unref);

  /* With a language: only English editions count. */
  filter = (NdStoryFilter) { .lang = "en", .scheduled_from = utc (2035, 1, 1, 0, 0) };
  ids = query (fixture, &filter);
  g_assert_cmpuint (ids->len, ==, 1);
  g_assert_cmpint (g_array_index (ids, gint64, 0), ==, nd_story_get_id (june));
  g_clear_pointer (&ids, g_array_unref);
  /* June has an Arabic edition, not scheduled. */
  filter = (NdStoryFilter) { .lang = "ar", .scheduled_from = utc (2035, 1, 1, 0, 0) };
  ids = query (fixture, &filter);
  g_assert_cmpuint (ids->len, ==, 0);
  g_clear_pointer (&ids, g_array_unref);
  /* Only the late story's Russian edition missed its time. */
  filter = (NdStoryFilter) { .lang = "en", .missed = TRUE };
  ids = query (fixture, &filter);
  g_assert_cmpuint (ids->len, ==, 0);
  g_clear_pointer (&ids, g_array_unref);
  filter = (NdStoryFilter) { .lang = "ru", .missed = TRUE };
  ids = query (fixture, &filter);
  g_assert_cmpuint (ids->len, ==, 1);
  g_assert_cmpint (g_array_index (ids, gint64, 0), ==, nd_story_get_id (late));
  g_clear_pointer (&ids, g_array_unref);

  /* Filters off: all four stories. */
  filter = (NdStoryFilter) { 0 };
  ids = query (fixture, &filter);
  g_assert_cmpuint (ids->len, ==, 4);
  g_clear_pointer (&ids, g_array_unref);

  /* Trashed stories leave the calendar. */
  nd_story_store_trash_story (fixture->store, nd_story_get_id (july), &error);
  g_assert_no_error (error);
  items = nd_story_store_list_scheduled (fixture->store, utc (2035, 1, 1, 0, 0), 0, &error);
  g_assert_no_error (error);
  g_assert_cmpuint (items->len, ==, 2);
}

static void
test_store_calendar_stale (Fixture       *fixture,
                           gconstpointer  data)
{
  const NdScheduleOffset offsets[] = { { "ru", 0 }, { "ar", 120 } };
  g_autoptr(NdStory) story = make_story (fixture, ru_en_ar, TRUE);
  NdEdition *source = nd_story_get_edition (story, "ru");
  g_autoptr(GPtrArray) items = NULL;
  g_autoptr(GError) error = NULL;

  /* The source changes after the translations were made: scheduling the
   * Arabic edition needs confirmation. */
  nd_edition_set_body (source, "Body, corrected.");
  nd_story_store_save_edition (fixture->store, source, &error);
  g_assert_no_error (error);
  g_assert_false (nd_story_store_schedule_story (fixture->store, nd_story_get_id (story), utc (2035, 6, 1, 7, 0),
                                                 offsets, G_N_ELEMENTS (offsets), NULL, FALSE, &error));
  g_assert_error (error, ND_WORKFLOW_ERROR, ND_WORKFLOW_ERROR_NEEDS_CONFIRMATION);
  g_clear_error (&error);
  g_assert_true (nd_story_store_schedule_story (fixture->store, nd_story_get_id (story), utc (2035, 6, 1, 7, 0),
                                                offsets, G_N_ELEMENTS (offsets), NULL, TRUE, &error));
  g_assert_no_error (error);

  items = nd_story_store_list_scheduled (fixture->store, utc (2035, 6, 1, 0, 0), utc (2035, 6, 2, 0, 0), &error);
  g_assert_no_error (error);
  g_assert_cmpuint (items->len, ==, 2);
  g_assert_cmpstr (((NdScheduledItem *) g_ptr_array_index (items, 0))->lang, ==, "ru");
  g_assert_false (((NdScheduledItem *) g_ptr_array_index (items, 0))->stale);
  g_assert_cmpstr (((NdScheduledItem *) g_ptr_array_index (items, 1))->lang, ==, "ar");
  g_assert_true (((NdScheduledItem *) g_ptr_array_index (items, 1))->stale);
}

static void
test_store_time_zone_setting (Fixture       *fixture,
                              gconstpointer  data)
{
  g_autoptr(GTimeZone) moscow = nd_story_store_get_time_zone (fixture->store);
  g_autoptr(GTimeZone) kiritimati = NULL;
  g_autoptr(GError) error = NULL;

  g_assert_cmpstr (g_time_zone_get_identifier (moscow), ==, "Europe/Moscow");
  nd_story_store_set_setting (fixture->store, "time-zone", "Pacific/Kiritimati", &error);
  g_assert_no_error (error);
  kiritimati = nd_story_store_get_time_zone (fixture->store);
  g_assert_cmpint (g_time_zone_get_offset (kiritimati, g_time_zone_find_interval (kiritimati, G_TIME_TYPE_UNIVERSAL,
                                                                                 utc (2035, 1, 1, 0, 0))),
                   ==, 14 * 3600);
}

int
main (int   argc,
      char *argv[])
{
  g_test_init (&argc, &argv, NULL);

  g_test_add_func ("/schedule/wall-to-utc", test_wall_to_utc);
  g_test_add_func ("/schedule/across-zones", test_across_zones);
  g_test_add_func ("/schedule/group-times", test_group_times);
  g_test_add_func ("/schedule/past-refused", test_past_refused);
  g_test_add_func ("/schedule/day-and-week", test_day_and_week);
  g_test_add_func ("/schedule/missed", test_missed);
  g_test_add ("/schedule/store/edition", Fixture, NULL,
              fixture_set_up, test_store_schedule_edition, fixture_tear_down);
  g_test_add ("/schedule/store/needs-ready", Fixture, NULL,
              fixture_set_up, test_store_schedule_needs_ready, fixture_tear_down);
  g_test_add ("/schedule/store/story", Fixture, NULL,
              fixture_set_up, test_store_schedule_story, fixture_tear_down);
  g_test_add ("/schedule/store/all-or-nothing", Fixture, NULL,
              fixture_set_up, test_store_schedule_story_all_or_nothing, fixture_tear_down);
  g_test_add ("/schedule/store/missed-and-filters", Fixture, NULL,
              fixture_set_up, test_store_missed_and_filters, fixture_tear_down);
  g_test_add ("/schedule/store/calendar-stale", Fixture, NULL,
              fixture_set_up, test_store_calendar_stale, fixture_tear_down);
  g_test_add ("/schedule/store/time-zone-setting", Fixture, NULL,
              fixture_set_up, test_store_time_zone_setting, fixture_tear_down);

  return g_test_run ();
}
