/* nd-preferences-window.h
 *
 * SPDX-License-Identifier: GPL-3.0-or-later
 */

#pragma once

#include <adwaita.h>

#include "nd-story-store.h"
#include "nd-sync-store.h"

G_BEGIN_DECLS

#define ND_TYPE_PREFERENCES_WINDOW (nd_preferences_window_get_type ())

G_DECLARE_FINAL_TYPE (NdPreferencesWindow, nd_preferences_window, ND, PREFERENCES_WINDOW, AdwPreferencesWindow)

NdPreferencesWindow *nd_preferences_window_new              (GtkWindow           *parent,
                                                             NdStoryStore        *stories,
                                                             NdSyncStore         *sync_store);
void                 nd_preferences_window_edit_site        (NdPreferencesWindow *self,
                                                             gint64               site_id);
void                 nd_preferences_window_test_connection  (NdPreferencesWindow *self);
void                 nd_preferences_window_save_site        (NdPreferencesWindow *self);
AdwMessageDialog    *nd_preferences_window_remove_site      (NdPreferencesWindow *self,
                                                             gint64               site_id);
const char          *nd_preferences_window_get_approval_url (NdPreferencesWindow *self);
gboolean             nd_preferences_window_get_busy         (NdPreferencesWindow *self);
const char          *nd_preferences_window_get_result       (NdPreferencesWindow *self);

char                *nd_preferences_describe_remote_error   (const GError        *error);

G_END_DECLS
