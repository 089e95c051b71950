/* nd-bench-store.c
 *
 * SPDX-License-Identifier: GPL-3.0-or-later
 */

/*
 * Measures the store on an archive made by nd-bench-generate:
 *
 *   nd-bench-store [--explain] [--reps N] [--saves N] FILE
 *
 * - opening (nd_database_open + nd_story_store_new) in fresh processes,
 *   with the file in the page cache and with it evicted (posix_fadvise);
 * - a list page: the newest 200 story ids for several filters;
 * - search: the first page of 20 hits for 40 queries per language, common
 *   and rare words of the generator's vocabulary, words half typed and
 *   two-word queries, three rounds;
 * - saving a 5,000-word edition with its revision, the way autosave does
 *   after a small edit.
 *
 * Each is reported as median and 95th percentile against its target. The
 * saves go to one scratch story, made on the first run and remembered in
 * the settings (bench-scratch-story), so the archive itself is not changed.
 * Nothing here asserts on time: targets are reported, never enforced.
 */

#include "config.h"

#include <fcntl.h>
#include <math.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>
#include <unistd.h>

#include <glib/gstdio.h>

#include "nd-bench-text.h"
#include "nd-story-store.h"
#include "nd-text-stats.h"

#define TARGET_OPEN_MS   50.0
#define TARGET_LIST_MS    5.0
#define TARGET_SEARCH_MS 15.0
#define TARGET_SAVE_MS    5.0

static const char *const langs[] = { "ru", "en", "ar" };

static gboolean opt_explain = FALSE;
static int opt_reps = 50;
static int opt_saves = 50;
static int opt_opens = 10;
static int opt_rounds = 3;
static char *opt_open_only = NULL;

G_GNUC_NORETURN static void
die (const char *what,
     GError     *error)
{
  g_printerr ("nd-bench-store: %s: %s\n", what, error != NULL ? error->message : "failed");
  exit (1);
}

static double
now_ms (void)
{
  struct timespec ts;

  clock_gettime (CLOCK_MONOTONIC, &ts);
  return ts.tv_sec * 1e3 + ts.tv_nsec / 1e6;
}

/* Statistics and the table ---------------------------------------------------- */

static int
compare_doubles (gconstpointer a,
                 gconstpointer b)
{
  double x = *(const double *) a;
  double y = *(const double *) b;

  return x < y ? -1 : x > y;
}

/* Nearest rank: the smallest sample with at least @q of the samples at or
 * below it. */
static double
percentile (GArray *samples,
            double  q)
{
  g_autoptr(GArray) sorted = NULL;
  guint rank;

  if (samples->len == 0)
    return NAN;
  sorted = g_array_copy (samples);
  g_array_sort (sorted, compare_doubles);
  rank = (guint) ceil (q * sorted->len);
  return g_array_index (sorted, double, CLAMP (rank, 1, sorted->len) - 1);
}

static GArray *
samples_new (void)
{
  return g_array_new (FALSE, FALSE, sizeof (double));
}

static void
samples_add (GArray *samples,
             double  value)
{
  g_array_append_val (samples, value);
}

static void
print_header (const char *title)
{
  printf ("\n%s\n", title);
  printf ("  %-44s %5s %9s %9s %9s %9s  %s\n", "", "n", "median", "p95", "max", "target", "");
}

/* One row: the verdict looks at the p95 for search and the median elsewhere,
 * as the targets are stated. */
static void
print_row (const char *label,
           GArray     *samples,
           double      target,
           gboolean    target_on_p95,
           const char *note)
{
  double median = percentile (samples, 0.5);
  double p95 = percentile (samples, 0.95);
  double max = percentile (samples, 1.0);
  const char *verdict = "";
  g_autofree char *target_text = target > 0 ? g_strdup_printf ("< %g ms", target) : g_strdup ("");

  if (target > 0)
    {
      double judged = target_on_p95 ? p95 : median;

      verdict = judged < target ? (p95 < target ? "ok" : "ok (p95 over)") : "MISSED";
    }

  printf ("  %-44s %5u %6.2f ms %6.2f ms %6.2f ms %9s  %s%s%s\n", label, samples->len, median, p95, max,
           target_text, verdict, note != NULL ? "  " : "", note != NULL ? note : "");
}

/* printf pads by bytes; Cyrillic and Arabic need padding by characters. */
static char *
pad (const char *text,
     guint       width)
{
  glong length = g_utf8_strlen (text, -1);
  g_autoptr(GString) out = g_string_new (text);

  for (glong i = length; i < (glong) width; i++)
    g_string_append_c (out, ' ');
  return g_string_free (g_steal_pointer (&out), FALSE);
}

/* Tracing statements for query plans and time breakdowns --------------------- */

typedef struct
{
  gboolean    on;
  GPtrArray  *sql;         /* expanded SQL of each statement run */
  GHashTable *time_by_sql; /* unexpanded SQL → total ms (double *) */
  GHashTable *count_by_sql;
} Trace;

static Trace trace;

