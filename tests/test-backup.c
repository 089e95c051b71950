/* test-backup.c
 *
 * SPDX-License-Identifier: GPL-3.0-or-later
 */

#include "config.h"

#include <string.h>

#include <glib/gstdio.h>
#include <json-glib/json-glib.h>

#include "nd-backup.h"
#include "nd-story-store.h"

/* Text that has broken JSON writers: quotes, backslashes, every kind of line
 * end, C0 and C1 controls, DEL, the JavaScript line separators, emoji with
 * joiners, Cyrillic with ё and «», Arabic with harakat. */
#define TRICKY_TEXT \
  "«Ёлка» — \"цитата\" \\ C:\\path\\n not a newline\n" \
  "second line\r\nCRLF\ttab \x01 \x1f \x7f \xc2\x85 \xe2\x80\xa8 \xe2\x80\xa9 end\n" \
  "emoji 🇷🇺 👩‍💻 😀 and مُحَمَّدٌ رَسُولُ"

/* A desk: a database in a temporary directory and its store. */
typedef struct
{
  char         *dir;
  char         *path;
  NdDatabase   *database;
  NdStoryStore *store;
} Desk;

static Desk *
desk_new (void)
{
  g_autoptr(GError) error = NULL;
  Desk *desk = g_new0 (Desk, 1);

  desk->dir = g_dir_make_tmp ("newsdesk-backup-XXXXXX", &error);
  g_assert_no_error (error);
  desk->path = g_build_filename (desk->dir, "newsdesk.db", NULL);
  desk->database = nd_database_open (desk->path, ND_DATABASE_FLAGS_NONE, &error);
  g_assert_no_error (error);
  desk->store = nd_story_store_new (desk->database, &error);
  g_assert_no_error (error);

  return desk;
}

static void
desk_free (Desk *desk)
{
  g_autoptr(GDir) dir = NULL;
  const char *name;

  g_clear_object (&desk->store);
  g_clear_object (&desk->database);

  dir = g_dir_open (desk->dir, 0, NULL);
  while (dir != NULL && (name = g_dir_read_name (dir)) != NULL)
    {
      g_autofree char *file = g_build_filename (desk->dir, name, NULL);
      g_remove (file);
    }
  g_rmdir (desk->dir);

  g_free (desk->path);
  g_free (desk->dir);
  g_free (desk);
}

G_DEFINE_AUTOPTR_CLEANUP_FUNC (Desk, desk_free)

/* A stream that records how it is written to, and can fail. */
#define TEST_TYPE_CHUNK_STREAM (test_chunk_stream_get_type ())
G_DECLARE_FINAL_TYPE (TestChunkStream, test_chunk_stream, TEST, CHUNK_STREAM, GOutputStream)

struct _TestChunkStream
{
  GOutputStream parent_instance;
  gsize         total;
  gsize         largest;
  guint         n_writes;
  gsize         fail_after;   /* 0: never */
};

G_DEFINE_FINAL_TYPE (TestChunkStream, test_chunk_stream, G_TYPE_OUTPUT_STREAM)

static gssize
test_chunk_stream_write (GOutputStream  *stream,
                         const void     *buffer,
                         gsize           count,
                         GCancellable   *cancellable,
                         GError        **error)
{
  TestChunkStream *self = TEST_CHUNK_STREAM (stream);

  if (self->fail_after != 0 && self->total + count > self->fail_after)
    {
      g_set_error_literal (error, G_IO_ERROR, G_IO_ERROR_NO_SPACE, "No space left on test stream");
      return -1;
    }

  self->total += count;
  self->largest = MAX (self->largest, count);
  self->n_writes++;
  return count;
}

static void
test_chunk_stream_class_init (TestChunkStreamClass *klass)
{
  G_OUTPUT_STREAM_CLASS (klass)->write_fn = test_chunk_stream_write;
}

static void
test_chunk_stream_init (TestChunkStream *self)
{
}

/* Helpers */

static char *
export_text (NdStoryStore *store)
{
  g_autoptr(GOutputStream) stream = g_memory_output_stream_new_resizable ();
  g_autoptr(GError) error = NULL;

  g_assert_true (nd_backup_export (store, stream, NULL, &error));
  g_assert_no_error (error);
  g_assert_true (g_output_stream_write_all (stream, "", 1, NULL, NULL, NULL));
  g_assert_true (g_output_stream_close (stream, NULL, NULL));

  return g_memory_output_stream_steal_data (G_MEMORY_OUTPUT_STREAM (stream));
}

static gboolean
import_text (NdStoryStore         *store,
             const char           *text,
             gssize                length,
             NdBackupImportStats  *stats,
             GCancellable         *cancellable,
             GError              **error)
{
  g_autoptr(GInputStream) stream = NULL;

  if (length < 0)
    length = strlen (text);
  stream = g_memory_input_stream_new_from_data (g_memdup2 (text, length), length, g_free);

  return nd_backup_import (store, stream, stats, cancellable, error);
}

/* The export with its one changing value, the export time, blanked. */
static char *
masked_export (NdStoryStore *store)
{
  g_autofree char *text = export_text (store);
  g_autoptr(GRegex) regex = g_regex_new ("\"exported_at\": \"[^\"]*\"", 0, 0, NULL);
  g_autofree char *masked = g_regex_replace_literal (regex, text, -1, 0, "\"exported_at\": \"X\"",
                                                     0, NULL);

  /* The mask must have found the field, or two different times would
   * make every comparison fail for the wrong reason. */
  g_assert_nonnull (strstr (text, "\"exported_at\": \""));
  g_assert_null (strstr (masked, "\"exported_at\": \"2"));

  return g_steal_pointer (&masked);
}

static gint64
count_rows (NdStoryStore *store,
            const char   *sql)
{
  g_autoptr(NdStatement) stmt = nd_database_prepare (nd_story_store_get_database (store), sql,
                                                     NULL);

  g_assert_nonnull (stmt);
  g_assert_cmpint (sqlite3_step (stmt), ==, SQLITE_ROW);
  return sqlite3_column_int64 (stmt, 0);
}

static gint64
count_stories (NdStoryStore *store)
{
  return count_rows (store, "SELECT count(*) FROM stories");
}

static JsonNode *
parse_json (const char *text)
{
  g_autoptr(GError) error = NULL;
  JsonNode *node = json_from_string (text, &error);

  g_assert_no_error (error);
  g_assert_nonnull (node);
  return node;
}

static JsonNode *
child_node (JsonNode   *node,
            const char *part)
{
  if (JSON_NODE_HOLDS_ARRAY (node))
    {
      guint index = (guint) g_ascii_strtoull (part, NULL, 10);

      g_assert_cmpuint (index, <, json_array_get_length (json_node_get_array (node)));
      return json_array_get_element (json_node_get_array (node), index);
    }

  g_assert_true (JSON_NODE_HOLDS_OBJECT (node));
  g_assert_true (json_object_has_member (json_node_get_object (node), part));
  return json_object_get_member (json_node_get_object (node), part);
}

/* Sets the member at @path ("stories/0/editions/0/status") to the JSON
 * @literal, or removes it when @literal is %NULL. */
static void
set_at (JsonNode   *root,
        const char *path,
        const char *literal)
{
  g_auto(GStrv) parts = g_strsplit (path, "/", -1);
  guint n = g_strv_length (parts);
  JsonNode *node = root;
  JsonObject *object;

  for (guint i = 0; i + 1 < n; i++)
    node = child_node (node, parts[i]);

  g_assert_true (JSON_NODE_HOLDS_OBJECT (node));
  object = json_node_get_object (node);
  if (literal == NULL)
    {
      g_assert_true (json_object_has_member (object, parts[n - 1]));
      json_object_remove_member (object, parts[n - 1]);
    }
  else
    json_object_set_member (object, parts[n - 1], parse_json (literal));
}

static JsonNode *
node_at (JsonNode   *root,
         const char *path)
{
  g_auto(GStrv) parts = g_strsplit (path, "/", -1);
  JsonNode *node = root;

  for (guint i = 0; parts[i] != NULL; i++)
    node = child_node (node, parts[i]);

  return node;
}

static const char *
string_at (JsonNode   *root,
           const char *path)
{
  return json_node_get_string (node_at (root, path));
}

static NdEdition *
save_text (NdStoryStore *store,
           NdEdition    *edition,
           const char   *headline,
           const char   *body)
{
  g_autoptr(GError) error = NULL;

  nd_edition_set_headline (edition, headline);
  nd_edition_set_body (edition, body);
  g_assert_true (nd_story_store_save_edition (store, edition, &error));
  g_assert_no_error (error);
  return edition;
}

static void
set_status (NdStoryStore    *store,
            NdEdition       *edition,
            NdEditionStatus  status)
{
  g_autoptr(GError) error = NULL;

  g_assert_true (nd_story_store_set_edition_status (store, edition, status, "Редактор Ёжиков",
                                                    &error));
  g_assert_no_error (error);
}

