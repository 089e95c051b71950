/* test-workflow.c
 *
 * SPDX-License-Identifier: GPL-3.0-or-later
 */

#include "config.h"

#include "nd-story-store.h"
#include "nd-workflow.h"

#define NT ND_EDITION_STATUS_NEEDS_TRANSLATION
#define DR ND_EDITION_STATUS_DRAFT
#define RV ND_EDITION_STATUS_IN_REVIEW
#define RD ND_EDITION_STATUS_READY
#define SC ND_EDITION_STATUS_SCHEDULED
#define PB ND_EDITION_STATUS_PUBLISHED

/* The moves the newsroom agreed on, written out here rather than read from
 * nd_edition_status_can_transition(), so a change to the table shows up. */
static const struct { NdEditionStatus from, to; } allowed_moves[] = {
  { NT, DR },
  { DR, RV },
  { RV, DR }, { RV, RD },
  { RD, RV }, { RD, DR }, { RD, SC }, { RD, PB },
  { SC, RD }, { SC, PB },
  { PB, RD }, { PB, RV },
};

static gboolean
is_allowed (NdEditionStatus from,
            NdEditionStatus to)
{
  for (guint i = 0; i < G_N_ELEMENTS (allowed_moves); i++)
    {
      if (allowed_moves[i].from == from && allowed_moves[i].to == to)
        return TRUE;
    }

  return FALSE;
}

static gboolean
has_problem (GPtrArray             *problems,
             NdWorkflowProblemKind  kind,
             NdWorkflowSeverity     severity)
{
  for (guint i = 0; i < problems->len; i++)
    {
      const NdWorkflowProblem *problem = g_ptr_array_index (problems, i);

      if (problem->kind == kind)
        {
          g_assert_cmpint (problem->severity, ==, severity);
          g_assert_true (problem->message != NULL && *problem->message != '\0');
          return TRUE;
        }
    }

  return FALSE;
}

static NdStory *
complete_story (void)
{
  NdStory *story = nd_story_new ();
  gint64 tag = 7;

  nd_story_set_section_id (story, 1);
  nd_story_set_source_lang (story, "ru");
  g_array_append_val (nd_story_get_tag_ids (story), tag);

  return story;
}

static NdEdition *
complete_edition (NdEditionStatus status)
{
  NdEdition *edition = nd_edition_new ();

  nd_edition_set_lang (edition, "ru");
  nd_edition_set_headline (edition, "Заголовок");
  nd_edition_set_standfirst (edition, "Лид");
  nd_edition_set_dateline_city (edition, "Москва");
  nd_edition_set_body (edition, "Текст.");
  nd_edition_set_status (edition, status);

  return edition;
}

static void
test_transition_table (void)
{
  g_autoptr(NdStory) story = complete_story ();
  guint n_allowed = 0;

  for (NdEditionStatus from = 0; from <= ND_EDITION_STATUS_LAST; from++)
    {
      for (NdEditionStatus to = 0; to <= ND_EDITION_STATUS_LAST; to++)
        {
          g_autoptr(NdEdition) edition = complete_edition (from);
          g_autoptr(GPtrArray) problems = nd_workflow_check (story, edition, NULL, to);
          g_autoptr(GError) error = NULL;
          gboolean expected = from == to || is_allowed (from, to);

          g_test_message ("%s → %s", nd_edition_status_to_string (from), nd_edition_status_to_string (to));
          g_assert_cmpint (nd_edition_status_can_transition (from, to), ==, is_allowed (from, to));
          if (expected)
            {
              g_assert_cmpuint (problems->len, ==, 0);
              g_assert_true (nd_workflow_allows (problems, FALSE, &error));
              g_assert_no_error (error);
              n_allowed += from != to;
            }
          else
            {
              g_assert_cmpuint (problems->len, ==, 1);
              g_assert_true (has_problem (problems, ND_WORKFLOW_PROBLEM_TRANSITION, ND_WORKFLOW_SEVERITY_REFUSE));
              g_assert_cmpint (nd_workflow_worst_severity (problems), ==, ND_WORKFLOW_SEVERITY_REFUSE);
              g_assert_false (nd_workflow_allows (problems, TRUE, &error));
              g_assert_error (error, ND_WORKFLOW_ERROR, ND_WORKFLOW_ERROR_REFUSED);
            }
        }
    }

  g_assert_cmpuint (n_allowed, ==, G_N_ELEMENTS (allowed_moves));
}

