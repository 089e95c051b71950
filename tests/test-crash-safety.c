/* test-crash-safety.c
 *
 * SPDX-License-Identifier: GPL-3.0-or-later
 */

/*
 * Crash safety of the store: a writer killed with SIGKILL at any moment must
 * leave a database that opens, passes PRAGMA integrity_check and holds every
 * commit the writer saw succeed.
 *
 * The parent re-executes this binary with `--child DIR SEED` (re-exec rather
 * than fork(), so the child starts from a clean process with no inherited
 * GLib state or threads). The child opens DIR/newsdesk.db, writes "R" on its
 * report pipe and then commits edits forever: new stories, edition saves in
 * Russian, English and Arabic, translations asked for, status changes,
 * revision restores, "mark as up to date", section changes, trash, and
 * batches of several saves in one nd_database_begin()/commit(). For each
 * commit it writes two lines to the pipe:
 *
 *   I <ops>   before the commit starts: what it is about to commit, with the
 *             revision numbers and text checksums it expects
 *   C <ops>   after the store call returned: what was committed, as the
 *             store reports it (new ids filled in)
 *
 * Each line is one write(2) shorter than PIPE_BUF, so a line is either all
 * there or not at all. The parent kills the child after a seeded random delay
 * of 0–50 ms (usually counted from the child's "R", sometimes from the spawn
 * so that opening and WAL recovery are hit too), reads the pipe to its end,
 * opens the database and compares everything the store keeps about stories
 * and editions (ids, languages, sections, trash, status, revision, checksum
 * of headline+standfirst+dateline+body, source revision, number of status
 * changes, pinned revision rows) with its model:
 *
 *   E0 = the state after the previous check plus every "C" line
 *   E1 = E0 plus the last "I" line without its "C" (the commit in flight)
 *
 * The database must equal E0 or E1, nothing else: a reported commit missing
 * or changed fails, half of a batch fails, a commit that nobody announced
 * fails. Because the child reports only after the store returns, the last
 * reported revision of an edition is at most what the database holds, and
 * the database can hold at most the one commit in flight beyond it. The state
 * read from the database becomes the model for the next iteration, and the
 * same database is used for all iterations, so recovery runs every time. Half
 * the checks close without checkpointing, so the next child starts on a WAL
 * that still holds frames.
 *
 * What this can and cannot catch: SIGKILL ends the process, not the kernel.
 * Whatever the child handed to write(2) is in the page cache and survives, so
 * `PRAGMA synchronous = OFF` alone would pass this test; only a power cut
 * loses unsynced writes, and no test in a process can cut power. What it
 * catches are faults of the store and of how it drives SQLite: a change
 * split over two transactions (a save whose revision row is committed apart
 * from the edition), a batch that commits its parts one by one, a commit
 * reported before it happened, a journal mode that leaves a damaged file.
 * The loss a power cut would cause with synchronous=OFF is simulated in
 * /store/crash-safety/checker-detects-loss: the last transaction's frames are
 * cut off the WAL, as if the OS never wrote them, and the checker must
 * complain. The same test checks that a commit pretended to be reported but
 * never made is caught. Setting ND_CRASH_SAFETY_PRETEND_LOST_COMMIT=1 makes
 * the kill loop itself pretend so, and the test must fail.
 *
 * Environment: ND_CRASH_SAFETY_SEED (the seed, printed on every run),
 * ND_CRASH_SAFETY_ITERATIONS (default 200).
 */

#include "config.h"

#include <errno.h>
#include <limits.h>
#include <poll.h>
#include <signal.h>
#include <stdlib.h>
#include <string.h>
#include <sys/wait.h>
#include <unistd.h>

#include <glib/gstdio.h>

#include "nd-story-store.h"
#include "nd-test-util.h"

#define DB_NAME "newsdesk.db"
#define N_ITERATIONS 200
#define MAX_DELAY_USEC (50 * 1000)
#define READY_TIMEOUT_USEC (30 * G_USEC_PER_SEC)

static const char *const langs[] = { "ru", "en", "ar" };

/* Model --------------------------------------------------------------------- */

typedef struct
{
  gint64    id;
  char     *source_lang;
  gint64    section_id;   /* 0 for none */
  gboolean  trashed;
} StoryState;

typedef struct
{
  gint64  id;
  gint64  story_id;
  char   *lang;
  char   *status;
  gint64  revision;
  gint64  source_revision;   /* -1 for none */
  char   *checksum;
  int     n_status_changes;
} EditionState;

typedef struct
{
  GHashTable *stories;    /* &StoryState.id → StoryState */
  GHashTable *editions;   /* &EditionState.id → EditionState */
  GHashTable *pinned;     /* "edition:revision" → checksum of the row */
} Snapshot;

static void
story_state_free (StoryState *story)
{
  g_free (story->source_lang);
  g_free (story);
}

static void
edition_state_free (EditionState *edition)
{
  g_free (edition->lang);
  g_free (edition->status);
  g_free (edition->checksum);
  g_free (edition);
}

static Snapshot *
snapshot_new (void)
{
  Snapshot *snapshot = g_new0 (Snapshot, 1);

  snapshot->stories = g_hash_table_new_full (g_int64_hash, g_int64_equal, NULL,
                                             (GDestroyNotify) story_state_free);
  snapshot->editions = g_hash_table_new_full (g_int64_hash, g_int64_equal, NULL,
                                              (GDestroyNotify) edition_state_free);
  snapshot->pinned = g_hash_table_new_full (g_str_hash, g_str_equal, g_free, g_free);
  return snapshot;
}

static void
snapshot_free (Snapshot *snapshot)
{
  g_hash_table_unref (snapshot->stories);
  g_hash_table_unref (snapshot->editions);
  g_hash_table_unref (snapshot->pinned);
  g_free (snapshot);
}

G_DEFINE_AUTOPTR_CLEANUP_FUNC (Snapshot, snapshot_free)

static StoryState *
add_story (Snapshot   *snapshot,
           gint64      id,
           const char *source_lang)
{
  StoryState *story = g_new0 (StoryState, 1);

  story->id = id;
  story->source_lang = g_strdup (source_lang);
  g_hash_table_replace (snapshot->stories, &story->id, story);
  return story;
}

static EditionState *
add_edition (Snapshot   *snapshot,
             gint64      id,
             gint64      story_id,
             const char *lang,
             const char *status,
             const char *checksum)
{
  EditionState *edition = g_new0 (EditionState, 1);

  edition->id = id;
  edition->story_id = story_id;
  edition->lang = g_strdup (lang);
  edition->status = g_strdup (status);
  edition->source_revision = -1;
  edition->checksum = g_strdup (checksum);
  g_hash_table_replace (snapshot->editions, &edition->id, edition);
  return edition;
}

static Snapshot *
snapshot_copy (Snapshot *other)
{
  Snapshot *snapshot = snapshot_new ();
  GHashTableIter iter;
  gpointer key, value;

  g_hash_table_iter_init (&iter, other->stories);
  while (g_hash_table_iter_next (&iter, NULL, &value))
    {
      StoryState *s = value;
      StoryState *copy = add_story (snapshot, s->id, s->source_lang);

      copy->section_id = s->section_id;
      copy->trashed = s->trashed;
    }

  g_hash_table_iter_init (&iter, other->editions);
  while (g_hash_table_iter_next (&iter, NULL, &value))
    {
      EditionState *e = value;
      EditionState *copy = add_edition (snapshot, e->id, e->story_id, e->lang, e->status, e->checksum);

      copy->revision = e->revision;
      copy->source_revision = e->source_revision;
      copy->n_status_changes = e->n_status_changes;
    }

  g_hash_table_iter_init (&iter, other->pinned);
  while (g_hash_table_iter_next (&iter, &key, &value))
    g_hash_table_insert (snapshot->pinned, g_strdup (key), g_strdup (value));

  return snapshot;
}

static char *
describe_story (StoryState *s)
{
  if (s == NULL)
    return g_strdup ("(absent)");
  return g_strdup_printf ("{lang %s, section %" G_GINT64_FORMAT ", trashed %d}",
                          s->source_lang, s->section_id, s->trashed);
}

static char *
describe_edition (EditionState *e)
{
  if (e == NULL)
    return g_strdup ("(absent)");
  return g_strdup_printf ("{story %" G_GINT64_FORMAT ", %s, %s, revision %" G_GINT64_FORMAT
                          ", text %s, source revision %" G_GINT64_FORMAT ", %d status changes}",
                          e->story_id, e->lang, e->status, e->revision, e->checksum,
                          e->source_revision, e->n_status_changes);
}

static gboolean
stories_equal (StoryState *a,
               StoryState *b)
{
  if (a == NULL || b == NULL)
    return a == b;
  return g_str_equal (a->source_lang, b->source_lang) && a->section_id == b->section_id &&
         a->trashed == b->trashed;
}

static gboolean
editions_equal (EditionState *a,
                EditionState *b)
{
  if (a == NULL || b == NULL)
    return a == b;
  return a->story_id == b->story_id && g_str_equal (a->lang, b->lang) &&
         g_str_equal (a->status, b->status) && a->revision == b->revision &&
         a->source_revision == b->source_revision && g_str_equal (a->checksum, b->checksum) &&
         a->n_status_changes == b->n_status_changes;
}

