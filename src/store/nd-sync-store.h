/* nd-sync-store.h
 *
 * SPDX-License-Identifier: GPL-3.0-or-later
 */

#pragma once

#include <gio/gio.h>

#include "nd-database.h"
#include "nd-site.h"

G_BEGIN_DECLS

/**
 * ND_SYNC_LOG_MAX_ROWS:
 *
 * How many entries the sync log keeps; older ones are dropped as new ones
 * are appended.
 */
#define ND_SYNC_LOG_MAX_ROWS 5000

/**
 * NdEditionSyncState:
 * @ND_EDITION_SYNC_LOCAL: never sent; the edition exists only here
 * @ND_EDITION_SYNC_PENDING: changed here since the last sync, to be sent
 * @ND_EDITION_SYNC_SYNCED: the same here and on the server, as far as known
 * @ND_EDITION_SYNC_CONFLICT: both sides changed the same thing; open
 *   conflicts wait for the editor
 * @ND_EDITION_SYNC_ERROR: the last attempt failed; see the last error
 *
 * Where an edition stands with its site. Stored as the strings 'local',
 * 'pending', 'synced', 'conflict' and 'error'. Editions without a row in
 * the sync tables are %ND_EDITION_SYNC_LOCAL.
 *
 * Triggers of the schema turn a synced edition pending whenever one of its
 * synced fields changes (text, slug, status, publish time, and the story's
 * tags, section and featured image), whoever writes it.
 */
typedef enum
{
  ND_EDITION_SYNC_LOCAL,
  ND_EDITION_SYNC_PENDING,
  ND_EDITION_SYNC_SYNCED,
  ND_EDITION_SYNC_CONFLICT,
  ND_EDITION_SYNC_ERROR,
} NdEditionSyncState;

/**
 * NdOutboxOp:
 * @ND_OUTBOX_CREATE: create the post of an edition
 * @ND_OUTBOX_UPDATE: send changed fields of an edition's post
 * @ND_OUTBOX_DELETE: trash or delete an edition's post
 * @ND_OUTBOX_MEDIA: upload an image or update its texts
 *
 * What an outbox entry asks the server to do.
 */
typedef enum
{
  ND_OUTBOX_CREATE,
  ND_OUTBOX_UPDATE,
  ND_OUTBOX_DELETE,
  ND_OUTBOX_MEDIA,
} NdOutboxOp;

/**
 * NdOutboxState:
 * @ND_OUTBOX_QUEUED: written, not sent yet
 * @ND_OUTBOX_IN_FLIGHT: sent, no answer recorded; after a crash this means
 *   the answer may have been lost and the server may have done it
 * @ND_OUTBOX_DONE: the server did it
 * @ND_OUTBOX_FAILED: the last attempt failed; retried at its next attempt
 *   time, or never when it has none
 *
 * Where an outbox entry stands.
 */
typedef enum
{
  ND_OUTBOX_QUEUED,
  ND_OUTBOX_IN_FLIGHT,
  ND_OUTBOX_DONE,
  ND_OUTBOX_FAILED,
} NdOutboxState;

/**
 * NdTermKind:
 * @ND_TERM_TAG: a WordPress tag, mapped to a tag concept (tags.id)
 * @ND_TERM_CATEGORY: a WordPress category, mapped to a section (sections.id)
 *
 * The kinds of WordPress terms Newsdesk maps.
 */
typedef enum
{
  ND_TERM_TAG,
  ND_TERM_CATEGORY,
} NdTermKind;

/**
 * NdSyncLogLevel:
 * @ND_SYNC_LOG_INFO: something worked
 * @ND_SYNC_LOG_WARNING: something needs a look but nothing is lost
 * @ND_SYNC_LOG_ERROR: something failed
 *
 * How serious a sync log entry is.
 */
typedef enum
{
  ND_SYNC_LOG_INFO,
  ND_SYNC_LOG_WARNING,
  ND_SYNC_LOG_ERROR,
} NdSyncLogLevel;

