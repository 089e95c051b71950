/* nd-tag-entry.c
 *
 * SPDX-License-Identifier: GPL-3.0-or-later
 */

#define G_LOG_DOMAIN "newsdesk-tag-entry"

#include "config.h"

#include <glib/gi18n.h>

#include "nd-tag-entry.h"
#include "nd-text-fold.h"
#include "nd-widget-util.h"

#define SPACING 4
#define MAX_SUGGESTIONS 8

/**
 * NdTagEntry:
 *
 * The tags of a story, as chips followed by a field to add more. A tag is a
 * concept with a label per language; the chips show the labels of the
 * language being edited (or another when it has none), and completion finds
 * a tag by its label in any language, so "афг", "afg" and "افغ" all offer
 * Afghanistan. What no tag matches can be made a new tag, labelled in the
 * language being edited.
 *
 * The entry edits the array given to nd_tag_entry_set_tags() in place and
 * emits #NdTagEntry::changed; new tags have id 0 until their owner saves
 * them.
 */
struct _NdTagEntry
{
  GtkWidget     parent_instance;

  NdStoryStore *store;
  char         *lang;
  GPtrArray    *tags;

  GtkText      *text;
  GtkPopover   *popover;
  GtkListBox   *list;
};

G_DEFINE_FINAL_TYPE (NdTagEntry, nd_tag_entry, GTK_TYPE_WIDGET)

enum {
  CHANGED,
  N_SIGNALS
};

static guint signals [N_SIGNALS];

/* Layout: chips flow in lines like words; the text field takes the rest of
 * the last line, or a line of its own when too little is left. ----------- */

static gboolean
is_laid_out (GtkWidget *child)
{
  return gtk_widget_should_layout (child) && !GTK_IS_POPOVER (child);
}

static void
place_line (GPtrArray *line,
            GArray    *widths,
            int        y,
            int        height,
            int        width,
            gboolean   rtl)
{
  int x = 0;

  for (guint i = 0; i < line->len; i++)
    {
      int w = g_array_index (widths, int, i);
      GtkAllocation allocation = { rtl ? width - x - w : x, y, w, height };

      gtk_widget_size_allocate (g_ptr_array_index (line, i), &allocation, -1);
      x += w + SPACING;
    }

  g_ptr_array_set_size (line, 0);
  g_array_set_size (widths, 0);
}

static int
flow (GtkWidget *widget,
      int        width,
      gboolean   allocate)
{
  g_autoptr(GPtrArray) line = g_ptr_array_new ();
  g_autoptr(GArray) widths = g_array_new (FALSE, FALSE, sizeof (int));
  gboolean rtl = gtk_widget_get_direction (widget) == GTK_TEXT_DIR_RTL;
  int x = 0, y = 0, line_height = 0;

  for (GtkWidget *child = gtk_widget_get_first_child (widget);
       child != NULL;
       child = gtk_widget_get_next_sibling (child))
    {
      int min_width, nat_width, height, w;

      if (!is_laid_out (child))
        continue;

      gtk_widget_measure (child, GTK_ORIENTATION_HORIZONTAL, -1, &min_width, &nat_width, NULL, NULL);
      w = GTK_IS_TEXT (child) ? min_width : nat_width;
      w = MIN (w, width);

      if (line->len > 0 && x + w > width)
        {
          if (allocate)
            place_line (line, widths, y, line_height, width, rtl);
          g_ptr_array_set_size (line, 0);
          g_array_set_size (widths, 0);
          y += line_height + SPACING;
          x = 0;
          line_height = 0;
        }

      if (GTK_IS_TEXT (child))
        w = MAX (w, width - x);

      gtk_widget_measure (child, GTK_ORIENTATION_VERTICAL, w, NULL, &height, NULL, NULL);
      line_height = MAX (line_height, height);
      g_ptr_array_add (line, child);
      g_array_append_val (widths, w);
      x += w + SPACING;
    }

  if (line->len > 0)
    {
      if (allocate)
        place_line (line, widths, y, line_height, width, rtl);
      y += line_height;
    }

  return y;
}

static GtkSizeRequestMode
wrap_request_mode (GtkWidget *widget)
{
  return GTK_SIZE_REQUEST_HEIGHT_FOR_WIDTH;
}

