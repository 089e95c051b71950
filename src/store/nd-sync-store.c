/* nd-sync-store.c
 *
 * SPDX-License-Identifier: GPL-3.0-or-later
 */

#define G_LOG_DOMAIN "newsdesk-sync-store"

#include "config.h"

#include <string.h>

#include <glib/gi18n-lib.h>

#include "nd-sync-store.h"

/* Signals are held back while the caller's transaction is open and tried
 * again this often; a transaction never spans more than one turn of the
 * main loop, so this is a fallback, not a wait. */
#define FLUSH_RETRY_MS 20

struct _NdSyncStore
{
  GObject     parent_instance;

  NdDatabase *database;

  /* Signals of committed writes not emitted yet (PendingSignal). */
  GArray     *pending;
  guint       flush_id;
};

G_DEFINE_FINAL_TYPE (NdSyncStore, nd_sync_store, G_TYPE_OBJECT)

enum {
  SITE_CHANGED,
  EDITION_SYNC_CHANGED,
  OUTBOX_CHANGED,
  LOG_APPENDED,
  CONFLICTS_CHANGED,
  N_SIGNALS
};

static guint signals [N_SIGNALS];

typedef struct
{
  guint  signal;
  gint64 arg;
} PendingSignal;

static const char * const edition_states[] = { "local", "pending", "synced", "conflict", "error" };
static const char * const outbox_ops[] = { "create", "update", "delete", "media" };
static const char * const outbox_states[] = { "queued", "in-flight", "done", "failed" };
static const char * const term_kinds[] = { "tag", "category" };
static const char * const log_levels[] = { "info", "warning", "error" };

/* Columns of an NdEditionSync, in the order read_edition_sync() reads them. */
#define EDITION_SYNC_COLUMNS \
  "e.id, e.story_id, e.lang, s.site_id, s.remote_id, s.uuid, s.base_json," \
  " s.base_modified_gmt, s.synced_revision, s.state, s.last_error, s.synced_at, s.changes"

#define OUTBOX_COLUMNS \
  "id, uuid, edition_id, site_id, op, payload_json, state, attempts, next_attempt_at," \
  " last_error, created_at, done_at"

#define SITE_COLUMNS \
  "id, name, url, username, timezone, has_batch, has_polylang, has_plugin, created_at"

#define CONFLICT_COLUMNS \
  "c.id, c.edition_id, e.story_id, c.field, c.paragraph, c.base, c.mine, c.theirs," \
  " c.created_at, c.resolved_at"

/* Helpers ------------------------------------------------------------------ */

static int
enum_from_string (const char * const *names,
                  guint               n_names,
                  const char         *text,
                  int                 fallback)
{
  for (guint i = 0; text != NULL && i < n_names; i++)
    {
      if (g_str_equal (names[i], text))
        return (int) i;
    }

  return fallback;
}

static char *
column_dup (sqlite3_stmt *stmt,
            int           column)
{
  if (sqlite3_column_type (stmt, column) == SQLITE_NULL)
    return NULL;

  return g_strdup ((const char *) sqlite3_column_text (stmt, column));
}

/* Ids are positive; 0 stands for "none" in the API and NULL in the tables. */
static void
bind_id (sqlite3_stmt *stmt,
         int           index,
         gint64        id)
{
  if (id <= 0)
    sqlite3_bind_null (stmt, index);
  else
    sqlite3_bind_int64 (stmt, index, id);
}

static gboolean
step_row (NdDatabase    *database,
          sqlite3_stmt  *stmt,
          gboolean      *has_row,
          GError       **error)
{
  int rc = sqlite3_step (stmt);

  if (rc == SQLITE_ROW)
    {
      *has_row = TRUE;
      return TRUE;
    }
  *has_row = FALSE;
  if (rc == SQLITE_DONE)
    return TRUE;

  return nd_database_set_error (database, rc, error);
}

static void
set_not_found (GError     **error,
               const char  *message)
{
  g_set_error_literal (error, G_IO_ERROR, G_IO_ERROR_NOT_FOUND, message);
}

/* Runs a query with one id parameter that answers one integer, or nothing
 * (0). */
static gint64
query_id (NdSyncStore  *self,
          const char   *sql,
          gint64        a,
          gint64        b,
          gint64        c,
          int           n_params,
          GError      **error)
{
  g_autoptr(NdStatement) stmt = nd_database_prepare (self->database, sql, error);
  gboolean has_row;

  if (stmt == NULL)
    return 0;
  if (n_params > 0)
    sqlite3_bind_int64 (stmt, 1, a);
  if (n_params > 1)
    sqlite3_bind_int64 (stmt, 2, b);
  if (n_params > 2)
    sqlite3_bind_int64 (stmt, 3, c);
  if (!step_row (self->database, stmt, &has_row, error) || !has_row)
    return 0;

  return nd_column_int64_or (stmt, 0, 0);
}

static GArray *
query_id_list (NdSyncStore  *self,
               const char   *sql,
               gint64        a,
               gboolean      bind_a,
               GError      **error)
{
  g_autoptr(NdStatement) stmt = nd_database_prepare (self->database, sql, error);
  g_autoptr(GArray) ids = g_array_new (FALSE, FALSE, sizeof (gint64));
  gboolean has_row;

  if (stmt == NULL)
    return NULL;
  if (bind_a)
    sqlite3_bind_int64 (stmt, 1, a);

  for (;;)
    {
      gint64 id;

      if (!step_row (self->database, stmt, &has_row, error))
        return NULL;
      if (!has_row)
        break;
      id = sqlite3_column_int64 (stmt, 0);
      g_array_append_val (ids, id);
    }

  return g_steal_pointer (&ids);
}

/* Signals ------------------------------------------------------------------- */

static gboolean
in_transaction (NdSyncStore *self)
{
  return !sqlite3_get_autocommit (nd_database_get_handle (self->database));
}

static gboolean flush_cb (gpointer user_data);

/* Called by SQLite when a whole transaction is rolled back: the writes whose
 * signals wait for the caller's transaction to end were undone, so their
 * signals must not be told. A savepoint rolled back inside a transaction
 * does not call it; this store's own failed writes queue nothing. */
static void
rollback_cb (void *user_data)
{
  NdSyncStore *self = user_data;

  g_array_set_size (self->pending, 0);
}

static void
flush_signals (NdSyncStore *self)
{
  g_autoptr(GArray) pending = NULL;

  if (self->pending->len == 0)
    return;

  /* Inside the caller's transaction nothing is visible to other readers
   * yet, and it may still be rolled back: wait until it is over. */
  if (in_transaction (self))
    {
      if (self->flush_id == 0)
        self->flush_id = g_timeout_add (FLUSH_RETRY_MS, flush_cb, self);
      return;
    }

  g_clear_handle_id (&self->flush_id, g_source_remove);
  pending = g_steal_pointer (&self->pending);
  self->pending = g_array_new (FALSE, FALSE, sizeof (PendingSignal));

  g_object_ref (self);
  for (guint i = 0; i < pending->len; i++)
    {
      const PendingSignal *p = &g_array_index (pending, PendingSignal, i);

      if (p->signal == OUTBOX_CHANGED)
        g_signal_emit (self, signals [p->signal], 0);
      else
        g_signal_emit (self, signals [p->signal], 0, p->arg);
    }
  g_object_unref (self);
}

static gboolean
flush_cb (gpointer user_data)
{
  NdSyncStore *self = user_data;

  if (in_transaction (self))
    return G_SOURCE_CONTINUE;

  self->flush_id = 0;
  flush_signals (self);
  return G_SOURCE_REMOVE;
}

/* Records a signal of a committed write; flush_signals() emits it. Repeats
 * of a signal with the same argument are told once. */
static void
queue_signal (NdSyncStore *self,
              guint        signal,
              gint64       arg)
{
  PendingSignal p = { signal, arg };

  for (guint i = 0; i < self->pending->len; i++)
    {
      const PendingSignal *q = &g_array_index (self->pending, PendingSignal, i);

      if (q->signal == signal && q->arg == arg)
        return;
    }
  g_array_append_val (self->pending, p);
}

/* Commits the store's transaction (a savepoint inside the caller's); a
 * failed commit has already rolled back. */
static gboolean
commit (NdSyncStore  *self,
        GError      **error)
{
  return nd_database_commit (self->database, error);
}

static gboolean
fail (NdSyncStore *self)
{
  nd_database_rollback (self->database);
  return FALSE;
}

/* Records ------------------------------------------------------------------- */

/**
 * nd_edition_sync_free:
 * @sync: (nullable): an #NdEditionSync
 *
 * Frees @sync.
 */
void
nd_edition_sync_free (NdEditionSync *sync)
{
  if (sync == NULL)
    return;

  g_free (sync->lang);
  g_free (sync->uuid);
  g_free (sync->base_json);
  g_free (sync->base_modified_gmt);
  g_free (sync->last_error);
  g_free (sync);
}

/**
 * nd_outbox_item_free:
 * @item: (nullable): an #NdOutboxItem
 *
 * Frees @item.
 */
void
nd_outbox_item_free (NdOutboxItem *item)
{
  if (item == NULL)
    return;

  g_free (item->uuid);
  g_free (item->payload_json);
  g_free (item->last_error);
  g_free (item);
}

/**
 * nd_sync_log_entry_free:
 * @entry: (nullable): an #NdSyncLogEntry
 *
 * Frees @entry.
 */
void
nd_sync_log_entry_free (NdSyncLogEntry *entry)
{
  if (entry == NULL)
    return;

  g_free (entry->message);
  g_free (entry);
}

/**
 * nd_conflict_free:
 * @conflict: (nullable): an #NdConflict
 *
 * Frees @conflict.
 */
void
nd_conflict_free (NdConflict *conflict)
{
  if (conflict == NULL)
    return;

  g_free (conflict->field);
  g_free (conflict->base);
  g_free (conflict->mine);
  g_free (conflict->theirs);
  g_free (conflict);
}

static NdSite *
read_site (sqlite3_stmt *stmt)
{
  NdSite *site = nd_site_new ();

  nd_site_set_id (site, sqlite3_column_int64 (stmt, 0));
  nd_site_set_name (site, nd_column_text (stmt, 1));
  nd_site_set_url (site, nd_column_text (stmt, 2));
  nd_site_set_username (site, nd_column_text (stmt, 3));
  nd_site_set_timezone (site, nd_column_text (stmt, 4));
  nd_site_set_has_batch (site, sqlite3_column_int (stmt, 5));
  nd_site_set_has_polylang (site, sqlite3_column_int (stmt, 6));
  nd_site_set_has_plugin (site, sqlite3_column_int (stmt, 7));
  nd_site_set_created_at (site, sqlite3_column_int64 (stmt, 8));

  return site;
}

static NdEditionSync *
read_edition_sync (sqlite3_stmt *stmt)
{
  NdEditionSync *sync = g_new0 (NdEditionSync, 1);

  sync->edition_id = sqlite3_column_int64 (stmt, 0);
  sync->story_id = sqlite3_column_int64 (stmt, 1);
  sync->lang = g_strdup (nd_column_text (stmt, 2));
  sync->site_id = nd_column_int64_or (stmt, 3, 0);
  sync->remote_id = nd_column_int64_or (stmt, 4, 0);
  sync->uuid = column_dup (stmt, 5);
  sync->base_json = column_dup (stmt, 6);
  sync->base_modified_gmt = column_dup (stmt, 7);
  sync->synced_revision = nd_column_int64_or (stmt, 8, -1);
  sync->state = enum_from_string (edition_states, G_N_ELEMENTS (edition_states),
                                  (const char *) sqlite3_column_text (stmt, 9),
                                  ND_EDITION_SYNC_LOCAL);
  sync->last_error = column_dup (stmt, 10);
  sync->synced_at = nd_column_int64_or (stmt, 11, 0);
  sync->changes = nd_column_int64_or (stmt, 12, 0);

  return sync;
}

static NdOutboxItem *
read_outbox_item (sqlite3_stmt *stmt)
{
  NdOutboxItem *item = g_new0 (NdOutboxItem, 1);

  item->id = sqlite3_column_int64 (stmt, 0);
  item->uuid = g_strdup (nd_column_text (stmt, 1));
  item->edition_id = nd_column_int64_or (stmt, 2, 0);
  item->site_id = sqlite3_column_int64 (stmt, 3);
  item->op = enum_from_string (outbox_ops, G_N_ELEMENTS (outbox_ops),
                               (const char *) sqlite3_column_text (stmt, 4), ND_OUTBOX_UPDATE);
  item->payload_json = column_dup (stmt, 5);
  item->state = enum_from_string (outbox_states, G_N_ELEMENTS (outbox_states),
                                  (const char *) sqlite3_column_text (stmt, 6), ND_OUTBOX_QUEUED);
  item->attempts = sqlite3_column_int (stmt, 7);
  item->next_attempt_at = sqlite3_column_int64 (stmt, 8);
  item->last_error = column_dup (stmt, 9);
  item->created_at = sqlite3_column_int64 (stmt, 10);
  item->done_at = nd_column_int64_or (stmt, 11, 0);

  return item;
}

