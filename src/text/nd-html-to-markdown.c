/* nd-html-to-markdown.c
 *
 * SPDX-License-Identifier: GPL-3.0-or-later
 */

#define G_LOG_DOMAIN "newsdesk-text"

#include "config.h"

#include <string.h>

#include <libxml/tree.h>

#include "nd-html-sanitizer.h"
#include "nd-html-to-markdown.h"

/* The HTML is first reduced by the sanitiser to its clean tree (the same
 * one nd_html_sanitize() serialises), so that clipboard quirks, styles and
 * hostile markup are dealt with in one place. This file only writes that
 * small vocabulary as CommonMark, in one canonical form:
 *
 *  - paragraphs on one line each, separated by a blank line;
 *  - `**bold**`, `*italic*`, `` `code` ``;
 *  - `[text](url "title")`, or `<url>` when the text is the URL;
 *  - `-` bullets and `1.` numbers (`+` and `1)` for a list that directly
 *    follows another of its kind, which would otherwise merge with it),
 *    tight unless an item holds several paragraphs;
 *  - `## `, `### `, `#### ` headings; `***` rules; `>` quotes;
 *  - hard breaks as a backslash at the end of the line, two breaks in a row
 *    as a new paragraph;
 *  - fenced code blocks;
 *  - images as `![alt](url)`;
 *  - Markdown punctuation in text escaped with a backslash where it could
 *    mean something.
 *
 * Emphasis that CommonMark cannot open or close where it stands (between a
 * letter and punctuation, as in `x<b>«y»</b>`) is left out, keeping the
 * text plain rather than strewn with asterisks.
 */

typedef struct
{
  const char *delim;    /* "**", "*" or "[" */
  gssize      pos;      /* where it was written, -1 while it waits for content */
  gboolean    dropped;  /* it could not open there: no closer either */
} Delim;

/* An emphasis whose closer is written but may not close: that depends on
 * what follows it.
 */
typedef struct
{
  gsize opener;
  gsize closer;
  gsize len;
} Unchecked;

typedef struct
{
  GString  *out;
  GArray   *delims;        /* Delim, innermost last */
  GArray   *unchecked;     /* Unchecked, at the end of out */
  gboolean  pending_space;
  int       pending_breaks;
  gboolean  line_start;    /* nothing written on this line yet */
  gboolean  any_content;
  int       digit_run;     /* digits opening the line so far, -1 past them */
  int       open_count;
  gboolean  heading;
} Inline;

typedef enum
{
  BLOCK_PARAGRAPH,
  BLOCK_LIST,
  BLOCK_LIST_NOT_INTERRUPTING,  /* ordered from another number than 1, or empty first */
  BLOCK_OTHER,
} BlockType;

typedef struct
{
  char       *text;
  BlockType   type;
  const char *list_name;  /* "ul" or "ol" for lists */
  gboolean    alt_marker;
} Block;

static void       inline_children (Inline  *w,
                                   xmlNode *parent);
static GPtrArray *collect_blocks  (xmlNode *container);

static void
block_free (gpointer data)
{
  Block *block = data;

  g_free (block->text);
  g_free (block);
}

static gboolean
is_ascii_space (gunichar c)
{
  return c == ' ' || c == '\t' || c == '\n' || c == '\r' || c == '\f';
}

static gboolean
name_is (xmlNode    *node,
         const char *name)
{
  return node != NULL && node->type == XML_ELEMENT_NODE &&
         g_str_equal ((const char *) node->name, name);
}

static const char *
get_attr (xmlNode    *node,
          const char *name)
{
  xmlAttr *attr = xmlHasProp (node, (const xmlChar *) name);

  if (attr == NULL)
    return NULL;
  if (attr->children == NULL || attr->children->content == NULL)
    return "";

  return (const char *) attr->children->content;
}

static void
collect_text (xmlNode *node,
              GString *text)
{
  for (xmlNode *child = node->children; child != NULL; child = child->next)
    {
      if (child->type == XML_TEXT_NODE)
        g_string_append (text, (const char *) child->content);
      else if (name_is (child, "img"))
        g_string_append (text, get_attr (child, "alt"));
      else if (child->type == XML_ELEMENT_NODE)
        collect_text (child, text);
    }
}

/* After an ampersand: would CommonMark read an entity here? */
static gboolean
looks_like_entity (const char *p)
{
  const char *start;

  if (*p == '#')
    {
      p++;
      if (*p == 'x' || *p == 'X')
        {
          start = ++p;
          while (g_ascii_isxdigit (*p))
            p++;
        }
      else
        {
          start = p;
          while (g_ascii_isdigit (*p))
            p++;
        }
    }
  else
    {
      start = p;
      while (g_ascii_isalnum (*p))
        p++;
    }

  return p > start && *p == ';';
}

static gboolean
starts_html (const char *p)
{
  return g_ascii_isalpha (*p) || *p == '/' || *p == '!' || *p == '?';
}

