/* nd-translation-view.c
 *
 * SPDX-License-Identifier: GPL-3.0-or-later
 */

#define G_LOG_DOMAIN "newsdesk-translation-view"

#include "config.h"

#include <glib/gi18n.h>

#include "nd-autosave.h"
#include "nd-diff.h"
#include "nd-paragraphs.h"
#include "nd-translation-view.h"

/**
 * NdTranslationView:
 *
 * A story's source edition and one translation side by side: the headline,
 * the standfirst, then the body block by block, each source block beside its
 * translation. The source is read-only, the translation is edited in place
 * and saved after a pause in typing and when the focus leaves it.
 *
 * When the source moved on after the translation was made, the source blocks
 * that changed since are marked, "Show Changes" shows how, word by word, and
 * "Mark as Up to Date" records that the translation caught up.
 *
 * Each side is written in its own language's direction (Arabic right to
 * left), whatever the direction of the interface.
 */

typedef enum
{
  FIELD_HEADLINE,
  FIELD_STANDFIRST,
  FIELD_BLOCK,
} FieldKind;

/* What a row shows, worked out from the store before any widget exists. */
typedef struct
{
  FieldKind      kind;
  int            number;
  int            target_index;
  NdBlockChange  change;
  char          *source_text;
  char          *old_text;
  char          *target_text;
} RowSpec;

typedef struct
{
  FieldKind      kind;
  int            number;
  int            target_index;
  NdBlockChange  change;
  char          *source_text;
  char          *old_text;
  char          *source_name;

  GtkWidget     *source_box;
  GtkLabel      *source_label;
  GtkWidget     *mark;
  GtkWidget     *target;
} Row;

struct _NdTranslationView
{
  GtkWidget          parent_instance;

  NdStoryStore      *store;
  NdAutosave        *autosave;
  guint              reload_idle_id;

  gint64             story_id;
  char              *target_lang;
  NdEdition         *source;
  NdEdition         *target;
  GPtrArray         *rows;
  GPtrArray         *pending;
  gboolean           stale;
  gboolean           history_known;
  gboolean           dateline_changed;
  gboolean           show_changes;
  gboolean           filling;
  gboolean           writing;
  gboolean           headline_edited;
  gboolean           standfirst_edited;
  gboolean           body_edited;
  char              *action_error;

  GtkStack          *stack;
  AdwStatusPage     *empty_page;
  GtkImage          *status_icon;
  GtkLabel          *status_label;
  GtkRevealer       *error_revealer;
  GtkLabel          *error_label;
  GtkScrolledWindow *scroller;
  GtkGrid           *grid;
};

G_DEFINE_FINAL_TYPE (NdTranslationView, nd_translation_view, GTK_TYPE_WIDGET)

enum {
  PROP_0,
  PROP_STORE,
  PROP_SHOW_CHANGES,
  PROP_STALE,
  N_PROPS
};

static GParamSpec *properties [N_PROPS];

static gboolean reload_idle_cb (gpointer user_data);

/* The first grid rows hold the column titles, the headline, the standfirst
 * and a separator; the body's blocks come after. */
#define FIRST_BLOCK_GRID_ROW 4

static const char *view_css =
  ".translation-view .translation-source {"
  "  padding: 6px 10px;"
  "  border-radius: 8px;"
  "}"
  ".translation-view .translation-source.changed {"
  "  background-color: alpha(@warning_color, 0.12);"
  "}"
  ".translation-view .translation-source.removed {"
  "  background-color: alpha(@error_color, 0.08);"
  "}"
  ".translation-view .stale-mark {"
  "  color: @warning_color;"
  "}"
  ".translation-view .translation-error {"
  "  padding: 6px 12px;"
  "  background-color: alpha(@error_color, 0.15);"
  "}"
  ".translation-view .translation-target text {"
  "  background-color: transparent;"
  "}";

/* Helpers ------------------------------------------------------------------- */

static void
row_spec_clear (RowSpec *spec)
{
  g_clear_pointer (&spec->source_text, g_free);
  g_clear_pointer (&spec->old_text, g_free);
  g_clear_pointer (&spec->target_text, g_free);
}

static void
row_free (Row *row)
{
  g_free (row->source_text);
  g_free (row->old_text);
  g_free (row->source_name);
  g_free (row);
}

static GtkTextDirection
direction_of (NdTranslationView *self,
              const char        *lang)
{
  NdLanguage *language = lang != NULL ? nd_story_store_get_language (self->store, lang) : NULL;

  return language != NULL && nd_language_get_rtl (language) ? GTK_TEXT_DIR_RTL : GTK_TEXT_DIR_LTR;
}

static const char *
language_name (NdTranslationView *self,
               const char        *lang)
{
  NdLanguage *language = lang != NULL ? nd_story_store_get_language (self->store, lang) : NULL;

  if (language == NULL)
    return lang != NULL ? lang : "";
  if (*nd_language_get_native_name (language) != '\0')
    return nd_language_get_native_name (language);
  return nd_language_get_name (language);
}

static char *
row_target_text (Row *row)
{
  if (GTK_IS_EDITABLE (row->target))
    return g_strdup (gtk_editable_get_text (GTK_EDITABLE (row->target)));
  else
    {
      GtkTextBuffer *buffer = gtk_text_view_get_buffer (GTK_TEXT_VIEW (row->target));
      GtkTextIter start, end;

      gtk_text_buffer_get_bounds (buffer, &start, &end);
      return gtk_text_buffer_get_text (buffer, &start, &end, TRUE);
    }
}

static Row *
find_field (NdTranslationView *self,
            FieldKind          kind)
{
  for (guint i = 0; self->rows != NULL && i < self->rows->len; i++)
    {
      Row *row = g_ptr_array_index (self->rows, i);

      if (row->kind == kind)
        return row;
    }

  return NULL;
}

static char *
collect_body (NdTranslationView *self)
{
  g_autoptr(GPtrArray) texts = g_ptr_array_new_with_free_func (g_free);

  for (guint i = 0; i < self->rows->len; i++)
    {
      Row *row = g_ptr_array_index (self->rows, i);

      if (row->kind == FIELD_BLOCK)
        g_ptr_array_add (texts, row_target_text (row));
    }

  return nd_paragraphs_join ((const char * const *) texts->pdata, texts->len);
}

/* The translation as typed, over the stored edition: only the fields edited
 * here are taken from the widgets, so a field changed elsewhere since is not
 * overwritten with what this view last loaded. */
