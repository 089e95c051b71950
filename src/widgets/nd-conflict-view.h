/* nd-conflict-view.h
 *
 * SPDX-License-Identifier: GPL-3.0-or-later
 */

#pragma once

#include <gtk/gtk.h>

#include "nd-story-store.h"
#include "nd-sync-engine.h"
#include "nd-sync-store.h"

G_BEGIN_DECLS

#define ND_TYPE_CONFLICT_VIEW (nd_conflict_view_get_type ())

G_DECLARE_FINAL_TYPE (NdConflictView, nd_conflict_view, ND, CONFLICT_VIEW, GtkWidget)

GtkWidget  *nd_conflict_view_new              (NdSyncEngine   *engine,
                                               NdStoryStore   *stories,
                                               NdSyncStore    *sync_store);
void        nd_conflict_view_set_edition      (NdConflictView *self,
                                               gint64          edition_id);
gint64      nd_conflict_view_get_edition      (NdConflictView *self);
guint       nd_conflict_view_get_n_conflicts  (NdConflictView *self);
gboolean    nd_conflict_view_resolve          (NdConflictView *self,
                                               gint64          conflict_id,
                                               NdConflictChoice choice,
                                               const char     *edited,
                                               GError        **error);
GtkWindow  *nd_conflict_view_present          (GtkWindow      *parent,
                                               NdSyncEngine   *engine,
                                               NdStoryStore   *stories,
                                               NdSyncStore    *sync_store,
                                               gint64          edition_id);
char       *nd_conflict_view_describe_field   (const char     *field,
                                               int             paragraph);

G_END_DECLS
