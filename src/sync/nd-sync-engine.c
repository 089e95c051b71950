/* nd-sync-engine.c
 *
 * SPDX-License-Identifier: GPL-3.0-or-later
 */

#define G_LOG_DOMAIN "newsdesk-sync"

#include "config.h"

#include <glib/gi18n.h>

#include "nd-account.h"
#include "nd-merge.h"
#include "nd-paragraphs.h"
#include "nd-sync-engine-private.h"
#include "nd-wordpress-remote.h"

/**
 * NdSyncEngine:
 *
 * Keeps the editions in step with the publication's WordPress sites, in the
 * background: a pass runs every few minutes, soon after an edit, when the
 * network comes back and when the editor asks. A pass takes each site in
 * turn (see nd-sync-engine-remote.c); one pass runs at a time, and a request
 * for another during it runs one more afterwards.
 *
 * Offline is a normal state: nothing is tried while #GNetworkMonitor says
 * there is no network, and the outbox keeps what waits.
 */

enum
{
  PROP_0,
  PROP_STATE,
  PROP_PENDING,
  PROP_CONFLICTS,
  PROP_LAST_ERROR,
  PROP_LAST_SYNCED_AT,
  N_PROPS
};

static GParamSpec *properties[N_PROPS];

G_DEFINE_FINAL_TYPE (NdSyncEngine, nd_sync_engine, G_TYPE_OBJECT)

typedef struct
{
  GPtrArray *sites;
  guint      index;
  GError    *error;      /* the first site's error, reported at the end */
  gboolean   offline;
} Pass;

static void
pass_free (Pass *pass)
{
  g_clear_pointer (&pass->sites, g_ptr_array_unref);
  g_clear_error (&pass->error);
  g_free (pass);
}

static void run_site (GTask *task);
static void schedule_pass (NdSyncEngine *self, guint delay_ms);

/* State ---------------------------------------------------------------------- */

static void
set_state (NdSyncEngine *self,
           NdSyncState   state,
           const char   *error)
{
  if (g_strcmp0 (self->last_error, error) != 0)
    {
      g_free (self->last_error);
      self->last_error = g_strdup (error);
      g_object_notify_by_pspec (G_OBJECT (self), properties[PROP_LAST_ERROR]);
    }

  if (self->state == state)
    return;

  self->state = state;
  g_object_notify_by_pspec (G_OBJECT (self), properties[PROP_STATE]);
}

void
_nd_sync_engine_update_counts (NdSyncEngine *self)
{
  guint pending = nd_sync_store_outbox_pending_count (self->sync_store, 0);
  guint conflicts = nd_sync_store_count_open_conflicts (self->sync_store, 0);

  if (pending != self->pending)
    {
      self->pending = pending;
      g_object_notify_by_pspec (G_OBJECT (self), properties[PROP_PENDING]);
    }

  if (conflicts != self->conflicts)
    {
      self->conflicts = conflicts;
      g_object_notify_by_pspec (G_OBJECT (self), properties[PROP_CONFLICTS]);
    }
}

static gboolean
is_configured (NdSyncEngine *self)
{
  g_autoptr(GPtrArray) sites = nd_sync_store_list_sites (self->sync_store, NULL);

  for (guint i = 0; sites != NULL && i < sites->len; i++)
    {
      g_auto(GStrv) langs = nd_sync_store_list_site_languages (self->sync_store,
                                                              nd_site_get_id (g_ptr_array_index (sites, i)), NULL);
      if (langs != NULL && langs[0] != NULL)
        return TRUE;
    }

  return FALSE;
}

static gboolean
network_available (NdSyncEngine *self)
{
  return self->monitor == NULL || g_network_monitor_get_network_available (self->monitor);
}

/* Retries -------------------------------------------------------------------- */

/*
 * Seconds before the next try of an operation that failed @attempts times:
 * exponential with full jitter, capped; a server that said when to come back
 * (Retry-After on 429 and 503) is believed, within the cap.
 */
gint64
_nd_sync_engine_backoff (NdSyncEngine *self,
                         int           attempts,
                         const GError *error)
{
  double delay = self->backoff_base_seconds * (double) (1u << MIN (attempts, 16));
  guint retry_after = 0;

  delay = MIN (delay, self->backoff_cap_seconds);
  delay = delay / 2 + g_random_double_range (0, delay / 2);

  if (error != NULL && error->domain == ND_REMOTE_ERROR)
    retry_after = nd_remote_error_get_retry_after (error);
  if (retry_after > 0)
    delay = MIN ((double) retry_after, self->backoff_cap_seconds);

  return (gint64) delay;
}

