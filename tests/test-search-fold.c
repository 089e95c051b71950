/* test-search-fold.c
 *
 * SPDX-License-Identifier: GPL-3.0-or-later
 */

#include "config.h"

#include <locale.h>
#include <string.h>

#include <sqlite3.h>

#include "nd-search-tokenizer.h"
#include "nd-text-fold.h"

typedef struct
{
  const char *input;
  const char *folded;
} FoldCase;

typedef struct
{
  const char *folded;
  /* The token as written in the text, which start and end must delimit. */
  const char *original;
} TokenCase;

typedef struct
{
  const char *document;
  const char *typed;
  gboolean    matches;
  /* unicode61 removes Latin diacritics by default, so for a Latin case the
   * naive baseline is `unicode61 remove_diacritics 0`: the case then shows
   * what our folding adds over a tokenizer that does not fold accents.
   */
  gboolean    latin;
} SearchCase;

/* Helpers */

static sqlite3 *
open_database (void)
{
  g_autoptr(GError) error = NULL;
  sqlite3 *db = NULL;

  g_assert_cmpint (sqlite3_open (":memory:", &db), ==, SQLITE_OK);
  g_assert_true (nd_search_tokenizer_register (db, &error));
  g_assert_no_error (error);

  return db;
}

static void
exec_sql (sqlite3    *db,
          const char *sql)
{
  char *message = NULL;

  if (sqlite3_exec (db, sql, NULL, NULL, &message) != SQLITE_OK)
    g_error ("%s: %s", sql, message);
}

/* Creates a table shaped like the store's index, with @tokenize. */
static void
create_table (sqlite3    *db,
              const char *name,
              const char *tokenize)
{
  g_autofree char *sql = NULL;

  sql = g_strdup_printf ("DROP TABLE IF EXISTS %s;"
                         "CREATE VIRTUAL TABLE %s USING fts5"
                         " (headline, standfirst, body,"
                         "  tokenize='%s', prefix='2 3')",
                         name, name, tokenize);
  exec_sql (db, sql);
}

static void
insert_body (sqlite3    *db,
             const char *table,
             const char *body)
{
  g_autofree char *sql = NULL;
  sqlite3_stmt *stmt = NULL;

  sql = g_strdup_printf ("INSERT INTO %s (headline, standfirst, body)"
                         " VALUES ('', '', ?1)", table);
  g_assert_cmpint (sqlite3_prepare_v2 (db, sql, -1, &stmt, NULL), ==, SQLITE_OK);
  sqlite3_bind_text (stmt, 1, body, -1, SQLITE_STATIC);
  g_assert_cmpint (sqlite3_step (stmt), ==, SQLITE_DONE);
  sqlite3_finalize (stmt);
}

/* Runs @match against @table and returns the number of rows, or -1 with a
 * message when SQLite rejects the expression.
 */
static int
count_matches (sqlite3    *db,
               const char *table,
               const char *match)
{
  g_autofree char *sql = NULL;
  sqlite3_stmt *stmt = NULL;
  int count = -1;
  int rc;

  sql = g_strdup_printf ("SELECT count(*) FROM %s WHERE %s MATCH ?1",
                         table, table);
  g_assert_cmpint (sqlite3_prepare_v2 (db, sql, -1, &stmt, NULL), ==, SQLITE_OK);
  sqlite3_bind_text (stmt, 1, match, -1, SQLITE_STATIC);

  rc = sqlite3_step (stmt);
  if (rc == SQLITE_ROW)
    count = sqlite3_column_int (stmt, 0);
  else
    g_test_message ("MATCH %s: %s", match, sqlite3_errmsg (db));

  sqlite3_finalize (stmt);

  return count;
}

static char *
select_text (sqlite3    *db,
             const char *sql,
             const char *match)
{
  sqlite3_stmt *stmt = NULL;
  char *text = NULL;

  g_assert_cmpint (sqlite3_prepare_v2 (db, sql, -1, &stmt, NULL), ==, SQLITE_OK);
  sqlite3_bind_text (stmt, 1, match, -1, SQLITE_STATIC);
  if (sqlite3_step (stmt) == SQLITE_ROW)
    text = g_strdup ((const char *) sqlite3_column_text (stmt, 0));
  sqlite3_finalize (stmt);

  return text;
}

static GPtrArray *
tokenize (const char *text)
{
  g_autoptr(GString) token = g_string_new (NULL);
  GPtrArray *tokens = g_ptr_array_new_with_free_func (g_free);
  gsize position = 0;
  gsize start;
  gsize end;

  while (nd_text_fold_next_token (text, strlen (text), &position, token,
                                  &start, &end))
    g_ptr_array_add (tokens, g_strdup (token->str));

  return tokens;
}