static NdEdition *
edition_from_widgets (NdTranslationView *self)
{
  g_autoptr(NdEdition) edition = NULL;

  edition = nd_story_store_load_edition (self->store, self->story_id, self->target_lang, NULL);
  if (edition == NULL)
    edition = nd_edition_copy (self->target);

  if (self->headline_edited)
    {
      Row *row = find_field (self, FIELD_HEADLINE);
      g_autofree char *text = row_target_text (row);
      nd_edition_set_headline (edition, g_strstrip (text));
    }
  if (self->standfirst_edited)
    {
      Row *row = find_field (self, FIELD_STANDFIRST);
      g_autofree char *text = row_target_text (row);
      nd_edition_set_standfirst (edition, g_strstrip (text));
    }
  if (self->body_edited)
    {
      g_autofree char *body = collect_body (self);
      nd_edition_set_body (edition, body);
    }

  return g_steal_pointer (&edition);
}

static gboolean
has_edits (NdTranslationView *self)
{
  return self->headline_edited || self->standfirst_edited || self->body_edited;
}

/* Saving ---------------------------------------------------------------------- */

static gboolean
save_cb (gpointer   user_data,
         GError   **error)
{
  NdTranslationView *self = user_data;
  g_autoptr(NdEdition) edition = NULL;
  gboolean saved;

  /* Text of stories shown before, that could not be saved then. */
  while (self->pending->len > 0)
    {
      NdEdition *pending = g_ptr_array_index (self->pending, 0);
      gboolean shown = nd_edition_get_story_id (pending) == self->story_id &&
                       g_strcmp0 (nd_edition_get_lang (pending), self->target_lang) == 0;

      self->writing = TRUE;
      saved = nd_story_store_save_edition (self->store, pending, error);
      self->writing = FALSE;
      if (!saved)
        return FALSE;
      g_ptr_array_remove_index (self->pending, 0);

      /* That translation is shown again: show the text just saved. */
      if (shown && self->reload_idle_id == 0)
        self->reload_idle_id = g_idle_add (reload_idle_cb, self);
    }

  if (self->target == NULL || !has_edits (self))
    return TRUE;

  edition = edition_from_widgets (self);
  self->writing = TRUE;
  saved = nd_story_store_save_edition (self->store, edition, error);
  self->writing = FALSE;
  if (!saved)
    return FALSE;

  self->headline_edited = self->standfirst_edited = self->body_edited = FALSE;
  g_set_object (&self->target, edition);
  return TRUE;
}

static void
update_error_bar (NdTranslationView *self)
{
  const GError *error = nd_autosave_get_error (self->autosave);
  g_autofree char *message = NULL;

  if (nd_autosave_get_state (self->autosave) == ND_SAVE_STATE_FAILED && error != NULL)
    /* Translators: %s is why, e.g. "The disk is full" */
    message = g_strdup_printf (_("The translation could not be saved; your text stays here and saving is tried again: %s"),
                               error->message);
  else if (self->action_error != NULL)
    message = g_strdup (self->action_error);

  if (message != NULL)
    gtk_label_set_text (self->error_label, message);
  gtk_revealer_set_reveal_child (self->error_revealer, message != NULL);
}

static void
on_autosave_state_cb (NdTranslationView *self,
                      GParamSpec        *pspec,
                      NdAutosave        *autosave)
{
  update_error_bar (self);
}

/* Display ------------------------------------------------------------------- */

static const char *
field_noun (Row *row)
{
  switch (row->kind)
    {
    case FIELD_HEADLINE:
      return _("No headline");
    case FIELD_STANDFIRST:
      return _("No standfirst");
    case FIELD_BLOCK:
    default:
      return _("No source paragraph");
    }
}

static void
update_source_display (NdTranslationView *self,
                       Row               *row)
{
  gboolean diff = self->show_changes && self->history_known && row->change != ND_BLOCK_UNCHANGED;
  gboolean placeholder = FALSE;
  g_autofree char *markup = NULL;
  const char *description = NULL;

  if (row->change == ND_BLOCK_REMOVED)
    {
      if (diff)
        markup = nd_diff_text_to_markup (ND_DIFF_DELETE, row->old_text);
      else
        placeholder = TRUE;
    }
  else if (row->source_text == NULL || *row->source_text == '\0')
    placeholder = TRUE;
  else if (diff && row->change == ND_BLOCK_NEW)
    markup = nd_diff_text_to_markup (ND_DIFF_INSERT, row->source_text);
  else if (diff)
    {
      g_autoptr(GPtrArray) ops = nd_diff_words (row->old_text, row->source_text);
      markup = nd_diff_to_markup (ops);
    }

  if (markup != NULL)
    gtk_label_set_markup (row->source_label, markup);
  else if (placeholder && row->change == ND_BLOCK_REMOVED)
    gtk_label_set_text (row->source_label, _("Removed from the source since translated"));
  else if (placeholder)
    gtk_label_set_text (row->source_label, field_noun (row));
  else
    gtk_label_set_text (row->source_label, row->source_text);

  /* GtkLabel names itself after its text; the row's name is kept. */
  gtk_accessible_update_property (GTK_ACCESSIBLE (row->source_label),
                                  GTK_ACCESSIBLE_PROPERTY_LABEL, row->source_name,
                                  -1);

  if (placeholder)
    gtk_widget_add_css_class (GTK_WIDGET (row->source_label), "dim-label");
  else
    gtk_widget_remove_css_class (GTK_WIDGET (row->source_label), "dim-label");

  switch (row->change)
    {
    case ND_BLOCK_CHANGED:
      description = _("Changed since translated");
      break;
    case ND_BLOCK_NEW:
      description = _("Added to the source since translated");
      break;
    case ND_BLOCK_REMOVED:
      description = _("Removed from the source since translated");
      break;
    case ND_BLOCK_UNCHANGED:
    default:
      break;
    }

  gtk_widget_set_visible (row->mark, description != NULL);
  if (description != NULL)
    {
      gtk_widget_set_tooltip_text (row->mark, description);
      gtk_accessible_update_property (GTK_ACCESSIBLE (row->mark),
                                      GTK_ACCESSIBLE_PROPERTY_DESCRIPTION, description,
                                      -1);
      /* Read out with the paragraph, not only with the icon before it. */
      gtk_accessible_update_property (GTK_ACCESSIBLE (row->source_label),
                                      GTK_ACCESSIBLE_PROPERTY_DESCRIPTION, description,
                                      -1);
    }
  else
    gtk_accessible_reset_property (GTK_ACCESSIBLE (row->source_label), GTK_ACCESSIBLE_PROPERTY_DESCRIPTION);

  if (row->change != ND_BLOCK_UNCHANGED)
    gtk_widget_add_css_class (row->source_box, "changed");
  else
    gtk_widget_remove_css_class (row->source_box, "changed");
  if (row->change == ND_BLOCK_REMOVED)
    gtk_widget_add_css_class (row->source_box, "removed");
  else
    gtk_widget_remove_css_class (row->source_box, "removed");
}

