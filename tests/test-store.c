/* test-store.c
 *
 * SPDX-License-Identifier: GPL-3.0-or-later
 */

#include "config.h"

#include <glib/gstdio.h>

#include "nd-story-list.h"
#include "nd-story-store.h"
#include "nd-test-util.h"

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

  fixture->store = nd_test_open_store ("store", &fixture->dir, &fixture->database);
}

static void
fixture_tear_down (Fixture       *fixture,
                   gconstpointer  data)
{
  g_clear_object (&fixture->store);
  g_assert_finalize_object (fixture->database);
  nd_test_remove_dir (fixture->dir);
  g_free (fixture->dir);
}

static NdStory *
create_story (NdStoryStore *store,
              const char   *lang,
              const char   *headline,
              const char   *body)
{
  g_autoptr(GError) error = NULL;
  NdStory *story = nd_story_store_create_story (store, lang, &error);
  NdEdition *edition;

  g_assert_no_error (error);
  edition = nd_story_get_edition (story, lang);
  nd_edition_set_headline (edition, headline);
  nd_edition_set_body (edition, body);
  nd_story_store_save_edition (store, edition, &error);
  g_assert_no_error (error);

  return story;
}

static void
test_preset (Fixture       *fixture,
             gconstpointer  data)
{
  GListModel *languages = nd_story_store_get_languages (fixture->store);
  GListModel *sections = nd_story_store_get_sections (fixture->store);
  NdLanguage *arabic = nd_story_store_get_language (fixture->store, "ar");
  NdSection *opinion = nd_story_store_get_section_by_slug (fixture->store, "opinion");
  g_autofree char *zone = nd_story_store_get_setting (fixture->store, "time-zone");

  g_assert_cmpuint (g_list_model_get_n_items (languages), ==, 3);
  g_assert_cmpuint (g_list_model_get_n_items (sections), ==, 6);
  g_assert_nonnull (arabic);
  g_assert_true (nd_language_get_rtl (arabic));
  g_assert_false (nd_language_get_rtl (nd_story_store_get_language (fixture->store, "ru")));
  g_assert_nonnull (opinion);
  g_assert_cmpstr (nd_section_get_name (opinion, "ru"), ==, "Мнения");
  g_assert_cmpstr (nd_section_get_name (opinion, "ar"), ==, "رأي");
  g_assert_cmpstr (zone, ==, "Europe/Moscow");
}

static void
test_languages_are_data (Fixture       *fixture,
                         gconstpointer  data)
{
  g_autoptr(GError) error = NULL;
  g_autoptr(NdLanguage) german = nd_language_new ();
  g_autoptr(NdStory) story = NULL;
  g_autoptr(NdEdition) edition = NULL;
  g_autofree char *dateline = NULL;

  nd_language_set_code (german, "de");
  nd_language_set_name (german, "German");
  nd_language_set_native_name (german, "Deutsch");
  nd_language_set_publication_name (german, "Realist Deutsch");
  nd_language_set_dateline_format (german, "{CITY} ({PUBLICATION}).");
  nd_language_set_position (german, 3);
  nd_story_store_save_language (fixture->store, german, &error);
  g_assert_no_error (error);
  g_assert_cmpuint (g_list_model_get_n_items (nd_story_store_get_languages (fixture->store)), ==, 4);

  story = nd_story_store_create_story (fixture->store, "en", &error);
  g_assert_no_error (error);
  edition = nd_story_store_add_edition (fixture->store, nd_story_get_id (story), "de", &error);
  g_assert_no_error (error);
  g_assert_cmpint (nd_edition_get_status (edition), ==, ND_EDITION_STATUS_NEEDS_TRANSLATION);
  nd_edition_set_dateline_city (edition, "München");
  dateline = nd_story_store_render_dateline (fixture->store, edition);
  g_assert_cmpstr (dateline, ==, "MÜNCHEN (Realist Deutsch).");

  g_assert_null (nd_story_store_add_edition (fixture->store, nd_story_get_id (story), "xx", &error));
  g_assert_error (error, G_IO_ERROR, G_IO_ERROR_INVALID_ARGUMENT);
}