static void
wrap_measure (GtkWidget      *widget,
              GtkOrientation  orientation,
              int             for_size,
              int            *minimum,
              int            *natural,
              int            *minimum_baseline,
              int            *natural_baseline)
{
  int min_width = 0, nat_width = 0;

  for (GtkWidget *child = gtk_widget_get_first_child (widget);
       child != NULL;
       child = gtk_widget_get_next_sibling (child))
    {
      int child_min, child_nat;

      if (!is_laid_out (child))
        continue;
      gtk_widget_measure (child, GTK_ORIENTATION_HORIZONTAL, -1, &child_min, &child_nat, NULL, NULL);
      min_width = MAX (min_width, child_min);
      nat_width += (nat_width > 0 ? SPACING : 0) + child_nat;
    }

  if (orientation == GTK_ORIENTATION_HORIZONTAL)
    {
      *minimum = min_width;
      *natural = nat_width;
    }
  else
    *minimum = *natural = flow (widget, for_size < 0 ? nat_width : MAX (for_size, min_width), FALSE);
}

static void
wrap_allocate (GtkWidget *widget,
               int        width,
               int        height,
               int        baseline)
{
  NdTagEntry *self = ND_TAG_ENTRY (widget);

  flow (widget, width, TRUE);
  gtk_popover_present (self->popover);
}

/* Helpers ------------------------------------------------------------------ */

static const char *
tag_label (NdTagEntry *self,
           NdTag      *tag)
{
  const char *label = nd_tag_get_label (tag, self->lang);

  return label != NULL ? label : "";
}

static gboolean
has_tag (NdTagEntry *self,
         NdTag      *tag)
{
  for (guint i = 0; self->tags != NULL && i < self->tags->len; i++)
    {
      NdTag *other = g_ptr_array_index (self->tags, i);

      if (other == tag || (nd_tag_get_id (tag) != 0 && nd_tag_get_id (other) == nd_tag_get_id (tag)))
        return TRUE;
    }

  return FALSE;
}

/* Whether some label of @tag, in any language, is @folded once folded. */
static gboolean
tag_has_label (NdTag      *tag,
               const char *folded)
{
  NdLocalizedText *labels = nd_tag_get_labels (tag);
  g_auto(GStrv) langs = nd_localized_text_get_langs (labels);

  for (guint i = 0; langs[i] != NULL; i++)
    {
      g_autofree char *label = nd_text_fold (nd_localized_text_get (labels, langs[i]), -1);

      if (g_str_equal (g_strstrip (label), folded))
        return TRUE;
    }

  return FALSE;
}

static char *
typed_label (NdTagEntry *self)
{
  return g_strstrip (g_strdup (gtk_editable_get_text (GTK_EDITABLE (self->text))));
}

static void on_remove_clicked_cb (GtkButton  *button,
                                  NdTagEntry *self);

static GtkWidget *
create_chip (NdTagEntry *self,
             NdTag      *tag)
{
  const char *text = tag_label (self, tag);
  /* Translators: the button that takes a tag off the story */
  g_autofree char *remove = g_strdup_printf (_("Remove Tag “%s”"), text);
  GtkWidget *chip = gtk_box_new (GTK_ORIENTATION_HORIZONTAL, 0);
  GtkWidget *label = gtk_label_new (text);
  GtkWidget *button = gtk_button_new_from_icon_name ("window-close-symbolic");

  gtk_widget_add_css_class (chip, "nd-tag-chip");
  gtk_label_set_ellipsize (GTK_LABEL (label), PANGO_ELLIPSIZE_END);
  gtk_label_set_max_width_chars (GTK_LABEL (label), 28);
  gtk_widget_set_tooltip_text (label, text);

  gtk_widget_add_css_class (button, "flat");
  gtk_widget_add_css_class (button, "circular");
  gtk_widget_set_focus_on_click (button, FALSE);
  gtk_widget_set_valign (button, GTK_ALIGN_CENTER);
  gtk_widget_set_tooltip_text (button, remove);
  gtk_accessible_update_property (GTK_ACCESSIBLE (button), GTK_ACCESSIBLE_PROPERTY_LABEL, remove, -1);
  g_object_set_data_full (G_OBJECT (button), "tag", g_object_ref (tag), g_object_unref);
  g_signal_connect_object (button, "clicked", G_CALLBACK (on_remove_clicked_cb), self, 0);

  gtk_box_append (GTK_BOX (chip), label);
  gtk_box_append (GTK_BOX (chip), button);
  return chip;
}

