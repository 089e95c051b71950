/* nd-edition-editor.c
 *
 * SPDX-License-Identifier: GPL-3.0-or-later
 */

#define G_LOG_DOMAIN "newsdesk-edition-editor"

#include "config.h"

#include <string.h>

#include <glib/gi18n.h>
#include <gtksourceview/gtksource.h>

#include "nd-edition-editor.h"
#include "nd-edition-sync-row.h"
#include "nd-merge.h"
#include "nd-html-to-markdown.h"
#include "nd-markdown-format.h"
#include "nd-status-control.h"
#include "nd-text-stats.h"
#include "nd-widget-util.h"

/* Counting words parses the whole body; it waits for a short pause so a
 * long article types as fast as a short one. */
#define STATS_DELAY_MS 250

/**
 * NdEditionEditor:
 *
 * One language of a story: headline, standfirst, dateline city and the
 * Markdown body, laid out in that language's direction whatever the
 * interface's. It saves its own text (see #NdAutosave) and never reloads it
 * after a save: the text on screen is the truth, the database follows.
 *
 * A language the story has no edition in shows a page that adds one.
 *
 * Once it has the sync store (nd_edition_editor_set_sync()), a line under
 * the body tells where the edition stands with its website
 * (#NdEditionSyncRow), in the interface's direction like the rest of the
 * page's controls.
 */
struct _NdEditionEditor
{
  GtkWidget        parent_instance;

  NdStoryStore    *store;
  NdLanguage      *language;
  gint64           story_id;
  NdEdition       *edition;   /* NULL while the story has none in this language */
  NdAutosave      *autosave;
  GCancellable    *paste_cancellable;
  GtkTextMark     *link_start;
  GtkTextMark     *link_end;
  GtkTextMark     *paste_mark;      /* where Ctrl+V was pressed */
  gboolean         paste_replaces;  /* a selection was there to replace */
  guint            stats_id;
  gboolean         loading;   /* text put into the fields is no change */

  GtkStack        *stack;
  AdwStatusPage   *missing_page;
  GtkEntry        *headline_entry;
  GtkTextView     *standfirst_view;
  GtkLabel        *standfirst_placeholder;
  GtkEntry        *dateline_entry;
  GtkLabel        *dateline_label;
  GtkBox          *status_box;
  NdStatusControl *status_control;
  GtkSourceView   *body_view;
  GtkSourceBuffer *body_buffer;
  GtkLabel        *stats_label;
  GtkBox          *sync_box;
  GtkWidget       *sync_row;  /* NULL until there is a sync store */
  NdSyncStore     *sync_store;
  GtkPopover      *link_popover;
  GtkEntry        *link_entry;
};

G_DEFINE_FINAL_TYPE (NdEditionEditor, nd_edition_editor, GTK_TYPE_WIDGET)

enum {
  PROP_0,
  PROP_STORE,
  PROP_LANGUAGE,
  PROP_HAS_EDITION,
  PROP_SAVE_STATE,
  N_PROPS
};

static GParamSpec *properties [N_PROPS];

/* Shortcuts of the body only: in the headline, Ctrl+B has nothing to make
 * bold, and must not change the body out of sight. */
static const struct
{
  const char *trigger;
  const char *action;
} body_shortcuts[] = {
  { "<Control>b", "edition.bold" },
  { "<Control>i", "edition.italic" },
  { "<Control>k", "edition.link" },
  { "<Control><Alt>2", "edition.subheading" },
  { "<Control><Shift>9", "edition.quote" },
  { "<Control><Shift>8", "edition.bulleted-list" },
  { "<Control><Shift>7", "edition.numbered-list" },
  { "<Control><Shift>v", "edition.paste-plain" },
};

/* Helpers ------------------------------------------------------------------ */

static GtkTextBuffer *
standfirst_buffer (NdEditionEditor *self)
{
  return gtk_text_view_get_buffer (self->standfirst_view);
}

static char *
get_buffer_text (GtkTextBuffer *buffer)
{
  GtkTextIter start, end;

  gtk_text_buffer_get_bounds (buffer, &start, &end);
  return gtk_text_buffer_get_text (buffer, &start, &end, FALSE);
}

/* Loaded text is where undo starts, not a step that undo could remove. The
 * cursor keeps its place when the text is replaced under it. */
static void
load_buffer (GtkTextBuffer *buffer,
             const char    *text)
{
  GtkTextIter iter;
  int offset;

  gtk_text_buffer_get_iter_at_mark (buffer, &iter, gtk_text_buffer_get_insert (buffer));
  offset = gtk_text_iter_get_offset (&iter);

  gtk_text_buffer_begin_irreversible_action (buffer);
  gtk_text_buffer_set_text (buffer, text != NULL ? text : "", -1);
  gtk_text_buffer_end_irreversible_action (buffer);

  gtk_text_buffer_get_iter_at_offset (buffer, &iter, offset);
  gtk_text_buffer_place_cursor (buffer, &iter);
}

static void
load_entry (GtkEntry   *entry,
            const char *text)
{
  int position = gtk_editable_get_position (GTK_EDITABLE (entry));

  /* GtkText makes set_text irreversible for its undo. */
  gtk_editable_set_text (GTK_EDITABLE (entry), text != NULL ? text : "");
  gtk_editable_set_position (GTK_EDITABLE (entry), MIN (position, (int) g_utf8_strlen (text != NULL ? text : "", -1)));
}

/* The fields' text, into the edition that is saved. */
static void
sync_edition (NdEditionEditor *self)
{
  g_autofree char *standfirst = get_buffer_text (standfirst_buffer (self));
  g_autofree char *body = get_buffer_text (GTK_TEXT_BUFFER (self->body_buffer));

  g_assert (self->edition != NULL);

  nd_edition_set_headline (self->edition, gtk_editable_get_text (GTK_EDITABLE (self->headline_entry)));
  nd_edition_set_standfirst (self->edition, standfirst);
  nd_edition_set_dateline_city (self->edition, gtk_editable_get_text (GTK_EDITABLE (self->dateline_entry)));
  nd_edition_set_body (self->edition, body);
}

static void
update_standfirst_placeholder (NdEditionEditor *self)
{
  gtk_widget_set_visible (GTK_WIDGET (self->standfirst_placeholder),
                          gtk_text_buffer_get_char_count (standfirst_buffer (self)) == 0);
}

static void
update_dateline (NdEditionEditor *self)
{
  g_autofree char *rendered = NULL;

  if (self->edition == NULL)
    return;

  /* The edition holds the city only to render it; the saved value is read
   * from the field when saving. */
  nd_edition_set_dateline_city (self->edition, gtk_editable_get_text (GTK_EDITABLE (self->dateline_entry)));
  rendered = nd_story_store_render_dateline (self->store, self->edition);
  gtk_label_set_text (self->dateline_label, rendered);
}

static void
update_stats (NdEditionEditor *self)
{
  g_autofree char *body = get_buffer_text (GTK_TEXT_BUFFER (self->body_buffer));
  guint words = nd_text_count_markdown_words (body);
  guint minutes = nd_text_reading_minutes (words);
  g_autofree char *words_text = g_strdup_printf (ngettext ("%u word", "%u words", words), words);
  g_autofree char *minutes_text = NULL;
  g_autofree char *text = NULL;

  /* An empty body takes no time to read, and saying so looks odd. */
  if (minutes == 0)
    {
      gtk_label_set_text (self->stats_label, words_text);
      return;
    }

  minutes_text = g_strdup_printf (ngettext ("%u min read", "%u min read", minutes), minutes);
  /* Translators: the word count and the reading time of the body, as in
   * "640 words · 4 min read" */
  text = g_strdup_printf (_("%s · %s"), words_text, minutes_text);
  gtk_label_set_text (self->stats_label, text);
}

