/* test-preview-render.c
 *
 * SPDX-License-Identifier: GPL-3.0-or-later
 */

#include "config.h"

#include <string.h>

#include "nd-render.h"

/* Markup checks --------------------------------------------------------------
 *
 * Every block's markup must parse, hold only the elements the renderer
 * writes, and link only to http, https and mailto. GMarkup is the parser that
 * both GtkLabel (for links) and Pango (for the rest) use.
 */

typedef struct
{
  GString *text;
  guint    n_links;
  gboolean title_only_text;
} Check;

static gboolean
href_is_allowed (const char *href)
{
  g_autofree char *lower = g_ascii_strdown (href, -1);

  if (!g_str_has_prefix (lower, "http://") && !g_str_has_prefix (lower, "https://") &&
      !g_str_has_prefix (lower, "mailto:"))
    return FALSE;

  for (const char *p = href; *p != '\0'; p++)
    if ((guchar) *p <= 0x20 || *p == 0x7f)
      return FALSE;

  return strstr (lower, "javascript:") == NULL && strstr (lower, "vbscript:") == NULL;
}

static void
title_start_element (GMarkupParseContext  *context,
                     const char           *element_name,
                     const char          **attribute_names,
                     const char          **attribute_values,
                     gpointer              user_data,
                     GError              **error)
{
  /* A tooltip is only the escaped title and address: no element but the
   * wrapper. */
  if (g_strcmp0 (element_name, "markup") != 0)
    g_set_error (error, G_MARKUP_ERROR, G_MARKUP_ERROR_UNKNOWN_ELEMENT,
                 "element <%s> in a link title", element_name);
}

static void
check_tooltip_markup (const char *title)
{
  static const GMarkupParser parser = { title_start_element, NULL, NULL, NULL, NULL };
  g_autoptr(GError) error = NULL;
  g_autoptr(GMarkupParseContext) context = NULL;
  g_autofree char *wrapped = g_strconcat ("<markup>", title, "</markup>", NULL);

  context = g_markup_parse_context_new (&parser, 0, NULL, NULL);
  g_markup_parse_context_parse (context, wrapped, -1, &error);
  if (error == NULL)
    g_markup_parse_context_end_parse (context, &error);
  g_assert_no_error (error);
}

static void
check_start_element (GMarkupParseContext  *context,
                     const char           *element_name,
                     const char          **attribute_names,
                     const char          **attribute_values,
                     gpointer              user_data,
                     GError              **error)
{
  static const char * const allowed[] = { "markup", "b", "i", "tt", "a", NULL };
  Check *check = user_data;

  if (!g_strv_contains (allowed, element_name))
    {
      g_set_error (error, G_MARKUP_ERROR, G_MARKUP_ERROR_UNKNOWN_ELEMENT,
                   "unexpected element <%s>", element_name);
      return;
    }

  if (g_strcmp0 (element_name, "a") != 0)
    {
      if (attribute_names[0] != NULL)
        g_set_error (error, G_MARKUP_ERROR, G_MARKUP_ERROR_UNKNOWN_ATTRIBUTE,
                     "attribute %s on <%s>", attribute_names[0], element_name);
      return;
    }

  check->n_links++;
  g_assert_cmpstr (attribute_names[0], ==, "href");
  g_assert_true (href_is_allowed (attribute_values[0]));
  g_assert_cmpstr (attribute_names[1], ==, "title");
  check_tooltip_markup (attribute_values[1]);
  g_assert_null (attribute_names[2]);
}

static void
check_text (GMarkupParseContext  *context,
            const char           *text,
            gsize                 text_len,
            gpointer              user_data,
            GError              **error)
{
  Check *check = user_data;

  g_string_append_len (check->text, text, text_len);
}

