/* test-paragraphs.c
 *
 * SPDX-License-Identifier: GPL-3.0-or-later
 */

#include "config.h"

#include <string.h>

#include "nd-paragraphs.h"

static NdBlock *
block_at (GPtrArray *blocks,
          guint      i)
{
  g_assert_cmpuint (i, <, blocks->len);
  return g_ptr_array_index (blocks, i);
}

/* Every block's text is the body's bytes at its range. */
static void
assert_ranges (const char *body,
               GPtrArray  *blocks)
{
  gsize previous_end = 0;

  for (guint i = 0; i < blocks->len; i++)
    {
      NdBlock *block = block_at (blocks, i);

      g_assert_cmpuint (block->start, >=, previous_end);
      g_assert_cmpuint (block->end, >, block->start);
      g_assert_cmpuint (block->end, <=, strlen (body));
      g_assert_cmpuint (strlen (block->text), ==, block->end - block->start);
      g_assert_true (memcmp (body + block->start, block->text, block->end - block->start) == 0);
      g_assert_true (g_utf8_validate (block->text, -1, NULL));
      previous_end = block->end;
    }
}

static void
test_split_russian (void)
{
  const char *body =
    "МОСКВА (Реалист). Решение Москвы «разблокировать» талибов\n"
    "отражает не силу, а слабость.\n"
    "\n"
    "Второй абзац: союзников нет.\n"
    "\n\n\n"
    "Третий абзац — рычагов тоже нет.\n";
  g_autoptr(GPtrArray) blocks = nd_paragraphs_split (body);

  g_assert_cmpuint (blocks->len, ==, 3);
  assert_ranges (body, blocks);
  g_assert_cmpstr (block_at (blocks, 0)->text, ==,
                   "МОСКВА (Реалист). Решение Москвы «разблокировать» талибов\n"
                   "отражает не силу, а слабость.");
  g_assert_cmpstr (block_at (blocks, 1)->text, ==, "Второй абзац: союзников нет.");
  g_assert_cmpstr (block_at (blocks, 2)->text, ==, "Третий абзац — рычагов тоже нет.");
  for (guint i = 0; i < 3; i++)
    g_assert_cmpint (block_at (blocks, i)->kind, ==, ND_BLOCK_PARAGRAPH);
}

static void
test_split_arabic (void)
{
  const char *body =
    "مَوسكو (ريالست). قرار موسكو «رفع الحظر» عن طالبان.\n"
    "\n"
    "## لا حلفاء\n"
    "\n"
    "الفقرة الثانية، بلا نفوذ.\n";
  g_autoptr(GPtrArray) blocks = nd_paragraphs_split (body);

  g_assert_cmpuint (blocks->len, ==, 3);
  assert_ranges (body, blocks);
  g_assert_cmpint (block_at (blocks, 1)->kind, ==, ND_BLOCK_HEADING);
  g_assert_cmpint (block_at (blocks, 1)->level, ==, 2);
  g_assert_cmpstr (block_at (blocks, 1)->text, ==, "## لا حلفاء");
  g_assert_cmpstr (block_at (blocks, 2)->text, ==, "الفقرة الثانية، بلا نفوذ.");
}

static void
test_split_containers (void)
{
  const char *body =
    "Intro line\n"
    "\n"
    "- first item\n"
    "\n"
    "- second item, loose\n"
    "\n"
    "  continued in the item\n"
    "\n"
    "> A quote\n"
    ">\n"
    "> in two paragraphs\n"
    "\n"
    "```\n"
    "code\n"
    "\n"
    "more code\n"
    "```\n"
    "\n"
    "# Heading\n"
    "Paragraph right under it\n"
    "\n"
    "***\n"
    "\n"
    "[realist]: https://realtribune.ru\n"
    "\n"
    "Last";
  g_autoptr(GPtrArray) blocks = nd_paragraphs_split (body);
  const NdBlockKind kinds[] = {
    ND_BLOCK_PARAGRAPH, ND_BLOCK_LIST, ND_BLOCK_QUOTE, ND_BLOCK_CODE, ND_BLOCK_HEADING,
    ND_BLOCK_PARAGRAPH, ND_BLOCK_RULE, ND_BLOCK_OTHER, ND_BLOCK_PARAGRAPH,
  };

  g_assert_cmpuint (blocks->len, ==, G_N_ELEMENTS (kinds));
  assert_ranges (body, blocks);
  for (guint i = 0; i < G_N_ELEMENTS (kinds); i++)
    g_assert_cmpint (block_at (blocks, i)->kind, ==, kinds[i]);

  g_assert_cmpstr (block_at (blocks, 1)->text, ==,
                   "- first item\n\n- second item, loose\n\n  continued in the item");
  g_assert_cmpstr (block_at (blocks, 2)->text, ==, "> A quote\n>\n> in two paragraphs");
  g_assert_cmpstr (block_at (blocks, 3)->text, ==, "```\ncode\n\nmore code\n```");
  g_assert_cmpstr (block_at (blocks, 4)->text, ==, "# Heading");
  g_assert_cmpint (block_at (blocks, 4)->level, ==, 1);
  g_assert_cmpstr (block_at (blocks, 7)->text, ==, "[realist]: https://realtribune.ru");
  g_assert_cmpstr (block_at (blocks, 8)->text, ==, "Last");
}