/* Each move into ready, scheduled or published needs headline, body and
 * section; moves elsewhere do not look at the content. */
static void
test_required_fields (void)
{
  for (guint i = 0; i < G_N_ELEMENTS (allowed_moves); i++)
    {
      NdEditionStatus from = allowed_moves[i].from;
      NdEditionStatus to = allowed_moves[i].to;
      gboolean goes_out = to == RD || to == SC || to == PB;

      for (guint missing = 0; missing < 3; missing++)
        {
          g_autoptr(NdStory) story = complete_story ();
          g_autoptr(NdEdition) edition = complete_edition (from);
          g_autoptr(GPtrArray) problems = NULL;
          g_autoptr(GError) error = NULL;
          NdWorkflowProblemKind kind;

          switch (missing)
            {
            case 0:
              /* Blank is as good as empty. */
              nd_edition_set_headline (edition, "  \n ");
              kind = ND_WORKFLOW_PROBLEM_NO_HEADLINE;
              break;
            case 1:
              nd_edition_set_body (edition, "");
              kind = ND_WORKFLOW_PROBLEM_NO_BODY;
              break;
            default:
              nd_story_set_section_id (story, 0);
              kind = ND_WORKFLOW_PROBLEM_NO_SECTION;
              break;
            }

          problems = nd_workflow_check (story, edition, NULL, to);
          g_test_message ("%s → %s, missing %u", nd_edition_status_to_string (from),
                          nd_edition_status_to_string (to), missing);
          if (goes_out)
            {
              g_assert_cmpuint (problems->len, ==, 1);
              g_assert_true (has_problem (problems, kind, ND_WORKFLOW_SEVERITY_REFUSE));
              g_assert_false (nd_workflow_allows (problems, TRUE, &error));
              g_assert_error (error, ND_WORKFLOW_ERROR, ND_WORKFLOW_ERROR_REFUSED);
            }
          else
            {
              g_assert_cmpuint (problems->len, ==, 0);
            }
        }
    }

  /* Without a story there is no section and there are no tags. */
  {
    g_autoptr(NdEdition) edition = complete_edition (RV);
    g_autoptr(GPtrArray) problems = nd_workflow_check (NULL, edition, NULL, RD);

    g_assert_true (has_problem (problems, ND_WORKFLOW_PROBLEM_NO_SECTION, ND_WORKFLOW_SEVERITY_REFUSE));
    g_assert_true (has_problem (problems, ND_WORKFLOW_PROBLEM_NO_TAGS, ND_WORKFLOW_SEVERITY_WARN));
  }
}

static void
test_warnings (void)
{
  g_autoptr(NdStory) story = complete_story ();
  g_autoptr(NdEdition) edition = complete_edition (RV);
  g_autoptr(GPtrArray) problems = NULL;
  g_autoptr(GPtrArray) back = NULL;
  g_autoptr(GError) error = NULL;

  nd_edition_set_standfirst (edition, "");
  nd_edition_set_dateline_city (edition, "");
  g_array_set_size (nd_story_get_tag_ids (story), 0);

  problems = nd_workflow_check (story, edition, NULL, RD);
  g_assert_cmpuint (problems->len, ==, 3);
  g_assert_true (has_problem (problems, ND_WORKFLOW_PROBLEM_NO_STANDFIRST, ND_WORKFLOW_SEVERITY_WARN));
  g_assert_true (has_problem (problems, ND_WORKFLOW_PROBLEM_NO_DATELINE, ND_WORKFLOW_SEVERITY_WARN));
  g_assert_true (has_problem (problems, ND_WORKFLOW_PROBLEM_NO_TAGS, ND_WORKFLOW_SEVERITY_WARN));
  g_assert_cmpint (nd_workflow_worst_severity (problems), ==, ND_WORKFLOW_SEVERITY_WARN);
  /* Warnings never stop a move. */
  g_assert_true (nd_workflow_allows (problems, FALSE, &error));
  g_assert_no_error (error);

  /* Sending it back to the writer does not nag. */
  back = nd_workflow_check (story, edition, NULL, DR);
  g_assert_cmpuint (back->len, ==, 0);
}