static NdConflict *
read_conflict (sqlite3_stmt *stmt)
{
  NdConflict *conflict = g_new0 (NdConflict, 1);

  conflict->id = sqlite3_column_int64 (stmt, 0);
  conflict->edition_id = sqlite3_column_int64 (stmt, 1);
  conflict->story_id = sqlite3_column_int64 (stmt, 2);
  conflict->field = g_strdup (nd_column_text (stmt, 3));
  conflict->paragraph = (int) nd_column_int64_or (stmt, 4, -1);
  conflict->base = column_dup (stmt, 5);
  conflict->mine = g_strdup (nd_column_text (stmt, 6));
  conflict->theirs = g_strdup (nd_column_text (stmt, 7));
  conflict->created_at = sqlite3_column_int64 (stmt, 8);
  conflict->resolved_at = nd_column_int64_or (stmt, 9, 0);

  return conflict;
}

/* Reads every row of a prepared statement into a GPtrArray. */
static GPtrArray *
read_rows (NdSyncStore     *self,
           sqlite3_stmt    *stmt,
           gpointer       (*read) (sqlite3_stmt *),
           GDestroyNotify   free_func,
           GError         **error)
{
  g_autoptr(GPtrArray) rows = g_ptr_array_new_with_free_func (free_func);
  gboolean has_row;

  for (;;)
    {
      if (!step_row (self->database, stmt, &has_row, error))
        return NULL;
      if (!has_row)
        break;
      g_ptr_array_add (rows, read (stmt));
    }

  return g_steal_pointer (&rows);
}

/* GObject ------------------------------------------------------------------- */

static void
nd_sync_store_dispose (GObject *object)
{
  NdSyncStore *self = (NdSyncStore *)object;

  g_clear_handle_id (&self->flush_id, g_source_remove);
  if (self->database != NULL)
    {
      sqlite3 *handle = nd_database_get_handle (self->database);
      gpointer owner = sqlite3_rollback_hook (handle, NULL, NULL);

      /* Only sync stores set this hook; give it back when another store on
       * the connection took it over since. */
      if (owner != NULL && owner != self)
        sqlite3_rollback_hook (handle, rollback_cb, owner);
    }
  g_clear_object (&self->database);

  G_OBJECT_CLASS (nd_sync_store_parent_class)->dispose (object);
}

static void
nd_sync_store_finalize (GObject *object)
{
  NdSyncStore *self = (NdSyncStore *)object;

  g_clear_pointer (&self->pending, g_array_unref);

  G_OBJECT_CLASS (nd_sync_store_parent_class)->finalize (object);
}

static void
nd_sync_store_class_init (NdSyncStoreClass *klass)
{
  GObjectClass *object_class = G_OBJECT_CLASS (klass);

  object_class->dispose = nd_sync_store_dispose;
  object_class->finalize = nd_sync_store_finalize;

  /**
   * NdSyncStore::site-changed:
   * @self: the store
   * @site_id: the site added, changed or removed, or whose languages changed
   *
   * Emitted after a change to the sites or the language map committed.
   */
  signals [SITE_CHANGED] =
    g_signal_new ("site-changed",
                  G_TYPE_FROM_CLASS (klass),
                  G_SIGNAL_RUN_LAST,
                  0, NULL, NULL, NULL,
                  G_TYPE_NONE, 1, G_TYPE_INT64);

  /**
   * NdSyncStore::edition-sync-changed:
   * @self: the store
   * @edition_id: the edition
   *
   * Emitted after an edition's remote id, base or state changed.
   */
  signals [EDITION_SYNC_CHANGED] =
    g_signal_new ("edition-sync-changed",
                  G_TYPE_FROM_CLASS (klass),
                  G_SIGNAL_RUN_LAST,
                  0, NULL, NULL, NULL,
                  G_TYPE_NONE, 1, G_TYPE_INT64);

  /**
   * NdSyncStore::outbox-changed:
   * @self: the store
   *
   * Emitted after entries were added to the outbox or changed state, so
   * that the pending count can be shown again.
   */
  signals [OUTBOX_CHANGED] =
    g_signal_new ("outbox-changed",
                  G_TYPE_FROM_CLASS (klass),
                  G_SIGNAL_RUN_LAST,
                  0, NULL, NULL, NULL,
                  G_TYPE_NONE, 0);

  /**
   * NdSyncStore::log-appended:
   * @self: the store
   * @entry_id: the new log entry
   *
   * Emitted after a line was added to the sync log.
   */
  signals [LOG_APPENDED] =
    g_signal_new ("log-appended",
                  G_TYPE_FROM_CLASS (klass),
                  G_SIGNAL_RUN_LAST,
                  0, NULL, NULL, NULL,
                  G_TYPE_NONE, 1, G_TYPE_INT64);

  /**
   * NdSyncStore::conflicts-changed:
   * @self: the store
   * @edition_id: the edition whose conflicts were added or resolved
   *
   * Emitted after conflicts were added or resolved.
   */
  signals [CONFLICTS_CHANGED] =
    g_signal_new ("conflicts-changed",
                  G_TYPE_FROM_CLASS (klass),
                  G_SIGNAL_RUN_LAST,
                  0, NULL, NULL, NULL,
                  G_TYPE_NONE, 1, G_TYPE_INT64);
}

static void
nd_sync_store_init (NdSyncStore *self)
{
  self->pending = g_array_new (FALSE, FALSE, sizeof (PendingSignal));
}

/**
 * nd_sync_store_new:
 * @database: the database the stories are in, at schema 6 or newer
 *
 * Creates the sync store on @database. It shares the database (and its
 * statement cache and transactions) with the #NdStoryStore.
 *
 * Returns: (transfer full): a new #NdSyncStore
 */
NdSyncStore *
nd_sync_store_new (NdDatabase *database)
{
  NdSyncStore *self;

  g_return_val_if_fail (ND_IS_DATABASE (database), NULL);

  self = g_object_new (ND_TYPE_SYNC_STORE, NULL);
  self->database = g_object_ref (database);
  sqlite3_rollback_hook (nd_database_get_handle (database), rollback_cb, self);
  return self;
}

/**
 * nd_sync_store_get_database:
 * @self: a #NdSyncStore
 *
 * Returns: (transfer none): the database
 */
NdDatabase *
nd_sync_store_get_database (NdSyncStore *self)
{
  g_return_val_if_fail (ND_IS_SYNC_STORE (self), NULL);

  return self->database;
}

/* Sites --------------------------------------------------------------------- */

/* Sites are compared by their address as typed, without the slashes at its
 * end, so that "https://example.org/" is the same site as
 * "https://example.org", and its keyring entry is found again. */
static char *
normalize_url (const char *url)
{
  g_autofree char *stripped = g_strstrip (g_strdup (url));
  gsize len = strlen (stripped);

  while (len > 0 && stripped[len - 1] == '/')
    stripped[--len] = '\0';

  return g_steal_pointer (&stripped);
}

static gboolean
check_site (NdSite      *site,
            GError     **error)
{
  g_autofree char *url = normalize_url (nd_site_get_url (site));

  if (!g_str_has_prefix (url, "https://") && !g_str_has_prefix (url, "http://"))
    {
      g_set_error_literal (error, G_IO_ERROR, G_IO_ERROR_INVALID_ARGUMENT,
                           _("The site address must begin with https://"));
      return FALSE;
    }
  nd_site_set_url (site, url);
  return TRUE;
}

static gboolean
check_url_free (NdSyncStore  *self,
                NdSite       *site,
                GError      **error)
{
  g_autoptr(GError) local_error = NULL;
  g_autoptr(NdSite) other = nd_sync_store_find_site_by_url (self, nd_site_get_url (site), &local_error);

  if (local_error != NULL)
    {
      g_propagate_error (error, g_steal_pointer (&local_error));
      return FALSE;
    }
  if (other == NULL)
    return TRUE;
  if (nd_site_get_id (other) == nd_site_get_id (site))
    return TRUE;

  g_set_error_literal (error, G_IO_ERROR, G_IO_ERROR_EXISTS,
                       _("A site with this address is already set up"));
  return FALSE;
}

static void
bind_site (sqlite3_stmt *stmt,
           NdSite       *site)
{
  nd_bind_text (stmt, 1, nd_site_get_name (site));
  nd_bind_text (stmt, 2, nd_site_get_url (site));
  nd_bind_text (stmt, 3, nd_site_get_username (site));
  nd_bind_text (stmt, 4, nd_site_get_timezone (site));
  sqlite3_bind_int (stmt, 5, nd_site_get_has_batch (site));
  sqlite3_bind_int (stmt, 6, nd_site_get_has_polylang (site));
  sqlite3_bind_int (stmt, 7, nd_site_get_has_plugin (site));
}

/**
 * nd_sync_store_add_site:
 * @self: a #NdSyncStore
 * @site: a site with no id yet
 * @error: return location for a #GError
 *
 * Adds a site and sets its id (and its creation time, when unset). The
 * address loses its trailing slashes; an address already set up is refused
 * with %G_IO_ERROR_EXISTS. No password is stored here: see NdAccount.
 *
 * Returns: %TRUE on success
 */
gboolean
nd_sync_store_add_site (NdSyncStore  *self,
                        NdSite       *site,
                        GError      **error)
{
  gint64 created_at;

  g_return_val_if_fail (ND_IS_SYNC_STORE (self), FALSE);
  g_return_val_if_fail (ND_IS_SITE (site), FALSE);
  g_return_val_if_fail (nd_site_get_id (site) == 0, FALSE);

  if (!check_site (site, error) || !check_url_free (self, site, error))
    return FALSE;

  created_at = nd_site_get_created_at (site);
  if (created_at == 0)
    created_at = g_get_real_time ();

  if (!nd_database_begin (self->database, error))
    return FALSE;

  {
    g_autoptr(NdStatement) stmt = nd_database_prepare (self->database,
                                                       "INSERT INTO sites (name, url, username, timezone,"
                                                       " has_batch, has_polylang, has_plugin, created_at)"
                                                       " VALUES (?, ?, ?, ?, ?, ?, ?, ?)",
                                                       error);
    if (stmt == NULL)
      return fail (self);
    bind_site (stmt, site);
    sqlite3_bind_int64 (stmt, 8, created_at);
    if (!nd_database_step_done (self->database, stmt, error))
      return fail (self);
  }

  if (!commit (self, error))
    return FALSE;

  nd_site_set_id (site, nd_database_last_insert_rowid (self->database));
  nd_site_set_created_at (site, created_at);
  queue_signal (self, SITE_CHANGED, nd_site_get_id (site));
  flush_signals (self);
  return TRUE;
}

/**
 * nd_sync_store_update_site:
 * @self: a #NdSyncStore
 * @site: a site that was added
 * @error: return location for a #GError
 *
 * Saves a site's name, address, user, time zone and capabilities.
 *
 * Returns: %TRUE on success; %G_IO_ERROR_NOT_FOUND when the site was removed
 */
gboolean
nd_sync_store_update_site (NdSyncStore  *self,
                           NdSite       *site,
                           GError      **error)
{
  g_return_val_if_fail (ND_IS_SYNC_STORE (self), FALSE);
  g_return_val_if_fail (ND_IS_SITE (site), FALSE);
  g_return_val_if_fail (nd_site_get_id (site) > 0, FALSE);

  if (!check_site (site, error) || !check_url_free (self, site, error))
    return FALSE;

  if (!nd_database_begin (self->database, error))
    return FALSE;

  {
    g_autoptr(NdStatement) stmt = nd_database_prepare (self->database,
                                                       "UPDATE sites SET name = ?, url = ?, username = ?,"
                                                       " timezone = ?, has_batch = ?, has_polylang = ?,"
                                                       " has_plugin = ? WHERE id = ?",
                                                       error);
    if (stmt == NULL)
      return fail (self);
    bind_site (stmt, site);
    sqlite3_bind_int64 (stmt, 8, nd_site_get_id (site));
    if (!nd_database_step_done (self->database, stmt, error))
      return fail (self);
    if (nd_database_changes (self->database) == 0)
      {
        set_not_found (error, _("The site is no longer set up"));
        return fail (self);
      }
  }

  if (!commit (self, error))
    return FALSE;

  queue_signal (self, SITE_CHANGED, nd_site_get_id (site));
  flush_signals (self);
  return TRUE;
}

