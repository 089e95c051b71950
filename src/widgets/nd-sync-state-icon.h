/* nd-sync-state-icon.h
 *
 * SPDX-License-Identifier: GPL-3.0-or-later
 */

#pragma once

#include <gtk/gtk.h>

#include "nd-sync-store.h"

G_BEGIN_DECLS

#define ND_TYPE_SYNC_STATE_ICON (nd_sync_state_icon_get_type ())

G_DECLARE_FINAL_TYPE (NdSyncStateIcon, nd_sync_state_icon, ND, SYNC_STATE_ICON, GtkWidget)

const char          *nd_edition_sync_state_get_icon_name (NdEditionSyncState  state);
const char          *nd_edition_sync_state_get_label     (NdEditionSyncState  state);
const char          *nd_edition_sync_state_get_css_class (NdEditionSyncState  state);

GtkWidget           *nd_sync_state_icon_new              (void);
NdEditionSyncState   nd_sync_state_icon_get_state        (NdSyncStateIcon    *self);
void                 nd_sync_state_icon_set_state        (NdSyncStateIcon    *self,
                                                          NdEditionSyncState  state);
const char          *nd_sync_state_icon_get_detail       (NdSyncStateIcon    *self);
void                 nd_sync_state_icon_set_detail       (NdSyncStateIcon    *self,
                                                          const char         *detail);
const char          *nd_sync_state_icon_get_label        (NdSyncStateIcon    *self);

G_END_DECLS