/**
 * NdEditionSync:
 * @edition_id: the edition
 * @story_id: its story
 * @lang: its language
 * @site_id: the site its post lives on, or 0
 * @remote_id: the post's id on that site, or 0 before it was created
 * @uuid: (nullable): the edition's client uuid (written into the post as
 *   `newsdesk_uuid` and as a `<!-- newsdesk:UUID -->` marker), %NULL until
 *   nd_sync_store_ensure_edition_uuid() made it
 * @base_json: (nullable): the synced fields as last agreed with the server,
 *   JSON as nd_sync_fields_to_json() writes it (the store does not look
 *   inside), or %NULL before the first sync
 * @base_modified_gmt: (nullable): the post's `modified_gmt` at that time
 * @synced_revision: the edition revision @base_json corresponds to, or -1
 * @state: where the edition stands
 * @last_error: (nullable): why the last attempt failed, for the editor
 * @synced_at: when it was last synced, microseconds since the epoch, or 0
 * @changes: a counter of writes to the edition's synced fields (text, slug,
 *   status, publish time, the story's tags, section, featured image and
 *   trashing), moved by triggers whoever writes; compare it to tell whether
 *   the edition changed while a request was in flight
 *
 * What the store knows about one edition's post.
 */
typedef struct
{
  gint64              edition_id;
  gint64              story_id;
  char               *lang;
  gint64              site_id;
  gint64              remote_id;
  char               *uuid;
  char               *base_json;
  char               *base_modified_gmt;
  gint64              synced_revision;
  NdEditionSyncState  state;
  char               *last_error;
  gint64              synced_at;
  gint64              changes;
} NdEditionSync;

void nd_edition_sync_free (NdEditionSync *sync);
G_DEFINE_AUTOPTR_CLEANUP_FUNC (NdEditionSync, nd_edition_sync_free)

/**
 * NdOutboxItem:
 * @id: the entry's id
 * @uuid: a client uuid made when the entry was written, unique to it
 * @edition_id: the edition it concerns, or 0 (media)
 * @site_id: the site it goes to
 * @op: what it asks
 * @payload_json: (nullable): what the engine wrote to send, JSON
 * @state: where it stands
 * @attempts: how many attempts failed
 * @next_attempt_at: when it may be tried again, microseconds since the
 *   epoch; 0 means at once for a queued entry and never for a failed one
 * @last_error: (nullable): why the last attempt failed
 * @created_at: when it was written, microseconds since the epoch
 * @done_at: when the server did it, or 0
 *
 * One durable operation of the outbox.
 */
typedef struct
{
  gint64         id;
  char          *uuid;
  gint64         edition_id;
  gint64         site_id;
  NdOutboxOp     op;
  char          *payload_json;
  NdOutboxState  state;
  int            attempts;
  gint64         next_attempt_at;
  char          *last_error;
  gint64         created_at;
  gint64         done_at;
} NdOutboxItem;

void nd_outbox_item_free (NdOutboxItem *item);
G_DEFINE_AUTOPTR_CLEANUP_FUNC (NdOutboxItem, nd_outbox_item_free)

/**
 * NdSyncLogEntry:
 * @id: the entry's id, growing with time
 * @at: when, microseconds since the epoch
 * @site_id: the site concerned, or 0
 * @story_id: the story concerned, or 0
 * @edition_id: the edition concerned, or 0
 * @level: how serious it is
 * @message: what happened, in plain words, translated when written
 *
 * One line of the sync log the editor reads.
 */
typedef struct
{
  gint64          id;
  gint64          at;
  gint64          site_id;
  gint64          story_id;
  gint64          edition_id;
  NdSyncLogLevel  level;
  char           *message;
} NdSyncLogEntry;

void nd_sync_log_entry_free (NdSyncLogEntry *entry);
G_DEFINE_AUTOPTR_CLEANUP_FUNC (NdSyncLogEntry, nd_sync_log_entry_free)

/**
 * NdConflict:
 * @id: the conflict's id
 * @edition_id: the edition
 * @story_id: its story
 * @field: the field both sides changed, by its name: 'headline',
 *   'standfirst', 'dateline', 'body', 'slug', 'tags', 'section', 'status'
 *   or 'date' (nd_sync_field_to_string() of the sync library)
 * @paragraph: for the body, the index of the paragraph in the merged body
 *   where the local version stands (or would stand, when it was deleted
 *   here); -1 for other fields and for a whole-body conflict
 * @base: (nullable): the value as last synced, %NULL when there was none
 * @mine: the local value
 * @theirs: the server's value
 * @created_at: when it was found, microseconds since the epoch
 * @resolved_at: when the editor resolved it, or 0 while open
 *
 * A change made on both sides that Newsdesk did not merge. Values are text
 * in the form of nd_sync_fields_get_text() of the sync library (tags as
 * comma-separated tag ids, the section as its id, the date in ISO 8601 UTC,
 * "" for none); body hunks hold whole paragraphs.
 */
