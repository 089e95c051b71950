/* nd-backup.c
 *
 * SPDX-License-Identifier: GPL-3.0-or-later
 */

#define G_LOG_DOMAIN "newsdesk-backup"

#include "config.h"

#include <stdio.h>
#include <string.h>

#include <glib/gi18n-lib.h>
#include <json-glib/json-glib.h>

#include "nd-backup.h"
#include "nd-text-fold.h"

/*
 * A backup is one JSON document, described field by field in
 * docs/backup-format.md. Export writes it with the small streaming writer
 * below, story by story, so memory stays flat however large the archive is.
 * Import parses the whole file with json-glib, checks every value, and only
 * then writes, in one transaction.
 */

/* The writer hands the stream chunks of about this size. */
#define WRITE_CHUNK (64 * 1024)
/* Import reads the stream in chunks of this size. */
#define READ_CHUNK (1024 * 1024)
/* A backup nests seven levels deep; json-glib's parser recurses once per
 * level and overflows the stack on a few hundred thousand, so deeper files
 * are refused before it sees them. */
#define MAX_DEPTH 64
/* Values quoted in error messages are cut to this many characters. */
#define MAX_QUOTED 40

static gint64 max_import_size = ND_BACKUP_MAX_IMPORT_SIZE;

G_DEFINE_QUARK (nd-backup-error-quark, nd_backup_error)

/* The kinds of things a backup refers to by key. */
typedef enum
{
  KIND_LANGUAGE,
  KIND_SECTION,
  KIND_TAG,
  KIND_CONTRIBUTOR,
  KIND_MEDIA,
  KIND_STORY,
  N_KINDS
} Kind;

/* Writer -------------------------------------------------------------------- */

typedef struct
{
  GOutputStream *stream;
  GCancellable  *cancellable;
  GString       *buffer;
  guint          depth;
  gboolean       first;       /* nothing written yet in the open container */
  gboolean       after_key;   /* a member name was written, its value is next */
  const char    *story_uuid;  /* the story being written, for messages */
  GError        *error;       /* the first failure; later writes do nothing */
} Writer;

static void
writer_flush (Writer   *w,
              gboolean  force)
{
  if (w->error != NULL)
    {
      g_string_truncate (w->buffer, 0);
      return;
    }
  if (w->buffer->len == 0 || (!force && w->buffer->len < WRITE_CHUNK))
    return;

  g_output_stream_write_all (w->stream, w->buffer->str, w->buffer->len, NULL,
                             w->cancellable, &w->error);
  g_string_truncate (w->buffer, 0);
}

/*
 * JSON strings: quotes, backslashes and control characters (C0, DEL and C1)
 * are escaped, and so are U+2028 and U+2029, which JavaScript takes for line
 * ends. Everything else, Cyrillic and Arabic included, stays UTF-8 as it is.
 */
static void
append_json_string (GString    *out,
                    const char *text,
                    gsize       length)
{
  g_autofree char *valid = NULL;
  const guchar *p;
  const guchar *end;
  const guchar *run;

  if (!g_utf8_validate_len (text, length, NULL))
    {
      /* SQLite does not check what it stores; a backup that cannot be read
       * back would be worse than one replacement character. */
      g_warning ("Replacing invalid UTF-8 in exported text");
      valid = g_utf8_make_valid (text, length);
      text = valid;
      length = strlen (valid);
    }

  p = (const guchar *) text;
  end = p + length;
  run = p;

  g_string_append_c (out, '"');
  while (p < end)
    {
      const char *escape = NULL;
      char code[8];
      gsize skip = 1;

      if (*p == '"')
        escape = "\\\"";
      else if (*p == '\\')
        escape = "\\\\";
      else if (*p == '\n')
        escape = "\\n";
      else if (*p == '\r')
        escape = "\\r";
      else if (*p == '\t')
        escape = "\\t";
      else if (*p == '\b')
        escape = "\\b";
      else if (*p == '\f')
        escape = "\\f";
      else if (*p < 0x20 || *p == 0x7f)
        {
          g_snprintf (code, sizeof code, "\\u%04x", *p);
          escape = code;
        }
      else if (*p == 0xc2 && p + 1 < end && p[1] >= 0x80 && p[1] <= 0x9f)
        {
          g_snprintf (code, sizeof code, "\\u%04x", p[1]);
          escape = code;
          skip = 2;
        }
      else if (*p == 0xe2 && p + 2 < end && p[1] == 0x80 && (p[2] == 0xa8 || p[2] == 0xa9))
        {
          escape = p[2] == 0xa8 ? "\\u2028" : "\\u2029";
          skip = 3;
        }

      if (escape != NULL)
        {
          g_string_append_len (out, (const char *) run, p - run);
          g_string_append (out, escape);
          p += skip;
          run = p;
        }
      else
        p++;
    }
  g_string_append_len (out, (const char *) run, p - run);
  g_string_append_c (out, '"');
}

static void
writer_newline (Writer *w)
{
  g_string_append_c (w->buffer, '\n');
  for (guint i = 0; i < w->depth; i++)
    g_string_append (w->buffer, "  ");
}

/* Whatever goes before a value or a member name: a comma, a new line. */
static void
writer_prefix (Writer *w)
{
  if (w->after_key)
    {
      w->after_key = FALSE;
      return;
    }
  if (!w->first)
    g_string_append_c (w->buffer, ',');
  if (w->depth > 0)
    writer_newline (w);
  w->first = FALSE;
}

static void
writer_begin (Writer *w,
              char    bracket)
{
  writer_prefix (w);
  g_string_append_c (w->buffer, bracket);
  w->depth++;
  w->first = TRUE;
}

static void
writer_end (Writer *w,
            char    bracket)
{
  g_assert (w->depth > 0);

  w->depth--;
  if (!w->first)
    writer_newline (w);
  g_string_append_c (w->buffer, bracket);
  w->first = FALSE;
  writer_flush (w, FALSE);
}

static void
writer_key (Writer     *w,
            const char *key)
{
  writer_prefix (w);
  append_json_string (w->buffer, key, strlen (key));
  g_string_append (w->buffer, ": ");
  w->after_key = TRUE;
}

static void
writer_string (Writer     *w,
               const char *value)
{
  writer_prefix (w);
  if (value == NULL)
    g_string_append (w->buffer, "null");
  else
    append_json_string (w->buffer, value, strlen (value));
  writer_flush (w, FALSE);
}

static void
writer_int (Writer *w,
            gint64  value)
{
  writer_prefix (w);
  g_string_append_printf (w->buffer, "%" G_GINT64_FORMAT, value);
}

static void
writer_null (Writer *w)
{
  writer_prefix (w);
  g_string_append (w->buffer, "null");
}

static void
writer_bool (Writer   *w,
             gboolean  value)
{
  writer_prefix (w);
  g_string_append (w->buffer, value ? "true" : "false");
}

/* Years 1 to 9999 are all ISO 8601 and GDateTime can show. */
#define MIN_SECONDS G_GINT64_CONSTANT (-62135596800)
#define MAX_SECONDS G_GINT64_CONSTANT (253402300799)

static gboolean
format_time (gint64    seconds,
             int       microseconds,
             gboolean  with_microseconds,
             char     *out,
             gsize     out_size)
{
  g_autoptr(GDateTime) date = NULL;

  if (seconds < MIN_SECONDS || seconds > MAX_SECONDS)
    return FALSE;
  date = g_date_time_new_from_unix_utc (seconds);
  if (date == NULL)
    return FALSE;

  /* Written by hand rather than with g_date_time_format() so no locale can
   * creep into the digits. */
  if (with_microseconds)
    g_snprintf (out, out_size, "%04d-%02d-%02dT%02d:%02d:%02d.%06dZ",
                g_date_time_get_year (date), g_date_time_get_month (date),
                g_date_time_get_day_of_month (date), g_date_time_get_hour (date),
                g_date_time_get_minute (date), g_date_time_get_second (date), microseconds);
  else
    g_snprintf (out, out_size, "%04d-%02d-%02dT%02d:%02d:%02dZ",
                g_date_time_get_year (date), g_date_time_get_month (date),
                g_date_time_get_day_of_month (date), g_date_time_get_hour (date),
                g_date_time_get_minute (date), g_date_time_get_second (date));
  return TRUE;
}

/* Numbers in translatable messages go in as text: xgettext cannot expand
 * G_GINT64_FORMAT inside _(). */
static char *
int_text (gint64 value)
{
  return g_strdup_printf ("%" G_GINT64_FORMAT, value);
}

static void
writer_time_error (Writer     *w,
                   const char *key,
                   gint64      value)
{
  g_autofree char *number = int_text (value);

  if (w->error != NULL)
    return;

  if (w->story_uuid != NULL)
    g_set_error (&w->error, ND_BACKUP_ERROR, ND_BACKUP_ERROR_FAILED,
                 /* Translators: a field name, a number, then a story's uuid */
                 _("The time in “%s” (%s) of story %s cannot be written"),
                 key, number, w->story_uuid);
  else
    g_set_error (&w->error, ND_BACKUP_ERROR, ND_BACKUP_ERROR_FAILED,
                 /* Translators: a field name, then a number */
                 _("The time in “%s” (%s) cannot be written"), key, number);
}

/* A time in microseconds since the epoch, as the *_at columns hold them. */
static void
writer_member_usec (Writer     *w,
                    const char *key,
                    gint64      usec)
{
  char text[64];
  gint64 seconds = usec / G_USEC_PER_SEC;
  gint64 fraction = usec % G_USEC_PER_SEC;

  if (fraction < 0)
    {
      fraction += G_USEC_PER_SEC;
      seconds--;
    }

  writer_key (w, key);
  if (!format_time (seconds, (int) fraction, TRUE, text, sizeof text))
    {
      writer_time_error (w, key, usec);
      writer_null (w);
      return;
    }
  writer_string (w, text);
}

static void
writer_member_string (Writer     *w,
                      const char *key,
                      const char *value)
{
  writer_key (w, key);
  writer_string (w, value);
}

static void
writer_member_int (Writer     *w,
                   const char *key,
                   gint64      value)
{
  writer_key (w, key);
  writer_int (w, value);
}

/* Column helpers ------------------------------------------------------------- */

static const char *
column_text (NdStatement *stmt,
             int          column)
{
  const char *text = (const char *) sqlite3_column_text (stmt, column);

  return text != NULL ? text : "";
}

static const char *
column_text_or_null (NdStatement *stmt,
                     int          column)
{
  if (sqlite3_column_type (stmt, column) == SQLITE_NULL)
    return NULL;

  return column_text (stmt, column);
}

static gboolean
step (NdDatabase   *db,
      NdStatement  *stmt,
      gboolean     *has_row,
      GError      **error)
{
  int rc = sqlite3_step (stmt);

  *has_row = rc == SQLITE_ROW;
  if (rc == SQLITE_ROW || rc == SQLITE_DONE)
    return TRUE;

  return nd_database_set_error (db, rc, error);
}

static void
writer_member_column (Writer      *w,
                      const char  *key,
                      NdStatement *stmt,
                      int          column)
{
  writer_member_string (w, key, column_text_or_null (stmt, column));
}

static void
writer_member_usec_column (Writer      *w,
                           const char  *key,
                           NdStatement *stmt,
                           int          column)
{
  if (sqlite3_column_type (stmt, column) == SQLITE_NULL)
    {
      writer_key (w, key);
      writer_null (w);
    }
  else
    writer_member_usec (w, key, sqlite3_column_int64 (stmt, column));
}

/* Export --------------------------------------------------------------------- */

/*
 * Writes the rows of a "lang → text" side table as an object keyed by
 * language code, in code order. With one text column the values are
 * strings; with several (names[]) each value is an object.
 */
