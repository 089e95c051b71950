/* nd-wp-post.c
 *
 * SPDX-License-Identifier: GPL-3.0-or-later
 */

#define G_LOG_DOMAIN "newsdesk-wp-post"

#include "config.h"

#include <string.h>

#include <glib/gi18n-lib.h>

#include "nd-remote.h"
#include "nd-wp-post.h"

/* The WordPress objects Newsdesk reads, taken from JSON with strict checks.
 *
 * A site's answers come from PHP and from every plugin on the site, so they
 * are not trusted: each member is checked for its type and range, strings
 * for UTF-8 and size, dates for being real dates. Anything else ends in
 * %ND_REMOTE_ERROR_MALFORMED naming the member, never in a crash or a
 * half-filled struct. */

/* More tags on one post than anyone would set by hand; a longer array is a
 * broken or hostile answer. */
#define MAX_TERM_IDS 10000

G_DEFINE_BOXED_TYPE (NdWpPost, nd_wp_post, nd_wp_post_copy, nd_wp_post_free)

/* Errors ------------------------------------------------------------------- */

static gboolean
fail (GError    **error,
      const char *what,
      const char *problem)
{
  /* Translators: the first %s names a part of the site's answer, such as
   * "modified_gmt" or "title.raw"; the second says what is wrong with it. */
  g_autofree char *message = g_strdup_printf (_("The site sent an answer Newsdesk cannot read (%s: %s). "
                                                "A plugin may be interfering; tell the site’s administrator."),
                                              what, problem);

  g_propagate_error (error, nd_remote_error_new (ND_REMOTE_ERROR_MALFORMED, 0, NULL, 0, message));
  return FALSE;
}

static gboolean
fail_type (GError    **error,
           const char *what)
{
  return fail (error, what, _("wrong type"));
}

static gboolean
fail_missing (GError    **error,
              const char *what)
{
  return fail (error, what, _("missing"));
}

/* Members ------------------------------------------------------------------ */

static gboolean
node_is_null (JsonNode *node)
{
  return node == NULL || JSON_NODE_HOLDS_NULL (node);
}

static gboolean
read_int (JsonObject  *object,
          const char  *name,
          gboolean     required,
          gint64       min,
          gint64      *out,
          GError     **error)
{
  JsonNode *node = json_object_get_member (object, name);
  gint64 value;

  if (node == NULL)
    {
      if (required)
        return fail_missing (error, name);
      return TRUE;
    }
  if (!JSON_NODE_HOLDS_VALUE (node) || json_node_get_value_type (node) != G_TYPE_INT64)
    return fail_type (error, name);

  value = json_node_get_int (node);
  if (value < min)
    return fail (error, name, _("out of range"));
  *out = value;
  return TRUE;
}

static gboolean
check_string (const char  *value,
              const char  *what,
              GError     **error)
{
  if (strlen (value) > ND_WP_MAX_STRING)
    return fail (error, what, _("too long"));
  /* json-glib turns a lone \ud800 escape into bytes that are not UTF-8. */
  if (!g_utf8_validate (value, -1, NULL))
    return fail (error, what, _("not UTF-8"));
  return TRUE;
}

/* Reads a string member into *out (replacing nothing: *out must be NULL).
 * A JSON null is taken as absent when @nullable. */
static gboolean
read_string (JsonObject  *object,
             const char  *name,
             gboolean     required,
             gboolean     nullable,
             char       **out,
             GError     **error)
{
  JsonNode *node = json_object_get_member (object, name);
  const char *value;

  g_assert (*out == NULL);

  if (node == NULL)
    {
      if (required)
        return fail_missing (error, name);
      return TRUE;
    }
  if (JSON_NODE_HOLDS_NULL (node))
    {
      if (nullable)
        return TRUE;
      return fail_type (error, name);
    }
  if (!JSON_NODE_HOLDS_VALUE (node) || json_node_get_value_type (node) != G_TYPE_STRING)
    return fail_type (error, name);

  value = json_node_get_string (node);
  if (!check_string (value, name, error))
    return FALSE;
  *out = g_strdup (value);
  return TRUE;
}

/* `title`, `excerpt` and `content` are objects with `raw` (context=edit) and
 * `rendered`; only the raw text is what a person wrote. */
static gboolean
read_raw (JsonObject  *object,
          const char  *name,
          gboolean     required,
          char       **out,
          GError     **error)
{
  JsonNode *node = json_object_get_member (object, name);
  g_autofree char *what = g_strdup_printf ("%s.raw", name);

  if (node == NULL && !required)
    {
      *out = g_strdup ("");
      return TRUE;
    }
  if (node == NULL)
    return fail_missing (error, name);
  if (!JSON_NODE_HOLDS_OBJECT (node))
    return fail_type (error, name);
  node = json_object_get_member (json_node_get_object (node), "raw");
  if (node == NULL)
    return fail_missing (error, what);
  if (!JSON_NODE_HOLDS_VALUE (node) || json_node_get_value_type (node) != G_TYPE_STRING)
    return fail_type (error, what);
  if (!check_string (json_node_get_string (node), what, error))
    return FALSE;
  *out = g_strdup (json_node_get_string (node));
  return TRUE;
}

