/* nd-sync-engine-remote.c
 *
 * SPDX-License-Identifier: GPL-3.0-or-later
 */

#define G_LOG_DOMAIN "newsdesk-sync"

#include "config.h"

#include <glib/gi18n.h>

#include "nd-merge.h"
#include "nd-sync-engine-private.h"
#include "nd-wp-content.h"

/*
 * One site's part of a sync pass, as a chain of steps on the main context:
 *
 *  1. recover: operations left in flight by a crash or a lost answer. A create
 *     may have reached the server: the post is looked up by the edition's
 *     uuid and adopted, never sent twice.
 *  2. pull: the posts modified since the cursor, page by page; each is laid
 *     onto its edition with a three-way merge against the base.
 *  3. reconcile: posts deleted for good on the site are found by comparing
 *     the number of posts the site reports with the number known here, and
 *     only then by listing ids.
 *  4. push: each edition with changes the site does not have: its terms
 *     first, then a create (through the outbox, uuid first) or a re-read,
 *     a merge and an update of the changed fields only.
 *
 * Errors that concern one edition (a refused field, a conflict) are logged
 * and leave the others going; errors that concern the site (a wrong
 * password, no network) end the site's part with that error.
 */

#define PER_PAGE 100
#define BATCH_MAX 25   /* writes a /batch/v1 request may carry (WordPress's default) */
#define FUTURE_MARGIN_SECONDS 60
#define REVISIONS_ATTEMPTS 4     /* reads of a post's revisions before giving up the check */

typedef struct
{
  NdSyncEngine *self;
  NdSite       *site;
  NdRemote     *remote;
  GStrv         langs;

  /* pull */
  GDateTime    *modified_after;
  GDateTime    *server_date;
  guint         page;
  guint         total_pages;
  GPtrArray    *posts;          /* NdWpPost of the page being applied */
  GArray       *unknown_tags;   /* remote ids to look up */
  GArray       *unknown_cats;
  guint         term_index;
  guint         n_pulled;

  /* recover */
  GPtrArray    *in_flight;      /* NdOutboxItem */
  guint         in_flight_index;

  /* reconcile */
  GArray       *missing;        /* remote ids the pull did not bring */
  guint         missing_index;

  /* due schedules */
  GPtrArray    *due;            /* NdScheduledItem */
  guint         due_index;

  /* push */
  GPtrArray    *batch;          /* BatchItem: creates sent together */
  GPtrArray    *parked;         /* ParkedUpdate: updates waiting to go together */
  GPtrArray    *settling;       /* ParkedUpdate: their answers, taken one by one */
  guint         settle_index;
  GArray       *to_push;        /* edition ids */
  GArray       *prefetch_ids;   /* remote ids of the posts to update, re-read in bulk */
  guint         prefetch_index;
  GHashTable   *prefetched;     /* remote id → NdWpPost, taken by the edition's push */
  guint         push_index;
  guint         n_pushed;

  /* the edition being pushed */
  gint64        edition_id;
  gint64        revision;
  gboolean      creating;
  guint         network_errors; /* dropped connections in a row */
  guint         pause_seconds;  /* the site asked to wait this long */
  gint64        changes_seen;
  char         *read_title;     /* the post's text as the re-read found it */
  char         *read_excerpt;
  char         *read_content;
  NdSyncFields *mine;
  NdSyncFields *base;
  NdSyncFields *sending;
  guint         send_mask;
  gint64        op_id;
  char         *op_uuid;
  GArray       *remote_tags;
  gint64        remote_category;
  NdWpPost     *sent_post;
  JsonObject   *sent_body;      /* what the update asked for */
  gboolean      lost_reread;
  GError       *lost_error;
  char         *sent_base_json; /* the base after our write: what the site holds */
  gint64        remote_media;   /* the featured image's id on the site, or 0 */
  gint64        media_id;       /* the local media being uploaded */
  guint         push_term_index;
  guint         revisions_attempts;
} SiteJob;

static void
site_job_clear_edition (SiteJob *job)
{
  job->edition_id = 0;
  job->revision = 0;
  job->creating = FALSE;
  job->send_mask = 0;
  job->op_id = 0;
  job->push_term_index = 0;
  job->revisions_attempts = 0;
  job->remote_category = 0;
  job->remote_media = 0;
  job->media_id = 0;
  g_clear_pointer (&job->mine, nd_sync_fields_free);
  g_clear_pointer (&job->base, nd_sync_fields_free);
  g_clear_pointer (&job->sending, nd_sync_fields_free);
  g_clear_pointer (&job->op_uuid, g_free);
  g_clear_pointer (&job->remote_tags, g_array_unref);
  g_clear_pointer (&job->sent_post, nd_wp_post_free);
  g_clear_pointer (&job->sent_body, json_object_unref);
  g_clear_error (&job->lost_error);
  job->lost_reread = FALSE;
  g_clear_pointer (&job->sent_base_json, g_free);
  g_clear_pointer (&job->read_title, g_free);
  g_clear_pointer (&job->read_excerpt, g_free);
  g_clear_pointer (&job->read_content, g_free);
}

static void
site_job_free (SiteJob *job)
{
  site_job_clear_edition (job);
  g_clear_object (&job->self);
  g_clear_object (&job->site);
  g_clear_object (&job->remote);
  g_clear_pointer (&job->langs, g_strfreev);
  g_clear_pointer (&job->modified_after, g_date_time_unref);
  g_clear_pointer (&job->server_date, g_date_time_unref);
  g_clear_pointer (&job->posts, g_ptr_array_unref);
  g_clear_pointer (&job->unknown_tags, g_array_unref);
  g_clear_pointer (&job->unknown_cats, g_array_unref);
  g_clear_pointer (&job->in_flight, g_ptr_array_unref);
  g_clear_pointer (&job->to_push, g_array_unref);
  g_clear_pointer (&job->prefetch_ids, g_array_unref);
  g_clear_pointer (&job->prefetched, g_hash_table_unref);
  g_clear_pointer (&job->batch, g_ptr_array_unref);
  g_clear_pointer (&job->parked, g_ptr_array_unref);
  g_clear_pointer (&job->settling, g_ptr_array_unref);
  g_clear_pointer (&job->due, g_ptr_array_unref);
  g_clear_pointer (&job->missing, g_array_unref);
  g_free (job);
}

static void recover_next (GTask *task);
static void pull_page (GTask *task);
static void reconcile (GTask *task);
static void push_next (GTask *task);
static void check_due (GTask *task);
static void push_edition_media (GTask *task);
static void fetch_missing (GTask *task);
static void push_edition_terms (GTask *task);
static void push_edition_send (GTask *task);

/* Errors --------------------------------------------------------------------- */

/* Whether an error concerns the whole site (stop its part) rather than one
 * request (retry that one later). A dropped connection is one request's
 * bad luck until it happens three times running; a server asking to wait
 * a little is waited for (see finish_edition()), one asking for longer
 * ends the site's part until the next pass. */
#define NETWORK_ERRORS_TO_STOP 3
#define LONGEST_PAUSE_SECONDS 30

static gboolean
error_stops_site (SiteJob      *job,
                  const GError *error)
{
  if (error->domain != ND_REMOTE_ERROR)
    return FALSE;

  switch (error->code)
    {
    case ND_REMOTE_ERROR_NETWORK:
      return ++job->network_errors >= NETWORK_ERRORS_TO_STOP;
    case ND_REMOTE_ERROR_RATE_LIMITED:
      if (nd_remote_error_get_retry_after (error) > LONGEST_PAUSE_SECONDS)
        return TRUE;
      job->pause_seconds = MAX (1, nd_remote_error_get_retry_after (error));
      return FALSE;
    case ND_REMOTE_ERROR_NOT_WORDPRESS:
    case ND_REMOTE_ERROR_AUTH_FAILED:
    case ND_REMOTE_ERROR_TLS:
    case ND_REMOTE_ERROR_INSECURE_URL:
    case ND_REMOTE_ERROR_INVALID_URL:
    case ND_REMOTE_ERROR_CANCELLED:
      return TRUE;
    default:
      return FALSE;
    }
}

/* Whether a request that failed this way may have been carried out all the
 * same: its answer was lost, cut short or late. */
static gboolean
error_answer_lost (const GError *error)
{
  if (error->domain != ND_REMOTE_ERROR)
    return TRUE;

  switch (error->code)
    {
    case ND_REMOTE_ERROR_NETWORK:
    case ND_REMOTE_ERROR_TIMEOUT:
    case ND_REMOTE_ERROR_SERVER:
    case ND_REMOTE_ERROR_MALFORMED:
    case ND_REMOTE_ERROR_TOO_LARGE:
    case ND_REMOTE_ERROR_CANCELLED:
      return TRUE;
    default:
      return FALSE;
    }
}

static gboolean
task_cancelled (GTask *task)
{
  return g_cancellable_is_cancelled (g_task_get_cancellable (task));
}

static void
fail_site (GTask  *task,
           GError *error)
{
  SiteJob *job = g_task_get_task_data (task);

  _nd_sync_engine_log (job->self, ND_SYNC_LOG_ERROR, nd_site_get_id (job->site), 0,
                       /* Translators: %s is a site's name, the second an error message */
                       _("Sync with %s stopped: %s"), nd_site_get_name (job->site), error->message);
  g_task_return_error (task, error);
  g_object_unref (task);
}

/* Ends the site's part when *@error concerns the whole site, taking *@task
 * and *@error; returns whether it did. Other errors are the caller's. */
static gboolean
site_stopped (GTask  **task,
              GError **error)
{
  SiteJob *job = g_task_get_task_data (*task);

  if (*error == NULL || !error_stops_site (job, *error))
    return FALSE;

  fail_site (g_steal_pointer (task), g_steal_pointer (error));
  return TRUE;
}

/* Posts → fields ------------------------------------------------------------- */

static const char *
post_lang (SiteJob  *job,
           NdWpPost *post)
{
  if (post->lang != NULL && *post->lang != '\0' && g_strv_contains ((const char * const *) job->langs, post->lang))
    return post->lang;

  return job->langs[0];
}

/* Maps a post onto the fields an edition syncs. @base_city and @mine_city
 * help read the dateline back into a city. Unknown terms were looked up
 * before (see collect_unknown_terms()), so every id maps or is dropped. */
static NdSyncFields *
fields_from_post (SiteJob     *job,
                  NdWpPost    *post,
                  const char  *lang,
                  const char  *base_city,
                  const char  *mine_city)
{
  NdSyncEngine *self = job->self;
  g_autoptr(NdSyncFields) fields = nd_sync_fields_new ();
  g_autoptr(NdWpContent) content = NULL;
  g_autoptr(GArray) tags = g_array_new (FALSE, FALSE, sizeof (gint64));
  g_autoptr(GError) error = NULL;
  g_autofree char *headline = nd_wp_content_plain_text (post->title != NULL ? post->title : "");
  g_autofree char *standfirst = nd_wp_content_plain_text (post->excerpt != NULL ? post->excerpt : "");

  content = nd_wp_content_parse (post->content != NULL ? post->content : "", &error);
  if (content == NULL)
    {
      g_autofree char *id = g_strdup_printf ("%" G_GINT64_FORMAT, post->id);

      _nd_sync_engine_log (self, ND_SYNC_LOG_WARNING, nd_site_get_id (job->site), 0,
                           /* Translators: the first %s is the post's number on the site */
                           _("Post %s could not be read: %s"), id, error->message);
      return NULL;
    }

  nd_sync_fields_set_text (fields, ND_SYNC_FIELD_HEADLINE, headline);
  nd_sync_fields_set_text (fields, ND_SYNC_FIELD_STANDFIRST, standfirst);
  nd_sync_fields_set_text (fields, ND_SYNC_FIELD_BODY, content->body);
  {
    g_autofree char *city = _nd_sync_engine_city_from_dateline (self, lang, content->dateline,
                                                                base_city, mine_city);
    nd_sync_fields_set_text (fields, ND_SYNC_FIELD_DATELINE, city);
  }
  nd_sync_fields_set_text (fields, ND_SYNC_FIELD_SLUG, post->slug != NULL ? post->slug : "");
  nd_sync_fields_set_text (fields, ND_SYNC_FIELD_STATUS, post->status != NULL ? post->status : "draft");
  if ((g_strcmp0 (post->status, "future") == 0 || g_strcmp0 (post->status, "publish") == 0) &&
      post->date_gmt != NULL)
    fields->date_gmt = g_date_time_to_unix (post->date_gmt);

  for (guint i = 0; post->tags != NULL && i < post->tags->len; i++)
    {
      gint64 local = nd_sync_store_get_local_term (self->sync_store, nd_site_get_id (job->site), ND_TERM_TAG,
                                                   g_array_index (post->tags, gint64, i), NULL);
      if (local > 0)
        g_array_append_val (tags, local);
    }
  nd_sync_fields_set_tags (fields, (const gint64 *) (gpointer) tags->data, tags->len);

  for (guint i = 0; post->categories != NULL && i < post->categories->len && fields->section == 0; i++)
    fields->section = nd_sync_store_get_local_term (self->sync_store, nd_site_get_id (job->site), ND_TERM_CATEGORY,
                                                    g_array_index (post->categories, gint64, i), NULL);

  return g_steal_pointer (&fields);
}

static gboolean
same_instant (GDateTime  *a,
              const char *b)
{
  g_autoptr(GTimeZone) utc = g_time_zone_new_utc ();
  g_autoptr(GDateTime) parsed = NULL;

  if (a == NULL || b == NULL || *b == '\0')
    return FALSE;

  parsed = g_date_time_new_from_iso8601 (b, utc);
  return parsed != NULL && g_date_time_to_unix (parsed) == g_date_time_to_unix (a);
}

static char *
format_utc (GDateTime *dt)
{
  g_autoptr(GDateTime) utc = NULL;

  if (dt == NULL)
    return NULL;

  utc = g_date_time_to_utc (dt);
  return g_date_time_format (utc, "%Y-%m-%dT%H:%M:%S");
}

/* Pulling -------------------------------------------------------------------- */