static gboolean
write_texts (Writer             *w,
             NdDatabase         *db,
             const char         *key,
             const char         *sql,
             gint64              owner_id,
             const char * const *names,
             GError            **error)
{
  g_autoptr(NdStatement) stmt = nd_database_prepare (db, sql, error);
  gboolean has_row;

  if (stmt == NULL)
    return FALSE;

  sqlite3_bind_int64 (stmt, 1, owner_id);
  writer_key (w, key);
  writer_begin (w, '{');
  while (step (db, stmt, &has_row, error) && has_row)
    {
      writer_key (w, column_text (stmt, 0));
      if (names == NULL)
        writer_string (w, column_text (stmt, 1));
      else
        {
          writer_begin (w, '{');
          for (guint i = 0; names[i] != NULL; i++)
            writer_member_string (w, names[i], column_text (stmt, 1 + i));
          writer_end (w, '}');
        }
    }
  writer_end (w, '}');

  return error == NULL || *error == NULL;
}

static gboolean
write_uuid_list (Writer      *w,
                 NdDatabase  *db,
                 const char  *key,
                 const char  *sql,
                 gint64       story_id,
                 GError     **error)
{
  g_autoptr(NdStatement) stmt = nd_database_prepare (db, sql, error);
  gboolean has_row;

  if (stmt == NULL)
    return FALSE;

  sqlite3_bind_int64 (stmt, 1, story_id);
  writer_key (w, key);
  writer_begin (w, '[');
  while (step (db, stmt, &has_row, error) && has_row)
    writer_string (w, column_text (stmt, 0));
  writer_end (w, ']');

  return error == NULL || *error == NULL;
}

static gboolean
write_settings (Writer      *w,
                NdDatabase  *db,
                GError     **error)
{
  g_autoptr(NdStatement) stmt = NULL;
  gboolean has_row;

  stmt = nd_database_prepare (db, "SELECT key, value FROM settings ORDER BY key", error);
  if (stmt == NULL)
    return FALSE;

  writer_key (w, "settings");
  writer_begin (w, '{');
  while (step (db, stmt, &has_row, error) && has_row)
    writer_member_string (w, column_text (stmt, 0), column_text (stmt, 1));
  writer_end (w, '}');

  return error == NULL || *error == NULL;
}

static gboolean
write_languages (Writer      *w,
                 NdDatabase  *db,
                 GError     **error)
{
  g_autoptr(NdStatement) stmt = NULL;
  gboolean has_row;

  stmt = nd_database_prepare (db,
                              "SELECT code, name, native_name, direction, publication_name,"
                              " dateline_format, position FROM languages ORDER BY position, code",
                              error);
  if (stmt == NULL)
    return FALSE;

  writer_key (w, "languages");
  writer_begin (w, '[');
  while (step (db, stmt, &has_row, error) && has_row)
    {
      writer_begin (w, '{');
      writer_member_string (w, "code", column_text (stmt, 0));
      writer_member_string (w, "name", column_text (stmt, 1));
      writer_member_string (w, "native_name", column_text (stmt, 2));
      writer_member_string (w, "direction", column_text (stmt, 3));
      writer_member_string (w, "publication_name", column_text (stmt, 4));
      writer_member_string (w, "dateline_format", column_text (stmt, 5));
      writer_member_int (w, "position", sqlite3_column_int64 (stmt, 6));
      writer_end (w, '}');
    }
  writer_end (w, ']');

  return error == NULL || *error == NULL;
}

static gboolean
write_sections (Writer      *w,
                NdDatabase  *db,
                GError     **error)
{
  g_autoptr(NdStatement) stmt = NULL;
  gboolean has_row;

  stmt = nd_database_prepare (db, "SELECT id, slug, position FROM sections ORDER BY position, slug",
                              error);
  if (stmt == NULL)
    return FALSE;

  writer_key (w, "sections");
  writer_begin (w, '[');
  while (step (db, stmt, &has_row, error) && has_row)
    {
      writer_begin (w, '{');
      writer_member_string (w, "slug", column_text (stmt, 1));
      writer_member_int (w, "position", sqlite3_column_int64 (stmt, 2));
      if (!write_texts (w, db, "names",
                        "SELECT lang, name FROM section_names WHERE section_id = ? ORDER BY lang",
                        sqlite3_column_int64 (stmt, 0), NULL, error))
        return FALSE;
      writer_end (w, '}');
    }
  writer_end (w, ']');

  return error == NULL || *error == NULL;
}

static gboolean
write_tags (Writer      *w,
            NdDatabase  *db,
            GError     **error)
{
  g_autoptr(NdStatement) stmt = nd_database_prepare (db, "SELECT id, uuid FROM tags ORDER BY uuid",
                                                     error);
  gboolean has_row;

  if (stmt == NULL)
    return FALSE;

  writer_key (w, "tags");
  writer_begin (w, '[');
  while (step (db, stmt, &has_row, error) && has_row)
    {
      writer_begin (w, '{');
      writer_member_string (w, "uuid", column_text (stmt, 1));
      if (!write_texts (w, db, "labels",
                        "SELECT lang, label FROM tag_labels WHERE tag_id = ? ORDER BY lang",
                        sqlite3_column_int64 (stmt, 0), NULL, error))
        return FALSE;
      writer_end (w, '}');
    }
  writer_end (w, ']');

  return error == NULL || *error == NULL;
}

static gboolean
write_contributors (Writer      *w,
                    NdDatabase  *db,
                    GError     **error)
{
  static const char * const names[] = { "name", "role", NULL };
  g_autoptr(NdStatement) stmt = NULL;
  gboolean has_row;

  stmt = nd_database_prepare (db, "SELECT id, uuid FROM contributors ORDER BY uuid", error);
  if (stmt == NULL)
    return FALSE;

  writer_key (w, "contributors");
  writer_begin (w, '[');
  while (step (db, stmt, &has_row, error) && has_row)
    {
      writer_begin (w, '{');
      writer_member_string (w, "uuid", column_text (stmt, 1));
      if (!write_texts (w, db, "texts",
                        "SELECT lang, name, role FROM contributor_names"
                        " WHERE contributor_id = ? ORDER BY lang",
                        sqlite3_column_int64 (stmt, 0), names, error))
        return FALSE;
      writer_end (w, '}');
    }
  writer_end (w, ']');

  return error == NULL || *error == NULL;
}

static gboolean
write_media (Writer      *w,
             NdDatabase  *db,
             GError     **error)
{
  static const char * const names[] = { "caption", "alt", "credit", NULL };
  g_autoptr(NdStatement) stmt = NULL;
  gboolean has_row;

  stmt = nd_database_prepare (db, "SELECT id, uuid, file, mime_type FROM media ORDER BY uuid",
                              error);
  if (stmt == NULL)
    return FALSE;

  writer_key (w, "media");
  writer_begin (w, '[');
  while (step (db, stmt, &has_row, error) && has_row)
    {
      writer_begin (w, '{');
      writer_member_string (w, "uuid", column_text (stmt, 1));
      writer_member_string (w, "file", column_text (stmt, 2));
      writer_member_string (w, "mime_type", column_text (stmt, 3));
      if (!write_texts (w, db, "texts",
                        "SELECT lang, caption, alt, credit FROM media_texts"
                        " WHERE media_id = ? ORDER BY lang",
                        sqlite3_column_int64 (stmt, 0), names, error))
        return FALSE;
      writer_end (w, '}');
    }
  writer_end (w, ']');

  return error == NULL || *error == NULL;
}

static gboolean
write_revisions (Writer      *w,
                 NdDatabase  *db,
                 gint64       edition_id,
                 GError     **error)
{
  g_autoptr(NdStatement) stmt = NULL;
  gboolean has_row;

  stmt = nd_database_prepare (db,
                              "SELECT revision, created_at, saved_at, headline, standfirst,"
                              " dateline_city, body, word_count, pinned"
                              " FROM revisions WHERE edition_id = ?"
                              " ORDER BY revision, id",
                              error);
  if (stmt == NULL)
    return FALSE;

  sqlite3_bind_int64 (stmt, 1, edition_id);
  writer_key (w, "revisions");
  writer_begin (w, '[');
  while (step (db, stmt, &has_row, error) && has_row)
    {
      writer_begin (w, '{');
      writer_member_int (w, "revision", sqlite3_column_int64 (stmt, 0));
      writer_member_usec_column (w, "created_at", stmt, 1);
      writer_member_usec_column (w, "saved_at", stmt, 2);
      writer_member_column (w, "headline", stmt, 3);
      writer_member_column (w, "standfirst", stmt, 4);
      writer_member_column (w, "dateline_city", stmt, 5);
      writer_member_column (w, "body", stmt, 6);
      writer_member_int (w, "word_count", sqlite3_column_int64 (stmt, 7));
      writer_key (w, "pinned");
      writer_bool (w, sqlite3_column_int (stmt, 8) != 0);
      writer_end (w, '}');
    }
  writer_end (w, ']');

  return error == NULL || *error == NULL;
}

static gboolean
write_status_history (Writer      *w,
                      NdDatabase  *db,
                      gint64       edition_id,
                      GError     **error)
{
  g_autoptr(NdStatement) stmt = NULL;
  gboolean has_row;

  stmt = nd_database_prepare (db,
                              "SELECT old_status, new_status, author, changed_at"
                              " FROM status_changes WHERE edition_id = ? ORDER BY changed_at, id",
                              error);
  if (stmt == NULL)
    return FALSE;

  sqlite3_bind_int64 (stmt, 1, edition_id);
  writer_key (w, "status_history");
  writer_begin (w, '[');
  while (step (db, stmt, &has_row, error) && has_row)
    {
      writer_begin (w, '{');
      writer_member_column (w, "from", stmt, 0);
      writer_member_column (w, "to", stmt, 1);
      writer_member_column (w, "author", stmt, 2);
      writer_member_usec_column (w, "at", stmt, 3);
      writer_end (w, '}');
    }
  writer_end (w, ']');

  return error == NULL || *error == NULL;
}

static gboolean
write_editions (Writer      *w,
                NdDatabase  *db,
                gint64       story_id,
                GError     **error)
{
  g_autoptr(NdStatement) stmt = NULL;
  gboolean has_row;

  stmt = nd_database_prepare (db,
                              "SELECT id, lang, headline, standfirst, dateline_city, body, slug,"
                              " status, publish_at, translator, revision, source_revision,"
                              " word_count, updated_at"
                              " FROM editions WHERE story_id = ? ORDER BY lang",
                              error);
  if (stmt == NULL)
    return FALSE;

  sqlite3_bind_int64 (stmt, 1, story_id);
  writer_key (w, "editions");
  writer_begin (w, '[');
  while (step (db, stmt, &has_row, error) && has_row)
    {
      gint64 edition_id = sqlite3_column_int64 (stmt, 0);

      writer_begin (w, '{');
      writer_member_column (w, "lang", stmt, 1);
      writer_member_column (w, "headline", stmt, 2);
      writer_member_column (w, "standfirst", stmt, 3);
      writer_member_column (w, "dateline_city", stmt, 4);
      writer_member_column (w, "body", stmt, 5);
      writer_member_column (w, "slug", stmt, 6);
      writer_member_column (w, "status", stmt, 7);

      /* publish_at holds seconds, as WordPress does. */
      writer_key (w, "publish_at");
      if (sqlite3_column_type (stmt, 8) == SQLITE_NULL)
        writer_null (w);
      else
        {
          gint64 seconds = sqlite3_column_int64 (stmt, 8);
          char text[64];

          if (format_time (seconds, 0, FALSE, text, sizeof text))
            writer_string (w, text);
          else
            {
              writer_time_error (w, "publish_at", seconds);
              writer_null (w);
            }
        }

      writer_member_column (w, "translator", stmt, 9);
      writer_member_int (w, "revision", sqlite3_column_int64 (stmt, 10));
      writer_key (w, "source_revision");
      if (sqlite3_column_type (stmt, 11) == SQLITE_NULL)
        writer_null (w);
      else
        writer_int (w, sqlite3_column_int64 (stmt, 11));
      writer_member_int (w, "word_count", sqlite3_column_int64 (stmt, 12));
      writer_member_usec_column (w, "updated_at", stmt, 13);

      if (!write_revisions (w, db, edition_id, error) ||
          !write_status_history (w, db, edition_id, error))
        return FALSE;
      writer_end (w, '}');
    }
  writer_end (w, ']');

  return error == NULL || *error == NULL;
}

