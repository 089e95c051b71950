/* nd-sync-engine.h
 *
 * SPDX-License-Identifier: GPL-3.0-or-later
 */

#pragma once

#include <gio/gio.h>

#include "nd-remote.h"
#include "nd-story-store.h"
#include "nd-sync-store.h"

G_BEGIN_DECLS

/**
 * NdSyncState:
 * @ND_SYNC_STATE_NOT_CONFIGURED: no language is mapped to a site yet
 * @ND_SYNC_STATE_IDLE: everything known has been sent and received
 * @ND_SYNC_STATE_SYNCING: a pass is running
 * @ND_SYNC_STATE_OFFLINE: the network is down; work waits in the outbox
 * @ND_SYNC_STATE_ERROR: the last pass failed for a reason the editor must see
 *   (a wrong password, a site that is not WordPress, a refused certificate)
 *
 * What the sync indicator shows. Conflicts are counted separately
 * (#NdSyncEngine:conflicts): a pass that found conflicts still ends idle.
 */
typedef enum
{
  ND_SYNC_STATE_NOT_CONFIGURED,
  ND_SYNC_STATE_IDLE,
  ND_SYNC_STATE_SYNCING,
  ND_SYNC_STATE_OFFLINE,
  ND_SYNC_STATE_ERROR,
} NdSyncState;

/**
 * NdConflictChoice:
 * @ND_CONFLICT_CHOICE_MINE: keep the local value and send it
 * @ND_CONFLICT_CHOICE_THEIRS: take the server's value
 * @ND_CONFLICT_CHOICE_EDITED: take a value the editor wrote from both
 */
typedef enum
{
  ND_CONFLICT_CHOICE_MINE,
  ND_CONFLICT_CHOICE_THEIRS,
  ND_CONFLICT_CHOICE_EDITED,
} NdConflictChoice;

/**
 * NdRemoteFactory:
 * @site: the site to talk to
 * @password: its application password, from the keyring
 * @user_data: the factory's data
 * @error: where a refused site (bad URL, plain http to a remote host) is told
 *
 * Makes the #NdRemote for a site. The application uses
 * nd_wordpress_remote_new(); a test may wrap it to change timeouts.
 *
 * Returns: (transfer full): the remote, or %NULL with @error set
 */
typedef NdRemote *(*NdRemoteFactory) (NdSite      *site,
                                      const char  *password,
                                      gpointer     user_data,
                                      GError     **error);

#define ND_TYPE_SYNC_ENGINE (nd_sync_engine_get_type ())

G_DECLARE_FINAL_TYPE (NdSyncEngine, nd_sync_engine, ND, SYNC_ENGINE, GObject)

NdSyncEngine  *nd_sync_engine_new                 (NdStoryStore        *stories,
                                                   NdSyncStore         *sync_store);
void           nd_sync_engine_set_remote_factory  (NdSyncEngine        *self,
                                                   NdRemoteFactory      factory,
                                                   gpointer             user_data,
                                                   GDestroyNotify       destroy);

NdSyncState    nd_sync_engine_get_state           (NdSyncEngine        *self);
guint          nd_sync_engine_get_pending         (NdSyncEngine        *self);
guint          nd_sync_engine_get_conflicts       (NdSyncEngine        *self);
const char    *nd_sync_engine_get_last_error      (NdSyncEngine        *self);
gint64         nd_sync_engine_get_last_synced_at  (NdSyncEngine        *self);

void           nd_sync_engine_start               (NdSyncEngine        *self);
void           nd_sync_engine_stop                (NdSyncEngine        *self);

void           nd_sync_engine_sync_async          (NdSyncEngine        *self,
                                                   GCancellable        *cancellable,
                                                   GAsyncReadyCallback  callback,
                                                   gpointer             user_data);
gboolean       nd_sync_engine_sync_finish         (NdSyncEngine        *self,
                                                   GAsyncResult        *result,
                                                   GError             **error);

gboolean       nd_sync_engine_resolve_conflict    (NdSyncEngine        *self,
                                                   gint64               conflict_id,
                                                   NdConflictChoice     choice,
                                                   const char          *edited,
                                                   GError             **error);

G_END_DECLS