typedef struct
{
  gint64       id;
  gint64       edition_id;
  gint64       story_id;
  char        *field;
  int          paragraph;
  char        *base;
  char        *mine;
  char        *theirs;
  gint64       created_at;
  gint64       resolved_at;
} NdConflict;

void nd_conflict_free (NdConflict *conflict);
G_DEFINE_AUTOPTR_CLEANUP_FUNC (NdConflict, nd_conflict_free)

/**
 * NdSyncStore:
 *
 * What sync knows, kept in the same #NdDatabase as the stories: sites and
 * which language each serves, each edition's post (remote id, client uuid,
 * base, state), the durable outbox, the maps of remote term and media ids,
 * pull cursors, the log and the conflicts.
 *
 * Conventions of its API: ids are positive; a lookup that finds nothing
 * returns 0 (or %NULL) without setting @error, and a failure of the
 * database returns 0 (or %NULL) with @error set. Times are microseconds
 * since the epoch (g_get_real_time()), except `modified_gmt` strings, which
 * are WordPress's. Every write is one transaction (a savepoint when the
 * caller holds one: nd_database_begin() nests), and its signals are emitted
 * once the outermost transaction committed (the store sets the connection's
 * sqlite3_rollback_hook() to drop the signals of writes a caller's
 * rollback undid):
 *
 * - #NdSyncStore::site-changed (site id, 0 for several) after sites or the
 *   language map changed;
 * - #NdSyncStore::edition-sync-changed (edition id) after an edition's
 *   remote id, base or state changed;
 * - #NdSyncStore::outbox-changed after entries were added or changed state;
 * - #NdSyncStore::log-appended (log entry id);
 * - #NdSyncStore::conflicts-changed (edition id) after conflicts were added
 *   or resolved.
 */
#define ND_TYPE_SYNC_STORE (nd_sync_store_get_type ())

G_DECLARE_FINAL_TYPE (NdSyncStore, nd_sync_store, ND, SYNC_STORE, GObject)

NdSyncStore        *nd_sync_store_new                      (NdDatabase          *database);
NdDatabase         *nd_sync_store_get_database             (NdSyncStore         *self);

/* Sites and the language → site map */
gboolean            nd_sync_store_add_site                 (NdSyncStore         *self,
                                                            NdSite              *site,
                                                            GError             **error);
gboolean            nd_sync_store_update_site              (NdSyncStore         *self,
                                                            NdSite              *site,
                                                            GError             **error);
gboolean            nd_sync_store_remove_site              (NdSyncStore         *self,
                                                            gint64               site_id,
                                                            GError             **error);
GPtrArray          *nd_sync_store_list_sites               (NdSyncStore         *self,
                                                            GError             **error);
NdSite             *nd_sync_store_get_site                 (NdSyncStore         *self,
                                                            gint64               site_id,
                                                            GError             **error);
NdSite             *nd_sync_store_find_site_by_url         (NdSyncStore         *self,
                                                            const char          *url,
                                                            GError             **error);
gboolean            nd_sync_store_set_language_site        (NdSyncStore         *self,
                                                            const char          *lang,
                                                            gint64               site_id,
                                                            GError             **error);
gint64              nd_sync_store_get_language_site        (NdSyncStore         *self,
                                                            const char          *lang,
                                                            GError             **error);
GStrv               nd_sync_store_list_site_languages      (NdSyncStore         *self,
                                                            gint64               site_id,
                                                            GError             **error);

/* Editions */
char               *nd_sync_store_ensure_edition_uuid      (NdSyncStore         *self,
                                                            gint64               edition_id,
                                                            GError             **error);
gboolean            nd_sync_store_adopt_edition            (NdSyncStore         *self,
                                                            gint64               edition_id,
                                                            gint64               site_id,
                                                            gint64               remote_id,
                                                            const char          *uuid,
                                                            GError             **error);
