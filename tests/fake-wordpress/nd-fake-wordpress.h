/* nd-fake-wordpress.h
 *
 * SPDX-License-Identifier: GPL-3.0-or-later
 */

#pragma once

#include <json-glib/json-glib.h>

G_BEGIN_DECLS

/**
 * ND_FAKE_WORDPRESS_USER:
 *
 * The login of the user every fake site starts with (user id 1).
 */
#define ND_FAKE_WORDPRESS_USER "editor"

/**
 * ND_FAKE_WORDPRESS_PASSWORD:
 *
 * The application password of %ND_FAKE_WORDPRESS_USER, in the grouped form
 * WordPress shows it; the spaces are ignored when it is checked, as WordPress
 * does.
 */
#define ND_FAKE_WORDPRESS_PASSWORD "abcd EFGH 1234 ijkl MNOP 5678"

/**
 * ND_FAKE_WORDPRESS_OTHER_USER:
 *
 * The login of a second user (user id 2, no application password) in whose
 * name nd_fake_wordpress_edit_post() and the concurrent-edit fault change
 * posts.
 */
#define ND_FAKE_WORDPRESS_OTHER_USER "colleague"

/**
 * NdFakeFeatures:
 * @ND_FAKE_FEATURE_NONE: plain WordPress 6.1
 * @ND_FAKE_FEATURE_BATCH: `/batch/v1` is offered (and listed in the index's
 *   namespaces)
 * @ND_FAKE_FEATURE_POLYLANG: Polylang Pro: posts carry `lang` and
 *   `translations` ({lang: id}), both writable; `?lang=` filters lists
 * @ND_FAKE_FEATURE_NEWSDESK_PLUGIN: the Newsdesk mu-plugin: the meta keys
 *   `newsdesk_uuid` and `newsdesk_group` are registered (readable and
 *   writable in `meta`), `GET /wp/v2/posts?newsdesk_uuid=X` filters, and the
 *   namespace `newsdesk/v1` is listed. Without it `meta` is `{}` and written
 *   meta keys are ignored, like WordPress ignores unregistered meta.
 *
 * Optional parts of a site. See nd_fake_wordpress_new().
 */
typedef enum
{
  ND_FAKE_FEATURE_NONE = 0,
  ND_FAKE_FEATURE_BATCH = 1 << 0,
  ND_FAKE_FEATURE_POLYLANG = 1 << 1,
  ND_FAKE_FEATURE_NEWSDESK_PLUGIN = 1 << 2,
} NdFakeFeatures;

/**
 * NdFakeFault:
 * @ND_FAKE_FAULT_NONE: no fault
 * @ND_FAKE_FAULT_SERVER_ERROR: 500 with WordPress's critical-error body
 *   (`{"code":"internal_server_error",...}`); the request is NOT applied
 * @ND_FAKE_FAULT_RATE_LIMITED: 429 with `Retry-After: 1`; not applied
 * @ND_FAKE_FAULT_UNAVAILABLE: 503 with `Retry-After: 1`; not applied
 * @ND_FAKE_FAULT_LOST_ANSWER: the request IS applied (a create creates, an
 *   update updates), then the connection is closed without any answer
 * @ND_FAKE_FAULT_TRUNCATED: the request is applied and answered with its
 *   real status and headers, but the JSON body is cut in half (the
 *   Content-Length matches the cut body, so only the JSON is broken)
 * @ND_FAKE_FAULT_SLOW: the request is applied, then the answer is held back
 *   for the delay set with nd_fake_wordpress_set_slow_delay() (default
 *   3000 ms), longer than a client's timeout should be in tests
 * @ND_FAKE_FAULT_CONCURRENT_EDIT: only on `GET /wp/v2/posts/ID`: once the
 *   answer is built, another user changes that post's title, excerpt or one
 *   body paragraph (chosen by the seeded generator) and modified_gmt moves
 *   on. The answer the client gets is the state before the edit, so its
 *   following write races with the other user, as in real life. A read of
 *   several posts (`GET /wp/v2/posts?include=…`) does the same to each post
 *   it lists, each with the fault rate on its own (nd_fake_wordpress_set_faults()).
 *
 * Faults the server can inject. The values are bits, so a set of them is an
 * #NdFakeFaults mask.
 */