static int
trace_cb (unsigned  type,
          void     *context,
          void     *p,
          void     *x)
{
  sqlite3_stmt *stmt = p;
  double ms;
  const char *sql;
  double *total;
  char *expanded;

  if (!trace.on || type != SQLITE_TRACE_PROFILE)
    return 0;

  ms = *(sqlite3_int64 *) x / 1e6;
  sql = sqlite3_sql (stmt);
  total = g_hash_table_lookup (trace.time_by_sql, sql);
  if (total == NULL)
    {
      total = g_new0 (double, 1);
      g_hash_table_insert (trace.time_by_sql, g_strdup (sql), total);
      g_hash_table_insert (trace.count_by_sql, g_strdup (sql), GUINT_TO_POINTER (0));
    }
  *total += ms;
  g_hash_table_insert (trace.count_by_sql, g_strdup (sql),
                       GUINT_TO_POINTER (GPOINTER_TO_UINT (g_hash_table_lookup (trace.count_by_sql, sql)) + 1));

  expanded = sqlite3_expanded_sql (stmt);
  if (expanded != NULL)
    {
      g_ptr_array_add (trace.sql, g_strdup (expanded));
      sqlite3_free (expanded);
    }
  return 0;
}

static void
trace_start (void)
{
  g_ptr_array_set_size (trace.sql, 0);
  g_hash_table_remove_all (trace.time_by_sql);
  g_hash_table_remove_all (trace.count_by_sql);
  trace.on = TRUE;
}

static void
trace_stop (void)
{
  trace.on = FALSE;
}

static void
print_plan (NdDatabase *db,
            const char *sql)
{
  sqlite3 *handle = nd_database_get_handle (db);
  g_autofree char *explain = g_strconcat ("EXPLAIN QUERY PLAN ", sql, NULL);
  g_autoptr(GHashTable) depth = g_hash_table_new (g_direct_hash, g_direct_equal);
  sqlite3_stmt *stmt = NULL;
  g_autofree char *shown = NULL;

  /* Long MATCH strings and bodies are cut for reading. */
  shown = g_utf8_substring (sql, 0, MIN (g_utf8_strlen (sql, -1), 220));
  printf ("    %s%s\n", shown, g_utf8_strlen (sql, -1) > 220 ? "…" : "");

  if (sqlite3_prepare_v2 (handle, explain, -1, &stmt, NULL) != SQLITE_OK)
    {
      printf ("      (no plan: %s)\n", sqlite3_errmsg (handle));
      return;
    }
  while (sqlite3_step (stmt) == SQLITE_ROW)
    {
      int id = sqlite3_column_int (stmt, 0);
      int parent = sqlite3_column_int (stmt, 1);
      int level = GPOINTER_TO_INT (g_hash_table_lookup (depth, GINT_TO_POINTER (parent))) + 1;

      g_hash_table_insert (depth, GINT_TO_POINTER (id), GINT_TO_POINTER (level));
      printf ("      %*s%s\n", level * 2, "", sqlite3_column_text (stmt, 3));
    }
  sqlite3_finalize (stmt);
}

/* Prints the plans of the distinct statements the last traced call ran. */
static void
print_traced_plans (NdDatabase *db,
                    guint       max_statements)
{
  g_autoptr(GHashTable) seen = g_hash_table_new (g_str_hash, g_str_equal);
  guint shown = 0;

  for (guint i = 0; i < trace.sql->len && shown < max_statements; i++)
    {
      const char *sql = g_ptr_array_index (trace.sql, i);
      g_autofree char *head = g_strndup (sql, 60);

      if (g_hash_table_contains (seen, head) || !g_str_has_prefix (sql, "SELECT"))
        continue;
      g_hash_table_add (seen, g_steal_pointer (&head));
      print_plan (db, sql);
      shown++;
    }
}

/* Opening -------------------------------------------------------------------- */

static int
open_only (const char *path)
{
  g_autoptr(GError) error = NULL;
  g_autoptr(NdDatabase) db = NULL;
  g_autoptr(NdStoryStore) store = NULL;
  double t0, t1, t2, t3;

  t0 = now_ms ();
  db = nd_database_open (path, ND_DATABASE_FLAGS_NONE, &error);
  if (db == NULL)
    die ("open", error);
  t1 = now_ms ();
  store = nd_story_store_new (db, &error);
  if (store == NULL)
    die ("store", error);
  t2 = now_ms ();
  g_clear_object (&store);
  g_clear_object (&db);
  t3 = now_ms ();

  printf ("%f %f %f\n", t1 - t0, t2 - t1, t3 - t2);
  return 0;
}

static void
evict_from_page_cache (const char *path)
{
  const char *suffixes[] = { "", "-wal", "-shm" };

  for (guint i = 0; i < G_N_ELEMENTS (suffixes); i++)
    {
      g_autofree char *name = g_strconcat (path, suffixes[i], NULL);
      int fd = open (name, O_RDONLY);

      if (fd < 0)
        continue;
      fdatasync (fd);
      posix_fadvise (fd, 0, 0, POSIX_FADV_DONTNEED);
      close (fd);
    }
}

