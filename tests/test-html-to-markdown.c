/* test-html-to-markdown.c
 *
 * SPDX-License-Identifier: GPL-3.0-or-later
 */

#include "config.h"

#include <string.h>

#include "nd-html-sanitizer.h"
#include "nd-html-to-markdown.h"

typedef struct
{
  const char *html;
  const char *markdown;
} Case;

static void
check_cases (const Case *cases,
             gsize       n)
{
  for (gsize i = 0; i < n; i++)
    {
      g_autoptr (GError) error = NULL;
      g_autofree char *markdown = nd_html_to_markdown (cases[i].html, -1, &error);

      g_assert_no_error (error);
      g_assert_cmpstr (markdown, ==, cases[i].markdown);
    }
}

static void
test_constructs (void)
{
  static const Case cases[] = {
    { "<p>One</p><p>Two</p>", "One\n\nTwo\n" },
    { "<p><b>bold</b> <strong>strong</strong></p>", "**bold** **strong**\n" },
    { "<p><i>it</i> <em>em</em></p>", "*it* *em*\n" },
    { "<p>un<em>believ</em>able</p>", "un*believ*able\n" },
    { "<p><strong>a <em>b</em></strong></p>", "**a *b***\n" },
    { "<p><a href=\"https://example.org/a_(b)\">link</a></p>",
      "[link](https://example.org/a_(b))\n" },
    { "<p><a href=\"https://example.org/\" title='Say \"hi\"'>t</a></p>",
      "[t](https://example.org/ \"Say \\\"hi\\\"\")\n" },
    { "<p><a href=\"https://example.org/x\">https://example.org/x</a></p>",
      "<https://example.org/x>\n" },
    { "<p><a href=\"mailto:desk@example.org\">desk@example.org</a></p>", "<desk@example.org>\n" },
    { "<p><a href=\"/a b)c\">odd</a></p>", "[odd](/a%20b\\)c)\n" },
    { "<p><a href=\"https://ru.wikipedia.org/wiki/%D0%9C%D0%BE%D1%81%D0%BA%D0%B2%D0%B0\">"
      "Москва</a></p>",
      "[Москва](https://ru.wikipedia.org/wiki/Москва)\n" },
    { "<p><a href=\"https://x.org/%E2%80%AEevil\">bidi</a></p>",
      "[bidi](https://x.org/%E2%80%AEevil)\n" },
    { "<p><a href=\"javascript:alert(1)\">kept</a> and <a href=\"vbscript:x\">this</a></p>",
      "kept and this\n" },
    { "<p>Wow!<a href=\"https://x.org/\">link</a></p>", "Wow\\![link](https://x.org/)\n" },
    { "<ul><li>a</li><li>b<ul><li>c</li></ul></li></ul>", "- a\n- b\n  - c\n" },
    { "<ol><li>a</li><li>b<ol><li>c</li></ol></li></ol>", "1. a\n2. b\n   1. c\n" },
    { "<ol start=\"9\"><li>nine</li><li>ten<ul><li>x</li></ul></li></ol>",
      "9. nine\n10. ten\n    - x\n" },
    { "<ul><li><p>a</p><p>a2</p></li><li>b</li></ul>", "- a\n\n  a2\n\n- b\n" },
    { "<ul><li>a</li></ul><ul><li>b</li></ul><ul><li>c</li></ul>", "- a\n\n+ b\n\n- c\n" },
    { "<ol><li>a</li></ol><ol><li>b</li></ol>", "1. a\n\n1) b\n" },
    { "<ul><li></li><li>x</li></ul>", "-\n- x\n" },
    { "<blockquote><p>a</p><p>b</p></blockquote>", "> a\n>\n> b\n" },
    { "<blockquote><blockquote>deep</blockquote></blockquote>", "> > deep\n" },
    { "<h1>One</h1><h2>Two</h2><h3>Three</h3><h4>Four</h4><h5>Five</h5><h6>Six</h6>",
      "## One\n\n## Two\n\n### Three\n\n#### Four\n\n#### Five\n\n#### Six\n" },
    { "<h2>Heading #</h2><h3>C#</h3><h3>#</h3>", "## Heading \\#\n\n### C#\n\n### \\#\n" },
    { "<h2>a<br>b</h2>", "## a b\n" },
    { "<p>a<br>b</p>", "a\\\nb\n" },
    { "<p>a<br><br>b</p>", "a\n\nb\n" },
    { "<p><br>a<br></p>", "a\n" },
    { "<p>a</p><hr><p>b</p>", "a\n\n***\n\nb\n" },
    { "<p>use <code>a*b</code> or <code>x`y</code> or <code>`z</code></p>",
      "use `a*b` or ``x`y`` or `` `z ``\n" },
    { "<pre><code>if (a &lt; b)\n  return;\n</code></pre>", "```\nif (a < b)\n  return;\n```\n" },
    { "<pre>x\n```\ny</pre>", "````\nx\n```\ny\n````\n" },
    { "<ul><li>a<pre>code</pre></li></ul>", "- a\n  ```\n  code\n  ```\n" },
    { "<p><img src=\"https://x.org/i.png\" alt=\"A [map]\"></p>",
      "![A \\[map\\]](https://x.org/i.png)\n" },
    { "<p><img src=\"data:image/png;base64,AA\" alt=\"inline\"></p>", "inline\n" },
    { "<figure><img src=\"/i.jpg\" alt=\"A\"><figcaption>Cap</figcaption></figure>",
      "![A](/i.jpg)\n\nCap\n" },
    { "<p dir=\"rtl\" lang=\"ar\">نص <b>عريض</b></p>", "نص **عريض**\n" },
    { "", "" },
    { "<p>   </p><p>&nbsp;</p>", "" },
  };

  check_cases (cases, G_N_ELEMENTS (cases));
}

