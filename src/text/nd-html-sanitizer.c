/* nd-html-sanitizer.c
 *
 * SPDX-License-Identifier: GPL-3.0-or-later
 */

#define G_LOG_DOMAIN "newsdesk-text"

#include "config.h"

#include <string.h>

#include <libxml/HTMLparser.h>
#include <libxml/parser.h>

#include "nd-html-sanitizer.h"

/* The sanitiser never copies source markup. It walks libxml2's tree of the
 * input and builds a second, clean tree from a small vocabulary, which is
 * then written out by our own serialiser (and read by the Markdown writer).
 * Whatever libxml2 makes of hostile markup, only elements and attributes
 * created here can reach the output, and all text is escaped on the way out.
 */

/* libxml2 itself stops at 256 levels; this is our own bound on recursion
 * over the source tree, so that a parser built with other limits cannot make
 * us recurse without end. Deeper content is kept as flat text.
 */
#define MAX_SOURCE_DEPTH 200

/* Nesting of the clean tree. Beyond it elements are unwrapped, which keeps
 * every later recursive walk (serialisers, Markdown writer) shallow.
 */
#define MAX_OUTPUT_DEPTH 40

/* How far contains_blocks() looks below an inline element. */
#define MAX_BLOCK_SCAN_DEPTH 6

typedef enum
{
  KIND_INLINE,       /* harmless inline wrapper or unknown element: unwrap */
  KIND_BLOCK,        /* harmless block wrapper: unwrap, imply paragraphs */
  KIND_DROP,         /* dropped together with everything inside */
  KIND_VOID,         /* has no content and means nothing to us */
  KIND_P,
  KIND_HEADING,
  KIND_BLOCKQUOTE,
  KIND_LIST,
  KIND_LI,
  KIND_HR,
  KIND_PRE,
  KIND_FIGURE,
  KIND_FIGCAPTION,
  KIND_BR,
  KIND_IMG,
  KIND_A,
  KIND_STRONG,
  KIND_EM,
  KIND_CODE,
} Kind;

typedef struct
{
  const char *name;
  Kind        kind;
  const char *out;   /* name in the clean tree, for kinds that keep one */
} ElementInfo;

typedef enum
{
  TRISTATE_UNSET,
  TRISTATE_ON,
  TRISTATE_OFF,
} Tristate;

typedef struct
{
  Tristate bold;
  Tristate italic;
  gboolean hidden;
  gboolean mso_ignore;
  int      mso_level;     /* level of a Word list paragraph, 0 if none */
} Style;

typedef enum
{
  FLOW_SKIP,
  FLOW_SPACE,
  FLOW_INLINE,
  FLOW_BR,
  FLOW_BLOCK,
  FLOW_LI,
  FLOW_LIST,
  FLOW_WORD_ITEM,
} Flow;

typedef struct
{
  xmlDoc     *doc;
  xmlNode    *root;
  xmlNode    *cur;
  /* dir and lang of unwrapped ancestors, not yet carried by any element of
   * the clean tree; the next element created takes them.
   */
  const char *inh_dir;
  const char *inh_lang;
  gboolean    in_pre;
  gboolean    in_code;
} Builder;

typedef struct
{
  xmlNode    *cur;
  const char *inh_dir;
  const char *inh_lang;
} Saved;

#define WORD_LIST_MAX_LEVELS 9

typedef struct
{
  int n;
  struct
  {
    int      level;
    xmlNode *list;
  } stack[WORD_LIST_MAX_LEVELS];
} WordList;

static void walk_node     (Builder *b,
                           xmlNode *node,
                           int      depth);
static void walk_children (Builder *b,
                           xmlNode *parent,
                           gboolean wrap,
                           int      depth);

/* Sorted by name for bsearch(); check_table_sorted() guards the order. */
static const ElementInfo elements[] = {
  { "a", KIND_A, "a" },
  { "abbr", KIND_INLINE, NULL },
  { "acronym", KIND_INLINE, NULL },
  { "address", KIND_BLOCK, NULL },
  { "applet", KIND_DROP, NULL },
  { "area", KIND_DROP, NULL },
  { "article", KIND_BLOCK, NULL },
  { "aside", KIND_BLOCK, NULL },
  { "audio", KIND_DROP, NULL },
  { "b", KIND_STRONG, "strong" },
  { "base", KIND_DROP, NULL },
  { "basefont", KIND_DROP, NULL },
  { "bdi", KIND_INLINE, NULL },
  { "bdo", KIND_INLINE, NULL },
  { "bgsound", KIND_DROP, NULL },
  { "big", KIND_INLINE, NULL },
  { "blink", KIND_INLINE, NULL },
  { "blockquote", KIND_BLOCKQUOTE, "blockquote" },
  { "body", KIND_BLOCK, NULL },
  { "br", KIND_BR, "br" },
  { "button", KIND_DROP, NULL },
  { "canvas", KIND_DROP, NULL },
  { "caption", KIND_BLOCK, NULL },
  { "center", KIND_BLOCK, NULL },
  { "cite", KIND_INLINE, NULL },
  { "code", KIND_CODE, "code" },
  { "col", KIND_DROP, NULL },
  { "colgroup", KIND_DROP, NULL },
  { "data", KIND_INLINE, NULL },
  { "datalist", KIND_DROP, NULL },
  { "dd", KIND_BLOCK, NULL },
  { "del", KIND_INLINE, NULL },
  { "details", KIND_BLOCK, NULL },
  { "dfn", KIND_INLINE, NULL },
  { "dialog", KIND_DROP, NULL },
  { "dir", KIND_LIST, "ul" },
  { "div", KIND_BLOCK, NULL },
  { "dl", KIND_BLOCK, NULL },
  { "dt", KIND_BLOCK, NULL },
  { "em", KIND_EM, "em" },
  { "embed", KIND_DROP, NULL },
  { "fieldset", KIND_DROP, NULL },
  { "figcaption", KIND_FIGCAPTION, "figcaption" },
  { "figure", KIND_FIGURE, "figure" },
  { "font", KIND_INLINE, NULL },
  { "footer", KIND_BLOCK, NULL },
  { "form", KIND_DROP, NULL },
  { "frame", KIND_DROP, NULL },
  { "frameset", KIND_DROP, NULL },
  { "h1", KIND_HEADING, "h2" },
  { "h2", KIND_HEADING, "h2" },
  { "h3", KIND_HEADING, "h3" },
  { "h4", KIND_HEADING, "h4" },
  { "h5", KIND_HEADING, "h4" },
  { "h6", KIND_HEADING, "h4" },
  { "head", KIND_DROP, NULL },
  { "header", KIND_BLOCK, NULL },
  { "hgroup", KIND_BLOCK, NULL },
  { "hr", KIND_HR, "hr" },
  { "html", KIND_BLOCK, NULL },
  { "i", KIND_EM, "em" },
  { "iframe", KIND_DROP, NULL },
  { "image", KIND_IMG, "img" },
  { "img", KIND_IMG, "img" },
  { "input", KIND_DROP, NULL },
  { "ins", KIND_INLINE, NULL },
  { "isindex", KIND_DROP, NULL },
  { "kbd", KIND_CODE, "code" },
  { "keygen", KIND_DROP, NULL },
  { "label", KIND_INLINE, NULL },
  { "legend", KIND_DROP, NULL },
  { "li", KIND_LI, "li" },
  { "link", KIND_DROP, NULL },
  { "listing", KIND_PRE, "pre" },
  { "main", KIND_BLOCK, NULL },
  { "map", KIND_DROP, NULL },
  { "mark", KIND_INLINE, NULL },
  { "marquee", KIND_INLINE, NULL },
  { "math", KIND_DROP, NULL },
  { "menu", KIND_LIST, "ul" },
  { "meta", KIND_DROP, NULL },
  { "meter", KIND_DROP, NULL },
  { "nav", KIND_BLOCK, NULL },
  { "nobr", KIND_INLINE, NULL },
  { "noembed", KIND_DROP, NULL },
  { "noframes", KIND_DROP, NULL },
  { "noscript", KIND_DROP, NULL },
  { "object", KIND_DROP, NULL },
  { "ol", KIND_LIST, "ol" },
  { "optgroup", KIND_DROP, NULL },
  { "option", KIND_DROP, NULL },
  { "output", KIND_DROP, NULL },
  { "p", KIND_P, "p" },
  { "param", KIND_DROP, NULL },
  { "picture", KIND_INLINE, NULL },
  { "plaintext", KIND_DROP, NULL },
  { "portal", KIND_DROP, NULL },
  { "pre", KIND_PRE, "pre" },
  { "progress", KIND_DROP, NULL },
  { "q", KIND_INLINE, NULL },
  { "rp", KIND_DROP, NULL },
  { "rt", KIND_INLINE, NULL },
  { "ruby", KIND_INLINE, NULL },
  { "s", KIND_INLINE, NULL },
  { "samp", KIND_CODE, "code" },
  { "script", KIND_DROP, NULL },
  { "search", KIND_BLOCK, NULL },
  { "section", KIND_BLOCK, NULL },
  { "select", KIND_DROP, NULL },
  { "slot", KIND_INLINE, NULL },
  { "small", KIND_INLINE, NULL },
  { "source", KIND_DROP, NULL },
  { "span", KIND_INLINE, NULL },
  { "strike", KIND_INLINE, NULL },
  { "strong", KIND_STRONG, "strong" },
  { "style", KIND_DROP, NULL },
  { "sub", KIND_INLINE, NULL },
  { "summary", KIND_BLOCK, NULL },
  { "sup", KIND_INLINE, NULL },
  { "svg", KIND_DROP, NULL },
  { "table", KIND_BLOCK, NULL },
  { "tbody", KIND_BLOCK, NULL },
  { "td", KIND_BLOCK, NULL },
  { "template", KIND_DROP, NULL },
  { "textarea", KIND_DROP, NULL },
  { "tfoot", KIND_BLOCK, NULL },
  { "th", KIND_BLOCK, NULL },
  { "thead", KIND_BLOCK, NULL },
  { "time", KIND_INLINE, NULL },
  { "title", KIND_DROP, NULL },
  { "tr", KIND_BLOCK, NULL },
  { "track", KIND_DROP, NULL },
  { "tt", KIND_CODE, "code" },
  { "u", KIND_INLINE, NULL },
  { "ul", KIND_LIST, "ul" },
  { "var", KIND_INLINE, NULL },
  { "video", KIND_DROP, NULL },
  { "wbr", KIND_VOID, NULL },
  { "xml", KIND_DROP, NULL },
  { "xmp", KIND_DROP, NULL },
};