static gboolean
write_stories (Writer      *w,
               NdDatabase  *db,
               GError     **error)
{
  g_autoptr(NdStatement) stmt = NULL;
  gboolean has_row;

  stmt = nd_database_prepare (db,
                              "SELECT s.id, s.uuid, sec.slug, s.source_lang, m.uuid,"
                              " s.created_at, s.updated_at, s.trashed_at FROM stories s"
                              " LEFT JOIN sections sec ON sec.id = s.section_id"
                              " LEFT JOIN media m ON m.id = s.featured_media_id"
                              " ORDER BY s.id",
                              error);
  if (stmt == NULL)
    return FALSE;

  writer_key (w, "stories");
  writer_begin (w, '[');
  while (step (db, stmt, &has_row, error) && has_row)
    {
      gint64 story_id = sqlite3_column_int64 (stmt, 0);

      if (g_cancellable_set_error_if_cancelled (w->cancellable, error))
        return FALSE;

      w->story_uuid = column_text (stmt, 1);
      writer_begin (w, '{');
      writer_member_column (w, "uuid", stmt, 1);
      writer_member_column (w, "section", stmt, 2);
      writer_member_column (w, "source_lang", stmt, 3);
      writer_member_column (w, "featured_image", stmt, 4);
      if (!write_uuid_list (w, db, "tags",
                            "SELECT t.uuid FROM story_tags st JOIN tags t ON t.id = st.tag_id"
                            " WHERE st.story_id = ? ORDER BY st.position, t.uuid",
                            story_id, error) ||
          !write_uuid_list (w, db, "contributors",
                            "SELECT c.uuid FROM story_contributors sc"
                            " JOIN contributors c ON c.id = sc.contributor_id"
                            " WHERE sc.story_id = ? ORDER BY sc.position, c.uuid",
                            story_id, error) ||
          !write_uuid_list (w, db, "related",
                            "SELECT r.uuid FROM story_related sr"
                            " JOIN stories r ON r.id = sr.related_id"
                            " WHERE sr.story_id = ? ORDER BY sr.position, r.uuid",
                            story_id, error))
        return FALSE;
      writer_member_usec_column (w, "created_at", stmt, 5);
      writer_member_usec_column (w, "updated_at", stmt, 6);
      writer_member_usec_column (w, "trashed_at", stmt, 7);
      if (!write_editions (w, db, story_id, error))
        return FALSE;
      writer_end (w, '}');
      w->story_uuid = NULL;

      if (w->error != NULL)
        break;
    }
  writer_end (w, ']');

  return error == NULL || *error == NULL;
}

static gboolean
write_document (Writer      *w,
                NdDatabase  *db,
                GError     **error)
{
  writer_begin (w, '{');
  writer_member_string (w, "format", ND_BACKUP_FORMAT);
  writer_member_int (w, "version", ND_BACKUP_VERSION);
  writer_member_usec (w, "exported_at", g_get_real_time ());
  writer_member_string (w, "generator", "Newsdesk " PACKAGE_VERSION);

  if (!write_settings (w, db, error) ||
      !write_languages (w, db, error) ||
      !write_sections (w, db, error) ||
      !write_tags (w, db, error) ||
      !write_contributors (w, db, error) ||
      !write_media (w, db, error) ||
      !write_stories (w, db, error))
    return FALSE;

  writer_end (w, '}');
  g_string_append_c (w->buffer, '\n');
  writer_flush (w, TRUE);

  if (w->error != NULL)
    {
      g_propagate_error (error, g_steal_pointer (&w->error));
      return FALSE;
    }

  return TRUE;
}

/**
 * nd_backup_export:
 * @store: a #NdStoryStore
 * @stream: where the backup goes
 * @cancellable: (nullable): a #GCancellable
 * @error: return location for a #GError
 *
 * Writes everything in @store to @stream as one JSON document (see
 * docs/backup-format.md): the settings, languages, sections, tags,
 * contributors and images, and every story, trashed ones included, with
 * its editions, their revisions and their status history.
 *
 * The document is written as it is read, a story at a time, so memory use
 * does not grow with the archive. Everything is read in one read
 * transaction, so the backup is a consistent snapshot; it does not take the
 * write lock, so another Newsdesk working on the same file can keep saving.
 * @stream is flushed but not closed. On failure part of a document may
 * have been written.
 *
 * Returns: %TRUE on success
 */
gboolean
nd_backup_export (NdStoryStore   *store,
                  GOutputStream  *stream,
                  GCancellable   *cancellable,
                  GError        **error)
{
  g_autoptr(GString) buffer = NULL;
  g_autoptr(GError) local_error = NULL;
  Writer w = { 0 };
  NdDatabase *db;
  gboolean own_transaction;
  gboolean ok;

  g_return_val_if_fail (ND_IS_STORY_STORE (store), FALSE);
  g_return_val_if_fail (G_IS_OUTPUT_STREAM (stream), FALSE);
  g_return_val_if_fail (cancellable == NULL || G_IS_CANCELLABLE (cancellable), FALSE);
  g_return_val_if_fail (error == NULL || *error == NULL, FALSE);

  db = nd_story_store_get_database (store);

  /* A deferred BEGIN is a read transaction: the snapshot is taken at the
   * first read and held to the end. nd_database_begin() would take the
   * write lock (BEGIN IMMEDIATE) for as long as a large export runs. When
   * the caller already has a transaction open, its snapshot serves. */
  own_transaction = sqlite3_get_autocommit (nd_database_get_handle (db));
  if (own_transaction && !nd_database_execute (db, "BEGIN DEFERRED", error))
    return FALSE;

  buffer = g_string_sized_new (WRITE_CHUNK + WRITE_CHUNK / 2);
  w.stream = stream;
  w.cancellable = cancellable;
  w.buffer = buffer;
  w.first = TRUE;

  /* The readers below tell failure by the error being set, so they always
   * get one to set. */
  ok = write_document (&w, db, &local_error);
  g_clear_error (&w.error);

  /* Nothing was written to the database, so ending with ROLLBACK is the
   * same as COMMIT and cannot fail on a busy or full disk. */
  if (own_transaction)
    nd_database_execute (db, "ROLLBACK", NULL);

  if (ok)
    ok = g_output_stream_flush (stream, cancellable, &local_error);
  if (!ok)
    {
      g_propagate_error (error, g_steal_pointer (&local_error));
      return FALSE;
    }

  return TRUE;
}

/* Import: reading and checking the text ------------------------------------- */

static void
position_of (const char *data,
             gsize       offset,
             guint      *line,
             guint      *column)
{
  const char *line_start = data;

  *line = 1;
  for (gsize i = 0; i < offset; i++)
    {
      if (data[i] == '\n')
        {
          (*line)++;
          line_start = data + i + 1;
        }
    }
  /* Columns count characters, so Cyrillic and Arabic text does not throw
   * them off; the bytes up to @offset are valid UTF-8 by now. */
  *column = g_utf8_strlen (line_start, data + offset - line_start) + 1;
}

static char *
read_all (GInputStream  *stream,
          gsize         *out_length,
          GCancellable  *cancellable,
          GError       **error)
{
  g_autofree char *data = NULL;
  gsize length = 0;
  gsize allocated = 0;

  for (;;)
    {
      gssize n;

      if (allocated - length < READ_CHUNK + 1)
        {
          gsize wanted = MAX (allocated + allocated / 2, length + READ_CHUNK + 1);
          char *bigger = g_try_realloc (data, wanted);

          if (bigger == NULL)
            {
              g_set_error (error, G_IO_ERROR, G_IO_ERROR_NO_SPACE,
                           _("There is not enough memory to read the file"));
              return NULL;
            }
          data = bigger;
          allocated = wanted;
        }

      n = g_input_stream_read (stream, data + length, READ_CHUNK, cancellable, error);
      if (n < 0)
        return NULL;
      if (n == 0)
        break;
      length += n;

      if ((gint64) length > max_import_size)
        {
          g_autofree char *size = g_format_size (max_import_size);

          g_set_error (error, ND_BACKUP_ERROR, ND_BACKUP_ERROR_TOO_LARGE,
                       /* Translators: %s is a size, like “2.1 GB” */
                       _("The file is larger than %s, the most Newsdesk can import at once"), size);
          return NULL;
        }
    }

  data[length] = '\0';
  *out_length = length;
  return g_steal_pointer (&data);
}

static gboolean
set_malformed_at (GError     **error,
                  const char  *data,
                  gsize        offset,
                  const char  *problem)
{
  guint line, column;

  position_of (data, offset, &line, &column);
  g_set_error (error, ND_BACKUP_ERROR, ND_BACKUP_ERROR_MALFORMED,
               /* Translators: the first two are numbers, the last %s says what is wrong */
               _("The file is not a valid backup at line %u, column %u: %s"),
               line, column, problem);
  return FALSE;
}

/*
 * Checks what json-glib does not, before it parses: that the text is UTF-8,
 * that it does not nest deeper than MAX_DEPTH (the parser recurses and would
 * overflow the stack), that no string holds U+0000 (the parser would cut the
 * string there without a word) and that nothing follows the document (the
 * parser ignores a second one).
 */
static gboolean
check_text (const char  *data,
            gsize        length,
            GError     **error)
{
  const char *valid_end = NULL;
  gboolean in_string = FALSE;
  gboolean ended = FALSE;
  guint depth = 0;

  if (!g_utf8_validate_len (data, length, &valid_end))
    return set_malformed_at (error, data, valid_end - data, _("the text is not UTF-8"));

  for (gsize i = 0; i < length; i++)
    {
      char c = data[i];

      if (in_string)
        {
          if (c == '\\' && i + 1 < length)
            {
              if (data[i + 1] == 'u' && i + 5 < length && strncmp (data + i + 2, "0000", 4) == 0)
                return set_malformed_at (error, data, i,
                                         _("text may not contain the character U+0000"));
              i++;
            }
          else if (c == '"')
            in_string = FALSE;
          continue;
        }

      if (c == ' ' || c == '\t' || c == '\n' || c == '\r')
        continue;
      if (ended)
        return set_malformed_at (error, data, i, _("there is more after the end of the backup"));

      if (c == '"')
        in_string = TRUE;
      else if (c == '{' || c == '[')
        {
          if (++depth > MAX_DEPTH)
            return set_malformed_at (error, data, i, _("the data is nested too deeply"));
        }
      else if ((c == '}' || c == ']') && depth > 0)
        {
          if (--depth == 0)
            ended = TRUE;
        }
    }

  return TRUE;
}

