/* nd-paragraphs.c
 *
 * SPDX-License-Identifier: GPL-3.0-or-later
 */

#define G_LOG_DOMAIN "newsdesk-paragraphs"

#include "config.h"

#include <math.h>
#include <string.h>

#include <cmark.h>

#include "nd-paragraphs.h"

/* Costs of the alignment of two texts whose numbers of blocks differ, see
 * nd_paragraphs_align(). A gap at the end is cheap because the common reason
 * for a shorter translation is that it is not finished; a gap in the middle
 * has to be paid for by better pairs around it. */
#define GAP_COST          1.2
#define TRAILING_GAP_COST 0.4
#define HEADING_MISMATCH  3.0
#define KIND_MISMATCH     1.0
#define LENGTH_WEIGHT     0.5
#define LENGTH_CAP        2.0
#define NUMBERS_WEIGHT    1.0

typedef struct
{
  int         first_line;
  int         last_line;
  NdBlockKind kind;
  int         level;
} LineBlock;

/**
 * nd_block_new:
 * @kind: what the block is
 * @text: its text
 *
 * Creates a block that is not (yet) part of a body: its range is empty.
 *
 * Returns: (transfer full): a new block, free with nd_block_free()
 */
NdBlock *
nd_block_new (NdBlockKind  kind,
              const char  *text)
{
  NdBlock *block = g_new0 (NdBlock, 1);

  block->kind = kind;
  block->text = g_strdup (text != NULL ? text : "");
  return block;
}

/**
 * nd_block_copy:
 * @block: a block
 *
 * Returns: (transfer full): a copy of @block
 */
NdBlock *
nd_block_copy (const NdBlock *block)
{
  NdBlock *copy;

  g_return_val_if_fail (block != NULL, NULL);

  copy = g_memdup2 (block, sizeof *block);
  copy->text = g_strdup (block->text);
  return copy;
}

void
nd_block_free (NdBlock *block)
{
  if (block == NULL)
    return;

  g_free (block->text);
  g_free (block);
}

/**
 * nd_paragraphs_is_blank:
 * @text: (nullable): some text
 *
 * Returns: %TRUE if @text is %NULL, empty or only white space
 */
gboolean
nd_paragraphs_is_blank (const char *text)
{
  if (text == NULL)
    return TRUE;

  for (const char *p = text; *p != '\0'; p = g_utf8_next_char (p))
    if (!g_unichar_isspace (g_utf8_get_char_validated (p, -1)))
      return FALSE;

  return TRUE;
}

/* A blank line in CommonMark holds nothing but spaces and tabs. */
static gboolean
line_is_blank (const char *text,
               gsize       start,
               gsize       end)
{
  for (gsize i = start; i < end; i++)
    if (text[i] != ' ' && text[i] != '\t')
      return FALSE;

  return TRUE;
}

/* Splits @text into lines the way cmark counts them (LF, CRLF and a lone CR
 * end a line), remembering where each line's content starts and ends. */
static void
index_lines (const char *text,
             GArray     *starts,
             GArray     *ends)
{
  gsize i = 0;
  gsize start = 0;

  while (text[i] != '\0')
    {
      if (text[i] == '\n' || text[i] == '\r')
        {
          g_array_append_val (starts, start);
          g_array_append_val (ends, i);
          if (text[i] == '\r' && text[i + 1] == '\n')
            i++;
          start = i + 1;
        }
      i++;
    }

  if (start < i)
    {
      g_array_append_val (starts, start);
      g_array_append_val (ends, i);
    }
}