G_DEFINE_QUARK (nd-html-sanitizer-error-quark, nd_html_sanitizer_error)

static gpointer
init_once (gpointer data)
{
  /* libxml2 wants its global state set up once, from one thread, before
   * parsers run concurrently on others.
   */
  xmlInitParser ();

  for (gsize i = 1; i < G_N_ELEMENTS (elements); i++)
    g_assert (strcmp (elements[i - 1].name, elements[i].name) < 0);

  return NULL;
}

static void
ensure_initialized (void)
{
  static GOnce once = G_ONCE_INIT;

  g_once (&once, init_once, NULL);
}

static int
compare_element (const void *key,
                 const void *member)
{
  const ElementInfo *info = member;

  return g_ascii_strcasecmp (key, info->name);
}

static const ElementInfo *
lookup_element (xmlNode *node)
{
  g_assert (node->type == XML_ELEMENT_NODE);

  if (node->name == NULL)
    return NULL;

  return bsearch (node->name, elements, G_N_ELEMENTS (elements),
                  sizeof elements[0], compare_element);
}

static Kind
element_kind (xmlNode *node)
{
  const ElementInfo *info = lookup_element (node);

  /* Anything we do not know is unwrapped: its text survives, its markup
   * does not.
   */
  return info != NULL ? info->kind : KIND_INLINE;
}

static gboolean
kind_is_block (Kind kind)
{
  switch (kind)
    {
    case KIND_BLOCK:
    case KIND_P:
    case KIND_HEADING:
    case KIND_BLOCKQUOTE:
    case KIND_LIST:
    case KIND_LI:
    case KIND_HR:
    case KIND_PRE:
    case KIND_FIGURE:
    case KIND_FIGCAPTION:
      return TRUE;
    case KIND_INLINE:
    case KIND_DROP:
    case KIND_VOID:
    case KIND_BR:
    case KIND_IMG:
    case KIND_A:
    case KIND_STRONG:
    case KIND_EM:
    case KIND_CODE:
    default:
      return FALSE;
    }
}

/* The value of an attribute as libxml2 stored it (entities decoded), or
 * NULL. The HTML parser keeps a value as a single text child.
 */
static const char *
get_attr (xmlNode    *node,
          const char *name)
{
  for (xmlAttr *attr = node->properties; attr != NULL; attr = attr->next)
    {
      if (attr->name != NULL && g_ascii_strcasecmp ((const char *) attr->name, name) == 0)
        {
          if (attr->children != NULL && attr->children->content != NULL)
            return (const char *) attr->children->content;
          return "";
        }
    }

  return NULL;
}

static gboolean
is_ascii_space (char c)
{
  return c == ' ' || c == '\t' || c == '\n' || c == '\r' || c == '\f';
}

static gboolean
is_blank (const char *text)
{
  for (const char *p = text; p != NULL && *p != '\0'; p++)
    if (!is_ascii_space (*p))
      return FALSE;

  return TRUE;
}

static const char *
clean_dir (const char *value)
{
  g_autofree char *v = NULL;

  if (value == NULL)
    return NULL;

  v = g_strstrip (g_ascii_strdown (value, -1));
  if (g_str_equal (v, "rtl"))
    return "rtl";
  if (g_str_equal (v, "ltr"))
    return "ltr";
  if (g_str_equal (v, "auto"))
    return "auto";

  return NULL;
}

/* BCP 47 shaped, as far as matters here: letters, digits and hyphens, a
 * letter first. Anything else is not a language and is dropped.
 */
static const char *
clean_lang (const char *value)
{
  gsize len;

  if (value == NULL || !g_ascii_isalpha (value[0]))
    return NULL;

  len = strlen (value);
  if (len > 35)
    return NULL;

  for (gsize i = 0; i < len; i++)
    if (!g_ascii_isalnum (value[i]) && value[i] != '-')
      return NULL;

  return value;
}

