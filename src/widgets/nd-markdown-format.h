/* nd-markdown-format.h
 *
 * SPDX-License-Identifier: GPL-3.0-or-later
 */

#pragma once

#include <gtk/gtk.h>

G_BEGIN_DECLS

/**
 * NdLineFormat:
 * @ND_LINE_FORMAT_QUOTE: `> ` quoted lines
 * @ND_LINE_FORMAT_SUBHEADING: a `## ` subheading
 * @ND_LINE_FORMAT_BULLETED: `- ` list items
 * @ND_LINE_FORMAT_NUMBERED: `1. `, `2. `… list items
 *
 * Formats that belong to whole lines of Markdown.
 */
typedef enum
{
  ND_LINE_FORMAT_QUOTE,
  ND_LINE_FORMAT_SUBHEADING,
  ND_LINE_FORMAT_BULLETED,
  ND_LINE_FORMAT_NUMBERED,
} NdLineFormat;

char     *nd_markdown_toggle_lines          (const char    *lines,
                                             NdLineFormat   format);
void      nd_markdown_buffer_toggle_lines   (GtkTextBuffer *buffer,
                                             NdLineFormat   format);
void      nd_markdown_buffer_toggle_span    (GtkTextBuffer *buffer,
                                             const char    *marker);
void      nd_markdown_buffer_insert_link    (GtkTextBuffer *buffer,
                                             const char    *url);
char     *nd_markdown_normalize_url         (const char    *typed);

G_END_DECLS
