/* nd-text-fold.c
 *
 * SPDX-License-Identifier: GPL-3.0-or-later
 */

#define G_LOG_DOMAIN "newsdesk"

#include "config.h"

#include <string.h>

#include "nd-text-fold.h"

/* Every code point below this limit has a precomputed entry, which covers
 * Latin, Greek, Cyrillic, Arabic, the Indic scripts and general punctuation.
 * The few code points above it that news text contains (CJK, presentation
 * forms, fullwidth forms) are folded on the fly, still without allocating.
 */
#define TABLE_SIZE 0x3000

/* What a character does to a token. A word character starts or continues a
 * token; a mark (combining marks, tatweel, joiners) continues a token but
 * never starts one, so that a stray haraka after a space is not a word; a
 * separator ends a token.
 */
enum
{
  CLASS_SEPARATOR = 0,
  CLASS_WORD = 1,
  CLASS_MARK = 2,
  CLASS_MASK = 0x0f,
  /* The mark can combine canonically with the character before it (e + ◌́ =
   * é, и + ◌̆ = й, ا + ◌ٔ = أ); text in decomposed form is then folded like
   * its precomposed form, which keeps й distinct from и.
   */
  FLAG_COMPOSES = 0x10,
};

#define FOLD_MAX_BYTES 6
#define INVALID_CHAR   ((gunichar) -1)

/* The folded form of one code point, stored as UTF-8 so folding is a copy. */
typedef struct
{
  guint8 klass;
  guint8 len;
  char   bytes[FOLD_MAX_BYTES];
} FoldEntry;

static FoldEntry fold_table[TABLE_SIZE];

static inline gboolean
is_mark_type (GUnicodeType type)
{
  return type == G_UNICODE_NON_SPACING_MARK ||
         type == G_UNICODE_SPACING_MARK ||
         type == G_UNICODE_ENCLOSING_MARK;
}

static int
classify (GUnicodeType type)
{
  switch (type)
    {
    case G_UNICODE_LOWERCASE_LETTER:
    case G_UNICODE_MODIFIER_LETTER:
    case G_UNICODE_OTHER_LETTER:
    case G_UNICODE_TITLECASE_LETTER:
    case G_UNICODE_UPPERCASE_LETTER:
    case G_UNICODE_DECIMAL_NUMBER:
    case G_UNICODE_LETTER_NUMBER:
    case G_UNICODE_OTHER_NUMBER:
    case G_UNICODE_PRIVATE_USE:
      return CLASS_WORD;

    case G_UNICODE_NON_SPACING_MARK:
    case G_UNICODE_SPACING_MARK:
    case G_UNICODE_ENCLOSING_MARK:
      return CLASS_MARK;

    default:
      return CLASS_SEPARATOR;
    }
}

/* Characters that must not split a word but carry nothing to search for:
 * soft hyphens and joiners that HTML and Persian text put inside words.
 */
static inline gboolean
is_invisible_joiner (gunichar c)
{
  return c == 0x00AD || c == 0x200C || c == 0x200D || c == 0x2060 ||
         c == 0xFEFF;
}

/* Marks that a reader does not type: Latin-style combining diacritics,
 * Arabic harakat, superscript alef, Quranic annotation marks and tatweel.
 * Leaving them out makes كَتَبَ and كتب, or Café and cafe, the same word.
 */
static inline gboolean
is_dropped (gunichar c)
{
  return (c >= 0x0300 && c <= 0x036F) ||
         (c >= 0x0610 && c <= 0x061A) ||
         (c >= 0x064B && c <= 0x0652) ||
         c == 0x0640 ||
         c == 0x0670 ||
         (c >= 0x06D6 && c <= 0x06ED) ||
         (c >= 0x1AB0 && c <= 0x1AFF) ||
         (c >= 0x1DC0 && c <= 0x1DFF) ||
         (c >= 0x20D0 && c <= 0x20FF) ||
         (c >= 0xFE20 && c <= 0xFE2F) ||
         is_invisible_joiner (c);
}