static void
parse_style (const char *css,
             Style      *style)
{
  g_auto (GStrv) decls = NULL;

  memset (style, 0, sizeof *style);

  if (css == NULL || *css == '\0')
    return;

  decls = g_strsplit (css, ";", -1);
  for (guint i = 0; decls[i] != NULL; i++)
    {
      char *colon = strchr (decls[i], ':');
      g_autofree char *prop = NULL;
      g_autofree char *value = NULL;
      char *bang;

      if (colon == NULL)
        continue;

      prop = g_ascii_strdown (decls[i], colon - decls[i]);
      g_strstrip (prop);
      value = g_ascii_strdown (colon + 1, -1);
      if ((bang = strchr (value, '!')) != NULL)
        *bang = '\0';
      g_strstrip (value);

      if (g_str_equal (prop, "font-weight"))
        {
          if (g_str_equal (value, "bold") || g_str_equal (value, "bolder"))
            style->bold = TRISTATE_ON;
          else if (g_str_equal (value, "normal") || g_str_equal (value, "lighter"))
            style->bold = TRISTATE_OFF;
          else if (g_ascii_isdigit (value[0]))
            style->bold = atoi (value) >= 600 ? TRISTATE_ON : TRISTATE_OFF;
        }
      else if (g_str_equal (prop, "font-style"))
        {
          if (g_str_has_prefix (value, "italic") || g_str_has_prefix (value, "oblique"))
            style->italic = TRISTATE_ON;
          else if (g_str_equal (value, "normal"))
            style->italic = TRISTATE_OFF;
        }
      else if (g_str_equal (prop, "display"))
        {
          if (g_str_equal (value, "none"))
            style->hidden = TRUE;
        }
      else if (g_str_equal (prop, "visibility"))
        {
          if (g_str_equal (value, "hidden") || g_str_equal (value, "collapse"))
            style->hidden = TRUE;
        }
      else if (g_str_equal (prop, "mso-hide"))
        {
          if (g_str_equal (value, "all"))
            style->hidden = TRUE;
        }
      else if (g_str_equal (prop, "mso-list"))
        {
          /* Word marks its list paragraphs "l0 level2 lfo1" and the bullet
           * or number it drew by hand "Ignore".
           */
          const char *level = strstr (value, "level");

          if (g_str_has_prefix (value, "ignore"))
            style->mso_ignore = TRUE;
          else if (level != NULL && g_ascii_isdigit (level[5]))
            style->mso_level = CLAMP (atoi (level + 5), 1, WORD_LIST_MAX_LEVELS);
        }
    }
}

static gboolean
element_is_hidden (xmlNode     *node,
                   const Style *style)
{
  return style->hidden || style->mso_ignore || get_attr (node, "hidden") != NULL;
}

static gboolean
is_empty_paragraph (xmlNode *node)
{
  for (xmlNode *child = node->children; child != NULL; child = child->next)
    {
      if (child->type == XML_ELEMENT_NODE)
        return FALSE;
      if (child->type != XML_TEXT_NODE || child->content == NULL)
        continue;

      for (const char *p = (const char *) child->content; *p != '\0'; p = g_utf8_next_char (p))
        if (!g_unichar_isspace (g_utf8_get_char (p)))
          return FALSE;
    }

  return TRUE;
}

/* Whether an inline element holds block content within a few levels, in
 * which case it is treated as an unwrapped block wrapper rather than an
 * inline element that would have to swallow paragraphs.
 */
static gboolean
contains_blocks (xmlNode *node,
                 int      depth)
{
  for (xmlNode *child = node->children; child != NULL; child = child->next)
    {
      Kind kind;

      if (child->type != XML_ELEMENT_NODE)
        continue;

      kind = element_kind (child);
      if (kind == KIND_DROP || kind == KIND_VOID)
        continue;
      /* libxml2 reads Word's <o:p>&nbsp;</o:p>, which it puts in every
       * span, as <p>. An empty paragraph does not make a block.
       */
      if (kind == KIND_P && is_empty_paragraph (child))
        continue;
      if (kind_is_block (kind))
        return TRUE;
      if (depth < MAX_BLOCK_SCAN_DEPTH && contains_blocks (child, depth + 1))
        return TRUE;
    }

  return FALSE;
}

static const char * const inline_context_names[] = {
  "p", "h2", "h3", "h4", "figcaption", "pre", "code", "strong", "em", "a", "span",
};

static gboolean
name_is (xmlNode    *node,
         const char *name)
{
  return node != NULL && node->type == XML_ELEMENT_NODE &&
         g_str_equal ((const char *) node->name, name);
}

static gboolean
ctx_is_inline (xmlNode *cur)
{
  for (guint i = 0; i < G_N_ELEMENTS (inline_context_names); i++)
    if (name_is (cur, inline_context_names[i]))
      return TRUE;

  return FALSE;
}

static gboolean
ctx_is_list (xmlNode *cur)
{
  return name_is (cur, "ul") || name_is (cur, "ol");
}

static gboolean
is_block_name (const char *name)
{
  static const char * const names[] = {
    "p", "h2", "h3", "h4", "ul", "ol", "li", "blockquote", "pre", "hr",
    "figure", "figcaption",
  };

  for (guint i = 0; i < G_N_ELEMENTS (names); i++)
    if (g_str_equal (name, names[i]))
      return TRUE;

  return FALSE;
}

static gboolean
is_block_container (xmlNode *node)
{
  return name_is (node, "nd-root") || name_is (node, "ul") || name_is (node, "ol") ||
         name_is (node, "li") || name_is (node, "blockquote") || name_is (node, "figure");
}

static gboolean
has_ancestor (Builder    *b,
              const char *name)
{
  for (xmlNode *n = b->cur; n != NULL && n != b->root; n = n->parent)
    if (name_is (n, name))
      return TRUE;

  return FALSE;
}

static int
output_depth (Builder *b)
{
  int depth = 0;

  for (xmlNode *n = b->cur; n != NULL && n != b->root; n = n->parent)
    depth++;

  return depth;
}

static xmlNode *
last_element_child (xmlNode    *parent,
                    const char *name)
{
  for (xmlNode *n = parent->last; n != NULL; n = n->prev)
    if (n->type == XML_ELEMENT_NODE)
      return name_is (n, name) ? n : NULL;

  return NULL;
}

static void
enter (Builder *b,
       xmlNode *node,
       Saved   *saved)
{
  saved->cur = b->cur;
  saved->inh_dir = b->inh_dir;
  saved->inh_lang = b->inh_lang;

  /* The element now carries what was pending; its descendants inherit it
   * the ordinary way.
   */
  b->cur = node;
  b->inh_dir = NULL;
  b->inh_lang = NULL;
}

static void
leave (Builder *b,
       Saved   *saved)
{
  b->cur = saved->cur;
  b->inh_dir = saved->inh_dir;
  b->inh_lang = saved->inh_lang;
}

/* Creates an element of the clean tree under the insertion point, or returns
 * NULL when the nesting cap is reached (the caller then unwraps).
 */
static xmlNode *
append_element (Builder    *b,
                const char *name,
                const char *dir,
                const char *lang)
{
  xmlNode *node;

  if (dir == NULL)
    dir = b->inh_dir;
  if (lang == NULL)
    lang = b->inh_lang;

  /* Adjacent runs of the same formatting, as Google Docs produces for every
   * change of font, are one run; in Markdown "**a****b**" would not even
   * parse as two.
   */
  if (dir == NULL && lang == NULL &&
      (g_str_equal (name, "strong") || g_str_equal (name, "em") || g_str_equal (name, "code")))
    {
      xmlNode *last = b->cur->last;

      if (name_is (last, name) && last->properties == NULL)
        return last;
    }

  if (output_depth (b) >= MAX_OUTPUT_DEPTH)
    return NULL;

  node = xmlNewDocNode (b->doc, NULL, (const xmlChar *) name, NULL);
  if (dir != NULL)
    xmlSetProp (node, (const xmlChar *) "dir", (const xmlChar *) dir);
  if (lang != NULL)
    xmlSetProp (node, (const xmlChar *) "lang", (const xmlChar *) lang);
  xmlAddChild (b->cur, node);

  return node;
}