/* Describes every difference between what the database holds and what was
 * expected, or returns NULL when they are the same. */
static char *
snapshot_diff (Snapshot *found,
               Snapshot *expected)
{
  g_autoptr(GString) diff = g_string_new (NULL);
  Snapshot *sides[] = { found, expected };
  GHashTableIter iter;
  gpointer key, value;

  for (guint side = 0; side < 2; side++)
    {
      Snapshot *other = sides[1 - side];

      g_hash_table_iter_init (&iter, sides[side]->stories);
      while (g_hash_table_iter_next (&iter, &key, &value))
        {
          StoryState *f = g_hash_table_lookup (found->stories, key);
          StoryState *x = g_hash_table_lookup (expected->stories, key);

          /* Pairs present on both sides are compared once, from found. */
          if (side == 1 && g_hash_table_contains (other->stories, key))
            continue;
          if (!stories_equal (f, x))
            {
              g_autofree char *fd = describe_story (f);
              g_autofree char *xd = describe_story (x);

              g_string_append_printf (diff, "\n  story %" G_GINT64_FORMAT ": database %s, expected %s",
                                      *(gint64 *) key, fd, xd);
            }
        }

      g_hash_table_iter_init (&iter, sides[side]->editions);
      while (g_hash_table_iter_next (&iter, &key, &value))
        {
          EditionState *f = g_hash_table_lookup (found->editions, key);
          EditionState *x = g_hash_table_lookup (expected->editions, key);

          if (side == 1 && g_hash_table_contains (other->editions, key))
            continue;
          if (!editions_equal (f, x))
            {
              g_autofree char *fd = describe_edition (f);
              g_autofree char *xd = describe_edition (x);

              g_string_append_printf (diff, "\n  edition %" G_GINT64_FORMAT ": database %s, expected %s",
                                      *(gint64 *) key, fd, xd);
            }
        }

      g_hash_table_iter_init (&iter, sides[side]->pinned);
      while (g_hash_table_iter_next (&iter, &key, &value))
        {
          const char *f = g_hash_table_lookup (found->pinned, key);
          const char *x = g_hash_table_lookup (expected->pinned, key);

          if (side == 1 && g_hash_table_contains (other->pinned, key))
            continue;
          if (g_strcmp0 (f, x) != 0)
            g_string_append_printf (diff, "\n  pinned revision %s: database %s, expected %s",
                                    (char *) key, f ? f : "(absent)", x ? x : "(absent)");
        }
    }

  if (diff->len == 0)
    return NULL;
  return g_string_free (g_steal_pointer (&diff), FALSE);
}

static char *
text_checksum (const char *headline,
               const char *standfirst,
               const char *dateline_city,
               const char *body)
{
  g_autoptr(GChecksum) checksum = g_checksum_new (G_CHECKSUM_SHA256);
  const char *parts[] = { headline, standfirst, dateline_city, body };

  /* Each part with its length, so moving text between fields changes the sum. */
  for (guint i = 0; i < G_N_ELEMENTS (parts); i++)
    {
      const char *part = parts[i] != NULL ? parts[i] : "";
      guint64 length = GUINT64_TO_LE (strlen (part));

      g_checksum_update (checksum, (const guchar *) &length, sizeof length);
      g_checksum_update (checksum, (const guchar *) part, strlen (part));
    }

  return g_strndup (g_checksum_get_string (checksum), 16);
}

static char *
edition_checksum (NdEdition *edition)
{
  return text_checksum (nd_edition_get_headline (edition), nd_edition_get_standfirst (edition),
                        nd_edition_get_dateline_city (edition), nd_edition_get_body (edition));
}

static char *
pinned_key (gint64 edition_id,
            gint64 revision)
{
  return g_strdup_printf ("%" G_GINT64_FORMAT ":%" G_GINT64_FORMAT, edition_id, revision);
}

/* Operations ------------------------------------------------------------------
 *
 * A commit is a line of operations separated by ';', each a word and its
 * arguments separated by spaces. In an "I" line an id not known yet is "?".
 *
 *   create STORY EDITION LANG        a story with one empty draft edition
 *   add STORY EDITION LANG           an empty edition that needs translation
 *   save EDITION REVISION CHECKSUM   new text, now at REVISION
 *   restore EDITION REVISION CHECKSUM  a restored revision, pinned
 *   status EDITION STATUS            a status change, recorded in history
 *   translated EDITION SOURCE REV    up to date with SOURCE at REV, pinned
 *   section STORY SECTION            the story moved (0: no section)
 *   trash STORY 0|1                  the story left or went to the trash
 */

static gboolean
parse_id (const char  *text,
          gint64      *id,
          GError     **error)
{
  guint64 value;

  if (!g_ascii_string_to_unsigned (text, 10, 0, G_MAXINT64, &value, error))
    return FALSE;
  *id = (gint64) value;
  return TRUE;
}

static gboolean
apply_op (Snapshot    *snapshot,
          const char  *op,
          GError     **error)
{
  g_auto(GStrv) words = g_strsplit (op, " ", -1);
  guint n = g_strv_length (words);
  g_autofree char *empty = text_checksum ("", "", "", "");
  gint64 a = 0, b = 0, c = 0;

#define NEED(count) \
  if (n != (count)) \
    goto malformed;

  if (n == 0)
    goto malformed;

  if (g_str_equal (words[0], "create"))
    {
      NEED (4);
      if (!parse_id (words[1], &a, error) || !parse_id (words[2], &b, error))
        return FALSE;
      if (g_hash_table_contains (snapshot->stories, &a) || g_hash_table_contains (snapshot->editions, &b))
        goto conflict;
      add_story (snapshot, a, words[3]);
      add_edition (snapshot, b, a, words[3], "draft", empty);
    }
  else if (g_str_equal (words[0], "add"))
    {
      NEED (4);
      if (!parse_id (words[1], &a, error) || !parse_id (words[2], &b, error))
        return FALSE;
      if (!g_hash_table_contains (snapshot->stories, &a) || g_hash_table_contains (snapshot->editions, &b))
        goto conflict;
      add_edition (snapshot, b, a, words[3], "needs-translation", empty);
    }
  else if (g_str_equal (words[0], "save") || g_str_equal (words[0], "restore"))
    {
      EditionState *edition;

      NEED (4);
      if (!parse_id (words[1], &a, error) || !parse_id (words[2], &b, error))
        return FALSE;
      if ((edition = g_hash_table_lookup (snapshot->editions, &a)) == NULL)
        goto conflict;
      edition->revision = b;
      g_free (edition->checksum);
      edition->checksum = g_strdup (words[3]);
      if (g_str_equal (words[0], "restore"))
        g_hash_table_replace (snapshot->pinned, pinned_key (a, b), g_strdup (words[3]));
    }
  else if (g_str_equal (words[0], "status"))
    {
      EditionState *edition;

      NEED (3);
      if (!parse_id (words[1], &a, error))
        return FALSE;
      if ((edition = g_hash_table_lookup (snapshot->editions, &a)) == NULL)
        goto conflict;
      g_free (edition->status);
      edition->status = g_strdup (words[2]);
      edition->n_status_changes++;
    }
  else if (g_str_equal (words[0], "translated"))
    {
      EditionState *edition;
      EditionState *source;

      NEED (4);
      if (!parse_id (words[1], &a, error) || !parse_id (words[2], &b, error) ||
          !parse_id (words[3], &c, error))
        return FALSE;
      if ((edition = g_hash_table_lookup (snapshot->editions, &a)) == NULL ||
          (source = g_hash_table_lookup (snapshot->editions, &b)) == NULL)
        goto conflict;
      edition->source_revision = c;
      /* The source's newest revision row holds its current text. */
      if (c > 0)
        g_hash_table_replace (snapshot->pinned, pinned_key (b, c), g_strdup (source->checksum));
    }
  else if (g_str_equal (words[0], "section") || g_str_equal (words[0], "trash"))
    {
      StoryState *story;

      NEED (3);
      if (!parse_id (words[1], &a, error) || !parse_id (words[2], &b, error))
        return FALSE;
      if ((story = g_hash_table_lookup (snapshot->stories, &a)) == NULL)
        goto conflict;
      if (g_str_equal (words[0], "section"))
        story->section_id = b;
      else
        story->trashed = b != 0;
    }
  else
    goto malformed;

#undef NEED

  return TRUE;

malformed:
  g_set_error (error, G_IO_ERROR, G_IO_ERROR_INVALID_DATA, "Malformed operation '%s'", op);
  return FALSE;

conflict:
  g_set_error (error, G_IO_ERROR, G_IO_ERROR_INVALID_DATA,
               "Operation '%s' does not fit the model (unknown or duplicate id)", op);
  return FALSE;
}

static gboolean
apply_ops (Snapshot    *snapshot,
           const char  *ops,
           GError     **error)
{
  g_auto(GStrv) list = g_strsplit (ops, ";", -1);

  for (guint i = 0; list[i] != NULL; i++)
    if (!apply_op (snapshot, list[i], error))
      return FALSE;

  return TRUE;
}

