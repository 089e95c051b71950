/* nd-diff.c
 *
 * SPDX-License-Identifier: GPL-3.0-or-later
 */

#define G_LOG_DOMAIN "newsdesk-diff"

#include "config.h"

#include <string.h>

#include "nd-diff.h"
#include "nd-paragraphs.h"

/* Two blocks are one edited block when at least this share of their words
 * is common; below, the old one was removed and the new one written anew. */
#define SAME_BLOCK_SIMILARITY 0.3

/* Pairing edited blocks costs the product of the sizes of an edited region;
 * past this, blocks are paired by position. */
#define MAX_PAIRING_CELLS 40000

/* The markup of insertions and deletions. Colour is not the only cue, for
 * those who do not see it: insertions are underlined, deletions struck
 * through. The translucent backgrounds read on light and dark styles. */
#define INSERT_SPAN "<span background=\"#2ec27e\" bgalpha=\"30%\" underline=\"single\">"
#define DELETE_SPAN "<span background=\"#e01b24\" bgalpha=\"25%\" strikethrough=\"true\">"

typedef struct
{
  guint8 kind;
  guint  index;
} Edit;

typedef struct
{
  const guint *a;
  const guint *b;
  GArray      *script;
} Differ;

typedef struct
{
  const char *text;
  GArray     *starts;
  GArray     *ids;
} Tokens;

enum { CLASS_SPACE, CLASS_WORD, CLASS_OTHER };

NdDiffOp *
nd_diff_op_new (NdDiffKind  kind,
                const char *text)
{
  NdDiffOp *op = g_new0 (NdDiffOp, 1);

  op->kind = kind;
  op->text = g_strdup (text != NULL ? text : "");
  return op;
}

void
nd_diff_op_free (NdDiffOp *op)
{
  if (op == NULL)
    return;

  g_free (op->text);
  g_free (op);
}

/* Tokens ------------------------------------------------------------------- */

static int
char_class (gunichar c)
{
  if (g_unichar_isspace (c))
    return CLASS_SPACE;
  if (g_unichar_isalnum (c) || c == '_')
    return CLASS_WORD;

  /* Combining marks (Arabic harakat, Cyrillic stress marks) and joiners
   * belong to the word they are in. */
  switch ((int) g_unichar_type (c))
    {
    case G_UNICODE_NON_SPACING_MARK:
    case G_UNICODE_SPACING_MARK:
    case G_UNICODE_ENCLOSING_MARK:
    case G_UNICODE_FORMAT:
      return CLASS_WORD;
    default:
      return CLASS_OTHER;
    }
}

static gboolean
is_apostrophe (gunichar c)
{
  return c == '\'' || c == 0x2019;
}

/* Splits @text into words, runs of white space and single other characters,
 * so that the tokens put together are @text again. */
static void
tokenize (const char *text,
          GArray     *starts)
{
  const char *p = text;

  while (*p != '\0')
    {
      gsize start = p - text;
      int klass = char_class (g_utf8_get_char (p));

      p = g_utf8_next_char (p);
      if (klass != CLASS_OTHER)
        while (*p != '\0')
          {
            gunichar c = g_utf8_get_char (p);
            const char *next = g_utf8_next_char (p);

            /* "don't", "Russia’s" are one word */
            if (klass == CLASS_WORD && is_apostrophe (c) && *next != '\0' &&
                char_class (g_utf8_get_char (next)) == CLASS_WORD)
              {
                p = next;
                continue;
              }
            if (char_class (c) != klass)
              break;
            p = next;
          }
      g_array_append_val (starts, start);
    }

  {
    gsize end = p - text;
    g_array_append_val (starts, end);
  }
}

