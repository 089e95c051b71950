/* nd-sync-fields.h
 *
 * SPDX-License-Identifier: GPL-3.0-or-later
 */

#pragma once

#include <glib.h>

#include "nd-edition-status.h"

G_BEGIN_DECLS

/**
 * NdSyncField:
 *
 * The parts of an edition that travel to and from its post, each merged on
 * its own.
 */
typedef enum
{
  ND_SYNC_FIELD_HEADLINE,
  ND_SYNC_FIELD_STANDFIRST,
  ND_SYNC_FIELD_DATELINE,
  ND_SYNC_FIELD_BODY,
  ND_SYNC_FIELD_SLUG,
  ND_SYNC_FIELD_STATUS,
  ND_SYNC_FIELD_DATE,
  ND_SYNC_FIELD_TAGS,
  ND_SYNC_FIELD_SECTION,
  ND_SYNC_N_FIELDS,
} NdSyncField;

/**
 * NdSyncFields:
 * @headline: the title
 * @standfirst: the excerpt
 * @dateline: the dateline city as the editor typed it
 * @body: CommonMark
 * @slug: the post's slug ("" lets WordPress make one)
 * @status: the WordPress status (draft, pending, future, publish, private,
 *   trash)
 * @date_gmt: the publish time, seconds UTC, or 0 for none
 * @tags: the story's tag concepts, local ids, sorted
 * @section: the story's section, local id, or 0
 *
 * One side of a three-way merge: what was last agreed with the server (the
 * base), what the editor has now (mine), what the server has now (theirs).
 */
typedef struct
{
  char   *headline;
  char   *standfirst;
  char   *dateline;
  char   *body;
  char   *slug;
  char   *status;
  gint64  date_gmt;
  GArray *tags;
  gint64  section;
} NdSyncFields;

NdSyncFields *nd_sync_fields_new          (void);
NdSyncFields *nd_sync_fields_copy         (const NdSyncFields *fields);
void          nd_sync_fields_free         (NdSyncFields       *fields);
G_DEFINE_AUTOPTR_CLEANUP_FUNC (NdSyncFields, nd_sync_fields_free)

void          nd_sync_fields_set_tags     (NdSyncFields       *fields,
                                           const gint64       *ids,
                                           guint               n_ids);
gboolean      nd_sync_fields_equal        (const NdSyncFields *a,
                                           const NdSyncFields *b,
                                           NdSyncField         field);
char         *nd_sync_fields_get_text     (const NdSyncFields *fields,
                                           NdSyncField         field);
gboolean      nd_sync_fields_set_text     (NdSyncFields       *fields,
                                           NdSyncField         field,
                                           const char         *text);
char         *nd_sync_fields_to_json      (const NdSyncFields *fields);
NdSyncFields *nd_sync_fields_from_json    (const char         *json,
                                           GError            **error);
const char   *nd_sync_field_to_string     (NdSyncField         field);
gboolean      nd_sync_field_from_string   (const char         *name,
                                           NdSyncField        *field);

const char   *nd_sync_status_to_wordpress   (NdEditionStatus    status);
NdEditionStatus nd_sync_status_from_wordpress (const char       *wp_status,
                                               NdEditionStatus   current);

G_END_DECLS
