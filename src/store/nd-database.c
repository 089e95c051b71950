/* nd-database.c
 *
 * SPDX-License-Identifier: GPL-3.0-or-later
 */

#define G_LOG_DOMAIN "newsdesk-database"

#include "config.h"

#include <glib/gi18n-lib.h>
#include <errno.h>
#include <glib/gstdio.h>

#include "nd-database.h"
#include "nd-migrations.h"
#include "nd-search-tokenizer.h"

/**
 * NdDatabase:
 *
 * The one SQLite connection of a Newsdesk database: it opens the file with
 * the pragmas that make it crash-safe, brings the schema up to date, keeps a
 * cache of prepared statements and runs transactions, nested through
 * savepoints.
 */
struct _NdDatabase
{
  GObject     parent_instance;

  sqlite3    *handle;
  char       *path;
  GHashTable *statements;   /* SQL text → sqlite3_stmt */
  guint       transaction_depth;
  guint       read_only : 1;
  guint       created : 1;
};

G_DEFINE_FINAL_TYPE (NdDatabase, nd_database, G_TYPE_OBJECT)

G_DEFINE_QUARK (nd-database-error-quark, nd_database_error)

static int
error_code_from_sqlite (int rc)
{
  switch (rc & 0xff)
    {
    case SQLITE_CORRUPT:
    case SQLITE_NOTADB:
      return ND_DATABASE_ERROR_CORRUPT;
    case SQLITE_FULL:
      return ND_DATABASE_ERROR_FULL;
    case SQLITE_READONLY:
    case SQLITE_PERM:
    case SQLITE_CANTOPEN:
      return ND_DATABASE_ERROR_READ_ONLY;
    case SQLITE_BUSY:
    case SQLITE_LOCKED:
      return ND_DATABASE_ERROR_BUSY;
    case SQLITE_CONSTRAINT:
      return ND_DATABASE_ERROR_CONSTRAINT;
    case SQLITE_IOERR:
      return ND_DATABASE_ERROR_IO;
    default:
      return ND_DATABASE_ERROR_FAILED;
    }
}

static const char *
message_for_code (int code)
{
  switch (code)
    {
    case ND_DATABASE_ERROR_CORRUPT:
      return _("The database file is damaged or is not a Newsdesk database");
    case ND_DATABASE_ERROR_FULL:
      return _("The disk is full");
    case ND_DATABASE_ERROR_READ_ONLY:
      return _("The database cannot be written to");
    case ND_DATABASE_ERROR_BUSY:
      return _("The database is in use by another program");
    case ND_DATABASE_ERROR_CONSTRAINT:
      return _("The change breaks a rule of the database");
    case ND_DATABASE_ERROR_IO:
      return _("The disk could not be read or written");
    default:
      return _("The database failed");
    }
}

/**
 * nd_database_set_error:
 * @self: a #NdDatabase
 * @rc: an SQLite result code
 * @error: return location for a #GError
 *
 * Turns an SQLite result code into a #GError in %ND_DATABASE_ERROR with a
 * message a person can act on, followed by SQLite's own words.
 *
 * Returns: %FALSE, so callers can `return nd_database_set_error (...)`
 */
gboolean
nd_database_set_error (NdDatabase  *self,
                       int          rc,
                       GError     **error)
{
  int code = error_code_from_sqlite (rc);
  const char *detail = self != NULL && self->handle != NULL
                       ? sqlite3_errmsg (self->handle)
                       : sqlite3_errstr (rc);

  g_set_error (error, ND_DATABASE_ERROR, code, "%s (%s)", message_for_code (code), detail);
  return FALSE;
}

static void
nd_database_finalize (GObject *object)
{
  NdDatabase *self = (NdDatabase *)object;

  /* Statements must be finalized before the connection can close. */
  g_clear_pointer (&self->statements, g_hash_table_unref);
  if (self->handle != NULL)
    {
      if (!self->read_only)
        nd_database_execute (self, "PRAGMA optimize", NULL);
      sqlite3_close_v2 (self->handle);
      self->handle = NULL;
    }
  g_clear_pointer (&self->path, g_free);

  G_OBJECT_CLASS (nd_database_parent_class)->finalize (object);
}