/* nd_text_fold() */

static void
test_fold_strings (void)
{
  static const FoldCase cases[] = {
    { "", "" },
    { "Hello, World!", "hello, world!" },
    /* Cyrillic: case, ё as е, й kept. */
    { "МОСКВА", "москва" },
    { "Ёлка ещё", "елка еще" },
    { "Королёв", "королев" },
    { "мой Йошкар-Ола", "мой йошкар-ола" },
    { "Її ў", "її ў" },
    /* Latin: accents removed, full case folding. */
    { "Café São Zürich", "cafe sao zurich" },
    { "Straße ẞ", "strasse ss" },
    { "Ñandú Łódź Øresund", "nandu lodz oresund" },
    { "İstanbul", "istanbul" },
    { "Œuvre", "œuvre" },
    /* Greek loses its tonos and final sigma. */
    { "Αθήνας", "αθηνασ" },
    /* Arabic harakat, shadda, sukun, tanwin, superscript alef, tatweel. */
    { "كَتَبَ", "كتب" },
    { "مُحَمَّد", "محمد" },
    { "مَسْجِد", "مسجد" },
    { "كتابًا كتابٌ كتابٍ", "كتابا كتاب كتاب" },
    { "هٰذا", "هذا" },
    { "كتـــاب", "كتاب" },
    /* Hamza forms of alef and alef wasla; alef maqsura. */
    { "أ إ آ ٱ", "ا ا ا ا" },
    { "مصطفى", "مصطفي" },
    /* Other hamza letters and teh marbuta are letters of their own. */
    { "مسؤول شؤون مدرسة", "مسؤول شؤون مدرسة" },
    /* Quranic annotation marks. */
    { "ٱلرَّحْمَٰنِ", "الرحمن" },
    { "عَلِيمٌۖ", "عليم" },
    /* Digits of every script. */
    { "٠١٢٣٤٥٦٧٨٩", "0123456789" },
    { "۰۱۲۳۴۵۶۷۸۹", "0123456789" },
    { "२०२५", "2025" },
    /* Compatibility forms: a ligature, Arabic presentation forms and
     * fullwidth letters.
     */
    { "ﬁnance", "finance" },
    { "ﻛﺘﺎﺏ", "كتاب" },
    { "ＡＢＣ１２", "abc12" },
    /* Soft hyphens vanish without splitting the word. */
    { "Afghani\u00ADstan", "afghanistan" },
    /* Punctuation is kept as it was. */
    { "«Ёж» — «ёж»; 'x'", "«еж» — «еж»; 'x'" },
  };

  for (guint i = 0; i < G_N_ELEMENTS (cases); i++)
    {
      g_autofree char *folded = nd_text_fold (cases[i].input, -1);

      g_assert_cmpstr (folded, ==, cases[i].folded);
    }
}

static void
test_fold_decomposed (void)
{
  /* Text in decomposed form folds like its precomposed form: a combining
   * breve makes й, not и, and a combining diaeresis on е still gives е.
   */
  static const FoldCase cases[] = {
    { "ещ" "е\u0308", "еще" },
    { "И\u0306", "й" },
    { "мои\u0306", "мой" },
    { "Cafe\u0301", "cafe" },
    { "Vie\u0323\u0302t", "viet" },
    { "\u0627\u0654\u0641\u063A\u0627\u0646", "افغان" },
    { "\u0627\u0653", "ا" },
    /* Yeh with hamza above stays a letter of its own. */
    { "\u064A\u0654", "ئ" },
    /* Stress marks in Russian learners' texts are dropped. */
    { "за\u0301мок", "замок" },
  };

  for (guint i = 0; i < G_N_ELEMENTS (cases); i++)
    {
      g_autofree char *folded = nd_text_fold (cases[i].input, -1);

      g_assert_cmpstr (folded, ==, cases[i].folded);
    }

  /* The same folding in the token iterator. */
  {
    g_autoptr(GPtrArray) tokens = tokenize ("мои\u0306 мои");

    g_assert_cmpuint (tokens->len, ==, 2);
    g_assert_cmpstr (g_ptr_array_index (tokens, 0), ==, "мой");
    g_assert_cmpstr (g_ptr_array_index (tokens, 1), ==, "мои");
  }
}

static void
test_fold_length (void)
{
  g_autofree char *prefix = nd_text_fold ("ÉCOLE", 2);
  g_autofree char *with_nul = nd_text_fold ("A\0B", 3);
  g_autofree char *empty = nd_text_fold (NULL, 0);

  g_assert_cmpstr (prefix, ==, "e");
  g_assert_cmpmem (with_nul, 3, "a\0b", 3);
  g_assert_cmpstr (empty, ==, "");
}

