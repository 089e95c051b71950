/* nd-search-result.h
 *
 * SPDX-License-Identifier: GPL-3.0-or-later
 */

#pragma once

#include <glib-object.h>

#include "nd-story.h"

G_BEGIN_DECLS

#define ND_TYPE_SEARCH_RESULT (nd_search_result_get_type ())

G_DECLARE_FINAL_TYPE (NdSearchResult, nd_search_result, ND, SEARCH_RESULT, GObject)

NdSearchResult *nd_search_result_new            (NdStory        *story,
                                                 const char     *lang,
                                                 const char     *snippet);
NdStory        *nd_search_result_get_story      (NdSearchResult *self);
const char     *nd_search_result_get_lang       (NdSearchResult *self);
const char     *nd_search_result_get_snippet    (NdSearchResult *self);
char           *nd_search_snippet_to_markup     (const char     *snippet);

G_END_DECLS
