/* nd-markdown-format.c
 *
 * SPDX-License-Identifier: GPL-3.0-or-later
 */

#define G_LOG_DOMAIN "newsdesk-markdown-format"

#include "config.h"

#include <string.h>

#include "nd-markdown-format.h"

/*
 * The formatting commands of the body editor. They write the same canonical
 * CommonMark as nd_html_to_markdown() (`**bold**`, `*italic*`, `- ` bullets,
 * `1. ` numbers, `## ` subheadings, `> ` quotes), so text typed and text
 * pasted look alike. Every command is one user action, undone in one step.
 */

/* Spaces and tabs that indent a line (a nested list item keeps them). */
static gsize
indent_length (const char *line)
{
  gsize n = 0;

  while (line[n] == ' ' || line[n] == '\t')
    n++;

  return n;
}

static gsize
quote_marker_length (const char *p)
{
  if (*p != '>')
    return 0;

  return p[1] == ' ' ? 2 : 1;
}

/* "## " or "#" alone; @level is how many hashes. */
static gsize
heading_marker_length (const char *p,
                       guint      *level)
{
  guint n = 0;

  while (p[n] == '#')
    n++;
  if (n == 0 || n > 6 || (p[n] != ' ' && p[n] != '\0'))
    return 0;

  if (level != NULL)
    *level = n;
  return p[n] == ' ' ? n + 1 : n;
}

static gsize
bullet_marker_length (const char *p)
{
  if ((*p == '-' || *p == '*' || *p == '+') && (p[1] == ' ' || p[1] == '\0'))
    return p[1] == ' ' ? 2 : 1;

  return 0;
}

static gsize
number_marker_length (const char *p)
{
  gsize n = 0;

  while (g_ascii_isdigit (p[n]) && n < 9)
    n++;
  if (n == 0 || (p[n] != '.' && p[n] != ')') || (p[n + 1] != ' ' && p[n + 1] != '\0'))
    return 0;

  return p[n + 1] == ' ' ? n + 2 : n + 1;
}

/* The length of @format's own marker at @p, or 0 when @p does not have it. */
static gsize
own_marker_length (const char   *p,
                   NdLineFormat  format)
{
  guint level = 0;
  gsize n;

  switch (format)
    {
    case ND_LINE_FORMAT_QUOTE:
      return quote_marker_length (p);

    case ND_LINE_FORMAT_SUBHEADING:
      n = heading_marker_length (p, &level);
      return level == 2 ? n : 0;

    case ND_LINE_FORMAT_BULLETED:
      return bullet_marker_length (p);

    case ND_LINE_FORMAT_NUMBERED:
      return number_marker_length (p);

    default:
      g_assert_not_reached ();
    }
}

/* Markers that the new one replaces rather than nests: a line is a bullet
 * or a number, not both; a subheading is no list item. A quote can hold
 * anything, so it replaces nothing. */
static gsize
replaced_marker_length (const char   *p,
                        NdLineFormat  format)
{
  gsize n;

  switch (format)
    {
    case ND_LINE_FORMAT_QUOTE:
      return 0;

    case ND_LINE_FORMAT_SUBHEADING:
      if ((n = heading_marker_length (p, NULL)) > 0)
        return n;
      if ((n = bullet_marker_length (p)) > 0)
        return n;
      return number_marker_length (p);

    case ND_LINE_FORMAT_BULLETED:
    case ND_LINE_FORMAT_NUMBERED:
      if ((n = bullet_marker_length (p)) > 0)
        return n;
      return number_marker_length (p);

    default:
      g_assert_not_reached ();
    }
}

static gboolean
is_blank (const char *line)
{
  return line[indent_length (line)] == '\0';
}

/**
 * nd_markdown_toggle_lines:
 * @lines: whole lines of Markdown, separated by "\n"
 * @format: the line format to toggle
 *
 * Toggles @format on @lines: when every non-blank line has it, it is
 * removed; otherwise every non-blank line gets it (a bullet becomes a
 * number and the other way round, numbers count from 1). When all lines
 * are blank, they all get the marker, to start typing after it.
 *
 * Returns: (transfer full): the new lines
 */
