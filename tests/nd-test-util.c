/* nd-test-util.c
 *
 * SPDX-License-Identifier: GPL-3.0-or-later
 */

#include "config.h"

#include <glib/gstdio.h>

#include "nd-test-util.h"

/**
 * nd_test_remove_dir:
 * @dir: a temporary folder of a test, holding files only (a database, its
 *   write-ahead log, a backup)
 *
 * Removes the folder and the files in it.
 */
void
nd_test_remove_dir (const char *dir)
{
  g_autoptr(GDir) handle = g_dir_open (dir, 0, NULL);
  const char *name;

  while (handle != NULL && (name = g_dir_read_name (handle)) != NULL)
    {
      g_autofree char *path = g_build_filename (dir, name, NULL);

      g_remove (path);
    }
  g_rmdir (dir);
}

/**
 * nd_test_open_store:
 * @name: what the temporary folder is named after
 * @dir: (out): the new temporary folder, for nd_test_remove_dir()
 * @database: (out): the database, newsdesk.db in @dir
 *
 * A store on a new database in a file of its own: reads off the main thread
 * need one (a database in memory is read on the calling thread).
 *
 * Returns: (transfer full): the store
 */
NdStoryStore *
nd_test_open_store (const char  *name,
                    char       **dir,
                    NdDatabase **database)
{
  g_autoptr(GError) error = NULL;
  g_autofree char *template = g_strdup_printf ("newsdesk-%s-XXXXXX", name);
  g_autofree char *path = NULL;
  NdStoryStore *store;

  *dir = g_dir_make_tmp (template, &error);
  g_assert_no_error (error);
  path = g_build_filename (*dir, "newsdesk.db", NULL);
  *database = nd_database_open (path, ND_DATABASE_FLAGS_NONE, &error);
  g_assert_no_error (error);
  store = nd_story_store_new (*database, &error);
  g_assert_no_error (error);
  return store;
}

/**
 * nd_test_close_store:
 * @store: (transfer full): a store from nd_test_open_store()
 * @database: (transfer full): its database
 * @dir: (transfer full): its folder
 *
 * Drops the last references to @store and @database, checking that nothing
 * else holds them, and removes @dir with the database in it.
 */
void
nd_test_close_store (NdStoryStore *store,
                     NdDatabase   *database,
                     char         *dir)
{
  g_assert_finalize_object (store);
  g_assert_finalize_object (database);
  nd_test_remove_dir (dir);
  g_free (dir);
}
