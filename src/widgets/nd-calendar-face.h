/* nd-calendar-face.h
 *
 * SPDX-License-Identifier: GPL-3.0-or-later
 */

#pragma once

#include <gtk/gtk.h>

G_BEGIN_DECLS

/**
 * NdCalendarFace:
 *
 * The text of an item on the editorial calendar: one line of attributed
 * text, ellipsized at the end, drawn from a PangoLayout that it keeps.
 *
 * Unlike a GtkLabel its size does not depend on its text: it is as tall as
 * a line of the font and as wide as a few characters, so measuring it
 * shapes nothing, and its text is shaped once, when it is drawn at the
 * width it was given. NdCalendarView puts one in each item's button; the
 * button carries the item's accessible name, and the face is presentation
 * only.
 */

#define ND_TYPE_CALENDAR_FACE (nd_calendar_face_get_type ())

G_DECLARE_FINAL_TYPE (NdCalendarFace, nd_calendar_face, ND, CALENDAR_FACE, GtkWidget)

GtkWidget  *nd_calendar_face_new      (void);
void        nd_calendar_face_set_text (NdCalendarFace *self,
                                       const char     *text,
                                       PangoAttrList  *attrs);
const char *nd_calendar_face_get_text (NdCalendarFace *self);

G_END_DECLS
