/* nd-preview.c
 *
 * SPDX-License-Identifier: GPL-3.0-or-later
 */

#define G_LOG_DOMAIN "newsdesk-preview"

#include "config.h"

#include <adwaita.h>
#include <glib/gi18n.h>

#include "nd-preview.h"
#include "nd-render.h"

/* Larger files are not shown: a featured image is a photo, and reading a
 * huge file would only keep a thread busy. */
#define MAX_PICTURE_BYTES (64 * 1024 * 1024)

#define TEMPLATE_RESOURCE "/io/github/newsdesk/Newsdesk/nd-preview.ui"
#define CSS_RESOURCE      "/io/github/newsdesk/Newsdesk/nd-preview.css"

/*
 * NdChipBox: the tags under the piece, laid out as words are, one after the
 * other and on as many lines as they need, from the start edge in the
 * widget's direction. (GtkFlowBox lines its children up in columns, which
 * reads as a table, not as a row of tags.)
 */
#define ND_TYPE_CHIP_BOX (nd_chip_box_get_type ())
G_DECLARE_FINAL_TYPE (NdChipBox, nd_chip_box, ND, CHIP_BOX, GtkWidget)

struct _NdChipBox
{
  GtkWidget parent_instance;
};

G_DEFINE_FINAL_TYPE (NdChipBox, nd_chip_box, GTK_TYPE_WIDGET)

#define CHIP_SPACING 6

/* Lays the children out in @width; allocates them when @allocate is set.
 * Returns the height used. */
static int
nd_chip_box_layout (GtkWidget *widget,
                    int        width,
                    gboolean   allocate)
{
  gboolean rtl = gtk_widget_get_direction (widget) == GTK_TEXT_DIR_RTL;
  int x = 0;
  int y = 0;
  int line_height = 0;

  for (GtkWidget *child = gtk_widget_get_first_child (widget);
       child != NULL;
       child = gtk_widget_get_next_sibling (child))
    {
      int min_width, nat_width, child_width, child_height;

      if (!gtk_widget_should_layout (child))
        continue;

      gtk_widget_measure (child, GTK_ORIENTATION_HORIZONTAL, -1, &min_width, &nat_width, NULL, NULL);
      child_width = CLAMP (nat_width, min_width, MAX (width, min_width));
      gtk_widget_measure (child, GTK_ORIENTATION_VERTICAL, child_width, NULL, &child_height, NULL, NULL);

      if (x > 0 && x + child_width > width)
        {
          y += line_height + CHIP_SPACING;
          x = 0;
          line_height = 0;
        }

      if (allocate)
        {
          GtkAllocation allocation = {
            .x = rtl ? width - x - child_width : x,
            .y = y,
            .width = child_width,
            .height = child_height,
          };

          gtk_widget_size_allocate (child, &allocation, -1);
        }

      x += child_width + CHIP_SPACING;
      line_height = MAX (line_height, child_height);
    }

  return y + line_height;
}

static void
nd_chip_box_measure (GtkWidget      *widget,
                     GtkOrientation  orientation,
                     int             for_size,
                     int            *minimum,
                     int            *natural,
                     int            *minimum_baseline,
                     int            *natural_baseline)
{
  if (orientation == GTK_ORIENTATION_HORIZONTAL)
    {
      int widest = 0;
      int total = 0;

      for (GtkWidget *child = gtk_widget_get_first_child (widget);
           child != NULL;
           child = gtk_widget_get_next_sibling (child))
        {
          int min_width, nat_width;

          if (!gtk_widget_should_layout (child))
            continue;

          gtk_widget_measure (child, GTK_ORIENTATION_HORIZONTAL, -1, &min_width, &nat_width, NULL, NULL);
          widest = MAX (widest, min_width);
          total += nat_width + (total > 0 ? CHIP_SPACING : 0);
        }

      *minimum = widest;
      *natural = MAX (total, widest);
    }
  else
    {
      *minimum = *natural = nd_chip_box_layout (widget, for_size < 0 ? G_MAXINT / 2 : for_size, FALSE);
    }
}

static void
nd_chip_box_size_allocate (GtkWidget *widget,
                           int        width,
                           int        height,
                           int        baseline)
{
  nd_chip_box_layout (widget, width, TRUE);
}

static GtkSizeRequestMode
nd_chip_box_get_request_mode (GtkWidget *widget)
{
  return GTK_SIZE_REQUEST_HEIGHT_FOR_WIDTH;
}

static void
nd_chip_box_dispose (GObject *object)
{
  GtkWidget *child;

  while ((child = gtk_widget_get_first_child (GTK_WIDGET (object))) != NULL)
    gtk_widget_unparent (child);

  G_OBJECT_CLASS (nd_chip_box_parent_class)->dispose (object);
}

static void
nd_chip_box_class_init (NdChipBoxClass *klass)
{
  GObjectClass *object_class = G_OBJECT_CLASS (klass);
  GtkWidgetClass *widget_class = GTK_WIDGET_CLASS (klass);

  object_class->dispose = nd_chip_box_dispose;
  widget_class->measure = nd_chip_box_measure;
  widget_class->size_allocate = nd_chip_box_size_allocate;
  widget_class->get_request_mode = nd_chip_box_get_request_mode;
  gtk_widget_class_set_accessible_role (widget_class, GTK_ACCESSIBLE_ROLE_LIST);
}

static void
nd_chip_box_init (NdChipBox *self)
{
}