static void
bench_open (const char *path)
{
  g_autofree char *self = g_file_read_link ("/proc/self/exe", NULL);
  g_autoptr(GArray) warm = samples_new ();
  g_autoptr(GArray) cold = samples_new ();
  g_autoptr(GArray) warm_db = samples_new ();
  g_autoptr(GArray) warm_store = samples_new ();
  g_autoptr(GArray) close_ms = samples_new ();

  print_header ("Open: nd_database_open + nd_story_store_new, each in a fresh process");

  for (int i = 0; i < 2 * opt_opens; i++)
    {
      g_autoptr(GError) error = NULL;
      g_autofree char *out = NULL;
      const char *argv[] = { self, "--open-only", path, NULL };
      gboolean evicted = i % 2 == 1;
      double db_ms, store_ms, close_time;
      int status;

      if (evicted)
        evict_from_page_cache (path);
      if (!g_spawn_sync (NULL, (char **) argv, NULL, G_SPAWN_DEFAULT, NULL, NULL, &out, NULL, &status, &error) ||
          !g_spawn_check_wait_status (status, &error))
        die ("open in a fresh process", error);
      if (sscanf (out, "%lf %lf %lf", &db_ms, &store_ms, &close_time) != 3)
        die ("read the open time", NULL);

      samples_add (evicted ? cold : warm, db_ms + store_ms);
      if (!evicted)
        {
          samples_add (warm_db, db_ms);
          samples_add (warm_store, store_ms);
          samples_add (close_ms, close_time);
        }
    }

  print_row ("open, file in the page cache", warm, TARGET_OPEN_MS, FALSE, NULL);
  print_row ("  of which nd_database_open", warm_db, 0, FALSE, NULL);
  print_row ("  of which nd_story_store_new", warm_store, 0, FALSE, NULL);
  print_row ("open, file evicted from the page cache", cold, TARGET_OPEN_MS, FALSE, NULL);
  print_row ("close (PRAGMA optimize, checkpoint)", close_ms, 0, FALSE, "not part of the target");
}

/* Lists ---------------------------------------------------------------------- */

typedef struct
{
  const char    *label;
  NdStoryFilter  filter;
} ListCase;

static void
bench_lists (NdStoryStore *store)
{
  g_autoptr(GError) error = NULL;
  NdDatabase *db = nd_story_store_get_database (store);
  NdSection *caucasus = nd_story_store_get_section_by_slug (store, "caucasus");
  ListCase cases[] = {
    { "no filter", { 0 } },
    { "lang=ar", { .lang = "ar" } },
    { "status=published, lang=en", { .lang = "en", .has_status = TRUE, .status = ND_EDITION_STATUS_PUBLISHED } },
    { "status=in-review, lang=ar", { .lang = "ar", .has_status = TRUE, .status = ND_EDITION_STATUS_IN_REVIEW } },
    { "status=draft, lang=ru", { .lang = "ru", .has_status = TRUE, .status = ND_EDITION_STATUS_DRAFT } },
    { "section=caucasus", { .section_id = caucasus != NULL ? nd_section_get_id (caucasus) : 3 } },
    { "section=caucasus, status=ready, lang=ru",
      { .section_id = caucasus != NULL ? nd_section_get_id (caucasus) : 3, .lang = "ru",
        .has_status = TRUE, .status = ND_EDITION_STATUS_READY } },
    { "needs translation", { .needs_translation = TRUE } },
    { "needs translation, lang=ar", { .needs_translation = TRUE, .lang = "ar" } },
    { "stale", { .stale = TRUE } },
    { "stale, lang=ru", { .stale = TRUE, .lang = "ru" } },
    { "trash", { .trashed = TRUE } },
  };
  g_autoptr(GPtrArray) plans = g_ptr_array_new_with_free_func (g_free);

  print_header ("List page: the newest 200 story ids (nd_story_store_query_story_ids)");

  for (guint c = 0; c < G_N_ELEMENTS (cases); c++)
    {
      g_autoptr(GArray) samples = samples_new ();
      g_autofree char *note = NULL;
      guint n_ids = 0;

      for (int r = -1; r < opt_reps; r++)
        {
          g_autoptr(GArray) ids = NULL;
          double t0;

          if (r == -1)
            trace_start ();
          t0 = now_ms ();
          ids = nd_story_store_query_story_ids (store, &cases[c].filter, 200, &error);
          if (ids == NULL)
            die ("list", error);
          if (r >= 0)
            samples_add (samples, now_ms () - t0);
          else
            {
              trace_stop ();
              if (trace.sql->len > 0)
                g_ptr_array_add (plans, g_strdup (g_ptr_array_index (trace.sql, 0)));
            }
          n_ids = ids->len;
        }

      note = g_strdup_printf ("%u ids", n_ids);
      print_row (cases[c].label, samples, TARGET_LIST_MS, FALSE, note);
    }

  /* What a list page really loads: the ids, then each story's summary. */
  {
    g_autoptr(GArray) samples = samples_new ();

    for (int r = 0; r < MAX (opt_reps / 5, 5); r++)
      {
        g_autoptr(GArray) ids = NULL;
        double t0 = now_ms ();

        ids = nd_story_store_query_story_ids (store, NULL, 200, &error);
        if (ids == NULL)
          die ("list", error);
        for (guint i = 0; i < ids->len; i++)
          {
            g_autoptr(NdStory) story = nd_story_store_load_story_summary (store, g_array_index (ids, gint64, i),
                                                                            &error);
            if (story == NULL)
              die ("load summary", error);
          }
        samples_add (samples, now_ms () - t0);
      }
    print_row ("no filter + 200 story summaries", samples, 0, FALSE, "informational");
  }

  printf ("\n  Query plans of the list queries:\n");
  for (guint i = 0; i < plans->len; i++)
    {
      printf ("  [%s]\n", cases[i].label);
      print_plan (db, g_ptr_array_index (plans, i));
    }
}

