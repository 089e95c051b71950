/* nd-paragraphs.h
 *
 * SPDX-License-Identifier: GPL-3.0-or-later
 */

#pragma once

#include <glib.h>

G_BEGIN_DECLS

/**
 * NdBlockKind:
 * @ND_BLOCK_PARAGRAPH: a paragraph
 * @ND_BLOCK_HEADING: an ATX or setext heading
 * @ND_BLOCK_LIST: a whole list, loose or tight, with all its items
 * @ND_BLOCK_QUOTE: a whole block quote
 * @ND_BLOCK_CODE: a fenced or indented code block
 * @ND_BLOCK_RULE: a thematic break
 * @ND_BLOCK_HTML: a raw HTML block
 * @ND_BLOCK_OTHER: text that is no block of its own, such as link
 *   reference definitions; kept so that nothing of a body is lost
 *
 * What a top-level block of a CommonMark body is.
 */
typedef enum
{
  ND_BLOCK_PARAGRAPH,
  ND_BLOCK_HEADING,
  ND_BLOCK_LIST,
  ND_BLOCK_QUOTE,
  ND_BLOCK_CODE,
  ND_BLOCK_RULE,
  ND_BLOCK_HTML,
  ND_BLOCK_OTHER,
} NdBlockKind;

/**
 * NdBlock:
 * @kind: what the block is
 * @level: the heading level (1–6) of a heading, 0 otherwise
 * @text: the block's text exactly as in the body, without the blank lines
 *   around it
 * @start: the byte offset of @text in the body
 * @end: the byte offset just past @text in the body
 *
 * One top-level block of a CommonMark body.
 */
typedef struct
{
  NdBlockKind  kind;
  int          level;
  char        *text;
  gsize        start;
  gsize        end;
} NdBlock;

/**
 * NdBlockPair:
 * @source: a source block index, or -1 for an empty slot
 * @target: a target block index, or -1 for an empty slot
 *
 * One row of two texts aligned side by side.
 */
typedef struct
{
  int source;
  int target;
} NdBlockPair;

NdBlock   *nd_block_new                (NdBlockKind          kind,
                                        const char          *text);
NdBlock   *nd_block_copy               (const NdBlock       *block);
void       nd_block_free               (NdBlock             *block);

GPtrArray *nd_paragraphs_split         (const char          *markdown);
char      *nd_paragraphs_join          (const char * const  *texts,
                                        gssize               n_texts);
char      *nd_paragraphs_join_blocks   (GPtrArray           *blocks);
GArray    *nd_paragraphs_align         (GPtrArray           *source,
                                        GPtrArray           *target);
gboolean   nd_paragraphs_is_blank      (const char          *text);

G_DEFINE_AUTOPTR_CLEANUP_FUNC (NdBlock, nd_block_free)

G_END_DECLS