static void
nd_database_class_init (NdDatabaseClass *klass)
{
  GObjectClass *object_class = G_OBJECT_CLASS (klass);

  object_class->finalize = nd_database_finalize;
}

static void
nd_database_init (NdDatabase *self)
{
  self->statements = g_hash_table_new_full (g_str_hash, g_str_equal, g_free,
                                            (GDestroyNotify) sqlite3_finalize);
}

/**
 * nd_database_execute:
 * @self: a #NdDatabase
 * @sql: constant SQL text, one or more statements, with no parameters
 * @error: return location for a #GError
 *
 * Runs SQL that takes no values from outside (schema, pragmas, transaction
 * control). Anything with a value in it goes through nd_database_prepare().
 */
gboolean
nd_database_execute (NdDatabase  *self,
                     const char  *sql,
                     GError     **error)
{
  const char *tail = sql;

  g_return_val_if_fail (ND_IS_DATABASE (self), FALSE);
  g_return_val_if_fail (sql != NULL, FALSE);

  while (tail != NULL && *tail != '\0')
    {
      sqlite3_stmt *stmt = NULL;
      int rc;

      rc = sqlite3_prepare_v2 (self->handle, tail, -1, &stmt, &tail);
      if (rc != SQLITE_OK)
        return nd_database_set_error (self, rc, error);
      if (stmt == NULL)
        break;   /* only whitespace or comments were left */

      while ((rc = sqlite3_step (stmt)) == SQLITE_ROW)
        ;
      sqlite3_finalize (stmt);
      if (rc != SQLITE_DONE)
        return nd_database_set_error (self, rc, error);
    }

  return TRUE;
}

/**
 * nd_database_prepare:
 * @self: a #NdDatabase
 * @sql: constant SQL text with `?` parameters
 * @error: return location for a #GError
 *
 * Returns the cached prepared statement for @sql, reset and with no values
 * bound. Keep it in a `g_autoptr(NdStatement)` so it is reset when done.
 *
 * Returns: (transfer none) (nullable): the statement
 */
NdStatement *
nd_database_prepare (NdDatabase  *self,
                     const char  *sql,
                     GError     **error)
{
  sqlite3_stmt *stmt;
  int rc;

  g_return_val_if_fail (ND_IS_DATABASE (self), NULL);
  g_return_val_if_fail (sql != NULL, NULL);

  stmt = g_hash_table_lookup (self->statements, sql);
  if (stmt != NULL)
    {
      sqlite3_reset (stmt);
      sqlite3_clear_bindings (stmt);
      return stmt;
    }

  rc = sqlite3_prepare_v3 (self->handle, sql, -1, SQLITE_PREPARE_PERSISTENT, &stmt, NULL);
  if (rc != SQLITE_OK)
    {
      nd_database_set_error (self, rc, error);
      return NULL;
    }

  g_hash_table_insert (self->statements, g_strdup (sql), stmt);
  return stmt;
}

/**
 * nd_database_step_done:
 * @self: a #NdDatabase
 * @stmt: a statement that returns no rows
 * @error: return location for a #GError
 *
 * Steps @stmt, expecting it to finish without rows.
 */
gboolean
nd_database_step_done (NdDatabase   *self,
                       NdStatement  *stmt,
                       GError      **error)
{
  int rc = sqlite3_step (stmt);

  if (rc == SQLITE_DONE || rc == SQLITE_ROW)
    {
      sqlite3_reset (stmt);
      return TRUE;
    }

  nd_database_set_error (self, rc, error);
  sqlite3_reset (stmt);
  return FALSE;
}

/**
 * nd_database_begin:
 * @self: a #NdDatabase
 * @error: return location for a #GError
 *
 * Starts a transaction, or a savepoint inside the current one. Writers take
 * the write lock at once (BEGIN IMMEDIATE) so a transaction never fails
 * half-way because another connection upgraded first.
 */
gboolean
nd_database_begin (NdDatabase  *self,
                   GError     **error)
{
  g_autofree char *sql = NULL;

  g_return_val_if_fail (ND_IS_DATABASE (self), FALSE);

  if (self->transaction_depth == 0)
    {
      if (!nd_database_execute (self, "BEGIN IMMEDIATE", error))
        return FALSE;
    }
  else
    {
      /* The name is our own counter, not outside input. */
      sql = g_strdup_printf ("SAVEPOINT nd_%u", self->transaction_depth);
      if (!nd_database_execute (self, sql, error))
        return FALSE;
    }

  self->transaction_depth++;
  return TRUE;
}

