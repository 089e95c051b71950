/* nd-html-to-markdown.h
 *
 * SPDX-License-Identifier: GPL-3.0-or-later
 */

#pragma once

#include <glib.h>

G_BEGIN_DECLS

char *nd_html_to_markdown (const char  *html,
                           gssize       length,
                           GError     **error);

G_END_DECLS