static void
tokens_init (Tokens     *tokens,
             const char *text,
             GHashTable *interned)
{
  tokens->text = text;
  tokens->starts = g_array_new (FALSE, FALSE, sizeof (gsize));
  tokens->ids = g_array_new (FALSE, FALSE, sizeof (guint));
  tokenize (text, tokens->starts);

  for (guint i = 0; i + 1 < tokens->starts->len; i++)
    {
      gsize start = g_array_index (tokens->starts, gsize, i);
      gsize end = g_array_index (tokens->starts, gsize, i + 1);
      char *token = g_strndup (text + start, end - start);
      gpointer id = g_hash_table_lookup (interned, token);

      if (id == NULL)
        {
          id = GUINT_TO_POINTER (g_hash_table_size (interned) + 1);
          g_hash_table_insert (interned, token, id);
        }
      else
        g_free (token);

      {
        guint value = GPOINTER_TO_UINT (id);
        g_array_append_val (tokens->ids, value);
      }
    }
}

static void
tokens_clear (Tokens *tokens)
{
  g_clear_pointer (&tokens->starts, g_array_unref);
  g_clear_pointer (&tokens->ids, g_array_unref);
}

static guint
tokens_len (const Tokens *tokens)
{
  return tokens->ids->len;
}

static const char *
token_at (const Tokens *tokens,
          guint         i,
          gsize        *len)
{
  gsize start = g_array_index (tokens->starts, gsize, i);

  *len = g_array_index (tokens->starts, gsize, i + 1) - start;
  return tokens->text + start;
}

/**
 * nd_diff_tokenize:
 * @text: some text
 *
 * Splits @text the way nd_diff_words() compares it: words (with their
 * combining marks and inner apostrophes), runs of white space, and each
 * other character on its own. The tokens put together are @text.
 *
 * Returns: (transfer full) (element-type utf8): the tokens
 */
GPtrArray *
nd_diff_tokenize (const char *text)
{
  g_autoptr(GArray) starts = g_array_new (FALSE, FALSE, sizeof (gsize));
  GPtrArray *tokens = g_ptr_array_new_with_free_func (g_free);

  g_return_val_if_fail (text != NULL, NULL);

  tokenize (text, starts);
  for (guint i = 0; i + 1 < starts->len; i++)
    {
      gsize start = g_array_index (starts, gsize, i);
      g_ptr_array_add (tokens, g_strndup (text + start, g_array_index (starts, gsize, i + 1) - start));
    }

  return tokens;
}

/* Myers' O(ND) difference algorithm, in linear space --------------------------
 *
 * Both ends of the edit graph are searched at once until the paths overlap
 * (the "middle snake"); the problem is split there and each half solved the
 * same way. See E. Myers, "An O(ND) Difference Algorithm and Its
 * Variations", Algorithmica 1 (1986), section 4b.
 */

static void
emit (Differ *d,
      guint8  kind,
      guint   from,
      guint   to)
{
  for (guint i = from; i < to; i++)
    {
      Edit edit = { kind, i };
      g_array_append_val (d->script, edit);
    }
}

static void diff_range (Differ *d,
                        guint   a0,
                        guint   a1,
                        guint   b0,
                        guint   b1);

