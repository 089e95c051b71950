/* test-editor.c
 *
 * SPDX-License-Identifier: GPL-3.0-or-later
 */

#include "config.h"

#include <adwaita.h>
#include <glib/gstdio.h>

#include "nd-edition-editor.h"
#include "nd-markdown-format.h"
#include "nd-story-editor.h"
#include "nd-story-draft.h"
#include "nd-sync-fields.h"
#include "nd-tag-entry.h"
#include "nd-test-util.h"

/* The editor's promise: text reaches the database within a second of a
 * pause in typing. */
#define AUTOSAVE_PROMISE_MS 1000

typedef struct
{
  char          *dir;
  NdDatabase    *database;
  NdStoryStore  *store;
  GtkWindow     *window;
  NdStoryEditor *editor;
} Fixture;

/* Helpers ------------------------------------------------------------------ */

static gboolean
on_deadline_cb (gpointer user_data)
{
  gboolean *done = user_data;

  *done = TRUE;
  return G_SOURCE_REMOVE;
}

/* Runs the main loop for @ms milliseconds. */
static void
spin (guint ms)
{
  gboolean done = FALSE;

  g_timeout_add (ms, on_deadline_cb, &done);
  while (!done)
    g_main_context_iteration (NULL, TRUE);
}

typedef gboolean (*Condition) (gpointer data);

/* Runs the main loop until @condition holds, for at most @ms. */
static gboolean
spin_until (Condition condition,
            gpointer  data,
            guint     ms)
{
  gboolean done = FALSE;
  guint id = g_timeout_add (ms, on_deadline_cb, &done);

  while (!done && !condition (data))
    g_main_context_iteration (NULL, TRUE);

  if (!done)
    g_source_remove (id);
  return condition (data);
}

static gpointer
child (gpointer    widget,
       GType       type,
       const char *name)
{
  GObject *object = gtk_widget_get_template_child (GTK_WIDGET (widget), type, name);

  g_assert_nonnull (object);
  return object;
}

static NdEditionEditor *
page (Fixture    *fixture,
      const char *lang)
{
  NdEditionEditor *editor = nd_story_editor_get_edition_editor (fixture->editor, lang);

  g_assert_nonnull (editor);
  return editor;
}

static GtkEditable *
headline_of (NdEditionEditor *editor)
{
  return child (editor, ND_TYPE_EDITION_EDITOR, "headline_entry");
}

static GtkTextView *
body_view_of (NdEditionEditor *editor)
{
  return child (editor, ND_TYPE_EDITION_EDITOR, "body_view");
}

static GtkTextBuffer *
body_of (NdEditionEditor *editor)
{
  return gtk_text_view_get_buffer (body_view_of (editor));
}

static char *
buffer_text (GtkTextBuffer *buffer)
{
  GtkTextIter start, end;

  gtk_text_buffer_get_bounds (buffer, &start, &end);
  return gtk_text_buffer_get_text (buffer, &start, &end, FALSE);
}

static NdEdition *
load_edition (Fixture    *fixture,
              gint64      story_id,
              const char *lang)
{
  g_autoptr(GError) error = NULL;
  NdEdition *edition = nd_story_store_load_edition (fixture->store, story_id, lang, &error);

  g_assert_no_error (error);
  return edition;
}

static gint64
create_story (Fixture    *fixture,
              const char *source_lang,
              gboolean    all_languages)
{
  g_autoptr(GError) error = NULL;
  g_autoptr(NdStory) story = nd_story_store_create_story (fixture->store, source_lang, &error);
  GListModel *languages = nd_story_store_get_languages (fixture->store);

  g_assert_no_error (error);
  for (guint i = 0; all_languages && i < g_list_model_get_n_items (languages); i++)
    {
      g_autoptr(NdLanguage) language = g_list_model_get_item (languages, i);
      g_autoptr(NdEdition) edition = NULL;

      if (g_str_equal (nd_language_get_code (language), source_lang))
        continue;
      edition = nd_story_store_add_edition (fixture->store, nd_story_get_id (story),
                                            nd_language_get_code (language), &error);
      g_assert_no_error (error);
    }

  return nd_story_get_id (story);
}

static void
set_page_count_limit (Fixture *fixture,
                      gboolean limited)
{
  sqlite3 *db = nd_database_get_handle (fixture->database);
  g_autofree char *sql = NULL;
  sqlite3_stmt *stmt = NULL;
  int pages;

  g_assert_cmpint (sqlite3_prepare_v2 (db, "PRAGMA page_count", -1, &stmt, NULL), ==, SQLITE_OK);
  g_assert_cmpint (sqlite3_step (stmt), ==, SQLITE_ROW);
  pages = sqlite3_column_int (stmt, 0);
  sqlite3_finalize (stmt);

  /* A database that may not grow is a full disk to SQLite. */
  sql = g_strdup_printf ("PRAGMA max_page_count = %d", limited ? pages : 1073741823);
  g_assert_cmpint (sqlite3_exec (db, sql, NULL, NULL, NULL), ==, SQLITE_OK);
}

/* Fixture ------------------------------------------------------------------ */

static void
fixture_set_up (Fixture       *fixture,
                gconstpointer  data)
{
  g_autoptr(GError) error = NULL;

  fixture->store = nd_test_open_store ("editor", &fixture->dir, &fixture->database);

  fixture->editor = g_object_ref_sink (nd_story_editor_new (fixture->store));
  fixture->window = GTK_WINDOW (gtk_window_new ());
  gtk_window_set_default_size (fixture->window, 1000, 700);
  gtk_window_set_child (fixture->window, GTK_WIDGET (fixture->editor));
  gtk_window_present (fixture->window);
}

static void
fixture_tear_down (Fixture       *fixture,
                   gconstpointer  data)
{
  gtk_window_destroy (fixture->window);
  g_assert_finalize_object (fixture->editor);
  nd_test_close_store (fixture->store, fixture->database, fixture->dir);
}

