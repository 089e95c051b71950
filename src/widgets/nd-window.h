/* nd-window.h
 *
 * SPDX-License-Identifier: GPL-3.0-or-later
 */

#pragma once

#include <adwaita.h>

#include "nd-story-store.h"

G_BEGIN_DECLS

#define ND_TYPE_WINDOW (nd_window_get_type ())

G_DECLARE_FINAL_TYPE (NdWindow, nd_window, ND, WINDOW, AdwApplicationWindow)

NdWindow     *nd_window_new       (gpointer      application,
                                   NdStoryStore *store);
NdStoryStore *nd_window_get_store (NdWindow     *self);

G_END_DECLS