/* Search ----------------------------------------------------------------------- */

typedef enum
{
  QUERY_COMMON,
  QUERY_RARE,
  QUERY_PREFIX,
  QUERY_TWO_WORDS,
  QUERY_KEYSTROKES,
  N_QUERY_KINDS
} QueryKind;

static const char *const kind_labels[] = {
  "common word", "rare word", "prefix as typed", "two words", "every keystroke",
};

typedef struct
{
  char      *typed;
  guint      lang;
  QueryKind  kind;
  guint      n_hits;
} Query;

static void
query_free (Query *query)
{
  g_free (query->typed);
  g_free (query);
}

/* A word as an editor types it into the search entry: lower case, often
 * without ё or Latin accents. */
static char *
as_typed (const char *word,
          const char *lang,
          GRand      *rand)
{
  g_autofree char *lower = g_utf8_strdown (word, -1);

  if (g_str_equal (lang, "ru") && g_rand_boolean (rand))
    {
      char *at;

      while ((at = strstr (lower, "ё")) != NULL)
        memcpy (at, "е", 2);
    }
  if (g_str_equal (lang, "en") && g_rand_boolean (rand))
    return g_str_to_ascii (lower, "C");

  return g_steal_pointer (&lower);
}

static char *
typed_prefix (const char *word,
              const char *lang,
              GRand      *rand)
{
  g_autofree char *typed = as_typed (word, lang, rand);
  glong length = g_utf8_strlen (typed, -1);
  glong n = MIN (length - 1, g_rand_int_range (rand, 2, 6));

  return g_utf8_substring (typed, 0, MAX (n, 2));
}

static GPtrArray *
make_queries (NdBenchVocabulary **vocabularies,
              guint32             seed)
{
  g_autoptr(GRand) rand = g_rand_new_with_seed (seed + 1);
  g_autoptr(GHashTable) seen = g_hash_table_new (g_str_hash, g_str_equal);
  GPtrArray *queries = g_ptr_array_new_with_free_func ((GDestroyNotify) query_free);

  for (guint l = 0; l < G_N_ELEMENTS (langs); l++)
    {
      NdBenchVocabulary *v = vocabularies[l];
      guint size = nd_bench_vocabulary_get_size (v);

      for (guint i = 0; i < 40; i++)
        {
          Query *query = g_new0 (Query, 1);
          QueryKind kind = i / 10;
          /* Common: the top 500, a few of them the function words that are
           * in every edition. Rare: the tail from rank 10,000. */
          const char *common = nd_bench_vocabulary_get_word (v, i % 10 < 3 ? g_rand_int_range (rand, 0, 50)
                                                                            : g_rand_int_range (rand, 50, 500));
          const char *rare = nd_bench_vocabulary_get_word (v, g_rand_int_range (rand, 10000, size));
          g_autofree char *a = NULL;
          g_autofree char *b = NULL;

          query->lang = l;
          query->kind = kind;
          switch (kind)
            {
            case QUERY_COMMON:
              a = as_typed (common, langs[l], rand);
              query->typed = g_strconcat (a, " ", NULL);
              break;
            case QUERY_RARE:
              a = as_typed (rare, langs[l], rand);
              query->typed = g_strconcat (a, " ", NULL);
              break;
            case QUERY_PREFIX:
              query->typed = typed_prefix (g_rand_boolean (rand) ? common : rare, langs[l], rand);
              break;
            case QUERY_TWO_WORDS:
              /* The second word half typed, or finished with a space. */
              a = as_typed (g_rand_boolean (rand) ? common : rare, langs[l], rand);
              if (g_rand_boolean (rand))
                {
                  b = typed_prefix (rare, langs[l], rand);
                  query->typed = g_strconcat (a, " ", b, NULL);
                }
              else
                {
                  b = as_typed (common, langs[l], rand);
                  query->typed = g_strconcat (a, " ", b, " ", NULL);
                }
              break;
            case N_QUERY_KINDS:
            default:
              g_assert_not_reached ();
            }

          /* Each query once: draw again on a repeat. */
          if (g_hash_table_contains (seen, query->typed))
            {
              query_free (query);
              i--;
              continue;
            }
          g_hash_table_add (seen, query->typed);
          g_ptr_array_add (queries, query);
        }
    }

  /* Search as you type: every keystroke of three words per language, from
   * the second letter to the finished word. These are not in the 40. */
  for (guint l = 0; l < G_N_ELEMENTS (langs); l++)
    {
      NdBenchVocabulary *v = vocabularies[l];
      guint ranges[][2] = { { 50, 500 }, { 500, 5000 }, { 10000, nd_bench_vocabulary_get_size (v) } };

      for (guint w = 0; w < G_N_ELEMENTS (ranges); w++)
        {
          const char *word;
          g_autofree char *typed = NULL;
          glong length;

          /* A word long enough to type for a while. */
          do
            word = nd_bench_vocabulary_get_word (v, g_rand_int_range (rand, ranges[w][0], ranges[w][1]));
          while (g_utf8_strlen (word, -1) < 6);
          typed = as_typed (word, langs[l], rand);
          length = g_utf8_strlen (typed, -1);

          for (glong n = 2; n <= length; n++)
            {
              Query *query = g_new0 (Query, 1);
              g_autofree char *prefix = g_utf8_substring (typed, 0, n);

              query->lang = l;
              query->kind = QUERY_KEYSTROKES;
              query->typed = n == length ? g_strconcat (prefix, " ", NULL) : g_steal_pointer (&prefix);
              g_ptr_array_add (queries, query);
            }
        }
    }

  return queries;
}