/* Autosave ----------------------------------------------------------------- */

typedef struct
{
  Fixture    *fixture;
  gint64      story_id;
  const char *lang;
  const char *body;
} StoredBody;

static gboolean
body_is_stored (gpointer data)
{
  StoredBody *check = data;
  g_autoptr(NdEdition) edition = load_edition (check->fixture, check->story_id, check->lang);

  return g_strcmp0 (nd_edition_get_body (edition), check->body) == 0;
}

static void
test_autosave (Fixture       *fixture,
               gconstpointer  data)
{
  const char *langs[] = { "ru", "en", "ar" };
  gint64 story_id = create_story (fixture, "en", TRUE);

  nd_story_editor_set_story (fixture->editor, story_id);
  g_assert_cmpint (nd_story_editor_get_story_id (fixture->editor), ==, story_id);

  for (guint i = 0; i < G_N_ELEMENTS (langs); i++)
    {
      NdEditionEditor *editor = page (fixture, langs[i]);
      g_autofree char *headline = g_strdup_printf ("Headline in %s", langs[i]);
      g_autofree char *body = g_strdup_printf ("The body in %s, with **bold** words.", langs[i]);

      gtk_editable_set_text (headline_of (editor), headline);
      gtk_text_buffer_set_text (body_of (editor), body, -1);
    }

  /* Typing is not saved keystroke by keystroke... */
  for (guint i = 0; i < G_N_ELEMENTS (langs); i++)
    {
      g_autoptr(NdEdition) edition = load_edition (fixture, story_id, langs[i]);

      g_assert_cmpstr (nd_edition_get_headline (edition), ==, "");
    }
  g_assert_true (nd_story_editor_has_unsaved_changes (fixture->editor));
  g_assert_cmpint (nd_story_editor_get_save_state (fixture->editor), ==, ND_SAVE_STATE_UNSAVED);

  /* ...but within a second of the pause. */
  spin (AUTOSAVE_PROMISE_MS);
  for (guint i = 0; i < G_N_ELEMENTS (langs); i++)
    {
      g_autoptr(NdEdition) edition = load_edition (fixture, story_id, langs[i]);
      g_autofree char *headline = g_strdup_printf ("Headline in %s", langs[i]);
      g_autofree char *body = g_strdup_printf ("The body in %s, with **bold** words.", langs[i]);

      g_assert_cmpstr (nd_edition_get_headline (edition), ==, headline);
      g_assert_cmpstr (nd_edition_get_body (edition), ==, body);
    }
  g_assert_false (nd_story_editor_has_unsaved_changes (fixture->editor));
  g_assert_cmpint (nd_story_editor_get_save_state (fixture->editor), ==, ND_SAVE_STATE_SAVED);
}

static void
test_save_now (Fixture       *fixture,
               gconstpointer  data)
{
  g_autoptr(GError) error = NULL;
  g_autoptr(NdEdition) edition = NULL;
  gint64 story_id = create_story (fixture, "ru", FALSE);

  nd_story_editor_set_story (fixture->editor, story_id);
  gtk_text_buffer_set_text (body_of (page (fixture, "ru")), "Текст, который нельзя потерять.", -1);

  /* The window calls this on close, without waiting for the pause. */
  g_assert_true (nd_story_editor_save_now (fixture->editor, &error));
  g_assert_no_error (error);
  edition = load_edition (fixture, story_id, "ru");
  g_assert_cmpstr (nd_edition_get_body (edition), ==, "Текст, который нельзя потерять.");
}

/* The editor is the source of the text: its own saves never put older text
 * back, while changes from elsewhere are taken when nothing is pending. */
static void
test_no_reload_after_save (Fixture       *fixture,
                           gconstpointer  data)
{
  g_autoptr(GError) error = NULL;
  gint64 story_id = create_story (fixture, "en", FALSE);
  NdEditionEditor *editor;
  GtkTextBuffer *body;
  g_autofree char *text = NULL;

  nd_story_editor_set_story (fixture->editor, story_id);
  editor = page (fixture, "en");
  body = body_of (editor);

  gtk_text_buffer_set_text (body, "First words", -1);
  g_assert_true (nd_story_editor_save_now (fixture->editor, &error));
  g_assert_no_error (error);

  /* More typing after the save; another part of the app writes the story
   * meanwhile, which makes the editor look at the database. */
  gtk_text_buffer_set_text (body, "First words and more", -1);
  {
    g_autoptr(NdStory) story = nd_story_store_load_story (fixture->store, story_id, &error);

    g_assert_no_error (error);
    g_assert_true (nd_story_store_save_story (fixture->store, story, &error));
    g_assert_no_error (error);
  }
  spin (50);
  text = buffer_text (body);
  g_assert_cmpstr (text, ==, "First words and more");

  spin (AUTOSAVE_PROMISE_MS);
  {
    StoredBody check = { fixture, story_id, "en", "First words and more" };

    g_assert_true (body_is_stored (&check));
  }

  /* A change from elsewhere (a restored revision, a sync) shows when the
   * editor has nothing pending. */
  {
    g_autoptr(NdEdition) edition = load_edition (fixture, story_id, "en");

    nd_edition_set_body (edition, "Restored words");
    g_assert_true (nd_story_store_save_edition (fixture->store, edition, &error));
    g_assert_no_error (error);
  }
  spin (50);
  g_clear_pointer (&text, g_free);
  text = buffer_text (body);
  g_assert_cmpstr (text, ==, "Restored words");
  g_assert_false (nd_story_editor_has_unsaved_changes (fixture->editor));
}

/* Someone else (a sync taking a colleague's edit) saves the edition while
 * the editor has unsaved text: both changes are kept, paragraph by
 * paragraph, in the database and on screen. */