static guint
count_changes (NdTranslationView *self)
{
  guint n = 0;

  for (guint i = 0; self->rows != NULL && i < self->rows->len; i++)
    if (((Row *) g_ptr_array_index (self->rows, i))->change != ND_BLOCK_UNCHANGED)
      n++;

  return n;
}

static gboolean
can_mark_up_to_date (NdTranslationView *self)
{
  return self->source != NULL && self->target != NULL &&
         nd_edition_get_source_revision (self->target) != nd_edition_get_revision (self->source);
}

static void
update_status (NdTranslationView *self)
{
  g_autofree char *status = NULL;

  if (self->target == NULL)
    status = g_strdup ("");
  else if (!self->stale && nd_edition_get_source_revision (self->target) < 0)
    status = g_strdup (_("Not marked as translated yet"));
  else if (!self->stale)
    status = g_strdup (_("Up to date with the source"));
  else if (!self->history_known)
    status = g_strdup (_("The source changed since it was translated; the version translated from is no longer kept"));
  else
    {
      guint n = count_changes (self);

      if (n == 0 && self->dateline_changed)
        status = g_strdup (_("The source’s dateline changed since it was translated"));
      else if (n == 0)
        status = g_strdup (_("The source changed since it was translated, only in spacing"));
      else
        status = g_strdup_printf (ngettext ("The source changed since it was translated: %u part is marked",
                                            "The source changed since it was translated: %u parts are marked",
                                            n),
                                  n);
    }

  gtk_label_set_text (self->status_label, status);
  gtk_widget_set_visible (GTK_WIDGET (self->status_icon), self->stale);

  gtk_widget_action_set_enabled (GTK_WIDGET (self), "translation.mark-up-to-date", can_mark_up_to_date (self));
  gtk_widget_action_set_enabled (GTK_WIDGET (self), "translation.show-changes", self->stale && self->history_known);
}

/* Building the rows ----------------------------------------------------------- */

static void
on_target_changed_cb (NdTranslationView *self,
                      gpointer           object)
{
  Row *row = g_object_get_data (G_OBJECT (object), "nd-row");

  if (self->filling || row == NULL)
    return;

  switch (row->kind)
    {
    case FIELD_HEADLINE:
      self->headline_edited = TRUE;
      break;
    case FIELD_STANDFIRST:
      self->standfirst_edited = TRUE;
      break;
    case FIELD_BLOCK:
    default:
      self->body_edited = TRUE;
      break;
    }

  nd_autosave_changed (self->autosave);
}

static void
on_target_focus_leave_cb (NdTranslationView        *self,
                          GtkEventControllerFocus  *controller)
{
  /* A failure shows in the error bar; the text stays. */
  nd_autosave_flush (self->autosave, NULL);
}

static GtkWidget *
add_source_cell (NdTranslationView *self,
                 Row               *row,
                 const char        *accessible_label,
                 int                grid_row)
{
  GtkTextDirection dir = direction_of (self, self->source != NULL ? nd_edition_get_lang (self->source) : NULL);
  GtkWidget *box = gtk_box_new (GTK_ORIENTATION_HORIZONTAL, 8);
  GtkWidget *mark = gtk_image_new_from_icon_name ("document-edit-symbolic");
  GtkWidget *label = gtk_label_new (NULL);

  gtk_widget_add_css_class (box, "translation-source");
  gtk_widget_set_direction (box, dir);

  gtk_widget_add_css_class (mark, "stale-mark");
  gtk_widget_set_valign (mark, GTK_ALIGN_START);
  gtk_widget_set_direction (mark, dir);
  gtk_accessible_update_property (GTK_ACCESSIBLE (mark),
                                  GTK_ACCESSIBLE_PROPERTY_LABEL, _("Changed since translated"),
                                  -1);
  gtk_box_append (GTK_BOX (box), mark);

  gtk_label_set_wrap (GTK_LABEL (label), TRUE);
  gtk_label_set_wrap_mode (GTK_LABEL (label), PANGO_WRAP_WORD_CHAR);
  gtk_label_set_xalign (GTK_LABEL (label), 0);
  gtk_label_set_yalign (GTK_LABEL (label), 0);
  gtk_label_set_selectable (GTK_LABEL (label), TRUE);
  /* Tab goes from translation to translation, not through the source. */
  gtk_widget_set_focusable (label, FALSE);
  gtk_widget_set_hexpand (label, TRUE);
  gtk_widget_set_direction (label, dir);
  row->source_name = g_strdup (accessible_label);
  if (row->kind == FIELD_HEADLINE)
    gtk_widget_add_css_class (label, "title-4");
  gtk_box_append (GTK_BOX (box), label);

  row->source_box = box;
  row->source_label = GTK_LABEL (label);
  row->mark = mark;
  gtk_grid_attach (self->grid, box, 0, grid_row, 1, 1);

  return box;
}