/**
 * NdPreview:
 *
 * One edition as the publication's site will show it, drawn with GTK
 * widgets and no web engine: section, headline, standfirst, the publish time
 * in the publication's time zone, the featured image's caption, the body
 * with its dateline, the contributor line and the tags, in one centred
 * column laid out in the edition's direction.
 *
 * Nothing in a preview reaches the network. The body is rendered by
 * nd_render_markdown(), so raw HTML never shows and only http, https and
 * mailto links exist; activating a link copies its address instead of
 * opening it. Images in the body show as their alternative text, and the
 * featured image is read only from a local file.
 *
 * The contributor line closes every piece that has contributors, whatever
 * its section: which sections carry a byline is the publication's choice,
 * expressed by giving a story contributors, and no section is special in
 * code. Texts of the story that have no version in the edition's language
 * (a contributor's role, a tag, the caption) fall back to the source
 * language, then to any, and are drawn dimmed so that the gap shows.
 *
 * The preview follows the store: it redraws when its story changes, at the
 * next idle moment when it is on screen, or when it is next shown.
 */
struct _NdPreview
{
  GtkWidget          parent_instance;

  NdStoryStore      *store;
  gint64             story_id;
  char              *lang;
  guint              reload_id;
  gboolean           dirty;
  GCancellable      *picture_cancellable;

  AdwToastOverlay   *toast_overlay;
  GtkStack          *stack;
  AdwStatusPage     *status_page;
  GtkScrolledWindow *scroller;
  GtkBox            *column;
  GtkLabel          *section_label;
  GtkLabel          *headline_label;
  GtkLabel          *standfirst_label;
  GtkLabel          *date_label;
  GtkLabel          *zone_label;
  GtkBox            *figure_box;
  GtkPicture        *picture;
  GtkLabel          *caption_label;
  GtkBox            *body_box;
  GtkBox            *byline_box;
  GtkWidget         *tags_box;
};

G_DEFINE_FINAL_TYPE (NdPreview, nd_preview, GTK_TYPE_WIDGET)

enum {
  PROP_0,
  PROP_STORE,
  PROP_STORY_ID,
  PROP_LANG,
  N_PROPS
};

static GParamSpec *properties[N_PROPS];

static void reload (NdPreview *self);

/* Helpers ------------------------------------------------------------------- */

static void
ensure_css (GtkWidget *widget)
{
  GdkDisplay *display = gtk_widget_get_display (widget);
  g_autoptr(GtkCssProvider) provider = NULL;

  if (display == NULL || g_object_get_data (G_OBJECT (display), "nd-preview-css") != NULL)
    return;

  provider = gtk_css_provider_new ();
  gtk_css_provider_load_from_resource (provider, CSS_RESOURCE);
  gtk_style_context_add_provider_for_display (display, GTK_STYLE_PROVIDER (provider),
                                              GTK_STYLE_PROVIDER_PRIORITY_APPLICATION);
  g_object_set_data_full (G_OBJECT (display), "nd-preview-css",
                          g_steal_pointer (&provider), g_object_unref);
}

/* In GTK 4 a widget without a direction of its own follows the default
 * direction, not its parent's, so the edition's direction is given to every
 * widget of the column. */
static void
set_direction_recursive (GtkWidget        *widget,
                         GtkTextDirection  direction)
{
  gtk_widget_set_direction (widget, direction);

  for (GtkWidget *child = gtk_widget_get_first_child (widget);
       child != NULL;
       child = gtk_widget_get_next_sibling (child))
    set_direction_recursive (child, direction);
}

static void
remove_children (NdPreview *self,
                 GtkWidget *container)
{
  GtkRoot *root = gtk_widget_get_root (container);
  GtkWidget *focus = root != NULL ? gtk_root_get_focus (root) : NULL;
  GtkWidget *child;

  /* A focused label about to go would leave GTK 4.8 moving the focus from
   * a widget already gone on the next frame (and crashing); the preview
   * itself takes the focus first, so that it stays on the page. */
  if (focus != NULL && gtk_widget_is_ancestor (focus, container) &&
      !gtk_widget_grab_focus (GTK_WIDGET (self)))
    gtk_root_set_focus (root, NULL);

  while ((child = gtk_widget_get_first_child (container)) != NULL)
    gtk_widget_unparent (child);
}

/* The edition's text is in the edition's language whatever the
 * interface's, which matters for fonts and shaping. */
static void
set_label_language (GtkLabel   *label,
                    const char *lang)
{
  PangoAttrList *attrs = pango_attr_list_new ();

  pango_attr_list_insert (attrs, pango_attr_language_new (pango_language_from_string (lang)));
  gtk_label_set_attributes (label, attrs);
  pango_attr_list_unref (attrs);
}

/* A text of the story in @lang, or else in the source language, or else in
 * any; @fallback says whether it is not in @lang. */
static const char *
localized (NdLocalizedText *texts,
           const char      *lang,
           const char      *source_lang,
           gboolean        *fallback)
{
  const char * const langs[] = { lang, source_lang, NULL };
  const char *exact = nd_localized_text_get (texts, lang);

  *fallback = exact == NULL || *exact == '\0';
  return nd_localized_text_get_first (texts, langs);
}

static void
mark_fallback (NdPreview  *self,
               GtkWidget  *widget,
               gboolean    fallback)
{
  NdLanguage *language = nd_story_store_get_language (self->store, self->lang);
  g_autofree char *tooltip = NULL;

  if (!fallback)
    {
      gtk_widget_remove_css_class (widget, "preview-fallback");
      gtk_widget_set_tooltip_text (widget, NULL);
      return;
    }

  /* Translators: a tooltip on a text of the preview shown in another
   * language; %s is the edition's language, e.g. "Arabic" */
  tooltip = g_strdup_printf (_("Not yet translated into %s"),
                             language != NULL ? nd_language_get_native_name (language) : self->lang);
  gtk_widget_add_css_class (widget, "preview-fallback");
  gtk_widget_set_tooltip_text (widget, tooltip);
}