typedef struct
{
  char *story_a;     /* ru source, en translation gone stale, ar */
  char *story_b;     /* en, related to A */
  char *story_c;     /* ar, in the trash */
  char *tag;
  char *contributor;
  char *media;
} Fixture;

static void
fixture_clear (Fixture *f)
{
  g_free (f->story_a);
  g_free (f->story_b);
  g_free (f->story_c);
  g_free (f->tag);
  g_free (f->contributor);
  g_free (f->media);
}

G_DEFINE_AUTO_CLEANUP_CLEAR_FUNC (Fixture, fixture_clear)

/* Fills @desk with a bit of everything a store can hold. */
static void
fill_desk (Desk    *desk,
           Fixture *f)
{
  NdStoryStore *store = desk->store;
  g_autoptr(GError) error = NULL;
  g_autoptr(NdLanguage) german = nd_language_new ();
  g_autoptr(NdTag) tag = nd_tag_new ();
  g_autoptr(NdTag) tag2 = nd_tag_new ();
  g_autoptr(NdContributor) contributor = nd_contributor_new ();
  g_autoptr(NdMedia) media = nd_media_new ();
  g_autoptr(NdStory) a = NULL;
  g_autoptr(NdStory) b = NULL;
  g_autoptr(NdStory) c = NULL;
  g_autoptr(NdEdition) ru = NULL;
  g_autoptr(NdEdition) en = NULL;
  g_autoptr(NdEdition) ar = NULL;
  g_autoptr(NdEdition) b_en = NULL;
  g_autoptr(NdEdition) b_de = NULL;
  g_autoptr(NdEdition) c_ar = NULL;
  g_autoptr(GPtrArray) revisions = NULL;
  NdSection *opinion;
  NdSection *news;
  gint64 ids[2];

  /* A fourth language: a fresh database does not have it. */
  nd_language_set_code (german, "de");
  nd_language_set_name (german, "German");
  nd_language_set_native_name (german, "Deutsch");
  nd_language_set_publication_name (german, "Realist Deutsch");
  nd_language_set_dateline_format (german, "{CITY} ({PUBLICATION}).");
  nd_language_set_position (german, 3);
  g_assert_true (nd_story_store_save_language (store, german, &error));
  g_assert_no_error (error);

  g_assert_true (nd_story_store_set_setting (store, "signature", "— «Реалист» \"\\\"\n", &error));
  g_assert_no_error (error);

  nd_localized_text_set (nd_tag_get_labels (tag), "ru", "Афганистан");
  nd_localized_text_set (nd_tag_get_labels (tag), "en", "Afghanistan");
  nd_localized_text_set (nd_tag_get_labels (tag), "ar", "أفغانستان");
  g_assert_true (nd_story_store_save_tag (store, tag, &error));
  g_assert_no_error (error);
  nd_localized_text_set (nd_tag_get_labels (tag2), "en", "Oil \"prices\"");
  nd_localized_text_set (nd_tag_get_labels (tag2), "de", "Ölpreise");
  g_assert_true (nd_story_store_save_tag (store, tag2, &error));
  g_assert_no_error (error);

  nd_localized_text_set (nd_contributor_get_names (contributor), "ru", "Андрей Серенко");
  nd_localized_text_set (nd_contributor_get_names (contributor), "en", "Andrey Serenko");
  nd_localized_text_set (nd_contributor_get_names (contributor), "ar", "أندريه سيرينكو");
  nd_localized_text_set (nd_contributor_get_roles (contributor), "en",
                         "Director, Center for the Study of Afghan Politics");
  nd_localized_text_set (nd_contributor_get_roles (contributor), "ru",
                         "Руководитель Центра изучения современного Афганистана");
  g_assert_true (nd_story_store_save_contributor (store, contributor, &error));
  g_assert_no_error (error);

  nd_media_set_file (media, "images/kabul 2024.jpg");
  nd_media_set_mime_type (media, "image/jpeg");
  nd_localized_text_set (nd_media_get_captions (media), "ru", "Кабул, «зелёная зона»");
  nd_localized_text_set (nd_media_get_captions (media), "en", "Kabul");
  nd_localized_text_set (nd_media_get_alts (media), "en", "A street in Kabul");
  nd_localized_text_set (nd_media_get_credits (media), "en", "© AP \\ Reuters");
  g_assert_true (nd_story_store_save_media (store, media, &error));
  g_assert_no_error (error);

  opinion = nd_story_store_get_section_by_slug (store, "opinion");
  news = nd_story_store_get_section_by_slug (store, "news");
  g_assert_nonnull (opinion);
  g_assert_nonnull (news);

  /* Story A: Russian source with every field, several saves, an English
   * translation marked up to date and then left behind, an Arabic one. */
  a = nd_story_store_create_story (store, "ru", &error);
  g_assert_no_error (error);
  ru = nd_story_store_load_edition (store, nd_story_get_id (a), "ru", &error);
  g_assert_no_error (error);
  nd_edition_set_standfirst (ru, "Подзаголовок с «ёлочками»");
  nd_edition_set_dateline_city (ru, "Москва");
  nd_edition_set_slug (ru, "afganistan-yolki");
  save_text (store, ru, "Афганистан: первая версия", "Первый абзац.");
  save_text (store, ru, "Афганистан: «вторая» версия", TRICKY_TEXT);

  en = nd_story_store_add_edition (store, nd_story_get_id (a), "en", &error);
  g_assert_no_error (error);
  nd_edition_set_translator (en, "Jane O'Hara");
  save_text (store, en, "Afghanistan: \"second\" version", "First paragraph.\n\nSecond \\ one.");
  set_status (store, en, ND_EDITION_STATUS_DRAFT);
  g_assert_true (nd_story_store_mark_translated (store, en, &error));
  g_assert_no_error (error);

  /* The source moves on: the translation is stale from here. */
  save_text (store, ru, "Афганистан: третья версия", TRICKY_TEXT "\n\nНовый абзац.");
  revisions = nd_story_store_list_revisions (store, nd_edition_get_id (ru), &error);
  g_assert_no_error (error);
  g_assert_cmpuint (revisions->len, >=, 2);
  g_assert_true (nd_story_store_restore_revision (store, ru, g_ptr_array_index (revisions, 1),
                                                  &error));
  g_assert_no_error (error);

  set_status (store, ru, ND_EDITION_STATUS_IN_REVIEW);
  set_status (store, ru, ND_EDITION_STATUS_READY);
  set_status (store, ru, ND_EDITION_STATUS_SCHEDULED);
  g_assert_true (nd_story_store_set_publish_at (store, ru, 1767225600, &error));
  g_assert_no_error (error);

  ar = nd_story_store_add_edition (store, nd_story_get_id (a), "ar", &error);
  g_assert_no_error (error);
  nd_edition_set_dateline_city (ar, "موسكو");
  save_text (store, ar, "أَفْغانِسْتان: النُّسْخَةُ الثّانِيَة", "فِقْرَةٌ أُولى.\n\n" TRICKY_TEXT);

  /* Story B: English, with a German edition, related to A both ways. */
  b = nd_story_store_create_story (store, "en", &error);
  g_assert_no_error (error);
  b_en = nd_story_store_load_edition (store, nd_story_get_id (b), "en", &error);
  g_assert_no_error (error);
  save_text (store, b_en, "Oil prices fall 😀",
             "Body with a [link](https://example.com/?a=1&b=\"2\").");
  b_de = nd_story_store_add_edition (store, nd_story_get_id (b), "de", &error);
  g_assert_no_error (error);

  g_clear_object (&a);
  a = nd_story_store_load_story (store, nd_edition_get_story_id (ru), &error);
  g_assert_no_error (error);
  nd_story_set_section_id (a, nd_section_get_id (opinion));
  nd_story_set_featured_media_id (a, nd_media_get_id (media));
  ids[0] = nd_tag_get_id (tag);
  ids[1] = nd_tag_get_id (tag2);
  nd_story_set_tag_ids (a, ids, 2);
  ids[0] = nd_contributor_get_id (contributor);
  nd_story_set_contributor_ids (a, ids, 1);
  ids[0] = nd_story_get_id (b);
  nd_story_set_related_ids (a, ids, 1);
  g_assert_true (nd_story_store_save_story (store, a, &error));
  g_assert_no_error (error);

  nd_story_set_section_id (b, nd_section_get_id (news));
  ids[0] = nd_story_get_id (a);
  nd_story_set_related_ids (b, ids, 1);
  ids[0] = nd_tag_get_id (tag2);
  nd_story_set_tag_ids (b, ids, 1);
  g_assert_true (nd_story_store_save_story (store, b, &error));
  g_assert_no_error (error);

  /* Story C: Arabic, in the trash. */
  c = nd_story_store_create_story (store, "ar", &error);
  g_assert_no_error (error);
  c_ar = nd_story_store_load_edition (store, nd_story_get_id (c), "ar", &error);
  g_assert_no_error (error);
  save_text (store, c_ar, "خَبَرٌ مَحْذُوف", "نَصٌّ");
  g_assert_true (nd_story_store_trash_story (store, nd_story_get_id (c), &error));
  g_assert_no_error (error);

  f->story_a = g_strdup (nd_story_get_uuid (a));
  f->story_b = g_strdup (nd_story_get_uuid (b));
  f->story_c = g_strdup (nd_story_get_uuid (c));
  f->tag = g_strdup (nd_tag_get_uuid (tag));
  f->contributor = g_strdup (nd_contributor_get_uuid (contributor));
  f->media = g_strdup (nd_media_get_uuid (media));
}

