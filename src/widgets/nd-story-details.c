/* nd-story-details.c
 *
 * SPDX-License-Identifier: GPL-3.0-or-later
 */

#define G_LOG_DOMAIN "newsdesk-story-details"

#include "config.h"

#include <glib/gi18n.h>

#include "nd-search-result.h"
#include "nd-story-details.h"
#include "nd-tag-entry.h"
#include "nd-text-fold.h"
#include "nd-widget-util.h"

#define RELATED_SEARCH_LIMIT 30

/**
 * NdStoryDetails:
 *
 * What a story has besides its text: section, tags, contributors, featured
 * image and related stories. Texts that exist per language (tag labels,
 * contributors' names and roles, the image's caption, alt text and credit)
 * are shown and edited in the language of the edition being edited.
 *
 * It edits the #NdStoryDraft it is given and emits #NdStoryDetails::changed;
 * the story editor saves the draft.
 */
struct _NdStoryDetails
{
  GtkWidget        parent_instance;

  NdStoryStore    *store;
  NdStoryDraft    *draft;   /* the story editor's */
  char            *lang;
  GArray          *section_ids;
  GCancellable    *image_cancellable;
  gboolean         updating;

  AdwComboRow     *section_row;
  NdTagEntry      *tag_entry;
  GtkListBox      *contributors_list;
  GtkMenuButton   *add_contributor_button;
  GtkPopover      *contributor_popover;
  GtkSearchEntry  *contributor_search;
  GtkScrolledWindow *contributor_scroller;
  GtkListBox      *contributor_choices;
  GtkLabel        *new_contributor_label;
  GtkEntry        *new_name_entry;
  GtkEntry        *new_role_entry;
  GtkButton       *choose_image_button;
  GtkStack        *image_stack;
  GtkPicture      *image_picture;
  GtkLabel        *image_file_label;
  AdwEntryRow     *caption_row;
  AdwEntryRow     *alt_row;
  AdwEntryRow     *credit_row;
  GtkListBox      *related_list;
  GtkMenuButton   *add_related_button;
  GtkPopover      *related_popover;
  GtkSearchEntry  *related_search;
  GtkStack        *related_stack;
  GtkLabel        *related_hint;
  GtkListBox      *related_choices;
};

G_DEFINE_FINAL_TYPE (NdStoryDetails, nd_story_details, GTK_TYPE_WIDGET)

enum {
  CHANGED,
  N_SIGNALS
};

static guint signals [N_SIGNALS];

/* Helpers ------------------------------------------------------------------ */

static NdLanguage *
current_language (NdStoryDetails *self)
{
  return nd_story_store_get_language (self->store, self->lang);
}

static const char *
current_language_name (NdStoryDetails *self)
{
  NdLanguage *language = current_language (self);

  return language != NULL ? nd_language_get_native_name (language) : self->lang;
}

/* Records a change of the draft and tells the story editor. */
static void
draft_changed (NdStoryDetails *self,
               gpointer        object)
{
  if (self->updating || self->draft == NULL)
    return;

  nd_story_draft_changed (self->draft, object);
  g_signal_emit (self, signals [CHANGED], 0);
}

static void
clear_list (GtkListBox *list)
{
  GtkWidget *row;

  while ((row = gtk_widget_get_first_child (GTK_WIDGET (list))) != NULL)
    gtk_list_box_remove (list, row);
}

/* Loads @text into an entry row without taking it for an edit. */
static void
set_row_text (NdStoryDetails *self,
              AdwEntryRow    *row,
              const char     *text)
{
  gboolean updating = self->updating;

  self->updating = TRUE;
  gtk_editable_set_text (GTK_EDITABLE (row), text != NULL ? text : "");
  self->updating = updating;
}

static GtkWidget *
create_remove_button (const char *accessible_label)
{
  GtkWidget *button = gtk_button_new_from_icon_name ("user-trash-symbolic");

  gtk_widget_set_valign (button, GTK_ALIGN_CENTER);
  gtk_widget_add_css_class (button, "flat");
  gtk_widget_set_tooltip_text (button, accessible_label);
  gtk_accessible_update_property (GTK_ACCESSIBLE (button), GTK_ACCESSIBLE_PROPERTY_LABEL, accessible_label, -1);

  return button;
}

/* Section ------------------------------------------------------------------ */

static void
fill_sections (NdStoryDetails *self)
{
  GListModel *sections = nd_story_store_get_sections (self->store);
  g_autoptr(GtkStringList) names = gtk_string_list_new (NULL);
  gint64 none = 0;

  g_array_set_size (self->section_ids, 0);
  gtk_string_list_append (names, C_("section", "None"));
  g_array_append_val (self->section_ids, none);

  for (guint i = 0; i < g_list_model_get_n_items (sections); i++)
    {
      g_autoptr(NdSection) section = g_list_model_get_item (sections, i);
      gint64 id = nd_section_get_id (section);

      /* Sections are named in the interface's language, like the rest of
       * the chrome. */
      gtk_string_list_append (names, nd_section_get_name (section, _nd_interface_lang ()));
      g_array_append_val (self->section_ids, id);
    }

  self->updating = TRUE;
  adw_combo_row_set_model (self->section_row, G_LIST_MODEL (names));
  self->updating = FALSE;
}