/* Callbacks ----------------------------------------------------------------- */

/* The preview shows where a link goes (its tooltip) but never opens it:
 * the address is copied instead, for the editor to check where they
 * choose. */
static gboolean
on_activate_link_cb (NdPreview  *self,
                     const char *uri,
                     GtkLabel   *label)
{
  AdwToast *toast;

  gdk_clipboard_set_text (gtk_widget_get_clipboard (GTK_WIDGET (label)), uri);

  toast = adw_toast_new (_("Links do not open from the preview; address copied"));
  adw_toast_set_timeout (toast, 3);
  adw_toast_overlay_add_toast (self->toast_overlay, toast);

  return TRUE;
}

static void
on_picture_loaded_cb (GObject      *object,
                      GAsyncResult *result,
                      gpointer      user_data)
{
  NdPreview *self = ND_PREVIEW (object);
  g_autoptr(GError) error = NULL;
  g_autoptr(GdkTexture) texture = g_task_propagate_pointer (G_TASK (result), &error);

  if (g_error_matches (error, G_IO_ERROR, G_IO_ERROR_CANCELLED))
    return;

  if (texture == NULL)
    {
      g_debug ("Featured image not shown: %s", error->message);
      return;
    }

  gtk_picture_set_paintable (self->picture, GDK_PAINTABLE (texture));
  gtk_widget_set_visible (GTK_WIDGET (self->picture), TRUE);
  gtk_widget_set_visible (GTK_WIDGET (self->figure_box), TRUE);
}

static void
load_picture_thread (GTask        *task,
                     gpointer      source_object,
                     gpointer      task_data,
                     GCancellable *cancellable)
{
  GFile *file = task_data;
  GError *error = NULL;
  g_autoptr(GFileInfo) info = NULL;
  g_autoptr(GBytes) bytes = NULL;
  GdkTexture *texture;

  info = g_file_query_info (file, G_FILE_ATTRIBUTE_STANDARD_TYPE "," G_FILE_ATTRIBUTE_STANDARD_SIZE,
                            G_FILE_QUERY_INFO_NONE, cancellable, &error);
  if (info == NULL)
    {
      g_task_return_error (task, error);
      return;
    }

  if (g_file_info_get_file_type (info) != G_FILE_TYPE_REGULAR ||
      g_file_info_get_size (info) > MAX_PICTURE_BYTES)
    {
      g_task_return_new_error (task, G_IO_ERROR, G_IO_ERROR_NOT_SUPPORTED,
                               "not a regular file of at most %d bytes", MAX_PICTURE_BYTES);
      return;
    }

  bytes = g_file_load_bytes (file, cancellable, NULL, &error);
  if (bytes == NULL)
    {
      g_task_return_error (task, error);
      return;
    }

  texture = gdk_texture_new_from_bytes (bytes, &error);
  if (texture == NULL)
    g_task_return_error (task, error);
  else
    g_task_return_pointer (task, texture, g_object_unref);
}

/* Only a local file is ever read; a media's file that is a URL, or a
 * relative name, is not shown. */
static void
load_picture (NdPreview  *self,
              const char *path)
{
  g_autoptr(GTask) task = NULL;

  g_cancellable_cancel (self->picture_cancellable);
  g_clear_object (&self->picture_cancellable);
  gtk_picture_set_paintable (self->picture, NULL);
  gtk_widget_set_visible (GTK_WIDGET (self->picture), FALSE);

  if (path == NULL || !g_path_is_absolute (path))
    return;

  self->picture_cancellable = g_cancellable_new ();
  task = g_task_new (self, self->picture_cancellable, on_picture_loaded_cb, NULL);
  g_task_set_source_tag (task, load_picture);
  g_task_set_task_data (task, g_file_new_for_path (path), g_object_unref);
  g_task_run_in_thread (task, load_picture_thread);
}

static gboolean
reload_idle_cb (gpointer user_data)
{
  NdPreview *self = ND_PREVIEW (user_data);

  self->reload_id = 0;
  reload (self);

  return G_SOURCE_REMOVE;
}

static void
on_story_changed_cb (NdPreview    *self,
                     gint64        story_id,
                     NdStoryStore *store)
{
  if (story_id != self->story_id || self->story_id == 0)
    return;

  if (!gtk_widget_get_mapped (GTK_WIDGET (self)))
    {
      self->dirty = TRUE;
      return;
    }

  /* An autosave can change a story several times in a row; draw once. */
  if (self->reload_id == 0)
    self->reload_id = g_idle_add_full (G_PRIORITY_DEFAULT_IDLE, reload_idle_cb, self, NULL);
}

static void
on_store_reset_cb (NdPreview    *self,
                   NdStoryStore *store)
{
  on_story_changed_cb (self, self->story_id, store);
}

/* Drawing ------------------------------------------------------------------- */

static GtkWidget *
new_text_label (NdPreview         *self,
                const char        *markup,
                const char        *css_class,
                GtkAccessibleRole  role)
{
  GtkWidget *label = g_object_new (GTK_TYPE_LABEL, "accessible-role", role, NULL);

  gtk_label_set_markup (GTK_LABEL (label), markup);
  gtk_label_set_wrap (GTK_LABEL (label), TRUE);
  gtk_label_set_wrap_mode (GTK_LABEL (label), PANGO_WRAP_WORD_CHAR);
  gtk_label_set_xalign (GTK_LABEL (label), 0.0);
  gtk_label_set_selectable (GTK_LABEL (label), TRUE);
  gtk_widget_set_hexpand (label, TRUE);
  gtk_widget_add_css_class (label, "preview-text");
  gtk_widget_add_css_class (label, css_class);
  set_label_language (GTK_LABEL (label), self->lang);
  g_signal_connect_object (label, "activate-link", G_CALLBACK (on_activate_link_cb),
                           self, G_CONNECT_SWAPPED);

  return label;
}

