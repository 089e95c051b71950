/* nd-edition.h
 *
 * SPDX-License-Identifier: GPL-3.0-or-later
 */

#pragma once

#include <glib-object.h>
#include "nd-edition-status.h"

G_BEGIN_DECLS

#define ND_TYPE_EDITION (nd_edition_get_type ())

G_DECLARE_FINAL_TYPE (NdEdition, nd_edition, ND, EDITION, GObject)

NdEdition *nd_edition_new (void);
gint64 nd_edition_get_id (NdEdition *self);
void nd_edition_set_id (NdEdition *self, gint64 id);
gint64 nd_edition_get_story_id (NdEdition *self);
void nd_edition_set_story_id (NdEdition *self, gint64 story_id);
const char * nd_edition_get_lang (NdEdition *self);
void nd_edition_set_lang (NdEdition *self, const char *lang);
const char * nd_edition_get_headline (NdEdition *self);
void nd_edition_set_headline (NdEdition *self, const char *headline);
const char * nd_edition_get_standfirst (NdEdition *self);
void nd_edition_set_standfirst (NdEdition *self, const char *standfirst);
const char * nd_edition_get_dateline_city (NdEdition *self);
void nd_edition_set_dateline_city (NdEdition *self, const char *dateline_city);
const char * nd_edition_get_body (NdEdition *self);
void nd_edition_set_body (NdEdition *self, const char *body);
const char * nd_edition_get_slug (NdEdition *self);
void nd_edition_set_slug (NdEdition *self, const char *slug);
NdEditionStatus nd_edition_get_status (NdEdition *self);
void nd_edition_set_status (NdEdition *self, NdEditionStatus status);
gint64 nd_edition_get_publish_at (NdEdition *self);
void nd_edition_set_publish_at (NdEdition *self, gint64 publish_at);
const char * nd_edition_get_translator (NdEdition *self);
void nd_edition_set_translator (NdEdition *self, const char *translator);
gint64 nd_edition_get_revision (NdEdition *self);
void nd_edition_set_revision (NdEdition *self, gint64 revision);
gint64 nd_edition_get_source_revision (NdEdition *self);
void nd_edition_set_source_revision (NdEdition *self, gint64 source_revision);
int nd_edition_get_word_count (NdEdition *self);
void nd_edition_set_word_count (NdEdition *self, int word_count);
gint64 nd_edition_get_updated_at (NdEdition *self);
void nd_edition_set_updated_at (NdEdition *self, gint64 updated_at);

gboolean nd_edition_is_stale (NdEdition *self,
                              NdEdition *source);
gboolean nd_edition_has_text (NdEdition *self);
gboolean nd_edition_same_text (NdEdition *self,
                               NdEdition *other);
NdEdition *nd_edition_copy (NdEdition *self);

G_END_DECLS