static void
show_section (NdStoryDetails *self)
{
  gint64 section_id = self->draft != NULL ? nd_story_get_section_id (self->draft->story) : 0;
  guint position = 0;

  for (guint i = 0; i < self->section_ids->len; i++)
    if (g_array_index (self->section_ids, gint64, i) == section_id)
      position = i;

  self->updating = TRUE;
  adw_combo_row_set_selected (self->section_row, position);
  self->updating = FALSE;
}

static void
on_section_selected_cb (NdStoryDetails *self)
{
  guint position = adw_combo_row_get_selected (self->section_row);

  if (self->updating || self->draft == NULL || position >= self->section_ids->len)
    return;

  nd_story_set_section_id (self->draft->story, g_array_index (self->section_ids, gint64, position));
  draft_changed (self, NULL);
}

/* Contributors ------------------------------------------------------------- */

static void rebuild_contributors (NdStoryDetails *self);

static void
update_contributor_row (NdStoryDetails *self,
                        AdwExpanderRow *row,
                        NdContributor  *contributor)
{
  const char * const langs[] = { self->lang, NULL };
  const char *name = nd_localized_text_get_first (nd_contributor_get_names (contributor), langs);
  const char *role = nd_localized_text_get_first (nd_contributor_get_roles (contributor), langs);

  adw_preferences_row_set_title (ADW_PREFERENCES_ROW (row), name != NULL ? name : _("Unnamed contributor"));
  adw_expander_row_set_subtitle (row, role != NULL ? role : "");
}

static void
on_contributor_text_changed_cb (AdwEntryRow    *entry,
                                NdStoryDetails *self)
{
  NdContributor *contributor = g_object_get_data (G_OBJECT (entry), "contributor");
  const char *field = g_object_get_data (G_OBJECT (entry), "field");
  NdLocalizedText *texts = g_str_equal (field, "name")
                           ? nd_contributor_get_names (contributor)
                           : nd_contributor_get_roles (contributor);
  GtkWidget *row;

  if (self->updating)
    return;

  nd_localized_text_set (texts, self->lang, gtk_editable_get_text (GTK_EDITABLE (entry)));
  row = gtk_widget_get_ancestor (GTK_WIDGET (entry), ADW_TYPE_EXPANDER_ROW);
  if (row != NULL)
    update_contributor_row (self, ADW_EXPANDER_ROW (row), contributor);
  draft_changed (self, contributor);
}

static void
on_remove_contributor_cb (GtkButton      *button,
                          NdStoryDetails *self)
{
  NdContributor *contributor = g_object_get_data (G_OBJECT (button), "contributor");

  if (self->draft == NULL || !g_ptr_array_remove (self->draft->contributors, contributor))
    return;

  rebuild_contributors (self);
  draft_changed (self, NULL);
}

static GtkWidget *
create_contributor_text_row (NdStoryDetails *self,
                             NdContributor  *contributor,
                             const char     *field)
{
  GtkWidget *entry = adw_entry_row_new ();
  gboolean is_name = g_str_equal (field, "name");
  NdLocalizedText *texts = is_name ? nd_contributor_get_names (contributor) : nd_contributor_get_roles (contributor);
  g_autofree char *title = NULL;

  adw_preferences_row_set_use_markup (ADW_PREFERENCES_ROW (entry), FALSE);
  /* Translators: %s is a language's own name, as in "Name (English)" */
  title = is_name ? g_strdup_printf (_("Name (%s)"), current_language_name (self))
  /* Translators: %s is a language's own name, as in "Role (English)" */
                  : g_strdup_printf (_("Role (%s)"), current_language_name (self));
  adw_preferences_row_set_title (ADW_PREFERENCES_ROW (entry), title);
  set_row_text (self, ADW_ENTRY_ROW (entry), nd_localized_text_get (texts, self->lang));
  _nd_widget_set_direction_deep (entry, _nd_language_get_direction (current_language (self)));

  g_object_set_data_full (G_OBJECT (entry), "contributor", g_object_ref (contributor), g_object_unref);
  g_object_set_data (G_OBJECT (entry), "field", (gpointer) (is_name ? "name" : "role"));
  g_signal_connect_object (entry, "changed", G_CALLBACK (on_contributor_text_changed_cb), self, 0);

  return entry;
}

static GtkWidget *
create_contributor_row (NdStoryDetails *self,
                        NdContributor  *contributor)
{
  GtkWidget *row = adw_expander_row_new ();
  g_autofree char *remove = NULL;
  GtkWidget *button;

  adw_preferences_row_set_use_markup (ADW_PREFERENCES_ROW (row), FALSE);
  update_contributor_row (self, ADW_EXPANDER_ROW (row), contributor);

  /* Translators: %s is a contributor's name */
  remove = g_strdup_printf (_("Remove %s"), adw_preferences_row_get_title (ADW_PREFERENCES_ROW (row)));
  button = create_remove_button (remove);
  g_object_set_data_full (G_OBJECT (button), "contributor", g_object_ref (contributor), g_object_unref);
  g_signal_connect_object (button, "clicked", G_CALLBACK (on_remove_contributor_cb), self, 0);
  adw_expander_row_add_action (ADW_EXPANDER_ROW (row), button);

  adw_expander_row_add_row (ADW_EXPANDER_ROW (row), create_contributor_text_row (self, contributor, "name"));
  adw_expander_row_add_row (ADW_EXPANDER_ROW (row), create_contributor_text_row (self, contributor, "role"));

  return row;
}