static void
test_story_crud (Fixture       *fixture,
                 gconstpointer  data)
{
  g_autoptr(GError) error = NULL;
  g_autoptr(NdStory) story = NULL;
  g_autoptr(NdStory) loaded = NULL;
  g_autoptr(NdStory) other = NULL;
  g_autoptr(NdTag) tag = nd_tag_new ();
  g_autoptr(NdContributor) author = nd_contributor_new ();
  g_autoptr(NdMedia) image = nd_media_new ();
  g_autoptr(NdMedia) image_loaded = NULL;
  g_autoptr(NdContributor) author_loaded = NULL;
  NdEdition *edition;
  NdSection *opinion = nd_story_store_get_section_by_slug (fixture->store, "opinion");
  gint64 ids[1];

  story = create_story (fixture->store, "en", "Russia's Afghan failure", "Moscow's decision to *unblock* the Taliban.");
  other = create_story (fixture->store, "ru", "Другая история", "Текст.");

  nd_localized_text_set (nd_tag_get_labels (tag), "en", "Afghanistan");
  nd_localized_text_set (nd_tag_get_labels (tag), "ru", "Афганистан");
  nd_localized_text_set (nd_tag_get_labels (tag), "ar", "أفغانستان");
  nd_story_store_save_tag (fixture->store, tag, &error);
  g_assert_no_error (error);
  g_assert_cmpint (nd_tag_get_id (tag), >, 0);

  nd_localized_text_set (nd_contributor_get_names (author), "en", "Andrey Serenko");
  nd_localized_text_set (nd_contributor_get_roles (author), "en", "Director, Center for the Study of Afghan Politics");
  nd_localized_text_set (nd_contributor_get_names (author), "ru", "Андрей Серенко");
  nd_story_store_save_contributor (fixture->store, author, &error);
  g_assert_no_error (error);

  nd_media_set_file (image, "/tmp/starovoit.jpg");
  nd_media_set_mime_type (image, "image/jpeg");
  nd_localized_text_set (nd_media_get_captions (image), "en", "Roman Starovoit");
  nd_localized_text_set (nd_media_get_alts (image), "ar", "رومان ستاروفويت");
  nd_localized_text_set (nd_media_get_credits (image), "ru", "ТАСС");
  nd_story_store_save_media (fixture->store, image, &error);
  g_assert_no_error (error);

  nd_story_set_section_id (story, nd_section_get_id (opinion));
  nd_story_set_featured_media_id (story, nd_media_get_id (image));
  ids[0] = nd_tag_get_id (tag);
  nd_story_set_tag_ids (story, ids, 1);
  ids[0] = nd_contributor_get_id (author);
  nd_story_set_contributor_ids (story, ids, 1);
  ids[0] = nd_story_get_id (other);
  nd_story_set_related_ids (story, ids, 1);
  nd_story_store_save_story (fixture->store, story, &error);
  g_assert_no_error (error);

  loaded = nd_story_store_load_story (fixture->store, nd_story_get_id (story), &error);
  g_assert_no_error (error);
  g_assert_cmpstr (nd_story_get_uuid (loaded), ==, nd_story_get_uuid (story));
  g_assert_cmpint (nd_story_get_section_id (loaded), ==, nd_section_get_id (opinion));
  g_assert_cmpint (nd_story_get_featured_media_id (loaded), ==, nd_media_get_id (image));
  g_assert_cmpuint (nd_story_get_tag_ids (loaded)->len, ==, 1);
  g_assert_cmpint (g_array_index (nd_story_get_contributor_ids (loaded), gint64, 0), ==, nd_contributor_get_id (author));
  g_assert_cmpint (g_array_index (nd_story_get_related_ids (loaded), gint64, 0), ==, nd_story_get_id (other));
  edition = nd_story_get_edition (loaded, "en");
  g_assert_cmpstr (nd_edition_get_headline (edition), ==, "Russia's Afghan failure");
  g_assert_cmpstr (nd_edition_get_body (edition), ==, "Moscow's decision to *unblock* the Taliban.");
  g_assert_cmpint (nd_edition_get_word_count (edition), ==, 6);
  g_assert_cmpint (nd_edition_get_revision (edition), ==, 1);

  image_loaded = nd_story_store_load_media (fixture->store, nd_media_get_id (image), &error);
  g_assert_no_error (error);
  g_assert_cmpstr (nd_localized_text_get (nd_media_get_captions (image_loaded), "en"), ==, "Roman Starovoit");
  g_assert_cmpstr (nd_localized_text_get (nd_media_get_alts (image_loaded), "ar"), ==, "رومان ستاروفويت");
  g_assert_cmpstr (nd_localized_text_get (nd_media_get_credits (image_loaded), "ru"), ==, "ТАСС");
  author_loaded = nd_story_store_load_contributor (fixture->store, nd_contributor_get_id (author), &error);
  g_assert_no_error (error);
  g_assert_cmpstr (nd_localized_text_get (nd_contributor_get_roles (author_loaded), "en"), ==,
                   "Director, Center for the Study of Afghan Politics");

  /* Deleting the related story for good drops the link, not the story. */
  nd_story_store_trash_story (fixture->store, nd_story_get_id (other), &error);
  g_assert_no_error (error);
  nd_story_store_empty_trash (fixture->store, NULL, &error);
  g_assert_no_error (error);
  g_clear_object (&loaded);
  loaded = nd_story_store_load_story (fixture->store, nd_story_get_id (story), &error);
  g_assert_no_error (error);
  g_assert_cmpuint (nd_story_get_related_ids (loaded)->len, ==, 0);
}