static NdStory *
load_by_uuid (NdStoryStore *store,
              const char   *uuid)
{
  g_autoptr(GError) error = NULL;
  gint64 id = nd_story_store_find_story_by_uuid (store, uuid, &error);
  NdStory *story;

  g_assert_no_error (error);
  g_assert_cmpint (id, >, 0);
  story = nd_story_store_load_story (store, id, &error);
  g_assert_no_error (error);
  return story;
}

static void
assert_same_localized (NdLocalizedText *a,
                       NdLocalizedText *b)
{
  g_auto(GStrv) langs = nd_localized_text_get_langs (a);

  g_assert_cmpuint (nd_localized_text_get_size (a), ==, nd_localized_text_get_size (b));
  for (guint i = 0; langs[i] != NULL; i++)
    g_assert_cmpstr (nd_localized_text_get (a, langs[i]), ==, nd_localized_text_get (b, langs[i]));
}

static void
assert_same_revisions (NdStoryStore *src,
                       NdEdition    *a,
                       NdStoryStore *dst,
                       NdEdition    *b)
{
  g_autoptr(GError) error = NULL;
  g_autoptr(GPtrArray) ra = nd_story_store_list_revisions (src, nd_edition_get_id (a), &error);
  g_autoptr(GPtrArray) rb = nd_story_store_list_revisions (dst, nd_edition_get_id (b), &error);

  g_assert_no_error (error);
  g_assert_cmpuint (ra->len, ==, rb->len);
  for (guint i = 0; i < ra->len; i++)
    {
      NdRevision *x = g_ptr_array_index (ra, i);
      NdRevision *y = g_ptr_array_index (rb, i);

      g_assert_cmpint (nd_revision_get_revision (x), ==, nd_revision_get_revision (y));
      g_assert_cmpint (nd_revision_get_created_at (x), ==, nd_revision_get_created_at (y));
      g_assert_cmpint (nd_revision_get_saved_at (x), ==, nd_revision_get_saved_at (y));
      g_assert_cmpstr (nd_revision_get_headline (x), ==, nd_revision_get_headline (y));
      g_assert_cmpstr (nd_revision_get_standfirst (x), ==, nd_revision_get_standfirst (y));
      g_assert_cmpstr (nd_revision_get_dateline_city (x), ==, nd_revision_get_dateline_city (y));
      g_assert_cmpstr (nd_revision_get_body (x), ==, nd_revision_get_body (y));
      g_assert_cmpint (nd_revision_get_word_count (x), ==, nd_revision_get_word_count (y));
      g_assert_cmpint (nd_revision_get_pinned (x), ==, nd_revision_get_pinned (y));
    }
}

/* Compares a story in two stores field by field, references by uuid. */
static void
assert_same_story (NdStoryStore *src,
                   NdStoryStore *dst,
                   const char   *uuid)
{
  g_autoptr(GError) error = NULL;
  g_autoptr(NdStory) a = load_by_uuid (src, uuid);
  g_autoptr(NdStory) b = load_by_uuid (dst, uuid);
  GPtrArray *ea = nd_story_get_editions (a);
  GPtrArray *eb = nd_story_get_editions (b);

  g_assert_cmpstr (nd_story_get_source_lang (a), ==, nd_story_get_source_lang (b));
  g_assert_cmpint (nd_story_get_created_at (a), ==, nd_story_get_created_at (b));
  g_assert_cmpint (nd_story_get_updated_at (a), ==, nd_story_get_updated_at (b));
  g_assert_cmpint (nd_story_get_trashed_at (a), ==, nd_story_get_trashed_at (b));

  if (nd_story_get_section_id (a) == 0)
    g_assert_cmpint (nd_story_get_section_id (b), ==, 0);
  else
    {
      NdSection *sa = nd_story_store_get_section (src, nd_story_get_section_id (a));
      NdSection *sb = nd_story_store_get_section (dst, nd_story_get_section_id (b));

      g_assert_cmpstr (nd_section_get_slug (sa), ==, nd_section_get_slug (sb));
    }

  if (nd_story_get_featured_media_id (a) == 0)
    g_assert_cmpint (nd_story_get_featured_media_id (b), ==, 0);
  else
    {
      g_autoptr(NdMedia) ma = nd_story_store_load_media (src, nd_story_get_featured_media_id (a),
                                                         &error);
      g_autoptr(NdMedia) mb = nd_story_store_load_media (dst, nd_story_get_featured_media_id (b),
                                                         &error);

      g_assert_no_error (error);
      g_assert_cmpstr (nd_media_get_uuid (ma), ==, nd_media_get_uuid (mb));
      g_assert_cmpstr (nd_media_get_file (ma), ==, nd_media_get_file (mb));
      g_assert_cmpstr (nd_media_get_mime_type (ma), ==, nd_media_get_mime_type (mb));
      assert_same_localized (nd_media_get_captions (ma), nd_media_get_captions (mb));
      assert_same_localized (nd_media_get_alts (ma), nd_media_get_alts (mb));
      assert_same_localized (nd_media_get_credits (ma), nd_media_get_credits (mb));
    }

  g_assert_cmpuint (nd_story_get_tag_ids (a)->len, ==, nd_story_get_tag_ids (b)->len);
  for (guint i = 0; i < nd_story_get_tag_ids (a)->len; i++)
    {
      gint64 ida = g_array_index (nd_story_get_tag_ids (a), gint64, i);
      gint64 idb = g_array_index (nd_story_get_tag_ids (b), gint64, i);
      g_autoptr(NdTag) ta = nd_story_store_load_tag (src, ida, &error);
      g_autoptr(NdTag) tb = nd_story_store_load_tag (dst, idb, &error);

      g_assert_no_error (error);
      g_assert_cmpstr (nd_tag_get_uuid (ta), ==, nd_tag_get_uuid (tb));
      assert_same_localized (nd_tag_get_labels (ta), nd_tag_get_labels (tb));
    }

  g_assert_cmpuint (nd_story_get_contributor_ids (a)->len, ==,
                    nd_story_get_contributor_ids (b)->len);
  for (guint i = 0; i < nd_story_get_contributor_ids (a)->len; i++)
    {
      gint64 ida = g_array_index (nd_story_get_contributor_ids (a), gint64, i);
      gint64 idb = g_array_index (nd_story_get_contributor_ids (b), gint64, i);
      g_autoptr(NdContributor) ca = nd_story_store_load_contributor (src, ida, &error);
      g_autoptr(NdContributor) cb = nd_story_store_load_contributor (dst, idb, &error);

      g_assert_no_error (error);
      g_assert_cmpstr (nd_contributor_get_uuid (ca), ==, nd_contributor_get_uuid (cb));
      assert_same_localized (nd_contributor_get_names (ca), nd_contributor_get_names (cb));
      assert_same_localized (nd_contributor_get_roles (ca), nd_contributor_get_roles (cb));
    }

  g_assert_cmpuint (nd_story_get_related_ids (a)->len, ==, nd_story_get_related_ids (b)->len);
  for (guint i = 0; i < nd_story_get_related_ids (a)->len; i++)
    {
      gint64 ida = g_array_index (nd_story_get_related_ids (a), gint64, i);
      gint64 idb = g_array_index (nd_story_get_related_ids (b), gint64, i);
      g_autoptr(NdStory) ra = nd_story_store_load_story (src, ida, &error);
      g_autoptr(NdStory) rb = nd_story_store_load_story (dst, idb, &error);

      g_assert_no_error (error);
      g_assert_cmpstr (nd_story_get_uuid (ra), ==, nd_story_get_uuid (rb));
    }

  g_assert_cmpuint (ea->len, ==, eb->len);
  for (guint i = 0; i < ea->len; i++)
    {
      NdEdition *x = g_ptr_array_index (ea, i);
      NdEdition *y = g_ptr_array_index (eb, i);

      g_assert_cmpstr (nd_edition_get_lang (x), ==, nd_edition_get_lang (y));
      g_assert_cmpstr (nd_edition_get_headline (x), ==, nd_edition_get_headline (y));
      g_assert_cmpstr (nd_edition_get_standfirst (x), ==, nd_edition_get_standfirst (y));
      g_assert_cmpstr (nd_edition_get_dateline_city (x), ==, nd_edition_get_dateline_city (y));
      g_assert_cmpstr (nd_edition_get_body (x), ==, nd_edition_get_body (y));
      g_assert_cmpstr (nd_edition_get_slug (x), ==, nd_edition_get_slug (y));
      g_assert_cmpint (nd_edition_get_status (x), ==, nd_edition_get_status (y));
      g_assert_cmpint (nd_edition_get_publish_at (x), ==, nd_edition_get_publish_at (y));
      g_assert_cmpstr (nd_edition_get_translator (x), ==, nd_edition_get_translator (y));
      g_assert_cmpint (nd_edition_get_revision (x), ==, nd_edition_get_revision (y));
      g_assert_cmpint (nd_edition_get_source_revision (x), ==, nd_edition_get_source_revision (y));
      g_assert_cmpint (nd_edition_get_word_count (x), ==, nd_edition_get_word_count (y));
      g_assert_cmpint (nd_edition_get_updated_at (x), ==, nd_edition_get_updated_at (y));
      g_assert_cmpint (nd_story_is_stale (a, nd_edition_get_lang (x)), ==,
                       nd_story_is_stale (b, nd_edition_get_lang (y)));
      assert_same_revisions (src, x, dst, y);
    }
}

