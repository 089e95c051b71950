/* test-diff.c
 *
 * SPDX-License-Identifier: GPL-3.0-or-later
 */

#include "config.h"

#include <string.h>

#include "nd-diff.h"
#include "nd-paragraphs.h"

/* The old and the new text, put together again from a diff. */
static void
rebuild (GPtrArray  *ops,
         char      **old_text,
         char      **new_text)
{
  GString *old_s = g_string_new (NULL);
  GString *new_s = g_string_new (NULL);

  for (guint i = 0; i < ops->len; i++)
    {
      NdDiffOp *op = g_ptr_array_index (ops, i);

      g_assert_cmpstr (op->text, !=, "");
      if (op->kind != ND_DIFF_INSERT)
        g_string_append (old_s, op->text);
      if (op->kind != ND_DIFF_DELETE)
        g_string_append (new_s, op->text);
    }

  *old_text = g_string_free (old_s, FALSE);
  *new_text = g_string_free (new_s, FALSE);
}

static void
assert_diff (const char *old_text,
             const char *new_text,
             const char *expected)
{
  g_autoptr(GPtrArray) ops = nd_diff_words (old_text, new_text);
  g_autoptr(GString) shown = g_string_new (NULL);
  g_autofree char *old_again = NULL;
  g_autofree char *new_again = NULL;

  rebuild (ops, &old_again, &new_again);
  g_assert_cmpstr (old_again, ==, old_text);
  g_assert_cmpstr (new_again, ==, new_text);

  /* [-deleted-] {+inserted+} as wdiff writes them */
  for (guint i = 0; i < ops->len; i++)
    {
      NdDiffOp *op = g_ptr_array_index (ops, i);

      if (op->kind == ND_DIFF_DELETE)
        g_string_append_printf (shown, "[-%s-]", op->text);
      else if (op->kind == ND_DIFF_INSERT)
        g_string_append_printf (shown, "{+%s+}", op->text);
      else
        g_string_append (shown, op->text);
    }
  g_assert_cmpstr (shown->str, ==, expected);
}

static void
test_tokenize (void)
{
  struct {
    const char *text;
    const char *tokens[16];
  } cases[] = {
    { "Russia's Afghan failure: no allies.",
      { "Russia's", " ", "Afghan", " ", "failure", ":", " ", "no", " ", "allies", ".", NULL } },
    { "«Разблокировать»  талибов —\nзачем?",
      { "«", "Разблокировать", "»", "  ", "талибов", " ", "—", "\n", "зачем", "?", NULL } },
    /* Harakat and the tatweel stay in their word; Arabic punctuation is its own. */
    { "مَوْسِكُو، قــرار؟",
      { "مَوْسِكُو", "،", " ", "قــرار", "؟", NULL } },
    { "ёлка и\u00a0ещё", { "ёлка", " ", "и", "\u00a0", "ещё", NULL } },
    { "", { NULL } },
  };

  for (guint c = 0; c < G_N_ELEMENTS (cases); c++)
    {
      g_autoptr(GPtrArray) tokens = nd_diff_tokenize (cases[c].text);
      guint n = 0;

      while (cases[c].tokens[n] != NULL)
        n++;
      g_assert_cmpuint (tokens->len, ==, n);
      for (guint i = 0; i < n; i++)
        g_assert_cmpstr (g_ptr_array_index (tokens, i), ==, cases[c].tokens[i]);
    }
}

static void
test_words_english (void)
{
  assert_diff ("Moscow's decision reflects strength.",
               "Moscow's decision reflects weakness.",
               "Moscow's decision reflects [-strength-]{+weakness+}.");
  assert_diff ("No allies, no leverage.",
               "No allies, no leverage, no strategy.",
               "No allies, no leverage{+, no strategy+}.");
  assert_diff ("The same text.", "The same text.", "The same text.");
  assert_diff ("", "New text", "{+New text+}");
  assert_diff ("Old text", "", "[-Old text-]");
}

static void
test_words_russian (void)
{
  assert_diff ("Решение Москвы отражает силу.",
               "Решение Кремля отражает слабость.",
               "Решение [-Москвы-]{+Кремля+} отражает [-силу-]{+слабость+}.");
  assert_diff ("Союзников нет.", "Союзников нет, рычагов нет.",
               "Союзников нет{+, рычагов нет+}.");
}

static void
test_words_arabic (void)
{
  assert_diff ("قرار موسكو يعكس القوة.",
               "قرار موسكو يعكس الضعف.",
               "قرار موسكو يعكس [-القوة-]{+الضعف+}.");
  /* A vowel mark added changes the word, and only that word. */
  assert_diff ("لا حلفاء ولا نفوذ", "لا حلفاءَ ولا نفوذ", "لا [-حلفاء-]{+حلفاءَ+} ولا نفوذ");
}