static gint64
edition_for_post (SiteJob     *job,
                  NdWpPost    *post,
                  const char  *lang,
                  gboolean    *created,
                  GError     **error)
{
  NdSyncEngine *self = job->self;
  gint64 site_id = nd_site_get_id (job->site);
  g_autofree char *content_uuid = NULL;
  const char *uuid = post->uuid;
  gint64 edition_id;
  gint64 story_id = 0;
  g_autoptr(NdStory) story = NULL;
  g_autoptr(NdEdition) edition = NULL;

  *created = FALSE;

  edition_id = nd_sync_store_find_edition_by_remote (self->sync_store, site_id, post->id, NULL);
  if (edition_id > 0)
    return edition_id;

  if (uuid == NULL || *uuid == '\0')
    uuid = content_uuid = nd_wp_content_find_uuid (post->content != NULL ? post->content : "");

  /* Ours, and its create's answer was lost: adopt it. */
  if (uuid != NULL)
    {
      edition_id = nd_sync_store_find_edition_by_uuid (self->sync_store, uuid, NULL);
      if (edition_id > 0)
        {
          if (!nd_sync_store_adopt_edition (self->sync_store, edition_id, site_id, post->id, uuid, error))
            return 0;
          return edition_id;
        }
    }

  /* A sibling edition of a story we know (linked by the group meta). */
  if (post->group != NULL && *post->group != '\0')
    story_id = nd_story_store_find_story_by_uuid (self->stories, post->group, NULL);

  /* …or by Polylang's translations. */
  if (story_id <= 0 && post->translations != NULL)
    {
      GHashTableIter iter;
      gpointer value;

      g_hash_table_iter_init (&iter, post->translations);
      while (story_id <= 0 && g_hash_table_iter_next (&iter, NULL, &value))
        {
          gint64 sibling = nd_sync_store_find_edition_by_remote (self->sync_store, site_id,
                                                                 *(gint64 *) value, NULL);
          if (sibling > 0)
            {
              g_autoptr(NdEdition) e = nd_story_store_load_edition_by_id (self->stories, sibling, NULL);

              if (e != NULL)
                story_id = nd_edition_get_story_id (e);
            }
        }
    }

  if (story_id > 0)
    {
      edition = nd_story_store_load_edition (self->stories, story_id, lang, NULL);
      if (edition != NULL)
        {
          gint64 known = nd_sync_store_get_remote_id (self->sync_store, nd_edition_get_id (edition), NULL);

          /* That language's edition is already linked to another post:
           * this one becomes a story of its own rather than overwrite it. */
          if (known > 0 && known != post->id)
            {
              g_clear_object (&edition);
              story_id = 0;
            }
        }
    }

  if (story_id <= 0)
    {
      story = nd_story_store_create_story (self->stories, lang, error);
      if (story == NULL)
        return 0;
      if (post->group != NULL && *post->group != '\0' && g_uuid_string_is_valid (post->group) &&
          nd_story_store_find_story_by_uuid (self->stories, post->group, NULL) <= 0)
        {
          nd_story_set_uuid (story, post->group);
          if (!nd_story_store_save_story (self->stories, story, error))
            return 0;
        }
      story_id = nd_story_get_id (story);
      /* A new story comes with its source-language edition. */
      edition = nd_story_store_load_edition (self->stories, story_id, lang, NULL);
    }

  if (edition == NULL)
    {
      edition = nd_story_store_add_edition (self->stories, story_id, lang, error);
      if (edition == NULL)
        return 0;
    }

  edition_id = nd_edition_get_id (edition);
  if (!nd_sync_store_adopt_edition (self->sync_store, edition_id, site_id, post->id,
                                    uuid != NULL && g_uuid_string_is_valid (uuid) ? uuid : NULL, error))
    return 0;

  *created = TRUE;
  return edition_id;
}

/* Lays one post onto its edition. Runs in one main-loop turn: what the
 * editor saved up to now is "mine", nothing can slip in between the read
 * and the write. */
static gboolean
apply_post (SiteJob   *job,
            NdWpPost  *post,
            GError   **error)
{
  NdSyncEngine *self = job->self;
  gint64 site_id = nd_site_get_id (job->site);
  const char *lang = post_lang (job, post);
  g_autoptr(NdEdition) edition = NULL;
  g_autoptr(NdStory) story = NULL;
  g_autoptr(NdEditionSync) sync = NULL;
  g_autoptr(NdSyncFields) base = NULL;
  g_autoptr(NdSyncFields) mine = NULL;
  g_autoptr(NdSyncFields) theirs = NULL;
  g_autoptr(NdMergeResult) merge = NULL;
  g_autofree char *base_json = NULL;
  g_autofree char *theirs_json = NULL;
  g_autofree char *modified = NULL;
  gboolean created = FALSE;
  gboolean same_time;
  gboolean had_local_changes;
  gint64 edition_id;

  if (g_strcmp0 (post->status, "auto-draft") == 0 || g_strcmp0 (post->status, "inherit") == 0)
    return TRUE;

  edition_id = edition_for_post (job, post, lang, &created, error);
  if (edition_id <= 0)
    return FALSE;

  sync = nd_sync_store_get_edition_sync (self->sync_store, edition_id, error);
  if (sync == NULL)
    return FALSE;

  same_time = !created && same_instant (post->modified_gmt, sync->base_modified_gmt);

  edition = nd_story_store_load_edition_by_id (self->stories, edition_id, error);
  if (edition == NULL)
    return FALSE;
  story = nd_story_store_load_story (self->stories, nd_edition_get_story_id (edition), error);
  if (story == NULL)
    return FALSE;

  if (sync->base_json != NULL && *sync->base_json != '\0')
    base = nd_sync_fields_from_json (sync->base_json, NULL);
  mine = _nd_sync_engine_mine (self, edition, story);
  theirs = fields_from_post (job, post, lang, base != NULL ? base->dateline : NULL, mine->dateline);
  if (theirs == NULL)
    return TRUE;

  /* Nothing moved on the site since we last agreed: a second sync changes
   * nothing. The modified time alone cannot tell: WordPress keeps it to the
   * second, and a colleague's save in the second of ours has the same. */
  if (same_time && base != NULL && nd_merge_diff (base, theirs) == 0)
    return TRUE;

  /* A post of ours found again after its create's answer was lost has no
   * base yet: it holds what we sent, so it is the base, and whatever the
   * editor wrote since goes as changes. */
  if (base == NULL && !created)
    base = nd_sync_fields_copy (theirs);

  modified = format_utc (post->modified_gmt);

  /* In the site's trash: the text is taken (or kept), the base records the
   * trash, and the edition is not sent again until the editor acts (a push
   * would take it out of the trash behind the colleague's back). */
  if (g_strcmp0 (post->status, "trash") == 0 && !created)
    {
      g_autofree char *trashed_json = nd_sync_fields_to_json (theirs);
      gboolean ours = base != NULL && g_strcmp0 (base->status, "trash") == 0;

      if (!ours && sync->state != ND_EDITION_SYNC_ERROR)
        _nd_sync_engine_log (self, ND_SYNC_LOG_WARNING, site_id, edition_id,
                             /* Translators: %s is a headline */
                             _("“%s” was moved to the trash on the website; the text is kept here"),
                             nd_edition_get_headline (edition));
      if (!nd_sync_store_set_base (self->sync_store, edition_id, trashed_json, modified,
                                   sync->synced_revision, error))
        return FALSE;
      return ours || nd_sync_store_set_edition_state (self->sync_store, edition_id, ND_EDITION_SYNC_ERROR,
                                                      _("In the website's trash"), error);
    }

  /* A new edition from the site: everything is theirs. */
  if (created)
    {
      if (!_nd_sync_engine_apply (self, edition_id, theirs, ND_SYNC_FIELD_MASK_ALL, error))
        return FALSE;
      g_clear_object (&edition);
      edition = nd_story_store_load_edition_by_id (self->stories, edition_id, error);
      if (edition == NULL)
        return FALSE;
      theirs_json = nd_sync_fields_to_json (theirs);
      _nd_sync_engine_log (self, ND_SYNC_LOG_INFO, site_id, edition_id,
                           _("“%s” came from the website"), theirs->headline);
      g_clear_pointer (&sync, nd_edition_sync_free);
      sync = nd_sync_store_get_edition_sync (self->sync_store, edition_id, error);
      if (sync == NULL ||
          !nd_sync_store_set_base_seen (self->sync_store, edition_id, theirs_json, modified,
                                        nd_edition_get_revision (edition), sync->changes, error))
        return FALSE;
      return g_strcmp0 (post->status, "trash") != 0 ||
             nd_sync_store_set_edition_state (self->sync_store, edition_id, ND_EDITION_SYNC_ERROR,
                                              _("In the website's trash"), error);
    }

  had_local_changes = base == NULL || nd_merge_diff (base, mine) != 0;
  merge = nd_merge_fields (base, mine, theirs);

  if (!_nd_sync_engine_apply (self, edition_id, merge->merged, merge->changed_here, error))
    return FALSE;

  if (merge->conflicts->len > 0)
    {
      if (!_nd_sync_engine_record_conflicts (self, edition_id, merge->conflicts, error))
        return FALSE;
      _nd_sync_engine_log (self, ND_SYNC_LOG_WARNING, site_id, edition_id,
                           /* Translators: %s is a headline */
                           _("“%s” was changed here and on the website; both versions are kept for you to choose"),
                           mine->headline);
    }
  else if (merge->changed_here != 0)
    {
      _nd_sync_engine_log (self, ND_SYNC_LOG_INFO, site_id, edition_id,
                           _("“%s” took changes made on the website"), merge->merged->headline);
    }

  /* The base becomes the site's version: what differs from it is what is
   * still to send. When nothing here was waiting to go, the edition as it
   * is now is in step with the site. */
  theirs_json = nd_sync_fields_to_json (theirs);
  g_clear_object (&edition);
  edition = nd_story_store_load_edition_by_id (self->stories, edition_id, error);
  if (edition == NULL)
    return FALSE;

  {
    g_autoptr(NdEditionSync) after = nd_sync_store_get_edition_sync (self->sync_store, edition_id, error);

    if (after == NULL ||
        !nd_sync_store_set_base_seen (self->sync_store, edition_id, theirs_json, modified,
                                      had_local_changes ? sync->synced_revision : nd_edition_get_revision (edition),
                                      after->changes, error))
      return FALSE;
  }

  if (merge->conflicts->len > 0)
    return nd_sync_store_set_edition_state (self->sync_store, edition_id, ND_EDITION_SYNC_CONFLICT, NULL, error);

  if (had_local_changes || merge->changed_there != 0)
    return nd_sync_store_set_edition_state (self->sync_store, edition_id, ND_EDITION_SYNC_PENDING, NULL, error);

  return TRUE;
}

static void
note_unknown_terms (SiteJob  *job,
                    NdWpPost *post)
{
  NdSyncStore *store = job->self->sync_store;
  gint64 site_id = nd_site_get_id (job->site);

  for (guint i = 0; post->tags != NULL && i < post->tags->len; i++)
    {
      gint64 id = g_array_index (post->tags, gint64, i);

      if (nd_sync_store_get_local_term (store, site_id, ND_TERM_TAG, id, NULL) <= 0)
        g_array_append_val (job->unknown_tags, id);
    }

  for (guint i = 0; post->categories != NULL && i < post->categories->len; i++)
    {
      gint64 id = g_array_index (post->categories, gint64, i);

      if (nd_sync_store_get_local_term (store, site_id, ND_TERM_CATEGORY, id, NULL) <= 0)
        g_array_append_val (job->unknown_cats, id);
    }
}

static void
apply_page (GTask *task)
{
  SiteJob *job = g_task_get_task_data (task);

  for (guint i = 0; i < job->posts->len; i++)
    {
      g_autoptr(GError) error = NULL;
      NdWpPost *post = g_ptr_array_index (job->posts, i);

      if (!apply_post (job, post, &error))
        {
          g_autofree char *id = g_strdup_printf ("%" G_GINT64_FORMAT, post->id);

          _nd_sync_engine_log (job->self, ND_SYNC_LOG_ERROR, nd_site_get_id (job->site), 0,
                               /* Translators: the first %s is the post's number on the site */
                               _("Post %s could not be taken: %s"), id, error->message);
        }
      job->n_pulled++;
    }

  g_clear_pointer (&job->posts, g_ptr_array_unref);

  if (job->page < job->total_pages)
    {
      job->page++;
      pull_page (task);
      return;
    }

  /* The cursor comes from the server's clock, less an overlap for posts
   * saved in the same second or while the pages were read; a post's own
   * modified_gmt is no guide (a new post's is its date, which may lie in
   * the future or the past). */
  if (job->server_date != NULL)
    {
      g_autoptr(GDateTime) cursor = g_date_time_add_seconds (job->server_date,
                                                              -(double) job->self->overlap_seconds);
      g_autofree char *text = format_utc (cursor);
      g_autoptr(GError) error = NULL;

      if (!nd_sync_store_set_cursor (job->self->sync_store, nd_site_get_id (job->site), text, &error))
        g_warning ("The pull cursor could not be kept: %s", error->message);
    }

  reconcile (task);
}

static void
term_fetched_cb (GObject      *object,
                 GAsyncResult *result,
                 gpointer      user_data)
{
  g_autoptr(GTask) task = user_data;
  SiteJob *job = g_task_get_task_data (task);
  g_autoptr(GError) error = NULL;
  g_autoptr(NdWpTerm) term = nd_remote_get_term_finish (ND_REMOTE (object), result, &error);
  gboolean is_tag = job->term_index < job->unknown_tags->len;

  if (term == NULL)
    {
      if (error_stops_site (job, error))
        {
          fail_site (g_steal_pointer (&task), g_steal_pointer (&error));
          return;
        }
      g_debug ("A term could not be read: %s", error->message);
    }
  else
    {
      g_autoptr(GError) local_error = NULL;
      gint64 local = _nd_sync_engine_local_term (job->self, is_tag, term->name, term->slug,
                                                 job->langs[0], &local_error);

      if (local <= 0 ||
          !nd_sync_store_set_remote_term (job->self->sync_store, nd_site_get_id (job->site),
                                          is_tag ? ND_TERM_TAG : ND_TERM_CATEGORY,
                                          term->id, local, term->name, &local_error))
        g_warning ("A term of the site could not be kept: %s",
                   local_error != NULL ? local_error->message : "?");
    }

  job->term_index++;
  if (job->term_index < job->unknown_tags->len + job->unknown_cats->len)
    {
      gboolean next_is_tag = job->term_index < job->unknown_tags->len;
      gint64 id = next_is_tag ? g_array_index (job->unknown_tags, gint64, job->term_index)
                              : g_array_index (job->unknown_cats, gint64, job->term_index - job->unknown_tags->len);

      nd_remote_get_term_async (job->remote, next_is_tag ? ND_WP_TERM_TAG : ND_WP_TERM_CATEGORY, id,
                                g_task_get_cancellable (task), term_fetched_cb, g_object_ref (task));
      return;
    }

  apply_page (g_steal_pointer (&task));
}

