/* nd-render.c
 *
 * SPDX-License-Identifier: GPL-3.0-or-later
 */

#define G_LOG_DOMAIN "newsdesk-text"

#include "config.h"

#include <string.h>

#include <cmark.h>
#include <glib/gi18n-lib.h>

#include "nd-render.h"

/*
 * The preview draws an edition with GTK labels, not a web engine, so the
 * body is turned into blocks of Pango markup here, where it can be tested
 * without a display. What reaches a label is built from escaped text and a
 * handful of elements this file writes itself: nothing of the Markdown's raw
 * HTML passes, whatever cmark made of it, and a link exists only when its
 * address is one of the few schemes a reader may follow.
 */

/* Lists nested deeper than this are drawn at this depth: the widget indents
 * by depth, and a hostile body must not push text off the page. */
#define MAX_DRAWN_DEPTH 8

typedef struct
{
  gboolean ordered;
  gboolean paren;
  int      next_number;
} ListFrame;

typedef struct
{
  GPtrArray  *blocks;
  GString    *markup;          /* the paragraph or heading being written */
  GString    *alt;             /* an image's text, while inside the image */
  guint       image_depth;
  GArray     *links;           /* per open link: whether it opened an <a> */
  guint       open_anchors;
  GArray     *lists;           /* ListFrame, outermost first */
  guint       quote_depth;
  char       *pending_marker;  /* of the list item whose first block is due */
  gboolean    pending_ordered;
  const char *dateline;
  gboolean    dateline_placed;
} Renderer;

void
nd_render_block_free (NdRenderBlock *block)
{
  if (block == NULL)
    return;

  g_free (block->marker);
  g_free (block->markup);
  g_free (block);
}

/**
 * nd_render_url_is_safe:
 * @url: (nullable): a link's address as cmark parsed it, entities and
 *   escapes already decoded
 *
 * Whether the preview may draw @url as a link. Only `http://`, `https://`
 * and `mailto:` addresses qualify, with the scheme at the very start (any
 * case), something after it, and no white space, control or format
 * character anywhere: that rules out `javascript:`, `data:`, `vbscript:`,
 * `file:` and relative addresses, and every spelling of them that hides the
 * scheme behind tabs, new lines, entities or invisible characters.
 *
 * Returns: %TRUE when @url may be a link
 */
gboolean
nd_render_url_is_safe (const char *url)
{
  static const char * const schemes[] = { "http://", "https://", "mailto:" };
  gsize rest = 0;

  if (url == NULL || !g_utf8_validate (url, -1, NULL))
    return FALSE;

  for (guint i = 0; i < G_N_ELEMENTS (schemes); i++)
    {
      gsize len = strlen (schemes[i]);

      if (g_ascii_strncasecmp (url, schemes[i], len) == 0)
        {
          rest = len;
          break;
        }
    }

  if (rest == 0 || url[rest] == '\0' || url[rest] == '/')
    return FALSE;

  for (const char *p = url; *p != '\0'; p = g_utf8_next_char (p))
    {
      gunichar c = g_utf8_get_char (p);
      GUnicodeType type = g_unichar_type (c);

      if (g_unichar_isspace (c) ||
          type == G_UNICODE_CONTROL ||
          type == G_UNICODE_FORMAT ||
          type == G_UNICODE_LINE_SEPARATOR ||
          type == G_UNICODE_PARAGRAPH_SEPARATOR ||
          type == G_UNICODE_SPACE_SEPARATOR ||
          type == G_UNICODE_UNASSIGNED ||
          type == G_UNICODE_SURROGATE ||
          type == G_UNICODE_PRIVATE_USE)
        return FALSE;
    }

  return TRUE;
}

static void
append_escaped (GString    *out,
                const char *text)
{
  g_autofree char *escaped = NULL;

  if (text == NULL || *text == '\0')
    return;

  escaped = g_markup_escape_text (text, -1);
  g_string_append (out, escaped);
}

