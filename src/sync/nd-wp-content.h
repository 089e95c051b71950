/* nd-wp-content.h
 *
 * SPDX-License-Identifier: GPL-3.0-or-later
 */

#pragma once

#include <glib.h>

G_BEGIN_DECLS

/**
 * NdWpContent:
 * @dateline: (nullable): the rendered dateline that opened the first
 *   paragraph, e.g. "MOSCOW (Realist English).", or %NULL when the post had
 *   none
 * @body: the body as CommonMark, without dateline, bylines and marker
 * @uuid: (nullable): the edition uuid found in the post's marker comment
 *
 * What a post's `content.raw` holds, taken apart.
 */
typedef struct
{
  char *dateline;
  char *body;
  char *uuid;
} NdWpContent;

void         nd_wp_content_free        (NdWpContent  *content);
G_DEFINE_AUTOPTR_CLEANUP_FUNC (NdWpContent, nd_wp_content_free)

char        *nd_wp_content_build       (const char   *dateline,
                                        const char   *body,
                                        const char * const *bylines,
                                        const char   *uuid);
NdWpContent *nd_wp_content_parse       (const char   *html,
                                        GError      **error);
char        *nd_wp_content_marker      (const char   *uuid);
char        *nd_wp_content_find_uuid   (const char   *html);
char        *nd_wp_content_plain_text  (const char   *html);

G_END_DECLS
