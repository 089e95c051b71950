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