/* Removes what must never appear in text: C0 controls other than tab and
 * line breaks, DEL, and the "<![if !supportLists]>" / "<![endif]>" markers
 * of Word's downlevel-revealed conditionals, which libxml2 leaves as text.
 */
static char *
clean_text (const char *text)
{
  GString *s = g_string_sized_new (strlen (text));

  for (const char *p = text; *p != '\0'; p++)
    {
      guchar c = (guchar) *p;

      if (c == '<' && p[1] == '!' && p[2] == '[')
        {
          const char *end = strstr (p, "]>");

          if (end != NULL &&
              (g_ascii_strncasecmp (p + 3, "if", 2) == 0 ||
               g_ascii_strncasecmp (p + 3, "endif", 5) == 0))
            {
              p = end + 1;
              continue;
            }
        }

      if ((c < 0x20 && c != '\t' && c != '\n' && c != '\r') || c == 0x7f)
        continue;

      g_string_append_c (s, *p);
    }

  return g_string_free (s, FALSE);
}

static void
append_text (Builder    *b,
             const char *text)
{
  g_autofree char *clean = NULL;
  xmlNode *last;

  if (text == NULL || *text == '\0')
    return;

  clean = clean_text (text);
  if (*clean == '\0')
    return;

  last = b->cur->last;
  if (last != NULL && last->type == XML_TEXT_NODE)
    xmlNodeAddContent (last, (const xmlChar *) clean);
  else
    xmlAddChild (b->cur, xmlNewDocText (b->doc, (const xmlChar *) clean));
}

/* Text of a subtree that is too deep to walk recursively, gathered without
 * recursion and without the content of dropped elements.
 */
static void
append_flat_text (Builder *b,
                  xmlNode *top)
{
  GString *text = g_string_new (NULL);
  xmlNode *node = top;

  while (node != NULL)
    {
      gboolean descend = FALSE;

      if (node->type == XML_TEXT_NODE && node->content != NULL)
        g_string_append (text, (const char *) node->content);
      else if (node->type == XML_ELEMENT_NODE)
        {
          Kind kind = element_kind (node);

          descend = kind != KIND_DROP && kind != KIND_VOID;
          if (kind_is_block (kind) || kind == KIND_BR)
            g_string_append_c (text, ' ');
        }

      if (descend && node->children != NULL)
        {
          node = node->children;
          continue;
        }

      while (node != NULL && node != top && node->next == NULL)
        node = node->parent;
      if (node == NULL || node == top)
        break;
      node = node->next;
    }

  append_text (b, text->str);
  g_string_free (text, TRUE);
}

/**
 * nd_html_sanitize_url:
 * @url: a URL from an attribute, entities already decoded
 *
 * Checks a link target. Control characters are removed anywhere and spaces
 * at the ends; what remains is accepted if its scheme is exactly http,
 * https or mailto (in any case) or if it is relative. Anything mentioning
 * `javascript:` or `vbscript:`, any other scheme (`data:`, `file:`…) and
 * relative URLs with an ampersand before the first slash (an entity libxml2
 * left undecoded) are refused.
 *
 * Returns: (transfer full) (nullable): the cleaned URL, or %NULL if it must
 *   not be used
 */
char *
nd_html_sanitize_url (const char *url)
{
  g_autoptr (GString) clean = NULL;
  g_autofree char *lower = NULL;
  gsize segment;
  const char *colon;

  g_return_val_if_fail (url != NULL, NULL);

  /* Browsers drop tab and newlines anywhere in a URL and trim controls and
   * spaces at its ends; dropping every control anywhere is stricter still
   * and defeats "java\tscript:" and "\x01javascript:".
   */
  clean = g_string_new (NULL);
  for (const char *p = url; *p != '\0'; p++)
    if ((guchar) *p >= 0x20 && (guchar) *p != 0x7f)
      g_string_append_c (clean, *p);
  g_strstrip (clean->str);
  g_string_set_size (clean, strlen (clean->str));

  if (clean->len == 0)
    return NULL;

  lower = g_ascii_strdown (clean->str, -1);

  /* Never mind where it sits: no legitimate article link carries these. */
  if (strstr (lower, "javascript:") != NULL ||
      strstr (lower, "vbscript:") != NULL ||
      strstr (lower, "livescript:") != NULL)
    return NULL;

  segment = strcspn (lower, "/?#");
  colon = memchr (lower, ':', segment);

  if (colon != NULL)
    {
      gsize scheme_len = colon - lower;

      /* An exact scheme: "java script:" or "jav\u200bascript:" is not one of
       * ours even if a browser would not run it either.
       */
      if ((scheme_len == 4 && strncmp (lower, "http", 4) == 0) ||
          (scheme_len == 5 && strncmp (lower, "https", 5) == 0) ||
          (scheme_len == 6 && strncmp (lower, "mailto", 6) == 0))
        return g_strdup (clean->str);

      return NULL;
    }

  /* A relative URL. An ampersand before the first slash is an entity that
   * libxml2 did not know ("javascript&colon;…") and a browser might; such
   * URLs are refused rather than guessed at.
   */
  if (memchr (lower, '&', segment) != NULL)
    return NULL;

  return g_strdup (clean->str);
}

static gboolean
url_is_mailto (const char *url)
{
  return g_ascii_strncasecmp (url, "mailto:", 7) == 0;
}

static Flow
classify (xmlNode *node,
          int     *word_level)
{
  Style style;
  Kind kind;

  *word_level = 0;

  if (node->type == XML_TEXT_NODE)
    return is_blank ((const char *) node->content) ? FLOW_SPACE : FLOW_INLINE;
  if (node->type != XML_ELEMENT_NODE)
    return FLOW_SKIP;

  kind = element_kind (node);
  if (kind == KIND_DROP || kind == KIND_VOID)
    return FLOW_SKIP;

  parse_style (get_attr (node, "style"), &style);
  if (element_is_hidden (node, &style))
    return FLOW_SKIP;

  switch (kind)
    {
    case KIND_BR:
      return FLOW_BR;
    case KIND_LI:
      return FLOW_LI;
    case KIND_LIST:
      return FLOW_LIST;
    case KIND_P:
      if (is_empty_paragraph (node))
        return FLOW_SKIP;
      if (style.mso_level > 0)
        {
          *word_level = style.mso_level;
          return FLOW_WORD_ITEM;
        }
      return FLOW_BLOCK;
    case KIND_BLOCK:
    case KIND_HEADING:
    case KIND_BLOCKQUOTE:
    case KIND_HR:
    case KIND_PRE:
    case KIND_FIGURE:
    case KIND_FIGCAPTION:
      return FLOW_BLOCK;
    case KIND_INLINE:
    case KIND_IMG:
    case KIND_A:
    case KIND_STRONG:
    case KIND_EM:
    case KIND_CODE:
      return contains_blocks (node, 0) ? FLOW_BLOCK : FLOW_INLINE;
    case KIND_DROP:
    case KIND_VOID:
    default:
      return FLOW_SKIP;
    }
}

