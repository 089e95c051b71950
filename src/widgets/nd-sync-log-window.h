/* nd-sync-log-window.h
 *
 * SPDX-License-Identifier: GPL-3.0-or-later
 */

#pragma once

#include <adwaita.h>

#include "nd-story-store.h"
#include "nd-sync-store.h"

G_BEGIN_DECLS

#define ND_TYPE_SYNC_LOG_WINDOW (nd_sync_log_window_get_type ())

G_DECLARE_FINAL_TYPE (NdSyncLogWindow, nd_sync_log_window, ND, SYNC_LOG_WINDOW, AdwWindow)

NdSyncLogWindow *nd_sync_log_window_new             (GtkWindow       *parent,
                                                     NdStoryStore    *stories,
                                                     NdSyncStore     *sync_store);
guint            nd_sync_log_window_get_n_entries   (NdSyncLogWindow *self);
char            *nd_sync_log_window_describe_entry  (NdSyncLogWindow *self,
                                                     guint            position);

G_END_DECLS