static gboolean
bisect (Differ *d,
        guint   a0,
        guint   a1,
        guint   b0,
        guint   b1,
        int    *split_x,
        int    *split_y)
{
  const guint *a = d->a + a0;
  const guint *b = d->b + b0;
  int n = a1 - a0;
  int m = b1 - b0;
  int max_d = (n + m + 1) / 2;
  int v_offset = max_d;
  int v_length = 2 * max_d + 2;
  int delta = n - m;
  gboolean front = (delta % 2) != 0;
  int k1start = 0, k1end = 0, k2start = 0, k2end = 0;
  g_autofree int *v1 = g_new (int, v_length);
  g_autofree int *v2 = g_new (int, v_length);

  for (int i = 0; i < v_length; i++)
    v1[i] = v2[i] = -1;
  v1[v_offset + 1] = 0;
  v2[v_offset + 1] = 0;

  for (int step = 0; step < max_d; step++)
    {
      /* Forward paths */
      for (int k1 = -step + k1start; k1 <= step - k1end; k1 += 2)
        {
          int k1_offset = v_offset + k1;
          int x1, y1;

          if (k1 == -step || (k1 != step && v1[k1_offset - 1] < v1[k1_offset + 1]))
            x1 = v1[k1_offset + 1];
          else
            x1 = v1[k1_offset - 1] + 1;
          y1 = x1 - k1;
          while (x1 < n && y1 < m && a[x1] == b[y1])
            {
              x1++;
              y1++;
            }
          v1[k1_offset] = x1;
          if (x1 > n)
            k1end += 2;
          else if (y1 > m)
            k1start += 2;
          else if (front)
            {
              int k2_offset = v_offset + delta - k1;

              if (k2_offset >= 0 && k2_offset < v_length && v2[k2_offset] != -1 && x1 >= n - v2[k2_offset])
                {
                  *split_x = x1;
                  *split_y = y1;
                  return TRUE;
                }
            }
        }

      /* Reverse paths */
      for (int k2 = -step + k2start; k2 <= step - k2end; k2 += 2)
        {
          int k2_offset = v_offset + k2;
          int x2, y2;

          if (k2 == -step || (k2 != step && v2[k2_offset - 1] < v2[k2_offset + 1]))
            x2 = v2[k2_offset + 1];
          else
            x2 = v2[k2_offset - 1] + 1;
          y2 = x2 - k2;
          while (x2 < n && y2 < m && a[n - x2 - 1] == b[m - y2 - 1])
            {
              x2++;
              y2++;
            }
          v2[k2_offset] = x2;
          if (x2 > n)
            k2end += 2;
          else if (y2 > m)
            k2start += 2;
          else if (!front)
            {
              int k1_offset = v_offset + delta - k2;

              if (k1_offset >= 0 && k1_offset < v_length && v1[k1_offset] != -1)
                {
                  int x1 = v1[k1_offset];
                  int y1 = v_offset + x1 - k1_offset;

                  if (x1 >= n - x2)
                    {
                      *split_x = x1;
                      *split_y = y1;
                      return TRUE;
                    }
                }
            }
        }
    }

  return FALSE;
}

static void
diff_range (Differ *d,
            guint   a0,
            guint   a1,
            guint   b0,
            guint   b1)
{
  guint prefix = 0;
  guint suffix = 0;
  int x, y;

  while (a0 + prefix < a1 && b0 + prefix < b1 && d->a[a0 + prefix] == d->b[b0 + prefix])
    prefix++;
  emit (d, ND_DIFF_EQUAL, a0, a0 + prefix);
  a0 += prefix;
  b0 += prefix;

  while (a1 - suffix > a0 && b1 - suffix > b0 && d->a[a1 - suffix - 1] == d->b[b1 - suffix - 1])
    suffix++;
  a1 -= suffix;
  b1 -= suffix;

  if (a0 == a1)
    emit (d, ND_DIFF_INSERT, b0, b1);
  else if (b0 == b1)
    emit (d, ND_DIFF_DELETE, a0, a1);
  else if (bisect (d, a0, a1, b0, b1, &x, &y) &&
           !(x == 0 && y == 0) && !((guint) x == a1 - a0 && (guint) y == b1 - b0))
    {
      diff_range (d, a0, a0 + x, b0, b0 + y);
      diff_range (d, a0 + x, a1, b0 + y, b1);
    }
  else
    {
      emit (d, ND_DIFF_DELETE, a0, a1);
      emit (d, ND_DIFF_INSERT, b0, b1);
    }

  emit (d, ND_DIFF_EQUAL, a1, a1 + suffix);
}

/* The shortest edit script turning @a into @b: for each step its kind and
 * the index in @a (equal, delete) or @b (insert). */