static void
test_tag_completion (Fixture       *fixture,
                     gconstpointer  data)
{
  g_autoptr(GError) error = NULL;
  g_autoptr(NdTag) afghanistan = nd_tag_new ();
  g_autoptr(NdTag) asia = nd_tag_new ();
  const char *typed[] = { "afg", "AFGH", "афг", "Афганис", "افغ", "أفغ", "أَفْغَا" };

  nd_localized_text_set (nd_tag_get_labels (afghanistan), "en", "Afghanistan");
  nd_localized_text_set (nd_tag_get_labels (afghanistan), "ru", "Афганистан");
  nd_localized_text_set (nd_tag_get_labels (afghanistan), "ar", "أفغانستان");
  nd_story_store_save_tag (fixture->store, afghanistan, &error);
  g_assert_no_error (error);
  nd_localized_text_set (nd_tag_get_labels (asia), "en", "Asia");
  nd_story_store_save_tag (fixture->store, asia, &error);
  g_assert_no_error (error);

  for (guint i = 0; i < G_N_ELEMENTS (typed); i++)
    {
      g_autoptr(GPtrArray) found = nd_story_store_complete_tags (fixture->store, typed[i], 10, &error);

      g_assert_no_error (error);
      g_assert_cmpuint (found->len, ==, 1);
      g_assert_cmpint (nd_tag_get_id (g_ptr_array_index (found, 0)), ==, nd_tag_get_id (afghanistan));
    }

  {
    g_autoptr(GPtrArray) found = nd_story_store_complete_tags (fixture->store, "a", 10, &error);
    g_assert_no_error (error);
    g_assert_cmpuint (found->len, ==, 2);
  }
}

static void
test_revisions_coalesce_and_restore (Fixture       *fixture,
                                     gconstpointer  data)
{
  g_autoptr(GError) error = NULL;
  g_autoptr(NdStory) story = NULL;
  g_autoptr(GPtrArray) revisions = NULL;
  g_autoptr(NdEdition) reloaded = NULL;
  NdEdition *edition;
  NdRevision *first;

  /* Saves within 50 ms of each other fold together; a pause starts a new
   * revision. */
  _nd_story_store_set_revision_windows (fixture->store, 50 * 1000, G_USEC_PER_SEC);

  story = create_story (fixture->store, "ru", "Заголовок", "Первая версия.");
  edition = nd_story_get_edition (story, "ru");
  nd_edition_set_body (edition, "Первая версия, правка.");
  nd_story_store_save_edition (fixture->store, edition, &error);
  g_assert_no_error (error);

  revisions = nd_story_store_list_revisions (fixture->store, nd_edition_get_id (edition), &error);
  g_assert_no_error (error);
  g_assert_cmpuint (revisions->len, ==, 1);
  g_assert_cmpint (nd_edition_get_revision (edition), ==, 2);
  g_clear_pointer (&revisions, g_ptr_array_unref);

  g_usleep (80 * 1000);
  nd_edition_set_body (edition, "Вторая версия.");
  nd_story_store_save_edition (fixture->store, edition, &error);
  g_assert_no_error (error);

  /* Unchanged text adds nothing, not even a new time of change. */
  {
    g_autoptr(NdStory) before = nd_story_store_load_story_summary (fixture->store, nd_story_get_id (story), &error);
    g_autoptr(NdStory) after = NULL;

    nd_story_store_save_edition (fixture->store, edition, &error);
    g_assert_no_error (error);
    after = nd_story_store_load_story_summary (fixture->store, nd_story_get_id (story), &error);
    g_assert_cmpint (nd_story_get_updated_at (after), ==, nd_story_get_updated_at (before));
  }
  g_assert_cmpint (nd_edition_get_revision (edition), ==, 3);

  revisions = nd_story_store_list_revisions (fixture->store, nd_edition_get_id (edition), &error);
  g_assert_no_error (error);
  g_assert_cmpuint (revisions->len, ==, 2);
  first = g_ptr_array_index (revisions, 1);
  g_assert_cmpstr (nd_revision_get_body (first), ==, "Первая версия, правка.");
  g_assert_cmpint (nd_revision_get_revision (first), ==, 2);
  g_assert_cmpint (nd_revision_get_word_count (first), ==, 3);

  /* A restore is a revision of its own, even right after another save. */
  nd_story_store_restore_revision (fixture->store, edition, first, &error);
  g_assert_no_error (error);
  g_assert_cmpstr (nd_edition_get_body (edition), ==, "Первая версия, правка.");
  g_assert_cmpint (nd_edition_get_revision (edition), ==, 4);
  g_clear_pointer (&revisions, g_ptr_array_unref);
  revisions = nd_story_store_list_revisions (fixture->store, nd_edition_get_id (edition), &error);
  g_assert_no_error (error);
  g_assert_cmpuint (revisions->len, ==, 3);
  g_assert_true (nd_revision_get_pinned (g_ptr_array_index (revisions, 0)));
  g_assert_cmpstr (nd_revision_get_body (g_ptr_array_index (revisions, 1)), ==, "Вторая версия.");

  /* The next quick save does not swallow the restored state. */
  nd_edition_set_body (edition, "После восстановления.");
  nd_story_store_save_edition (fixture->store, edition, &error);
  g_assert_no_error (error);
  g_clear_pointer (&revisions, g_ptr_array_unref);
  revisions = nd_story_store_list_revisions (fixture->store, nd_edition_get_id (edition), &error);
  g_assert_cmpuint (revisions->len, ==, 4);

  reloaded = nd_story_store_load_edition (fixture->store, nd_story_get_id (story), "ru", &error);
  g_assert_no_error (error);
  g_assert_cmpstr (nd_edition_get_body (reloaded), ==, "После восстановления.");
  g_assert_cmpint (nd_edition_get_revision (reloaded), ==, 5);
}