static void
test_merge_with_concurrent_save (Fixture       *fixture,
                                 gconstpointer  data)
{
  g_autoptr(GError) error = NULL;
  gint64 story_id = create_story (fixture, "en", FALSE);
  g_autoptr(NdEdition) stored = NULL;
  GtkTextBuffer *body;
  g_autofree char *text = NULL;
  const char *merged = "One, edited here.\n\nTwo.\n\nThree, edited on the website.";

  nd_story_editor_set_story (fixture->editor, story_id);
  body = body_of (page (fixture, "en"));
  gtk_text_buffer_set_text (body, "One.\n\nTwo.\n\nThree.", -1);
  g_assert_true (nd_story_editor_save_now (fixture->editor, &error));
  g_assert_no_error (error);

  /* Typing, not yet saved… */
  gtk_text_buffer_set_text (body, "One, edited here.\n\nTwo.\n\nThree.", -1);
  /* …while another writer saves its own change to the last paragraph. */
  {
    g_autoptr(NdEdition) other = load_edition (fixture, story_id, "en");

    nd_edition_set_body (other, "One.\n\nTwo.\n\nThree, edited on the website.");
    g_assert_true (nd_story_store_save_edition (fixture->store, other, &error));
    g_assert_no_error (error);
  }
  spin (50);

  g_assert_true (nd_story_editor_save_now (fixture->editor, &error));
  g_assert_no_error (error);
  stored = load_edition (fixture, story_id, "en");
  g_assert_cmpstr (nd_edition_get_body (stored), ==, merged);
  text = buffer_text (body);
  g_assert_cmpstr (text, ==, merged);
}

/* The same, but both changed the same paragraph, and the other change is a
 * colleague's from the website (the sync wrote it and its base holds it):
 * the editor's paragraph stays, the website's is a conflict to resolve,
 * and the edition is not sent until then. */
static void
test_same_paragraph_from_website (Fixture       *fixture,
                                  gconstpointer  data)
{
  g_autoptr(GError) error = NULL;
  g_autoptr(NdSyncStore) sync_store = nd_sync_store_new (fixture->database);
  g_autoptr(NdSite) site = nd_site_new ();
  g_autoptr(NdEdition) stored = NULL;
  g_autoptr(GPtrArray) conflicts = NULL;
  gint64 story_id = create_story (fixture, "en", FALSE);
  gint64 edition_id;
  GtkTextBuffer *body;
  const char *theirs = "One, edited on the website.\n\nTwo.\n\nThree.";

  nd_site_set_name (site, "Realist English");
  nd_site_set_url (site, "https://en.realist.example");
  nd_site_set_username (site, "editor");
  g_assert_true (nd_sync_store_add_site (sync_store, site, &error));
  g_assert_no_error (error);

  nd_story_editor_set_sync (fixture->editor, NULL, sync_store);
  nd_story_editor_set_story (fixture->editor, story_id);
  body = body_of (page (fixture, "en"));
  gtk_text_buffer_set_text (body, "One.\n\nTwo.\n\nThree.", -1);
  g_assert_true (nd_story_editor_save_now (fixture->editor, &error));
  g_assert_no_error (error);
  stored = load_edition (fixture, story_id, "en");
  edition_id = nd_edition_get_id (stored);
  g_assert_true (nd_sync_store_set_remote_id (sync_store, edition_id, nd_site_get_id (site), 42, &error));
  g_assert_no_error (error);

  /* Typing in the first paragraph, not yet saved… */
  gtk_text_buffer_set_text (body, "One, edited here.\n\nTwo.\n\nThree.", -1);
  /* …while a sync lays the website's version of that paragraph onto the
   * edition, and keeps it as the base. */
  {
    g_autoptr(NdEdition) other = load_edition (fixture, story_id, "en");
    g_autoptr(NdSyncFields) site_fields = nd_sync_fields_new ();
    g_autofree char *json = NULL;

    nd_edition_set_body (other, theirs);
    g_assert_true (nd_story_store_save_edition (fixture->store, other, &error));
    g_assert_no_error (error);
    nd_sync_fields_set_text (site_fields, ND_SYNC_FIELD_BODY, theirs);
    json = nd_sync_fields_to_json (site_fields);
    g_assert_true (nd_sync_store_set_base (sync_store, edition_id, json, "2030-01-01T10:00:00",
                                           nd_edition_get_revision (other), &error));
    g_assert_no_error (error);
  }
  spin (50);

  g_assert_true (nd_story_editor_save_now (fixture->editor, &error));
  g_assert_no_error (error);
  g_clear_object (&stored);
  stored = load_edition (fixture, story_id, "en");
  g_assert_cmpstr (nd_edition_get_body (stored), ==, "One, edited here.\n\nTwo.\n\nThree.");

  conflicts = nd_sync_store_list_conflicts (sync_store, edition_id, &error);
  g_assert_no_error (error);
  g_assert_cmpuint (conflicts->len, ==, 1);
  g_assert_cmpstr (((NdConflict *) g_ptr_array_index (conflicts, 0))->field, ==, "body");
  g_assert_cmpint (((NdConflict *) g_ptr_array_index (conflicts, 0))->paragraph, ==, 0);
  g_assert_cmpstr (((NdConflict *) g_ptr_array_index (conflicts, 0))->mine, ==, "One, edited here.");
  g_assert_cmpstr (((NdConflict *) g_ptr_array_index (conflicts, 0))->theirs, ==, "One, edited on the website.");
  g_assert_cmpint (nd_sync_store_get_edition_state (sync_store, edition_id), ==, ND_EDITION_SYNC_CONFLICT);

  nd_story_editor_set_sync (fixture->editor, NULL, NULL);
}

/* Formatting ----------------------------------------------------------------- */

