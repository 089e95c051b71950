/* nd-edition-status.c
 *
 * SPDX-License-Identifier: GPL-3.0-or-later
 */

#include "config.h"

#include <glib/gi18n-lib.h>

#include "nd-edition-status.h"

G_DEFINE_ENUM_TYPE (NdEditionStatus, nd_edition_status,
  G_DEFINE_ENUM_VALUE (ND_EDITION_STATUS_NEEDS_TRANSLATION, "needs-translation"),
  G_DEFINE_ENUM_VALUE (ND_EDITION_STATUS_DRAFT, "draft"),
  G_DEFINE_ENUM_VALUE (ND_EDITION_STATUS_IN_REVIEW, "in-review"),
  G_DEFINE_ENUM_VALUE (ND_EDITION_STATUS_READY, "ready"),
  G_DEFINE_ENUM_VALUE (ND_EDITION_STATUS_SCHEDULED, "scheduled"),
  G_DEFINE_ENUM_VALUE (ND_EDITION_STATUS_PUBLISHED, "published"))

/* The names stored in the database and in backups; never translated. */
static const char * const status_names[] = {
  [ND_EDITION_STATUS_NEEDS_TRANSLATION] = "needs-translation",
  [ND_EDITION_STATUS_DRAFT] = "draft",
  [ND_EDITION_STATUS_IN_REVIEW] = "in-review",
  [ND_EDITION_STATUS_READY] = "ready",
  [ND_EDITION_STATUS_SCHEDULED] = "scheduled",
  [ND_EDITION_STATUS_PUBLISHED] = "published",
};

/*
 * The workflow moves forward one step at a time; the moves back are the ones a
 * newsroom makes: sending a piece back to its writer, unscheduling, pulling a
 * published piece back to review or to ready. Nothing goes back to "needs
 * translation": once work started on an edition it is a draft.
 */
static const gboolean transitions[ND_EDITION_STATUS_LAST + 1][ND_EDITION_STATUS_LAST + 1] = {
  [ND_EDITION_STATUS_NEEDS_TRANSLATION] = {
    [ND_EDITION_STATUS_DRAFT] = TRUE,
  },
  [ND_EDITION_STATUS_DRAFT] = {
    [ND_EDITION_STATUS_IN_REVIEW] = TRUE,
  },
  [ND_EDITION_STATUS_IN_REVIEW] = {
    [ND_EDITION_STATUS_DRAFT] = TRUE,
    [ND_EDITION_STATUS_READY] = TRUE,
  },
  [ND_EDITION_STATUS_READY] = {
    [ND_EDITION_STATUS_IN_REVIEW] = TRUE,
    [ND_EDITION_STATUS_DRAFT] = TRUE,
    [ND_EDITION_STATUS_SCHEDULED] = TRUE,
    [ND_EDITION_STATUS_PUBLISHED] = TRUE,
  },
  [ND_EDITION_STATUS_SCHEDULED] = {
    [ND_EDITION_STATUS_READY] = TRUE,
    [ND_EDITION_STATUS_PUBLISHED] = TRUE,
  },
  [ND_EDITION_STATUS_PUBLISHED] = {
    [ND_EDITION_STATUS_READY] = TRUE,
    [ND_EDITION_STATUS_IN_REVIEW] = TRUE,
  },
};

/**
 * nd_edition_status_to_string:
 * @status: a #NdEditionStatus
 *
 * Returns: the stable name of @status, as stored and exported
 */
const char *
nd_edition_status_to_string (NdEditionStatus status)
{
  g_return_val_if_fail (status <= ND_EDITION_STATUS_LAST, NULL);

  return status_names[status];
}

/**
 * nd_edition_status_from_string:
 * @str: a stored status name
 * @status: (out): the status
 *
 * Returns: %TRUE if @str names a status
 */
gboolean
nd_edition_status_from_string (const char      *str,
                               NdEditionStatus *status)
{
  g_return_val_if_fail (status != NULL, FALSE);

  if (str == NULL)
    return FALSE;

  for (guint i = 0; i < G_N_ELEMENTS (status_names); i++)
    {
      if (g_str_equal (str, status_names[i]))
        {
          *status = (NdEditionStatus) i;
          return TRUE;
        }
    }

  return FALSE;
}

/**
 * nd_edition_status_get_label:
 * @status: a #NdEditionStatus
 *
 * Returns: the status as the interface shows it, translated
 */
const char *
nd_edition_status_get_label (NdEditionStatus status)
{
  switch (status)
    {
    case ND_EDITION_STATUS_NEEDS_TRANSLATION:
      return _("Needs translation");
    case ND_EDITION_STATUS_DRAFT:
      return _("Draft");
    case ND_EDITION_STATUS_IN_REVIEW:
      return _("In review");
    case ND_EDITION_STATUS_READY:
      return _("Ready");
    case ND_EDITION_STATUS_SCHEDULED:
      return _("Scheduled");
    case ND_EDITION_STATUS_PUBLISHED:
      return _("Published");
    default:
      g_return_val_if_reached (NULL);
    }
}

/**
 * nd_edition_status_can_transition:
 * @from: the current status
 * @to: the wanted status
 *
 * Tells whether the workflow allows moving an edition from @from to @to.
 * Staying in the same status is not a transition.
 *
 * Returns: %TRUE if the move is allowed
 */
gboolean
nd_edition_status_can_transition (NdEditionStatus from,
                                  NdEditionStatus to)
{
  g_return_val_if_fail (from <= ND_EDITION_STATUS_LAST, FALSE);
  g_return_val_if_fail (to <= ND_EDITION_STATUS_LAST, FALSE);

  return transitions[from][to];
}
