/* nd-edition-editor.h
 *
 * SPDX-License-Identifier: GPL-3.0-or-later
 */

#pragma once

#include <adwaita.h>

#include "nd-autosave.h"
#include "nd-story-store.h"
#include "nd-sync-engine.h"

G_BEGIN_DECLS

#define ND_TYPE_EDITION_EDITOR (nd_edition_editor_get_type ())

G_DECLARE_FINAL_TYPE (NdEditionEditor, nd_edition_editor, ND, EDITION_EDITOR, GtkWidget)

NdEditionEditor *nd_edition_editor_new                 (NdStoryStore    *store,
                                                        NdLanguage      *language);
NdLanguage      *nd_edition_editor_get_language        (NdEditionEditor *self);
void             nd_edition_editor_set_edition         (NdEditionEditor *self,
                                                        gint64           story_id,
                                                        NdEdition       *edition,
                                                        gboolean         unsaved);
NdEdition       *nd_edition_editor_get_edition         (NdEditionEditor *self);
gboolean         nd_edition_editor_has_edition         (NdEditionEditor *self);
void             nd_edition_editor_refresh             (NdEditionEditor *self);
gboolean         nd_edition_editor_save                (NdEditionEditor *self,
                                                        GError         **error);
gboolean         nd_edition_editor_has_unsaved_changes (NdEditionEditor *self);
gboolean         nd_edition_editor_is_saving           (NdEditionEditor *self);
NdEdition       *nd_edition_editor_take_unsaved        (NdEditionEditor *self);
NdSaveState      nd_edition_editor_get_save_state      (NdEditionEditor *self);
const GError    *nd_edition_editor_get_save_error      (NdEditionEditor *self);
void             nd_edition_editor_focus_headline      (NdEditionEditor *self);
GtkWidget       *nd_edition_editor_get_status_control  (NdEditionEditor *self);
void             nd_edition_editor_set_sync            (NdEditionEditor *self,
                                                        NdSyncEngine    *engine,
                                                        NdSyncStore     *sync_store);
GtkWidget       *nd_edition_editor_get_sync_row        (NdEditionEditor *self);
void             nd_edition_editor_set_autosave_delays (NdEditionEditor *self,
                                                        guint            delay_ms,
                                                        guint            retry_ms);

G_END_DECLS
