/* nd-markdown.c
 *
 * SPDX-License-Identifier: GPL-3.0-or-later
 */

#define G_LOG_DOMAIN "newsdesk-text"

#include "config.h"

#include <stdlib.h>
#include <string.h>

#include <cmark.h>
#include <libxml/tree.h>

#include "nd-html-sanitizer.h"
#include "nd-markdown.h"

/**
 * nd_markdown_to_html:
 * @markdown: CommonMark, UTF-8 (invalid sequences are replaced)
 *
 * Renders an article body for display. cmark runs in its safe mode, so raw
 * HTML in the Markdown never passes and it blanks `javascript:`-like links;
 * its output then goes through the sanitiser all the same, which is what
 * guarantees the result: only the elements listed for
 * [func@Nd.html_sanitize_full], only http, https, mailto and relative links.
 *
 * Images are not emitted as `<img>`, because the app never loads remote
 * content: `![alt](https://…)` becomes a link to the image named by its
 * alternative text, and an image with any other address leaves only that
 * text. The Markdown keeps the image; only the preview shows a link.
 *
 * Returns: (transfer full): the HTML fragment
 */
char *
nd_markdown_to_html (const char *markdown)
{
  char *raw;
  xmlDoc *doc;
  char *html;

  g_return_val_if_fail (markdown != NULL, NULL);

  /* No CMARK_OPT_SMART: typographic quotes would be the app's business,
   * not the renderer's, and would break round trips through HTML.
   */
  raw = cmark_markdown_to_html (markdown, strlen (markdown), CMARK_OPT_VALIDATE_UTF8);
  if (raw == NULL)
    return g_strdup ("");

  /* The size limit is for hostile input; cmark's output grows with what
   * the editor wrote, and refusing it would blank the preview.
   */
  doc = _nd_html_sanitize_to_doc (raw, -1, FALSE, NULL);
  free (raw);
  if (doc == NULL)
    return g_strdup ("");

  html = _nd_html_doc_to_string (doc);
  xmlFreeDoc (doc);

  return html;
}

static gboolean
is_leaf_block (cmark_node_type type)
{
  return type == CMARK_NODE_PARAGRAPH || type == CMARK_NODE_HEADING ||
         type == CMARK_NODE_CODE_BLOCK;
}

/**
 * nd_markdown_to_plain_text:
 * @markdown: CommonMark, UTF-8 (invalid sequences are replaced)
 *
 * The text of an article body without its markup, for word counts,
 * teasers and search: paragraphs, headings and code blocks separated by a
 * blank line, soft breaks as spaces, hard breaks as newlines, link and image
 * text without addresses, entities decoded. Raw HTML and rules are left out.
 *
 * Returns: (transfer full): the text, without a trailing newline
 */
char *
nd_markdown_to_plain_text (const char *markdown)
{
  cmark_node *document;
  cmark_iter *iter;
  cmark_event_type event;
  GString *out;
  gboolean block_ended = FALSE;

  g_return_val_if_fail (markdown != NULL, NULL);

  document = cmark_parse_document (markdown, strlen (markdown), CMARK_OPT_VALIDATE_UTF8);
  if (document == NULL)
    return g_strdup ("");

  out = g_string_new (NULL);
  iter = cmark_iter_new (document);

  while ((event = cmark_iter_next (iter)) != CMARK_EVENT_DONE)
    {
      cmark_node *node = cmark_iter_get_node (iter);
      cmark_node_type type = cmark_node_get_type (node);
      const char *text = NULL;

      if (event == CMARK_EVENT_EXIT)
        {
          if (is_leaf_block (type))
            block_ended = TRUE;
          continue;
        }

      switch (type)
        {
        case CMARK_NODE_TEXT:
        case CMARK_NODE_CODE:
          text = cmark_node_get_literal (node);
          break;
        case CMARK_NODE_SOFTBREAK:
          text = " ";
          break;
        case CMARK_NODE_LINEBREAK:
          text = "\n";
          break;
        case CMARK_NODE_CODE_BLOCK:
          text = cmark_node_get_literal (node);
          block_ended = FALSE;
          if (out->len > 0)
            g_string_append (out, "\n\n");
          if (text != NULL)
            {
              gsize len = strlen (text);

              while (len > 0 && text[len - 1] == '\n')
                len--;
              g_string_append_len (out, text, len);
            }
          block_ended = TRUE;
          text = NULL;
          break;
        case CMARK_NODE_NONE:
        case CMARK_NODE_DOCUMENT:
        case CMARK_NODE_BLOCK_QUOTE:
        case CMARK_NODE_LIST:
        case CMARK_NODE_ITEM:
        case CMARK_NODE_HTML_BLOCK:
        case CMARK_NODE_CUSTOM_BLOCK:
        case CMARK_NODE_PARAGRAPH:
        case CMARK_NODE_HEADING:
        case CMARK_NODE_THEMATIC_BREAK:
        case CMARK_NODE_HTML_INLINE:
        case CMARK_NODE_CUSTOM_INLINE:
        case CMARK_NODE_EMPH:
        case CMARK_NODE_STRONG:
        case CMARK_NODE_LINK:
        case CMARK_NODE_IMAGE:
        default:
          break;
        }

      if (text == NULL || *text == '\0')
        continue;

      if (block_ended && out->len > 0)
        g_string_append (out, "\n\n");
      block_ended = FALSE;
      g_string_append (out, text);
    }

  cmark_iter_free (iter);
  cmark_node_free (document);

  return g_string_free (out, FALSE);
}
