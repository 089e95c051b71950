/* nd-story.h
 *
 * SPDX-License-Identifier: GPL-3.0-or-later
 */

#pragma once

#include <glib-object.h>
#include "nd-edition.h"

G_BEGIN_DECLS

#define ND_TYPE_STORY (nd_story_get_type ())

G_DECLARE_FINAL_TYPE (NdStory, nd_story, ND, STORY, GObject)

NdStory *nd_story_new (void);
gint64 nd_story_get_id (NdStory *self);
void nd_story_set_id (NdStory *self, gint64 id);
const char * nd_story_get_uuid (NdStory *self);
void nd_story_set_uuid (NdStory *self, const char *uuid);
gint64 nd_story_get_section_id (NdStory *self);
void nd_story_set_section_id (NdStory *self, gint64 section_id);
const char * nd_story_get_source_lang (NdStory *self);
void nd_story_set_source_lang (NdStory *self, const char *source_lang);
gint64 nd_story_get_featured_media_id (NdStory *self);
void nd_story_set_featured_media_id (NdStory *self, gint64 featured_media_id);
gint64 nd_story_get_created_at (NdStory *self);
void nd_story_set_created_at (NdStory *self, gint64 created_at);
gint64 nd_story_get_updated_at (NdStory *self);
void nd_story_set_updated_at (NdStory *self, gint64 updated_at);
gint64 nd_story_get_trashed_at (NdStory *self);
void nd_story_set_trashed_at (NdStory *self, gint64 trashed_at);

GArray     *nd_story_get_tag_ids         (NdStory    *self);
GArray     *nd_story_get_contributor_ids (NdStory    *self);
GArray     *nd_story_get_related_ids     (NdStory    *self);
void        nd_story_set_tag_ids         (NdStory      *self,
                                          const gint64 *ids,
                                          guint         n_ids);
void        nd_story_set_contributor_ids (NdStory      *self,
                                          const gint64 *ids,
                                          guint         n_ids);
void        nd_story_set_related_ids     (NdStory      *self,
                                          const gint64 *ids,
                                          guint         n_ids);
GPtrArray  *nd_story_get_editions        (NdStory    *self);
NdEdition  *nd_story_get_edition         (NdStory    *self,
                                          const char *lang);
void        nd_story_add_edition         (NdStory    *self,
                                          NdEdition  *edition);
NdEdition  *nd_story_get_source_edition  (NdStory    *self);
const char *nd_story_get_headline        (NdStory            *self,
                                          const char * const *preferred_langs);
void        nd_story_update_from         (NdStory    *self,
                                          NdStory    *other);
gboolean    nd_story_is_stale            (NdStory    *self,
                                          const char *lang);

G_END_DECLS