/* Changed words with only spaces between them read as one replacement. */
static void
test_words_grouping (void)
{
  assert_diff ("one two three four", "one six seven four", "one [-two three-]{+six seven+} four");
  assert_diff ("a b c", "x y z", "[-a b c-]{+x y z+}");
  /* A paragraph break stays visible as it is kept. */
  assert_diff ("First.\n\nSecond.", "First.\n\nSecond, longer.", "First.\n\nSecond{+, longer+}.");
}

/* Random edits of multilingual word soup: the diff always gives both texts
 * back, and never marks much more than was changed. */
static void
test_words_random (void)
{
  const char *words[] = {
    "Москва", "талибы", "союзники", "Moscow", "allies", "leverage", "موسكو", "حلفاء", "نفوذ",
    ",", ".", "—", "«", "»", "ёж", "2025", "٢٠٢٥",
  };
  const char *spaces[] = { " ", "  ", "\n", "\n\n", "\u00a0" };
  g_autoptr(GRand) rand = g_rand_new_with_seed (20250430);

  for (guint round = 0; round < 300; round++)
    {
      g_autoptr(GString) a = g_string_new (NULL);
      g_autoptr(GString) b = g_string_new (NULL);
      guint n = g_rand_int_range (rand, 0, 60);
      guint changed = 0;
      g_autoptr(GPtrArray) ops = NULL;
      g_autofree char *old_again = NULL;
      g_autofree char *new_again = NULL;
      gsize changed_words = 0;

      for (guint i = 0; i < n; i++)
        {
          const char *w = words[g_rand_int_range (rand, 0, G_N_ELEMENTS (words))];
          const char *s = spaces[g_rand_int_range (rand, 0, G_N_ELEMENTS (spaces))];
          int what = g_rand_int_range (rand, 0, 10);

          if (what != 0) /* 0: deleted from b */
            g_string_append_printf (b, "%s%s", w, s);
          else
            changed++;
          if (what != 1) /* 1: inserted into b */
            g_string_append_printf (a, "%s%s", w, s);
          else
            changed++;
        }

      ops = nd_diff_words (a->str, b->str);
      rebuild (ops, &old_again, &new_again);
      g_assert_cmpstr (old_again, ==, a->str);
      g_assert_cmpstr (new_again, ==, b->str);

      for (guint i = 0; i < ops->len; i++)
        {
          NdDiffOp *op = g_ptr_array_index (ops, i);
          g_autoptr(GPtrArray) tokens = nd_diff_tokenize (op->text);

          if (op->kind != ND_DIFF_EQUAL)
            for (guint t = 0; t < tokens->len; t++)
              if (!g_unichar_isspace (g_utf8_get_char (g_ptr_array_index (tokens, t))))
                changed_words++;
        }
      /* The edit made changed a word and a space each time; a minimal diff
       * never needs more tokens than that, and grouping only adds spaces. */
      g_assert_cmpuint (changed_words, <=, 2 * changed);
      g_assert_true (nd_diff_has_changes (ops) == !g_str_equal (a->str, b->str));
    }
}

/* With no white space to group, the equal part of a diff is a longest
 * common subsequence of the tokens: compare with the textbook dynamic
 * programme. Each punctuation mark is a token of its own. */
static void
test_words_minimal (void)
{
  const char *marks[] = { ",", ".", "—", "«", "»", "!", "?", "،", "؟" };
  g_autoptr(GRand) rand = g_rand_new_with_seed (7);

  for (guint round = 0; round < 500; round++)
    {
      g_autoptr(GPtrArray) a = g_ptr_array_new ();
      g_autoptr(GPtrArray) b = g_ptr_array_new ();
      g_autoptr(GString) a_text = g_string_new (NULL);
      g_autoptr(GString) b_text = g_string_new (NULL);
      g_autoptr(GPtrArray) ops = NULL;
      g_autofree guint *lcs = NULL;
      guint n = g_rand_int_range (rand, 0, 40);
      guint m = g_rand_int_range (rand, 0, 40);
      guint equal = 0;

      for (guint i = 0; i < n; i++)
        g_ptr_array_add (a, (gpointer) marks[g_rand_int_range (rand, 0, 1 + round % G_N_ELEMENTS (marks))]);
      for (guint j = 0; j < m; j++)
        g_ptr_array_add (b, (gpointer) marks[g_rand_int_range (rand, 0, 1 + round % G_N_ELEMENTS (marks))]);
      for (guint i = 0; i < n; i++)
        g_string_append (a_text, g_ptr_array_index (a, i));
      for (guint j = 0; j < m; j++)
        g_string_append (b_text, g_ptr_array_index (b, j));

      lcs = g_new0 (guint, (n + 1) * (m + 1));
      for (guint i = 1; i <= n; i++)
        for (guint j = 1; j <= m; j++)
          lcs[i * (m + 1) + j] = g_str_equal (g_ptr_array_index (a, i - 1), g_ptr_array_index (b, j - 1))
                                 ? lcs[(i - 1) * (m + 1) + j - 1] + 1
                                 : MAX (lcs[(i - 1) * (m + 1) + j], lcs[i * (m + 1) + j - 1]);

      ops = nd_diff_words (a_text->str, b_text->str);
      for (guint i = 0; i < ops->len; i++)
        {
          NdDiffOp *op = g_ptr_array_index (ops, i);
          g_autoptr(GPtrArray) tokens = nd_diff_tokenize (op->text);

          if (op->kind == ND_DIFF_EQUAL)
            equal += tokens->len;
        }
      g_assert_cmpuint (equal, ==, lcs[n * (m + 1) + m]);
    }
}