static gboolean
on_stats_timeout_cb (gpointer user_data)
{
  NdEditionEditor *self = user_data;

  self->stats_id = 0;
  update_stats (self);

  return G_SOURCE_REMOVE;
}

static void
load_fields (NdEditionEditor *self)
{
  g_assert (self->edition != NULL);

  self->loading = TRUE;
  load_entry (self->headline_entry, nd_edition_get_headline (self->edition));
  load_buffer (standfirst_buffer (self), nd_edition_get_standfirst (self->edition));
  load_entry (self->dateline_entry, nd_edition_get_dateline_city (self->edition));
  load_buffer (GTK_TEXT_BUFFER (self->body_buffer), nd_edition_get_body (self->edition));
  self->loading = FALSE;

  update_standfirst_placeholder (self);
  update_dateline (self);
  g_clear_handle_id (&self->stats_id, g_source_remove);
  update_stats (self);
}

static void
clear_fields (NdEditionEditor *self)
{
  self->loading = TRUE;
  load_entry (self->headline_entry, "");
  load_buffer (standfirst_buffer (self), "");
  load_entry (self->dateline_entry, "");
  load_buffer (GTK_TEXT_BUFFER (self->body_buffer), "");
  self->loading = FALSE;

  gtk_label_set_text (self->dateline_label, "");
  update_standfirst_placeholder (self);
}

static void
show_edition (NdEditionEditor *self,
              NdEdition       *edition)
{
  gboolean had_edition = self->edition != NULL;

  g_set_object (&self->edition, edition);

  if (edition != NULL)
    {
      load_fields (self);
      gtk_stack_set_visible_child_name (self->stack, "edition");
    }
  else
    {
      clear_fields (self);
      gtk_stack_set_visible_child_name (self->stack, "missing");
    }

  nd_status_control_set_edition (self->status_control, self->edition);
  if (self->sync_row != NULL)
    nd_edition_sync_row_set_edition (ND_EDITION_SYNC_ROW (self->sync_row), self->edition);

  if (had_edition != (edition != NULL))
    g_object_notify_by_pspec (G_OBJECT (self), properties [PROP_HAS_EDITION]);
}

static void
update_style_scheme (NdEditionEditor *self)
{
  GtkSourceStyleSchemeManager *schemes = gtk_source_style_scheme_manager_get_default ();
  gboolean dark = adw_style_manager_get_dark (adw_style_manager_get_default ());
  GtkSourceStyleScheme *scheme;

  scheme = gtk_source_style_scheme_manager_get_scheme (schemes, dark ? "Adwaita-dark" : "Adwaita");
  if (scheme == NULL)
    scheme = gtk_source_style_scheme_manager_get_scheme (schemes, dark ? "classic-dark" : "classic");

  gtk_source_buffer_set_style_scheme (self->body_buffer, scheme);
}

static void
set_accessible_label (GtkWidget  *widget,
                      const char *label)
{
  gtk_accessible_update_property (GTK_ACCESSIBLE (widget), GTK_ACCESSIBLE_PROPERTY_LABEL, label, -1);
}

static void
apply_language (NdEditionEditor *self)
{
  const char *name = nd_language_get_native_name (self->language);
  GtkTextDirection direction = _nd_language_get_direction (self->language);
  GtkWidget *fields[] = {
    GTK_WIDGET (self->headline_entry),
    GTK_WIDGET (self->standfirst_view),
    GTK_WIDGET (self->standfirst_placeholder),
    GTK_WIDGET (self->dateline_entry),
    GTK_WIDGET (self->dateline_label),
    GTK_WIDGET (self->body_view),
  };
  g_autofree char *headline = NULL;
  g_autofree char *standfirst = NULL;
  g_autofree char *dateline = NULL;
  g_autofree char *body = NULL;

  for (guint i = 0; i < G_N_ELEMENTS (fields); i++)
    _nd_widget_set_direction_deep (fields[i], direction);

  /* Screen readers and the UI tests find the fields by these names. */
  /* Translators: %s is a language's own name, as in "Headline (English)" */
  headline = g_strdup_printf (_("Headline (%s)"), name);
  /* Translators: %s is a language's own name, as in "Standfirst (English)" */
  standfirst = g_strdup_printf (_("Standfirst (%s)"), name);
  /* Translators: %s is a language's own name, as in "Dateline city (English)" */
  dateline = g_strdup_printf (_("Dateline city (%s)"), name);
  /* Translators: %s is a language's own name, as in "Body (English)" */
  body = g_strdup_printf (_("Body (%s)"), name);
  set_accessible_label (GTK_WIDGET (self->headline_entry), headline);
  set_accessible_label (GTK_WIDGET (self->standfirst_view), standfirst);
  set_accessible_label (GTK_WIDGET (self->dateline_entry), dateline);
  set_accessible_label (GTK_WIDGET (self->body_view), body);

  /* The language's own name heads the page; a sentence around it would
   * mix languages in every translation. */
  adw_status_page_set_title (self->missing_page, name);
  adw_status_page_set_description (self->missing_page,
                                   _("This story has no edition in this language yet. Add one to write or translate it."));
}

/* A field both the editor and someone else (sync, the translation view)
 * changed: the editor's stands. */
static const char *
merge_field (const char *base,
             const char *mine,
             const char *theirs)
{
  return g_strcmp0 (mine, base) == 0 ? theirs : mine;
}

/*
 * Someone else saved this edition while the editor had text not yet saved
 * (a sync took a colleague's edit from the website, say). Writing the
 * editor's text as it is would undo theirs without a trace on the site;
 * instead the three versions are merged — the text as the editor last
 * loaded or saved it, the editor's, the stored one — field by field and the
 * body paragraph by paragraph. Where both changed the same paragraph (or
 * headline, or standfirst) the editor's stays in the edition and the clash
 * goes into @conflicts (see record_website_conflicts()).
 *
 * Returns: whether the editor's text changed and must be shown again
 */