static gboolean
read_date (JsonObject  *object,
           const char  *name,
           gboolean     required,
           GDateTime  **out,
           GError     **error)
{
  g_autofree char *text = NULL;

  if (!read_string (object, name, required, !required, &text, error))
    return FALSE;
  if (text == NULL)
    return TRUE;

  *out = nd_wp_parse_date (text);
  if (*out == NULL)
    return fail (error, name, _("not a valid date"));
  return TRUE;
}

static gboolean
read_ids (JsonObject  *object,
          const char  *name,
          GArray     **out,
          GError     **error)
{
  JsonNode *node = json_object_get_member (object, name);
  g_autoptr(GArray) ids = g_array_new (FALSE, FALSE, sizeof (gint64));
  JsonArray *array;
  guint n;

  if (node != NULL && !JSON_NODE_HOLDS_NULL (node))
    {
      if (!JSON_NODE_HOLDS_ARRAY (node))
        return fail_type (error, name);

      array = json_node_get_array (node);
      n = json_array_get_length (array);
      if (n > MAX_TERM_IDS)
        return fail (error, name, _("too long"));

      for (guint i = 0; i < n; i++)
        {
          JsonNode *element = json_array_get_element (array, i);
          gint64 id;

          if (!JSON_NODE_HOLDS_VALUE (element) || json_node_get_value_type (element) != G_TYPE_INT64)
            return fail_type (error, name);
          id = json_node_get_int (element);
          if (id <= 0)
            return fail (error, name, _("out of range"));
          g_array_append_val (ids, id);
        }
    }

  *out = g_steal_pointer (&ids);
  return TRUE;
}

/* PHP encodes an empty associative array as `[]`, so WordPress answers
 * `"meta": []` when no meta key is registered; that is an empty object. */
static gboolean
read_map (JsonObject  *object,
          const char  *name,
          JsonObject **out,
          GError     **error)
{
  JsonNode *node = json_object_get_member (object, name);

  *out = NULL;
  if (node_is_null (node))
    return TRUE;
  if (JSON_NODE_HOLDS_OBJECT (node))
    {
      *out = json_node_get_object (node);
      return TRUE;
    }
  if (JSON_NODE_HOLDS_ARRAY (node) && json_array_get_length (json_node_get_array (node)) == 0)
    return TRUE;
  return fail_type (error, name);
}

static char *
empty_to_null (char *text)
{
  if (text != NULL && *text == '\0')
    g_clear_pointer (&text, g_free);
  return text;
}

/* WordPress escapes a few characters of term names for HTML (`&amp;`); the
 * name as typed is what Newsdesk shows and compares. */
static char *
decode_entities (const char *text)
{
  GString *out = g_string_sized_new (strlen (text));

  for (const char *p = text; *p != '\0';)
    {
      static const struct { const char *entity; const char *text; } named[] = {
        { "&amp;", "&" }, { "&lt;", "<" }, { "&gt;", ">" }, { "&quot;", "\"" },
        { "&#039;", "'" }, { "&#39;", "'" }, { "&apos;", "'" }, { "&nbsp;", "\302\240" },
      };
      gboolean done = FALSE;

      if (*p == '&')
        {
          for (guint i = 0; i < G_N_ELEMENTS (named) && !done; i++)
            if (g_str_has_prefix (p, named[i].entity))
              {
                g_string_append (out, named[i].text);
                p += strlen (named[i].entity);
                done = TRUE;
              }

          if (!done && p[1] == '#')
            {
              const char *digits = p + 2;
              gboolean hex = (*digits == 'x' || *digits == 'X');
              char *end = NULL;
              guint64 value;

              if (hex)
                digits++;
              value = g_ascii_strtoull (digits, &end, hex ? 16 : 10);
              if (end != digits && *end == ';' && value > 0 && value <= 0x10FFFF &&
                  g_unichar_validate ((gunichar) value))
                {
                  g_string_append_unichar (out, (gunichar) value);
                  p = end + 1;
                  done = TRUE;
                }
            }
        }

      if (!done)
        g_string_append_c (out, *p++);
    }

  return g_string_free (out, FALSE);
}

/* Dates -------------------------------------------------------------------- */

/**
 * nd_wp_parse_date:
 * @text: a date as WordPress writes it, `2024-05-01T12:30:00` (UTC for the
 *   `_gmt` fields, which carry no zone), or with a zone
 *
 * Returns: (transfer full) (nullable): the instant, or %NULL when @text is not
 *   a real date
 */
GDateTime *
nd_wp_parse_date (const char *text)
{
  g_autoptr(GTimeZone) utc = g_time_zone_new_utc ();
  gsize length;

  g_return_val_if_fail (text != NULL, NULL);

  /* `YYYY-MM-DDTHH:MM:SS` at least; GLib alone would take other ISO 8601
   * forms (week dates, ordinal dates) WordPress never sends. */
  length = strlen (text);
  if (length < 19 || length > 40 ||
      !g_ascii_isdigit (text[0]) || !g_ascii_isdigit (text[3]) || text[4] != '-' ||
      !g_ascii_isdigit (text[5]) || !g_ascii_isdigit (text[6]) || text[7] != '-' ||
      !g_ascii_isdigit (text[8]) || !g_ascii_isdigit (text[9]) || text[10] != 'T' ||
      text[13] != ':' || text[16] != ':')
    return NULL;

  return g_date_time_new_from_iso8601 (text, utc);
}

