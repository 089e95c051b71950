/* nd-tag.h
 *
 * SPDX-License-Identifier: GPL-3.0-or-later
 */

#pragma once

#include <glib-object.h>
#include "nd-localized-text.h"

G_BEGIN_DECLS

#define ND_TYPE_TAG (nd_tag_get_type ())

G_DECLARE_FINAL_TYPE (NdTag, nd_tag, ND, TAG, GObject)

NdTag *nd_tag_new (void);
gint64 nd_tag_get_id (NdTag *self);
void nd_tag_set_id (NdTag *self, gint64 id);
const char * nd_tag_get_uuid (NdTag *self);
void nd_tag_set_uuid (NdTag *self, const char *uuid);

NdLocalizedText *nd_tag_get_labels (NdTag *self);
const char *nd_tag_get_label (NdTag      *self,
                              const char *lang);

G_END_DECLS