/* Parses @markup as a label would; returns its text and counts its links. */
static char *
check_markup (const char *markup,
              guint      *n_links)
{
  static const GMarkupParser parser = { check_start_element, NULL, check_text, NULL, NULL };
  g_autoptr(GError) error = NULL;
  g_autoptr(GMarkupParseContext) context = NULL;
  g_autofree char *wrapped = g_strconcat ("<markup>", markup, "</markup>", NULL);
  Check check = { g_string_new (NULL), 0 };

  g_assert_true (g_utf8_validate (markup, -1, NULL));
  context = g_markup_parse_context_new (&parser, 0, &check, NULL);
  g_markup_parse_context_parse (context, wrapped, -1, &error);
  if (error == NULL)
    g_markup_parse_context_end_parse (context, &error);
  if (error != NULL)
    g_test_message ("markup: %s", markup);
  g_assert_no_error (error);

  if (n_links != NULL)
    *n_links = check.n_links;

  return g_string_free (check.text, FALSE);
}

static GPtrArray *
render_checked (const char *markdown,
                const char *dateline,
                guint      *n_links)
{
  GPtrArray *blocks = nd_render_markdown (markdown, dateline);
  guint total = 0;

  g_assert_nonnull (blocks);
  for (guint i = 0; i < blocks->len; i++)
    {
      NdRenderBlock *block = g_ptr_array_index (blocks, i);
      guint links = 0;
      g_autofree char *text = check_markup (block->markup, &links);

      total += links;
    }

  if (n_links != NULL)
    *n_links = total;

  return blocks;
}

/* The text of all blocks, one a line. */
static char *
render_text (const char *markdown)
{
  g_autoptr(GPtrArray) blocks = render_checked (markdown, NULL, NULL);
  GString *out = g_string_new (NULL);

  for (guint i = 0; i < blocks->len; i++)
    {
      NdRenderBlock *block = g_ptr_array_index (blocks, i);
      g_autofree char *text = check_markup (block->markup, NULL);

      if (i > 0)
        g_string_append_c (out, '\n');
      g_string_append (out, text);
    }

  return g_string_free (out, FALSE);
}

static char *
render_one (const char *markdown)
{
  g_autoptr(GPtrArray) blocks = render_checked (markdown, NULL, NULL);

  g_assert_cmpuint (blocks->len, ==, 1);
  return g_strdup (((NdRenderBlock *) g_ptr_array_index (blocks, 0))->markup);
}

/* Tests --------------------------------------------------------------------- */

static void
test_inline (void)
{
  static const struct { const char *in; const char *out; } cases[] = {
    { "**bold** and __bold__", "<b>bold</b> and <b>bold</b>" },
    { "*it* and _it_", "<i>it</i> and <i>it</i>" },
    { "***both***", "<i><b>both</b></i>" },
    { "`code <x>`", "<tt>code &lt;x&gt;</tt>" },
    { "a < b & c > \"d\" 'e'", "a &lt; b &amp; c &gt; &quot;d&quot; &apos;e&apos;" },
    { "a &amp; b &lt; c &copy;", "a &amp; b &lt; c ©" },
    { "soft\nbreak", "soft break" },
    { "hard  \nbreak", "hard\nbreak" },
    { "[site](https://example.org/a?b=1&c=2)",
      "<a href=\"https://example.org/a?b=1&amp;c=2\" title=\"https://example.org/a?b=1&amp;amp;c=2\">site</a>" },
    { "[mail](mailto:desk@example.org)",
      "<a href=\"mailto:desk@example.org\" title=\"mailto:desk@example.org\">mail</a>" },
    { "<https://example.org/>",
      "<a href=\"https://example.org/\" title=\"https://example.org/\">https://example.org/</a>" },
    { "[**b** *i*](http://example.org)",
      "<a href=\"http://example.org\" title=\"http://example.org\"><b>b</b> <i>i</i></a>" },
    { "![A chart](chart.png)", "<i>[Image: A chart]</i>" },
    { "![](chart.png)", "<i>[Image]</i>" },
    { "![a *b* `c`](x.png)", "<i>[Image: a b c]</i>" },
  };

  for (guint i = 0; i < G_N_ELEMENTS (cases); i++)
    {
      g_autofree char *markup = render_one (cases[i].in);

      g_assert_cmpstr (markup, ==, cases[i].out);
    }
}