static GArray *
diff_ids (const guint *a,
          guint        n,
          const guint *b,
          guint        m)
{
  Differ d = { a, b, g_array_sized_new (FALSE, FALSE, sizeof (Edit), n + m) };

  diff_range (&d, 0, n, 0, m);
  return d.script;
}

/* Word diffs --------------------------------------------------------------- */

static gboolean
is_space_only (const char *text,
               gsize       len)
{
  for (const char *p = text; p < text + len; p = g_utf8_next_char (p))
    if (!g_unichar_isspace (g_utf8_get_char (p)))
      return FALSE;

  return TRUE;
}

static void
flush_change (GPtrArray *ops,
              GString   *deleted,
              GString   *inserted)
{
  if (deleted->len > 0)
    g_ptr_array_add (ops, nd_diff_op_new (ND_DIFF_DELETE, deleted->str));
  if (inserted->len > 0)
    g_ptr_array_add (ops, nd_diff_op_new (ND_DIFF_INSERT, inserted->str));
  g_string_truncate (deleted, 0);
  g_string_truncate (inserted, 0);
}

/* Turns an edit script into ops a person reads easily: equal, deleted and
 * inserted runs, each change a deletion followed by an insertion, and the
 * lone spaces between two changed words counted into the change ("a b" →
 * "x y" reads as one replacement, not two). */
static GPtrArray *
script_to_ops (GArray       *script,
               const Tokens *old_tokens,
               const Tokens *new_tokens)
{
  GPtrArray *ops = g_ptr_array_new_with_free_func ((GDestroyNotify) nd_diff_op_free);
  g_autoptr(GString) equal = g_string_new (NULL);
  g_autoptr(GString) deleted = g_string_new (NULL);
  g_autoptr(GString) inserted = g_string_new (NULL);
  guint i = 0;

  while (i < script->len)
    {
      const Edit *edit = &g_array_index (script, Edit, i);
      const char *token;
      gsize len;

      if (edit->kind != ND_DIFF_EQUAL)
        {
          token = token_at (edit->kind == ND_DIFF_DELETE ? old_tokens : new_tokens, edit->index, &len);
          g_string_append_len (edit->kind == ND_DIFF_DELETE ? deleted : inserted, token, len);
          i++;
          continue;
        }

      /* A run of equal tokens */
      {
        guint run_end = i;
        gboolean between_changes;

        g_string_truncate (equal, 0);
        while (run_end < script->len && g_array_index (script, Edit, run_end).kind == ND_DIFF_EQUAL)
          {
            token = token_at (old_tokens, g_array_index (script, Edit, run_end).index, &len);
            g_string_append_len (equal, token, len);
            run_end++;
          }

        between_changes = (deleted->len > 0 || inserted->len > 0) && run_end < script->len;
        if (between_changes && is_space_only (equal->str, equal->len))
          {
            g_string_append_len (deleted, equal->str, equal->len);
            g_string_append_len (inserted, equal->str, equal->len);
          }
        else
          {
            flush_change (ops, deleted, inserted);
            g_ptr_array_add (ops, nd_diff_op_new (ND_DIFF_EQUAL, equal->str));
          }
        i = run_end;
      }
    }
  flush_change (ops, deleted, inserted);

  return ops;
}

static char *
valid_utf8 (const char *text)
{
  if (text == NULL)
    return g_strdup ("");
  if (g_utf8_validate (text, -1, NULL))
    return g_strdup (text);
  return g_utf8_make_valid (text, -1);
}

/**
 * nd_diff_words:
 * @old_text: (nullable): the old version
 * @new_text: (nullable): the new version
 *
 * Compares two texts word by word (Myers' algorithm over the tokens of
 * nd_diff_tokenize(), so white space and punctuation are kept and any
 * script works). Invalid UTF-8 is repaired first.
 *
 * Returns: (transfer full) (element-type NdDiffOp): the steps from
 *   @old_text to @new_text, adjacent steps of one kind merged
 */