static void
rebuild_contributors (NdStoryDetails *self)
{
  clear_list (self->contributors_list);
  gtk_widget_set_visible (GTK_WIDGET (self->contributors_list),
                          self->draft != NULL && self->draft->contributors->len > 0);

  for (guint i = 0; self->draft != NULL && i < self->draft->contributors->len; i++)
    gtk_list_box_append (self->contributors_list,
                         create_contributor_row (self, g_ptr_array_index (self->draft->contributors, i)));
}

static gboolean
has_contributor (NdStoryDetails *self,
                 NdContributor  *contributor)
{
  for (guint i = 0; i < self->draft->contributors->len; i++)
    if (nd_contributor_get_id (g_ptr_array_index (self->draft->contributors, i)) == nd_contributor_get_id (contributor))
      return TRUE;

  return FALSE;
}

/* Whether some name of @contributor, in any language, contains @folded. */
static gboolean
contributor_matches (NdContributor *contributor,
                     const char    *folded)
{
  NdLocalizedText *names = nd_contributor_get_names (contributor);
  g_auto(GStrv) langs = nd_localized_text_get_langs (names);

  if (*folded == '\0')
    return TRUE;

  for (guint i = 0; langs[i] != NULL; i++)
    {
      g_autofree char *name = nd_text_fold (nd_localized_text_get (names, langs[i]), -1);

      if (strstr (name, folded) != NULL)
        return TRUE;
    }

  return FALSE;
}

static void
fill_contributor_choices (NdStoryDetails *self)
{
  g_autoptr(GPtrArray) contributors = NULL;
  g_autoptr(GError) error = NULL;
  g_autofree char *folded = NULL;
  const char * const langs[] = { self->lang, NULL };
  guint n_candidates = 0;

  clear_list (self->contributor_choices);
  if (self->draft == NULL)
    return;

  folded = g_strstrip (nd_text_fold (gtk_editable_get_text (GTK_EDITABLE (self->contributor_search)), -1));
  contributors = nd_story_store_list_contributors (self->store, &error);
  if (contributors == NULL)
    {
      g_warning ("Could not list the contributors: %s", error->message);
      return;
    }

  for (guint i = 0; i < contributors->len; i++)
    {
      NdContributor *contributor = g_ptr_array_index (contributors, i);
      const char *name = nd_localized_text_get_first (nd_contributor_get_names (contributor), langs);
      const char *role = nd_localized_text_get_first (nd_contributor_get_roles (contributor), langs);
      GtkWidget *row, *box, *label;

      if (has_contributor (self, contributor))
        continue;
      n_candidates++;
      if (!contributor_matches (contributor, folded))
        continue;

      box = gtk_box_new (GTK_ORIENTATION_VERTICAL, 0);
      label = gtk_label_new (name != NULL ? name : _("Unnamed contributor"));
      gtk_label_set_xalign (GTK_LABEL (label), 0);
      gtk_label_set_ellipsize (GTK_LABEL (label), PANGO_ELLIPSIZE_END);
      gtk_box_append (GTK_BOX (box), label);
      if (role != NULL && *role != '\0')
        {
          label = gtk_label_new (role);
          gtk_label_set_xalign (GTK_LABEL (label), 0);
          gtk_label_set_ellipsize (GTK_LABEL (label), PANGO_ELLIPSIZE_END);
          gtk_widget_add_css_class (label, "caption");
          gtk_widget_add_css_class (label, "dim-label");
          gtk_box_append (GTK_BOX (box), label);
        }

      row = gtk_list_box_row_new ();
      gtk_list_box_row_set_child (GTK_LIST_BOX_ROW (row), box);
      g_object_set_data_full (G_OBJECT (row), "contributor", g_object_ref (contributor), g_object_unref);
      gtk_list_box_append (self->contributor_choices, row);
    }

  /* With no one to choose from, the popover is the form for a new one. */
  gtk_widget_set_visible (GTK_WIDGET (self->contributor_search), n_candidates > 0);
  gtk_widget_set_visible (GTK_WIDGET (self->contributor_scroller),
                          gtk_widget_get_first_child (GTK_WIDGET (self->contributor_choices)) != NULL);
}

static void
add_contributor (NdStoryDetails *self,
                 NdContributor  *contributor)
{
  g_ptr_array_add (self->draft->contributors, g_object_ref (contributor));
  gtk_popover_popdown (self->contributor_popover);
  rebuild_contributors (self);
  draft_changed (self, NULL);
}

static void
on_contributor_popover_show_cb (NdStoryDetails *self)
{
  GtkTextDirection direction = _nd_language_get_direction (current_language (self));
  /* Translators: %s is a language's own name; a new contributor's name and
   * role are typed in that language */
  g_autofree char *heading = g_strdup_printf (_("New Contributor (%s)"), current_language_name (self));

  gtk_label_set_text (self->new_contributor_label, heading);
  _nd_widget_set_direction_deep (GTK_WIDGET (self->new_name_entry), direction);
  _nd_widget_set_direction_deep (GTK_WIDGET (self->new_role_entry), direction);
  gtk_editable_set_text (GTK_EDITABLE (self->contributor_search), "");
  fill_contributor_choices (self);
  gtk_widget_grab_focus (gtk_widget_get_visible (GTK_WIDGET (self->contributor_search))
                         ? GTK_WIDGET (self->contributor_search) : GTK_WIDGET (self->new_name_entry));
}