/* Fills in the "?" of an in-flight commit with the ids the database gave the
 * rows that are new relative to @expected. There must be exactly one
 * candidate for each, or the commit cannot have landed as announced. */
static char *
resolve_intent (const char *intent,
                Snapshot   *found,
                Snapshot   *expected)
{
  g_auto(GStrv) list = g_strsplit (intent, ";", -1);
  g_autoptr(GPtrArray) resolved = g_ptr_array_new_with_free_func (g_free);
  GHashTableIter iter;
  gpointer key, value;

  for (guint i = 0; list[i] != NULL; i++)
    {
      g_auto(GStrv) words = g_strsplit (list[i], " ", -1);
      gint64 story_id = 0;
      gint64 edition_id = 0;
      guint n_stories = 0;
      guint n_editions = 0;

      if (g_strv_length (words) != 4 ||
          !(g_str_equal (words[0], "create") || g_str_equal (words[0], "add")))
        {
          g_ptr_array_add (resolved, g_strdup (list[i]));
          continue;
        }

      if (g_str_equal (words[1], "?"))
        {
          g_hash_table_iter_init (&iter, found->stories);
          while (g_hash_table_iter_next (&iter, &key, NULL))
            if (!g_hash_table_contains (expected->stories, key))
              {
                story_id = *(gint64 *) key;
                n_stories++;
              }
          if (n_stories != 1)
            return NULL;
        }
      else if (!parse_id (words[1], &story_id, NULL))
        return NULL;

      g_hash_table_iter_init (&iter, found->editions);
      while (g_hash_table_iter_next (&iter, &key, &value))
        if (!g_hash_table_contains (expected->editions, key) &&
            ((EditionState *) value)->story_id == story_id)
          {
            edition_id = *(gint64 *) key;
            n_editions++;
          }
      if (n_editions != 1)
        return NULL;

      g_ptr_array_add (resolved, g_strdup_printf ("%s %" G_GINT64_FORMAT " %" G_GINT64_FORMAT " %s",
                                                  words[0], story_id, edition_id, words[3]));
    }

  g_ptr_array_add (resolved, NULL);
  return g_strjoinv (";", (char **) resolved->pdata);
}

/* A commit that was never made, for checking the checker: new text for an
 * edition, or a whole story when there is no edition yet. */
static char *
fabricate_commit (Snapshot *expected)
{
  GHashTableIter iter;
  gpointer value;
  gint64 max_id = 0;

  g_hash_table_iter_init (&iter, expected->editions);
  while (g_hash_table_iter_next (&iter, NULL, &value))
    {
      EditionState *edition = value;

      return g_strdup_printf ("save %" G_GINT64_FORMAT " %" G_GINT64_FORMAT " 0123456789abcdef",
                              edition->id, edition->revision + 1);
    }

  g_hash_table_iter_init (&iter, expected->stories);
  while (g_hash_table_iter_next (&iter, NULL, &value))
    max_id = MAX (max_id, ((StoryState *) value)->id);
  return g_strdup_printf ("create %" G_GINT64_FORMAT " %" G_GINT64_FORMAT " en", max_id + 1000, max_id + 1000);
}

/* Reading and checking the database ------------------------------------------ */

static gboolean
query_failed (NdDatabase  *db,
              int          rc,
              GError     **error)
{
  nd_database_set_error (db, rc, error);
  return FALSE;
}

static gboolean
check_integrity (NdDatabase  *db,
                 GError     **error)
{
  sqlite3 *handle = nd_database_get_handle (db);
  g_autoptr(GString) problems = g_string_new (NULL);
  sqlite3_stmt *stmt = NULL;
  int rc;

  rc = sqlite3_prepare_v2 (handle, "PRAGMA integrity_check", -1, &stmt, NULL);
  if (rc != SQLITE_OK)
    return query_failed (db, rc, error);
  while ((rc = sqlite3_step (stmt)) == SQLITE_ROW)
    {
      const char *row = (const char *) sqlite3_column_text (stmt, 0);

      if (g_strcmp0 (row, "ok") != 0)
        g_string_append_printf (problems, "\n  %s", row);
    }
  sqlite3_finalize (stmt);
  if (rc != SQLITE_DONE)
    return query_failed (db, rc, error);

  rc = sqlite3_prepare_v2 (handle, "PRAGMA foreign_key_check", -1, &stmt, NULL);
  if (rc != SQLITE_OK)
    return query_failed (db, rc, error);
  while ((rc = sqlite3_step (stmt)) == SQLITE_ROW)
    g_string_append_printf (problems, "\n  foreign key: row %lld of %s points nowhere in %s",
                            sqlite3_column_int64 (stmt, 1), sqlite3_column_text (stmt, 0),
                            sqlite3_column_text (stmt, 2));
  sqlite3_finalize (stmt);
  if (rc != SQLITE_DONE)
    return query_failed (db, rc, error);

  if (problems->len > 0)
    {
      g_set_error (error, G_IO_ERROR, G_IO_ERROR_FAILED, "The database is damaged:%s", problems->str);
      return FALSE;
    }

  return TRUE;
}

/* Reads the state of every story and edition, and checks on the way that
 * each edition's newest revision row holds its current text: the two are
 * written in one transaction, so a crash must never separate them. */
static Snapshot *
read_snapshot (NdDatabase  *db,
               GError     **error)
{
  sqlite3 *handle = nd_database_get_handle (db);
  g_autoptr(Snapshot) snapshot = snapshot_new ();
  g_autoptr(GString) problems = g_string_new (NULL);
  sqlite3_stmt *stmt = NULL;
  int rc;

  rc = sqlite3_prepare_v2 (handle,
                           "SELECT id, source_lang, coalesce(section_id, 0), trashed_at IS NOT NULL FROM stories",
                           -1, &stmt, NULL);
  if (rc != SQLITE_OK)
    {
      query_failed (db, rc, error);
      return NULL;
    }
  while ((rc = sqlite3_step (stmt)) == SQLITE_ROW)
    {
      StoryState *story = add_story (snapshot, sqlite3_column_int64 (stmt, 0),
                                     (const char *) sqlite3_column_text (stmt, 1));

      story->section_id = sqlite3_column_int64 (stmt, 2);
      story->trashed = sqlite3_column_int (stmt, 3);
    }
  sqlite3_finalize (stmt);
  if (rc != SQLITE_DONE)
    {
      query_failed (db, rc, error);
      return NULL;
    }

  rc = sqlite3_prepare_v2 (handle,
                           "SELECT e.id, e.story_id, e.lang, e.status, e.revision, coalesce(e.source_revision, -1),"
                           " e.headline, e.standfirst, e.dateline_city, e.body,"
                           " (SELECT count(*) FROM status_changes c WHERE c.edition_id = e.id),"
                           " r.revision, r.headline, r.standfirst, r.dateline_city, r.body,"
                           " (SELECT max(revision) FROM revisions m WHERE m.edition_id = e.id)"
                           " FROM editions e LEFT JOIN revisions r ON r.id ="
                           "   (SELECT id FROM revisions x WHERE x.edition_id = e.id ORDER BY x.revision DESC LIMIT 1)",
                           -1, &stmt, NULL);
  if (rc != SQLITE_OK)
    {
      query_failed (db, rc, error);
      return NULL;
    }
  while ((rc = sqlite3_step (stmt)) == SQLITE_ROW)
    {
      g_autofree char *checksum = text_checksum ((const char *) sqlite3_column_text (stmt, 6),
                                                 (const char *) sqlite3_column_text (stmt, 7),
                                                 (const char *) sqlite3_column_text (stmt, 8),
                                                 (const char *) sqlite3_column_text (stmt, 9));
      EditionState *edition = add_edition (snapshot, sqlite3_column_int64 (stmt, 0),
                                           sqlite3_column_int64 (stmt, 1),
                                           (const char *) sqlite3_column_text (stmt, 2),
                                           (const char *) sqlite3_column_text (stmt, 3),
                                           checksum);

      edition->revision = sqlite3_column_int64 (stmt, 4);
      edition->source_revision = sqlite3_column_int64 (stmt, 5);
      edition->n_status_changes = sqlite3_column_int (stmt, 10);

      if (edition->revision == 0)
        {
          if (sqlite3_column_type (stmt, 11) != SQLITE_NULL)
            g_string_append_printf (problems, "\n  edition %" G_GINT64_FORMAT " has no revision but a history",
                                    edition->id);
        }
      else
        {
          g_autofree char *row_checksum = NULL;

          if (sqlite3_column_type (stmt, 11) == SQLITE_NULL)
            {
              g_string_append_printf (problems, "\n  edition %" G_GINT64_FORMAT " at revision %" G_GINT64_FORMAT
                                      " has no revision rows", edition->id, edition->revision);
              continue;
            }
          row_checksum = text_checksum ((const char *) sqlite3_column_text (stmt, 12),
                                        (const char *) sqlite3_column_text (stmt, 13),
                                        (const char *) sqlite3_column_text (stmt, 14),
                                        (const char *) sqlite3_column_text (stmt, 15));
          if (sqlite3_column_int64 (stmt, 11) != edition->revision ||
              sqlite3_column_int64 (stmt, 16) != edition->revision ||
              !g_str_equal (row_checksum, checksum))
            g_string_append_printf (problems, "\n  edition %" G_GINT64_FORMAT " is at revision %" G_GINT64_FORMAT
                                    " (text %s) but its newest revision row is %lld (text %s)",
                                    edition->id, edition->revision, checksum,
                                    sqlite3_column_int64 (stmt, 11), row_checksum);
        }
    }
  sqlite3_finalize (stmt);
  if (rc != SQLITE_DONE)
    {
      query_failed (db, rc, error);
      return NULL;
    }

  rc = sqlite3_prepare_v2 (handle,
                           "SELECT edition_id, revision, headline, standfirst, dateline_city, body"
                           " FROM revisions WHERE pinned",
                           -1, &stmt, NULL);
  if (rc != SQLITE_OK)
    {
      query_failed (db, rc, error);
      return NULL;
    }
  while ((rc = sqlite3_step (stmt)) == SQLITE_ROW)
    g_hash_table_replace (snapshot->pinned,
                          pinned_key (sqlite3_column_int64 (stmt, 0), sqlite3_column_int64 (stmt, 1)),
                          text_checksum ((const char *) sqlite3_column_text (stmt, 2),
                                         (const char *) sqlite3_column_text (stmt, 3),
                                         (const char *) sqlite3_column_text (stmt, 4),
                                         (const char *) sqlite3_column_text (stmt, 5)));
  sqlite3_finalize (stmt);
  if (rc != SQLITE_DONE)
    {
      query_failed (db, rc, error);
      return NULL;
    }

  if (problems->len > 0)
    {
      g_set_error (error, G_IO_ERROR, G_IO_ERROR_FAILED, "The history disagrees with the editions:%s",
                   problems->str);
      return NULL;
    }

  return g_steal_pointer (&snapshot);
}