/* The bullet or number Word drew by hand, in the span it marks
 * "mso-list:Ignore", tells an ordered list from a bulleted one.
 */
static xmlNode *
find_word_marker (xmlNode *node,
                  int      depth)
{
  for (xmlNode *child = node->children; child != NULL; child = child->next)
    {
      Style style;
      xmlNode *found;

      if (child->type != XML_ELEMENT_NODE)
        continue;

      parse_style (get_attr (child, "style"), &style);
      if (style.mso_ignore)
        return child;
      if (depth < 4 && (found = find_word_marker (child, depth + 1)) != NULL)
        return found;
    }

  return NULL;
}

static int
word_marker_number (xmlNode *para)
{
  xmlNode *marker = find_word_marker (para, 0);
  g_autofree char *text = NULL;
  g_autofree char *clean = NULL;
  gsize len;

  if (marker == NULL)
    return -1;

  text = (char *) xmlNodeGetContent (marker);
  if (text == NULL)
    return -1;

  /* Keep the marker proper: "1.", "a)", "iv."; the padding after it is
   * no-break spaces.
   */
  clean = g_strdup (text);
  len = strcspn (clean, " \t\n\r\xc2");
  clean[len] = '\0';

  if (len < 2 || (clean[len - 1] != '.' && clean[len - 1] != ')'))
    return -1;
  for (gsize i = 0; i < len - 1; i++)
    if (!g_ascii_isalnum (clean[i]))
      return -1;

  if (!g_ascii_isdigit (clean[0]))
    return 1;

  return (int) CLAMP (g_ascii_strtoll (clean, NULL, 10), 0, 999999);
}

static void
word_list_add (Builder  *b,
               WordList *wl,
               xmlNode  *para,
               int       level,
               int       depth)
{
  Saved saved;
  xmlNode *li;

  while (wl->n > 0 && wl->stack[wl->n - 1].level > level)
    wl->n--;

  if (wl->n == 0 || wl->stack[wl->n - 1].level < level)
    {
      int number = word_marker_number (para);
      xmlNode *parent = b->cur;
      xmlNode *list;

      if (wl->n > 0)
        {
          xmlNode *top = wl->stack[wl->n - 1].list;

          parent = last_element_child (top, "li");
          if (parent == NULL)
            {
              enter (b, top, &saved);
              parent = append_element (b, "li", NULL, NULL);
              leave (b, &saved);
            }
        }

      list = NULL;
      if (parent != NULL && wl->n < WORD_LIST_MAX_LEVELS)
        {
          enter (b, parent, &saved);
          list = append_element (b, number >= 0 ? "ol" : "ul", NULL, NULL);
          leave (b, &saved);
        }

      if (list == NULL)
        {
          walk_node (b, para, depth);
          return;
        }

      if (number >= 0 && number != 1)
        {
          char start[16];

          g_snprintf (start, sizeof start, "%d", number);
          xmlSetProp (list, (const xmlChar *) "start", (const xmlChar *) start);
        }

      wl->stack[wl->n].level = level;
      wl->stack[wl->n].list = list;
      wl->n++;
    }

  enter (b, wl->stack[wl->n - 1].list, &saved);
  li = append_element (b, "li", clean_dir (get_attr (para, "dir")),
                       clean_lang (get_attr (para, "lang")));
  if (li != NULL)
    {
      Saved inner;

      enter (b, li, &inner);
      walk_children (b, para, FALSE, depth + 1);
      leave (b, &inner);
    }
  leave (b, &saved);
}

static void
walk_children (Builder *b,
               xmlNode *parent,
               gboolean wrap,
               int      depth)
{
  xmlNode *container = b->cur;
  xmlNode *implied = NULL;
  WordList word_list = { 0 };

  for (xmlNode *child = parent->children; child != NULL; child = child->next)
    {
      Saved saved;
      Flow flow;
      int level;

      if (b->in_pre || b->in_code || ctx_is_inline (container))
        {
          walk_node (b, child, depth);
          continue;
        }

      flow = classify (child, &level);
      if (flow == FLOW_SKIP)
        continue;

      if (ctx_is_list (container))
        {
          xmlNode *target = NULL;

          /* A list holds items only. Google Docs nests a list directly in
           * its parent list, after the item it belongs to; anything else
           * stray goes into an item of its own.
           */
          if (flow == FLOW_SPACE || flow == FLOW_BR)
            continue;
          if (flow == FLOW_LI)
            {
              implied = NULL;
              walk_node (b, child, depth);
              continue;
            }
          if (flow == FLOW_LIST)
            target = last_element_child (container, "li");
          if (target == NULL)
            {
              if (implied == NULL)
                implied = append_element (b, "li", NULL, NULL);
              target = implied;
            }
          if (target == NULL)
            continue;

          enter (b, target, &saved);
          walk_node (b, child, depth);
          leave (b, &saved);
          continue;
        }

      if (flow == FLOW_WORD_ITEM)
        {
          implied = NULL;
          word_list_add (b, &word_list, child, level, depth);
          continue;
        }
      if (flow != FLOW_SPACE)
        word_list.n = 0;

      if (wrap)
        {
          /* Inline content of an unwrapped block wrapper becomes a
           * paragraph, so that "<div>a</div><div>b</div>" stays two.
           */
          if (flow == FLOW_INLINE ||
              (implied != NULL && (flow == FLOW_SPACE || flow == FLOW_BR)))
            {
              if (implied == NULL)
                implied = append_element (b, "p", NULL, NULL);
              if (implied != NULL)
                {
                  enter (b, implied, &saved);
                  walk_node (b, child, depth);
                  leave (b, &saved);

                  /* Nothing came of it: an empty <b> that libxml2 closed
                   * before the paragraph it wrapped.
                   */
                  if (implied->children == NULL)
                    {
                      xmlUnlinkNode (implied);
                      xmlFreeNode (implied);
                      implied = NULL;
                    }
                }
              else
                walk_node (b, child, depth);
              continue;
            }
          if (flow == FLOW_SPACE || flow == FLOW_BR)
            continue;
          implied = NULL;
        }

      walk_node (b, child, depth);
    }

  b->cur = container;
}

/* An element that contributes nothing of its own: its children are walked
 * in place. In block context its paragraphs are implied, and its dir and
 * lang pass to the first elements made for its content; in inline context
 * a span keeps them.
 */
static void
unwrap (Builder    *b,
        xmlNode    *node,
        const char *dir,
        const char *lang,
        int         depth)
{
  Saved saved;

  if (ctx_is_inline (b->cur))
    {
      xmlNode *span = NULL;

      if (dir != NULL || lang != NULL)
        span = append_element (b, "span", dir, lang);

      if (span != NULL)
        {
          enter (b, span, &saved);
          walk_children (b, node, FALSE, depth + 1);
          leave (b, &saved);
        }
      else
        walk_children (b, node, FALSE, depth + 1);
      return;
    }

  saved.cur = b->cur;
  saved.inh_dir = b->inh_dir;
  saved.inh_lang = b->inh_lang;
  if (dir != NULL)
    b->inh_dir = dir;
  if (lang != NULL)
    b->inh_lang = lang;

  walk_children (b, node, TRUE, depth + 1);

  leave (b, &saved);
}