/* Punctuation and whitespace as CommonMark's flanking rules see them. */
static gboolean
is_punct (gunichar c)
{
  if (c < 0x80)
    return g_ascii_ispunct (c);

  switch (g_unichar_type (c))
    {
    case G_UNICODE_CONNECT_PUNCTUATION:
    case G_UNICODE_DASH_PUNCTUATION:
    case G_UNICODE_CLOSE_PUNCTUATION:
    case G_UNICODE_FINAL_PUNCTUATION:
    case G_UNICODE_INITIAL_PUNCTUATION:
    case G_UNICODE_OTHER_PUNCTUATION:
    case G_UNICODE_OPEN_PUNCTUATION:
      return TRUE;
    case G_UNICODE_CONTROL:
    case G_UNICODE_FORMAT:
    case G_UNICODE_UNASSIGNED:
    case G_UNICODE_PRIVATE_USE:
    case G_UNICODE_SURROGATE:
    case G_UNICODE_LOWERCASE_LETTER:
    case G_UNICODE_MODIFIER_LETTER:
    case G_UNICODE_OTHER_LETTER:
    case G_UNICODE_TITLECASE_LETTER:
    case G_UNICODE_UPPERCASE_LETTER:
    case G_UNICODE_SPACING_MARK:
    case G_UNICODE_ENCLOSING_MARK:
    case G_UNICODE_NON_SPACING_MARK:
    case G_UNICODE_DECIMAL_NUMBER:
    case G_UNICODE_LETTER_NUMBER:
    case G_UNICODE_OTHER_NUMBER:
    case G_UNICODE_CURRENCY_SYMBOL:
    case G_UNICODE_MODIFIER_SYMBOL:
    case G_UNICODE_MATH_SYMBOL:
    case G_UNICODE_OTHER_SYMBOL:
    case G_UNICODE_LINE_SEPARATOR:
    case G_UNICODE_PARAGRAPH_SEPARATOR:
    case G_UNICODE_SPACE_SEPARATOR:
    default:
      return FALSE;
    }
}

/* Nothing (the start of a line) counts as whitespace. */
static gboolean
is_space (gunichar c)
{
  return c == 0 || g_unichar_isspace (c);
}

static gunichar
char_before (GString *out,
             gsize    pos)
{
  const char *prev;

  if (pos == 0)
    return 0;

  prev = g_utf8_find_prev_char (out->str, out->str + pos);
  if (prev == NULL)
    return 0;

  return g_utf8_get_char (prev);
}

static int
compare_offsets (gconstpointer a,
                 gconstpointer b)
{
  const gsize *x = a;
  const gsize *y = b;

  return *x < *y ? 1 : *x > *y ? -1 : 0;
}

/* Something is about to be written after the closers at the end of out,
 * starting with @next. A closing run is right-flanking, and closes, unless
 * punctuation precedes it and a letter or digit follows; an emphasis that
 * cannot close comes out plain, both its delimiters removed, rather than
 * as stray asterisks.
 */
static void
settle (Inline   *w,
        gunichar  next)
{
  g_autoptr (GArray) cuts = NULL;
  Unchecked *first;

  if (w->unchecked->len == 0)
    return;

  first = &g_array_index (w->unchecked, Unchecked, 0);
  if (is_space (next) || is_punct (next) || !is_punct (char_before (w->out, first->closer)))
    {
      g_array_set_size (w->unchecked, 0);
      return;
    }

  /* Offsets and lengths, cut from the end backwards so that the offsets
   * still to cut stay valid.
   */
  cuts = g_array_new (FALSE, FALSE, sizeof (gsize) * 2);
  for (guint i = 0; i < w->unchecked->len; i++)
    {
      Unchecked *u = &g_array_index (w->unchecked, Unchecked, i);
      gsize closer[2] = { u->closer, u->len };
      gsize opener[2] = { u->opener, u->len };

      g_array_append_val (cuts, closer);
      g_array_append_val (cuts, opener);
    }
  g_array_sort (cuts, compare_offsets);

  for (guint i = 0; i < cuts->len; i++)
    {
      gsize *cut = &g_array_index (cuts, gsize, i * 2);

      g_string_erase (w->out, cut[0], cut[1]);

      /* Delimiters opened after the cut stand earlier now. */
      for (guint j = 0; j < w->delims->len; j++)
        {
          Delim *d = &g_array_index (w->delims, Delim, j);

          if (d->pos >= 0 && (gsize) d->pos >= cut[0] + cut[1])
            d->pos -= cut[1];
        }
    }

  g_array_set_size (w->unchecked, 0);
}

/* Text inserted (@delta > 0) or removed (@delta < 0) at @pos moves the
 * emphasis delimiters still waiting to be checked that stand after it. */
static void
shift_unchecked (Inline *w,
                 gsize   pos,
                 gssize  delta)
{
  for (guint i = 0; i < w->unchecked->len; i++)
    {
      Unchecked *u = &g_array_index (w->unchecked, Unchecked, i);

      if (u->opener >= pos)
        u->opener += delta;
      if (u->closer >= pos)
        u->closer += delta;
    }
}

