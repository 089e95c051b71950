/* nd-bench-generate.c
 *
 * SPDX-License-Identifier: GPL-3.0-or-later
 */

/*
 * Fills a database with a newsroom's archive for the store benchmark, through
 * the store's public API, and reports how fast it went:
 *
 *   nd-bench-generate [--stories N] [--seed S] [--batch B] [--force] FILE
 *
 * Each story (default 100,000) gets a source edition in Russian (half),
 * English or Arabic and editions in the two other languages, each of about
 * 600 words with a headline and a standfirst, so 3 × N editions. On the way
 * it does what editors do: asks for translations, moves editions through
 * the workflow (most end published, some draft, in review, ready or
 * scheduled), marks translations up to date and then revises the source for
 * some stories (so they are stale), leaves about 4% of the translations not
 * started ("needs translation", no text), puts stories in sections and a few
 * in the trash. B stories (default 500) share a transaction, as an import
 * would. Text and choices come from one seed, so two runs give the same
 * archive (apart from the times and uuids the store makes up).
 *
 * The file is written as FILE.partial and renamed to FILE at the end, so a
 * FILE that exists is complete. The seed is kept in the database's settings
 * (bench-seed) for nd-bench-store, which searches for words of the same
 * vocabulary.
 */

#include "config.h"

#include <errno.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>

#include <glib/gstdio.h>

#include "nd-bench-text.h"
#include "nd-story-store.h"

static const char *const langs[] = { "ru", "en", "ar" };

typedef struct
{
  NdStoryStore      *store;
  NdDatabase        *db;
  GRand             *rand;
  NdBenchVocabulary *vocabularies[G_N_ELEMENTS (langs)];
  GArray            *section_ids;

  guint64            n_editions;
  guint64            n_editions_with_text;
  guint64            n_words;
  guint64            n_text_bytes;
  guint64            n_saves;
  guint              n_stale;
  guint              n_untranslated;
  guint              n_trashed;
  guint              n_by_status[ND_EDITION_STATUS_LAST + 1];
} Generator;

G_GNUC_NORETURN static void
die (const char *what,
     GError     *error)
{
  g_printerr ("nd-bench-generate: %s: %s\n", what, error != NULL ? error->message : "failed");
  exit (1);
}

static NdBenchVocabulary *
vocabulary_for (Generator  *gen,
                const char *lang)
{
  for (guint i = 0; i < G_N_ELEMENTS (langs); i++)
    if (g_str_equal (langs[i], lang))
      return gen->vocabularies[i];
  g_assert_not_reached ();
}

static void
fill_text (Generator *gen,
           NdEdition *edition)
{
  NdBenchVocabulary *vocabulary = vocabulary_for (gen, nd_edition_get_lang (edition));
  g_autoptr(GString) headline = g_string_new (NULL);
  g_autoptr(GString) standfirst = g_string_new (NULL);
  g_autoptr(GString) body = g_string_sized_new (8192);

  nd_bench_text_headline (vocabulary, gen->rand, headline);
  nd_bench_text_standfirst (vocabulary, gen->rand, standfirst);
  gen->n_words += nd_bench_text_body (vocabulary, gen->rand, g_rand_int_range (gen->rand, 450, 751), body);
  gen->n_text_bytes += headline->len + standfirst->len + body->len;

  nd_edition_set_headline (edition, headline->str);
  nd_edition_set_standfirst (edition, standfirst->str);
  nd_edition_set_body (edition, body->str);
}

/* An editor's later pass: a paragraph added in the middle of the body. */
static void
revise_text (Generator *gen,
             NdEdition *edition)
{
  NdBenchVocabulary *vocabulary = vocabulary_for (gen, nd_edition_get_lang (edition));
  g_autoptr(GString) body = g_string_new (nd_edition_get_body (edition));
  g_autoptr(GString) paragraph = g_string_new (NULL);
  const char *at = strstr (body->str + body->len / 2, "\n\n");
  guint n = 0;

  for (guint i = 0; i < 3; i++)
    {
      g_string_append_c (paragraph, i == 0 ? '\n' : ' ');
      n += nd_bench_text_sentence (vocabulary, gen->rand, g_rand_int_range (gen->rand, 8, 20), paragraph);
    }
  g_string_prepend_c (paragraph, '\n');
  if (at != NULL)
    g_string_insert (body, at - body->str, paragraph->str);
  else
    g_string_append (body, paragraph->str);

  gen->n_words += n;
  nd_edition_set_body (edition, body->str);
}