/* json-glib's messages start with "<data>:LINE:COLUMN: ". */
static void
set_parse_error (GError     **error,
                 const GError *parse_error)
{
  const char *message = parse_error->message;
  guint line = 0, column = 0;
  int consumed = 0;

  if (sscanf (message, "<data>:%u:%u: %n", &line, &column, &consumed) == 2 && consumed > 0)
    g_set_error (error, ND_BACKUP_ERROR, ND_BACKUP_ERROR_MALFORMED,
                 _("The file is not a valid backup at line %u, column %u: %s"),
                 line, column, message + consumed);
  else
    g_set_error (error, ND_BACKUP_ERROR, ND_BACKUP_ERROR_MALFORMED,
                 _("The file is not a valid backup: %s"), message);
}

static JsonParser *
parse_stream (GInputStream  *stream,
              GCancellable  *cancellable,
              GError       **error)
{
  g_autoptr(JsonParser) parser = json_parser_new_immutable ();
  g_autoptr(GError) parse_error = NULL;
  g_autofree char *data = NULL;
  gsize length = 0;

  data = read_all (stream, &length, cancellable, error);
  if (data == NULL)
    return NULL;

  if (strspn (data, " \t\r\n") == length)
    {
      g_set_error (error, ND_BACKUP_ERROR, ND_BACKUP_ERROR_MALFORMED, _("The file is empty"));
      return NULL;
    }
  if (!check_text (data, length, error))
    return NULL;

  if (!json_parser_load_from_data (parser, data, length, &parse_error))
    {
      set_parse_error (error, parse_error);
      return NULL;
    }

  return g_steal_pointer (&parser);
}

/* Import: reading values ------------------------------------------------------ */

static gsize
path_member (GString    *path,
             const char *name)
{
  gsize old = path->len;

  if (path->len > 0)
    g_string_append_c (path, '.');
  g_string_append (path, name);
  return old;
}

static gsize
path_index (GString *path,
            guint    index)
{
  gsize old = path->len;

  g_string_append_printf (path, "[%u]", index);
  return old;
}

static void
path_pop (GString *path,
          gsize    length)
{
  g_string_truncate (path, length);
}

static gboolean set_invalid (GError     **error,
                             GString     *path,
                             const char  *format,
                             ...) G_GNUC_PRINTF (3, 4);

static gboolean
set_invalid (GError     **error,
             GString     *path,
             const char  *format,
             ...)
{
  g_autofree char *problem = NULL;
  va_list args;

  va_start (args, format);
  problem = g_strdup_vprintf (format, args);
  va_end (args);

  g_set_error (error, ND_BACKUP_ERROR, ND_BACKUP_ERROR_INVALID,
               /* Translators: the place in the file, like “stories[3].editions[1].status”,
                * then what is wrong there */
               _("%s: %s"), path->len > 0 ? path->str : "/", problem);
  return FALSE;
}

/* A value as an error message shows it: cut short, control characters
 * spelled out. */
static char *
quote (const char *value)
{
  g_autofree char *cut = NULL;
  GString *out;

  if (g_utf8_strlen (value, -1) > MAX_QUOTED)
    {
      g_autofree char *start = g_utf8_substring (value, 0, MAX_QUOTED);

      cut = g_strconcat (start, "…", NULL);
    }

  out = g_string_new (NULL);
  for (const char *p = cut != NULL ? cut : value; *p != '\0'; p++)
    {
      if ((guchar) *p < 0x20)
        g_string_append_printf (out, "\\u%04x", (guchar) *p);
      else
        g_string_append_c (out, *p);
    }
  return g_string_free (out, FALSE);
}

/* The member @name of @object, or an error naming it when it is missing.
 * @path is the object's place; on failure it is left pointing at @name. */
static JsonNode *
get_member (JsonObject  *object,
            const char  *name,
            GString     *path,
            GError     **error)
{
  JsonNode *node = json_object_get_member (object, name);

  if (node == NULL)
    {
      gsize old = path_member (path, name);

      set_invalid (error, path, _("the field is missing"));
      path_pop (path, old);
    }

  return node;
}

static gboolean
read_string (JsonObject   *object,
             const char   *name,
             gboolean      nullable,
             GString      *path,
             const char  **out,
             GError      **error)
{
  JsonNode *node = get_member (object, name, path, error);
  gsize old;

  if (node == NULL)
    return FALSE;
  if (nullable && JSON_NODE_HOLDS_NULL (node))
    {
      *out = NULL;
      return TRUE;
    }
  if (JSON_NODE_HOLDS_VALUE (node) && json_node_get_value_type (node) == G_TYPE_STRING)
    {
      *out = json_node_get_string (node);
      return TRUE;
    }

  old = path_member (path, name);
  set_invalid (error, path, nullable ? _("expected text or null") : _("expected text"));
  path_pop (path, old);
  return FALSE;
}

static gboolean
read_nonempty_string (JsonObject   *object,
                      const char   *name,
                      gboolean      nullable,
                      GString      *path,
                      const char  **out,
                      GError      **error)
{
  gsize old;

  if (!read_string (object, name, nullable, path, out, error))
    return FALSE;
  if (*out == NULL || **out != '\0')
    return TRUE;

  old = path_member (path, name);
  set_invalid (error, path, _("may not be empty"));
  path_pop (path, old);
  return FALSE;
}

static gboolean
read_int (JsonObject  *object,
          const char  *name,
          gint64       min,
          gint64       max,
          gboolean     nullable,
          GString     *path,
          gint64      *out,
          gboolean    *is_null,
          GError     **error)
{
  JsonNode *node = get_member (object, name, path, error);
  gboolean ok = FALSE;
  gsize old;

  if (node == NULL)
    return FALSE;

  if (is_null != NULL)
    *is_null = FALSE;
  if (nullable && JSON_NODE_HOLDS_NULL (node))
    {
      *is_null = TRUE;
      *out = 0;
      return TRUE;
    }

  old = path_member (path, name);
  if (!JSON_NODE_HOLDS_VALUE (node) || json_node_get_value_type (node) != G_TYPE_INT64)
    set_invalid (error, path,
                 nullable ? _("expected a whole number or null") : _("expected a whole number"));
  else if (json_node_get_int (node) < min || json_node_get_int (node) > max)
    {
      g_autofree char *value_text = int_text (json_node_get_int (node));
      g_autofree char *min_text = int_text (min);
      g_autofree char *max_text = int_text (max);

      set_invalid (error, path,
                   /* Translators: three numbers: the value and the range it must be in */
                   _("%s is not between %s and %s"), value_text, min_text, max_text);
    }
  else
    {
      *out = json_node_get_int (node);
      ok = TRUE;
    }
  path_pop (path, old);

  return ok;
}

static gboolean
read_bool (JsonObject  *object,
           const char  *name,
           GString     *path,
           gboolean    *out,
           GError     **error)
{
  JsonNode *node = get_member (object, name, path, error);
  gsize old;

  if (node == NULL)
    return FALSE;
  if (JSON_NODE_HOLDS_VALUE (node) && json_node_get_value_type (node) == G_TYPE_BOOLEAN)
    {
      *out = json_node_get_boolean (node);
      return TRUE;
    }

  old = path_member (path, name);
  set_invalid (error, path, _("expected true or false"));
  path_pop (path, old);
  return FALSE;
}

static gboolean
read_digits (const char **p,
             int          n,
             int         *out)
{
  *out = 0;
  for (int i = 0; i < n; i++)
    {
      if (!g_ascii_isdigit ((*p)[i]))
        return FALSE;
      *out = *out * 10 + ((*p)[i] - '0');
    }
  *p += n;
  return TRUE;
}

static gboolean
expect_char (const char **p,
             char         c)
{
  if (**p != c)
    return FALSE;
  (*p)++;
  return TRUE;
}

/* YYYY-MM-DDTHH:MM:SS[.ffffff]Z, in UTC; to microseconds since the epoch. */
static gboolean
parse_time (const char *text,
            gint64     *out)
{
  g_autoptr(GDateTime) date = NULL;
  const char *p = text;
  int year, month, day, hour, minute, second;
  gint64 fraction = 0;

  if (!read_digits (&p, 4, &year) || !expect_char (&p, '-') ||
      !read_digits (&p, 2, &month) || !expect_char (&p, '-') ||
      !read_digits (&p, 2, &day) || !expect_char (&p, 'T') ||
      !read_digits (&p, 2, &hour) || !expect_char (&p, ':') ||
      !read_digits (&p, 2, &minute) || !expect_char (&p, ':') ||
      !read_digits (&p, 2, &second))
    return FALSE;

  if (expect_char (&p, '.'))
    {
      int n = 0;

      while (g_ascii_isdigit (*p) && n < 6)
        {
          fraction = fraction * 10 + (*p++ - '0');
          n++;
        }
      if (n == 0)
        return FALSE;
      for (; n < 6; n++)
        fraction *= 10;
    }

  if (!expect_char (&p, 'Z') || *p != '\0')
    return FALSE;

  /* Checks the ranges: no 31 April, no hour 24, no second 60. */
  date = g_date_time_new_utc (year, month, day, hour, minute, second);
  if (date == NULL)
    return FALSE;

  *out = g_date_time_to_unix (date) * G_USEC_PER_SEC + fraction;
  return TRUE;
}

/* A time: microseconds since the epoch, or with @whole_seconds, seconds. */
static gboolean
read_time (JsonObject  *object,
           const char  *name,
           gboolean     nullable,
           gboolean     whole_seconds,
           GString     *path,
           gint64      *out,
           gboolean    *is_null,
           GError     **error)
{
  const char *text = NULL;
  gint64 usec = 0;
  gsize old;

  if (!read_string (object, name, nullable, path, &text, error))
    return FALSE;
  if (is_null != NULL)
    *is_null = text == NULL;
  if (text == NULL)
    {
      *out = 0;
      return TRUE;
    }

  if (parse_time (text, &usec) && (!whole_seconds || usec % G_USEC_PER_SEC == 0))
    {
      *out = whole_seconds ? usec / G_USEC_PER_SEC : usec;
      return TRUE;
    }

  old = path_member (path, name);
  {
    g_autofree char *quoted = quote (text);

    if (whole_seconds)
      set_invalid (error, path, _("“%s” is not a time in whole seconds like 2024-05-01T09:30:00Z"),
                   quoted);
    else
      set_invalid (error, path, _("“%s” is not a time like 2024-05-01T09:30:00.000000Z"), quoted);
  }
  path_pop (path, old);
  return FALSE;
}

static gboolean
read_array (JsonObject  *object,
            const char  *name,
            GString     *path,
            JsonArray  **out,
            GError     **error)
{
  JsonNode *node = get_member (object, name, path, error);
  gsize old;

  if (node == NULL)
    return FALSE;
  if (JSON_NODE_HOLDS_ARRAY (node))
    {
      *out = json_node_get_array (node);
      return TRUE;
    }

  old = path_member (path, name);
  set_invalid (error, path, _("expected a list"));
  path_pop (path, old);
  return FALSE;
}

static gboolean
read_object (JsonObject  *object,
             const char  *name,
             GString     *path,
             JsonObject **out,
             GError     **error)
{
  JsonNode *node = get_member (object, name, path, error);
  gsize old;

  if (node == NULL)
    return FALSE;
  if (JSON_NODE_HOLDS_OBJECT (node))
    {
      *out = json_node_get_object (node);
      return TRUE;
    }

  old = path_member (path, name);
  set_invalid (error, path, _("expected an object"));
  path_pop (path, old);
  return FALSE;
}

/* Element @index of @array, which must be an object; @path is the array's. */
static JsonObject *
element_object (JsonArray  *array,
                guint       index,
                GString    *path,
                GError    **error)
{
  JsonNode *node = json_array_get_element (array, index);
  gsize old;

  if (JSON_NODE_HOLDS_OBJECT (node))
    return json_node_get_object (node);

  old = path_index (path, index);
  set_invalid (error, path, _("expected an object"));
  path_pop (path, old);
  return NULL;
}

