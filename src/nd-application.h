/* nd-application.h
 *
 * SPDX-License-Identifier: GPL-3.0-or-later
 */

#pragma once

#include <adwaita.h>

#include "nd-sync-engine.h"

G_BEGIN_DECLS

#define ND_TYPE_APPLICATION (nd_application_get_type ())

G_DECLARE_FINAL_TYPE (NdApplication, nd_application, ND, APPLICATION, AdwApplication)

NdApplication *nd_application_new (void);
NdSyncEngine  *nd_application_get_sync_engine (NdApplication *self);
NdSyncStore   *nd_application_get_sync_store  (NdApplication *self);

G_END_DECLS
