/* test-translation-view.c
 *
 * SPDX-License-Identifier: GPL-3.0-or-later
 */

#include "config.h"

#include <glib/gi18n.h>
#include <glib/gstdio.h>
#include <adwaita.h>

#include "nd-paragraphs.h"
#include "nd-revision-browser.h"
#include "nd-translation-view.h"
#include "nd-test-util.h"

/* A Russian story with three paragraphs and its Arabic translation, marked
 * as translated; then paragraph 2 of the source changes. */
static const char *ru_body_v1 =
  "МОСКВА (Реалист). Решение Москвы «разблокировать» талибов отражает не силу, а слабость.\n\n"
  "У России нет союзников в регионе.\n\n"
  "Рычагов влияния тоже нет.";
static const char *ru_paragraph_2_v2 = "У России нет ни союзников, ни друзей в регионе.";
static const char *ar_paragraphs[] = {
  "موسكو (ريالست). قرار موسكو «رفع الحظر» عن طالبان لا يعكس القوة بل الضعف.",
  "ليس لروسيا حلفاء في المنطقة.",
  "ولا أدوات نفوذ أيضا.",
};

typedef struct
{
  char              *dir;
  NdDatabase        *database;
  NdStoryStore      *store;
  gint64             story_id;
  GtkWindow         *window;
  NdTranslationView *view;
} Fixture;

static NdEdition *
load_edition (Fixture    *fixture,
              const char *lang)
{
  g_autoptr(GError) error = NULL;
  NdEdition *edition = nd_story_store_load_edition (fixture->store, fixture->story_id, lang, &error);

  g_assert_no_error (error);
  return edition;
}

static void
fixture_set_up (Fixture       *fixture,
                gconstpointer  data)
{
  g_autoptr(GError) error = NULL;
  g_autofree char *ar_body = g_strjoinv ("\n\n", (char **) ar_paragraphs);
  g_autoptr(NdStory) story = NULL;
  g_autoptr(NdEdition) arabic = NULL;
  g_autoptr(NdEdition) russian = NULL;
  g_autofree char *ru_body_v2 = NULL;
  NdEdition *source;

  fixture->store = nd_test_open_store ("translation-view", &fixture->dir, &fixture->database);

  story = nd_story_store_create_story (fixture->store, "ru", &error);
  g_assert_no_error (error);
  fixture->story_id = nd_story_get_id (story);
  source = nd_story_get_edition (story, "ru");
  nd_edition_set_headline (source, "Афганский провал России");
  nd_edition_set_standfirst (source, "Ни союзников, ни рычагов, ни стратегии");
  nd_edition_set_body (source, ru_body_v1);
  nd_story_store_save_edition (fixture->store, source, &error);
  g_assert_no_error (error);

  arabic = nd_story_store_add_edition (fixture->store, fixture->story_id, "ar", &error);
  g_assert_no_error (error);
  nd_edition_set_headline (arabic, "الفشل الأفغاني لروسيا");
  nd_edition_set_standfirst (arabic, "لا حلفاء ولا نفوذ ولا استراتيجية");
  nd_edition_set_body (arabic, ar_body);
  nd_story_store_save_edition (fixture->store, arabic, &error);
  g_assert_no_error (error);
  nd_story_store_mark_translated (fixture->store, arabic, &error);
  g_assert_no_error (error);

  /* The editor changes paragraph 2 of the source. */
  russian = load_edition (fixture, "ru");
  ru_body_v2 = g_strdup_printf ("МОСКВА (Реалист). Решение Москвы «разблокировать» талибов отражает не силу, а слабость.\n\n"
                                "%s\n\n"
                                "Рычагов влияния тоже нет.",
                                ru_paragraph_2_v2);
  nd_edition_set_body (russian, ru_body_v2);
  nd_story_store_save_edition (fixture->store, russian, &error);
  g_assert_no_error (error);

  g_clear_object (&arabic);
  arabic = load_edition (fixture, "ar");
  g_assert_true (nd_edition_is_stale (arabic, russian));

  /* A reference of our own, to see the window go at the end. */
  fixture->window = g_object_ref (GTK_WINDOW (gtk_window_new ()));
  gtk_window_set_default_size (fixture->window, 1000, 700);
  fixture->view = nd_translation_view_new (fixture->store);
  gtk_window_set_child (fixture->window, GTK_WIDGET (fixture->view));
  gtk_window_present (fixture->window);
  nd_translation_view_set_edition (fixture->view, fixture->story_id, "ar");
}