static void
bench_search (NdStoryStore *store,
              guint32       seed)
{
  g_autoptr(GError) error = NULL;
  NdDatabase *db = nd_story_store_get_database (store);
  NdBenchVocabulary *vocabularies[G_N_ELEMENTS (langs)];
  g_autoptr(GPtrArray) queries = NULL;
  GArray *by_kind[G_N_ELEMENTS (langs)][N_QUERY_KINDS];
  GArray *by_lang[G_N_ELEMENTS (langs)];
  GArray *first_round[G_N_ELEMENTS (langs)];
  GArray *restricted[G_N_ELEMENTS (langs)];
  double hits_by_kind[G_N_ELEMENTS (langs)][N_QUERY_KINDS] = { { 0 } };
  guint n_by_kind[G_N_ELEMENTS (langs)][N_QUERY_KINDS] = { { 0 } };
  g_autoptr(GArray) all = samples_new ();
  Query *slowest = NULL;
  double slowest_ms = 0;

  for (guint l = 0; l < G_N_ELEMENTS (langs); l++)
    {
      vocabularies[l] = nd_bench_vocabulary_new (langs[l], seed, ND_BENCH_VOCABULARY_SIZE);
      by_lang[l] = samples_new ();
      first_round[l] = samples_new ();
      restricted[l] = samples_new ();
      for (guint k = 0; k < N_QUERY_KINDS; k++)
        by_kind[l][k] = samples_new ();
    }
  queries = make_queries (vocabularies, seed);

  for (int round = 0; round < opt_rounds; round++)
    for (guint i = 0; i < queries->len; i++)
      {
        Query *query = g_ptr_array_index (queries, i);
        g_autoptr(GPtrArray) hits = NULL;
        double t0 = now_ms ();
        double ms;

        hits = nd_story_store_search (store, query->typed, NULL, 20, &error);
        if (hits == NULL)
          die ("search", error);
        ms = now_ms () - t0;

        samples_add (by_kind[query->lang][query->kind], ms);
        if (query->kind != QUERY_KEYSTROKES)
          {
            samples_add (by_lang[query->lang], ms);
            samples_add (all, ms);
          }
        if (round == 0)
          {
            if (query->kind != QUERY_KEYSTROKES)
              samples_add (first_round[query->lang], ms);
            query->n_hits = hits->len;
            hits_by_kind[query->lang][query->kind] += hits->len;
            n_by_kind[query->lang][query->kind]++;
          }
        if (ms > slowest_ms)
          {
            slowest_ms = ms;
            slowest = query;
          }
      }

  /* The same with the language given, as the desk's language switch does. */
  for (guint i = 0; i < queries->len; i++)
    {
      Query *query = g_ptr_array_index (queries, i);
      g_autoptr(GPtrArray) hits = NULL;
      double t0;

      if (query->kind == QUERY_KEYSTROKES)
        continue;
      t0 = now_ms ();
      hits = nd_story_store_search (store, query->typed, langs[query->lang], 20, &error);
      if (hits == NULL)
        die ("search", error);
      samples_add (restricted[query->lang], now_ms () - t0);
    }

  print_header ("Search: first page of 20 hits (nd_story_store_search, any language), 3 rounds of 40 queries per language");
  for (guint l = 0; l < G_N_ELEMENTS (langs); l++)
    {
      g_autofree char *label = g_strdup_printf ("%s: all 40 queries", langs[l]);

      for (guint k = 0; k < N_QUERY_KINDS; k++)
        {
          g_autofree char *kind_label = g_strdup_printf ("%s: %s", langs[l], kind_labels[k]);
          g_autofree char *note = g_strdup_printf ("%u queries, %.1f hits on average", n_by_kind[l][k],
                                                   hits_by_kind[l][k] / MAX (n_by_kind[l][k], 1));

          print_row (kind_label, by_kind[l][k], TARGET_SEARCH_MS, TRUE, note);
        }
      print_row (label, by_lang[l], TARGET_SEARCH_MS, TRUE, NULL);
      g_clear_pointer (&label, g_free);
      label = g_strdup_printf ("%s: first round only", langs[l]);
      print_row (label, first_round[l], TARGET_SEARCH_MS, TRUE, NULL);
      g_clear_pointer (&label, g_free);
      label = g_strdup_printf ("%s: with lang=%s", langs[l], langs[l]);
      print_row (label, restricted[l], TARGET_SEARCH_MS, TRUE, NULL);
    }
  print_row ("all languages, the 120 queries", all, TARGET_SEARCH_MS, TRUE, NULL);

  printf ("\n  Sample queries (hits of the first round, time of the last round):\n");
  for (guint i = 0; i < queries->len; i++)
    {
      Query *query = g_ptr_array_index (queries, i);
      GArray *samples = by_kind[query->lang][query->kind];
      guint n_kind = n_by_kind[query->lang][query->kind];
      guint first_of_kind = 0;
      guint index;

      /* Queries of one language and kind are consecutive. */
      while (first_of_kind < i)
        {
          Query *before = g_ptr_array_index (queries, i - first_of_kind - 1);

          if (before->lang != query->lang || before->kind != query->kind)
            break;
          first_of_kind++;
        }
      index = (opt_rounds - 1) * n_kind + first_of_kind;

      if (opt_explain || first_of_kind < 3 || query->kind == QUERY_KEYSTROKES)
        {
          g_autofree char *quoted = g_strdup_printf ("“%s”", query->typed);
          g_autofree char *padded = pad (quoted, 28);

          printf ("    %s %-16s %s %2u hits  %6.2f ms\n", langs[query->lang], kind_labels[query->kind],
                  padded, query->n_hits, index < samples->len ? g_array_index (samples, double, index) : NAN);
        }
    }

  if (slowest != NULL)
    {
      g_autoptr(GPtrArray) hits = NULL;

      printf ("\n  Plans of the slowest query, “%s” (%.2f ms):\n", slowest->typed, slowest_ms);
      trace_start ();
      hits = nd_story_store_search (store, slowest->typed, NULL, 20, &error);
      trace_stop ();
      print_traced_plans (db, 2);
    }

  for (guint l = 0; l < G_N_ELEMENTS (langs); l++)
    {
      nd_bench_vocabulary_free (vocabularies[l]);
      g_array_unref (by_lang[l]);
      g_array_unref (first_round[l]);
      g_array_unref (restricted[l]);
      for (guint k = 0; k < N_QUERY_KINDS; k++)
        g_array_unref (by_kind[l][k]);
    }
}

