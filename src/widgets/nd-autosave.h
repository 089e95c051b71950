/* nd-autosave.h
 *
 * SPDX-License-Identifier: GPL-3.0-or-later
 */

#pragma once

#include <glib-object.h>

G_BEGIN_DECLS

/**
 * NdSaveState:
 * @ND_SAVE_STATE_SAVED: everything typed is in the database
 * @ND_SAVE_STATE_UNSAVED: a change waits for the pause in typing
 * @ND_SAVE_STATE_FAILED: the last save failed; the text is kept and saving
 *   is retried
 *
 * Where the editor's text stands with respect to the database.
 */
typedef enum
{
  ND_SAVE_STATE_SAVED,
  ND_SAVE_STATE_UNSAVED,
  ND_SAVE_STATE_FAILED,
} NdSaveState;

#define ND_TYPE_SAVE_STATE (nd_save_state_get_type ())

GType nd_save_state_get_type (void) G_GNUC_CONST;

/**
 * NdAutosaveFunc:
 * @user_data: the data given to nd_autosave_new()
 * @error: return location for a #GError
 *
 * Writes the pending changes, in one store call where possible.
 *
 * Returns: whether the changes are in the database
 */
typedef gboolean (*NdAutosaveFunc) (gpointer   user_data,
                                    GError   **error);

/* How long a pause in typing is, and how often a failed save is retried. */
#define ND_AUTOSAVE_DELAY_MS 700
#define ND_AUTOSAVE_RETRY_MS 3000

#define ND_TYPE_AUTOSAVE (nd_autosave_get_type ())

G_DECLARE_FINAL_TYPE (NdAutosave, nd_autosave, ND, AUTOSAVE, GObject)

NdAutosave   *nd_autosave_new                 (NdAutosaveFunc  func,
                                               gpointer        user_data);
void          nd_autosave_changed             (NdAutosave     *self);
gboolean      nd_autosave_flush               (NdAutosave     *self,
                                               GError        **error);
void          nd_autosave_forget              (NdAutosave     *self);
gboolean      nd_autosave_has_unsaved_changes (NdAutosave     *self);
gboolean      nd_autosave_is_saving           (NdAutosave     *self);
NdSaveState   nd_autosave_get_state           (NdAutosave     *self);
const GError *nd_autosave_get_error           (NdAutosave     *self);
void          nd_autosave_set_delays          (NdAutosave     *self,
                                               guint           delay_ms,
                                               guint           retry_ms);

G_END_DECLS