typedef struct
{
  GPtrArray *confirmed;   /* the ops of each "C" line, in order */
  char      *intent;      /* the ops of a trailing "I" line, or NULL */
  gboolean   ready;       /* the child opened the database */
  guint      n_bytes;
} Report;

static void
report_clear (Report *report)
{
  g_clear_pointer (&report->confirmed, g_ptr_array_unref);
  g_clear_pointer (&report->intent, g_free);
}

static void
report_parse (Report     *report,
              const char *output)
{
  g_auto(GStrv) lines = g_strsplit (output, "\n", -1);
  guint n = g_strv_length (lines);

  report->confirmed = g_ptr_array_new_with_free_func (g_free);
  report->intent = NULL;
  report->ready = FALSE;
  report->n_bytes = strlen (output);

  /* The last piece has no newline: empty, or a line cut by the kill. */
  for (guint i = 0; i + 1 < n; i++)
    {
      const char *line = lines[i];

      if (g_str_equal (line, "R "))
        report->ready = TRUE;
      else if (g_str_has_prefix (line, "I "))
        {
          g_free (report->intent);
          report->intent = g_strdup (line + 2);
        }
      else if (g_str_has_prefix (line, "C "))
        {
          g_ptr_array_add (report->confirmed, g_strdup (line + 2));
          g_clear_pointer (&report->intent, g_free);
        }
      else
        g_error ("The child wrote an unknown report line '%s'", line);
    }
}

typedef struct
{
  guint n_confirmed;
  guint n_in_flight_landed;
  guint n_in_flight_lost;
  guint n_killed_before_ready;
} Stats;

/*
 * Opens the database in @dir after a crash and checks it against @model plus
 * the child's @report. On success returns the state found, which is the
 * model for the next round.
 */
static Snapshot *
check_database (const char  *dir,
                Snapshot    *model,
                Report      *report,
                gboolean     keep_wal,
                Stats       *stats,
                GError     **error)
{
  g_autofree char *path = g_build_filename (dir, DB_NAME, NULL);
  g_autoptr(NdDatabase) db = NULL;
  g_autoptr(Snapshot) found = NULL;
  g_autoptr(Snapshot) expected = NULL;
  g_autofree char *diff = NULL;
  g_autofree char *diff_in_flight = NULL;
  g_autofree char *resolved = NULL;
  g_autoptr(GError) local_error = NULL;

  db = nd_database_open (path, ND_DATABASE_FLAGS_NONE, error);
  if (db == NULL)
    {
      g_prefix_error (error, "The database does not open after the crash: ");
      return NULL;
    }
  if (keep_wal)
    sqlite3_db_config (nd_database_get_handle (db), SQLITE_DBCONFIG_NO_CKPT_ON_CLOSE, 1, NULL);

  if (!check_integrity (db, error))
    return NULL;
  if ((found = read_snapshot (db, error)) == NULL)
    return NULL;

  expected = snapshot_copy (model);
  for (guint i = 0; i < report->confirmed->len; i++)
    if (!apply_ops (expected, g_ptr_array_index (report->confirmed, i), error))
      {
        g_prefix_error (error, "The child reported a commit that makes no sense: ");
        return NULL;
      }

  if ((diff = snapshot_diff (found, expected)) == NULL)
    {
      if (stats != NULL && report->intent != NULL)
        stats->n_in_flight_lost++;
      return g_steal_pointer (&found);
    }

  if (report->intent != NULL && (resolved = resolve_intent (report->intent, found, expected)) != NULL)
    {
      g_autoptr(Snapshot) with_intent = snapshot_copy (expected);

      if (apply_ops (with_intent, resolved, &local_error) &&
          (diff_in_flight = snapshot_diff (found, with_intent)) == NULL)
        {
          if (stats != NULL)
            stats->n_in_flight_landed++;
          return g_steal_pointer (&found);
        }
    }

  {
    g_autoptr(GString) message = g_string_new (NULL);

    g_string_append_printf (message, "After the crash the database holds neither the %u reported commits%s:%s",
                            report->confirmed->len,
                            report->intent != NULL ? " nor them plus the one in flight" : "", diff);
    if (report->intent != NULL)
      g_string_append_printf (message, "\nin-flight commit: %s", report->intent);
    if (diff_in_flight != NULL)
      g_string_append_printf (message, "\ncompared with the in-flight commit applied:%s", diff_in_flight);
    g_set_error_literal (error, G_IO_ERROR, G_IO_ERROR_FAILED, message->str);
  }
  return NULL;
}

/* The child ---------------------------------------------------------------- */

typedef struct
{
  NdStoryStore *store;
  NdDatabase   *db;
  GRand        *rand;
  GArray       *story_ids;
  int           report_fd;
  guint         serial;
  guint         n_commits;
} Child;

G_GNUC_NORETURN static void
child_die (const char *what,
           GError     *error)
{
  g_printerr ("crash-safety child: %s: %s\n", what, error != NULL ? error->message : "failed");
  _exit (3);
}

static void
child_report (Child      *child,
              char        kind,
              const char *ops)
{
  g_autofree char *line = g_strdup_printf ("%c %s\n", kind, ops);
  gsize length = strlen (line);
  gsize done = 0;

  /* One write of less than PIPE_BUF is atomic: the parent never sees half
   * a line, except one cut short by the kill, which has no newline. */
  g_assert (length < PIPE_BUF);
  while (done < length)
    {
      ssize_t n = write (child->report_fd, line + done, length - done);

      if (n < 0 && errno == EINTR)
        continue;
      if (n < 0)
        _exit (4);
      done += n;
    }
}

/* Checks that the store did what the "I" line announced: every word that was
 * not "?" must be what the store reports. */
static void
child_confirm (Child      *child,
               const char *intent,
               const char *done)
{
  g_auto(GStrv) a = g_strsplit_set (intent, " ;", -1);
  g_auto(GStrv) b = g_strsplit_set (done, " ;", -1);

  if (g_strv_length (a) != g_strv_length (b))
    goto differ;
  for (guint i = 0; a[i] != NULL; i++)
    if (!g_str_equal (a[i], "?") && !g_str_equal (a[i], b[i]))
      goto differ;

  child_report (child, 'C', done);
  child->n_commits++;
  return;

differ:
  g_printerr ("crash-safety child: announced '%s' but the store did '%s'\n", intent, done);
  _exit (3);
}

static const char *const syllables_ru[] = {
  "ра", "но", "ве", "ст", "ко", "ли", "ёл", "жу", "ми", "да", "то", "пре", "зи", "дент",
  "ёж", "мо", "ск", "ва", "гор", "од", "ка", "вказ", "чи", "ще", "ны", "ть", "ся", "ий",
};
static const char *const syllables_en[] = {
  "an", "the", "ro", "ver", "ment", "sta", "ti", "on", "pre", "si", "dent", "ca", "fé",
  "na", "ïve", "lo", "gy", "in", "ter", "view", "ex", "pert", "ing", "ed", "or",
};
static const char *const syllables_ar[] = {
  "ال", "كت", "اب", "مد", "ير", "سي", "اس", "ة", "وز", "ار", "َ", "ـ", "ين", "عل",
  "قو", "ُ", "ات", "أم", "إن", "ِ", "ّ", "رو", "ـسـ", "يا",
};