/* Saving --------------------------------------------------------------------- */

static NdEdition *
scratch_edition (NdStoryStore *store)
{
  g_autoptr(GError) error = NULL;
  g_autofree char *id_text = nd_story_store_get_setting (store, "bench-scratch-story");
  g_autoptr(NdStory) story = NULL;
  NdEdition *edition = NULL;
  guint64 id = 0;

  if (id_text != NULL && g_ascii_string_to_unsigned (id_text, 10, 1, G_MAXINT64, &id, NULL))
    edition = nd_story_store_load_edition (store, (gint64) id, "en", NULL);
  if (edition != NULL)
    return edition;

  story = nd_story_store_create_story (store, "en", &error);
  if (story == NULL)
    die ("create the scratch story", error);
  g_free (id_text);
  id_text = g_strdup_printf ("%" G_GINT64_FORMAT, nd_story_get_id (story));
  if (!nd_story_store_set_setting (store, "bench-scratch-story", id_text, &error))
    die ("remember the scratch story", error);

  return g_object_ref (nd_story_get_edition (story, "en"));
}

/* A few words typed somewhere in the body, as between two autosaves. */
static void
edit_body (NdEdition         *edition,
           NdBenchVocabulary *vocabulary,
           GRand             *rand)
{
  g_autoptr(GString) body = g_string_new (nd_edition_get_body (edition));
  g_autoptr(GString) insert = g_string_new (" ");
  gsize at = g_rand_int_range (rand, 0, body->len);
  const char *space = strchr (body->str + at, ' ');

  nd_bench_text_sentence (vocabulary, rand, g_rand_int_range (rand, 3, 9), insert);
  g_string_insert (body, space != NULL ? (gssize) (space - body->str) : (gssize) body->len, insert->str);
  nd_edition_set_body (edition, body->str);
}

static GArray *
timed_saves (NdStoryStore      *store,
             NdEdition         *edition,
             NdBenchVocabulary *vocabulary,
             GRand             *rand,
             int                n)
{
  g_autoptr(GError) error = NULL;
  GArray *samples = samples_new ();

  for (int i = 0; i < n; i++)
    {
      double t0;

      edit_body (edition, vocabulary, rand);
      t0 = now_ms ();
      if (!nd_story_store_save_edition (store, edition, &error))
        die ("save", error);
      samples_add (samples, now_ms () - t0);
    }
  return samples;
}

