/* nd-merge.h
 *
 * SPDX-License-Identifier: GPL-3.0-or-later
 */

#pragma once

#include <glib.h>

#include "nd-sync-fields.h"

G_BEGIN_DECLS

/**
 * NdSyncFieldMask:
 *
 * A set of #NdSyncField, one bit `1 << field` each (ND_SYNC_FIELD_MASK()):
 * which fields differ, which to write or send.
 */
typedef guint NdSyncFieldMask;

#define ND_SYNC_FIELD_MASK(field) (1u << (field))
#define ND_SYNC_FIELD_MASK_ALL    ((1u << ND_SYNC_N_FIELDS) - 1)

/**
 * NdMergeConflict:
 * @field: the field both sides changed differently
 * @paragraph: for the body, the index of the block in the merged body where
 *   the local version stands (or, when it was deleted here, where it would
 *   stand); -1 for the other fields and for a whole-body conflict (when
 *   there is no base)
 * @base: (nullable): the base value, %NULL when there was no base; for a
 *   body hunk the base paragraphs, "" for an insertion
 * @mine: the local value (for a body hunk, "" when deleted here)
 * @theirs: the server's value (for a body hunk, "" when deleted there)
 *
 * One conflict found by a merge. Values are in the text form of
 * nd_sync_fields_get_text(); body hunks hold whole paragraphs joined by a
 * blank line. It maps one to one onto nd_sync_store_add_conflict().
 */
typedef struct
{
  NdSyncField  field;
  int          paragraph;
  char        *base;
  char        *mine;
  char        *theirs;
} NdMergeConflict;

NdMergeConflict *nd_merge_conflict_new  (NdSyncField      field,
                                         int              paragraph,
                                         const char      *base,
                                         const char      *mine,
                                         const char      *theirs);
void             nd_merge_conflict_free (NdMergeConflict *conflict);
G_DEFINE_AUTOPTR_CLEANUP_FUNC (NdMergeConflict, nd_merge_conflict_free)

/**
 * NdMergeResult:
 * @merged: the merged fields; where a conflict was found they hold the local
 *   value (for the body, the local paragraphs at the hunk)
 * @conflicts: (element-type NdMergeConflict): the conflicts, in field order,
 *   body hunks in paragraph order
 * @changed_here: the fields where @merged differs from mine: what to write
 *   into the edition
 * @changed_there: the fields where @merged differs from theirs: what to send
 *
 * What nd_merge_fields() made of three versions.
 */
typedef struct
{
  NdSyncFields    *merged;
  GPtrArray       *conflicts;
  NdSyncFieldMask  changed_here;
  NdSyncFieldMask  changed_there;
} NdMergeResult;

void nd_merge_result_free (NdMergeResult *result);
G_DEFINE_AUTOPTR_CLEANUP_FUNC (NdMergeResult, nd_merge_result_free)

/*
 * nd_merge_fields() merges three versions of an edition field by field:
 * mine == base takes theirs, theirs == base keeps mine, equal sides keep
 * either, anything else is a conflict that keeps mine. Tags merge as sets
 * (additions of both sides kept, removals of either side applied) and
 * never conflict. The body merges paragraph by paragraph (nd_merge_body()).
 * With no base (a first sync) every field that differs is a conflict, the
 * body as a whole; tags are then the union of both sides.
 */
NdMergeResult   *nd_merge_fields        (const NdSyncFields *base,
                                         const NdSyncFields *mine,
                                         const NdSyncFields *theirs);
char            *nd_merge_body          (const char         *base,
                                         const char         *mine,
                                         const char         *theirs,
                                         GPtrArray          *conflicts);
NdSyncFieldMask  nd_merge_diff          (const NdSyncFields *a,
                                         const NdSyncFields *b);

G_END_DECLS