static void
add_target_cell (NdTranslationView *self,
                 Row               *row,
                 const char        *text,
                 const char        *accessible_label,
                 int                grid_row)
{
  GtkTextDirection dir = direction_of (self, self->target_lang);
  GtkEventController *focus = gtk_event_controller_focus_new ();
  GtkWidget *cell;

  if (row->kind == FIELD_HEADLINE)
    {
      GtkWidget *entry = gtk_entry_new ();

      gtk_editable_set_text (GTK_EDITABLE (entry), text != NULL ? text : "");
      gtk_widget_set_direction (entry, dir);
      gtk_widget_set_valign (entry, GTK_ALIGN_START);
      gtk_accessible_update_property (GTK_ACCESSIBLE (entry),
                                      GTK_ACCESSIBLE_PROPERTY_LABEL, accessible_label,
                                      -1);
      g_object_set_data (G_OBJECT (entry), "nd-row", row);
      g_signal_connect_object (entry, "changed", G_CALLBACK (on_target_changed_cb), self, G_CONNECT_SWAPPED);
      row->target = entry;
      cell = entry;
    }
  else
    {
      GtkWidget *view = gtk_text_view_new ();
      GtkTextBuffer *buffer = gtk_text_view_get_buffer (GTK_TEXT_VIEW (view));
      GtkWidget *frame = gtk_frame_new (NULL);

      gtk_text_buffer_set_text (buffer, text != NULL ? text : "", -1);
      gtk_text_view_set_wrap_mode (GTK_TEXT_VIEW (view), GTK_WRAP_WORD_CHAR);
      gtk_text_view_set_accepts_tab (GTK_TEXT_VIEW (view), FALSE);
      gtk_text_view_set_left_margin (GTK_TEXT_VIEW (view), 10);
      gtk_text_view_set_right_margin (GTK_TEXT_VIEW (view), 10);
      gtk_text_view_set_top_margin (GTK_TEXT_VIEW (view), 6);
      gtk_text_view_set_bottom_margin (GTK_TEXT_VIEW (view), 6);
      gtk_widget_set_direction (view, dir);
      gtk_widget_add_css_class (view, "translation-target");
      gtk_accessible_update_property (GTK_ACCESSIBLE (view),
                                      GTK_ACCESSIBLE_PROPERTY_LABEL, accessible_label,
                                      -1);
      g_object_set_data (G_OBJECT (buffer), "nd-row", row);
      g_signal_connect_object (buffer, "changed", G_CALLBACK (on_target_changed_cb), self, G_CONNECT_SWAPPED);

      gtk_frame_set_child (GTK_FRAME (frame), view);
      gtk_widget_set_valign (frame, GTK_ALIGN_FILL);
      row->target = view;
      cell = frame;
    }

  g_signal_connect_object (focus, "leave", G_CALLBACK (on_target_focus_leave_cb), self, G_CONNECT_SWAPPED);
  gtk_widget_add_controller (row->target, focus);
  gtk_grid_attach (self->grid, cell, 1, grid_row, 1, 1);
}

static void
add_column_title (NdTranslationView *self,
                  const char        *lang,
                  const char        *caption,
                  int                column)
{
  GtkWidget *box = gtk_box_new (GTK_ORIENTATION_VERTICAL, 0);
  GtkWidget *title = gtk_label_new (language_name (self, lang));
  GtkWidget *subtitle = gtk_label_new (caption);
  GtkTextDirection dir = direction_of (self, lang);

  /* Titles line up with the text of their column. */
  gtk_widget_set_direction (box, dir);
  gtk_widget_set_direction (title, dir);
  gtk_widget_set_direction (subtitle, dir);
  gtk_widget_add_css_class (title, "heading");
  gtk_label_set_xalign (GTK_LABEL (title), 0);
  gtk_widget_add_css_class (subtitle, "caption");
  gtk_widget_add_css_class (subtitle, "dim-label");
  gtk_label_set_xalign (GTK_LABEL (subtitle), 0);
  gtk_box_append (GTK_BOX (box), title);
  gtk_box_append (GTK_BOX (box), subtitle);
  gtk_grid_attach (self->grid, box, column, 0, 1, 1);
}

static void
clear_grid (NdTranslationView *self)
{
  GtkWidget *child;

  while ((child = gtk_widget_get_first_child (GTK_WIDGET (self->grid))) != NULL)
    gtk_grid_remove (self->grid, child);
  g_clear_pointer (&self->rows, g_ptr_array_unref);
}

static void
build_rows (NdTranslationView *self,
            GArray            *specs)
{
  self->filling = TRUE;

  clear_grid (self);
  self->rows = g_ptr_array_new_with_free_func ((GDestroyNotify) row_free);

  add_column_title (self, nd_edition_get_lang (self->source), _("Source"), 0);
  add_column_title (self, self->target_lang, _("Translation"), 1);

  for (guint i = 0; i < specs->len; i++)
    {
      const RowSpec *spec = &g_array_index (specs, RowSpec, i);
      Row *row = g_new0 (Row, 1);
      g_autofree char *source_name = NULL;
      g_autofree char *target_name = NULL;
      int grid_row;

      row->kind = spec->kind;
      row->number = spec->number;
      row->target_index = spec->target_index;
      row->change = spec->change;
      row->source_text = g_strdup (spec->source_text);
      row->old_text = g_strdup (spec->old_text);
      g_ptr_array_add (self->rows, row);

      switch (spec->kind)
        {
        case FIELD_HEADLINE:
          source_name = g_strdup (_("Source headline"));
          target_name = g_strdup (_("Translation headline"));
          grid_row = 1;
          break;
        case FIELD_STANDFIRST:
          source_name = g_strdup (_("Source standfirst"));
          target_name = g_strdup (_("Translation standfirst"));
          grid_row = 2;
          break;
        case FIELD_BLOCK:
        default:
          /* Translators: read out by screen readers; %d counts from 1 */
          source_name = g_strdup_printf (_("Source paragraph %d"), spec->number);
          /* Translators: read out by screen readers; %d counts from 1 */
          target_name = g_strdup_printf (_("Translation paragraph %d"), spec->number);
          grid_row = FIRST_BLOCK_GRID_ROW + spec->number - 1;
          break;
        }

      add_source_cell (self, row, source_name, grid_row);
      add_target_cell (self, row, spec->target_text, target_name, grid_row);
      update_source_display (self, row);
    }

  {
    GtkWidget *separator = gtk_separator_new (GTK_ORIENTATION_HORIZONTAL);
    gtk_widget_set_margin_top (separator, 6);
    gtk_widget_set_margin_bottom (separator, 6);
    gtk_grid_attach (self->grid, separator, 0, FIRST_BLOCK_GRID_ROW - 1, 2, 1);
  }

  self->filling = FALSE;
}

/* Whether the rows can stay and only their source side change: the same
 * rows of the same translation, showing the text that is stored. */
static gboolean
same_layout (NdTranslationView *self,
             GArray            *specs)
{
  if (self->rows == NULL || self->rows->len != specs->len)
    return FALSE;

  for (guint i = 0; i < specs->len; i++)
    {
      const RowSpec *spec = &g_array_index (specs, RowSpec, i);
      Row *row = g_ptr_array_index (self->rows, i);
      g_autofree char *shown = NULL;

      if (row->kind != spec->kind || row->number != spec->number || row->target_index != spec->target_index)
        return FALSE;
      shown = row_target_text (row);
      if (g_strcmp0 (shown, spec->target_text != NULL ? spec->target_text : "") != 0)
        return FALSE;
    }

  return TRUE;
}