static GtkWidget *
wrap_in_quote (GtkWidget *content,
               guint      depth)
{
  GtkWidget *box = gtk_box_new (GTK_ORIENTATION_HORIZONTAL, 0);
  GtkWidget *bar = gtk_box_new (GTK_ORIENTATION_VERTICAL, 0);

  gtk_widget_add_css_class (box, "preview-quote");
  gtk_widget_add_css_class (bar, "preview-quote-bar");
  gtk_widget_set_margin_start (box, 16 * (MAX (depth, 1) - 1));
  gtk_box_append (GTK_BOX (box), bar);
  gtk_box_append (GTK_BOX (box), content);

  return box;
}

static GtkWidget *
wrap_in_item (GtkWidget           *content,
              const NdRenderBlock *block)
{
  GtkWidget *box = gtk_box_new (GTK_ORIENTATION_HORIZONTAL, 0);
  GtkWidget *marker = gtk_label_new (block->marker);

  gtk_widget_add_css_class (box, "preview-item");
  gtk_widget_add_css_class (marker, "preview-marker");
  if (block->ordered)
    gtk_widget_add_css_class (marker, "numeric");
  gtk_label_set_xalign (GTK_LABEL (marker), block->ordered ? 1.0 : 0.5);
  gtk_label_set_yalign (GTK_LABEL (marker), 0.0);
  gtk_widget_set_valign (marker, GTK_ALIGN_START);
  gtk_widget_set_size_request (marker, 28, -1);
  gtk_widget_set_margin_start (box, 24 * (MAX (block->list_depth, 1) - 1));
  gtk_box_append (GTK_BOX (box), marker);
  gtk_box_append (GTK_BOX (box), content);

  return box;
}

static GtkWidget *
build_block (NdPreview           *self,
             const NdRenderBlock *block)
{
  GtkWidget *widget;
  g_autofree char *heading_class = NULL;

  switch (block->kind)
    {
    case ND_RENDER_BLOCK_HEADING:
      heading_class = g_strdup_printf ("preview-heading-%u", block->level);
      widget = new_text_label (self, block->markup, "preview-heading", GTK_ACCESSIBLE_ROLE_HEADING);
      gtk_widget_add_css_class (widget, heading_class);
      gtk_accessible_update_property (GTK_ACCESSIBLE (widget),
                                      GTK_ACCESSIBLE_PROPERTY_LEVEL, (int) block->level, -1);
      break;

    case ND_RENDER_BLOCK_QUOTE:
      widget = new_text_label (self, block->markup, "preview-quote-text", GTK_ACCESSIBLE_ROLE_LABEL);
      break;

    case ND_RENDER_BLOCK_LIST_ITEM:
      widget = new_text_label (self, block->markup, "preview-item-text", GTK_ACCESSIBLE_ROLE_LABEL);
      break;

    case ND_RENDER_BLOCK_CODE:
      widget = new_text_label (self, block->markup, "preview-code", GTK_ACCESSIBLE_ROLE_LABEL);
      gtk_label_set_wrap_mode (GTK_LABEL (widget), PANGO_WRAP_CHAR);
      break;

    case ND_RENDER_BLOCK_RULE:
      widget = gtk_separator_new (GTK_ORIENTATION_HORIZONTAL);
      gtk_widget_add_css_class (widget, "preview-rule");
      gtk_widget_set_halign (widget, GTK_ALIGN_CENTER);
      gtk_widget_set_size_request (widget, 160, -1);
      break;

    case ND_RENDER_BLOCK_PARAGRAPH:
    default:
      widget = new_text_label (self, block->markup, "preview-paragraph", GTK_ACCESSIBLE_ROLE_LABEL);
      break;
    }

  /* The innermost container is drawn innermost: a quote inside a list
   * item has its bar inside the item's marker, a list inside a quote its
   * markers inside the bar. */
  if (block->kind == ND_RENDER_BLOCK_QUOTE)
    {
      widget = wrap_in_quote (widget, block->quote_depth);
      if (block->list_depth > 0)
        widget = wrap_in_item (widget, block);
    }
  else
    {
      if (block->list_depth > 0)
        widget = wrap_in_item (widget, block);
      if (block->quote_depth > 0)
        widget = wrap_in_quote (widget, block->quote_depth);
    }

  /* Space between blocks depends on both neighbours; CSS sees only one. */
  gtk_widget_add_css_class (widget, "preview-block");

  return widget;
}

static void
fill_body (NdPreview *self,
           NdEdition *edition)
{
  g_autofree char *dateline = nd_story_store_render_dateline (self->store, edition);
  const char *body = nd_edition_get_body (edition);
  g_autoptr(GPtrArray) blocks = nd_render_markdown (body != NULL ? body : "", dateline);
  const NdRenderBlock *previous = NULL;

  remove_children (self, GTK_WIDGET (self->body_box));

  for (guint i = 0; i < blocks->len; i++)
    {
      const NdRenderBlock *block = g_ptr_array_index (blocks, i);
      GtkWidget *widget = build_block (self, block);

      /* Items of one list sit closer together than paragraphs. */
      if (previous != NULL && block->list_depth > 0 && previous->list_depth > 0)
        gtk_widget_add_css_class (widget, "preview-continued");

      gtk_box_append (self->body_box, widget);
      previous = block;
    }
}