static void
test_blocks (void)
{
  g_autoptr(GPtrArray) blocks = NULL;
  NdRenderBlock *b;

  blocks = render_checked ("# One\n\nPara.\n\n> Quoted\n> > Nested\n\n"
                           "- a\n- b\n\n  more of b\n  1. c\n  2) no\n\n"
                           "3) d\n4) e\n\n"
                           "***\n\n```\ncode <x>\n```\n\n###### Six\n", NULL, NULL);

  g_assert_cmpuint (blocks->len, ==, 14);

  b = g_ptr_array_index (blocks, 0);
  g_assert_cmpint (b->kind, ==, ND_RENDER_BLOCK_HEADING);
  g_assert_cmpuint (b->level, ==, 1);
  g_assert_cmpstr (b->markup, ==, "One");

  b = g_ptr_array_index (blocks, 1);
  g_assert_cmpint (b->kind, ==, ND_RENDER_BLOCK_PARAGRAPH);
  g_assert_cmpstr (b->markup, ==, "Para.");
  g_assert_null (b->marker);

  b = g_ptr_array_index (blocks, 2);
  g_assert_cmpint (b->kind, ==, ND_RENDER_BLOCK_QUOTE);
  g_assert_cmpuint (b->level, ==, 1);
  g_assert_cmpuint (b->quote_depth, ==, 1);
  g_assert_cmpstr (b->markup, ==, "Quoted");

  b = g_ptr_array_index (blocks, 3);
  g_assert_cmpint (b->kind, ==, ND_RENDER_BLOCK_QUOTE);
  g_assert_cmpuint (b->level, ==, 2);
  g_assert_cmpstr (b->markup, ==, "Nested");

  b = g_ptr_array_index (blocks, 4);
  g_assert_cmpint (b->kind, ==, ND_RENDER_BLOCK_LIST_ITEM);
  g_assert_cmpuint (b->level, ==, 1);
  g_assert_cmpstr (b->marker, ==, "•");
  g_assert_false (b->ordered);
  g_assert_cmpstr (b->markup, ==, "a");

  b = g_ptr_array_index (blocks, 5);
  g_assert_cmpstr (b->marker, ==, "•");
  g_assert_cmpstr (b->markup, ==, "b");

  /* The item's second paragraph continues it, without a marker. */
  b = g_ptr_array_index (blocks, 6);
  g_assert_cmpint (b->kind, ==, ND_RENDER_BLOCK_LIST_ITEM);
  g_assert_null (b->marker);
  g_assert_cmpstr (b->markup, ==, "more of b");

  b = g_ptr_array_index (blocks, 7);
  g_assert_cmpuint (b->level, ==, 2);
  g_assert_cmpuint (b->list_depth, ==, 2);
  g_assert_cmpstr (b->marker, ==, "1.");
  g_assert_true (b->ordered);
  g_assert_cmpstr (b->markup, ==, "c");

  /* A different delimiter starts a new list, still nested. */
  b = g_ptr_array_index (blocks, 8);
  g_assert_cmpuint (b->level, ==, 2);
  g_assert_cmpstr (b->marker, ==, "2)");
  g_assert_cmpstr (b->markup, ==, "no");

  b = g_ptr_array_index (blocks, 9);
  g_assert_cmpuint (b->level, ==, 1);
  g_assert_cmpstr (b->marker, ==, "3)");
  g_assert_cmpstr (b->markup, ==, "d");

  b = g_ptr_array_index (blocks, 10);
  g_assert_cmpstr (b->marker, ==, "4)");

  b = g_ptr_array_index (blocks, 11);
  g_assert_cmpint (b->kind, ==, ND_RENDER_BLOCK_RULE);
  g_assert_cmpstr (b->markup, ==, "");

  b = g_ptr_array_index (blocks, 12);
  g_assert_cmpint (b->kind, ==, ND_RENDER_BLOCK_CODE);
  g_assert_cmpstr (b->markup, ==, "<tt>code &lt;x&gt;</tt>");

  b = g_ptr_array_index (blocks, 13);
  g_assert_cmpint (b->kind, ==, ND_RENDER_BLOCK_HEADING);
  g_assert_cmpuint (b->level, ==, 6);
}

