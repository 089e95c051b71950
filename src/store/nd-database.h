/* nd-database.h
 *
 * SPDX-License-Identifier: GPL-3.0-or-later
 */

#pragma once

#include <gio/gio.h>
#include <sqlite3.h>

G_BEGIN_DECLS

#define ND_DATABASE_ERROR (nd_database_error_quark ())

/**
 * NdDatabaseError:
 * @ND_DATABASE_ERROR_FAILED: any other failure
 * @ND_DATABASE_ERROR_CORRUPT: the file is not a database or is damaged
 * @ND_DATABASE_ERROR_FULL: the disk (or the database's size limit) is full
 * @ND_DATABASE_ERROR_READ_ONLY: the database cannot be written
 * @ND_DATABASE_ERROR_BUSY: another process holds the database
 * @ND_DATABASE_ERROR_CONSTRAINT: a write broke a rule of the schema
 * @ND_DATABASE_ERROR_TOO_NEW: the file was written by a newer Newsdesk
 * @ND_DATABASE_ERROR_IO: the operating system failed to read or write
 */
typedef enum
{
  ND_DATABASE_ERROR_FAILED,
  ND_DATABASE_ERROR_CORRUPT,
  ND_DATABASE_ERROR_FULL,
  ND_DATABASE_ERROR_READ_ONLY,
  ND_DATABASE_ERROR_BUSY,
  ND_DATABASE_ERROR_CONSTRAINT,
  ND_DATABASE_ERROR_TOO_NEW,
  ND_DATABASE_ERROR_IO,
} NdDatabaseError;

/**
 * NdDatabaseFlags:
 * @ND_DATABASE_FLAGS_NONE: open read-write, create when missing
 * @ND_DATABASE_FLAGS_READ_ONLY: open without writing
 */
typedef enum
{
  ND_DATABASE_FLAGS_NONE = 0,
  ND_DATABASE_FLAGS_READ_ONLY = 1 << 0,
} NdDatabaseFlags;

/*
 * A statement from the database's cache. Declaring it with g_autoptr() resets
 * it when it goes out of scope, so no read transaction is ever left open by a
 * statement that was not stepped to its end.
 */
typedef sqlite3_stmt NdStatement;

static inline void
nd_statement_release (NdStatement *stmt)
{
  sqlite3_reset (stmt);
  sqlite3_clear_bindings (stmt);
}

G_DEFINE_AUTOPTR_CLEANUP_FUNC (NdStatement, nd_statement_release)

/* Reading columns: SQLite gives NULL for empty text, and the model never
 * holds NULL text. */
static inline const char *
nd_column_text (NdStatement *stmt,
                int          column)
{
  const char *text = (const char *) sqlite3_column_text (stmt, column);

  return text != NULL ? text : "";
}

static inline gint64
nd_column_int64_or (NdStatement *stmt,
                    int          column,
                    gint64       fallback)
{
  if (sqlite3_column_type (stmt, column) == SQLITE_NULL)
    return fallback;

  return sqlite3_column_int64 (stmt, column);
}

/* Binding: %NULL text binds SQL NULL. */
static inline void
nd_bind_text (NdStatement *stmt,
              int          index,
              const char  *text)
{
  if (text == NULL)
    sqlite3_bind_null (stmt, index);
  else
    sqlite3_bind_text (stmt, index, text, -1, SQLITE_TRANSIENT);
}

#define ND_TYPE_DATABASE (nd_database_get_type ())

G_DECLARE_FINAL_TYPE (NdDatabase, nd_database, ND, DATABASE, GObject)

GQuark        nd_database_error_quark        (void);

NdDatabase   *nd_database_open               (const char       *path,
                                              NdDatabaseFlags   flags,
                                              GError          **error);
NdDatabase   *nd_database_open_at_version    (const char       *path,
                                              int               version,
                                              GError          **error);
const char   *nd_database_get_path           (NdDatabase       *self);
gboolean      nd_database_is_read_only       (NdDatabase       *self);
gboolean      nd_database_was_created        (NdDatabase       *self);
int           nd_database_get_schema_version (NdDatabase       *self);
int           nd_database_get_latest_version (void);
gboolean      nd_database_migrate_to         (NdDatabase       *self,
                                              int               version,
                                              GError          **error);
sqlite3      *nd_database_get_handle         (NdDatabase       *self);

NdStatement  *nd_database_prepare            (NdDatabase       *self,
                                              const char       *sql,
                                              GError          **error);
gboolean      nd_database_step_done          (NdDatabase       *self,
                                              NdStatement      *stmt,
                                              GError          **error);
gboolean      nd_database_execute            (NdDatabase       *self,
                                              const char       *sql,
                                              GError          **error);
gboolean      nd_database_begin              (NdDatabase       *self,
                                              GError          **error);
gboolean      nd_database_commit             (NdDatabase       *self,
                                              GError          **error);
void          nd_database_rollback           (NdDatabase       *self);
gboolean      nd_database_set_error          (NdDatabase       *self,
                                              int               rc,
                                              GError          **error);
char         *nd_database_move_aside         (const char       *path,
                                              GError          **error);
gint64        nd_database_last_insert_rowid  (NdDatabase       *self);
int           nd_database_changes            (NdDatabase       *self);

G_END_DECLS
