/* nd-backup.h
 *
 * SPDX-License-Identifier: GPL-3.0-or-later
 */

#pragma once

#include <gio/gio.h>

#include "nd-story-store.h"

G_BEGIN_DECLS

/* The name in a backup's "format" field and the version this build writes
 * and the newest it reads; see docs/backup-format.md. */
#define ND_BACKUP_FORMAT  "newsdesk-backup"
#define ND_BACKUP_VERSION 1

/* The largest file nd_backup_import() reads: the whole file is parsed in
 * memory, which takes several times its size. */
#define ND_BACKUP_MAX_IMPORT_SIZE (G_GINT64_CONSTANT (2) * 1024 * 1024 * 1024)

#define ND_BACKUP_ERROR (nd_backup_error_quark ())

/**
 * NdBackupError:
 * @ND_BACKUP_ERROR_NOT_A_BACKUP: the file is JSON but not a Newsdesk backup
 * @ND_BACKUP_ERROR_UNSUPPORTED_VERSION: the backup was written by a newer
 *   Newsdesk in a format version this one cannot read
 * @ND_BACKUP_ERROR_MALFORMED: the file is not JSON (truncated, not UTF-8,
 *   nested too deep…)
 * @ND_BACKUP_ERROR_INVALID: a value in the backup is missing, of the wrong
 *   type, or refers to something that does not exist; the message names
 *   the place, e.g. `stories[3].editions[1].status`
 * @ND_BACKUP_ERROR_TOO_LARGE: the file is larger than
 *   %ND_BACKUP_MAX_IMPORT_SIZE
 * @ND_BACKUP_ERROR_FAILED: the database holds a value that cannot be
 *   written to a backup
 *
 * Errors of nd_backup_export() and nd_backup_import(). Failures of the
 * database or of the stream keep their own domains (%ND_DATABASE_ERROR,
 * %G_IO_ERROR).
 */
typedef enum
{
  ND_BACKUP_ERROR_NOT_A_BACKUP,
  ND_BACKUP_ERROR_UNSUPPORTED_VERSION,
  ND_BACKUP_ERROR_MALFORMED,
  ND_BACKUP_ERROR_INVALID,
  ND_BACKUP_ERROR_TOO_LARGE,
  ND_BACKUP_ERROR_FAILED,
} NdBackupError;

/**
 * NdBackupImportStats:
 * @stories_imported: stories added to the database
 * @stories_skipped: stories left alone because the database already had
 *   a story with the same uuid
 * @languages_added: languages the database did not have
 * @sections_added: sections (by slug) the database did not have
 * @tags_added: tags (by uuid) the database did not have
 * @contributors_added: contributors (by uuid) the database did not have
 * @media_added: images (by uuid) the database did not have
 *
 * What an import did. All zero when it failed.
 */
typedef struct
{
  guint stories_imported;
  guint stories_skipped;
  guint languages_added;
  guint sections_added;
  guint tags_added;
  guint contributors_added;
  guint media_added;
} NdBackupImportStats;

GQuark   nd_backup_error_quark (void);

gboolean nd_backup_export      (NdStoryStore         *store,
                                GOutputStream        *stream,
                                GCancellable         *cancellable,
                                GError              **error);
gboolean nd_backup_import      (NdStoryStore         *store,
                                GInputStream         *stream,
                                NdBackupImportStats  *stats,
                                GCancellable         *cancellable,
                                GError              **error);

/* For tests: lowers the size limit of nd_backup_import(); 0 restores
 * %ND_BACKUP_MAX_IMPORT_SIZE. */
void     _nd_backup_set_max_import_size (gint64 max_size);

G_END_DECLS