/* Parsing ------------------------------------------------------------------ */

/* json-glib 1.6 parses recursively, without a depth limit: a few hundred
 * thousand `[` overflow the stack. This counts the nesting first, outside
 * strings, in one pass over the bytes. */
static gboolean
check_depth (const char *data,
             gsize       length,
             GError    **error)
{
  gboolean in_string = FALSE;
  int depth = 0;

  for (gsize i = 0; i < length; i++)
    {
      char c = data[i];

      if (in_string)
        {
          if (c == '\\')
            i++;
          else if (c == '"')
            in_string = FALSE;
          continue;
        }

      switch (c)
        {
        case '"':
          in_string = TRUE;
          break;
        case '[':
        case '{':
          if (++depth > ND_WP_JSON_MAX_DEPTH)
            return fail (error, _("the answer"), _("nested too deeply"));
          break;
        case ']':
        case '}':
          depth--;
          break;
        default:
          break;
        }
    }

  return TRUE;
}

/**
 * nd_wp_json_parse:
 * @data: (array length=length): an answer's body
 * @length: its length in bytes
 * @error: return location for an %ND_REMOTE_ERROR_MALFORMED
 *
 * Parses an answer with bounds: it must be UTF-8, nest no deeper than
 * %ND_WP_JSON_MAX_DEPTH and be JSON. The size is the caller's to cap.
 *
 * Returns: (transfer full) (nullable): the root node
 */
JsonNode *
nd_wp_json_parse (const char  *data,
                  gsize        length,
                  GError     **error)
{
  g_autoptr(JsonParser) parser = NULL;
  g_autoptr(GError) local_error = NULL;
  JsonNode *root;

  g_return_val_if_fail (data != NULL || length == 0, NULL);

  if (length == 0)
    return fail (error, _("the answer"), _("empty")), NULL;
  if (length > G_MAXSSIZE || !g_utf8_validate_len (data, length, NULL))
    return fail (error, _("the answer"), _("not UTF-8")), NULL;
  if (!check_depth (data, length, error))
    return NULL;

  parser = json_parser_new_immutable ();
  if (!json_parser_load_from_data (parser, data, (gssize) length, &local_error))
    return fail (error, _("the answer"), _("not JSON")), NULL;

  root = json_parser_get_root (parser);
  if (root == NULL)
    return fail (error, _("the answer"), _("empty")), NULL;
  return json_node_ref (root);
}

static JsonObject *
root_object (JsonNode    *node,
             const char  *what,
             GError     **error)
{
  if (node == NULL || !JSON_NODE_HOLDS_OBJECT (node))
    {
      fail (error, what, _("not an object"));
      return NULL;
    }
  return json_node_get_object (node);
}

/* NdWpPost ----------------------------------------------------------------- */

/**
 * nd_wp_post_new:
 *
 * Returns: (transfer full): an empty post, for building a request body
 */
NdWpPost *
nd_wp_post_new (void)
{
  return g_new0 (NdWpPost, 1);
}

/**
 * nd_wp_post_free:
 * @post: (nullable): a post
 *
 * Frees @post.
 */
void
nd_wp_post_free (NdWpPost *post)
{
  if (post == NULL)
    return;

  g_free (post->uuid);
  g_free (post->group);
  g_clear_pointer (&post->date_gmt, g_date_time_unref);
  g_clear_pointer (&post->modified_gmt, g_date_time_unref);
  g_free (post->status);
  g_free (post->slug);
  g_free (post->title);
  g_free (post->excerpt);
  g_free (post->content);
  g_clear_pointer (&post->tags, g_array_unref);
  g_clear_pointer (&post->categories, g_array_unref);
  g_free (post->lang);
  g_clear_pointer (&post->translations, g_hash_table_unref);
  g_free (post);
}

static GArray *
copy_ids (GArray *ids)
{
  GArray *copy;

  if (ids == NULL)
    return NULL;
  copy = g_array_sized_new (FALSE, FALSE, sizeof (gint64), ids->len);
  g_array_append_vals (copy, ids->data, ids->len);
  return copy;
}

static GHashTable *
new_translations (void)
{
  return g_hash_table_new_full (g_str_hash, g_str_equal, g_free, g_free);
}

/**
 * nd_wp_post_copy:
 * @post: a post
 *
 * Returns: (transfer full): a deep copy of @post
 */