static gboolean
merge_with_stored (NdEditionEditor *self,
                   NdEdition       *base,
                   GPtrArray       *conflicts)
{
  g_autoptr(NdEdition) stored = nd_story_store_load_edition_by_id (self->store, nd_edition_get_id (base), NULL);
  g_autofree char *body = NULL;
  gboolean changed;
  struct {
    NdSyncField  field;
    const char  *base;
    const char  *mine;
    const char  *theirs;
  } fields[2];

  if (stored == NULL || nd_edition_get_revision (stored) == nd_edition_get_revision (base) ||
      nd_edition_same_text (stored, base))
    return FALSE;

  fields[0].field = ND_SYNC_FIELD_HEADLINE;
  fields[0].base = nd_edition_get_headline (base);
  fields[0].mine = nd_edition_get_headline (self->edition);
  fields[0].theirs = nd_edition_get_headline (stored);
  fields[1].field = ND_SYNC_FIELD_STANDFIRST;
  fields[1].base = nd_edition_get_standfirst (base);
  fields[1].mine = nd_edition_get_standfirst (self->edition);
  fields[1].theirs = nd_edition_get_standfirst (stored);
  for (guint i = 0; i < G_N_ELEMENTS (fields); i++)
    if (g_strcmp0 (fields[i].mine, fields[i].base) != 0 && g_strcmp0 (fields[i].theirs, fields[i].base) != 0 &&
        g_strcmp0 (fields[i].mine, fields[i].theirs) != 0)
      g_ptr_array_add (conflicts, nd_merge_conflict_new (fields[i].field, -1, fields[i].base,
                                                         fields[i].mine, fields[i].theirs));

  body = nd_merge_body (nd_edition_get_body (base), nd_edition_get_body (self->edition),
                        nd_edition_get_body (stored), conflicts);
  changed = g_strcmp0 (body, nd_edition_get_body (self->edition)) != 0 ||
            g_strcmp0 (merge_field (nd_edition_get_headline (base), nd_edition_get_headline (self->edition),
                                    nd_edition_get_headline (stored)), nd_edition_get_headline (self->edition)) != 0 ||
            g_strcmp0 (merge_field (nd_edition_get_standfirst (base), nd_edition_get_standfirst (self->edition),
                                    nd_edition_get_standfirst (stored)), nd_edition_get_standfirst (self->edition)) != 0 ||
            g_strcmp0 (merge_field (nd_edition_get_dateline_city (base), nd_edition_get_dateline_city (self->edition),
                                    nd_edition_get_dateline_city (stored)), nd_edition_get_dateline_city (self->edition)) != 0;

  nd_edition_set_headline (self->edition, merge_field (nd_edition_get_headline (base),
                                                       nd_edition_get_headline (self->edition),
                                                       nd_edition_get_headline (stored)));
  nd_edition_set_standfirst (self->edition, merge_field (nd_edition_get_standfirst (base),
                                                         nd_edition_get_standfirst (self->edition),
                                                         nd_edition_get_standfirst (stored)));
  nd_edition_set_dateline_city (self->edition, merge_field (nd_edition_get_dateline_city (base),
                                                            nd_edition_get_dateline_city (self->edition),
                                                            nd_edition_get_dateline_city (stored)));
  nd_edition_set_body (self->edition, body);
  if (conflicts->len > 0)
    g_debug ("%u fields or paragraphs changed here and elsewhere; the editor's text was kept", conflicts->len);

  return changed;
}

/* Whether the site's version of a field, as the sync last took it, is
 * @theirs: then the other side of a clash came from the website. */
static gboolean
site_holds (NdSyncFields          *site,
            const NdMergeConflict *conflict)
{
  g_autofree char *text = nd_sync_fields_get_text (site, conflict->field);

  if (conflict->field == ND_SYNC_FIELD_BODY)
    return text != NULL && conflict->theirs != NULL && *conflict->theirs != '\0' &&
           strstr (text, conflict->theirs) != NULL;
  return g_strcmp0 (text, conflict->theirs) == 0;
}

/*
 * A clash whose other side came from the website (a sync took a
 * colleague's edit into the edition while the editor typed in the same
 * paragraph) is a sync conflict like any other: the editor's text stays in
 * the edition, the website's goes into the conflicts, and nothing is sent
 * until the editor chooses — otherwise the next push would undo the
 * colleague's edit on the site without anyone seeing it. A clash with
 * another writer here (a restored revision) keeps the editor's text; the
 * other is in the history.
 */
static void
record_website_conflicts (NdEditionEditor *self,
                          GPtrArray       *conflicts)
{
  gint64 edition_id = nd_edition_get_id (self->edition);
  g_autoptr(NdEditionSync) sync = NULL;
  g_autoptr(NdSyncFields) site = NULL;
  guint recorded = 0;

  if (self->sync_store == NULL || conflicts->len == 0)
    return;
  sync = nd_sync_store_get_edition_sync (self->sync_store, edition_id, NULL);
  if (sync == NULL || sync->remote_id <= 0 || sync->base_json == NULL ||
      (site = nd_sync_fields_from_json (sync->base_json, NULL)) == NULL)
    return;

  for (guint i = 0; i < conflicts->len; i++)
    {
      NdMergeConflict *conflict = g_ptr_array_index (conflicts, i);
      g_autoptr(GError) error = NULL;

      if (!site_holds (site, conflict))
        continue;
      if (nd_sync_store_add_conflict (self->sync_store, edition_id, nd_sync_field_to_string (conflict->field),
                                      conflict->paragraph, conflict->base, conflict->mine, conflict->theirs,
                                      &error) == 0)
        {
          g_warning ("A conflict with the website could not be kept: %s", error->message);
          continue;
        }
      recorded++;
    }

  if (recorded > 0)
    nd_sync_store_set_edition_state (self->sync_store, edition_id, ND_EDITION_SYNC_CONFLICT, NULL, NULL);
}

static gboolean
save_edition_cb (gpointer   user_data,
                 GError   **error)
{
  NdEditionEditor *self = user_data;
  g_autoptr(NdEdition) base = NULL;
  g_autoptr(GPtrArray) conflicts = g_ptr_array_new_with_free_func ((GDestroyNotify) nd_merge_conflict_free);
  gboolean merged;

  if (self->edition == NULL)
    return TRUE;

  base = nd_edition_copy (self->edition);
  sync_edition (self);
  merged = merge_with_stored (self, base, conflicts);
  if (!nd_story_store_save_edition (self->store, self->edition, error))
    return FALSE;
  record_website_conflicts (self, conflicts);

  /* Show what was merged in; the editor's own text is all there. */
  if (merged)
    load_fields (self);
  return TRUE;
}

/* Paste ------------------------------------------------------------------- */

/* The paste lands where it was asked for, even when typing went on while
 * the clipboard was read, as GtkTextView's own paste does. */
static void
insert_pasted_text (NdEditionEditor *self,
                    const char      *text)
{
  GtkTextBuffer *buffer = GTK_TEXT_BUFFER (self->body_buffer);
  GtkTextIter start, end;

  gtk_text_buffer_begin_user_action (buffer);
  if (self->paste_replaces && gtk_text_buffer_get_selection_bounds (buffer, &start, &end))
    {
      gtk_text_buffer_delete_interactive (buffer, &start, &end, TRUE);
      gtk_text_buffer_insert_interactive (buffer, &start, text, -1, TRUE);
      gtk_text_buffer_place_cursor (buffer, &start);
    }
  else
    {
      gtk_text_buffer_get_iter_at_mark (buffer, &start, self->paste_mark);
      gtk_text_buffer_insert_interactive (buffer, &start, text, -1, TRUE);
      gtk_text_buffer_place_cursor (buffer, &start);
    }
  gtk_text_buffer_end_user_action (buffer);

  gtk_text_view_scroll_mark_onscreen (GTK_TEXT_VIEW (self->body_view), gtk_text_buffer_get_insert (buffer));
}

static void
paste_plain (NdEditionEditor *self)
{
  GtkTextView *view = GTK_TEXT_VIEW (self->body_view);

  gtk_text_buffer_paste_clipboard (gtk_text_view_get_buffer (view),
                                   gtk_widget_get_clipboard (GTK_WIDGET (view)),
                                   NULL, gtk_text_view_get_editable (view));
}

/* Browsers on X11 have offered text/html as UTF-16 with a byte-order mark;
 * everything else sends UTF-8. */
static char *
html_from_clipboard_bytes (GBytes *bytes)
{
  gsize size;
  const guchar *data = g_bytes_get_data (bytes, &size);
  const char *charset = NULL;

  if (size >= 2 && data[0] == 0xFF && data[1] == 0xFE)
    charset = "UTF-16LE";
  else if (size >= 2 && data[0] == 0xFE && data[1] == 0xFF)
    charset = "UTF-16BE";

  if (charset != NULL)
    return g_convert ((const char *) data + 2, size - 2, "UTF-8", charset, NULL, NULL, NULL);

  if (size >= 3 && data[0] == 0xEF && data[1] == 0xBB && data[2] == 0xBF)
    {
      data += 3;
      size -= 3;
    }

  return g_utf8_make_valid ((const char *) data, size);
}