static void
update_rows (NdTranslationView *self,
             GArray            *specs)
{
  for (guint i = 0; i < specs->len; i++)
    {
      RowSpec *spec = &g_array_index (specs, RowSpec, i);
      Row *row = g_ptr_array_index (self->rows, i);

      row->change = spec->change;
      g_free (row->source_text);
      row->source_text = g_steal_pointer (&spec->source_text);
      g_free (row->old_text);
      row->old_text = g_steal_pointer (&spec->old_text);
      update_source_display (self, row);
    }
}

/* Which translation field has the focus, and where the cursor is in it. */
typedef struct
{
  FieldKind kind;
  int       target_index;
  int       number;
  int       offset;
} FocusPlace;

static gboolean
save_focus (NdTranslationView *self,
            FocusPlace        *place)
{
  GtkRoot *root = gtk_widget_get_root (GTK_WIDGET (self));
  GtkWidget *focus = root != NULL ? gtk_root_get_focus (root) : NULL;

  for (guint i = 0; focus != NULL && self->rows != NULL && i < self->rows->len; i++)
    {
      Row *row = g_ptr_array_index (self->rows, i);

      if (focus != row->target && !gtk_widget_is_ancestor (focus, row->target))
        continue;

      place->kind = row->kind;
      place->target_index = row->target_index;
      place->number = row->number;
      if (GTK_IS_EDITABLE (row->target))
        place->offset = gtk_editable_get_position (GTK_EDITABLE (row->target));
      else
        {
          GtkTextBuffer *buffer = gtk_text_view_get_buffer (GTK_TEXT_VIEW (row->target));
          GtkTextIter iter;

          gtk_text_buffer_get_iter_at_mark (buffer, &iter, gtk_text_buffer_get_insert (buffer));
          place->offset = gtk_text_iter_get_offset (&iter);
        }
      return TRUE;
    }

  return FALSE;
}

static void
restore_focus (NdTranslationView *self,
               const FocusPlace  *place)
{
  for (guint i = 0; i < self->rows->len; i++)
    {
      Row *row = g_ptr_array_index (self->rows, i);

      if (row->kind != place->kind)
        continue;
      if (row->kind == FIELD_BLOCK &&
          (place->target_index >= 0 ? row->target_index != place->target_index : row->number != place->number))
        continue;

      gtk_widget_grab_focus (row->target);
      if (GTK_IS_EDITABLE (row->target))
        gtk_editable_set_position (GTK_EDITABLE (row->target), place->offset);
      else
        {
          GtkTextBuffer *buffer = gtk_text_view_get_buffer (GTK_TEXT_VIEW (row->target));
          GtkTextIter iter;

          gtk_text_buffer_get_iter_at_offset (buffer, &iter, place->offset);
          gtk_text_buffer_place_cursor (buffer, &iter);
        }
      return;
    }
}

/* Loading ----------------------------------------------------------------------- */

static void
set_stale (NdTranslationView *self,
           gboolean           stale)
{
  if (self->stale == stale)
    return;

  self->stale = stale;
  g_object_notify_by_pspec (G_OBJECT (self), properties [PROP_STALE]);
}

static void
show_empty (NdTranslationView *self,
            const char        *description)
{
  self->filling = TRUE;
  clear_grid (self);
  self->filling = FALSE;
  g_clear_object (&self->source);
  g_clear_object (&self->target);
  self->headline_edited = self->standfirst_edited = self->body_edited = FALSE;
  set_stale (self, FALSE);
  self->history_known = FALSE;

  adw_status_page_set_description (self->empty_page,
                                   description != NULL
                                   ? description
                                   : _("Ask for a translation of this story to translate it here, beside its source."));
  gtk_stack_set_visible_child_name (self->stack, "empty");
  update_status (self);
}

static void
add_field_spec (GArray     *specs,
                FieldKind   kind,
                const char *source_text,
                const char *old_text,
                gboolean    compare,
                const char *target_text)
{
  RowSpec spec = { kind, 0, -1, ND_BLOCK_UNCHANGED, NULL, NULL, NULL };

  spec.source_text = g_strdup (source_text);
  spec.target_text = g_strdup (target_text);
  if (compare)
    {
      g_autofree char *a = g_strstrip (g_strdup (old_text != NULL ? old_text : ""));
      g_autofree char *b = g_strstrip (g_strdup (source_text != NULL ? source_text : ""));

      spec.old_text = g_strdup (old_text);
      if (!g_str_equal (a, b))
        spec.change = *a == '\0' ? ND_BLOCK_NEW : *b == '\0' ? ND_BLOCK_REMOVED : ND_BLOCK_CHANGED;
    }
  g_array_append_val (specs, spec);
}

/* Works out the rows from the stored source, the stored translation and the
 * source as it was when translated. */
static GArray *
compute_specs (NdTranslationView *self,
               NdRevision        *translated_from)
{
  GArray *specs = g_array_new (FALSE, TRUE, sizeof (RowSpec));
  g_autoptr(GPtrArray) source_blocks = nd_paragraphs_split (nd_edition_get_body (self->source));
  g_autoptr(GPtrArray) target_blocks = nd_paragraphs_split (nd_edition_get_body (self->target));
  g_autoptr(GPtrArray) old_blocks = NULL;
  g_autoptr(GArray) layout = NULL;
  gboolean compare = self->stale && self->history_known;
  const char *old_headline = NULL;
  const char *old_standfirst = NULL;

  g_array_set_clear_func (specs, (GDestroyNotify) row_spec_clear);

  if (compare)
    {
      /* A translation made from the empty first revision has no history row. */
      old_blocks = nd_paragraphs_split (translated_from != NULL ? nd_revision_get_body (translated_from) : "");
      old_headline = translated_from != NULL ? nd_revision_get_headline (translated_from) : "";
      old_standfirst = translated_from != NULL ? nd_revision_get_standfirst (translated_from) : "";
    }

  add_field_spec (specs, FIELD_HEADLINE, nd_edition_get_headline (self->source), old_headline, compare,
                  nd_edition_get_headline (self->target));
  add_field_spec (specs, FIELD_STANDFIRST, nd_edition_get_standfirst (self->source), old_standfirst, compare,
                  nd_edition_get_standfirst (self->target));

  layout = nd_diff_translation_rows (old_blocks, source_blocks, target_blocks);
  for (guint i = 0; i < layout->len; i++)
    {
      const NdTranslationRow *row = &g_array_index (layout, NdTranslationRow, i);
      RowSpec spec = { FIELD_BLOCK, i + 1, row->target, row->change, NULL, NULL, NULL };

      if (row->source >= 0)
        spec.source_text = g_strdup (((NdBlock *) g_ptr_array_index (source_blocks, row->source))->text);
      if (row->old_source >= 0)
        spec.old_text = g_strdup (((NdBlock *) g_ptr_array_index (old_blocks, row->old_source))->text);
      if (row->target >= 0)
        spec.target_text = g_strdup (((NdBlock *) g_ptr_array_index (target_blocks, row->target))->text);

      /* Stale, but what it was translated from is gone: every source
       * block may have changed. */
      if (self->stale && !self->history_known && row->source >= 0)
        spec.change = ND_BLOCK_CHANGED;

      g_array_append_val (specs, spec);
    }

  return specs;
}