static void
walk_img (Builder    *b,
          xmlNode    *node,
          const char *dir,
          const char *lang)
{
  g_autofree char *src = NULL;
  g_autofree char *alt = NULL;
  const char *src_attr = get_attr (node, "src");
  const char *alt_attr = get_attr (node, "alt");
  xmlNode *img = NULL;

  if (alt_attr != NULL)
    alt = clean_text (alt_attr);
  if (src_attr != NULL)
    src = nd_html_sanitize_url (src_attr);

  if (src != NULL && !url_is_mailto (src))
    img = append_element (b, "img", dir, lang);

  if (img != NULL)
    {
      xmlSetProp (img, (const xmlChar *) "src", (const xmlChar *) src);
      xmlSetProp (img, (const xmlChar *) "alt", (const xmlChar *) (alt != NULL ? alt : ""));
    }
  else if (alt != NULL)
    append_text (b, alt);
}

static gboolean
is_google_docs_wrapper (xmlNode *node)
{
  const char *id = get_attr (node, "id");

  return id != NULL && g_str_has_prefix (id, "docs-internal-guid-");
}

/* strong, em, a, code and the harmless inline wrappers, possibly styled
 * bold or italic the way Google Docs and LibreOffice do it.
 */
static void
walk_inline (Builder     *b,
             xmlNode     *node,
             Kind         kind,
             const Style *style,
             const char  *dir,
             const char  *lang,
             int          depth)
{
  g_autofree char *href = NULL;
  gboolean want_strong;
  gboolean want_em;
  gboolean was_in_code = b->in_code;
  xmlNode *saved_cur = b->cur;
  const char *saved_dir = b->inh_dir;
  const char *saved_lang = b->inh_lang;
  gboolean created = FALSE;

  /* Google Docs wraps a whole copied fragment in <b style="font-weight:
   * normal" id="docs-internal-guid-…">, which is not bold.
   */
  want_strong = ((kind == KIND_STRONG && style->bold != TRISTATE_OFF &&
                  !is_google_docs_wrapper (node)) ||
                 style->bold == TRISTATE_ON) &&
                !has_ancestor (b, "strong");
  want_em = ((kind == KIND_EM && style->italic != TRISTATE_OFF) ||
             style->italic == TRISTATE_ON) &&
            !has_ancestor (b, "em");

  if (kind == KIND_A && !has_ancestor (b, "a"))
    {
      const char *href_attr = get_attr (node, "href");

      if (href_attr != NULL)
        href = nd_html_sanitize_url (href_attr);
    }

  if (href != NULL)
    {
      xmlNode *a = append_element (b, "a", dir, lang);

      if (a != NULL)
        {
          const char *title = get_attr (node, "title");

          xmlSetProp (a, (const xmlChar *) "href", (const xmlChar *) href);
          if (title != NULL && !is_blank (title))
            {
              g_autofree char *clean = clean_text (title);

              xmlSetProp (a, (const xmlChar *) "title", (const xmlChar *) clean);
            }
          b->cur = a;
          created = TRUE;
        }
    }

  if (want_strong)
    {
      xmlNode *strong = append_element (b, "strong", created ? NULL : dir, created ? NULL : lang);

      if (strong != NULL)
        {
          b->cur = strong;
          created = TRUE;
        }
    }

  if (want_em)
    {
      xmlNode *em = append_element (b, "em", created ? NULL : dir, created ? NULL : lang);

      if (em != NULL)
        {
          b->cur = em;
          created = TRUE;
        }
    }

  if (kind == KIND_CODE)
    {
      xmlNode *code = append_element (b, "code", created ? NULL : dir, created ? NULL : lang);

      if (code != NULL)
        {
          b->cur = code;
          b->in_code = TRUE;
          created = TRUE;
        }
    }

  if (!created && (dir != NULL || lang != NULL || b->inh_dir != NULL || b->inh_lang != NULL))
    {
      xmlNode *span = append_element (b, "span", dir, lang);

      if (span != NULL)
        b->cur = span;
    }

  if (b->cur != saved_cur)
    {
      b->inh_dir = NULL;
      b->inh_lang = NULL;
    }

  walk_children (b, node, FALSE, depth + 1);

  /* Formatting around nothing (Word's span around its dropped bullet, an
   * empty link) is left out.
   */
  for (xmlNode *n = b->cur; n != saved_cur && n->children == NULL;)
    {
      xmlNode *parent = n->parent;

      xmlUnlinkNode (n);
      xmlFreeNode (n);
      n = parent;
    }

  b->cur = saved_cur;
  b->inh_dir = saved_dir;
  b->inh_lang = saved_lang;
  b->in_code = was_in_code;
}

/* Bold or italic set by style on a paragraph or heading applies to its
 * content.
 */
static void
open_style (Builder     *b,
            const Style *style)
{
  xmlNode *node;

  if (style->bold == TRISTATE_ON && (node = append_element (b, "strong", NULL, NULL)) != NULL)
    b->cur = node;
  if (style->italic == TRISTATE_ON && (node = append_element (b, "em", NULL, NULL)) != NULL)
    b->cur = node;
}

