/* test-html-sanitizer.c
 *
 * SPDX-License-Identifier: GPL-3.0-or-later
 */

#include "config.h"

#include <stdlib.h>
#include <string.h>

#ifdef __GLIBC__
#include <malloc.h>
#endif

#include <libxml/HTMLparser.h>

#include "nd-html-sanitizer.h"
#include "nd-html-to-markdown.h"
#include "nd-markdown.h"

typedef struct
{
  const char *input;
  const char *expected;
} Case;

/* What the sanitiser may emit, besides the html and body that libxml2 adds
 * when the output is parsed again.
 */
static const char * const allowed_elements[] = {
  "html", "body", "p", "br", "strong", "em", "a", "ul", "ol", "li", "blockquote",
  "h2", "h3", "h4", "hr", "code", "pre", "figure", "figcaption", "span",
};

static gboolean
in_list (const char         *name,
         const char * const *list,
         gsize               n)
{
  for (gsize i = 0; i < n; i++)
    if (g_ascii_strcasecmp (name, list[i]) == 0)
      return TRUE;

  return FALSE;
}

/* A link target as a browser would read it: controls and spaces gone,
 * lower case. Only http, https, mailto and relative targets pass.
 */
static gboolean
url_is_harmless (const char *value)
{
  g_autoptr (GString) squeezed = g_string_new (NULL);
  g_autofree char *lower = NULL;
  gsize segment;
  const char *colon;

  for (const char *p = value; *p != '\0'; p++)
    if ((guchar) *p > 0x20 && *p != 0x7f)
      g_string_append_c (squeezed, *p);
  lower = g_ascii_strdown (squeezed->str, -1);

  if (strstr (lower, "javascript:") != NULL || strstr (lower, "vbscript:") != NULL ||
      g_str_has_prefix (lower, "data:") || strstr (lower, "livescript:") != NULL)
    return FALSE;

  segment = strcspn (lower, "/?#");
  colon = memchr (lower, ':', segment);
  if (colon == NULL)
    return memchr (lower, '&', segment) == NULL;

  return g_str_has_prefix (lower, "http:") || g_str_has_prefix (lower, "https:") ||
         g_str_has_prefix (lower, "mailto:");
}

static void
check_attributes (xmlNode    *node,
                  const char *html)
{
  const char *element = (const char *) node->name;

  for (xmlAttr *attr = node->properties; attr != NULL; attr = attr->next)
    {
      const char *name = (const char *) attr->name;
      g_autofree char *value = (char *) xmlNodeGetContent ((xmlNode *) attr);

      if (g_str_equal (name, "dir"))
        {
          if (!g_str_equal (value, "ltr") && !g_str_equal (value, "rtl") &&
              !g_str_equal (value, "auto"))
            g_test_fail_printf ("dir=\"%s\" in %s", value, html);
        }
      else if (g_str_equal (name, "lang"))
        {
          for (const char *p = value; *p != '\0'; p++)
            if (!g_ascii_isalnum (*p) && *p != '-')
              g_test_fail_printf ("lang=\"%s\" in %s", value, html);
        }
      else if (g_str_equal (element, "a") && g_str_equal (name, "href"))
        {
          if (!url_is_harmless (value))
            g_test_fail_printf ("href=\"%s\" in %s", value, html);
        }
      else if (g_str_equal (element, "a") && g_str_equal (name, "rel"))
        {
          if (!g_str_equal (value, "noopener noreferrer nofollow"))
            g_test_fail_printf ("rel=\"%s\" in %s", value, html);
        }
      else if (g_str_equal (element, "a") && g_str_equal (name, "title"))
        ;
      else if (g_str_equal (element, "ol") && g_str_equal (name, "start"))
        {
          for (const char *p = value; *p != '\0'; p++)
            if (!g_ascii_isdigit (*p))
              g_test_fail_printf ("start=\"%s\" in %s", value, html);
        }
      else
        g_test_fail_printf ("attribute %s on <%s> in %s", name, element, html);
    }

  if (g_str_equal (element, "a") && xmlHasProp (node, (const xmlChar *) "rel") == NULL)
    g_test_fail_printf ("<a> without rel in %s", html);
}