/* Reads the story again and shows it. With @keep_typed, text typed here is
 * saved first, and nothing is replaced when that fails. */
static void
reload (NdTranslationView *self,
        gboolean           keep_typed)
{
  g_autoptr(GError) error = NULL;
  g_autoptr(NdStory) story = NULL;
  g_autoptr(NdRevision) translated_from = NULL;
  g_autoptr(GArray) specs = NULL;
  NdEdition *source;
  NdEdition *target;
  FocusPlace place = { 0 };
  gboolean had_focus;
  double scroll;

  g_clear_handle_id (&self->reload_idle_id, g_source_remove);

  if (keep_typed && has_edits (self) && !nd_autosave_flush (self->autosave, NULL))
    return;

  if (self->story_id == 0 || self->target_lang == NULL)
    {
      show_empty (self, NULL);
      return;
    }

  story = nd_story_store_load_story (self->store, self->story_id, &error);
  if (story == NULL)
    {
      show_empty (self, error->message);
      return;
    }

  source = nd_story_get_source_edition (story);
  target = nd_story_get_edition (story, self->target_lang);
  if (source == NULL || target == NULL || source == target)
    {
      show_empty (self, NULL);
      return;
    }

  g_set_object (&self->source, source);
  g_set_object (&self->target, target);
  set_stale (self, nd_edition_is_stale (target, source));
  self->history_known = FALSE;
  self->dateline_changed = FALSE;

  if (self->stale)
    {
      gint64 from = nd_edition_get_source_revision (target);

      if (from <= 0)
        self->history_known = TRUE;
      else
        {
          g_autoptr(GError) revision_error = NULL;

          translated_from = nd_story_store_load_revision (self->store, nd_edition_get_id (source), from,
                                                          &revision_error);
          self->history_known = translated_from != NULL;
          if (translated_from != NULL)
            self->dateline_changed = g_strcmp0 (nd_revision_get_dateline_city (translated_from),
                                                nd_edition_get_dateline_city (source)) != 0;
          else
            g_debug ("Revision %" G_GINT64_FORMAT " of the source is not kept: %s", from, revision_error->message);
        }
    }

  if (!self->history_known && self->show_changes)
    {
      self->show_changes = FALSE;
      g_object_notify_by_pspec (G_OBJECT (self), properties [PROP_SHOW_CHANGES]);
    }

  specs = compute_specs (self, translated_from);

  if (same_layout (self, specs))
    update_rows (self, specs);
  else
    {
      GtkAdjustment *vadjustment = gtk_scrolled_window_get_vadjustment (self->scroller);

      had_focus = save_focus (self, &place);
      scroll = gtk_adjustment_get_value (vadjustment);
      build_rows (self, specs);
      self->headline_edited = self->standfirst_edited = self->body_edited = FALSE;
      if (had_focus)
        restore_focus (self, &place);
      gtk_adjustment_set_value (vadjustment, scroll);
    }

  gtk_stack_set_visible_child_name (self->stack, "translation");
  update_status (self);
}

static gboolean
reload_idle_cb (gpointer user_data)
{
  NdTranslationView *self = user_data;

  self->reload_idle_id = 0;
  reload (self, TRUE);

  return G_SOURCE_REMOVE;
}

static void
on_story_changed_cb (NdTranslationView *self,
                     gint64             story_id,
                     NdStoryStore      *store)
{
  /* The view's own writes are already shown. */
  if (self->writing || story_id != self->story_id)
    return;

  /* Saves come in bursts (the source's editor saves after every pause):
   * read the story once they are over. */
  if (self->reload_idle_id == 0)
    self->reload_idle_id = g_idle_add (reload_idle_cb, self);
}

/* Actions ----------------------------------------------------------------------- */

static void
mark_up_to_date_action (GtkWidget  *widget,
                        const char *action_name,
                        GVariant   *parameter)
{
  NdTranslationView *self = ND_TRANSLATION_VIEW (widget);
  g_autoptr(GError) error = NULL;

  g_clear_pointer (&self->action_error, g_free);
  if (!nd_translation_view_mark_up_to_date (self, &error))
    {
      /* Translators: %s is why, e.g. "The disk is full" */
      self->action_error = g_strdup_printf (_("The translation could not be marked as up to date: %s"),
                                            error->message);
    }
  update_error_bar (self);
}

static void
save_action (GtkWidget  *widget,
             const char *action_name,
             GVariant   *parameter)
{
  NdTranslationView *self = ND_TRANSLATION_VIEW (widget);

  g_clear_pointer (&self->action_error, g_free);
  nd_autosave_flush (self->autosave, NULL);
  update_error_bar (self);
}

/* GObject and GtkWidget --------------------------------------------------------- */

static void
ensure_css (void)
{
  static gboolean loaded = FALSE;
  GdkDisplay *display = gdk_display_get_default ();
  g_autoptr(GtkCssProvider) provider = NULL;

  if (loaded || display == NULL)
    return;

  provider = gtk_css_provider_new ();
  gtk_css_provider_load_from_data (provider, view_css, -1);
  gtk_style_context_add_provider_for_display (display, GTK_STYLE_PROVIDER (provider),
                                              GTK_STYLE_PROVIDER_PRIORITY_APPLICATION);
  loaded = TRUE;
}

static void
nd_translation_view_unmap (GtkWidget *widget)
{
  NdTranslationView *self = ND_TRANSLATION_VIEW (widget);

  /* Leaving the tab or closing the window saves, like leaving a field. */
  nd_autosave_flush (self->autosave, NULL);

  GTK_WIDGET_CLASS (nd_translation_view_parent_class)->unmap (widget);
}

