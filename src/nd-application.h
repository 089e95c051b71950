/* nd-application.h
 *
 * SPDX-License-Identifier: GPL-3.0-or-later
 */

#pragma once

#include <adwaita.h>

G_BEGIN_DECLS

#define ND_TYPE_APPLICATION (nd_application_get_type ())

G_DECLARE_FINAL_TYPE (NdApplication, nd_application, ND, APPLICATION, AdwApplication)

NdApplication *nd_application_new (void);

G_END_DECLS
