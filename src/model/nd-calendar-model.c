/* nd-calendar-model.c
 *
 * SPDX-License-Identifier: GPL-3.0-or-later
 */

#define G_LOG_DOMAIN "newsdesk-calendar"

#include "config.h"

#include <string.h>

#include "nd-calendar-model.h"

/* The layout of a week or a month of editions, with no GTK in sight so that
 * it is tested without a display.
 *
 * Weeks start on Monday: GLib has no portable way to ask the locale for its
 * first weekday (glibc's _NL_TIME_FIRST_WEEKDAY is not everywhere), and
 * ISO 8601, which Russia and most of Europe follow, starts on Monday. */

#define N_WEEKS_IN_MONTH_GRID 6

struct _NdCalendarModel
{
  grefcount        ref_count;
  NdCalendarSpan   span;
  GTimeZone       *zone;
  int              year;
  int              month;
  guint            n_days;
  GDateTime      **days;        /* local midnights, n_days of them */
  gint64          *day_starts;  /* UTC, n_days + 1 of them */
  GPtrArray       *items;
  GArray          *entries;     /* NdCalendarEntry, sorted by time */
  guint           *day_first;   /* index in entries, n_days + 1 of them */
};

/* Items --------------------------------------------------------------------- */

/**
 * nd_calendar_item_new:
 *
 * Returns: (transfer full): a new item holding copies of @lang and @headline
 */
NdCalendarItem *
nd_calendar_item_new (gint64           story_id,
                      gint64           edition_id,
                      const char      *lang,
                      const char      *headline,
                      NdEditionStatus  status,
                      gint64           publish_at,
                      gboolean         stale)
{
  NdCalendarItem *item;

  g_return_val_if_fail (lang != NULL, NULL);

  item = g_new0 (NdCalendarItem, 1);
  item->story_id = story_id;
  item->edition_id = edition_id;
  item->lang = g_strdup (lang);
  item->headline = g_strdup (headline != NULL ? headline : "");
  item->status = status;
  item->publish_at = publish_at;
  item->stale = !!stale;
  return item;
}

/**
 * nd_calendar_item_copy:
 *
 * Returns: (transfer full): a copy of @item
 */
NdCalendarItem *
nd_calendar_item_copy (const NdCalendarItem *item)
{
  g_return_val_if_fail (item != NULL, NULL);

  return nd_calendar_item_new (item->story_id, item->edition_id, item->lang, item->headline,
                               item->status, item->publish_at, item->stale);
}

void
nd_calendar_item_free (NdCalendarItem *item)
{
  if (item == NULL)
    return;
  g_free (item->lang);
  g_free (item->headline);
  g_free (item);
}

/* Helpers ------------------------------------------------------------------- */

static gint64
local_offset (GTimeZone *zone,
              gint64     utc)
{
  int interval = g_time_zone_find_interval (zone, G_TIME_TYPE_UNIVERSAL, utc);

  return interval < 0 ? 0 : g_time_zone_get_offset (zone, interval);
}

static int
compare_entries (gconstpointer a,
                 gconstpointer b)
{
  const NdCalendarEntry *ea = a;
  const NdCalendarEntry *eb = b;
  gint64 ma = ea->item->publish_at / 60;
  gint64 mb = eb->item->publish_at / 60;
  int cmp;

  if (ma != mb)
    return ma < mb ? -1 : 1;
  cmp = strcmp (ea->item->lang, eb->item->lang);
  if (cmp != 0)
    return cmp;
  if (ea->item->publish_at != eb->item->publish_at)
    return ea->item->publish_at < eb->item->publish_at ? -1 : 1;
  if (ea->item->edition_id != eb->item->edition_id)
    return ea->item->edition_id < eb->item->edition_id ? -1 : 1;
  return 0;
}

static NdCalendarProblem
item_problems (const NdCalendarItem *item,
               gint64                now_utc)
{
  NdCalendarProblem problems = ND_CALENDAR_PROBLEM_NONE;

  if (item->status < ND_EDITION_STATUS_READY)
    problems |= ND_CALENDAR_PROBLEM_NOT_READY;
  if (item->stale && item->status != ND_EDITION_STATUS_PUBLISHED)
    problems |= ND_CALENDAR_PROBLEM_STALE;
  if (item->status != ND_EDITION_STATUS_PUBLISHED && item->publish_at <= now_utc)
    problems |= ND_CALENDAR_PROBLEM_MISSED;
  return problems;
}

static void
clear_entries (NdCalendarModel *self)
{
  g_clear_pointer (&self->entries, g_array_unref);
  g_clear_pointer (&self->items, g_ptr_array_unref);
  memset (self->day_first, 0, sizeof (guint) * (self->n_days + 1));
}