static void
test_split_line_endings (void)
{
  const char *body = "Title\r\n=====\r\n\r\nOne\r\ntwo\r\n\r\n\r\nThree";
  g_autoptr(GPtrArray) blocks = nd_paragraphs_split (body);

  g_assert_cmpuint (blocks->len, ==, 3);
  assert_ranges (body, blocks);
  g_assert_cmpint (block_at (blocks, 0)->kind, ==, ND_BLOCK_HEADING);
  g_assert_cmpstr (block_at (blocks, 0)->text, ==, "Title\r\n=====");
  g_assert_cmpstr (block_at (blocks, 1)->text, ==, "One\r\ntwo");
  g_assert_cmpstr (block_at (blocks, 2)->text, ==, "Three");
}

static void
test_split_empty (void)
{
  g_autoptr(GPtrArray) none = nd_paragraphs_split (NULL);
  g_autoptr(GPtrArray) empty = nd_paragraphs_split ("");
  g_autoptr(GPtrArray) blank = nd_paragraphs_split ("  \n\n\t\n");

  g_assert_cmpuint (none->len, ==, 0);
  g_assert_cmpuint (empty->len, ==, 0);
  g_assert_cmpuint (blank->len, ==, 0);
}

static void
test_join (void)
{
  const char *texts[] = {
    "\n\nFirst paragraph  \n",
    "",
    "   \n",
    "    indented code\n    second line",
    "Последний абзац\n\n",
  };
  g_autofree char *body = nd_paragraphs_join (texts, G_N_ELEMENTS (texts));
  g_autofree char *none = nd_paragraphs_join (NULL, 0);

  g_assert_cmpstr (body, ==,
                   "First paragraph\n\n"
                   "    indented code\n    second line\n\n"
                   "Последний абзац");
  g_assert_cmpstr (none, ==, "");
}

/* Splitting a tidy body and joining it again gives the body back; an untidy
 * one keeps every word. */
static void
test_round_trip (void)
{
  const char *tidy =
    "Paragraph one\nwith two lines\n\n"
    "- item\n- item\n\n"
    "> quote\n>\n> more\n\n"
    "[ref]: https://example.com\n\n"
    "المقطع الأخير";
  const char *untidy = "\n\n  Text\n\n\n\n# Head\nBody under head\n\n\n";
  g_autoptr(GPtrArray) tidy_blocks = nd_paragraphs_split (tidy);
  g_autoptr(GPtrArray) untidy_blocks = nd_paragraphs_split (untidy);
  g_autofree char *tidy_again = nd_paragraphs_join_blocks (tidy_blocks);
  g_autofree char *untidy_again = nd_paragraphs_join_blocks (untidy_blocks);

  g_assert_cmpstr (tidy_again, ==, tidy);
  g_assert_cmpstr (untidy_again, ==, "  Text\n\n# Head\n\nBody under head");
}

static GPtrArray *
make_blocks (const char *first,
             ...)
{
  GPtrArray *blocks = g_ptr_array_new_with_free_func ((GDestroyNotify) nd_block_free);
  va_list args;

  va_start (args, first);
  for (const char *text = first; text != NULL; text = va_arg (args, const char *))
    {
      g_autoptr(GPtrArray) parsed = nd_paragraphs_split (text);

      g_assert_cmpuint (parsed->len, ==, 1);
      g_ptr_array_add (blocks, nd_block_copy (g_ptr_array_index (parsed, 0)));
    }
  va_end (args);

  return blocks;
}

static void
assert_pairs (GArray    *pairs,
              const int *expected,
              guint      n_expected)
{
  g_assert_cmpuint (pairs->len, ==, n_expected / 2);
  for (guint i = 0; i < pairs->len; i++)
    {
      const NdBlockPair *pair = &g_array_index (pairs, NdBlockPair, i);

      g_assert_cmpint (pair->source, ==, expected[2 * i]);
      g_assert_cmpint (pair->target, ==, expected[2 * i + 1]);
    }
}

static void
test_align_same_count (void)
{
  g_autoptr(GPtrArray) ru = make_blocks ("Первый абзац.", "Второй абзац, подлиннее первого.", "Третий.", NULL);
  g_autoptr(GPtrArray) ar = make_blocks ("الفقرة الأولى.", "الفقرة الثانية، أطول من الأولى.", "الثالثة.", NULL);
  g_autoptr(GArray) pairs = nd_paragraphs_align (ru, ar);
  const int expected[] = { 0, 0, 1, 1, 2, 2 };

  assert_pairs (pairs, expected, G_N_ELEMENTS (expected));
}

/* A translation not finished yet: its paragraphs face the first ones of the
 * source, the rest face empty slots. */
