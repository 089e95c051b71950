/* nd-sync-engine-private.h
 *
 * SPDX-License-Identifier: GPL-3.0-or-later
 */

#pragma once

#include "nd-sync-engine.h"
#include "nd-sync-fields.h"
#include "nd-wp-post.h"

G_BEGIN_DECLS

/*
 * The engine is one class over three files: nd-sync-engine.c (state, passes,
 * scheduling, retries), nd-sync-engine-local.c (reading and writing the
 * editions through the story store: the "mine" side) and
 * nd-sync-engine-remote.c (the per-site steps: recover, pull, push).
 */

struct _NdSyncEngine
{
  GObject             parent_instance;

  NdStoryStore       *stories;
  NdSyncStore        *sync_store;

  NdRemoteFactory     factory;
  gpointer            factory_data;
  GDestroyNotify      factory_destroy;

  GNetworkMonitor    *monitor;
  GCancellable       *cancellable;
  GTask              *running;
  GPtrArray          *waiting;       /* GTask: callers of sync_async queued behind the running pass */
  gboolean            again;         /* a change arrived during the pass: run another */
  guint               timer_id;
  guint               debounce_id;
  gboolean            started;

  NdSyncState         state;
  guint               pending;
  guint               conflicts;
  char               *last_error;
  gint64              last_synced_at;

  /* Tests shorten these; see _nd_sync_engine_set_timing(). */
  guint               interval_seconds;
  guint               debounce_ms;
  double              backoff_base_seconds;
  double              backoff_cap_seconds;
  gint64              overlap_seconds;

  GHashTable         *remotes;          /* site id (string) → NdRemote */
  GHashTable         *missed_reported;  /* edition ids reported as missed this session */
};

/* nd-sync-engine-local.c */
NdSyncFields *_nd_sync_engine_mine            (NdSyncEngine   *self,
                                               NdEdition      *edition,
                                               NdStory        *story);
gboolean      _nd_sync_engine_apply           (NdSyncEngine   *self,
                                               gint64          edition_id,
                                               const NdSyncFields *fields,
                                               guint           mask,
                                               GError        **error);
char         *_nd_sync_engine_city_from_dateline (NdSyncEngine *self,
                                               const char     *lang,
                                               const char     *dateline,
                                               const char     *base_city,
                                               const char     *mine_city);
char         *_nd_sync_engine_render_dateline (NdSyncEngine   *self,
                                               const char     *lang,
                                               const char     *city);
GStrv         _nd_sync_engine_bylines         (NdSyncEngine   *self,
                                               NdStory        *story,
                                               const char     *lang);
char         *_nd_sync_engine_term_name       (NdSyncEngine   *self,
                                               gboolean        is_tag,
                                               gint64          local_id,
                                               const char     *lang);
gint64        _nd_sync_engine_local_term      (NdSyncEngine   *self,
                                               gboolean        is_tag,
                                               const char     *name,
                                               const char     *slug,
                                               const char     *lang,
                                               GError        **error);
void          _nd_sync_engine_log             (NdSyncEngine   *self,
                                               NdSyncLogLevel  level,
                                               gint64          site_id,
                                               gint64          edition_id,
                                               const char     *format,
                                               ...) G_GNUC_PRINTF (5, 6);
void          _nd_sync_engine_report_missed   (NdSyncEngine   *self,
                                               gint64          site_id,
                                               gint64          edition_id,
                                               const char     *headline);
gboolean      _nd_sync_engine_record_conflicts (NdSyncEngine  *self,
                                               gint64          edition_id,
                                               GPtrArray      *conflicts,
                                               GError        **error);

/* nd-sync-engine-remote.c */
void          _nd_sync_engine_sync_site_async (NdSyncEngine   *self,
                                               NdSite         *site,
                                               NdRemote       *remote,
                                               GCancellable   *cancellable,
                                               GAsyncReadyCallback callback,
                                               gpointer        user_data);
gboolean      _nd_sync_engine_sync_site_finish (NdSyncEngine  *self,
                                               GAsyncResult   *result,
                                               GError        **error);

/* nd-sync-engine.c */
gint64        _nd_sync_engine_backoff         (NdSyncEngine   *self,
                                               int             attempts,
                                               const GError   *error);
void          _nd_sync_engine_update_counts   (NdSyncEngine   *self);

/* For tests: seconds between passes, the pause after a change before a pass,
 * the first retry delay and the longest, and the pull cursor's overlap. */
void          _nd_sync_engine_set_timing      (NdSyncEngine   *self,
                                               guint           interval_seconds,
                                               guint           debounce_ms,
                                               double          backoff_base_seconds,
                                               double          backoff_cap_seconds,
                                               gint64          overlap_seconds);

G_END_DECLS
