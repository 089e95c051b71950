/* nd-story-store.h
 *
 * SPDX-License-Identifier: GPL-3.0-or-later
 */

#pragma once

#include <gio/gio.h>

#include "nd-contributor.h"
#include "nd-database.h"
#include "nd-edition.h"
#include "nd-language.h"
#include "nd-media.h"
#include "nd-revision.h"
#include "nd-schedule.h"
#include "nd-section.h"
#include "nd-story.h"
#include "nd-tag.h"

G_BEGIN_DECLS

/**
 * NdStoryFilter:
 * @lang: (nullable): only editions in this language count for @status,
 *   @needs_translation and @stale
 * @has_status: whether @status filters
 * @status: an edition status some edition must have
 * @section_id: a section, or 0 for any
 * @tag_id: a tag concept, or 0 for any
 * @needs_translation: some edition is wanted but not started
 * @stale: some translation lags behind its source
 * @trashed: list the trash instead of the desk
 * @scheduled_from: some edition (in @lang, if set) is scheduled at or after
 *   this time, seconds UTC; 0 leaves the start open
 * @scheduled_to: … and before this time, seconds UTC; 0 leaves the end open.
 *   With both 0 the schedule does not filter. "Scheduled today" is the day's
 *   midnight to the next midnight in the publication's zone.
 * @missed: some edition (in @lang, if set) is scheduled and its publish time
 *   has passed (nd_schedule_is_missed())
 *
 * Which stories a list shows. A zeroed filter shows every story on the desk.
 */
typedef struct
{
  const char      *lang;
  gboolean         has_status;
  NdEditionStatus  status;
  gint64           section_id;
  gint64           tag_id;
  gboolean         needs_translation;
  gboolean         stale;
  gboolean         trashed;
  gint64           scheduled_from;
  gint64           scheduled_to;
  gboolean         missed;
} NdStoryFilter;

/**
 * NdStoryRow:
 * @id: a story id
 * @updated_at: when it last changed; lists are ordered by it, newest first
 */
typedef struct
{
  gint64 id;
  gint64 updated_at;
} NdStoryRow;

/**
 * NdSearchHit:
 * @story_id: the story found
 * @edition_id: the edition that matched
 * @lang: the edition's language
 * @headline: the edition's headline
 * @snippet: the best passage, with each match between U+0002 and U+0003
 * @score: relevance, higher is better
 * @story: (nullable): the story's summary (see
 *   nd_story_store_load_story_summary()); set by nd_story_store_search_async()
 *   on the best hit of each story, %NULL on the others
 */
typedef struct
{
  gint64   story_id;
  gint64   edition_id;
  char    *lang;
  char    *headline;
  char    *snippet;
  double   score;
  NdStory *story;
} NdSearchHit;

#define ND_SEARCH_MARK_START "\002"
#define ND_SEARCH_MARK_END   "\003"

void nd_search_hit_free (NdSearchHit *hit);
G_DEFINE_AUTOPTR_CLEANUP_FUNC (NdSearchHit, nd_search_hit_free)

/**
 * NdStatusChange:
 * @edition_id: the edition that moved
 * @has_old_status: whether @old_status is known (the first row may lack it)
 * @old_status: the status it left
 * @new_status: the status it entered
 * @author: who moved it, or ""
 * @changed_at: when, microseconds since the epoch (g_get_real_time())
 */
typedef struct
{
  gint64           edition_id;
  gboolean         has_old_status;
  NdEditionStatus  old_status;
  NdEditionStatus  new_status;
  char            *author;
  gint64           changed_at;
} NdStatusChange;

void nd_status_change_free (NdStatusChange *change);
G_DEFINE_AUTOPTR_CLEANUP_FUNC (NdStatusChange, nd_status_change_free)

/**
 * NdScheduledItem:
 * @story_id: the story
 * @edition_id: the edition
 * @lang: the edition's language
 * @headline: the edition's headline
 * @status: scheduled or published
 * @publish_at: when it goes (or went) live, seconds UTC
 * @stale: the edition is a translation that lags behind its source
 * @missed: scheduled, due and not published (nd_schedule_is_missed())
 *
 * One edition on the editorial calendar.
 */
typedef struct
{
  gint64           story_id;
  gint64           edition_id;
  char            *lang;
  char            *headline;
  NdEditionStatus  status;
  gint64           publish_at;
  gboolean         stale;
  gboolean         missed;
} NdScheduledItem;

void nd_scheduled_item_free (NdScheduledItem *item);
G_DEFINE_AUTOPTR_CLEANUP_FUNC (NdScheduledItem, nd_scheduled_item_free)

#define ND_TYPE_STORY_STORE (nd_story_store_get_type ())

G_DECLARE_FINAL_TYPE (NdStoryStore, nd_story_store, ND, STORY_STORE, GObject)

NdStoryStore  *nd_story_store_new                 (NdDatabase           *database,
                                                   GError              **error);
NdDatabase    *nd_story_store_get_database        (NdStoryStore         *self);