static void
test_fold_invalid (void)
{
  g_autofree char *folded = nd_text_fold ("A\xff\xc3", -1);

  g_assert_cmpstr (folded, ==, "a\xEF\xBF\xBD\xEF\xBF\xBD");
  g_assert_true (g_utf8_validate (folded, -1, NULL));
}

static void
test_fold_stable (void)
{
  /* Folding folded text changes nothing, and folded text splits into the
   * same tokens as the original: the store may index one and query with
   * the other.
   */
  static const char *texts[] = {
    "Сергей Королёв, ЁЛКА и ещё мой",
    "Café São Paulo — Zürich, Straße, Łódź",
    "قال إنَّ أفغانستانَ وإيرانَ في آسيا، مصطفى كتـــاب ٢٠٢٥",
    "ٱلْحَمْدُ لِلَّهِ رَبِّ ٱلْعَٰلَمِينَ",
    "Αθήνα ΣΟΦΊΑ ﬁnance ＡＢＣ Afghani\u00ADstan",
  };

  for (guint i = 0; i < G_N_ELEMENTS (texts); i++)
    {
      g_autofree char *once = nd_text_fold (texts[i], -1);
      g_autofree char *twice = nd_text_fold (once, -1);
      g_autoptr(GPtrArray) original_tokens = tokenize (texts[i]);
      g_autoptr(GPtrArray) folded_tokens = tokenize (once);

      g_assert_cmpstr (once, ==, twice);
      g_assert_cmpuint (original_tokens->len, ==, folded_tokens->len);
      for (guint j = 0; j < original_tokens->len; j++)
        g_assert_cmpstr (g_ptr_array_index (original_tokens, j), ==,
                         g_ptr_array_index (folded_tokens, j));
    }
}

/* nd_text_fold_next_token() */

static void
check_tokens (const char      *text,
              const TokenCase *expected,
              guint            n_expected)
{
  g_autoptr(GString) token = g_string_new ("left over");
  gsize length = strlen (text);
  gsize position = 0;
  gsize searched = 0;

  for (guint i = 0; i < n_expected; i++)
    {
      const char *original = strstr (text + searched, expected[i].original);
      gsize start = G_MAXSIZE;
      gsize end = G_MAXSIZE;

      g_assert_nonnull (original);
      g_assert_true (nd_text_fold_next_token (text, length, &position, token,
                                              &start, &end));
      g_assert_cmpstr (token->str, ==, expected[i].folded);
      g_assert_cmpuint (start, ==, original - text);
      g_assert_cmpuint (end, ==, original - text + strlen (expected[i].original));
      g_assert_cmpuint (position, ==, end);

      searched = end;
    }

  g_assert_false (nd_text_fold_next_token (text, length, &position, token,
                                           NULL, NULL));
  g_assert_cmpuint (position, ==, length);
  g_assert_cmpuint (token->len, ==, 0);
}

static void
test_tokens_offsets (void)
{
  {
    /* The token covers every haraka of the word, the last one included. */
    static const TokenCase expected[] = {
      { "كتب", "كَتَبَ" },
    };

    check_tokens ("كَتَبَ", expected, G_N_ELEMENTS (expected));
  }

  {
    static const TokenCase expected[] = {
      { "قال", "قال" },
      { "محمد", "مُحَمَّدٌ" },
      { "كتاب", "كتـــاب" },
      { "في", "في" },
      { "2025", "٢٠٢٥" },
    };

    check_tokens ("«قال مُحَمَّدٌ: كتـــاب في ٢٠٢٥.»", expected,
                  G_N_ELEMENTS (expected));
  }

  {
    /* Apostrophes and hyphens split words; digits are words. */
    static const TokenCase expected[] = {
      { "don", "Don" },
      { "t", "t" },
      { "stop", "STOP" },
      { "sao", "São" },
      { "paulo", "Paulo" },
      { "3", "3" },
      { "5", "5" },
      { "еще", "Ещё" },
      { "елка", "Ёлка" },
    };

    check_tokens ("Don't STOP: São-Paulo 3.5 Ещё, Ёлка!", expected,
                  G_N_ELEMENTS (expected));
  }

  {
    /* A stray mark after a space does not start a word, and neither does
     * tatweel, alone or before a word.
     */
    static const TokenCase expected[] = {
      { "abc", "abc" },
      { "كتاب", "كتاب" },
    };

    check_tokens (" \u064E \u0640\u0640 abc \u0301 ـكتاب  ", expected,
                  G_N_ELEMENTS (expected));
  }
}