/* An attribute value for GtkLabel's link parser: escaped for the markup,
 * with line breaks and tabs as character references so that the parser's
 * attribute normalisation keeps them. */
static void
append_attribute (GString    *out,
                  const char *value)
{
  g_autofree char *escaped = g_markup_escape_text (value, -1);

  for (const char *p = escaped; *p != '\0'; p++)
    {
      if (*p == '\n')
        g_string_append (out, "&#10;");
      else if (*p == '\r')
        g_string_append (out, "&#13;");
      else if (*p == '\t')
        g_string_append (out, "&#9;");
      else
        g_string_append_c (out, *p);
    }
}

static const char *
bullet_for_depth (guint depth)
{
  static const char * const bullets[] = { "•", "◦", "▪" };

  return bullets[(depth - 1) % G_N_ELEMENTS (bullets)];
}

static guint
clamp_depth (guint depth)
{
  return MIN (depth, MAX_DRAWN_DEPTH);
}

static NdRenderBlock *
add_block (Renderer          *r,
           NdRenderBlockKind  kind,
           guint              level,
           char              *markup)
{
  NdRenderBlock *block = g_new0 (NdRenderBlock, 1);

  block->kind = kind;
  block->level = level;
  block->quote_depth = clamp_depth (r->quote_depth);
  block->list_depth = clamp_depth (r->lists->len);
  block->markup = markup;
  if (r->lists->len > 0)
    {
      block->marker = g_steal_pointer (&r->pending_marker);
      block->ordered = block->marker != NULL && r->pending_ordered;
    }
  g_ptr_array_add (r->blocks, block);

  return block;
}

static gboolean
is_blank (const char *markup)
{
  for (const char *p = markup; *p != '\0'; p++)
    if (!g_ascii_isspace (*p))
      return FALSE;

  return TRUE;
}

static char *
dateline_markup (const char *dateline)
{
  GString *out = g_string_new ("<b>");

  append_escaped (out, dateline);
  g_string_append (out, "</b>");

  return g_string_free (out, FALSE);
}

static void
finish_leaf (Renderer   *r,
             cmark_node *node)
{
  cmark_node *parent = cmark_node_parent (node);
  cmark_node_type parent_type = parent != NULL ? cmark_node_get_type (parent) : CMARK_NODE_DOCUMENT;
  g_autoptr(GString) markup = g_steal_pointer (&r->markup);
  NdRenderBlockKind kind;
  guint level = 0;

  /* Trailing breaks and spaces would only add an empty line. */
  while (markup->len > 0 && g_ascii_isspace (markup->str[markup->len - 1]))
    g_string_truncate (markup, markup->len - 1);

  if (cmark_node_get_type (node) == CMARK_NODE_HEADING)
    {
      kind = ND_RENDER_BLOCK_HEADING;
      level = CLAMP (cmark_node_get_heading_level (node), 1, 6);
    }
  else if (parent_type == CMARK_NODE_BLOCK_QUOTE)
    {
      kind = ND_RENDER_BLOCK_QUOTE;
      level = clamp_depth (r->quote_depth);
    }
  else if (parent_type == CMARK_NODE_ITEM)
    {
      kind = ND_RENDER_BLOCK_LIST_ITEM;
      level = clamp_depth (r->lists->len);
    }
  else
    kind = ND_RENDER_BLOCK_PARAGRAPH;

  /* A paragraph of nothing but raw HTML leaves nothing to draw. */
  if (is_blank (markup->str) && r->pending_marker == NULL)
    return;

  if (kind == ND_RENDER_BLOCK_PARAGRAPH && parent_type == CMARK_NODE_DOCUMENT &&
      !r->dateline_placed && r->dateline != NULL && *r->dateline != '\0')
    {
      g_autofree char *dateline = dateline_markup (r->dateline);

      g_string_prepend (markup, " ");
      g_string_prepend (markup, dateline);
      r->dateline_placed = TRUE;
    }

  add_block (r, kind, level, g_string_free (g_steal_pointer (&markup), FALSE));
}