static const char *
element_string (JsonArray  *array,
                guint       index,
                GString    *path,
                GError    **error)
{
  JsonNode *node = json_array_get_element (array, index);
  gsize old;

  if (JSON_NODE_HOLDS_VALUE (node) && json_node_get_value_type (node) == G_TYPE_STRING &&
      *json_node_get_string (node) != '\0')
    return json_node_get_string (node);

  old = path_index (path, index);
  set_invalid (error, path, _("expected a uuid"));
  path_pop (path, old);
  return NULL;
}

static gboolean
read_status (JsonObject      *object,
             const char      *name,
             gboolean         nullable,
             GString         *path,
             const char     **out,
             GError         **error)
{
  NdEditionStatus status;
  gsize old;

  if (!read_string (object, name, nullable, path, out, error))
    return FALSE;
  if (*out == NULL || nd_edition_status_from_string (*out, &status))
    return TRUE;

  old = path_member (path, name);
  {
    g_autofree char *quoted = quote (*out);

    set_invalid (error, path, _("“%s” is not a status"), quoted);
  }
  path_pop (path, old);
  return FALSE;
}

/* Import: the records ---------------------------------------------------------- */

typedef struct
{
  const char *code;
  const char *name;
  const char *native_name;
  const char *direction;
  const char *publication_name;
  const char *dateline_format;
  gint64      position;
} LanguageData;

typedef struct
{
  const char *slug;
  gint64      position;
  JsonObject *names;
} SectionData;

typedef struct
{
  const char *uuid;
  const char *file;
  const char *mime_type;
  JsonObject *texts;     /* labels of a tag; texts of a contributor or image */
} ConceptData;

typedef struct
{
  const char *uuid;
  const char *section;
  const char *source_lang;
  const char *featured_image;
  JsonArray  *tags;
  JsonArray  *contributors;
  JsonArray  *related;
  gint64      created_at;
  gint64      updated_at;
  gint64      trashed_at;
  gboolean    no_trashed_at;
  JsonArray  *editions;
} StoryData;

typedef struct
{
  const char *lang;
  const char *headline;
  const char *standfirst;
  const char *dateline_city;
  const char *body;
  const char *slug;
  const char *status;
  gint64      publish_at;
  gboolean    no_publish_at;
  const char *translator;
  gint64      revision;
  gint64      source_revision;
  gboolean    no_source_revision;
  gint64      word_count;
  gint64      updated_at;
  JsonArray  *revisions;
  JsonArray  *status_history;
} EditionData;

typedef struct
{
  gint64      revision;
  gint64      created_at;
  gint64      saved_at;
  const char *headline;
  const char *standfirst;
  const char *dateline_city;
  const char *body;
  gint64      word_count;
  gboolean    pinned;
} RevisionData;

typedef struct
{
  const char *from;
  const char *to;
  const char *author;
  gint64      at;
} StatusChangeData;

static gboolean
valid_language_code (const char *code)
{
  gsize length = strlen (code);

  if (length == 0 || length > 35)
    return FALSE;
  for (const char *p = code; *p != '\0'; p++)
    if (!g_ascii_isalnum (*p) && *p != '-')
      return FALSE;

  return TRUE;
}

static gboolean
read_language (JsonObject    *object,
               GString       *path,
               LanguageData  *data,
               GError       **error)
{
  gsize old;

  if (!read_string (object, "code", FALSE, path, &data->code, error) ||
      !read_string (object, "name", FALSE, path, &data->name, error) ||
      !read_string (object, "native_name", FALSE, path, &data->native_name, error) ||
      !read_string (object, "direction", FALSE, path, &data->direction, error) ||
      !read_string (object, "publication_name", FALSE, path, &data->publication_name, error) ||
      !read_string (object, "dateline_format", FALSE, path, &data->dateline_format, error) ||
      !read_int (object, "position", G_MININT, G_MAXINT, FALSE, path, &data->position, NULL, error))
    return FALSE;

  if (!valid_language_code (data->code))
    {
      g_autofree char *quoted = quote (data->code);

      old = path_member (path, "code");
      set_invalid (error, path, _("“%s” is not a language code like “en” or “pt-BR”"), quoted);
      path_pop (path, old);
      return FALSE;
    }
  if (!g_str_equal (data->direction, "ltr") && !g_str_equal (data->direction, "rtl"))
    {
      g_autofree char *quoted = quote (data->direction);

      old = path_member (path, "direction");
      set_invalid (error, path, _("“%s” is neither “ltr” nor “rtl”"), quoted);
      path_pop (path, old);
      return FALSE;
    }

  return TRUE;
}

static gboolean
read_section (JsonObject   *object,
              GString      *path,
              SectionData  *data,
              GError      **error)
{
  return read_nonempty_string (object, "slug", FALSE, path, &data->slug, error) &&
         read_int (object, "position", G_MININT, G_MAXINT, FALSE, path, &data->position, NULL,
                   error) &&
         read_object (object, "names", path, &data->names, error);
}

static gboolean
read_concept (JsonObject   *object,
              Kind          kind,
              GString      *path,
              ConceptData  *data,
              GError      **error)
{
  if (!read_nonempty_string (object, "uuid", FALSE, path, &data->uuid, error))
    return FALSE;

  switch (kind)
    {
    case KIND_TAG:
      return read_object (object, "labels", path, &data->texts, error);
    case KIND_CONTRIBUTOR:
      return read_object (object, "texts", path, &data->texts, error);
    case KIND_MEDIA:
      return read_string (object, "file", FALSE, path, &data->file, error) &&
             read_string (object, "mime_type", FALSE, path, &data->mime_type, error) &&
             read_object (object, "texts", path, &data->texts, error);
    case KIND_LANGUAGE:
    case KIND_SECTION:
    case KIND_STORY:
    case N_KINDS:
    default:
      g_assert_not_reached ();
    }
}

static gboolean
read_story (JsonObject  *object,
            GString     *path,
            StoryData   *data,
            GError     **error)
{
  return read_nonempty_string (object, "uuid", FALSE, path, &data->uuid, error) &&
         read_nonempty_string (object, "section", TRUE, path, &data->section, error) &&
         read_nonempty_string (object, "source_lang", FALSE, path, &data->source_lang, error) &&
         read_nonempty_string (object, "featured_image", TRUE, path, &data->featured_image,
                               error) &&
         read_array (object, "tags", path, &data->tags, error) &&
         read_array (object, "contributors", path, &data->contributors, error) &&
         read_array (object, "related", path, &data->related, error) &&
         read_time (object, "created_at", FALSE, FALSE, path, &data->created_at, NULL, error) &&
         read_time (object, "updated_at", FALSE, FALSE, path, &data->updated_at, NULL, error) &&
         read_time (object, "trashed_at", TRUE, FALSE, path, &data->trashed_at,
                    &data->no_trashed_at, error) &&
         read_array (object, "editions", path, &data->editions, error);
}

static gboolean
read_edition (JsonObject   *object,
              GString      *path,
              EditionData  *data,
              GError      **error)
{
  return read_nonempty_string (object, "lang", FALSE, path, &data->lang, error) &&
         read_string (object, "headline", FALSE, path, &data->headline, error) &&
         read_string (object, "standfirst", FALSE, path, &data->standfirst, error) &&
         read_string (object, "dateline_city", FALSE, path, &data->dateline_city, error) &&
         read_string (object, "body", FALSE, path, &data->body, error) &&
         read_string (object, "slug", FALSE, path, &data->slug, error) &&
         read_status (object, "status", FALSE, path, &data->status, error) &&
         read_time (object, "publish_at", TRUE, TRUE, path, &data->publish_at, &data->no_publish_at,
                    error) &&
         read_string (object, "translator", FALSE, path, &data->translator, error) &&
         read_int (object, "revision", 0, G_MAXINT64, FALSE, path, &data->revision, NULL, error) &&
         read_int (object, "source_revision", 0, G_MAXINT64, TRUE, path,
                   &data->source_revision, &data->no_source_revision, error) &&
         read_int (object, "word_count", 0, G_MAXINT, FALSE, path, &data->word_count, NULL,
                   error) &&
         read_time (object, "updated_at", FALSE, FALSE, path, &data->updated_at, NULL, error) &&
         read_array (object, "revisions", path, &data->revisions, error) &&
         read_array (object, "status_history", path, &data->status_history, error);
}

static gboolean
read_revision (JsonObject    *object,
               GString       *path,
               RevisionData  *data,
               GError       **error)
{
  return read_int (object, "revision", 0, G_MAXINT64, FALSE, path, &data->revision, NULL, error) &&
         read_time (object, "created_at", FALSE, FALSE, path, &data->created_at, NULL, error) &&
         read_time (object, "saved_at", FALSE, FALSE, path, &data->saved_at, NULL, error) &&
         read_string (object, "headline", FALSE, path, &data->headline, error) &&
         read_string (object, "standfirst", FALSE, path, &data->standfirst, error) &&
         read_string (object, "dateline_city", FALSE, path, &data->dateline_city, error) &&
         read_string (object, "body", FALSE, path, &data->body, error) &&
         read_int (object, "word_count", 0, G_MAXINT, FALSE, path, &data->word_count, NULL,
                   error) &&
         read_bool (object, "pinned", path, &data->pinned, error);
}

static gboolean
read_status_change (JsonObject        *object,
                    GString           *path,
                    StatusChangeData  *data,
                    GError           **error)
{
  return read_status (object, "from", TRUE, path, &data->from, error) &&
         read_status (object, "to", FALSE, path, &data->to, error) &&
         read_string (object, "author", FALSE, path, &data->author, error) &&
         read_time (object, "at", FALSE, FALSE, path, &data->at, NULL, error);
}

/* Import: the whole file -------------------------------------------------------- */

typedef struct
{
  NdStoryStore        *store;
  NdDatabase          *db;
  GCancellable        *cancellable;
  JsonObject          *root;
  GString             *path;
  /* Keys the file defines → their index + 1, for duplicates. */
  GHashTable          *in_file[N_KINDS];
  /* Keys found in the database, so each is looked up once. */
  GHashTable          *in_database[N_KINDS];
  /* While writing: keys → row ids (gint64). */
  GHashTable          *ids[N_KINDS];
  NdBackupImportStats  stats;
} Import;

static const char * const collection_names[N_KINDS] = {
  [KIND_LANGUAGE] = "languages",
  [KIND_SECTION] = "sections",
  [KIND_TAG] = "tags",
  [KIND_CONTRIBUTOR] = "contributors",
  [KIND_MEDIA] = "media",
  [KIND_STORY] = "stories",
};

static const char * const exists_sql[N_KINDS] = {
  [KIND_LANGUAGE] = "SELECT 1 FROM languages WHERE code = ?",
  [KIND_SECTION] = "SELECT id FROM sections WHERE slug = ?",
  [KIND_TAG] = "SELECT id FROM tags WHERE uuid = ?",
  [KIND_CONTRIBUTOR] = "SELECT id FROM contributors WHERE uuid = ?",
  [KIND_MEDIA] = "SELECT id FROM media WHERE uuid = ?",
  [KIND_STORY] = "SELECT id FROM stories WHERE uuid = ?",
};

static void
import_clear (Import *import)
{
  for (guint i = 0; i < N_KINDS; i++)
    {
      g_clear_pointer (&import->in_file[i], g_hash_table_unref);
      g_clear_pointer (&import->in_database[i], g_hash_table_unref);
      g_clear_pointer (&import->ids[i], g_hash_table_unref);
    }
  if (import->path != NULL)
    g_string_free (import->path, TRUE);
  import->path = NULL;
}