static void
flush_space (Inline *w)
{
  if (w->pending_breaks > 0 && w->any_content)
    {
      if (w->heading)
        {
          settle (w, ' ');
          g_string_append_c (w->out, ' ');
        }
      else
        {
          /* Two breaks in a row end the paragraph, unless that would cut
           * an emphasis or a link in two.
           */
          settle (w, '\n');
          if (w->pending_breaks >= 2 && w->open_count == 0)
            g_string_append (w->out, "\n\n");
          else
            g_string_append (w->out, "\\\n");
          w->line_start = TRUE;
          w->digit_run = 0;
        }
    }
  else if (w->pending_space && !w->line_start)
    {
      settle (w, ' ');
      g_string_append_c (w->out, ' ');
    }

  w->pending_breaks = 0;
  w->pending_space = FALSE;
}

/* Writes the opening delimiters waiting for content, now that @next is
 * about to follow them. An emphasis delimiter run opens only if it is
 * left-flanking; one that would not is dropped with its closer, leaving the
 * text plain. The line still counts as starting with the content, so that
 * "#" or "1." after a dropped delimiter is escaped all the same.
 */
static void
flush_opens (Inline   *w,
             gunichar  next)
{
  gunichar run_prev;

  /* The run may continue closers already written. */
  if (w->unchecked->len > 0)
    run_prev = char_before (w->out, g_array_index (w->unchecked, Unchecked, 0).closer);
  else
    run_prev = char_before (w->out, w->out->len);
  if (w->line_start)
    run_prev = 0;

  for (guint i = 0; i < w->delims->len; i++)
    {
      Delim *d = &g_array_index (w->delims, Delim, i);

      if (d->pos >= 0 || d->dropped)
        continue;

      if (d->delim[0] == '*')
        {
          gunichar after = next;

          /* The run ends at a link opening next to it. */
          for (guint j = i + 1; j < w->delims->len; j++)
            {
              Delim *e = &g_array_index (w->delims, Delim, j);

              if (e->pos < 0 && !e->dropped && e->delim[0] == '[')
                {
                  after = '[';
                  break;
                }
            }

          if (is_space (after) || (is_punct (after) && !is_space (run_prev) && !is_punct (run_prev)))
            {
              d->dropped = TRUE;
              continue;
            }
        }
      else
        {
          settle (w, '[');
          /* "!" right before a link would make it an image. */
          if (w->out->len > 0 && w->out->str[w->out->len - 1] == '!')
            {
              shift_unchecked (w, w->out->len - 1, 1);
              g_string_insert_c (w->out, w->out->len - 1, '\\');
            }
          run_prev = '[';
        }

      d->pos = w->out->len;
      g_string_append (w->out, d->delim);
    }
}

static void
wrote_content (Inline *w)
{
  w->line_start = FALSE;
  w->any_content = TRUE;
  w->digit_run = -1;
}

static void
emit_char (Inline     *w,
           const char *p,
           const char *next)
{
  gboolean after_digits = w->digit_run > 0;
  gboolean escape = FALSE;
  char c = *p;

  if (next - p == 1)
    {
      switch (c)
        {
        case '\\':
        case '*':
        case '_':
        case '`':
        case '[':
        case ']':
          escape = TRUE;
          break;
        case '<':
          escape = starts_html (next);
          break;
        case '&':
          escape = looks_like_entity (next);
          break;
        case '#':
        case '>':
        case '-':
        case '+':
        case '=':
        case '~':
          /* Headings, quotes, bullets, rules, setext underlines, fences. */
          escape = w->line_start && !w->heading;
          break;
        case '.':
        case ')':
          /* "1990." opening a line would start an ordered list. */
          escape = after_digits && !w->heading;
          break;
        default:
          break;
        }
    }

  if (g_ascii_isdigit (c) && w->digit_run >= 0)
    w->digit_run++;
  else
    w->digit_run = -1;

  settle (w, escape ? '\\' : g_utf8_get_char (p));
  if (escape)
    g_string_append_c (w->out, '\\');
  g_string_append_len (w->out, p, next - p);
  w->line_start = FALSE;
  w->any_content = TRUE;
}

/* The character emit_char() would write first for @p. */
static gunichar
first_written (Inline     *w,
               const char *p)
{
  switch (*p)
    {
    case '\\':
    case '*':
    case '_':
    case '`':
    case '[':
    case ']':
    case '<':
    case '&':
    case '#':
    case '>':
    case '-':
    case '+':
    case '=':
    case '~':
    case '.':
    case ')':
      /* Punctuation whether escaped or not. */
      return (gunichar) *p;
    default:
      return g_utf8_get_char (p);
    }
}

static void
inline_text (Inline     *w,
             const char *text)
{
  const char *p = text;

  while (*p != '\0')
    {
      gunichar c = g_utf8_get_char (p);
      const char *next = g_utf8_next_char (p);

      /* HTML collapses runs of ASCII whitespace; a space is written only
       * once something follows it on the line.
       */
      if (is_ascii_space (c))
        w->pending_space = TRUE;
      else
        {
          flush_space (w);
          /* A no-break space is kept, but outside an emphasis that opens
           * right after it: "** x**" would not be emphasis at all.
           */
          if (!g_unichar_isspace (c))
            flush_opens (w, first_written (w, p));
          emit_char (w, p, next);
        }

      p = next;
    }
}