typedef struct
{
  const char *sql;
  double      ms;
  guint       count;
} StatementTime;

static int
compare_statement_times (gconstpointer a,
                         gconstpointer b)
{
  const StatementTime *x = a;
  const StatementTime *y = b;

  return x->ms < y->ms ? 1 : x->ms > y->ms ? -1 : 0;
}

static void
bench_save (NdStoryStore *store,
            guint32       seed)
{
  g_autoptr(GError) error = NULL;
  NdDatabase *db = nd_story_store_get_database (store);
  g_autoptr(NdBenchVocabulary) vocabulary = nd_bench_vocabulary_new ("en", seed, ND_BENCH_VOCABULARY_SIZE);
  g_autoptr(GRand) rand = g_rand_new_with_seed (seed + 2);
  g_autoptr(NdEdition) edition = scratch_edition (store);
  g_autoptr(GString) headline = g_string_new (NULL);
  g_autoptr(GString) standfirst = g_string_new (NULL);
  g_autoptr(GString) body = g_string_new (NULL);
  g_autoptr(GArray) first = samples_new ();
  g_autoptr(GArray) edits = NULL;
  g_autoptr(GArray) normal = NULL;
  g_autoptr(GArray) count = samples_new ();
  g_autoptr(GArray) breakdown = g_array_new (FALSE, FALSE, sizeof (StatementTime));
  GHashTableIter iter;
  gpointer key, value;
  double traced_total = 0;
  double t0;

  nd_bench_text_headline (vocabulary, rand, headline);
  nd_bench_text_standfirst (vocabulary, rand, standfirst);
  nd_bench_text_body (vocabulary, rand, 5000, body);
  nd_edition_set_headline (edition, headline->str);
  nd_edition_set_standfirst (edition, standfirst->str);
  nd_edition_set_body (edition, body->str);

  /* A whole new text: the index forgets the old one and learns this. */
  t0 = now_ms ();
  if (!nd_story_store_save_edition (store, edition, &error))
    die ("save", error);
  samples_add (first, now_ms () - t0);

  trace_start ();
  edits = timed_saves (store, edition, vocabulary, rand, opt_saves);
  trace_stop ();

  /* Without the fsync of each commit (synchronous=NORMAL in WAL mode), to
   * tell the disk's share from the CPU's. */
  if (!nd_database_execute (db, "PRAGMA synchronous = NORMAL", &error))
    die ("pragma", error);
  normal = timed_saves (store, edition, vocabulary, rand, MAX (opt_saves / 2, 5));
  if (!nd_database_execute (db, "PRAGMA synchronous = FULL", &error))
    die ("pragma", error);

  for (int i = 0; i < 20; i++)
    {
      t0 = now_ms ();
      nd_text_count_markdown_words (nd_edition_get_body (edition));
      samples_add (count, now_ms () - t0);
    }

  print_header ("Save: a 5,000-word edition with its revision (nd_story_store_save_edition)");
  {
    g_autofree char *note = g_strdup_printf ("%d words, %.0f KiB", nd_edition_get_word_count (edition),
                                             strlen (nd_edition_get_body (edition)) / 1024.0);

    print_row ("autosave after a small edit", edits, TARGET_SAVE_MS, FALSE, note);
  }
  print_row ("first save of the whole text", first, TARGET_SAVE_MS, FALSE, NULL);
  print_row ("small edit, synchronous=NORMAL (no fsync)", normal, 0, FALSE, "diagnostic");
  print_row ("nd_text_count_markdown_words alone", count, 0, FALSE, "diagnostic");

  g_hash_table_iter_init (&iter, trace.time_by_sql);
  while (g_hash_table_iter_next (&iter, &key, &value))
    {
      StatementTime st = { key, *(double *) value,
                           GPOINTER_TO_UINT (g_hash_table_lookup (trace.count_by_sql, key)) };

      /* FTS5 runs its own statements on its shadow tables from inside the
       * trigger of the UPDATE; their time is part of the UPDATE's. */
      if (strstr (key, "'main'.") == NULL)
        traced_total += st.ms;
      g_array_append_val (breakdown, st);
    }
  g_array_sort (breakdown, compare_statement_times);

  printf ("\n  Where an autosave's time goes (SQL statements, mean per save; the rest is C code):\n");
  for (guint i = 0; i < breakdown->len; i++)
    {
      StatementTime *st = &g_array_index (breakdown, StatementTime, i);
      g_autofree char *shown = g_utf8_substring (st->sql, 0, MIN (g_utf8_strlen (st->sql, -1), 90));

      if (st->ms / MAX (opt_saves, 1) < 0.005)
        continue;
      printf ("    %6.2f ms  %s%s%s\n", st->ms / MAX (opt_saves, 1),
              strstr (st->sql, "'main'.") != NULL ? "  (FTS5, inside the UPDATE) " : "", shown,
              g_utf8_strlen (st->sql, -1) > 90 ? "…" : "");
    }
  {
    double sum = 0;

    for (guint i = 0; i < edits->len; i++)
      sum += g_array_index (edits, double, i);
    printf ("    %6.2f ms  total in SQL, of %.2f ms per save\n", traced_total / MAX (opt_saves, 1),
             sum / MAX (edits->len, 1));
  }
}