static void
select_text (GtkTextBuffer *buffer,
             const char    *needle)
{
  g_autofree char *text = buffer_text (buffer);
  const char *found = strstr (text, needle);
  GtkTextIter start, end;

  g_assert_nonnull (found);
  gtk_text_buffer_get_iter_at_offset (buffer, &start, g_utf8_pointer_to_offset (text, found));
  gtk_text_buffer_get_iter_at_offset (buffer, &end, g_utf8_pointer_to_offset (text, found + strlen (needle)));
  gtk_text_buffer_select_range (buffer, &start, &end);
}

static void
assert_buffer (GtkTextBuffer *buffer,
               const char    *expected)
{
  g_autofree char *text = buffer_text (buffer);

  g_assert_cmpstr (text, ==, expected);
}

static void
test_format_actions (Fixture       *fixture,
                     gconstpointer  data)
{
  gint64 story_id = create_story (fixture, "en", FALSE);
  NdEditionEditor *editor;
  GtkTextBuffer *body;

  nd_story_editor_set_story (fixture->editor, story_id);
  editor = page (fixture, "en");
  body = body_of (editor);

  gtk_text_buffer_set_text (body, "Moscow reacted sharply.", -1);
  select_text (body, "sharply");
  g_assert_true (gtk_widget_activate_action (GTK_WIDGET (editor), "edition.bold", NULL));
  assert_buffer (body, "Moscow reacted **sharply**.");

  /* The wrapped text stays selected, so a second Ctrl+B takes it back. */
  g_assert_true (gtk_widget_activate_action (GTK_WIDGET (editor), "edition.bold", NULL));
  assert_buffer (body, "Moscow reacted sharply.");

  /* A selection taken with its trailing space keeps the space outside. */
  select_text (body, "reacted ");
  g_assert_true (gtk_widget_activate_action (GTK_WIDGET (editor), "edition.italic", NULL));
  assert_buffer (body, "Moscow *reacted* sharply.");

  /* Undo takes a formatting command back in one step. */
  gtk_text_buffer_undo (body);
  assert_buffer (body, "Moscow reacted sharply.");

  gtk_text_buffer_set_text (body, "First point\nSecond point", -1);
  select_text (body, "First point\nSecond");
  g_assert_true (gtk_widget_activate_action (GTK_WIDGET (editor), "edition.bulleted-list", NULL));
  assert_buffer (body, "- First point\n- Second point");
  g_assert_true (gtk_widget_activate_action (GTK_WIDGET (editor), "edition.numbered-list", NULL));
  assert_buffer (body, "1. First point\n2. Second point");
  g_assert_true (gtk_widget_activate_action (GTK_WIDGET (editor), "edition.numbered-list", NULL));
  assert_buffer (body, "First point\nSecond point");

  select_text (body, "First");
  g_assert_true (gtk_widget_activate_action (GTK_WIDGET (editor), "edition.subheading", NULL));
  assert_buffer (body, "## First point\nSecond point");
  select_text (body, "Second");
  g_assert_true (gtk_widget_activate_action (GTK_WIDGET (editor), "edition.quote", NULL));
  assert_buffer (body, "## First point\n> Second point");

  /* A link wraps the selection. */
  select_text (body, "Second point");
  nd_markdown_buffer_insert_link (body, "https://realist.online/");
  assert_buffer (body, "## First point\n> [Second point](https://realist.online/)");
}

static void
test_toggle_lines (void)
{
  const struct {
    const char   *input;
    NdLineFormat  format;
    const char   *output;
  } cases[] = {
    { "a\n\nb", ND_LINE_FORMAT_BULLETED, "- a\n\n- b" },
    { "- a\n* b", ND_LINE_FORMAT_BULLETED, "a\nb" },
    { "- a\nb", ND_LINE_FORMAT_BULLETED, "- a\n- b" },
    { "- a\n- b", ND_LINE_FORMAT_NUMBERED, "1. a\n2. b" },
    { "1. a\n2) b", ND_LINE_FORMAT_NUMBERED, "a\nb" },
    { "### a", ND_LINE_FORMAT_SUBHEADING, "## a" },
    { "## a", ND_LINE_FORMAT_SUBHEADING, "a" },
    { "- a", ND_LINE_FORMAT_SUBHEADING, "## a" },
    { "> a\n> b", ND_LINE_FORMAT_QUOTE, "a\nb" },
    { "- a", ND_LINE_FORMAT_QUOTE, "> - a" },
    { "", ND_LINE_FORMAT_BULLETED, "- " },
    { "  - nested", ND_LINE_FORMAT_BULLETED, "  nested" },
  };

  for (guint i = 0; i < G_N_ELEMENTS (cases); i++)
    {
      g_autofree char *output = nd_markdown_toggle_lines (cases[i].input, cases[i].format);

      g_assert_cmpstr (output, ==, cases[i].output);
    }
}

static void
test_normalize_url (void)
{
  const char *cases[][2] = {
    { "  realist.online/news ", "https://realist.online/news" },
    { "http://example.org", "http://example.org" },
    { "localhost:8080/x", "https://localhost:8080/x" },
    { "editor@realist.online", "mailto:editor@realist.online" },
    { "mailto:a@b.c", "mailto:a@b.c" },
  };

  for (guint i = 0; i < G_N_ELEMENTS (cases); i++)
    {
      g_autofree char *url = nd_markdown_normalize_url (cases[i][0]);

      g_assert_cmpstr (url, ==, cases[i][1]);
    }

  g_assert_null (nd_markdown_normalize_url ("   "));
}

/* Direction ---------------------------------------------------------------- */

