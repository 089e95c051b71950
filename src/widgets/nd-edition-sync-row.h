/* nd-edition-sync-row.h
 *
 * SPDX-License-Identifier: GPL-3.0-or-later
 */

#pragma once

#include <gtk/gtk.h>

#include "nd-story-store.h"
#include "nd-sync-engine.h"
#include "nd-sync-store.h"

G_BEGIN_DECLS

#define ND_TYPE_EDITION_SYNC_ROW (nd_edition_sync_row_get_type ())

G_DECLARE_FINAL_TYPE (NdEditionSyncRow, nd_edition_sync_row, ND, EDITION_SYNC_ROW, GtkWidget)

GtkWidget          *nd_edition_sync_row_new         (NdStoryStore     *stories);
void                nd_edition_sync_row_set_sync    (NdEditionSyncRow *self,
                                                     NdSyncEngine     *engine,
                                                     NdSyncStore      *sync_store);
void                nd_edition_sync_row_set_edition (NdEditionSyncRow *self,
                                                     NdEdition        *edition);
void                nd_edition_sync_row_update      (NdEditionSyncRow *self);
NdEditionSyncState  nd_edition_sync_row_get_state   (NdEditionSyncRow *self);
const char         *nd_edition_sync_row_get_title   (NdEditionSyncRow *self);
const char         *nd_edition_sync_row_get_detail  (NdEditionSyncRow *self);
const char         *nd_edition_sync_row_get_link    (NdEditionSyncRow *self);
const char         *nd_edition_sync_row_get_summary (NdEditionSyncRow *self);
gboolean            nd_edition_sync_row_is_sending  (NdEditionSyncRow *self);
gboolean            nd_edition_sync_row_can_resolve (NdEditionSyncRow *self);

G_END_DECLS
