/* nd-search-tokenizer.c
 *
 * SPDX-License-Identifier: GPL-3.0-or-later
 */

#define G_LOG_DOMAIN "newsdesk"

#include "config.h"

#include "nd-search-tokenizer.h"
#include "nd-text-fold.h"

/* FTS5 wants a distinct object per tokenizer instance; ours has no options
 * and no state, but it still gets its own allocation so that xDelete has
 * something to free.
 */
typedef struct
{
  int unused;
} SearchTokenizer;

G_DEFINE_QUARK (nd-search-tokenizer-error-quark, nd_search_tokenizer_error)

static int
tokenizer_create (void         *context,
                  const char  **args,
                  int           n_args,
                  Fts5Tokenizer **out)
{
  /* Options would change how text is folded, and an index folded one way
   * cannot be queried another way, so there are none to accept.
   */
  if (n_args > 0)
    {
      *out = NULL;
      return SQLITE_ERROR;
    }

  *out = (Fts5Tokenizer *) g_new0 (SearchTokenizer, 1);

  return SQLITE_OK;
}

static void
tokenizer_delete (Fts5Tokenizer *tokenizer)
{
  g_free (tokenizer);
}

static int
tokenizer_tokenize (Fts5Tokenizer *tokenizer,
                    void          *context,
                    int            flags,
                    const char    *text,
                    int            length,
                    int          (*emit) (void       *context,
                                          int         token_flags,
                                          const char *token,
                                          int         token_length,
                                          int         start,
                                          int         end))
{
  g_autoptr(GString) token = NULL;
  gsize position = 0;
  gsize start;
  gsize end;

  /* Documents (FTS5_TOKENIZE_DOCUMENT), queries (FTS5_TOKENIZE_QUERY, with
   * FTS5_TOKENIZE_PREFIX for the term before a `*`) and highlighting
   * (FTS5_TOKENIZE_AUX) are all split and folded the same way on purpose:
   * a term matches only if the query yields exactly the token the document
   * did, and a prefix term is a prefix of the folded token because folding
   * works character by character. No colocated synonyms are emitted, so
   * the index holds one token per word. Flags a later SQLite may add are
   * ignored for the same reason.
   */
  if (text == NULL || length <= 0)
    return SQLITE_OK;

  token = g_string_sized_new (64);

  while (nd_text_fold_next_token (text, length, &position, token,
                                  &start, &end))
    {
      int rc;

      /* FTS5 limits documents to int offsets, so these never truncate. */
      rc = emit (context, 0, token->str, (int) token->len,
                 (int) start, (int) end);
      if (rc != SQLITE_OK)
        return rc;
    }

  return SQLITE_OK;
}

static fts5_api *
get_fts5_api (sqlite3  *db,
              GError  **error)
{
  fts5_api *api = NULL;
  sqlite3_stmt *stmt = NULL;
  int rc;

  rc = sqlite3_prepare_v2 (db, "SELECT fts5(?1)", -1, &stmt, NULL);
  if (rc != SQLITE_OK)
    {
      g_set_error (error, ND_SEARCH_TOKENIZER_ERROR,
                   ND_SEARCH_TOKENIZER_ERROR_UNAVAILABLE,
                   "FTS5 is not available: %s", sqlite3_errmsg (db));
      return NULL;
    }

  sqlite3_bind_pointer (stmt, 1, &api, "fts5_api_ptr", NULL);
  sqlite3_step (stmt);
  sqlite3_finalize (stmt);

  if (api == NULL)
    {
      g_set_error (error, ND_SEARCH_TOKENIZER_ERROR,
                   ND_SEARCH_TOKENIZER_ERROR_UNAVAILABLE,
                   "FTS5 did not return its API: %s", sqlite3_errmsg (db));
      return NULL;
    }

  return api;
}

/**
 * nd_search_tokenizer_register:
 * @db: an open SQLite connection
 * @error: return location for a #GError
 *
 * Registers the FTS5 tokenizer [const@SEARCH_TOKENIZER_NAME] on @db. It
 * splits text into words and folds them with nd_text_fold_next_token(), so
 * that case, Latin accents, ё, Arabic harakat, tatweel, hamza forms of alef,
 * alef maqsura and the script of digits do not matter to a search; offsets
 * refer to the original text, so snippet() and highlight() mark words as
 * they were written.
 *
 * Tokenizers belong to a connection: call this on every connection before
 * it touches a table created with `tokenize='newsdesk'`.
 *
 * Returns: %TRUE on success, %FALSE with @error set otherwise
 */