static void
on_html_spliced_cb (GObject      *object,
                    GAsyncResult *result,
                    gpointer      user_data)
{
  g_autoptr(NdEditionEditor) self = user_data;
  g_autoptr(GError) error = NULL;
  g_autoptr(GBytes) bytes = NULL;
  g_autofree char *html = NULL;
  g_autofree char *markdown = NULL;

  if (g_output_stream_splice_finish (G_OUTPUT_STREAM (object), result, &error) < 0)
    {
      if (!g_error_matches (error, G_IO_ERROR, G_IO_ERROR_CANCELLED))
        paste_plain (self);
      return;
    }

  bytes = g_memory_output_stream_steal_as_bytes (G_MEMORY_OUTPUT_STREAM (object));
  html = html_from_clipboard_bytes (bytes);
  if (html != NULL)
    markdown = nd_html_to_markdown (html, -1, &error);

  /* HTML that yields no text (an image, a malformed fragment, too much)
   * is not what the editor meant to paste: the text version is. */
  if (markdown != NULL)
    g_strstrip (markdown);
  if (markdown == NULL || *markdown == '\0')
    {
      if (error != NULL)
        g_debug ("Pasting the HTML as text: %s", error->message);
      paste_plain (self);
      return;
    }

  insert_pasted_text (self, markdown);
}

static void
on_html_read_cb (GObject      *object,
                 GAsyncResult *result,
                 gpointer      user_data)
{
  g_autoptr(NdEditionEditor) self = user_data;
  g_autoptr(GError) error = NULL;
  g_autoptr(GInputStream) stream = NULL;
  g_autoptr(GOutputStream) memory = NULL;

  stream = gdk_clipboard_read_finish (GDK_CLIPBOARD (object), result, NULL, &error);
  if (stream == NULL)
    {
      if (!g_error_matches (error, G_IO_ERROR, G_IO_ERROR_CANCELLED))
        paste_plain (self);
      return;
    }

  memory = g_memory_output_stream_new_resizable ();
  g_output_stream_splice_async (memory, stream,
                                G_OUTPUT_STREAM_SPLICE_CLOSE_SOURCE | G_OUTPUT_STREAM_SPLICE_CLOSE_TARGET,
                                G_PRIORITY_DEFAULT, self->paste_cancellable,
                                on_html_spliced_cb, g_object_ref (self));
}

/* Text copied from a browser, LibreOffice, Word or Google Docs comes as
 * HTML too; the body takes it as clean Markdown, keeping emphasis, links,
 * lists, quotes and headings and dropping the rest. Anything else pastes
 * the way GtkTextView does. */
static void
on_body_paste_clipboard_cb (NdEditionEditor *self,
                            GtkTextView     *view)
{
  static const char *html_types[] = { "text/html", NULL };
  GdkClipboard *clipboard = gtk_widget_get_clipboard (GTK_WIDGET (view));

  if (!gtk_text_view_get_editable (view) ||
      !gdk_content_formats_contain_mime_type (gdk_clipboard_get_formats (clipboard), "text/html"))
    return;

  g_signal_stop_emission_by_name (view, "paste-clipboard");

  g_cancellable_cancel (self->paste_cancellable);
  g_clear_object (&self->paste_cancellable);
  self->paste_cancellable = g_cancellable_new ();

  {
    GtkTextBuffer *buffer = GTK_TEXT_BUFFER (self->body_buffer);
    GtkTextIter cursor;

    gtk_text_buffer_get_iter_at_mark (buffer, &cursor, gtk_text_buffer_get_insert (buffer));
    gtk_text_buffer_move_mark (buffer, self->paste_mark, &cursor);
    self->paste_replaces = gtk_text_buffer_get_has_selection (buffer);
  }

  gdk_clipboard_read_async (clipboard, html_types, G_PRIORITY_DEFAULT, self->paste_cancellable,
                            on_html_read_cb, g_object_ref (self));
}

/* Callbacks ---------------------------------------------------------------- */

static void
on_field_changed_cb (NdEditionEditor *self)
{
  if (self->loading || self->edition == NULL)
    return;

  nd_autosave_changed (self->autosave);
}

static void
on_dateline_changed_cb (NdEditionEditor *self)
{
  update_dateline (self);
  on_field_changed_cb (self);
}

static void
on_standfirst_changed_cb (NdEditionEditor *self)
{
  update_standfirst_placeholder (self);
  on_field_changed_cb (self);
}

static void
on_body_changed_cb (NdEditionEditor *self)
{
  if (self->stats_id == 0)
    self->stats_id = g_timeout_add (STATS_DELAY_MS, on_stats_timeout_cb, self);
  on_field_changed_cb (self);
}

static void
on_field_leave_cb (NdEditionEditor *self)
{
  /* A failure is shown from the save state and retried. */
  nd_autosave_flush (self->autosave, NULL);
}

/* The workflow's rules read what is stored: the text on screen goes
 * there first. A failed save shows in the save state, and the rules then
 * judge the last saved text. */
static void
on_status_prepare_cb (NdEditionEditor *self)
{
  nd_autosave_flush (self->autosave, NULL);
}

static void
on_autosave_state_cb (NdEditionEditor *self)
{
  g_object_notify_by_pspec (G_OBJECT (self), properties [PROP_SAVE_STATE]);
}

static void
on_dark_changed_cb (NdEditionEditor *self)
{
  update_style_scheme (self);
}

static void
on_link_entry_activate_cb (NdEditionEditor *self)
{
  gtk_widget_activate_action (GTK_WIDGET (self), "edition.apply-link", NULL);
}

/* What Enter does at the end of a list item, or FALSE when the cursor is
 * not there: @marker is the next item's marker, @empty whether the item has
 * no text (Enter then ends the list, as in any word processor). */
static gboolean
find_list_item (NdEditionEditor  *self,
                char            **marker,
                gboolean         *empty)
{
  GtkTextBuffer *buffer = GTK_TEXT_BUFFER (self->body_buffer);
  GtkTextIter cursor, line_start;
  g_autofree char *before = NULL;
  const char *p;
  int indent = 0;

  if (gtk_text_buffer_get_has_selection (buffer))
    return FALSE;

  gtk_text_buffer_get_iter_at_mark (buffer, &cursor, gtk_text_buffer_get_insert (buffer));
  if (!gtk_text_iter_ends_line (&cursor))
    return FALSE;
  line_start = cursor;
  gtk_text_iter_set_line_offset (&line_start, 0);
  before = gtk_text_buffer_get_text (buffer, &line_start, &cursor, FALSE);

  while (before[indent] == ' ')
    indent++;
  p = before + indent;

  if ((p[0] == '-' || p[0] == '*' || p[0] == '+') && p[1] == ' ')
    {
      *marker = g_strdup_printf ("%.*s%c ", indent, before, p[0]);
      *empty = p[2] == '\0';
      return TRUE;
    }

  if (g_ascii_isdigit (p[0]))
    {
      char *end = NULL;
      guint64 n = g_ascii_strtoull (p, &end, 10);

      if ((*end != '.' && *end != ')') || end[1] != ' ' || end - p > 9)
        return FALSE;
      *marker = g_strdup_printf ("%.*s%" G_GUINT64_FORMAT "%c ", indent, before, n + 1, *end);
      *empty = end[2] == '\0';
      return TRUE;
    }

  return FALSE;
}