static void
dedupe (GArray *ids)
{
  g_autoptr(GHashTable) seen = g_hash_table_new (g_int64_hash, g_int64_equal);

  for (guint i = 0; i < ids->len;)
    {
      gint64 *id = &g_array_index (ids, gint64, i);

      if (g_hash_table_contains (seen, id))
        {
          g_array_remove_index (ids, i);
          continue;
        }
      g_hash_table_add (seen, g_memdup2 (id, sizeof *id));
      i++;
    }
  g_hash_table_foreach (seen, (GHFunc) (void (*) (void)) g_free, NULL);
}

static void
page_listed_cb (GObject      *object,
                GAsyncResult *result,
                gpointer      user_data)
{
  g_autoptr(GTask) task = user_data;
  SiteJob *job = g_task_get_task_data (task);
  g_autoptr(GError) error = NULL;
  g_autoptr(NdWpPostPage) page = nd_remote_list_posts_finish (ND_REMOTE (object), result, &error);

  if (page == NULL)
    {
      fail_site (g_steal_pointer (&task), g_steal_pointer (&error));
      return;
    }

  if (job->page == 1)
    {
      job->total_pages = page->total_pages;
      if (page->server_date != NULL)
        job->server_date = g_date_time_ref (page->server_date);
    }

  if (page->n_rejected > 0)
    _nd_sync_engine_log (job->self, ND_SYNC_LOG_WARNING, nd_site_get_id (job->site), 0,
                         g_dngettext (GETTEXT_PACKAGE, "%u post on the website could not be read and was left out: %s",
                                      "%u posts on the website could not be read and were left out: %s",
                                      page->n_rejected),
                         page->n_rejected, page->rejection);

  job->posts = g_ptr_array_ref (page->posts);
  g_array_set_size (job->unknown_tags, 0);
  g_array_set_size (job->unknown_cats, 0);
  for (guint i = 0; i < job->posts->len; i++)
    note_unknown_terms (job, g_ptr_array_index (job->posts, i));
  dedupe (job->unknown_tags);
  dedupe (job->unknown_cats);

  job->term_index = 0;
  if (job->unknown_tags->len + job->unknown_cats->len > 0)
    {
      gboolean is_tag = job->unknown_tags->len > 0;
      gint64 id = is_tag ? g_array_index (job->unknown_tags, gint64, 0) : g_array_index (job->unknown_cats, gint64, 0);

      GCancellable *cancellable = g_task_get_cancellable (task);

      nd_remote_get_term_async (job->remote, is_tag ? ND_WP_TERM_TAG : ND_WP_TERM_CATEGORY, id,
                                cancellable, term_fetched_cb, g_steal_pointer (&task));
      return;
    }

  apply_page (g_steal_pointer (&task));
}

static void
pull_page (GTask *task)
{
  SiteJob *job = g_task_get_task_data (task);

  if (task_cancelled (task))
    {
      fail_site (task, g_error_new_literal (ND_REMOTE_ERROR, ND_REMOTE_ERROR_CANCELLED, _("Sync was stopped")));
      return;
    }

  nd_remote_list_posts_async (job->remote, job->modified_after, job->page, PER_PAGE,
                              g_task_get_cancellable (task), page_listed_cb, task);
}

static void
start_pull (GTask *task)
{
  SiteJob *job = g_task_get_task_data (task);
  g_autofree char *cursor = NULL;
  gint64 reconciled_at = 0;

  if (nd_sync_store_get_cursor (job->self->sync_store, nd_site_get_id (job->site), &cursor, &reconciled_at, NULL) &&
      cursor != NULL && *cursor != '\0')
    {
      g_autoptr(GTimeZone) utc = g_time_zone_new_utc ();

      job->modified_after = g_date_time_new_from_iso8601 (cursor, utc);
    }

  job->page = 1;
  job->total_pages = 1;
  pull_page (task);
}

/* Reconciling ---------------------------------------------------------------- */

static void
ids_listed_cb (GObject      *object,
               GAsyncResult *result,
               gpointer      user_data)
{
  g_autoptr(GTask) task = user_data;
  SiteJob *job = g_task_get_task_data (task);
  NdSyncEngine *self = job->self;
  gint64 site_id = nd_site_get_id (job->site);
  g_autoptr(GError) error = NULL;
  g_autoptr(GArray) remote_ids = nd_remote_list_post_ids_finish (ND_REMOTE (object), result, &error);
  g_autoptr(GArray) known = NULL;
  g_autoptr(GHashTable) present = NULL;

  if (remote_ids == NULL)
    {
      if (error_stops_site (job, error))
        {
          fail_site (g_steal_pointer (&task), g_steal_pointer (&error));
          return;
        }
      g_debug ("Reconciling skipped: %s", error->message);
      check_due (g_steal_pointer (&task));
      return;
    }

  present = g_hash_table_new (g_int64_hash, g_int64_equal);
  for (guint i = 0; i < remote_ids->len; i++)
    g_hash_table_add (present, &g_array_index (remote_ids, gint64, i));

  known = nd_sync_store_list_remote_ids (self->sync_store, site_id, NULL);
  for (guint i = 0; known != NULL && i < known->len; i++)
    {
      gint64 remote_id = g_array_index (known, gint64, i);
      gint64 edition_id;
      g_autoptr(NdEdition) edition = NULL;

      if (g_hash_table_contains (present, &remote_id))
        continue;

      edition_id = nd_sync_store_find_edition_by_remote (self->sync_store, site_id, remote_id, NULL);
      if (edition_id <= 0)
        continue;

      edition = nd_story_store_load_edition_by_id (self->stories, edition_id, NULL);
      /* The text stays here; the link goes, and the edition is not sent
       * again until someone changes it (then it makes a new post). */
      nd_sync_store_forget_remote (self->sync_store, edition_id, NULL);
      if (edition != NULL)
        nd_sync_store_set_base (self->sync_store, edition_id, NULL, NULL, nd_edition_get_revision (edition), NULL);
      nd_sync_store_set_edition_state (self->sync_store, edition_id, ND_EDITION_SYNC_LOCAL, NULL, NULL);
      _nd_sync_engine_log (self, ND_SYNC_LOG_WARNING, site_id, edition_id,
                           /* Translators: %s is a headline */
                           _("“%s” was deleted from the website; the text is kept here"),
                           edition != NULL ? nd_edition_get_headline (edition) : "");
    }

  /* Posts the site has and the pull missed (a post deleted while the pages
   * were read shifts the pages after it) are read, a hundred a request. */
  {
    g_autoptr(GHashTable) local = g_hash_table_new (g_int64_hash, g_int64_equal);

    for (guint i = 0; known != NULL && i < known->len; i++)
      g_hash_table_add (local, &g_array_index (known, gint64, i));
    job->missing = g_array_new (FALSE, FALSE, sizeof (gint64));
    for (guint i = 0; i < remote_ids->len; i++)
      if (!g_hash_table_contains (local, &g_array_index (remote_ids, gint64, i)))
        g_array_append_val (job->missing, g_array_index (remote_ids, gint64, i));
  }

  nd_sync_store_set_reconciled (self->sync_store, site_id, g_get_real_time (), NULL);
  fetch_missing (g_steal_pointer (&task));
}

/* Listing every id costs a request per hundred posts; the site's count of
 * posts (one small request) tells first whether any went missing. Every
 * post on the site is known here after a pull, so equal counts mean none
 * was deleted. */
static void
counted_cb (GObject      *object,
            GAsyncResult *result,
            gpointer      user_data)
{
  g_autoptr(GTask) task = user_data;
  SiteJob *job = g_task_get_task_data (task);
  g_autoptr(GError) error = NULL;
  g_autoptr(NdWpPostPage) page = nd_remote_list_posts_finish (ND_REMOTE (object), result, &error);
  g_autoptr(GArray) known = NULL;

  if (page == NULL)
    {
      if (error_stops_site (job, error))
        {
          fail_site (g_steal_pointer (&task), g_steal_pointer (&error));
          return;
        }
      check_due (g_steal_pointer (&task));
      return;
    }

  known = nd_sync_store_list_remote_ids (job->self->sync_store, nd_site_get_id (job->site), NULL);
  if (known != NULL && page->total == (gint64) known->len)
    {
      check_due (g_steal_pointer (&task));
      return;
    }

  {
    GCancellable *cancellable = g_task_get_cancellable (task);

    nd_remote_list_post_ids_async (job->remote, cancellable, ids_listed_cb, g_steal_pointer (&task));
  }
}

static void
missing_read_cb (GObject      *object,
                 GAsyncResult *result,
                 gpointer      user_data)
{
  g_autoptr(GTask) task = user_data;
  SiteJob *job = g_task_get_task_data (task);
  g_autoptr(GError) error = NULL;
  g_autoptr(NdWpPostPage) page = nd_remote_get_posts_finish (ND_REMOTE (object), result, &error);

  if (page == NULL && site_stopped (&task, &error))
    return;
  if (page == NULL)
    g_debug ("Missed posts not read: %s", error->message);

  for (guint i = 0; page != NULL && i < page->posts->len; i++)
    {
      g_autoptr(GError) apply_error = NULL;

      /* Its terms may be new too; unknown ones are left out until the next
       * pull brings them. */
      if (!apply_post (job, g_ptr_array_index (page->posts, i), &apply_error))
        g_debug ("A missed post could not be taken: %s", apply_error->message);
    }

  fetch_missing (g_steal_pointer (&task));
}

/* The posts the pull missed, read a hundred a request. */
static void
fetch_missing (GTask *task)
{
  SiteJob *job = g_task_get_task_data (task);

  if (job->missing != NULL && job->missing_index < job->missing->len)
    {
      guint n = MIN (job->missing->len - job->missing_index, ND_REMOTE_MAX_POSTS_PER_REQUEST);
      g_autoptr(GArray) chunk = g_array_sized_new (FALSE, FALSE, sizeof (gint64), n);

      g_array_append_vals (chunk, &g_array_index (job->missing, gint64, job->missing_index), n);
      job->missing_index += n;
      nd_remote_get_posts_async (job->remote, chunk, g_task_get_cancellable (task), missing_read_cb, task);
      return;
    }

  check_due (task);
}

static void
reconcile (GTask *task)
{
  SiteJob *job = g_task_get_task_data (task);

  nd_remote_list_posts_async (job->remote, NULL, 1, 1, g_task_get_cancellable (task), counted_cb, task);
}

/* Due schedules -------------------------------------------------------------- */

/*
 * WordPress publishes a scheduled post from its cron without changing the
 * post's modified time, so a pull by modified_after never sees it go live.
 * The editions whose time has come are read one by one instead (there are
 * few): a published post makes the edition published here; a post still
 * "future" after its time is a missed schedule, reported.
 */
/* A due post as the site has it: published, or missed (still `future`). */
static void
take_due_post (SiteJob  *job,
               gint64    edition_id,
               NdWpPost *post)
{
  NdSyncEngine *self = job->self;

  if (g_strcmp0 (post->status, "future") == 0)
    {
      g_autoptr(NdEdition) edition = nd_story_store_load_edition_by_id (self->stories, edition_id, NULL);

      _nd_sync_engine_report_missed (self, nd_site_get_id (job->site), edition_id,
                                     edition != NULL ? nd_edition_get_headline (edition) : "");
    }
  else
    {
      g_autoptr(NdEditionSync) sync = nd_sync_store_get_edition_sync (self->sync_store, edition_id, NULL);
      g_autoptr(GError) apply_error = NULL;

      /* Make the merge see the change even though modified_gmt did not
       * move: the base's own modified time is cleared first. */
      if (sync != NULL)
        nd_sync_store_set_base (self->sync_store, edition_id, sync->base_json, NULL, sync->synced_revision, NULL);
      if (!apply_post (job, post, &apply_error))
        g_warning ("A published post could not be taken: %s", apply_error->message);
    }
}

static void
due_read_cb (GObject      *object,
             GAsyncResult *result,
             gpointer      user_data)
{
  g_autoptr(GTask) task = user_data;
  SiteJob *job = g_task_get_task_data (task);
  g_autoptr(GError) error = NULL;
  g_autoptr(NdWpPostPage) page = nd_remote_get_posts_finish (ND_REMOTE (object), result, &error);

  if (page == NULL && site_stopped (&task, &error))
    return;
  if (page == NULL)
    g_debug ("Due schedules not read: %s", error->message);

  for (guint i = 0; page != NULL && i < page->posts->len; i++)
    {
      NdWpPost *post = g_ptr_array_index (page->posts, i);
      gint64 edition_id = nd_sync_store_find_edition_by_remote (job->self->sync_store, nd_site_get_id (job->site),
                                                                post->id, NULL);

      if (edition_id > 0)
        take_due_post (job, edition_id, post);
    }

  check_due (g_steal_pointer (&task));
}

/* Scheduled editions whose time has come, read a hundred a request on
 * every pass: WordPress's cron may publish them late, and a missed one
 * (reported once) is looked at again until it is published. */
static void
check_due (GTask *task)
{
  SiteJob *job = g_task_get_task_data (task);
  NdSyncEngine *self = job->self;
  g_autoptr(GArray) chunk = g_array_new (FALSE, FALSE, sizeof (gint64));

  if (job->due == NULL)
    {
      job->due = nd_story_store_list_scheduled (self->stories, 1, g_get_real_time () / G_USEC_PER_SEC, NULL);
      job->due_index = 0;
    }

  while (job->due != NULL && job->due_index < job->due->len && chunk->len < ND_REMOTE_MAX_POSTS_PER_REQUEST)
    {
      NdScheduledItem *item = g_ptr_array_index (job->due, job->due_index++);
      gint64 remote_id;

      if (item->status == ND_EDITION_STATUS_SCHEDULED &&
          g_strv_contains ((const char * const *) job->langs, item->lang) &&
          (remote_id = nd_sync_store_get_remote_id (self->sync_store, item->edition_id, NULL)) > 0)
        g_array_append_val (chunk, remote_id);
    }

  if (chunk->len > 0)
    {
      nd_remote_get_posts_async (job->remote, chunk, g_task_get_cancellable (task), due_read_cb, task);
      return;
    }

  push_next (task);
}

/* Recovering ----------------------------------------------------------------- */

static void
adopt_found_post (SiteJob      *job,
                  NdOutboxItem *item,
                  NdWpPost     *post)
{
  g_autoptr(GError) error = NULL;

  if (!nd_sync_store_adopt_edition (job->self->sync_store, item->edition_id, item->site_id, post->id,
                                    NULL, &error) ||
      !nd_sync_store_outbox_mark_done (job->self->sync_store, item->id, &error))
    {
      g_warning ("A post found again could not be adopted: %s", error->message);
      return;
    }

  _nd_sync_engine_log (job->self, ND_SYNC_LOG_INFO, nd_site_get_id (job->site), item->edition_id,
                       _("A post whose creation was not confirmed was found on the website and kept"));
}