static void
enter_list (Renderer   *r,
            cmark_node *node)
{
  ListFrame frame = {
    .ordered = cmark_node_get_list_type (node) == CMARK_ORDERED_LIST,
    .paren = cmark_node_get_list_delim (node) == CMARK_PAREN_DELIM,
    .next_number = cmark_node_get_list_start (node),
  };

  /* A list item that opens with a list has no block of its own for its
   * marker: give the marker a line rather than lose it. */
  if (r->pending_marker != NULL)
    add_block (r, ND_RENDER_BLOCK_LIST_ITEM, clamp_depth (r->lists->len), g_strdup (""));

  g_array_append_val (r->lists, frame);
}

static void
enter_item (Renderer *r)
{
  ListFrame *frame;

  g_assert (r->lists->len > 0);
  frame = &g_array_index (r->lists, ListFrame, r->lists->len - 1);

  g_clear_pointer (&r->pending_marker, g_free);
  if (frame->ordered)
    r->pending_marker = g_strdup_printf ("%d%c", frame->next_number++, frame->paren ? ')' : '.');
  else
    r->pending_marker = g_strdup (bullet_for_depth (r->lists->len));
  r->pending_ordered = frame->ordered;
}

static void
exit_item (Renderer *r)
{
  /* An empty item still shows its marker. */
  if (r->pending_marker != NULL)
    add_block (r, ND_RENDER_BLOCK_LIST_ITEM, clamp_depth (r->lists->len), g_strdup (""));
}

static void
add_code_block (Renderer   *r,
                cmark_node *node)
{
  const char *literal = cmark_node_get_literal (node);
  GString *markup = g_string_new ("<tt>");
  g_autofree char *text = g_strdup (literal != NULL ? literal : "");

  g_strchomp (text);
  append_escaped (markup, text);
  g_string_append (markup, "</tt>");
  add_block (r, ND_RENDER_BLOCK_CODE, 0, g_string_free (markup, FALSE));
}

static void
enter_link (Renderer   *r,
            cmark_node *node)
{
  const char *url = cmark_node_get_url (node);
  const char *title = cmark_node_get_title (node);
  gboolean opened = FALSE;

  /* Links cannot nest in CommonMark; were one to, it stays text. */
  if (r->open_anchors == 0 && nd_render_url_is_safe (url))
    {
      g_autoptr(GString) tooltip = g_string_new (NULL);

      /* GtkLabel shows the title attribute as markup: escape it for that
       * first, then for the attribute. The reader sees where the link
       * goes, and its title when it has one. */
      if (title != NULL && *title != '\0')
        {
          append_escaped (tooltip, title);
          g_string_append_c (tooltip, '\n');
        }
      append_escaped (tooltip, url);

      g_string_append (r->markup, "<a href=\"");
      append_attribute (r->markup, url);
      g_string_append (r->markup, "\" title=\"");
      append_attribute (r->markup, tooltip->str);
      g_string_append (r->markup, "\">");
      r->open_anchors++;
      opened = TRUE;
    }

  g_array_append_val (r->links, opened);
}

static void
exit_link (Renderer *r)
{
  gboolean opened;

  g_assert (r->links->len > 0);
  opened = g_array_index (r->links, gboolean, r->links->len - 1);
  g_array_set_size (r->links, r->links->len - 1);

  if (opened)
    {
      g_string_append (r->markup, "</a>");
      r->open_anchors--;
    }
}

static void
exit_image (Renderer *r)
{
  g_autoptr(GString) alt = g_steal_pointer (&r->alt);
  g_autofree char *text = NULL;

  g_strstrip (alt->str);
  if (*alt->str != '\0')
    /* Translators: stands for an image in the preview, which never loads
     * images from the network; %s is the image's alternative text */
    text = g_strdup_printf (_("[Image: %s]"), alt->str);
  else
    /* Translators: stands for an image without alternative text */
    text = g_strdup (_("[Image]"));

  g_string_append (r->markup, "<i>");
  append_escaped (r->markup, text);
  g_string_append (r->markup, "</i>");
}

