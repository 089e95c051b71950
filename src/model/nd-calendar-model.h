/* nd-calendar-model.h
 *
 * SPDX-License-Identifier: GPL-3.0-or-later
 */

#pragma once

#include <glib.h>

#include "nd-edition-status.h"

G_BEGIN_DECLS

/**
 * NdCalendarItem:
 * @story_id: the story
 * @edition_id: the edition
 * @lang: the edition's language code
 * @headline: the edition's headline
 * @status: the edition's workflow status
 * @publish_at: when it goes (or went) live, seconds since the epoch, UTC
 * @stale: the translation lags behind its source
 *
 * One edition on the calendar: what the store lists for a time range.
 */
typedef struct
{
  gint64           story_id;
  gint64           edition_id;
  char            *lang;
  char            *headline;
  NdEditionStatus  status;
  gint64           publish_at;
  gboolean         stale;
} NdCalendarItem;

NdCalendarItem *nd_calendar_item_new  (gint64           story_id,
                                       gint64           edition_id,
                                       const char      *lang,
                                       const char      *headline,
                                       NdEditionStatus  status,
                                       gint64           publish_at,
                                       gboolean         stale);
NdCalendarItem *nd_calendar_item_copy (const NdCalendarItem *item);
void            nd_calendar_item_free (NdCalendarItem *item);
G_DEFINE_AUTOPTR_CLEANUP_FUNC (NdCalendarItem, nd_calendar_item_free)

/**
 * NdCalendarProblem:
 * @ND_CALENDAR_PROBLEM_NONE: nothing to flag
 * @ND_CALENDAR_PROBLEM_SAME_MINUTE: another edition in the same language
 *   goes live in the same minute
 * @ND_CALENDAR_PROBLEM_NOT_READY: it has a time but is not ready yet
 * @ND_CALENDAR_PROBLEM_STALE: it is a translation that lags behind its source
 * @ND_CALENDAR_PROBLEM_MISSED: its time has passed and it is not published
 *
 * What the calendar flags about an edition; a set of bits.
 */
typedef enum
{
  ND_CALENDAR_PROBLEM_NONE        = 0,
  ND_CALENDAR_PROBLEM_SAME_MINUTE = 1 << 0,
  ND_CALENDAR_PROBLEM_NOT_READY   = 1 << 1,
  ND_CALENDAR_PROBLEM_STALE       = 1 << 2,
  ND_CALENDAR_PROBLEM_MISSED      = 1 << 3,
} NdCalendarProblem;

/**
 * NdCalendarSpan:
 * @ND_CALENDAR_SPAN_WEEK: seven days, Monday to Sunday
 * @ND_CALENDAR_SPAN_MONTH: a month as a grid of six weeks
 *
 * The period a model lays out.
 */
typedef enum
{
  ND_CALENDAR_SPAN_WEEK,
  ND_CALENDAR_SPAN_MONTH,
} NdCalendarSpan;

/**
 * NdCalendarEntry:
 * @item: (not nullable): the item, owned by the model
 * @problems: what is flagged about it
 * @day: the index of its day in the model
 * @hour: its hour in the publication's time zone
 * @minute: its minute in the publication's time zone
 *
 * An item placed on the calendar.
 */
typedef struct
{
  const NdCalendarItem *item;
  NdCalendarProblem     problems;
  guint                 day;
  int                   hour;
  int                   minute;
} NdCalendarEntry;

typedef struct _NdCalendarModel NdCalendarModel;

NdCalendarModel       *nd_calendar_model_new             (NdCalendarSpan         span,
                                                          GTimeZone             *zone,
                                                          int                    year,
                                                          int                    month,
                                                          int                    day);
NdCalendarModel       *nd_calendar_model_ref             (NdCalendarModel       *self);
void                   nd_calendar_model_unref           (NdCalendarModel       *self);
NdCalendarSpan         nd_calendar_model_get_span        (NdCalendarModel       *self);
GTimeZone             *nd_calendar_model_get_zone        (NdCalendarModel       *self);
void                   nd_calendar_model_get_range       (NdCalendarModel       *self,
                                                          gint64                *from_utc,
                                                          gint64                *to_utc);
void                   nd_calendar_model_set_items       (NdCalendarModel       *self,
                                                          GPtrArray             *items,
                                                          gint64                 now_utc);
guint                  nd_calendar_model_get_n_days      (NdCalendarModel       *self);
GDateTime             *nd_calendar_model_get_day         (NdCalendarModel       *self,
                                                          guint                  day);
gboolean               nd_calendar_model_day_in_period   (NdCalendarModel       *self,
                                                          guint                  day);
int                    nd_calendar_model_find_day        (NdCalendarModel       *self,
                                                          gint64                 utc);
const NdCalendarEntry *nd_calendar_model_get_day_entries (NdCalendarModel       *self,
                                                          guint                  day,
                                                          guint                 *n_entries);
const NdCalendarEntry *nd_calendar_model_get_agenda      (NdCalendarModel       *self,
                                                          guint                 *n_entries);
const NdCalendarEntry *nd_calendar_model_find_entry      (NdCalendarModel       *self,
                                                          gint64                 edition_id);
gint64                 nd_calendar_model_move_to_day     (NdCalendarModel       *self,
                                                          gint64                 utc,
                                                          guint                  day);
G_DEFINE_AUTOPTR_CLEANUP_FUNC (NdCalendarModel, nd_calendar_model_unref)

gint64                 nd_calendar_shift                 (GTimeZone             *zone,
                                                          gint64                 utc,
                                                          int                    days,
                                                          int                    minutes);
guint                  nd_calendar_language_color        (const char            *lang);

G_END_DECLS