static void
continue_list (NdEditionEditor *self,
               const char      *marker,
               gboolean         empty)
{
  GtkTextBuffer *buffer = GTK_TEXT_BUFFER (self->body_buffer);
  GtkTextIter cursor, line_start;

  gtk_text_buffer_get_iter_at_mark (buffer, &cursor, gtk_text_buffer_get_insert (buffer));
  line_start = cursor;
  gtk_text_iter_set_line_offset (&line_start, 0);

  gtk_text_buffer_begin_user_action (buffer);
  if (empty)
    gtk_text_buffer_delete (buffer, &line_start, &cursor);
  else
    {
      gtk_text_buffer_insert (buffer, &cursor, "\n", 1);
      gtk_text_buffer_insert (buffer, &cursor, marker, -1);
    }
  gtk_text_buffer_end_user_action (buffer);

  gtk_text_view_scroll_mark_onscreen (GTK_TEXT_VIEW (self->body_view), gtk_text_buffer_get_insert (buffer));
}

/* Runs before the text view's own key handling (capture phase), so Enter
 * at the end of a list item can start the next one. An input method that
 * is composing gets the key first. */
static gboolean
on_body_key_pressed_cb (NdEditionEditor       *self,
                        guint                  keyval,
                        guint                  keycode,
                        GdkModifierType        state,
                        GtkEventControllerKey *controller)
{
  g_autofree char *marker = NULL;
  gboolean empty = FALSE;

  if ((keyval != GDK_KEY_Return && keyval != GDK_KEY_KP_Enter && keyval != GDK_KEY_ISO_Enter) ||
      (state & gtk_accelerator_get_default_mod_mask ()) != 0 ||
      !find_list_item (self, &marker, &empty))
    return GDK_EVENT_PROPAGATE;

  if (gtk_text_view_im_context_filter_keypress (GTK_TEXT_VIEW (self->body_view),
                                                gtk_event_controller_get_current_event (GTK_EVENT_CONTROLLER (controller))))
    return GDK_EVENT_STOP;

  continue_list (self, marker, empty);
  return GDK_EVENT_STOP;
}

/* Actions ------------------------------------------------------------------ */

static void
toggle_span_action (GtkWidget  *widget,
                    const char *action_name,
                    GVariant   *parameter)
{
  NdEditionEditor *self = ND_EDITION_EDITOR (widget);

  nd_markdown_buffer_toggle_span (GTK_TEXT_BUFFER (self->body_buffer),
                                  g_str_equal (action_name, "edition.bold") ? "**" : "*");
  gtk_widget_grab_focus (GTK_WIDGET (self->body_view));
}

static void
toggle_lines_action (GtkWidget  *widget,
                     const char *action_name,
                     GVariant   *parameter)
{
  NdEditionEditor *self = ND_EDITION_EDITOR (widget);
  NdLineFormat format;

  if (g_str_equal (action_name, "edition.quote"))
    format = ND_LINE_FORMAT_QUOTE;
  else if (g_str_equal (action_name, "edition.subheading"))
    format = ND_LINE_FORMAT_SUBHEADING;
  else if (g_str_equal (action_name, "edition.bulleted-list"))
    format = ND_LINE_FORMAT_BULLETED;
  else
    format = ND_LINE_FORMAT_NUMBERED;

  nd_markdown_buffer_toggle_lines (GTK_TEXT_BUFFER (self->body_buffer), format);
  gtk_widget_grab_focus (GTK_WIDGET (self->body_view));
}

/* The popover points at the selection's end, where the eye is. */
static void
point_popover_at_cursor (NdEditionEditor *self)
{
  GtkTextView *view = GTK_TEXT_VIEW (self->body_view);
  GdkRectangle rect;
  GtkTextIter iter;

  gtk_text_buffer_get_iter_at_mark (GTK_TEXT_BUFFER (self->body_buffer), &iter, self->link_end);
  gtk_text_view_get_iter_location (view, &iter, &rect);
  gtk_text_view_buffer_to_window_coords (view, GTK_TEXT_WINDOW_WIDGET, rect.x, rect.y, &rect.x, &rect.y);
  rect.width = MAX (rect.width, 1);
  gtk_popover_set_pointing_to (self->link_popover, &rect);
}

static void
link_action (GtkWidget  *widget,
             const char *action_name,
             GVariant   *parameter)
{
  NdEditionEditor *self = ND_EDITION_EDITOR (widget);
  GtkTextBuffer *buffer = GTK_TEXT_BUFFER (self->body_buffer);
  GtkTextIter start, end;

  /* The entry takes the focus, so the selection is remembered in marks. */
  gtk_text_buffer_get_selection_bounds (buffer, &start, &end);
  gtk_text_buffer_move_mark (buffer, self->link_start, &start);
  gtk_text_buffer_move_mark (buffer, self->link_end, &end);

  gtk_editable_set_text (GTK_EDITABLE (self->link_entry), "");
  point_popover_at_cursor (self);
  gtk_popover_popup (self->link_popover);
  gtk_widget_grab_focus (GTK_WIDGET (self->link_entry));
}

static void
apply_link_action (GtkWidget  *widget,
                   const char *action_name,
                   GVariant   *parameter)
{
  NdEditionEditor *self = ND_EDITION_EDITOR (widget);
  GtkTextBuffer *buffer = GTK_TEXT_BUFFER (self->body_buffer);
  g_autofree char *url = nd_markdown_normalize_url (gtk_editable_get_text (GTK_EDITABLE (self->link_entry)));
  GtkTextIter start, end;

  gtk_popover_popdown (self->link_popover);
  gtk_widget_grab_focus (GTK_WIDGET (self->body_view));
  if (url == NULL)
    return;

  gtk_text_buffer_get_iter_at_mark (buffer, &start, self->link_start);
  gtk_text_buffer_get_iter_at_mark (buffer, &end, self->link_end);
  gtk_text_buffer_select_range (buffer, &start, &end);
  nd_markdown_buffer_insert_link (buffer, url);
}

static void
paste_plain_action (GtkWidget  *widget,
                    const char *action_name,
                    GVariant   *parameter)
{
  paste_plain (ND_EDITION_EDITOR (widget));
}

static void
add_translation_action (GtkWidget  *widget,
                        const char *action_name,
                        GVariant   *parameter)
{
  NdEditionEditor *self = ND_EDITION_EDITOR (widget);
  g_autoptr(NdEdition) edition = NULL;
  g_autoptr(GError) error = NULL;

  if (self->story_id == 0 || self->edition != NULL)
    return;

  edition = nd_story_store_add_edition (self->store, self->story_id, nd_language_get_code (self->language), &error);
  if (edition == NULL)
    {
      /* Translators: %s is why the store failed */
      g_autofree char *message = g_strdup_printf (_("Could not add the translation: %s"), error->message);

      adw_status_page_set_description (self->missing_page, message);
      return;
    }

  show_edition (self, edition);
  nd_edition_editor_focus_headline (self);
}

/* Overrides ---------------------------------------------------------------- */

static void
nd_edition_editor_constructed (GObject *object)
{
  NdEditionEditor *self = (NdEditionEditor *)object;

  G_OBJECT_CLASS (nd_edition_editor_parent_class)->constructed (object);

  g_assert (ND_IS_STORY_STORE (self->store));
  g_assert (ND_IS_LANGUAGE (self->language));

  apply_language (self);

  self->status_control = ND_STATUS_CONTROL (nd_status_control_new (self->store));
  g_signal_connect_object (self->status_control, "prepare", G_CALLBACK (on_status_prepare_cb),
                           self, G_CONNECT_SWAPPED);
  gtk_box_append (self->status_box, GTK_WIDGET (self->status_control));
  nd_status_control_set_edition (self->status_control, NULL);
}

