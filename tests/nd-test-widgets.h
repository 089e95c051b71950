/* nd-test-widgets.h: what the tests of widgets and the UI benchmarks share.
 *
 * SPDX-License-Identifier: GPL-3.0-or-later
 */

#pragma once

#include <gtk/gtk.h>

G_BEGIN_DECLS

GtkWidget *nd_test_find_descendant (GtkWidget *root,
                                    GType      type);

G_END_DECLS