static void
fill_meta (NdPreview *self,
           NdEdition *edition)
{
  g_autofree char *zone_id = nd_story_store_get_setting (self->store, "time-zone");
  g_autoptr(GTimeZone) zone = nd_render_time_zone (zone_id);
  gint64 publish_at = nd_edition_get_publish_at (edition);
  g_autofree char *when = nd_render_publish_time (publish_at, zone, self->lang);
  g_autofree char *tooltip = NULL;

  if (when != NULL)
    {
      g_autoptr(GDateTime) utc = g_date_time_new_from_unix_utc (publish_at);
      g_autoptr(GDateTime) local = g_date_time_to_local (utc);
      /* Translators: the publish time in the editor's own time zone, in a
       * tooltip; see strftime(3), %Z is the zone's abbreviation */
      g_autofree char *mine = g_date_time_format (local, _("%-e %b %Y, %H:%M %Z"));

      /* Translators: a tooltip on the publish time; %s is the time in the
       * editor's own zone */
      tooltip = g_strdup_printf (_("In your time zone: %s"), g_strstrip (mine));
      gtk_label_set_text (self->date_label, when);
      set_label_language (self->date_label, self->lang);
      gtk_widget_remove_css_class (GTK_WIDGET (self->date_label), "preview-unscheduled");
    }
  else
    {
      gtk_label_set_text (self->date_label, _("Not scheduled"));
      gtk_label_set_attributes (self->date_label, NULL);
      gtk_widget_add_css_class (GTK_WIDGET (self->date_label), "preview-unscheduled");
    }

  gtk_widget_set_tooltip_text (GTK_WIDGET (self->date_label), tooltip);
  gtk_label_set_text (self->zone_label, g_time_zone_get_identifier (zone));
}

static void
fill_section (NdPreview *self,
              NdStory   *story)
{
  NdSection *section = nd_story_store_get_section (self->store, nd_story_get_section_id (story));
  gboolean fallback = FALSE;
  const char *name = NULL;

  if (section != NULL)
    name = localized (nd_section_get_names (section), self->lang,
                      nd_story_get_source_lang (story), &fallback);

  gtk_widget_set_visible (GTK_WIDGET (self->section_label), name != NULL);
  gtk_label_set_text (self->section_label, name != NULL ? name : "");
  set_label_language (self->section_label, self->lang);
  mark_fallback (self, GTK_WIDGET (self->section_label), fallback);
}

static void
fill_figure (NdPreview *self,
             NdStory   *story)
{
  gint64 media_id = nd_story_get_featured_media_id (story);
  g_autoptr(NdMedia) media = NULL;
  g_autoptr(GString) caption = g_string_new (NULL);
  const char *source_lang = nd_story_get_source_lang (story);
  const char *text;
  const char *alt;
  gboolean fallback = FALSE;
  gboolean credit_fallback = FALSE;
  gboolean alt_fallback = FALSE;

  if (media_id > 0)
    media = nd_story_store_load_media (self->store, media_id, NULL);

  if (media == NULL)
    {
      load_picture (self, NULL);
      gtk_widget_set_visible (GTK_WIDGET (self->figure_box), FALSE);
      return;
    }

  text = localized (nd_media_get_captions (media), self->lang, source_lang, &fallback);
  if (text != NULL)
    g_string_append (caption, text);
  text = localized (nd_media_get_credits (media), self->lang, source_lang, &credit_fallback);
  if (text != NULL && *text != '\0')
    {
      if (caption->len > 0)
        g_string_append (caption, " · ");
      g_string_append (caption, text);
      fallback = fallback || credit_fallback;
    }

  alt = localized (nd_media_get_alts (media), self->lang, source_lang, &alt_fallback);
  gtk_picture_set_alternative_text (self->picture, alt);

  gtk_label_set_text (self->caption_label, caption->str);
  gtk_widget_set_visible (GTK_WIDGET (self->caption_label), caption->len > 0);
  set_label_language (self->caption_label, self->lang);
  mark_fallback (self, GTK_WIDGET (self->caption_label), fallback);

  /* The figure shows once there is a caption or the picture has loaded. */
  gtk_widget_set_visible (GTK_WIDGET (self->figure_box), caption->len > 0);
  load_picture (self, nd_media_get_file (media));
}

static void
fill_bylines (NdPreview *self,
              NdStory   *story)
{
  GArray *ids = nd_story_get_contributor_ids (story);
  const char *source_lang = nd_story_get_source_lang (story);

  remove_children (self, GTK_WIDGET (self->byline_box));

  for (guint i = 0; ids != NULL && i < ids->len; i++)
    {
      g_autoptr(GError) error = NULL;
      g_autoptr(NdContributor) contributor = NULL;
      g_autofree char *line = NULL;
      gboolean name_fallback = FALSE;
      gboolean role_fallback = FALSE;
      const char *name;
      const char *role;
      GtkWidget *label;

      contributor = nd_story_store_load_contributor (self->store, g_array_index (ids, gint64, i), &error);
      if (contributor == NULL)
        {
          g_debug ("Contributor %" G_GINT64_FORMAT " of story %" G_GINT64_FORMAT " not shown: %s",
                     g_array_index (ids, gint64, i), self->story_id, error->message);
          continue;
        }

      name = localized (nd_contributor_get_names (contributor), self->lang, source_lang, &name_fallback);
      role = localized (nd_contributor_get_roles (contributor), self->lang, source_lang, &role_fallback);
      line = nd_render_byline (name, role);
      if (line == NULL)
        continue;

      label = gtk_label_new (line);
      gtk_label_set_wrap (GTK_LABEL (label), TRUE);
      gtk_label_set_xalign (GTK_LABEL (label), 0.0);
      gtk_label_set_selectable (GTK_LABEL (label), TRUE);
      gtk_widget_add_css_class (label, "preview-byline");
      set_label_language (GTK_LABEL (label), self->lang);
      mark_fallback (self, label, name_fallback || (role != NULL && role_fallback));
      gtk_box_append (self->byline_box, label);
    }

  gtk_widget_set_visible (GTK_WIDGET (self->byline_box),
                          gtk_widget_get_first_child (GTK_WIDGET (self->byline_box)) != NULL);
}