static void
open_delim (Inline     *w,
            const char *delim)
{
  Delim d = { delim, -1, FALSE };

  g_array_append_val (w->delims, d);
  w->open_count++;
}

/* Writes the closer of the innermost delimiter, unless nothing was written
 * since it or it was dropped.
 */
static void
close_delim (Inline     *w,
             const char *closer)
{
  g_autofree char *tail = NULL;
  gsize cut = w->out->len;
  Delim d;

  g_assert (w->delims->len > 0);

  d = g_array_index (w->delims, Delim, w->delims->len - 1);
  g_array_set_size (w->delims, w->delims->len - 1);
  w->open_count--;

  if (d.pos < 0 || d.dropped)
    return;

  /* Trailing no-break spaces, and a space written before one, go after
   * the closer, which must follow a non-space to close anything.
   */
  while (cut > 0)
    {
      const char *prev = g_utf8_find_prev_char (w->out->str, w->out->str + cut);
      gunichar c;

      if (prev == NULL)
        break;
      c = g_utf8_get_char (prev);
      if (c != ' ' && (c < 0x80 || !g_unichar_isspace (c)))
        break;
      cut = prev - w->out->str;
    }

  /* Only a line break can still stand before it (with no-break spaces
   * after the break); then it cannot close, and the emphasis goes.
   */
  if (closer[0] == '*' && is_space (char_before (w->out, cut)))
    {
      g_string_erase (w->out, d.pos, strlen (d.delim));
      shift_unchecked (w, d.pos, -(gssize) strlen (d.delim));
      return;
    }

  /* A link's closer is punctuation after whatever closed before it. */
  if (closer[0] != '*')
    settle (w, closer[0]);

  tail = g_strdup (w->out->str + cut);
  shift_unchecked (w, cut, strlen (closer));
  g_string_truncate (w->out, cut);
  g_string_append (w->out, closer);
  g_string_append (w->out, tail);

  /* Before a no-break space it surely closes; otherwise that depends on
   * what comes next.
   */
  if (closer[0] == '*' && *tail == '\0')
    {
      Unchecked u = { (gsize) d.pos, cut, strlen (closer) };

      g_array_append_val (w->unchecked, u);
    }
}

/* Percent-encoded non-ASCII is shown decoded, as browsers show it, so that
 * Russian and Arabic addresses stay readable; cmark encodes it again.
 */
static char *
decode_non_ascii (const char *url)
{
  GString *out = g_string_new (NULL);
  const char *p = url;

  while (*p != '\0')
    {
      const char *run = p;
      GString *bytes = g_string_new (NULL);
      gboolean printable = TRUE;

      while (p[0] == '%' && g_ascii_isxdigit (p[1]) && g_ascii_isxdigit (p[2]) &&
             g_ascii_xdigit_value (p[1]) >= 8)
        {
          g_string_append_c (bytes, (char) (g_ascii_xdigit_value (p[1]) * 16 +
                                            g_ascii_xdigit_value (p[2])));
          p += 3;
        }

      if (bytes->len == 0)
        {
          g_string_append_c (out, *p);
          p++;
          g_string_free (bytes, TRUE);
          continue;
        }

      if (g_utf8_validate_len (bytes->str, bytes->len, NULL))
        {
          /* Spaces, controls and bidi overrides stay encoded: they would
           * break the destination or disguise it.
           */
          for (const char *q = bytes->str; *q != '\0'; q = g_utf8_next_char (q))
            if (!g_unichar_isgraph (g_utf8_get_char (q)))
              printable = FALSE;
        }
      else
        printable = FALSE;

      if (printable)
        g_string_append_len (out, bytes->str, bytes->len);
      else
        g_string_append_len (out, run, p - run);

      g_string_free (bytes, TRUE);
    }

  return g_string_free (out, FALSE);
}

static void
append_destination (GString    *out,
                    const char *url)
{
  g_autofree char *decoded = decode_non_ascii (url);
  gboolean balanced = TRUE;
  int depth = 0;

  for (const char *p = decoded; *p != '\0'; p++)
    {
      if (*p == '(')
        depth++;
      else if (*p == ')' && --depth < 0)
        break;
    }
  balanced = depth == 0;

  for (const char *p = decoded; *p != '\0'; p++)
    {
      guchar c = (guchar) *p;

      if (c <= 0x20 || c == 0x7f || c == '<' || c == '>')
        g_string_append_printf (out, "%%%02X", c);
      else if (c == '\\' || ((c == '(' || c == ')') && !balanced) ||
               (c == '&' && looks_like_entity (p + 1)))
        {
          g_string_append_c (out, '\\');
          g_string_append_c (out, *p);
        }
      else
        g_string_append_c (out, *p);
    }
}