/**
 * nd_sync_store_remove_site:
 * @self: a #NdSyncStore
 * @site_id: a site
 * @error: return location for a #GError
 *
 * Removes a site with its language map, outbox entries, id maps and cursor.
 * Its editions stay, local again: their posts are no longer known. Removing
 * a site that is not there is no error.
 *
 * Returns: %TRUE on success
 */
gboolean
nd_sync_store_remove_site (NdSyncStore  *self,
                           gint64        site_id,
                           GError      **error)
{
  g_autoptr(GArray) editions = NULL;

  g_return_val_if_fail (ND_IS_SYNC_STORE (self), FALSE);

  if (!nd_database_begin (self->database, error))
    return FALSE;

  editions = query_id_list (self, "SELECT edition_id FROM edition_sync WHERE site_id = ?",
                            site_id, TRUE, error);
  if (editions == NULL)
    return fail (self);

  {
    g_autoptr(NdStatement) stmt = nd_database_prepare (self->database,
                                                       "DELETE FROM sites WHERE id = ?", error);
    if (stmt == NULL)
      return fail (self);
    sqlite3_bind_int64 (stmt, 1, site_id);
    if (!nd_database_step_done (self->database, stmt, error))
      return fail (self);
  }

  if (!commit (self, error))
    return FALSE;

  queue_signal (self, SITE_CHANGED, site_id);
  queue_signal (self, OUTBOX_CHANGED, 0);
  for (guint i = 0; i < editions->len; i++)
    queue_signal (self, EDITION_SYNC_CHANGED, g_array_index (editions, gint64, i));
  flush_signals (self);
  return TRUE;
}

/**
 * nd_sync_store_list_sites:
 * @self: a #NdSyncStore
 * @error: return location for a #GError
 *
 * Returns: (transfer container) (element-type NdSite): the sites by name,
 *   or %NULL on error
 */
GPtrArray *
nd_sync_store_list_sites (NdSyncStore  *self,
                          GError      **error)
{
  g_autoptr(NdStatement) stmt = NULL;

  g_return_val_if_fail (ND_IS_SYNC_STORE (self), NULL);

  stmt = nd_database_prepare (self->database,
                              "SELECT " SITE_COLUMNS " FROM sites ORDER BY name COLLATE NOCASE, id",
                              error);
  if (stmt == NULL)
    return NULL;

  return read_rows (self, stmt, (gpointer (*) (sqlite3_stmt *)) read_site, g_object_unref, error);
}

static NdSite *
get_site_where (NdSyncStore  *self,
                const char   *sql,
                gint64        id,
                const char   *text,
                GError      **error)
{
  g_autoptr(NdStatement) stmt = nd_database_prepare (self->database, sql, error);
  gboolean has_row;

  if (stmt == NULL)
    return NULL;
  if (text != NULL)
    nd_bind_text (stmt, 1, text);
  else
    sqlite3_bind_int64 (stmt, 1, id);
  if (!step_row (self->database, stmt, &has_row, error) || !has_row)
    return NULL;

  return read_site (stmt);
}

/**
 * nd_sync_store_get_site:
 * @self: a #NdSyncStore
 * @site_id: a site
 * @error: return location for a #GError
 *
 * Returns: (transfer full) (nullable): the site, or %NULL when it is not
 *   there (no error) or on error
 */
NdSite *
nd_sync_store_get_site (NdSyncStore  *self,
                        gint64        site_id,
                        GError      **error)
{
  g_return_val_if_fail (ND_IS_SYNC_STORE (self), NULL);

  return get_site_where (self, "SELECT " SITE_COLUMNS " FROM sites WHERE id = ?",
                         site_id, NULL, error);
}

/**
 * nd_sync_store_find_site_by_url:
 * @self: a #NdSyncStore
 * @url: a site address; trailing slashes do not count
 * @error: return location for a #GError
 *
 * Returns: (transfer full) (nullable): the site, or %NULL when none has
 *   that address (no error) or on error
 */
NdSite *
nd_sync_store_find_site_by_url (NdSyncStore  *self,
                                const char   *url,
                                GError      **error)
{
  g_autofree char *normalized = NULL;

  g_return_val_if_fail (ND_IS_SYNC_STORE (self), NULL);
  g_return_val_if_fail (url != NULL, NULL);

  normalized = normalize_url (url);
  return get_site_where (self, "SELECT " SITE_COLUMNS " FROM sites WHERE url = ?",
                         0, normalized, error);
}

/**
 * nd_sync_store_set_language_site:
 * @self: a #NdSyncStore
 * @lang: a language of the publication
 * @site_id: the site that publishes it, or 0 for none
 * @error: return location for a #GError
 *
 * Maps a language to the site its editions are published on. One site may
 * serve several languages; a language has one site.
 *
 * Returns: %TRUE on success
 */
gboolean
nd_sync_store_set_language_site (NdSyncStore  *self,
                                 const char   *lang,
                                 gint64        site_id,
                                 GError      **error)
{
  g_autoptr(GError) local_error = NULL;
  gint64 old_site;
  g_autoptr(NdStatement) stmt = NULL;

  g_return_val_if_fail (ND_IS_SYNC_STORE (self), FALSE);
  g_return_val_if_fail (lang != NULL, FALSE);

  if (!nd_database_begin (self->database, error))
    return FALSE;

  old_site = nd_sync_store_get_language_site (self, lang, &local_error);
  if (local_error != NULL)
    {
      g_propagate_error (error, g_steal_pointer (&local_error));
      return fail (self);
    }

  if (site_id > 0)
    stmt = nd_database_prepare (self->database,
                                "INSERT INTO site_languages (lang, site_id) VALUES (?1, ?2)"
                                " ON CONFLICT (lang) DO UPDATE SET site_id = excluded.site_id",
                                error);
  else
    stmt = nd_database_prepare (self->database, "DELETE FROM site_languages WHERE lang = ?1", error);
  if (stmt == NULL)
    return fail (self);
  nd_bind_text (stmt, 1, lang);
  if (site_id > 0)
    sqlite3_bind_int64 (stmt, 2, site_id);
  if (!nd_database_step_done (self->database, stmt, error))
    return fail (self);
  g_clear_pointer (&stmt, nd_statement_release);

  if (!commit (self, error))
    return FALSE;

  if (old_site != site_id)
    {
      if (old_site > 0)
        queue_signal (self, SITE_CHANGED, old_site);
      if (site_id > 0)
        queue_signal (self, SITE_CHANGED, site_id);
    }
  flush_signals (self);
  return TRUE;
}

/**
 * nd_sync_store_get_language_site:
 * @self: a #NdSyncStore
 * @lang: a language
 * @error: return location for a #GError
 *
 * Returns: the site that publishes @lang, or 0 for none
 */
gint64
nd_sync_store_get_language_site (NdSyncStore  *self,
                                 const char   *lang,
                                 GError      **error)
{
  g_autoptr(NdStatement) stmt = NULL;
  gboolean has_row;

  g_return_val_if_fail (ND_IS_SYNC_STORE (self), 0);
  g_return_val_if_fail (lang != NULL, 0);

  stmt = nd_database_prepare (self->database, "SELECT site_id FROM site_languages WHERE lang = ?", error);
  if (stmt == NULL)
    return 0;
  nd_bind_text (stmt, 1, lang);
  if (!step_row (self->database, stmt, &has_row, error) || !has_row)
    return 0;

  return sqlite3_column_int64 (stmt, 0);
}

/**
 * nd_sync_store_list_site_languages:
 * @self: a #NdSyncStore
 * @site_id: a site
 * @error: return location for a #GError
 *
 * Returns: (transfer full): the languages the site publishes, in the
 *   publication's order (possibly none), or %NULL on error
 */
GStrv
nd_sync_store_list_site_languages (NdSyncStore  *self,
                                   gint64        site_id,
                                   GError      **error)
{
  g_autoptr(NdStatement) stmt = NULL;
  g_autoptr(GStrvBuilder) builder = g_strv_builder_new ();
  gboolean has_row;

  g_return_val_if_fail (ND_IS_SYNC_STORE (self), NULL);

  stmt = nd_database_prepare (self->database,
                              "SELECT sl.lang FROM site_languages sl JOIN languages l ON l.code = sl.lang"
                              " WHERE sl.site_id = ? ORDER BY l.position, l.code",
                              error);
  if (stmt == NULL)
    return NULL;
  sqlite3_bind_int64 (stmt, 1, site_id);

  for (;;)
    {
      if (!step_row (self->database, stmt, &has_row, error))
        return NULL;
      if (!has_row)
        break;
      g_strv_builder_add (builder, nd_column_text (stmt, 0));
    }

  return g_strv_builder_end (builder);
}

/* Editions ------------------------------------------------------------------ */

static gboolean
check_edition (NdSyncStore  *self,
               gint64        edition_id,
               GError      **error)
{
  g_autoptr(GError) local_error = NULL;

  if (query_id (self, "SELECT id FROM editions WHERE id = ?", edition_id, 0, 0, 1, &local_error) != 0)
    return TRUE;
  if (local_error != NULL)
    g_propagate_error (error, g_steal_pointer (&local_error));
  else
    set_not_found (error, _("The edition does not exist; it may have been deleted"));

  return FALSE;
}

/* Makes the edition's sync row when it has none; it needs a uuid, made once
 * and never changed but by nd_sync_store_adopt_edition(). Runs inside the
 * caller's transaction. */
static gboolean
ensure_row (NdSyncStore  *self,
            gint64        edition_id,
            GError      **error)
{
  g_autoptr(NdStatement) stmt = NULL;
  g_autofree char *uuid = g_uuid_string_random ();

  if (!check_edition (self, edition_id, error))
    return FALSE;

  stmt = nd_database_prepare (self->database,
                              "INSERT OR IGNORE INTO edition_sync (edition_id, uuid) VALUES (?, ?)",
                              error);
  if (stmt == NULL)
    return FALSE;
  sqlite3_bind_int64 (stmt, 1, edition_id);
  nd_bind_text (stmt, 2, uuid);

  return nd_database_step_done (self->database, stmt, error);
}

/**
 * nd_sync_store_ensure_edition_uuid:
 * @self: a #NdSyncStore
 * @edition_id: an edition
 * @error: return location for a #GError
 *
 * Returns the edition's client uuid, making it the first time. It is
 * written into the edition's post, so that a post whose creation answer was
 * lost can be found again; it never changes.
 *
 * Returns: (transfer full): the uuid, or %NULL on error
 *   (%G_IO_ERROR_NOT_FOUND when the edition does not exist)
 */
char *
nd_sync_store_ensure_edition_uuid (NdSyncStore  *self,
                                   gint64        edition_id,
                                   GError      **error)
{
  g_autoptr(NdStatement) stmt = NULL;
  gboolean has_row;
  char *uuid;

  g_return_val_if_fail (ND_IS_SYNC_STORE (self), NULL);

  if (!nd_database_begin (self->database, error))
    return NULL;
  if (!ensure_row (self, edition_id, error))
    {
      fail (self);
      return NULL;
    }

  stmt = nd_database_prepare (self->database, "SELECT uuid FROM edition_sync WHERE edition_id = ?", error);
  if (stmt == NULL)
    {
      fail (self);
      return NULL;
    }
  sqlite3_bind_int64 (stmt, 1, edition_id);
  if (!step_row (self->database, stmt, &has_row, error) || !has_row)
    {
      g_clear_pointer (&stmt, nd_statement_release);
      fail (self);
      return NULL;
    }
  uuid = g_strdup (nd_column_text (stmt, 0));
  g_clear_pointer (&stmt, nd_statement_release);

  if (!commit (self, error))
    {
      g_free (uuid);
      return NULL;
    }

  flush_signals (self);
  return uuid;
}

/**
 * nd_sync_store_adopt_edition:
 * @self: a #NdSyncStore
 * @edition_id: an edition
 * @site_id: the site its post lives on
 * @remote_id: the post's id there
 * @uuid: (nullable): the uuid the post carries, to become the edition's
 *   (a post made by Newsdesk elsewhere), or %NULL to keep the edition's
 * @error: return location for a #GError
 *
 * Links an edition to an existing post: one pulled from the site, or one
 * found after a create whose answer was lost.
 *
 * Returns: %TRUE on success
 */
