/* nd-preview.h
 *
 * SPDX-License-Identifier: GPL-3.0-or-later
 */

#pragma once

#include <gtk/gtk.h>

#include "nd-story-store.h"

G_BEGIN_DECLS

#define ND_TYPE_PREVIEW (nd_preview_get_type ())

G_DECLARE_FINAL_TYPE (NdPreview, nd_preview, ND, PREVIEW, GtkWidget)

NdPreview  *nd_preview_new          (NdStoryStore *store);
void        nd_preview_set_edition  (NdPreview    *self,
                                     gint64        story_id,
                                     const char   *lang);
gint64      nd_preview_get_story_id (NdPreview    *self);
const char *nd_preview_get_lang     (NdPreview    *self);

G_END_DECLS
