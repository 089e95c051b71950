/* nd-fake-wordpress.c
 *
 * SPDX-License-Identifier: GPL-3.0-or-later
 */

/* A fake WordPress 6.1 for the sync tests: a real SoupServer on 127.0.0.1
 * that answers the REST API routes Newsdesk uses the way WordPress does
 * (statuses, error codes and bodies, pagination headers, date and slug
 * rules), with seeded fault injection. The server runs on its own thread
 * and main context so that a test can drive a client on the main context
 * while the server answers; one mutex guards all of the site's state.
 *
 * The behaviours follow WordPress's REST controllers (posts, terms,
 * attachments, settings, users, batch) as of 6.1; where the fake simplifies,
 * a comment says so. */

#include "config.h"

#include <string.h>
#include <libsoup/soup.h>

#include "nd-fake-wordpress.h"

#define MAX_PER_PAGE 100
#define MAX_BATCH 25
#define MINUTE 60

typedef struct
{
  gint64 id;
  char *login;
  char *app_password;   /* without spaces; NULL: none */
  gboolean administrator;
} User;

typedef struct
{
  gint64 id;
  gint64 author;
  char *status;
  char *trashed_status; /* the status before it went to the trash */
  char *slug;
  char *title;
  char *excerpt;
  char *content;
  gint64 date_gmt;      /* seconds since the epoch, UTC */
  gboolean date_floating; /* a draft whose date follows its saves */
  gint64 modified_gmt;
  GArray *tags;         /* gint64 */
  GArray *categories;   /* gint64 */
  gint64 featured_media;
  char *lang;           /* Polylang */
  gint64 tr_group;      /* Polylang translation group, 0: none */
  char *meta_uuid;      /* newsdesk_uuid (plugin) */
  char *meta_group;     /* newsdesk_group (plugin) */
} Post;

/* A revision: what wp_save_post_revision() copies of a post (the three
 * revisioned fields) plus who saved it and when. Revisions are rows of the
 * posts table in WordPress, so their ids come from the posts' counter; the
 * fake keeps them apart so that they never show up as posts. */
typedef struct
{
  gint64 id;
  gint64 parent;
  gint64 author;        /* the user whose save made it */
  char *title;
  char *excerpt;
  char *content;
  gint64 date_gmt;      /* the post's modified_gmt at that save */
  gint64 modified_gmt;
} Revision;

typedef struct
{
  gint64 id;
  gboolean category;
  char *name;
  char *slug;
  char *description;
  gint64 parent;
} Term;

typedef struct
{
  gint64 id;
  gint64 author;
  gint64 date_gmt;
  gint64 modified_gmt;
  char *filename;
  char *mime_type;
  char *title;
  char *caption;
  char *alt_text;
  char *description;
  char *path;           /* "/wp-content/uploads/YYYY/MM/NAME" */
  GBytes *data;
} Media;

typedef struct
{
  NdFakeFault fault;
  char *method;
  char *route_prefix;
} QueuedFault;

typedef struct
{
  unsigned int status;
  JsonNode *body;
  GPtrArray *headers;   /* name, value, name, value… */
} Response;

struct _NdFakeWordpress
{
  GObject parent_instance;

  GMutex mutex;
  GCond cond;
  GThread *thread;
  GMainContext *context;
  GMainLoop *loop;
  SoupServer *server;
  char *url;
  gboolean listening;

  /* Everything below is guarded by mutex. */
  NdFakeFeatures features;
  char *site_name;
  char *timezone_string;
  double gmt_offset;
  gint64 clock_offset;

  GPtrArray *users;     /* User */
  GPtrArray *posts;     /* Post, in id order */
  GPtrArray *terms;     /* Term */
  GPtrArray *media;     /* Media */
  GPtrArray *revisions; /* Revision, oldest first */
  gint64 next_post_id;  /* posts, attachments and revisions share ids, as in WP */
  gint64 next_term_id;
  gint64 next_tr_group;

  NdFakeFaults fault_mask;
  double fault_rate;
  GRand *rand;
  GQueue queued_faults; /* QueuedFault */
  unsigned int slow_delay_ms;
  unsigned int fault_counts[8];
  GPtrArray *other_edits;

  GPtrArray *request_log;
  GPtrArray *request_keys; /* "METHOD ROUTE" per request, for counting */
};

G_DEFINE_FINAL_TYPE (NdFakeWordpress, nd_fake_wordpress, G_TYPE_OBJECT)

static const char * const post_statuses[] = {
  "publish", "future", "draft", "pending", "private", "trash", NULL
};

/* Helpers: memory */

static void
user_free (User *user)
{
  g_free (user->login);
  g_free (user->app_password);
  g_free (user);
}

static void
post_free (Post *post)
{
  g_free (post->status);
  g_free (post->trashed_status);
  g_free (post->slug);
  g_free (post->title);
  g_free (post->excerpt);
  g_free (post->content);
  g_array_unref (post->tags);
  g_array_unref (post->categories);
  g_free (post->lang);
  g_free (post->meta_uuid);
  g_free (post->meta_group);
  g_free (post);
}

static void
revision_free (Revision *revision)
{
  g_free (revision->title);
  g_free (revision->excerpt);
  g_free (revision->content);
  g_free (revision);
}

static void
term_free (Term *term)
{
  g_free (term->name);
  g_free (term->slug);
  g_free (term->description);
  g_free (term);
}

static void
media_free (Media *media)
{
  g_free (media->filename);
  g_free (media->mime_type);
  g_free (media->title);
  g_free (media->caption);
  g_free (media->alt_text);
  g_free (media->description);
  g_free (media->path);
  g_clear_pointer (&media->data, g_bytes_unref);
  g_free (media);
}

static void
queued_fault_free (QueuedFault *queued)
{
  g_free (queued->method);
  g_free (queued->route_prefix);
  g_free (queued);
}

static Response *
response_new (unsigned int status,
              JsonNode    *body)
{
  Response *response = g_new0 (Response, 1);

  response->status = status;
  response->body = body;
  response->headers = g_ptr_array_new_with_free_func (g_free);
  return response;
}

static void
response_free (Response *response)
{
  g_clear_pointer (&response->body, json_node_unref);
  g_ptr_array_unref (response->headers);
  g_free (response);
}

G_DEFINE_AUTOPTR_CLEANUP_FUNC (Response, response_free)

static void
response_add_header (Response   *response,
                     const char *name,
                     const char *value)
{
  g_ptr_array_add (response->headers, g_strdup (name));
  g_ptr_array_add (response->headers, g_strdup (value));
}

static JsonNode *
node_from_object (JsonObject *object)
{
  JsonNode *node = json_node_new (JSON_NODE_OBJECT);

  json_node_take_object (node, object);
  return node;
}

static Response *
error_response_with_data (unsigned int  status,
                          const char   *code,
                          const char   *message,
                          JsonObject   *data)
{
  JsonObject *body = json_object_new ();

  if (data == NULL)
    data = json_object_new ();
  json_object_set_int_member (data, "status", status);
  json_object_set_string_member (body, "code", code);
  json_object_set_string_member (body, "message", message);
  json_object_set_object_member (body, "data", data);
  return response_new (status, node_from_object (body));
}

static Response *
error_response (unsigned int  status,
                const char   *code,
                const char   *message)
{
  return error_response_with_data (status, code, message, NULL);
}

/* WordPress answers every bad parameter with the same code and names the
 * parameter in data.params. */
static Response *
invalid_param (const char *param,
               const char *reason)
{
  JsonObject *data = json_object_new ();
  JsonObject *params = json_object_new ();
  g_autofree char *message = g_strdup_printf ("Invalid parameter(s): %s", param);

  json_object_set_string_member (params, param, reason);
  json_object_set_object_member (data, "params", params);
  return error_response_with_data (400, "rest_invalid_param", message, data);
}

static Response *
no_route (void)
{
  return error_response (404, "rest_no_route",
                         "No route was found matching the URL and request method.");
}

static void
set_str (char       **field,
         const char  *value)
{
  char *copy = g_strdup (value);

  g_free (*field);
  *field = copy;
}

/* Helpers: time */

static gint64
now_locked (NdFakeWordpress *self)
{
  return g_get_real_time () / G_USEC_PER_SEC + self->clock_offset;
}

static GTimeZone *
site_zone (NdFakeWordpress *self)
{
  GTimeZone *zone = NULL;

  if (self->timezone_string != NULL && *self->timezone_string != '\0')
    zone = g_time_zone_new_identifier (self->timezone_string);
  if (zone == NULL)
    zone = g_time_zone_new_offset ((gint32) (self->gmt_offset * 3600));
  return zone;
}

static char *
format_gmt (gint64 t)
{
  g_autoptr(GDateTime) dt = g_date_time_new_from_unix_utc (t);

  return g_date_time_format (dt, "%Y-%m-%dT%H:%M:%S");
}

static char *
format_local (NdFakeWordpress *self,
              gint64           t)
{
  g_autoptr(GTimeZone) zone = site_zone (self);
  g_autoptr(GDateTime) utc = g_date_time_new_from_unix_utc (t);
  g_autoptr(GDateTime) local = g_date_time_to_timezone (utc, zone);

  return g_date_time_format (local, "%Y-%m-%dT%H:%M:%S");
}

/* WordPress's rest_parse_date(): ISO 8601 with or without an offset. A
 * value without an offset means @default_zone (UTC for *_gmt fields, the
 * site's zone for date, after, before, modified_after…). */
static gboolean
parse_date (const char *text,
            GTimeZone  *default_zone,
            gint64     *out)
{
  g_autoptr(GDateTime) dt = NULL;

  if (text == NULL || strlen (text) < 19 || strlen (text) > 40)
    return FALSE;
  dt = g_date_time_new_from_iso8601 (text, default_zone);
  if (dt == NULL)
    return FALSE;
  *out = g_date_time_to_unix (dt);
  return TRUE;
}

/* Helpers: text */

/* sanitize_title_with_dashes(): lower-case ASCII, UTF-8 bytes kept as
 * lower-case %xx escapes (so a Cyrillic title gives "%d0%bf…"), white space
 * to dashes, anything else dropped. */
static char *
sanitize_slug (const char *text)
{
  GString *out = g_string_new (NULL);
  gboolean in_tag = FALSE;
  char *collapsed;
  GString *result;
  /* mb_strtolower() first, so "П" and "п" give the same slug. */
  g_autofree char *lower = g_utf8_validate (text ? text : "", -1, NULL)
                           ? g_utf8_strdown (text ? text : "", -1) : g_strdup (text ? text : "");

  for (const unsigned char *p = (const unsigned char *) lower; *p; p++)
    {
      if (*p == '<')
        in_tag = TRUE;
      else if (*p == '>' && in_tag)
        in_tag = FALSE;
      else if (in_tag)
        continue;
      else if (g_ascii_isalnum (*p) || *p == '_' || *p == '-')
        g_string_append_c (out, g_ascii_tolower (*p));
      else if (*p == ' ' || *p == '\t' || *p == '\n' || *p == '/')
        g_string_append_c (out, '-');
      else if (*p == '%' && g_ascii_isxdigit (p[1]) && g_ascii_isxdigit (p[2]))
        {
          g_string_append_c (out, '%');
          g_string_append_c (out, g_ascii_tolower (p[1]));
          g_string_append_c (out, g_ascii_tolower (p[2]));
          p += 2;
        }
      else if (*p >= 0x80)
        g_string_append_printf (out, "%%%02x", *p);
    }

  result = g_string_new (NULL);
  for (const char *p = out->str; *p; p++)
    {
      if (*p == '-' && (result->len == 0 || result->str[result->len - 1] == '-'))
        continue;
      g_string_append_c (result, *p);
    }
  while (result->len > 0 && result->str[result->len - 1] == '-')
    g_string_truncate (result, result->len - 1);
  g_string_free (out, TRUE);
  collapsed = g_string_free (result, FALSE);
  if (strlen (collapsed) > 200)
    collapsed[200] = '\0';
  return collapsed;
}

/* wptexturize() and esc_html() in small: the rendered fields carry
 * entities and curly quotes, so a client that syncs `rendered` instead of
 * `raw` is caught by the tests. */
static char *
texturize (const char *text,
           gboolean    keep_tags)
{
  GString *out = g_string_new (NULL);
  gboolean in_tag = FALSE;
  gboolean open_quote = TRUE;

  for (const char *p = text ? text : ""; *p; p++)
    {
      if (keep_tags && *p == '<')
        {
          if (g_str_has_prefix (p, "<!--"))
            {
              const char *end = strstr (p, "-->");

              /* Comments do not reach the rendered content. */
              if (end == NULL)
                break;
              p = end + 2;
              continue;
            }
          in_tag = TRUE;
        }
      if (in_tag)
        {
          g_string_append_c (out, *p);
          if (*p == '>')
            in_tag = FALSE;
          continue;
        }
      if (*p == '\'')
        g_string_append (out, "&#8217;");
      else if (*p == '"')
        {
          g_string_append (out, open_quote ? "&#8220;" : "&#8221;");
          open_quote = !open_quote;
        }
      else if (g_str_has_prefix (p, "..."))
        {
          g_string_append (out, "&#8230;");
          p += 2;
        }
      else if (*p == '&' && !keep_tags)
        g_string_append (out, "&#038;");
      else if (*p == '<' && !keep_tags)
        g_string_append (out, "&lt;");
      else if (*p == '>' && !keep_tags)
        g_string_append (out, "&gt;");
      else
        g_string_append_c (out, *p);
    }
  return g_string_free (out, FALSE);
}

static gboolean
contains_casefold (const char *haystack,
                   const char *needle)
{
  g_autofree char *h = g_utf8_casefold (haystack ? haystack : "", -1);
  g_autofree char *n = g_utf8_casefold (needle, -1);

  return strstr (h, n) != NULL;
}

static gboolean
has_uuid_marker (const char *content,
                 const char *uuid)
{
  g_autofree char *marker = g_strdup_printf ("<!-- newsdesk:%s -->", uuid);

  return content != NULL && strstr (content, marker) != NULL;
}

/* Helpers: parameters. Query values are strings, JSON bodies are typed;
 * WordPress accepts both ("5" and 5, "a,b" and ["a","b"]). */

static const char *
param_string (JsonObject *params,
              const char *name)
{
  JsonNode *node = json_object_get_member (params, name);

  if (node == NULL || !JSON_NODE_HOLDS_VALUE (node)
      || json_node_get_value_type (node) != G_TYPE_STRING)
    return NULL;
  return json_node_get_string (node);
}

static gboolean
param_int (JsonObject *params,
           const char *name,
           gint64     *out,
           gboolean   *valid)
{
  JsonNode *node = json_object_get_member (params, name);

  *valid = TRUE;
  if (node == NULL || JSON_NODE_HOLDS_NULL (node))
    return FALSE;
  if (JSON_NODE_HOLDS_VALUE (node))
    {
      GType type = json_node_get_value_type (node);

      if (type == G_TYPE_INT64)
        {
          *out = json_node_get_int (node);
          return TRUE;
        }
      if (type == G_TYPE_DOUBLE && json_node_get_double (node) == (gint64) json_node_get_double (node))
        {
          *out = (gint64) json_node_get_double (node);
          return TRUE;
        }
      if (type == G_TYPE_STRING)
        {
          const char *s = json_node_get_string (node);
          char *end = NULL;
          gint64 v = g_ascii_strtoll (s, &end, 10);

          if (*s != '\0' && end != NULL && *end == '\0')
            {
              *out = v;
              return TRUE;
            }
        }
    }
  *valid = FALSE;
  return FALSE;
}

static gboolean
param_bool (JsonObject *params,
            const char *name)
{
  JsonNode *node = json_object_get_member (params, name);

  if (node == NULL || !JSON_NODE_HOLDS_VALUE (node))
    return FALSE;
  if (json_node_get_value_type (node) == G_TYPE_BOOLEAN)
    return json_node_get_boolean (node);
  if (json_node_get_value_type (node) == G_TYPE_INT64)
    return json_node_get_int (node) != 0;
  if (json_node_get_value_type (node) == G_TYPE_STRING)
    {
      const char *s = json_node_get_string (node);

      return g_strcmp0 (s, "true") == 0 || g_strcmp0 (s, "1") == 0;
    }
  return FALSE;
}

/* A list of strings from "a,b" or ["a","b"]; NULL when absent; sets *valid
 * to FALSE for anything else. */
static GStrv
param_list (JsonObject *params,
            const char *name,
            gboolean   *valid)
{
  JsonNode *node = json_object_get_member (params, name);
  g_autoptr(GStrvBuilder) builder = NULL;

  *valid = TRUE;
  if (node == NULL)
    return NULL;
  if (JSON_NODE_HOLDS_VALUE (node) && json_node_get_value_type (node) == G_TYPE_STRING)
    {
      g_auto(GStrv) parts = g_strsplit (json_node_get_string (node), ",", -1);

      builder = g_strv_builder_new ();
      for (int i = 0; parts[i] != NULL; i++)
        {
          g_strstrip (parts[i]);
          if (*parts[i] != '\0')
            g_strv_builder_add (builder, parts[i]);
        }
      return g_strv_builder_end (builder);
    }
  if (JSON_NODE_HOLDS_VALUE (node) && json_node_get_value_type (node) == G_TYPE_INT64)
    {
      g_autofree char *s = g_strdup_printf ("%" G_GINT64_FORMAT, json_node_get_int (node));

      builder = g_strv_builder_new ();
      g_strv_builder_add (builder, s);
      return g_strv_builder_end (builder);
    }
  if (JSON_NODE_HOLDS_ARRAY (node))
    {
      JsonArray *array = json_node_get_array (node);

      builder = g_strv_builder_new ();
      for (unsigned int i = 0; i < json_array_get_length (array); i++)
        {
          JsonNode *item = json_array_get_element (array, i);

          if (JSON_NODE_HOLDS_VALUE (item) && json_node_get_value_type (item) == G_TYPE_STRING)
            g_strv_builder_add (builder, json_node_get_string (item));
          else if (JSON_NODE_HOLDS_VALUE (item) && json_node_get_value_type (item) == G_TYPE_INT64)
            {
              g_autofree char *s = g_strdup_printf ("%" G_GINT64_FORMAT, json_node_get_int (item));

              g_strv_builder_add (builder, s);
            }
          else
            {
              *valid = FALSE;
              return NULL;
            }
        }
      return g_strv_builder_end (builder);
    }
  *valid = FALSE;
  return NULL;
}