gboolean
nd_sync_store_adopt_edition (NdSyncStore  *self,
                             gint64        edition_id,
                             gint64        site_id,
                             gint64        remote_id,
                             const char   *uuid,
                             GError      **error)
{
  g_return_val_if_fail (ND_IS_SYNC_STORE (self), FALSE);

  if (!nd_database_begin (self->database, error))
    return FALSE;
  if (!ensure_row (self, edition_id, error))
    return fail (self);

  {
    g_autoptr(NdStatement) stmt = nd_database_prepare (self->database,
                                                       "UPDATE edition_sync SET site_id = ?, remote_id = ?,"
                                                       " uuid = coalesce (?, uuid) WHERE edition_id = ?",
                                                       error);
    if (stmt == NULL)
      return fail (self);
    bind_id (stmt, 1, site_id);
    bind_id (stmt, 2, remote_id);
    nd_bind_text (stmt, 3, uuid);
    sqlite3_bind_int64 (stmt, 4, edition_id);
    if (!nd_database_step_done (self->database, stmt, error))
      return fail (self);
  }

  if (!commit (self, error))
    return FALSE;

  queue_signal (self, EDITION_SYNC_CHANGED, edition_id);
  flush_signals (self);
  return TRUE;
}

/**
 * nd_sync_store_get_edition_sync:
 * @self: a #NdSyncStore
 * @edition_id: an edition
 * @error: return location for a #GError
 *
 * Reads what is known of the edition's post. An edition never synced has
 * state %ND_EDITION_SYNC_LOCAL, no remote id and maybe no uuid yet.
 *
 * Returns: (transfer full) (nullable): the record, or %NULL when the
 *   edition does not exist (no error) or on error
 */
NdEditionSync *
nd_sync_store_get_edition_sync (NdSyncStore  *self,
                                gint64        edition_id,
                                GError      **error)
{
  g_autoptr(NdStatement) stmt = NULL;
  gboolean has_row;

  g_return_val_if_fail (ND_IS_SYNC_STORE (self), NULL);

  stmt = nd_database_prepare (self->database,
                              "SELECT " EDITION_SYNC_COLUMNS " FROM editions e"
                              " LEFT JOIN edition_sync s ON s.edition_id = e.id WHERE e.id = ?",
                              error);
  if (stmt == NULL)
    return NULL;
  sqlite3_bind_int64 (stmt, 1, edition_id);
  if (!step_row (self->database, stmt, &has_row, error) || !has_row)
    return NULL;

  return read_edition_sync (stmt);
}

/**
 * nd_sync_store_set_remote_id:
 * @self: a #NdSyncStore
 * @edition_id: an edition
 * @site_id: the site its post was created on
 * @remote_id: the post's id
 * @error: return location for a #GError
 *
 * Records the post created for an edition.
 *
 * Returns: %TRUE on success
 */
gboolean
nd_sync_store_set_remote_id (NdSyncStore  *self,
                             gint64        edition_id,
                             gint64        site_id,
                             gint64        remote_id,
                             GError      **error)
{
  return nd_sync_store_adopt_edition (self, edition_id, site_id, remote_id, NULL, error);
}

/**
 * nd_sync_store_get_remote_id:
 * @self: a #NdSyncStore
 * @edition_id: an edition
 * @error: return location for a #GError
 *
 * Returns: the id of the edition's post, or 0 when it has none
 */
gint64
nd_sync_store_get_remote_id (NdSyncStore  *self,
                             gint64        edition_id,
                             GError      **error)
{
  g_return_val_if_fail (ND_IS_SYNC_STORE (self), 0);

  return query_id (self, "SELECT remote_id FROM edition_sync WHERE edition_id = ?",
                   edition_id, 0, 0, 1, error);
}

/**
 * nd_sync_store_set_base_seen:
 * @self: a #NdSyncStore
 * @edition_id: an edition
 * @base_json: (nullable): the synced fields as now agreed with the server
 * @modified_gmt: (nullable): the post's `modified_gmt` in that answer
 * @synced_revision: the edition revision the agreement was made from
 * @changes_seen: the edition's #NdEditionSync.changes when the engine read
 *   the fields it sent (after writing anything it took from the server)
 * @error: return location for a #GError
 *
 * Records a sync of an edition. Its state becomes synced, or pending when
 * the editor changed it meanwhile (its revision passed @synced_revision, or
 * its change counter passed @changes_seen), or stays conflict while it has
 * open conflicts. The last error is cleared.
 *
 * Returns: %TRUE on success
 */
gboolean
nd_sync_store_set_base_seen (NdSyncStore  *self,
                             gint64        edition_id,
                             const char   *base_json,
                             const char   *modified_gmt,
                             gint64        synced_revision,
                             gint64        changes_seen,
                             GError      **error)
{
  g_return_val_if_fail (ND_IS_SYNC_STORE (self), FALSE);

  if (!nd_database_begin (self->database, error))
    return FALSE;
  if (!ensure_row (self, edition_id, error))
    return fail (self);

  {
    g_autoptr(NdStatement) stmt = nd_database_prepare (self->database,
                                                       "UPDATE edition_sync SET base_json = ?1,"
                                                       " base_modified_gmt = ?2, synced_revision = ?3,"
                                                       " last_error = NULL, synced_at = ?4,"
                                                       " state = CASE"
                                                       "  WHEN EXISTS (SELECT 1 FROM conflicts c"
                                                       "    WHERE c.edition_id = ?5 AND c.resolved_at IS NULL)"
                                                       "    THEN 'conflict'"
                                                       "  WHEN (SELECT revision FROM editions WHERE id = ?5) > ?3"
                                                       "    OR (?6 >= 0 AND changes > ?6) THEN 'pending'"
                                                       "  ELSE 'synced' END"
                                                       " WHERE edition_id = ?5",
                                                       error);
    if (stmt == NULL)
      return fail (self);
    nd_bind_text (stmt, 1, base_json);
    nd_bind_text (stmt, 2, modified_gmt);
    sqlite3_bind_int64 (stmt, 3, synced_revision);
    sqlite3_bind_int64 (stmt, 4, g_get_real_time ());
    sqlite3_bind_int64 (stmt, 5, edition_id);
    sqlite3_bind_int64 (stmt, 6, changes_seen);
    if (!nd_database_step_done (self->database, stmt, error))
      return fail (self);
  }

  if (!commit (self, error))
    return FALSE;

  queue_signal (self, EDITION_SYNC_CHANGED, edition_id);
  flush_signals (self);
  return TRUE;
}

/**
 * nd_sync_store_set_base:
 * @self: a #NdSyncStore
 * @edition_id: an edition
 * @base_json: (nullable): the synced fields as now agreed with the server
 * @modified_gmt: (nullable): the post's `modified_gmt` in that answer
 * @synced_revision: the edition revision the agreement was made from
 * @error: return location for a #GError
 *
 * nd_sync_store_set_base_seen() without the change counter: only the
 * revision tells whether the edition changed meanwhile.
 *
 * Returns: %TRUE on success
 */
gboolean
nd_sync_store_set_base (NdSyncStore  *self,
                        gint64        edition_id,
                        const char   *base_json,
                        const char   *modified_gmt,
                        gint64        synced_revision,
                        GError      **error)
{
  return nd_sync_store_set_base_seen (self, edition_id, base_json, modified_gmt,
                                      synced_revision, -1, error);
}

/**
 * nd_sync_store_get_base:
 * @self: a #NdSyncStore
 * @edition_id: an edition
 * @modified_gmt: (out) (optional) (nullable): the base's `modified_gmt`
 * @error: return location for a #GError
 *
 * Returns: (transfer full) (nullable): the base, or %NULL when the edition
 *   was never synced (no error) or on error
 */
char *
nd_sync_store_get_base (NdSyncStore  *self,
                        gint64        edition_id,
                        char        **modified_gmt,
                        GError      **error)
{
  g_autoptr(NdStatement) stmt = NULL;
  gboolean has_row;

  g_return_val_if_fail (ND_IS_SYNC_STORE (self), NULL);

  if (modified_gmt != NULL)
    *modified_gmt = NULL;

  stmt = nd_database_prepare (self->database,
                              "SELECT base_json, base_modified_gmt FROM edition_sync WHERE edition_id = ?",
                              error);
  if (stmt == NULL)
    return NULL;
  sqlite3_bind_int64 (stmt, 1, edition_id);
  if (!step_row (self->database, stmt, &has_row, error) || !has_row)
    return NULL;

  if (modified_gmt != NULL)
    *modified_gmt = column_dup (stmt, 1);
  return column_dup (stmt, 0);
}

/**
 * nd_sync_store_set_edition_state:
 * @self: a #NdSyncStore
 * @edition_id: an edition
 * @state: its new state
 * @last_error: (nullable): for %ND_EDITION_SYNC_ERROR, why, in plain words
 *   (never a password); cleared for the other states when %NULL
 * @error: return location for a #GError
 *
 * Returns: %TRUE on success
 */
gboolean
nd_sync_store_set_edition_state (NdSyncStore         *self,
                                 gint64               edition_id,
                                 NdEditionSyncState   state,
                                 const char          *last_error,
                                 GError             **error)
{
  gboolean changed;

  g_return_val_if_fail (ND_IS_SYNC_STORE (self), FALSE);
  g_return_val_if_fail (state <= ND_EDITION_SYNC_ERROR, FALSE);

  if (!nd_database_begin (self->database, error))
    return FALSE;
  if (!ensure_row (self, edition_id, error))
    return fail (self);

  {
    g_autoptr(NdStatement) stmt = nd_database_prepare (self->database,
                                                       "UPDATE edition_sync SET state = ?1, last_error = ?2"
                                                       " WHERE edition_id = ?3"
                                                       " AND (state IS NOT ?1 OR last_error IS NOT ?2)",
                                                       error);
    if (stmt == NULL)
      return fail (self);
    nd_bind_text (stmt, 1, edition_states[state]);
    nd_bind_text (stmt, 2, last_error);
    sqlite3_bind_int64 (stmt, 3, edition_id);
    if (!nd_database_step_done (self->database, stmt, error))
      return fail (self);
    changed = nd_database_changes (self->database) > 0;
  }

  if (!commit (self, error))
    return FALSE;

  if (changed)
    queue_signal (self, EDITION_SYNC_CHANGED, edition_id);
  flush_signals (self);
  return TRUE;
}

/**
 * nd_sync_store_get_edition_state:
 * @self: a #NdSyncStore
 * @edition_id: an edition
 *
 * Returns: the edition's state; %ND_EDITION_SYNC_LOCAL when it was never
 *   synced or cannot be read
 */
NdEditionSyncState
nd_sync_store_get_edition_state (NdSyncStore *self,
                                 gint64       edition_id)
{
  g_autoptr(NdStatement) stmt = NULL;
  gboolean has_row;

  g_return_val_if_fail (ND_IS_SYNC_STORE (self), ND_EDITION_SYNC_LOCAL);

  stmt = nd_database_prepare (self->database, "SELECT state FROM edition_sync WHERE edition_id = ?", NULL);
  if (stmt == NULL)
    return ND_EDITION_SYNC_LOCAL;
  sqlite3_bind_int64 (stmt, 1, edition_id);
  if (!step_row (self->database, stmt, &has_row, NULL) || !has_row)
    return ND_EDITION_SYNC_LOCAL;

  return enum_from_string (edition_states, G_N_ELEMENTS (edition_states),
                           (const char *) sqlite3_column_text (stmt, 0), ND_EDITION_SYNC_LOCAL);
}

/**
 * nd_sync_store_get_story_state:
 * @self: a #NdSyncStore
 * @story_id: a story
 *
 * The state a story shows: the most pressing of its editions' (those with
 * text to publish, not those waiting for a translation), in the order
 * conflict, error, pending, local, synced.
 *
 * Returns: the story's state
 */
NdEditionSyncState
nd_sync_store_get_story_state (NdSyncStore *self,
                               gint64       story_id)
{
  /* Higher is more pressing. */
  static const int rank[] = {
    [ND_EDITION_SYNC_SYNCED] = 0,
    [ND_EDITION_SYNC_LOCAL] = 1,
    [ND_EDITION_SYNC_PENDING] = 2,
    [ND_EDITION_SYNC_ERROR] = 3,
    [ND_EDITION_SYNC_CONFLICT] = 4,
  };
  g_autoptr(NdStatement) stmt = NULL;
  NdEditionSyncState result = ND_EDITION_SYNC_LOCAL;
  gboolean any = FALSE;
  gboolean has_row;

  g_return_val_if_fail (ND_IS_SYNC_STORE (self), ND_EDITION_SYNC_LOCAL);

  stmt = nd_database_prepare (self->database,
                              "SELECT coalesce (s.state, 'local') FROM editions e"
                              " LEFT JOIN edition_sync s ON s.edition_id = e.id"
                              " WHERE e.story_id = ? AND e.status <> 'needs-translation'",
                              NULL);
  if (stmt == NULL)
    return ND_EDITION_SYNC_LOCAL;
  sqlite3_bind_int64 (stmt, 1, story_id);

  while (step_row (self->database, stmt, &has_row, NULL) && has_row)
    {
      NdEditionSyncState state = enum_from_string (edition_states, G_N_ELEMENTS (edition_states),
                                                   (const char *) sqlite3_column_text (stmt, 0),
                                                   ND_EDITION_SYNC_LOCAL);

      if (!any || rank[state] > rank[result])
        result = state;
      any = TRUE;
    }

  return result;
}