static void
test_tokens_invalid (void)
{
  /* Invalid UTF-8 separates words, and a truncated sequence at the end is
   * not read past.
   */
  static const TokenCase expected[] = {
    { "abc", "abc" },
    { "def", "Def" },
    { "ж", "Ж" },
  };

  check_tokens ("abc\xff" "Def\xc0\xaf" "Ж\xd0", expected,
                G_N_ELEMENTS (expected));
}

static void
test_tokens_empty (void)
{
  g_autoptr(GString) token = g_string_new (NULL);
  gsize position = 0;

  g_assert_false (nd_text_fold_next_token ("", 0, &position, token,
                                           NULL, NULL));
  g_assert_false (nd_text_fold_next_token (" ,.!؟ ـ َ", strlen (" ,.!؟ ـ َ"),
                                           &position, token, NULL, NULL));
}

static void
test_tokens_random (void)
{
  /* Random bytes, biased towards the lead bytes of two- to four-byte
   * sequences: tokens stay inside the text, in order, never empty, and
   * folded output is valid UTF-8.
   */
  static const guchar bytes[] = {
    'a', 'Z', '0', ' ', '\'', 0x00, 0x80, 0xAF, 0xBF, 0xC0, 0xC3, 0xD0,
    0xD1, 0xD8, 0xD9, 0xDB, 0xE0, 0xE2, 0xED, 0xEF, 0xF0, 0xF4, 0xF5, 0xFF,
  };
  g_autoptr(GString) token = g_string_new (NULL);
  guchar text[64];

  for (guint i = 0; i < 20000; i++)
    {
      gsize length = g_test_rand_int_range (0, sizeof text);
      gsize position = 0;
      gsize previous_end = 0;
      gsize start;
      gsize end;
      g_autofree char *folded = NULL;

      for (gsize j = 0; j < length; j++)
        text[j] = g_test_rand_bit ()
                  ? bytes[g_test_rand_int_range (0, sizeof bytes)]
                  : g_test_rand_int_range (0, 256);

      while (nd_text_fold_next_token ((const char *) text, length, &position,
                                      token, &start, &end))
        {
          g_assert_cmpuint (start, >=, previous_end);
          g_assert_cmpuint (start, <, end);
          g_assert_cmpuint (end, <=, length);
          g_assert_cmpuint (position, ==, end);
          g_assert_cmpuint (token->len, >, 0);
          g_assert_cmpuint (strlen (token->str), ==, token->len);
          g_assert_true (g_utf8_validate (token->str, -1, NULL));
          previous_end = end;
        }
      g_assert_cmpuint (position, ==, length);

      folded = nd_text_fold ((const char *) text, length);
      g_assert_true (g_utf8_validate (folded, -1, NULL));
    }
}

/* FTS5 */

