/* nd-story-list.h
 *
 * SPDX-License-Identifier: GPL-3.0-or-later
 */

#pragma once

#include "nd-story-store.h"

G_BEGIN_DECLS

#define ND_TYPE_STORY_LIST (nd_story_list_get_type ())

G_DECLARE_FINAL_TYPE (NdStoryList, nd_story_list, ND, STORY_LIST, GObject)

NdStoryList  *nd_story_list_new        (NdStoryStore        *store,
                                        const NdStoryFilter *filter);
NdStoryStore *nd_story_list_get_store  (NdStoryList         *self);
void          nd_story_list_set_filter (NdStoryList         *self,
                                        const NdStoryFilter *filter);
gboolean      nd_story_list_reload     (NdStoryList         *self,
                                        GError             **error);
guint         nd_story_list_find       (NdStoryList         *self,
                                        gint64               story_id);

G_END_DECLS
