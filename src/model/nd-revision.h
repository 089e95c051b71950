/* nd-revision.h
 *
 * SPDX-License-Identifier: GPL-3.0-or-later
 */

#pragma once

#include <glib-object.h>

G_BEGIN_DECLS

#define ND_TYPE_REVISION (nd_revision_get_type ())

G_DECLARE_FINAL_TYPE (NdRevision, nd_revision, ND, REVISION, GObject)

NdRevision *nd_revision_new (void);
gint64 nd_revision_get_id (NdRevision *self);
void nd_revision_set_id (NdRevision *self, gint64 id);
gint64 nd_revision_get_edition_id (NdRevision *self);
void nd_revision_set_edition_id (NdRevision *self, gint64 edition_id);
gint64 nd_revision_get_revision (NdRevision *self);
void nd_revision_set_revision (NdRevision *self, gint64 revision);
gint64 nd_revision_get_created_at (NdRevision *self);
void nd_revision_set_created_at (NdRevision *self, gint64 created_at);
gint64 nd_revision_get_saved_at (NdRevision *self);
void nd_revision_set_saved_at (NdRevision *self, gint64 saved_at);
const char * nd_revision_get_headline (NdRevision *self);
void nd_revision_set_headline (NdRevision *self, const char *headline);
const char * nd_revision_get_standfirst (NdRevision *self);
void nd_revision_set_standfirst (NdRevision *self, const char *standfirst);
const char * nd_revision_get_dateline_city (NdRevision *self);
void nd_revision_set_dateline_city (NdRevision *self, const char *dateline_city);
const char * nd_revision_get_body (NdRevision *self);
void nd_revision_set_body (NdRevision *self, const char *body);
int nd_revision_get_word_count (NdRevision *self);
void nd_revision_set_word_count (NdRevision *self, int word_count);
gboolean nd_revision_get_pinned (NdRevision *self);
void nd_revision_set_pinned (NdRevision *self, gboolean pinned);

G_END_DECLS