static void
assert_direction (NdEditionEditor  *editor,
                  GtkTextDirection  direction)
{
  const char *fields[] = { "headline_entry", "standfirst_view", "dateline_entry", "body_view" };

  for (guint i = 0; i < G_N_ELEMENTS (fields); i++)
    {
      GtkWidget *field = child (editor, ND_TYPE_EDITION_EDITOR, fields[i]);

      g_assert_cmpint (gtk_widget_get_direction (field), ==, direction);
      /* An entry lays its text out in a child, which must agree. */
      for (GtkWidget *c = gtk_widget_get_first_child (field); c != NULL; c = gtk_widget_get_next_sibling (c))
        if (GTK_IS_TEXT (c))
          g_assert_cmpint (gtk_widget_get_direction (c), ==, direction);
    }
}

static void
test_direction (void)
{
  /* The interface is Arabic (right to left); the fields follow their own
   * language. The fixture is built here, after the default is set. */
  Fixture fixture = { 0 };

  gtk_widget_set_default_direction (GTK_TEXT_DIR_RTL);
  fixture_set_up (&fixture, NULL);
  nd_story_editor_set_story (fixture.editor, create_story (&fixture, "en", TRUE));

  assert_direction (page (&fixture, "ar"), GTK_TEXT_DIR_RTL);
  assert_direction (page (&fixture, "en"), GTK_TEXT_DIR_LTR);
  assert_direction (page (&fixture, "ru"), GTK_TEXT_DIR_LTR);
  fixture_tear_down (&fixture, NULL);

  /* And Arabic stays right to left in a left-to-right interface. */
  gtk_widget_set_default_direction (GTK_TEXT_DIR_LTR);
  fixture_set_up (&fixture, NULL);
  nd_story_editor_set_story (fixture.editor, create_story (&fixture, "ar", TRUE));
  assert_direction (page (&fixture, "ar"), GTK_TEXT_DIR_RTL);
  assert_direction (page (&fixture, "en"), GTK_TEXT_DIR_LTR);
  fixture_tear_down (&fixture, NULL);
}

static void
test_accessible_names (Fixture       *fixture,
                       gconstpointer  data)
{
  nd_story_editor_set_story (fixture->editor, create_story (fixture, "en", TRUE));

  gtk_test_accessible_assert_property (child (page (fixture, "en"), ND_TYPE_EDITION_EDITOR, "headline_entry"),
                                       GTK_ACCESSIBLE_PROPERTY_LABEL, "Headline (English)");
  gtk_test_accessible_assert_property (child (page (fixture, "ar"), ND_TYPE_EDITION_EDITOR, "body_view"),
                                       GTK_ACCESSIBLE_PROPERTY_LABEL, "Body (العربية)");
  gtk_test_accessible_assert_property (child (page (fixture, "ru"), ND_TYPE_EDITION_EDITOR, "standfirst_view"),
                                       GTK_ACCESSIBLE_PROPERTY_LABEL, "Standfirst (Русский)");
  gtk_test_accessible_assert_property (child (page (fixture, "ru"), ND_TYPE_EDITION_EDITOR, "dateline_entry"),
                                       GTK_ACCESSIBLE_PROPERTY_LABEL, "Dateline city (Русский)");
}

/* Dateline, stats, missing edition ------------------------------------------------ */

static gboolean
label_has_text (gpointer data)
{
  return *gtk_label_get_text (data) != '\0';
}

static void
test_dateline_and_stats (Fixture       *fixture,
                         gconstpointer  data)
{
  NdEditionEditor *editor;
  GtkLabel *stats;

  nd_story_editor_set_story (fixture->editor, create_story (fixture, "en", FALSE));
  editor = page (fixture, "en");

  gtk_editable_set_text (child (editor, ND_TYPE_EDITION_EDITOR, "dateline_entry"), "Moscow");
  g_assert_cmpstr (gtk_label_get_text (child (editor, ND_TYPE_EDITION_EDITOR, "dateline_label")), ==,
                   "MOSCOW (Realist English).");

  stats = child (editor, ND_TYPE_EDITION_EDITOR, "stats_label");
  gtk_text_buffer_set_text (body_of (editor), "Three **short** words", -1);
  g_assert_true (spin_until (label_has_text, stats, 1000));
  spin (400);
  g_assert_cmpstr (gtk_label_get_text (stats), ==, "3 words · 1 min read");
}

static void
test_add_translation (Fixture       *fixture,
                      gconstpointer  data)
{
  gint64 story_id = create_story (fixture, "en", FALSE);
  NdEditionEditor *arabic;
  g_autoptr(NdEdition) edition = NULL;

  nd_story_editor_set_story (fixture->editor, story_id);
  arabic = page (fixture, "ar");
  g_assert_false (nd_edition_editor_has_edition (arabic));
  g_assert_cmpstr (gtk_stack_get_visible_child_name (child (arabic, ND_TYPE_EDITION_EDITOR, "stack")), ==, "missing");

  g_assert_true (gtk_widget_activate_action (GTK_WIDGET (arabic), "edition.add-translation", NULL));
  g_assert_true (nd_edition_editor_has_edition (arabic));
  g_assert_cmpstr (gtk_stack_get_visible_child_name (child (arabic, ND_TYPE_EDITION_EDITOR, "stack")), ==, "edition");

  edition = load_edition (fixture, story_id, "ar");
  g_assert_cmpint (nd_edition_get_status (edition), ==, ND_EDITION_STATUS_NEEDS_TRANSLATION);
}

/* Paste -------------------------------------------------------------------- */

typedef struct
{
  GtkTextBuffer *buffer;
  const char    *needle;
} BufferHas;

static gboolean
buffer_has (gpointer data)
{
  BufferHas *check = data;
  g_autofree char *text = buffer_text (check->buffer);

  return strstr (text, check->needle) != NULL;
}