static void
walk_element (Builder *b,
              xmlNode *node,
              int      depth)
{
  const ElementInfo *info = lookup_element (node);
  Kind kind = info != NULL ? info->kind : KIND_INLINE;
  gboolean inline_ctx;
  const char *dir;
  const char *lang;
  xmlNode *created = NULL;
  Saved saved;
  Style style;

  if (kind == KIND_DROP || kind == KIND_VOID)
    return;

  parse_style (get_attr (node, "style"), &style);
  if (element_is_hidden (node, &style))
    return;

  if (b->in_pre || b->in_code)
    {
      /* Code keeps its text and nothing else. */
      if (kind == KIND_BR)
        append_text (b, b->in_pre ? "\n" : " ");
      else if (kind != KIND_IMG)
        {
          walk_children (b, node, FALSE, depth + 1);
          if (b->in_pre && kind_is_block (kind) && b->cur->last != NULL &&
              b->cur->last->type == XML_TEXT_NODE &&
              !g_str_has_suffix ((const char *) b->cur->last->content, "\n"))
            append_text (b, "\n");
        }
      return;
    }

  dir = clean_dir (get_attr (node, "dir"));
  lang = clean_lang (get_attr (node, "lang"));
  inline_ctx = ctx_is_inline (b->cur);

  switch (kind)
    {
    case KIND_P:
    case KIND_HEADING:
    case KIND_FIGCAPTION:
      /* Empty paragraphs are spacing (Word's <o:p>, &nbsp; lines), which
       * is the stylesheet's business.
       */
      if (!inline_ctx && kind == KIND_P && is_empty_paragraph (node))
        break;
      if (!inline_ctx && (created = append_element (b, info->out, dir, lang)) != NULL)
        {
          enter (b, created, &saved);
          open_style (b, &style);
          walk_children (b, node, FALSE, depth + 1);
          leave (b, &saved);
        }
      else
        unwrap (b, node, dir, lang, depth);
      break;

    case KIND_BLOCKQUOTE:
    case KIND_FIGURE:
      if (!inline_ctx && (created = append_element (b, info->out, dir, lang)) != NULL)
        {
          enter (b, created, &saved);
          walk_children (b, node, TRUE, depth + 1);
          leave (b, &saved);
        }
      else
        unwrap (b, node, dir, lang, depth);
      break;

    case KIND_LIST:
      if (!inline_ctx && (created = append_element (b, info->out, dir, lang)) != NULL)
        {
          const char *start = get_attr (node, "start");

          if (start != NULL && g_str_equal (info->out, "ol"))
            {
              char *end = NULL;
              gint64 n = g_ascii_strtoll (start, &end, 10);
              char value[16];

              /* CommonMark allows at most nine digits. */
              if (end != start && *end == '\0' && n != 1 && n >= 0 && n <= 999999999)
                {
                  g_snprintf (value, sizeof value, "%" G_GINT64_FORMAT, n);
                  xmlSetProp (created, (const xmlChar *) "start", (const xmlChar *) value);
                }
            }

          enter (b, created, &saved);
          walk_children (b, node, FALSE, depth + 1);
          leave (b, &saved);
        }
      else
        unwrap (b, node, dir, lang, depth);
      break;

    case KIND_LI:
      if (ctx_is_list (b->cur) && (created = append_element (b, "li", dir, lang)) != NULL)
        {
          enter (b, created, &saved);
          walk_children (b, node, FALSE, depth + 1);
          leave (b, &saved);
        }
      else
        unwrap (b, node, dir, lang, depth);
      break;

    case KIND_HR:
      if (!inline_ctx)
        append_element (b, "hr", dir, lang);
      break;

    case KIND_PRE:
      if (inline_ctx)
        {
          walk_inline (b, node, KIND_CODE, &style, dir, lang, depth);
          break;
        }
      if ((created = append_element (b, "pre", dir, lang)) != NULL)
        {
          xmlNode *code;

          enter (b, created, &saved);
          if ((code = append_element (b, "code", NULL, NULL)) != NULL)
            b->cur = code;
          b->in_pre = TRUE;
          walk_children (b, node, FALSE, depth + 1);
          b->in_pre = FALSE;
          leave (b, &saved);
        }
      else
        unwrap (b, node, dir, lang, depth);
      break;

    case KIND_BR:
      if (!ctx_is_list (b->cur))
        append_element (b, "br", NULL, NULL);
      break;

    case KIND_IMG:
      walk_img (b, node, dir, lang);
      /* <image> is not void to libxml2 and may have swallowed what follows. */
      walk_children (b, node, FALSE, depth + 1);
      break;

    case KIND_BLOCK:
      /* This includes the document element and the body: inline content
       * at the top is put in paragraphs too, as a browser parsing the
       * output again would do, so that sanitising is stable.
       */
      unwrap (b, node, dir, lang, depth);
      break;

    case KIND_A:
    case KIND_STRONG:
    case KIND_EM:
    case KIND_CODE:
    case KIND_INLINE:
      if (!inline_ctx && contains_blocks (node, 0))
        unwrap (b, node, dir, lang, depth);
      else
        walk_inline (b, node, kind, &style, dir, lang, depth);
      break;

    case KIND_DROP:
    case KIND_VOID:
    default:
      break;
    }
}

static void
walk_node (Builder *b,
           xmlNode *node,
           int      depth)
{
  if (depth > MAX_SOURCE_DEPTH)
    {
      append_flat_text (b, node);
      return;
    }

  switch (node->type)
    {
    case XML_TEXT_NODE:
      append_text (b, (const char *) node->content);
      break;

    case XML_ELEMENT_NODE:
      walk_element (b, node, depth);
      break;

    /* Comments (Gutenberg's block delimiters among them), processing
     * instructions, CDATA, DTDs and entity nodes carry nothing we keep.
     */
    case XML_COMMENT_NODE:
    case XML_PI_NODE:
    case XML_CDATA_SECTION_NODE:
    case XML_ENTITY_REF_NODE:
    case XML_ENTITY_NODE:
    case XML_ATTRIBUTE_NODE:
    case XML_DOCUMENT_NODE:
    case XML_DOCUMENT_TYPE_NODE:
    case XML_DOCUMENT_FRAG_NODE:
    case XML_NOTATION_NODE:
    case XML_HTML_DOCUMENT_NODE:
    case XML_DTD_NODE:
    case XML_ELEMENT_DECL:
    case XML_ATTRIBUTE_DECL:
    case XML_ENTITY_DECL:
    case XML_NAMESPACE_DECL:
    case XML_XINCLUDE_START:
    case XML_XINCLUDE_END:
    default:
      break;
    }
}

/* Paragraphs left empty or holding only spaces, whether the source had
 * them so or they lost their content here, go: a second pass would drop
 * them, and sanitising is meant to be stable.
 */
static void
prune_empty (xmlNode *parent)
{
  xmlNode *next;

  for (xmlNode *node = parent->children; node != NULL; node = next)
    {
      next = node->next;

      /* Whitespace between blocks is layout of the source; the serialiser
       * lays blocks out itself.
       */
      if (node->type == XML_TEXT_NODE && is_blank ((const char *) node->content) &&
          is_block_container (parent) &&
          (node->prev == NULL || is_block_name ((const char *) node->prev->name) ||
           node->next == NULL || is_block_name ((const char *) node->next->name)))
        {
          xmlUnlinkNode (node);
          xmlFreeNode (node);
          continue;
        }

      if (node->type != XML_ELEMENT_NODE)
        continue;

      if (!name_is (node, "pre"))
        prune_empty (node);

      /* The same goes for formatting and spans around nothing, which
       * unwrapping or dropping what was inside them can leave.
       */
      if ((name_is (node, "p") && is_empty_paragraph (node)) ||
          (node->children == NULL &&
           (name_is (node, "span") || name_is (node, "strong") || name_is (node, "em") ||
            name_is (node, "a") || name_is (node, "code"))))
        {
          xmlUnlinkNode (node);
          xmlFreeNode (node);
        }
    }
}

/**
 * _nd_html_sanitize_to_doc:
 * @html: UTF-8 HTML, possibly hostile
 * @length: length of @html in bytes, or -1 if it is nul-terminated
 * @limit_size: whether to refuse input longer than
 *   %ND_HTML_SANITIZER_MAX_INPUT
 * @error: return location for a #GError
 *
 * Parses @html and builds the clean tree described in the header.
 *
 * Returns: (transfer full) (nullable): the clean document, or %NULL with
 *   @error set
 */
xmlDoc *
_nd_html_sanitize_to_doc (const char  *html,
                          gssize       length,
                          gboolean     limit_size,
                          GError     **error)
{
  g_autofree char *valid = NULL;
  htmlDocPtr source;
  Builder b = { 0 };

  g_return_val_if_fail (html != NULL || length == 0, NULL);
  g_return_val_if_fail (error == NULL || *error == NULL, NULL);

  ensure_initialized ();

  if (length < 0)
    length = strlen (html);

  if (limit_size && length > ND_HTML_SANITIZER_MAX_INPUT)
    {
      g_set_error (error, ND_HTML_SANITIZER_ERROR, ND_HTML_SANITIZER_ERROR_TOO_LARGE,
                   "HTML input of %" G_GSSIZE_FORMAT " bytes is larger than the limit of %d bytes",
                   length, ND_HTML_SANITIZER_MAX_INPUT);
      return NULL;
    }

  b.doc = xmlNewDoc ((const xmlChar *) "1.0");
  b.root = xmlNewDocNode (b.doc, NULL, (const xmlChar *) "nd-root", NULL);
  xmlDocSetRootElement (b.doc, b.root);
  b.cur = b.root;

  if (length == 0)
    return b.doc;

  /* Invalid UTF-8 would make libxml2 guess another encoding; NUL bytes
   * would end the input early. Both become U+FFFD here.
   */
  valid = g_utf8_make_valid (html, length);

  source = htmlReadMemory (valid, strlen (valid), NULL, "UTF-8",
                           HTML_PARSE_NONET | HTML_PARSE_NOERROR | HTML_PARSE_NOWARNING);
  if (source == NULL)
    {
      if (is_blank (valid))
        return b.doc;

      xmlFreeDoc (b.doc);
      g_set_error_literal (error, ND_HTML_SANITIZER_ERROR, ND_HTML_SANITIZER_ERROR_PARSE,
                           "The HTML could not be parsed");
      return NULL;
    }

  for (xmlNode *node = source->children; node != NULL; node = node->next)
    walk_node (&b, node, 0);

  xmlFreeDoc (source);
  prune_empty (b.root);

  return b.doc;
}

