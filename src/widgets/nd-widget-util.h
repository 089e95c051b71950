/* nd-widget-util.h
 *
 * SPDX-License-Identifier: GPL-3.0-or-later
 */

#pragma once

#include <gtk/gtk.h>

#include "nd-story-store.h"

G_BEGIN_DECLS

void              _nd_widget_set_direction_deep (GtkWidget        *widget,
                                                 GtkTextDirection  direction);
GtkTextDirection  _nd_language_get_direction    (NdLanguage       *language);
const char       *_nd_interface_lang            (void);
void              _nd_widgets_ensure_style      (void);

G_END_DECLS