static void
append_words (GString    *text,
              GRand      *rand,
              const char *lang,
              guint       n_words)
{
  const char *const *syllables;
  guint n_syllables;

  if (g_str_equal (lang, "ru"))
    syllables = syllables_ru, n_syllables = G_N_ELEMENTS (syllables_ru);
  else if (g_str_equal (lang, "ar"))
    syllables = syllables_ar, n_syllables = G_N_ELEMENTS (syllables_ar);
  else
    syllables = syllables_en, n_syllables = G_N_ELEMENTS (syllables_en);

  for (guint i = 0; i < n_words; i++)
    {
      guint n = g_rand_int_range (rand, 1, 5);

      if (i > 0)
        g_string_append (text, i % 13 == 0 ? ".\n\n" : i % 7 == 0 ? ", " : " ");
      /* Arabic marks and tatweel never start a word. */
      g_string_append (text, g_str_equal (lang, "ar") ? "م" : "");
      for (guint j = 0; j < n; j++)
        g_string_append (text, syllables[g_rand_int_range (rand, 0, n_syllables)]);
    }
}

static void
child_fill_edition (Child     *child,
                    NdEdition *edition)
{
  const char *lang = nd_edition_get_lang (edition);
  g_autoptr(GString) headline = g_string_new (NULL);
  g_autoptr(GString) standfirst = g_string_new (NULL);
  g_autoptr(GString) body = g_string_new (NULL);
  /* Mostly short edits; a fifth are long bodies that span many pages. */
  guint n_words = g_rand_int_range (child->rand, 0, 5) == 0
                  ? g_rand_int_range (child->rand, 1000, 4000)
                  : g_rand_int_range (child->rand, 20, 300);

  append_words (headline, child->rand, lang, g_rand_int_range (child->rand, 3, 10));
  append_words (standfirst, child->rand, lang, g_rand_int_range (child->rand, 10, 30));
  /* The serial makes every save a change of the text. */
  g_string_append_printf (standfirst, " %u", ++child->serial);
  append_words (body, child->rand, lang, n_words);

  nd_edition_set_headline (edition, headline->str);
  nd_edition_set_standfirst (edition, standfirst->str);
  nd_edition_set_body (edition, body->str);
}

static NdStory *
child_pick_story (Child *child)
{
  g_autoptr(GError) error = NULL;
  gint64 id;
  NdStory *story;

  if (child->story_ids->len == 0)
    return NULL;

  id = g_array_index (child->story_ids, gint64, g_rand_int_range (child->rand, 0, child->story_ids->len));
  story = nd_story_store_load_story (child->store, id, &error);
  if (story == NULL)
    child_die ("load story", error);
  return story;
}

static NdEdition *
child_pick_edition (Child     *child,
                    NdStory  **out_story)
{
  g_autoptr(NdStory) story = child_pick_story (child);
  GPtrArray *editions;
  NdEdition *edition;

  if (story == NULL)
    return NULL;
  editions = nd_story_get_editions (story);
  edition = g_object_ref (g_ptr_array_index (editions, g_rand_int_range (child->rand, 0, editions->len)));
  if (out_story != NULL)
    *out_story = g_steal_pointer (&story);
  return edition;
}

static void
child_create (Child *child)
{
  g_autoptr(GError) error = NULL;
  g_autoptr(NdStory) story = NULL;
  const char *lang = langs[g_rand_int_range (child->rand, 0, G_N_ELEMENTS (langs))];
  g_autofree char *intent = g_strdup_printf ("create ? ? %s", lang);
  g_autofree char *done = NULL;
  gint64 id;

  child_report (child, 'I', intent);
  story = nd_story_store_create_story (child->store, lang, &error);
  if (story == NULL)
    child_die ("create story", error);

  id = nd_story_get_id (story);
  g_array_append_val (child->story_ids, id);
  done = g_strdup_printf ("create %" G_GINT64_FORMAT " %" G_GINT64_FORMAT " %s", id,
                          nd_edition_get_id (nd_story_get_edition (story, lang)), lang);
  child_confirm (child, intent, done);
}

/* Writes new text into @edition and returns the "save" operation expected of
 * it; the caller saves. */
static char *
child_prepare_save (Child     *child,
                    NdEdition *edition)
{
  g_autofree char *checksum = NULL;

  child_fill_edition (child, edition);
  checksum = edition_checksum (edition);
  return g_strdup_printf ("save %" G_GINT64_FORMAT " %" G_GINT64_FORMAT " %s",
                          nd_edition_get_id (edition), nd_edition_get_revision (edition) + 1, checksum);
}

static char *
describe_saved (NdEdition *edition)
{
  g_autofree char *checksum = edition_checksum (edition);

  return g_strdup_printf ("save %" G_GINT64_FORMAT " %" G_GINT64_FORMAT " %s",
                          nd_edition_get_id (edition), nd_edition_get_revision (edition), checksum);
}

static void
child_save (Child *child)
{
  g_autoptr(GError) error = NULL;
  g_autoptr(NdEdition) edition = child_pick_edition (child, NULL);
  g_autofree char *intent = NULL;
  g_autofree char *done = NULL;

  if (edition == NULL)
    return;

  intent = child_prepare_save (child, edition);
  child_report (child, 'I', intent);
  if (!nd_story_store_save_edition (child->store, edition, &error))
    child_die ("save edition", error);
  done = describe_saved (edition);
  child_confirm (child, intent, done);
}

static void
child_add_edition (Child *child)
{
  g_autoptr(GError) error = NULL;
  g_autoptr(NdStory) story = child_pick_story (child);
  g_autoptr(NdEdition) edition = NULL;
  g_autofree char *intent = NULL;
  g_autofree char *done = NULL;
  const char *missing = NULL;

  if (story == NULL)
    return;
  for (guint i = 0; i < G_N_ELEMENTS (langs) && missing == NULL; i++)
    if (nd_story_get_edition (story, langs[i]) == NULL)
      missing = langs[i];
  if (missing == NULL)
    return;

  intent = g_strdup_printf ("add %" G_GINT64_FORMAT " ? %s", nd_story_get_id (story), missing);
  child_report (child, 'I', intent);
  edition = nd_story_store_add_edition (child->store, nd_story_get_id (story), missing, &error);
  if (edition == NULL)
    child_die ("add edition", error);
  done = g_strdup_printf ("add %" G_GINT64_FORMAT " %" G_GINT64_FORMAT " %s",
                          nd_story_get_id (story), nd_edition_get_id (edition), missing);
  child_confirm (child, intent, done);
}

static gboolean
child_pick_status (Child           *child,
                   NdEdition       *edition,
                   NdEditionStatus *status)
{
  NdEditionStatus allowed[ND_EDITION_STATUS_LAST + 1];
  guint n = 0;

  for (NdEditionStatus s = 0; s <= ND_EDITION_STATUS_LAST; s++)
    if (nd_edition_status_can_transition (nd_edition_get_status (edition), s))
      allowed[n++] = s;
  if (n == 0)
    return FALSE;

  *status = allowed[g_rand_int_range (child->rand, 0, n)];
  return TRUE;
}

static void
child_status (Child *child)
{
  g_autoptr(GError) error = NULL;
  g_autoptr(NdEdition) edition = child_pick_edition (child, NULL);
  g_autofree char *op = NULL;
  g_autofree char *done = NULL;
  NdEditionStatus status;

  if (edition == NULL || !child_pick_status (child, edition, &status))
    return;

  op = g_strdup_printf ("status %" G_GINT64_FORMAT " %s", nd_edition_get_id (edition),
                        nd_edition_status_to_string (status));
  child_report (child, 'I', op);
  if (!nd_story_store_set_edition_status (child->store, edition, status, "crash-test", &error))
    child_die ("set status", error);
  done = g_strdup_printf ("status %" G_GINT64_FORMAT " %s", nd_edition_get_id (edition),
                          nd_edition_status_to_string (nd_edition_get_status (edition)));
  child_confirm (child, op, done);
}

/* Several saves and status changes in one transaction: after a crash either
 * all of them are there or none. */