GPtrArray *
nd_diff_words (const char *old_text,
               const char *new_text)
{
  g_autoptr(GHashTable) interned = g_hash_table_new_full (g_str_hash, g_str_equal, g_free, NULL);
  g_autofree char *old_valid = valid_utf8 (old_text);
  g_autofree char *new_valid = valid_utf8 (new_text);
  g_autoptr(GArray) script = NULL;
  Tokens old_tokens, new_tokens;
  GPtrArray *ops;

  tokens_init (&old_tokens, old_valid, interned);
  tokens_init (&new_tokens, new_valid, interned);
  script = diff_ids ((const guint *) old_tokens.ids->data, tokens_len (&old_tokens),
                     (const guint *) new_tokens.ids->data, tokens_len (&new_tokens));
  ops = script_to_ops (script, &old_tokens, &new_tokens);
  tokens_clear (&old_tokens);
  tokens_clear (&new_tokens);

  return ops;
}

/**
 * nd_diff_has_changes:
 * @ops: (element-type NdDiffOp): a diff
 *
 * Returns: %TRUE if @ops inserts or deletes anything
 */
gboolean
nd_diff_has_changes (GPtrArray *ops)
{
  g_return_val_if_fail (ops != NULL, FALSE);

  for (guint i = 0; i < ops->len; i++)
    if (((NdDiffOp *) g_ptr_array_index (ops, i))->kind != ND_DIFF_EQUAL)
      return TRUE;

  return FALSE;
}

static gsize
count_visible (const char *text)
{
  gsize n = 0;

  for (const char *p = text; *p != '\0'; p = g_utf8_next_char (p))
    if (!g_unichar_isspace (g_utf8_get_char (p)))
      n++;

  return n;
}

/**
 * nd_diff_similarity:
 * @old_text: (nullable): a text
 * @new_text: (nullable): another text
 *
 * How much of two texts is common, white space aside: twice the characters
 * of the equal words over the characters of both.
 *
 * Returns: from 0 (nothing in common) to 1 (the same)
 */
double
nd_diff_similarity (const char *old_text,
                    const char *new_text)
{
  g_autoptr(GPtrArray) ops = nd_diff_words (old_text, new_text);
  gsize equal = 0, deleted = 0, inserted = 0;

  for (guint i = 0; i < ops->len; i++)
    {
      NdDiffOp *op = g_ptr_array_index (ops, i);
      gsize n = count_visible (op->text);

      if (op->kind == ND_DIFF_EQUAL)
        equal += n;
      else if (op->kind == ND_DIFF_DELETE)
        deleted += n;
      else
        inserted += n;
    }

  if (equal + deleted + inserted == 0)
    return 1.0;

  return (2.0 * equal) / (2.0 * equal + deleted + inserted);
}

/**
 * nd_diff_text_to_markup:
 * @kind: how to show @text
 * @text: some text
 *
 * Returns: (transfer full): @text, escaped, as Pango markup styled as an
 *   insertion, a deletion or neither
 */
char *
nd_diff_text_to_markup (NdDiffKind  kind,
                        const char *text)
{
  g_autofree char *escaped = g_markup_escape_text (text != NULL ? text : "", -1);

  switch (kind)
    {
    case ND_DIFF_INSERT:
      return g_strconcat (INSERT_SPAN, escaped, "</span>", NULL);
    case ND_DIFF_DELETE:
      return g_strconcat (DELETE_SPAN, escaped, "</span>", NULL);
    case ND_DIFF_EQUAL:
    default:
      return g_steal_pointer (&escaped);
    }
}

/**
 * nd_diff_to_markup:
 * @ops: (element-type NdDiffOp): a diff
 *
 * Shows a diff as Pango markup: insertions underlined on green, deletions
 * struck through on red. All text is escaped.
 *
 * Returns: (transfer full): the markup
 */