static void
test_staleness (Fixture       *fixture,
                gconstpointer  data)
{
  g_autoptr(GError) error = NULL;
  g_autoptr(NdStory) story = NULL;
  g_autoptr(NdStory) loaded = NULL;
  g_autoptr(NdEdition) arabic = NULL;
  g_autoptr(GArray) stale = NULL;
  g_autoptr(NdRevision) translated_from = NULL;
  NdStoryFilter filter = { .stale = TRUE };
  NdEdition *source;

  _nd_story_store_set_revision_windows (fixture->store, 0, 0);

  story = create_story (fixture->store, "ru", "Исходник", "Абзац один.\n\nАбзац два.");
  source = nd_story_get_edition (story, "ru");
  arabic = nd_story_store_add_edition (fixture->store, nd_story_get_id (story), "ar", &error);
  g_assert_no_error (error);
  g_assert_false (nd_edition_is_stale (arabic, source));

  nd_edition_set_headline (arabic, "المصدر");
  nd_edition_set_body (arabic, "الفقرة الأولى.\n\nالفقرة الثانية.");
  nd_story_store_save_edition (fixture->store, arabic, &error);
  g_assert_no_error (error);
  nd_story_store_mark_translated (fixture->store, arabic, &error);
  g_assert_no_error (error);
  g_assert_cmpint (nd_edition_get_source_revision (arabic), ==, nd_edition_get_revision (source));
  g_assert_false (nd_edition_is_stale (arabic, source));

  stale = nd_story_store_query_story_ids (fixture->store, &filter, 0, &error);
  g_assert_no_error (error);
  g_assert_cmpuint (stale->len, ==, 0);
  g_clear_pointer (&stale, g_array_unref);

  /* The source moves on: the translation is stale, and the state it was
   * made from is still in the history even though saves are folded. */
  _nd_story_store_set_revision_windows (fixture->store, G_USEC_PER_SEC * 60, G_USEC_PER_SEC * 600);
  nd_edition_set_body (source, "Абзац один, изменённый.\n\nАбзац два.");
  nd_story_store_save_edition (fixture->store, source, &error);
  g_assert_no_error (error);
  nd_edition_set_body (source, "Абзац один, изменённый снова.\n\nАбзац два.");
  nd_story_store_save_edition (fixture->store, source, &error);
  g_assert_no_error (error);
  g_assert_true (nd_edition_is_stale (arabic, source));

  translated_from = nd_story_store_load_revision (fixture->store, nd_edition_get_id (source),
                                                  nd_edition_get_source_revision (arabic), &error);
  g_assert_no_error (error);
  g_assert_cmpstr (nd_revision_get_body (translated_from), ==, "Абзац один.\n\nАбзац два.");

  stale = nd_story_store_query_story_ids (fixture->store, &filter, 0, &error);
  g_assert_no_error (error);
  g_assert_cmpuint (stale->len, ==, 1);
  g_clear_pointer (&stale, g_array_unref);

  loaded = nd_story_store_load_story_summary (fixture->store, nd_story_get_id (story), &error);
  g_assert_no_error (error);
  g_assert_true (nd_story_is_stale (loaded, "ar"));
  g_assert_false (nd_story_is_stale (loaded, "ru"));

  /* Mark as up to date clears it. */
  nd_story_store_mark_translated (fixture->store, arabic, &error);
  g_assert_no_error (error);
  stale = nd_story_store_query_story_ids (fixture->store, &filter, 0, &error);
  g_assert_no_error (error);
  g_assert_cmpuint (stale->len, ==, 0);

  /* The source is never a translation of itself. */
  g_assert_false (nd_story_store_mark_translated (fixture->store, source, &error));
  g_assert_error (error, G_IO_ERROR, G_IO_ERROR_INVALID_ARGUMENT);
}

static void
test_status_workflow (Fixture       *fixture,
                      gconstpointer  data)
{
  g_autoptr(GError) error = NULL;
  g_autoptr(NdStory) story = create_story (fixture->store, "en", "Headline", "Body.");
  NdEdition *edition = nd_story_get_edition (story, "en");
  g_autoptr(GArray) ready = NULL;
  NdStoryFilter filter = { .lang = "en", .has_status = TRUE, .status = ND_EDITION_STATUS_READY };

  g_assert_false (nd_story_store_set_edition_status (fixture->store, edition, ND_EDITION_STATUS_PUBLISHED, "ed", &error));
  g_assert_error (error, G_IO_ERROR, G_IO_ERROR_INVALID_ARGUMENT);
  g_clear_error (&error);
  g_assert_cmpint (nd_edition_get_status (edition), ==, ND_EDITION_STATUS_DRAFT);

  g_assert_true (nd_story_store_set_edition_status (fixture->store, edition, ND_EDITION_STATUS_IN_REVIEW, "writer", &error));
  g_assert_true (nd_story_store_set_edition_status (fixture->store, edition, ND_EDITION_STATUS_READY, "editor", &error));
  g_assert_no_error (error);

  ready = nd_story_store_query_story_ids (fixture->store, &filter, 200, &error);
  g_assert_no_error (error);
  g_assert_cmpuint (ready->len, ==, 1);

  {
    g_autoptr(NdStatement) stmt = nd_database_prepare (fixture->database,
                                                       "SELECT count(*), group_concat(author) FROM status_changes WHERE edition_id = ?",
                                                       &error);
    g_assert_no_error (error);
    sqlite3_bind_int64 (stmt, 1, nd_edition_get_id (edition));
    g_assert_cmpint (sqlite3_step (stmt), ==, SQLITE_ROW);
    g_assert_cmpint (sqlite3_column_int (stmt, 0), ==, 2);
  }
}