static void
nd_translation_view_dispose (GObject *object)
{
  NdTranslationView *self = ND_TRANSLATION_VIEW (object);

  if (self->autosave != NULL)
    {
      g_autoptr(GError) error = NULL;

      if (!nd_autosave_flush (self->autosave, &error))
        g_warning ("The translation of story %" G_GINT64_FORMAT " could not be saved: %s",
                   self->story_id, error->message);
    }

  g_clear_handle_id (&self->reload_idle_id, g_source_remove);
  if (self->store != NULL)
    g_signal_handlers_disconnect_by_data (self->store, self);

  self->filling = TRUE;
  g_clear_pointer (&self->rows, g_ptr_array_unref);
  gtk_widget_dispose_template (GTK_WIDGET (self), ND_TYPE_TRANSLATION_VIEW);

  g_clear_object (&self->autosave);
  g_clear_object (&self->source);
  g_clear_object (&self->target);
  g_clear_object (&self->store);

  G_OBJECT_CLASS (nd_translation_view_parent_class)->dispose (object);
}

static void
nd_translation_view_finalize (GObject *object)
{
  NdTranslationView *self = ND_TRANSLATION_VIEW (object);

  g_clear_pointer (&self->pending, g_ptr_array_unref);
  g_free (self->target_lang);
  g_free (self->action_error);

  G_OBJECT_CLASS (nd_translation_view_parent_class)->finalize (object);
}

static void
nd_translation_view_constructed (GObject *object)
{
  NdTranslationView *self = ND_TRANSLATION_VIEW (object);

  G_OBJECT_CLASS (nd_translation_view_parent_class)->constructed (object);

  g_assert (ND_IS_STORY_STORE (self->store));
  g_signal_connect_object (self->store, "story-changed", G_CALLBACK (on_story_changed_cb), self,
                           G_CONNECT_SWAPPED);
  update_status (self);
}

static void
nd_translation_view_get_property (GObject    *object,
                                  guint       prop_id,
                                  GValue     *value,
                                  GParamSpec *pspec)
{
  NdTranslationView *self = ND_TRANSLATION_VIEW (object);

  switch (prop_id)
    {
    case PROP_STORE:
      g_value_set_object (value, self->store);
      break;

    case PROP_SHOW_CHANGES:
      g_value_set_boolean (value, self->show_changes);
      break;

    case PROP_STALE:
      g_value_set_boolean (value, self->stale);
      break;

    default:
      G_OBJECT_WARN_INVALID_PROPERTY_ID (object, prop_id, pspec);
    }
}

static void
nd_translation_view_set_property (GObject      *object,
                                  guint         prop_id,
                                  const GValue *value,
                                  GParamSpec   *pspec)
{
  NdTranslationView *self = ND_TRANSLATION_VIEW (object);

  switch (prop_id)
    {
    case PROP_STORE:
      self->store = g_value_dup_object (value);
      break;

    case PROP_SHOW_CHANGES:
      nd_translation_view_set_show_changes (self, g_value_get_boolean (value));
      break;

    default:
      G_OBJECT_WARN_INVALID_PROPERTY_ID (object, prop_id, pspec);
    }
}

static void
nd_translation_view_class_init (NdTranslationViewClass *klass)
{
  GObjectClass *object_class = G_OBJECT_CLASS (klass);
  GtkWidgetClass *widget_class = GTK_WIDGET_CLASS (klass);

  object_class->constructed = nd_translation_view_constructed;
  object_class->dispose = nd_translation_view_dispose;
  object_class->finalize = nd_translation_view_finalize;
  object_class->get_property = nd_translation_view_get_property;
  object_class->set_property = nd_translation_view_set_property;

  widget_class->unmap = nd_translation_view_unmap;

  /**
   * NdTranslationView:store:
   *
   * Where the story is read from and the translation written to.
   */
  properties [PROP_STORE] =
    g_param_spec_object ("store", NULL, NULL,
                         ND_TYPE_STORY_STORE,
                         G_PARAM_READWRITE | G_PARAM_CONSTRUCT_ONLY | G_PARAM_STATIC_STRINGS);

  /**
   * NdTranslationView:show-changes:
   *
   * Whether the source blocks that changed since the translation was made
   * show how, word by word.
   */
  properties [PROP_SHOW_CHANGES] =
    g_param_spec_boolean ("show-changes", NULL, NULL,
                          FALSE,
                          G_PARAM_READWRITE | G_PARAM_EXPLICIT_NOTIFY | G_PARAM_STATIC_STRINGS);

  /**
   * NdTranslationView:stale:
   *
   * Whether the source moved on since the translation was made.
   */
  properties [PROP_STALE] =
    g_param_spec_boolean ("stale", NULL, NULL,
                          FALSE,
                          G_PARAM_READABLE | G_PARAM_EXPLICIT_NOTIFY | G_PARAM_STATIC_STRINGS);

  g_object_class_install_properties (object_class, N_PROPS, properties);

  gtk_widget_class_set_template_from_resource (widget_class, "/io/github/newsdesk/Newsdesk/nd-translation-view.ui");
  gtk_widget_class_bind_template_child (widget_class, NdTranslationView, stack);
  gtk_widget_class_bind_template_child (widget_class, NdTranslationView, empty_page);
  gtk_widget_class_bind_template_child (widget_class, NdTranslationView, status_icon);
  gtk_widget_class_bind_template_child (widget_class, NdTranslationView, status_label);
  gtk_widget_class_bind_template_child (widget_class, NdTranslationView, error_revealer);
  gtk_widget_class_bind_template_child (widget_class, NdTranslationView, error_label);
  gtk_widget_class_bind_template_child (widget_class, NdTranslationView, scroller);
  gtk_widget_class_bind_template_child (widget_class, NdTranslationView, grid);

  gtk_widget_class_install_property_action (widget_class, "translation.show-changes", "show-changes");
  gtk_widget_class_install_action (widget_class, "translation.mark-up-to-date", NULL, mark_up_to_date_action);
  gtk_widget_class_install_action (widget_class, "translation.save", NULL, save_action);
  gtk_widget_class_add_binding_action (widget_class, GDK_KEY_s, GDK_CONTROL_MASK, "translation.save", NULL);

  gtk_widget_class_set_layout_manager_type (widget_class, GTK_TYPE_BIN_LAYOUT);
  gtk_widget_class_set_css_name (widget_class, "translationview");
}

static void
nd_translation_view_init (NdTranslationView *self)
{
  gtk_widget_init_template (GTK_WIDGET (self));
  gtk_widget_add_css_class (GTK_WIDGET (self), "translation-view");
  ensure_css ();

  self->pending = g_ptr_array_new_with_free_func (g_object_unref);
  self->autosave = nd_autosave_new (save_cb, self);
  g_signal_connect_object (self->autosave, "notify::state", G_CALLBACK (on_autosave_state_cb), self,
                           G_CONNECT_SWAPPED);
  g_signal_connect_object (self->autosave, "notify::error", G_CALLBACK (on_autosave_state_cb), self,
                           G_CONNECT_SWAPPED);
}