/* A list of ids; FALSE (and *out NULL) when a member is not an integer. */
static gboolean
param_id_list (JsonObject *params,
               const char *name,
               GArray    **out)
{
  gboolean valid;
  g_auto(GStrv) items = param_list (params, name, &valid);

  *out = NULL;
  if (!valid)
    return FALSE;
  if (items == NULL)
    return TRUE;
  *out = g_array_new (FALSE, FALSE, sizeof (gint64));
  for (int i = 0; items[i] != NULL; i++)
    {
      char *end = NULL;
      gint64 v = g_ascii_strtoll (items[i], &end, 10);

      if (end == NULL || *end != '\0' || v < 0)
        {
          g_clear_pointer (out, g_array_unref);
          return FALSE;
        }
      g_array_append_val (*out, v);
    }
  return TRUE;
}

static gboolean
id_in (GArray *ids,
       gint64  id)
{
  for (unsigned int i = 0; ids != NULL && i < ids->len; i++)
    if (g_array_index (ids, gint64, i) == id)
      return TRUE;
  return FALSE;
}

/* A text field given as "text" or {"raw": "text"}. Returns FALSE when
 * present but of another shape. */
static gboolean
param_text (JsonObject  *params,
            const char  *name,
            const char **out)
{
  JsonNode *node = json_object_get_member (params, name);

  *out = NULL;
  if (node == NULL)
    return TRUE;
  if (JSON_NODE_HOLDS_VALUE (node) && json_node_get_value_type (node) == G_TYPE_STRING)
    {
      *out = json_node_get_string (node);
      return TRUE;
    }
  if (JSON_NODE_HOLDS_OBJECT (node))
    {
      JsonObject *object = json_node_get_object (node);
      JsonNode *raw = json_object_get_member (object, "raw");

      if (raw != NULL && JSON_NODE_HOLDS_VALUE (raw)
          && json_node_get_value_type (raw) == G_TYPE_STRING)
        {
          *out = json_node_get_string (raw);
          return TRUE;
        }
      return raw == NULL;
    }
  return FALSE;
}

/* Lookups (mutex held) */

static User *
find_user (NdFakeWordpress *self,
           gint64           id)
{
  for (unsigned int i = 0; i < self->users->len; i++)
    {
      User *user = g_ptr_array_index (self->users, i);

      if (user->id == id)
        return user;
    }
  return NULL;
}

static Post *
find_post (NdFakeWordpress *self,
           gint64           id)
{
  for (unsigned int i = 0; i < self->posts->len; i++)
    {
      Post *post = g_ptr_array_index (self->posts, i);

      if (post->id == id)
        return post;
    }
  return NULL;
}

static Term *
find_term (NdFakeWordpress *self,
           gboolean         category,
           gint64           id)
{
  for (unsigned int i = 0; i < self->terms->len; i++)
    {
      Term *term = g_ptr_array_index (self->terms, i);

      if (term->id == id && term->category == category)
        return term;
    }
  return NULL;
}

static Media *
find_media (NdFakeWordpress *self,
            gint64           id)
{
  for (unsigned int i = 0; i < self->media->len; i++)
    {
      Media *media = g_ptr_array_index (self->media, i);

      if (media->id == id)
        return media;
    }
  return NULL;
}

static gboolean
slug_taken (NdFakeWordpress *self,
            const char      *slug,
            gint64           except_id)
{
  for (unsigned int i = 0; i < self->posts->len; i++)
    {
      Post *post = g_ptr_array_index (self->posts, i);

      if (post->id != except_id && g_strcmp0 (post->slug, slug) == 0)
        return TRUE;
    }
  for (unsigned int i = 0; i < self->media->len; i++)
    {
      Media *media = g_ptr_array_index (self->media, i);
      g_autofree char *media_slug = sanitize_slug (media->title);

      if (media->id != except_id && g_strcmp0 (media_slug, slug) == 0)
        return TRUE;
    }
  return FALSE;
}

/* wp_unique_post_slug(): "slug", "slug-2", "slug-3"… */
static char *
unique_post_slug (NdFakeWordpress *self,
                  const char      *slug,
                  gint64           id)
{
  if (!slug_taken (self, slug, id))
    return g_strdup (slug);
  for (int n = 2;; n++)
    {
      g_autofree char *candidate = g_strdup_printf ("%s-%d", slug, n);

      if (!slug_taken (self, candidate, id))
        return g_steal_pointer (&candidate);
    }
}

static gboolean
status_keeps_slug_empty (const char *status)
{
  return g_strcmp0 (status, "draft") == 0 || g_strcmp0 (status, "pending") == 0;
}

/* Representations */

static JsonObject *
text_object (const char *raw,
             char       *rendered,
             gboolean    edit,
             gboolean    with_protected)
{
  JsonObject *object = json_object_new ();

  if (edit)
    json_object_set_string_member (object, "raw", raw ? raw : "");
  json_object_set_string_member (object, "rendered", rendered);
  if (with_protected)
    json_object_set_boolean_member (object, "protected", FALSE);
  g_free (rendered);
  return object;
}

static JsonArray *
id_array (GArray *ids)
{
  JsonArray *array = json_array_new ();

  for (unsigned int i = 0; ids != NULL && i < ids->len; i++)
    json_array_add_int_element (array, g_array_index (ids, gint64, i));
  return array;
}

static char *
render_excerpt (const Post *post)
{
  g_autofree char *text = NULL;
  g_autofree char *source = NULL;

  if (post->excerpt != NULL && *post->excerpt != '\0')
    source = g_strdup (post->excerpt);
  else
    {
      /* wp_trim_excerpt(): the first 55 words of the content's text. */
      GString *plain = g_string_new (NULL);
      gboolean in_tag = FALSE;
      g_auto(GStrv) words = NULL;
      unsigned int n;

      for (const char *p = post->content ? post->content : ""; *p; p++)
        {
          if (*p == '<')
            in_tag = TRUE;
          else if (*p == '>')
            in_tag = FALSE;
          else if (!in_tag)
            g_string_append_c (plain, *p);
        }
      words = g_strsplit_set (plain->str, " \n\t", -1);
      g_string_truncate (plain, 0);
      n = 0;
      for (int i = 0; words[i] != NULL && n < 55; i++)
        if (*words[i] != '\0')
          {
            if (plain->len > 0)
              g_string_append_c (plain, ' ');
            g_string_append (plain, words[i]);
            n++;
          }
      source = g_string_free (plain, FALSE);
      text = texturize (source, FALSE);
      return *text ? g_strdup_printf ("<p>%s [&hellip;]</p>\n", text) : g_strdup ("");
    }
  text = texturize (source, FALSE);
  return *text ? g_strdup_printf ("<p>%s</p>\n", text) : g_strdup ("");
}

static JsonObject *
post_to_json (NdFakeWordpress *self,
              const Post      *post,
              gboolean         edit)
{
  JsonObject *object = json_object_new ();
  JsonObject *guid = json_object_new ();
  JsonObject *meta = json_object_new ();
  g_autofree char *date_gmt = format_gmt (post->date_gmt);
  g_autofree char *date = format_local (self, post->date_gmt);
  g_autofree char *modified_gmt = format_gmt (post->modified_gmt);
  g_autofree char *modified = format_local (self, post->modified_gmt);
  g_autofree char *guid_url = g_strdup_printf ("%s/?p=%" G_GINT64_FORMAT, self->url, post->id);
  g_autofree char *link = NULL;
  g_autofree char *generated = NULL;

  if (g_strcmp0 (post->status, "publish") == 0 && post->slug && *post->slug)
    link = g_strdup_printf ("%s/%s/", self->url, post->slug);
  else
    link = g_strdup (guid_url);

  json_object_set_int_member (object, "id", post->id);
  json_object_set_string_member (object, "date", date);
  json_object_set_string_member (object, "date_gmt", date_gmt);
  if (edit)
    json_object_set_string_member (guid, "raw", guid_url);
  json_object_set_string_member (guid, "rendered", guid_url);
  json_object_set_object_member (object, "guid", guid);
  json_object_set_string_member (object, "modified", modified);
  json_object_set_string_member (object, "modified_gmt", modified_gmt);
  if (edit)
    json_object_set_string_member (object, "password", "");
  json_object_set_string_member (object, "slug", post->slug ? post->slug : "");
  json_object_set_string_member (object, "status", post->status);
  json_object_set_string_member (object, "type", "post");
  json_object_set_string_member (object, "link", link);
  json_object_set_object_member (object, "title",
                                 text_object (post->title, texturize (post->title, FALSE), edit, FALSE));
  json_object_set_object_member (object, "content",
                                 text_object (post->content, texturize (post->content, TRUE), edit, TRUE));
  if (edit)
    json_object_set_int_member (json_object_get_object_member (object, "content"), "block_version", 0);
  json_object_set_object_member (object, "excerpt",
                                 text_object (post->excerpt, render_excerpt (post), edit, TRUE));
  json_object_set_int_member (object, "author", post->author);
  json_object_set_int_member (object, "featured_media", post->featured_media);
  json_object_set_string_member (object, "comment_status", "open");
  json_object_set_string_member (object, "ping_status", "open");
  json_object_set_boolean_member (object, "sticky", FALSE);
  json_object_set_string_member (object, "template", "");
  json_object_set_string_member (object, "format", "standard");
  if (self->features & ND_FAKE_FEATURE_NEWSDESK_PLUGIN)
    {
      json_object_set_string_member (meta, "newsdesk_uuid", post->meta_uuid ? post->meta_uuid : "");
      json_object_set_string_member (meta, "newsdesk_group", post->meta_group ? post->meta_group : "");
    }
  json_object_set_object_member (object, "meta", meta);
  json_object_set_array_member (object, "categories", id_array (post->categories));
  json_object_set_array_member (object, "tags", id_array (post->tags));
  if (edit)
    {
      g_autofree char *permalink = g_strdup_printf ("%s/%%postname%%/", self->url);

      json_object_set_string_member (object, "permalink_template", permalink);
      generated = sanitize_slug (post->title);
      json_object_set_string_member (object, "generated_slug", *generated ? generated : "");
    }
  if (self->features & ND_FAKE_FEATURE_POLYLANG)
    {
      JsonObject *translations = json_object_new ();

      json_object_set_string_member (object, "lang", post->lang ? post->lang : "");
      for (unsigned int i = 0; i < self->posts->len; i++)
        {
          Post *other = g_ptr_array_index (self->posts, i);

          if (other->lang == NULL || *other->lang == '\0')
            continue;
          if (other == post || (post->tr_group != 0 && other->tr_group == post->tr_group))
            json_object_set_int_member (translations, other->lang, other->id);
        }
      json_object_set_object_member (object, "translations", translations);
    }
  return object;
}

/* Posts */

static gboolean
is_post_status (const char *status)
{
  return status != NULL && g_strv_contains (post_statuses, status);
}

static void
touch_post (NdFakeWordpress *self,
            Post            *post)
{
  /* WordPress stores seconds; the fake moves modified_gmt on by at least one
   * second per write so that every write is visible to a client comparing
   * modified_gmt (see the header). */
  post->modified_gmt = MAX (now_locked (self), post->modified_gmt + 1);
}

static void
remove_post (NdFakeWordpress *self,
             Post            *post)
{
  /* wp_delete_post() deletes the post's revisions with it. */
  for (unsigned int i = self->revisions->len; i > 0; i--)
    if (((Revision *) g_ptr_array_index (self->revisions, i - 1))->parent == post->id)
      g_ptr_array_remove_index (self->revisions, i - 1);
  g_ptr_array_remove (self->posts, post);
}

/* Revisions */

/* normalize_whitespace(): trimmed, "\r" as "\n", runs of newlines and
 * runs of blanks collapsed, so that a change of white space alone is not
 * a change. */
static char *
normalize_whitespace (const char *text)
{
  g_autofree char *trimmed = g_strstrip (g_strdup (text ? text : ""));
  GString *out = g_string_new (NULL);

  for (const char *p = trimmed; *p; p++)
    {
      char c = *p == '\r' ? '\n' : *p;

      if (c == '\t')
        c = ' ';
      if ((c == '\n' || c == ' ') && out->len > 0 && out->str[out->len - 1] == c)
        continue;
      g_string_append_c (out, c);
    }
  return g_string_free (out, FALSE);
}

static gboolean
same_text (const char *a,
           const char *b)
{
  g_autofree char *na = normalize_whitespace (a);
  g_autofree char *nb = normalize_whitespace (b);

  return g_str_equal (na, nb);
}

static Revision *
latest_revision (NdFakeWordpress *self,
                 gint64           parent)
{
  /* Revisions are appended as they are saved and a post's modified_gmt
   * only moves forward, so the last one is also the newest by date. */
  for (unsigned int i = self->revisions->len; i > 0; i--)
    {
      Revision *revision = g_ptr_array_index (self->revisions, i - 1);

      if (revision->parent == parent)
        return revision;
    }
  return NULL;
}

/* wp_save_post_revision() as WordPress 6.1 runs it, on post_updated: after
 * an update (not a creation) it copies the post's title, excerpt and
 * content, unless the newest revision already has the same three (white
 * space aside). A post without any revision gets one at its first update
 * whatever changed. The revision's author is whoever saved. */
static void
save_revision (NdFakeWordpress *self,
               Post            *post,
               gint64           user_id)
{
  Revision *latest = latest_revision (self, post->id);
  Revision *revision;

  if (latest != NULL
      && same_text (latest->title, post->title)
      && same_text (latest->excerpt, post->excerpt)
      && same_text (latest->content, post->content))
    return;

  revision = g_new0 (Revision, 1);
  revision->id = self->next_post_id++;
  revision->parent = post->id;
  revision->author = user_id;
  revision->title = g_strdup (post->title);
  revision->excerpt = g_strdup (post->excerpt);
  revision->content = g_strdup (post->content);
  revision->date_gmt = post->modified_gmt;
  revision->modified_gmt = post->modified_gmt;
  g_ptr_array_add (self->revisions, revision);
}

static Revision *
find_revision (NdFakeWordpress *self,
               gint64           id)
{
  for (unsigned int i = 0; i < self->revisions->len; i++)
    {
      Revision *revision = g_ptr_array_index (self->revisions, i);

      if (revision->id == id)
        return revision;
    }
  return NULL;
}

static unsigned int
count_revisions_locked (NdFakeWordpress *self,
                        gint64           parent)
{
  unsigned int count = 0;

  for (unsigned int i = 0; i < self->revisions->len; i++)
    if (((Revision *) g_ptr_array_index (self->revisions, i))->parent == parent)
      count++;
  return count;
}

/* Everything a write may carry, validated before anything changes, as
 * WordPress validates all arguments against the schema first. */
typedef struct
{
  const char *title;
  const char *content;
  const char *excerpt;
  const char *status;
  const char *slug;
  gboolean has_date;
  gboolean date_null;
  gint64 date_gmt;
  gboolean has_author;
  gint64 author;
  GArray *tags;
  GArray *categories;
  gboolean has_featured_media;
  gint64 featured_media;
  const char *lang;
  JsonObject *translations;
  const char *meta_uuid;
  const char *meta_group;
} PostWrite;

static void
post_write_clear (PostWrite *write)
{
  g_clear_pointer (&write->tags, g_array_unref);
  g_clear_pointer (&write->categories, g_array_unref);
}

static Response *
parse_post_write (NdFakeWordpress *self,
                  JsonObject      *params,
                  PostWrite       *write)
{
  gboolean valid;
  JsonNode *node;

  if (!param_text (params, "title", &write->title))
    return invalid_param ("title", "title is not of type object,string.");
  if (!param_text (params, "content", &write->content))
    return invalid_param ("content", "content is not of type object,string.");
  if (!param_text (params, "excerpt", &write->excerpt))
    return invalid_param ("excerpt", "excerpt is not of type object,string.");

  if (json_object_has_member (params, "status"))
    {
      static const char * const writable[] = { "publish", "future", "draft", "pending", "private", NULL };

      write->status = param_string (params, "status");
      if (write->status == NULL || !g_strv_contains (writable, write->status))
        return invalid_param ("status", "status is not one of publish, future, draft, pending, private.");
    }
  if (json_object_has_member (params, "slug"))
    {
      write->slug = param_string (params, "slug");
      if (write->slug == NULL)
        return invalid_param ("slug", "slug is not of type string.");
    }

  /* date_gmt wins over date, as in the posts controller. */
  for (int i = 0; i < 2; i++)
    {
      const char *name = i == 0 ? "date_gmt" : "date";

      node = json_object_get_member (params, name);
      if (node == NULL || write->has_date)
        continue;
      write->has_date = TRUE;
      if (JSON_NODE_HOLDS_NULL (node))
        write->date_null = TRUE;
      else
        {
          g_autoptr(GTimeZone) zone = i == 0 ? g_time_zone_new_utc () : site_zone (self);

          if (param_string (params, name) == NULL
              || !parse_date (param_string (params, name), zone, &write->date_gmt))
            return error_response (400, "rest_invalid_date", "Invalid date.");
        }
    }

  if (json_object_has_member (params, "author"))
    {
      write->has_author = param_int (params, "author", &write->author, &valid);
      if (!valid || !write->has_author)
        return invalid_param ("author", "author is not of type integer.");
      if (find_user (self, write->author) == NULL)
        return error_response (400, "rest_invalid_author", "Invalid author ID.");
    }
  if (!param_id_list (params, "tags", &write->tags))
    return invalid_param ("tags", "tags[0] is not of type integer.");
  if (!param_id_list (params, "categories", &write->categories))
    return invalid_param ("categories", "categories[0] is not of type integer.");
  if (json_object_has_member (params, "featured_media"))
    {
      write->has_featured_media = param_int (params, "featured_media", &write->featured_media, &valid);
      if (!valid || !write->has_featured_media)
        return invalid_param ("featured_media", "featured_media is not of type integer.");
      if (write->featured_media != 0 && find_media (self, write->featured_media) == NULL)
        return error_response (400, "rest_invalid_featured_media", "Invalid featured media ID.");
    }

  if (self->features & ND_FAKE_FEATURE_POLYLANG)
    {
      if (json_object_has_member (params, "lang"))
        {
          write->lang = param_string (params, "lang");
          if (write->lang == NULL)
            return invalid_param ("lang", "lang is not of type string.");
        }
      node = json_object_get_member (params, "translations");
      if (node != NULL)
        {
          if (!JSON_NODE_HOLDS_OBJECT (node))
            return invalid_param ("translations", "translations is not of type object.");
          write->translations = json_node_get_object (node);
        }
    }

  node = json_object_get_member (params, "meta");
  if (node != NULL)
    {
      JsonObject *meta;

      if (!JSON_NODE_HOLDS_OBJECT (node))
        return invalid_param ("meta", "meta is not of type object.");
      meta = json_node_get_object (node);
      /* Unregistered meta keys are ignored, like WordPress does; the
       * plugin registers the two Newsdesk keys as strings. */
      if (self->features & ND_FAKE_FEATURE_NEWSDESK_PLUGIN)
        {
          if (json_object_has_member (meta, "newsdesk_uuid"))
            {
              write->meta_uuid = param_string (meta, "newsdesk_uuid");
              if (write->meta_uuid == NULL)
                return invalid_param ("meta", "meta.newsdesk_uuid is not of type string.");
            }
          if (json_object_has_member (meta, "newsdesk_group"))
            {
              write->meta_group = param_string (meta, "newsdesk_group");
              if (write->meta_group == NULL)
                return invalid_param ("meta", "meta.newsdesk_group is not of type string.");
            }
        }
    }
  return NULL;
}