static void
save (Generator *gen,
      NdEdition *edition)
{
  g_autoptr(GError) error = NULL;

  if (!nd_story_store_save_edition (gen->store, edition, &error))
    die ("save edition", error);
  gen->n_saves++;
}

static void
set_status (Generator       *gen,
            NdEdition       *edition,
            NdEditionStatus  status)
{
  g_autoptr(GError) error = NULL;

  if (!nd_story_store_set_edition_status (gen->store, edition, status, "generator", &error))
    die ("set status", error);
}

/* Walks an edition through the workflow to where it ends in the archive. */
static void
advance (Generator *gen,
         NdEdition *edition)
{
  g_autoptr(GError) error = NULL;
  int pick = g_rand_int_range (gen->rand, 0, 100);
  NdEditionStatus target = pick < 62 ? ND_EDITION_STATUS_PUBLISHED
                           : pick < 66 ? ND_EDITION_STATUS_SCHEDULED
                           : pick < 73 ? ND_EDITION_STATUS_READY
                           : pick < 83 ? ND_EDITION_STATUS_IN_REVIEW
                           : ND_EDITION_STATUS_DRAFT;
  gint64 now = g_get_real_time () / G_USEC_PER_SEC;

  if (nd_edition_get_status (edition) == ND_EDITION_STATUS_NEEDS_TRANSLATION)
    set_status (gen, edition, ND_EDITION_STATUS_DRAFT);
  if (target >= ND_EDITION_STATUS_IN_REVIEW)
    set_status (gen, edition, ND_EDITION_STATUS_IN_REVIEW);
  if (target >= ND_EDITION_STATUS_READY)
    set_status (gen, edition, ND_EDITION_STATUS_READY);
  if (target == ND_EDITION_STATUS_SCHEDULED || target == ND_EDITION_STATUS_PUBLISHED)
    {
      gint64 when = target == ND_EDITION_STATUS_SCHEDULED
                    ? now + g_rand_int_range (gen->rand, 3600, 7 * 86400)
                    : now - g_rand_int_range (gen->rand, 60, 5 * 365 * 86400);

      if (!nd_story_store_set_publish_at (gen->store, edition, when, &error))
        die ("set publish time", error);
      set_status (gen, edition, target);
    }

  gen->n_by_status[target]++;
}

static void
generate_story (Generator *gen)
{
  g_autoptr(GError) error = NULL;
  g_autoptr(NdStory) story = NULL;
  g_autoptr(GPtrArray) translations = g_ptr_array_new_with_free_func (g_object_unref);
  int pick = g_rand_int_range (gen->rand, 0, 100);
  const char *source_lang = pick < 50 ? "ru" : pick < 80 ? "en" : "ar";
  NdEdition *source;
  gboolean stale = g_rand_int_range (gen->rand, 0, 100) < 8;
  gboolean revised = g_rand_int_range (gen->rand, 0, 100) < 15;

  story = nd_story_store_create_story (gen->store, source_lang, &error);
  if (story == NULL)
    die ("create story", error);
  source = nd_story_get_edition (story, source_lang);
  gen->n_editions++;

  if (g_rand_int_range (gen->rand, 0, 100) < 95)
    {
      nd_story_set_section_id (story, g_array_index (gen->section_ids, gint64,
                                                     g_rand_int_range (gen->rand, 0, gen->section_ids->len)));
      if (!nd_story_store_save_story (gen->store, story, &error))
        die ("save story", error);
    }

  fill_text (gen, source);
  save (gen, source);
  gen->n_editions_with_text++;
  if (revised)
    {
      revise_text (gen, source);
      save (gen, source);
    }

  for (guint i = 0; i < G_N_ELEMENTS (langs); i++)
    {
      NdEdition *translation;

      if (g_str_equal (langs[i], source_lang))
        continue;
      translation = nd_story_store_add_edition (gen->store, nd_story_get_id (story), langs[i], &error);
      if (translation == NULL)
        die ("add edition", error);
      gen->n_editions++;

      /* Asked for but not started. */
      if (g_rand_int_range (gen->rand, 0, 100) < 4)
        {
          gen->n_untranslated++;
          gen->n_by_status[ND_EDITION_STATUS_NEEDS_TRANSLATION]++;
          g_object_unref (translation);
          continue;
        }

      fill_text (gen, translation);
      save (gen, translation);
      gen->n_editions_with_text++;
      if (stale || g_rand_int_range (gen->rand, 0, 100) < 70)
        {
          if (!nd_story_store_mark_translated (gen->store, translation, &error))
            die ("mark translated", error);
        }
      g_ptr_array_add (translations, translation);
    }

  /* The source moves on after the translations were made. */
  if (stale && translations->len > 0)
    {
      revise_text (gen, source);
      save (gen, source);
      gen->n_stale++;
    }

  advance (gen, source);
  for (guint i = 0; i < translations->len; i++)
    advance (gen, g_ptr_array_index (translations, i));

  if (g_rand_int_range (gen->rand, 0, 100) == 0)
    {
      if (!nd_story_store_trash_story (gen->store, nd_story_get_id (story), &error))
        die ("trash story", error);
      gen->n_trashed++;
    }
}