static const SearchCase search_cases[] = {
  /* Cyrillic. unicode61 folds case, so every case pairs it with ё. */
  { "Ёлка у Кремля", "елка", TRUE },
  { "ЁЛКА", "елка", TRUE },
  { "ещё", "еще", TRUE },
  { "еще", "ещё", TRUE },
  { "Сергей Королёв", "сергей королев", TRUE },
  { "Сергей Королев", "Королёв", TRUE },
  { "Королёвский проспект", "королевск", TRUE },
  { "Ёлкин", "Елк", TRUE },
  { "мои вещи", "мой", FALSE },
  { "мой дом", "мои", FALSE },
  { "Москва", "Киев", FALSE },
  { "Ёлка", "ёлкин", FALSE },

  /* Arabic: harakat in the document, then in the query. */
  { "كَتَبَ الطالبُ", "كتب", TRUE },
  { "كتب الطالب", "كَتَبَ", TRUE },
  /* Shadda, tanwin and sukun. */
  { "محمّد", "محمد", TRUE },
  { "كتابًا", "كتابا", TRUE },
  /* A final tanwin without alef (رجلٌ) is no case: unicode61 splits it off
   * and still finds رجل.
   */
  { "شكرًا جزيلًا", "شكرا جزيلا", TRUE },
  { "مسْجد", "مسجد", TRUE },
  /* Full vocalisation with alef wasla and shadda. */
  { "ٱلْحَمْدُ لِلَّهِ رَبِّ", "الحمد لله رب", TRUE },
  /* Superscript alef. It is removed, as the spelling هذا expects; in
   * Quranic text it can stand for a written alef (ٱلْعَٰلَمِينَ for العالمين),
   * which then does not match.
   */
  { "هٰذا الكتاب", "هذا", TRUE },
  /* Tatweel. */
  { "كتـــاب", "كتاب", TRUE },
  { "كتاب", "كتـاب", TRUE },
  /* Hamza forms of alef and alef wasla, both ways. */
  { "أفغانستان", "افغانستان", TRUE },
  { "افغانستان", "أفغانستان", TRUE },
  { "إيران", "ايران", TRUE },
  { "آسيا", "اسيا", TRUE },
  { "ٱلكتاب", "الكتاب", TRUE },
  /* Alef maqsura and yeh, both ways. */
  { "مصطفى", "مصطفي", TRUE },
  { "مصطفي", "مصطفى", TRUE },
  /* Search as you type. */
  { "أفغانستان", "افغ", TRUE },
  { "مُحَمَّد", "محم", TRUE },
  /* Digits. */
  { "عام ٢٠٢٥", "2025", TRUE },
  { "عام ۲۰۲۵", "2025", TRUE },
  { "in 2025", "٢٠٢٥", TRUE },
  /* A prefix is a prefix of the word, not of what follows the article;
   * distinct words and teh marbuta against heh are not confused.
   */
  { "الأفغانية", "افغ", FALSE },
  { "كتب", "كتاب", FALSE },
  { "مدرسة", "مدرسه ", FALSE },
  { "عام ٢٠٢٤", "2025", FALSE },

  /* Latin, against unicode61 without diacritic removal. */
  { "Le Café de Flore", "cafe", TRUE, TRUE },
  { "Un cafe", "Café", TRUE, TRUE },
  { "São Paulo", "sao paulo", TRUE, TRUE },
  { "Zürich", "zurich", TRUE, TRUE },
  { "Zürichsee", "zuri", TRUE, TRUE },
  { "Straße", "strasse", TRUE, TRUE },
  { "Łódź", "lodz", TRUE, TRUE },
  { "Zürich", "zurück", FALSE, TRUE },
  { "Paulo", "Paula", FALSE, TRUE },
};

static void
test_search_table (void)
{
  sqlite3 *db = open_database ();

  for (guint i = 0; i < G_N_ELEMENTS (search_cases); i++)
    {
      const SearchCase *c = &search_cases[i];
      g_autofree char *match = nd_search_query_from_text (c->typed);
      int ours;
      int naive;

      g_assert_nonnull (match);

      create_table (db, "ours", ND_SEARCH_TOKENIZER_NAME);
      create_table (db, "naive", c->latin ? "unicode61 remove_diacritics 0"
                                          : "unicode61");
      insert_body (db, "ours", c->document);
      insert_body (db, "naive", c->document);

      ours = count_matches (db, "ours", match);
      naive = count_matches (db, "naive", match);

      /* Every case is checked and reported before the test fails, so one
       * run shows all that is wrong.
       */
      if (ours != (c->matches ? 1 : 0))
        {
          g_test_message ("“%s” %s match “%s” (%s)", c->typed,
                          c->matches ? "does not" : "must not",
                          c->document, match);
          g_test_fail ();
        }

      /* A positive case that a naive tokenizer passes proves nothing. */
      if (c->matches && naive != 0)
        {
          g_test_message ("“%s” also matches “%s” with unicode61 (%s)",
                          c->typed, c->document, match);
          g_test_fail ();
        }
    }

  sqlite3_close (db);
}

static void
test_search_parity (void)
{
  /* What unicode61 already gets right must stay right. */
  static const SearchCase cases[] = {
    { "Афганистан", "Афганис", TRUE },
    { "МОСКВА", "москва", TRUE },
    { "Hello World", "hello world", TRUE },
    { "Hello World", "hello wor", TRUE },
    { "كتاب", "كتاب", TRUE },
    { "2025", "2025", TRUE },
    { "Hello World", "world hello", TRUE },
    { "Hello World", "hello mars", FALSE },
  };
  sqlite3 *db = open_database ();

  create_table (db, "ours", ND_SEARCH_TOKENIZER_NAME);

  for (guint i = 0; i < G_N_ELEMENTS (cases); i++)
    {
      g_autofree char *match = nd_search_query_from_text (cases[i].typed);

      exec_sql (db, "DELETE FROM ours");
      insert_body (db, "ours", cases[i].document);
      g_assert_cmpint (count_matches (db, "ours", match), ==,
                       cases[i].matches ? 1 : 0);
    }

  sqlite3_close (db);
}