static void
test_transition_table (void)
{
  /* Every move of the workflow, allowed or refused. */
  static const struct { NdEditionStatus from; NdEditionStatus to; gboolean allowed; } moves[] = {
    { ND_EDITION_STATUS_NEEDS_TRANSLATION, ND_EDITION_STATUS_DRAFT, TRUE },
    { ND_EDITION_STATUS_NEEDS_TRANSLATION, ND_EDITION_STATUS_IN_REVIEW, FALSE },
    { ND_EDITION_STATUS_NEEDS_TRANSLATION, ND_EDITION_STATUS_READY, FALSE },
    { ND_EDITION_STATUS_NEEDS_TRANSLATION, ND_EDITION_STATUS_SCHEDULED, FALSE },
    { ND_EDITION_STATUS_NEEDS_TRANSLATION, ND_EDITION_STATUS_PUBLISHED, FALSE },
    { ND_EDITION_STATUS_DRAFT, ND_EDITION_STATUS_NEEDS_TRANSLATION, FALSE },
    { ND_EDITION_STATUS_DRAFT, ND_EDITION_STATUS_IN_REVIEW, TRUE },
    { ND_EDITION_STATUS_DRAFT, ND_EDITION_STATUS_READY, FALSE },
    { ND_EDITION_STATUS_DRAFT, ND_EDITION_STATUS_SCHEDULED, FALSE },
    { ND_EDITION_STATUS_DRAFT, ND_EDITION_STATUS_PUBLISHED, FALSE },
    { ND_EDITION_STATUS_IN_REVIEW, ND_EDITION_STATUS_NEEDS_TRANSLATION, FALSE },
    { ND_EDITION_STATUS_IN_REVIEW, ND_EDITION_STATUS_DRAFT, TRUE },
    { ND_EDITION_STATUS_IN_REVIEW, ND_EDITION_STATUS_READY, TRUE },
    { ND_EDITION_STATUS_IN_REVIEW, ND_EDITION_STATUS_SCHEDULED, FALSE },
    { ND_EDITION_STATUS_IN_REVIEW, ND_EDITION_STATUS_PUBLISHED, FALSE },
    { ND_EDITION_STATUS_READY, ND_EDITION_STATUS_NEEDS_TRANSLATION, FALSE },
    { ND_EDITION_STATUS_READY, ND_EDITION_STATUS_DRAFT, TRUE },
    { ND_EDITION_STATUS_READY, ND_EDITION_STATUS_IN_REVIEW, TRUE },
    { ND_EDITION_STATUS_READY, ND_EDITION_STATUS_SCHEDULED, TRUE },
    { ND_EDITION_STATUS_READY, ND_EDITION_STATUS_PUBLISHED, TRUE },
    { ND_EDITION_STATUS_SCHEDULED, ND_EDITION_STATUS_NEEDS_TRANSLATION, FALSE },
    { ND_EDITION_STATUS_SCHEDULED, ND_EDITION_STATUS_DRAFT, FALSE },
    { ND_EDITION_STATUS_SCHEDULED, ND_EDITION_STATUS_IN_REVIEW, FALSE },
    { ND_EDITION_STATUS_SCHEDULED, ND_EDITION_STATUS_READY, TRUE },
    { ND_EDITION_STATUS_SCHEDULED, ND_EDITION_STATUS_PUBLISHED, TRUE },
    { ND_EDITION_STATUS_PUBLISHED, ND_EDITION_STATUS_NEEDS_TRANSLATION, FALSE },
    { ND_EDITION_STATUS_PUBLISHED, ND_EDITION_STATUS_DRAFT, FALSE },
    { ND_EDITION_STATUS_PUBLISHED, ND_EDITION_STATUS_IN_REVIEW, TRUE },
    { ND_EDITION_STATUS_PUBLISHED, ND_EDITION_STATUS_READY, TRUE },
    { ND_EDITION_STATUS_PUBLISHED, ND_EDITION_STATUS_SCHEDULED, FALSE },
  };

  for (guint i = 0; i < G_N_ELEMENTS (moves); i++)
    {
      NdEditionStatus parsed;

      g_assert_cmpint (nd_edition_status_can_transition (moves[i].from, moves[i].to), ==, moves[i].allowed);
      g_assert_false (nd_edition_status_can_transition (moves[i].from, moves[i].from));
      g_assert_true (nd_edition_status_from_string (nd_edition_status_to_string (moves[i].from), &parsed));
      g_assert_cmpint (parsed, ==, moves[i].from);
    }
}