static const char *
literal_of (cmark_node *node)
{
  const char *literal = cmark_node_get_literal (node);

  return literal != NULL ? literal : "";
}

static void
render_inline (Renderer         *r,
               cmark_node       *node,
               cmark_event_type  event)
{
  cmark_node_type type = cmark_node_get_type (node);
  gboolean entering = event == CMARK_EVENT_ENTER;
  gboolean in_image = r->image_depth > 0;

  switch (type)
    {
    case CMARK_NODE_TEXT:
      if (in_image)
        g_string_append (r->alt, literal_of (node));
      else
        append_escaped (r->markup, cmark_node_get_literal (node));
      break;

    case CMARK_NODE_CODE:
      if (in_image)
        g_string_append (r->alt, literal_of (node));
      else
        {
          g_string_append (r->markup, "<tt>");
          append_escaped (r->markup, cmark_node_get_literal (node));
          g_string_append (r->markup, "</tt>");
        }
      break;

    case CMARK_NODE_SOFTBREAK:
      g_string_append_c (in_image ? r->alt : r->markup, ' ');
      break;

    case CMARK_NODE_LINEBREAK:
      g_string_append_c (in_image ? r->alt : r->markup, in_image ? ' ' : '\n');
      break;

    case CMARK_NODE_EMPH:
      if (!in_image)
        g_string_append (r->markup, entering ? "<i>" : "</i>");
      break;

    case CMARK_NODE_STRONG:
      if (!in_image)
        g_string_append (r->markup, entering ? "<b>" : "</b>");
      break;

    case CMARK_NODE_LINK:
      /* Inside an image only the text counts; enter and exit both happen
       * there, so the stack of links stays balanced. */
      if (!in_image)
        {
          if (entering)
            enter_link (r, node);
          else
            exit_link (r);
        }
      break;

    case CMARK_NODE_IMAGE:
      if (entering)
        {
          if (r->image_depth++ == 0)
            r->alt = g_string_new (NULL);
        }
      else if (--r->image_depth == 0)
        exit_image (r);
      break;

    case CMARK_NODE_HTML_INLINE:
    case CMARK_NODE_CUSTOM_INLINE:
      /* Raw HTML is never drawn, not even as text. */
      break;

    case CMARK_NODE_NONE:
    case CMARK_NODE_DOCUMENT:
    case CMARK_NODE_BLOCK_QUOTE:
    case CMARK_NODE_LIST:
    case CMARK_NODE_ITEM:
    case CMARK_NODE_CODE_BLOCK:
    case CMARK_NODE_HTML_BLOCK:
    case CMARK_NODE_CUSTOM_BLOCK:
    case CMARK_NODE_PARAGRAPH:
    case CMARK_NODE_HEADING:
    case CMARK_NODE_THEMATIC_BREAK:
    default:
      break;
    }
}

