/* nd-diff.h
 *
 * SPDX-License-Identifier: GPL-3.0-or-later
 */

#pragma once

#include <glib.h>

G_BEGIN_DECLS

/**
 * NdDiffKind:
 * @ND_DIFF_EQUAL: text in both versions
 * @ND_DIFF_INSERT: text only in the new version
 * @ND_DIFF_DELETE: text only in the old version
 */
typedef enum
{
  ND_DIFF_EQUAL,
  ND_DIFF_INSERT,
  ND_DIFF_DELETE,
} NdDiffKind;

/**
 * NdDiffOp:
 * @kind: what happened to @text
 * @text: a run of whole words, white space and punctuation
 *
 * One step of a word diff. The %ND_DIFF_EQUAL and %ND_DIFF_DELETE texts of
 * a diff put together give the old version, the %ND_DIFF_EQUAL and
 * %ND_DIFF_INSERT texts the new one.
 */
typedef struct
{
  NdDiffKind  kind;
  char       *text;
} NdDiffOp;

/**
 * NdBlockChange:
 * @ND_BLOCK_UNCHANGED: the block is in both versions, white space aside
 * @ND_BLOCK_CHANGED: the block was edited
 * @ND_BLOCK_NEW: the block is only in the new version
 * @ND_BLOCK_REMOVED: the block is only in the old version
 */
typedef enum
{
  ND_BLOCK_UNCHANGED,
  ND_BLOCK_CHANGED,
  ND_BLOCK_NEW,
  ND_BLOCK_REMOVED,
} NdBlockChange;

/**
 * NdBlockDiff:
 * @change: what happened to the block
 * @old_index: the block in the old version, or -1 for a new block
 * @new_index: the block in the new version, or -1 for a removed block
 *
 * One step of a diff of two versions' blocks.
 */
typedef struct
{
  NdBlockChange change;
  int           old_index;
  int           new_index;
} NdBlockDiff;

/**
 * NdTranslationRow:
 * @source: a block of the current source, or -1
 * @target: a block of the translation, or -1
 * @old_source: the block of the source as it was translated that @source
 *   comes from, or that was removed since, or -1
 * @change: what happened to the source block since it was translated
 *
 * One row of a translator's side-by-side view.
 */
typedef struct
{
  int           source;
  int           target;
  int           old_source;
  NdBlockChange change;
} NdTranslationRow;

NdDiffOp  *nd_diff_op_new            (NdDiffKind   kind,
                                      const char  *text);
void       nd_diff_op_free           (NdDiffOp    *op);

GPtrArray *nd_diff_tokenize          (const char  *text);
GPtrArray *nd_diff_words             (const char  *old_text,
                                      const char  *new_text);
gboolean   nd_diff_has_changes       (GPtrArray   *ops);
double     nd_diff_similarity        (const char  *old_text,
                                      const char  *new_text);
char      *nd_diff_to_markup         (GPtrArray   *ops);
char      *nd_diff_text_to_markup    (NdDiffKind   kind,
                                      const char  *text);

GArray    *nd_diff_blocks            (GPtrArray   *old_blocks,
                                      GPtrArray   *new_blocks);
GArray    *nd_diff_translation_rows  (GPtrArray   *old_source,
                                      GPtrArray   *source,
                                      GPtrArray   *target);

G_DEFINE_AUTOPTR_CLEANUP_FUNC (NdDiffOp, nd_diff_op_free)

G_END_DECLS