static void
test_list_edges (void)
{
  g_autoptr(GPtrArray) blocks = render_checked ("- - inner\n-\n- > quoted item\n", NULL, NULL);
  NdRenderBlock *b;

  g_assert_cmpuint (blocks->len, ==, 4);

  /* An item that opens with a list keeps its marker on a line of its own. */
  b = g_ptr_array_index (blocks, 0);
  g_assert_cmpstr (b->marker, ==, "•");
  g_assert_cmpstr (b->markup, ==, "");
  b = g_ptr_array_index (blocks, 1);
  g_assert_cmpstr (b->marker, ==, "◦");
  g_assert_cmpstr (b->markup, ==, "inner");

  /* An empty item still shows its marker. */
  b = g_ptr_array_index (blocks, 2);
  g_assert_cmpstr (b->marker, ==, "•");
  g_assert_cmpstr (b->markup, ==, "");

  /* A quote inside an item: a quote, with the item's marker. */
  b = g_ptr_array_index (blocks, 3);
  g_assert_cmpint (b->kind, ==, ND_RENDER_BLOCK_QUOTE);
  g_assert_cmpuint (b->list_depth, ==, 1);
  g_assert_cmpuint (b->quote_depth, ==, 1);
  g_assert_cmpstr (b->marker, ==, "•");
  g_assert_cmpstr (b->markup, ==, "quoted item");
}

static void
test_dateline (void)
{
  const char *dateline = "MOSCOW (Realist English).";
  g_autoptr(GPtrArray) blocks = NULL;
  NdRenderBlock *b;

  blocks = render_checked ("Russia’s greatest weakness.\n\nSecond.\n", dateline, NULL);
  g_assert_cmpuint (blocks->len, ==, 2);
  b = g_ptr_array_index (blocks, 0);
  g_assert_cmpstr (b->markup, ==, "<b>MOSCOW (Realist English).</b> Russia’s greatest weakness.");
  b = g_ptr_array_index (blocks, 1);
  g_assert_cmpstr (b->markup, ==, "Second.");
  g_clear_pointer (&blocks, g_ptr_array_unref);

  /* The first paragraph, not the first block: not a heading, a quote or a
   * list item, and not a paragraph of raw HTML that draws nothing. */
  blocks = render_checked ("## Sub\n\n> Epigraph\n\n- item\n\n<div>html</div>\n\n<span></span>\n\nLede.\n\nMore.\n",
                           dateline, NULL);
  g_assert_cmpuint (blocks->len, ==, 5);
  b = g_ptr_array_index (blocks, 0);
  g_assert_cmpstr (b->markup, ==, "Sub");
  b = g_ptr_array_index (blocks, 1);
  g_assert_cmpstr (b->markup, ==, "Epigraph");
  b = g_ptr_array_index (blocks, 3);
  g_assert_cmpstr (b->markup, ==, "<b>MOSCOW (Realist English).</b> Lede.");
  b = g_ptr_array_index (blocks, 4);
  g_assert_cmpstr (b->markup, ==, "More.");
  g_clear_pointer (&blocks, g_ptr_array_unref);

  /* No paragraph at all: the dateline stands alone, first. */
  blocks = render_checked ("- only a list\n", dateline, NULL);
  g_assert_cmpuint (blocks->len, ==, 2);
  b = g_ptr_array_index (blocks, 0);
  g_assert_cmpint (b->kind, ==, ND_RENDER_BLOCK_PARAGRAPH);
  g_assert_cmpstr (b->markup, ==, "<b>MOSCOW (Realist English).</b>");
  g_clear_pointer (&blocks, g_ptr_array_unref);

  blocks = render_checked ("", dateline, NULL);
  g_assert_cmpuint (blocks->len, ==, 1);
  g_clear_pointer (&blocks, g_ptr_array_unref);

  /* No dateline, nothing added; the dateline itself is text. */
  blocks = render_checked ("", "", NULL);
  g_assert_cmpuint (blocks->len, ==, 0);
  g_clear_pointer (&blocks, g_ptr_array_unref);

  blocks = render_checked ("Text.", "A&B <i>X</i> (\"Q\").", NULL);
  b = g_ptr_array_index (blocks, 0);
  g_assert_cmpstr (b->markup, ==, "<b>A&amp;B &lt;i&gt;X&lt;/i&gt; (&quot;Q&quot;).</b> Text.");
}

/* Inputs that try to get a script, a remote fetch or stray markup through.
 * None may produce a link except the ones to http, https and mailto, or any
 * element the renderer does not write. */
