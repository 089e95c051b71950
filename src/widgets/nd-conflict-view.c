/* nd-conflict-view.c
 *
 * SPDX-License-Identifier: GPL-3.0-or-later
 */

#define G_LOG_DOMAIN "newsdesk-sync-ui"

#include "config.h"

#include <glib/gi18n.h>
#include <adwaita.h>

#include "nd-conflict-view.h"
#include "nd-diff.h"
#include "nd-sync-fields.h"
#include "nd-widget-util.h"

/**
 * NdConflictView:
 *
 * Where the editor resolves an edition's conflicts: changes made both here
 * and on the site to the same field (or the same body paragraph) that sync
 * would not merge. Each conflict is a card with the field's name, the local
 * version and the site's side by side, each with its changes since the
 * last sync marked (word diffs), and the text as last synced under an
 * expander. "Keep Mine", "Take Theirs" and "Edit…" (a text field filled
 * with the local version, both versions still in view) resolve it through
 * nd_sync_engine_resolve_conflict().
 *
 * The text is laid out in the edition's direction whatever the interface's:
 * Arabic right to left in an English interface. The view follows
 * #NdSyncStore::conflicts-changed for its edition.
 */
struct _NdConflictView
{
  GtkWidget         parent_instance;

  NdSyncEngine     *engine;
  NdStoryStore     *stories;
  NdSyncStore      *sync_store;
  gint64            edition_id;
  char             *lang;
  GtkTextDirection  direction;
  guint             n_conflicts;

  GtkStack         *stack;
  GtkLabel         *summary_label;
  GtkBox           *conflicts_box;
};

G_DEFINE_FINAL_TYPE (NdConflictView, nd_conflict_view, GTK_TYPE_WIDGET)

static void reload (NdConflictView *self);

/* Values in words --------------------------------------------------------------- */

static gboolean
is_text_field (const char *field)
{
  return g_strcmp0 (field, "headline") == 0 ||
         g_strcmp0 (field, "standfirst") == 0 ||
         g_strcmp0 (field, "dateline") == 0 ||
         g_strcmp0 (field, "body") == 0 ||
         g_strcmp0 (field, "slug") == 0;
}

/* Tags are stored as comma-separated tag ids, the section as its id, the
 * date in ISO 8601 UTC and the status as WordPress's: the editor reads
 * names, labels and local times. */
static char *
value_in_words (NdConflictView *self,
                const char     *field,
                const char     *value)
{
  if (value == NULL)
    return NULL;

  if (g_strcmp0 (field, "tags") == 0)
    {
      g_auto(GStrv) ids = g_strsplit (value, ",", -1);
      g_autoptr(GString) names = g_string_new (NULL);

      for (guint i = 0; ids[i] != NULL; i++)
        {
          gint64 id = g_ascii_strtoll (g_strstrip (ids[i]), NULL, 10);
          g_autoptr(NdTag) tag = id > 0 ? nd_story_store_load_tag (self->stories, id, NULL) : NULL;
          const char *label = tag != NULL ? nd_tag_get_label (tag, self->lang) : NULL;

          if (id <= 0)
            continue;
          if (names->len > 0)
            g_string_append (names, ", ");
          if (label != NULL && *label != '\0')
            g_string_append (names, label);
          else
            /* Translators: a tag that has no name in this language; %s is
             * its number */
            g_string_append_printf (names, _("tag %s"), ids[i]);
        }
      return names->len > 0 ? g_string_free (g_steal_pointer (&names), FALSE) : g_strdup (_("No tags"));
    }

  if (g_strcmp0 (field, "section") == 0)
    {
      gint64 id = g_ascii_strtoll (value, NULL, 10);
      NdSection *section = id > 0 ? nd_story_store_get_section (self->stories, id) : NULL;
      const char *name = section != NULL ? nd_section_get_name (section, _nd_interface_lang ()) : NULL;

      if (id <= 0)
        return g_strdup (_("No section"));
      return g_strdup (name != NULL ? name : value);
    }

  if (g_strcmp0 (field, "date") == 0)
    {
      g_autoptr(GTimeZone) utc = g_time_zone_new_utc ();
      g_autoptr(GDateTime) when = *value != '\0' ? g_date_time_new_from_iso8601 (value, utc) : NULL;
      g_autoptr(GDateTime) local = when != NULL ? g_date_time_to_local (when) : NULL;

      if (*value == '\0')
        return g_strdup (_("No publish time"));
      /* Translators: a publish time; see g_date_time_format() */
      return local != NULL ? g_date_time_format (local, C_("conflict date", "%-d %B %Y, %H:%M")) : g_strdup (value);
    }

  if (g_strcmp0 (field, "status") == 0)
    return g_strdup (nd_edition_status_get_label (nd_sync_status_from_wordpress (value, ND_EDITION_STATUS_DRAFT)));

  return g_strdup (value);
}

