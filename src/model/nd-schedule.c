/* nd-schedule.c
 *
 * SPDX-License-Identifier: GPL-3.0-or-later
 */

#define G_LOG_DOMAIN "newsdesk-model"

#include "config.h"

#include <glib/gi18n-lib.h>

#include "nd-schedule.h"
#include "nd-workflow.h"

/**
 * NdSchedule:
 *
 * Publish times are stored as seconds since the epoch in UTC; editors see and
 * pick them as wall-clock times in the publication's zone (a setting,
 * "time-zone", Europe/Moscow in the Realist preset) and in their own. These
 * helpers convert between the two, with explicit rules for the times that DST
 * changes skip or repeat.
 */

/* Offset changes closer together than this are not looked for; none exist
 * in the tz database. Kiritimati's skipped day in 1994 is a 24-hour gap, so
 * the window must be wider than a day. */
#define ND_SCHEDULE_WINDOW (2 * 24 * 60 * 60)

/**
 * nd_schedule_zone_new:
 * @identifier: (nullable): a tz database name such as "Europe/Moscow"
 *
 * Unlike g_time_zone_new_identifier(), never fails: an unknown or missing
 * identifier gives UTC, so a mistyped setting cannot stop scheduling.
 *
 * Returns: (transfer full): the zone
 */
GTimeZone *
nd_schedule_zone_new (const char *identifier)
{
  GTimeZone *zone = NULL;

  if (identifier != NULL && *identifier != '\0')
    zone = g_time_zone_new_identifier (identifier);
  if (zone == NULL)
    {
      if (identifier != NULL && *identifier != '\0')
        g_warning ("Unknown time zone “%s”, using UTC", identifier);
      zone = g_time_zone_new_utc ();
    }

  return zone;
}

/* The offset, in seconds east of UTC, that @zone has at the instant @utc. */
static gint32
offset_at (GTimeZone *zone,
           gint64     utc)
{
  int interval = g_time_zone_find_interval (zone, G_TIME_TYPE_UNIVERSAL, utc);

  return g_time_zone_get_offset (zone, interval);
}

/**
 * nd_schedule_wall_to_utc:
 * @zone: the zone the time is read in
 * @year: the year
 * @month: the month, 1 to 12
 * @day: the day of the month, 1 to 31
 * @hour: the hour, 0 to 23
 * @minute: the minute, 0 to 59
 * @resolution: (out) (optional): whether the time was exact, skipped or
 *   ambiguous
 *
 * Reads a wall-clock time in @zone. A time that does not exist (the hour a
 * spring-forward change skips) is read with the offset in force before the
 * change, so it lands after the gap by as much as it was into it; a time that
 * happens twice (the hour a fall-back change repeats) is the earlier instant.
 * These are the rules of RFC 5545 §3.3.5. The offsets are compared, not the
 * zone's DST flags, so changes of standard time (Moscow in 2011 and 2014,
 * Kiritimati in 1994) follow the same rules.
 *
 * Returns: seconds since the epoch, UTC, or 0 for a date that does not exist
 */
gint64
nd_schedule_wall_to_utc (GTimeZone             *zone,
                         int                    year,
                         int                    month,
                         int                    day,
                         int                    hour,
                         int                    minute,
                         NdWallTimeResolution  *resolution)
{
  g_autoptr(GDateTime) naive = NULL;
  gint64 local;
  gint32 before;
  gint32 after;
  gboolean before_fits;
  gboolean after_fits;

  g_return_val_if_fail (zone != NULL, 0);

  if (resolution != NULL)
    *resolution = ND_WALL_TIME_EXACT;

  /* The wall-clock time counted as if it were UTC. */
  naive = g_date_time_new_utc (year, month, day, hour, minute, 0);
  if (naive == NULL)
    return 0;
  local = g_date_time_to_unix (naive);

  before = offset_at (zone, local - ND_SCHEDULE_WINDOW);
  after = offset_at (zone, local + ND_SCHEDULE_WINDOW);
  before_fits = offset_at (zone, local - before) == before;
  after_fits = offset_at (zone, local - after) == after;

  if (before_fits && after_fits && before != after)
    {
      if (resolution != NULL)
        *resolution = ND_WALL_TIME_AMBIGUOUS;
      return MIN (local - before, local - after);
    }
  if (before_fits)
    return local - before;
  if (after_fits)
    return local - after;

  if (resolution != NULL)
    *resolution = ND_WALL_TIME_SKIPPED;
  return local - before;
}

