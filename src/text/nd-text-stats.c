/* nd-text-stats.c
 *
 * SPDX-License-Identifier: GPL-3.0-or-later
 */

#include "config.h"

#include <cmark.h>

#include "nd-text-stats.h"

static gboolean
is_block (cmark_node_type type)
{
  return type == CMARK_NODE_PARAGRAPH || type == CMARK_NODE_HEADING ||
         type == CMARK_NODE_ITEM || type == CMARK_NODE_BLOCK_QUOTE ||
         type == CMARK_NODE_CODE_BLOCK || type == CMARK_NODE_LIST;
}

/**
 * nd_text_plain_from_markdown:
 * @markdown: CommonMark text
 *
 * The words a reader sees, without markup: link targets, emphasis marks and
 * raw HTML are gone, blocks are separated by blank lines.
 *
 * Returns: (transfer full): plain text
 */
char *
nd_text_plain_from_markdown (const char *markdown)
{
  g_autoptr(GString) out = NULL;
  cmark_node *document;
  cmark_iter *iter;
  cmark_event_type event;

  g_return_val_if_fail (markdown != NULL, NULL);

  out = g_string_sized_new (strlen (markdown));
  document = cmark_parse_document (markdown, strlen (markdown), CMARK_OPT_DEFAULT);
  iter = cmark_iter_new (document);

  while ((event = cmark_iter_next (iter)) != CMARK_EVENT_DONE)
    {
      cmark_node *node = cmark_iter_get_node (iter);
      cmark_node_type type = cmark_node_get_type (node);

      if (event == CMARK_EVENT_ENTER)
        {
          switch ((int) type)
            {
            case CMARK_NODE_TEXT:
            case CMARK_NODE_CODE:
              g_string_append (out, cmark_node_get_literal (node));
              break;
            case CMARK_NODE_CODE_BLOCK:
              g_string_append (out, cmark_node_get_literal (node));
              break;
            case CMARK_NODE_SOFTBREAK:
            case CMARK_NODE_LINEBREAK:
              g_string_append_c (out, ' ');
              break;
            default:
              break;
            }
        }
      else if (event == CMARK_EVENT_EXIT && is_block (type))
        {
          while (out->len > 0 && out->str[out->len - 1] == ' ')
            g_string_truncate (out, out->len - 1);
          if (out->len > 0 && !g_str_has_suffix (out->str, "\n\n"))
            g_string_append (out, out->str[out->len - 1] == '\n' ? "\n" : "\n\n");
        }
    }

  cmark_iter_free (iter);
  cmark_node_free (document);

  while (out->len > 0 && g_ascii_isspace (out->str[out->len - 1]))
    g_string_truncate (out, out->len - 1);

  return g_string_free (g_steal_pointer (&out), FALSE);
}

static gboolean
is_word_char (gunichar c)
{
  /* Marks (Arabic harakat, accents) and the tatweel belong to the word they
   * sit in; apostrophes inside a word ("don't", "d'Artagnan") do too. */
  switch (g_unichar_type (c))
    {
    case G_UNICODE_LOWERCASE_LETTER:
    case G_UNICODE_UPPERCASE_LETTER:
    case G_UNICODE_TITLECASE_LETTER:
    case G_UNICODE_MODIFIER_LETTER:
    case G_UNICODE_OTHER_LETTER:
    case G_UNICODE_DECIMAL_NUMBER:
    case G_UNICODE_LETTER_NUMBER:
    case G_UNICODE_OTHER_NUMBER:
    case G_UNICODE_NON_SPACING_MARK:
    case G_UNICODE_SPACING_MARK:
    case G_UNICODE_ENCLOSING_MARK:
      return TRUE;
    default:
      return FALSE;
    }
}

/**
 * nd_text_count_words:
 * @text: plain UTF-8 text
 *
 * Counts words as a reader would, in any script: a word is a run of letters,
 * digits and marks; hyphens and apostrophes between letters do not split it.
 *
 * Returns: the number of words
 */
guint
nd_text_count_words (const char *text)
{
  guint words = 0;
  gboolean in_word = FALSE;

  g_return_val_if_fail (text != NULL, 0);

  for (const char *p = text; *p != '\0'; p = g_utf8_next_char (p))
    {
      gunichar c = g_utf8_get_char (p);

      if (is_word_char (c))
        {
          if (!in_word)
            words++;
          in_word = TRUE;
        }
      else if (in_word && (c == '-' || c == '\'' || c == 0x2019 || c == 0x2010))
        {
          /* Joiners keep the word going only when a letter follows. */
          const char *next = g_utf8_next_char (p);

          in_word = *next != '\0' && is_word_char (g_utf8_get_char (next));
        }
      else
        in_word = FALSE;
    }

  return words;
}

/**
 * nd_text_count_markdown_words:
 * @markdown: CommonMark text
 *
 * Returns: the number of words a reader sees in @markdown
 */
guint
nd_text_count_markdown_words (const char *markdown)
{
  g_autofree char *plain = nd_text_plain_from_markdown (markdown);

  return nd_text_count_words (plain);
}

/**
 * nd_text_reading_minutes:
 * @words: a number of words
 *
 * Returns: minutes a reader needs, at least 1 for any text
 */
guint
nd_text_reading_minutes (guint words)
{
  if (words == 0)
    return 0;

  return (words + ND_WORDS_PER_MINUTE - 1) / ND_WORDS_PER_MINUTE;
}

/**
 * nd_text_teaser:
 * @markdown: an edition's body (CommonMark), which does not hold the dateline
 * @max_chars: the longest teaser wanted, in characters
 *
 * The derived teaser: the body's text from its start (right after the
 * dateline when published), cut at a word boundary within @max_chars and
 * ended with "...", the way the site shows it.
 *
 * Returns: (transfer full): the teaser
 */
char *
nd_text_teaser (const char *markdown,
                guint       max_chars)
{
  g_autofree char *plain = NULL;
  g_autoptr(GString) flat = NULL;
  const char *cut;
  const char *last_space = NULL;
  guint n_chars = 0;

  g_return_val_if_fail (markdown != NULL, NULL);

  plain = nd_text_plain_from_markdown (markdown);

  /* One line: paragraphs join with a space. */
  flat = g_string_new (NULL);
  for (const char *p = plain; *p != '\0'; p++)
    {
      if (*p == '\n')
        {
          if (flat->len > 0 && flat->str[flat->len - 1] != ' ')
            g_string_append_c (flat, ' ');
        }
      else
        g_string_append_c (flat, *p);
    }

  if ((guint) g_utf8_strlen (flat->str, -1) <= max_chars)
    return g_string_free (g_steal_pointer (&flat), FALSE);

  for (cut = flat->str; *cut != '\0' && n_chars < max_chars; cut = g_utf8_next_char (cut), n_chars++)
    if (*cut == ' ')
      last_space = cut;

  if (last_space != NULL && last_space > flat->str)
    cut = last_space;

  /* No dangling punctuation before the ellipsis. */
  while (cut > flat->str)
    {
      const char *prev = g_utf8_prev_char (cut);
      gunichar c = g_utf8_get_char (prev);

      if (!g_unichar_ispunct (c) && !g_unichar_isspace (c))
        break;
      cut = prev;
    }

  g_string_truncate (flat, cut - flat->str);
  g_string_append (flat, "...");
  return g_string_free (g_steal_pointer (&flat), FALSE);
}
