/* nd-wp-post.h
 *
 * SPDX-License-Identifier: GPL-3.0-or-later
 */

#pragma once

#include <gio/gio.h>
#include <json-glib/json-glib.h>

G_BEGIN_DECLS

/**
 * ND_WP_JSON_MAX_DEPTH:
 *
 * The deepest nesting of arrays and objects accepted in an answer. WordPress
 * never nests more than a handful of levels; json-glib's parser recurses, so
 * deeper input is refused before it is parsed.
 */
#define ND_WP_JSON_MAX_DEPTH 64

/**
 * ND_WP_MAX_STRING:
 *
 * The longest string accepted in any field of an answer, in bytes (4 MiB):
 * far above any real article, low enough that one field cannot take the
 * memory of the whole answer several times over.
 */
#define ND_WP_MAX_STRING (4 * 1024 * 1024)

/**
 * NdWpTermKind:
 * @ND_WP_TERM_TAG: a tag (`/wp/v2/tags`)
 * @ND_WP_TERM_CATEGORY: a category (`/wp/v2/categories`)
 *
 * The two taxonomies Newsdesk maps: tags and sections (categories).
 */
typedef enum
{
  ND_WP_TERM_TAG,
  ND_WP_TERM_CATEGORY,
} NdWpTermKind;

/**
 * NdWpPostField:
 *
 * The fields a post body built by nd_wp_post_build_body() carries. An update
 * sends only the fields that changed, so that a colleague's change to another
 * field is not overwritten.
 */
typedef enum
{
  ND_WP_POST_FIELD_NONE           = 0,
  ND_WP_POST_FIELD_TITLE          = 1 << 0,
  ND_WP_POST_FIELD_EXCERPT        = 1 << 1,
  ND_WP_POST_FIELD_CONTENT        = 1 << 2,
  ND_WP_POST_FIELD_SLUG           = 1 << 3,
  ND_WP_POST_FIELD_STATUS         = 1 << 4,
  ND_WP_POST_FIELD_DATE_GMT       = 1 << 5,
  ND_WP_POST_FIELD_TAGS           = 1 << 6,
  ND_WP_POST_FIELD_CATEGORIES     = 1 << 7,
  ND_WP_POST_FIELD_FEATURED_MEDIA = 1 << 8,
  ND_WP_POST_FIELD_META           = 1 << 9,
  ND_WP_POST_FIELD_LANG           = 1 << 10,
  ND_WP_POST_FIELD_TRANSLATIONS   = 1 << 11,
} NdWpPostField;

/**
 * NdWpPost:
 * @id: the post id on the site (> 0)
 * @uuid: (nullable): the edition uuid from meta `newsdesk_uuid` (only with
 *   the Newsdesk mu-plugin; otherwise look for the marker in @content)
 * @group: (nullable): the story uuid from meta `newsdesk_group`
 * @date_gmt: (nullable): the publication date, UTC
 * @modified_gmt: the last change, UTC; never %NULL
 * @status: `publish`, `future`, `draft`, `pending`, `private` or `trash`
 *   (any other string WordPress or a plugin uses is kept as is)
 * @slug: the slug, maybe empty
 * @title: `title.raw`
 * @excerpt: `excerpt.raw`
 * @content: `content.raw`
 * @tags: (element-type gint64): tag ids
 * @categories: (element-type gint64): category ids
 * @featured_media: the featured image's media id, 0 for none
 * @lang: (nullable): the Polylang language code
 * @translations: (nullable) (element-type utf8 gint64): Polylang's
 *   translations, language code → a `gint64*` post id
 *
 * A post as read with `context=edit`: the raw fields, never the rendered
 * ones. Every string is valid UTF-8.
 */
typedef struct
{
  gint64      id;
  char       *uuid;
  char       *group;
  GDateTime  *date_gmt;
  GDateTime  *modified_gmt;
  char       *status;
  char       *slug;
  char       *title;
  char       *excerpt;
  char       *content;
  GArray     *tags;
  GArray     *categories;
  gint64      featured_media;
  char       *lang;
  GHashTable *translations;
} NdWpPost;