static inline gboolean
composes (gunichar c)
{
  return (c >= 0x0300 && c <= 0x036F) ||
         (c >= 0x0653 && c <= 0x0655) ||
         c == 0x3099 || c == 0x309A;
}

/* Letter-level equivalences applied after case folding. Hamza forms of alef
 * and alef maqsura are spelt inconsistently in Arabic news text, ё is
 * usually written е in Russian, and the Latin letters with a stroke have no
 * decomposition, so they need naming here to lose their accent like é does.
 * й, ї and ў are distinct letters and stay as they are.
 */
static gunichar
map_equivalent (gunichar c)
{
  switch (c)
    {
    case 0x0622: /* آ */
    case 0x0623: /* أ */
    case 0x0625: /* إ */
    case 0x0671: /* ٱ */
      return 0x0627; /* ا */
    case 0x0649: /* ى */
      return 0x064A; /* ي */
    case 0x0451: /* ё */
    case 0x0450: /* ѐ */
      return 0x0435; /* е */
    case 0x045D: /* ѝ */
      return 0x0438; /* и */
    case 0x00F8: /* ø */
      return 'o';
    case 0x0111: /* đ */
      return 'd';
    case 0x0127: /* ħ */
      return 'h';
    case 0x0131: /* ı */
      return 'i';
    case 0x0142: /* ł */
      return 'l';
    case 0x0167: /* ŧ */
      return 't';
    default:
      return c;
    }
}

static gboolean
entry_append (FoldEntry *entry,
              gunichar   c)
{
  char buffer[8];
  int n = g_unichar_to_utf8 (c, buffer);

  /* A fold longer than the entry is truncated; that can only happen to
   * exotic ligatures, and it happens the same way at index and query time.
   */
  if (entry->len + n > FOLD_MAX_BYTES)
    return FALSE;

  memcpy (entry->bytes + entry->len, buffer, n);
  entry->len += n;

  return TRUE;
}

/* The start of an entry common to the table and the slow path: the class,
 * and the folds that do not depend on case. Returns TRUE when it is done.
 */
static gboolean
entry_init_common (gunichar   c,
                   FoldEntry *entry)
{
  GUnicodeType type = g_unichar_type (c);
  int klass = classify (type);
  int digit;

  entry->len = 0;
  entry->klass = klass;

  if (composes (c))
    entry->klass |= FLAG_COMPOSES;

  if (klass == CLASS_SEPARATOR && !is_invisible_joiner (c))
    {
      entry_append (entry, c);
      return TRUE;
    }

  if (is_dropped (c))
    {
      /* Tatweel and the small Quranic letters are letters to Unicode, but
       * they must not start a word of their own.
       */
      entry->klass = (entry->klass & ~CLASS_MASK) | CLASS_MARK;
      return TRUE;
    }

  if (type == G_UNICODE_DECIMAL_NUMBER &&
      (digit = g_unichar_digit_value (c)) >= 0)
    {
      entry_append (entry, '0' + digit);
      return TRUE;
    }

  if (klass == CLASS_MARK)
    {
      entry_append (entry, c);
      return TRUE;
    }

  return FALSE;
}

static void
entry_init_table (gunichar   c,
                  FoldEntry *entry)
{
  char buffer[8];
  g_autofree char *folded = NULL;
  GUnicodeScript script;
  gboolean strip;

  if (entry_init_common (c, entry))
    return;

  /* Full case folding, so that ß is ss and final sigma is sigma. Latin and
   * Greek letters then lose their accents; the other scripts keep their
   * marks, which are part of their letters.
   */
  folded = g_utf8_casefold (buffer, g_unichar_to_utf8 (c, buffer));
  script = g_unichar_get_script (c);
  strip = script == G_UNICODE_SCRIPT_LATIN || script == G_UNICODE_SCRIPT_GREEK;

  for (const char *p = folded; *p != '\0'; p = g_utf8_next_char (p))
    {
      gunichar f = g_utf8_get_char (p);
      gunichar decomposed[G_UNICHAR_MAX_DECOMPOSITION_LENGTH];
      gsize n = 1;

      if (strip)
        n = g_unichar_fully_decompose (f, FALSE, decomposed,
                                       G_N_ELEMENTS (decomposed));
      else
        decomposed[0] = f;

      for (gsize i = 0; i < n; i++)
        if (!is_mark_type (g_unichar_type (decomposed[i])))
          entry_append (entry, map_equivalent (decomposed[i]));
    }

  /* A word character must fold to something, or it could make an empty
   * token; one that folds to nothing is treated as a mark instead.
   */
  if (entry->len == 0)
    entry->klass = (entry->klass & ~CLASS_MASK) | CLASS_MARK;
}

