/* nd-test-util.h: what the tests and benchmarks share (nd-test-widgets.h
 * for widgets).
 *
 * SPDX-License-Identifier: GPL-3.0-or-later
 */

#pragma once

#include <glib.h>

G_BEGIN_DECLS

void nd_test_remove_dir (const char *dir);

G_END_DECLS