static gint64
file_size (const char *path)
{
  GStatBuf st;

  return g_stat (path, &st) == 0 ? (gint64) st.st_size : 0;
}

static void
remove_database (const char *path)
{
  const char *suffixes[] = { "", "-wal", "-shm", "-journal" };

  for (guint i = 0; i < G_N_ELEMENTS (suffixes); i++)
    {
      g_autofree char *name = g_strconcat (path, suffixes[i], NULL);

      if (g_remove (name) != 0 && errno != ENOENT)
        g_printerr ("nd-bench-generate: could not remove %s: %s\n", name, g_strerror (errno));
    }
}

int
main (int   argc,
      char *argv[])
{
  g_autoptr(GError) error = NULL;
  g_autoptr(GOptionContext) context = NULL;
  g_autoptr(NdDatabase) db = NULL;
  g_autoptr(NdStoryStore) store = NULL;
  g_autofree char *partial = NULL;
  g_autofree char *seed_text = NULL;
  g_autofree char *stories_text = NULL;
  int n_stories = 100000;
  int seed = 20240601;
  int batch = 500;
  gboolean force = FALSE;
  GOptionEntry entries[] = {
    { "stories", 'n', 0, G_OPTION_ARG_INT, &n_stories, "Number of stories (default 100000)", "N" },
    { "seed", 's', 0, G_OPTION_ARG_INT, &seed, "Seed of the text and choices", "S" },
    { "batch", 'b', 0, G_OPTION_ARG_INT, &batch, "Stories per transaction (default 500)", "B" },
    { "force", 'f', 0, G_OPTION_ARG_NONE, &force, "Replace FILE if it exists", NULL },
    { NULL }
  };
  Generator gen = { 0 };
  GListModel *sections;
  gint64 start, insert_end, close_end;
  gint64 wal_size;
  gint64 db_size_before_close;
  gint64 wal_after_close;
  double seconds;

  /* Progress lines must show up in logs as they happen. */
  setvbuf (stdout, NULL, _IOLBF, 0);

  context = g_option_context_new ("FILE — generate a benchmark archive");
  g_option_context_add_main_entries (context, entries, NULL);
  if (!g_option_context_parse (context, &argc, &argv, &error))
    die ("options", error);
  if (argc != 2 || n_stories <= 0 || batch <= 0)
    {
      g_printerr ("%s", g_option_context_get_help (context, TRUE, NULL));
      return 2;
    }

  if (g_file_test (argv[1], G_FILE_TEST_EXISTS) && !force)
    {
      g_printerr ("nd-bench-generate: %s exists; pass --force to replace it\n", argv[1]);
      return 1;
    }
  partial = g_strconcat (argv[1], ".partial", NULL);
  remove_database (partial);

  db = nd_database_open (partial, ND_DATABASE_FLAGS_NONE, &error);
  if (db == NULL)
    die ("open database", error);
  store = nd_story_store_new (db, &error);
  if (store == NULL)
    die ("create store", error);

  gen.store = store;
  gen.db = db;
  gen.rand = g_rand_new_with_seed (seed);
  for (guint i = 0; i < G_N_ELEMENTS (langs); i++)
    gen.vocabularies[i] = nd_bench_vocabulary_new (langs[i], seed, ND_BENCH_VOCABULARY_SIZE);
  gen.section_ids = g_array_new (FALSE, FALSE, sizeof (gint64));
  sections = nd_story_store_get_sections (store);
  for (guint i = 0; i < g_list_model_get_n_items (sections); i++)
    {
      g_autoptr(NdSection) section = g_list_model_get_item (sections, i);
      gint64 id = nd_section_get_id (section);

      g_array_append_val (gen.section_ids, id);
    }

  seed_text = g_strdup_printf ("%d", seed);
  stories_text = g_strdup_printf ("%d", n_stories);
  if (!nd_story_store_set_setting (store, "bench-seed", seed_text, &error) ||
      !nd_story_store_set_setting (store, "bench-stories", stories_text, &error))
    die ("write settings", error);

  printf ("Generating %d stories × 3 editions into %s (seed %d, %d stories per transaction)\n",
           n_stories, argv[1], seed, batch);

  start = g_get_monotonic_time ();
  for (int done = 0; done < n_stories; )
    {
      int n = MIN (batch, n_stories - done);
      int report_every = MAX (batch, (n_stories / 20) / batch * batch);

      if (!nd_database_begin (db, &error))
        die ("begin", error);
      for (int i = 0; i < n; i++)
        generate_story (&gen);
      if (!nd_database_commit (db, &error))
        die ("commit", error);
      done += n;

      if (done % report_every == 0 || done == n_stories)
        {
          g_autofree char *wal = g_strconcat (partial, "-wal", NULL);
          double elapsed = (g_get_monotonic_time () - start) / (double) G_USEC_PER_SEC;

          printf ("  %7d stories  %7.1f s  %6.0f stories/s  db %6.0f MiB + wal %5.0f MiB\n",
                   done, elapsed, done / elapsed,
                   file_size (partial) / 1048576.0, file_size (wal) / 1048576.0);
        }
    }
  insert_end = g_get_monotonic_time ();

  {
    g_autofree char *wal = g_strconcat (partial, "-wal", NULL);

    wal_size = file_size (wal);
    db_size_before_close = file_size (partial);
  }

  /* Closing checkpoints the WAL into the file and runs PRAGMA optimize. */
  g_clear_object (&store);
  g_clear_object (&db);
  close_end = g_get_monotonic_time ();

  {
    g_autofree char *wal = g_strconcat (partial, "-wal", NULL);

    /* A WAL left behind holds committed pages: renaming the file without
     * it would lose them. */
    wal_after_close = file_size (wal);
    if (g_file_test (wal, G_FILE_TEST_EXISTS))
      {
        g_printerr ("nd-bench-generate: %s is still there after closing\n", wal);
        return 1;
      }
  }

  if (g_rename (partial, argv[1]) != 0)
    {
      g_printerr ("nd-bench-generate: could not rename %s: %s\n", partial, g_strerror (errno));
      return 1;
    }

  seconds = (insert_end - start) / (double) G_USEC_PER_SEC;
  printf ("\n");
  printf ("stories            %d (%u in the trash, %u stale, %u translations not started)\n",
           n_stories, gen.n_trashed, gen.n_stale, gen.n_untranslated);
  printf ("editions           %" G_GUINT64_FORMAT " (%" G_GUINT64_FORMAT " with text: "
           "%u published, %u scheduled, %u ready, %u in review, %u draft)\n",
           gen.n_editions, gen.n_editions_with_text,
           gen.n_by_status[ND_EDITION_STATUS_PUBLISHED], gen.n_by_status[ND_EDITION_STATUS_SCHEDULED],
           gen.n_by_status[ND_EDITION_STATUS_READY], gen.n_by_status[ND_EDITION_STATUS_IN_REVIEW],
           gen.n_by_status[ND_EDITION_STATUS_DRAFT]);
  printf ("text               %.1f M words, %.0f MiB, %" G_GUINT64_FORMAT " saves\n",
           gen.n_words / 1e6, gen.n_text_bytes / 1048576.0, gen.n_saves);
  printf ("insert time        %.1f s\n", seconds);
  printf ("insert rate        %.0f stories/s, %.0f editions/s, %.1f MiB of text/s\n",
           n_stories / seconds, gen.n_editions / seconds, gen.n_text_bytes / 1048576.0 / seconds);
  printf ("close              %.1f s (checkpoint of a %.0f MiB WAL, PRAGMA optimize)\n",
           (close_end - insert_end) / (double) G_USEC_PER_SEC, wal_size / 1048576.0);
  printf ("before close       database %.1f MiB + WAL %.1f MiB\n",
           db_size_before_close / 1048576.0, wal_size / 1048576.0);
  printf ("database size      %.1f MiB (%.1f KiB per story), WAL after close %.1f MiB\n",
           file_size (argv[1]) / 1048576.0, file_size (argv[1]) / 1024.0 / n_stories,
           wal_after_close / 1048576.0);

  for (guint i = 0; i < G_N_ELEMENTS (langs); i++)
    nd_bench_vocabulary_free (gen.vocabularies[i]);
  g_array_unref (gen.section_ids);
  g_rand_free (gen.rand);

  return 0;
}