/**
 * nd_database_commit:
 * @self: a #NdDatabase
 * @error: return location for a #GError
 *
 * Commits the innermost transaction. When the commit fails (full disk), the
 * whole transaction is rolled back, so nothing half-written stays behind.
 */
gboolean
nd_database_commit (NdDatabase  *self,
                    GError     **error)
{
  g_autofree char *sql = NULL;

  g_return_val_if_fail (ND_IS_DATABASE (self), FALSE);
  g_return_val_if_fail (self->transaction_depth > 0, FALSE);

  if (self->transaction_depth == 1)
    {
      if (!nd_database_execute (self, "COMMIT", error))
        {
          nd_database_rollback (self);
          return FALSE;
        }
    }
  else
    {
      sql = g_strdup_printf ("RELEASE nd_%u", self->transaction_depth - 1);
      if (!nd_database_execute (self, sql, error))
        {
          nd_database_rollback (self);
          return FALSE;
        }
    }

  self->transaction_depth--;
  return TRUE;
}

/**
 * nd_database_rollback:
 * @self: a #NdDatabase
 *
 * Undoes the innermost transaction or savepoint.
 */
void
nd_database_rollback (NdDatabase *self)
{
  g_autofree char *sql = NULL;

  g_return_if_fail (ND_IS_DATABASE (self));
  g_return_if_fail (self->transaction_depth > 0);

  if (self->transaction_depth == 1)
    {
      /* After some errors (full disk) SQLite has already rolled back. */
      if (!sqlite3_get_autocommit (self->handle))
        nd_database_execute (self, "ROLLBACK", NULL);
    }
  else
    {
      sql = g_strdup_printf ("ROLLBACK TO nd_%u; RELEASE nd_%u",
                             self->transaction_depth - 1, self->transaction_depth - 1);
      nd_database_execute (self, sql, NULL);
    }

  self->transaction_depth--;
}

static int
read_user_version (NdDatabase  *self,
                   GError     **error)
{
  g_autoptr(NdStatement) stmt = nd_database_prepare (self, "PRAGMA user_version", error);
  int rc;

  if (stmt == NULL)
    return -1;

  rc = sqlite3_step (stmt);
  if (rc != SQLITE_ROW)
    {
      nd_database_set_error (self, rc, error);
      return -1;
    }

  return sqlite3_column_int (stmt, 0);
}

/**
 * nd_database_get_latest_version:
 *
 * Returns: the schema version this build of Newsdesk writes
 */
int
nd_database_get_latest_version (void)
{
  guint n_migrations;
  const NdMigration *migrations = nd_migrations_get (&n_migrations);

  return migrations[n_migrations - 1].version;
}

/**
 * nd_database_get_schema_version:
 * @self: a #NdDatabase
 *
 * Returns: the file's `PRAGMA user_version`, or -1 if it cannot be read
 */
int
nd_database_get_schema_version (NdDatabase *self)
{
  g_return_val_if_fail (ND_IS_DATABASE (self), -1);

  return read_user_version (self, NULL);
}

static gboolean
run_migration (NdDatabase         *self,
               const NdMigration  *migration,
               GError            **error)
{
  g_autoptr(GError) local_error = NULL;
  g_autofree char *set_version = NULL;

  if (!nd_database_begin (self, error))
    return FALSE;

  /* The version is a compile-time constant from our table. */
  set_version = g_strdup_printf ("PRAGMA user_version = %d", migration->version);
  if (!nd_database_execute (self, migration->sql, &local_error) ||
      !nd_database_execute (self, set_version, &local_error))
    {
      nd_database_rollback (self);
      g_propagate_prefixed_error (error, g_steal_pointer (&local_error),
                                  "Migration %d (%s): ", migration->version, migration->summary);
      return FALSE;
    }

  return nd_database_commit (self, error);
}