/* Looks @key up in the database; *@id is its row id (1 for languages). */
static gboolean
lookup_in_database (Import      *import,
                    Kind         kind,
                    const char  *key,
                    gint64      *id,
                    GError     **error)
{
  g_autoptr(NdStatement) stmt = nd_database_prepare (import->db, exists_sql[kind], error);
  gboolean has_row;

  *id = 0;
  if (stmt == NULL)
    return FALSE;
  sqlite3_bind_text (stmt, 1, key, -1, SQLITE_TRANSIENT);
  if (!step (import->db, stmt, &has_row, error))
    return FALSE;
  if (has_row)
    *id = sqlite3_column_int64 (stmt, 0);

  return TRUE;
}

/* Records a key the file defines; two of the same are an error. */
static gboolean
add_file_key (Import      *import,
              Kind         kind,
              const char  *key,
              guint        index,
              GError     **error)
{
  gpointer first = g_hash_table_lookup (import->in_file[kind], key);
  g_autofree char *quoted = NULL;

  if (first == NULL)
    {
      g_hash_table_insert (import->in_file[kind], (gpointer) key, GUINT_TO_POINTER (index + 1));
      return TRUE;
    }

  quoted = quote (key);
  return set_invalid (error, import->path,
                      /* Translators: a key, then a place like “stories[2]” */
                      _("“%s” appears twice in the file (also at %s[%u])"),
                      quoted, collection_names[kind], GPOINTER_TO_UINT (first) - 1);
}

/* Checks that a reference names something in the file or the database;
 * @path is the place of the reference. */
static gboolean
check_reference (Import      *import,
                 Kind         kind,
                 const char  *key,
                 GError     **error)
{
  g_autofree char *quoted = NULL;
  gint64 id;

  if (g_hash_table_contains (import->in_file[kind], key) ||
      g_hash_table_contains (import->in_database[kind], key))
    return TRUE;

  if (!lookup_in_database (import, kind, key, &id, error))
    return FALSE;
  if (id != 0)
    {
      g_hash_table_add (import->in_database[kind], g_strdup (key));
      return TRUE;
    }

  quoted = quote (key);
  switch (kind)
    {
    case KIND_LANGUAGE:
      return set_invalid (error, import->path,
                          _("“%s” is not a language in the file or the database"), quoted);
    case KIND_SECTION:
      return set_invalid (error, import->path,
                          _("“%s” is not a section in the file or the database"), quoted);
    case KIND_TAG:
      return set_invalid (error, import->path,
                          _("there is no tag “%s” in the file or the database"), quoted);
    case KIND_CONTRIBUTOR:
      return set_invalid (error, import->path,
                          _("there is no contributor “%s” in the file or the database"), quoted);
    case KIND_MEDIA:
      return set_invalid (error, import->path,
                          _("there is no image “%s” in the file or the database"), quoted);
    case KIND_STORY:
      return set_invalid (error, import->path,
                          _("there is no story “%s” in the file or the database"), quoted);
    case N_KINDS:
    default:
      g_assert_not_reached ();
    }
}

static gboolean
check_member_reference (Import      *import,
                        Kind         kind,
                        const char  *member,
                        const char  *key,
                        GError     **error)
{
  gsize old;
  gboolean ok;

  if (key == NULL)
    return TRUE;

  old = path_member (import->path, member);
  ok = check_reference (import, kind, key, error);
  path_pop (import->path, old);
  return ok;
}

/*
 * Checks a "language → text" object: every key a known language, every
 * value text, or with @fields, an object of those text fields.
 */
static gboolean
check_texts (Import              *import,
             JsonObject          *texts,
             const char          *member,
             const char * const  *fields,
             GError             **error)
{
  g_autoptr(GList) langs = json_object_get_members (texts);
  gsize old = path_member (import->path, member);

  for (GList *l = langs; l != NULL; l = l->next)
    {
      const char *lang = l->data;
      JsonNode *node = json_object_get_member (texts, lang);
      gsize before = path_member (import->path, lang);

      if (!check_reference (import, KIND_LANGUAGE, lang, error))
        return FALSE;

      if (fields == NULL)
        {
          if (!JSON_NODE_HOLDS_VALUE (node) || json_node_get_value_type (node) != G_TYPE_STRING)
            return set_invalid (error, import->path, _("expected text"));
        }
      else
        {
          const char *text;

          if (!JSON_NODE_HOLDS_OBJECT (node))
            return set_invalid (error, import->path, _("expected an object"));
          for (guint i = 0; fields[i] != NULL; i++)
            if (!read_string (json_node_get_object (node), fields[i], FALSE, import->path, &text,
                              error))
              return FALSE;
        }
      path_pop (import->path, before);
    }

  path_pop (import->path, old);
  return TRUE;
}

static const char * const contributor_fields[] = { "name", "role", NULL };
static const char * const media_fields[] = { "caption", "alt", "credit", NULL };

static gboolean
check_settings (Import  *import,
                GError **error)
{
  g_autoptr(GList) keys = NULL;
  JsonObject *settings;
  gsize old;

  if (!read_object (import->root, "settings", import->path, &settings, error))
    return FALSE;

  old = path_member (import->path, "settings");
  keys = json_object_get_members (settings);
  for (GList *l = keys; l != NULL; l = l->next)
    {
      const char *value;

      if (!read_string (settings, l->data, FALSE, import->path, &value, error))
        return FALSE;
    }
  path_pop (import->path, old);

  return TRUE;
}

static gboolean
check_vocabulary (Import  *import,
                  Kind     kind,
                  GError **error)
{
  JsonArray *array;
  gsize old;
  guint n;

  if (!read_array (import->root, collection_names[kind], import->path, &array, error))
    return FALSE;

  old = path_member (import->path, collection_names[kind]);
  n = json_array_get_length (array);

  /* The keys first, so that sections can name languages and so on in any
   * order; languages come before everything that refers to them. */
  for (guint i = 0; i < n; i++)
    {
      JsonObject *object = element_object (array, i, import->path, error);
      gsize before;
      const char *key = NULL;

      if (object == NULL)
        return FALSE;

      before = path_index (import->path, i);
      if (kind == KIND_LANGUAGE)
        {
          LanguageData data;

          if (!read_language (object, import->path, &data, error))
            return FALSE;
          key = data.code;
        }
      else if (kind == KIND_SECTION)
        {
          SectionData data;

          if (!read_section (object, import->path, &data, error))
            return FALSE;
          key = data.slug;
        }
      else
        {
          ConceptData data;

          if (!read_concept (object, kind, import->path, &data, error))
            return FALSE;
          key = data.uuid;
        }

      if (!add_file_key (import, kind, key, i, error))
        return FALSE;
      path_pop (import->path, before);
    }

  path_pop (import->path, old);
  return TRUE;
}

static gboolean
check_vocabulary_texts (Import  *import,
                        Kind     kind,
                        GError **error)
{
  JsonArray *array = json_object_get_array_member (import->root, collection_names[kind]);
  gsize old = path_member (import->path, collection_names[kind]);
  guint n = json_array_get_length (array);

  for (guint i = 0; i < n; i++)
    {
      JsonObject *object = json_array_get_object_element (array, i);
      gsize before = path_index (import->path, i);
      gboolean ok = TRUE;

      switch (kind)
        {
        case KIND_SECTION:
          ok = check_texts (import, json_object_get_object_member (object, "names"), "names", NULL,
                            error);
          break;
        case KIND_TAG:
          ok = check_texts (import, json_object_get_object_member (object, "labels"), "labels",
                            NULL, error);
          break;
        case KIND_CONTRIBUTOR:
          ok = check_texts (import, json_object_get_object_member (object, "texts"), "texts",
                            contributor_fields, error);
          break;
        case KIND_MEDIA:
          ok = check_texts (import, json_object_get_object_member (object, "texts"), "texts",
                            media_fields, error);
          break;
        case KIND_LANGUAGE:
        case KIND_STORY:
        case N_KINDS:
        default:
          g_assert_not_reached ();
        }
      if (!ok)
        return FALSE;
      path_pop (import->path, before);
    }

  path_pop (import->path, old);
  return TRUE;
}

/* Checks a list of references: each one known, none twice, and with
 * @self_uuid, none to the story itself. */
static gboolean
check_reference_list (Import      *import,
                      Kind         kind,
                      const char  *member,
                      JsonArray   *array,
                      const char  *self_uuid,
                      GError     **error)
{
  g_autoptr(GHashTable) seen = g_hash_table_new (g_str_hash, g_str_equal);
  gsize old = path_member (import->path, member);
  guint n = json_array_get_length (array);

  for (guint i = 0; i < n; i++)
    {
      const char *key = element_string (array, i, import->path, error);
      gsize before;

      if (key == NULL)
        return FALSE;

      before = path_index (import->path, i);
      if (!g_hash_table_add (seen, (gpointer) key))
        {
          g_autofree char *quoted = quote (key);
          return set_invalid (error, import->path, _("“%s” is listed twice"), quoted);
        }
      if (self_uuid != NULL && g_str_equal (key, self_uuid))
        return set_invalid (error, import->path, _("a story cannot be related to itself"));
      if (!check_reference (import, kind, key, error))
        return FALSE;
      path_pop (import->path, before);
    }

  path_pop (import->path, old);
  return TRUE;
}

static gboolean
check_edition (Import      *import,
               JsonObject  *object,
               GHashTable  *langs,
               GError     **error)
{
  g_autoptr(GHashTable) revisions = g_hash_table_new_full (g_int64_hash, g_int64_equal, g_free,
                                                           NULL);
  EditionData data;
  gsize old;
  guint n;

  if (!read_edition (object, import->path, &data, error))
    return FALSE;

  old = path_member (import->path, "lang");
  if (!check_reference (import, KIND_LANGUAGE, data.lang, error))
    return FALSE;
  if (!g_hash_table_add (langs, (gpointer) data.lang))
    {
      g_autofree char *quoted = quote (data.lang);
      return set_invalid (error, import->path, _("the story has two editions in “%s”"), quoted);
    }
  path_pop (import->path, old);

  old = path_member (import->path, "revisions");
  n = json_array_get_length (data.revisions);
  for (guint i = 0; i < n; i++)
    {
      JsonObject *element = element_object (data.revisions, i, import->path, error);
      RevisionData revision;
      gsize before;

      if (element == NULL)
        return FALSE;
      before = path_index (import->path, i);
      if (!read_revision (element, import->path, &revision, error))
        return FALSE;
      if (!g_hash_table_add (revisions, g_memdup2 (&revision.revision, sizeof revision.revision)))
        {
          g_autofree char *number = int_text (revision.revision);

          path_member (import->path, "revision");
          return set_invalid (error, import->path, _("revision %s appears twice"), number);
        }
      path_pop (import->path, before);
    }
  path_pop (import->path, old);

  old = path_member (import->path, "status_history");
  n = json_array_get_length (data.status_history);
  for (guint i = 0; i < n; i++)
    {
      JsonObject *element = element_object (data.status_history, i, import->path, error);
      StatusChangeData change;
      gsize before;

      if (element == NULL)
        return FALSE;
      before = path_index (import->path, i);
      if (!read_status_change (element, import->path, &change, error))
        return FALSE;
      path_pop (import->path, before);
    }
  path_pop (import->path, old);

  return TRUE;
}