char *
nd_diff_to_markup (GPtrArray *ops)
{
  g_autoptr(GString) markup = g_string_new (NULL);

  g_return_val_if_fail (ops != NULL, NULL);

  for (guint i = 0; i < ops->len; i++)
    {
      NdDiffOp *op = g_ptr_array_index (ops, i);
      g_autofree char *part = nd_diff_text_to_markup (op->kind, op->text);

      g_string_append (markup, part);
    }

  return g_string_free (g_steal_pointer (&markup), FALSE);
}

/* Block diffs --------------------------------------------------------------- */

/* Blocks that differ only in white space are the same block. */
static char *
block_key (const NdBlock *block)
{
  g_autofree char *valid = valid_utf8 (block->text);
  g_autoptr(GString) key = g_string_new (NULL);
  gboolean space = FALSE;

  for (const char *p = valid; *p != '\0'; p = g_utf8_next_char (p))
    {
      gunichar c = g_utf8_get_char (p);

      if (g_unichar_isspace (c))
        {
          space = key->len > 0;
          continue;
        }
      if (space)
        g_string_append_c (key, ' ');
      space = FALSE;
      g_string_append_unichar (key, c);
    }

  return g_string_free (g_steal_pointer (&key), FALSE);
}

static guint *
block_ids (GPtrArray  *blocks,
           GHashTable *interned)
{
  guint *ids = g_new (guint, MAX (blocks->len, 1));

  for (guint i = 0; i < blocks->len; i++)
    {
      char *key = block_key (g_ptr_array_index (blocks, i));
      gpointer id = g_hash_table_lookup (interned, key);

      if (id == NULL)
        {
          id = GUINT_TO_POINTER (g_hash_table_size (interned) + 1);
          g_hash_table_insert (interned, key, id);
        }
      else
        g_free (key);
      ids[i] = GPOINTER_TO_UINT (id);
    }

  return ids;
}

static void
append_block_diff (GArray        *result,
                   NdBlockChange  change,
                   int            old_index,
                   int            new_index)
{
  NdBlockDiff entry = { change, old_index, new_index };

  g_array_append_val (result, entry);
}

/* In a run of removed and added blocks, finds the edited ones: the pairs,
 * in order, with the most words in common. */