NdWpPost *
nd_wp_post_copy (const NdWpPost *post)
{
  NdWpPost *copy;

  g_return_val_if_fail (post != NULL, NULL);

  copy = nd_wp_post_new ();
  copy->id = post->id;
  copy->uuid = g_strdup (post->uuid);
  copy->group = g_strdup (post->group);
  copy->date_gmt = post->date_gmt != NULL ? g_date_time_ref (post->date_gmt) : NULL;
  copy->modified_gmt = post->modified_gmt != NULL ? g_date_time_ref (post->modified_gmt) : NULL;
  copy->status = g_strdup (post->status);
  copy->slug = g_strdup (post->slug);
  copy->title = g_strdup (post->title);
  copy->excerpt = g_strdup (post->excerpt);
  copy->content = g_strdup (post->content);
  copy->tags = copy_ids (post->tags);
  copy->categories = copy_ids (post->categories);
  copy->featured_media = post->featured_media;
  copy->lang = g_strdup (post->lang);
  if (post->translations != NULL)
    {
      GHashTableIter iter;
      gpointer key, value;

      copy->translations = new_translations ();
      g_hash_table_iter_init (&iter, post->translations);
      while (g_hash_table_iter_next (&iter, &key, &value))
        g_hash_table_insert (copy->translations, g_strdup (key), g_memdup2 (value, sizeof (gint64)));
    }
  return copy;
}

static gboolean
read_translations (JsonObject  *object,
                   NdWpPost    *post,
                   GError     **error)
{
  JsonObject *map;
  g_autoptr(GList) names = NULL;

  if (!read_map (object, "translations", &map, error))
    return FALSE;
  if (map == NULL)
    return TRUE;

  post->translations = new_translations ();
  names = json_object_get_members (map);
  for (GList *l = names; l != NULL; l = l->next)
    {
      const char *lang = l->data;
      JsonNode *node = json_object_get_member (map, lang);
      gint64 id;

      if (!check_string (lang, "translations", error))
        return FALSE;
      if (!JSON_NODE_HOLDS_VALUE (node) || json_node_get_value_type (node) != G_TYPE_INT64)
        return fail_type (error, "translations");
      id = json_node_get_int (node);
      if (id <= 0)
        return fail (error, "translations", _("out of range"));
      g_hash_table_insert (post->translations, g_strdup (lang), g_memdup2 (&id, sizeof id));
    }
  return TRUE;
}

/**
 * nd_wp_post_new_from_json:
 * @node: a post as `/wp/v2/posts` answers it with `context=edit`
 * @error: return location for an %ND_REMOTE_ERROR_MALFORMED
 *
 * Takes a post from JSON, checking every member Newsdesk uses.
 *
 * Returns: (transfer full) (nullable): the post
 */
NdWpPost *
nd_wp_post_new_from_json (JsonNode  *node,
                          GError   **error)
{
  g_autoptr(NdWpPost) post = nd_wp_post_new ();
  JsonObject *object;
  JsonObject *meta;

  g_return_val_if_fail (error == NULL || *error == NULL, NULL);

  object = root_object (node, "post", error);
  if (object == NULL)
    return NULL;

  if (!read_int (object, "id", TRUE, 1, &post->id, error) ||
      !read_date (object, "date_gmt", FALSE, &post->date_gmt, error) ||
      !read_date (object, "modified_gmt", TRUE, &post->modified_gmt, error) ||
      !read_string (object, "status", TRUE, FALSE, &post->status, error) ||
      !read_string (object, "slug", TRUE, FALSE, &post->slug, error) ||
      !read_raw (object, "title", TRUE, &post->title, error) ||
      /* A theme or plugin may take excerpts away from posts
       * (remove_post_type_support); the field is then left out. */
      !read_raw (object, "excerpt", FALSE, &post->excerpt, error) ||
      !read_raw (object, "content", TRUE, &post->content, error) ||
      !read_ids (object, "tags", &post->tags, error) ||
      !read_ids (object, "categories", &post->categories, error) ||
      !read_int (object, "featured_media", FALSE, 0, &post->featured_media, error) ||
      !read_string (object, "lang", FALSE, TRUE, &post->lang, error) ||
      !read_translations (object, post, error) ||
      !read_map (object, "meta", &meta, error))
    return NULL;

  if (*post->status == '\0')
    return fail (error, "status", _("empty")), NULL;

  if (meta != NULL &&
      (!read_string (meta, "newsdesk_uuid", FALSE, TRUE, &post->uuid, error) ||
       !read_string (meta, "newsdesk_group", FALSE, TRUE, &post->group, error)))
    return NULL;

  /* A registered meta key that was never set reads as "". */
  post->uuid = empty_to_null (post->uuid);
  post->group = empty_to_null (post->group);
  post->lang = empty_to_null (post->lang);

  return g_steal_pointer (&post);
}

/**
 * nd_wp_post_parse:
 * @data: (array length=length): the JSON text of one post
 * @length: its length in bytes
 * @error: return location for an %ND_REMOTE_ERROR_MALFORMED
 *
 * nd_wp_json_parse() then nd_wp_post_new_from_json().
 *
 * Returns: (transfer full) (nullable): the post
 */
NdWpPost *
nd_wp_post_parse (const char  *data,
                  gsize        length,
                  GError     **error)
{
  g_autoptr(JsonNode) node = nd_wp_json_parse (data, length, error);

  if (node == NULL)
    return NULL;
  return nd_wp_post_new_from_json (node, error);
}

