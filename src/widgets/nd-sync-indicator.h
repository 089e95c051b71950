/* nd-sync-indicator.h
 *
 * SPDX-License-Identifier: GPL-3.0-or-later
 */

#pragma once

#include <gtk/gtk.h>

#include "nd-story-store.h"
#include "nd-sync-engine.h"
#include "nd-sync-store.h"

G_BEGIN_DECLS

#define ND_TYPE_SYNC_INDICATOR (nd_sync_indicator_get_type ())

G_DECLARE_FINAL_TYPE (NdSyncIndicator, nd_sync_indicator, ND, SYNC_INDICATOR, GtkWidget)

GtkWidget   *nd_sync_indicator_new                 (NdSyncEngine    *engine,
                                                    NdStoryStore    *stories,
                                                    NdSyncStore     *sync_store);
void         nd_sync_indicator_set_engine          (NdSyncIndicator *self,
                                                    NdSyncEngine    *engine);
NdSyncState  nd_sync_indicator_get_state           (NdSyncIndicator *self);
void         nd_sync_indicator_set_state           (NdSyncIndicator *self,
                                                    NdSyncState      state);
const char  *nd_sync_indicator_get_label           (NdSyncIndicator *self);
char        *nd_sync_indicator_describe_synced_at  (gint64           synced_at,
                                                    gint64           now);
void         nd_sync_indicator_show_log            (NdSyncIndicator *self);

G_END_DECLS