static void
test_escaping (void)
{
  static const Case cases[] = {
    { "<p>2*3*4 and snake_case and [x] and a\\b and `tick`</p>",
      "2\\*3\\*4 and snake\\_case and \\[x\\] and a\\\\b and \\`tick\\`\n" },
    { "<p># not a heading</p>", "\\# not a heading\n" },
    { "<p>- not a bullet</p><p>+ nor this</p><p>* nor this</p>",
      "\\- not a bullet\n\n\\+ nor this\n\n\\* nor this\n" },
    { "<p>1. not a list</p><p>2025) nor this</p><p>12a. but this is plain</p>",
      "1\\. not a list\n\n2025\\) nor this\n\n12a. but this is plain\n" },
    { "<p>&gt; not a quote</p><p>a &gt; b</p>", "\\> not a quote\n\na > b\n" },
    { "<p>===</p><p>---</p><p>~~~</p>", "\\===\n\n\\---\n\n\\~~~\n" },
    { "<p>a<br>- b<br>1. c</p>", "a\\\n\\- b\\\n1\\. c\n" },
    { "<p>a &lt; b, &lt;div&gt; and &lt;/p&gt;</p>", "a < b, \\<div> and \\</p>\n" },
    { "<p>AT&amp;T, &amp;amp; and &amp;#169; and &amp;</p>", "AT&T, \\&amp; and \\&#169; and &\n" },
    { "<p>Реалист: «цитата» — 50% * 2</p>", "Реалист: «цитата» — 50% \\* 2\n" },
    { "<p>٣. العربية_نص</p>", "٣. العربية\\_نص\n" },
  };

  check_cases (cases, G_N_ELEMENTS (cases));
}

static void
test_whitespace (void)
{
  static const Case cases[] = {
    { "<p>  a \n\t b  </p>", "a b\n" },
    { "<p>a<b> bold </b>b</p>", "a **bold** b\n" },
    { "<p><i>x </i>y <b> z</b></p>", "*x* y **z**\n" },
    { "<p>a&nbsp;&nbsp;b</p>", "a\xc2\xa0\xc2\xa0" "b\n" },
    { "<p><b>a&nbsp;</b>b</p>", "**a**\xc2\xa0" "b\n" },
    { "<p>a<span> </span><span>b</span></p>", "a b\n" },
    { "<p>a</p>\n\n<p>b</p>", "a\n\nb\n" },
    { "<div>a</div><div>b</div>", "a\n\nb\n" },
    { "<p>a<b></b>b</p>", "ab\n" },
  };

  check_cases (cases, G_N_ELEMENTS (cases));
}

static void
test_unexpressible (void)
{
  static const Case cases[] = {
    /* CommonMark cannot open or close emphasis between a letter and
     * punctuation: the text stays, plain, rather than with stray stars.
     */
    { "<p>word<b>(note)</b>word</p>", "word(note)word\n" },
    { "<p>a<b>x:</b>b</p>", "ax:b\n" },
    { "<p>x<b>«Реалист»</b>, и</p>", "x«Реалист», и\n" },
    { "<p>a<b>b<br>&nbsp;</b>c</p>", "ab\\\n\xc2\xa0" "c\n" },
    /* Where it can, it is kept. */
    { "<p><b>x:</b> b and (<i>y</i>) and a<b>x</b>b <i>«c»</i>.</p>",
      "**x:** b and (*y*) and a**x**b *«c»*.\n" },
    /* Empty nested items would make a rule of "- - -". */
    { "<ul><li><ul><li><ul><li></li></ul></li></ul></li></ul>", "* - -\n" },
    /* A list starting with an empty item cannot interrupt the text. */
    { "<ul><li>a<ol><li></li><li>b</li></ol></li></ul>", "- a\n\n  1.\n  2. b\n" },
    /* A figure in an item is its paragraphs. */
    { "<ul><li>a<figure><p>b</p></figure></li><li>c</li></ul>", "- a\n\n  b\n\n- c\n" },
  };

  check_cases (cases, G_N_ELEMENTS (cases));
}