/* Tests */

static void
test_round_trip (void)
{
  g_autoptr(Desk) src = desk_new ();
  g_autoptr(Desk) dst = desk_new ();
  g_auto(Fixture) f = { 0 };
  g_autoptr(GError) error = NULL;
  g_autofree char *first = NULL;
  g_autofree char *second = NULL;
  g_autofree char *raw = NULL;
  g_autofree char *setting = NULL;
  g_autoptr(NdStory) a = NULL;
  g_autoptr(GPtrArray) hits = NULL;
  g_autoptr(JsonNode) root = NULL;
  g_autoptr(GRegex) iso = NULL;
  NdBackupImportStats stats;
  NdLanguage *german;

  fill_desk (src, &f);
  raw = export_text (src->store);
  first = masked_export (src->store);

  g_assert_true (import_text (dst->store, raw, -1, &stats, NULL, &error));
  g_assert_no_error (error);
  g_assert_cmpuint (stats.stories_imported, ==, 3);
  g_assert_cmpuint (stats.stories_skipped, ==, 0);
  g_assert_cmpuint (stats.languages_added, ==, 1);
  g_assert_cmpuint (stats.tags_added, ==, 2);
  g_assert_cmpuint (stats.contributors_added, ==, 1);
  g_assert_cmpuint (stats.media_added, ==, 1);
  g_assert_cmpuint (stats.sections_added, ==, 0);

  /* The whole store came back: a second export is the same, byte for byte. */
  second = masked_export (dst->store);
  g_assert_cmpstr (first, ==, second);

  /* And the store sees it so. */
  assert_same_story (src->store, dst->store, f.story_a);
  assert_same_story (src->store, dst->store, f.story_b);
  assert_same_story (src->store, dst->store, f.story_c);

  a = load_by_uuid (dst->store, f.story_a);
  g_assert_true (nd_story_is_stale (a, "en"));
  g_assert_false (nd_story_is_stale (a, "ar"));
  g_assert_false (nd_story_is_stale (a, "ru"));
  g_assert_nonnull (nd_story_get_edition (a, "ru"));
  /* The restore brought the second state back. */
  g_assert_cmpstr (nd_edition_get_body (nd_story_get_edition (a, "ru")), ==, TRICKY_TEXT);
  g_assert_cmpint (nd_edition_get_revision (nd_story_get_edition (a, "ru")), ==, 4);
  g_assert_cmpint (nd_edition_get_publish_at (nd_story_get_edition (a, "ru")), ==, 1767225600);
  g_assert_cmpint (nd_edition_get_status (nd_story_get_edition (a, "ru")), ==,
                   ND_EDITION_STATUS_SCHEDULED);
  g_assert_cmpint (nd_edition_get_source_revision (nd_story_get_edition (a, "ru")), ==, -1);
  g_assert_cmpint (nd_story_store_count_stories (dst->store, NULL), ==, 2);
  g_assert_cmpint (count_stories (dst->store), ==, 3);

  german = nd_story_store_get_language (dst->store, "de");
  g_assert_nonnull (german);
  g_assert_cmpstr (nd_language_get_native_name (german), ==, "Deutsch");
  setting = nd_story_store_get_setting (dst->store, "signature");
  g_assert_cmpstr (setting, ==, "— «Реалист» \"\\\"\n");

  /* The search index was filled as the editions went in. */
  hits = nd_story_store_search (dst->store, "афганистан", NULL, 10, &error);
  g_assert_no_error (error);
  g_assert_cmpuint (hits->len, >=, 1);

  /* The text is JSON any parser reads back to the same strings; control
   * characters and line separators are escaped, UTF-8 is kept as is. */
  root = parse_json (raw);
  g_assert_cmpstr (string_at (root, "format"), ==, "newsdesk-backup");
  g_assert_nonnull (strstr (raw, "\\u0001"));
  g_assert_nonnull (strstr (raw, "\\u007f"));
  g_assert_nonnull (strstr (raw, "\\u0085"));
  g_assert_nonnull (strstr (raw, "\\u2028"));
  g_assert_nonnull (strstr (raw, "\\u2029"));
  g_assert_null (strstr (raw, "\xe2\x80\xa8"));
  g_assert_null (strstr (raw, "\x01"));
  g_assert_nonnull (strstr (raw, "👩‍💻"));
  g_assert_nonnull (strstr (raw, "مُحَمَّدٌ"));
  {
    JsonArray *stories = json_object_get_array_member (json_node_get_object (root), "stories");
    JsonObject *story = json_array_get_object_element (stories, 0);
    JsonArray *editions = json_object_get_array_member (story, "editions");
    gboolean found = FALSE;

    g_assert_cmpstr (json_object_get_string_member (story, "uuid"), ==, f.story_a);
    g_assert_true (json_object_get_null_member (story, "trashed_at"));
    for (guint i = 0; i < json_array_get_length (editions); i++)
      {
        JsonObject *edition = json_array_get_object_element (editions, i);

        if (g_str_equal (json_object_get_string_member (edition, "lang"), "ar"))
          {
            g_assert_cmpstr (json_object_get_string_member (edition, "body"), ==,
                             "فِقْرَةٌ أُولى.\n\n" TRICKY_TEXT);
            g_assert_true (json_object_get_null_member (edition, "source_revision"));
            found = TRUE;
          }
        if (g_str_equal (json_object_get_string_member (edition, "lang"), "ru"))
          g_assert_cmpstr (json_object_get_string_member (edition, "publish_at"), ==,
                           "2026-01-01T00:00:00Z");
      }
    g_assert_true (found);

    iso = g_regex_new ("^\\d{4}-\\d\\d-\\d\\dT\\d\\d:\\d\\d:\\d\\d\\.\\d{6}Z$", 0, 0, NULL);
    g_assert_true (g_regex_match (iso, string_at (root, "stories/0/created_at"), 0, NULL));
    g_assert_true (g_regex_match (iso, string_at (root, "exported_at"), 0, NULL));
    g_assert_false (json_object_get_null_member (json_array_get_object_element (stories, 2),
                                                 "trashed_at"));
  }
}

/* Parses an export, lets @path be set to @literal, and writes it again. */
static char *
mutated (const char *text,
         const char *path,
         const char *literal)
{
  g_autoptr(JsonNode) root = parse_json (text);

  set_at (root, path, literal);
  return json_to_string (root, TRUE);
}

/* A small source for the malformed-file cases: one story in English with a
 * tag, a revision and a status change. */
static char *
small_export (void)
{
  g_autoptr(Desk) desk = desk_new ();
  g_autoptr(GError) error = NULL;
  g_autoptr(NdStory) story = NULL;
  g_autoptr(NdEdition) edition = NULL;
  g_autoptr(NdTag) tag = nd_tag_new ();
  gint64 tag_id;

  nd_localized_text_set (nd_tag_get_labels (tag), "en", "Small tag");
  g_assert_true (nd_story_store_save_tag (desk->store, tag, &error));
  g_assert_no_error (error);

  story = nd_story_store_create_story (desk->store, "en", &error);
  g_assert_no_error (error);
  edition = nd_story_store_load_edition (desk->store, nd_story_get_id (story), "en", &error);
  g_assert_no_error (error);
  save_text (desk->store, edition, "Small headline", "Small body.");
  set_status (desk->store, edition, ND_EDITION_STATUS_IN_REVIEW);
  g_assert_true (nd_story_store_set_publish_at (desk->store, edition, 1767225600, &error));
  g_assert_no_error (error);

  g_clear_object (&story);
  story = nd_story_store_load_story (desk->store, nd_edition_get_story_id (edition), &error);
  g_assert_no_error (error);
  tag_id = nd_tag_get_id (tag);
  nd_story_set_tag_ids (story, &tag_id, 1);
  g_assert_true (nd_story_store_save_story (desk->store, story, &error));
  g_assert_no_error (error);

  return export_text (desk->store);
}