static void
nd_edition_editor_dispose (GObject *object)
{
  NdEditionEditor *self = (NdEditionEditor *)object;
  GtkWidget *child;

  /* The window saves before it goes; this is the last chance for text
   * typed when something else tears the editor down. */
  if (self->autosave != NULL)
    nd_autosave_flush (self->autosave, NULL);

  g_cancellable_cancel (self->paste_cancellable);
  g_clear_object (&self->paste_cancellable);
  g_clear_handle_id (&self->stats_id, g_source_remove);
  g_clear_object (&self->autosave);

  if (self->link_popover != NULL)
    gtk_widget_unparent (GTK_WIDGET (self->link_popover));
  gtk_widget_dispose_template (GTK_WIDGET (self), ND_TYPE_EDITION_EDITOR);
  self->sync_row = NULL;
  /* The template's unnamed top child is not among the bound ones. */
  while ((child = gtk_widget_get_first_child (GTK_WIDGET (self))) != NULL)
    gtk_widget_unparent (child);

  g_clear_object (&self->edition);
  g_clear_object (&self->language);
  g_clear_object (&self->store);
  g_clear_object (&self->sync_store);

  G_OBJECT_CLASS (nd_edition_editor_parent_class)->dispose (object);
}

static void
nd_edition_editor_get_property (GObject    *object,
                                guint       prop_id,
                                GValue     *value,
                                GParamSpec *pspec)
{
  NdEditionEditor *self = ND_EDITION_EDITOR (object);

  switch (prop_id)
    {
    case PROP_STORE:
      g_value_set_object (value, self->store);
      break;

    case PROP_LANGUAGE:
      g_value_set_object (value, self->language);
      break;

    case PROP_HAS_EDITION:
      g_value_set_boolean (value, self->edition != NULL);
      break;

    case PROP_SAVE_STATE:
      g_value_set_enum (value, nd_edition_editor_get_save_state (self));
      break;

    default:
      G_OBJECT_WARN_INVALID_PROPERTY_ID (object, prop_id, pspec);
    }
}

static void
nd_edition_editor_set_property (GObject      *object,
                                guint         prop_id,
                                const GValue *value,
                                GParamSpec   *pspec)
{
  NdEditionEditor *self = ND_EDITION_EDITOR (object);

  switch (prop_id)
    {
    case PROP_STORE:
      self->store = g_value_dup_object (value);
      break;

    case PROP_LANGUAGE:
      self->language = g_value_dup_object (value);
      break;

    default:
      G_OBJECT_WARN_INVALID_PROPERTY_ID (object, prop_id, pspec);
    }
}

static void
nd_edition_editor_class_init (NdEditionEditorClass *klass)
{
  GObjectClass *object_class = G_OBJECT_CLASS (klass);
  GtkWidgetClass *widget_class = GTK_WIDGET_CLASS (klass);

  object_class->constructed = nd_edition_editor_constructed;
  object_class->dispose = nd_edition_editor_dispose;
  object_class->get_property = nd_edition_editor_get_property;
  object_class->set_property = nd_edition_editor_set_property;

  properties [PROP_STORE] =
    g_param_spec_object ("store", NULL, NULL,
                         ND_TYPE_STORY_STORE,
                         G_PARAM_READWRITE | G_PARAM_CONSTRUCT_ONLY | G_PARAM_STATIC_STRINGS);

  /**
   * NdEditionEditor:language:
   *
   * The language of the edition; it sets the fields' direction.
   */
  properties [PROP_LANGUAGE] =
    g_param_spec_object ("language", NULL, NULL,
                         ND_TYPE_LANGUAGE,
                         G_PARAM_READWRITE | G_PARAM_CONSTRUCT_ONLY | G_PARAM_STATIC_STRINGS);

  /**
   * NdEditionEditor:has-edition:
   *
   * Whether the story has an edition in this language.
   */
  properties [PROP_HAS_EDITION] =
    g_param_spec_boolean ("has-edition", NULL, NULL,
                          FALSE,
                          G_PARAM_READABLE | G_PARAM_EXPLICIT_NOTIFY | G_PARAM_STATIC_STRINGS);

  /**
   * NdEditionEditor:save-state:
   *
   * Whether the text is in the database.
   */
  properties [PROP_SAVE_STATE] =
    g_param_spec_enum ("save-state", NULL, NULL,
                       ND_TYPE_SAVE_STATE, ND_SAVE_STATE_SAVED,
                       G_PARAM_READABLE | G_PARAM_EXPLICIT_NOTIFY | G_PARAM_STATIC_STRINGS);

  g_object_class_install_properties (object_class, N_PROPS, properties);

  gtk_source_init ();
  g_type_ensure (GTK_SOURCE_TYPE_VIEW);
  g_type_ensure (GTK_SOURCE_TYPE_BUFFER);

  gtk_widget_class_set_template_from_resource (widget_class, "/io/github/newsdesk/Newsdesk/nd-edition-editor.ui");
  gtk_widget_class_bind_template_child (widget_class, NdEditionEditor, stack);
  gtk_widget_class_bind_template_child (widget_class, NdEditionEditor, missing_page);
  gtk_widget_class_bind_template_child (widget_class, NdEditionEditor, headline_entry);
  gtk_widget_class_bind_template_child (widget_class, NdEditionEditor, standfirst_view);
  gtk_widget_class_bind_template_child (widget_class, NdEditionEditor, standfirst_placeholder);
  gtk_widget_class_bind_template_child (widget_class, NdEditionEditor, dateline_entry);
  gtk_widget_class_bind_template_child (widget_class, NdEditionEditor, dateline_label);
  gtk_widget_class_bind_template_child (widget_class, NdEditionEditor, status_box);
  gtk_widget_class_bind_template_child (widget_class, NdEditionEditor, body_view);
  gtk_widget_class_bind_template_child (widget_class, NdEditionEditor, body_buffer);
  gtk_widget_class_bind_template_child (widget_class, NdEditionEditor, stats_label);
  gtk_widget_class_bind_template_child (widget_class, NdEditionEditor, sync_box);
  gtk_widget_class_bind_template_child (widget_class, NdEditionEditor, link_popover);
  gtk_widget_class_bind_template_child (widget_class, NdEditionEditor, link_entry);
  gtk_widget_class_bind_template_callback (widget_class, on_link_entry_activate_cb);
  gtk_widget_class_set_layout_manager_type (widget_class, GTK_TYPE_BIN_LAYOUT);

  /* The formatting commands; their shortcuts, on the body, are in
   * body_shortcuts above. */
  gtk_widget_class_install_action (widget_class, "edition.bold", NULL, toggle_span_action);
  gtk_widget_class_install_action (widget_class, "edition.italic", NULL, toggle_span_action);
  gtk_widget_class_install_action (widget_class, "edition.link", NULL, link_action);
  gtk_widget_class_install_action (widget_class, "edition.apply-link", NULL, apply_link_action);
  gtk_widget_class_install_action (widget_class, "edition.subheading", NULL, toggle_lines_action);
  gtk_widget_class_install_action (widget_class, "edition.quote", NULL, toggle_lines_action);
  gtk_widget_class_install_action (widget_class, "edition.bulleted-list", NULL, toggle_lines_action);
  gtk_widget_class_install_action (widget_class, "edition.numbered-list", NULL, toggle_lines_action);
  gtk_widget_class_install_action (widget_class, "edition.paste-plain", NULL, paste_plain_action);
  gtk_widget_class_install_action (widget_class, "edition.add-translation", NULL, add_translation_action);
}

