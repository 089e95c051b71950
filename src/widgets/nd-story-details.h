/* nd-story-details.h
 *
 * SPDX-License-Identifier: GPL-3.0-or-later
 */

#pragma once

#include <adwaita.h>

#include "nd-story-draft.h"

G_BEGIN_DECLS

#define ND_TYPE_STORY_DETAILS (nd_story_details_get_type ())

G_DECLARE_FINAL_TYPE (NdStoryDetails, nd_story_details, ND, STORY_DETAILS, GtkWidget)

NdStoryDetails *nd_story_details_new       (NdStoryStore   *store);
void            nd_story_details_set_draft (NdStoryDetails *self,
                                            NdStoryDraft   *draft);
void            nd_story_details_set_lang  (NdStoryDetails *self,
                                            const char     *lang);

G_END_DECLS