/* Marks what one side changed since the base, or, without a base, what it
 * has that the other side has not. */
static char *
side_markup (const char *base,
             const char *side,
             const char *other)
{
  g_autoptr(GPtrArray) ops = NULL;
  g_autoptr(GString) markup = NULL;

  if (base != NULL)
    {
      ops = nd_diff_words (base, side);
      return nd_diff_to_markup (ops);
    }

  ops = nd_diff_words (other, side);
  markup = g_string_new (NULL);
  for (guint i = 0; i < ops->len; i++)
    {
      NdDiffOp *op = g_ptr_array_index (ops, i);
      g_autofree char *part = NULL;

      if (op->kind == ND_DIFF_DELETE)
        continue;
      part = nd_diff_text_to_markup (op->kind, op->text);
      g_string_append (markup, part);
    }
  return g_string_free (g_steal_pointer (&markup), FALSE);
}

/* The cards ---------------------------------------------------------------------- */

static void
show_card_error (GtkWidget    *card,
                 const GError *error)
{
  GtkLabel *label = g_object_get_data (G_OBJECT (card), "error-label");

  gtk_label_set_text (label, error->message);
  gtk_widget_set_visible (GTK_WIDGET (label), TRUE);
}

static void
resolve_from_card (NdConflictView   *self,
                   GtkWidget        *button,
                   NdConflictChoice  choice,
                   const char       *edited)
{
  g_autoptr(GError) error = NULL;
  GtkWidget *card = g_object_get_data (G_OBJECT (button), "card");
  gint64 *id = g_object_get_data (G_OBJECT (card), "conflict-id");

  if (!nd_conflict_view_resolve (self, *id, choice, edited, &error))
    show_card_error (card, error);
}

static void
on_keep_mine_clicked_cb (GtkButton      *button,
                         NdConflictView *self)
{
  resolve_from_card (self, GTK_WIDGET (button), ND_CONFLICT_CHOICE_MINE, NULL);
}

static void
on_take_theirs_clicked_cb (GtkButton      *button,
                           NdConflictView *self)
{
  resolve_from_card (self, GTK_WIDGET (button), ND_CONFLICT_CHOICE_THEIRS, NULL);
}

static void
on_edit_clicked_cb (GtkButton      *button,
                    NdConflictView *self)
{
  GtkWidget *card = g_object_get_data (G_OBJECT (button), "card");
  GtkWidget *editor = g_object_get_data (G_OBJECT (card), "editor");
  GtkWidget *text_view = g_object_get_data (G_OBJECT (card), "text-view");

  gtk_widget_set_visible (editor, !gtk_widget_get_visible (editor));
  if (gtk_widget_get_visible (editor))
    gtk_widget_grab_focus (text_view);
}

static void
on_use_edited_clicked_cb (GtkButton      *button,
                          NdConflictView *self)
{
  GtkWidget *card = g_object_get_data (G_OBJECT (button), "card");
  GtkTextView *text_view = g_object_get_data (G_OBJECT (card), "text-view");
  GtkTextBuffer *buffer = gtk_text_view_get_buffer (text_view);
  GtkTextIter start, end;
  g_autofree char *text = NULL;

  gtk_text_buffer_get_bounds (buffer, &start, &end);
  text = gtk_text_buffer_get_text (buffer, &start, &end, FALSE);
  resolve_from_card (self, GTK_WIDGET (button), ND_CONFLICT_CHOICE_EDITED, text);
}

