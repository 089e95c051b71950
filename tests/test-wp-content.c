/* test-wp-content.c
 *
 * SPDX-License-Identifier: GPL-3.0-or-later
 */

#include "config.h"

#include "nd-wp-content.h"

#define UUID "0f8e5a3c-1b2d-4e6f-8a9b-0c1d2e3f4a5b"

/* What Newsdesk sends comes back as the same edition: the round trip is the
 * identity for the bodies an editor writes. */
static void
test_round_trip (void)
{
  static const struct
  {
    const char *dateline;
    const char *body;
  } cases[] = {
    { "MOSCOW (Realist English).", "The talks resumed on Monday.\n\nA second paragraph with **bold** and *italic*." },
    { "МОСКВА (Реалист).", "Переговоры возобновились в понедельник.\n\n> Цитата эксперта.\n\n- один\n- два" },
    { "موسكو (رياليست).", "استؤنفت المحادثات يوم الاثنين.\n\n## عنوان فرعي\n\nفقرة ثانية مع [رابط](https://example.com/a)." },
    { "KABUL.", "## A heading first\n\nThen text." },
    { NULL, "No dateline at all.\n\n1. first\n2. second" },
    { "", "Empty dateline." },
  };

  for (guint i = 0; i < G_N_ELEMENTS (cases); i++)
    {
      const char *bylines[] = { "Andrey Serenko — Director, Center for the Study of Afghan Politics", NULL };
      g_autofree char *html = nd_wp_content_build (cases[i].dateline, cases[i].body, bylines, UUID);
      g_autoptr(GError) error = NULL;
      g_autoptr(NdWpContent) parsed = nd_wp_content_parse (html, &error);

      g_test_message ("case %u: %s", i, html);
      g_assert_no_error (error);
      g_assert_nonnull (parsed);
      g_assert_cmpstr (parsed->body, ==, cases[i].body);
      g_assert_cmpstr (parsed->uuid, ==, UUID);
      if (cases[i].dateline != NULL && *cases[i].dateline != '\0')
        g_assert_cmpstr (parsed->dateline, ==, cases[i].dateline);
      else
        g_assert_null (parsed->dateline);
      g_assert_null (strstr (parsed->body, "Serenko"));
    }
}

static void
test_dateline_opens_first_paragraph (void)
{
  g_autofree char *html = nd_wp_content_build ("MOSCOW (Realist English).", "First words.", NULL, NULL);

  g_assert_true (g_str_has_prefix (html, "<p><span class=\"nd-dateline\">MOSCOW (Realist English).</span> First words."));
  g_assert_null (strstr (html, "newsdesk:"));
}

static void
test_escaping (void)
{
  const char *bylines[] = { "<script>alert(1)</script>", NULL };
  g_autofree char *html = nd_wp_content_build ("A & B <i>", "Text with <b>raw</b> HTML and [x](javascript:alert(1)).", bylines, UUID);

  g_assert_null (strstr (html, "<script>"));
  g_assert_null (strstr (html, "<i>"));
  g_assert_null (strstr (html, "javascript:"));
  g_assert_nonnull (strstr (html, "A &amp; B &lt;i&gt;"));
}

/* Posts written on the web have none of Newsdesk's marks. */
static void
test_web_post (void)
{
  g_autoptr(GError) error = NULL;
  g_autoptr(NdWpContent) parsed = NULL;

  parsed = nd_wp_content_parse ("<!-- wp:paragraph -->\n<p>Written in <strong>Gutenberg</strong>.</p>\n<!-- /wp:paragraph -->", &error);
  g_assert_no_error (error);
  g_assert_cmpstr (parsed->body, ==, "Written in **Gutenberg**.");
  g_assert_null (parsed->dateline);
  g_assert_null (parsed->uuid);

  g_clear_pointer (&parsed, nd_wp_content_free);
  parsed = nd_wp_content_parse ("", &error);
  g_assert_no_error (error);
  g_assert_cmpstr (parsed->body, ==, "");
}

static void
test_find_uuid (void)
{
  g_autofree char *marker = nd_wp_content_marker (UUID);
  g_autofree char *found = nd_wp_content_find_uuid (marker);
  g_autofree char *html = g_strconcat ("<p>x</p>\n", marker, NULL);
  g_autofree char *found2 = nd_wp_content_find_uuid (html);

  g_assert_cmpstr (found, ==, UUID);
  g_assert_cmpstr (found2, ==, UUID);
  g_assert_null (nd_wp_content_find_uuid ("<!-- newsdesk:not-a-uuid -->"));
  g_assert_null (nd_wp_content_find_uuid ("<!-- newsdesk:" UUID "ff -->"));
  g_assert_null (nd_wp_content_find_uuid ("plain"));
}

static void
test_hostile (void)
{
  g_autoptr(GError) error = NULL;
  g_autoptr(NdWpContent) parsed = NULL;
  GString *deep = g_string_new (NULL);

  for (int i = 0; i < 5000; i++)
    g_string_append (deep, "<div>");
  g_string_append (deep, "deep");
  parsed = nd_wp_content_parse (deep->str, &error);
  g_string_free (deep, TRUE);
  g_assert_no_error (error);
  g_assert_nonnull (parsed);

  g_clear_pointer (&parsed, nd_wp_content_free);
  parsed = nd_wp_content_parse ("<p onclick=\"x()\">a<script>evil()</script></p><iframe src=x></iframe>", &error);
  g_assert_no_error (error);
  g_assert_null (strstr (parsed->body, "evil"));
  g_assert_null (strstr (parsed->body, "onclick"));

  g_clear_pointer (&parsed, nd_wp_content_free);
  parsed = nd_wp_content_parse ("\xff\xfe bad", &error);
  g_assert_error (error, G_CONVERT_ERROR, G_CONVERT_ERROR_ILLEGAL_SEQUENCE);
  g_assert_null (parsed);
}

static void
test_plain_text (void)
{
  g_autofree char *a = nd_wp_content_plain_text ("<p>The standfirst &amp; more.</p>\n");
  g_autofree char *b = nd_wp_content_plain_text ("  Plain  ");

  g_assert_cmpstr (a, ==, "The standfirst & more.");
  g_assert_cmpstr (b, ==, "Plain");
}

int
main (int   argc,
      char *argv[])
{
  g_test_init (&argc, &argv, NULL);

  g_test_add_func ("/wp-content/round-trip", test_round_trip);
  g_test_add_func ("/wp-content/dateline-opens-first-paragraph", test_dateline_opens_first_paragraph);
  g_test_add_func ("/wp-content/escaping", test_escaping);
  g_test_add_func ("/wp-content/web-post", test_web_post);
  g_test_add_func ("/wp-content/find-uuid", test_find_uuid);
  g_test_add_func ("/wp-content/hostile", test_hostile);
  g_test_add_func ("/wp-content/plain-text", test_plain_text);

  return g_test_run ();
}