/* Passes --------------------------------------------------------------------- */

static NdRemote *
default_factory (NdSite      *site,
                 const char  *password,
                 gpointer     user_data,
                 GError     **error)
{
  return ND_REMOTE (nd_wordpress_remote_new (nd_site_get_url (site), nd_site_get_username (site),
                                             password, error));
}

static void
finish_pass (GTask *task)
{
  NdSyncEngine *self = g_task_get_source_object (task);
  Pass *pass = g_task_get_task_data (task);
  g_autoptr(GPtrArray) waiting = g_steal_pointer (&self->waiting);

  g_clear_object (&self->running);
  self->waiting = g_ptr_array_new_with_free_func (g_object_unref);

  _nd_sync_engine_update_counts (self);

  if (pass->offline)
    set_state (self, ND_SYNC_STATE_OFFLINE, NULL);
  else if (pass->error != NULL)
    set_state (self, ND_SYNC_STATE_ERROR, pass->error->message);
  else
    {
      self->last_synced_at = g_get_real_time () / G_USEC_PER_SEC;
      g_object_notify_by_pspec (G_OBJECT (self), properties[PROP_LAST_SYNCED_AT]);
      set_state (self, is_configured (self) ? ND_SYNC_STATE_IDLE : ND_SYNC_STATE_NOT_CONFIGURED, NULL);
    }

  for (guint i = 0; waiting != NULL && i < waiting->len; i++)
    {
      GTask *waiter = g_ptr_array_index (waiting, i);

      if (pass->error != NULL)
        g_task_return_error (waiter, g_error_copy (pass->error));
      else
        g_task_return_boolean (waiter, TRUE);
    }

  if (pass->error != NULL)
    g_task_return_error (task, g_error_copy (pass->error));
  else
    g_task_return_boolean (task, TRUE);
  g_object_unref (task);

  if (self->again && self->started)
    {
      self->again = FALSE;
      schedule_pass (self, self->debounce_ms);
    }
}

static void
site_done_cb (GObject      *object,
              GAsyncResult *result,
              gpointer      user_data)
{
  GTask *task = user_data;
  NdSyncEngine *self = ND_SYNC_ENGINE (object);
  Pass *pass = g_task_get_task_data (task);
  g_autoptr(GError) error = NULL;

  if (!_nd_sync_engine_sync_site_finish (self, result, &error))
    {
      if (g_error_matches (error, ND_REMOTE_ERROR, ND_REMOTE_ERROR_NETWORK) && !network_available (self))
        pass->offline = TRUE;
      if (pass->error == NULL)
        pass->error = g_steal_pointer (&error);
    }

  _nd_sync_engine_update_counts (self);
  pass->index++;
  run_site (task);
}

/*
 * Remotes are kept between passes: their connections stay open for the next
 * pass, and a remote is never finalised while its last answer is still being
 * closed. A changed URL, user or password makes a new one; only a digest of
 * them is kept here.
 */
static NdRemote *
remote_for_site (NdSyncEngine  *self,
                 NdSite        *site,
                 const char    *password,
                 GError       **error)
{
  g_autofree char *key = g_strdup_printf ("%" G_GINT64_FORMAT, nd_site_get_id (site));
  g_autofree char *identity = g_strconcat (nd_site_get_url (site), "\n", nd_site_get_username (site), "\n",
                                           password, NULL);
  g_autofree char *digest = g_compute_checksum_for_string (G_CHECKSUM_SHA256, identity, -1);
  NdRemote *remote;

  memset (identity, 0, strlen (identity));

  remote = g_hash_table_lookup (self->remotes, key);
  if (remote != NULL &&
      g_strcmp0 (g_object_get_data (G_OBJECT (remote), "nd-identity"), digest) == 0)
    return g_object_ref (remote);

  remote = self->factory (site, password, self->factory_data, error);
  if (remote == NULL)
    return NULL;

  g_object_set_data_full (G_OBJECT (remote), "nd-identity", g_steal_pointer (&digest), g_free);
  g_hash_table_replace (self->remotes, g_steal_pointer (&key), g_object_ref (remote));
  return remote;
}

