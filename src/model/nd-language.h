/* nd-language.h
 *
 * SPDX-License-Identifier: GPL-3.0-or-later
 */

#pragma once

#include <glib-object.h>

G_BEGIN_DECLS

#define ND_TYPE_LANGUAGE (nd_language_get_type ())

G_DECLARE_FINAL_TYPE (NdLanguage, nd_language, ND, LANGUAGE, GObject)

NdLanguage *nd_language_new (void);
const char * nd_language_get_code (NdLanguage *self);
void nd_language_set_code (NdLanguage *self, const char *code);
const char * nd_language_get_name (NdLanguage *self);
void nd_language_set_name (NdLanguage *self, const char *name);
const char * nd_language_get_native_name (NdLanguage *self);
void nd_language_set_native_name (NdLanguage *self, const char *native_name);
gboolean nd_language_get_rtl (NdLanguage *self);
void nd_language_set_rtl (NdLanguage *self, gboolean rtl);
const char * nd_language_get_publication_name (NdLanguage *self);
void nd_language_set_publication_name (NdLanguage *self, const char *publication_name);
const char * nd_language_get_dateline_format (NdLanguage *self);
void nd_language_set_dateline_format (NdLanguage *self, const char *dateline_format);
int nd_language_get_position (NdLanguage *self);
void nd_language_set_position (NdLanguage *self, int position);

G_END_DECLS