static void
test_align_unfinished (void)
{
  g_autoptr(GPtrArray) ru = make_blocks ("Москва заявила о переговорах с движением.",
                                         "Эксперты сомневаются в их успехе и говорят об этом открыто.",
                                         "Третий абзац статьи.",
                                         "Четвёртый, последний абзац.",
                                         NULL);
  g_autoptr(GPtrArray) en = make_blocks ("Moscow announced talks with the movement.",
                                         "Experts doubt they will succeed and say so openly.",
                                         NULL);
  g_autoptr(GArray) pairs = nd_paragraphs_align (ru, en);
  g_autoptr(GArray) reverse = nd_paragraphs_align (en, ru);
  const int expected[] = { 0, 0, 1, 1, 2, -1, 3, -1 };
  const int expected_reverse[] = { 0, 0, 1, 1, -1, 2, -1, 3 };

  assert_pairs (pairs, expected, G_N_ELEMENTS (expected));
  assert_pairs (reverse, expected_reverse, G_N_ELEMENTS (expected_reverse));
}

/* The second section's heading is matched with the other heading although
 * a paragraph of the first section is missing from the translation. */
static void
test_align_headings (void)
{
  g_autoptr(GPtrArray) ru = make_blocks ("## Союзники",
                                         "У Москвы нет союзников в регионе, и это видно по голосованиям.",
                                         "Дополнительный абзац о Пакистане и Иране, куда длиннее остальных: "
                                         "в нём и история переговоров, и позиции соседей, и выводы.",
                                         "## Рычаги",
                                         "Рычагов влияния тоже нет.",
                                         NULL);
  g_autoptr(GPtrArray) ar = make_blocks ("## الحلفاء",
                                         "ليس لموسكو حلفاء في المنطقة، ويظهر ذلك في التصويت.",
                                         "## النفوذ",
                                         "ولا أدوات نفوذ أيضا.",
                                         NULL);
  g_autoptr(GArray) pairs = nd_paragraphs_align (ru, ar);
  const int expected[] = { 0, 0, 1, 1, 2, -1, 3, 2, 4, 3 };

  assert_pairs (pairs, expected, G_N_ELEMENTS (expected));
}

/* Numbers survive translation, in Arabic-Indic digits too. */
static void
test_align_numbers (void)
{
  g_autoptr(GPtrArray) en = make_blocks ("In 2019 the talks began in Doha.",
                                         "In 2020 an agreement was signed.",
                                         "By 2021 the troops had left.",
                                         NULL);
  g_autoptr(GPtrArray) ar = make_blocks ("في عام ٢٠١٩ بدأت المحادثات في الدوحة.",
                                         "وبحلول عام ٢٠٢١ غادرت القوات.",
                                         NULL);
  g_autoptr(GArray) pairs = nd_paragraphs_align (en, ar);
  const int expected[] = { 0, 0, 1, -1, 2, 1 };

  assert_pairs (pairs, expected, G_N_ELEMENTS (expected));
}

static void
test_align_empty (void)
{
  g_autoptr(GPtrArray) none = g_ptr_array_new_with_free_func ((GDestroyNotify) nd_block_free);
  g_autoptr(GPtrArray) two = make_blocks ("One.", "Two.", NULL);
  g_autoptr(GArray) left = nd_paragraphs_align (two, none);
  g_autoptr(GArray) right = nd_paragraphs_align (none, two);
  g_autoptr(GArray) neither = nd_paragraphs_align (none, none);
  const int expected_left[] = { 0, -1, 1, -1 };
  const int expected_right[] = { -1, 0, -1, 1 };

  assert_pairs (left, expected_left, G_N_ELEMENTS (expected_left));
  assert_pairs (right, expected_right, G_N_ELEMENTS (expected_right));
  g_assert_cmpuint (neither->len, ==, 0);
}

static void
test_is_blank (void)
{
  g_assert_true (nd_paragraphs_is_blank (NULL));
  g_assert_true (nd_paragraphs_is_blank (""));
  g_assert_true (nd_paragraphs_is_blank (" \n\t\u00a0"));
  g_assert_false (nd_paragraphs_is_blank (" а "));
}

int
main (int   argc,
      char *argv[])
{
  g_test_init (&argc, &argv, NULL);

  g_test_add_func ("/paragraphs/split/russian", test_split_russian);
  g_test_add_func ("/paragraphs/split/arabic", test_split_arabic);
  g_test_add_func ("/paragraphs/split/containers", test_split_containers);
  g_test_add_func ("/paragraphs/split/line-endings", test_split_line_endings);
  g_test_add_func ("/paragraphs/split/empty", test_split_empty);
  g_test_add_func ("/paragraphs/join", test_join);
  g_test_add_func ("/paragraphs/round-trip", test_round_trip);
  g_test_add_func ("/paragraphs/align/same-count", test_align_same_count);
  g_test_add_func ("/paragraphs/align/unfinished", test_align_unfinished);
  g_test_add_func ("/paragraphs/align/headings", test_align_headings);
  g_test_add_func ("/paragraphs/align/numbers", test_align_numbers);
  g_test_add_func ("/paragraphs/align/empty", test_align_empty);
  g_test_add_func ("/paragraphs/is-blank", test_is_blank);

  return g_test_run ();
}