/**
 * NdWpPostPage:
 * @posts: (element-type NdWpPost): the posts of the page
 * @total: the number of posts in all pages (`X-WP-Total`), or -1 when the
 *   server did not say
 * @total_pages: the number of pages (`X-WP-TotalPages`), at least 1
 * @server_date: (nullable): the server's clock (HTTP `Date`), to take the
 *   next pull cursor from without trusting the local clock
 *
 * One page of nd_remote_list_posts_async().
 */
typedef struct
{
  GPtrArray *posts;
  gint64     total;
  int        total_pages;
  GDateTime *server_date;
  guint      n_rejected;
  char      *rejection;
} NdWpPostPage;

/**
 * NdWpTerm:
 * @id: the term id (> 0)
 * @kind: tag or category
 * @name: the name as shown, HTML entities decoded
 * @slug: the slug
 * @parent: the parent category, 0 for none (and for tags)
 *
 * A tag or a category.
 */
typedef struct
{
  gint64        id;
  NdWpTermKind  kind;
  char         *name;
  char         *slug;
  gint64        parent;
} NdWpTerm;

/**
 * NdWpMedia:
 * @id: the attachment id (> 0)
 * @source_url: the address of the file
 * @mime_type: its type, e.g. `image/jpeg`
 * @caption: `caption.raw` (empty when not asked with `context=edit`)
 * @alt_text: the alternative text
 *
 * An uploaded image.
 */
typedef struct
{
  gint64  id;
  char   *source_url;
  char   *mime_type;
  char   *caption;
  char   *alt_text;
} NdWpMedia;

/**
 * NdWpSiteInfo:
 * @name: the site's title
 * @url: the site's address (from the index's `home` or `url`)
 * @api_root: the REST API root, ending in `/`
 * @timezone_string: (nullable): e.g. `Europe/Moscow`, %NULL or empty when the
 *   site uses a fixed offset
 * @gmt_offset: the site's offset from UTC in hours (may be fractional)
 * @has_batch: `/batch/v1` is available
 * @has_polylang: Polylang answers in the REST API (`pll/v1` or a `lang`
 *   field)
 * @has_newsdesk_plugin: the Newsdesk mu-plugin (`newsdesk/v1`) is there
 *
 * What discovery (the `/wp-json/` index) and the settings tell about a site.
 * nd_remote_discover_finish() fills @name, @url, @api_root and the @has_*
 * flags, with the index's `timezone_string`/`gmt_offset` when present;
 * nd_remote_get_settings_finish() fills @name, @url, @timezone_string and
 * @gmt_offset from `/wp/v2/settings`.
 */
typedef struct
{
  char     *name;
  char     *url;
  char     *api_root;
  char     *timezone_string;
  double    gmt_offset;
  gboolean  has_batch;
  gboolean  has_polylang;
  gboolean  has_newsdesk_plugin;
} NdWpSiteInfo;

/**
 * NdWpUser:
 * @id: the user id
 * @name: the display name
 * @slug: the login's slug
 * @can_publish: the user may publish posts (`capabilities.publish_posts`)
 *
 * The user the application password belongs to (`/wp/v2/users/me`).
 */
typedef struct
{
  gint64    id;
  char     *name;
  char     *slug;
  gboolean  can_publish;
} NdWpUser;

/**
 * NdWpBatchRequest:
 * @method: `POST`, `PUT`, `PATCH` or `DELETE`
 * @path: the route, e.g. `/wp/v2/posts/12`
 * @body: (nullable): the request body
 *
 * One request of nd_remote_batch_async().
 */
typedef struct
{
  char       *method;
  char       *path;
  JsonObject *body;
} NdWpBatchRequest;

/**
 * NdWpBatchResponse:
 * @status: the HTTP status of this one request
 * @body: (nullable): its answer
 * @error: (nullable): the answer as an %ND_REMOTE_ERROR when @status is not
 *   2xx
 *
 * One answer of nd_remote_batch_finish(), in the order of the requests.
 */
typedef struct
{
  guint     status;
  JsonNode *body;
  GError   *error;
} NdWpBatchResponse;