static void
fixture_tear_down (Fixture       *fixture,
                   gconstpointer  data)
{
  gtk_window_destroy (fixture->window);
  g_assert_finalize_object (fixture->window);
  g_clear_object (&fixture->store);
  g_assert_finalize_object (fixture->database);
  nd_test_remove_dir (fixture->dir);
  g_free (fixture->dir);
}

/* Widgets ------------------------------------------------------------------- */

static void
collect_by_class (GtkWidget  *widget,
                  const char *css_class,
                  GPtrArray  *found)
{
  for (GtkWidget *child = gtk_widget_get_first_child (widget);
       child != NULL;
       child = gtk_widget_get_next_sibling (child))
    {
      if (gtk_widget_has_css_class (child, css_class))
        g_ptr_array_add (found, child);
      collect_by_class (child, css_class, found);
    }
}

/* The paragraph rows' source cells, in order; the headline and standfirst
 * rows come first. */
static GPtrArray *
source_cells (Fixture *fixture)
{
  GPtrArray *found = g_ptr_array_new ();

  collect_by_class (GTK_WIDGET (fixture->view), "translation-source", found);
  g_assert_cmpuint (found->len, >=, 2);
  g_ptr_array_remove_range (found, 0, 2);
  return found;
}

static GPtrArray *
target_views (Fixture *fixture)
{
  GPtrArray *found = g_ptr_array_new ();

  collect_by_class (GTK_WIDGET (fixture->view), "translation-target", found);
  /* The standfirst comes first; the headline is an entry. */
  g_assert_cmpuint (found->len, >=, 1);
  g_ptr_array_remove_index (found, 0);
  return found;
}

static GtkWidget *
mark_of (GtkWidget *cell)
{
  g_autoptr(GPtrArray) marks = g_ptr_array_new ();

  collect_by_class (cell, "stale-mark", marks);
  g_assert_cmpuint (marks->len, ==, 1);
  return g_ptr_array_index (marks, 0);
}

static GtkLabel *
label_of (GtkWidget *cell)
{
  for (GtkWidget *child = gtk_widget_get_first_child (cell); child != NULL; child = gtk_widget_get_next_sibling (child))
    if (GTK_IS_LABEL (child))
      return GTK_LABEL (child);

  g_assert_not_reached ();
}

static void
assert_accessible_label (gpointer    widget,
                         const char *expected)
{
  g_autofree char *mismatch = gtk_test_accessible_check_property (GTK_ACCESSIBLE (widget),
                                                                  GTK_ACCESSIBLE_PROPERTY_LABEL,
                                                                  expected);
  if (mismatch != NULL)
    g_error ("Accessible label is “%s”, not “%s”", mismatch, expected);
}

/* Whether a source cell carries the stale mark: the icon shows, and the
 * cell is styled as changed; never one without the other. */
static gboolean
marked (GtkWidget *cell)
{
  gboolean icon = gtk_widget_get_visible (mark_of (cell));

  g_assert_cmpint (icon, ==, gtk_widget_has_css_class (cell, "changed"));
  return icon;
}

static void
wait_ms (guint ms)
{
  gint64 end = g_get_monotonic_time () + ms * 1000;

  while (g_get_monotonic_time () < end)
    g_main_context_iteration (NULL, FALSE);
}

static void
set_buffer_text (GtkWidget  *view,
                 const char *text)
{
  gtk_text_buffer_set_text (gtk_text_view_get_buffer (GTK_TEXT_VIEW (view)), text, -1);
}

/* Tests --------------------------------------------------------------------- */