static NdBlockKind
kind_of_node (cmark_node *node,
              int        *level)
{
  *level = 0;

  switch ((int) cmark_node_get_type (node))
    {
    case CMARK_NODE_PARAGRAPH:
      return ND_BLOCK_PARAGRAPH;
    case CMARK_NODE_HEADING:
      *level = cmark_node_get_heading_level (node);
      return ND_BLOCK_HEADING;
    case CMARK_NODE_LIST:
      return ND_BLOCK_LIST;
    case CMARK_NODE_BLOCK_QUOTE:
      return ND_BLOCK_QUOTE;
    case CMARK_NODE_CODE_BLOCK:
      return ND_BLOCK_CODE;
    case CMARK_NODE_THEMATIC_BREAK:
      return ND_BLOCK_RULE;
    case CMARK_NODE_HTML_BLOCK:
      return ND_BLOCK_HTML;
    default:
      return ND_BLOCK_OTHER;
    }
}

static int
compare_line_blocks (gconstpointer a,
                     gconstpointer b)
{
  const LineBlock *x = a;
  const LineBlock *y = b;

  return (x->first_line > y->first_line) - (x->first_line < y->first_line);
}

/**
 * nd_paragraphs_split:
 * @markdown: (nullable): a CommonMark body
 *
 * Splits a body into its top-level blocks, in order: paragraphs, headings,
 * and whole lists, quotes and code blocks (a loose list or a quote with blank
 * lines in it stays one block). Blocks are usually separated by blank lines;
 * a heading directly followed by a paragraph makes two blocks. Text that
 * CommonMark keeps in no block of its own, such as link reference
 * definitions, becomes an %ND_BLOCK_OTHER block, so that joining the blocks
 * again loses no text.
 *
 * Returns: (transfer full) (element-type NdBlock): the blocks
 */
GPtrArray *
nd_paragraphs_split (const char *markdown)
{
  g_autoptr(GPtrArray) blocks = g_ptr_array_new_with_free_func ((GDestroyNotify) nd_block_free);
  g_autoptr(GArray) starts = NULL;
  g_autoptr(GArray) ends = NULL;
  g_autoptr(GArray) found = NULL;
  g_autofree gboolean *covered = NULL;
  cmark_node *document;
  int n_lines;
  int last_taken = -1;

  if (markdown == NULL || *markdown == '\0')
    return g_steal_pointer (&blocks);

  starts = g_array_new (FALSE, FALSE, sizeof (gsize));
  ends = g_array_new (FALSE, FALSE, sizeof (gsize));
  index_lines (markdown, starts, ends);
  n_lines = starts->len;
  covered = g_new0 (gboolean, MAX (n_lines, 1));
  found = g_array_new (FALSE, FALSE, sizeof (LineBlock));

#define LINE_BLANK(l) line_is_blank (markdown, g_array_index (starts, gsize, (l)), g_array_index (ends, gsize, (l)))

  /* cmark knows where blocks are, but counts the blank lines after a list,
   * a setext heading or a thematic break into the block: trim them. */
  document = cmark_parse_document (markdown, strlen (markdown), CMARK_OPT_DEFAULT);
  for (cmark_node *node = cmark_node_first_child (document);
       node != NULL;
       node = cmark_node_next (node))
    {
      LineBlock lb;

      lb.kind = kind_of_node (node, &lb.level);
      lb.first_line = MAX (cmark_node_get_start_line (node) - 1, last_taken + 1);
      lb.last_line = MIN (cmark_node_get_end_line (node) - 1, n_lines - 1);

      while (lb.first_line <= lb.last_line && LINE_BLANK (lb.first_line))
        lb.first_line++;
      while (lb.last_line >= lb.first_line && LINE_BLANK (lb.last_line))
        lb.last_line--;
      if (lb.first_line > lb.last_line)
        continue;

      for (int l = lb.first_line; l <= lb.last_line; l++)
        covered[l] = TRUE;
      last_taken = lb.last_line;
      g_array_append_val (found, lb);
    }
  cmark_node_free (document);

  /* What cmark left out (link reference definitions) is kept as it is. */
  for (int l = 0; l < n_lines; l++)
    {
      LineBlock lb = { l, l, ND_BLOCK_OTHER, 0 };

      if (covered[l] || LINE_BLANK (l))
        continue;
      while (lb.last_line + 1 < n_lines && !covered[lb.last_line + 1] && !LINE_BLANK (lb.last_line + 1))
        lb.last_line++;
      for (int k = lb.first_line; k <= lb.last_line; k++)
        covered[k] = TRUE;
      g_array_append_val (found, lb);
    }
  g_array_sort (found, compare_line_blocks);

#undef LINE_BLANK

  for (guint i = 0; i < found->len; i++)
    {
      const LineBlock *lb = &g_array_index (found, LineBlock, i);
      gsize start = g_array_index (starts, gsize, lb->first_line);
      gsize end = g_array_index (ends, gsize, lb->last_line);
      NdBlock *block = g_new0 (NdBlock, 1);

      block->kind = lb->kind;
      block->level = lb->level;
      block->text = g_strndup (markdown + start, end - start);
      block->start = start;
      block->end = end;
      g_ptr_array_add (blocks, block);
    }

  return g_steal_pointer (&blocks);
}