/* Public API ---------------------------------------------------------------- */

/**
 * nd_calendar_model_new:
 * @span: a week or a month
 * @zone: the publication's time zone, in which days start and end
 * @year: a year
 * @month: a month, 1 to 12
 * @day: a day of @month, 1 to 31; the week holding it is laid out, or its
 *   month
 *
 * A month is laid out as six weeks, Monday first, beginning with the week
 * of the month's first day; a week is the Monday-to-Sunday week of @day.
 *
 * Returns: (transfer full): a model with no items yet
 */
NdCalendarModel *
nd_calendar_model_new (NdCalendarSpan  span,
                       GTimeZone      *zone,
                       int             year,
                       int             month,
                       int             day)
{
  NdCalendarModel *self;
  GDate date;

  g_return_val_if_fail (zone != NULL, NULL);
  g_return_val_if_fail (g_date_valid_dmy (day, month, year), NULL);

  self = g_new0 (NdCalendarModel, 1);
  g_ref_count_init (&self->ref_count);
  self->span = span;
  self->zone = g_time_zone_ref (zone);
  self->year = year;
  self->month = month;

  g_date_clear (&date, 1);
  if (span == ND_CALENDAR_SPAN_MONTH)
    {
      g_date_set_dmy (&date, 1, month, year);
      self->n_days = 7 * N_WEEKS_IN_MONTH_GRID;
    }
  else
    {
      g_date_set_dmy (&date, day, month, year);
      self->n_days = 7;
    }
  /* GDateWeekday runs from Monday = 1 to Sunday = 7. */
  g_date_subtract_days (&date, g_date_get_weekday (&date) - G_DATE_MONDAY);

  self->days = g_new0 (GDateTime *, self->n_days);
  self->day_starts = g_new0 (gint64, self->n_days + 1);
  self->day_first = g_new0 (guint, self->n_days + 1);

  for (guint i = 0; i <= self->n_days; i++)
    {
      /* Local midnight; where a DST change skips midnight GLib moves it to
       * the first minute that exists, which is when that day starts. */
      g_autoptr(GDateTime) midnight = g_date_time_new (zone, g_date_get_year (&date),
                                                       g_date_get_month (&date),
                                                       g_date_get_day (&date), 0, 0, 0);

      self->day_starts[i] = g_date_time_to_unix (midnight);
      if (i < self->n_days)
        self->days[i] = g_steal_pointer (&midnight);
      g_date_add_days (&date, 1);
    }

  return self;
}

NdCalendarModel *
nd_calendar_model_ref (NdCalendarModel *self)
{
  g_return_val_if_fail (self != NULL, NULL);

  g_ref_count_inc (&self->ref_count);
  return self;
}

void
nd_calendar_model_unref (NdCalendarModel *self)
{
  g_return_if_fail (self != NULL);

  if (!g_ref_count_dec (&self->ref_count))
    return;

  g_clear_pointer (&self->entries, g_array_unref);
  g_clear_pointer (&self->items, g_ptr_array_unref);
  for (guint i = 0; i < self->n_days; i++)
    g_date_time_unref (self->days[i]);
  g_free (self->days);
  g_free (self->day_starts);
  g_free (self->day_first);
  g_time_zone_unref (self->zone);
  g_free (self);
}

NdCalendarSpan
nd_calendar_model_get_span (NdCalendarModel *self)
{
  g_return_val_if_fail (self != NULL, ND_CALENDAR_SPAN_WEEK);
  return self->span;
}

/**
 * nd_calendar_model_get_zone:
 *
 * Returns: (transfer none): the zone days are laid out in
 */
GTimeZone *
nd_calendar_model_get_zone (NdCalendarModel *self)
{
  g_return_val_if_fail (self != NULL, NULL);
  return self->zone;
}

/**
 * nd_calendar_model_get_range:
 * @from_utc: (out) (optional): when the first day starts
 * @to_utc: (out) (optional): when the last day ends (exclusive)
 *
 * The times to ask the store for.
 */
void
nd_calendar_model_get_range (NdCalendarModel *self,
                             gint64          *from_utc,
                             gint64          *to_utc)
{
  g_return_if_fail (self != NULL);

  if (from_utc != NULL)
    *from_utc = self->day_starts[0];
  if (to_utc != NULL)
    *to_utc = self->day_starts[self->n_days];
}