/* The publication's vocabulary */
GListModel    *nd_story_store_get_languages       (NdStoryStore         *self);
NdLanguage    *nd_story_store_get_language        (NdStoryStore         *self,
                                                   const char           *code);
gboolean       nd_story_store_save_language       (NdStoryStore         *self,
                                                   NdLanguage           *language,
                                                   GError              **error);
GListModel    *nd_story_store_get_sections        (NdStoryStore         *self);
NdSection     *nd_story_store_get_section         (NdStoryStore         *self,
                                                   gint64                id);
NdSection     *nd_story_store_get_section_by_slug (NdStoryStore         *self,
                                                   const char           *slug);
gboolean       nd_story_store_save_section        (NdStoryStore         *self,
                                                   NdSection            *section,
                                                   GError              **error);
char          *nd_story_store_get_setting         (NdStoryStore         *self,
                                                   const char           *key);
gboolean       nd_story_store_set_setting         (NdStoryStore         *self,
                                                   const char           *key,
                                                   const char           *value,
                                                   GError              **error);
char          *nd_story_store_render_dateline     (NdStoryStore         *self,
                                                   NdEdition            *edition);

gboolean       nd_story_store_save_tag            (NdStoryStore         *self,
                                                   NdTag                *tag,
                                                   GError              **error);
NdTag         *nd_story_store_load_tag            (NdStoryStore         *self,
                                                   gint64                id,
                                                   GError              **error);
NdTag         *nd_story_store_find_tag_by_uuid    (NdStoryStore         *self,
                                                   const char           *uuid,
                                                   GError              **error);
GPtrArray     *nd_story_store_complete_tags       (NdStoryStore         *self,
                                                   const char           *typed,
                                                   guint                 limit,
                                                   GError              **error);
gboolean       nd_story_store_save_contributor    (NdStoryStore         *self,
                                                   NdContributor        *contributor,
                                                   GError              **error);
NdContributor *nd_story_store_load_contributor    (NdStoryStore         *self,
                                                   gint64                id,
                                                   GError              **error);
NdContributor *nd_story_store_find_contributor_by_uuid (NdStoryStore    *self,
                                                   const char           *uuid,
                                                   GError              **error);
GPtrArray     *nd_story_store_list_tags           (NdStoryStore         *self,
                                                   GError              **error);
GPtrArray     *nd_story_store_list_contributors   (NdStoryStore         *self,
                                                   GError              **error);
gboolean       nd_story_store_save_media          (NdStoryStore         *self,
                                                   NdMedia              *media,
                                                   GError              **error);
NdMedia       *nd_story_store_load_media          (NdStoryStore         *self,
                                                   gint64                id,
                                                   GError              **error);
NdMedia       *nd_story_store_find_media_by_uuid  (NdStoryStore         *self,
                                                   const char           *uuid,
                                                   GError              **error);

/* Stories and editions */
NdStory       *nd_story_store_create_story        (NdStoryStore         *self,
                                                   const char           *source_lang,
                                                   GError              **error);
NdStory       *nd_story_store_load_story          (NdStoryStore         *self,
                                                   gint64                id,
                                                   GError              **error);
NdStory       *nd_story_store_load_story_summary  (NdStoryStore         *self,
                                                   gint64                id,
                                                   GError              **error);
gint64         nd_story_store_find_story_by_uuid  (NdStoryStore         *self,
                                                   const char           *uuid,
                                                   GError              **error);
gboolean       nd_story_store_save_story          (NdStoryStore         *self,
                                                   NdStory              *story,
                                                   GError              **error);
NdEdition     *nd_story_store_add_edition         (NdStoryStore         *self,
                                                   gint64                story_id,
                                                   const char           *lang,
                                                   GError              **error);
NdEdition     *nd_story_store_load_edition        (NdStoryStore         *self,
                                                   gint64                story_id,
                                                   const char           *lang,
                                                   GError              **error);
NdEdition     *nd_story_store_load_edition_by_id  (NdStoryStore         *self,
                                                   gint64                edition_id,
                                                   GError              **error);
gboolean       nd_story_store_save_edition        (NdStoryStore         *self,
                                                   NdEdition            *edition,
                                                   GError              **error);
gboolean       nd_story_store_set_edition_status  (NdStoryStore         *self,
                                                   NdEdition            *edition,
                                                   NdEditionStatus       status,
                                                   const char           *author,
                                                   GError              **error);
gboolean       nd_story_store_set_publish_at      (NdStoryStore         *self,
                                                   NdEdition            *edition,
                                                   gint64                publish_at,
                                                   GError              **error);
gboolean       nd_story_store_take_remote_status  (NdStoryStore         *self,
                                                   NdEdition            *edition,
                                                   NdEditionStatus       status,
                                                   gint64                publish_at,
                                                   const char           *author,
                                                   GError              **error);
gboolean       nd_story_store_mark_translated     (NdStoryStore         *self,
                                                   NdEdition            *translation,
                                                   GError              **error);
gboolean       nd_story_store_trash_story         (NdStoryStore         *self,
                                                   gint64                story_id,
                                                   GError              **error);
gboolean       nd_story_store_restore_story       (NdStoryStore         *self,
                                                   gint64                story_id,
                                                   GError              **error);