static void
test_rows_aligned (Fixture       *fixture,
                   gconstpointer  data)
{
  g_autoptr(GPtrArray) sources = source_cells (fixture);
  g_autoptr(GPtrArray) targets = target_views (fixture);

  g_assert_cmpuint (sources->len, ==, 3);
  g_assert_cmpuint (targets->len, ==, 3);

  for (guint i = 0; i < 3; i++)
    {
      g_autofree char *source_name = g_strdup_printf ("Source paragraph %u", i + 1);
      g_autofree char *target_name = g_strdup_printf ("Translation paragraph %u", i + 1);
      GtkWidget *target = g_ptr_array_index (targets, i);
      GtkTextBuffer *buffer = gtk_text_view_get_buffer (GTK_TEXT_VIEW (target));
      GtkTextIter start, end;
      g_autofree char *text = NULL;
      int source_row, target_row;
      GtkWidget *grid = gtk_widget_get_parent (g_ptr_array_index (sources, i));

      assert_accessible_label (label_of (g_ptr_array_index (sources, i)), source_name);
      assert_accessible_label (target, target_name);

      gtk_text_buffer_get_bounds (buffer, &start, &end);
      text = gtk_text_buffer_get_text (buffer, &start, &end, TRUE);
      g_assert_cmpstr (text, ==, ar_paragraphs[i]);

      /* Side by side: the same grid row. */
      gtk_grid_query_child (GTK_GRID (grid), g_ptr_array_index (sources, i), NULL, &source_row, NULL, NULL);
      gtk_grid_query_child (GTK_GRID (grid), gtk_widget_get_parent (target), NULL, &target_row, NULL, NULL);
      g_assert_cmpint (source_row, ==, target_row);

      /* Each side in its language's direction, whatever the interface's. */
      g_assert_cmpint (gtk_widget_get_direction (GTK_WIDGET (label_of (g_ptr_array_index (sources, i)))), ==,
                       GTK_TEXT_DIR_LTR);
      g_assert_cmpint (gtk_widget_get_direction (target), ==, GTK_TEXT_DIR_RTL);
    }
}

static void
test_stale_marks (Fixture       *fixture,
                  gconstpointer  data)
{
  g_autoptr(GPtrArray) sources = source_cells (fixture);
  g_autoptr(GPtrArray) all = g_ptr_array_new ();
  GtkLabel *label;

  g_assert_true (nd_translation_view_get_stale (fixture->view));
  g_assert_cmpuint (sources->len, ==, 3);
  g_assert_false (marked (g_ptr_array_index (sources, 0)));
  g_assert_true (marked (g_ptr_array_index (sources, 1)));
  g_assert_false (marked (g_ptr_array_index (sources, 2)));
  assert_accessible_label (mark_of (g_ptr_array_index (sources, 1)), "Changed since translated");
  /* The paragraph itself says so too. */
  {
    g_autofree char *mismatch =
      gtk_test_accessible_check_property (GTK_ACCESSIBLE (label_of (g_ptr_array_index (sources, 1))),
                                          GTK_ACCESSIBLE_PROPERTY_DESCRIPTION, "Changed since translated");
    g_assert_null (mismatch);
    g_assert_false (gtk_test_accessible_has_property (GTK_ACCESSIBLE (label_of (g_ptr_array_index (sources, 0))),
                                                      GTK_ACCESSIBLE_PROPERTY_DESCRIPTION));
  }

  /* Headline and standfirst did not change. */
  collect_by_class (GTK_WIDGET (fixture->view), "translation-source", all);
  g_assert_false (marked (g_ptr_array_index (all, 0)));
  g_assert_false (marked (g_ptr_array_index (all, 1)));

  /* Show Changes: the words of paragraph 2 as it was and as it is. */
  label = label_of (g_ptr_array_index (sources, 1));
  g_assert_cmpstr (gtk_label_get_text (label), ==, ru_paragraph_2_v2);
  g_assert_true (gtk_widget_activate_action (GTK_WIDGET (fixture->view), "translation.show-changes", NULL));
  g_assert_true (nd_translation_view_get_show_changes (fixture->view));
  g_assert_true (gtk_label_get_use_markup (label));
  /* Only words were added: the text reads as it is now, the additions
   * underlined. */
  g_assert_cmpstr (gtk_label_get_text (label), ==, ru_paragraph_2_v2);
  g_assert_nonnull (strstr (gtk_label_get_label (label), "underline=\"single\">ни "));
  g_assert_null (strstr (gtk_label_get_label (label), "strikethrough"));
  /* Unchanged paragraphs stay plain. */
  g_assert_false (gtk_label_get_use_markup (label_of (g_ptr_array_index (sources, 0))));
}