static void
on_items_changed (GListModel *model,
                  guint       position,
                  guint       removed,
                  guint       added,
                  guint      *calls)
{
  (*calls)++;
}

static void
test_story_list_follows_store (Fixture       *fixture,
                               gconstpointer  data)
{
  g_autoptr(GError) error = NULL;
  g_autoptr(NdStoryList) list = nd_story_list_new (fixture->store, NULL);
  g_autoptr(NdStoryList) drafts_ru = NULL;
  g_autoptr(NdStory) first = NULL;
  g_autoptr(NdStory) second = NULL;
  g_autoptr(NdStory) third = NULL;
  g_autoptr(NdStory) item = NULL;
  g_autoptr(NdStory) top = NULL;
  NdStoryFilter filter = { .lang = "ru", .has_status = TRUE, .status = ND_EDITION_STATUS_DRAFT };
  guint calls = 0;
  NdEdition *edition;

  g_signal_connect (list, "items-changed", G_CALLBACK (on_items_changed), &calls);
  drafts_ru = nd_story_list_new (fixture->store, &filter);

  first = create_story (fixture->store, "en", "First", "One.");
  second = create_story (fixture->store, "ru", "Второй", "Два.");
  third = create_story (fixture->store, "ar", "الثالث", "ثلاثة.");
  g_assert_cmpuint (g_list_model_get_n_items (G_LIST_MODEL (list)), ==, 3);
  g_assert_cmpuint (g_list_model_get_n_items (G_LIST_MODEL (drafts_ru)), ==, 1);
  g_assert_cmpuint (calls, >=, 3);

  /* Newest first; an edit moves a story to the top, the same object. */
  item = g_list_model_get_item (G_LIST_MODEL (list), 2);
  g_assert_cmpint (nd_story_get_id (item), ==, nd_story_get_id (first));
  edition = nd_story_get_edition (first, "en");
  nd_edition_set_headline (edition, "First, edited");
  nd_story_store_save_edition (fixture->store, edition, &error);
  g_assert_no_error (error);
  top = g_list_model_get_item (G_LIST_MODEL (list), 0);
  g_assert_true (top == item);
  g_assert_cmpstr (nd_story_get_headline (top, NULL), ==, "First, edited");

  /* Leaving the filter removes it from the filtered list only. */
  edition = nd_story_get_edition (second, "ru");
  nd_story_store_set_edition_status (fixture->store, edition, ND_EDITION_STATUS_IN_REVIEW, NULL, &error);
  g_assert_no_error (error);
  g_assert_cmpuint (g_list_model_get_n_items (G_LIST_MODEL (drafts_ru)), ==, 0);
  g_assert_cmpuint (g_list_model_get_n_items (G_LIST_MODEL (list)), ==, 3);

  /* Trash and restore. */
  nd_story_store_trash_story (fixture->store, nd_story_get_id (third), &error);
  g_assert_no_error (error);
  g_assert_cmpuint (g_list_model_get_n_items (G_LIST_MODEL (list)), ==, 2);
  nd_story_store_restore_story (fixture->store, nd_story_get_id (third), &error);
  g_assert_no_error (error);
  g_assert_cmpuint (g_list_model_get_n_items (G_LIST_MODEL (list)), ==, 3);
  g_assert_cmpuint (nd_story_list_find (list, nd_story_get_id (third)), !=, G_MAXUINT);
}

static void
wait_for_n_items (GListModel *model,
                  guint       n)
{
  gint64 deadline = g_get_monotonic_time () + 10 * G_USEC_PER_SEC;

  while (g_list_model_get_n_items (model) != n && g_get_monotonic_time () < deadline)
    g_main_context_iteration (NULL, FALSE);
}

static gboolean
keep_busy_cb (gpointer data)
{
  return G_SOURCE_CONTINUE;
}

/* A long desk is read a part at a time, so that opening it does not wait
 * for every id; the rest is read off the main thread once the main loop is
 * idle (not while a window draws its first frame), and a story not read
 * yet is found, and moved or dropped when it changes, all the same. */