/* A desk with a story of its own, so that "nothing changed" is not
 * trivially true of an empty database. */
static Desk *
desk_with_a_story (void)
{
  Desk *desk = desk_new ();
  g_autoptr(GError) error = NULL;
  g_autoptr(NdStory) story = nd_story_store_create_story (desk->store, "ru", &error);
  g_autoptr(NdEdition) edition = NULL;

  g_assert_no_error (error);
  edition = nd_story_store_load_edition (desk->store, nd_story_get_id (story), "ru", &error);
  g_assert_no_error (error);
  save_text (desk->store, edition, "Своя статья", "Свой текст.");
  return desk;
}

static void
on_reset_cb (NdStoryStore *store,
             guint        *n_resets)
{
  (*n_resets)++;
}

/* Imports @text into @desk expecting failure: the error must be @domain /
 * @code with @message in it, and the database must be exactly as before. */
static void
assert_import_fails (Desk        *desk,
                     const char  *text,
                     gssize       length,
                     GQuark       domain,
                     int          code,
                     const char  *message)
{
  g_autoptr(GError) error = NULL;
  g_autofree char *before = masked_export (desk->store);
  g_autofree char *after = NULL;
  NdBackupImportStats stats = { 1, 1, 1, 1, 1, 1, 1 };
  guint n_resets = 0;
  gulong handler;

  handler = g_signal_connect (desk->store, "reset", G_CALLBACK (on_reset_cb), &n_resets);
  g_assert_false (import_text (desk->store, text, length, &stats, NULL, &error));
  g_signal_handler_disconnect (desk->store, handler);

  g_assert_error (error, domain, code);
  if (strstr (error->message, message) == NULL)
    g_error ("“%s” is not in the message “%s”", message, error->message);
  g_test_message ("%s", error->message);
  g_assert_cmpuint (stats.stories_imported, ==, 0);
  g_assert_cmpuint (stats.stories_skipped, ==, 0);
  g_assert_cmpuint (stats.tags_added, ==, 0);
  g_assert_cmpuint (n_resets, ==, 0);

  after = masked_export (desk->store);
  g_assert_cmpstr (before, ==, after);
}

typedef struct
{
  const char *path;
  const char *literal;   /* NULL: remove the member */
  int         code;
  const char *message;
} BadValue;

static const BadValue bad_values[] = {
  { "stories/0/editions/0/status", "\"publishd\"", ND_BACKUP_ERROR_INVALID,
    "stories[0].editions[0].status: “publishd” is not a status" },
  { "stories/0/editions/0/status_history/0/to", "\"gone\"", ND_BACKUP_ERROR_INVALID,
    "stories[0].editions[0].status_history[0].to: “gone” is not a status" },
  { "format", "\"something-else\"", ND_BACKUP_ERROR_NOT_A_BACKUP, "not a Newsdesk backup" },
  { "format", NULL, ND_BACKUP_ERROR_NOT_A_BACKUP, "not a Newsdesk backup" },
  { "version", "2", ND_BACKUP_ERROR_UNSUPPORTED_VERSION,
    "newer version of Newsdesk (format version 2" },
  { "version", "0", ND_BACKUP_ERROR_INVALID, "version: 0 is not between 1 and 1" },
  { "version", "\"1\"", ND_BACKUP_ERROR_INVALID, "version: expected a whole number" },
  { "version", NULL, ND_BACKUP_ERROR_INVALID, "version: the field is missing" },
  { "exported_at", "\"now\"", ND_BACKUP_ERROR_INVALID, "exported_at: “now” is not a time" },
  { "stories", "{}", ND_BACKUP_ERROR_INVALID, "stories: expected a list" },
  { "stories", "[42]", ND_BACKUP_ERROR_INVALID, "stories[0]: expected an object" },
  { "stories", NULL, ND_BACKUP_ERROR_INVALID, "stories: the field is missing" },
  { "settings", "{\"x\": 1}", ND_BACKUP_ERROR_INVALID, "settings.x: expected text" },
  { "stories/0/editions/0/headline", NULL, ND_BACKUP_ERROR_INVALID,
    "stories[0].editions[0].headline: the field is missing" },
  { "stories/0/editions/0/headline", "null", ND_BACKUP_ERROR_INVALID,
    "stories[0].editions[0].headline: expected text" },
  { "stories/0/editions/0/body", "[\"a\"]", ND_BACKUP_ERROR_INVALID,
    "stories[0].editions[0].body: expected text" },
  { "stories/0/uuid", "\"\"", ND_BACKUP_ERROR_INVALID, "stories[0].uuid: may not be empty" },
  { "stories/0/created_at", "\"2024-13-01T00:00:00.000000Z\"", ND_BACKUP_ERROR_INVALID,
    "stories[0].created_at: “2024-13-01T00:00:00.000000Z” is not a time" },
  { "stories/0/created_at", "\"2024-02-30T00:00:00Z\"", ND_BACKUP_ERROR_INVALID,
    "stories[0].created_at: “2024-02-30T00:00:00Z” is not a time" },
  { "stories/0/created_at", "\"2024-05-01 10:00:00\"", ND_BACKUP_ERROR_INVALID,
    "stories[0].created_at: “2024-05-01 10:00:00” is not a time" },
  { "stories/0/created_at", "\"2024-05-01T10:00:00+03:00\"", ND_BACKUP_ERROR_INVALID,
    "stories[0].created_at: “2024-05-01T10:00:00+03:00” is not a time" },
  { "stories/0/created_at", "1714557600", ND_BACKUP_ERROR_INVALID,
    "stories[0].created_at: expected text" },
  { "stories/0/trashed_at", "\"yesterday\"", ND_BACKUP_ERROR_INVALID,
    "stories[0].trashed_at: “yesterday” is not a time" },
  { "stories/0/editions/0/publish_at", "\"2026-01-01T00:00:00.5Z\"", ND_BACKUP_ERROR_INVALID,
    "stories[0].editions[0].publish_at: “2026-01-01T00:00:00.5Z” is not a time in whole seconds" },
  { "stories/0/editions/0/revisions/0/pinned", "\"yes\"", ND_BACKUP_ERROR_INVALID,
    "stories[0].editions[0].revisions[0].pinned: expected true or false" },
  { "stories/0/editions/0/revisions/0/saved_at", NULL, ND_BACKUP_ERROR_INVALID,
    "stories[0].editions[0].revisions[0].saved_at: the field is missing" },
  { "stories/0/editions/0/word_count", "1.5", ND_BACKUP_ERROR_INVALID,
    "stories[0].editions[0].word_count: expected a whole number" },
  { "stories/0/editions/0/revision", "-1", ND_BACKUP_ERROR_INVALID,
    "stories[0].editions[0].revision: -1 is not between 0 and" },
  { "stories/0/editions/0/source_revision", "\"3\"", ND_BACKUP_ERROR_INVALID,
    "stories[0].editions[0].source_revision: expected a whole number or null" },
  { "stories/0/editions", "[{}]", ND_BACKUP_ERROR_INVALID,
    "stories[0].editions[0].lang: the field is missing" },
  { "stories/0/tags", "\"x\"", ND_BACKUP_ERROR_INVALID, "stories[0].tags: expected a list" },
  { "stories/0/tags", "[7]", ND_BACKUP_ERROR_INVALID, "stories[0].tags[0]: expected a uuid" },
  { "stories/0/tags", "[\"00000000-0000-4000-8000-000000000000\"]", ND_BACKUP_ERROR_INVALID,
    "stories[0].tags[0]: there is no tag “00000000-0000-4000-8000-000000000000”"
    " in the file or the database" },
  { "stories/0/related", "[\"11111111-1111-4111-8111-111111111111\"]", ND_BACKUP_ERROR_INVALID,
    "stories[0].related[0]: there is no story “11111111-1111-4111-8111-111111111111”"
    " in the file or the database" },
  { "stories/0/featured_image", "\"22222222-2222-4222-8222-222222222222\"", ND_BACKUP_ERROR_INVALID,
    "stories[0].featured_image: there is no image" },
  { "stories/0/section", "\"opinon\"", ND_BACKUP_ERROR_INVALID,
    "stories[0].section: “opinon” is not a section in the file or the database" },
  { "stories/0/source_lang", "\"xx\"", ND_BACKUP_ERROR_INVALID,
    "stories[0].source_lang: “xx” is not a language in the file or the database" },
  { "stories/0/editions/0/lang", "\"fr\"", ND_BACKUP_ERROR_INVALID,
    "stories[0].editions[0].lang: “fr” is not a language" },
  { "languages/0/direction", "\"up\"", ND_BACKUP_ERROR_INVALID,
    "languages[0].direction: “up” is neither" },
  { "languages/0/code", "\"e n\"", ND_BACKUP_ERROR_INVALID,
    "languages[0].code: “e n” is not a language code" },
  { "tags/0/labels", "{\"xx\": \"Label\"}", ND_BACKUP_ERROR_INVALID,
    "tags[0].labels.xx: “xx” is not a language in the file or the database" },
  { "sections/0/names", "{\"en\": 5}", ND_BACKUP_ERROR_INVALID,
    "sections[0].names.en: expected text" },
  { "sections/0/slug", "\"russia\"", ND_BACKUP_ERROR_INVALID,
    "sections[1]: “russia” appears twice in the file (also at sections[0])" },
};