static void
test_mark_up_to_date (Fixture       *fixture,
                      gconstpointer  data)
{
  g_autoptr(GPtrArray) before = source_cells (fixture);
  g_autoptr(GPtrArray) after = NULL;
  g_autoptr(NdEdition) arabic = NULL;
  g_autoptr(NdEdition) russian = NULL;

  g_assert_true (marked (g_ptr_array_index (before, 1)));
  g_assert_true (gtk_widget_activate_action (GTK_WIDGET (fixture->view), "translation.mark-up-to-date", NULL));

  after = source_cells (fixture);
  g_assert_cmpuint (after->len, ==, 3);
  for (guint i = 0; i < after->len; i++)
    g_assert_false (marked (g_ptr_array_index (after, i)));
  g_assert_false (nd_translation_view_get_stale (fixture->view));

  arabic = load_edition (fixture, "ar");
  russian = load_edition (fixture, "ru");
  g_assert_false (nd_edition_is_stale (arabic, russian));
  g_assert_cmpint (nd_edition_get_source_revision (arabic), ==, nd_edition_get_revision (russian));
}

static void
test_edit_saved_after_pause (Fixture       *fixture,
                             gconstpointer  data)
{
  g_autoptr(GPtrArray) targets = target_views (fixture);
  g_autoptr(NdEdition) right_away = NULL;
  g_autoptr(NdEdition) saved = NULL;
  g_autofree char *expected = NULL;
  const char *edited = "ولا توجد أدوات نفوذ أيضا، ولا استراتيجية.";
  gint64 deadline;

  set_buffer_text (g_ptr_array_index (targets, 2), edited);
  g_assert_true (nd_translation_view_has_unsaved_changes (fixture->view));

  /* Not before the pause in typing… */
  wait_ms (200);
  right_away = load_edition (fixture, "ar");
  g_assert_null (strstr (nd_edition_get_body (right_away), edited));

  /* …but soon after it. */
  deadline = g_get_monotonic_time () + 5 * G_USEC_PER_SEC;
  while (nd_translation_view_has_unsaved_changes (fixture->view) && g_get_monotonic_time () < deadline)
    g_main_context_iteration (NULL, TRUE);
  g_assert_false (nd_translation_view_has_unsaved_changes (fixture->view));

  saved = load_edition (fixture, "ar");
  expected = g_strdup_printf ("%s\n\n%s\n\n%s", ar_paragraphs[0], ar_paragraphs[1], edited);
  g_assert_cmpstr (nd_edition_get_body (saved), ==, expected);
  /* The fields not edited are left as they were. */
  g_assert_cmpstr (nd_edition_get_headline (saved), ==, "الفشل الأفغاني لروسيا");
}

/* Leaving a paragraph saves it without waiting. */
static void
test_edit_saved_on_focus_out (Fixture       *fixture,
                              gconstpointer  data)
{
  g_autoptr(GPtrArray) targets = target_views (fixture);
  g_autoptr(NdEdition) saved = NULL;
  GtkWidget *first = g_ptr_array_index (targets, 0);
  GtkWidget *second = g_ptr_array_index (targets, 1);
  const char *edited = "ليس لروسيا أي حلفاء في المنطقة.";

  g_assert_true (gtk_widget_grab_focus (second));
  wait_ms (50);
  set_buffer_text (second, edited);
  g_assert_true (gtk_widget_grab_focus (first));
  wait_ms (50);

  saved = load_edition (fixture, "ar");
  g_assert_nonnull (strstr (nd_edition_get_body (saved), edited));
  g_assert_nonnull (strstr (nd_edition_get_body (saved), ar_paragraphs[2]));
  g_assert_false (nd_translation_view_has_unsaved_changes (fixture->view));
}

