/* nd-text-stats.h
 *
 * SPDX-License-Identifier: GPL-3.0-or-later
 */

#pragma once

#include <glib.h>

G_BEGIN_DECLS

#define ND_TEASER_LENGTH 150
#define ND_WORDS_PER_MINUTE 200

char  *nd_text_plain_from_markdown (const char *markdown);
guint  nd_text_count_words         (const char *text);
guint  nd_text_count_markdown_words (const char *markdown);
guint  nd_text_reading_minutes     (guint       words);
char  *nd_text_teaser              (const char *markdown,
                                    guint       max_chars);

G_END_DECLS