static const char * const hostile[] = {
  "[x](javascript:alert(1))",
  "[x](JaVaScRiPt:alert(1))",
  "[x](  javascript:alert(1)  )",
  "[x](<javascript:alert(1)>)",
  "[x](java&#09;script:alert(1))",
  "[x](java&#x09;script:alert(1))",
  "[x](&#106;avascript:alert(1))",
  "[x](&#x6A;&#x61;vascript&#x3A;alert(1))",
  "[x](javascript&colon;alert(1))",
  "[x](java\\\nscript:alert(1))",
  "[x](\x01javascript:alert(1))",
  "[x](%6Aavascript:alert(1))",
  "[x](jav\xe2\x80\x8b" "ascript:alert(1))",
  "[x](\xe2\x80\xaejavascript:alert(1))",
  "[x](vbscript:msgbox(1))",
  "[x](VBScript:msgbox(1))",
  "[x](data:text/html,<script>alert(1)</script>)",
  "[x](data:text/html;base64,PHNjcmlwdD5hbGVydCgxKTwvc2NyaXB0Pg==)",
  "[x](<data:text/html,<script>alert(1)</script>>)",
  "[x](file:///etc/passwd)",
  "[x](FILE:///etc/passwd)",
  "[x](//evil.example/x)",
  "[x](/relative)",
  "[x](ftp://example.org/)",
  "[x](https:)",
  "[x](http:///evil)",
  "[x](https://example.org/\xe2\x80\xae" "gpj.exe)",
  "[x]\n\n[x]: javascript:alert(1)",
  "[x][r]\n\n[r]: <JavaScript:alert(1)> \"t\"",
  "<javascript:alert(1)>",
  "<JAVASCRIPT:alert(1)>",
  "<data:text/html,x>",
  "<vbscript:x>",
  "<file:///etc/passwd>",
  "<script>alert(1)</script>",
  "<SCRIPT>alert(1)</SCRIPT>\n\nafter",
  "Before <script>alert(1)</script> after",
  "<style>body{display:none}</style>",
  "<iframe src=\"javascript:alert(1)\"></iframe>",
  "<img src=x onerror=alert(1)>",
  "text <img src=x onerror=\"alert(1)\"> text",
  "<a href=\"javascript:alert(1)\">click</a>",
  "<b onmouseover=\"alert(1)\">bold?</b>",
  "<!-- comment --><span>x</span>",
  "<![CDATA[<script>alert(1)</script>]]>",
  "<?php echo 1; ?>",
  "![i](http://evil/x.png)",
  "![i](https://evil.example/track.gif \"t\")",
  "![<script>alert(1)</script>](x.png)",
  "![i\" onerror=\"alert(1)](x.png)",
  "[![i](http://evil/x.png)](javascript:alert(1))",
  "[![i](http://evil/x.png)](https://example.org/)",
  "[x](https://example.org/ \"a \\\"quoted\\\" title\")",
  "[x](https://example.org/ 'it''s')",
  "[x](https://example.org/ \"<b>not</b> &amp; markup\")",
  "[x](https://example.org/ \"&lt;i&gt;twice&lt;/i&gt;\")",
  "[x](https://example.org/ \"line\none\")",
  "[x](https://example.org/\"onmouseover=\"alert(1))",
  "[x](<https://example.org/a b>)",
  "[x](https://example.org/?q=<b>&r=\"'&amp;)",
  "[<b>x</b>](https://example.org/)",
  "[x](mailto:a@example.org?subject=<script>)",
  "<https://example.org/<script>>",
  "a < b & c > d \" e ' f",
  "&lt;script&gt;alert(1)&lt;/script&gt;",
  "&#60;b&#62;entity&#60;/b&#62;",
  "&amp;lt;b&amp;gt;",
  "`<b>code</b>`",
  "```html\n<script>alert(1)</script>\n```",
  "    <i>indented</i>",
  "Control \x01\x02\x1b[31m chars\x7f",
  "Invalid \xff\xfe UTF-8 \xc3",
  "Nul-free \xef\xbf\xbe \xef\xbf\xbf noncharacters",
  "Bidi \xe2\x80\xae reversed \xe2\x80\xac",
  "*unclosed **emphasis",
  "</b></i></tt></a> closers",
  "<b>opener only",
  "]]> and <![CDATA[",
};

