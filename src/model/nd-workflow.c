/* nd-workflow.c
 *
 * SPDX-License-Identifier: GPL-3.0-or-later
 */

#define G_LOG_DOMAIN "newsdesk-model"

#include "config.h"

#include <glib/gi18n-lib.h>

#include "nd-workflow.h"

/**
 * NdWorkflow:
 *
 * The rules an edition's move from one status to another must follow, as
 * plain checks on values: the store applies them before it writes, and the
 * interface shows the same problems before the editor clicks.
 */

G_DEFINE_QUARK (nd-workflow-error-quark, nd_workflow_error)

void
nd_workflow_problem_free (NdWorkflowProblem *problem)
{
  if (problem == NULL)
    return;

  g_free (problem->message);
  g_free (problem);
}

static void
add_problem (GPtrArray             *problems,
             NdWorkflowProblemKind  kind,
             NdWorkflowSeverity     severity,
             char                  *message)
{
  NdWorkflowProblem *problem = g_new0 (NdWorkflowProblem, 1);

  problem->kind = kind;
  problem->severity = severity;
  problem->message = message;
  g_ptr_array_add (problems, problem);
}

static gboolean
is_blank (const char *text)
{
  if (text == NULL)
    return TRUE;

  for (const char *p = text; *p != '\0'; p = g_utf8_next_char (p))
    {
      if (!g_unichar_isspace (g_utf8_get_char (p)))
        return FALSE;
    }

  return TRUE;
}

/* Ready, scheduled and published are the statuses in which an edition is
 * about to be, or is, in front of readers; only moves into them need a
 * complete edition. Moves back (unschedule, send back to review) never do. */
static gboolean
goes_out (NdEditionStatus status)
{
  return status == ND_EDITION_STATUS_READY ||
         status == ND_EDITION_STATUS_SCHEDULED ||
         status == ND_EDITION_STATUS_PUBLISHED;
}

/**
 * nd_workflow_check:
 * @story: (nullable): the edition's story, for its section and tags; %NULL
 *   counts as a story with neither
 * @edition: the edition to move
 * @source: (nullable): the story's source edition, to tell staleness
 * @status: the wanted status
 *
 * Lists what stands in the way of moving @edition to @status. A move the
 * status table (nd_edition_status_can_transition()) does not have is refused;
 * staying in the same status is not a move and is checked only for content,
 * so a reschedule re-checks a scheduled edition.
 *
 * Moves into ready, scheduled or published are refused without a headline,
 * a body or a section; they warn about a missing standfirst, dateline city or
 * tags, and a stale translation needs the editor's confirmation.
 *
 * Returns: (transfer full) (element-type NdWorkflowProblem): the problems,
 *   worst first; empty when the move is clean
 */