/* The part of @text that is the block: without blank lines before it and
 * without white space after it. Indentation of the first line is kept, as it
 * can make an indented code block. */
static void
trimmed_range (const char *text,
               gsize      *out_start,
               gsize      *out_end)
{
  gsize start = 0;
  gsize end = strlen (text);
  gsize i = 0;

  for (;;)
    {
      while (text[i] == ' ' || text[i] == '\t')
        i++;
      if (text[i] == '\n' || text[i] == '\r')
        {
          if (text[i] == '\r' && text[i + 1] == '\n')
            i++;
          start = ++i;
          continue;
        }
      if (text[i] == '\0')
        start = i;
      break;
    }

  while (end > start && g_ascii_isspace (text[end - 1]))
    end--;

  *out_start = start;
  *out_end = end;
}

/**
 * nd_paragraphs_join:
 * @texts: (array length=n_texts): block texts
 * @n_texts: how many, or -1 when @texts ends with %NULL
 *
 * Puts a body together from block texts: each without blank lines around
 * it, empty ones left out, one blank line between two.
 *
 * Returns: (transfer full): the body
 */
char *
nd_paragraphs_join (const char * const *texts,
                    gssize              n_texts)
{
  g_autoptr(GString) body = g_string_new (NULL);

  g_return_val_if_fail (texts != NULL || n_texts == 0, NULL);

  for (gssize i = 0; n_texts < 0 ? texts[i] != NULL : i < n_texts; i++)
    {
      gsize start, end;

      if (texts[i] == NULL)
        continue;
      trimmed_range (texts[i], &start, &end);
      if (end <= start)
        continue;
      if (body->len > 0)
        g_string_append (body, "\n\n");
      g_string_append_len (body, texts[i] + start, end - start);
    }

  return g_string_free (g_steal_pointer (&body), FALSE);
}

/**
 * nd_paragraphs_join_blocks:
 * @blocks: (element-type NdBlock): blocks
 *
 * Like nd_paragraphs_join() for the texts of @blocks.
 *
 * Returns: (transfer full): the body
 */
char *
nd_paragraphs_join_blocks (GPtrArray *blocks)
{
  g_autofree const char **texts = NULL;

  g_return_val_if_fail (blocks != NULL, NULL);

  texts = g_new0 (const char *, blocks->len + 1);
  for (guint i = 0; i < blocks->len; i++)
    texts[i] = ((NdBlock *) g_ptr_array_index (blocks, i))->text;

  return nd_paragraphs_join (texts, blocks->len);
}

/* Alignment ------------------------------------------------------------------ */

typedef struct
{
  NdBlockKind  kind;
  double       length;
  GPtrArray   *numbers;
} Features;