static void
render_node (Renderer         *r,
             cmark_node       *node,
             cmark_event_type  event)
{
  cmark_node_type type = cmark_node_get_type (node);
  gboolean entering = event == CMARK_EVENT_ENTER;

  if (r->markup != NULL && type != CMARK_NODE_PARAGRAPH && type != CMARK_NODE_HEADING)
    {
      render_inline (r, node, event);
      return;
    }

  switch (type)
    {
    case CMARK_NODE_PARAGRAPH:
    case CMARK_NODE_HEADING:
      if (entering)
        r->markup = g_string_new (NULL);
      else
        finish_leaf (r, node);
      break;

    case CMARK_NODE_BLOCK_QUOTE:
      if (entering)
        r->quote_depth++;
      else
        r->quote_depth--;
      break;

    case CMARK_NODE_LIST:
      if (entering)
        enter_list (r, node);
      else
        g_array_set_size (r->lists, r->lists->len - 1);
      break;

    case CMARK_NODE_ITEM:
      if (entering)
        enter_item (r);
      else
        exit_item (r);
      break;

    case CMARK_NODE_CODE_BLOCK:
      add_code_block (r, node);
      break;

    case CMARK_NODE_THEMATIC_BREAK:
      add_block (r, ND_RENDER_BLOCK_RULE, 0, g_strdup (""));
      break;

    case CMARK_NODE_HTML_BLOCK:
    case CMARK_NODE_CUSTOM_BLOCK:
      /* Raw HTML is never drawn, not even as text. */
      break;

    case CMARK_NODE_NONE:
    case CMARK_NODE_DOCUMENT:
    case CMARK_NODE_TEXT:
    case CMARK_NODE_SOFTBREAK:
    case CMARK_NODE_LINEBREAK:
    case CMARK_NODE_CODE:
    case CMARK_NODE_HTML_INLINE:
    case CMARK_NODE_CUSTOM_INLINE:
    case CMARK_NODE_EMPH:
    case CMARK_NODE_STRONG:
    case CMARK_NODE_LINK:
    case CMARK_NODE_IMAGE:
    default:
      break;
    }
}

/**
 * nd_render_markdown:
 * @markdown: an edition's body, CommonMark (invalid UTF-8 is replaced)
 * @dateline: (nullable): the dateline, e.g. "MOSCOW (Realist English).",
 *   or %NULL or "" for none
 *
 * Turns an article body into the blocks the preview draws, each with its
 * inline content as safe markup (see #NdRenderBlock): bold, italic, code
 * and links to http, https and mailto addresses. Any other link is drawn as
 * its text. Images are never loaded: each becomes its alternative text in
 * brackets, "[Image: …]". Raw HTML, block or inline, is left out entirely,
 * its tags and the text of an HTML block alike.
 *
 * The dateline opens the body's first paragraph outside any quote or list,
 * in bold, as the published page shows it; a body without such a paragraph
 * starts with a paragraph holding only the dateline.
 *
 * Returns: (transfer container) (element-type NdRenderBlock): the blocks
 */
GPtrArray *
nd_render_markdown (const char *markdown,
                    const char *dateline)
{
  Renderer r = { 0 };
  cmark_node *document;
  cmark_iter *iter;
  cmark_event_type event;

  g_return_val_if_fail (markdown != NULL, NULL);

  r.blocks = g_ptr_array_new_with_free_func ((GDestroyNotify) nd_render_block_free);
  r.links = g_array_new (FALSE, FALSE, sizeof (gboolean));
  r.lists = g_array_new (FALSE, FALSE, sizeof (ListFrame));
  r.dateline = dateline;

  /* No CMARK_OPT_UNSAFE: cmark keeps raw HTML out of its own output, and
   * this renderer skips HTML nodes besides. No CMARK_OPT_SMART: quotes are
   * the editor's, as the published page shows them. */
  document = cmark_parse_document (markdown, strlen (markdown), CMARK_OPT_VALIDATE_UTF8);
  if (document != NULL)
    {
      iter = cmark_iter_new (document);
      while ((event = cmark_iter_next (iter)) != CMARK_EVENT_DONE)
        render_node (&r, cmark_iter_get_node (iter), event);
      cmark_iter_free (iter);
      cmark_node_free (document);
    }

  if (!r.dateline_placed && dateline != NULL && *dateline != '\0')
    {
      NdRenderBlock *block = g_new0 (NdRenderBlock, 1);

      block->kind = ND_RENDER_BLOCK_PARAGRAPH;
      block->markup = dateline_markup (dateline);
      g_ptr_array_insert (r.blocks, 0, block);
    }

  g_assert (r.markup == NULL);
  g_assert (r.alt == NULL);
  g_free (r.pending_marker);
  g_array_unref (r.links);
  g_array_unref (r.lists);

  return r.blocks;
}

