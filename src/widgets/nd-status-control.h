/* nd-status-control.h
 *
 * SPDX-License-Identifier: GPL-3.0-or-later
 */

#pragma once

#include <gtk/gtk.h>

#include "nd-story-store.h"

G_BEGIN_DECLS

#define ND_TYPE_STATUS_CONTROL (nd_status_control_get_type ())

G_DECLARE_FINAL_TYPE (NdStatusControl, nd_status_control, ND, STATUS_CONTROL, GtkWidget)

GtkWidget   *nd_status_control_new          (NdStoryStore     *store);
void         nd_status_control_set_edition  (NdStatusControl  *self,
                                             NdEdition        *edition);
NdEdition   *nd_status_control_get_edition  (NdStatusControl  *self);
void         nd_status_control_update       (NdStatusControl  *self);
gboolean     nd_status_control_move         (NdStatusControl  *self,
                                             NdEditionStatus   status);
gboolean     nd_status_control_schedule     (NdStatusControl  *self,
                                             gint64            publish_at);
const char  *nd_status_control_get_message  (NdStatusControl  *self);
const char  *nd_status_control_get_move_label (NdEditionStatus from,
                                             NdEditionStatus  to);

/* Shared by the widgets that move editions: asks before a stale
 * translation goes out. */
typedef void (*NdConfirmFunc) (gpointer user_data);

void         _nd_confirm_stale_move         (GtkWidget        *parent,
                                             const char       *reason,
                                             const char       *confirm_label,
                                             NdConfirmFunc     confirmed,
                                             gpointer          user_data,
                                             GDestroyNotify    destroy);

G_END_DECLS