static inline gboolean
is_compatibility_form (gunichar c)
{
  /* Ligatures, Arabic presentation forms (but not the word ligatures at
   * U+FDF0, which decompose into whole phrases) and fullwidth forms: they
   * stand for ordinary letters and must be searchable as such.
   */
  return (c >= 0xFB00 && c <= 0xFDCF) ||
         (c >= 0xFE70 && c <= 0xFEFE) ||
         (c >= 0xFF00 && c <= 0xFFEF);
}

/* Folds a code point above the table without allocating. */
static void
entry_init_slow (gunichar   c,
                 FoldEntry *entry)
{
  if (entry_init_common (c, entry))
    return;

  if (is_compatibility_form (c))
    {
      gunichar decomposed[G_UNICHAR_MAX_DECOMPOSITION_LENGTH];
      gsize n = g_unichar_fully_decompose (c, TRUE, decomposed,
                                           G_N_ELEMENTS (decomposed));

      for (gsize i = 0; i < n; i++)
        {
          gunichar d = decomposed[i];

          if (d < TABLE_SIZE)
            {
              const FoldEntry *part = &fold_table[d];

              if ((part->klass & CLASS_MASK) != CLASS_SEPARATOR &&
                  entry->len + part->len <= FOLD_MAX_BYTES)
                {
                  memcpy (entry->bytes + entry->len, part->bytes, part->len);
                  entry->len += part->len;
                }
            }
          else if (classify (g_unichar_type (d)) != CLASS_SEPARATOR)
            {
              entry_append (entry, g_unichar_tolower (d));
            }
        }
    }
  else
    {
      entry_append (entry, g_unichar_tolower (c));
    }

  if (entry->len == 0)
    entry->klass = (entry->klass & ~CLASS_MASK) | CLASS_MARK;
}

static void
ensure_table (void)
{
  static gsize initialized = 0;

  if (g_once_init_enter (&initialized))
    {
      for (gunichar c = 0; c < TABLE_SIZE; c++)
        entry_init_table (c, &fold_table[c]);

      g_once_init_leave (&initialized, 1);
    }
}

static inline const FoldEntry *
lookup (gunichar   c,
        FoldEntry *scratch)
{
  if (G_LIKELY (c < TABLE_SIZE))
    return &fold_table[c];

  entry_init_slow (c, scratch);

  return scratch;
}

/* Decodes one UTF-8 sequence of at most @avail bytes. Invalid input yields
 * INVALID_CHAR and a length of one byte, so a caller always makes progress.
 */
static inline gunichar
decode (const guchar *p,
        gsize         avail,
        gsize        *n)
{
  guchar b0 = p[0];
  gunichar c;

  if (b0 < 0x80)
    {
      *n = 1;
      return b0;
    }

  if (b0 < 0xC2)
    goto invalid;

  if (b0 < 0xE0)
    {
      if (avail < 2 || (p[1] & 0xC0) != 0x80)
        goto invalid;
      *n = 2;
      return ((b0 & 0x1F) << 6) | (p[1] & 0x3F);
    }

  if (b0 < 0xF0)
    {
      if (avail < 3 || (p[1] & 0xC0) != 0x80 || (p[2] & 0xC0) != 0x80)
        goto invalid;
      c = ((b0 & 0x0F) << 12) | ((p[1] & 0x3F) << 6) | (p[2] & 0x3F);
      if (c < 0x800 || (c >= 0xD800 && c <= 0xDFFF))
        goto invalid;
      *n = 3;
      return c;
    }

  if (b0 < 0xF5)
    {
      if (avail < 4 || (p[1] & 0xC0) != 0x80 || (p[2] & 0xC0) != 0x80 ||
          (p[3] & 0xC0) != 0x80)
        goto invalid;
      c = ((b0 & 0x07) << 18) | ((p[1] & 0x3F) << 12)
          | ((p[2] & 0x3F) << 6) | (p[3] & 0x3F);
      if (c < 0x10000 || c > 0x10FFFF)
        goto invalid;
      *n = 4;
      return c;
    }

invalid:
  *n = 1;
  return INVALID_CHAR;
}