static int
check_tree (xmlNode    *parent,
            const char *html,
            int         depth)
{
  int deepest = depth;

  for (xmlNode *node = parent->children; node != NULL; node = node->next)
    {
      switch (node->type)
        {
        case XML_TEXT_NODE:
          break;

        case XML_ELEMENT_NODE:
          if (!in_list ((const char *) node->name, allowed_elements,
                        G_N_ELEMENTS (allowed_elements)))
            g_test_fail_printf ("element <%s> in %s", node->name, html);
          {
            int below;

            check_attributes (node, html);
            below = check_tree (node, html, depth + 1);
            deepest = MAX (deepest, below);
          }
          break;

        case XML_DTD_NODE:
          /* libxml2's own, at the top of the document it parsed. */
          if (depth != 0)
            g_test_fail_printf ("DTD in %s", html);
          break;

        case XML_COMMENT_NODE:
        case XML_PI_NODE:
        case XML_CDATA_SECTION_NODE:
        case XML_ENTITY_REF_NODE:
        case XML_ENTITY_NODE:
        case XML_ATTRIBUTE_NODE:
        case XML_DOCUMENT_NODE:
        case XML_DOCUMENT_TYPE_NODE:
        case XML_DOCUMENT_FRAG_NODE:
        case XML_NOTATION_NODE:
        case XML_HTML_DOCUMENT_NODE:
        case XML_ELEMENT_DECL:
        case XML_ATTRIBUTE_DECL:
        case XML_ENTITY_DECL:
        case XML_NAMESPACE_DECL:
        case XML_XINCLUDE_START:
        case XML_XINCLUDE_END:
        default:
          g_test_fail_printf ("node of type %d in %s", node->type, html);
          break;
        }
    }

  return deepest;
}

static gboolean
is_void (const char *name)
{
  return g_str_equal (name, "br") || g_str_equal (name, "hr");
}

/* Every "<" opens a tag of the simple form the serialiser writes, every
 * ">" closes one, every "&" is one of four entities, and tags balance.
 */
static void
check_well_formed (const char *html)
{
  g_autoptr (GRegex) tag = g_regex_new ("<(/?)([a-z0-9]+)((?: [a-z]+=\"[^\"<>]*\")*)>",
                                        G_REGEX_OPTIMIZE, 0, NULL);
  g_autoptr (GPtrArray) stack = g_ptr_array_new_with_free_func (g_free);
  const char *p = html;

  while (*p != '\0')
    {
      if (*p == '<')
        {
          g_autoptr (GMatchInfo) match = NULL;
          g_autofree char *slash = NULL;
          g_autofree char *name = NULL;
          const char *gt = strchr (p, '>');
          int end;

          /* Attribute values hold no ">", so a tag ends at the first one;
           * matching only that much keeps the check linear.
           */
          if (gt == NULL ||
              !g_regex_match_full (tag, p, gt + 1 - p, 0, G_REGEX_MATCH_ANCHORED, &match, NULL))
            {
              g_test_fail_printf ("stray \"<\" at offset %d", (int) (p - html));
              return;
            }
          slash = g_match_info_fetch (match, 1);
          name = g_match_info_fetch (match, 2);
          g_match_info_fetch_pos (match, 0, NULL, &end);

          if (*slash == '/')
            {
              if (stack->len == 0 ||
                  !g_str_equal (g_ptr_array_index (stack, stack->len - 1), name))
                {
                  g_test_fail_printf ("unbalanced </%s> at offset %d", name, (int) (p - html));
                  return;
                }
              g_ptr_array_remove_index (stack, stack->len - 1);
            }
          else if (!is_void (name))
            g_ptr_array_add (stack, g_steal_pointer (&name));

          p += end;
          continue;
        }

      if (*p == '>')
        {
          g_test_fail_printf ("stray \">\" at offset %d", (int) (p - html));
          return;
        }

      if (*p == '&' && !g_str_has_prefix (p, "&amp;") && !g_str_has_prefix (p, "&lt;") &&
          !g_str_has_prefix (p, "&gt;") && !g_str_has_prefix (p, "&quot;"))
        {
          g_test_fail_printf ("bare \"&\" at offset %d", (int) (p - html));
          return;
        }

      p++;
    }

  if (stack->len != 0)
    g_test_fail_printf ("<%s> left open", (char *) g_ptr_array_index (stack, stack->len - 1));
}