/**
 * nd_schedule_utc_to_wall:
 * @zone: the zone to show the time in
 * @utc: seconds since the epoch, UTC
 *
 * Returns: (transfer full) (nullable): @utc as a wall-clock time in @zone,
 *   or %NULL when out of range
 */
GDateTime *
nd_schedule_utc_to_wall (GTimeZone *zone,
                         gint64     utc)
{
  g_autoptr(GDateTime) instant = NULL;

  g_return_val_if_fail (zone != NULL, NULL);

  instant = g_date_time_new_from_unix_utc (utc);
  if (instant == NULL)
    return NULL;

  return g_date_time_to_timezone (instant, zone);
}

/**
 * nd_schedule_convert_wall:
 * @from_zone: the zone the time is picked in (say the publication's)
 * @to_zone: the zone to show it in as well (say the editor's,
 *   g_time_zone_new_local())
 * @year: the year
 * @month: the month, 1 to 12
 * @day: the day of the month
 * @hour: the hour
 * @minute: the minute
 * @to_wall: (out) (optional) (transfer full): the same instant in @to_zone
 *
 * The two clocks of the schedule picker: reads a wall-clock time in
 * @from_zone with the rules of nd_schedule_wall_to_utc() and gives the same
 * instant in @to_zone.
 *
 * Returns: seconds since the epoch, UTC, or 0 for a date that does not exist
 */
gint64
nd_schedule_convert_wall (GTimeZone  *from_zone,
                          GTimeZone  *to_zone,
                          int         year,
                          int         month,
                          int         day,
                          int         hour,
                          int         minute,
                          GDateTime **to_wall)
{
  gint64 utc;

  g_return_val_if_fail (from_zone != NULL, 0);
  g_return_val_if_fail (to_zone != NULL, 0);

  utc = nd_schedule_wall_to_utc (from_zone, year, month, day, hour, minute, NULL);
  if (to_wall != NULL)
    *to_wall = utc != 0 ? nd_schedule_utc_to_wall (to_zone, utc) : NULL;

  return utc;
}

/**
 * nd_schedule_now:
 *
 * Returns: the current time, seconds since the epoch, UTC
 */
gint64
nd_schedule_now (void)
{
  return g_get_real_time () / G_USEC_PER_SEC;
}

/**
 * nd_schedule_check_future:
 * @utc: a publish time, seconds UTC
 * @now: the current time, seconds UTC (nd_schedule_now())
 * @zone: (nullable): the zone to name the time in, for the message; %NULL
 *   for UTC
 * @error: return location for a #GError
 *
 * Refuses a publish time that is not after @now with
 * %ND_WORKFLOW_ERROR_IN_PAST and a message that names the time.
 *
 * Returns: %TRUE if @utc is in the future
 */
gboolean
nd_schedule_check_future (gint64      utc,
                          gint64      now,
                          GTimeZone  *zone,
                          GError    **error)
{
  g_autoptr(GTimeZone) utc_zone = NULL;
  g_autoptr(GDateTime) wall = NULL;
  g_autofree char *shown = NULL;

  if (utc > now)
    return TRUE;

  if (zone == NULL)
    zone = utc_zone = g_time_zone_new_utc ();
  wall = nd_schedule_utc_to_wall (zone, utc);
  /* Translators: a date and time, as in "28 Nov 2026, 14:30 MSK" */
  shown = wall != NULL ? g_date_time_format (wall, _("%-d %b %Y, %H:%M %Z")) : NULL;
  g_set_error (error, ND_WORKFLOW_ERROR, ND_WORKFLOW_ERROR_IN_PAST,
               /* Translators: %s is a date and time */
               _("%s is in the past: choose a later time"),
               shown != NULL ? shown : "?");
  return FALSE;
}

/**
 * nd_schedule_offset_for:
 * @offsets: (array length=n_offsets) (nullable): per-language offsets
 * @n_offsets: the number of @offsets
 * @lang: a language code
 *
 * Returns: @lang's offset in minutes; 0 when @offsets does not name it
 */
int
nd_schedule_offset_for (const NdScheduleOffset *offsets,
                        guint                   n_offsets,
                        const char             *lang)
{
  g_return_val_if_fail (offsets != NULL || n_offsets == 0, 0);
  g_return_val_if_fail (lang != NULL, 0);

  for (guint i = 0; i < n_offsets; i++)
    {
      if (g_strcmp0 (offsets[i].lang, lang) == 0)
        return offsets[i].minutes;
    }

  return 0;
}