char *
nd_markdown_toggle_lines (const char   *lines,
                          NdLineFormat  format)
{
  g_auto(GStrv) split = NULL;
  g_autoptr(GString) out = NULL;
  gboolean all_have = TRUE;
  gboolean any_content = FALSE;
  guint number = 1;

  g_return_val_if_fail (lines != NULL, NULL);

  /* g_strsplit() makes no line at all of "", which is one empty line. */
  if (*lines != '\0')
    split = g_strsplit (lines, "\n", -1);
  else
    {
      split = g_new0 (char *, 2);
      split[0] = g_strdup ("");
    }
  for (guint i = 0; split[i] != NULL; i++)
    {
      const char *line = split[i];

      if (is_blank (line))
        continue;
      any_content = TRUE;
      if (own_marker_length (line + indent_length (line), format) == 0)
        all_have = FALSE;
    }

  out = g_string_sized_new (strlen (lines) + 16);
  for (guint i = 0; split[i] != NULL; i++)
    {
      const char *line = split[i];
      gsize indent = indent_length (line);
      const char *rest = line + indent;

      if (i > 0)
        g_string_append_c (out, '\n');

      if (any_content && is_blank (line))
        {
          g_string_append (out, line);
          continue;
        }

      g_string_append_len (out, line, indent);
      if (any_content && all_have)
        {
          g_string_append (out, rest + own_marker_length (rest, format));
          continue;
        }

      switch (format)
        {
        case ND_LINE_FORMAT_QUOTE:
          g_string_append (out, "> ");
          break;

        case ND_LINE_FORMAT_SUBHEADING:
          g_string_append (out, "## ");
          break;

        case ND_LINE_FORMAT_BULLETED:
          g_string_append (out, "- ");
          break;

        case ND_LINE_FORMAT_NUMBERED:
          g_string_append_printf (out, "%u. ", number++);
          break;

        default:
          g_assert_not_reached ();
        }
      g_string_append (out, rest + replaced_marker_length (rest, format));
    }

  return g_string_free (g_steal_pointer (&out), FALSE);
}

/* The whole lines the selection touches. A selection that ends at the start
 * of a line (a triple click, or Shift+Down) does not take that line. */
static void
get_selected_lines (GtkTextBuffer *buffer,
                    GtkTextIter   *start,
                    GtkTextIter   *end)
{
  gboolean has_selection = gtk_text_buffer_get_selection_bounds (buffer, start, end);

  if (has_selection && gtk_text_iter_starts_line (end) &&
      gtk_text_iter_get_line (end) > gtk_text_iter_get_line (start))
    gtk_text_iter_backward_char (end);

  gtk_text_iter_set_line_offset (start, 0);
  if (!gtk_text_iter_ends_line (end))
    gtk_text_iter_forward_to_line_end (end);
}

/**
 * nd_markdown_buffer_toggle_lines:
 * @buffer: the body's buffer
 * @format: the line format to toggle
 *
 * Toggles @format on the lines of the selection, or on the cursor's line.
 * A selection stays on the changed lines; a cursor stays at the same place
 * in its line's text.
 */
