/* nd-tag-entry.h
 *
 * SPDX-License-Identifier: GPL-3.0-or-later
 */

#pragma once

#include <gtk/gtk.h>

#include "nd-story-store.h"

G_BEGIN_DECLS

#define ND_TYPE_TAG_ENTRY (nd_tag_entry_get_type ())

G_DECLARE_FINAL_TYPE (NdTagEntry, nd_tag_entry, ND, TAG_ENTRY, GtkWidget)

NdTagEntry *nd_tag_entry_new       (void);
void        nd_tag_entry_set_store (NdTagEntry *self,
                                    NdStoryStore *store);
void        nd_tag_entry_set_lang  (NdTagEntry *self,
                                    const char *lang);
const char *nd_tag_entry_get_lang  (NdTagEntry *self);
void        nd_tag_entry_set_tags  (NdTagEntry *self,
                                    GPtrArray  *tags);
GPtrArray  *nd_tag_entry_get_tags  (NdTagEntry *self);

G_END_DECLS
