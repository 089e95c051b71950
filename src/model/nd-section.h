/* nd-section.h
 *
 * SPDX-License-Identifier: GPL-3.0-or-later
 */

#pragma once

#include <glib-object.h>
#include "nd-localized-text.h"

G_BEGIN_DECLS

#define ND_TYPE_SECTION (nd_section_get_type ())

G_DECLARE_FINAL_TYPE (NdSection, nd_section, ND, SECTION, GObject)

NdSection *nd_section_new (void);
gint64 nd_section_get_id (NdSection *self);
void nd_section_set_id (NdSection *self, gint64 id);
const char * nd_section_get_slug (NdSection *self);
void nd_section_set_slug (NdSection *self, const char *slug);
int nd_section_get_position (NdSection *self);
void nd_section_set_position (NdSection *self, int position);

NdLocalizedText *nd_section_get_names (NdSection *self);
const char *nd_section_get_name (NdSection  *self,
                                 const char *lang);

G_END_DECLS
