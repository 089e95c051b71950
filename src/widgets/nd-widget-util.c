/* nd-widget-util.c
 *
 * SPDX-License-Identifier: GPL-3.0-or-later
 */

#include "config.h"

#include "nd-widget-util.h"

/**
 * _nd_widget_set_direction_deep:
 * @widget: a field
 * @direction: the direction of the field's language
 *
 * Gives @widget and everything inside it @direction. A field takes the
 * direction of its language whatever the interface's (Arabic is written
 * right to left in an English interface, English left to right in an Arabic
 * one), and GTK does not pass a direction on to children: a GtkEntry lays
 * out its text in a child GtkText that would keep the interface's.
 * Popovers (context menus, completion) speak the interface's language and
 * keep its direction.
 */
void
_nd_widget_set_direction_deep (GtkWidget        *widget,
                               GtkTextDirection  direction)
{
  g_return_if_fail (GTK_IS_WIDGET (widget));

  gtk_widget_set_direction (widget, direction);

  for (GtkWidget *child = gtk_widget_get_first_child (widget);
       child != NULL;
       child = gtk_widget_get_next_sibling (child))
    if (!GTK_IS_POPOVER (child))
      _nd_widget_set_direction_deep (child, direction);
}

/**
 * _nd_language_get_direction:
 * @language: (nullable): a language of the publication
 *
 * Returns: the direction its text is written in, or %GTK_TEXT_DIR_NONE
 *   (the interface's) for an unknown language
 */
GtkTextDirection
_nd_language_get_direction (NdLanguage *language)
{
  if (language == NULL)
    return GTK_TEXT_DIR_NONE;

  return nd_language_get_rtl (language) ? GTK_TEXT_DIR_RTL : GTK_TEXT_DIR_LTR;
}

/**
 * _nd_interface_lang:
 *
 * Returns: the two-letter code of the interface's language, for the names
 *   of sections and the like; "en" for the untranslated interface
 */
const char *
_nd_interface_lang (void)
{
  const char * const *names = g_get_language_names ();

  for (guint i = 0; names[i] != NULL; i++)
    if (strlen (names[i]) == 2)
      return names[i];

  return "en";
}

/**
 * _nd_widgets_ensure_style:
 *
 * Loads the editor's style sheet for the default display, once. The
 * widgets call it when they are made, so that they look right in the
 * application and in the tests alike.
 */
void
_nd_widgets_ensure_style (void)
{
  static gboolean loaded = FALSE;
  g_autoptr(GtkCssProvider) provider = NULL;
  GdkDisplay *display = gdk_display_get_default ();

  if (loaded || display == NULL)
    return;

  provider = gtk_css_provider_new ();
  gtk_css_provider_load_from_resource (provider, "/io/github/newsdesk/Newsdesk/nd-editor.css");
  gtk_style_context_add_provider_for_display (display, GTK_STYLE_PROVIDER (provider),
                                              GTK_STYLE_PROVIDER_PRIORITY_APPLICATION);
  loaded = TRUE;
}