/**
 * nd_schedule_group_time:
 * @base_utc: when the group starts, seconds UTC (read the editor's choice in
 *   the publication's zone with nd_schedule_wall_to_utc())
 * @offsets: (array length=n_offsets) (nullable): per-language offsets
 * @n_offsets: the number of @offsets
 * @lang: a language code
 *
 * "Schedule all editions together": the time @lang's edition goes live.
 * Offsets are elapsed minutes (see #NdScheduleOffset).
 *
 * Returns: seconds since the epoch, UTC
 */
gint64
nd_schedule_group_time (gint64                  base_utc,
                        const NdScheduleOffset *offsets,
                        guint                   n_offsets,
                        const char             *lang)
{
  return base_utc + (gint64) nd_schedule_offset_for (offsets, n_offsets, lang) * 60;
}

/* The instant the local day of @date, moved by @days, starts in @zone. */
static gint64
local_midnight (GTimeZone *zone,
                GDateTime *date,
                int        days)
{
  g_autoptr(GDateTime) day = g_date_time_add_days (date, days);

  return nd_schedule_wall_to_utc (zone,
                                  g_date_time_get_year (day),
                                  g_date_time_get_month (day),
                                  g_date_time_get_day_of_month (day),
                                  0, 0, NULL);
}

/**
 * nd_schedule_day_bounds:
 * @zone: the zone whose days count (the publication's)
 * @utc: an instant in the day, seconds UTC
 * @start: (out): when the day starts, seconds UTC, included
 * @end: (out): when the next day starts, seconds UTC, excluded
 *
 * The range "scheduled today" filters on (#NdStoryFilter). Days are counted
 * on the wall clock, so the day of a DST change is 23 or 25 hours long; a
 * midnight that a change skips is read as nd_schedule_wall_to_utc() does.
 */
void
nd_schedule_day_bounds (GTimeZone *zone,
                        gint64     utc,
                        gint64    *start,
                        gint64    *end)
{
  g_autoptr(GDateTime) wall = NULL;

  g_return_if_fail (zone != NULL);
  g_return_if_fail (start != NULL && end != NULL);

  wall = nd_schedule_utc_to_wall (zone, utc);
  g_return_if_fail (wall != NULL);

  *start = local_midnight (zone, wall, 0);
  *end = local_midnight (zone, wall, 1);
}

/**
 * nd_schedule_week_bounds:
 * @zone: the zone whose days count (the publication's)
 * @utc: an instant in the week, seconds UTC
 * @first_day: the day weeks start on, such as %G_DATE_MONDAY
 * @start: (out): when the week starts, seconds UTC, included
 * @end: (out): when the next week starts, seconds UTC, excluded
 *
 * The range "scheduled this week" filters on, counted in wall-clock days as
 * nd_schedule_day_bounds() does.
 */
void
nd_schedule_week_bounds (GTimeZone    *zone,
                         gint64        utc,
                         GDateWeekday  first_day,
                         gint64       *start,
                         gint64       *end)
{
  g_autoptr(GDateTime) wall = NULL;
  int back;

  g_return_if_fail (zone != NULL);
  g_return_if_fail (first_day >= G_DATE_MONDAY && first_day <= G_DATE_SUNDAY);
  g_return_if_fail (start != NULL && end != NULL);

  wall = nd_schedule_utc_to_wall (zone, utc);
  g_return_if_fail (wall != NULL);

  /* GDateTime counts weekdays 1 (Monday) to 7, as GDateWeekday does. */
  back = (g_date_time_get_day_of_week (wall) - (int) first_day + 7) % 7;
  *start = local_midnight (zone, wall, -back);
  *end = local_midnight (zone, wall, 7 - back);
}

/**
 * nd_schedule_is_missed:
 * @status: an edition's status
 * @publish_at: its publish time, seconds UTC, or 0 for none
 * @now: the current time, seconds UTC
 *
 * A missed schedule: the edition is still scheduled when its time has come.
 *
 * Returns: %TRUE if the edition missed its time
 */
gboolean
nd_schedule_is_missed (NdEditionStatus status,
                       gint64          publish_at,
                       gint64          now)
{
  return status == ND_EDITION_STATUS_SCHEDULED && publish_at != 0 && publish_at <= now;
}