/* The tags of some markup, without the text between them. */
static char *
tags_of (const char *markup)
{
  GString *out = g_string_new (NULL);
  gboolean in_tag = FALSE;

  for (const char *p = markup; *p != '\0'; p++)
    {
      if (*p == '<')
        in_tag = TRUE;
      if (in_tag)
        g_string_append_c (out, *p);
      if (*p == '>')
        in_tag = FALSE;
    }

  return g_string_free (out, FALSE);
}

static void
test_hostile (void)
{
  for (guint i = 0; i < G_N_ELEMENTS (hostile); i++)
    {
      g_autoptr(GPtrArray) blocks = NULL;
      g_autofree char *printable = g_strescape (hostile[i], NULL);
      guint n_links = 0;

      g_test_message ("input %u: %s", i, printable);
      blocks = render_checked (hostile[i], "CITY <b>&", &n_links);

      for (guint j = 0; j < blocks->len; j++)
        {
          NdRenderBlock *block = g_ptr_array_index (blocks, j);
          g_autofree char *lower = g_ascii_strdown (block->markup, -1);

          /* Checked by check_markup() already; spelled out for the reader. */
          g_assert_null (strstr (lower, "<script"));
          g_assert_null (strstr (lower, "<img"));
          g_assert_null (strstr (lower, "<span"));
          g_autofree char *tags = tags_of (lower);

          g_assert_null (strstr (tags, "onerror"));
          g_assert_null (strstr (tags, "javascript"));
          g_assert_null (strstr (lower, "href=\"javascript"));
          g_assert_null (strstr (lower, "href=\"data"));
          g_assert_null (strstr (lower, "href=\"vbscript"));
          g_assert_null (strstr (lower, "href=\"file"));
        }
    }
}

static void
test_hostile_texts (void)
{
  static const struct { const char *in; const char *text; } cases[] = {
    /* A dangerous link keeps its text and loses its address. */
    { "[x](javascript:alert(1))", "x" },
    { "[x](JaVaScRiPt:alert(1))", "x" },
    { "[x](java&#09;script:alert(1))", "x" },
    { "[x](data:text/html;base64,PHNjcmlwdD4=)", "x" },
    { "<javascript:alert(1)>", "javascript:alert(1)" },
    /* Raw HTML draws nothing, neither its tags nor an HTML block's text. */
    { "<script>alert(1)</script>", "" },
    { "<SCRIPT>alert(1)</SCRIPT>\n\nafter", "after" },
    { "Before <b onclick=\"x\">bold</b> after", "Before bold after" },
    { "text <img src=x onerror=\"alert(1)\"> text", "text  text" },
    /* Images become their text and are never fetched. */
    { "![i](http://evil/x.png)", "[Image: i]" },
    { "![<script>alert(1)</script>](x.png)", "[Image: alert(1)]" },
    { "a < b & c > \"d\"", "a < b & c > \"d\"" },
    { "&lt;script&gt;", "<script>" },
    { "`<b>code</b>`", "<b>code</b>" },
  };

  for (guint i = 0; i < G_N_ELEMENTS (cases); i++)
    {
      g_autofree char *text = render_text (cases[i].in);

      g_assert_cmpstr (text, ==, cases[i].text);
    }
}

static void
test_links_counted (void)
{
  static const struct { const char *in; guint n_links; } cases[] = {
    { "[x](javascript:alert(1))", 0 },
    { "<javascript:alert(1)>", 0 },
    { "[x](https://example.org/)", 1 },
    { "[x](HTTPS://EXAMPLE.ORG/)", 1 },
    { "[x](http://example.org/) and <mailto:a@example.org>", 2 },
    { "[x](https://example.org/ \"a \\\"quoted\\\" title\")", 1 },
    { "[![i](http://evil/x.png)](https://example.org/)", 1 },
    { "[![i](http://evil/x.png)](javascript:alert(1))", 0 },
    { "![i](http://evil/x.png)", 0 },
  };

  for (guint i = 0; i < G_N_ELEMENTS (cases); i++)
    {
      g_autoptr(GPtrArray) blocks = NULL;
      guint n_links = 0;

      blocks = render_checked (cases[i].in, NULL, &n_links);
      g_assert_cmpuint (n_links, ==, cases[i].n_links);
    }
}

