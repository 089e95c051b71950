/* nd-render.h
 *
 * SPDX-License-Identifier: GPL-3.0-or-later
 */

#pragma once

#include <glib.h>

G_BEGIN_DECLS

/**
 * NdRenderBlockKind:
 * @ND_RENDER_BLOCK_PARAGRAPH: a paragraph outside any list or quote
 * @ND_RENDER_BLOCK_HEADING: a heading; its level is in @level
 * @ND_RENDER_BLOCK_QUOTE: a paragraph whose nearest container is a block
 *   quote; the quotes' nesting is in @level
 * @ND_RENDER_BLOCK_LIST_ITEM: a paragraph whose nearest container is a list
 *   item; the lists' nesting is in @level
 * @ND_RENDER_BLOCK_CODE: a code block, its text in `<tt>`
 * @ND_RENDER_BLOCK_RULE: a horizontal rule; its markup is empty
 *
 * What a block of an article body is, for drawing it.
 */
typedef enum
{
  ND_RENDER_BLOCK_PARAGRAPH,
  ND_RENDER_BLOCK_HEADING,
  ND_RENDER_BLOCK_QUOTE,
  ND_RENDER_BLOCK_LIST_ITEM,
  ND_RENDER_BLOCK_CODE,
  ND_RENDER_BLOCK_RULE,
} NdRenderBlockKind;

/**
 * NdRenderBlock:
 * @kind: what the block is
 * @level: the heading level (1–6) for a heading, the quote nesting (1 is the
 *   outermost quote) for a quote, the list nesting (1 is the outermost list)
 *   for a list item, 0 otherwise
 * @quote_depth: how many block quotes enclose the block, whatever its kind
 * @list_depth: how many lists enclose the block, whatever its kind
 * @marker: (nullable): the bullet ("•", "◦", "▪") or number ("3." or "3)")
 *   to draw before the block: set on the first block of each list item,
 *   %NULL on the item's later blocks and outside lists
 * @ordered: whether @marker is a number
 * @markup: the block's inline content as Pango markup, with links as the
 *   `<a href="…" title="…">` elements that #GtkLabel understands; "" for a
 *   rule
 *
 * One block of a rendered article body. Only the elements `b`, `i`, `tt` and
 * `a` appear in @markup, every text is escaped, links point only to http,
 * https and mailto addresses, and a link's title is escaped twice, because
 * GtkLabel shows it as tooltip markup.
 */
typedef struct
{
  NdRenderBlockKind  kind;
  guint              level;
  guint              quote_depth;
  guint              list_depth;
  char              *marker;
  gboolean           ordered;
  char              *markup;
} NdRenderBlock;

void        nd_render_block_free     (NdRenderBlock *block);

G_DEFINE_AUTOPTR_CLEANUP_FUNC (NdRenderBlock, nd_render_block_free)

GPtrArray  *nd_render_markdown       (const char    *markdown,
                                      const char    *dateline);
gboolean    nd_render_url_is_safe    (const char    *url);
char       *nd_render_byline         (const char    *name,
                                      const char    *role);
GTimeZone  *nd_render_time_zone      (const char    *identifier);
char       *nd_render_date_time      (GDateTime     *date_time,
                                      const char    *lang);
char       *nd_render_publish_time   (gint64         publish_at,
                                      GTimeZone     *zone,
                                      const char    *lang);

G_END_DECLS
