/* nd-schedule-dialog.h
 *
 * SPDX-License-Identifier: GPL-3.0-or-later
 */

#pragma once

#include <adwaita.h>

#include "nd-story-store.h"

G_BEGIN_DECLS

#define ND_TYPE_SCHEDULE_DIALOG (nd_schedule_dialog_get_type ())

G_DECLARE_FINAL_TYPE (NdScheduleDialog, nd_schedule_dialog, ND, SCHEDULE_DIALOG, AdwWindow)

NdScheduleDialog *nd_schedule_dialog_new          (NdStoryStore     *store,
                                                   gint64            story_id);
void              nd_schedule_dialog_set_base     (NdScheduleDialog *self,
                                                   gint64            base_utc);
gint64            nd_schedule_dialog_get_base     (NdScheduleDialog *self);
void              nd_schedule_dialog_set_offset   (NdScheduleDialog *self,
                                                   const char       *lang,
                                                   gboolean          included,
                                                   int               minutes);
char             *nd_schedule_dialog_get_preview  (NdScheduleDialog *self,
                                                   const char       *lang);
gboolean          nd_schedule_dialog_apply        (NdScheduleDialog *self,
                                                   gboolean          confirmed);
const char       *nd_schedule_dialog_get_message  (NdScheduleDialog *self);

G_END_DECLS