static void
append_title (GString    *out,
              const char *title)
{
  g_string_append (out, " \"");
  for (const char *p = title; *p != '\0'; p++)
    {
      if (*p == '"' || *p == '\\' || (*p == '&' && looks_like_entity (p + 1)))
        g_string_append_c (out, '\\');
      if (*p == '\n' || *p == '\r')
        g_string_append_c (out, ' ');
      else
        g_string_append_c (out, *p);
    }
  g_string_append_c (out, '"');
}

/* Alternative text of an image: collapsed and escaped, on one line. */
static void
append_alt (GString    *out,
            const char *alt)
{
  gboolean space = FALSE;

  for (const char *p = alt; *p != '\0'; p++)
    {
      if (is_ascii_space (*p))
        {
          space = out->len > 0;
          continue;
        }
      if (space && out->str[out->len - 1] != '[')
        g_string_append_c (out, ' ');
      space = FALSE;

      if (*p == '\\' || *p == '*' || *p == '_' || *p == '`' || *p == '[' || *p == ']' ||
          (*p == '<' && starts_html (p + 1)) || (*p == '&' && looks_like_entity (p + 1)))
        g_string_append_c (out, '\\');
      g_string_append_c (out, *p);
    }
}

static gboolean
is_email (const char *text)
{
  const char *at = strchr (text, '@');

  if (at == NULL || at == text || at[1] == '\0' || strchr (at + 1, '@') != NULL)
    return FALSE;

  for (const char *p = text; p < at; p++)
    if (!g_ascii_isalnum (*p) && strchr (".!#$%&'*+/=?^_`{|}~-", *p) == NULL)
      return FALSE;
  for (const char *p = at + 1; *p != '\0'; p++)
    if (!g_ascii_isalnum (*p) && *p != '.' && *p != '-')
      return FALSE;

  return g_ascii_isalnum (at[1]);
}

static gboolean
fits_autolink (const char *url)
{
  for (const char *p = url; *p != '\0'; p++)
    if ((guchar) *p <= 0x20 || *p == 0x7f || *p == '<' || *p == '>')
      return FALSE;

  return TRUE;
}

/* "<https://…>" when the text of a link is its address. */
static char *
autolink_for (xmlNode    *a,
              const char *href)
{
  g_autofree char *text = NULL;
  g_autofree char *decoded = NULL;

  if (a->children == NULL || a->children->next != NULL ||
      a->children->type != XML_TEXT_NODE || get_attr (a, "title") != NULL)
    return NULL;

  text = g_strstrip (g_strdup ((const char *) a->children->content));

  if (g_ascii_strncasecmp (href, "mailto:", 7) == 0)
    {
      if (g_str_equal (href + 7, text) && is_email (text))
        return g_steal_pointer (&text);
      if (g_str_equal (href, text) && fits_autolink (text))
        return g_steal_pointer (&text);
      return NULL;
    }

  if (g_ascii_strncasecmp (href, "http://", 7) != 0 &&
      g_ascii_strncasecmp (href, "https://", 8) != 0)
    return NULL;

  decoded = decode_non_ascii (href);
  if ((g_str_equal (text, href) || g_str_equal (text, decoded)) && fits_autolink (decoded))
    return g_steal_pointer (&decoded);

  return NULL;
}

static void
inline_link (Inline  *w,
             xmlNode *a)
{
  const char *href = get_attr (a, "href");
  const char *title = get_attr (a, "title");
  g_autofree char *autolink = NULL;
  g_autoptr (GString) closer = NULL;

  if (href == NULL)
    {
      inline_children (w, a);
      return;
    }

  if ((autolink = autolink_for (a, href)) != NULL)
    {
      flush_space (w);
      flush_opens (w, '<');
      settle (w, '<');
      g_string_append_printf (w->out, "<%s>", autolink);
      wrote_content (w);
      return;
    }

  open_delim (w, "[");
  inline_children (w, a);

  closer = g_string_new ("](");
  append_destination (closer, href);
  if (title != NULL)
    append_title (closer, title);
  g_string_append_c (closer, ')');

  close_delim (w, closer->str);
}

static void
inline_image (Inline  *w,
              xmlNode *img)
{
  const char *src = get_attr (img, "src");
  const char *alt = get_attr (img, "alt");

  if (src == NULL)
    return;

  flush_space (w);
  flush_opens (w, '!');
  settle (w, '!');
  g_string_append (w->out, "![");
  append_alt (w->out, alt != NULL ? alt : "");
  g_string_append (w->out, "](");
  append_destination (w->out, src);
  g_string_append_c (w->out, ')');
  wrote_content (w);
}

