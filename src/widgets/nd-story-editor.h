/* nd-story-editor.h
 *
 * SPDX-License-Identifier: GPL-3.0-or-later
 */

#pragma once

#include <adwaita.h>

#include "nd-autosave.h"
#include "nd-edition-editor.h"
#include "nd-story-store.h"
#include "nd-sync-engine.h"

G_BEGIN_DECLS

#define ND_TYPE_STORY_EDITOR (nd_story_editor_get_type ())

G_DECLARE_FINAL_TYPE (NdStoryEditor, nd_story_editor, ND, STORY_EDITOR, GtkWidget)

NdStoryEditor   *nd_story_editor_new                 (NdStoryStore  *store);
NdStoryStore    *nd_story_editor_get_store           (NdStoryEditor *self);
void             nd_story_editor_set_sync            (NdStoryEditor *self,
                                                      NdSyncEngine  *engine,
                                                      NdSyncStore   *sync_store);
void             nd_story_editor_set_story           (NdStoryEditor *self,
                                                      gint64         story_id);
gint64           nd_story_editor_get_story_id        (NdStoryEditor *self);
const char      *nd_story_editor_get_lang            (NdStoryEditor *self);
void             nd_story_editor_set_lang            (NdStoryEditor *self,
                                                      const char    *lang);
gboolean         nd_story_editor_save_now            (NdStoryEditor *self,
                                                      GError       **error);
gboolean         nd_story_editor_has_unsaved_changes (NdStoryEditor *self);
NdSaveState      nd_story_editor_get_save_state      (NdStoryEditor *self);
const char      *nd_story_editor_get_save_error      (NdStoryEditor *self);
void             nd_story_editor_reload              (NdStoryEditor *self);
void             nd_story_editor_focus_headline      (NdStoryEditor *self);
NdEditionEditor *nd_story_editor_get_edition_editor  (NdStoryEditor *self,
                                                      const char    *lang);
void             nd_story_editor_set_autosave_delays (NdStoryEditor *self,
                                                      guint          delay_ms,
                                                      guint          retry_ms);

G_END_DECLS