static gboolean
check_story (Import      *import,
             JsonObject  *object,
             GError     **error)
{
  g_autoptr(GHashTable) langs = g_hash_table_new (g_str_hash, g_str_equal);
  StoryData data;
  gsize old;
  guint n;

  if (!read_story (object, import->path, &data, error) ||
      !check_member_reference (import, KIND_SECTION, "section", data.section, error) ||
      !check_member_reference (import, KIND_LANGUAGE, "source_lang", data.source_lang, error) ||
      !check_member_reference (import, KIND_MEDIA, "featured_image", data.featured_image, error) ||
      !check_reference_list (import, KIND_TAG, "tags", data.tags, NULL, error) ||
      !check_reference_list (import, KIND_CONTRIBUTOR, "contributors", data.contributors, NULL,
                             error) ||
      !check_reference_list (import, KIND_STORY, "related", data.related, data.uuid, error))
    return FALSE;

  old = path_member (import->path, "editions");
  n = json_array_get_length (data.editions);
  for (guint i = 0; i < n; i++)
    {
      JsonObject *element = element_object (data.editions, i, import->path, error);
      gsize before;

      if (element == NULL)
        return FALSE;
      before = path_index (import->path, i);
      if (!check_edition (import, element, langs, error))
        return FALSE;
      path_pop (import->path, before);
    }
  path_pop (import->path, old);

  return TRUE;
}

static gboolean
check_stories (Import  *import,
               GError **error)
{
  JsonArray *stories;
  gsize old;
  guint n;

  if (!read_array (import->root, "stories", import->path, &stories, error))
    return FALSE;

  old = path_member (import->path, "stories");
  n = json_array_get_length (stories);

  /* Every uuid first: a story may be related to one later in the file. */
  for (guint i = 0; i < n; i++)
    {
      JsonObject *object = element_object (stories, i, import->path, error);
      const char *uuid;
      gsize before;

      if (object == NULL)
        return FALSE;
      before = path_index (import->path, i);
      if (!read_nonempty_string (object, "uuid", FALSE, import->path, &uuid, error) ||
          !add_file_key (import, KIND_STORY, uuid, i, error))
        return FALSE;
      path_pop (import->path, before);
    }

  for (guint i = 0; i < n; i++)
    {
      gsize before;

      if (g_cancellable_set_error_if_cancelled (import->cancellable, error))
        return FALSE;

      before = path_index (import->path, i);
      if (!check_story (import, json_array_get_object_element (stories, i), error))
        return FALSE;
      path_pop (import->path, before);
    }

  path_pop (import->path, old);
  return TRUE;
}

static gboolean
check_header (Import  *import,
              GError **error)
{
  JsonNode *node;
  gint64 version = 0;
  gint64 exported_at;

  node = json_object_get_member (import->root, "format");
  if (node == NULL || !JSON_NODE_HOLDS_VALUE (node) ||
      json_node_get_value_type (node) != G_TYPE_STRING ||
      !g_str_equal (json_node_get_string (node), ND_BACKUP_FORMAT))
    {
      g_set_error (error, ND_BACKUP_ERROR, ND_BACKUP_ERROR_NOT_A_BACKUP,
                   _("The file is not a Newsdesk backup: its “format” is not “%s”"),
                   ND_BACKUP_FORMAT);
      return FALSE;
    }

  node = json_object_get_member (import->root, "version");
  if (node != NULL && JSON_NODE_HOLDS_VALUE (node) &&
      json_node_get_value_type (node) == G_TYPE_INT64 &&
      json_node_get_int (node) > ND_BACKUP_VERSION)
    {
      g_autofree char *number = int_text (json_node_get_int (node));

      g_set_error (error, ND_BACKUP_ERROR, ND_BACKUP_ERROR_UNSUPPORTED_VERSION,
                   /* Translators: two version numbers */
                   _("The backup was written by a newer version of Newsdesk"
                     " (format version %s; this version reads up to %d)"),
                   number, ND_BACKUP_VERSION);
      return FALSE;
    }

  return read_int (import->root, "version", 1, ND_BACKUP_VERSION, FALSE, import->path, &version,
                   NULL, error) &&
         read_time (import->root, "exported_at", FALSE, FALSE, import->path, &exported_at, NULL,
                    error);
}

static gboolean
check_document (Import  *import,
                GError **error)
{
  return check_header (import, error) &&
         check_settings (import, error) &&
         check_vocabulary (import, KIND_LANGUAGE, error) &&
         check_vocabulary (import, KIND_SECTION, error) &&
         check_vocabulary (import, KIND_TAG, error) &&
         check_vocabulary (import, KIND_CONTRIBUTOR, error) &&
         check_vocabulary (import, KIND_MEDIA, error) &&
         check_vocabulary_texts (import, KIND_SECTION, error) &&
         check_vocabulary_texts (import, KIND_TAG, error) &&
         check_vocabulary_texts (import, KIND_CONTRIBUTOR, error) &&
         check_vocabulary_texts (import, KIND_MEDIA, error) &&
         check_stories (import, error);
}

/* Import: writing ---------------------------------------------------------------- */

/* The row id of @key, from the database (after the vocabulary is written,
 * every reference the check accepted is there). */
static gboolean
resolve_id (Import      *import,
            Kind         kind,
            const char  *key,
            gint64      *id,
            GError     **error)
{
  gint64 *cached = g_hash_table_lookup (import->ids[kind], key);

  if (cached != NULL)
    {
      *id = *cached;
      return TRUE;
    }

  if (!lookup_in_database (import, kind, key, id, error))
    return FALSE;
  if (*id == 0)
    {
      /* Something removed it since the check; say what is missing. */
      g_autoptr(GString) path = g_string_new (collection_names[kind]);

      return set_invalid (error, path, _("“%s” disappeared from the database during the import"),
                          key);
    }

  g_hash_table_insert (import->ids[kind], g_strdup (key), g_memdup2 (id, sizeof *id));
  return TRUE;
}

static gboolean
run (Import      *import,
     const char  *sql,
     GError     **error,
     const char  *types,
     ...)
{
  g_autoptr(NdStatement) stmt = nd_database_prepare (import->db, sql, error);
  va_list args;

  if (stmt == NULL)
    return FALSE;

  /* @types spells the parameters: s text (NULL binds null), i gint64,
   * n gint64 bound as null when the next gboolean is TRUE. */
  va_start (args, types);
  for (int i = 0; types[i] != '\0'; i++)
    {
      switch (types[i])
        {
        case 's':
          {
            const char *text = va_arg (args, const char *);

            if (text == NULL)
              sqlite3_bind_null (stmt, i + 1);
            else
              sqlite3_bind_text (stmt, i + 1, text, -1, SQLITE_STATIC);
          }
          break;
        case 'i':
          sqlite3_bind_int64 (stmt, i + 1, va_arg (args, gint64));
          break;
        case 'n':
          {
            gint64 value = va_arg (args, gint64);
            gboolean is_null = va_arg (args, gboolean);

            if (is_null)
              sqlite3_bind_null (stmt, i + 1);
            else
              sqlite3_bind_int64 (stmt, i + 1, value);
          }
          break;
        default:
          g_assert_not_reached ();
        }
    }
  va_end (args);

  return nd_database_step_done (import->db, stmt, error);
}

static gboolean
write_languages_in (Import  *import,
                    GError **error)
{
  JsonArray *array = json_object_get_array_member (import->root, "languages");
  guint n = json_array_get_length (array);

  for (guint i = 0; i < n; i++)
    {
      LanguageData data;

      if (!read_language (json_array_get_object_element (array, i), import->path, &data, error) ||
          !run (import,
                "INSERT INTO languages (code, name, native_name, direction, publication_name,"
                " dateline_format, position) VALUES (?, ?, ?, ?, ?, ?, ?) ON CONFLICT DO NOTHING",
                error, "ssssssi", data.code, data.name, data.native_name, data.direction,
                data.publication_name, data.dateline_format, data.position))
        return FALSE;
      import->stats.languages_added += nd_database_changes (import->db);
    }

  return TRUE;
}

/* Adds the texts of @texts the database lacks; one that is there stays. */
static gboolean
write_texts_in (Import      *import,
                Kind         kind,
                gint64       owner_id,
                JsonObject  *texts,
                GError     **error)
{
  g_autoptr(GList) langs = json_object_get_members (texts);

  for (GList *l = langs; l != NULL; l = l->next)
    {
      const char *lang = l->data;
      JsonNode *node = json_object_get_member (texts, lang);
      gboolean ok = FALSE;

      switch (kind)
        {
        case KIND_SECTION:
          ok = run (import, "INSERT INTO section_names (section_id, lang, name) VALUES (?, ?, ?)"
                            " ON CONFLICT DO NOTHING",
                    error, "iss", owner_id, lang, json_node_get_string (node));
          break;
        case KIND_TAG:
          {
            /* Labels keep their folded form for completion, as the store does. */
            g_autofree char *folded = nd_text_fold (json_node_get_string (node), -1);

            ok = run (import,
                      "INSERT INTO tag_labels (tag_id, lang, label, folded) VALUES (?, ?, ?, ?)"
                              " ON CONFLICT DO NOTHING",
                      error, "isss", owner_id, lang, json_node_get_string (node), folded);
          }
          break;
        case KIND_CONTRIBUTOR:
          {
            JsonObject *object = json_node_get_object (node);

            ok = run (import, "INSERT INTO contributor_names (contributor_id, lang, name, role)"
                              " VALUES (?, ?, ?, ?) ON CONFLICT DO NOTHING",
                      error, "isss", owner_id, lang,
                      json_object_get_string_member (object, "name"),
                      json_object_get_string_member (object, "role"));
          }
          break;
        case KIND_MEDIA:
          {
            JsonObject *object = json_node_get_object (node);

            ok = run (import, "INSERT INTO media_texts (media_id, lang, caption, alt, credit)"
                              " VALUES (?, ?, ?, ?, ?) ON CONFLICT DO NOTHING",
                      error, "issss", owner_id, lang,
                      json_object_get_string_member (object, "caption"),
                      json_object_get_string_member (object, "alt"),
                      json_object_get_string_member (object, "credit"));
          }
          break;
        case KIND_LANGUAGE:
        case KIND_STORY:
        case N_KINDS:
        default:
          g_assert_not_reached ();
        }

      if (!ok)
        return FALSE;
    }

  return TRUE;
}

static gboolean
write_vocabulary_in (Import  *import,
                     Kind     kind,
                     GError **error)
{
  JsonArray *array = json_object_get_array_member (import->root, collection_names[kind]);
  guint n = json_array_get_length (array);
  guint *added = NULL;

  switch (kind)
    {
    case KIND_SECTION:
      added = &import->stats.sections_added;
      break;
    case KIND_TAG:
      added = &import->stats.tags_added;
      break;
    case KIND_CONTRIBUTOR:
      added = &import->stats.contributors_added;
      break;
    case KIND_MEDIA:
      added = &import->stats.media_added;
      break;
    case KIND_LANGUAGE:
    case KIND_STORY:
    case N_KINDS:
    default:
      g_assert_not_reached ();
    }

  for (guint i = 0; i < n; i++)
    {
      JsonObject *object = json_array_get_object_element (array, i);
      const char *key;
      JsonObject *texts;
      gboolean ok;
      gint64 id;

      if (kind == KIND_SECTION)
        {
          SectionData data;

          ok = read_section (object, import->path, &data, error) &&
               run (import,
                    "INSERT INTO sections (slug, position) VALUES (?, ?) ON CONFLICT DO NOTHING",
                    error, "si", data.slug, data.position);
          key = data.slug;
          texts = data.names;
        }
      else
        {
          ConceptData data;

          ok = read_concept (object, kind, import->path, &data, error);
          if (ok && kind == KIND_TAG)
            ok = run (import, "INSERT INTO tags (uuid) VALUES (?) ON CONFLICT DO NOTHING",
                      error, "s", data.uuid);
          else if (ok && kind == KIND_CONTRIBUTOR)
            ok = run (import, "INSERT INTO contributors (uuid) VALUES (?) ON CONFLICT DO NOTHING",
                      error, "s", data.uuid);
          else if (ok && kind == KIND_MEDIA)
            ok = run (import,
                      "INSERT INTO media (uuid, file, mime_type) VALUES (?, ?, ?)"
                      " ON CONFLICT DO NOTHING",
                      error, "sss", data.uuid, data.file, data.mime_type);
          key = data.uuid;
          texts = data.texts;
        }

      if (!ok)
        return FALSE;
      *added += nd_database_changes (import->db);

      if (!resolve_id (import, kind, key, &id, error) ||
          !write_texts_in (import, kind, id, texts, error))
        return FALSE;
    }

  return TRUE;
}