/**
 * nd_render_byline:
 * @name: (nullable): a contributor's name in the edition's language
 * @role: (nullable): the contributor's role in that language
 *
 * The contributor line that closes a piece, as the published page shows
 * it: "Andrey Serenko — Director, Center for the Study of Afghan Politics",
 * or only the name when there is no role. Plain text, not markup.
 *
 * Returns: (transfer full) (nullable): the line, or %NULL without a name
 */
char *
nd_render_byline (const char *name,
                  const char *role)
{
  g_autofree char *clean_name = g_strstrip (g_strdup (name != NULL ? name : ""));
  g_autofree char *clean_role = g_strstrip (g_strdup (role != NULL ? role : ""));

  if (*clean_name == '\0')
    return NULL;

  if (*clean_role == '\0')
    return g_steal_pointer (&clean_name);

  return g_strdup_printf ("%s — %s", clean_name, clean_role);
}

/**
 * nd_render_time_zone:
 * @identifier: (nullable): the publication's time zone, e.g. "Europe/Moscow"
 *
 * The publication's time zone, for showing publish times as the site will.
 * Only tz database names and offsets are taken; a path, an unknown name or
 * nothing gives UTC, so a wrong setting shows a wrong zone name rather than
 * the editor's own zone.
 *
 * Returns: (transfer full): the zone
 */
GTimeZone *
nd_render_time_zone (const char *identifier)
{
  GTimeZone *zone = NULL;

  if (identifier != NULL && *identifier != '\0' && *identifier != '/' &&
      strstr (identifier, "..") == NULL)
    {
      gboolean plain = TRUE;

      for (const char *p = identifier; *p != '\0'; p++)
        if (!g_ascii_isalnum (*p) && strchr ("/_+-:", *p) == NULL)
          plain = FALSE;

      if (plain)
        zone = g_time_zone_new_identifier (identifier);
    }

  return zone != NULL ? zone : g_time_zone_new_utc ();
}

/* How each language writes a date and time. These are facts about languages,
 * not about any publication; a language without an entry gets the ISO form,
 * which every reader can read. */
typedef struct
{
  const char *lang;
  const char *format;       /* {DAY} {MONTH} {YEAR} {TIME} */
  const char *months[12];
} DateStyle;

static const DateStyle date_styles[] = {
  { "en", "{MONTH} {DAY}, {YEAR}, {TIME}",
    { "January", "February", "March", "April", "May", "June", "July",
      "August", "September", "October", "November", "December" } },
  /* Genitive, as a date is written: "30 апреля". */
  { "ru", "{DAY} {MONTH} {YEAR}, {TIME}",
    { "января", "февраля", "марта", "апреля", "мая", "июня", "июля",
      "августа", "сентября", "октября", "ноября", "декабря" } },
  { "ar", "{DAY} {MONTH} {YEAR}، {TIME}",
    { "يناير", "فبراير", "مارس", "أبريل", "مايو", "يونيو", "يوليو",
      "أغسطس", "سبتمبر", "أكتوبر", "نوفمبر", "ديسمبر" } },
  { "uk", "{DAY} {MONTH} {YEAR}, {TIME}",
    { "січня", "лютого", "березня", "квітня", "травня", "червня", "липня",
      "серпня", "вересня", "жовтня", "листопада", "грудня" } },
  { "de", "{DAY}. {MONTH} {YEAR}, {TIME}",
    { "Januar", "Februar", "März", "April", "Mai", "Juni", "Juli",
      "August", "September", "Oktober", "November", "Dezember" } },
  { "fr", "{DAY} {MONTH} {YEAR}, {TIME}",
    { "janvier", "février", "mars", "avril", "mai", "juin", "juillet",
      "août", "septembre", "octobre", "novembre", "décembre" } },
  { "es", "{DAY} de {MONTH} de {YEAR}, {TIME}",
    { "enero", "febrero", "marzo", "abril", "mayo", "junio", "julio",
      "agosto", "septiembre", "octubre", "noviembre", "diciembre" } },
  { "tr", "{DAY} {MONTH} {YEAR}, {TIME}",
    { "Ocak", "Şubat", "Mart", "Nisan", "Mayıs", "Haziran", "Temmuz",
      "Ağustos", "Eylül", "Ekim", "Kasım", "Aralık" } },
};

