/* nd-schedule-popover.h
 *
 * SPDX-License-Identifier: GPL-3.0-or-later
 */

#pragma once

#include <gtk/gtk.h>

#include "nd-story-store.h"

G_BEGIN_DECLS

/**
 * NdScheduleSummary:
 * @utc: the instant chosen, seconds UTC; 0 for a date that does not exist
 * @resolution: how the wall-clock time was read in the publication's zone
 * @publication_text: the instant in the publication's zone, as in
 *   "Tue 1 Dec 2026, 14:00 MSK"
 * @local_text: the same instant in the editor's own zone
 * @note: (nullable): why the time shown differs from the time typed (a DST
 *   gap) or which of two instants was taken (a DST overlap)
 *
 * What the schedule popover shows for a wall-clock time typed in the
 * publication's zone: a pure function of the zones and the fields, so it is
 * tested without a display.
 */
typedef struct
{
  gint64                utc;
  NdWallTimeResolution  resolution;
  char                 *publication_text;
  char                 *local_text;
  char                 *note;
} NdScheduleSummary;

void         nd_schedule_summarize          (GTimeZone         *publication_zone,
                                             GTimeZone         *local_zone,
                                             int                year,
                                             int                month,
                                             int                day,
                                             int                hour,
                                             int                minute,
                                             NdScheduleSummary *summary);
void         nd_schedule_summary_clear      (NdScheduleSummary *summary);
char        *nd_schedule_format_instant     (GTimeZone         *zone,
                                             gint64             utc);
const char  *nd_schedule_zone_display_name  (GTimeZone         *zone);
char        *nd_schedule_author             (void);

#define ND_TYPE_SCHEDULE_POPOVER (nd_schedule_popover_get_type ())

G_DECLARE_FINAL_TYPE (NdSchedulePopover, nd_schedule_popover, ND, SCHEDULE_POPOVER, GtkPopover)

GtkWidget   *nd_schedule_popover_new           (NdStoryStore      *store);
void         nd_schedule_popover_set_time      (NdSchedulePopover *self,
                                                gint64             utc);
gint64       nd_schedule_popover_get_time      (NdSchedulePopover *self);
void         nd_schedule_popover_set_scheduled (NdSchedulePopover *self,
                                                gboolean           scheduled);
void         nd_schedule_popover_set_message   (NdSchedulePopover *self,
                                                const char        *message);
const char  *nd_schedule_popover_get_message   (NdSchedulePopover *self);
void         nd_schedule_popover_set_now       (NdSchedulePopover *self,
                                                gint64             now_utc);

G_END_DECLS