/* Numbers survive translation: "2025", "٢٠٢٥" and "2 025" are one number. */
static GPtrArray *
collect_numbers (const char *text)
{
  GPtrArray *numbers = g_ptr_array_new_with_free_func (g_free);
  g_autoptr(GString) current = g_string_new (NULL);

  for (const char *p = text;; p = g_utf8_next_char (p))
    {
      gunichar c = *p != '\0' ? g_utf8_get_char (p) : 0;
      int digit = c != 0 ? g_unichar_digit_value (c) : -1;

      if (digit >= 0)
        {
          g_string_append_c (current, '0' + digit);
          continue;
        }
      /* Thousands separated by a (narrow, no-break) space, a dot or a comma. */
      if (current->len > 0 && (c == ' ' || c == 0x00A0 || c == 0x202F || c == ',' || c == '.' || c == 0x066C) &&
          g_unichar_digit_value (g_utf8_get_char (g_utf8_next_char (p))) >= 0)
        continue;
      if (current->len > 0)
        {
          g_ptr_array_add (numbers, g_strdup (current->str));
          g_string_truncate (current, 0);
        }
      if (c == 0)
        break;
    }

  return numbers;
}

static void
features_init (Features      *features,
               const NdBlock *block)
{
  features->kind = block->kind;
  features->length = MAX (1, g_utf8_strlen (block->text, -1));
  features->numbers = collect_numbers (block->text);
}

static gboolean
has_number (GPtrArray  *numbers,
            const char *number)
{
  for (guint i = 0; i < numbers->len; i++)
    if (g_str_equal (g_ptr_array_index (numbers, i), number))
      return TRUE;

  return FALSE;
}

/* How unlike two blocks are as translations of each other. */
static double
pair_cost (const Features *s,
           const Features *t)
{
  double cost = 0;

  if ((s->kind == ND_BLOCK_HEADING) != (t->kind == ND_BLOCK_HEADING))
    cost += HEADING_MISMATCH;
  else if (s->kind != t->kind)
    cost += KIND_MISMATCH;

  cost += LENGTH_WEIGHT * MIN (fabs (log (s->length / t->length)), LENGTH_CAP);

  if (s->numbers->len > 0 || t->numbers->len > 0)
    {
      guint common = 0;
      guint total;

      for (guint i = 0; i < s->numbers->len; i++)
        if (has_number (t->numbers, g_ptr_array_index (s->numbers, i)))
          common++;
      total = s->numbers->len + t->numbers->len - common;
      cost += NUMBERS_WEIGHT * (1.0 - (double) common / MAX (total, 1));
    }

  return cost;
}

enum { STEP_PAIR, STEP_SOURCE_ONLY, STEP_TARGET_ONLY };

/**
 * nd_paragraphs_align:
 * @source: (element-type NdBlock): the blocks of the source text
 * @target: (element-type NdBlock): the blocks of its translation
 *
 * Puts the blocks of a text and of its translation side by side. When both
 * have as many blocks, block i goes beside block i. Otherwise the blocks
 * are paired by what survives translation — headings go with headings,
 * lists with lists, numbers with the same numbers, and lengths stay alike —
 * and the blocks left over face an empty slot; a translation that is not
 * finished yet is padded at the end.
 *
 * Returns: (transfer full) (element-type NdBlockPair): the rows, in the
 *   order of both texts
 */