static JsonArray *
ids_to_array (GArray *ids)
{
  JsonArray *array = json_array_new ();

  for (guint i = 0; ids != NULL && i < ids->len; i++)
    json_array_add_int_element (array, g_array_index (ids, gint64, i));
  return array;
}

/**
 * nd_wp_post_build_body:
 * @post: the values
 * @fields: which of them to send
 *
 * Builds the body of a create or update request with only @fields, so that
 * an update does not overwrite fields someone else changed meanwhile. The
 * meta carries `newsdesk_uuid` and `newsdesk_group`; a site without the
 * Newsdesk plugin ignores them.
 *
 * Returns: (transfer full): the body
 */
JsonObject *
nd_wp_post_build_body (const NdWpPost *post,
                       NdWpPostField   fields)
{
  JsonObject *body = json_object_new ();

  g_return_val_if_fail (post != NULL, body);

  if ((fields & ND_WP_POST_FIELD_TITLE) != 0)
    json_object_set_string_member (body, "title", post->title != NULL ? post->title : "");
  if ((fields & ND_WP_POST_FIELD_EXCERPT) != 0)
    json_object_set_string_member (body, "excerpt", post->excerpt != NULL ? post->excerpt : "");
  if ((fields & ND_WP_POST_FIELD_CONTENT) != 0)
    json_object_set_string_member (body, "content", post->content != NULL ? post->content : "");
  if ((fields & ND_WP_POST_FIELD_SLUG) != 0)
    json_object_set_string_member (body, "slug", post->slug != NULL ? post->slug : "");
  if ((fields & ND_WP_POST_FIELD_STATUS) != 0 && post->status != NULL)
    json_object_set_string_member (body, "status", post->status);
  if ((fields & ND_WP_POST_FIELD_DATE_GMT) != 0)
    {
      if (post->date_gmt != NULL)
        {
          g_autoptr(GDateTime) utc = g_date_time_to_utc (post->date_gmt);
          g_autofree char *text = g_date_time_format (utc, "%Y-%m-%dT%H:%M:%S");

          json_object_set_string_member (body, "date_gmt", text);
        }
      else
        json_object_set_null_member (body, "date_gmt");
    }
  if ((fields & ND_WP_POST_FIELD_TAGS) != 0)
    json_object_set_array_member (body, "tags", ids_to_array (post->tags));
  if ((fields & ND_WP_POST_FIELD_CATEGORIES) != 0)
    json_object_set_array_member (body, "categories", ids_to_array (post->categories));
  if ((fields & ND_WP_POST_FIELD_FEATURED_MEDIA) != 0)
    json_object_set_int_member (body, "featured_media", post->featured_media);
  if ((fields & ND_WP_POST_FIELD_META) != 0)
    {
      JsonObject *meta = json_object_new ();

      json_object_set_string_member (meta, "newsdesk_uuid", post->uuid != NULL ? post->uuid : "");
      json_object_set_string_member (meta, "newsdesk_group", post->group != NULL ? post->group : "");
      json_object_set_object_member (body, "meta", meta);
    }
  if ((fields & ND_WP_POST_FIELD_LANG) != 0 && post->lang != NULL)
    json_object_set_string_member (body, "lang", post->lang);
  if ((fields & ND_WP_POST_FIELD_TRANSLATIONS) != 0 && post->translations != NULL)
    {
      JsonObject *map = json_object_new ();
      GHashTableIter iter;
      gpointer key, value;

      g_hash_table_iter_init (&iter, post->translations);
      while (g_hash_table_iter_next (&iter, &key, &value))
        json_object_set_int_member (map, key, *(gint64 *) value);
      json_object_set_object_member (body, "translations", map);
    }

  return body;
}

/**
 * nd_wp_post_page_free:
 * @page: (nullable): a page
 *
 * Frees @page and its posts.
 */
void
nd_wp_post_page_free (NdWpPostPage *page)
{
  if (page == NULL)
    return;
  g_clear_pointer (&page->posts, g_ptr_array_unref);
  g_clear_pointer (&page->server_date, g_date_time_unref);
  g_free (page->rejection);
  g_free (page);
}

/* NdWpTerm ----------------------------------------------------------------- */

/**
 * nd_wp_term_kind_to_route:
 * @kind: a term kind
 *
 * Returns: the REST route's last part: `tags` or `categories`
 */
const char *
nd_wp_term_kind_to_route (NdWpTermKind kind)
{
  return kind == ND_WP_TERM_CATEGORY ? "categories" : "tags";
}

/**
 * nd_wp_term_new_from_json:
 * @node: a term as `/wp/v2/tags` or `/wp/v2/categories` answers it
 * @kind: which of the two
 * @error: return location for an %ND_REMOTE_ERROR_MALFORMED
 *
 * Returns: (transfer full) (nullable): the term
 */