/**
 * nd_calendar_model_set_items:
 * @items: (element-type NdCalendarItem) (transfer none) (nullable): the
 *   items; the model keeps a reference, so the array must free its items
 *   with nd_calendar_item_free() and must not change afterwards
 * @now_utc: the present, for missed editions
 *
 * Places the items that fall within the range on their days, sorts them by
 * time and flags problems. Items outside the range, and items without a time,
 * are left out.
 */
void
nd_calendar_model_set_items (NdCalendarModel *self,
                             GPtrArray       *items,
                             gint64           now_utc)
{
  gint64 from = 0, to = 0;
  guint day = 0;

  g_return_if_fail (self != NULL);

  clear_entries (self);
  self->entries = g_array_new (FALSE, FALSE, sizeof (NdCalendarEntry));
  if (items == NULL)
    return;

  self->items = g_ptr_array_ref (items);
  nd_calendar_model_get_range (self, &from, &to);

  for (guint i = 0; i < items->len; i++)
    {
      const NdCalendarItem *item = g_ptr_array_index (items, i);
      NdCalendarEntry entry = { item, ND_CALENDAR_PROBLEM_NONE, 0, 0, 0 };

      if (item->publish_at <= 0 || item->publish_at < from || item->publish_at >= to)
        continue;
      entry.problems = item_problems (item, now_utc);
      g_array_append_val (self->entries, entry);
    }

  g_array_sort (self->entries, compare_entries);

  for (guint i = 0; i < self->entries->len; i++)
    {
      NdCalendarEntry *entry = &g_array_index (self->entries, NdCalendarEntry, i);
      gint64 local = entry->item->publish_at + local_offset (self->zone, entry->item->publish_at);
      gint64 seconds_of_day = ((local % 86400) + 86400) % 86400;

      entry->hour = seconds_of_day / 3600;
      entry->minute = (seconds_of_day % 3600) / 60;

      /* Sorted by time, so days only move forward. */
      while (day + 1 < self->n_days && entry->item->publish_at >= self->day_starts[day + 1])
        self->day_first[++day] = i;
      entry->day = day;

      /* Entries of one minute sit together, ordered by language. */
      if (i > 0)
        {
          NdCalendarEntry *previous = &g_array_index (self->entries, NdCalendarEntry, i - 1);

          if (previous->item->publish_at / 60 == entry->item->publish_at / 60 &&
              strcmp (previous->item->lang, entry->item->lang) == 0)
            {
              previous->problems |= ND_CALENDAR_PROBLEM_SAME_MINUTE;
              entry->problems |= ND_CALENDAR_PROBLEM_SAME_MINUTE;
            }
        }
    }
  while (day < self->n_days)
    self->day_first[++day] = self->entries->len;
}

guint
nd_calendar_model_get_n_days (NdCalendarModel *self)
{
  g_return_val_if_fail (self != NULL, 0);
  return self->n_days;
}

/**
 * nd_calendar_model_get_day:
 *
 * Returns: (transfer none): the local midnight that starts @day
 */
GDateTime *
nd_calendar_model_get_day (NdCalendarModel *self,
                           guint            day)
{
  g_return_val_if_fail (self != NULL, NULL);
  g_return_val_if_fail (day < self->n_days, NULL);
  return self->days[day];
}

/**
 * nd_calendar_model_day_in_period:
 *
 * Returns: whether @day belongs to the month laid out; always %TRUE for a
 *   week
 */
gboolean
nd_calendar_model_day_in_period (NdCalendarModel *self,
                                 guint            day)
{
  g_return_val_if_fail (self != NULL, FALSE);
  g_return_val_if_fail (day < self->n_days, FALSE);

  if (self->span == ND_CALENDAR_SPAN_WEEK)
    return TRUE;
  return g_date_time_get_month (self->days[day]) == self->month;
}

/**
 * nd_calendar_model_find_day:
 *
 * Returns: the index of the day holding @utc, or -1 outside the range
 */
int
nd_calendar_model_find_day (NdCalendarModel *self,
                            gint64           utc)
{
  guint lo = 0, hi;

  g_return_val_if_fail (self != NULL, -1);

  hi = self->n_days;
  if (utc < self->day_starts[0] || utc >= self->day_starts[self->n_days])
    return -1;
  while (hi - lo > 1)
    {
      guint mid = (lo + hi) / 2;

      if (utc >= self->day_starts[mid])
        lo = mid;
      else
        hi = mid;
    }
  return lo;
}

/**
 * nd_calendar_model_get_day_entries:
 * @n_entries: (out): how many
 *
 * Returns: (array length=n_entries) (transfer none): the entries of @day,
 *   by time
 */