static void
fill_tags (NdPreview *self,
           NdStory   *story)
{
  GArray *ids = nd_story_get_tag_ids (story);
  const char *source_lang = nd_story_get_source_lang (story);
  guint n_tags = 0;

  remove_children (self, self->tags_box);

  for (guint i = 0; ids != NULL && i < ids->len; i++)
    {
      g_autoptr(GError) error = NULL;
      g_autoptr(NdTag) tag = NULL;
      gboolean fallback = FALSE;
      const char *text;
      GtkWidget *chip;

      tag = nd_story_store_load_tag (self->store, g_array_index (ids, gint64, i), &error);
      if (tag == NULL)
        {
          g_debug ("Tag %" G_GINT64_FORMAT " of story %" G_GINT64_FORMAT " not shown: %s",
                     g_array_index (ids, gint64, i), self->story_id, error->message);
          continue;
        }

      text = localized (nd_tag_get_labels (tag), self->lang, source_lang, &fallback);
      if (text == NULL || *text == '\0')
        continue;

      chip = g_object_new (GTK_TYPE_LABEL,
                           "accessible-role", GTK_ACCESSIBLE_ROLE_LIST_ITEM,
                           "label", text,
                           NULL);
      gtk_widget_add_css_class (chip, "preview-tag");
      set_label_language (GTK_LABEL (chip), self->lang);
      mark_fallback (self, chip, fallback);
      gtk_widget_set_parent (chip, self->tags_box);
      n_tags++;
    }

  gtk_widget_set_visible (self->tags_box, n_tags > 0);
}

static void
show_status (NdPreview  *self,
             const char *title,
             const char *description)
{
  adw_status_page_set_title (self->status_page, title);
  adw_status_page_set_description (self->status_page, description);
  gtk_stack_set_visible_child_name (self->stack, "empty");
  /* Translators: the accessible name of the preview when it shows nothing */
  gtk_accessible_update_property (GTK_ACCESSIBLE (self), GTK_ACCESSIBLE_PROPERTY_LABEL, _("Preview"), -1);
  load_picture (self, NULL);
}

static void
reload (NdPreview *self)
{
  g_autoptr(GError) error = NULL;
  g_autoptr(NdStory) story = NULL;
  g_autofree char *accessible_name = NULL;
  NdLanguage *language;
  NdEdition *edition;
  GtkTextDirection direction;
  const char *headline;
  const char *standfirst;

  g_clear_handle_id (&self->reload_id, g_source_remove);
  self->dirty = FALSE;

  if (self->story_id == 0 || self->lang == NULL)
    {
      show_status (self, _("No Edition to Preview"),
                   _("Select a story to see it as it will be published"));
      return;
    }

  story = nd_story_store_load_story (self->store, self->story_id, &error);
  if (story == NULL)
    {
      /* A story deleted for good is an ordinary end for a preview. */
      if (error != NULL && !g_error_matches (error, G_IO_ERROR, G_IO_ERROR_NOT_FOUND))
        g_warning ("Story %" G_GINT64_FORMAT " not loaded for the preview: %s",
                   self->story_id, error->message);
      show_status (self, _("Story Not Found"), _("It may have been deleted"));
      return;
    }

  language = nd_story_store_get_language (self->store, self->lang);
  edition = nd_story_get_edition (story, self->lang);
  if (edition == NULL)
    {
      g_autofree char *title = NULL;

      /* Translators: %s is a language's name, e.g. "Arabic" */
      title = g_strdup_printf (_("No %s Edition"),
                               language != NULL ? nd_language_get_native_name (language) : self->lang);
      show_status (self, title, _("Write or translate this edition to preview it"));
      return;
    }

  /* The edition's direction, whatever the interface's. */
  direction = language != NULL && nd_language_get_rtl (language) ? GTK_TEXT_DIR_RTL : GTK_TEXT_DIR_LTR;

  /* Translators: the accessible name of the preview; %s is the language of
   * the edition shown, in that language, e.g. "Русский" */
  accessible_name = g_strdup_printf (_("Preview (%s)"),
                                     language != NULL ? nd_language_get_native_name (language) : self->lang);
  gtk_accessible_update_property (GTK_ACCESSIBLE (self), GTK_ACCESSIBLE_PROPERTY_LABEL, accessible_name, -1);

  fill_section (self, story);

  headline = nd_edition_get_headline (edition);
  gtk_label_set_text (self->headline_label, headline != NULL && *headline != '\0' ? headline : _("Untitled"));
  set_label_language (self->headline_label, self->lang);
  if (headline != NULL && *headline != '\0')
    gtk_widget_remove_css_class (GTK_WIDGET (self->headline_label), "preview-placeholder");
  else
    gtk_widget_add_css_class (GTK_WIDGET (self->headline_label), "preview-placeholder");

  standfirst = nd_edition_get_standfirst (edition);
  gtk_label_set_text (self->standfirst_label, standfirst != NULL ? standfirst : "");
  set_label_language (self->standfirst_label, self->lang);
  gtk_widget_set_visible (GTK_WIDGET (self->standfirst_label), standfirst != NULL && *standfirst != '\0');

  fill_meta (self, edition);
  fill_figure (self, story);
  fill_body (self, edition);
  fill_bylines (self, story);
  fill_tags (self, story);

  set_direction_recursive (GTK_WIDGET (self->column), direction);
  gtk_stack_set_visible_child_name (self->stack, "page");
}