static GtkWidget *
value_column (NdConflictView *self,
              const char     *heading,
              const char     *markup,
              const char     *plain)
{
  GtkWidget *box = gtk_box_new (GTK_ORIENTATION_VERTICAL, 4);
  GtkWidget *title = gtk_label_new (heading);
  GtkWidget *value = gtk_label_new (NULL);
  g_autofree char *accessible = NULL;

  gtk_label_set_xalign (GTK_LABEL (title), 0);
  gtk_widget_add_css_class (title, "caption-heading");
  gtk_widget_add_css_class (title, "dim-label");

  if (markup != NULL)
    gtk_label_set_markup (GTK_LABEL (value), markup);
  else
    gtk_label_set_text (GTK_LABEL (value), plain);
  gtk_label_set_wrap (GTK_LABEL (value), TRUE);
  gtk_label_set_wrap_mode (GTK_LABEL (value), PANGO_WRAP_WORD_CHAR);
  gtk_label_set_selectable (GTK_LABEL (value), FALSE);
  gtk_label_set_xalign (GTK_LABEL (value), 0);
  gtk_widget_set_hexpand (value, TRUE);
  gtk_widget_add_css_class (value, "conflict-value");
  /* A screen reader hears the heading with the text. */
  accessible = g_strdup_printf ("%s: %s", heading, plain);
  gtk_accessible_update_property (GTK_ACCESSIBLE (value), GTK_ACCESSIBLE_PROPERTY_LABEL, accessible, -1);
  /* The text is the edition's language: its direction, not the interface's. */
  if (self->direction != GTK_TEXT_DIR_NONE)
    gtk_widget_set_direction (value, self->direction);

  gtk_box_append (GTK_BOX (box), title);
  gtk_box_append (GTK_BOX (box), value);
  gtk_widget_set_hexpand (box, TRUE);

  return box;
}

static GtkWidget *
card_button (GtkWidget  *card,
             const char *label,
             const char *tooltip,
             GCallback   callback,
             gpointer    user_data)
{
  GtkWidget *button = gtk_button_new_with_mnemonic (label);

  gtk_widget_set_tooltip_text (button, tooltip);
  g_object_set_data (G_OBJECT (button), "card", card);
  g_signal_connect (button, "clicked", callback, user_data);

  return button;
}

