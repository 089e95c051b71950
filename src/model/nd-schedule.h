/* nd-schedule.h
 *
 * SPDX-License-Identifier: GPL-3.0-or-later
 */

#pragma once

#include <glib-object.h>

#include "nd-edition-status.h"

G_BEGIN_DECLS

/**
 * NdScheduleOffset:
 * @lang: a language code
 * @minutes: how long after the base time this language's edition goes
 *   live; may be negative
 *
 * One language's place in "schedule all editions together". Offsets are
 * elapsed time, not wall-clock time: "Arabic 120 minutes after Russian" is two
 * real hours later even across a DST change.
 */
typedef struct
{
  const char *lang;
  int         minutes;
} NdScheduleOffset;

/**
 * NdWallTimeResolution:
 * @ND_WALL_TIME_EXACT: the wall-clock time exists once in the zone
 * @ND_WALL_TIME_SKIPPED: the time falls in a gap (spring forward); it was
 *   read with the offset in force before the gap, which lands as far after
 *   the gap as the time was into it (Berlin 02:30 on the spring-forward day
 *   becomes 03:30 CEST)
 * @ND_WALL_TIME_AMBIGUOUS: the time happens twice (fall back); the earlier
 *   instant was taken (New York 01:30 on the fall-back day is 01:30 EDT)
 *
 * How nd_schedule_wall_to_utc() read a wall-clock time. These are the rules of
 * RFC 5545 §3.3.5 that calendars share, so a time chosen here shows up the
 * same in the editor's other calendars.
 */
typedef enum
{
  ND_WALL_TIME_EXACT,
  ND_WALL_TIME_SKIPPED,
  ND_WALL_TIME_AMBIGUOUS,
} NdWallTimeResolution;

GTimeZone  *nd_schedule_zone_new         (const char            *identifier);
gint64      nd_schedule_wall_to_utc      (GTimeZone             *zone,
                                          int                    year,
                                          int                    month,
                                          int                    day,
                                          int                    hour,
                                          int                    minute,
                                          NdWallTimeResolution  *resolution);
GDateTime  *nd_schedule_utc_to_wall      (GTimeZone             *zone,
                                          gint64                 utc);
gint64      nd_schedule_convert_wall     (GTimeZone             *from_zone,
                                          GTimeZone             *to_zone,
                                          int                    year,
                                          int                    month,
                                          int                    day,
                                          int                    hour,
                                          int                    minute,
                                          GDateTime            **to_wall);
gint64      nd_schedule_now              (void);
gboolean    nd_schedule_check_future     (gint64                 utc,
                                          gint64                 now,
                                          GTimeZone             *zone,
                                          GError               **error);
int         nd_schedule_offset_for       (const NdScheduleOffset *offsets,
                                          guint                  n_offsets,
                                          const char            *lang);
gint64      nd_schedule_group_time       (gint64                 base_utc,
                                          const NdScheduleOffset *offsets,
                                          guint                  n_offsets,
                                          const char            *lang);
void        nd_schedule_day_bounds       (GTimeZone             *zone,
                                          gint64                 utc,
                                          gint64                *start,
                                          gint64                *end);
void        nd_schedule_week_bounds      (GTimeZone             *zone,
                                          gint64                 utc,
                                          GDateWeekday           first_day,
                                          gint64                *start,
                                          gint64                *end);
gboolean    nd_schedule_is_missed        (NdEditionStatus        status,
                                          gint64                 publish_at,
                                          gint64                 now);

G_END_DECLS