/* The allow-list check on a piece of output: string searches for what must
 * never appear in markup, then the output parsed again and every element
 * and attribute held against the allow-list.
 */
static void
assert_clean (const char *html,
              const char *input)
{
  g_autoptr (GRegex) forbidden_tag = NULL;
  g_autoptr (GRegex) event_attr = NULL;
  g_autoptr (GRegex) bad_url = NULL;
  g_autofree char *lower = g_ascii_strdown (html, -1);
  g_autofree char *shown = g_strndup (input, 200);
  htmlDocPtr doc;
  xmlNode *root;

  g_assert_nonnull (html);
  g_assert_true (g_utf8_validate (html, -1, NULL));

  forbidden_tag = g_regex_new ("<\\s*/?\\s*(script|iframe|object|embed|style|meta|base|form|"
                               "svg|math|img|image|link|frame|frameset|template|textarea|input|"
                               "button|applet|noscript|xmp|plaintext|title|video|audio|source|"
                               "param|isindex)\\b",
                               G_REGEX_CASELESS, 0, NULL);
  event_attr = g_regex_new ("<[^>]*[\\s\"'/]on[a-z]+\\s*=", G_REGEX_CASELESS, 0, NULL);
  bad_url = g_regex_new ("<[^>]*=\\s*[\"']?\\s*(javascript|vbscript|livescript|data)\\s*:",
                         G_REGEX_CASELESS, 0, NULL);

  if (strstr (lower, "<script") != NULL)
    g_test_fail_printf ("<script in output of %s", shown);
  if (g_regex_match (forbidden_tag, html, 0, NULL))
    g_test_fail_printf ("forbidden element in output of %s: %s", shown, html);
  if (g_regex_match (event_attr, html, 0, NULL))
    g_test_fail_printf ("event attribute in output of %s: %s", shown, html);
  if (g_regex_match (bad_url, html, 0, NULL))
    g_test_fail_printf ("script or data URL in output of %s: %s", shown, html);

  check_well_formed (html);

  if (*html == '\0')
    return;

  doc = htmlReadMemory (html, strlen (html), NULL, "UTF-8",
                        HTML_PARSE_NONET | HTML_PARSE_NOERROR | HTML_PARSE_NOWARNING);
  g_assert_nonnull (doc);
  root = xmlDocGetRootElement (doc);
  if (root != NULL)
    {
      /* The output nests shallowly, whatever the input did. */
      int depth = check_tree ((xmlNode *) doc, html, 0);

      g_assert_cmpint (depth, <=, 60);
    }
  xmlFreeDoc (doc);
}

/* The same input through the paste path: HTML to Markdown, then Markdown
 * to HTML, must come out equally clean.
 */
static void
assert_clean_through_markdown (const char *input,
                               gssize      length)
{
  g_autoptr (GError) error = NULL;
  g_autofree char *markdown = nd_html_to_markdown (input, length, &error);
  g_autofree char *html = NULL;

  g_assert_no_error (error);
  g_assert_nonnull (markdown);
  g_assert_true (g_utf8_validate (markdown, -1, NULL));

  html = nd_markdown_to_html (markdown);
  assert_clean (html, input);
}