static void
child_batch (Child *child)
{
  g_autoptr(GError) error = NULL;
  g_autoptr(GPtrArray) editions = g_ptr_array_new_with_free_func (g_object_unref);
  g_autoptr(GPtrArray) intent = g_ptr_array_new_with_free_func (g_free);
  g_autoptr(GPtrArray) done = g_ptr_array_new_with_free_func (g_free);
  g_autoptr(GHashTable) seen = g_hash_table_new_full (g_int64_hash, g_int64_equal, g_free, NULL);
  g_autofree char *intent_line = NULL;
  g_autofree char *done_line = NULL;
  guint n = g_rand_int_range (child->rand, 2, 5);
  gboolean *is_save;

  for (guint tries = 0; tries < 10 && editions->len < n; tries++)
    {
      NdEdition *edition = child_pick_edition (child, NULL);
      gint64 id;

      if (edition == NULL)
        return;
      id = nd_edition_get_id (edition);
      if (g_hash_table_contains (seen, &id))
        {
          g_object_unref (edition);
          continue;
        }
      g_hash_table_add (seen, g_memdup2 (&id, sizeof id));
      g_ptr_array_add (editions, edition);
    }

  is_save = g_newa (gboolean, editions->len);
  for (guint i = 0; i < editions->len; i++)
    {
      NdEdition *edition = g_ptr_array_index (editions, i);
      NdEditionStatus status = ND_EDITION_STATUS_DRAFT;

      is_save[i] = g_rand_int_range (child->rand, 0, 3) != 0 || !child_pick_status (child, edition, &status);
      if (is_save[i])
        g_ptr_array_add (intent, child_prepare_save (child, edition));
      else
        {
          g_ptr_array_add (intent, g_strdup_printf ("status %" G_GINT64_FORMAT " %s", nd_edition_get_id (edition),
                                                    nd_edition_status_to_string (status)));
          /* Remember the choice in the object until the loop below. */
          g_object_set_data (G_OBJECT (edition), "next-status", GINT_TO_POINTER (status + 1));
        }
    }
  g_ptr_array_add (intent, NULL);
  intent_line = g_strjoinv (";", (char **) intent->pdata);

  child_report (child, 'I', intent_line);
  if (!nd_database_begin (child->db, &error))
    child_die ("begin", error);
  for (guint i = 0; i < editions->len; i++)
    {
      NdEdition *edition = g_ptr_array_index (editions, i);

      if (is_save[i])
        {
          if (!nd_story_store_save_edition (child->store, edition, &error))
            child_die ("save edition in a batch", error);
          g_ptr_array_add (done, describe_saved (edition));
        }
      else
        {
          NdEditionStatus status = GPOINTER_TO_INT (g_object_get_data (G_OBJECT (edition), "next-status")) - 1;

          if (!nd_story_store_set_edition_status (child->store, edition, status, "crash-test", &error))
            child_die ("set status in a batch", error);
          g_ptr_array_add (done, g_strdup_printf ("status %" G_GINT64_FORMAT " %s", nd_edition_get_id (edition),
                                                  nd_edition_status_to_string (nd_edition_get_status (edition))));
        }
    }
  if (!nd_database_commit (child->db, &error))
    child_die ("commit a batch", error);

  g_ptr_array_add (done, NULL);
  done_line = g_strjoinv (";", (char **) done->pdata);
  child_confirm (child, intent_line, done_line);
}

static void
child_restore (Child *child)
{
  g_autoptr(GError) error = NULL;
  g_autoptr(NdEdition) edition = child_pick_edition (child, NULL);
  g_autoptr(GPtrArray) revisions = NULL;
  g_autofree char *checksum = NULL;
  g_autofree char *intent = NULL;
  g_autofree char *done = NULL;
  NdRevision *revision;

  if (edition == NULL || nd_edition_get_revision (edition) == 0)
    return;
  revisions = nd_story_store_list_revisions (child->store, nd_edition_get_id (edition), &error);
  if (revisions == NULL)
    child_die ("list revisions", error);
  if (revisions->len == 0)
    child_die ("an edition with a revision has no history", NULL);

  revision = g_ptr_array_index (revisions, g_rand_int_range (child->rand, 0, revisions->len));
  checksum = text_checksum (nd_revision_get_headline (revision), nd_revision_get_standfirst (revision),
                            nd_revision_get_dateline_city (revision), nd_revision_get_body (revision));
  intent = g_strdup_printf ("restore %" G_GINT64_FORMAT " %" G_GINT64_FORMAT " %s",
                            nd_edition_get_id (edition), nd_edition_get_revision (edition) + 1, checksum);
  child_report (child, 'I', intent);
  if (!nd_story_store_restore_revision (child->store, edition, revision, &error))
    child_die ("restore revision", error);
  g_clear_pointer (&checksum, g_free);
  checksum = edition_checksum (edition);
  done = g_strdup_printf ("restore %" G_GINT64_FORMAT " %" G_GINT64_FORMAT " %s",
                          nd_edition_get_id (edition), nd_edition_get_revision (edition), checksum);
  child_confirm (child, intent, done);
}

static void
child_mark_translated (Child *child)
{
  g_autoptr(GError) error = NULL;
  g_autoptr(NdStory) story = NULL;
  g_autoptr(NdEdition) edition = child_pick_edition (child, &story);
  g_autofree char *intent = NULL;
  g_autofree char *done = NULL;
  NdEdition *source;

  if (edition == NULL)
    return;
  source = nd_story_get_edition (story, nd_story_get_source_lang (story));
  if (source == NULL || source == edition || nd_edition_get_id (source) == nd_edition_get_id (edition))
    return;

  intent = g_strdup_printf ("translated %" G_GINT64_FORMAT " %" G_GINT64_FORMAT " %" G_GINT64_FORMAT,
                            nd_edition_get_id (edition), nd_edition_get_id (source), nd_edition_get_revision (source));
  child_report (child, 'I', intent);
  if (!nd_story_store_mark_translated (child->store, edition, &error))
    child_die ("mark translated", error);
  done = g_strdup_printf ("translated %" G_GINT64_FORMAT " %" G_GINT64_FORMAT " %" G_GINT64_FORMAT,
                          nd_edition_get_id (edition), nd_edition_get_id (source),
                          nd_edition_get_source_revision (edition));
  child_confirm (child, intent, done);
}

static void
child_move_section (Child *child)
{
  g_autoptr(GError) error = NULL;
  g_autoptr(NdStory) story = child_pick_story (child);
  GListModel *sections = nd_story_store_get_sections (child->store);
  guint n = g_list_model_get_n_items (sections);
  guint pick;
  gint64 section_id = 0;
  g_autofree char *op = NULL;

  if (story == NULL)
    return;
  pick = g_rand_int_range (child->rand, 0, n + 1);
  if (pick < n)
    {
      g_autoptr(NdSection) section = g_list_model_get_item (sections, pick);

      section_id = nd_section_get_id (section);
    }

  op = g_strdup_printf ("section %" G_GINT64_FORMAT " %" G_GINT64_FORMAT, nd_story_get_id (story), section_id);
  child_report (child, 'I', op);
  nd_story_set_section_id (story, section_id);
  if (!nd_story_store_save_story (child->store, story, &error))
    child_die ("save story", error);
  child_confirm (child, op, op);
}

static void
child_trash (Child *child)
{
  g_autoptr(GError) error = NULL;
  g_autoptr(NdStory) story = child_pick_story (child);
  g_autofree char *op = NULL;
  gboolean trashed;
  gboolean ok;

  if (story == NULL)
    return;
  trashed = nd_story_get_trashed_at (story) == 0;
  op = g_strdup_printf ("trash %" G_GINT64_FORMAT " %d", nd_story_get_id (story), trashed);
  child_report (child, 'I', op);
  if (trashed)
    ok = nd_story_store_trash_story (child->store, nd_story_get_id (story), &error);
  else
    ok = nd_story_store_restore_story (child->store, nd_story_get_id (story), &error);
  if (!ok)
    child_die ("trash or restore story", error);
  child_confirm (child, op, op);
}

static void
child_step (Child *child)
{
  static const struct
  {
    guint weight;
    void (*run) (Child *child);
  } steps[] = {
    { 12, child_create },
    { 40, child_save },
    { 10, child_add_edition },
    { 14, child_status },
    { 10, child_batch },
    { 4, child_restore },
    { 4, child_mark_translated },
    { 3, child_move_section },
    { 3, child_trash },
  };
  guint total = 0;
  guint pick;

  if (child->story_ids->len < 3)
    {
      child_create (child);
      return;
    }

  for (guint i = 0; i < G_N_ELEMENTS (steps); i++)
    total += steps[i].weight;
  pick = g_rand_int_range (child->rand, 0, total);
  for (guint i = 0; i < G_N_ELEMENTS (steps); i++)
    {
      if (pick < steps[i].weight)
        {
          steps[i].run (child);
          return;
        }
      pick -= steps[i].weight;
    }
}

/* Runs until killed. With @max_commits > 0 it stops after that many commits
 * and waits to be killed, so that the parent knows exactly what is on disk. */