static void
test_stale_needs_confirmation (void)
{
  g_autoptr(NdStory) story = complete_story ();
  g_autoptr(NdEdition) source = complete_edition (PB);
  g_autoptr(NdEdition) translation = complete_edition (RV);
  g_autoptr(GPtrArray) stale = NULL;
  g_autoptr(GPtrArray) fresh = NULL;
  g_autoptr(GPtrArray) own = NULL;
  g_autoptr(GError) error = NULL;

  nd_edition_set_revision (source, 5);
  nd_edition_set_lang (translation, "ar");
  nd_edition_set_source_revision (translation, 3);

  stale = nd_workflow_check (story, translation, source, RD);
  g_assert_cmpuint (stale->len, ==, 1);
  g_assert_true (has_problem (stale, ND_WORKFLOW_PROBLEM_STALE, ND_WORKFLOW_SEVERITY_CONFIRM));
  g_assert_cmpint (nd_workflow_worst_severity (stale), ==, ND_WORKFLOW_SEVERITY_CONFIRM);
  g_assert_false (nd_workflow_allows (stale, FALSE, &error));
  g_assert_error (error, ND_WORKFLOW_ERROR, ND_WORKFLOW_ERROR_NEEDS_CONFIRMATION);
  g_clear_error (&error);
  g_assert_true (nd_workflow_allows (stale, TRUE, &error));
  g_assert_no_error (error);

  nd_edition_set_source_revision (translation, 5);
  fresh = nd_workflow_check (story, translation, source, RD);
  g_assert_cmpuint (fresh->len, ==, 0);

  /* The source is never stale against itself. */
  own = nd_workflow_check (story, source, source, RD);
  g_assert_cmpuint (own->len, ==, 0);
}

/* The store ------------------------------------------------------------------ */

typedef struct
{
  NdDatabase   *database;
  NdStoryStore *store;
  gint64        tag_id;
  gint64        section_id;
} Fixture;

static void
fixture_set_up (Fixture       *fixture,
                gconstpointer  data)
{
  g_autoptr(GError) error = NULL;
  g_autoptr(NdTag) tag = nd_tag_new ();

  fixture->database = nd_database_open (":memory:", ND_DATABASE_FLAGS_NONE, &error);
  g_assert_no_error (error);
  fixture->store = nd_story_store_new (fixture->database, &error);
  g_assert_no_error (error);

  nd_localized_text_set (nd_tag_get_labels (tag), "ru", "Афганистан");
  nd_story_store_save_tag (fixture->store, tag, &error);
  g_assert_no_error (error);
  fixture->tag_id = nd_tag_get_id (tag);
  fixture->section_id = nd_section_get_id (nd_story_store_get_section_by_slug (fixture->store, "news"));
}

static void
fixture_tear_down (Fixture       *fixture,
                   gconstpointer  data)
{
  g_clear_object (&fixture->store);
  g_assert_finalize_object (fixture->database);
}

static NdStory *
stored_story (Fixture  *fixture,
              gboolean  complete)
{
  g_autoptr(GError) error = NULL;
  NdStory *story = nd_story_store_create_story (fixture->store, "ru", &error);
  NdEdition *edition;

  g_assert_no_error (error);
  edition = nd_story_get_edition (story, "ru");
  nd_edition_set_headline (edition, "Заголовок");
  nd_edition_set_body (edition, "Текст.");
  nd_edition_set_standfirst (edition, "Лид");
  nd_edition_set_dateline_city (edition, "Москва");
  nd_story_store_save_edition (fixture->store, edition, &error);
  g_assert_no_error (error);
  if (complete)
    {
      nd_story_set_section_id (story, fixture->section_id);
      g_array_append_val (nd_story_get_tag_ids (story), fixture->tag_id);
      nd_story_store_save_story (fixture->store, story, &error);
      g_assert_no_error (error);
    }

  return story;
}