/**
 * nd_sync_store_find_edition_by_remote:
 * @self: a #NdSyncStore
 * @site_id: a site
 * @remote_id: a post id on it
 * @error: return location for a #GError
 *
 * Returns: the edition of that post, or 0 when none
 */
gint64
nd_sync_store_find_edition_by_remote (NdSyncStore  *self,
                                      gint64        site_id,
                                      gint64        remote_id,
                                      GError      **error)
{
  g_return_val_if_fail (ND_IS_SYNC_STORE (self), 0);

  return query_id (self, "SELECT edition_id FROM edition_sync WHERE site_id = ? AND remote_id = ?",
                   site_id, remote_id, 0, 2, error);
}

/**
 * nd_sync_store_find_edition_by_uuid:
 * @self: a #NdSyncStore
 * @uuid: an edition's client uuid
 * @error: return location for a #GError
 *
 * Returns: the edition with that uuid, or 0 when none
 */
gint64
nd_sync_store_find_edition_by_uuid (NdSyncStore  *self,
                                    const char   *uuid,
                                    GError      **error)
{
  g_autoptr(NdStatement) stmt = NULL;
  gboolean has_row;

  g_return_val_if_fail (ND_IS_SYNC_STORE (self), 0);
  g_return_val_if_fail (uuid != NULL, 0);

  stmt = nd_database_prepare (self->database, "SELECT edition_id FROM edition_sync WHERE uuid = ?", error);
  if (stmt == NULL)
    return 0;
  nd_bind_text (stmt, 1, uuid);
  if (!step_row (self->database, stmt, &has_row, error) || !has_row)
    return 0;

  return sqlite3_column_int64 (stmt, 0);
}

/**
 * nd_sync_store_list_editions_to_push:
 * @self: a #NdSyncStore
 * @site_id: a site
 * @error: return location for a #GError
 *
 * Lists the editions in the site's languages that have something to send:
 * never sent, changed since their base (revision or state pending), or in
 * error. An edition whose post was deleted on the site (see
 * nd_sync_store_forget_remote()) is listed again only once it is edited.
 * Editions waiting for a translation and editions with open
 * conflicts are left out; so are trashed stories' editions that have no
 * post. A trashed story's edition with a post is listed so that its post is
 * trashed.
 *
 * Returns: (transfer full) (element-type gint64): edition ids in id order,
 *   or %NULL on error
 */
GArray *
nd_sync_store_list_editions_to_push (NdSyncStore  *self,
                                     gint64        site_id,
                                     GError      **error)
{
  g_return_val_if_fail (ND_IS_SYNC_STORE (self), NULL);

  return query_id_list (self,
                        "SELECT e.id FROM site_languages sl"
                        " JOIN editions e ON e.lang = sl.lang"
                        " JOIN stories st ON st.id = e.story_id"
                        " LEFT JOIN edition_sync s ON s.edition_id = e.id"
                        " WHERE sl.site_id = ?1 AND e.status <> 'needs-translation'"
                        " AND (st.trashed_at IS NULL OR s.remote_id IS NOT NULL)"
                        " AND coalesce (s.state, 'local') <> 'conflict'"
                        " AND (s.edition_id IS NULL"
                        /* No post: never sent, or unlinked from a post deleted
                         * on the site and edited since. */
                        "   OR (s.remote_id IS NULL AND (s.synced_revision IS NULL"
                        "       OR e.revision > s.synced_revision))"
                        "   OR (s.remote_id IS NOT NULL AND (s.state IN ('local', 'pending', 'error')"
                        "       OR s.synced_revision IS NULL OR e.revision > s.synced_revision)))"
                        " ORDER BY e.id",
                        site_id, TRUE, error);
}

/**
 * nd_sync_store_list_remote_ids:
 * @self: a #NdSyncStore
 * @site_id: a site
 * @error: return location for a #GError
 *
 * Lists the posts of the site that editions here are linked to, for finding
 * the posts deleted on the site.
 *
 * Returns: (transfer full) (element-type gint64): post ids, ascending, or
 *   %NULL on error
 */
GArray *
nd_sync_store_list_remote_ids (NdSyncStore  *self,
                               gint64        site_id,
                               GError      **error)
{
  g_return_val_if_fail (ND_IS_SYNC_STORE (self), NULL);

  return query_id_list (self,
                        "SELECT remote_id FROM edition_sync WHERE site_id = ? AND remote_id IS NOT NULL"
                        " ORDER BY remote_id",
                        site_id, TRUE, error);
}

/**
 * nd_sync_store_list_tombstones:
 * @self: a #NdSyncStore
 * @site_id: a site
 * @error: return location for a #GError
 *
 * Lists the posts whose editions were deleted here (the trash emptied) and
 * that are still to be deleted on the site.
 *
 * Returns: (transfer full) (element-type gint64): post ids, or %NULL on
 *   error
 */
GArray *
nd_sync_store_list_tombstones (NdSyncStore  *self,
                               gint64        site_id,
                               GError      **error)
{
  g_return_val_if_fail (ND_IS_SYNC_STORE (self), NULL);

  return query_id_list (self,
                        "SELECT remote_id FROM sync_tombstones WHERE site_id = ? ORDER BY deleted_at, remote_id",
                        site_id, TRUE, error);
}

/**
 * nd_sync_store_remove_tombstone:
 * @self: a #NdSyncStore
 * @site_id: a site
 * @remote_id: a post deleted on it (or found gone)
 * @error: return location for a #GError
 *
 * Returns: %TRUE on success
 */
gboolean
nd_sync_store_remove_tombstone (NdSyncStore  *self,
                                gint64        site_id,
                                gint64        remote_id,
                                GError      **error)
{
  g_autoptr(NdStatement) stmt = NULL;

  g_return_val_if_fail (ND_IS_SYNC_STORE (self), FALSE);

  stmt = nd_database_prepare (self->database,
                              "DELETE FROM sync_tombstones WHERE site_id = ? AND remote_id = ?", error);
  if (stmt == NULL)
    return FALSE;
  sqlite3_bind_int64 (stmt, 1, site_id);
  sqlite3_bind_int64 (stmt, 2, remote_id);

  return nd_database_step_done (self->database, stmt, error);
}

/**
 * nd_sync_store_forget_remote:
 * @self: a #NdSyncStore
 * @edition_id: an edition
 * @error: return location for a #GError
 *
 * Unlinks an edition from its post (deleted on the site, or trashed there
 * by Newsdesk before the edition is deleted here): it becomes local, keeps
 * its uuid, and deleting it leaves no tombstone.
 *
 * Returns: %TRUE on success
 */
gboolean
nd_sync_store_forget_remote (NdSyncStore  *self,
                             gint64        edition_id,
                             GError      **error)
{
  gboolean changed;

  g_return_val_if_fail (ND_IS_SYNC_STORE (self), FALSE);

  if (!nd_database_begin (self->database, error))
    return FALSE;

  {
    g_autoptr(NdStatement) stmt = nd_database_prepare (self->database,
                                                       "UPDATE edition_sync SET site_id = NULL, remote_id = NULL,"
                                                       " base_json = NULL, base_modified_gmt = NULL,"
                                                       " synced_revision = NULL, state = 'local', last_error = NULL"
                                                       " WHERE edition_id = ?",
                                                       error);
    if (stmt == NULL)
      return fail (self);
    sqlite3_bind_int64 (stmt, 1, edition_id);
    if (!nd_database_step_done (self->database, stmt, error))
      return fail (self);
    changed = nd_database_changes (self->database) > 0;
  }

  if (!commit (self, error))
    return FALSE;

  if (changed)
    queue_signal (self, EDITION_SYNC_CHANGED, edition_id);
  flush_signals (self);
  return TRUE;
}

/* The outbox ---------------------------------------------------------------- */

/**
 * nd_sync_store_outbox_add:
 * @self: a #NdSyncStore
 * @edition_id: the edition concerned, or 0 (a media upload)
 * @site_id: the site to send it to
 * @op: what to do
 * @payload_json: (nullable): what to send, as the engine wants it back
 * @uuid: (out) (optional) (transfer full): the entry's client uuid
 * @error: return location for a #GError
 *
 * Writes an operation to the outbox. It is committed (and, with the
 * database's synchronous=FULL, on disk) when this returns, before anything
 * is sent.
 *
 * Returns: the entry's id, or 0 on error
 */
gint64
nd_sync_store_outbox_add (NdSyncStore  *self,
                          gint64        edition_id,
                          gint64        site_id,
                          NdOutboxOp    op,
                          const char   *payload_json,
                          char        **uuid,
                          GError      **error)
{
  g_autofree char *new_uuid = g_uuid_string_random ();
  gint64 id;

  g_return_val_if_fail (ND_IS_SYNC_STORE (self), 0);
  g_return_val_if_fail (op <= ND_OUTBOX_MEDIA, 0);
  g_return_val_if_fail (site_id > 0, 0);

  if (uuid != NULL)
    *uuid = NULL;

  if (!nd_database_begin (self->database, error))
    return 0;

  {
    g_autoptr(NdStatement) stmt = nd_database_prepare (self->database,
                                                       "INSERT INTO outbox (uuid, edition_id, site_id, op,"
                                                       " payload_json, state, created_at)"
                                                       " VALUES (?, ?, ?, ?, ?, 'queued', ?)",
                                                       error);
    if (stmt == NULL)
      return fail (self);
    nd_bind_text (stmt, 1, new_uuid);
    bind_id (stmt, 2, edition_id);
    sqlite3_bind_int64 (stmt, 3, site_id);
    nd_bind_text (stmt, 4, outbox_ops[op]);
    nd_bind_text (stmt, 5, payload_json);
    sqlite3_bind_int64 (stmt, 6, g_get_real_time ());
    if (!nd_database_step_done (self->database, stmt, error))
      return fail (self);
    id = nd_database_last_insert_rowid (self->database);
  }

  if (!commit (self, error))
    return 0;

  if (uuid != NULL)
    *uuid = g_steal_pointer (&new_uuid);
  queue_signal (self, OUTBOX_CHANGED, 0);
  flush_signals (self);
  return id;
}

static NdOutboxItem *
read_one_outbox_item (NdSyncStore  *self,
                      sqlite3_stmt *stmt,
                      GError      **error)
{
  gboolean has_row;

  if (!step_row (self->database, stmt, &has_row, error) || !has_row)
    return NULL;

  return read_outbox_item (stmt);
}

/**
 * nd_sync_store_outbox_get:
 * @self: a #NdSyncStore
 * @id: an outbox entry
 * @error: return location for a #GError
 *
 * Returns: (transfer full) (nullable): the entry, or %NULL when it is not
 *   there (no error) or on error
 */
NdOutboxItem *
nd_sync_store_outbox_get (NdSyncStore  *self,
                          gint64        id,
                          GError      **error)
{
  g_autoptr(NdStatement) stmt = NULL;

  g_return_val_if_fail (ND_IS_SYNC_STORE (self), NULL);

  stmt = nd_database_prepare (self->database, "SELECT " OUTBOX_COLUMNS " FROM outbox WHERE id = ?", error);
  if (stmt == NULL)
    return NULL;
  sqlite3_bind_int64 (stmt, 1, id);

  return read_one_outbox_item (self, stmt, error);
}

/**
 * nd_sync_store_outbox_find_open:
 * @self: a #NdSyncStore
 * @edition_id: an edition
 * @op: an operation
 * @error: return location for a #GError
 *
 * Finds the oldest entry for the edition and operation that is not done
 * and not given up (queued, in flight, or failed with a next attempt): an
 * edition needs no second create while one is open.
 *
 * Returns: (transfer full) (nullable): the entry, or %NULL when none (no
 *   error) or on error
 */