static void
set_translations (NdFakeWordpress *self,
                  Post            *post,
                  JsonObject      *translations)
{
  g_autoptr(GList) members = json_object_get_members (translations);
  gint64 group = ++self->next_tr_group;

  post->tr_group = group;
  for (GList *l = members; l != NULL; l = l->next)
    {
      gboolean valid;
      gint64 id;
      Post *other;

      if (!param_int (translations, l->data, &id, &valid))
        continue;
      other = find_post (self, id);
      if (other != NULL && other->lang != NULL && g_strcmp0 (other->lang, l->data) == 0)
        other->tr_group = group;
    }
}

/* wp_insert_post()/wp_update_post() on a validated write. */
static void
apply_post_write (NdFakeWordpress *self,
                  Post            *post,
                  const PostWrite *write,
                  gboolean         creating)
{
  gint64 now = now_locked (self);
  const char *status = write->status ? write->status : post->status;

  if (write->title)
    set_str (&post->title, write->title);
  if (write->content)
    set_str (&post->content, write->content);
  if (write->excerpt)
    set_str (&post->excerpt, write->excerpt);
  if (write->has_author)
    post->author = write->author;
  if (write->has_featured_media)
    post->featured_media = write->featured_media;
  if (write->tags)
    {
      g_array_set_size (post->tags, 0);
      for (unsigned int i = 0; i < write->tags->len; i++)
        {
          gint64 id = g_array_index (write->tags, gint64, i);

          /* Ids of missing terms are skipped, as wp_set_object_terms() does. */
          if (find_term (self, FALSE, id) != NULL && !id_in (post->tags, id))
            g_array_append_val (post->tags, id);
        }
    }
  if (write->categories)
    {
      g_array_set_size (post->categories, 0);
      for (unsigned int i = 0; i < write->categories->len; i++)
        {
          gint64 id = g_array_index (write->categories, gint64, i);

          if (find_term (self, TRUE, id) != NULL && !id_in (post->categories, id))
            g_array_append_val (post->categories, id);
        }
    }
  if (post->categories->len == 0)
    {
      gint64 uncategorized = 1;

      g_array_append_val (post->categories, uncategorized);
    }
  if (write->lang)
    set_str (&post->lang, write->lang);
  if (write->translations)
    set_translations (self, post, write->translations);
  if (write->meta_uuid)
    set_str (&post->meta_uuid, write->meta_uuid);
  if (write->meta_group)
    set_str (&post->meta_group, write->meta_group);

  /* Dates: a draft without a date of its own takes the time of each save;
   * an explicit date (or publishing) fixes it. */
  if (write->has_date && !write->date_null)
    {
      post->date_gmt = write->date_gmt;
      post->date_floating = FALSE;
    }
  else if (write->has_date && write->date_null)
    post->date_floating = TRUE;
  if (creating && !write->has_date)
    post->date_floating = TRUE;
  if (post->date_floating)
    post->date_gmt = now;
  if (!status_keeps_slug_empty (status) && g_strcmp0 (status, "trash") != 0)
    post->date_floating = FALSE;

  /* wp_insert_post(): "publish" dated a minute or more ahead becomes
   * "future"; "future" less than a minute ahead is published at once. */
  if (g_strcmp0 (status, "publish") == 0 && post->date_gmt - now >= MINUTE)
    status = "future";
  else if (g_strcmp0 (status, "future") == 0 && post->date_gmt - now < MINUTE)
    status = "publish";
  if (g_strcmp0 (post->status, status) != 0)
    set_str (&post->status, status);

  /* Slugs: drafts and pending posts keep what they were given (even a
   * duplicate, or none); anything else gets a unique one. */
  if (write->slug)
    {
      g_autofree char *slug = sanitize_slug (write->slug);

      set_str (&post->slug, slug);
    }
  if (!status_keeps_slug_empty (post->status))
    {
      g_autofree char *base = NULL;

      if (post->slug == NULL || *post->slug == '\0')
        base = sanitize_slug (post->title);
      else
        base = g_strdup (post->slug);
      if (*base == '\0')
        {
          g_free (base);
          base = g_strdup_printf ("%" G_GINT64_FORMAT, post->id);
        }
      g_free (post->slug);
      post->slug = unique_post_slug (self, base, post->id);
    }
  else if (post->slug == NULL)
    post->slug = g_strdup ("");

  touch_post (self, post);
}

static Post *
post_new (NdFakeWordpress *self,
          gint64           author)
{
  Post *post = g_new0 (Post, 1);

  post->id = self->next_post_id++;
  post->author = author;
  post->status = g_strdup ("draft");
  post->title = g_strdup ("");
  post->content = g_strdup ("");
  post->excerpt = g_strdup ("");
  post->tags = g_array_new (FALSE, FALSE, sizeof (gint64));
  post->categories = g_array_new (FALSE, FALSE, sizeof (gint64));
  g_ptr_array_add (self->posts, post);
  return post;
}

static Response *
post_response (NdFakeWordpress *self,
               Post            *post,
               unsigned int     status,
               gboolean         edit)
{
  Response *response = response_new (status, node_from_object (post_to_json (self, post, edit)));

  if (status == 201)
    {
      g_autofree char *location = g_strdup_printf ("%s/wp-json/wp/v2/posts/%" G_GINT64_FORMAT,
                                                   self->url, post->id);

      response_add_header (response, "Location", location);
    }
  return response;
}

static Response *
create_post (NdFakeWordpress *self,
             gint64           user_id,
             JsonObject      *params)
{
  PostWrite write = { 0 };
  Response *error;
  Post *post;

  if (user_id == 0)
    return error_response (401, "rest_cannot_create",
                           "Sorry, you are not allowed to create posts as this user.");
  if (json_object_has_member (params, "id"))
    return error_response (400, "rest_post_exists", "Cannot create existing post.");
  error = parse_post_write (self, params, &write);
  if (error != NULL)
    {
      post_write_clear (&write);
      return error;
    }
  post = post_new (self, user_id);
  apply_post_write (self, post, &write, TRUE);
  post_write_clear (&write);
  return post_response (self, post, 201, TRUE);
}

static Response *
update_post (NdFakeWordpress *self,
             gint64           user_id,
             gint64           id,
             JsonObject      *params)
{
  PostWrite write = { 0 };
  Response *error;
  Post *post = find_post (self, id);

  if (post == NULL)
    return error_response (404, "rest_post_invalid_id", "Invalid post ID.");
  if (user_id == 0)
    return error_response (401, "rest_cannot_edit", "Sorry, you are not allowed to edit this post.");
  error = parse_post_write (self, params, &write);
  if (error != NULL)
    {
      post_write_clear (&write);
      return error;
    }
  apply_post_write (self, post, &write, FALSE);
  post_write_clear (&write);
  save_revision (self, post, user_id);
  return post_response (self, post, 200, TRUE);
}

static Response *
delete_post (NdFakeWordpress *self,
             gint64           user_id,
             gint64           id,
             JsonObject      *params)
{
  Post *post = find_post (self, id);

  if (post == NULL)
    return error_response (404, "rest_post_invalid_id", "Invalid post ID.");
  if (user_id == 0)
    return error_response (401, "rest_cannot_delete", "Sorry, you are not allowed to delete this post.");

  if (param_bool (params, "force"))
    {
      JsonObject *body = json_object_new ();

      json_object_set_boolean_member (body, "deleted", TRUE);
      json_object_set_object_member (body, "previous", post_to_json (self, post, TRUE));
      remove_post (self, post);
      return response_new (200, node_from_object (body));
    }

  if (g_strcmp0 (post->status, "trash") == 0)
    return error_response (410, "rest_already_trashed", "The post has already been deleted.");

  /* wp_trash_post(): remembers the status, frees the slug. */
  set_str (&post->trashed_status, post->status);
  set_str (&post->status, "trash");
  if (post->slug != NULL && *post->slug != '\0')
    {
      g_autofree char *trashed = g_strdup_printf ("%s__trashed", post->slug);

      set_str (&post->slug, trashed);
    }
  touch_post (self, post);
  /* wp_trash_post() goes through wp_update_post(), so post_updated runs. */
  save_revision (self, post, user_id);
  return post_response (self, post, 200, TRUE);
}

static gboolean
user_can_read (const Post *post,
               gint64      user_id)
{
  return user_id != 0 || g_strcmp0 (post->status, "publish") == 0;
}

static Response *
get_post (NdFakeWordpress *self,
          gint64           user_id,
          gint64           id,
          JsonObject      *params)
{
  Post *post = find_post (self, id);
  gboolean edit = g_strcmp0 (param_string (params, "context"), "edit") == 0;

  if (post == NULL)
    return error_response (404, "rest_post_invalid_id", "Invalid post ID.");
  if (edit && user_id == 0)
    return error_response (401, "rest_forbidden_context", "Sorry, you are not allowed to edit this post.");
  if (!user_can_read (post, user_id))
    return error_response (401, "rest_forbidden", "Sorry, you are not allowed to do that.");
  return post_response (self, post, 200, edit);
}

typedef struct
{
  const char *orderby;
  gboolean ascending;
  GArray *include;
} SortSpec;

static int
compare_posts (gconstpointer a,
               gconstpointer b,
               gpointer      user_data)
{
  const Post *pa = *(const Post **) a;
  const Post *pb = *(const Post **) b;
  const SortSpec *spec = user_data;
  gint64 ka, kb;
  int result = 0;

  if (g_strcmp0 (spec->orderby, "include") == 0 && spec->include != NULL)
    {
      for (unsigned int i = 0; i < spec->include->len; i++)
        {
          if (g_array_index (spec->include, gint64, i) == pa->id)
            return -1;
          if (g_array_index (spec->include, gint64, i) == pb->id)
            return 1;
        }
      return 0;
    }
  if (g_strcmp0 (spec->orderby, "title") == 0 || g_strcmp0 (spec->orderby, "slug") == 0)
    {
      gboolean title = g_strcmp0 (spec->orderby, "title") == 0;

      result = g_strcmp0 (title ? pa->title : pa->slug, title ? pb->title : pb->slug);
    }
  else
    {
      if (g_strcmp0 (spec->orderby, "modified") == 0)
        ka = pa->modified_gmt, kb = pb->modified_gmt;
      else if (g_strcmp0 (spec->orderby, "id") == 0)
        ka = pa->id, kb = pb->id;
      else
        ka = pa->date_gmt, kb = pb->date_gmt;
      result = ka < kb ? -1 : ka > kb ? 1 : 0;
    }
  /* MySQL leaves ties in no particular order; the fake breaks them by id
   * so that pages are stable. */
  if (result == 0)
    result = pa->id < pb->id ? -1 : pa->id > pb->id ? 1 : 0;
  return spec->ascending ? result : -result;
}

static void
add_pagination_headers (Response     *response,
                        unsigned int  total,
                        unsigned int  per_page)
{
  g_autofree char *total_s = g_strdup_printf ("%u", total);
  g_autofree char *pages_s = g_strdup_printf ("%u", (total + per_page - 1) / per_page);

  response_add_header (response, "X-WP-Total", total_s);
  response_add_header (response, "X-WP-TotalPages", pages_s);
}

/* The pagination parameters every collection shares. */
static Response *
parse_paging (JsonObject *params,
              gint64     *page,
              gint64     *per_page)
{
  gboolean valid;

  *page = 1;
  *per_page = 10;
  if (!param_int (params, "page", page, &valid) && !valid)
    return invalid_param ("page", "page is not of type integer.");
  if (*page < 1)
    return invalid_param ("page", "page must be greater than or equal to 1");
  if (!param_int (params, "per_page", per_page, &valid) && !valid)
    return invalid_param ("per_page", "per_page is not of type integer.");
  if (*per_page < 1 || *per_page > MAX_PER_PAGE)
    return invalid_param ("per_page", "per_page must be between 1 (inclusive) and 100 (inclusive)");
  return NULL;
}

static Response *
list_posts (NdFakeWordpress *self,
            gint64           user_id,
            JsonObject      *params)
{
  gboolean edit = g_strcmp0 (param_string (params, "context"), "edit") == 0;
  g_autoptr(GTimeZone) zone = site_zone (self);
  g_autoptr(GPtrArray) matches = g_ptr_array_new ();
  g_autoptr(GArray) include = NULL;
  g_autoptr(GArray) exclude = NULL;
  g_autoptr(GArray) tags = NULL;
  g_autoptr(GArray) categories = NULL;
  g_auto(GStrv) statuses = NULL;
  g_auto(GStrv) search_terms = NULL;
  gint64 page, per_page;
  gint64 after = G_MININT64, before = G_MAXINT64;
  gint64 modified_after = G_MININT64, modified_before = G_MAXINT64;
  const char *search = param_string (params, "search");
  const char *slug = param_string (params, "slug");
  const char *lang = param_string (params, "lang");
  const char *uuid = NULL;
  const char *orderby = param_string (params, "orderby");
  const char *order = param_string (params, "order");
  JsonArray *array;
  gboolean valid;
  gint64 pages;
  SortSpec spec;
  Response *error;
  Response *response;
  static const char * const orderbys[] = {
    "author", "date", "id", "include", "modified", "parent", "relevance",
    "slug", "include_slugs", "title", NULL
  };

  if (edit && user_id == 0)
    return error_response (401, "rest_forbidden_context",
                           "Sorry, you are not allowed to edit posts in this post type.");
  error = parse_paging (params, &page, &per_page);
  if (error != NULL)
    return error;

  statuses = param_list (params, "status", &valid);
  if (!valid)
    return invalid_param ("status", "status is not of type array.");
  if (statuses == NULL)
    statuses = g_strsplit ("publish", ",", -1);
  for (int i = 0; statuses[i] != NULL; i++)
    {
      if (g_strcmp0 (statuses[i], "any") != 0 && !is_post_status (statuses[i]))
        return invalid_param ("status", "status[0] is not one of publish, future, draft, pending, private, trash, auto-draft, inherit, request-pending, request-confirmed, request-failed, request-completed, any.");
      if (g_strcmp0 (statuses[i], "publish") != 0 && user_id == 0)
        return error_response (401, "rest_forbidden_status", "Status is forbidden.");
    }

  for (int i = 0; i < 4; i++)
    {
      static const char * const names[] = { "after", "before", "modified_after", "modified_before" };
      gint64 *targets[] = { &after, &before, &modified_after, &modified_before };
      const char *value = param_string (params, names[i]);

      if (json_object_has_member (params, names[i])
          && (value == NULL || !parse_date (value, zone, targets[i])))
        return invalid_param (names[i], "Invalid date.");
    }

  if (!param_id_list (params, "include", &include))
    return invalid_param ("include", "include[0] is not of type integer.");
  if (!param_id_list (params, "exclude", &exclude))
    return invalid_param ("exclude", "exclude[0] is not of type integer.");
  if (!param_id_list (params, "tags", &tags))
    return invalid_param ("tags", "tags[0] is not of type integer.");
  if (!param_id_list (params, "categories", &categories))
    return invalid_param ("categories", "categories[0] is not of type integer.");
  if (orderby != NULL && !g_strv_contains (orderbys, orderby))
    return invalid_param ("orderby", "orderby is not one of author, date, id, include, modified, parent, relevance, slug, include_slugs, title.");
  if (order != NULL && g_strcmp0 (order, "asc") != 0 && g_strcmp0 (order, "desc") != 0)
    return invalid_param ("order", "order is not one of asc and desc.");
  if (self->features & ND_FAKE_FEATURE_NEWSDESK_PLUGIN)
    uuid = param_string (params, "newsdesk_uuid");
  if (search != NULL)
    search_terms = g_strsplit_set (search, " ", -1);

  for (unsigned int i = 0; i < self->posts->len; i++)
    {
      Post *post = g_ptr_array_index (self->posts, i);
      gboolean status_ok = FALSE;

      for (int s = 0; statuses[s] != NULL && !status_ok; s++)
        status_ok = g_strcmp0 (statuses[s], post->status) == 0
                    || (g_strcmp0 (statuses[s], "any") == 0
                        && g_strcmp0 (post->status, "trash") != 0);
      if (!status_ok)
        continue;
      if (include != NULL && !id_in (include, post->id))
        continue;
      if (exclude != NULL && id_in (exclude, post->id))
        continue;
      /* WordPress compares these with strict inequalities. */
      if (!(post->date_gmt > after && post->date_gmt < before))
        continue;
      if (!(post->modified_gmt > modified_after && post->modified_gmt < modified_before))
        continue;
      if (slug != NULL && g_strcmp0 (slug, post->slug) != 0)
        continue;
      if (uuid != NULL && g_strcmp0 (uuid, post->meta_uuid) != 0)
        continue;
      if (lang != NULL && (self->features & ND_FAKE_FEATURE_POLYLANG)
          && g_strcmp0 (lang, post->lang) != 0)
        continue;
      if (tags != NULL)
        {
          gboolean any = FALSE;

          for (unsigned int t = 0; t < tags->len && !any; t++)
            any = id_in (post->tags, g_array_index (tags, gint64, t));
          if (!any)
            continue;
        }
      if (categories != NULL)
        {
          gboolean any = FALSE;

          for (unsigned int t = 0; t < categories->len && !any; t++)
            any = id_in (post->categories, g_array_index (categories, gint64, t));
          if (!any)
            continue;
        }
      if (search_terms != NULL)
        {
          gboolean all = TRUE;

          for (int t = 0; search_terms[t] != NULL && all; t++)
            {
              if (*search_terms[t] == '\0')
                continue;
              all = contains_casefold (post->title, search_terms[t])
                    || contains_casefold (post->excerpt, search_terms[t])
                    || contains_casefold (post->content, search_terms[t]);
            }
          if (!all)
            continue;
        }
      g_ptr_array_add (matches, post);
    }

  spec.orderby = orderby ? orderby : "date";
  spec.ascending = g_strcmp0 (order, "asc") == 0;
  spec.include = include;
  g_ptr_array_sort_with_data (matches, compare_posts, &spec);

  pages = (matches->len + per_page - 1) / per_page;
  if (page > pages && matches->len > 0)
    return error_response (400, "rest_post_invalid_page_number",
                           "The page number requested is larger than the number of pages available.");

  array = json_array_new ();
  for (gint64 i = (page - 1) * per_page; i < MIN ((gint64) matches->len, page * per_page); i++)
    json_array_add_object_element (array, post_to_json (self, g_ptr_array_index (matches, i), edit));
  response = response_new (200, json_node_init_array (json_node_alloc (), array));
  json_array_unref (array);
  add_pagination_headers (response, matches->len, per_page);
  return response;
}