static void
test_allow_list (void)
{
  static const Case cases[] = {
    { "<p>Hello <b>bold</b> <i>it</i></p>",
      "<p>Hello <strong>bold</strong> <em>it</em></p>\n" },
    { "<h1>T</h1><h5>F</h5><h6>S</h6>",
      "<h2>T</h2>\n<h4>F</h4>\n<h4>S</h4>\n" },
    { "<p dir=\"RTL\" lang=\"ar\" class=\"x\" id=\"y\" style=\"color:red\" onclick=\"x\">نص</p>",
      "<p dir=\"rtl\" lang=\"ar\">نص</p>\n" },
    { "<p dir=\"sideways\" lang=\"en us\">x</p>",
      "<p>x</p>\n" },
    { "<div>a</div><div>b</div>",
      "<p>a</p>\n<p>b</p>\n" },
    { "<div dir=\"rtl\"><p>a</p>b</div>",
      "<p dir=\"rtl\">a</p>\n<p dir=\"rtl\">b</p>\n" },
    { "<p><span>a</span><font color=red>b</font><span lang=\"ru\">c</span></p>",
      "<p>ab<span lang=\"ru\">c</span></p>\n" },
    { "<p><a href=\"https://example.org/\" target=\"_blank\" title=\"T\">x</a><a "
      "name=\"anchor\">y</a></p>",
      "<p><a href=\"https://example.org/\" title=\"T\" rel=\"noopener noreferrer nofollow\">"
      "x</a>y</p>\n" },
    { "<p><a href=\"javascript:alert(1)\">kept text</a></p>",
      "<p>kept text</p>\n" },
    { "<p><img src=\"https://example.org/i.png\" alt=\"Map\"><img "
      "src=\"data:image/png;base64,AAAA\" alt=\"Data\">"
      "<img src=\"https://example.org/j.png\"></p>",
      "<p><a href=\"https://example.org/i.png\" rel=\"noopener noreferrer nofollow\">Map</a>Data"
      "<a href=\"https://example.org/j.png\" rel=\"noopener noreferrer nofollow\">"
      "https://example.org/j.png</a></p>\n" },
    { "<p><a href=\"https://a.org/\"><img src=\"https://a.org/i.png\" alt=\"pic\"></a></p>",
      "<p><a href=\"https://a.org/\" rel=\"noopener noreferrer nofollow\">pic</a></p>\n" },
    { "<p>a<script>alert(1)</script>b<style>p{}</style>c<!-- x -->d<template>t</template></p>",
      "<p>abcd</p>\n" },
    { "<ol start=\"3\"><li>c</li></ol><ol start=\"x\"><li>d</li></ol>",
      "<ol start=\"3\">\n<li>c</li>\n</ol>\n<ol>\n<li>d</li>\n</ol>\n" },
    { "<ul><li>A</li><ul><li>B</li></ul><li>C</li></ul>",
      "<ul>\n<li>A<ul>\n<li>B</li>\n</ul>\n</li>\n<li>C</li>\n</ul>\n" },
    { "<ul>x<li>a</li></ul><li>stray</li>",
      "<ul>\n<li>x</li>\n<li>a</li>\n</ul>\n<p>stray</p>\n" },
    { "<blockquote>q</blockquote>",
      "<blockquote>\n<p>q</p>\n</blockquote>\n" },
    { "<pre><b>x</b> &lt;y&gt;</pre>",
      "<pre><code>x &lt;y&gt;</code></pre>\n" },
    { "<p>a<br>b<hr></p>",
      "<p>a<br>b</p>\n<hr>\n" },
    { "<figure><img src=\"/a.jpg\" alt=\"A\"><figcaption>Cap</figcaption></figure>",
      "<figure>\n<p><a href=\"/a.jpg\" rel=\"noopener noreferrer nofollow\">A</a></p>"
      "\n<figcaption>Cap</figcaption>\n</figure>\n" },
    { "<p><span style=\"font-weight:700\">b</span><span style=\"font-style:italic\">i</span>"
      "<b style=\"font-weight:400\">n</b></p>",
      "<p><strong>b</strong><em>i</em>n</p>\n" },
    { "<b style=\"font-weight:normal\" id=\"docs-internal-guid-1\"><p>x</p></b>",
      "<p>x</p>\n" },
    { "<p><b id=\"docs-internal-guid-1\">x</b></p>",
      "<p>x</p>\n" },
    { "<p>x&nbsp;y &amp; z \"q\" &gt;</p>",
      "<p>x\xc2\xa0y &amp; z \"q\" &gt;</p>\n" },
    { "<p style=\"display:none\">hidden</p><p hidden>h2</p><p>shown</p>",
      "<p>shown</p>\n" },
    { "<table><tr><td>a</td><td><b>b</b></td></tr></table>",
      "<p>a</p>\n<p><strong>b</strong></p>\n" },
    { "<p><code>a<b>b</b></code> <kbd>k</kbd></p>",
      "<p><code>ab</code> <code>k</code></p>\n" },
    { "<p><em><em>x</em></em><strong><b>y</b></strong><b>z</b></p>",
      "<p><em>x</em><strong>yz</strong></p>\n" },
    { "<p><a href=\"https://x.org/\"></a><strong></strong>z</p>",
      "<p>z</p>\n" },
    { "<p><span lang=\"ar\"><script>x</script></span>a<b><!-- c --></b></p>",
      "<p>a</p>\n" },
    { "<div><span>&nbsp;</span></div><p> </p><p>&nbsp;</p>", "" },
    { "", "" },
    { "   ", "" },
    { "<!-- wp:paragraph --><!-- /wp:paragraph -->", "" },
  };

  for (guint i = 0; i < G_N_ELEMENTS (cases); i++)
    {
      g_autofree char *html = nd_html_sanitize (cases[i].input, -1);

      g_assert_cmpstr (html, ==, cases[i].expected);
      assert_clean (html, cases[i].input);
    }
}