GArray *
nd_paragraphs_align (GPtrArray *source,
                     GPtrArray *target)
{
  GArray *pairs;
  guint n, m;
  g_autofree Features *fs = NULL;
  g_autofree Features *ft = NULL;
  g_autofree double *cost = NULL;
  g_autofree guint8 *step = NULL;
  guint end_i, end_j;
  double best;

  g_return_val_if_fail (source != NULL, NULL);
  g_return_val_if_fail (target != NULL, NULL);

  n = source->len;
  m = target->len;
  pairs = g_array_sized_new (FALSE, FALSE, sizeof (NdBlockPair), MAX (n, m));

  if (n == m || n == 0 || m == 0)
    {
      for (guint i = 0; i < MAX (n, m); i++)
        {
          NdBlockPair pair = { i < n ? (int) i : -1, i < m ? (int) i : -1 };
          g_array_append_val (pairs, pair);
        }
      return pairs;
    }

  fs = g_new0 (Features, n);
  ft = g_new0 (Features, m);
  for (guint i = 0; i < n; i++)
    features_init (&fs[i], g_ptr_array_index (source, i));
  for (guint j = 0; j < m; j++)
    features_init (&ft[j], g_ptr_array_index (target, j));

#define AT(i, j) ((gsize) (i) * (m + 1) + (j))

  /* Edit-distance style: cost[i][j] aligns the first i source blocks with
   * the first j target blocks. */
  cost = g_new (double, (gsize) (n + 1) * (m + 1));
  step = g_new0 (guint8, (gsize) (n + 1) * (m + 1));
  cost[AT (0, 0)] = 0;
  for (guint i = 1; i <= n; i++)
    {
      cost[AT (i, 0)] = i * GAP_COST;
      step[AT (i, 0)] = STEP_SOURCE_ONLY;
    }
  for (guint j = 1; j <= m; j++)
    {
      cost[AT (0, j)] = j * GAP_COST;
      step[AT (0, j)] = STEP_TARGET_ONLY;
    }
  for (guint i = 1; i <= n; i++)
    for (guint j = 1; j <= m; j++)
      {
        double c_pair = cost[AT (i - 1, j - 1)] + pair_cost (&fs[i - 1], &ft[j - 1]);
        double c_source = cost[AT (i - 1, j)] + GAP_COST;
        double c_target = cost[AT (i, j - 1)] + GAP_COST;

        cost[AT (i, j)] = c_pair;
        step[AT (i, j)] = STEP_PAIR;
        if (c_source < cost[AT (i, j)])
          {
            cost[AT (i, j)] = c_source;
            step[AT (i, j)] = STEP_SOURCE_ONLY;
          }
        if (c_target < cost[AT (i, j)])
          {
            cost[AT (i, j)] = c_target;
            step[AT (i, j)] = STEP_TARGET_ONLY;
          }
      }

  /* The blocks after the last pair are padded at the cheaper rate. */
  end_i = n;
  end_j = m;
  best = cost[AT (n, m)];
  for (guint i = 0; i < n; i++)
    if (cost[AT (i, m)] + (n - i) * TRAILING_GAP_COST < best - 1e-9)
      {
        best = cost[AT (i, m)] + (n - i) * TRAILING_GAP_COST;
        end_i = i;
        end_j = m;
      }
  for (guint j = 0; j < m; j++)
    if (cost[AT (n, j)] + (m - j) * TRAILING_GAP_COST < best - 1e-9)
      {
        best = cost[AT (n, j)] + (m - j) * TRAILING_GAP_COST;
        end_i = n;
        end_j = j;
      }

  {
    guint i = end_i;
    guint j = end_j;

    while (i > 0 || j > 0)
      {
        NdBlockPair pair;

        switch (step[AT (i, j)])
          {
          case STEP_PAIR:
            pair.source = --i;
            pair.target = --j;
            break;
          case STEP_SOURCE_ONLY:
            pair.source = --i;
            pair.target = -1;
            break;
          case STEP_TARGET_ONLY:
          default:
            pair.source = -1;
            pair.target = --j;
            break;
          }
        g_array_prepend_val (pairs, pair);
      }

    for (i = end_i; i < n; i++)
      {
        NdBlockPair pair = { i, -1 };
        g_array_append_val (pairs, pair);
      }
    for (j = end_j; j < m; j++)
      {
        NdBlockPair pair = { -1, j };
        g_array_append_val (pairs, pair);
      }
  }

#undef AT

  for (guint i = 0; i < n; i++)
    g_ptr_array_unref (fs[i].numbers);
  for (guint j = 0; j < m; j++)
    g_ptr_array_unref (ft[j].numbers);

  return pairs;
}