NdEditionSync      *nd_sync_store_get_edition_sync         (NdSyncStore         *self,
                                                            gint64               edition_id,
                                                            GError             **error);
gboolean            nd_sync_store_set_remote_id            (NdSyncStore         *self,
                                                            gint64               edition_id,
                                                            gint64               site_id,
                                                            gint64               remote_id,
                                                            GError             **error);
gint64              nd_sync_store_get_remote_id            (NdSyncStore         *self,
                                                            gint64               edition_id,
                                                            GError             **error);
gboolean            nd_sync_store_set_base                 (NdSyncStore         *self,
                                                            gint64               edition_id,
                                                            const char          *base_json,
                                                            const char          *modified_gmt,
                                                            gint64               synced_revision,
                                                            GError             **error);
gboolean            nd_sync_store_set_base_seen            (NdSyncStore         *self,
                                                            gint64               edition_id,
                                                            const char          *base_json,
                                                            const char          *modified_gmt,
                                                            gint64               synced_revision,
                                                            gint64               changes_seen,
                                                            GError             **error);
char               *nd_sync_store_get_base                 (NdSyncStore         *self,
                                                            gint64               edition_id,
                                                            char               **modified_gmt,
                                                            GError             **error);
gboolean            nd_sync_store_set_edition_state        (NdSyncStore         *self,
                                                            gint64               edition_id,
                                                            NdEditionSyncState   state,
                                                            const char          *last_error,
                                                            GError             **error);
NdEditionSyncState  nd_sync_store_get_edition_state        (NdSyncStore         *self,
                                                            gint64               edition_id);
NdEditionSyncState  nd_sync_store_get_story_state          (NdSyncStore         *self,
                                                            gint64               story_id);
gint64              nd_sync_store_find_edition_by_remote   (NdSyncStore         *self,
                                                            gint64               site_id,
                                                            gint64               remote_id,
                                                            GError             **error);
gint64              nd_sync_store_find_edition_by_uuid     (NdSyncStore         *self,
                                                            const char          *uuid,
                                                            GError             **error);
GArray             *nd_sync_store_list_editions_to_push    (NdSyncStore         *self,
                                                            gint64               site_id,
                                                            GError             **error);
GArray             *nd_sync_store_list_remote_ids          (NdSyncStore         *self,
                                                            gint64               site_id,
                                                            GError             **error);
GArray             *nd_sync_store_list_tombstones          (NdSyncStore         *self,
                                                            gint64               site_id,
                                                            GError             **error);
gboolean            nd_sync_store_remove_tombstone         (NdSyncStore         *self,
                                                            gint64               site_id,
                                                            gint64               remote_id,
                                                            GError             **error);
gboolean            nd_sync_store_forget_remote            (NdSyncStore         *self,
                                                            gint64               edition_id,
                                                            GError             **error);

/* The outbox */
gint64              nd_sync_store_outbox_add               (NdSyncStore         *self,
                                                            gint64               edition_id,
                                                            gint64               site_id,
                                                            NdOutboxOp           op,
                                                            const char          *payload_json,
                                                            char               **uuid,
                                                            GError             **error);
NdOutboxItem       *nd_sync_store_outbox_get               (NdSyncStore         *self,
                                                            gint64               id,
                                                            GError             **error);
NdOutboxItem       *nd_sync_store_outbox_find_open         (NdSyncStore         *self,
                                                            gint64               edition_id,
                                                            NdOutboxOp           op,
                                                            GError             **error);
gboolean            nd_sync_store_outbox_mark_in_flight    (NdSyncStore         *self,
                                                            gint64               id,
                                                            GError             **error);
gboolean            nd_sync_store_outbox_mark_done         (NdSyncStore         *self,
                                                            gint64               id,
                                                            GError             **error);
gboolean            nd_sync_store_outbox_mark_failed       (NdSyncStore         *self,
                                                            gint64               id,
                                                            gint64               next_attempt_at,
                                                            const char          *last_error,
                                                            GError             **error);
gboolean            nd_sync_store_outbox_requeue           (NdSyncStore         *self,
                                                            gint64               id,
                                                            gint64               next_attempt_at,
                                                            GError             **error);