static void
found_by_uuid_cb (GObject      *object,
                  GAsyncResult *result,
                  gpointer      user_data)
{
  g_autoptr(GTask) task = user_data;
  SiteJob *job = g_task_get_task_data (task);
  NdOutboxItem *item = g_ptr_array_index (job->in_flight, job->in_flight_index);
  g_autoptr(GError) error = NULL;
  g_autoptr(NdWpPost) post = nd_remote_find_post_by_uuid_finish (ND_REMOTE (object), result, &error);

  if (post == NULL && error != NULL)
    {
      if (error_stops_site (job, error))
        {
          fail_site (g_steal_pointer (&task), g_steal_pointer (&error));
          return;
        }
      /* Unknown still: the create stays in flight and is looked up again
       * next time, never re-sent blindly. */
      job->in_flight_index++;
      recover_next (g_steal_pointer (&task));
      return;
    }

  if (post != NULL)
    {
      g_autoptr(GError) apply_error = NULL;

      adopt_found_post (job, item, post);
      if (!apply_post (job, post, &apply_error))
        g_warning ("A post found again could not be read: %s", apply_error->message);
    }
  else
    nd_sync_store_outbox_requeue (job->self->sync_store, item->id, 0, NULL);

  job->in_flight_index++;
  recover_next (g_steal_pointer (&task));
}

static void
recover_next (GTask *task)
{
  SiteJob *job = g_task_get_task_data (task);

  while (job->in_flight_index < job->in_flight->len)
    {
      NdOutboxItem *item = g_ptr_array_index (job->in_flight, job->in_flight_index);

      if (item->site_id == nd_site_get_id (job->site) && item->op == ND_OUTBOX_CREATE && item->uuid != NULL)
        {
          g_autofree char *uuid = nd_sync_store_ensure_edition_uuid (job->self->sync_store, item->edition_id, NULL);

          nd_remote_find_post_by_uuid_async (job->remote, uuid, g_task_get_cancellable (task),
                                             found_by_uuid_cb, task);
          return;
        }

      /* Updates and deletes can be sent again: an update re-reads the post
       * first and finds its own change there. */
      if (item->site_id == nd_site_get_id (job->site))
        nd_sync_store_outbox_requeue (job->self->sync_store, item->id, 0, NULL);
      job->in_flight_index++;
    }

  start_pull (task);
}

/* Pushing -------------------------------------------------------------------- */

static gboolean
edition_pushable (SiteJob    *job,
                  NdEdition  *edition,
                  GError    **skip_reason)
{
  NdEditionStatus status = nd_edition_get_status (edition);

  if (status == ND_EDITION_STATUS_NEEDS_TRANSLATION || !nd_edition_has_text (edition))
    return FALSE;

  /* WordPress publishes at once a "future" post less than a minute ahead:
   * that needs the editor's word, not a silent publication. */
  if (status == ND_EDITION_STATUS_SCHEDULED &&
      nd_edition_get_publish_at (edition) < g_get_real_time () / G_USEC_PER_SEC + FUTURE_MARGIN_SECONDS)
    {
      g_set_error_literal (skip_reason, G_IO_ERROR, G_IO_ERROR_INVALID_ARGUMENT,
                           _("Its time is less than a minute away or past; WordPress would publish it at once. "
                             "Publish it now or choose a later time."));
      return FALSE;
    }

  return TRUE;
}

/* On a site running Polylang the editions of a story are one translation
 * group: a new post names its siblings already there, and Polylang links
 * them all. */
static void
add_translations (SiteJob    *job,
                  JsonObject *body,
                  NdStory    *story,
                  const char *lang)
{
  JsonObject *translations = json_object_new ();

  for (guint i = 0; job->langs[i] != NULL; i++)
    {
      g_autoptr(NdEdition) sibling = NULL;
      gint64 remote_id;

      if (g_strcmp0 (job->langs[i], lang) == 0)
        continue;
      sibling = nd_story_store_load_edition (job->self->stories, nd_story_get_id (story), job->langs[i], NULL);
      if (sibling == NULL)
        continue;
      remote_id = nd_sync_store_get_remote_id (job->self->sync_store, nd_edition_get_id (sibling), NULL);
      if (remote_id > 0)
        json_object_set_int_member (translations, job->langs[i], remote_id);
    }

  if (json_object_get_size (translations) > 0)
    json_object_set_object_member (body, "translations", translations);
  else
    json_object_unref (translations);
}

static JsonObject *
post_body (SiteJob            *job,
           const NdSyncFields *fields,
           guint               mask,
           NdEdition          *edition,
           NdStory            *story,
           gboolean            create)
{
  JsonObject *body = json_object_new ();
  const char *lang = nd_edition_get_lang (edition);

  if (mask & ND_SYNC_FIELD_MASK (ND_SYNC_FIELD_HEADLINE))
    json_object_set_string_member (body, "title", fields->headline);
  if (mask & ND_SYNC_FIELD_MASK (ND_SYNC_FIELD_STANDFIRST))
    json_object_set_string_member (body, "excerpt", fields->standfirst);
  if (mask & (ND_SYNC_FIELD_MASK (ND_SYNC_FIELD_BODY) | ND_SYNC_FIELD_MASK (ND_SYNC_FIELD_DATELINE)))
    {
      g_autofree char *dateline = _nd_sync_engine_render_dateline (job->self, lang, fields->dateline);
      g_auto(GStrv) bylines = _nd_sync_engine_bylines (job->self, story, lang);
      g_autofree char *uuid = nd_sync_store_ensure_edition_uuid (job->self->sync_store,
                                                                 nd_edition_get_id (edition), NULL);
      g_autofree char *html = nd_wp_content_build (dateline, fields->body,
                                                   (const char * const *) bylines, uuid);

      json_object_set_string_member (body, "content", html);
    }
  if ((mask & ND_SYNC_FIELD_MASK (ND_SYNC_FIELD_SLUG)) && *fields->slug != '\0')
    json_object_set_string_member (body, "slug", fields->slug);
  if (mask & (ND_SYNC_FIELD_MASK (ND_SYNC_FIELD_STATUS) | ND_SYNC_FIELD_MASK (ND_SYNC_FIELD_DATE)))
    {
      json_object_set_string_member (body, "status", fields->status);
      if (fields->date_gmt != 0)
        {
          g_autoptr(GDateTime) dt = g_date_time_new_from_unix_utc (fields->date_gmt);
          g_autofree char *text = format_utc (dt);

          json_object_set_string_member (body, "date_gmt", text);
        }
    }
  if (mask & ND_SYNC_FIELD_MASK (ND_SYNC_FIELD_TAGS))
    {
      JsonArray *tags = json_array_new ();

      for (guint i = 0; job->remote_tags != NULL && i < job->remote_tags->len; i++)
        json_array_add_int_element (tags, g_array_index (job->remote_tags, gint64, i));
      json_object_set_array_member (body, "tags", tags);
    }
  if ((mask & ND_SYNC_FIELD_MASK (ND_SYNC_FIELD_SECTION)) && job->remote_category > 0)
    {
      JsonArray *categories = json_array_new ();

      json_array_add_int_element (categories, job->remote_category);
      json_object_set_array_member (body, "categories", categories);
    }

  if (job->remote_media > 0)
    json_object_set_int_member (body, "featured_media", job->remote_media);

  if (create)
    {
      JsonObject *meta = json_object_new ();
      g_autofree char *uuid = nd_sync_store_ensure_edition_uuid (job->self->sync_store,
                                                                 nd_edition_get_id (edition), NULL);

      json_object_set_string_member (meta, "newsdesk_uuid", uuid);
      json_object_set_string_member (meta, "newsdesk_group", nd_story_get_uuid (story));
      json_object_set_object_member (body, "meta", meta);
      if (nd_site_get_has_polylang (job->site))
        {
          json_object_set_string_member (body, "lang", lang);
          add_translations (job, body, story, lang);
        }
    }

  return body;
}

static void settle_next (GTask *task);

/* After an edition: the next answer of a bulk update, or the next edition. */
static void
continue_push (GTask *task)
{
  SiteJob *job = g_task_get_task_data (task);

  if (job->settling != NULL)
    settle_next (task);
  else
    push_next (task);
}

static gboolean
on_pause_over_cb (gpointer user_data)
{
  GTask *task = user_data;

  continue_push (task);
  return G_SOURCE_REMOVE;
}

static void
finish_edition (GTask *task)
{
  SiteJob *job = g_task_get_task_data (task);

  site_job_clear_edition (job);
  /* A bulk update's editions were counted when they were parked. */
  if (job->settling == NULL)
    job->push_index++;

  /* 429 or 503 with a short Retry-After: wait as asked, then go on. */
  if (job->pause_seconds > 0)
    {
      guint seconds = job->pause_seconds;

      job->pause_seconds = 0;
      g_timeout_add_seconds (seconds, on_pause_over_cb, task);
      return;
    }

  continue_push (task);
}

static void
edition_failed (GTask        *task,
                const GError *error)
{
  SiteJob *job = g_task_get_task_data (task);
  NdSyncEngine *self = job->self;
  g_autoptr(NdOutboxItem) item = job->op_id > 0 ? nd_sync_store_outbox_get (self->sync_store, job->op_id, NULL) : NULL;
  int attempts = item != NULL ? item->attempts + 1 : 1;
  gint64 next = g_get_real_time () / G_USEC_PER_SEC + _nd_sync_engine_backoff (self, attempts, error);

  if (job->op_id > 0)
    {
      /* A create whose answer may be lost stays in flight: the next try
       * looks for the post before sending anything. */
      if (item != NULL && item->op == ND_OUTBOX_CREATE && error_answer_lost (error))
        nd_sync_store_outbox_mark_failed (self->sync_store, job->op_id, next, error->message, NULL),
        nd_sync_store_outbox_mark_in_flight (self->sync_store, job->op_id, NULL);
      else
        nd_sync_store_outbox_mark_failed (self->sync_store, job->op_id, next, error->message, NULL);
    }

  nd_sync_store_set_edition_state (self->sync_store, job->edition_id, ND_EDITION_SYNC_ERROR, error->message, NULL);
  _nd_sync_engine_log (self, error_answer_lost (error) ? ND_SYNC_LOG_WARNING : ND_SYNC_LOG_ERROR,
                       nd_site_get_id (job->site), job->edition_id,
                       _("An edition could not be sent; it will be tried again: %s"), error->message);
}

static void revisions_cb (GObject *object, GAsyncResult *result, gpointer user_data);

/* A failure that may pass: the site busy or failing, the answer lost or
 * broken; not a refusal (revisions turned off, no right to read them). */
static gboolean
error_is_transient (const GError *error)
{
  guint status;

  if (error == NULL || g_error_matches (error, ND_REMOTE_ERROR, ND_REMOTE_ERROR_CANCELLED))
    return FALSE;
  if (error_answer_lost (error) || g_error_matches (error, ND_REMOTE_ERROR, ND_REMOTE_ERROR_MALFORMED))
    return TRUE;
  status = nd_remote_error_get_http_status (error);
  return status == 429 || status >= 500;
}

static gboolean
read_revisions_again_cb (gpointer user_data)
{
  GTask *task = user_data;
  SiteJob *job = g_task_get_task_data (task);

  nd_remote_list_revisions_async (job->remote, job->sent_post->id, 2, g_task_get_cancellable (task), revisions_cb, task);
  return G_SOURCE_REMOVE;
}

static void
revisions_cb (GObject      *object,
              GAsyncResult *result,
              gpointer      user_data)
{
  g_autoptr(GTask) task = user_data;
  SiteJob *job = g_task_get_task_data (task);
  NdSyncEngine *self = job->self;
  g_autoptr(GError) error = NULL;
  g_autoptr(GPtrArray) revisions = nd_remote_list_revisions_finish (ND_REMOTE (object), result, &error);
  NdWpRevision *before;

  /* The revisions are the only trace of an edit made between our read and
   * our write: a failed read is tried again, and when the site keeps
   * failing the editor is told rather than left to trust the post. */
  if (revisions == NULL && error_is_transient (error) && job->revisions_attempts < REVISIONS_ATTEMPTS)
    {
      guint wait_ms = MAX (nd_remote_error_get_retry_after (error) * 1000, 250u << job->revisions_attempts);

      g_debug ("Revisions not read, trying again: %s", error->message);
      job->revisions_attempts++;
      g_timeout_add (MIN (wait_ms, LONGEST_PAUSE_SECONDS * 1000u), read_revisions_again_cb, g_steal_pointer (&task));
      return;
    }
  if (revisions == NULL && error_is_transient (error))
    _nd_sync_engine_log (self, ND_SYNC_LOG_WARNING, nd_site_get_id (job->site), job->edition_id,
                         /* Translators: %s is a headline */
                         _("Whether someone else changed “%s” on the website while it was being sent could not be "
                           "checked; compare its revisions on the website"),
                         job->sending->headline);

  /* Without revisions (turned off on the site) nothing more can be known. */
  if (revisions == NULL || revisions->len < 2)
    {
      if (error != NULL)
        g_debug ("Revisions not read: %s", error->message);
      finish_edition (g_steal_pointer (&task));
      return;
    }

  /* The newest revision is our write; the one before it is the post as it
   * stood when we wrote. If that is not what we read, someone wrote in
   * between: their version is merged like any edit from the site, against
   * the base we had before sending. */
  before = g_ptr_array_index (revisions, 1);
  if (g_strcmp0 (before->title, job->read_title) != 0 ||
      g_strcmp0 (before->excerpt, job->read_excerpt) != 0 ||
      g_strcmp0 (before->content, job->read_content) != 0)
    {
      g_autoptr(NdWpPost) theirs = nd_wp_post_copy (job->sent_post);
      g_autofree char *base_json = job->base != NULL ? nd_sync_fields_to_json (job->base) : NULL;
      g_autoptr(NdEditionSync) sync = nd_sync_store_get_edition_sync (self->sync_store, job->edition_id, NULL);
      g_autoptr(GError) apply_error = NULL;

      g_free (theirs->title);
      theirs->title = g_strdup (before->title);
      g_free (theirs->excerpt);
      theirs->excerpt = g_strdup (before->excerpt);
      g_free (theirs->content);
      theirs->content = g_strdup (before->content);

      nd_sync_store_set_base (self->sync_store, job->edition_id, base_json, NULL,
                              sync != NULL ? sync->synced_revision : 0, NULL);
      if (!apply_post (job, theirs, &apply_error))
        g_warning ("An edit made while ours was sent could not be merged: %s", apply_error->message);

      /* The merge took their edit into the edition; the site, though, holds
       * our write without it. The base is what the site holds, so that the
       * next push sends their edit back. */
      {
        g_autofree char *modified = format_utc (job->sent_post->modified_gmt);
        g_autoptr(NdEditionSync) after = nd_sync_store_get_edition_sync (self->sync_store, job->edition_id, NULL);

        nd_sync_store_set_base (self->sync_store, job->edition_id, job->sent_base_json, modified,
                                sync != NULL ? sync->synced_revision : 0, NULL);
        if (after != NULL && after->state != ND_EDITION_SYNC_CONFLICT)
          nd_sync_store_set_edition_state (self->sync_store, job->edition_id, ND_EDITION_SYNC_PENDING, NULL, NULL);
        else if (after != NULL)
          nd_sync_store_set_edition_state (self->sync_store, job->edition_id, ND_EDITION_SYNC_CONFLICT, NULL, NULL);
      }
      _nd_sync_engine_log (self, ND_SYNC_LOG_WARNING, nd_site_get_id (job->site), job->edition_id,
                           /* Translators: %s is a headline */
                           _("“%s” was changed on the website while our changes were being sent; both are kept"),
                           job->sending->headline);
    }

  finish_edition (g_steal_pointer (&task));
}