static void
test_word_lists (void)
{
  const char *word =
    "<p class=MsoListParagraphCxSpFirst style='mso-list:l0 level1 lfo1'><![if !supportLists]>"
    "<span style='font-family:Symbol'><span style='mso-list:Ignore'>·<span>&nbsp;&nbsp; </span>"
    "</span></span>"
    "<![endif]>One<o:p></o:p></p>"
    "<p class=MsoListParagraphCxSpMiddle style='mso-list:l0 level2 lfo1'><![if !supportLists]>"
    "<span style='mso-list:Ignore'>o<span>&nbsp; </span></span><![endif]>Two</p>"
    "<p class=MsoListParagraphCxSpLast style='mso-list:l0 level1 lfo1'><![if !supportLists]>"
    "<span style='mso-list:Ignore'>·<span>&nbsp; </span></span><![endif]>Three</p>"
    "<p class=MsoNormal>Between</p>"
    "<p class=MsoListParagraph style='mso-list:l1 level1 lfo2'><![if !supportLists]>"
    "<span style='mso-list:Ignore'>4.<span>&nbsp; </span></span><![endif]>Four</p>";
  g_autofree char *html = nd_html_sanitize (word, -1);

  g_assert_cmpstr (html, ==,
                   "<ul>\n<li>One<ul>\n<li>Two</li>\n</ul>\n</li>\n<li>Three</li>\n</ul>\n"
                   "<p>Between</p>\n"
                   "<ol start=\"4\">\n<li>Four</li>\n</ol>\n");
}

/* Sanitising what the sanitiser wrote changes nothing: no whitespace,
 * empty element or paragraph appears or vanishes the second time.
 */
static void
test_stable (void)
{
  static const char * const inputs[] = {
    "<ol><li><hr>#</li></ol>",
    "&amp;<td></ol></span><ol><hr>#</figure></em><xmp></style>",
    "<div dir=\"rtl\">&nbsp;</textarea>",
    "<ul><li>a<pre>code</pre>\n</li><li><p>1. </p><blockquote></blockquote></li></ul>",
    "<h3>1.</math><div dir=\"rtl\"><xmp> ",
    "#<strong>x<div dir=\"rtl\"><span style=\"mso-list:Ignore\"></hr>'<em><xmp>",
    "<p>a</p>\n\n<p>b</p>\n<ul>\n <li>c</li>\n</ul>",
    "<blockquote> <p>q</p> text </blockquote>",
    "<ul><li><pre>x</pre>tail</li><li><p>a</p>tail <b>b</b></li></ul>",
  };

  for (guint i = 0; i < G_N_ELEMENTS (inputs); i++)
    {
      g_autofree char *once = nd_html_sanitize (inputs[i], -1);
      g_autofree char *twice = nd_html_sanitize (once, -1);

      g_assert_cmpstr (twice, ==, once);
    }
}