static const DateStyle *
find_date_style (const char *lang)
{
  gsize len;

  if (lang == NULL)
    return NULL;

  /* "en", "en-GB" and "en_GB" all write dates the English way. */
  len = strcspn (lang, "-_");
  for (guint i = 0; i < G_N_ELEMENTS (date_styles); i++)
    if (strlen (date_styles[i].lang) == len &&
        g_ascii_strncasecmp (lang, date_styles[i].lang, len) == 0)
      return &date_styles[i];

  return NULL;
}

/**
 * nd_render_date_time:
 * @date_time: a date and time, already in the zone to show
 * @lang: (nullable): the language to write it in
 *
 * Writes a date and time the way the published page does in @lang:
 * "April 30, 2025, 07:41" in English, "30 апреля 2025, 07:41" in Russian,
 * "30 أبريل 2025، 07:41" in Arabic; "2025-04-30 07:41" in a language this
 * file does not know.
 *
 * Returns: (transfer full): the text
 */
char *
nd_render_date_time (GDateTime  *date_time,
                     const char *lang)
{
  const DateStyle *style;
  g_autofree char *day = NULL;
  g_autofree char *year = NULL;
  g_autofree char *time = NULL;
  GString *out;

  g_return_val_if_fail (date_time != NULL, NULL);

  time = g_strdup_printf ("%02d:%02d", g_date_time_get_hour (date_time),
                          g_date_time_get_minute (date_time));
  style = find_date_style (lang);
  if (style == NULL)
    return g_strdup_printf ("%04d-%02d-%02d %s", g_date_time_get_year (date_time),
                            g_date_time_get_month (date_time),
                            g_date_time_get_day_of_month (date_time), time);

  day = g_strdup_printf ("%d", g_date_time_get_day_of_month (date_time));
  year = g_strdup_printf ("%d", g_date_time_get_year (date_time));

  out = g_string_new (NULL);
  for (const char *p = style->format; *p != '\0';)
    {
      if (g_str_has_prefix (p, "{DAY}"))
        {
          g_string_append (out, day);
          p += strlen ("{DAY}");
        }
      else if (g_str_has_prefix (p, "{MONTH}"))
        {
          g_string_append (out, style->months[g_date_time_get_month (date_time) - 1]);
          p += strlen ("{MONTH}");
        }
      else if (g_str_has_prefix (p, "{YEAR}"))
        {
          g_string_append (out, year);
          p += strlen ("{YEAR}");
        }
      else if (g_str_has_prefix (p, "{TIME}"))
        {
          g_string_append (out, time);
          p += strlen ("{TIME}");
        }
      else
        g_string_append_c (out, *p++);
    }

  return g_string_free (out, FALSE);
}

/**
 * nd_render_publish_time:
 * @publish_at: an edition's publish time, seconds since the epoch in UTC,
 *   or 0 when it has none
 * @zone: the publication's time zone (see nd_render_time_zone())
 * @lang: (nullable): the edition's language
 *
 * The publish time as the published page shows it: in the publication's
 * zone, whatever the editor's own, written in the edition's language.
 *
 * Returns: (transfer full) (nullable): the text, or %NULL when @publish_at
 *   is 0
 */
char *
nd_render_publish_time (gint64      publish_at,
                        GTimeZone  *zone,
                        const char *lang)
{
  g_autoptr(GDateTime) utc = NULL;
  g_autoptr(GDateTime) local = NULL;

  g_return_val_if_fail (zone != NULL, NULL);

  if (publish_at <= 0)
    return NULL;

  utc = g_date_time_new_from_unix_utc (publish_at);
  if (utc == NULL)
    return NULL;

  local = g_date_time_to_timezone (utc, zone);
  if (local == NULL)
    return NULL;

  return nd_render_date_time (local, lang);
}