static void
password_cb (GObject      *object,
             GAsyncResult *result,
             gpointer      user_data)
{
  GTask *task = user_data;
  NdSyncEngine *self = g_task_get_source_object (task);
  Pass *pass = g_task_get_task_data (task);
  NdSite *site = g_ptr_array_index (pass->sites, pass->index);
  g_autoptr(GError) error = NULL;
  g_autofree char *password = nd_account_lookup_password_finish (result, &error);
  g_autoptr(NdRemote) remote = NULL;

  if (password == NULL)
    {
      if (error == NULL)
        g_set_error (&error, ND_REMOTE_ERROR, ND_REMOTE_ERROR_AUTH_FAILED,
                     /* Translators: %s is a site's name */
                     _("No application password is kept for %s; add it in the preferences"),
                     nd_site_get_name (site));
      _nd_sync_engine_log (self, ND_SYNC_LOG_ERROR, nd_site_get_id (site), 0, "%s", error->message);
      if (pass->error == NULL)
        pass->error = g_steal_pointer (&error);
      pass->index++;
      run_site (task);
      return;
    }

  remote = remote_for_site (self, site, password, &error);
  if (remote == NULL)
    {
      _nd_sync_engine_log (self, ND_SYNC_LOG_ERROR, nd_site_get_id (site), 0, "%s", error->message);
      if (pass->error == NULL)
        pass->error = g_steal_pointer (&error);
      pass->index++;
      run_site (task);
      return;
    }

  _nd_sync_engine_sync_site_async (self, site, remote, g_task_get_cancellable (task), site_done_cb, task);
}

static void
run_site (GTask *task)
{
  Pass *pass = g_task_get_task_data (task);
  NdSite *site;

  if (pass->index >= pass->sites->len || pass->offline)
    {
      finish_pass (task);
      return;
    }

  site = g_ptr_array_index (pass->sites, pass->index);
  nd_account_lookup_password_async (nd_site_get_url (site), nd_site_get_username (site),
                                    g_task_get_cancellable (task), password_cb, task);
}

/**
 * nd_sync_engine_sync_async:
 * @self: a #NdSyncEngine
 * @cancellable: (nullable): a #GCancellable
 * @callback: called when the pass is over
 * @user_data: data for @callback
 *
 * Runs a pass over every site now ("Sync now"). When a pass is already
 * running, @callback is called when that one ends and another runs after.
 */
void
nd_sync_engine_sync_async (NdSyncEngine        *self,
                           GCancellable        *cancellable,
                           GAsyncReadyCallback  callback,
                           gpointer             user_data)
{
  g_autoptr(GTask) task = NULL;
  g_autoptr(GError) error = NULL;
  Pass *pass;

  g_return_if_fail (ND_IS_SYNC_ENGINE (self));

  task = g_task_new (self, cancellable, callback, user_data);
  g_task_set_source_tag (task, nd_sync_engine_sync_async);

  if (self->running != NULL)
    {
      self->again = TRUE;
      g_ptr_array_add (self->waiting, g_steal_pointer (&task));
      return;
    }

  if (!network_available (self))
    {
      set_state (self, ND_SYNC_STATE_OFFLINE, NULL);
      g_task_return_new_error (task, ND_REMOTE_ERROR, ND_REMOTE_ERROR_NETWORK,
                               _("There is no network; changes wait until it is back"));
      return;
    }

  pass = g_new0 (Pass, 1);
  pass->sites = nd_sync_store_list_sites (self->sync_store, &error);
  if (pass->sites == NULL)
    pass->sites = g_ptr_array_new_with_free_func (g_object_unref);
  g_task_set_task_data (task, pass, (GDestroyNotify) pass_free);

  if (!is_configured (self))
    {
      set_state (self, ND_SYNC_STATE_NOT_CONFIGURED, NULL);
      g_task_return_boolean (task, TRUE);
      return;
    }

  self->running = g_object_ref (task);
  set_state (self, ND_SYNC_STATE_SYNCING, self->last_error);
  run_site (g_steal_pointer (&task));
}

gboolean
nd_sync_engine_sync_finish (NdSyncEngine  *self,
                            GAsyncResult  *result,
                            GError       **error)
{
  g_return_val_if_fail (ND_IS_SYNC_ENGINE (self), FALSE);
  g_return_val_if_fail (g_task_is_valid (result, self), FALSE);

  return g_task_propagate_boolean (G_TASK (result), error);
}