/**
 * NdWpRevision:
 * @id: the revision's id
 * @parent: the post it is a revision of
 * @author: who saved it
 * @modified_gmt: when
 * @title: (nullable): the title then, raw
 * @excerpt: (nullable): the excerpt then, raw
 * @content: (nullable): the content then, raw
 *
 * One saved state of a post (`/wp/v2/posts/ID/revisions`, context=edit).
 * WordPress keeps one for every update that changed the text, whoever made
 * it: the only trace of an edit made between a client's read and its write.
 */
typedef struct
{
  gint64     id;
  gint64     parent;
  gint64     author;
  GDateTime *modified_gmt;
  char      *title;
  char      *excerpt;
  char      *content;
} NdWpRevision;

NdWpRevision  *nd_wp_revision_new_from_json (JsonNode        *node,
                                             GError         **error);
void           nd_wp_revision_free          (NdWpRevision    *revision);

#define ND_TYPE_WP_POST (nd_wp_post_get_type ())
GType          nd_wp_post_get_type          (void) G_GNUC_CONST;
NdWpPost      *nd_wp_post_new               (void);
NdWpPost      *nd_wp_post_copy              (const NdWpPost  *post);
void           nd_wp_post_free              (NdWpPost        *post);
NdWpPost      *nd_wp_post_new_from_json     (JsonNode        *node,
                                             GError         **error);
NdWpPost      *nd_wp_post_parse             (const char      *data,
                                             gsize            length,
                                             GError         **error);
JsonObject    *nd_wp_post_build_body        (const NdWpPost  *post,
                                             NdWpPostField    fields);

void           nd_wp_post_page_free         (NdWpPostPage    *page);

NdWpTerm      *nd_wp_term_new_from_json     (JsonNode        *node,
                                             NdWpTermKind     kind,
                                             GError         **error);
void           nd_wp_term_free              (NdWpTerm        *term);
const char    *nd_wp_term_kind_to_route     (NdWpTermKind     kind);

NdWpMedia     *nd_wp_media_new_from_json    (JsonNode        *node,
                                             GError         **error);
void           nd_wp_media_free             (NdWpMedia       *media);

NdWpSiteInfo  *nd_wp_site_info_new_from_index    (JsonNode   *node,
                                                  GError    **error);
gboolean       nd_wp_site_info_update_from_settings (NdWpSiteInfo *info,
                                                     JsonNode     *node,
                                                     GError      **error);
void           nd_wp_site_info_free         (NdWpSiteInfo    *info);

NdWpUser      *nd_wp_user_new_from_json     (JsonNode        *node,
                                             GError         **error);
void           nd_wp_user_free              (NdWpUser        *user);

NdWpBatchRequest *nd_wp_batch_request_new   (const char      *method,
                                             const char      *path,
                                             JsonObject      *body);
void           nd_wp_batch_request_free     (NdWpBatchRequest *request);
void           nd_wp_batch_response_free    (NdWpBatchResponse *response);

JsonNode      *nd_wp_json_parse             (const char      *data,
                                             gsize            length,
                                             GError         **error);
GDateTime     *nd_wp_parse_date             (const char      *text);

G_DEFINE_AUTOPTR_CLEANUP_FUNC (NdWpPost, nd_wp_post_free)
G_DEFINE_AUTOPTR_CLEANUP_FUNC (NdWpRevision, nd_wp_revision_free)
G_DEFINE_AUTOPTR_CLEANUP_FUNC (NdWpPostPage, nd_wp_post_page_free)
G_DEFINE_AUTOPTR_CLEANUP_FUNC (NdWpTerm, nd_wp_term_free)
G_DEFINE_AUTOPTR_CLEANUP_FUNC (NdWpMedia, nd_wp_media_free)
G_DEFINE_AUTOPTR_CLEANUP_FUNC (NdWpSiteInfo, nd_wp_site_info_free)
G_DEFINE_AUTOPTR_CLEANUP_FUNC (NdWpUser, nd_wp_user_free)
G_DEFINE_AUTOPTR_CLEANUP_FUNC (NdWpBatchRequest, nd_wp_batch_request_free)
G_DEFINE_AUTOPTR_CLEANUP_FUNC (NdWpBatchResponse, nd_wp_batch_response_free)

G_END_DECLS