static void
on_contributor_search_changed_cb (NdStoryDetails *self)
{
  fill_contributor_choices (self);
}

static void
on_contributor_chosen_cb (NdStoryDetails *self,
                          GtkListBoxRow  *row)
{
  if (self->draft != NULL)
    add_contributor (self, g_object_get_data (G_OBJECT (row), "contributor"));
}

static void
add_new_contributor_action (GtkWidget  *widget,
                            const char *action_name,
                            GVariant   *parameter)
{
  NdStoryDetails *self = ND_STORY_DETAILS (widget);
  g_autofree char *name = g_strstrip (g_strdup (gtk_editable_get_text (GTK_EDITABLE (self->new_name_entry))));
  g_autofree char *role = g_strstrip (g_strdup (gtk_editable_get_text (GTK_EDITABLE (self->new_role_entry))));
  g_autoptr(NdContributor) contributor = NULL;

  if (self->draft == NULL)
    return;

  if (*name == '\0')
    {
      gtk_widget_grab_focus (GTK_WIDGET (self->new_name_entry));
      return;
    }

  /* Saved with the story; until then its id is 0. */
  contributor = nd_contributor_new ();
  nd_localized_text_set (nd_contributor_get_names (contributor), self->lang, name);
  if (*role != '\0')
    nd_localized_text_set (nd_contributor_get_roles (contributor), self->lang, role);

  gtk_editable_set_text (GTK_EDITABLE (self->new_name_entry), "");
  gtk_editable_set_text (GTK_EDITABLE (self->new_role_entry), "");
  add_contributor (self, contributor);
}

static void
on_new_contributor_activate_cb (NdStoryDetails *self)
{
  gtk_widget_activate_action (GTK_WIDGET (self), "details.add-new-contributor", NULL);
}

/* Featured image ------------------------------------------------------------ */

static void
load_texture_thread (GTask        *task,
                     gpointer      source_object,
                     gpointer      task_data,
                     GCancellable *cancellable)
{
  GError *error = NULL;
  /* gdk_texture_new_from_file() is thread-safe; a photo from a camera
   * takes a while to decode and must not stop the typing. */
  GdkTexture *texture = gdk_texture_new_from_file (G_FILE (task_data), &error);

  if (texture == NULL)
    g_task_return_error (task, error);
  else
    g_task_return_pointer (task, texture, g_object_unref);
}

static void
on_texture_loaded_cb (GObject      *object,
                      GAsyncResult *result,
                      gpointer      user_data)
{
  NdStoryDetails *self = ND_STORY_DETAILS (object);
  g_autoptr(GError) error = NULL;
  g_autoptr(GdkTexture) texture = g_task_propagate_pointer (G_TASK (result), &error);

  if (g_error_matches (error, G_IO_ERROR, G_IO_ERROR_CANCELLED))
    return;

  gtk_picture_set_paintable (self->image_picture, GDK_PAINTABLE (texture));
  if (texture == NULL)
    {
      /* Translators: the featured image's file cannot be shown; %s says why */
      g_autofree char *message = g_strdup_printf (_("Cannot show the image: %s"), error->message);

      gtk_label_set_text (self->image_file_label, message);
    }
}

static GFile *
media_file (NdMedia *media)
{
  const char *file = media != NULL ? nd_media_get_file (media) : NULL;

  if (file == NULL || *file == '\0')
    return NULL;

  return strstr (file, "://") != NULL ? g_file_new_for_uri (file) : g_file_new_for_path (file);
}

static void
load_picture (NdStoryDetails *self,
              NdMedia        *media)
{
  g_autoptr(GFile) file = media_file (media);
  g_autoptr(GTask) task = NULL;

  g_cancellable_cancel (self->image_cancellable);
  g_clear_object (&self->image_cancellable);
  gtk_picture_set_paintable (self->image_picture, NULL);
  if (file == NULL)
    return;

  self->image_cancellable = g_cancellable_new ();
  task = g_task_new (self, self->image_cancellable, on_texture_loaded_cb, NULL);
  g_task_set_source_tag (task, load_picture);
  g_task_set_return_on_cancel (task, TRUE);
  g_task_set_task_data (task, g_steal_pointer (&file), g_object_unref);
  g_task_run_in_thread (task, load_texture_thread);
}

static void
update_image_texts (NdStoryDetails *self)
{
  NdMedia *media = self->draft != NULL ? self->draft->media : NULL;
  const char *name = current_language_name (self);
  GtkTextDirection direction = _nd_language_get_direction (current_language (self));

  /* Translators: %s is a language's own name, as in "Caption (English)" */
  g_autofree char *caption = g_strdup_printf (_("Caption (%s)"), name);
  /* Translators: %s is a language's own name; the text that describes the
   * image to readers who cannot see it */
  g_autofree char *alt = g_strdup_printf (_("Alt text (%s)"), name);
  /* Translators: %s is a language's own name; who took or owns the image */
  g_autofree char *credit = g_strdup_printf (_("Credit (%s)"), name);

  adw_preferences_row_set_title (ADW_PREFERENCES_ROW (self->caption_row), caption);
  adw_preferences_row_set_title (ADW_PREFERENCES_ROW (self->alt_row), alt);
  adw_preferences_row_set_title (ADW_PREFERENCES_ROW (self->credit_row), credit);

  _nd_widget_set_direction_deep (GTK_WIDGET (self->caption_row), direction);
  _nd_widget_set_direction_deep (GTK_WIDGET (self->alt_row), direction);
  _nd_widget_set_direction_deep (GTK_WIDGET (self->credit_row), direction);

  set_row_text (self, self->caption_row, media != NULL ? nd_localized_text_get (nd_media_get_captions (media), self->lang) : NULL);
  set_row_text (self, self->alt_row, media != NULL ? nd_localized_text_get (nd_media_get_alts (media), self->lang) : NULL);
  set_row_text (self, self->credit_row, media != NULL ? nd_localized_text_get (nd_media_get_credits (media), self->lang) : NULL);
}