/* Background ----------------------------------------------------------------- */

static void
background_pass_cb (GObject      *object,
                    GAsyncResult *result,
                    gpointer      user_data)
{
  g_autoptr(GError) error = NULL;

  if (!nd_sync_engine_sync_finish (ND_SYNC_ENGINE (object), result, &error))
    g_debug ("Background sync: %s", error->message);
}

static gboolean
on_pass_due_cb (gpointer user_data)
{
  NdSyncEngine *self = user_data;

  self->debounce_id = 0;
  if (self->started && self->running == NULL)
    nd_sync_engine_sync_async (self, self->cancellable, background_pass_cb, NULL);
  else if (self->running != NULL)
    self->again = TRUE;

  return G_SOURCE_REMOVE;
}

static void
schedule_pass (NdSyncEngine *self,
               guint         delay_ms)
{
  if (!self->started)
    return;

  g_clear_handle_id (&self->debounce_id, g_source_remove);
  self->debounce_id = g_timeout_add (delay_ms, on_pass_due_cb, self);
}

static gboolean
on_interval_cb (gpointer user_data)
{
  NdSyncEngine *self = user_data;

  schedule_pass (self, 0);
  return G_SOURCE_CONTINUE;
}

/* An edit is sent a little after the editor pauses, not on every save. */
static void
on_story_changed_cb (NdSyncEngine *self,
                     gint64        story_id)
{
  if (self->running != NULL)
    {
      self->again = TRUE;
      return;
    }

  schedule_pass (self, self->debounce_ms);
}

static void
on_network_changed_cb (NdSyncEngine *self,
                       gboolean      available)
{
  if (!available)
    {
      set_state (self, ND_SYNC_STATE_OFFLINE, NULL);
      return;
    }

  if (self->state == ND_SYNC_STATE_OFFLINE)
    schedule_pass (self, self->debounce_ms);
}

static void
on_sync_store_changed_cb (NdSyncEngine *self)
{
  _nd_sync_engine_update_counts (self);
}

/**
 * nd_sync_engine_start:
 * @self: a #NdSyncEngine
 *
 * Starts syncing in the background: a pass now, then on every change, every
 * few minutes and when the network comes back.
 */
void
nd_sync_engine_start (NdSyncEngine *self)
{
  g_return_if_fail (ND_IS_SYNC_ENGINE (self));

  if (self->started)
    return;

  self->started = TRUE;
  g_clear_object (&self->cancellable);
  self->cancellable = g_cancellable_new ();
  self->timer_id = g_timeout_add_seconds (self->interval_seconds, on_interval_cb, self);
  schedule_pass (self, 0);
}

/**
 * nd_sync_engine_stop:
 * @self: a #NdSyncEngine
 *
 * Stops the background work; a running pass is cancelled. Operations in
 * flight stay in the outbox and are checked on the next start.
 */
void
nd_sync_engine_stop (NdSyncEngine *self)
{
  g_return_if_fail (ND_IS_SYNC_ENGINE (self));

  self->started = FALSE;
  g_clear_handle_id (&self->timer_id, g_source_remove);
  g_clear_handle_id (&self->debounce_id, g_source_remove);
  if (self->cancellable != NULL)
    g_cancellable_cancel (self->cancellable);
}

/* Conflicts ------------------------------------------------------------------ */

/* Finds where a body hunk's local paragraphs stand now: at the index the
 * merge gave if they are still there, else wherever they are first found
 * (an earlier hunk's resolution may have moved them). */
static int
find_hunk (GPtrArray  *blocks,
           GPtrArray  *hunk,
           int         hint)
{
  for (int pass = 0; pass < 2; pass++)
    for (guint start = pass == 0 ? (guint) MAX (hint, 0) : 0; start + hunk->len <= blocks->len; start++)
      {
        gboolean match = TRUE;

        for (guint i = 0; i < hunk->len && match; i++)
          match = g_strcmp0 (((NdBlock *) g_ptr_array_index (blocks, start + i))->text,
                             ((NdBlock *) g_ptr_array_index (hunk, i))->text) == 0;
        if (match)
          return (int) start;
        if (pass == 0)
          break;
      }

  return -1;
}