static void
rebuild_chips (NdTagEntry *self)
{
  GtkWidget *child = gtk_widget_get_first_child (GTK_WIDGET (self));

  while (child != NULL)
    {
      GtkWidget *next = gtk_widget_get_next_sibling (child);

      if (child != GTK_WIDGET (self->text) && child != GTK_WIDGET (self->popover))
        gtk_widget_unparent (child);
      child = next;
    }

  for (guint i = 0; self->tags != NULL && i < self->tags->len; i++)
    gtk_widget_insert_before (create_chip (self, g_ptr_array_index (self->tags, i)),
                              GTK_WIDGET (self), GTK_WIDGET (self->text));
}

static void
add_tag (NdTagEntry *self,
         NdTag      *tag)
{
  g_assert (self->tags != NULL);

  g_ptr_array_add (self->tags, g_object_ref (tag));
  gtk_widget_insert_before (create_chip (self, tag), GTK_WIDGET (self), GTK_WIDGET (self->text));
  g_signal_emit (self, signals [CHANGED], 0);
}

static void
remove_tag (NdTagEntry *self,
            NdTag      *tag)
{
  if (self->tags == NULL || !g_ptr_array_remove (self->tags, tag))
    return;

  rebuild_chips (self);
  g_signal_emit (self, signals [CHANGED], 0);
}

/* Suggestions ---------------------------------------------------------------- */

/* The labels in the other languages, so that the editor sees which concept
 * a match is: "Afghanistan" typed as "афг" shows "Афганистан · أفغانستان". */
static char *
other_labels (NdTagEntry *self,
              NdTag      *tag)
{
  NdLocalizedText *labels = nd_tag_get_labels (tag);
  GListModel *languages = nd_story_store_get_languages (self->store);
  const char *shown = tag_label (self, tag);
  g_autoptr(GString) out = g_string_new (NULL);

  for (guint i = 0; i < g_list_model_get_n_items (languages); i++)
    {
      g_autoptr(NdLanguage) language = g_list_model_get_item (languages, i);
      const char *label = nd_localized_text_get (labels, nd_language_get_code (language));

      if (label == NULL || *label == '\0' || g_str_equal (label, shown))
        continue;
      if (out->len > 0)
        g_string_append (out, " · ");
      g_string_append (out, label);
    }

  return g_string_free (g_steal_pointer (&out), FALSE);
}

static GtkWidget *
create_row (const char *icon_name,
            const char *title,
            const char *subtitle)
{
  GtkWidget *row = gtk_list_box_row_new ();
  GtkWidget *box = gtk_box_new (GTK_ORIENTATION_HORIZONTAL, 8);
  GtkWidget *labels = gtk_box_new (GTK_ORIENTATION_VERTICAL, 0);
  GtkWidget *label = gtk_label_new (title);

  gtk_label_set_xalign (GTK_LABEL (label), 0);
  gtk_label_set_ellipsize (GTK_LABEL (label), PANGO_ELLIPSIZE_END);
  gtk_box_append (GTK_BOX (labels), label);
  if (subtitle != NULL && *subtitle != '\0')
    {
      GtkWidget *sub = gtk_label_new (subtitle);

      gtk_label_set_xalign (GTK_LABEL (sub), 0);
      gtk_label_set_ellipsize (GTK_LABEL (sub), PANGO_ELLIPSIZE_END);
      gtk_widget_add_css_class (sub, "caption");
      gtk_widget_add_css_class (sub, "dim-label");
      gtk_box_append (GTK_BOX (labels), sub);
    }

  gtk_widget_set_valign (labels, GTK_ALIGN_CENTER);
  if (icon_name != NULL)
    gtk_box_append (GTK_BOX (box), gtk_image_new_from_icon_name (icon_name));
  gtk_box_append (GTK_BOX (box), labels);
  gtk_list_box_row_set_child (GTK_LIST_BOX_ROW (row), box);
  gtk_widget_set_focusable (row, FALSE);

  return row;
}

static void
clear_rows (NdTagEntry *self)
{
  GtkWidget *row;

  while ((row = gtk_widget_get_first_child (GTK_WIDGET (self->list))) != NULL)
    gtk_list_box_remove (self->list, row);
}