static void
put_on_clipboard (GtkWidget  *widget,
                  const char *mime_type,
                  const char *text)
{
  g_autoptr(GBytes) bytes = g_bytes_new (text, strlen (text));
  g_autoptr(GdkContentProvider) provider = gdk_content_provider_new_for_bytes (mime_type, bytes);

  gdk_clipboard_set_content (gtk_widget_get_clipboard (widget), provider);
}

static void
test_paste_html (Fixture       *fixture,
                 gconstpointer  data)
{
  NdEditionEditor *editor;
  GtkTextView *view;
  g_autofree char *text = NULL;
  BufferHas check;

  nd_story_editor_set_story (fixture->editor, create_story (fixture, "en", FALSE));
  editor = page (fixture, "en");
  view = body_view_of (editor);

  /* What a browser puts on the clipboard for a copied passage. */
  put_on_clipboard (GTK_WIDGET (view), "text/html",
                    "<meta charset='utf-8'><div style=\"font-family: Arial\"><h2>Talks</h2>"
                    "<p>Moscow <b>unblocked</b> the <i>Taliban</i>, says "
                    "<a href=\"https://realist.online/a\" style=\"color:red\">Realist</a>.</p>"
                    "<ul><li>One</li><li>Two</li></ul><script>alert(1)</script></div>");
  g_signal_emit_by_name (view, "paste-clipboard");

  check = (BufferHas) { gtk_text_view_get_buffer (view), "**unblocked**" };
  g_assert_true (spin_until (buffer_has, &check, 5000));
  text = buffer_text (gtk_text_view_get_buffer (view));
  g_assert_nonnull (strstr (text, "## Talks"));
  g_assert_nonnull (strstr (text, "*Taliban*"));
  g_assert_nonnull (strstr (text, "[Realist](https://realist.online/a)"));
  g_assert_nonnull (strstr (text, "- One\n- Two"));
  g_assert_null (strstr (text, "<"));
  g_assert_null (strstr (text, "alert"));
  g_assert_null (strstr (text, "Arial"));

  /* Plain text pastes as it is. */
  gtk_text_buffer_set_text (gtk_text_view_get_buffer (view), "", -1);
  put_on_clipboard (GTK_WIDGET (view), "text/plain;charset=utf-8", "Just *text*, <b>as typed</b>");
  g_signal_emit_by_name (view, "paste-clipboard");
  check = (BufferHas) { gtk_text_view_get_buffer (view), "as typed" };
  g_assert_true (spin_until (buffer_has, &check, 5000));
  assert_buffer (gtk_text_view_get_buffer (view), "Just *text*, <b>as typed</b>");
}

/* Failure ------------------------------------------------------------------ */

static gboolean
editor_failed (gpointer data)
{
  return nd_story_editor_get_save_state (data) == ND_SAVE_STATE_FAILED;
}

static gboolean
editor_saved (gpointer data)
{
  return nd_story_editor_get_save_state (data) == ND_SAVE_STATE_SAVED;
}

static char *
long_text (const char *paragraph,
           guint       times)
{
  g_autoptr(GString) text = g_string_new (NULL);

  for (guint i = 0; i < times; i++)
    g_string_append_printf (text, "%s %u.\n\n", paragraph, i);

  return g_string_free (g_steal_pointer (&text), FALSE);
}

static void
test_save_failure (Fixture       *fixture,
                   gconstpointer  data)
{
  g_autoptr(GError) error = NULL;
  g_autofree char *body = long_text ("Text typed while the disk is full must not be lost", 800);
  gint64 story_id = create_story (fixture, "en", FALSE);
  GtkRevealer *revealer = child (fixture->editor, ND_TYPE_STORY_EDITOR, "error_revealer");
  GtkLabel *label = child (fixture->editor, ND_TYPE_STORY_EDITOR, "error_label");
  NdEditionEditor *editor;
  StoredBody check;

  nd_story_editor_set_autosave_delays (fixture->editor, 100, 300);
  nd_story_editor_set_story (fixture->editor, story_id);
  editor = page (fixture, "en");
  g_assert_false (gtk_revealer_get_reveal_child (revealer));

  set_page_count_limit (fixture, TRUE);
  gtk_text_buffer_set_text (body_of (editor), body, -1);

  g_assert_true (spin_until (editor_failed, fixture->editor, 2000));
  g_assert_true (gtk_revealer_get_reveal_child (revealer));
  g_assert_true (g_str_has_prefix (gtk_label_get_text (label), "Not saved: "));
  g_assert_nonnull (strstr (gtk_label_get_text (label), "Your text is kept here and saving is retried."));
  g_assert_true (nd_story_editor_has_unsaved_changes (fixture->editor));
  assert_buffer (body_of (editor), body);

  /* The window's close asks the editor, which says why. */
  g_assert_false (nd_story_editor_save_now (fixture->editor, &error));
  g_assert_error (error, ND_DATABASE_ERROR, ND_DATABASE_ERROR_FULL);
  g_clear_error (&error);

  /* Room again: a retry saves it without anyone typing. */
  set_page_count_limit (fixture, FALSE);
  g_assert_true (spin_until (editor_saved, fixture->editor, 3000));
  g_assert_false (gtk_revealer_get_reveal_child (revealer));
  check = (StoredBody) { fixture, story_id, "en", body };
  g_assert_true (body_is_stored (&check));
  assert_buffer (body_of (editor), body);
}

