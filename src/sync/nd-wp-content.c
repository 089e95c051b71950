/* nd-wp-content.c
 *
 * SPDX-License-Identifier: GPL-3.0-or-later
 */

#define G_LOG_DOMAIN "newsdesk-sync"

#include "config.h"

#include <string.h>

#include <cmark.h>
#include <libxml/HTMLparser.h>
#include <libxml/HTMLtree.h>

#include "nd-html-to-markdown.h"
#include "nd-wp-content.h"

/*
 * A post's content is the edition as readers see it: the dateline opening the
 * first paragraph, the body, the contributor lines closing it. Newsdesk marks
 * the parts it adds (a span of class nd-dateline, paragraphs of class
 * nd-byline) so that a pull can take them off again and give the editor back
 * the body alone, and it ends the content with a comment carrying the
 * edition's uuid: the one trace of a post that needs no server plugin to find
 * it again after a create whose answer was lost.
 */

#define MARKER_PREFIX "newsdesk:"
#define DATELINE_CLASS "nd-dateline"
#define BYLINE_CLASS "nd-byline"

void
nd_wp_content_free (NdWpContent *content)
{
  if (content == NULL)
    return;

  g_free (content->dateline);
  g_free (content->body);
  g_free (content->uuid);
  g_free (content);
}

/**
 * nd_wp_content_marker:
 * @uuid: an edition's uuid
 *
 * Returns: (transfer full): the comment that ends a post Newsdesk wrote
 */
char *
nd_wp_content_marker (const char *uuid)
{
  g_return_val_if_fail (uuid != NULL, NULL);

  return g_strdup_printf ("<!-- " MARKER_PREFIX "%s -->", uuid);
}

static gboolean
is_uuid_char (char c)
{
  return g_ascii_isxdigit (c) || c == '-';
}

/**
 * nd_wp_content_find_uuid:
 * @html: a post's raw content
 *
 * Returns: (transfer full) (nullable): the uuid in the post's marker, if any
 */
char *
nd_wp_content_find_uuid (const char *html)
{
  const char *at;
  const char *end;

  g_return_val_if_fail (html != NULL, NULL);

  at = strstr (html, "<!-- " MARKER_PREFIX);
  if (at == NULL)
    return NULL;

  at += strlen ("<!-- " MARKER_PREFIX);
  for (end = at; is_uuid_char (*end); end++)
    ;
  if (end - at != 36 || !g_str_has_prefix (end, " -->"))
    return NULL;

  return g_strndup (at, end - at);
}

static char *
markdown_to_publish_html (const char *markdown)
{
  char *raw;
  char *html;

  /* cmark's default is its safe mode: raw HTML in the Markdown is not
   * passed on, and neither are javascript: links. */
  raw = cmark_markdown_to_html (markdown, strlen (markdown), CMARK_OPT_VALIDATE_UTF8);
  html = g_strdup (raw != NULL ? raw : "");
  free (raw);

  return html;
}

/**
 * nd_wp_content_build:
 * @dateline: (nullable): the rendered dateline, e.g. "MOSCOW (Realist English)."
 * @body: the body, CommonMark
 * @bylines: (nullable) (array zero-terminated=1): contributor lines
 * @uuid: (nullable): the edition's uuid, for the marker
 *
 * Returns: (transfer full): the HTML to send as the post's content
 */
char *
nd_wp_content_build (const char         *dateline,
                     const char         *body,
                     const char * const *bylines,
                     const char         *uuid)
{
  g_autofree char *body_html = NULL;
  GString *out;

  g_return_val_if_fail (body != NULL, NULL);

  body_html = markdown_to_publish_html (body);
  out = g_string_new (NULL);

  if (dateline != NULL && *dateline != '\0')
    {
      g_autofree char *escaped = g_markup_escape_text (dateline, -1);

      if (g_str_has_prefix (body_html, "<p>"))
        g_string_append_printf (out, "<p><span class=\"" DATELINE_CLASS "\">%s</span> %s",
                                escaped, body_html + strlen ("<p>"));
      else
        g_string_append_printf (out, "<p><span class=\"" DATELINE_CLASS "\">%s</span></p>\n%s",
                                escaped, body_html);
    }
  else
    {
      g_string_append (out, body_html);
    }

  for (guint i = 0; bylines != NULL && bylines[i] != NULL; i++)
    {
      g_autofree char *escaped = g_markup_escape_text (bylines[i], -1);

      if (out->len > 0 && out->str[out->len - 1] != '\n')
        g_string_append_c (out, '\n');
      g_string_append_printf (out, "<p class=\"" BYLINE_CLASS "\">%s</p>\n", escaped);
    }

  if (uuid != NULL)
    {
      g_autofree char *marker = nd_wp_content_marker (uuid);

      if (out->len > 0 && out->str[out->len - 1] != '\n')
        g_string_append_c (out, '\n');
      g_string_append (out, marker);
    }

  return g_string_free (out, FALSE);
}

static gboolean
has_class (xmlNode    *node,
           const char *name)
{
  g_autofree char *value = (char *) xmlGetProp (node, (const xmlChar *) "class");
  g_auto(GStrv) classes = NULL;

  if (value == NULL)
    return FALSE;

  classes = g_strsplit_set (value, " \t\n", -1);
  return g_strv_contains ((const char * const *) classes, name);
}