void
nd_markdown_buffer_toggle_lines (GtkTextBuffer *buffer,
                                 NdLineFormat   format)
{
  GtkTextIter start, end;
  g_autofree char *old_text = NULL;
  g_autofree char *new_text = NULL;
  gboolean had_selection;
  int start_offset;
  int chars_after_cursor;

  g_return_if_fail (GTK_IS_TEXT_BUFFER (buffer));

  had_selection = gtk_text_buffer_get_has_selection (buffer);
  {
    GtkTextIter cursor, line_end;

    gtk_text_buffer_get_iter_at_mark (buffer, &cursor, gtk_text_buffer_get_insert (buffer));
    line_end = cursor;
    if (!gtk_text_iter_ends_line (&line_end))
      gtk_text_iter_forward_to_line_end (&line_end);
    chars_after_cursor = gtk_text_iter_get_offset (&line_end) - gtk_text_iter_get_offset (&cursor);
  }

  get_selected_lines (buffer, &start, &end);
  old_text = gtk_text_buffer_get_text (buffer, &start, &end, TRUE);
  new_text = nd_markdown_toggle_lines (old_text, format);
  if (g_str_equal (old_text, new_text))
    return;

  start_offset = gtk_text_iter_get_offset (&start);

  gtk_text_buffer_begin_user_action (buffer);
  gtk_text_buffer_delete (buffer, &start, &end);
  gtk_text_buffer_insert (buffer, &start, new_text, -1);
  gtk_text_buffer_end_user_action (buffer);

  /* start now sits after the inserted text. */
  if (had_selection)
    {
      GtkTextIter first;

      gtk_text_buffer_get_iter_at_offset (buffer, &first, start_offset);
      gtk_text_buffer_select_range (buffer, &first, &start);
    }
  else
    {
      GtkTextIter cursor = start;
      int line_start = gtk_text_iter_get_offset (&start) - gtk_text_iter_get_line_offset (&start);

      gtk_text_iter_set_offset (&cursor, MAX (line_start, gtk_text_iter_get_offset (&start) - chars_after_cursor));
      gtk_text_buffer_place_cursor (buffer, &cursor);
    }
}

/* How many @c are right before @iter (looking back) or from @iter on. */
static guint
count_run (const GtkTextIter *iter,
           gunichar           c,
           gboolean           backward)
{
  GtkTextIter i = *iter;
  guint n = 0;

  if (backward)
    {
      while (gtk_text_iter_backward_char (&i) && gtk_text_iter_get_char (&i) == c)
        n++;
    }
  else
    {
      while (!gtk_text_iter_is_end (&i) && gtk_text_iter_get_char (&i) == c)
        {
          n++;
          gtk_text_iter_forward_char (&i);
        }
    }

  return n;
}

/* Whether a run of @run marker characters includes the marker of length
 * @len: `**` is in `**` and `***`; `*` is in `*` and `***` but not in `**`,
 * which is bold. */
static gboolean
run_has_marker (guint run,
                guint len)
{
  if (len == 2)
    return run == 2 || run == 3;

  return run % 2 == 1;
}

/* Selections made by double-click or by eye often take a space; emphasis
 * next to a space is not emphasis in CommonMark, so it goes inside. */
static void
trim_selection (GtkTextIter *start,
                GtkTextIter *end)
{
  while (gtk_text_iter_compare (start, end) < 0 && g_unichar_isspace (gtk_text_iter_get_char (start)))
    gtk_text_iter_forward_char (start);

  while (gtk_text_iter_compare (start, end) < 0)
    {
      GtkTextIter prev = *end;

      gtk_text_iter_backward_char (&prev);
      if (!g_unichar_isspace (gtk_text_iter_get_char (&prev)))
        break;
      *end = prev;
    }
}

/* Without a selection, a command acts on the word under the cursor. */
static gboolean
get_target (GtkTextBuffer *buffer,
            GtkTextIter   *start,
            GtkTextIter   *end)
{
  if (gtk_text_buffer_get_selection_bounds (buffer, start, end))
    {
      trim_selection (start, end);
      return !gtk_text_iter_equal (start, end);
    }

  if (gtk_text_iter_inside_word (start) && !gtk_text_iter_starts_word (start))
    {
      gtk_text_iter_backward_word_start (start);
      if (!gtk_text_iter_ends_word (end))
        gtk_text_iter_forward_word_end (end);
      return TRUE;
    }
  if (gtk_text_iter_ends_word (start))
    {
      gtk_text_iter_backward_word_start (start);
      return TRUE;
    }
  if (gtk_text_iter_starts_word (start))
    {
      gtk_text_iter_forward_word_end (end);
      return TRUE;
    }

  return FALSE;
}

/**
 * nd_markdown_buffer_toggle_span:
 * @buffer: the body's buffer
 * @marker: `**` for bold, `*` for italic
 *
 * Wraps the selection (or the word under the cursor) in @marker, or
 * unwraps it when it is already wrapped, whether the markers are inside the
 * selection or just around it. With nothing to wrap, inserts a pair and
 * puts the cursor between them. The wrapped text stays selected.
 */