static void
pair_edited_blocks (GArray    *result,
                    GPtrArray *old_blocks,
                    GArray    *removed,
                    GPtrArray *new_blocks,
                    GArray    *added)
{
  guint p = removed->len;
  guint q = added->len;
  g_autofree double *score = NULL;
  g_autofree double *sim = NULL;
  g_autofree guint8 *step = NULL;
  g_autoptr(GArray) pairs = g_array_new (FALSE, FALSE, sizeof (NdBlockPair));
  guint oi = 0, ni = 0;

  if (p == 0 || q == 0 || (gsize) p * q > MAX_PAIRING_CELLS)
    {
      /* Nothing to pair, or too much: pair by position. */
      for (guint k = 0; p > 0 && q > 0 && k < MIN (p, q); k++)
        {
          NdBlockPair pair = { k, k };
          g_array_append_val (pairs, pair);
        }
    }
  else
    {
#define AT(i, j) ((gsize) (i) * (q + 1) + (j))
      score = g_new0 (double, (gsize) (p + 1) * (q + 1));
      sim = g_new0 (double, (gsize) p * q);
      step = g_new0 (guint8, (gsize) (p + 1) * (q + 1));

      for (guint i = 0; i < p; i++)
        for (guint j = 0; j < q; j++)
          {
            const NdBlock *o = g_ptr_array_index (old_blocks, g_array_index (removed, int, i));
            const NdBlock *n = g_ptr_array_index (new_blocks, g_array_index (added, int, j));
            sim[i * q + j] = nd_diff_similarity (o->text, n->text);
          }

      for (guint i = 0; i <= p; i++)
        for (guint j = 0; j <= q; j++)
          {
            double best = 0;
            guint8 how = 0;

            if (i > 0 && score[AT (i - 1, j)] >= best)
              {
                best = score[AT (i - 1, j)];
                how = 1;
              }
            if (j > 0 && score[AT (i, j - 1)] > best)
              {
                best = score[AT (i, j - 1)];
                how = 2;
              }
            if (i > 0 && j > 0 && sim[(i - 1) * q + (j - 1)] >= SAME_BLOCK_SIMILARITY &&
                score[AT (i - 1, j - 1)] + sim[(i - 1) * q + (j - 1)] > best)
              {
                best = score[AT (i - 1, j - 1)] + sim[(i - 1) * q + (j - 1)];
                how = 3;
              }
            score[AT (i, j)] = best;
            step[AT (i, j)] = how;
          }

      for (guint i = p, j = q; i > 0 || j > 0;)
        {
          switch (step[AT (i, j)])
            {
            case 3:
              {
                NdBlockPair pair = { --i, --j };
                g_array_prepend_val (pairs, pair);
              }
              break;
            case 1:
              i--;
              break;
            case 2:
              j--;
              break;
            default:
              /* Only at (0, 0), which ends the loop. */
              i = j = 0;
              break;
            }
        }
#undef AT
    }

  /* Removed blocks come before the blocks added in their place. */
  for (guint k = 0; k <= pairs->len; k++)
    {
      guint po = k < pairs->len ? (guint) g_array_index (pairs, NdBlockPair, k).source : p;
      guint pn = k < pairs->len ? (guint) g_array_index (pairs, NdBlockPair, k).target : q;

      for (; oi < po; oi++)
        append_block_diff (result, ND_BLOCK_REMOVED, g_array_index (removed, int, oi), -1);
      for (; ni < pn; ni++)
        append_block_diff (result, ND_BLOCK_NEW, -1, g_array_index (added, int, ni));
      if (k < pairs->len)
        {
          append_block_diff (result, ND_BLOCK_CHANGED,
                             g_array_index (removed, int, oi++), g_array_index (added, int, ni++));
        }
    }
}

/**
 * nd_diff_blocks:
 * @old_blocks: (element-type NdBlock): the blocks of the old version
 * @new_blocks: (element-type NdBlock): the blocks of the new version
 *
 * Finds which blocks of a text changed between two versions: blocks equal
 * but for white space are unchanged; of the others, an old and a new block
 * with enough words in common are one edited block, the rest were removed
 * or added.
 *
 * Returns: (transfer full) (element-type NdBlockDiff): one entry per block
 *   of either version, in the order of both
 */
GArray *
nd_diff_blocks (GPtrArray *old_blocks,
                GPtrArray *new_blocks)
{
  g_autoptr(GHashTable) interned = g_hash_table_new_full (g_str_hash, g_str_equal, g_free, NULL);
  g_autofree guint *old_ids = NULL;
  g_autofree guint *new_ids = NULL;
  g_autoptr(GArray) script = NULL;
  g_autoptr(GArray) removed = g_array_new (FALSE, FALSE, sizeof (int));
  g_autoptr(GArray) added = g_array_new (FALSE, FALSE, sizeof (int));
  GArray *result;
  guint new_pos = 0;

  g_return_val_if_fail (old_blocks != NULL, NULL);
  g_return_val_if_fail (new_blocks != NULL, NULL);

  old_ids = block_ids (old_blocks, interned);
  new_ids = block_ids (new_blocks, interned);
  script = diff_ids (old_ids, old_blocks->len, new_ids, new_blocks->len);
  result = g_array_sized_new (FALSE, FALSE, sizeof (NdBlockDiff), MAX (old_blocks->len, new_blocks->len));

  for (guint i = 0; i <= script->len; i++)
    {
      const Edit *edit = i < script->len ? &g_array_index (script, Edit, i) : NULL;

      if (edit != NULL && edit->kind == ND_DIFF_DELETE)
        {
          int index = edit->index;
          g_array_append_val (removed, index);
          continue;
        }
      if (edit != NULL && edit->kind == ND_DIFF_INSERT)
        {
          int index = edit->index;
          g_array_append_val (added, index);
          new_pos = edit->index + 1;
          continue;
        }

      if (removed->len > 0 || added->len > 0)
        {
          pair_edited_blocks (result, old_blocks, removed, new_blocks, added);
          g_array_set_size (removed, 0);
          g_array_set_size (added, 0);
        }
      if (edit != NULL)
        append_block_diff (result, ND_BLOCK_UNCHANGED, edit->index, new_pos++);
    }

  return result;
}