/* Revisions: the REST routes */

/* WP_REST_Revisions_Controller::prepare_item_for_response(). */
static JsonObject *
revision_to_json (NdFakeWordpress *self,
                  const Revision  *revision,
                  gboolean         edit)
{
  JsonObject *object = json_object_new ();
  JsonObject *guid = json_object_new ();
  g_autofree char *date_gmt = format_gmt (revision->date_gmt);
  g_autofree char *date = format_local (self, revision->date_gmt);
  g_autofree char *modified_gmt = format_gmt (revision->modified_gmt);
  g_autofree char *modified = format_local (self, revision->modified_gmt);
  g_autofree char *slug = g_strdup_printf ("%" G_GINT64_FORMAT "-revision-v1", revision->parent);
  /* A revision's status ("inherit") is not public, so its permalink, and
   * with it the guid, is the plain one. */
  g_autofree char *guid_url = g_strdup_printf ("%s/?p=%" G_GINT64_FORMAT, self->url, revision->id);
  g_autofree char *excerpt = texturize (revision->excerpt, FALSE);

  json_object_set_int_member (object, "author", revision->author);
  json_object_set_string_member (object, "date", date);
  json_object_set_string_member (object, "date_gmt", date_gmt);
  json_object_set_int_member (object, "id", revision->id);
  json_object_set_string_member (object, "modified", modified);
  json_object_set_string_member (object, "modified_gmt", modified_gmt);
  json_object_set_int_member (object, "parent", revision->parent);
  json_object_set_string_member (object, "slug", slug);
  json_object_set_string_member (guid, "rendered", guid_url);
  if (edit)
    json_object_set_string_member (guid, "raw", guid_url);
  json_object_set_object_member (object, "guid", guid);
  json_object_set_object_member (object, "title",
                                 text_object (revision->title, texturize (revision->title, FALSE), edit, FALSE));
  json_object_set_object_member (object, "content",
                                 text_object (revision->content, texturize (revision->content, TRUE), edit, FALSE));
  /* the_excerpt on the revision's own excerpt: an empty one stays empty,
   * nothing is cut from the content as for a post. */
  json_object_set_object_member (object, "excerpt",
                                 text_object (revision->excerpt,
                                              *excerpt ? g_strdup_printf ("<p>%s</p>\n", excerpt) : g_strdup (""),
                                              edit, FALSE));
  return object;
}

static int
compare_revisions (gconstpointer a,
                   gconstpointer b,
                   gpointer      user_data)
{
  const Revision *ra = *(const Revision **) a;
  const Revision *rb = *(const Revision **) b;
  gboolean ascending = GPOINTER_TO_INT (user_data);
  int result;

  /* orderby "date ID", as wp_get_post_revisions() and the controller. */
  result = ra->date_gmt < rb->date_gmt ? -1 : ra->date_gmt > rb->date_gmt ? 1 : 0;
  if (result == 0)
    result = ra->id < rb->id ? -1 : ra->id > rb->id ? 1 : 0;
  return ascending ? result : -result;
}

/* The permission check both revision routes share: the parent must be a
 * post, and the user must be able to edit it (whatever the context). */
static Response *
check_revisions_access (NdFakeWordpress *self,
                        gint64           user_id,
                        gint64           parent)
{
  if (find_post (self, parent) == NULL)
    return error_response (404, "rest_post_invalid_parent", "Invalid post parent ID.");
  if (user_id == 0)
    return error_response (401, "rest_cannot_read",
                           "Sorry, you are not allowed to view revisions of this post.");
  return NULL;
}

/* GET /wp/v2/posts/ID/revisions: newest first. Without per_page every
 * revision comes in one page (the route has no per_page default). */
static Response *
list_revisions (NdFakeWordpress *self,
                gint64           user_id,
                gint64           parent,
                JsonObject      *params)
{
  gboolean edit = g_strcmp0 (param_string (params, "context"), "edit") == 0;
  gboolean paged = json_object_has_member (params, "per_page");
  const char *order = param_string (params, "order");
  g_autoptr(GPtrArray) matches = g_ptr_array_new ();
  g_autofree char *total_s = NULL;
  g_autofree char *pages_s = NULL;
  gint64 page, per_page, pages, first, last;
  JsonArray *array;
  Response *error;
  Response *response;

  error = check_revisions_access (self, user_id, parent);
  if (error != NULL)
    return error;
  error = parse_paging (params, &page, &per_page);
  if (error != NULL)
    return error;
  if (json_object_has_member (params, "order")
      && g_strcmp0 (order, "asc") != 0 && g_strcmp0 (order, "desc") != 0)
    return invalid_param ("order", "order is not one of asc and desc.");

  for (unsigned int i = 0; i < self->revisions->len; i++)
    {
      Revision *revision = g_ptr_array_index (self->revisions, i);

      if (revision->parent == parent)
        g_ptr_array_add (matches, revision);
    }
  g_ptr_array_sort_with_data (matches, compare_revisions,
                              GINT_TO_POINTER (g_strcmp0 (order, "asc") == 0));

  if (paged)
    pages = (matches->len + per_page - 1) / per_page;
  else
    pages = matches->len > 0 ? 1 : 0;
  if (matches->len > 0 && page > pages)
    return error_response (400, "rest_revision_invalid_page_number",
                           "The page number requested is larger than the number of pages available.");
  first = paged ? (page - 1) * per_page : 0;
  last = paged ? MIN ((gint64) matches->len, page * per_page) : (gint64) matches->len;

  array = json_array_new ();
  for (gint64 i = first; i < last; i++)
    json_array_add_object_element (array, revision_to_json (self, g_ptr_array_index (matches, i), edit));
  response = response_new (200, json_node_init_array (json_node_alloc (), array));
  json_array_unref (array);
  total_s = g_strdup_printf ("%u", matches->len);
  pages_s = g_strdup_printf ("%" G_GINT64_FORMAT, pages);
  response_add_header (response, "X-WP-Total", total_s);
  response_add_header (response, "X-WP-TotalPages", pages_s);
  return response;
}

/* GET /wp/v2/posts/ID/revisions/REVID. Like 6.1, it does not check that
 * the revision belongs to ID (WordPress 6.5 added that check). */
static Response *
get_revision (NdFakeWordpress *self,
              gint64           user_id,
              gint64           parent,
              gint64           id,
              JsonObject      *params)
{
  gboolean edit = g_strcmp0 (param_string (params, "context"), "edit") == 0;
  Response *error = check_revisions_access (self, user_id, parent);
  Revision *revision;

  if (error != NULL)
    return error;
  revision = find_revision (self, id);
  if (revision == NULL)
    return error_response (404, "rest_post_invalid_id", "Invalid revision ID.");
  return response_new (200, node_from_object (revision_to_json (self, revision, edit)));
}

/* Terms: tags (post_tag) and categories */

static unsigned int
term_count (NdFakeWordpress *self,
            const Term      *term)
{
  unsigned int count = 0;

  /* _update_post_term_count() counts published posts only. */
  for (unsigned int i = 0; i < self->posts->len; i++)
    {
      Post *post = g_ptr_array_index (self->posts, i);

      if (g_strcmp0 (post->status, "publish") == 0
          && id_in (term->category ? post->categories : post->tags, term->id))
        count++;
    }
  return count;
}

static JsonObject *
term_to_json (NdFakeWordpress *self,
              const Term      *term)
{
  JsonObject *object = json_object_new ();
  g_autofree char *link = g_strdup_printf ("%s/%s/%s/", self->url,
                                           term->category ? "category" : "tag", term->slug);

  json_object_set_int_member (object, "id", term->id);
  json_object_set_int_member (object, "count", term_count (self, term));
  json_object_set_string_member (object, "description", term->description ? term->description : "");
  json_object_set_string_member (object, "link", link);
  json_object_set_string_member (object, "name", term->name);
  json_object_set_string_member (object, "slug", term->slug);
  json_object_set_string_member (object, "taxonomy", term->category ? "category" : "post_tag");
  if (term->category)
    json_object_set_int_member (object, "parent", term->parent);
  json_object_set_array_member (object, "meta", json_array_new ());
  return object;
}

static Term *
find_term_by_name (NdFakeWordpress *self,
                   gboolean         category,
                   const char      *name,
                   gint64           parent)
{
  g_autofree char *folded = g_utf8_casefold (name, -1);

  for (unsigned int i = 0; i < self->terms->len; i++)
    {
      Term *term = g_ptr_array_index (self->terms, i);
      g_autofree char *other = NULL;

      if (term->category != category || (category && term->parent != parent))
        continue;
      other = g_utf8_casefold (term->name, -1);
      /* MySQL's collation compares names without regard to case. */
      if (g_strcmp0 (folded, other) == 0)
        return term;
    }
  return NULL;
}

static Term *
find_term_by_slug (NdFakeWordpress *self,
                   gboolean         category,
                   const char      *slug)
{
  for (unsigned int i = 0; i < self->terms->len; i++)
    {
      Term *term = g_ptr_array_index (self->terms, i);

      if (term->category == category && g_strcmp0 (term->slug, slug) == 0)
        return term;
    }
  return NULL;
}

static Term *
term_new (NdFakeWordpress *self,
          gboolean         category,
          const char      *name,
          const char      *slug)
{
  Term *term = g_new0 (Term, 1);
  g_autofree char *base = sanitize_slug (slug && *slug ? slug : name);

  term->id = self->next_term_id++;
  term->category = category;
  term->name = g_strdup (name);
  if (*base == '\0')
    {
      g_free (base);
      base = g_strdup_printf ("%" G_GINT64_FORMAT, term->id);
    }
  term->slug = g_strdup (base);
  for (int n = 2; find_term_by_slug (self, category, term->slug) != NULL; n++)
    {
      g_free (term->slug);
      term->slug = g_strdup_printf ("%s-%d", base, n);
    }
  term->description = g_strdup ("");
  g_ptr_array_add (self->terms, term);
  return term;
}

static Response *
write_term (NdFakeWordpress *self,
            gint64           user_id,
            gboolean         category,
            Term            *term,
            JsonObject      *params)
{
  const char *name = param_string (params, "name");
  const char *slug = param_string (params, "slug");
  const char *description = param_string (params, "description");
  gint64 parent = term ? term->parent : 0;
  gboolean valid;
  Term *existing;

  if (user_id == 0)
    return term == NULL
           ? error_response (401, "rest_cannot_create",
                             "Sorry, you are not allowed to create terms in this taxonomy.")
           : error_response (401, "rest_cannot_update", "Sorry, you are not allowed to edit this term.");
  if (json_object_has_member (params, "name") && name == NULL)
    return invalid_param ("name", "name is not of type string.");
  if (json_object_has_member (params, "slug") && slug == NULL)
    return invalid_param ("slug", "slug is not of type string.");
  if (term == NULL && (name == NULL || *name == '\0'))
    {
      JsonObject *data = json_object_new ();
      JsonArray *missing = json_array_new ();

      json_array_add_string_element (missing, "name");
      json_object_set_array_member (data, "params", missing);
      return error_response_with_data (400, "rest_missing_callback_param",
                                       "Missing parameter(s): name", data);
    }
  if (category && json_object_has_member (params, "parent"))
    {
      if (!param_int (params, "parent", &parent, &valid))
        return invalid_param ("parent", "parent is not of type integer.");
      if (parent != 0 && find_term (self, TRUE, parent) == NULL)
        return error_response (400, "rest_term_invalid", "Parent term does not exist.");
    }

  if (name != NULL)
    {
      existing = find_term_by_name (self, category, name, parent);
      if (existing != NULL && existing != term)
        {
          JsonObject *data = json_object_new ();

          json_object_set_int_member (data, "term_id", existing->id);
          /* wp_insert_term() words it by taxonomy kind; the terms
           * controller adds the status and the existing term_id. */
          return error_response_with_data (400, "term_exists",
                                           category
                                           ? "A term with the name provided already exists with this parent."
                                           : "A term with the name provided already exists in this taxonomy.",
                                           data);
        }
    }
  if (slug != NULL && *slug != '\0')
    {
      g_autofree char *clean = sanitize_slug (slug);

      existing = find_term_by_slug (self, category, clean);
      if (existing != NULL && existing != term)
        {
          JsonObject *data = json_object_new ();

          json_object_set_int_member (data, "term_id", existing->id);
          /* wp_insert_term() gives this error no status, so the REST
           * server answers it as a 500. */
          return error_response_with_data (500, "duplicate_term_slug",
                                           "The slug is already in use by another term.", data);
        }
    }

  if (term == NULL)
    {
      term = term_new (self, category, name, slug);
      term->parent = parent;
    }
  else
    {
      if (name != NULL)
        set_str (&term->name, name);
      if (slug != NULL && *slug != '\0')
        {
          g_autofree char *clean = sanitize_slug (slug);

          set_str (&term->slug, clean);
        }
      term->parent = parent;
    }
  if (description != NULL)
    set_str (&term->description, description);
  return response_new (200, node_from_object (term_to_json (self, term)));
}

static Response *
handle_terms (NdFakeWordpress *self,
              gint64           user_id,
              const char      *method,
              gboolean         category,
              gint64           id,
              JsonObject      *params)
{
  Response *response;

  if (id != 0)
    {
      Term *term = find_term (self, category, id);

      if (term == NULL)
        return error_response (404, "rest_term_invalid", "Term does not exist.");
      if (g_str_equal (method, "GET"))
        return response_new (200, node_from_object (term_to_json (self, term)));
      if (g_str_equal (method, "DELETE"))
        {
          JsonObject *body;

          if (user_id == 0)
            return error_response (401, "rest_cannot_delete", "Sorry, you are not allowed to delete this term.");
          if (!param_bool (params, "force"))
            return error_response (501, "rest_trash_not_supported",
                                   "Terms do not support trashing. Set 'force=true' to delete.");
          if (category && term->id == 1)
            return error_response (500, "rest_cannot_delete", "The term cannot be deleted.");
          body = json_object_new ();
          json_object_set_boolean_member (body, "deleted", TRUE);
          json_object_set_object_member (body, "previous", term_to_json (self, term));
          for (unsigned int i = 0; i < self->posts->len; i++)
            {
              Post *post = g_ptr_array_index (self->posts, i);
              GArray *ids = category ? post->categories : post->tags;

              for (unsigned int j = ids->len; j > 0; j--)
                if (g_array_index (ids, gint64, j - 1) == term->id)
                  g_array_remove_index (ids, j - 1);
            }
          g_ptr_array_remove (self->terms, term);
          return response_new (200, node_from_object (body));
        }
      return write_term (self, user_id, category, term, params);
    }

  if (g_str_equal (method, "POST"))
    {
      response = write_term (self, user_id, category, NULL, params);
      if (response->status == 200)
        {
          JsonObject *object = json_node_get_object (response->body);
          g_autofree char *location = g_strdup_printf ("%s/wp-json/wp/v2/%s/%" G_GINT64_FORMAT,
                                                       self->url, category ? "categories" : "tags",
                                                       json_object_get_int_member (object, "id"));

          response->status = 201;
          response_add_header (response, "Location", location);
        }
      return response;
    }
  if (g_str_equal (method, "GET"))
    {
      g_autoptr(GPtrArray) matches = g_ptr_array_new ();
      g_autoptr(GArray) include = NULL;
      g_auto(GStrv) slugs = NULL;
      const char *search = param_string (params, "search");
      gboolean hide_empty = param_bool (params, "hide_empty");
      gint64 page, per_page, pages;
      gboolean valid;
      JsonArray *array;
      Response *error = parse_paging (params, &page, &per_page);

      if (error != NULL)
        return error;
      if (!param_id_list (params, "include", &include))
        return invalid_param ("include", "include[0] is not of type integer.");
      slugs = param_list (params, "slug", &valid);
      if (!valid)
        return invalid_param ("slug", "slug is not of type array.");
      for (unsigned int i = 0; i < self->terms->len; i++)
        {
          Term *term = g_ptr_array_index (self->terms, i);

          if (term->category != category)
            continue;
          if (include != NULL && !id_in (include, term->id))
            continue;
          if (slugs != NULL && !g_strv_contains ((const char * const *) slugs, term->slug))
            continue;
          if (search != NULL && !contains_casefold (term->name, search) && !contains_casefold (term->slug, search))
            continue;
          if (hide_empty && term_count (self, term) == 0)
            continue;
          g_ptr_array_add (matches, term);
        }
      /* WordPress lists terms by name. */
      for (unsigned int i = 1; i < matches->len; i++)
        for (unsigned int j = i; j > 0; j--)
          {
            Term *a = g_ptr_array_index (matches, j - 1);
            Term *b = g_ptr_array_index (matches, j);

            if (g_utf8_collate (a->name, b->name) <= 0)
              break;
            matches->pdata[j - 1] = b;
            matches->pdata[j] = a;
          }
      pages = (matches->len + per_page - 1) / per_page;
      if (page > pages && matches->len > 0)
        return error_response (400, "rest_term_invalid_page_number",
                               "The page number requested is larger than the number of pages available.");
      array = json_array_new ();
      for (gint64 i = (page - 1) * per_page; i < MIN ((gint64) matches->len, page * per_page); i++)
        json_array_add_object_element (array, term_to_json (self, g_ptr_array_index (matches, i)));
      response = response_new (200, json_node_init_array (json_node_alloc (), array));
      json_array_unref (array);
      add_pagination_headers (response, matches->len, per_page);
      return response;
    }
  return no_route ();
}