/**
 * nd_database_migrate_to:
 * @self: a #NdDatabase
 * @version: the schema version wanted
 * @error: return location for a #GError
 *
 * Runs every migration after the file's version up to @version, each in its
 * own transaction, so an interrupted upgrade resumes where it stopped.
 */
gboolean
nd_database_migrate_to (NdDatabase  *self,
                        int          version,
                        GError     **error)
{
  guint n_migrations;
  const NdMigration *migrations = nd_migrations_get (&n_migrations);
  int current;

  g_return_val_if_fail (ND_IS_DATABASE (self), FALSE);

  current = read_user_version (self, error);
  if (current < 0)
    return FALSE;

  if (current > nd_database_get_latest_version ())
    {
      g_set_error (error, ND_DATABASE_ERROR, ND_DATABASE_ERROR_TOO_NEW,
                   _("The database was written by a newer version of Newsdesk (schema %d; this version knows %d)"),
                   current, nd_database_get_latest_version ());
      return FALSE;
    }

  for (guint i = 0; i < n_migrations; i++)
    {
      if (migrations[i].version <= current || migrations[i].version > version)
        continue;
      if (self->read_only)
        {
          g_set_error (error, ND_DATABASE_ERROR, ND_DATABASE_ERROR_READ_ONLY,
                       _("The database needs an upgrade but cannot be written to"));
          return FALSE;
        }
      if (!run_migration (self, &migrations[i], error))
        return FALSE;
    }

  return TRUE;
}

static gboolean
configure_connection (NdDatabase  *self,
                      GError     **error)
{
  /* WAL with synchronous=FULL: a commit is on disk when it returns, and a
   * crash at any moment leaves the last committed state. */
  static const char pragmas[] =
    "PRAGMA foreign_keys = ON;"
    "PRAGMA synchronous = FULL;"
    "PRAGMA temp_store = MEMORY;"
    "PRAGMA cache_size = -16384;";

  sqlite3_extended_result_codes (self->handle, TRUE);
  sqlite3_busy_timeout (self->handle, 5000);

  if (!nd_search_tokenizer_register (self->handle, error))
    return FALSE;

  if (!self->read_only &&
      !nd_database_execute (self, "PRAGMA journal_mode = WAL", error))
    return FALSE;

  return nd_database_execute (self, pragmas, error);
}

/* Reading the header and the schema is cheap and catches a file that is not a
 * database or whose first pages are damaged, without reading every page. */
static gboolean
check_readable (NdDatabase  *self,
                GError     **error)
{
  return nd_database_execute (self, "SELECT count(*) FROM sqlite_schema", error);
}

static NdDatabase *
open_connection (const char       *path,
                 NdDatabaseFlags   flags,
                 GError          **error)
{
  g_autoptr(NdDatabase) self = g_object_new (ND_TYPE_DATABASE, NULL);
  gboolean in_memory = path == NULL || g_str_equal (path, ":memory:");
  int open_flags = SQLITE_OPEN_NOMUTEX | SQLITE_OPEN_EXRESCODE;
  int rc;

  self->path = g_strdup (in_memory ? ":memory:" : path);
  self->read_only = (flags & ND_DATABASE_FLAGS_READ_ONLY) != 0;
  self->created = in_memory || !g_file_test (path, G_FILE_TEST_EXISTS);

  if (self->read_only)
    open_flags |= SQLITE_OPEN_READONLY;
  else
    open_flags |= SQLITE_OPEN_READWRITE | SQLITE_OPEN_CREATE;

  rc = sqlite3_open_v2 (self->path, &self->handle, open_flags, NULL);
  if (rc != SQLITE_OK)
    {
      nd_database_set_error (self, rc, error);
      return NULL;
    }

  if (!check_readable (self, error) || !configure_connection (self, error))
    return NULL;

  return g_steal_pointer (&self);
}

/**
 * nd_database_open:
 * @path: (nullable): a file name, or %NULL or ":memory:" for a database in memory
 * @flags: how to open it
 * @error: return location for a #GError
 *
 * Opens the database at @path, creating it when missing, and brings its
 * schema to the newest version.
 *
 * Returns: (transfer full) (nullable): the database
 */