static void
test_search_external_content (void)
{
  /* The store's shape: an external-content table over editions. */
  sqlite3 *db = open_database ();
  g_autofree char *match = nd_search_query_from_text ("افغانستان كتب");

  exec_sql (db,
            "CREATE TABLE editions (id INTEGER PRIMARY KEY, headline TEXT,"
            " standfirst TEXT, body TEXT);"
            "CREATE VIRTUAL TABLE editions_fts USING fts5 (headline,"
            " standfirst, body, content='editions', content_rowid='id',"
            " tokenize='newsdesk', prefix='2 3');"
            "INSERT INTO editions VALUES (7, 'أفغانستان', '', 'كَتَبَ'),"
            " (8, 'Королёв', '', '');"
            "INSERT INTO editions_fts (editions_fts) VALUES ('rebuild');"
            "INSERT INTO editions_fts (editions_fts) VALUES ('integrity-check');");

  g_assert_cmpint (count_matches (db, "editions_fts", match), ==, 1);
  g_assert_cmpint (count_matches (db, "editions_fts", "королев"), ==, 1);
  g_assert_cmpint (count_matches (db, "editions_fts", "headline:افغ*"), ==, 1);
  g_assert_cmpint (count_matches (db, "editions_fts", "body:افغ*"), ==, 0);

  sqlite3_close (db);
}

static void
test_search_snippet (void)
{
  sqlite3 *db = open_database ();
  g_autofree char *match = nd_search_query_from_text ("كتب");
  g_autofree char *snippet = NULL;
  g_autofree char *highlight = NULL;
  g_autofree char *latin = NULL;

  create_table (db, "ours", ND_SEARCH_TOKENIZER_NAME);
  insert_body (db, "ours", "قال إنه كَتَبَ الرسالة أمس");

  /* The highlight covers the word as written, harakat included. */
  snippet = select_text (db,
                         "SELECT snippet (ours, -1, '[', ']', '…', 8)"
                         " FROM ours WHERE ours MATCH ?1", match);
  g_assert_cmpstr (snippet, ==, "قال إنه [كَتَبَ] الرسالة أمس");

  exec_sql (db, "DELETE FROM ours");
  insert_body (db, "ours", "وصل مُحَمَّدٌ إلى كتـــاب أفغانستان");
  g_clear_pointer (&match, g_free);
  match = nd_search_query_from_text ("محمد كتاب افغ");
  highlight = select_text (db,
                           "SELECT highlight (ours, 2, '[', ']')"
                           " FROM ours WHERE ours MATCH ?1", match);
  g_assert_cmpstr (highlight, ==, "وصل [مُحَمَّدٌ] إلى [كتـــاب] [أفغانستان]");

  exec_sql (db, "DELETE FROM ours");
  insert_body (db, "ours", "Le Café de Flore, à Saint-Germain.");
  g_clear_pointer (&match, g_free);
  match = nd_search_query_from_text ("cafe a");
  latin = select_text (db,
                       "SELECT highlight (ours, 2, '[', ']')"
                       " FROM ours WHERE ours MATCH ?1", match);
  g_assert_cmpstr (latin, ==, "Le [Café] de Flore, [à] Saint-Germain.");

  sqlite3_close (db);
}

static void
test_register_arguments (void)
{
  /* The tokenizer takes no options: an index folded with options could
   * not be queried without them.
   */
  sqlite3 *db = open_database ();
  char *message = NULL;

  g_assert_cmpint (sqlite3_exec (db, "CREATE VIRTUAL TABLE t USING fts5"
                                     " (body, tokenize='newsdesk fold 0')",
                                 NULL, NULL, &message), !=, SQLITE_OK);
  sqlite3_free (message);

  /* Registering again, as every new connection does, is harmless. */
  g_assert_true (nd_search_tokenizer_register (db, NULL));

  sqlite3_close (db);
}

/* nd_search_query_from_text() */

static void
test_query_strings (void)
{
  static const FoldCase cases[] = {
    { "Café", "\"Café\"*" },
    { "Café Zürich", "\"Café\" AND \"Zürich\"*" },
    /* A word followed by a space or punctuation is finished. */
    { "  Café  ", "\"Café\"" },
    { "Café,", "\"Café,\"" },
    { "São-Paulo", "\"São-Paulo\"*" },
    { "say \"hi\"", "\"say\" AND \"\"\"hi\"\"\"" },
    { "-foo OR bar*", "\"-foo\" AND \"OR\" AND \"bar*\"" },
    { "كَتَبَ", "\"كَتَبَ\"*" },
    /* Words with nothing to search are left out. */
    { "москва - « » ...", "\"москва\"" },
    { "ـــ كتب", "\"كتب\"*" },
    /* One or two letters are not yet a prefix worth searching. */
    { "ال", "\"ال\"" },
    { "Russia EU", "\"Russia\" AND \"EU\"" },
    { "sp", "\"sp\"" },
    { "spe", "\"spe\"*" },
    { "افغ", "\"افغ\"*" },
  };

  for (guint i = 0; i < G_N_ELEMENTS (cases); i++)
    {
      g_autofree char *query = nd_search_query_from_text (cases[i].input);

      g_assert_cmpstr (query, ==, cases[i].folded);
    }
}