/* The page scrolls from the keyboard whether the preview itself or one of
 * its labels has the focus: a label keeps the keys it moves its cursor
 * with, and these reach the preview otherwise. */
static gboolean
scroll_shortcut_cb (GtkWidget *widget,
                    GVariant  *args,
                    gpointer   user_data)
{
  NdPreview *self = ND_PREVIEW (widget);
  GtkScrollType scroll;
  gboolean handled = FALSE;

  if (g_strcmp0 (gtk_stack_get_visible_child_name (self->stack), "page") != 0)
    return FALSE;

  g_variant_get (args, "i", &scroll);
  g_signal_emit_by_name (self->scroller, "scroll-child", scroll, FALSE, &handled);

  return handled;
}

/* Overrides ----------------------------------------------------------------- */

static void
nd_preview_map (GtkWidget *widget)
{
  NdPreview *self = ND_PREVIEW (widget);

  GTK_WIDGET_CLASS (nd_preview_parent_class)->map (widget);

  if (self->dirty)
    reload (self);
}

static void
nd_preview_constructed (GObject *object)
{
  NdPreview *self = ND_PREVIEW (object);

  G_OBJECT_CLASS (nd_preview_parent_class)->constructed (object);

  g_assert (ND_IS_STORY_STORE (self->store));

  g_signal_connect_object (self->store, "story-changed", G_CALLBACK (on_story_changed_cb),
                           self, G_CONNECT_SWAPPED);
  g_signal_connect_object (self->store, "story-removed", G_CALLBACK (on_story_changed_cb),
                           self, G_CONNECT_SWAPPED);
  g_signal_connect_object (self->store, "reset", G_CALLBACK (on_store_reset_cb),
                           self, G_CONNECT_SWAPPED);
}

static void
nd_preview_dispose (GObject *object)
{
  NdPreview *self = ND_PREVIEW (object);

  g_clear_handle_id (&self->reload_id, g_source_remove);
  g_cancellable_cancel (self->picture_cancellable);
  g_clear_object (&self->picture_cancellable);
  gtk_widget_dispose_template (GTK_WIDGET (self), ND_TYPE_PREVIEW);
  g_clear_object (&self->store);

  G_OBJECT_CLASS (nd_preview_parent_class)->dispose (object);
}

static void
nd_preview_finalize (GObject *object)
{
  NdPreview *self = ND_PREVIEW (object);

  g_free (self->lang);

  G_OBJECT_CLASS (nd_preview_parent_class)->finalize (object);
}

static void
nd_preview_get_property (GObject    *object,
                         guint       prop_id,
                         GValue     *value,
                         GParamSpec *pspec)
{
  NdPreview *self = ND_PREVIEW (object);

  switch (prop_id)
    {
    case PROP_STORE:
      g_value_set_object (value, self->store);
      break;
    case PROP_STORY_ID:
      g_value_set_int64 (value, self->story_id);
      break;
    case PROP_LANG:
      g_value_set_string (value, self->lang);
      break;
    default:
      G_OBJECT_WARN_INVALID_PROPERTY_ID (object, prop_id, pspec);
    }
}

static void
nd_preview_set_property (GObject      *object,
                         guint         prop_id,
                         const GValue *value,
                         GParamSpec   *pspec)
{
  NdPreview *self = ND_PREVIEW (object);

  switch (prop_id)
    {
    case PROP_STORE:
      g_assert (self->store == NULL);
      self->store = g_value_dup_object (value);
      break;
    default:
      G_OBJECT_WARN_INVALID_PROPERTY_ID (object, prop_id, pspec);
    }
}