static void
append_row (GArray        *rows,
            int            source,
            int            target,
            int            old_source,
            NdBlockChange  change)
{
  NdTranslationRow row = { source, target, old_source, change };

  g_array_append_val (rows, row);
}

/**
 * nd_diff_translation_rows:
 * @old_source: (nullable) (element-type NdBlock): the blocks of the source
 *   as it was when it was translated, or %NULL when the translation is up
 *   to date (or that version is not known)
 * @source: (element-type NdBlock): the blocks of the source now
 * @target: (element-type NdBlock): the blocks of the translation
 *
 * Lays out a source and its translation for a translator. Without
 * @old_source the blocks are aligned with nd_paragraphs_align(). With it,
 * the translation is aligned with the text it was made from, and each block
 * of the source now is put beside the translation of the block it comes
 * from, marked as changed since; new source blocks face an empty slot to
 * translate, and translations of removed source blocks stay, marked
 * %ND_BLOCK_REMOVED, so that nothing of the translation is hidden.
 *
 * Returns: (transfer full) (element-type NdTranslationRow): the rows, in
 *   the order of the source and of the translation
 */
GArray *
nd_diff_translation_rows (GPtrArray *old_source,
                          GPtrArray *source,
                          GPtrArray *target)
{
  GArray *rows;
  g_autoptr(GArray) pairs = NULL;
  g_autoptr(GArray) changes = NULL;
  g_autofree int *old_to_target = NULL;
  int next_target = 0;

  g_return_val_if_fail (source != NULL, NULL);
  g_return_val_if_fail (target != NULL, NULL);

  rows = g_array_new (FALSE, FALSE, sizeof (NdTranslationRow));

  if (old_source == NULL)
    {
      pairs = nd_paragraphs_align (source, target);
      for (guint i = 0; i < pairs->len; i++)
        {
          const NdBlockPair *pair = &g_array_index (pairs, NdBlockPair, i);
          append_row (rows, pair->source, pair->target, -1, ND_BLOCK_UNCHANGED);
        }
      return rows;
    }

  pairs = nd_paragraphs_align (old_source, target);
  old_to_target = g_new (int, MAX (old_source->len, 1));
  for (guint i = 0; i < old_source->len; i++)
    old_to_target[i] = -1;
  for (guint i = 0; i < pairs->len; i++)
    {
      const NdBlockPair *pair = &g_array_index (pairs, NdBlockPair, i);
      if (pair->source >= 0)
        old_to_target[pair->source] = pair->target;
    }

  changes = nd_diff_blocks (old_source, source);
  for (guint i = 0; i < changes->len; i++)
    {
      const NdBlockDiff *change = &g_array_index (changes, NdBlockDiff, i);
      int t = change->old_index >= 0 ? old_to_target[change->old_index] : -1;

      if (t >= 0)
        {
          /* Translated blocks of no source block keep their place. */
          for (; next_target < t; next_target++)
            append_row (rows, -1, next_target, -1, ND_BLOCK_UNCHANGED);
          next_target = t + 1;
        }
      else if (change->new_index < 0)
        continue; /* removed, and never translated: nothing to show */

      append_row (rows, change->new_index, t, change->old_index, change->change);
    }
  for (; next_target < (int) target->len; next_target++)
    append_row (rows, -1, next_target, -1, ND_BLOCK_UNCHANGED);

  return rows;
}