static int
child_main (const char *dir,
            guint32     seed,
            int         max_commits)
{
  g_autoptr(GError) error = NULL;
  g_autofree char *path = g_build_filename (dir, DB_NAME, NULL);
  g_autoptr(NdDatabase) db = NULL;
  g_autoptr(NdStoryStore) store = NULL;
  g_autoptr(GArray) ids = NULL;
  NdStoryFilter trash = { .trashed = TRUE };
  Child child = { 0 };

  /* Reports go to the pipe that was our stdout; anything else GLib prints
   * goes to stderr, so it cannot be mistaken for a report. */
  child.report_fd = dup (STDOUT_FILENO);
  if (child.report_fd < 0 || dup2 (STDERR_FILENO, STDOUT_FILENO) < 0)
    _exit (5);

  db = nd_database_open (path, ND_DATABASE_FLAGS_NONE, &error);
  if (db == NULL)
    child_die ("open database", error);
  store = nd_story_store_new (db, &error);
  if (store == NULL)
    child_die ("create store", error);

  /* With a fixed number of commits the parent cuts the last one off the WAL
   * afterwards; a checkpoint must not have copied it into the file first. */
  if (max_commits > 0 && !nd_database_execute (db, "PRAGMA wal_autocheckpoint = 0", &error))
    child_die ("turn off checkpoints", error);

  child.db = db;
  child.store = store;
  child.rand = g_rand_new_with_seed (seed);
  child.story_ids = g_array_new (FALSE, FALSE, sizeof (gint64));

  if ((ids = nd_story_store_query_story_ids (store, NULL, 0, &error)) == NULL)
    child_die ("list stories", error);
  g_array_append_vals (child.story_ids, ids->data, ids->len);
  g_clear_pointer (&ids, g_array_unref);
  if ((ids = nd_story_store_query_story_ids (store, &trash, 0, &error)) == NULL)
    child_die ("list the trash", error);
  g_array_append_vals (child.story_ids, ids->data, ids->len);

  child_report (&child, 'R', "");

  while (max_commits <= 0 || child.n_commits < (guint) max_commits)
    child_step (&child);

  for (;;)
    pause ();
}

/* The parent --------------------------------------------------------------- */

static char *
self_executable (void)
{
  g_autoptr(GError) error = NULL;
  char *path = g_file_read_link ("/proc/self/exe", &error);

  g_assert_no_error (error);
  return path;
}

/* Reads what is available on @fd into @out until @deadline (monotonic µs),
 * or until the end of the pipe when @deadline is 0. Returns FALSE at the end
 * of the pipe. */
static gboolean
read_until (int      fd,
            GString *out,
            gint64   deadline)
{
  for (;;)
    {
      struct pollfd pfd = { fd, POLLIN, 0 };
      int timeout = -1;
      char buffer[4096];
      ssize_t n;

      if (deadline > 0)
        {
          gint64 left = deadline - g_get_monotonic_time ();

          if (left <= 0)
            return TRUE;
          timeout = (int) ((left + 999) / 1000);
        }

      if (poll (&pfd, 1, timeout) < 0)
        {
          if (errno == EINTR)
            continue;
          g_error ("poll: %s", g_strerror (errno));
        }
      if (pfd.revents == 0)
        continue;

      n = read (fd, buffer, sizeof buffer);
      if (n < 0 && errno == EINTR)
        continue;
      if (n <= 0)
        return FALSE;
      g_string_append_len (out, buffer, n);
    }
}

static gboolean
output_has_ready (GString *out)
{
  return g_str_has_prefix (out->str, "R \n") || strstr (out->str, "\nR \n") != NULL;
}

static guint
count_commits (GString *out)
{
  guint n = 0;

  for (const char *p = out->str; (p = strstr (p, "C ")) != NULL; p += 2)
    if (p == out->str || p[-1] == '\n')
      n++;
  return n;
}

typedef enum
{
  KILL_AFTER_READY,     /* the delay starts when the child has opened */
  KILL_AFTER_SPAWN,     /* the delay starts at the spawn: open and recovery */
  KILL_AFTER_COMMITS,   /* after the child made its fixed number of commits */
} KillMode;

/* Runs one child, kills it, and returns everything it reported. */
static char *
run_child (const char *dir,
           guint32     seed,
           KillMode    mode,
           guint       delay_usec,
           int         max_commits)
{
  g_autoptr(GError) error = NULL;
  g_autofree char *exe = self_executable ();
  g_autofree char *seed_text = g_strdup_printf ("%u", seed);
  g_autofree char *commits_text = g_strdup_printf ("%d", max_commits);
  const char *argv[] = { exe, "--child", dir, seed_text, commits_text, NULL };
  g_autoptr(GString) out = g_string_new (NULL);
  gint64 start = g_get_monotonic_time ();
  gboolean open = TRUE;
  GPid pid;
  int fd;
  int status;

  g_spawn_async_with_pipes (NULL, (char **) argv, NULL, G_SPAWN_DO_NOT_REAP_CHILD,
                            NULL, NULL, &pid, NULL, &fd, NULL, &error);
  g_assert_no_error (error);

  switch (mode)
    {
    case KILL_AFTER_READY:
      while (open && !output_has_ready (out) && g_get_monotonic_time () - start < READY_TIMEOUT_USEC)
        open = read_until (fd, out, g_get_monotonic_time () + 1000);
      g_assert_true (output_has_ready (out) || !open);
      open = open && read_until (fd, out, g_get_monotonic_time () + delay_usec);
      break;

    case KILL_AFTER_SPAWN:
      open = read_until (fd, out, start + delay_usec);
      break;

    case KILL_AFTER_COMMITS:
      while (open && count_commits (out) < (guint) max_commits &&
             g_get_monotonic_time () - start < READY_TIMEOUT_USEC)
        open = read_until (fd, out, g_get_monotonic_time () + 1000);
      g_assert_cmpuint (count_commits (out), ==, max_commits);
      break;

    default:
      g_assert_not_reached ();
    }

  kill (pid, SIGKILL);
  if (open)
    read_until (fd, out, 0);
  close (fd);

  while (waitpid (pid, &status, 0) < 0)
    g_assert_cmpint (errno, ==, EINTR);
  g_spawn_close_pid (pid);

  /* A child that ended any other way failed; its stderr says why. */
  if (!WIFSIGNALED (status) || WTERMSIG (status) != SIGKILL)
    g_error ("The writer ended by itself (wait status %d) instead of being killed; "
             "its output ended with: %.300s", status,
             out->len > 300 ? out->str + out->len - 300 : out->str);

  /* "R" is written as "R " plus the empty op list. */
  return g_string_free (g_steal_pointer (&out), FALSE);
}

static void
copy_file (const char *from,
           const char *to)
{
  g_autoptr(GError) error = NULL;
  g_autofree char *contents = NULL;
  gsize length;

  if (!g_file_test (from, G_FILE_TEST_EXISTS))
    return;
  g_file_get_contents (from, &contents, &length, &error);
  g_assert_no_error (error);
  g_file_set_contents (to, contents, length, &error);
  g_assert_no_error (error);
}

/* Copies the database as a crash left it: the file and its WAL, without the
 * shared-memory index, which the next open rebuilds. */
static char *
copy_database (const char *dir)
{
  g_autoptr(GError) error = NULL;
  char *copy = g_dir_make_tmp ("nd-crash-copy-XXXXXX", &error);
  const char *names[] = { DB_NAME, DB_NAME "-wal" };

  g_assert_no_error (error);
  for (guint i = 0; i < G_N_ELEMENTS (names); i++)
    {
      g_autofree char *from = g_build_filename (dir, names[i], NULL);
      g_autofree char *to = g_build_filename (copy, names[i], NULL);

      copy_file (from, to);
    }
  return copy;
}

static guint32
read_be32 (const guchar *p)
{
  return ((guint32) p[0] << 24) | ((guint32) p[1] << 16) | ((guint32) p[2] << 8) | p[3];
}

/*
 * Simulates what a power cut can do to a database with synchronous=OFF: the
 * frames of the last transaction never reached the disk. The WAL is cut
 * after the commit frame before the last one (frames whose salt does not
 * match the header are left over from before a WAL restart and end the
 * walk). Returns the number of transactions found.
 */
static guint
drop_last_transaction (const char *dir)
{
  g_autoptr(GError) error = NULL;
  g_autofree char *wal = g_build_filename (dir, DB_NAME "-wal", NULL);
  g_autofree char *shm = g_build_filename (dir, DB_NAME "-shm", NULL);
  g_autofree char *contents = NULL;
  const guchar *p;
  gsize length;
  gsize offset = 32;
  gsize cut = 32;
  gsize last_commit_end = 0;
  guint32 page_size;
  guint n_commits = 0;

  g_file_get_contents (wal, &contents, &length, &error);
  g_assert_no_error (error);
  g_assert_cmpuint (length, >=, 32);
  p = (const guchar *) contents;
  page_size = read_be32 (p + 8);
  g_assert_cmpuint (page_size, >=, 512);

  while (offset + 24 + page_size <= length)
    {
      const guchar *frame = p + offset;

      if (memcmp (frame + 8, p + 16, 8) != 0)
        break;
      offset += 24 + page_size;
      if (read_be32 (frame + 4) != 0)
        {
          cut = last_commit_end != 0 ? last_commit_end : 32;
          last_commit_end = offset;
          n_commits++;
        }
    }

  g_assert_cmpint (truncate (wal, cut), ==, 0);
  g_remove (shm);
  return n_commits;
}

static guint32
get_seed (void)
{
  const char *env = g_getenv ("ND_CRASH_SAFETY_SEED");
  guint64 value;

  if (env != NULL && g_ascii_string_to_unsigned (env, 10, 0, G_MAXUINT32, &value, NULL))
    return (guint32) value;
  return g_random_int ();
}

/*
 * The checker itself must be able to fail. A writer makes a known number of
 * commits and waits; then the checker must accept the database as it is,
 * reject it when a commit is pretended to have been reported, and reject it
 * when the last transaction is cut off the WAL as a power cut with
 * synchronous=OFF could do.
 */