static void
nd_preview_class_init (NdPreviewClass *klass)
{
  GObjectClass *object_class = G_OBJECT_CLASS (klass);
  GtkWidgetClass *widget_class = GTK_WIDGET_CLASS (klass);

  object_class->constructed = nd_preview_constructed;
  object_class->dispose = nd_preview_dispose;
  object_class->finalize = nd_preview_finalize;
  object_class->get_property = nd_preview_get_property;
  object_class->set_property = nd_preview_set_property;

  widget_class->map = nd_preview_map;

  /**
   * NdPreview:store:
   *
   * The store the previewed story is read from.
   */
  properties[PROP_STORE] =
    g_param_spec_object ("store", NULL, NULL,
                         ND_TYPE_STORY_STORE,
                         G_PARAM_READWRITE | G_PARAM_CONSTRUCT_ONLY | G_PARAM_STATIC_STRINGS);

  /**
   * NdPreview:story-id:
   *
   * The story whose edition is shown, or 0.
   */
  properties[PROP_STORY_ID] =
    g_param_spec_int64 ("story-id", NULL, NULL,
                        0, G_MAXINT64, 0,
                        G_PARAM_READABLE | G_PARAM_EXPLICIT_NOTIFY | G_PARAM_STATIC_STRINGS);

  /**
   * NdPreview:lang:
   *
   * The language of the edition shown, or %NULL.
   */
  properties[PROP_LANG] =
    g_param_spec_string ("lang", NULL, NULL,
                         NULL,
                         G_PARAM_READABLE | G_PARAM_EXPLICIT_NOTIFY | G_PARAM_STATIC_STRINGS);

  g_object_class_install_properties (object_class, N_PROPS, properties);

  gtk_widget_class_set_template_from_resource (widget_class, TEMPLATE_RESOURCE);
  gtk_widget_class_bind_template_child (widget_class, NdPreview, toast_overlay);
  gtk_widget_class_bind_template_child (widget_class, NdPreview, stack);
  gtk_widget_class_bind_template_child (widget_class, NdPreview, status_page);
  gtk_widget_class_bind_template_child (widget_class, NdPreview, scroller);
  gtk_widget_class_bind_template_child (widget_class, NdPreview, column);
  gtk_widget_class_bind_template_child (widget_class, NdPreview, section_label);
  gtk_widget_class_bind_template_child (widget_class, NdPreview, headline_label);
  gtk_widget_class_bind_template_child (widget_class, NdPreview, standfirst_label);
  gtk_widget_class_bind_template_child (widget_class, NdPreview, date_label);
  gtk_widget_class_bind_template_child (widget_class, NdPreview, zone_label);
  gtk_widget_class_bind_template_child (widget_class, NdPreview, figure_box);
  gtk_widget_class_bind_template_child (widget_class, NdPreview, picture);
  gtk_widget_class_bind_template_child (widget_class, NdPreview, caption_label);
  gtk_widget_class_bind_template_child (widget_class, NdPreview, body_box);
  gtk_widget_class_bind_template_child (widget_class, NdPreview, byline_box);
  gtk_widget_class_bind_template_child (widget_class, NdPreview, tags_box);

  gtk_widget_class_set_layout_manager_type (widget_class, GTK_TYPE_BIN_LAYOUT);
  gtk_widget_class_set_accessible_role (widget_class, GTK_ACCESSIBLE_ROLE_GROUP);
  g_type_ensure (ND_TYPE_CHIP_BOX);

  gtk_widget_class_add_binding (widget_class, GDK_KEY_Page_Down, 0, scroll_shortcut_cb, "i", GTK_SCROLL_PAGE_FORWARD);
  gtk_widget_class_add_binding (widget_class, GDK_KEY_space, 0, scroll_shortcut_cb, "i", GTK_SCROLL_PAGE_FORWARD);
  gtk_widget_class_add_binding (widget_class, GDK_KEY_Page_Up, 0, scroll_shortcut_cb, "i", GTK_SCROLL_PAGE_BACKWARD);
  gtk_widget_class_add_binding (widget_class, GDK_KEY_space, GDK_SHIFT_MASK, scroll_shortcut_cb, "i", GTK_SCROLL_PAGE_BACKWARD);
  gtk_widget_class_add_binding (widget_class, GDK_KEY_Down, 0, scroll_shortcut_cb, "i", GTK_SCROLL_STEP_FORWARD);
  gtk_widget_class_add_binding (widget_class, GDK_KEY_Up, 0, scroll_shortcut_cb, "i", GTK_SCROLL_STEP_BACKWARD);
  gtk_widget_class_add_binding (widget_class, GDK_KEY_Home, 0, scroll_shortcut_cb, "i", GTK_SCROLL_START);
  gtk_widget_class_add_binding (widget_class, GDK_KEY_End, 0, scroll_shortcut_cb, "i", GTK_SCROLL_END);
  gtk_widget_class_set_css_name (widget_class, "preview");
}

static void
nd_preview_init (NdPreview *self)
{
  gtk_widget_init_template (GTK_WIDGET (self));

  /* The preview takes the focus as a whole before its labels, like a
   * document: when GTK moves the focus in (the page that had it was
   * hidden), a selectable label taking it would have all its text
   * selected. Tab goes on into the labels and their links. */
  gtk_widget_set_focusable (GTK_WIDGET (self), TRUE);
  ensure_css (GTK_WIDGET (self));
}

/* Public API ---------------------------------------------------------------- */

/**
 * nd_preview_new:
 * @store: the store to read stories from
 *
 * Returns: (transfer floating): a preview showing nothing yet
 */
NdPreview *
nd_preview_new (NdStoryStore *store)
{
  g_return_val_if_fail (ND_IS_STORY_STORE (store), NULL);

  return g_object_new (ND_TYPE_PREVIEW, "store", store, NULL);
}

/**
 * nd_preview_set_edition:
 * @self: a #NdPreview
 * @story_id: a story, or 0 for none
 * @lang: (nullable): the language of the edition to show
 *
 * Shows the edition of @story_id in @lang and follows its changes. The
 * preview draws at once when it is on screen, else when it is next shown.
 */
void
nd_preview_set_edition (NdPreview  *self,
                        gint64      story_id,
                        const char *lang)
{
  gboolean story_changed;
  gboolean lang_changed;

  g_return_if_fail (ND_IS_PREVIEW (self));
  g_return_if_fail (story_id >= 0);

  story_changed = self->story_id != story_id;
  lang_changed = g_strcmp0 (self->lang, lang) != 0;

  self->story_id = story_id;
  if (lang_changed)
    {
      g_free (self->lang);
      self->lang = g_strdup (lang);
    }

  /* Another edition starts at its top; the same one keeps its place. */
  if (story_changed || lang_changed)
    gtk_adjustment_set_value (gtk_scrolled_window_get_vadjustment (self->scroller), 0);

  if (gtk_widget_get_mapped (GTK_WIDGET (self)))
    reload (self);
  else
    self->dirty = TRUE;

  if (story_changed)
    g_object_notify_by_pspec (G_OBJECT (self), properties[PROP_STORY_ID]);
  if (lang_changed)
    g_object_notify_by_pspec (G_OBJECT (self), properties[PROP_LANG]);
}

gint64
nd_preview_get_story_id (NdPreview *self)
{
  g_return_val_if_fail (ND_IS_PREVIEW (self), 0);

  return self->story_id;
}

/**
 * nd_preview_get_lang:
 * @self: a #NdPreview
 *
 * Returns: (nullable): the language of the edition shown
 */
const char *
nd_preview_get_lang (NdPreview *self)
{
  g_return_val_if_fail (ND_IS_PREVIEW (self), NULL);

  return self->lang;
}
