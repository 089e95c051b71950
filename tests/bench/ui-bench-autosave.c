/* ui-bench-autosave.c
 *
 * SPDX-License-Identifier: GPL-3.0-or-later
 */

/*
 * The story editor with a 5,000-word body, for typing into while it
 * autosaves:
 *
 *   ui-bench-autosave --database FILE [--words 5000] [--lang en] --saves LOG
 *
 * It adds a story to FILE (give it a copy: the file is written) whose
 * edition in LANG has a body of about N words of the benchmark's made-up
 * text, shows it in an NdStoryEditor in a window of Newsdesk's size, puts
 * the cursor at the end of a paragraph in the middle of the body and gives
 * the body the focus. Then it waits for keys (run-ui-bench.sh types with
 * ui-type.py, and the startup probe, preloaded in "echo" mode, times each
 * key to its frame).
 *
 * LOG gets what blocked the main loop: every iteration of the main context
 * that took 8 ms or more, as "busy START_US END_US", and those in which an
 * edition was saved as "save START_US END_US BODY_BYTES" (CLOCK_MONOTONIC).
 * An iteration is timed from the return of poll() to the next call of it, so
 * a save's time includes whatever else was dispatched with it; while it
 * runs, no key can be handled.
 */

#include "config.h"

#include <stdio.h>
#include <stdlib.h>
#include <string.h>

#include <adwaita.h>
#include <gtksourceview/gtksource.h>

#include "nd-bench-text.h"
#include "nd-resources.h"
#include "nd-story-editor.h"
#include "nd-story-store.h"

#define BUSY_US 8000

static struct {
  FILE      *log;
  GPollFunc  real_poll;
  gint64     iteration_start;
  gboolean   saved_in_iteration;
  gsize      saved_bytes;
  GMainLoop *loop;
} bench;

G_GNUC_NORETURN static void
die (const char *what,
     GError     *error)
{
  g_printerr ("ui-bench-autosave: %s: %s\n", what, error != NULL ? error->message : "failed");
  exit (1);
}

static int
timed_poll (GPollFD *fds,
            guint    n_fds,
            int      timeout)
{
  gint64 now = g_get_monotonic_time ();
  int ret;

  if (bench.iteration_start != 0)
    {
      gint64 busy = now - bench.iteration_start;

      if (bench.saved_in_iteration)
        fprintf (bench.log, "save %" G_GINT64_FORMAT " %" G_GINT64_FORMAT " %" G_GSIZE_FORMAT "\n",
                 bench.iteration_start, now, bench.saved_bytes);
      else if (busy >= BUSY_US)
        fprintf (bench.log, "busy %" G_GINT64_FORMAT " %" G_GINT64_FORMAT "\n",
                 bench.iteration_start, now);
      fflush (bench.log);
    }
  bench.saved_in_iteration = FALSE;

  ret = bench.real_poll (fds, n_fds, timeout);
  bench.iteration_start = g_get_monotonic_time ();
  return ret;
}

/* The store says so at the end of every save of the story. */
static void
on_story_changed_cb (NdStoryStore *store,
                     gint64        story_id,
                     gpointer      user_data)
{
  NdStoryEditor *editor = user_data;
  NdEditionEditor *edition_editor = nd_story_editor_get_edition_editor (editor, nd_story_editor_get_lang (editor));
  NdEdition *edition = edition_editor != NULL ? nd_edition_editor_get_edition (edition_editor) : NULL;

  bench.saved_in_iteration = TRUE;
  bench.saved_bytes = edition != NULL && nd_edition_get_body (edition) != NULL
                      ? strlen (nd_edition_get_body (edition)) : 0;
}

static GtkSourceView *
find_body_view (GtkWidget *widget)
{
  GtkSourceView *best = NULL;
  int best_chars = -1;

  if (GTK_SOURCE_IS_VIEW (widget))
    return GTK_SOURCE_VIEW (widget);

  for (GtkWidget *child = gtk_widget_get_first_child (widget);
       child != NULL;
       child = gtk_widget_get_next_sibling (child))
    {
      GtkSourceView *view = find_body_view (child);
      int chars;

      if (view == NULL)
        continue;
      chars = gtk_text_buffer_get_char_count (gtk_text_view_get_buffer (GTK_TEXT_VIEW (view)));
      if (chars > best_chars)
        {
          best = view;
          best_chars = chars;
        }
    }

  return best;
}

static gint64
add_story (NdStoryStore *store,
           const char   *lang,
           guint         n_words)
{
  g_autoptr(GError) error = NULL;
  g_autoptr(NdStory) story = NULL;
  g_autoptr(NdEdition) edition = NULL;
  g_autoptr(NdBenchVocabulary) vocabulary = nd_bench_vocabulary_new (lang, 20240601, ND_BENCH_VOCABULARY_SIZE);
  g_autoptr(GRand) rand = g_rand_new_with_seed (5000);
  g_autoptr(GString) headline = g_string_new (NULL);
  g_autoptr(GString) standfirst = g_string_new (NULL);
  g_autoptr(GString) body = g_string_new (NULL);

  story = nd_story_store_create_story (store, lang, &error);
  if (story == NULL)
    die ("create story", error);
  edition = nd_story_store_load_edition (store, nd_story_get_id (story), lang, &error);
  if (edition == NULL)
    die ("load edition", error);

  nd_bench_text_headline (vocabulary, rand, headline);
  nd_bench_text_standfirst (vocabulary, rand, standfirst);
  nd_bench_text_body (vocabulary, rand, n_words, body);
  nd_edition_set_headline (edition, headline->str);
  nd_edition_set_standfirst (edition, standfirst->str);
  nd_edition_set_body (edition, body->str);
  if (!nd_story_store_save_edition (store, edition, &error))
    die ("save edition", error);

  return nd_story_get_id (story);
}