/* The output is built in place in the GString's buffer: going through
 * g_string_append_len() for every character costs more than the folding.
 * The buffer is NUL-terminated only when the caller is done.
 */
static inline void
out_reserve (GString *out,
             gsize    n)
{
  if (G_UNLIKELY (out->len + n >= out->allocated_len))
    {
      gsize len = out->len;

      g_string_set_size (out, len + n);
      out->len = len;
    }
}

static inline void
out_append (GString    *out,
            const char *bytes,
            gsize       n)
{
  out_reserve (out, n);
  memcpy (out->str + out->len, bytes, n);
  out->len += n;
}

static inline char
ascii_fold (guchar b)
{
  return (b >= 'A' && b <= 'Z') ? b + ('a' - 'A') : b;
}

/* Appends the fold of a word character or mark. @base is the last word
 * character (as composed so far) and @base_out where its fold starts in
 * @out, so that a following combining mark can be composed with it.
 */
static inline void
fold_append (GString         *out,
             gunichar         c,
             const FoldEntry *entry,
             gunichar        *base,
             gsize           *base_out)
{
  gunichar composed;

  if ((entry->klass & FLAG_COMPOSES) != 0 &&
      *base != 0 &&
      g_unichar_compose (*base, c, &composed))
    {
      FoldEntry scratch;
      const FoldEntry *composed_entry = lookup (composed, &scratch);

      out->len = *base_out;
      out_append (out, composed_entry->bytes, composed_entry->len);
      *base = composed;
      return;
    }

  if ((entry->klass & CLASS_MASK) == CLASS_WORD)
    {
      *base = c;
      *base_out = out->len;
    }

  out_append (out, entry->bytes, entry->len);
}

/**
 * nd_text_fold:
 * @text: UTF-8 text
 * @length: the length of @text in bytes, or -1 if it is nul-terminated
 *
 * Folds @text the way the search index does: case folding, Latin and Greek
 * accents removed, ё as е, Arabic harakat, Quranic marks and tatweel
 * removed, أ إ آ ٱ as ا, ى as ي, and decimal digits of any script as ASCII
 * digits. Characters that are not part of words are copied unchanged, so
 * the result keeps the shape of @text; invalid UTF-8 becomes U+FFFD.
 *
 * Use it to compare what the user typed with tags or completions the same
 * way the index compares it with editions.
 *
 * Returns: (transfer full): the folded text
 */
char *
nd_text_fold (const char *text,
              gssize      length)
{
  const guchar *p = (const guchar *) text;
  GString *out;
  gunichar base = 0;
  gsize base_out = 0;
  gsize len;
  gsize pos = 0;

  g_return_val_if_fail (text != NULL || length == 0, NULL);

  ensure_table ();

  len = length < 0 ? strlen (text) : (gsize) length;
  out = g_string_sized_new (len + 1);

  while (pos < len)
    {
      FoldEntry scratch;
      const FoldEntry *entry;
      gunichar c;
      gsize n;

      if (p[pos] < 0x80)
        {
          out_reserve (out, 1);

          if (g_ascii_isalnum (p[pos]))
            {
              base = p[pos];
              base_out = out->len;
              out->str[out->len++] = ascii_fold (p[pos]);
            }
          else
            {
              base = 0;
              out->str[out->len++] = p[pos];
            }

          pos++;
          continue;
        }

      c = decode (p + pos, len - pos, &n);

      if (c == INVALID_CHAR)
        {
          out_append (out, "\xEF\xBF\xBD", 3);
          base = 0;
        }
      else if (((entry = lookup (c, &scratch))->klass & CLASS_MASK)
               == CLASS_SEPARATOR)
        {
          out_append (out, text + pos, n);
          base = 0;
        }
      else
        {
          fold_append (out, c, entry, &base, &base_out);
        }

      pos += n;
    }

  out_reserve (out, 1);
  out->str[out->len] = '\0';

  return g_string_free (out, FALSE);
}

