/* nd-localized-text.h
 *
 * SPDX-License-Identifier: GPL-3.0-or-later
 */

#pragma once

#include <glib.h>

G_BEGIN_DECLS

/*
 * A text with one value per language code ("ru", "en", "ar"…). Languages
 * are data, so this is a map, never a field per language.
 */
typedef struct _NdLocalizedText NdLocalizedText;

NdLocalizedText *nd_localized_text_new       (void);
void             nd_localized_text_free      (NdLocalizedText    *self);
const char      *nd_localized_text_get       (NdLocalizedText    *self,
                                              const char         *lang);
const char      *nd_localized_text_get_first (NdLocalizedText    *self,
                                              const char * const *langs);
void             nd_localized_text_set       (NdLocalizedText    *self,
                                              const char         *lang,
                                              const char         *text);
char           **nd_localized_text_get_langs (NdLocalizedText    *self);
guint            nd_localized_text_get_size  (NdLocalizedText    *self);

G_DEFINE_AUTOPTR_CLEANUP_FUNC (NdLocalizedText, nd_localized_text_free)

G_END_DECLS