static char *
resolve_body (const char  *body,
              NdConflict  *conflict,
              const char  *chosen,
              GError     **error)
{
  g_autoptr(GPtrArray) blocks = nd_paragraphs_split (body);
  g_autoptr(GPtrArray) mine = nd_paragraphs_split (conflict->mine != NULL ? conflict->mine : "");
  g_autoptr(GPtrArray) replacement = nd_paragraphs_split (chosen != NULL ? chosen : "");
  int at;

  if (conflict->paragraph < 0)
    return g_strdup (chosen);

  if (mine->len == 0)
    at = MIN ((guint) conflict->paragraph, blocks->len);
  else
    at = find_hunk (blocks, mine, conflict->paragraph);

  if (at < 0)
    {
      g_set_error_literal (error, G_IO_ERROR, G_IO_ERROR_NOT_FOUND,
                           _("These paragraphs were edited since; resolve the conflict by editing the text"));
      return NULL;
    }

  g_ptr_array_remove_range (blocks, at, mine->len);
  for (guint i = 0; i < replacement->len; i++)
    g_ptr_array_insert (blocks, at + i, nd_block_copy (g_ptr_array_index (replacement, i)));

  return nd_paragraphs_join_blocks (blocks);
}

/**
 * nd_sync_engine_resolve_conflict:
 * @self: a #NdSyncEngine
 * @conflict_id: an open conflict
 * @choice: which version to keep
 * @edited: (nullable): with %ND_CONFLICT_CHOICE_EDITED, the value the editor
 *   wrote
 * @error: return location for a #GError
 *
 * Settles one conflict: the chosen value goes into the edition (a new
 * revision), and once an edition has no open conflict left it is sent again.
 *
 * Returns: whether the conflict is settled
 */
gboolean
nd_sync_engine_resolve_conflict (NdSyncEngine      *self,
                                 gint64             conflict_id,
                                 NdConflictChoice   choice,
                                 const char        *edited,
                                 GError           **error)
{
  g_autoptr(NdConflict) conflict = NULL;
  g_autoptr(NdEdition) edition = NULL;
  g_autoptr(NdStory) story = NULL;
  g_autoptr(NdSyncFields) fields = NULL;
  g_autoptr(GPtrArray) open = NULL;
  const char *chosen;
  NdSyncField field;

  g_return_val_if_fail (ND_IS_SYNC_ENGINE (self), FALSE);
  g_return_val_if_fail (choice != ND_CONFLICT_CHOICE_EDITED || edited != NULL, FALSE);

  conflict = nd_sync_store_get_conflict (self->sync_store, conflict_id, error);
  if (conflict == NULL)
    return FALSE;

  if (!nd_sync_field_from_string (conflict->field, &field))
    {
      g_set_error (error, G_IO_ERROR, G_IO_ERROR_INVALID_DATA, "Unknown field “%s”", conflict->field);
      return FALSE;
    }

  chosen = choice == ND_CONFLICT_CHOICE_MINE ? conflict->mine
         : choice == ND_CONFLICT_CHOICE_THEIRS ? conflict->theirs
         : edited;

  edition = nd_story_store_load_edition_by_id (self->stories, conflict->edition_id, error);
  if (edition == NULL)
    return FALSE;
  story = nd_story_store_load_story (self->stories, nd_edition_get_story_id (edition), error);
  if (story == NULL)
    return FALSE;

  fields = _nd_sync_engine_mine (self, edition, story);
  if (field == ND_SYNC_FIELD_BODY)
    {
      g_autofree char *body = resolve_body (fields->body, conflict, chosen, error);

      if (body == NULL || !nd_sync_fields_set_text (fields, field, body))
        return FALSE;
    }
  else if (!nd_sync_fields_set_text (fields, field, chosen))
    {
      g_set_error_literal (error, G_IO_ERROR, G_IO_ERROR_INVALID_DATA, _("This value cannot be used here"));
      return FALSE;
    }

  if (!_nd_sync_engine_apply (self, conflict->edition_id, fields, ND_SYNC_FIELD_MASK (field), error) ||
      !nd_sync_store_resolve_conflict (self->sync_store, conflict_id, error))
    return FALSE;

  open = nd_sync_store_list_conflicts (self->sync_store, conflict->edition_id, NULL);
  if (open == NULL || open->len == 0)
    nd_sync_store_set_edition_state (self->sync_store, conflict->edition_id, ND_EDITION_SYNC_PENDING, NULL, NULL);

  _nd_sync_engine_update_counts (self);
  schedule_pass (self, self->debounce_ms);
  return TRUE;
}