/* Media (attachments) */

static JsonObject *
media_to_json (NdFakeWordpress *self,
               const Media     *media,
               gboolean         edit)
{
  JsonObject *object = json_object_new ();
  JsonObject *details = json_object_new ();
  g_autofree char *date_gmt = format_gmt (media->date_gmt);
  g_autofree char *date = format_local (self, media->date_gmt);
  g_autofree char *modified_gmt = format_gmt (media->modified_gmt);
  g_autofree char *modified = format_local (self, media->modified_gmt);
  g_autofree char *source_url = g_strconcat (self->url, media->path, NULL);
  g_autofree char *slug = sanitize_slug (media->title);
  g_autofree char *caption = texturize (media->caption, FALSE);
  g_autofree char *description = texturize (media->description, FALSE);
  g_autofree char *caption_html = *caption ? g_strdup_printf ("<p>%s</p>\n", caption) : g_strdup ("");

  json_object_set_int_member (object, "id", media->id);
  json_object_set_string_member (object, "date", date);
  json_object_set_string_member (object, "date_gmt", date_gmt);
  json_object_set_string_member (object, "modified", modified);
  json_object_set_string_member (object, "modified_gmt", modified_gmt);
  json_object_set_string_member (object, "slug", slug);
  json_object_set_string_member (object, "status", "inherit");
  json_object_set_string_member (object, "type", "attachment");
  json_object_set_string_member (object, "link", source_url);
  json_object_set_object_member (object, "title",
                                 text_object (media->title, texturize (media->title, FALSE), edit, FALSE));
  json_object_set_int_member (object, "author", media->author);
  json_object_set_object_member (object, "caption",
                                 text_object (media->caption, g_strdup (caption_html), edit, FALSE));
  json_object_set_object_member (object, "description",
                                 text_object (media->description, g_strdup (description), edit, FALSE));
  json_object_set_string_member (object, "alt_text", media->alt_text ? media->alt_text : "");
  json_object_set_string_member (object, "media_type",
                                 g_str_has_prefix (media->mime_type, "image/") ? "image" : "file");
  json_object_set_string_member (object, "mime_type", media->mime_type);
  json_object_set_int_member (details, "filesize", g_bytes_get_size (media->data));
  json_object_set_object_member (object, "media_details", details);
  json_object_set_string_member (object, "source_url", source_url);
  return object;
}

/* The file name from `attachment; filename="x.jpg"` or `filename*=UTF-8''x`. */
static char *
disposition_filename (const char *disposition)
{
  g_autoptr(SoupMessageHeaders) headers = soup_message_headers_new (SOUP_MESSAGE_HEADERS_REQUEST);
  g_autofree char *type = NULL;
  g_autoptr(GHashTable) parameters = NULL;
  const char *name;

  soup_message_headers_replace (headers, "Content-Disposition", disposition);
  if (!soup_message_headers_get_content_disposition (headers, &type, &parameters))
    return NULL;
  name = g_hash_table_lookup (parameters, "filename");
  if (name == NULL || *name == '\0')
    return NULL;
  return g_path_get_basename (name);
}

static Response *
write_media_fields (NdFakeWordpress *self,
                    Media           *media,
                    JsonObject      *params)
{
  const char *value;

  if (!param_text (params, "title", &value))
    return invalid_param ("title", "title is not of type object,string.");
  if (value)
    set_str (&media->title, value);
  if (!param_text (params, "caption", &value))
    return invalid_param ("caption", "caption is not of type object,string.");
  if (value)
    set_str (&media->caption, value);
  if (!param_text (params, "description", &value))
    return invalid_param ("description", "description is not of type object,string.");
  if (value)
    set_str (&media->description, value);
  if (json_object_has_member (params, "alt_text"))
    {
      value = param_string (params, "alt_text");
      if (value == NULL)
        return invalid_param ("alt_text", "alt_text is not of type string.");
      set_str (&media->alt_text, value);
    }
  media->modified_gmt = MAX (now_locked (self), media->modified_gmt + 1);
  return NULL;
}

static gboolean
media_path_taken (NdFakeWordpress *self,
                  const char      *path)
{
  for (unsigned int i = 0; i < self->media->len; i++)
    if (g_strcmp0 (((Media *) g_ptr_array_index (self->media, i))->path, path) == 0)
      return TRUE;
  return FALSE;
}

static Response *
upload_media (NdFakeWordpress *self,
              gint64           user_id,
              JsonObject      *params,
              GBytes          *body,
              const char      *content_type,
              const char      *disposition)
{
  g_autofree char *filename = NULL;
  g_autofree char *stem = NULL;
  g_autoptr(GDateTime) now = NULL;
  g_autofree char *dir = NULL;
  const char *ext;
  Media *media;
  Response *error;
  Response *response;
  g_autofree char *location = NULL;

  if (user_id == 0)
    return error_response (401, "rest_cannot_create",
                           "Sorry, you are not allowed to upload media on this site.");
  if (body == NULL || g_bytes_get_size (body) == 0)
    return error_response (400, "rest_upload_no_data", "No data supplied.");
  if (content_type == NULL || *content_type == '\0')
    return error_response (400, "rest_upload_no_content_type", "No Content-Type supplied.");
  if (disposition == NULL)
    return error_response (400, "rest_upload_no_content_disposition", "No Content-Disposition supplied.");
  filename = disposition_filename (disposition);
  if (filename == NULL)
    return error_response (400, "rest_upload_invalid_disposition",
                           "Invalid Content-Disposition supplied. Content-Disposition needs to be formatted as `attachment; filename=\"image.png\"` or similar.");

  media = g_new0 (Media, 1);
  media->id = self->next_post_id++;
  media->author = user_id;
  media->date_gmt = media->modified_gmt = now_locked (self);
  media->mime_type = g_strdup (content_type);
  media->data = g_bytes_ref (body);
  ext = strrchr (filename, '.');
  stem = ext ? g_strndup (filename, ext - filename) : g_strdup (filename);
  media->title = g_strdup (stem);
  media->caption = g_strdup ("");
  media->alt_text = g_strdup ("");
  media->description = g_strdup ("");
  now = g_date_time_new_from_unix_utc (media->date_gmt);
  dir = g_date_time_format (now, "/wp-content/uploads/%Y/%m/");
  /* wp_unique_filename(): "name.jpg", "name-1.jpg", "name-2.jpg"… */
  media->filename = g_strdup (filename);
  media->path = g_strconcat (dir, filename, NULL);
  for (int n = 1; media_path_taken (self, media->path); n++)
    {
      g_free (media->filename);
      g_free (media->path);
      media->filename = g_strdup_printf ("%s-%d%s", stem, n, ext ? ext : "");
      media->path = g_strconcat (dir, media->filename, NULL);
    }
  g_ptr_array_add (self->media, media);

  error = write_media_fields (self, media, params);
  if (error != NULL)
    return error;
  response = response_new (201, node_from_object (media_to_json (self, media, TRUE)));
  location = g_strdup_printf ("%s/wp-json/wp/v2/media/%" G_GINT64_FORMAT, self->url, media->id);
  response_add_header (response, "Location", location);
  return response;
}

static Response *
handle_media (NdFakeWordpress *self,
              gint64           user_id,
              const char      *method,
              gint64           id,
              JsonObject      *params,
              GBytes          *body,
              const char      *content_type,
              const char      *disposition)
{
  gboolean edit = g_strcmp0 (param_string (params, "context"), "edit") == 0;

  if (edit && user_id == 0)
    return error_response (401, "rest_forbidden_context", "Sorry, you are not allowed to edit this post.");
  if (id == 0 && g_str_equal (method, "POST"))
    return upload_media (self, user_id, params, body, content_type, disposition);
  if (id == 0 && g_str_equal (method, "GET"))
    {
      JsonArray *array = json_array_new ();
      gint64 page, per_page;
      Response *response = parse_paging (params, &page, &per_page);

      if (response != NULL)
        {
          json_array_unref (array);
          return response;
        }
      for (gint64 i = (page - 1) * per_page; i < MIN ((gint64) self->media->len, page * per_page); i++)
        json_array_add_object_element (array, media_to_json (self, g_ptr_array_index (self->media, i), edit));
      response = response_new (200, json_node_init_array (json_node_alloc (), array));
      json_array_unref (array);
      add_pagination_headers (response, self->media->len, per_page);
      return response;
    }
  if (id != 0)
    {
      Media *media = find_media (self, id);
      Response *error;

      if (media == NULL)
        return error_response (404, "rest_post_invalid_id", "Invalid post ID.");
      if (g_str_equal (method, "GET"))
        return response_new (200, node_from_object (media_to_json (self, media, edit)));
      if (user_id == 0)
        return error_response (401, "rest_cannot_edit", "Sorry, you are not allowed to edit this post.");
      if (g_str_equal (method, "DELETE"))
        {
          JsonObject *object;

          if (!param_bool (params, "force"))
            return error_response (501, "rest_trash_not_supported",
                                   "The post does not support trashing. Set 'force=true' to delete.");
          object = json_object_new ();
          json_object_set_boolean_member (object, "deleted", TRUE);
          json_object_set_object_member (object, "previous", media_to_json (self, media, TRUE));
          g_ptr_array_remove (self->media, media);
          return response_new (200, node_from_object (object));
        }
      error = write_media_fields (self, media, params);
      if (error != NULL)
        return error;
      return response_new (200, node_from_object (media_to_json (self, media, TRUE)));
    }
  return no_route ();
}

/* Settings, users, the index */

static JsonObject *
settings_json (NdFakeWordpress *self)
{
  JsonObject *object = json_object_new ();

  json_object_set_string_member (object, "title", self->site_name);
  json_object_set_string_member (object, "description", "Just another WordPress site");
  json_object_set_string_member (object, "url", self->url);
  json_object_set_string_member (object, "email", "admin@example.org");
  json_object_set_string_member (object, "timezone", self->timezone_string);
  json_object_set_string_member (object, "date_format", "F j, Y");
  json_object_set_string_member (object, "time_format", "g:i a");
  json_object_set_int_member (object, "start_of_week", 1);
  json_object_set_string_member (object, "language", "en_US");
  json_object_set_boolean_member (object, "use_smilies", TRUE);
  json_object_set_int_member (object, "default_category", 1);
  json_object_set_string_member (object, "default_post_format", "0");
  json_object_set_int_member (object, "posts_per_page", 10);
  json_object_set_string_member (object, "show_on_front", "posts");
  json_object_set_int_member (object, "page_on_front", 0);
  json_object_set_int_member (object, "page_for_posts", 0);
  json_object_set_string_member (object, "default_ping_status", "open");
  json_object_set_string_member (object, "default_comment_status", "open");
  json_object_set_null_member (object, "site_logo");
  json_object_set_int_member (object, "site_icon", 0);
  return object;
}

static Response *
handle_settings (NdFakeWordpress *self,
                 gint64           user_id,
                 const char      *method,
                 JsonObject      *params)
{
  User *user = find_user (self, user_id);

  if (user == NULL)
    return error_response (401, "rest_forbidden", "Sorry, you are not allowed to do that.");
  if (!user->administrator)
    return error_response (403, "rest_forbidden", "Sorry, you are not allowed to do that.");
  if (g_str_equal (method, "POST") || g_str_equal (method, "PUT") || g_str_equal (method, "PATCH"))
    {
      const char *title = param_string (params, "title");
      const char *timezone = param_string (params, "timezone");

      if (title != NULL)
        set_str (&self->site_name, title);
      if (timezone != NULL)
        {
          g_autoptr(GTimeZone) zone = g_time_zone_new_identifier (timezone);

          if (zone == NULL)
            return invalid_param ("timezone", "timezone is not one of the supported time zones.");
          set_str (&self->timezone_string, timezone);
          self->gmt_offset = g_time_zone_get_offset (zone, 0) / 3600.0;
        }
    }
  else if (!g_str_equal (method, "GET"))
    return no_route ();
  return response_new (200, node_from_object (settings_json (self)));
}

static Response *
handle_users_me (NdFakeWordpress *self,
                 gint64           user_id,
                 JsonObject      *params)
{
  User *user = find_user (self, user_id);
  gboolean edit = g_strcmp0 (param_string (params, "context"), "edit") == 0;
  JsonObject *object;
  g_autofree char *link = NULL;

  if (user == NULL)
    return error_response (401, "rest_not_logged_in", "You are not currently logged in.");
  object = json_object_new ();
  link = g_strdup_printf ("%s/author/%s/", self->url, user->login);
  json_object_set_int_member (object, "id", user->id);
  json_object_set_string_member (object, "name", user->login);
  json_object_set_string_member (object, "url", "");
  json_object_set_string_member (object, "description", "");
  json_object_set_string_member (object, "link", link);
  json_object_set_string_member (object, "slug", user->login);
  json_object_set_object_member (object, "avatar_urls", json_object_new ());
  if (edit)
    {
      JsonArray *roles = json_array_new ();
      JsonObject *capabilities = json_object_new ();

      json_object_set_string_member (object, "username", user->login);
      json_object_set_string_member (object, "first_name", "");
      json_object_set_string_member (object, "last_name", "");
      json_object_set_string_member (object, "email", "user@example.org");
      json_object_set_string_member (object, "locale", "en_US");
      json_object_set_string_member (object, "nickname", user->login);
      json_object_set_string_member (object, "registered_date", "2022-11-01T00:00:00+00:00");
      json_array_add_string_element (roles, user->administrator ? "administrator" : "editor");
      json_object_set_array_member (object, "roles", roles);
      json_object_set_boolean_member (capabilities, "edit_posts", TRUE);
      json_object_set_boolean_member (capabilities, "publish_posts", TRUE);
      json_object_set_boolean_member (capabilities, "upload_files", TRUE);
      json_object_set_boolean_member (capabilities, "manage_categories", TRUE);
      json_object_set_boolean_member (capabilities, "manage_options", user->administrator);
      json_object_set_object_member (object, "capabilities", capabilities);
      json_object_set_object_member (object, "extra_capabilities", json_object_new ());
    }
  json_object_set_array_member (object, "meta", json_array_new ());
  return response_new (200, node_from_object (object));
}

static JsonObject *
index_json (NdFakeWordpress *self)
{
  JsonObject *object = json_object_new ();
  JsonArray *namespaces = json_array_new ();
  JsonObject *routes = json_object_new ();
  JsonObject *authentication = json_object_new ();
  JsonObject *app_passwords = json_object_new ();
  JsonObject *endpoints = json_object_new ();
  g_autofree char *authorize = g_strdup_printf ("%s/wp-admin/authorize-application.php", self->url);
  static const char * const route_names[] = {
    "/", "/wp/v2", "/wp/v2/posts", "/wp/v2/posts/(?P<id>[\\d]+)", "/wp/v2/tags",
    "/wp/v2/posts/(?P<parent>[\\d]+)/revisions",
    "/wp/v2/posts/(?P<parent>[\\d]+)/revisions/(?P<id>[\\d]+)",
    "/wp/v2/categories", "/wp/v2/media", "/wp/v2/settings", "/wp/v2/users/me", NULL
  };

  json_object_set_string_member (object, "name", self->site_name);
  json_object_set_string_member (object, "description", "Just another WordPress site");
  json_object_set_string_member (object, "url", self->url);
  json_object_set_string_member (object, "home", self->url);
  json_object_set_double_member (object, "gmt_offset", self->gmt_offset);
  json_object_set_string_member (object, "timezone_string", self->timezone_string);
  json_array_add_string_element (namespaces, "oembed/1.0");
  if (self->features & ND_FAKE_FEATURE_BATCH)
    json_array_add_string_element (namespaces, "batch/v1");
  if (self->features & ND_FAKE_FEATURE_POLYLANG)
    json_array_add_string_element (namespaces, "pll/v1");
  if (self->features & ND_FAKE_FEATURE_NEWSDESK_PLUGIN)
    json_array_add_string_element (namespaces, "newsdesk/v1");
  json_array_add_string_element (namespaces, "wp/v2");
  json_array_add_string_element (namespaces, "wp-site-health/v1");
  json_object_set_array_member (object, "namespaces", namespaces);
  json_object_set_string_member (endpoints, "authorization", authorize);
  json_object_set_object_member (app_passwords, "endpoints", endpoints);
  json_object_set_object_member (authentication, "application-passwords", app_passwords);
  json_object_set_object_member (object, "authentication", authentication);
  for (int i = 0; route_names[i] != NULL; i++)
    {
      JsonObject *route = json_object_new ();

      json_object_set_string_member (route, "namespace", i == 0 ? "" : "wp/v2");
      json_object_set_array_member (route, "methods", json_array_new ());
      json_object_set_array_member (route, "endpoints", json_array_new ());
      json_object_set_object_member (routes, route_names[i], route);
    }
  json_object_set_object_member (object, "routes", routes);
  json_object_set_int_member (object, "site_logo", 0);
  json_object_set_int_member (object, "site_icon", 0);
  return object;
}

/* Routing */

static gboolean
parse_id (const char *text,
          gint64     *id)
{
  char *end = NULL;

  if (text == NULL || !g_ascii_isdigit (*text))
    return FALSE;
  *id = g_ascii_strtoll (text, &end, 10);
  return *end == '\0' && *id > 0;
}

/* Which route a REST path names: "posts", "tags", "categories", "media",
 * with an id when it has one. */