/* Unsaved text outlives a switch to another story. */
static void
test_failure_across_stories (Fixture       *fixture,
                             gconstpointer  data)
{
  g_autofree char *body = long_text ("Kept while another story is open", 800);
  gint64 first = create_story (fixture, "en", FALSE);
  gint64 second = create_story (fixture, "en", FALSE);
  StoredBody check = { fixture, first, "en", body };

  nd_story_editor_set_autosave_delays (fixture->editor, 100, 300);
  nd_story_editor_set_story (fixture->editor, first);

  set_page_count_limit (fixture, TRUE);
  gtk_text_buffer_set_text (body_of (page (fixture, "en")), body, -1);
  g_assert_true (spin_until (editor_failed, fixture->editor, 2000));

  nd_story_editor_set_story (fixture->editor, second);
  assert_buffer (body_of (page (fixture, "en")), "");
  g_assert_true (nd_story_editor_has_unsaved_changes (fixture->editor));
  g_assert_cmpint (nd_story_editor_get_save_state (fixture->editor), ==, ND_SAVE_STATE_FAILED);

  /* Back to the first story: its unsaved text, not the database's. */
  nd_story_editor_set_story (fixture->editor, first);
  assert_buffer (body_of (page (fixture, "en")), body);

  nd_story_editor_set_story (fixture->editor, second);
  set_page_count_limit (fixture, FALSE);
  g_assert_true (spin_until (editor_saved, fixture->editor, 3000));
  g_assert_false (nd_story_editor_has_unsaved_changes (fixture->editor));
  g_assert_true (body_is_stored (&check));
}

/* Story details -------------------------------------------------------------- */

/* A popup is placed relative to its window's monitor, which X tells some
 * time after the window is mapped. */
static gboolean
is_on_monitor (gpointer data)
{
  GdkSurface *surface = gtk_native_get_surface (GTK_NATIVE (data));

  return gtk_widget_get_mapped (data) && surface != NULL &&
         gdk_display_get_monitor_at_surface (gtk_widget_get_display (data), surface) != NULL;
}

static gboolean
is_allocated (gpointer data)
{
  return gtk_widget_get_width (data) > 0;
}

static NdTag *
save_tag (NdStoryStore *store,
          const char   *ru,
          const char   *en,
          const char   *ar)
{
  g_autoptr(GError) error = NULL;
  NdTag *tag = nd_tag_new ();

  nd_localized_text_set (nd_tag_get_labels (tag), "ru", ru);
  nd_localized_text_set (nd_tag_get_labels (tag), "en", en);
  nd_localized_text_set (nd_tag_get_labels (tag), "ar", ar);
  g_assert_true (nd_story_store_save_tag (store, tag, &error));
  g_assert_no_error (error);

  return tag;
}

static GtkListBoxRow *
find_suggestion (GtkListBox *list,
                 const char *title)
{
  for (int i = 0; gtk_list_box_get_row_at_index (list, i) != NULL; i++)
    {
      GtkListBoxRow *row = gtk_list_box_get_row_at_index (list, i);
      GtkWidget *box = gtk_list_box_row_get_child (row);
      GtkWidget *labels = gtk_widget_get_last_child (box);
      GtkWidget *label = gtk_widget_get_first_child (labels);

      if (g_strcmp0 (gtk_label_get_text (GTK_LABEL (label)), title) == 0)
        return row;
    }

  return NULL;
}

static void
test_tag_entry (Fixture       *fixture,
                gconstpointer  data)
{
  g_autoptr(NdTag) afghanistan = save_tag (fixture->store, "Афганистан", "Afghanistan", "أفغانستان");
  g_autoptr(NdTag) asia = save_tag (fixture->store, "Азия", "Asia", "آسيا");
  g_autoptr(GPtrArray) tags = g_ptr_array_new_with_free_func (g_object_unref);
  NdTagEntry *entry = g_object_ref_sink (nd_tag_entry_new ());
  GtkEditable *text = child (entry, ND_TYPE_TAG_ENTRY, "text");
  GtkListBox *list = child (entry, ND_TYPE_TAG_ENTRY, "list");
  const char *typed[] = { "афг", "AFG", "افغ" };
  GtkWindow *window = GTK_WINDOW (gtk_window_new ());
  GtkListBoxRow *row;
  NdTag *created;

  /* Suggestions pop up over a window that is on the screen. */
  gtk_window_set_child (window, GTK_WIDGET (entry));
  gtk_window_present (window);
  g_assert_true (spin_until (is_on_monitor, window, 5000));
  g_assert_true (spin_until (is_allocated, entry, 5000));
  nd_tag_entry_set_store (entry, fixture->store);
  nd_tag_entry_set_lang (entry, "en");
  nd_tag_entry_set_tags (entry, tags);

  /* A tag is found by its label in any language, and shown in the
   * language being edited. */
  for (guint i = 0; i < G_N_ELEMENTS (typed); i++)
    {
      gtk_editable_set_text (text, typed[i]);
      g_assert_nonnull (find_suggestion (list, "Afghanistan"));
      g_assert_null (find_suggestion (list, "Asia"));
    }

  row = find_suggestion (list, "Afghanistan");
  g_signal_emit_by_name (list, "row-activated", row);
  g_assert_cmpuint (tags->len, ==, 1);
  g_assert_cmpint (nd_tag_get_id (g_ptr_array_index (tags, 0)), ==, nd_tag_get_id (afghanistan));
  g_assert_cmpstr (gtk_editable_get_text (text), ==, "");

  /* A tag on the story is not offered again; an exact label offers no new
   * tag. */
  gtk_editable_set_text (text, "Afghanistan");
  g_assert_null (gtk_list_box_get_row_at_index (list, 0));

  /* What matches nothing becomes a tag labelled in the page's language. */
  nd_tag_entry_set_lang (entry, "ru");
  gtk_editable_set_text (text, "Кавказ");
  row = find_suggestion (list, "Create tag “Кавказ”");
  g_assert_nonnull (row);
  g_signal_emit_by_name (list, "row-activated", row);
  g_assert_cmpuint (tags->len, ==, 2);
  created = g_ptr_array_index (tags, 1);
  g_assert_cmpint (nd_tag_get_id (created), ==, 0);
  g_assert_cmpstr (nd_tag_get_label (created, "ru"), ==, "Кавказ");

  gtk_window_destroy (window);
  g_assert_finalize_object (entry);
}