static GtkWidget *
make_card (NdConflictView *self,
           NdConflict     *conflict)
{
  GtkWidget *card = gtk_box_new (GTK_ORIENTATION_VERTICAL, 8);
  g_autofree char *title_text = nd_conflict_view_describe_field (conflict->field, conflict->paragraph);
  GtkWidget *title = gtk_label_new (title_text);
  GtkWidget *columns = gtk_box_new (GTK_ORIENTATION_HORIZONTAL, 12);
  GtkWidget *buttons = gtk_box_new (GTK_ORIENTATION_HORIZONTAL, 6);
  GtkWidget *error_label = gtk_label_new (NULL);
  gboolean text = is_text_field (conflict->field);
  g_autofree char *mine = value_in_words (self, conflict->field, conflict->mine);
  g_autofree char *theirs = value_in_words (self, conflict->field, conflict->theirs);
  g_autofree char *base = value_in_words (self, conflict->field, conflict->base);
  g_autofree char *mine_markup = text ? side_markup (conflict->base, conflict->mine, conflict->theirs) : NULL;
  g_autofree char *theirs_markup = text ? side_markup (conflict->base, conflict->theirs, conflict->mine) : NULL;

  gtk_widget_add_css_class (card, "card");
  gtk_widget_add_css_class (card, "conflict");
  g_object_set_data_full (G_OBJECT (card), "conflict-id", g_memdup2 (&conflict->id, sizeof conflict->id), g_free);
  gtk_accessible_update_property (GTK_ACCESSIBLE (card), GTK_ACCESSIBLE_PROPERTY_LABEL, title_text, -1);

  gtk_label_set_xalign (GTK_LABEL (title), 0);
  gtk_widget_add_css_class (title, "heading");
  gtk_widget_set_margin_top (title, 12);
  gtk_widget_set_margin_start (title, 12);
  gtk_widget_set_margin_end (title, 12);
  gtk_box_append (GTK_BOX (card), title);

  gtk_box_set_homogeneous (GTK_BOX (columns), TRUE);
  gtk_widget_set_margin_start (columns, 12);
  gtk_widget_set_margin_end (columns, 12);
  gtk_box_append (GTK_BOX (columns), value_column (self, _("On this computer"), mine_markup, mine));
  gtk_box_append (GTK_BOX (columns), value_column (self, _("On the site"), theirs_markup, theirs));
  gtk_box_append (GTK_BOX (card), columns);

  if (base != NULL)
    {
      GtkWidget *expander = gtk_expander_new (_("As last synced"));
      GtkWidget *base_label = gtk_label_new (base);

      gtk_label_set_wrap (GTK_LABEL (base_label), TRUE);
      gtk_label_set_wrap_mode (GTK_LABEL (base_label), PANGO_WRAP_WORD_CHAR);
      gtk_label_set_selectable (GTK_LABEL (base_label), FALSE);
      gtk_label_set_xalign (GTK_LABEL (base_label), 0);
      gtk_widget_add_css_class (base_label, "dim-label");
      if (self->direction != GTK_TEXT_DIR_NONE)
        gtk_widget_set_direction (base_label, self->direction);
      gtk_expander_set_child (GTK_EXPANDER (expander), base_label);
      gtk_widget_set_margin_start (expander, 12);
      gtk_widget_set_margin_end (expander, 12);
      gtk_box_append (GTK_BOX (card), expander);
    }

  if (text)
    {
      GtkWidget *editor = gtk_box_new (GTK_ORIENTATION_VERTICAL, 6);
      GtkWidget *scroller = gtk_scrolled_window_new ();
      GtkWidget *text_view = gtk_text_view_new ();
      GtkWidget *use = card_button (card, _("_Use This Text"), _("Send this text and close the conflict"),
                                    G_CALLBACK (on_use_edited_clicked_cb), self);

      gtk_text_buffer_set_text (gtk_text_view_get_buffer (GTK_TEXT_VIEW (text_view)), conflict->mine, -1);
      gtk_text_view_set_wrap_mode (GTK_TEXT_VIEW (text_view), GTK_WRAP_WORD_CHAR);
      gtk_text_view_set_top_margin (GTK_TEXT_VIEW (text_view), 6);
      gtk_text_view_set_bottom_margin (GTK_TEXT_VIEW (text_view), 6);
      gtk_text_view_set_left_margin (GTK_TEXT_VIEW (text_view), 6);
      gtk_text_view_set_right_margin (GTK_TEXT_VIEW (text_view), 6);
      gtk_accessible_update_property (GTK_ACCESSIBLE (text_view), GTK_ACCESSIBLE_PROPERTY_LABEL,
                                      _("Text to keep"), -1);
      if (self->direction != GTK_TEXT_DIR_NONE)
        gtk_widget_set_direction (text_view, self->direction);
      gtk_scrolled_window_set_child (GTK_SCROLLED_WINDOW (scroller), text_view);
      gtk_scrolled_window_set_policy (GTK_SCROLLED_WINDOW (scroller), GTK_POLICY_NEVER, GTK_POLICY_AUTOMATIC);
      gtk_scrolled_window_set_min_content_height (GTK_SCROLLED_WINDOW (scroller), 80);
      gtk_scrolled_window_set_max_content_height (GTK_SCROLLED_WINDOW (scroller), 240);
      gtk_scrolled_window_set_propagate_natural_height (GTK_SCROLLED_WINDOW (scroller), TRUE);
      gtk_widget_add_css_class (scroller, "card");
      gtk_widget_set_halign (use, GTK_ALIGN_END);
      gtk_widget_add_css_class (use, "suggested-action");
      gtk_box_append (GTK_BOX (editor), scroller);
      gtk_box_append (GTK_BOX (editor), use);
      gtk_widget_set_margin_start (editor, 12);
      gtk_widget_set_margin_end (editor, 12);
      gtk_widget_set_visible (editor, FALSE);
      g_object_set_data (G_OBJECT (card), "editor", editor);
      g_object_set_data (G_OBJECT (card), "text-view", text_view);
      gtk_box_append (GTK_BOX (card), editor);
    }

  gtk_label_set_wrap (GTK_LABEL (error_label), TRUE);
  gtk_label_set_xalign (GTK_LABEL (error_label), 0);
  gtk_widget_add_css_class (error_label, "error");
  gtk_widget_set_visible (error_label, FALSE);
  gtk_widget_set_margin_start (error_label, 12);
  gtk_widget_set_margin_end (error_label, 12);
  g_object_set_data (G_OBJECT (card), "error-label", error_label);
  gtk_box_append (GTK_BOX (card), error_label);

  gtk_widget_set_halign (buttons, GTK_ALIGN_END);
  gtk_widget_set_margin_bottom (buttons, 12);
  gtk_widget_set_margin_start (buttons, 12);
  gtk_widget_set_margin_end (buttons, 12);
  if (text)
    gtk_box_append (GTK_BOX (buttons),
                    card_button (card, _("_Edit…"), _("Write the text to keep from both versions"),
                                 G_CALLBACK (on_edit_clicked_cb), self));
  gtk_box_append (GTK_BOX (buttons),
                  card_button (card, _("Take _Theirs"), _("Take the site's version and drop yours"),
                               G_CALLBACK (on_take_theirs_clicked_cb), self));
  gtk_box_append (GTK_BOX (buttons),
                  card_button (card, _("Keep _Mine"), _("Keep your version and send it to the site"),
                               G_CALLBACK (on_keep_mine_clicked_cb), self));
  gtk_box_append (GTK_BOX (card), buttons);

  return card;
}

