/* nd-test-widgets.h: what the tests of widgets and the UI benchmarks share.
 *
 * SPDX-License-Identifier: GPL-3.0-or-later
 */

#pragma once

#include <gtk/gtk.h>

G_BEGIN_DECLS

typedef gboolean (*NdTestWidgetFunc) (GtkWidget     *widget,
                                      gconstpointer  data);

GtkWidget *nd_test_find_widget     (GtkWidget        *root,
                                    NdTestWidgetFunc  matches,
                                    NdTestWidgetFunc  enters,
                                    gconstpointer     data);
GtkWidget *nd_test_find_descendant (GtkWidget        *root,
                                    GType             type);

G_END_DECLS