gboolean            nd_sync_store_outbox_set_payload       (NdSyncStore         *self,
                                                            gint64               id,
                                                            const char          *payload_json,
                                                            GError             **error);
GPtrArray          *nd_sync_store_outbox_list_due          (NdSyncStore         *self,
                                                            gint64               site_id,
                                                            gint64               now,
                                                            guint                limit,
                                                            GError             **error);
GPtrArray          *nd_sync_store_outbox_list_in_flight    (NdSyncStore         *self,
                                                            GError             **error);
gint64              nd_sync_store_outbox_next_attempt_at   (NdSyncStore         *self,
                                                            gint64               site_id);
guint               nd_sync_store_outbox_pending_count     (NdSyncStore         *self,
                                                            gint64               site_id);
gboolean            nd_sync_store_outbox_purge_done        (NdSyncStore         *self,
                                                            gint64               older_than,
                                                            GError             **error);

/* Remote term and media ids */
gboolean            nd_sync_store_set_remote_term          (NdSyncStore         *self,
                                                            gint64               site_id,
                                                            NdTermKind           kind,
                                                            gint64               remote_id,
                                                            gint64               local_id,
                                                            const char          *name,
                                                            GError             **error);
gint64              nd_sync_store_get_remote_term          (NdSyncStore         *self,
                                                            gint64               site_id,
                                                            NdTermKind           kind,
                                                            gint64               local_id,
                                                            GError             **error);
gint64              nd_sync_store_get_local_term           (NdSyncStore         *self,
                                                            gint64               site_id,
                                                            NdTermKind           kind,
                                                            gint64               remote_id,
                                                            GError             **error);
gboolean            nd_sync_store_set_remote_media         (NdSyncStore         *self,
                                                            gint64               site_id,
                                                            gint64               media_id,
                                                            gint64               remote_id,
                                                            GError             **error);
gint64              nd_sync_store_get_remote_media         (NdSyncStore         *self,
                                                            gint64               site_id,
                                                            gint64               media_id,
                                                            GError             **error);
gint64              nd_sync_store_get_local_media          (NdSyncStore         *self,
                                                            gint64               site_id,
                                                            gint64               remote_id,
                                                            GError             **error);

/* Pull cursors */
gboolean            nd_sync_store_get_cursor               (NdSyncStore         *self,
                                                            gint64               site_id,
                                                            char               **modified_after,
                                                            gint64              *last_reconcile_at,
                                                            GError             **error);
gboolean            nd_sync_store_set_cursor               (NdSyncStore         *self,
                                                            gint64               site_id,
                                                            const char          *modified_after,
                                                            GError             **error);
gboolean            nd_sync_store_set_reconciled           (NdSyncStore         *self,
                                                            gint64               site_id,
                                                            gint64               at,
                                                            GError             **error);

/* The log */
gint64              nd_sync_store_append_log               (NdSyncStore         *self,
                                                            NdSyncLogLevel       level,
                                                            gint64               site_id,
                                                            gint64               edition_id,
                                                            const char          *message,
                                                            GError             **error);
GPtrArray          *nd_sync_store_list_log                 (NdSyncStore         *self,
                                                            gint64               story_id,
                                                            guint                limit,
                                                            GError             **error);

/* Conflicts */
gint64              nd_sync_store_add_conflict             (NdSyncStore         *self,
                                                            gint64               edition_id,
                                                            const char          *field,
                                                            int                  paragraph,
                                                            const char          *base,
                                                            const char          *mine,
                                                            const char          *theirs,
                                                            GError             **error);
NdConflict         *nd_sync_store_get_conflict             (NdSyncStore         *self,
                                                            gint64               conflict_id,
                                                            GError             **error);
GPtrArray          *nd_sync_store_list_conflicts           (NdSyncStore         *self,
                                                            gint64               edition_id,
                                                            GError             **error);
GPtrArray          *nd_sync_store_list_story_conflicts     (NdSyncStore         *self,
                                                            gint64               story_id,
                                                            GError             **error);
gboolean            nd_sync_store_resolve_conflict         (NdSyncStore         *self,
                                                            gint64               conflict_id,
                                                            GError             **error);
guint               nd_sync_store_count_open_conflicts     (NdSyncStore         *self,
                                                            gint64               story_id);

G_END_DECLS