static void
test_story_list_reads_in_parts (Fixture       *fixture,
                                gconstpointer  data)
{
  g_autoptr(GError) error = NULL;
  g_autoptr(NdStoryList) list = NULL;
  g_autoptr(NdStoryList) other = NULL;
  g_autoptr(NdStory) oldest = NULL;
  g_autoptr(NdStory) second_oldest = NULL;
  g_autoptr(NdStory) third_oldest = NULL;
  g_autoptr(GHashTable) ids = g_hash_table_new_full (g_int64_hash, g_int64_equal, g_free, NULL);
  guint n_stories = 600;
  guint n;
  NdEdition *edition;

  for (guint i = 0; i < n_stories; i++)
    {
      g_autofree char *headline = g_strdup_printf ("Story %u", i);
      g_autoptr(NdStory) story = create_story (fixture->store, "en", headline, "Body.");

      if (i == 0)
        oldest = g_object_ref (story);
      else if (i == 1)
        second_oldest = g_object_ref (story);
      else if (i == 2)
        third_oldest = g_object_ref (story);
    }

  list = nd_story_list_new (fixture->store, NULL);
  n = g_list_model_get_n_items (G_LIST_MODEL (list));
  g_assert_cmpuint (n, >=, 100);
  g_assert_cmpuint (n, <, n_stories);

  /* Not while the main loop has drawing to do (GTK's redraws have this
   * priority)… */
  {
    guint busy = g_idle_add_full (G_PRIORITY_HIGH_IDLE + 20, keep_busy_cb, NULL, NULL);
    gint64 until = g_get_monotonic_time () + G_USEC_PER_SEC / 2;

    while (g_get_monotonic_time () < until)
      g_main_context_iteration (NULL, FALSE);
    g_source_remove (busy);
  }
  g_assert_cmpuint (g_list_model_get_n_items (G_LIST_MODEL (list)), ==, n);

  /* … but the rest comes once the main loop is idle. */
  wait_for_n_items (G_LIST_MODEL (list), n_stories);
  g_assert_cmpuint (g_list_model_get_n_items (G_LIST_MODEL (list)), ==, n_stories);

  /* Found before it was read. */
  other = nd_story_list_new (fixture->store, NULL);
  g_assert_cmpuint (g_list_model_get_n_items (G_LIST_MODEL (other)), <, n_stories);
  g_assert_cmpuint (nd_story_list_find (other, nd_story_get_id (oldest)), ==, n_stories - 1);
  g_clear_object (&other);

  /* Moved to the top once, not listed twice, when it changes unread. */
  other = nd_story_list_new (fixture->store, NULL);
  nd_story_store_set_edition_status (fixture->store, nd_story_get_edition (third_oldest, "en"),
                                     ND_EDITION_STATUS_IN_REVIEW, NULL, &error);
  g_assert_no_error (error);
  edition = nd_story_get_edition (oldest, "en");
  nd_edition_set_headline (edition, "Story 0, edited");
  nd_story_store_save_edition (fixture->store, edition, &error);
  g_assert_no_error (error);
  /* … and gone when trashed unread, though the rest may have been read
   * before: the rest only arrives once the main loop runs. */
  nd_story_store_trash_story (fixture->store, nd_story_get_id (second_oldest), &error);
  g_assert_no_error (error);

  g_assert_cmpuint (g_list_model_get_n_items (G_LIST_MODEL (other)), <, n_stories - 1);
  wait_for_n_items (G_LIST_MODEL (other), n_stories - 1);
  g_assert_cmpuint (g_list_model_get_n_items (G_LIST_MODEL (other)), ==, n_stories - 1);
  g_assert_cmpuint (nd_story_list_find (other, nd_story_get_id (oldest)), ==, 0);
  g_assert_cmpuint (nd_story_list_find (other, nd_story_get_id (second_oldest)), ==, G_MAXUINT);
  for (guint i = 0; i < 200; i++)
    g_main_context_iteration (NULL, FALSE);
  g_assert_cmpuint (g_list_model_get_n_items (G_LIST_MODEL (other)), ==, n_stories - 1);
  g_assert_cmpuint (nd_story_list_find (other, nd_story_get_id (third_oldest)), ==, 1);
  for (guint i = 0; i < n_stories - 1; i++)
    {
      g_autoptr(NdStory) item = g_list_model_get_item (G_LIST_MODEL (other), i);
      gint64 *id = g_new (gint64, 1);

      if (i > 0)
        {
          g_autoptr(NdStory) before = g_list_model_get_item (G_LIST_MODEL (other), i - 1);

          g_assert_cmpint (nd_story_get_updated_at (before), >=, nd_story_get_updated_at (item));
        }
      *id = nd_story_get_id (item);
      g_assert_false (g_hash_table_contains (ids, id));
      g_hash_table_add (ids, id);
    }
}

static void
test_full_disk_keeps_text (Fixture       *fixture,
                           gconstpointer  data)
{
  g_autoptr(GError) error = NULL;
  g_autoptr(NdStory) story = create_story (fixture->store, "en", "Headline", "Short body.");
  g_autoptr(NdEdition) stored = NULL;
  g_autoptr(GString) big = g_string_new (NULL);
  NdEdition *edition = nd_story_get_edition (story, "en");
  gint64 revision = nd_edition_get_revision (edition);

  /* Cap the file at its current size: the next growth fails as a full disk
   * would. */
  {
    g_autoptr(NdStatement) stmt = nd_database_prepare (fixture->database, "PRAGMA page_count", &error);
    g_autofree char *sql = NULL;

    g_assert_no_error (error);
    g_assert_cmpint (sqlite3_step (stmt), ==, SQLITE_ROW);
    sql = g_strdup_printf ("PRAGMA max_page_count = %d", sqlite3_column_int (stmt, 0));
    nd_statement_release (g_steal_pointer (&stmt));
    nd_database_execute (fixture->database, sql, &error);
    g_assert_no_error (error);
  }

  for (guint i = 0; i < 20000; i++)
    g_string_append (big, "A sentence that needs room on the disk. ");
  nd_edition_set_body (edition, big->str);

  g_assert_false (nd_story_store_save_edition (fixture->store, edition, &error));
  g_assert_error (error, ND_DATABASE_ERROR, ND_DATABASE_ERROR_FULL);
  g_clear_error (&error);

  /* The editor's object still holds the text, unsaved; the database holds
   * the last saved state, whole. */
  g_assert_cmpstr (nd_edition_get_body (edition), ==, big->str);
  g_assert_cmpint (nd_edition_get_revision (edition), ==, revision);
  stored = nd_story_store_load_edition (fixture->store, nd_story_get_id (story), "en", &error);
  g_assert_no_error (error);
  g_assert_cmpstr (nd_edition_get_body (stored), ==, "Short body.");

  /* Room again: the retry succeeds. */
  nd_database_execute (fixture->database, "PRAGMA max_page_count = 1073741823", &error);
  g_assert_no_error (error);
  g_assert_true (nd_story_store_save_edition (fixture->store, edition, &error));
  g_assert_no_error (error);
}

