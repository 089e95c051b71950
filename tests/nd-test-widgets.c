/* nd-test-widgets.c
 *
 * SPDX-License-Identifier: GPL-3.0-or-later
 */

#include "config.h"

#include "nd-test-widgets.h"

/**
 * nd_test_find_widget:
 * @root: where to look
 * @matches: whether a widget is the one looked for
 * @enters: (nullable): whether to look under a widget that does not match;
 *   %NULL looks everywhere
 * @data: for @matches and @enters
 *
 * Returns: (transfer none) (nullable): the first widget under @root, depth
 *   first, that @matches, @root itself excepted
 */
GtkWidget *
nd_test_find_widget (GtkWidget         *root,
                     NdTestWidgetFunc   matches,
                     NdTestWidgetFunc   enters,
                     gconstpointer      data)
{
  for (GtkWidget *child = gtk_widget_get_first_child (root);
       child != NULL;
       child = gtk_widget_get_next_sibling (child))
    {
      GtkWidget *found;

      if (matches (child, data))
        return child;
      if ((enters == NULL || enters (child, data)) &&
          (found = nd_test_find_widget (child, matches, enters, data)) != NULL)
        return found;
    }
  return NULL;
}

static gboolean
is_of_type (GtkWidget     *widget,
            gconstpointer  data)
{
  return G_TYPE_CHECK_INSTANCE_TYPE (widget, (GType) GPOINTER_TO_SIZE (data));
}

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
  return nd_test_find_widget (root, is_of_type, NULL, GSIZE_TO_POINTER (type));
}