void
nd_markdown_buffer_toggle_span (GtkTextBuffer *buffer,
                                const char    *marker)
{
  GtkTextIter start, end;
  GtkTextMark *start_mark, *end_mark;
  gunichar c;
  guint len;

  g_return_if_fail (GTK_IS_TEXT_BUFFER (buffer));
  g_return_if_fail (marker != NULL && (g_str_equal (marker, "**") || g_str_equal (marker, "*")));

  c = '*';
  len = strlen (marker);

  if (!get_target (buffer, &start, &end))
    {
      GtkTextIter cursor;

      gtk_text_buffer_begin_user_action (buffer);
      gtk_text_buffer_delete_selection (buffer, TRUE, TRUE);
      gtk_text_buffer_get_iter_at_mark (buffer, &cursor, gtk_text_buffer_get_insert (buffer));
      gtk_text_buffer_insert (buffer, &cursor, marker, -1);
      gtk_text_buffer_insert (buffer, &cursor, marker, -1);
      gtk_text_iter_backward_chars (&cursor, len);
      gtk_text_buffer_place_cursor (buffer, &cursor);
      gtk_text_buffer_end_user_action (buffer);
      return;
    }

  start_mark = gtk_text_buffer_create_mark (buffer, NULL, &start, TRUE);
  end_mark = gtk_text_buffer_create_mark (buffer, NULL, &end, FALSE);

  gtk_text_buffer_begin_user_action (buffer);

  if (run_has_marker (count_run (&start, c, TRUE), len) && run_has_marker (count_run (&end, c, FALSE), len))
    {
      /* **text** with text selected: remove the markers around it. */
      GtkTextIter before = start, after = end;

      gtk_text_iter_backward_chars (&before, len);
      gtk_text_buffer_delete (buffer, &before, &start);
      gtk_text_buffer_get_iter_at_mark (buffer, &end, end_mark);
      after = end;
      gtk_text_iter_forward_chars (&after, len);
      gtk_text_buffer_delete (buffer, &end, &after);
    }
  else if (gtk_text_iter_get_offset (&end) - gtk_text_iter_get_offset (&start) > (int) (2 * len) &&
           run_has_marker (count_run (&start, c, FALSE), len) &&
           run_has_marker (count_run (&end, c, TRUE), len))
    {
      /* **text** selected with its markers: remove them. */
      GtkTextIter inner = start;

      gtk_text_iter_forward_chars (&inner, len);
      gtk_text_buffer_delete (buffer, &start, &inner);
      gtk_text_buffer_get_iter_at_mark (buffer, &end, end_mark);
      inner = end;
      gtk_text_iter_backward_chars (&inner, len);
      gtk_text_buffer_delete (buffer, &inner, &end);
    }
  else
    {
      gtk_text_buffer_insert (buffer, &end, marker, -1);
      gtk_text_buffer_get_iter_at_mark (buffer, &start, start_mark);
      gtk_text_buffer_insert (buffer, &start, marker, -1);
      /* The left-gravity start mark stayed before the new marker. */
      gtk_text_buffer_get_iter_at_mark (buffer, &start, start_mark);
      gtk_text_iter_forward_chars (&start, len);
      gtk_text_buffer_move_mark (buffer, start_mark, &start);
      gtk_text_buffer_get_iter_at_mark (buffer, &end, end_mark);
      gtk_text_iter_backward_chars (&end, len);
      gtk_text_buffer_move_mark (buffer, end_mark, &end);
    }

  gtk_text_buffer_end_user_action (buffer);

  gtk_text_buffer_get_iter_at_mark (buffer, &start, start_mark);
  gtk_text_buffer_get_iter_at_mark (buffer, &end, end_mark);
  gtk_text_buffer_select_range (buffer, &start, &end);
  gtk_text_buffer_delete_mark (buffer, start_mark);
  gtk_text_buffer_delete_mark (buffer, end_mark);
}

