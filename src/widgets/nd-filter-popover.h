/* nd-filter-popover.h
 *
 * SPDX-License-Identifier: GPL-3.0-or-later
 */

#pragma once

#include <gtk/gtk.h>

G_BEGIN_DECLS

/**
 * NdFilterChoice:
 * @status: the position of the chosen status among the status choices
 *   (0: any status)
 * @language: the chosen language's position (0: any language)
 * @section: the chosen section's position (0: any section)
 * @tag: the chosen tag's position (0: any tag)
 * @schedule: the position of the chosen schedule (0: any time)
 * @needs_translation: only stories that lack a translation
 * @stale: only stories with a stale translation
 *
 * The desk's filters as chosen in the filter popover, by position among
 * its choices.
 */
typedef struct
{
  guint    status;
  guint    language;
  guint    section;
  guint    tag;
  guint    schedule;
  gboolean needs_translation;
  gboolean stale;
} NdFilterChoice;

#define ND_TYPE_FILTER_POPOVER (nd_filter_popover_get_type ())

G_DECLARE_FINAL_TYPE (NdFilterPopover, nd_filter_popover, ND, FILTER_POPOVER, GtkPopover)

GtkWidget *nd_filter_popover_new        (void);
void       nd_filter_popover_set_models (NdFilterPopover      *self,
                                         GListModel           *statuses,
                                         GListModel           *languages,
                                         GListModel           *sections,
                                         GListModel           *tags);
void       nd_filter_popover_set_choice (NdFilterPopover      *self,
                                         const NdFilterChoice *choice);
void       nd_filter_popover_get_choice (NdFilterPopover      *self,
                                         NdFilterChoice       *choice);

G_END_DECLS
