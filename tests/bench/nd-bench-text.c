/* nd-bench-text.c
 *
 * SPDX-License-Identifier: GPL-3.0-or-later
 */

#include "config.h"

#include <math.h>
#include <string.h>

#include "nd-bench-text.h"
#include "nd-text-fold.h"

struct _NdBenchVocabulary
{
  char      *lang;
  GPtrArray *words;   /* by rank, most frequent first */
  double    *cdf;     /* cumulative Zipf weights, cdf[size - 1] == 1 */
  guint      size;
};

/* The most frequent words of each language are real ones, so the commonest
 * search terms look like what editors type. */
static const char *const function_words_ru[] = {
  "и", "в", "не", "на", "что", "с", "по", "как", "это", "он", "к", "из", "у", "за", "о",
  "от", "для", "же", "так", "но", "мы", "все", "она", "они", "было", "год", "при", "ещё",
  "уже", "также", "после", "более", "того", "только", "заявил", "президент", "россии",
  "правительство", "года", "время", "сообщил", "министр", "может", "чтобы", "будет",
  "её", "всё", "тем", "новых", "даже",
};

static const char *const function_words_en[] = {
  "the", "of", "and", "to", "a", "in", "is", "that", "for", "on", "was", "with", "he", "as",
  "it", "by", "at", "from", "his", "be", "have", "are", "said", "not", "this", "an", "has",
  "but", "they", "were", "which", "who", "had", "been", "its", "would", "will", "their",
  "after", "also", "more", "one", "two", "new", "year", "people", "over", "government",
  "president", "minister",
};

static const char *const function_words_ar[] = {
  "في", "من", "على", "إلى", "أن", "عن", "مع", "التي", "الذي", "هذا", "هذه", "كان", "قد",
  "ما", "لا", "بين", "بعد", "وقال", "وزير", "الرئيس", "الحكومة", "أو", "كما", "ذلك", "عام",
  "خلال", "حيث", "إن", "لم", "منذ", "عند", "حتى", "أكثر", "الدولة", "روسيا", "وأضاف",
  "العالم", "الوزراء", "اليوم", "المتحدة", "الأمن", "يوم", "أيضا", "لكن", "قبل", "كل", "إذا",
  "وفي", "الذين", "مصر",
};

static const char *const onsets_ru[] = {
  "", "б", "в", "г", "д", "ж", "з", "к", "л", "м", "н", "п", "р", "с", "т", "ф", "х", "ц",
  "ч", "ш", "щ", "ст", "пр", "кр", "тр", "др", "гр", "св", "сл", "зн", "пл", "вл", "бр",
};
static const char *const vowels_ru[] = {
  "а", "а", "о", "о", "о", "е", "е", "и", "и", "у", "ы", "я", "ю", "ё", "э",
};
static const char *const codas_ru[] = {
  "", "", "", "", "н", "р", "л", "с", "т", "к", "м", "й", "ст", "нь", "ль", "рь",
};
static const char *const endings_ru[] = {
  "", "", "", "ый", "ая", "ое", "ие", "ов", "ев", "ть", "ся", "ом", "ами", "ах", "ия",
  "ость", "ение", "ский", "ская", "ник", "ка", "ёнок", "ёт",
};

static const char *const onsets_en[] = {
  "", "b", "c", "d", "f", "g", "h", "j", "k", "l", "m", "n", "p", "r", "s", "t", "v", "w",
  "st", "tr", "pl", "gr", "ch", "sh", "th", "br", "cr", "dr", "fl", "sp", "str", "qu",
};
static const char *const vowels_en[] = {
  "a", "a", "e", "e", "e", "i", "i", "o", "o", "u", "ai", "ea", "ee", "oo", "ou", "y",
};
static const char *const codas_en[] = {
  "", "", "", "n", "r", "s", "t", "l", "nd", "st", "ng", "ck", "rt", "m", "x", "ld",
};
static const char *const endings_en[] = {
  "", "", "", "", "s", "ed", "ing", "er", "ion", "ment", "ity", "al", "ly", "ness", "ist",
};
static const char *const accents_en[][2] = {
  { "e", "é" }, { "e", "è" }, { "a", "á" }, { "o", "ö" }, { "u", "ü" }, { "i", "ï" },
  { "c", "ç" }, { "n", "ñ" }, { "a", "ã" },
};

static const char *const consonants_ar[] = {
  "ب", "ت", "ج", "ح", "خ", "د", "ر", "ز", "س", "ش", "ص", "ض", "ط", "ع", "غ", "ف", "ق", "ك",
  "ل", "م", "ن", "ه", "و", "ي", "ث", "ذ", "ظ",
};
static const char *const long_vowels_ar[] = { "", "", "", "ا", "و", "ي" };
static const char *const endings_ar[] = { "", "", "", "ة", "ات", "ون", "ين", "ي", "ية", "ى" };
static const char *const starts_ar[] = { "", "", "", "", "م", "ت", "أ", "إ", "آ", "است" };
static const char *const harakat_ar[] = { "\u064E", "\u064F", "\u0650", "\u0652", "\u0651", "\u064B" };