static void
inline_code (Inline  *w,
             xmlNode *code)
{
  g_autoptr (GString) text = g_string_new (NULL);
  gsize longest = 0;
  gsize run = 0;
  gboolean all_spaces = TRUE;
  gboolean pad;

  collect_text (code, text);
  if (text->len == 0)
    return;

  for (gsize i = 0; i < text->len; i++)
    {
      if (text->str[i] == '\n' || text->str[i] == '\r')
        text->str[i] = ' ';
      if (text->str[i] != ' ')
        all_spaces = FALSE;
      run = text->str[i] == '`' ? run + 1 : 0;
      longest = MAX (longest, run);
    }

  /* cmark strips one space on each side when both are there, and a
   * backtick at either end would merge with the fence.
   */
  pad = text->str[0] == '`' || text->str[text->len - 1] == '`' ||
        (!all_spaces && text->str[0] == ' ' && text->str[text->len - 1] == ' ');

  flush_space (w);
  flush_opens (w, '`');
  settle (w, '`');
  for (gsize i = 0; i <= longest; i++)
    g_string_append_c (w->out, '`');
  if (pad)
    g_string_append_c (w->out, ' ');
  g_string_append_len (w->out, text->str, text->len);
  if (pad)
    g_string_append_c (w->out, ' ');
  for (gsize i = 0; i <= longest; i++)
    g_string_append_c (w->out, '`');
  wrote_content (w);
}

static void
inline_node (Inline  *w,
             xmlNode *node)
{

  if (node->type == XML_TEXT_NODE)
    {
      inline_text (w, (const char *) node->content);
      return;
    }
  if (node->type != XML_ELEMENT_NODE)
    return;

  if (name_is (node, "strong"))
    {
      open_delim (w, "**");
      inline_children (w, node);
      close_delim (w, "**");
    }
  else if (name_is (node, "em"))
    {
      open_delim (w, "*");
      inline_children (w, node);
      close_delim (w, "*");
    }
  else if (name_is (node, "a"))
    inline_link (w, node);
  else if (name_is (node, "code"))
    inline_code (w, node);
  else if (name_is (node, "img"))
    inline_image (w, node);
  else if (name_is (node, "br"))
    {
      if (w->any_content)
        w->pending_breaks++;
      w->pending_space = FALSE;
    }
  else
    inline_children (w, node);
}

static void
inline_children (Inline  *w,
                 xmlNode *parent)
{
  for (xmlNode *child = parent->children; child != NULL; child = child->next)
    inline_node (w, child);
}

static gboolean
is_inline_node (xmlNode *node)
{
  static const char * const names[] = { "strong", "em", "a", "code", "br", "span", "img" };

  if (node->type == XML_TEXT_NODE)
    return TRUE;
  if (node->type != XML_ELEMENT_NODE)
    return FALSE;

  for (guint i = 0; i < G_N_ELEMENTS (names); i++)
    if (name_is (node, names[i]))
      return TRUE;

  return FALSE;
}

/* Nothing but spaces, no-break spaces and line breaks: Word's empty
 * paragraphs, which hold a single &nbsp;.
 */
static gboolean
is_blank_markdown (const char *text)
{
  for (const char *p = text; *p != '\0'; p = g_utf8_next_char (p))
    {
      gunichar c = g_utf8_get_char (p);

      if (c == '\\' && p[1] == '\n')
        {
          p++;
          continue;
        }
      if (!g_unichar_isspace (c))
        return FALSE;
    }

  return TRUE;
}

static char *
render_inline (xmlNode  *first,
               xmlNode  *stop,
               gboolean  heading)
{
  Inline w = { 0 };
  g_auto (GStrv) pieces = NULL;
  GString *result;

  w.out = g_string_new (NULL);
  w.delims = g_array_new (FALSE, FALSE, sizeof (Delim));
  w.unchecked = g_array_new (FALSE, FALSE, sizeof (Unchecked));
  w.line_start = TRUE;
  w.digit_run = 0;
  w.heading = heading;

  for (xmlNode *node = first; node != stop; node = node->next)
    inline_node (&w, node);

  /* The end of the paragraph follows whatever closed last. */
  settle (&w, 0);
  g_array_unref (w.delims);
  g_array_unref (w.unchecked);

  /* Drop the empty paragraphs that double breaks may have left. */
  pieces = g_strsplit (w.out->str, "\n\n", -1);
  g_string_free (w.out, TRUE);

  result = g_string_new (NULL);
  for (guint i = 0; pieces[i] != NULL; i++)
    {
      if (is_blank_markdown (pieces[i]))
        continue;
      if (result->len > 0)
        g_string_append (result, "\n\n");
      g_string_append (result, pieces[i]);
    }

  return g_string_free (result, FALSE);
}

static char *
render_heading (xmlNode *heading)
{
  gsize level = ((const char *) heading->name)[1] - '0';
  g_autofree char *text = render_inline (heading->children, NULL, TRUE);
  GString *out;
  gsize run;

  if (*text == '\0')
    return NULL;

  out = g_string_new (NULL);
  for (gsize i = 0; i < level; i++)
    g_string_append_c (out, '#');
  g_string_append_c (out, ' ');
  g_string_append (out, text);

  /* A trailing run of "#" after a space would be read as the closing
   * sequence of the heading.
   */
  run = out->len;
  while (run > level + 1 && out->str[run - 1] == '#')
    run--;
  if (run < out->len && (run == level + 1 || out->str[run - 1] == ' '))
    g_string_insert_c (out, run, '\\');

  return g_string_free (out, FALSE);
}