static void
test_story_draft (Fixture       *fixture,
                  gconstpointer  data)
{
  g_autoptr(GError) error = NULL;
  g_autoptr(NdTag) afghanistan = save_tag (fixture->store, "Афганистан", "Afghanistan", "أفغانستان");
  gint64 story_id = create_story (fixture, "en", FALSE);
  gint64 related_id = create_story (fixture, "ru", FALSE);
  g_autoptr(NdStoryDraft) draft = nd_story_draft_load (fixture->store, story_id, &error);
  g_autoptr(NdContributor) contributor = nd_contributor_new ();
  g_autoptr(NdTag) created = nd_tag_new ();
  g_autoptr(NdMedia) media = nd_media_new ();
  g_autoptr(NdStory) saved = NULL;
  g_autoptr(NdStoryDraft) again = NULL;

  g_assert_no_error (error);
  g_assert_false (nd_story_draft_is_dirty (draft));

  nd_localized_text_set (nd_tag_get_labels (created), "ru", "Кавказ");
  g_ptr_array_add (draft->tags, g_object_ref (afghanistan));
  g_ptr_array_add (draft->tags, g_object_ref (created));
  nd_localized_text_set (nd_contributor_get_names (contributor), "en", "Andrey Serenko");
  nd_localized_text_set (nd_contributor_get_roles (contributor), "en", "Director, Center for the Study of Afghan Politics");
  g_ptr_array_add (draft->contributors, g_object_ref (contributor));
  nd_media_set_file (media, "/tmp/photo.jpg");
  nd_media_set_mime_type (media, "image/jpeg");
  nd_localized_text_set (nd_media_get_captions (media), "en", "Roman Starovoit");
  draft->media = g_object_ref (media);
  g_ptr_array_add (draft->related, nd_story_store_load_story_summary (fixture->store, related_id, &error));
  g_assert_no_error (error);
  nd_story_draft_changed (draft, NULL);
  g_assert_true (nd_story_draft_is_dirty (draft));

  g_assert_true (nd_story_draft_save (draft, fixture->store, &error));
  g_assert_no_error (error);
  g_assert_false (nd_story_draft_is_dirty (draft));

  saved = nd_story_store_load_story (fixture->store, story_id, &error);
  g_assert_no_error (error);
  g_assert_cmpuint (nd_story_get_tag_ids (saved)->len, ==, 2);
  g_assert_cmpint (g_array_index (nd_story_get_tag_ids (saved), gint64, 1), ==, nd_tag_get_id (created));
  g_assert_cmpuint (nd_story_get_contributor_ids (saved)->len, ==, 1);
  g_assert_cmpint (nd_story_get_featured_media_id (saved), ==, nd_media_get_id (media));
  g_assert_cmpuint (nd_story_get_related_ids (saved)->len, ==, 1);

  /* A caption typed in Arabic is the media's alone to save. */
  nd_localized_text_set (nd_media_get_captions (media), "ar", "رومان ستاروفويت");
  nd_story_draft_changed (draft, media);
  g_assert_true (nd_story_draft_save (draft, fixture->store, &error));
  g_assert_no_error (error);

  again = nd_story_draft_load (fixture->store, story_id, &error);
  g_assert_no_error (error);
  g_assert_cmpstr (nd_localized_text_get (nd_media_get_captions (again->media), "ar"), ==, "رومان ستاروفويت");
  g_assert_cmpstr (nd_localized_text_get (nd_contributor_get_names (g_ptr_array_index (again->contributors, 0)), "en"),
                   ==, "Andrey Serenko");
}

int
main (int   argc,
      char *argv[])
{
  gtk_test_init (&argc, &argv, NULL);
  adw_init ();

  g_test_add ("/editor/autosave", Fixture, NULL, fixture_set_up, test_autosave, fixture_tear_down);
  g_test_add ("/editor/save-now", Fixture, NULL, fixture_set_up, test_save_now, fixture_tear_down);
  g_test_add ("/editor/no-reload-after-save", Fixture, NULL, fixture_set_up, test_no_reload_after_save, fixture_tear_down);
  g_test_add ("/editor/merge-with-concurrent-save", Fixture, NULL, fixture_set_up, test_merge_with_concurrent_save, fixture_tear_down);
  g_test_add ("/editor/same-paragraph-from-website", Fixture, NULL, fixture_set_up, test_same_paragraph_from_website, fixture_tear_down);
  g_test_add ("/editor/format-actions", Fixture, NULL, fixture_set_up, test_format_actions, fixture_tear_down);
  g_test_add_func ("/editor/toggle-lines", test_toggle_lines);
  g_test_add_func ("/editor/normalize-url", test_normalize_url);
  g_test_add_func ("/editor/direction", test_direction);
  g_test_add ("/editor/accessible-names", Fixture, NULL, fixture_set_up, test_accessible_names, fixture_tear_down);
  g_test_add ("/editor/dateline-and-stats", Fixture, NULL, fixture_set_up, test_dateline_and_stats, fixture_tear_down);
  g_test_add ("/editor/add-translation", Fixture, NULL, fixture_set_up, test_add_translation, fixture_tear_down);
  g_test_add ("/editor/paste-html", Fixture, NULL, fixture_set_up, test_paste_html, fixture_tear_down);
  g_test_add ("/editor/save-failure", Fixture, NULL, fixture_set_up, test_save_failure, fixture_tear_down);
  g_test_add ("/editor/failure-across-stories", Fixture, NULL, fixture_set_up, test_failure_across_stories, fixture_tear_down);
  g_test_add ("/editor/tag-entry", Fixture, NULL, fixture_set_up, test_tag_entry, fixture_tear_down);
  g_test_add ("/editor/story-draft", Fixture, NULL, fixture_set_up, test_story_draft, fixture_tear_down);

  return g_test_run ();
}
