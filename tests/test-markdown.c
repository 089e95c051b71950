/* test-markdown.c
 *
 * SPDX-License-Identifier: GPL-3.0-or-later
 */

#include "config.h"

#include <string.h>

#include "nd-html-to-markdown.h"
#include "nd-markdown.h"

typedef struct
{
  const char *input;
  const char *expected;
} Case;

#define REL "rel=\"noopener noreferrer nofollow\""

static void
test_to_html (void)
{
  static const Case cases[] = {
    { "Para one\nsoft break\n\nPara two\n", "<p>Para one\nsoft break</p>\n<p>Para two</p>\n" },
    { "**bold** and __bold__\n", "<p><strong>bold</strong> and <strong>bold</strong></p>\n" },
    { "*it* and _it_\n", "<p><em>it</em> and <em>it</em></p>\n" },
    { "`code`\n", "<p><code>code</code></p>\n" },
    { "[link](https://example.org/ \"Title\")\n",
      "<p><a href=\"https://example.org/\" title=\"Title\" " REL ">link</a></p>\n" },
    { "<https://example.org/>\n",
      "<p><a href=\"https://example.org/\" " REL ">https://example.org/</a></p>\n" },
    { "- a\n- b\n  - c\n",
      "<ul>\n<li>a</li>\n<li>b\n<ul>\n<li>c</li>\n</ul>\n</li>\n</ul>\n" },
    { "3. c\n4. d\n", "<ol start=\"3\">\n<li>c</li>\n<li>d</li>\n</ol>\n" },
    { "> quote\n", "<blockquote>\n<p>quote</p>\n</blockquote>\n" },
    { "# H1\n## H2\n### H3\n#### H4\n##### H5\n###### H6\n",
      "<h2>H1</h2>\n<h2>H2</h2>\n<h3>H3</h3>\n<h4>H4</h4>\n<h4>H5</h4>\n<h4>H6</h4>\n" },
    { "a\\\nb\n", "<p>a<br>\nb</p>\n" },
    { "a  \nb\n", "<p>a<br>\nb</p>\n" },
    { "***\n", "<hr>\n" },
    { "```c\nint x;\n```\n", "<pre><code>int x;\n</code></pre>\n" },
    { "    indented\n", "<pre><code>indented\n</code></pre>\n" },
    { "a &amp; b &lt; c\n", "<p>a &amp; b &lt; c</p>\n" },
    { "", "" },
  };

  for (guint i = 0; i < G_N_ELEMENTS (cases); i++)
    {
      g_autofree char *html = nd_markdown_to_html (cases[i].input);

      g_assert_cmpstr (html, ==, cases[i].expected);
    }
}

static void
test_safe (void)
{
  static const Case cases[] = {
    /* Raw HTML never passes, block or inline. */
    { "<script>alert(1)</script>\n", "" },
    { "a <img src=x onerror=alert(1)> b\n", "<p>a  b</p>\n" },
    { "<div onclick=\"x\">\n\nhi\n\n</div>\n", "<p>hi</p>\n" },
    { "<!-- comment -->\n", "" },
    /* Dangerous links keep their text only. */
    { "[a](javascript:alert(1))\n", "<p>a</p>\n" },
    { "[a](JAVASCRIPT:alert(1))\n", "<p>a</p>\n" },
    { "[a](vbscript:x)\n", "<p>a</p>\n" },
    { "[a](data:text/html,x)\n", "<p>a</p>\n" },
    { "[a](file:///etc/passwd)\n", "<p>a</p>\n" },
    { "<javascript:alert(1)>\n", "<p>javascript:alert(1)</p>\n" },
    /* Images are never loaded: a link to them, or their text. */
    { "![Map](https://example.org/map.png)\n",
      "<p><a href=\"https://example.org/map.png\" " REL ">Map</a></p>\n" },
    { "![](https://example.org/map.png)\n",
      "<p><a href=\"https://example.org/map.png\" " REL ">https://example.org/map.png</a></p>\n" },
    { "![Map](data:image/png;base64,AAAA)\n", "<p>Map</p>\n" },
    { "[![Map](https://example.org/m.png)](https://example.org/)\n",
      "<p><a href=\"https://example.org/\" " REL ">Map</a></p>\n" },
  };

  for (guint i = 0; i < G_N_ELEMENTS (cases); i++)
    {
      g_autofree char *html = nd_markdown_to_html (cases[i].input);

      g_assert_cmpstr (html, ==, cases[i].expected);
    }
}

/* Markdown in the canonical form nd_html_to_markdown() writes survives a
 * trip through HTML unchanged.
 */
