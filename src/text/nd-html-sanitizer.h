/* nd-html-sanitizer.h
 *
 * SPDX-License-Identifier: GPL-3.0-or-later
 */

#pragma once

#include <glib.h>
#include <libxml/tree.h>

G_BEGIN_DECLS

/**
 * ND_HTML_SANITIZER_MAX_INPUT:
 *
 * The largest input, in bytes, that [func@Nd.html_sanitize_full] and
 * [func@Nd.html_to_markdown] accept. Longer input is refused with
 * %ND_HTML_SANITIZER_ERROR_TOO_LARGE rather than parsed.
 */
#define ND_HTML_SANITIZER_MAX_INPUT (16 * 1024 * 1024)

/**
 * ND_HTML_SANITIZER_ERROR:
 *
 * The error domain of the HTML sanitiser.
 */
#define ND_HTML_SANITIZER_ERROR (nd_html_sanitizer_error_quark ())

/**
 * NdHtmlSanitizerError:
 * @ND_HTML_SANITIZER_ERROR_TOO_LARGE: the input is longer than
 *   %ND_HTML_SANITIZER_MAX_INPUT
 * @ND_HTML_SANITIZER_ERROR_PARSE: libxml2 could not build a document at all
 *
 * Errors of the HTML sanitiser.
 */
typedef enum
{
  ND_HTML_SANITIZER_ERROR_TOO_LARGE,
  ND_HTML_SANITIZER_ERROR_PARSE,
} NdHtmlSanitizerError;

GQuark  nd_html_sanitizer_error_quark (void);

char   *nd_html_sanitize              (const char  *html,
                                       gssize       length);
char   *nd_html_sanitize_full         (const char  *html,
                                       gssize       length,
                                       GError     **error);
char   *nd_html_sanitize_url          (const char  *url);

/* Private to src/text: the cleaned tree that both the sanitiser's serialiser
 * and the Markdown writer read. Its root element is "nd-root"; below it
 * are only the elements listed in nd-html-sanitizer.c plus "img", which
 * carries a checked "src" and an "alt" and which serialisers must not emit
 * as an image.
 */
xmlDoc *_nd_html_sanitize_to_doc      (const char  *html,
                                       gssize       length,
                                       gboolean     limit_size,
                                       GError     **error);
char   *_nd_html_doc_to_string        (xmlDoc      *doc);

G_END_DECLS