static void
test_import_bad_values (void)
{
  g_autoptr(Desk) desk = desk_with_a_story ();
  g_autofree char *text = small_export ();
  g_autoptr(GError) error = NULL;
  NdBackupImportStats stats;

  for (guint i = 0; i < G_N_ELEMENTS (bad_values); i++)
    {
      const BadValue *bad = &bad_values[i];
      g_autofree char *broken = mutated (text, bad->path, bad->literal);

      g_test_message ("%s = %s", bad->path, bad->literal != NULL ? bad->literal : "(removed)");
      assert_import_fails (desk, broken, -1, ND_BACKUP_ERROR, bad->code, bad->message);
    }

  /* The file these were made from is fine: the errors come from the
   * changes, not from something else in it. */
  g_assert_true (import_text (desk->store, text, -1, &stats, NULL, &error));
  g_assert_no_error (error);
  g_assert_cmpuint (stats.stories_imported, ==, 1);
}

static void
test_import_malformed (void)
{
  g_autoptr(Desk) desk = desk_with_a_story ();
  g_autofree char *text = small_export ();
  g_autofree char *truncated = g_strndup (text, strlen (text) / 2);
  g_autofree char *not_utf8 = NULL;
  g_autofree char *trailing = g_strconcat (text, "\n{}\n", NULL);
  g_autofree char *nul = NULL;
  g_autofree char *comma = NULL;
  g_autoptr(GString) deep = g_string_new ("{\"format\": \"newsdesk-backup\","
                                          " \"version\": 1, \"x\": ");
  g_autofree char *duplicate = NULL;
  g_autoptr(JsonNode) root = NULL;
  g_autoptr(JsonNode) copy = NULL;
  JsonArray *list;
  char *p;

  assert_import_fails (desk, truncated, -1, ND_BACKUP_ERROR, ND_BACKUP_ERROR_MALFORMED,
                       "The file is not a valid backup at line ");
  assert_import_fails (desk, "", 0, ND_BACKUP_ERROR, ND_BACKUP_ERROR_MALFORMED,
                       "The file is empty");
  assert_import_fails (desk, " \n ", -1, ND_BACKUP_ERROR, ND_BACKUP_ERROR_MALFORMED,
                       "The file is empty");
  assert_import_fails (desk, "[]", -1, ND_BACKUP_ERROR, ND_BACKUP_ERROR_NOT_A_BACKUP,
                       "does not hold a JSON object");
  assert_import_fails (desk, "\"newsdesk-backup\"", -1, ND_BACKUP_ERROR,
                       ND_BACKUP_ERROR_NOT_A_BACKUP,
                       "does not hold a JSON object");
  assert_import_fails (desk, "{\"format\": \"newsdesk-backup\",\n \"version\": 1,,}", -1,
                       ND_BACKUP_ERROR, ND_BACKUP_ERROR_MALFORMED, "at line 2, column ");
  assert_import_fails (desk, trailing, -1, ND_BACKUP_ERROR, ND_BACKUP_ERROR_MALFORMED,
                       "there is more after the end of the backup");

  /* A byte that is not UTF-8 inside a headline. */
  not_utf8 = g_strdup (text);
  p = strstr (not_utf8, "Small headline");
  g_assert_nonnull (p);
  p[0] = (char) 0xff;
  assert_import_fails (desk, not_utf8, -1, ND_BACKUP_ERROR, ND_BACKUP_ERROR_MALFORMED,
                       "the text is not UTF-8");

  /* json-glib would cut the string at U+0000 without a word (so this is
   * made by hand: json-glib cannot make it). */
  {
    g_autoptr(GRegex) regex = g_regex_new ("\"Small body\\.\"", 0, 0, NULL);

    nul = g_regex_replace_literal (regex, text, -1, 0, "\"before\\u0000after\"", 0, NULL);
    g_assert_nonnull (strstr (nul, "before\\u0000after"));
  }
  assert_import_fails (desk, nul, -1, ND_BACKUP_ERROR, ND_BACKUP_ERROR_MALFORMED, "U+0000");

  /* json-glib's parser recurses per level and would crash on this. */
  for (guint i = 0; i < 200000; i++)
    g_string_append_c (deep, '[');
  for (guint i = 0; i < 200000; i++)
    g_string_append_c (deep, ']');
  g_string_append_c (deep, '}');
  assert_import_fails (desk, deep->str, deep->len, ND_BACKUP_ERROR, ND_BACKUP_ERROR_MALFORMED,
                       "nested too deeply");

  /* A trailing comma: JSON does not allow it. */
  comma = g_strdup (text);
  p = strstr (comma, "\"Small tag\"");
  g_assert_nonnull (p);
  {
    g_autoptr(GString) s = g_string_new (comma);

    g_string_insert (s, (p - comma) + strlen ("\"Small tag\""), ",");
    assert_import_fails (desk, s->str, s->len, ND_BACKUP_ERROR, ND_BACKUP_ERROR_MALFORMED,
                         "at line ");
  }

  /* The same story twice. */
  root = parse_json (text);
  list = json_object_get_array_member (json_node_get_object (root), "stories");
  copy = json_node_copy (json_array_get_element (list, 0));
  json_array_add_element (list, g_steal_pointer (&copy));
  duplicate = json_to_string (root, TRUE);
  assert_import_fails (desk, duplicate, -1, ND_BACKUP_ERROR, ND_BACKUP_ERROR_INVALID,
                       "stories[1]: “");
  assert_import_fails (desk, duplicate, -1, ND_BACKUP_ERROR, ND_BACKUP_ERROR_INVALID,
                       "appears twice in the file (also at stories[0])");
}

static void
test_import_too_large (void)
{
  g_autoptr(Desk) desk = desk_with_a_story ();
  g_autofree char *text = small_export ();
  g_autoptr(GError) error = NULL;

  _nd_backup_set_max_import_size (1000);
  assert_import_fails (desk, text, -1, ND_BACKUP_ERROR, ND_BACKUP_ERROR_TOO_LARGE,
                       "The file is larger than");
  _nd_backup_set_max_import_size (0);

  g_assert_true (import_text (desk->store, text, -1, NULL, NULL, &error));
  g_assert_no_error (error);
}

static void
test_import_huge_string (void)
{
  g_autoptr(Desk) desk = desk_with_a_story ();
  g_autofree char *text = small_export ();
  g_autoptr(GString) body = g_string_new (NULL);
  g_autoptr(JsonNode) root = parse_json (text);
  g_autofree char *big = NULL;
  g_autoptr(GError) error = NULL;
  g_autoptr(NdStory) story = NULL;
  NdBackupImportStats stats;

  /* 16 MiB in one string, with every kind of character that needs care. */
  while (body->len < 16 * 1024 * 1024)
    g_string_append (body, "Абзац «ёлки» \"кавычки\" \\ مُحَمَّدٌ 😀\n\x01\xe2\x80\xa8");
  json_node_set_string (node_at (root, "stories/0/editions/0/body"), body->str);
  big = json_to_string (root, FALSE);

  g_assert_true (import_text (desk->store, big, -1, &stats, NULL, &error));
  g_assert_no_error (error);
  g_assert_cmpuint (stats.stories_imported, ==, 1);

  story = load_by_uuid (desk->store, string_at (root, "stories/0/uuid"));
  g_assert_cmpstr (nd_edition_get_body (nd_story_get_edition (story, "en")), ==, body->str);
}

