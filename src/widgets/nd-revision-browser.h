/* nd-revision-browser.h
 *
 * SPDX-License-Identifier: GPL-3.0-or-later
 */

#pragma once

#include <adwaita.h>

#include "nd-story-store.h"

G_BEGIN_DECLS

#define ND_TYPE_REVISION_BROWSER (nd_revision_browser_get_type ())

G_DECLARE_FINAL_TYPE (NdRevisionBrowser, nd_revision_browser, ND, REVISION_BROWSER, AdwWindow)

NdRevisionBrowser *nd_revision_browser_new             (GtkWindow         *parent,
                                                        NdStoryStore      *store,
                                                        gint64             edition_id);
gint64             nd_revision_browser_get_edition_id  (NdRevisionBrowser *self);
gboolean           nd_revision_browser_select_revision (NdRevisionBrowser *self,
                                                        gint64             revision);
gboolean           nd_revision_browser_restore         (NdRevisionBrowser *self,
                                                        GError           **error);
char              *nd_revision_browser_format_time     (gint64             usec,
                                                        gint64             now_usec);

G_END_DECLS