static const char *
pick (GRand             *rand,
      const char *const *items,
      guint              n_items)
{
  return items[g_rand_int_range (rand, 0, n_items)];
}

#define PICK(rand, array) pick ((rand), (array), G_N_ELEMENTS (array))

static void
make_word_ru (GRand   *rand,
              GString *out)
{
  guint n = g_rand_int_range (rand, 1, 4);

  for (guint i = 0; i < n; i++)
    {
      g_string_append (out, PICK (rand, onsets_ru));
      g_string_append (out, PICK (rand, vowels_ru));
      if (i + 1 == n || g_rand_int_range (rand, 0, 3) == 0)
        g_string_append (out, PICK (rand, codas_ru));
    }
  g_string_append (out, PICK (rand, endings_ru));
}

static void
make_word_en (GRand   *rand,
              GString *out)
{
  guint n = g_rand_int_range (rand, 1, 4);

  for (guint i = 0; i < n; i++)
    {
      g_string_append (out, PICK (rand, onsets_en));
      g_string_append (out, PICK (rand, vowels_en));
      if (i + 1 == n || g_rand_int_range (rand, 0, 3) == 0)
        g_string_append (out, PICK (rand, codas_en));
    }
  g_string_append (out, PICK (rand, endings_en));

  /* Loanwords and names: café, Gdańsk, naïve. */
  if (g_rand_int_range (rand, 0, 50) == 0)
    {
      guint a = g_rand_int_range (rand, 0, G_N_ELEMENTS (accents_en));
      char *at = strstr (out->str, accents_en[a][0]);

      if (at != NULL)
        {
          gsize position = at - out->str;

          g_string_erase (out, position, 1);
          g_string_insert (out, position, accents_en[a][1]);
        }
    }
}

static void
make_word_ar (GRand   *rand,
              GString *out)
{
  guint n = g_rand_int_range (rand, 2, 4);

  if (g_rand_int_range (rand, 0, 10) < 3)
    g_string_append (out, "ال");
  g_string_append (out, PICK (rand, starts_ar));
  for (guint i = 0; i < n; i++)
    {
      g_string_append (out, PICK (rand, consonants_ar));
      if (i + 1 < n)
        g_string_append (out, PICK (rand, long_vowels_ar));
    }
  g_string_append (out, PICK (rand, endings_ar));
}

static void
capitalize (GString *word)
{
  gunichar first = g_utf8_get_char (word->str);
  char upper[8];
  int length;
  gsize old_length;

  if (!g_unichar_islower (first))
    return;
  old_length = g_utf8_next_char (word->str) - word->str;
  length = g_unichar_to_utf8 (g_unichar_toupper (first), upper);
  g_string_erase (word, 0, old_length);
  g_string_insert_len (word, 0, upper, length);
}

NdBenchVocabulary *
nd_bench_vocabulary_new (const char *lang,
                         guint32     seed,
                         guint       size)
{
  g_autoptr(GRand) rand = g_rand_new_with_seed (seed ^ g_str_hash (lang));
  g_autoptr(GHashTable) seen = g_hash_table_new_full (g_str_hash, g_str_equal, g_free, NULL);
  g_autoptr(GString) word = g_string_new (NULL);
  NdBenchVocabulary *vocabulary = g_new0 (NdBenchVocabulary, 1);
  const char *const *function_words;
  guint n_function_words;
  double total = 0;

  g_return_val_if_fail (size > 100, NULL);

  vocabulary->lang = g_strdup (lang);
  vocabulary->words = g_ptr_array_new_full (size, g_free);
  vocabulary->size = size;

  if (g_str_equal (lang, "ru"))
    function_words = function_words_ru, n_function_words = G_N_ELEMENTS (function_words_ru);
  else if (g_str_equal (lang, "ar"))
    function_words = function_words_ar, n_function_words = G_N_ELEMENTS (function_words_ar);
  else
    function_words = function_words_en, n_function_words = G_N_ELEMENTS (function_words_en);

  for (guint i = 0; i < n_function_words; i++)
    {
      g_ptr_array_add (vocabulary->words, g_strdup (function_words[i]));
      g_hash_table_add (seen, nd_text_fold (function_words[i], -1));
    }

  /* Made-up words must differ once folded, as search sees them, so that a
   * rare word is rare for the index too. */
  while (vocabulary->words->len < size)
    {
      char *folded;

      g_string_truncate (word, 0);
      if (g_str_equal (lang, "ru"))
        make_word_ru (rand, word);
      else if (g_str_equal (lang, "ar"))
        make_word_ar (rand, word);
      else
        make_word_en (rand, word);

      /* About one word in twenty is a name and always written capitalised. */
      if (!g_str_equal (lang, "ar") && g_rand_int_range (rand, 0, 20) == 0)
        capitalize (word);

      folded = nd_text_fold (word->str, word->len);
      if (g_utf8_strlen (folded, -1) < 2 || g_hash_table_contains (seen, folded))
        {
          g_free (folded);
          continue;
        }
      g_hash_table_add (seen, folded);
      g_ptr_array_add (vocabulary->words, g_strdup (word->str));
    }

  vocabulary->cdf = g_new (double, size);
  for (guint r = 0; r < size; r++)
    {
      total += 1.0 / (r + 1);
      vocabulary->cdf[r] = total;
    }
  for (guint r = 0; r < size; r++)
    vocabulary->cdf[r] /= total;

  return vocabulary;
}