gboolean       nd_story_store_empty_trash         (NdStoryStore         *self,
                                                   guint                *n_deleted,
                                                   GError              **error);

/* History */
GPtrArray     *nd_story_store_list_revisions      (NdStoryStore         *self,
                                                   gint64                edition_id,
                                                   GError              **error);
NdRevision    *nd_story_store_load_revision       (NdStoryStore         *self,
                                                   gint64                edition_id,
                                                   gint64                revision,
                                                   GError              **error);
gboolean       nd_story_store_restore_revision    (NdStoryStore         *self,
                                                   NdEdition            *edition,
                                                   NdRevision           *revision,
                                                   GError              **error);

/* Lists and search */
GArray        *nd_story_store_query_story_ids     (NdStoryStore         *self,
                                                   const NdStoryFilter  *filter,
                                                   guint                 limit,
                                                   GError              **error);
GArray        *nd_story_store_query_story_rows    (NdStoryStore         *self,
                                                   const NdStoryFilter  *filter,
                                                   guint                 limit,
                                                   gint64                only_story_id,
                                                   GError              **error);
GArray        *nd_story_store_query_story_rows_after (NdStoryStore         *self,
                                                     const NdStoryFilter  *filter,
                                                     const NdStoryRow     *after,
                                                     guint                 limit,
                                                     GError              **error);
guint          nd_story_store_count_stories       (NdStoryStore         *self,
                                                   GError              **error);
GPtrArray     *nd_story_store_search              (NdStoryStore         *self,
                                                   const char           *typed,
                                                   const char           *lang,
                                                   guint                 limit,
                                                   GError              **error);
void           nd_story_store_query_story_rows_after_async  (NdStoryStore        *self,
                                                            const NdStoryFilter *filter,
                                                            const NdStoryRow    *after,
                                                            guint                part,
                                                            GCancellable        *cancellable,
                                                            GAsyncReadyCallback  callback,
                                                            gpointer             user_data);
GArray        *nd_story_store_query_story_rows_after_finish (NdStoryStore        *self,
                                                            GAsyncResult        *result,
                                                            GError             **error);
void           nd_story_store_search_async        (NdStoryStore         *self,
                                                   const char           *typed,
                                                   const char           *lang,
                                                   guint                 limit,
                                                   GCancellable         *cancellable,
                                                   GAsyncReadyCallback   callback,
                                                   gpointer              user_data);
GPtrArray     *nd_story_store_search_finish       (NdStoryStore         *self,
                                                   GAsyncResult         *result,
                                                   GError              **error);

/* Workflow and schedule */
GPtrArray     *nd_story_store_check_move          (NdStoryStore         *self,
                                                   NdEdition            *edition,
                                                   NdEditionStatus       status,
                                                   GError              **error);
gboolean       nd_story_store_move_edition        (NdStoryStore         *self,
                                                   NdEdition            *edition,
                                                   NdEditionStatus       status,
                                                   const char           *author,
                                                   gboolean              confirmed,
                                                   GError              **error);
GPtrArray     *nd_story_store_list_status_changes (NdStoryStore         *self,
                                                   gint64                edition_id,
                                                   GError              **error);
GTimeZone     *nd_story_store_get_time_zone       (NdStoryStore         *self);
gboolean       nd_story_store_schedule_edition    (NdStoryStore         *self,
                                                   NdEdition            *edition,
                                                   gint64                publish_at,
                                                   const char           *author,
                                                   gboolean              confirmed,
                                                   GError              **error);
gboolean       nd_story_store_schedule_story      (NdStoryStore         *self,
                                                   gint64                story_id,
                                                   gint64                base_utc,
                                                   const NdScheduleOffset *offsets,
                                                   guint                 n_offsets,
                                                   const char           *author,
                                                   gboolean              confirmed,
                                                   GError              **error);
gboolean       nd_story_store_unschedule_edition  (NdStoryStore         *self,
                                                   NdEdition            *edition,
                                                   const char           *author,
                                                   GError              **error);
GPtrArray     *nd_story_store_list_scheduled      (NdStoryStore         *self,
                                                   gint64                from_utc,
                                                   gint64                to_utc,
                                                   GError              **error);
void           nd_story_store_list_scheduled_async (NdStoryStore        *self,
                                                    gint64               from_utc,
                                                    gint64               to_utc,
                                                    GCancellable        *cancellable,
                                                    GAsyncReadyCallback  callback,
                                                    gpointer             user_data);
GPtrArray     *nd_story_store_list_scheduled_finish (NdStoryStore       *self,
                                                     GAsyncResult       *result,
                                                     GError            **error);

gboolean       nd_story_store_merge_search_index  (NdStoryStore         *self,
                                                   int                   pages,
                                                   gboolean             *more,
                                                   GError              **error);

void           _nd_story_store_set_revision_windows (NdStoryStore   *self,
                                                   gint64                pause_usec,
                                                   gint64                burst_usec);
void           _nd_story_store_emit_reset         (NdStoryStore         *self);

G_END_DECLS