static void
test_urls (void)
{
  static const Case cases[] = {
    { "https://example.org/a_(b)", "https://example.org/a_(b)" },
    { "HTTP://EXAMPLE.ORG/", "HTTP://EXAMPLE.ORG/" },
    { "  https://example.org/\n", "https://example.org/" },
    { "mailto:desk@example.org", "mailto:desk@example.org" },
    { "/relative/path?a=1&b=2", "/relative/path?a=1&b=2" },
    { "#anchor", "#anchor" },
    { "//example.org/x", "//example.org/x" },
    { "page.html", "page.html" },
    { "java\tscript:alert(1)", NULL },
    { "\x01javascript:alert(1)", NULL },
    { " JavaScript:alert(1)", NULL },
    { "javascript&colon;alert(1)", NULL },
    { "vbscript:msgbox(1)", NULL },
    { "data:text/html,x", NULL },
    { "file:///etc/passwd", NULL },
    { "ftp://example.org/", NULL },
    { "jar:https://x!/", NULL },
    { "java script:alert(1)", NULL },
    { "http:javascript:alert(1)", NULL },
    { "", NULL },
    { " \t", NULL },
  };

  for (guint i = 0; i < G_N_ELEMENTS (cases); i++)
    {
      g_autofree char *url = nd_html_sanitize_url (cases[i].input);

      g_assert_cmpstr (url, ==, cases[i].expected);
    }
}

static GPtrArray *
load_corpus (void)
{
  g_autofree char *path = g_test_build_filename (G_TEST_DIST, "data", "hostile-html.txt", NULL);
  g_autofree char *contents = NULL;
  g_autoptr (GError) error = NULL;
  g_auto (GStrv) parts = NULL;
  GPtrArray *snippets = g_ptr_array_new_with_free_func (g_free);

  g_file_get_contents (path, &contents, NULL, &error);
  g_assert_no_error (error);

  /* The header before the first separator is a comment. */
  parts = g_strsplit (contents, "\n%%\n", -1);
  for (guint i = 1; parts[i] != NULL; i++)
    {
      char *snippet = parts[i];
      gsize len = strlen (snippet);

      if (len > 0 && snippet[len - 1] == '\n')
        snippet[len - 1] = '\0';
      g_ptr_array_add (snippets, g_strdup (snippet));
    }

  return snippets;
}

static void
test_hostile_corpus (void)
{
  g_autoptr (GPtrArray) snippets = load_corpus ();

  g_assert_cmpuint (snippets->len, >=, 50);

  for (guint i = 0; i < snippets->len; i++)
    {
      const char *snippet = g_ptr_array_index (snippets, i);
      g_autofree char *html = nd_html_sanitize (snippet, -1);
      g_autofree char *again = NULL;

      assert_clean (html, snippet);

      /* The output is stable: what a browser would re-parse is what we
       * checked, with nothing for a second pass to reinterpret.
       */
      again = nd_html_sanitize (html, -1);
      g_assert_cmpstr (again, ==, html);

      assert_clean_through_markdown (snippet, -1);
    }
}

static void
test_corpus_keeps_text (void)
{
  static const Case cases[] = {
    { "<a href=\"javascript:alert(1)\">click</a>", "<p>click</p>\n" },
    { "<a href=\"jav&#x61;script:alert(1)\">hex entity</a>", "<p>hex entity</p>\n" },
    { "<p onmouseover=\"alert(1)\">events on p</p>", "<p>events on p</p>\n" },
    { "<p>&lt;script&gt;alert(1)&lt;/script&gt; stays text</p>",
      "<p>&lt;script&gt;alert(1)&lt;/script&gt; stays text</p>\n" },
    { "<a title=\"&quot;><script>alert(1)</script>\" href=\"https://ok.example/\">t</a>",
      "<p><a href=\"https://ok.example/\" "
      "title=\"&quot;&gt;&lt;script&gt;alert(1)&lt;/script&gt;\" "
      "rel=\"noopener noreferrer nofollow\">t</a></p>\n" },
    { "<iframe src=\"https://evil.example/\">fallback</iframe>after", "<p>after</p>\n" },
  };

  for (guint i = 0; i < G_N_ELEMENTS (cases); i++)
    {
      g_autofree char *html = nd_html_sanitize (cases[i].input, -1);

      g_assert_cmpstr (html, ==, cases[i].expected);
    }
}