/* A save that fails shows why, keeps the text and is tried again. */
static void
test_save_failure_keeps_text (Fixture       *fixture,
                              gconstpointer  data)
{
  g_autoptr(GPtrArray) targets = target_views (fixture);
  g_autoptr(GPtrArray) revealers = g_ptr_array_new ();
  g_autoptr(GError) error = NULL;
  g_autoptr(NdEdition) saved = NULL;
  GtkWidget *view = g_ptr_array_index (targets, 0);
  GtkTextBuffer *buffer = gtk_text_view_get_buffer (GTK_TEXT_VIEW (view));
  GtkTextIter start, end;
  g_autofree char *shown = NULL;
  const char *edited = "فقرة أولى لم تُحفظ بعد.";
  GtkRevealer *error_bar;
  gint64 deadline;

  /* Every write to an edition fails, as on a full disk. */
  nd_database_execute (fixture->database,
                       "CREATE TEMP TRIGGER fail_saves BEFORE UPDATE ON editions"
                       " BEGIN SELECT RAISE (ABORT, 'database or disk is full'); END",
                       &error);
  g_assert_no_error (error);
  nd_translation_view_set_autosave_delays (fixture->view, 50, 100);

  set_buffer_text (view, edited);
  g_assert_false (nd_translation_view_save (fixture->view, &error));
  g_assert_nonnull (error);
  g_clear_error (&error);

  collect_by_class (GTK_WIDGET (fixture->view), "translation-error", revealers);
  g_assert_cmpuint (revealers->len, ==, 1);
  error_bar = GTK_REVEALER (gtk_widget_get_parent (g_ptr_array_index (revealers, 0)));
  g_assert_true (gtk_revealer_get_reveal_child (error_bar));
  g_assert_true (nd_translation_view_has_unsaved_changes (fixture->view));

  /* The text stays, also through the retries and when the story is
   * selected again. */
  wait_ms (300);
  nd_translation_view_set_edition (fixture->view, fixture->story_id, "ar");
  g_assert_true (gtk_text_view_get_buffer (GTK_TEXT_VIEW (view)) == buffer);
  gtk_text_buffer_get_bounds (buffer, &start, &end);
  shown = gtk_text_buffer_get_text (buffer, &start, &end, TRUE);
  g_assert_cmpstr (shown, ==, edited);
  g_assert_true (gtk_revealer_get_reveal_child (error_bar));

  /* Room on the disk again: the next retry saves it. */
  nd_database_execute (fixture->database, "DROP TRIGGER temp.fail_saves", &error);
  g_assert_no_error (error);
  deadline = g_get_monotonic_time () + 5 * G_USEC_PER_SEC;
  while (nd_translation_view_has_unsaved_changes (fixture->view) && g_get_monotonic_time () < deadline)
    g_main_context_iteration (NULL, TRUE);
  g_assert_false (nd_translation_view_has_unsaved_changes (fixture->view));
  g_assert_false (gtk_revealer_get_reveal_child (error_bar));

  saved = load_edition (fixture, "ar");
  g_assert_true (g_str_has_prefix (nd_edition_get_body (saved), edited));
}

/* The source changing elsewhere updates the marks without losing the text
 * typed in the translation. */
static void
test_source_changes_elsewhere (Fixture       *fixture,
                               gconstpointer  data)
{
  g_autoptr(GPtrArray) targets = target_views (fixture);
  g_autoptr(GPtrArray) sources = NULL;
  g_autoptr(NdEdition) russian = load_edition (fixture, "ru");
  g_autoptr(NdEdition) arabic = NULL;
  g_autoptr(GError) error = NULL;
  g_autofree char *body = NULL;
  const char *typed = "نص جديد للفقرة الأولى.";

  set_buffer_text (g_ptr_array_index (targets, 0), typed);

  body = g_strconcat (nd_edition_get_body (russian), "\n\nНовый четвёртый абзац.", NULL);
  nd_edition_set_body (russian, body);
  nd_story_store_save_edition (fixture->store, russian, &error);
  g_assert_no_error (error);
  wait_ms (100);

  sources = source_cells (fixture);
  g_assert_cmpuint (sources->len, ==, 4);
  g_assert_true (marked (g_ptr_array_index (sources, 1)));
  g_assert_true (marked (g_ptr_array_index (sources, 3)));
  g_assert_false (marked (g_ptr_array_index (sources, 0)));

  arabic = load_edition (fixture, "ar");
  g_assert_true (g_str_has_prefix (nd_edition_get_body (arabic), typed));
}

/* History ------------------------------------------------------------------- */

static void
on_restored_cb (NdRevisionBrowser *browser,
                gpointer           user_data)
{
  (*(guint *) user_data)++;
}