static void
test_read_only (void)
{
  g_autoptr(GError) error = NULL;
  g_autofree char *dir = g_dir_make_tmp ("newsdesk-ro-XXXXXX", NULL);
  g_autofree char *path = g_build_filename (dir, "newsdesk.db", NULL);
  g_autoptr(NdStory) story = NULL;
  g_autoptr(NdEdition) edition = NULL;
  gint64 story_id;

  {
    g_autoptr(NdDatabase) database = nd_database_open (path, ND_DATABASE_FLAGS_NONE, &error);
    g_autoptr(NdStoryStore) store = nd_story_store_new (database, &error);

    g_assert_no_error (error);
    story = create_story (store, "ar", "عنوان", "نص.");
    story_id = nd_story_get_id (story);
  }

  {
    g_autoptr(NdDatabase) database = nd_database_open (path, ND_DATABASE_FLAGS_READ_ONLY, &error);
    g_autoptr(NdStoryStore) store = NULL;

    g_assert_no_error (error);
    store = nd_story_store_new (database, &error);
    g_assert_no_error (error);
    edition = nd_story_store_load_edition (store, story_id, "ar", &error);
    g_assert_no_error (error);
    nd_edition_set_body (edition, "نص جديد.");
    g_assert_false (nd_story_store_save_edition (store, edition, &error));
    g_assert_error (error, ND_DATABASE_ERROR, ND_DATABASE_ERROR_READ_ONLY);
    g_assert_cmpstr (nd_edition_get_body (edition), ==, "نص جديد.");
  }

  nd_test_remove_dir (dir);
}

static void
test_search_index_merges_on_request (Fixture       *fixture,
                                     gconstpointer  data)
{
  g_autoptr(GError) error = NULL;
  g_autoptr(NdStory) story = create_story (fixture->store, "ru", "Заголовок", "Текст.");
  g_autoptr(GPtrArray) hits = NULL;
  NdEdition *edition = nd_story_get_edition (story, "ru");
  gboolean more = TRUE;
  guint rounds = 0;

  /* Saves leave segments behind; merging on request tidies them until
   * there is nothing left to do, and search stays right throughout. */
  for (guint i = 0; i < 40; i++)
    {
      g_autofree char *body = g_strdup_printf ("Версия %u. Ещё одна правка текста.", i);

      nd_edition_set_body (edition, body);
      nd_story_store_save_edition (fixture->store, edition, &error);
      g_assert_no_error (error);
    }

  g_assert_true (nd_story_store_merge_search_index (fixture->store, 50, &more, &error));
  g_assert_no_error (error);
  g_assert_true (more);
  while (more && rounds++ < 100)
    {
      g_assert_true (nd_story_store_merge_search_index (fixture->store, 50, &more, &error));
      g_assert_no_error (error);
    }
  g_assert_false (more);

  hits = nd_story_store_search (fixture->store, "еще правка", NULL, 10, &error);
  g_assert_no_error (error);
  g_assert_cmpuint (hits->len, ==, 1);
  nd_database_execute (fixture->database,
                       "INSERT INTO editions_search (editions_search) VALUES ('integrity-check')", &error);
  g_assert_no_error (error);
}

int
main (int   argc,
      char *argv[])
{
  g_test_init (&argc, &argv, NULL);

#define ADD(path, func) \
  g_test_add (path, Fixture, NULL, fixture_set_up, func, fixture_tear_down)

  ADD ("/store/preset", test_preset);
  ADD ("/store/languages-are-data", test_languages_are_data);
  ADD ("/store/story-crud", test_story_crud);
  ADD ("/store/tag-completion", test_tag_completion);
  ADD ("/store/revisions", test_revisions_coalesce_and_restore);
  ADD ("/store/staleness", test_staleness);
  ADD ("/store/status-workflow", test_status_workflow);
  ADD ("/store/story-list", test_story_list_follows_store);
  ADD ("/store/story-list-in-parts", test_story_list_reads_in_parts);
  ADD ("/store/full-disk", test_full_disk_keeps_text);
  ADD ("/store/search-index-merge", test_search_index_merges_on_request);
  g_test_add_func ("/store/transition-table", test_transition_table);
  g_test_add_func ("/store/read-only", test_read_only);

  return g_test_run ();
}