static NdEditionStatus
stored_status (Fixture   *fixture,
               NdEdition *edition)
{
  g_autoptr(GError) error = NULL;
  g_autoptr(NdEdition) stored = nd_story_store_load_edition_by_id (fixture->store, nd_edition_get_id (edition),
                                                                   &error);

  g_assert_no_error (error);
  return nd_edition_get_status (stored);
}

static void
test_store_move_and_history (Fixture       *fixture,
                             gconstpointer  data)
{
  g_autoptr(NdStory) story = stored_story (fixture, TRUE);
  NdEdition *edition = nd_story_get_edition (story, "ru");
  g_autoptr(GPtrArray) changes = NULL;
  g_autoptr(GPtrArray) problems = NULL;
  g_autoptr(GError) error = NULL;
  const NdStatusChange *change;

  /* Not in the table: refused, nothing written. */
  g_assert_false (nd_story_store_move_edition (fixture->store, edition, PB, "Ирина", FALSE, &error));
  g_assert_error (error, ND_WORKFLOW_ERROR, ND_WORKFLOW_ERROR_REFUSED);
  g_clear_error (&error);
  g_assert_cmpint (nd_edition_get_status (edition), ==, DR);
  g_assert_cmpint (stored_status (fixture, edition), ==, DR);

  g_assert_true (nd_story_store_move_edition (fixture->store, edition, RV, "Ирина", FALSE, &error));
  g_assert_no_error (error);
  g_assert_true (nd_story_store_move_edition (fixture->store, edition, RD, "Андрей", FALSE, &error));
  g_assert_no_error (error);
  g_assert_cmpint (nd_edition_get_status (edition), ==, RD);
  g_assert_cmpint (stored_status (fixture, edition), ==, RD);

  /* Scheduled needs a publish time. */
  g_assert_false (nd_story_store_move_edition (fixture->store, edition, SC, "Андрей", FALSE, &error));
  g_assert_error (error, ND_WORKFLOW_ERROR, ND_WORKFLOW_ERROR_REFUSED);
  g_clear_error (&error);

  problems = nd_story_store_check_move (fixture->store, edition, DR, &error);
  g_assert_no_error (error);
  g_assert_cmpuint (problems->len, ==, 0);

  changes = nd_story_store_list_status_changes (fixture->store, nd_edition_get_id (edition), &error);
  g_assert_no_error (error);
  g_assert_cmpuint (changes->len, ==, 2);
  change = g_ptr_array_index (changes, 0);
  g_assert_true (change->has_old_status);
  g_assert_cmpint (change->old_status, ==, DR);
  g_assert_cmpint (change->new_status, ==, RV);
  g_assert_cmpstr (change->author, ==, "Ирина");
  g_assert_cmpint (change->changed_at, >, 0);
  change = g_ptr_array_index (changes, 1);
  g_assert_cmpint (change->old_status, ==, RV);
  g_assert_cmpint (change->new_status, ==, RD);
  g_assert_cmpstr (change->author, ==, "Андрей");
  g_assert_cmpint (change->changed_at, >=, ((NdStatusChange *) g_ptr_array_index (changes, 0))->changed_at);
}