/* Whole articles rewritten end to end take linear memory and little time. */
static void
test_words_large (void)
{
  g_autoptr(GString) a = g_string_new (NULL);
  g_autoptr(GString) b = g_string_new (NULL);
  g_autoptr(GPtrArray) ops = NULL;
  g_autofree char *old_again = NULL;
  g_autofree char *new_again = NULL;
  gint64 start;

  for (guint i = 0; i < 8000; i++)
    {
      g_string_append_printf (a, "слово%u ", i);
      g_string_append_printf (b, "كلمة%u ", i);
    }

  start = g_get_monotonic_time ();
  ops = nd_diff_words (a->str, b->str);
  g_assert_cmpint (g_get_monotonic_time () - start, <, 20 * G_USEC_PER_SEC);
  rebuild (ops, &old_again, &new_again);
  g_assert_cmpstr (old_again, ==, a->str);
  g_assert_cmpstr (new_again, ==, b->str);
}

static void
test_invalid_utf8 (void)
{
  g_autoptr(GPtrArray) ops = nd_diff_words ("ok \xff\xfe bad", "ok good");

  for (guint i = 0; i < ops->len; i++)
    g_assert_true (g_utf8_validate (((NdDiffOp *) g_ptr_array_index (ops, i))->text, -1, NULL));
}

static void
test_similarity (void)
{
  g_assert_cmpfloat (nd_diff_similarity ("Текст", "Текст"), ==, 1.0);
  g_assert_cmpfloat (nd_diff_similarity ("", ""), ==, 1.0);
  g_assert_cmpfloat (nd_diff_similarity ("один два", "three four"), ==, 0.0);
  g_assert_cmpfloat (nd_diff_similarity ("قرار موسكو يعكس القوة", "قرار موسكو يعكس الضعف"), >, 0.6);
}

static void
check_markup_text (GMarkupParseContext  *context,
                   const char           *text,
                   gsize                 len,
                   gpointer              user_data,
                   GError              **error)
{
  g_string_append_len (user_data, text, len);
}

static void
test_markup (void)
{
  g_autoptr(GPtrArray) ops = nd_diff_words ("x <b> \"y\"", "x &amp; 'y' ا");
  g_autofree char *markup = nd_diff_to_markup (ops);
  g_autofree char *wrapped = g_strconcat ("<markup>", markup, "</markup>", NULL);
  g_autoptr(GString) text = g_string_new (NULL);
  GMarkupParser parser = { NULL, NULL, check_markup_text, NULL, NULL };
  g_autoptr(GMarkupParseContext) context = g_markup_parse_context_new (&parser, 0, text, NULL);
  g_autoptr(GError) error = NULL;

  /* Well-formed, and the text inside is the old and the new text mixed. */
  g_markup_parse_context_parse (context, wrapped, -1, &error);
  g_assert_no_error (error);
  g_markup_parse_context_end_parse (context, &error);
  g_assert_no_error (error);
  g_assert_cmpstr (text->str, ==, "x <b> \"&amp; 'y\"' ا");
  g_assert_nonnull (strstr (markup, "strikethrough=\"true\">&lt;b&gt; &quot;</span>"));
  g_assert_nonnull (strstr (markup, "underline=\"single\">&amp;amp; &apos;</span>"));
  g_assert_null (strstr (markup, "<b>"));
}

static GPtrArray *
split (const char *body)
{
  return nd_paragraphs_split (body);
}