NdWpTerm *
nd_wp_term_new_from_json (JsonNode      *node,
                          NdWpTermKind   kind,
                          GError       **error)
{
  g_autoptr(NdWpTerm) term = g_new0 (NdWpTerm, 1);
  g_autofree char *name = NULL;
  JsonObject *object;

  object = root_object (node, "term", error);
  if (object == NULL)
    return NULL;

  term->kind = kind;
  if (!read_int (object, "id", TRUE, 1, &term->id, error) ||
      !read_string (object, "name", TRUE, FALSE, &name, error) ||
      !read_string (object, "slug", TRUE, FALSE, &term->slug, error) ||
      !read_int (object, "parent", FALSE, 0, &term->parent, error))
    return NULL;

  term->name = decode_entities (name);
  return g_steal_pointer (&term);
}

/**
 * nd_wp_term_free:
 * @term: (nullable): a term
 *
 * Frees @term.
 */
void
nd_wp_term_free (NdWpTerm *term)
{
  if (term == NULL)
    return;
  g_free (term->name);
  g_free (term->slug);
  g_free (term);
}

/* NdWpMedia ---------------------------------------------------------------- */

/**
 * nd_wp_media_new_from_json:
 * @node: an attachment as `/wp/v2/media` answers it
 * @error: return location for an %ND_REMOTE_ERROR_MALFORMED
 *
 * Returns: (transfer full) (nullable): the attachment
 */
NdWpMedia *
nd_wp_media_new_from_json (JsonNode  *node,
                           GError   **error)
{
  g_autoptr(NdWpMedia) media = g_new0 (NdWpMedia, 1);
  JsonObject *object;
  JsonNode *caption;

  object = root_object (node, "media", error);
  if (object == NULL)
    return NULL;

  if (!read_int (object, "id", TRUE, 1, &media->id, error) ||
      !read_string (object, "source_url", TRUE, FALSE, &media->source_url, error) ||
      !read_string (object, "mime_type", FALSE, TRUE, &media->mime_type, error) ||
      !read_string (object, "alt_text", FALSE, TRUE, &media->alt_text, error))
    return NULL;

  /* With context=edit the caption has `raw`; a plain answer only has
   * `rendered`, which is HTML and not what the user typed. */
  caption = json_object_get_member (object, "caption");
  if (!node_is_null (caption))
    {
      if (!JSON_NODE_HOLDS_OBJECT (caption))
        return fail_type (error, "caption"), NULL;
      if (!read_string (json_node_get_object (caption), "raw", FALSE, TRUE, &media->caption, error))
        return NULL;
    }

  if (media->caption == NULL)
    media->caption = g_strdup ("");
  if (media->alt_text == NULL)
    media->alt_text = g_strdup ("");
  return g_steal_pointer (&media);
}

/**
 * nd_wp_media_free:
 * @media: (nullable): an attachment
 *
 * Frees @media.
 */
void
nd_wp_media_free (NdWpMedia *media)
{
  if (media == NULL)
    return;
  g_free (media->source_url);
  g_free (media->mime_type);
  g_free (media->caption);
  g_free (media->alt_text);
  g_free (media);
}

/* NdWpSiteInfo ------------------------------------------------------------- */

/* `gmt_offset` is an option: a number, or a numeric string such as "5.5"
 * when it was saved from the settings page. */
static gboolean
read_offset (JsonObject  *object,
             double      *out,
             GError     **error)
{
  JsonNode *node = json_object_get_member (object, "gmt_offset");
  double value;

  if (node_is_null (node))
    return TRUE;
  if (!JSON_NODE_HOLDS_VALUE (node))
    return fail_type (error, "gmt_offset");

  switch (json_node_get_value_type (node))
    {
    case G_TYPE_INT64:
    case G_TYPE_DOUBLE:
      value = json_node_get_double (node);
      break;
    case G_TYPE_STRING:
      {
        const char *text = json_node_get_string (node);
        char *end = NULL;

        if (*text == '\0')
          {
            value = 0;
            break;
          }
        value = g_ascii_strtod (text, &end);
        if (end == text || *end != '\0')
          return fail_type (error, "gmt_offset");
      }
      break;
    default:
      return fail_type (error, "gmt_offset");
    }

  /* Real offsets run from -12 to +14 hours. */
  if (!(value >= -24 && value <= 24))
    return fail (error, "gmt_offset", _("out of range"));
  *out = value;
  return TRUE;
}

/**
 * nd_wp_site_info_new_from_index:
 * @node: the REST index (`/wp-json/`)
 * @error: return location for an %ND_REMOTE_ERROR
 *
 * Reads the index. An answer without the `wp/v2` namespace is not a
 * WordPress REST API: %ND_REMOTE_ERROR_NOT_WORDPRESS.
 *
 * Returns: (transfer full) (nullable): the site's description
 */