static void
show_image (NdStoryDetails *self)
{
  NdMedia *media = self->draft != NULL ? self->draft->media : NULL;
  g_autoptr(GFile) file = NULL;
  g_autofree char *basename = NULL;

  gtk_stack_set_visible_child_name (self->image_stack, media != NULL ? "image" : "none");
  /* Without an image, the group's own button chooses one. */
  gtk_widget_set_visible (GTK_WIDGET (self->choose_image_button), media != NULL);

  if (media == NULL)
    {
      load_picture (self, NULL);
      return;
    }

  file = media_file (media);
  basename = file != NULL ? g_file_get_basename (file) : NULL;
  gtk_label_set_text (self->image_file_label, basename != NULL ? basename : "");
  load_picture (self, media);
  update_image_texts (self);
}

static void
on_image_text_changed_cb (NdStoryDetails *self,
                          AdwEntryRow    *row)
{
  NdMedia *media = self->draft != NULL ? self->draft->media : NULL;
  NdLocalizedText *texts;

  if (self->updating || media == NULL)
    return;

  if (row == self->caption_row)
    texts = nd_media_get_captions (media);
  else if (row == self->alt_row)
    texts = nd_media_get_alts (media);
  else
    texts = nd_media_get_credits (media);

  nd_localized_text_set (texts, self->lang, gtk_editable_get_text (GTK_EDITABLE (row)));
  draft_changed (self, media);
}

static char *
file_mime_type (GFile *file)
{
  g_autoptr(GFileInfo) info = g_file_query_info (file, G_FILE_ATTRIBUTE_STANDARD_CONTENT_TYPE,
                                                 G_FILE_QUERY_INFO_NONE, NULL, NULL);
  const char *content_type = info != NULL ? g_file_info_get_content_type (info) : NULL;

  return content_type != NULL ? g_content_type_get_mime_type (content_type) : g_strdup ("");
}

static void
on_image_chosen_cb (GtkNativeDialog *dialog,
                    int              response,
                    NdStoryDetails  *self)
{
  g_autoptr(GFile) file = NULL;
  g_autoptr(NdMedia) media = NULL;
  g_autofree char *location = NULL;
  g_autofree char *mime_type = NULL;

  if (response != GTK_RESPONSE_ACCEPT || self->draft == NULL)
    goto out;

  file = gtk_file_chooser_get_file (GTK_FILE_CHOOSER (dialog));
  if (file == NULL)
    goto out;

  location = g_file_is_native (file) ? g_file_get_path (file) : g_file_get_uri (file);
  mime_type = file_mime_type (file);

  /* A new image starts with no caption: the old one described another. */
  media = nd_media_new ();
  nd_media_set_file (media, location);
  nd_media_set_mime_type (media, mime_type);
  g_set_object (&self->draft->media, media);

  show_image (self);
  draft_changed (self, NULL);

out:
  g_object_unref (dialog);
}

static void
choose_image_action (GtkWidget  *widget,
                     const char *action_name,
                     GVariant   *parameter)
{
  NdStoryDetails *self = ND_STORY_DETAILS (widget);
  g_autoptr(GtkFileFilter) filter = gtk_file_filter_new ();
  GtkFileChooserNative *native;
  GtkRoot *root = gtk_widget_get_root (widget);

  if (self->draft == NULL)
    return;

  native = gtk_file_chooser_native_new (_("Choose the Featured Image"),
                                        GTK_IS_WINDOW (root) ? GTK_WINDOW (root) : NULL,
                                        GTK_FILE_CHOOSER_ACTION_OPEN,
                                        _("_Choose"), _("_Cancel"));
  gtk_file_filter_set_name (filter, _("Images"));
  gtk_file_filter_add_mime_type (filter, "image/*");
  gtk_file_chooser_add_filter (GTK_FILE_CHOOSER (native), filter);
  gtk_native_dialog_set_modal (GTK_NATIVE_DIALOG (native), TRUE);

  /* The reference is dropped in the response handler. */
  g_signal_connect_object (native, "response", G_CALLBACK (on_image_chosen_cb), self, 0);
  gtk_native_dialog_show (GTK_NATIVE_DIALOG (native));
}

static void
remove_image_action (GtkWidget  *widget,
                     const char *action_name,
                     GVariant   *parameter)
{
  NdStoryDetails *self = ND_STORY_DETAILS (widget);

  if (self->draft == NULL || self->draft->media == NULL)
    return;

  g_clear_object (&self->draft->media);
  show_image (self);
  draft_changed (self, NULL);
}

/* Related stories ------------------------------------------------------------ */

static void rebuild_related (NdStoryDetails *self);

static const char *
story_headline (NdStoryDetails *self,
                NdStory        *story)
{
  const char * const langs[] = { self->lang, _nd_interface_lang (), NULL };
  const char *headline = nd_story_get_headline (story, langs);

  return *headline != '\0' ? headline : _("Untitled story");
}