NdOutboxItem *
nd_sync_store_outbox_find_open (NdSyncStore  *self,
                                gint64        edition_id,
                                NdOutboxOp    op,
                                GError      **error)
{
  g_autoptr(NdStatement) stmt = NULL;

  g_return_val_if_fail (ND_IS_SYNC_STORE (self), NULL);
  g_return_val_if_fail (op <= ND_OUTBOX_MEDIA, NULL);

  stmt = nd_database_prepare (self->database,
                              "SELECT " OUTBOX_COLUMNS " FROM outbox WHERE edition_id = ? AND op = ?"
                              " AND (state IN ('queued', 'in-flight') OR (state = 'failed' AND next_attempt_at > 0))"
                              " ORDER BY id LIMIT 1",
                              error);
  if (stmt == NULL)
    return NULL;
  sqlite3_bind_int64 (stmt, 1, edition_id);
  nd_bind_text (stmt, 2, outbox_ops[op]);

  return read_one_outbox_item (self, stmt, error);
}

/* Runs one UPDATE of an outbox entry; not finding the entry is an error,
 * since the engine holds entries it read. */
static gboolean
update_outbox (NdSyncStore  *self,
               const char   *sql,
               gint64        id,
               gint64        time,
               const char   *text,
               GError      **error)
{
  if (!nd_database_begin (self->database, error))
    return FALSE;

  {
    g_autoptr(NdStatement) stmt = nd_database_prepare (self->database, sql, error);

    if (stmt == NULL)
      return fail (self);
    /* Each statement names only the parameters it uses. */
    sqlite3_bind_int64 (stmt, 1, id);
    if (sqlite3_bind_parameter_count (stmt) >= 2)
      sqlite3_bind_int64 (stmt, 2, time);
    if (sqlite3_bind_parameter_count (stmt) >= 3)
      nd_bind_text (stmt, 3, text);
    if (!nd_database_step_done (self->database, stmt, error))
      return fail (self);
    if (nd_database_changes (self->database) == 0)
      {
        set_not_found (error, _("The sync operation is no longer in the outbox"));
        return fail (self);
      }
  }

  if (!commit (self, error))
    return FALSE;

  queue_signal (self, OUTBOX_CHANGED, 0);
  flush_signals (self);
  return TRUE;
}

/**
 * nd_sync_store_outbox_mark_in_flight:
 * @self: a #NdSyncStore
 * @id: an outbox entry
 * @error: return location for a #GError
 *
 * Records, durably, that the entry is about to be sent. Call it before the
 * request leaves: an entry found in flight after a crash may have been done
 * by the server.
 *
 * Returns: %TRUE on success
 */
gboolean
nd_sync_store_outbox_mark_in_flight (NdSyncStore  *self,
                                     gint64        id,
                                     GError      **error)
{
  g_return_val_if_fail (ND_IS_SYNC_STORE (self), FALSE);

  return update_outbox (self,
                        "UPDATE outbox SET state = 'in-flight' WHERE id = ?1",
                        id, 0, NULL, error);
}

/**
 * nd_sync_store_outbox_mark_done:
 * @self: a #NdSyncStore
 * @id: an outbox entry
 * @error: return location for a #GError
 *
 * Records that the server did it.
 *
 * Returns: %TRUE on success
 */
gboolean
nd_sync_store_outbox_mark_done (NdSyncStore  *self,
                                gint64        id,
                                GError      **error)
{
  g_return_val_if_fail (ND_IS_SYNC_STORE (self), FALSE);

  return update_outbox (self,
                        "UPDATE outbox SET state = 'done', done_at = ?2, last_error = ?3 WHERE id = ?1",
                        id, g_get_real_time (), NULL, error);
}

/**
 * nd_sync_store_outbox_mark_failed:
 * @self: a #NdSyncStore
 * @id: an outbox entry
 * @next_attempt_at: when to try again (microseconds since the epoch), or 0
 *   to give up
 * @last_error: (nullable): why, in plain words (never a password)
 * @error: return location for a #GError
 *
 * Records a failed attempt: one more attempt counted.
 *
 * Returns: %TRUE on success
 */
gboolean
nd_sync_store_outbox_mark_failed (NdSyncStore  *self,
                                  gint64        id,
                                  gint64        next_attempt_at,
                                  const char   *last_error,
                                  GError      **error)
{
  g_return_val_if_fail (ND_IS_SYNC_STORE (self), FALSE);

  return update_outbox (self,
                        "UPDATE outbox SET state = 'failed', attempts = attempts + 1,"
                        " next_attempt_at = max (?2, 0), last_error = ?3 WHERE id = ?1",
                        id, next_attempt_at, last_error, error);
}

/**
 * nd_sync_store_outbox_requeue:
 * @self: a #NdSyncStore
 * @id: an outbox entry
 * @next_attempt_at: when to send it (microseconds since the epoch), 0 for
 *   at once
 * @error: return location for a #GError
 *
 * Puts an entry back in the queue without counting an attempt: an entry
 * found in flight after a crash, once the engine knows the server did not
 * do it.
 *
 * Returns: %TRUE on success
 */
gboolean
nd_sync_store_outbox_requeue (NdSyncStore  *self,
                              gint64        id,
                              gint64        next_attempt_at,
                              GError      **error)
{
  g_return_val_if_fail (ND_IS_SYNC_STORE (self), FALSE);

  return update_outbox (self,
                        "UPDATE outbox SET state = 'queued', next_attempt_at = max (?2, 0)"
                        " WHERE id = ?1",
                        id, next_attempt_at, NULL, error);
}

/**
 * nd_sync_store_outbox_set_payload:
 * @self: a #NdSyncStore
 * @id: an outbox entry
 * @payload_json: (nullable): its new payload
 * @error: return location for a #GError
 *
 * Replaces what an entry will send (a queued update that gathered more
 * changes).
 *
 * Returns: %TRUE on success
 */
gboolean
nd_sync_store_outbox_set_payload (NdSyncStore  *self,
                                  gint64        id,
                                  const char   *payload_json,
                                  GError      **error)
{
  g_return_val_if_fail (ND_IS_SYNC_STORE (self), FALSE);

  return update_outbox (self, "UPDATE outbox SET payload_json = ?3 WHERE id = ?1",
                        id, 0, payload_json, error);
}

/**
 * nd_sync_store_outbox_list_due:
 * @self: a #NdSyncStore
 * @site_id: a site, or 0 for all
 * @now: the time, microseconds since the epoch
 * @limit: the most entries to return, 0 for all
 * @error: return location for a #GError
 *
 * Lists the entries to send now: queued ones and failed ones whose next
 * attempt has come, oldest first.
 *
 * Returns: (transfer container) (element-type NdOutboxItem): the entries,
 *   or %NULL on error
 */
GPtrArray *
nd_sync_store_outbox_list_due (NdSyncStore  *self,
                               gint64        site_id,
                               gint64        now,
                               guint         limit,
                               GError      **error)
{
  g_autoptr(NdStatement) stmt = NULL;

  g_return_val_if_fail (ND_IS_SYNC_STORE (self), NULL);

  stmt = nd_database_prepare (self->database,
                              "SELECT " OUTBOX_COLUMNS " FROM outbox"
                              " WHERE ((state = 'queued' AND next_attempt_at <= ?2)"
                              "   OR (state = 'failed' AND next_attempt_at > 0 AND next_attempt_at <= ?2))"
                              " AND (?1 = 0 OR site_id = ?1)"
                              " ORDER BY id LIMIT ?3",
                              error);
  if (stmt == NULL)
    return NULL;
  sqlite3_bind_int64 (stmt, 1, MAX (site_id, 0));
  sqlite3_bind_int64 (stmt, 2, now);
  sqlite3_bind_int64 (stmt, 3, limit > 0 ? (gint64) limit : -1);

  return read_rows (self, stmt, (gpointer (*) (sqlite3_stmt *)) read_outbox_item,
                    (GDestroyNotify) nd_outbox_item_free, error);
}

/**
 * nd_sync_store_outbox_list_in_flight:
 * @self: a #NdSyncStore
 * @error: return location for a #GError
 *
 * Lists the entries left in flight: at start-up, those whose answer was
 * lost in a crash. A create among them must be looked up on the server
 * (by its edition's uuid) before it is sent again.
 *
 * Returns: (transfer container) (element-type NdOutboxItem): the entries,
 *   oldest first, or %NULL on error
 */
GPtrArray *
nd_sync_store_outbox_list_in_flight (NdSyncStore  *self,
                                     GError      **error)
{
  g_autoptr(NdStatement) stmt = NULL;

  g_return_val_if_fail (ND_IS_SYNC_STORE (self), NULL);

  stmt = nd_database_prepare (self->database,
                              "SELECT " OUTBOX_COLUMNS " FROM outbox WHERE state = 'in-flight' ORDER BY id",
                              error);
  if (stmt == NULL)
    return NULL;

  return read_rows (self, stmt, (gpointer (*) (sqlite3_stmt *)) read_outbox_item,
                    (GDestroyNotify) nd_outbox_item_free, error);
}

/**
 * nd_sync_store_outbox_next_attempt_at:
 * @self: a #NdSyncStore
 * @site_id: a site, or 0 for all
 *
 * Tells when the next entry waiting to be sent is due, to set a timer.
 *
 * Returns: the earliest time (microseconds since the epoch; 0 for a queued
 *   entry due at once), or -1 when nothing waits
 */
gint64
nd_sync_store_outbox_next_attempt_at (NdSyncStore *self,
                                      gint64       site_id)
{
  g_autoptr(NdStatement) stmt = NULL;
  gboolean has_row;

  g_return_val_if_fail (ND_IS_SYNC_STORE (self), -1);

  stmt = nd_database_prepare (self->database,
                              "SELECT min (next_attempt_at) FROM outbox"
                              " WHERE (state = 'queued' OR (state = 'failed' AND next_attempt_at > 0))"
                              " AND (?1 = 0 OR site_id = ?1)",
                              NULL);
  if (stmt == NULL)
    return -1;
  sqlite3_bind_int64 (stmt, 1, MAX (site_id, 0));
  if (!step_row (self->database, stmt, &has_row, NULL) || !has_row)
    return -1;

  return nd_column_int64_or (stmt, 0, -1);
}

/**
 * nd_sync_store_outbox_pending_count:
 * @self: a #NdSyncStore
 * @site_id: a site, or 0 for all
 *
 * Returns: how many entries are waiting or in flight (failed ones with a
 *   next attempt count; given-up ones do not)
 */
guint
nd_sync_store_outbox_pending_count (NdSyncStore *self,
                                    gint64       site_id)
{
  g_return_val_if_fail (ND_IS_SYNC_STORE (self), 0);

  return (guint) query_id (self,
                           "SELECT count(*) FROM outbox"
                           " WHERE (state IN ('queued', 'in-flight') OR (state = 'failed' AND next_attempt_at > 0))"
                           " AND (?1 = 0 OR site_id = ?1)",
                           MAX (site_id, 0), 0, 0, 1, NULL);
}

/**
 * nd_sync_store_outbox_purge_done:
 * @self: a #NdSyncStore
 * @older_than: a time, microseconds since the epoch
 * @error: return location for a #GError
 *
 * Deletes the entries done before @older_than.
 *
 * Returns: %TRUE on success
 */
gboolean
nd_sync_store_outbox_purge_done (NdSyncStore  *self,
                                 gint64        older_than,
                                 GError      **error)
{
  g_autoptr(NdStatement) stmt = NULL;

  g_return_val_if_fail (ND_IS_SYNC_STORE (self), FALSE);

  stmt = nd_database_prepare (self->database,
                              "DELETE FROM outbox WHERE state = 'done' AND done_at < ?", error);
  if (stmt == NULL)
    return FALSE;
  sqlite3_bind_int64 (stmt, 1, older_than);

  return nd_database_step_done (self->database, stmt, error);
}

/* Terms and media ----------------------------------------------------------- */

/**
 * nd_sync_store_set_remote_term:
 * @self: a #NdSyncStore
 * @site_id: a site
 * @kind: tag or category
 * @remote_id: the term's id on the site
 * @local_id: the tag concept (tags.id) or section (sections.id)
 * @name: (nullable): the term's name on the site
 * @error: return location for a #GError
 *
 * Maps a remote term to a local one, replacing any earlier mapping of
 * either: on a site, a local tag has one term and a term one local tag.
 *
 * Returns: %TRUE on success
 */