NdDatabase *
nd_database_open (const char       *path,
                  NdDatabaseFlags   flags,
                  GError          **error)
{
  g_autoptr(NdDatabase) self = open_connection (path, flags, error);

  if (self == NULL)
    return NULL;

  if (!nd_database_migrate_to (self, nd_database_get_latest_version (), error))
    return NULL;

  return g_steal_pointer (&self);
}

/**
 * nd_database_open_at_version:
 * @path: (nullable): a file name, or %NULL for a database in memory
 * @version: the schema version to stop at
 * @error: return location for a #GError
 *
 * Opens a database and migrates it only up to @version. Tests use it to
 * check each migration from the version before it.
 *
 * Returns: (transfer full) (nullable): the database
 */
NdDatabase *
nd_database_open_at_version (const char  *path,
                             int          version,
                             GError     **error)
{
  g_autoptr(NdDatabase) self = open_connection (path, ND_DATABASE_FLAGS_NONE, error);

  if (self == NULL)
    return NULL;

  if (!nd_database_migrate_to (self, version, error))
    return NULL;

  return g_steal_pointer (&self);
}

const char *
nd_database_get_path (NdDatabase *self)
{
  g_return_val_if_fail (ND_IS_DATABASE (self), NULL);

  return self->path;
}

gboolean
nd_database_is_read_only (NdDatabase *self)
{
  g_return_val_if_fail (ND_IS_DATABASE (self), FALSE);

  return self->read_only;
}

/**
 * nd_database_was_created:
 * @self: a #NdDatabase
 *
 * Returns: %TRUE if the file did not exist before it was opened
 */
gboolean
nd_database_was_created (NdDatabase *self)
{
  g_return_val_if_fail (ND_IS_DATABASE (self), FALSE);

  return self->created;
}

sqlite3 *
nd_database_get_handle (NdDatabase *self)
{
  g_return_val_if_fail (ND_IS_DATABASE (self), NULL);

  return self->handle;
}

gint64
nd_database_last_insert_rowid (NdDatabase *self)
{
  g_return_val_if_fail (ND_IS_DATABASE (self), 0);

  return sqlite3_last_insert_rowid (self->handle);
}

int
nd_database_changes (NdDatabase *self)
{
  g_return_val_if_fail (ND_IS_DATABASE (self), 0);

  return sqlite3_changes (self->handle);
}

/**
 * nd_database_move_aside:
 * @path: a database file that cannot be opened
 * @error: return location for a #GError
 *
 * Renames a damaged database, with its write-ahead log and shared-memory
 * files (the log may hold committed work), to a new name beside it, so a new
 * database can be created while the old file is kept for recovery. Nothing
 * is ever overwritten: an existing name gets a number.
 *
 * Returns: (transfer full) (nullable): the new path of the database file
 */
char *
nd_database_move_aside (const char  *path,
                        GError     **error)
{
  static const char * const companions[] = { "-wal", "-shm", "-journal" };
  g_autoptr(GDateTime) now = g_date_time_new_now_utc ();
  g_autofree char *stamp = g_date_time_format (now, "%Y%m%dT%H%M%S");
  g_autofree char *target = NULL;

  g_return_val_if_fail (path != NULL, NULL);

  for (guint attempt = 0; target == NULL; attempt++)
    {
      g_autofree char *candidate = attempt == 0
                                   ? g_strdup_printf ("%s.damaged-%s", path, stamp)
                                   : g_strdup_printf ("%s.damaged-%s-%u", path, stamp, attempt);

      if (!g_file_test (candidate, G_FILE_TEST_EXISTS))
        target = g_steal_pointer (&candidate);
    }

  if (g_rename (path, target) != 0)
    {
      int saved_errno = errno;

      g_set_error (error, G_IO_ERROR, g_io_error_from_errno (saved_errno),
                   _("Could not move the damaged database to %s: %s"), target, g_strerror (saved_errno));
      return NULL;
    }

  for (guint i = 0; i < G_N_ELEMENTS (companions); i++)
    {
      g_autofree char *from = g_strconcat (path, companions[i], NULL);
      g_autofree char *to = g_strconcat (target, companions[i], NULL);

      if (g_file_test (from, G_FILE_TEST_EXISTS) && g_rename (from, to) != 0)
        g_warning ("Could not move %s aside: %s", from, g_strerror (errno));
    }

  return g_steal_pointer (&target);
}