static void
test_link_title (void)
{
  g_autofree char *markup = render_one ("[x](https://example.org/ \"<b>a</b> & \\\"q\\\"\nz\")");

  /* Escaped for the tooltip's markup, then for the attribute, and the line
   * break kept as a reference. */
  g_assert_cmpstr (markup, ==,
                   "<a href=\"https://example.org/\" title=\"&amp;lt;b&amp;gt;a&amp;lt;/b&amp;gt; "
                   "&amp;amp; &amp;quot;q&amp;quot;&#10;z&#10;https://example.org/\">x</a>");
}

static void
test_deep_nesting (void)
{
  g_autoptr(GString) quotes = g_string_new (NULL);
  g_autoptr(GString) lists = g_string_new (NULL);
  g_autoptr(GString) emphasis = g_string_new (NULL);
  g_autoptr(GPtrArray) blocks = NULL;
  NdRenderBlock *b;

  for (guint i = 0; i < 5000; i++)
    g_string_append (quotes, "> ");
  g_string_append (quotes, "deep");
  blocks = render_checked (quotes->str, NULL, NULL);
  g_assert_cmpuint (blocks->len, ==, 1);
  b = g_ptr_array_index (blocks, 0);
  g_assert_cmpint (b->kind, ==, ND_RENDER_BLOCK_QUOTE);
  g_assert_cmpuint (b->level, <=, 8);
  g_clear_pointer (&blocks, g_ptr_array_unref);

  for (guint i = 0; i < 500; i++)
    {
      for (guint j = 0; j < i; j++)
        g_string_append (lists, "  ");
      g_string_append (lists, "- x\n");
    }
  blocks = render_checked (lists->str, NULL, NULL);
  for (guint i = 0; i < blocks->len; i++)
    g_assert_cmpuint (((NdRenderBlock *) g_ptr_array_index (blocks, i))->list_depth, <=, 8);
  g_clear_pointer (&blocks, g_ptr_array_unref);

  for (guint i = 0; i < 10000; i++)
    g_string_append (emphasis, "*a **b ");
  blocks = render_checked (emphasis->str, NULL, NULL);
  g_clear_pointer (&blocks, g_ptr_array_unref);
}

static void
test_url_is_safe (void)
{
  static const struct { const char *url; gboolean safe; } cases[] = {
    { "https://example.org/", TRUE },
    { "http://example.org", TRUE },
    { "HtTpS://example.org/a?b#c", TRUE },
    { "mailto:desk@example.org", TRUE },
    { "https://пример.рф/путь", TRUE },
    { NULL, FALSE },
    { "", FALSE },
    { "javascript:alert(1)", FALSE },
    { " https://example.org/", FALSE },
    { "https://example.org/ x", FALSE },
    { "https://exa\tmple.org/", FALSE },
    { "https://exa\nmple.org/", FALSE },
    { "https://example.org/\x7f", FALSE },
    { "https://example.org/\xc2\xa0", FALSE },
    { "https://example.org/\xe2\x80\x8b", FALSE },
    { "https://example.org/\xe2\x80\xae", FALSE },
    { "https://\xff", FALSE },
    { "https://", FALSE },
    { "https:///x", FALSE },
    { "https:example.org", FALSE },
    { "mailto:", FALSE },
    { "data:text/html,x", FALSE },
    { "file:///etc/passwd", FALSE },
    { "vbscript:x", FALSE },
    { "//example.org", FALSE },
    { "/path", FALSE },
    { "ftp://example.org", FALSE },
  };

  for (guint i = 0; i < G_N_ELEMENTS (cases); i++)
    {
      g_test_message ("url %u", i);
      g_assert_cmpint (nd_render_url_is_safe (cases[i].url), ==, cases[i].safe);
    }
}

static void
test_byline (void)
{
  g_autofree char *full = nd_render_byline ("Andrey Serenko",
                                            "Director, Center for the Study of Afghan Politics");
  g_autofree char *name_only = nd_render_byline (" Andrey Serenko ", "  ");
  g_autofree char *nameless = nd_render_byline ("", "Director");

  g_assert_cmpstr (full, ==, "Andrey Serenko — Director, Center for the Study of Afghan Politics");
  g_assert_cmpstr (name_only, ==, "Andrey Serenko");
  g_assert_null (nameless);
}