/* 60 stories, and the 50th (stories[49]) has a bad status: nothing goes in. */
static void
test_import_all_or_nothing (void)
{
  g_autoptr(Desk) src = desk_new ();
  g_autoptr(Desk) dst = desk_with_a_story ();
  g_autoptr(GError) error = NULL;
  g_autofree char *text = NULL;
  g_autofree char *broken = NULL;
  g_autofree char *after_first = NULL;
  g_autofree char *after_second = NULL;
  g_autoptr(NdTag) tag = nd_tag_new ();
  NdBackupImportStats stats;
  gint64 before;

  nd_localized_text_set (nd_tag_get_labels (tag), "en", "Only in the file");
  g_assert_true (nd_story_store_save_tag (src->store, tag, &error));
  g_assert_no_error (error);
  for (guint i = 0; i < 60; i++)
    {
      g_autoptr(NdStory) story = nd_story_store_create_story (src->store, i % 2 ? "ru" : "ar",
                                                              &error);
      g_assert_no_error (error);
    }

  text = export_text (src->store);
  broken = mutated (text, "stories/49/editions/0/status", "\"publishd\"");

  before = count_stories (dst->store);
  g_assert_cmpint (before, ==, 1);
  assert_import_fails (dst, broken, -1, ND_BACKUP_ERROR, ND_BACKUP_ERROR_INVALID,
                       "stories[49].editions[0].status: “publishd” is not a status");
  g_assert_cmpint (count_stories (dst->store), ==, before);
  g_assert_cmpint (count_rows (dst->store, "SELECT count(*) FROM tags"), ==, 0);

  /* The good file goes in; the same file again adds nothing. */
  g_assert_true (import_text (dst->store, text, -1, &stats, NULL, &error));
  g_assert_no_error (error);
  g_assert_cmpuint (stats.stories_imported, ==, 60);
  g_assert_cmpuint (stats.stories_skipped, ==, 0);
  g_assert_cmpuint (stats.tags_added, ==, 1);
  g_assert_cmpint (count_stories (dst->store), ==, before + 60);
  after_first = masked_export (dst->store);

  g_assert_true (import_text (dst->store, text, -1, &stats, NULL, &error));
  g_assert_no_error (error);
  g_assert_cmpuint (stats.stories_imported, ==, 0);
  g_assert_cmpuint (stats.stories_skipped, ==, 60);
  g_assert_cmpuint (stats.tags_added, ==, 0);
  g_assert_cmpuint (stats.languages_added, ==, 0);
  g_assert_cmpint (count_stories (dst->store), ==, before + 60);
  after_second = masked_export (dst->store);
  g_assert_cmpstr (after_first, ==, after_second);
}

/* A failure while writing (here a trigger refusing the 50th story) rolls
 * back everything written before it, vocabulary included. */
static void
test_import_rolls_back (void)
{
  g_autoptr(Desk) src = desk_new ();
  g_autoptr(Desk) dst = desk_with_a_story ();
  g_autoptr(GError) error = NULL;
  g_autoptr(NdTag) tag = nd_tag_new ();
  g_autofree char *text = NULL;
  NdBackupImportStats stats;

  nd_localized_text_set (nd_tag_get_labels (tag), "en", "Only in the file");
  g_assert_true (nd_story_store_save_tag (src->store, tag, &error));
  g_assert_no_error (error);
  for (guint i = 0; i < 60; i++)
    {
      g_autoptr(NdStory) story = nd_story_store_create_story (src->store, "en", &error);
      g_assert_no_error (error);
    }
  text = export_text (src->store);

  g_assert_true (nd_database_execute (dst->database,
                                      "CREATE TEMP TRIGGER refuse_50th BEFORE INSERT ON stories"
                                      " WHEN (SELECT count(*) FROM stories) >= 50"
                                      " BEGIN SELECT RAISE (ABORT, 'refused by the test'); END",
                                      &error));
  g_assert_no_error (error);
  assert_import_fails (dst, text, -1, ND_DATABASE_ERROR, ND_DATABASE_ERROR_CONSTRAINT,
                       "refused by the test");
  g_assert_cmpint (count_stories (dst->store), ==, 1);
  g_assert_cmpint (count_rows (dst->store, "SELECT count(*) FROM tags"), ==, 0);
  g_assert_cmpint (count_rows (dst->store, "SELECT count(*) FROM editions"), ==, 1);

  /* The database is usable afterwards: no transaction was left open. */
  g_assert_true (nd_database_execute (dst->database, "DROP TRIGGER refuse_50th", &error));
  g_assert_no_error (error);
  g_assert_true (import_text (dst->store, text, -1, &stats, NULL, &error));
  g_assert_no_error (error);
  g_assert_cmpuint (stats.stories_imported, ==, 60);
}

static void
test_import_cancelled (void)
{
  g_autoptr(Desk) desk = desk_with_a_story ();
  g_autoptr(GCancellable) cancellable = g_cancellable_new ();
  g_autoptr(GError) error = NULL;
  g_autofree char *text = small_export ();
  g_autofree char *before = masked_export (desk->store);
  g_autofree char *after = NULL;

  g_cancellable_cancel (cancellable);
  g_assert_false (import_text (desk->store, text, -1, NULL, cancellable, &error));
  g_assert_error (error, G_IO_ERROR, G_IO_ERROR_CANCELLED);
  after = masked_export (desk->store);
  g_assert_cmpstr (before, ==, after);
}

/* Import only adds: what the database has keeps its values. */
static void
test_import_merges_vocabulary (void)
{
  g_autoptr(Desk) src = desk_new ();
  g_autoptr(Desk) dst = desk_new ();
  g_autoptr(GError) error = NULL;
  g_autoptr(NdTag) tag = nd_tag_new ();
  g_autoptr(NdTag) theirs = nd_tag_new ();
  g_autoptr(NdTag) merged = NULL;
  g_autoptr(NdLanguage) english = nd_language_new ();
  g_autoptr(NdStory) story = NULL;
  g_autofree char *text = NULL;
  g_autofree char *zone = NULL;
  NdBackupImportStats stats;
  guint n_resets = 0;

  nd_localized_text_set (nd_tag_get_labels (tag), "en", "New label");
  nd_localized_text_set (nd_tag_get_labels (tag), "ru", "Новая метка");
  g_assert_true (nd_story_store_save_tag (src->store, tag, &error));
  g_assert_no_error (error);
  g_assert_true (nd_story_store_set_setting (src->store, "time-zone", "Asia/Kabul", &error));
  g_assert_no_error (error);
  story = nd_story_store_create_story (src->store, "en", &error);
  g_assert_no_error (error);
  text = export_text (src->store);

  /* The destination knows the same tag under another English label. */
  nd_tag_set_uuid (theirs, nd_tag_get_uuid (tag));
  nd_localized_text_set (nd_tag_get_labels (theirs), "en", "Label typed here");
  g_assert_true (nd_story_store_save_tag (dst->store, theirs, &error));
  g_assert_no_error (error);

  g_signal_connect (dst->store, "reset", G_CALLBACK (on_reset_cb), &n_resets);
  g_assert_true (import_text (dst->store, text, -1, &stats, NULL, &error));
  g_assert_no_error (error);
  g_assert_cmpuint (n_resets, ==, 1);
  g_assert_cmpuint (stats.stories_imported, ==, 1);
  g_assert_cmpuint (stats.tags_added, ==, 0);
  g_assert_cmpuint (stats.sections_added, ==, 0);
  g_assert_cmpuint (stats.languages_added, ==, 0);

  merged = nd_story_store_find_tag_by_uuid (dst->store, nd_tag_get_uuid (tag), &error);
  g_assert_no_error (error);
  g_assert_cmpstr (nd_tag_get_label (merged, "en"), ==, "Label typed here");
  g_assert_cmpstr (nd_tag_get_label (merged, "ru"), ==, "Новая метка");

  zone = nd_story_store_get_setting (dst->store, "time-zone");
  g_assert_cmpstr (zone, ==, "Europe/Moscow");

  /* The completion index knows the added label. */
  {
    g_autoptr(GPtrArray) found = nd_story_store_complete_tags (dst->store, "новая", 5, &error);

    g_assert_no_error (error);
    g_assert_cmpuint (found->len, ==, 1);
  }
}

/* A related story may be one the database has and the file does not. */
static void
test_import_related_to_existing (void)
{
  g_autoptr(Desk) src = desk_new ();
  g_autoptr(Desk) dst = desk_new ();
  g_autoptr(GError) error = NULL;
  g_autoptr(NdStory) a = NULL;
  g_autoptr(NdStory) b = NULL;
  g_autoptr(NdStory) imported_a = NULL;
  g_autoptr(NdStory) imported_b = NULL;
  g_autofree char *text = NULL;
  g_autofree char *only_a = NULL;
  g_autofree char *only_b = NULL;
  g_autoptr(JsonNode) root_a = NULL;
  g_autoptr(JsonNode) root_b = NULL;
  NdBackupImportStats stats;
  gint64 id;

  a = nd_story_store_create_story (src->store, "ru", &error);
  g_assert_no_error (error);
  b = nd_story_store_create_story (src->store, "en", &error);
  g_assert_no_error (error);
  id = nd_story_get_id (a);
  nd_story_set_related_ids (b, &id, 1);
  g_assert_true (nd_story_store_save_story (src->store, b, &error));
  g_assert_no_error (error);
  text = export_text (src->store);

  /* Two files: one with A alone, one with B alone. */
  root_a = parse_json (text);
  root_b = parse_json (text);
  g_assert_cmpstr (string_at (root_a, "stories/0/uuid"), ==, nd_story_get_uuid (a));
  json_array_remove_element (json_object_get_array_member (json_node_get_object (root_a),
                                                           "stories"), 1);
  json_array_remove_element (json_object_get_array_member (json_node_get_object (root_b),
                                                           "stories"), 0);
  only_a = json_to_string (root_a, TRUE);
  only_b = json_to_string (root_b, TRUE);

  /* With A neither in the file nor in the database, B's reference is an
   * error. */
  assert_import_fails (dst, only_b, -1, ND_BACKUP_ERROR, ND_BACKUP_ERROR_INVALID,
                       "stories[0].related[0]: there is no story");

  /* With A in the database, it resolves to the story there. */
  g_assert_true (import_text (dst->store, only_a, -1, &stats, NULL, &error));
  g_assert_no_error (error);
  g_assert_cmpuint (stats.stories_imported, ==, 1);
  g_assert_true (import_text (dst->store, only_b, -1, &stats, NULL, &error));
  g_assert_no_error (error);
  g_assert_cmpuint (stats.stories_imported, ==, 1);

  imported_a = load_by_uuid (dst->store, nd_story_get_uuid (a));
  imported_b = load_by_uuid (dst->store, nd_story_get_uuid (b));
  g_assert_cmpuint (nd_story_get_related_ids (imported_b)->len, ==, 1);
  g_assert_cmpint (g_array_index (nd_story_get_related_ids (imported_b), gint64, 0), ==,
                   nd_story_get_id (imported_a));
}

