/* test-story-list-row.c
 *
 * SPDX-License-Identifier: GPL-3.0-or-later
 *
 * The desk's list row (its chips, the "Missed" warning, chips reused from
 * one story to the next) and the search the window runs off the main thread,
 * on a real database in a temporary directory.
 */

#include "config.h"

#include <adwaita.h>
#include <glib/gstdio.h>

#include "nd-schedule.h"
#include "nd-story-list-row.h"
#include "nd-sync-state-icon.h"
#include "nd-test-util.h"
#include "nd-test-widgets.h"

typedef struct
{
  char         *dir;
  NdDatabase   *database;
  NdStoryStore *store;
} Fixture;

static void
fixture_set_up (Fixture       *fixture,
                gconstpointer  data)
{
  g_autoptr(GError) error = NULL;

  fixture->store = nd_test_open_store ("row", &fixture->dir, &fixture->database);
}

static void
fixture_tear_down (Fixture       *fixture,
                   gconstpointer  data)
{
  nd_test_close_store (fixture->store, fixture->database, fixture->dir);
}

/* A story with an English edition ready and scheduled an hour from now. */
static gint64
create_scheduled_story (Fixture    *fixture,
                        const char *headline,
                        NdEdition **scheduled)
{
  static const NdEditionStatus steps[] = {
    ND_EDITION_STATUS_IN_REVIEW, ND_EDITION_STATUS_READY,
  };
  g_autoptr(GError) error = NULL;
  g_autoptr(NdStory) story = nd_story_store_create_story (fixture->store, "en", &error);
  g_autoptr(NdSection) section = NULL;
  NdEdition *edition;

  g_assert_no_error (error);
  /* A story goes out only with a section. */
  section = g_list_model_get_item (nd_story_store_get_sections (fixture->store), 0);
  g_assert_nonnull (section);
  nd_story_set_section_id (story, nd_section_get_id (section));
  g_assert_true (nd_story_store_save_story (fixture->store, story, &error));
  g_assert_no_error (error);
  edition = nd_story_get_edition (story, "en");
  nd_edition_set_headline (edition, headline);
  nd_edition_set_standfirst (edition, headline);
  nd_edition_set_dateline_city (edition, "London");
  nd_edition_set_body (edition, "The body of the story.");
  g_assert_true (nd_story_store_save_edition (fixture->store, edition, &error));
  g_assert_no_error (error);
  for (guint i = 0; i < G_N_ELEMENTS (steps); i++)
    {
      nd_story_store_move_edition (fixture->store, edition, steps[i], "test", TRUE, &error);
      g_assert_no_error (error);
    }
  g_assert_true (nd_story_store_schedule_edition (fixture->store, edition, nd_schedule_now () + 3600,
                                                  "test", TRUE, &error));
  g_assert_no_error (error);

  if (scheduled != NULL)
    *scheduled = g_object_ref (edition);
  return nd_story_get_id (story);
}

/* The chips of @row, as "text|class" strings, in order. */
static GPtrArray *
chips_of (NdStoryListRow *row)
{
  GPtrArray *chips = g_ptr_array_new_with_free_func (g_free);
  GPtrArray *stack = g_ptr_array_new ();

  g_ptr_array_add (stack, row);
  while (stack->len > 0)
    {
      GtkWidget *widget = g_ptr_array_steal_index (stack, stack->len - 1);

      if (GTK_IS_LABEL (widget) && gtk_widget_has_css_class (widget, "status-chip"))
        {
          g_auto(GStrv) classes = gtk_widget_get_css_classes (widget);
          const char *state;

          /* One class besides status-chip says the state; GTK keeps
           * classes in an order of its own. */
          g_assert_cmpuint (g_strv_length (classes), ==, 2);
          state = g_str_equal (classes[0], "status-chip") ? classes[1] : classes[0];
          g_ptr_array_add (chips, g_strdup_printf ("%s|%s", gtk_label_get_text (GTK_LABEL (widget)), state));
        }
      for (GtkWidget *child = gtk_widget_get_last_child (widget); child != NULL;
           child = gtk_widget_get_prev_sibling (child))
        g_ptr_array_add (stack, child);
    }
  g_ptr_array_unref (stack);

  return chips;
}

static gboolean
has_chip (GPtrArray  *chips,
          const char *wanted)
{
  for (guint i = 0; i < chips->len; i++)
    if (g_str_equal (g_ptr_array_index (chips, i), wanted))
      return TRUE;
  return FALSE;
}

