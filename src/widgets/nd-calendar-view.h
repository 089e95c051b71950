/* nd-calendar-view.h
 *
 * SPDX-License-Identifier: GPL-3.0-or-later
 */

#pragma once

#include <gtk/gtk.h>

#include "nd-calendar-model.h"
#include "nd-story-store.h"

G_BEGIN_DECLS

/**
 * NdCalendarView:
 *
 * The editorial calendar: week, month and agenda pages of the scheduled and
 * published editions, in the publication's time zone (the store's
 * "time-zone" setting), with a view switcher, previous/today/next buttons
 * and rescheduling by keyboard (Alt+arrows) and drag and drop.
 *
 * To embed it, create it on the window's store and open what it activates:
 *
 * |[<!-- language="C" -->
 * GtkWidget *calendar = nd_calendar_view_new (store);
 *
 * g_signal_connect_object (calendar, "story-activated",
 *                          G_CALLBACK (on_calendar_story_activated_cb),
 *                          window, 0);
 * adw_view_stack_add_titled (stack, calendar, "calendar", calendar_title);
 * ]|
 *
 * where the callback is `void (NdCalendarView *view, gint64 story_id,
 * const char *lang, gpointer user_data)`. The view reads the schedule with
 * nd_story_store_list_scheduled_async(), off the main thread (see
 * #NdCalendarView:loading), moves editions with
 * nd_story_store_schedule_edition(), and reloads on the store's
 * story-added, story-changed, story-removed and reset signals; it has no
 * header bar of its own and no global state. Its CSS comes from
 * nd-calendar.css in the resource, loaded on realize.
 */

#define ND_TYPE_CALENDAR_VIEW (nd_calendar_view_get_type ())

G_DECLARE_FINAL_TYPE (NdCalendarView, nd_calendar_view, ND, CALENDAR_VIEW, GtkWidget)

GtkWidget       *nd_calendar_view_new                  (NdStoryStore             *store);
NdStoryStore    *nd_calendar_view_get_store            (NdCalendarView           *self);
const char      *nd_calendar_view_get_page             (NdCalendarView           *self);
void             nd_calendar_view_set_page             (NdCalendarView           *self,
                                                        const char               *page);
void             nd_calendar_view_set_date             (NdCalendarView           *self,
                                                        int                       year,
                                                        int                       month,
                                                        int                       day);
void             nd_calendar_view_set_now              (NdCalendarView           *self,
                                                        gint64                    now_utc);
void             nd_calendar_view_reload               (NdCalendarView           *self);
gboolean         nd_calendar_view_is_loading           (NdCalendarView           *self);
NdCalendarModel *nd_calendar_view_get_model            (NdCalendarView           *self);
gboolean         nd_calendar_view_select_edition       (NdCalendarView           *self,
                                                        gint64                    edition_id);
gint64           nd_calendar_view_get_selected_edition (NdCalendarView           *self);
const char      *nd_calendar_view_get_message          (NdCalendarView           *self);

G_END_DECLS