GPtrArray *
nd_workflow_check (NdStory         *story,
                   NdEdition       *edition,
                   NdEdition       *source,
                   NdEditionStatus  status)
{
  g_autoptr(GPtrArray) problems = NULL;
  NdEditionStatus from;

  g_return_val_if_fail (story == NULL || ND_IS_STORY (story), NULL);
  g_return_val_if_fail (ND_IS_EDITION (edition), NULL);
  g_return_val_if_fail (source == NULL || ND_IS_EDITION (source), NULL);
  g_return_val_if_fail (status <= ND_EDITION_STATUS_LAST, NULL);

  problems = g_ptr_array_new_with_free_func ((GDestroyNotify) nd_workflow_problem_free);
  from = nd_edition_get_status (edition);

  if (from != status && !nd_edition_status_can_transition (from, status))
    add_problem (problems, ND_WORKFLOW_PROBLEM_TRANSITION, ND_WORKFLOW_SEVERITY_REFUSE,
                 /* Translators: the statuses are "Draft", "Ready"… */
                 g_strdup_printf (_("An edition cannot go from “%s” to “%s”"),
                                  nd_edition_status_get_label (from),
                                  nd_edition_status_get_label (status)));

  if (!goes_out (status))
    return g_steal_pointer (&problems);

  if (is_blank (nd_edition_get_headline (edition)))
    add_problem (problems, ND_WORKFLOW_PROBLEM_NO_HEADLINE, ND_WORKFLOW_SEVERITY_REFUSE,
                 g_strdup (_("The edition has no headline")));
  if (is_blank (nd_edition_get_body (edition)))
    add_problem (problems, ND_WORKFLOW_PROBLEM_NO_BODY, ND_WORKFLOW_SEVERITY_REFUSE,
                 g_strdup (_("The edition has no text")));
  if (story == NULL || nd_story_get_section_id (story) == 0)
    add_problem (problems, ND_WORKFLOW_PROBLEM_NO_SECTION, ND_WORKFLOW_SEVERITY_REFUSE,
                 g_strdup (_("The story has no section")));

  if (source != NULL && nd_edition_is_stale (edition, source))
    add_problem (problems, ND_WORKFLOW_PROBLEM_STALE, ND_WORKFLOW_SEVERITY_CONFIRM,
                 g_strdup (_("The source text changed after this translation was made")));

  if (is_blank (nd_edition_get_standfirst (edition)))
    add_problem (problems, ND_WORKFLOW_PROBLEM_NO_STANDFIRST, ND_WORKFLOW_SEVERITY_WARN,
                 g_strdup (_("The edition has no standfirst")));
  if (is_blank (nd_edition_get_dateline_city (edition)))
    add_problem (problems, ND_WORKFLOW_PROBLEM_NO_DATELINE, ND_WORKFLOW_SEVERITY_WARN,
                 g_strdup (_("The edition has no dateline")));
  if (story == NULL || nd_story_get_tag_ids (story)->len == 0)
    add_problem (problems, ND_WORKFLOW_PROBLEM_NO_TAGS, ND_WORKFLOW_SEVERITY_WARN,
                 g_strdup (_("The story has no tags")));

  return g_steal_pointer (&problems);
}

/**
 * nd_workflow_worst_severity:
 * @problems: (element-type NdWorkflowProblem): problems from
 *   nd_workflow_check()
 *
 * Returns: the worst severity in @problems; %ND_WORKFLOW_SEVERITY_WARN when
 *   there are none
 */
NdWorkflowSeverity
nd_workflow_worst_severity (GPtrArray *problems)
{
  NdWorkflowSeverity worst = ND_WORKFLOW_SEVERITY_WARN;

  g_return_val_if_fail (problems != NULL, ND_WORKFLOW_SEVERITY_REFUSE);

  for (guint i = 0; i < problems->len; i++)
    {
      const NdWorkflowProblem *problem = g_ptr_array_index (problems, i);

      worst = MAX (worst, problem->severity);
    }

  return worst;
}

/**
 * nd_workflow_allows:
 * @problems: (element-type NdWorkflowProblem): problems from
 *   nd_workflow_check()
 * @confirmed: whether the editor confirmed the problems that ask for it
 * @error: return location for a #GError
 *
 * Decides a move: refusals stop it with %ND_WORKFLOW_ERROR_REFUSED and the
 * first refusal's message; confirmations stop it with
 * %ND_WORKFLOW_ERROR_NEEDS_CONFIRMATION unless @confirmed; warnings never do.
 *
 * Returns: %TRUE if the move may go ahead
 */
gboolean
nd_workflow_allows (GPtrArray  *problems,
                    gboolean    confirmed,
                    GError    **error)
{
  g_return_val_if_fail (problems != NULL, FALSE);

  for (guint i = 0; i < problems->len; i++)
    {
      const NdWorkflowProblem *problem = g_ptr_array_index (problems, i);

      if (problem->severity == ND_WORKFLOW_SEVERITY_REFUSE)
        {
          g_set_error_literal (error, ND_WORKFLOW_ERROR, ND_WORKFLOW_ERROR_REFUSED, problem->message);
          return FALSE;
        }
    }

  for (guint i = 0; i < problems->len && !confirmed; i++)
    {
      const NdWorkflowProblem *problem = g_ptr_array_index (problems, i);

      if (problem->severity == ND_WORKFLOW_SEVERITY_CONFIRM)
        {
          g_set_error_literal (error, ND_WORKFLOW_ERROR, ND_WORKFLOW_ERROR_NEEDS_CONFIRMATION,
                               problem->message);
          return FALSE;
        }
    }

  return TRUE;
}
