/* nd-workflow.h
 *
 * SPDX-License-Identifier: GPL-3.0-or-later
 */

#pragma once

#include <glib-object.h>

#include "nd-edition.h"
#include "nd-story.h"

G_BEGIN_DECLS

#define ND_WORKFLOW_ERROR (nd_workflow_error_quark ())

/**
 * NdWorkflowError:
 * @ND_WORKFLOW_ERROR_REFUSED: the move breaks a rule
 *   (a #ND_WORKFLOW_SEVERITY_REFUSE problem)
 * @ND_WORKFLOW_ERROR_NEEDS_CONFIRMATION: the move is allowed once the editor
 *   confirms it (a #ND_WORKFLOW_SEVERITY_CONFIRM problem); try again with
 *   `confirmed` set
 * @ND_WORKFLOW_ERROR_IN_PAST: a publish time that has already passed
 *
 * Why a workflow move did not happen.
 */
typedef enum
{
  ND_WORKFLOW_ERROR_REFUSED,
  ND_WORKFLOW_ERROR_NEEDS_CONFIRMATION,
  ND_WORKFLOW_ERROR_IN_PAST,
} NdWorkflowError;

/**
 * NdWorkflowSeverity:
 * @ND_WORKFLOW_SEVERITY_WARN: shown, does not stop the move
 * @ND_WORKFLOW_SEVERITY_CONFIRM: the move needs the editor's confirmation
 * @ND_WORKFLOW_SEVERITY_REFUSE: the move is not allowed
 *
 * How much a problem weighs; ordered, so the worst is the largest.
 */
typedef enum
{
  ND_WORKFLOW_SEVERITY_WARN,
  ND_WORKFLOW_SEVERITY_CONFIRM,
  ND_WORKFLOW_SEVERITY_REFUSE,
} NdWorkflowSeverity;

/**
 * NdWorkflowProblemKind:
 * @ND_WORKFLOW_PROBLEM_TRANSITION: the status table has no such move (refuse)
 * @ND_WORKFLOW_PROBLEM_NO_HEADLINE: no headline (refuse)
 * @ND_WORKFLOW_PROBLEM_NO_BODY: no body (refuse)
 * @ND_WORKFLOW_PROBLEM_NO_SECTION: the story has no section (refuse)
 * @ND_WORKFLOW_PROBLEM_NO_STANDFIRST: no standfirst (warn)
 * @ND_WORKFLOW_PROBLEM_NO_DATELINE: no dateline city (warn)
 * @ND_WORKFLOW_PROBLEM_NO_TAGS: the story has no tags (warn)
 * @ND_WORKFLOW_PROBLEM_STALE: the translation lags behind its source (confirm)
 *
 * What a #NdWorkflowProblem is about, for code that wants to point at the
 * field concerned.
 */
typedef enum
{
  ND_WORKFLOW_PROBLEM_TRANSITION,
  ND_WORKFLOW_PROBLEM_NO_HEADLINE,
  ND_WORKFLOW_PROBLEM_NO_BODY,
  ND_WORKFLOW_PROBLEM_NO_SECTION,
  ND_WORKFLOW_PROBLEM_NO_STANDFIRST,
  ND_WORKFLOW_PROBLEM_NO_DATELINE,
  ND_WORKFLOW_PROBLEM_NO_TAGS,
  ND_WORKFLOW_PROBLEM_STALE,
} NdWorkflowProblemKind;

/**
 * NdWorkflowProblem:
 * @kind: what the problem is about
 * @severity: whether it refuses, asks for confirmation or only warns
 * @message: a translated sentence for the editor
 */
typedef struct
{
  NdWorkflowProblemKind  kind;
  NdWorkflowSeverity     severity;
  char                  *message;
} NdWorkflowProblem;

GQuark              nd_workflow_error_quark     (void);

void                nd_workflow_problem_free    (NdWorkflowProblem *problem);
G_DEFINE_AUTOPTR_CLEANUP_FUNC (NdWorkflowProblem, nd_workflow_problem_free)

GPtrArray          *nd_workflow_check           (NdStory            *story,
                                                 NdEdition          *edition,
                                                 NdEdition          *source,
                                                 NdEditionStatus     status);
NdWorkflowSeverity  nd_workflow_worst_severity  (GPtrArray          *problems);
gboolean            nd_workflow_allows          (GPtrArray          *problems,
                                                 gboolean            confirmed,
                                                 GError            **error);

G_END_DECLS