static gboolean
split_route (const char  *route,
             const char **collection,
             gint64      *id)
{
  static const char * const collections[] = { "posts", "tags", "categories", "media", NULL };
  g_auto(GStrv) parts = g_strsplit (route, "/", -1);
  unsigned int n = g_strv_length (parts);

  *collection = NULL;
  *id = 0;
  if (n < 4 || n > 5 || *parts[0] != '\0' || g_strcmp0 (parts[1], "wp") != 0
      || g_strcmp0 (parts[2], "v2") != 0)
    return FALSE;
  for (int i = 0; collections[i] != NULL; i++)
    if (g_strcmp0 (parts[3], collections[i]) == 0)
      *collection = collections[i];
  if (*collection == NULL)
    return FALSE;
  if (n == 5 && *parts[4] != '\0' && !parse_id (parts[4], id))
    return FALSE;
  return TRUE;
}

/* "/wp/v2/posts/ID/revisions" (*id 0) and ".../revisions/REVID". */
static gboolean
split_revisions_route (const char *route,
                       gint64     *parent,
                       gint64     *id)
{
  g_auto(GStrv) parts = g_strsplit (route, "/", -1);
  unsigned int n = g_strv_length (parts);

  *parent = 0;
  *id = 0;
  if (n < 6 || n > 7 || *parts[0] != '\0' || g_strcmp0 (parts[1], "wp") != 0
      || g_strcmp0 (parts[2], "v2") != 0 || g_strcmp0 (parts[3], "posts") != 0
      || g_strcmp0 (parts[5], "revisions") != 0 || !parse_id (parts[4], parent))
    return FALSE;
  if (n == 7 && *parts[6] != '\0' && !parse_id (parts[6], id))
    return FALSE;
  return TRUE;
}

static gboolean
is_write (const char *method)
{
  return g_str_equal (method, "POST") || g_str_equal (method, "PUT")
         || g_str_equal (method, "PATCH");
}

static Response *handle_batch (NdFakeWordpress *self,
                               gint64           user_id,
                               JsonObject      *params);

static Response *
dispatch (NdFakeWordpress *self,
          gint64           user_id,
          const char      *method,
          const char      *route,
          JsonObject      *params,
          GBytes          *body,
          const char      *content_type,
          const char      *disposition)
{
  const char *collection;
  gint64 parent;
  gint64 id;

  if (g_str_equal (route, "/") || g_str_equal (route, ""))
    return g_str_equal (method, "GET")
           ? response_new (200, node_from_object (index_json (self)))
           : no_route ();
  if (g_str_equal (route, "/batch/v1"))
    return (self->features & ND_FAKE_FEATURE_BATCH) && g_str_equal (method, "POST")
           ? handle_batch (self, user_id, params)
           : no_route ();
  if (g_str_equal (route, "/wp/v2/settings"))
    return handle_settings (self, user_id, method, params);
  if (g_str_equal (route, "/wp/v2/users/me"))
    return g_str_equal (method, "GET") ? handle_users_me (self, user_id, params) : no_route ();
  if (split_revisions_route (route, &parent, &id))
    {
      /* The fake has no DELETE of a revision: nobody here deletes one. */
      if (!g_str_equal (method, "GET"))
        return no_route ();
      return id == 0 ? list_revisions (self, user_id, parent, params)
                     : get_revision (self, user_id, parent, id, params);
    }
  if (!split_route (route, &collection, &id))
    return no_route ();

  if (g_str_equal (collection, "tags") || g_str_equal (collection, "categories"))
    return handle_terms (self, user_id, method, g_str_equal (collection, "categories"), id, params);
  if (g_str_equal (collection, "media"))
    return handle_media (self, user_id, method, id, params, body, content_type, disposition);

  if (id == 0 && g_str_equal (method, "GET"))
    return list_posts (self, user_id, params);
  if (id == 0 && g_str_equal (method, "POST"))
    return create_post (self, user_id, params);
  if (id != 0 && g_str_equal (method, "GET"))
    return get_post (self, user_id, id, params);
  if (id != 0 && is_write (method))
    return update_post (self, user_id, id, params);
  if (id != 0 && g_str_equal (method, "DELETE"))
    return delete_post (self, user_id, id, params);
  return no_route ();
}

/* Query parameters as a JSON object of strings; "a[]=1&a[]=2" becomes an
 * array, as PHP reads it. */
static void
add_query_params (JsonObject *params,
                  const char *query)
{
  g_autoptr(GHashTable) form = NULL;
  g_auto(GStrv) pairs = NULL;

  if (query == NULL || *query == '\0')
    return;
  pairs = g_strsplit (query, "&", -1);
  for (int i = 0; pairs[i] != NULL; i++)
    {
      g_auto(GStrv) kv = g_strsplit (pairs[i], "=", 2);
      g_autofree char *key = NULL;
      g_autofree char *value = NULL;

      if (kv[0] == NULL || *kv[0] == '\0')
        continue;
      key = g_uri_unescape_string (kv[0], NULL);
      value = kv[1] ? g_uri_unescape_string (kv[1], NULL) : g_strdup ("");
      if (key == NULL || value == NULL)
        continue;
      /* "+" is a space in a query string. */
      g_strdelimit (value, "+", ' ');
      if (g_str_has_suffix (key, "[]"))
        {
          JsonNode *node;

          key[strlen (key) - 2] = '\0';
          node = json_object_get_member (params, key);
          if (node == NULL || !JSON_NODE_HOLDS_ARRAY (node))
            json_object_set_array_member (params, key, json_array_new ());
          json_array_add_string_element (json_object_get_array_member (params, key), value);
        }
      else
        json_object_set_string_member (params, key, value);
    }
}

/* Merges a JSON object or form body over the query parameters (the body
 * wins, as in WP_REST_Request::get_param()). Returns an error response for
 * a JSON body that does not parse. */
static Response *
add_body_params (JsonObject *params,
                 GBytes     *body,
                 const char *content_type)
{
  gsize size = 0;
  const char *data;

  if (body == NULL)
    return NULL;
  data = g_bytes_get_data (body, &size);
  if (size == 0)
    return NULL;
  if (content_type != NULL && g_str_has_prefix (content_type, "application/json"))
    {
      g_autoptr(JsonParser) parser = json_parser_new ();
      JsonNode *root;

      if (!json_parser_load_from_data (parser, data, size, NULL))
        return error_response (400, "rest_invalid_json", "Invalid JSON body passed.");
      root = json_parser_get_root (parser);
      if (root != NULL && JSON_NODE_HOLDS_OBJECT (root))
        {
          JsonObject *object = json_node_get_object (root);
          g_autoptr(GList) members = json_object_get_members (object);

          for (GList *l = members; l != NULL; l = l->next)
            json_object_set_member (params, l->data,
                                    json_node_copy (json_object_get_member (object, l->data)));
        }
      return NULL;
    }
  if (content_type != NULL && g_str_has_prefix (content_type, "application/x-www-form-urlencoded"))
    {
      g_autofree char *text = g_strndup (data, size);

      add_query_params (params, text);
    }
  return NULL;
}

static gboolean
batch_allowed (const char *method,
               const char *route)
{
  const char *collection;
  gint64 id;

  if (!split_route (route, &collection, &id) || g_str_equal (collection, "media"))
    return FALSE;
  return g_str_equal (method, "DELETE") || is_write (method);
}

/* WP_REST_Server::serve_batch_request_v1(): not a transaction; each
 * request is answered in its slot, and the whole answers 207. */
static Response *
handle_batch (NdFakeWordpress *self,
              gint64           user_id,
              JsonObject      *params)
{
  JsonNode *node = json_object_get_member (params, "requests");
  const char *validation = param_string (params, "validation");
  JsonArray *requests;
  JsonArray *responses;
  JsonObject *body;
  gboolean all_valid = TRUE;
  unsigned int n;

  if (node == NULL)
    {
      JsonObject *data = json_object_new ();
      JsonArray *missing = json_array_new ();

      json_array_add_string_element (missing, "requests");
      json_object_set_array_member (data, "params", missing);
      return error_response_with_data (400, "rest_missing_callback_param",
                                       "Missing parameter(s): requests", data);
    }
  if (!JSON_NODE_HOLDS_ARRAY (node))
    return invalid_param ("requests", "requests is not of type array.");
  if (validation != NULL && g_strcmp0 (validation, "normal") != 0
      && g_strcmp0 (validation, "require-all-valid") != 0)
    return invalid_param ("validation", "validation is not one of require-all-valid and normal.");
  requests = json_node_get_array (node);
  n = json_array_get_length (requests);
  if (n > MAX_BATCH)
    return invalid_param ("requests", "requests must contain at most 25 items.");

  /* Every request must be an object with a path and a batchable route. */
  for (unsigned int i = 0; i < n; i++)
    {
      JsonNode *item = json_array_get_element (requests, i);
      JsonObject *request;
      const char *path;
      const char *method;

      if (!JSON_NODE_HOLDS_OBJECT (item))
        return invalid_param ("requests", "requests[0] is not of type object.");
      request = json_node_get_object (item);
      path = param_string (request, "path");
      method = param_string (request, "method");
      if (path == NULL)
        return invalid_param ("requests", "requests[0][path] is a required property of requests[0].");
      if (method != NULL && !is_write (method) && !g_str_equal (method, "DELETE"))
        return invalid_param ("requests", "requests[0][method] is not one of POST, PUT, PATCH and DELETE.");
    }

  responses = json_array_new ();
  for (unsigned int pass = 0; pass < 2; pass++)
    {
      for (unsigned int i = 0; i < n; i++)
        {
          JsonObject *request = json_array_get_object_element (requests, i);
          const char *method = param_string (request, "method") ? param_string (request, "method") : "POST";
          const char *path = param_string (request, "path");
          JsonNode *body_node = json_object_get_member (request, "body");
          g_autoptr(JsonObject) sub_params = json_object_new ();
          g_autofree char *route = NULL;
          const char *query = strchr (path, '?');
          g_autoptr(Response) response = NULL;
          JsonObject *slot;
          JsonObject *headers;

          route = query ? g_strndup (path, query - path) : g_strdup (path);
          if (pass == 0)
            {
              /* The validation pass: only routes that allow batching. */
              if (!batch_allowed (method, route))
                all_valid = FALSE;
              continue;
            }
          if (!all_valid && g_strcmp0 (validation, "require-all-valid") == 0)
            {
              response = batch_allowed (method, route)
                         ? NULL
                         : error_response (400, "rest_batch_not_allowed",
                                           "The requested route does not support batch requests.");
              slot = json_object_new ();
              if (response == NULL)
                json_object_set_null_member (slot, "body");
              else
                {
                  json_object_set_member (slot, "body", json_node_copy (response->body));
                  json_object_set_int_member (slot, "status", response->status);
                }
              json_array_add_object_element (responses, slot);
              continue;
            }

          if (query != NULL)
            add_query_params (sub_params, query + 1);
          if (body_node != NULL && JSON_NODE_HOLDS_OBJECT (body_node))
            {
              JsonObject *object = json_node_get_object (body_node);
              g_autoptr(GList) members = json_object_get_members (object);

              for (GList *l = members; l != NULL; l = l->next)
                json_object_set_member (sub_params, l->data,
                                        json_node_copy (json_object_get_member (object, l->data)));
            }
          if (!batch_allowed (method, route))
            response = split_route (route, &(const char *) { NULL }, &(gint64) { 0 })
                       || split_revisions_route (route, &(gint64) { 0 }, &(gint64) { 0 })
                       ? error_response (400, "rest_batch_not_allowed",
                                         "The requested route does not support batch requests.")
                       : no_route ();
          else
            response = dispatch (self, user_id, method, route, sub_params, NULL, NULL, NULL);

          slot = json_object_new ();
          headers = json_object_new ();
          for (unsigned int h = 0; h + 1 < response->headers->len; h += 2)
            json_object_set_string_member (headers, g_ptr_array_index (response->headers, h),
                                           g_ptr_array_index (response->headers, h + 1));
          json_object_set_member (slot, "body", json_node_copy (response->body));
          json_object_set_int_member (slot, "status", response->status);
          json_object_set_object_member (slot, "headers", headers);
          json_array_add_object_element (responses, slot);
        }
    }

  body = json_object_new ();
  if (!all_valid && g_strcmp0 (validation, "require-all-valid") == 0)
    json_object_set_string_member (body, "failed", "validation");
  json_object_set_array_member (body, "responses", responses);
  return response_new (207, node_from_object (body));
}

/* Edits by someone else, cron */

static void
record_other_edit (NdFakeWordpress *self,
                   gint64           id,
                   const char      *field)
{
  g_ptr_array_add (self->other_edits,
                   g_strdup_printf ("%" G_GINT64_FORMAT " %s", id, field));
}

static gboolean
edit_post_locked (NdFakeWordpress *self,
                  Post            *post,
                  const char      *field,
                  const char      *value)
{
  if (g_str_equal (field, "title"))
    set_str (&post->title, value);
  else if (g_str_equal (field, "excerpt"))
    set_str (&post->excerpt, value);
  else if (g_str_equal (field, "content"))
    set_str (&post->content, value);
  else if (g_str_equal (field, "slug"))
    set_str (&post->slug, value);
  else if (g_str_equal (field, "lang"))
    set_str (&post->lang, value);
  else if (g_str_equal (field, "status") && is_post_status (value))
    set_str (&post->status, value);
  else if (g_str_equal (field, "date_gmt"))
    {
      g_autoptr(GTimeZone) utc = g_time_zone_new_utc ();

      if (!parse_date (value, utc, &post->date_gmt))
        return FALSE;
      post->date_floating = FALSE;
    }
  else
    return FALSE;
  post->author = 2;
  touch_post (self, post);
  /* wp-admin saves through wp_update_post(); Polylang sets a language
   * with a term, which is no update of the post. */
  if (!g_str_equal (field, "lang"))
    save_revision (self, post, 2);
  record_other_edit (self, post->id, field);
  return TRUE;
}

/* The concurrent-edit fault: the title, the excerpt or one paragraph of
 * the body changes, as a colleague in wp-admin would change it. */
static void
concurrent_edit (NdFakeWordpress *self,
                 Post            *post)
{
  unsigned int which = g_rand_int_range (self->rand, 0, 3);
  g_autofree char *value = NULL;

  if (which == 0)
    {
      value = g_strdup_printf ("%s (edited on the web)", post->title);
      edit_post_locked (self, post, "title", value);
    }
  else if (which == 1)
    {
      value = g_strdup_printf ("%s Edited on the web.", post->excerpt);
      edit_post_locked (self, post, "excerpt", value);
    }
  else
    {
      /* A paragraph: the text before the first "</p>" that is not the
       * uuid marker; or the whole content when it has no paragraphs. */
      const char *end = post->content ? strstr (post->content, "</p>") : NULL;
      GString *content = g_string_new (post->content);

      if (end != NULL)
        g_string_insert (content, end - post->content, " Edited on the web.");
      else
        g_string_prepend (content, "<p>Edited on the web.</p>\n");
      value = g_string_free (content, FALSE);
      edit_post_locked (self, post, "content", value);
    }
}

static unsigned int
run_cron_locked (NdFakeWordpress *self)
{
  gint64 now = now_locked (self);
  unsigned int published = 0;

  for (unsigned int i = 0; i < self->posts->len; i++)
    {
      Post *post = g_ptr_array_index (self->posts, i);

      /* wp_publish_post() changes the status only: modified_gmt stays, so
       * an incremental pull by modified_after does not see the change. */
      if (g_strcmp0 (post->status, "future") == 0 && post->date_gmt <= now)
        {
          set_str (&post->status, "publish");
          published++;
        }
    }
  return published;
}

/* Faults */

static const char *
fault_name (NdFakeFault fault)
{
  switch (fault)
    {
    case ND_FAKE_FAULT_SERVER_ERROR: return "server-error";
    case ND_FAKE_FAULT_RATE_LIMITED: return "rate-limited";
    case ND_FAKE_FAULT_UNAVAILABLE: return "unavailable";
    case ND_FAKE_FAULT_LOST_ANSWER: return "lost-answer";
    case ND_FAKE_FAULT_TRUNCATED: return "truncated";
    case ND_FAKE_FAULT_SLOW: return "slow";
    case ND_FAKE_FAULT_CONCURRENT_EDIT: return "concurrent-edit";
    case ND_FAKE_FAULT_NONE:
    default:
      return "none";
    }
}

static unsigned int
fault_index (NdFakeFault fault)
{
  for (unsigned int i = 0; i < 7; i++)
    if ((1u << i) == (unsigned int) fault)
      return i + 1;
  return 0;
}

static gboolean
fault_applies (NdFakeFault  fault,
               const char  *method,
               const char  *route)
{
  const char *collection;
  gint64 id;

  if (fault != ND_FAKE_FAULT_CONCURRENT_EDIT)
    return TRUE;
  return g_str_equal (method, "GET") && split_route (route, &collection, &id)
         && g_str_equal (collection, "posts") && id != 0;
}

static NdFakeFault
choose_fault (NdFakeWordpress *self,
              const char      *method,
              const char      *route)
{
  NdFakeFault candidates[8];
  unsigned int n = 0;
  double draw;

  for (GList *l = self->queued_faults.head; l != NULL; l = l->next)
    {
      QueuedFault *queued = l->data;

      if (!fault_applies (queued->fault, method, route))
        continue;
      if (queued->method != NULL && g_ascii_strcasecmp (queued->method, method) != 0)
        continue;
      if (queued->route_prefix != NULL && !g_str_has_prefix (route, queued->route_prefix))
        continue;
      {
        NdFakeFault fault = queued->fault;

        g_queue_delete_link (&self->queued_faults, l);
        queued_fault_free (queued);
        return fault;
      }
    }

  if (self->fault_mask == 0 || self->fault_rate <= 0.0)
    return ND_FAKE_FAULT_NONE;
  /* Always draw twice, so that the sequence of faults depends only on the
   * seed and the sequence of requests. */
  draw = g_rand_double (self->rand);
  for (unsigned int i = 0; i < 7; i++)
    {
      NdFakeFault fault = 1u << i;

      if ((self->fault_mask & fault) && fault_applies (fault, method, route))
        candidates[n++] = fault;
    }
  {
    unsigned int pick = g_rand_int_range (self->rand, 0, 1000);

    if (n == 0 || draw >= self->fault_rate)
      return ND_FAKE_FAULT_NONE;
    return candidates[pick % n];
  }
}

