/* nd-markdown.h
 *
 * SPDX-License-Identifier: GPL-3.0-or-later
 */

#pragma once

#include <glib.h>

G_BEGIN_DECLS

char *nd_markdown_to_html       (const char *markdown);
char *nd_markdown_to_plain_text (const char *markdown);

G_END_DECLS