/* One edition's send failed: it is retried later; the site's part goes on
 * with the next edition, or ends when the error concerns the whole site. */
static void
give_up_edition (GTask  *task,
                 GError *error)
{
  SiteJob *job = g_task_get_task_data (task);

  edition_failed (task, error);
  if (error_stops_site (job, error))
    {
      fail_site (task, error);
      return;
    }
  g_error_free (error);
  finish_edition (task);
}

static gboolean
post_has_sent_text (SiteJob  *job,
                    NdWpPost *post)
{
  const char *fields[] = { "title", "excerpt", "content" };
  const char *values[] = { post->title, post->excerpt, post->content };

  for (guint i = 0; i < G_N_ELEMENTS (fields); i++)
    if (json_object_has_member (job->sent_body, fields[i]) &&
        g_strcmp0 (json_object_get_string_member (job->sent_body, fields[i]), values[i]) != 0)
      return FALSE;

  return TRUE;
}

static void record_sent (GTask *task, NdWpPost *post);

static void
lost_answer_reread_cb (GObject      *object,
                       GAsyncResult *result,
                       gpointer      user_data)
{
  g_autoptr(GTask) task = user_data;
  SiteJob *job = g_task_get_task_data (task);
  g_autoptr(GError) error = NULL;
  g_autoptr(GError) lost = g_steal_pointer (&job->lost_error);
  g_autoptr(NdWpPost) post = nd_remote_get_post_finish (ND_REMOTE (object), result, &error);

  if (post != NULL && post_has_sent_text (job, post))
    {
      record_sent (g_steal_pointer (&task), post);
      return;
    }

  /* Not there (or not readable): the update is tried again later, after a
   * fresh re-read and merge. */
  edition_failed (task, lost);
  finish_edition (g_steal_pointer (&task));
}

/* The answer to a create or an update of the edition being pushed: @post
 * as the site now has it, or why not. Takes both. */
static void
take_sent (GTask    *task_in,
           NdWpPost *post_in,
           GError   *error_in)
{
  g_autoptr(GTask) task = task_in;
  SiteJob *job = g_task_get_task_data (task);
  g_autoptr(GError) error = error_in;
  g_autoptr(NdWpPost) post = post_in;

  if (post == NULL)
    {
      /* An update whose answer was lost may have landed, and someone may
       * have written just before it: the post is read again at once to
       * tell, so that the revision check still runs. */
      if (!job->creating && error_answer_lost (error) && !error_stops_site (job, error) &&
          job->sent_body != NULL && !job->lost_reread)
        {
          GCancellable *cancellable = g_task_get_cancellable (task);
          gint64 remote_id = nd_sync_store_get_remote_id (job->self->sync_store, job->edition_id, NULL);

          job->lost_reread = TRUE;
          job->lost_error = g_steal_pointer (&error);
          nd_remote_get_post_async (job->remote, remote_id, cancellable, lost_answer_reread_cb,
                                    g_steal_pointer (&task));
          return;
        }

      give_up_edition (g_steal_pointer (&task), g_steal_pointer (&error));
      return;
    }

  record_sent (g_steal_pointer (&task), post);
}

static void
sent_cb (GObject      *object,
         GAsyncResult *result,
         gpointer      user_data)
{
  GTask *task = user_data;
  SiteJob *job = g_task_get_task_data (task);
  GError *error = NULL;
  NdWpPost *post;

  if (job->creating)
    post = nd_remote_create_post_finish (ND_REMOTE (object), result, &error);
  else
    post = nd_remote_update_post_finish (ND_REMOTE (object), result, &error);

  take_sent (task, post, error);
}

/* The push landed; @post is the post as the site now has it. */
static void
record_sent (GTask    *task_in,
             NdWpPost *post_in)
{
  g_autoptr(GTask) task = task_in;
  SiteJob *job = g_task_get_task_data (task);
  NdSyncEngine *self = job->self;
  g_autoptr(GError) error = NULL;
  g_autoptr(NdWpPost) post = nd_wp_post_copy (post_in);
  g_autoptr(NdSyncFields) new_base = NULL;
  g_autofree char *base_json = NULL;
  g_autofree char *modified = NULL;
  gboolean created = job->creating;
  guint other_changes = 0;

  job->network_errors = 0;

  /* The new base is what was agreed: the fields sent over the base. What
   * the editor typed while the request was out is not touched and goes
   * with the next push (its revision is newer than the one sent). */
  new_base = job->base != NULL ? nd_sync_fields_copy (job->base) : nd_sync_fields_new ();
  for (NdSyncField f = 0; f < ND_SYNC_N_FIELDS; f++)
    if (job->send_mask & ND_SYNC_FIELD_MASK (f))
      {
        g_autofree char *text = nd_sync_fields_get_text (job->sending, f);

        nd_sync_fields_set_text (new_base, f, text);
      }
  /* WordPress may have changed what we sent (a slug made unique, a status
   * published at once); the base keeps what the site has. */
  if (post->slug != NULL)
    nd_sync_fields_set_text (new_base, ND_SYNC_FIELD_SLUG, post->slug);
  if (post->status != NULL)
    nd_sync_fields_set_text (new_base, ND_SYNC_FIELD_STATUS, post->status);

  base_json = nd_sync_fields_to_json (new_base);
  modified = format_utc (post->modified_gmt);

  /* The answer shows the whole post. A field this push did not send that
   * differs from the base was changed by someone else between our read and
   * our write: the base keeps no modified time then, so that the post is
   * merged again at once below, like any edit from the site. */
  {
    g_autoptr(NdEdition) edition = nd_story_store_load_edition_by_id (self->stories, job->edition_id, NULL);
    g_autoptr(NdSyncFields) theirs = edition != NULL
      ? fields_from_post (job, post, nd_edition_get_lang (edition), new_base->dateline, job->mine->dateline)
      : NULL;

    if (theirs != NULL)
      other_changes = nd_merge_diff (new_base, theirs) &
                      (ND_SYNC_FIELD_MASK (ND_SYNC_FIELD_HEADLINE) | ND_SYNC_FIELD_MASK (ND_SYNC_FIELD_STANDFIRST) |
                       ND_SYNC_FIELD_MASK (ND_SYNC_FIELD_BODY) | ND_SYNC_FIELD_MASK (ND_SYNC_FIELD_DATELINE)) &
                      ~job->send_mask;
    if (other_changes != 0)
      g_clear_pointer (&modified, g_free);
  }

  if ((created && !nd_sync_store_set_remote_id (self->sync_store, job->edition_id, nd_site_get_id (job->site),
                                                post->id, &error)) ||
      !nd_sync_store_set_base_seen (self->sync_store, job->edition_id, base_json, modified, job->revision,
                                    job->changes_seen, &error) ||
      !nd_sync_store_outbox_mark_done (self->sync_store, job->op_id, &error))
    {
      g_warning ("A sent edition could not be recorded: %s", error->message);
    }
  else
    {
      job->n_pushed++;
      _nd_sync_engine_log (self, ND_SYNC_LOG_INFO, nd_site_get_id (job->site), job->edition_id,
                           created ? _("“%s” was sent to %s") : _("Changes to “%s” were sent to %s"),
                           job->sending->headline, nd_site_get_name (job->site));
    }

  if (other_changes != 0)
    {
      g_autoptr(GError) apply_error = NULL;

      if (!apply_post (job, post, &apply_error))
        g_warning ("A post changed meanwhile could not be merged: %s", apply_error->message);
    }

  /* An edit to the very fields we sent, made between our re-read and our
   * write, leaves the answer looking like ours: only the post's revisions
   * show it. */
  if (!created && job->read_title != NULL &&
      (job->send_mask & (ND_SYNC_FIELD_MASK (ND_SYNC_FIELD_HEADLINE) | ND_SYNC_FIELD_MASK (ND_SYNC_FIELD_STANDFIRST) |
                         ND_SYNC_FIELD_MASK (ND_SYNC_FIELD_BODY) | ND_SYNC_FIELD_MASK (ND_SYNC_FIELD_DATELINE))))
    {
      GCancellable *cancellable = g_task_get_cancellable (task);

      job->sent_post = g_steal_pointer (&post);
      job->sent_base_json = g_strdup (base_json);
      nd_remote_list_revisions_async (job->remote, job->sent_post->id, 2, cancellable, revisions_cb,
                                      g_steal_pointer (&task));
      return;
    }

  finish_edition (g_steal_pointer (&task));
}

/* Updates in bulk ------------------------------------------------------------ */

/*
 * Where the site offers /batch/v1 and a pass updates several posts, each
 * update is prepared as if sent alone (re-read, merged, its terms and image
 * on the site, written to the outbox and marked in flight), then parked;
 * they go up to 25 a request. Each answer is then taken exactly as the
 * answer to a single update, one after the other: the base recorded, the
 * revisions checked for an edit that came between our read and our write,
 * a lost answer looked up. WordPress's batch is not a transaction, so one
 * refused update leaves the others standing.
 */

typedef struct
{
  /* the edition's push, as SiteJob holds it for the edition being pushed */
  gint64        edition_id;
  gint64        revision;
  gint64        changes_seen;
  char         *read_title;
  char         *read_excerpt;
  char         *read_content;
  NdSyncFields *mine;
  NdSyncFields *base;
  NdSyncFields *sending;
  guint         send_mask;
  gint64        op_id;
  char         *op_uuid;
  GArray       *remote_tags;
  gint64        remote_category;
  gint64        remote_media;
  JsonObject   *sent_body;

  gint64        remote_id;
  /* the answer, once the batch came back */
  NdWpPost     *post;
  GError       *error;
} ParkedUpdate;

static void
parked_update_free (ParkedUpdate *parked)
{
  g_free (parked->read_title);
  g_free (parked->read_excerpt);
  g_free (parked->read_content);
  g_clear_pointer (&parked->mine, nd_sync_fields_free);
  g_clear_pointer (&parked->base, nd_sync_fields_free);
  g_clear_pointer (&parked->sending, nd_sync_fields_free);
  g_free (parked->op_uuid);
  g_clear_pointer (&parked->remote_tags, g_array_unref);
  g_clear_pointer (&parked->sent_body, json_object_unref);
  g_clear_pointer (&parked->post, nd_wp_post_free);
  g_clear_error (&parked->error);
  g_free (parked);
}

#define SWAP(a, b) G_STMT_START { __typeof__ (a) swap_tmp = (a); (a) = (b); (b) = swap_tmp; } G_STMT_END

/* Moves the edition being pushed into @parked, or back: the same call both
 * ways. */
static void
swap_edition (SiteJob      *job,
              ParkedUpdate *parked)
{
  SWAP (job->edition_id, parked->edition_id);
  SWAP (job->revision, parked->revision);
  SWAP (job->changes_seen, parked->changes_seen);
  SWAP (job->read_title, parked->read_title);
  SWAP (job->read_excerpt, parked->read_excerpt);
  SWAP (job->read_content, parked->read_content);
  SWAP (job->mine, parked->mine);
  SWAP (job->base, parked->base);
  SWAP (job->sending, parked->sending);
  SWAP (job->send_mask, parked->send_mask);
  SWAP (job->op_id, parked->op_id);
  SWAP (job->op_uuid, parked->op_uuid);
  SWAP (job->remote_tags, parked->remote_tags);
  SWAP (job->remote_category, parked->remote_category);
  SWAP (job->remote_media, parked->remote_media);
  SWAP (job->sent_body, parked->sent_body);
}

#undef SWAP

static void flush_parked (GTask *task);

static void
park_update (GTask  *task,
             gint64  remote_id)
{
  SiteJob *job = g_task_get_task_data (task);
  ParkedUpdate *parked = g_new0 (ParkedUpdate, 1);

  parked->remote_id = remote_id;
  swap_edition (job, parked);
  if (job->parked == NULL)
    job->parked = g_ptr_array_new_with_free_func ((GDestroyNotify) parked_update_free);
  g_ptr_array_add (job->parked, parked);

  site_job_clear_edition (job);
  job->push_index++;

  if (job->parked->len >= BATCH_MAX)
    flush_parked (task);
  else
    push_next (task);
}

static void
parked_sent_cb (GObject      *object,
                GAsyncResult *result,
                gpointer      user_data)
{
  GTask *task = user_data;
  SiteJob *job = g_task_get_task_data (task);
  g_autoptr(GError) error = NULL;
  g_autoptr(GPtrArray) responses = nd_remote_batch_finish (ND_REMOTE (object), result, &error);

  for (guint i = 0; i < job->settling->len; i++)
    {
      ParkedUpdate *parked = g_ptr_array_index (job->settling, i);
      NdWpBatchResponse *response = responses != NULL && i < responses->len ? g_ptr_array_index (responses, i) : NULL;
      g_autoptr(GError) item_error = NULL;

      if (response != NULL && response->status == 200 && response->body != NULL)
        parked->post = nd_wp_post_new_from_json (response->body, &item_error);
      if (parked->post != NULL)
        continue;

      /* The whole batch failed (its answer lost, the site refusing), or this
       * one update did. */
      if (error != NULL)
        parked->error = g_error_copy (error);
      else if (response != NULL && response->error != NULL)
        parked->error = g_error_copy (response->error);
      else if (item_error != NULL)
        parked->error = g_steal_pointer (&item_error);
      else
        parked->error = nd_remote_error_new (ND_REMOTE_ERROR_MALFORMED, response != NULL ? response->status : 0,
                                             NULL, 0, NULL);
    }

  job->settle_index = 0;
  settle_next (task);
}