static void
test_clipboard_quirks (void)
{
  static const Case cases[] = {
    /* Google Docs: the non-bold wrapper, bold and italic by style. */
    { "<meta charset=\"utf-8\"><b style=\"font-weight:normal;\" id=\"docs-internal-guid-1\">"
      "<span style=\"font-weight:400\">plain </span><span style=\"font-weight:700\">bold</span>"
      "<span style=\"font-style:italic\"> it</span></b>",
      "plain **bold** *it*\n" },
    { "<b style=\"font-weight:normal;\" id=\"docs-internal-guid-1\"><p>a</p><br><p>b</p></b>",
      "a\n\nb\n" },
    /* Adjacent runs of the same format are one run. */
    { "<p><span style=\"font-weight:700\">bo</span><span style=\"font-weight:700\">ld</span></p>",
      "**bold**\n" },
    /* LibreOffice, Word. */
    { "<p><span style=\"font-weight: bold\">b</span> <span style=\"font-style: oblique\">"
      "o</span></p>", "**b** *o*\n" },
    { "<p class=MsoNormal><b><span lang=EN-US>Bold<o:p></o:p></span></b></p>"
      "<p class=MsoNormal><o:p>&nbsp;</o:p></p><p class=MsoNormal>Next</p>",
      "**Bold**\n\nNext\n" },
    { "<p><span style=\"mso-hide:all\">hidden</span>shown</p>", "shown\n" },
    /* Styles, classes, fonts, scripts and comments vanish. */
    { "<style>p{color:red}</style><p class=\"x\" style=\"color:red\"><font face=\"Arial\">t</font>"
      "<script>x()</script><!-- c --></p>",
      "t\n" },
    /* A browser selection's blocks and inline cruft. */
    { "<div class=\"card\"><div>Title</div><span>text</span></div>", "Title\n\ntext\n" },
  };

  check_cases (cases, G_N_ELEMENTS (cases));
}

static void
test_paste_fixture (gconstpointer data)
{
  const char *name = data;
  g_autofree char *html_name = g_strdup_printf ("paste-%s.html", name);
  g_autofree char *md_name = g_strdup_printf ("paste-%s.md", name);
  g_autofree char *html_path = g_test_build_filename (G_TEST_DIST, "data", html_name, NULL);
  g_autofree char *md_path = g_test_build_filename (G_TEST_DIST, "data", md_name, NULL);
  g_autofree char *html = NULL;
  g_autofree char *expected = NULL;
  g_autofree char *markdown = NULL;
  g_autoptr (GError) error = NULL;
  gsize length;

  g_file_get_contents (html_path, &html, &length, &error);
  g_assert_no_error (error);
  g_file_get_contents (md_path, &expected, NULL, &error);
  g_assert_no_error (error);

  markdown = nd_html_to_markdown (html, length, &error);
  g_assert_no_error (error);
  g_assert_cmpstr (markdown, ==, expected);
}

static void
test_too_large (void)
{
  gsize size = ND_HTML_SANITIZER_MAX_INPUT + 1;
  g_autofree char *big = g_malloc0 (size + 1);
  g_autoptr (GError) error = NULL;
  g_autofree char *markdown = NULL;

  memset (big, ' ', size);
  markdown = nd_html_to_markdown (big, size, &error);
  g_assert_error (error, ND_HTML_SANITIZER_ERROR, ND_HTML_SANITIZER_ERROR_TOO_LARGE);
  g_assert_null (markdown);
}

/* Emphasis the converter drops shifts what follows; the output stays valid
 * UTF-8 (a fuzzer found a € cut in half). */
static void
test_dropped_emphasis_keeps_utf8 (void)
{
  static const char * const inputs[] = {
    "><l><i>><p><b>€><p>i",
    "<i>»</i><b>€</b><i>«</i>x",
    "<p>x<b>«Москва»</b>y<i>–</i>عربي<b>ـ</b></p>",
  };

  for (guint i = 0; i < G_N_ELEMENTS (inputs); i++)
    {
      g_autoptr(GError) error = NULL;
      g_autofree char *markdown = nd_html_to_markdown (inputs[i], -1, &error);

      g_assert_no_error (error);
      g_assert_true (g_utf8_validate (markdown, -1, NULL));
    }
}

int
main (int   argc,
      char *argv[])
{
  g_test_init (&argc, &argv, NULL);

  g_test_add_func ("/html-to-markdown/constructs", test_constructs);
  g_test_add_func ("/html-to-markdown/escaping", test_escaping);
  g_test_add_func ("/html-to-markdown/whitespace", test_whitespace);
  g_test_add_func ("/html-to-markdown/unexpressible", test_unexpressible);
  g_test_add_func ("/html-to-markdown/clipboard-quirks", test_clipboard_quirks);
  g_test_add_data_func ("/html-to-markdown/paste/google-docs", "google-docs", test_paste_fixture);
  g_test_add_data_func ("/html-to-markdown/paste/libreoffice", "libreoffice", test_paste_fixture);
  g_test_add_data_func ("/html-to-markdown/paste/word", "word", test_paste_fixture);
  g_test_add_data_func ("/html-to-markdown/paste/browser", "browser", test_paste_fixture);
  g_test_add_data_func ("/html-to-markdown/paste/wordpress", "wordpress", test_paste_fixture);
  g_test_add_func ("/html-to-markdown/too-large", test_too_large);
  g_test_add_func ("/html-to-markdown/dropped-emphasis-keeps-utf8", test_dropped_emphasis_keeps_utf8);

  return g_test_run ();
}