/* Public API -------------------------------------------------------------------- */

/**
 * nd_translation_view_new:
 * @store: the story store
 *
 * Returns: (transfer floating): a new #NdTranslationView showing nothing
 */
NdTranslationView *
nd_translation_view_new (NdStoryStore *store)
{
  g_return_val_if_fail (ND_IS_STORY_STORE (store), NULL);

  return g_object_new (ND_TYPE_TRANSLATION_VIEW, "store", store, NULL);
}

NdStoryStore *
nd_translation_view_get_store (NdTranslationView *self)
{
  g_return_val_if_fail (ND_IS_TRANSLATION_VIEW (self), NULL);

  return self->store;
}

/**
 * nd_translation_view_set_edition:
 * @self: a #NdTranslationView
 * @story_id: a story, or 0 for none
 * @target_lang: (nullable): the language of the translation to show
 *
 * Shows the translation of a story into @target_lang beside the story's
 * source edition. The text typed for the story shown before is saved
 * first; when that fails it is kept and saving is tried again.
 */
void
nd_translation_view_set_edition (NdTranslationView *self,
                                 gint64             story_id,
                                 const char        *target_lang)
{
  g_return_if_fail (ND_IS_TRANSLATION_VIEW (self));

  /* The same translation again: read it anew, but never over typed text. */
  if (story_id == self->story_id && g_strcmp0 (target_lang, self->target_lang) == 0)
    {
      reload (self, TRUE);
      return;
    }

  if (has_edits (self) && !nd_autosave_flush (self->autosave, NULL))
    {
      /* Keep the text for the retries; the autosave still counts it. */
      g_ptr_array_add (self->pending, edition_from_widgets (self));
      self->headline_edited = self->standfirst_edited = self->body_edited = FALSE;
    }

    {
      self->story_id = story_id;
      g_free (self->target_lang);
      self->target_lang = g_strdup (target_lang);
      g_clear_pointer (&self->action_error, g_free);
      if (self->show_changes)
        {
          self->show_changes = FALSE;
          g_object_notify_by_pspec (G_OBJECT (self), properties [PROP_SHOW_CHANGES]);
        }
      /* A different translation: nothing of the old rows stays. */
      self->filling = TRUE;
      clear_grid (self);
      self->filling = FALSE;
    }

  reload (self, FALSE);
  update_error_bar (self);
}

gint64
nd_translation_view_get_story_id (NdTranslationView *self)
{
  g_return_val_if_fail (ND_IS_TRANSLATION_VIEW (self), 0);

  return self->story_id;
}

const char *
nd_translation_view_get_target_lang (NdTranslationView *self)
{
  g_return_val_if_fail (ND_IS_TRANSLATION_VIEW (self), NULL);

  return self->target_lang;
}

gboolean
nd_translation_view_get_stale (NdTranslationView *self)
{
  g_return_val_if_fail (ND_IS_TRANSLATION_VIEW (self), FALSE);

  return self->stale;
}

gboolean
nd_translation_view_get_show_changes (NdTranslationView *self)
{
  g_return_val_if_fail (ND_IS_TRANSLATION_VIEW (self), FALSE);

  return self->show_changes;
}

/**
 * nd_translation_view_set_show_changes:
 * @self: a #NdTranslationView
 * @show_changes: whether to show the changes of the source
 *
 * Shows, in each source block that changed since the translation was made,
 * the words removed (struck through) and added (underlined). Only a stale
 * translation whose source version is still kept has changes to show.
 */
void
nd_translation_view_set_show_changes (NdTranslationView *self,
                                      gboolean           show_changes)
{
  g_return_if_fail (ND_IS_TRANSLATION_VIEW (self));

  show_changes = !!show_changes;
  if (self->show_changes == show_changes)
    return;

  self->show_changes = show_changes;
  for (guint i = 0; self->rows != NULL && i < self->rows->len; i++)
    update_source_display (self, g_ptr_array_index (self->rows, i));
  g_object_notify_by_pspec (G_OBJECT (self), properties [PROP_SHOW_CHANGES]);
}

/**
 * nd_translation_view_mark_up_to_date:
 * @self: a #NdTranslationView
 * @error: return location for a #GError
 *
 * Saves what was typed, then records that the translation follows the
 * source's current revision; the marks of changed blocks go away.
 *
 * Returns: whether it worked
 */
gboolean
nd_translation_view_mark_up_to_date (NdTranslationView  *self,
                                     GError            **error)
{
  gboolean marked;

  g_return_val_if_fail (ND_IS_TRANSLATION_VIEW (self), FALSE);

  if (self->target == NULL)
    return TRUE;
  if (!nd_autosave_flush (self->autosave, error))
    return FALSE;

  self->writing = TRUE;
  marked = nd_story_store_mark_translated (self->store, self->target, error);
  self->writing = FALSE;
  if (!marked)
    return FALSE;

  nd_translation_view_set_show_changes (self, FALSE);
  reload (self, TRUE);
  return TRUE;
}

/**
 * nd_translation_view_save:
 * @self: a #NdTranslationView
 * @error: return location for a #GError
 *
 * Saves now what waits for a pause in typing.
 *
 * Returns: %TRUE when nothing typed is left unsaved
 */
gboolean
nd_translation_view_save (NdTranslationView  *self,
                          GError            **error)
{
  g_return_val_if_fail (ND_IS_TRANSLATION_VIEW (self), FALSE);

  return nd_autosave_flush (self->autosave, error);
}

gboolean
nd_translation_view_has_unsaved_changes (NdTranslationView *self)
{
  g_return_val_if_fail (ND_IS_TRANSLATION_VIEW (self), FALSE);

  return self->pending->len > 0 || nd_autosave_has_unsaved_changes (self->autosave);
}

/**
 * nd_translation_view_set_autosave_delays:
 * @self: a #NdTranslationView
 * @delay_ms: the pause in typing after which the translation is saved
 * @retry_ms: the wait before a failed save is tried again
 *
 * Tests shorten the waits; the defaults suit people.
 */
void
nd_translation_view_set_autosave_delays (NdTranslationView *self,
                                         guint              delay_ms,
                                         guint              retry_ms)
{
  g_return_if_fail (ND_IS_TRANSLATION_VIEW (self));

  nd_autosave_set_delays (self->autosave, delay_ms, retry_ms);
}