static void
test_store_checks_stored_content (Fixture       *fixture,
                                  gconstpointer  data)
{
  g_autoptr(NdStory) story = stored_story (fixture, FALSE);
  NdEdition *edition = nd_story_get_edition (story, "ru");
  g_autoptr(GPtrArray) problems = NULL;
  g_autoptr(GError) error = NULL;

  g_assert_true (nd_story_store_move_edition (fixture->store, edition, RV, NULL, FALSE, &error));
  g_assert_no_error (error);

  /* No section yet. */
  g_assert_false (nd_story_store_move_edition (fixture->store, edition, RD, NULL, TRUE, &error));
  g_assert_error (error, ND_WORKFLOW_ERROR, ND_WORKFLOW_ERROR_REFUSED);
  g_clear_error (&error);
  problems = nd_story_store_check_move (fixture->store, edition, RD, &error);
  g_assert_no_error (error);
  g_assert_true (has_problem (problems, ND_WORKFLOW_PROBLEM_NO_SECTION, ND_WORKFLOW_SEVERITY_REFUSE));
  g_assert_true (has_problem (problems, ND_WORKFLOW_PROBLEM_NO_TAGS, ND_WORKFLOW_SEVERITY_WARN));

  /* With a section it goes, warning about the tags. */
  nd_story_set_section_id (story, fixture->section_id);
  nd_story_store_save_story (fixture->store, story, &error);
  g_assert_no_error (error);
  g_assert_true (nd_story_store_move_edition (fixture->store, edition, RD, NULL, FALSE, &error));
  g_assert_no_error (error);
  g_assert_cmpint (stored_status (fixture, edition), ==, RD);
}

static void
test_store_stale_translation (Fixture       *fixture,
                              gconstpointer  data)
{
  g_autoptr(NdStory) story = stored_story (fixture, TRUE);
  NdEdition *source = nd_story_get_edition (story, "ru");
  g_autoptr(NdEdition) translation = NULL;
  g_autoptr(GError) error = NULL;

  translation = nd_story_store_add_edition (fixture->store, nd_story_get_id (story), "ar", &error);
  g_assert_no_error (error);
  nd_edition_set_headline (translation, "عنوان");
  nd_edition_set_body (translation, "نص.");
  nd_edition_set_standfirst (translation, "مقدمة");
  nd_edition_set_dateline_city (translation, "موسكو");
  nd_story_store_save_edition (fixture->store, translation, &error);
  g_assert_no_error (error);
  nd_story_store_mark_translated (fixture->store, translation, &error);
  g_assert_no_error (error);
  g_assert_true (nd_story_store_move_edition (fixture->store, translation, DR, NULL, FALSE, &error));
  g_assert_true (nd_story_store_move_edition (fixture->store, translation, RV, NULL, FALSE, &error));
  g_assert_no_error (error);

  /* The source moves on after the translation was made. */
  nd_edition_set_body (source, "Текст, исправленный.");
  nd_story_store_save_edition (fixture->store, source, &error);
  g_assert_no_error (error);

  g_assert_false (nd_story_store_move_edition (fixture->store, translation, RD, NULL, FALSE, &error));
  g_assert_error (error, ND_WORKFLOW_ERROR, ND_WORKFLOW_ERROR_NEEDS_CONFIRMATION);
  g_clear_error (&error);
  g_assert_cmpint (stored_status (fixture, translation), ==, RV);

  g_assert_true (nd_story_store_move_edition (fixture->store, translation, RD, NULL, TRUE, &error));
  g_assert_no_error (error);
  g_assert_cmpint (stored_status (fixture, translation), ==, RD);
}

int
main (int   argc,
      char *argv[])
{
  g_test_init (&argc, &argv, NULL);

  g_test_add_func ("/workflow/transition-table", test_transition_table);
  g_test_add_func ("/workflow/required-fields", test_required_fields);
  g_test_add_func ("/workflow/warnings", test_warnings);
  g_test_add_func ("/workflow/stale", test_stale_needs_confirmation);
  g_test_add ("/workflow/store/move-and-history", Fixture, NULL,
              fixture_set_up, test_store_move_and_history, fixture_tear_down);
  g_test_add ("/workflow/store/stored-content", Fixture, NULL,
              fixture_set_up, test_store_checks_stored_content, fixture_tear_down);
  g_test_add ("/workflow/store/stale-translation", Fixture, NULL,
              fixture_set_up, test_store_stale_translation, fixture_tear_down);

  return g_test_run ();
}
