/* nd-edition-status.h
 *
 * SPDX-License-Identifier: GPL-3.0-or-later
 */

#pragma once

#include <glib-object.h>

G_BEGIN_DECLS

/**
 * NdEditionStatus:
 * @ND_EDITION_STATUS_NEEDS_TRANSLATION: wanted in this language, not started
 * @ND_EDITION_STATUS_DRAFT: being written or translated
 * @ND_EDITION_STATUS_IN_REVIEW: waiting for an editor
 * @ND_EDITION_STATUS_READY: approved, not yet given a time
 * @ND_EDITION_STATUS_SCHEDULED: will go live at its publish time
 * @ND_EDITION_STATUS_PUBLISHED: live on the site
 *
 * Where an edition is in the newsroom's workflow.
 */
typedef enum
{
  ND_EDITION_STATUS_NEEDS_TRANSLATION,
  ND_EDITION_STATUS_DRAFT,
  ND_EDITION_STATUS_IN_REVIEW,
  ND_EDITION_STATUS_READY,
  ND_EDITION_STATUS_SCHEDULED,
  ND_EDITION_STATUS_PUBLISHED,
} NdEditionStatus;

#define ND_EDITION_STATUS_LAST ND_EDITION_STATUS_PUBLISHED

#define ND_TYPE_EDITION_STATUS (nd_edition_status_get_type ())

GType        nd_edition_status_get_type       (void) G_GNUC_CONST;

const char  *nd_edition_status_to_string      (NdEditionStatus  status);
gboolean     nd_edition_status_from_string    (const char      *str,
                                               NdEditionStatus *status);
const char  *nd_edition_status_get_label      (NdEditionStatus  status);
gboolean     nd_edition_status_can_transition (NdEditionStatus  from,
                                               NdEditionStatus  to);

G_END_DECLS