static gboolean
write_settings_in (Import  *import,
                   GError **error)
{
  JsonObject *settings = json_object_get_object_member (import->root, "settings");
  g_autoptr(GList) keys = json_object_get_members (settings);

  for (GList *l = keys; l != NULL; l = l->next)
    {
      const char *key = l->data;

      if (!run (import, "INSERT INTO settings (key, value) VALUES (?, ?) ON CONFLICT DO NOTHING",
                error, "ss", key, json_object_get_string_member (settings, key)))
        return FALSE;
    }

  return TRUE;
}

static gboolean
write_id_list_in (Import      *import,
                  Kind         kind,
                  const char  *sql,
                  gint64       story_id,
                  JsonArray   *array,
                  GError     **error)
{
  guint n = json_array_get_length (array);

  for (guint i = 0; i < n; i++)
    {
      gint64 id;

      if (!resolve_id (import, kind, json_array_get_string_element (array, i), &id, error) ||
          !run (import, sql, error, "iii", story_id, id, (gint64) i))
        return FALSE;
    }

  return TRUE;
}

static gboolean
write_edition_in (Import      *import,
                  gint64       story_id,
                  JsonObject  *object,
                  GError     **error)
{
  EditionData data;
  gint64 edition_id;
  guint n;

  if (!read_edition (object, import->path, &data, error) ||
      !run (import,
            "INSERT INTO editions (story_id, lang, headline, standfirst, dateline_city, body, slug,"
            " status, publish_at, translator, revision, source_revision, word_count, updated_at)"
            " VALUES (?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?)",
            error, "isssssssnsinii",
            story_id, data.lang, data.headline, data.standfirst, data.dateline_city, data.body,
            data.slug, data.status, data.publish_at, data.no_publish_at, data.translator,
            data.revision, data.source_revision, data.no_source_revision, data.word_count,
            data.updated_at))
    return FALSE;
  edition_id = nd_database_last_insert_rowid (import->db);

  n = json_array_get_length (data.revisions);
  for (guint i = 0; i < n; i++)
    {
      RevisionData revision;

      if (!read_revision (json_array_get_object_element (data.revisions, i), import->path,
                          &revision, error) ||
          !run (import,
                "INSERT INTO revisions (edition_id, revision, created_at, saved_at, headline,"
                " standfirst, dateline_city, body, word_count, pinned)"
                " VALUES (?, ?, ?, ?, ?, ?, ?, ?, ?, ?)",
                error, "iiiissssii",
                edition_id, revision.revision, revision.created_at, revision.saved_at,
                revision.headline, revision.standfirst, revision.dateline_city, revision.body,
                revision.word_count, (gint64) (revision.pinned ? 1 : 0)))
        return FALSE;
    }

  n = json_array_get_length (data.status_history);
  for (guint i = 0; i < n; i++)
    {
      StatusChangeData change;

      if (!read_status_change (json_array_get_object_element (data.status_history, i), import->path,
                               &change, error) ||
          !run (import,
                "INSERT INTO status_changes (edition_id, old_status, new_status, author,"
                " changed_at) VALUES (?, ?, ?, ?, ?)",
                error, "isssi", edition_id, change.from, change.to, change.author, change.at))
        return FALSE;
    }

  return TRUE;
}

/* Writes one story, unless the database has it; *@story_id is 0 then. */
static gboolean
write_story_in (Import      *import,
                JsonObject  *object,
                gint64      *story_id,
                GError     **error)
{
  StoryData data;
  gint64 section_id = 0;
  gint64 media_id = 0;
  guint n;

  *story_id = 0;
  if (!read_story (object, import->path, &data, error))
    return FALSE;

  if (!lookup_in_database (import, KIND_STORY, data.uuid, story_id, error))
    return FALSE;
  if (*story_id != 0)
    {
      /* Never overwritten: what is in the database may be newer. */
      *story_id = 0;
      import->stats.stories_skipped++;
      return TRUE;
    }

  if (data.section != NULL && !resolve_id (import, KIND_SECTION, data.section, &section_id, error))
    return FALSE;
  if (data.featured_image != NULL &&
      !resolve_id (import, KIND_MEDIA, data.featured_image, &media_id, error))
    return FALSE;
  if (!run (import,
            "INSERT INTO stories (uuid, section_id, source_lang, featured_media_id, created_at,"
            " updated_at, trashed_at) VALUES (?, ?, ?, ?, ?, ?, ?)",
            error, "snsniin", data.uuid, section_id, data.section == NULL, data.source_lang,
            media_id, data.featured_image == NULL, data.created_at, data.updated_at,
            data.trashed_at, data.no_trashed_at))
    return FALSE;
  *story_id = nd_database_last_insert_rowid (import->db);

  if (!write_id_list_in (import, KIND_TAG,
                         "INSERT INTO story_tags (story_id, tag_id, position) VALUES (?, ?, ?)",
                         *story_id, data.tags, error) ||
      !write_id_list_in (import, KIND_CONTRIBUTOR,
                         "INSERT INTO story_contributors (story_id, contributor_id, position)"
                         " VALUES (?, ?, ?)",
                         *story_id, data.contributors, error))
    return FALSE;

  n = json_array_get_length (data.editions);
  for (guint i = 0; i < n; i++)
    if (!write_edition_in (import, *story_id, json_array_get_object_element (data.editions, i),
                           error))
      return FALSE;

  import->stats.stories_imported++;
  return TRUE;
}

static gboolean
write_stories_in (Import  *import,
                  GError **error)
{
  JsonArray *stories = json_object_get_array_member (import->root, "stories");
  guint n = json_array_get_length (stories);
  g_autoptr(GArray) written = g_array_new (FALSE, FALSE, sizeof (gint64));

  g_array_set_size (written, n);
  for (guint i = 0; i < n; i++)
    {
      if (g_cancellable_set_error_if_cancelled (import->cancellable, error) ||
          !write_story_in (import, json_array_get_object_element (stories, i),
                           &g_array_index (written, gint64, i), error))
        return FALSE;
    }

  /* Related stories last: they may point at any story in the file. */
  for (guint i = 0; i < n; i++)
    {
      gint64 story_id = g_array_index (written, gint64, i);
      JsonObject *object;

      if (story_id == 0)
        continue;
      object = json_array_get_object_element (stories, i);
      if (!write_id_list_in (import, KIND_STORY,
                             "INSERT INTO story_related (story_id, related_id, position)"
                             " VALUES (?, ?, ?)",
                             story_id, json_object_get_array_member (object, "related"), error))
        return FALSE;
    }

  return TRUE;
}

static gboolean
write_document_in (Import  *import,
                   GError **error)
{
  return write_languages_in (import, error) &&
         write_vocabulary_in (import, KIND_SECTION, error) &&
         write_vocabulary_in (import, KIND_TAG, error) &&
         write_vocabulary_in (import, KIND_CONTRIBUTOR, error) &&
         write_vocabulary_in (import, KIND_MEDIA, error) &&
         write_settings_in (import, error) &&
         write_stories_in (import, error);
}

/**
 * nd_backup_import:
 * @store: a #NdStoryStore
 * @stream: a backup, as nd_backup_export() writes it
 * @stats: (out caller-allocates) (optional): what the import did
 * @cancellable: (nullable): a #GCancellable
 * @error: return location for a #GError
 *
 * Adds what a backup holds to @store. The whole file is read and checked
 * first; a file with anything wrong in it (%ND_BACKUP_ERROR, the message
 * naming the place, like `stories[3].editions[1].status`) changes nothing.
 * Then everything is written in one transaction, so a failure part-way
 * (full disk, cancellation) changes nothing either.
 *
 * Import only adds. Languages, sections, tags, contributors, images and
 * settings are matched by their key (code, slug, uuid, name); one the
 * database lacks is added, one it has keeps its values, gaining only the
 * texts in languages it had none in. A story whose uuid is in the database
 * already is skipped and counted in @stats, never overwritten. New stories
 * come in exactly as they were: editions, revisions with their numbers and
 * times, status history, and related stories resolved by uuid.
 *
 * After a successful import the store emits #NdStoryStore::reset.
 *
 * Returns: %TRUE on success
 */
gboolean
nd_backup_import (NdStoryStore         *store,
                  GInputStream         *stream,
                  NdBackupImportStats  *stats,
                  GCancellable         *cancellable,
                  GError              **error)
{
  g_autoptr(JsonParser) parser = NULL;
  Import import = { 0 };
  JsonNode *root;
  gboolean ok;

  g_return_val_if_fail (ND_IS_STORY_STORE (store), FALSE);
  g_return_val_if_fail (G_IS_INPUT_STREAM (stream), FALSE);
  g_return_val_if_fail (cancellable == NULL || G_IS_CANCELLABLE (cancellable), FALSE);
  g_return_val_if_fail (error == NULL || *error == NULL, FALSE);

  if (stats != NULL)
    memset (stats, 0, sizeof *stats);

  parser = parse_stream (stream, cancellable, error);
  if (parser == NULL)
    return FALSE;

  root = json_parser_get_root (parser);
  if (root == NULL || !JSON_NODE_HOLDS_OBJECT (root))
    {
      g_set_error (error, ND_BACKUP_ERROR, ND_BACKUP_ERROR_NOT_A_BACKUP,
                   _("The file is not a Newsdesk backup: it does not hold a JSON object"));
      return FALSE;
    }

  import.store = store;
  import.db = nd_story_store_get_database (store);
  import.cancellable = cancellable;
  import.root = json_node_get_object (root);
  import.path = g_string_new (NULL);
  for (guint i = 0; i < N_KINDS; i++)
    {
      import.in_file[i] = g_hash_table_new (g_str_hash, g_str_equal);
      import.in_database[i] = g_hash_table_new_full (g_str_hash, g_str_equal, g_free, NULL);
      import.ids[i] = g_hash_table_new_full (g_str_hash, g_str_equal, g_free, g_free);
    }

  /* Checking reads the database outside the transaction, so a long check
   * does not hold the write lock; whatever changes meanwhile is caught by
   * the writing, which looks everything up again. */
  if (!check_document (&import, error))
    {
      import_clear (&import);
      return FALSE;
    }

  if (!nd_database_begin (import.db, error))
    {
      import_clear (&import);
      return FALSE;
    }

  g_string_truncate (import.path, 0);
  ok = write_document_in (&import, error);
  if (!ok)
    nd_database_rollback (import.db);
  else
    ok = nd_database_commit (import.db, error);

  if (ok && stats != NULL)
    *stats = import.stats;
  import_clear (&import);

  if (ok)
    _nd_story_store_emit_reset (store);

  return ok;
}

void
_nd_backup_set_max_import_size (gint64 max_size)
{
  if (max_size <= 0 || max_size > ND_BACKUP_MAX_IMPORT_SIZE)
    max_size = ND_BACKUP_MAX_IMPORT_SIZE;
  max_import_size = max_size;
}