gboolean
nd_search_tokenizer_register (sqlite3  *db,
                              GError  **error)
{
  static fts5_tokenizer tokenizer = {
    tokenizer_create,
    tokenizer_delete,
    tokenizer_tokenize,
  };
  fts5_api *api;
  int rc;

  g_return_val_if_fail (db != NULL, FALSE);
  g_return_val_if_fail (error == NULL || *error == NULL, FALSE);

  if ((api = get_fts5_api (db, error)) == NULL)
    return FALSE;

  rc = api->xCreateTokenizer (api, ND_SEARCH_TOKENIZER_NAME, NULL,
                              &tokenizer, NULL);
  if (rc != SQLITE_OK)
    {
      g_set_error (error, ND_SEARCH_TOKENIZER_ERROR,
                   ND_SEARCH_TOKENIZER_ERROR_FAILED,
                   "Could not register the %s tokenizer: %s",
                   ND_SEARCH_TOKENIZER_NAME, sqlite3_errstr (rc));
      return FALSE;
    }

  return TRUE;
}

static void
append_quoted (GString    *query,
               const char *word,
               gsize       length)
{
  g_string_append_c (query, '"');

  for (gsize i = 0; i < length; i++)
    {
      /* Inside an FTS5 string only the quote is special, and it is escaped
       * by doubling it.
       */
      if (word[i] == '"')
        g_string_append_c (query, '"');
      g_string_append_c (query, word[i]);
    }

  g_string_append_c (query, '"');
}

/**
 * nd_search_query_from_text:
 * @typed: what the user typed in a search entry
 *
 * Builds an FTS5 `MATCH` expression for @typed: every whitespace-separated
 * word that contains something searchable becomes a quoted FTS5 string, and
 * the strings are joined with `AND`. Quoting makes FTS5 syntax in @typed
 * (quotes, `*`, `-`, `OR`, `NEAR(`, parentheses, column filters) plain
 * text, so the expression never fails to parse. A word holding punctuation
 * stays one phrase: `São-Paulo` needs both words, next to each other.
 *
 * For search-as-you-type, the last word is a prefix (`"afghan"*`) while the
 * user is still typing it, once it has three letters; once @typed ends in
 * whitespace or punctuation, the last word has been finished and must match
 * whole.
 *
 * Folding is left to the tokenizer, which folds the query like the
 * documents.
 *
 * Returns: (transfer full) (nullable): the expression, or %NULL if @typed
 *   has nothing to search for
 */
#define ND_SEARCH_MIN_PREFIX 3

char *
nd_search_query_from_text (const char *typed)
{
  g_autoptr(GString) query = NULL;
  g_autoptr(GString) token = NULL;
  g_autofree char *valid = NULL;
  const char *p;
  gboolean last_is_prefix = FALSE;

  g_return_val_if_fail (typed != NULL, NULL);

  /* Quoting is only safe on valid UTF-8: a truncated sequence could
   * swallow the closing quote.
   */
  valid = g_utf8_make_valid (typed, -1);
  query = g_string_new (NULL);
  token = g_string_new (NULL);
  p = valid;

  while (*p != '\0')
    {
      const char *word;
      gsize word_length;
      gsize position = 0;
      gsize start;
      gsize end;
      gboolean searchable;

      while (*p != '\0' && g_unichar_isspace (g_utf8_get_char (p)))
        p = g_utf8_next_char (p);

      if (*p == '\0')
        break;

      word = p;
      while (*p != '\0' && !g_unichar_isspace (g_utf8_get_char (p)))
        p = g_utf8_next_char (p);
      word_length = p - word;

      searchable = nd_text_fold_next_token (word, word_length, &position,
                                            token, &start, &end);
      last_is_prefix = FALSE;

      if (!searchable)
        continue;

      if (query->len > 0)
        g_string_append (query, " AND ");
      append_quoted (query, word, word_length);

      /* The last word is still being typed only if it ends with a letter:
       * a comma or a closing quote after it means it is finished.
       */
      if (*p == '\0')
        {
          gsize last_end = end;
          glong last_chars = g_utf8_strlen (token->str, -1);

          while (nd_text_fold_next_token (word, word_length, &position,
                                          token, &start, &end))
            {
              last_end = end;
              last_chars = g_utf8_strlen (token->str, -1);
            }

          /* One or two letters match too many words to be worth a prefix
           * search (every Arabic word with the article starts with "ال"):
           * they match as whole words ("EU", "UN") until a third is typed. */
          last_is_prefix = last_end == word_length && last_chars >= ND_SEARCH_MIN_PREFIX;
        }
    }

  if (query->len == 0)
    return NULL;

  if (last_is_prefix)
    g_string_append_c (query, '*');

  return g_string_free (g_steal_pointer (&query), FALSE);
}
