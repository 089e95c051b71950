/* nd-contributor.h
 *
 * SPDX-License-Identifier: GPL-3.0-or-later
 */

#pragma once

#include <glib-object.h>
#include "nd-localized-text.h"

G_BEGIN_DECLS

#define ND_TYPE_CONTRIBUTOR (nd_contributor_get_type ())

G_DECLARE_FINAL_TYPE (NdContributor, nd_contributor, ND, CONTRIBUTOR, GObject)

NdContributor *nd_contributor_new (void);
gint64 nd_contributor_get_id (NdContributor *self);
void nd_contributor_set_id (NdContributor *self, gint64 id);
const char * nd_contributor_get_uuid (NdContributor *self);
void nd_contributor_set_uuid (NdContributor *self, const char *uuid);

NdLocalizedText *nd_contributor_get_names (NdContributor *self);
NdLocalizedText *nd_contributor_get_roles (NdContributor *self);

G_END_DECLS