static void
show_popover (NdTagEntry *self)
{
  graphene_rect_t bounds;

  /* A popover needs a window to pop up in. */
  if (gtk_widget_get_root (GTK_WIDGET (self)) == NULL)
    return;

  if (gtk_widget_compute_bounds (GTK_WIDGET (self->text), GTK_WIDGET (self), &bounds))
    {
      GdkRectangle rect = { bounds.origin.x, bounds.origin.y, MAX (bounds.size.width, 1), bounds.size.height };

      gtk_popover_set_pointing_to (self->popover, &rect);
    }
  gtk_popover_popup (self->popover);
}

static void
update_suggestions (NdTagEntry *self)
{
  g_autofree char *typed = typed_label (self);
  g_autofree char *folded = NULL;
  g_autoptr(GPtrArray) tags = NULL;
  g_autoptr(GError) error = NULL;
  gboolean exact = FALSE;
  GtkListBoxRow *first;

  clear_rows (self);
  if (*typed == '\0' || self->store == NULL || self->tags == NULL)
    {
      gtk_popover_popdown (self->popover);
      return;
    }

  folded = g_strstrip (nd_text_fold (typed, -1));
  tags = nd_story_store_complete_tags (self->store, typed, MAX_SUGGESTIONS, &error);
  if (tags == NULL)
    g_warning ("Could not complete tags: %s", error->message);

  for (guint i = 0; tags != NULL && i < tags->len; i++)
    {
      NdTag *tag = g_ptr_array_index (tags, i);
      g_autofree char *others = NULL;
      GtkWidget *row;

      if (tag_has_label (tag, folded))
        exact = TRUE;
      if (has_tag (self, tag))
        continue;

      others = other_labels (self, tag);
      row = create_row (NULL, tag_label (self, tag), others);
      g_object_set_data_full (G_OBJECT (row), "tag", g_object_ref (tag), g_object_unref);
      gtk_list_box_append (self->list, row);
    }

  /* New tags on the story are not in the store yet. */
  for (guint i = 0; i < self->tags->len; i++)
    if (tag_has_label (g_ptr_array_index (self->tags, i), folded))
      exact = TRUE;

  if (!exact)
    {
      /* Translators: the suggestion that makes a new tag from what was typed */
      g_autofree char *title = g_strdup_printf (_("Create tag “%s”"), typed);

      gtk_list_box_append (self->list, create_row ("list-add-symbolic", title, NULL));
    }

  first = gtk_list_box_get_row_at_index (self->list, 0);
  if (first == NULL)
    {
      gtk_popover_popdown (self->popover);
      return;
    }

  gtk_list_box_select_row (self->list, first);
  show_popover (self);
}

static void
choose_row (NdTagEntry    *self,
            GtkListBoxRow *row)
{
  NdTag *tag = g_object_get_data (G_OBJECT (row), "tag");
  g_autoptr(NdTag) created = NULL;

  if (tag == NULL)
    {
      g_autofree char *typed = typed_label (self);

      if (*typed == '\0')
        return;
      created = nd_tag_new ();
      nd_localized_text_set (nd_tag_get_labels (created), self->lang, typed);
      tag = created;
    }

  gtk_popover_popdown (self->popover);
  gtk_editable_set_text (GTK_EDITABLE (self->text), "");
  add_tag (self, tag);
}

static void
move_selection (NdTagEntry *self,
                int         delta)
{
  GtkListBoxRow *selected = gtk_list_box_get_selected_row (self->list);
  int index = selected != NULL ? gtk_list_box_row_get_index (selected) + delta : 0;
  GtkListBoxRow *row = gtk_list_box_get_row_at_index (self->list, MAX (index, 0));

  if (row != NULL)
    gtk_list_box_select_row (self->list, row);
}

/* Callbacks ---------------------------------------------------------------- */

static void
on_remove_clicked_cb (GtkButton  *button,
                      NdTagEntry *self)
{
  remove_tag (self, g_object_get_data (G_OBJECT (button), "tag"));
  gtk_widget_grab_focus (GTK_WIDGET (self->text));
}

static void
on_row_activated_cb (NdTagEntry    *self,
                     GtkListBoxRow *row)
{
  choose_row (self, row);
  gtk_widget_grab_focus (GTK_WIDGET (self->text));
}

static void
on_text_changed_cb (NdTagEntry *self)
{
  update_suggestions (self);
}