/* Sends the parked updates together. */
static void
flush_parked (GTask *task)
{
  SiteJob *job = g_task_get_task_data (task);
  g_autoptr(GPtrArray) requests = g_ptr_array_new_with_free_func ((GDestroyNotify) nd_wp_batch_request_free);

  g_assert (job->settling == NULL);
  job->settling = g_steal_pointer (&job->parked);
  for (guint i = 0; i < job->settling->len; i++)
    {
      ParkedUpdate *parked = g_ptr_array_index (job->settling, i);
      g_autofree char *path = g_strdup_printf ("/wp/v2/posts/%" G_GINT64_FORMAT, parked->remote_id);

      g_ptr_array_add (requests, nd_wp_batch_request_new ("POST", path, parked->sent_body));
    }

  nd_remote_batch_async (job->remote, requests, g_task_get_cancellable (task), parked_sent_cb, task);
}

/* Takes the next answer of a bulk update as if it were a single update's;
 * when all are taken, the push goes on. */
static void
settle_next (GTask *task)
{
  SiteJob *job = g_task_get_task_data (task);
  ParkedUpdate *parked;

  if (job->settle_index >= job->settling->len)
    {
      g_clear_pointer (&job->settling, g_ptr_array_unref);
      push_next (task);
      return;
    }

  parked = g_ptr_array_index (job->settling, job->settle_index++);
  site_job_clear_edition (job);
  swap_edition (job, parked);
  take_sent (task, g_steal_pointer (&parked->post), g_steal_pointer (&parked->error));
}

static void
push_edition_send (GTask *task)
{
  SiteJob *job = g_task_get_task_data (task);
  NdSyncEngine *self = job->self;
  g_autoptr(NdEdition) edition = nd_story_store_load_edition_by_id (self->stories, job->edition_id, NULL);
  g_autoptr(NdStory) story = edition != NULL ? nd_story_store_load_story (self->stories, nd_edition_get_story_id (edition), NULL) : NULL;
  g_autoptr(JsonObject) body = NULL;
  g_autoptr(JsonNode) node = NULL;
  g_autofree char *payload = NULL;
  g_autoptr(GError) error = NULL;
  gboolean create = job->creating;
  gint64 remote_id;

  if (edition == NULL || story == NULL)
    {
      finish_edition (task);
      return;
    }

  body = post_body (job, job->sending, job->send_mask, edition, story, create);
  node = json_node_init_object (json_node_alloc (), body);
  payload = json_to_string (node, FALSE);

  /* Durable before it is sent. */
  if (job->op_id == 0)
    job->op_id = nd_sync_store_outbox_add (self->sync_store, job->edition_id, nd_site_get_id (job->site),
                                           create ? ND_OUTBOX_CREATE : ND_OUTBOX_UPDATE, payload,
                                           &job->op_uuid, &error);
  else
    nd_sync_store_outbox_set_payload (self->sync_store, job->op_id, payload, &error);

  if (job->op_id <= 0 || error != NULL ||
      !nd_sync_store_outbox_mark_in_flight (self->sync_store, job->op_id, &error))
    {
      g_warning ("The outbox could not be written: %s", error != NULL ? error->message : "?");
      finish_edition (task);
      return;
    }

  if (create)
    {
      nd_remote_create_post_async (job->remote, body, g_task_get_cancellable (task), sent_cb, task);
      return;
    }

  remote_id = nd_sync_store_get_remote_id (self->sync_store, job->edition_id, NULL);
  g_clear_pointer (&job->sent_body, json_object_unref);
  job->sent_body = json_object_ref (body);

  /* Among several updates, this one waits to go with the others. */
  if (nd_site_get_has_batch (job->site) && job->prefetch_ids != NULL && job->prefetch_ids->len >= 2)
    {
      park_update (task, remote_id);
      return;
    }

  nd_remote_update_post_async (job->remote, remote_id, body, g_task_get_cancellable (task), sent_cb, task);
}

/* The story's featured image goes to the site's media library once, with
 * the caption and alternative text in the site's language. A file that is
 * gone or a refused upload leaves the post without its image, logged; the
 * text is sent all the same. */
static void
media_described_cb (GObject      *object,
                    GAsyncResult *result,
                    gpointer      user_data)
{
  g_autoptr(GTask) task = user_data;
  g_autoptr(GError) error = NULL;
  g_autoptr(NdWpMedia) media = nd_remote_update_media_finish (ND_REMOTE (object), result, &error);

  if (media == NULL)
    g_debug ("The image's caption could not be set: %s", error->message);

  push_edition_send (g_steal_pointer (&task));
}

static void
media_uploaded_cb (GObject      *object,
                   GAsyncResult *result,
                   gpointer      user_data)
{
  g_autoptr(GTask) task = user_data;
  SiteJob *job = g_task_get_task_data (task);
  NdSyncEngine *self = job->self;
  g_autoptr(GError) error = NULL;
  g_autoptr(NdWpMedia) uploaded = nd_remote_upload_media_finish (ND_REMOTE (object), result, &error);
  g_autoptr(NdMedia) media = NULL;
  const char * const langs[] = { job->langs[0], NULL };
  GCancellable *cancellable;

  if (uploaded == NULL)
    {
      if (error_stops_site (job, error))
        {
          edition_failed (task, error);
          fail_site (g_steal_pointer (&task), g_steal_pointer (&error));
          return;
        }
      _nd_sync_engine_log (self, ND_SYNC_LOG_WARNING, nd_site_get_id (job->site), job->edition_id,
                           _("The featured image could not be sent: %s"), error->message);
      push_edition_send (g_steal_pointer (&task));
      return;
    }

  nd_sync_store_set_remote_media (self->sync_store, nd_site_get_id (job->site), job->media_id, uploaded->id, NULL);
  job->remote_media = uploaded->id;

  media = nd_story_store_load_media (self->stories, job->media_id, NULL);
  cancellable = g_task_get_cancellable (task);
  nd_remote_update_media_async (job->remote, uploaded->id,
                                media != NULL ? nd_localized_text_get_first (nd_media_get_captions (media), langs) : NULL,
                                media != NULL ? nd_localized_text_get_first (nd_media_get_alts (media), langs) : NULL,
                                cancellable, media_described_cb, g_steal_pointer (&task));
}

static void
media_loaded_cb (GObject      *object,
                 GAsyncResult *result,
                 gpointer      user_data)
{
  g_autoptr(GTask) task = user_data;
  SiteJob *job = g_task_get_task_data (task);
  g_autoptr(GError) error = NULL;
  g_autoptr(NdMedia) media = nd_story_store_load_media (job->self->stories, job->media_id, NULL);
  g_autofree char *contents = NULL;
  g_autofree char *basename = NULL;
  g_autoptr(GBytes) bytes = NULL;
  gsize length = 0;
  GCancellable *cancellable;

  if (!g_file_load_contents_finish (G_FILE (object), result, &contents, &length, NULL, &error) || media == NULL)
    {
      _nd_sync_engine_log (job->self, ND_SYNC_LOG_WARNING, nd_site_get_id (job->site), job->edition_id,
                           _("The featured image could not be read: %s"),
                           error != NULL ? error->message : "?");
      push_edition_send (g_steal_pointer (&task));
      return;
    }

  basename = g_file_get_basename (G_FILE (object));
  bytes = g_bytes_new_take (g_steal_pointer (&contents), length);
  cancellable = g_task_get_cancellable (task);
  nd_remote_upload_media_async (job->remote, bytes, basename,
                                nd_media_get_mime_type (media) != NULL && *nd_media_get_mime_type (media) != '\0'
                                  ? nd_media_get_mime_type (media) : "application/octet-stream",
                                cancellable, media_uploaded_cb, g_steal_pointer (&task));
}

static void
push_edition_media (GTask *task)
{
  SiteJob *job = g_task_get_task_data (task);
  NdSyncEngine *self = job->self;
  g_autoptr(NdEdition) edition = nd_story_store_load_edition_by_id (self->stories, job->edition_id, NULL);
  g_autoptr(NdStory) story = edition != NULL ? nd_story_store_load_story (self->stories, nd_edition_get_story_id (edition), NULL) : NULL;
  g_autoptr(NdMedia) media = NULL;
  g_autoptr(GFile) file = NULL;

  job->media_id = story != NULL ? nd_story_get_featured_media_id (story) : 0;
  if (job->media_id <= 0)
    {
      push_edition_send (task);
      return;
    }

  job->remote_media = nd_sync_store_get_remote_media (self->sync_store, nd_site_get_id (job->site), job->media_id, NULL);
  media = nd_story_store_load_media (self->stories, job->media_id, NULL);
  if (job->remote_media > 0 || media == NULL || nd_media_get_file (media) == NULL || *nd_media_get_file (media) == '\0')
    {
      push_edition_send (task);
      return;
    }

  file = g_file_new_for_path (nd_media_get_file (media));
  g_file_load_contents_async (file, g_task_get_cancellable (task), media_loaded_cb, task);
}

static void
term_created_cb (GObject      *object,
                 GAsyncResult *result,
                 gpointer      user_data)
{
  g_autoptr(GTask) task = user_data;
  SiteJob *job = g_task_get_task_data (task);
  g_autoptr(GError) error = NULL;
  gboolean is_tag = job->push_term_index < job->mine->tags->len;
  gint64 local = is_tag ? g_array_index (job->mine->tags, gint64, job->push_term_index) : job->mine->section;
  g_autofree char *name = _nd_sync_engine_term_name (job->self, is_tag, local, job->langs[0]);
  gint64 remote = nd_remote_create_term_finish (ND_REMOTE (object), result, &error);

  if (remote <= 0)
    {
      give_up_edition (g_steal_pointer (&task), g_steal_pointer (&error));
      return;
    }

  nd_sync_store_set_remote_term (job->self->sync_store, nd_site_get_id (job->site),
                                 is_tag ? ND_TERM_TAG : ND_TERM_CATEGORY, remote, local, name, NULL);
  if (is_tag)
    g_array_append_val (job->remote_tags, remote);
  else
    job->remote_category = remote;

  job->push_term_index++;
  push_edition_terms (g_steal_pointer (&task));
}

/* Every tag and the section need their id on the site; the ones it lacks
 * are created (a name it has already answers term_exists with its id). */
static void
push_edition_terms (GTask *task)
{
  SiteJob *job = g_task_get_task_data (task);
  NdSyncEngine *self = job->self;
  gint64 site_id = nd_site_get_id (job->site);
  guint n_terms = job->mine->tags->len + (job->mine->section > 0 ? 1 : 0);

  while (job->push_term_index < n_terms)
    {
      gboolean is_tag = job->push_term_index < job->mine->tags->len;
      gint64 local = is_tag ? g_array_index (job->mine->tags, gint64, job->push_term_index) : job->mine->section;
      gint64 remote = nd_sync_store_get_remote_term (self->sync_store, site_id,
                                                     is_tag ? ND_TERM_TAG : ND_TERM_CATEGORY, local, NULL);

      if (remote <= 0)
        {
          g_autofree char *name = _nd_sync_engine_term_name (self, is_tag, local, job->langs[0]);

          if (name != NULL && *name != '\0')
            {
              nd_remote_create_term_async (job->remote, is_tag ? ND_WP_TERM_TAG : ND_WP_TERM_CATEGORY, name,
                                           g_task_get_cancellable (task), term_created_cb, task);
              return;
            }
        }
      else if (is_tag)
        g_array_append_val (job->remote_tags, remote);
      else
        job->remote_category = remote;

      job->push_term_index++;
    }

  push_edition_media (task);
}

static gboolean
post_differs_from_base (SiteJob  *job,
                        NdWpPost *post)
{
  g_autoptr(NdEdition) edition = nd_story_store_load_edition_by_id (job->self->stories, job->edition_id, NULL);
  g_autoptr(NdSyncFields) theirs = NULL;

  if (edition == NULL)
    return FALSE;
  theirs = fields_from_post (job, post, nd_edition_get_lang (edition), job->base->dateline, job->mine->dateline);
  return theirs != NULL && nd_merge_diff (job->base, theirs) != 0;
}

/* The post as it is on the site now, merged with the edition before an
 * update: WordPress would take any write, so the client checks. */
static void
take_reread (GTask    *task_in,
             NdWpPost *post_in,
             GError   *error_in)
{
  g_autoptr(GTask) task = task_in;
  SiteJob *job = g_task_get_task_data (task);
  NdSyncEngine *self = job->self;
  g_autoptr(GError) error = error_in;
  g_autoptr(NdWpPost) post = post_in;
  g_autoptr(NdEditionSync) sync = NULL;

  if (post == NULL)
    {
      if (g_error_matches (error, ND_REMOTE_ERROR, ND_REMOTE_ERROR_NOT_FOUND))
        {
          g_autoptr(NdEdition) edition = nd_story_store_load_edition_by_id (self->stories, job->edition_id, NULL);

          nd_sync_store_forget_remote (self->sync_store, job->edition_id, NULL);
          nd_sync_store_set_base (self->sync_store, job->edition_id, NULL, NULL, job->revision, NULL);
          nd_sync_store_set_edition_state (self->sync_store, job->edition_id, ND_EDITION_SYNC_LOCAL, NULL, NULL);
          _nd_sync_engine_log (self, ND_SYNC_LOG_WARNING, nd_site_get_id (job->site), job->edition_id,
                               _("“%s” was deleted from the website; the text is kept here"),
                               edition != NULL ? nd_edition_get_headline (edition) : "");
          finish_edition (g_steal_pointer (&task));
          return;
        }

      give_up_edition (g_steal_pointer (&task), g_steal_pointer (&error));
      return;
    }

  job->network_errors = 0;
  sync = nd_sync_store_get_edition_sync (self->sync_store, job->edition_id, NULL);
  g_free (job->read_title);
  job->read_title = g_strdup (post->title);
  g_free (job->read_excerpt);
  job->read_excerpt = g_strdup (post->excerpt);
  g_free (job->read_content);
  job->read_content = g_strdup (post->content);

  /* Someone changed the post since our base: merge first. apply_post()
   * reads the edition afresh, merges, records conflicts and moves the base
   * to the site's version; the push then sends what still differs. */
  if (sync != NULL && (job->base == NULL || !same_instant (post->modified_gmt, sync->base_modified_gmt) ||
                       post_differs_from_base (job, post)))
    {
      g_autoptr(GError) apply_error = NULL;
      g_autoptr(GPtrArray) conflicts = NULL;

      if (!apply_post (job, post, &apply_error))
        {
          edition_failed (task, apply_error);
          finish_edition (g_steal_pointer (&task));
          return;
        }

      if (nd_sync_store_get_edition_state (self->sync_store, job->edition_id) == ND_EDITION_SYNC_CONFLICT)
        {
          finish_edition (g_steal_pointer (&task));
          return;
        }

      /* Start this edition again from the new base. */
      {
        gint64 edition_id = job->edition_id;
        guint index = job->push_index;

        site_job_clear_edition (job);
        job->push_index = index;
        g_array_insert_val (job->to_push, index + 1, edition_id);
        finish_edition (g_steal_pointer (&task));
        return;
      }
    }

  push_edition_terms (g_steal_pointer (&task));
}

