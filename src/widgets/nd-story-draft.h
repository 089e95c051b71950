/* nd-story-draft.h
 *
 * SPDX-License-Identifier: GPL-3.0-or-later
 */

#pragma once

#include "nd-story-store.h"

G_BEGIN_DECLS

/**
 * NdStoryDraft:
 * @story: the story's own fields (section, source language…); its id
 *   lists are written from the arrays below when saving
 * @tags: (element-type NdTag): the story's tag concepts, in order; new
 *   ones have id 0 until saved
 * @contributors: (element-type NdContributor): the contributors, in order
 * @media: (nullable): the featured image
 * @related: (element-type NdStory): the related stories, as summaries
 *
 * A story's fields as the editor holds them between saves. Everything the
 * editor changed is marked dirty and written by nd_story_draft_save(),
 * which can run again after a failure and then writes only what is left.
 */
typedef struct
{
  NdStory    *story;
  GPtrArray  *tags;
  GPtrArray  *contributors;
  NdMedia    *media;
  GPtrArray  *related;

  /*< private >*/
  GHashTable *dirty;
  gboolean    story_dirty;
} NdStoryDraft;

NdStoryDraft *nd_story_draft_load        (NdStoryStore  *store,
                                          gint64         story_id,
                                          GError       **error);
void          nd_story_draft_free        (NdStoryDraft  *self);
void          nd_story_draft_changed     (NdStoryDraft  *self,
                                          gpointer       object);
gboolean      nd_story_draft_is_dirty    (NdStoryDraft  *self);
gboolean      nd_story_draft_save        (NdStoryDraft  *self,
                                          NdStoryStore  *store,
                                          GError       **error);

G_DEFINE_AUTOPTR_CLEANUP_FUNC (NdStoryDraft, nd_story_draft_free)

G_END_DECLS