void
nd_bench_vocabulary_free (NdBenchVocabulary *vocabulary)
{
  if (vocabulary == NULL)
    return;
  g_free (vocabulary->lang);
  g_ptr_array_unref (vocabulary->words);
  g_free (vocabulary->cdf);
  g_free (vocabulary);
}

const char *
nd_bench_vocabulary_get_lang (NdBenchVocabulary *vocabulary)
{
  return vocabulary->lang;
}

guint
nd_bench_vocabulary_get_size (NdBenchVocabulary *vocabulary)
{
  return vocabulary->size;
}

const char *
nd_bench_vocabulary_get_word (NdBenchVocabulary *vocabulary,
                              guint              rank)
{
  g_return_val_if_fail (rank < vocabulary->size, NULL);

  return g_ptr_array_index (vocabulary->words, rank);
}

/* The share of all running words that are this word. */
double
nd_bench_vocabulary_get_share (NdBenchVocabulary *vocabulary,
                               guint              rank)
{
  g_return_val_if_fail (rank < vocabulary->size, 0);

  return rank == 0 ? vocabulary->cdf[0] : vocabulary->cdf[rank] - vocabulary->cdf[rank - 1];
}

static guint
sample_rank (NdBenchVocabulary *vocabulary,
             GRand             *rand)
{
  double x = g_rand_double (rand);
  guint low = 0;
  guint high = vocabulary->size - 1;

  while (low < high)
    {
      guint middle = (low + high) / 2;

      if (vocabulary->cdf[middle] < x)
        low = middle + 1;
      else
        high = middle;
    }
  return low;
}

static void
append_number (NdBenchVocabulary *vocabulary,
               GRand             *rand,
               GString           *out)
{
  g_autofree char *number = g_rand_boolean (rand)
                            ? g_strdup_printf ("%d", g_rand_int_range (rand, 1990, 2026))
                            : g_strdup_printf ("%d", g_rand_int_range (rand, 2, 5000));

  /* Arabic text often writes Arabic-Indic digits, which search folds. */
  if (g_str_equal (vocabulary->lang, "ar") && g_rand_boolean (rand))
    {
      for (const char *p = number; *p != '\0'; p++)
        g_string_append_unichar (out, 0x0660 + (*p - '0'));
    }
  else
    g_string_append (out, number);
}

/* Writes one running word as it would appear in a story. */
static void
append_word (NdBenchVocabulary *vocabulary,
             GRand             *rand,
             gboolean           sentence_start,
             GString           *out)
{
  const char *word = vocabulary->words->pdata[sample_rank (vocabulary, rand)];
  gsize start = out->len;

  if (g_rand_int_range (rand, 0, 70) == 0)
    {
      append_number (vocabulary, rand, out);
      return;
    }

  if (g_str_equal (vocabulary->lang, "ru"))
    {
      /* Many writers leave out the dots of ё. */
      if (strstr (word, "ё") != NULL && g_rand_boolean (rand))
        {
          g_autofree char *plain = g_strdup (word);
          char *at;

          while ((at = strstr (plain, "ё")) != NULL)
            memcpy (at, "е", 2);
          g_string_append (out, plain);
        }
      else
        g_string_append (out, word);
    }
  else if (g_str_equal (vocabulary->lang, "ar"))
    {
      const char *p = word;
      guint n_letters = g_utf8_strlen (word, -1);
      guint i = 0;
      gboolean marks = g_rand_int_range (rand, 0, 12) == 0;
      guint tatweel_at = g_rand_int_range (rand, 0, 40) == 0 && n_letters > 2
                         ? (guint) g_rand_int_range (rand, 1, n_letters - 1) : 0;

      /* Hamza on alef is often left out: أ إ آ written as ا. */
      if ((g_str_has_prefix (word, "أ") || g_str_has_prefix (word, "إ") || g_str_has_prefix (word, "آ")) &&
          g_rand_int_range (rand, 0, 3) == 0)
        {
          g_string_append (out, "ا");
          p = g_utf8_next_char (p);
          i++;
        }

      for (; *p != '\0'; p = g_utf8_next_char (p), i++)
        {
          g_string_append_len (out, p, g_utf8_next_char (p) - p);
          if (marks && g_rand_int_range (rand, 0, 2) == 0)
            g_string_append (out, PICK (rand, harakat_ar));
          if (tatweel_at != 0 && i + 1 == tatweel_at)
            g_string_append (out, "\u0640");
        }
    }
  else
    g_string_append (out, word);

  if (sentence_start && !g_str_equal (vocabulary->lang, "ar"))
    {
      g_autoptr(GString) first = g_string_new (out->str + start);

      capitalize (first);
      g_string_truncate (out, start);
      g_string_append (out, first->str);
    }
}

