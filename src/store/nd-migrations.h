/* nd-migrations.h
 *
 * SPDX-License-Identifier: GPL-3.0-or-later
 */

#pragma once

#include <glib.h>

G_BEGIN_DECLS

/*
 * One step of the schema. Step N takes a database from user_version N-1 to N;
 * steps are never edited once released, only appended.
 */
typedef struct
{
  int         version;
  const char *summary;
  const char *sql;
} NdMigration;

const NdMigration *nd_migrations_get (guint *n_migrations);

G_END_DECLS