static gboolean
on_key_pressed_cb (NdTagEntry            *self,
                   guint                  keyval,
                   guint                  keycode,
                   GdkModifierType        state,
                   GtkEventControllerKey *controller)
{
  gboolean open = gtk_widget_get_visible (GTK_WIDGET (self->popover));

  switch (keyval)
    {
    case GDK_KEY_Down:
    case GDK_KEY_KP_Down:
      if (!open)
        return GDK_EVENT_PROPAGATE;
      move_selection (self, 1);
      return GDK_EVENT_STOP;

    case GDK_KEY_Up:
    case GDK_KEY_KP_Up:
      if (!open)
        return GDK_EVENT_PROPAGATE;
      move_selection (self, -1);
      return GDK_EVENT_STOP;

    case GDK_KEY_Return:
    case GDK_KEY_KP_Enter:
    case GDK_KEY_ISO_Enter:
      if (!open || gtk_list_box_get_selected_row (self->list) == NULL)
        return GDK_EVENT_PROPAGATE;
      choose_row (self, gtk_list_box_get_selected_row (self->list));
      return GDK_EVENT_STOP;

    case GDK_KEY_Escape:
      if (!open)
        return GDK_EVENT_PROPAGATE;
      gtk_popover_popdown (self->popover);
      return GDK_EVENT_STOP;

    case GDK_KEY_BackSpace:
      /* Backspace in the empty field takes the last tag back, as in a
       * mail client's address field. */
      if (*gtk_editable_get_text (GTK_EDITABLE (self->text)) != '\0' ||
          self->tags == NULL || self->tags->len == 0)
        return GDK_EVENT_PROPAGATE;
      remove_tag (self, g_ptr_array_index (self->tags, self->tags->len - 1));
      return GDK_EVENT_STOP;

    default:
      return GDK_EVENT_PROPAGATE;
    }
}

static void
on_focus_leave_cb (NdTagEntry *self)
{
  gtk_popover_popdown (self->popover);
}

static void
on_click_pressed_cb (NdTagEntry *self)
{
  gtk_widget_grab_focus (GTK_WIDGET (self->text));
}

/* Overrides ---------------------------------------------------------------- */

static gboolean
nd_tag_entry_grab_focus (GtkWidget *widget)
{
  return gtk_widget_grab_focus (GTK_WIDGET (ND_TAG_ENTRY (widget)->text));
}

static void
nd_tag_entry_dispose (GObject *object)
{
  NdTagEntry *self = (NdTagEntry *)object;
  GtkWidget *child;

  gtk_widget_dispose_template (GTK_WIDGET (self), ND_TYPE_TAG_ENTRY);
  while ((child = gtk_widget_get_first_child (GTK_WIDGET (self))) != NULL)
    gtk_widget_unparent (child);

  g_clear_pointer (&self->tags, g_ptr_array_unref);
  g_clear_object (&self->store);

  G_OBJECT_CLASS (nd_tag_entry_parent_class)->dispose (object);
}

static void
nd_tag_entry_finalize (GObject *object)
{
  NdTagEntry *self = (NdTagEntry *)object;

  g_free (self->lang);

  G_OBJECT_CLASS (nd_tag_entry_parent_class)->finalize (object);
}

static void
nd_tag_entry_class_init (NdTagEntryClass *klass)
{
  GObjectClass *object_class = G_OBJECT_CLASS (klass);
  GtkWidgetClass *widget_class = GTK_WIDGET_CLASS (klass);

  object_class->dispose = nd_tag_entry_dispose;
  object_class->finalize = nd_tag_entry_finalize;
  widget_class->grab_focus = nd_tag_entry_grab_focus;

  /**
   * NdTagEntry::changed:
   * @self: the entry
   *
   * A tag was added to or taken from the array.
   */
  signals [CHANGED] =
    g_signal_new ("changed", G_TYPE_FROM_CLASS (klass), G_SIGNAL_RUN_LAST,
                  0, NULL, NULL, NULL, G_TYPE_NONE, 0);

  gtk_widget_class_set_template_from_resource (widget_class, "/io/github/newsdesk/Newsdesk/nd-tag-entry.ui");
  gtk_widget_class_bind_template_child (widget_class, NdTagEntry, text);
  gtk_widget_class_bind_template_child (widget_class, NdTagEntry, popover);
  gtk_widget_class_bind_template_child (widget_class, NdTagEntry, list);
  gtk_widget_class_bind_template_callback (widget_class, on_row_activated_cb);

  /* It looks like an entry holding chips. */
  gtk_widget_class_set_css_name (widget_class, "entry");
  gtk_widget_class_set_accessible_role (widget_class, GTK_ACCESSIBLE_ROLE_GROUP);
}