static void
reload (NdConflictView *self)
{
  g_autoptr(GError) error = NULL;
  g_autoptr(GPtrArray) conflicts = NULL;
  g_autofree char *summary = NULL;
  GtkWidget *child;

  while ((child = gtk_widget_get_first_child (GTK_WIDGET (self->conflicts_box))) != NULL)
    gtk_box_remove (self->conflicts_box, child);
  self->n_conflicts = 0;

  if (self->edition_id > 0)
    {
      conflicts = nd_sync_store_list_conflicts (self->sync_store, self->edition_id, &error);
      if (conflicts == NULL)
        g_warning ("Could not list the conflicts of edition %" G_GINT64_FORMAT ": %s",
                   self->edition_id, error->message);
    }

  for (guint i = 0; conflicts != NULL && i < conflicts->len; i++)
    {
      NdConflict *conflict = g_ptr_array_index (conflicts, i);

      if (conflict->resolved_at != 0)
        continue;
      gtk_box_append (self->conflicts_box, make_card (self, conflict));
      self->n_conflicts++;
    }

  summary = g_strdup_printf (ngettext ("%u change was made both here and on the site. Choose what to keep; nothing is sent until you do.",
                                       "%u changes were made both here and on the site. Choose what to keep; nothing is sent until you do.",
                                       self->n_conflicts),
                             self->n_conflicts);
  gtk_label_set_text (self->summary_label, summary);
  gtk_stack_set_visible_child_name (self->stack, self->n_conflicts > 0 ? "conflicts" : "empty");
}

static void
on_conflicts_changed_cb (NdConflictView *self,
                         gint64          edition_id,
                         NdSyncStore    *store)
{
  if (edition_id == self->edition_id || edition_id == 0)
    reload (self);
}

/* Overrides ---------------------------------------------------------------------- */

static void
nd_conflict_view_dispose (GObject *object)
{
  NdConflictView *self = (NdConflictView *)object;

  if (self->sync_store != NULL)
    g_signal_handlers_disconnect_by_data (self->sync_store, self);
  g_clear_object (&self->engine);
  g_clear_object (&self->stories);
  g_clear_object (&self->sync_store);

  gtk_widget_dispose_template (GTK_WIDGET (self), ND_TYPE_CONFLICT_VIEW);

  G_OBJECT_CLASS (nd_conflict_view_parent_class)->dispose (object);
}

static void
nd_conflict_view_finalize (GObject *object)
{
  NdConflictView *self = (NdConflictView *)object;

  g_clear_pointer (&self->lang, g_free);

  G_OBJECT_CLASS (nd_conflict_view_parent_class)->finalize (object);
}