guint
nd_bench_text_sentence (NdBenchVocabulary *vocabulary,
                        GRand             *rand,
                        guint              n_words,
                        GString           *out)
{
  gboolean arabic = g_str_equal (vocabulary->lang, "ar");
  gboolean russian = g_str_equal (vocabulary->lang, "ru");
  gboolean quoted = g_rand_int_range (rand, 0, 30) == 0;
  int kind = g_rand_int_range (rand, 0, 100);

  if (quoted)
    g_string_append (out, arabic || russian ? "«" : "“");

  for (guint i = 0; i < n_words; i++)
    {
      if (i > 0)
        {
          if (g_rand_int_range (rand, 0, 12) == 0 && i + 1 < n_words)
            g_string_append (out, arabic ? "،" : ",");
          if (russian && g_rand_int_range (rand, 0, 60) == 0 && i + 1 < n_words)
            g_string_append (out, " —");
          g_string_append_c (out, ' ');
        }
      append_word (vocabulary, rand, i == 0, out);
    }

  if (quoted)
    g_string_append (out, arabic || russian ? "»" : "”");
  if (kind < 4)
    g_string_append (out, arabic ? "؟" : "?");
  else if (kind < 5)
    g_string_append (out, "!");
  else
    g_string_append (out, ".");

  return n_words;
}

void
nd_bench_text_headline (NdBenchVocabulary *vocabulary,
                        GRand             *rand,
                        GString           *out)
{
  guint n = g_rand_int_range (rand, 5, 13);

  for (guint i = 0; i < n; i++)
    {
      if (i > 0)
        g_string_append_c (out, ' ');
      append_word (vocabulary, rand, i == 0, out);
    }
  if (g_rand_int_range (rand, 0, 10) == 0)
    g_string_append (out, g_str_equal (vocabulary->lang, "ar") ? "؟" : "?");
}

void
nd_bench_text_standfirst (NdBenchVocabulary *vocabulary,
                          GRand             *rand,
                          GString           *out)
{
  nd_bench_text_sentence (vocabulary, rand, g_rand_int_range (rand, 15, 31), out);
  if (g_rand_int_range (rand, 0, 3) == 0)
    {
      g_string_append_c (out, ' ');
      nd_bench_text_sentence (vocabulary, rand, g_rand_int_range (rand, 8, 20), out);
    }
}

/* A Markdown body of about @n_words words in paragraphs of two to six
 * sentences, with the odd subheading. Returns the number of words. */
guint
nd_bench_text_body (NdBenchVocabulary *vocabulary,
                    GRand             *rand,
                    guint              n_words,
                    GString           *out)
{
  guint written = 0;

  while (written < n_words)
    {
      guint n_sentences = g_rand_int_range (rand, 2, 7);

      if (out->len > 0)
        g_string_append (out, "\n\n");

      if (written > 0 && g_rand_int_range (rand, 0, 12) == 0)
        {
          guint n = g_rand_int_range (rand, 3, 7);

          g_string_append (out, "## ");
          for (guint i = 0; i < n; i++)
            {
              if (i > 0)
                g_string_append_c (out, ' ');
              append_word (vocabulary, rand, i == 0, out);
            }
          written += n;
          g_string_append (out, "\n\n");
        }

      for (guint s = 0; s < n_sentences && written < n_words; s++)
        {
          guint n = MIN ((guint) g_rand_int_range (rand, 6, 29), n_words - written);

          if (s > 0)
            g_string_append_c (out, ' ');
          written += nd_bench_text_sentence (vocabulary, rand, MAX (n, 1), out);
        }
    }

  return written;
}