static void
test_nul_and_invalid_utf8 (void)
{
  static const char nul[] =
    "<p>a\0b</p><scr\0ipt>alert(1)</scr\0ipt><a href=\"java\0script:alert(1)\">x</a>"
    "<img src=x on\0error=alert(1)>";
  static const char invalid[] =
    "<p>\xff\xfe<script>\xc0\xaf" "alert(1)</script></p>"
    "<a href=\"\xe0\x80javascript:alert(1)\">y</a><p>\xed\xa0\x80</p>";
  g_autofree char *html = nd_html_sanitize (nul, sizeof nul - 1);
  g_autofree char *html2 = nd_html_sanitize (invalid, sizeof invalid - 1);

  assert_clean (html, "NUL bytes");
  g_assert_true (g_str_has_prefix (html, "<p>a\xef\xbf\xbd" "b</p>"));
  assert_clean_through_markdown (nul, sizeof nul - 1);

  assert_clean (html2, "invalid UTF-8");
  assert_clean_through_markdown (invalid, sizeof invalid - 1);
}

static void
test_huge_input (void)
{
  const char *unit = "<p><a href=\"javascript:alert(1)\" onclick=\"x\">link</a> "
                     "<img src=x onerror=alert(1)><script>alert(1)</script> text &amp; more</p>\n";
  g_autoptr (GString) big = g_string_new (NULL);
  g_autoptr (GError) error = NULL;
  g_autofree char *html = NULL;
  g_autofree char *markdown = NULL;
  g_autofree char *rendered = NULL;

  /* meson sets MALLOC_PERTURB_, with which glibc fills every free chunk it
   * splits off in realloc(); after libxml2 has used and freed hundreds of
   * megabytes for this input, that is a memset of as much on each of its
   * small reallocs, and the test takes many minutes. Perturbation checks
   * nothing this test is about, so it is off here.
   */
#ifdef __GLIBC__
  mallopt (M_PERTURB, 0);
#endif

  while (big->len < 10 * 1024 * 1024)
    g_string_append (big, unit);

  html = nd_html_sanitize_full (big->str, big->len, &error);
  g_assert_no_error (error);
  g_assert_true (g_str_has_prefix (html, "<p>link <a href=\"x\" rel=\"noopener noreferrer "
                                         "nofollow\">"
                                         "x</a> text &amp; more</p>\n"));
  assert_clean (html, "10 MB");

  markdown = nd_html_to_markdown (big->str, big->len, &error);
  g_assert_no_error (error);
  rendered = nd_markdown_to_html (markdown);
  assert_clean (rendered, "10 MB through Markdown");

#ifdef __GLIBC__
  if (g_getenv ("MALLOC_PERTURB_") != NULL)
    mallopt (M_PERTURB, atoi (g_getenv ("MALLOC_PERTURB_")));
#endif
}

static void
test_too_large (void)
{
  gsize size = ND_HTML_SANITIZER_MAX_INPUT + 1;
  g_autofree char *big = g_malloc (size + 1);
  g_autoptr (GError) error = NULL;
  g_autofree char *html = NULL;
  g_autofree char *safe = NULL;
  g_autofree char *markdown = NULL;

  memset (big, 'a', size);
  big[size] = '\0';

  html = nd_html_sanitize_full (big, size, &error);
  g_assert_error (error, ND_HTML_SANITIZER_ERROR, ND_HTML_SANITIZER_ERROR_TOO_LARGE);
  g_assert_null (html);
  g_clear_error (&error);

  safe = nd_html_sanitize (big, size);
  g_assert_cmpstr (safe, ==, "");

  markdown = nd_html_to_markdown (big, size, &error);
  g_assert_error (error, ND_HTML_SANITIZER_ERROR, ND_HTML_SANITIZER_ERROR_TOO_LARGE);
  g_assert_null (markdown);
}