static void
on_remove_related_cb (GtkButton      *button,
                      NdStoryDetails *self)
{
  NdStory *story = g_object_get_data (G_OBJECT (button), "story");

  if (self->draft == NULL || !g_ptr_array_remove (self->draft->related, story))
    return;

  rebuild_related (self);
  draft_changed (self, NULL);
}

static void
rebuild_related (NdStoryDetails *self)
{
  clear_list (self->related_list);
  gtk_widget_set_visible (GTK_WIDGET (self->related_list),
                          self->draft != NULL && self->draft->related->len > 0);

  for (guint i = 0; self->draft != NULL && i < self->draft->related->len; i++)
    {
      NdStory *story = g_ptr_array_index (self->draft->related, i);
      GtkWidget *row = adw_action_row_new ();
      /* Translators: %s is a story's headline */
      g_autofree char *remove = g_strdup_printf (_("Remove “%s”"), story_headline (self, story));
      GtkWidget *button = create_remove_button (remove);

      adw_preferences_row_set_use_markup (ADW_PREFERENCES_ROW (row), FALSE);
      adw_preferences_row_set_title (ADW_PREFERENCES_ROW (row), story_headline (self, story));
      adw_action_row_set_title_lines (ADW_ACTION_ROW (row), 2);
      g_object_set_data_full (G_OBJECT (button), "story", g_object_ref (story), g_object_unref);
      g_signal_connect_object (button, "clicked", G_CALLBACK (on_remove_related_cb), self, 0);
      adw_action_row_add_suffix (ADW_ACTION_ROW (row), button);
      gtk_list_box_append (self->related_list, row);
    }
}

static gboolean
is_related (NdStoryDetails *self,
            gint64          story_id)
{
  for (guint i = 0; i < self->draft->related->len; i++)
    if (nd_story_get_id (g_ptr_array_index (self->draft->related, i)) == story_id)
      return TRUE;

  return FALSE;
}

static GtkWidget *
create_hit_row (NdStoryDetails *self,
                NdSearchHit    *hit)
{
  GtkWidget *row = gtk_list_box_row_new ();
  GtkWidget *box = gtk_box_new (GTK_ORIENTATION_VERTICAL, 2);
  GtkWidget *title = gtk_label_new (*hit->headline != '\0' ? hit->headline : _("Untitled story"));
  g_autofree char *markup = nd_search_snippet_to_markup (hit->snippet);
  GtkWidget *snippet = gtk_label_new (NULL);
  GtkTextDirection direction = _nd_language_get_direction (nd_story_store_get_language (self->store, hit->lang));

  gtk_label_set_xalign (GTK_LABEL (title), 0);
  gtk_label_set_wrap (GTK_LABEL (title), TRUE);
  gtk_label_set_wrap_mode (GTK_LABEL (title), PANGO_WRAP_WORD_CHAR);
  gtk_widget_add_css_class (title, "heading");

  gtk_label_set_markup (GTK_LABEL (snippet), markup);
  gtk_label_set_xalign (GTK_LABEL (snippet), 0);
  gtk_label_set_wrap (GTK_LABEL (snippet), TRUE);
  gtk_label_set_wrap_mode (GTK_LABEL (snippet), PANGO_WRAP_WORD_CHAR);
  gtk_label_set_lines (GTK_LABEL (snippet), 2);
  gtk_label_set_ellipsize (GTK_LABEL (snippet), PANGO_ELLIPSIZE_END);
  gtk_widget_add_css_class (snippet, "caption");
  gtk_widget_add_css_class (snippet, "dim-label");

  gtk_box_append (GTK_BOX (box), title);
  gtk_box_append (GTK_BOX (box), snippet);
  _nd_widget_set_direction_deep (box, direction);
  gtk_list_box_row_set_child (GTK_LIST_BOX_ROW (row), box);
  g_object_set_data_full (G_OBJECT (row), "story-id", g_memdup2 (&hit->story_id, sizeof hit->story_id), g_free);

  return row;
}

static void
search_related (NdStoryDetails *self)
{
  g_autofree char *typed = g_strstrip (g_strdup (gtk_editable_get_text (GTK_EDITABLE (self->related_search))));
  g_autoptr(GHashTable) seen = g_hash_table_new_full (g_int64_hash, g_int64_equal, g_free, NULL);
  g_autoptr(GPtrArray) hits = NULL;
  g_autoptr(GError) error = NULL;
  guint n_rows = 0;

  clear_list (self->related_choices);
  if (self->draft == NULL || *typed == '\0')
    {
      gtk_label_set_text (self->related_hint, _("Type words from the story you are looking for, in any language."));
      gtk_stack_set_visible_child_name (self->related_stack, "hint");
      return;
    }

  hits = nd_story_store_search (self->store, typed, NULL, RELATED_SEARCH_LIMIT, &error);
  if (hits == NULL)
    g_warning ("Could not search: %s", error->message);

  for (guint i = 0; hits != NULL && i < hits->len; i++)
    {
      NdSearchHit *hit = g_ptr_array_index (hits, i);

      /* One row per story, from its best edition. */
      if (hit->story_id == nd_story_get_id (self->draft->story) || is_related (self, hit->story_id) ||
          g_hash_table_contains (seen, &hit->story_id))
        continue;
      g_hash_table_add (seen, g_memdup2 (&hit->story_id, sizeof hit->story_id));
      gtk_list_box_append (self->related_choices, create_hit_row (self, hit));
      n_rows++;
    }

  if (n_rows == 0)
    {
      gtk_label_set_text (self->related_hint, _("No stories found."));
      gtk_stack_set_visible_child_name (self->related_stack, "hint");
    }
  else
    gtk_stack_set_visible_child_name (self->related_stack, "results");
}

