/* nd-story-list-row.h
 *
 * SPDX-License-Identifier: GPL-3.0-or-later
 */

#pragma once

#include <gtk/gtk.h>

#include "nd-story-store.h"
#include "nd-sync-store.h"

G_BEGIN_DECLS

#define ND_TYPE_STORY_LIST_ROW (nd_story_list_row_get_type ())

G_DECLARE_FINAL_TYPE (NdStoryListRow, nd_story_list_row, ND, STORY_LIST_ROW, GtkWidget)

NdStoryListRow *nd_story_list_row_new       (NdStoryStore   *store);
void            nd_story_list_row_set_sync_store (NdStoryListRow *self,
                                                  NdSyncStore    *sync_store);
void            nd_story_list_row_set_story (NdStoryListRow *self,
                                             NdStory        *story);
void            nd_story_list_row_set_snippet (NdStoryListRow *self,
                                               const char     *markup,
                                               const char     *lang);

G_END_DECLS