static char *
nest (const char *open,
      int         depth,
      const char *middle)
{
  GString *s = g_string_new (NULL);

  for (int i = 0; i < depth; i++)
    g_string_append (s, open);
  g_string_append (s, middle);

  return g_string_free (s, FALSE);
}

static void
test_deep_nesting (void)
{
  static const char * const openers[] = {
    "<div>", "<span>", "<b><i>", "<ul><li>", "<blockquote>", "<a href=\"https://x.org/\">",
    "<table><tr><td>", "<p>", "<em>", "<font>", "<ol><li><p>", "<svg>", "<object>",
    "<div dir=\"rtl\"><span lang=\"ar\">", "<pre>", "<h2>", "<figure>",
  };

  for (guint i = 0; i < G_N_ELEMENTS (openers); i++)
    {
      g_autofree char *input = nest (openers[i], 10000, "<script>alert(1)</script>deep");
      g_autofree char *html = nd_html_sanitize (input, -1);

      assert_clean (html, openers[i]);
      assert_clean_through_markdown (input, -1);
    }
}

static void
test_deep_nesting_keeps_text (void)
{
  /* Deep, but not so deep that libxml2 itself gives up: the text past our
   * own limits is kept, flat.
   */
  static const char * const openers[] = { "<div>", "<span>", "<ul><li>", "<blockquote>" };

  for (guint i = 0; i < G_N_ELEMENTS (openers); i++)
    {
      g_autofree char *input = nest (openers[i], i == 2 ? 110 : 220, "deep <b>text</b>");
      g_autofree char *html = nd_html_sanitize (input, -1);
      g_autofree char *markdown = nd_html_to_markdown (input, -1, NULL);

      assert_clean (html, openers[i]);
      g_assert_nonnull (strstr (html, "deep "));
      g_assert_nonnull (strstr (html, "text"));
      g_assert_nonnull (strstr (markdown, "text"));
    }
}

static void
test_very_deep_nesting (void)
{
  g_autofree char *input = nest ("<div><span><b>", 100000, "x");
  g_autofree char *html = nd_html_sanitize (input, -1);
  g_autofree char *markdown = g_strnfill (100000, '>');
  g_autofree char *rendered = NULL;
  g_autofree char *list = nest ("- ", 20000, "x");
  g_autofree char *rendered_list = NULL;

  assert_clean (html, "100000 levels");

  /* And Markdown that nests as deeply. */
  rendered = nd_markdown_to_html (markdown);
  assert_clean (rendered, "100000 quote markers");
  rendered_list = nd_markdown_to_html (list);
  assert_clean (rendered_list, "20000 list markers");
}

int
main (int   argc,
      char *argv[])
{
  g_test_init (&argc, &argv, NULL);

  g_test_add_func ("/html-sanitizer/allow-list", test_allow_list);
  g_test_add_func ("/html-sanitizer/word-lists", test_word_lists);
  g_test_add_func ("/html-sanitizer/stable", test_stable);
  g_test_add_func ("/html-sanitizer/urls", test_urls);
  g_test_add_func ("/html-sanitizer/hostile-corpus", test_hostile_corpus);
  g_test_add_func ("/html-sanitizer/corpus-keeps-text", test_corpus_keeps_text);
  g_test_add_func ("/html-sanitizer/nul-and-invalid-utf8", test_nul_and_invalid_utf8);
  g_test_add_func ("/html-sanitizer/huge-input", test_huge_input);
  g_test_add_func ("/html-sanitizer/too-large", test_too_large);
  g_test_add_func ("/html-sanitizer/deep-nesting", test_deep_nesting);
  g_test_add_func ("/html-sanitizer/deep-nesting-keeps-text", test_deep_nesting_keeps_text);
  g_test_add_func ("/html-sanitizer/very-deep-nesting", test_very_deep_nesting);

  return g_test_run ();
}