static void
on_related_popover_show_cb (NdStoryDetails *self)
{
  gtk_editable_set_text (GTK_EDITABLE (self->related_search), "");
  search_related (self);
  gtk_widget_grab_focus (GTK_WIDGET (self->related_search));
}

static void
on_related_search_changed_cb (NdStoryDetails *self)
{
  search_related (self);
}

static void
on_related_chosen_cb (NdStoryDetails *self,
                      GtkListBoxRow  *row)
{
  const gint64 *story_id = g_object_get_data (G_OBJECT (row), "story-id");
  g_autoptr(NdStory) story = NULL;
  g_autoptr(GError) error = NULL;

  if (self->draft == NULL || story_id == NULL)
    return;

  story = nd_story_store_load_story_summary (self->store, *story_id, &error);
  if (story == NULL)
    {
      g_warning ("Could not load story %" G_GINT64_FORMAT ": %s", *story_id, error->message);
      return;
    }

  g_ptr_array_add (self->draft->related, g_steal_pointer (&story));
  gtk_popover_popdown (self->related_popover);
  rebuild_related (self);
  draft_changed (self, NULL);
}

/* Callbacks ---------------------------------------------------------------- */

static void
on_tags_changed_cb (NdStoryDetails *self)
{
  draft_changed (self, NULL);
}

static void
on_store_reset_cb (NdStoryDetails *self)
{
  fill_sections (self);
  show_section (self);
}

/* Overrides ---------------------------------------------------------------- */

static void
nd_story_details_dispose (GObject *object)
{
  NdStoryDetails *self = (NdStoryDetails *)object;
  GtkWidget *child;

  g_cancellable_cancel (self->image_cancellable);
  g_clear_object (&self->image_cancellable);
  self->draft = NULL;

  gtk_widget_dispose_template (GTK_WIDGET (self), ND_TYPE_STORY_DETAILS);
  /* The template's unnamed top child is not among the bound ones. */
  while ((child = gtk_widget_get_first_child (GTK_WIDGET (self))) != NULL)
    gtk_widget_unparent (child);
  g_clear_object (&self->store);

  G_OBJECT_CLASS (nd_story_details_parent_class)->dispose (object);
}

static void
nd_story_details_finalize (GObject *object)
{
  NdStoryDetails *self = (NdStoryDetails *)object;

  g_clear_pointer (&self->section_ids, g_array_unref);
  g_free (self->lang);

  G_OBJECT_CLASS (nd_story_details_parent_class)->finalize (object);
}

static void
nd_story_details_class_init (NdStoryDetailsClass *klass)
{
  GObjectClass *object_class = G_OBJECT_CLASS (klass);
  GtkWidgetClass *widget_class = GTK_WIDGET_CLASS (klass);

  object_class->dispose = nd_story_details_dispose;
  object_class->finalize = nd_story_details_finalize;

  /**
   * NdStoryDetails::changed:
   * @self: the details
   *
   * The draft changed and wants saving.
   */
  signals [CHANGED] =
    g_signal_new ("changed", G_TYPE_FROM_CLASS (klass), G_SIGNAL_RUN_LAST,
                  0, NULL, NULL, NULL, G_TYPE_NONE, 0);

  g_type_ensure (ND_TYPE_TAG_ENTRY);

  gtk_widget_class_set_template_from_resource (widget_class, "/io/github/newsdesk/Newsdesk/nd-story-details.ui");
  gtk_widget_class_bind_template_child (widget_class, NdStoryDetails, section_row);
  gtk_widget_class_bind_template_child (widget_class, NdStoryDetails, tag_entry);
  gtk_widget_class_bind_template_child (widget_class, NdStoryDetails, contributors_list);
  gtk_widget_class_bind_template_child (widget_class, NdStoryDetails, add_contributor_button);
  gtk_widget_class_bind_template_child (widget_class, NdStoryDetails, contributor_popover);
  gtk_widget_class_bind_template_child (widget_class, NdStoryDetails, contributor_search);
  gtk_widget_class_bind_template_child (widget_class, NdStoryDetails, contributor_scroller);
  gtk_widget_class_bind_template_child (widget_class, NdStoryDetails, contributor_choices);
  gtk_widget_class_bind_template_child (widget_class, NdStoryDetails, new_contributor_label);
  gtk_widget_class_bind_template_child (widget_class, NdStoryDetails, new_name_entry);
  gtk_widget_class_bind_template_child (widget_class, NdStoryDetails, new_role_entry);
  gtk_widget_class_bind_template_child (widget_class, NdStoryDetails, choose_image_button);
  gtk_widget_class_bind_template_child (widget_class, NdStoryDetails, image_stack);
  gtk_widget_class_bind_template_child (widget_class, NdStoryDetails, image_picture);
  gtk_widget_class_bind_template_child (widget_class, NdStoryDetails, image_file_label);
  gtk_widget_class_bind_template_child (widget_class, NdStoryDetails, caption_row);
  gtk_widget_class_bind_template_child (widget_class, NdStoryDetails, alt_row);
  gtk_widget_class_bind_template_child (widget_class, NdStoryDetails, credit_row);
  gtk_widget_class_bind_template_child (widget_class, NdStoryDetails, related_list);
  gtk_widget_class_bind_template_child (widget_class, NdStoryDetails, add_related_button);
  gtk_widget_class_bind_template_child (widget_class, NdStoryDetails, related_popover);
  gtk_widget_class_bind_template_child (widget_class, NdStoryDetails, related_search);
  gtk_widget_class_bind_template_child (widget_class, NdStoryDetails, related_stack);
  gtk_widget_class_bind_template_child (widget_class, NdStoryDetails, related_hint);
  gtk_widget_class_bind_template_child (widget_class, NdStoryDetails, related_choices);
  gtk_widget_class_bind_template_callback (widget_class, on_contributor_popover_show_cb);
  gtk_widget_class_bind_template_callback (widget_class, on_contributor_search_changed_cb);
  gtk_widget_class_bind_template_callback (widget_class, on_contributor_chosen_cb);
  gtk_widget_class_bind_template_callback (widget_class, on_new_contributor_activate_cb);
  gtk_widget_class_bind_template_callback (widget_class, on_related_popover_show_cb);
  gtk_widget_class_bind_template_callback (widget_class, on_related_search_changed_cb);
  gtk_widget_class_bind_template_callback (widget_class, on_related_chosen_cb);
  gtk_widget_class_set_layout_manager_type (widget_class, GTK_TYPE_BIN_LAYOUT);

  gtk_widget_class_install_action (widget_class, "details.add-new-contributor", NULL, add_new_contributor_action);
  gtk_widget_class_install_action (widget_class, "details.choose-image", NULL, choose_image_action);
  gtk_widget_class_install_action (widget_class, "details.remove-image", NULL, remove_image_action);
}