/**
 * nd_text_fold_next_token:
 * @text: UTF-8 text; invalid sequences separate words
 * @length: the length of @text in bytes
 * @position: (inout): where to start looking, in bytes; on return, where
 *   to continue
 * @token: receives the folded token, replacing its contents
 * @start: (out) (optional): the byte offset of the token in @text
 * @end: (out) (optional): the byte offset just past the token in @text
 *
 * Finds the next word of @text at or after @position. A word is a maximal
 * run of letters and digits together with the combining marks, tatweel and
 * joiners inside it; everything else, apostrophes included, separates
 * words. @token receives the word folded as by nd_text_fold(), while
 * @start and @end delimit it in the original text, marks included, so that
 * a highlight covers the word as it was written.
 *
 * Returns: %TRUE if a token was found, %FALSE at the end of @text
 */
gboolean
nd_text_fold_next_token (const char *text,
                         gsize       length,
                         gsize      *position,
                         GString    *token,
                         gsize      *start,
                         gsize      *end)
{
  const guchar *p = (const guchar *) text;
  gsize pos;

  g_return_val_if_fail (text != NULL || length == 0, FALSE);
  g_return_val_if_fail (position != NULL, FALSE);
  g_return_val_if_fail (token != NULL, FALSE);

  ensure_table ();

  pos = *position;

  while (pos < length)
    {
      gunichar base = 0;
      gsize base_out = 0;
      gsize token_start;

      /* Skip to the first word character; marks do not start words. */
      while (pos < length)
        {
          gunichar c;
          gsize n;

          if (p[pos] < 0x80)
            {
              if (g_ascii_isalnum (p[pos]))
                break;
              pos++;
              continue;
            }

          c = decode (p + pos, length - pos, &n);

          if (c != INVALID_CHAR)
            {
              FoldEntry scratch;

              if ((lookup (c, &scratch)->klass & CLASS_MASK) == CLASS_WORD)
                break;
            }

          pos += n;
        }

      if (pos >= length)
        break;

      token_start = pos;
      g_string_truncate (token, 0);

      while (pos < length)
        {
          FoldEntry scratch;
          const FoldEntry *entry;
          gunichar c;
          gsize n;

          if (p[pos] < 0x80)
            {
              if (!g_ascii_isalnum (p[pos]))
                break;

              /* The ASCII fast path: English words are copied a byte at a
               * time, with no decoding or table lookups.
               */
              do
                {
                  out_reserve (token, 1);
                  token->str[token->len++] = ascii_fold (p[pos]);
                  pos++;
                }
              while (pos < length && p[pos] < 0x80 && g_ascii_isalnum (p[pos]));

              base = p[pos - 1];
              base_out = token->len - 1;
              continue;
            }

          c = decode (p + pos, length - pos, &n);

          if (c == INVALID_CHAR)
            break;

          entry = lookup (c, &scratch);

          if ((entry->klass & CLASS_MASK) == CLASS_SEPARATOR)
            break;

          fold_append (token, c, entry, &base, &base_out);
          pos += n;
        }

      out_reserve (token, 1);
      token->str[token->len] = '\0';

      /* A word whose every character folds away (a slice of presentation
       * forms that are all marks) is not worth indexing.
       */
      if (token->len > 0)
        {
          *position = pos;
          if (start != NULL)
            *start = token_start;
          if (end != NULL)
            *end = pos;
          return TRUE;
        }
    }

  *position = length;
  g_string_truncate (token, 0);

  return FALSE;
}