static void
assert_block_diff (GArray        *diff,
                   guint          i,
                   NdBlockChange  change,
                   int            old_index,
                   int            new_index)
{
  const NdBlockDiff *entry;

  g_assert_cmpuint (i, <, diff->len);
  entry = &g_array_index (diff, NdBlockDiff, i);
  g_assert_cmpint (entry->change, ==, change);
  g_assert_cmpint (entry->old_index, ==, old_index);
  g_assert_cmpint (entry->new_index, ==, new_index);
}

static const char *ru_v1 =
  "Решение Москвы отражает не силу, а слабость.\n\n"
  "У России нет союзников в регионе.\n\n"
  "Рычагов влияния тоже нет.";

static void
test_blocks_changed (void)
{
  g_autoptr(GPtrArray) old_blocks = split (ru_v1);
  g_autoptr(GPtrArray) new_blocks = split ("Решение Москвы отражает не силу, а слабость.\n\n"
                                           "У России нет ни союзников, ни друзей в регионе.\n\n"
                                           "Рычагов   влияния\nтоже нет.\n");
  g_autoptr(GArray) diff = nd_diff_blocks (old_blocks, new_blocks);

  g_assert_cmpuint (diff->len, ==, 3);
  assert_block_diff (diff, 0, ND_BLOCK_UNCHANGED, 0, 0);
  assert_block_diff (diff, 1, ND_BLOCK_CHANGED, 1, 1);
  /* White space does not change a paragraph. */
  assert_block_diff (diff, 2, ND_BLOCK_UNCHANGED, 2, 2);
}

static void
test_blocks_added_removed (void)
{
  g_autoptr(GPtrArray) old_blocks = split (ru_v1);
  g_autoptr(GPtrArray) added = split ("Решение Москвы отражает не силу, а слабость.\n\n"
                                      "Новый абзац про Пакистан.\n\n"
                                      "У России нет союзников в регионе.\n\n"
                                      "Рычагов влияния тоже нет.");
  g_autoptr(GPtrArray) removed = split ("Решение Москвы отражает не силу, а слабость.\n\n"
                                        "Рычагов влияния тоже нет.");
  g_autoptr(GPtrArray) rewritten = split ("Решение Москвы отражает не силу, а слабость.\n\n"
                                          "Совсем другая мысль, иными словами.\n\n"
                                          "Рычагов влияния тоже нет.");
  g_autoptr(GArray) d_added = nd_diff_blocks (old_blocks, added);
  g_autoptr(GArray) d_removed = nd_diff_blocks (old_blocks, removed);
  g_autoptr(GArray) d_rewritten = nd_diff_blocks (old_blocks, rewritten);

  g_assert_cmpuint (d_added->len, ==, 4);
  assert_block_diff (d_added, 0, ND_BLOCK_UNCHANGED, 0, 0);
  assert_block_diff (d_added, 1, ND_BLOCK_NEW, -1, 1);
  assert_block_diff (d_added, 2, ND_BLOCK_UNCHANGED, 1, 2);
  assert_block_diff (d_added, 3, ND_BLOCK_UNCHANGED, 2, 3);

  g_assert_cmpuint (d_removed->len, ==, 3);
  assert_block_diff (d_removed, 0, ND_BLOCK_UNCHANGED, 0, 0);
  assert_block_diff (d_removed, 1, ND_BLOCK_REMOVED, 1, -1);
  assert_block_diff (d_removed, 2, ND_BLOCK_UNCHANGED, 2, 1);

  /* Nothing in common: the old paragraph went, a new one came. */
  g_assert_cmpuint (d_rewritten->len, ==, 4);
  assert_block_diff (d_rewritten, 1, ND_BLOCK_REMOVED, 1, -1);
  assert_block_diff (d_rewritten, 2, ND_BLOCK_NEW, -1, 1);
}

static void
assert_row (GArray        *rows,
            guint          i,
            int            source,
            int            target,
            NdBlockChange  change)
{
  const NdTranslationRow *row;

  g_assert_cmpuint (i, <, rows->len);
  row = &g_array_index (rows, NdTranslationRow, i);
  g_assert_cmpint (row->source, ==, source);
  g_assert_cmpint (row->target, ==, target);
  g_assert_cmpint (row->change, ==, change);
}

static const char *ar_v1 =
  "قرار موسكو لا يعكس القوة بل الضعف.\n\n"
  "ليس لروسيا حلفاء في المنطقة.\n\n"
  "ولا أدوات نفوذ أيضا.";