static char *
prefix_lines (const char *text,
              const char *first,
              const char *rest,
              const char *blank)
{
  g_auto (GStrv) lines = g_strsplit (text, "\n", -1);
  GString *out = g_string_new (NULL);

  for (guint i = 0; lines[i] != NULL; i++)
    {
      if (i > 0)
        g_string_append_c (out, '\n');
      if (i == 0)
        g_string_append (out, first);
      else if (*lines[i] == '\0')
        g_string_append (out, blank);
      else
        g_string_append (out, rest);
      g_string_append (out, lines[i]);
    }

  return g_string_free (out, FALSE);
}

static char *
join_blocks (GPtrArray *blocks,
             gboolean   tight)
{
  GString *out = g_string_new (NULL);

  for (guint i = 0; i < blocks->len; i++)
    {
      Block *block = g_ptr_array_index (blocks, i);

      if (i > 0)
        {
          Block *prev = g_ptr_array_index (blocks, i - 1);

          /* A tight item still needs the blank line where an ordered list
           * not starting at 1 follows its text: it cannot interrupt a
           * paragraph.
           */
          if (tight && !(prev->type == BLOCK_PARAGRAPH &&
                         block->type == BLOCK_LIST_NOT_INTERRUPTING))
            g_string_append_c (out, '\n');
          else
            g_string_append (out, "\n\n");
        }
      g_string_append (out, block->text);
    }

  return g_string_free (out, FALSE);
}

/* Tight unless an item holds several paragraphs or one that does not come
 * first (it would be taken as a lazy continuation of what precedes it).
 */
static gboolean
item_blocks_are_tight (GPtrArray *blocks)
{
  for (guint i = 0; i < blocks->len; i++)
    {
      Block *block = g_ptr_array_index (blocks, i);

      if (block->type == BLOCK_PARAGRAPH && (i > 0 || strstr (block->text, "\n\n") != NULL))
        return FALSE;
    }

  return TRUE;
}

static gboolean
would_be_rule (const char *content)
{
  gsize len = strcspn (content, "\n");

  for (gsize i = 0; i < len; i++)
    if (content[i] != '-' && content[i] != ' ')
      return FALSE;

  return TRUE;
}

static char *
render_list (xmlNode  *list,
             gboolean  alt_marker)
{
  gboolean ordered = name_is (list, "ol");
  const char *start = get_attr (list, "start");
  gint64 number = start != NULL ? g_ascii_strtoll (start, NULL, 10) : 1;
  g_autoptr (GPtrArray) items = g_ptr_array_new_with_free_func ((GDestroyNotify) g_ptr_array_unref);
  gboolean tight = TRUE;
  GString *out = g_string_new (NULL);

  for (xmlNode *li = list->children; li != NULL; li = li->next)
    {
      GPtrArray *blocks;

      if (!name_is (li, "li"))
        continue;

      blocks = collect_blocks (li);
      if (!item_blocks_are_tight (blocks))
        tight = FALSE;
      g_ptr_array_add (items, blocks);
    }

  for (guint i = 0; i < items->len; i++)
    {
      g_autofree char *content = join_blocks (g_ptr_array_index (items, i), tight);
      g_autofree char *marker = NULL;
      g_autofree char *indent = NULL;
      g_autofree char *first = NULL;
      g_autofree char *item = NULL;

      if (ordered)
        marker = g_strdup_printf ("%" G_GINT64_FORMAT "%c", number++, alt_marker ? ')' : '.');
      else
        marker = g_strdup (alt_marker ? "+" : "-");

      /* Empty items of nested lists, "- - -", would be a rule. */
      if (!ordered && g_str_has_prefix (content, "- ") && would_be_rule (content))
        {
          g_free (marker);
          marker = g_strdup ("*");
        }

      if (i > 0)
        g_string_append (out, tight ? "\n" : "\n\n");

      if (*content == '\0')
        {
          g_string_append (out, marker);
          continue;
        }

      indent = g_strnfill (strlen (marker) + 1, ' ');
      first = g_strconcat (marker, " ", NULL);
      item = prefix_lines (content, first, indent, "");
      g_string_append (out, item);
    }

  return g_string_free (out, FALSE);
}

static char *
render_code_block (xmlNode *pre)
{
  g_autoptr (GString) text = g_string_new (NULL);
  g_autofree char *fence = NULL;
  gsize longest = 0;
  gsize run = 0;

  collect_text (pre, text);

  for (gsize i = 0; i < text->len; i++)
    {
      run = text->str[i] == '`' ? run + 1 : 0;
      longest = MAX (longest, run);
    }

  fence = g_strnfill (MAX (3, longest + 1), '`');
  if (text->len > 0 && text->str[text->len - 1] != '\n')
    g_string_append_c (text, '\n');

  return g_strconcat (fence, "\n", text->str, fence, NULL);
}

static void
add_block (GPtrArray *blocks,
           char      *text,
           BlockType  type)
{
  Block *block;

  if (text == NULL || *text == '\0')
    {
      g_free (text);
      return;
    }

  block = g_new0 (Block, 1);
  block->text = text;
  block->type = type;
  g_ptr_array_add (blocks, block);
}