static void
test_missed_chip (Fixture       *fixture,
                  gconstpointer  data)
{
  g_autoptr(GError) error = NULL;
  g_autoptr(NdEdition) edition = NULL;
  g_autoptr(NdStory) story = NULL;
  g_autoptr(NdStory) late = NULL;
  g_autoptr(GPtrArray) chips = NULL;
  NdStoryListRow *row = g_object_ref_sink (nd_story_list_row_new (fixture->store));
  guint n_languages = g_list_model_get_n_items (nd_story_store_get_languages (fixture->store));
  gint64 story_id = create_scheduled_story (fixture, "Scheduled for later", &edition);

  g_assert_cmpuint (n_languages, >=, 2);

  /* On time: scheduled, and no warning. */
  story = nd_story_store_load_story_summary (fixture->store, story_id, &error);
  g_assert_no_error (error);
  nd_story_list_row_set_story (row, story);
  chips = chips_of (row);
  g_assert_cmpuint (chips->len, ==, n_languages);
  g_assert_true (has_chip (chips, "EN · Scheduled|scheduled"));
  g_assert_false (has_chip (chips, "EN · Missed|error"));
  g_clear_pointer (&chips, g_ptr_array_unref);

  /* Its time passed and it did not go out: the row says so. */
  g_assert_true (nd_story_store_set_publish_at (fixture->store, edition, nd_schedule_now () - 60, &error));
  g_assert_no_error (error);
  late = nd_story_store_load_story_summary (fixture->store, story_id, &error);
  g_assert_no_error (error);
  nd_story_list_row_set_story (row, late);
  chips = chips_of (row);
  g_assert_cmpuint (chips->len, ==, n_languages);
  g_assert_true (has_chip (chips, "EN · Missed|error"));
  g_assert_false (has_chip (chips, "EN · Scheduled|scheduled"));
  g_clear_pointer (&chips, g_ptr_array_unref);

  /* Bound again to the story on time, the same row drops the warning and
   * keeps one chip per language: chips are reused, not piled up. */
  nd_story_list_row_set_story (row, story);
  chips = chips_of (row);
  g_assert_cmpuint (chips->len, ==, n_languages);
  g_assert_false (has_chip (chips, "EN · Missed|error"));
  g_assert_true (has_chip (chips, "EN · Scheduled|scheduled"));

  nd_story_list_row_set_story (row, NULL);
  g_assert_finalize_object (row);
}

static void
on_search_done_cb (GObject      *object,
                   GAsyncResult *result,
                   gpointer      user_data)
{
  GAsyncResult **out = user_data;

  *out = g_object_ref (result);
}

static GPtrArray *
search_and_wait (Fixture      *fixture,
                 const char   *text,
                 GCancellable *cancellable,
                 GError      **error)
{
  g_autoptr(GAsyncResult) result = NULL;
  gint64 end = g_get_monotonic_time () + 10 * G_USEC_PER_SEC;

  nd_story_store_search_async (fixture->store, text, NULL, 20, cancellable, on_search_done_cb, &result);
  while (result == NULL)
    {
      g_assert_cmpint (g_get_monotonic_time (), <, end);
      g_main_context_iteration (NULL, TRUE);
    }
  return nd_story_store_search_finish (fixture->store, result, error);
}

static void
test_search_async (Fixture       *fixture,
                   gconstpointer  data)
{
  g_autoptr(GError) error = NULL;
  g_autoptr(GPtrArray) hits = NULL;
  g_autoptr(GPtrArray) again = NULL;
  g_autoptr(GCancellable) cancellable = g_cancellable_new ();
  g_autoptr(NdEdition) edition = NULL;
  gint64 first = create_scheduled_story (fixture, "Harbour cranes return", &edition);
  gint64 second = create_scheduled_story (fixture, "Harbour strike ends", NULL);
  guint with_story = 0;

  create_scheduled_story (fixture, "Elections in spring", NULL);

  /* Found on the search's own connection, with each story's summary. */
  hits = search_and_wait (fixture, "harb", NULL, &error);
  g_assert_no_error (error);
  g_assert_nonnull (hits);
  g_assert_cmpuint (hits->len, >=, 2);
  for (guint i = 0; i < hits->len; i++)
    {
      NdSearchHit *hit = g_ptr_array_index (hits, i);

      g_assert_true (hit->story_id == first || hit->story_id == second);
      if (hit->story != NULL)
        {
          g_assert_cmpint (nd_story_get_id (hit->story), ==, hit->story_id);
          g_assert_nonnull (nd_story_get_edition (hit->story, "en"));
          with_story++;
        }
    }
  g_assert_cmpuint (with_story, ==, 2);

  /* What the main connection commits, the search's connection sees. */
  nd_edition_set_headline (edition, "Cranes are back in the port");
  nd_edition_set_standfirst (edition, "Cranes are back in the port");
  g_assert_true (nd_story_store_save_edition (fixture->store, edition, &error));
  g_assert_no_error (error);
  again = search_and_wait (fixture, "harb", NULL, &error);
  g_assert_no_error (error);
  for (guint i = 0; i < again->len; i++)
    g_assert_cmpint (((NdSearchHit *) g_ptr_array_index (again, i))->story_id, ==, second);
  g_assert_cmpuint (again->len, >=, 1);

  /* A search replaced by a newer one ends cancelled, not with stale hits. */
  g_cancellable_cancel (cancellable);
  g_clear_pointer (&again, g_ptr_array_unref);
  again = search_and_wait (fixture, "harb", cancellable, &error);
  g_assert_error (error, G_IO_ERROR, G_IO_ERROR_CANCELLED);
  g_assert_null (again);

  /* The worker thread lets go of its task (and the store) just after the
   * answer is queued; the tear-down checks that nothing else holds it. */
  {
    gint64 end = g_get_monotonic_time () + 5 * G_USEC_PER_SEC;

    while (G_OBJECT (fixture->store)->ref_count > 1)
      {
        g_assert_cmpint (g_get_monotonic_time (), <, end);
        g_main_context_iteration (NULL, FALSE);
        g_usleep (1000);
      }
  }
}

