/* nd-translation-view.h
 *
 * SPDX-License-Identifier: GPL-3.0-or-later
 */

#pragma once

#include <adwaita.h>

#include "nd-story-store.h"

G_BEGIN_DECLS

#define ND_TYPE_TRANSLATION_VIEW (nd_translation_view_get_type ())

G_DECLARE_FINAL_TYPE (NdTranslationView, nd_translation_view, ND, TRANSLATION_VIEW, GtkWidget)

NdTranslationView *nd_translation_view_new                 (NdStoryStore      *store);
NdStoryStore      *nd_translation_view_get_store           (NdTranslationView *self);
void               nd_translation_view_set_edition         (NdTranslationView *self,
                                                            gint64             story_id,
                                                            const char        *target_lang);
gint64             nd_translation_view_get_story_id        (NdTranslationView *self);
const char        *nd_translation_view_get_target_lang     (NdTranslationView *self);
gboolean           nd_translation_view_get_stale           (NdTranslationView *self);
gboolean           nd_translation_view_get_show_changes    (NdTranslationView *self);
void               nd_translation_view_set_show_changes    (NdTranslationView *self,
                                                            gboolean           show_changes);
gboolean           nd_translation_view_mark_up_to_date     (NdTranslationView *self,
                                                            GError           **error);
gboolean           nd_translation_view_save                (NdTranslationView *self,
                                                            GError           **error);
gboolean           nd_translation_view_has_unsaved_changes (NdTranslationView *self);
void               nd_translation_view_set_autosave_delays (NdTranslationView *self,
                                                            guint              delay_ms,
                                                            guint              retry_ms);

G_END_DECLS