gboolean
nd_sync_store_set_remote_term (NdSyncStore  *self,
                               gint64        site_id,
                               NdTermKind    kind,
                               gint64        remote_id,
                               gint64        local_id,
                               const char   *name,
                               GError      **error)
{
  g_return_val_if_fail (ND_IS_SYNC_STORE (self), FALSE);
  g_return_val_if_fail (kind <= ND_TERM_CATEGORY, FALSE);
  g_return_val_if_fail (remote_id > 0 && local_id > 0, FALSE);

  if (!nd_database_begin (self->database, error))
    return FALSE;

  {
    g_autoptr(NdStatement) stmt = nd_database_prepare (self->database,
                                                       "DELETE FROM remote_terms WHERE site_id = ? AND kind = ?"
                                                       " AND (remote_id = ? OR local_id = ?)",
                                                       error);
    if (stmt == NULL)
      return fail (self);
    sqlite3_bind_int64 (stmt, 1, site_id);
    nd_bind_text (stmt, 2, term_kinds[kind]);
    sqlite3_bind_int64 (stmt, 3, remote_id);
    sqlite3_bind_int64 (stmt, 4, local_id);
    if (!nd_database_step_done (self->database, stmt, error))
      return fail (self);
  }

  {
    g_autoptr(NdStatement) stmt = nd_database_prepare (self->database,
                                                       "INSERT INTO remote_terms (site_id, kind, remote_id, local_id, name)"
                                                       " VALUES (?, ?, ?, ?, ?)",
                                                       error);
    if (stmt == NULL)
      return fail (self);
    sqlite3_bind_int64 (stmt, 1, site_id);
    nd_bind_text (stmt, 2, term_kinds[kind]);
    sqlite3_bind_int64 (stmt, 3, remote_id);
    sqlite3_bind_int64 (stmt, 4, local_id);
    nd_bind_text (stmt, 5, name != NULL ? name : "");
    if (!nd_database_step_done (self->database, stmt, error))
      return fail (self);
  }

  return commit (self, error);
}

static gint64
get_term (NdSyncStore  *self,
          const char   *sql,
          gint64        site_id,
          NdTermKind    kind,
          gint64        id,
          GError      **error)
{
  g_autoptr(NdStatement) stmt = nd_database_prepare (self->database, sql, error);
  gboolean has_row;

  if (stmt == NULL)
    return 0;
  sqlite3_bind_int64 (stmt, 1, site_id);
  nd_bind_text (stmt, 2, term_kinds[kind]);
  sqlite3_bind_int64 (stmt, 3, id);
  if (!step_row (self->database, stmt, &has_row, error) || !has_row)
    return 0;

  return sqlite3_column_int64 (stmt, 0);
}

/**
 * nd_sync_store_get_remote_term:
 * @self: a #NdSyncStore
 * @site_id: a site
 * @kind: tag or category
 * @local_id: a tag concept or section
 * @error: return location for a #GError
 *
 * Returns: the term's id on the site, or 0 when not mapped
 */
gint64
nd_sync_store_get_remote_term (NdSyncStore  *self,
                               gint64        site_id,
                               NdTermKind    kind,
                               gint64        local_id,
                               GError      **error)
{
  g_return_val_if_fail (ND_IS_SYNC_STORE (self), 0);
  g_return_val_if_fail (kind <= ND_TERM_CATEGORY, 0);

  return get_term (self,
                   "SELECT remote_id FROM remote_terms WHERE site_id = ? AND kind = ? AND local_id = ?",
                   site_id, kind, local_id, error);
}

/**
 * nd_sync_store_get_local_term:
 * @self: a #NdSyncStore
 * @site_id: a site
 * @kind: tag or category
 * @remote_id: a term id on the site
 * @error: return location for a #GError
 *
 * Returns: the tag concept or section, or 0 when not mapped
 */
gint64
nd_sync_store_get_local_term (NdSyncStore  *self,
                              gint64        site_id,
                              NdTermKind    kind,
                              gint64        remote_id,
                              GError      **error)
{
  g_return_val_if_fail (ND_IS_SYNC_STORE (self), 0);
  g_return_val_if_fail (kind <= ND_TERM_CATEGORY, 0);

  return get_term (self,
                   "SELECT local_id FROM remote_terms WHERE site_id = ? AND kind = ? AND remote_id = ?",
                   site_id, kind, remote_id, error);
}

/**
 * nd_sync_store_set_remote_media:
 * @self: a #NdSyncStore
 * @site_id: a site
 * @media_id: an image here (media.id)
 * @remote_id: its media item on the site, or 0 to forget it
 * @error: return location for a #GError
 *
 * Returns: %TRUE on success
 */
gboolean
nd_sync_store_set_remote_media (NdSyncStore  *self,
                                gint64        site_id,
                                gint64        media_id,
                                gint64        remote_id,
                                GError      **error)
{
  g_autoptr(NdStatement) stmt = NULL;

  g_return_val_if_fail (ND_IS_SYNC_STORE (self), FALSE);

  if (remote_id > 0)
    stmt = nd_database_prepare (self->database,
                                "INSERT INTO remote_media (site_id, media_id, remote_id) VALUES (?1, ?2, ?3)"
                                " ON CONFLICT (site_id, media_id) DO UPDATE SET remote_id = excluded.remote_id",
                                error);
  else
    stmt = nd_database_prepare (self->database,
                                "DELETE FROM remote_media WHERE site_id = ?1 AND media_id = ?2", error);
  if (stmt == NULL)
    return FALSE;
  sqlite3_bind_int64 (stmt, 1, site_id);
  sqlite3_bind_int64 (stmt, 2, media_id);
  if (remote_id > 0)
    sqlite3_bind_int64 (stmt, 3, remote_id);

  return nd_database_step_done (self->database, stmt, error);
}

/**
 * nd_sync_store_get_remote_media:
 * @self: a #NdSyncStore
 * @site_id: a site
 * @media_id: an image here
 * @error: return location for a #GError
 *
 * Returns: its media item's id on the site, or 0 when not uploaded
 */
gint64
nd_sync_store_get_remote_media (NdSyncStore  *self,
                                gint64        site_id,
                                gint64        media_id,
                                GError      **error)
{
  g_return_val_if_fail (ND_IS_SYNC_STORE (self), 0);

  return query_id (self, "SELECT remote_id FROM remote_media WHERE site_id = ? AND media_id = ?",
                   site_id, media_id, 0, 2, error);
}

/**
 * nd_sync_store_get_local_media:
 * @self: a #NdSyncStore
 * @site_id: a site
 * @remote_id: a media item on the site
 * @error: return location for a #GError
 *
 * Returns: the image here, or 0 when none
 */
gint64
nd_sync_store_get_local_media (NdSyncStore  *self,
                               gint64        site_id,
                               gint64        remote_id,
                               GError      **error)
{
  g_return_val_if_fail (ND_IS_SYNC_STORE (self), 0);

  return query_id (self, "SELECT media_id FROM remote_media WHERE site_id = ? AND remote_id = ?",
                   site_id, remote_id, 0, 2, error);
}

/* Cursors ------------------------------------------------------------------- */

/**
 * nd_sync_store_get_cursor:
 * @self: a #NdSyncStore
 * @site_id: a site
 * @modified_after: (out) (optional) (nullable): where the next pull starts
 *   (ISO 8601 UTC), %NULL for a full pull
 * @last_reconcile_at: (out) (optional): when deleted posts were last looked
 *   for, microseconds since the epoch, 0 for never
 * @error: return location for a #GError
 *
 * Returns: %TRUE on success, also for a site never pulled
 */
gboolean
nd_sync_store_get_cursor (NdSyncStore  *self,
                          gint64        site_id,
                          char        **modified_after,
                          gint64       *last_reconcile_at,
                          GError      **error)
{
  g_autoptr(NdStatement) stmt = NULL;
  gboolean has_row;

  g_return_val_if_fail (ND_IS_SYNC_STORE (self), FALSE);

  if (modified_after != NULL)
    *modified_after = NULL;
  if (last_reconcile_at != NULL)
    *last_reconcile_at = 0;

  stmt = nd_database_prepare (self->database,
                              "SELECT modified_after, last_reconcile_at FROM sync_cursors WHERE site_id = ?",
                              error);
  if (stmt == NULL)
    return FALSE;
  sqlite3_bind_int64 (stmt, 1, site_id);
  if (!step_row (self->database, stmt, &has_row, error))
    return FALSE;

  if (has_row && modified_after != NULL)
    *modified_after = column_dup (stmt, 0);
  if (has_row && last_reconcile_at != NULL)
    *last_reconcile_at = nd_column_int64_or (stmt, 1, 0);
  return TRUE;
}

/**
 * nd_sync_store_set_cursor:
 * @self: a #NdSyncStore
 * @site_id: a site
 * @modified_after: (nullable): where the next pull starts (the server's
 *   Date of the last pull minus an overlap), %NULL for a full pull
 * @error: return location for a #GError
 *
 * Returns: %TRUE on success
 */
gboolean
nd_sync_store_set_cursor (NdSyncStore  *self,
                          gint64        site_id,
                          const char   *modified_after,
                          GError      **error)
{
  g_autoptr(NdStatement) stmt = NULL;

  g_return_val_if_fail (ND_IS_SYNC_STORE (self), FALSE);

  stmt = nd_database_prepare (self->database,
                              "INSERT INTO sync_cursors (site_id, modified_after) VALUES (?1, ?2)"
                              " ON CONFLICT (site_id) DO UPDATE SET modified_after = excluded.modified_after",
                              error);
  if (stmt == NULL)
    return FALSE;
  sqlite3_bind_int64 (stmt, 1, site_id);
  nd_bind_text (stmt, 2, modified_after);

  return nd_database_step_done (self->database, stmt, error);
}

/**
 * nd_sync_store_set_reconciled:
 * @self: a #NdSyncStore
 * @site_id: a site
 * @at: when deleted posts were looked for, microseconds since the epoch
 * @error: return location for a #GError
 *
 * Returns: %TRUE on success
 */
gboolean
nd_sync_store_set_reconciled (NdSyncStore  *self,
                              gint64        site_id,
                              gint64        at,
                              GError      **error)
{
  g_autoptr(NdStatement) stmt = NULL;

  g_return_val_if_fail (ND_IS_SYNC_STORE (self), FALSE);

  stmt = nd_database_prepare (self->database,
                              "INSERT INTO sync_cursors (site_id, last_reconcile_at) VALUES (?1, ?2)"
                              " ON CONFLICT (site_id) DO UPDATE SET last_reconcile_at = excluded.last_reconcile_at",
                              error);
  if (stmt == NULL)
    return FALSE;
  sqlite3_bind_int64 (stmt, 1, site_id);
  sqlite3_bind_int64 (stmt, 2, at);

  return nd_database_step_done (self->database, stmt, error);
}

/* The log ------------------------------------------------------------------- */

/**
 * nd_sync_store_append_log:
 * @self: a #NdSyncStore
 * @level: how serious it is
 * @site_id: the site concerned, or 0
 * @edition_id: the edition concerned, or 0; its story is recorded with it
 * @message: what happened, in plain translated words; never a password
 * @error: return location for a #GError
 *
 * Adds a line to the sync log, dropping the oldest beyond
 * %ND_SYNC_LOG_MAX_ROWS.
 *
 * Returns: the entry's id, or 0 on error
 */
gint64
nd_sync_store_append_log (NdSyncStore     *self,
                          NdSyncLogLevel   level,
                          gint64           site_id,
                          gint64           edition_id,
                          const char      *message,
                          GError         **error)
{
  gint64 id;

  g_return_val_if_fail (ND_IS_SYNC_STORE (self), 0);
  g_return_val_if_fail (level <= ND_SYNC_LOG_ERROR, 0);
  g_return_val_if_fail (message != NULL, 0);

  if (!nd_database_begin (self->database, error))
    return 0;

  {
    g_autoptr(NdStatement) stmt = nd_database_prepare (self->database,
                                                       "INSERT INTO sync_log (at, site_id, story_id, edition_id, level, message)"
                                                       " VALUES (?1, ?2, (SELECT story_id FROM editions WHERE id = ?3),"
                                                       " ?3, ?4, ?5)",
                                                       error);
    if (stmt == NULL)
      return fail (self);
    sqlite3_bind_int64 (stmt, 1, g_get_real_time ());
    bind_id (stmt, 2, site_id);
    bind_id (stmt, 3, edition_id);
    nd_bind_text (stmt, 4, log_levels[level]);
    nd_bind_text (stmt, 5, message);
    if (!nd_database_step_done (self->database, stmt, error))
      return fail (self);
    id = nd_database_last_insert_rowid (self->database);
  }

  {
    g_autoptr(NdStatement) stmt = nd_database_prepare (self->database,
                                                       "DELETE FROM sync_log WHERE id <= ?1 - ?2",
                                                       error);
    if (stmt == NULL)
      return fail (self);
    sqlite3_bind_int64 (stmt, 1, id);
    sqlite3_bind_int64 (stmt, 2, ND_SYNC_LOG_MAX_ROWS);
    if (!nd_database_step_done (self->database, stmt, error))
      return fail (self);
  }

  if (!commit (self, error))
    return 0;

  queue_signal (self, LOG_APPENDED, id);
  flush_signals (self);
  return id;
}