static void
nd_conflict_view_class_init (NdConflictViewClass *klass)
{
  GObjectClass *object_class = G_OBJECT_CLASS (klass);
  GtkWidgetClass *widget_class = GTK_WIDGET_CLASS (klass);

  object_class->dispose = nd_conflict_view_dispose;
  object_class->finalize = nd_conflict_view_finalize;

  gtk_widget_class_set_template_from_resource (widget_class, "/io/github/newsdesk/Newsdesk/nd-conflict-view.ui");
  gtk_widget_class_bind_template_child (widget_class, NdConflictView, stack);
  gtk_widget_class_bind_template_child (widget_class, NdConflictView, summary_label);
  gtk_widget_class_bind_template_child (widget_class, NdConflictView, conflicts_box);

  gtk_widget_class_set_layout_manager_type (widget_class, GTK_TYPE_BIN_LAYOUT);
  gtk_widget_class_set_css_name (widget_class, "conflictview");
}

static void
nd_conflict_view_init (NdConflictView *self)
{
  self->direction = GTK_TEXT_DIR_NONE;

  gtk_widget_init_template (GTK_WIDGET (self));
}

/* Public API --------------------------------------------------------------------- */

/**
 * nd_conflict_view_new:
 * @engine: the sync engine that resolves conflicts
 * @stories: the story store, for languages, tags and sections
 * @sync_store: the sync store the conflicts are kept in
 *
 * Returns: (transfer floating): a new #NdConflictView showing no edition
 */
GtkWidget *
nd_conflict_view_new (NdSyncEngine *engine,
                      NdStoryStore *stories,
                      NdSyncStore  *sync_store)
{
  NdConflictView *self;

  g_return_val_if_fail (ND_IS_SYNC_ENGINE (engine), NULL);
  g_return_val_if_fail (ND_IS_STORY_STORE (stories), NULL);
  g_return_val_if_fail (ND_IS_SYNC_STORE (sync_store), NULL);

  self = g_object_new (ND_TYPE_CONFLICT_VIEW, NULL);
  self->engine = g_object_ref (engine);
  self->stories = g_object_ref (stories);
  self->sync_store = g_object_ref (sync_store);
  g_signal_connect_object (sync_store, "conflicts-changed", G_CALLBACK (on_conflicts_changed_cb), self,
                           G_CONNECT_SWAPPED);
  reload (self);

  return GTK_WIDGET (self);
}

/**
 * nd_conflict_view_set_edition:
 * @self: a #NdConflictView
 * @edition_id: the edition whose open conflicts to show, or 0
 *
 * Shows @edition_id's open conflicts, in its language's direction.
 */
void
nd_conflict_view_set_edition (NdConflictView *self,
                              gint64          edition_id)
{
  g_autoptr(NdEdition) edition = NULL;
  NdLanguage *language = NULL;

  g_return_if_fail (ND_IS_CONFLICT_VIEW (self));

  self->edition_id = edition_id;
  g_clear_pointer (&self->lang, g_free);
  self->direction = GTK_TEXT_DIR_NONE;
  if (edition_id > 0)
    edition = nd_story_store_load_edition_by_id (self->stories, edition_id, NULL);
  if (edition != NULL)
    {
      self->lang = g_strdup (nd_edition_get_lang (edition));
      language = nd_story_store_get_language (self->stories, self->lang);
      self->direction = _nd_language_get_direction (language);
    }

  reload (self);
}

gint64
nd_conflict_view_get_edition (NdConflictView *self)
{
  g_return_val_if_fail (ND_IS_CONFLICT_VIEW (self), 0);

  return self->edition_id;
}

/**
 * nd_conflict_view_get_n_conflicts:
 * @self: a #NdConflictView
 *
 * Returns: how many open conflicts the view shows
 */
guint
nd_conflict_view_get_n_conflicts (NdConflictView *self)
{
  g_return_val_if_fail (ND_IS_CONFLICT_VIEW (self), 0);

  return self->n_conflicts;
}

/**
 * nd_conflict_view_resolve:
 * @self: a #NdConflictView
 * @conflict_id: one of the conflicts shown
 * @choice: what to keep
 * @edited: (nullable): the text to keep, for %ND_CONFLICT_CHOICE_EDITED
 * @error: return location for a #GError
 *
 * Resolves a conflict as its buttons do, through the engine; the view
 * shows what remains.
 *
 * Returns: %TRUE on success
 */