/* GObject -------------------------------------------------------------------- */

static void
nd_sync_engine_dispose (GObject *object)
{
  NdSyncEngine *self = ND_SYNC_ENGINE (object);

  nd_sync_engine_stop (self);
  if (self->factory_destroy != NULL)
    g_clear_pointer (&self->factory_data, self->factory_destroy);
  g_clear_object (&self->cancellable);
  g_clear_object (&self->stories);
  g_clear_object (&self->sync_store);
  g_clear_pointer (&self->waiting, g_ptr_array_unref);
  g_clear_pointer (&self->remotes, g_hash_table_unref);

  G_OBJECT_CLASS (nd_sync_engine_parent_class)->dispose (object);
}

static void
nd_sync_engine_finalize (GObject *object)
{
  NdSyncEngine *self = ND_SYNC_ENGINE (object);

  g_free (self->last_error);
  g_clear_pointer (&self->missed_reported, g_hash_table_unref);

  G_OBJECT_CLASS (nd_sync_engine_parent_class)->finalize (object);
}

static void
nd_sync_engine_get_property (GObject    *object,
                             guint       prop_id,
                             GValue     *value,
                             GParamSpec *pspec)
{
  NdSyncEngine *self = ND_SYNC_ENGINE (object);

  switch (prop_id)
    {
    case PROP_STATE:
      g_value_set_int (value, self->state);
      break;
    case PROP_PENDING:
      g_value_set_uint (value, self->pending);
      break;
    case PROP_CONFLICTS:
      g_value_set_uint (value, self->conflicts);
      break;
    case PROP_LAST_ERROR:
      g_value_set_string (value, self->last_error);
      break;
    case PROP_LAST_SYNCED_AT:
      g_value_set_int64 (value, self->last_synced_at);
      break;
    default:
      G_OBJECT_WARN_INVALID_PROPERTY_ID (object, prop_id, pspec);
    }
}

static void
nd_sync_engine_class_init (NdSyncEngineClass *klass)
{
  GObjectClass *object_class = G_OBJECT_CLASS (klass);

  object_class->dispose = nd_sync_engine_dispose;
  object_class->finalize = nd_sync_engine_finalize;
  object_class->get_property = nd_sync_engine_get_property;

  /* An int rather than an enum type: the enum has no GType of its own. */
  properties[PROP_STATE] =
    g_param_spec_int ("state", NULL, NULL, ND_SYNC_STATE_NOT_CONFIGURED, ND_SYNC_STATE_ERROR,
                      ND_SYNC_STATE_NOT_CONFIGURED, G_PARAM_READABLE | G_PARAM_EXPLICIT_NOTIFY | G_PARAM_STATIC_STRINGS);
  properties[PROP_PENDING] =
    g_param_spec_uint ("pending", NULL, NULL, 0, G_MAXUINT, 0,
                       G_PARAM_READABLE | G_PARAM_EXPLICIT_NOTIFY | G_PARAM_STATIC_STRINGS);
  properties[PROP_CONFLICTS] =
    g_param_spec_uint ("conflicts", NULL, NULL, 0, G_MAXUINT, 0,
                       G_PARAM_READABLE | G_PARAM_EXPLICIT_NOTIFY | G_PARAM_STATIC_STRINGS);
  properties[PROP_LAST_ERROR] =
    g_param_spec_string ("last-error", NULL, NULL, NULL,
                         G_PARAM_READABLE | G_PARAM_EXPLICIT_NOTIFY | G_PARAM_STATIC_STRINGS);
  properties[PROP_LAST_SYNCED_AT] =
    g_param_spec_int64 ("last-synced-at", NULL, NULL, 0, G_MAXINT64, 0,
                        G_PARAM_READABLE | G_PARAM_EXPLICIT_NOTIFY | G_PARAM_STATIC_STRINGS);

  g_object_class_install_properties (object_class, N_PROPS, properties);
}

static void
nd_sync_engine_init (NdSyncEngine *self)
{
  self->factory = default_factory;
  self->waiting = g_ptr_array_new_with_free_func (g_object_unref);
  self->interval_seconds = 300;
  self->debounce_ms = 5000;
  self->backoff_base_seconds = 2.0;
  self->backoff_cap_seconds = 15 * 60.0;
  self->overlap_seconds = 60;
  self->missed_reported = g_hash_table_new_full (g_int64_hash, g_int64_equal, g_free, NULL);
  self->remotes = g_hash_table_new_full (g_str_hash, g_str_equal, g_free, g_object_unref);
}