static NdSyncLogEntry *
read_log_entry (sqlite3_stmt *stmt)
{
  NdSyncLogEntry *entry = g_new0 (NdSyncLogEntry, 1);

  entry->id = sqlite3_column_int64 (stmt, 0);
  entry->at = sqlite3_column_int64 (stmt, 1);
  entry->site_id = nd_column_int64_or (stmt, 2, 0);
  entry->story_id = nd_column_int64_or (stmt, 3, 0);
  entry->edition_id = nd_column_int64_or (stmt, 4, 0);
  entry->level = enum_from_string (log_levels, G_N_ELEMENTS (log_levels),
                                   (const char *) sqlite3_column_text (stmt, 5), ND_SYNC_LOG_INFO);
  entry->message = g_strdup (nd_column_text (stmt, 6));

  return entry;
}

/**
 * nd_sync_store_list_log:
 * @self: a #NdSyncStore
 * @story_id: a story, or 0 for the whole log
 * @limit: the most entries to return, 0 for all
 * @error: return location for a #GError
 *
 * Returns: (transfer container) (element-type NdSyncLogEntry): the
 *   newest entries first, or %NULL on error
 */
GPtrArray *
nd_sync_store_list_log (NdSyncStore  *self,
                        gint64        story_id,
                        guint         limit,
                        GError      **error)
{
  g_autoptr(NdStatement) stmt = NULL;

  g_return_val_if_fail (ND_IS_SYNC_STORE (self), NULL);

  if (story_id > 0)
    stmt = nd_database_prepare (self->database,
                                "SELECT id, at, site_id, story_id, edition_id, level, message FROM sync_log"
                                " WHERE story_id = ?1 ORDER BY id DESC LIMIT ?2",
                                error);
  else
    stmt = nd_database_prepare (self->database,
                                "SELECT id, at, site_id, story_id, edition_id, level, message FROM sync_log"
                                " WHERE ?1 = 0 ORDER BY id DESC LIMIT ?2",
                                error);
  if (stmt == NULL)
    return NULL;
  sqlite3_bind_int64 (stmt, 1, MAX (story_id, 0));
  sqlite3_bind_int64 (stmt, 2, limit > 0 ? (gint64) limit : -1);

  return read_rows (self, stmt, (gpointer (*) (sqlite3_stmt *)) read_log_entry,
                    (GDestroyNotify) nd_sync_log_entry_free, error);
}

/* Conflicts ----------------------------------------------------------------- */

/**
 * nd_sync_store_add_conflict:
 * @self: a #NdSyncStore
 * @edition_id: an edition
 * @field: the field's name (nd_sync_field_to_string())
 * @paragraph: the body paragraph, or -1
 * @base: (nullable): the base value, %NULL when there was no base
 * @mine: the local value
 * @theirs: the server's value
 * @error: return location for a #GError
 *
 * Records a conflict, replacing an open one of the same edition, field and
 * paragraph (the same disagreement found again), and puts the edition in
 * the conflict state.
 *
 * Returns: the conflict's id, or 0 on error
 */
gint64
nd_sync_store_add_conflict (NdSyncStore  *self,
                            gint64        edition_id,
                            const char   *field,
                            int           paragraph,
                            const char   *base,
                            const char   *mine,
                            const char   *theirs,
                            GError      **error)
{
  gint64 id;

  g_return_val_if_fail (ND_IS_SYNC_STORE (self), 0);
  g_return_val_if_fail (field != NULL, 0);
  g_return_val_if_fail (mine != NULL && theirs != NULL, 0);

  if (!nd_database_begin (self->database, error))
    return 0;
  if (!ensure_row (self, edition_id, error))
    return fail (self);

  {
    g_autoptr(NdStatement) stmt = nd_database_prepare (self->database,
                                                       "DELETE FROM conflicts WHERE edition_id = ? AND field = ?"
                                                       " AND paragraph IS ? AND resolved_at IS NULL",
                                                       error);
    if (stmt == NULL)
      return fail (self);
    sqlite3_bind_int64 (stmt, 1, edition_id);
    nd_bind_text (stmt, 2, field);
    if (paragraph >= 0)
      sqlite3_bind_int (stmt, 3, paragraph);
    else
      sqlite3_bind_null (stmt, 3);
    if (!nd_database_step_done (self->database, stmt, error))
      return fail (self);
  }

  {
    g_autoptr(NdStatement) stmt = nd_database_prepare (self->database,
                                                       "INSERT INTO conflicts (edition_id, field, paragraph, base,"
                                                       " mine, theirs, created_at) VALUES (?, ?, ?, ?, ?, ?, ?)",
                                                       error);
    if (stmt == NULL)
      return fail (self);
    sqlite3_bind_int64 (stmt, 1, edition_id);
    nd_bind_text (stmt, 2, field);
    if (paragraph >= 0)
      sqlite3_bind_int (stmt, 3, paragraph);
    else
      sqlite3_bind_null (stmt, 3);
    nd_bind_text (stmt, 4, base);
    nd_bind_text (stmt, 5, mine);
    nd_bind_text (stmt, 6, theirs);
    sqlite3_bind_int64 (stmt, 7, g_get_real_time ());
    if (!nd_database_step_done (self->database, stmt, error))
      return fail (self);
    id = nd_database_last_insert_rowid (self->database);
  }

  {
    g_autoptr(NdStatement) stmt = nd_database_prepare (self->database,
                                                       "UPDATE edition_sync SET state = 'conflict' WHERE edition_id = ?",
                                                       error);
    if (stmt == NULL)
      return fail (self);
    sqlite3_bind_int64 (stmt, 1, edition_id);
    if (!nd_database_step_done (self->database, stmt, error))
      return fail (self);
  }

  if (!commit (self, error))
    return 0;

  queue_signal (self, CONFLICTS_CHANGED, edition_id);
  queue_signal (self, EDITION_SYNC_CHANGED, edition_id);
  flush_signals (self);
  return id;
}

/**
 * nd_sync_store_get_conflict:
 * @self: a #NdSyncStore
 * @conflict_id: a conflict
 * @error: return location for a #GError
 *
 * Returns: (transfer full) (nullable): the conflict, open or resolved, or
 *   %NULL when it is not there (no error) or on error
 */
NdConflict *
nd_sync_store_get_conflict (NdSyncStore  *self,
                            gint64        conflict_id,
                            GError      **error)
{
  g_autoptr(NdStatement) stmt = NULL;
  gboolean has_row;

  g_return_val_if_fail (ND_IS_SYNC_STORE (self), NULL);

  stmt = nd_database_prepare (self->database,
                              "SELECT " CONFLICT_COLUMNS " FROM conflicts c JOIN editions e ON e.id = c.edition_id"
                              " WHERE c.id = ?",
                              error);
  if (stmt == NULL)
    return NULL;
  sqlite3_bind_int64 (stmt, 1, conflict_id);
  if (!step_row (self->database, stmt, &has_row, error) || !has_row)
    return NULL;

  return read_conflict (stmt);
}

static GPtrArray *
list_conflicts (NdSyncStore  *self,
                const char   *sql,
                gint64        id,
                GError      **error)
{
  g_autoptr(NdStatement) stmt = nd_database_prepare (self->database, sql, error);

  if (stmt == NULL)
    return NULL;
  sqlite3_bind_int64 (stmt, 1, id);

  return read_rows (self, stmt, (gpointer (*) (sqlite3_stmt *)) read_conflict,
                    (GDestroyNotify) nd_conflict_free, error);
}

/**
 * nd_sync_store_list_conflicts:
 * @self: a #NdSyncStore
 * @edition_id: an edition
 * @error: return location for a #GError
 *
 * Returns: (transfer container) (element-type NdConflict): the edition's
 *   open conflicts, oldest first, body hunks in paragraph order, or %NULL
 *   on error
 */
GPtrArray *
nd_sync_store_list_conflicts (NdSyncStore  *self,
                              gint64        edition_id,
                              GError      **error)
{
  g_return_val_if_fail (ND_IS_SYNC_STORE (self), NULL);

  return list_conflicts (self,
                         "SELECT " CONFLICT_COLUMNS " FROM conflicts c JOIN editions e ON e.id = c.edition_id"
                         " WHERE c.edition_id = ? AND c.resolved_at IS NULL"
                         " ORDER BY c.field = 'body', coalesce (c.paragraph, -1), c.id",
                         edition_id, error);
}

/**
 * nd_sync_store_list_story_conflicts:
 * @self: a #NdSyncStore
 * @story_id: a story
 * @error: return location for a #GError
 *
 * Returns: (transfer container) (element-type NdConflict): the open
 *   conflicts of all the story's editions, by edition, or %NULL on error
 */
GPtrArray *
nd_sync_store_list_story_conflicts (NdSyncStore  *self,
                                    gint64        story_id,
                                    GError      **error)
{
  g_return_val_if_fail (ND_IS_SYNC_STORE (self), NULL);

  return list_conflicts (self,
                         "SELECT " CONFLICT_COLUMNS " FROM editions e JOIN conflicts c ON c.edition_id = e.id"
                         " WHERE e.story_id = ? AND c.resolved_at IS NULL"
                         " ORDER BY c.edition_id, c.field = 'body', coalesce (c.paragraph, -1), c.id",
                         story_id, error);
}

/**
 * nd_sync_store_resolve_conflict:
 * @self: a #NdSyncStore
 * @conflict_id: an open conflict
 * @error: return location for a #GError
 *
 * Marks a conflict resolved; the caller has written the chosen value into
 * the edition. When it was the edition's last open conflict, the edition
 * becomes pending, to be sent.
 *
 * Returns: %TRUE on success; %G_IO_ERROR_NOT_FOUND when no such conflict
 *   is open
 */
gboolean
nd_sync_store_resolve_conflict (NdSyncStore  *self,
                                gint64        conflict_id,
                                GError      **error)
{
  g_autoptr(GError) local_error = NULL;
  gint64 edition_id;

  g_return_val_if_fail (ND_IS_SYNC_STORE (self), FALSE);

  if (!nd_database_begin (self->database, error))
    return FALSE;

  edition_id = query_id (self, "SELECT edition_id FROM conflicts WHERE id = ? AND resolved_at IS NULL",
                         conflict_id, 0, 0, 1, &local_error);
  if (edition_id == 0)
    {
      if (local_error != NULL)
        g_propagate_error (error, g_steal_pointer (&local_error));
      else
        set_not_found (error, _("The conflict was already resolved"));
      return fail (self);
    }

  {
    g_autoptr(NdStatement) stmt = nd_database_prepare (self->database,
                                                       "UPDATE conflicts SET resolved_at = ? WHERE id = ?",
                                                       error);
    if (stmt == NULL)
      return fail (self);
    sqlite3_bind_int64 (stmt, 1, g_get_real_time ());
    sqlite3_bind_int64 (stmt, 2, conflict_id);
    if (!nd_database_step_done (self->database, stmt, error))
      return fail (self);
  }

  {
    g_autoptr(NdStatement) stmt = nd_database_prepare (self->database,
                                                       "UPDATE edition_sync SET state = 'pending'"
                                                       " WHERE edition_id = ?1 AND state = 'conflict'"
                                                       " AND NOT EXISTS (SELECT 1 FROM conflicts"
                                                       "   WHERE edition_id = ?1 AND resolved_at IS NULL)",
                                                       error);
    if (stmt == NULL)
      return fail (self);
    sqlite3_bind_int64 (stmt, 1, edition_id);
    if (!nd_database_step_done (self->database, stmt, error))
      return fail (self);
  }

  if (!commit (self, error))
    return FALSE;

  queue_signal (self, CONFLICTS_CHANGED, edition_id);
  queue_signal (self, EDITION_SYNC_CHANGED, edition_id);
  flush_signals (self);
  return TRUE;
}

/**
 * nd_sync_store_count_open_conflicts:
 * @self: a #NdSyncStore
 * @story_id: a story, or 0 for all
 *
 * Returns: how many conflicts are open
 */
guint
nd_sync_store_count_open_conflicts (NdSyncStore *self,
                                    gint64       story_id)
{
  g_return_val_if_fail (ND_IS_SYNC_STORE (self), 0);

  if (story_id > 0)
    return (guint) query_id (self,
                             "SELECT count(*) FROM editions e JOIN conflicts c ON c.edition_id = e.id"
                             " WHERE e.story_id = ? AND c.resolved_at IS NULL",
                             story_id, 0, 0, 1, NULL);

  return (guint) query_id (self, "SELECT count(*) FROM conflicts WHERE resolved_at IS NULL",
                           0, 0, 0, 0, NULL);
}