static void
test_publish_time (void)
{
  g_autoptr(GTimeZone) moscow = nd_render_time_zone ("Europe/Moscow");
  g_autoptr(GTimeZone) dubai = nd_render_time_zone ("Asia/Dubai");
  g_autoptr(GTimeZone) path = nd_render_time_zone ("/etc/localtime");
  g_autoptr(GTimeZone) unknown = nd_render_time_zone ("Mars/Olympus_Mons");
  g_autoptr(GTimeZone) none = nd_render_time_zone (NULL);
  g_autoptr(GDateTime) utc = g_date_time_new_utc (2025, 4, 30, 4, 41, 0);
  gint64 publish_at = g_date_time_to_unix (utc);
  g_autofree char *en = nd_render_publish_time (publish_at, moscow, "en");
  g_autofree char *ru = nd_render_publish_time (publish_at, moscow, "ru");
  g_autofree char *ar = nd_render_publish_time (publish_at, moscow, "ar");
  g_autofree char *en_gb = nd_render_publish_time (publish_at, moscow, "en-GB");
  g_autofree char *other = nd_render_publish_time (publish_at, moscow, "xx");
  g_autofree char *in_dubai = nd_render_publish_time (publish_at, dubai, "en");
  g_autofree char *in_utc = nd_render_publish_time (publish_at, path, "en");
  g_autofree char *late = NULL;

  g_assert_cmpstr (g_time_zone_get_identifier (moscow), ==, "Europe/Moscow");
  g_assert_cmpstr (g_time_zone_get_identifier (path), ==, "UTC");
  g_assert_cmpstr (g_time_zone_get_identifier (unknown), ==, "UTC");
  g_assert_cmpstr (g_time_zone_get_identifier (none), ==, "UTC");

  /* 04:41 UTC is 07:41 in Moscow, whatever the zone of the machine. */
  g_assert_cmpstr (en, ==, "April 30, 2025, 07:41");
  g_assert_cmpstr (ru, ==, "30 апреля 2025, 07:41");
  g_assert_cmpstr (ar, ==, "30 أبريل 2025، 07:41");
  g_assert_cmpstr (en_gb, ==, "April 30, 2025, 07:41");
  g_assert_cmpstr (other, ==, "2025-04-30 07:41");
  g_assert_cmpstr (in_dubai, ==, "April 30, 2025, 08:41");
  g_assert_cmpstr (in_utc, ==, "April 30, 2025, 04:41");

  /* The day turns in the publication's zone. */
  {
    g_autoptr(GDateTime) evening = g_date_time_new_utc (2025, 12, 31, 22, 5, 0);

    late = nd_render_publish_time (g_date_time_to_unix (evening), moscow, "ru");
    g_assert_cmpstr (late, ==, "1 января 2026, 01:05");
  }

  g_assert_null (nd_render_publish_time (0, moscow, "en"));
}

int
main (int   argc,
      char *argv[])
{
  /* A zone far from Moscow, so that a time shown in the machine's zone
   * fails. */
  g_setenv ("TZ", "America/Los_Angeles", TRUE);
  g_test_init (&argc, &argv, NULL);

  g_test_add_func ("/preview-render/inline", test_inline);
  g_test_add_func ("/preview-render/blocks", test_blocks);
  g_test_add_func ("/preview-render/list-edges", test_list_edges);
  g_test_add_func ("/preview-render/dateline", test_dateline);
  g_test_add_func ("/preview-render/hostile", test_hostile);
  g_test_add_func ("/preview-render/hostile-texts", test_hostile_texts);
  g_test_add_func ("/preview-render/links-counted", test_links_counted);
  g_test_add_func ("/preview-render/link-title", test_link_title);
  g_test_add_func ("/preview-render/deep-nesting", test_deep_nesting);
  g_test_add_func ("/preview-render/url-is-safe", test_url_is_safe);
  g_test_add_func ("/preview-render/byline", test_byline);
  g_test_add_func ("/preview-render/publish-time", test_publish_time);

  return g_test_run ();
}