/* A URL goes in angle brackets when it holds what would end a link
 * destination. */
static char *
format_destination (const char *url)
{
  if (strpbrk (url, " ()<>") != NULL)
    {
      g_autoptr(GString) escaped = g_string_new ("<");

      for (const char *p = url; *p != '\0'; p++)
        {
          if (*p == '<' || *p == '>')
            g_string_append_c (escaped, '\\');
          g_string_append_c (escaped, *p);
        }
      g_string_append_c (escaped, '>');
      return g_string_free (g_steal_pointer (&escaped), FALSE);
    }

  return g_strdup (url);
}

/* Square brackets in the link text would end it early. */
static char *
escape_link_text (const char *text)
{
  g_autoptr(GString) out = g_string_new (NULL);

  for (const char *p = text; *p != '\0'; p++)
    {
      if ((*p == '[' || *p == ']') && (p == text || p[-1] != '\\'))
        g_string_append_c (out, '\\');
      g_string_append_c (out, *p);
    }

  return g_string_free (g_steal_pointer (&out), FALSE);
}

/**
 * nd_markdown_buffer_insert_link:
 * @buffer: the body's buffer
 * @url: the link's target
 *
 * Makes the selection (or the word under the cursor) a link to @url:
 * `[text](url)`. With nothing selected, inserts the URL as its own text
 * and selects that text, ready to be typed over.
 */
void
nd_markdown_buffer_insert_link (GtkTextBuffer *buffer,
                                const char    *url)
{
  g_autofree char *destination = NULL;
  g_autofree char *text = NULL;
  g_autofree char *link = NULL;
  GtkTextIter start, end;
  int text_start;
  int text_length;

  g_return_if_fail (GTK_IS_TEXT_BUFFER (buffer));
  g_return_if_fail (url != NULL && *url != '\0');

  destination = format_destination (url);
  if (get_target (buffer, &start, &end))
    {
      g_autofree char *selected = gtk_text_buffer_get_text (buffer, &start, &end, FALSE);

      text = escape_link_text (selected);
    }
  else
    text = escape_link_text (url);

  link = g_strdup_printf ("[%s](%s)", text, destination);
  text_start = gtk_text_iter_get_offset (&start) + 1;
  text_length = g_utf8_strlen (text, -1);

  gtk_text_buffer_begin_user_action (buffer);
  gtk_text_buffer_delete (buffer, &start, &end);
  gtk_text_buffer_insert (buffer, &start, link, -1);
  gtk_text_buffer_end_user_action (buffer);

  gtk_text_buffer_get_iter_at_offset (buffer, &start, text_start);
  gtk_text_buffer_get_iter_at_offset (buffer, &end, text_start + text_length);
  gtk_text_buffer_select_range (buffer, &start, &end);
}

/**
 * nd_markdown_normalize_url:
 * @typed: what the editor typed as a link target
 *
 * Trims @typed and gives a bare address such as "realist.online/news" the
 * https scheme a browser would assume.
 *
 * Returns: (transfer full) (nullable): the URL, or %NULL for blank input
 */
char *
nd_markdown_normalize_url (const char *typed)
{
  g_autofree char *url = NULL;
  g_autofree char *scheme = NULL;

  g_return_val_if_fail (typed != NULL, NULL);

  url = g_strstrip (g_strdup (typed));
  if (*url == '\0')
    return NULL;

  /* "realist.online:8080/x" parses as a scheme too; a real one is
   * followed by "//", or is one of the schemes without it. */
  scheme = g_uri_parse_scheme (url);
  if (scheme != NULL &&
      (g_str_has_prefix (url + strlen (scheme), "://") ||
       g_ascii_strcasecmp (scheme, "mailto") == 0 || g_ascii_strcasecmp (scheme, "tel") == 0))
    return g_steal_pointer (&url);
  if (url[0] == '/' || url[0] == '#')
    return g_steal_pointer (&url);
  if (strchr (url, '@') != NULL && strchr (url, '/') == NULL)
    return g_strconcat ("mailto:", url, NULL);

  return g_strconcat ("https://", url, NULL);
}