static void
nd_tag_entry_init (NdTagEntry *self)
{
  GtkEventController *controller;
  GtkGesture *click;

  _nd_widgets_ensure_style ();
  gtk_widget_init_template (GTK_WIDGET (self));
  gtk_widget_add_css_class (GTK_WIDGET (self), "nd-tag-entry");
  gtk_widget_set_layout_manager (GTK_WIDGET (self),
                                 gtk_custom_layout_new (wrap_request_mode, wrap_measure, wrap_allocate));
  self->lang = g_strdup ("en");

  g_signal_connect_object (self->text, "changed", G_CALLBACK (on_text_changed_cb), self, G_CONNECT_SWAPPED);

  controller = gtk_event_controller_key_new ();
  gtk_event_controller_set_propagation_phase (controller, GTK_PHASE_CAPTURE);
  g_signal_connect_object (controller, "key-pressed", G_CALLBACK (on_key_pressed_cb), self, G_CONNECT_SWAPPED);
  gtk_widget_add_controller (GTK_WIDGET (self->text), controller);

  controller = gtk_event_controller_focus_new ();
  g_signal_connect_object (controller, "leave", G_CALLBACK (on_focus_leave_cb), self, G_CONNECT_SWAPPED);
  gtk_widget_add_controller (GTK_WIDGET (self), controller);

  click = gtk_gesture_click_new ();
  g_signal_connect_object (click, "pressed", G_CALLBACK (on_click_pressed_cb), self, G_CONNECT_SWAPPED);
  gtk_widget_add_controller (GTK_WIDGET (self), GTK_EVENT_CONTROLLER (click));
}

/* Public API --------------------------------------------------------------- */

NdTagEntry *
nd_tag_entry_new (void)
{
  return g_object_new (ND_TYPE_TAG_ENTRY, NULL);
}

/**
 * nd_tag_entry_set_store:
 * @self: a #NdTagEntry
 * @store: the store that completes tags
 */
void
nd_tag_entry_set_store (NdTagEntry   *self,
                        NdStoryStore *store)
{
  g_return_if_fail (ND_IS_TAG_ENTRY (self));
  g_return_if_fail (store == NULL || ND_IS_STORY_STORE (store));

  g_set_object (&self->store, store);
}

/**
 * nd_tag_entry_set_lang:
 * @self: a #NdTagEntry
 * @lang: the language code of the edition being edited
 *
 * Shows the chips in @lang, and labels new tags in it.
 */
void
nd_tag_entry_set_lang (NdTagEntry *self,
                       const char *lang)
{
  g_return_if_fail (ND_IS_TAG_ENTRY (self));
  g_return_if_fail (lang != NULL);

  if (g_strcmp0 (self->lang, lang) == 0)
    return;

  g_free (self->lang);
  self->lang = g_strdup (lang);
  rebuild_chips (self);
}

const char *
nd_tag_entry_get_lang (NdTagEntry *self)
{
  g_return_val_if_fail (ND_IS_TAG_ENTRY (self), NULL);

  return self->lang;
}

/**
 * nd_tag_entry_set_tags:
 * @self: a #NdTagEntry
 * @tags: (nullable) (element-type NdTag): the story's tags, which the entry
 *   edits in place
 */
void
nd_tag_entry_set_tags (NdTagEntry *self,
                       GPtrArray  *tags)
{
  g_return_if_fail (ND_IS_TAG_ENTRY (self));

  if (tags != NULL)
    g_ptr_array_ref (tags);
  g_clear_pointer (&self->tags, g_ptr_array_unref);
  self->tags = tags;

  gtk_editable_set_text (GTK_EDITABLE (self->text), "");
  gtk_popover_popdown (self->popover);
  rebuild_chips (self);
}

/**
 * nd_tag_entry_get_tags:
 * @self: a #NdTagEntry
 *
 * Returns: (transfer none) (nullable) (element-type NdTag): the tags
 */
GPtrArray *
nd_tag_entry_get_tags (NdTagEntry *self)
{
  g_return_val_if_fail (ND_IS_TAG_ENTRY (self), NULL);

  return self->tags;
}