static void
reread_cb (GObject      *object,
           GAsyncResult *result,
           gpointer      user_data)
{
  GError *error = NULL;
  NdWpPost *post = nd_remote_get_post_finish (ND_REMOTE (object), result, &error);

  take_reread (user_data, post, error);
}

/* The post to update, as the site has it now: from this pass's bulk read
 * when it is there (each is taken once: a second push of the edition in
 * the same pass reads it again), else read alone. */
static void
reread_post (GTask  *task,
             gint64  remote_id)
{
  SiteJob *job = g_task_get_task_data (task);
  gpointer key = NULL;
  gpointer post = NULL;

  if (job->prefetched != NULL &&
      g_hash_table_steal_extended (job->prefetched, &remote_id, &key, &post))
    {
      g_free (key);
      take_reread (task, post, NULL);
      return;
    }

  nd_remote_get_post_async (job->remote, remote_id, g_task_get_cancellable (task), reread_cb, task);
}

static void
deleted_cb (GObject      *object,
            GAsyncResult *result,
            gpointer      user_data)
{
  g_autoptr(GTask) task = user_data;
  SiteJob *job = g_task_get_task_data (task);
  NdSyncEngine *self = job->self;
  g_autoptr(GError) error = NULL;

  if (!nd_remote_delete_post_finish (ND_REMOTE (object), result, &error) &&
      !g_error_matches (error, ND_REMOTE_ERROR, ND_REMOTE_ERROR_NOT_FOUND))
    {
      give_up_edition (g_steal_pointer (&task), g_steal_pointer (&error));
      return;
    }

  {
    g_autofree char *json = NULL;
    g_autoptr(NdEditionSync) sync = nd_sync_store_get_edition_sync (self->sync_store, job->edition_id, NULL);
    g_autofree char *modified = sync != NULL ? g_strdup (sync->base_modified_gmt) : NULL;

    nd_sync_fields_set_text (job->base, ND_SYNC_FIELD_STATUS, "trash");
    json = nd_sync_fields_to_json (job->base);
    nd_sync_store_set_base_seen (self->sync_store, job->edition_id, json, modified, job->revision,
                                 sync != NULL ? sync->changes : -1, NULL);
    nd_sync_store_outbox_mark_done (self->sync_store, job->op_id, NULL);
    _nd_sync_engine_log (self, ND_SYNC_LOG_INFO, nd_site_get_id (job->site), job->edition_id,
                         /* Translators: %s is a site's name */
                         _("A deleted story was moved to the trash of %s"), nd_site_get_name (job->site));
  }

  finish_edition (g_steal_pointer (&task));
}

/* A story in the newsroom's trash goes to the site's trash, from where it
 * can come back; nothing is deleted for good from here. */
static void
push_delete (GTask         *task,
             gint64         edition_id,
             NdEditionSync *sync,
             NdSyncFields  *base)
{
  SiteJob *job = g_task_get_task_data (task);
  NdSyncEngine *self = job->self;
  g_autoptr(GError) error = NULL;
  g_autoptr(NdEdition) edition = nd_story_store_load_edition_by_id (self->stories, edition_id, NULL);

  job->edition_id = edition_id;
  job->revision = edition != NULL ? nd_edition_get_revision (edition) : 0;
  job->base = base != NULL ? nd_sync_fields_copy (base) : nd_sync_fields_new ();
  job->op_id = nd_sync_store_outbox_add (self->sync_store, edition_id, nd_site_get_id (job->site),
                                         ND_OUTBOX_DELETE, "{}", &job->op_uuid, &error);
  if (job->op_id <= 0 || !nd_sync_store_outbox_mark_in_flight (self->sync_store, job->op_id, &error))
    {
      g_warning ("The outbox could not be written: %s", error != NULL ? error->message : "?");
      finish_edition (task);
      return;
    }

  nd_remote_delete_post_async (job->remote, sync->remote_id, FALSE, g_task_get_cancellable (task), deleted_cb, task);
}

/* Creates in bulk ------------------------------------------------------------ */

/*
 * Where the site offers /batch/v1, new posts whose tags, section and image
 * the site already knows go up to 25 a request. Each create is in the
 * outbox, in flight, before the batch leaves, exactly as one sent alone: a
 * batch whose answer is lost leaves them all to be looked up by uuid. The
 * batch is not a transaction; each answer is taken on its own.
 */
typedef struct
{
  gint64        edition_id;
  gint64        op_id;
  gint64        revision;
  gint64        changes_seen;
  NdSyncFields *sent;
} BatchItem;

static void
batch_item_free (BatchItem *item)
{
  g_clear_pointer (&item->sent, nd_sync_fields_free);
  g_free (item);
}

/* The remote ids of the edition's terms and image, when the site has them
 * all; %FALSE sends the edition the long way, which creates what lacks. */
static gboolean
terms_known (SiteJob      *job,
             NdSyncFields *mine,
             NdStory      *story)
{
  NdSyncStore *store = job->self->sync_store;
  gint64 site_id = nd_site_get_id (job->site);
  gint64 media_id = nd_story_get_featured_media_id (story);

  g_array_set_size (job->remote_tags, 0);
  for (guint i = 0; i < mine->tags->len; i++)
    {
      gint64 remote = nd_sync_store_get_remote_term (store, site_id, ND_TERM_TAG,
                                                     g_array_index (mine->tags, gint64, i), NULL);
      if (remote <= 0)
        return FALSE;
      g_array_append_val (job->remote_tags, remote);
    }

  job->remote_category = 0;
  if (mine->section > 0 &&
      (job->remote_category = nd_sync_store_get_remote_term (store, site_id, ND_TERM_CATEGORY, mine->section, NULL)) <= 0)
    return FALSE;

  job->remote_media = 0;
  if (media_id > 0 && (job->remote_media = nd_sync_store_get_remote_media (store, site_id, media_id, NULL)) <= 0)
    return FALSE;

  return TRUE;
}

/* On a Polylang site a new post names its siblings' ids, which posts
 * created in the same batch do not have yet: a story with two or more
 * editions still to create there goes the long way, one after the other,
 * so that the last one links them all. */
static gboolean
sibling_awaits_creation (SiteJob    *job,
                         NdStory    *story,
                         const char *lang)
{
  if (!nd_site_get_has_polylang (job->site))
    return FALSE;

  for (guint i = 0; job->langs[i] != NULL; i++)
    {
      g_autoptr(NdEdition) sibling = NULL;

      if (g_strcmp0 (job->langs[i], lang) == 0)
        continue;
      sibling = nd_story_store_load_edition (job->self->stories, nd_story_get_id (story), job->langs[i], NULL);
      if (sibling != NULL && edition_pushable (job, sibling, NULL) &&
          nd_sync_store_get_remote_id (job->self->sync_store, nd_edition_get_id (sibling), NULL) <= 0)
        return TRUE;
    }

  return FALSE;
}

static void
batch_sent_cb (GObject      *object,
               GAsyncResult *result,
               gpointer      user_data)
{
  g_autoptr(GTask) task = user_data;
  SiteJob *job = g_task_get_task_data (task);
  NdSyncEngine *self = job->self;
  g_autoptr(GPtrArray) batch = g_steal_pointer (&job->batch);
  g_autoptr(GError) error = NULL;
  g_autoptr(GPtrArray) responses = nd_remote_batch_finish (ND_REMOTE (object), result, &error);
  gint64 now = g_get_real_time () / G_USEC_PER_SEC;

  for (guint i = 0; i < batch->len; i++)
    {
      BatchItem *item = g_ptr_array_index (batch, i);
      NdWpBatchResponse *response = responses != NULL ? g_ptr_array_index (responses, i) : NULL;
      g_autoptr(NdWpPost) post = NULL;
      g_autoptr(GError) item_error = NULL;
      g_autofree char *base_json = NULL;
      g_autofree char *modified = NULL;

      if (response != NULL && response->status == 201 && response->body != NULL)
        post = nd_wp_post_new_from_json (response->body, &item_error);

      if (post == NULL)
        {
          const GError *why = error != NULL ? error : response != NULL ? response->error : item_error;
          g_autofree char *message = why != NULL ? g_strdup (why->message)
                                                 : g_strdup_printf (_("The site refused it (HTTP %u)"),
                                                                    response != NULL ? response->status : 0);

          /* A lost answer leaves the creates in flight, to be looked up. */
          nd_sync_store_outbox_mark_failed (self->sync_store, item->op_id,
                                            now + _nd_sync_engine_backoff (self, 1, why), message, NULL);
          if (error != NULL && error_answer_lost (error))
            nd_sync_store_outbox_mark_in_flight (self->sync_store, item->op_id, NULL);
          nd_sync_store_set_edition_state (self->sync_store, item->edition_id, ND_EDITION_SYNC_ERROR, message, NULL);
          continue;
        }

      /* WordPress may have made the slug unique, or published at once. */
      if (post->slug != NULL)
        nd_sync_fields_set_text (item->sent, ND_SYNC_FIELD_SLUG, post->slug);
      if (post->status != NULL)
        nd_sync_fields_set_text (item->sent, ND_SYNC_FIELD_STATUS, post->status);
      base_json = nd_sync_fields_to_json (item->sent);
      modified = format_utc (post->modified_gmt);
      if (!nd_sync_store_set_remote_id (self->sync_store, item->edition_id, nd_site_get_id (job->site), post->id, NULL) ||
          !nd_sync_store_set_base_seen (self->sync_store, item->edition_id, base_json, modified, item->revision,
                                        item->changes_seen, NULL) ||
          !nd_sync_store_outbox_mark_done (self->sync_store, item->op_id, NULL))
        continue;
      job->n_pushed++;
      _nd_sync_engine_log (self, ND_SYNC_LOG_INFO, nd_site_get_id (job->site), item->edition_id,
                           _("“%s” was sent to %s"), item->sent->headline, nd_site_get_name (job->site));
    }

  if (error != NULL && error_stops_site (job, error))
    {
      fail_site (g_steal_pointer (&task), g_steal_pointer (&error));
      return;
    }

  push_next (g_steal_pointer (&task));
}

/* Sends the next bulk of new posts, if there are two or more to send
 * together. Returns whether a batch went out. */
static gboolean
push_batch (GTask *task)
{
  SiteJob *job = g_task_get_task_data (task);
  NdSyncEngine *self = job->self;
  g_autoptr(GPtrArray) requests = NULL;
  g_autoptr(GArray) candidates = g_array_new (FALSE, FALSE, sizeof (gint64));

  if (!nd_site_get_has_batch (job->site))
    return FALSE;

  for (guint i = job->push_index; i < job->to_push->len && candidates->len < BATCH_MAX; i++)
    {
      gint64 edition_id = g_array_index (job->to_push, gint64, i);
      g_autoptr(NdEdition) edition = nd_story_store_load_edition_by_id (self->stories, edition_id, NULL);
      g_autoptr(NdStory) story = edition != NULL ? nd_story_store_load_story (self->stories, nd_edition_get_story_id (edition), NULL) : NULL;
      g_autoptr(NdEditionSync) sync = nd_sync_store_get_edition_sync (self->sync_store, edition_id, NULL);
      g_autoptr(NdOutboxItem) open = NULL;
      g_autoptr(NdSyncFields) mine = NULL;

      if (edition == NULL || story == NULL || sync == NULL || sync->remote_id > 0 ||
          nd_story_get_trashed_at (story) != 0 || sync->state == ND_EDITION_SYNC_CONFLICT ||
          !g_strv_contains ((const char * const *) job->langs, nd_edition_get_lang (edition)) ||
          !edition_pushable (job, edition, NULL) ||
          (open = nd_sync_store_outbox_find_open (self->sync_store, edition_id, ND_OUTBOX_CREATE, NULL)) != NULL)
        continue;

      if (sibling_awaits_creation (job, story, nd_edition_get_lang (edition)))
        continue;

      mine = _nd_sync_engine_mine (self, edition, story);
      job->remote_tags = job->remote_tags != NULL ? job->remote_tags : g_array_new (FALSE, FALSE, sizeof (gint64));
      if (terms_known (job, mine, story))
        g_array_append_val (candidates, edition_id);
    }

  if (candidates->len < 2)
    {
      g_clear_pointer (&job->remote_tags, g_array_unref);
      return FALSE;
    }

  requests = g_ptr_array_new_with_free_func ((GDestroyNotify) nd_wp_batch_request_free);
  job->batch = g_ptr_array_new_with_free_func ((GDestroyNotify) batch_item_free);
  for (guint i = 0; i < candidates->len; i++)
    {
      gint64 edition_id = g_array_index (candidates, gint64, i);
      g_autoptr(NdEdition) edition = nd_story_store_load_edition_by_id (self->stories, edition_id, NULL);
      g_autoptr(NdStory) story = nd_story_store_load_story (self->stories, nd_edition_get_story_id (edition), NULL);
      g_autoptr(NdEditionSync) sync = nd_sync_store_get_edition_sync (self->sync_store, edition_id, NULL);
      g_autoptr(JsonObject) body = NULL;
      g_autoptr(JsonNode) node = NULL;
      g_autofree char *payload = NULL;
      g_autoptr(GError) error = NULL;
      BatchItem *item = g_new0 (BatchItem, 1);

      item->edition_id = edition_id;
      item->revision = nd_edition_get_revision (edition);
      item->changes_seen = sync->changes;
      item->sent = _nd_sync_engine_mine (self, edition, story);
      terms_known (job, item->sent, story);
      body = post_body (job, item->sent, ND_SYNC_FIELD_MASK_ALL, edition, story, TRUE);
      node = json_node_init_object (json_node_alloc (), body);
      payload = json_to_string (node, FALSE);

      /* Durable before it is sent. */
      item->op_id = nd_sync_store_outbox_add (self->sync_store, edition_id, nd_site_get_id (job->site),
                                              ND_OUTBOX_CREATE, payload, NULL, &error);
      if (item->op_id <= 0 || !nd_sync_store_outbox_mark_in_flight (self->sync_store, item->op_id, &error))
        {
          g_warning ("The outbox could not be written: %s", error != NULL ? error->message : "?");
          batch_item_free (item);
          continue;
        }
      g_ptr_array_add (job->batch, item);
      g_ptr_array_add (requests, nd_wp_batch_request_new ("POST", "/wp/v2/posts", body));
    }
  g_clear_pointer (&job->remote_tags, g_array_unref);

  if (job->batch->len == 0)
    {
      g_clear_pointer (&job->batch, g_ptr_array_unref);
      return FALSE;
    }

  nd_remote_batch_async (job->remote, requests, g_task_get_cancellable (task), batch_sent_cb, task);
  return TRUE;
}