static void
concurrent_edit_listed (NdFakeWordpress *self,
                        JsonArray       *listed)
{
  for (unsigned int i = 0; i < json_array_get_length (listed); i++)
    {
      JsonObject *object = json_array_get_object_element (listed, i);
      Post *post;

      if (object == NULL || g_rand_double (self->rand) >= self->fault_rate)
        continue;
      post = find_post (self, json_object_get_int_member_with_default (object, "id", 0));
      if (post == NULL)
        continue;
      concurrent_edit (self, post);
      self->fault_counts[fault_index (ND_FAKE_FAULT_CONCURRENT_EDIT)]++;
    }
}

/* The server */

static void
set_date_header (NdFakeWordpress   *self,
                 SoupMessageHeaders *headers)
{
  g_autoptr(GDateTime) now = g_date_time_new_from_unix_utc (now_locked (self));
  g_autofree char *date = soup_date_time_to_string (now, SOUP_DATE_HTTP);

  soup_message_headers_replace (headers, "Date", date);
}

static void
set_api_link (NdFakeWordpress    *self,
              SoupMessageHeaders *headers)
{
  g_autofree char *link = g_strdup_printf ("<%s/wp-json/>; rel=\"https://api.w.org/\"", self->url);

  soup_message_headers_append (headers, "Link", link);
}

static void
serve_html (SoupServerMessage *msg,
            unsigned int       status,
            const char        *html)
{
  soup_server_message_set_status (msg, status, NULL);
  soup_server_message_set_response (msg, "text/html; charset=UTF-8", SOUP_MEMORY_COPY,
                                    html, strlen (html));
}

static void
log_request (NdFakeWordpress *self,
             const char      *method,
             const char      *route,
             const char      *query,
             unsigned int     status,
             NdFakeFault      fault)
{
  GString *line = g_string_new (NULL);

  g_string_append_printf (line, "%s %s", method, route);
  if (query != NULL && *query != '\0')
    g_string_append_printf (line, "?%s", query);
  g_string_append_printf (line, " %u", status);
  if (fault != ND_FAKE_FAULT_NONE)
    g_string_append_printf (line, " fault=%s", fault_name (fault));
  g_ptr_array_add (self->request_log, g_string_free (line, FALSE));
  g_ptr_array_add (self->request_keys, g_strdup_printf ("%s %s", method, route));
}

typedef struct
{
  SoupServerMessage *msg;
} Held;

static gboolean
release_held_cb (gpointer user_data)
{
  Held *held = user_data;

  soup_server_message_unpause (held->msg);
  return G_SOURCE_REMOVE;
}

static void
held_free (gpointer user_data)
{
  Held *held = user_data;

  g_object_unref (held->msg);
  g_free (held);
}

/* Who is asking: 0 for an anonymous visitor, a user id, or an error
 * WordPress gives when an Authorization header is present but wrong. */
static Response *
authenticate (NdFakeWordpress   *self,
              SoupServerMessage *msg,
              gint64            *user_id)
{
  const char *header = soup_message_headers_get_one (soup_server_message_get_request_headers (msg),
                                                     "Authorization");
  g_autofree guchar *decoded = NULL;
  g_autofree char *text = NULL;
  gsize len = 0;
  char *colon;

  *user_id = 0;
  if (header == NULL || g_ascii_strncasecmp (header, "Basic ", 6) != 0)
    return NULL;
  decoded = g_base64_decode (header + 6, &len);
  text = g_strndup ((const char *) decoded, len);
  colon = strchr (text, ':');
  if (colon == NULL)
    return error_response (401, "invalid_username",
                           "Unknown username. Check again or try your email address.");
  *colon = '\0';
  for (unsigned int i = 0; i < self->users->len; i++)
    {
      User *user = g_ptr_array_index (self->users, i);
      GString *given;
      gboolean ok;

      if (g_strcmp0 (user->login, text) != 0)
        continue;
      /* WP_Application_Passwords strips everything but [a-zA-Z0-9]. */
      given = g_string_new (NULL);
      for (const char *p = colon + 1; *p; p++)
        if (g_ascii_isalnum (*p))
          g_string_append_c (given, *p);
      ok = user->app_password != NULL && g_str_equal (given->str, user->app_password);
      g_string_free (given, TRUE);
      if (!ok)
        return error_response (401, "incorrect_password",
                               "The provided password is an invalid application password.");
      *user_id = user->id;
      return NULL;
    }
  return error_response (401, "invalid_username",
                         "Unknown username. Check again or try your email address.");
}

static void
serve_rest (NdFakeWordpress   *self,
            SoupServerMessage *msg,
            const char        *route,
            const char        *query)
{
  const char *method = soup_server_message_get_method (msg);
  SoupMessageHeaders *request_headers = soup_server_message_get_request_headers (msg);
  SoupMessageHeaders *response_headers = soup_server_message_get_response_headers (msg);
  SoupMessageBody *request_body = soup_server_message_get_request_body (msg);
  g_autoptr(GBytes) body = NULL;
  g_autoptr(JsonObject) params = json_object_new ();
  g_autoptr(Response) response = NULL;
  g_autofree char *text = NULL;
  const char *override;
  const char *content_type;
  gint64 user_id = 0;
  NdFakeFault fault;
  gsize length = 0;

  /* X-HTTP-Method-Override, as WP_REST_Server::serve_request() honours it. */
  override = soup_message_headers_get_one (request_headers, "X-HTTP-Method-Override");
  if (override != NULL && g_str_equal (method, "POST"))
    method = g_intern_string (override);

  fault = choose_fault (self, method, route);
  if (fault != ND_FAKE_FAULT_NONE)
    self->fault_counts[fault_index (fault)]++;
  set_date_header (self, response_headers);
  set_api_link (self, response_headers);

  switch ((int) fault)
    {
    case ND_FAKE_FAULT_SERVER_ERROR:
      {
        const char *critical = "{\"code\":\"internal_server_error\",\"message\":\"<p>There has been a critical error on this website.<\\/p>\",\"data\":{\"status\":500},\"additional_errors\":[]}";

        soup_server_message_set_status (msg, 500, NULL);
        soup_server_message_set_response (msg, "application/json; charset=UTF-8", SOUP_MEMORY_STATIC,
                                          critical, strlen (critical));
        log_request (self, method, route, query, 500, fault);
        return;
      }
    case ND_FAKE_FAULT_RATE_LIMITED:
    case ND_FAKE_FAULT_UNAVAILABLE:
      {
        unsigned int status = fault == ND_FAKE_FAULT_RATE_LIMITED ? 429 : 503;

        /* These come from the web server or a proxy in front of PHP, so
         * the body is an HTML page, not WordPress's JSON. */
        soup_message_headers_replace (response_headers, "Retry-After", "1");
        serve_html (msg, status, status == 429
                                 ? "<html><body><h1>429 Too Many Requests</h1></body></html>"
                                 : "<html><body><h1>503 Service Unavailable</h1></body></html>");
        log_request (self, method, route, query, status, fault);
        return;
      }
    default:
      break;
    }

  body = soup_message_body_flatten (request_body);
  content_type = soup_message_headers_get_content_type (request_headers, NULL);
  add_query_params (params, query);
  response = authenticate (self, msg, &user_id);
  if (response == NULL && !g_str_equal (route, "/wp/v2/media"))
    response = add_body_params (params, body, content_type);
  if (response == NULL)
    response = dispatch (self, user_id, method, route, params, body,
                         soup_message_headers_get_one (request_headers, "Content-Type"),
                         soup_message_headers_get_one (request_headers, "Content-Disposition"));

  if (fault == ND_FAKE_FAULT_CONCURRENT_EDIT && response->status == 200)
    {
      const char *collection;
      gint64 id;
      Post *post;

      split_route (route, &collection, &id);
      post = find_post (self, id);
      if (post != NULL)
        concurrent_edit (self, post);
    }

  /* Several posts read at once (`include=…`, as a client re-reads before
   * its updates): once the answer is built, another user may edit each of
   * them, at the fault rate, exactly as a post read alone. */
  if (fault == ND_FAKE_FAULT_NONE && (self->fault_mask & ND_FAKE_FAULT_CONCURRENT_EDIT) &&
      g_str_equal (method, "GET") && g_str_equal (route, "/wp/v2/posts") &&
      json_object_has_member (params, "include") && response->status == 200 &&
      response->body != NULL && JSON_NODE_HOLDS_ARRAY (response->body))
    concurrent_edit_listed (self, json_node_get_array (response->body));

  /* _fields: only the named top-level fields. */
  if (param_string (params, "_fields") != NULL && response->body != NULL)
    {
      g_auto(GStrv) fields = g_strsplit (param_string (params, "_fields"), ",", -1);
      JsonNode *node = response->body;
      GPtrArray *objects = g_ptr_array_new ();

      if (JSON_NODE_HOLDS_OBJECT (node))
        g_ptr_array_add (objects, json_node_get_object (node));
      else if (JSON_NODE_HOLDS_ARRAY (node))
        for (unsigned int i = 0; i < json_array_get_length (json_node_get_array (node)); i++)
          g_ptr_array_add (objects, json_array_get_object_element (json_node_get_array (node), i));
      for (unsigned int i = 0; i < objects->len && response->status < 300; i++)
        {
          JsonObject *object = g_ptr_array_index (objects, i);
          g_autoptr(GList) members = json_object_get_members (object);

          for (GList *l = members; l != NULL; l = l->next)
            {
              gboolean keep = FALSE;

              for (int f = 0; fields[f] != NULL && !keep; f++)
                {
                  g_autofree char *top = g_strdup (g_strstrip (fields[f]));
                  char *dot = strchr (top, '.');

                  if (dot)
                    *dot = '\0';
                  keep = g_str_equal (top, l->data);
                }
              if (!keep)
                json_object_remove_member (object, l->data);
            }
        }
      g_ptr_array_unref (objects);
    }

  for (unsigned int i = 0; i + 1 < response->headers->len; i += 2)
    soup_message_headers_replace (response_headers, g_ptr_array_index (response->headers, i),
                                  g_ptr_array_index (response->headers, i + 1));
  if (response->body != NULL)
    text = json_to_string (response->body, FALSE);
  else
    text = g_strdup ("");
  length = strlen (text);

  if (fault == ND_FAKE_FAULT_LOST_ANSWER)
    {
      /* The request has been applied; the client never hears of it. */
      g_autoptr(GIOStream) stream = soup_server_message_steal_connection (msg);

      if (stream != NULL)
        g_io_stream_close (stream, NULL, NULL);
      log_request (self, method, route, query, 0, fault);
      return;
    }
  if (fault == ND_FAKE_FAULT_TRUNCATED)
    length /= 2;

  soup_server_message_set_status (msg, response->status, NULL);
  soup_server_message_set_response (msg, "application/json; charset=UTF-8", SOUP_MEMORY_COPY,
                                    text, length);
  log_request (self, method, route, query, response->status, fault);

  if (fault == ND_FAKE_FAULT_SLOW)
    {
      Held *held = g_new0 (Held, 1);
      GSource *source = g_timeout_source_new (self->slow_delay_ms);

      held->msg = g_object_ref (msg);
      soup_server_message_pause (msg);
      g_source_set_callback (source, release_held_cb, held, held_free);
      g_source_attach (source, self->context);
      g_source_unref (source);
    }
}

static void
server_cb (SoupServer        *server,
           SoupServerMessage *msg,
           const char        *path,
           GHashTable        *query_table,
           gpointer           user_data)
{
  NdFakeWordpress *self = user_data;
  GUri *uri = soup_server_message_get_uri (msg);
  const char *query = g_uri_get_query (uri);
  const char *method = soup_server_message_get_method (msg);
  g_autoptr(GMutexLocker) locker = g_mutex_locker_new (&self->mutex);

  if (g_str_has_prefix (path, "/wp-json/") || g_str_equal (path, "/wp-json"))
    {
      const char *route = path + strlen ("/wp-json");

      serve_rest (self, msg, *route ? route : "/", query);
      return;
    }
  if ((g_str_equal (path, "/") || g_str_equal (path, "/index.php"))
      && query_table != NULL && g_hash_table_contains (query_table, "rest_route"))
    {
      /* The plain-permalink form: ?rest_route=/wp/v2/posts&page=2. */
      const char *route = g_hash_table_lookup (query_table, "rest_route");
      GString *rest = g_string_new (NULL);
      g_auto(GStrv) pairs = g_strsplit (query, "&", -1);

      for (int i = 0; pairs[i] != NULL; i++)
        if (!g_str_has_prefix (pairs[i], "rest_route="))
          g_string_append_printf (rest, "%s%s", rest->len ? "&" : "", pairs[i]);
      serve_rest (self, msg, route, rest->str);
      g_string_free (rest, TRUE);
      return;
    }

  set_date_header (self, soup_server_message_get_response_headers (msg));
  if (g_str_equal (path, "/wp-cron.php"))
    {
      run_cron_locked (self);
      serve_html (msg, 200, "");
    }
  else if (g_str_has_prefix (path, "/wp-content/uploads/"))
    {
      Media *found = NULL;

      for (unsigned int i = 0; i < self->media->len && found == NULL; i++)
        if (g_str_equal (((Media *) g_ptr_array_index (self->media, i))->path, path))
          found = g_ptr_array_index (self->media, i);
      if (found == NULL)
        serve_html (msg, 404, "<html><body>Not Found</body></html>");
      else
        {
          soup_server_message_set_status (msg, 200, NULL);
          soup_server_message_set_response (msg, found->mime_type, SOUP_MEMORY_COPY,
                                            g_bytes_get_data (found->data, NULL),
                                            g_bytes_get_size (found->data));
        }
    }
  else if (g_str_equal (path, "/") || g_str_equal (path, "/index.php"))
    {
      g_autofree char *html = g_strdup_printf ("<!DOCTYPE html>\n<html><head><title>%s</title>"
                                               "<link rel=\"https://api.w.org/\" href=\"%s/wp-json/\" />"
                                               "</head><body><h1>%s</h1></body></html>\n",
                                               self->site_name, self->url, self->site_name);

      set_api_link (self, soup_server_message_get_response_headers (msg));
      serve_html (msg, 200, html);
    }
  else
    serve_html (msg, 404, "<!DOCTYPE html>\n<html><body><h1>Page not found</h1></body></html>\n");
  log_request (self, method, path, query, soup_server_message_get_status (msg), ND_FAKE_FAULT_NONE);
}

static gpointer
server_thread (gpointer user_data)
{
  NdFakeWordpress *self = user_data;
  g_autoptr(GError) error = NULL;
  GSList *uris;

  g_main_context_push_thread_default (self->context);
  self->server = soup_server_new ("server-header", "Apache/2.4.57 (Debian)", NULL);
  soup_server_add_handler (self->server, NULL, server_cb, self, NULL);
  if (!soup_server_listen_local (self->server, 0, SOUP_SERVER_LISTEN_IPV4_ONLY, &error))
    g_error ("The fake WordPress cannot listen: %s", error->message);
  uris = soup_server_get_uris (self->server);
  g_mutex_lock (&self->mutex);
  self->url = g_strdup_printf ("http://127.0.0.1:%d", g_uri_get_port (uris->data));
  self->listening = TRUE;
  g_cond_broadcast (&self->cond);
  g_mutex_unlock (&self->mutex);
  g_slist_free_full (uris, (GDestroyNotify) g_uri_unref);

  g_main_loop_run (self->loop);

  soup_server_disconnect (self->server);
  g_clear_object (&self->server);
  /* Let the closed connections and any held answers go. */
  while (g_main_context_iteration (self->context, FALSE))
    ;
  g_main_context_pop_thread_default (self->context);
  return NULL;
}

static gboolean
quit_cb (gpointer user_data)
{
  g_main_loop_quit (user_data);
  return G_SOURCE_REMOVE;
}

/* Overrides */

static void
nd_fake_wordpress_dispose (GObject *object)
{
  nd_fake_wordpress_stop (ND_FAKE_WORDPRESS (object));

  G_OBJECT_CLASS (nd_fake_wordpress_parent_class)->dispose (object);
}

static void
nd_fake_wordpress_finalize (GObject *object)
{
  NdFakeWordpress *self = ND_FAKE_WORDPRESS (object);

  g_clear_pointer (&self->loop, g_main_loop_unref);
  g_clear_pointer (&self->context, g_main_context_unref);
  g_free (self->url);
  g_free (self->site_name);
  g_free (self->timezone_string);
  g_ptr_array_unref (self->users);
  g_ptr_array_unref (self->posts);
  g_ptr_array_unref (self->terms);
  g_ptr_array_unref (self->media);
  g_ptr_array_unref (self->revisions);
  g_rand_free (self->rand);
  g_queue_clear_full (&self->queued_faults, (GDestroyNotify) queued_fault_free);
  g_ptr_array_unref (self->other_edits);
  g_ptr_array_unref (self->request_log);
  g_ptr_array_unref (self->request_keys);
  g_mutex_clear (&self->mutex);
  g_cond_clear (&self->cond);

  G_OBJECT_CLASS (nd_fake_wordpress_parent_class)->finalize (object);
}

static void
nd_fake_wordpress_class_init (NdFakeWordpressClass *klass)
{
  GObjectClass *object_class = G_OBJECT_CLASS (klass);

  object_class->dispose = nd_fake_wordpress_dispose;
  object_class->finalize = nd_fake_wordpress_finalize;
}