static void
test_translation_rows (void)
{
  g_autoptr(GPtrArray) old_source = split (ru_v1);
  g_autoptr(GPtrArray) target = split (ar_v1);
  g_autoptr(GPtrArray) changed = split ("Решение Москвы отражает не силу, а слабость.\n\n"
                                        "У России нет ни союзников, ни друзей в регионе.\n\n"
                                        "Рычагов влияния тоже нет.");
  g_autoptr(GPtrArray) inserted = split ("Решение Москвы отражает не силу, а слабость.\n\n"
                                         "Новый абзац про Пакистан.\n\n"
                                         "У России нет союзников в регионе.\n\n"
                                         "Рычагов влияния тоже нет.");
  g_autoptr(GPtrArray) removed = split ("Решение Москвы отражает не силу, а слабость.\n\n"
                                        "Рычагов влияния тоже нет.");
  g_autoptr(GArray) up_to_date = nd_diff_translation_rows (NULL, old_source, target);
  g_autoptr(GArray) r_changed = nd_diff_translation_rows (old_source, changed, target);
  g_autoptr(GArray) r_inserted = nd_diff_translation_rows (old_source, inserted, target);
  g_autoptr(GArray) r_removed = nd_diff_translation_rows (old_source, removed, target);

  g_assert_cmpuint (up_to_date->len, ==, 3);
  for (guint i = 0; i < 3; i++)
    assert_row (up_to_date, i, i, i, ND_BLOCK_UNCHANGED);

  g_assert_cmpuint (r_changed->len, ==, 3);
  assert_row (r_changed, 0, 0, 0, ND_BLOCK_UNCHANGED);
  assert_row (r_changed, 1, 1, 1, ND_BLOCK_CHANGED);
  assert_row (r_changed, 2, 2, 2, ND_BLOCK_UNCHANGED);

  /* The new paragraph waits for its translation between the others,
   * which stay beside their translations. */
  g_assert_cmpuint (r_inserted->len, ==, 4);
  assert_row (r_inserted, 0, 0, 0, ND_BLOCK_UNCHANGED);
  assert_row (r_inserted, 1, 1, -1, ND_BLOCK_NEW);
  assert_row (r_inserted, 2, 2, 1, ND_BLOCK_UNCHANGED);
  assert_row (r_inserted, 3, 3, 2, ND_BLOCK_UNCHANGED);

  /* The translation of a removed paragraph stays in view. */
  g_assert_cmpuint (r_removed->len, ==, 3);
  assert_row (r_removed, 0, 0, 0, ND_BLOCK_UNCHANGED);
  assert_row (r_removed, 1, -1, 1, ND_BLOCK_REMOVED);
  assert_row (r_removed, 2, 1, 2, ND_BLOCK_UNCHANGED);
}

/* A translation with a paragraph of its own keeps it in its place. */
static void
test_translation_rows_extra_target (void)
{
  g_autoptr(GPtrArray) old_source = split ("One.\n\nTwo.");
  g_autoptr(GPtrArray) source = split ("One.\n\nTwo, changed.");
  g_autoptr(GPtrArray) target = split ("Один.\n\n## Врезка от переводчика с длинным заголовком\n\nДва.");
  g_autoptr(GArray) rows = nd_diff_translation_rows (old_source, source, target);

  g_assert_cmpuint (rows->len, ==, 3);
  assert_row (rows, 0, 0, 0, ND_BLOCK_UNCHANGED);
  assert_row (rows, 1, -1, 1, ND_BLOCK_UNCHANGED);
  assert_row (rows, 2, 1, 2, ND_BLOCK_CHANGED);
}

int
main (int   argc,
      char *argv[])
{
  g_test_init (&argc, &argv, NULL);

  g_test_add_func ("/diff/tokenize", test_tokenize);
  g_test_add_func ("/diff/words/english", test_words_english);
  g_test_add_func ("/diff/words/russian", test_words_russian);
  g_test_add_func ("/diff/words/arabic", test_words_arabic);
  g_test_add_func ("/diff/words/grouping", test_words_grouping);
  g_test_add_func ("/diff/words/random", test_words_random);
  g_test_add_func ("/diff/words/minimal", test_words_minimal);
  g_test_add_func ("/diff/words/large", test_words_large);
  g_test_add_func ("/diff/words/invalid-utf8", test_invalid_utf8);
  g_test_add_func ("/diff/similarity", test_similarity);
  g_test_add_func ("/diff/markup", test_markup);
  g_test_add_func ("/diff/blocks/changed", test_blocks_changed);
  g_test_add_func ("/diff/blocks/added-removed", test_blocks_added_removed);
  g_test_add_func ("/diff/translation-rows", test_translation_rows);
  g_test_add_func ("/diff/translation-rows/extra-target", test_translation_rows_extra_target);

  return g_test_run ();
}
