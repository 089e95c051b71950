/* nd-media.h
 *
 * SPDX-License-Identifier: GPL-3.0-or-later
 */

#pragma once

#include <glib-object.h>
#include "nd-localized-text.h"

G_BEGIN_DECLS

#define ND_TYPE_MEDIA (nd_media_get_type ())

G_DECLARE_FINAL_TYPE (NdMedia, nd_media, ND, MEDIA, GObject)

NdMedia *nd_media_new (void);
gint64 nd_media_get_id (NdMedia *self);
void nd_media_set_id (NdMedia *self, gint64 id);
const char * nd_media_get_uuid (NdMedia *self);
void nd_media_set_uuid (NdMedia *self, const char *uuid);
const char * nd_media_get_file (NdMedia *self);
void nd_media_set_file (NdMedia *self, const char *file);
const char * nd_media_get_mime_type (NdMedia *self);
void nd_media_set_mime_type (NdMedia *self, const char *mime_type);

NdLocalizedText *nd_media_get_captions (NdMedia *self);
NdLocalizedText *nd_media_get_alts (NdMedia *self);
NdLocalizedText *nd_media_get_credits (NdMedia *self);

G_END_DECLS