static void
add_body_shortcuts (NdEditionEditor *self)
{
  GtkEventController *controller = gtk_shortcut_controller_new ();

  for (guint i = 0; i < G_N_ELEMENTS (body_shortcuts); i++)
    gtk_shortcut_controller_add_shortcut (GTK_SHORTCUT_CONTROLLER (controller),
                                          gtk_shortcut_new (gtk_shortcut_trigger_parse_string (body_shortcuts[i].trigger),
                                                            gtk_named_action_new (body_shortcuts[i].action)));
  gtk_widget_add_controller (GTK_WIDGET (self->body_view), controller);
}

/* Leaving a field saves it: the editor may be about to switch windows,
 * and the rest of the newsroom reads the database. */
static void
save_on_leave (NdEditionEditor *self,
               GtkWidget       *field)
{
  GtkEventController *controller = gtk_event_controller_focus_new ();

  g_signal_connect_object (controller, "leave", G_CALLBACK (on_field_leave_cb), self, G_CONNECT_SWAPPED);
  gtk_widget_add_controller (field, controller);
}

static void
nd_edition_editor_init (NdEditionEditor *self)
{
  GtkEventController *keys;
  GtkTextIter start;

  _nd_widgets_ensure_style ();
  gtk_widget_init_template (GTK_WIDGET (self));

  self->autosave = nd_autosave_new (save_edition_cb, self);
  g_signal_connect_object (self->autosave, "notify::state", G_CALLBACK (on_autosave_state_cb),
                           self, G_CONNECT_SWAPPED);

  gtk_widget_set_parent (GTK_WIDGET (self->link_popover), GTK_WIDGET (self->body_view));
  gtk_text_buffer_get_start_iter (GTK_TEXT_BUFFER (self->body_buffer), &start);
  self->link_start = gtk_text_buffer_create_mark (GTK_TEXT_BUFFER (self->body_buffer), NULL, &start, TRUE);
  self->link_end = gtk_text_buffer_create_mark (GTK_TEXT_BUFFER (self->body_buffer), NULL, &start, FALSE);
  self->paste_mark = gtk_text_buffer_create_mark (GTK_TEXT_BUFFER (self->body_buffer), NULL, &start, TRUE);

  gtk_source_buffer_set_language (self->body_buffer,
                                  gtk_source_language_manager_get_language (gtk_source_language_manager_get_default (),
                                                                            "markdown"));
  gtk_source_buffer_set_highlight_syntax (self->body_buffer, TRUE);
  update_style_scheme (self);
  g_signal_connect_object (adw_style_manager_get_default (), "notify::dark", G_CALLBACK (on_dark_changed_cb),
                           self, G_CONNECT_SWAPPED);

  /* A headline pasted with its line break stays one line. */
  g_object_set (self->headline_entry, "truncate-multiline", TRUE, NULL);
  g_object_set (self->dateline_entry, "truncate-multiline", TRUE, NULL);

  g_signal_connect_object (self->headline_entry, "changed", G_CALLBACK (on_field_changed_cb),
                           self, G_CONNECT_SWAPPED);
  g_signal_connect_object (self->dateline_entry, "changed", G_CALLBACK (on_dateline_changed_cb),
                           self, G_CONNECT_SWAPPED);
  g_signal_connect_object (standfirst_buffer (self), "changed", G_CALLBACK (on_standfirst_changed_cb),
                           self, G_CONNECT_SWAPPED);
  g_signal_connect_object (self->body_buffer, "changed", G_CALLBACK (on_body_changed_cb),
                           self, G_CONNECT_SWAPPED);
  g_signal_connect_object (self->body_view, "paste-clipboard", G_CALLBACK (on_body_paste_clipboard_cb),
                           self, G_CONNECT_SWAPPED);

  save_on_leave (self, GTK_WIDGET (self->headline_entry));
  save_on_leave (self, GTK_WIDGET (self->standfirst_view));
  save_on_leave (self, GTK_WIDGET (self->dateline_entry));
  save_on_leave (self, GTK_WIDGET (self->body_view));

  add_body_shortcuts (self);
  keys = gtk_event_controller_key_new ();
  gtk_event_controller_set_propagation_phase (keys, GTK_PHASE_CAPTURE);
  g_signal_connect_object (keys, "key-pressed", G_CALLBACK (on_body_key_pressed_cb), self, G_CONNECT_SWAPPED);
  gtk_widget_add_controller (GTK_WIDGET (self->body_view), keys);

  update_standfirst_placeholder (self);
  update_stats (self);
}

/* Public API --------------------------------------------------------------- */

/**
 * nd_edition_editor_new:
 * @store: the store the edition is saved in
 * @language: the language of the edition
 *
 * Returns: (transfer full): a new #NdEditionEditor showing no story
 */
NdEditionEditor *
nd_edition_editor_new (NdStoryStore *store,
                       NdLanguage   *language)
{
  g_return_val_if_fail (ND_IS_STORY_STORE (store), NULL);
  g_return_val_if_fail (ND_IS_LANGUAGE (language), NULL);

  return g_object_new (ND_TYPE_EDITION_EDITOR,
                       "store", store,
                       "language", language,
                       NULL);
}

/**
 * nd_edition_editor_get_language:
 * @self: a #NdEditionEditor
 *
 * Returns: (transfer none): the edition's language
 */
NdLanguage *
nd_edition_editor_get_language (NdEditionEditor *self)
{
  g_return_val_if_fail (ND_IS_EDITION_EDITOR (self), NULL);

  return self->language;
}

/**
 * nd_edition_editor_set_edition:
 * @self: a #NdEditionEditor
 * @story_id: the story, or 0 for none
 * @edition: (nullable): the story's edition in this language, loaded in
 *   full, or %NULL when it has none
 * @unsaved: whether @edition holds text that is not in the database yet
 *   (a save failed before the editor moved away from it)
 *
 * Shows @edition. Whatever was pending is dropped: the caller saves it, or
 * takes it with nd_edition_editor_take_unsaved(), first.
 */
void
nd_edition_editor_set_edition (NdEditionEditor *self,
                               gint64           story_id,
                               NdEdition       *edition,
                               gboolean         unsaved)
{
  g_autoptr(NdEdition) copy = NULL;

  g_return_if_fail (ND_IS_EDITION_EDITOR (self));
  g_return_if_fail (edition == NULL || ND_IS_EDITION (edition));
  g_return_if_fail (edition == NULL ||
                    g_strcmp0 (nd_edition_get_lang (edition), nd_language_get_code (self->language)) == 0);

  g_cancellable_cancel (self->paste_cancellable);
  gtk_popover_popdown (self->link_popover);
  nd_autosave_forget (self->autosave);

  /* The editor's copy is written by its saves alone. */
  if (edition != NULL)
    copy = nd_edition_copy (edition);

  self->story_id = story_id;
  show_edition (self, copy);

  if (unsaved && copy != NULL)
    nd_autosave_changed (self->autosave);
}

/**
 * nd_edition_editor_get_edition:
 * @self: a #NdEditionEditor
 *
 * Returns: (transfer none) (nullable): the edition as last loaded or saved
 */
NdEdition *
nd_edition_editor_get_edition (NdEditionEditor *self)
{
  g_return_val_if_fail (ND_IS_EDITION_EDITOR (self), NULL);

  return self->edition;
}