/* The cursor goes where an editor adds a sentence: the end of a paragraph
 * half-way down. */
static gboolean
focus_body_cb (gpointer user_data)
{
  GtkWidget *editor = user_data;
  GtkSourceView *view = find_body_view (editor);
  GtkTextBuffer *buffer;
  GtkTextIter iter;

  if (view == NULL)
    {
      g_printerr ("ui-bench-autosave: no body view in the editor\n");
      exit (1);
    }
  buffer = gtk_text_view_get_buffer (GTK_TEXT_VIEW (view));
  gtk_text_buffer_get_iter_at_offset (buffer, &iter, gtk_text_buffer_get_char_count (buffer) / 2);
  if (!gtk_text_iter_ends_line (&iter))
    gtk_text_iter_forward_to_line_end (&iter);
  gtk_text_buffer_place_cursor (buffer, &iter);
  gtk_widget_grab_focus (GTK_WIDGET (view));
  gtk_text_view_scroll_to_mark (GTK_TEXT_VIEW (view), gtk_text_buffer_get_insert (buffer), 0.1, FALSE, 0, 0);

  fprintf (bench.log, "ready %" G_GINT64_FORMAT " %d\n", g_get_monotonic_time (),
           gtk_text_buffer_get_char_count (buffer));
  fflush (bench.log);
  return G_SOURCE_REMOVE;
}

int
main (int   argc,
      char *argv[])
{
  g_autoptr(GError) error = NULL;
  g_autoptr(GOptionContext) context = NULL;
  g_autoptr(NdDatabase) database = NULL;
  g_autoptr(NdStoryStore) store = NULL;
  g_autofree char *path = NULL;
  g_autofree char *saves = NULL;
  g_autofree char *lang = NULL;
  int words = 5000;
  GtkWidget *window;
  NdStoryEditor *editor;
  gint64 story_id;
  const GOptionEntry entries[] = {
    { "database", 0, 0, G_OPTION_ARG_FILENAME, &path, "The database to add the story to (a copy)", "FILE" },
    { "words", 0, 0, G_OPTION_ARG_INT, &words, "Words in the body (5000)", "N" },
    { "lang", 0, 0, G_OPTION_ARG_STRING, &lang, "Language of the edition (en)", "CODE" },
    { "saves", 0, 0, G_OPTION_ARG_FILENAME, &saves, "Where to log saves and busy iterations", "LOG" },
    { NULL }
  };

  context = g_option_context_new ("- type into a long story while it autosaves");
  g_option_context_add_main_entries (context, entries, NULL);
  if (!g_option_context_parse (context, &argc, &argv, &error))
    die ("options", error);
  if (path == NULL || saves == NULL)
    {
      g_printerr ("ui-bench-autosave: --database and --saves are needed\n");
      return 2;
    }
  if (lang == NULL)
    lang = g_strdup ("en");

  bench.log = fopen (saves, "a");
  if (bench.log == NULL)
    {
      g_printerr ("ui-bench-autosave: cannot write %s\n", saves);
      return 1;
    }

  gtk_init ();
  adw_init ();
  gtk_source_init ();
  g_resources_register (nd_get_resource ());

  database = nd_database_open (path, ND_DATABASE_FLAGS_NONE, &error);
  if (database == NULL)
    die ("open database", error);
  store = nd_story_store_new (database, &error);
  if (store == NULL)
    die ("open store", error);
  story_id = add_story (store, lang, (guint) words);

  editor = nd_story_editor_new (store);
  window = gtk_window_new ();
  gtk_window_set_title (GTK_WINDOW (window), "Autosave benchmark");
  gtk_window_set_default_size (GTK_WINDOW (window), 1100, 720);
  gtk_window_set_child (GTK_WINDOW (window), GTK_WIDGET (editor));
  nd_story_editor_set_story (editor, story_id);
  nd_story_editor_set_lang (editor, lang);
  g_signal_connect (store, "story-changed", G_CALLBACK (on_story_changed_cb), editor);

  bench.real_poll = g_main_context_get_poll_func (NULL);
  g_main_context_set_poll_func (NULL, timed_poll);

  bench.loop = g_main_loop_new (NULL, FALSE);
  g_signal_connect_swapped (window, "destroy", G_CALLBACK (g_main_loop_quit), bench.loop);
  gtk_window_present (GTK_WINDOW (window));
  g_idle_add (focus_body_cb, editor);
  g_main_loop_run (bench.loop);

  fclose (bench.log);
  return 0;
}
