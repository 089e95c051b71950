/* nd-test-widgets.c
 *
 * SPDX-License-Identifier: GPL-3.0-or-later
 */

#include "config.h"

#include "nd-test-widgets.h"

/**
 * nd_test_find_descendant:
 * @root: where to look
 * @type: the type of widget looked for
 *
 * Returns: (transfer none) (nullable): the first widget of @type under
 *   @root, depth first, @root itself excepted
 */
GtkWidget *
nd_test_find_descendant (GtkWidget *root,
                         GType      type)
{
  for (GtkWidget *child = gtk_widget_get_first_child (root);
       child != NULL;
       child = gtk_widget_get_next_sibling (child))
    {
      GtkWidget *found;

      if (G_TYPE_CHECK_INSTANCE_TYPE (child, type))
        return child;
      if ((found = nd_test_find_descendant (child, type)) != NULL)
        return found;
    }
  return NULL;
}