static GPtrArray *
collect_blocks (xmlNode *container)
{
  GPtrArray *blocks = g_ptr_array_new_with_free_func (block_free);
  xmlNode *node = container->children;

  while (node != NULL)
    {
      if (is_inline_node (node))
        {
          xmlNode *first = node;

          while (node != NULL && is_inline_node (node))
            node = node->next;
          add_block (blocks, render_inline (first, node, FALSE), BLOCK_PARAGRAPH);
          continue;
        }

      if (name_is (node, "p") || name_is (node, "figcaption"))
        add_block (blocks, render_inline (node->children, NULL, FALSE), BLOCK_PARAGRAPH);
      else if (name_is (node, "h2") || name_is (node, "h3") || name_is (node, "h4"))
        add_block (blocks, render_heading (node), BLOCK_OTHER);
      else if (name_is (node, "hr"))
        add_block (blocks, g_strdup ("***"), BLOCK_OTHER);
      else if (name_is (node, "pre"))
        add_block (blocks, render_code_block (node), BLOCK_OTHER);
      else if (name_is (node, "blockquote"))
        {
          g_autoptr (GPtrArray) inner = collect_blocks (node);
          g_autofree char *text = join_blocks (inner, FALSE);

          if (*text != '\0')
            add_block (blocks, prefix_lines (text, "> ", "> ", ">"), BLOCK_OTHER);
        }
      else if (name_is (node, "ul") || name_is (node, "ol"))
        {
          Block *prev = blocks->len > 0 ? g_ptr_array_index (blocks, blocks->len - 1) : NULL;
          const char *start = get_attr (node, "start");
          gboolean alt = FALSE;
          BlockType type = BLOCK_LIST;
          guint len = blocks->len;

          /* A list right after another of the same kind would continue it
           * unless its marker differs.
           */
          if (prev != NULL && prev->list_name != NULL &&
              g_str_equal (prev->list_name, (const char *) node->name))
            alt = !prev->alt_marker;

          if (name_is (node, "ol") && start != NULL && g_ascii_strtoll (start, NULL, 10) != 1)
            type = BLOCK_LIST_NOT_INTERRUPTING;

          add_block (blocks, render_list (node, alt), type);
          if (blocks->len > len)
            {
              Block *block = g_ptr_array_index (blocks, blocks->len - 1);
              gsize first_line = strcspn (block->text, "\n");

              block->list_name = name_is (node, "ol") ? "ol" : "ul";
              block->alt_marker = alt;

              /* Nor can a list whose first item is empty. */
              if (memchr (block->text, ' ', first_line) == NULL)
                block->type = BLOCK_LIST_NOT_INTERRUPTING;
            }
        }
      else if (node->type == XML_ELEMENT_NODE)
        {
          /* A figure, or whatever else holds blocks, has no Markdown of its
           * own: its blocks become the container's.
           */
          g_autoptr (GPtrArray) inner = collect_blocks (node);

          for (guint i = 0; i < inner->len; i++)
            g_ptr_array_add (blocks, g_steal_pointer (&g_ptr_array_index (inner, i)));
          g_ptr_array_set_free_func (inner, NULL);
        }

      node = node->next;
    }

  return blocks;
}

/**
 * nd_html_to_markdown:
 * @html: UTF-8 HTML: clipboard `text/html` or WordPress `content.raw`
 * @length: length of @html in bytes, or -1 if it is nul-terminated
 * @error: return location for a #GError
 *
 * Converts rich text to CommonMark. The HTML goes through the same cleaning
 * as [func@Nd.html_sanitize] (so dangerous links lose their address but keep
 * their text, scripts and styles vanish, Word, LibreOffice and Google Docs
 * quirks are undone), then paragraphs, bold, italic, code, links, images,
 * lists, quotes, headings, rules and line breaks are written in one
 * canonical Markdown form. Whitespace collapses as in HTML; no-break spaces
 * are kept. Characters that Markdown would read as markup are escaped.
 *
 * What Markdown cannot say is lost: directions and languages, figures
 * (their image and caption become paragraphs), underline and the like.
 *
 * Returns: (transfer full) (nullable): the Markdown, ending in a newline
 *   unless empty, or %NULL with @error set if the input is larger than
 *   %ND_HTML_SANITIZER_MAX_INPUT
 */
char *
nd_html_to_markdown (const char  *html,
                     gssize       length,
                     GError     **error)
{
  g_autoptr (GPtrArray) blocks = NULL;
  xmlDoc *doc;
  char *text;

  g_return_val_if_fail (html != NULL || length == 0, NULL);
  g_return_val_if_fail (error == NULL || *error == NULL, NULL);

  doc = _nd_html_sanitize_to_doc (html, length, TRUE, error);
  if (doc == NULL)
    return NULL;

  blocks = collect_blocks (xmlDocGetRootElement (doc));
  text = join_blocks (blocks, FALSE);
  xmlFreeDoc (doc);

  if (*text != '\0')
    {
      char *terminated = g_strconcat (text, "\n", NULL);

      g_free (text);
      text = terminated;
    }

  return text;
}
