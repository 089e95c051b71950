/* test-text-stats.c
 *
 * SPDX-License-Identifier: GPL-3.0-or-later
 */

#include "config.h"

#include "nd-dateline.h"
#include "nd-text-stats.h"

static void
test_word_count (void)
{
  static const struct { const char *text; guint words; } cases[] = {
    { "", 0 },
    { "   \n\n ", 0 },
    { "Russia's Afghan failure", 3 },
    { "No allies, no leverage, no strategy.", 6 },
    { "well-known d'Artagnan", 2 },
    { "Решение Москвы — ещё одна ошибка.", 5 },
    /* Harakat and tatweel belong to their word. */
    { "كَتَبَ الطالبُ الدرسَ", 3 },
    { "كتـــاب جديد", 2 },
    { "2025 год, 30 апреля", 4 },
    { "٢٠٢٥ عام", 2 },
  };

  for (guint i = 0; i < G_N_ELEMENTS (cases); i++)
    g_assert_cmpuint (nd_text_count_words (cases[i].text), ==, cases[i].words);
}

static void
test_markdown_words (void)
{
  /* Link targets and markup are not words a reader sees. */
  g_assert_cmpuint (nd_text_count_markdown_words ("**Bold** and *italic* with a [link](https://example.org/a/b/c).\n\n- one\n- two"), ==, 8);
  g_assert_cmpuint (nd_text_count_markdown_words ("## Подзаголовок\n\n> Цитата из речи"), ==, 4);
}

static void
test_reading_time (void)
{
  g_assert_cmpuint (nd_text_reading_minutes (0), ==, 0);
  g_assert_cmpuint (nd_text_reading_minutes (1), ==, 1);
  g_assert_cmpuint (nd_text_reading_minutes (200), ==, 1);
  g_assert_cmpuint (nd_text_reading_minutes (201), ==, 2);
  g_assert_cmpuint (nd_text_reading_minutes (5000), ==, 25);
}

static void
test_plain_text (void)
{
  g_autofree char *plain = nd_text_plain_from_markdown ("First *paragraph*\nwraps.\n\n## Heading\n\n- item [link](http://x)");

  g_assert_cmpstr (plain, ==, "First paragraph wraps.\n\nHeading\n\nitem link");
}

static void
test_teaser (void)
{
  g_autofree char *short_teaser = nd_text_teaser ("Short body.", ND_TEASER_LENGTH);
  g_autofree char *teaser = NULL;
  g_autofree char *arabic = NULL;
  const char *body =
    "Russia’s greatest weakness today may well be its lack of allies. Apart from a possible exception "
    "in North Korea, there is no country willing to die for Russia’s interests—anywhere.\n\n"
    "In this regard, Russia stands at a disadvantage.";

  g_assert_cmpstr (short_teaser, ==, "Short body.");

  /* Cut at a word boundary within the limit, no dangling punctuation, then
   * "..." as the site shows it. */
  teaser = nd_text_teaser (body, ND_TEASER_LENGTH);
  g_assert_true (g_str_has_suffix (teaser, "..."));
  g_assert_cmpint (g_utf8_strlen (teaser, -1), <=, ND_TEASER_LENGTH + 3);
  g_assert_cmpstr (teaser, ==,
                   "Russia’s greatest weakness today may well be its lack of allies. Apart from a possible "
                   "exception in North Korea, there is no country willing to die...");

  /* Characters, not bytes: an Arabic teaser is not cut in half. */
  arabic = nd_text_teaser ("قرار موسكو يعكس الارتباك الاستراتيجي وليس القوة، ويكشف عزلة روسيا "
                           "وانهيار طموحاتها الإقليمية في آسيا الوسطى وأفغانستان والشرق الأوسط كله "
                           "منذ سنوات طويلة من المحاولات الفاشلة", 60);
  g_assert_true (g_utf8_validate (arabic, -1, NULL));
  g_assert_cmpint (g_utf8_strlen (arabic, -1), <=, 63);
  g_assert_true (g_str_has_suffix (arabic, "..."));
}

static void
test_dateline (void)
{
  g_autofree char *en = nd_dateline_render ("{CITY} ({PUBLICATION}).", "Moscow", "Realist English");
  g_autofree char *ru = nd_dateline_render ("{CITY} ({PUBLICATION}).", " Москва ", "Реалист");
  g_autofree char *ar = nd_dateline_render ("{City} ({PUBLICATION}).", "موسكو", "رياليست");
  g_autofree char *none = nd_dateline_render ("{CITY} ({PUBLICATION}).", "  ", "Realist English");

  g_assert_cmpstr (en, ==, "MOSCOW (Realist English).");
  g_assert_cmpstr (ru, ==, "МОСКВА (Реалист).");
  g_assert_cmpstr (ar, ==, "موسكو (رياليست).");
  g_assert_cmpstr (none, ==, "");
}

int
main (int   argc,
      char *argv[])
{
  g_test_init (&argc, &argv, NULL);

  g_test_add_func ("/text/word-count", test_word_count);
  g_test_add_func ("/text/markdown-words", test_markdown_words);
  g_test_add_func ("/text/reading-time", test_reading_time);
  g_test_add_func ("/text/plain-text", test_plain_text);
  g_test_add_func ("/text/teaser", test_teaser);
  g_test_add_func ("/text/dateline", test_dateline);

  return g_test_run ();
}