static void
test_query_empty (void)
{
  static const char *inputs[] = {
    "", " ", "\t\n  ", "\u00A0\u3000", "!!! --- () \"\" * : ^ + -",
    "«»—…", "ـــ", "\u064E\u0651", "، ؟ ؛", "\xff\xfe",
  };

  for (guint i = 0; i < G_N_ELEMENTS (inputs); i++)
    {
      g_autofree char *query = nd_search_query_from_text (inputs[i]);

      g_assert_null (query);
    }
}

static void
check_query_parses (sqlite3    *db,
                    const char *typed)
{
  g_autofree char *query = nd_search_query_from_text (typed);

  if (query == NULL)
    return;

  if (count_matches (db, "ours", query) < 0)
    {
      g_test_message ("“%s” gave “%s”, which FTS5 rejects", typed, query);
      g_test_fail ();
    }
}

static void
test_query_safe (void)
{
  static const char *inputs[] = {
    "\"", "\"\"", "\"abc", "abc\"", "a\"b\"c", "\"\"\"*",
    "*", "abc*", "*abc", "a * b", "**",
    "-", "-abc", "abc -def", "NOT abc", "abc NOT", "AND", "OR", "abc OR",
    "OR abc", "a AND OR NOT b", "NEAR(", "NEAR(a b", "NEAR(a b, 2)",
    "NEAR/3", "(", ")", "(abc", "abc)", "((a OR b) AND c)",
    ":", "body:", "body:abc", "headline : abc", "{headline body}: x",
    "^abc", "+abc", "a+b", "a.b", "'abc'", "a'b", "\\", "\\\"",
    "abc\"*\" OR \"x", "\"abc\" OR \"", "Café\" OR body:*",
    "كتب\" OR \"", "ещё) OR (", "\xff\"abc", "abc\xc3",
  };
  static const char alphabet[] = "\"*-():^+{},. ab";
  static const char *words[] = {
    "OR", "AND", "NOT", "NEAR", "ё", "كَ", "é", "body", "ـ",
  };
  sqlite3 *db = open_database ();
  g_autoptr(GString) typed = g_string_new (NULL);

  create_table (db, "ours", ND_SEARCH_TOKENIZER_NAME);
  insert_body (db, "ours", "a b abc or and not near body ещё كتب café");

  for (guint i = 0; i < G_N_ELEMENTS (inputs); i++)
    check_query_parses (db, inputs[i]);

  /* Random mixtures of FTS5 syntax, operators and letters. */
  for (guint i = 0; i < 5000; i++)
    {
      int length = g_test_rand_int_range (0, 24);

      g_string_truncate (typed, 0);
      for (int j = 0; j < length; j++)
        {
          if (g_test_rand_int_range (0, 4) == 0)
            g_string_append (typed,
                             words[g_test_rand_int_range (0, G_N_ELEMENTS (words))]);
          else
            g_string_append_c (typed,
                               alphabet[g_test_rand_int_range (0, strlen (alphabet))]);
        }

      check_query_parses (db, typed->str);
    }

  /* A pasted article is still one valid expression. */
  g_string_truncate (typed, 0);
  for (guint i = 0; i < 2000; i++)
    g_string_append_printf (typed, "w%u \"x\" OR ", i);
  check_query_parses (db, typed->str);

  sqlite3_close (db);
}

/* Throughput, with -m perf. */