static void
append_escaped (GString    *out,
                const char *text,
                gboolean    attribute)
{
  for (const char *p = text; *p != '\0'; p++)
    {
      switch (*p)
        {
        case '&':
          g_string_append (out, "&amp;");
          break;
        case '<':
          g_string_append (out, "&lt;");
          break;
        case '>':
          g_string_append (out, "&gt;");
          break;
        case '"':
          if (attribute)
            g_string_append (out, "&quot;");
          else
            g_string_append_c (out, '"');
          break;
        default:
          g_string_append_c (out, *p);
          break;
        }
    }
}

/* A line break after a block is layout, unless text follows it in the
 * same item, where it would become part of that text the next time round.
 */
static gboolean
ends_line (xmlNode *node)
{
  return node->next == NULL ||
         (node->next->type == XML_ELEMENT_NODE && is_block_name ((const char *) node->next->name));
}

static void
serialize_attr (GString    *out,
                const char *name,
                const char *value)
{
  g_string_append_printf (out, " %s=\"", name);
  append_escaped (out, value, TRUE);
  g_string_append_c (out, '"');
}

static void
serialize_children (GString *out,
                    xmlNode *parent,
                    gboolean in_link)
{
  for (xmlNode *node = parent->children; node != NULL; node = node->next)
    {
      const char *name = (const char *) node->name;

      if (node->type == XML_TEXT_NODE)
        {
          append_escaped (out, (const char *) node->content, FALSE);
          continue;
        }
      if (node->type != XML_ELEMENT_NODE)
        continue;

      if (g_str_equal (name, "img"))
        {
          const char *src = get_attr (node, "src");
          const char *alt = get_attr (node, "alt");

          /* The app never loads remote content, so an image is offered as
           * a link to it, named by its alternative text.
           */
          if (alt == NULL || is_blank (alt))
            alt = src;

          if (in_link)
            append_escaped (out, alt, FALSE);
          else
            {
              g_string_append (out, "<a");
              serialize_attr (out, "href", src);
              serialize_attr (out, "rel", "noopener noreferrer nofollow");
              g_string_append_c (out, '>');
              append_escaped (out, alt, FALSE);
              g_string_append (out, "</a>");
            }
          continue;
        }

      g_string_append_c (out, '<');
      g_string_append (out, name);
      for (xmlAttr *attr = node->properties; attr != NULL; attr = attr->next)
        serialize_attr (out, (const char *) attr->name,
                        attr->children != NULL ? (const char *) attr->children->content : "");
      if (g_str_equal (name, "a"))
        serialize_attr (out, "rel", "noopener noreferrer nofollow");
      g_string_append_c (out, '>');

      if (g_str_equal (name, "br") || g_str_equal (name, "hr"))
        {
          if (g_str_equal (name, "hr") && ends_line (node))
            g_string_append_c (out, '\n');
          continue;
        }

      if (g_str_equal (name, "ul") || g_str_equal (name, "ol") ||
          g_str_equal (name, "blockquote") || g_str_equal (name, "figure"))
        g_string_append_c (out, '\n');

      serialize_children (out, node, in_link || g_str_equal (name, "a"));

      g_string_append (out, "</");
      g_string_append (out, name);
      g_string_append_c (out, '>');

      if (is_block_name (name) && ends_line (node))
        g_string_append_c (out, '\n');
    }
}

/**
 * _nd_html_doc_to_string:
 * @doc: a document made by _nd_html_sanitize_to_doc()
 *
 * Serialises the clean tree as HTML.
 *
 * Returns: (transfer full): the HTML
 */
char *
_nd_html_doc_to_string (xmlDoc *doc)
{
  GString *out = g_string_new (NULL);
  xmlNode *root;

  g_return_val_if_fail (doc != NULL, NULL);

  root = xmlDocGetRootElement (doc);
  if (root != NULL)
    serialize_children (out, root, FALSE);

  return g_string_free (out, FALSE);
}

/**
 * nd_html_sanitize_full:
 * @html: UTF-8 HTML from an untrusted source
 * @length: length of @html in bytes, or -1 if it is nul-terminated
 * @error: return location for a #GError
 *
 * Cleans @html down to an allow-list: paragraphs, line breaks, strong and
 * emphasis, links (http, https, mailto and relative only, with
 * `rel="noopener noreferrer nofollow"`), lists, block quotes, headings h2 to
 * h4 (h1 becomes h2, h5 and h6 become h4), rules, code, preformatted text,
 * figures and their captions, and spans that carry a language or direction.
 * The `dir` and `lang` attributes are kept on all of them; every other
 * element and attribute is removed. Scripts, styles, templates, embedded
 * objects, forms, SVG and MathML go with their content; other unknown
 * elements (span, div, font…) give way to their text, and block-level ones
 * among them still separate paragraphs.
 *
 * Images are never emitted as `<img>`, as the app does not load remote
 * content: an image with a safe source becomes a link to it, named by its
 * alternative text; any other image leaves its alternative text.
 *
 * Bold and italic given by `font-weight` and `font-style` become `<strong>`
 * and `<em>`; Google Docs' non-bold `<b id="docs-internal-guid-…">` does
 * not. Word's list paragraphs become lists.
 *
 * The output is well-formed and nests at most a fixed number of levels.
 *
 * Returns: (transfer full) (nullable): the clean HTML, or %NULL with @error
 *   set when the input exceeds %ND_HTML_SANITIZER_MAX_INPUT
 */
char *
nd_html_sanitize_full (const char  *html,
                       gssize       length,
                       GError     **error)
{
  xmlDoc *doc;
  char *result;

  g_return_val_if_fail (html != NULL || length == 0, NULL);
  g_return_val_if_fail (error == NULL || *error == NULL, NULL);

  doc = _nd_html_sanitize_to_doc (html, length, TRUE, error);
  if (doc == NULL)
    return NULL;

  result = _nd_html_doc_to_string (doc);
  xmlFreeDoc (doc);

  return result;
}

/**
 * nd_html_sanitize:
 * @html: UTF-8 HTML from an untrusted source
 * @length: length of @html in bytes, or -1 if it is nul-terminated
 *
 * Like [func@Nd.html_sanitize_full], for callers that only want something safe
 * to show: input that cannot be sanitised gives an empty string.
 *
 * Returns: (transfer full): the clean HTML
 */
char *
nd_html_sanitize (const char *html,
                  gssize      length)
{
  g_autoptr (GError) error = NULL;
  char *result;

  g_return_val_if_fail (html != NULL || length == 0, NULL);

  result = nd_html_sanitize_full (html, length, &error);
  if (result == NULL)
    {
      g_debug ("Refusing to sanitise HTML: %s", error->message);
      return g_strdup ("");
    }

  return result;
}