typedef enum
{
  ND_FAKE_FAULT_NONE = 0,
  ND_FAKE_FAULT_SERVER_ERROR = 1 << 0,
  ND_FAKE_FAULT_RATE_LIMITED = 1 << 1,
  ND_FAKE_FAULT_UNAVAILABLE = 1 << 2,
  ND_FAKE_FAULT_LOST_ANSWER = 1 << 3,
  ND_FAKE_FAULT_TRUNCATED = 1 << 4,
  ND_FAKE_FAULT_SLOW = 1 << 5,
  ND_FAKE_FAULT_CONCURRENT_EDIT = 1 << 6,
} NdFakeFault;

/**
 * NdFakeFaults:
 *
 * A set of #NdFakeFault bits, e.g.
 * `ND_FAKE_FAULT_SERVER_ERROR | ND_FAKE_FAULT_LOST_ANSWER`.
 */
typedef unsigned int NdFakeFaults;

/**
 * ND_FAKE_FAULTS_ALL:
 *
 * Every fault kind.
 */
#define ND_FAKE_FAULTS_ALL ((NdFakeFaults) 0x7f)

#define ND_TYPE_FAKE_WORDPRESS (nd_fake_wordpress_get_type ())

G_DECLARE_FINAL_TYPE (NdFakeWordpress, nd_fake_wordpress, ND, FAKE_WORDPRESS, GObject)

/* Dates on the wire follow WordPress: *_gmt fields have no zone suffix;
 * query dates (after, before, modified_after, modified_before) and `date`
 * without an offset are read in the SITE's zone, with "Z" or an offset they
 * are exact; comparisons are strict (>, <).
 *
 * Life cycle. nd_fake_wordpress_new() starts a real SoupServer on
 * 127.0.0.1 (a random port) on its own thread and main context, and returns
 * once it listens; so a test may run its client on the main context and
 * block on it (g_main_context_iteration) while the server answers. All
 * functions below are thread-safe. Dropping the last reference (or
 * nd_fake_wordpress_stop()) stops the server and joins its thread.
 *
 * The site starts with users "editor" (id 1, ND_FAKE_WORDPRESS_PASSWORD) and
 * "colleague" (id 2), the category "Uncategorized" (id 1, like WordPress),
 * no posts, no tags, time zone "Europe/Moscow" (gmt_offset 3), name
 * "Newsdesk Test Site". */
NdFakeWordpress *nd_fake_wordpress_new            (NdFakeFeatures    features);
void             nd_fake_wordpress_stop           (NdFakeWordpress  *fake);

/* The site URL without a trailing slash, e.g. "http://127.0.0.1:41234";
 * the REST index is at URL "/wp-json/" and at URL "/?rest_route=/". */
const char      *nd_fake_wordpress_get_url        (NdFakeWordpress  *fake);
/* The REST root: URL "/wp-json/" (with the trailing slash). */
char            *nd_fake_wordpress_dup_api_root   (NdFakeWordpress  *fake);

/* Configuration; may be changed at any time. */
void             nd_fake_wordpress_set_features   (NdFakeWordpress  *fake,
                                                   NdFakeFeatures    features);
NdFakeFeatures   nd_fake_wordpress_get_features   (NdFakeWordpress  *fake);
/* @timezone_string as in WordPress ("Europe/Moscow", or "" for a bare
 * offset); @gmt_offset in hours. Local `date`/`modified` fields are derived
 * from the GMT ones with this zone. */
void             nd_fake_wordpress_set_timezone   (NdFakeWordpress  *fake,
                                                   const char       *timezone_string,
                                                   double            gmt_offset);
void             nd_fake_wordpress_set_site_name  (NdFakeWordpress  *fake,
                                                   const char       *name);