static void
test_perf_tokenize (void)
{
  static const char *samples[][2] = {
    { "English",
      "The minister said on Tuesday that the government would publish its "
      "budget proposals next month, after weeks of talks with unions and "
      "employers about wages, pensions and the cost of energy in 2025. " },
    { "Russian",
      "Министр заявил во вторник, что правительство опубликует проект "
      "бюджета в следующем месяце, после недель переговоров с профсоюзами "
      "и работодателями о зарплатах, пенсиях и ещё о ценах на энергию. " },
    { "Arabic",
      "قال الوزير يوم الثلاثاء إن الحكومة ستنشر مقترحات الميزانية الشهر "
      "المقبل، بعد أسابيع من المحادثات مع النقابات وأصحاب العمل حول الأجور "
      "والمعاشات وتكلفة الطاقة في عام ٢٠٢٥. " },
    { "Vocalised Arabic",
      "قَالَ الوَزِيرُ يَوْمَ الثُّلَاثَاءِ إِنَّ الحُكُومَةَ سَتَنْشُرُ "
      "مُقْتَرَحَاتِ المِيزَانِيَّةِ فِي الشَّهْرِ المُقْبِلِ. " },
  };

  for (guint i = 0; i < G_N_ELEMENTS (samples); i++)
    {
      g_autoptr(GString) text = g_string_new (NULL);
      g_autoptr(GString) token = g_string_new (NULL);
      g_autoptr(GTimer) timer = NULL;
      gsize n_tokens = 0;
      double seconds;

      while (text->len < 32 * 1024 * 1024)
        g_string_append (text, samples[i][1]);

      timer = g_timer_new ();

      for (gsize position = 0, start, end;
           nd_text_fold_next_token (text->str, text->len, &position, token,
                                    &start, &end);)
        n_tokens++;

      seconds = g_timer_elapsed (timer, NULL);
      g_test_minimized_result (seconds, "%s: %.0f MB/s, %.1f M tokens/s",
                               samples[i][0],
                               text->len / seconds / (1024 * 1024),
                               n_tokens / seconds / 1e6);
    }
}

static void
test_perf_index (void)
{
  /* Whole FTS5 indexing, ours against unicode61, over editions of about
   * 600 words in the three languages.
   */
  static const char *tokenizers[] = { ND_SEARCH_TOKENIZER_NAME, "unicode61" };
  static const char *paragraph =
    "The minister said on Tuesday that the government would publish "
    "Министр заявил во вторник, что правительство опубликует проект "
    "قال الوزير يوم الثلاثاء إن الحكومة ستنشر مقترحات الميزانية ";
  g_autoptr(GString) body = g_string_new (NULL);

  for (guint i = 0; i < 20; i++)
    g_string_append (body, paragraph);

  for (guint t = 0; t < G_N_ELEMENTS (tokenizers); t++)
    {
      sqlite3 *db = open_database ();
      g_autoptr(GTimer) timer = NULL;
      const guint n_editions = 5000;

      create_table (db, "ours", tokenizers[t]);
      exec_sql (db, "BEGIN");
      timer = g_timer_new ();
      for (guint i = 0; i < n_editions; i++)
        insert_body (db, "ours", body->str);
      exec_sql (db, "COMMIT");

      g_test_minimized_result (g_timer_elapsed (timer, NULL),
                               "%s: %u editions of %zu bytes indexed in %.2f s",
                               tokenizers[t], n_editions, body->len,
                               g_timer_elapsed (timer, NULL));
      sqlite3_close (db);
    }
}

int
main (int   argc,
      char *argv[])
{
  /* The messages quote Cyrillic and Arabic; without a UTF-8 locale GLib
   * would print them as question marks.
   */
  setlocale (LC_ALL, "C.UTF-8");
  g_test_init (&argc, &argv, NULL);

  g_test_add_func ("/search-fold/fold/strings", test_fold_strings);
  g_test_add_func ("/search-fold/fold/decomposed", test_fold_decomposed);
  g_test_add_func ("/search-fold/fold/length", test_fold_length);
  g_test_add_func ("/search-fold/fold/invalid", test_fold_invalid);
  g_test_add_func ("/search-fold/fold/stable", test_fold_stable);
  g_test_add_func ("/search-fold/tokens/offsets", test_tokens_offsets);
  g_test_add_func ("/search-fold/tokens/invalid", test_tokens_invalid);
  g_test_add_func ("/search-fold/tokens/empty", test_tokens_empty);
  g_test_add_func ("/search-fold/tokens/random", test_tokens_random);
  g_test_add_func ("/search-fold/search/table", test_search_table);
  g_test_add_func ("/search-fold/search/parity", test_search_parity);
  g_test_add_func ("/search-fold/search/external-content",
                   test_search_external_content);
  g_test_add_func ("/search-fold/search/snippet", test_search_snippet);
  g_test_add_func ("/search-fold/search/arguments", test_register_arguments);
  g_test_add_func ("/search-fold/query/strings", test_query_strings);
  g_test_add_func ("/search-fold/query/empty", test_query_empty);
  g_test_add_func ("/search-fold/query/safe", test_query_safe);

  if (g_test_perf ())
    {
      g_test_add_func ("/search-fold/perf/tokenize", test_perf_tokenize);
      g_test_add_func ("/search-fold/perf/index", test_perf_index);
    }

  return g_test_run ();
}