/* The example in docs/backup-format.md, kept as a file, imports. */
static void
test_import_example (void)
{
  g_autoptr(Desk) desk = desk_new ();
  g_autoptr(GError) error = NULL;
  g_autofree char *path = g_test_build_filename (G_TEST_DIST, "data", "backup-example.json", NULL);
  g_autofree char *contents = NULL;
  g_autoptr(NdStory) story = NULL;
  NdBackupImportStats stats;
  NdEdition *en;
  NdEdition *ru;

  g_assert_true (g_file_get_contents (path, &contents, NULL, &error));
  g_assert_no_error (error);
  g_assert_true (import_text (desk->store, contents, -1, &stats, NULL, &error));
  g_assert_no_error (error);
  g_assert_cmpuint (stats.stories_imported, ==, 1);

  story = load_by_uuid (desk->store, "6f1d3c1e-2b0a-4c55-9d43-0c1e5b7a9f10");
  ru = nd_story_get_edition (story, "ru");
  en = nd_story_get_edition (story, "en");
  g_assert_nonnull (ru);
  g_assert_nonnull (en);
  g_assert_cmpstr (nd_edition_get_headline (ru), ==, "Талибы открыли «новую страницу»");
  g_assert_cmpint (nd_edition_get_revision (ru), ==, 3);
  g_assert_cmpint (nd_edition_get_source_revision (en), ==, 2);
  g_assert_true (nd_story_is_stale (story, "en"));
  g_assert_cmpint (nd_story_get_created_at (story), ==, G_GINT64_CONSTANT (1714557600123456));
  g_assert_cmpint (nd_edition_get_publish_at (ru), ==, 1714640400);
}

static void
test_export_streams (void)
{
  g_autoptr(Desk) src = desk_new ();
  g_autoptr(Desk) big = desk_new ();
  g_autoptr(GError) error = NULL;
  g_autofree char *text = NULL;
  g_autofree char *many = NULL;
  g_autoptr(JsonNode) root = NULL;
  g_autoptr(TestChunkStream) stream = g_object_new (TEST_TYPE_CHUNK_STREAM, NULL);
  g_autoptr(NdStory) story = NULL;
  g_autoptr(GString) body = g_string_new (NULL);
  g_autofree char *model = NULL;
  JsonArray *stories;
  gboolean ok;

  story = nd_story_store_create_story (src->store, "ru", &error);
  g_assert_no_error (error);
  text = export_text (src->store);

  /* 400 stories of about 16 KiB each, made by copying one. */
  while (body->len < 16 * 1024)
    g_string_append (body, "Длинный абзац текста. ");
  root = parse_json (text);
  stories = json_object_get_array_member (json_node_get_object (root), "stories");
  /* json_node_copy() shares the object; a deep copy goes through text. */
  model = json_to_string (json_array_get_element (stories, 0), FALSE);
  json_array_remove_element (stories, 0);
  for (guint i = 0; i < 400; i++)
    {
      JsonNode *copy = parse_json (model);
      JsonObject *object = json_node_get_object (copy);
      JsonArray *editions = json_object_get_array_member (object, "editions");
      g_autofree char *uuid = g_uuid_string_random ();

      json_object_set_string_member (object, "uuid", uuid);
      json_object_set_string_member (json_array_get_object_element (editions, 0), "body",
                                     body->str);
      json_array_add_element (stories, copy);
    }
  many = json_to_string (root, FALSE);
  ok = import_text (big->store, many, -1, NULL, NULL, &error);
  g_assert_no_error (error);
  g_assert_true (ok);
  g_assert_cmpint (count_stories (big->store), ==, 400);

  g_assert_true (nd_backup_export (big->store, G_OUTPUT_STREAM (stream), NULL, &error));
  g_assert_no_error (error);

  /* Written as it goes, in chunks, not as one document at the end. */
  g_assert_cmpuint (stream->total, >, 5 * 1024 * 1024);
  g_assert_cmpuint (stream->n_writes, >, 50);
  g_assert_cmpuint (stream->largest, <=, 256 * 1024);
}

static void
test_export_stream_fails (void)
{
  g_autoptr(Desk) desk = desk_new ();
  g_auto(Fixture) f = { 0 };
  g_autoptr(GError) error = NULL;
  g_autoptr(TestChunkStream) stream = g_object_new (TEST_TYPE_CHUNK_STREAM, NULL);
  g_autoptr(NdStory) story = NULL;

  fill_desk (desk, &f);
  stream->fail_after = 1000;
  g_assert_false (nd_backup_export (desk->store, G_OUTPUT_STREAM (stream), NULL, &error));
  g_assert_error (error, G_IO_ERROR, G_IO_ERROR_NO_SPACE);
  g_assert_cmpuint (stream->total, <=, 1000);
  g_clear_error (&error);

  /* No transaction is left open: the store still writes. */
  story = nd_story_store_create_story (desk->store, "en", &error);
  g_assert_no_error (error);
  g_assert_nonnull (story);
}

static void
test_export_cancelled (void)
{
  g_autoptr(Desk) desk = desk_new ();
  g_auto(Fixture) f = { 0 };
  g_autoptr(GError) error = NULL;
  g_autoptr(GCancellable) cancellable = g_cancellable_new ();
  g_autoptr(GOutputStream) stream = g_memory_output_stream_new_resizable ();

  fill_desk (desk, &f);
  g_cancellable_cancel (cancellable);
  g_assert_false (nd_backup_export (desk->store, stream, cancellable, &error));
  g_assert_error (error, G_IO_ERROR, G_IO_ERROR_CANCELLED);
}

/* A read-only connection to the same file exports the same thing, and the
 * export does not stop another connection from writing meanwhile. */
static void
test_export_read_only (void)
{
  g_autoptr(Desk) desk = desk_new ();
  g_auto(Fixture) f = { 0 };
  g_autoptr(GError) error = NULL;
  g_autoptr(NdDatabase) reader = NULL;
  g_autoptr(NdStoryStore) reader_store = NULL;
  g_autofree char *written = NULL;
  g_autofree char *read = NULL;

  fill_desk (desk, &f);
  written = masked_export (desk->store);

  reader = nd_database_open (desk->path, ND_DATABASE_FLAGS_READ_ONLY, &error);
  g_assert_no_error (error);
  reader_store = nd_story_store_new (reader, &error);
  g_assert_no_error (error);
  read = masked_export (reader_store);
  g_assert_cmpstr (written, ==, read);
}

int
main (int   argc,
      char *argv[])
{
  g_test_init (&argc, &argv, NULL);

  g_test_add_func ("/backup/round-trip", test_round_trip);
  g_test_add_func ("/backup/import/bad-values", test_import_bad_values);
  g_test_add_func ("/backup/import/malformed", test_import_malformed);
  g_test_add_func ("/backup/import/too-large", test_import_too_large);
  g_test_add_func ("/backup/import/huge-string", test_import_huge_string);
  g_test_add_func ("/backup/import/all-or-nothing", test_import_all_or_nothing);
  g_test_add_func ("/backup/import/rolls-back", test_import_rolls_back);
  g_test_add_func ("/backup/import/cancelled", test_import_cancelled);
  g_test_add_func ("/backup/import/merges-vocabulary", test_import_merges_vocabulary);
  g_test_add_func ("/backup/import/related-to-existing", test_import_related_to_existing);
  g_test_add_func ("/backup/import/example", test_import_example);
  g_test_add_func ("/backup/export/streams", test_export_streams);
  g_test_add_func ("/backup/export/stream-fails", test_export_stream_fails);
  g_test_add_func ("/backup/export/cancelled", test_export_cancelled);
  g_test_add_func ("/backup/export/read-only", test_export_read_only);

  return g_test_run ();
}