static void
test_checker_detects_loss (void)
{
  g_autoptr(GError) error = NULL;
  g_autofree char *dir = g_dir_make_tmp ("nd-crash-XXXXXX", &error);
  g_autofree char *output = NULL;
  g_autofree char *control = NULL;
  g_autofree char *pretend = NULL;
  g_autofree char *extra = NULL;
  g_autoptr(Snapshot) empty = snapshot_new ();
  g_autoptr(Snapshot) state = NULL;
  Report report = { 0 };
  guint32 seed = get_seed ();
  const int n_commits = 12;
  guint n_transactions;

  g_assert_no_error (error);
  g_test_message ("seed %u", seed);

  output = run_child (dir, seed, KILL_AFTER_COMMITS, 0, n_commits);
  report_parse (&report, output);
  g_assert_true (report.ready);
  g_assert_cmpuint (report.confirmed->len, ==, n_commits);
  g_assert_null (report.intent);

  /* As it is: every reported commit is there. */
  control = copy_database (dir);
  state = check_database (control, empty, &report, FALSE, NULL, &error);
  g_assert_no_error (error);
  g_assert_nonnull (state);
  g_clear_pointer (&state, snapshot_free);

  /* A commit reported but never made. */
  pretend = copy_database (dir);
  {
    g_autoptr(Snapshot) expected = snapshot_copy (empty);

    for (guint i = 0; i < report.confirmed->len; i++)
      g_assert_true (apply_ops (expected, g_ptr_array_index (report.confirmed, i), NULL));
    extra = fabricate_commit (expected);
  }
  g_ptr_array_add (report.confirmed, g_strdup (extra));
  state = check_database (pretend, empty, &report, FALSE, NULL, &error);
  g_assert_null (state);
  g_assert_error (error, G_IO_ERROR, G_IO_ERROR_FAILED);
  g_test_message ("a pretended commit is caught: %s", error->message);
  g_clear_error (&error);
  g_free (g_ptr_array_steal_index (report.confirmed, report.confirmed->len - 1));

  /* The last commit lost on the way to the disk. */
  n_transactions = drop_last_transaction (dir);
  g_assert_cmpuint (n_transactions, >=, 2);
  state = check_database (dir, empty, &report, FALSE, NULL, &error);
  g_assert_null (state);
  g_assert_error (error, G_IO_ERROR, G_IO_ERROR_FAILED);
  g_test_message ("a lost write is caught: %s", error->message);

  report_clear (&report);
  nd_test_remove_dir (control);
  nd_test_remove_dir (pretend);
  nd_test_remove_dir (dir);
}

/* Checks the database through the store's own API after the last crash. */
static void
check_final_store (const char *dir,
                   Snapshot   *model)
{
  g_autoptr(GError) error = NULL;
  g_autofree char *path = g_build_filename (dir, DB_NAME, NULL);
  g_autoptr(NdDatabase) db = nd_database_open (path, ND_DATABASE_FLAGS_NONE, &error);
  g_autoptr(NdStoryStore) store = NULL;
  g_autoptr(GArray) desk = NULL;
  g_autoptr(GArray) trash = NULL;
  NdStoryFilter trash_filter = { .trashed = TRUE };
  NdStoryFilter ru_filter = { .lang = "ru" };
  guint n_desk = 0;
  guint n_trash = 0;
  GHashTableIter iter;
  gpointer value;

  g_assert_no_error (error);
  store = nd_story_store_new (db, &error);
  g_assert_no_error (error);

  g_hash_table_iter_init (&iter, model->stories);
  while (g_hash_table_iter_next (&iter, NULL, &value))
    {
      if (((StoryState *) value)->trashed)
        n_trash++;
      else
        n_desk++;
    }

  desk = nd_story_store_query_story_ids (store, NULL, 0, &error);
  g_assert_no_error (error);
  g_assert_cmpuint (desk->len, ==, n_desk);
  g_assert_cmpuint (nd_story_store_count_stories (store, &error), ==, n_desk);
  g_assert_no_error (error);
  trash = nd_story_store_query_story_ids (store, &trash_filter, 0, &error);
  g_assert_no_error (error);
  g_assert_cmpuint (trash->len, ==, n_trash);
  g_clear_pointer (&desk, g_array_unref);
  desk = nd_story_store_query_story_ids (store, &ru_filter, 200, &error);
  g_assert_no_error (error);
  g_assert_cmpuint (desk->len, <=, 200);

  /* Every edition as the store loads it. */
  g_hash_table_iter_init (&iter, model->editions);
  while (g_hash_table_iter_next (&iter, NULL, &value))
    {
      EditionState *expected = value;
      g_autoptr(NdEdition) edition = nd_story_store_load_edition (store, expected->story_id, expected->lang, &error);
      g_autofree char *checksum = NULL;

      g_assert_no_error (error);
      checksum = edition_checksum (edition);
      g_assert_cmpint (nd_edition_get_id (edition), ==, expected->id);
      g_assert_cmpint (nd_edition_get_revision (edition), ==, expected->revision);
      g_assert_cmpstr (checksum, ==, expected->checksum);
      g_assert_cmpstr (nd_edition_status_to_string (nd_edition_get_status (edition)), ==, expected->status);
    }
}

static void
test_kill_loop (void)
{
  g_autoptr(GError) error = NULL;
  g_autofree char *dir = g_dir_make_tmp ("nd-crash-XXXXXX", &error);
  g_autoptr(Snapshot) model = snapshot_new ();
  g_autoptr(GRand) rand = NULL;
  const char *env = g_getenv ("ND_CRASH_SAFETY_ITERATIONS");
  guint iterations = env != NULL ? (guint) atoi (env) : N_ITERATIONS;
  gboolean pretend = g_strcmp0 (g_getenv ("ND_CRASH_SAFETY_PRETEND_LOST_COMMIT"), "1") == 0;
  guint32 seed = get_seed ();
  Stats stats = { 0 };
  gint64 start = g_get_monotonic_time ();

  g_assert_no_error (error);
  g_test_message ("crash-safety seed %u (rerun with ND_CRASH_SAFETY_SEED=%u), %u iterations, in %s",
                  seed, seed, iterations, dir);
  rand = g_rand_new_with_seed (seed);

  for (guint i = 0; i < iterations; i++)
    {
      guint32 child_seed = g_rand_int (rand);
      guint delay = g_rand_int_range (rand, 0, MAX_DELAY_USEC + 1);
      KillMode mode = g_rand_int_range (rand, 0, 5) == 0 ? KILL_AFTER_SPAWN : KILL_AFTER_READY;
      gboolean keep_wal = g_rand_boolean (rand);
      g_autofree char *output = run_child (dir, child_seed, mode, delay, 0);
      g_autoptr(Snapshot) state = NULL;
      Report report = { 0 };

      report_parse (&report, output);
      if (!report.ready)
        stats.n_killed_before_ready++;
      stats.n_confirmed += report.confirmed->len;

      if (pretend && i == iterations / 2)
        {
          g_autoptr(Snapshot) expected = snapshot_copy (model);

          for (guint j = 0; j < report.confirmed->len; j++)
            g_assert_true (apply_ops (expected, g_ptr_array_index (report.confirmed, j), NULL));
          g_ptr_array_add (report.confirmed, fabricate_commit (expected));
          g_test_message ("pretending that '%s' was reported",
                          (char *) g_ptr_array_index (report.confirmed, report.confirmed->len - 1));
        }

      state = check_database (dir, model, &report, keep_wal, &stats, &error);
      if (error != NULL)
        g_test_message ("iteration %u (child seed %u, %s %u µs): %s", i, child_seed,
                        mode == KILL_AFTER_SPAWN ? "killed after spawn +" : "killed after open +",
                        delay, error->message);
      g_assert_no_error (error);

      g_clear_pointer (&model, snapshot_free);
      model = g_steal_pointer (&state);
      report_clear (&report);
    }

  check_final_store (dir, model);

  g_test_message ("%u commits reported, in-flight commit landed %u times and was lost %u times, "
                  "%u kills before the database opened; %u stories, %u editions at the end; %.1f s",
                  stats.n_confirmed, stats.n_in_flight_landed, stats.n_in_flight_lost,
                  stats.n_killed_before_ready, g_hash_table_size (model->stories),
                  g_hash_table_size (model->editions),
                  (g_get_monotonic_time () - start) / (double) G_USEC_PER_SEC);

  /* A run that hardly got to commit anything tested nothing. A quiet disk
   * gives some twenty commits per iteration, a busy one a few. */
  g_assert_cmpuint (stats.n_confirmed, >=, iterations / 4);

  nd_test_remove_dir (dir);
}

int
main (int   argc,
      char *argv[])
{
  if (argc == 5 && g_str_equal (argv[1], "--child"))
    return child_main (argv[2], (guint32) g_ascii_strtoull (argv[3], NULL, 10), atoi (argv[4]));

  g_test_init (&argc, &argv, NULL);

  g_test_add_func ("/store/crash-safety/checker-detects-loss", test_checker_detects_loss);
  g_test_add_func ("/store/crash-safety/kill-loop", test_kill_loop);

  return g_test_run ();
}