NdWpSiteInfo *
nd_wp_site_info_new_from_index (JsonNode  *node,
                                GError   **error)
{
  g_autoptr(NdWpSiteInfo) info = g_new0 (NdWpSiteInfo, 1);
  JsonObject *object;
  JsonNode *namespaces;
  JsonArray *array;
  gboolean has_wp = FALSE;

  if (node == NULL || !JSON_NODE_HOLDS_OBJECT (node))
    {
      g_propagate_error (error, nd_remote_error_new (ND_REMOTE_ERROR_NOT_WORDPRESS, 0, NULL, 0, NULL));
      return NULL;
    }
  object = json_node_get_object (node);

  namespaces = json_object_get_member (object, "namespaces");
  if (namespaces == NULL || !JSON_NODE_HOLDS_ARRAY (namespaces))
    {
      g_propagate_error (error, nd_remote_error_new (ND_REMOTE_ERROR_NOT_WORDPRESS, 0, NULL, 0, NULL));
      return NULL;
    }

  array = json_node_get_array (namespaces);
  for (guint i = 0; i < json_array_get_length (array); i++)
    {
      JsonNode *element = json_array_get_element (array, i);
      const char *name;

      if (!JSON_NODE_HOLDS_VALUE (element) || json_node_get_value_type (element) != G_TYPE_STRING)
        return fail_type (error, "namespaces"), NULL;
      name = json_node_get_string (element);
      if (g_str_equal (name, "wp/v2"))
        has_wp = TRUE;
      else if (g_str_equal (name, "batch/v1"))
        info->has_batch = TRUE;
      else if (g_str_equal (name, "pll/v1"))
        info->has_polylang = TRUE;
      else if (g_str_equal (name, "newsdesk/v1"))
        info->has_newsdesk_plugin = TRUE;
    }

  /* WordPress 6.1 lists /batch/v1 among the routes (with an empty
   * namespace), not among the namespaces. */
  {
    JsonNode *routes = json_object_get_member (json_node_get_object (node), "routes");

    if (routes != NULL && JSON_NODE_HOLDS_OBJECT (routes) &&
        json_object_has_member (json_node_get_object (routes), "/batch/v1"))
      info->has_batch = TRUE;
  }

  if (!has_wp)
    {
      g_propagate_error (error, nd_remote_error_new (ND_REMOTE_ERROR_NOT_WORDPRESS, 0, NULL, 0, NULL));
      return NULL;
    }

  if (!read_string (object, "name", FALSE, TRUE, &info->name, error) ||
      !read_string (object, "home", FALSE, TRUE, &info->url, error) ||
      !read_string (object, "timezone_string", FALSE, TRUE, &info->timezone_string, error) ||
      !read_offset (object, &info->gmt_offset, error))
    return NULL;
  if (info->url == NULL && !read_string (object, "url", FALSE, TRUE, &info->url, error))
    return NULL;

  if (info->name == NULL)
    info->name = g_strdup ("");
  info->timezone_string = empty_to_null (info->timezone_string);
  return g_steal_pointer (&info);
}

/**
 * nd_wp_site_info_update_from_settings:
 * @info: a site description to fill
 * @node: the answer of `/wp/v2/settings`
 * @error: return location for an %ND_REMOTE_ERROR_MALFORMED
 *
 * Takes the title, address and time zone from the settings.
 *
 * Returns: %TRUE when @node was read
 */
gboolean
nd_wp_site_info_update_from_settings (NdWpSiteInfo  *info,
                                      JsonNode      *node,
                                      GError       **error)
{
  g_autofree char *title = NULL;
  g_autofree char *url = NULL;
  g_autofree char *zone_name = NULL;
  double offset = info->gmt_offset;
  JsonObject *object;

  g_return_val_if_fail (info != NULL, FALSE);

  object = root_object (node, "settings", error);
  if (object == NULL)
    return FALSE;

  if (!read_string (object, "title", FALSE, TRUE, &title, error) ||
      !read_string (object, "url", FALSE, TRUE, &url, error) ||
      !read_string (object, "timezone", FALSE, TRUE, &zone_name, error) ||
      !read_offset (object, &offset, error))
    return FALSE;

  if (title != NULL)
    {
      g_free (info->name);
      info->name = g_steal_pointer (&title);
    }
  if (url != NULL)
    {
      g_free (info->url);
      info->url = g_steal_pointer (&url);
    }
  /* The settings call it `timezone`: a zone name, or "UTC+3" / "UTC+5:30"
   * when the site uses a fixed offset, which is no zone name. They have no
   * `gmt_offset` (a plugin may add it); the zone gives today's. */
  g_clear_pointer (&info->timezone_string, g_free);
  if (zone_name != NULL && g_str_has_prefix (zone_name, "UTC"))
    {
      g_autoptr(GTimeZone) zone = g_time_zone_new_identifier (zone_name[3] != '\0' ? zone_name + 3 : "+00");

      if (!json_object_has_member (object, "gmt_offset") && zone != NULL)
        offset = g_time_zone_get_offset (zone, 0) / 3600.0;
    }
  else if (zone_name != NULL && *zone_name != '\0')
    {
      g_autoptr(GTimeZone) zone = g_time_zone_new_identifier (zone_name);

      if (!json_object_has_member (object, "gmt_offset") && zone != NULL)
        {
          g_autoptr(GDateTime) now = g_date_time_new_now (zone);

          offset = g_date_time_get_utc_offset (now) / (double) G_TIME_SPAN_HOUR;
        }
      info->timezone_string = g_steal_pointer (&zone_name);
    }
  info->gmt_offset = offset;
  return TRUE;
}

/**
 * nd_wp_site_info_free:
 * @info: (nullable): a site description
 *
 * Frees @info.
 */