static void
test_revision_browser (Fixture       *fixture,
                       gconstpointer  data)
{
  g_autoptr(NdEdition) russian = load_edition (fixture, "ru");
  g_autoptr(NdEdition) restored = NULL;
  g_autoptr(GPtrArray) before = NULL;
  g_autoptr(GPtrArray) after = NULL;
  g_autoptr(GError) error = NULL;
  NdRevisionBrowser *browser;
  guint n_restored = 0;
  GtkWidget *list;

  before = nd_story_store_list_revisions (fixture->store, nd_edition_get_id (russian), &error);
  g_assert_no_error (error);
  g_assert_cmpuint (before->len, ==, 2);

  browser = nd_revision_browser_new (fixture->window, fixture->store, nd_edition_get_id (russian));
  g_object_ref_sink (browser);
  g_signal_connect (browser, "restored", G_CALLBACK (on_restored_cb), &n_restored);
  gtk_window_present (GTK_WINDOW (browser));
  g_assert_true (gtk_window_get_transient_for (GTK_WINDOW (browser)) == fixture->window);

  /* The newest is selected and is the current text: nothing to restore. */
  gtk_widget_activate_action (GTK_WIDGET (browser), "history.restore", NULL);
  g_assert_cmpuint (n_restored, ==, 0);

  /* The first version, with the old paragraph 2. */
  g_assert_true (nd_revision_browser_select_revision (browser, nd_revision_get_revision (g_ptr_array_index (before, 1))));
  g_assert_true (gtk_widget_activate_action (GTK_WIDGET (browser), "history.restore", NULL));
  g_assert_cmpuint (n_restored, ==, 1);

  restored = load_edition (fixture, "ru");
  g_assert_cmpstr (nd_edition_get_body (restored), ==, ru_body_v1);
  after = nd_story_store_list_revisions (fixture->store, nd_edition_get_id (russian), &error);
  g_assert_no_error (error);
  g_assert_cmpuint (after->len, ==, 3);
  g_assert_cmpint (nd_revision_get_revision (g_ptr_array_index (after, 0)), ==, nd_edition_get_revision (restored));

  /* The list shows the restore as the newest revision. */
  list = NULL;
  {
    g_autoptr(GPtrArray) lists = g_ptr_array_new ();
    collect_by_class (GTK_WIDGET (browser), "navigation-sidebar", lists);
    g_assert_cmpuint (lists->len, ==, 1);
    list = g_ptr_array_index (lists, 0);
  }
  g_assert_nonnull (gtk_list_box_get_row_at_index (GTK_LIST_BOX (list), 2));
  g_assert_null (gtk_list_box_get_row_at_index (GTK_LIST_BOX (list), 3));
  g_assert_true (gtk_list_box_get_selected_row (GTK_LIST_BOX (list)) ==
                 gtk_list_box_get_row_at_index (GTK_LIST_BOX (list), 0));

  gtk_window_destroy (GTK_WINDOW (browser));
  g_assert_finalize_object (browser);
}

static void
test_format_time (void)
{
  g_autoptr(GDateTime) base = g_date_time_new_local (2025, 4, 30, 14, 5, 0);
  gint64 now = g_date_time_to_unix (base) * G_USEC_PER_SEC;
  g_autofree char *just_now = nd_revision_browser_format_time (now - 20 * G_USEC_PER_SEC, now);
  g_autofree char *minutes = nd_revision_browser_format_time (now - 5 * 60 * G_USEC_PER_SEC, now);
  g_autofree char *today = nd_revision_browser_format_time (now - 3 * G_TIME_SPAN_HOUR, now);
  g_autofree char *yesterday = nd_revision_browser_format_time (now - 20 * G_TIME_SPAN_HOUR, now);
  g_autofree char *last_year = nd_revision_browser_format_time (now - 200 * G_TIME_SPAN_DAY, now);

  g_assert_cmpstr (just_now, ==, "Just now");
  g_assert_cmpstr (minutes, ==, "5 minutes ago");
  g_assert_cmpstr (today, ==, "Today, 11:05");
  g_assert_cmpstr (yesterday, ==, "Yesterday, 18:05");
  g_assert_true (g_str_has_suffix (last_year, "2024, 14:05") || g_str_has_suffix (last_year, "2024, 13:05") ||
                 g_str_has_suffix (last_year, "2024, 15:05"));
}

int
main (int   argc,
      char *argv[])
{
  g_setenv ("LANGUAGE", "C", TRUE);
  gtk_test_init (&argc, &argv, NULL);
  adw_init ();

#define ADD(path, func) \
  g_test_add ("/translation-view/" path, Fixture, NULL, fixture_set_up, func, fixture_tear_down)

  ADD ("rows-aligned", test_rows_aligned);
  ADD ("stale-marks", test_stale_marks);
  ADD ("mark-up-to-date", test_mark_up_to_date);
  ADD ("edit-saved-after-pause", test_edit_saved_after_pause);
  ADD ("edit-saved-on-focus-out", test_edit_saved_on_focus_out);
  ADD ("save-failure-keeps-text", test_save_failure_keeps_text);
  ADD ("source-changes-elsewhere", test_source_changes_elsewhere);
  ADD ("revision-browser", test_revision_browser);
  g_test_add_func ("/translation-view/format-time", test_format_time);

#undef ADD

  return g_test_run ();
}