/* Adds a user with an application password (may be %NULL for none); returns
 * the new user's id. */
gint64           nd_fake_wordpress_add_user       (NdFakeWordpress  *fake,
                                                   const char       *login,
                                                   const char       *app_password);
/* The logins of all users, in id order. Free with g_strfreev(). */
char           **nd_fake_wordpress_list_users     (NdFakeWordpress  *fake);

/* The server's clock is the real UTC clock plus an offset, so that tests
 * can let time pass (e.g. a scheduled post's time comes) without waiting.
 * Every date the server uses (Date header, modified_gmt, scheduling,
 * cron) comes from it. Each write moves a post's modified_gmt forward by at
 * least one second, even within the same second (WordPress stores seconds;
 * the fake makes every write visible so that tests are deterministic). */
void             nd_fake_wordpress_advance_clock  (NdFakeWordpress  *fake,
                                                   gint64            seconds);
GDateTime       *nd_fake_wordpress_dup_now        (NdFakeWordpress  *fake);

/* Scheduled publishing: publishes every `future` post whose date_gmt has
 * come, as WordPress's cron does (also done by GET /wp-cron.php). It never
 * runs by itself, so a missed schedule (a post still `future` after its
 * time) can be produced. Like wp_publish_post(), it changes the status
 * only: modified_gmt stays, so a pull by modified_after does not see the
 * post go live. Returns the number of posts published. */
unsigned int     nd_fake_wordpress_run_cron       (NdFakeWordpress  *fake);

/* Faults. Each request to the REST API (not the front page or
 * /wp-cron.php) gets, with probability @rate, one fault drawn uniformly from
 * those in @mask that apply to it, from a generator seeded with @seed: the
 * same seed and the same sequence of requests give the same faults.
 * A @mask of 0 or a @rate of 0 turns random faults off. */
void             nd_fake_wordpress_set_faults     (NdFakeWordpress  *fake,
                                                   NdFakeFaults      mask,
                                                   double            rate,
                                                   guint32           seed);
/* One-shot: the next REST request the fault applies to gets @fault (queued
 * in order; these come before random faults). */
void             nd_fake_wordpress_fail_next      (NdFakeWordpress  *fake,
                                                   NdFakeFault       fault);
/* Like nd_fake_wordpress_fail_next(), for the next request whose method is
 * @method (%NULL: any) and whose REST route (e.g. "/wp/v2/posts/12")
 * starts with @route_prefix (%NULL: any). */
void             nd_fake_wordpress_fail_next_matching (NdFakeWordpress *fake,
                                                   NdFakeFault       fault,
                                                   const char       *method,
                                                   const char       *route_prefix);
void             nd_fake_wordpress_set_slow_delay (NdFakeWordpress  *fake,
                                                   unsigned int      delay_ms);
/* How many faults of kind @fault were injected so far (ND_FAKE_FAULT_NONE:
 * all kinds). */
unsigned int     nd_fake_wordpress_count_faults   (NdFakeWordpress  *fake,
                                                   NdFakeFault       fault);
/* The edits the concurrent-edit fault and nd_fake_wordpress_edit_post()
 * made, one "ID FIELD" string each ("12 title", "12 excerpt",
 * "12 content"), in order. Free with g_strfreev(). */
char           **nd_fake_wordpress_dup_other_edits (NdFakeWordpress *fake);

/* Inspection and edits behind the client's back. Posts are addressed by
 * their WordPress id. */

/* The number of posts with @status ("publish", "future", "draft",
 * "pending", "private", "trash"), or all posts with %NULL. */
unsigned int     nd_fake_wordpress_count_posts    (NdFakeWordpress  *fake,
                                                   const char       *status);
/* The ids (gint64) of the posts carrying the edition uuid @uuid, in the
 * meta field newsdesk_uuid (stored only with the plugin) or in the content
 * marker `<!-- newsdesk:UUID -->`; trashed posts count too. More than one
 * id means a duplicate. Free with g_array_unref(). */
