/* nd-test-util.h: what the tests and benchmarks share (nd-test-widgets.h
 * for widgets).
 *
 * SPDX-License-Identifier: GPL-3.0-or-later
 */

#pragma once

#include <glib.h>

#include "nd-story-store.h"

G_BEGIN_DECLS

void          nd_test_remove_dir (const char    *dir);
NdStoryStore *nd_test_open_store  (const char    *name,
                                   char         **dir,
                                   NdDatabase   **database);
void          nd_test_close_store (NdStoryStore  *store,
                                   NdDatabase    *database,
                                   char          *dir);

G_END_DECLS