/* The chips' texts in order, joined with "|". */
static char *
chip_texts (GtkWidget *box)
{
  g_autoptr(GString) texts = g_string_new (NULL);

  for (GtkWidget *child = gtk_widget_get_first_child (box); child != NULL;
       child = gtk_widget_get_next_sibling (child))
    if (GTK_IS_LABEL (child))
      g_string_append_printf (texts, "%s%s", texts->len > 0 ? "|" : "", gtk_label_get_text (GTK_LABEL (child)));
  return g_string_free (g_steal_pointer (&texts), FALSE);
}

/* A story on the websites shows where it stands; one that lives only here
 * shows nothing. */
static void
test_sync_state (Fixture       *fixture,
                 gconstpointer  data)
{
  g_autoptr(GError) error = NULL;
  g_autoptr(NdSyncStore) sync_store = nd_sync_store_new (fixture->database);
  g_autoptr(NdStory) story = nd_story_store_create_story (fixture->store, "en", &error);
  g_autoptr(NdEdition) edition = NULL;
  g_autoptr(NdStory) summary = NULL;
  g_autoptr(NdStory) again = NULL;
  NdStoryListRow *row = g_object_ref_sink (nd_story_list_row_new (fixture->store));
  g_autofree char *texts = NULL;
  NdSyncStateIcon *icon;

  g_assert_no_error (error);
  edition = nd_story_store_load_edition (fixture->store, nd_story_get_id (story), "en", &error);
  g_assert_no_error (error);
  summary = nd_story_store_load_story_summary (fixture->store, nd_story_get_id (story), &error);
  g_assert_no_error (error);

  nd_story_list_row_set_sync_store (row, sync_store);
  nd_story_list_row_set_story (row, summary);
  icon = ND_SYNC_STATE_ICON (nd_test_find_descendant (GTK_WIDGET (row), ND_TYPE_SYNC_STATE_ICON));
  g_assert_nonnull (icon);
  g_assert_false (gtk_widget_get_visible (GTK_WIDGET (icon)));

  g_free (nd_sync_store_ensure_edition_uuid (sync_store, nd_edition_get_id (edition), &error));
  g_assert_no_error (error);
  nd_sync_store_set_edition_state (sync_store, nd_edition_get_id (edition), ND_EDITION_SYNC_CONFLICT, NULL, &error);
  g_assert_no_error (error);

  /* The row catches up a moment after the change. */
  while (nd_sync_state_icon_get_state (icon) != ND_EDITION_SYNC_CONFLICT)
    g_main_context_iteration (NULL, TRUE);
  g_assert_true (gtk_widget_get_visible (GTK_WIDGET (icon)));

  /* Bound again, as rows are while the list scrolls: the icon stays first
   * and each language keeps its chip. */
  again = nd_story_store_load_story_summary (fixture->store, nd_story_get_id (story), &error);
  g_assert_no_error (error);
  nd_story_list_row_set_story (row, again);
  g_assert_true (ND_SYNC_STATE_ICON (nd_test_find_descendant (GTK_WIDGET (row), ND_TYPE_SYNC_STATE_ICON)) == icon);
  texts = chip_texts (gtk_widget_get_parent (GTK_WIDGET (icon)));
  g_assert_cmpstr (texts, ==, "RU · Missing|EN · Draft|AR · Missing");

  nd_story_list_row_set_story (row, NULL);
  g_object_unref (row);
}

int
main (int   argc,
      char *argv[])
{
  gtk_test_init (&argc, &argv, NULL);
  adw_init ();

  g_test_add ("/story-list-row/missed-chip", Fixture, NULL,
              fixture_set_up, test_missed_chip, fixture_tear_down);
  g_test_add ("/story-list-row/sync-state", Fixture, NULL,
              fixture_set_up, test_sync_state, fixture_tear_down);
  g_test_add ("/story-list-row/search-async", Fixture, NULL,
              fixture_set_up, test_search_async, fixture_tear_down);

  return g_test_run ();
}