/* Re-reads in bulk ----------------------------------------------------------- */

/*
 * Every update is preceded by a re-read of the post (WordPress takes any
 * write; the client merges first). Read alone, that is a request per
 * edition; here the posts of all the pass's updates are read a hundred a
 * request before the first update goes out. A post someone edits after
 * this read is still caught: by the revisions after our write, as with a
 * single re-read.
 */

static void prefetch_next (GTask *task);

static gboolean
edition_needs_reread (SiteJob *job,
                      gint64   edition_id,
                      gint64  *remote_id)
{
  NdSyncEngine *self = job->self;
  g_autoptr(NdEditionSync) sync = nd_sync_store_get_edition_sync (self->sync_store, edition_id, NULL);
  g_autoptr(NdEdition) edition = NULL;
  g_autoptr(NdStory) story = NULL;

  if (sync == NULL || sync->remote_id <= 0 || sync->state == ND_EDITION_SYNC_CONFLICT)
    return FALSE;
  edition = nd_story_store_load_edition_by_id (self->stories, edition_id, NULL);
  story = edition != NULL ? nd_story_store_load_story (self->stories, nd_edition_get_story_id (edition), NULL) : NULL;
  if (story == NULL || nd_story_get_trashed_at (story) != 0 ||
      !g_strv_contains ((const char * const *) job->langs, nd_edition_get_lang (edition)))
    return FALSE;

  /* An edition whose synced fields are the base's sends nothing and needs
   * no read; one without a base (adopted) is read to make it. */
  if (sync->base_json != NULL && *sync->base_json != '\0')
    {
      g_autoptr(NdSyncFields) base = nd_sync_fields_from_json (sync->base_json, NULL);
      g_autoptr(NdSyncFields) mine = _nd_sync_engine_mine (self, edition, story);

      if (base != NULL && (g_strcmp0 (base->status, "trash") == 0 || nd_merge_diff (base, mine) == 0))
        return FALSE;
    }

  *remote_id = sync->remote_id;
  return TRUE;
}

static void
start_prefetch (GTask *task)
{
  SiteJob *job = g_task_get_task_data (task);

  job->prefetch_ids = g_array_new (FALSE, FALSE, sizeof (gint64));
  job->prefetched = g_hash_table_new_full (g_int64_hash, g_int64_equal, g_free, (GDestroyNotify) nd_wp_post_free);
  job->prefetch_index = 0;

  for (guint i = 0; i < job->to_push->len; i++)
    {
      gint64 remote_id;

      if (edition_needs_reread (job, g_array_index (job->to_push, gint64, i), &remote_id))
        g_array_append_val (job->prefetch_ids, remote_id);
    }

  /* One post alone is read as before: no gain in a list. */
  if (job->prefetch_ids->len < 2)
    g_array_set_size (job->prefetch_ids, 0);

  prefetch_next (task);
}

static void
prefetched_cb (GObject      *object,
               GAsyncResult *result,
               gpointer      user_data)
{
  GTask *task = user_data;
  SiteJob *job = g_task_get_task_data (task);
  g_autoptr(GError) error = NULL;
  g_autoptr(NdWpPostPage) page = nd_remote_get_posts_finish (ND_REMOTE (object), result, &error);

  if (page == NULL)
    {
      if (site_stopped (&task, &error))
        return;
      /* The posts are read one by one instead. */
      g_debug ("Posts not read in bulk: %s", error->message);
      job->prefetch_index = job->prefetch_ids->len;
      push_next (task);
      return;
    }

  job->network_errors = 0;
  /* A post the site no longer has, or one it sent malformed, is not in the
   * page: its own re-read tells what became of it. */
  for (guint i = 0; i < page->posts->len; i++)
    {
      NdWpPost *post = g_ptr_array_index (page->posts, i);

      g_hash_table_replace (job->prefetched, g_memdup2 (&post->id, sizeof post->id), nd_wp_post_copy (post));
    }
  prefetch_next (task);
}

static void
prefetch_next (GTask *task)
{
  SiteJob *job = g_task_get_task_data (task);
  g_autoptr(GArray) chunk = NULL;
  guint n;

  if (job->prefetch_index >= job->prefetch_ids->len)
    {
      push_next (task);
      return;
    }

  n = MIN (job->prefetch_ids->len - job->prefetch_index, ND_REMOTE_MAX_POSTS_PER_REQUEST);
  chunk = g_array_sized_new (FALSE, FALSE, sizeof (gint64), n);
  g_array_append_vals (chunk, &g_array_index (job->prefetch_ids, gint64, job->prefetch_index), n);
  job->prefetch_index += n;
  nd_remote_get_posts_async (job->remote, chunk, g_task_get_cancellable (task), prefetched_cb, task);
}

static void
push_next (GTask *task)
{
  SiteJob *job = g_task_get_task_data (task);
  NdSyncEngine *self = job->self;

  if (job->to_push == NULL)
    job->to_push = nd_sync_store_list_editions_to_push (self->sync_store, nd_site_get_id (job->site), NULL);

  if (job->to_push != NULL && job->prefetch_ids == NULL)
    {
      start_prefetch (task);
      return;
    }

  if (job->to_push != NULL && push_batch (task))
    return;

  while (job->to_push != NULL && job->push_index < job->to_push->len)
    {
      gint64 edition_id = g_array_index (job->to_push, gint64, job->push_index);
      g_autoptr(NdEdition) edition = NULL;
      g_autoptr(NdStory) story = NULL;
      g_autoptr(NdEditionSync) sync = NULL;
      g_autoptr(GError) skip = NULL;
      guint mask;

      if (task_cancelled (task))
        {
          fail_site (task, g_error_new_literal (ND_REMOTE_ERROR, ND_REMOTE_ERROR_CANCELLED, _("Sync was stopped")));
          return;
        }

      edition = nd_story_store_load_edition_by_id (self->stories, edition_id, NULL);
      sync = nd_sync_store_get_edition_sync (self->sync_store, edition_id, NULL);
      story = edition != NULL ? nd_story_store_load_story (self->stories, nd_edition_get_story_id (edition), NULL) : NULL;

      if (edition != NULL && story != NULL && sync != NULL && nd_story_get_trashed_at (story) != 0 &&
          sync->remote_id > 0 && g_strv_contains ((const char * const *) job->langs, nd_edition_get_lang (edition)))
        {
          g_autoptr(NdSyncFields) base = sync->base_json != NULL ? nd_sync_fields_from_json (sync->base_json, NULL) : NULL;

          if (base == NULL || g_strcmp0 (base->status, "trash") != 0)
            {
              push_delete (task, edition_id, sync, base);
              return;
            }
        }

      if (edition == NULL || story == NULL || sync == NULL || nd_story_get_trashed_at (story) != 0 ||
          sync->state == ND_EDITION_SYNC_CONFLICT ||
          !g_strv_contains ((const char * const *) job->langs, nd_edition_get_lang (edition)))
        {
          job->push_index++;
          continue;
        }

      if (!edition_pushable (job, edition, &skip))
        {
          if (skip != NULL && g_strcmp0 (sync->last_error, skip->message) != 0)
            {
              nd_sync_store_set_edition_state (self->sync_store, edition_id, ND_EDITION_SYNC_ERROR, skip->message, NULL);
              _nd_sync_engine_log (self, ND_SYNC_LOG_WARNING, nd_site_get_id (job->site), edition_id,
                                   "“%s”: %s", nd_edition_get_headline (edition), skip->message);
            }
          job->push_index++;
          continue;
        }

      job->edition_id = edition_id;
      job->revision = nd_edition_get_revision (edition);
      job->changes_seen = sync->changes;
      job->mine = _nd_sync_engine_mine (self, edition, story);
      job->remote_tags = g_array_new (FALSE, FALSE, sizeof (gint64));
      job->creating = sync->remote_id <= 0;
      if (!job->creating && sync->base_json != NULL && *sync->base_json != '\0')
        job->base = nd_sync_fields_from_json (sync->base_json, NULL);

      if (job->base != NULL && g_strcmp0 (job->base->status, "trash") == 0)
        {
          site_job_clear_edition (job);
          job->push_index++;
          continue;
        }

      /* A post without a base (adopted after a lost answer) is read first;
       * the re-read makes its base. */
      if (!job->creating && job->base == NULL)
        {
          reread_post (task, sync->remote_id);
          return;
        }

      /* Only what changed since the base; everything for a new post. */
      mask = !job->creating ? nd_merge_diff (job->base, job->mine) : ND_SYNC_FIELD_MASK_ALL;
      if (mask == 0)
        {
          nd_sync_store_set_base_seen (self->sync_store, edition_id, sync->base_json, sync->base_modified_gmt,
                                       job->revision, sync->changes, NULL);
          site_job_clear_edition (job);
          job->push_index++;
          continue;
        }
      /* The content carries the dateline: a new city rewrites it. */
      if (mask & (ND_SYNC_FIELD_MASK (ND_SYNC_FIELD_DATELINE) | ND_SYNC_FIELD_MASK (ND_SYNC_FIELD_BODY)))
        mask |= ND_SYNC_FIELD_MASK (ND_SYNC_FIELD_DATELINE) | ND_SYNC_FIELD_MASK (ND_SYNC_FIELD_BODY);
      if (mask & (ND_SYNC_FIELD_MASK (ND_SYNC_FIELD_STATUS) | ND_SYNC_FIELD_MASK (ND_SYNC_FIELD_DATE)))
        mask |= ND_SYNC_FIELD_MASK (ND_SYNC_FIELD_STATUS) | ND_SYNC_FIELD_MASK (ND_SYNC_FIELD_DATE);
      job->send_mask = mask;
      job->sending = nd_sync_fields_copy (job->mine);

      {
        g_autoptr(NdOutboxItem) open = nd_sync_store_outbox_find_open (self->sync_store, edition_id,
                                                                       job->creating ? ND_OUTBOX_CREATE : ND_OUTBOX_UPDATE,
                                                                       NULL);
        if (open != NULL)
          {
            if (open->next_attempt_at > g_get_real_time () / G_USEC_PER_SEC)
              {
                site_job_clear_edition (job);
                job->push_index++;
                continue;
              }
            job->op_id = open->id;
          }
      }

      if (job->creating)
        {
          push_edition_terms (task);
          return;
        }

      reread_post (task, sync->remote_id);
      return;
    }

  if (job->parked != NULL && job->parked->len > 0)
    {
      flush_parked (task);
      return;
    }

  _nd_sync_engine_log (self, ND_SYNC_LOG_INFO, nd_site_get_id (job->site), 0,
                       /* Translators: %s is a site's name */
                       _("Synced with %s"), nd_site_get_name (job->site));
  g_task_return_boolean (task, TRUE);
  g_object_unref (task);
}

/* Entry point ---------------------------------------------------------------- */

static void
discovered_cb (GObject      *object,
               GAsyncResult *result,
               gpointer      user_data)
{
  GTask *task = user_data;
  SiteJob *job = g_task_get_task_data (task);
  g_autoptr(GError) error = NULL;
  g_autoptr(NdWpSiteInfo) info = nd_remote_discover_finish (ND_REMOTE (object), result, &error);

  if (info == NULL)
    {
      if (site_stopped (&task, &error))
        return;
      /* What was known stays; the next session asks again. */
      g_debug ("The site's capabilities were not read: %s", error->message);
      recover_next (task);
      return;
    }

  g_object_set_data (object, "nd-discovered", GINT_TO_POINTER (TRUE));
  if (nd_site_get_has_batch (job->site) != info->has_batch ||
      nd_site_get_has_polylang (job->site) != info->has_polylang ||
      nd_site_get_has_plugin (job->site) != info->has_newsdesk_plugin)
    {
      g_autoptr(GError) update_error = NULL;

      nd_site_set_has_batch (job->site, info->has_batch);
      nd_site_set_has_polylang (job->site, info->has_polylang);
      nd_site_set_has_plugin (job->site, info->has_newsdesk_plugin);
      if (!nd_sync_store_update_site (job->self->sync_store, job->site, &update_error))
        g_warning ("The site's capabilities could not be kept: %s", update_error->message);
    }

  recover_next (task);
}

void
_nd_sync_engine_sync_site_async (NdSyncEngine        *self,
                                 NdSite              *site,
                                 NdRemote            *remote,
                                 GCancellable        *cancellable,
                                 GAsyncReadyCallback  callback,
                                 gpointer             user_data)
{
  GTask *task = g_task_new (self, cancellable, callback, user_data);
  SiteJob *job = g_new0 (SiteJob, 1);

  g_task_set_source_tag (task, _nd_sync_engine_sync_site_async);

  job->self = g_object_ref (self);
  job->site = g_object_ref (site);
  job->remote = g_object_ref (remote);
  job->langs = nd_sync_store_list_site_languages (self->sync_store, nd_site_get_id (site), NULL);
  job->unknown_tags = g_array_new (FALSE, FALSE, sizeof (gint64));
  job->unknown_cats = g_array_new (FALSE, FALSE, sizeof (gint64));
  g_task_set_task_data (task, job, (GDestroyNotify) site_job_free);

  if (job->langs == NULL || job->langs[0] == NULL)
    {
      g_task_return_boolean (task, TRUE);
      g_object_unref (task);
      return;
    }

  job->in_flight = nd_sync_store_outbox_list_in_flight (self->sync_store, NULL);
  if (job->in_flight == NULL)
    job->in_flight = g_ptr_array_new_with_free_func ((GDestroyNotify) nd_outbox_item_free);

  /* What the site offers (batch, Polylang, the plugin) may have changed
   * since it was added: it is asked once a session, when its remote is new. */
  if (g_object_get_data (G_OBJECT (remote), "nd-discovered") == NULL)
    {
      nd_remote_discover_async (remote, cancellable, discovered_cb, task);
      return;
    }

  recover_next (task);
}

gboolean
_nd_sync_engine_sync_site_finish (NdSyncEngine  *self,
                                  GAsyncResult  *result,
                                  GError       **error)
{
  g_return_val_if_fail (g_task_is_valid (result, self), FALSE);

  return g_task_propagate_boolean (G_TASK (result), error);
}