/* Main ----------------------------------------------------------------------- */

static gint64
file_size (const char *path)
{
  GStatBuf st;

  return g_stat (path, &st) == 0 ? (gint64) st.st_size : 0;
}

static gint64
query_int (NdDatabase *db,
           const char *sql)
{
  sqlite3_stmt *stmt = NULL;
  gint64 value = -1;

  if (sqlite3_prepare_v2 (nd_database_get_handle (db), sql, -1, &stmt, NULL) == SQLITE_OK &&
      sqlite3_step (stmt) == SQLITE_ROW)
    value = sqlite3_column_int64 (stmt, 0);
  sqlite3_finalize (stmt);
  return value;
}

int
main (int   argc,
      char *argv[])
{
  g_autoptr(GError) error = NULL;
  g_autoptr(GOptionContext) context = NULL;
  g_autoptr(NdDatabase) db = NULL;
  g_autoptr(NdStoryStore) store = NULL;
  g_autofree char *seed_text = NULL;
  g_autofree char *wal = NULL;
  guint64 seed = 20240601;
  GOptionEntry entries[] = {
    { "explain", 'e', 0, G_OPTION_ARG_NONE, &opt_explain, "Print every query", NULL },
    { "reps", 'r', 0, G_OPTION_ARG_INT, &opt_reps, "Repetitions of each list query (50)", "N" },
    { "saves", 's', 0, G_OPTION_ARG_INT, &opt_saves, "Timed saves (50)", "N" },
    { "opens", 'o', 0, G_OPTION_ARG_INT, &opt_opens, "Fresh processes per kind of open (10)", "N" },
    { "rounds", 0, 0, G_OPTION_ARG_INT, &opt_rounds, "Rounds of search queries (3)", "N" },
    { "open-only", 0, G_OPTION_FLAG_HIDDEN, G_OPTION_ARG_FILENAME, &opt_open_only, NULL, NULL },
    { NULL }
  };

  setvbuf (stdout, NULL, _IOLBF, 0);

  context = g_option_context_new ("FILE — benchmark the store on a generated archive");
  g_option_context_add_main_entries (context, entries, NULL);
  if (!g_option_context_parse (context, &argc, &argv, &error))
    die ("options", error);

  if (opt_open_only != NULL)
    return open_only (opt_open_only);

  if (argc != 2 || opt_reps < 1 || opt_saves < 1 || opt_opens < 1 || opt_rounds < 1)
    {
      g_printerr ("%s", g_option_context_get_help (context, TRUE, NULL));
      return 2;
    }
  if (!g_file_test (argv[1], G_FILE_TEST_IS_REGULAR))
    {
      g_printerr ("nd-bench-store: %s does not exist; make it with nd-bench-generate\n", argv[1]);
      return 1;
    }

  /* Opening first, while no other connection holds the file. */
  bench_open (argv[1]);

  db = nd_database_open (argv[1], ND_DATABASE_FLAGS_NONE, &error);
  if (db == NULL)
    die ("open", error);
  store = nd_story_store_new (db, &error);
  if (store == NULL)
    die ("store", error);

  trace.sql = g_ptr_array_new_with_free_func (g_free);
  trace.time_by_sql = g_hash_table_new_full (g_str_hash, g_str_equal, g_free, g_free);
  trace.count_by_sql = g_hash_table_new_full (g_str_hash, g_str_equal, g_free, NULL);
  sqlite3_trace_v2 (nd_database_get_handle (db), SQLITE_TRACE_PROFILE, trace_cb, NULL);

  seed_text = nd_story_store_get_setting (store, "bench-seed");
  if (seed_text != NULL)
    g_ascii_string_to_unsigned (seed_text, 10, 0, G_MAXUINT32, &seed, NULL);

  wal = g_strconcat (argv[1], "-wal", NULL);
  printf ("\nArchive %s: %u stories on the desk, %" G_GINT64_FORMAT " editions, %" G_GINT64_FORMAT
           " revision rows, %.1f MiB + WAL %.1f MiB, page size %" G_GINT64_FORMAT ", seed %" G_GUINT64_FORMAT "\n",
           argv[1], nd_story_store_count_stories (store, NULL),
           query_int (db, "SELECT count(*) FROM editions"), query_int (db, "SELECT count(*) FROM revisions"),
           file_size (argv[1]) / 1048576.0, file_size (wal) / 1048576.0,
           query_int (db, "PRAGMA page_size"), seed);

  bench_lists (store);
  bench_search (store, (guint32) seed);
  bench_save (store, (guint32) seed);

  printf ("\nTargets: open < %g ms, list page < %g ms (median), search p95 < %g ms, save < %g ms (median).\n",
           TARGET_OPEN_MS, TARGET_LIST_MS, TARGET_SEARCH_MS, TARGET_SAVE_MS);
  return 0;
}