static void
nd_fake_wordpress_init (NdFakeWordpress *self)
{
  User *user;
  Term *uncategorized;

  g_mutex_init (&self->mutex);
  g_cond_init (&self->cond);
  self->site_name = g_strdup ("Newsdesk Test Site");
  self->timezone_string = g_strdup ("Europe/Moscow");
  self->gmt_offset = 3;
  self->users = g_ptr_array_new_with_free_func ((GDestroyNotify) user_free);
  self->posts = g_ptr_array_new_with_free_func ((GDestroyNotify) post_free);
  self->terms = g_ptr_array_new_with_free_func ((GDestroyNotify) term_free);
  self->media = g_ptr_array_new_with_free_func ((GDestroyNotify) media_free);
  self->revisions = g_ptr_array_new_with_free_func ((GDestroyNotify) revision_free);
  self->other_edits = g_ptr_array_new_with_free_func (g_free);
  self->request_log = g_ptr_array_new_with_free_func (g_free);
  self->request_keys = g_ptr_array_new_with_free_func (g_free);
  self->rand = g_rand_new_with_seed (0);
  self->slow_delay_ms = 3000;
  self->next_post_id = 1;
  self->next_term_id = 1;
  g_queue_init (&self->queued_faults);

  user = g_new0 (User, 1);
  user->id = 1;
  user->login = g_strdup (ND_FAKE_WORDPRESS_USER);
  user->app_password = g_strdup ("abcdEFGH1234ijklMNOP5678");
  user->administrator = TRUE;
  g_ptr_array_add (self->users, user);
  user = g_new0 (User, 1);
  user->id = 2;
  user->login = g_strdup (ND_FAKE_WORDPRESS_OTHER_USER);
  user->administrator = FALSE;
  g_ptr_array_add (self->users, user);

  uncategorized = term_new (self, TRUE, "Uncategorized", "uncategorized");
  g_assert (uncategorized->id == 1);
}

/* Public API */

NdFakeWordpress *
nd_fake_wordpress_new (NdFakeFeatures features)
{
  NdFakeWordpress *self = g_object_new (ND_TYPE_FAKE_WORDPRESS, NULL);

  self->features = features;
  self->context = g_main_context_new ();
  self->loop = g_main_loop_new (self->context, FALSE);
  self->thread = g_thread_new ("fake-wordpress", server_thread, self);
  g_mutex_lock (&self->mutex);
  while (!self->listening)
    g_cond_wait (&self->cond, &self->mutex);
  g_mutex_unlock (&self->mutex);
  return self;
}

void
nd_fake_wordpress_stop (NdFakeWordpress *fake)
{
  GSource *source;

  g_return_if_fail (ND_IS_FAKE_WORDPRESS (fake));

  if (fake->thread == NULL)
    return;
  source = g_idle_source_new ();
  g_source_set_callback (source, quit_cb, fake->loop, NULL);
  g_source_attach (source, fake->context);
  g_source_unref (source);
  g_thread_join (g_steal_pointer (&fake->thread));
}

const char *
nd_fake_wordpress_get_url (NdFakeWordpress *fake)
{
  g_return_val_if_fail (ND_IS_FAKE_WORDPRESS (fake), NULL);

  return fake->url;
}

char *
nd_fake_wordpress_dup_api_root (NdFakeWordpress *fake)
{
  g_return_val_if_fail (ND_IS_FAKE_WORDPRESS (fake), NULL);

  return g_strconcat (fake->url, "/wp-json/", NULL);
}

void
nd_fake_wordpress_set_features (NdFakeWordpress *fake,
                                NdFakeFeatures   features)
{
  g_autoptr(GMutexLocker) locker = NULL;

  g_return_if_fail (ND_IS_FAKE_WORDPRESS (fake));

  locker = g_mutex_locker_new (&fake->mutex);
  fake->features = features;
}

NdFakeFeatures
nd_fake_wordpress_get_features (NdFakeWordpress *fake)
{
  g_autoptr(GMutexLocker) locker = NULL;

  g_return_val_if_fail (ND_IS_FAKE_WORDPRESS (fake), 0);

  locker = g_mutex_locker_new (&fake->mutex);
  return fake->features;
}

void
nd_fake_wordpress_set_timezone (NdFakeWordpress *fake,
                                const char      *timezone_string,
                                double           gmt_offset)
{
  g_autoptr(GMutexLocker) locker = NULL;

  g_return_if_fail (ND_IS_FAKE_WORDPRESS (fake));

  locker = g_mutex_locker_new (&fake->mutex);
  set_str (&fake->timezone_string, timezone_string ? timezone_string : "");
  fake->gmt_offset = gmt_offset;
}

void
nd_fake_wordpress_set_site_name (NdFakeWordpress *fake,
                                 const char      *name)
{
  g_autoptr(GMutexLocker) locker = NULL;

  g_return_if_fail (ND_IS_FAKE_WORDPRESS (fake));
  g_return_if_fail (name != NULL);

  locker = g_mutex_locker_new (&fake->mutex);
  set_str (&fake->site_name, name);
}

gint64
nd_fake_wordpress_add_user (NdFakeWordpress *fake,
                            const char      *login,
                            const char      *app_password)
{
  g_autoptr(GMutexLocker) locker = NULL;
  User *user;

  g_return_val_if_fail (ND_IS_FAKE_WORDPRESS (fake), 0);
  g_return_val_if_fail (login != NULL, 0);

  locker = g_mutex_locker_new (&fake->mutex);
  user = g_new0 (User, 1);
  user->id = fake->users->len + 1;
  user->login = g_strdup (login);
  if (app_password != NULL)
    {
      GString *clean = g_string_new (NULL);

      for (const char *p = app_password; *p; p++)
        if (g_ascii_isalnum (*p))
          g_string_append_c (clean, *p);
      user->app_password = g_string_free (clean, FALSE);
    }
  g_ptr_array_add (fake->users, user);
  return user->id;
}

char **
nd_fake_wordpress_list_users (NdFakeWordpress *fake)
{
  g_autoptr(GMutexLocker) locker = NULL;
  g_autoptr(GStrvBuilder) builder = g_strv_builder_new ();

  g_return_val_if_fail (ND_IS_FAKE_WORDPRESS (fake), NULL);

  locker = g_mutex_locker_new (&fake->mutex);
  for (unsigned int i = 0; i < fake->users->len; i++)
    g_strv_builder_add (builder, ((User *) g_ptr_array_index (fake->users, i))->login);
  return g_strv_builder_end (builder);
}

void
nd_fake_wordpress_advance_clock (NdFakeWordpress *fake,
                                 gint64           seconds)
{
  g_autoptr(GMutexLocker) locker = NULL;

  g_return_if_fail (ND_IS_FAKE_WORDPRESS (fake));

  locker = g_mutex_locker_new (&fake->mutex);
  fake->clock_offset += seconds;
}

GDateTime *
nd_fake_wordpress_dup_now (NdFakeWordpress *fake)
{
  g_autoptr(GMutexLocker) locker = NULL;

  g_return_val_if_fail (ND_IS_FAKE_WORDPRESS (fake), NULL);

  locker = g_mutex_locker_new (&fake->mutex);
  return g_date_time_new_from_unix_utc (now_locked (fake));
}

unsigned int
nd_fake_wordpress_run_cron (NdFakeWordpress *fake)
{
  g_autoptr(GMutexLocker) locker = NULL;

  g_return_val_if_fail (ND_IS_FAKE_WORDPRESS (fake), 0);

  locker = g_mutex_locker_new (&fake->mutex);
  return run_cron_locked (fake);
}

void
nd_fake_wordpress_set_faults (NdFakeWordpress *fake,
                              NdFakeFaults     mask,
                              double           rate,
                              guint32          seed)
{
  g_autoptr(GMutexLocker) locker = NULL;

  g_return_if_fail (ND_IS_FAKE_WORDPRESS (fake));
  g_return_if_fail (rate >= 0.0 && rate <= 1.0);

  locker = g_mutex_locker_new (&fake->mutex);
  fake->fault_mask = mask & ND_FAKE_FAULTS_ALL;
  fake->fault_rate = rate;
  g_rand_set_seed (fake->rand, seed);
}

void
nd_fake_wordpress_fail_next_matching (NdFakeWordpress *fake,
                                      NdFakeFault      fault,
                                      const char      *method,
                                      const char      *route_prefix)
{
  g_autoptr(GMutexLocker) locker = NULL;
  QueuedFault *queued;

  g_return_if_fail (ND_IS_FAKE_WORDPRESS (fake));
  g_return_if_fail (fault_index (fault) != 0);

  locker = g_mutex_locker_new (&fake->mutex);
  queued = g_new0 (QueuedFault, 1);
  queued->fault = fault;
  queued->method = g_strdup (method);
  queued->route_prefix = g_strdup (route_prefix);
  g_queue_push_tail (&fake->queued_faults, queued);
}

void
nd_fake_wordpress_fail_next (NdFakeWordpress *fake,
                             NdFakeFault      fault)
{
  nd_fake_wordpress_fail_next_matching (fake, fault, NULL, NULL);
}

void
nd_fake_wordpress_set_slow_delay (NdFakeWordpress *fake,
                                  unsigned int     delay_ms)
{
  g_autoptr(GMutexLocker) locker = NULL;

  g_return_if_fail (ND_IS_FAKE_WORDPRESS (fake));

  locker = g_mutex_locker_new (&fake->mutex);
  fake->slow_delay_ms = delay_ms;
}

unsigned int
nd_fake_wordpress_count_faults (NdFakeWordpress *fake,
                                NdFakeFault      fault)
{
  g_autoptr(GMutexLocker) locker = NULL;
  unsigned int total = 0;

  g_return_val_if_fail (ND_IS_FAKE_WORDPRESS (fake), 0);

  locker = g_mutex_locker_new (&fake->mutex);
  if (fault != ND_FAKE_FAULT_NONE)
    return fake->fault_counts[fault_index (fault)];
  for (unsigned int i = 1; i < G_N_ELEMENTS (fake->fault_counts); i++)
    total += fake->fault_counts[i];
  return total;
}

static char **
dup_strings (GPtrArray *array)
{
  char **strv = g_new0 (char *, array->len + 1);

  for (unsigned int i = 0; i < array->len; i++)
    strv[i] = g_strdup (g_ptr_array_index (array, i));
  return strv;
}

char **
nd_fake_wordpress_dup_other_edits (NdFakeWordpress *fake)
{
  g_autoptr(GMutexLocker) locker = NULL;

  g_return_val_if_fail (ND_IS_FAKE_WORDPRESS (fake), NULL);

  locker = g_mutex_locker_new (&fake->mutex);
  return dup_strings (fake->other_edits);
}

unsigned int
nd_fake_wordpress_count_posts (NdFakeWordpress *fake,
                               const char      *status)
{
  g_autoptr(GMutexLocker) locker = NULL;
  unsigned int count = 0;

  g_return_val_if_fail (ND_IS_FAKE_WORDPRESS (fake), 0);

  locker = g_mutex_locker_new (&fake->mutex);
  for (unsigned int i = 0; i < fake->posts->len; i++)
    if (status == NULL || g_strcmp0 (((Post *) g_ptr_array_index (fake->posts, i))->status, status) == 0)
      count++;
  return count;
}

GArray *
nd_fake_wordpress_find_posts_by_uuid (NdFakeWordpress *fake,
                                      const char      *uuid)
{
  g_autoptr(GMutexLocker) locker = NULL;
  GArray *ids;

  g_return_val_if_fail (ND_IS_FAKE_WORDPRESS (fake), NULL);
  g_return_val_if_fail (uuid != NULL, NULL);

  locker = g_mutex_locker_new (&fake->mutex);
  ids = g_array_new (FALSE, FALSE, sizeof (gint64));
  for (unsigned int i = 0; i < fake->posts->len; i++)
    {
      Post *post = g_ptr_array_index (fake->posts, i);

      if (g_strcmp0 (post->meta_uuid, uuid) == 0 || has_uuid_marker (post->content, uuid))
        g_array_append_val (ids, post->id);
    }
  return ids;
}

JsonNode *
nd_fake_wordpress_get_post_json (NdFakeWordpress *fake,
                                 gint64           id)
{
  g_autoptr(GMutexLocker) locker = NULL;
  Post *post;

  g_return_val_if_fail (ND_IS_FAKE_WORDPRESS (fake), NULL);

  locker = g_mutex_locker_new (&fake->mutex);
  post = find_post (fake, id);
  return post ? node_from_object (post_to_json (fake, post, TRUE)) : NULL;
}

unsigned int
nd_fake_wordpress_count_revisions (NdFakeWordpress *fake,
                                   gint64           post_id)
{
  g_autoptr(GMutexLocker) locker = NULL;

  g_return_val_if_fail (ND_IS_FAKE_WORDPRESS (fake), 0);

  locker = g_mutex_locker_new (&fake->mutex);
  return count_revisions_locked (fake, post_id);
}

gint64
nd_fake_wordpress_create_post (NdFakeWordpress  *fake,
                               const char       *json,
                               GError          **error)
{
  g_autoptr(GMutexLocker) locker = NULL;
  g_autoptr(JsonParser) parser = json_parser_new ();
  g_autoptr(Response) response = NULL;
  JsonNode *root;

  g_return_val_if_fail (ND_IS_FAKE_WORDPRESS (fake), 0);
  g_return_val_if_fail (json != NULL, 0);

  if (!json_parser_load_from_data (parser, json, -1, error))
    return 0;
  root = json_parser_get_root (parser);
  if (root == NULL || !JSON_NODE_HOLDS_OBJECT (root))
    {
      g_set_error_literal (error, G_IO_ERROR, G_IO_ERROR_INVALID_DATA, "Not a JSON object");
      return 0;
    }
  locker = g_mutex_locker_new (&fake->mutex);
  response = create_post (fake, 2, json_node_get_object (root));
  if (response->status != 201)
    {
      JsonObject *body = json_node_get_object (response->body);

      g_set_error (error, G_IO_ERROR, G_IO_ERROR_INVALID_ARGUMENT, "%s: %s",
                   json_object_get_string_member (body, "code"),
                   json_object_get_string_member (body, "message"));
      return 0;
    }
  return json_object_get_int_member (json_node_get_object (response->body), "id");
}

gboolean
nd_fake_wordpress_edit_post (NdFakeWordpress *fake,
                             gint64           id,
                             const char      *field,
                             const char      *value)
{
  g_autoptr(GMutexLocker) locker = NULL;
  Post *post;

  g_return_val_if_fail (ND_IS_FAKE_WORDPRESS (fake), FALSE);
  g_return_val_if_fail (field != NULL && value != NULL, FALSE);

  locker = g_mutex_locker_new (&fake->mutex);
  post = find_post (fake, id);
  return post != NULL && edit_post_locked (fake, post, field, value);
}

gboolean
nd_fake_wordpress_delete_post (NdFakeWordpress *fake,
                               gint64           id)
{
  g_autoptr(GMutexLocker) locker = NULL;
  Post *post;

  g_return_val_if_fail (ND_IS_FAKE_WORDPRESS (fake), FALSE);

  locker = g_mutex_locker_new (&fake->mutex);
  post = find_post (fake, id);
  if (post == NULL)
    return FALSE;
  remove_post (fake, post);
  return TRUE;
}

unsigned int
nd_fake_wordpress_count_terms (NdFakeWordpress *fake,
                               const char      *taxonomy)
{
  g_autoptr(GMutexLocker) locker = NULL;
  gboolean category;
  unsigned int count = 0;

  g_return_val_if_fail (ND_IS_FAKE_WORDPRESS (fake), 0);
  g_return_val_if_fail (g_strcmp0 (taxonomy, "tags") == 0 || g_strcmp0 (taxonomy, "categories") == 0, 0);

  category = g_str_equal (taxonomy, "categories");
  locker = g_mutex_locker_new (&fake->mutex);
  for (unsigned int i = 0; i < fake->terms->len; i++)
    if (((Term *) g_ptr_array_index (fake->terms, i))->category == category)
      count++;
  return count;
}

gint64
nd_fake_wordpress_add_term (NdFakeWordpress *fake,
                            const char      *taxonomy,
                            const char      *name)
{
  g_autoptr(GMutexLocker) locker = NULL;
  gboolean category;
  Term *term;

  g_return_val_if_fail (ND_IS_FAKE_WORDPRESS (fake), 0);
  g_return_val_if_fail (g_strcmp0 (taxonomy, "tags") == 0 || g_strcmp0 (taxonomy, "categories") == 0, 0);
  g_return_val_if_fail (name != NULL, 0);

  category = g_str_equal (taxonomy, "categories");
  locker = g_mutex_locker_new (&fake->mutex);
  term = find_term_by_name (fake, category, name, 0);
  if (term == NULL)
    term = term_new (fake, category, name, NULL);
  return term->id;
}

unsigned int
nd_fake_wordpress_count_media (NdFakeWordpress *fake)
{
  g_autoptr(GMutexLocker) locker = NULL;

  g_return_val_if_fail (ND_IS_FAKE_WORDPRESS (fake), 0);

  locker = g_mutex_locker_new (&fake->mutex);
  return fake->media->len;
}

JsonNode *
nd_fake_wordpress_get_media_json (NdFakeWordpress *fake,
                                  gint64           id)
{
  g_autoptr(GMutexLocker) locker = NULL;
  Media *media;

  g_return_val_if_fail (ND_IS_FAKE_WORDPRESS (fake), NULL);

  locker = g_mutex_locker_new (&fake->mutex);
  media = find_media (fake, id);
  return media ? node_from_object (media_to_json (fake, media, TRUE)) : NULL;
}

unsigned int
nd_fake_wordpress_count_requests (NdFakeWordpress *fake,
                                  const char      *method,
                                  const char      *route_prefix)
{
  g_autoptr(GMutexLocker) locker = NULL;
  unsigned int count = 0;

  g_return_val_if_fail (ND_IS_FAKE_WORDPRESS (fake), 0);

  locker = g_mutex_locker_new (&fake->mutex);
  for (unsigned int i = 0; i < fake->request_keys->len; i++)
    {
      const char *key = g_ptr_array_index (fake->request_keys, i);
      const char *space = strchr (key, ' ');

      if (method != NULL && (strncmp (key, method, space - key) != 0 || strlen (method) != (gsize) (space - key)))
        continue;
      if (route_prefix != NULL && !g_str_has_prefix (space + 1, route_prefix))
        continue;
      count++;
    }
  return count;
}

char **
nd_fake_wordpress_dup_request_log (NdFakeWordpress *fake)
{
  g_autoptr(GMutexLocker) locker = NULL;

  g_return_val_if_fail (ND_IS_FAKE_WORDPRESS (fake), NULL);

  locker = g_mutex_locker_new (&fake->mutex);
  return dup_strings (fake->request_log);
}

void
nd_fake_wordpress_reset_requests (NdFakeWordpress *fake)
{
  g_autoptr(GMutexLocker) locker = NULL;

  g_return_if_fail (ND_IS_FAKE_WORDPRESS (fake));

  locker = g_mutex_locker_new (&fake->mutex);
  g_ptr_array_set_size (fake->request_log, 0);
  g_ptr_array_set_size (fake->request_keys, 0);
}