void
nd_wp_site_info_free (NdWpSiteInfo *info)
{
  if (info == NULL)
    return;
  g_free (info->name);
  g_free (info->url);
  g_free (info->api_root);
  g_free (info->timezone_string);
  g_free (info);
}

/* NdWpUser ----------------------------------------------------------------- */

/**
 * nd_wp_user_new_from_json:
 * @node: the answer of `/wp/v2/users/me?context=edit`
 * @error: return location for an %ND_REMOTE_ERROR_MALFORMED
 *
 * Returns: (transfer full) (nullable): the user
 */
NdWpUser *
nd_wp_user_new_from_json (JsonNode  *node,
                          GError   **error)
{
  g_autoptr(NdWpUser) user = g_new0 (NdWpUser, 1);
  JsonObject *object;
  JsonObject *capabilities;

  object = root_object (node, "user", error);
  if (object == NULL)
    return NULL;

  if (!read_int (object, "id", TRUE, 1, &user->id, error) ||
      !read_string (object, "name", TRUE, FALSE, &user->name, error) ||
      !read_string (object, "slug", FALSE, TRUE, &user->slug, error) ||
      !read_map (object, "capabilities", &capabilities, error))
    return NULL;

  if (capabilities != NULL && json_object_has_member (capabilities, "publish_posts"))
    {
      JsonNode *can = json_object_get_member (capabilities, "publish_posts");

      if (!JSON_NODE_HOLDS_VALUE (can) || json_node_get_value_type (can) != G_TYPE_BOOLEAN)
        return fail_type (error, "capabilities"), NULL;
      user->can_publish = json_node_get_boolean (can);
    }
  if (user->slug == NULL)
    user->slug = g_strdup ("");
  return g_steal_pointer (&user);
}

/**
 * nd_wp_user_free:
 * @user: (nullable): a user
 *
 * Frees @user.
 */
void
nd_wp_user_free (NdWpUser *user)
{
  if (user == NULL)
    return;
  g_free (user->name);
  g_free (user->slug);
  g_free (user);
}

/* Batch -------------------------------------------------------------------- */

/**
 * nd_wp_batch_request_new:
 * @method: `POST`, `PUT`, `PATCH` or `DELETE`
 * @path: the route, e.g. `/wp/v2/posts`
 * @body: (nullable): the body; a reference is taken
 *
 * Returns: (transfer full): the request
 */
NdWpBatchRequest *
nd_wp_batch_request_new (const char *method,
                         const char *path,
                         JsonObject *body)
{
  NdWpBatchRequest *request = g_new0 (NdWpBatchRequest, 1);

  request->method = g_strdup (method);
  request->path = g_strdup (path);
  request->body = body != NULL ? json_object_ref (body) : NULL;
  return request;
}

/**
 * nd_wp_batch_request_free:
 * @request: (nullable): a request
 *
 * Frees @request.
 */
void
nd_wp_batch_request_free (NdWpBatchRequest *request)
{
  if (request == NULL)
    return;
  g_free (request->method);
  g_free (request->path);
  g_clear_pointer (&request->body, json_object_unref);
  g_free (request);
}

/**
 * nd_wp_batch_response_free:
 * @response: (nullable): a response
 *
 * Frees @response.
 */
void
nd_wp_batch_response_free (NdWpBatchResponse *response)
{
  if (response == NULL)
    return;
  g_clear_pointer (&response->body, json_node_unref);
  g_clear_error (&response->error);
  g_free (response);
}

/* NdWpRevision -------------------------------------------------------------- */

/**
 * nd_wp_revision_new_from_json:
 * @node: one item of `/wp/v2/posts/ID/revisions?context=edit`
 * @error: return location for an %ND_REMOTE_ERROR_MALFORMED error
 *
 * Returns: (transfer full) (nullable): the revision
 */
NdWpRevision *
nd_wp_revision_new_from_json (JsonNode  *node,
                              GError   **error)
{
  g_autoptr(NdWpRevision) revision = g_new0 (NdWpRevision, 1);
  JsonObject *object;

  object = root_object (node, "revision", error);
  if (object == NULL)
    return NULL;

  if (!read_int (object, "id", TRUE, 1, &revision->id, error) ||
      !read_int (object, "parent", FALSE, 0, &revision->parent, error) ||
      !read_int (object, "author", FALSE, 0, &revision->author, error) ||
      !read_date (object, "modified_gmt", FALSE, &revision->modified_gmt, error) ||
      !read_raw (object, "title", FALSE, &revision->title, error) ||
      !read_raw (object, "excerpt", FALSE, &revision->excerpt, error) ||
      !read_raw (object, "content", FALSE, &revision->content, error))
    return NULL;

  return g_steal_pointer (&revision);
}

/**
 * nd_wp_revision_free:
 * @revision: (nullable): a revision
 */
void
nd_wp_revision_free (NdWpRevision *revision)
{
  if (revision == NULL)
    return;
  g_clear_pointer (&revision->modified_gmt, g_date_time_unref);
  g_free (revision->title);
  g_free (revision->excerpt);
  g_free (revision->content);
  g_free (revision);
}