gboolean
nd_edition_editor_has_edition (NdEditionEditor *self)
{
  g_return_val_if_fail (ND_IS_EDITION_EDITOR (self), FALSE);

  return self->edition != NULL;
}

/**
 * nd_edition_editor_refresh:
 * @self: a #NdEditionEditor
 *
 * Catches up with changes someone else made in the database (a
 * translation added, a revision restored, a sync). Text the editor has not
 * saved yet is never replaced; only the edition's other fields are taken.
 */
void
nd_edition_editor_refresh (NdEditionEditor *self)
{
  g_autoptr(NdEdition) stored = NULL;

  g_return_if_fail (ND_IS_EDITION_EDITOR (self));

  if (self->story_id == 0)
    return;

  stored = nd_story_store_load_edition (self->store, self->story_id, nd_language_get_code (self->language), NULL);
  if (stored == NULL)
    return;

  if (self->edition == NULL)
    {
      show_edition (self, stored);
      return;
    }

  if (!nd_autosave_has_unsaved_changes (self->autosave))
    {
      gboolean same_text = nd_edition_same_text (stored, self->edition);

      g_set_object (&self->edition, stored);
      if (!same_text)
        load_fields (self);
      nd_status_control_set_edition (self->status_control, self->edition);
      if (self->sync_row != NULL)
        nd_edition_sync_row_set_edition (ND_EDITION_SYNC_ROW (self->sync_row), self->edition);
      return;
    }

  /* The editor's text wins; what it does not edit comes from the store. */
  nd_edition_set_slug (self->edition, nd_edition_get_slug (stored));
  nd_edition_set_translator (self->edition, nd_edition_get_translator (stored));
  nd_edition_set_status (self->edition, nd_edition_get_status (stored));
  nd_edition_set_publish_at (self->edition, nd_edition_get_publish_at (stored));
  nd_edition_set_source_revision (self->edition, nd_edition_get_source_revision (stored));
  nd_status_control_update (self->status_control);
  if (self->sync_row != NULL)
    nd_edition_sync_row_update (ND_EDITION_SYNC_ROW (self->sync_row));
}

/**
 * nd_edition_editor_save:
 * @self: a #NdEditionEditor
 * @error: return location for a #GError
 *
 * Writes pending changes now.
 *
 * Returns: %TRUE when nothing is left unsaved
 */
gboolean
nd_edition_editor_save (NdEditionEditor  *self,
                        GError          **error)
{
  g_return_val_if_fail (ND_IS_EDITION_EDITOR (self), FALSE);

  return nd_autosave_flush (self->autosave, error);
}

gboolean
nd_edition_editor_has_unsaved_changes (NdEditionEditor *self)
{
  g_return_val_if_fail (ND_IS_EDITION_EDITOR (self), FALSE);

  return nd_autosave_has_unsaved_changes (self->autosave);
}

/**
 * nd_edition_editor_is_saving:
 * @self: a #NdEditionEditor
 *
 * Returns: whether the editor is writing its text right now
 */
gboolean
nd_edition_editor_is_saving (NdEditionEditor *self)
{
  g_return_val_if_fail (ND_IS_EDITION_EDITOR (self), FALSE);

  return self->autosave != NULL && nd_autosave_is_saving (self->autosave);
}

/**
 * nd_edition_editor_take_unsaved:
 * @self: a #NdEditionEditor
 *
 * Hands over text that could not be saved, so that it outlives the editor
 * moving to another story. The editor then has nothing pending.
 *
 * Returns: (transfer full) (nullable): the edition with the unsaved text,
 *   or %NULL when everything is saved
 */
NdEdition *
nd_edition_editor_take_unsaved (NdEditionEditor *self)
{
  NdEdition *edition;

  g_return_val_if_fail (ND_IS_EDITION_EDITOR (self), NULL);

  if (self->edition == NULL || !nd_autosave_has_unsaved_changes (self->autosave))
    return NULL;

  sync_edition (self);
  edition = nd_edition_copy (self->edition);
  nd_autosave_forget (self->autosave);

  return edition;
}

NdSaveState
nd_edition_editor_get_save_state (NdEditionEditor *self)
{
  g_return_val_if_fail (ND_IS_EDITION_EDITOR (self), ND_SAVE_STATE_SAVED);

  return nd_autosave_get_state (self->autosave);
}

/**
 * nd_edition_editor_get_save_error:
 * @self: a #NdEditionEditor
 *
 * Returns: (nullable): why the last save failed, while it is failing
 */
const GError *
nd_edition_editor_get_save_error (NdEditionEditor *self)
{
  g_return_val_if_fail (ND_IS_EDITION_EDITOR (self), NULL);

  return nd_autosave_get_error (self->autosave);
}

void
nd_edition_editor_focus_headline (NdEditionEditor *self)
{
  g_return_if_fail (ND_IS_EDITION_EDITOR (self));

  if (self->edition != NULL)
    gtk_widget_grab_focus (GTK_WIDGET (self->headline_entry));
}

/**
 * nd_edition_editor_get_status_control:
 * @self: a #NdEditionEditor
 *
 * Returns: (transfer none): the #NdStatusControl of the edition
 */
GtkWidget *
nd_edition_editor_get_status_control (NdEditionEditor *self)
{
  g_return_val_if_fail (ND_IS_EDITION_EDITOR (self), NULL);

  return GTK_WIDGET (self->status_control);
}

/**
 * nd_edition_editor_set_autosave_delays:
 * @self: a #NdEditionEditor
 * @delay_ms: the pause in typing after which the text is saved
 * @retry_ms: the wait before a failed save is tried again
 *
 * For tests, which should not wait as long as people do.
 */
void
nd_edition_editor_set_autosave_delays (NdEditionEditor *self,
                                       guint            delay_ms,
                                       guint            retry_ms)
{
  g_return_if_fail (ND_IS_EDITION_EDITOR (self));

  nd_autosave_set_delays (self->autosave, delay_ms, retry_ms);
}

/**
 * nd_edition_editor_set_sync:
 * @self: a #NdEditionEditor
 * @engine: (nullable): the sync engine
 * @sync_store: (nullable): where the sync state is kept; %NULL hides the
 *   edition's sync state
 *
 * Shows where the edition stands with its website, and follows it.
 */
void
nd_edition_editor_set_sync (NdEditionEditor *self,
                            NdSyncEngine    *engine,
                            NdSyncStore     *sync_store)
{
  g_return_if_fail (ND_IS_EDITION_EDITOR (self));

  if (self->sync_row == NULL)
    {
      if (sync_store == NULL)
        return;
      self->sync_row = nd_edition_sync_row_new (self->store);
      gtk_box_append (self->sync_box, self->sync_row);
    }

  g_set_object (&self->sync_store, sync_store);
  nd_edition_sync_row_set_edition (ND_EDITION_SYNC_ROW (self->sync_row), self->edition);
  nd_edition_sync_row_set_sync (ND_EDITION_SYNC_ROW (self->sync_row), engine, sync_store);
}

/**
 * nd_edition_editor_get_sync_row:
 * @self: a #NdEditionEditor
 *
 * Returns: (transfer none) (nullable): the #NdEditionSyncRow, or %NULL
 *   before nd_edition_editor_set_sync() gave a sync store
 */
GtkWidget *
nd_edition_editor_get_sync_row (NdEditionEditor *self)
{
  g_return_val_if_fail (ND_IS_EDITION_EDITOR (self), NULL);

  return self->sync_row;
}