GArray          *nd_fake_wordpress_find_posts_by_uuid (NdFakeWordpress *fake,
                                                   const char       *uuid);
/* The post as GET /wp/v2/posts/ID?context=edit would give it (without
 * `_links`), or %NULL when there is no such post. */
JsonNode        *nd_fake_wordpress_get_post_json  (NdFakeWordpress  *fake,
                                                   gint64            id);
/* The number of revisions of post @post_id (0 for no such post).
 * Revisions follow WordPress 6.1's wp_save_post_revision(): every update
 * of a post (through the REST API, a batch, trashing,
 * nd_fake_wordpress_edit_post() or the concurrent-edit fault) stores a
 * copy of its title, excerpt and content, by the user who saved, when the
 * post has no revision yet or when one of the three differs (white space
 * aside) from its newest revision. Creating a post stores none. Revision
 * ids come from the posts' counter, but revisions are not posts: they are
 * not counted, listed or found by uuid, and they go with their post when it
 * is deleted permanently. GET /wp/v2/posts/ID/revisions[/REVID] serves them
 * (authenticated only). */
unsigned int     nd_fake_wordpress_count_revisions (NdFakeWordpress *fake,
                                                   gint64            post_id);
/* Creates a post as ND_FAKE_WORDPRESS_OTHER_USER ("written on the web")
 * from a JSON object with the fields POST /wp/v2/posts accepts (title,
 * content, excerpt, status, slug, date_gmt, tags, categories, lang, meta…;
 * title/content/excerpt may be strings or {"raw": …}). Returns the new id, or
 * 0 with @error set when the body is invalid. */
gint64           nd_fake_wordpress_create_post    (NdFakeWordpress  *fake,
                                                   const char       *json,
                                                   GError          **error);
/* Changes one field of a post as ND_FAKE_WORDPRESS_OTHER_USER: @field is
 * "title", "excerpt", "content" (raw HTML), "slug", "status", "date_gmt"
 * ("YYYY-MM-DDTHH:MM:SS", GMT) or "lang"; modified_gmt moves on. Returns
 * %FALSE when the post or the field does not exist. */
gboolean         nd_fake_wordpress_edit_post      (NdFakeWordpress  *fake,
                                                   gint64            id,
                                                   const char       *field,
                                                   const char       *value);
/* Deletes a post permanently (no trash), as someone else would. */
gboolean         nd_fake_wordpress_delete_post    (NdFakeWordpress  *fake,
                                                   gint64            id);
/* Terms: @taxonomy is "tags" or "categories". */
unsigned int     nd_fake_wordpress_count_terms    (NdFakeWordpress  *fake,
                                                   const char       *taxonomy);
gint64           nd_fake_wordpress_add_term       (NdFakeWordpress  *fake,
                                                   const char       *taxonomy,
                                                   const char       *name);
unsigned int     nd_fake_wordpress_count_media    (NdFakeWordpress  *fake);
/* The media item as GET /wp/v2/media/ID?context=edit gives it, or %NULL. */
JsonNode        *nd_fake_wordpress_get_media_json (NdFakeWordpress  *fake,
                                                   gint64            id);

/* Requests. The counter counts every request the server received (faulty
 * ones included); @method %NULL means any method, @route_prefix %NULL any
 * route. REST routes are counted without the /wp-json prefix
 * ("/wp/v2/posts/12"), other paths as they are ("/wp-cron.php"). Requests
 * inside a /batch/v1 call are not counted separately. */
unsigned int     nd_fake_wordpress_count_requests (NdFakeWordpress  *fake,
                                                   const char       *method,
                                                   const char       *route_prefix);
/* The request log, one line per request: "METHOD ROUTE?QUERY STATUS" with
 * " fault=NAME" appended when a fault was injected (STATUS is 0 for a lost
 * answer). Free with g_strfreev(). */
char           **nd_fake_wordpress_dup_request_log (NdFakeWordpress *fake);
void             nd_fake_wordpress_reset_requests (NdFakeWordpress  *fake);

G_END_DECLS