static void
nd_story_details_init (NdStoryDetails *self)
{
  gtk_widget_init_template (GTK_WIDGET (self));

  self->section_ids = g_array_new (FALSE, FALSE, sizeof (gint64));
  self->lang = g_strdup ("en");

  adw_combo_row_set_expression (self->section_row,
                                gtk_property_expression_new (GTK_TYPE_STRING_OBJECT, NULL, "string"));
  g_signal_connect_object (self->section_row, "notify::selected", G_CALLBACK (on_section_selected_cb),
                           self, G_CONNECT_SWAPPED);
  g_signal_connect_object (self->tag_entry, "changed", G_CALLBACK (on_tags_changed_cb), self, G_CONNECT_SWAPPED);
  g_signal_connect_object (self->caption_row, "changed", G_CALLBACK (on_image_text_changed_cb),
                           self, G_CONNECT_SWAPPED);
  g_signal_connect_object (self->alt_row, "changed", G_CALLBACK (on_image_text_changed_cb),
                           self, G_CONNECT_SWAPPED);
  g_signal_connect_object (self->credit_row, "changed", G_CALLBACK (on_image_text_changed_cb),
                           self, G_CONNECT_SWAPPED);
}

/* Public API --------------------------------------------------------------- */

/**
 * nd_story_details_new:
 * @store: the store of the stories shown
 *
 * Returns: (transfer full): a new #NdStoryDetails showing no story
 */
NdStoryDetails *
nd_story_details_new (NdStoryStore *store)
{
  NdStoryDetails *self;

  g_return_val_if_fail (ND_IS_STORY_STORE (store), NULL);

  self = g_object_new (ND_TYPE_STORY_DETAILS, NULL);
  self->store = g_object_ref (store);
  nd_tag_entry_set_store (self->tag_entry, store);
  fill_sections (self);
  g_signal_connect_object (store, "reset", G_CALLBACK (on_store_reset_cb), self, G_CONNECT_SWAPPED);
  nd_story_details_set_draft (self, NULL);

  return self;
}

/**
 * nd_story_details_set_draft:
 * @self: a #NdStoryDetails
 * @draft: (nullable) (transfer none): the story's fields, which the caller
 *   keeps alive while they are shown and saves on #NdStoryDetails::changed
 */
void
nd_story_details_set_draft (NdStoryDetails *self,
                            NdStoryDraft   *draft)
{
  g_return_if_fail (ND_IS_STORY_DETAILS (self));

  self->draft = draft;

  gtk_popover_popdown (self->contributor_popover);
  gtk_popover_popdown (self->related_popover);
  gtk_widget_set_sensitive (GTK_WIDGET (self), draft != NULL);

  show_section (self);
  nd_tag_entry_set_tags (self->tag_entry, draft != NULL ? draft->tags : NULL);
  rebuild_contributors (self);
  show_image (self);
  rebuild_related (self);
}

/**
 * nd_story_details_set_lang:
 * @self: a #NdStoryDetails
 * @lang: the language code of the edition being edited
 *
 * Shows and edits the texts that exist per language in @lang.
 */
void
nd_story_details_set_lang (NdStoryDetails *self,
                           const char     *lang)
{
  g_return_if_fail (ND_IS_STORY_DETAILS (self));
  g_return_if_fail (lang != NULL);

  if (g_strcmp0 (self->lang, lang) == 0)
    return;

  g_free (self->lang);
  self->lang = g_strdup (lang);

  nd_tag_entry_set_lang (self->tag_entry, lang);
  rebuild_contributors (self);
  update_image_texts (self);
  rebuild_related (self);
}