static char *
node_text (xmlNode *node)
{
  g_autofree char *text = (char *) xmlNodeGetContent (node);

  return g_strstrip (g_strdup (text != NULL ? text : ""));
}

/* Takes off what Newsdesk added, remembering the dateline and the uuid. The
 * depth limit keeps hostile nesting from exhausting the stack. */
static void
take_apart (xmlNode     *parent,
            NdWpContent *content,
            guint        depth)
{
  xmlNode *node = parent->children;

  if (depth > 256)
    return;

  while (node != NULL)
    {
      xmlNode *next = node->next;

      if (node->type == XML_COMMENT_NODE)
        {
          g_autofree char *spaced = g_strdup_printf ("<!-- %s -->", g_strstrip ((char *) node->content));
          char *uuid = nd_wp_content_find_uuid (spaced);

          if (uuid != NULL && content->uuid == NULL)
            content->uuid = uuid;
          else
            g_free (uuid);
        }
      else if (node->type == XML_ELEMENT_NODE)
        {
          if (content->dateline == NULL && has_class (node, DATELINE_CLASS))
            {
              content->dateline = node_text (node);
              xmlUnlinkNode (node);
              xmlFreeNode (node);
            }
          else if (has_class (node, BYLINE_CLASS))
            {
              xmlUnlinkNode (node);
              xmlFreeNode (node);
            }
          else
            {
              take_apart (node, content, depth + 1);
            }
        }

      node = next;
    }
}

static xmlNode *
find_body (xmlNode *node)
{
  for (; node != NULL; node = node->next)
    {
      xmlNode *found;

      if (node->type == XML_ELEMENT_NODE && xmlStrcasecmp (node->name, (const xmlChar *) "body") == 0)
        return node;
      if ((found = find_body (node->children)) != NULL)
        return found;
    }

  return NULL;
}

static char *
serialize_children (xmlDoc  *doc,
                    xmlNode *parent)
{
  xmlBuffer *buffer = xmlBufferCreate ();
  char *html;

  for (xmlNode *node = parent->children; node != NULL; node = node->next)
    htmlNodeDump (buffer, doc, node);

  html = g_strdup ((const char *) xmlBufferContent (buffer));
  xmlBufferFree (buffer);

  return html;
}

/**
 * nd_wp_content_parse:
 * @html: a post's `content.raw`
 * @error: return location for a #GError
 *
 * Takes a post's content apart into dateline, body (as CommonMark) and the
 * marker's uuid. Contributor lines Newsdesk wrote are dropped: contributors
 * belong to the story, not to the text.
 *
 * Returns: (transfer full): the parts, or %NULL when the HTML cannot be read
 */
NdWpContent *
nd_wp_content_parse (const char  *html,
                     GError     **error)
{
  g_autoptr(NdWpContent) content = g_new0 (NdWpContent, 1);
  g_autofree char *wrapped = NULL;
  g_autofree char *rest = NULL;
  xmlDoc *doc;
  xmlNode *body;

  g_return_val_if_fail (html != NULL, NULL);

  if (!g_utf8_validate (html, -1, NULL))
    {
      g_set_error_literal (error, G_CONVERT_ERROR, G_CONVERT_ERROR_ILLEGAL_SEQUENCE,
                           "The post's text is not valid UTF-8");
      return NULL;
    }

  /* Wrapping makes a fragment that starts with a comment or text parse into
   * a body like any other. */
  wrapped = g_strconcat ("<!DOCTYPE html><html><head><meta charset=\"utf-8\"></head><body>",
                         html, "</body></html>", NULL);
  doc = htmlReadMemory (wrapped, strlen (wrapped), NULL, "UTF-8",
                        HTML_PARSE_NONET | HTML_PARSE_NOERROR | HTML_PARSE_NOWARNING);
  if (doc == NULL)
    {
      content->body = g_strdup ("");
      return g_steal_pointer (&content);
    }

  body = find_body (xmlDocGetRootElement (doc));
  if (body != NULL)
    {
      take_apart (body, content, 0);
      rest = serialize_children (doc, body);
    }
  xmlFreeDoc (doc);

  content->body = nd_html_to_markdown (rest != NULL ? rest : "", -1, error);
  if (content->body == NULL)
    return NULL;

  g_strstrip (content->body);

  return g_steal_pointer (&content);
}

/**
 * nd_wp_content_plain_text:
 * @html: a field WordPress may hold as HTML (an excerpt, a title)
 *
 * Returns: (transfer full): its text, without markup
 */
char *
nd_wp_content_plain_text (const char *html)
{
  g_autofree char *wrapped = NULL;
  xmlDoc *doc;
  xmlNode *body;
  char *text;

  g_return_val_if_fail (html != NULL, NULL);

  if (strchr (html, '<') == NULL && strchr (html, '&') == NULL)
    return g_strstrip (g_strdup (html));

  wrapped = g_strconcat ("<!DOCTYPE html><html><head><meta charset=\"utf-8\"></head><body>",
                         html, "</body></html>", NULL);
  doc = htmlReadMemory (wrapped, strlen (wrapped), NULL, "UTF-8",
                        HTML_PARSE_NONET | HTML_PARSE_NOERROR | HTML_PARSE_NOWARNING);
  if (doc == NULL)
    return g_strdup ("");

  body = find_body (xmlDocGetRootElement (doc));
  text = body != NULL ? node_text (body) : g_strdup ("");
  xmlFreeDoc (doc);

  return text;
}