const NdCalendarEntry *
nd_calendar_model_get_day_entries (NdCalendarModel *self,
                                   guint            day,
                                   guint           *n_entries)
{
  g_return_val_if_fail (self != NULL, NULL);
  g_return_val_if_fail (day < self->n_days, NULL);
  g_return_val_if_fail (n_entries != NULL, NULL);

  if (self->entries == NULL || self->entries->len == 0)
    {
      *n_entries = 0;
      return NULL;
    }
  *n_entries = self->day_first[day + 1] - self->day_first[day];
  return &g_array_index (self->entries, NdCalendarEntry, self->day_first[day]);
}

/**
 * nd_calendar_model_get_agenda:
 * @n_entries: (out): how many
 *
 * Returns: (array length=n_entries) (transfer none): every entry in the
 *   range, by time
 */
const NdCalendarEntry *
nd_calendar_model_get_agenda (NdCalendarModel *self,
                              guint           *n_entries)
{
  g_return_val_if_fail (self != NULL, NULL);
  g_return_val_if_fail (n_entries != NULL, NULL);

  if (self->entries == NULL || self->entries->len == 0)
    {
      *n_entries = 0;
      return NULL;
    }
  *n_entries = self->entries->len;
  return (const NdCalendarEntry *) (gpointer) self->entries->data;
}

/**
 * nd_calendar_model_find_entry:
 *
 * Returns: (transfer none) (nullable): the entry of @edition_id
 */
const NdCalendarEntry *
nd_calendar_model_find_entry (NdCalendarModel *self,
                              gint64           edition_id)
{
  g_return_val_if_fail (self != NULL, NULL);

  for (guint i = 0; self->entries != NULL && i < self->entries->len; i++)
    {
      const NdCalendarEntry *entry = &g_array_index (self->entries, NdCalendarEntry, i);

      if (entry->item->edition_id == edition_id)
        return entry;
    }
  return NULL;
}

/**
 * nd_calendar_model_move_to_day:
 * @utc: a time
 * @day: a day of the model
 *
 * What dropping an edition due at @utc on @day means: the same time of day,
 * in the publication's zone, on that day.
 *
 * Returns: the new time, UTC
 */
gint64
nd_calendar_model_move_to_day (NdCalendarModel *self,
                               gint64           utc,
                               guint            day)
{
  g_autoptr(GDateTime) then = NULL;
  g_autoptr(GDateTime) local = NULL;
  g_autoptr(GDateTime) moved = NULL;

  g_return_val_if_fail (self != NULL, utc);
  g_return_val_if_fail (day < self->n_days, utc);

  then = g_date_time_new_from_unix_utc (utc);
  local = g_date_time_to_timezone (then, self->zone);
  moved = g_date_time_new (self->zone,
                           g_date_time_get_year (self->days[day]),
                           g_date_time_get_month (self->days[day]),
                           g_date_time_get_day_of_month (self->days[day]),
                           g_date_time_get_hour (local),
                           g_date_time_get_minute (local),
                           g_date_time_get_second (local));
  return g_date_time_to_unix (moved);
}

/**
 * nd_calendar_shift:
 * @zone: the publication's time zone
 * @utc: a time
 * @days: calendar days to move by; the wall-clock time in @zone stays, so a
 *   DST change in between does not shift it by an hour
 * @minutes: minutes to move by, after the days
 *
 * Returns: the moved time, UTC
 */
gint64
nd_calendar_shift (GTimeZone *zone,
                   gint64     utc,
                   int        days,
                   int        minutes)
{
  g_autoptr(GDateTime) then = NULL;
  g_autoptr(GDateTime) local = NULL;
  g_autoptr(GDateTime) moved_days = NULL;
  g_autoptr(GDateTime) moved = NULL;

  g_return_val_if_fail (zone != NULL, utc);

  then = g_date_time_new_from_unix_utc (utc);
  local = g_date_time_to_timezone (then, zone);
  moved_days = g_date_time_add_days (local, days);
  moved = g_date_time_add_minutes (moved_days, minutes);
  return g_date_time_to_unix (moved);
}

/**
 * nd_calendar_language_color:
 * @lang: a language code
 *
 * The publication's three languages have fixed colours; any other code
 * gets one from its hash, so it is the same on every run.
 *
 * Returns: a colour index, 0 to 7, for the `lang-N` style classes
 */
guint
nd_calendar_language_color (const char *lang)
{
  g_return_val_if_fail (lang != NULL, 0);

  if (g_str_equal (lang, "ru"))
    return 0;
  if (g_str_equal (lang, "en"))
    return 1;
  if (g_str_equal (lang, "ar"))
    return 2;
  return 3 + g_str_hash (lang) % 5;
}