gboolean
nd_conflict_view_resolve (NdConflictView    *self,
                          gint64             conflict_id,
                          NdConflictChoice   choice,
                          const char        *edited,
                          GError           **error)
{
  g_return_val_if_fail (ND_IS_CONFLICT_VIEW (self), FALSE);
  g_return_val_if_fail (choice != ND_CONFLICT_CHOICE_EDITED || edited != NULL, FALSE);

  if (!nd_sync_engine_resolve_conflict (self->engine, conflict_id, choice, edited, error))
    return FALSE;

  /* The store tells of the change too; reading again here keeps the view
   * right whatever order the signals come in. */
  reload (self);
  return TRUE;
}

/**
 * nd_conflict_view_present:
 * @parent: (nullable): the window it belongs to
 * @engine: the sync engine
 * @stories: the story store
 * @sync_store: the sync store
 * @edition_id: the edition whose conflicts to resolve
 *
 * Opens a window with a #NdConflictView of @edition_id, for the editor's
 * "Resolve…" button.
 *
 * Returns: (transfer none): the window
 */
GtkWindow *
nd_conflict_view_present (GtkWindow    *parent,
                          NdSyncEngine *engine,
                          NdStoryStore *stories,
                          NdSyncStore  *sync_store,
                          gint64        edition_id)
{
  GtkWidget *window = adw_window_new ();
  GtkWidget *box = gtk_box_new (GTK_ORIENTATION_VERTICAL, 0);
  GtkWidget *scroller = gtk_scrolled_window_new ();
  GtkWidget *view = nd_conflict_view_new (engine, stories, sync_store);
  g_autoptr(NdEdition) edition = nd_story_store_load_edition_by_id (stories, edition_id, NULL);
  GtkWidget *title = adw_window_title_new (_("Resolve Conflicts"),
                                           edition != NULL ? nd_edition_get_headline (edition) : NULL);
  GtkWidget *header = adw_header_bar_new ();

  nd_conflict_view_set_edition (ND_CONFLICT_VIEW (view), edition_id);
  adw_header_bar_set_title_widget (ADW_HEADER_BAR (header), title);
  gtk_scrolled_window_set_policy (GTK_SCROLLED_WINDOW (scroller), GTK_POLICY_NEVER, GTK_POLICY_AUTOMATIC);
  gtk_scrolled_window_set_child (GTK_SCROLLED_WINDOW (scroller), view);
  gtk_widget_set_vexpand (scroller, TRUE);
  gtk_box_append (GTK_BOX (box), header);
  gtk_box_append (GTK_BOX (box), scroller);
  adw_window_set_content (ADW_WINDOW (window), box);
  gtk_window_set_title (GTK_WINDOW (window), _("Resolve Conflicts"));
  gtk_window_set_default_size (GTK_WINDOW (window), 860, 640);
  gtk_window_set_transient_for (GTK_WINDOW (window), parent);
  gtk_window_set_modal (GTK_WINDOW (window), parent != NULL);
  gtk_window_set_destroy_with_parent (GTK_WINDOW (window), TRUE);
  gtk_window_present (GTK_WINDOW (window));

  return GTK_WINDOW (window);
}

/**
 * nd_conflict_view_describe_field:
 * @field: a field's name, as conflicts store it
 * @paragraph: the body paragraph, or -1
 *
 * Returns: (transfer full): the field's name for the editor
 *   ("Body, paragraph 3")
 */
char *
nd_conflict_view_describe_field (const char *field,
                                 int         paragraph)
{
  g_return_val_if_fail (field != NULL, NULL);

  if (g_str_equal (field, "body"))
    {
      if (paragraph >= 0)
        /* Translators: %d counts paragraphs from 1 */
        return g_strdup_printf (_("Body, paragraph %d"), paragraph + 1);
      return g_strdup (_("Body"));
    }
  if (g_str_equal (field, "headline"))
    return g_strdup (_("Headline"));
  if (g_str_equal (field, "standfirst"))
    return g_strdup (_("Standfirst"));
  if (g_str_equal (field, "dateline"))
    return g_strdup (_("Dateline"));
  if (g_str_equal (field, "slug"))
    return g_strdup (_("Address (slug)"));
  if (g_str_equal (field, "tags"))
    return g_strdup (_("Tags"));
  if (g_str_equal (field, "section"))
    return g_strdup (_("Section"));
  if (g_str_equal (field, "status"))
    return g_strdup (_("Status"));
  if (g_str_equal (field, "date"))
    return g_strdup (_("Publish time"));

  return g_strdup (field);
}