/**
 * nd_sync_engine_new:
 * @stories: the store of stories
 * @sync_store: the store of sync state, on the same database
 *
 * Returns: (transfer full): a new engine, not started
 */
NdSyncEngine *
nd_sync_engine_new (NdStoryStore *stories,
                    NdSyncStore  *sync_store)
{
  NdSyncEngine *self;

  g_return_val_if_fail (ND_IS_STORY_STORE (stories), NULL);
  g_return_val_if_fail (ND_IS_SYNC_STORE (sync_store), NULL);

  self = g_object_new (ND_TYPE_SYNC_ENGINE, NULL);
  self->stories = g_object_ref (stories);
  self->sync_store = g_object_ref (sync_store);
  self->monitor = g_network_monitor_get_default ();
  self->state = is_configured (self) ? ND_SYNC_STATE_IDLE : ND_SYNC_STATE_NOT_CONFIGURED;

  g_signal_connect_object (stories, "story-changed", G_CALLBACK (on_story_changed_cb), self, G_CONNECT_SWAPPED);
  g_signal_connect_object (self->monitor, "network-changed", G_CALLBACK (on_network_changed_cb), self,
                           G_CONNECT_SWAPPED);
  g_signal_connect_object (sync_store, "conflicts-changed", G_CALLBACK (on_sync_store_changed_cb), self,
                           G_CONNECT_SWAPPED);
  g_signal_connect_object (sync_store, "site-changed", G_CALLBACK (on_sync_store_changed_cb), self,
                           G_CONNECT_SWAPPED);

  _nd_sync_engine_update_counts (self);
  return self;
}

/**
 * nd_sync_engine_set_remote_factory:
 * @self: a #NdSyncEngine
 * @factory: makes the remote of a site
 * @user_data: data for @factory
 * @destroy: (nullable): frees @user_data
 */
void
nd_sync_engine_set_remote_factory (NdSyncEngine    *self,
                                   NdRemoteFactory  factory,
                                   gpointer         user_data,
                                   GDestroyNotify   destroy)
{
  g_return_if_fail (ND_IS_SYNC_ENGINE (self));
  g_return_if_fail (factory != NULL);

  if (self->factory_destroy != NULL)
    g_clear_pointer (&self->factory_data, self->factory_destroy);

  self->factory = factory;
  self->factory_data = user_data;
  self->factory_destroy = destroy;
}

NdSyncState
nd_sync_engine_get_state (NdSyncEngine *self)
{
  g_return_val_if_fail (ND_IS_SYNC_ENGINE (self), ND_SYNC_STATE_NOT_CONFIGURED);

  return self->state;
}

guint
nd_sync_engine_get_pending (NdSyncEngine *self)
{
  g_return_val_if_fail (ND_IS_SYNC_ENGINE (self), 0);

  return self->pending;
}

guint
nd_sync_engine_get_conflicts (NdSyncEngine *self)
{
  g_return_val_if_fail (ND_IS_SYNC_ENGINE (self), 0);

  return self->conflicts;
}

const char *
nd_sync_engine_get_last_error (NdSyncEngine *self)
{
  g_return_val_if_fail (ND_IS_SYNC_ENGINE (self), NULL);

  return self->last_error;
}

gint64
nd_sync_engine_get_last_synced_at (NdSyncEngine *self)
{
  g_return_val_if_fail (ND_IS_SYNC_ENGINE (self), 0);

  return self->last_synced_at;
}

void
_nd_sync_engine_set_timing (NdSyncEngine *self,
                            guint         interval_seconds,
                            guint         debounce_ms,
                            double        backoff_base_seconds,
                            double        backoff_cap_seconds,
                            gint64        overlap_seconds)
{
  g_return_if_fail (ND_IS_SYNC_ENGINE (self));

  self->interval_seconds = MAX (interval_seconds, 1);
  self->debounce_ms = debounce_ms;
  self->backoff_base_seconds = backoff_base_seconds;
  self->backoff_cap_seconds = backoff_cap_seconds;
  self->overlap_seconds = overlap_seconds;
}