static const char * const round_trips[] = {
  "Plain paragraph.\n",
  "One\n\nTwo\n",
  "**bold**\n",
  "*italic*\n",
  "***both***\n",
  "**bold *italic***\n",
  "*it **bold***\n",
  "**a** *b* **c**\n",
  "un*believ*able and wo**rd**s\n",
  "`code` and ``a`b`` and `` `x ``\n",
  "[link](https://example.org/)\n",
  "[link](https://example.org/ \"Title\")\n",
  "[with parens](https://en.wikipedia.org/wiki/Foo_(bar)) and "
  "[under\\_scores](https://example.org/a_b_c.html)\n",
  "[odd parens](https://example.org/a\\(b)\n",
  "[query](https://example.org/?a=1&b=2)\n",
  "[relative](/news/2025/story) and [anchor](#top) and [mail](mailto:desk@example.org)\n",
  "[**bold link**](https://example.org/) and **[link in bold](https://example.org/)**\n",
  "<https://example.org/a_b>\n",
  "<desk@example.org>\n",
  "[Москва](https://ru.wikipedia.org/wiki/Москва)\n",
  "Stars \\*not emphasis\\*, \\_under\\_scores\\_, \\[brackets\\] and a\\\\b.\n",
  "a < b, \\<tag>, AT&T, \\&amp; and \\&#169;\n",
  "Wow\\![link](https://example.org/)\n",
  "\\# not a heading\n",
  "\\- not a bullet\n",
  "\\+ not a bullet\n",
  "\\> not a quote\n",
  "1990\\. A year.\n",
  "2025\\) too\n",
  "\\===\n",
  "## Heading\n",
  "### Sub *heading*\n",
  "#### Sub-sub\n",
  "## Heading \\#\n",
  "## C# is fine\n",
  "Line one\\\nline two\\\n\\- line three\n",
  "- one\n- two\n- three\n",
  "- one\n  - nested\n    - deeper\n- two\n",
  "1. one\n2. two\n   - bullet\n3. three\n",
  "7. seven\n8. eight\n",
  "10. ten\n11. eleven\n    1. nested\n",
  "- item\n\n  second paragraph\n\n- other\n",
  "- a\n\n+ b\n",
  "1. a\n\n1) b\n",
  "- **bold** item with [link](https://example.org/)\n- \\- dash item\n",
  "> Quote\n",
  "> Quote\n>\n> Second paragraph\n",
  "> > Nested quote\n",
  "> - list in quote\n> - second\n",
  "- > quote in list\n- x\n",
  "***\n",
  "Before\n\n***\n\nAfter\n",
  "```\ncode block\n  indented\n```\n",
  "````\nwith ``` inside\n````\n",
  "- item\n  ```\n  code\n  ```\n",
  "МОСКВА (Реалист). Министр **подтвердил** визит, но *не назвал* даты.\n",
  "## Заголовок\n\n- пункт один\n- пункт два\n",
  "موسكو (ريالست). **نص عريض** و*مائل*.\n",
  "## عنوان\n\n> اقتباس\n",
  "Mixed English, русский и العربية in one line.\n",
  "Non\xc2\xa0" "breaking\xc2\xa0spaces stay.\n",
  "«Кавычки» — **«Реалист»**, и.\n",
  "**Note:** text, (*aside*) and *«quoted»*.\n",
  "* - -\n",
  "- a\n\n  1.\n  2. b\n",
};

static void
test_round_trip (void)
{
  for (guint i = 0; i < G_N_ELEMENTS (round_trips); i++)
    {
      g_autoptr (GError) error = NULL;
      g_autofree char *html = nd_markdown_to_html (round_trips[i]);
      g_autofree char *markdown = nd_html_to_markdown (html, -1, &error);

      g_assert_no_error (error);
      g_assert_cmpstr (markdown, ==, round_trips[i]);
    }
}

static void
test_round_trip_document (void)
{
  g_autoptr (GString) document = g_string_new (NULL);
  g_autoptr (GError) error = NULL;
  g_autofree char *html = NULL;
  g_autofree char *markdown = NULL;

  /* All at once, as one article: blocks must not merge with neighbours.
   * Lists are left out, since two lists in a row change their markers.
   */
  for (guint i = 0; i < G_N_ELEMENTS (round_trips); i++)
    {
      const char *md = round_trips[i];

      if (md[0] == '-' || md[0] == '+' || g_ascii_isdigit (md[0]))
        continue;
      if (document->len > 0)
        g_string_append_c (document, '\n');
      g_string_append (document, md);
    }

  html = nd_markdown_to_html (document->str);
  markdown = nd_html_to_markdown (html, -1, &error);
  g_assert_no_error (error);
  g_assert_cmpstr (markdown, ==, document->str);
}

static void
test_plain_text (void)
{
  static const Case cases[] = {
    { "MOSCOW (Realist English). **Bold** and *it*,\nsoft [link](https://x.org/).\n\n## "
      "Head\n\n- a\n- b\n",
      "MOSCOW (Realist English). Bold and it, soft link.\n\nHead\n\na\n\nb" },
    { "a\\\nb &amp; `c`\n\n<script>x</script>\n\n***\n\n![alt](https://x.org/i.png)\n",
      "a\nb & c\n\nalt" },
    { "```\ncode\n```\n\nafter\n", "code\n\nafter" },
    { "", "" },
  };

  for (guint i = 0; i < G_N_ELEMENTS (cases); i++)
    {
      g_autofree char *text = nd_markdown_to_plain_text (cases[i].input);

      g_assert_cmpstr (text, ==, cases[i].expected);
    }
}

static void
test_invalid_utf8 (void)
{
  g_autofree char *html = nd_markdown_to_html ("a\xff\xfe **b**\n");
  g_autofree char *text = nd_markdown_to_plain_text ("a\xff b\n");

  g_assert_true (g_utf8_validate (html, -1, NULL));
  g_assert_true (g_utf8_validate (text, -1, NULL));
  g_assert_nonnull (strstr (html, "<strong>b</strong>"));
}

int
main (int   argc,
      char *argv[])
{
  g_test_init (&argc, &argv, NULL);

  g_test_add_func ("/markdown/to-html", test_to_html);
  g_test_add_func ("/markdown/safe", test_safe);
  g_test_add_func ("/markdown/round-trip", test_round_trip);
  g_test_add_func ("/markdown/round-trip-document", test_round_trip_document);
  g_test_add_func ("/markdown/plain-text", test_plain_text);
  g_test_add_func ("/markdown/invalid-utf8", test_invalid_utf8);

  return g_test_run ();
}
